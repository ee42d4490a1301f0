//! Actor and flow kinds, and the classes they belong to.
//!
//! Every actor kind and flow kind belongs to a class (`criminal`, `legal`, `illicit`, `money`, …). The
//! built-in vocabulary below is the one of docs/format.md; a network file's `kinds` section adds kinds or
//! overrides the class of a built-in one. A kind found in neither gets the class `other`.
//!
//! Every flow kind also has a value [`Role`]: whether what it moves is traded value (a commodity),
//! money, an asset, an input consumed by its receiver, or no value at all. Laundering chains follow
//! only value-carrying roles, and an input never extends a chain. A file's `kinds` section may set
//! `"role"` beside `"class"`; a declared kind without a role gets its class's default role.

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

/// What a flow of a kind carries, for laundering chains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Traded value that moves on toward the legal economy (cocaine, gold, timber…).
    Commodity,
    /// Money (cash, bribes, extortion…).
    Money,
    /// An asset of the legal economy (real estate, luxury goods…).
    Asset,
    /// A means of production used up by its receiver (weapons, mercury, precursors): it ends a
    /// chain and never extends one.
    Input,
    /// No value moves (ties, enforcement, anything else).
    None,
}

impl Role {
    /// Every role, in the order documented.
    pub const ALL: [Role; 5] = [
        Role::Commodity,
        Role::Money,
        Role::Asset,
        Role::Input,
        Role::None,
    ];

    /// The role's name in files and messages.
    pub fn name(self) -> &'static str {
        match self {
            Role::Commodity => "commodity",
            Role::Money => "money",
            Role::Asset => "asset",
            Role::Input => "input",
            Role::None => "none",
        }
    }

    /// The role named `name`, if any.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }

    /// Whether value moves on along a flow of this role (commodity, money, asset): the roles the
    /// default laundering query follows.
    pub fn carries_value(self) -> bool {
        matches!(self, Role::Commodity | Role::Money | Role::Asset)
    }

    /// The role a kind of `class` gets when nothing more specific is declared: `illicit` goods are
    /// commodities, `money` is money, `asset` is an asset, any other class carries no value.
    pub fn default_of_class(class: &str) -> Role {
        match class {
            "illicit" => Role::Commodity,
            "money" => Role::Money,
            "asset" => Role::Asset,
            _ => Role::None,
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Built-in flow kinds whose role is not their class's default ([`Role::default_of_class`]):
/// inputs consumed by their receiver, and `migrants` — people smuggled are not value that is
/// converted and laundered (the smugglers' fees are money flows of their own).
pub const FLOW_ROLES: &[(&str, Role)] = &[
    ("weapons", Role::Input),
    ("mercury", Role::Input),
    ("precursors", Role::Input),
    ("migrants", Role::None),
];

/// The declared classes that are not built-in but close to a built-in one (`"mony"` for `money`):
/// likely typos, which would give their kinds no built-in role or layer. One line each, naming the
/// place (`kinds.flows.deposit.class`) and the closest built-in classes. A class of one's own that
/// resembles none is not reported.
pub fn suspicious_classes(kinds: &KindsSection) -> Vec<String> {
    let mut out = Vec::new();
    for (name, map, builtin) in [
        ("actors", &kinds.actors, ACTOR_CLASSES),
        ("flows", &kinds.flows, FLOW_CLASSES),
    ] {
        let known: Vec<&str> = builtin.iter().map(|(class, _)| *class).collect();
        for (kind, def) in map {
            let Some(class) = def.get("class").and_then(Value::as_str) else {
                continue;
            };
            if class == OTHER || known.contains(&class) {
                continue;
            }
            let close = crate::suggest::closest(class, known.iter().copied());
            if !close.is_empty() {
                out.push(format!(
                    "kinds.{name}.{kind}.class: \"{class}\" is not a built-in class{}",
                    crate::suggest::did_you_mean(&close)
                ));
            }
        }
    }
    out
}

/// One kind declared in a file's `kinds` section: its class, its role (flow kinds only), plus any
/// other fields (kept as they are).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KindDef {
    /// The class the kind belongs to.
    pub class: String,
    /// The value role of a flow kind (`commodity`, `money`, `asset`, `input`, `none`); the class's
    /// default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
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
    /// Named layers: each a set of flow kinds or classes, and of flows between chosen actors
    /// (see `view::layer` and docs/format.md), checked by `validate`.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub layers: Map<String, Value>,
    /// The layer commands analyse when none is named (`--layer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_layer: Option<String>,
    /// Fields the format does not define, kept so that they round-trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl KindsSection {
    /// Whether the section declares nothing.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
            && self.flows.is_empty()
            && self.layers.is_empty()
            && self.default_layer.is_none()
            && self.extra.is_empty()
    }

    /// This section with `over`'s declarations on top: its kinds and layers replace those of the
    /// same name, its default layer (if any) replaces this one's.
    pub fn merged(mut self, over: &KindsSection) -> KindsSection {
        for (mine, theirs) in [
            (&mut self.actors, &over.actors),
            (&mut self.flows, &over.flows),
            (&mut self.layers, &over.layers),
            (&mut self.extra, &over.extra),
        ] {
            for (k, v) in theirs {
                mine.insert(k.clone(), v.clone());
            }
        }
        if over.default_layer.is_some() {
            self.default_layer = over.default_layer.clone();
        }
        self
    }
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
    roles: BTreeMap<String, Role>,
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
        let flows: BTreeMap<String, String> = table(FLOW_CLASSES);
        let roles = flows
            .iter()
            .map(|(kind, class)| {
                let role = FLOW_ROLES
                    .iter()
                    .find(|(k, _)| k == kind)
                    .map_or_else(|| Role::default_of_class(class), |(_, r)| *r);
                (kind.clone(), role)
            })
            .collect();
        Vocabulary {
            actors: table(ACTOR_CLASSES),
            flows,
            roles,
        }
    }

    /// Adds or overrides a kind's class; a flow kind gets its new class's default role.
    pub fn declare(&mut self, of: KindOf, kind: &str, class: &str) {
        let map = match of {
            KindOf::Actor => &mut self.actors,
            KindOf::Flow => {
                self.roles
                    .insert(kind.to_string(), Role::default_of_class(class));
                &mut self.flows
            }
        };
        map.insert(kind.to_string(), class.to_string());
    }

    /// Sets a flow kind's role (after [`Vocabulary::declare`], which sets the class's default).
    pub fn declare_role(&mut self, kind: &str, role: Role) {
        self.roles.insert(kind.to_string(), role);
    }

    /// The value role of a flow kind: declared, built in, or [`Role::None`] for an unknown kind.
    pub fn role(&self, kind: &str) -> Role {
        self.roles.get(kind).copied().unwrap_or(Role::None)
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

    #[test]
    fn roles_built_in_declared_and_by_class() {
        let mut v = Vocabulary::builtin();
        for (kind, role) in [
            ("cocaine", Role::Commodity),
            ("gold", Role::Commodity),
            ("timber", Role::Commodity),
            ("weapons", Role::Input),
            ("mercury", Role::Input),
            ("precursors", Role::Input),
            ("migrants", Role::None),
            ("cash", Role::Money),
            ("extortion", Role::Money),
            ("real-estate", Role::Asset),
            ("rivalry", Role::None),
            ("arrest", Role::None),
            ("teleport", Role::None),
        ] {
            assert_eq!(v.role(kind), role, "{kind}");
        }
        // A declared kind takes its class's default role; an explicit role wins.
        v.declare(KindOf::Flow, "crypto", "money");
        assert_eq!(v.role("crypto"), Role::Money);
        v.declare(KindOf::Flow, "weapons", "illicit");
        assert_eq!(v.role("weapons"), Role::Commodity);
        v.declare(KindOf::Flow, "fuel", "illicit");
        v.declare_role("fuel", Role::Input);
        assert_eq!(v.role("fuel"), Role::Input);
        assert!(Role::Asset.carries_value() && !Role::Input.carries_value());
        assert_eq!(Role::parse("input"), Some(Role::Input));
        assert_eq!(Role::parse("inputs"), None);
    }

    #[test]
    fn kind_def_round_trips_role_and_unknown_fields() {
        let text = r#"{"class":"illicit","role":"input","colour":"red"}"#;
        let def: KindDef = serde_json::from_str(text).unwrap();
        assert_eq!(def.role.as_deref(), Some("input"));
        assert_eq!(def.extra["colour"], "red");
        assert_eq!(serde_json::to_string(&def).unwrap(), text);
        let bare: KindDef = serde_json::from_str(r#"{"class":"tie"}"#).unwrap();
        assert_eq!(serde_json::to_string(&bare).unwrap(), r#"{"class":"tie"}"#);
    }
}
