//! `netgraph pairs`: scores per connected actor pair, ranked ([`netgraph_core::queries::pairs`]).

use super::{FilterArgs, GraphArgs, OutputArgs, WeightArgs};
use clap::Args;
use netgraph_core::choice::Choice;
use netgraph_core::queries::pairs::{Pairs, PairsOptions, pairs, parse_measures};
use netgraph_core::report::{self, Format, Table};
use std::process::ExitCode;

/// Options of `netgraph pairs`.
#[derive(Debug, Args)]
pub struct PairsArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Measures to compute, comma-separated, or `all`; rows are ranked by the first.
    #[arg(
        long,
        short = 'm',
        value_name = "M[,M…]|all",
        value_delimiter = ',',
        default_value = "edge_betweenness,bridge"
    )]
    measure: Vec<String>,
    /// Show only the N highest-ranked pairs.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Unnormalised edge betweenness (NetworkX normalized=False).
    #[arg(long)]
    raw: bool,
    /// Worker threads for the parallel kernels [default: all cores].
    #[arg(long, value_name = "N", value_parser = super::parse_threads)]
    threads: Option<u16>,
    #[command(flatten)]
    weights: WeightArgs,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs the command.
pub fn run(args: &PairsArgs) -> anyhow::Result<ExitCode> {
    // The measures are checked before the network is read.
    parse_measures(&args.measure)?;
    let net = args.graph.load()?;
    let options = PairsOptions {
        measures: args.measure.clone(),
        top: args.top,
        raw: args.raw,
        weights: args.weights.spec(),
        filter: args.filters.spec(),
    };
    let result = pairs(&net, &options, &super::context(args.threads))?;
    let text = match args.output.format()? {
        Format::Table => format!("{}\n{}", result.view_line, table(&result)),
        Format::Csv => {
            super::note(&result.view_line);
            csv(&result)?
        }
        Format::Json => report::json_text(&result.to_json()),
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn table(result: &Pairs) -> String {
    let mut header = vec!["rank", "from", "to"];
    header.extend(result.measures.iter().map(|m| m.name()));
    let mut right = vec![true, false, false];
    right.extend(result.measures.iter().map(|_| true));
    let mut t = Table::new(&header, &right);
    for r in &result.pairs {
        let mut cells = vec![r.rank.to_string(), r.from_id.clone(), r.to_id.clone()];
        cells.extend(r.scores.iter().map(|&x| report::rounded(x)));
        t.push(cells);
    }
    t.render()
}

fn csv(result: &Pairs) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut header = vec!["from", "to"];
    header.extend(result.measures.iter().map(|m| m.name()));
    w.write_record(&header)?;
    for r in &result.pairs {
        let mut cells = vec![r.from_id.clone(), r.to_id.clone()];
        cells.extend(r.scores.iter().map(|&x| report::number(x)));
        w.write_record(&cells)?;
    }
    Ok(String::from_utf8(
        w.into_inner().map_err(|e| e.into_error())?,
    )?)
}
