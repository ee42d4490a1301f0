//! Centrality measures by name: which algorithm, which weights, which conventions (DESIGN §3).

use crate::algo::spectral::{self, Iteration};
use crate::algo::{approx_betweenness, betweenness, closeness, degree};
use crate::view::Weighted;
use std::fmt;

/// A centrality measure that `netgraph centrality` computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Measure {
    /// Degree ÷ (n−1); in + out on a directed network.
    #[value(name = "degree")]
    Degree,
    /// In-degree ÷ (n−1).
    #[value(name = "in_degree", alias = "in-degree")]
    InDegree,
    /// Out-degree ÷ (n−1).
    #[value(name = "out_degree", alias = "out-degree")]
    OutDegree,
    /// Brandes betweenness, ÷ (n−1)(n−2).
    #[value(name = "betweenness")]
    Betweenness,
    /// Closeness from incoming distances, Wasserman–Faust corrected.
    #[value(name = "closeness")]
    Closeness,
    /// Σ 1/d over incoming distances.
    #[value(name = "harmonic")]
    Harmonic,
    /// Perron eigenvector of Aᵀ, unit norm.
    #[value(name = "eigenvector")]
    Eigenvector,
    /// PageRank with uniform teleport and dangling redistribution.
    #[value(name = "pagerank")]
    PageRank,
    /// Katz: x = αAᵀx + 1, unit norm.
    #[value(name = "katz")]
    Katz,
    /// HITS hub score (sums to 1).
    #[value(name = "hub")]
    Hub,
    /// HITS authority score (sums to 1).
    #[value(name = "authority")]
    Authority,
}

impl Measure {
    /// Every measure, in the order `--measure all` reports them.
    pub const ALL: [Measure; 11] = [
        Measure::Degree,
        Measure::InDegree,
        Measure::OutDegree,
        Measure::Betweenness,
        Measure::Closeness,
        Measure::Harmonic,
        Measure::Eigenvector,
        Measure::PageRank,
        Measure::Katz,
        Measure::Hub,
        Measure::Authority,
    ];

    /// The name used on the command line and in output headers.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::InDegree => "in_degree",
            Measure::OutDegree => "out_degree",
            Measure::Betweenness => "betweenness",
            Measure::Closeness => "closeness",
            Measure::Harmonic => "harmonic",
            Measure::Eigenvector => "eigenvector",
            Measure::PageRank => "pagerank",
            Measure::Katz => "katz",
            Measure::Hub => "hub",
            Measure::Authority => "authority",
        }
    }

    /// Whether the measure follows shortest paths (reads weights as distances).
    pub fn uses_paths(self) -> bool {
        matches!(
            self,
            Measure::Betweenness | Measure::Closeness | Measure::Harmonic
        )
    }

    /// Whether the measure needs a directed view.
    pub fn needs_direction(self) -> bool {
        matches!(self, Measure::InDegree | Measure::OutDegree)
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Options shared by the measures.
#[derive(Debug, Clone, Copy)]
pub struct MeasureOptions {
    /// Unnormalised degree and betweenness (NetworkX `normalized=False`).
    pub raw: bool,
    /// PageRank damping factor α.
    pub damping: f64,
    /// Katz attenuation α.
    pub katz_alpha: f64,
    /// Tolerance and iteration cap of the spectral measures.
    pub iteration: Iteration,
    /// Approximate betweenness instead of computing it exactly.
    pub approximate: Option<Sampling>,
}

/// Approximate betweenness: error at most `epsilon` with probability at least `1 − delta`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sampling {
    /// Largest error on the normalised scale.
    pub epsilon: f64,
    /// Probability that the error bound fails.
    pub delta: f64,
    /// Seed of the sampler.
    pub seed: u64,
}

impl Default for MeasureOptions {
    fn default() -> Self {
        MeasureOptions {
            raw: false,
            damping: 0.85,
            katz_alpha: 0.1,
            iteration: Iteration::default(),
            approximate: None,
        }
    }
}

/// Scores of one measure, with a note on how they were obtained when that matters.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// One score per actor position.
    pub values: Vec<f64>,
    /// For the user: e.g. how an approximation was made.
    pub note: Option<String>,
}

/// Computes one measure on a view's graph; `Err` says why it cannot be computed.
pub fn compute(
    measure: Measure,
    view: &Weighted,
    options: &MeasureOptions,
) -> Result<Vec<f64>, String> {
    compute_with_note(measure, view, options).map(|s| s.values)
}

/// Like [`compute`], with a note for the user (approximate betweenness says how it sampled).
pub fn compute_with_note(
    measure: Measure,
    view: &Weighted,
    options: &MeasureOptions,
) -> Result<Scores, String> {
    if let (Measure::Betweenness, Some(s)) = (measure, options.approximate) {
        let g = view.for_paths().map_err(|e| e.to_string())?;
        let a = approx_betweenness::approximate_betweenness(g, s.epsilon, s.delta, s.seed);
        let mut values = a.scores;
        if options.raw {
            let n = g.n() as f64;
            let raw = (n - 1.0) * (n - 2.0) * if g.is_directed() { 1.0 } else { 0.5 };
            values.iter_mut().for_each(|x| *x *= raw.max(0.0));
        }
        let note = if a.exact {
            format!(
                "betweenness computed exactly: the sample for ε = {} would be as costly (vertex diameter ≤ {})",
                s.epsilon, a.vertex_diameter
            )
        } else {
            format!(
                "betweenness approximated from {} sampled shortest paths (vertex diameter ≤ {}, seed {}): error ≤ {} on the normalised scale with probability ≥ {}",
                a.samples,
                a.vertex_diameter,
                s.seed,
                s.epsilon,
                1.0 - s.delta
            )
        };
        return Ok(Scores {
            values,
            note: Some(note),
        });
    }
    compute_exact(measure, view, options).map(|values| Scores { values, note: None })
}

fn compute_exact(
    measure: Measure,
    view: &Weighted,
    options: &MeasureOptions,
) -> Result<Vec<f64>, String> {
    let g = &view.graph;
    if measure.needs_direction() && !g.is_directed() {
        return Err(format!(
            "{measure} needs a directed view; this one is undirected (use degree)"
        ));
    }
    let paths = || view.for_paths().map_err(|e| e.to_string());
    let spectral = || view.for_spectral().map_err(|e| e.to_string());
    let normalized = !options.raw;
    let it = &options.iteration;
    let failed = |e: spectral::IterationError| e.to_string();
    Ok(match measure {
        Measure::Degree => degree::degree(g, degree::Direction::Both, normalized),
        Measure::InDegree => degree::degree(g, degree::Direction::In, normalized),
        Measure::OutDegree => degree::degree(g, degree::Direction::Out, normalized),
        Measure::Betweenness => betweenness::betweenness(paths()?, normalized),
        Measure::Closeness => closeness::closeness(paths()?),
        Measure::Harmonic => closeness::harmonic(paths()?),
        Measure::Eigenvector => {
            spectral::eigenvector::eigenvector(spectral()?, it).map_err(failed)?
        }
        Measure::PageRank => {
            spectral::pagerank::pagerank(spectral()?, options.damping, it).map_err(failed)?
        }
        Measure::Katz => {
            spectral::katz::katz(spectral()?, options.katz_alpha, 1.0, it).map_err(failed)?
        }
        Measure::Hub => spectral::hits::hits(spectral()?, it).map_err(failed)?.0,
        Measure::Authority => spectral::hits::hits(spectral()?, it).map_err(failed)?.1,
    })
}
