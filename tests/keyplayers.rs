//! `netgraph keyplayers` end to end, against brute force over every k-set computed here.

mod common;
use common::*;
use proptest::prelude::*;
use serde_json::{Value, json};

const IDS: [&str; 8] = ["a", "b", "c", "d", "e", "f", "g", "h"];

fn network(n: usize, directed: bool, edges: &[(usize, usize)]) -> String {
    json!({
        "directed": directed,
        "actors": IDS[..n].iter().map(|id| json!({"id": id})).collect::<Vec<_>>(),
        "flows": edges.iter().map(|&(a, b)| json!({"from": IDS[a], "to": IDS[b]})).collect::<Vec<_>>(),
    })
    .to_string()
}

/// Borgatti's F of the graph without `set`, by repeated relabelling (directions ignored).
fn fragmentation_without(n: usize, edges: &[(usize, usize)], set: &[usize]) -> f64 {
    let mut label: Vec<usize> = (0..n).collect();
    loop {
        let mut moved = false;
        for &(a, b) in edges {
            if set.contains(&a) || set.contains(&b) {
                continue;
            }
            let low = label[a].min(label[b]);
            for v in [a, b] {
                if label[v] != low {
                    label[v] = low;
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
    let left: Vec<usize> = (0..n).filter(|v| !set.contains(v)).collect();
    let m = left.len();
    if m < 2 {
        return 1.0;
    }
    let connected = left
        .iter()
        .flat_map(|&u| left.iter().map(move |&v| (u, v)))
        .filter(|&(u, v)| u != v && label[u] == label[v])
        .count();
    1.0 - connected as f64 / (m * (m - 1)) as f64
}

/// Share of the actors outside `set` within `d` steps of it along the edges (both ways if
/// undirected), by d rounds of relaxation.
fn reach(n: usize, directed: bool, edges: &[(usize, usize)], set: &[usize], d: usize) -> f64 {
    let mut reached: Vec<bool> = (0..n).map(|v| set.contains(&v)).collect();
    for _ in 0..d {
        let now = reached.clone();
        for &(a, b) in edges {
            if now[a] {
                reached[b] = true;
            }
            if !directed && now[b] {
                reached[a] = true;
            }
        }
    }
    let count = (0..n).filter(|&v| reached[v] && !set.contains(&v)).count();
    count as f64 / (n - set.len()) as f64
}

/// Every k-subset of 0..n, in lexicographic order.
fn subsets(n: usize, k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![vec![]];
    }
    (0..n)
        .flat_map(|first| {
            subsets(n, k - 1)
                .into_iter()
                .filter(move |rest| rest.iter().all(|&r| r > first))
                .map(move |rest| {
                    let mut s = vec![first];
                    s.extend(rest);
                    s
                })
        })
        .collect()
}

fn keyplayers(file: &str, extra: &[&str]) -> (Vec<usize>, f64) {
    let mut args = vec!["keyplayers", file, "--format", "json"];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let set = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| IDS.iter().position(|x| x == id).unwrap())
        .collect();
    let score = v["fragmentation"].as_f64().or(v["reach"].as_f64()).unwrap();
    (set, score)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn two_stars_by_hand() {
    // Centres a and f, leaves b–e and g–h, the bridge a–f.
    let edges = [(0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (5, 6), (5, 7)];
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "stars.json", &network(8, false, &edges));
    let f = f.to_str().unwrap();
    assert_eq!(keyplayers(f, &["--k", "2"]), (vec![0, 5], 1.0));
    assert_eq!(
        keyplayers(f, &["--k", "2", "--exhaustive"]),
        (vec![0, 5], 1.0)
    );
    // One removal: a leaves b, c, d, e isolated and the star f-g-h (3 actors) among 7: 1 − 6/42.
    let (set, score) = keyplayers(f, &["--k", "1"]);
    assert_eq!(set, [0]);
    assert!(close(score, 1.0 - 6.0 / 42.0));
    // Reach within 1 step: a touches b–f, 5 of 7 others; both centres touch all 6 others.
    let (set, score) = keyplayers(f, &["--k", "1", "--objective", "reach"]);
    assert_eq!(set, [0]);
    assert!(close(score, 5.0 / 7.0));
    assert_eq!(
        keyplayers(f, &["--k", "2", "--objective", "reach"]),
        (vec![0, 5], 1.0)
    );
    let t = run(&["keyplayers", f, "--k", "2"]).stdout;
    assert!(
        t.contains("fragmentation without them: 1 (intact view: 0)"),
        "{t}"
    );
}

#[test]
fn bad_requests() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "n.json", &network(3, false, &[(0, 1)]));
    let f = f.to_str().unwrap();
    assert_user_error(&run(&["keyplayers", f, "--k", "3"]), &["--k 3", "3"]);
    assert_user_error(
        &run(&["keyplayers", "--k", "5", "--exhaustive"]),
        &["C(110, 5) = 122391522", "limit of 1000000"],
    );
    for bad in [
        vec!["keyplayers", f],
        vec!["keyplayers", f, "--k", "0"],
        vec!["keyplayers", f, "--k", "1", "--distance", "2"],
        vec!["keyplayers", f, "--k", "1", "--objective", "size"],
        vec!["keyplayers", f, "--k", "1", "--format", "csv"],
    ] {
        let r = run(&bad);
        assert_eq!(
            (r.code, r.stdout.as_str()),
            (2, ""),
            "{bad:?}: {}",
            r.stderr
        );
    }
}

#[derive(Debug, Clone)]
struct Case {
    n: usize,
    directed: bool,
    edges: Vec<(usize, usize)>,
    k: usize,
    distance: Option<usize>,
}

fn case() -> impl Strategy<Value = Case> {
    (4usize..=8, any::<bool>()).prop_flat_map(|(n, directed)| {
        (
            prop::collection::vec((0..n, 0..n), 0..16),
            1..=3usize.min(n - 1),
            prop::option::of(1..=3usize),
        )
            .prop_map(move |(edges, k, distance)| Case {
                n,
                directed,
                edges,
                k,
                distance,
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn scores_are_those_of_the_sets_and_exhaustive_is_optimal(c in case()) {
        let dir = tempfile::tempdir().unwrap();
        let f = write(dir.path(), "n.json", &network(c.n, c.directed, &c.edges));
        let f = f.to_str().unwrap();
        let k = c.k.to_string();
        let d = c.distance.map(|d| d.to_string());
        let mut args = vec!["--k", k.as_str()];
        if let Some(d) = &d {
            args.extend(["--objective", "reach", "--distance", d.as_str()]);
        }
        let eval = |set: &[usize]| match c.distance {
            None => fragmentation_without(c.n, &c.edges, set),
            Some(d) => reach(c.n, c.directed, &c.edges, set, d),
        };
        let all = subsets(c.n, c.k);
        let best = all.iter().map(|s| eval(s)).fold(f64::NEG_INFINITY, f64::max);
        let first_best = all.iter().find(|s| close(eval(s), best)).unwrap();

        let (set, score) = keyplayers(f, &args);
        prop_assert_eq!(set.len(), c.k);
        prop_assert!(close(score, eval(&set)), "reported {} but the set scores {}", score, eval(&set));
        prop_assert!(score <= best + 1e-12);
        // No single swap improves the heuristic's set.
        for out in 0..c.k {
            for v in (0..c.n).filter(|v| !set.contains(v)) {
                let mut other = set.clone();
                other[out] = v;
                prop_assert!(eval(&other) <= score + 1e-12, "swap {} for {} improves", set[out], v);
            }
        }

        args.push("--exhaustive");
        let (set, score) = keyplayers(f, &args);
        prop_assert!(close(score, best));
        prop_assert_eq!(&set, first_best);
    }
}
