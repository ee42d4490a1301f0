//! `netgraph convert IN OUT`: between formats.

use anyhow::Context;
use clap::Args;
use netgraph_core::Error;
use netgraph_core::io;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `netgraph convert`.
#[derive(Debug, Args)]
#[command(after_help = "\
What each output keeps (docs/format.md gives the details):
  .json     everything (the native format)
  .csv      the flows as an edge list (source,target,fields…); not sources, list or object fields,
            actor fields, or actors without flows
  .graphml  every actor and flow field (sources as a JSON string); not the network's kinds section
            or its own fields other than the name
  .gexf     GEXF 1.3 for Gephi: label = display name, edge kind and weight, every other field a typed
            attribute (sources as a JSON string); not the kinds section or network fields but the name
  .neo4j    a folder: actors.csv and flows.csv in neo4j-admin's import format, import.sh (neo4j-admin
            database import full), load.cypher (LOAD CSV) and README.md; actor classes become
            labels, flow kinds relationship types")]
pub struct ConvertArgs {
    /// Input network (.json, .csv, .graphml, .gexf, or - for JSON on stdin).
    input: PathBuf,
    /// Output: .json (the native format), .csv (an edge list), .graphml (Gephi, yEd, igraph), .gexf
    /// (Gephi), or a folder named *.neo4j (a Neo4j import bundle); - writes JSON to stdout.
    output: PathBuf,
    /// CSV of actor attributes (an `id` column) to add to a CSV edge list.
    #[arg(long, value_name = "FILE.csv")]
    nodes: Option<PathBuf>,
    /// JSON file with a `kinds` section applied over the input's own (written to the output
    /// where the format keeps kinds).
    #[arg(long, value_name = "FILE.json")]
    kinds: Option<PathBuf>,
    /// Replace an existing .neo4j folder that has files in it (files are always replaced).
    #[arg(long)]
    force: bool,
    /// Write CSV cells as they are (see `netgraph centrality --help`); without it a cell that a
    /// spreadsheet would evaluate gets a leading ', which netgraph's CSV reader removes again.
    #[arg(long)]
    raw_csv: bool,
}

/// Runs the command.
pub fn run(args: &ConvertArgs) -> anyhow::Result<ExitCode> {
    let to_stdout = args.output.as_os_str() == "-";
    let target = if to_stdout {
        "json".to_string()
    } else {
        io::extension(&args.output)
    };
    if !matches!(
        target.as_str(),
        "json" | "csv" | "graphml" | "gexf" | "neo4j"
    ) {
        return Err(Error::Usage(format!(
            "{}: cannot write format \"{target}\" (netgraph writes .json, .csv, .graphml, .gexf and a .neo4j folder)",
            args.output.display()
        ))
        .into());
    }
    if target == "neo4j" && !args.force && non_empty_folder(&args.output) {
        anyhow::bail!(
            "{}: the folder exists and is not empty (--force replaces it)",
            args.output.display()
        );
    }
    let graph = super::GraphArgs {
        graph: Some(args.input.clone()),
        nodes: args.nodes.clone(),
        kinds: args.kinds.clone(),
    };
    let net = graph.load()?;
    if target == "neo4j" {
        super::check_output(&args.output)?;
        let bundle = io::neo4j::bundle(&net)?;
        let files: Vec<(&str, &[u8])> = bundle
            .files
            .iter()
            .map(|(name, text)| (*name, text.as_bytes()))
            .collect();
        io::write_dir_atomic(&args.output, &files, &[io::neo4j::SCRIPT], args.force)
            .with_context(|| format!("cannot write {}", args.output.display()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let output = (!to_stdout).then_some(args.output.as_path());
    if target == "json" {
        super::emit_with(output, |w| io::json::write(&net, w))?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = match target.as_str() {
        "csv" if args.raw_csv => io::csv::edges_to_string(&net)?,
        "csv" => netgraph_core::report::neutralise_csv(&io::csv::edges_to_string(&net)?)?,
        "graphml" => io::graphml::to_string(&net)?,
        _ => io::gexf::to_string(&net)?,
    };
    super::emit(output, text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn non_empty_folder(path: &std::path::Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_some())
}
