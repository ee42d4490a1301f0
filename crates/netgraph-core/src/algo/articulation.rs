//! Cut points (articulation points) and bridges of the undirected view, by one depth-first search
//! with low-links (Hopcroft & Tarjan 1973, "Algorithm 447: efficient algorithms for graph
//! manipulation", Commun. ACM 16(6); Tarjan 1974 for bridges).
//!
//! A cut point is an actor whose removal leaves more weak components than before; a bridge is a tie
//! whose removal does. Directions are ignored (a → b and b → a are one tie) and self-loops are
//! neither. The search is iterative (no recursion on long chains). O(V + E) time and memory.

use super::ties::Ties;

/// What the search finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Articulation {
    /// One flag per actor: a cut point.
    pub cut_point: Vec<bool>,
    /// The bridges, each as (lower position, higher position), sorted.
    pub bridges: Vec<(u32, u32)>,
}

const UNSEEN: u32 = u32::MAX;

/// Cut points and bridges of the undirected view.
pub fn articulation(t: &Ties) -> Articulation {
    let n = t.n();
    let mut disc = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut cut_point = vec![false; n];
    let mut bridges = Vec::new();
    let mut time = 0u32;
    // Stack of (actor, parent, next slot to look at).
    let mut stack: Vec<(usize, usize, usize)> = Vec::new();
    for root in 0..n {
        if disc[root] != UNSEEN {
            continue;
        }
        disc[root] = time;
        low[root] = time;
        time += 1;
        let mut root_children = 0;
        stack.push((root, usize::MAX, t.row(root).start));
        while let Some(top) = stack.last_mut() {
            let (v, parent, k) = *top;
            if k < t.row(v).end {
                top.2 += 1;
                let w = t.neighbor(k);
                if w == v || w == parent {
                    continue;
                }
                if disc[w] == UNSEEN {
                    disc[w] = time;
                    low[w] = time;
                    time += 1;
                    if v == root {
                        root_children += 1;
                    }
                    stack.push((w, v, t.row(w).start));
                } else {
                    low[v] = low[v].min(disc[w]);
                }
                continue;
            }
            stack.pop();
            if parent == usize::MAX {
                continue;
            }
            low[parent] = low[parent].min(low[v]);
            if low[v] > disc[parent] {
                bridges.push((parent.min(v) as u32, parent.max(v) as u32));
            }
            if parent != root && low[v] >= disc[parent] {
                cut_point[parent] = true;
            }
        }
        if root_children > 1 {
            cut_point[root] = true;
        }
    }
    bridges.sort_unstable();
    Articulation { cut_point, bridges }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::graph;

    #[test]
    fn bowtie_by_hand() {
        // Triangles 0-1-2 and 3-4-5 joined by 2-3; 6 hangs off 5; 7 isolated; self-loop on 0.
        let g = graph(
            8,
            false,
            &[
                (0, 1),
                (1, 2),
                (2, 0),
                (2, 3),
                (3, 4),
                (4, 5),
                (5, 3),
                (5, 6),
                (0, 0),
            ],
        );
        let a = articulation(&Ties::new(&g));
        assert_eq!(
            a.cut_point,
            [false, false, true, true, false, true, false, false]
        );
        assert_eq!(a.bridges, [(2, 3), (5, 6)]);
    }

    #[test]
    fn reciprocated_arcs_are_one_tie() {
        // 0 ⇄ 1 → 2: both ties are bridges of the undirected view; 1 is the cut point.
        let g = graph(3, true, &[(0, 1), (1, 0), (1, 2)]);
        let a = articulation(&Ties::new(&g));
        assert_eq!(a.cut_point, [false, true, false]);
        assert_eq!(a.bridges, [(0, 1), (1, 2)]);
    }
}
