//! No silent wrong answers (issue 11): every name typed is checked, a filter that leaves nothing
//! says so, unclassified kinds are visible, layers, active actors, shared ranks, output formats.

use crate::common::{self, assert_usage_error, assert_user_error, json_of, repo, run, write};
use serde_json::{Value, json};
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// 1. Every name a user types is checked.
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_where_fields_and_operators_are_usage_errors_with_suggestions() {
    let caviar = repo("graphs/caviar.json");
    assert_usage_error(
        &run(&["centrality", &caviar, "--where", "phse=6"]),
        &[
            "--where \"phse=6\"",
            "unknown flow field \"phse\"",
            "did you mean \"phase\"?",
        ],
    );
    assert_usage_error(
        &run(&["centrality", &caviar, "--where", "phase==6"]),
        &["unknown operator \"==\"", "did you mean \"=\""],
    );
    assert_usage_error(
        &run(&["centrality", &caviar, "--where", "phase=>6"]),
        &["unknown operator \"=>\"", "did you mean \">=\""],
    );
    assert_usage_error(
        &run(&["centrality", &caviar, "--weight", "wieght"]),
        &[
            "--weight wieght",
            "unknown flow field \"wieght\"",
            "\"weight\"",
        ],
    );
    assert_usage_error(
        &run(&["cut", "--from", "pnp", "--to", "dea", "--capacity", "volum"]),
        &["--capacity volum", "\"volume\""],
    );
    assert_usage_error(
        &run(&["chains", &caviar, "--where", "phase"]),
        &["--where \"phase\"", "no operator"],
    );
}

#[test]
fn unknown_kinds_and_classes_are_usage_errors_with_suggestions() {
    assert_usage_error(
        &run(&["centrality", "--flows", "@ilicit"]),
        &[
            "--flows",
            "unknown flow class \"@ilicit\"",
            "did you mean \"@illicit\"",
        ],
    );
    assert_usage_error(
        &run(&["chains", "--flows", "gld"]),
        &["unknown flow kind \"gld\"", "\"gold\""],
    );
    // An actor class where a flow class belongs says so.
    assert_usage_error(
        &run(&[
            "paths",
            "--from",
            "pnp",
            "--to",
            "dea",
            "--flows",
            "@criminal",
        ]),
        &["unknown flow class \"@criminal\"", "class of actors"],
    );
    assert_usage_error(
        &run(&["dot", "--fade", "@enforcment"]),
        &["--fade", "\"@enforcement\""],
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.svg");
    let r = run(&["render", "-o", out.to_str().unwrap(), "--fade", "gld"]);
    assert_usage_error(&r, &["--fade", "\"gold\""]);
    assert!(!out.exists());
}

#[test]
fn a_filter_that_leaves_no_flow_is_a_warning_naming_it() {
    let caviar = repo("graphs/caviar.json");
    let r = run(&[
        "centrality",
        &caviar,
        "--where",
        "phase=60",
        "--format",
        "json",
    ]);
    let v = json_of(&r);
    assert_eq!(v["view"]["flows"], 0);
    assert!(
        r.stderr.contains(
            "warning: --where phase=60 left no flow: it removed all 650 flows of the network (no flow has phase = 60; phase runs from 1 to 11)"
        ),
        "{}",
        r.stderr
    );
    // The filter that empties the view is named, with what the filters before it kept.
    let r = run(&[
        "centrality",
        &caviar,
        "--where",
        "phase=6",
        "--min-confidence",
        "1",
        "--flows",
        "heroin",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("--flows heroin: caviar has no flow of kind heroin"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "warning: --flows heroin left no flow: it removed all 650 flows of the network"
        ),
        "{}",
        r.stderr
    );
    // `!=` a value no flow has removes nothing: said too.
    let r = run(&["centrality", &caviar, "--where", "phase!=60"]);
    assert!(
        r.stderr
            .contains("--where phase!=60: no flow has phase = 60, so the filter removes nothing"),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Unclassified kinds are visible; --kinds for any input.
// ---------------------------------------------------------------------------------------------

const EDGES: &str =
    "source,target,kind\nclan,front,deposit\nfront,bank,wire-transfer\nclan,bank2,cash\n";
const NODES: &str = "id,kind\nclan,family-clan\nfront,business\nbank,bank\nbank2,bank\n";
const KINDS: &str =
    r#"{"kinds": {"flows": {"deposit": {"class": "money"}, "wire-transfer": {"class": "money"}}}}"#;

#[test]
fn chains_say_which_unclassified_kinds_they_left_out_and_kinds_files_declare_them() {
    let dir = tempfile::tempdir().unwrap();
    let e = write(dir.path(), "e.csv", EDGES);
    let n = write(dir.path(), "n.csv", NODES);
    let k = write(dir.path(), "k.json", KINDS);
    let (e, n, k) = (
        e.to_str().unwrap(),
        n.to_str().unwrap(),
        k.to_str().unwrap(),
    );
    let r = run(&["chains", e, "--nodes", n, "--chains", "--format", "json"]);
    // Only clan ─cash→ bank2: deposit and wire-transfer have no class, so no money flows.
    assert_eq!(json_of(&r)["chains"].as_array().unwrap().len(), 1);
    assert!(
        r.stderr.contains(
            "2 flows of 2 kinds without a class left out by the default laundering query"
        ) && r.stderr.contains("deposit (1), wire-transfer (1)")
            && r.stderr.contains("--kinds FILE"),
        "{}",
        r.stderr
    );
    // Declared as money: clan → front (a legal business: the chain ends at its first entry into the
    // legal economy, so not on to the bank) and clan → bank2.
    let r = run(&[
        "chains", e, "--nodes", n, "--kinds", k, "--chains", "--format", "json",
    ]);
    let v = json_of(&r);
    let lines: BTreeSet<String> = v["chains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c["actors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap())
                .collect::<Vec<_>>()
                .join(">")
        })
        .collect();
    let want: BTreeSet<String> = ["clan>front", "clan>bank2"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(lines, want);
    assert!(!r.stderr.contains("without a class"), "{}", r.stderr);
    // convert writes the kinds given into a format that keeps them.
    let out = dir.path().join("out.json");
    let r = run(&[
        "convert",
        e,
        out.to_str().unwrap(),
        "--nodes",
        n,
        "--kinds",
        k,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["kinds"]["flows"]["wire-transfer"]["class"], "money");
}

#[test]
fn class_filters_say_which_unclassified_kinds_they_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let e = write(dir.path(), "e.csv", EDGES);
    let r = run(&["centrality", e.to_str().unwrap(), "--flows", "@money"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("2 flows of 2 kinds without a class left out by --flows @money: deposit (1), wire-transfer (1)"),
        "{}",
        r.stderr
    );
    // Naming kinds (not classes) leaves nothing out unseen.
    let r = run(&["centrality", e.to_str().unwrap(), "--flows", "cash"]);
    assert!(!r.stderr.contains("without a class"), "{}", r.stderr);
}

#[test]
fn gexf_warns_that_it_cannot_carry_kinds_and_kinds_files_restore_them() {
    let dir = tempfile::tempdir().unwrap();
    let net = json!({"kinds": {"flows": {"deposit": {"class": "money"}}},
        "actors": [{"id": "a"}, {"id": "b"}], "flows": [{"from": "a", "to": "b", "kind": "deposit"}]});
    let j = write(dir.path(), "n.json", &net.to_string());
    let g = dir.path().join("n.gexf");
    assert_eq!(
        run(&["convert", j.to_str().unwrap(), g.to_str().unwrap()]).code,
        0
    );
    let class_of_deposit = |v: &Value| {
        v["flow_kinds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kind"] == "deposit")
            .unwrap()["class"]
            .clone()
    };
    let r = run(&["info", g.to_str().unwrap(), "--format", "json"]);
    assert_eq!(class_of_deposit(&json_of(&r)), "other");
    assert!(
        r.stderr.contains("GEXF cannot carry a kinds section") && r.stderr.contains("--kinds"),
        "{}",
        r.stderr
    );
    // The network file itself lends its kinds section.
    let r = run(&[
        "info",
        g.to_str().unwrap(),
        "--kinds",
        j.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(class_of_deposit(&json_of(&r)), "money");
    assert_eq!(r.stderr, "");
    let bad = write(dir.path(), "bad.json", r#"{"flows": []}"#);
    let r = run(&[
        "info",
        g.to_str().unwrap(),
        "--kinds",
        bad.to_str().unwrap(),
    ]);
    common::assert_user_error(&r, &["bad.json", "no \"kinds\" section"]);
}

// ---------------------------------------------------------------------------------------------
// 3. Layers.
// ---------------------------------------------------------------------------------------------

/// clan ─alliance→ gang ─cash→ bank, clan ─gold→ mine; the police arrest clan and gang.
const LAYERED: &str = r#"{
  "kinds": {
    "layers": {
      "economy": {"description": "goods, money, criminal ties",
                  "flows": ["@illicit", "@money"],
                  "between": [{"actors": ["@criminal"], "flows": ["@tie"]}]},
      "state": {"flows": ["@enforcement"]}
    },
    "default_layer": "economy"
  },
  "actors": [{"id": "clan", "kind": "family-clan"}, {"id": "gang", "kind": "gang"},
             {"id": "pnp", "kind": "police"}, {"id": "mine", "kind": "mining-company"},
             {"id": "bank", "kind": "bank"}],
  "flows": [{"from": "clan", "to": "mine", "kind": "gold"},
            {"from": "clan", "to": "gang", "kind": "alliance"},
            {"from": "pnp", "to": "clan", "kind": "arrest"},
            {"from": "pnp", "to": "gang", "kind": "arrest"},
            {"from": "gang", "to": "bank", "kind": "cash"}]
}"#;

fn raw_betweenness(file: &str, extra: &[&str]) -> (Vec<(String, f64)>, Value) {
    let mut args = vec![
        "centrality",
        file,
        "--measure",
        "betweenness",
        "--raw",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let v = json_of(&run(&args));
    let rows = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                a["betweenness"].as_f64().unwrap(),
            )
        })
        .collect();
    (rows, v["view"].clone())
}

#[test]
fn a_layer_changes_the_view_and_the_default_layer_applies() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "l.json", LAYERED);
    let f = f.to_str().unwrap();
    // Default layer: clan → gang → bank and clan → mine; gang is on the one path clan → bank.
    let (rows, view) = raw_betweenness(f, &[]);
    assert_eq!(rows[0], ("gang".to_string(), 1.0));
    assert_eq!(rows.iter().map(|r| r.1).sum::<f64>(), 1.0);
    assert_eq!(
        (
            view["layer"].as_str(),
            view["default_layer"].as_bool(),
            view["flows"].as_u64()
        ),
        (Some("economy"), Some(true), Some(3))
    );
    // Every flow: pnp → gang → bank puts gang on a second pair, pnp → clan → mine puts clan on one.
    let (rows, view) = raw_betweenness(f, &["--layer", "all"]);
    assert_eq!(
        rows[..2],
        [("gang".to_string(), 2.0), ("clan".to_string(), 1.0)]
    );
    assert_eq!(
        (view["layer"].as_str(), view["flows"].as_u64()),
        (Some("all"), Some(5))
    );
    // The state's layer: two arrests, no broker.
    let (rows, view) = raw_betweenness(f, &["--layer", "state"]);
    assert!(rows.iter().all(|r| r.1 == 0.0));
    assert_eq!(view["flows"], 2);
    // --flows without --layer chooses from every flow (the alliance is a tie, criminal or not).
    let (_, view) = raw_betweenness(f, &["--flows", "@tie"]);
    assert_eq!(
        (view["layer"].as_str(), view["flows"].as_u64()),
        (Some("all"), Some(1))
    );
    // The table says which layer, filters and counts.
    let r = run(&["centrality", f, "--min-confidence", "0.5"]);
    assert!(
        r.stdout.starts_with("view: layer economy (default), --min-confidence 0.5 — 3 of 5 flows, 5 actors (1 without a kept flow)\nrank"),
        "{}",
        r.stdout
    );
    assert_usage_error(
        &run(&["centrality", f, "--layer", "econmy"]),
        &[
            "--layer",
            "unknown layer \"econmy\"",
            "did you mean \"economy\"?",
            "economy, state, all",
        ],
    );
    assert_usage_error(
        &run(&["centrality", "--layer", "criminal-econmy"]),
        &["\"criminal-economy\""],
    );
}

#[test]
fn every_analysis_command_takes_a_layer_and_reports_its_view() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "l.json", LAYERED);
    let f = f.to_str().unwrap();
    let cases: [&[&str]; 7] = [
        &["centrality", f],
        &["chains", f],
        &["paths", f, "--from", "clan", "--to", "bank"],
        &["cut", f, "--from", "clan", "--to", "bank"],
        &["whatif", f, "--remove", "gang"],
        &["keyplayers", f, "--k", "1"],
        &["info", f],
    ];
    for args in cases {
        for (layer, flows) in [("state", 2), ("all", 5)] {
            let mut a = args.to_vec();
            a.extend(["--layer", layer, "--format", "json"]);
            let v = json_of(&run(&a));
            assert_eq!(
                (v["view"]["layer"].as_str(), v["view"]["flows"].as_u64()),
                (Some(layer), Some(flows)),
                "{args:?}"
            );
            a.truncate(a.len() - 2);
            let r = run(&a);
            assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
            let want = format!(
                "view: layer {layer} — {} flows",
                if flows == 5 {
                    "5".to_string()
                } else {
                    format!("{flows} of 5")
                }
            );
            assert!(r.stdout.contains(&want), "{args:?}: {}", r.stdout);
        }
    }
    // dot: the layer's flows only.
    let r = run(&["dot", f, "--layer", "state"]);
    assert!(r.stdout.matches("arrest").count() >= 2, "{}", r.stdout);
    assert!(!r.stdout.contains("\"cash\""), "{}", r.stdout);
}

#[test]
fn layer_definitions_are_checked_at_load() {
    let dir = tempfile::tempdir().unwrap();
    let bad = LAYERED.replace("\"@enforcement\"", "\"@enforcment\"");
    let f = write(dir.path(), "bad.json", &bad);
    common::assert_user_error(
        &run(&["centrality", f.to_str().unwrap()]),
        &[
            "kinds.layers.state.flows[0]",
            "did you mean \"@enforcement\"",
        ],
    );
    let bad = LAYERED.replace(
        "\"default_layer\": \"economy\"",
        "\"default_layer\": \"econ\"",
    );
    let f = write(dir.path(), "bad2.json", &bad);
    common::assert_user_error(
        &run(&["info", f.to_str().unwrap()]),
        &["kinds.default_layer", "\"economy\""],
    );
    let bad = LAYERED.replace("[\"@criminal\"]", "[\"@criminl\"]");
    let f = write(dir.path(), "bad3.json", &bad);
    common::assert_user_error(
        &run(&["centrality", f.to_str().unwrap()]),
        &["kinds.layers.economy.between[0].actors", "\"@criminal\""],
    );
    // validate lists it among the file's problems.
    let r = run(&["validate", f.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("kinds.layers.economy.between[0].actors: unknown actor class \"@criminl\""),
        "{}",
        r.stdout
    );
}

/// The classes of the built-in vocabulary (docs/format.md) for the kinds the Peru network uses,
/// plus its declared `presence` tie: an independent reading of which flow is in which layer.
fn flow_class(kind: &str) -> &'static str {
    match kind {
        "cocaine" | "coca-base" | "coca-leaf" | "heroin" | "gold" | "mercury" | "precursors"
        | "timber" | "wildlife" | "counterfeit" | "weapons" | "contraband" | "migrants" => {
            "illicit"
        }
        "cash" | "bribes" | "extortion" | "campaign-finance" | "ransom" => "money",
        "real-estate" | "luxury-goods" | "gold-export" | "business-investment" => "asset",
        "arrest" | "seizure" | "eradication" | "interdiction" | "prosecution" => "enforcement",
        "alliance"
        | "membership"
        | "rivalry"
        | "cooperation"
        | "intelligence-sharing"
        | "corruption"
        | "supply"
        | "presence" => "tie",
        _ => "other",
    }
}

const CRIMINAL_KINDS: [&str; 8] = [
    "family-clan",
    "cartel",
    "gang",
    "mafia",
    "guerrilla",
    "criminal-group",
    "trafficker",
    "armed-group",
];

#[test]
fn peru_ranks_the_criminal_economy_by_default() {
    let net: Value =
        serde_json::from_str(&std::fs::read_to_string(repo("graphs/peru.json")).unwrap()).unwrap();
    let kind_of: std::collections::HashMap<&str, &str> = net["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap(),
                a["kind"].as_str().unwrap_or("actor"),
            )
        })
        .collect();
    // A kind the file's `kinds` section declares has the declared class; others their built-in one.
    let declared =
        |of: &str, kind: &str| net["kinds"][of][kind]["class"].as_str().map(str::to_string);
    let criminal = |id: &str| match declared("actors", kind_of[id]) {
        Some(class) => class == "criminal",
        None => CRIMINAL_KINDS.contains(&kind_of[id]),
    };
    let class_of =
        |kind: &str| declared("flows", kind).unwrap_or_else(|| flow_class(kind).to_string());
    let flows = net["flows"].as_array().unwrap();
    let economy = flows
        .iter()
        .filter(|f| {
            let kind = f["kind"].as_str().unwrap_or("link");
            let (from, to) = (f["from"].as_str().unwrap(), f["to"].as_str().unwrap());
            matches!(class_of(kind).as_str(), "illicit" | "money" | "asset")
                || kind == "corruption"
                || (class_of(kind) == "tie" && criminal(from) && criminal(to))
        })
        .count();
    let state = flows
        .iter()
        .filter(|f| {
            let kind = f["kind"].as_str().unwrap_or("link");
            class_of(kind) == "enforcement"
                || kind == "cooperation"
                || kind == "intelligence-sharing"
        })
        .count();
    let v = json_of(&run(&[
        "centrality",
        "--measure",
        "betweenness",
        "--format",
        "json",
    ]));
    assert_eq!(v["view"]["layer"], "criminal-economy");
    assert_eq!(v["view"]["flows"].as_u64(), Some(economy as u64));
    let first = v["actors"][0]["id"].as_str().unwrap();
    assert!(
        criminal(first),
        "{first} ranks first in the criminal economy"
    );
    let v = json_of(&run(&[
        "centrality",
        "--layer",
        "state-response",
        "--format",
        "json",
    ]));
    assert_eq!(v["view"]["flows"].as_u64(), Some(state as u64));
    let v = json_of(&run(&["centrality", "--layer", "all", "--format", "json"]));
    assert_eq!(v["view"]["flows"].as_u64(), Some(flows.len() as u64));
}

// ---------------------------------------------------------------------------------------------
// 4. Active actors and shared ranks.
// ---------------------------------------------------------------------------------------------

/// a → b → c, and d and e with no flow.
const PATH_AND_TWO: &str = r#"{"actors": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}, {"id": "e"}],
  "flows": [{"from": "a", "to": "b"}, {"from": "b", "to": "c"}]}"#;

#[test]
fn active_normalises_over_the_active_network_and_inactive_actors_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "p.json", PATH_AND_TWO);
    let f = f.to_str().unwrap();
    let score = |v: &Value, id: &str, m: &str| {
        v["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .map(|a| a[m].as_f64().unwrap())
    };
    // Directed betweenness of b: 1 pair over (n − 1)(n − 2); degree 2 over n − 1.
    let all = json_of(&run(&["centrality", f, "--format", "json"]));
    assert_eq!(score(&all, "b", "betweenness"), Some(1.0 / 12.0));
    assert_eq!(score(&all, "b", "degree"), Some(0.5));
    assert_eq!(all["actors"].as_array().unwrap().len(), 5);
    let active = json_of(&run(&["centrality", f, "--active", "--format", "json"]));
    assert_eq!(score(&active, "b", "betweenness"), Some(0.5));
    assert_eq!(score(&active, "b", "degree"), Some(1.0));
    assert_eq!(score(&active, "d", "degree"), None);
    assert_eq!(
        (
            active["view"]["actors"].as_u64(),
            active["view"]["actors_total"].as_u64()
        ),
        (Some(3), Some(5))
    );
    // Without --active the table marks the actors with no kept flow.
    let t = run(&["centrality", f]).stdout;
    let marked: Vec<&str> = t
        .lines()
        .filter(|l| l.ends_with("no kept flow"))
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(marked, ["d", "e"], "{t}");
    assert!(
        t.starts_with("view: every flow — 2 flows, 5 actors (2 without a kept flow)\n"),
        "{t}"
    );
    let t = run(&["centrality", f, "--active"]).stdout;
    assert!(
        t.starts_with("view: --active — 2 flows, 3 active actors of 5\n"),
        "{t}"
    );
    assert!(!t.contains("no kept flow"));
}

#[test]
fn caviar_phases_count_only_their_active_actors() {
    let caviar = repo("graphs/caviar.json");
    let net: Value = serde_json::from_str(&std::fs::read_to_string(&caviar).unwrap()).unwrap();
    let mut active = BTreeSet::new();
    for f in net["flows"].as_array().unwrap() {
        if f["phase"] == 6 {
            active.insert(f["from"].as_str().unwrap());
            active.insert(f["to"].as_str().unwrap());
        }
    }
    let v = json_of(&run(&[
        "centrality",
        &caviar,
        "--where",
        "phase=6",
        "--active",
        "--format",
        "json",
    ]));
    let listed: BTreeSet<&str> = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, active);
    assert_eq!(v["view"]["actors"].as_u64(), Some(active.len() as u64));
    // info counts the same actors: none isolated among the active ones.
    let i = json_of(&run(&[
        "info", &caviar, "--where", "phase=6", "--active", "--format", "json",
    ]));
    assert_eq!(
        (i["actors"].as_u64(), i["isolated_actors"].as_u64()),
        (Some(active.len() as u64), Some(0))
    );
    let i = json_of(&run(&[
        "info", &caviar, "--where", "phase=6", "--format", "json",
    ]));
    assert_eq!(
        i["isolated_actors"].as_u64(),
        Some(107 - active.len() as u64)
    );
}

#[test]
fn ties_share_a_rank_in_every_output() {
    // Undirected: h–x, h–y, h–z, x–y. Degrees 3, 2, 2, 1: ranks 1, 2, 2, 4.
    let dir = tempfile::tempdir().unwrap();
    let net = r#"{"directed": false, "actors": [{"id": "h"}, {"id": "x"}, {"id": "y"}, {"id": "z"}],
      "flows": [{"from": "h", "to": "x"}, {"from": "h", "to": "y"}, {"from": "h", "to": "z"}, {"from": "x", "to": "y"}]}"#;
    let f = write(dir.path(), "t.json", net);
    let f = f.to_str().unwrap();
    let v = json_of(&run(&[
        "centrality",
        f,
        "--measure",
        "degree",
        "--format",
        "json",
    ]));
    let ranks: Vec<(String, u64)> = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                a["rank"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, u64)> = [("h", 1), ("x", 2), ("y", 2), ("z", 4)]
        .iter()
        .map(|(a, r)| (a.to_string(), *r))
        .collect();
    assert_eq!(ranks, want);
    let t = run(&["centrality", f, "--measure", "degree"]).stdout;
    let table: Vec<(String, String)> = t
        .lines()
        .skip(2)
        .map(|l| {
            let mut w = l.split_whitespace();
            let rank = w.next().unwrap().to_string();
            (w.next().unwrap().to_string(), rank)
        })
        .collect();
    assert_eq!(
        table,
        [("h", "1"), ("x", "2"), ("y", "2"), ("z", "4")]
            .map(|(a, r)| (a.to_string(), r.to_string()))
    );
    // whatif shares ranks the same way: removing nothing of note (z) leaves h, x, y.
    let w = json_of(&run(&[
        "whatif",
        f,
        "--remove",
        "z",
        "--measure",
        "degree",
        "--all",
        "--format",
        "json",
    ]));
    let rank_before: Vec<(String, u64)> = w["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                a["rank_before"].as_u64().unwrap(),
            )
        })
        .collect();
    for (id, r) in &rank_before {
        assert_eq!(
            Some(r),
            want.iter().find(|(a, _)| a == id).map(|(_, r)| r),
            "{id}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Outputs a command cannot write.
// ---------------------------------------------------------------------------------------------

#[test]
fn an_output_extension_the_command_cannot_write_is_bad_usage() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("curve.svg");
    let s = svg.to_str().unwrap();
    assert_usage_error(
        &run(&["centrality", "-o", s]),
        &[
            "-o",
            "curve.svg",
            "cannot write .svg",
            "a table (.txt), JSON (.json) or CSV (.csv)",
            "--format",
            "netgraph render",
        ],
    );
    assert!(!svg.exists());
    for args in [
        vec!["chains", "-o", s],
        vec!["paths", "--from", "pnp", "--to", "dea", "-o", s],
        vec!["info", "-o", s],
        vec!["whatif", "--remove", "pnp", "-o", s],
        vec!["keyplayers", "--k", "2", "-o", s],
    ] {
        assert_usage_error(&run(&args), &["cannot write .svg"]);
        assert!(!svg.exists());
    }
    let csv = dir.path().join("x.csv");
    assert_usage_error(
        &run(&["info", "-o", csv.to_str().unwrap()]),
        &["a table (.txt) or JSON (.json)"],
    );
    assert_usage_error(
        &run(&["info", "--format", "csv"]),
        &["--format csv", "a table (.txt) or JSON (.json)"],
    );
    assert_usage_error(&run(&["validate", "--format", "csv"]), &["--format csv"]);
    assert_usage_error(&run(&["dot", "-o", s]), &["DOT text", "netgraph render"]);
    // --format decides: the table goes where asked.
    let r = run(&["centrality", "-o", s, "--format", "table"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    assert!(
        std::fs::read_to_string(&svg)
            .unwrap()
            .starts_with("view: layer criminal-economy (default)")
    );
}

/// Regression: a `--kinds` file's mistakes were reported against the network file, and a
/// misspelt class ("mony") silently gave its kind no role, so the chain query dropped it unsaid.
#[test]
fn kinds_files_are_checked_in_their_own_name_and_misspelt_classes_are_warned() {
    let dir = tempfile::tempdir().unwrap();
    let e = write(dir.path(), "e.csv", "source,target,kind\na,b,deposit\n");
    let bad_role = write(
        dir.path(),
        "role.json",
        r#"{"kinds": {"flows": {"deposit": {"class": "money", "role": "cash"}}}}"#,
    );
    let typo = write(
        dir.path(),
        "typo.json",
        r#"{"kinds": {"flows": {"deposit": {"class": "mony"}}}}"#,
    );
    let own = write(
        dir.path(),
        "own.json",
        r#"{"kinds": {"flows": {"deposit": {"class": "remittance"}}}}"#,
    );
    let (e, bad_role, typo, own) = (
        e.to_str().unwrap(),
        bad_role.to_str().unwrap(),
        typo.to_str().unwrap(),
        own.to_str().unwrap(),
    );
    let r = run(&["centrality", e, "--kinds", bad_role]);
    assert_user_error(
        &r,
        &[
            "role.json: kinds.flows.deposit.role",
            "unknown role \"cash\"",
        ],
    );
    assert!(!r.stderr.contains("e.csv"), "{}", r.stderr);
    let r = run(&["centrality", e, "--kinds", typo]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "kinds.flows.deposit.class: \"mony\" is not a built-in class; did you mean \"money\"?"
        ),
        "{}",
        r.stderr
    );
    // A class of one's own that resembles no built-in one is not a typo.
    let r = run(&["centrality", e, "--kinds", own]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("built-in class"), "{}", r.stderr);
}

#[test]
fn a_file_without_actors_or_flows_is_not_analysed_silently() {
    let dir = tempfile::tempdir().unwrap();
    // A JSON file that is not a network (NetworkX reference values, say) reads as an empty one.
    let file = write(
        dir.path(),
        "values.json",
        r#"{"nodes": [1, 2], "degree": {"1": 1}}"#,
    );
    let file = file.to_str().unwrap();
    let r = run(&["centrality", file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("holds no actors and no flows: is it a network file?"),
        "{}",
        r.stderr
    );
    let r = run(&["validate", file]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("1 warning"), "{}", r.stdout);
    assert!(r.stdout.contains("is it a network file?"), "{}", r.stdout);
    // A network with actors and no flows is a network: no such warning.
    let lone = write(
        dir.path(),
        "lone.json",
        r#"{"actors": [{"id": "a"}], "flows": []}"#,
    );
    let r = run(&["centrality", lone.to_str().unwrap()]);
    assert!(!r.stderr.contains("is it a network file?"), "{}", r.stderr);
}
