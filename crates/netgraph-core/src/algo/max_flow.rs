//! Interdiction cuts: the maximum flow from one actor to another and a minimum set of flows (or
//! actors) whose removal severs every route between them.
//!
//! Max-flow min-cut (Ford & Fulkerson 1956, "Maximal flow through a network", *Canadian J. Math.*
//! 8): the maximum flow value equals the smallest total capacity of arcs whose removal disconnects
//! the target from the source. The flow is computed by petgraph's Dinic's algorithm
//! ([`petgraph::algo::dinics`], O(V²E), O(E·min(V^⅔, E^½)) with unit capacities); the cut is read
//! from the residual graph: the actors the source still reaches, and every arc leaving them.
//!
//! Capacities are made exact before the flow runs: every finite `f64` is an integer times a power
//! of two, so all capacities are scaled by the smallest such power into `u128` integers. The flow
//! then has no rounding error, and the reported cut's capacity is exactly the maximum flow.
//!
//! Minimum actor cuts (Menger's theorem) split every actor v into v_in → v_out with capacity 1
//! (the two ends get an unbounded capacity) and give every flow an unbounded capacity.

use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::VecDeque;

/// Capacities as exact integers: the capacity of arc i is `units[i] × 2^exponent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capacities {
    /// Integer capacities.
    pub units: Vec<u128>,
    /// The power of two they are multiples of.
    pub exponent: i32,
}

/// Capacities that cannot be made exact integers.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CapacityError {
    /// A capacity is negative or not finite.
    #[error("capacity {value} of arc {arc} is not a finite number ≥ 0")]
    Invalid {
        /// The arc.
        arc: usize,
        /// Its capacity.
        value: f64,
    },
    /// The capacities span too many orders of magnitude for 128-bit integers.
    #[error("capacities range from {smallest} to {largest}, too widely for an exact cut")]
    Range {
        /// The smallest positive capacity.
        smallest: f64,
        /// The largest capacity.
        largest: f64,
    },
}

impl Capacities {
    /// Capacity 1 for each of `m` arcs.
    pub fn unit(m: usize) -> Capacities {
        Capacities {
            units: vec![1; m],
            exponent: 0,
        }
    }

    /// Exact integer capacities for `values` (each finite and ≥ 0).
    pub fn exact(values: &[f64]) -> Result<Capacities, CapacityError> {
        let mut parts = Vec::with_capacity(values.len());
        for (arc, &value) in values.iter().enumerate() {
            if !(value.is_finite() && value >= 0.0) {
                return Err(CapacityError::Invalid { arc, value });
            }
            parts.push(dyadic(value));
        }
        let exponent = parts
            .iter()
            .filter(|p| p.0 > 0)
            .map(|p| p.1)
            .min()
            .unwrap_or(0);
        let range_error = || {
            let positive = values.iter().copied().filter(|&v| v > 0.0);
            CapacityError::Range {
                smallest: positive.clone().fold(f64::INFINITY, f64::min),
                largest: positive.fold(0.0, f64::max),
            }
        };
        let mut total: u128 = 0;
        let mut units = Vec::with_capacity(parts.len());
        for (m, e) in parts {
            let shift = u32::try_from(e - exponent).map_err(|_| range_error())?;
            let unit = if m == 0 {
                0
            } else if shift >= 128 - 53 {
                return Err(range_error());
            } else {
                u128::from(m) << shift
            };
            total = total.checked_add(unit).ok_or_else(range_error)?;
            units.push(unit);
        }
        Ok(Capacities { units, exponent })
    }

    /// An integer amount of units as a number.
    pub fn value(&self, units: u128) -> f64 {
        units as f64 * 2f64.powi(self.exponent)
    }
}

/// `x = mantissa × 2^exponent` with an odd mantissa (or zero).
fn dyadic(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    if m == 0 {
        return (0, 0);
    }
    let zeros = m.trailing_zeros();
    m >>= zeros;
    e += zeros as i32;
    (m, e)
}

/// A minimum cut between two actors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// The maximum flow value, in capacity units.
    pub value: u128,
    /// The arcs (indices into the input) from the source's side to the target's side.
    pub arcs: Vec<usize>,
}

/// The maximum flow from `source` to `target` over `arcs` (actor positions `< n`) and the arcs of a
/// minimum cut: those leaving the actors the source reaches in the residual graph. Removing them
/// severs every route; their capacities add up to the value. Self-loops never matter and are
/// ignored. `source` and `target` must differ. ([`min_cut_between`] with one actor on each side.)
pub fn min_cut(
    n: usize,
    arcs: &[(u32, u32)],
    capacity: &Capacities,
    source: usize,
    target: usize,
) -> Cut {
    min_cut_between(n, arcs, capacity, &one(n, source), &one(n, target))
}

/// The maximum flow from a set of actors to another and the arcs of a minimum cut between them:
/// those leaving the actors the sources reach in the residual graph, with a super-source and a
/// super-sink around the sets as in [`max_flow_between`] (an actor in both sets is a source only).
/// O(V²E), like Dinic's algorithm.
pub fn min_cut_between(
    n: usize,
    arcs: &[(u32, u32)],
    capacity: &Capacities,
    sources: &[bool],
    sinks: &[bool],
) -> Cut {
    let (all, units) = with_terminals(n, arcs, &capacity.units, sources, sinks);
    let (value, side) = max_flow(n + 2, &all, &units, n, n + 1);
    let cut = arcs
        .iter()
        .enumerate()
        .filter(|(_, (u, v))| side[*u as usize] && !side[*v as usize])
        .map(|(i, _)| i)
        .collect();
    Cut { value, arcs: cut }
}

/// A minimum set of actors (other than `source` and `target`) whose removal severs every route
/// from `source` to `target`, sorted by position; `None` when an arc joins them directly, since no
/// set of other actors can then separate them. ([`min_actor_cut_between`] with one actor on each
/// side.)
pub fn min_actor_cut(
    n: usize,
    arcs: &[(u32, u32)],
    source: usize,
    target: usize,
) -> Option<Vec<u32>> {
    min_actor_cut_between(n, arcs, &one(n, source), &one(n, target))
}

/// A minimum set of actors, none of them a source or a sink, whose removal severs every route from
/// the sources to the sinks, sorted by position; `None` when an arc joins a source to a sink
/// directly. Node splitting (actor v becomes v_in → v_out, capacity 1, unbounded for the two sets),
/// then [`min_cut_between`]'s reduction: O(V²E) on 2V + 2 nodes.
pub fn min_actor_cut_between(
    n: usize,
    arcs: &[(u32, u32)],
    sources: &[bool],
    sinks: &[bool],
) -> Option<Vec<u32>> {
    let sink = |v: usize| sinks[v] && !sources[v];
    if arcs
        .iter()
        .any(|&(u, v)| u != v && sources[u as usize] && sink(v as usize))
    {
        return None;
    }
    // Actor v becomes 2v (in) and 2v + 1 (out).
    let unbounded = n as u128 + 1;
    let mut split: Vec<(u32, u32)> = Vec::with_capacity(n + arcs.len());
    let mut units = Vec::with_capacity(n + arcs.len());
    let (mut split_sources, mut split_sinks) = (vec![false; 2 * n], vec![false; 2 * n]);
    for v in 0..n {
        split.push((2 * v as u32, 2 * v as u32 + 1));
        let end = sources[v] || sink(v);
        units.push(if end { unbounded } else { 1 });
        split_sources[2 * v + 1] = sources[v];
        split_sinks[2 * v] = sink(v);
    }
    for &(u, v) in arcs {
        split.push((2 * u + 1, 2 * v));
        units.push(unbounded);
    }
    let (all, units) = with_terminals(2 * n, &split, &units, &split_sources, &split_sinks);
    let (_, side) = max_flow(2 * n + 2, &all, &units, 2 * n, 2 * n + 1);
    Some(
        (0..n as u32)
            .filter(|&v| side[2 * v as usize] && !side[2 * v as usize + 1])
            .collect(),
    )
}

/// A mask of `n` actors selecting `v` only.
fn one(n: usize, v: usize) -> Vec<bool> {
    let mut m = vec![false; n];
    m[v] = true;
    m
}

/// The arcs and capacities with a super-source (node `n`) joined to every source and every sink
/// (an actor in both sets: a source only) joined to a super-sink (`n + 1`) by arcs no flow can
/// fill: more than all the arcs together carry.
fn with_terminals(
    n: usize,
    arcs: &[(u32, u32)],
    units: &[u128],
    sources: &[bool],
    sinks: &[bool],
) -> (Vec<(u32, u32)>, Vec<u128>) {
    let (source, sink) = (n as u32, n as u32 + 1);
    let unbounded = units
        .iter()
        .fold(1u128, |total, &u| total.saturating_add(u));
    let mut all = arcs.to_vec();
    let mut all_units = units.to_vec();
    for v in 0..n {
        if sources[v] {
            all.push((source, v as u32));
            all_units.push(unbounded);
        } else if sinks[v] {
            all.push((v as u32, sink));
            all_units.push(unbounded);
        }
    }
    (all, all_units)
}

/// A maximum flow: its value and the amount each arc carries, in capacity units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaxFlow {
    /// The value: the amount leaving the sources (and entering the sinks).
    pub value: u128,
    /// The amount on each arc (indices into the input; self-loops carry nothing).
    pub carried: Vec<u128>,
}

/// The maximum flow from a set of actors to another: a super-source joined to every source and
/// every sink joined to a super-sink by arcs no flow can fill, then Dinic's algorithm between the
/// two (the standard reduction, e.g. Ahuja, Magnanti & Orlin 1993, *Network Flows*, §6.2). The
/// value is the most flow-disjoint routes from any source to any sink when capacities are 1.
///
/// An actor in both sets counts as a source only (otherwise it would carry an unbounded flow to
/// itself). No source or no sink gives value 0. O(V²E) like [`petgraph::algo::dinics`], with V + 2
/// nodes and E + |sources| + |sinks| arcs.
pub fn max_flow_between(
    n: usize,
    arcs: &[(u32, u32)],
    capacity: &Capacities,
    sources: &[bool],
    sinks: &[bool],
) -> MaxFlow {
    let (all, units) = with_terminals(n, arcs, &capacity.units, sources, sinks);
    let (value, mut carried) = dinic(n + 2, &all, &units, n, n + 1);
    carried.truncate(arcs.len());
    MaxFlow { value, carried }
}

/// Dinic's maximum flow, and the actors reachable from the source in the residual graph.
fn max_flow(
    n: usize,
    arcs: &[(u32, u32)],
    units: &[u128],
    source: usize,
    target: usize,
) -> (u128, Vec<bool>) {
    let (value, carried) = dinic(n, arcs, units, source, target);
    let mut residual: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, &(u, v)) in arcs.iter().enumerate() {
        let (u, v) = (u as usize, v as usize);
        if u == v {
            continue;
        }
        if carried[i] < units[i] {
            residual[u].push(v);
        }
        if carried[i] > 0 {
            residual[v].push(u);
        }
    }
    let mut side = vec![false; n];
    side[source] = true;
    let mut queue = VecDeque::from([source]);
    while let Some(u) = queue.pop_front() {
        for &v in &residual[u] {
            if !side[v] {
                side[v] = true;
                queue.push_back(v);
            }
        }
    }
    (value, side)
}

/// petgraph's Dinic's algorithm on `arcs` with integer capacities: the value and the amount on
/// each input arc (self-loops get nothing).
fn dinic(
    n: usize,
    arcs: &[(u32, u32)],
    units: &[u128],
    source: usize,
    target: usize,
) -> (u128, Vec<u128>) {
    let mut g: DiGraph<(), u128> = DiGraph::with_capacity(n, arcs.len());
    for _ in 0..n {
        g.add_node(());
    }
    // Self-loops carry no flow (and petgraph's residual walk cannot use them): give them nothing.
    let kept: Vec<usize> = (0..arcs.len())
        .filter(|&i| arcs[i].0 != arcs[i].1)
        .collect();
    for &i in &kept {
        let (u, v) = arcs[i];
        g.add_edge(
            NodeIndex::new(u as usize),
            NodeIndex::new(v as usize),
            units[i],
        );
    }
    let (value, flows) = petgraph::algo::dinics(&g, NodeIndex::new(source), NodeIndex::new(target));
    let mut carried = vec![0; arcs.len()];
    for (e, &i) in kept.iter().enumerate() {
        carried[i] = flows[e];
    }
    (value, carried)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacities_become_exact_integers() {
        let c = Capacities::exact(&[0.5, 3.0, 0.0, 0.75]).unwrap();
        assert_eq!(c.units, [2, 12, 0, 3]);
        assert_eq!(c.exponent, -2);
        assert_eq!(c.value(5), 1.25);
        let c = Capacities::exact(&[0.1, 0.2]).unwrap();
        assert_eq!(c.units[1], 2 * c.units[0]);
        assert!(Capacities::exact(&[-1.0]).is_err());
        assert!(Capacities::exact(&[1e-300, 1e300]).is_err());
    }

    #[test]
    fn fewest_flows_on_a_diamond_with_parallel_flows() {
        // s=0 → a=1 (twice), s → b=2, a → t=3, b → t, a → b. Unit capacities: value 2.
        let arcs = [(0, 1), (0, 1), (0, 2), (1, 3), (2, 3), (1, 2)];
        let cut = min_cut(4, &arcs, &Capacities::unit(arcs.len()), 0, 3);
        assert_eq!(cut.value, 2);
        assert_eq!(cut.arcs, [3, 4]);
        let none = min_cut(4, &arcs, &Capacities::unit(arcs.len()), 3, 0);
        assert_eq!((none.value, none.arcs.len()), (0, 0));
    }

    #[test]
    fn capacities_choose_the_cheaper_cut() {
        // s → a (1), a → t (5), s → t (2): value 3, cut {s→a, s→t}.
        let arcs = [(0, 1), (1, 2), (0, 2)];
        let caps = Capacities::exact(&[1.0, 5.0, 2.0]).unwrap();
        let cut = min_cut(3, &arcs, &caps, 0, 2);
        assert_eq!(caps.value(cut.value), 3.0);
        assert_eq!(cut.arcs, [0, 2]);
    }

    #[test]
    fn actor_cuts_split_actors() {
        // Two routes s=0 → 1 → 3 → t=4 and s → 2 → 3: actor 3 alone severs both.
        let arcs = [(0, 1), (1, 3), (0, 2), (2, 3), (3, 4), (4, 4)];
        assert_eq!(min_actor_cut(5, &arcs, 0, 4), Some(vec![3]));
        // Add 2 → 4: now {1, 2} or {2, 3} — two actors are needed.
        let arcs = [(0, 1), (1, 3), (0, 2), (2, 3), (3, 4), (2, 4)];
        assert_eq!(min_actor_cut(5, &arcs, 0, 4).map(|c| c.len()), Some(2));
        assert_eq!(min_actor_cut(2, &[(0, 1)], 0, 1), None);
        assert_eq!(min_actor_cut(3, &[(1, 0)], 0, 2), Some(vec![]));
    }
}
