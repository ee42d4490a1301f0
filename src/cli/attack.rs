//! `netgraph whatif --attack MEASURE --steps K`: the disruption experiment (DESIGN §5).
//!
//! JSON: `{"attack": [{"step", "removed", "lcc", "fragmentation"}]}`, step 0 being the intact view.
//! The random baseline (`--attack random --runs R --seed S`) reports per step the mean `lcc` and
//! `fragmentation` with their sample standard deviations `lcc_sd` and `fragmentation_sd`, plus
//! `"runs"` and `"seed"`.

use super::UsageError;
use super::whatif::WhatifArgs;
use netgraph_core::algo::attack::{self, Mode, RandomStep, Step};
use netgraph_core::measures::{self, Measure, MeasureOptions};
use netgraph_core::model::Network;
use netgraph_core::report::{self, Format, Table};
use netgraph_core::view::{View, Weighted};
use serde_json::{Value, json};
use std::process::ExitCode;

/// What the experiment removes.
enum Target {
    Measure(Measure),
    Random,
}

fn target(name: &str) -> Result<Target, netgraph_core::Error> {
    if name == "random" {
        return Ok(Target::Random);
    }
    <Measure as netgraph_core::choice::Choice>::from_name(name)
        .map(Target::Measure)
        .ok_or_else(|| {
            let known: Vec<_> = Measure::ALL.iter().map(|m| m.name()).collect();
            UsageError(format!(
                "unknown attack \"{name}\" (known: {}, random)",
                known.join(", ")
            ))
        })
}

/// Each actor's place in id order (bytewise), for ties.
pub(super) fn id_rank(net: &Network) -> Vec<usize> {
    let mut order: Vec<usize> = (0..net.actor_count()).collect();
    order.sort_by(|&a, &b| net.actors[a].id.as_bytes().cmp(net.actors[b].id.as_bytes()));
    let mut rank = vec![0; order.len()];
    for (r, &v) in order.iter().enumerate() {
        rank[v] = r;
    }
    rank
}

/// Runs the experiment.
pub(super) fn run(args: &WhatifArgs, name: &str) -> anyhow::Result<ExitCode> {
    let target = target(name)?;
    let steps = args
        .steps
        .ok_or_else(|| UsageError("--attack needs --steps K".into()))?;
    match target {
        Target::Random if args.mode.is_some() => {
            return Err(
                UsageError("--mode applies to a targeted attack, not random".into()).into(),
            );
        }
        Target::Measure(m) if args.runs.is_some() || args.seed.is_some() => {
            return Err(UsageError(format!(
                "--runs and --seed apply to --attack random, not {m}"
            ))
            .into());
        }
        _ => {}
    }
    let format = args.output.format()?;
    let net = args.graph.load()?;
    let n = net.actor_count();
    if steps > n {
        anyhow::bail!("--steps {steps} exceeds the {n} actors of the network");
    }
    let view = args.filters.view(&net, false)?;
    let weighted = view.graph(&args.weights.checked(&net)?)?;
    let text = match target {
        Target::Measure(m) => {
            let mode = args.mode.unwrap_or(Mode::Sequential);
            let options = MeasureOptions {
                raw: args.raw,
                ..MeasureOptions::default()
            };
            let score = |g: &netgraph_core::graph::Graph| {
                let side = Weighted {
                    graph: g.clone(),
                    missing: 0,
                    bad_distance: weighted.bad_distance.clone(),
                    bad_strength: weighted.bad_strength.clone(),
                };
                measures::compute(m, &side, &options)
                    .map_err(|why| anyhow::anyhow!("{m} cannot be computed: {why}"))
            };
            let size = (weighted.graph.n() + weighted.graph.pair_count()) as f64;
            let per_step = match mode {
                Mode::Sequential => size * weighted.graph.n() as f64,
                Mode::Static => size,
            };
            let bar = super::progress::start("attack", steps as u64, per_step * steps as f64);
            let budget = args.budget.budget().with_progress(bar.progress());
            let curve = attack::targeted_within(
                &weighted.graph,
                steps,
                mode,
                &id_rank(&net),
                score,
                &budget,
            )?;
            super::budget_args::note(&budget, "the attack");
            let mode_name = match mode {
                Mode::Sequential => "sequential",
                Mode::Static => "static",
            };
            let title = format!("{mode_name} {m} attack");
            targeted_text(&view, &curve, format, &title, budget.truncated())?
        }
        Target::Random => {
            let runs = args.runs.unwrap_or(100) as usize;
            let seed = args.seed.unwrap_or(0);
            let size = (weighted.graph.n() + weighted.graph.pair_count()) as f64;
            let bar = super::progress::start(
                "random runs",
                runs as u64,
                size * (steps + 1) as f64 * runs as f64,
            );
            let budget = args.budget.budget().with_progress(bar.progress());
            let (curve, done) = attack::random_within(&weighted.graph, steps, runs, seed, &budget);
            if budget.truncated() {
                super::budget_args::note(&budget, "the random baseline");
                super::note(&format!("{done} of the {runs} runs done"));
            }
            random_text(&view, &curve, format, done, seed, budget.truncated())?
        }
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn targeted_text(
    view: &View,
    curve: &[Step],
    format: Format,
    title: &str,
    truncated: bool,
) -> anyhow::Result<String> {
    let net = view.network();
    let removed = |s: &Step| s.removed.map(|v| net.actors[v].id.to_string());
    Ok(match format {
        Format::Json => {
            let steps: Vec<Value> = curve
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    json!({
                        "step": i,
                        "removed": removed(s),
                        "lcc": report::json_number(Some(s.lcc)),
                        "fragmentation": report::json_number(Some(s.fragmentation)),
                    })
                })
                .collect();
            report::json_text(
                &json!({ "view": view.json(), "attack": steps, "truncated": truncated }),
            )
        }
        Format::Csv => {
            super::note_view(view);
            let mut w = ::csv::Writer::from_writer(Vec::new());
            w.write_record(["step", "removed", "lcc", "fragmentation"])?;
            for (i, s) in curve.iter().enumerate() {
                w.write_record([
                    i.to_string(),
                    removed(s).unwrap_or_default(),
                    report::number(s.lcc),
                    report::number(s.fragmentation),
                ])?;
            }
            String::from_utf8(w.into_inner().map_err(|e| e.into_error())?)?
        }
        Format::Table => {
            let header = ["step", "removed", "name", "lcc", "largest", "fragmentation"];
            let mut t = Table::new(&header, &[true, false, false, true, true, true]);
            for (i, s) in curve.iter().enumerate() {
                let name = s.removed.map(|v| net.actors[v].display_name().to_string());
                t.push(vec![
                    i.to_string(),
                    removed(s).unwrap_or_else(|| "-".into()),
                    name.unwrap_or_else(|| "(intact)".into()),
                    report::rounded(s.lcc),
                    s.lcc_size.to_string(),
                    report::rounded(s.fragmentation),
                ]);
            }
            format!(
                "{}\n{title}: lcc = largest weak component / the intact one's ({})\n\n{}",
                view.describe(),
                curve.first().map_or(0, |s| s.lcc_size),
                t.render()
            )
        }
    })
}

fn random_text(
    view: &View,
    curve: &[RandomStep],
    format: Format,
    runs: usize,
    seed: u64,
    truncated: bool,
) -> anyhow::Result<String> {
    let sd = |x: Option<f64>| report::json_number(x);
    Ok(match format {
        Format::Json => {
            let steps: Vec<Value> = curve
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    json!({
                        "step": i,
                        "removed": null,
                        "lcc": report::json_number(Some(s.lcc)),
                        "lcc_sd": sd(s.lcc_sd),
                        "fragmentation": report::json_number(Some(s.fragmentation)),
                        "fragmentation_sd": sd(s.fragmentation_sd),
                    })
                })
                .collect();
            report::json_text(&json!({
                "view": view.json(),
                "attack": steps,
                "runs": runs,
                "seed": seed,
                "truncated": truncated
            }))
        }
        Format::Csv => {
            super::note_view(view);
            let mut w = ::csv::Writer::from_writer(Vec::new());
            w.write_record(["step", "lcc", "lcc_sd", "fragmentation", "fragmentation_sd"])?;
            let text = |x: Option<f64>| x.map(report::number).unwrap_or_default();
            for (i, s) in curve.iter().enumerate() {
                w.write_record([
                    i.to_string(),
                    report::number(s.lcc),
                    text(s.lcc_sd),
                    report::number(s.fragmentation),
                    text(s.fragmentation_sd),
                ])?;
            }
            String::from_utf8(w.into_inner().map_err(|e| e.into_error())?)?
        }
        Format::Table => {
            let header = ["step", "lcc", "sd", "fragmentation", "sd"];
            let mut t = Table::new(&header, &[true; 5]);
            let text = |x: Option<f64>| x.map(report::rounded).unwrap_or_else(|| "-".into());
            for (i, s) in curve.iter().enumerate() {
                t.push(vec![
                    i.to_string(),
                    report::rounded(s.lcc),
                    text(s.lcc_sd),
                    report::rounded(s.fragmentation),
                    text(s.fragmentation_sd),
                ]);
            }
            format!(
                "{}\nrandom removal: mean and sample standard deviation over {runs} runs (seed {seed})\n\n{}",
                view.describe(),
                t.render()
            )
        }
    })
}
