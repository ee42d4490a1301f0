//! Edge betweenness (Girvan & Newman 2002, "Community structure in social and biological
//! networks", PNAS 99), by Brandes' accumulation (Brandes 2008, "On variants of shortest-path
//! betweenness centrality and their generic computation", Social Networks 30(2)).
//!
//! c(e) = Σ_{s ≠ t} σ_st(e) / σ_st over ordered pairs, where σ_st(e) counts the shortest s–t paths
//! using the tie e; the paths' ends are always included. As NetworkX's
//! `edge_betweenness_centrality`: normalised scores divide by n(n−1) (directed and undirected
//! alike; no scaling when n < 2); raw scores on an undirected graph are halved (each unordered pair
//! met from both ends). Uses the distances when the graph is weighted, hop counts otherwise.
//! Self-loops score 0. Complexity O(VE) unweighted, O(VE + V² log V) weighted; O(V + E) memory per
//! thread; parallel over sources, per-thread sums added in a fixed order.

use super::shortest::ShortestPaths;
use super::{default_chunks, sum_over_sources_into};
use crate::graph::Graph;
use crate::progress::Progress;

/// Edge betweenness of every collapsed pair: `(from, to, score)`, sorted by (from, to); on an
/// undirected graph each tie once, with from ≤ to.
pub fn edge_betweenness(g: &Graph, normalized: bool) -> Vec<(u32, u32, f64)> {
    edge_betweenness_with(g, normalized, &Progress::none())
}

/// [`edge_betweenness`], reporting one unit of `progress` per source.
pub fn edge_betweenness_with(
    g: &Graph,
    normalized: bool,
    progress: &Progress,
) -> Vec<(u32, u32, f64)> {
    let n = g.n();
    let out = g.out();
    let mut start = Vec::with_capacity(n + 1);
    start.push(0usize);
    for v in 0..n {
        start.push(start[v] + out.degree(v));
    }
    let weighted = g.is_weighted();
    let acc = sum_over_sources_into(
        n,
        out.arc_count(),
        default_chunks(),
        progress,
        || (ShortestPaths::new(n), vec![0.0; n]),
        |(sp, coef), s, acc| {
            sp.run(out, weighted, s, true);
            for &v in sp.order.iter().rev() {
                let v = v as usize;
                let dv = sp.dist[v];
                let mut delta = 0.0;
                for (k, (&w, &len)) in out.neighbors(v).iter().zip(out.distances(v)).enumerate() {
                    let w = w as usize;
                    if dv + len == sp.dist[w] {
                        let c = sp.sigma[v] * coef[w];
                        acc[start[v] + k] += c;
                        delta += c;
                    }
                }
                coef[v] = (1.0 + delta) / sp.sigma[v];
            }
        },
    );
    let scale = if normalized {
        if n < 2 {
            1.0
        } else {
            1.0 / (n as f64 * (n - 1) as f64)
        }
    } else if g.is_directed() {
        1.0
    } else {
        0.5
    };
    let mut pairs = Vec::with_capacity(g.pair_count());
    for v in 0..n {
        for (k, &w) in out.neighbors(v).iter().enumerate() {
            let w_pos = w as usize;
            if g.is_directed() {
                pairs.push((v as u32, w, acc[start[v] + k] * scale));
            } else if v <= w_pos {
                // The same tie seen from w: its slot in w's sorted row.
                let back = match out.neighbors(w_pos).binary_search(&(v as u32)) {
                    Ok(j) if w_pos != v => acc[start[w_pos] + j],
                    _ => 0.0,
                };
                pairs.push((v as u32, w, (acc[start[v] + k] + back) * scale));
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::close;
    use crate::graph::tests::{graph, weighted};

    fn scores(p: &[(u32, u32, f64)]) -> Vec<f64> {
        p.iter().map(|x| x.2).collect()
    }

    #[test]
    fn path_by_hand() {
        // Path 0-1-2-3: tie {0,1} carries the pairs {0,1},{0,2},{0,3} (3), {1,2} carries
        // {0,2},{0,3},{1,2},{1,3} (4), {2,3} 3. Normalised: ×2 ordered ÷ n(n−1) = 12.
        let g = graph(4, false, &[(0, 1), (1, 2), (2, 3)]);
        let p = edge_betweenness(&g, false);
        assert_eq!(
            p.iter().map(|x| (x.0, x.1)).collect::<Vec<_>>(),
            [(0, 1), (1, 2), (2, 3)]
        );
        close(&scores(&p), &[3.0, 4.0, 3.0]);
        close(
            &scores(&edge_betweenness(&g, true)),
            &[0.5, 8.0 / 12.0, 0.5],
        );
    }

    #[test]
    fn directed_diamond_splits_and_loops_score_zero() {
        // 0→1→3, 0→2→3, self-loop 3→3: (0,1) carries (0,1) and half of (0,3): 1.5.
        let g = weighted(
            4,
            true,
            &[
                (0, 1, 1.0),
                (0, 2, 1.0),
                (1, 3, 1.0),
                (2, 3, 1.0),
                (3, 3, 1.0),
            ],
        );
        let p = edge_betweenness(&g, false);
        close(&scores(&p), &[1.5, 1.5, 1.5, 1.5, 0.0]);
    }
}
