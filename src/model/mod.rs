//! The network model: actors linked by flows, with the kinds and sources that describe them.
//!
//! A [`Network`] is a directed (or undirected) multigraph. It is read from a file by [`crate::io`],
//! checked by [`validate`], and then indexed so that flows refer to actors by position. Fields that
//! the format does not define are kept in `extra` maps and written back unchanged.

pub mod date;
pub mod kinds;
pub mod validate;

pub use date::PartialDate;
pub use kinds::{KindOf, KindsSection, Vocabulary};

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An actor id as a hash-map key: ids of up to 24 bytes are stored inline, so a lookup compares
/// them without following a pointer (loading millions of flows is dominated by these lookups).
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

/// A person, group, agency, business or place that takes part in the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Unique identifier, used on the command line.
    pub id: String,
    /// Display name; defaults to the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Actor kind (`family-clan`, `police`, …); defaults to `actor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Region within the country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The documents that support the actor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Fields the format does not define.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Actor {
    /// A bare actor with only an id.
    pub fn new(id: impl Into<String>) -> Self {
        Actor {
            id: id.into(),
            name: None,
            kind: None,
            country: None,
            region: None,
            sources: Vec::new(),
            extra: Map::new(),
        }
    }

    /// The display name: `name`, or the id when the name is missing.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }

    /// The kind, `actor` when missing.
    pub fn kind(&self) -> &str {
        self.kind.as_deref().unwrap_or("actor")
    }
}

/// A link from one actor to another: goods, money, a tie or an enforcement action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    /// Id of the actor the flow leaves (stored inline up to 24 bytes: a network may hold millions).
    pub from: IdKey,
    /// Id of the actor the flow enters.
    pub to: IdKey,
    /// Flow kind (`gold`, `cash`, `arrest`, …); defaults to `link`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Weight, 1 when missing.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number"
    )]
    pub weight: Option<f64>,
    /// Volume moved, in `unit`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number"
    )]
    pub volume: Option<f64>,
    /// Unit of the volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// How firmly the sources state the flow, 0..1; 1 when missing.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number"
    )]
    pub confidence: Option<f64>,
    /// First period in which the flow is reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Last period in which the flow is reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// The documents that support the flow.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Fields the format does not define.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Flow {
    /// A bare flow between two actor ids.
    pub fn new(from: impl Into<IdKey>, to: impl Into<IdKey>) -> Self {
        Flow {
            from: from.into(),
            to: to.into(),
            kind: None,
            weight: None,
            volume: None,
            unit: None,
            confidence: None,
            since: None,
            until: None,
            sources: Vec::new(),
            extra: Map::new(),
        }
    }

    /// The kind, `link` when missing.
    pub fn kind(&self) -> &str {
        self.kind.as_deref().unwrap_or("link")
    }

    /// The confidence, 1 when missing.
    pub fn confidence(&self) -> f64 {
        self.confidence.unwrap_or(1.0)
    }

    /// A field by name, as JSON: the defined fields first, then the extra ones.
    pub fn field(&self, name: &str) -> Option<Value> {
        let num = |x: Option<f64>| x.and_then(serde_json::Number::from_f64).map(Value::Number);
        let text = |s: &Option<String>| s.clone().map(Value::String);
        match name {
            "from" => Some(Value::String(self.from.to_string())),
            "to" => Some(Value::String(self.to.to_string())),
            "kind" => Some(Value::String(self.kind().to_string())),
            "weight" => num(self.weight),
            "volume" => num(self.volume),
            "confidence" => num(Some(self.confidence())),
            "unit" => text(&self.unit),
            "since" => text(&self.since),
            "until" => text(&self.until),
            _ => self.extra.get(name).cloned(),
        }
    }

    /// A numeric field by name: `Ok(None)` when absent, `Err` with the value when it is not a number.
    pub fn number(&self, name: &str) -> Result<Option<f64>, Value> {
        match self.field(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => n.as_f64().map(Some).ok_or(Value::Number(n)),
            Some(other) => Err(other),
        }
    }

    /// A short human label: `from → to, kind`.
    pub fn label(&self) -> String {
        format!("{} → {}, {}", self.from, self.to, self.kind())
    }
}

/// Writes a whole number without a fractional part (`30`, not `30.0`), so files round-trip as written.
fn number<S: serde::Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => s.serialize_i64(*v as i64),
        Some(v) => s.serialize_f64(*v),
        None => s.serialize_none(),
    }
}

/// A network of actors and flows, as read from a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// The network's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether flows have a direction; `true` when missing (see [`Network::is_directed`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directed: Option<bool>,
    /// Kinds declared by the file.
    #[serde(default, skip_serializing_if = "kinds_section_is_empty")]
    pub kinds: KindsSection,
    /// The actors.
    #[serde(default)]
    pub actors: Vec<Actor>,
    /// The flows.
    #[serde(default)]
    pub flows: Vec<Flow>,
    /// Fields the format does not define.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// Resolved vocabulary, set by [`Network::index`].
    #[serde(skip)]
    vocabulary: Vocabulary,
    /// Actor position by id, set by [`Network::index`].
    #[serde(skip)]
    positions: HashMap<IdKey, u32>,
    /// Each flow's endpoints as actor positions, set by [`Network::index`].
    #[serde(skip)]
    ends: Vec<(u32, u32)>,
    /// Where the network was read from (a file name, `<stdin>`, the built-in network), set by the
    /// reader; names an unnamed network.
    #[serde(skip)]
    origin: String,
    /// Whether `positions` and `ends` were built by a reader that guarantees unique ids and known
    /// endpoints (a CSV edge list), so that checking and indexing need not look them up again.
    #[serde(skip)]
    prebuilt: bool,
}

fn kinds_section_is_empty(k: &KindsSection) -> bool {
    k.actors.is_empty() && k.flows.is_empty() && k.extra.is_empty()
}

impl Network {
    /// An empty directed network.
    pub fn new() -> Self {
        Network {
            name: None,
            directed: None,
            kinds: KindsSection::default(),
            actors: Vec::new(),
            flows: Vec::new(),
            extra: Map::new(),
            vocabulary: Vocabulary::builtin(),
            positions: HashMap::default(),
            ends: Vec::new(),
            origin: String::new(),
            prebuilt: false,
        }
    }

    /// Resolves the vocabulary and the actor positions of every flow.
    ///
    /// Call it after [`validate::check`] found no error: an unknown actor makes it fail with the
    /// flow's position, and a duplicate id keeps its first occurrence.
    pub fn index(&mut self) -> Result<(), String> {
        self.vocabulary = validate::vocabulary(&self.kinds).0;
        if self.has_prebuilt_index() {
            return Ok(());
        }
        self.positions.clear();
        self.positions.reserve(self.actors.len());
        for (i, a) in self.actors.iter().enumerate() {
            let pos = u32::try_from(i).map_err(|_| "more than 2^32 actors".to_string())?;
            self.positions
                .entry(IdKey::from(a.id.as_str()))
                .or_insert(pos);
        }
        let mut ends = Vec::with_capacity(self.flows.len());
        for (i, f) in self.flows.iter().enumerate() {
            let find = |id: &str| {
                self.positions
                    .get(id)
                    .copied()
                    .ok_or_else(|| format!("flows[{i}]: unknown actor \"{id}\""))
            };
            ends.push((find(&f.from)?, find(&f.to)?));
        }
        self.ends = ends;
        Ok(())
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

    /// Takes actor positions and flow endpoints from a reader that built them while reading, with
    /// every id unique and every endpoint an actor (see [`Network::has_prebuilt_index`]).
    pub(crate) fn set_prebuilt_index(
        &mut self,
        positions: HashMap<IdKey, u32>,
        ends: Vec<(u32, u32)>,
    ) {
        self.positions = positions;
        self.ends = ends;
        self.prebuilt = true;
    }

    /// Drops a prebuilt index (after actors are added by hand).
    pub(crate) fn forget_prebuilt_index(&mut self) {
        self.positions.clear();
        self.ends.clear();
        self.prebuilt = false;
    }

    /// Whether a reader guaranteed unique ids and known endpoints, and its index still matches.
    pub fn has_prebuilt_index(&self) -> bool {
        self.prebuilt
            && self.positions.len() == self.actors.len()
            && self.ends.len() == self.flows.len()
    }

    /// Number of actors.
    pub fn actor_count(&self) -> usize {
        self.actors.len()
    }

    /// Position of an actor by id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.positions.get(id).map(|&p| p as usize)
    }

    /// Endpoints of flow `i` as actor positions (after [`Network::index`]).
    pub fn ends(&self, i: usize) -> (usize, usize) {
        let (a, b) = self.ends[i];
        (a as usize, b as usize)
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
    pub fn flow_class(&self, flow: &Flow) -> &str {
        self.vocabulary.class(KindOf::Flow, flow.kind())
    }
}

impl Default for Network {
    fn default() -> Self {
        Self::new()
    }
}
