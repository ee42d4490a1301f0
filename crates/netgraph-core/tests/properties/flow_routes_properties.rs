//! The maximum flow between sets of actors and its routes, against independent checks: the value
//! equals the cheapest set of arcs whose removal leaves no route from any source to any sink (brute
//! force over all subsets), and the routes form a flow of that value (each from a source through
//! actors that are neither to a sink, no arc over its capacity).

use netgraph_core::algo::flow_routes::routes;
use netgraph_core::algo::max_flow::{Capacities, max_flow_between};
use proptest::prelude::*;
use std::collections::VecDeque;

/// Whether some sink is reachable from some source along the arcs not removed.
fn connected(
    n: usize,
    arcs: &[(u32, u32)],
    gone: &[bool],
    sources: &[bool],
    sinks: &[bool],
) -> bool {
    let mut seen: Vec<bool> = sources.to_vec();
    let mut queue: VecDeque<usize> = (0..n).filter(|&v| sources[v]).collect();
    while let Some(v) = queue.pop_front() {
        if sinks[v] && !sources[v] {
            return true;
        }
        for (i, &(a, b)) in arcs.iter().enumerate() {
            if a as usize == v && !gone[i] && !seen[b as usize] {
                seen[b as usize] = true;
                queue.push_back(b as usize);
            }
        }
    }
    false
}

type Case = (usize, Vec<(u32, u32, u32)>, Vec<u8>);

/// Up to 7 actors, each a source (0), a sink (1) or neither (2), and up to 11 arcs with capacities
/// 0 to 1.5 in halves.
fn case() -> impl Strategy<Value = Case> {
    (2usize..8).prop_flat_map(|n| {
        let arc = (0..n as u32, 0..n as u32, 0u32..4);
        (
            Just(n),
            prop::collection::vec(arc, 0..12),
            prop::collection::vec(0u8..3, n),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn max_flow_between_sets_is_the_min_cut_and_routes_carry_it((n, raw, role) in case(), unit in any::<bool>()) {
        let arcs: Vec<(u32, u32)> = raw.iter().map(|&(a, b, _)| (a, b)).collect();
        let values: Vec<f64> = raw.iter().map(|&(_, _, c)| if unit { 1.0 } else { c as f64 * 0.5 }).collect();
        let caps = Capacities::exact(&values).unwrap();
        let sources: Vec<bool> = role.iter().map(|&r| r == 0).collect();
        let sinks: Vec<bool> = role.iter().map(|&r| r == 1).collect();
        let flow = max_flow_between(n, &arcs, &caps, &sources, &sinks);
        let value = caps.value(flow.value);
        let m = arcs.len();
        let mut best = f64::INFINITY;
        for mask in 0u32..(1 << m) {
            let gone: Vec<bool> = (0..m).map(|i| mask & (1 << i) != 0).collect();
            if !connected(n, &arcs, &gone, &sources, &sinks) {
                best = best.min((0..m).filter(|&i| gone[i]).map(|i| values[i]).sum());
            }
        }
        prop_assert_eq!(value, best);

        let rank: Vec<u32> = (0..n as u32).rev().collect();
        let found = routes(n, &arcs, &flow.carried, &sources, &sinks, &rank);
        let mut load = vec![0u128; m];
        for r in &found {
            prop_assert!(r.value > 0);
            prop_assert_eq!(r.actors.len(), r.arcs.len() + 1);
            prop_assert!(sources[r.actors[0] as usize]);
            prop_assert!(sinks[*r.actors.last().unwrap() as usize]);
            for &v in &r.actors[1..r.actors.len() - 1] {
                prop_assert!(!sources[v as usize] && !sinks[v as usize], "an untrimmed route");
            }
            let mut seen = r.actors.clone();
            seen.sort_unstable();
            seen.dedup();
            prop_assert_eq!(seen.len(), r.actors.len(), "a route visits an actor twice");
            for (j, &a) in r.arcs.iter().enumerate() {
                prop_assert_eq!(arcs[a], (r.actors[j], r.actors[j + 1]));
                load[a] += r.value;
            }
        }
        prop_assert!(load.iter().zip(&caps.units).all(|(l, c)| l <= c));
        prop_assert_eq!(found.iter().map(|r| r.value).sum::<u128>(), flow.value);
    }
}
