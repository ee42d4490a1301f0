//! `netgraph paths`: the k shortest (Yen) or widest simple paths between two sets of actors, each
//! hop with the flow it takes and that flow's sources.

use super::evidence::FlowEvidence;
use super::{FlowFilter, WeightSpec, check_flow_field, note_missing_field};
use crate::algo::paths::{Links, Objective, PathQuery, best_paths_within};
use crate::budget::BudgetSpec;
use crate::error::{Error, Result};
use crate::model::Network;
use crate::multigraph::Multigraph;
use crate::run::Run;
use crate::selector::{Selector, Term};
use serde::ser::{Serialize, Serializer};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Options of [`paths`], named as the command line's.
#[derive(Debug, Clone)]
pub struct PathsOptions {
    /// Actors the paths start at: ids, actor kinds or `@class` (the best paths from any of them).
    pub from: Vec<String>,
    /// Actors the paths end at: ids, actor kinds or `@class`.
    pub to: Vec<String>,
    /// How many paths, best first (1 up).
    pub k: usize,
    /// Widest paths: maximise the smallest capacity along the path (ties: fewer hops, then ids).
    pub widest: bool,
    /// The flow field read as the capacity by `widest` (a flow lacking it counts as 1).
    pub capacity: String,
    /// Actors every path must pass through (a kind or class asks for at least one of its actors).
    pub via: Vec<String>,
    /// Actors no path may pass through (a kind or class never removes the two ends).
    pub avoid: Vec<String>,
    /// With `via`, the most paths generated and filtered before giving up (1 up).
    pub limit: usize,
    /// The search's budget.
    pub budget: BudgetSpec,
    /// How flows are weighted (the distance of a shortest path).
    pub weights: WeightSpec,
    /// Which flows count.
    pub filter: FlowFilter,
}

impl Default for PathsOptions {
    fn default() -> Self {
        PathsOptions {
            from: Vec::new(),
            to: Vec::new(),
            k: 1,
            widest: false,
            capacity: "volume".into(),
            via: Vec::new(),
            avoid: Vec::new(),
            limit: 10_000,
            budget: BudgetSpec::default(),
            weights: WeightSpec::default(),
            filter: FlowFilter::default(),
        }
    }
}

/// The paths found, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Paths {
    /// What was searched, in words (the line above a table).
    pub view_line: String,
    /// What was searched, as the JSON `"view"` object.
    pub view: Value,
    /// The start actors as the user named them.
    pub from: String,
    /// The end actors as the user named them.
    pub to: String,
    /// The paths, best first (fewer than `k` when no more exist).
    pub paths: Vec<FoundPath>,
    /// Whether the budget stopped the search.
    pub truncated: bool,
}

/// One path.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundPath {
    /// The actors' ids, in order.
    pub actors: Vec<String>,
    /// The flow taken at each hop: of the flows between two actors, the cheapest (widest), then
    /// the most confident, then the first in the file.
    pub flows: Vec<FlowEvidence>,
    /// The sum of the flows' distances.
    pub cost: f64,
    /// With `widest`, the smallest capacity along the path.
    pub bottleneck: Option<f64>,
}

impl Paths {
    /// The JSON of `netgraph paths --format json`: `{"view", "paths": [{"actors", "flows",
    /// "cost", "hops", "bottleneck"}], "truncated"}`, each flow with its sources.
    pub fn to_json(&self) -> Value {
        let list: Vec<Value> = self
            .paths
            .iter()
            .map(|p| {
                json!({
                    "actors": p.actors,
                    "flows": p.flows.iter().map(|f| f.json(false)).collect::<Vec<_>>(),
                    "cost": crate::report::json_number(Some(p.cost)),
                    "hops": p.flows.len(),
                    "bottleneck": crate::report::json_number(p.bottleneck),
                })
            })
            .collect();
        json!({ "view": self.view, "paths": list, "truncated": self.truncated })
    }
}

impl Serialize for Paths {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// The query's actors, resolved.
struct Ends {
    from: Vec<usize>,
    to: Vec<usize>,
    from_text: String,
    to_text: String,
    via: Vec<Vec<usize>>,
    avoid: Vec<bool>,
}

fn ends(net: &Network, options: &PathsOptions, run: &Run) -> Result<Ends> {
    let selector = |terms: &[String]| Selector::parse(net, terms);
    // Every unknown name of the four options in one line.
    let checked = [
        ("--from", selector(&options.from).err()),
        ("--to", selector(&options.to).err()),
        ("--via", selector(&options.via).err()),
        ("--avoid", selector(&options.avoid).err()),
    ];
    let problems: Vec<String> = checked
        .into_iter()
        .filter_map(|(option, e)| e.map(|e| format!("{option}: {e}")))
        .collect();
    if !problems.is_empty() {
        return Err(Error::Usage(problems.join("; ")));
    }
    let selector = |terms: &[String]| super::selector(net, terms);
    let (from_selector, to_selector) = (selector(&options.from)?, selector(&options.to)?);
    let (from, to) = (from_selector.actors(net), to_selector.actors(net));
    for (option, side, selector) in [
        ("--from", &from, &from_selector),
        ("--to", &to, &to_selector),
    ] {
        if side.is_empty() {
            return Err(Error::Input(format!(
                "{option} {} selects no actor",
                selector.text()
            )));
        }
    }
    if let Some(&both) = from.iter().find(|a| to.contains(a)) {
        return Err(Error::Input(format!(
            "--from and --to both name \"{}\"; a path needs two actors",
            net.actors[both].id
        )));
    }
    // --via: one group per term (an actor, or every actor of a kind or class).
    let via_selector = selector(&options.via)?;
    let via: Vec<Vec<usize>> = via_selector
        .terms()
        .iter()
        .map(|t| {
            (0..net.actor_count())
                .filter(|&a| selects(net, t, a))
                .collect()
        })
        .collect();
    if let Some(k) = via.iter().position(Vec::is_empty) {
        let text = match &via_selector.terms()[k] {
            Term::Kind(kind) => kind.to_string(),
            Term::Class(class) => format!("@{class}"),
            Term::Actor(a) => net.actors[*a].id.to_string(),
        };
        run.note(format!(
            "--via {text} selects no actor: no path can pass through it"
        ));
    }
    let avoid_selector = selector(&options.avoid)?;
    let mut avoid = vec![false; net.actor_count()];
    for t in avoid_selector.terms() {
        if let Term::Actor(a) = *t
            && (from.contains(&a) || to.contains(&a) || via.iter().any(|g| g == &[a]))
        {
            return Err(Error::Input(format!(
                "--avoid names \"{}\", which the paths must pass through",
                net.actors[a].id
            )));
        }
    }
    for a in avoid_selector.actors(net) {
        avoid[a] = !from.contains(&a) && !to.contains(&a);
    }
    Ok(Ends {
        from,
        to,
        from_text: from_selector.text().to_string(),
        to_text: to_selector.text().to_string(),
        via,
        avoid,
    })
}

/// A mask of `n` actors selecting `at`.
fn mask(n: usize, at: &[usize]) -> Vec<bool> {
    let mut m = vec![false; n];
    at.iter().for_each(|&a| m[a] = true);
    m
}

/// Whether one selector term selects actor `a`.
fn selects(net: &Network, term: &Term, a: usize) -> bool {
    match term {
        Term::Actor(p) => *p == a,
        Term::Kind(k) => net.actors[a].kind() == k,
        Term::Class(c) => net.actor_class(&net.actors[a]) == c,
    }
}

/// The `k` shortest (Yen's algorithm) or widest simple paths from any actor of `from` to any of
/// `to` in a view of `net`, through every `via` group and around the `avoid` actors.
///
/// Between two actors a path takes one flow: the cheapest (widest), then the most confident,
/// then the first in the file. A shortest path's cost sums the flows' distances under the
/// weighting (hops when unweighted); a widest path maximises its smallest capacity (ties: fewer
/// hops, then ids). With several actors on a side the paths are the best from any of them to any
/// of the other, each starting at the last `from` actor it leaves and ending at the first `to`
/// actor it reaches. Unknown names are [`Error::Usage`]; a side that selects nobody, a shared
/// actor or avoiding an end are [`Error::Input`]. Notes say when a field is missing, the search
/// stopped at `limit` or nothing was found; a warning when the budget stopped it. Cost: about one
/// shortest-path search, O((n + E) log n), per hop of each of the k paths.
///
/// # Example
///
/// ```
/// use netgraph_core::queries::paths::{PathsOptions, paths};
/// let net = netgraph_core::io::peru().unwrap();
/// let options = PathsOptions {
///     from: vec!["peruvian-traffickers".into()],
///     to: vec!["legit-mines".into()],
///     ..PathsOptions::default()
/// };
/// let found = paths(&net, &options, &netgraph_core::Run::default()).unwrap();
/// let best = &found.paths[0];
/// assert_eq!(best.actors.first().map(String::as_str), Some("peruvian-traffickers"));
/// assert_eq!(best.cost, best.flows.len() as f64); // unweighted: one per hop
/// ```
pub fn paths(net: &Network, options: &PathsOptions, run: &Run) -> Result<Paths> {
    if options.k == 0 || options.limit == 0 {
        return Err(Error::usage("--k and --limit count from 1"));
    }
    let ends = ends(net, options, run)?;
    let view = options.filter.view(net, false, run)?;
    let g = Multigraph::of_view(&view);
    let weighting = options.weights.checked(net)?;
    let weights = view.weights(&weighting)?;
    if let crate::view::Weighting::Weight(field) | crate::view::Weighting::Strength(field) =
        &weighting
    {
        note_missing_field(run, &view, field, weights.missing, "1");
    }
    let weights = weights.for_paths()?;
    let distance = |f: usize| weights.distance(f);
    let capacity = if options.widest {
        check_flow_field(net, "--capacity", Some(&options.capacity))?;
        let (values, missing) = view.numbers(&options.capacity, 1.0)?;
        note_missing_field(run, &view, &options.capacity, missing, "capacity 1");
        Some(values)
    } else {
        None
    };
    // One flow per ordered pair: the cheapest (widest), then the most confident, then the first.
    let confidence: Vec<f64> = net.flows().map(|f| f.confidence()).collect();
    let better = |a: usize, b: usize| -> bool {
        let first = match &capacity {
            Some(c) => c[a].total_cmp(&c[b]).reverse(),
            None => distance(a).total_cmp(&distance(b)),
        };
        first
            .then_with(|| confidence[b].total_cmp(&confidence[a]))
            .then_with(|| a.cmp(&b))
            .is_lt()
    };
    let mut chosen: BTreeMap<(u32, u32), usize> = BTreeMap::new();
    for (v, hop) in g.all_hops() {
        let f = hop.flow as usize;
        chosen
            .entry((v as u32, hop.to))
            .and_modify(|c| {
                if better(f, *c) {
                    *c = f;
                }
            })
            .or_insert(f);
    }
    let mut arcs: Vec<(u32, u32, f64)> = chosen
        .iter()
        .map(|(&(u, v), &f)| (u, v, capacity.as_ref().map_or(distance(f), |c| c[f])))
        .collect();
    // Several actors on a side: a virtual source joined to each of --from, and each of --to joined
    // to a virtual target, by links that cost nothing (or never narrow a widest path); the paths
    // between the two are the best from any of --from to any of --to, less their virtual ends. A
    // path starts at the last --from actor it leaves and ends at the first --to actor it reaches:
    // links into a --from actor or out of a --to actor are left out.
    let n = net.actor_count();
    let mut rank = g.rank().to_vec();
    let mut avoid = ends.avoid;
    let virtual_ends = ends.from.len() > 1 || ends.to.len() > 1;
    let (source, target) = if virtual_ends {
        let (starts, stops) = (mask(n, &ends.from), mask(n, &ends.to));
        arcs.retain(|&(u, v, _)| !stops[u as usize] && !starts[v as usize]);
        let free = if capacity.is_some() {
            f64::INFINITY
        } else {
            0.0
        };
        arcs.extend(ends.from.iter().map(|&a| (n as u32, a as u32, free)));
        arcs.extend(ends.to.iter().map(|&b| (b as u32, n as u32 + 1, free)));
        rank.extend([n as u32, n as u32 + 1]);
        avoid.extend([false, false]);
        (n, n + 1)
    } else {
        (ends.from[0], ends.to[0])
    };
    let links = Links::new(rank.len(), rank, &arcs);
    let query = PathQuery {
        source,
        target,
        k: options.k,
        objective: if options.widest {
            Objective::Widest
        } else {
            Objective::Shortest
        },
        avoid,
        via: ends.via,
        limit: options.limit,
    };
    // Yen: about one shortest-path search per hop of each of the k paths.
    let search = (net.actor_count() + arcs.len()) as f64;
    let phase = run.phase("paths", options.k as u64, search * 4.0 * options.k as f64);
    let budget = options.budget.start().with_progress(phase.progress());
    let found = best_paths_within(&links, &query, &budget);
    drop(phase);
    if let Some(m) = budget.message("the path search") {
        run.warn(m);
    }
    if found.truncated {
        run.note(if options.via.is_empty() {
            format!(
                "stopped after generating {} paths (--limit): {} of the {} asked",
                options.limit,
                found.paths.len(),
                options.k
            )
        } else {
            format!(
                "stopped after generating {} paths (--limit); fewer than {} pass through --via",
                options.limit, options.k
            )
        });
    }
    if found.paths.is_empty() {
        run.note(format!(
            "no path from {} to {} in this view",
            ends.from_text, ends.to_text
        ));
    }
    let paths = found
        .paths
        .iter()
        .map(|p| {
            let actors = match virtual_ends {
                true => &p.actors[1..p.actors.len() - 1],
                false => &p.actors[..],
            };
            let flows: Vec<usize> = actors
                .windows(2)
                .filter_map(|w| chosen.get(&(w[0], w[1])).copied())
                .collect();
            FoundPath {
                actors: actors
                    .iter()
                    .map(|&a| net.actors[a as usize].id.to_string())
                    .collect(),
                cost: flows.iter().map(|&f| distance(f)).sum(),
                bottleneck: capacity
                    .as_ref()
                    .map(|c| flows.iter().map(|&f| c[f]).fold(f64::INFINITY, f64::min)),
                flows: flows.iter().map(|&f| FlowEvidence::at(net, f)).collect(),
            }
        })
        .collect();
    Ok(Paths {
        view_line: view.describe(),
        view: view.json(),
        from: ends.from_text,
        to: ends.to_text,
        paths,
        truncated: budget.truncated(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::queries::tests::laundering;

    fn options(from: &str, to: &str) -> PathsOptions {
        PathsOptions {
            from: vec![from.into()],
            to: vec![to.into()],
            ..PathsOptions::default()
        }
    }

    fn actors(found: &Paths) -> Vec<String> {
        found.paths.iter().map(|p| p.actors.join(" ")).collect()
    }

    /// clan → mines by hops: clan, miners, mines (2 hops, over the more confident cash flow),
    /// then round through border and bmines (4 hops).
    #[test]
    fn k_shortest_by_hops_take_the_most_confident_parallel_flow() {
        let net = laundering();
        let found = paths(
            &net,
            &PathsOptions {
                k: 3,
                ..options("clan", "mines")
            },
            &Run::default(),
        )
        .unwrap();
        assert_eq!(
            actors(&found),
            ["clan miners mines", "clan miners border bmines mines"]
        );
        let first = &found.paths[0];
        assert_eq!((first.cost, first.bottleneck), (2.0, None));
        assert_eq!(first.flows[0].confidence, 1.0);
        assert_eq!(first.flows[0].sources[0].doc, "a.txt");
        assert_eq!(found.paths[1].cost, 4.0);
        assert!(!found.truncated);
    }

    /// By weight the cheaper cash flow (1, confidence 0.4) wins: 1 + 1 = 2, and 1 + 1 + 1 + 1 = 4
    /// round; as strengths, 1/2 + 1/1 = 1.5 over the heavier cash flow.
    #[test]
    fn weights_and_strengths_give_the_hand_computed_costs() {
        let net = laundering();
        let weight = |w: WeightSpec| PathsOptions {
            k: 2,
            weights: w,
            ..options("clan", "mines")
        };
        let by_weight = weight(WeightSpec {
            weight: Some("weight".into()),
            strength: None,
        });
        let found = paths(&net, &by_weight, &Run::default()).unwrap();
        assert_eq!(found.paths[0].flows[0].confidence, 0.4);
        assert_eq!((found.paths[0].cost, found.paths[1].cost), (2.0, 4.0));
        let by_strength = weight(WeightSpec {
            weight: None,
            strength: Some("weight".into()),
        });
        let found = paths(&net, &by_strength, &Run::default()).unwrap();
        assert_eq!(found.paths[0].cost, 1.5);
        assert_eq!(found.paths[0].flows[0].confidence, 1.0);
    }

    /// Widest by volume: miners → mines directly carries 4; round through Bolivia min(6, 5, 3) = 3.
    #[test]
    fn widest_paths_maximise_the_smallest_volume() {
        let net = laundering();
        let run = Run::default();
        let found = paths(
            &net,
            &PathsOptions {
                k: 2,
                widest: true,
                ..options("clan", "mines")
            },
            &run,
        )
        .unwrap();
        assert_eq!(found.paths[0].bottleneck, Some(4.0));
        assert_eq!(found.paths[1].bottleneck, Some(3.0));
        assert_eq!(found.paths[1].flows.len(), 4);
        // The second cash flow has no volume: it counts as capacity 1, and the note says so.
        let notes = run.messages.taken();
        assert!(
            notes.iter().any(|m| matches!(m,
                crate::run::Message::Note(t) if t == "3 of 8 flows lack \"volume\" and count as capacity 1")),
            "{notes:?}"
        );
    }

    #[test]
    fn bad_ends_are_errors_of_the_right_kind() {
        let net = laundering();
        let run = Run::default();
        let e = paths(&net, &options("clan", "ghost"), &run).unwrap_err();
        assert!(e.is_usage(), "{e}");
        let e = paths(&net, &options("miners", "miners"), &run).unwrap_err();
        assert!(!e.is_usage() && e.to_string().contains("both name"), "{e}");
        let avoid_end = PathsOptions {
            avoid: vec!["mines".into()],
            ..options("clan", "mines")
        };
        let e = paths(&net, &avoid_end, &run).unwrap_err();
        assert!(!e.is_usage() && e.to_string().contains("--avoid"), "{e}");
        // Unreachable: no path, and a note.
        let found = paths(&net, &options("mines", "clan"), &run).unwrap();
        assert!(found.paths.is_empty());
    }
}
