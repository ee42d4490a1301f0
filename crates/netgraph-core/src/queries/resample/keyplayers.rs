//! `netgraph keyplayers --resample N`: the set of the whole view, each actor's share of draws in
//! which the search chooses it, and the spread of the objective.

use super::{Draws, Resample, Summary, run_draws};
use crate::error::Result;
use crate::model::Network;
use crate::queries::keyplayers::{Keyplayers, KeyplayersOptions, keyplayers};
use crate::rank::ranking;
use crate::run::Run;
use serde_json::{Value, json};

/// The key players of the whole view with how often the draws choose each actor.
#[derive(Debug, Clone)]
pub struct KeyplayersResample<'a> {
    /// The set of the whole view.
    pub full: Keyplayers<'a>,
    /// Every actor chosen in some draw, with the share of draws that chose it: the most often
    /// chosen first, ties by id.
    pub chosen: Vec<(usize, f64)>,
    /// The objective's score over the draws.
    pub score: Option<Summary>,
    /// The draws.
    pub draws: Draws<()>,
}

impl KeyplayersResample<'_> {
    /// The JSON of `netgraph keyplayers --resample N --format json`: as without it, each member
    /// adding `"chosen"` (share of draws), `"<objective>_mean"`, `_p05`, `_p95`, and `"chosen"`:
    /// every actor some draw chose, with its share.
    pub fn to_json(&self) -> Value {
        use crate::report::json_number;
        let net = self.full.net;
        let mut out = self.full.to_json();
        let share = |v: usize| self.chosen.iter().find(|c| c.0 == v).map_or(0.0, |c| c.1);
        if let Some(members) = out["members"].as_array_mut() {
            for (m, &v) in members.iter_mut().zip(&self.full.actors) {
                m["chosen"] = json_number(Some(share(v)));
            }
        }
        let key = self.full.key();
        let (mean, p05, p95) = match self.score {
            Some(s) => (Some(s.mean), Some(s.p05), Some(s.p95)),
            None => (None, None, None),
        };
        out[format!("{key}_mean")] = json_number(mean);
        out[format!("{key}_p05")] = json_number(p05);
        out[format!("{key}_p95")] = json_number(p95);
        out["chosen"] = self
            .chosen
            .iter()
            .map(|&(v, s)| {
                let a = &net.actors[v];
                json!({"id": a.id.as_str(), "name": a.display_name(), "kind": a.kind(),
                       "chosen": json_number(Some(s))})
            })
            .collect();
        out["resample"] = self.draws.json();
        out["truncated"] = json!(self.full.truncated || self.draws.truncated);
        out
    }
}

/// Key players of the view `options` gives, then of each draw of `resample` (the same search, its
/// seed `options.seed`): each actor's share of draws in which it is chosen, and the spread of the
/// objective. Cost: `resample.draws` + 1 times that of [`keyplayers`], over the run's threads.
pub fn resample_keyplayers<'a>(
    net: &'a Network,
    options: &KeyplayersOptions,
    resample: &Resample,
    run: &Run,
) -> Result<KeyplayersResample<'a>> {
    // --budget counts draws; each search keeps only --timeout.
    let options = &KeyplayersOptions {
        budget: crate::budget::BudgetSpec {
            expansions: None,
            ..options.budget
        },
        ..options.clone()
    };
    let full = keyplayers(net, options, run)?;
    let draws = run_draws(net, &options.filter, resample, run, |filter, run| {
        let options = KeyplayersOptions {
            filter: filter.clone(),
            ..options.clone()
        };
        let found = keyplayers(net, &options, run)?;
        Ok((found.actors.clone(), found.score))
    })?;
    let used = draws.results.len().max(1) as f64;
    let mut hits = vec![0usize; net.actor_count()];
    for (_, (set, _)) in &draws.results {
        for &v in set {
            hits[v] += 1;
        }
    }
    let share: Vec<f64> = hits.iter().map(|&h| h as f64 / used).collect();
    let some: Vec<usize> = (0..net.actor_count()).filter(|&v| hits[v] > 0).collect();
    let chosen = ranking(net, Some(&share), &some)
        .into_iter()
        .map(|v| (v, share[v]))
        .collect();
    let scores: Vec<f64> = draws.results.iter().map(|(_, d)| d.1).collect();
    Ok(KeyplayersResample {
        full,
        chosen,
        score: Summary::of(&scores),
        draws: draws.forget(),
    })
}
