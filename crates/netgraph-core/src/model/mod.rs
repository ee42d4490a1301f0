//! The network model: actors linked by flows, with the kinds and sources that describe them.
//!
//! A [`Network`] is a directed (or undirected) multigraph. It is read from a file by [`crate::io`],
//! checked by [`validate`], and then indexed so that flows refer to actors by position. Fields that
//! the format does not define are kept in `extra` maps and written back unchanged.

mod actor;
pub mod date;
mod de;
pub mod documents;
mod flow;
mod index;
pub mod kinds;
pub mod reserved;
mod table;
pub mod validate;

pub use actor::{Actor, ActorMore};
pub use date::PartialDate;
pub use documents::{Document, Documents};
pub use flow::{Flow, FlowRef};
pub use kinds::{KindOf, KindsSection, Role, Vocabulary};

use index::IdIndex;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use table::{FlowTable, UNRESOLVED};

/// An actor id: ids of up to 24 bytes are stored inline, without a heap block of their own (a
/// network may hold millions of actors, and comparing inline ids needs no pointer to follow).
pub type IdKey = compact_str::CompactString;

/// A citation: a document and a short verbatim quote from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The cited document's file name.
    pub doc: String,
    /// A short verbatim quote from the document.
    #[serde(default)]
    pub quote: String,
    /// Fields the format does not define.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Source {
    /// A citation of `doc` with `quote`.
    pub fn new(doc: impl Into<String>, quote: impl Into<String>) -> Self {
        Source {
            doc: doc.into(),
            quote: quote.into(),
            extra: Map::new(),
        }
    }
}

/// A network of actors and flows, as read from a file.
///
/// Actors are a plain list; flows are stored by column (see [`Network::flow`] and
/// [`Network::flows`] to read them, [`Network::push_flow`] and [`Network::set_flows`] to write
/// them). A flow's endpoints are resolved to actor positions when it is stored, so set the actors
/// before the flows; an endpoint that names no actor yet is kept by id and resolved by
/// [`Network::index`].
#[derive(Debug, Clone)]
pub struct Network {
    /// The network's title.
    pub name: Option<String>,
    /// Whether flows have a direction; `true` when missing (see [`Network::is_directed`]).
    pub directed: Option<bool>,
    /// Kinds declared by the file.
    pub kinds: KindsSection,
    /// The documents the file describes, by file name (see [`documents`]).
    pub documents: Documents,
    /// The actors. Append to the list (or use [`Network::push_actor`]); do not reorder, remove or
    /// rename actors of a network that has flows: flows refer to actors by position, and the id
    /// index only picks up actors added at the end.
    pub actors: Vec<Actor>,
    /// Fields the format does not define.
    pub extra: Map<String, Value>,
    flows: FlowTable,
    /// Resolved vocabulary, set by [`Network::index`].
    vocabulary: Vocabulary,
    /// Actor positions by id.
    positions: IdIndex,
    /// Where the network was read from (a file name, `<stdin>`, the built-in network), set by the
    /// reader; names an unnamed network.
    origin: String,
}

fn kinds_section_is_empty(k: &KindsSection) -> bool {
    k.is_empty()
}

impl Network {
    /// An empty directed network.
    pub fn new() -> Self {
        Network {
            name: None,
            directed: None,
            kinds: KindsSection::default(),
            documents: Documents::default(),
            actors: Vec::new(),
            extra: Map::new(),
            flows: FlowTable::default(),
            vocabulary: Vocabulary::builtin(),
            positions: IdIndex::default(),
            origin: String::new(),
        }
    }

    /// Resolves the vocabulary and the actor positions of every flow.
    ///
    /// Call it after [`validate::check`] found no error: an unknown actor makes it fail with the
    /// flow's position, and a duplicate id keeps its first occurrence.
    pub fn index(&mut self) -> crate::Result<()> {
        self.vocabulary = validate::vocabulary(&self.kinds).0;
        self.positions.sync(&self.actors);
        if self.flows.unresolved.is_empty() {
            return Ok(());
        }
        for i in 0..self.flows.len() {
            let (from, to) = (self.flows.from(i), self.flows.to(i));
            if (from | to) & UNRESOLVED == 0 {
                continue;
            }
            let resolve = |end: u32| {
                if end & UNRESOLVED == 0 {
                    return Ok(end);
                }
                let id = &self.flows.unresolved[(end & !UNRESOLVED) as usize];
                self.positions.get(&self.actors, id).ok_or_else(|| {
                    crate::Error::Input(format!("flows[{i}]: unknown actor \"{id}\""))
                })
            };
            let ends = (resolve(from)?, resolve(to)?);
            self.flows.set_ends(i, ends.0, ends.1);
        }
        self.flows.unresolved.clear();
        Ok(())
    }

    /// Where the network was read from (a file name, `<stdin>`, the built-in network).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Records where the network was read from.
    pub fn set_origin(&mut self, origin: impl Into<String>) {
        self.origin = origin.into();
    }

    /// The network's title: its `name`, else the name of the file it was read from (without folder
    /// and extension), else "network".
    pub fn title(&self) -> String {
        if let Some(name) = &self.name {
            return name.clone();
        }
        let stem = std::path::Path::new(&self.origin)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if stem.is_empty() {
            "network".into()
        } else {
            stem
        }
    }

    /// Whether flows have a direction (the default).
    pub fn is_directed(&self) -> bool {
        self.directed.unwrap_or(true)
    }

    /// Number of actors.
    pub fn actor_count(&self) -> usize {
        self.actors.len()
    }

    /// Position of the first actor with `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        if let Some(p) = self.positions.get(&self.actors, id) {
            return Some(p as usize);
        }
        if self.positions.is_synced(&self.actors) {
            return None;
        }
        // Actors added to the list since the last indexing: look them up one by one.
        self.actors.iter().position(|a| a.id == id)
    }

    /// Whether every actor is in the id index (true unless actors were added to the list by hand
    /// since the last [`Network::index`] or [`Network::push_actor`]).
    pub fn is_indexed(&self) -> bool {
        self.positions.is_synced(&self.actors)
    }

    /// Indexes the actors added to the list by hand since the last indexing.
    pub fn index_actors(&mut self) {
        self.positions.sync(&self.actors);
    }

    /// Appends an actor (also indexing it) and returns its position.
    pub fn push_actor(&mut self, actor: Actor) -> Result<u32, String> {
        let p = self.actors.len();
        if p >= UNRESOLVED as usize {
            return Err("more than 2^31 actors".into());
        }
        self.actors.push(actor);
        self.positions.sync(&self.actors);
        Ok(p as u32)
    }

    /// The position of the actor with `id`, appending a bare actor when there is none.
    pub fn position_or_push(&mut self, id: &str) -> Result<u32, String> {
        self.positions.sync(&self.actors);
        match self.positions.get(&self.actors, id) {
            Some(p) => Ok(p),
            None => self.push_actor(Actor::new(id)),
        }
    }

    /// Number of flows.
    pub fn flow_count(&self) -> usize {
        self.flows.len()
    }

    /// Flow `i`, in file order.
    pub fn flow(&self, i: usize) -> FlowRef<'_> {
        assert!(i < self.flows.len(), "flow {i} of {}", self.flows.len());
        FlowRef::new(self, i)
    }

    /// Every flow, in file order.
    pub fn flows(
        &self,
    ) -> impl ExactSizeIterator<Item = FlowRef<'_>> + DoubleEndedIterator + Clone + '_ {
        (0..self.flows.len()).map(move |i| FlowRef::new(self, i))
    }

    /// The stored endpoint `end` as an actor id.
    fn end_id(&self, end: u32) -> &str {
        if end & UNRESOLVED == 0 {
            &self.actors[end as usize].id
        } else {
            &self.flows.unresolved[(end & !UNRESOLVED) as usize]
        }
    }

    /// Resolves an endpoint id to a stored endpoint.
    fn resolve(&mut self, id: &str) -> u32 {
        self.positions.sync(&self.actors);
        match self.positions.get(&self.actors, id) {
            Some(p) => p,
            None => {
                self.flows.unresolved.push(id.into());
                UNRESOLVED | (self.flows.unresolved.len() - 1) as u32
            }
        }
    }

    /// Appends a flow; its endpoints are looked up among the actors (see [`Network`]).
    pub fn push_flow(&mut self, flow: &Flow) {
        let (from, to) = (self.resolve(&flow.from), self.resolve(&flow.to));
        self.flows.push(from, to, flow);
    }

    /// Appends a flow between two actor positions; the ids in `flow` are not read.
    pub fn push_flow_between(&mut self, from: u32, to: u32, flow: &Flow) {
        debug_assert!((from as usize) < self.actors.len() && (to as usize) < self.actors.len());
        debug_assert!(from < UNRESOLVED && to < UNRESOLVED);
        self.flows.push(from, to, flow);
    }

    /// Replaces every flow.
    pub fn set_flows(&mut self, flows: impl IntoIterator<Item = Flow>) {
        self.flows = FlowTable::default();
        for f in flows {
            self.push_flow(&f);
        }
    }

    /// Changes flow `i` through its written form.
    pub fn edit_flow(&mut self, i: usize, edit: impl FnOnce(&mut Flow)) {
        let mut flow = self.flow(i).to_flow();
        edit(&mut flow);
        let (from, to) = (self.resolve(&flow.from), self.resolve(&flow.to));
        self.flows.set_ends(i, from, to);
        self.flows.write(i, &flow);
    }

    /// Reserves room for `more` flows.
    pub fn reserve_flows(&mut self, more: usize) {
        self.flows.reserve(more);
    }

    /// Releases spare capacity after reading.
    pub fn shrink_to_fit(&mut self) {
        self.actors.shrink_to_fit();
        self.flows.shrink_to_fit();
    }

    pub(crate) fn table(&self) -> &FlowTable {
        &self.flows
    }

    /// Whether flow `i`'s endpoint `end` (0 = from, 1 = to) names an actor.
    pub fn end_is_known(&self, i: usize, end: usize) -> bool {
        let stored = if end == 0 {
            self.flows.from(i)
        } else {
            self.flows.to(i)
        };
        stored & UNRESOLVED == 0 || self.position(self.end_id(stored)).is_some()
    }

    /// Endpoints of flow `i` as actor positions (after [`Network::index`]).
    #[inline]
    pub fn ends(&self, i: usize) -> (usize, usize) {
        (self.flows.from(i) as usize, self.flows.to(i) as usize)
    }

    /// The resolved vocabulary (after [`Network::index`]).
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The class of an actor.
    pub fn actor_class(&self, actor: &Actor) -> &str {
        self.vocabulary.class(KindOf::Actor, actor.kind())
    }

    /// The class of a flow.
    pub fn flow_class(&self, flow: FlowRef<'_>) -> &str {
        self.kind_class(flow.kind())
    }

    /// The class of a flow kind.
    pub fn kind_class(&self, kind: &str) -> &str {
        self.vocabulary.class(KindOf::Flow, kind)
    }

    /// The value role of a flow kind (commodity, money, asset, input or none).
    pub fn kind_role(&self, kind: &str) -> Role {
        self.vocabulary.role(kind)
    }
}

impl Default for Network {
    fn default() -> Self {
        Self::new()
    }
}

impl PartialEq for Network {
    /// Networks are equal when they would be written the same way.
    fn eq(&self, other: &Network) -> bool {
        self.name == other.name
            && self.directed == other.directed
            && self.kinds == other.kinds
            && self.documents == other.documents
            && self.actors == other.actors
            && self.extra == other.extra
            && self.flow_count() == other.flow_count()
            && self
                .flows()
                .zip(other.flows())
                .all(|(a, b)| a.to_flow() == b.to_flow())
    }
}

/// A network as written in a file (docs/format.md); read by `de.rs`, which streams the flows.
#[derive(Serialize)]
struct NetworkRecord<A, F> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    directed: Option<bool>,
    #[serde(default, skip_serializing_if = "kinds_section_is_empty")]
    kinds: KindsSection,
    #[serde(default, skip_serializing_if = "Documents::is_empty")]
    documents: Documents,
    actors: A,
    flows: F,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// The flows of a network, written one by one in their file form.
struct WrittenFlows<'a>(&'a Network);

impl Serialize for WrittenFlows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.flows().map(|f| f.to_flow()))
    }
}

impl Serialize for Network {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        NetworkRecord {
            name: self.name.clone(),
            directed: self.directed,
            kinds: self.kinds.clone(),
            documents: self.documents.clone(),
            actors: &self.actors,
            flows: WrittenFlows(self),
            extra: self.extra.clone(),
        }
        .serialize(s)
    }
}
