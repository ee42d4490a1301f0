//! Approximate betweenness by shortest-path sampling (Riondato & Kornaropoulos 2016, "Fast approximation
//! of betweenness centrality through sampling", Data Min. Knowl. Discov. 30(2)).
//!
//! Draw r pairs (u, v), u ≠ v, uniformly; for each, run a shortest-path search from u that stops once v is
//! settled, draw one shortest u–v path uniformly (walking back from v, choosing predecessor z of w with
//! probability σ_uz/σ_uw) and add 1/r to each inner actor. The estimate b̃ of
//! b(w) = Σ_{u≠v} σ_uv(w)/σ_uv / (n(n−1)) satisfies Pr[∃w: |b̃(w) − b(w)| > ε] < δ when
//! r = ⌈(c/ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉, c = 0.5, where VD bounds the number of actors on a shortest
//! path (the vertex diameter). VD is bounded by 2·ecc + 1 from one breadth-first search per component on
//! unweighted undirected graphs, and by the largest weak component's size otherwise (both as in the paper).
//!
//! netgraph reports the NetworkX scale B(w) = Σ/((n−1)(n−2)) = b(w)·n/(n−2), so it samples with
//! ε' = ε(n−2)/n: the reported scores are within ε of the exact normalised ones with probability ≥ 1 − δ.
//! When r reaches n, the exact algorithm costs less and is used instead (error 0).
//!
//! The pair searches are [`ShortestPaths::run_to`], the kernels the exact measures use (breadth-first
//! with the visit order as the queue; Dijkstra with the monotone radix heap), stopped once v is settled.
//! Samples are split into a fixed number of blocks, each with its own ChaCha stream of the seed, and the
//! block sums are added in order: the output depends on the seed only, not on the thread count.
//! Complexity: O(r · (V + E)) time in the worst case (O(r · (V + E) log V) with distances), far less
//! when searches stop early; O(V + E) memory per thread. Edge cases: n ≤ 2 or a vertex-diameter bound
//! ≤ 2 gives all zeros (no actor can be inner); an unreachable pair is a sample crediting nothing.

use super::betweenness::betweenness_with;
use super::components::weak_components;
use super::shortest::ShortestPaths;
use crate::graph::Graph;
use crate::progress::Progress;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

const BLOCKS: usize = 64;

/// The outcome of an approximation.
#[derive(Debug, Clone, PartialEq)]
pub struct Approximation {
    /// Normalised (NetworkX-scale) betweenness estimates.
    pub scores: Vec<f64>,
    /// Number of sampled pairs (0 when the exact algorithm was used).
    pub samples: usize,
    /// The vertex-diameter bound used.
    pub vertex_diameter: usize,
    /// Whether the exact algorithm was used because it was cheaper.
    pub exact: bool,
}

/// The sample size of Riondato & Kornaropoulos for error `epsilon`, confidence `1 − delta`.
pub fn sample_size(vertex_diameter: usize, epsilon: f64, delta: f64) -> usize {
    const C: f64 = 0.5;
    let log_vd = if vertex_diameter > 3 {
        ((vertex_diameter - 2) as f64).log2().floor()
    } else {
        0.0
    };
    (C / (epsilon * epsilon) * (log_vd + 1.0 + (1.0 / delta).ln())).ceil() as usize
}

/// An upper bound on the number of actors on any shortest path.
pub fn vertex_diameter_bound(g: &Graph) -> usize {
    let (label, sizes) = weak_components(g);
    let largest = sizes.iter().copied().max().unwrap_or(0);
    if g.is_directed() || g.is_weighted() {
        return largest;
    }
    let mut seen = vec![false; sizes.len()];
    let mut sp = ShortestPaths::new(g.n());
    let mut bound = 0;
    for (v, &c) in label.iter().enumerate() {
        let c = c as usize;
        if std::mem::replace(&mut seen[c], true) {
            continue;
        }
        sp.run(g.out(), false, v, false);
        let ecc = sp.order.last().map_or(0.0, |&w| sp.dist[w as usize]) as usize;
        bound = bound.max((2 * ecc + 1).min(sizes[c]));
    }
    bound
}

/// Approximate normalised betweenness within `epsilon` with probability at least `1 − delta`.
pub fn approximate_betweenness(g: &Graph, epsilon: f64, delta: f64, seed: u64) -> Approximation {
    approximate_betweenness_with(g, epsilon, delta, seed, &Progress::none())
}

/// [`approximate_betweenness`], reporting its progress: the sample size as the length, one unit
/// per sample (per source when it falls back to the exact computation).
pub fn approximate_betweenness_with(
    g: &Graph,
    epsilon: f64,
    delta: f64,
    seed: u64,
    progress: &Progress,
) -> Approximation {
    let n = g.n();
    let vd = vertex_diameter_bound(g);
    if n <= 2 || vd <= 2 {
        return Approximation {
            scores: vec![0.0; n],
            samples: 0,
            vertex_diameter: vd,
            exact: true,
        };
    }
    let scale = n as f64 / (n as f64 - 2.0);
    let r = sample_size(vd, epsilon / scale, delta);
    if r >= n {
        // A fixed split of the sources (not the pool size), so the fall-back gives the same bytes
        // on any number of threads, as the sampler does; at most 1 GiB of accumulators.
        let chunks = (64).min((1usize << 27) / n.max(1)).max(1);
        return Approximation {
            scores: betweenness_with(g, true, false, chunks, progress),
            samples: 0,
            vertex_diameter: vd,
            exact: true,
        };
    }
    progress.set_length(r as u64);
    let scores = sample(g, r, seed, progress);
    Approximation {
        scores,
        samples: r,
        vertex_diameter: vd,
        exact: false,
    }
}

/// Normalised betweenness estimated from `r` sampled shortest paths (NetworkX scale).
fn sample(g: &Graph, r: usize, seed: u64, progress: &Progress) -> Vec<f64> {
    let n = g.n();
    let blocks: Vec<Vec<f64>> = (0..BLOCKS)
        .into_par_iter()
        .map(|b| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(b as u64);
            let mut sampler = Sampler::new(n);
            let mut acc = vec![0.0; n];
            let count = r / BLOCKS + usize::from(b < r % BLOCKS);
            for i in 0..count {
                if i % 64 == 63 {
                    progress.advance(64);
                }
                let u = rng.random_range(0..n);
                let mut v = rng.random_range(0..n - 1);
                if v >= u {
                    v += 1;
                }
                sampler.sample(g, u, v, &mut rng, &mut acc);
            }
            acc
        })
        .collect();
    let mut scores = vec![0.0; n];
    for block in blocks {
        for (s, x) in scores.iter_mut().zip(block) {
            *s += x;
        }
    }
    let weight = n as f64 / (n as f64 - 2.0) / r as f64;
    scores.iter_mut().for_each(|s| *s *= weight);
    scores
}

/// One sample at a time: a shortest-path search from u that stops once v is settled
/// ([`ShortestPaths::run_to`]: breadth-first with the visit order as the queue, or Dijkstra with the
/// radix heap), then a walk back from v drawing each predecessor z of w with probability σ_uz/σ_uw.
struct Sampler {
    sp: ShortestPaths,
}

impl Sampler {
    fn new(n: usize) -> Self {
        Sampler {
            sp: ShortestPaths::new(n),
        }
    }

    /// One sample: a uniformly random shortest u–v path, its inner actors credited in `acc`.
    /// Nothing is credited when v is unreachable from u.
    fn sample(&mut self, g: &Graph, u: usize, v: usize, rng: &mut ChaCha8Rng, acc: &mut [f64]) {
        self.draw(g, u, v, rng, |z| acc[z] += 1.0);
    }

    /// Draws a uniformly random shortest u–v path and passes its inner actors to `inner`, from v's
    /// end back to u's; nothing when v is unreachable from u.
    fn draw(
        &mut self,
        g: &Graph,
        u: usize,
        v: usize,
        rng: &mut ChaCha8Rng,
        mut inner: impl FnMut(usize),
    ) {
        let weighted = g.is_weighted();
        if !self.sp.run_to(g.out(), weighted, u, v, true) {
            return;
        }
        let (dist, sigma) = (&self.sp.dist, &self.sp.sigma);
        let incoming = g.incoming();
        let mut w = v;
        while w != u {
            let target = rng.random::<f64>() * sigma[w];
            let mut chosen = None;
            let mut seen = 0.0;
            for (&z, &len) in incoming.neighbors(w).iter().zip(incoming.distances(w)) {
                let z = z as usize;
                let step = if weighted { len } else { 1.0 };
                // Only actors closer than w can pass this test, and their σ are final.
                if dist[z] + step == dist[w] {
                    chosen = Some(z);
                    seen += sigma[z];
                    if target < seen {
                        break;
                    }
                }
            }
            // w was reached from u, so it has a predecessor; should rounding put `target` past the
            // last σ, that last predecessor is taken.
            let Some(z) = chosen else { break };
            if z != u {
                inner(z);
            }
            w = z;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::betweenness::betweenness;
    use crate::algo::shortest::tests::random_graphs;
    use crate::graph::tests::{graph, weighted};

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

    #[test]
    fn sample_size_follows_the_formula() {
        // VD = 10: ⌊log2 8⌋ = 3; (0.5/0.01)(3 + 1 + ln 10) = 50 · 6.302585… → 316.
        assert_eq!(sample_size(10, 0.1, 0.1), 316);
    }

    #[test]
    fn vertex_diameter_bounds() {
        // Path of 6: ecc of actor 0 is 5, 2·5+1 = 11 capped by the component size 6.
        let p = graph(6, false, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]);
        assert_eq!(vertex_diameter_bound(&p), 6);
        let d = graph(5, true, &[(0, 1), (1, 2), (3, 4)]);
        assert_eq!(vertex_diameter_bound(&d), 3);
    }

    #[test]
    fn error_bound_holds_on_a_grid() {
        // 20×20 grid, ε = 0.02, δ = 0.1: the sample the guarantee asks for, drawn for three seeds
        // (the exact algorithm would be cheaper here, so sampling is called directly).
        let g = grid(20);
        let exact = betweenness(&g, true);
        let n = g.n() as f64;
        let r = sample_size(vertex_diameter_bound(&g), 0.02 * (n - 2.0) / n, 0.1);
        for seed in [1, 2, 3] {
            let estimate = sample(&g, r, seed, &Progress::none());
            let worst = exact
                .iter()
                .zip(&estimate)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            assert!(worst <= 0.02, "seed {seed}: max error {worst}");
        }
    }

    #[test]
    fn large_graphs_sample() {
        let g = grid(40);
        let a = approximate_betweenness(&g, 0.1, 0.1, 7);
        assert!(!a.exact && a.samples > 0 && a.samples < g.n());
        let exact = betweenness(&g, true);
        let worst = exact
            .iter()
            .zip(&a.scores)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max);
        assert!(worst <= 0.1, "max error {worst}");
    }

    /// Every shortest u–v path (inner actors only, listed from v's end) by depth-first enumeration
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
                found.push((len, path[1..path.len() - 1].iter().rev().copied().collect()));
                return;
            }
            for (&w, &d) in g.out().neighbors(at).iter().zip(g.out().distances(at)) {
                let w = w as usize;
                if !path.contains(&w) {
                    path.push(w);
                    walk(
                        g,
                        w,
                        v,
                        len + if g.is_weighted() { d } else { 1.0 },
                        path,
                        found,
                    );
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

    /// Draws `draws` paths u→v and checks each shortest path comes up 1/k of the time (within 5
    /// standard deviations of the binomial count) and nothing else comes up.
    fn assert_uniform(g: &Graph, u: usize, v: usize, draws: usize, rng: &mut ChaCha8Rng) {
        let paths = brute_force_shortest_paths(g, u, v);
        let mut sampler = Sampler::new(g.n());
        let mut counts = vec![0usize; paths.len()];
        for _ in 0..draws {
            let mut drawn = Vec::new();
            sampler.draw(g, u, v, rng, |z| drawn.push(z));
            let i = paths.iter().position(|p| *p == drawn);
            let i = i.unwrap_or_else(|| panic!("{u}→{v}: drew {drawn:?}, not a shortest path"));
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
    fn sampled_paths_are_uniform_over_shortest_paths() {
        // Hand count: 0→6 has three shortest paths, 0-1-4-6, 0-2-4-6, 0-3-5-6 (σ(4) = 2, σ(5) = 1),
        // so 4 is on 2/3 of them; a walk choosing predecessors evenly would give it 1/2.
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
        let mut s = Sampler::new(7);
        let mut acc = vec![0.0; 7];
        for _ in 0..3000 {
            s.sample(&g, 0, 6, &mut rng, &mut acc);
        }
        assert!(
            (acc[4] - 2000.0).abs() < 5.0 * (3000.0f64 * 2.0 / 9.0).sqrt(),
            "{acc:?}"
        );
        assert_eq!((acc[0], acc[6], acc[4] + acc[5]), (0.0, 0.0, 3000.0));
        assert_uniform(&g, 0, 6, 3000, &mut rng);
        // Random small graphs, unweighted and with integer distances (ties of different hop
        // counts), directed and undirected: every pair with several shortest paths.
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
    fn weighted_searches_sample_true_shortest_paths() {
        // Only 1 lies on a shortest path (0→1→2 costs 2, 0→2 costs 5): every sample of (0, 2) credits 1.
        let g = weighted(3, true, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 5.0)]);
        let mut s = Sampler::new(3);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut acc = vec![0.0; 3];
        for _ in 0..10 {
            s.sample(&g, 0, 2, &mut rng, &mut acc);
        }
        assert_eq!(acc, [0.0, 10.0, 0.0]);
        // Unreachable pairs credit nothing.
        s.sample(&g, 2, 0, &mut rng, &mut acc);
        assert_eq!(acc, [0.0, 10.0, 0.0]);
    }

    #[test]
    fn same_seed_same_answer_any_thread_count() {
        let g = grid(40);
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let two = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let a = one.install(|| approximate_betweenness(&g, 0.1, 0.1, 3));
        let b = two.install(|| approximate_betweenness(&g, 0.1, 0.1, 3));
        assert!(!a.exact);
        assert_eq!(a, b);
        assert_ne!(a, approximate_betweenness(&g, 0.1, 0.1, 4));
    }

    #[test]
    fn small_graphs_fall_back_to_exact() {
        let g = graph(5, false, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        let a = approximate_betweenness(&g, 0.1, 0.1, 1);
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
                .install(|| approximate_betweenness(&g, 0.01, 0.1, 1))
        };
        let (one, two, three) = (run(1), run(2), run(3));
        assert!(one.exact, "epsilon 0.01 needs more samples than actors");
        let bits = |a: &Approximation| a.scores.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&one), bits(&two));
        assert_eq!(bits(&one), bits(&three));
        // And it is the exact betweenness, to rounding.
        for (a, b) in one.scores.iter().zip(betweenness(&g, true)) {
            assert!((a - b).abs() <= 1e-12, "{a} {b}");
        }
    }
}
