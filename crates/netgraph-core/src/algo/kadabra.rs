//! Approximate betweenness by adaptive sampling: KADABRA (Borassi & Natale 2016, "KADABRA is an
//! ADaptive Algorithm for Betweenness via Random Approximation", ESA 2016; J. Exp. Algorithmics 24,
//! 2019).
//!
//! Each sample is a uniformly random ordered pair (s, t), s ≠ t, and one shortest s–t path drawn
//! uniformly among all of them; its inner actors gain 1. After τ samples the estimate of
//! b(v) = Σ_{s≠t} σ_st(v)/σ_st / (n(n−1)) is b̃(v) = count(v)/τ.
//!
//! * **Cap.** ω = ⌈(c/λ²)(⌊log₂(VD − 2)⌋ + 1 + ln(2/δ))⌉, c = 0.5, where VD bounds the number of
//!   actors on a shortest path (Riondato & Kornaropoulos 2016): after ω samples every estimate is
//!   within λ with probability ≥ 1 − δ/2. VD is 2·ecc + 1 from one breadth-first search per
//!   component on undirected graphs; on directed ones, the longest chain of strong components,
//!   each counting at most its in- plus out-eccentricity from one actor plus one. With distances,
//!   eccentricities are path lengths and a path of length L has at most L / (shortest arc) arcs.
//! * **Adaptive stop.** Every actor v gets failure probabilities δ_L(v) = δ_U(v) with
//!   Σ_v (δ_L(v) + δ_U(v)) ≤ δ/2, and sampling stops at the first check where, for every v,
//!   f(b̃(v), δ_L(v), ω, τ) < λ and g(b̃(v), δ_U(v), ω, τ) < λ (the paper's Theorem 9:
//!   b(v) ∈ [b̃(v) − f, b̃(v) + g] for all v at once with probability ≥ 1 − δ). The δ(v) follow the
//!   paper's balancing: a pilot of ⌈ω/100⌉ samples (at most 2¹⁷; then discarded) gives b̃₀(v), and
//!   δ(v) = exp(−Cλ²/b̃₀(v)) + βδ/(4n), β = 0.001, with C the smallest constant (bisection) that
//!   keeps the sum within δ/2, so every actor needs about the same number of samples.
//! * **Top k.** With `top_k`, sampling stops once each of the k highest estimates has its rank
//!   certified (its interval is disjoint from every other actor's) or its interval within ±λ.
//!
//! netgraph reports the NetworkX scale B(v) = Σ/((n−1)(n−2)) = b(v)·n/(n−2) (directed and
//! undirected alike), so it samples with λ = ε(n−2)/n: every reported score is within ε of the exact
//! normalised one with probability ≥ 1 − δ.
//!
//! **The pair search.** Unweighted: a balanced bidirectional breadth-first search, forward along
//! out-arcs from s and backward along in-arcs from t, each step expanding a whole level on the side
//! whose frontier has the smaller total degree; when a level touches the other side, every touching
//! arc (u, w) closes a shortest path, σ_st = Σ σ_s(u)·σ_t(w), one arc is drawn with probability
//! σ_s(u)σ_t(w)/σ_st and the path completed by walking back to s and on to t, drawing each step
//! with probability proportional to its path count. Weighted: a balanced bidirectional Dijkstra
//! (the private module `kadabra::dijkstra`), each step settling one actor on the side that has
//! scanned fewer arcs, stopped once the two heaps' tops add up to more than the best path length
//! seen; the crossing arcs (u ∈ F \ B, v ∈ B) of the shortest paths are drawn and walked the same
//! way.
//!
//! **Determinism.** Samples come in batches of [`BATCH`]; batch i draws from its own ChaCha stream
//! (seed, i), whatever thread runs it, counts are integers, and the stop is checked only between
//! rounds of whole batches: the same seed gives the same bytes on any number of threads.
//!
//! **Exact fall-back.** When ω times the pilot's mean cost per sample (arcs scanned) reaches the cost
//! of the exact algorithm (n searches over every arc), Brandes' algorithm runs instead, with a fixed
//! split of the sources, so it too gives the same bytes on any number of threads.
//!
//! Complexity: O(ω · (V + E)) time in the worst case, typically far less (a bidirectional search
//! touches about √ of what a one-sided one does on small-world networks, and the stop usually
//! comes well before ω); O(V + E) memory per worker thread. Edge cases: n ≤ 2 or a vertex-diameter
//! bound ≤ 2 gives all zeros (no actor can be inner); an unreachable pair is a sample crediting
//! nothing.

use super::betweenness::betweenness_with;
use super::components::weak_components;
use super::shortest::ShortestPaths;
use super::strong_components::strong_components;
use crate::graph::{Csr, Graph};
use crate::progress::Progress;
use dijkstra::PairDijkstra;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::sync::Mutex;

mod dijkstra;

/// Samples per batch: the unit of parallel work and of random streams.
pub const BATCH: usize = 64;
/// The fewest batches between two checks of the stopping condition.
const MIN_ROUND: usize = 16;
/// Share of δ/2 left to the uniform part of the balancing (the paper's balancing factor).
const BALANCE: f64 = 0.001;
/// The pilot is ω / PILOT samples (rounded up to whole batches), at most PILOT_MAX: enough to
/// balance the δ(v), and a tiny ε (a huge ω) does not sample for long before the exact fall-back.
const PILOT: u64 = 100;
const PILOT_MAX: u64 = 1 << 17;
/// Stream numbers of the pilot's batches start here (the main run's start at 0).
const PILOT_STREAMS: u64 = 1 << 62;

/// What to approximate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KadabraOptions {
    /// Largest error on the normalised (NetworkX) scale.
    pub epsilon: f64,
    /// Probability that the guarantee fails.
    pub delta: f64,
    /// Seed of the sampler.
    pub seed: u64,
    /// Stop once the k most central actors are ranked (or their intervals within ±ε).
    pub top_k: Option<usize>,
}

/// One of the k most central actors of a top-k run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// Actor position.
    pub actor: usize,
    /// Lower end of its interval (normalised scale).
    pub low: f64,
    /// Upper end of its interval (normalised scale).
    pub high: f64,
    /// Whether its interval is disjoint from every other actor's, so its rank is certain.
    pub certified: bool,
}

/// The outcome of an approximation.
#[derive(Debug, Clone, PartialEq)]
pub struct Kadabra {
    /// Normalised (NetworkX-scale) betweenness estimates.
    pub scores: Vec<f64>,
    /// Number of sampled pairs (0 when the exact algorithm was used).
    pub samples: u64,
    /// The cap ω on the number of samples.
    pub omega: u64,
    /// The vertex-diameter bound used.
    pub vertex_diameter: usize,
    /// Whether the exact algorithm was used because it was cheaper.
    pub exact: bool,
    /// With `top_k`: the k highest estimates, best first, with their intervals.
    pub top: Option<Vec<Ranked>>,
}

/// The cap ω of KADABRA (and Riondato & Kornaropoulos' sample size for confidence 1 − δ/2):
/// ⌈(0.5/λ²)(⌊log₂(VD − 2)⌋ + 1 + ln(2/δ))⌉.
pub fn omega(vertex_diameter: usize, lambda: f64, delta: f64) -> u64 {
    const C: f64 = 0.5;
    let log_vd = if vertex_diameter > 3 {
        ((vertex_diameter - 2) as f64).log2().floor()
    } else {
        0.0
    };
    (C / (lambda * lambda) * (log_vd + 1.0 + (2.0 / delta).ln())).ceil() as u64
}

/// An upper bound on the number of actors on any shortest path (the vertex diameter).
///
/// With distances, a shortest path of k arcs is at least k times the shortest arc long, so the
/// hop bounds below come from path lengths divided by the shortest arc (a relative 10⁻⁹ above, for
/// rounding), and never exceed the component's size.
pub fn vertex_diameter_bound(g: &Graph) -> usize {
    let (label, sizes) = weak_components(g);
    if g.is_directed() {
        let largest = sizes.iter().copied().max().unwrap_or(0);
        return directed_bound(g).min(largest);
    }
    let shortest = shortest_arc(g);
    let mut seen = vec![false; sizes.len()];
    let mut sp = ShortestPaths::new(g.n());
    let mut bound = 0;
    for (v, &c) in label.iter().enumerate() {
        let c = c as usize;
        if std::mem::replace(&mut seen[c], true) {
            continue;
        }
        sp.run(g.out(), g.is_weighted(), v, false);
        let ecc = sp.order.last().map_or(0.0, |&w| sp.dist[w as usize]);
        bound = bound.max((hops(2.0 * ecc, shortest) + 1).min(sizes[c]));
    }
    bound
}

/// The shortest arc's distance (1 without distances, or with no arcs).
fn shortest_arc(g: &Graph) -> f64 {
    if !g.is_weighted() {
        return 1.0;
    }
    let out = g.out();
    let shortest = (0..g.n())
        .flat_map(|v| out.distances(v).iter().copied())
        .fold(f64::INFINITY, f64::min);
    if shortest.is_finite() { shortest } else { 1.0 }
}

/// The most arcs a path of length at most `length` can have when no arc is shorter than
/// `shortest` (saturating; rounding errs on the long side).
fn hops(length: f64, shortest: f64) -> usize {
    let k = (length / shortest * (1.0 + 1e-9)).floor();
    if k >= usize::MAX as f64 / 2.0 {
        usize::MAX / 2
    } else {
        k as usize
    }
}

/// Directed: a shortest path meets each strong component C in one run, itself a shortest path
/// between two actors of C, so no longer than ecc_in(r) + ecc_out(r) within C for any r in C
/// (searches restricted to C only lengthen distances), hence of at most that many hops (divided
/// by the shortest arc, with distances) and at most |C| − 1; the bound is the heaviest chain of
/// components in the condensation, each weighing its hop bound plus one.
fn directed_bound(g: &Graph) -> usize {
    let n = g.n();
    let label = strong_components(g);
    let count = label.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut size = vec![0usize; count];
    let mut root = vec![usize::MAX; count];
    for (v, &c) in label.iter().enumerate() {
        size[c as usize] += 1;
        if root[c as usize] == usize::MAX {
            root[c as usize] = v;
        }
    }
    let shortest = shortest_arc(g);
    let weighted = g.is_weighted();
    // Eccentricity within the component, forward and backward, from its first actor: hops by
    // breadth-first search, or distances by Dijkstra.
    let mut dist = vec![f64::INFINITY; n];
    let mut queue: Vec<u32> = Vec::new();
    let mut heap: std::collections::BinaryHeap<std::cmp::Reverse<(u64, u32)>> =
        std::collections::BinaryHeap::new();
    let mut within = |adj: &Csr, r: usize, c: u32| -> f64 {
        queue.clear();
        queue.push(r as u32);
        dist[r] = 0.0;
        let mut ecc = 0.0f64;
        if weighted {
            heap.clear();
            heap.push(std::cmp::Reverse((0f64.to_bits(), r as u32)));
            while let Some(std::cmp::Reverse((key, v))) = heap.pop() {
                let v = v as usize;
                if dist[v].to_bits() != key {
                    continue;
                }
                ecc = ecc.max(dist[v]);
                for (&w, &len) in adj.neighbors(v).iter().zip(adj.distances(v)) {
                    let w = w as usize;
                    let nd = dist[v] + len;
                    if label[w] == c && nd < dist[w] {
                        if dist[w].is_infinite() {
                            queue.push(w as u32);
                        }
                        dist[w] = nd;
                        heap.push(std::cmp::Reverse((nd.to_bits(), w as u32)));
                    }
                }
            }
        } else {
            let mut i = 0;
            while i < queue.len() {
                let v = queue[i] as usize;
                i += 1;
                ecc = dist[v];
                for &w in adj.neighbors(v) {
                    if label[w as usize] == c && dist[w as usize].is_infinite() {
                        dist[w as usize] = dist[v] + 1.0;
                        queue.push(w);
                    }
                }
            }
        }
        for &v in queue.iter() {
            dist[v as usize] = f64::INFINITY;
        }
        ecc
    };
    let mut weight = vec![0usize; count];
    for c in 0..count {
        let r = root[c];
        let span = if size[c] == 1 {
            0
        } else {
            let length = within(g.out(), r, c as u32) + within(g.incoming(), r, c as u32);
            hops(length, shortest)
        };
        weight[c] = span.min(size[c] - 1) + 1;
    }
    // Tarjan completes a component after every component it reaches, so labels are a reverse
    // topological order: a component's successors have smaller labels.
    let mut best = vec![0usize; count];
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); count];
    for (v, &c) in label.iter().enumerate() {
        members[c as usize].push(v as u32);
    }
    for c in 0..count {
        let mut tail = 0;
        for &v in &members[c] {
            for &w in g.out().neighbors(v as usize) {
                let d = label[w as usize] as usize;
                if d != c {
                    tail = tail.max(best[d]);
                }
            }
        }
        best[c] = weight[c] + tail;
    }
    best.into_iter().max().unwrap_or(0)
}

/// Approximate normalised betweenness within `epsilon` with probability at least `1 − delta`.
pub fn kadabra(g: &Graph, options: &KadabraOptions) -> Kadabra {
    kadabra_with(g, options, &Progress::none())
}

/// [`kadabra`], reporting its progress: ω as the length, one unit per sample (per source when it
/// falls back to the exact computation).
pub fn kadabra_with(g: &Graph, options: &KadabraOptions, progress: &Progress) -> Kadabra {
    approximate(g, options, progress, true)
}

/// [`kadabra_with`]; `may_be_exact` false keeps sampling where the exact algorithm would be cheaper
/// (for tests on small graphs).
fn approximate(
    g: &Graph,
    options: &KadabraOptions,
    progress: &Progress,
    may_be_exact: bool,
) -> Kadabra {
    let n = g.n();
    let vd = vertex_diameter_bound(g);
    if n <= 2 || vd <= 2 {
        let scores = vec![0.0; n];
        let top = options.top_k.map(|k| exact_top(&scores, k));
        return Kadabra {
            scores,
            samples: 0,
            omega: 0,
            vertex_diameter: vd,
            exact: true,
            top,
        };
    }
    let scale = n as f64 / (n as f64 - 2.0);
    let lambda = options.epsilon / scale;
    // ω in whole batches (more samples than the bound asks for only tighten it).
    let omega = omega(vd, lambda, options.delta).next_multiple_of(BATCH as u64);
    let sampler = Sampler::new(g, options.seed);
    // The pilot: balancing weights, and the cost of one sample.
    let pilot_len = (omega.div_ceil(PILOT).min(PILOT_MAX) as usize).div_ceil(BATCH);
    progress.set_length(omega + pilot_len as u64 * BATCH as u64);
    let mut pilot = Counts::new(n);
    let work = sampler.run(PILOT_STREAMS, pilot_len, &mut pilot, progress);
    let per_sample = work as f64 / pilot.tau as f64;
    let exact_cost = n as f64 * (g.out().arc_count() + n) as f64;
    if may_be_exact && omega as f64 * per_sample >= exact_cost {
        // A fixed split of the sources (not the pool size), so the fall-back gives the same bytes
        // on any number of threads, as the sampler does; at most 1 GiB of accumulators.
        progress.set_length(n as u64);
        let chunks = (64).min((1usize << 27) / n.max(1)).max(1);
        let scores = betweenness_with(g, true, false, chunks, progress);
        let top = options.top_k.map(|k| exact_top(&scores, k));
        return Kadabra {
            scores,
            samples: 0,
            omega,
            vertex_diameter: vd,
            exact: true,
            top,
        };
    }
    let bounds = Bounds::balanced(&pilot, lambda, options.delta, omega, n);
    drop(pilot);
    let mut counts = Counts::new(n);
    let mut next_batch = 0u64;
    let mut last_failure = 0;
    loop {
        let tau = counts.tau;
        let left = (omega - tau) as usize;
        let round = (tau as usize / 8)
            .max(MIN_ROUND * BATCH)
            .div_ceil(BATCH)
            .min(left.div_ceil(BATCH));
        sampler.run(next_batch, round, &mut counts, progress);
        next_batch += round as u64;
        if counts.tau >= omega {
            break;
        }
        let done = match options.top_k {
            None => bounds.all_within(&counts, &mut last_failure),
            Some(k) => bounds.top(&counts, k).1,
        };
        if done {
            break;
        }
    }
    let tau = counts.tau as f64;
    let scores = counts
        .count
        .iter()
        .map(|&c| c as f64 / tau * scale)
        .collect();
    let top = options.top_k.map(|k| {
        let (mut top, _) = bounds.top(&counts, k);
        for r in &mut top {
            r.low *= scale;
            r.high *= scale;
        }
        top
    });
    Kadabra {
        scores,
        samples: counts.tau,
        omega,
        vertex_diameter: vd,
        exact: false,
        top,
    }
}

/// The k highest exact scores, all certified (ties keep the lower position first).
fn exact_top(scores: &[f64], k: usize) -> Vec<Ranked> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    order
        .into_iter()
        .take(k)
        .map(|v| Ranked {
            actor: v,
            low: scores[v],
            high: scores[v],
            certified: true,
        })
        .collect()
}

/// Sample counts per actor, and the actors counted at least once.
struct Counts {
    count: Vec<u64>,
    touched: Vec<u32>,
    tau: u64,
}

impl Counts {
    fn new(n: usize) -> Self {
        Counts {
            count: vec![0; n],
            touched: Vec::new(),
            tau: 0,
        }
    }

    fn add(&mut self, inner: &[u32]) {
        for &v in inner {
            let c = &mut self.count[v as usize];
            if *c == 0 {
                self.touched.push(v);
            }
            *c += 1;
        }
    }
}

/// The stopping rule: ln(1/δ(v)) per actor, and the paper's f and g.
struct Bounds {
    /// ln(1/δ_L(v)) = ln(1/δ_U(v)).
    log_inv: Vec<f64>,
    /// The largest of them (the bound for actors never counted).
    log_inv_max: f64,
    lambda: f64,
    omega: f64,
}

impl Bounds {
    /// The balanced weights from a pilot sample.
    fn balanced(pilot: &Counts, lambda: f64, delta: f64, omega: u64, n: usize) -> Bounds {
        let tau = pilot.tau as f64;
        let b0: Vec<f64> = pilot
            .touched
            .iter()
            .map(|&v| pilot.count[v as usize] as f64 / tau)
            .collect();
        // Σ_v δ(v) ≤ δ/4 (then Σ δ_L + δ_U ≤ δ/2): βδ/(4n) each, and (1−β)δ/4 shared by
        // exp(−Cλ²/b̃₀(v)), C the smallest that fits (bisection).
        let target = (1.0 - BALANCE) * delta / 4.0;
        let floor = BALANCE * delta / 4.0 / n as f64;
        let l2 = lambda * lambda;
        let sum = |c: f64| b0.iter().map(|&b| (-c * l2 / b).exp()).sum::<f64>();
        let (mut lo, mut hi) = (0.0, (n as f64 / target).ln() / l2);
        if sum(lo) <= target {
            hi = 0.0;
        }
        for _ in 0..100 {
            if hi - lo <= hi * 1e-12 {
                break;
            }
            let mid = 0.5 * (lo + hi);
            if sum(mid) <= target {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let c = hi;
        let mut log_inv = vec![(1.0 / floor).ln(); n];
        for (&v, &b) in pilot.touched.iter().zip(&b0) {
            log_inv[v as usize] = (1.0 / ((-c * l2 / b).exp() + floor)).ln();
        }
        Bounds {
            log_inv,
            log_inv_max: (1.0 / floor).ln(),
            lambda,
            omega: omega as f64,
        }
    }

    /// The paper's f: b(v) ≥ b̃ − f.
    fn f(&self, b: f64, log_inv: f64, tau: f64) -> f64 {
        let t = self.omega / tau - 1.0 / 3.0;
        let e = log_inv / tau * (-t + (t * t + 2.0 * b * self.omega / log_inv).sqrt());
        e.min(b)
    }

    /// The paper's g: b(v) ≤ b̃ + g.
    fn g(&self, b: f64, log_inv: f64, tau: f64) -> f64 {
        let t = self.omega / tau + 1.0 / 3.0;
        let e = log_inv / tau * (t + (t * t + 2.0 * b * self.omega / log_inv).sqrt());
        e.min(1.0 - b)
    }

    /// Whether every actor's interval is within ±λ; `last` remembers where it failed last.
    fn all_within(&self, counts: &Counts, last: &mut usize) -> bool {
        let tau = counts.tau as f64;
        // Actors never counted: b̃ = 0, f = 0, and g largest at the largest ln(1/δ).
        if self.g(0.0, self.log_inv_max, tau) >= self.lambda {
            return false;
        }
        let touched = &counts.touched;
        let start = (*last).min(touched.len());
        for i in (start..touched.len()).chain(0..start) {
            let v = touched[i] as usize;
            let b = counts.count[v] as f64 / tau;
            let l = self.log_inv[v];
            if self.f(b, l, tau) >= self.lambda || self.g(b, l, tau) >= self.lambda {
                *last = i;
                return false;
            }
        }
        true
    }

    /// The k highest estimates with their intervals (on the sampled scale), and whether each is
    /// certified or within ±λ. An interval is `[b̃ − f, b̃ + g]`, narrowed to ±λ once τ = ω.
    fn top(&self, counts: &Counts, k: usize) -> (Vec<Ranked>, bool) {
        let tau = counts.tau as f64;
        let capped = counts.tau as f64 >= self.omega;
        let interval = |v: usize| {
            let b = counts.count[v] as f64 / tau;
            let l = self.log_inv[v];
            let (mut f, mut g) = (self.f(b, l, tau), self.g(b, l, tau));
            if capped {
                f = f.min(self.lambda);
                g = g.min(self.lambda);
            }
            (b - f, b + g, f < self.lambda && g < self.lambda)
        };
        let mut order: Vec<u32> = counts.touched.clone();
        order.sort_unstable_by(|&a, &b| {
            counts.count[b as usize]
                .cmp(&counts.count[a as usize])
                .then(a.cmp(&b))
        });
        // Actors never counted, by position, after the counted ones.
        let k = k.min(counts.count.len());
        let mut v = 0;
        while order.len() < k {
            if counts.count[v] == 0 {
                order.push(v as u32);
            }
            v += 1;
        }
        let spans: Vec<(f64, f64, bool)> = order.iter().map(|&v| interval(v as usize)).collect();
        // Highest upper end among the actors ranked below i, for every i < k.
        let mut zero_high = self.g(0.0, self.log_inv_max, tau);
        if capped {
            zero_high = zero_high.min(self.lambda);
        }
        let mut below = vec![zero_high; k + 1];
        below[k] = spans[k..].iter().map(|s| s.1).fold(
            if order.len() < counts.count.len() {
                zero_high
            } else {
                f64::NEG_INFINITY
            },
            f64::max,
        );
        for i in (0..k).rev() {
            below[i] = below[i + 1].max(if i + 1 < k {
                spans[i + 1].1
            } else {
                f64::NEG_INFINITY
            });
        }
        let mut above = f64::INFINITY;
        let mut done = true;
        let mut top = Vec::with_capacity(k);
        for i in 0..k {
            let (low, high, tight) = spans[i];
            let certified = low > below[i] && high < above;
            above = above.min(low);
            done &= certified || tight;
            top.push(Ranked {
                actor: order[i] as usize,
                low: low.max(0.0),
                high,
                certified,
            });
        }
        (top, done)
    }
}

/// Draws batches of samples in parallel, each batch from its own random stream.
struct Sampler<'a> {
    g: &'a Graph,
    seed: u64,
    /// Idle search buffers, reused by the batches.
    idle: Mutex<Vec<Search>>,
}

impl<'a> Sampler<'a> {
    fn new(g: &'a Graph, seed: u64) -> Self {
        Sampler {
            g,
            seed,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Runs batches `first..first + batches` into `counts`; returns the arcs scanned.
    fn run(&self, first: u64, batches: usize, counts: &mut Counts, progress: &Progress) -> u64 {
        let results: Vec<(Vec<u32>, u64)> = (first..first + batches as u64)
            .into_par_iter()
            .map(|b| {
                let mut search = self
                    .idle
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .pop()
                    .unwrap_or_else(|| Search::new(self.g.n()));
                let out = self.batch(&mut search, b);
                self.idle
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(search);
                progress.advance(BATCH as u64);
                out
            })
            .collect();
        let mut work = 0;
        for (inner, w) in results {
            counts.add(&inner);
            work += w;
        }
        counts.tau += (batches * BATCH) as u64;
        work
    }

    /// One batch: [`BATCH`] samples from stream `b`; the inner actors of every sampled path, and
    /// the arcs scanned.
    fn batch(&self, search: &mut Search, b: u64) -> (Vec<u32>, u64) {
        let n = self.g.n();
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(b);
        let mut inner = Vec::new();
        let mut work = 0;
        for _ in 0..BATCH {
            let s = rng.random_range(0..n);
            let mut t = rng.random_range(0..n - 1);
            if t >= s {
                t += 1;
            }
            work += if self.g.is_weighted() {
                search
                    .pair
                    .get_or_insert_with(|| PairDijkstra::new(n))
                    .sample(self.g, s, t, &mut rng, &mut inner)
            } else {
                search.sample(self.g, s, t, &mut rng, &mut inner)
            };
        }
        (inner, work)
    }
}

/// One actor's state in a pair search, packed so a visit touches one cache line.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C)]
struct Node {
    /// `2·round` when reached from s in this sample, `2·round + 1` when from t.
    stamp: u32,
    /// Hops from its side's origin.
    dist: u32,
    /// Shortest paths from its side's origin.
    sigma: f64,
}

/// One worker's buffers for the pair searches.
struct Search {
    node: Vec<Node>,
    round: u32,
    front_s: Vec<u32>,
    front_t: Vec<u32>,
    next: Vec<u32>,
    /// Arcs (u, w) joining the two searches, u reached from s and w from t, with σ_s(u)·σ_t(w).
    contacts: Vec<(u32, u32, f64)>,
    /// The bidirectional Dijkstra of weighted graphs.
    pair: Option<PairDijkstra>,
}

impl Search {
    fn new(n: usize) -> Self {
        Search {
            node: vec![Node::default(); n],
            round: 0,
            front_s: Vec::new(),
            front_t: Vec::new(),
            next: Vec::new(),
            contacts: Vec::new(),
            pair: None,
        }
    }

    /// One sample by balanced bidirectional breadth-first search: a uniformly random shortest
    /// s–t path, its inner actors appended to `inner` (nothing when t is unreachable from s).
    /// Returns the arcs scanned.
    fn sample(
        &mut self,
        g: &Graph,
        s: usize,
        t: usize,
        rng: &mut ChaCha8Rng,
        inner: &mut Vec<u32>,
    ) -> u64 {
        if self.round == u32::MAX / 2 {
            self.node.iter_mut().for_each(|x| x.stamp = 0);
            self.round = 0;
        }
        self.round += 1;
        let (from_s, from_t) = (2 * self.round, 2 * self.round + 1);
        let (out, inc) = (g.out(), g.incoming());
        self.node[s] = Node {
            stamp: from_s,
            dist: 0,
            sigma: 1.0,
        };
        self.node[t] = Node {
            stamp: from_t,
            dist: 0,
            sigma: 1.0,
        };
        self.front_s.clear();
        self.front_s.push(s as u32);
        self.front_t.clear();
        self.front_t.push(t as u32);
        let (mut deg_s, mut deg_t) = (out.degree(s), inc.degree(t));
        let mut work = 0u64;
        self.contacts.clear();
        loop {
            if self.front_s.is_empty() || self.front_t.is_empty() {
                return work;
            }
            let forward = deg_s <= deg_t;
            let (adj, front, mine, theirs) = if forward {
                (out, &self.front_s, from_s, from_t)
            } else {
                (inc, &self.front_t, from_t, from_s)
            };
            work += if forward { deg_s } else { deg_t } as u64;
            self.next.clear();
            let mut deg = 0;
            let node = &mut self.node;
            for &u in front {
                let Node {
                    dist: du,
                    sigma: su,
                    ..
                } = node[u as usize];
                for &w in adj.neighbors(u as usize) {
                    let x = &mut node[w as usize];
                    if x.stamp == theirs {
                        let weight = su * x.sigma;
                        self.contacts.push(if forward {
                            (u, w, weight)
                        } else {
                            (w, u, weight)
                        });
                    } else if x.stamp == mine {
                        if x.dist == du + 1 {
                            x.sigma += su;
                        }
                    } else if self.contacts.is_empty() {
                        *x = Node {
                            stamp: mine,
                            dist: du + 1,
                            sigma: su,
                        };
                        self.next.push(w);
                        deg += adj.degree(w as usize);
                    }
                }
            }
            if !self.contacts.is_empty() {
                break;
            }
            if forward {
                std::mem::swap(&mut self.front_s, &mut self.next);
                deg_s = deg;
            } else {
                std::mem::swap(&mut self.front_t, &mut self.next);
                deg_t = deg;
            }
        }
        // Actors first reached in the level that made contact may be half-counted: they are not
        // on any shortest path (they lie one level too far), and the walks never look at them
        // because they read only actors of a strictly smaller distance on their own side.
        let total: f64 = self.contacts.iter().map(|c| c.2).sum();
        let target = rng.random::<f64>() * total;
        let mut seen = 0.0;
        let mut pick = self.contacts[self.contacts.len() - 1];
        for &c in &self.contacts {
            seen += c.2;
            if target < seen {
                pick = c;
                break;
            }
        }
        let (u, w) = (pick.0 as usize, pick.1 as usize);
        // Back from u to s, then on from w to t.
        let mut x = u;
        while x != s {
            inner.push(x as u32);
            work += inc.degree(x) as u64;
            x = self.step(inc, x, from_s, rng);
        }
        let mut x = w;
        while x != t {
            inner.push(x as u32);
            work += out.degree(x) as u64;
            x = self.step(out, x, from_t, rng);
        }
        work
    }

    /// From `x`, one step towards its side's origin: a neighbour z in `adj` on the same side one
    /// level closer, drawn with probability σ(z)/σ(x).
    fn step(&self, adj: &Csr, x: usize, side: u32, rng: &mut ChaCha8Rng) -> usize {
        let here = self.node[x];
        let target = rng.random::<f64>() * here.sigma;
        let level = here.dist - 1;
        let mut seen = 0.0;
        let mut chosen = usize::MAX;
        for &z in adj.neighbors(x) {
            let y = self.node[z as usize];
            if y.stamp == side && y.dist == level {
                chosen = z as usize;
                seen += y.sigma;
                if target < seen {
                    break;
                }
            }
        }
        // x was reached from this side, so it has a neighbour one level closer; should rounding
        // put `target` past the last σ, that last neighbour is taken.
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::betweenness::betweenness;
    use crate::algo::shortest::tests::random_graphs;
    use crate::graph::tests::{graph, lcg, weighted};

    fn grid(k: u32) -> Graph {
        let mut edges = Vec::new();
        for i in 0..k {
            for j in 0..k {
                let v = i * k + j;
                if j + 1 < k {
                    edges.push((v, v + 1));
                }
                if i + 1 < k {
                    edges.push((v, v + k));
                }
            }
        }
        graph((k * k) as usize, false, &edges)
    }

    fn options(epsilon: f64, delta: f64, seed: u64) -> KadabraOptions {
        KadabraOptions {
            epsilon,
            delta,
            seed,
            top_k: None,
        }
    }

    fn sampled(g: &Graph, o: &KadabraOptions) -> Kadabra {
        approximate(g, o, &Progress::none(), false)
    }

    fn worst(a: &[f64], b: &[f64]) -> f64 {
        a.iter()
            .zip(b)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max)
    }

    /// Every shortest u–v path (inner actors only, listed from u's end) by depth-first enumeration
    /// of the simple paths, keeping the shortest by total length.
    fn brute_force_shortest_paths(g: &Graph, u: usize, v: usize) -> Vec<Vec<usize>> {
        fn walk(
            g: &Graph,
            at: usize,
            v: usize,
            len: f64,
            path: &mut Vec<usize>,
            found: &mut Vec<(f64, Vec<usize>)>,
        ) {
            if at == v {
                found.push((len, path[1..path.len() - 1].to_vec()));
                return;
            }
            for (&w, &d) in g.out().neighbors(at).iter().zip(g.out().distances(at)) {
                let w = w as usize;
                if !path.contains(&w) {
                    path.push(w);
                    let step = if g.is_weighted() { d } else { 1.0 };
                    walk(g, w, v, len + step, path, found);
                    path.pop();
                }
            }
        }
        let mut found = Vec::new();
        walk(g, u, v, 0.0, &mut vec![u], &mut found);
        let best = found.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
        found
            .into_iter()
            .filter(|p| p.0 == best)
            .map(|p| p.1)
            .collect()
    }

    /// Normalised betweenness (NetworkX scale) by enumerating every shortest path of every pair.
    fn brute_force_betweenness(g: &Graph) -> Vec<f64> {
        let n = g.n();
        let mut b = vec![0.0; n];
        for u in 0..n {
            for v in (0..n).filter(|&v| v != u) {
                let paths = brute_force_shortest_paths(g, u, v);
                for p in &paths {
                    for &z in p {
                        b[z] += 1.0 / paths.len() as f64;
                    }
                }
            }
        }
        let scale = if n > 2 {
            1.0 / ((n - 1) * (n - 2)) as f64
        } else {
            0.0
        };
        b.iter().map(|x| x * scale).collect()
    }

    /// One sample of the pair (u, v): its inner actors in path order from u.
    fn draw(
        search: &mut Search,
        g: &Graph,
        u: usize,
        v: usize,
        rng: &mut ChaCha8Rng,
    ) -> Vec<usize> {
        let mut inner = Vec::new();
        if g.is_weighted() {
            let pair = search.pair.get_or_insert_with(|| PairDijkstra::new(g.n()));
            pair.sample(g, u, v, rng, &mut inner);
            // u's half is listed back from the crossing arc, then v's half forwards.
            let mut path: Vec<usize> = inner.iter().map(|&z| z as usize).collect();
            path[..pair.split].reverse();
            return path;
        }
        search.sample(g, u, v, rng, &mut inner);
        // The walk lists u's half backwards from the contact, then w's half forwards.
        let mut path: Vec<usize> = inner.iter().map(|&z| z as usize).collect();
        let split = path
            .iter()
            .position(|&z| search.node[z].stamp == 2 * search.round + 1)
            .unwrap_or(path.len());
        path[..split].reverse();
        path
    }

    /// Draws `draws` paths u→v and checks each shortest path comes up 1/k of the time (within 5
    /// standard deviations of the binomial count) and nothing else comes up.
    fn assert_uniform(g: &Graph, u: usize, v: usize, draws: usize, rng: &mut ChaCha8Rng) {
        let paths = brute_force_shortest_paths(g, u, v);
        let mut search = Search::new(g.n());
        let mut counts = vec![0usize; paths.len()];
        for _ in 0..draws {
            let drawn = draw(&mut search, g, u, v, rng);
            let i = paths.iter().position(|p| *p == drawn);
            let i = i.unwrap_or_else(|| panic!("{u}→{v}: drew {drawn:?}, not among {paths:?}"));
            counts[i] += 1;
        }
        let p = 1.0 / paths.len() as f64;
        let (mean, sd) = (draws as f64 * p, (draws as f64 * p * (1.0 - p)).sqrt());
        for (path, &c) in paths.iter().zip(&counts) {
            assert!(
                (c as f64 - mean).abs() <= 5.0 * sd + 1e-9,
                "{u}→{v} {path:?}: {c} of {draws}, expected {mean}"
            );
        }
    }

    #[test]
    fn omega_follows_the_formula() {
        // VD = 10: ⌊log2 8⌋ = 3; (0.5/0.01)(3 + 1 + ln 20) = 50 · 6.995732… → 350.
        assert_eq!(omega(10, 0.1, 0.1), 350);
        // VD ≤ 3: no log term; (0.5/0.25)(1 + ln 2) = 3.386… → 4.
        assert_eq!(omega(3, 0.5, 1.0), 4);
    }

    #[test]
    fn vertex_diameter_bounds() {
        // Path of 6: ecc of actor 0 is 5, 2·5+1 = 11 capped by the component size 6.
        let p = graph(6, false, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]);
        assert_eq!(vertex_diameter_bound(&p), 6);
        // Directed, no cycles: the longest chain 0→1→2 has 3 actors.
        let d = graph(5, true, &[(0, 1), (1, 2), (3, 4)]);
        assert_eq!(vertex_diameter_bound(&d), 3);
        // A directed 6-cycle between an entry 6 and an exit 7: 6→0→…→5→7, 8 actors.
        let mut arcs: Vec<(u32, u32)> = (0..6).map(|i| (i, (i + 1) % 6)).collect();
        arcs.extend([(6, 0), (5, 7)]);
        assert_eq!(vertex_diameter_bound(&graph(8, true, &arcs)), 8);
        // A two-way star: every shortest path is i→0→j, 3 actors (the component holds 6).
        let star: Vec<(u32, u32)> = (1..6).flat_map(|i| [(0, i), (i, 0)]).collect();
        assert_eq!(vertex_diameter_bound(&graph(6, true, &star)), 3);
    }

    #[test]
    fn weighted_vertex_diameter_bounds() {
        // A star of 10 leaves at distance 3 (and one leaf-to-leaf arc of 3): the centre's
        // eccentricity is 3, so no shortest path is longer than 6, two arcs of 3: 3 actors, though
        // the component holds 11 (the bound used to be the component for every weighted network).
        let mut star: Vec<(u32, u32, f64)> = (1..=10).map(|i| (0, i, 3.0)).collect();
        star.push((1, 2, 3.0));
        assert_eq!(vertex_diameter_bound(&weighted(11, false, &star)), 3);
        // With one arc of 1, a path of length 6 may have six arcs: 7 actors.
        star[0].2 = 1.0;
        assert_eq!(vertex_diameter_bound(&weighted(11, false, &star)), 7);
        // Directed, a two-way star of arcs of 2: i→0→j, 3 actors of the 6.
        let two_way: Vec<(u32, u32, f64)> =
            (1..6).flat_map(|i| [(0, i, 2.0), (i, 0, 2.0)]).collect();
        assert_eq!(vertex_diameter_bound(&weighted(6, true, &two_way)), 3);
    }

    #[test]
    fn the_vertex_diameter_bound_holds_on_random_graphs() {
        // Against the longest shortest path, by enumeration: directed and undirected, hop counts
        // and distances (ties of different hop counts included).
        for distances in [false, true] {
            for g in random_graphs(40, distances) {
                let n = g.n();
                let mut longest = 1;
                for u in 0..n {
                    for v in (0..n).filter(|&v| v != u) {
                        for p in brute_force_shortest_paths(&g, u, v) {
                            longest = longest.max(p.len() + 2);
                        }
                    }
                }
                assert!(vertex_diameter_bound(&g) >= longest, "{g:?}");
            }
        }
    }

    #[test]
    fn sampled_paths_are_uniform_over_shortest_paths() {
        // Hand count: 0→6 has three shortest paths, 0-1-4-6, 0-2-4-6, 0-3-5-6, so 4 is on 2/3 of
        // them; a walk choosing predecessors evenly would give it 1/2.
        let g = graph(
            7,
            true,
            &[
                (0, 1),
                (0, 2),
                (0, 3),
                (1, 4),
                (2, 4),
                (3, 5),
                (4, 6),
                (5, 6),
            ],
        );
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut search = Search::new(7);
        let mut on4 = 0;
        for _ in 0..3000 {
            let p = draw(&mut search, &g, 0, 6, &mut rng);
            assert_eq!(p.len(), 2, "{p:?}");
            on4 += usize::from(p.contains(&4));
        }
        assert!(
            (on4 as f64 - 2000.0).abs() < 5.0 * (3000.0f64 * 2.0 / 9.0).sqrt(),
            "{on4}"
        );
        assert_uniform(&g, 0, 6, 3000, &mut rng);
        // Random small graphs, unweighted (bidirectional search) and with integer distances
        // (Dijkstra; ties of different hop counts), directed and undirected: every pair with
        // several shortest paths.
        for distances in [false, true] {
            for g in random_graphs(25, distances) {
                for u in 0..g.n() {
                    for v in (0..g.n()).filter(|&v| v != u) {
                        if brute_force_shortest_paths(&g, u, v).len() > 1 {
                            assert_uniform(&g, u, v, 600, &mut rng);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn bidirectional_dijkstra_samples_uniformly_on_larger_graphs() {
        // Sparse random graphs of 14 actors with distances 1–3 (many ties of different hop
        // counts, crossing arcs met from either side), directed and undirected: every pair draws
        // its shortest paths uniformly, or its only one, or nothing when unreachable.
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let mut several = 0;
        for (seed, directed) in [(11, true), (12, false), (13, true), (14, true)] {
            let g = sparse(14, 26, directed, true, seed);
            let mut search = Search::new(g.n());
            for u in 0..g.n() {
                for v in (0..g.n()).filter(|&v| v != u) {
                    let paths = brute_force_shortest_paths(&g, u, v);
                    if paths.len() > 1 {
                        several += 1;
                        assert_uniform(&g, u, v, 300, &mut rng);
                    } else {
                        let p = draw(&mut search, &g, u, v, &mut rng);
                        assert_eq!(paths.first().map_or(&[][..], |p| &p[..]), &p[..]);
                    }
                }
            }
        }
        assert!(
            several > 50,
            "only {several} pairs with several shortest paths"
        );
    }

    #[test]
    fn every_pair_draws_a_shortest_path_or_nothing() {
        // Unreachable pairs credit nothing; adjacent ones an empty path.
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        for distances in [false, true] {
            for g in random_graphs(40, distances) {
                let mut search = Search::new(g.n());
                for u in 0..g.n() {
                    for v in (0..g.n()).filter(|&v| v != u) {
                        let paths = brute_force_shortest_paths(&g, u, v);
                        let p = draw(&mut search, &g, u, v, &mut rng);
                        if paths.is_empty() {
                            assert!(p.is_empty(), "{u}→{v} unreachable, drew {p:?}");
                        } else {
                            assert!(paths.contains(&p), "{u}→{v}: {p:?} not in {paths:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn weighted_searches_sample_true_shortest_paths() {
        // Only 1 lies on a shortest path (0→1→2 costs 2, 0→2 costs 5).
        let g = weighted(3, true, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 5.0)]);
        let mut search = Search::new(3);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for _ in 0..10 {
            assert_eq!(draw(&mut search, &g, 0, 2, &mut rng), [1]);
        }
        assert!(draw(&mut search, &g, 2, 0, &mut rng).is_empty());
    }

    #[test]
    fn error_bound_holds_on_random_graphs() {
        // The guarantee as a property: small random graphs (directed and undirected, unweighted and
        // weighted), exact scores by enumerating every shortest path, five seeds each; ε = 0.05
        // with δ = 0.01, so a failure is a bug rather than bad luck.
        let mut checked = 0;
        for distances in [false, true] {
            for g in random_graphs(40, distances) {
                let exact = brute_force_betweenness(&g);
                for seed in 1..=5 {
                    let a = sampled(&g, &options(0.05, 0.01, seed));
                    if a.exact {
                        continue;
                    }
                    checked += 1;
                    let e = worst(&exact, &a.scores);
                    assert!(e <= 0.05, "seed {seed}: max error {e} on {g:?}");
                }
            }
        }
        // (Graphs of n ≤ 2 or whose paths have no inner actors are exact zeros, not sampled.)
        assert!(checked > 250, "{checked}");
    }

    /// A sparse random graph of n actors and about `m` links, directed or not, weighted or not.
    fn sparse(n: u32, m: usize, directed: bool, distances: bool, seed: u64) -> Graph {
        let mut next = lcg(seed);
        let edges: Vec<(u32, u32, f64)> = (0..m)
            .map(|_| {
                let (a, b) = (next(u64::from(n)) as u32, next(u64::from(n)) as u32);
                (a, b, 1.0 + next(3) as f64)
            })
            .collect();
        if distances {
            weighted(n as usize, directed, &edges)
        } else {
            let pairs: Vec<(u32, u32)> = edges.iter().map(|&(a, b, _)| (a, b)).collect();
            graph(n as usize, directed, &pairs)
        }
    }

    #[test]
    fn error_bound_holds_on_larger_random_graphs() {
        // 300 actors: many scores well away from 0, exact ones by Brandes' algorithm.
        for (i, (directed, distances)) in
            [(false, false), (true, false), (false, true), (true, true)]
                .into_iter()
                .enumerate()
        {
            let g = sparse(300, 700, directed, distances, 11 + i as u64);
            let exact = betweenness(&g, true);
            for seed in [1, 2, 3] {
                let a = sampled(&g, &options(0.03, 0.1, seed));
                assert!(!a.exact && a.samples <= a.omega);
                let e = worst(&exact, &a.scores);
                assert!(
                    e <= 0.03,
                    "{directed} {distances} seed {seed}: max error {e}"
                );
            }
        }
    }

    #[test]
    fn sampling_stops_before_the_cap_on_a_grid() {
        let g = grid(40);
        let a = sampled(&g, &options(0.05, 0.1, 7));
        assert!(a.samples < a.omega, "{} of {}", a.samples, a.omega);
        let e = worst(&betweenness(&g, true), &a.scores);
        assert!(e <= 0.05, "max error {e}");
    }

    #[test]
    fn same_seed_same_bytes_any_thread_count() {
        for g in [
            grid(30),
            sparse(400, 900, true, false, 5),
            sparse(300, 700, false, true, 6),
        ] {
            let run = |threads| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap()
                    .install(|| sampled(&g, &options(0.05, 0.1, 3)))
            };
            let (a, b, c) = (run(1), run(2), run(3));
            assert!(!a.exact);
            let bits = |k: &Kadabra| k.scores.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&a), bits(&b));
            assert_eq!(bits(&a), bits(&c));
            assert_ne!(a, sampled(&g, &options(0.05, 0.1, 4)));
        }
    }

    #[test]
    fn top_k_ranks_the_hubs() {
        // Three stars of 40, 25 and 12 leaves whose centres form a path 0–1–2 (centres 0, 1, 2):
        // exact normalised betweenness is far apart for the centres, 0 for every leaf.
        let mut edges = vec![(0, 1), (1, 2)];
        let mut next = 3;
        for (centre, leaves) in [(0u32, 40u32), (1, 25), (2, 12)] {
            for _ in 0..leaves {
                edges.push((centre, next));
                next += 1;
            }
        }
        let g = graph(next as usize, false, &edges);
        let exact = betweenness(&g, true);
        let mut order: Vec<usize> = (0..g.n()).collect();
        order.sort_by(|&a, &b| exact[b].total_cmp(&exact[a]));
        let o = KadabraOptions {
            top_k: Some(3),
            ..options(0.01, 0.1, 1)
        };
        let a = sampled(&g, &o);
        let top = a.top.expect("top k");
        assert_eq!(top.len(), 3);
        for (i, r) in top.iter().enumerate() {
            assert_eq!(r.actor, order[i], "rank {i}");
            assert!(r.certified, "{r:?}");
            assert!(r.low <= exact[r.actor] && exact[r.actor] <= r.high, "{r:?}");
        }
        // Certified well before the absolute guarantee would stop.
        let full = sampled(&g, &options(0.01, 0.1, 1));
        assert!(
            a.samples < full.samples,
            "{} vs {}",
            a.samples,
            full.samples
        );
    }

    #[test]
    fn top_k_reports_intervals_when_ranks_tie() {
        // A cycle: every actor has the same betweenness, no rank can be certified, and the
        // intervals (within ±ε) contain the exact value.
        let edges: Vec<(u32, u32)> = (0..60).map(|i| (i, (i + 1) % 60)).collect();
        let g = graph(60, false, &edges);
        let exact = betweenness(&g, true)[0];
        let o = KadabraOptions {
            top_k: Some(2),
            ..options(0.05, 0.1, 1)
        };
        let top = sampled(&g, &o).top.unwrap();
        for r in &top {
            assert!(!r.certified);
            assert!(r.low <= exact && exact <= r.high, "{r:?} vs {exact}");
            assert!(r.high - r.low <= 0.1 + 1e-12, "{r:?}");
        }
    }

    #[test]
    fn small_graphs_fall_back_to_exact() {
        let g = graph(5, false, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        let a = kadabra(&g, &options(0.1, 0.1, 1));
        assert!(a.exact);
        assert_eq!(a.scores, betweenness(&g, true));
    }

    #[test]
    fn the_exact_fall_back_gives_the_same_bytes_on_any_thread_count() {
        // A sparse random graph: sums of path fractions whose rounding depends on their order
        // (splitting the sources by the pool size, as before, fails this test).
        let mut edges = Vec::new();
        let mut x: u64 = 7;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as u32 % 200
        };
        for _ in 0..600 {
            let (a, b) = (next(), next());
            if a != b {
                edges.push((a, b));
            }
        }
        let g = graph(200, false, &edges);
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| kadabra(&g, &options(0.01, 0.1, 1)))
        };
        let (one, two, three) = (run(1), run(2), run(3));
        assert!(
            one.exact,
            "epsilon 0.01 costs more samples than the exact computation"
        );
        let bits = |a: &Kadabra| a.scores.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&one), bits(&two));
        assert_eq!(bits(&one), bits(&three));
        // And it is the exact betweenness, to rounding.
        for (a, b) in one.scores.iter().zip(betweenness(&g, true)) {
            assert!((a - b).abs() <= 1e-12, "{a} {b}");
        }
    }
}
