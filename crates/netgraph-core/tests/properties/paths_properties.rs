//! Yen's k best paths against brute force: enumerate every simple path between the two actors,
//! keep those that avoid and pass through what the query says, sort by the published order, take k.

use netgraph_core::algo::paths::{Links, Objective, PathQuery, best_paths};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Every simple path from `s` to `t` over unique arcs, as actor lists.
fn simple_paths(n: usize, arcs: &BTreeMap<(u32, u32), f64>, s: u32, t: u32) -> Vec<Vec<u32>> {
    fn go(
        n: usize,
        arcs: &BTreeMap<(u32, u32), f64>,
        t: u32,
        path: &mut Vec<u32>,
        out: &mut Vec<Vec<u32>>,
    ) {
        let v = *path.last().unwrap();
        if v == t {
            out.push(path.clone());
            return;
        }
        for w in 0..n as u32 {
            if arcs.contains_key(&(v, w)) && !path.contains(&w) {
                path.push(w);
                go(n, arcs, t, path, out);
                path.pop();
            }
        }
    }
    let mut out = Vec::new();
    go(n, arcs, t, &mut vec![s], &mut out);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn yen_agrees_with_brute_force(
        n in 2usize..8,
        raw in prop::collection::vec((0u32..7, 0u32..7, 1u32..3), 4..32),
        k in 1usize..8,
        widest in any::<bool>(),
        avoid_one in prop::option::of(0u32..7),
        via_one in prop::option::of(0u32..7),
        ids in any::<u64>(),
    ) {
        let n32 = n as u32;
        let (s, t) = (0u32, n32 - 1);
        // Unique arcs (the first value of a pair wins, as Links keeps it); no self-loops.
        let mut arcs: BTreeMap<(u32, u32), f64> = BTreeMap::new();
        let mut list = Vec::new();
        for (a, b, w) in raw {
            let (a, b) = (a % n32, b % n32);
            if a != b && !arcs.contains_key(&(a, b)) {
                arcs.insert((a, b), w as f64);
                list.push((a, b, w as f64));
            }
        }
        // A random id order of the actors.
        let mut rank: Vec<u32> = (0..n32).collect();
        let mut seed = ids;
        for i in (1..n).rev() {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            rank.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let avoid_v = avoid_one.map(|a| a % n32).filter(|&a| a != s && a != t);
        let via_v = via_one.map(|a| a % n32).filter(|&a| Some(a) != avoid_v);
        let mut avoid = vec![false; n];
        if let Some(a) = avoid_v {
            avoid[a as usize] = true;
        }
        let q = PathQuery {
            source: s as usize,
            target: t as usize,
            k,
            objective: if widest { Objective::Widest } else { Objective::Shortest },
            avoid,
            via: via_v.map(|v| vec![vec![v as usize]]).unwrap_or_default(),
            limit: 100_000,
        };
        let found = best_paths(&Links::new(n, rank.clone(), &list), &q);

        let mut want: Vec<(Vec<u32>, f64, f64)> = simple_paths(n, &arcs, s, t)
            .into_iter()
            .filter(|p| avoid_v.is_none_or(|a| !p.contains(&a)))
            .filter(|p| via_v.is_none_or(|v| p.contains(&v)))
            .map(|p| {
                let values: Vec<f64> = p.windows(2).map(|w| arcs[&(w[0], w[1])]).collect();
                let total = values.iter().sum();
                let smallest = values.iter().copied().fold(f64::INFINITY, f64::min);
                (p, total, smallest)
            })
            .collect();
        let id_seq = |p: &Vec<u32>| p.iter().map(|&v| rank[v as usize]).collect::<Vec<_>>();
        want.sort_by(|a, b| {
            let first = if widest { b.2.total_cmp(&a.2) } else { a.1.total_cmp(&b.1) };
            first
                .then(a.0.len().cmp(&b.0.len()))
                .then_with(|| id_seq(&a.0).cmp(&id_seq(&b.0)))
        });
        want.truncate(k);
        let got: Vec<(Vec<u32>, f64, f64)> =
            found.paths.iter().map(|p| (p.actors.clone(), p.total, p.smallest)).collect();
        prop_assert_eq!(got, want);
        prop_assert!(!found.truncated);
    }
}
