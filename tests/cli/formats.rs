//! GraphML and GEXF: files written by NetworkX (tests/fixtures/networkx/formats.py) read by netgraph
//! give NetworkX's own centrality values; netgraph's GraphML round-trips a network with its sources.

use crate::common::*;
use serde_json::Value;

fn expected() -> Value {
    let text = std::fs::read_to_string(repo("tests/fixtures/networkx/karate.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn scores(file: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        "centrality",
        file,
        "--measure",
        "degree,betweenness",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

fn agree(got: &Value, measure: &str, want: &Value) {
    let actors = got["actors"].as_array().unwrap();
    assert_eq!(actors.len(), 34);
    for a in actors {
        let id = a["id"].as_str().unwrap();
        let (g, w) = (a[measure].as_f64().unwrap(), want[id].as_f64().unwrap());
        assert!(
            (g - w).abs() < 1e-9,
            "{measure} of {id}: {g} vs NetworkX {w}"
        );
    }
}

#[test]
fn karate_club_from_networkx_graphml_and_gexf() {
    let want = expected();
    for ext in ["graphml", "gexf"] {
        let file = repo(&format!("tests/fixtures/networkx/karate.{ext}"));
        let plain = scores(&file, &[]);
        agree(&plain, "degree", &want["degree"]);
        agree(&plain, "betweenness", &want["betweenness"]);
        let weighted = scores(&file, &["--weight", "weight"]);
        agree(&weighted, "betweenness", &want["betweenness_w"]);
        let info = run(&["info", &file, "--format", "json"]);
        let v: Value = serde_json::from_str(&info.stdout).unwrap();
        assert_eq!(
            (v["actors"].as_u64(), v["flows"].as_u64()),
            (Some(34), Some(78))
        );
        assert_eq!(v["directed"], false);
    }
}

#[test]
fn graphml_round_trips_every_shipped_network_whole() {
    for name in ["peru", "caviar", "montagna-meetings", "montagna-phone"] {
        let dir = tempfile::tempdir().unwrap();
        let src = repo(&format!("graphs/{name}.json"));
        let out = dir.path().join("net.graphml");
        let r = run(&["convert", &src, out.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let back = run(&["convert", out.to_str().unwrap(), "-"]);
        assert_eq!(back.code, 0, "{}", back.stderr);
        // Against the network as netgraph writes it (whole numbers without a fraction).
        let direct = run(&["convert", &src, "-"]);
        let a: Value = serde_json::from_str(&direct.stdout).unwrap();
        let b: Value = serde_json::from_str(&back.stdout).unwrap();
        for field in a.as_object().unwrap().keys() {
            if field == "kinds" {
                // An empty `"actors": {}` is not written back.
                assert_eq!(
                    a["kinds"]["flows"], b["kinds"]["flows"],
                    "{name}: flow kinds"
                );
                let actors = a["kinds"]
                    .get("actors")
                    .filter(|v| v != &&Value::Object(Default::default()));
                assert_eq!(actors, b["kinds"].get("actors"), "{name}: actor kinds");
            } else {
                assert_eq!(a[field], b[field], "{name}: {field}");
            }
        }
    }
}

#[test]
fn graphml_round_trips_the_peru_network() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("peru.graphml");
    let r = run(&["convert", &repo("graphs/peru.json"), out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let back = dir.path().join("back.json");
    let r = run(&["convert", out.to_str().unwrap(), back.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The same network written as JSON by netgraph (whole numbers without a fraction, as in `back`).
    let direct = dir.path().join("direct.json");
    let r = run(&[
        "convert",
        &repo("graphs/peru.json"),
        direct.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let a: Value = serde_json::from_str(&std::fs::read_to_string(&direct).unwrap()).unwrap();
    let b: Value = serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
    assert_eq!(a["actors"], b["actors"], "actors with their sources");
    assert_eq!(a["flows"], b["flows"], "flows with their sources");
    let v = run(&["validate", "--strict", back.to_str().unwrap()]);
    assert!(v.stdout.contains("0 errors"), "{}", v.stdout);
}

#[test]
fn malformed_xml_is_a_user_error_with_a_place() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "bad.graphml",
        "<graphml>\n<graph>\n<node id=\"a\">\n</graph>\n",
    );
    let r = run(&["info", p.to_str().unwrap()]);
    assert_user_error(&r, &["bad.graphml", "line 4", "malformed XML"]);
    let g = write(
        dir.path(),
        "bad.gexf",
        "<gexf><graph><edges><edge source=\"a\" target=\"b\" weight=\"x\"/></edges></graph></gexf>",
    );
    let r = run(&["info", g.to_str().unwrap()]);
    assert_user_error(&r, &["bad.gexf", "line 1", "weight"]);
}
