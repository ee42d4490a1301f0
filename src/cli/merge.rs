//! `netgraph merge`: adds up the blocks of a split betweenness (`centrality --measure betweenness
//! --sources I/N --raw`, written here by [`block`]) into the scores and prints them as
//! `centrality` does ([`netgraph_core::queries::partial`]).

use super::OutputArgs;
use anyhow::Context;
use clap::Args;
use netgraph_core::algo::betweenness::SourceBlock;
use netgraph_core::io::input;
use netgraph_core::model::Network;
use netgraph_core::queries::centrality::CentralityOptions;
use netgraph_core::queries::partial::{self, Partial};
use netgraph_core::report::{self, Format};
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `netgraph merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The partial results, one per block, every block of the split once, in any order.
    #[arg(value_name = "PART.json", required = true)]
    parts: Vec<PathBuf>,
    /// Unnormalised betweenness (as `centrality --raw`).
    #[arg(long)]
    raw: bool,
    /// Show only the N highest-ranked actors (1 up).
    #[arg(long, value_name = "N", value_parser = super::parse_count)]
    top: Option<usize>,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs the command.
pub fn run(args: &MergeArgs) -> anyhow::Result<ExitCode> {
    let format = args.output.format()?;
    let mut parts = Vec::with_capacity(args.parts.len());
    for path in &args.parts {
        let name = path.display().to_string();
        let text = input::read_text(path).map_err(netgraph_core::Error::from)?;
        parts.push((name.clone(), Partial::from_json(&text, &name)?));
    }
    let result = partial::merge(&parts, args.raw, args.top, &super::context(None))?;
    let text = match format {
        Format::Table => super::centrality::table(&result),
        Format::Csv => {
            super::note(&result.view_line);
            super::centrality::csv(&result)?
        }
        Format::Json => report::json_text(&result.to_json()),
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `centrality --sources I/N`: computes one block and writes its partial result (JSON, one line).
pub fn block(
    net: &Network,
    options: &CentralityOptions,
    block: SourceBlock,
    threads: Option<u16>,
    output: &OutputArgs,
) -> anyhow::Result<ExitCode> {
    output.format_of(&[Format::Json])?;
    let part = partial::betweenness_block(net, options, block, &super::context(threads))?;
    let mut text = serde_json::to_string(&part).context("cannot write the partial result")?;
    text.push('\n');
    super::emit(output.output.as_deref(), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
