//! Scenarios: "what if" edits applied to a view of a network — never to the file (docs/whatif.md).
//!
//! An [`Edit`] removes an actor, cuts the flows between two actors (optionally of one kind), drops a
//! whole kind of flow, or adds a flow. A [`Scenario`] is a named list of edits; [`Scenario::apply`]
//! turns a [`View`] into an [`Edited`] network: the removed actors and their flows are gone (so they
//! do not count in `n`), the cut and dropped flows are gone, the added flows are in. Every analysis
//! that takes a network or a view runs on [`Edited::view`] unchanged, which is how the what-if engine
//! compares a "before" and an "after".
//!
//! Order of application: removals, cuts and dropped kinds select among the view's flows (the ones
//! that passed the filters); added flows then join the edited view whatever the filters say (they
//! are what the user asked for). In an undirected view a cut `a:b` removes the flows either way.
//! A kind in `cut` or `drop_kind` may be a class written `@class`, as in `--flows`.

mod file;

pub use file::ScenarioFile;

use crate::model::{Flow, FlowRef, Network};
use crate::view::{Filters, View};
use serde::Deserialize;
use std::fmt;

/// One edit of a scenario. In a scenario file each is an object with one key:
/// `{"remove": "id"}` (or a selector: ids, actor kinds, `@class`), `{"cut": {"from", "to", "kind"}}`, `{"drop_kind": "gold"}`, `{"add": {flow}}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// Remove an actor and every flow it takes part in.
    Remove(String),
    /// Remove the flows from one actor to another, optionally only those of one kind (or `@class`).
    Cut {
        /// The flows' source actor.
        from: String,
        /// The flows' target actor.
        to: String,
        /// Only flows of this kind or `@class`.
        #[serde(default)]
        kind: Option<String>,
    },
    /// Remove every flow of a kind (or of a class written `@class`).
    DropKind(String),
    /// Add a flow (any flow fields; its actors must exist and not be removed).
    Add(Box<Flow>),
}

impl Edit {
    /// Parses `--cut A:B[:kind]`.
    pub fn parse_cut(text: &str) -> Result<Edit, String> {
        let (from, to, kind) = split_pair(text, "A:B[:kind]")?;
        Ok(Edit::Cut { from, to, kind })
    }

    /// Parses `--add A:B[:kind]` (the kind defaults to `link`, as in the file format).
    pub fn parse_add(text: &str) -> Result<Edit, String> {
        let (from, to, kind) = split_pair(text, "A:B:kind")?;
        let mut flow = Flow::new(from, to);
        flow.kind = kind;
        Ok(Edit::Add(Box::new(flow)))
    }

    /// The actor ids the edit names.
    pub fn actors(&self) -> Vec<&str> {
        match self {
            Edit::Remove(id) => vec![id],
            Edit::Cut { from, to, .. } => vec![from, to],
            Edit::DropKind(_) => vec![],
            Edit::Add(flow) => vec![&flow.from, &flow.to],
        }
    }
}

/// Splits `A:B[:kind]`; the kind may itself contain `:` (ids cannot).
fn split_pair(text: &str, form: &str) -> Result<(String, String, Option<String>), String> {
    let mut parts = text.splitn(3, ':');
    let from = parts.next().unwrap_or("").trim();
    let to = parts.next().unwrap_or("").trim();
    let kind = parts.next().map(str::trim);
    if from.is_empty() || to.is_empty() || kind == Some("") {
        return Err(format!("\"{text}\" is not {form}"));
    }
    Ok((from.into(), to.into(), kind.map(String::from)))
}

impl fmt::Display for Edit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Edit::Remove(id) => write!(f, "remove {id}"),
            Edit::Cut { from, to, kind } => match kind {
                Some(k) => write!(f, "cut {from} → {to} ({k})"),
                None => write!(f, "cut {from} → {to}"),
            },
            Edit::DropKind(k) => write!(f, "drop {k}"),
            Edit::Add(flow) => write!(f, "add {}", flow.label()),
        }
    }
}

/// A named list of edits.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The name shown in reports.
    pub name: String,
    /// The edits.
    pub edits: Vec<Edit>,
}

/// A network as a scenario leaves it: the remaining actors (in file order) and flows.
#[derive(Debug, Clone)]
pub struct Edited {
    network: Network,
    original: Vec<usize>,
    flow_origin: Vec<Option<usize>>,
    removed: Vec<usize>,
    notes: Vec<String>,
}

impl Edited {
    /// The edited network (remaining actors, kept and added flows), indexed.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// A view of the whole edited network, directed as the view it was made from.
    pub fn view(&self) -> View<'_> {
        View::new(&self.network, &Filters::default())
    }

    /// For each actor of the edited network, its position in the original network.
    pub fn original_positions(&self) -> &[usize] {
        &self.original
    }

    /// For each flow of the edited network, its position in the original network's flows, or
    /// `None` for a flow the scenario adds.
    pub fn flow_origins(&self) -> &[Option<usize>] {
        &self.flow_origin
    }

    /// Original positions of the removed actors, in file order.
    pub fn removed(&self) -> &[usize] {
        &self.removed
    }

    /// Remarks on edits that changed nothing (a cut or a dropped kind matching no flow).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }
}

/// Whether a flow's kind matches a kind name or a `@class`.
fn kind_matches(net: &Network, flow: FlowRef<'_>, pattern: &str) -> bool {
    match pattern.strip_prefix('@') {
        Some(class) => net.flow_class(flow) == class,
        None => flow.kind() == pattern,
    }
}

impl Scenario {
    /// A scenario from command-line edits, named after them.
    pub fn from_edits(edits: Vec<Edit>) -> Scenario {
        let name = edits
            .iter()
            .map(Edit::to_string)
            .collect::<Vec<_>>()
            .join("; ");
        Scenario { name, edits }
    }

    /// Ids named by the edits that are not actors of the network, each once, in order.
    pub fn unknown_actors<'s>(&'s self, net: &Network) -> Vec<&'s str> {
        let mut unknown: Vec<&str> = Vec::new();
        for id in self.edits.iter().flat_map(Edit::actors) {
            if net.position(id).is_none() && !unknown.contains(&id) {
                unknown.push(id);
            }
        }
        unknown
    }

    /// Applies the edits to a view. Fails (with the reason) on an unknown actor, on an added flow
    /// that touches a removed actor, or on an added flow the network would reject.
    pub fn apply(&self, view: &View) -> crate::Result<Edited> {
        let net = view.network();
        if let Some(id) = self.unknown_actors(net).first() {
            return Err(crate::Error::Input(format!("unknown actor \"{id}\"")));
        }
        let mut gone = vec![false; net.actor_count()];
        for edit in &self.edits {
            if let Edit::Remove(id) = edit
                && let Some(p) = net.position(id)
            {
                gone[p] = true;
            }
        }
        let mut used = vec![false; self.edits.len()];
        let mut flows: Vec<Flow> = Vec::new();
        let mut flow_origin: Vec<Option<usize>> = Vec::new();
        for &i in view.flows() {
            let (a, b) = net.ends(i);
            if gone[a] || gone[b] {
                continue;
            }
            let flow = net.flow(i);
            let mut keep = true;
            for (edit, used) in self.edits.iter().zip(used.iter_mut()) {
                let hit = match edit {
                    Edit::Cut { from, to, kind } => {
                        let (f, t) = (net.position(from), net.position(to));
                        let ends = (f == Some(a) && t == Some(b))
                            || (!view.is_directed() && f == Some(b) && t == Some(a));
                        ends && kind.as_deref().is_none_or(|k| kind_matches(net, flow, k))
                    }
                    Edit::DropKind(k) => kind_matches(net, flow, k),
                    _ => false,
                };
                *used |= hit;
                keep &= !hit;
            }
            if keep {
                flows.push(flow.to_flow());
                flow_origin.push(Some(i));
            }
        }
        for edit in &self.edits {
            if let Edit::Add(flow) = edit {
                for id in [&flow.from, &flow.to] {
                    if net.position(id).is_some_and(|p| gone[p]) {
                        return Err(crate::Error::Input(format!(
                            "cannot add {}: actor \"{id}\" is removed by the same scenario",
                            flow.label()
                        )));
                    }
                }
                flows.push((**flow).clone());
                flow_origin.push(None);
            }
        }
        let notes = self
            .edits
            .iter()
            .zip(&used)
            .filter(|(e, used)| matches!(e, Edit::Cut { .. } | Edit::DropKind(_)) && !**used)
            .map(|(e, _)| format!("{}: no flow of the view matches", e))
            .collect();
        let original: Vec<usize> = (0..net.actor_count()).filter(|&p| !gone[p]).collect();
        let mut network = Network::new();
        network.name = net.name.clone();
        network.directed = Some(view.is_directed());
        network.kinds = net.kinds.clone();
        network.documents = net.documents.clone();
        network.extra = net.extra.clone();
        network.actors = original.iter().map(|&p| net.actors[p].clone()).collect();
        network.set_flows(flows);
        network.index()?;
        Ok(Edited {
            network,
            original,
            flow_origin,
            removed: (0..net.actor_count()).filter(|&p| gone[p]).collect(),
            notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Actor;

    /// a →gold→ b →cash→ c, b →gold→ c, c →bribes→ d; kinds gold (illicit), cash and bribes (money).
    fn net(directed: bool) -> Network {
        let mut n = Network::new();
        n.directed = Some(directed);
        n.actors = ["a", "b", "c", "d"]
            .iter()
            .map(|id| Actor::new(*id))
            .collect();
        let flow = |f: &str, t: &str, k: &str| {
            let mut x = Flow::new(f, t);
            x.kind = Some(k.into());
            x
        };
        n.set_flows(vec![
            flow("a", "b", "gold"),
            flow("b", "c", "cash"),
            flow("b", "c", "gold"),
            flow("c", "d", "bribes"),
        ]);
        n.index().unwrap();
        n
    }

    fn kinds(e: &Edited) -> Vec<String> {
        e.network().flows().map(|f| f.label()).collect()
    }

    fn apply(net: &Network, edits: Vec<Edit>) -> Edited {
        let view = View::new(net, &Filters::default());
        Scenario::from_edits(edits).apply(&view).unwrap()
    }

    #[test]
    fn removing_an_actor_drops_it_and_its_flows() {
        let n = net(true);
        let e = apply(&n, vec![Edit::Remove("b".into())]);
        assert_eq!(e.original_positions(), [0, 2, 3]);
        assert_eq!(e.removed(), [1]);
        assert_eq!(kinds(&e), ["c → d, bribes"]);
        assert_eq!(e.view().n(), 3);
    }

    #[test]
    fn cuts_by_pair_kind_and_direction() {
        let n = net(true);
        let cut = |t: &str| Edit::parse_cut(t).unwrap();
        assert_eq!(
            kinds(&apply(&n, vec![cut("b:c:gold")])),
            ["a → b, gold", "b → c, cash", "c → d, bribes"]
        );
        assert_eq!(kinds(&apply(&n, vec![cut("b:c")])).len(), 2);
        // Directed: c:b matches nothing, and says so.
        let e = apply(&n, vec![cut("c:b")]);
        assert_eq!(kinds(&e).len(), 4);
        assert_eq!(e.notes(), ["cut c → b: no flow of the view matches"]);
        // Undirected: c:b cuts b–c both ways.
        let u = net(false);
        assert_eq!(kinds(&apply(&u, vec![cut("c:b")])).len(), 2);
        assert!(!apply(&u, vec![cut("c:b")]).view().is_directed());
    }

    #[test]
    fn dropping_kinds_and_classes_then_adding() {
        let n = net(true);
        let e = apply(&n, vec![Edit::DropKind("gold".into())]);
        assert_eq!(kinds(&e), ["b → c, cash", "c → d, bribes"]);
        let e = apply(
            &n,
            vec![
                Edit::DropKind("@money".into()),
                Edit::parse_add("d:a:cash").unwrap(),
            ],
        );
        assert_eq!(kinds(&e), ["a → b, gold", "b → c, gold", "d → a, cash"]);
        assert_eq!(e.flow_origins(), [Some(0), Some(2), None]);
        assert_eq!(
            kinds(&apply(&n, vec![Edit::parse_add("a:d").unwrap()]))[4],
            "a → d, link"
        );
    }

    #[test]
    fn filters_select_before_edits_and_added_flows_join() {
        let n = net(true);
        let filters = Filters {
            kinds: vec!["gold".into()],
            ..Default::default()
        };
        let view = View::new(&n, &filters);
        let s = Scenario::from_edits(vec![Edit::parse_add("c:d:cash").unwrap()]);
        let e = s.apply(&view).unwrap();
        assert_eq!(kinds(&e), ["a → b, gold", "b → c, gold", "c → d, cash"]);
        assert_eq!(s.name, "add c → d, cash");
    }

    #[test]
    fn contradictions_and_unknown_actors_are_errors() {
        let n = net(true);
        let view = View::new(&n, &Filters::default());
        let s = Scenario::from_edits(vec![
            Edit::Remove("a".into()),
            Edit::parse_add("a:b:gold").unwrap(),
        ]);
        assert!(
            s.apply(&view)
                .unwrap_err()
                .to_string()
                .contains("\"a\" is removed")
        );
        let s = Scenario::from_edits(vec![
            Edit::Remove("x".into()),
            Edit::parse_cut("y:a").unwrap(),
            Edit::Remove("x".into()),
        ]);
        assert_eq!(s.unknown_actors(&n), ["x", "y"]);
        assert!(s.apply(&view).is_err());
    }

    #[test]
    fn malformed_pairs() {
        for bad in ["a", "a:", ":b", "a:b:", ""] {
            assert!(Edit::parse_cut(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Edit::parse_cut("a:b:odd:kind").unwrap(),
            Edit::Cut {
                from: "a".into(),
                to: "b".into(),
                kind: Some("odd:kind".into())
            }
        );
    }
}
