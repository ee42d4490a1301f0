//! What `paths` and `chains` share when rendering: each hop's flow as CSV cells and readable lines
//! with its sources; and the helpers `whatif` still takes from here ([`flow_json`], [`arcs_of`],
//! [`capacities`], [`note_missing`]), each a call of the core's one implementation.

use netgraph_core::algo::flow::Capacities;
use netgraph_core::model::{Flow, Network};
use netgraph_core::queries::evidence::FlowEvidence;
use netgraph_core::report;
use netgraph_core::view::View;
use serde_json::Value;

/// Capacities of arcs that follow flows ([`netgraph_core::queries::capacities`]).
pub fn capacities(
    view: &View,
    field: Option<&str>,
    arcs: &[(u32, u32)],
    arc_flow: &[usize],
) -> anyhow::Result<(Capacities, usize)> {
    Ok(netgraph_core::queries::capacities(
        view, field, arcs, arc_flow,
    )?)
}

/// Tells on stderr how many flows lacked a field
/// ([`netgraph_core::queries::note_missing_field`]).
pub fn note_missing(view: &View, field: &str, missing: usize, counts_as: &str) {
    netgraph_core::queries::note_missing_field(
        &super::context(None),
        view,
        field,
        missing,
        counts_as,
    );
}

/// A flow as JSON with its sources ([`FlowEvidence::json`]).
pub fn flow_json(net: &Network, flow: &Flow, with_unit: bool) -> Value {
    FlowEvidence::of(net, flow).json(with_unit)
}

/// One arc per kept flow of a view ([`View::flow_arcs`]).
pub fn arcs_of(view: &View) -> (Vec<(u32, u32)>, Vec<usize>) {
    view.flow_arcs()
}

/// Readable lines for one hop: `n. from ─kind→ to  (confidence c, volume v)` and a line per source,
/// `Ellis, Oct 2025 (file): "quote"`.
pub fn hop_lines(out: &mut String, number: usize, flow: &FlowEvidence) {
    out.push_str(&format!(
        "  {number}. {} ─{}→ {}  (confidence {}, volume {})\n",
        flow.from,
        flow.kind,
        flow.to,
        report::rounded(flow.confidence),
        flow.volume_text()
    ));
    if flow.sources.is_empty() {
        out.push_str("       (no source cited)\n");
    }
    for s in &flow.sources {
        out.push_str(&format!("       {}\n", s.text));
    }
}

/// One CSV row per hop of a path or chain: the `lead` cells (its number, or channel and chain
/// numbers), its score and bottleneck, the hop's number, then the flow's from, to, kind, volume,
/// unit (when `with_unit`), confidence and sources.
pub fn csv_hop_rows(
    w: &mut ::csv::Writer<Vec<u8>>,
    lead: &[String],
    score: f64,
    bottleneck: Option<f64>,
    flows: &[FlowEvidence],
    with_unit: bool,
) -> ::csv::Result<()> {
    for (h, flow) in flows.iter().enumerate() {
        let mut row = lead.to_vec();
        row.extend([
            report::number(score),
            bottleneck.map(report::number).unwrap_or_default(),
            (h + 1).to_string(),
            flow.from.clone(),
            flow.to.clone(),
            flow.kind.clone(),
            flow.volume.map(report::number).unwrap_or_default(),
        ]);
        if with_unit {
            row.push(flow.unit.clone().unwrap_or_default());
        }
        row.push(report::number(flow.confidence));
        row.push(flow.sources_cell());
        w.write_record(&row)?;
    }
    Ok(())
}

/// A CSV writer's text.
pub fn csv_text(w: ::csv::Writer<Vec<u8>>) -> anyhow::Result<String> {
    Ok(String::from_utf8(
        w.into_inner().map_err(|e| e.into_error())?,
    )?)
}
