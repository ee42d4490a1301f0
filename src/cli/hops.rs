//! What `paths` and `chains` share: numbers read from flow fields, and each hop's flow as JSON,
//! CSV cells and readable lines with its sources.

use crate::model::{Flow, Network};
use crate::report;
use crate::view::{View, ViewError};
use serde_json::{Map, Value, json};

/// A number per flow (indexed by file position) read from `field` for the view's flows; flows
/// lacking the field get `default`. Returns the numbers and how many kept flows lacked the field.
pub fn field_numbers(
    view: &View,
    field: &str,
    default: f64,
) -> Result<(Vec<f64>, usize), ViewError> {
    let net = view.network();
    let mut values = vec![default; net.flows.len()];
    let mut missing = 0;
    for &i in view.flows() {
        match net.flows[i].number(field) {
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

/// `flows[i] (from → to, kind)`, as errors name a flow.
pub fn flow_name(net: &Network, i: usize) -> String {
    format!("flows[{i}] ({})", net.flows[i].label())
}

/// Tells on stderr how many flows lacked a field.
pub fn note_missing(view: &View, field: &str, missing: usize, counts_as: &str) {
    if missing > 0 {
        super::note(&format!(
            "{missing} of {} flows lack \"{field}\" and count as {counts_as}",
            view.flows().len()
        ));
    }
}

/// A flow as JSON: from, to, kind, volume, (unit,) confidence and sources.
pub fn flow_json(flow: &Flow, with_unit: bool) -> Value {
    let mut o = Map::new();
    o.insert("from".into(), json!(flow.from));
    o.insert("to".into(), json!(flow.to));
    o.insert("kind".into(), json!(flow.kind()));
    o.insert("volume".into(), json_num(flow.volume));
    if with_unit {
        o.insert("unit".into(), json!(flow.unit));
    }
    o.insert("confidence".into(), json_num(Some(flow.confidence())));
    let sources: Vec<Value> = flow
        .sources
        .iter()
        .map(|s| json!({"doc": s.doc, "quote": s.quote}))
        .collect();
    o.insert("sources".into(), Value::Array(sources));
    Value::Object(o)
}

/// A flow's sources in one CSV cell: `doc: "quote"` joined by `; `.
pub fn sources_cell(flow: &Flow) -> String {
    flow.sources
        .iter()
        .map(|s| format!("{}: \"{}\"", s.doc, s.quote))
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

/// Readable lines for one hop: `n. from ─kind→ to  (confidence c, volume v)` and a line per source.
pub fn hop_lines(out: &mut String, number: usize, flow: &Flow) {
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
        out.push_str(&format!("       {}: \"{}\"\n", s.doc, s.quote));
    }
}

/// A CSV writer's text.
pub fn csv_text(w: ::csv::Writer<Vec<u8>>) -> anyhow::Result<String> {
    Ok(String::from_utf8(
        w.into_inner().map_err(|e| e.into_error())?,
    )?)
}

/// JSON for a number that may be missing, whole numbers written without a fraction (`2`, not `2.0`),
/// as network files write them.
pub fn json_num(x: Option<f64>) -> Value {
    match x {
        Some(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 => json!(v as i64),
        other => report::json_number(other),
    }
}
