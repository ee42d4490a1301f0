//! `netgraph paths`: the k shortest (Yen) or widest simple paths between two actors, each hop with
//! the flow it takes and that flow's sources.

use super::hops::{self, field_numbers, flow_json, note_missing};
use super::{FilterArgs, GraphArgs, OutputArgs, WeightArgs};
use crate::algo::paths::{Links, Objective, PathQuery, best_paths_within};
use crate::budget::BudgetArgs;
use crate::flows::FlowGraph;
use crate::model::Network;
use crate::report::{self, Format};
use crate::view::{View, ViewError, Weighting};
use clap::Args;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::process::ExitCode;

/// Options of `netgraph paths`.
#[derive(Debug, Args)]
pub struct PathsArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Actor the paths start at.
    #[arg(long, value_name = "A")]
    from: String,
    /// Actor the paths end at.
    #[arg(long, value_name = "B")]
    to: String,
    /// How many paths, best first.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    k: u32,
    /// Widest paths: maximise the smallest capacity along the path (ties: fewer hops, then ids).
    #[arg(long)]
    widest: bool,
    /// Flow field read as the capacity by --widest (a flow lacking it counts as 1).
    #[arg(
        long,
        value_name = "FIELD",
        default_value = "volume",
        requires = "widest"
    )]
    capacity: String,
    /// Actors every path must pass through.
    #[arg(long, value_name = "X[,X…]", value_delimiter = ',')]
    via: Vec<String>,
    /// Actors no path may pass through.
    #[arg(long, value_name = "X[,X…]", value_delimiter = ',')]
    avoid: Vec<String>,
    /// With --via, the most paths generated and filtered before giving up.
    #[arg(long, value_name = "L", default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..))]
    limit: u32,
    #[command(flatten)]
    budget: BudgetArgs,
    #[command(flatten)]
    weights: WeightArgs,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// The query's actors, resolved.
struct Ends {
    from: usize,
    to: usize,
    via: Vec<usize>,
    avoid: Vec<bool>,
}

fn ends(net: &Network, args: &PathsArgs) -> anyhow::Result<Ends> {
    let mut ids = vec![args.from.clone(), args.to.clone()];
    ids.extend(
        args.via
            .iter()
            .chain(&args.avoid)
            .filter(|s| !s.is_empty())
            .cloned(),
    );
    super::actors(net, &ids)?;
    let from = super::actor(net, &args.from)?;
    let to = super::actor(net, &args.to)?;
    if from == to {
        anyhow::bail!(
            "--from and --to both name \"{}\"; a path needs two actors",
            args.to
        );
    }
    let named = |list: &[String]| {
        super::actors(
            net,
            &list
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>(),
        )
    };
    let via = named(&args.via)?;
    let mut avoid = vec![false; net.actor_count()];
    for a in named(&args.avoid)? {
        if a == from || a == to || via.contains(&a) {
            anyhow::bail!(
                "--avoid names \"{}\", which the paths must pass through",
                net.actors[a].id
            );
        }
        avoid[a] = true;
    }
    Ok(Ends {
        from,
        to,
        via,
        avoid,
    })
}

/// Each flow's distance under the weighting (1 unweighted), checked positive for the kept flows.
fn distances(view: &View, weighting: &Weighting) -> Result<Vec<f64>, ViewError> {
    let (field, strength) = match weighting {
        Weighting::Unweighted => return Ok(vec![1.0; view.network().flow_count()]),
        Weighting::Weight(f) => (f, false),
        Weighting::Strength(f) => (f, true),
    };
    let (mut values, missing) = field_numbers(view, field, 1.0)?;
    note_missing(view, field, missing, "1");
    for &i in view.flows() {
        if strength {
            values[i] = 1.0 / values[i];
        }
        if !(values[i] > 0.0 && values[i].is_finite()) {
            return Err(ViewError::NonPositiveDistance {
                flow: hops::flow_name(view.network(), i),
                field: field.clone(),
                value: values[i],
            });
        }
    }
    Ok(values)
}

/// Runs the command.
pub fn run(args: &PathsArgs) -> anyhow::Result<ExitCode> {
    let net = args.graph.load()?;
    let ends = ends(&net, args)?;
    let view = View::new(&net, &args.filters.filters());
    let g = FlowGraph::of_view(&view);
    let distance = distances(&view, &args.weights.weighting())?;
    let capacity = if args.widest {
        let (values, missing) = field_numbers(&view, &args.capacity, 1.0)?;
        note_missing(&view, &args.capacity, missing, "capacity 1");
        Some(values)
    } else {
        None
    };
    // One flow per ordered pair: the cheapest (widest), then the most confident, then the first.
    let confidence: Vec<f64> = net.flows().map(|f| f.confidence()).collect();
    let better = |a: usize, b: usize| -> bool {
        let first = match &capacity {
            Some(c) => c[a].total_cmp(&c[b]).reverse(),
            None => distance[a].total_cmp(&distance[b]),
        };
        first
            .then_with(|| confidence[b].total_cmp(&confidence[a]))
            .then_with(|| a.cmp(&b))
            .is_lt()
    };
    let mut chosen: BTreeMap<(u32, u32), usize> = BTreeMap::new();
    for (v, hop) in g.all_hops() {
        let f = hop.flow as usize;
        chosen
            .entry((v as u32, hop.to))
            .and_modify(|c| {
                if better(f, *c) {
                    *c = f;
                }
            })
            .or_insert(f);
    }
    let arcs: Vec<(u32, u32, f64)> = chosen
        .iter()
        .map(|(&(u, v), &f)| (u, v, capacity.as_ref().map_or(distance[f], |c| c[f])))
        .collect();
    let links = Links::new(net.actor_count(), g.rank().to_vec(), &arcs);
    let query = PathQuery {
        source: ends.from,
        target: ends.to,
        k: args.k as usize,
        objective: if args.widest {
            Objective::Widest
        } else {
            Objective::Shortest
        },
        avoid: ends.avoid,
        via: ends.via,
        limit: args.limit as usize,
    };
    let budget = args.budget.budget();
    // Yen: about one shortest-path search per hop of each of the k paths.
    let search = (net.actor_count() + arcs.len()) as f64;
    let _bar = crate::progress::start("paths", args.k.into(), search * 4.0 * f64::from(args.k));
    let found = best_paths_within(&links, &query, &budget);
    budget.note("the path search");
    if found.truncated {
        super::note(&if args.via.is_empty() {
            format!(
                "stopped after generating {} paths (--limit): {} of the {} asked",
                args.limit,
                found.paths.len(),
                args.k
            )
        } else {
            format!(
                "stopped after generating {} paths (--limit); fewer than {} pass through --via",
                args.limit, args.k
            )
        });
    }
    if found.paths.is_empty() {
        super::note(&format!(
            "no path from {} to {} in this view",
            args.from, args.to
        ));
    }
    let report: Vec<Reported> = found
        .paths
        .iter()
        .map(|p| {
            let flows: Vec<usize> = p
                .actors
                .windows(2)
                .filter_map(|w| chosen.get(&(w[0], w[1])).copied())
                .collect();
            Reported {
                actors: p
                    .actors
                    .iter()
                    .map(|&a| net.actors[a as usize].id.as_str())
                    .collect(),
                cost: flows.iter().map(|&f| distance[f]).sum(),
                bottleneck: capacity
                    .as_ref()
                    .map(|c| flows.iter().map(|&f| c[f]).fold(f64::INFINITY, f64::min)),
                flows,
            }
        })
        .collect();
    let text = match args.output.format() {
        Format::Json => json_out(&net, &report, budget.truncated()),
        Format::Csv => csv_out(&net, &report)?,
        Format::Table => table(&net, &report, args),
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// One path as reported: actor ids, flow positions, cost and bottleneck.
struct Reported<'n> {
    actors: Vec<&'n str>,
    flows: Vec<usize>,
    cost: f64,
    bottleneck: Option<f64>,
}

fn json_out(net: &Network, paths: &[Reported], truncated: bool) -> String {
    let list: Vec<Value> = paths
        .iter()
        .map(|p| {
            json!({
                "actors": p.actors,
                "flows": p.flows.iter().map(|&f| flow_json(&net.flow(f).to_flow(), false)).collect::<Vec<_>>(),
                "cost": report::json_number(Some(p.cost)),
                "hops": p.flows.len(),
                "bottleneck": report::json_number(p.bottleneck),
            })
        })
        .collect();
    report::json_text(&json!({ "paths": list, "truncated": truncated }))
}

fn csv_out(net: &Network, paths: &[Reported]) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "path",
        "cost",
        "bottleneck",
        "hop",
        "from",
        "to",
        "kind",
        "volume",
        "confidence",
        "sources",
    ])?;
    for (i, p) in paths.iter().enumerate() {
        let flows = p.flows.iter().map(|&f| net.flow(f));
        hops::csv_hop_rows(&mut w, i + 1, p.cost, p.bottleneck, flows, false)?;
    }
    hops::csv_text(w)
}

fn table(net: &Network, paths: &[Reported], args: &PathsArgs) -> String {
    let mut out = String::new();
    if paths.is_empty() {
        out.push_str(&format!("no path from {} to {}\n", args.from, args.to));
    }
    for (i, p) in paths.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let bottleneck = p
            .bottleneck
            .map(|b| format!(", bottleneck {}", report::rounded(b)))
            .unwrap_or_default();
        out.push_str(&format!(
            "path {}: cost {}, {} hop{}{bottleneck}\n  {}\n",
            i + 1,
            report::rounded(p.cost),
            p.flows.len(),
            if p.flows.len() == 1 { "" } else { "s" },
            p.actors.join(" → ")
        ));
        for (h, &f) in p.flows.iter().enumerate() {
            hops::hop_lines(&mut out, h + 1, &net.flow(f).to_flow());
        }
    }
    out
}
