//! What `paths`, `chains`, `cut` and `whatif` share: numbers read from flow fields, the arcs
//! max-flow runs on, each hop's flow as JSON, CSV cells and readable lines with its sources, and a
//! chain as reported ([`Shown`]).

use crate::algo::chains::Scored;
use crate::algo::flow::{Capacities, CapacityError};
use crate::error::{Error, Result};
use crate::model::{Flow, FlowRef, Network, Source};
use crate::report;
use crate::run::Run;
use crate::view::{View, ViewError};
use serde_json::{Map, Value, json};
use std::borrow::Cow;

/// A number per flow (indexed by file position) read from `field` for the view's flows; flows
/// lacking the field get `default`. Returns the numbers and how many kept flows lacked the field.
pub fn field_numbers(
    view: &View,
    field: &str,
    default: f64,
) -> std::result::Result<(Vec<f64>, usize), ViewError> {
    let net = view.network();
    let mut values = vec![default; net.flow_count()];
    let mut missing = 0;
    for &i in view.flows() {
        match net.flow(i).number(field) {
            Ok(Some(x)) => values[i] = x,
            Ok(None) => missing += 1,
            Err(v) => {
                return Err(ViewError::NotANumber {
                    flow: flow_name(net, i),
                    field: field.to_string(),
                    value: v.to_string(),
                });
            }
        }
    }
    Ok((values, missing))
}

/// Capacities of arcs that follow flows (arc `a` follows flow `arc_flow[a]`): 1 each without a
/// field, else the field's value (1 for a flow lacking it). Returns them and how many of the view's
/// flows lacked the field; a value that is not a number ≥ 0 is an error naming the flow.
///
/// Arcs with the same ends whose flows report one event share one capacity (docs/format.md,
/// "Events"): the one with the largest value keeps it, the others get 0.
pub fn capacities(
    view: &View,
    field: Option<&str>,
    arcs: &[(u32, u32)],
    arc_flow: &[usize],
) -> Result<(Capacities, usize)> {
    let Some(field) = field else {
        return Ok((Capacities::unit(arc_flow.len()), 0));
    };
    let net = view.network();
    let (values, missing) = field_numbers(view, field, 1.0)?;
    let mut per_arc: Vec<f64> = arc_flow.iter().map(|&i| values[i]).collect();
    let keys = arcs
        .iter()
        .zip(arc_flow)
        .map(|(&ends, &i)| (ends, net.flow(i).event()));
    // An invalid value is reported below, by the flow it belongs to, before any sharing.
    if per_arc.iter().all(|x| x.is_finite() && *x >= 0.0) {
        crate::flows::events_once(keys, &mut per_arc);
    }
    let capacity = Capacities::exact(&per_arc).map_err(|e| match e {
        CapacityError::Invalid { arc, value } => Error::Input(format!(
            "{}: capacity {} from \"{field}\" is not a number ≥ 0",
            flow_name(net, arc_flow[arc]),
            report::number(value)
        )),
        range => Error::Input(format!("\"{field}\": {range}")),
    })?;
    Ok((capacity, missing))
}

/// `flows[i] (from → to, kind)`, as errors name a flow.
pub fn flow_name(net: &Network, i: usize) -> String {
    format!("flows[{i}] ({})", net.flow(i).label())
}

/// Notes how many of the view's flows lacked a field.
pub fn note_missing(run: &Run, view: &View, field: &str, missing: usize, counts_as: &str) {
    if missing > 0 {
        run.note(format!(
            "{missing} of {} flows lack \"{field}\" and count as {counts_as}",
            view.flows().len()
        ));
    }
}

/// A flow as JSON: from, to, kind, volume, (unit,) confidence and sources, each source with its
/// document's file name (`doc`), short citation (`cite`) and quote.
pub fn flow_json(net: &Network, flow: &Flow, with_unit: bool) -> Value {
    let mut o = Map::new();
    o.insert("from".into(), json!(flow.from));
    o.insert("to".into(), json!(flow.to));
    o.insert("kind".into(), json!(flow.kind()));
    o.insert("volume".into(), report::json_number(flow.volume));
    if with_unit {
        o.insert("unit".into(), json!(flow.unit));
    }
    o.insert(
        "confidence".into(),
        report::json_number(Some(flow.confidence())),
    );
    let sources: Vec<Value> = flow.sources.iter().map(|s| source_json(net, s)).collect();
    o.insert("sources".into(), Value::Array(sources));
    Value::Object(o)
}

/// A source as JSON: `{"doc", "cite", "quote"}`.
pub fn source_json(net: &Network, s: &Source) -> Value {
    json!({"doc": s.doc, "cite": net.citation(&s.doc), "quote": s.quote})
}

/// Sources in one CSV cell: `Ellis, Oct 2025 (file): "quote"` joined by `; `.
pub fn sources_cell(net: &Network, sources: &[Source]) -> String {
    sources
        .iter()
        .map(|s| net.source_text(s, "\"", "\""))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A flow's volume for reading: `30 people`, or `-`.
pub fn volume_text(flow: &Flow) -> String {
    match (flow.volume, &flow.unit) {
        (Some(v), Some(u)) => format!("{} {u}", report::rounded(v)),
        (Some(v), None) => report::rounded(v),
        (None, _) => "-".into(),
    }
}

/// Readable lines for one hop: `n. from ─kind→ to  (confidence c, volume v)` and a line per source,
/// `Ellis, Oct 2025 (file): "quote"`.
pub fn hop_lines(net: &Network, out: &mut String, number: usize, flow: &Flow) {
    out.push_str(&format!(
        "  {number}. {} ─{}→ {}  (confidence {}, volume {})\n",
        flow.from,
        flow.kind(),
        flow.to,
        report::rounded(flow.confidence()),
        volume_text(flow)
    ));
    if flow.sources.is_empty() {
        out.push_str("       (no source cited)\n");
    }
    for s in &flow.sources {
        out.push_str(&format!("       {}\n", net.source_text(s, "\"", "\"")));
    }
}

/// One CSV row per hop of a path or chain: the `lead` cells (its number, or channel and chain
/// numbers), its score and bottleneck, the hop's number, then the flow's from, to, kind, volume,
/// unit (when `with_unit`), confidence and sources.
pub fn csv_hop_rows<'a>(
    net: &Network,
    w: &mut ::csv::Writer<Vec<u8>>,
    lead: &[String],
    score: f64,
    bottleneck: Option<f64>,
    flows: impl Iterator<Item = FlowRef<'a>>,
    with_unit: bool,
) -> ::csv::Result<()> {
    for (h, flow) in flows.enumerate() {
        let mut row = lead.to_vec();
        row.extend([
            report::number(score),
            bottleneck.map(report::number).unwrap_or_default(),
            (h + 1).to_string(),
            flow.from().to_string(),
            flow.to().to_string(),
            flow.kind().to_string(),
            flow.volume().map(report::number).unwrap_or_default(),
        ]);
        if with_unit {
            row.push(flow.unit().unwrap_or_default().to_string());
        }
        row.push(report::number(flow.confidence()));
        row.push(sources_cell(net, flow.sources()));
        w.write_record(&row)?;
    }
    Ok(())
}

/// A CSV writer's text.
pub fn csv_text(w: ::csv::Writer<Vec<u8>>) -> Result<String> {
    let bytes = w
        .into_inner()
        .map_err(|e| Error::Input(e.into_error().to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::Input(e.to_string()))
}

/// One arc per kept flow of a view, and the reverse arc too when the view is undirected, with the
/// flow each arc stands for: the network that max-flow and cuts run on.
pub fn arcs_of(view: &View) -> (Vec<(u32, u32)>, Vec<usize>) {
    let net = view.network();
    let mut arcs: Vec<(u32, u32)> = Vec::new();
    let mut arc_flow: Vec<usize> = Vec::new();
    for &i in view.flows() {
        let (u, v) = net.ends(i);
        arcs.push((u as u32, v as u32));
        arc_flow.push(i);
        if !view.is_directed() {
            arcs.push((v as u32, u as u32));
            arc_flow.push(i);
        }
    }
    (arcs, arc_flow)
}

/// A chain as reported: the actors' ids, the flows followed, the evidence and the bottleneck.
pub struct Shown<'a> {
    /// The actors' ids, in order.
    pub actors: Vec<&'a str>,
    /// The flows followed.
    pub flows: Vec<Cow<'a, Flow>>,
    /// The chain's evidence (the product of its flows' confidences).
    pub evidence: f64,
    /// Its bottleneck volume, when its flows have volumes.
    pub bottleneck: Option<f64>,
}

impl<'a> Shown<'a> {
    /// A chain found in `net`.
    pub fn of(net: &'a Network, s: &Scored) -> Shown<'a> {
        Shown {
            actors: s
                .chain
                .actors
                .iter()
                .map(|&a| net.actors[a as usize].id.as_str())
                .collect(),
            flows: s
                .chain
                .flows
                .iter()
                .map(|&f| Cow::Owned(net.flow(f as usize).to_flow()))
                .collect(),
            evidence: s.evidence,
            bottleneck: s.bottleneck,
        }
    }

    /// Where the flow class changes: (actor between the two flows, class before, class after).
    /// `net` gives the classes of kinds.
    pub fn conversions<'n>(&self, net: &'n Network) -> Vec<(&'a str, &'n str, &'n str)> {
        (1..self.flows.len())
            .filter_map(|i| {
                let before = net.kind_class(self.flows[i - 1].kind());
                let after = net.kind_class(self.flows[i].kind());
                (before != after).then_some((self.actors[i], before, after))
            })
            .collect()
    }

    /// The chain as `chains` JSON shows it; with `evidence` false, each flow is only
    /// `{"from", "to", "kind"}` (no volume, confidence or sources).
    pub fn json(&self, net: &Network, evidence: bool) -> Value {
        let conv: Vec<Value> = self
            .conversions(net)
            .into_iter()
            .map(|(at, from, to)| json!({"at": at, "from": from, "to": to}))
            .collect();
        let flows: Vec<Value> = self
            .flows
            .iter()
            .map(|f| match evidence {
                true => flow_json(net, f, true),
                false => json!({"from": f.from, "to": f.to, "kind": f.kind()}),
            })
            .collect();
        json!({
            "actors": self.actors,
            "kinds": self.flows.iter().map(|f| f.kind()).collect::<Vec<_>>(),
            "hops": self.flows.len(),
            "confidence": report::json_number(Some(self.evidence)),
            "bottleneck": report::json_number(self.bottleneck),
            "conversions": conv,
            "flows": flows,
        })
    }

    /// `a ─kind→ b ─kind→ c`.
    pub fn line(&self) -> String {
        let mut line = self.actors.first().copied().unwrap_or("").to_string();
        for (f, to) in self.flows.iter().zip(&self.actors[1..]) {
            line.push_str(&format!(" ─{}→ {to}", f.kind()));
        }
        line
    }
}
