//! Actor selectors: the actors a user names on the command line.
//!
//! Wherever a command takes actors (`--from`, `--to`, `--via`, `--avoid`, `--remove`, `--watch`,
//! `--candidates`, …) it takes a comma list of **terms**, each one of:
//!
//! - an actor id (`sanchez-paredes`);
//! - an actor kind (`family-clan`): every actor of that kind;
//! - an actor class written `@class` (`@criminal`, `@legal`): every actor whose kind has that class.
//!
//! A bare word is an id first, then a kind (an id that equals a kind name selects the actor). A
//! term that names nothing the network knows is an error with the closest known names
//! ([`crate::suggest`]); a kind or class the vocabulary knows but no actor has is valid and selects
//! nobody (the caller says so when the whole selector is empty).

use crate::model::{KindOf, Network};
use crate::suggest;

/// One term of a selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// One actor, by position.
    Actor(usize),
    /// Every actor of a kind.
    Kind(String),
    /// Every actor whose kind belongs to a class.
    Class(String),
}

/// A set of actors named by ids, kinds and classes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    terms: Vec<Term>,
    text: String,
}

impl Selector {
    /// Resolves terms (each may itself be a comma list) against a network. Fails with one line
    /// naming the first unknown term and the closest known names.
    pub fn parse(net: &Network, terms: &[String]) -> Result<Selector, String> {
        let words: Vec<&str> = terms
            .iter()
            .flat_map(|t| t.split(','))
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect();
        let mut resolved = Vec::with_capacity(words.len());
        for word in &words {
            resolved.push(resolve(net, word)?);
        }
        Ok(Selector {
            terms: resolved,
            text: words.join(","),
        })
    }

    /// The terms, in the order given.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The selector as the user wrote it (terms joined by commas).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the selector names no term at all.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether the selector names only single actors (no kind or class).
    pub fn is_ids_only(&self) -> bool {
        self.terms.iter().all(|t| matches!(t, Term::Actor(_)))
    }

    /// Whether the actor at `pos` is selected.
    pub fn matches(&self, net: &Network, pos: usize) -> bool {
        let actor = &net.actors[pos];
        self.terms.iter().any(|t| match t {
            Term::Actor(p) => *p == pos,
            Term::Kind(k) => actor.kind() == k,
            Term::Class(c) => net.actor_class(actor) == c,
        })
    }

    /// The selected actors' positions, sorted, each once. O(n · terms) when a kind or class is
    /// named, O(terms · log terms) for ids only.
    pub fn actors(&self, net: &Network) -> Vec<usize> {
        let mut out: Vec<usize> = if self.is_ids_only() {
            self.terms
                .iter()
                .filter_map(|t| match t {
                    Term::Actor(p) => Some(*p),
                    _ => None,
                })
                .collect()
        } else {
            (0..net.actors.len())
                .filter(|&p| self.matches(net, p))
                .collect()
        };
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn resolve(net: &Network, word: &str) -> Result<Term, String> {
    let vocabulary = net.vocabulary();
    if let Some(class) = word.strip_prefix('@') {
        if vocabulary.has_class(KindOf::Actor, class) {
            return Ok(Term::Class(class.to_string()));
        }
        let classes: Vec<String> = vocabulary
            .classes(KindOf::Actor)
            .iter()
            .map(|c| format!("@{c}"))
            .collect();
        let mut message = suggest::unknown("actor class", word, classes.iter().map(String::as_str));
        if vocabulary.has_class(KindOf::Flow, class) {
            message.push_str(&format!(" (@{class} is a class of flows, not of actors)"));
        }
        return Err(message);
    }
    if let Some(pos) = net.position(word) {
        return Ok(Term::Actor(pos));
    }
    let known_kind = vocabulary.class_of(KindOf::Actor, word).is_some()
        || net.actors.iter().any(|a| a.kind() == word);
    if known_kind {
        return Ok(Term::Kind(word.to_string()));
    }
    let classes: Vec<String> = vocabulary
        .classes(KindOf::Actor)
        .iter()
        .map(|c| format!("@{c}"))
        .collect();
    let mut kinds: Vec<&str> = net.actors.iter().map(|a| a.kind()).collect();
    kinds.extend(vocabulary.kinds(KindOf::Actor));
    kinds.sort_unstable();
    kinds.dedup();
    let known = net
        .actors
        .iter()
        .map(|a| a.id.as_str())
        .chain(kinds)
        .chain(classes.iter().map(String::as_str));
    Err(suggest::unknown("actor", word, known))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net() -> Network {
        let json = r#"{"actors": [
            {"id": "sanchez-paredes", "kind": "family-clan"},
            {"id": "los-pulpos", "kind": "gang"},
            {"id": "pnp", "kind": "police"},
            {"id": "legit-mines", "kind": "mining-company"}
        ], "flows": []}"#;
        let mut net = crate::io::json::parse_str(json, "t.json").unwrap();
        net.index().unwrap();
        net
    }

    fn sel<'a>(net: &'a Network, text: &str) -> Result<Vec<&'a str>, String> {
        let s = Selector::parse(net, &[text.to_string()])?;
        Ok(s.actors(net)
            .into_iter()
            .map(|p| net.actors[p].id.as_str())
            .collect())
    }

    #[test]
    fn ids_kinds_and_classes_select_actors() {
        let net = net();
        assert_eq!(sel(&net, "pnp").unwrap(), vec!["pnp"]);
        assert_eq!(sel(&net, "gang").unwrap(), vec!["los-pulpos"]);
        assert_eq!(
            sel(&net, "@criminal").unwrap(),
            vec!["sanchez-paredes", "los-pulpos"]
        );
        assert_eq!(
            sel(&net, "legit-mines,@state").unwrap(),
            vec!["pnp", "legit-mines"]
        );
        // A built-in kind no actor has is valid and selects nobody.
        assert!(sel(&net, "cartel").unwrap().is_empty());
    }

    #[test]
    fn unknown_terms_are_named_with_suggestions() {
        let net = net();
        assert_eq!(
            sel(&net, "pnp,sanchez-parades").unwrap_err(),
            "unknown actor \"sanchez-parades\"; did you mean \"sanchez-paredes\"?"
        );
        assert_eq!(
            sel(&net, "@criminel").unwrap_err(),
            "unknown actor class \"@criminel\"; did you mean \"@criminal\"?"
        );
        assert!(sel(&net, "@money").unwrap_err().contains("class of flows"));
    }

    #[test]
    fn matches_agrees_with_actors() {
        let net = net();
        let s = Selector::parse(&net, &["@legal".into(), "pnp".into()]).unwrap();
        let listed = s.actors(&net);
        for p in 0..net.actors.len() {
            assert_eq!(s.matches(&net, p), listed.contains(&p));
        }
        assert_eq!(s.text(), "@legal,pnp");
    }
}
