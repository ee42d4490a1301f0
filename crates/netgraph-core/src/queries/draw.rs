//! `netgraph dot` and `render`: the network as Graphviz DOT text, with the drawing options — focus,
//! highlighted paths and laundering chains, clusters, sizes, fading — applied to a view.

use super::chain_search::{self, Request};
use super::{FlowFilter, WeightSpec};
use crate::algo::chains::Scored;
use crate::budget::BudgetSpec;
use crate::error::{Error, Result};
use crate::measures::{self, Measure, MeasureOptions};
use crate::model::Network;
use crate::pattern::Pattern;
use crate::render::html::{self, List, ListKind, Mark};
use crate::render::{self, Cluster, ColorBy, Direction, Highlight, Options, Pen};
use crate::run::Run;
use crate::view::{View, check_flow_terms};

/// What to draw and how (the options of `netgraph dot` and `render`).
#[derive(Debug, Clone)]
pub struct DrawOptions {
    /// Collapse parallel flows between two actors into one edge labelled with every kind.
    pub merge: bool,
    /// Group actors in boxes by country, region or Leiden community.
    pub cluster: Cluster,
    /// What the fill colour shows.
    pub color_by: ColorBy,
    /// What line width shows.
    pub pen: Pen,
    /// Scale actor labels by a centrality measure.
    pub size_by: Option<Measure>,
    /// Draw only the actors within `depth` hops of these actor ids.
    pub focus: Vec<String>,
    /// Hops around the focus.
    pub depth: usize,
    /// Draw a shortest path `FROM:TO` bold and fade the rest.
    pub highlight_path: Option<String>,
    /// Draw the chains matching a pattern bold (`Some(None)`: the default laundering query).
    pub highlight_chains: Option<Option<String>>,
    /// Only chains starting at these actors (a selector).
    pub chain_from: Vec<String>,
    /// Only chains ending at these actors (a selector).
    pub chain_to: Vec<String>,
    /// The most flows in a highlighted chain.
    pub chain_max_hops: usize,
    /// Highlight only the N best chains by evidence.
    pub chain_top: Option<usize>,
    /// Stop the chain search after this many chains.
    pub chain_limit: usize,
    /// The chain search's budget.
    pub chain_budget: BudgetSpec,
    /// Flow kinds, or `@class`es, drawn faintly.
    pub fade: Vec<String>,
    /// Leave out actors with no flow drawn.
    pub hide_isolated: bool,
    /// Flow direction on the page.
    pub rankdir: Direction,
    /// Wrap actor names at this many characters (0: never).
    pub wrap: usize,
    /// Do not label edges with their kinds.
    pub no_edge_labels: bool,
    /// Do not draw the legend.
    pub no_legend: bool,
    /// How flows are weighted (for the highlighted path and sizes).
    pub weights: WeightSpec,
    /// Which flows to draw.
    pub filter: FlowFilter,
}

impl DrawOptions {
    /// Checks what can be checked without the network: a malformed `highlight_chains` pattern or
    /// `chain_top` 0 is [`Error::Usage`]. [`dot`] finds the same mistakes; the command line calls it before
    /// reading the network so that a usage mistake is reported first.
    pub fn check(&self) -> Result<()> {
        match &self.highlight_chains {
            Some(pattern) => chain_request(self, pattern.clone()).map(|_| ()),
            None => Ok(()),
        }
    }
}

impl Default for DrawOptions {
    fn default() -> Self {
        DrawOptions {
            merge: false,
            cluster: Cluster::None,
            color_by: ColorBy::Class,
            pen: Pen::Confidence,
            size_by: None,
            focus: Vec::new(),
            depth: 1,
            highlight_path: None,
            highlight_chains: None,
            chain_from: Vec::new(),
            chain_to: Vec::new(),
            chain_max_hops: 6,
            chain_top: None,
            chain_limit: 10_000,
            chain_budget: BudgetSpec::default(),
            fade: Vec::new(),
            hide_isolated: false,
            rankdir: Direction::LeftRight,
            wrap: 18,
            no_edge_labels: false,
            no_legend: false,
            weights: WeightSpec::default(),
            filter: FlowFilter::default(),
        }
    }
}

/// The DOT text of a network drawn with these options: Graphviz renders it (`render::run_graphviz`).
///
/// Cost: that of the view, plus the searches asked for (a shortest path, the chain search within
/// its budget, communities, a measure), plus O(V + E) to write the text.
///
/// # Example
///
/// ```
/// use netgraph_core::queries::draw::{DrawOptions, dot};
/// let net = netgraph_core::io::peru().unwrap();
/// let options = DrawOptions {
///     focus: vec!["tren-de-aragua".into()],
///     ..DrawOptions::default()
/// };
/// let text = dot(&net, &options, &netgraph_core::Run::default()).unwrap();
/// assert!(text.starts_with("digraph"));
/// assert!(text.contains("tren-de-aragua"));
/// ```
pub fn dot(net: &Network, draw: &DrawOptions, run: &Run) -> Result<String> {
    let (view, options, _) = drawing(net, draw, run)?;
    Ok(render::dot(&view, &options))
}

/// What the explorer page of a drawing needs: the DOT text for Graphviz (with the element ids the
/// page maps, [`Options::explorer`]) and the page's data (`render::html::page` joins Graphviz's
/// SVG and the data into the page).
#[derive(Debug, Clone)]
pub struct Explorer {
    /// The DOT text.
    pub dot: String,
    /// The actors, flows, classes, layers and the list of channels or chains.
    pub data: html::Data,
}

/// The DOT text and data of the explorer page of a network drawn with these options. The page
/// lists the chains `highlight_chains` made bold, or else the laundering channels of `netgraph
/// chains`' default query among the flows drawn (searched with `chain_max_hops`, `chain_limit` and
/// `chain_budget`; what stopped the search is said in the list, not on stderr).
///
/// Cost: that of [`dot`], plus the channel search when no chains are highlighted.
pub fn explorer(net: &Network, draw: &DrawOptions, run: &Run) -> Result<Explorer> {
    let (view, mut options, chains) = drawing(net, draw, run)?;
    options.explorer = true;
    let list = match chains {
        Some(chains) => chains,
        None => channel_list(&view, options.keep.as_deref(), draw, run),
    };
    Ok(Explorer {
        dot: render::dot(&view, &options),
        data: html::data(&view, &options, list),
    })
}

/// The view and drawing options, and with `--highlight-chains` the list of the chains highlighted.
fn drawing<'a>(
    net: &'a Network,
    draw: &DrawOptions,
    run: &Run,
) -> Result<(View<'a>, Options, Option<List>)> {
    let chain_pattern = match &draw.highlight_chains {
        Some(pattern) => Some(chain_request(draw, pattern.clone())?),
        None => None,
    };
    let view = draw.filter.view(net, false, run)?;
    let weighting = draw.weights.checked(net)?;
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
    for w in check_flow_terms(net, "--fade", &options.fade)? {
        run.warn(w);
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
        let mut label = crate::partition::communities(net, weighted.for_spectral()?);
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
            .map_err(|why| Error::Input(format!("cannot size actors by {m}: {why}")))?;
        options.sizes = Some((m.name().to_string(), scores));
    }
    let focus: Vec<String> = draw
        .focus
        .iter()
        .filter(|f| !f.is_empty())
        .cloned()
        .collect();
    if !focus.is_empty() {
        let centres = super::actor_positions(net, &focus)?;
        options.keep = Some(render::neighbourhood(&view, &centres, draw.depth));
        let hops = if draw.depth == 1 { "hop" } else { "hops" };
        options.captions.push(format!(
            "around {} ({} {hops})",
            names(net, &centres, ", "),
            draw.depth
        ));
        options.centres = centres;
    }
    if let Some(spec) = &draw.highlight_path {
        let (a, b) = spec
            .split_once(':')
            .filter(|(a, b)| !a.is_empty() && !b.is_empty() && !b.contains(':'))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--highlight-path \"{spec}\" needs two actor ids as FROM:TO"
                ))
            })?;
        let (from, to) = (super::actor(net, a)?, super::actor(net, b)?);
        let (actors, flows) = render::path_flows(&view, &weighting, from, to)?;
        options
            .captions
            .push(format!("shortest path {}", names(net, &actors, " → ")));
        options.highlight = Some(Highlight {
            actors,
            flows,
            meaning: "the path in the title".into(),
        });
    }
    let mut list = None;
    if let Some((request, pattern)) = chain_pattern {
        let (highlight, caption, chains) =
            chain_marks(&view, options.keep.as_deref(), request, &pattern, draw, run)?;
        list = Some(List {
            kind: ListKind::Chains,
            title: caption.clone(),
            notes: Vec::new(),
            items: chains.iter().map(|s| chain_mark(net, s)).collect(),
        });
        options.captions.push(caption);
        options.highlight = Some(highlight);
    }
    Ok((view, options, list))
}

/// A chain as the explorer page lists it: its actors, and its kinds and evidence.
fn chain_mark(net: &Network, s: &Scored) -> Mark {
    let kinds: Vec<&str> = s
        .chain
        .flows
        .iter()
        .map(|&f| net.flow(f as usize).kind())
        .collect();
    Mark {
        label: names(
            net,
            &s.chain
                .actors
                .iter()
                .map(|&a| a as usize)
                .collect::<Vec<_>>(),
            " → ",
        ),
        detail: format!(
            "{}; evidence {}",
            kinds.join(", "),
            crate::report::number(s.evidence)
        ),
        actors: s.chain.actors.iter().map(|&a| a as usize).collect(),
        flows: s.chain.flows.iter().map(|&f| f as usize).collect(),
    }
}

/// The laundering channels of the default query among the flows drawn, for the explorer page's
/// list. The search's notes and warnings go to the list, not to the run.
fn channel_list(view: &View, keep: Option<&[bool]>, draw: &DrawOptions, run: &Run) -> List {
    let net = view.network();
    let drawn = match keep {
        Some(k) => view.within(k),
        None => view.clone(),
    };
    let mut request = Request::new(None, draw.chain_max_hops, draw.chain_limit);
    request.limit_option = "--chain-limit";
    request.note_limit = false;
    request.budget = Some(std::sync::Arc::new(draw.chain_budget.start()));
    let quiet = Run {
        progress: run.progress.clone(),
        messages: Default::default(),
        threads: run.threads,
    };
    let pattern = match chain_search::parse(&request, "--highlight-chains") {
        Ok(p) => p,
        Err(e) => {
            return List {
                kind: ListKind::Channels,
                title: "no laundering channels".into(),
                notes: vec![e.to_string()],
                items: Vec::new(),
            };
        }
    };
    let outcome = chain_search::search(&drawn, &pattern, &request, &quiet);
    let mut notes: Vec<String> = quiet
        .messages
        .taken()
        .into_iter()
        .map(|m| match m {
            crate::run::Message::Note(t) | crate::run::Message::Warning(t) => t,
        })
        .collect();
    let by_budget = request.budget.as_ref().is_some_and(|b| b.truncated());
    if outcome.truncated && !by_budget {
        notes.push(format!(
            "the search stopped at {} chains (--chain-limit): more may exist",
            request.limit
        ));
    }
    notes.push(format!(
        "the default query of netgraph chains: {}",
        request.describe()
    ));
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let title = match outcome.channels.len() {
        0 => "no laundering channel among the flows drawn".to_string(),
        k => format!(
            "{} of {} among the flows drawn",
            plural(k, "laundering channel"),
            plural(outcome.chains.len(), "chain")
        ),
    };
    let items = outcome
        .channels
        .iter()
        .map(|c| {
            let mut actors = Vec::new();
            let mut flows = Vec::new();
            for &k in &c.chains {
                let chain = &outcome.chains[k].chain;
                actors.extend(chain.actors.iter().map(|&a| a as usize));
                flows.extend(chain.flows.iter().map(|&f| f as usize));
            }
            actors.sort_unstable();
            actors.dedup();
            flows.sort_unstable();
            flows.dedup();
            let origins: Vec<usize> = c.origins.iter().take(3).map(|&a| a as usize).collect();
            let more = match c.origins.len().saturating_sub(3) {
                0 => String::new(),
                k => format!(" and {k} more"),
            };
            Mark {
                label: format!(
                    "{} → {}: {}",
                    net.actors[c.from as usize].display_name(),
                    net.actors[c.to as usize].display_name(),
                    net.flow(c.flow as usize).kind()
                ),
                detail: format!(
                    "{} from {}{more}; best evidence {}",
                    plural(c.chains.len(), "chain"),
                    names(net, &origins, ", "),
                    crate::report::number(c.evidence)
                ),
                actors,
                flows,
            }
        })
        .collect();
    List {
        kind: ListKind::Channels,
        title,
        notes,
        items,
    }
}

/// The chain search that `--highlight-chains` asks for, with its pattern parsed (a malformed
/// pattern or `--chain-top 0` is bad usage). Actors are resolved once the network is loaded.
fn chain_request(draw: &DrawOptions, pattern: Option<String>) -> Result<(Request, Pattern)> {
    if draw.chain_top == Some(0) {
        return Err(Error::usage(
            "--chain-top 0 would highlight no chain: give N ≥ 1",
        ));
    }
    let mut request = Request::new(pattern, draw.chain_max_hops, draw.chain_limit);
    request.limit_option = "--chain-limit";
    request.budget = Some(std::sync::Arc::new(draw.chain_budget.start()));
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
    draw: &DrawOptions,
    run: &Run,
) -> Result<(Highlight, String, Vec<Scored>)> {
    let net = view.network();
    if !request.is_default() {
        chain_search::check_names(net, pattern, "--highlight-chains")?;
    }
    let from = chain_search::actors(net, &draw.chain_from, "--chain-from", run)?;
    let to = chain_search::actors(net, &draw.chain_to, "--chain-to", run)?;
    request.from = from.clone();
    request.to = to.clone();
    let drawn = match keep {
        Some(k) => view.within(k),
        None => view.clone(),
    };
    let outcome = chain_search::search(&drawn, pattern, &request, run);
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
    let by_budget = request.budget.as_ref().is_some_and(|b| b.truncated());
    if chosen.is_empty() && by_budget {
        return Err(Error::Input(format!(
            "the chain search stopped (--budget/--timeout) before it found a {}; raise --budget or --timeout",
            what(1)
        )));
    }
    if chosen.is_empty() {
        return Err(Error::Input(format!(
            "no {} among the flows drawn (check the filters{}, --chain-max-hops {})",
            what(1),
            if keep.is_some() { ", --focus" } else { "" },
            request.max_hops
        )));
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
    let stopped = if by_budget {
        " (search stopped by its budget)"
    } else if outcome.truncated {
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
        chosen.to_vec(),
    ))
}

fn names(net: &Network, actors: &[usize], separator: &str) -> String {
    actors
        .iter()
        .map(|&v| net.actors[v].display_name())
        .collect::<Vec<_>>()
        .join(separator)
}
