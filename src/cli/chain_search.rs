//! One chain search as `netgraph chains` runs it — pattern parsing, the default laundering query,
//! the search, scoring and ranking — shared by `chains` and by `dot`/`render --highlight-chains`,
//! so both always find the same chains.

use super::UsageError;
use crate::algo::chains::{self, ChainQuery, LastHop, RankBy, Scored};
use crate::flows::{FlowFacts, FlowGraph};
use crate::model::kinds::OTHER;
use crate::pattern::{Automaton, Pattern};
use crate::view::View;
use crate::view::unclassified_message;
use std::collections::BTreeMap;

/// The default query's pattern: an illicit good or money first, then only flows that carry value
/// (illicit goods, money, assets). Ties and enforcement actions move no value, so a chain through a
/// rivalry or an arrest is not a laundering route.
pub const DEFAULT_PATTERN: &str = "(@illicit|@money) (@illicit|@money|@asset)*";

/// What to search for besides the view.
#[derive(Debug, Clone)]
pub struct Request {
    /// The pattern; `None` runs the default laundering query (DESIGN §4).
    pub pattern: Option<String>,
    /// The only actor chains may start at.
    pub from: Option<usize>,
    /// The only actor chains may end at.
    pub to: Option<usize>,
    /// The most flows in a chain.
    pub max_hops: usize,
    /// Stop after this many chains.
    pub limit: usize,
    /// The option that sets `limit`, named in the note when the search stops there.
    pub limit_option: &'static str,
    /// How the chains are ordered.
    pub rank: RankBy,
    /// Warn (stderr) about terms of the user's pattern that match no flow kind of the view.
    pub warn_unmatched: bool,
    /// Note (stderr) when the enumeration stops at the limit.
    pub note_limit: bool,
}

/// The chains found, ranked.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Every chain found, best first.
    pub chains: Vec<Scored>,
    /// Whether the search stopped at the limit.
    pub truncated: bool,
}

impl Request {
    /// The pattern to run: the request's, or the default query's.
    pub fn pattern_text(&self) -> &str {
        self.pattern.as_deref().unwrap_or(DEFAULT_PATTERN)
    }

    /// Whether this is the default laundering query.
    pub fn is_default(&self) -> bool {
        self.pattern.is_none()
    }
}

/// Parses the request's pattern; a malformed one is bad usage (exit 2) naming `option`, the text
/// and the position of the problem.
pub fn parse(request: &Request, option: &str) -> Result<Pattern, UsageError> {
    let text = request.pattern_text();
    Pattern::parse(text).map_err(|e| UsageError(format!("{option} \"{text}\": {e}")))
}

/// Warns (stderr) about flows of the view whose kind has no class and that no term of the pattern
/// matches: the query leaves them out unseen (a user's `deposit` flows, say, under the default
/// laundering query). O(E).
fn warn_unclassified(view: &View, g: &FlowGraph, automaton: &Automaton, request: &Request) {
    let kinds = g.kinds();
    let net = view.network();
    let mut left_out: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in view.flows() {
        let kind = net.flow(i).kind();
        if let Some(k) = kinds.index(kind)
            && kinds.classes[k] == OTHER
            && !automaton.matches_kind(k)
        {
            *left_out.entry(kind).or_insert(0) += 1;
        }
    }
    let by = format!("the chain pattern \"{}\"", request.pattern_text());
    if let Some(w) = unclassified_message(&left_out, &by) {
        super::warn(&w);
    }
}

/// Runs the chain search on a view: warns (stderr) about terms of the user's pattern that match no
/// flow kind of the view and notes when the enumeration stops at the limit (as the request says), and
/// returns every chain found, scored
/// and ranked. The default query starts at `criminal` actors and ends with an `@asset` flow or a
/// flow into a `legal` actor. Cost: that of [`chains::find`], plus O(C log C) to rank C chains.
pub fn search(view: &View, pattern: &Pattern, request: &Request) -> Outcome {
    let net = view.network();
    let g = FlowGraph::of_view(view);
    let mut automaton = pattern.automaton(g.kinds());
    let default = request.is_default();
    if request.warn_unmatched && !default {
        for term in automaton.unmatched_terms() {
            super::warn(&format!(
                "pattern term \"{term}\" matches no flow kind in this view"
            ));
        }
    }
    warn_unclassified(view, &g, &automaton, request);
    let class_of = |i: usize| net.actor_class(&net.actors[i]);
    let query = ChainQuery {
        from: request.from,
        to: request.to,
        starts: default.then(|| {
            (0..net.actor_count())
                .map(|i| class_of(i) == "criminal")
                .collect()
        }),
        last: default.then(|| LastHop {
            kinds: g.kinds().classes.iter().map(|c| c == "asset").collect(),
            actors: (0..net.actor_count())
                .map(|i| class_of(i) == "legal")
                .collect(),
        }),
        max_hops: request.max_hops,
        limit: request.limit,
    };
    let found = chains::find(&g, &mut automaton, &query);
    if found.truncated && request.note_limit {
        super::note(&format!(
            "stopped after {} chains ({}); raise {} or narrow the query for the rest",
            request.limit, request.limit_option, request.limit_option
        ));
    }
    let facts = FlowFacts::of(net);
    let mut scored: Vec<Scored> = found
        .chains
        .into_iter()
        .map(|c| chains::score(c, &facts))
        .collect();
    chains::rank(&mut scored, request.rank, g.rank());
    Outcome {
        chains: scored,
        truncated: found.truncated,
    }
}
