//! One chain search as `netgraph chains` runs it — pattern parsing, the default laundering query,
//! the start and end rules, the search, scoring, ranking and grouping into channels — shared by
//! `chains`, `whatif`, `centrality --measure chain_betweenness` and `dot`/`render
//! --highlight-chains`, so all of them always find the same chains.

use crate::algo::chains::{self, ChainQuery, End, LastHop, RankBy, Scored};
use crate::algo::channels::{self, Channel};
use crate::error::{Error, Result};
use crate::model::kinds::OTHER;
use crate::model::{KindOf, Network, Role};
use crate::multigraph::{FlowFacts, KindTable, Multigraph};
use crate::pattern::{Automaton, Pattern, Term};
use crate::run::Run;
use crate::selector::Selector;
use crate::suggest;
use crate::view::View;
use crate::view::unclassified_message;
use std::collections::BTreeMap;

/// The default query's pattern: one or more flows. The default query follows only flows whose kind
/// carries value (role commodity, money or asset), so ties, enforcement and inputs never extend a
/// laundering chain.
pub const DEFAULT_PATTERN: &str = ".+";

/// Actors named by a selector: their positions (sorted) and the selector as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The actors' positions, sorted.
    pub at: Vec<usize>,
    /// The selector's text (`@legal`, `legit-mines,re-trujillo`).
    pub text: String,
}

/// What to search for besides the view.
#[derive(Debug, Clone)]
pub struct Request {
    /// The pattern; `None` runs the default laundering query (docs/chains.md).
    pub pattern: Option<String>,
    /// The actors chains may start at (positions); `None` keeps the default start rule (a
    /// `criminal` actor) unless `anywhere`.
    pub from: Option<Named>,
    /// The actors chains end at (positions); `None` keeps the default end rule (the first entry
    /// into the legal economy) unless `anywhere`.
    pub to: Option<Named>,
    /// Drop the default start and end rules (chains start and end at any actor).
    pub anywhere: bool,
    /// Let chains run backwards in time (ignore the flows' dates).
    pub ignore_time: bool,
    /// The most flows in a chain.
    pub max_hops: usize,
    /// Stop the search as soon as this many chains are found.
    pub limit: usize,
    /// The option that sets `limit`, named in the note when the search stops there.
    pub limit_option: &'static str,
    /// How the chains are ordered.
    pub rank: RankBy,
    /// Warn (stderr) about terms of the user's pattern that match no flow kind of the view.
    pub warn_unmatched: bool,
    /// Note (stderr) when the enumeration stops at the limit.
    pub note_limit: bool,
    /// The search's budget (`--budget`, `--timeout`); none bounds only by `limit`.
    pub budget: Option<std::sync::Arc<crate::budget::Budget>>,
}

/// The chains found, ranked, and their channels.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Every chain found, best first.
    pub chains: Vec<Scored>,
    /// The channels (entry flows) of the chains, ranked.
    pub channels: Vec<Channel>,
    /// Whether the search stopped at the limit.
    pub truncated: bool,
}

impl Request {
    /// The default laundering query with a pattern (or none), a hop bound and a limit: the default
    /// start and end rules, value-carrying flows, time respected, ranked by evidence, warnings and
    /// notes on.
    pub fn new(pattern: Option<String>, max_hops: usize, limit: usize) -> Request {
        Request {
            pattern,
            from: None,
            to: None,
            anywhere: false,
            ignore_time: false,
            max_hops,
            limit,
            limit_option: "--limit",
            rank: RankBy::Evidence,
            warn_unmatched: true,
            note_limit: true,
            budget: None,
        }
    }

    /// The pattern to run: the request's, or the default query's.
    pub fn pattern_text(&self) -> &str {
        self.pattern.as_deref().unwrap_or(DEFAULT_PATTERN)
    }

    /// Whether this is the default laundering query (no explicit pattern).
    pub fn is_default(&self) -> bool {
        self.pattern.is_none()
    }

    /// Whether chains start at `criminal` actors (no `--from`, no `--anywhere`).
    fn default_start(&self) -> bool {
        self.from.is_none() && !self.anywhere
    }

    /// Whether chains end with their first entry into the legal economy (no `--to`, no
    /// `--anywhere`).
    fn default_end(&self) -> bool {
        self.to.is_none() && !self.anywhere
    }

    /// What the search counts, in words, for the line above a report: the pattern or the value
    /// flows followed, the start and end rules, the hop bound and the time rule.
    pub fn describe(&self) -> String {
        let start = match &self.from {
            Some(a) => format!("from {}", a.text),
            None if self.anywhere => "from any actor".into(),
            None => "from criminal actors".into(),
        };
        let end = match &self.to {
            Some(b) => format!("to {}", b.text),
            None if self.anywhere => "to any actor".into(),
            None => "to the legal economy (a legal actor or an asset flow)".into(),
        };
        let kinds = match &self.pattern {
            None => "following value flows (commodity, money, asset)".to_string(),
            Some(p) => format!("matching \"{p}\" (an input only last)"),
        };
        let time = if self.ignore_time {
            "dates ignored"
        } else {
            "in time order where flows are dated"
        };
        format!(
            "chains {start} {end}, {kinds}, at most {} hops, {time}",
            self.max_hops
        )
    }
}

/// The actors a `--from`/`--to` selector names (ids, actor kinds, `@class`; positions, sorted),
/// `None` when the option is not given. An unknown term is bad usage (exit 2) with the closest
/// known names; a selector that selects nobody says so on stderr.
pub fn actors(net: &Network, terms: &[String], option: &str, run: &Run) -> Result<Option<Named>> {
    let selector =
        Selector::parse(net, terms).map_err(|e| Error::Usage(format!("{option}: {e}")))?;
    if selector.is_empty() {
        return Ok(None);
    }
    let at = selector.actors(net);
    if at.is_empty() {
        run.note(format!("{option} {} selects no actor", selector.text()));
    }
    Ok(Some(Named {
        at,
        text: selector.text().to_string(),
    }))
}

/// Parses the request's pattern; a malformed one is bad usage (exit 2) naming `option`, the text
/// and the position of the problem.
pub fn parse(request: &Request, option: &str) -> Result<Pattern> {
    let text = request.pattern_text();
    Pattern::parse(text).map_err(|e| Error::Usage(format!("{option} \"{text}\": {e}")))
}

/// Warns (stderr) about flows of the view whose kind has no class and that the query leaves out —
/// no term of the pattern matches them, or the default query follows value roles only: unseen (a user's `deposit` flows, say, under the default
/// laundering query). O(E).
fn warn_unclassified(
    view: &View,
    g: &Multigraph,
    automaton: &Automaton,
    request: &Request,
    run: &Run,
) {
    let kinds = g.kinds();
    let net = view.network();
    let mut left_out: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in view.flows() {
        let kind = net.flow(i).kind();
        if let Some(k) = kinds.index(kind)
            && kinds.classes[k] == OTHER
            && (!automaton.matches_kind(k) || followed(kinds, request).is_some_and(|f| !f[k]))
        {
            *left_out.entry(kind).or_insert(0) += 1;
        }
    }
    let by = if request.is_default() {
        "the default laundering query (it follows value flows only)".to_string()
    } else {
        format!("the chain pattern \"{}\"", request.pattern_text())
    };
    if let Some(w) = unclassified_message(&left_out, &by) {
        run.warn(w);
    }
}

/// Checks the names of a parsed pattern against the network: a kind neither the vocabulary nor any
/// flow knows, or a class no flow kind has, is bad usage (exit 2) naming `option` and the closest
/// known names. (A known kind absent from the view is only a warning, given by [`search`].)
pub fn check_names(net: &Network, pattern: &Pattern, option: &str) -> Result<()> {
    for term in pattern.terms() {
        let name = match term {
            Term::Kind(k) => k.clone(),
            Term::Class(c) => format!("@{c}"),
            Term::Any => continue,
        };
        check_kind(net, &name).map_err(|message| {
            Error::Usage(format!("{option} \"{}\": {message}", pattern.text()))
        })?;
    }
    Ok(())
}

/// Whether `name` — a flow kind, or `@class` — is known to the network's vocabulary or flows;
/// the error names the closest known kinds or classes.
fn check_kind(net: &Network, name: &str) -> std::result::Result<(), String> {
    let vocabulary = net.vocabulary();
    if let Some(c) = name.strip_prefix('@') {
        if vocabulary.has_class(KindOf::Flow, c) {
            return Ok(());
        }
        let classes: Vec<String> = vocabulary
            .classes(KindOf::Flow)
            .iter()
            .map(|c| format!("@{c}"))
            .collect();
        let mut message = suggest::unknown("flow class", name, classes.iter().map(String::as_str));
        if vocabulary.has_class(KindOf::Actor, c) {
            message.push_str(&format!(" (@{c} is a class of actors, not of flows)"));
        }
        return Err(message);
    }
    let mut kinds: Vec<&str> = vocabulary.kinds(KindOf::Flow).collect();
    kinds.extend(net.flows().map(|f| f.kind()));
    kinds.sort_unstable();
    kinds.dedup();
    match kinds.binary_search(&name) {
        Ok(_) => Ok(()),
        Err(_) => Err(suggest::unknown("flow kind", name, kinds.iter().copied())),
    }
}

/// The flows that carry value along `whatif`'s watched routes and displacement max-flow: the kinds
/// with a value role (commodity, money, asset) — the flows the default laundering query follows, so
/// routes, flow and chains count the same thing — or the kinds and `@class`es `--route-flows` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteFlows {
    terms: Option<Vec<String>>,
}

impl RouteFlows {
    /// The kinds named (comma lists allowed; `.` for every kind), or the value roles when none is
    /// — every flow, with a note, when no flow kind of the network has a class (an untyped network,
    /// whose flows are all of class `other`).
    /// An unknown kind or class is bad usage (exit 2) naming `option` and the closest known names.
    pub fn parse(net: &Network, terms: &[String], option: &str, run: &Run) -> Result<RouteFlows> {
        let words: Vec<String> = terms
            .iter()
            .flat_map(|t| t.split(','))
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect();
        for w in words.iter().filter(|w| *w != ".") {
            check_kind(net, w).map_err(|e| Error::Usage(format!("{option}: {e}")))?;
        }
        let untyped = net
            .flows()
            .all(|f| net.kind_class(f.kind()) == crate::model::kinds::OTHER);
        if words.is_empty() && net.flow_count() > 0 && untyped {
            run.note(format!(
                "no flow kind of the network has a class: routes follow every flow ({option} to choose)"
            ));
            return Ok(RouteFlows {
                terms: Some(vec![".".into()]),
            });
        }
        Ok(RouteFlows {
            terms: (!words.is_empty()).then_some(words),
        })
    }

    /// Whether flows of `kind` carry value along routes in `net`.
    pub fn carries(&self, net: &Network, kind: &str) -> bool {
        match &self.terms {
            None => net.kind_role(kind).carries_value(),
            Some(terms) => terms.iter().any(|t| match t.strip_prefix('@') {
                Some(class) => net.kind_class(kind) == class,
                None => t == kind || t == ".",
            }),
        }
    }

    /// The flows counted, in words.
    pub fn describe(&self) -> String {
        match &self.terms {
            None => "value flows (commodity, money, asset)".into(),
            Some(t) if t.iter().any(|t| t == ".") => "every flow".into(),
            Some(t) => format!("{} flows", t.join(", ")),
        }
    }
}

/// The kinds of a view a request may follow: those with a value role for the default query,
/// every kind (the pattern decides) for an explicit pattern.
fn followed(kinds: &KindTable, request: &Request) -> Option<Vec<bool>> {
    request
        .is_default()
        .then(|| kinds.roles.iter().map(|r| r.carries_value()).collect())
}

/// Runs the chain search on a view: warns (stderr) about terms of the user's pattern that match no
/// flow kind of the view and notes when the enumeration stops at the limit (as the request says),
/// and returns every chain found, scored and ranked, with their channels. Without `--from` (or
/// `--anywhere`) chains start at `criminal` actors; without `--to` (or `--anywhere`) they end with
/// their first entry into the legal economy: a flow into a `legal` actor or a flow of role asset.
/// Cost: that of [`chains::find`], plus O(C log C) to rank C chains.
pub fn search(view: &View, pattern: &Pattern, request: &Request, run: &Run) -> Outcome {
    let net = view.network();
    let g = Multigraph::of_view(view);
    let mut automaton = pattern.automaton(g.kinds());
    if request.warn_unmatched && !request.is_default() {
        for term in automaton.unmatched_terms() {
            run.warn(format!(
                "pattern term \"{term}\" matches no flow kind in this view"
            ));
        }
    }
    warn_unclassified(view, &g, &automaton, request, run);
    let n = net.actor_count();
    let class_is = |c: &str| -> Vec<bool> {
        (0..n)
            .map(|i| net.actor_class(&net.actors[i]) == c)
            .collect()
    };
    let mask = |at: &[usize]| -> Vec<bool> {
        let mut m = vec![false; n];
        at.iter().for_each(|&a| m[a] = true);
        m
    };
    let starts = match &request.from {
        Some(a) => Some(mask(&a.at)),
        None if request.default_start() => Some(class_is("criminal")),
        None => None,
    };
    let end = match &request.to {
        Some(b) => End::Actors(mask(&b.at)),
        None if request.default_end() => End::Entry(LastHop {
            kinds: g.kinds().roles.iter().map(|&r| r == Role::Asset).collect(),
            actors: class_is("legal"),
        }),
        None => End::Anywhere,
    };
    let query = ChainQuery {
        starts,
        end,
        follow: followed(g.kinds(), request),
        time: !request.ignore_time,
        max_hops: request.max_hops,
        limit: request.limit,
    };
    let found = match &request.budget {
        Some(budget) => chains::find_within(&g, &mut automaton, &query, budget),
        None => chains::find(&g, &mut automaton, &query),
    };
    let by_budget = request.budget.as_ref().is_some_and(|b| b.truncated());
    if by_budget {
        if let Some(m) = request
            .budget
            .as_ref()
            .and_then(|b| b.message("the chain search"))
        {
            run.warn(m);
        }
    } else if found.truncated && request.note_limit {
        run.note(format!(
            "stopped at {} chains ({}): more may exist; raise {} or narrow the query for the rest",
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
    let kind_rank = |f: u32| g.kinds().index(net.flow(f as usize).kind()).unwrap_or(0) as u32;
    let channels = channels::group(&scored, g.rank(), kind_rank);
    Outcome {
        chains: scored,
        channels,
        truncated: found.truncated,
    }
}
