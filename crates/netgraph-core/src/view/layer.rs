//! Layers: named sets of flows that a network's `kinds` section declares, so that a question
//! ("who is central in the criminal economy?") is asked of the flows it is about.
//!
//! ```json
//! "kinds": {
//!   "layers": {
//!     "criminal-economy": {
//!       "description": "illicit goods, money and assets, and the ties between criminal actors",
//!       "flows": ["@illicit", "@money", "@asset"],
//!       "between": [{"actors": ["@criminal"], "flows": ["@tie"]}]
//!     }
//!   },
//!   "default_layer": "criminal-economy"
//! }
//! ```
//!
//! A flow is in a layer when its kind matches a term of `flows` (a kind, or a class written
//! `@class`), or when, for some rule of `between`, its kind matches the rule's `flows` and both its
//! ends match the rule's `actors` (ids, actor kinds or `@class`, as [`crate::selector`] reads
//! them). `all` names every flow and cannot be declared. The default layer is what commands
//! analyse when neither `--layer` nor `--flows` is given. Matching a flow costs O(terms).

use super::filters::kind_matches;
use crate::model::validate::{Problem, Severity};
use crate::model::{FlowRef, KindOf, KindsSection, Network, Vocabulary};
use crate::selector::Selector;
use crate::suggest;
use serde::Deserialize;

/// The name of the layer holding every flow.
pub const ALL: &str = "all";

/// A layer as a `kinds` section declares it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerDef {
    /// What the layer holds, in words.
    #[serde(default)]
    pub description: Option<String>,
    /// Flow kinds, or classes written `@class`, kept whatever their ends.
    #[serde(default)]
    pub flows: Vec<String>,
    /// Flows kept only between chosen actors.
    #[serde(default)]
    pub between: Vec<BetweenDef>,
}

/// A rule of a layer's `between`: flows of these kinds whose two ends are both chosen actors.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BetweenDef {
    /// Actor ids, actor kinds, or actor classes written `@class`.
    pub actors: Vec<String>,
    /// Flow kinds, or classes written `@class`.
    pub flows: Vec<String>,
}

/// The layers a section declares, in file order; a definition that does not parse is skipped
/// (`validate` reports it).
pub fn declared(kinds: &KindsSection) -> Vec<(String, LayerDef)> {
    kinds
        .layers
        .iter()
        .filter_map(|(name, v)| {
            serde_json::from_value::<LayerDef>(v.clone())
                .ok()
                .map(|d| (name.clone(), d))
        })
        .collect()
}

/// Problems in a section's layers: a definition that does not parse, the reserved name `all`, a
/// layer that keeps nothing, a flow kind or class that neither the vocabulary nor any flow knows
/// (with the closest known names), a `between` rule without actors, a `default_layer` naming no
/// layer. `flow_kinds` are the kinds the network's flows have, sorted. Actor terms are checked when the
/// layer is resolved ([`Layer::resolve`]), once the actors are indexed.
pub fn problems(kinds: &KindsSection, vocab: &Vocabulary, flow_kinds: &[&str]) -> Vec<Problem> {
    let mut errors: Vec<(String, String)> = Vec::new();
    let terms = |errors: &mut Vec<(String, String)>, at: String, terms: &[String]| {
        for (i, term) in terms.iter().enumerate() {
            if let Err(why) = check_flow_term(term, vocab, flow_kinds) {
                errors.push((format!("{at}[{i}]"), why));
            }
        }
    };
    for (name, value) in &kinds.layers {
        let place = format!("kinds.layers.{name}");
        if name == ALL {
            errors.push((
                place.clone(),
                "\"all\" names every flow and cannot be declared".into(),
            ));
        }
        let def = match serde_json::from_value::<LayerDef>(value.clone()) {
            Ok(d) => d,
            Err(e) => {
                errors.push((
                    place,
                    format!("not a layer: {e} (see docs/format.md, \"Layers\")"),
                ));
                continue;
            }
        };
        if def.flows.is_empty() && def.between.is_empty() {
            errors.push((
                place.clone(),
                "keeps no flow: give \"flows\" or \"between\"".into(),
            ));
        }
        terms(&mut errors, format!("{place}.flows"), &def.flows);
        for (r, rule) in def.between.iter().enumerate() {
            terms(
                &mut errors,
                format!("{place}.between[{r}].flows"),
                &rule.flows,
            );
            if rule.actors.is_empty() || rule.flows.is_empty() {
                errors.push((
                    format!("{place}.between[{r}]"),
                    "needs \"actors\" and \"flows\", both non-empty".into(),
                ));
            }
        }
    }
    if let Some(default) = &kinds.default_layer
        && !kinds.layers.contains_key(default)
    {
        errors.push((
            "kinds.default_layer".into(),
            suggest::unknown("layer", default, kinds.layers.keys().map(String::as_str)),
        ));
    }
    errors
        .into_iter()
        .map(|(place, message)| Problem {
            severity: Severity::Error,
            place,
            message,
        })
        .collect()
}

/// Checks one flow term (a kind, or `@class`) against the vocabulary and the kinds the flows
/// have (`flow_kinds`, sorted); an unknown one comes back as `unknown flow kind "gld"; did you mean "gold"?`.
pub fn check_flow_term(term: &str, vocab: &Vocabulary, flow_kinds: &[&str]) -> Result<(), String> {
    if let Some(class) = term.strip_prefix('@') {
        if vocab.has_class(KindOf::Flow, class) {
            return Ok(());
        }
        let mut classes: Vec<String> = vocab
            .classes(KindOf::Flow)
            .iter()
            .map(|c| format!("@{c}"))
            .collect();
        classes.push(format!("@{}", crate::model::kinds::OTHER));
        let mut message = suggest::unknown("flow class", term, classes.iter().map(String::as_str));
        if vocab.has_class(KindOf::Actor, class) {
            message.push_str(&format!(
                " (@{class} is a class of actors, not of flows: a layer's \"between\" chooses flows by their ends)"
            ));
        }
        return Err(message);
    }
    if vocab.class_of(KindOf::Flow, term).is_some() || flow_kinds.binary_search(&term).is_ok() {
        return Ok(());
    }
    let mut known: Vec<&str> = flow_kinds.to_vec();
    known.extend(vocab.kinds(KindOf::Flow));
    known.sort_unstable();
    known.dedup();
    Err(suggest::unknown("flow kind", term, known))
}

/// A layer resolved against an indexed network: the flows it keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    name: String,
    description: Option<String>,
    default: bool,
    all: bool,
    flows: Vec<String>,
    /// Per `between` rule: its flow terms and, per actor, whether the actor is chosen.
    between: Vec<(Vec<String>, Vec<bool>)>,
}

/// Why a layer could not be resolved.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LayerError {
    /// The name given names no layer (bad usage).
    #[error("{0}")]
    Unknown(String),
    /// The layer's definition names an actor the network does not have (an error in the file).
    #[error("{file}: {place}: {message}")]
    Definition {
        /// The file the network was read from.
        file: String,
        /// Where in it: `kinds.layers.NAME.between[0].actors`.
        place: String,
        /// What is wrong.
        message: String,
    },
}

impl Layer {
    /// The layer of every flow.
    pub fn all() -> Layer {
        Layer {
            name: ALL.into(),
            description: None,
            default: false,
            all: true,
            flows: Vec::new(),
            between: Vec::new(),
        }
    }

    /// The layer a command analyses: `asked` (`--layer NAME`, `all` for every flow), else the
    /// network's default layer unless `--flows` was given (`flows_given`), which then chooses
    /// from every flow. `None` when the network declares no layer and none was asked for.
    pub fn resolve(
        net: &Network,
        asked: Option<&str>,
        flows_given: bool,
    ) -> Result<Option<Layer>, LayerError> {
        let kinds = &net.kinds;
        let name = match asked {
            Some(ALL) => return Ok(Some(Layer::all())),
            Some(name) => name,
            None if kinds.layers.is_empty() => return Ok(None),
            None if flows_given => return Ok(Some(Layer::all())),
            None => match &kinds.default_layer {
                Some(name) => name.as_str(),
                None => return Ok(Some(Layer::all())),
            },
        };
        let Some(value) = kinds.layers.get(name) else {
            let known: Vec<&str> = kinds
                .layers
                .keys()
                .map(String::as_str)
                .chain([ALL])
                .collect();
            let mut message = suggest::unknown("layer", name, known.iter().copied());
            if kinds.layers.is_empty() {
                message.push_str(&format!(
                    " ({} declares no layers; --layer all takes every flow)",
                    net.title()
                ));
            } else {
                message.push_str(&format!(" (layers: {})", known.join(", ")));
            }
            return Err(LayerError::Unknown(message));
        };
        let wrong = |place: String, message: String| LayerError::Definition {
            file: net.origin().to_string(),
            place,
            message,
        };
        let place = format!("kinds.layers.{name}");
        let def: LayerDef = serde_json::from_value(value.clone())
            .map_err(|e| wrong(place.clone(), format!("not a layer: {e}")))?;
        let mut between = Vec::with_capacity(def.between.len());
        for (r, rule) in def.between.iter().enumerate() {
            let chosen = Selector::parse(net, &rule.actors)
                .map_err(|why| wrong(format!("{place}.between[{r}].actors"), why))?;
            let mut flags = vec![false; net.actor_count()];
            for p in chosen.actors(net) {
                flags[p] = true;
            }
            between.push((rule.flows.clone(), flags));
        }
        Ok(Some(Layer {
            name: name.to_string(),
            description: def.description,
            default: asked.is_none(),
            all: false,
            flows: def.flows,
            between,
        }))
    }

    /// Whether the layer keeps a flow.
    pub fn keeps(&self, net: &Network, flow: FlowRef<'_>) -> bool {
        if self.all {
            return true;
        }
        let (kind, class) = (flow.kind(), net.flow_class(flow));
        if kind_matches(&self.flows, kind, class) {
            return true;
        }
        self.between.iter().any(|(terms, actors)| {
            if !kind_matches(terms, kind, class) {
                return false;
            }
            let (a, b) = flow.ends();
            actors.get(a).copied().unwrap_or(false) && actors.get(b).copied().unwrap_or(false)
        })
    }

    /// The layer's name (`all` for every flow).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The description the file gives.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// Whether the layer is the file's default (no `--layer` given).
    pub fn is_default(&self) -> bool {
        self.default
    }

    /// Whether this is the layer of every flow.
    pub fn is_all(&self) -> bool {
        self.all
    }

    /// How views name the layer: `layer criminal-economy (default)`, `layer all`.
    pub fn label(&self) -> String {
        match self.default {
            true => format!("layer {} (default)", self.name),
            false => format!("layer {}", self.name),
        }
    }

    /// Whether the layer chooses some flows by class.
    pub fn selects_by_class(&self) -> bool {
        self.flows
            .iter()
            .chain(self.between.iter().flat_map(|(t, _)| t))
            .any(|t| t.starts_with('@'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(layers: &str) -> Network {
        let json = format!(
            r#"{{"kinds": {layers}, "actors": [
                {{"id": "clan", "kind": "family-clan"}}, {{"id": "gang", "kind": "gang"}},
                {{"id": "pnp", "kind": "police"}}, {{"id": "mine", "kind": "mining-company"}}],
              "flows": [
                {{"from": "clan", "to": "mine", "kind": "gold"}},
                {{"from": "clan", "to": "gang", "kind": "alliance"}},
                {{"from": "pnp", "to": "clan", "kind": "arrest"}},
                {{"from": "pnp", "to": "gang", "kind": "cooperation"}},
                {{"from": "gang", "to": "mine", "kind": "deposit"}}]}}"#
        );
        let mut n = crate::io::json::parse_str(&json, "t.json").unwrap();
        n.index().unwrap();
        n
    }

    const ECONOMY: &str = r#"{"layers": {
        "economy": {"flows": ["@illicit", "@money"],
                    "between": [{"actors": ["@criminal"], "flows": ["@tie"]}]},
        "state": {"flows": ["@enforcement", "cooperation"]}},
      "default_layer": "economy"}"#;

    fn kept(n: &Network, layer: &Layer) -> Vec<usize> {
        n.flows()
            .filter(|&f| layer.keeps(n, f))
            .map(|f| f.index())
            .collect()
    }

    #[test]
    fn a_layer_keeps_its_kinds_and_the_ties_between_its_actors() {
        let n = net(ECONOMY);
        let economy = Layer::resolve(&n, None, false).unwrap().unwrap();
        assert_eq!((economy.name(), economy.is_default()), ("economy", true));
        // gold (illicit) and clan–gang alliance (a tie between two criminal actors); not the
        // police's cooperation with the gang (a tie, but pnp is not criminal).
        assert_eq!(kept(&n, &economy), [0, 1]);
        let state = Layer::resolve(&n, Some("state"), false).unwrap().unwrap();
        assert_eq!(kept(&n, &state), [2, 3]);
        assert_eq!(state.label(), "layer state");
        let all = Layer::resolve(&n, Some("all"), false).unwrap().unwrap();
        assert_eq!(kept(&n, &all), [0, 1, 2, 3, 4]);
        // --flows without --layer chooses from every flow.
        let flows = Layer::resolve(&n, None, true).unwrap().unwrap();
        assert!(flows.is_all());
    }

    #[test]
    fn unknown_layers_are_named_with_suggestions() {
        let n = net(ECONOMY);
        let e = Layer::resolve(&n, Some("econmy"), false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown layer \"econmy\"; did you mean \"economy\"? (layers: economy, state, all)"
        );
        let bare = net("{}");
        assert_eq!(Layer::resolve(&bare, None, false).unwrap(), None);
        assert!(matches!(
            Layer::resolve(&bare, Some("economy"), false),
            Err(LayerError::Unknown(_))
        ));
        let bad = net(
            r#"{"layers": {"x": {"between": [{"actors": ["@criminel"], "flows": ["@tie"]}]}}}"#,
        );
        let e = Layer::resolve(&bad, Some("x"), false).unwrap_err();
        assert!(matches!(e, LayerError::Definition { .. }));
        assert!(e.to_string().contains("did you mean \"@criminal\""), "{e}");
    }

    #[test]
    fn definitions_are_checked() {
        let kinds: KindsSection = serde_json::from_str(
            r#"{"layers": {"all": {"flows": ["gold"]}, "a": {"flows": ["gld", "@ilicit", "deposit"]},
                "b": {}, "c": {"flow": ["gold"]}, "d": {"between": [{"actors": [], "flows": ["@tie"]}]}},
                "default_layer": "aa"}"#,
        )
        .unwrap();
        let vocab = Vocabulary::builtin();
        let found: Vec<(String, String)> = problems(&kinds, &vocab, &["deposit"])
            .into_iter()
            .map(|p| (p.place, p.message))
            .collect();
        let places: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            places,
            [
                "kinds.layers.all",
                "kinds.layers.a.flows[0]",
                "kinds.layers.a.flows[1]",
                "kinds.layers.b",
                "kinds.layers.c",
                "kinds.layers.d.between[0]",
                "kinds.default_layer"
            ]
        );
        assert!(
            found[1].1.contains("did you mean \"gold\""),
            "{:?}",
            found[1]
        );
        assert!(
            found[2].1.contains("did you mean \"@illicit\""),
            "{:?}",
            found[2]
        );
        assert!(
            found[4].1.contains("unknown field `flow`"),
            "{:?}",
            found[4]
        );
        assert!(found[6].1.contains("did you mean \"a\""), "{:?}", found[6]);
    }
}
