//! `netgraph info --documents`: the documents a network cites, with what each supports.
//!
//! One row per document of the `documents` section (in file order), then one per document that
//! sources cite but the section does not list (by file name, flagged): its short citation, title,
//! date, kind of text, file name, and the number of actors and of the view's flows citing it (an
//! actor or flow citing a document twice counts once).

use netgraph_core::model::{Network, Source};
use netgraph_core::report::{self, Format, Table};
use netgraph_core::view::View;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// One document and what cites it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct DocumentRow {
    /// The file name.
    pub file: String,
    /// Whether the `documents` section lists it.
    pub listed: bool,
    /// Actors citing it.
    pub actors: usize,
    /// Flows of the view citing it.
    pub flows: usize,
}

/// The rows: listed documents in file order, then cited but unlisted ones by file name. O(S) for
/// S sources.
pub(super) fn rows(net: &Network, view: &View) -> Vec<DocumentRow> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for a in &net.actors {
        tally(&mut counts, a.sources(), false);
    }
    for &i in view.flows() {
        tally(&mut counts, net.flow(i).sources(), true);
    }
    let row = |file: &str, listed: bool| {
        let (actors, flows) = counts.get(file).copied().unwrap_or_default();
        DocumentRow {
            file: file.to_string(),
            listed,
            actors,
            flows,
        }
    };
    let mut out: Vec<DocumentRow> = net.documents.keys().map(|f| row(f, true)).collect();
    out.extend(
        counts
            .keys()
            .filter(|f| !net.documents.contains_key(**f))
            .map(|f| row(f, false)),
    );
    out
}

/// Counts one actor (or flow, when `flow`) for each distinct document among its sources.
fn tally<'a>(counts: &mut BTreeMap<&'a str, (usize, usize)>, sources: &'a [Source], flow: bool) {
    let mut docs: Vec<&str> = sources.iter().map(|s| s.doc.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    for d in docs {
        let c = counts.entry(d).or_default();
        if flow {
            c.1 += 1;
        } else {
            c.0 += 1;
        }
    }
}

/// The listing in the asked format.
pub(super) fn render(net: &Network, view: &View, format: Format) -> anyhow::Result<String> {
    let rows = rows(net, view);
    if rows.is_empty() {
        super::note("no document is listed or cited");
    } else if net.documents.is_empty() {
        super::note("the network has no documents section: documents are named by file only");
    }
    let fields = |r: &DocumentRow| {
        let d = net.documents.get(&r.file);
        let text = |f: fn(&netgraph_core::model::Document) -> &Option<String>| {
            d.and_then(|d| f(d).clone()).unwrap_or_default()
        };
        (
            net.citation(&r.file).into_owned(),
            text(|d| &d.title),
            text(|d| &d.author),
            text(|d| &d.publisher),
            text(|d| &d.date),
            text(|d| &d.kind),
        )
    };
    Ok(match format {
        Format::Json => {
            let list: Vec<Value> = rows
                .iter()
                .map(|r| {
                    let (cite, title, author, publisher, date, kind) = fields(r);
                    let opt = |s: String| (!s.is_empty()).then_some(s);
                    json!({
                        "file": r.file, "cite": cite, "title": opt(title), "author": opt(author),
                        "publisher": opt(publisher), "date": opt(date), "type": opt(kind),
                        "listed": r.listed, "actors": r.actors, "flows": r.flows,
                    })
                })
                .collect();
            report::json_text(&json!({
                "documents": list,
                "actors": net.actor_count(),
                "flows": view.flows().len(),
            }))
        }
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
            for r in &rows {
                let (cite, title, author, publisher, date, kind) = fields(r);
                w.write_record([
                    cite,
                    title,
                    author,
                    publisher,
                    date,
                    kind,
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
            for r in &rows {
                let (cite, title, _, _, date, kind) = fields(r);
                let title = if r.listed {
                    title
                } else {
                    "(not in the documents section)".to_string()
                };
                t.push(vec![
                    cite,
                    title,
                    date,
                    kind,
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
                net.documents.len(),
                if net.documents.len() == 1 { "" } else { "s" },
                net.actor_count(),
                view.flows().len()
            ));
            out
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use netgraph_core::model::{Actor, Flow};
    use netgraph_core::view::Filters;

    #[test]
    fn counts_actors_and_flows_once_per_document() {
        let mut net = Network::new();
        net.actors = vec![Actor::new("a"), Actor::new("b")];
        net.actors[0].more_mut().sources = vec![Source::new("d2", ""), Source::new("d2", "")];
        net.actors[1].more_mut().sources = vec![Source::new("d1", ""), Source::new("x", "")];
        let mut f = Flow::new("a", "b");
        f.sources = vec![
            Source::new("d1", ""),
            Source::new("d2", ""),
            Source::new("d1", ""),
        ];
        let mut g = Flow::new("b", "a");
        g.sources = vec![Source::new("d1", "")];
        net.set_flows(vec![f, g]);
        for d in ["d2", "d1", "unused"] {
            net.documents.insert(d.into(), Default::default());
        }
        net.index().unwrap();
        let view = View::new(&net, &Filters::default());
        let got: Vec<(String, bool, usize, usize)> = rows(&net, &view)
            .into_iter()
            .map(|r| (r.file, r.listed, r.actors, r.flows))
            .collect();
        let want = |f: &str, l, a, fl| (f.to_string(), l, a, fl);
        assert_eq!(
            got,
            [
                want("d2", true, 1, 1),
                want("d1", true, 1, 2),
                want("unused", true, 0, 0),
                want("x", false, 1, 0),
            ]
        );
    }
}
