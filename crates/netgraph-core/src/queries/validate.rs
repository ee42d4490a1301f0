//! `netgraph validate`: every problem in a network file ([`crate::model::validate`]), and the
//! actors of the layers' `between` rules that name nothing the network knows.

use crate::error::{Error, Result};
use crate::model::Network;
use crate::model::validate::{self, Options, Problem, Severity};
use crate::view::layer::{self, LayerError};
use serde::ser::{Serialize, Serializer};
use serde_json::{Value, json};
use std::path::PathBuf;

/// Options of [`validate()`], named as the command line's.
#[derive(Debug, Clone, Default)]
pub struct ValidateOptions {
    /// Every actor and every flow must cite at least one source (`--strict`).
    pub strict: bool,
    /// Check that every quote is found in its document in this folder (`--sources DIR`).
    pub sources: Option<PathBuf>,
}

impl ValidateOptions {
    /// Checks the options themselves: `sources` must be a folder ([`Error::Input`] otherwise).
    /// [`validate()`] checks them first; a front end may check them before reading the network.
    pub fn check(&self) -> Result<()> {
        match &self.sources {
            Some(dir) if !dir.is_dir() => Err(Error::Input(format!(
                "--sources {}: not a folder",
                dir.display()
            ))),
            _ => Ok(()),
        }
    }
}

/// The problems found in a network.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// Where the network was read from ([`Network::origin`]).
    pub file: String,
    /// Number of actors.
    pub actors: usize,
    /// Number of flows.
    pub flows: usize,
    /// Whether `--strict` checks were made.
    pub strict: bool,
    /// Whether quotes were checked against their documents.
    pub quotes_checked: bool,
    /// Every problem, in the order found.
    pub problems: Vec<Problem>,
}

impl Validation {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }

    /// Whether the network has no error (warnings allowed).
    pub fn valid(&self) -> bool {
        self.errors() == 0
    }

    /// The JSON of `netgraph validate --format json`.
    pub fn to_json(&self) -> Value {
        let list = |sev: Severity| {
            self.problems
                .iter()
                .filter(|p| p.severity == sev)
                .map(|p| json!({"place": p.place, "message": p.message}))
                .collect::<Vec<_>>()
        };
        json!({
            "file": self.file,
            "actors": self.actors,
            "flows": self.flows,
            "valid": self.valid(),
            "errors": list(Severity::Error),
            "warnings": list(Severity::Warning),
        })
    }
}

impl Serialize for Validation {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// Every problem in a network as read ([`crate::io::read`], before the checks loading makes):
/// schema, references, numbers, dates, kinds; sources with `strict`; quotes with `sources`. When
/// there is no error, the actors of the layers' `between` rules are resolved too (on an indexed
/// copy). Fails only when the options are wrong ([`ValidateOptions::check`]). Cost: O(A + F) plus
/// the documents read for quotes.
///
/// # Example
///
/// ```
/// use netgraph_core::queries::validate::{ValidateOptions, validate};
/// let net = netgraph_core::io::peru().unwrap();
/// let result = validate(&net, &ValidateOptions::default()).unwrap();
/// assert!(result.valid());
/// assert_eq!(result.file, "peru.json (built in)");
/// assert_eq!(result.actors, net.actor_count());
/// ```
pub fn validate(net: &Network, options: &ValidateOptions) -> Result<Validation> {
    options.check()?;
    let checks = Options {
        strict: options.strict,
        sources: options.sources.clone(),
    };
    let mut problems = validate::check(net, &checks);
    if problems.iter().all(|p| p.severity != Severity::Error) {
        problems.extend(layer_actor_problems(net));
    }
    Ok(Validation {
        file: net.origin().to_string(),
        actors: net.actors.len(),
        flows: net.flow_count(),
        strict: options.strict,
        quotes_checked: options.sources.is_some(),
        problems,
    })
}

/// Problems in the actors of the layers' `between` rules, which can only be resolved on an indexed
/// network (a copy is indexed when the file declares layers).
fn layer_actor_problems(net: &Network) -> Vec<Problem> {
    if net.kinds.layers.is_empty() {
        return Vec::new();
    }
    let mut indexed = net.clone();
    if indexed.index().is_err() {
        return Vec::new();
    }
    layer::declared(&indexed.kinds)
        .into_iter()
        .filter_map(
            |(name, _)| match crate::view::Layer::resolve(&indexed, Some(&name), false) {
                Err(LayerError::Definition { place, message, .. }) => Some(Problem {
                    severity: Severity::Error,
                    place,
                    message,
                }),
                _ => None,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Network {
        let mut net = crate::io::json::parse_str(json, "t.json").unwrap();
        net.set_origin("t.json");
        net
    }

    #[test]
    fn a_flow_to_an_unknown_actor_is_an_error() {
        let net = read(
            r#"{"actors": [{"id": "a"}, {"id": "b"}],
                "flows": [{"from": "a", "to": "b"}, {"from": "a", "to": "ghost"}]}"#,
        );
        let result = validate(&net, &ValidateOptions::default()).unwrap();
        assert_eq!((result.actors, result.flows), (2, 2));
        assert_eq!((result.errors(), result.warnings()), (1, 0));
        assert!(!result.valid());
        let json = result.to_json();
        assert_eq!(json["file"], "t.json");
        assert_eq!(json["valid"], false);
        let error = &json["errors"][0];
        assert!(
            error["place"].as_str().unwrap().starts_with("flows[1]"),
            "{error}"
        );
        assert!(
            error["message"].as_str().unwrap().contains("ghost"),
            "{error}"
        );
    }

    #[test]
    fn strict_asks_for_sources() {
        let net =
            read(r#"{"actors": [{"id": "a"}, {"id": "b"}], "flows": [{"from": "a", "to": "b"}]}"#);
        assert!(validate(&net, &ValidateOptions::default()).unwrap().valid());
        let strict = ValidateOptions {
            strict: true,
            ..ValidateOptions::default()
        };
        let result = validate(&net, &strict).unwrap();
        // Two actors and one flow, none citing a source.
        assert_eq!(result.errors(), 3, "{:?}", result.problems);
    }

    #[test]
    fn sources_must_be_a_folder() {
        let options = ValidateOptions {
            sources: Some("/nonexistent/folder".into()),
            ..ValidateOptions::default()
        };
        let e = validate(&Network::new(), &options).unwrap_err();
        assert!(!e.is_usage());
        assert_eq!(e.to_string(), "--sources /nonexistent/folder: not a folder");
    }
}
