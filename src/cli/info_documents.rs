//! `netgraph info --documents`: the documents a network cites, with what each supports
//! ([`netgraph_core::queries::info::documents`]), as a table, JSON or CSV.

use netgraph_core::queries::info::Documents;
use netgraph_core::report::{self, Format, Table};

/// The listing in the asked format.
pub(super) fn render(result: &Documents, format: Format) -> anyhow::Result<String> {
    let rows = &result.documents;
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    Ok(match format {
        Format::Json => report::json_text(&result.to_json()),
        Format::Csv => {
            let mut w = ::csv::Writer::from_writer(Vec::new());
            w.write_record([
                "cite",
                "title",
                "author",
                "publisher",
                "date",
                "type",
                "file",
                "listed",
                "actors",
                "flows",
            ])?;
            for r in rows {
                w.write_record([
                    r.cite.clone(),
                    text(&r.title),
                    text(&r.author),
                    text(&r.publisher),
                    text(&r.date),
                    text(&r.kind),
                    r.file.clone(),
                    r.listed.to_string(),
                    r.actors.to_string(),
                    r.flows.to_string(),
                ])?;
            }
            super::hops::csv_text(w)?
        }
        Format::Table => {
            let mut t = Table::new(
                &[
                    "citation", "title", "date", "type", "file", "actors", "flows",
                ],
                &[false, false, false, false, false, true, true],
            );
            for r in rows {
                let title = if r.listed {
                    text(&r.title)
                } else {
                    "(not in the documents section)".to_string()
                };
                t.push(vec![
                    r.cite.clone(),
                    title,
                    text(&r.date),
                    text(&r.kind),
                    r.file.clone(),
                    r.actors.to_string(),
                    r.flows.to_string(),
                ]);
            }
            let unlisted = rows.iter().filter(|r| !r.listed).count();
            let mut out = if t.is_empty() {
                String::new()
            } else {
                t.render()
            };
            out.push_str(&format!(
                "{} document{} listed, {unlisted} cited but not listed; actors and flows citing each, of {} actors and {} flows\n",
                result.listed,
                if result.listed == 1 { "" } else { "s" },
                result.actors,
                result.flows
            ));
            out
        }
    })
}
