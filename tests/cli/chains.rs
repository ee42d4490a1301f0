//! `netgraph chains` end to end on a hand-built network (tests/fixtures/laundering.json), where
//! every chain is known by hand. Flows: 0 clan→miners cash (conf 1, 10 USD), 1 miners→mines gold
//! (0.5, 4 kg), 2 miners→border gold (0.8, 6 kg), 3 border→bmines gold (1, 5 kg), 4 clan→re
//! real-estate (0.6), 5 clan→miners cash (0.4), 6 police→clan arrest, 7 bmines→mines gold (1, 3 kg).
//! Criminal: clan, miners. Legal: mines, bmines, re.

use crate::common::*;
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

fn channels(v: &Value) -> Vec<String> {
    v["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let e = &c["entry"];
            let origins: Vec<&str> = c["origins"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o.as_str().unwrap())
                .collect();
            format!(
                "{} {} {} <- {} ({})",
                e["from"].as_str().unwrap(),
                e["kind"].as_str().unwrap(),
                e["to"].as_str().unwrap(),
                origins.join(","),
                c["chains"]
            )
        })
        .collect()
}

#[test]
fn default_query_finds_every_laundering_chain_ranked_by_evidence() {
    let v = chains(&["--chains"]);
    assert_eq!(v["truncated"], false);
    // By hand: from clan or miners, along value flows, ending with the first flow into a legal
    // actor (mines, bmines, re) or of an asset kind. "miners gold border gold bmines gold mines"
    // is not a chain: value entered the legal economy at bmines. The arrest carries no value.
    let want_chains = [
        "miners gold border gold bmines",           // 0.8, 2 hops
        "clan cash miners gold border gold bmines", // 0.8, 3 hops
        "clan real-estate re",                      // 0.6
        "miners gold mines",                        // 0.5, 1 hop
        "clan cash miners gold mines",              // 0.5, 2 hops
        "clan cash miners gold border gold bmines", // 0.32 (the 0.4 cash flow)
        "clan cash miners gold mines",              // 0.2
    ];
    let mut sorted = routes(&v);
    sorted.sort();
    let mut want_sorted = want_chains.map(String::from).to_vec();
    want_sorted.sort();
    assert_eq!(sorted, want_sorted);
    // Three channels, ranked by their best chain's evidence: each with its origins (the first
    // actors of its chains) and the number of chains.
    assert_eq!(
        channels(&v),
        [
            "border gold bmines <- clan,miners (3)",
            "clan real-estate re <- clan (1)",
            "miners gold mines <- clan,miners (3)",
        ]
    );
    // --chains lists the chains grouped under their channel, in rank order within each.
    assert_eq!(
        routes(&v),
        [
            "miners gold border gold bmines",
            "clan cash miners gold border gold bmines",
            "clan cash miners gold border gold bmines",
            "clan real-estate re",
            "miners gold mines",
            "clan cash miners gold mines",
            "clan cash miners gold mines",
        ]
    );
    let groups: Vec<u64> = v["chains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["channel"].as_u64().unwrap())
        .collect();
    assert_eq!(groups, [1, 1, 1, 2, 3, 3, 3]);
    let want = [0.8, 0.8, 0.4 * 0.8, 0.6, 0.5, 0.5, 0.4 * 0.5];
    for (got, want) in confidences(&v).into_iter().zip(want) {
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }
    let best = &v["channels"][0]["best"];
    assert_eq!(
        best["actors"],
        serde_json::json!(["miners", "border", "bmines"])
    );
    assert_eq!(best["bottleneck"], 5);
    assert_eq!(v["channels"][0]["entry"]["volume"], 5);
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
    // Without --chains: the channels only.
    let v = chains(&[]);
    assert!(v.get("chains").is_none());
    assert_eq!(v["channels"].as_array().unwrap().len(), 3);
    assert!(
        v["query"]
            .as_str()
            .unwrap()
            .contains("from criminal actors")
    );
}

#[test]
fn rank_by_volume_puts_chains_without_a_common_unit_last() {
    let v = chains(&["--rank", "volume", "--chains"]);
    // Channel 1's chains by bottleneck: 5 kg, then the two mixing USD and kg.
    let b: Vec<Value> = v["chains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["bottleneck"].clone())
        .collect();
    assert_eq!(b[0], 5);
    assert!(b[1].is_null() && b[2].is_null());
    // The best chain into mines by volume is the 4 kg one.
    assert_eq!(v["channels"][2]["best"]["bottleneck"], 4);
    let h = chains(&["--rank", "hops", "--chains"]);
    let best: Vec<usize> = h["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["best"]["hops"].as_u64().unwrap() as usize)
        .collect();
    // By hops the best chains are the shortest: 2 hops into bmines, 1 into re and into mines.
    assert_eq!(best, [2, 1, 1]);
}

#[test]
fn explicit_patterns_keep_the_default_start_and_end_rules() {
    // Starting at clan or miners, ending at the first entry: two cash flows × (mines, bmines).
    let v = chains(&["--pattern", "cash gold+", "--chains"]);
    assert_eq!(
        routes(&v),
        [
            "clan cash miners gold border gold bmines",
            "clan cash miners gold border gold bmines",
            "clan cash miners gold mines",
            "clan cash miners gold mines",
        ]
    );
    // --anywhere drops the rules: ends are free (mines, border, bmines, bmines→mines).
    let v = chains(&["--pattern", "cash gold+", "--anywhere", "--chains"]);
    assert_eq!(routes(&v).len(), 8);
    assert!(routes(&v).contains(&"clan cash miners gold border".to_string()));
    // --from replaces the start rule only: the chain must still end at an entry.
    let v = chains(&["--pattern", "@money @illicit", "--from", "clan", "--chains"]);
    assert_eq!(
        routes(&v),
        ["clan cash miners gold mines", "clan cash miners gold mines"]
    );
    // --to replaces the end rule: a chain may pass through a legal actor on the way to it.
    let v = chains(&[
        "--pattern",
        ".+",
        "--from",
        "miners",
        "--to",
        "mines",
        "--chains",
    ]);
    assert_eq!(
        routes(&v),
        [
            "miners gold border gold bmines gold mines",
            "miners gold mines"
        ]
    );
    let v = chains(&["--pattern", "gold+", "--max-hops", "2", "--chains"]);
    assert_eq!(
        routes(&v),
        ["miners gold border gold bmines", "miners gold mines"]
    );
    let v = chains(&[
        "--pattern",
        "gold+",
        "--max-hops",
        "2",
        "--anywhere",
        "--chains",
    ]);
    assert_eq!(routes(&v).len(), 6);
}

#[test]
fn limit_stops_the_search_and_says_so() {
    let n = net();
    let r = run(&["chains", &n, "--format", "json", "--limit", "2", "--chains"]);
    assert_eq!(r.code, 0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["truncated"], true);
    assert_eq!(v["chains"].as_array().unwrap().len(), 2);
    assert!(r.stderr.contains("--limit"), "{}", r.stderr);
    let v = chains(&["--limit", "8"]);
    assert_eq!(v["truncated"], false);
    let v = chains(&["--top", "2"]);
    assert_eq!(v["channels"].as_array().unwrap().len(), 2);
}

/// On a complete digraph of 60 actors there are about 10¹⁴ simple paths of 8 flows; `--limit 1`
/// must stop the search at the first chain, and a chain ends at its `--to` actor.
#[test]
fn limit_bounds_the_search_on_a_complete_digraph() {
    let (actors, flows) = complete_cash_digraph(60);
    let dir = tempfile::tempdir().unwrap();
    let text = serde_json::json!({"actors": actors, "flows": flows}).to_string();
    let file = write(dir.path(), "k60.json", &text);
    let file = file.to_str().unwrap();
    let started = std::time::Instant::now();
    // a9 is the last id in id order, so the first chain found is 8 flows long.
    let r = run(&[
        "chains",
        file,
        "--from",
        "a0",
        "--to",
        "a9",
        "--max-hops",
        "8",
        "--limit",
        "1",
        "--chains",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["truncated"], true);
    let found = routes(&v);
    assert_eq!(found.len(), 1);
    assert!(found[0].starts_with("a0 cash ") && found[0].ends_with(" cash a9"));
    // No chain continues past a --to actor: with --to a1,a2 every chain ends at the first it reaches.
    let r = run(&[
        "chains",
        file,
        "--from",
        "a0",
        "--to",
        "a1,a2",
        "--max-hops",
        "2",
        "--chains",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    for c in v["chains"].as_array().unwrap() {
        let actors = c["actors"].as_array().unwrap();
        let inner = &actors[1..actors.len() - 1];
        assert!(!inner.iter().any(|a| a == "a1" || a == "a2"), "{c}");
    }
    // a0→a1, a0→a2, and a0→x→a1, a0→x→a2 for the 57 other x.
    assert_eq!(v["chains"].as_array().unwrap().len(), 2 + 2 * 57);
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
fn table_shows_channels_with_their_best_chain_conversions_and_sources() {
    let n = net();
    let r = run(&["chains", &n, "--top", "2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "view: every flow — 8 flows, 7 actors\n\nchannel 1: evidence 0.8, 2 origins, 3 chains\n  entry: border ─gold→ bmines\n  origins: clan, miners\n  best chain: evidence 0.8, 2 hops, bottleneck 5\n    miners ─gold→ border ─gold→ bmines\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("2 of 3 channels shown, fed by 7 chains\n")
    );
    let r = run(&["chains", &n, "--chains", "--top", "1"]);
    assert!(
        r.stdout.contains("  chain 1.2: evidence 0.8, 3 hops"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("    conversion at miners: money → illicit\n")
    );
    assert!(r.stdout.contains("a.txt: \"the clan buys gold with cash\""));
    let r = run(&["chains", &n, "--format", "csv", "--top", "1"]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "channel,origins,chains,chain,confidence,bottleneck,hop,from,to,kind,volume,unit,flow_confidence,sources"
    );
    assert_eq!(
        lines[1],
        "1,clan miners,3,1,0.8,5,1,miners,border,gold,6,kg,0.8,"
    );
    assert_eq!(lines.len(), 3);
}

/// The routes the sources describe are found by the default query on the built-in network.
#[test]
fn peru_default_query_finds_the_described_routes() {
    let r = run(&["chains", "--all", "--chains", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let found = routes(&v);
    // The four routes are channels: the entry flows into legal mining, Bolivian mines, the
    // Trujillo and southern real estate, and the Port Maldonado changers.
    let entries: Vec<String> = channels(&v)
        .iter()
        .map(|c| c.split(" <- ").next().unwrap().to_string())
        .collect();
    for entry in [
        "illegal-miners gold legit-mines",
        "peru-bolivia-border gold bolivian-mines",
        "interior-clans real-estate re-trujillo",
        "puno-clans real-estate re-arequipa",
        "se-illegal-miners cash pm-money-changers",
    ] {
        assert!(
            entries.iter().any(|e| e == entry),
            "{entry} is not a channel"
        );
    }
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
    assert_eq!(routes(&run_json(&["--chains"])), ["clan cash bank"]);
    let any = run_json(&[
        "--pattern",
        "(@illicit|@money) .*",
        "--to",
        "bank",
        "--chains",
    ]);
    assert_eq!(
        routes(&any),
        ["clan cash bank", "gang cash broker alliance clan cash bank"]
    );
}

/// Runs `chains --chains --format json` on a network given as JSON text and returns the routes.
fn routes_of(network: &str, extra: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "n.json", network);
    let mut args = vec![
        "chains",
        p.to_str().unwrap(),
        "--chains",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    routes(&serde_json::from_str(&r.stdout).unwrap())
}

#[test]
fn inputs_are_consumed_and_never_extend_a_chain() {
    // cartel ─weapons→ miners ─gold→ mines, cartel ─fuel→ miners (fuel declared an input),
    // cartel ─mercury→ mines (an input into a legal actor).
    let net = |fuel_role: &str| {
        format!(
            r#"{{"kinds": {{"flows": {{"fuel": {{"class": "illicit", "role": "{fuel_role}"}}}}}},
                "actors": [{{"id": "cartel", "kind": "cartel"}}, {{"id": "miners", "kind": "criminal-group"}},
                           {{"id": "mines", "kind": "mining-company"}}],
                "flows": [{{"from": "cartel", "to": "miners", "kind": "weapons"}},
                          {{"from": "miners", "to": "mines", "kind": "gold"}},
                          {{"from": "cartel", "to": "miners", "kind": "fuel"}},
                          {{"from": "cartel", "to": "mines", "kind": "mercury"}}]}}"#
        )
    };
    // The default query follows value only: the weapons, the fuel and the mercury carry none.
    assert_eq!(routes_of(&net("input"), &[]), ["miners gold mines"]);
    // Declared a commodity, fuel becomes value that moves on.
    assert_eq!(
        routes_of(&net("commodity"), &[]),
        ["miners gold mines", "cartel fuel miners gold mines"]
    );
    // An explicit pattern follows any kind, but an input only as a chain's last flow.
    assert_eq!(
        routes_of(&net("input"), &["--pattern", ".+", "--anywhere"]),
        [
            "cartel fuel miners",
            "cartel weapons miners",
            "cartel mercury mines",
            "miners gold mines"
        ]
    );
}

#[test]
fn chains_respect_time_unless_told_to_ignore_it() {
    // gang ─cash (since 2020)→ broker ─cash (undated)→ fixer ─cash (until 2019)→ bank, and
    // gang ─cash (2018)→ fixer. Value that left the gang in 2020 cannot reach the bank by a flow
    // that ended in 2019, whatever undated flow lies between.
    let net = r#"{"actors": [{"id": "gang", "kind": "gang"}, {"id": "broker", "kind": "port"},
                             {"id": "fixer", "kind": "port"}, {"id": "bank", "kind": "bank"}],
                  "flows": [{"from": "gang", "to": "broker", "kind": "cash", "since": "2020"},
                            {"from": "broker", "to": "fixer", "kind": "cash"},
                            {"from": "fixer", "to": "bank", "kind": "cash", "until": "2019"},
                            {"from": "gang", "to": "fixer", "kind": "cash", "since": "2018", "until": "2018-06"}]}"#;
    assert_eq!(routes_of(net, &[]), ["gang cash fixer cash bank"]);
    assert_eq!(
        routes_of(net, &["--ignore-time"]),
        [
            "gang cash fixer cash bank",
            "gang cash broker cash fixer cash bank"
        ]
    );
    // Truncated dates stand for their whole period: a flow until 2020-01 may still follow one
    // since 2020 (both in January 2020).
    let net = net.replace(r#""until": "2019""#, r#""until": "2020-01""#);
    assert_eq!(
        routes_of(&net, &[]),
        [
            "gang cash fixer cash bank",
            "gang cash broker cash fixer cash bank"
        ]
    );
}

#[test]
fn a_bad_role_in_the_kinds_section_names_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "bad.json",
        r#"{"kinds": {"flows": {"fuel": {"class": "illicit", "role": "consumable"}}},
            "actors": [{"id": "a"}], "flows": []}"#,
    );
    let r = run(&["chains", p.to_str().unwrap()]);
    assert_user_error(&r, &["kinds.flows.fuel.role", "consumable", "input"]);
}

#[test]
fn ends_are_selectors_and_pattern_names_are_checked() {
    let n = net();
    // --to @legal is every legal actor: the chains end at the first one they reach.
    let v = chains(&["--to", "@legal", "--chains"]);
    let all = chains(&["--chains"]);
    // Here every chain of the default query enters a legal actor (the asset flow too), so the
    // two find the same chains.
    let sorted = |v: &Value| {
        let mut r = routes(v);
        r.sort();
        r
    };
    assert_eq!(sorted(&v), sorted(&all));
    // A comma list of ids, and an actor kind.
    let v = chains(&["--to", "bmines,re", "--chains"]);
    assert_eq!(channels(&v).len(), 2);
    // --to replaces the end rule: on the way to mines a chain may pass bmines.
    let v = chains(&["--from", "family-clan", "--to", "mines", "--chains"]);
    assert_eq!(
        routes(&v),
        [
            "clan cash miners gold border gold bmines gold mines",
            "clan cash miners gold border gold bmines gold mines",
            "clan cash miners gold mines",
            "clan cash miners gold mines"
        ]
    );
    // Unknown names are bad usage with the closest known names.
    let r = run(&["chains", &n, "--to", "bmine"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("did you mean \"bmines\""), "{}", r.stderr);
    let r = run(&["chains", &n, "--pattern", "cash gld"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("unknown flow kind \"gld\"") && r.stderr.contains("\"gold\""),
        "{}",
        r.stderr
    );
    let r = run(&["chains", &n, "--pattern", "@mony"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean \"@money\""), "{}", r.stderr);
    let r = run(&["chains", &n, "--pattern", "@legal"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("a class of actors"), "{}", r.stderr);
    // A known kind absent from the network is only a warning.
    let r = run(&["chains", &n, "--pattern", "heroin"]);
    assert_eq!(r.code, 0);
}

#[test]
fn chain_betweenness_counts_channels_and_chains_through_each_actor() {
    let n = net();
    let r = run(&[
        "centrality",
        &n,
        "--measure",
        "chain_betweenness,degree",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v["measures"],
        serde_json::json!(["chain_betweenness", "chains", "degree"])
    );
    // By hand from the seven chains of the default query: miners lies inside 4 chains (2 into
    // bmines, 2 into mines) of 2 channels; border inside the 3 chains into bmines (1 channel).
    let got: Vec<(String, u64, u64)> = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                a["chain_betweenness"].as_u64().unwrap(),
                a["chains"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got[0], ("miners".to_string(), 2, 4));
    assert_eq!(got[1], ("border".to_string(), 1, 3));
    assert!(got[2..].iter().all(|g| g.1 == 0 && g.2 == 0));
    assert!(r.stderr.contains("of 3 channels"), "{}", r.stderr);
    // With a pattern: only gold gold chains (miners gold border gold bmines): border on one.
    let r = run(&[
        "centrality",
        &n,
        "-m",
        "chain_betweenness",
        "--pattern",
        "gold gold",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "actor,chain_betweenness,chains");
    assert_eq!(lines[1], "border,1,1");
    assert_eq!(lines[2], "bmines,0,0");
    // Chain options without the measure are bad usage.
    let r = run(&["centrality", &n, "--max-hops", "3"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

/// Regression (issue 18): a search whose chains never match (the only flow into the bank is gold,
/// the pattern wants cash) explores every path and `--limit` never stops it; `--budget` does, with
/// a warning naming the bound and `"truncated": true`, and stops at the same place on every run.
#[test]
fn budget_stops_a_search_that_finds_nothing() {
    let (mut actors, mut flows) = complete_cash_digraph(30);
    actors.push(serde_json::json!({"id": "bank", "kind": "bank"}));
    flows.push(serde_json::json!({"from": "a0", "to": "bank", "kind": "gold"}));
    let dir = tempfile::tempdir().unwrap();
    let text = serde_json::json!({"actors": actors, "flows": flows}).to_string();
    let file = write(dir.path(), "k30.json", &text);
    let args = [
        "chains",
        file.to_str().unwrap(),
        "--pattern",
        "cash+",
        "--max-hops",
        "8",
        "--budget",
        "100000",
        "--format",
        "json",
    ];
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("the chain search stopped after 100000 expansions (--budget)"),
        "{}",
        r.stderr
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["truncated"], true);
    assert_eq!(v["channels"], serde_json::json!([]));
    assert_eq!(
        run(&args).stdout,
        r.stdout,
        "the same budget stops at the same place"
    );
    // The chain searches of whatif (each side bounded on its own) and of chain_betweenness too.
    let file = file.to_str().unwrap();
    let w = run(&[
        "whatif",
        file,
        "--remove",
        "a5",
        "--pattern",
        "cash+",
        "--max-hops",
        "8",
        "--budget",
        "100000",
        "--format",
        "json",
    ]);
    assert_eq!(w.code, 0, "{}", w.stderr);
    assert_eq!(
        w.stderr
            .matches("the chain search stopped after 100000 expansions")
            .count(),
        2,
        "one stop per side: {}",
        w.stderr
    );
    let v: Value = serde_json::from_str(&w.stdout).unwrap();
    assert_eq!(
        v["chains"]["truncated"],
        serde_json::json!({"before": true, "after": true})
    );
    let c = run(&[
        "centrality",
        file,
        "--measure",
        "chain_betweenness",
        "--pattern",
        "cash+",
        "--max-hops",
        "8",
        "--budget",
        "100000",
    ]);
    assert_eq!(c.code, 0, "{}", c.stderr);
    assert!(
        c.stderr.contains("stopped after 100000 expansions"),
        "{}",
        c.stderr
    );
    // The budget options belong to chain_betweenness.
    let u = run(&["centrality", file, "--budget", "10"]);
    assert_eq!(u.code, 2, "{}", u.stderr);
}

/// Cartels a0..a{n-1} with a cash flow from each to every other: (actors, flows).
fn complete_cash_digraph(n: usize) -> (Vec<Value>, Vec<Value>) {
    let ids: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
    let actors = ids
        .iter()
        .map(|id| serde_json::json!({"id": id, "kind": "cartel"}))
        .collect();
    let mut flows = Vec::new();
    for a in &ids {
        for b in &ids {
            if a != b {
                flows.push(serde_json::json!({"from": a, "to": b, "kind": "cash"}));
            }
        }
    }
    (actors, flows)
}
