//! `netgraph dot`: the network as Graphviz DOT text; the drawing options shared with `render`.

use super::{FilterArgs, GraphArgs, UsageError, WeightArgs};
use clap::Args;
use netgraph_core::measures::{self, Measure, MeasureOptions};
use netgraph_core::pattern::Pattern;
use netgraph_core::queries::chain_search::{self, Request};
use netgraph_core::render::{self, Cluster, ColorBy, Direction, Highlight, Options, Pen};
use netgraph_core::view::{View, check_flow_terms};
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
            return Err(UsageError(format!(
                "-o {}: netgraph dot writes DOT text (.dot, .gv), not .{extension}; netgraph render draws .svg, .png and .pdf",
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
    let (graph, highlight) = file_after_highlight_chains(graph, &draw.highlight_chains);
    let chain_pattern = match highlight {
        Some(pattern) => Some(chain_request(draw, pattern)?),
        None => None,
    };
    let net = graph.load()?;
    let view = filters.view(&net, false)?;
    let weighting = weights.checked(&net)?;
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
    for w in check_flow_terms(&net, "--fade", &options.fade).map_err(netgraph_core::Error::from)? {
        super::warn(&w);
    }
    // A picture that leaves flows out says which in its title (the whole network needs no caption).
    if view.flows().len() < net.flow_count() {
        options
            .captions
            .push(view.describe().trim_start_matches("view: ").to_string());
    }
    options.color_by = draw.color_by;
    if draw.cluster == render::Cluster::Community || draw.color_by == ColorBy::Community {
        let weighted = view.graph(&weighting)?;
        let mut label = netgraph_core::partition::communities(&net, weighted.for_spectral()?);
        // A community of one actor gets no box.
        let mut size = vec![0usize; net.actor_count()];
        label.iter().for_each(|&c| size[c as usize] += 1);
        label
            .iter_mut()
            .filter(|c| size[**c as usize] < 2)
            .for_each(|c| *c = u32::MAX);
        options.communities = Some(label);
    }
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
        options.highlight = Some(Highlight {
            actors,
            flows,
            meaning: "the path in the title".into(),
        });
    }
    if let Some((request, pattern)) = chain_pattern {
        let (highlight, caption) =
            chain_marks(&view, options.keep.as_deref(), request, &pattern, draw)?;
        options.captions.push(caption);
        options.highlight = Some(highlight);
    }
    Ok(render::dot(&view, &options))
}

/// The chain search that `--highlight-chains` asks for, with its pattern parsed (a malformed
/// pattern or `--chain-top 0` is bad usage). Actors are resolved once the network is loaded.
fn chain_request(
    draw: &DrawArgs,
    pattern: Option<String>,
) -> Result<(Request, Pattern), netgraph_core::Error> {
    if draw.chain_top == Some(0) {
        return Err(UsageError(
            "--chain-top 0 would highlight no chain: give N ≥ 1".into(),
        ));
    }
    let mut request = Request::new(pattern, draw.chain_max_hops, draw.chain_limit);
    request.limit_option = "--chain-limit";
    let parsed = chain_search::parse(&request, "--highlight-chains")?;
    Ok((request, parsed))
}

/// The flows and actors on the chains `netgraph chains` would find (the best `--chain-top` by
/// evidence, or all), and the caption naming them. With `--focus` the search runs over the flows
/// drawn, so only chains lying wholly inside the focus count and the focus is never widened. No
/// chain at all is a user error, as no path is for `--highlight-path`.
fn chain_marks(
    view: &View,
    keep: Option<&[bool]>,
    mut request: Request,
    pattern: &Pattern,
    draw: &DrawArgs,
) -> anyhow::Result<(Highlight, String)> {
    let net = view.network();
    if !request.is_default() {
        chain_search::check_names(net, pattern, "--highlight-chains")?;
    }
    let from = chain_search::actors(net, &draw.chain_from, "--chain-from", &super::context(None))?;
    let to = chain_search::actors(net, &draw.chain_to, "--chain-to", &super::context(None))?;
    request.from = from.clone();
    request.to = to.clone();
    let drawn = match keep {
        Some(k) => view.within(k),
        None => view.clone(),
    };
    let outcome = chain_search::search(&drawn, pattern, &request, &super::context(None));
    let total = outcome.chains.len();
    let chosen = &outcome.chains[..draw.chain_top.unwrap_or(total).min(total)];
    let mut ends = String::new();
    let names = |n: &chain_search::Named| -> String {
        match n.at.as_slice() {
            [one] => net.actors[*one].display_name().to_string(),
            _ => n.text.clone(),
        }
    };
    if let Some(a) = &from {
        ends.push_str(&format!(" from {}", names(a)));
    }
    if let Some(b) = &to {
        ends.push_str(&format!(" to {}", names(b)));
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let what = |n: usize| match &request.pattern {
        None => format!("laundering chain{}{ends}", plural(n)),
        Some(p) => format!("chain{}{ends} matching \"{p}\"", plural(n)),
    };
    if chosen.is_empty() {
        anyhow::bail!(
            "no {} among the flows drawn (check the filters{}, --chain-max-hops {})",
            what(1),
            if keep.is_some() { ", --focus" } else { "" },
            request.max_hops
        );
    }
    let count = if chosen.len() < total {
        format!(
            "the {} best by evidence of {total} {}",
            chosen.len(),
            what(total)
        )
    } else {
        format!("{total} {}", what(total))
    };
    let stopped = if outcome.truncated {
        " (search stopped at --chain-limit)"
    } else {
        ""
    };
    let caption = format!(
        "{count}, at most {} flow{}{stopped}",
        request.max_hops,
        plural(request.max_hops)
    );
    let mut actors = Vec::new();
    let mut flows = Vec::new();
    for s in chosen {
        actors.extend(s.chain.actors.iter().map(|&a| a as usize));
        flows.extend(s.chain.flows.iter().map(|&f| f as usize));
    }
    actors.sort_unstable();
    actors.dedup();
    flows.sort_unstable();
    flows.dedup();
    let meaning = if chosen.len() == 1 {
        "the chain in the title"
    } else {
        "the chains in the title"
    };
    Ok((
        Highlight {
            actors,
            flows,
            meaning: meaning.into(),
        },
        caption,
    ))
}

fn names(net: &netgraph_core::model::Network, actors: &[usize], separator: &str) -> String {
    actors
        .iter()
        .map(|&v| net.actors[v].display_name())
        .collect::<Vec<_>>()
        .join(separator)
}
