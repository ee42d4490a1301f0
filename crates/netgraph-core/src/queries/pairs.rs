//! `netgraph pairs`: scores per connected actor pair of the collapsed graph, ranked.
//!
//! One row per arc of the collapsed graph (per tie when the view is undirected; self-loops are not
//! pairs): `edge_betweenness` (NetworkX's `edge_betweenness_centrality`: ÷ n(n−1), `--raw` for the
//! counts, halved on undirected views) and `bridge` (1 when the tie is a bridge of the undirected
//! view: removing it splits a weak component).

use super::{FlowFilter, WeightSpec, note_missing_weight};
use crate::algo::articulation::articulation;
use crate::algo::edge_betweenness::edge_betweenness_with;
use crate::algo::ties::Ties;
use crate::choice::Choice;
use crate::error::{Error, Result};
use crate::model::Network;
use crate::run::Run;
use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value, json};
use std::collections::HashSet;

crate::choice_enum! {
    /// A per-pair measure.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum PairMeasure {
        /// Share of shortest paths through the tie (NetworkX `edge_betweenness_centrality`).
        EdgeBetweenness = "edge_betweenness" ["edge-betweenness"],
        /// 1 for a bridge of the undirected view, else 0.
        Bridge = "bridge" [],
    }
}

/// Options of [`pairs`], named as the command line's.
#[derive(Debug, Clone)]
pub struct PairsOptions {
    /// Measures (names as `--measure` takes them, or `all`); rows are ranked by the first.
    pub measures: Vec<String>,
    /// Only the N highest-ranked pairs.
    pub top: Option<usize>,
    /// Unnormalised edge betweenness (NetworkX normalized=False).
    pub raw: bool,
    /// How flows are weighted.
    pub weights: WeightSpec,
    /// Which flows count.
    pub filter: FlowFilter,
}

impl Default for PairsOptions {
    fn default() -> Self {
        PairsOptions {
            measures: vec!["edge_betweenness".into(), "bridge".into()],
            top: None,
            raw: false,
            weights: WeightSpec::default(),
            filter: FlowFilter::default(),
        }
    }
}

/// Parses `--measure` values: pair measure names (or aliases) or `all`, without repeats; empty
/// names are skipped. An unknown name, or a list naming none, is [`Error::Usage`].
pub fn parse_measures(names: &[String]) -> Result<Vec<PairMeasure>> {
    let mut list = Vec::new();
    for name in names.iter().filter(|n| !n.is_empty()) {
        if name == "all" {
            list.extend(PairMeasure::OPTIONS.iter().map(|o| o.value));
            continue;
        }
        list.push(PairMeasure::from_name(name).ok_or_else(|| {
            Error::Usage(crate::suggest::unknown(
                "pair measure",
                name,
                PairMeasure::names().into_iter().chain(["all"]),
            ))
        })?);
    }
    let mut seen = HashSet::new();
    list.retain(|m| seen.insert(*m));
    if list.is_empty() {
        return Err(Error::usage("--measure names no pair measure"));
    }
    Ok(list)
}

/// Scores per connected pair, ranked.
#[derive(Debug, Clone, PartialEq)]
pub struct Pairs {
    /// What was counted, in words (the line above a table).
    pub view_line: String,
    /// What was counted, as the JSON `"view"` object.
    pub view: Value,
    /// The columns, in order.
    pub measures: Vec<PairMeasure>,
    /// The pairs in rank order (only the `top` ones when asked).
    pub pairs: Vec<Pair>,
}

/// One pair's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Position of the first actor (the tail of the arc) in the network.
    pub from: usize,
    /// Position of the second actor.
    pub to: usize,
    /// Id of the first actor.
    pub from_id: String,
    /// Id of the second actor.
    pub to_id: String,
    /// Rank by the first measure, shared on ties (1, 2, 2, 4).
    pub rank: usize,
    /// One score per measure; NaN when undefined.
    pub scores: Vec<f64>,
}

impl Pairs {
    /// The JSON of `netgraph pairs --format json`.
    pub fn to_json(&self) -> Value {
        let pairs: Vec<Value> = self
            .pairs
            .iter()
            .map(|r| {
                let mut o = Map::new();
                o.insert("from".into(), json!(r.from_id));
                o.insert("to".into(), json!(r.to_id));
                for (m, &x) in self.measures.iter().zip(&r.scores) {
                    o.insert(m.name().into(), crate::report::json_number(Some(x)));
                }
                Value::Object(o)
            })
            .collect();
        let names: Vec<&str> = self.measures.iter().map(|m| m.name()).collect();
        json!({"view": self.view, "measures": names, "pairs": pairs})
    }
}

impl Serialize for Pairs {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// Scores of every connected pair of the view's collapsed graph, ranked by the first measure
/// (descending, then by the ids), ranks shared on ties as centrality shares them.
///
/// A note says when the view has no pair. Cost: edge betweenness O(n·m) (Brandes; Dijkstra's
/// O(n·m log n) when weighted), bridges O(n + m).
///
/// # Example
///
/// ```
/// use netgraph_core::queries::pairs::{PairsOptions, pairs};
/// let net = netgraph_core::io::peru().unwrap();
/// let options = PairsOptions {
///     measures: vec!["bridge".into()],
///     top: Some(5),
///     ..PairsOptions::default()
/// };
/// let result = pairs(&net, &options, &netgraph_core::Run::default()).unwrap();
/// assert_eq!(result.pairs.len(), 5);
/// assert_eq!(result.pairs[0].rank, 1);
/// ```
pub fn pairs(net: &Network, options: &PairsOptions, run: &Run) -> Result<Pairs> {
    let list = parse_measures(&options.measures)?;
    let view = options.filter.view(net, false, run)?;
    let weighting = options.weights.checked(net)?;
    let weighted = view.graph(&weighting)?;
    note_missing_weight(run, &weighting, weighted.missing, view.flows().len());
    let g = &weighted.graph;
    let ties = Ties::new(g);
    let bridges: HashSet<(u32, u32)> = articulation(&ties).bridges.into_iter().collect();
    let mut rows: Vec<Pair> = Vec::with_capacity(g.pair_count());
    for v in 0..g.n() {
        for &w in g.out().neighbors(v) {
            let w = w as usize;
            if w != v && (g.is_directed() || v < w) {
                rows.push(Pair {
                    from: v,
                    to: w,
                    from_id: net.actors[v].id.to_string(),
                    to_id: net.actors[w].id.to_string(),
                    rank: 0,
                    scores: Vec::with_capacity(list.len()),
                });
            }
        }
    }
    for &m in &list {
        match m {
            PairMeasure::EdgeBetweenness => {
                let paths = weighted.for_paths()?;
                let work = g.n() as f64 * g.out().arc_count() as f64;
                let phase = run.phase(m.name(), g.n() as u64, work);
                let progress = phase.progress();
                let scores =
                    run.install(|| edge_betweenness_with(paths, !options.raw, &progress))?;
                // Both lists run over the arcs in (from, to) order; self-loops only in `scores`.
                let mut it = scores.into_iter().filter(|(a, b, _)| a != b);
                for row in &mut rows {
                    let score = it.next().map_or(f64::NAN, |s| s.2);
                    row.scores.push(score);
                }
            }
            PairMeasure::Bridge => {
                for row in &mut rows {
                    let key = (row.from.min(row.to) as u32, row.from.max(row.to) as u32);
                    row.scores
                        .push(if bridges.contains(&key) { 1.0 } else { 0.0 });
                }
            }
        }
    }
    if rows.is_empty() {
        run.note("the view has no flow between two different actors: no pairs");
    }
    let id = |i: usize| net.actors[i].id.as_bytes();
    rows.sort_by(|a, b| {
        b.scores[0]
            .total_cmp(&a.scores[0])
            .then_with(|| id(a.from).cmp(id(b.from)))
            .then_with(|| id(a.to).cmp(id(b.to)))
    });
    rows.truncate(options.top.unwrap_or(rows.len()));
    // Ranks shared on ties (1, 2, 2, 4), by the first measure, as centrality ranks actors.
    let first: Vec<f64> = rows.iter().map(|r| r.scores[0]).collect();
    let order: Vec<usize> = (0..rows.len()).collect();
    let ranks = crate::rank::shared_ranks(Some(&first), &order);
    for (row, rank) in rows.iter_mut().zip(ranks) {
        row.rank = rank;
    }
    Ok(Pairs {
        view_line: view.describe(),
        view: view.json(),
        measures: list,
        pairs: rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Flow};

    #[test]
    fn measure_names() {
        assert_eq!(
            parse_measures(&["bridge".into(), "all".into()]).unwrap(),
            [PairMeasure::Bridge, PairMeasure::EdgeBetweenness]
        );
        assert_eq!(
            parse_measures(&["edge-betweenness".into()]).unwrap(),
            [PairMeasure::EdgeBetweenness]
        );
        let e = parse_measures(&["bridges".into()]).unwrap_err();
        assert!(e.is_usage());
        let e = e.to_string();
        assert!(e.contains("\"bridges\"") && e.contains("bridge"), "{e}");
        assert!(parse_measures(&["".into()]).unwrap_err().is_usage());
    }

    /// The undirected path a - b - c - d, with a triangle c - d - e hung on its end.
    fn path_and_triangle() -> Network {
        let mut net = Network::new();
        net.directed = Some(false);
        net.actors = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|i| Actor::new(*i))
            .collect();
        let ties = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "c")];
        net.set_flows(ties.iter().map(|(f, t)| Flow::new(*f, *t)));
        net.index().unwrap();
        net
    }

    #[test]
    fn bridges_of_a_path_and_edge_betweenness() {
        let net = path_and_triangle();
        let result = pairs(&net, &PairsOptions::default(), &Run::default()).unwrap();
        let got: Vec<(&str, &str, usize, f64)> = result
            .pairs
            .iter()
            .map(|p| (p.from_id.as_str(), p.to_id.as_str(), p.rank, p.scores[1]))
            .collect();
        // Bridges: the path's two ties, not the triangle's three.
        assert_eq!(
            got,
            [
                ("b", "c", 1, 1.0),
                ("a", "b", 2, 1.0),
                ("c", "d", 3, 0.0),
                ("c", "e", 3, 0.0),
                ("d", "e", 5, 0.0),
            ]
        );
        // Shortest paths of the 10 unordered pairs through each tie: b-c carries those of
        // {a, b} × {c, d, e} (6), a-b those of {a} × {b, c, d, e} (4), c-d those of
        // {a, b, c} × {d} (3), c-e likewise (3), d-e only its own (1). NetworkX counts both
        // directions and divides by n(n−1) = 20: 2 × count / 20.
        let betweenness: Vec<f64> = result.pairs.iter().map(|p| p.scores[0]).collect();
        for (got, want) in betweenness.iter().zip([0.6, 0.4, 0.3, 0.3, 0.1]) {
            assert!((got - want).abs() < 1e-12, "{betweenness:?}");
        }
        let json = result.to_json();
        assert_eq!(json["measures"], json!(["edge_betweenness", "bridge"]));
        assert_eq!(json["pairs"][0]["from"], "b");
        assert_eq!(json["pairs"][0]["bridge"], 1);
    }

    #[test]
    fn top_raw_and_no_pairs() {
        let net = path_and_triangle();
        let options = PairsOptions {
            measures: vec!["bridge".into(), "edge_betweenness".into()],
            top: Some(2),
            raw: true,
            ..PairsOptions::default()
        };
        let result = pairs(&net, &options, &Run::default()).unwrap();
        // The two bridges, tied at 1, ordered by id; raw edge betweenness counts the pairs.
        let got: Vec<(&str, usize, f64)> = result
            .pairs
            .iter()
            .map(|p| (p.from_id.as_str(), p.rank, p.scores[1]))
            .collect();
        assert_eq!(got, [("a", 1, 4.0), ("b", 1, 6.0)]);
        let mut lone = Network::new();
        lone.actors = vec![Actor::new("a")];
        lone.index().unwrap();
        let run = Run::default();
        assert!(
            pairs(&lone, &PairsOptions::default(), &run)
                .unwrap()
                .pairs
                .is_empty()
        );
        let notes = run.messages.taken();
        assert!(format!("{notes:?}").contains("no pairs"), "{notes:?}");
    }
}
