//! `netgraph centrality --by`: scores per period, over the actors active in each; with `--track`,
//! chosen actors' scores and ranks period by period.

use super::{Period, Periods};
use crate::error::{Error, Result};
use crate::model::Network;
use crate::queries::centrality::{Centrality, CentralityOptions, RankedActor, centrality};
use crate::run::Run;
use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value, json};

/// An actor followed through the periods (`--track`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    /// Position in the network.
    pub position: usize,
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: String,
}

/// A tracked actor in one period: its rank and scores, `None` when it has no kept flow there (or
/// the period was skipped).
#[derive(Debug, Clone, PartialEq)]
pub struct Point<'a> {
    /// The period as tables show it.
    pub label: &'a str,
    /// The period in JSON.
    pub value: &'a Value,
    /// Rank by the first measure among the period's active actors.
    pub rank: Option<usize>,
    /// One score per measure (`None` also for a measure that could not be computed).
    pub scores: Vec<Option<f64>>,
}

/// Centrality per period.
#[derive(Debug, Clone)]
pub struct CentralityPeriods {
    /// The periods, each with its ranked actors (the `top` ones; with `track`, the tracked ones
    /// that are active in it).
    pub periods: Periods<Centrality>,
    /// The columns, in order (as [`Centrality::measures`]).
    pub measures: Vec<String>,
    /// The tracked actors, in the order asked; empty without `--track`.
    pub tracked: Vec<Tracked>,
}

impl CentralityPeriods {
    /// A tracked actor's row in a period, if it is active there.
    pub fn row(period: &Period<Centrality>, position: usize) -> Option<&RankedActor> {
        period
            .outcome
            .as_ref()
            .ok()?
            .actors
            .iter()
            .find(|a| a.position == position)
    }

    /// The trajectory of the `k`-th tracked actor: one point per period, in order.
    pub fn series(&self, k: usize) -> Vec<Point<'_>> {
        let position = self.tracked[k].position;
        self.periods
            .periods
            .iter()
            .map(|p| {
                let row = Self::row(p, position);
                Point {
                    label: &p.label,
                    value: &p.value,
                    rank: row.map(|a| a.rank),
                    scores: match row {
                        Some(a) => a.scores.clone(),
                        None => vec![None; self.measures.len()],
                    },
                }
            })
            .collect()
    }

    /// The JSON of `netgraph centrality --by … --format json`: the view, `by`, the measures, and
    /// per period its filter, counts, view and actors (with `track`, the tracked actors in the
    /// order asked, `null` rank and scores when inactive).
    pub fn to_json(&self) -> Value {
        let mut out = self.periods.to_json_with(|c| {
            let mut o = Map::new();
            o.insert("view".into(), c.view.clone());
            let actors = match self.tracked.is_empty() {
                true => c.to_json()["actors"].clone(),
                false => Value::Array(self.tracked_rows(c)),
            };
            o.insert("actors".into(), actors);
            o
        });
        out["measures"] = json!(self.measures);
        if !self.tracked.is_empty() {
            out["track"] = self.tracked.iter().map(|t| json!(t.id)).collect();
        }
        out
    }

    /// The tracked actors' rows of one period's JSON, in the order asked.
    fn tracked_rows(&self, c: &Centrality) -> Vec<Value> {
        let rows = c.to_json()["actors"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        self.tracked
            .iter()
            .map(|t| {
                let at = c.actors.iter().position(|a| a.position == t.position);
                match at {
                    Some(i) => rows[i].clone(),
                    None => {
                        let mut o = Map::new();
                        o.insert("id".into(), json!(t.id));
                        o.insert("name".into(), json!(t.name));
                        o.insert("kind".into(), json!(t.kind));
                        o.insert("rank".into(), Value::Null);
                        o.insert("active".into(), json!(false));
                        for m in &self.measures {
                            o.insert(m.clone(), Value::Null);
                        }
                        Value::Object(o)
                    }
                }
            })
            .collect()
    }
}

impl Serialize for CentralityPeriods {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// Centrality in each period of `by` (a flow field, or `year`, `quarter`, `month`; see
/// [`super`]): each period is [`centrality`] with the period's filter added to `options.filter`
/// and `active` set, `top` applying per period. `track` names actors (ids, checked with
/// suggestions) to follow through the periods: each period then keeps only their rows, and
/// `top` is bad usage. Cost: that of the measures, once per period.
///
/// # Example
///
/// ```
/// use netgraph_core::queries::centrality::CentralityOptions;
/// use netgraph_core::queries::periods::centrality::centrality_by;
/// let text = r#"{"actors": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
///   "flows": [{"from": "a", "to": "b", "phase": 1}, {"from": "b", "to": "c", "phase": 1},
///             {"from": "c", "to": "a", "phase": 2}]}"#;
/// let mut net = netgraph_core::io::json::parse_str(text, "t.json").unwrap();
/// net.index().unwrap();
/// let options = CentralityOptions {
///     measures: vec!["betweenness".into()],
///     ..CentralityOptions::default()
/// };
/// let run = netgraph_core::Run::default();
/// let result = centrality_by(&net, &options, "phase", &["b".into()], &run).unwrap();
/// let b = result.series(0);
/// // b brokers a → c in phase 1: 1 pair of the (3 − 1)(3 − 2) = 2 it could broker.
/// assert_eq!((b[0].rank, b[0].scores[0]), (Some(1), Some(0.5)));
/// assert_eq!(b[1].rank, None); // and has no flow in phase 2
/// ```
pub fn centrality_by(
    net: &Network,
    options: &CentralityOptions,
    by: &str,
    track: &[String],
    run: &Run,
) -> Result<CentralityPeriods> {
    let mut ids: Vec<String> = Vec::new();
    for id in track {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    let positions = crate::queries::actor_positions(net, &ids).map_err(|e| match e {
        Error::Usage(why) => Error::Usage(format!("--track: {why}")),
        e => e,
    })?;
    if !positions.is_empty() && options.top.is_some() {
        return Err(Error::usage(
            "--top applies to the table of every actor; --track shows the tracked actors in every period",
        ));
    }
    let tracked: Vec<Tracked> = positions
        .iter()
        .map(|&v| {
            let a = &net.actors[v];
            Tracked {
                position: v,
                id: a.id.to_string(),
                name: a.display_name().to_string(),
                kind: a.kind().to_string(),
            }
        })
        .collect();
    let periods = super::each(net, &options.filter, by, run, |filter, run| {
        let options = CentralityOptions {
            filter: filter.clone(),
            active: true,
            ..options.clone()
        };
        let mut c = centrality(net, &options, run)?;
        if !positions.is_empty() {
            c.actors.retain(|a| positions.contains(&a.position));
        }
        Ok(c)
    })?;
    let measures = periods
        .made()
        .next()
        .map(|(_, c)| c.measures.clone())
        .unwrap_or_default();
    Ok(CentralityPeriods {
        periods,
        measures,
        tracked,
    })
}
