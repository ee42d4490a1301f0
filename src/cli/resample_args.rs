//! `--resample N` and `--resample-mode M`: the same analysis on N networks drawn from the view
//! ([`netgraph_core::queries::resample`], docs/uncertainty.md) for `centrality`, `chains`,
//! `keyplayers` and `whatif` — the options, and the tables and CSV of each command resampled.
//!
//! Tables start with the view line and the line that says how many draws of which mode and seed
//! were made, then the command's table with, per figure, its value on the whole view and the
//! interval from the 5th to the 95th percentile of the draws.

use anyhow::Context;
use clap::Args;
use netgraph_core::Error;
use netgraph_core::Run;
use netgraph_core::budget::BudgetSpec;
use netgraph_core::model::Network;
use netgraph_core::queries::centrality::CentralityOptions;
use netgraph_core::queries::chains::ChainsOptions;
use netgraph_core::queries::keyplayers::KeyplayersOptions;
use netgraph_core::queries::resample::centrality::{CentralityResample, resample_centrality};
use netgraph_core::queries::resample::chains::resample_chains;
use netgraph_core::queries::resample::keyplayers::resample_keyplayers;
use netgraph_core::queries::resample::whatif::resample_whatif;
use netgraph_core::queries::resample::{MAX_DRAWS, Mode, Resample, Summary};
use netgraph_core::queries::whatif::WhatifOptions;
use netgraph_core::report::{self, Format, Table};

/// `--resample N --resample-mode M`.
#[derive(Debug, Clone, Default, Args)]
pub struct ResampleArgs {
    /// Run the analysis on N networks drawn from the view, each flow kept with probability its
    /// confidence (1 when absent), and report every figure's spread: mean, 5th and 95th
    /// percentiles (docs/uncertainty.md) (1 to 1000000; --budget counts draws, --timeout bounds
    /// them all)
    #[arg(long, value_name = "N", value_parser = parse_draws)]
    pub resample: Option<usize>,
    /// How each draw is made: confidence, drop:P (then drop a share P of the flows), drop-actors:P
    /// (then remove a share P of the actors), bootstrap (m flows drawn with replacement)
    /// [default: confidence]
    #[arg(long, value_name = "MODE", requires = "resample", value_parser = parse_mode)]
    pub resample_mode: Option<Mode>,
}

fn parse_draws(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if (1..=MAX_DRAWS).contains(&n) => Ok(n),
        _ => Err(format!(
            "\"{text}\" is not a number of draws from 1 to {MAX_DRAWS}"
        )),
    }
}

fn parse_mode(text: &str) -> Result<Mode, String> {
    Mode::parse(text).map_err(|e| match e {
        Error::Usage(why) => why
            .strip_prefix(&format!("--resample-mode {}: ", text.trim()))
            .unwrap_or(&why)
            .to_string(),
        e => e.to_string(),
    })
}

impl ResampleArgs {
    /// The resampling asked for, if any: `seed` seeds the draws, `budget` counts draws and bounds
    /// their time. With `--by` it is bad usage (one or the other).
    pub fn spec(&self, seed: u64, budget: BudgetSpec, by: bool) -> Result<Option<Resample>, Error> {
        let Some(draws) = self.resample else {
            return Ok(None);
        };
        if by {
            return Err(Error::usage(
                "--resample and --by cannot be combined: resample the whole view, or run each period with --where",
            ));
        }
        Ok(Some(Resample {
            draws,
            mode: self.resample_mode.unwrap_or(Mode::Confidence),
            seed,
            budget,
        }))
    }
}

/// `[p05, p95]`, or `–` when no draw gave a number.
fn interval(s: Option<Summary>) -> String {
    match s {
        Some(s) => format!("[{}, {}]", report::rounded(s.p05), report::rounded(s.p95)),
        None => "–".into(),
    }
}

fn csv_text(w: ::csv::Writer<Vec<u8>>) -> anyhow::Result<String> {
    Ok(String::from_utf8(
        w.into_inner().map_err(|e| e.into_error())?,
    )?)
}

fn number(x: Option<f64>) -> String {
    match x {
        Some(x) if !x.is_nan() => report::number(x),
        _ => String::new(),
    }
}

/// `netgraph centrality --resample`: runs and renders.
pub fn centrality(
    net: &Network,
    options: &CentralityOptions,
    spec: &Resample,
    top_k: usize,
    run: &Run,
    format: Format,
) -> anyhow::Result<String> {
    let result = resample_centrality(net, options, spec, top_k, run)?;
    Ok(match format {
        Format::Json => report::json_text(&result.to_json()),
        Format::Csv => {
            super::note(&result.full.view_line);
            super::note(&result.draws.describe());
            centrality_csv(&result)?
        }
        Format::Table => centrality_table(&result),
    })
}

fn centrality_table(r: &CentralityResample) -> String {
    let measures = &r.full.measures;
    let k = r.top_k;
    let names: Vec<[String; 3]> = measures
        .iter()
        .map(|m| [m.clone(), format!("{m} 5–95%"), format!("{m} top {k}")])
        .collect();
    let mut header = vec!["rank", "actor", "name", "kind"];
    let mut right = vec![true, false, false, false];
    for n in &names {
        header.extend(n.iter().map(String::as_str));
        right.extend([true, true, true]);
    }
    let mut t = Table::new(&header, &right);
    for (a, spreads) in r.full.actors.iter().zip(&r.spreads) {
        let mut row = vec![
            a.rank.to_string(),
            a.id.to_string(),
            a.name.to_string(),
            a.kind.to_string(),
        ];
        for (s, spread) in a.scores.iter().zip(spreads) {
            row.push(match s {
                Some(s) if !s.is_nan() => report::rounded(*s),
                _ => "–".into(),
            });
            row.push(interval(spread.summary));
            row.push(match spread.top_k.is_nan() {
                true => "–".into(),
                false => format!("{:.0}%", 100.0 * spread.top_k),
            });
        }
        t.push(row);
    }
    format!(
        "{}\n{}; 5–95%: the 5th to 95th percentile of the draws; top {k}: the share of draws in which the actor ranks in the top {k}\n{}",
        r.full.view_line,
        r.draws.describe(),
        t.render()
    )
}

fn centrality_csv(r: &CentralityResample) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut header = vec!["actor".to_string()];
    for m in &r.full.measures {
        for suffix in ["", "_mean", "_p05", "_p95", "_topk"] {
            header.push(format!("{m}{suffix}"));
        }
    }
    w.write_record(&header)?;
    for (a, spreads) in r.full.actors.iter().zip(&r.spreads) {
        let mut row = vec![a.id.to_string()];
        for (s, spread) in a.scores.iter().zip(spreads) {
            let x = spread.summary;
            row.push(number(*s));
            row.push(number(x.map(|x| x.mean)));
            row.push(number(x.map(|x| x.p05)));
            row.push(number(x.map(|x| x.p95)));
            row.push(number(Some(spread.top_k)));
        }
        w.write_record(&row)?;
    }
    csv_text(w)
}

/// `netgraph chains --resample`: runs and renders (one row per channel: its entry flow, chains,
/// and the share of draws in which it exists).
pub fn chains(
    net: &Network,
    options: &ChainsOptions,
    spec: &Resample,
    run: &Run,
    format: Format,
) -> anyhow::Result<String> {
    let r = resample_chains(net, options, spec, run)?;
    let rows: Vec<[String; 6]> = r
        .full
        .channels
        .iter()
        .zip(&r.shares)
        .enumerate()
        .map(|(k, (c, share))| {
            [
                (k + 1).to_string(),
                c.from.clone(),
                c.to.clone(),
                c.entry.kind.clone(),
                c.chain_count.to_string(),
                report::number(*share),
            ]
        })
        .collect();
    Ok(match format {
        Format::Json => report::json_text(&r.to_json()),
        Format::Csv => {
            super::note(&r.full.view_line);
            super::note(&r.draws.describe());
            let mut w = ::csv::Writer::from_writer(Vec::new());
            w.write_record(["channel", "from", "to", "kind", "chains", "exists"])?;
            for row in &rows {
                w.write_record(row)?;
            }
            csv_text(w)?
        }
        Format::Table => {
            let mut t = Table::new(
                &["#", "from", "to", "kind", "chains", "exists"],
                &[true, false, false, false, true, true],
            );
            for (row, share) in rows.into_iter().zip(&r.shares) {
                let mut row = row.to_vec();
                row[5] = format!("{:.0}%", 100.0 * share);
                t.push(row);
            }
            format!(
                "{}\n{}\n{}; exists: the share of draws in which some chain reaches the channel's entry flow\n{}",
                r.full.view_line,
                r.full.query,
                r.draws.describe(),
                t.render()
            )
        }
    })
}

/// `netgraph keyplayers --resample`: runs and renders (the set with each member's share of draws,
/// then every actor some draw chose).
pub fn keyplayers(
    net: &Network,
    options: &KeyplayersOptions,
    spec: &Resample,
    run: &Run,
    format: Format,
) -> anyhow::Result<String> {
    let r = resample_keyplayers(net, options, spec, run)?;
    let key = r.full.key();
    Ok(match format {
        Format::Json => report::json_text(&r.to_json()),
        Format::Csv => {
            super::note(&r.full.view_line);
            super::note(&r.draws.describe());
            let mut w = ::csv::Writer::from_writer(Vec::new());
            w.write_record(["actor", "name", "kind", "member", "chosen"])?;
            for &(v, share) in &r.chosen {
                let a = &net.actors[v];
                w.write_record([
                    a.id.as_str(),
                    a.display_name(),
                    a.kind(),
                    &r.full.actors.contains(&v).to_string(),
                    &report::number(share),
                ])?;
            }
            csv_text(w)?
        }
        Format::Table => {
            let mut t = Table::new(
                &["actor", "name", "kind", "member", "chosen"],
                &[false, false, false, false, true],
            );
            for &(v, share) in &r.chosen {
                let a = &net.actors[v];
                t.push(vec![
                    a.id.to_string(),
                    a.display_name().to_string(),
                    a.kind().to_string(),
                    if r.full.actors.contains(&v) {
                        "yes"
                    } else {
                        ""
                    }
                    .to_string(),
                    format!("{:.0}%", 100.0 * share),
                ]);
            }
            format!(
                "{}\n{}\n{} of the set of the whole view: {}; over the draws: mean {}, 5–95% {}\nchosen: the share of draws whose set holds the actor (every actor some draw chose)\n{}",
                r.full.view_line,
                r.draws.describe(),
                key,
                report::rounded(r.full.score),
                r.score.map_or("–".into(), |s| report::rounded(s.mean)),
                interval(r.score),
                t.render()
            )
        }
    })
}

/// `netgraph whatif --resample`: runs and renders (one row per side and figure).
pub fn whatif(
    net: &Network,
    options: &WhatifOptions,
    spec: &Resample,
    run: &Run,
    format: Format,
) -> anyhow::Result<String> {
    let r = resample_whatif(net, options, spec, run)?;
    Ok(match format {
        Format::Json => report::json_text(&r.to_json()),
        Format::Csv => {
            super::note(&r.full.view_line);
            super::note(&r.draws.describe());
            let mut w = ::csv::Writer::from_writer(Vec::new());
            w.write_record(["side", "figure", "value", "mean", "p05", "p95"])?;
            for f in &r.figures {
                let s = f.summary;
                w.write_record([
                    f.side.clone(),
                    f.figure.clone(),
                    number(Some(f.value)),
                    number(s.map(|s| s.mean)),
                    number(s.map(|s| s.p05)),
                    number(s.map(|s| s.p95)),
                ])?;
            }
            csv_text(w).context("cannot write the CSV")?
        }
        Format::Table => {
            let mut t = Table::new(
                &["side", "figure", "value", "mean", "5–95%"],
                &[false, false, true, true, true],
            );
            for f in &r.figures {
                t.push(vec![
                    f.side.clone(),
                    f.figure.clone(),
                    match f.value.is_nan() {
                        true => "–".into(),
                        false => report::rounded(f.value),
                    },
                    f.summary.map_or("–".into(), |s| report::rounded(s.mean)),
                    interval(f.summary),
                ]);
            }
            format!(
                "{}\n{}; 5–95%: the 5th to 95th percentile of the draws\n{}",
                r.full.view_line,
                r.draws.describe(),
                t.render()
            )
        }
    })
}
