//! PageRank (Page, Brin, Motwani & Winograd 1999, "The PageRank citation ranking").
//!
//! x = α Pᵀx + α (Σ_{dangling} x) / n + (1 − α) / n, where P is the row-stochastic transition matrix
//! (out-strengths normalised to 1) and dangling actors (no out-flow, or zero out-strength) spread their
//! score uniformly — NetworkX `pagerank` with a uniform personalisation and dangling vector. An
//! undirected graph is read with both directions. Scores sum to 1. Starts from 1/n. O(E) per iteration;
//! converges geometrically at rate α.
//!
//! Personalised (NetworkX's `personalization`, with `dangling` left to default to it): teleport and
//! dangling mass go uniformly to a chosen set S instead of to everyone —
//! x = α Pᵀx + (α Σ_{dangling} x + 1 − α) · 1_S / |S| — the stationary distribution of a walker who
//! restarts at the suspects in S: high scores are the actors close to them.

use super::{Iteration, IterationError, arc_weight, l1, pull};
use crate::graph::Graph;

/// PageRank of every actor with damping `alpha` (NetworkX's default 0.85).
pub fn pagerank(g: &Graph, alpha: f64, it: &Iteration) -> Result<Vec<f64>, IterationError> {
    personalized_pagerank(g, alpha, None, it)
}

/// PageRank whose teleport and dangling mass go uniformly to the actors at positions `to` (every
/// actor when `None`). An empty `to` is [`IterationError::Undefined`].
pub fn personalized_pagerank(
    g: &Graph,
    alpha: f64,
    to: Option<&[usize]>,
    it: &Iteration,
) -> Result<Vec<f64>, IterationError> {
    let n = g.n();
    if n == 0 {
        return Ok(Vec::new());
    }
    let nf = n as f64;
    let target: Vec<f64> = match to {
        None => vec![1.0 / nf; n],
        Some([]) => {
            return Err(IterationError::Undefined(
                "the personalisation selects no actor".into(),
            ));
        }
        Some(set) => {
            let mut t = vec![0.0; n];
            let mut count = 0.0;
            for &v in set {
                if t[v] == 0.0 {
                    t[v] = 1.0;
                    count += 1.0;
                }
            }
            t.iter_mut().for_each(|x| *x /= count);
            t
        }
    };
    let out_strength: Vec<f64> = (0..n)
        .map(|u| arc_weight(g, g.out(), u).map(|(_, w)| w).sum())
        .collect();
    let mut x = vec![1.0 / nf; n];
    let mut share = vec![0.0; n];
    let mut next = vec![0.0; n];
    for _ in 0..it.max_iter {
        let mut dangling = 0.0;
        for u in 0..n {
            if out_strength[u] > 0.0 {
                share[u] = x[u] / out_strength[u];
            } else {
                share[u] = 0.0;
                dangling += x[u];
            }
        }
        pull(g, g.incoming(), &share, &mut next);
        let base = alpha * dangling + (1.0 - alpha);
        for (v, t) in next.iter_mut().zip(&target) {
            *v = alpha * *v + base * t;
        }
        let err = l1(&next, &x);
        std::mem::swap(&mut x, &mut next);
        if err < nf * it.tol {
            return Ok(x);
        }
    }
    Err(IterationError::NoConvergence {
        iterations: it.max_iter,
        hint: "raise --max-iter or --tol, or lower --damping".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::{graph, weighted};

    fn close(a: &[f64], b: &[f64], tol: f64) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < tol, "{a:?} != {b:?}");
        }
    }

    #[test]
    fn symmetric_cycle_is_uniform() {
        let g = graph(4, true, &[(0, 1), (1, 2), (2, 3), (3, 0)]);
        close(
            &pagerank(&g, 0.85, &Iteration::default()).unwrap(),
            &[0.25; 4],
            1e-12,
        );
    }

    #[test]
    fn two_actors_with_a_dangling_one_by_hand() {
        // 0 → 1, 1 dangling. x1 = α x0 + α x1/2 + (1−α)/2 + … solving the 2×2 system:
        // x0 = α x1 / 2 + (1 − α)/2, x1 = α x0 + α x1 / 2 + (1 − α)/2, x0 + x1 = 1.
        // From the first, x0 = (1 − α + α x1)/2; with x1 = 1 − x0: x0 = 1/(2 + α).
        let a = 0.85;
        let g = graph(2, true, &[(0, 1)]);
        let x = pagerank(&g, a, &Iteration::default()).unwrap();
        close(&x, &[1.0 / (2.0 + a), (1.0 + a) / (2.0 + a)], 1e-9);
    }

    #[test]
    fn strengths_split_the_walk() {
        // 0 sends 3/4 of its walk to 1 and 1/4 to 2; 1 and 2 point back to 0. By hand:
        // x0 = α(x1 + x2) + (1−α)/3 and x1 + x2 = α x0 + 2(1−α)/3 give x0 = (2α+1)/(3(1+α));
        // x1 = (3α/4) x0 + (1−α)/3, x2 = (α/4) x0 + (1−α)/3.
        let a = 0.85;
        let g = weighted(
            3,
            true,
            &[(0, 1, 3.0), (0, 2, 1.0), (1, 0, 1.0), (2, 0, 1.0)],
        );
        let x = pagerank(&g, a, &Iteration::default()).unwrap();
        let x0 = (2.0 * a + 1.0) / (3.0 * (1.0 + a));
        let rest = (1.0 - a) / 3.0;
        close(&x, &[x0, 0.75 * a * x0 + rest, 0.25 * a * x0 + rest], 1e-9);
    }

    #[test]
    fn personalised_by_hand() {
        // 0 → 1, 1 dangling, teleport to {0} only: x0 = α x1 + (1 − α) (the dangling mass of 1 and
        // the teleport both go to 0), x1 = α x0; so x0 = (1 − α)/(1 − α²) = 1/(1 + α).
        let a = 0.85;
        let g = graph(2, true, &[(0, 1)]);
        let x = personalized_pagerank(&g, a, Some(&[0]), &Iteration::default()).unwrap();
        close(&x, &[1.0 / (1.0 + a), a / (1.0 + a)], 1e-9);
        // Everyone selected is plain PageRank.
        let all = personalized_pagerank(&g, a, Some(&[1, 0, 1]), &Iteration::default()).unwrap();
        close(
            &all,
            &pagerank(&g, a, &Iteration::default()).unwrap(),
            1e-12,
        );
        assert!(personalized_pagerank(&g, a, Some(&[]), &Iteration::default()).is_err());
    }

    #[test]
    fn gives_up_when_capped() {
        let g = graph(3, true, &[(0, 1), (1, 2)]);
        let it = Iteration {
            tol: 1e-30,
            max_iter: 3,
        };
        assert!(matches!(
            pagerank(&g, 0.85, &it),
            Err(IterationError::NoConvergence { .. })
        ));
        assert!(
            pagerank(&graph(0, true, &[]), 0.85, &Iteration::default())
                .unwrap()
                .is_empty()
        );
    }
}
