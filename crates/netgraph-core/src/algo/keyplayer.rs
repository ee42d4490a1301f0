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
//! Both objectives are compared as integers (connected pairs, actors reached), so every search is
//! exact and deterministic. [`exhaustive`] examines every k-set of the candidates; the heuristic
//! search (greedy start, swaps, variable neighbourhood search) lives in
//! [`keyplayer_search`](super::keyplayer_search). [`contributions`] gives what each member adds.
//!
//! Complexity: one evaluation is O(V + E) (a component count, or a breadth-first search bounded by
//! D); exhaustive makes C(c, k) of them for c candidates, contributions k + 1.

use super::components::fragmentation;
use super::subgraph::{Components, connected_pairs};
use crate::budget::Budget;
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
    /// The members (positions), in the order of the candidates given to the search (id order).
    pub actors: Vec<usize>,
    /// F of the network without them (`Fragment`), or the share of the others reached (`Reach`).
    pub score: f64,
}

/// Evaluates candidate sets with reusable buffers.
pub(super) struct Evaluator<'g> {
    g: &'g Graph,
    objective: Objective,
    member: Vec<bool>,
    components: Components,
    depth: Vec<usize>,
    queue: VecDeque<usize>,
}

impl<'g> Evaluator<'g> {
    pub(super) fn new(g: &'g Graph, objective: Objective) -> Self {
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
    pub(super) fn value(&mut self, set: &[usize]) -> i64 {
        self.mark(set);
        match self.objective {
            Objective::Fragment => {
                -(connected_pairs(self.components.sizes(self.g, &self.member)) as i64)
            }
            Objective::Reach { distance } => self.reached(distance) as i64,
        }
    }

    /// Actors outside the marked set within `distance` steps of it; `depth` says which (not
    /// `usize::MAX`, and not 0 for the members).
    pub(super) fn reached(&mut self, distance: usize) -> usize {
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
    pub(super) fn score(&mut self, set: &[usize]) -> f64 {
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

    /// The set in the candidates' order, with its score.
    pub(super) fn result(&mut self, mut set: Vec<usize>, candidates: &[usize]) -> KeyPlayers {
        set.sort_by_key(|v| candidates.iter().position(|c| c == v));
        let score = self.score(&set);
        KeyPlayers { actors: set, score }
    }

    /// The members whose depth the last [`Evaluator::reached`] set.
    pub(super) fn depth(&self) -> &[usize] {
        &self.depth
    }
}

/// The score of a given set (F without it, or the share of the others it reaches): the value that
/// [`search`](super::keyplayer_search::search) and [`exhaustive`] report for their sets.
pub fn score(g: &Graph, objective: Objective, set: &[usize]) -> f64 {
    Evaluator::new(g, objective).score(set)
}

/// The best value any k-set could have: no connected pair left (`Fragment`), every other actor
/// reached (`Reach`). A set that reaches it is optimal whatever found it.
pub fn best_possible(g: &Graph, objective: Objective, k: usize) -> i64 {
    match objective {
        Objective::Fragment => 0,
        Objective::Reach { .. } => g.n().saturating_sub(k) as i64,
    }
}

/// The objective's value of a set as the searches compare it: −(connected pairs left) for
/// `Fragment`, the number of others reached for `Reach`.
pub fn value(g: &Graph, objective: Objective, set: &[usize]) -> i64 {
    Evaluator::new(g, objective).value(set)
}

/// Each member's contribution: the score of the set minus the score of the set without that member
/// alone (the objective lost if it is dropped). It can be negative: dropping an isolated actor from a
/// `Fragment` set leaves the same pairs among one more actor. k + 1 evaluations.
pub fn contributions(g: &Graph, objective: Objective, set: &[usize]) -> Vec<f64> {
    let mut eval = Evaluator::new(g, objective);
    let whole = eval.score(set);
    (0..set.len())
        .map(|i| {
            let rest: Vec<usize> = set[..i].iter().chain(&set[i + 1..]).copied().collect();
            whole - eval.score(&rest)
        })
        .collect()
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

/// The best of all k-sets of `candidates` (distinct positions, in id order), examined in
/// lexicographic order; among equally good sets the first wins. Needs `1 ≤ k ≤ candidates`. The
/// caller bounds C(c, k) ([`binomial`]).
pub fn exhaustive(
    g: &Graph,
    k: usize,
    objective: Objective,
    candidates: &[usize],
) -> Option<KeyPlayers> {
    exhaustive_within(g, k, objective, candidates, &Budget::unlimited()).map(|(best, _)| best)
}

/// [`exhaustive`] within a budget: one expansion per set examined (the first set always is). Once
/// the budget is spent the best of the sets examined so far is returned, with their number, and
/// `budget.truncated()` is set.
pub fn exhaustive_within(
    g: &Graph,
    k: usize,
    objective: Objective,
    candidates: &[usize],
    budget: &Budget,
) -> Option<(KeyPlayers, u64)> {
    let n = candidates.len();
    if k == 0 || k > n {
        return None;
    }
    let mut examined: u64 = 0;
    let by_id = candidates;
    let mut eval = Evaluator::new(g, objective);
    // `pick` holds indices into `by_id`, strictly increasing.
    let mut pick: Vec<usize> = (0..k).collect();
    let mut set = vec![0; k];
    let mut best: Option<(i64, Vec<usize>)> = None;
    loop {
        for (s, &i) in set.iter_mut().zip(&pick) {
            *s = by_id[i];
        }
        if !budget.tick_slow(1) && examined > 0 {
            break;
        }
        examined += 1;
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
    Some((eval.result(set, candidates), examined))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::{graph, two_stars};

    fn ids(n: usize) -> Vec<usize> {
        (0..n).collect()
    }

    #[test]
    fn exhaustive_finds_both_centres() {
        let g = two_stars();
        let e = exhaustive(&g, 2, Objective::Fragment, &ids(10)).unwrap();
        assert_eq!((e.actors, e.score), (vec![0, 5], 1.0));
        assert_eq!(value(&g, Objective::Fragment, &[0, 5]), 0);
        assert_eq!(best_possible(&g, Objective::Fragment, 2), 0);
        // The centre 0 alone leaves the star of 5 (5 actors) among 9: 20 ordered pairs.
        assert_eq!(value(&g, Objective::Fragment, &[0]), -20);
    }

    #[test]
    fn reach_follows_directions() {
        // 0 → 1 → 2 and 3 → 1: from 3, one step reaches 1, two steps 1 and 2.
        let g = graph(4, true, &[(0, 1), (1, 2), (3, 1)]);
        assert_eq!(score(&g, Objective::Reach { distance: 1 }, &[3]), 1.0 / 3.0);
        assert_eq!(score(&g, Objective::Reach { distance: 2 }, &[3]), 2.0 / 3.0);
        assert_eq!(score(&g, Objective::Reach { distance: 5 }, &[2]), 0.0);
        let g = two_stars();
        // Distance 1: the centre reaches 5 of the 9 others.
        assert_eq!(score(&g, Objective::Reach { distance: 1 }, &[0]), 5.0 / 9.0);
        assert_eq!(score(&g, Objective::Reach { distance: 0 }, &[0]), 0.0);
    }

    #[test]
    fn contributions_are_the_score_lost_without_each_member() {
        // Without {0, 5}: 8 isolated leaves, F = 1. Without 0 alone: the star of 5 (5 actors) and 4
        // isolated leaves among 9, F = 1 − 20/72; without 5 alone, the same. Each contributes 20/72.
        let c = contributions(&two_stars(), Objective::Fragment, &[0, 5]);
        assert_eq!(c.len(), 2);
        let lost = 20.0 / 72.0;
        assert!(
            (c[0] - lost).abs() < 1e-15 && (c[1] - lost).abs() < 1e-15,
            "{c:?}"
        );
        // 0-1 and an isolated 2. Without {0, 2}: F = 1 (one actor left); without 0 alone: 1 and 2
        // unconnected, F = 1, so 2 contributes 0. Without {2}: 0-1 connected, F = 0; with nobody
        // removed: 2 pairs of 6, F = 2/3, so 2 alone contributes −2/3.
        let g = graph(3, false, &[(0, 1)]);
        assert_eq!(contributions(&g, Objective::Fragment, &[0, 2])[1], 0.0);
        let alone = contributions(&g, Objective::Fragment, &[2])[0];
        assert!((alone + 2.0 / 3.0).abs() < 1e-15, "{alone}");
    }

    #[test]
    fn bad_sizes_and_binomials() {
        let g = two_stars();
        assert!(exhaustive(&g, 0, Objective::Fragment, &ids(10)).is_none());
        assert!(exhaustive(&g, 11, Objective::Fragment, &ids(10)).is_none());
        let all = exhaustive(&g, 10, Objective::Fragment, &ids(10)).unwrap();
        assert_eq!(all.score, 1.0);
        assert_eq!(binomial(5, 2), Some(10));
        assert_eq!(binomial(97, 3), Some(147_440));
        assert_eq!(binomial(3, 5), Some(0));
        assert_eq!(binomial(200, 100), None);
    }
}
