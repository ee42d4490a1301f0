//! Disruption experiments: remove actors one at a time and watch the network fall apart.
//!
//! The standard experiment of the criminal-network literature (Albert, Jeong & Barabási 2000 for the
//! method; Cavallaro et al. 2020, "Disrupting resilient criminal networks through data analysis: the
//! case of Sicilian Mafia", PLOS ONE 15(8) e0236476, for the Montagna network): at each step remove
//! the actor with the highest score — recomputed on what remains (*sequential*) or ranked once on the
//! intact network (*static*) — and record
//!
//! * `lcc`: the size of the largest weak component as a share of the intact network's largest weak
//!   component (so step 0 has lcc = 1), and
//! * Borgatti's fragmentation F over the actors that remain ([`super::components::fragmentation`]).
//!
//! The random baseline removes uniformly random actors instead and reports, per step, the mean and
//! the sample standard deviation over many runs.
//!
//! Complexity: sequential O(K · (cost of the score + E log E)), static one score plus O(K (V + E)),
//! random O(R · K · (V + E)), for K steps and R runs. Edge cases: an empty network has lcc 0 at
//! every step; steps beyond the number of actors stop when none is left.

use super::components::fragmentation;
use super::subgraph::{Components, without};
use crate::budget::Budget;
use crate::graph::Graph;
use rand::SeedableRng;
use rand::seq::SliceRandom;

crate::choice_enum! {
    /// How the targets of a disruption experiment are chosen.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Mode {
        /// Recompute the scores after each removal.
        Sequential = "sequential" [],
        /// Rank once on the intact network and remove in that order.
        Static = "static" [],
    }
}

/// The state of the network after one step of an experiment.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The actor removed at this step (original position); `None` at step 0.
    pub removed: Option<usize>,
    /// Size of the largest weak component.
    pub lcc_size: usize,
    /// `lcc_size` as a share of the intact network's largest weak component.
    pub lcc: f64,
    /// Borgatti's fragmentation of the actors that remain.
    pub fragmentation: f64,
}

/// Mean and sample standard deviation of one step of the random baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct RandomStep {
    /// Mean `lcc` over the runs.
    pub lcc: f64,
    /// Sample standard deviation of `lcc` (n − 1 in the denominator); `None` with fewer than 2 runs.
    pub lcc_sd: Option<f64>,
    /// 5th percentile of `lcc` over the runs ([`quantile`]: linear between order statistics, as
    /// NumPy's default); NaN for no run.
    pub lcc_p05: f64,
    /// 95th percentile of `lcc` over the runs.
    pub lcc_p95: f64,
    /// Mean fragmentation over the runs.
    pub fragmentation: f64,
    /// Sample standard deviation of the fragmentation; `None` with fewer than 2 runs.
    pub fragmentation_sd: Option<f64>,
}

/// Measures the graph without `removed`: (largest component size, fragmentation).
fn measure(components: &mut Components, g: &Graph, removed: &[bool]) -> (usize, f64) {
    let sizes = components.sizes(g, removed);
    (
        sizes.iter().copied().max().unwrap_or(0),
        fragmentation(sizes),
    )
}

fn share(size: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        size as f64 / of as f64
    }
}

/// The actor with the highest score among `candidates` (original positions, aligned with
/// `scores`); scores within 1e-12 (relative) of the highest tie, and ties go to the smallest
/// `id_rank` (the actor's place in id order).
fn top(candidates: &[usize], scores: &[f64], id_rank: &[usize]) -> Option<usize> {
    let best = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let tie = |x: f64| crate::rank::tie(best, x);
    candidates
        .iter()
        .zip(scores)
        .filter(|&(_, &s)| tie(s))
        .map(|(&v, _)| v)
        .min_by_key(|&v| id_rank[v])
}

/// Targeted attack: `steps` removals of the highest-scoring actor.
///
/// `score` computes the measure on a graph (the intact one, or in sequential mode the graph with the
/// removed actors gone, renumbered as [`without`] does); `id_rank[v]` orders actors for ties
/// (smallest first). Returns steps 0 (intact) to `min(steps, n)`; an error of `score` stops the
/// experiment.
pub fn targeted<E>(
    g: &Graph,
    steps: usize,
    mode: Mode,
    id_rank: &[usize],
    score: impl FnMut(&Graph) -> Result<Vec<f64>, E>,
) -> Result<Vec<Step>, E> {
    targeted_within(g, steps, mode, id_rank, score, &Budget::unlimited())
}

/// [`targeted`] within a budget: one expansion per removal step (in sequential mode a measure
/// computed on the remaining graph). Once it is spent the steps done so far are returned and
/// `budget.truncated()` is set.
pub fn targeted_within<E>(
    g: &Graph,
    steps: usize,
    mode: Mode,
    id_rank: &[usize],
    mut score: impl FnMut(&Graph) -> Result<Vec<f64>, E>,
    budget: &Budget,
) -> Result<Vec<Step>, E> {
    let n = g.n();
    let mut components = Components::new(n);
    let mut removed = vec![false; n];
    let (original, f) = measure(&mut components, g, &removed);
    let mut out = vec![Step {
        removed: None,
        lcc_size: original,
        lcc: share(original, original),
        fragmentation: f,
    }];
    let static_scores = match mode {
        Mode::Static => Some(score(g)?),
        Mode::Sequential => None,
    };
    for _ in 0..steps.min(n) {
        if !budget.tick_slow(1) {
            break;
        }
        let target = match &static_scores {
            Some(scores) => {
                let left: Vec<usize> = (0..n).filter(|&v| !removed[v]).collect();
                let left_scores: Vec<f64> = left.iter().map(|&v| scores[v]).collect();
                top(&left, &left_scores, id_rank)
            }
            None => {
                let (sub, kept) = without(g, &removed);
                let scores = score(&sub)?;
                top(&kept, &scores, id_rank)
            }
        };
        let Some(v) = target else { break };
        budget.progress().advance(1);
        removed[v] = true;
        let (size, f) = measure(&mut components, g, &removed);
        out.push(Step {
            removed: Some(v),
            lcc_size: size,
            lcc: share(size, original),
            fragmentation: f,
        });
    }
    Ok(out)
}

/// Random baseline: `runs` experiments removing `steps` uniformly random actors each (without
/// replacement), from a PCG-64 generator seeded with `seed`, so the same seed gives the same
/// numbers on every platform. Returns steps 0 to `min(steps, n)`.
pub fn random(g: &Graph, steps: usize, runs: usize, seed: u64) -> Vec<RandomStep> {
    random_within(g, steps, runs, seed, &Budget::unlimited()).0
}

/// [`random`] within a budget: one expansion per run (`steps` + 1 component counts). The first run
/// always completes; once the budget is spent the statistics are over the runs done, which are
/// returned beside them (the runs are drawn in order from the seeded generator, so they are the
/// first runs of the full experiment), and `budget.truncated()` is set.
pub fn random_within(
    g: &Graph,
    steps: usize,
    runs: usize,
    seed: u64,
    budget: &Budget,
) -> (Vec<RandomStep>, usize) {
    let n = g.n();
    let steps = steps.min(n);
    let mut components = Components::new(n);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let (original, _) = measure(&mut components, g, &[]);
    // samples[step] holds (lcc, F) of every run.
    let mut samples: Vec<Vec<(f64, f64)>> = vec![Vec::with_capacity(runs.min(1 << 16)); steps + 1];
    let mut actors: Vec<usize> = (0..n).collect();
    let mut removed = vec![false; n];
    let mut done = 0;
    for run in 0..runs {
        if !budget.tick_slow(1) && run > 0 {
            break;
        }
        done += 1;
        budget.progress().advance(1);
        actors.sort_unstable();
        let (chosen, _) = actors.partial_shuffle(&mut rng, steps);
        removed.iter_mut().for_each(|r| *r = false);
        for (step, slot) in samples.iter_mut().enumerate() {
            if step > 0 {
                removed[chosen[step - 1]] = true;
            }
            let (size, f) = measure(&mut components, g, &removed);
            slot.push((share(size, original), f));
        }
    }
    let curve = samples
        .iter()
        .map(|run| {
            let (lcc, lcc_sd) = mean_sd(run.iter().map(|s| s.0));
            let (fragmentation, fragmentation_sd) = mean_sd(run.iter().map(|s| s.1));
            let mut sorted: Vec<f64> = run.iter().map(|s| s.0).collect();
            sorted.sort_unstable_by(f64::total_cmp);
            RandomStep {
                lcc,
                lcc_sd,
                lcc_p05: quantile(&sorted, 0.05),
                lcc_p95: quantile(&sorted, 0.95),
                fragmentation,
                fragmentation_sd,
            }
        })
        .collect();
    (curve, done)
}

/// The `q`-quantile of sorted values, linear between the order statistics around position
/// `q · (n − 1)` (Hyndman & Fan's definition 7, NumPy's and R's default); NaN for no value.
/// O(1).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else {
        return f64::NAN;
    };
    let at = q.clamp(0.0, 1.0) * last as f64;
    let below = at.floor() as usize;
    let above = (below + 1).min(last);
    let fraction = at - below as f64;
    if fraction == 0.0 || sorted[below] == sorted[above] {
        return sorted[below];
    }
    sorted[below] + fraction * (sorted[above] - sorted[below])
}

/// Mean and sample standard deviation (two passes); the deviation is `None` below two values and
/// the mean is NaN for none.
fn mean_sd(values: impl Iterator<Item = f64> + Clone) -> (f64, Option<f64>) {
    let count = values.clone().count();
    let mut all = values.clone();
    if let Some(first) = all.next()
        && all.all(|x| x == first)
    {
        // Identical values: exactly that mean and no spread (summing would leave rounding noise).
        return (first, (count > 1).then_some(0.0));
    }
    let mean = values.clone().sum::<f64>() / count as f64;
    let sd = (count > 1).then(|| {
        let squares: f64 = values.map(|x| (x - mean) * (x - mean)).sum();
        (squares / (count - 1) as f64).sqrt()
    });
    (mean, sd)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::betweenness::betweenness;
    use crate::algo::degree::{Direction, degree};
    use crate::graph::tests::{graph, two_stars};

    fn ids(n: usize) -> Vec<usize> {
        (0..n).collect()
    }

    #[test]
    fn quantiles_as_numpy() {
        // numpy.percentile([1, 2, 3, 4], [5, 95]) = [1.15, 3.85]; one value is every quantile.
        let v = [1.0, 2.0, 3.0, 4.0];
        assert!((quantile(&v, 0.05) - 1.15).abs() < 1e-12);
        assert!((quantile(&v, 0.95) - 3.85).abs() < 1e-12);
        assert_eq!(quantile(&v, 0.0), 1.0);
        assert_eq!(quantile(&v, 1.0), 4.0);
        assert_eq!(quantile(&[0.5], 0.05), 0.5);
        assert!(quantile(&[], 0.5).is_nan());
    }

    #[test]
    fn random_band_brackets_the_mean() {
        // Step 0 is intact in every run; at every step the runs' 5th and 95th percentiles bracket
        // their mean.
        let curve = random(&two_stars(), 3, 50, 7);
        assert_eq!((curve[0].lcc_p05, curve[0].lcc_p95), (1.0, 1.0));
        for s in &curve {
            assert!(s.lcc_p05 <= s.lcc && s.lcc <= s.lcc_p95, "{s:?}");
        }
    }

    #[test]
    fn sequential_betweenness_on_two_stars() {
        let g = two_stars();
        let steps = targeted(&g, 2, Mode::Sequential, &ids(10), |g| {
            Ok::<_, ()>(betweenness(g, true))
        })
        .unwrap();
        // Both centres tie on betweenness: the smaller id (0) goes first. What remains: four isolated
        // leaves and the star of 5 (size 5) out of 9 actors: F = 1 − 20/72. Then 5 goes: 8 isolates.
        assert_eq!(steps[0].removed, None);
        assert_eq!((steps[0].lcc_size, steps[0].lcc), (10, 1.0));
        assert_eq!(steps[0].fragmentation, 0.0);
        assert_eq!(steps[1].removed, Some(0));
        assert_eq!((steps[1].lcc_size, steps[1].lcc), (5, 0.5));
        assert!((steps[1].fragmentation - (1.0 - 20.0 / 72.0)).abs() < 1e-15);
        assert_eq!(steps[2].removed, Some(5));
        assert_eq!((steps[2].lcc_size, steps[2].fragmentation), (1, 1.0));
    }

    #[test]
    fn ties_go_to_the_smallest_id_rank() {
        // Reversed id order: actor 5 sorts first, so it is removed before 0.
        let rank: Vec<usize> = (0..10).rev().collect();
        let steps = targeted(&two_stars(), 1, Mode::Sequential, &rank, |g| {
            Ok::<_, ()>(betweenness(g, true))
        })
        .unwrap();
        assert_eq!(steps[1].removed, Some(5));
    }

    #[test]
    fn static_mode_ranks_once() {
        // Path 0-1-2-3-4-5-6: degree ranks 1..5 (ties, by id) then 0, 6. Static removes 1, then 2.
        // Sequential degree on what remains after removing 1 ranks 3, 4, 5 (degree 2) over 2 (degree 1).
        let g = graph(7, false, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6)]);
        let deg = |g: &Graph| Ok::<_, ()>(degree(g, Direction::Both, true));
        let s = targeted(&g, 2, Mode::Static, &ids(7), deg).unwrap();
        let order: Vec<_> = s.iter().map(|s| s.removed).collect();
        assert_eq!(order, [None, Some(1), Some(2)]);
        let q = targeted(&g, 2, Mode::Sequential, &ids(7), deg).unwrap();
        assert_eq!(q[2].removed, Some(3));
        // After removing 1 and 3: {0}, {2}, {4,5,6} — 7 actors' lcc was 7.
        assert_eq!(q[2].lcc_size, 3);
        assert!((q[2].fragmentation - (1.0 - 6.0 / 20.0)).abs() < 1e-15);
    }

    #[test]
    fn more_steps_than_actors_stop_when_none_is_left() {
        let g = graph(2, false, &[(0, 1)]);
        let s = targeted(&g, 5, Mode::Sequential, &ids(2), |g| {
            Ok::<_, ()>(degree(g, Direction::Both, true))
        })
        .unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!((s[2].lcc_size, s[2].lcc, s[2].fragmentation), (0, 0.0, 1.0));
    }

    #[test]
    fn random_baseline_on_a_complete_graph_is_exact() {
        // In K5 every removal leaves a complete graph: lcc = (5 − k)/5 and F = 0 in every run
        // (F = 1 once fewer than two actors remain), so the deviation is 0.
        let edges: Vec<(u32, u32)> = (0..5)
            .flat_map(|a| (a + 1..5).map(move |b| (a, b)))
            .collect();
        let g = graph(5, false, &edges);
        let r = random(&g, 4, 7, 42);
        assert_eq!(r.len(), 5);
        for (k, step) in r.iter().enumerate() {
            assert!((step.lcc - (5 - k) as f64 / 5.0).abs() < 1e-15);
            assert_eq!(step.lcc_sd, Some(0.0));
            let f = if k >= 4 { 1.0 } else { 0.0 };
            assert_eq!(step.fragmentation, f);
        }
        assert_eq!(random(&g, 1, 1, 0)[1].lcc_sd, None);
    }

    #[test]
    fn random_baseline_matches_hand_counts_on_a_star() {
        // Star with centre 0 and leaves 1..4: one random removal hits the centre with probability
        // 1/5 (lcc 1/5, F 1), a leaf otherwise (lcc 4/5, F 0). Over many runs the mean lcc tends to
        // 0.2·0.2 + 0.8·0.8 = 0.68; the same seed gives the same numbers.
        let g = graph(5, false, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        let a = random(&g, 1, 20000, 7);
        assert!((a[1].lcc - 0.68).abs() < 0.01, "{}", a[1].lcc);
        assert!((a[1].fragmentation - 0.2).abs() < 0.01);
        assert_eq!(a, random(&g, 1, 20000, 7));
        assert_ne!(a, random(&g, 1, 20000, 8));
        // A single run's removals come from a sample without replacement: 4 steps leave one actor.
        let one = random(&g, 4, 1, 3);
        assert_eq!(one[4].lcc, 0.2);
    }
}
