//! `netgraph chains --resample N`: the channels of the whole view, each with the share of draws in
//! which it exists (some chain of the query reaches its entry flow).

use super::{Draws, Resample, run_draws};
use crate::error::Result;
use crate::model::Network;
use crate::queries::chains::{Chains, ChainsOptions, chains};
use crate::run::Run;
use serde_json::{Value, json};
use std::collections::HashSet;

/// The channels of the whole view with how often each exists in the draws.
#[derive(Debug, Clone)]
pub struct ChainsResample {
    /// The channels of the whole view (the `top` ones when asked).
    pub full: Chains,
    /// Per channel of `full.channels`, the share of draws in which it exists.
    pub shares: Vec<f64>,
    /// Per draw used, how many channels it has (all, not only those shown).
    pub channel_counts: Vec<f64>,
    /// The draws.
    pub draws: Draws<()>,
}

/// A channel's identity across draws: its entry flow as the output shows it.
fn key(entry: &crate::queries::evidence::FlowEvidence) -> String {
    entry.json(true).to_string()
}

impl ChainsResample {
    /// The JSON of `netgraph chains --resample N --format json`: as without it, each channel adding
    /// `"exists"` (the share of draws in which it exists), and a `"resample"` object with the
    /// spread of the number of channels per draw.
    pub fn to_json(&self) -> Value {
        let mut out = self.full.to_json();
        if let Some(list) = out["channels"].as_array_mut() {
            for (c, share) in list.iter_mut().zip(&self.shares) {
                c["exists"] = crate::report::json_number(Some(*share));
            }
        }
        let mut resample = self.draws.json();
        resample["channels"] =
            super::Summary::of(&self.channel_counts).map_or(Value::Null, |s| s.json());
        out["resample"] = resample;
        out["truncated"] = json!(self.full.truncated || self.draws.truncated);
        out
    }
}

/// Chains of the view `options` gives, then of each draw of `resample`: each channel shown with
/// the share of draws in which it exists. Each draw searches every channel (`top` applies to the
/// rows shown). Cost: `resample.draws` + 1 chain searches ([`chains`]), over the run's threads.
pub fn resample_chains(
    net: &Network,
    options: &ChainsOptions,
    resample: &Resample,
    run: &Run,
) -> Result<ChainsResample> {
    // --budget counts draws; each search keeps only --timeout.
    let options = &ChainsOptions {
        budget: crate::budget::BudgetSpec {
            expansions: None,
            ..options.budget
        },
        ..options.clone()
    };
    let full = chains(net, options, run)?;
    let all = ChainsOptions {
        top: None,
        chains: false,
        ..options.clone()
    };
    let draws = run_draws(net, &options.filter, resample, run, |filter, run| {
        let options = ChainsOptions {
            filter: filter.clone(),
            ..all.clone()
        };
        let found = chains(net, &options, run)?;
        let keys: HashSet<String> = found.channels.iter().map(|c| key(&c.entry)).collect();
        Ok(keys)
    })?;
    let used = draws.results.len().max(1) as f64;
    let shares = full
        .channels
        .iter()
        .map(|c| {
            let k = key(&c.entry);
            draws.results.iter().filter(|(_, d)| d.contains(&k)).count() as f64 / used
        })
        .collect();
    let channel_counts = draws.results.iter().map(|(_, d)| d.len() as f64).collect();
    Ok(ChainsResample {
        full,
        shares,
        channel_counts,
        draws: draws.forget(),
    })
}
