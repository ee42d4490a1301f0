//! Flow decomposition: the routes that carry a maximum flow from a set of sources to a set of
//! sinks ([`max_flow_between`](super::max_flow::max_flow_between)).
//!
//! Every flow from sources to sinks is a sum of source→sink paths and cycles (the flow
//! decomposition theorem; Ahuja, Magnanti & Orlin 1993, *Network Flows*, §3.5). [`routes`] peels
//! the paths off one by one: from each source (in id order) it follows arcs still carrying flow,
//! in a fixed order (target id, then arc position), cancelling any cycle it closes, until it
//! reaches a sink that still takes flow; the path carries its bottleneck, which is subtracted.
//! Cycles left over carry nothing from sources to sinks and are dropped.
//!
//! Each path is then **trimmed** to start at its last source and end at the first sink after it:
//! the arcs before and after are not needed (a source can send, and a sink can take, any amount),
//! so the trimmed routes still form a maximum flow, of the same value, using no arc more than its
//! capacity. A route thus runs from a source through actors that are neither to a sink. Identical
//! routes are merged.
//!
//! Complexity: each path or cancelled cycle empties an arc, a source's supply or a sink's demand,
//! and costs O(V) steps, so O(V·(E + V)) in all, plus sorting the routes.

/// One path of a decomposed flow: the actors and arcs it follows and the amount it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowPath {
    /// The actors, from a source to a sink (`arcs.len() + 1` of them).
    pub actors: Vec<u32>,
    /// The arcs followed (indices into the input arcs).
    pub arcs: Vec<usize>,
    /// The amount it carries, in capacity units.
    pub value: u128,
}

/// The routes carrying `carried` (an amount per arc, conserved at every actor that is neither a
/// source nor a sink, as [`max_flow_between`](super::max_flow::max_flow_between) returns) from
/// `sources` to `sinks` (an actor in both counts as a source). `rank` orders actors for
/// tie-breaking (their rank by id). Routes are sorted by value (largest first), then fewer arcs,
/// then actor ranks, then arc positions; their values add up to the flow's value.
pub fn routes(
    n: usize,
    arcs: &[(u32, u32)],
    carried: &[u128],
    sources: &[bool],
    sinks: &[bool],
    rank: &[u32],
) -> Vec<FlowPath> {
    let sink = |v: usize| sinks[v] && !sources[v];
    let mut left = carried.to_vec();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    // Net supply of each source and demand of each sink.
    let mut supply = vec![0u128; n];
    let mut demand = vec![0u128; n];
    let mut outflow = vec![0u128; n];
    let mut inflow = vec![0u128; n];
    for (i, &(u, v)) in arcs.iter().enumerate() {
        if u != v && left[i] > 0 {
            out[u as usize].push(i);
            outflow[u as usize] += left[i];
            inflow[v as usize] += left[i];
        }
    }
    for v in 0..n {
        if sources[v] {
            supply[v] = outflow[v].saturating_sub(inflow[v]);
        } else if sink(v) {
            demand[v] = inflow[v].saturating_sub(outflow[v]);
        }
        out[v].sort_by_key(|&i| (rank[arcs[i].1 as usize], i));
    }
    let mut next = vec![0usize; n];
    let mut on_walk = vec![false; n];
    let mut order: Vec<usize> = (0..n).filter(|&v| sources[v]).collect();
    order.sort_by_key(|&v| rank[v]);
    let mut found: Vec<FlowPath> = Vec::new();
    for start in order {
        while supply[start] > 0 {
            let mut actors = vec![start];
            let mut path: Vec<usize> = Vec::new();
            on_walk[start] = true;
            let mut stuck = false;
            loop {
                let u = *actors.last().unwrap_or(&start);
                if sink(u) && demand[u] > 0 {
                    break;
                }
                while next[u] < out[u].len() && left[out[u][next[u]]] == 0 {
                    next[u] += 1;
                }
                let Some(&a) = out[u].get(next[u]) else {
                    // Conservation rules this out; stop rather than loop.
                    stuck = true;
                    break;
                };
                let w = arcs[a].1 as usize;
                if on_walk[w] {
                    // A cycle: cancel it and walk on from w.
                    let at = actors.iter().rposition(|&x| x == w).unwrap_or(0);
                    let cycle: Vec<usize> = path[at..].iter().copied().chain([a]).collect();
                    let least = cycle.iter().map(|&i| left[i]).min().unwrap_or(0);
                    for &i in &cycle {
                        left[i] -= least;
                    }
                    for &x in &actors[at + 1..] {
                        on_walk[x] = false;
                    }
                    actors.truncate(at + 1);
                    path.truncate(at);
                } else {
                    on_walk[w] = true;
                    actors.push(w);
                    path.push(a);
                }
            }
            for &x in &actors {
                on_walk[x] = false;
            }
            if stuck {
                debug_assert!(false, "flow not conserved");
                supply[start] = 0;
                break;
            }
            let end = *actors.last().unwrap_or(&start);
            let value = path
                .iter()
                .map(|&i| left[i])
                .fold(supply[start].min(demand[end]), u128::min);
            for &i in &path {
                left[i] -= value;
            }
            supply[start] -= value;
            demand[end] -= value;
            found.push(trim(actors, path, value, sources, &sink));
        }
    }
    merge_and_sort(found, rank)
}

/// The part of a path from its last source to the first sink after it.
fn trim(
    actors: Vec<usize>,
    arcs: Vec<usize>,
    value: u128,
    sources: &[bool],
    sink: &impl Fn(usize) -> bool,
) -> FlowPath {
    let first = actors.iter().rposition(|&v| sources[v]).unwrap_or(0);
    let last = (first..actors.len())
        .find(|&j| sink(actors[j]))
        .unwrap_or(actors.len() - 1);
    FlowPath {
        actors: actors[first..=last].iter().map(|&v| v as u32).collect(),
        arcs: arcs[first..last].to_vec(),
        value,
    }
}

fn merge_and_sort(mut found: Vec<FlowPath>, rank: &[u32]) -> Vec<FlowPath> {
    let key = |r: &FlowPath| -> (Vec<u32>, Vec<usize>) {
        (
            r.actors.iter().map(|&v| rank[v as usize]).collect(),
            r.arcs.clone(),
        )
    };
    found.sort_by_key(|r| (r.arcs.len(), key(r)));
    let mut merged: Vec<FlowPath> = Vec::with_capacity(found.len());
    for r in found {
        match merged.last_mut() {
            Some(m) if m.arcs == r.arcs && m.actors == r.actors => m.value += r.value,
            _ => merged.push(r),
        }
    }
    merged.sort_by(|a, b| {
        b.value
            .cmp(&a.value)
            .then(a.arcs.len().cmp(&b.arcs.len()))
            .then_with(|| key(a).cmp(&key(b)))
    });
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::max_flow::{Capacities, max_flow_between};

    fn flags(n: usize, on: &[usize]) -> Vec<bool> {
        (0..n).map(|v| on.contains(&v)).collect()
    }

    /// Checks a decomposition: routes run source → sink along their arcs, values add up to the
    /// flow's, and no arc carries more than its capacity.
    fn check(n: usize, arcs: &[(u32, u32)], caps: &[u128], sources: &[bool], sinks: &[bool]) {
        let flow = max_flow_between(
            n,
            arcs,
            &Capacities {
                units: caps.to_vec(),
                exponent: 0,
            },
            sources,
            sinks,
        );
        let rank: Vec<u32> = (0..n as u32).collect();
        let rs = routes(n, arcs, &flow.carried, sources, sinks, &rank);
        let mut load = vec![0u128; arcs.len()];
        for r in &rs {
            assert!(sources[r.actors[0] as usize]);
            assert!(sinks[*r.actors.last().unwrap() as usize]);
            for (j, &a) in r.arcs.iter().enumerate() {
                assert_eq!(arcs[a], (r.actors[j], r.actors[j + 1]));
                load[a] += r.value;
            }
        }
        assert!(load.iter().zip(caps).all(|(l, c)| l <= c));
        assert_eq!(rs.iter().map(|r| r.value).sum::<u128>(), flow.value);
    }

    #[test]
    fn two_sources_two_sinks_by_hand() {
        // Sources 0, 1; sinks 4, 5. 0→2, 1→2, 2→3, 3→4, 3→5, 1→5: everything through 2→3 is one
        // unit, plus 1→5 directly: value 2.
        let arcs = [(0, 2), (1, 2), (2, 3), (3, 4), (3, 5), (1, 5)];
        let (src, snk) = (flags(6, &[0, 1]), flags(6, &[4, 5]));
        let flow = max_flow_between(6, &arcs, &Capacities::unit(6), &src, &snk);
        assert_eq!(flow.value, 2);
        check(6, &arcs, &[1; 6], &src, &snk);
        let rs = routes(6, &arcs, &flow.carried, &src, &snk, &[0, 1, 2, 3, 4, 5]);
        assert_eq!(rs[0].actors, [1, 5]);
        assert_eq!(rs[1].actors.len(), 4);
    }

    #[test]
    fn routes_are_trimmed_to_the_last_source_and_first_sink() {
        // 0 (source) → 1 (source) → 2 → 3 (sink) → 4 (sink): the route is 1 → 2 → 3.
        let arcs = [(0, 1), (1, 2), (2, 3), (3, 4)];
        let (src, snk) = (flags(5, &[0, 1]), flags(5, &[3, 4]));
        let carried = [1, 1, 1, 1];
        let rs = routes(5, &arcs, &carried, &src, &snk, &[0, 1, 2, 3, 4]);
        assert_eq!(
            rs,
            [FlowPath {
                actors: vec![1, 2, 3],
                arcs: vec![1, 2],
                value: 1
            }]
        );
    }

    #[test]
    fn cycles_are_cancelled_and_parallel_arcs_merge() {
        // A flow 0 → 1 → 2 → 1 → 3 would revisit 1: the cycle 1 → 2 → 1 is dropped. Two parallel
        // arcs 0 → 1 carry one unit each.
        let arcs = [(0, 1), (1, 2), (2, 1), (1, 3), (0, 1)];
        let (src, snk) = (flags(4, &[0]), flags(4, &[3]));
        let carried = [1, 1, 1, 1, 0];
        let rs = routes(4, &arcs, &carried, &src, &snk, &[0, 1, 2, 3]);
        assert_eq!(rs.len(), 1);
        assert_eq!((rs[0].arcs.clone(), rs[0].value), (vec![0, 3], 1));
        // Capacities 3 on 1 → 3 and two arcs 0 → 1 of capacity 1: two routes, one per arc.
        check(4, &arcs, &[1, 1, 1, 3, 1], &src, &snk);
    }

    #[test]
    fn no_sources_or_sinks_and_actors_in_both() {
        let arcs = [(0, 1)];
        let flow = max_flow_between(
            2,
            &arcs,
            &Capacities::unit(1),
            &flags(2, &[]),
            &flags(2, &[1]),
        );
        assert_eq!(flow.value, 0);
        // 0 is a source and a sink: it counts as a source, so the flow goes 0 → 1.
        let (src, snk) = (flags(2, &[0]), flags(2, &[0, 1]));
        let flow = max_flow_between(2, &arcs, &Capacities::unit(1), &src, &snk);
        assert_eq!(flow.value, 1);
        check(2, &arcs, &[1], &src, &snk);
    }
}
