//! Katz centrality (Katz 1953, "A new status index derived from sociometric analysis"):
//! x = α Aᵀ x + β, scaled to unit Euclidean norm — NetworkX `katz_centrality` (in-edges, β = 1).
//!
//! Iterates from x = 0, so the k-th iterate sums walks of length < k; the series converges only when
//! α < 1/λmax. When it diverges the growth ratio of successive changes estimates αλmax, which the error
//! reports. O(E) per iteration; rate αλmax.

use super::{Iteration, IterationError, l1, pull};
use crate::graph::Graph;

/// Katz centrality of every actor with attenuation `alpha` and constant `beta`.
pub fn katz(g: &Graph, alpha: f64, beta: f64, it: &Iteration) -> Result<Vec<f64>, IterationError> {
    let n = g.n();
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut x = vec![0.0; n];
    let mut next = vec![0.0; n];
    let mut last_err = f64::INFINITY;
    let mut ratio = 0.0;
    for _ in 0..it.max_iter {
        pull(g, g.incoming(), &x, &mut next);
        for y in &mut next {
            *y = alpha * *y + beta;
        }
        let err = l1(&next, &x);
        std::mem::swap(&mut x, &mut next);
        if err < n as f64 * it.tol {
            let norm = x.iter().map(|y| y * y).sum::<f64>().sqrt();
            return Ok(x.into_iter().map(|y| y / norm).collect());
        }
        if last_err.is_finite() && last_err > 0.0 {
            ratio = err / last_err;
        }
        last_err = err;
        if !err.is_finite() || err > 1e150 {
            break;
        }
    }
    let hint = if ratio >= 1.0 - 1e-6 {
        format!(
            "α = {alpha} is at or above 1/λmax (λmax ≈ {:.6}); choose --katz-alpha below {:.6}",
            ratio / alpha,
            alpha / ratio
        )
    } else {
        "raise --max-iter or --tol, or lower --katz-alpha".into()
    };
    Err(IterationError::NoConvergence {
        iterations: it.max_iter,
        hint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::graph;

    #[test]
    fn path_by_hand() {
        // Directed 0 → 1 → 2, α = 0.5, β = 1: x0 = 1, x1 = 1.5, x2 = 1.75, then unit norm.
        let g = graph(3, true, &[(0, 1), (1, 2)]);
        let x = katz(&g, 0.5, 1.0, &Iteration::default()).unwrap();
        let norm = (1.0f64 + 2.25 + 3.0625).sqrt();
        for (a, b) in x.iter().zip([1.0 / norm, 1.5 / norm, 1.75 / norm]) {
            assert!((a - b).abs() < 1e-9, "{x:?}");
        }
    }

    #[test]
    fn alpha_above_one_over_lambda_fails_with_estimate() {
        // Directed 2-cycle: λmax = 1, so α = 1.2 diverges.
        let g = graph(2, true, &[(0, 1), (1, 0)]);
        let e = katz(&g, 1.2, 1.0, &Iteration::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("λmax ≈ 1.000000"), "{e}");
    }
}
