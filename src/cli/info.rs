//! `netgraph info`: what a network holds ([`netgraph_core::queries::info`]).

use super::{FilterArgs, GraphArgs, OutputArgs};
use clap::Args;
use netgraph_core::queries::info::{Evidence, Info, InfoOptions, LayerRow, class_totals, info};
use netgraph_core::report::{self, Format, Table};
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
    #[arg(long, conflicts_with = "by")]
    documents: bool,
    /// Count only the actors with at least one kept flow (components, isolated actors, density).
    #[arg(long)]
    active: bool,
    #[command(flatten)]
    periods: super::period_args::PeriodArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs the command.
pub fn run(args: &InfoArgs) -> anyhow::Result<ExitCode> {
    if let Some(by) = &args.periods.by {
        let format = args.output.format()?;
        let net = args.graph.load()?;
        let options = InfoOptions {
            filter: args.filters.spec(),
            active: true,
        };
        let text = super::period_args::info(&net, &options, by, &super::context(None), format)?;
        args.output.emit(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let format = if args.documents {
        args.output
            .format_of(&[Format::Table, Format::Json, Format::Csv])?
    } else {
        args.output.format_of(&[Format::Table, Format::Json])?
    };
    let net = args.graph.load()?;
    let options = InfoOptions {
        filter: args.filters.spec(),
        active: args.active,
    };
    let context = super::context(None);
    if args.documents {
        let result = netgraph_core::queries::info::documents(&net, &options, &context)?;
        let text = super::info_documents::render(&result, format)?;
        args.output.emit(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let s = info(&net, &options, &context)?;
    let text = match format {
        Format::Json => report::json_text(&s.to_json()),
        Format::Table | Format::Csv => {
            let text = to_text(&s);
            let (title, rest) = text.split_once('\n').unwrap_or((&text, ""));
            format!("{title}\n{}\n{rest}{}", s.view_line, layers_text(&s.layers))
        }
    };
    args.output.emit_text(&text)?;
    Ok(ExitCode::SUCCESS)
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

fn to_text(s: &Info) -> String {
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
