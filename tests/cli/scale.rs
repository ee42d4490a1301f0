//! Exact betweenness split by sources: `centrality --measure betweenness --sources I/N --raw` and
//! `netgraph merge` (docs/scale.md). The blocks' sums are checked by hand on a path; on random
//! graphs the merged scores of every split N = 1…7 equal a single run's (within 1e-12, relative:
//! the additions run in another order); a merge refuses blocks that do not make one split.

use crate::common::*;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// A network of actors `v0…v{n−1}` in that order and flows with a `cost` field.
fn network(n: usize, directed: bool, flows: &[(usize, usize, u8)]) -> String {
    let actors: Vec<Value> = (0..n).map(|i| json!({"id": format!("v{i}")})).collect();
    let flows: Vec<Value> = flows
        .iter()
        .map(|&(a, b, c)| json!({"from": format!("v{a}"), "to": format!("v{b}"), "cost": c}))
        .collect();
    json!({"directed": directed, "actors": actors, "flows": flows}).to_string()
}

/// Runs `netgraph ARGS` and returns stdout, asserting success.
fn ok(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, 0, "netgraph {args:?}: {}", r.stderr);
    r.stdout
}

/// Writes block `i` of `n` of `net` (with `extra` options) to `dir/part-i-of-n.json`.
fn part(dir: &Path, net: &str, i: usize, n: usize, extra: &[&str]) -> PathBuf {
    let out = dir.join(format!("part-{i}-of-{n}.json"));
    let block = format!("{i}/{n}");
    let mut args = vec![
        "centrality",
        net,
        "--measure",
        "betweenness",
        "--raw",
        "--sources",
        &block,
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ok(&args);
    out
}

/// The merged JSON of `parts` (with `extra` options of merge).
fn merged(parts: &[PathBuf], extra: &[&str]) -> Value {
    let mut args = vec!["merge", "--format", "json"];
    args.extend(parts.iter().map(|p| p.to_str().unwrap()));
    args.extend_from_slice(extra);
    serde_json::from_str(&ok(&args)).unwrap()
}

/// Betweenness per actor id of a centrality JSON, in its rank order.
fn scores(v: &Value) -> Vec<(String, f64)> {
    v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                a["betweenness"].as_f64().unwrap(),
            )
        })
        .collect()
}

/// The block's sums per actor id.
fn raw_of(path: &Path) -> Vec<f64> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["raw"].as_f64().unwrap())
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

#[test]
fn blocks_of_a_path_by_hand() {
    // Path v0-v1-v2-v3-v4, undirected. Dependencies δ_s(v) (targets beyond v seen from s):
    // s=0: v1 3, v2 2, v3 1; s=1: v2 2, v3 1; s=2: v1 1, v3 1; s=3: v2 2, v1 1; s=4: v3 3,
    // v2 2, v1 1. Block 1/2 = sources {0, 2, 4}: v1 5, v2 4, v3 5; block 2/2 = {1, 3}: v1 1,
    // v2 4, v3 1. Raw scores halve them (each unordered pair is met from both ends).
    let dir = tempfile::tempdir().unwrap();
    let net = write(
        dir.path(),
        "path.json",
        &network(5, false, &[(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 4, 1)]),
    );
    let net = net.to_str().unwrap();
    let one = part(dir.path(), net, 1, 2, &[]);
    let two = part(dir.path(), net, 2, 2, &[]);
    assert_eq!(raw_of(&one), [0.0, 2.5, 2.0, 2.5, 0.0]);
    assert_eq!(raw_of(&two), [0.0, 0.5, 2.0, 0.5, 0.0]);
    let text = std::fs::read_to_string(&one).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["block"], 1);
    assert_eq!(v["blocks"], 2);
    assert_eq!(v["sources"], 3);
    assert_eq!(v["measure"], "betweenness");
    // Raw: 0, 3, 4, 3, 0; normalised: × 2 (ordered pairs) ÷ (4 · 3).
    let raw = merged(&[two.clone(), one.clone()], &["--raw"]);
    assert_eq!(
        scores(&raw),
        [
            ("v2".to_string(), 4.0),
            ("v1".to_string(), 3.0),
            ("v3".to_string(), 3.0),
            ("v0".to_string(), 0.0),
            ("v4".to_string(), 0.0)
        ]
    );
    let norm = merged(&[one, two], &[]);
    let want = [2.0 / 3.0, 0.5, 0.5, 0.0, 0.0];
    for ((_, got), want) in scores(&norm).iter().zip(want) {
        assert!(close(*got, want), "{got} vs {want}");
    }
    assert_eq!(norm["measures"], json!(["betweenness"]));
    assert_eq!(norm["actors"][1]["rank"], 2);
    assert_eq!(norm["actors"][2]["rank"], 2);
}

#[test]
fn merged_table_and_csv_are_those_of_centrality() {
    // The merged output is rendered by centrality's own code: same table, same CSV, same JSON
    // shape, on the built-in Peru network (its default layer: directed, some actors without flows).
    let dir = tempfile::tempdir().unwrap();
    let parts: Vec<PathBuf> = (1..=3)
        .map(|i| {
            let out = dir.path().join(format!("p{i}.json"));
            let block = format!("{i}/3");
            ok(&[
                "centrality",
                "--measure",
                "betweenness",
                "--raw",
                "--sources",
                &block,
                "-o",
                out.to_str().unwrap(),
            ]);
            out
        })
        .collect();
    let names: Vec<&str> = parts.iter().map(|p| p.to_str().unwrap()).collect();
    for format in ["table", "csv"] {
        let whole = ok(&["centrality", "--measure", "betweenness", "--format", format]);
        let mut args = vec!["merge", "--format", format];
        args.extend(&names);
        let merged = ok(&args);
        assert_eq!(whole.lines().count(), merged.lines().count());
        // Same rows; a score may differ in its last digits only (the table rounds).
        for (a, b) in whole.lines().zip(merged.lines()) {
            let (a, b): (Vec<&str>, Vec<&str>) = (
                a.split([',', ' ']).filter(|s| !s.is_empty()).collect(),
                b.split([',', ' ']).filter(|s| !s.is_empty()).collect(),
            );
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(&b) {
                match (x.parse::<f64>(), y.parse::<f64>()) {
                    (Ok(x), Ok(y)) => assert!(close(x, y), "{x} vs {y}"),
                    _ => assert_eq!(x, y),
                }
            }
        }
    }
    let whole: Value = serde_json::from_str(&ok(&[
        "centrality",
        "--measure",
        "betweenness",
        "--format",
        "json",
        "--top",
        "5",
    ]))
    .unwrap();
    let top = merged(&parts, &["--top", "5"]);
    assert_eq!(whole["view"], top["view"]);
    assert_eq!(top["actors"].as_array().unwrap().len(), 5);
    let keys = |v: &Value| -> Vec<String> {
        v["actors"][0]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(keys(&whole), keys(&top));
}

/// A random graph: actors, direction, flows with costs, the options of the run.
#[derive(Debug, Clone)]
struct Case {
    n: usize,
    directed: bool,
    flows: Vec<(usize, usize, u8)>,
    weighted: bool,
    endpoints: bool,
    active: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (0usize..13, any::<bool>()).prop_flat_map(|(n, directed)| {
        let flow = (0..n.max(1), 0..n.max(1), 1u8..4);
        (
            proptest::collection::vec(flow, if n == 0 { 0..1 } else { 0..3 * n }),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(move |(flows, weighted, endpoints, active)| Case {
                n,
                directed,
                flows,
                weighted,
                endpoints,
                active,
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    #[test]
    fn blocks_add_up_to_the_whole_for_every_n(c in case()) {
        let dir = tempfile::tempdir().unwrap();
        let net = write(dir.path(), "n.json", &network(c.n, c.directed, &c.flows));
        let net = net.to_str().unwrap();
        let mut extra = Vec::new();
        if c.weighted && !c.flows.is_empty() {
            extra.extend(["--weight", "cost"]);
        }
        if c.endpoints {
            extra.push("--endpoints");
        }
        if c.active {
            extra.push("--active");
        }
        let whole = |raw: bool| -> Value {
            let mut args = vec!["centrality", net, "--measure", "betweenness", "--format", "json"];
            args.extend(&extra);
            if raw {
                args.push("--raw");
            }
            serde_json::from_str(&ok(&args)).unwrap()
        };
        let (norm, raw) = (whole(false), whole(true));
        for n in 1..=7 {
            let parts: Vec<PathBuf> = (1..=n).map(|i| part(dir.path(), net, i, n, &extra)).collect();
            // Each block's sums are non-negative (dependencies are); together they make the scores.
            for p in &parts {
                prop_assert!(raw_of(p).iter().all(|&x| x >= 0.0));
            }
            for (got, want) in [(merged(&parts, &[]), &norm), (merged(&parts, &["--raw"]), &raw)] {
                prop_assert_eq!(&got["view"], &want["view"]);
                let (a, b) = (scores(&got), scores(want));
                prop_assert_eq!(a.len(), b.len());
                for ((ida, x), (idb, y)) in a.iter().zip(&b) {
                    prop_assert_eq!(ida, idb);
                    prop_assert!(close(*x, *y), "N = {}: {} scores {} merged, {} whole", n, ida, x, y);
                }
            }
        }
    }
}

/// The blocks of a 4-actor directed path, split in `n`.
fn path_parts(dir: &Path, name: &str, n: usize, extra: &[&str]) -> Vec<PathBuf> {
    let net = write(
        dir,
        name,
        &network(4, true, &[(0, 1, 1), (1, 2, 2), (2, 3, 1)]),
    );
    let sub = dir.join(name.trim_end_matches(".json"));
    std::fs::create_dir_all(&sub).unwrap();
    (1..=n)
        .map(|i| part(&sub, net.to_str().unwrap(), i, n, extra))
        .collect()
}

fn merge_error(parts: &[&Path]) -> Run {
    let mut args = vec!["merge"];
    args.extend(parts.iter().map(|p| p.to_str().unwrap()));
    run(&args)
}

#[test]
fn merge_refuses_blocks_that_are_not_one_split() {
    let dir = tempfile::tempdir().unwrap();
    let three = path_parts(dir.path(), "a.json", 3, &[]);
    let two = path_parts(dir.path(), "b.json", 2, &[]);
    let weighted = path_parts(dir.path(), "c.json", 3, &["--weight", "cost"]);
    let [p1, p2, p3] = [&three[0], &three[1], &three[2]].map(|p| p.as_path());
    // Missing and duplicate blocks are named.
    let r = merge_error(&[p1, p3]);
    assert_user_error(&r, &["block 2/3 missing"]);
    let r = merge_error(&[p1]);
    assert_user_error(&r, &["blocks 2/3, 3/3 missing"]);
    let r = merge_error(&[p1, p2, p2, p3]);
    assert_user_error(&r, &["block 2/3 is given 2 times", "part-2-of-3.json"]);
    // Another split, another weighting (so another fingerprint).
    let r = merge_error(&[p1, two[1].as_path(), p3]);
    assert_user_error(&r, &["block 2/2", "block 1/3", "one split"]);
    let r = merge_error(&[p1, weighted[1].as_path(), p3]);
    assert_user_error(&r, &["fingerprints differ"]);
    // A file that is not a partial result, and one whose block does not fit its split.
    let other = write(dir.path(), "other.json", "{\"actors\": []}");
    let r = merge_error(&[p1, other.as_path()]);
    assert_user_error(&r, &["other.json", "not a partial result"]);
    let mut bad: Value = serde_json::from_str(&std::fs::read_to_string(p2).unwrap()).unwrap();
    bad["block"] = json!(5);
    let bad = write(dir.path(), "bad.json", &bad.to_string());
    let r = merge_error(&[p1, bad.as_path(), p3]);
    assert_user_error(&r, &["bad.json", "block 5/3"]);
    // -o never replaces a part.
    let r = run(&[
        "merge",
        p1.to_str().unwrap(),
        p2.to_str().unwrap(),
        p3.to_str().unwrap(),
        "-o",
        p1.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("would overwrite the input"),
        "{}",
        r.stderr
    );
}

#[test]
fn more_blocks_than_actors_leave_empty_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let parts = path_parts(dir.path(), "a.json", 6, &[]);
    let empty: Value = serde_json::from_str(&std::fs::read_to_string(&parts[5]).unwrap()).unwrap();
    assert_eq!(empty["sources"], 0);
    assert_eq!(raw_of(&parts[5]), [0.0; 4]);
    // Directed path v0→v1→v2→v3 with costs 1, 2, 1 (weights do not change a path's only route):
    // v1 lies on (0,2), (0,3); v2 on (0,3), (1,3); normalised ÷ (3 · 2).
    let got = merged(&parts, &[]);
    let by_id: std::collections::HashMap<String, f64> = scores(&got).into_iter().collect();
    assert!(close(by_id["v1"], 2.0 / 6.0) && close(by_id["v2"], 2.0 / 6.0));
    assert_eq!(by_id["v0"], 0.0);
}

#[test]
fn sources_is_checked() {
    // Clap's errors (the block's syntax, options that exclude each other) and the command's own
    // (one line) all exit 2.
    let usage = |args: &[&str], needles: &[&str], one_line: bool| {
        let mut all = vec!["centrality", "--measure", "betweenness"];
        all.extend_from_slice(args);
        let r = run(&all);
        if one_line {
            assert_usage_error(&r, needles);
        } else {
            assert_eq!(r.code, 2, "{}", r.stderr);
            assert_eq!(r.stdout, "");
            for n in needles {
                assert!(r.stderr.contains(n), "{n:?} not in {}", r.stderr);
            }
        }
    };
    usage(&["--sources", "2/4"], &["--raw", "netgraph merge"], true);
    usage(&["--raw", "--sources", "5/4"], &["5/4", "1 ≤ I ≤ N"], false);
    usage(&["--raw", "--sources", "0/4"], &["0/4"], false);
    usage(&["--raw", "--sources", "1/0"], &["1/0"], false);
    usage(&["--raw", "--sources", "x"], &["not a block"], false);
    usage(
        &["--raw", "--sources", "1/2", "--epsilon", "0.1"],
        &["--epsilon"],
        false,
    );
    usage(
        &["--raw", "--sources", "1/2", "--format", "csv"],
        &["--format csv"],
        true,
    );
    let r = run(&[
        "centrality",
        "--measure",
        "degree,betweenness",
        "--raw",
        "--sources",
        "1/2",
    ]);
    assert_usage_error(&r, &["--measure betweenness alone"]);
    assert_eq!(run(&["merge"]).code, 2);
}
