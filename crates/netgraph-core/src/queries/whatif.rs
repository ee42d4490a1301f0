//! `netgraph whatif`: before and after a scenario — the measure per actor with rank changes, weak
//! components, fragmentation, watched routes, chains broken, surviving and new ([`chain_diff`])
//! and displacement ([`displacement`]) (docs/whatif.md). The disruption experiment (`whatif
//! --attack`) is [`super::attack`].
//!
//! The engine is two views and a diff: a [`Snapshot`] of the filtered view, one of each scenario's
//! edited view ([`Scenario::apply`]), and a [`Whatif`] comparing them. Removed actors are not in
//! the after-graph: after-measures are those of the network without them (as NetworkX's
//! `G.remove_nodes_from`), normalised by the remaining n.
//!
//! JSON for command-line edits: `{"view", "actors": [{"id", "before", "after", "delta",
//! "rank_before", "rank_after"}], "fragmentation": {"before", "after"}, "components": {"before",
//! "after"}, "watch": [{"from", "to", "before", "after"}], "chains": {…}, "channels": {…},
//! "displacement": {…}}` with `after: null` for removed actors (and for routes from or to them);
//! the last three sections are described in [`chain_diff::json`], [`chain_diff::channels_json`] and
//! [`displacement::json`]. A scenario file gives `{"view", "measure", "scenarios": [{"name",
//! "edits", …the same keys…}]}`.

use super::chain_diff::{self, ChainSet, ChainSettings};
use super::chain_search::RouteFlows;
use super::displacement::{self, Displaced, Displacement};
use super::{FlowFilter, WeightSpec, note_missing_weight};
use crate::algo::components::{fragmentation, weak_components};
use crate::algo::shortest::{ShortestPaths, shortest_path};
use crate::budget::BudgetSpec;
use crate::error::{Error, Result};
use crate::measures::{self, Measure, MeasureOptions};
use crate::model::Network;
use crate::report;
use crate::run::Run;
use crate::scenario::{Edit, Scenario, ScenarioFile};
use crate::selector::Selector;
use crate::view::{View, Weighting};
use serde::ser::{Serialize, Serializer};
use serde_json::{Value, json};
use std::path::PathBuf;

/// Options of [`whatif`], named as the command line's.
#[derive(Debug, Clone)]
pub struct WhatifOptions {
    /// Remove these actors and their flows: ids, actor kinds or `@class` (comma lists allowed).
    pub remove: Vec<String>,
    /// Remove the flows from A to B, or only those of one kind or `@class`.
    pub cut: Vec<Edit>,
    /// Remove every flow of a kind, or of a class written `@class`.
    pub drop_kind: Vec<String>,
    /// Add flows.
    pub add: Vec<Edit>,
    /// Compare the named scenarios of this JSON file side by side (instead of the edits).
    pub scenario: Option<PathBuf>,
    /// The measure compared; `None`: the scenario file's, else betweenness.
    pub measure: Option<Measure>,
    /// Pairs (A, B) whose shortest route along the route flows is reported; each side an id, an
    /// actor kind or `@class` (the nearest pair). `None` with a scenario file: the file's.
    pub watch: Vec<(String, String)>,
    /// Unnormalised degree and betweenness.
    pub raw: bool,
    /// Only the N actors that change most.
    pub top: Option<usize>,
    /// The flow-kind pattern of the compared chains; `None`: the laundering query.
    pub pattern: Option<String>,
    /// Compare chains that start and end at any actor.
    pub anywhere: bool,
    /// The most flows in a compared chain.
    pub max_hops: usize,
    /// Stop each side's chain enumeration after this many chains.
    pub limit: usize,
    /// The flows that carry value along watched routes and the displacement max-flow: kinds,
    /// `@class` or `.`; empty: the kinds with a value role.
    pub route_flows: Vec<String>,
    /// Flow field read as each flow's capacity in the displacement max-flow; `None`: 1 per flow.
    pub capacity: Option<String>,
    /// The bound of each side's chain search.
    pub budget: BudgetSpec,
    /// How flows are weighted.
    pub weights: WeightSpec,
    /// Which flows count.
    pub filter: FlowFilter,
}

impl Default for WhatifOptions {
    fn default() -> Self {
        WhatifOptions {
            remove: Vec::new(),
            cut: Vec::new(),
            drop_kind: Vec::new(),
            add: Vec::new(),
            scenario: None,
            measure: None,
            watch: Vec::new(),
            raw: false,
            top: None,
            pattern: None,
            anywhere: false,
            max_hops: 6,
            limit: 10_000,
            route_flows: Vec::new(),
            capacity: None,
            budget: BudgetSpec::default(),
            weights: WeightSpec::default(),
            filter: FlowFilter::default(),
        }
    }
}

impl WhatifOptions {
    /// The checks that need no network: a malformed `pattern` is [`Error::Usage`]. [`whatif`]
    /// makes them too; a front end may make them before loading the network.
    pub fn validate(&self) -> Result<()> {
        self.chain_settings().map(|_| ())
    }

    fn chain_settings(&self) -> Result<ChainSettings> {
        ChainSettings::new(self.pattern.as_deref(), self.max_hops, self.limit)
    }

    /// The scenario given by the edits, if any. `remove` is a selector (ids, actor kinds,
    /// `@class`): one removal per actor selected.
    fn edits_scenario(&self, net: &Network, run: &Run) -> Result<Option<Scenario>> {
        // Every unknown name of remove, cut and add in one error.
        let mut unknown: Vec<String> = self
            .remove
            .iter()
            .flat_map(|t| t.split(','))
            .map(str::trim)
            .filter(|w| !w.is_empty() && Selector::parse(net, &[w.to_string()]).is_err())
            .map(String::from)
            .collect();
        let mut options: Vec<&str> = Vec::new();
        if !unknown.is_empty() {
            options.push("--remove");
        }
        for (option, edits) in [("--cut", &self.cut), ("--add", &self.add)] {
            let named = Scenario::from_edits(edits.clone());
            let missing = named.unknown_actors(net);
            if !missing.is_empty() {
                options.push(option);
                unknown.extend(missing.into_iter().map(String::from));
            }
        }
        let mut seen = std::collections::HashSet::new();
        unknown.retain(|id| seen.insert(id.clone()));
        if !unknown.is_empty() {
            // The message names the options that hold the unknown names.
            if let Err(e) = super::actor_positions(net, &unknown) {
                return Err(Error::Usage(format!("{}: {e}", options.join(", "))));
            }
        }
        let removed = super::selector(net, &self.remove)?;
        let at = removed.actors(net);
        if !removed.is_empty() && at.is_empty() {
            run.note(format!("--remove {} selects no actor", removed.text()));
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

/// A shortest route between a watched pair, in original actor positions.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchRoute {
    /// Hops, or the summed distance with a weight or strength; `None` when unreachable.
    pub length: Option<f64>,
    /// One shortest path (ties to the smallest positions), both ends included.
    pub path: Option<Vec<usize>>,
}

/// One side of a comparison: the view before, or after one scenario. Vectors are indexed by the
/// original actor position; `None` marks a removed actor.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The scenario's name ("before" for the intact view, "after" for command-line edits).
    pub name: String,
    /// The scenario's edits, as text.
    pub edits: Vec<String>,
    /// Actors in the view.
    pub actors: usize,
    /// Flows in the view.
    pub flows: usize,
    /// The measure per actor.
    pub scores: Vec<Option<f64>>,
    /// Rank (1 = highest, shared on ties) per actor.
    pub ranks: Vec<Option<usize>>,
    /// Number of weak components.
    pub components: usize,
    /// The largest weak component's size.
    pub largest: usize,
    /// Borgatti's fragmentation of the actors in the view.
    pub fragmentation: f64,
    /// One route per watched pair; `None` when an end is removed.
    pub routes: Vec<Option<WatchRoute>>,
    /// The chains found.
    pub chains: ChainSet,
    /// The maximum criminal → legal flow and its routes.
    pub displacement: Displacement,
    /// For each channel the scenario breaks, where its value can go instead (after sides only).
    pub displaced: Vec<Displaced>,
}

/// A watched pair: the actors each side selects (original positions) and the side as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watched {
    /// The actors the first side selects.
    pub from: Vec<usize>,
    /// The actors the second side selects.
    pub to: Vec<usize>,
    /// The first side, as the selector reads.
    pub from_text: String,
    /// The second side, as the selector reads.
    pub to_text: String,
}

/// Before and after one or more scenarios: everything a what-if report shows.
#[derive(Debug, Clone)]
pub struct Whatif<'a> {
    /// The network compared.
    pub net: &'a Network,
    /// The "before" view in words (the line above a table).
    pub view_line: String,
    /// The "before" view, as the JSON `"view"` object.
    pub view: Value,
    /// The measure compared.
    pub measure: Measure,
    /// Watched pairs.
    pub watch: Vec<Watched>,
    /// The filtered view.
    pub before: Snapshot,
    /// One side per scenario, in order.
    pub after: Vec<Snapshot>,
    /// Whether the scenarios came from a file (JSON then lists them by name).
    pub from_file: bool,
    /// The chains compared.
    pub chains: ChainSettings,
    /// The flow field read as capacity by the displacement max-flow (1 per flow when `None`).
    pub capacity: Option<String>,
    /// The flows routes follow.
    pub route: RouteFlows,
    /// Only this many actors are listed (`top`).
    pub top: Option<usize>,
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

/// Keeps an error's kind, its message prefixed.
fn within(prefix: &str, e: Error) -> Error {
    match e {
        Error::Usage(m) => Error::Usage(format!("{prefix}: {m}")),
        other => Error::Input(format!("{prefix}: {other}")),
    }
}

/// Computes one side on a view whose actor `i` is original actor `original[i]` and whose flow `f`
/// is original flow `flow_origin[f]` (`None`: added). The `first` side also notes what the
/// options did not find (pattern terms, capacity fields).
fn snapshot(
    view: &View,
    (original, flow_origin): (&[usize], &[Option<usize>]),
    n: usize,
    settings: &Settings,
    first: bool,
    run: &Run,
) -> Result<Snapshot> {
    let side = view.network();
    let chains = chain_diff::find(view, original, flow_origin, &settings.chains, first, run);
    let routed = route_view(view, &settings.route);
    let (displacement, missing) =
        displacement::compute(&routed, original, settings.capacity.as_deref())?;
    if let (true, Some(field)) = (first, &settings.capacity) {
        super::note_missing_field(run, view, field, missing, "capacity 1");
    }
    let weighted = view.graph(&settings.weighting)?;
    let m = settings.measure;
    let scores = measures::compute(m, &weighted, &settings.options)
        .map_err(|why| Error::Input(format!("{m} cannot be computed: {why}")))?;
    let everyone: Vec<usize> = (0..side.actor_count()).collect();
    let order = crate::rank::ranking(side, Some(&scores), &everyone);
    let ranks = crate::rank::shared_ranks(Some(&scores), &order);
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
            Some((d, s, t)) => WatchRoute {
                length: Some(d),
                path: shortest_path(g, s, t).map(|p| p.into_iter().map(|i| original[i]).collect()),
            },
            None => WatchRoute {
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

/// Resolves watched pairs, each side a selector term (an id, an actor kind or `@class`); an
/// unknown name is [`Error::Usage`] with the closest known names.
fn watched(net: &Network, pairs: &[(String, String)], run: &Run) -> Result<Vec<Watched>> {
    let side = |text: &str| -> Result<(Vec<usize>, String)> {
        let selector = Selector::parse(net, &[text.to_string()])
            .map_err(|e| Error::Usage(format!("--watch: {e}")))?;
        let at = selector.actors(net);
        if at.is_empty() {
            run.note(format!("--watch {text} selects no actor"));
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

/// Before and after a scenario: the edits of `options` (removals, cuts, dropped kinds, added
/// flows) as one scenario, or the scenarios of a file side by side.
///
/// Each side gets the measure per actor with ranks, its weak components and fragmentation, the
/// shortest route of each watched pair, the chains of the laundering query (or `pattern`) and
/// their channels, and the maximum criminal → legal flow; each scenario side also says where the
/// value of each channel it breaks can go instead. Notes and warnings go to `run`: selectors that
/// select nothing, edits that change nothing, flows lacking a weight or capacity, chain searches
/// stopped at `limit` or at their budget.
///
/// Errors: [`Error::Usage`] for unknown names (actors, kinds, fields, with the closest known) or
/// nothing to compare; [`Error::Input`] for a scenario file that does not load or a measure that
/// cannot be computed. Cost per side: that of the measure, the chain search (bounded by `limit`
/// and `budget`), one max-flow and one shortest-path search per watched source; plus one max-flow
/// per broken channel.
///
/// # Example
///
/// ```
/// use netgraph_core::queries::whatif::{WhatifOptions, whatif};
/// let net = netgraph_core::io::peru().unwrap();
/// let options = WhatifOptions {
///     remove: vec!["sanchez-paredes".into()],
///     ..WhatifOptions::default()
/// };
/// let result = whatif(&net, &options, &netgraph_core::Run::default()).unwrap();
/// let p = net.position("sanchez-paredes").unwrap();
/// assert!(result.before.scores[p].is_some());
/// assert_eq!(result.after[0].scores[p], None); // removed
/// assert_eq!(result.after[0].actors, result.before.actors - 1);
/// assert_eq!(result.to_json()["actors"][0]["id"], "sanchez-paredes");
/// ```
pub fn whatif<'a>(net: &'a Network, options: &WhatifOptions, run: &Run) -> Result<Whatif<'a>> {
    run.install(|| compare(net, options, run))?
}

fn compare<'a>(net: &'a Network, options: &WhatifOptions, run: &Run) -> Result<Whatif<'a>> {
    let mut chains = options.chain_settings()?;
    chains.check_names(net)?;
    let route = RouteFlows::parse(net, &options.route_flows, "--route-flows", run)?;
    chains.anywhere = options.anywhere;
    // Each side's chain search is bounded on its own.
    chains.budget = Some(options.budget);
    let (scenarios, measure, watch, from_file) = match (
        &options.scenario,
        options.edits_scenario(net, run)?,
    ) {
        (Some(path), _) => {
            let file = ScenarioFile::read(path, net)?;
            let measure = match (options.measure, &file.measure) {
                (Some(m), _) => m,
                (None, Some(name)) => <Measure as crate::choice::Choice>::from_name(name)
                    .ok_or_else(|| {
                        Error::Input(format!(
                            "{}: measure: unknown measure \"{name}\"",
                            path.display()
                        ))
                    })?,
                (None, None) => Measure::Betweenness,
            };
            let watch = if options.watch.is_empty() {
                file.watch
            } else {
                options.watch.clone()
            };
            (file.scenarios, measure, watch, true)
        }
        (None, Some(s)) => {
            let unknown = s.unknown_actors(net);
            if !unknown.is_empty() {
                let ids: Vec<String> = unknown.iter().map(|s| s.to_string()).collect();
                super::actor_positions(net, &ids)?;
            }
            let measure = options.measure.unwrap_or(Measure::Betweenness);
            (vec![s], measure, options.watch.clone(), false)
        }
        (None, None) => {
            return Err(Error::usage(
                "nothing to compare: give edits (--remove, --cut, --drop-kind, --add), --scenario FILE, or --attack MEASURE --steps K",
            ));
        }
    };
    let view = options.filter.view(net, false, run)?;
    let settings = Settings {
        measure,
        options: MeasureOptions {
            raw: options.raw,
            ..MeasureOptions::default()
        },
        weighting: options.weights.checked(net)?,
        watch: watched(net, &watch, run)?,
        chains,
        capacity: options.capacity.clone(),
        route,
    };
    super::check_flow_field(net, "--capacity", options.capacity.as_deref())?;
    let n = net.actor_count();
    let identity: Vec<usize> = (0..n).collect();
    let flows: Vec<Option<usize>> = (0..net.flow_count()).map(Some).collect();
    let before = snapshot(&view, (&identity, &flows), n, &settings, true, run)?;
    let missing = view.graph(&settings.weighting)?.missing;
    note_missing_weight(run, &settings.weighting, missing, view.flows().len());
    let mut after = Vec::with_capacity(scenarios.len());
    for s in &scenarios {
        let edited = s
            .apply(&view)
            .map_err(|why| Error::Input(format!("scenario \"{}\": {why}", s.name)))?;
        for note in edited.notes() {
            run.warn(format!("scenario \"{}\": {note}", s.name));
        }
        let positions = (edited.original_positions(), edited.flow_origins());
        let edited_view = edited.view();
        let mut snap = snapshot(&edited_view, positions, n, &settings, false, run)
            .map_err(|e| within(&format!("after scenario \"{}\"", s.name), e))?;
        let broken = chain_diff::diff_channels(&before.chains, &snap.chains).broken;
        snap.displaced = displacement::displaced(
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
            run.note(format!(
                "chains {}: stopped after {} chains (--limit), or earlier at the budget a warning names; broken, surviving and new may be incomplete",
                side.name, options.limit
            ));
        }
    }
    Ok(Whatif {
        net,
        view_line: view.describe(),
        view: view.json(),
        measure,
        watch: settings.watch,
        before,
        after,
        from_file,
        chains: settings.chains,
        capacity: settings.capacity,
        route: settings.route,
        top: options.top,
    })
}

impl Whatif<'_> {
    /// The change of actor `p`'s score from `before` to `after` (`None` when removed).
    pub fn delta(before: &Snapshot, after: &Snapshot, p: usize) -> Option<f64> {
        Some(after.scores[p]? - before.scores[p]?)
    }

    /// Whether a scenario changes actor `p`: removed, a different score, or a different rank.
    pub fn changed(before: &Snapshot, after: &Snapshot, p: usize) -> bool {
        match (before.scores[p], after.scores[p]) {
            (Some(b), Some(a)) => {
                (a - b).abs() > 1e-12 * a.abs().max(b.abs()) || before.ranks[p] != after.ranks[p]
            }
            _ => true,
        }
    }

    /// Actor positions, biggest change first: removed actors, then by the largest |delta| over
    /// the `after` sides, then by rank before; only actors some side changes when
    /// `only_changed`; at most `top`.
    pub fn order(&self, after: &[&Snapshot], only_changed: bool) -> Vec<usize> {
        let n = self.net.actor_count();
        let key = |p: usize| {
            let removed = after.iter().any(|a| a.scores[p].is_none());
            let size = after
                .iter()
                .filter_map(|a| Self::delta(&self.before, a, p))
                .map(f64::abs)
                .fold(0.0, f64::max);
            (removed, size, self.before.ranks[p].unwrap_or(usize::MAX))
        };
        let mut list: Vec<usize> = (0..n)
            .filter(|&p| !only_changed || after.iter().any(|a| Self::changed(&self.before, a, p)))
            .collect();
        list.sort_by(|&x, &y| {
            let (a, b) = (key(x), key(y));
            b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2))
        });
        list.truncate(self.top.unwrap_or(list.len()));
        list
    }

    /// The id of actor `p`.
    pub fn id(&self, p: usize) -> &str {
        &self.net.actors[p].id
    }

    fn route_json(&self, route: &Option<WatchRoute>) -> Value {
        match route {
            None => Value::Null,
            Some(r) => json!({
                "reachable": r.length.is_some(),
                "length": report::json_number(r.length),
                "path": r.path.as_ref().map(|p| p.iter().map(|&v| self.id(v)).collect::<Vec<_>>()),
            }),
        }
    }

    fn diff_json(&self, after: &Snapshot) -> serde_json::Map<String, Value> {
        let b = &self.before;
        let actors: Vec<Value> = self
            .order(&[after], false)
            .into_iter()
            .map(|p| {
                json!({
                    "id": self.id(p),
                    "before": report::json_number(b.scores[p]),
                    "after": report::json_number(after.scores[p]),
                    "delta": report::json_number(Self::delta(b, after, p)),
                    "rank_before": b.ranks[p],
                    "rank_after": after.ranks[p],
                })
            })
            .collect();
        let watch: Vec<Value> = self
            .watch
            .iter()
            .enumerate()
            .map(|(i, w)| {
                json!({
                    "from": w.from_text,
                    "to": w.to_text,
                    "before": self.route_json(&b.routes[i]),
                    "after": self.route_json(&after.routes[i]),
                })
            })
            .collect();
        let mut o = serde_json::Map::new();
        o.insert("actors".into(), Value::Array(actors));
        o.insert(
            "fragmentation".into(),
            json!({"before": report::json_number(Some(b.fragmentation)),
                   "after": report::json_number(Some(after.fragmentation))}),
        );
        o.insert(
            "components".into(),
            json!({"before": b.components, "after": after.components}),
        );
        o.insert("watch".into(), Value::Array(watch));
        o.insert(
            "chains".into(),
            chain_diff::json(self.net, &self.chains, &b.chains, &after.chains),
        );
        o.insert(
            "channels".into(),
            chain_diff::channels_json(self.net, &b.chains, &after.chains, &after.displaced),
        );
        o.insert(
            "displacement".into(),
            displacement::json(self.net, &b.displacement, &after.displacement),
        );
        o
    }

    /// The JSON of `netgraph whatif --format json` (see the module documentation).
    pub fn to_json(&self) -> Value {
        if !self.from_file && self.after.len() == 1 {
            let mut o = serde_json::Map::new();
            o.insert("view".into(), self.view.clone());
            o.extend(self.diff_json(&self.after[0]));
            return Value::Object(o);
        }
        let scenarios: Vec<Value> = self
            .after
            .iter()
            .map(|a| {
                let mut o = serde_json::Map::new();
                o.insert("name".into(), json!(a.name));
                o.insert("edits".into(), json!(a.edits));
                o.extend(self.diff_json(a));
                Value::Object(o)
            })
            .collect();
        json!({
            "view": self.view,
            "measure": self.measure.name(),
            "scenarios": scenarios
        })
    }
}

impl Serialize for Whatif<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}
