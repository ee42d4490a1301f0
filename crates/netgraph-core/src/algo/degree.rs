//! Degree centrality (NetworkX `degree_centrality`, `in_degree_centrality`, `out_degree_centrality`).
//!
//! The degree of an actor in the collapsed simple graph — distinct neighbours, so parallel flows
//! count once per direction — divided by n − 1. On a directed graph `degree` = in + out. A self-loop
//! counts twice (once in, once out; or twice on an undirected graph), as in NetworkX. With n ≤ 1 every
//! normalised score is 1, as NetworkX returns. Complexity: O(V).

use crate::graph::Graph;

/// Which degree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Arcs into the actor.
    In,
    /// Arcs out of the actor.
    Out,
    /// In + out (all edge ends on an undirected graph).
    Both,
}

/// Degree of every actor, divided by n − 1 when `normalized`.
pub fn degree(g: &Graph, direction: Direction, normalized: bool) -> Vec<f64> {
    let n = g.n();
    let loops = |csr: &crate::graph::Csr, v: usize| {
        csr.neighbors(v)
            .iter()
            .filter(|&&w| w as usize == v)
            .count()
    };
    let raw = (0..n).map(|v| {
        let count = if g.is_directed() {
            let out = g.out().degree(v);
            let inc = g.incoming().degree(v);
            match direction {
                Direction::In => inc,
                Direction::Out => out,
                Direction::Both => inc + out,
            }
        } else {
            g.out().degree(v) + loops(g.out(), v)
        };
        count as f64
    });
    if !normalized {
        return raw.collect();
    }
    if n <= 1 {
        return vec![1.0; n];
    }
    let scale = 1.0 / (n as f64 - 1.0);
    raw.map(|d| d * scale).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::graph;

    #[test]
    fn star_and_directed_degrees() {
        let g = graph(5, false, &[(0, 1), (0, 2), (0, 3), (0, 4), (1, 0)]);
        assert_eq!(
            degree(&g, Direction::Both, true),
            [1.0, 0.25, 0.25, 0.25, 0.25]
        );
        let d = graph(3, true, &[(0, 1), (0, 1), (1, 0), (0, 2)]);
        assert_eq!(degree(&d, Direction::Out, false), [2.0, 1.0, 0.0]);
        assert_eq!(degree(&d, Direction::In, false), [1.0, 1.0, 1.0]);
        assert_eq!(degree(&d, Direction::Both, true), [1.5, 1.0, 0.5]);
    }

    #[test]
    fn self_loops_count_twice_and_tiny_graphs() {
        let g = graph(2, false, &[(0, 0), (0, 1)]);
        assert_eq!(degree(&g, Direction::Both, false), [3.0, 1.0]);
        let d = graph(2, true, &[(1, 1)]);
        assert_eq!(degree(&d, Direction::Both, false), [0.0, 2.0]);
        assert_eq!(degree(&graph(1, true, &[]), Direction::Both, true), [1.0]);
        assert!(degree(&graph(0, true, &[]), Direction::Both, true).is_empty());
    }
}
