//! Hubs and authorities (Kleinberg 1999, "Authoritative sources in a hyperlinked environment").
//!
//! a = Aᵀh, h = Aa, iterated from the uniform hub vector, each scaled by its maximum at every step and by
//! its sum at the end (each vector sums to 1) — the power iteration of NetworkX's `hits`. The answer is
//! unique when AᵀA has a simple dominant eigenvalue; on a directed cycle or a connected bipartite
//! undirected graph it is not, and the iteration returns the limit from the uniform start. O(E) per
//! iteration.

use super::{Iteration, IterationError, l1, pull};
use crate::graph::Graph;

/// Hub and authority scores of every actor, each summing to 1.
pub fn hits(g: &Graph, it: &Iteration) -> Result<(Vec<f64>, Vec<f64>), IterationError> {
    let n = g.n();
    if n == 0 {
        return Ok((Vec::new(), Vec::new()));
    }
    if g.pair_count() == 0 {
        return Err(IterationError::Undefined(
            "hubs and authorities are not defined on a network without flows".into(),
        ));
    }
    let mut h = vec![1.0 / n as f64; n];
    let mut a = vec![0.0; n];
    let mut next = vec![0.0; n];
    let scale = |v: &mut [f64]| {
        let m = v.iter().cloned().fold(0.0, f64::max);
        if m > 0.0 {
            v.iter_mut().for_each(|x| *x /= m);
        }
    };
    for _ in 0..it.max_iter {
        pull(g, g.incoming(), &h, &mut a);
        pull(g, g.out(), &a, &mut next);
        scale(&mut next);
        scale(&mut a);
        let err = l1(&next, &h);
        std::mem::swap(&mut h, &mut next);
        if err < n as f64 * it.tol {
            let unit = |v: Vec<f64>| {
                let s: f64 = v.iter().sum();
                v.into_iter().map(|x| x / s).collect::<Vec<_>>()
            };
            return Ok((unit(h), unit(a)));
        }
    }
    Err(IterationError::NoConvergence {
        iterations: it.max_iter,
        hint: "raise --max-iter or --tol".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::graph;

    #[test]
    fn bipartite_directed_by_hand() {
        // Hubs 0 and 1 point to 2; 0 also points to 3. On the authorities 2 and 3, AᵀA = [[2,1],[1,1]]
        // has the dominant eigenvalue φ² with eigenvector (1, φ − 1); hubs h = A a ∝ (φ, 1, 0, 0).
        let g = graph(4, true, &[(0, 2), (1, 2), (0, 3)]);
        let (h, a) = hits(&g, &Iteration::default()).unwrap();
        let phi = (1.0 + 5f64.sqrt()) / 2.0;
        let sa = 1.0 + (phi - 1.0);
        let sh = phi + 1.0;
        let expect_a = [0.0, 0.0, 1.0 / sa, (phi - 1.0) / sa];
        let expect_h = [phi / sh, 1.0 / sh, 0.0, 0.0];
        for (x, y) in a.iter().zip(expect_a).chain(h.iter().zip(expect_h)) {
            assert!((x - y).abs() < 1e-9, "{h:?} {a:?}");
        }
    }

    #[test]
    fn no_flows_is_undefined() {
        assert!(hits(&graph(3, true, &[]), &Iteration::default()).is_err());
    }
}
