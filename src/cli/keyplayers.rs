//! `netgraph keyplayers`: Borgatti's key players — the k actors whose removal fragments the network
//! most (KPP-Neg), or who reach most of it within D steps (KPP-Pos).
//!
//! JSON: `{"actors": [ids], "fragmentation": F}` or `{"actors": [ids], "reach": r}`; the score is
//! that of the reported set, recomputed on it.

use super::attack::id_rank;
use super::{FilterArgs, GraphArgs, OutputArgs, UsageError};
use crate::algo::keyplayer::{self, Objective};
use crate::report::{self, Format, Table};
use crate::view::Weighting;
use clap::Args;
use serde_json::json;
use std::process::ExitCode;

/// The most sets `--exhaustive` examines.
pub const EXHAUSTIVE_LIMIT: u64 = 1_000_000;

/// What the key players are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Goal {
    /// KPP-Neg: removing them fragments the network most.
    Fragment,
    /// KPP-Pos: they reach the most others within --distance steps.
    Reach,
}

/// Options of `netgraph keyplayers`.
#[derive(Debug, Args)]
pub struct KeyplayersArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Size of the set.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    k: u32,
    /// Fragment (KPP-Neg) or reach (KPP-Pos).
    #[arg(long, value_enum, default_value = "fragment")]
    objective: Goal,
    /// Steps counted by --objective reach [default: 1].
    #[arg(long, value_name = "D")]
    distance: Option<usize>,
    /// Examine every set of k actors instead of the greedy + swap search (small networks only).
    #[arg(long)]
    exhaustive: bool,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs the command.
pub fn run(args: &KeyplayersArgs) -> anyhow::Result<ExitCode> {
    let objective = match (args.objective, args.distance) {
        (Goal::Fragment, Some(_)) => {
            return Err(UsageError("--distance applies to --objective reach".into()).into());
        }
        (Goal::Fragment, None) => Objective::Fragment,
        (Goal::Reach, d) => Objective::Reach {
            distance: d.unwrap_or(1),
        },
    };
    let format = args.output.format_of(&[Format::Table, Format::Json])?;
    let net = args.graph.load()?;
    let n = net.actor_count();
    let k = args.k as usize;
    if k >= n {
        anyhow::bail!("--k {k} needs fewer actors than the network's {n}");
    }
    let view = args.filters.view(&net, false)?;
    let g = view.graph(&Weighting::Unweighted)?.graph;
    let rank = id_rank(&net);
    let found = if args.exhaustive {
        match keyplayer::binomial(n, k) {
            Some(sets) if sets <= EXHAUSTIVE_LIMIT => {
                keyplayer::exhaustive(&g, k, objective, &rank)
            }
            sets => anyhow::bail!(
                "--exhaustive would examine C({n}, {k}) = {} sets, over the limit of {EXHAUSTIVE_LIMIT}; drop --exhaustive for the greedy + swap search",
                sets.map_or("more than 2^64".to_string(), |s| s.to_string())
            ),
        }
    } else {
        keyplayer::search(&g, k, objective, &rank)
    };
    let Some(found) = found else {
        anyhow::bail!("no set of {k} actors among {n}");
    };
    let ids: Vec<&str> = found
        .actors
        .iter()
        .map(|&v| net.actors[v].id.as_str())
        .collect();
    let key = match objective {
        Objective::Fragment => "fragmentation",
        Objective::Reach { .. } => "reach",
    };
    let text = match format {
        Format::Json => report::json_text(&json!({
            "view": view.json(),
            "actors": ids,
            key: report::json_number(Some(found.score)),
        })),
        _ => {
            let method = if args.exhaustive {
                "every set examined"
            } else {
                "greedy start + swaps"
            };
            let score = match objective {
                Objective::Fragment => format!(
                    "fragmentation without them: {} (intact view: {})",
                    report::rounded(found.score),
                    report::rounded(keyplayer::score(&g, objective, &[]))
                ),
                Objective::Reach { distance } => format!(
                    "reach within {distance} step{}: {} ({} of the other {} actors)",
                    if distance == 1 { "" } else { "s" },
                    report::rounded(found.score),
                    (found.score * (n - k) as f64).round(),
                    n - k
                ),
            };
            let mut t = Table::new(&["actor", "name", "kind"], &[]);
            for &v in &found.actors {
                let a = &net.actors[v];
                t.push(vec![
                    a.id.to_string(),
                    a.display_name().to_string(),
                    a.kind().to_string(),
                ]);
            }
            format!(
                "{}\n{k} key player{} ({key}, {method})\n{score}\n\n{}",
                view.describe(),
                if k == 1 { "" } else { "s" },
                t.render()
            )
        }
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
