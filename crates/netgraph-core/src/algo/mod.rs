//! Algorithms: pure functions on the compact [`Graph`](crate::graph::Graph), returning vectors
//! indexed by actor position. They know nothing of files, names or the command line.

pub mod articulation;
pub mod attack;
pub mod betweenness;
pub mod brokerage;
pub mod chains;
pub mod channels;
pub mod closeness;
pub mod clustering;
pub mod community;
pub mod components;
pub mod core_number;
pub mod degree;
pub mod edge_betweenness;
pub mod flow_routes;
pub mod kadabra;
pub mod keyplayer;
pub mod keyplayer_search;
pub mod leiden;
pub mod louvain;
pub mod max_flow;
pub mod paths;
pub mod shortest;
pub mod spectral;
pub mod strong_components;
pub mod structural_holes;
pub mod subgraph;
pub mod ties;

use rayon::prelude::*;

/// Runs `visit` for every source `0..n` and adds up the per-source contributions it writes into an
/// accumulator of length `len` (one slot per actor, or per arc), in parallel over `chunks`
/// interleaved sets of sources.
///
/// Each chunk owns its scratch state (made by `state`) and its accumulator; accumulators are added
/// in chunk order, so the same `chunks` gives the same bits whatever the scheduling.
pub(crate) fn sum_over_sources_into<S>(
    n: usize,
    len: usize,
    chunks: usize,
    progress: &crate::progress::Progress,
    state: impl Fn() -> S + Sync,
    visit: impl Fn(&mut S, usize, &mut [f64]) + Sync,
) -> Vec<f64> {
    let chunks = chunks.clamp(1, n.max(1));
    // Chunks run a pool's worth at a time and are added to the total in chunk order as each batch
    // ends: the sum is the same whatever the pool size, and at most a pool's worth of
    // accumulators is alive at once.
    let batch = rayon::current_num_threads().max(1);
    let mut total = vec![0.0; len];
    let mut first = 0;
    while first < chunks {
        let last = (first + batch).min(chunks);
        let partials: Vec<Vec<f64>> = (first..last)
            .into_par_iter()
            .map(|c| {
                let mut scratch = state();
                let mut acc = vec![0.0; len];
                for (k, s) in (c..n).step_by(chunks).enumerate() {
                    visit(&mut scratch, s, &mut acc);
                    if k % 64 == 63 {
                        progress.advance(64);
                    }
                }
                acc
            })
            .collect();
        for part in partials {
            for (t, p) in total.iter_mut().zip(part) {
                *t += p;
            }
        }
        first = last;
    }
    total
}

/// The number of chunks parallel kernels split their sources into: a constant, not the pool's size,
/// so that every `--threads` gives the same bits (resampling's seeds reproduce byte for byte).
pub(crate) const CHUNKS: usize = 64;

/// The number of chunks parallel kernels split their sources into ([`CHUNKS`]).
pub(crate) fn default_chunks() -> usize {
    CHUNKS
}
