//! Borgatti's key-player problems (KPP).
//!
//! Borgatti S. P. (2006), "Identifying sets of key players in a social network", Computational and
//! Mathematical Organization Theory 12: 21–34.
//!
//! * **KPP-Neg** (`fragment`): the set S of k actors whose removal leaves the most fragmented network,
//!   F = 1 − Σ s_j(s_j − 1) / (m(m − 1)) over the weak components of the m = n − k actors that remain
//!   (F = 1 when fewer than two remain).
//! * **KPP-Pos** (`reach`): the set S of k actors that reaches the most others within D steps along
//!   the arcs (following directions in a directed graph): reach = |{v ∉ S : d(S, v) ≤ D}| / (n − k).
//!
//! Both objectives are compared as integers (connected pairs, actors reached), so the search is
//! exact and deterministic. [`search`] follows Borgatti's heuristic with a deterministic start:
//! a greedy start (add, k times, the actor that improves the objective most) and then a swap local
//! search (repeatedly make the single swap of a member for a non-member that improves the objective
//! most, until none does). Ties go to the actor, then the swap, that comes first in id order. The
//! result is a local optimum, not necessarily the global one; [`exhaustive`] examines every k-set.
//!
//! Complexity: one evaluation is O(V + E) (a component count, or a breadth-first search bounded by
//! D); the greedy start costs k·V evaluations, each swap round k(V − k), exhaustive C(V, k).

use super::components::fragmentation;
use super::subgraph::{Components, connected_pairs};
use crate::graph::Graph;
use std::collections::VecDeque;

/// What the key players should do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Objective {
    /// KPP-Neg: their removal fragments the network most.
    Fragment,
    /// KPP-Pos: they reach the most other actors within `distance` steps.
    Reach {
        /// The largest number of steps counted.
        distance: usize,
    },
}

/// A set of key players and its score.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPlayers {
    /// The members (positions), in the id order given to the search.
    pub actors: Vec<usize>,
    /// F of the network without them (`Fragment`), or the share of the others reached (`Reach`).
    pub score: f64,
}

/// Evaluates candidate sets with reusable buffers.
struct Evaluator<'g> {
    g: &'g Graph,
    objective: Objective,
    member: Vec<bool>,
    components: Components,
    depth: Vec<usize>,
    queue: VecDeque<usize>,
}

impl<'g> Evaluator<'g> {
    fn new(g: &'g Graph, objective: Objective) -> Self {
        let n = g.n();
        Evaluator {
            g,
            objective,
            member: vec![false; n],
            components: Components::new(n),
            depth: vec![usize::MAX; n],
            queue: VecDeque::new(),
        }
    }

    fn mark(&mut self, set: &[usize]) {
        self.member.iter_mut().for_each(|m| *m = false);
        for &v in set {
            self.member[v] = true;
        }
    }

    /// The objective as an integer to maximise: −(connected pairs) or the number reached.
    fn value(&mut self, set: &[usize]) -> i64 {
        self.mark(set);
        match self.objective {
            Objective::Fragment => {
                -(connected_pairs(self.components.sizes(self.g, &self.member)) as i64)
            }
            Objective::Reach { distance } => self.reached(distance) as i64,
        }
    }

    /// Actors outside the marked set within `distance` steps of it.
    fn reached(&mut self, distance: usize) -> usize {
        self.depth.iter_mut().for_each(|d| *d = usize::MAX);
        self.queue.clear();
        for v in 0..self.g.n() {
            if self.member[v] {
                self.depth[v] = 0;
                self.queue.push_back(v);
            }
        }
        let mut count = 0;
        while let Some(v) = self.queue.pop_front() {
            if self.depth[v] >= distance {
                continue;
            }
            for &w in self.g.out().neighbors(v) {
                let w = w as usize;
                if self.depth[w] == usize::MAX {
                    self.depth[w] = self.depth[v] + 1;
                    count += 1;
                    self.queue.push_back(w);
                }
            }
        }
        count
    }

    /// The reported score of a set: exactly F, or the share reached.
    fn score(&mut self, set: &[usize]) -> f64 {
        self.mark(set);
        match self.objective {
            Objective::Fragment => fragmentation(self.components.sizes(self.g, &self.member)),
            Objective::Reach { distance } => {
                let others = self.g.n() - set.len();
                if others == 0 {
                    0.0
                } else {
                    self.reached(distance) as f64 / others as f64
                }
            }
        }
    }

    fn result(&mut self, mut set: Vec<usize>, id_rank: &[usize]) -> KeyPlayers {
        set.sort_by_key(|&v| id_rank[v]);
        let score = self.score(&set);
        KeyPlayers { actors: set, score }
    }
}

/// The score of a given set (F without it, or the share of the others it reaches): the value that
/// [`search`] and [`exhaustive`] report for their sets.
pub fn score(g: &Graph, objective: Objective, set: &[usize]) -> f64 {
    Evaluator::new(g, objective).score(set)
}

/// Greedy start plus swap local search (Borgatti 2006), deterministic. `id_rank[v]` is actor v's
/// place in id order (ties go to the smallest). Needs `1 ≤ k ≤ n`; returns `None` otherwise.
pub fn search(g: &Graph, k: usize, objective: Objective, id_rank: &[usize]) -> Option<KeyPlayers> {
    let n = g.n();
    if k == 0 || k > n {
        return None;
    }
    let mut by_id: Vec<usize> = (0..n).collect();
    by_id.sort_by_key(|&v| id_rank[v]);
    let mut eval = Evaluator::new(g, objective);
    let mut set: Vec<usize> = Vec::with_capacity(k);
    let mut inside = vec![false; n];
    while set.len() < k {
        let mut best: Option<(i64, usize)> = None;
        for &v in by_id.iter().filter(|&&v| !inside[v]) {
            set.push(v);
            let value = eval.value(&set);
            set.pop();
            if best.is_none_or(|(b, _)| value > b) {
                best = Some((value, v));
            }
        }
        let (_, v) = best?;
        inside[v] = true;
        set.push(v);
    }
    let mut current = eval.value(&set);
    loop {
        set.sort_by_key(|&v| id_rank[v]);
        let mut best: Option<(i64, usize, usize)> = None;
        for slot in 0..k {
            let out = set[slot];
            for &v in by_id.iter().filter(|&&v| !inside[v]) {
                set[slot] = v;
                let value = eval.value(&set);
                if value > current && best.is_none_or(|(b, _, _)| value > b) {
                    best = Some((value, slot, v));
                }
            }
            set[slot] = out;
        }
        let Some((value, slot, v)) = best else { break };
        inside[set[slot]] = false;
        inside[v] = true;
        set[slot] = v;
        current = value;
    }
    Some(eval.result(set, id_rank))
}

/// C(n, k), or `None` when it exceeds `u64`.
pub fn binomial(n: usize, k: usize) -> Option<u64> {
    if k > n {
        return Some(0);
    }
    let k = k.min(n - k) as u128;
    let mut c: u128 = 1;
    for i in 0..k {
        c = c * (n as u128 - i) / (i + 1);
        if c > u64::MAX as u128 {
            return None;
        }
    }
    u64::try_from(c).ok()
}

/// The best of all k-sets, examined in lexicographic id order; among equally good sets the first
/// (smallest ids) wins. Needs `1 ≤ k ≤ n`. The caller bounds C(n, k) ([`binomial`]).
pub fn exhaustive(
    g: &Graph,
    k: usize,
    objective: Objective,
    id_rank: &[usize],
) -> Option<KeyPlayers> {
    let n = g.n();
    if k == 0 || k > n {
        return None;
    }
    let mut by_id: Vec<usize> = (0..n).collect();
    by_id.sort_by_key(|&v| id_rank[v]);
    let mut eval = Evaluator::new(g, objective);
    // `pick` holds indices into `by_id`, strictly increasing.
    let mut pick: Vec<usize> = (0..k).collect();
    let mut set = vec![0; k];
    let mut best: Option<(i64, Vec<usize>)> = None;
    loop {
        for (s, &i) in set.iter_mut().zip(&pick) {
            *s = by_id[i];
        }
        let value = eval.value(&set);
        if best.as_ref().is_none_or(|(b, _)| value > *b) {
            best = Some((value, set.clone()));
        }
        // Next combination: advance the rightmost index that can move.
        let Some(i) = (0..k).rev().find(|&i| pick[i] < n - k + i) else {
            break;
        };
        pick[i] += 1;
        for j in i + 1..k {
            pick[j] = pick[j - 1] + 1;
        }
    }
    let (_, set) = best?;
    Some(eval.result(set, id_rank))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::{graph, two_stars};

    fn ids(n: usize) -> Vec<usize> {
        (0..n).collect()
    }

    #[test]
    fn removing_both_centres_isolates_everyone() {
        let g = two_stars();
        let r = search(&g, 2, Objective::Fragment, &ids(10)).unwrap();
        assert_eq!((r.actors, r.score), (vec![0, 5], 1.0));
        let e = exhaustive(&g, 2, Objective::Fragment, &ids(10)).unwrap();
        assert_eq!((e.actors, e.score), (vec![0, 5], 1.0));
        // One removal: the centre 0 leaves {1},{2},{3},{4} and the star of 5 (5 actors) among 9.
        let one = search(&g, 1, Objective::Fragment, &ids(10)).unwrap();
        assert_eq!(one.actors, [0]);
        assert!((one.score - (1.0 - 20.0 / 72.0)).abs() < 1e-15);
    }

    #[test]
    fn reach_counts_others_within_the_distance() {
        let g = two_stars();
        // Both centres reach the 8 leaves in one step: 8 / 8.
        let r = search(&g, 2, Objective::Reach { distance: 1 }, &ids(10)).unwrap();
        assert_eq!((r.actors, r.score), (vec![0, 5], 1.0));
        // One actor within 2 steps: a centre reaches 4 leaves + the other centre + its 4 leaves.
        let one = search(&g, 1, Objective::Reach { distance: 2 }, &ids(10)).unwrap();
        assert_eq!((one.actors, one.score), (vec![0], 1.0));
        // Distance 1: the centre reaches 5 of the 9 others.
        assert_eq!(score(&g, Objective::Reach { distance: 1 }, &[0]), 5.0 / 9.0);
        assert_eq!(score(&g, Objective::Reach { distance: 0 }, &[0]), 0.0);
    }

    #[test]
    fn reach_follows_directions() {
        // 0 → 1 → 2 and 3 → 1: from 3, one step reaches 1, two steps 1 and 2.
        let g = graph(4, true, &[(0, 1), (1, 2), (3, 1)]);
        assert_eq!(score(&g, Objective::Reach { distance: 1 }, &[3]), 1.0 / 3.0);
        assert_eq!(score(&g, Objective::Reach { distance: 2 }, &[3]), 2.0 / 3.0);
        assert_eq!(score(&g, Objective::Reach { distance: 5 }, &[2]), 0.0);
    }

    #[test]
    fn swaps_improve_a_poor_greedy_start() {
        // A path 0-1-2-3-4-5-6-7-8, k = 2. The best cut leaves three near-equal pieces, e.g. without
        // 2 and 5: {0,1}, {3,4}, {6,7,8}, pairs 2 + 2 + 6 = 10 of 7·6. Brute force is the reference.
        let edges: Vec<(u32, u32)> = (0..8).map(|i| (i, i + 1)).collect();
        let g = graph(9, false, &edges);
        let e = exhaustive(&g, 2, Objective::Fragment, &ids(9)).unwrap();
        let s = search(&g, 2, Objective::Fragment, &ids(9)).unwrap();
        assert_eq!(e.score, s.score);
        assert!((e.score - (1.0 - 10.0 / 42.0)).abs() < 1e-15);
    }

    #[test]
    fn bad_sizes_and_binomials() {
        let g = two_stars();
        assert!(search(&g, 0, Objective::Fragment, &ids(10)).is_none());
        assert!(exhaustive(&g, 11, Objective::Fragment, &ids(10)).is_none());
        let all = exhaustive(&g, 10, Objective::Fragment, &ids(10)).unwrap();
        assert_eq!(all.score, 1.0);
        assert_eq!(binomial(5, 2), Some(10));
        assert_eq!(binomial(97, 3), Some(147_440));
        assert_eq!(binomial(3, 5), Some(0));
        assert_eq!(binomial(200, 100), None);
    }
}
