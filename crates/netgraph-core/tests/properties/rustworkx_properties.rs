//! Property tests against an independent implementation: rustworkx-core (the Rust core of the
//! rustworkx Python library) computes the same measures on random simple graphs, directed and
//! undirected, and netgraph must agree — exact measures to 1e-9, iterative ones to 1e-6.

use netgraph_core::algo::spectral::{self, Iteration};
use netgraph_core::algo::{betweenness, closeness, degree};
use netgraph_core::graph::{Arc, Graph};
use proptest::prelude::*;
use rustworkx_core::centrality as rx;
use rustworkx_core::petgraph::graph::{DiGraph, UnGraph};
use std::collections::BTreeSet;

/// A random simple graph: n actors and distinct pairs without self-loops.
fn simple_graph() -> impl Strategy<Value = (usize, bool, Vec<(u32, u32)>)> {
    (2usize..11, any::<bool>()).prop_flat_map(|(n, directed)| {
        let pair = (0..n as u32, 0..n as u32);
        proptest::collection::vec(pair, 0..30).prop_map(move |raw| {
            let mut seen = BTreeSet::new();
            let edges = raw
                .into_iter()
                .filter(|(a, b)| a != b)
                .map(|(a, b)| if directed || a < b { (a, b) } else { (b, a) })
                .filter(|e| seen.insert(*e))
                .collect();
            (n, directed, edges)
        })
    })
}

fn ours(n: usize, directed: bool, edges: &[(u32, u32)]) -> Graph {
    let arcs = edges
        .iter()
        .map(|&(from, to)| Arc {
            from,
            to,
            distance: 1.0,
            strength: 1.0,
        })
        .collect();
    Graph::from_arcs(n, directed, false, arcs)
}

fn close(a: &[f64], b: &[f64], tol: f64) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        prop_assert!(
            (x - y).abs() <= tol,
            "actor {}: netgraph {} vs rustworkx {}",
            i,
            x,
            y
        );
    }
    Ok(())
}

fn unwrap_all(v: Vec<Option<f64>>) -> Vec<f64> {
    v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn exact_measures_agree((n, directed, edges) in simple_graph()) {
        let g = ours(n, directed, &edges);
        use rustworkx_core::petgraph::Direction::{Incoming, Outgoing};
        let (b, c, d) = if directed {
            let r = DiGraph::<(), ()>::from_edges(edges.iter().copied());
            let mut r = r;
            while r.node_count() < n { r.add_node(()); }
            (
                unwrap_all(rx::betweenness_centrality(&r, false, true, 1000)),
                unwrap_all(rx::closeness_centrality(&r, true, 1000)),
                [rx::degree_centrality(&r, Some(Incoming)), rx::degree_centrality(&r, Some(Outgoing))],
            )
        } else {
            let mut r = UnGraph::<(), ()>::from_edges(edges.iter().copied());
            while r.node_count() < n { r.add_node(()); }
            (
                unwrap_all(rx::betweenness_centrality(&r, false, true, 1000)),
                unwrap_all(rx::closeness_centrality(&r, true, 1000)),
                [rx::degree_centrality(&r, None), rx::degree_centrality(&r, None)],
            )
        };
        close(&betweenness::betweenness(&g, true), &b, 1e-9)?;
        close(&closeness::closeness(&g), &c, 1e-9)?;
        // Degree ÷ (n − 1); on a directed graph in- and out-degree separately.
        let (din, dout) = if directed {
            (degree::Direction::In, degree::Direction::Out)
        } else {
            (degree::Direction::Both, degree::Direction::Both)
        };
        close(&degree::degree(&g, din, true), &d[0], 1e-9)?;
        close(&degree::degree(&g, dout, true), &d[1], 1e-9)?;
    }

    #[test]
    fn katz_and_eigenvector_agree((n, directed, edges) in simple_graph()) {
        let g = ours(n, directed, &edges);
        let it = Iteration { tol: 1e-12, max_iter: 100_000 };
        let unit = |_| -> Result<f64, std::convert::Infallible> { Ok(1.0) };
        let (katz, eig) = if directed {
            let mut r = DiGraph::<(), ()>::from_edges(edges.iter().copied());
            while r.node_count() < n { r.add_node(()); }
            (
                rx::katz_centrality(&r, unit, Some(0.1), None, Some(1.0), Some(100_000), Some(1e-12)),
                rx::eigenvector_centrality(&r, unit, Some(100_000), Some(1e-12)),
            )
        } else {
            let mut r = UnGraph::<(), ()>::from_edges(edges.iter().copied());
            while r.node_count() < n { r.add_node(()); }
            (
                rx::katz_centrality(&r, unit, Some(0.1), None, Some(1.0), Some(100_000), Some(1e-12)),
                rx::eigenvector_centrality(&r, unit, Some(100_000), Some(1e-12)),
            )
        };
        // α = 0.1 is below 1/λmax whenever every actor has fewer than 10 neighbours.
        if let Ok(Some(k)) = katz {
            close(&spectral::katz::katz(&g, 0.1, 1.0, &it).unwrap(), &k, 1e-6)?;
        }
        // Both iterate (A + I)ᵀ from the same start; compare only when both converge.
        if let (Ok(Some(e)), Ok(mine)) = (eig, spectral::eigenvector::eigenvector(&g, &it)) {
            close(&mine, &e, 1e-6)?;
        }
    }
}
