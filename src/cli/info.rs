//! `netgraph info`: what a network holds.

use super::{FilterArgs, GraphArgs, OutputArgs};
use crate::algo::components::weak_components;
use crate::model::{Network, PartialDate};
use crate::report::{self, Format, Table};
use crate::view::{View, Weighting};
use clap::Args;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::process::ExitCode;

/// Options of `netgraph info`.
#[derive(Debug, Args)]
pub struct InfoArgs {
    #[command(flatten)]
    graph: GraphArgs,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// The summary `info` reports.
struct Summary {
    name: String,
    directed: bool,
    actors: usize,
    flows: usize,
    actor_kinds: BTreeMap<(String, String), usize>,
    flow_kinds: BTreeMap<(String, String), usize>,
    components: usize,
    largest: usize,
    isolated: usize,
    density: f64,
    documents: BTreeMap<String, usize>,
    first: Option<String>,
    last: Option<String>,
}

fn summarise(net: &Network, view: &View, name: String) -> anyhow::Result<Summary> {
    let g = view.graph(&Weighting::Unweighted)?.graph;
    let (_, sizes) = weak_components(&g);
    let n = net.actor_count();
    let isolated = (0..n)
        .filter(|&v| g.out().degree(v) == 0 && g.incoming().degree(v) == 0)
        .count();
    let pairs = g.pair_count() as f64;
    let density = if n <= 1 {
        0.0
    } else if g.is_directed() {
        pairs / (n as f64 * (n as f64 - 1.0))
    } else {
        2.0 * pairs / (n as f64 * (n as f64 - 1.0))
    };
    let mut actor_kinds = BTreeMap::new();
    let mut documents: BTreeMap<String, usize> = BTreeMap::new();
    for a in &net.actors {
        *actor_kinds
            .entry((net.actor_class(a).to_string(), a.kind().to_string()))
            .or_insert(0) += 1;
        for s in a.sources() {
            *documents.entry(s.doc.clone()).or_insert(0) += 1;
        }
    }
    let mut flow_kinds = BTreeMap::new();
    let mut first: Option<PartialDate> = None;
    let mut last: Option<PartialDate> = None;
    for &i in view.flows() {
        let f = net.flow(i);
        *flow_kinds
            .entry((net.flow_class(f).to_string(), f.kind().to_string()))
            .or_insert(0) += 1;
        for s in f.sources() {
            *documents.entry(s.doc.clone()).or_insert(0) += 1;
        }
        for d in [&f.since(), &f.until()].into_iter().flatten() {
            if let Ok(d) = PartialDate::parse(d) {
                if first.is_none_or(|x| d.first_day() < x.first_day()) {
                    first = Some(d);
                }
                if last.is_none_or(|x| d.last_day() > x.last_day()) {
                    last = Some(d);
                }
            }
        }
    }
    Ok(Summary {
        name,
        directed: view.is_directed(),
        actors: n,
        flows: view.flows().len(),
        actor_kinds,
        flow_kinds,
        components: sizes.len(),
        largest: sizes.iter().copied().max().unwrap_or(0),
        isolated,
        density,
        documents,
        first: first.map(|d| d.to_string()),
        last: last.map(|d| d.to_string()),
    })
}

/// Runs the command.
pub fn run(args: &InfoArgs) -> anyhow::Result<ExitCode> {
    let net = args.graph.load()?;
    let view = View::new(&net, &args.filters.filters());
    let title = net.title();
    let s = summarise(&net, &view, title)?;
    let text = match args.output.format() {
        Format::Json => report::json_text(&to_json(&s)),
        Format::Table | Format::Csv => to_text(&s),
    };
    args.output.emit_text(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn kind_rows(map: &BTreeMap<(String, String), usize>) -> Vec<Value> {
    map.iter()
        .map(|((class, kind), count)| json!({"kind": kind, "class": class, "count": count}))
        .collect()
}

fn class_totals(map: &BTreeMap<(String, String), usize>) -> BTreeMap<&str, usize> {
    let mut totals = BTreeMap::new();
    for ((class, _), count) in map {
        *totals.entry(class.as_str()).or_insert(0) += count;
    }
    totals
}

fn to_json(s: &Summary) -> Value {
    json!({
        "name": s.name,
        "directed": s.directed,
        "actors": s.actors,
        "flows": s.flows,
        "actor_classes": class_totals(&s.actor_kinds),
        "actor_kinds": kind_rows(&s.actor_kinds),
        "flow_classes": class_totals(&s.flow_kinds),
        "flow_kinds": kind_rows(&s.flow_kinds),
        "weak_components": s.components,
        "largest_component": s.largest,
        "isolated_actors": s.isolated,
        "density": report::json_number(Some(s.density)),
        "documents": s.documents,
        "dates": {"first": s.first, "last": s.last},
    })
}

fn to_text(s: &Summary) -> String {
    let mut out = format!(
        "{}\n{} network: {} actors, {} flows, {} weak component{} (largest {}, {} isolated), density {}\n",
        s.name,
        if s.directed { "directed" } else { "undirected" },
        s.actors,
        s.flows,
        s.components,
        if s.components == 1 { "" } else { "s" },
        s.largest,
        s.isolated,
        report::rounded(s.density),
    );
    match (&s.first, &s.last) {
        (Some(a), Some(b)) => out.push_str(&format!("dates: {a} to {b}\n")),
        _ => out.push_str("dates: none given\n"),
    }
    for (title, map) in [("actors", &s.actor_kinds), ("flows", &s.flow_kinds)] {
        out.push('\n');
        let mut t = Table::new(&["class", "kind", title], &[false, false, true]);
        let totals = class_totals(map);
        for (class, total) in &totals {
            t.push(vec![class.to_string(), "(all)".into(), total.to_string()]);
            for ((c, kind), count) in map.iter().filter(|((c, _), _)| c == class) {
                let _ = c;
                t.push(vec![String::new(), kind.clone(), count.to_string()]);
            }
        }
        out.push_str(&t.render());
    }
    out.push('\n');
    let mut t = Table::new(&["document", "citations"], &[false, true]);
    for (doc, count) in &s.documents {
        t.push(vec![doc.clone(), count.to_string()]);
    }
    if t.is_empty() {
        out.push_str("no sources cited\n");
    } else {
        out.push_str(&t.render());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Flow};
    use crate::view::Filters;

    #[test]
    fn summary_by_hand() {
        let mut net = Network::new();
        net.actors = ["a", "b", "c", "d"]
            .iter()
            .map(|i| Actor::new(*i))
            .collect();
        net.actors[0].kind = Some("cartel".into());
        let mut f = Flow::new("a", "b");
        f.kind = Some("gold".into());
        f.since = Some("2019-03".into());
        let mut g = Flow::new("a", "b");
        g.until = Some("2024".into());
        net.set_flows(vec![f, g, Flow::new("b", "c")]);
        net.index().unwrap();
        let view = View::new(&net, &Filters::default());
        let s = summarise(&net, &view, "t".into()).unwrap();
        assert_eq!(
            (s.actors, s.flows, s.components, s.largest, s.isolated),
            (4, 3, 2, 3, 1)
        );
        // Two distinct arcs among 4·3 ordered pairs.
        assert_eq!(s.density, 2.0 / 12.0);
        assert_eq!(s.actor_kinds[&("criminal".into(), "cartel".into())], 1);
        assert_eq!(s.flow_kinds[&("other".into(), "link".into())], 2);
        assert_eq!(
            (s.first.as_deref(), s.last.as_deref()),
            (Some("2019-03"), Some("2024"))
        );
    }
}
