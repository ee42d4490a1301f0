//! `netgraph whatif --resample N`: the comparison on the whole view, and the spread over the draws
//! of every before/after figure (actors, flows, components, the largest component,
//! fragmentation, chains, channels, the displacement max-flow, watched route lengths) and of each
//! scenario's change in it, and of each actor's score by the compared measure.

use super::{Draws, Resample, Summary, run_draws};
use crate::error::Result;
use crate::model::Network;
use crate::queries::whatif::{Snapshot, Whatif, WhatifOptions, whatif};
use crate::run::Run;
use serde_json::{Value, json};

/// One figure of one side, on the whole view and over the draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// `before`, the scenario's name (`after` for command-line edits), or `<name> − before` for
    /// a scenario's change.
    pub side: String,
    /// The figure's name (`fragmentation`, `route 1`, …).
    pub figure: String,
    /// Its value on the whole view (NaN: undefined, as an unreachable route).
    pub value: f64,
    /// Its spread over the draws in which it is defined.
    pub summary: Option<Summary>,
}

/// A what-if comparison with the spread of its figures over the draws.
#[derive(Debug, Clone)]
pub struct WhatifResample<'a> {
    /// The comparison on the whole view.
    pub full: Whatif<'a>,
    /// Every figure, side by side: before, then each scenario and its change.
    pub figures: Vec<Figure>,
    /// Per actor (position in the network), its score by the compared measure on each side and
    /// its change, in the order of [`WhatifResample::figures`]' sides (`figure` is the measure).
    pub scores: Vec<Vec<Figure>>,
    /// The draws.
    pub draws: Draws<()>,
}

/// The figures of one side, named, in a fixed order.
fn figures(s: &Snapshot) -> Vec<(String, f64)> {
    let mut out = vec![
        ("actors".to_string(), s.actors as f64),
        ("flows".to_string(), s.flows as f64),
        ("components".to_string(), s.components as f64),
        ("largest".to_string(), s.largest as f64),
        ("fragmentation".to_string(), s.fragmentation),
        ("chains".to_string(), s.chains.chains.len() as f64),
        ("channels".to_string(), s.chains.channels.len() as f64),
        ("displacement".to_string(), s.displacement.value),
    ];
    for (k, r) in s.routes.iter().enumerate() {
        let length = r.as_ref().and_then(|r| r.length).unwrap_or(f64::NAN);
        out.push((format!("route {}", k + 1), length));
    }
    out
}

/// Each actor's score on every side, then per scenario its change: one row per actor (NaN where
/// the actor has none, as a removed one).
fn actor_scores(w: &Whatif, n: usize) -> Vec<Vec<(String, f64)>> {
    let score = |s: &Snapshot, v: usize| s.scores.get(v).copied().flatten().unwrap_or(f64::NAN);
    (0..n)
        .map(|v| {
            let before = score(&w.before, v);
            let mut row = vec![("before".to_string(), before)];
            for side in &w.after {
                row.push((side.name.clone(), score(side, v)));
            }
            for side in &w.after {
                row.push((format!("{} − before", side.name), score(side, v) - before));
            }
            row
        })
        .collect()
}

/// Every figure of a comparison: before, then per scenario its figures and their change.
fn all_figures(w: &Whatif) -> Vec<(String, String, f64)> {
    let before = figures(&w.before);
    let mut out: Vec<(String, String, f64)> = before
        .iter()
        .map(|(f, x)| ("before".to_string(), f.clone(), *x))
        .collect();
    for side in &w.after {
        let after = figures(side);
        for (f, x) in &after {
            out.push((side.name.clone(), f.clone(), *x));
        }
        for ((f, x), (_, b)) in after.iter().zip(&before) {
            out.push((format!("{} − before", side.name), f.clone(), x - b));
        }
    }
    out
}

impl WhatifResample<'_> {
    /// The JSON of `netgraph whatif --resample N --format json`: as without it, with a
    /// `"resample"` object whose `"figures"` list every figure: `{"side", "figure", "value",
    /// "mean", "p05", "p95"}`, and whose `"actors"` give every actor's score by the compared
    /// measure likewise, side by side: `{"id", "name", "kind", "<measure>": [{"side", …}]}`.
    pub fn to_json(&self) -> Value {
        use crate::report::json_number;
        let mut out = self.full.to_json();
        let figures: Vec<Value> = self
            .figures
            .iter()
            .map(|f| {
                let (mean, p05, p95) = match f.summary {
                    Some(s) => (Some(s.mean), Some(s.p05), Some(s.p95)),
                    None => (None, None, None),
                };
                json!({"side": f.side, "figure": f.figure, "value": json_number(Some(f.value)),
                       "mean": json_number(mean), "p05": json_number(p05), "p95": json_number(p95)})
            })
            .collect();
        let net = self.full.net;
        let measure = self.full.measure.name();
        let actors: Vec<Value> = self
            .scores
            .iter()
            .enumerate()
            .map(|(v, sides)| {
                let a = &net.actors[v];
                let sides: Vec<Value> = sides
                    .iter()
                    .map(|f| {
                        let (mean, p05, p95) = match f.summary {
                            Some(s) => (Some(s.mean), Some(s.p05), Some(s.p95)),
                            None => (None, None, None),
                        };
                        json!({"side": f.side, "value": json_number(Some(f.value)),
                               "mean": json_number(mean), "p05": json_number(p05),
                               "p95": json_number(p95)})
                    })
                    .collect();
                json!({"id": a.id.as_str(), "name": a.display_name(), "kind": a.kind(),
                       measure: sides})
            })
            .collect();
        let mut resample = self.draws.json();
        resample["figures"] = Value::Array(figures);
        resample["actors"] = Value::Array(actors);
        out["resample"] = resample;
        out["truncated"] = json!(self.draws.truncated);
        out
    }
}

/// The comparison of `options` on the whole view, then on each draw of `resample`: the spread of
/// every figure (module documentation). The scenarios' edits apply to each draw as they apply to
/// the view; an edit naming a flow the draw lacks removes nothing. Cost: `resample.draws` + 1
/// comparisons ([`whatif`]), over the run's threads.
pub fn resample_whatif<'a>(
    net: &'a Network,
    options: &WhatifOptions,
    resample: &Resample,
    run: &Run,
) -> Result<WhatifResample<'a>> {
    // --budget counts draws; each comparison's searches keep only --timeout.
    let options = &WhatifOptions {
        budget: crate::budget::BudgetSpec {
            expansions: None,
            ..options.budget
        },
        ..options.clone()
    };
    let full = whatif(net, options, run)?;
    let n = net.actor_count();
    let names = all_figures(&full);
    let draws = run_draws(net, &options.filter, resample, run, |filter, run| {
        let options = WhatifOptions {
            filter: filter.clone(),
            ..options.clone()
        };
        let w = whatif(net, &options, run)?;
        let figures: Vec<f64> = all_figures(&w).into_iter().map(|f| f.2).collect();
        let scores: Vec<Vec<f64>> = actor_scores(&w, n)
            .into_iter()
            .map(|row| row.into_iter().map(|x| x.1).collect())
            .collect();
        Ok((figures, scores))
    })?;
    let figures = names
        .into_iter()
        .enumerate()
        .map(|(j, (side, figure, value))| {
            let values: Vec<f64> = draws
                .results
                .iter()
                .map(|(_, d)| d.0.get(j).copied().unwrap_or(f64::NAN))
                .collect();
            Figure {
                side,
                figure,
                value,
                summary: Summary::of(&values),
            }
        })
        .collect();
    let measure = full.measure.name().to_string();
    let scores = actor_scores(&full, n)
        .into_iter()
        .enumerate()
        .map(|(v, row)| {
            row.into_iter()
                .enumerate()
                .map(|(k, (side, value))| {
                    let values: Vec<f64> = draws.results.iter().map(|(_, d)| d.1[v][k]).collect();
                    Figure {
                        side,
                        figure: measure.clone(),
                        value,
                        summary: Summary::of(&values),
                    }
                })
                .collect()
        })
        .collect();
    Ok(WhatifResample {
        full,
        figures,
        scores,
        draws: draws.forget(),
    })
}
