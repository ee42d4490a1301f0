//! Chain patterns: regular expressions over flow kinds (docs/chains.md), and the automaton that runs them.
//!
//! A pattern is a sequence of terms: a kind name (`cocaine`), a class (`@illicit`), any kind (`.`),
//! a group `( … )`, alternatives `a | b`, and the repeats `*` (zero or more), `+` (one or more) and
//! `?` (zero or one). Juxtaposition is sequence; `|` binds loosest, repeats bind tightest. Terms are
//! separated by white space or by the operators; a kind name is any run of characters other than
//! white space and `| ( ) * + ? . @`.
//!
//! [`Pattern::parse`] builds a Thompson NFA (Thompson 1968, "Regular expression search algorithm",
//! CACM 11(6)): O(m) states for a pattern of m terms. [`Pattern::automaton`] binds it to the flow
//! kinds of a view and determinises it lazily by the subset construction (Rabin & Scott 1959): a
//! DFA state is created the first time a walk reaches it, so the cost is proportional to the
//! states actually visited rather than the 2^m worst case.

mod parse;

use crate::multigraph::KindTable;
use parse::{Builder, tokenize};
use std::collections::{HashMap, VecDeque};
use std::fmt;

/// A malformed pattern: where (1-based character position) and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed pattern at position {position}: {message}")]
pub struct PatternError {
    /// 1-based position of the character where the problem was found (length + 1 at the end).
    pub position: usize,
    /// What is wrong.
    pub message: String,
}

/// What one term of a pattern matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A flow kind by name.
    Kind(String),
    /// Every kind of a class (`@class`).
    Class(String),
    /// Any kind (`.`).
    Any,
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Term::Kind(k) => f.write_str(k),
            Term::Class(c) => write!(f, "@{c}"),
            Term::Any => f.write_str("."),
        }
    }
}

/// One NFA state: ε-moves, and at most one move on a term.
#[derive(Debug, Clone, Default)]
pub(crate) struct State {
    pub(crate) eps: Vec<u32>,
    pub(crate) on: Option<(u32, u32)>,
}

/// A parsed pattern: a Thompson NFA whose moves are labelled with terms.
#[derive(Debug, Clone)]
pub struct Pattern {
    text: String,
    states: Vec<State>,
    terms: Vec<Term>,
    start: u32,
    accept: u32,
}

impl Pattern {
    /// Parses a pattern. A malformed one is an error giving the position of the problem.
    pub fn parse(text: &str) -> Result<Pattern, PatternError> {
        let tokens = tokenize(text)?;
        let mut b = Builder {
            tokens,
            at: 0,
            end_position: text.chars().count() + 1,
            states: Vec::new(),
            terms: Vec::new(),
        };
        let frag = b.alternatives()?;
        if b.at < b.tokens.len() {
            return b.error(b.position(), "')' has no matching '('");
        }
        Ok(Pattern {
            text: text.to_string(),
            states: b.states,
            terms: b.terms,
            start: frag.start,
            accept: frag.end,
        })
    }

    /// The pattern as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The terms of the pattern, in order of appearance.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The automaton of this pattern over the kinds of a view.
    pub fn automaton(&self, kinds: &KindTable) -> Automaton<'_> {
        let matches: Vec<Vec<bool>> = self
            .terms
            .iter()
            .map(|t| {
                (0..kinds.len())
                    .map(|k| match t {
                        Term::Kind(name) => kinds.names[k] == *name,
                        Term::Class(class) => kinds.classes[k] == *class,
                        Term::Any => true,
                    })
                    .collect()
            })
            .collect();
        let to_accept = self.distances_to_accept(&matches);
        let mut a = Automaton {
            pattern: self,
            matches,
            to_accept,
            symbols: kinds.len(),
            sets: Vec::new(),
            index: HashMap::new(),
            next: Vec::new(),
            accepting: Vec::new(),
            distance: Vec::new(),
        };
        let start = a.closure(vec![self.start]);
        a.intern(start);
        a
    }

    /// For every NFA state, the fewest term moves to the accepting state, counting only terms that
    /// match some kind (`u32::MAX` when it cannot be reached): a 0-1 breadth-first search backwards.
    fn distances_to_accept(&self, matches: &[Vec<bool>]) -> Vec<u32> {
        let n = self.states.len();
        let mut back: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
        for (s, st) in self.states.iter().enumerate() {
            for &e in &st.eps {
                back[e as usize].push((s as u32, 0));
            }
            if let Some((term, to)) = st.on
                && matches[term as usize].iter().any(|&m| m)
            {
                back[to as usize].push((s as u32, 1));
            }
        }
        let mut dist = vec![u32::MAX; n];
        let mut queue = VecDeque::from([self.accept]);
        dist[self.accept as usize] = 0;
        while let Some(v) = queue.pop_front() {
            for &(u, w) in &back[v as usize] {
                let d = dist[v as usize] + w;
                if d < dist[u as usize] {
                    dist[u as usize] = d;
                    if w == 0 {
                        queue.push_front(u);
                    } else {
                        queue.push_back(u);
                    }
                }
            }
        }
        dist
    }
}

/// A DFA state of an [`Automaton`] (an index; the start state is 0).
pub type DfaState = u32;

/// A pattern bound to the kinds of a view and determinised on demand.
#[derive(Debug, Clone)]
pub struct Automaton<'p> {
    pattern: &'p Pattern,
    matches: Vec<Vec<bool>>,
    to_accept: Vec<u32>,
    symbols: usize,
    sets: Vec<Vec<u32>>,
    index: HashMap<Vec<u32>, DfaState>,
    next: Vec<Vec<Option<DfaState>>>,
    accepting: Vec<bool>,
    distance: Vec<u32>,
}

impl Automaton<'_> {
    /// The start state (nothing read yet).
    pub fn start(&self) -> DfaState {
        0
    }

    /// The state after reading one flow of kind `kind` (an index into the view's kinds).
    pub fn step(&mut self, state: DfaState, kind: usize) -> DfaState {
        if let Some(s) = self.next[state as usize][kind] {
            return s;
        }
        let moved: Vec<u32> = self.sets[state as usize]
            .iter()
            .filter_map(|&q| self.pattern.states[q as usize].on)
            .filter(|&(term, _)| self.matches[term as usize][kind])
            .map(|(_, to)| to)
            .collect();
        let set = self.closure(moved);
        let s = self.intern(set);
        self.next[state as usize][kind] = Some(s);
        s
    }

    /// Whether the kinds read so far match the whole pattern.
    pub fn is_accepting(&self, state: DfaState) -> bool {
        self.accepting[state as usize]
    }

    /// The fewest further flows that can lead to a match; `None` when no continuation can (the
    /// state set is empty, or only terms matching no kind of the view remain).
    pub fn flows_to_match(&self, state: DfaState) -> Option<usize> {
        match self.distance[state as usize] {
            u32::MAX => None,
            d => Some(d as usize),
        }
    }

    /// Whether a sequence of kinds matches the whole pattern.
    pub fn matches(&mut self, kinds: &[usize]) -> bool {
        let end = kinds.iter().fold(self.start(), |s, &k| self.step(s, k));
        self.is_accepting(end)
    }

    /// Whether some term of the pattern matches kind `kind` (an index into the view's kinds).
    pub fn matches_kind(&self, kind: usize) -> bool {
        self.matches
            .iter()
            .any(|m| m.get(kind).copied().unwrap_or(false))
    }

    /// The terms of the pattern that match no kind of the view.
    pub fn unmatched_terms(&self) -> Vec<&Term> {
        self.pattern
            .terms
            .iter()
            .zip(&self.matches)
            .filter(|(_, m)| !m.iter().any(|&x| x))
            .map(|(t, _)| t)
            .collect()
    }

    /// The ε-closure of a set of NFA states, sorted.
    fn closure(&self, mut stack: Vec<u32>) -> Vec<u32> {
        let mut seen = vec![false; self.pattern.states.len()];
        let mut set = Vec::new();
        for &s in &stack {
            seen[s as usize] = true;
        }
        while let Some(s) = stack.pop() {
            set.push(s);
            for &e in &self.pattern.states[s as usize].eps {
                if !seen[e as usize] {
                    seen[e as usize] = true;
                    stack.push(e);
                }
            }
        }
        set.sort_unstable();
        set
    }

    fn intern(&mut self, set: Vec<u32>) -> DfaState {
        if let Some(&s) = self.index.get(&set) {
            return s;
        }
        let id = self.sets.len() as DfaState;
        self.accepting.push(set.contains(&self.pattern.accept));
        self.distance.push(
            set.iter()
                .map(|&q| self.to_accept[q as usize])
                .min()
                .unwrap_or(u32::MAX),
        );
        self.next.push(vec![None; self.symbols]);
        self.index.insert(set.clone(), id);
        self.sets.push(set);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> KindTable {
        let mut pairs = [
            ("cash", "money"),
            ("cocaine", "illicit"),
            ("coca-base", "illicit"),
            ("gold", "illicit"),
            ("real-estate", "asset"),
        ];
        pairs.sort();
        KindTable {
            names: pairs.iter().map(|p| p.0.to_string()).collect(),
            classes: pairs.iter().map(|p| p.1.to_string()).collect(),
            roles: pairs
                .iter()
                .map(|p| crate::model::Role::default_of_class(p.1))
                .collect(),
        }
    }

    fn accepts(pattern: &str, seq: &str) -> bool {
        let t = kinds();
        let p = Pattern::parse(pattern).unwrap();
        let mut a = p.automaton(&t);
        let ks: Vec<usize> = seq
            .split_whitespace()
            .map(|k| t.index(k).unwrap())
            .collect();
        a.matches(&ks)
    }

    #[test]
    fn whole_sequences_match() {
        assert!(accepts("cocaine cash gold", "cocaine cash gold"));
        assert!(!accepts("cocaine cash", "cocaine cash gold"));
        assert!(!accepts("cocaine cash gold", "cocaine cash"));
        assert!(accepts(
            "@illicit @money+ @asset",
            "gold cash cash real-estate"
        ));
        assert!(!accepts("@illicit @money+ @asset", "gold real-estate"));
        assert!(accepts("(cocaine|coca-base) .* gold .*", "coca-base gold"));
        assert!(accepts(
            "(cocaine|coca-base) .* gold .*",
            "cocaine cash gold cash"
        ));
        assert!(!accepts("(cocaine|coca-base) .* gold .*", "gold cocaine"));
        assert!(accepts("cash? gold", "gold"));
        assert!(accepts("cash?gold", "cash gold"));
        assert!(accepts("(cash gold)+", "cash gold cash gold"));
        assert!(!accepts("(cash gold)+", "cash gold cash"));
        assert!(accepts("a|gold", "gold"));
        assert!(accepts("@illicit*", ""));
    }

    #[test]
    fn malformed_patterns_give_positions() {
        let err = |p: &str| Pattern::parse(p).unwrap_err();
        assert_eq!(err("").position, 1);
        assert_eq!(err("cocaine (cash").position, 14);
        assert!(err("cocaine (cash").message.contains("position 9"));
        assert_eq!(err("cash)").position, 5);
        assert_eq!(err("* gold").position, 1);
        assert_eq!(err("gold | | cash").position, 8);
        assert_eq!(err("gold @ cash").position, 6);
        assert_eq!(err("()").position, 2);
        assert_eq!(err("gold |").position, 7);
        assert_eq!(
            err("gold |").to_string(),
            "malformed pattern at position 7: pattern ends where a kind, @class, '.' or '(' was expected"
        );
    }

    #[test]
    fn distance_to_a_match_prunes_hopeless_states() {
        let t = kinds();
        let p = Pattern::parse("cash . . gold").unwrap();
        let mut a = p.automaton(&t);
        assert_eq!(a.flows_to_match(a.start()), Some(4));
        let cash = t.index("cash").unwrap();
        let s = a.step(a.start(), cash);
        assert_eq!(a.flows_to_match(s), Some(3));
        let dead = a.step(a.start(), t.index("gold").unwrap());
        assert_eq!(a.flows_to_match(dead), None);
        let p = Pattern::parse("cash heroin").unwrap();
        let a = p.automaton(&t);
        assert_eq!(a.flows_to_match(a.start()), None);
        assert_eq!(a.unmatched_terms(), [&Term::Kind("heroin".into())]);
    }
}
