//! `netgraph groups`: a partition of the actors — communities (Leiden, Louvain), weak or strong
//! components, or k-shells (actors of equal core number) — with its modularity.
//!
//! Modularity is always that of the undirected view (a → b and b → a one tie, strengths summed;
//! weighted with `--weight`/`--strength`, else every tie 1), with the chosen resolution: NetworkX's
//! `modularity` of the partition on that graph.

use super::{FlowFilter, WeightSpec, note_missing_weight};
use crate::algo::community::{self, WGraph};
use crate::algo::components::weak_components;
use crate::algo::core_number::core_number;
use crate::algo::strong_components::strong_components;
use crate::algo::ties::Ties;
use crate::algo::{leiden, louvain};
use crate::choice::Choice;
use crate::error::Result;
use crate::model::Network;
use crate::partition::groups_of;
use crate::run::Run;
use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value, json};

crate::choice_enum! {
    /// How the actors are grouped.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Method {
        /// Leiden communities (Traag, Waltman & van Eck 2019), maximising modularity.
        Leiden = "leiden" [],
        /// Louvain communities (Blondel et al. 2008), maximising modularity.
        Louvain = "louvain" [],
        /// Weakly connected components.
        Weak = "weak" [],
        /// Strongly connected components.
        Strong = "strong" [],
        /// k-shells: actors of equal core number.
        Kcore = "kcore" [],
    }
}

/// Options of [`groups`], named as the command line's.
#[derive(Debug, Clone)]
pub struct GroupsOptions {
    /// How to group the actors.
    pub method: Method,
    /// Modularity resolution γ (larger: more, smaller communities); positive.
    pub resolution: f64,
    /// Seed of Leiden's and Louvain's random order.
    pub seed: u64,
    /// Leiden iterations (as igraph's n_iterations); 0: until one changes nothing.
    pub iterations: usize,
    /// How flows are weighted.
    pub weights: WeightSpec,
    /// Which flows count.
    pub filter: FlowFilter,
}

impl Default for GroupsOptions {
    fn default() -> Self {
        GroupsOptions {
            method: Method::Leiden,
            resolution: 1.0,
            seed: 0,
            iterations: 2,
            weights: WeightSpec::default(),
            filter: FlowFilter::default(),
        }
    }
}

/// A partition of the actors, with its modularity.
#[derive(Debug, Clone, PartialEq)]
pub struct Groups {
    /// What was counted, in words (the line above a table).
    pub view_line: String,
    /// What was counted, as the JSON `"view"` object.
    pub view: Value,
    /// How the actors were grouped.
    pub method: Method,
    /// The modularity resolution.
    pub resolution: f64,
    /// Modularity of the partition on the undirected view; NaN when the view has no tie.
    pub modularity: f64,
    /// The groups, largest first (then by first id); every actor is in exactly one.
    pub groups: Vec<Group>,
}

/// One group.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Number, from 1, in the order of [`Groups::groups`].
    pub id: usize,
    /// Members' positions in the network, sorted by id.
    pub positions: Vec<usize>,
    /// Members' ids, sorted.
    pub actors: Vec<String>,
    /// With [`Method::Kcore`], the members' core number.
    pub core: Option<u32>,
}

impl Groups {
    /// The JSON of `netgraph groups --format json`.
    pub fn to_json(&self) -> Value {
        let list: Vec<Value> = self
            .groups
            .iter()
            .map(|g| {
                let mut o = Map::new();
                o.insert("id".into(), json!(g.id));
                o.insert("size".into(), json!(g.actors.len()));
                if let Some(core) = g.core {
                    o.insert("core".into(), json!(core));
                }
                o.insert("actors".into(), json!(g.actors));
                Value::Object(o)
            })
            .collect();
        json!({
            "view": self.view,
            "method": self.method.name(),
            "resolution": crate::report::json_number(Some(self.resolution)),
            "modularity": crate::report::json_number(Some(self.modularity)),
            "groups": list,
        })
    }
}

impl Serialize for Groups {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// Groups the actors of the view by `options.method` and computes the partition's modularity on
/// the undirected view with `options.resolution`.
///
/// A note gives the number of groups, the method, the modularity and (Leiden, Louvain) the seed.
/// Cost: O(n + m) for components and k-shells; Leiden and Louvain about O(m) per pass.
///
/// # Example
///
/// ```
/// use netgraph_core::queries::groups::{GroupsOptions, Method, groups};
/// let net = netgraph_core::io::peru().unwrap();
/// let options = GroupsOptions {
///     method: Method::Weak,
///     ..GroupsOptions::default()
/// };
/// let result = groups(&net, &options, &netgraph_core::Run::default()).unwrap();
/// let members: usize = result.groups.iter().map(|g| g.actors.len()).sum();
/// assert_eq!(members, net.actor_count());
/// assert_eq!(result.groups[0].id, 1);
/// ```
pub fn groups(net: &Network, options: &GroupsOptions, run: &Run) -> Result<Groups> {
    let view = options.filter.view(net, false, run)?;
    let weighting = options.weights.checked(net)?;
    let weighted = view.graph(&weighting)?;
    note_missing_weight(run, &weighting, weighted.missing, view.flows().len());
    let g = weighted.for_spectral()?;
    let w = WGraph::from_graph(g);
    let (resolution, seed, iterations) = (options.resolution, options.seed, options.iterations);
    let label: Vec<u32> = match options.method {
        Method::Leiden => leiden::leiden(&w, resolution, seed, iterations),
        Method::Louvain => louvain::louvain(&w, resolution, seed),
        Method::Weak => weak_components(g).0,
        Method::Strong => strong_components(g),
        Method::Kcore => core_number(&Ties::new(g)),
    };
    let q = community::modularity(&w, &label, resolution);
    let groups = groups_of(net, &label);
    let mut note = format!(
        "{} groups by {}; modularity {} on the undirected view (resolution {})",
        groups.len(),
        options.method.name(),
        if q.is_nan() {
            "undefined (no ties)".to_string()
        } else {
            format!("{q:.6}")
        },
        resolution
    );
    match options.method {
        Method::Leiden if iterations == 0 => {
            note.push_str(&format!(", seed {seed}, iterated until stable"))
        }
        Method::Leiden => note.push_str(&format!(
            ", seed {seed}, {iterations} iteration{}",
            if iterations == 1 { "" } else { "s" }
        )),
        Method::Louvain => note.push_str(&format!(", seed {seed}")),
        _ => {}
    }
    run.note(note);
    let groups = groups
        .into_iter()
        .enumerate()
        .map(|(i, members)| Group {
            id: i + 1,
            actors: members
                .iter()
                .map(|&v| net.actors[v].id.to_string())
                .collect(),
            core: (options.method == Method::Kcore).then(|| label[members[0]]),
            positions: members,
        })
        .collect();
    Ok(Groups {
        view_line: view.describe(),
        view: view.json(),
        method: options.method,
        resolution,
        modularity: q,
        groups,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Flow};
    use crate::run::Message;

    /// Two disjoint triangles a-b-c and x-y-z, undirected.
    fn triangles() -> Network {
        let mut net = Network::new();
        net.directed = Some(false);
        net.actors = ["a", "b", "c", "x", "y", "z"]
            .iter()
            .map(|i| Actor::new(*i))
            .collect();
        let ties = [
            ("a", "b"),
            ("b", "c"),
            ("c", "a"),
            ("x", "y"),
            ("y", "z"),
            ("z", "x"),
        ];
        net.set_flows(ties.iter().map(|(f, t)| Flow::new(*f, *t)));
        net.index().unwrap();
        net
    }

    #[test]
    fn two_triangles_are_two_groups() {
        let net = triangles();
        let run = Run::default();
        let result = groups(&net, &GroupsOptions::default(), &run).unwrap();
        let ids: Vec<&[String]> = result.groups.iter().map(|g| &g.actors[..]).collect();
        assert_eq!(ids, [["a", "b", "c"], ["x", "y", "z"]]);
        assert_eq!(result.groups[1].id, 2);
        assert_eq!(result.groups[1].positions, [3, 4, 5]);
        // m = 6 ties; each triangle holds 3 of them and degree 6 of 2m = 12:
        // Q = 2 × (3/6 − (6/12)²) = 2 × 1/4 = 1/2.
        assert!(
            (result.modularity - 0.5).abs() < 1e-12,
            "{}",
            result.modularity
        );
        let json = result.to_json();
        assert_eq!(json["method"], "leiden");
        assert_eq!(json["resolution"], 1);
        assert_eq!(json["groups"][0]["size"], 3);
        assert!(json["groups"][0].get("core").is_none());
        let notes = run.messages.taken();
        assert!(
            matches!(&notes[..], [Message::Note(n)] if n.starts_with("2 groups by leiden; modularity 0.500000")),
            "{notes:?}"
        );
    }

    #[test]
    fn resolution_and_kcore() {
        let net = triangles();
        // With γ = 2: Q = 2 × (3/6 − 2 × 1/4) = 0 for the same two components.
        let options = GroupsOptions {
            method: Method::Weak,
            resolution: 2.0,
            ..GroupsOptions::default()
        };
        let result = groups(&net, &options, &Run::default()).unwrap();
        assert_eq!(result.groups.len(), 2);
        assert!(result.modularity.abs() < 1e-12, "{}", result.modularity);
        // Every actor of a triangle has core number 2: one shell of six.
        let options = GroupsOptions {
            method: Method::Kcore,
            ..GroupsOptions::default()
        };
        let result = groups(&net, &options, &Run::default()).unwrap();
        assert_eq!(result.groups.len(), 1);
        assert_eq!(result.groups[0].core, Some(2));
        assert_eq!(result.to_json()["groups"][0]["core"], 2);
        // One group holding every tie: Q = 6/6 − (12/12)² = 0.
        assert!(result.modularity.abs() < 1e-12);
    }

    #[test]
    fn method_names() {
        assert_eq!(Method::from_name("kcore"), Some(Method::Kcore));
        assert_eq!(
            Method::names(),
            ["leiden", "louvain", "weak", "strong", "kcore"]
        );
    }
}
