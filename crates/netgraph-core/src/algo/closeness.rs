//! Closeness and harmonic centrality, from one shortest-path search per actor.
//!
//! Closeness (Freeman 1979, with the Wasserman & Faust 1994 correction for disconnected graphs, as
//! NetworkX's `closeness_centrality(wf_improved=True)`): for actor u reached by r − 1 others at total
//! distance D, C(u) = (r − 1)/D · (r − 1)/(n − 1), and 0 when nobody reaches u. Harmonic centrality
//! (Marchiori & Latora 2000; NetworkX `harmonic_centrality`): H(u) = Σ_{v ≠ u} 1/d(v, u), not
//! normalised. On directed graphs both use distances *to* the actor (searches on the reversed
//! graph). Complexity: O(VE) unweighted, O(VE + V² log V) with distances.

use super::shortest::ShortestPaths;
use crate::graph::Graph;
use crate::progress::Progress;
use rayon::prelude::*;

/// Runs `score` on the distances into each actor, in parallel, keeping actor order.
fn per_actor(
    g: &Graph,
    progress: &Progress,
    score: impl Fn(usize, &ShortestPaths) -> f64 + Sync,
) -> Vec<f64> {
    let n = g.n();
    let reversed = g.reversed();
    let weighted = g.is_weighted();
    (0..n)
        .into_par_iter()
        .map_init(
            || ShortestPaths::new(n),
            |sp, u| {
                sp.run(reversed.out(), weighted, u, false);
                if u % 64 == 63 {
                    progress.advance(64);
                }
                score(u, sp)
            },
        )
        .collect()
}

/// Closeness of every actor (NetworkX `closeness_centrality`, `wf_improved=True`).
pub fn closeness(g: &Graph) -> Vec<f64> {
    closeness_with(g, &Progress::none())
}

/// [`closeness`], reporting one unit of `progress` per actor.
pub fn closeness_with(g: &Graph, progress: &Progress) -> Vec<f64> {
    let n = g.n();
    per_actor(g, progress, |_, sp| {
        let total: f64 = sp.order.iter().map(|&v| sp.dist[v as usize]).sum();
        let reached = sp.order.len() as f64;
        if total > 0.0 && n > 1 {
            (reached - 1.0) / total * ((reached - 1.0) / (n as f64 - 1.0))
        } else {
            0.0
        }
    })
}

/// Harmonic centrality of every actor (NetworkX `harmonic_centrality`).
pub fn harmonic(g: &Graph) -> Vec<f64> {
    harmonic_with(g, &Progress::none())
}

/// [`harmonic`], reporting one unit of `progress` per actor.
pub fn harmonic_with(g: &Graph, progress: &Progress) -> Vec<f64> {
    per_actor(g, progress, |_, sp| {
        sp.order
            .iter()
            .map(|&v| sp.dist[v as usize])
            .filter(|&d| d > 0.0)
            .map(|d| 1.0 / d)
            .sum()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::close;
    use crate::graph::tests::{graph, weighted};

    #[test]
    fn path_graph_by_hand() {
        // P4 0-1-2-3: distance sums 6, 4, 4, 6 → (n−1)/sum = 3/6, 3/4.
        let g = graph(4, false, &[(0, 1), (1, 2), (2, 3)]);
        close(&closeness(&g), &[0.5, 0.75, 0.75, 0.5]);
        close(
            &harmonic(&g),
            &[1.0 + 0.5 + 1.0 / 3.0, 2.5, 2.5, 1.0 + 0.5 + 1.0 / 3.0],
        );
    }

    #[test]
    fn directed_uses_incoming_distances_and_wf_correction() {
        // 0→1→2 and isolated 3: actor 2 is reached by 2 actors at total distance 3.
        let g = graph(4, true, &[(0, 1), (1, 2)]);
        close(
            &closeness(&g),
            &[0.0, 1.0 / 3.0, 2.0 / 3.0 * 2.0 / 3.0, 0.0],
        );
        close(&harmonic(&g), &[0.0, 1.0, 1.5, 0.0]);
    }

    #[test]
    fn distances_are_weights() {
        let g = weighted(3, false, &[(0, 1, 2.0), (1, 2, 0.5)]);
        close(&closeness(&g), &[2.0 / 4.5, 2.0 / 2.5, 2.0 / 3.0]);
        close(&harmonic(&g), &[0.5 + 1.0 / 2.5, 2.5, 2.0 + 1.0 / 2.5]);
    }
}
