//! `netgraph groups`: partitions cover every actor once, the reported modularity equals an
//! independent recomputation on the undirected view (1e-9), Leiden reaches at least 0.99 × the best
//! of NetworkX's `louvain_communities` over ten seeds (tests/fixtures/networkx/communities.json,
//! from generate.py), components match NetworkX's, and a seed gives the same bytes.

use crate::common::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

fn communities() -> Value {
    let path = repo("tests/fixtures/networkx/communities.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A classic fixture graph (edges listed) written as a netgraph network.
fn classic(dir: &std::path::Path, name: &str) -> String {
    let path = repo(&format!("tests/fixtures/networkx/{name}.json"));
    let fx: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
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
    write(dir, &format!("{name}.json"), &net.to_string())
        .to_str()
        .unwrap()
        .to_string()
}

/// Modularity of a partition of the undirected view of a netgraph JSON file, from scratch: one tie
/// per unordered pair, weighted by the summed `weight` (or 1), a self-loop counted once in the tie
/// weights and twice in the degree.
fn modularity(file: &str, groups: &Value, weighted: bool, gamma: f64) -> f64 {
    let net: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let mut ties: BTreeMap<(String, String), f64> = BTreeMap::new();
    for f in net["flows"].as_array().unwrap() {
        let (a, b) = (f["from"].as_str().unwrap(), f["to"].as_str().unwrap());
        let key = if a <= b { (a, b) } else { (b, a) };
        let w = if weighted {
            f["weight"].as_f64().unwrap_or(1.0)
        } else {
            1.0
        };
        let e = ties.entry((key.0.into(), key.1.into())).or_insert(0.0);
        *e = if weighted { *e + w } else { 1.0 };
    }
    let mut group: BTreeMap<String, usize> = BTreeMap::new();
    for (i, g) in groups.as_array().unwrap().iter().enumerate() {
        for a in g["actors"].as_array().unwrap() {
            group.insert(a.as_str().unwrap().into(), i);
        }
    }
    let m: f64 = ties.values().sum();
    let mut inside = vec![0.0; group.len()];
    let mut degree = vec![0.0; group.len()];
    for ((a, b), w) in &ties {
        let (ga, gb) = (group[a], group[b]);
        degree[ga] += w;
        degree[gb] += w;
        if ga == gb {
            inside[ga] += w;
        }
    }
    inside
        .iter()
        .zip(&degree)
        .map(|(l, d)| l / m - gamma * (d / (2.0 * m)).powi(2))
        .sum()
}

fn groups(args: &[&str]) -> (Value, String) {
    let mut all = vec!["groups"];
    all.extend_from_slice(args);
    // Every flow: the fixtures are computed on the whole network (Peru declares a default layer).
    all.extend_from_slice(&["--format", "json", "--layer", "all"]);
    let r = run(&all);
    (json_of(&r), r.stdout)
}

/// Every actor of the file exactly once; groups by size, then first id.
fn covers(file: &str, out: &Value) {
    let net: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let ids: BTreeSet<&str> = net["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let mut seen = BTreeSet::new();
    let mut last: Option<(usize, String)> = None;
    for g in out["groups"].as_array().unwrap() {
        let actors: Vec<&str> = g["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        assert_eq!(g["size"], actors.len());
        for a in &actors {
            assert!(seen.insert(*a), "{a} in two groups");
        }
        let key = (actors.len(), actors[0].to_string());
        if let Some((size, first)) = &last {
            assert!(*size > key.0 || (*size == key.0 && *first < key.1), "order");
        }
        last = Some(key);
    }
    assert_eq!(seen, ids);
}

fn check_leiden(file: &str, name: &str, weighted: bool) {
    let fx = &communities()["graphs"][name];
    let best = fx["louvain_best"].as_f64().unwrap();
    let mut args = vec![file, "--method", "leiden", "--seed", "7"];
    if weighted {
        args.extend_from_slice(&["--weight", "weight"]);
    }
    let (out, text) = groups(&args);
    covers(file, &out);
    let q = out["modularity"].as_f64().unwrap();
    assert!((q - modularity(file, &out["groups"], weighted, 1.0)).abs() < 1e-9);
    assert!(
        q >= 0.99 * best,
        "{name}: Leiden {q}, NetworkX's best Louvain {best}"
    );
    assert_eq!(groups(&args).1, text, "same seed, same bytes");
    let (louvain, _) = groups(&[file, "--method", "louvain", "--resolution", "1.5"]);
    covers(file, &louvain);
    let ql = louvain["modularity"].as_f64().unwrap();
    assert!((ql - modularity(file, &louvain["groups"], false, 1.5)).abs() < 1e-9);
}

#[test]
fn karate_club() {
    let dir = tempfile::tempdir().unwrap();
    check_leiden(&classic(dir.path(), "karate_club"), "karate_club", false);
}

#[test]
fn les_miserables_unweighted_and_weighted() {
    let dir = tempfile::tempdir().unwrap();
    let file = classic(dir.path(), "les_miserables");
    check_leiden(&file, "les_miserables", false);
    check_leiden(&file, "les_miserables_w", true);
}

#[test]
fn montagna_and_caviar() {
    check_leiden(
        &repo("graphs/montagna-meetings.json"),
        "montagna-meetings",
        false,
    );
    check_leiden(&repo("graphs/caviar.json"), "caviar", false);
    check_leiden(&repo("graphs/peru.json"), "peru", false);
}

#[test]
fn components_match_networkx() {
    for name in ["caviar", "peru"] {
        let file = repo(&format!("graphs/{name}.json"));
        for (method, key) in [("weak", "weak_components"), ("strong", "strong_components")] {
            let (out, _) = groups(&[&file, "--method", method]);
            covers(&file, &out);
            let mut got: Vec<Vec<String>> = out["groups"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| {
                    let mut a: Vec<String> = g["actors"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|x| x.as_str().unwrap().to_string())
                        .collect();
                    a.sort();
                    a
                })
                .collect();
            got.sort();
            let want: Vec<Vec<String>> =
                serde_json::from_value(communities()["graphs"][name][key].clone()).unwrap();
            assert_eq!(got, want, "{name} {method}");
        }
    }
}

#[test]
fn kcore_shells_and_empty_views() {
    let file = repo("graphs/montagna-meetings.json");
    let (out, _) = groups(&[&file, "--method", "kcore"]);
    covers(&file, &out);
    let fx: Value = serde_json::from_str(
        &std::fs::read_to_string(repo("tests/fixtures/networkx/montagna-meetings.json")).unwrap(),
    )
    .unwrap();
    for g in out["groups"].as_array().unwrap() {
        for a in g["actors"].as_array().unwrap() {
            assert_eq!(
                fx["measures"]["core_number"][a.as_str().unwrap()],
                g["core"].as_f64().unwrap()
            );
        }
    }
    // No tie at all: every actor alone, modularity undefined (null), said on stderr.
    let r = run(&[
        "groups",
        &file,
        "--where",
        "weight>1000000",
        "--format",
        "json",
    ]);
    let v = json_of(&r);
    assert!(v["modularity"].is_null());
    assert!(r.stderr.contains("undefined"), "{}", r.stderr);
}

#[test]
fn communities_feed_brokerage_and_clusters() {
    // --groups community must equal brokerage by a field holding the groups' numbers.
    let file = repo("graphs/montagna-meetings.json");
    let (out, _) = groups(&[&file, "--method", "leiden"]);
    let mut net: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let mut cell = BTreeMap::new();
    for g in out["groups"].as_array().unwrap() {
        for a in g["actors"].as_array().unwrap() {
            cell.insert(a.as_str().unwrap().to_string(), g["id"].clone());
        }
    }
    for a in net["actors"].as_array_mut().unwrap() {
        let id = a["id"].as_str().unwrap().to_string();
        a["cell"] = cell[&id].clone();
    }
    let dir = tempfile::tempdir().unwrap();
    let copy = write(dir.path(), "m.json", &net.to_string());
    let copy = copy.to_str().unwrap();
    let by = |f: &str, field: &str| {
        let r = run(&[
            "centrality",
            f,
            "--measure",
            "brokerage",
            "--groups",
            field,
            "--format",
            "csv",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
    };
    assert_eq!(by(&file, "community"), by(copy, "cell"));
    // One box per community of two or more actors.
    let dot = run(&["dot", &file, "--cluster", "community"]);
    let boxes = dot.stdout.matches("label=\"community ").count();
    let big = out["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["size"].as_u64().unwrap() >= 2)
        .count();
    assert_eq!((dot.code, boxes), (0, big));
}

#[test]
fn color_by_community_fills_each_community_alike() {
    let file = repo("graphs/montagna-meetings.json");
    let (out, _) = groups(&[&file]);
    let dot = run(&["dot", &file, "--color-by", "community"]);
    assert_eq!(dot.code, 0, "{}", dot.stderr);
    assert!(dot.stdout.contains("fill colour: Leiden community"));
    let fill = |id: &str| {
        let at = dot.stdout.find(&format!("\n  \"{id}\"[")).unwrap();
        let rest = &dot.stdout[at..];
        let f = rest.find("fillcolor=\"").unwrap() + 11;
        rest[f..f + 7].to_string()
    };
    let mut first_fills = Vec::new();
    for g in out["groups"].as_array().unwrap().iter().take(7) {
        let ids: Vec<&str> = g["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        let f = fill(ids[0]);
        assert!(
            ids.iter().all(|id| fill(id) == f),
            "one colour per community"
        );
        first_fills.push(f);
    }
    let distinct: BTreeSet<_> = first_fills.iter().collect();
    assert_eq!(
        distinct.len(),
        first_fills.len(),
        "the seven largest differ"
    );
}
