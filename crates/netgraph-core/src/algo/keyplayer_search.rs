//! The heuristic key-player search: greedy starts, best-improvement swaps, and a variable
//! neighbourhood search around the best set, with a bounded amount of work.
//!
//! 1. **Greedy start** (Borgatti 2006): add, k times, the candidate that improves the objective most.
//! 2. **Swap local search** (Borgatti 2006): make the single swap of a member for a non-member
//!    candidate that improves the objective most, until none does (a local optimum for swaps).
//! 3. **Reverse greedy start** (`Fragment` only, when it fits in half the work bound): remove every
//!    candidate, then give back, one at a time, the one whose return reconnects fewest pairs, until
//!    k remain; then swaps. It finds actors that only matter together (on Zachary's karate club,
//!    k = 3, {m0, m32, m33}, F = 0.570, where the greedy start and swaps stop at F = 0.482).
//! 4. **Variable neighbourhood search** (Mladenović N. & Hansen P. (1997), "Variable neighborhood
//!    search", Computers & Operations Research 24(11): 1097–1100), as applied to the critical-node
//!    problem by Aringhieri R., Grosso A., Hosteins P. & Scatamacchia R. (2016), "Local search
//!    metaheuristics for the critical node problem", Networks 67(3): 209–221: *shake* the best set
//!    by replacing r random members with r random non-members, run the swap local search, keep the
//!    result if it is strictly better (then r = 1), else try r + 1 (back to 1 after r = k). Each
//!    shake and its local search is one more *start*; the randomness is a ChaCha8 stream of the seed.
//!
//! The search stops when the starts are done, when a set reaches the best value possible (no pair
//! left connected, everyone reached: then it is optimal), when the work — actors and arcs visited —
//! exceeds `max_steps`, or when a [`Budget`] is spent ([`search_within`]: one expansion per pass,
//! below); then the result is the best set found so far and `truncated` says so. A greedy start
//! cut short takes the best-ranked remaining candidates of its last pass; the first pass always
//! runs, so there is always a set.
//!
//! Fast moves: one *pass* gives the value of S ∪ {u} for every candidate u at once. For `Fragment`
//! it is one articulation-point search of the graph without S ([`CutPairs`], O(V + E)); for `Reach`
//! one breadth-first search from S and one bounded one from each candidate (O(V + E) each, far less
//! for small D). The greedy start costs k passes, the reverse one c − k passes ([`CutPairs::back`]),
//! a swap round k passes (one per member dropped) instead of k(c − k) evaluations: O(k(V + E)) per
//! round for `Fragment`. Ties go to the member, then the candidate, first in id order.

use super::keyplayer::{Evaluator, KeyPlayers, Objective, best_possible};
use super::subgraph::CutPairs;
use crate::budget::Budget;
use crate::graph::Graph;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::VecDeque;

/// How much searching to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// Local searches to run: the greedy start and `starts − 1` shaken ones.
    pub starts: usize,
    /// Seed of the shakes.
    pub seed: u64,
    /// The most actors and arcs visited before the search stops with the best set so far.
    pub max_steps: u64,
}

/// A set found by [`search`] and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    /// The set and its score.
    pub found: KeyPlayers,
    /// Local searches run (the greedy start included).
    pub starts: usize,
    /// Improving swaps made, over all starts.
    pub swaps: usize,
    /// Actors and arcs visited.
    pub steps: u64,
    /// Whether the set reaches the best value possible, so it is optimal.
    pub optimal: bool,
    /// Whether the search stopped at `max_steps` or at its budget before its starts were done.
    pub truncated: bool,
}

/// Greedy start, swaps and variable neighbourhood search over `candidates` (distinct positions, in
/// id order). Needs `1 ≤ k ≤ candidates`; returns `None` otherwise. Deterministic for a seed.
pub fn search(
    g: &Graph,
    k: usize,
    objective: Objective,
    candidates: &[usize],
    params: Params,
) -> Option<Search> {
    search_within(g, k, objective, candidates, params, &Budget::unlimited())
}

/// [`search`] within a budget: one expansion per *pass* (the value of the set plus each candidate,
/// O(V + E); a step of the reverse greedy start likewise). The first pass always runs; once the
/// budget is spent no other pass starts, the result is the best set found so far and
/// `budget.truncated()` is set, as is [`Search::truncated`].
pub fn search_within(
    g: &Graph,
    k: usize,
    objective: Objective,
    candidates: &[usize],
    params: Params,
    budget: &Budget,
) -> Option<Search> {
    if k == 0 || k > candidates.len() {
        return None;
    }
    let mut s = Searcher::new(g, objective, candidates, params.max_steps, budget);
    let bound = best_possible(g, objective, k);
    let (mut best, mut best_value) = s.greedy(k);
    let mut swaps = 0;
    if best_value < bound {
        swaps = s.local_search(&mut best, &mut best_value);
    }
    let mut starts = 1;
    if best_value < bound
        && objective == Objective::Fragment
        && starts < params.starts
        && s.can_afford_reverse(k)
        && let Some((mut set, mut value)) = s.reverse_greedy(k)
    {
        swaps += s.local_search(&mut set, &mut value);
        starts += 1;
        if value > best_value {
            (best, best_value) = (set, value);
        }
    }
    let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
    let widest = k.min(candidates.len() - k);
    let mut r = 1;
    while starts < params.starts && widest > 0 && best_value < bound && !s.exhausted() {
        let mut set = best.clone();
        s.shake(&mut set, r, &mut rng);
        let mut value = s.eval.value(&set);
        swaps += s.local_search(&mut set, &mut value);
        starts += 1;
        if value > best_value {
            (best, best_value, r) = (set, value, 1);
        } else {
            r = if r >= widest { 1 } else { r + 1 };
        }
    }
    let truncated = s.truncated;
    let steps = s.work;
    Some(Search {
        found: s.eval.result(best, candidates),
        starts,
        swaps,
        steps,
        optimal: best_value == bound,
        truncated,
    })
}

/// The search's state: the evaluator, the pass buffers, the work done.
struct Searcher<'g> {
    g: &'g Graph,
    objective: Objective,
    eval: Evaluator<'g>,
    candidates: &'g [usize],
    /// Members of the set a pass is made for.
    member: Vec<bool>,
    /// The value of the set plus each candidate (`i64::MIN` for the others).
    values: Vec<i64>,
    cut: CutPairs,
    /// Breadth-first search from one candidate (`Reach`): the stamp of the last visit, and depths.
    stamp: Vec<u64>,
    visit: u64,
    depth: Vec<usize>,
    queue: VecDeque<usize>,
    work: u64,
    max_steps: u64,
    truncated: bool,
    /// The bound on passes.
    budget: &'g Budget,
    /// Passes made.
    passes: u64,
}

impl<'g> Searcher<'g> {
    fn new(
        g: &'g Graph,
        objective: Objective,
        candidates: &'g [usize],
        max_steps: u64,
        budget: &'g Budget,
    ) -> Self {
        let n = g.n();
        Searcher {
            g,
            objective,
            eval: Evaluator::new(g, objective),
            candidates,
            member: vec![false; n],
            values: vec![i64::MIN; n],
            cut: CutPairs::new(n),
            stamp: vec![0; n],
            visit: 0,
            depth: vec![0; n],
            queue: VecDeque::new(),
            work: 0,
            max_steps,
            truncated: false,
            budget,
            passes: 0,
        }
    }

    /// Whether the work or the budget is spent (and then the search is truncated).
    fn exhausted(&mut self) -> bool {
        if self.work >= self.max_steps || self.budget.exhausted() {
            self.truncated = true;
        }
        self.truncated
    }

    /// Spends one expansion of the budget on a pass; `false` (and the search truncated) when it
    /// is spent. The first pass is always allowed.
    fn allowed(&mut self) -> bool {
        let first = self.passes == 0;
        self.passes += 1;
        if self.budget.tick_slow(1) || first {
            return true;
        }
        self.truncated = true;
        false
    }

    /// Fills `values[u]` with the value of `set` ∪ {u} for every candidate u outside `set`;
    /// `false`, leaving the values of the last pass, when the budget allows no more passes.
    fn pass(&mut self, set: &[usize]) -> bool {
        if !self.allowed() {
            return false;
        }
        self.member.iter_mut().for_each(|m| *m = false);
        for &v in set {
            self.member[v] = true;
        }
        self.values.iter_mut().for_each(|x| *x = i64::MIN);
        match self.objective {
            Objective::Fragment => {
                let (_, after) = self.cut.each(self.g, &self.member, &mut self.work);
                for &u in self.candidates.iter().filter(|&&u| !self.member[u]) {
                    self.values[u] = -(after[u] as i64);
                }
            }
            Objective::Reach { distance } => self.reach_pass(set, distance),
        }
        true
    }

    fn reach_pass(&mut self, set: &[usize], distance: usize) {
        self.eval.value(set);
        let covered =
            |depth: &[usize], member: &[bool], v: usize| depth[v] != usize::MAX && !member[v];
        let depth_s = self.eval.depth().to_vec();
        let base = (0..self.g.n())
            .filter(|&v| covered(&depth_s, &self.member, v))
            .count() as i64;
        self.work += (self.g.n() + self.g.out().arc_count()) as u64;
        for &u in self.candidates {
            if self.member[u] {
                continue;
            }
            self.visit += 1;
            let i = self.visit;
            let mut value = base - i64::from(covered(&depth_s, &self.member, u));
            self.stamp[u] = i;
            self.depth[u] = 0;
            self.queue.clear();
            self.queue.push_back(u);
            while let Some(v) = self.queue.pop_front() {
                if self.depth[v] >= distance {
                    continue;
                }
                for &w in self.g.out().neighbors(v) {
                    let w = w as usize;
                    self.work += 1;
                    if self.stamp[w] != i {
                        self.stamp[w] = i;
                        self.depth[w] = self.depth[v] + 1;
                        self.queue.push_back(w);
                        if !self.member[w] && !covered(&depth_s, &self.member, w) {
                            value += 1;
                        }
                    }
                }
            }
            self.values[u] = value;
        }
    }

    /// The candidate outside the last pass's set with the best value (the first in id order on ties).
    fn best_candidate(&self) -> Option<(i64, usize)> {
        let mut best: Option<(i64, usize)> = None;
        for &u in self.candidates {
            let value = self.values[u];
            if value != i64::MIN && best.is_none_or(|(b, _)| value > b) {
                best = Some((value, u));
            }
        }
        best
    }

    /// The greedy start and its value. Cut short by the work bound, it completes the set with the
    /// best-ranked candidates of its last pass.
    fn greedy(&mut self, k: usize) -> (Vec<usize>, i64) {
        let mut set: Vec<usize> = Vec::with_capacity(k);
        while set.len() < k {
            // Refused by the budget, the last pass's values stand (less the member it added).
            let fresh = self.pass(&set);
            if !fresh || (self.exhausted() && set.len() + 1 < k) {
                let mut ranked: Vec<usize> = self
                    .candidates
                    .iter()
                    .copied()
                    .filter(|&u| self.values[u] != i64::MIN && !set.contains(&u))
                    .collect();
                ranked.sort_by_key(|&u| std::cmp::Reverse(self.values[u]));
                set.extend(ranked.into_iter().take(k - set.len()));
                break;
            }
            let Some((_, u)) = self.best_candidate() else {
                break;
            };
            set.push(u);
        }
        let value = self.eval.value(&set);
        (set, value)
    }

    /// Whether the reverse greedy start fits in half the work left: c − k passes of O(V + E).
    fn can_afford_reverse(&self, k: usize) -> bool {
        let pass = (self.g.n() + 2 * self.g.out().arc_count()) as u64;
        let passes = (self.candidates.len() - k) as u64;
        passes.saturating_mul(pass) <= self.max_steps.saturating_sub(self.work) / 2
    }

    /// The reverse greedy start (`Fragment` only): remove every candidate, then return, one at a
    /// time, the one whose return reconnects fewest pairs, until k are left; `None` when the
    /// budget stops it first (the greedy of
    /// Arulselvan A., Commander C. W., Elefteriadou L. & Pardalos P. M. (2009), "Detecting critical
    /// nodes in sparse graphs", Computers & Operations Research 36(7): 2193–2200, from the whole
    /// candidate set). It finds pairs of actors that only matter together, which adding one actor
    /// at a time misses.
    fn reverse_greedy(&mut self, k: usize) -> Option<(Vec<usize>, i64)> {
        let mut set: Vec<usize> = self.candidates.to_vec();
        self.member.iter_mut().for_each(|m| *m = false);
        for &v in &set {
            self.member[v] = true;
        }
        while set.len() > k {
            if !self.allowed() {
                return None;
            }
            let (_, back) = self.cut.back(self.g, &self.member, &mut self.work);
            let Some((i, _)) = set.iter().enumerate().min_by_key(|&(_, &v)| back[v]) else {
                break;
            };
            self.member[set[i]] = false;
            set.remove(i);
        }
        let value = self.eval.value(&set);
        Some((set, value))
    }

    /// Best-improvement swaps until none improves `value` or the work is spent; returns the swaps.
    fn local_search(&mut self, set: &mut [usize], value: &mut i64) -> usize {
        let candidates = self.candidates;
        let order = |v: &usize| candidates.iter().position(|c| c == v);
        let mut swaps = 0;
        'rounds: loop {
            set.sort_by_key(order);
            let mut best: Option<(i64, usize, usize)> = None;
            for slot in 0..set.len() {
                if self.exhausted() {
                    break 'rounds;
                }
                let rest: Vec<usize> = set[..slot]
                    .iter()
                    .chain(&set[slot + 1..])
                    .copied()
                    .collect();
                if !self.pass(&rest) {
                    break 'rounds;
                }
                self.values[set[slot]] = i64::MIN;
                if let Some((v, u)) = self.best_candidate()
                    && v > *value
                    && best.is_none_or(|(b, _, _)| v > b)
                {
                    best = Some((v, slot, u));
                }
            }
            let Some((v, slot, u)) = best else { break };
            set[slot] = u;
            *value = v;
            swaps += 1;
        }
        swaps
    }

    /// Replaces r random members of `set` with r random candidates outside it.
    fn shake(&self, set: &mut [usize], r: usize, rng: &mut ChaCha8Rng) {
        let mut outside: Vec<usize> = self
            .candidates
            .iter()
            .copied()
            .filter(|u| !set.contains(u))
            .collect();
        let mut slots: Vec<usize> = (0..set.len()).collect();
        for i in 0..r.min(slots.len()).min(outside.len()) {
            let a = rng.random_range(i..slots.len());
            slots.swap(i, a);
            let b = rng.random_range(i..outside.len());
            outside.swap(i, b);
            set[slots[i]] = outside[i];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::keyplayer::{exhaustive, score};
    use crate::graph::tests::{graph, two_stars};

    const PARAMS: Params = Params {
        starts: 20,
        seed: 1,
        max_steps: u64::MAX,
    };

    fn ids(n: usize) -> Vec<usize> {
        (0..n).collect()
    }

    fn run(g: &Graph, k: usize, objective: Objective) -> Search {
        search(g, k, objective, &ids(g.n()), PARAMS).unwrap()
    }

    #[test]
    fn removing_both_centres_isolates_everyone() {
        let g = two_stars();
        let r = run(&g, 2, Objective::Fragment);
        assert_eq!((r.found.actors, r.found.score), (vec![0, 5], 1.0));
        // F = 1 is the best possible: proven optimal, no shakes needed.
        assert!(r.optimal && !r.truncated && r.starts == 1);
        // One removal: the centre 0 leaves {1},{2},{3},{4} and the star of 5 (5 actors) among 9.
        let one = run(&g, 1, Objective::Fragment);
        assert_eq!(one.found.actors, [0]);
        assert!((one.found.score - (1.0 - 20.0 / 72.0)).abs() < 1e-15);
        assert!(!one.optimal);
    }

    #[test]
    fn reach_counts_others_within_the_distance() {
        let g = two_stars();
        // Both centres reach the 8 leaves in one step: 8 / 8.
        let r = run(&g, 2, Objective::Reach { distance: 1 });
        assert_eq!((r.found.actors, r.found.score), (vec![0, 5], 1.0));
        // One actor within 2 steps: a centre reaches 4 leaves + the other centre + its 4 leaves.
        let one = run(&g, 1, Objective::Reach { distance: 2 });
        assert_eq!((one.found.actors, one.found.score), (vec![0], 1.0));
        assert!(one.optimal);
    }

    #[test]
    fn swaps_improve_a_poor_greedy_start() {
        // A path 0-1-…-8, k = 2. The best cut leaves three near-equal pieces, e.g. without 2 and 5:
        // {0,1}, {3,4}, {6,7,8}, pairs 2 + 2 + 6 = 10 of 7·6.
        let edges: Vec<(u32, u32)> = (0..8).map(|i| (i, i + 1)).collect();
        let g = graph(9, false, &edges);
        let s = run(&g, 2, Objective::Fragment);
        assert!((s.found.score - (1.0 - 10.0 / 42.0)).abs() < 1e-15);
        assert_eq!(
            s.found.score,
            exhaustive(&g, 2, Objective::Fragment, &ids(9))
                .unwrap()
                .score
        );
    }

    #[test]
    fn candidates_restrict_the_set() {
        // Without the centres as candidates, the best pair of leaves removes nothing that matters.
        let g = two_stars();
        let leaves = [1, 2, 3, 4, 6, 7, 8, 9];
        let r = search(&g, 2, Objective::Fragment, &leaves, PARAMS).unwrap();
        assert!(r.found.actors.iter().all(|v| leaves.contains(v)));
        let e = exhaustive(&g, 2, Objective::Fragment, &leaves).unwrap();
        assert_eq!(r.found.score, e.score);
        assert_eq!(score(&g, Objective::Fragment, &r.found.actors), e.score);
        assert!(search(&g, 9, Objective::Fragment, &leaves, PARAMS).is_none());
    }

    #[test]
    fn the_work_bound_stops_the_search() {
        let edges: Vec<(u32, u32)> = (0..39).map(|i| (i, i + 1)).collect();
        let g = graph(40, false, &edges);
        let params = Params {
            max_steps: 100,
            ..PARAMS
        };
        let r = search(&g, 5, Objective::Fragment, &ids(40), params).unwrap();
        assert!(r.truncated && r.starts == 1);
        // The greedy start was cut after its first pass and completed from its ranking.
        let mut members = r.found.actors.clone();
        members.dedup();
        assert_eq!(members.len(), 5);
        let full = search(&g, 5, Objective::Fragment, &ids(40), PARAMS).unwrap();
        assert!(!full.truncated && full.found.score >= r.found.score);
    }
}
