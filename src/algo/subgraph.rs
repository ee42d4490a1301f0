//! Removing actors from a graph: the induced subgraph on the actors that remain, and the weak
//! components of what remains without building it.
//!
//! Both serve the what-if engine: disruption experiments recompute a measure on the graph with the
//! removed actors gone (as NetworkX's `G.remove_nodes_from`), and key-player searches evaluate the
//! fragmentation of thousands of candidate removals.

use crate::graph::{Arc, Graph};

/// The graph without the actors marked in `removed`: the remaining actors are renumbered `0..`
/// in their original order, and every arc between two remaining actors is kept with its distance
/// and strength. Returns the subgraph and, for each of its actors, the original position.
///
/// O(V + E log E) (the arcs are re-sorted). `removed` shorter than `g.n()` counts the missing
/// actors as kept.
pub fn without(g: &Graph, removed: &[bool]) -> (Graph, Vec<usize>) {
    let gone = |v: usize| removed.get(v).copied().unwrap_or(false);
    let kept: Vec<usize> = (0..g.n()).filter(|&v| !gone(v)).collect();
    let mut new_position = vec![u32::MAX; g.n()];
    for (i, &v) in kept.iter().enumerate() {
        new_position[v] = i as u32;
    }
    let mut arcs = Vec::with_capacity(g.out().arc_count());
    let out = g.out();
    for &v in &kept {
        let neighbours = out.neighbors(v).iter().zip(out.distances(v));
        for ((&w, &distance), &strength) in neighbours.zip(out.strengths(v)) {
            let w = w as usize;
            // An undirected edge is stored both ways; keep it once.
            if gone(w) || (!g.is_directed() && w < v) {
                continue;
            }
            arcs.push(Arc {
                from: new_position[v],
                to: new_position[w],
                distance,
                strength,
            });
        }
    }
    let sub = Graph::from_arcs(kept.len(), g.is_directed(), g.is_weighted(), arcs);
    (sub, kept)
}

/// Reusable buffers for the sizes of the weak components of a graph minus a set of actors.
///
/// One search costs O(V + E); the buffers are allocated once, so a key-player search can evaluate
/// many candidate sets without allocating.
#[derive(Debug, Clone)]
pub struct Components {
    seen: Vec<bool>,
    stack: Vec<u32>,
    sizes: Vec<usize>,
}

impl Components {
    /// Buffers for graphs of `n` actors.
    pub fn new(n: usize) -> Components {
        Components {
            seen: vec![false; n],
            stack: Vec::with_capacity(n),
            sizes: Vec::new(),
        }
    }

    /// Sizes of the weak components of `g` without the actors marked in `removed` (directions are
    /// ignored), in order of each component's first actor.
    pub fn sizes(&mut self, g: &Graph, removed: &[bool]) -> &[usize] {
        let n = g.n();
        self.seen.clear();
        self.seen.resize(n, false);
        for (v, seen) in self.seen.iter_mut().enumerate() {
            *seen = removed.get(v).copied().unwrap_or(false);
        }
        self.sizes.clear();
        for start in 0..n {
            if self.seen[start] {
                continue;
            }
            self.seen[start] = true;
            self.stack.push(start as u32);
            let mut size = 0;
            while let Some(v) = self.stack.pop() {
                size += 1;
                let v = v as usize;
                let both = g.out().neighbors(v).iter().chain(g.incoming().neighbors(v));
                for &w in both {
                    if !self.seen[w as usize] {
                        self.seen[w as usize] = true;
                        self.stack.push(w);
                    }
                }
            }
            self.sizes.push(size);
        }
        &self.sizes
    }
}

/// Σ s(s − 1) over component sizes: the number of ordered pairs of distinct actors that can reach
/// each other when directions are ignored. Fragmentation is 1 − this / (n(n − 1)).
pub fn connected_pairs(sizes: &[usize]) -> u64 {
    sizes
        .iter()
        .map(|&s| s as u64 * (s as u64).saturating_sub(1))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::components::weak_components;
    use crate::graph::tests::{graph, weighted};

    #[test]
    fn removing_the_centre_of_a_path() {
        // 0-1-2-3-4 without 2: 0-1 and 3-4, renumbered 0-1 and 2-3.
        let g = graph(5, false, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        let (sub, kept) = without(&g, &[false, false, true, false, false]);
        assert_eq!(kept, [0, 1, 3, 4]);
        assert_eq!(sub, graph(4, false, &[(0, 1), (2, 3)]));
        assert_eq!(weak_components(&sub).1, [2, 2]);
    }

    #[test]
    fn keeps_direction_weights_and_loops() {
        let g = weighted(
            4,
            true,
            &[(0, 1, 2.0), (1, 0, 3.0), (1, 3, 4.0), (3, 3, 1.0)],
        );
        let (sub, kept) = without(&g, &[false, false, true]);
        assert_eq!(kept, [0, 1, 3]);
        assert_eq!(
            sub,
            weighted(
                3,
                true,
                &[(0, 1, 2.0), (1, 0, 3.0), (1, 2, 4.0), (2, 2, 1.0)]
            )
        );
    }

    #[test]
    fn component_sizes_ignore_direction_and_removed_actors() {
        let g = graph(6, true, &[(1, 0), (2, 1), (4, 3), (5, 4)]);
        let mut c = Components::new(6);
        assert_eq!(c.sizes(&g, &[]), [3, 3]);
        assert_eq!(
            c.sizes(&g, &[false, true, false, false, true]),
            [1, 1, 1, 1]
        );
        assert_eq!(connected_pairs(&[3, 3]), 12);
        assert_eq!(connected_pairs(&[1, 0]), 0);
    }
}
