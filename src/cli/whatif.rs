//! `netgraph whatif`: before and after a scenario — the measure per actor with rank changes, weak
//! components, fragmentation, watched routes, chains broken, surviving and new
//! (`whatif_chains.rs`) and displacement (`whatif_flow.rs`) (DESIGN §5); or, with `--attack`, a
//! disruption experiment (`attack.rs`).
//!
//! The engine is two views and a diff: a [`Snapshot`] of the filtered view, one of each scenario's
//! edited view ([`Scenario::apply`]), and a [`Comparison`] that the report renders. Removed actors
//! are not in the after-graph: after-measures are those of the network without them (as NetworkX's
//! `G.remove_nodes_from`), normalised by the remaining n.

use super::whatif_chains::{self, ChainSet, ChainSettings};
use super::whatif_flow::{self, Displaced, Displacement};
use super::{FilterArgs, GraphArgs, OutputArgs, UsageError, WeightArgs, attack, whatif_report};
use anyhow::Context;
use clap::Args;
use netgraph_core::algo::attack::Mode;
use netgraph_core::algo::components::{fragmentation, weak_components};
use netgraph_core::algo::shortest::{ShortestPaths, shortest_path};
use netgraph_core::measures::{self, Measure, MeasureOptions};
use netgraph_core::model::Network;
use netgraph_core::queries::chain_search::RouteFlows;
use netgraph_core::scenario::{Edit, Scenario, ScenarioFile};
use netgraph_core::view::{View, Weighting};
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `netgraph whatif`.
#[derive(Debug, Args)]
pub struct WhatifArgs {
    #[command(flatten)]
    pub(super) graph: GraphArgs,
    /// Remove these actors and their flows: ids, actor kinds or @class, comma-separated
    /// (repeatable).
    #[arg(long, value_name = "A[,B…]", value_delimiter = ',')]
    remove: Vec<String>,
    /// Remove the flows from A to B, or only those of one kind or @class (repeatable).
    #[arg(long, value_name = "A:B[:kind]", value_parser = Edit::parse_cut)]
    cut: Vec<Edit>,
    /// Remove every flow of a kind, or of a class written @class (repeatable).
    #[arg(long = "drop-kind", value_name = "K")]
    drop_kind: Vec<String>,
    /// Add a flow from A to B of a kind (default link) (repeatable).
    #[arg(long, value_name = "A:B:kind", value_parser = Edit::parse_add)]
    add: Vec<Edit>,
    /// Compare the named scenarios of a JSON file side by side (DESIGN §5).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["remove", "cut", "drop_kind", "add"])]
    scenario: Option<PathBuf>,
    /// The measure compared [default: betweenness, or the scenario file's].
    #[arg(long, short = 'm', value_parser = super::choice::choice::<Measure>())]
    measure: Option<Measure>,
    /// Report reachability and the shortest route from A to B along the route flows
    /// (comma-separated pairs; each side an id, an actor kind or @class: the nearest pair).
    #[arg(long, value_name = "A:B[,C:D…]", value_delimiter = ',', value_parser = parse_watch)]
    watch: Vec<(String, String)>,
    /// Unnormalised degree and betweenness.
    #[arg(long)]
    pub(super) raw: bool,
    /// List every actor in the table, also those the scenario leaves unchanged.
    #[arg(long)]
    all: bool,
    /// Show only the N actors that change most (1 up).
    #[arg(long, value_name = "N", value_parser = super::parse_count)]
    top: Option<usize>,
    /// How many broken and new chains the table lists per scenario, those with most evidence
    /// first (JSON lists them all).
    #[arg(long, value_name = "N", default_value_t = 5)]
    chains_shown: usize,
    /// Disruption experiment: remove, step by step, the actor with the highest MEASURE (or random
    /// actors: `random`).
    #[arg(long, value_name = "MEASURE|random", conflicts_with_all = ["scenario", "remove", "cut", "drop_kind", "add", "watch", "measure", "all", "pattern", "max_hops", "limit", "capacity", "route_flows", "anywhere"])]
    pub(super) attack: Option<String>,
    /// Number of removals of the disruption experiment (1 to the number of actors).
    #[arg(long, value_name = "K", value_parser = clap::builder::TypedValueParser::map(clap::value_parser!(u64).range(1..), |k| usize::try_from(k).unwrap_or(usize::MAX)))]
    pub(super) steps: Option<usize>,
    /// Recompute the measure after each removal (sequential) or rank once (static).
    #[arg(long, value_parser = super::choice::choice::<Mode>())]
    pub(super) mode: Option<Mode>,
    /// Runs of the random baseline [default: 100] (1 to 4294967295; --timeout bounds them).
    #[arg(long, value_name = "R", value_parser = clap::value_parser!(u32).range(1..))]
    pub(super) runs: Option<u32>,
    /// Seed of the random baseline [default: 0].
    #[arg(long, value_name = "S")]
    pub(super) seed: Option<u64>,
    /// Compare the chains matching this flow-kind pattern; the default start and end rules still
    /// apply unless --anywhere [default: the laundering query, as in `chains`]
    #[arg(long, short = 'p', value_name = "P")]
    pattern: Option<String>,
    /// Compare chains that start and end at any actor (drop the default start and end rules).
    #[arg(long)]
    anywhere: bool,
    /// The most flows in a compared chain.
    #[arg(long, value_name = "H", default_value_t = 6)]
    max_hops: usize,
    /// Stop each side's chain enumeration after L chains (and say so).
    #[arg(long, value_name = "L", default_value_t = 10_000)]
    limit: usize,
    /// The flows that carry value along watched routes and the displacement max-flow: kinds,
    /// @class or . (every flow), comma-separated [default: kinds with a value role — commodity,
    /// money, asset — the flows the laundering chains follow]
    #[arg(long, value_name = "K[,K…]", value_delimiter = ',')]
    route_flows: Vec<String>,
    /// Flow field read as each flow's capacity in the displacement max-flow [default: 1 per flow]
    #[arg(long, value_name = "FIELD")]
    capacity: Option<String>,
    /// Worker threads for the parallel kernels [default: all cores] (1 to 4 × the cores).
    #[arg(long, value_name = "N", value_parser = super::parse_threads)]
    threads: Option<u16>,
    /// Bounds the disruption experiment (--attack): an expansion is a removal step, or a random
    /// run.
    #[command(flatten)]
    pub(super) budget: super::budget_args::BudgetArgs,
    #[command(flatten)]
    pub(super) weights: WeightArgs,
    #[command(flatten)]
    pub(super) filters: FilterArgs,
    #[command(flatten)]
    pub(super) output: OutputArgs,
}

fn parse_watch(text: &str) -> Result<(String, String), String> {
    match text.split_once(':') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() && !b.contains(':') => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err(format!("\"{text}\" is not A:B")),
    }
}

/// A shortest route between a watched pair, in original actor positions.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Route {
    /// Hops, or the summed distance with `--weight`/`--strength`; `None` when unreachable.
    pub length: Option<f64>,
    /// One shortest path (ties to the smallest positions), both ends included.
    pub path: Option<Vec<usize>>,
}

/// One side of a comparison: the view before, or after one scenario. Vectors are indexed by the
/// original actor position; `None` marks a removed actor.
#[derive(Debug, Clone)]
pub(super) struct Snapshot {
    /// The scenario's name ("before" for the intact view).
    pub name: String,
    /// The scenario's edits, as text.
    pub edits: Vec<String>,
    /// Actors and flows in the view.
    pub actors: usize,
    pub flows: usize,
    /// The measure per actor.
    pub scores: Vec<Option<f64>>,
    /// Rank (1 = highest) per actor.
    pub ranks: Vec<Option<usize>>,
    /// Number of weak components and the largest one's size.
    pub components: usize,
    pub largest: usize,
    /// Borgatti's fragmentation of the actors in the view.
    pub fragmentation: f64,
    /// One route per watched pair; `None` when an end is removed.
    pub routes: Vec<Option<Route>>,
    /// The chains found.
    pub chains: ChainSet,
    /// The maximum criminal → legal flow and its routes.
    pub displacement: Displacement,
    /// For each channel the scenario breaks, where its value can go instead (after sides only).
    pub displaced: Vec<Displaced>,
}

/// Everything a what-if report shows.
#[derive(Debug)]
pub(super) struct Comparison<'a> {
    pub net: &'a Network,
    pub measure: Measure,
    /// Watched pairs.
    pub watch: Vec<Watched>,
    pub before: Snapshot,
    pub after: Vec<Snapshot>,
    /// Whether the scenarios came from a file (JSON then lists them by name).
    pub from_file: bool,
    /// The chains compared.
    pub chains: &'a ChainSettings,
    /// The flow field read as capacity by the displacement max-flow (1 per flow when `None`).
    pub capacity: Option<&'a str>,
    /// The "before" view: its line heads tables, its JSON goes in `"view"`.
    pub view: &'a View<'a>,
    /// The flows routes follow.
    pub route: &'a RouteFlows,
}

/// What to compute on each side.
struct Settings {
    measure: Measure,
    options: MeasureOptions,
    weighting: Weighting,
    watch: Vec<Watched>,
    chains: ChainSettings,
    capacity: Option<String>,
    route: RouteFlows,
}

/// Computes one side on a view whose actor `i` is original actor `original[i]` and whose flow `f`
/// is original flow `flow_origin[f]` (`None`: added). The `first` side also says on stderr what the
/// options did not find (pattern terms, capacity fields).
fn snapshot(
    view: &View,
    (original, flow_origin): (&[usize], &[Option<usize>]),
    n: usize,
    settings: &Settings,
    first: bool,
) -> anyhow::Result<Snapshot> {
    let side = view.network();
    let chains = whatif_chains::find(view, original, flow_origin, &settings.chains, first);
    let routed = route_view(view, &settings.route);
    let (displacement, missing) =
        whatif_flow::compute(&routed, original, settings.capacity.as_deref())?;
    if let (true, Some(field)) = (first, &settings.capacity) {
        super::hops::note_missing(view, field, missing, "capacity 1");
    }
    let weighted = view.graph(&settings.weighting)?;
    let m = settings.measure;
    let scores = measures::compute(m, &weighted, &settings.options)
        .map_err(|why| anyhow::anyhow!("{m} cannot be computed: {why}"))?;
    let everyone: Vec<usize> = (0..side.actor_count()).collect();
    let order = netgraph_core::rank::ranking(side, Some(&scores), &everyone);
    let ranks = netgraph_core::rank::shared_ranks(Some(&scores), &order);
    let mut snap = Snapshot {
        name: "before".into(),
        edits: Vec::new(),
        actors: side.actor_count(),
        flows: view.flows().len(),
        scores: vec![None; n],
        ranks: vec![None; n],
        components: 0,
        largest: 0,
        fragmentation: 0.0,
        routes: Vec::new(),
        chains,
        displacement,
        displaced: Vec::new(),
    };
    for (&i, &rank) in order.iter().zip(&ranks) {
        snap.scores[original[i]] = Some(scores[i]);
        snap.ranks[original[i]] = Some(rank);
    }
    let (_, sizes) = weak_components(&weighted.graph);
    snap.components = sizes.len();
    snap.largest = sizes.iter().copied().max().unwrap_or(0);
    snap.fragmentation = fragmentation(&sizes);
    let mut here = vec![None; n];
    for (i, &p) in original.iter().enumerate() {
        here[p] = Some(i);
    }
    let routes = routed.graph(&settings.weighting)?;
    let g = routes.for_paths()?;
    let mut sp = ShortestPaths::new(g.n());
    for w in &settings.watch {
        let present = |at: &[usize]| -> Vec<usize> { at.iter().filter_map(|&a| here[a]).collect() };
        let (sources, targets) = (present(&w.from), present(&w.to));
        if sources.is_empty() || targets.is_empty() {
            snap.routes.push(None);
            continue;
        }
        // The nearest (source, target) pair; ties to the smallest original positions.
        let mut best: Option<(f64, usize, usize)> = None;
        for &s in &sources {
            sp.run(g.out(), g.is_weighted(), s, false);
            for &t in targets.iter().filter(|&&t| t != s) {
                let d = sp.dist[t];
                let better = best.is_none_or(|(bd, bs, bt)| {
                    d < bd || (d == bd && (original[s], original[t]) < (original[bs], original[bt]))
                });
                if d.is_finite() && better {
                    best = Some((d, s, t));
                }
            }
        }
        let route = match best {
            Some((d, s, t)) => Route {
                length: Some(d),
                path: shortest_path(g, s, t).map(|p| p.into_iter().map(|i| original[i]).collect()),
            },
            None => Route {
                length: None,
                path: None,
            },
        };
        snap.routes.push(Some(route));
    }
    Ok(snap)
}

/// The view keeping only the flows that carry value along routes.
fn route_view<'a>(view: &View<'a>, route: &RouteFlows) -> View<'a> {
    let net = view.network();
    view.with_flows(|i| route.carries(net, net.flow(i).kind()))
}

/// A watched pair: the actors each side selects (original positions) and the side as written.
#[derive(Debug, Clone)]
pub(super) struct Watched {
    pub from: Vec<usize>,
    pub to: Vec<usize>,
    pub from_text: String,
    pub to_text: String,
}

/// Resolves watched pairs, each side a selector term (an id, an actor kind or `@class`); an
/// unknown name is bad usage with the closest known names.
fn watched(net: &Network, pairs: &[(String, String)]) -> anyhow::Result<Vec<Watched>> {
    let side = |text: &str| -> anyhow::Result<(Vec<usize>, String)> {
        let selector = super::selector(net, &[text.to_string()])
            .map_err(|e| UsageError(format!("--watch: {e}")))?;
        let at = selector.actors(net);
        if at.is_empty() {
            super::note(&format!("--watch {text} selects no actor"));
        }
        Ok((at, selector.text().to_string()))
    };
    pairs
        .iter()
        .map(|(a, b)| {
            let ((from, from_text), (to, to_text)) = (side(a)?, side(b)?);
            Ok(Watched {
                from,
                to,
                from_text,
                to_text,
            })
        })
        .collect()
}

impl WhatifArgs {
    /// The scenario given by command-line edits, if any.
    /// `--remove` is a selector (ids, actor kinds, `@class`): one removal per actor selected.
    fn command_line_scenario(&self, net: &Network) -> anyhow::Result<Option<Scenario>> {
        // Every unknown name of --remove, --cut and --add in one error.
        let mut unknown: Vec<String> = self
            .remove
            .iter()
            .flat_map(|t| t.split(','))
            .map(str::trim)
            .filter(|w| !w.is_empty() && super::selector(net, &[w.to_string()]).is_err())
            .map(String::from)
            .collect();
        let edits_only = Scenario::from_edits(self.cut.iter().chain(&self.add).cloned().collect());
        unknown.extend(edits_only.unknown_actors(net).into_iter().map(String::from));
        if !unknown.is_empty() {
            super::actors(net, &unknown)?;
        }
        let removed = super::selector(net, &self.remove)?;
        let at = removed.actors(net);
        if !removed.is_empty() && at.is_empty() {
            super::note(&format!("--remove {} selects no actor", removed.text()));
        }
        let mut edits: Vec<Edit> = at
            .into_iter()
            .map(|a| Edit::Remove(net.actors[a].id.to_string()))
            .collect();
        edits.extend(self.cut.iter().cloned());
        edits.extend(self.drop_kind.iter().map(|k| Edit::DropKind(k.clone())));
        edits.extend(self.add.iter().cloned());
        Ok((!edits.is_empty()).then(|| Scenario::from_edits(edits)))
    }
}

/// Runs the command in a pool of `--threads` workers.
pub fn run(args: &WhatifArgs) -> anyhow::Result<ExitCode> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, usize::from))
        .build()?;
    pool.install(|| run_here(args))
}

fn run_here(args: &WhatifArgs) -> anyhow::Result<ExitCode> {
    if let Some(target) = &args.attack {
        return attack::run(args, target);
    }
    let format = args.output.format()?;
    for (flag, given) in [
        ("--steps", args.steps.is_some()),
        ("--mode", args.mode.is_some()),
        ("--runs", args.runs.is_some()),
        ("--seed", args.seed.is_some()),
    ] {
        if given {
            return Err(UsageError(format!("{flag} needs --attack")).into());
        }
    }
    let mut chains = ChainSettings::new(args.pattern.as_deref(), args.max_hops, args.limit)?;
    let net = args.graph.load()?;
    chains.check_names(&net)?;
    let route = RouteFlows::parse(
        &net,
        &args.route_flows,
        "--route-flows",
        &super::context(None),
    )?;
    chains.anywhere = args.anywhere;
    // Each side's chain search is bounded on its own (--budget, --timeout).
    chains.budget = Some(args.budget.clone());
    let (scenarios, measure, watch, from_file) = match (
        &args.scenario,
        args.command_line_scenario(&net)?,
    ) {
        (Some(path), _) => {
            let file = ScenarioFile::read(path, &net)?;
            let measure = match (args.measure, &file.measure) {
                (Some(m), _) => m,
                (None, Some(name)) => <Measure as netgraph_core::choice::Choice>::from_name(name)
                    .ok_or_else(|| {
                    anyhow::anyhow!("{}: measure: unknown measure \"{name}\"", path.display())
                })?,
                (None, None) => Measure::Betweenness,
            };
            let watch = if args.watch.is_empty() {
                file.watch
            } else {
                args.watch.clone()
            };
            (file.scenarios, measure, watch, true)
        }
        (None, Some(s)) => {
            let unknown = s.unknown_actors(&net);
            if !unknown.is_empty() {
                let ids: Vec<String> = unknown.iter().map(|s| s.to_string()).collect();
                super::actors(&net, &ids)?;
            }
            let measure = args.measure.unwrap_or(Measure::Betweenness);
            (vec![s], measure, args.watch.clone(), false)
        }
        (None, None) => {
            return Err(UsageError(
                "nothing to compare: give edits (--remove, --cut, --drop-kind, --add), --scenario FILE, or --attack MEASURE --steps K".into(),
            )
            .into());
        }
    };
    let view = args.filters.view(&net, false)?;
    let settings = Settings {
        measure,
        options: MeasureOptions {
            raw: args.raw,
            ..MeasureOptions::default()
        },
        weighting: args.weights.checked(&net)?,
        watch: watched(&net, &watch)?,
        chains,
        capacity: args.capacity.clone(),
        route,
    };
    super::check_flow_field(&net, "--capacity", args.capacity.as_deref())?;
    let n = net.actor_count();
    let identity: Vec<usize> = (0..n).collect();
    let flows: Vec<Option<usize>> = (0..net.flow_count()).map(Some).collect();
    let before = snapshot(&view, (&identity, &flows), n, &settings, true)?;
    let missing = view.graph(&settings.weighting)?.missing;
    super::note_missing_weight(&settings.weighting, missing, view.flows().len());
    let mut after = Vec::with_capacity(scenarios.len());
    for s in &scenarios {
        let edited = s
            .apply(&view)
            .map_err(|why| anyhow::anyhow!("scenario \"{}\": {why}", s.name))?;
        for note in edited.notes() {
            super::warn(&format!("scenario \"{}\": {note}", s.name));
        }
        let positions = (edited.original_positions(), edited.flow_origins());
        let edited_view = edited.view();
        let mut snap = snapshot(&edited_view, positions, n, &settings, false)
            .with_context(|| format!("after scenario \"{}\"", s.name))?;
        let broken = whatif_chains::diff_channels(&before.chains, &snap.chains).broken;
        snap.displaced = whatif_flow::displaced(
            &route_view(&edited_view, &settings.route),
            edited.original_positions(),
            settings.capacity.as_deref(),
            (&before.chains, &snap.chains),
            &broken,
        )?;
        snap.name = if from_file {
            s.name.clone()
        } else {
            "after".into()
        };
        snap.edits = s.edits.iter().map(|e| e.to_string()).collect();
        after.push(snap);
    }
    for side in std::iter::once(&before).chain(&after) {
        if side.chains.truncated {
            super::note(&format!(
                "chains {}: stopped after {} chains (--limit), or earlier at the budget a warning names; broken, surviving and new may be incomplete",
                side.name, args.limit
            ));
        }
    }
    let comparison = Comparison {
        net: &net,
        measure,
        watch: settings.watch,
        before,
        after,
        from_file,
        chains: &settings.chains,
        capacity: settings.capacity.as_deref(),
        view: &view,
        route: &settings.route,
    };
    let shown = whatif_report::Shown {
        all: args.all,
        top: args.top,
        chains: args.chains_shown,
    };
    let text = whatif_report::render(&comparison, format, &shown)?;
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
