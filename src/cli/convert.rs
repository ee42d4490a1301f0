//! `netgraph convert IN OUT`: between formats.

use super::UsageError;
use crate::io::{self, GraphSource, ReadOptions};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `netgraph convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Input network (.json, .csv, .graphml, .gexf, or - for JSON on stdin).
    input: PathBuf,
    /// Output file: .json (the native format), .csv (an edge list) or .graphml (Gephi, yEd, igraph);
    /// - writes JSON to stdout.
    output: PathBuf,
    /// CSV of actor attributes (an `id` column) to add to a CSV edge list.
    #[arg(long, value_name = "FILE.csv")]
    nodes: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: &ConvertArgs) -> anyhow::Result<ExitCode> {
    let to_stdout = args.output.as_os_str() == "-";
    let target = if to_stdout {
        "json".to_string()
    } else {
        io::extension(&args.output)
    };
    if !matches!(target.as_str(), "json" | "csv" | "graphml") {
        return Err(UsageError(format!(
            "{}: cannot write format \"{target}\" (netgraph writes .json, .csv and .graphml)",
            args.output.display()
        ))
        .into());
    }
    let net = io::load(
        &GraphSource::from_arg(Some(&args.input)),
        &ReadOptions {
            nodes: args.nodes.clone(),
        },
    )?;
    let text = match target.as_str() {
        "csv" => io::csv::edges_to_string(&net)?,
        "graphml" => io::graphml::to_string(&net),
        _ => io::json::to_string(&net),
    };
    super::emit(
        (!to_stdout).then_some(args.output.as_path()),
        text.as_bytes(),
    )?;
    Ok(ExitCode::SUCCESS)
}
