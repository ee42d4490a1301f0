//! What `paths` and `chains` share when rendering: each hop's flow as CSV cells and readable lines
//! with its sources.

use netgraph_core::queries::evidence::FlowEvidence;
use netgraph_core::report;

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
