//! `netgraph centrality`: scores per actor, ranked by the first measure with shared ranks on ties
//! ([`crate::rank`]). Measures follow NetworkX's conventions (docs/measures.md); chain betweenness
//! counts the laundering channels and chains through each actor ([`chain_search`]).

use super::chain_search::{self, Request};
use super::{FlowFilter, WeightSpec, note_missing_weight};
use crate::algo::channels;
use crate::algo::spectral::Iteration;
use crate::budget::BudgetSpec;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::measures::{self, Measure, MeasureOptions, Sampling};
use crate::model::{IdKey, Network};
use crate::partition::Partition;
use crate::rank::{ranking, shared_ranks};
use crate::run::Run;
use crate::selector::Selector;
use crate::view::View;
use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value, json};
use std::collections::HashSet;

/// The name of chain betweenness in `--measure`.
pub const CHAIN_BETWEENNESS: &str = "chain_betweenness";

/// Options of [`centrality`], named as the command line's.
#[derive(Debug, Clone)]
pub struct CentralityOptions {
    /// Measures (names as `--measure` takes them, `all`, `brokerage`, `chain_betweenness`); rows
    /// are ranked by the first.
    pub measures: Vec<String>,
    /// Only the N highest-ranked actors.
    pub top: Option<usize>,
    /// Unnormalised degree and betweenness.
    pub raw: bool,
    /// PageRank damping factor.
    pub damping: f64,
    /// Katz attenuation factor.
    pub katz_alpha: f64,
    /// Convergence tolerance of the iterative measures.
    pub tol: f64,
    /// Iteration cap of the iterative measures.
    pub max_iter: usize,
    /// Approximate betweenness within this error (KADABRA, Borassi & Natale).
    pub epsilon: Option<f64>,
    /// Probability that the `epsilon` bound fails.
    pub delta: f64,
    /// Seed of the sampler.
    pub seed: u64,
    /// With `epsilon`: KADABRA's top-k variant, the k most central actors ranked (or their
    /// intervals within ±epsilon); only they are listed.
    pub top_k: Option<usize>,
    /// Betweenness counts the ends of each path too.
    pub endpoints: bool,
    /// PageRank teleports to these actors only (a selector).
    pub personalize: Vec<String>,
    /// Actor field whose values are the brokerage groups, or `community`.
    pub groups: Option<String>,
    /// The chain search of chain betweenness.
    pub chains: ChainOptions,
    /// How flows are weighted.
    pub weights: WeightSpec,
    /// Which flows count.
    pub filter: FlowFilter,
    /// Count only the actors with a kept flow.
    pub active: bool,
}

impl Default for CentralityOptions {
    fn default() -> Self {
        CentralityOptions {
            measures: vec!["degree".into(), "betweenness".into()],
            top: None,
            raw: false,
            damping: 0.85,
            katz_alpha: 0.1,
            tol: 1e-10,
            max_iter: 10_000,
            epsilon: None,
            delta: 0.1,
            seed: 0,
            top_k: None,
            endpoints: false,
            personalize: Vec::new(),
            groups: None,
            chains: ChainOptions::default(),
            weights: WeightSpec::default(),
            filter: FlowFilter::default(),
            active: false,
        }
    }
}

/// The chain search of `chain_betweenness` (the options of `netgraph chains`).
#[derive(Debug, Clone, Default)]
pub struct ChainOptions {
    /// The flow-kind pattern; `None`: the default laundering query.
    pub pattern: Option<String>,
    /// The most flows in a chain (default 6).
    pub max_hops: Option<usize>,
    /// Stop after this many chains (default 10,000).
    pub limit: Option<usize>,
    /// Let chains run backwards in time.
    pub ignore_time: bool,
    /// The search's budget.
    pub budget: BudgetSpec,
}

impl ChainOptions {
    /// The first chain option given, if any (as the command line names it).
    fn given(&self) -> Option<&'static str> {
        [
            ("--pattern", self.pattern.is_some()),
            ("--max-hops", self.max_hops.is_some()),
            ("--limit", self.limit.is_some()),
            ("--ignore-time", self.ignore_time),
            ("--budget", self.budget.expansions.is_some()),
            ("--timeout", self.budget.timeout.is_some()),
        ]
        .into_iter()
        .find_map(|(name, given)| given.then_some(name))
    }

    /// Chain betweenness: for every actor, the channels and the chains that pass through it as
    /// an intermediate actor, found as `netgraph chains` finds them on the view.
    fn through(&self, net: &Network, view: &View, run: &Run) -> Result<(Vec<f64>, Vec<f64>)> {
        let mut request = Request::new(
            self.pattern.clone(),
            self.max_hops.unwrap_or(6),
            self.limit.unwrap_or(10_000),
        );
        request.ignore_time = self.ignore_time;
        request.budget = Some(std::sync::Arc::new(self.budget.start()));
        let pattern = chain_search::parse(&request, "--pattern")?;
        if !request.is_default() {
            chain_search::check_names(net, &pattern, "--pattern")?;
        }
        let outcome = chain_search::search(view, &pattern, &request, run);
        let (channels, chains) =
            channels::through(&outcome.chains, &outcome.channels, net.actor_count());
        run.note(format!(
            "{CHAIN_BETWEENNESS}: of {} channels, those passing through each actor (as neither first nor last actor); chains: of {} chains, likewise; {}",
            outcome.channels.len(),
            outcome.chains.len(),
            request.describe()
        ));
        let float = |v: Vec<usize>| v.into_iter().map(|x| x as f64).collect();
        Ok((float(channels), float(chains)))
    }
}

/// A column `--measure` asks for: a measure of the graph, or chain betweenness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Wanted {
    /// A centrality measure of the collapsed graph.
    Measure(Measure),
    /// `chain_betweenness`: the channels and chains through each actor.
    Chains,
}

/// Parses `--measure` values: names, `brokerage`, `chain_betweenness`, or `all` (the graph
/// measures; those that need a direction only on a directed view). Returns the list without
/// repeats and whether `all` was asked.
fn wanted(names: &[String], directed: bool) -> Result<(Vec<Wanted>, bool)> {
    use crate::choice::Choice;
    let mut list = Vec::new();
    let mut all = false;
    for name in names {
        if name == "all" {
            all = true;
            list.extend(
                Measure::ALL
                    .iter()
                    .filter(|m| directed || !m.needs_direction())
                    .map(|&m| Wanted::Measure(m)),
            );
            continue;
        }
        if name == CHAIN_BETWEENNESS || name == "chain-betweenness" {
            list.push(Wanted::Chains);
            continue;
        }
        if name == "brokerage" {
            list.extend(Measure::BROKERAGE.iter().map(|&m| Wanted::Measure(m)));
            continue;
        }
        let m = Measure::from_name(name).ok_or_else(|| {
            let mut known: Vec<_> = Measure::ALL.iter().map(|m| m.name()).collect();
            known.push(CHAIN_BETWEENNESS);
            Error::Usage(format!(
                "{} (known: {}, brokerage, all)",
                crate::suggest::unknown("measure", name, known.iter().copied()),
                known.join(", ")
            ))
        })?;
        list.push(Wanted::Measure(m));
    }
    let mut seen = HashSet::new();
    list.retain(|m| seen.insert(*m));
    Ok((list, all))
}

/// Scores per actor, ranked.
#[derive(Debug, Clone, PartialEq)]
pub struct Centrality {
    /// What was counted, in words (the line above a table).
    pub view_line: String,
    /// What was counted, as the JSON `"view"` object.
    pub view: Value,
    /// The columns, in order (a measure's name, or `chain_betweenness` and `chains`).
    pub measures: Vec<String>,
    /// The actors in rank order (only the `top` ones when asked).
    pub actors: Vec<RankedActor>,
}

/// One actor's row.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedActor {
    /// Position in the network.
    pub position: usize,
    /// Id (inline up to 24 bytes, as the network keeps ids: a million rows cost no allocation each).
    pub id: IdKey,
    /// Display name.
    pub name: IdKey,
    /// Kind.
    pub kind: IdKey,
    /// Rank by the first measure, shared on ties (1, 2, 2, 4).
    pub rank: usize,
    /// Whether the actor has a kept flow.
    pub active: bool,
    /// One score per column; `None` when the measure could not be computed (with `all`), NaN
    /// when it is undefined for this actor.
    pub scores: Vec<Option<f64>>,
    /// With `top_k`: the actor's betweenness interval and whether its rank is certified.
    pub interval: Option<Interval>,
}

/// A top-k actor's betweenness interval (KADABRA): the exact score lies in `[low, high]` (with the
/// run's confidence); `certified` when it is disjoint from every other actor's, so the rank is sure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
    /// Whether the rank is certified.
    pub certified: bool,
}

impl Centrality {
    /// The JSON of `netgraph centrality --format json`.
    pub fn to_json(&self) -> Value {
        let actors: Vec<Value> = self
            .actors
            .iter()
            .map(|a| {
                let mut o = Map::new();
                o.insert("id".into(), json!(a.id));
                o.insert("name".into(), json!(a.name));
                o.insert("kind".into(), json!(a.kind));
                o.insert("rank".into(), json!(a.rank));
                o.insert("active".into(), json!(a.active));
                for (m, s) in self.measures.iter().zip(&a.scores) {
                    o.insert(m.clone(), crate::report::json_number(*s));
                }
                if let Some(i) = a.interval {
                    o.insert("betweenness_low".into(), json!(i.low));
                    o.insert("betweenness_high".into(), json!(i.high));
                    o.insert("rank_certified".into(), json!(i.certified));
                }
                Value::Object(o)
            })
            .collect();
        json!({"view": self.view, "measures": self.measures, "actors": actors})
    }
}

impl Serialize for Centrality {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// Centrality scores of every counted actor, ranked by the first measure.
///
/// Notes say how an approximation sampled, what chain betweenness counted and how groups were
/// formed; with `all`, a measure that cannot be computed is a warning and an empty column, else
/// an error. Cost: that of the measures asked (docs/measures.md).
///
/// # Example
///
/// ```
/// use netgraph_core::queries::centrality::{CentralityOptions, centrality};
/// let net = netgraph_core::io::peru().unwrap();
/// let options = CentralityOptions {
///     measures: vec!["degree".into()],
///     top: Some(3),
///     ..CentralityOptions::default()
/// };
/// let result = centrality(&net, &options, &netgraph_core::Run::default()).unwrap();
/// assert_eq!(result.measures, ["degree"]);
/// assert_eq!(result.actors.len(), 3);
/// assert_eq!(result.actors[0].rank, 1);
/// ```
pub fn centrality(net: &Network, options: &CentralityOptions, run: &Run) -> Result<Centrality> {
    let view = options.filter.view(net, options.active, run)?;
    let (mut list, all) = wanted(&options.measures, view.is_directed())?;
    let weighting = options.weights.checked(net)?;
    let (weighted, counted) = view.counted_graph(&weighting)?;
    note_missing_weight(run, &weighting, weighted.missing, view.flows().len());
    let mut measure_options = MeasureOptions {
        raw: options.raw,
        damping: options.damping,
        katz_alpha: options.katz_alpha,
        iteration: Iteration {
            tol: options.tol,
            max_iter: options.max_iter,
        },
        approximate: options.epsilon.map(|epsilon| Sampling {
            epsilon,
            delta: options.delta,
            seed: options.seed,
            top_k: options.top_k,
        }),
        ..MeasureOptions::default()
    };
    // Communities (brokerage by community) are found on the view's graph over every actor.
    let full;
    let whole = if counted.len() == net.actor_count() {
        &weighted.graph
    } else {
        full = view.graph(&weighting)?;
        &full.graph
    };
    structure(
        options,
        net,
        whole,
        &counted,
        &mut list,
        all,
        &mut measure_options,
        run,
    )?;
    if !list.contains(&Wanted::Chains)
        && let Some(option) = options.chains.given()
    {
        return Err(Error::Usage(format!(
            "{option} needs --measure {CHAIN_BETWEENNESS}"
        )));
    }
    if let Some(k) = options.top_k {
        top_k_usage(options, &list, k)?;
    }
    let mut columns: Vec<(&'static str, Option<Vec<f64>>)> = Vec::new();
    let mut intervals: Option<Vec<Option<Interval>>> = None;
    for &w in &list {
        let m = match w {
            Wanted::Measure(m) => m,
            Wanted::Chains => {
                let (channels, chains) = options.chains.through(net, &view, run)?;
                columns.push((CHAIN_BETWEENNESS, Some(channels)));
                columns.push(("chains", Some(chains)));
                continue;
            }
        };
        let n = weighted.graph.n() as f64;
        // With --epsilon this bounds the work from above (sampling when cheaper than the exact
        // algorithm); the sampler sets the phase's length to its sample size.
        let work = if m.uses_paths() {
            n * weighted.graph.out().arc_count() as f64
        } else {
            0.0
        };
        let phase = run.phase(m.name(), weighted.graph.n() as u64, work);
        let measure_options = MeasureOptions {
            progress: phase.progress(),
            ..measure_options.clone()
        };
        match run.install(|| measures::compute_with_note(m, &weighted, &measure_options))? {
            Ok(scores) => {
                if let Some(note) = scores.note {
                    run.note(note);
                }
                if let Some(top) = scores.top {
                    let mut by_actor = vec![None; net.actor_count()];
                    for r in top {
                        by_actor[counted[r.actor]] = Some(Interval {
                            low: r.low,
                            high: r.high,
                            certified: r.certified,
                        });
                    }
                    intervals = Some(by_actor);
                }
                // Scores per actor position; actors not counted (--active) have none.
                let mut by_actor = vec![f64::NAN; net.actor_count()];
                for (k, &v) in counted.iter().enumerate() {
                    by_actor[v] = scores.values[k];
                }
                columns.push((m.name(), Some(by_actor)));
            }
            Err(why) if all => {
                run.warn(format!("{m} cannot be computed: {why}"));
                columns.push((m.name(), None));
            }
            Err(why) => return Err(Error::Input(format!("{m} cannot be computed: {why}"))),
        }
    }
    let first = columns.first().and_then(|c| c.1.as_deref());
    let order = ranking(net, first, &counted);
    let ranks = shared_ranks(first, &order);
    let top = options
        .top_k
        .or(options.top)
        .unwrap_or(order.len())
        .min(order.len());
    let active = view.active();
    let actors = order[..top]
        .iter()
        .zip(&ranks[..top])
        .map(|(&i, &rank)| {
            let a = &net.actors[i];
            RankedActor {
                position: i,
                id: a.id.clone(),
                name: a.display_name().into(),
                kind: a.kind().into(),
                rank,
                active: active[i],
                scores: columns
                    .iter()
                    .map(|(_, s)| s.as_ref().map(|s| s[i]))
                    .collect(),
                interval: intervals.as_ref().map(|v| {
                    // An actor tied at the k-th place may be listed without KADABRA's interval:
                    // its rank is then not certified either.
                    v[i].unwrap_or(Interval {
                        low: f64::NAN,
                        high: f64::NAN,
                        certified: false,
                    })
                }),
            }
        })
        .collect();
    Ok(Centrality {
        view_line: view.describe(),
        view: view.json(),
        measures: columns.iter().map(|(m, _)| m.to_string()).collect(),
        actors,
    })
}

/// `top_k` ranks by approximate betweenness: it needs `epsilon`, betweenness first, and no `top`.
fn top_k_usage(options: &CentralityOptions, list: &[Wanted], k: usize) -> Result<()> {
    if options.epsilon.is_none() {
        return Err(Error::Usage("--top-k needs --epsilon or --resample".into()));
    }
    if list.first() != Some(&Wanted::Measure(Measure::Betweenness)) {
        return Err(Error::Usage(
            "--top-k with --epsilon ranks by betweenness: list it first (--measure betweenness)"
                .into(),
        ));
    }
    if options.top.is_some() {
        return Err(Error::Usage(format!(
            "--top-k {k} lists the {k} most central actors already; drop --top"
        )));
    }
    if k == 0 {
        return Err(Error::Usage("--top-k must be at least 1".into()));
    }
    Ok(())
}

/// The options the structural measures add: expands `all` with the brokerage roles when groups
/// are given, checks that each option serves a measure asked for, and fills the measure options;
/// notes say what was selected and grouped.
///
/// `graph` is the view's graph over every actor (communities are computed on it); `counted` lists
/// the actors the measures are computed for, in graph order: the options are given in that order.
#[allow(clippy::too_many_arguments)]
fn structure(
    options: &CentralityOptions,
    net: &Network,
    graph: &Graph,
    counted: &[usize],
    list: &mut Vec<Wanted>,
    all: bool,
    measure_options: &mut MeasureOptions,
    run: &Run,
) -> Result<()> {
    if all && options.groups.is_some() {
        for m in Measure::BROKERAGE {
            if !list.contains(&Wanted::Measure(m)) {
                list.push(Wanted::Measure(m));
            }
        }
    }
    let asked = |m: Measure| list.contains(&Wanted::Measure(m));
    if options.endpoints && !asked(Measure::Betweenness) {
        return Err(Error::usage(
            "--endpoints applies to betweenness; add it to --measure",
        ));
    }
    measure_options.endpoints = options.endpoints;
    if !options.personalize.is_empty() {
        if !asked(Measure::PageRank) {
            return Err(Error::usage(
                "--personalize applies to pagerank; add it to --measure",
            ));
        }
        let selector = Selector::parse(net, &options.personalize).map_err(Error::Usage)?;
        let chosen: Vec<usize> = selector
            .actors(net)
            .into_iter()
            .filter_map(|p| counted.binary_search(&p).ok())
            .collect();
        if chosen.is_empty() {
            return Err(Error::Input(format!(
                "--personalize {} selects no actor{}",
                selector.text(),
                if counted.len() < net.actor_count() {
                    " with a kept flow (--active)"
                } else {
                    ""
                }
            )));
        }
        run.note(format!(
            "pagerank personalised: teleport and dangling mass go to {} actor{} ({})",
            chosen.len(),
            if chosen.len() == 1 { "" } else { "s" },
            selector.text()
        ));
        measure_options.personalize = Some(chosen.into());
    }
    let brokerage = list
        .iter()
        .any(|m| matches!(m, Wanted::Measure(m) if m.role().is_some()));
    match (&options.groups, brokerage) {
        (Some(_), false) => Err(Error::usage(
            "--groups applies to brokerage; add it to --measure",
        )),
        (None, true) => Err(Error::usage(
            "brokerage needs --groups FIELD (kind, class, country, or another actor field)",
        )),
        (None, false) => Ok(()),
        (Some(field), true) => {
            // A file's own `community` field wins over the computed communities.
            let computed =
                field == "community" && !net.actors.iter().any(|a| a.extra().contains_key(field));
            let p = if computed {
                Partition::from_labels(field, crate::partition::communities(net, graph))
            } else {
                Partition::by_field(net, field).map_err(Error::Usage)?
            };
            let mut text = format!(
                "brokerage roles by {field}: {} group{}",
                p.labels.len(),
                if p.labels.len() == 1 { "" } else { "s" }
            );
            if computed {
                text.push_str(
                    " (Leiden communities of the view, resolution 1, seed 0: netgraph groups)",
                );
            }
            if p.missing > 0 {
                text.push_str(&format!(
                    "; {} actor{} without {field} form one group",
                    p.missing,
                    if p.missing == 1 { "" } else { "s" }
                ));
            }
            run.note(text);
            let group: Vec<u32> = counted.iter().map(|&v| p.group[v]).collect();
            measure_options.groups = Some(group.into());
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_measures_are_usage_errors() {
        assert!(wanted(&["pagerankk".into()], true).unwrap_err().is_usage());
        let (m, all) = wanted(&["all".into()], false).unwrap();
        assert!(all && !m.contains(&Wanted::Measure(Measure::InDegree)));
        assert!(!m.contains(&Wanted::Chains));
        let (m, _) = wanted(
            &[
                "degree".into(),
                "in-degree".into(),
                "degree".into(),
                "chain_betweenness".into(),
            ],
            true,
        )
        .unwrap();
        assert_eq!(
            m,
            [
                Wanted::Measure(Measure::Degree),
                Wanted::Measure(Measure::InDegree),
                Wanted::Chains
            ]
        );
    }
}
