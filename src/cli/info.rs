//! `netgraph info`: what a network holds.

use super::{FilterArgs, GraphArgs, OutputArgs};
use clap::Args;
use netgraph_core::algo::components::weak_components;
use netgraph_core::model::{Network, PartialDate};
use netgraph_core::report::{self, Format, Table};
use netgraph_core::view::{Layer, View, Weighting};
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
    /// List the documents instead: citation, title, date, type and file, with the number of
    /// actors and flows each supports; documents cited but not in the documents section are flagged.
    #[arg(long)]
    documents: bool,
    /// Count only the actors with at least one kept flow (components, isolated actors, density).
    #[arg(long)]
    active: bool,
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
    /// How outputs name each cited document: `citation (file)`, or the file name.
    doc_labels: BTreeMap<String, String>,
    first: Option<String>,
    last: Option<String>,
    evidence: Evidence,
}

/// What the kept flows say about their evidence: dates, basis, events, volumes.
#[derive(Debug, Default, PartialEq)]
struct Evidence {
    /// Flows with `since` or `until`.
    dated: usize,
    /// Flows by basis: stated, inferred, not given.
    stated: usize,
    inferred: usize,
    no_basis: usize,
    /// Flows with an event, and distinct events among them.
    event_flows: usize,
    events: usize,
    /// Total volume and number of flows per flow kind and unit ("" for none), each event counted
    /// once in its kind and unit (its largest volume).
    volumes: BTreeMap<(String, String), (f64, usize)>,
}

/// O(F) over the kept flows.
fn evidence(net: &Network, view: &View) -> Evidence {
    let mut e = Evidence::default();
    let mut events = std::collections::BTreeSet::new();
    let flows = || view.flows().iter().map(|&i| net.flow(i));
    for f in flows() {
        e.dated += usize::from(f.since().is_some() || f.until().is_some());
        match f.basis() {
            Some("stated") => e.stated += 1,
            Some("inferred") => e.inferred += 1,
            _ => e.no_basis += 1,
        }
        if let Some(ev) = f.event() {
            e.event_flows += 1;
            events.insert(ev);
        }
    }
    e.events = events.len();
    let with_volume: Vec<_> = flows().filter(|f| f.volume().is_some()).collect();
    let mut volumes: Vec<f64> = with_volume.iter().filter_map(|f| f.volume()).collect();
    fn key<'a>(f: &netgraph_core::model::FlowRef<'a>) -> (&'a str, &'a str) {
        (f.kind(), f.unit().unwrap_or(""))
    }
    netgraph_core::flows::events_once(
        with_volume.iter().map(|f| (key(f), f.event())),
        &mut volumes,
    );
    for (f, v) in with_volume.iter().zip(volumes) {
        let (kind, unit) = key(f);
        let total = e
            .volumes
            .entry((kind.to_string(), unit.to_string()))
            .or_insert((0.0, 0));
        total.0 += v;
        total.1 += 1;
    }
    e
}

fn summarise(net: &Network, view: &View, name: String) -> anyhow::Result<Summary> {
    let (weighted, counted) = view.counted_graph(&Weighting::Unweighted)?;
    let g = weighted.graph;
    let (_, sizes) = weak_components(&g);
    let n = counted.len();
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
    for a in counted.iter().map(|&v| &net.actors[v]) {
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
        first: first.map(|d| d.to_string()),
        last: last.map(|d| d.to_string()),
        doc_labels: documents
            .keys()
            .map(|d| (d.clone(), net.doc_label(d)))
            .collect(),
        documents,
        evidence: evidence(net, view),
    })
}

/// Runs the command.
pub fn run(args: &InfoArgs) -> anyhow::Result<ExitCode> {
    let format = if args.documents {
        args.output
            .format_of(&[Format::Table, Format::Json, Format::Csv])?
    } else {
        args.output.format_of(&[Format::Table, Format::Json])?
    };
    let net = args.graph.load()?;
    let filters = &args.filters;
    // info describes the whole network unless a layer is asked for: its default layer is not
    // applied (the layers are listed instead).
    let layer = match (&filters.layer, net.kinds.layers.is_empty()) {
        (None, false) => Some("all".to_string()),
        (asked, _) => asked.clone(),
    };
    let filters = super::FilterArgs {
        layer,
        ..filters.clone()
    };
    let view = filters.view(&net, args.active)?;
    if args.documents {
        let text = super::info_documents::render(&net, &view, format)?;
        args.output.emit(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let layers = layer_rows(&net)?;
    let title = net.title();
    let s = summarise(&net, &view, title)?;
    let text = match format {
        Format::Json => {
            let mut json = to_json(&s);
            json["view"] = view.json();
            json["layers"] = layers_json(&layers);
            report::json_text(&json)
        }
        Format::Table | Format::Csv => {
            let text = to_text(&s);
            let (title, rest) = text.split_once('\n').unwrap_or((&text, ""));
            format!(
                "{title}\n{}\n{rest}{}",
                view.describe(),
                layers_text(&layers)
            )
        }
    };
    args.output.emit_text(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// A layer the network declares, as `info` lists it.
struct LayerRow {
    name: String,
    default: bool,
    description: Option<String>,
    /// Flows of the whole network the layer keeps.
    flows: usize,
}

/// The layers the network declares, each with the flows it keeps; a layer whose actors name
/// nothing the network knows is an error in the file.
fn layer_rows(net: &Network) -> anyhow::Result<Vec<LayerRow>> {
    let mut rows = Vec::new();
    for (name, _) in netgraph_core::view::layer::declared(&net.kinds) {
        let Some(layer) = Layer::resolve(net, Some(&name), false)? else {
            continue;
        };
        rows.push(LayerRow {
            flows: net.flows().filter(|&f| layer.keeps(net, f)).count(),
            default: net.kinds.default_layer.as_deref() == Some(name.as_str()),
            description: layer.description().map(str::to_string),
            name,
        });
    }
    Ok(rows)
}

fn layers_json(rows: &[LayerRow]) -> Value {
    rows.iter()
        .map(|r| {
            json!({"name": r.name, "default": r.default, "description": r.description, "flows": r.flows})
        })
        .collect()
}

fn layers_text(rows: &[LayerRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut t = Table::new(&["layer", "flows", "description"], &[false, true, false]);
    for r in rows {
        let name = match r.default {
            true => format!("{} (default)", r.name),
            false => r.name.clone(),
        };
        t.push(vec![
            name,
            r.flows.to_string(),
            r.description.clone().unwrap_or_default(),
        ]);
    }
    format!("\n{}", t.render())
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
        "dated_flows": s.evidence.dated,
        "basis": {"stated": s.evidence.stated, "inferred": s.evidence.inferred, "none": s.evidence.no_basis},
        "events": {"flows": s.evidence.event_flows, "distinct": s.evidence.events},
        "volumes": s.evidence.volumes.iter().map(|((kind, unit), (total, flows))| json!({
            "kind": kind,
            "unit": (!unit.is_empty()).then_some(unit),
            "total": report::json_number(Some(*total)),
            "flows": flows,
        })).collect::<Vec<_>>(),
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
    out.push_str(&evidence_text(&s.evidence, s.flows));
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
        let label = s.doc_labels.get(doc).unwrap_or(doc);
        t.push(vec![label.clone(), count.to_string()]);
    }
    if t.is_empty() {
        out.push_str("no sources cited\n");
    } else {
        out.push_str(&t.render());
    }
    out
}

/// `dated: …`, `basis: …`, `events: …` and `volumes: …` lines.
fn evidence_text(e: &Evidence, flows: usize) -> String {
    let mut out = format!("dated flows (since or until): {} of {flows}\n", e.dated);
    out.push_str(&format!(
        "basis: {} stated, {} inferred, {} not given\n",
        e.stated, e.inferred, e.no_basis
    ));
    out.push_str(&format!(
        "events: {} flows report {} distinct event{}\n",
        e.event_flows,
        e.events,
        if e.events == 1 { "" } else { "s" }
    ));
    if !e.volumes.is_empty() {
        out.push_str("volumes by flow kind, each event once:\n");
        let mut t = Table::new(
            &["kind", "total", "unit", "flows"],
            &[false, true, false, true],
        );
        for ((kind, unit), (total, flows)) in &e.volumes {
            t.push(vec![
                kind.clone(),
                report::rounded(*total),
                unit.clone(),
                flows.to_string(),
            ]);
        }
        out.push_str(&t.render());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use netgraph_core::model::{Actor, Flow};
    use netgraph_core::view::Filters;

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
        assert_eq!(s.evidence.dated, 2);
    }

    #[test]
    fn volumes_count_each_event_once() {
        let mut net = Network::new();
        net.actors = ["p", "q", "t"].iter().map(|i| Actor::new(*i)).collect();
        let flow = |from: &str, v: f64, unit: &str, event: Option<&str>| {
            let mut f = Flow::new(from, "t");
            f.volume = Some(v);
            f.unit = Some(unit.into());
            if let Some(e) = event {
                f.extra.insert("event".into(), e.into());
            }
            f
        };
        // One seizure credited to p and q (29.7 t and 30 t: counted once, as 30), another of
        // 4 t, and the arrests of the first event (10 people) in their own unit.
        net.set_flows(vec![
            flow("p", 29.7, "t", Some("s1")),
            flow("q", 30.0, "t", Some("s1")),
            flow("q", 4.0, "t", None),
            flow("p", 10.0, "people", Some("s1")),
        ]);
        net.index().unwrap();
        let e = evidence(&net, &View::new(&net, &Filters::default()));
        assert_eq!((e.event_flows, e.events, e.no_basis), (3, 1, 4));
        let at = |unit: &str| e.volumes[&("link".to_string(), unit.to_string())];
        assert_eq!(at("t"), (34.0, 3));
        assert_eq!(at("people"), (10.0, 1));
    }
}
