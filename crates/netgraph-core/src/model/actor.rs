//! Actors: an id, a display name and a kind inline, the rarer fields (country, region, sources,
//! fields the format does not define) behind one pointer, so that a network of a million actors
//! read from an edge list costs 80 bytes per actor.

use super::{IdKey, Source};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::sync::LazyLock;

/// An empty map of extra fields, shared by everything that has none.
pub(crate) static NO_FIELDS: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);

/// A person, group, agency, business or place that takes part in the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "ActorRecord", into = "ActorRecord")]
pub struct Actor {
    /// Unique identifier, used on the command line (stored inline up to 24 bytes).
    pub id: IdKey,
    /// Display name; defaults to the id.
    pub name: Option<String>,
    /// Actor kind (`family-clan`, `police`, …); defaults to `actor`.
    pub kind: Option<String>,
    more: Option<Box<ActorMore>>,
}

/// The fields of an actor that most actors lack.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorMore {
    /// Country code.
    pub country: Option<String>,
    /// Region within the country.
    pub region: Option<String>,
    /// The documents that support the actor.
    pub sources: Vec<Source>,
    /// Fields the format does not define.
    pub extra: Map<String, Value>,
}

impl ActorMore {
    fn is_empty(&self) -> bool {
        self.country.is_none()
            && self.region.is_none()
            && self.sources.is_empty()
            && self.extra.is_empty()
    }
}

impl Actor {
    /// A bare actor with only an id.
    pub fn new(id: impl Into<IdKey>) -> Self {
        Actor {
            id: id.into(),
            name: None,
            kind: None,
            more: None,
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

    /// Country code, if given.
    pub fn country(&self) -> Option<&str> {
        self.more.as_ref()?.country.as_deref()
    }

    /// Region, if given.
    pub fn region(&self) -> Option<&str> {
        self.more.as_ref()?.region.as_deref()
    }

    /// The documents that support the actor.
    pub fn sources(&self) -> &[Source] {
        self.more.as_ref().map_or(&[], |m| &m.sources)
    }

    /// Fields the format does not define.
    pub fn extra(&self) -> &Map<String, Value> {
        self.more.as_ref().map_or(&NO_FIELDS, |m| &m.extra)
    }

    /// The rarer fields, for editing (created empty when missing).
    pub fn more_mut(&mut self) -> &mut ActorMore {
        self.more.get_or_insert_with(Default::default)
    }
}

/// An actor as written in a file (docs/format.md).
#[derive(Serialize, Deserialize)]
struct ActorRecord {
    id: IdKey,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    region: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sources: Vec<Source>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl From<ActorRecord> for Actor {
    fn from(r: ActorRecord) -> Actor {
        let more = ActorMore {
            country: r.country,
            region: r.region,
            sources: r.sources,
            extra: r.extra,
        };
        Actor {
            id: r.id,
            name: r.name,
            kind: r.kind,
            more: (!more.is_empty()).then(|| Box::new(more)),
        }
    }
}

impl From<Actor> for ActorRecord {
    fn from(a: Actor) -> ActorRecord {
        let more = a.more.map(|m| *m).unwrap_or_default();
        ActorRecord {
            id: a.id,
            name: a.name,
            kind: a.kind,
            country: more.country,
            region: more.region,
            sources: more.sources,
            extra: more.extra,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_actor_from_an_edge_list_is_small() {
        assert!(std::mem::size_of::<Actor>() <= 80);
    }

    #[test]
    fn rare_fields_round_trip() {
        let text =
            r#"{"id":"a","name":"A","country":"PE","sources":[{"doc":"d.md","quote":"q"}],"x":1}"#;
        let a: Actor = serde_json::from_str(text).unwrap();
        assert_eq!(a.country(), Some("PE"));
        assert_eq!(a.sources()[0].doc, "d.md");
        assert_eq!(a.extra()["x"], 1);
        let back: Value = serde_json::to_value(&a).unwrap();
        assert_eq!(back, serde_json::from_str::<Value>(text).unwrap());
        let bare: Actor = serde_json::from_str(r#"{"id":"b"}"#).unwrap();
        assert!(bare.more.is_none() && bare.sources().is_empty() && bare.extra().is_empty());
    }
}
