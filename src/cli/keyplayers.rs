//! `netgraph keyplayers`: Borgatti's key players — clap arguments to
//! [`netgraph_core::queries::keyplayers`], the set rendered as a table or CSV (JSON from the
//! result's `to_json`).
//!
//! CSV: one row per member, the set's score and the search repeated on each.

use super::{FilterArgs, GraphArgs, OutputArgs};
use clap::Args;
use netgraph_core::algo::keyplayer::Objective;
use netgraph_core::queries::keyplayers::{Goal, Keyplayers, KeyplayersOptions, keyplayers};
use netgraph_core::report::{self, Format, Table};
use std::process::ExitCode;

/// Options of `netgraph keyplayers`.
#[derive(Debug, Args)]
pub struct KeyplayersArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Size of the set.
    #[arg(long, value_name = "N", value_parser = super::parse_count_u32)]
    k: u32,
    /// Fragment (KPP-Neg) or reach (KPP-Pos).
    #[arg(long, value_parser = super::choice::choice::<Goal>(), default_value = "fragment")]
    objective: Goal,
    /// Steps counted by --objective reach [default: 1].
    #[arg(long, value_name = "D")]
    distance: Option<usize>,
    /// Choose the set among these actors only: ids, actor kinds or @class (e.g. @criminal).
    #[arg(long, value_name = "SELECTOR", value_delimiter = ',')]
    candidates: Vec<String>,
    /// Examine every set of k candidates instead of the heuristic search (small networks only).
    #[arg(long)]
    exhaustive: bool,
    /// Local searches of the heuristic: the greedy starts and the shaken ones.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = super::parse_count_u32)]
    starts: u32,
    /// Seed of the shakes of the heuristic search, and of the --resample draws.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Stop the heuristic search after visiting this many actors and ties, with the best set so far.
    #[arg(long, value_name = "N", default_value_t = 400_000_000)]
    max_steps: u64,
    /// Bounds the search: an expansion is a pass of the heuristic search (every candidate
    /// evaluated against a set) or a set examined by --exhaustive.
    #[command(flatten)]
    budget: super::budget_args::BudgetArgs,
    #[command(flatten)]
    filters: FilterArgs,
    /// Count only the actors with at least one kept flow: the objective is computed over the active
    /// network (actors outside the layer or filters are not counted as isolated).
    #[arg(long)]
    active: bool,
    #[command(flatten)]
    periods: super::period_args::PeriodArgs,
    #[command(flatten)]
    resample: super::resample_args::ResampleArgs,
    /// Worker threads of --resample [default: all cores] (1 to 4 × the cores).
    #[arg(long, value_name = "N", value_parser = super::parse_threads, requires = "resample")]
    threads: Option<u16>,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs the command.
pub fn run(args: &KeyplayersArgs) -> anyhow::Result<ExitCode> {
    let options = KeyplayersOptions {
        k: args.k as usize,
        objective: args.objective,
        distance: args.distance,
        candidates: args.candidates.clone(),
        exhaustive: args.exhaustive,
        starts: args.starts as usize,
        seed: args.seed,
        max_steps: args.max_steps,
        budget: args.budget.spec(),
        filter: args.filters.spec(),
        active: args.active,
    };
    options.validate()?;
    let format = args
        .output
        .format_of(&[Format::Table, Format::Json, Format::Csv])?;
    let resample = args
        .resample
        .spec(args.seed, args.budget.spec(), args.periods.by.is_some())?;
    let net = args.graph.load()?;
    if let Some(spec) = &resample {
        let run = super::context(args.threads);
        let text = super::resample_args::keyplayers(&net, &options, spec, &run, format)?;
        args.output.emit(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(by) = &args.periods.by {
        let text =
            super::period_args::keyplayers(&net, &options, by, &super::context(None), format)?;
        args.output.emit(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let result = keyplayers(&net, &options, &super::context(None))?;
    let text = match format {
        Format::Json => report::json_text(&result.to_json()),
        Format::Csv => csv_out(&result)?,
        Format::Table => format!("{}\n{}", result.view_line, table_out(&result)),
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn csv_out(result: &Keyplayers) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "actor",
        "name",
        "kind",
        "contribution",
        result.key(),
        "method",
        "optimal",
        "truncated",
    ])?;
    for (&v, &c) in result.actors.iter().zip(&result.contributions) {
        let a = &result.net.actors[v];
        w.write_record([
            a.id.as_str(),
            a.display_name(),
            a.kind(),
            &report::number(c),
            &report::number(result.score),
            result.search.method,
            &result.search.optimal.to_string(),
            &result.truncated.to_string(),
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

fn table_out(result: &Keyplayers) -> String {
    let (n, k, candidates) = (result.counted, result.k, result.candidates);
    let found = &result.search;
    let score = match result.objective {
        Objective::Fragment => format!(
            "fragmentation without them: {} (intact view: {})",
            report::rounded(result.score),
            report::rounded(result.intact)
        ),
        Objective::Reach { distance } => format!(
            "reach within {distance} step{}: {} ({} of the other {} actors)",
            if distance == 1 { "" } else { "s" },
            report::rounded(result.score),
            (result.score * (n - k) as f64).round(),
            n - k
        ),
    };
    let among = if candidates == n {
        "every actor a candidate".to_string()
    } else {
        format!("{candidates} of {n} actors candidates")
    };
    let how = if found.is_exhaustive() {
        format!("exhaustive: {} sets examined", found.starts)
    } else {
        format!(
            "{}: {} start{}, {} swap{}",
            found.method,
            found.starts,
            if found.starts == 1 { "" } else { "s" },
            found.swaps,
            if found.swaps == 1 { "" } else { "s" },
        )
    };
    let verdict = match (found.proof, found.stopped_by) {
        (Some(p), _) => format!("optimal ({p})"),
        (None, Some(bound)) if found.is_exhaustive() => {
            format!("stopped early at {bound}: the best of the sets examined")
        }
        (None, Some(bound)) => format!("heuristic, stopped early at {bound}"),
        (None, None) => "heuristic, not proven optimal".to_string(),
    };
    let mut t = Table::new(
        &["actor", "name", "kind", "contribution"],
        &[false, false, false, true],
    );
    for (&v, &c) in result.actors.iter().zip(&result.contributions) {
        let a = &result.net.actors[v];
        t.push(vec![
            a.id.to_string(),
            a.display_name().to_string(),
            a.kind().to_string(),
            report::rounded(c),
        ]);
    }
    format!(
        "{k} key player{} ({}, {among})\n{score}\nfound by {how}; {verdict}\ncontribution: the score lost if the member alone is dropped from the set\n\n{}",
        if k == 1 { "" } else { "s" },
        result.key(),
        t.render()
    )
}
