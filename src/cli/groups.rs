//! `netgraph groups`: a partition of the actors — communities (Leiden, Louvain), weak or strong
//! components, or k-shells — with its modularity ([`netgraph_core::queries::groups`]).

use super::{FilterArgs, GraphArgs, OutputArgs, WeightArgs};
use clap::Args;
use netgraph_core::queries::groups::{Groups, GroupsOptions, Method, groups};
use netgraph_core::report::{self, Format, Table};
use std::process::ExitCode;

/// Options of `netgraph groups`.
#[derive(Debug, Args)]
pub struct GroupsArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// How to group the actors.
    #[arg(long, value_parser = super::choice::choice::<Method>(), default_value = "leiden")]
    method: Method,
    /// Modularity resolution γ (larger: more, smaller communities).
    #[arg(long, value_name = "R", default_value_t = 1.0, value_parser = parse_positive)]
    resolution: f64,
    /// Seed of Leiden's and Louvain's random order.
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,
    /// Leiden iterations (as igraph's n_iterations); 0: until one changes nothing.
    #[arg(long, value_name = "N", default_value_t = 2)]
    iterations: usize,
    #[command(flatten)]
    weights: WeightArgs,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

fn parse_positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x > 0.0 && x.is_finite() => Ok(x),
        _ => Err(format!("\"{text}\" is not a positive number")),
    }
}

/// Runs the command.
pub fn run(args: &GroupsArgs) -> anyhow::Result<ExitCode> {
    let net = args.graph.load()?;
    let options = GroupsOptions {
        method: args.method,
        resolution: args.resolution,
        seed: args.seed,
        iterations: args.iterations,
        weights: args.weights.spec(),
        filter: args.filters.spec(),
    };
    let result = groups(&net, &options, &super::context(None))?;
    let text = match args.output.format()? {
        Format::Json => report::json_text(&result.to_json()),
        Format::Csv => {
            super::note(&result.view_line);
            csv(&result)?
        }
        Format::Table => table(&result),
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn table(result: &Groups) -> String {
    let mut t = Table::new(&["group", "size", "actors"], &[true, true, false]);
    for g in &result.groups {
        t.push(vec![
            g.id.to_string(),
            g.actors.len().to_string(),
            g.actors.join(", "),
        ]);
    }
    format!("{}\n{}", result.view_line, t.render())
}

/// CSV: one row per actor, with its group's number (the view line goes to stderr).
fn csv(result: &Groups) -> anyhow::Result<String> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    out.write_record(["actor", "group"])?;
    for g in &result.groups {
        for id in &g.actors {
            out.write_record([id.as_str(), &g.id.to_string()])?;
        }
    }
    Ok(String::from_utf8(
        out.into_inner().map_err(|e| e.into_error())?,
    )?)
}
