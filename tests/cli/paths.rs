//! `netgraph paths` end to end on a hand-built network (tests/fixtures/laundering.json):
//! clan →cash→ miners (twice: weight 2 / confidence 1 / volume 10, and weight 1 / confidence 0.4),
//! miners →gold→ mines (volume 4), miners →gold→ border (6) →gold→ bmines (5) →gold→ mines (3).

use crate::common::*;
use serde_json::Value;

fn net() -> String {
    repo("tests/fixtures/laundering.json")
}

fn paths(extra: &[&str]) -> Value {
    let n = net();
    let mut args = vec!["paths", n.as_str(), "--format", "json"];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

fn actor_lists(v: &Value) -> Vec<Vec<String>> {
    v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["actors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn k_shortest_by_hops_pick_the_most_confident_parallel_flow() {
    let v = paths(&["--from", "clan", "--to", "mines", "--k", "3"]);
    assert_eq!(
        actor_lists(&v),
        [
            vec!["clan", "miners", "mines"],
            vec!["clan", "miners", "border", "bmines", "mines"]
        ]
    );
    let first = &v["paths"][0];
    assert_eq!(first["cost"], 2);
    assert_eq!(first["hops"], 2);
    assert_eq!(first["bottleneck"], Value::Null);
    // Both clan→miners flows cost one hop: the more confident one is reported, with its source.
    let hop = &first["flows"][0];
    assert_eq!(hop["kind"], "cash");
    assert_eq!(hop["confidence"], 1);
    assert_eq!(hop["volume"], 10);
    assert_eq!(hop["sources"][0]["doc"], "a.txt");
    let keys: Vec<&str> = hop
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["from", "to", "kind", "volume", "confidence", "sources"]
    );
}

#[test]
fn weights_choose_the_cheapest_flow_and_sum_to_the_cost() {
    let v = paths(&[
        "--from", "clan", "--to", "mines", "--k", "2", "--weight", "weight",
    ]);
    // The weight-1 cash flow (confidence 0.4) is cheaper than the weight-2 one.
    assert_eq!(v["paths"][0]["flows"][0]["confidence"], 0.4);
    assert_eq!(v["paths"][0]["cost"], 2);
    assert_eq!(v["paths"][1]["cost"], 4);
    let s = paths(&["--from", "clan", "--to", "mines", "--strength", "weight"]);
    // Strength 2 is distance 0.5: the weight-2 flow is now the cheaper one.
    assert_eq!(s["paths"][0]["cost"], 1.5);
    assert_eq!(s["paths"][0]["flows"][0]["confidence"], 1);
}

#[test]
fn widest_maximises_the_smallest_volume() {
    let v = paths(&["--from", "clan", "--to", "mines", "--k", "2", "--widest"]);
    assert_eq!(v["paths"][0]["bottleneck"], 4);
    assert_eq!(v["paths"][1]["bottleneck"], 3);
    assert_eq!(v["paths"][1]["hops"], 4);
}

#[test]
fn ends_may_be_sets() {
    // From either criminal actor (clan, miners) to mines, by hops. A path starts at the last
    // --from actor it leaves, so clan → miners → … is miners → …: miners → mines (1),
    // miners → border → bmines → mines (3), and no more.
    let v = paths(&["--from", "@criminal", "--to", "mines", "--k", "5"]);
    assert_eq!(
        actor_lists(&v),
        [
            vec!["miners", "mines"],
            vec!["miners", "border", "bmines", "mines"]
        ]
    );
    let hops: Vec<u64> = v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["hops"].as_u64().unwrap())
        .collect();
    assert_eq!(hops, [1, 3]);
    // To both mining companies, widest by volume: miners → border (6) → bmines (5) gives 5,
    // miners → mines 4; a path ends at the first --to actor (not bmines → mines).
    let v = paths(&[
        "--from",
        "miners",
        "--to",
        "mining-company",
        "--widest",
        "--k",
        "5",
    ]);
    assert_eq!(
        actor_lists(&v),
        [vec!["miners", "border", "bmines"], vec!["miners", "mines"]]
    );
    assert_eq!(v["paths"][0]["bottleneck"], 5);
    // From the clan alone to either mining company: through miners.
    let v = paths(&["--from", "clan", "--to", "mines,bmines", "--k", "5"]);
    assert_eq!(
        actor_lists(&v),
        [
            vec!["clan", "miners", "mines"],
            vec!["clan", "miners", "border", "bmines"]
        ]
    );
    // Sides may not overlap.
    let n = net();
    let r = run(&["paths", &n, "--from", "@criminal", "--to", "miners"]);
    assert_user_error(&r, &["both name", "miners"]);
}

#[test]
fn via_and_avoid() {
    let v = paths(&[
        "--from", "clan", "--to", "mines", "--k", "5", "--via", "border",
    ]);
    assert_eq!(
        actor_lists(&v),
        [vec!["clan", "miners", "border", "bmines", "mines"]]
    );
    let v = paths(&[
        "--from", "clan", "--to", "mines", "--k", "5", "--avoid", "border",
    ]);
    assert_eq!(actor_lists(&v), [vec!["clan", "miners", "mines"]]);
    // Selectors: a kind or class in --via asks for one of its actors; in --avoid it removes them
    // all but the ends (mines is a mining company too, bmines is avoided).
    let v = paths(&[
        "--from",
        "clan",
        "--to",
        "mines",
        "--k",
        "5",
        "--via",
        "border-crossing",
    ]);
    assert_eq!(
        actor_lists(&v),
        [vec!["clan", "miners", "border", "bmines", "mines"]]
    );
    let v = paths(&[
        "--from",
        "clan",
        "--to",
        "mines",
        "--k",
        "5",
        "--avoid",
        "mining-company",
    ]);
    assert_eq!(actor_lists(&v), [vec!["clan", "miners", "mines"]]);
    let v = paths(&[
        "--from",
        "clan",
        "--to",
        "mines",
        "--k",
        "5",
        "--via",
        "@legal,@hub",
    ]);
    assert_eq!(
        actor_lists(&v),
        [vec!["clan", "miners", "border", "bmines", "mines"]]
    );
}

#[test]
fn avoiding_an_end_or_naming_unknown_actors_is_a_user_error() {
    let n = net();
    let r = run(&[
        "paths", &n, "--from", "clan", "--to", "mines", "--avoid", "mines",
    ]);
    assert_user_error(&r, &["--avoid", "mines"]);
    let r = run(&[
        "paths", &n, "--from", "ghost", "--to", "mines", "--via", "spook",
    ]);
    assert_usage_error(&r, &["ghost", "spook"]);
    let r = run(&["paths", &n, "--from", "clan", "--to", "clan"]);
    assert_user_error(&r, &["clan"]);
    let r = run(&[
        "paths", &n, "--from", "clan", "--to", "mines", "--weight", "unit",
    ]);
    assert_user_error(&r, &["\"unit\"", "not a number"]);
}

#[test]
fn unreachable_target_gives_no_path_and_exit_0() {
    let v = paths(&["--from", "mines", "--to", "clan"]);
    assert_eq!(v["paths"], Value::Array(vec![]));
    let v = paths(&["--from", "clan", "--to", "mines", "--flows", "cash"]);
    assert_eq!(v["paths"], Value::Array(vec![]));
}

#[test]
fn table_and_csv_show_each_hop_with_its_sources() {
    let n = net();
    let r = run(&["paths", &n, "--from", "clan", "--to", "mines", "--k", "2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "view: every flow — 8 flows, 7 actors\npath 1: cost 2, 2 hops\n  clan → miners → mines\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("1. clan ─cash→ miners  (confidence 1, volume 10 USD)")
    );
    assert!(r.stdout.contains("a.txt: \"the clan buys gold with cash\""));
    assert!(r.stdout.contains("path 2: cost 4, 4 hops"));
    let r = run(&[
        "paths", &n, "--from", "clan", "--to", "mines", "--format", "csv",
    ]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "path,cost,bottleneck,hop,from,to,kind,volume,confidence,sources"
    );
    assert_eq!(
        lines[1],
        "1,2,,1,clan,miners,cash,10,1,\"a.txt: \"\"the clan buys gold with cash\"\"\""
    );
    assert_eq!(lines.len(), 3);
}

#[test]
fn peru_cocaine_cash_reaches_legitimate_mining() {
    let r = run(&[
        "paths",
        "--from",
        "peruvian-traffickers",
        "--to",
        "legit-mines",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        actor_lists(&v),
        [vec![
            "peruvian-traffickers",
            "illegal-miners",
            "legit-mines"
        ]]
    );
    assert_eq!(v["paths"][0]["flows"][0]["kind"], "cash");
    assert_eq!(v["paths"][0]["flows"][1]["kind"], "gold");
}

#[test]
fn a_misspelt_actor_is_a_usage_error_with_the_closest_id() {
    // Regression: "sanchez-parades" got "unknown actor" with no hint (issue 11).
    let r = run(&["paths", "--from", "sanchez-parades", "--to", "legit-mines"]);
    assert_usage_error(
        &r,
        &["unknown actor \"sanchez-parades\"; did you mean \"sanchez-paredes\"?"],
    );
}
