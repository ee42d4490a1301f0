//! `netgraph keyplayers`: Borgatti's key players — the k actors whose removal fragments the network
//! most (KPP-Neg), or who reach most of it within D steps (KPP-Pos) — among the candidates one can
//! act on (`--candidates`), with each member's contribution and how the set was found.
//!
//! JSON: `{"objective", "k", "actors": [ids], "fragmentation": F | "reach": r, "members": [{"id",
//! "name", "kind", "contribution"}], "search": {…}, "truncated"}`; the score is that of the reported
//! set, recomputed on it. CSV: one row per member, the set's score and the search repeated on each.

use super::attack::id_rank;
use super::{FilterArgs, GraphArgs, OutputArgs, UsageError};
use clap::Args;
use netgraph_core::algo::keyplayer::{self, KeyPlayers, Objective};
use netgraph_core::algo::keyplayer_search::{self, Params};
use netgraph_core::model::Network;
use netgraph_core::report::{self, Format, Table};
use netgraph_core::view::Weighting;
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
    /// Choose the set among these actors only: ids, actor kinds or @class (e.g. @criminal).
    #[arg(long, value_name = "SELECTOR", value_delimiter = ',')]
    candidates: Vec<String>,
    /// Examine every set of k candidates instead of the heuristic search (small networks only).
    #[arg(long)]
    exhaustive: bool,
    /// Local searches of the heuristic: the greedy starts and the shaken ones.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    starts: u32,
    /// Seed of the shakes of the heuristic search.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Stop the heuristic search after visiting this many actors and ties, with the best set so far.
    #[arg(long, value_name = "N", default_value_t = 400_000_000)]
    max_steps: u64,
    #[command(flatten)]
    filters: FilterArgs,
    /// Count only the actors with at least one kept flow: the objective is computed over the active
    /// network (actors outside the layer or filters are not counted as isolated).
    #[arg(long)]
    active: bool,
    #[command(flatten)]
    output: OutputArgs,
}

/// How the set was found.
struct Found {
    set: KeyPlayers,
    /// "exhaustive", or the heuristic's name.
    method: &'static str,
    /// Sets examined (exhaustive), or local searches run (heuristic).
    starts: u64,
    swaps: usize,
    /// Actors and ties visited by the heuristic.
    steps: u64,
    optimal: bool,
    /// Why the set is optimal, when it is.
    proof: Option<&'static str>,
    truncated: bool,
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
    let format = args
        .output
        .format_of(&[Format::Table, Format::Json, Format::Csv])?;
    let net = args.graph.load()?;
    let n = net.actor_count();
    let k = args.k as usize;
    if k >= n {
        anyhow::bail!("--k {k} needs fewer actors than the network's {n}");
    }
    let candidates = candidates(&net, &args.candidates, k)?;
    let view = args.filters.view(&net, args.active)?;
    // The graph over the counted actors (every actor, or the active ones): node i is actor
    // counted[i]; candidates keep their id order.
    let (weighted, counted) = view.counted_graph(&Weighting::Unweighted)?;
    let g = weighted.graph;
    if k >= counted.len() {
        anyhow::bail!(
            "--k {k} needs fewer actors than the {} with a kept flow (--active)",
            counted.len()
        );
    }
    let candidates: Vec<usize> = candidates
        .iter()
        .filter_map(|v| counted.binary_search(v).ok())
        .collect();
    if candidates.len() < k {
        anyhow::bail!(
            "only {} candidate{} with a kept flow (--active), fewer than --k {k}",
            candidates.len(),
            if candidates.len() == 1 { "" } else { "s" }
        );
    }
    let mut found = find(args, &g, k, objective, &candidates)?;
    let c = candidates.len();
    if found.truncated {
        super::warn(&format!(
            "the search stopped at --max-steps {} after {} start{}: the set is the best found so far and may not be a local optimum",
            args.max_steps,
            found.starts,
            if found.starts == 1 { "" } else { "s" }
        ));
    }
    let contributions = keyplayer::contributions(&g, objective, &found.set.actors);
    // Back to actor positions for the output.
    for v in &mut found.set.actors {
        *v = counted[*v];
    }
    let key = match objective {
        Objective::Fragment => "fragmentation",
        Objective::Reach { .. } => "reach",
    };
    let text = match format {
        Format::Json => json_out(&net, &view, &found, &contributions, objective, k, c, args),
        Format::Csv => csv_out(&net, &found, &contributions, key)?,
        Format::Table => format!(
            "{}\n{}",
            view.describe(),
            table_out(&net, &g, &found, &contributions, objective, k, c)
        ),
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The candidates, in id order: everyone, or the actors `--candidates` selects (at least k).
fn candidates(net: &Network, terms: &[String], k: usize) -> anyhow::Result<Vec<usize>> {
    let rank = id_rank(net);
    let mut chosen: Vec<usize> = if terms.is_empty() {
        (0..net.actor_count()).collect()
    } else {
        let selector = super::selector(net, terms)?;
        let chosen = selector.actors(net);
        if chosen.len() < k {
            anyhow::bail!(
                "--candidates {} selects {} actor{}, fewer than --k {k}",
                selector.text(),
                chosen.len(),
                if chosen.len() == 1 { "" } else { "s" }
            );
        }
        if chosen.len() == k {
            super::warn(&format!(
                "--candidates {} selects exactly {k} actors: the set is all of them",
                selector.text()
            ));
        }
        chosen
    };
    chosen.sort_by_key(|&v| rank[v]);
    Ok(chosen)
}

/// Runs the exhaustive or the heuristic search.
fn find(
    args: &KeyplayersArgs,
    g: &netgraph_core::graph::Graph,
    k: usize,
    objective: Objective,
    candidates: &[usize],
) -> anyhow::Result<Found> {
    let c = candidates.len();
    if args.exhaustive {
        let sets = match keyplayer::binomial(c, k) {
            Some(sets) if sets <= EXHAUSTIVE_LIMIT => sets,
            sets => anyhow::bail!(
                "--exhaustive would examine C({c}, {k}) = {} sets, over the limit of {EXHAUSTIVE_LIMIT}; drop --exhaustive for the heuristic search",
                sets.map_or("more than 2^64".to_string(), |s| s.to_string())
            ),
        };
        let Some(set) = keyplayer::exhaustive(g, k, objective, candidates) else {
            anyhow::bail!("no set of {k} actors among {c} candidates");
        };
        return Ok(Found {
            set,
            method: "exhaustive",
            starts: sets,
            swaps: 0,
            steps: 0,
            optimal: true,
            proof: Some("every set examined"),
            truncated: false,
        });
    }
    let params = Params {
        starts: args.starts as usize,
        seed: args.seed,
        max_steps: args.max_steps,
    };
    let Some(s) = keyplayer_search::search(g, k, objective, candidates, params) else {
        anyhow::bail!("no set of {k} actors among {c} candidates");
    };
    let proof = if c == k {
        Some("every candidate is in the set")
    } else if s.optimal {
        Some("the best score possible")
    } else {
        None
    };
    Ok(Found {
        set: s.found,
        method: "greedy starts + swaps + variable neighbourhood search",
        starts: s.starts as u64,
        swaps: s.swaps,
        steps: s.steps,
        optimal: proof.is_some(),
        proof,
        truncated: s.truncated,
    })
}

#[allow(clippy::too_many_arguments)]
fn json_out(
    net: &Network,
    view: &netgraph_core::view::View,
    found: &Found,
    contributions: &[f64],
    objective: Objective,
    k: usize,
    candidates: usize,
    args: &KeyplayersArgs,
) -> String {
    let members: Vec<_> = found
        .set
        .actors
        .iter()
        .zip(contributions)
        .map(|(&v, &c)| {
            let a = &net.actors[v];
            json!({
                "id": a.id.as_str(),
                "name": a.display_name(),
                "kind": a.kind(),
                "contribution": report::json_number(Some(c)),
            })
        })
        .collect();
    let ids: Vec<&str> = found
        .set
        .actors
        .iter()
        .map(|&v| net.actors[v].id.as_str())
        .collect();
    let (key, distance) = match objective {
        Objective::Fragment => ("fragmentation", None),
        Objective::Reach { distance } => ("reach", Some(distance)),
    };
    let mut search = json!({
        "method": found.method,
        "candidates": candidates,
        "optimal": found.optimal,
        "proof": found.proof,
    });
    if found.method == "exhaustive" {
        search["sets"] = found.starts.into();
    } else {
        search["starts"] = found.starts.into();
        search["swaps"] = found.swaps.into();
        search["seed"] = args.seed.into();
        search["steps"] = found.steps.into();
    }
    let mut out = json!({
        "view": view.json(),
        "objective": key,
        "k": k,
        "actors": ids,
        key: report::json_number(Some(found.set.score)),
        "members": members,
        "search": search,
        "truncated": found.truncated,
    });
    if let Some(d) = distance {
        out["distance"] = d.into();
    }
    report::json_text(&out)
}

fn csv_out(
    net: &Network,
    found: &Found,
    contributions: &[f64],
    key: &str,
) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "actor",
        "name",
        "kind",
        "contribution",
        key,
        "method",
        "optimal",
        "truncated",
    ])?;
    for (&v, &c) in found.set.actors.iter().zip(contributions) {
        let a = &net.actors[v];
        w.write_record([
            a.id.as_str(),
            a.display_name(),
            a.kind(),
            &report::number(c),
            &report::number(found.set.score),
            found.method,
            &found.optimal.to_string(),
            &found.truncated.to_string(),
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

fn table_out(
    net: &Network,
    g: &netgraph_core::graph::Graph,
    found: &Found,
    contributions: &[f64],
    objective: Objective,
    k: usize,
    candidates: usize,
) -> String {
    let n = g.n();
    let score = match objective {
        Objective::Fragment => format!(
            "fragmentation without them: {} (intact view: {})",
            report::rounded(found.set.score),
            report::rounded(keyplayer::score(g, objective, &[]))
        ),
        Objective::Reach { distance } => format!(
            "reach within {distance} step{}: {} ({} of the other {} actors)",
            if distance == 1 { "" } else { "s" },
            report::rounded(found.set.score),
            (found.set.score * (n - k) as f64).round(),
            n - k
        ),
    };
    let among = if candidates == n {
        "every actor a candidate".to_string()
    } else {
        format!("{candidates} of {n} actors candidates")
    };
    let how = if found.method == "exhaustive" {
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
    let verdict = match (found.proof, found.truncated) {
        (Some(p), _) => format!("optimal ({p})"),
        (None, true) => "heuristic, stopped early at --max-steps".to_string(),
        (None, false) => "heuristic, not proven optimal".to_string(),
    };
    let mut t = Table::new(
        &["actor", "name", "kind", "contribution"],
        &[false, false, false, true],
    );
    for (&v, &c) in found.set.actors.iter().zip(contributions) {
        let a = &net.actors[v];
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
        match objective {
            Objective::Fragment => "fragmentation",
            Objective::Reach { .. } => "reach",
        },
        t.render()
    )
}
