//! `netgraph chains` end to end on a hand-built network (tests/fixtures/laundering.json), where
//! every chain is known by hand. Flows: 0 clan→miners cash (conf 1, 10 USD), 1 miners→mines gold
//! (0.5, 4 kg), 2 miners→border gold (0.8, 6 kg), 3 border→bmines gold (1, 5 kg), 4 clan→re
//! real-estate (0.6), 5 clan→miners cash (0.4), 6 police→clan arrest, 7 bmines→mines gold (1, 3 kg).
//! Criminal: clan, miners. Legal: mines, bmines, re.

mod common;
use common::*;
use serde_json::Value;

fn net() -> String {
    repo("tests/fixtures/laundering.json")
}

fn chains(extra: &[&str]) -> Value {
    let n = net();
    let mut args = vec!["chains", n.as_str(), "--format", "json"];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

fn routes(v: &Value) -> Vec<String> {
    v["chains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let actors = c["actors"].as_array().unwrap();
            let kinds = c["kinds"].as_array().unwrap();
            let mut s = actors[0].as_str().unwrap().to_string();
            for (k, a) in kinds.iter().zip(&actors[1..]) {
                s.push_str(&format!(" {} {}", k.as_str().unwrap(), a.as_str().unwrap()));
            }
            s
        })
        .collect()
}

fn confidences(v: &Value) -> Vec<f64> {
    v["chains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["confidence"].as_f64().unwrap())
        .collect()
}

#[test]
fn default_query_finds_every_laundering_chain_ranked_by_evidence() {
    let v = chains(&[]);
    assert_eq!(v["truncated"], false);
    // By hand: from clan or miners, first flow cash or gold, ending in a legal actor or with an
    // asset flow (clan →real-estate→ re is excluded: it does not start with illicit value or money).
    assert_eq!(
        routes(&v),
        [
            "miners gold border gold bmines",                      // 0.8, 2 hops
            "clan cash miners gold border gold bmines", // 0.8, 3 hops, kinds cash… < gold…
            "miners gold border gold bmines gold mines", // 0.8, 3 hops
            "clan cash miners gold border gold bmines gold mines", // 0.8, 4 hops
            "miners gold mines",                        // 0.5
            "clan cash miners gold mines",              // 0.5
            "clan cash miners gold border gold bmines", // 0.32 (the 0.4 cash flow)
            "clan cash miners gold border gold bmines gold mines", // 0.32
            "clan cash miners gold mines",              // 0.2
        ]
    );
    let want = [
        0.8,
        0.8,
        0.8,
        0.8,
        0.5,
        0.5,
        0.4 * 0.8,
        0.4 * 0.8,
        0.4 * 0.5,
    ];
    for (got, want) in confidences(&v).into_iter().zip(want) {
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }
    let c = &v["chains"][1];
    assert_eq!(c["hops"], 3);
    assert_eq!(c["bottleneck"], Value::Null, "USD and kg differ");
    assert_eq!(c["conversions"][0]["at"], "miners");
    assert_eq!(c["conversions"][0]["from"], "money");
    assert_eq!(c["conversions"][0]["to"], "illicit");
    let hop = &c["flows"][0];
    let keys: Vec<&str> = hop
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "from",
            "to",
            "kind",
            "volume",
            "unit",
            "confidence",
            "sources"
        ]
    );
    assert_eq!(hop["unit"], "USD");
    assert_eq!(hop["sources"][0]["quote"], "the clan buys gold with cash");
    assert_eq!(v["chains"][0]["bottleneck"], 5);
}

#[test]
fn rank_by_volume_puts_chains_without_a_common_unit_last() {
    let v = chains(&["--rank", "volume"]);
    let b: Vec<Value> = v["chains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["bottleneck"].clone())
        .collect();
    assert_eq!(&b[..3], [5, 4, 3].map(Value::from));
    assert!(b[3..].iter().all(Value::is_null));
    assert_eq!(routes(&v)[3], "clan cash miners gold border gold bmines");
    let h = chains(&["--rank", "hops"]);
    assert_eq!(routes(&h)[0], "miners gold mines");
}

#[test]
fn explicit_patterns_constrain_kinds_only() {
    let v = chains(&["--pattern", "cash gold+"]);
    // Two cash flows × (mines, border, bmines, bmines→mines): 8 chains, ends unconstrained.
    assert_eq!(routes(&v).len(), 8);
    assert!(routes(&v).contains(&"clan cash miners gold border".to_string()));
    let v = chains(&["--pattern", "@money @illicit", "--from", "clan"]);
    assert_eq!(
        routes(&v),
        [
            "clan cash miners gold border",
            "clan cash miners gold mines",
            "clan cash miners gold border",
            "clan cash miners gold mines"
        ]
    );
    let v = chains(&["--pattern", ".+", "--from", "miners", "--to", "mines"]);
    assert_eq!(
        routes(&v),
        [
            "miners gold border gold bmines gold mines",
            "miners gold mines"
        ]
    );
    let v = chains(&["--pattern", "gold+", "--max-hops", "2"]);
    assert!(routes(&v).iter().all(|r| r.matches(" gold ").count() <= 2));
    assert_eq!(routes(&v).len(), 6);
}

#[test]
fn limit_truncates_and_says_so() {
    let n = net();
    let r = run(&["chains", &n, "--format", "json", "--limit", "2"]);
    assert_eq!(r.code, 0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["truncated"], true);
    assert_eq!(v["chains"].as_array().unwrap().len(), 2);
    assert!(r.stderr.contains("--limit"), "{}", r.stderr);
    let v = chains(&["--limit", "9"]);
    assert_eq!(v["truncated"], false);
    let v = chains(&["--top", "3"]);
    assert_eq!(v["chains"].as_array().unwrap().len(), 3);
}

#[test]
fn malformed_patterns_are_usage_errors_with_a_position() {
    let n = net();
    for (pattern, position) in [
        ("cash (gold", "position 11"),
        ("cash | | gold", "position 8"),
        ("*", "position 1"),
        ("gold)", "position 5"),
    ] {
        let r = run(&["chains", &n, "--pattern", pattern]);
        assert_eq!(r.code, 2, "{pattern}: {}", r.stderr);
        assert_eq!(r.stdout, "");
        assert!(r.stderr.contains(position), "{pattern}: {}", r.stderr);
        assert_eq!(r.stderr.lines().count(), 1);
    }
    let r = run(&["chains", &n, "--from", "ghost"]);
    assert_usage_error(&r, &["unknown actor \"ghost\""]);
    let r = run(&["chains", &n, "--pattern", "heroin"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stderr.contains("\"heroin\" matches no flow kind"),
        "{}",
        r.stderr
    );
}

#[test]
fn table_shows_blocks_with_conversions_and_sources() {
    let n = net();
    let r = run(&["chains", &n, "--top", "2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "chain 1: evidence 0.8, 2 hops, bottleneck 5\n  miners ─gold→ border ─gold→ bmines\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("  conversion at miners: money → illicit\n")
    );
    assert!(r.stdout.contains("a.txt: \"the clan buys gold with cash\""));
    assert!(r.stdout.ends_with("2 of 9 chains shown\n"));
    let r = run(&["chains", &n, "--format", "csv", "--top", "1"]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "chain,confidence,bottleneck,hop,from,to,kind,volume,unit,flow_confidence,sources"
    );
    assert_eq!(lines[1], "1,0.8,5,1,miners,border,gold,6,kg,0.8,");
    assert_eq!(lines.len(), 3);
}

/// The routes the sources describe are found by the default query on the built-in network.
#[test]
fn peru_default_query_finds_the_described_routes() {
    let r = run(&["chains", "--all", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let found = routes(&v);
    for route in [
        "peruvian-traffickers cash illegal-miners gold legit-mines",
        "se-illegal-miners gold peru-bolivia-border gold bolivian-mines",
        "illegal-miners cash interior-clans real-estate re-trujillo",
        "se-illegal-miners cash puno-clans real-estate re-arequipa",
        "se-illegal-miners cash puno-clans real-estate re-tacna",
        "se-illegal-miners cash puno-clans real-estate re-moquegua",
        "se-illegal-miners cash pm-money-changers",
    ] {
        assert!(found.iter().any(|f| f == route), "{route} not found");
    }
    assert_eq!(v["truncated"], false);
}

#[test]
fn default_query_follows_only_flows_that_carry_value() {
    // gang ─cash→ broker ─alliance→ clan ─cash→ bank: the alliance moves no value, so the default
    // query finds only clan ─cash→ bank; an explicit pattern (kinds only) finds both routes to the bank.
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "tie.json",
        r#"{"actors": [{"id": "gang", "kind": "gang"}, {"id": "broker", "kind": "trafficker"},
                       {"id": "clan", "kind": "family-clan"}, {"id": "bank", "kind": "bank"}],
            "flows": [{"from": "gang", "to": "broker", "kind": "cash"},
                      {"from": "broker", "to": "clan", "kind": "alliance"},
                      {"from": "clan", "to": "bank", "kind": "cash"}]}"#,
    );
    let file = p.to_str().unwrap();
    let run_json = |extra: &[&str]| {
        let mut args = vec!["chains", file, "--format", "json"];
        args.extend_from_slice(extra);
        let r = run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        serde_json::from_str::<Value>(&r.stdout).unwrap()
    };
    assert_eq!(routes(&run_json(&[])), ["clan cash bank"]);
    let any = run_json(&["--pattern", "(@illicit|@money) .*", "--to", "bank"]);
    assert_eq!(
        routes(&any),
        ["clan cash bank", "gang cash broker alliance clan cash bank"]
    );
}
