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

/// The connected pairs left when one more actor goes, for every actor at once.
///
/// For the graph without the actors marked `removed` (directions ignored), [`CutPairs::each`] gives,
/// for every remaining actor u, Σ s(s − 1) over the weak components once u is removed too. One
/// depth-first search finds the articulation points with their DFS subtree sizes (Hopcroft J. &
/// Tarjan R. (1973), "Algorithm 447: efficient algorithms for graph manipulation", Communications of
/// the ACM 16(6): 372–378): removing u splits its component of size c into the subtrees of the children
/// v with low(v) ≥ disc(u), and the rest, c − 1 minus their sizes. This is the fast neighbourhood
/// evaluation of the critical-node literature (Aringhieri R., Grosso A., Hosteins P. & Scatamacchia R.
/// (2016), "Local search metaheuristics for the critical node problem", Networks 67(3): 209–221).
///
/// [`CutPairs::back`] is the converse: for every removed actor, the connected pairs once it alone
/// returns (it joins the components of its remaining neighbours into one).
///
/// O(V + E) per call, iterative (no recursion), buffers reused between calls.
#[derive(Debug, Clone, Default)]
pub struct CutPairs {
    disc: Vec<u32>,
    low: Vec<u32>,
    size: Vec<u64>,
    split: Vec<u64>,
    split_pairs: Vec<u64>,
    order: Vec<u32>,
    stack: Vec<(u32, u32)>,
    pairs: Vec<u64>,
    /// [`CutPairs::back`]: each remaining actor's component (label + 1, 0 for none), each
    /// component's size, and the last returning actor (+ 1) that counted each component.
    label: Vec<u32>,
    label_size: Vec<u64>,
    counted_by: Vec<u32>,
}

impl CutPairs {
    /// Buffers for graphs of `n` actors.
    pub fn new(n: usize) -> CutPairs {
        CutPairs {
            disc: vec![0; n],
            low: vec![0; n],
            size: vec![0; n],
            split: vec![0; n],
            split_pairs: vec![0; n],
            order: Vec::with_capacity(n),
            stack: Vec::with_capacity(n),
            pairs: vec![0; n],
            label: Vec::new(),
            label_size: Vec::new(),
            counted_by: Vec::new(),
        }
    }

    /// The connected pairs of `g` without `removed` (the first value), and for each actor u the
    /// connected pairs once u is removed as well (the slice; 0 for removed actors). `work` grows by
    /// the actors and arcs visited.
    pub fn each(&mut self, g: &Graph, removed: &[bool], work: &mut u64) -> (u64, &[u64]) {
        let n = g.n();
        let gone = |v: usize| removed.get(v).copied().unwrap_or(false);
        for buf in [&mut self.disc, &mut self.low] {
            buf.clear();
            buf.resize(n, 0);
        }
        for buf in [
            &mut self.size,
            &mut self.split,
            &mut self.split_pairs,
            &mut self.pairs,
        ] {
            buf.clear();
            buf.resize(n, 0);
        }
        let out = g.out();
        let inc = g.is_directed().then(|| g.incoming());
        let degree = |v: usize| out.neighbors(v).len() + inc.map_or(0, |i| i.neighbors(v).len());
        let neighbour = |v: usize, i: usize| {
            let o = out.neighbors(v);
            match o.get(i) {
                Some(&w) => w,
                None => inc.map_or(u32::MAX, |c| c.neighbors(v)[i - o.len()]),
            }
        };
        let mut time = 0u32;
        let mut total = 0u64;
        // Each component: its actors order[first..end] and its size.
        let mut components: Vec<(usize, usize, u64)> = Vec::new();
        for root in 0..n {
            if gone(root) || self.disc[root] != 0 {
                continue;
            }
            let first = self.order.len();
            time += 1;
            self.disc[root] = time;
            self.low[root] = time;
            self.order.push(root as u32);
            self.stack.push((root as u32, 0));
            while let Some(&mut (v, ref mut next)) = self.stack.last_mut() {
                let v = v as usize;
                if (*next as usize) < degree(v) {
                    let w = neighbour(v, *next as usize) as usize;
                    *next += 1;
                    *work += 1;
                    if w == v || gone(w) {
                        continue;
                    }
                    if self.disc[w] == 0 {
                        time += 1;
                        self.disc[w] = time;
                        self.low[w] = time;
                        self.order.push(w as u32);
                        self.stack.push((w as u32, 0));
                    } else {
                        self.low[v] = self.low[v].min(self.disc[w]);
                    }
                    continue;
                }
                self.stack.pop();
                self.size[v] += 1;
                *work += 1;
                if let Some(&(parent, _)) = self.stack.last() {
                    let p = parent as usize;
                    self.size[p] += self.size[v];
                    self.low[p] = self.low[p].min(self.low[v]);
                    if self.low[v] >= self.disc[p] {
                        let s = self.size[v];
                        self.split[p] += s;
                        self.split_pairs[p] += s * s.saturating_sub(1);
                    }
                }
            }
            let c = self.size[root];
            total += c * (c - 1);
            components.push((first, self.order.len(), c));
        }
        for &(first, end, c) in &components {
            for &u in &self.order[first..end] {
                let u = u as usize;
                let rest = c - 1 - self.split[u];
                self.pairs[u] =
                    total - c * (c - 1) + self.split_pairs[u] + rest * rest.saturating_sub(1);
            }
        }
        self.order.clear();
        (total, &self.pairs)
    }

    /// The connected pairs of `g` without `removed` (the first value), and for each removed actor
    /// the connected pairs once it alone comes back (the slice; 0 for the others). `work` grows by
    /// the actors and arcs visited.
    pub fn back(&mut self, g: &Graph, removed: &[bool], work: &mut u64) -> (u64, &[u64]) {
        let n = g.n();
        let gone = |v: usize| removed.get(v).copied().unwrap_or(false);
        for buf in [&mut self.label, &mut self.counted_by] {
            buf.clear();
            buf.resize(n, 0);
        }
        self.label_size.clear();
        self.pairs.clear();
        self.pairs.resize(n, 0);
        let inc = g.is_directed().then(|| g.incoming());
        let neighbours = |v: usize| {
            g.out()
                .neighbors(v)
                .iter()
                .chain(inc.map_or(&[][..], |c| c.neighbors(v)))
        };
        let mut total = 0u64;
        for root in 0..n {
            if gone(root) || self.label[root] != 0 {
                continue;
            }
            let label = self.label_size.len() as u32 + 1;
            self.label[root] = label;
            self.stack.push((root as u32, 0));
            let mut c = 0u64;
            while let Some((v, _)) = self.stack.pop() {
                c += 1;
                *work += 1;
                for &w in neighbours(v as usize) {
                    *work += 1;
                    if !gone(w as usize) && self.label[w as usize] == 0 {
                        self.label[w as usize] = label;
                        self.stack.push((w, 0));
                    }
                }
            }
            self.label_size.push(c);
            total += c * (c - 1);
        }
        for s in (0..n).filter(|&s| gone(s)) {
            let (mut joined, mut joined_pairs) = (0u64, 0u64);
            for &w in neighbours(s) {
                *work += 1;
                let label = self.label[w as usize];
                if label != 0 && self.counted_by[label as usize - 1] != s as u32 + 1 {
                    self.counted_by[label as usize - 1] = s as u32 + 1;
                    let c = self.label_size[label as usize - 1];
                    joined += c;
                    joined_pairs += c * (c - 1);
                }
            }
            self.pairs[s] = total - joined_pairs + (joined + 1) * joined;
        }
        (total, &self.pairs)
    }
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
    #[test]
    fn pairs_without_each_actor_match_recounting() {
        // Two triangles joined through 3 (0-1-2-0, 2-3, 3-4, 4-5-6-4), a pendant 7 on 0, an isolated 8,
        // a self-loop on 8 and a directed back-and-forth pair; 9 removed beforehand.
        for directed in [false, true] {
            let edges = [
                (0, 1),
                (1, 2),
                (2, 0),
                (2, 3),
                (3, 4),
                (4, 5),
                (5, 6),
                (6, 4),
                (7, 0),
                (8, 8),
                (5, 9),
                (9, 5),
                (1, 0),
            ];
            let g = graph(10, directed, &edges);
            let removed: Vec<bool> = (0..10).map(|v| v == 9).collect();
            let mut cut = CutPairs::new(10);
            let mut c = Components::new(10);
            let mut work = 0;
            let (total, each) = cut.each(&g, &removed, &mut work);
            let each = each.to_vec();
            assert_eq!(total, connected_pairs(c.sizes(&g, &removed)));
            assert_eq!(total, 8 * 7);
            for u in 0..9 {
                let mut r = removed.clone();
                r[u] = true;
                assert_eq!(each[u], connected_pairs(c.sizes(&g, &r)), "without {u}");
            }
            // Without 3: {0,1,2,7} and {4,5,6}: 12 + 6.
            assert_eq!(each[3], 18);
            assert!(work > 0);
        }
    }
    #[test]
    fn pairs_without_each_actor_on_random_graphs() {
        for g in crate::algo::shortest::tests::random_graphs(200, false) {
            let n = g.n();
            let removed: Vec<bool> = (0..n).map(|v| v % 5 == 4).collect();
            let (mut cut, mut c, mut work) = (CutPairs::new(n), Components::new(n), 0);
            let each = cut.each(&g, &removed, &mut work).1.to_vec();
            for u in (0..n).filter(|&u| !removed[u]) {
                let mut r = removed.clone();
                r[u] = true;
                assert_eq!(each[u], connected_pairs(c.sizes(&g, &r)));
            }
        }
    }
    #[test]
    fn pairs_with_each_removed_actor_back_match_recounting() {
        for g in crate::algo::shortest::tests::random_graphs(200, false) {
            let n = g.n();
            let removed: Vec<bool> = (0..n).map(|v| v % 3 != 1).collect();
            let (mut cut, mut c, mut work) = (CutPairs::new(n), Components::new(n), 0);
            let (total, back) = cut.back(&g, &removed, &mut work);
            let back = back.to_vec();
            assert_eq!(total, connected_pairs(c.sizes(&g, &removed)));
            for s in (0..n).filter(|&s| removed[s]) {
                let mut r = removed.clone();
                r[s] = false;
                assert_eq!(back[s], connected_pairs(c.sizes(&g, &r)));
            }
        }
    }
}
