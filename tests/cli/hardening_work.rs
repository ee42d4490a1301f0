//! Bounded work: searches that explode stop within --budget / --timeout with the best found so far,
//! marked truncated; flags outside their range are refused.

use crate::common::*;
use assert_cmd::Command;
use std::time::{Duration, Instant};

/// A complete digraph on `n` actors: every search explodes on it.
fn complete(dir: &std::path::Path, n: usize) -> String {
    let mut text = String::from("source,target\n");
    for i in 0..n {
        for j in 0..n {
            if i != j {
                text.push_str(&format!("a{i},a{j}\n"));
            }
        }
    }
    write(dir, "k.csv", &text).to_str().unwrap().to_string()
}

fn json(args: &[&str]) -> (serde_json::Value, String) {
    let start = Instant::now();
    let out = Command::cargo_bin("netgraph")
        .unwrap()
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(start.elapsed() < Duration::from_secs(60));
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn k_shortest_paths_stop_at_the_budget_with_the_best_paths_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let k = complete(dir.path(), 40);
    let args = [
        "paths", &k, "--from", "a0", "--to", "a1", "--k", "100000", "--format", "json",
    ];
    let mut with_budget = args.to_vec();
    with_budget.extend(["--budget", "300"]);
    let (v, err) = json(&with_budget);
    assert_eq!(v["truncated"], true);
    assert!(
        err.contains("stopped after 300 expansions (--budget)"),
        "{err}"
    );
    let paths = v["paths"].as_array().unwrap();
    // The direct flow, then the 38 two-hop paths (a0 → x → a1), then three-hop ones: Yen searches
    // about one spur per hop of each accepted path, so 300 searches accept about 100 paths.
    assert!(paths.len() > 39 && paths.len() < 300, "{}", paths.len());
    let hops: Vec<u64> = paths.iter().map(|p| p["hops"].as_u64().unwrap()).collect();
    assert_eq!(hops[0], 1);
    assert!(hops[1..39].iter().all(|&h| h == 2), "{hops:?}");
    assert!(
        hops.windows(2).all(|w| w[0] <= w[1]),
        "best first: {hops:?}"
    );
    for p in paths {
        let actors: Vec<&str> = p["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        let mut unique = actors.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), actors.len(), "simple: {actors:?}");
        assert_eq!((actors[0], *actors.last().unwrap()), ("a0", "a1"));
    }
    // The same budget stops at the same place.
    assert_eq!(json(&with_budget).0, v);
    // The deadline stops it too, within its bound.
    let mut timed = args.to_vec();
    timed.extend(["--timeout", "1"]);
    let start = Instant::now();
    let (v, err) = json(&timed);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(v["truncated"], true);
    assert!(err.contains("(--timeout)"), "{err}");
    // A search that ends within its budget is not truncated.
    let (v, err) = json(&[
        "paths", &k, "--from", "a0", "--to", "a1", "--k", "3", "--format", "json",
    ]);
    assert_eq!(v["truncated"], false);
    assert_eq!(err, "");
}

#[test]
fn attacks_stop_at_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let k = complete(dir.path(), 30);
    let (v, err) = json(&[
        "whatif",
        &k,
        "--attack",
        "betweenness",
        "--steps",
        "20",
        "--budget",
        "3",
        "--format",
        "json",
    ]);
    assert_eq!(v["truncated"], true);
    assert!(
        err.contains("the attack stopped after 3 expansions"),
        "{err}"
    );
    let steps = v["attack"].as_array().unwrap();
    assert_eq!(steps.len(), 4, "the intact network and 3 removals");
    // In a complete digraph every removal leaves one component of the rest: lcc (n - k) / n.
    for (i, s) in steps.iter().enumerate() {
        // (serde_json's default parser may be one unit in the last place off.)
        let lcc = s["lcc"].as_f64().unwrap();
        assert!((lcc - (30 - i) as f64 / 30.0).abs() < 1e-15, "{lcc}");
    }
}

#[test]
fn random_runs_stop_at_the_budget_and_are_the_first_runs_of_the_full_experiment() {
    let base = [
        "whatif", "--attack", "random", "--steps", "5", "--seed", "9", "--format", "json",
    ];
    let mut capped = base.to_vec();
    capped.extend(["--runs", "1000", "--budget", "10"]);
    let (v, err) = json(&capped);
    assert_eq!(v["truncated"], true);
    assert_eq!(v["runs"], 10);
    assert!(err.contains("10 of the 1000 runs done"), "{err}");
    let mut ten = base.to_vec();
    ten.extend(["--runs", "10"]);
    let (w, _) = json(&ten);
    assert_eq!(v["attack"], w["attack"]);
    assert_eq!(w["truncated"], false);
    // A billion runs end at the deadline.
    let mut huge = base.to_vec();
    huge.extend(["--runs", "1000000000", "--timeout", "1"]);
    let start = Instant::now();
    let (v, _) = json(&huge);
    assert!(start.elapsed() < Duration::from_secs(20));
    assert_eq!(v["truncated"], true);
    assert!(v["runs"].as_u64().unwrap() < 1_000_000_000);
}

#[test]
fn flags_out_of_range_are_refused_with_their_range() {
    for args in [
        vec!["centrality", "--threads", "65535"],
        vec![
            "whatif",
            "--remove",
            "sanchez-paredes",
            "--threads",
            "65535",
        ],
        vec!["centrality", "--threads", "0"],
        vec!["pairs", "--threads", "65535"],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr.contains("from 1 to") && r.stderr.contains("cores"),
            "{}",
            r.stderr
        );
    }
    let r = run(&["paths", "--from", "a", "--to", "b", "--timeout=-1"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("0 (no limit) to 31536000"),
        "{}",
        r.stderr
    );
    let r = run(&["paths", "--from", "a", "--to", "b", "--budget", "0"]);
    assert_eq!(r.code, 2);
    for args in [
        vec!["centrality", "--top", "0"],
        vec!["centrality", "--max-iter", "99999999999"],
        vec!["whatif", "--remove", "sanchez-paredes", "--top", "0"],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr.contains("is not a whole number from 1"),
            "{}",
            r.stderr
        );
    }
    let r = run(&["whatif", "--attack", "degree", "--steps", "0"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("\"0\" is not a whole number from 1 up"),
        "{}",
        r.stderr
    );
    // A negative number after a space is the option's value, refused with its range — not an
    // unknown flag with a tip to write `-- -5` (which would name a file).
    for (args, says) in [
        (
            vec!["centrality", "--top", "-5"],
            "\"-5\" is not a whole number from 1 up",
        ),
        (
            vec!["centrality", "--epsilon", "-0.1"],
            "\"-0.1\" is not a number strictly between 0 and 1",
        ),
        (
            vec!["whatif", "--attack", "degree", "--steps", "-2"],
            "\"-2\" is not a whole number from 1 up",
        ),
        (
            vec!["centrality", "--resample", "-1"],
            "\"-1\" is not a number of draws from 1 to",
        ),
        (
            vec!["paths", "--from", "a", "--to", "b", "--k", "-3"],
            "\"-3\" is not a whole number from 1 to 4294967295",
        ),
        (
            vec!["paths", "--from", "a", "--to", "b", "--budget", "-1"],
            "\"-1\" is not a whole number from 1 up",
        ),
    ] {
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("unexpected argument"), "{}", r.stderr);
    }
}

#[test]
fn highlighted_chains_stop_at_the_budget_and_say_so_in_the_title() {
    let dir = tempfile::tempdir().unwrap();
    let net = complete(dir.path(), 30);
    let out = Command::cargo_bin("netgraph")
        .unwrap()
        .args([
            "dot",
            &net,
            "--highlight-chains",
            ".+",
            "--chain-from",
            "a0",
            "--chain-to",
            "a1",
            "--chain-limit",
            "100000000",
            "--budget",
            "2000",
        ])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("the chain search stopped after 2000 expansions (--budget)"),
        "{err}"
    );
    let dot = String::from_utf8_lossy(&out.stdout);
    assert!(dot.contains("search stopped by its budget"), "{dot}");
}

#[test]
fn a_chain_search_stopped_before_any_chain_says_why() {
    let out = Command::cargo_bin("netgraph")
        .unwrap()
        .args(["dot", "--highlight-chains", "--budget", "5"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: the chain search stopped (--budget/--timeout) before it found a laundering chain"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}
