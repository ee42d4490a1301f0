//! `netgraph cut`: the maximum flow between two actors and a minimum set of flows (or actors) whose
//! removal severs every route from one to the other.

use super::hops;
use super::{FilterArgs, GraphArgs, OutputArgs};
use clap::Args;
use netgraph_core::queries::cut::{Cut, CutActor, CutOptions, Severed, cut};
use netgraph_core::queries::evidence::FlowEvidence;
use netgraph_core::report::{self, Format, Table};
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
    let options = CutOptions {
        from: args.from.clone(),
        to: args.to.clone(),
        capacity: args.capacity.clone(),
        actors: args.actors,
        filter: args.filters.spec(),
    };
    let result = cut(&net, &options, &super::context(None))?;
    let text = match format {
        Format::Json => report::json_text(&result.to_json()),
        Format::Csv => {
            super::note(&result.view_line);
            match &result.severed {
                Severed::Flows { flows, .. } => flows_csv(flows)?,
                Severed::Actors(actors) => actors_csv(actors)?,
            }
        }
        Format::Table => match &result.severed {
            Severed::Flows { value, flows } => flows_table(&result, *value, flows),
            Severed::Actors(actors) => actors_table(&result, actors),
        },
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn flows_csv(flows: &[FlowEvidence]) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(["from", "to", "kind"])?;
    for f in flows {
        w.write_record([&f.from, &f.to, &f.kind])?;
    }
    hops::csv_text(w)
}

fn flows_table(result: &Cut, value: f64, flows: &[FlowEvidence]) -> String {
    let mut out = format!(
        "{}\nmaximum flow {} → {}: {}\nminimum cut: {} flow{}\n",
        result.view_line,
        result.from,
        result.to,
        report::rounded(value),
        flows.len(),
        if flows.len() == 1 { "" } else { "s" }
    );
    if !flows.is_empty() {
        let mut t = Table::new(
            &["from", "to", "kind", "confidence"],
            &[false, false, false, true],
        );
        for f in flows {
            t.push(vec![
                f.from.clone(),
                f.to.clone(),
                f.kind.clone(),
                report::rounded(f.confidence),
            ]);
        }
        out.push('\n');
        out.push_str(&t.render());
    }
    out
}

fn actors_csv(actors: &[CutActor]) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(["actor", "name", "kind"])?;
    for a in actors {
        w.write_record([&a.id, &a.name, &a.kind])?;
    }
    hops::csv_text(w)
}

fn actors_table(result: &Cut, actors: &[CutActor]) -> String {
    let mut out = format!(
        "{}\nminimum actor cut {} → {}: {} actor{}\n",
        result.view_line,
        result.from,
        result.to,
        actors.len(),
        if actors.len() == 1 { "" } else { "s" }
    );
    if !actors.is_empty() {
        let mut t = Table::new(&["actor", "name", "kind"], &[false, false, false]);
        for a in actors {
            t.push(vec![a.id.clone(), a.name.clone(), a.kind.clone()]);
        }
        out.push('\n');
        out.push_str(&t.render());
    }
    out
}
