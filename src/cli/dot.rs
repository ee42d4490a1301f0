//! `netgraph dot`: the network as Graphviz DOT text; the drawing options shared with `render`.

use super::budget_args::BudgetArgs;
use super::{FilterArgs, GraphArgs, WeightArgs};
use clap::Args;
use netgraph_core::Error;
use netgraph_core::measures::Measure;
use netgraph_core::queries::draw::{DrawOptions, Explorer, dot, explorer};
use netgraph_core::render::{Cluster, ColorBy, Direction, Pen};
use std::path::PathBuf;
use std::process::ExitCode;

/// What to draw and how: shared by `dot` and `render`.
#[derive(Debug, Clone, Args)]
pub struct DrawArgs {
    /// Collapse parallel flows between two actors into one edge labelled with every kind.
    #[arg(long)]
    merge: bool,
    /// Group actors in boxes by country, region or Leiden community (as `netgraph groups`).
    #[arg(long, value_parser = super::choice::choice::<Cluster>(), default_value = "none")]
    cluster: Cluster,
    /// What the fill colour shows: the actor's class, or its Leiden community.
    #[arg(long, value_parser = super::choice::choice::<ColorBy>(), default_value = "class")]
    color_by: ColorBy,
    /// What line width shows: confidence, or volume on a log scale (per unit).
    #[arg(long, value_parser = super::choice::choice::<Pen>(), default_value = "confidence")]
    pen: Pen,
    /// Scale actor labels by a centrality measure (degree, betweenness, closeness, …).
    #[arg(long, value_parser = super::choice::choice::<Measure>(), value_name = "MEASURE")]
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
    /// Draw every flow on a chain matching pattern P bold and fade the rest; without P, the
    /// laundering chains of `netgraph chains`' default query.
    #[arg(
        long,
        value_name = "P",
        num_args = 0..=1,
        conflicts_with = "highlight_path"
    )]
    highlight_chains: Option<Option<String>>,
    /// Only highlight chains starting at these actors (ids, actor kinds or @class, comma-separated).
    #[arg(
        long,
        value_name = "A[,…]",
        value_delimiter = ',',
        requires = "highlight_chains"
    )]
    chain_from: Vec<String>,
    /// Only highlight chains ending at these actors (ids, actor kinds or @class, comma-separated).
    #[arg(
        long,
        value_name = "B[,…]",
        value_delimiter = ',',
        requires = "highlight_chains"
    )]
    chain_to: Vec<String>,
    /// The most flows in a highlighted chain.
    #[arg(
        long,
        value_name = "H",
        default_value_t = 6,
        requires = "highlight_chains"
    )]
    chain_max_hops: usize,
    /// Highlight only the N best chains by evidence [default: every chain found].
    #[arg(long, value_name = "N", requires = "highlight_chains")]
    chain_top: Option<usize>,
    /// Stop the chain search after L chains (and say so).
    #[arg(
        long,
        value_name = "L",
        default_value_t = 10_000,
        requires = "highlight_chains"
    )]
    chain_limit: usize,
    /// Draw flows of these kinds, or classes written @class, faintly (e.g. @enforcement,@tie).
    #[arg(long, value_name = "K[,K…]", value_delimiter = ',')]
    fade: Vec<String>,
    /// Leave out actors with no flow drawn.
    #[arg(long)]
    hide_isolated: bool,
    /// Flow direction on the page.
    #[arg(long, value_parser = super::choice::choice::<Direction>(), default_value = "LR")]
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
    /// The chain search of --highlight-chains (--budget N expansions, --timeout SECONDS).
    #[command(flatten)]
    chain_budget: BudgetArgs,
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
    if let Some(path) = &args.output {
        let extension = netgraph_core::io::extension(path);
        if !matches!(extension.as_str(), "" | "dot" | "gv" | "txt") {
            return Err(Error::Usage(format!(
                "-o {}: netgraph dot writes DOT text (.dot, .gv), not .{extension}; netgraph render draws .svg, .png, .pdf and .html",
                path.display()
            ))
            .into());
        }
    }
    let text = dot_text(&args.graph, &args.draw, &args.filters, &args.weights)?;
    super::emit(args.output.as_deref(), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `--highlight-chains` takes an optional pattern, so in `dot --highlight-chains net.json` the
/// parser hands the network file to the flag. When no network was named and the "pattern" is an
/// existing network file, it is read as the network and the default query is used.
fn file_after_highlight_chains(
    graph: &GraphArgs,
    highlight: &Option<Option<String>>,
) -> (GraphArgs, Option<Option<String>>) {
    if let (None, Some(Some(value))) = (&graph.graph, highlight) {
        let path = std::path::Path::new(value);
        let network_file = matches!(
            netgraph_core::io::extension(path).as_str(),
            "json" | "csv" | "graphml" | "gexf"
        );
        if network_file && path.is_file() {
            let mut named = graph.clone();
            named.graph = Some(path.to_path_buf());
            return (named, Some(None));
        }
    }
    (graph.clone(), highlight.clone())
}

/// Loads the network, applies the filters and drawing options, and returns the DOT text.
pub fn dot_text(
    graph: &GraphArgs,
    draw: &DrawArgs,
    filters: &FilterArgs,
    weights: &WeightArgs,
) -> anyhow::Result<String> {
    let (graph, options) = draw_options(graph, draw, filters, weights)?;
    let net = graph.load()?;
    Ok(dot(&net, &options, &super::context(None))?)
}

/// Loads the network, applies the filters and drawing options, and returns the DOT text and
/// data of the explorer page (`render -o FILE.html`).
pub fn explorer_parts(
    graph: &GraphArgs,
    draw: &DrawArgs,
    filters: &FilterArgs,
    weights: &WeightArgs,
) -> anyhow::Result<Explorer> {
    let (graph, options) = draw_options(graph, draw, filters, weights)?;
    let net = graph.load()?;
    Ok(explorer(&net, &options, &super::context(None))?)
}

/// The core's drawing options from the command line, checked before the network is read; the
/// network to read (the file after `--highlight-chains`, see [`file_after_highlight_chains`]).
fn draw_options(
    graph: &GraphArgs,
    draw: &DrawArgs,
    filters: &FilterArgs,
    weights: &WeightArgs,
) -> anyhow::Result<(GraphArgs, DrawOptions)> {
    let (graph, highlight_chains) = file_after_highlight_chains(graph, &draw.highlight_chains);
    let options = DrawOptions {
        merge: draw.merge,
        cluster: draw.cluster,
        color_by: draw.color_by,
        pen: draw.pen,
        size_by: draw.size_by,
        focus: draw.focus.clone(),
        depth: draw.depth,
        highlight_path: draw.highlight_path.clone(),
        highlight_chains,
        chain_from: draw.chain_from.clone(),
        chain_to: draw.chain_to.clone(),
        chain_max_hops: draw.chain_max_hops,
        chain_top: draw.chain_top,
        chain_limit: draw.chain_limit,
        chain_budget: draw.chain_budget.spec(),
        fade: draw.fade.clone(),
        hide_isolated: draw.hide_isolated,
        rankdir: draw.rankdir,
        wrap: draw.wrap,
        no_edge_labels: draw.no_edge_labels,
        no_legend: draw.no_legend,
        weights: weights.spec(),
        filter: filters.spec(),
    };
    options.check()?;
    Ok((graph, options))
}
