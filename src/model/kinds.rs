//! Actor and flow kinds, and the classes they belong to.
//!
//! Every actor kind and flow kind belongs to a class (`criminal`, `legal`, `illicit`, `money`, …). The
//! built-in vocabulary below is the one of DESIGN §1; a network file's `kinds` section adds kinds or
//! overrides the class of a built-in one. A kind found in neither gets the class `other`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The class given to a kind that neither the built-in vocabulary nor the file declares.
pub const OTHER: &str = "other";

/// Built-in actor kinds, by class.
pub const ACTOR_CLASSES: &[(&str, &[&str])] = &[
    (
        "criminal",
        &[
            "family-clan",
            "cartel",
            "gang",
            "mafia",
            "guerrilla",
            "criminal-group",
            "trafficker",
            "armed-group",
        ],
    ),
    (
        "state",
        &[
            "state-agency",
            "police",
            "military",
            "prosecutor",
            "court",
            "regulator",
            "foreign-agency",
        ],
    ),
    (
        "legal",
        &[
            "business",
            "mining-company",
            "exporter",
            "bank",
            "money-changer",
            "real-estate",
            "retailer",
            "market",
        ],
    ),
    (
        "hub",
        &["port", "border-crossing", "airstrip", "region", "city"],
    ),
    (
        "political",
        &["congress", "party", "politician", "executive"],
    ),
];

/// Built-in flow kinds, by class.
pub const FLOW_CLASSES: &[(&str, &[&str])] = &[
    (
        "illicit",
        &[
            "cocaine",
            "coca-base",
            "coca-leaf",
            "heroin",
            "gold",
            "mercury",
            "precursors",
            "timber",
            "wildlife",
            "counterfeit",
            "weapons",
            "contraband",
            "migrants",
        ],
    ),
    (
        "money",
        &["cash", "bribes", "extortion", "campaign-finance", "ransom"],
    ),
    (
        "asset",
        &[
            "real-estate",
            "luxury-goods",
            "gold-export",
            "business-investment",
        ],
    ),
    (
        "enforcement",
        &[
            "arrest",
            "seizure",
            "eradication",
            "interdiction",
            "prosecution",
        ],
    ),
    (
        "tie",
        &[
            "alliance",
            "membership",
            "rivalry",
            "cooperation",
            "intelligence-sharing",
            "corruption",
            "supply",
        ],
    ),
];

/// One kind declared in a file's `kinds` section: its class, plus any other fields (kept as they are).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KindDef {
    /// The class the kind belongs to.
    pub class: String,
    /// Fields the format does not define, kept so that they round-trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A file's `kinds` section: actor kinds and flow kinds it declares.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KindsSection {
    /// Actor kinds declared by the file.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub actors: Map<String, Value>,
    /// Flow kinds declared by the file.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub flows: Map<String, Value>,
    /// Fields the format does not define, kept so that they round-trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Whether a kind names an actor kind or a flow kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindOf {
    /// A kind of actor.
    Actor,
    /// A kind of flow.
    Flow,
}

/// The resolved vocabulary of one network: built-in kinds merged with the file's own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    actors: BTreeMap<String, String>,
    flows: BTreeMap<String, String>,
}

impl Vocabulary {
    /// The built-in vocabulary alone.
    pub fn builtin() -> Self {
        let table = |classes: &[(&str, &[&str])]| {
            classes
                .iter()
                .flat_map(|(class, kinds)| kinds.iter().map(|k| (k.to_string(), class.to_string())))
                .collect()
        };
        Vocabulary {
            actors: table(ACTOR_CLASSES),
            flows: table(FLOW_CLASSES),
        }
    }

    /// Adds or overrides a kind's class.
    pub fn declare(&mut self, of: KindOf, kind: &str, class: &str) {
        let map = match of {
            KindOf::Actor => &mut self.actors,
            KindOf::Flow => &mut self.flows,
        };
        map.insert(kind.to_string(), class.to_string());
    }

    /// The class of a kind, if the vocabulary knows the kind.
    pub fn class_of(&self, of: KindOf, kind: &str) -> Option<&str> {
        match of {
            KindOf::Actor => self.actors.get(kind),
            KindOf::Flow => self.flows.get(kind),
        }
        .map(String::as_str)
    }

    /// The class of a kind, `other` when the kind is unknown.
    pub fn class(&self, of: KindOf, kind: &str) -> &str {
        self.class_of(of, kind).unwrap_or(OTHER)
    }

    /// The known kinds of actors or flows, sorted.
    pub fn kinds(&self, of: KindOf) -> impl Iterator<Item = &str> {
        match of {
            KindOf::Actor => &self.actors,
            KindOf::Flow => &self.flows,
        }
        .keys()
        .map(String::as_str)
    }

    /// The classes that known kinds of actors or flows belong to, sorted, without `other`.
    pub fn classes(&self, of: KindOf) -> Vec<&str> {
        let map = match of {
            KindOf::Actor => &self.actors,
            KindOf::Flow => &self.flows,
        };
        let mut classes: Vec<&str> = map.values().map(String::as_str).collect();
        classes.sort_unstable();
        classes.dedup();
        classes
    }

    /// Whether `class` names a class that some known kind belongs to.
    pub fn has_class(&self, of: KindOf, class: &str) -> bool {
        let map = match of {
            KindOf::Actor => &self.actors,
            KindOf::Flow => &self.flows,
        };
        class == OTHER || map.values().any(|c| c == class)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_classes_match_design_table() {
        let v = Vocabulary::builtin();
        assert_eq!(v.class(KindOf::Actor, "family-clan"), "criminal");
        assert_eq!(v.class(KindOf::Actor, "money-changer"), "legal");
        assert_eq!(v.class(KindOf::Actor, "city"), "hub");
        assert_eq!(v.class(KindOf::Flow, "gold"), "illicit");
        assert_eq!(v.class(KindOf::Flow, "real-estate"), "asset");
        assert_eq!(v.class(KindOf::Flow, "campaign-finance"), "money");
        assert_eq!(v.class(KindOf::Flow, "intelligence-sharing"), "tie");
        assert_eq!(v.class(KindOf::Flow, "teleport"), "other");
        assert_eq!(v.class_of(KindOf::Actor, "gold"), None);
    }

    #[test]
    fn file_declarations_override_builtin() {
        let mut v = Vocabulary::builtin();
        v.declare(KindOf::Flow, "gold", "asset");
        v.declare(KindOf::Actor, "ngo", "legal");
        assert_eq!(v.class(KindOf::Flow, "gold"), "asset");
        assert_eq!(v.class(KindOf::Actor, "ngo"), "legal");
        assert!(v.has_class(KindOf::Flow, "tie"));
        assert!(!v.has_class(KindOf::Flow, "criminal"));
    }
}
