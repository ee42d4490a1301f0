//! Centrality measures by name: which algorithm, which weights, which conventions (docs/measures.md).

use crate::algo::brokerage::{self, Role};
use crate::algo::spectral::{self, Iteration};
use crate::algo::ties::Ties;
use crate::algo::{
    articulation, betweenness, closeness, clustering, core_number, degree, kadabra,
    structural_holes,
};
use crate::progress::Progress;
use crate::view::Weighted;
use std::fmt;
use std::sync::Arc;

crate::choice_enum! {
    /// A centrality measure that `netgraph centrality` computes.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Measure {
        /// Degree ÷ (n−1); in + out on a directed network.
        Degree = "degree" [],
        /// In-degree ÷ (n−1).
        InDegree = "in_degree" ["in-degree"],
        /// Out-degree ÷ (n−1).
        OutDegree = "out_degree" ["out-degree"],
        /// Brandes betweenness, ÷ (n−1)(n−2).
        Betweenness = "betweenness" [],
        /// Closeness from incoming distances, Wasserman–Faust corrected.
        Closeness = "closeness" [],
        /// Σ 1/d over incoming distances.
        Harmonic = "harmonic" [],
        /// Perron eigenvector of Aᵀ, unit norm.
        Eigenvector = "eigenvector" [],
        /// PageRank with uniform teleport and dangling redistribution.
        PageRank = "pagerank" [],
        /// Katz: x = αAᵀx + 1, unit norm.
        Katz = "katz" [],
        /// HITS hub score (sums to 1).
        Hub = "hub" [],
        /// HITS authority score (sums to 1).
        Authority = "authority" [],
        /// Burt's constraint (lower: more structural holes).
        Constraint = "constraint" [],
        /// Burt's effective size: contacts less their redundancy.
        EffectiveSize = "effective_size" ["effective-size"],
        /// Local clustering coefficient (Fagiolo's on a directed network).
        Clustering = "clustering" [],
        /// Core number (in + out degree on a directed network).
        CoreNumber = "core_number" ["core-number", "kcore"],
        /// 1 for a cut point (articulation point) of the undirected view, else 0.
        Cutpoint = "cutpoint" [],
        /// Gould–Fernandez coordinator: a, b and c in one group.
        BrokerageCoordinator = "brokerage_coordinator" [],
        /// Gould–Fernandez consultant: a and c in one group, the broker in another.
        BrokerageConsultant = "brokerage_consultant" [],
        /// Gould–Fernandez gatekeeper: the broker and c in one group, a in another.
        BrokerageGatekeeper = "brokerage_gatekeeper" [],
        /// Gould–Fernandez representative: a and the broker in one group, c in another.
        BrokerageRepresentative = "brokerage_representative" [],
        /// Gould–Fernandez liaison: three groups.
        BrokerageLiaison = "brokerage_liaison" [],
    }
}

impl Measure {
    /// Every measure, in the order `--measure all` reports them.
    pub const ALL: [Measure; 16] = [
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
        Measure::Constraint,
        Measure::EffectiveSize,
        Measure::Clustering,
        Measure::CoreNumber,
        Measure::Cutpoint,
    ];

    /// The five brokerage roles (`--measure brokerage`), which need groups
    /// ([`MeasureOptions::groups`]).
    pub const BROKERAGE: [Measure; 5] = [
        Measure::BrokerageCoordinator,
        Measure::BrokerageConsultant,
        Measure::BrokerageGatekeeper,
        Measure::BrokerageRepresentative,
        Measure::BrokerageLiaison,
    ];

    /// The name used on the command line and in output headers.
    pub fn name(self) -> &'static str {
        <Measure as crate::choice::Choice>::name(self)
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

    /// The brokerage role this measure counts, if it is one.
    pub fn role(self) -> Option<Role> {
        Some(match self {
            Measure::BrokerageCoordinator => Role::Coordinator,
            Measure::BrokerageConsultant => Role::Consultant,
            Measure::BrokerageGatekeeper => Role::Gatekeeper,
            Measure::BrokerageRepresentative => Role::Representative,
            Measure::BrokerageLiaison => Role::Liaison,
            _ => return None,
        })
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Options shared by the measures.
#[derive(Debug, Clone)]
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
    /// Betweenness counts the paths' ends (NetworkX `endpoints=True`).
    pub endpoints: bool,
    /// PageRank teleports (and spreads dangling mass) to these actor positions only.
    pub personalize: Option<Arc<[usize]>>,
    /// Group label of every actor position, for the brokerage roles.
    pub groups: Option<Arc<[u32]>>,
    /// Where the path measures report their progress (one unit per source actor).
    pub progress: Progress,
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
    /// KADABRA's top-k variant: stop once the k most central actors are ranked.
    pub top_k: Option<usize>,
}

impl Default for MeasureOptions {
    fn default() -> Self {
        MeasureOptions {
            raw: false,
            damping: 0.85,
            katz_alpha: 0.1,
            iteration: Iteration::default(),
            approximate: None,
            endpoints: false,
            personalize: None,
            groups: None,
            progress: Progress::none(),
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
    /// Approximate betweenness with a top k: the k most central actors with their intervals.
    pub top: Option<Vec<kadabra::Ranked>>,
}

/// Computes one measure on a view's graph; the error says why it cannot be computed.
pub fn compute(
    measure: Measure,
    view: &Weighted,
    options: &MeasureOptions,
) -> crate::Result<Vec<f64>> {
    compute_with_note(measure, view, options).map(|s| s.values)
}

/// Like [`compute`], with a note for the user (approximate betweenness says how it sampled).
pub fn compute_with_note(
    measure: Measure,
    view: &Weighted,
    options: &MeasureOptions,
) -> crate::Result<Scores> {
    if let (Measure::Betweenness, Some(s)) = (measure, options.approximate) {
        let g = view.for_paths().map_err(crate::Error::from)?;
        let a = kadabra::kadabra_with(
            g,
            &kadabra::KadabraOptions {
                epsilon: s.epsilon,
                delta: s.delta,
                seed: s.seed,
                top_k: s.top_k,
            },
            &options.progress,
        );
        let mut values = a.scores;
        let mut top = a.top;
        if options.raw {
            let n = g.n() as f64;
            let raw = ((n - 1.0) * (n - 2.0) * if g.is_directed() { 1.0 } else { 0.5 }).max(0.0);
            values.iter_mut().for_each(|x| *x *= raw);
            for r in top.iter_mut().flatten() {
                r.low *= raw;
                r.high *= raw;
            }
        }
        let note = if a.exact {
            format!(
                "betweenness computed exactly: sampling up to {} pairs would cost as much (vertex diameter ≤ {})",
                a.omega, a.vertex_diameter
            )
        } else {
            format!(
                "betweenness approximated by KADABRA from {} sampled shortest paths (at most {}; vertex diameter ≤ {}; seed {}): {} on the normalised scale with probability ≥ {}",
                a.samples,
                a.omega,
                a.vertex_diameter,
                s.seed,
                match s.top_k {
                    None => format!("error ≤ {}", s.epsilon),
                    Some(k) => format!(
                        "the top {k} ranked, or their intervals within ±{}",
                        s.epsilon
                    ),
                },
                1.0 - s.delta
            )
        };
        return Ok(Scores {
            values,
            note: Some(note),
            top,
        });
    }
    compute_exact(measure, view, options).map(|values| Scores {
        values,
        note: None,
        top: None,
    })
}

fn compute_exact(
    measure: Measure,
    view: &Weighted,
    options: &MeasureOptions,
) -> crate::Result<Vec<f64>> {
    let g = &view.graph;
    if measure.needs_direction() && !g.is_directed() {
        return Err(crate::Error::Input(format!(
            "{measure} needs a directed view; this one is undirected (use degree)"
        )));
    }
    let paths = || view.for_paths().map_err(crate::Error::from);
    let spectral = || view.for_spectral().map_err(crate::Error::from);
    let normalized = !options.raw;
    let it = &options.iteration;
    let failed = crate::Error::from;
    Ok(match measure {
        Measure::Degree => degree::degree(g, degree::Direction::Both, normalized),
        Measure::InDegree => degree::degree(g, degree::Direction::In, normalized),
        Measure::OutDegree => degree::degree(g, degree::Direction::Out, normalized),
        Measure::Betweenness => betweenness::betweenness_with(
            paths()?,
            normalized,
            options.endpoints,
            crate::algo::default_chunks(),
            &options.progress,
        ),
        Measure::Closeness => closeness::closeness_with(paths()?, &options.progress),
        Measure::Harmonic => closeness::harmonic_with(paths()?, &options.progress),
        Measure::Eigenvector => {
            spectral::eigenvector::eigenvector(spectral()?, it).map_err(failed)?
        }
        Measure::PageRank => {
            let to = options.personalize.as_deref();
            spectral::pagerank::personalized_pagerank(spectral()?, options.damping, to, it)
                .map_err(failed)?
        }
        Measure::Katz => {
            spectral::katz::katz(spectral()?, options.katz_alpha, 1.0, it).map_err(failed)?
        }
        Measure::Hub => spectral::hits::hits(spectral()?, it).map_err(failed)?.0,
        Measure::Authority => spectral::hits::hits(spectral()?, it).map_err(failed)?.1,
        Measure::Constraint => structural_holes::constraint(&Ties::new(spectral()?)),
        Measure::EffectiveSize => structural_holes::effective_size(&Ties::new(spectral()?)),
        Measure::Clustering => clustering::clustering(&Ties::new(spectral()?), g.is_weighted()),
        Measure::CoreNumber => core_number::core_number(&Ties::new(g))
            .into_iter()
            .map(f64::from)
            .collect(),
        Measure::Cutpoint => articulation::articulation(&Ties::new(g))
            .cut_point
            .into_iter()
            .map(|c| if c { 1.0 } else { 0.0 })
            .collect(),
        Measure::BrokerageCoordinator
        | Measure::BrokerageConsultant
        | Measure::BrokerageGatekeeper
        | Measure::BrokerageRepresentative
        | Measure::BrokerageLiaison => {
            let groups = options.groups.as_deref().ok_or_else(|| {
                crate::Error::usage(
                    "brokerage needs groups: --groups FIELD (kind, class, country, …)",
                )
            })?;
            if groups.len() != g.n() {
                return Err(crate::Error::Input(format!(
                    "brokerage groups cover {} actors, the graph has {}",
                    groups.len(),
                    g.n()
                )));
            }
            let role = measure.role().map_or(0, Role::index);
            brokerage::brokerage(g, groups)
                .into_iter()
                .map(|c| c[role] as f64)
                .collect()
        }
    })
}
