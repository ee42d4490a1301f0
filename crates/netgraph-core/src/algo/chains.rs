//! Laundering chains: simple paths whose sequence of flow kinds matches a pattern (docs/chains.md).
//!
//! [`find`] runs a depth-first search over the flows of a view, walking the pattern's automaton
//! ([`Automaton`]) in step with the graph: each flow followed advances the automaton by the flow's
//! kind, and a branch is abandoned as soon as no continuation can match — the automaton's state set
//! is empty, or the fewest flows still needed exceed the hops left. A chain is reported when the
//! automaton accepts and the query's end conditions hold. This is the product construction of a
//! regular-path query (Mendelzon & Wood 1995, "Finding regular simple paths in graph databases",
//! SIAM J. Comput. 24(6)), restricted to simple paths, which is why it enumerates.
//!
//! Complexity: the number of simple paths of at most H hops explored, each hop costing O(1) once
//! its DFA transition exists — O(Δ^H) in the worst case for maximum out-degree Δ (counting
//! parallel flows); the automaton adds O(m·k) per new DFA state for m pattern terms and k kinds.
//! A chain ends where the query says — at a `--to` actor, or with its first entry into the legal
//! economy — and is never extended past that point, and the enumeration stops as soon as `limit`
//! chains are found, so a small limit bounds the work as well as the output. Where flows carry
//! dates, a chain must respect time (value cannot move back in time); the check is O(1) per hop.

use crate::budget::Budget;
use crate::model::Role;
use crate::multigraph::{FlowFacts, Hop, Multigraph};
use crate::pattern::{Automaton, DfaState};
use std::cmp::Ordering;
use std::collections::VecDeque;

/// The entry into the legal economy that ends a laundering chain: a flow of one of `kinds`, or a
/// flow into one of `actors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastHop {
    /// Kinds (indices into the view's kinds) whose flows enter the legal economy.
    pub kinds: Vec<bool>,
    /// Actors (positions) a flow into which enters the legal economy.
    pub actors: Vec<bool>,
}

/// Where a chain ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// Anywhere the pattern accepts; a chain may be extended into longer ones.
    Anywhere,
    /// At one of these actors (positions): a chain that reaches one ends there and is not
    /// extended past it.
    Actors(Vec<bool>),
    /// With its first entry into the legal economy: a chain ends with the first flow that
    /// [`LastHop`] matches and is not extended past it.
    Entry(LastHop),
}

/// A chain query besides the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainQuery {
    /// The actors chains may start at (all when `None`).
    pub starts: Option<Vec<bool>>,
    /// Where chains end.
    pub end: End,
    /// The kinds (indices into the view's kinds) a chain may follow (all when `None`).
    pub follow: Option<Vec<bool>>,
    /// Whether consecutive flows must respect time: there must be moments t₁ ≤ t₂ ≤ … with each
    /// flow's moment within its period ([`crate::multigraph::Period`]).
    pub time: bool,
    /// The most flows in a chain.
    pub max_hops: usize,
    /// Stop as soon as this many chains are found.
    pub limit: usize,
}

/// A chain: actors (positions, `flows.len() + 1` of them) and the flows between them (file
/// positions).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Chain {
    /// The actors, in order.
    pub actors: Vec<u32>,
    /// The flows followed, in order.
    pub flows: Vec<u32>,
    /// The flows' kinds (indices into the view's kinds).
    pub kinds: Vec<u32>,
}

/// The chains found, and whether the enumeration stopped at the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The chains, in the order the search met them.
    pub chains: Vec<Chain>,
    /// Whether the search stopped on reaching the limit (more chains may exist).
    pub truncated: bool,
}

/// Every chain of one or more flows that matches the whole pattern and the query, each once.
///
/// Start actors are tried in id order and each actor's flows by target id, then file position, so
/// the chains kept when the limit cuts the enumeration short are always the same ones. Chains are
/// simple: no actor twice (so self-loops never appear). A flow whose kind has the role
/// [`Role::Input`] is consumed by its receiver: it may end a chain but never extends one. The
/// search stops as soon as `limit` chains are found. See the module documentation for the
/// complexity.
pub fn find(g: &Multigraph, automaton: &mut Automaton<'_>, q: &ChainQuery) -> Found {
    find_within(g, automaton, q, &Budget::unlimited())
}

/// [`find`] within a [`Budget`]: one expansion per hop examined, so a search whose matches are rare
/// (the limit never reached) still stops; it then returns the chains found so far, truncated.
pub fn find_within(
    g: &Multigraph,
    automaton: &mut Automaton<'_>,
    q: &ChainQuery,
    budget: &Budget,
) -> Found {
    let n = g.n();
    let mut order: Vec<usize> = (0..n)
        .filter(|&a| q.starts.as_ref().is_none_or(|s| s[a]))
        .collect();
    order.sort_by_key(|&a| g.rank()[a]);
    let mut search = Search {
        g,
        q,
        budget,
        remain: remaining_hops(g, q),
        on_path: vec![false; n],
        actors: Vec::new(),
        flows: Vec::new(),
        kinds: Vec::new(),
        found: Vec::new(),
        truncated: false,
    };
    if q.limit == 0 {
        search.truncated = true;
        order.clear();
    }
    for a in order {
        if q.max_hops == 0 || search.truncated {
            break;
        }
        search.on_path[a] = true;
        search.actors.push(a as u32);
        search.walk(automaton, a, automaton.start(), 0);
        search.actors.pop();
        search.on_path[a] = false;
    }
    Found {
        chains: search.found,
        truncated: search.truncated,
    }
}

struct Search<'g, 'q> {
    g: &'g Multigraph,
    q: &'q ChainQuery,
    budget: &'q Budget,
    remain: Option<Vec<usize>>,
    on_path: Vec<bool>,
    actors: Vec<u32>,
    flows: Vec<u32>,
    kinds: Vec<u32>,
    found: Vec<Chain>,
    truncated: bool,
}

/// Fewer hops than any real bound: "cannot finish from here".
const FAR: usize = usize::MAX / 4;

impl Search<'_, '_> {
    /// Extends the path ending at `v` (automaton in `state`, value there no earlier than day
    /// `time`) by every hop out of `v`.
    fn walk(&mut self, a: &mut Automaton<'_>, v: usize, state: DfaState, time: u32) {
        let depth = self.flows.len() + 1;
        for hop in self.g.hops(v) {
            if !self.budget.tick(1) {
                self.truncated = true;
                return;
            }
            let w = hop.to as usize;
            if self.on_path[w] || !follows(self.q, hop) {
                continue;
            }
            let period = self.g.period(hop.flow as usize);
            if self.q.time && period.end < time {
                continue;
            }
            let next = a.step(state, hop.kind as usize);
            let Some(need) = a.flows_to_match(next) else {
                continue;
            };
            let ends = ends_here(self.q, hop);
            let to_go = match (&self.remain, ends) {
                (Some(_), true) => 0,
                (Some(r), false) => r[w],
                (None, _) => 0,
            };
            if depth + need.max(to_go) > self.q.max_hops {
                continue;
            }
            self.flows.push(hop.flow);
            self.kinds.push(hop.kind);
            self.actors.push(hop.to);
            let reached_end = match self.q.end {
                End::Anywhere => true,
                _ => ends,
            };
            if a.is_accepting(next) && reached_end {
                self.found.push(Chain {
                    actors: self.actors.clone(),
                    flows: self.flows.clone(),
                    kinds: self.kinds.clone(),
                });
                self.truncated = self.found.len() >= self.q.limit;
            }
            let extends = !ends && self.g.kinds().roles[hop.kind as usize] != Role::Input;
            if !self.truncated && extends && depth < self.q.max_hops {
                self.on_path[w] = true;
                self.walk(a, w, next, time.max(period.begin));
                self.on_path[w] = false;
            }
            self.flows.pop();
            self.kinds.pop();
            self.actors.pop();
            if self.truncated {
                return;
            }
        }
    }
}

/// Whether a query may follow a hop's kind.
fn follows(q: &ChainQuery, hop: &Hop) -> bool {
    q.follow.as_ref().is_none_or(|f| f[hop.kind as usize])
}

/// Whether a hop ends every chain through it: it reaches an end actor, or enters the legal
/// economy (never, when chains may end anywhere).
fn ends_here(q: &ChainQuery, hop: &Hop) -> bool {
    match &q.end {
        End::Anywhere => false,
        End::Actors(set) => set[hop.to as usize],
        End::Entry(l) => l.kinds[hop.kind as usize] || l.actors[hop.to as usize],
    }
}

/// For every actor `w`, the fewest further hops that can end a chain arriving at `w` by a hop that
/// does not end it (`None` when chains may end anywhere): a breadth-first search backwards from
/// the actors with an ending hop out (1), over the hops that may be followed and extended. It
/// ignores simplicity, the pattern and time, so it never overestimates.
fn remaining_hops(g: &Multigraph, q: &ChainQuery) -> Option<Vec<usize>> {
    if q.end == End::Anywhere {
        return None;
    }
    let mut back: Vec<Vec<u32>> = vec![Vec::new(); g.n()];
    let mut dist = vec![FAR; g.n()];
    let mut queue = VecDeque::new();
    for (v, h) in g.all_hops() {
        if !follows(q, h) {
            continue;
        }
        if ends_here(q, h) {
            if dist[v] == FAR {
                dist[v] = 1;
                queue.push_back(v);
            }
        } else if g.kinds().roles[h.kind as usize] != Role::Input {
            back[h.to as usize].push(v as u32);
        }
    }
    while let Some(w) = queue.pop_front() {
        for &v in &back[w] {
            if dist[v as usize] == FAR {
                dist[v as usize] = dist[w] + 1;
                queue.push_back(v as usize);
            }
        }
    }
    Some(dist)
}

crate::choice_enum! {
    /// How chains are ranked (`--rank`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum RankBy {
        /// Product of the confidences, highest first.
        Evidence = "evidence" [],
        /// Bottleneck volume, highest first (chains without one last).
        Volume = "volume" [],
        /// Fewest hops first.
        Hops = "hops" [],
    }
}

/// A chain with its evidence and bottleneck volume.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The chain.
    pub chain: Chain,
    /// The product of the flows' confidences.
    pub evidence: f64,
    /// The smallest volume along the chain: `None` when a flow has no volume or the units differ.
    pub bottleneck: Option<f64>,
}

/// Scores a chain: evidence is the product of confidences in chain order; the bottleneck is the
/// smallest volume when every flow has a volume in the same unit (or all lack a unit).
pub fn score(chain: Chain, facts: &FlowFacts) -> Scored {
    let flows = || chain.flows.iter().map(|&f| f as usize);
    let evidence = flows().map(|f| facts.confidence[f]).product();
    let first_unit = chain.flows.first().map(|&f| &facts.unit[f as usize]);
    let same_unit = flows().all(|f| Some(&facts.unit[f]) == first_unit);
    let bottleneck = if same_unit {
        flows()
            .map(|f| facts.volume[f])
            .try_fold(f64::INFINITY, |m, v| v.map(|v| m.min(v)))
    } else {
        None
    };
    Scored {
        chain,
        evidence,
        bottleneck: bottleneck.filter(|b| b.is_finite()),
    }
}

/// Sorts chains: by evidence (descending), then fewer hops, then kinds (by name), then actor ids,
/// then file positions of the flows — or first by bottleneck volume (`Volume`, missing last) or by
/// hops (`Hops`). Evidence values equal to 12 significant digits are ties, so the order does not
/// depend on the order in which confidences were multiplied.
pub fn rank(chains: &mut [Scored], by: RankBy, actor_rank: &[u32]) {
    let ids =
        |c: &Chain| -> Vec<u32> { c.actors.iter().map(|&a| actor_rank[a as usize]).collect() };
    let rest = |a: &Scored, b: &Scored| -> Ordering {
        a.chain
            .kinds
            .cmp(&b.chain.kinds)
            .then_with(|| ids(&a.chain).cmp(&ids(&b.chain)))
            .then_with(|| a.chain.flows.cmp(&b.chain.flows))
    };
    let evidence = |a: &Scored, b: &Scored| rounded(b.evidence).total_cmp(&rounded(a.evidence));
    let hops = |a: &Scored, b: &Scored| a.chain.flows.len().cmp(&b.chain.flows.len());
    let volume = |a: &Scored, b: &Scored| match (a.bottleneck, b.bottleneck) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    chains.sort_by(|a, b| {
        match by {
            RankBy::Evidence => evidence(a, b).then_with(|| hops(a, b)),
            RankBy::Volume => volume(a, b)
                .then_with(|| evidence(a, b))
                .then_with(|| hops(a, b)),
            RankBy::Hops => hops(a, b).then_with(|| evidence(a, b)),
        }
        .then_with(|| rest(a, b))
    });
}

/// A number rounded to 12 significant digits.
pub(crate) fn rounded(x: f64) -> f64 {
    format!("{x:.11e}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Flow, Network};
    use crate::pattern::Pattern;
    use crate::view::{Filters, View};

    /// a →cocaine→ b →cash→ c →gold→ d, b →cash→ d, a →cash→ c (twice, different confidence),
    /// d →cash→ a (a cycle back to the start).
    fn net() -> Network {
        let mut n = Network::new();
        n.actors = ["a", "b", "c", "d"]
            .iter()
            .map(|id| Actor::new(*id))
            .collect();
        let flow = |f: &str, t: &str, k: &str, c: f64| {
            let mut x = Flow::new(f, t);
            x.kind = Some(k.into());
            x.confidence = Some(c);
            x
        };
        n.set_flows(vec![
            flow("a", "b", "cocaine", 1.0),
            flow("b", "c", "cash", 0.8),
            flow("c", "d", "gold", 0.5),
            flow("b", "d", "cash", 1.0),
            flow("a", "c", "cash", 0.6),
            flow("a", "c", "cash", 0.4),
            flow("d", "a", "cash", 1.0),
        ]);
        n.index().unwrap();
        n
    }

    fn chains(pattern: &str, q: &ChainQuery) -> Vec<Vec<u32>> {
        let n = net();
        let g = Multigraph::of_view(&View::new(&n, &Filters::default()));
        let p = Pattern::parse(pattern).unwrap();
        let mut a = p.automaton(g.kinds());
        let found = find(&g, &mut a, q);
        let facts = FlowFacts::of(&n);
        let mut scored: Vec<Scored> = found.chains.into_iter().map(|c| score(c, &facts)).collect();
        rank(&mut scored, RankBy::Evidence, g.rank());
        scored.into_iter().map(|s| s.chain.flows).collect()
    }

    fn query() -> ChainQuery {
        ChainQuery {
            starts: None,
            end: End::Anywhere,
            follow: None,
            time: true,
            max_hops: 6,
            limit: 100,
        }
    }

    fn only(n: usize, at: &[usize]) -> Vec<bool> {
        (0..n).map(|i| at.contains(&i)).collect()
    }

    #[test]
    fn every_chain_matching_the_whole_pattern_once() {
        // By hand: cocaine cash gold = a-b-c-d; cocaine then cash = a-b-d (1.0) and a-b-c (0.8).
        assert_eq!(chains("cocaine cash gold", &query()), [vec![0, 1, 2]]);
        assert_eq!(chains("cocaine cash", &query()), [vec![0, 3], vec![0, 1]]);
        // Parallel flows of the same kind are different chains: a-c twice, then a-c-d twice.
        let q = ChainQuery {
            starts: Some(only(4, &[0])),
            ..query()
        };
        assert_eq!(
            chains("cash gold?", &q),
            [vec![4], vec![5], vec![4, 2], vec![5, 2]]
        );
    }

    #[test]
    fn chains_are_simple_and_bounded() {
        // d →cash→ a →cocaine→ b →cash→ c/d: d-a-b-d would revisit d.
        assert_eq!(chains("cash cocaine cash", &query()), [vec![6, 0, 1]]);
        let q = ChainQuery {
            max_hops: 2,
            ..query()
        };
        assert!(chains("cocaine cash gold", &q).is_empty());
        let q = ChainQuery {
            limit: 1,
            ..query()
        };
        let n = net();
        let g = Multigraph::of_view(&View::new(&n, &Filters::default()));
        let p = Pattern::parse(".").unwrap();
        let found = find(&g, &mut p.automaton(g.kinds()), &q);
        assert!(found.truncated);
        assert_eq!(found.chains.len(), 1);
        // The search stops as soon as the limit is reached: 7 chains of one flow, limit 7.
        let q = ChainQuery {
            limit: 7,
            ..query()
        };
        let found = find(&g, &mut p.automaton(g.kinds()), &q);
        assert!(found.truncated);
        assert_eq!(found.chains.len(), 7);
        let q = ChainQuery {
            limit: 8,
            ..query()
        };
        let found = find(&g, &mut p.automaton(g.kinds()), &q);
        assert!(!found.truncated);
        assert_eq!(found.chains.len(), 7);
    }

    #[test]
    fn start_end_and_last_hop_conditions() {
        let q = ChainQuery {
            end: End::Actors(only(4, &[3])),
            ..query()
        };
        // Into d: a-b-d (1·1), a-b-c-d (1·.8·.5), a-c-d (.6·.5), a-c-d (.4·.5), b-d, b-c-d, c-d.
        assert_eq!(
            chains(".+", &q),
            [
                vec![3],
                vec![0, 3],
                vec![2],
                vec![1, 2],
                vec![0, 1, 2],
                vec![4, 2],
                vec![5, 2]
            ]
        );
        let q = ChainQuery {
            starts: Some(vec![false, true, false, false]),
            end: End::Entry(LastHop {
                kinds: vec![false, false, true],
                actors: vec![false, false, true, false],
            }),
            ..query()
        };
        // From b only, ending with the first gold flow (kinds: cash, cocaine, gold) or flow into
        // c: b-c (.8), b-d-a-c (.6), b-d-a-c by the other a-c flow (.4). b-c-d is not a chain: it
        // would continue past its entry at c.
        assert_eq!(chains(".+", &q), [vec![1], vec![3, 6, 4], vec![3, 6, 5]]);
    }

    #[test]
    fn bottleneck_needs_volumes_in_one_unit() {
        let facts = FlowFacts {
            confidence: vec![1.0; 3],
            volume: vec![Some(5.0), Some(2.0), None],
            unit: vec![Some("t".into()), Some("t".into()), None],
        };
        let c = |flows: Vec<u32>| Chain {
            actors: vec![0; flows.len() + 1],
            kinds: vec![0; flows.len()],
            flows,
        };
        assert_eq!(score(c(vec![0, 1]), &facts).bottleneck, Some(2.0));
        assert_eq!(score(c(vec![0, 2]), &facts).bottleneck, None);
        assert_eq!(score(c(vec![2]), &facts).bottleneck, None);
    }
}
