//! `netgraph whatif`: chains broken, surviving and new, and displacement (the criminal → legal
//! maximum flow and its routes), end to end on hand-built networks whose answers are worked out by
//! hand in the comments. The properties (against `netgraph chains` and Edmonds–Karp) are in
//! `whatif_chains_properties.rs`.

use crate::common::chains::line;
use crate::common::*;
use serde_json::{Value, json};

/// Criminal c1 (cartel), c2 (gang); hub h (city); legal b1 (bank), b2 (business); p (politician).
const LAUNDERING: &str = r#"{"actors": [
  {"id": "c1", "kind": "cartel"}, {"id": "c2", "kind": "gang"}, {"id": "h", "kind": "city"},
  {"id": "b1", "kind": "bank"}, {"id": "b2", "kind": "business"}, {"id": "p", "kind": "politician"}],
 "flows": [
  {"from": "c1", "to": "h", "kind": "cocaine", "confidence": 0.5},
  {"from": "h", "to": "b1", "kind": "cash"},
  {"from": "c1", "to": "b1", "kind": "cash", "confidence": 0.8},
  {"from": "c2", "to": "h", "kind": "cash"},
  {"from": "h", "to": "b2", "kind": "cash"},
  {"from": "c2", "to": "p", "kind": "bribes"}]}"#;

fn file(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "net.json", text);
    let s = p.to_str().unwrap().to_string();
    (dir, s)
}

fn lines(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(line).collect()
}

#[test]
fn removing_the_hub_breaks_its_chains_and_an_added_flow_makes_a_new_one() {
    let (_d, p) = file(LAUNDERING);
    let v = json_of(&run(&[
        "whatif",
        &p,
        "--remove",
        "h",
        "--add",
        "c2:b2:cash",
        "--format",
        "json",
    ]));
    // By hand, the default query (a criminal actor, an illicit or money flow first, ending in a
    // legal actor): c1-b1 (0.8), c1-h-b1, c1-h-b2 (0.5), c2-h-b1, c2-h-b2 (1). c2-p ends at a
    // politician. Without h only c1-b1 is left, and the added c2 → b2 makes c2-b2.
    let c = &v["chains"];
    assert_eq!(
        (c["before"].as_u64(), c["after"].as_u64()),
        (Some(5), Some(2))
    );
    assert_eq!(
        lines(&c["broken"]),
        ["c2-h-b1", "c2-h-b2", "c1-h-b1", "c1-h-b2"]
    );
    assert_eq!(lines(&c["surviving"]), ["c1-b1"]);
    assert_eq!(lines(&c["new"]), ["c2-b2"]);
    assert_eq!(c["truncated"], json!({"before": false, "after": false}));
    assert_eq!(c["pattern"], Value::Null);
    // Broken and new chains carry their evidence; surviving ones are compact.
    assert_eq!(c["broken"][2]["confidence"], 0.5);
    assert_eq!(c["broken"][2]["flows"][0]["sources"], json!([]));
    assert_eq!(
        c["surviving"][0]["flows"],
        json!([{"from": "c1", "to": "b1", "kind": "cash"}])
    );
    // Max flow, criminal → legal, one per flow: the cut {c1 → b1, h → b1, h → b2} has 3 flows and
    // the routes c1-b1, c1-h-b1, c2-h-b2 carry 3. After: c1-b1 and c2-b2.
    let d = &v["displacement"];
    assert_eq!(
        (d["before"].as_f64(), d["after"].as_f64()),
        (Some(3.0), Some(2.0))
    );
    let routes: Vec<String> = lines(&d["routes"]);
    assert_eq!(routes, ["c1-b1", "c2-b2"]);
    assert_eq!(d["routes"][1]["flows"][0]["kind"], "cash");
    assert_eq!(d["routes"][1]["value"], 1);
}

#[test]
fn a_flow_cut_and_added_back_with_its_kind_survives() {
    let (_d, p) = file(LAUNDERING);
    let v = json_of(&run(&[
        "whatif",
        &p,
        "--cut",
        "c1:b1",
        "--add",
        "c1:b1:cash",
        "--format",
        "json",
    ]));
    let c = &v["chains"];
    assert_eq!(c["broken"], json!([]));
    assert_eq!(c["new"], json!([]));
    assert_eq!(c["surviving"].as_array().unwrap().len(), 5);
    // Added with another kind, it is a new chain and the old one is broken.
    let v = json_of(&run(&[
        "whatif",
        &p,
        "--cut",
        "c1:b1",
        "--add",
        "c1:b1:gold",
        "--format",
        "json",
    ]));
    let c = &v["chains"];
    assert_eq!(lines(&c["broken"]), ["c1-b1"]);
    assert_eq!(lines(&c["new"]), ["c1-b1"]);
    assert_eq!(c["new"][0]["kinds"], json!(["gold"]));
}

#[test]
fn added_flows_extend_chains_and_patterns_choose_them() {
    let (_d, p) = file(LAUNDERING);
    // b1 → b2 makes no new chain: value entered the legal economy at b1, where chains end. With
    // --anywhere (a pattern's ends are free) every chain into b1 goes on to b2: b1-b2 itself,
    // c1-b1-b2, c1-h-b1-b2, c2-h-b1-b2 and h-b1-b2 are new.
    let v = json_of(&run(&[
        "whatif",
        &p,
        "--add",
        "b1:b2:cash",
        "--format",
        "json",
    ]));
    assert_eq!(v["chains"]["new"], json!([]));
    assert_eq!(v["chains"]["broken"], json!([]));
    let w = json_of(&run(&[
        "whatif",
        &p,
        "--add",
        "b1:b2:cash",
        "--pattern",
        "(@illicit|@money)+",
        "--anywhere",
        "--format",
        "json",
    ]));
    let mut new: Vec<String> = lines(&w["chains"]["new"])
        .into_iter()
        .filter(|l| l.ends_with("b1-b2"))
        .collect();
    new.sort();
    assert_eq!(
        new,
        ["b1-b2", "c1-b1-b2", "c1-h-b1-b2", "c2-h-b1-b2", "h-b1-b2"]
    );
    // Still 3: every route into b2 already had to pass through h → b2 or come from b1.
    assert_eq!(v["displacement"]["after"], 3);
    // A pattern: "cash+" chains from any actor; dropping cash breaks them all.
    let v = json_of(&run(&[
        "whatif",
        &p,
        "--drop-kind",
        "cash",
        "--pattern",
        "cash+",
        "--anywhere",
        "--max-hops",
        "2",
        "--format",
        "json",
    ]));
    let mut broken = lines(&v["chains"]["broken"]);
    broken.sort();
    // cash flows: h-b1, c1-b1, c2-h, h-b2; two-hop cash chains: c2-h-b1, c2-h-b2.
    assert_eq!(
        broken,
        ["c1-b1", "c2-h", "c2-h-b1", "c2-h-b2", "h-b1", "h-b2"]
    );
    assert_eq!(v["chains"]["pattern"], "cash+");
    assert_eq!(v["chains"]["max_hops"], 2);
    assert_eq!(v["chains"]["after"], 0);
}

/// Criminal c, legal b, hubs h1, h2, h3: c → h1 → b, c → h2 → b, c → h3 → h2.
const BALLOON: &str = r#"{"actors": [{"id": "c", "kind": "cartel"}, {"id": "b", "kind": "bank"},
  {"id": "h1", "kind": "city"}, {"id": "h2", "kind": "city"}, {"id": "h3", "kind": "port"}],
 "flows": [{"from": "c", "to": "h1", "kind": "cash", "volume": 2},
           {"from": "h1", "to": "b", "kind": "cash", "volume": 5},
           {"from": "c", "to": "h2", "kind": "cash", "volume": 3},
           {"from": "h2", "to": "b", "kind": "cash", "volume": 4},
           {"from": "c", "to": "h3", "kind": "cash", "volume": 1.5},
           {"from": "h3", "to": "h2", "kind": "cash"}]}"#;

#[test]
fn displacement_reroutes_around_a_cut() {
    let (_d, p) = file(BALLOON);
    // Only two flows enter b, so the max flow is 2; cutting c → h2 leaves it at 2: the flow
    // re-routes through h3 (the balloon effect). Removing h2 leaves only c-h1-b.
    let v = json_of(&run(&["whatif", &p, "--cut", "c:h2", "--format", "json"]));
    let d = &v["displacement"];
    assert_eq!(
        (d["before"].as_f64(), d["after"].as_f64()),
        (Some(2.0), Some(2.0))
    );
    assert_eq!(lines(&d["routes"]), ["c-h1-b", "c-h3-h2-b"]);
    let v = json_of(&run(&["whatif", &p, "--remove", "h2", "--format", "json"]));
    assert_eq!(v["displacement"]["after"], 1);
    assert_eq!(lines(&v["displacement"]["routes"]), ["c-h1-b"]);
    // Volumes as capacities: min(2, 5) through h1, min(3 + 1.5, 4) through h2 → 6; after the cut
    // h3 → h2 lacks a volume (capacity 1): 2 + min(1.5, 1) = 3, routes 2 and 1.
    let r = run(&[
        "whatif",
        &p,
        "--cut",
        "c:h2",
        "--capacity",
        "volume",
        "--format",
        "json",
    ]);
    assert!(
        r.stderr.contains("1 of 6 flows lack \"volume\""),
        "{}",
        r.stderr
    );
    let d = &json_of(&r)["displacement"];
    assert_eq!(
        (d["before"].as_f64(), d["after"].as_f64()),
        (Some(6.0), Some(3.0))
    );
    let values: Vec<f64> = d["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, [2.0, 1.0]);
}

#[test]
fn tables_show_counts_side_by_side_and_the_changed_chains() {
    let (dir, p) = file(LAUNDERING);
    let s = write(
        dir.path(),
        "s.json",
        r#"{"scenarios": [{"name": "raid-h", "edits": [{"remove": "h"}]},
                          {"name": "new-bank", "edits": [{"add": {"from": "c2", "to": "b2", "kind": "cash"}}]}]}"#,
    );
    let r = run(&["whatif", &p, "--scenario", s.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let row = |label: &str| -> Vec<String> {
        let l = r.stdout.lines().find(|l| l.starts_with(label)).unwrap();
        l[label.len()..]
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    assert_eq!(row("chains "), ["5", "1", "6"]);
    assert_eq!(row("  broken"), ["4", "0"]);
    assert_eq!(row("  surviving"), ["1", "5"]);
    assert_eq!(row("  new"), ["0", "1"]);
    // c2 → b2 adds a fourth flow-disjoint route: c1-b1, c1-h-b1, c2-h-b2, c2-b2.
    assert_eq!(row("max flow criminal → legal"), ["3", "1", "4"]);
    assert!(
        r.stdout.contains("broken chains, raid-h (4):\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("new chains, new-bank (1):\n         1  c2 ─cash→ b2\n")
    );
    assert!(
        r.stdout
            .contains("max-flow routes from criminal to legal actors, raid-h (1):\n")
    );
    // --chains-shown caps the chains listed per scenario, saying how many there are.
    let few = run(&[
        "whatif",
        &p,
        "--scenario",
        s.to_str().unwrap(),
        "--chains-shown",
        "2",
    ]);
    assert_eq!(few.code, 0, "{}", few.stderr);
    let listed = |text: &str| {
        let from = text.find("broken chains, raid-h").unwrap();
        text[from..]
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .count()
    };
    assert!(
        few.stdout
            .contains("broken chains, raid-h (4, the 2 with most evidence):\n"),
        "{}",
        few.stdout
    );
    assert_eq!((listed(&r.stdout), listed(&few.stdout)), (4, 2));
    // JSON from a file: the same sections per scenario.
    let v = json_of(&run(&[
        "whatif",
        &p,
        "--scenario",
        s.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(
        v["scenarios"][1]["chains"]["new"][0]["actors"],
        json!(["c2", "b2"])
    );
    assert_eq!(v["scenarios"][0]["displacement"]["after"], 1);
}

#[test]
fn threads_give_the_same_bytes_and_the_limit_is_reported() {
    let (_d, p) = file(LAUNDERING);
    let one = run(&[
        "whatif",
        &p,
        "--remove",
        "h",
        "--threads",
        "1",
        "--format",
        "json",
    ]);
    let two = run(&[
        "whatif",
        &p,
        "--remove",
        "h",
        "--threads",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(one.stdout, two.stdout);
    let r = run(&[
        "whatif", &p, "--remove", "h", "--limit", "2", "--format", "json",
    ]);
    let v = json_of(&r);
    assert_eq!(
        v["chains"]["truncated"],
        json!({"before": true, "after": false})
    );
    assert!(
        r.stderr.contains("chains before: stopped after 2 chains"),
        "{}",
        r.stderr
    );
    for bad in [
        vec!["whatif", &p, "--remove", "h", "--pattern", "(cash"],
        vec!["whatif", &p, "--remove", "h", "--threads", "0"],
        vec![
            "whatif",
            &p,
            "--attack",
            "degree",
            "--steps",
            "1",
            "--pattern",
            "cash",
        ],
    ] {
        let r = run(&bad);
        assert_eq!(
            (r.code, r.stdout.as_str()),
            (2, ""),
            "{bad:?}: {}",
            r.stderr
        );
    }
    let (_e, q) = file(&BALLOON.replace("\"volume\": 2", "\"volume\": 2, \"cap\": -2"));
    assert_user_error(
        &run(&["whatif", &q, "--remove", "h3", "--capacity", "cap"]),
        &["flows[0]", "capacity -2", "\"cap\""],
    );
    let (_f, q) = file(&BALLOON.replace("\"volume\": 2", "\"volume\": 2, \"cap\": \"lots\""));
    assert_user_error(
        &run(&["whatif", &q, "--remove", "h3", "--capacity", "cap"]),
        &["flows[0]", "cap"],
    );
}

#[test]
fn networks_without_criminal_or_legal_actors_show_zeros_only() {
    let (_d, p) = file(
        r#"{"actors": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
            "flows": [{"from": "a", "to": "b", "kind": "cash"}, {"from": "b", "to": "c", "kind": "cash"}]}"#,
    );
    let r = run(&["whatif", &p, "--remove", "b"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let row = r
        .stdout
        .lines()
        .find(|l| l.starts_with("max flow criminal → legal"))
        .unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[cells.len() - 2..], ["0", "0"], "{row}");
    assert!(!r.stdout.contains("broken chains") && !r.stdout.contains("max-flow routes"));
    let v = json_of(&run(&["whatif", &p, "--remove", "b", "--format", "json"]));
    assert_eq!(
        v["displacement"],
        json!({"before": 0, "after": 0, "routes": []})
    );
    // A pattern needs no classes: "cash" chains a-b and b-c break with b.
    let v = json_of(&run(&[
        "whatif",
        &p,
        "--remove",
        "b",
        "--pattern",
        "cash",
        "--anywhere",
        "--format",
        "json",
    ]));
    assert_eq!(lines(&v["chains"]["broken"]), ["a-b", "b-c"]);
}

/// Cartel c, criminal group m, police pol, city x, banks b and b2: c ─cash→ m ─cash→ b,
/// c ─gold→ x ─gold→ b2, and c ─rivalry→ pol ─seizure→ b (no value moves through the police).
const VALUE_ROUTES: &str = r#"{"actors": [{"id": "c", "kind": "cartel"}, {"id": "m", "kind": "criminal-group"},
  {"id": "pol", "kind": "police"}, {"id": "x", "kind": "city"}, {"id": "b", "kind": "bank"},
  {"id": "b2", "kind": "bank"}],
 "flows": [{"from": "c", "to": "m", "kind": "cash"}, {"from": "m", "to": "b", "kind": "cash"},
           {"from": "c", "to": "x", "kind": "gold"}, {"from": "x", "to": "b2", "kind": "gold"},
           {"from": "c", "to": "pol", "kind": "rivalry"}, {"from": "pol", "to": "b", "kind": "seizure"}]}"#;

#[test]
fn what_if_follows_value_and_says_where_a_broken_channel_goes() {
    let (_d, p) = file(VALUE_ROUTES);
    // --remove takes a kind (m is the only criminal group); --watch takes classes.
    let v = json_of(&run(&[
        "whatif",
        &p,
        "--remove",
        "criminal-group",
        "--watch",
        "c:b,@criminal:@legal",
        "--format",
        "json",
    ]));
    // Before: c reaches b through m (2 hops); the nearest criminal → legal pair is m → b (1).
    // After: nothing carries value from c to b — the rivalry and the seizure do not.
    let w = &v["watch"];
    assert_eq!(w[0]["before"]["path"], json!(["c", "m", "b"]));
    assert_eq!(w[0]["after"]["reachable"], false);
    assert_eq!(w[1]["from"], "@criminal");
    assert_eq!(w[1]["before"]["path"], json!(["m", "b"]));
    assert_eq!(w[1]["after"]["path"], json!(["c", "x", "b2"]));
    // Channels: m → b (origins c, m; 2 chains) and x → b2 (origin c). Removing m breaks the
    // first; its origin c still feeds x → b2, with max flow 1 into the legal actors.
    let ch = &v["channels"];
    assert_eq!(
        (ch["before"].as_u64(), ch["after"].as_u64()),
        (Some(2), Some(1))
    );
    let broken = &ch["broken"][0];
    assert_eq!(
        (
            broken["entry"]["from"].as_str(),
            broken["entry"]["to"].as_str()
        ),
        (Some("m"), Some("b"))
    );
    assert_eq!(broken["origins"], json!(["c", "m"]));
    assert_eq!(broken["chains"], 2);
    assert_eq!(broken["displaced"]["origins"], json!(["c"]));
    assert_eq!(
        broken["displaced"]["reach"],
        json!([{"from": "x", "to": "b2", "kind": "gold"}])
    );
    assert_eq!(broken["displaced"]["capacity"], 1);
    assert_eq!(ch["surviving"].as_array().unwrap().len(), 1);
    assert_eq!(ch["new"], json!([]));
    // Max flow, criminal → legal over value flows: m → b and x → b2 before (2), x → b2 after.
    assert_eq!(v["displacement"]["before"], 2);
    assert_eq!(v["displacement"]["after"], 1);
    // --route-flows . routes along every flow: c → pol → b is then a route.
    let v = json_of(&run(&[
        "whatif",
        &p,
        "--remove",
        "m",
        "--watch",
        "c:b",
        "--route-flows",
        ".",
        "--format",
        "json",
    ]));
    assert_eq!(v["watch"][0]["after"]["path"], json!(["c", "pol", "b"]));
    assert_eq!(v["displacement"]["after"], 2);
    // Unknown route kinds are bad usage with the closest names.
    let r = run(&["whatif", &p, "--remove", "m", "--route-flows", "cahs"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("did you mean \"cash\""), "{}", r.stderr);
    let r = run(&["whatif", &p, "--remove", "m", "--pattern", "cash gld"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("unknown flow kind \"gld\""),
        "{}",
        r.stderr
    );
    // The table says what it counted and lists the broken channel with where it goes instead.
    let r = run(&["whatif", &p, "--remove", "m"]);
    assert!(
        r.stdout
            .contains("along value flows (commodity, money, asset)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("m ─cash→ b  (origins: c, m; 2 chains)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("instead: origins left (c) still feed x ─gold→ b2; capacity left 1"),
        "{}",
        r.stdout
    );
}
