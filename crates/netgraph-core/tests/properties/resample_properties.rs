//! `--resample` against exhaustive enumeration: on small networks, the exact expectation of each
//! actor's score over all 2^m subsets of flows (each subset weighted by the product of its flows'
//! keep probabilities) must equal the mean of a large sample of draws within a few standard
//! errors. Scores of each subset are computed here by brute force (every shortest path listed by
//! breadth-first search), never by the library.

use netgraph_core::Run;
use netgraph_core::model::Network;
use netgraph_core::queries::centrality::CentralityOptions;
use netgraph_core::queries::resample::{self, Mode, Resample, centrality::resample_centrality};
use std::collections::VecDeque;

/// A small directed network: `n` actors `a0…`, flows (from, to, confidence).
fn network(n: usize, flows: &[(usize, usize, f64)]) -> Network {
    let actors: Vec<String> = (0..n).map(|i| format!(r#"{{"id": "a{i}"}}"#)).collect();
    let flows: Vec<String> = flows
        .iter()
        .map(|(a, b, c)| format!(r#"{{"from": "a{a}", "to": "a{b}", "confidence": {c}}}"#))
        .collect();
    let text = format!(
        r#"{{"actors": [{}], "flows": [{}]}}"#,
        actors.join(","),
        flows.join(",")
    );
    let mut net = netgraph_core::io::json::parse_str(&text, "t.json").unwrap();
    net.index().unwrap();
    net
}

/// Normalised betweenness of every actor of the directed graph `arcs` on `n` actors, by brute
/// force: per ordered pair (s, t), the shortest paths counted by BFS and through each v.
fn brute_betweenness(n: usize, arcs: &[(usize, usize)]) -> Vec<f64> {
    let mut out = vec![vec![]; n];
    for &(a, b) in arcs {
        if a != b && !out[a].contains(&b) {
            out[a].push(b);
        }
    }
    // dist[s][t] and sigma[s][t] by BFS from every s.
    let mut dist = vec![vec![usize::MAX; n]; n];
    let mut sigma = vec![vec![0f64; n]; n];
    for s in 0..n {
        dist[s][s] = 0;
        sigma[s][s] = 1.0;
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            for &w in &out[v] {
                if dist[s][w] == usize::MAX {
                    dist[s][w] = dist[s][v] + 1;
                    queue.push_back(w);
                }
                if dist[s][w] == dist[s][v] + 1 {
                    sigma[s][w] += sigma[s][v];
                }
            }
        }
    }
    let mut score = vec![0.0; n];
    for s in 0..n {
        for t in 0..n {
            if s == t || dist[s][t] == usize::MAX {
                continue;
            }
            for v in 0..n {
                if v == s || v == t || dist[s][v] == usize::MAX || dist[v][t] == usize::MAX {
                    continue;
                }
                if dist[s][v] + dist[v][t] == dist[s][t] {
                    score[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
                }
            }
        }
    }
    let scale = if n > 2 {
        1.0 / ((n - 1) * (n - 2)) as f64
    } else {
        1.0
    };
    score.iter().map(|x| x * scale).collect()
}

/// Normalised degree (in + out, parallel flows once) by counting.
fn brute_degree(n: usize, arcs: &[(usize, usize)]) -> Vec<f64> {
    let mut pairs: Vec<(usize, usize)> = arcs.to_vec();
    pairs.sort_unstable();
    pairs.dedup();
    let mut d = vec![0.0; n];
    for (a, b) in pairs {
        d[a] += 1.0;
        d[b] += 1.0;
    }
    d.iter().map(|x| x / (n - 1) as f64).collect()
}

/// The exact expectation and variance of each actor's degree (`[0]`) and betweenness (`[1]`)
/// when flow i is kept with probability `keep[i]`, over all 2^m subsets.
fn exact(n: usize, flows: &[(usize, usize, f64)], keep: &[f64]) -> [Vec<(f64, f64)>; 2] {
    let m = flows.len();
    let (mut deg, mut btw) = (vec![(0.0, 0.0); n], vec![(0.0, 0.0); n]);
    for mask in 0u32..(1 << m) {
        let mut p = 1.0;
        let mut arcs = Vec::new();
        for (i, &(a, b, _)) in flows.iter().enumerate() {
            if mask & (1 << i) != 0 {
                p *= keep[i];
                arcs.push((a, b));
            } else {
                p *= 1.0 - keep[i];
            }
        }
        for (v, x) in brute_degree(n, &arcs).into_iter().enumerate() {
            deg[v].0 += p * x;
            deg[v].1 += p * x * x;
        }
        for (v, x) in brute_betweenness(n, &arcs).into_iter().enumerate() {
            btw[v].0 += p * x;
            btw[v].1 += p * x * x;
        }
    }
    // Second moments become variances.
    let var = |m: Vec<(f64, f64)>| {
        m.into_iter()
            .map(|(e, e2)| (e, (e2 - e * e).max(0.0)))
            .collect()
    };
    [var(deg), var(btw)]
}

/// Sample means against the exact expectations: within 4.5 standard errors (the exact standard
/// deviation over √draws; a figure with no spread must match to rounding).
fn check(n: usize, flows: &[(usize, usize, f64)], mode: Mode, keep: &[f64], seed: u64) {
    let net = network(n, flows);
    let draws = 4000;
    let options = CentralityOptions {
        measures: vec!["degree".into(), "betweenness".into()],
        ..CentralityOptions::default()
    };
    let spec = Resample::new(draws, mode, seed);
    let r = resample_centrality(&net, &options, &spec, 1, &Run::default()).unwrap();
    assert_eq!(r.draws.done, draws);
    let moments = exact(n, flows, keep);
    for (row, spreads) in r.full.actors.iter().zip(&r.spreads) {
        let v: usize = row.id[1..].parse().unwrap();
        for (j, moments) in moments.iter().enumerate() {
            let (expected, variance) = moments[v];
            let mean = spreads[j].summary.unwrap().mean;
            let se = (variance / draws as f64).sqrt();
            assert!(
                (mean - expected).abs() <= 4.5 * se + 1e-12,
                "{mode:?} actor {} measure {j}: mean {mean} vs exact {expected} (se {se})",
                row.id
            );
        }
    }
}

/// Flows (from, to, confidence).
type Flows = Vec<(usize, usize, f64)>;

/// Small networks whose confidences make every subset likely enough to matter.
fn cases() -> Vec<(usize, Flows)> {
    vec![
        (
            4,
            vec![
                (0, 1, 0.5),
                (1, 2, 0.8),
                (2, 3, 0.3),
                (0, 2, 0.6),
                (1, 3, 1.0),
                (3, 0, 0.9),
            ],
        ),
        (
            5,
            vec![
                (0, 1, 0.7),
                (1, 2, 0.4),
                (2, 3, 0.9),
                (3, 4, 0.5),
                (4, 0, 0.2),
                (1, 3, 0.6),
                (2, 4, 1.0),
                (0, 2, 0.35),
            ],
        ),
    ]
}

#[test]
fn confidence_draws_have_the_exact_expectation() {
    for (seed, (n, flows)) in cases().into_iter().enumerate() {
        let keep: Vec<f64> = flows.iter().map(|f| f.2).collect();
        check(n, &flows, Mode::Confidence, &keep, seed as u64);
    }
}

#[test]
fn dropping_flows_multiplies_the_keep_probability() {
    for (seed, (n, flows)) in cases().into_iter().enumerate() {
        let keep: Vec<f64> = flows.iter().map(|f| f.2 * (1.0 - 0.3)).collect();
        check(n, &flows, Mode::Drop(0.3), &keep, 10 + seed as u64);
    }
}

#[test]
fn draws_keep_each_flow_with_its_probability_and_bootstrap_keeps_m() {
    let (n, flows) = cases().remove(1);
    let net = network(n, &flows);
    let view = netgraph_core::queries::FlowFilter::default()
        .view(&net, false, &Run::default())
        .unwrap();
    let draws = 20_000;
    let mut kept = vec![0usize; flows.len()];
    for i in 0..draws {
        let d = resample::draw(&view, Mode::Confidence, 3, i);
        for &f in d.flows() {
            kept[f] += 1;
        }
        let b = resample::draw(&view, Mode::Bootstrap, 3, i);
        assert_eq!(b.flows().len(), flows.len(), "a bootstrap draw has m flows");
        assert!(b.flows().windows(2).all(|w| w[0] <= w[1]));
    }
    for (f, &(_, _, c)) in flows.iter().enumerate() {
        let share = kept[f] as f64 / draws as f64;
        let se = (c * (1.0 - c) / draws as f64).sqrt();
        assert!(
            (share - c).abs() <= 4.5 * se + 1e-12,
            "flow {f}: {share} vs {c}"
        );
    }
    // A draw depends on (seed, index) only.
    assert_eq!(
        resample::draw(&view, Mode::Drop(0.2), 9, 41),
        resample::draw(&view, Mode::Drop(0.2), 9, 41)
    );
}

#[test]
fn removing_actors_keeps_a_flow_when_both_ends_stay() {
    // Every confidence 1: flow a–b survives drop-actors:P with probability (1 − P)².
    let flows = vec![(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (0, 3, 1.0)];
    let net = network(4, &flows);
    let view = netgraph_core::queries::FlowFilter::default()
        .view(&net, false, &Run::default())
        .unwrap();
    let draws = 20_000;
    let mut kept = 0usize;
    for i in 0..draws {
        kept += resample::draw(&view, Mode::DropActors(0.4), 5, i)
            .flows()
            .len();
    }
    let p = 0.6f64 * 0.6;
    let share = kept as f64 / (draws as f64 * flows.len() as f64);
    // Flows share actors, so the per-draw count is not binomial: bound by the per-flow error.
    let se = (p * (1.0 - p) / draws as f64).sqrt();
    assert!((share - p).abs() <= 4.5 * se * 2.0, "{share} vs {p}");
}
