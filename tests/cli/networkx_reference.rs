//! Centrality values against NetworkX: the fixtures in tests/fixtures/networkx/ were produced by the
//! committed script `generate.py` beside them (NetworkX 3.6.1), not by netgraph. Exact measures must
//! agree to 1e-9, on one thread and on several.

use crate::common::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const EXACT: f64 = 1e-9;
/// Iterative measures stop at a tolerance of 1e-10 per actor; docs/measures.md promises 1e-6 of the fixed point.
const ITERATIVE: f64 = 1e-8;

fn fixture(name: &str) -> Value {
    let path = repo(&format!("tests/fixtures/networkx/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Writes a small fixture graph as a netgraph JSON network.
fn network_file(dir: &std::path::Path, fx: &Value) -> String {
    let actors: Vec<Value> = fx["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| json!({"id": id}))
        .collect();
    let flows: Vec<Value> = fx["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| json!({"from": e[0], "to": e[1], "weight": e[2]}))
        .collect();
    let net = json!({"directed": fx["directed"], "actors": actors, "flows": flows});
    let p = write(dir, "net.json", &net.to_string());
    p.to_str().unwrap().to_string()
}

/// Runs `centrality` with JSON output and returns measure → actor → score.
fn scores(args: &[&str]) -> BTreeMap<String, BTreeMap<String, Value>> {
    let mut all = vec!["centrality"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let r = run(&all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let mut out: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for m in v["measures"].as_array().unwrap() {
        let m = m.as_str().unwrap();
        for a in v["actors"].as_array().unwrap() {
            out.entry(m.to_string())
                .or_default()
                .insert(a["id"].as_str().unwrap().to_string(), a[m].clone());
        }
    }
    out
}

/// Compares our measure `ours` with the fixture's `theirs` for every actor.
fn agree(
    ours: &BTreeMap<String, BTreeMap<String, Value>>,
    fx: &Value,
    pairs: &[(&str, &str)],
    tol: f64,
) {
    for (mine, theirs) in pairs {
        let expected = match &fx["measures"][theirs] {
            Value::Object(m) => m,
            // NetworkX has no unique answer here (the fixture says why in its notes).
            Value::Null if fx["measures"].get(*theirs).is_some() => continue,
            _ => panic!("fixture has no {theirs}"),
        };
        let got = &ours[*mine];
        assert_eq!(got.len(), expected.len(), "{mine}: actor count");
        for (id, e) in expected {
            if e.is_null() {
                // NetworkX has no unique answer here (see the fixture's notes).
                continue;
            }
            let (Some(g), Some(e)) = (got[id].as_f64(), e.as_f64()) else {
                panic!(
                    "{} {mine} of {id}: netgraph {}, NetworkX {e}",
                    fx["graph"], got[id]
                );
            };
            assert!(
                (g - e).abs() <= tol,
                "{} {mine} of {id}: netgraph {g}, NetworkX {e}",
                fx["graph"]
            );
        }
    }
}

fn check_graph(fx: &Value, graph: &str, extra: &[&str]) {
    let directed = fx["directed"].as_bool().unwrap();
    let mut exact = vec![
        ("degree", "degree"),
        ("betweenness", "betweenness"),
        ("closeness", "closeness"),
        ("harmonic", "harmonic"),
    ];
    if directed {
        exact.extend([("in_degree", "in_degree"), ("out_degree", "out_degree")]);
    }
    for threads in ["1", "2"] {
        let with = |more: &[&str]| {
            let mut a = vec![graph, "--threads", threads];
            a.extend_from_slice(extra);
            a.extend_from_slice(more);
            scores(&a)
        };
        let all = with(&["--measure", "all"]);
        agree(&all, fx, &exact, EXACT);
        agree(
            &all,
            fx,
            &[
                ("pagerank", "pagerank"),
                ("eigenvector", "eigenvector"),
                ("katz", "katz"),
                ("hub", "hub"),
                ("authority", "authority"),
            ],
            ITERATIVE,
        );
        agree(
            &with(&["--measure", "betweenness", "--raw"]),
            fx,
            &[("betweenness", "betweenness_raw")],
            EXACT,
        );
        if fx["measures"].get("betweenness_w").is_some() {
            let weighted = with(&[
                "--measure",
                "betweenness,closeness,harmonic",
                "--weight",
                "weight",
            ]);
            agree(
                &weighted,
                fx,
                &[
                    ("betweenness", "betweenness_w"),
                    ("closeness", "closeness_w"),
                    ("harmonic", "harmonic_w"),
                ],
                EXACT,
            );
            let strength = with(&["--measure", "pagerank", "--weight", "weight"]);
            agree(&strength, fx, &[("pagerank", "pagerank_w")], ITERATIVE);
            let raw = with(&["--measure", "betweenness", "--raw", "--weight", "weight"]);
            agree(&raw, fx, &[("betweenness", "betweenness_w_raw")], EXACT);
        }
    }
}

fn check_small(name: &str) {
    let fx = fixture(name);
    let dir = tempfile::tempdir().unwrap();
    let file = network_file(dir.path(), &fx);
    check_graph(&fx, &file, &[]);
}

#[test]
fn path_p5() {
    check_small("p5");
}

#[test]
fn star() {
    check_small("star");
}

#[test]
fn directed_cycle_c6() {
    check_small("c6");
}

#[test]
fn bowtie_with_bridge_and_parallel_edges() {
    check_small("bowtie");
}

#[test]
fn dangling_actor_and_self_loop() {
    check_small("dangling");
}

#[test]
fn disconnected_with_isolated_actor() {
    check_small("disconnected");
}

#[test]
fn two_actors() {
    check_small("two_node");
}

#[test]
fn montagna_meetings() {
    check_graph(
        &fixture("montagna-meetings"),
        &repo("graphs/montagna-meetings.json"),
        &[],
    );
}

#[test]
fn montagna_phone() {
    check_graph(
        &fixture("montagna-phone"),
        &repo("graphs/montagna-phone.json"),
        &[],
    );
}

#[test]
fn caviar_all_phases() {
    check_graph(&fixture("caviar"), &repo("graphs/caviar.json"), &[]);
}

#[test]
fn caviar_phase_6_by_filter() {
    check_graph(
        &fixture("caviar-phase6"),
        &repo("graphs/caviar.json"),
        &["--where", "phase=6"],
    );
}
