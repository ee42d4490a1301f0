//! Centrality measures by name: which algorithm, which weights, which conventions (DESIGN §3).

use crate::algo::{betweenness, closeness, degree};
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
}

impl Measure {
    /// Every measure, in the order `--measure all` reports them.
    pub const ALL: [Measure; 6] = [
        Measure::Degree,
        Measure::InDegree,
        Measure::OutDegree,
        Measure::Betweenness,
        Measure::Closeness,
        Measure::Harmonic,
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
#[derive(Debug, Clone, Copy, Default)]
pub struct MeasureOptions {
    /// Unnormalised degree and betweenness (NetworkX `normalized=False`).
    pub raw: bool,
}

/// Computes one measure on a view's graph; `Err` says why it cannot be computed.
pub fn compute(
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
    let normalized = !options.raw;
    Ok(match measure {
        Measure::Degree => degree::degree(g, degree::Direction::Both, normalized),
        Measure::InDegree => degree::degree(g, degree::Direction::In, normalized),
        Measure::OutDegree => degree::degree(g, degree::Direction::Out, normalized),
        Measure::Betweenness => betweenness::betweenness(paths()?, normalized),
        Measure::Closeness => closeness::closeness(paths()?),
        Measure::Harmonic => closeness::harmonic(paths()?),
    })
}
