//! Weakly connected components and Borgatti's fragmentation.
//!
//! Components by union–find with path halving and union by size, O(E α(V)). Fragmentation
//! (Borgatti 2006, "Identifying sets of key players in a social network", Comput. Math. Organ.
//! Theory 12): F = 1 − Σ_k s_k(s_k − 1) / (n(n − 1)) over the weak components of sizes s_k; 1 when
//! fewer than two actors remain.

use crate::graph::Graph;

/// Component label of every actor (labels 0.. in order of each component's first actor) and the
/// component sizes.
pub fn weak_components(g: &Graph) -> (Vec<u32>, Vec<usize>) {
    let n = g.n();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut size = vec![1usize; n];
    fn find(parent: &mut [u32], mut v: u32) -> u32 {
        while parent[v as usize] != v {
            let grand = parent[parent[v as usize] as usize];
            parent[v as usize] = grand;
            v = grand;
        }
        v
    }
    for v in 0..n {
        for &w in g.out().neighbors(v) {
            let (a, b) = (find(&mut parent, v as u32), find(&mut parent, w));
            if a != b {
                let (big, small) = if size[a as usize] >= size[b as usize] {
                    (a, b)
                } else {
                    (b, a)
                };
                parent[small as usize] = big;
                size[big as usize] += size[small as usize];
            }
        }
    }
    let mut sizes = Vec::new();
    let mut root_label = vec![u32::MAX; n];
    let label = (0..n)
        .map(|v| {
            let r = find(&mut parent, v as u32) as usize;
            if root_label[r] == u32::MAX {
                root_label[r] = sizes.len() as u32;
                sizes.push(0);
            }
            sizes[root_label[r] as usize] += 1;
            root_label[r]
        })
        .collect();
    (label, sizes)
}

/// Borgatti's fragmentation of a set of component sizes.
pub fn fragmentation(sizes: &[usize]) -> f64 {
    let n: usize = sizes.iter().sum();
    if n < 2 {
        return 1.0;
    }
    let pairs: f64 = sizes.iter().map(|&s| s as f64 * (s as f64 - 1.0)).sum();
    1.0 - pairs / (n as f64 * (n as f64 - 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::graph;

    #[test]
    fn components_ignore_direction() {
        let g = graph(6, true, &[(1, 0), (2, 1), (4, 3)]);
        let (label, sizes) = weak_components(&g);
        assert_eq!(label, [0, 0, 0, 1, 1, 2]);
        assert_eq!(sizes, [3, 2, 1]);
    }

    #[test]
    fn fragmentation_by_hand() {
        assert_eq!(fragmentation(&[4]), 0.0);
        assert_eq!(fragmentation(&[1, 1, 1]), 1.0);
        // Sizes 3 and 1: 1 − 6/12.
        assert_eq!(fragmentation(&[3, 1]), 0.5);
        assert_eq!(fragmentation(&[1]), 1.0);
        assert_eq!(fragmentation(&[]), 1.0);
    }
}
