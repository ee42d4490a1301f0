//! Strongly connected components (Tarjan 1972, "Depth-first search and linear graph algorithms",
//! SIAM J. Comput. 1(2)), with an explicit stack (no recursion on long chains). O(V + E).
//! On an undirected graph they are the connected components.

use crate::graph::Graph;

const UNSEEN: u32 = u32::MAX;

/// Component label of every actor (labels 0.. in the order Tarjan's search completes them).
pub fn strong_components(g: &Graph) -> Vec<u32> {
    let n = g.n();
    let out = g.out();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut label = vec![UNSEEN; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let (mut next, mut count) = (0u32, 0u32);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        calls.push((root, 0));
        while let Some(&mut (v, ref mut k)) = calls.last_mut() {
            if *k == 0 {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            let row = out.neighbors(v);
            if *k < row.len() {
                let w = row[*k] as usize;
                *k += 1;
                if index[w] == UNSEEN {
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    label[w] = count;
                    if w == v {
                        break;
                    }
                }
                count += 1;
            }
        }
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::graph;

    #[test]
    fn cycles_and_chains_by_hand() {
        // 0 → 1 → 2 → 0 is one component; 2 → 3 → 4 ⇄ 5; 6 alone.
        let g = graph(
            7,
            true,
            &[(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 4)],
        );
        let l = strong_components(&g);
        assert!(l[0] == l[1] && l[1] == l[2]);
        assert!(l[4] == l[5] && l[3] != l[4] && l[3] != l[0]);
        let mut distinct = l.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 4);
    }
}
