//! `netgraph cut`: the maximum flow between two actors and a minimum set of flows (or actors) whose
//! removal severs every route from one to the other.

use super::hops::{self, note_missing};
use super::{FilterArgs, GraphArgs, OutputArgs, UsageError};
use clap::Args;
use netgraph_core::algo::flow;
use netgraph_core::report::{self, Format, Table};
use netgraph_core::view::View;
use serde_json::json;
use std::process::ExitCode;

/// Options of `netgraph cut`.
#[derive(Debug, Args)]
pub struct CutArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Actors the routes start at: ids, actor kinds or @class, comma-separated.
    #[arg(long, value_name = "A[,…]", value_delimiter = ',', required = true)]
    from: Vec<String>,
    /// Actors the routes end at: ids, actor kinds or @class, comma-separated.
    #[arg(long, value_name = "B[,…]", value_delimiter = ',', required = true)]
    to: Vec<String>,
    /// Flow field read as each flow's capacity [default: 1 per flow, i.e. the fewest flows]
    #[arg(long, value_name = "FIELD", conflicts_with = "actors")]
    capacity: Option<String>,
    /// Cut actors instead of flows: the fewest actors other than those of A and B.
    #[arg(long)]
    actors: bool,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs the command.
pub fn run(args: &CutArgs) -> anyhow::Result<ExitCode> {
    let format = args.output.format()?;
    let net = args.graph.load()?;
    // Every unknown name of both options in one line.
    let problems: Vec<String> = [("--from", &args.from), ("--to", &args.to)]
        .into_iter()
        .filter_map(|(option, terms)| {
            super::selector(&net, terms)
                .err()
                .map(|e| format!("{option}: {e}"))
        })
        .collect();
    if !problems.is_empty() {
        return Err(UsageError(problems.join("; ")).into());
    }
    let side = |terms: &[String], option: &str| -> anyhow::Result<(Vec<bool>, String)> {
        let selector = super::selector(&net, terms)?;
        let at = selector.actors(&net);
        if at.is_empty() {
            anyhow::bail!("{option} {} selects no actor", selector.text());
        }
        let mut mask = vec![false; net.actor_count()];
        at.iter().for_each(|&a| mask[a] = true);
        Ok((mask, selector.text().to_string()))
    };
    let (from, from_text) = side(&args.from, "--from")?;
    let (to, to_text) = side(&args.to, "--to")?;
    if let Some(both) = (0..net.actor_count()).find(|&a| from[a] && to[a]) {
        anyhow::bail!(
            "--from and --to both select \"{}\"; a cut needs two separate sides",
            net.actors[both].id
        );
    }
    super::check_flow_field(&net, "--capacity", args.capacity.as_deref())?;
    let ends = Ends {
        from: &from_text,
        to: &to_text,
    };
    let view = args.filters.view(&net, false)?;
    let (arcs, arc_flow) = hops::arcs_of(&view);
    let text = if args.actors {
        let Some(cut) = flow::min_actor_cut_between(net.actor_count(), &arcs, &from, &to) else {
            let i = arcs
                .iter()
                .position(|&(u, v)| from[u as usize] && to[v as usize])
                .map_or(0, |a| arc_flow[a]);
            let (a, b) = net.ends(i);
            anyhow::bail!(
                "{} joins {} and {} directly, so no set of other actors separates them",
                hops::flow_name(&net, i),
                net.actors[a].id,
                net.actors[b].id
            );
        };
        let mut ids: Vec<&str> = cut
            .iter()
            .map(|&a| net.actors[a as usize].id.as_str())
            .collect();
        ids.sort_unstable();
        actors_out(&view, &ids, format, &ends)?
    } else {
        let field = args.capacity.as_deref();
        let (capacity, missing) = hops::capacities(&view, field, &arcs, &arc_flow)?;
        if let Some(field) = field {
            note_missing(&view, field, missing, "capacity 1");
        }
        let cut = flow::min_cut_between(net.actor_count(), &arcs, &capacity, &from, &to);
        let mut flows: Vec<usize> = cut.arcs.iter().map(|&a| arc_flow[a]).collect();
        flows.sort_by(|&a, &b| {
            let key = |i: usize| (net.flow(i).from(), net.flow(i).to(), net.flow(i).kind(), i);
            key(a).cmp(&key(b))
        });
        flows.dedup();
        flows_out(&view, capacity.value(cut.value), &flows, format, &ends)?
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The two sides as the user wrote them.
struct Ends<'a> {
    from: &'a str,
    to: &'a str,
}

fn flows_out(
    view: &View,
    value: f64,
    flows: &[usize],
    format: Format,
    ends: &Ends,
) -> anyhow::Result<String> {
    let net = view.network();
    let f = |i: usize| net.flow(i);
    Ok(match format {
        Format::Json => {
            let list: Vec<_> = flows
                .iter()
                .map(|&i| json!({"from": f(i).from(), "to": f(i).to(), "kind": f(i).kind()}))
                .collect();
            report::json_text(&json!({
                "view": view.json(),
                "value": report::json_number(Some(value)),
                "flows": list
            }))
        }
        Format::Csv => {
            super::note_view(view);
            let mut w = ::csv::Writer::from_writer(Vec::new());
            w.write_record(["from", "to", "kind"])?;
            for &i in flows {
                w.write_record([f(i).from(), f(i).to(), f(i).kind()])?;
            }
            hops::csv_text(w)?
        }
        Format::Table => {
            let mut out = format!(
                "{}\nmaximum flow {} → {}: {}\nminimum cut: {} flow{}\n",
                view.describe(),
                ends.from,
                ends.to,
                report::rounded(value),
                flows.len(),
                if flows.len() == 1 { "" } else { "s" }
            );
            if !flows.is_empty() {
                let mut t = Table::new(
                    &["from", "to", "kind", "confidence"],
                    &[false, false, false, true],
                );
                for &i in flows {
                    t.push(vec![
                        f(i).from().to_string(),
                        f(i).to().to_string(),
                        f(i).kind().to_string(),
                        report::rounded(f(i).confidence()),
                    ]);
                }
                out.push('\n');
                out.push_str(&t.render());
            }
            out
        }
    })
}

fn actors_out(view: &View, ids: &[&str], format: Format, ends: &Ends) -> anyhow::Result<String> {
    let net = view.network();
    Ok(match format {
        Format::Json => report::json_text(&json!({
            "view": view.json(),
            "actors": ids,
            "size": ids.len()
        })),
        Format::Csv => {
            super::note_view(view);
            let mut w = ::csv::Writer::from_writer(Vec::new());
            w.write_record(["actor", "name", "kind"])?;
            for id in ids {
                if let Some(a) = net.position(id).map(|p| &net.actors[p]) {
                    w.write_record([a.id.as_str(), a.display_name(), a.kind()])?;
                }
            }
            hops::csv_text(w)?
        }
        Format::Table => {
            let mut out = format!(
                "{}\nminimum actor cut {} → {}: {} actor{}\n",
                view.describe(),
                ends.from,
                ends.to,
                ids.len(),
                if ids.len() == 1 { "" } else { "s" }
            );
            if !ids.is_empty() {
                let mut t = Table::new(&["actor", "name", "kind"], &[false, false, false]);
                for id in ids {
                    if let Some(a) = net.position(id).map(|p| &net.actors[p]) {
                        t.push(vec![
                            a.id.to_string(),
                            a.display_name().to_string(),
                            a.kind().to_string(),
                        ]);
                    }
                }
                out.push('\n');
                out.push_str(&t.render());
            }
            out
        }
    })
}
