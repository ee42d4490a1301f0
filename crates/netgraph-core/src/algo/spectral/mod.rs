//! Spectral centralities by power iteration: PageRank, eigenvector, Katz, HITS.
//!
//! All iterate a "pull" product over the reverse CSR — each actor sums over its in-neighbours, so
//! actors are updated independently (in parallel) and each sum has a fixed order (deterministic). Arcs
//! count 1, or their summed strength when the graph is weighted. Each measure stops when the L1 change
//! between two iterates falls below n × `tol` (NetworkX's criterion, with a tighter default tolerance),
//! and fails with [`IterationError`] when it does not within `max_iter` iterations.

pub mod eigenvector;
pub mod hits;
pub mod katz;
pub mod pagerank;

use crate::graph::{Csr, Graph};
use rayon::prelude::*;
use std::fmt;

/// Iteration controls shared by the spectral measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Iteration {
    /// Stop when the L1 change is below n × tol.
    pub tol: f64,
    /// Give up after this many iterations.
    pub max_iter: usize,
}

impl Default for Iteration {
    fn default() -> Self {
        Iteration {
            tol: 1e-10,
            max_iter: 10_000,
        }
    }
}

/// Why a spectral measure has no answer.
#[derive(Debug, Clone, PartialEq)]
pub enum IterationError {
    /// The iteration did not settle within the allowed iterations.
    NoConvergence {
        /// Iterations run.
        iterations: usize,
        /// A hint for the user.
        hint: String,
    },
    /// The measure is not defined on this graph.
    Undefined(String),
}

impl fmt::Display for IterationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IterationError::NoConvergence { iterations, hint } => {
                write!(f, "did not converge in {iterations} iterations; {hint}")
            }
            IterationError::Undefined(why) => f.write_str(why),
        }
    }
}

/// The weight of every arc in `csr`: its strength when the graph is weighted, else 1.
fn arc_weight(g: &Graph, csr: &Csr, v: usize) -> impl Iterator<Item = (usize, f64)> {
    let weighted = g.is_weighted();
    csr.neighbors(v)
        .iter()
        .zip(csr.strengths(v))
        .map(move |(&u, &s)| (u as usize, if weighted { s } else { 1.0 }))
}

/// `out[v] = Σ_{u → v} x[u] · w(u, v)` over the in-neighbours in `csr` (pass `g.incoming()`), in
/// parallel over `v`.
fn pull(g: &Graph, csr: &Csr, x: &[f64], out: &mut [f64]) {
    out.par_iter_mut()
        .with_min_len(4096)
        .enumerate()
        .for_each(|(v, o)| {
            *o = arc_weight(g, csr, v).map(|(u, w)| x[u] * w).sum();
        });
}

/// L1 distance between two vectors, summed in order.
fn l1(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum()
}
