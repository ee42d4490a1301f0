//! Betweenness centrality, exact, by Brandes' algorithm.
//!
//! c_B(v) = Σ_{s ≠ v ≠ t} σ_st(v) / σ_st, over ordered pairs (s, t), where σ_st counts shortest s–t
//! paths and σ_st(v) those through v (Freeman 1977). Brandes (2001, "A faster algorithm for
//! betweenness centrality", J. Math. Sociol. 25(2)) computes it with one single-source search per
//! source followed by the dependency accumulation δ_s(v) = Σ_{w : v ∈ P_s(w)} σ_sv/σ_sw · (1 + δ_s(w)).
//! Here P_s(w), the predecessors of w, are not stored: the accumulation pulls, for each v, from the
//! out-neighbours w with d(s,v) + ℓ(v,w) = d(s,w), so every write is to v itself. Unweighted
//! searches keep `u32` levels and use the visit order as their queue.
//!
//! Conventions (NetworkX `betweenness_centrality`): normalised scores divide by (n−1)(n−2); raw
//! scores on an undirected graph are halved (each unordered pair is met from both ends); with n ≤ 2
//! every score is 0. Complexity: O(VE) unweighted, O(VE + V² log V) with distances; O(V + E) memory
//! per thread. Isolated actors score 0; self-loops never lie on a shortest path.
//!
//! With endpoints (NetworkX `endpoints=True`), the ends of each path count too: a source gains the
//! number of actors it reaches, every reached actor gains 1 more, and normalised scores divide by
//! n(n−1) instead (no scaling when n < 2).

use super::shortest::ShortestPaths;
use super::{default_chunks, sum_over_sources_into};
use crate::graph::Graph;
use crate::progress::Progress;

/// Brandes betweenness of every actor; `normalized` as NetworkX's `normalized=True`.
///
/// Uses the graph's distances when it is weighted, hop counts otherwise. Runs in parallel on the
/// current rayon pool; the same pool size gives the same bits.
pub fn betweenness(g: &Graph, normalized: bool) -> Vec<f64> {
    betweenness_with(g, normalized, false, default_chunks(), &Progress::none())
}

/// Brandes betweenness, counting the paths' ends when `endpoints` (NetworkX's `endpoints=True`),
/// with the sources split into `chunks` interleaved chunks whatever the pool size: the same
/// `chunks` gives the same bits on any number of threads; one unit of `progress` per source.
pub fn betweenness_with(
    g: &Graph,
    normalized: bool,
    endpoints: bool,
    chunks: usize,
    progress: &Progress,
) -> Vec<f64> {
    let mut scores = betweenness_sums(g, endpoints, SourceBlock::ALL, chunks, progress);
    let scale = scale(g.n(), g.is_directed(), normalized, endpoints);
    for x in &mut scores {
        *x *= scale;
    }
    scores
}

/// The factor that turns the sums over ordered pairs ([`betweenness_sums`] over every source) into
/// the scores: 1/(n−1)(n−2) normalised (1/n(n−1) with endpoints; 1 when n is too small), else 1
/// directed and ½ undirected (NetworkX's conventions).
pub fn scale(n: usize, directed: bool, normalized: bool, endpoints: bool) -> f64 {
    if normalized && endpoints {
        if n < 2 {
            1.0
        } else {
            1.0 / (n as f64 * (n - 1) as f64)
        }
    } else if normalized {
        if n <= 2 {
            1.0
        } else {
            1.0 / ((n - 1) as f64 * (n - 2) as f64)
        }
    } else if directed {
        1.0
    } else {
        0.5
    }
}

/// One block of the sources: the actor positions `s` with `s mod count = index` (0-based), so
/// that every block of a split holds every `count`-th actor and the blocks are balanced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceBlock {
    /// Which block, from 0 to `count − 1`.
    pub index: usize,
    /// How many blocks the sources are split into (1 up).
    pub count: usize,
}

impl SourceBlock {
    /// Every source in one block.
    pub const ALL: SourceBlock = SourceBlock { index: 0, count: 1 };

    /// How many of the sources `0..n` the block holds.
    pub fn len(self, n: usize) -> usize {
        if self.index >= n {
            0
        } else {
            (n - self.index).div_ceil(self.count.max(1))
        }
    }

    /// Whether the block holds none of the sources `0..n`.
    pub fn is_empty(self, n: usize) -> bool {
        self.len(n) == 0
    }
}

/// Brandes' sums of the dependencies δ_s(v) over the sources `s` of `block` (endpoints counted
/// when `endpoints`), unscaled: over ordered pairs, so the sums of the blocks of any split add up
/// to the sums over every source. Within the block the sources are spread over `chunks`
/// interleaved chunks as in [`betweenness_with`]. Cost: the block's share of O(VE)
/// (O(VE + V² log V) weighted).
pub fn betweenness_sums(
    g: &Graph,
    endpoints: bool,
    block: SourceBlock,
    chunks: usize,
    progress: &Progress,
) -> Vec<f64> {
    let n = g.n();
    let m = block.len(n);
    let source = |k: usize| block.index + k * block.count;
    if g.is_weighted() {
        sum_over_sources_into(
            m,
            n,
            chunks,
            progress,
            || (ShortestPaths::new(n), vec![0.0; n]),
            |(sp, coef), k, acc| {
                let s = source(k);
                sp.run(g.out(), true, s, true);
                accumulate_weighted(g, sp, coef, s, acc, endpoints);
            },
        )
    } else {
        sum_over_sources_into(
            m,
            n,
            chunks,
            progress,
            || Levels::new(n),
            |state, k, acc| state.brandes(g, source(k), acc, endpoints),
        )
    }
}

/// Brandes' dependency accumulation for one source, in reverse order of distance, pulled from the
/// successors: δ(v) = σ(v) · Σ_{w : d(w) = d(v) + ℓ(v,w)} (1 + δ(w)) / σ(w). `coef[w]` holds
/// (1 + δ(w)) / σ(w), written before any predecessor of w reads it.
fn accumulate_weighted(
    g: &Graph,
    sp: &ShortestPaths,
    coef: &mut [f64],
    s: usize,
    acc: &mut [f64],
    endpoints: bool,
) {
    let out = g.out();
    if endpoints {
        acc[s] += (sp.order.len() - 1) as f64;
    }
    for &v in sp.order.iter().rev() {
        let v = v as usize;
        let dv = sp.dist[v];
        let mut sum = 0.0;
        for (&w, &len) in out.neighbors(v).iter().zip(out.distances(v)) {
            let w = w as usize;
            if dv + len == sp.dist[w] {
                sum += coef[w];
            }
        }
        let delta = sp.sigma[v] * sum;
        coef[v] = (1.0 + delta) / sp.sigma[v];
        if v != s {
            acc[v] += delta + if endpoints { 1.0 } else { 0.0 };
        }
    }
}

/// Breadth-first Brandes state with `u32` levels: the search and the accumulation compare integers,
/// and the visit order doubles as the queue.
struct Levels {
    level: Vec<u32>,
    sigma: Vec<f64>,
    coef: Vec<f64>,
    order: Vec<u32>,
}

const UNSEEN: u32 = u32::MAX;

impl Levels {
    fn new(n: usize) -> Levels {
        Levels {
            level: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            coef: vec![0.0; n],
            order: Vec::with_capacity(n),
        }
    }

    /// One source's search and accumulation; leaves every level `UNSEEN` again.
    fn brandes(&mut self, g: &Graph, s: usize, acc: &mut [f64], endpoints: bool) {
        let out = g.out();
        let Levels {
            level,
            sigma,
            coef,
            order,
        } = self;
        order.clear();
        order.push(s as u32);
        level[s] = 0;
        sigma[s] = 1.0;
        let mut head = 0;
        while let Some(&v) = order.get(head) {
            head += 1;
            let v = v as usize;
            let next = level[v] + 1;
            let sv = sigma[v];
            for &w in out.neighbors(v) {
                let w = w as usize;
                if level[w] == UNSEEN {
                    level[w] = next;
                    sigma[w] = sv;
                    order.push(w as u32);
                } else if level[w] == next {
                    sigma[w] += sv;
                }
            }
        }
        if endpoints {
            acc[s] += (order.len() - 1) as f64;
        }
        for &v in order.iter().rev() {
            let v = v as usize;
            let next = level[v] + 1;
            let mut sum = 0.0;
            for &w in out.neighbors(v) {
                let w = w as usize;
                if level[w] == next {
                    sum += coef[w];
                }
            }
            let delta = sigma[v] * sum;
            coef[v] = (1.0 + delta) / sigma[v];
            if v != s {
                acc[v] += delta + if endpoints { 1.0 } else { 0.0 };
            }
        }
        for &v in order.iter() {
            level[v as usize] = UNSEEN;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::close;
    use crate::graph::tests::{graph, weighted};

    #[test]
    fn path_graph_by_hand() {
        // Path 0-1-2-3-4. Actor 1 lies on the unordered pairs {0,2},{0,3},{0,4}; actor 2 on
        // {0,3},{0,4},{1,3},{1,4}: raw scores 0, 3, 4, 3, 0. Normalised: ×2 (ordered pairs) ÷ (4·3).
        let g = graph(5, false, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        close(&betweenness(&g, false), &[0.0, 3.0, 4.0, 3.0, 0.0]);
        close(&betweenness(&g, true), &[0.0, 0.5, 4.0 / 6.0, 0.5, 0.0]);
    }

    #[test]
    fn star_centre_takes_every_pair() {
        let g = graph(5, false, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        close(&betweenness(&g, true), &[1.0, 0.0, 0.0, 0.0, 0.0]);
        close(&betweenness(&g, false), &[6.0, 0.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn directed_cycle_and_split_paths() {
        // Directed 3-cycle: each actor lies on exactly one ordered pair's path.
        let g = graph(3, true, &[(0, 1), (1, 2), (2, 0)]);
        close(&betweenness(&g, false), &[1.0, 1.0, 1.0]);
        close(&betweenness(&g, true), &[0.5, 0.5, 0.5]);
        // Diamond 0→1→3, 0→2→3: 1 and 2 each carry half of the pair (0,3).
        let d = graph(4, true, &[(0, 1), (0, 2), (1, 3), (2, 3)]);
        close(&betweenness(&d, false), &[0.0, 0.5, 0.5, 0.0]);
    }

    #[test]
    fn weights_are_distances() {
        // 0→3 directly costs 5, through 1 and 2 it costs 3: 1 and 2 carry the pair (0,3) and more.
        let g = weighted(
            4,
            true,
            &[(0, 3, 5.0), (0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)],
        );
        close(&betweenness(&g, false), &[0.0, 2.0, 2.0, 0.0]);
    }

    #[test]
    fn tiny_and_isolated() {
        close(&betweenness(&graph(2, false, &[(0, 1)]), true), &[0.0, 0.0]);
        close(&betweenness(&graph(1, true, &[(0, 0)]), true), &[0.0]);
        close(&betweenness(&graph(0, true, &[]), true), &[]);
        let g = graph(4, false, &[(0, 1), (1, 2), (1, 1)]);
        close(&betweenness(&g, false), &[0.0, 1.0, 0.0, 0.0]);
    }

    #[test]
    fn endpoints_by_hand() {
        // Path 0-1-2: every actor is an end of the 2 ordered pairs it starts and the 2 it ends;
        // 1 also lies inside (0,2) and (2,0). Raw (undirected, halved): 2, 3, 2. Normalised:
        // ÷ n(n−1) = 6 on the ordered sums 4, 6, 4.
        let g = graph(3, false, &[(0, 1), (1, 2)]);
        close(
            &betweenness_with(&g, false, true, default_chunks(), &Progress::none()),
            &[2.0, 3.0, 2.0],
        );
        close(
            &betweenness_with(&g, true, true, default_chunks(), &Progress::none()),
            &[4.0 / 6.0, 1.0, 4.0 / 6.0],
        );
        // Directed 0→1 and isolated 2: 0 and 1 are the ends of one pair.
        let d = weighted(3, true, &[(0, 1, 2.0)]);
        close(
            &betweenness_with(&d, false, true, default_chunks(), &Progress::none()),
            &[1.0, 1.0, 0.0],
        );
    }

    #[test]
    fn blocks_partition_the_sources() {
        // Every source lies in exactly one block of a split, and the blocks are balanced.
        for n in 0..20 {
            for count in 1..8 {
                let blocks: Vec<SourceBlock> = (0..count)
                    .map(|index| SourceBlock { index, count })
                    .collect();
                let lens: Vec<usize> = blocks.iter().map(|b| b.len(n)).collect();
                assert_eq!(lens.iter().sum::<usize>(), n);
                assert!(lens.iter().max().unwrap() - lens.iter().min().unwrap() <= 1);
            }
        }
        // Path 0-1-2-3: sources {0, 2} and {1, 3}. From 0, actor 1 lies on the paths to 2 and 3,
        // actor 2 on the path to 3; from 2, 1 on the path to 0. From 1, 2 on the path to 3; from
        // 3, 2 on the path to 0 and 1, 1 on the path to 0.
        let g = graph(4, false, &[(0, 1), (1, 2), (2, 3)]);
        let sums = |index| {
            betweenness_sums(
                &g,
                false,
                SourceBlock { index, count: 2 },
                3,
                &Progress::none(),
            )
        };
        close(&sums(0), &[0.0, 3.0, 1.0, 0.0]);
        close(&sums(1), &[0.0, 1.0, 3.0, 0.0]);
    }

    #[test]
    fn thread_counts_agree() {
        let edges: Vec<(u32, u32)> = (0..60u32).map(|i| (i % 17, (i * 7 + 3) % 17)).collect();
        let g = graph(17, true, &edges);
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let three = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let a = one.install(|| betweenness(&g, true));
        let b = three.install(|| betweenness(&g, true));
        close(&a, &b);
        assert_eq!(three.install(|| betweenness(&g, true)), b);
    }

    #[test]
    fn breadth_first_kernel_agrees_with_dijkstra_on_unit_distances() {
        // Two independent searches: u32 levels (unweighted) and the heap with distances all 1.
        let mut next = crate::graph::tests::lcg(11u64);
        for directed in [true, false] {
            for _ in 0..30 {
                let n = 1 + next(12) as usize;
                let edges: Vec<(u32, u32)> = (0..next(40))
                    .map(|_| (next(n as u64) as u32, next(n as u64) as u32))
                    .collect();
                let unit: Vec<(u32, u32, f64)> = edges.iter().map(|&(a, b)| (a, b, 1.0)).collect();
                let bfs = betweenness(&graph(n, directed, &edges), false);
                let heap = betweenness(&weighted(n, directed, &unit), false);
                close(&bfs, &heap);
            }
        }
    }
}
