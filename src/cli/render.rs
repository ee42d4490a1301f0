//! `netgraph render`: a picture of the network (SVG, PNG or PDF) drawn by Graphviz, or the
//! explorer page (HTML) around its SVG.

use super::dot::{DrawArgs, dot_text, explorer_parts};
use super::{FilterArgs, GraphArgs, WeightArgs};
use clap::Args;
use netgraph_core::Error;
use netgraph_core::choice::Choice;
use netgraph_core::render::{Layout, OutputFormat, dot_size, html, layout_limit, run_graphviz};
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `netgraph render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// The picture to write (atomically); its extension gives the format: .svg, .png or .pdf, or
    /// .html for the explorer page (search, evidence panel, toggles; one file that works offline).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE.svg|.png|.pdf|.html",
        required = true
    )]
    output: PathBuf,
    /// Graphviz layout engine.
    #[arg(long, value_parser = super::choice::choice::<Layout>(), default_value = "dot")]
    layout: Layout,
    /// Draw even a network too large for the layout engine to finish in reasonable time (see
    /// docs/reliability.md for the limits).
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    draw: DrawArgs,
    #[command(flatten)]
    weights: WeightArgs,
    #[command(flatten)]
    filters: FilterArgs,
}

/// Runs the command.
pub fn run(args: &RenderArgs) -> anyhow::Result<ExitCode> {
    let page = matches!(
        netgraph_core::io::extension(&args.output).as_str(),
        "html" | "htm"
    );
    let format = match page {
        true => OutputFormat::Svg,
        false => OutputFormat::from_path(&args.output).ok_or_else(|| {
            Error::Usage(format!(
                "cannot tell the picture format of \"{}\": name the file .svg, .png, .pdf or .html",
                args.output.display()
            ))
        })?,
    };
    let (text, data) = match page {
        true => {
            let parts = explorer_parts(&args.graph, &args.draw, &args.filters, &args.weights)?;
            (parts.dot, Some(parts.data))
        }
        false => (
            dot_text(&args.graph, &args.draw, &args.filters, &args.weights)?,
            None,
        ),
    };
    let (nodes, edges) = dot_size(&text);
    let (max_nodes, max_edges) = layout_limit(args.layout);
    if !args.force && (nodes > max_nodes || edges > max_edges) {
        anyhow::bail!(
            "{nodes} nodes and {edges} edges to draw (actors, flows and the legend): more than the {} layout finishes in reasonable time \
             (up to {max_nodes} nodes and {max_edges} edges; its work grows much faster than the drawing). \
             Draw less (--flows, --focus, --hide-isolated, --merge), use --layout sfdp, or --force to try anyway",
            args.layout.name()
        );
    }
    let picture = run_graphviz(&text, args.layout, format)?;
    let picture = match data {
        Some(data) => html::page(&picture, &data)?.into_bytes(),
        None => picture,
    };
    super::emit(Some(&args.output), &picture)?;
    Ok(ExitCode::SUCCESS)
}
