//! `netgraph cut`: the maximum flow between two sets of actors and a minimum set of flows (or
//! actors) whose removal severs every route from one to the other.

use super::evidence::FlowEvidence;
use super::{FlowFilter, capacities, check_flow_field, note_missing_field};
use crate::algo::max_flow;
use crate::error::{Error, Result};
use crate::model::Network;
use crate::run::Run;
use crate::selector::Selector;
use crate::view::flow_name;
use serde::ser::{Serialize, Serializer};
use serde_json::{Value, json};

/// Options of [`cut`], named as the command line's.
#[derive(Debug, Clone, Default)]
pub struct CutOptions {
    /// Actors the routes start at: ids, actor kinds or `@class`.
    pub from: Vec<String>,
    /// Actors the routes end at: ids, actor kinds or `@class`.
    pub to: Vec<String>,
    /// The flow field read as each flow's capacity; `None`: 1 per flow (the fewest flows).
    pub capacity: Option<String>,
    /// Cut actors instead of flows: the fewest actors other than those of the two sides.
    pub actors: bool,
    /// Which flows count.
    pub filter: FlowFilter,
}

/// A minimum cut between two sides.
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    /// What was cut, in words (the line above a table).
    pub view_line: String,
    /// What was cut, as the JSON `"view"` object.
    pub view: Value,
    /// The start side as the user named it.
    pub from: String,
    /// The end side as the user named it.
    pub to: String,
    /// The flows or the actors cut.
    pub severed: Severed,
}

/// What a cut removes.
#[derive(Debug, Clone, PartialEq)]
pub enum Severed {
    /// The maximum flow and a minimum set of flows carrying it (sorted by from, to, kind, position).
    Flows {
        /// The maximum flow (in the capacity's units; the number of flow-disjoint routes without).
        value: f64,
        /// The flows of the minimum cut.
        flows: Vec<FlowEvidence>,
    },
    /// A minimum set of actors, other than the two sides', meeting every route (by id).
    Actors(Vec<CutActor>),
}

/// An actor of an actor cut.
#[derive(Debug, Clone, PartialEq)]
pub struct CutActor {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: String,
}

impl Cut {
    /// The JSON of `netgraph cut --format json`: `{"view", "value", "flows": [{"from", "to",
    /// "kind"}]}`, or with `actors` `{"view", "actors": [ids], "size"}`.
    pub fn to_json(&self) -> Value {
        match &self.severed {
            Severed::Flows { value, flows } => json!({
                "view": self.view,
                "value": crate::report::json_number(Some(*value)),
                "flows": flows.iter().map(FlowEvidence::compact_json).collect::<Vec<_>>()
            }),
            Severed::Actors(actors) => json!({
                "view": self.view,
                "actors": actors.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
                "size": actors.len()
            }),
        }
    }
}

impl Serialize for Cut {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// The maximum flow from the actors of `from` to those of `to` in a view of `net` and a minimum
/// cut: the fewest flows (the cheapest by `capacity`) whose removal severs every route, or with
/// `actors` the fewest other actors.
///
/// Capacities are 1 per flow unless `capacity` names a field (a flow lacking it counts 1; flows
/// of one event between the same actors share one capacity). In an undirected view a flow carries
/// either way. Unknown names are [`Error::Usage`]; a side that selects nobody, an actor on both
/// sides, or (with `actors`) a flow joining the sides directly are [`Error::Input`]. Cost: one
/// max-flow by Dinic's algorithm, O(V²E) (see [`crate::algo::max_flow`]).
///
/// # Example
///
/// ```
/// use netgraph_core::queries::cut::{CutOptions, Severed, cut};
/// let net = netgraph_core::io::peru().unwrap();
/// let options = CutOptions {
///     from: vec!["peruvian-traffickers".into()],
///     to: vec!["legit-mines".into()],
///     actors: true,
///     ..CutOptions::default()
/// };
/// let found = cut(&net, &options, &netgraph_core::Run::default()).unwrap();
/// // The traffickers reach the legitimate mines only through the illegal miners.
/// let Severed::Actors(actors) = &found.severed else { panic!() };
/// assert_eq!(actors[0].id, "illegal-miners");
/// ```
pub fn cut(net: &Network, options: &CutOptions, run: &Run) -> Result<Cut> {
    if options.actors && options.capacity.is_some() {
        return Err(Error::usage(
            "--capacity applies to a cut of flows, not to --actors",
        ));
    }
    // Every unknown name of both options in one line.
    let problems: Vec<String> = [("--from", &options.from), ("--to", &options.to)]
        .into_iter()
        .filter_map(|(option, terms)| {
            Selector::parse(net, terms)
                .err()
                .map(|e| format!("{option}: {e}"))
        })
        .collect();
    if !problems.is_empty() {
        return Err(Error::Usage(problems.join("; ")));
    }
    let side = |terms: &[String], option: &str| -> Result<(Vec<bool>, String)> {
        let selector = super::selector(net, terms)?;
        let at = selector.actors(net);
        if at.is_empty() {
            return Err(Error::Input(format!(
                "{option} {} selects no actor",
                selector.text()
            )));
        }
        let mut mask = vec![false; net.actor_count()];
        at.iter().for_each(|&a| mask[a] = true);
        Ok((mask, selector.text().to_string()))
    };
    let (from, from_text) = side(&options.from, "--from")?;
    let (to, to_text) = side(&options.to, "--to")?;
    if let Some(both) = (0..net.actor_count()).find(|&a| from[a] && to[a]) {
        return Err(Error::Input(format!(
            "--from and --to both select \"{}\"; a cut needs two separate sides",
            net.actors[both].id
        )));
    }
    check_flow_field(net, "--capacity", options.capacity.as_deref())?;
    let view = options.filter.view(net, false, run)?;
    let (arcs, arc_flow) = view.flow_arcs();
    let severed = if options.actors {
        let Some(cut) = max_flow::min_actor_cut_between(net.actor_count(), &arcs, &from, &to)
        else {
            let i = arcs
                .iter()
                .position(|&(u, v)| from[u as usize] && to[v as usize])
                .map_or(0, |a| arc_flow[a]);
            let (a, b) = net.ends(i);
            return Err(Error::Input(format!(
                "{} joins {} and {} directly, so no set of other actors separates them",
                flow_name(net, i),
                net.actors[a].id,
                net.actors[b].id
            )));
        };
        let mut actors: Vec<CutActor> = cut
            .iter()
            .map(|&a| {
                let a = &net.actors[a as usize];
                CutActor {
                    id: a.id.to_string(),
                    name: a.display_name().to_string(),
                    kind: a.kind().to_string(),
                }
            })
            .collect();
        actors.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        Severed::Actors(actors)
    } else {
        let field = options.capacity.as_deref();
        let (capacity, missing) = capacities(&view, field, &arcs, &arc_flow)?;
        if let Some(field) = field {
            note_missing_field(run, &view, field, missing, "capacity 1");
        }
        let cut = max_flow::min_cut_between(net.actor_count(), &arcs, &capacity, &from, &to);
        let mut flows: Vec<usize> = cut.arcs.iter().map(|&a| arc_flow[a]).collect();
        flows.sort_by(|&a, &b| {
            let key = |i: usize| (net.flow(i).from(), net.flow(i).to(), net.flow(i).kind(), i);
            key(a).cmp(&key(b))
        });
        flows.dedup();
        Severed::Flows {
            value: capacity.value(cut.value),
            flows: flows.iter().map(|&i| FlowEvidence::at(net, i)).collect(),
        }
    };
    let nothing = match &severed {
        Severed::Actors(actors) => actors.is_empty(),
        Severed::Flows { flows, .. } => flows.is_empty(),
    };
    if nothing {
        run.warn(format!(
            "no route from {from_text} to {to_text} among the flows kept: there is nothing to cut (check the layer and filters)"
        ));
    }
    Ok(Cut {
        view_line: view.describe(),
        view: view.json(),
        from: from_text,
        to: to_text,
        severed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::queries::tests::laundering;

    fn options(from: &str, to: &str) -> CutOptions {
        CutOptions {
            from: vec![from.into()],
            to: vec![to.into()],
            ..CutOptions::default()
        }
    }

    fn flows(found: &Cut) -> (f64, Vec<String>) {
        let Severed::Flows { value, flows } = &found.severed else {
            panic!("a cut of actors")
        };
        let names = flows
            .iter()
            .map(|f| format!("{} {} {}", f.from, f.kind, f.to))
            .collect();
        (*value, names)
    }

    fn actors(found: &Cut) -> Vec<&str> {
        let Severed::Actors(actors) = &found.severed else {
            panic!("a cut of flows")
        };
        actors.iter().map(|a| a.id.as_str()).collect()
    }

    /// clan reaches mines only through miners, over two parallel cash flows: two flow-disjoint
    /// routes, cut nearest the source at the two cash flows.
    #[test]
    fn fewest_flows_count_parallel_flows_separately() {
        let net = laundering();
        let found = cut(&net, &options("clan", "mines"), &Run::default()).unwrap();
        assert_eq!(
            flows(&found),
            (
                2.0,
                vec!["clan cash miners".to_string(), "clan cash miners".into()]
            )
        );
        let json = found.to_json();
        assert_eq!(json["value"], 2);
        assert_eq!(
            json["flows"][0],
            json!({"from": "clan", "to": "miners", "kind": "cash"})
        );
    }

    /// By volume: 4 straight into mines, and min(6, 5, 3) = 3 round through Bolivia: 7, cut at
    /// the two flows entering mines.
    #[test]
    fn capacities_give_the_cheapest_cut() {
        let net = laundering();
        let by_volume = CutOptions {
            capacity: Some("volume".into()),
            ..options("clan", "mines")
        };
        let found = cut(&net, &by_volume, &Run::default()).unwrap();
        assert_eq!(
            flows(&found),
            (
                7.0,
                vec!["bmines gold mines".to_string(), "miners gold mines".into()]
            )
        );
    }

    #[test]
    fn actor_cuts() {
        let net = laundering();
        let run = Run::default();
        let by_actors = |from: &str, to: &str| CutOptions {
            actors: true,
            ..options(from, to)
        };
        let found = cut(&net, &by_actors("clan", "mines"), &run).unwrap();
        assert_eq!(actors(&found), ["miners"]);
        assert_eq!(found.to_json()["size"], 1);
        // Undirected: police — clan — re; clan separates them.
        let undirected = CutOptions {
            filter: FlowFilter {
                undirected: true,
                ..FlowFilter::default()
            },
            ..by_actors("police", "re")
        };
        assert_eq!(actors(&cut(&net, &undirected, &run).unwrap()), ["clan"]);
        let e = cut(&net, &by_actors("clan", "miners"), &run).unwrap_err();
        assert!(!e.is_usage() && e.to_string().contains("directly"), "{e}");
        let e = cut(&net, &options("miners", "@criminal"), &run).unwrap_err();
        assert!(e.to_string().contains("both select"), "{e}");
    }
}
