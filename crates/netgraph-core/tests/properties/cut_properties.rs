//! Minimum cuts against independent checks: removing the reported cut severs the route (a
//! breadth-first search written here), its capacity equals the maximum-flow value, and no cheaper
//! set of flows (or actors) severs it (brute force over all subsets).

use netgraph_core::algo::max_flow::{
    Capacities, min_actor_cut, min_actor_cut_between, min_cut, min_cut_between,
};
use proptest::prelude::*;
use std::collections::VecDeque;

/// Whether `t` is reachable from `s` using the arcs not removed, through actors not removed.
fn reaches(
    n: usize,
    arcs: &[(u32, u32)],
    gone_arc: &[bool],
    gone_actor: &[bool],
    s: usize,
    t: usize,
) -> bool {
    let mut seen = vec![false; n];
    seen[s] = true;
    let mut queue = VecDeque::from([s]);
    while let Some(v) = queue.pop_front() {
        if v == t {
            return true;
        }
        for (i, &(a, b)) in arcs.iter().enumerate() {
            let (a, b) = (a as usize, b as usize);
            if a == v && !gone_arc[i] && !gone_actor[b] && !seen[b] {
                seen[b] = true;
                queue.push_back(b);
            }
        }
    }
    false
}

fn arcs_strategy() -> impl Strategy<Value = (usize, Vec<(u32, u32, u32)>)> {
    (2usize..7).prop_flat_map(|n| {
        let arc = (0..n as u32, 0..n as u32, 0u32..4);
        (Just(n), prop::collection::vec(arc, 0..11))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn flow_cuts_sever_and_are_minimum((n, raw) in arcs_strategy(), weighted in any::<bool>()) {
        let (s, t) = (0usize, n - 1);
        let arcs: Vec<(u32, u32)> = raw.iter().map(|&(a, b, _)| (a, b)).collect();
        let values: Vec<f64> = raw
            .iter()
            .map(|&(_, _, c)| if weighted { c as f64 * 0.5 } else { 1.0 })
            .collect();
        let caps = Capacities::exact(&values).unwrap();
        let cut = min_cut(n, &arcs, &caps, s, t);
        let value = caps.value(cut.value);
        let none = vec![false; n];
        let mut gone = vec![false; arcs.len()];
        for &a in &cut.arcs {
            gone[a] = true;
        }
        prop_assert!(!reaches(n, &arcs, &gone, &none, s, t), "the cut leaves a route");
        let cut_capacity: f64 = cut.arcs.iter().map(|&a| values[a]).sum();
        prop_assert_eq!(cut_capacity, value);
        // Brute force: the cheapest set of arcs whose removal severs s from t.
        let m = arcs.len();
        let mut best = f64::INFINITY;
        for mask in 0u32..(1 << m) {
            let gone: Vec<bool> = (0..m).map(|i| mask & (1 << i) != 0).collect();
            if !reaches(n, &arcs, &gone, &none, s, t) {
                let c: f64 = (0..m).filter(|&i| gone[i]).map(|i| values[i]).sum();
                best = best.min(c);
            }
        }
        prop_assert_eq!(value, best);
    }

    #[test]
    fn actor_cuts_sever_and_are_minimum((n, raw) in arcs_strategy()) {
        let (s, t) = (0usize, n - 1);
        let arcs: Vec<(u32, u32)> = raw.iter().map(|&(a, b, _)| (a, b)).collect();
        let adjacent = arcs.iter().any(|&(a, b)| a as usize == s && b as usize == t);
        let cut = min_actor_cut(n, &arcs, s, t);
        prop_assert_eq!(cut.is_none(), adjacent);
        let Some(cut) = cut else { return Ok(()) };
        prop_assert!(cut.iter().all(|&v| v as usize != s && v as usize != t));
        let no_arcs = vec![false; arcs.len()];
        let mut gone = vec![false; n];
        for &v in &cut {
            gone[v as usize] = true;
        }
        prop_assert!(!reaches(n, &arcs, &no_arcs, &gone, s, t), "the cut leaves a route");
        let mut best = usize::MAX;
        for mask in 0u32..(1 << n) {
            if mask & (1 << s) != 0 || mask & (1 << t) != 0 {
                continue;
            }
            let gone: Vec<bool> = (0..n).map(|i| mask & (1 << i) != 0).collect();
            if !reaches(n, &arcs, &no_arcs, &gone, s, t) {
                best = best.min(mask.count_ones() as usize);
            }
        }
        prop_assert_eq!(cut.len(), best);
    }

    #[test]
    fn cuts_between_sets_sever_and_are_minimum((n, raw) in arcs_strategy(), extra in 0usize..7) {
        // Sources {0, e}, sinks {n − 1} (and n − 2 when it is neither): every source must be cut
        // off from every sink.
        let e = extra % n;
        let mut sources = vec![false; n];
        sources[0] = true;
        sources[e] = true;
        let mut sinks = vec![false; n];
        sinks[n - 1] = !sources[n - 1];
        if n >= 3 && !sources[n - 2] {
            sinks[n - 2] = true;
        }
        let arcs: Vec<(u32, u32)> = raw.iter().map(|&(a, b, _)| (a, b)).collect();
        let severed = |gone_arc: &[bool], gone_actor: &[bool]| {
            (0..n).filter(|&a| sources[a]).all(|a| {
                (0..n).filter(|&b| sinks[b]).all(|b| !reaches(n, &arcs, gone_arc, gone_actor, a, b))
            })
        };
        let none = vec![false; n];
        // Flows: unit capacities.
        let cut = min_cut_between(n, &arcs, &Capacities::unit(arcs.len()), &sources, &sinks);
        let mut gone = vec![false; arcs.len()];
        for &a in &cut.arcs {
            gone[a] = true;
        }
        prop_assert!(severed(&gone, &none), "the cut leaves a route");
        prop_assert_eq!(cut.arcs.len() as u128, cut.value);
        let m = arcs.len();
        let best = (0u32..(1 << m))
            .filter(|mask| {
                let gone: Vec<bool> = (0..m).map(|i| mask & (1 << i) != 0).collect();
                severed(&gone, &none)
            })
            .map(|mask| mask.count_ones() as u128)
            .min();
        prop_assert_eq!(Some(cut.value), best);
        // Actors other than the two sets.
        let adjacent = arcs.iter().any(|&(a, b)| a != b && sources[a as usize] && sinks[b as usize]);
        let cut = min_actor_cut_between(n, &arcs, &sources, &sinks);
        prop_assert_eq!(cut.is_none(), adjacent);
        let Some(cut) = cut else { return Ok(()) };
        prop_assert!(cut.iter().all(|&v| !sources[v as usize] && !sinks[v as usize]));
        let no_arcs = vec![false; arcs.len()];
        let mut gone = vec![false; n];
        for &v in &cut {
            gone[v as usize] = true;
        }
        prop_assert!(severed(&no_arcs, &gone), "the actor cut leaves a route");
        let best = (0u32..(1 << n))
            .filter(|mask| (0..n).all(|v| mask & (1 << v) == 0 || (!sources[v] && !sinks[v])))
            .filter(|mask| {
                let gone: Vec<bool> = (0..n).map(|i| mask & (1 << i) != 0).collect();
                severed(&no_arcs, &gone)
            })
            .map(|mask| mask.count_ones() as usize)
            .min();
        prop_assert_eq!(Some(cut.len()), best);
    }
}
