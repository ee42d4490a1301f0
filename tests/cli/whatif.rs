//! `netgraph whatif` end to end: scenario diffs against hand computation and against a fresh
//! analysis of a network edited by hand (property tests), scenario files, disruption experiments
//! (the Montagna curve against NetworkX), and bad input.

use crate::common::components::{borgatti, component_sizes};
use crate::common::edits::{IDS, case};
use crate::common::*;
use proptest::prelude::*;
use serde_json::{Value, json};

fn actor<'v>(v: &'v Value, id: &str) -> &'v Value {
    v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

#[test]
fn removing_the_middle_of_a_path_by_hand() {
    let (_d, p) = path_file();
    let v = json_of(&run(&[
        "whatif", &p, "--remove", "c", "--watch", "a:e,b:a", "--format", "json",
    ]));
    // Before: components {a..e}, {f}: 20 of 30 ordered pairs connected, F = 1/3. After removing c
    // (n = 5): {a,b}, {d,e}, {f}: 4 of 20 pairs, F = 4/5.
    assert!(close(
        v["fragmentation"]["before"].as_f64().unwrap(),
        1.0 / 3.0
    ));
    assert!(close(v["fragmentation"]["after"].as_f64().unwrap(), 0.8));
    assert_eq!(v["components"], json!({"before": 2, "after": 3}));
    // Betweenness before (n = 6, ÷ (5·4), ordered pairs): c lies on {a,d},{a,e},{b,d},{b,e} → 8/20.
    let c = actor(&v, "c");
    assert!(close(c["before"].as_f64().unwrap(), 0.4));
    assert_eq!(
        (c["after"].clone(), c["delta"].clone()),
        (Value::Null, Value::Null)
    );
    assert_eq!(
        (c["rank_before"].clone(), c["rank_after"].clone()),
        (json!(1), Value::Null)
    );
    // b lies on {a,c},{a,d},{a,e}: 6/20 before, 0 after; d likewise.
    let b = actor(&v, "b");
    assert!(close(b["before"].as_f64().unwrap(), 0.3));
    assert_eq!(b["after"].as_f64(), Some(0.0));
    assert!(close(b["delta"].as_f64().unwrap(), -0.3));
    // The removed actor comes first, then the biggest changes (b, d), then the rest.
    let order: Vec<&str> = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["c", "b", "d", "a", "e", "f"]);
    assert_eq!(
        v["watch"][0],
        json!({"from": "a", "to": "e",
               "before": {"reachable": true, "length": 4, "path": ["a", "b", "c", "d", "e"]},
               "after": {"reachable": false, "length": null, "path": null}})
    );
    assert_eq!(v["watch"][1]["after"]["length"], 1);
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "view",
            "actors",
            "fragmentation",
            "components",
            "watch",
            "chains",
            "channels",
            "displacement"
        ]
    );
}

#[test]
fn cuts_drops_and_adds_by_hand() {
    let (_d, p) = path_file();
    // Dropping gold leaves only b–c: components {a},{b,c},{d},{e},{f}: 2 of 30 pairs, F = 14/15.
    let v = json_of(&run(&[
        "whatif",
        &p,
        "--drop-kind",
        "gold",
        "--format",
        "json",
    ]));
    assert!(close(
        v["fragmentation"]["after"].as_f64().unwrap(),
        14.0 / 15.0
    ));
    // Cutting d–e the other way round still cuts it (undirected), and adding e–f joins them.
    let v = json_of(&run(&[
        "whatif",
        &p,
        "--cut",
        "e:d",
        "--add",
        "e:f:cash",
        "--measure",
        "degree",
        "--format",
        "json",
    ]));
    assert_eq!(v["components"], json!({"before": 2, "after": 2}));
    let e = actor(&v, "e");
    assert_eq!(
        (e["before"].as_f64(), e["after"].as_f64()),
        (Some(0.2), Some(0.2))
    );
    let d = actor(&v, "d");
    assert_eq!(d["after"].as_f64(), Some(0.2));
    // A cut of a kind the pair does not have changes nothing and says so.
    let r = run(&["whatif", &p, "--cut", "a:b:cash", "--format", "json"]);
    assert!(
        r.stderr
            .contains("cut a → b (cash): no flow of the view matches"),
        "{}",
        r.stderr
    );
    let v = json_of(&r);
    assert_eq!(v["fragmentation"]["before"], v["fragmentation"]["after"]);
}

#[test]
fn tables_put_the_biggest_changes_first() {
    let (_d, p) = path_file();
    let r = run(&["whatif", &p, "--remove", "c", "--watch", "a:e"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let t = &r.stdout;
    assert!(
        t.starts_with("view: every flow — 4 flows, 6 actors (1 without a kept flow)\nafter: remove c\nmeasure: betweenness\n"),
        "{t}"
    );
    assert!(t.contains("fragmentation"), "{t}");
    assert!(t.contains("4: a → b → c → d → e  unreachable"), "{t}");
    let rows: Vec<&str> = t
        .lines()
        .skip_while(|l| !l.starts_with("actor  name"))
        .collect();
    assert!(
        rows[1].starts_with("c ") && rows[1].contains("removed"),
        "{t}"
    );
    assert!(rows[2].starts_with("b ") && rows[2].contains("-0.3"), "{t}");
    // Removing the isolated f rescales betweenness (n = 5): b, c, d change; a and e stay 0, ranked
    // 4th and 5th as before.
    let t = run(&["whatif", &p, "--remove", "f"]).stdout;
    assert!(t.contains("(2 actors unchanged; --all lists them)"), "{t}");
    let all = run(&["whatif", &p, "--remove", "f", "--all"]).stdout;
    assert_eq!(all.lines().count(), t.lines().count() + 1, "{all}");
    let top = run(&["whatif", &p, "--remove", "f", "--top", "2"]).stdout;
    assert!(
        top.ends_with("c      c             0.4     1  0.666667  +0.266667     1\n"),
        "{top}"
    );
    let none = run(&["whatif", &p, "--cut", "a:b:cash"]).stdout;
    assert!(none.ends_with("no actor changes\n"), "{none}");
    let csv = run(&["whatif", &p, "--remove", "c", "--format", "csv"]).stdout;
    assert!(
        csv.starts_with(
            "scenario,actor,before,after,delta,rank_before,rank_after\nafter,c,0.4,,,1,\n"
        ),
        "{csv}"
    );
}

#[test]
fn scenario_files_compare_side_by_side() {
    let (dir, p) = path_file();
    let file = write(
        dir.path(),
        "s.json",
        r#"{"scenarios": [
              {"name": "arrest c", "edits": [{"remove": "c"}]},
              {"name": "bridge", "edits": [{"add": {"from": "a", "to": "e", "kind": "cash"}},
                                            {"cut": {"from": "c", "to": "d"}}]}],
            "measure": "closeness", "watch": [["a", "d"]]}"#,
    );
    let s = file.to_str().unwrap();
    let v = json_of(&run(&["whatif", &p, "--scenario", s, "--format", "json"]));
    assert_eq!(v["measure"], "closeness");
    let names: Vec<&str> = v["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["arrest c", "bridge"]);
    // Bridge: the cycle is opened at c–d and closed at a–e: a-b-c and a-e-d, so a → d takes 2 hops.
    let bridge = &v["scenarios"][1];
    assert_eq!(bridge["edits"], json!(["add a → e, cash", "cut c → d"]));
    assert_eq!(bridge["watch"][0]["after"]["path"], json!(["a", "e", "d"]));
    assert_eq!(v["scenarios"][0]["watch"][0]["after"]["reachable"], false);
    let t = run(&["whatif", &p, "--scenario", s]).stdout;
    let header = t.lines().find(|l| l.starts_with("actor  name")).unwrap();
    assert!(
        header.contains("arrest c") && header.contains("bridge"),
        "{t}"
    );
    // The command line's measure wins over the file's.
    let v = json_of(&run(&[
        "whatif",
        &p,
        "--scenario",
        s,
        "-m",
        "degree",
        "--format",
        "json",
    ]));
    assert_eq!(v["measure"], "degree");
}

#[test]
fn bad_scenario_files_name_the_file_place_and_problem() {
    let (dir, p) = path_file();
    let case = |body: &str, needles: &[&str]| {
        let f = write(dir.path(), "bad.json", body);
        let r = run(&["whatif", &p, "--scenario", f.to_str().unwrap()]);
        let mut all = vec!["bad.json"];
        all.extend_from_slice(needles);
        assert_user_error(&r, &all);
    };
    case(
        r#"{"scenarios": [{"edits": [{"remove": "zz"}]}]}"#,
        &["scenarios[0].edits[0]", "unknown actor \"zz\""],
    );
    case(
        "{\"scenarios\": [\n{\"edits\": [{\"remove\": 3}]}]}",
        &["line 2", "scenarios[0].edits[0]"],
    );
    case(
        r#"{"scenarios": [{"edits": []}], "measure": "fame"}"#,
        &["measure", "fame"],
    );
    case(
        r#"{"scenarios": [{"edits": [{"add": {"from": "a", "to": "b", "since": "2024-13"}}]}]}"#,
        &["edits[0].add.since"],
    );
    case("{\"scenarios\": [", &["line 1"]);
    let r = run(&["whatif", &p, "--scenario", "/nonexistent/s.json"]);
    assert_user_error(&r, &["/nonexistent/s.json", "cannot read"]);
}

#[test]
fn bad_edits_and_usage() {
    let (_d, p) = path_file();
    assert_usage_error(
        &run(&["whatif", &p, "--remove", "c,ghost", "--cut", "a:phantom"]),
        &[
            "--remove, --cut: unknown actors",
            "\"ghost\"",
            "\"phantom\"",
        ],
    );
    assert_user_error(
        &run(&["whatif", &p, "--remove", "a", "--add", "a:b:gold"]),
        &["\"a\" is removed"],
    );
    assert_usage_error(
        &run(&["whatif", &p, "--remove", "a", "--watch", "a:zz"]),
        &["--watch", "\"zz\""],
    );
    for bad in [
        vec!["whatif", &p],
        vec!["whatif", &p, "--cut", "a"],
        vec!["whatif", &p, "--add", "a:b:"],
        vec!["whatif", &p, "--watch", "a-b", "--remove", "c"],
        vec!["whatif", &p, "--remove", "c", "--attack", "degree"],
        vec!["whatif", &p, "--attack", "fame", "--steps", "2"],
        vec!["whatif", &p, "--attack", "degree"],
        vec![
            "whatif", &p, "--attack", "degree", "--steps", "2", "--seed", "3",
        ],
        vec![
            "whatif", &p, "--attack", "random", "--steps", "2", "--mode", "static",
        ],
        vec!["whatif", &p, "--remove", "c", "--steps", "2"],
    ] {
        let r = run(&bad);
        assert_eq!(r.code, 2, "{bad:?}: {}", r.stderr);
        assert_eq!(r.stdout, "");
    }
    assert_user_error(
        &run(&["whatif", &p, "--attack", "degree", "--steps", "7"]),
        &["--steps 7", "6 actors"],
    );
}

#[test]
fn output_files_are_written_whole() {
    let (dir, p) = path_file();
    let out = dir.path().join("diff.json");
    let r = run(&["whatif", &p, "--remove", "c", "-o", out.to_str().unwrap()]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["components"]["after"], 3);
}

// ---------------------------------------------------------------------------------------------
// Property: `after` equals a fresh analysis of the network edited by hand.
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn after_equals_a_fresh_analysis_of_the_edited_network(
        c in case(),
        measure in prop::sample::select(vec!["degree", "betweenness", "closeness", "harmonic"]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let before = write(dir.path(), "net.json", &c.network().to_string());
        let hand = c.edited();
        let edited = write(dir.path(), "edited.json", &hand.to_string());
        let mut args: Vec<String> = vec!["whatif".into(), before.to_str().unwrap().into()];
        args.extend(c.args());
        args.extend(["--measure".into(), measure.into(), "--format".into(), "json".into()]);
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let diff = json_of(&run(&argv));
        let fresh = json_of(&run(&[
            "centrality", edited.to_str().unwrap(), "--measure", measure, "--format", "json",
        ]));
        let rows = fresh["actors"].as_array().unwrap();
        for row in diff["actors"].as_array().unwrap() {
            let id = row["id"].as_str().unwrap();
            match rows.iter().position(|r| r["id"] == id) {
                None => {
                    prop_assert!(c.removed.contains(&IDS.iter().position(|x| *x == id).unwrap()));
                    prop_assert_eq!(&row["after"], &Value::Null);
                }
                Some(rank) => {
                    let want = rows[rank][measure].as_f64().unwrap();
                    prop_assert!(close(row["after"].as_f64().unwrap(), want), "{} {}", id, want);
                    // Ranks are shared on ties, as centrality shares them.
                    prop_assert_eq!(row["rank_after"].as_u64(), rows[rank]["rank"].as_u64());
                }
            }
        }
        let sizes = component_sizes(&hand, &[]);
        prop_assert_eq!(diff["components"]["after"].as_u64(), Some(sizes.len() as u64));
        prop_assert!(close(diff["fragmentation"]["after"].as_f64().unwrap(), borgatti(&sizes)));
    }
}

#[test]
fn the_documented_peru_scenarios_run() {
    // docs/whatif.md's side-by-side example. Facts checked by reading graphs/peru.json: the clan is
    // the only actor with a flow into Caesar Acuña; the gold and drug flows cut are the border
    // crossing's only ties; the intelligence ties have strength 0.2 (distance 5) and become strength 1.
    let v = json_of(&run(&[
        "whatif",
        "--scenario",
        &repo("docs/examples/peru-scenarios.json"),
        "--layer",
        "all",
        "--strength",
        "strength",
        "--route-flows",
        ".",
        "--format",
        "json",
    ]));
    let s = v["scenarios"].as_array().unwrap();
    let names: Vec<&str> = s.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["arrest-clan", "close-border", "intel-sharing"]);
    assert_eq!(actor(&s[0], "sanchez-paredes")["after"], Value::Null);
    assert_eq!(s[0]["watch"][2]["after"]["reachable"], false);
    assert_eq!(s[1]["watch"][1]["after"]["reachable"], false);
    assert_eq!(
        s[1]["components"]["after"].as_u64(),
        Some(s[1]["components"]["before"].as_u64().unwrap() + 2)
    );
    assert_eq!(s[2]["watch"][0]["before"]["length"].as_f64(), Some(5.0));
    assert_eq!(s[2]["watch"][0]["after"]["length"].as_f64(), Some(1.0));
}
