//! Betweenness centrality, exact, by Brandes' algorithm.
//!
//! c_B(v) = Σ_{s ≠ v ≠ t} σ_st(v) / σ_st, over ordered pairs (s, t), where σ_st counts shortest s–t
//! paths and σ_st(v) those through v (Freeman 1977). Brandes (2001, "A faster algorithm for
//! betweenness centrality", J. Math. Sociol. 25(2)) computes it with one single-source search per
//! source followed by the dependency accumulation δ_s(v) = Σ_{w : v ∈ P_s(w)} σ_sv/σ_sw · (1 + δ_s(w)).
//! Here P_s(w), the predecessors of w, are not stored: they are the in-neighbours v of w with
//! d(s,v) + ℓ(v,w) = d(s,w), read from the reverse CSR.
//!
//! Conventions (NetworkX `betweenness_centrality`): normalised scores divide by (n−1)(n−2); raw
//! scores on an undirected graph are halved (each unordered pair is met from both ends); with n ≤ 2
//! every score is 0. Complexity: O(VE) unweighted, O(VE + V² log V) with distances; O(V + E) memory
//! per thread. Isolated actors score 0; self-loops never lie on a shortest path.

use super::shortest::ShortestPaths;
use super::{default_chunks, sum_over_sources};
use crate::graph::Graph;

/// Brandes betweenness of every actor; `normalized` as NetworkX's `normalized=True`.
///
/// Uses the graph's distances when it is weighted, hop counts otherwise. Runs in parallel on the
/// current rayon pool; the same pool size gives the same bits.
pub fn betweenness(g: &Graph, normalized: bool) -> Vec<f64> {
    let n = g.n();
    let weighted = g.is_weighted();
    let mut scores = sum_over_sources(
        n,
        default_chunks(),
        || (ShortestPaths::new(n), vec![0.0; n]),
        |(sp, delta), s, acc| {
            sp.run(g.out(), weighted, s, true);
            accumulate(g, sp, delta, s, acc);
        },
    );
    let scale = if normalized {
        if n <= 2 {
            1.0
        } else {
            1.0 / ((n - 1) as f64 * (n - 2) as f64)
        }
    } else if g.is_directed() {
        1.0
    } else {
        0.5
    };
    for x in &mut scores {
        *x *= scale;
    }
    scores
}

/// Brandes' dependency accumulation for one source, in reverse order of distance.
fn accumulate(g: &Graph, sp: &ShortestPaths, delta: &mut [f64], s: usize, acc: &mut [f64]) {
    let incoming = g.incoming();
    let weighted = g.is_weighted();
    for &w in sp.order.iter().rev() {
        let w = w as usize;
        let coeff = (1.0 + delta[w]) / sp.sigma[w];
        let dw = sp.dist[w];
        for (&v, &len) in incoming.neighbors(w).iter().zip(incoming.distances(w)) {
            let v = v as usize;
            let step = if weighted { len } else { 1.0 };
            if sp.dist[v] + step == dw {
                delta[v] += sp.sigma[v] * coeff;
            }
        }
        if w != s {
            acc[w] += delta[w];
        }
    }
    for &w in &sp.order {
        delta[w as usize] = 0.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::{graph, weighted};

    fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < 1e-12, "{a:?} != {b:?}");
        }
    }

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
}
