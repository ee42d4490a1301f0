//! Eigenvector centrality (Bonacich 1972, 1987): x_v ∝ Σ_{u → v} w(u, v) x_u, the Perron eigenvector of
//! Aᵀ, with unit Euclidean norm.
//!
//! Power iteration of (A + I)ᵀ from the uniform vector — exactly NetworkX's `eigenvector_centrality`,
//! whose shift by I avoids oscillation on bipartite and periodic graphs. Fails when the iteration does not
//! settle (acyclic graphs have no dominant eigenvalue and converge only polynomially). O(E) per
//! iteration; rate (λ₂ + 1)/(λ₁ + 1).

use super::{Iteration, IterationError, l1, pull};
use crate::graph::Graph;

/// Eigenvector centrality of every actor (in-edges, unit Euclidean norm).
pub fn eigenvector(g: &Graph, it: &Iteration) -> Result<Vec<f64>, IterationError> {
    let n = g.n();
    if n == 0 {
        return Err(IterationError::Undefined(
            "eigenvector centrality is not defined on an empty network".into(),
        ));
    }
    let mut x = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..it.max_iter {
        pull(g, g.incoming(), &x, &mut next);
        for (y, old) in next.iter_mut().zip(&x) {
            *y += old;
        }
        let norm = next.iter().map(|y| y * y).sum::<f64>().sqrt();
        let norm = if norm == 0.0 { 1.0 } else { norm };
        for y in &mut next {
            *y /= norm;
        }
        let err = l1(&next, &x);
        std::mem::swap(&mut x, &mut next);
        if err < n as f64 * it.tol {
            return Ok(x);
        }
    }
    Err(IterationError::NoConvergence {
        iterations: it.max_iter,
        hint: "the network may have no dominant eigenvalue (acyclic, or several equal components); try pagerank or katz".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::graph;

    #[test]
    fn star_by_hand() {
        // Undirected star K1,4: λ = 2, centre x0 = λ x_leaf … x = (2, 1, 1, 1, 1) / √8.
        let g = graph(5, false, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        let x = eigenvector(&g, &Iteration::default()).unwrap();
        let s = 8f64.sqrt();
        let expect = [2.0 / s, 1.0 / s, 1.0 / s, 1.0 / s, 1.0 / s];
        for (a, b) in x.iter().zip(expect) {
            assert!((a - b).abs() < 1e-8, "{x:?}");
        }
    }

    #[test]
    fn acyclic_graphs_do_not_converge() {
        let g = graph(3, true, &[(0, 1), (1, 2)]);
        let it = Iteration {
            tol: 1e-10,
            max_iter: 2000,
        };
        assert!(matches!(
            eigenvector(&g, &it),
            Err(IterationError::NoConvergence { .. })
        ));
    }
}
