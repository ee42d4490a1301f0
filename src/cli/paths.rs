//! `netgraph paths`: the k shortest (Yen) or widest simple paths between two actors, each hop with
//! the flow it takes and that flow's sources.

use super::budget_args::BudgetArgs;
use super::hops::{self, field_numbers, flow_json, note_missing};
use super::{FilterArgs, GraphArgs, OutputArgs, WeightArgs};
use clap::Args;
use netgraph_core::algo::paths::{Links, Objective, PathQuery, best_paths_within};
use netgraph_core::flows::FlowGraph;
use netgraph_core::model::Network;
use netgraph_core::report::{self, Format};
use netgraph_core::selector::Term;
use netgraph_core::view::{View, ViewError, Weighting};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::process::ExitCode;

/// Options of `netgraph paths`.
#[derive(Debug, Args)]
pub struct PathsArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Actors the paths start at: an id, or several (ids, actor kinds, @class, comma-separated:
    /// the best paths from any of them).
    #[arg(long, value_name = "A[,…]", value_delimiter = ',', required = true)]
    from: Vec<String>,
    /// Actors the paths end at: an id, or several (ids, actor kinds, @class, comma-separated).
    #[arg(long, value_name = "B[,…]", value_delimiter = ',', required = true)]
    to: Vec<String>,
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
    /// Actors every path must pass through: ids, actor kinds or @class, comma-separated (a kind or
    /// class asks for at least one of its actors).
    #[arg(long, value_name = "X[,X…]", value_delimiter = ',')]
    via: Vec<String>,
    /// Actors no path may pass through: ids, actor kinds or @class, comma-separated (a kind or
    /// class never removes the two ends).
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
    from: Vec<usize>,
    to: Vec<usize>,
    from_text: String,
    to_text: String,
    via: Vec<Vec<usize>>,
    avoid: Vec<bool>,
}

fn ends(net: &Network, args: &PathsArgs) -> anyhow::Result<Ends> {
    // Every unknown name of the four options in one line.
    let checked = [
        ("--from", super::selector(net, &args.from).err()),
        ("--to", super::selector(net, &args.to).err()),
        ("--via", super::selector(net, &args.via).err()),
        ("--avoid", super::selector(net, &args.avoid).err()),
    ];
    let problems: Vec<String> = checked
        .into_iter()
        .filter_map(|(option, e)| e.map(|e| format!("{option}: {e}")))
        .collect();
    if !problems.is_empty() {
        return Err(super::UsageError(problems.join("; ")).into());
    }
    let (from_selector, to_selector) = (
        super::selector(net, &args.from)?,
        super::selector(net, &args.to)?,
    );
    let (from, to) = (from_selector.actors(net), to_selector.actors(net));
    for (option, side, selector) in [
        ("--from", &from, &from_selector),
        ("--to", &to, &to_selector),
    ] {
        if side.is_empty() {
            anyhow::bail!("{option} {} selects no actor", selector.text());
        }
    }
    if let Some(&both) = from.iter().find(|a| to.contains(a)) {
        anyhow::bail!(
            "--from and --to both name \"{}\"; a path needs two actors",
            net.actors[both].id
        );
    }
    // --via: one group per term (an actor, or every actor of a kind or class).
    let via_selector = super::selector(net, &args.via)?;
    let via: Vec<Vec<usize>> = via_selector
        .terms()
        .iter()
        .map(|t| {
            (0..net.actor_count())
                .filter(|&a| selects(net, t, a))
                .collect()
        })
        .collect();
    if let Some(k) = via.iter().position(Vec::is_empty) {
        let text = match &via_selector.terms()[k] {
            Term::Kind(kind) => kind.to_string(),
            Term::Class(class) => format!("@{class}"),
            Term::Actor(a) => net.actors[*a].id.to_string(),
        };
        super::note(&format!(
            "--via {text} selects no actor: no path can pass through it"
        ));
    }
    let avoid_selector = super::selector(net, &args.avoid)?;
    let mut avoid = vec![false; net.actor_count()];
    for t in avoid_selector.terms() {
        if let Term::Actor(a) = *t
            && (from.contains(&a) || to.contains(&a) || via.iter().any(|g| g == &[a]))
        {
            anyhow::bail!(
                "--avoid names \"{}\", which the paths must pass through",
                net.actors[a].id
            );
        }
    }
    for a in avoid_selector.actors(net) {
        avoid[a] = !from.contains(&a) && !to.contains(&a);
    }
    Ok(Ends {
        from,
        to,
        from_text: from_selector.text().to_string(),
        to_text: to_selector.text().to_string(),
        via,
        avoid,
    })
}

/// A mask of `n` actors selecting `at`.
fn mask(n: usize, at: &[usize]) -> Vec<bool> {
    let mut m = vec![false; n];
    at.iter().for_each(|&a| m[a] = true);
    m
}

/// Whether one selector term selects actor `a`.
fn selects(net: &Network, term: &Term, a: usize) -> bool {
    match term {
        Term::Actor(p) => *p == a,
        Term::Kind(k) => net.actors[a].kind() == k,
        Term::Class(c) => net.actor_class(&net.actors[a]) == c,
    }
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
    let format = args.output.format()?;
    let net = args.graph.load()?;
    let ends = ends(&net, args)?;
    let view = args.filters.view(&net, false)?;
    let g = FlowGraph::of_view(&view);
    let distance = distances(&view, &args.weights.checked(&net)?)?;
    let capacity = if args.widest {
        super::check_flow_field(&net, "--capacity", Some(&args.capacity))?;
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
    let mut arcs: Vec<(u32, u32, f64)> = chosen
        .iter()
        .map(|(&(u, v), &f)| (u, v, capacity.as_ref().map_or(distance[f], |c| c[f])))
        .collect();
    // Several actors on a side: a virtual source joined to each of --from, and each of --to joined
    // to a virtual target, by links that cost nothing (or never narrow a widest path); the paths
    // between the two are the best from any of --from to any of --to, less their virtual ends. A
    // path starts at the last --from actor it leaves and ends at the first --to actor it reaches:
    // links into a --from actor or out of a --to actor are left out.
    let n = net.actor_count();
    let mut rank = g.rank().to_vec();
    let mut avoid = ends.avoid;
    let virtual_ends = ends.from.len() > 1 || ends.to.len() > 1;
    let (source, target) = if virtual_ends {
        let (starts, stops) = (mask(n, &ends.from), mask(n, &ends.to));
        arcs.retain(|&(u, v, _)| !stops[u as usize] && !starts[v as usize]);
        let free = if capacity.is_some() {
            f64::INFINITY
        } else {
            0.0
        };
        arcs.extend(ends.from.iter().map(|&a| (n as u32, a as u32, free)));
        arcs.extend(ends.to.iter().map(|&b| (b as u32, n as u32 + 1, free)));
        rank.extend([n as u32, n as u32 + 1]);
        avoid.extend([false, false]);
        (n, n + 1)
    } else {
        (ends.from[0], ends.to[0])
    };
    let links = Links::new(rank.len(), rank, &arcs);
    let query = PathQuery {
        source,
        target,
        k: args.k as usize,
        objective: if args.widest {
            Objective::Widest
        } else {
            Objective::Shortest
        },
        avoid,
        via: ends.via,
        limit: args.limit as usize,
    };
    // Yen: about one shortest-path search per hop of each of the k paths.
    let search = (net.actor_count() + arcs.len()) as f64;
    let bar = super::progress::start("paths", args.k.into(), search * 4.0 * f64::from(args.k));
    let budget = args.budget.budget().with_progress(bar.progress());
    let found = best_paths_within(&links, &query, &budget);
    super::budget_args::note(&budget, "the path search");
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
            ends.from_text, ends.to_text
        ));
    }
    let report: Vec<Reported> = found
        .paths
        .iter()
        .map(|p| {
            let actors = match virtual_ends {
                true => &p.actors[1..p.actors.len() - 1],
                false => &p.actors[..],
            };
            let flows: Vec<usize> = actors
                .windows(2)
                .filter_map(|w| chosen.get(&(w[0], w[1])).copied())
                .collect();
            Reported {
                actors: actors
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
    let text = match format {
        Format::Json => json_out(&view, &report, budget.truncated()),
        Format::Csv => {
            super::note_view(&view);
            csv_out(&net, &report)?
        }
        Format::Table => format!(
            "{}\n{}",
            view.describe(),
            table(&net, &report, (&ends.from_text, &ends.to_text))
        ),
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

fn json_out(view: &View, paths: &[Reported], truncated: bool) -> String {
    let net = view.network();
    let list: Vec<Value> = paths
        .iter()
        .map(|p| {
            json!({
                "actors": p.actors,
                "flows": p.flows.iter().map(|&f| flow_json(net, &net.flow(f).to_flow(), false)).collect::<Vec<_>>(),
                "cost": report::json_number(Some(p.cost)),
                "hops": p.flows.len(),
                "bottleneck": report::json_number(p.bottleneck),
            })
        })
        .collect();
    report::json_text(&json!({ "view": view.json(), "paths": list, "truncated": truncated }))
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
        hops::csv_hop_rows(
            net,
            &mut w,
            &[(i + 1).to_string()],
            p.cost,
            p.bottleneck,
            flows,
            false,
        )?;
    }
    hops::csv_text(w)
}

fn table(net: &Network, paths: &[Reported], (from, to): (&str, &str)) -> String {
    let mut out = String::new();
    if paths.is_empty() {
        out.push_str(&format!("no path from {from} to {to}\n"));
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
            hops::hop_lines(net, &mut out, h + 1, &net.flow(f).to_flow());
        }
    }
    out
}
