//! Structural measures against NetworkX (issue 13): constraint, effective size, clustering, core
//! numbers, cut points, betweenness with endpoints, personalised PageRank, and Gould–Fernandez
//! brokerage against a brute-force count. The fixtures in tests/fixtures/networkx/ come from the
//! committed script `generate.py` (NetworkX 3.6.1), not from netgraph. Exact measures agree to 1e-9,
//! PageRank to 1e-8; an undefined value (NaN in NetworkX, null in the fixture) must be null here too.
//! Every check runs on one thread and on two.

use crate::common::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const EXACT: f64 = 1e-9;
const ITERATIVE: f64 = 1e-8;

fn fixture(name: &str) -> Value {
    let path = repo(&format!("tests/fixtures/networkx/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Writes a fixture graph that lists its edges as a netgraph JSON network.
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
    write(dir, "net.json", &net.to_string())
        .to_str()
        .unwrap()
        .to_string()
}

type Columns = BTreeMap<String, BTreeMap<String, Value>>;

/// Runs `centrality` with JSON output: measure → actor → score.
fn scores(args: &[&str]) -> Columns {
    let mut all = vec!["centrality"];
    all.extend_from_slice(args);
    // Every flow: the fixtures are computed on the whole network (Peru declares a default layer).
    all.extend_from_slice(&["--format", "json", "--layer", "all"]);
    let v = json_of(&run(&all));
    let mut out = Columns::new();
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

/// Our measure `mine` against the fixture's `theirs`, actor by actor; null only where NetworkX has NaN.
fn agree(ours: &Columns, fx: &Value, mine: &str, theirs: &str, tol: f64) {
    let expected = fx["measures"][theirs]
        .as_object()
        .unwrap_or_else(|| panic!("fixture {} has no {theirs}", fx["graph"]));
    let got = &ours[mine];
    assert_eq!(got.len(), expected.len(), "{mine}: actor count");
    for (id, e) in expected {
        let g = &got[id];
        match (g.as_f64(), e.as_f64()) {
            (None, None) => assert!(g.is_null() && e.is_null()),
            (Some(g), Some(e)) => assert!(
                (g - e).abs() <= tol,
                "{} {mine} of {id}: netgraph {g}, NetworkX {e}",
                fx["graph"]
            ),
            _ => panic!("{} {mine} of {id}: netgraph {g}, NetworkX {e}", fx["graph"]),
        }
    }
}

/// Runs `pairs` with JSON output: (from, to) → measure → score; undirected pairs keyed in id order.
fn pair_scores(args: &[&str], directed: bool) -> BTreeMap<(String, String), Value> {
    let mut all = vec!["pairs"];
    all.extend_from_slice(args);
    // Every flow: the fixtures are computed on the whole network (Peru declares a default layer).
    all.extend_from_slice(&["--format", "json", "--layer", "all"]);
    let v = json_of(&run(&all));
    let mut out = BTreeMap::new();
    for p in v["pairs"].as_array().unwrap() {
        let (a, b) = (p["from"].as_str().unwrap(), p["to"].as_str().unwrap());
        let key = if directed || a <= b { (a, b) } else { (b, a) };
        let old = out.insert((key.0.to_string(), key.1.to_string()), p.clone());
        assert!(old.is_none(), "pair {key:?} twice");
    }
    out
}

/// Our pair measure against the fixture's list of [from, to, value] (self-loops are not pairs).
fn agree_pairs(ours: &BTreeMap<(String, String), Value>, fx: &Value, mine: &str, theirs: &str) {
    let expected: Vec<&Value> = fx["pairs"][theirs]
        .as_array()
        .unwrap_or_else(|| panic!("fixture has no pairs.{theirs}"))
        .iter()
        .filter(|e| e[0] != e[1])
        .collect();
    assert_eq!(
        ours.len(),
        expected.len(),
        "{} {theirs}: pair count",
        fx["graph"]
    );
    for e in expected {
        let key = (
            e[0].as_str().unwrap().to_string(),
            e[1].as_str().unwrap().to_string(),
        );
        let got = ours
            .get(&key)
            .unwrap_or_else(|| panic!("{} {theirs}: no pair {key:?}", fx["graph"]))[mine]
            .as_f64()
            .unwrap();
        let want = e[2].as_f64().unwrap();
        assert!(
            (got - want).abs() <= EXACT,
            "{} {theirs} of {key:?}: netgraph {got}, NetworkX {want}",
            fx["graph"]
        );
    }
}

fn check(fx: &Value, graph: &str, extra: &[&str]) {
    let personalize: Vec<&str> = fx["personalize"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let personalize = personalize.join(",");
    let directed = fx["directed"].as_bool().unwrap();
    for threads in ["1", "2"] {
        let pairs = |more: &[&str]| {
            let mut a = vec![graph, "--threads", threads];
            a.extend_from_slice(extra);
            a.extend_from_slice(more);
            pair_scores(&a, directed)
        };
        let both = pairs(&["--measure", "edge_betweenness,bridge"]);
        agree_pairs(&both, fx, "edge_betweenness", "edge_betweenness");
        agree_pairs(&both, fx, "bridge", "bridge");
        let raw = pairs(&["--measure", "edge_betweenness", "--raw"]);
        agree_pairs(&raw, fx, "edge_betweenness", "edge_betweenness_raw");
        let w = pairs(&["--measure", "edge_betweenness", "--weight", "weight"]);
        agree_pairs(&w, fx, "edge_betweenness", "edge_betweenness_w");
        let with = |more: &[&str]| {
            let mut a = vec![graph, "--threads", threads];
            a.extend_from_slice(extra);
            a.extend_from_slice(more);
            scores(&a)
        };
        let structural = ["constraint", "effective_size", "clustering"];
        let plain = with(&[
            "--measure",
            "constraint,effective_size,clustering,core_number,cutpoint",
        ]);
        for m in structural.iter().chain(&["core_number", "cutpoint"]) {
            agree(&plain, fx, m, m, EXACT);
        }
        let weighted = with(&[
            "--measure",
            "constraint,effective_size,clustering",
            "--weight",
            "weight",
        ]);
        for m in structural {
            agree(&weighted, fx, m, &format!("{m}_w"), EXACT);
        }
        let b = "betweenness";
        let ends = |more: &[&str]| {
            let mut a = vec!["--measure", b, "--endpoints"];
            a.extend_from_slice(more);
            with(&a)
        };
        agree(&ends(&[]), fx, b, "betweenness_endpoints", EXACT);
        agree(&ends(&["--raw"]), fx, b, "betweenness_endpoints_raw", EXACT);
        agree(
            &ends(&["--weight", "weight"]),
            fx,
            b,
            "betweenness_endpoints_w",
            EXACT,
        );
        let p = "pagerank";
        let pr = with(&["--measure", p, "--personalize", &personalize]);
        agree(&pr, fx, p, "pagerank_personalized", ITERATIVE);
        let prw = with(&[
            "--measure",
            p,
            "--personalize",
            &personalize,
            "--weight",
            "weight",
        ]);
        agree(&prw, fx, p, "pagerank_personalized_w", ITERATIVE);
        if let Some(field) = fx["brokerage_groups"].as_str() {
            let br = with(&["--measure", "brokerage", "--groups", field]);
            for role in [
                "coordinator",
                "consultant",
                "gatekeeper",
                "representative",
                "liaison",
            ] {
                let m = format!("brokerage_{role}");
                agree(&br, fx, &m, &m, 0.0);
            }
        }
    }
}

fn check_small(name: &str) {
    let fx = fixture(name);
    let dir = tempfile::tempdir().unwrap();
    let file = network_file(dir.path(), &fx);
    check(&fx, &file, &[]);
}

#[test]
fn hand_made_graphs() {
    for name in [
        "p5",
        "star",
        "c6",
        "bowtie",
        "dangling",
        "disconnected",
        "two_node",
    ] {
        check_small(name);
    }
}

#[test]
fn karate_club() {
    check_small("karate_club");
}

#[test]
fn florentine_families() {
    check_small("florentine");
}

#[test]
fn les_miserables() {
    check_small("les_miserables");
}

#[test]
fn random_directed() {
    check_small("random_directed");
}

#[test]
fn random_undirected() {
    check_small("random_undirected");
}

#[test]
fn montagna_meetings_with_families() {
    check(
        &fixture("montagna-meetings"),
        &repo("graphs/montagna-meetings.json"),
        &[],
    );
}

#[test]
fn montagna_phone_with_families() {
    check(
        &fixture("montagna-phone"),
        &repo("graphs/montagna-phone.json"),
        &[],
    );
}

#[test]
fn caviar() {
    check(&fixture("caviar"), &repo("graphs/caviar.json"), &[]);
    check(
        &fixture("caviar-phase6"),
        &repo("graphs/caviar.json"),
        &["--where", "phase=6"],
    );
}

#[test]
fn peru_by_kind() {
    check(&fixture("peru"), &repo("graphs/peru.json"), &[]);
}
