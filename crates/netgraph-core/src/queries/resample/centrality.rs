//! `netgraph centrality --resample N`: each actor's scores on the whole view, and their mean, 5th
//! and 95th percentiles over the draws, with the share of draws in which the actor ranks in the
//! top K by each measure.

use super::{Draws, Resample, Summary, run_draws};
use crate::error::Result;
use crate::model::Network;
use crate::queries::centrality::{Centrality, CentralityOptions, centrality};
use crate::rank::{ranking, shared_ranks};
use crate::run::Run;
use serde_json::{Map, Value, json};

/// The default `--top-k`.
pub const DEFAULT_TOP_K: usize = 10;

/// One measure of one actor over the draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// Mean and percentiles over the draws in which the score is a number; `None` when it never is.
    pub summary: Option<Summary>,
    /// The share of the draws in which the actor ranks in the top K by this measure (shared ranks;
    /// an actor without a score in a draw is not in its top K).
    pub top_k: f64,
}

/// Centrality of the whole view with its spread over the draws.
#[derive(Debug, Clone)]
pub struct CentralityResample {
    /// The scores of the whole view, ranked (the `top` ones when asked).
    pub full: Centrality,
    /// Per row of `full.actors`, per measure, the spread.
    pub spreads: Vec<Vec<Spread>>,
    /// The K of the top-K shares.
    pub top_k: usize,
    /// The draws (their results are dropped once summarised).
    pub draws: Draws<()>,
}

impl CentralityResample {
    /// The JSON of `netgraph centrality --resample N --format json`: as without `--resample`,
    /// each actor's row adding `<measure>_mean`, `<measure>_p05`, `<measure>_p95` and
    /// `<measure>_topk`, and a `"resample"` object (draws, mode, seed, top_k, truncated).
    pub fn to_json(&self) -> Value {
        use crate::report::json_number;
        let mut out = self.full.to_json();
        if let Some(rows) = out["actors"].as_array_mut() {
            for (row, spreads) in rows.iter_mut().zip(&self.spreads) {
                let Some(o) = row.as_object_mut() else {
                    continue;
                };
                let mut more = Map::new();
                for (m, s) in self.full.measures.iter().zip(spreads) {
                    let (mean, p05, p95) = match s.summary {
                        Some(x) => (Some(x.mean), Some(x.p05), Some(x.p95)),
                        None => (None, None, None),
                    };
                    more.insert(format!("{m}_mean"), json_number(mean));
                    more.insert(format!("{m}_p05"), json_number(p05));
                    more.insert(format!("{m}_p95"), json_number(p95));
                    more.insert(format!("{m}_topk"), json_number(Some(s.top_k)));
                }
                o.extend(more);
            }
        }
        let mut resample = self.draws.json();
        resample["top_k"] = json!(self.top_k);
        out["resample"] = resample;
        out["truncated"] = json!(self.draws.truncated);
        out
    }
}

/// What one draw gives: per measure, each actor's score (NaN when it has none) and whether it
/// ranks in the top K.
struct Scored {
    scores: Vec<Vec<f64>>,
    top: Vec<Vec<bool>>,
}

/// Centrality of the view `options` gives, then of each draw of `resample`: for every actor shown
/// and every measure, the spread of its score over the draws and the share of draws in which it
/// ranks in the top `top_k` (docs/uncertainty.md). Each draw computes every actor's scores
/// (`top` applies to the rows shown). Cost: `resample.draws` + 1 times that of [`centrality`],
/// over the run's threads; memory O(draws × n × measures).
///
/// # Example
///
/// ```
/// use netgraph_core::queries::centrality::CentralityOptions;
/// use netgraph_core::queries::resample::{Mode, Resample, centrality::resample_centrality};
/// let text = r#"{"actors": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
///   "flows": [{"from": "a", "to": "b"}, {"from": "b", "to": "c", "confidence": 0.5}]}"#;
/// let mut net = netgraph_core::io::json::parse_str(text, "t.json").unwrap();
/// net.index().unwrap();
/// let options = CentralityOptions { measures: vec!["betweenness".into()], ..Default::default() };
/// let run = netgraph_core::Run::default();
/// let r = resample_centrality(&net, &options, &Resample::new(200, Mode::Confidence, 1), 1, &run).unwrap();
/// // b brokers a → c, 1 of the (3 − 1)(3 − 2) = 2 ordered pairs it could broker, when b → c is
/// // drawn: in about half of the draws.
/// let b = r.spreads[0][0].summary.unwrap();
/// assert_eq!((r.full.actors[0].id.as_str(), r.full.actors[0].scores[0]), ("b", Some(0.5)));
/// assert_eq!((b.p05, b.p95), (0.0, 0.5));
/// assert!((b.mean - 0.25).abs() < 0.1);
/// ```
pub fn resample_centrality(
    net: &Network,
    options: &CentralityOptions,
    resample: &Resample,
    top_k: usize,
    run: &Run,
) -> Result<CentralityResample> {
    if top_k == 0 {
        return Err(crate::Error::usage("--top-k is 1 up"));
    }
    let full = centrality(net, options, run)?;
    let all = CentralityOptions {
        top: None,
        ..options.clone()
    };
    let columns = full.measures.len();
    let draws = run_draws(net, &options.filter, resample, run, |filter, run| {
        let options = CentralityOptions {
            filter: filter.clone(),
            ..all.clone()
        };
        let c = centrality(net, &options, run)?;
        let mut scores = vec![vec![f64::NAN; net.actor_count()]; columns];
        for a in &c.actors {
            for (j, s) in a.scores.iter().enumerate().take(columns) {
                scores[j][a.position] = s.unwrap_or(f64::NAN);
            }
        }
        let mut counted: Vec<usize> = c.actors.iter().map(|a| a.position).collect();
        counted.sort_unstable();
        let top = scores
            .iter()
            .map(|column| {
                let order = ranking(net, Some(column), &counted);
                let ranks = shared_ranks(Some(column), &order);
                let mut top = vec![false; net.actor_count()];
                for (&v, &r) in order.iter().zip(&ranks) {
                    top[v] = r <= top_k && !column[v].is_nan();
                }
                top
            })
            .collect();
        Ok(Scored { scores, top })
    })?;
    let used = draws.results.len();
    let spreads = full
        .actors
        .iter()
        .map(|a| {
            (0..columns)
                .map(|j| {
                    let values: Vec<f64> = draws
                        .results
                        .iter()
                        .map(|(_, d)| d.scores[j][a.position])
                        .collect();
                    let hits = draws
                        .results
                        .iter()
                        .filter(|(_, d)| d.top[j][a.position])
                        .count();
                    Spread {
                        summary: Summary::of(&values),
                        top_k: if used == 0 {
                            f64::NAN
                        } else {
                            hits as f64 / used as f64
                        },
                    }
                })
                .collect()
        })
        .collect();
    Ok(CentralityResample {
        full,
        spreads,
        top_k,
        draws: draws.forget(),
    })
}
