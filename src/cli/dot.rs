//! `netgraph dot`: the network as Graphviz DOT text; the drawing options shared with `render`.

use super::{FilterArgs, GraphArgs, UsageError, WeightArgs};
use crate::measures::{self, Measure, MeasureOptions};
use crate::render::{self, Cluster, Direction, Highlight, Options, Pen};
use crate::view::View;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// What to draw and how: shared by `dot` and `render`.
#[derive(Debug, Clone, Args)]
pub struct DrawArgs {
    /// Collapse parallel flows between two actors into one edge labelled with every kind.
    #[arg(long)]
    merge: bool,
    /// Group actors in boxes by country or region.
    #[arg(long, value_enum, default_value = "none")]
    cluster: Cluster,
    /// What line width shows: confidence, or volume on a log scale (per unit).
    #[arg(long, value_enum, default_value = "confidence")]
    pen: Pen,
    /// Scale actor labels by a centrality measure (degree, betweenness, closeness, …).
    #[arg(long, value_name = "MEASURE")]
    size_by: Option<Measure>,
    /// Draw only the actors within --depth hops of these actors (ignoring direction).
    #[arg(long, value_name = "A[,B…]", value_delimiter = ',')]
    focus: Vec<String>,
    /// Hops around the --focus actors.
    #[arg(long, value_name = "D", default_value = "1", requires = "focus")]
    depth: usize,
    /// Draw the flows of a shortest path from A to B bold and fade the rest.
    #[arg(long, value_name = "A:B")]
    highlight_path: Option<String>,
    /// Draw flows of these kinds, or classes written @class, faintly (e.g. @enforcement,@tie).
    #[arg(long, value_name = "K[,K…]", value_delimiter = ',')]
    fade: Vec<String>,
    /// Leave out actors with no flow drawn.
    #[arg(long)]
    hide_isolated: bool,
    /// Flow direction on the page.
    #[arg(long, value_enum, default_value = "LR")]
    rankdir: Direction,
    /// Wrap actor names at N characters (0: never).
    #[arg(long, value_name = "N", default_value = "18")]
    wrap: usize,
    /// Do not label edges with their kinds (the kind stays in the tooltip).
    #[arg(long)]
    no_edge_labels: bool,
    /// Do not draw the legend.
    #[arg(long)]
    no_legend: bool,
}

/// Options of `netgraph dot`.
#[derive(Debug, Args)]
pub struct DotArgs {
    #[command(flatten)]
    graph: GraphArgs,
    #[command(flatten)]
    draw: DrawArgs,
    #[command(flatten)]
    weights: WeightArgs,
    #[command(flatten)]
    filters: FilterArgs,
    /// Write the DOT text to FILE (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: &DotArgs) -> anyhow::Result<ExitCode> {
    let text = dot_text(&args.graph, &args.draw, &args.filters, &args.weights)?;
    super::emit(args.output.as_deref(), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Loads the network, applies the filters and drawing options, and returns the DOT text.
pub fn dot_text(
    graph: &GraphArgs,
    draw: &DrawArgs,
    filters: &FilterArgs,
    weights: &WeightArgs,
) -> anyhow::Result<String> {
    let net = graph.load()?;
    let view = View::new(&net, &filters.filters());
    let weighting = weights.weighting();
    let mut options = Options {
        merge: draw.merge,
        cluster: draw.cluster,
        pen: draw.pen,
        fade: draw
            .fade
            .iter()
            .filter(|k| !k.is_empty())
            .cloned()
            .collect(),
        legend: !draw.no_legend,
        direction: draw.rankdir,
        wrap: draw.wrap,
        edge_labels: !draw.no_edge_labels,
        hide_isolated: draw.hide_isolated,
        ..Options::default()
    };
    if let Some(m) = draw.size_by {
        let weighted = view.graph(&weighting)?;
        let scores = measures::compute(m, &weighted, &MeasureOptions::default())
            .map_err(|why| anyhow::anyhow!("cannot size actors by {m}: {why}"))?;
        options.sizes = Some((m.name().to_string(), scores));
    }
    let focus: Vec<String> = draw
        .focus
        .iter()
        .filter(|f| !f.is_empty())
        .cloned()
        .collect();
    if !focus.is_empty() {
        let centres = super::actors(&net, &focus)?;
        options.keep = Some(render::neighbourhood(&view, &centres, draw.depth));
        let hops = if draw.depth == 1 { "hop" } else { "hops" };
        options.captions.push(format!(
            "around {} ({} {hops})",
            names(&net, &centres, ", "),
            draw.depth
        ));
        options.centres = centres;
    }
    if let Some(spec) = &draw.highlight_path {
        let (a, b) = spec
            .split_once(':')
            .filter(|(a, b)| !a.is_empty() && !b.is_empty() && !b.contains(':'))
            .ok_or_else(|| {
                UsageError(format!(
                    "--highlight-path \"{spec}\" needs two actor ids as FROM:TO"
                ))
            })?;
        let (from, to) = (super::actor(&net, a)?, super::actor(&net, b)?);
        let (actors, flows) = render::path_flows(&view, &weighting, from, to)?;
        options
            .captions
            .push(format!("shortest path {}", names(&net, &actors, " → ")));
        options.highlight = Some(Highlight { actors, flows });
    }
    Ok(render::dot(&view, &options))
}

fn names(net: &crate::model::Network, actors: &[usize], separator: &str) -> String {
    actors
        .iter()
        .map(|&v| net.actors[v].display_name())
        .collect::<Vec<_>>()
        .join(separator)
}
