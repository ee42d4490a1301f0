//! Flows: [`Flow`] is one flow as written in a file (what readers build and writers print);
//! [`FlowRef`] is a flow of a [`Network`], read from its columns (see [`super::table`]).

use super::{IdKey, Network, Source};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A link from one actor to another: goods, money, a tie or an enforcement action, as written in a
/// file. A network stores its flows by column; [`Network::flow`] reads one back as a [`FlowRef`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    /// Id of the actor the flow leaves.
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

/// Flow `i` of a network, read from the network's columns. Cheap to copy.
#[derive(Clone, Copy)]
pub struct FlowRef<'a> {
    net: &'a Network,
    i: usize,
}

impl std::fmt::Debug for FlowRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "flows[{}] ({})", self.i, self.label())
    }
}

impl<'a> FlowRef<'a> {
    pub(super) fn new(net: &'a Network, i: usize) -> Self {
        FlowRef { net, i }
    }

    /// The flow's position in the file.
    pub fn index(&self) -> usize {
        self.i
    }

    /// Id of the actor the flow leaves.
    pub fn from(&self) -> &'a str {
        self.net.end_id(self.net.table().from(self.i))
    }

    /// Id of the actor the flow enters.
    pub fn to(&self) -> &'a str {
        self.net.end_id(self.net.table().to(self.i))
    }

    /// The kind as written, if it was.
    pub fn stated_kind(&self) -> Option<&'a str> {
        self.net.table().kind(self.i)
    }

    /// The kind, `link` when missing.
    pub fn kind(&self) -> &'a str {
        self.stated_kind().unwrap_or("link")
    }

    /// The weight, if given.
    pub fn weight(&self) -> Option<f64> {
        self.net.table().weight(self.i)
    }

    /// The volume, if given.
    pub fn volume(&self) -> Option<f64> {
        self.net.table().volume(self.i)
    }

    /// The confidence as written, if it was.
    pub fn stated_confidence(&self) -> Option<f64> {
        self.net.table().confidence(self.i)
    }

    /// The confidence, 1 when missing.
    pub fn confidence(&self) -> f64 {
        self.stated_confidence().unwrap_or(1.0)
    }

    /// The unit of the volume, if given.
    pub fn unit(&self) -> Option<&'a str> {
        self.net.table().rare(self.i)?.unit.as_deref()
    }

    /// First period in which the flow is reported, if given.
    pub fn since(&self) -> Option<&'a str> {
        self.net.table().rare(self.i)?.since.as_deref()
    }

    /// Last period in which the flow is reported, if given.
    pub fn until(&self) -> Option<&'a str> {
        self.net.table().rare(self.i)?.until.as_deref()
    }

    /// The documents that support the flow.
    pub fn sources(&self) -> &'a [Source] {
        self.net.table().rare(self.i).map_or(&[], |r| &r.sources)
    }

    /// Fields the format does not define.
    pub fn extra(&self) -> &'a Map<String, Value> {
        self.net
            .table()
            .rare(self.i)
            .map_or(&super::actor::NO_FIELDS, |r| &r.extra)
    }

    /// A text field the format defines but stores among the extra fields (`note`, `basis`,
    /// `event`), if present and a string.
    fn text(&self, name: &str) -> Option<&'a str> {
        self.extra().get(name).and_then(Value::as_str)
    }

    /// The analyst's note, if given as text.
    pub fn note(&self) -> Option<&'a str> {
        self.text("note")
    }

    /// Whether the document states the flow (`stated`) or the analyst inferred it (`inferred`),
    /// if given as text.
    pub fn basis(&self) -> Option<&'a str> {
        self.text("basis")
    }

    /// The id of the event the flow reports, if given as text: flows reporting one event count
    /// once in every sum (see [`crate::multigraph::events_once`]).
    pub fn event(&self) -> Option<&'a str> {
        self.text("event")
    }

    /// A field by name, as JSON: the defined fields first, then the extra ones.
    pub fn field(&self, name: &str) -> Option<Value> {
        let num = |x: Option<f64>| x.and_then(serde_json::Number::from_f64).map(Value::Number);
        let text = |s: Option<&str>| s.map(|s| Value::String(s.to_string()));
        match name {
            "from" => text(Some(self.from())),
            "to" => text(Some(self.to())),
            "kind" => text(Some(self.kind())),
            "weight" => num(self.weight()),
            "volume" => num(self.volume()),
            "confidence" => num(Some(self.confidence())),
            "unit" => text(self.unit()),
            "since" => text(self.since()),
            "until" => text(self.until()),
            _ => self.extra().get(name).cloned(),
        }
    }

    /// A numeric field by name: `Ok(None)` when absent, `Err` with the value when it is not a number.
    pub fn number(&self, name: &str) -> Result<Option<f64>, Value> {
        match name {
            "weight" => return Ok(self.weight()),
            "volume" => return Ok(self.volume()),
            "confidence" => return Ok(Some(self.confidence())),
            _ => {}
        }
        match self.field(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => n.as_f64().map(Some).ok_or(Value::Number(n)),
            Some(other) => Err(other),
        }
    }

    /// A short human label: `from → to, kind`.
    pub fn label(&self) -> String {
        format!("{} → {}, {}", self.from(), self.to(), self.kind())
    }

    /// Endpoints as actor positions (after [`Network::index`]).
    pub fn ends(&self) -> (usize, usize) {
        self.net.ends(self.i)
    }

    /// The flow as written in a file.
    pub fn to_flow(&self) -> Flow {
        let rare = self.net.table().rare(self.i);
        Flow {
            from: self.from().into(),
            to: self.to().into(),
            kind: self.stated_kind().map(str::to_string),
            weight: self.weight(),
            volume: self.volume(),
            unit: rare.and_then(|r| r.unit.clone()),
            confidence: self.stated_confidence(),
            since: rare.and_then(|r| r.since.clone()),
            until: rare.and_then(|r| r.until.clone()),
            sources: rare.map(|r| r.sources.clone()).unwrap_or_default(),
            extra: rare.map(|r| r.extra.clone()).unwrap_or_default(),
        }
    }
}
