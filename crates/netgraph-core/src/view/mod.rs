//! Views: the flows of a network that pass the user's filters, turned into a compact graph.
//!
//! Filters (docs/views.md) remove flows, never actors: `n` always counts every actor in the file (with
//! `--active`, commands that count actors count only those with a kept flow, through
//! [`View::counted_graph`]). A view is built once per command; every algorithm then runs on its
//! [`Graph`]. [`View::describe`] says what a view holds — the layer, the filters, how many actors and
//! flows were counted — in the one line every table shows, and [`View::json`] in JSON.

mod check;
mod describe;
mod filters;
pub mod layer;

pub use check::{
    Checked, FilterError, check_field, check_filters, check_flow_terms, known_fields,
    unclassified_message, view_warnings,
};
pub use describe::Counts;
pub use filters::{Condition, Filters, Op, Stage, is_dated, kind_matches};
pub use layer::Layer;

use crate::graph::{Arc, Graph};
use crate::model::Network;
use std::sync::Arc as Shared;

/// How flow weights are read (docs/measures.md).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Weighting {
    /// Every flow counts 1; path measures count hops.
    #[default]
    Unweighted,
    /// `--weight FIELD`: a distance for path measures, a strength for spectral ones.
    Weight(String),
    /// `--strength FIELD`: a strength; path measures use the distance 1/strength.
    Strength(String),
}

/// An error building a view's graph.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ViewError {
    /// A flow's weight field is not a number.
    #[error("{flow}: field \"{field}\" is {value}, not a number")]
    NotANumber {
        /// The flow.
        flow: String,
        /// The field.
        field: String,
        /// The value found.
        value: String,
    },
    /// A spectral measure met a negative strength.
    #[error(
        "{flow}: strength {} from \"{field}\" is negative; spectral measures need strengths ≥ 0",
        crate::report::number(*.value)
    )]
    NegativeStrength {
        /// The flow.
        flow: String,
        /// The field.
        field: String,
        /// The strength.
        value: f64,
    },
    /// A path measure met a distance that is zero or negative.
    #[error(
        "{flow}: distance {} from \"{field}\" is not positive; path measures need distances > 0 (filter the flow out, or use --strength)",
        crate::report::number(*.value)
    )]
    NonPositiveDistance {
        /// The flow.
        flow: String,
        /// The field.
        field: String,
        /// The distance.
        value: f64,
    },
}

/// The flows of a network that pass the filters.
#[derive(Debug, Clone)]
pub struct View<'a> {
    net: &'a Network,
    flows: Vec<usize>,
    directed: bool,
    filters: Shared<Filters>,
}

/// A view's graph with what was noticed while building it.
#[derive(Debug, Clone)]
pub struct Weighted {
    /// The collapsed graph.
    pub graph: Graph,
    /// How many kept flows lacked the weight field (and counted as 1).
    pub missing: usize,
    /// The first flow whose distance is not positive, if any (an error for path measures only).
    pub bad_distance: Option<ViewError>,
    /// The first flow whose strength is negative, if any (an error for spectral measures only).
    pub bad_strength: Option<ViewError>,
}

impl Weighted {
    /// The graph, or the error about non-positive distances, for path measures.
    pub fn for_paths(&self) -> Result<&Graph, ViewError> {
        match &self.bad_distance {
            Some(e) => Err(e.clone()),
            None => Ok(&self.graph),
        }
    }

    /// The graph, or the error about negative strengths, for spectral measures.
    pub fn for_spectral(&self) -> Result<&Graph, ViewError> {
        match &self.bad_strength {
            Some(e) => Err(e.clone()),
            None => Ok(&self.graph),
        }
    }
}

/// Each flow's weight under a [`Weighting`], by the flow's position in the file: what path
/// measures, spectral measures and `paths` read, computed in one place ([`View::weights`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FlowWeights {
    /// The number read from the field for each kept flow, 1 for a kept flow that lacks it; 1 for
    /// the flows the view does not keep, and for every flow when unweighted.
    pub values: Vec<f64>,
    /// Whether the values are strengths read as distances 1/value (`--strength`).
    inverse: bool,
    /// How many kept flows lacked the field (and count as 1).
    pub missing: usize,
    /// The first kept flow whose distance is not positive, if any (an error for path measures).
    pub bad_distance: Option<ViewError>,
    /// The first kept flow whose strength is negative, if any (an error for spectral measures).
    pub bad_strength: Option<ViewError>,
}

impl FlowWeights {
    /// The distance of flow `i` (position in the file) for path measures: its value, or 1/value
    /// under `--strength`.
    pub fn distance(&self, i: usize) -> f64 {
        match self.inverse {
            true => 1.0 / self.values[i],
            false => self.values[i],
        }
    }

    /// The strength of flow `i` (position in the file) for spectral measures: its value.
    pub fn strength(&self, i: usize) -> f64 {
        self.values[i]
    }

    /// The distances, or the error about the first non-positive one, for path measures.
    pub fn for_paths(&self) -> Result<&FlowWeights, ViewError> {
        match &self.bad_distance {
            Some(e) => Err(e.clone()),
            None => Ok(self),
        }
    }
}

/// `flows[i] (from → to, kind)`: how errors name flow `i` of a network.
pub fn flow_name(net: &Network, i: usize) -> String {
    format!("flows[{i}] ({})", net.flow(i).label())
}

impl<'a> View<'a> {
    /// Applies the filters to an indexed network.
    pub fn new(net: &'a Network, filters: &Filters) -> View<'a> {
        let flows = net
            .flows()
            .filter(|&f| filters.keeps(net, f))
            .map(|f| f.index())
            .collect();
        View {
            net,
            flows,
            directed: net.is_directed() && !filters.undirected,
            filters: Shared::new(filters.clone()),
        }
    }

    /// A view of exactly `flows` (positions in the file, ascending; a flow repeated counts as
    /// parallel flows) under `filters`: one draw of a resampling, whose flows the filters kept.
    pub fn drawn(net: &'a Network, filters: &Filters, flows: Vec<usize>) -> View<'a> {
        View {
            net,
            flows,
            directed: net.is_directed() && !filters.undirected,
            filters: Shared::new(filters.clone()),
        }
    }

    /// The filters the view applied.
    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    /// The network the view is of.
    pub fn network(&self) -> &'a Network {
        self.net
    }

    /// Positions (in the file) of the flows kept.
    pub fn flows(&self) -> &[usize] {
        &self.flows
    }

    /// Whether the view is directed.
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// The same view keeping only the flows whose two ends are both flagged in `actors` (one flag
    /// per actor; a missing flag counts as not kept). Actor positions are unchanged. O(E).
    pub fn within(&self, actors: &[bool]) -> View<'a> {
        let kept = |v: usize| actors.get(v).copied().unwrap_or(false);
        View {
            net: self.net,
            flows: self
                .flows
                .iter()
                .copied()
                .filter(|&i| {
                    let (a, b) = self.net.ends(i);
                    kept(a) && kept(b)
                })
                .collect(),
            directed: self.directed,
            filters: self.filters.clone(),
        }
    }

    /// The same view keeping only the flows (positions in the file) that `keep` accepts.
    pub fn with_flows(&self, keep: impl Fn(usize) -> bool) -> View<'a> {
        View {
            net: self.net,
            flows: self.flows.iter().copied().filter(|&i| keep(i)).collect(),
            directed: self.directed,
            filters: self.filters.clone(),
        }
    }

    /// Number of actors (every actor of the network).
    pub fn n(&self) -> usize {
        self.net.actor_count()
    }

    /// A number per flow (indexed by position in the file) read from `field` for the kept flows;
    /// flows lacking the field, and flows not kept, get `default`. Returns the numbers and how many
    /// kept flows lacked the field; a value that is not a number is an error naming the flow. O(E).
    pub fn numbers(&self, field: &str, default: f64) -> Result<(Vec<f64>, usize), ViewError> {
        let net = self.net;
        let mut values = vec![default; net.flow_count()];
        let mut missing = 0;
        for &i in &self.flows {
            match net.flow(i).number(field) {
                Ok(Some(x)) => values[i] = x,
                Ok(None) => missing += 1,
                Err(v) => {
                    return Err(ViewError::NotANumber {
                        flow: flow_name(net, i),
                        field: field.to_string(),
                        value: v.to_string(),
                    });
                }
            }
        }
        Ok((values, missing))
    }

    /// Each flow's weight under `weighting` (docs/measures.md): the field's number (1 when a kept flow
    /// lacks it, and for every flow when unweighted), read as a distance by path measures (1/value
    /// under `--strength`) and as a strength by spectral ones, with the first kept flow whose
    /// distance is not positive and the first whose strength is negative. A value that is not a
    /// number is an error naming the flow. O(E).
    pub fn weights(&self, weighting: &Weighting) -> Result<FlowWeights, ViewError> {
        let (field, inverse) = match weighting {
            Weighting::Unweighted => {
                return Ok(FlowWeights {
                    values: vec![1.0; self.net.flow_count()],
                    inverse: false,
                    missing: 0,
                    bad_distance: None,
                    bad_strength: None,
                });
            }
            Weighting::Weight(field) => (field, false),
            Weighting::Strength(field) => (field, true),
        };
        let (values, missing) = self.numbers(field, 1.0)?;
        let mut weights = FlowWeights {
            values,
            inverse,
            missing,
            bad_distance: None,
            bad_strength: None,
        };
        for &i in &self.flows {
            let distance = weights.distance(i);
            if !(distance > 0.0 && distance.is_finite()) && weights.bad_distance.is_none() {
                weights.bad_distance = Some(ViewError::NonPositiveDistance {
                    flow: flow_name(self.net, i),
                    field: field.clone(),
                    value: distance,
                });
            }
            let value = weights.values[i];
            if value < 0.0 && weights.bad_strength.is_none() {
                weights.bad_strength = Some(ViewError::NegativeStrength {
                    flow: flow_name(self.net, i),
                    field: field.clone(),
                    value,
                });
            }
        }
        Ok(weights)
    }

    /// One arc per kept flow, and the reverse arc too when the view is undirected, with the flow
    /// each arc stands for (`arc_flow[a]`, a position in the file): the network that max-flow and
    /// cuts run on. O(E).
    pub fn flow_arcs(&self) -> (Vec<(u32, u32)>, Vec<usize>) {
        let mut arcs: Vec<(u32, u32)> = Vec::new();
        let mut arc_flow: Vec<usize> = Vec::new();
        for &i in &self.flows {
            let (u, v) = self.net.ends(i);
            arcs.push((u as u32, v as u32));
            arc_flow.push(i);
            if !self.directed {
                arcs.push((v as u32, u as u32));
                arc_flow.push(i);
            }
        }
        (arcs, arc_flow)
    }

    /// Builds the collapsed simple graph with the chosen weighting, over every actor.
    pub fn graph(&self, weighting: &Weighting) -> Result<Weighted, ViewError> {
        self.graph_on(weighting, None)
    }

    /// Which actors have at least one kept flow (one flag per actor). O(n + E).
    pub fn active(&self) -> Vec<bool> {
        let mut active = vec![false; self.n()];
        for &i in &self.flows {
            let (a, b) = self.net.ends(i);
            active[a] = true;
            active[b] = true;
        }
        active
    }

    /// The actors a command counts: every actor, or with `--active` only those with a kept flow;
    /// positions in the network, ascending.
    pub fn counted(&self) -> Vec<usize> {
        if !self.filters.active {
            return (0..self.n()).collect();
        }
        let active = self.active();
        (0..self.n()).filter(|&v| active[v]).collect()
    }

    /// The graph over the counted actors ([`View::counted`]): node `k` of the graph is actor
    /// `counted[k]`. Without `--active` this is [`View::graph`] and the identity.
    pub fn counted_graph(
        &self,
        weighting: &Weighting,
    ) -> Result<(Weighted, Vec<usize>), ViewError> {
        let counted = self.counted();
        if counted.len() == self.n() {
            return Ok((self.graph(weighting)?, counted));
        }
        let mut at = vec![u32::MAX; self.n()];
        for (k, &v) in counted.iter().enumerate() {
            at[v] = k as u32;
        }
        Ok((
            self.graph_on(weighting, Some((&at, counted.len())))?,
            counted,
        ))
    }

    /// The graph with actor `v` as node `map[v]` of `n` nodes (every kept flow's ends are mapped),
    /// or over every actor.
    fn graph_on(
        &self,
        weighting: &Weighting,
        map: Option<(&[u32], usize)>,
    ) -> Result<Weighted, ViewError> {
        let n = map.map_or(self.n(), |(_, n)| n);
        let node = |v: usize| match map {
            Some((at, _)) => at[v],
            None => v as u32,
        };
        if *weighting == Weighting::Unweighted {
            let pairs = self
                .flows
                .iter()
                .map(|&i| {
                    let (from, to) = self.net.ends(i);
                    (node(from), node(to))
                })
                .collect();
            return Ok(Weighted {
                graph: Graph::from_pairs(n, self.directed, pairs),
                missing: 0,
                bad_distance: None,
                bad_strength: None,
            });
        }
        let weights = self.weights(weighting)?;
        let mut arcs: Vec<Arc> = self
            .flows
            .iter()
            .map(|&i| {
                let (from, to) = self.net.ends(i);
                Arc {
                    from: node(from),
                    to: node(to),
                    distance: weights.distance(i),
                    strength: weights.strength(i),
                }
            })
            .collect();
        // Parallel flows reporting one event add their strength once (the largest).
        let mut strengths: Vec<f64> = arcs.iter().map(|a| a.strength).collect();
        let keys = arcs.iter().zip(&self.flows).map(|(a, &i)| {
            let pair = if self.directed || a.from <= a.to {
                (a.from, a.to)
            } else {
                (a.to, a.from)
            };
            (pair, self.net.flow(i).event())
        });
        crate::multigraph::events_once(keys, &mut strengths);
        for (a, s) in arcs.iter_mut().zip(strengths) {
            a.strength = s;
        }
        let weighted = *weighting != Weighting::Unweighted;
        let mut graph = Graph::from_arcs(n, self.directed, weighted, arcs);
        if let Weighting::Strength(_) = weighting {
            // A collapsed arc's distance is 1 / (summed strength), not the smallest 1 / strength.
            graph.set_inverse_strength_distances();
        }
        Ok(Weighted {
            graph,
            missing: weights.missing,
            bad_distance: weights.bad_distance,
            bad_strength: weights.bad_strength,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Flow, PartialDate};
    use serde_json::json;

    fn net() -> Network {
        let mut n = Network::new();
        n.actors = ["a", "b", "c"].iter().map(|id| Actor::new(*id)).collect();
        let mut f1 = Flow::new("a", "b");
        f1.kind = Some("gold".into());
        f1.since = Some("2020".into());
        f1.until = Some("2021-06".into());
        f1.volume = Some(4.0);
        f1.extra.insert("phase".into(), 3.into());
        let mut f2 = Flow::new("b", "c");
        f2.kind = Some("cash".into());
        f2.confidence = Some(0.6);
        f2.volume = Some(2.0);
        let mut f3 = Flow::new("a", "b");
        f3.kind = Some("cash".into());
        f3.since = Some("2024-05-17".into());
        n.set_flows(vec![f1, f2, f3]);
        n.index().unwrap();
        n
    }

    fn kept(f: Filters) -> Vec<usize> {
        let n = net();
        View::new(&n, &f).flows().to_vec()
    }

    #[test]
    fn kinds_and_classes() {
        let f = |k: &[&str]| Filters {
            kinds: k.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        assert_eq!(kept(f(&["gold"])), [0]);
        assert_eq!(kept(f(&["@money"])), [1, 2]);
        assert_eq!(kept(f(&["gold", "@money"])), [0, 1, 2]);
    }

    #[test]
    fn date_windows_overlap_inclusively() {
        let d = |s: &str| Some(PartialDate::parse(s).unwrap());
        let win = |s: Option<PartialDate>, u: Option<PartialDate>| Filters {
            since: s,
            until: u,
            ..Default::default()
        };
        assert_eq!(kept(win(d("2021-06-30"), None)), [0, 1, 2]);
        assert_eq!(kept(win(d("2021-07"), None)), [1, 2]);
        assert_eq!(kept(win(None, d("2019"))), [1]);
        assert_eq!(kept(win(None, d("2024-05"))), [0, 1, 2]);
        assert_eq!(kept(win(d("2022"), d("2023"))), [1]);
    }

    #[test]
    fn confidence_and_conditions() {
        let f = Filters {
            min_confidence: Some(0.7),
            ..Default::default()
        };
        assert_eq!(kept(f), [0, 2]);
        let w = |c: &str| Filters {
            conditions: vec![Condition::parse(c).unwrap()],
            ..Default::default()
        };
        assert_eq!(kept(w("phase=3")), [0]);
        assert_eq!(kept(w("phase != 3")), [1, 2]);
        assert_eq!(kept(w("volume>=2")), [0, 1]);
        assert_eq!(kept(w("volume<4")), [1]);
        assert_eq!(kept(w("kind=cash")), [1, 2]);
        assert_eq!(kept(w("since>2023")), [2]);
    }

    #[test]
    fn within_keeps_flows_between_flagged_actors() {
        let n = net();
        let cash = Filters {
            kinds: vec!["cash".into()],
            ..Default::default()
        };
        let v = View::new(&n, &cash);
        assert_eq!(v.within(&[true, true, false]).flows(), [2]);
        assert_eq!(v.within(&[false, true, true]).flows(), [1]);
        assert!(v.within(&[true]).flows().is_empty());
    }

    #[test]
    fn malformed_conditions_are_rejected() {
        for bad in ["phase", "=3", "phase=", "phase=>3", "a!b"] {
            assert!(Condition::parse(bad).is_err(), "{bad}");
        }
        let c = Condition::parse("volume >= 10").unwrap();
        assert_eq!(
            (c.field.as_str(), c.op, c.value.as_str()),
            ("volume", Op::Ge, "10")
        );
    }

    #[test]
    fn describe_counts_flows_and_actors() {
        let n = net();
        let all = View::new(&n, &Filters::default());
        assert_eq!(all.describe(), "view: every flow — 3 flows, 3 actors");
        let gold = Filters {
            kinds: vec!["gold".into()],
            min_confidence: Some(0.5),
            ..Default::default()
        };
        let v = View::new(&n, &gold);
        assert_eq!(
            v.describe(),
            "view: --flows gold, --min-confidence 0.5 — 1 of 3 flows, 3 actors (1 without a kept flow)"
        );
        assert_eq!(
            v.json()["filters"],
            json!(["--flows gold", "--min-confidence 0.5"])
        );
        let j = v.json();
        assert_eq!((&j["actors"], &j["actors_active"]), (&json!(3), &json!(2)));
        let active = View::new(
            &n,
            &Filters {
                active: true,
                ..gold
            },
        );
        assert_eq!(
            active.describe(),
            "view: --flows gold, --min-confidence 0.5, --active — 1 of 3 flows, 2 active actors of 3"
        );
    }

    #[test]
    fn the_counted_graph_holds_only_active_actors() {
        let n = net();
        let cash = Filters {
            kinds: vec!["cash".into()],
            active: true,
            ..Default::default()
        };
        // cash: b → c and a → b: every actor active.
        let (w, counted) = View::new(&n, &cash)
            .counted_graph(&Weighting::Unweighted)
            .unwrap();
        assert_eq!((w.graph.n(), counted), (3, vec![0, 1, 2]));
        let gold = Filters {
            kinds: vec!["gold".into()],
            active: true,
            ..Default::default()
        };
        // gold: a → b only; c is not counted, and a, b become nodes 0, 1.
        let (w, counted) = View::new(&n, &gold)
            .counted_graph(&Weighting::Unweighted)
            .unwrap();
        assert_eq!((w.graph.n(), counted), (2, vec![0, 1]));
        assert_eq!(w.graph.out().neighbors(0), &[1]);
        let not_active = View::new(
            &n,
            &Filters {
                active: false,
                ..gold
            },
        );
        assert_eq!(
            not_active
                .counted_graph(&Weighting::Unweighted)
                .unwrap()
                .0
                .graph
                .n(),
            3
        );
    }

    #[test]
    fn weights_and_bad_distances() {
        let n = net();
        let v = View::new(&n, &Filters::default());
        let w = v.graph(&Weighting::Weight("volume".into())).unwrap();
        assert_eq!(w.missing, 1);
        assert_eq!(w.graph.out().distances(0), &[1.0]);
        assert_eq!(w.graph.out().strengths(0), &[5.0]);
        let s = v.graph(&Weighting::Strength("volume".into())).unwrap();
        assert_eq!(s.graph.out().distances(0), &[0.2]);
        assert!(s.for_paths().is_ok());
        let c = v.graph(&Weighting::Weight("phase".into())).unwrap();
        assert_eq!(c.missing, 2);
        let mut bad = net();
        bad.edit_flow(1, |f| f.weight = Some(0.0));
        let v = View::new(&bad, &Filters::default());
        let w = v.graph(&Weighting::Weight("weight".into())).unwrap();
        let e = w.for_paths().unwrap_err().to_string();
        assert!(e.starts_with("flows[1] (b → c, cash): distance 0"), "{e}");
        let mut text = net();
        text.edit_flow(0, |f| {
            f.extra.insert("w".into(), "heavy".into());
        });
        let v = View::new(&text, &Filters::default());
        assert!(v.graph(&Weighting::Weight("w".into())).is_err());
    }

    #[test]
    fn flow_weights_are_read_once_per_kept_flow() {
        // Volumes 4 (a → b, gold), 2 (b → c, cash) and none (a → b, cash).
        let n = net();
        let all = View::new(&n, &Filters::default());
        let w = all.weights(&Weighting::Strength("volume".into())).unwrap();
        assert_eq!((w.values.as_slice(), w.missing), (&[4.0, 2.0, 1.0][..], 1));
        assert_eq!(
            (w.distance(0), w.distance(1), w.strength(0)),
            (0.25, 0.5, 4.0)
        );
        assert!(w.for_paths().is_ok() && w.bad_strength.is_none());
        let w = all.weights(&Weighting::Weight("volume".into())).unwrap();
        assert_eq!(w.distance(0), 4.0);
        let unweighted = all.weights(&Weighting::Unweighted).unwrap();
        assert_eq!(unweighted.values, [1.0, 1.0, 1.0]);
        // Flows the view leaves out are not read: gold keeps flow 0 only.
        let gold = View::new(
            &n,
            &Filters {
                kinds: vec!["gold".into()],
                ..Default::default()
            },
        );
        let w = gold.weights(&Weighting::Weight("volume".into())).unwrap();
        assert_eq!((w.values.as_slice(), w.missing), (&[4.0, 1.0, 1.0][..], 0));
        // A zero distance and a negative strength are named, the first of each.
        let mut bad = net();
        bad.edit_flow(1, |f| f.weight = Some(0.0));
        bad.edit_flow(2, |f| f.weight = Some(-1.0));
        let v = View::new(&bad, &Filters::default());
        let w = v.weights(&Weighting::Weight("weight".into())).unwrap();
        let e = w.for_paths().unwrap_err().to_string();
        assert!(e.starts_with("flows[1] (b → c, cash): distance 0"), "{e}");
        let e = w.bad_strength.unwrap().to_string();
        assert!(e.starts_with("flows[2] (a → b, cash): strength -1"), "{e}");
    }

    #[test]
    fn flow_arcs_follow_each_kept_flow_both_ways_when_undirected() {
        let n = net();
        let directed = View::new(&n, &Filters::default());
        assert_eq!(
            directed.flow_arcs(),
            (vec![(0, 1), (1, 2), (0, 1)], vec![0, 1, 2])
        );
        let undirected = Filters {
            kinds: vec!["cash".into()],
            undirected: true,
            ..Default::default()
        };
        assert_eq!(
            View::new(&n, &undirected).flow_arcs(),
            (vec![(1, 2), (2, 1), (0, 1), (1, 0)], vec![1, 1, 2, 2])
        );
    }

    #[test]
    fn parallel_flows_of_one_event_add_their_strength_once() {
        // a → b twice (4 and 6) and b → a (2), all one event, plus a → b (1) with no event.
        let mut n = Network::new();
        n.actors = vec![Actor::new("a"), Actor::new("b")];
        let flow = |from: &str, to: &str, v: f64, event: bool| {
            let mut f = Flow::new(from, to);
            f.volume = Some(v);
            if event {
                f.extra.insert("event".into(), "e".into());
            }
            f
        };
        n.set_flows(vec![
            flow("a", "b", 4.0, true),
            flow("a", "b", 6.0, true),
            flow("b", "a", 2.0, true),
            flow("a", "b", 1.0, false),
        ]);
        n.index().unwrap();
        let strength = Weighting::Strength("volume".into());
        // Directed: a → b carries the event once (6) and the other flow (1); b → a its own 2.
        let g = View::new(&n, &Filters::default())
            .graph(&strength)
            .unwrap()
            .graph;
        assert_eq!(g.out().strengths(0), &[7.0]);
        assert_eq!(g.out().distances(0), &[1.0 / 7.0]);
        assert_eq!(g.out().strengths(1), &[2.0]);
        // Undirected: one edge, the event once (6, the largest of 4, 6 and 2) plus 1.
        let undirected = Filters {
            undirected: true,
            ..Default::default()
        };
        let g = View::new(&n, &undirected).graph(&strength).unwrap().graph;
        assert_eq!(g.out().strengths(0), &[7.0]);
        assert_eq!(g.out().strengths(1), &[7.0]);
    }
}
