//! `netgraph cut` end to end on a hand-built network (tests/fixtures/laundering.json): clan reaches
//! mines only through miners, along two parallel cash flows, then miners →gold→ mines (4 kg) or
//! miners → border (6) → bmines (5) → mines (3).

use crate::common::*;
use serde_json::{Value, json};

fn net() -> String {
    repo("tests/fixtures/laundering.json")
}

fn cut(extra: &[&str]) -> Value {
    let n = net();
    let mut args = vec!["cut", n.as_str(), "--format", "json"];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    without_view(serde_json::from_str(&r.stdout).unwrap())
}

/// The JSON without its `"view"` object (checked to be there).
fn without_view(mut v: Value) -> Value {
    let view = v.as_object_mut().unwrap().remove("view").unwrap();
    assert!(view["flows"].is_u64() && view["actors"].is_u64(), "{view}");
    v
}

#[test]
fn fewest_flows_count_parallel_flows_separately() {
    // Max flow 2 (two cash flows into miners, two routes out); the cut nearest the source is the
    // two parallel cash flows.
    let v = cut(&["--from", "clan", "--to", "mines"]);
    let cash = json!({"from": "clan", "to": "miners", "kind": "cash"});
    assert_eq!(v, json!({"value": 2, "flows": [cash.clone(), cash]}));
    // From miners: two routes, each cut once at its first flow.
    let v = cut(&["--from", "miners", "--to", "mines"]);
    assert_eq!(v["value"], 2);
    assert_eq!(
        v["flows"],
        json!([
            {"from": "miners", "to": "border", "kind": "gold"},
            {"from": "miners", "to": "mines", "kind": "gold"}
        ])
    );
}

#[test]
fn capacities_give_the_cheapest_cut() {
    // Volumes: 4 straight to mines, and min(6, 5, 3) = 3 round through Bolivia: 7, cut at the two
    // flows entering mines.
    let n = net();
    let r = run(&[
        "cut",
        &n,
        "--from",
        "clan",
        "--to",
        "mines",
        "--capacity",
        "volume",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["value"], 7);
    assert_eq!(
        v["flows"],
        json!([
            {"from": "bmines", "to": "mines", "kind": "gold"},
            {"from": "miners", "to": "mines", "kind": "gold"}
        ])
    );
    assert!(
        r.stderr.contains("3 of 8 flows lack \"volume\""),
        "{}",
        r.stderr
    );
}

#[test]
fn actor_cuts() {
    assert_eq!(
        cut(&["--from", "clan", "--to", "mines", "--actors"]),
        json!({"actors": ["miners"], "size": 1})
    );
    assert_eq!(
        cut(&[
            "--from", "miners", "--to", "mines", "--actors", "--flows", "gold", "--where",
            "volume>4"
        ]),
        json!({"actors": [], "size": 0})
    );
    // Undirected: police — clan — re; clan separates them.
    assert_eq!(
        cut(&["--from", "police", "--to", "re", "--actors", "--undirected"]),
        json!({"actors": ["clan"], "size": 1})
    );
    let n = net();
    let r = run(&["cut", &n, "--from", "clan", "--to", "miners", "--actors"]);
    assert_user_error(&r, &["clan", "miners", "directly"]);
    // Filtered out, the direct flows no longer join them.
    assert_eq!(
        cut(&[
            "--from", "clan", "--to", "miners", "--actors", "--flows", "gold"
        ]),
        json!({"actors": [], "size": 0})
    );
}

#[test]
fn filters_apply_and_unreachable_is_zero() {
    assert_eq!(
        cut(&["--from", "clan", "--to", "mines", "--flows", "gold"]),
        json!({"value": 0, "flows": []})
    );
    let v = cut(&["--from", "clan", "--to", "mines", "--min-confidence", "0.5"]);
    assert_eq!(v["value"], 1);
}

#[test]
fn bad_requests() {
    let n = net();
    assert_usage_error(
        &run(&["cut", &n, "--from", "ghost", "--to", "spook"]),
        &["ghost", "spook"],
    );
    assert_user_error(
        &run(&["cut", &n, "--from", "clan", "--to", "clan"]),
        &["clan"],
    );
    assert_user_error(
        &run(&[
            "cut",
            &n,
            "--from",
            "clan",
            "--to",
            "mines",
            "--capacity",
            "unit",
        ]),
        &["\"unit\"", "not a number"],
    );
    let r = run(&[
        "cut",
        &n,
        "--from",
        "clan",
        "--to",
        "mines",
        "--actors",
        "--capacity",
        "volume",
    ]);
    assert_eq!(r.code, 2);
}

#[test]
fn table_and_csv() {
    let n = net();
    let r = run(&["cut", &n, "--from", "miners", "--to", "mines"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "view: every flow — 8 flows, 7 actors\nmaximum flow miners → mines: 2\nminimum cut: 2 flows\n"
        ),
        "{}",
        r.stdout
    );
    let r = run(&[
        "cut", &n, "--from", "clan", "--to", "mines", "--actors", "--format", "csv",
    ]);
    assert_eq!(r.stdout, "actor,name,kind\nminers,miners,criminal-group\n");
}

#[test]
fn peru_traffickers_reach_legitimate_mines_only_through_the_illegal_miners() {
    let r = run(&[
        "cut",
        "--from",
        "peruvian-traffickers",
        "--to",
        "legit-mines",
        "--actors",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["view"]["layer"], "criminal-economy");
    assert_eq!(
        without_view(v),
        json!({"actors": ["illegal-miners"], "size": 1})
    );
}

#[test]
fn sides_are_selectors() {
    // From every criminal actor (clan, miners) to mines: routes miners → mines and
    // miners → border → bmines → mines (the clan reaches mines only through miners), so the value
    // is 2 and the cut nearest the sources is the miners' two gold flows.
    let v = cut(&["--from", "@criminal", "--to", "mines"]);
    assert_eq!(
        v,
        json!({"value": 2, "flows": [
            {"from": "miners", "to": "border", "kind": "gold"},
            {"from": "miners", "to": "mines", "kind": "gold"}]})
    );
    // To both mining companies (mines, bmines): miners → mines and miners → border → bmines; the
    // border alone separates the criminal actors from bmines.
    let v = cut(&["--from", "clan,miners", "--to", "mining-company"]);
    assert_eq!(v["value"], 2);
    let v = cut(&["--from", "@criminal", "--to", "bmines", "--actors"]);
    assert_eq!(v, json!({"actors": ["border"], "size": 1}));
    // Overlapping sides, an empty side, unknown names.
    let n = net();
    let r = run(&["cut", &n, "--from", "@criminal", "--to", "miners"]);
    assert_user_error(&r, &["both select", "miners"]);
    let r = run(&["cut", &n, "--from", "cartel", "--to", "mines"]);
    assert_user_error(&r, &["--from cartel selects no actor"]);
    let r = run(&["cut", &n, "--from", "@crimnal", "--to", "mnes"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("@criminal") && r.stderr.contains("mines"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_cut_between_unconnected_sides_says_there_is_nothing_to_cut() {
    // In the state's response layer no flow leads from Tren de Aragua to the legal mines.
    for extra in [&[][..], &["--actors"][..]] {
        let mut args = vec![
            "cut",
            "--from",
            "tren-de-aragua",
            "--to",
            "legit-mines",
            "--layer",
            "state-response",
        ];
        args.extend(extra);
        let r = crate::common::run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stderr.contains(
                "warning: no route from tren-de-aragua to legit-mines among the flows kept: there is nothing to cut"
            ),
            "{}",
            r.stderr
        );
    }
    // A cut that severs something says nothing of the kind.
    let r = crate::common::run(&[
        "cut",
        "--from",
        "peruvian-traffickers",
        "--to",
        "legit-mines",
    ]);
    assert!(!r.stderr.contains("nothing to cut"), "{}", r.stderr);
}
