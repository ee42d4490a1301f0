//! `netgraph keyplayers`: Borgatti's key players — the k actors whose removal fragments the network
//! most (KPP-Neg), or who reach most of it within D steps (KPP-Pos) — among the candidates one can
//! act on (`candidates`), with each member's contribution and how the set was found
//! (docs/whatif.md, "Key players").
//!
//! JSON: `{"view", "objective", "k", "actors": [ids], "fragmentation": F | "reach": r, "members":
//! [{"id", "name", "kind", "contribution"}], "search": {…}, "truncated", "distance" (reach)}`; the
//! score is that of the reported set, recomputed on it.

use super::FlowFilter;
use crate::algo::keyplayer::{self, Objective};
use crate::algo::keyplayer_search::{self, Params};
use crate::budget::{Budget, BudgetSpec};
use crate::error::{Error, Result};
use crate::model::Network;
use crate::rank::id_rank;
use crate::report;
use crate::run::Run;
use crate::selector::Selector;
use crate::view::Weighting;
use serde::ser::{Serialize, Serializer};
use serde_json::{Value, json};

/// The most sets `exhaustive` examines.
pub const EXHAUSTIVE_LIMIT: u64 = 1_000_000;

crate::choice_enum! {
    /// What the key players are for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Goal {
        /// KPP-Neg: removing them fragments the network most.
        Fragment = "fragment" [],
        /// KPP-Pos: they reach the most others within --distance steps.
        Reach = "reach" [],
    }
}

/// Options of [`keyplayers`], named as the command line's.
#[derive(Debug, Clone)]
pub struct KeyplayersOptions {
    /// Size of the set (at least 1; the command line requires it, the default here is 1).
    pub k: usize,
    /// Fragment (KPP-Neg) or reach (KPP-Pos).
    pub objective: Goal,
    /// Steps counted by the reach objective (`None`: 1; an error with fragment).
    pub distance: Option<usize>,
    /// Choose the set among these actors only: ids, actor kinds or `@class`; empty: everyone.
    pub candidates: Vec<String>,
    /// Examine every set of k candidates instead of the heuristic search.
    pub exhaustive: bool,
    /// Local searches of the heuristic: the greedy starts and the shaken ones.
    pub starts: usize,
    /// Seed of the shakes of the heuristic search.
    pub seed: u64,
    /// Stop the heuristic search after visiting this many actors and ties.
    pub max_steps: u64,
    /// The search's bound: one expansion is a pass of the heuristic search (every candidate
    /// evaluated against a set, O(V + E)) or a set examined by the exhaustive one.
    pub budget: BudgetSpec,
    /// Which flows count.
    pub filter: FlowFilter,
    /// Count only the actors with a kept flow.
    pub active: bool,
}

impl Default for KeyplayersOptions {
    fn default() -> Self {
        KeyplayersOptions {
            k: 1,
            objective: Goal::Fragment,
            distance: None,
            candidates: Vec::new(),
            exhaustive: false,
            starts: 20,
            seed: 1,
            max_steps: 400_000_000,
            budget: BudgetSpec::default(),
            filter: FlowFilter::default(),
            active: false,
        }
    }
}

impl KeyplayersOptions {
    /// The checks that need no network: `distance` only with the reach objective
    /// ([`Error::Usage`]). [`keyplayers`] makes them too; a front end may make them before
    /// loading the network.
    pub fn validate(&self) -> Result<Objective> {
        match (self.objective, self.distance) {
            (Goal::Fragment, Some(_)) => {
                Err(Error::usage("--distance applies to --objective reach"))
            }
            (Goal::Fragment, None) => Ok(Objective::Fragment),
            (Goal::Reach, d) => Ok(Objective::Reach {
                distance: d.unwrap_or(1),
            }),
        }
    }
}

/// How the set was found.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchReport {
    /// `exhaustive`, or the heuristic's name.
    pub method: &'static str,
    /// Sets examined (exhaustive), or local searches run (heuristic).
    pub starts: u64,
    /// Improving swaps made (heuristic).
    pub swaps: usize,
    /// Actors and ties visited by the heuristic.
    pub steps: u64,
    /// The seed of the heuristic's shakes.
    pub seed: u64,
    /// Whether the set is proven optimal.
    pub optimal: bool,
    /// Why the set is optimal, when it is.
    pub proof: Option<&'static str>,
    /// The option whose bound stopped the search early (`--max-steps`, `--budget`, `--timeout`),
    /// if one did.
    pub stopped_by: Option<&'static str>,
}

impl SearchReport {
    /// Whether the search was exhaustive.
    pub fn is_exhaustive(&self) -> bool {
        self.method == "exhaustive"
    }
}

/// A key-player set.
#[derive(Debug, Clone)]
pub struct Keyplayers<'a> {
    /// The network searched.
    pub net: &'a Network,
    /// The view in words (the line above a table).
    pub view_line: String,
    /// The view, as the JSON `"view"` object.
    pub view: Value,
    /// The objective.
    pub objective: Objective,
    /// Size of the set.
    pub k: usize,
    /// Actors counted (every actor, or with `active` those with a kept flow).
    pub counted: usize,
    /// Candidates among them.
    pub candidates: usize,
    /// The members (actor positions), in id order.
    pub actors: Vec<usize>,
    /// The set's score: F of the network without it, or the share of the others it reaches.
    pub score: f64,
    /// The score of the empty set (for fragment: F of the intact view).
    pub intact: f64,
    /// Each member's contribution: the score lost if it alone is dropped from the set.
    pub contributions: Vec<f64>,
    /// How the set was found.
    pub search: SearchReport,
    /// Whether a bound stopped the search early (the set is the best found so far).
    pub truncated: bool,
}

impl Keyplayers<'_> {
    /// `fragmentation` or `reach`: the objective's name and its score's key in JSON.
    pub fn key(&self) -> &'static str {
        match self.objective {
            Objective::Fragment => "fragmentation",
            Objective::Reach { .. } => "reach",
        }
    }

    /// The JSON of `netgraph keyplayers --format json`.
    pub fn to_json(&self) -> Value {
        let net = self.net;
        let members: Vec<_> = self
            .actors
            .iter()
            .zip(&self.contributions)
            .map(|(&v, &c)| {
                let a = &net.actors[v];
                json!({
                    "id": a.id.as_str(),
                    "name": a.display_name(),
                    "kind": a.kind(),
                    "contribution": report::json_number(Some(c)),
                })
            })
            .collect();
        let ids: Vec<&str> = self
            .actors
            .iter()
            .map(|&v| net.actors[v].id.as_str())
            .collect();
        let found = &self.search;
        let mut search = json!({
            "method": found.method,
            "candidates": self.candidates,
            "optimal": found.optimal,
            "proof": found.proof,
        });
        if found.is_exhaustive() {
            search["sets"] = found.starts.into();
        } else {
            search["starts"] = found.starts.into();
            search["swaps"] = found.swaps.into();
            search["seed"] = found.seed.into();
            search["steps"] = found.steps.into();
        }
        let key = self.key();
        let mut out = json!({
            "view": self.view,
            "objective": key,
            "k": self.k,
            "actors": ids,
            key: report::json_number(Some(self.score)),
            "members": members,
            "search": search,
            "truncated": self.truncated,
        });
        if let Objective::Reach { distance } = self.objective {
            out["distance"] = distance.into();
        }
        out
    }
}

impl Serialize for Keyplayers<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// The k key players among the candidates: the set whose removal leaves the network most
/// fragmented (Borgatti's F), or that reaches the most other actors within `distance` steps.
///
/// With `exhaustive`, every k-set of the candidates is examined (at most [`EXHAUSTIVE_LIMIT`])
/// and the best is proven optimal; otherwise a heuristic search (greedy starts, swaps, variable
/// neighbourhood search; [`keyplayer_search`]) bounded by `max_steps` and the budget. A search
/// stopped early returns the best set found so far, marked `truncated`, with a warning to `run`.
/// Errors: [`Error::Usage`] for unknown candidate names or `distance` with fragment;
/// [`Error::Input`] for a k too large for the actors or candidates. Cost: O(V + E) per pass,
/// a swap round k passes (docs/whatif.md).
///
/// # Example
///
/// ```
/// use netgraph_core::queries::keyplayers::{KeyplayersOptions, keyplayers};
/// let net = netgraph_core::io::peru().unwrap();
/// let options = KeyplayersOptions {
///     k: 2,
///     ..KeyplayersOptions::default()
/// };
/// let result = keyplayers(&net, &options, &netgraph_core::Run::default()).unwrap();
/// assert_eq!(result.actors.len(), 2);
/// assert!(result.score > result.intact); // removing them fragments the network
/// assert_eq!(result.to_json()["objective"], "fragmentation");
/// ```
pub fn keyplayers<'a>(
    net: &'a Network,
    options: &KeyplayersOptions,
    run: &Run,
) -> Result<Keyplayers<'a>> {
    let objective = options.validate()?;
    let n = net.actor_count();
    let k = options.k;
    if k >= n {
        return Err(Error::Input(format!(
            "--k {k} needs fewer actors than the network's {n}"
        )));
    }
    let candidates = candidates(net, &options.candidates, k, run)?;
    let view = options.filter.view(net, options.active, run)?;
    // The graph over the counted actors (every actor, or the active ones): node i is actor
    // counted[i]; candidates keep their id order.
    let (weighted, counted) = view.counted_graph(&Weighting::Unweighted)?;
    let g = weighted.graph;
    if k >= counted.len() {
        return Err(Error::Input(format!(
            "--k {k} needs fewer actors than the {} with a kept flow (--active)",
            counted.len()
        )));
    }
    let candidates: Vec<usize> = candidates
        .iter()
        .filter_map(|v| counted.binary_search(v).ok())
        .collect();
    if candidates.len() < k {
        return Err(Error::Input(format!(
            "only {} candidate{} with a kept flow (--active), fewer than --k {k}",
            candidates.len(),
            if candidates.len() == 1 { "" } else { "s" }
        )));
    }
    let budget = options.budget.start();
    let (set, search) = find(options, &g, k, objective, &candidates, &budget)?;
    if search.stopped_by == Some("--max-steps") {
        run.warn(format!(
            "the search stopped at --max-steps {} after {} start{}: the set is the best found so far and may not be a local optimum",
            options.max_steps,
            search.starts,
            if search.starts == 1 { "" } else { "s" }
        ));
    } else if search.stopped_by.is_some()
        && let Some(m) = budget.message("the key-player search")
    {
        run.warn(m);
    }
    let contributions = keyplayer::contributions(&g, objective, &set.actors);
    Ok(Keyplayers {
        net,
        view_line: view.describe(),
        view: view.json(),
        objective,
        k,
        counted: g.n(),
        candidates: candidates.len(),
        // Back to actor positions.
        actors: set.actors.iter().map(|&v| counted[v]).collect(),
        score: set.score,
        intact: keyplayer::score(&g, objective, &[]),
        contributions,
        truncated: search.stopped_by.is_some(),
        search,
    })
}

/// The candidates, in id order: everyone, or the actors `terms` selects (at least k).
fn candidates(net: &Network, terms: &[String], k: usize, run: &Run) -> Result<Vec<usize>> {
    let rank = id_rank(net);
    let mut chosen: Vec<usize> = if terms.is_empty() {
        (0..net.actor_count()).collect()
    } else {
        let selector = Selector::parse(net, terms).map_err(Error::Usage)?;
        let chosen = selector.actors(net);
        if chosen.len() < k {
            return Err(Error::Input(format!(
                "--candidates {} selects {} actor{}, fewer than --k {k}",
                selector.text(),
                chosen.len(),
                if chosen.len() == 1 { "" } else { "s" }
            )));
        }
        if chosen.len() == k {
            run.warn(format!(
                "--candidates {} selects exactly {k} actors: the set is all of them",
                selector.text()
            ));
        }
        chosen
    };
    chosen.sort_by_key(|&v| rank[v]);
    Ok(chosen)
}

/// Which bound stopped a search that stopped early, as the option that sets it: the budget's
/// when it is spent, else `--max-steps`.
fn stopped_by(budget: &Budget, truncated: bool) -> Option<&'static str> {
    if !truncated {
        return None;
    }
    Some(match budget.stop() {
        Some(crate::budget::Stop::Expansions) => "--budget",
        Some(crate::budget::Stop::Deadline) => "--timeout",
        None => "--max-steps",
    })
}

/// Runs the exhaustive or the heuristic search.
fn find(
    options: &KeyplayersOptions,
    g: &crate::graph::Graph,
    k: usize,
    objective: Objective,
    candidates: &[usize],
    budget: &Budget,
) -> Result<(keyplayer::KeyPlayers, SearchReport)> {
    let c = candidates.len();
    if options.exhaustive {
        let sets = match keyplayer::binomial(c, k) {
            Some(sets) if sets <= EXHAUSTIVE_LIMIT => sets,
            sets => {
                return Err(Error::Input(format!(
                    "--exhaustive would examine C({c}, {k}) = {} sets, over the limit of {EXHAUSTIVE_LIMIT}; drop --exhaustive for the heuristic search",
                    sets.map_or("more than 2^64".to_string(), |s| s.to_string())
                )));
            }
        };
        let Some((set, examined)) =
            keyplayer::exhaustive_within(g, k, objective, candidates, budget)
        else {
            return Err(Error::Input(format!(
                "no set of {k} actors among {c} candidates"
            )));
        };
        let stopped = stopped_by(budget, examined < sets);
        return Ok((
            set,
            SearchReport {
                method: "exhaustive",
                starts: examined,
                swaps: 0,
                steps: 0,
                seed: options.seed,
                optimal: stopped.is_none(),
                proof: stopped.is_none().then_some("every set examined"),
                stopped_by: stopped,
            },
        ));
    }
    let params = Params {
        starts: options.starts,
        seed: options.seed,
        max_steps: options.max_steps,
    };
    let Some(s) = keyplayer_search::search_within(g, k, objective, candidates, params, budget)
    else {
        return Err(Error::Input(format!(
            "no set of {k} actors among {c} candidates"
        )));
    };
    let proof = if c == k {
        Some("every candidate is in the set")
    } else if s.optimal {
        Some("the best score possible")
    } else {
        None
    };
    Ok((
        s.found,
        SearchReport {
            method: "greedy starts + swaps + variable neighbourhood search",
            starts: s.starts as u64,
            swaps: s.swaps,
            steps: s.steps,
            seed: options.seed,
            optimal: proof.is_some(),
            proof,
            stopped_by: stopped_by(budget, s.truncated),
        },
    ))
}
