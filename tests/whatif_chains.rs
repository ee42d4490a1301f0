//! `netgraph whatif`: chains broken, surviving and new, and displacement (the criminal → legal
//! maximum flow and its routes), end to end — against hand computation, against `netgraph chains`
//! run on the network edited by hand, and against an Edmonds–Karp maximum flow written here.

mod common;
use common::edits::{ACTOR_KINDS, IDS, case};
use common::*;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, VecDeque};

fn json_of(r: &Run) -> Value {
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

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

/// A chain as a line of actor ids.
fn line(chain: &Value) -> String {
    let ids: Vec<&str> = chain["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    ids.join("-")
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
    // b1 → b2 lets every chain into b1 go on to b2: c1-b1-b2, c1-h-b1-b2, c2-h-b1-b2 are new.
    let v = json_of(&run(&[
        "whatif",
        &p,
        "--add",
        "b1:b2:cash",
        "--format",
        "json",
    ]));
    let mut new = lines(&v["chains"]["new"]);
    new.sort();
    assert_eq!(new, ["c1-b1-b2", "c1-h-b1-b2", "c2-h-b1-b2"]);
    assert_eq!(v["chains"]["broken"], json!([]));
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

// ---------------------------------------------------------------------------------------------
// Properties: the diff against `netgraph chains` on the network edited by hand, and the max flow
// against Edmonds–Karp.
// ---------------------------------------------------------------------------------------------

/// A chain's identity: its actors and its flows' (from, to, kind).
fn key(chain: &Value) -> String {
    let flows: Vec<String> = chain["flows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}>{}:{}", f["from"], f["to"], f["kind"]))
        .collect();
    format!("{} [{}]", line(chain), flows.join(" "))
}

/// Chains counted by identity.
fn multiset<'a>(lists: impl IntoIterator<Item = &'a Value>) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for list in lists {
        for c in list.as_array().unwrap() {
            *m.entry(key(c)).or_insert(0) += 1;
        }
    }
    m
}

/// Actor kinds of the built-in classes `criminal` and `legal` (DESIGN §1).
const CRIMINAL: [&str; 8] = [
    "family-clan",
    "cartel",
    "gang",
    "mafia",
    "guerrilla",
    "criminal-group",
    "trafficker",
    "armed-group",
];
const LEGAL: [&str; 8] = [
    "business",
    "mining-company",
    "exporter",
    "bank",
    "money-changer",
    "real-estate",
    "retailer",
    "market",
];

/// Edmonds–Karp (Edmonds & Karp 1972): shortest augmenting paths on a residual matrix, from every
/// criminal actor to every legal one of a network file, one unit per flow and direction.
fn edmonds_karp(net: &Value) -> i64 {
    let actors = net["actors"].as_array().unwrap();
    let ids: Vec<&str> = actors.iter().map(|a| a["id"].as_str().unwrap()).collect();
    let n = ids.len() + 2;
    let (s, t) = (n - 2, n - 1);
    let mut cap = vec![vec![0i64; n]; n];
    let at = |id: &str| ids.iter().position(|x| *x == id).unwrap();
    for f in net["flows"].as_array().unwrap() {
        let (a, b) = (
            at(f["from"].as_str().unwrap()),
            at(f["to"].as_str().unwrap()),
        );
        if a != b {
            cap[a][b] += 1;
            if net["directed"] == false {
                cap[b][a] += 1;
            }
        }
    }
    for (i, a) in actors.iter().enumerate() {
        let kind = a["kind"].as_str().unwrap_or("actor");
        if CRIMINAL.contains(&kind) {
            cap[s][i] = 100_000;
        } else if LEGAL.contains(&kind) {
            cap[i][t] = 100_000;
        }
    }
    let mut total = 0;
    loop {
        let mut prev = vec![usize::MAX; n];
        prev[s] = s;
        let mut queue = VecDeque::from([s]);
        while let Some(u) = queue.pop_front() {
            for v in 0..n {
                if prev[v] == usize::MAX && cap[u][v] > 0 {
                    prev[v] = u;
                    queue.push_back(v);
                }
            }
        }
        if prev[t] == usize::MAX {
            return total;
        }
        let mut push = i64::MAX;
        let mut v = t;
        while v != s {
            push = push.min(cap[prev[v]][v]);
            v = prev[v];
        }
        let mut v = t;
        while v != s {
            cap[prev[v]][v] -= push;
            cap[v][prev[v]] += push;
            v = prev[v];
        }
        total += push;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn the_diff_partitions_both_sides_and_the_flow_is_maximum(
        c in case(),
        pattern in prop::sample::select(vec![None, Some("cash .*"), Some("(gold|cash)+ real-estate?")]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let before = c.network();
        let after = c.edited();
        let b = write(dir.path(), "before.json", &before.to_string());
        let a = write(dir.path(), "after.json", &after.to_string());
        let mut args: Vec<String> = vec!["whatif".into(), b.to_str().unwrap().into()];
        args.extend(c.args());
        let mut query: Vec<String> = vec!["--max-hops".into(), "4".into()];
        if let Some(p) = pattern {
            query.extend(["--pattern".into(), p.into()]);
        }
        args.extend(query.iter().cloned());
        args.extend(["--format".into(), "json".into()]);
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let v = json_of(&run(&argv));
        let chains_of = |path: &std::path::Path| {
            let mut argv = vec!["chains", path.to_str().unwrap(), "--all", "--format", "json"];
            argv.extend(query.iter().map(String::as_str));
            json_of(&run(&argv))["chains"].clone()
        };
        let ch = &v["chains"];
        prop_assert_eq!(
            multiset([&ch["broken"], &ch["surviving"]]),
            multiset([&chains_of(&b)])
        );
        prop_assert_eq!(multiset([&ch["surviving"], &ch["new"]]), multiset([&chains_of(&a)]));
        prop_assert_eq!(ch["truncated"].clone(), json!({"before": false, "after": false}));

        let d = &v["displacement"];
        prop_assert_eq!(d["before"].as_i64(), Some(edmonds_karp(&before)));
        prop_assert_eq!(d["after"].as_i64(), Some(edmonds_karp(&after)));
        // The routes: criminal to legal along flows of the edited network, no flow used more than
        // once per direction, adding up to the value.
        let kind_of = |id: &str| {
            let i = IDS.iter().position(|x| *x == id).unwrap();
            ACTOR_KINDS[c.actor_kinds[i]]
        };
        // Each flow carries one unit per direction it is followed in.
        let mut used: BTreeMap<(String, String, String), i64> = BTreeMap::new();
        let mut total = 0;
        for r in d["routes"].as_array().unwrap() {
            let ids: Vec<&str> = r["actors"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
            prop_assert_eq!(kind_of(ids[0]), "cartel");
            prop_assert_eq!(kind_of(ids[ids.len() - 1]), "bank");
            for (j, f) in r["flows"].as_array().unwrap().iter().enumerate() {
                let (from, to) = (f["from"].as_str().unwrap(), f["to"].as_str().unwrap());
                let forward = (from, to) == (ids[j], ids[j + 1]);
                prop_assert!(forward || (after["directed"] == false && (to, from) == (ids[j], ids[j + 1])));
                let exists = after["flows"].as_array().unwrap().iter().filter(|g| g["from"] == from && g["to"] == to && g["kind"] == f["kind"]).count() as i64;
                let k = (format!("{}>{}", ids[j], ids[j + 1]), format!("{from}>{to}"), f["kind"].to_string());
                let u = used.entry(k).or_insert(0);
                *u += r["value"].as_i64().unwrap();
                prop_assert!(*u <= exists, "a flow carries more than its capacity");
            }
            total += r["value"].as_i64().unwrap();
        }
        prop_assert_eq!(Some(total), d["after"].as_i64());
    }
}

/// A scenario file's edits applied by hand to a network file: removals, cuts (each naming a kind,
/// as the documented file's do) and added flows.
fn apply_by_hand(net: &Value, edits: &Value) -> Value {
    let mut out = net.clone();
    for e in edits.as_array().unwrap() {
        let flows = out["flows"].as_array().unwrap().clone();
        if let Some(id) = e["remove"].as_str() {
            let actors = out["actors"].as_array().unwrap().clone();
            out["actors"] = actors.into_iter().filter(|a| a["id"] != id).collect();
            out["flows"] = flows
                .into_iter()
                .filter(|f| f["from"] != id && f["to"] != id)
                .collect();
        } else if let Some(cut) = e.get("cut") {
            out["flows"] = flows
                .into_iter()
                .filter(|f| {
                    !(f["from"] == cut["from"] && f["to"] == cut["to"] && f["kind"] == cut["kind"])
                })
                .collect();
        } else if let Some(add) = e.get("add") {
            out["flows"].as_array_mut().unwrap().push(add.clone());
        }
    }
    out
}

#[test]
fn the_documented_peru_scenarios_against_chains_and_edmonds_karp() {
    let peru: Value =
        serde_json::from_str(&std::fs::read_to_string(repo("graphs/peru.json")).unwrap()).unwrap();
    let file: Value = serde_json::from_str(
        &std::fs::read_to_string(repo("docs/examples/peru-scenarios.json")).unwrap(),
    )
    .unwrap();
    let v = json_of(&run(&[
        "whatif",
        "--scenario",
        &repo("docs/examples/peru-scenarios.json"),
        "--format",
        "json",
    ]));
    let dir = tempfile::tempdir().unwrap();
    let chains_of = |net: &Value, name: &str| {
        let p = write(dir.path(), name, &net.to_string());
        json_of(&run(&[
            "chains",
            p.to_str().unwrap(),
            "--all",
            "--format",
            "json",
        ]))["chains"]
            .clone()
    };
    let before = chains_of(&peru, "peru.json");
    let intact = edmonds_karp(&peru);
    for (i, s) in file["scenarios"].as_array().unwrap().iter().enumerate() {
        let edited = apply_by_hand(&peru, &s["edits"]);
        let got = &v["scenarios"][i];
        let ch = &got["chains"];
        assert_eq!(
            multiset([&ch["broken"], &ch["surviving"]]),
            multiset([&before])
        );
        let after = chains_of(&edited, &format!("{i}.json"));
        assert_eq!(multiset([&ch["surviving"], &ch["new"]]), multiset([&after]));
        let d = &got["displacement"];
        assert_eq!(d["before"].as_i64(), Some(intact));
        assert_eq!(
            d["after"].as_i64(),
            Some(edmonds_karp(&edited)),
            "{}",
            s["name"]
        );
    }
}
