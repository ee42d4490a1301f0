//! `netgraph render`: a picture of the network (SVG, PNG or PDF) drawn by Graphviz.

use super::dot::{DrawArgs, dot_text};
use super::{FilterArgs, GraphArgs, UsageError, WeightArgs};
use crate::render::{Layout, OutputFormat, run_graphviz};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `netgraph render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// The picture to write (atomically); its extension gives the format: .svg, .png or .pdf.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE.svg|.png|.pdf",
        required = true
    )]
    output: PathBuf,
    /// Graphviz layout engine.
    #[arg(long, value_enum, default_value = "dot")]
    layout: Layout,
    #[command(flatten)]
    draw: DrawArgs,
    #[command(flatten)]
    weights: WeightArgs,
    #[command(flatten)]
    filters: FilterArgs,
}

/// Runs the command.
pub fn run(args: &RenderArgs) -> anyhow::Result<ExitCode> {
    let format = OutputFormat::from_path(&args.output).ok_or_else(|| {
        UsageError(format!(
            "cannot tell the picture format of \"{}\": name the file .svg, .png or .pdf",
            args.output.display()
        ))
    })?;
    let text = dot_text(&args.graph, &args.draw, &args.filters, &args.weights)?;
    let picture = run_graphviz(&text, args.layout, format)?;
    super::emit(Some(&args.output), &picture)?;
    Ok(ExitCode::SUCCESS)
}
