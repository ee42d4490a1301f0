//! `--resample`: the same analysis on networks drawn from the view (`centrality`, `chains`,
//! `keyplayers`, `whatif`). Seeds reproduce byte for byte on 1 and 2 threads; with every
//! confidence 1 and mode `confidence` every interval collapses to the exact value; a hand-worked
//! network gives the two values a score can take; bad usage exits 2.

use crate::common::{assert_usage_error, json_of, repo, run, write};
use serde_json::Value;

/// a → b → c with b → c of confidence 0.5, and d → b: b brokers a → c and d → c exactly when
/// b → c is drawn, so its betweenness is 2 / ((4 − 1)(4 − 2)) = 1/3 or 0.
const HALF: &str = r#"{"actors": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
 "flows": [
  {"from": "a", "to": "b"},
  {"from": "b", "to": "c", "confidence": 0.5},
  {"from": "d", "to": "b"}
 ]}"#;

fn fixture(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "net.json", text);
    let path = p.to_str().unwrap().to_string();
    (dir, path)
}

fn number(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"))
}

#[test]
fn a_score_takes_its_two_values_in_the_right_shares() {
    let (_dir, path) = fixture(HALF);
    let r = run(&[
        "centrality",
        &path,
        "--measure",
        "betweenness",
        "--resample",
        "2000",
        "--seed",
        "4",
        "--top-k",
        "1",
        "--format",
        "json",
    ]);
    let j = json_of(&r);
    let b = &j["actors"][0];
    assert_eq!(b["id"], "b");
    assert!((number(&b["betweenness"]) - 1.0 / 3.0).abs() < 1e-12);
    // Half the draws 1/3, half 0: the percentiles are the two values, the mean 1/6 within
    // 4.5 standard errors (sd 1/6, 2000 draws).
    assert_eq!(number(&b["betweenness_p05"]), 0.0);
    assert!((number(&b["betweenness_p95"]) - 1.0 / 3.0).abs() < 1e-12);
    let se = (1.0 / 6.0) / 2000f64.sqrt();
    assert!((number(&b["betweenness_mean"]) - 1.0 / 6.0).abs() < 4.5 * se);
    // b ranks first exactly when it brokers; otherwise every actor ties at 0, rank 1 shared: b
    // is always in the top 1.
    assert_eq!(number(&b["betweenness_topk"]), 1.0);
    assert_eq!(j["resample"]["draws"], 2000);
    assert_eq!(j["resample"]["mode"], "confidence");
    assert_eq!(j["truncated"], false);
}

/// The keys of `row` ending in one of the suffixes, with the measure's own key.
fn collapse_check(row: &Value, measure: &str, k_rank: bool) {
    let exact = &row[measure];
    for suffix in ["_mean", "_p05", "_p95"] {
        assert_eq!(
            &row[format!("{measure}{suffix}")],
            exact,
            "{measure}{suffix} of {}",
            row["id"]
        );
    }
    let topk = number(&row[format!("{measure}_topk")]);
    assert!(topk == 0.0 || topk == 1.0, "{row}");
    if k_rank {
        assert_eq!(topk == 1.0, row["rank"].as_u64().unwrap() <= 5, "{row}");
    }
}

#[test]
fn intervals_collapse_when_every_confidence_is_one() {
    // Montagna's meetings state no confidence: every draw of mode confidence is the whole view.
    let path = repo("graphs/montagna-meetings.json");
    let j = json_of(&run(&[
        "centrality",
        &path,
        "--measure",
        "betweenness,pagerank,closeness,degree",
        "--resample",
        "25",
        "--top-k",
        "5",
        "--format",
        "json",
    ]));
    let measures = ["betweenness", "pagerank", "closeness", "degree"];
    for row in j["actors"].as_array().unwrap() {
        for (i, m) in measures.iter().enumerate() {
            collapse_check(row, m, i == 0);
        }
    }
    // Chains, key players and what-if collapse likewise; Peru's flows of confidence 1 give
    // channels.
    let j = json_of(&run(&[
        "chains",
        "--min-confidence",
        "1",
        "--resample",
        "10",
        "--format",
        "json",
    ]));
    assert!(!j["channels"].as_array().unwrap().is_empty());
    for c in j["channels"].as_array().unwrap() {
        assert_eq!(number(&c["exists"]), 1.0);
    }
    let j = json_of(&run(&[
        "keyplayers",
        &path,
        "--k",
        "2",
        "--resample",
        "10",
        "--format",
        "json",
    ]));
    for m in j["members"].as_array().unwrap() {
        assert_eq!(number(&m["chosen"]), 1.0);
    }
    assert_eq!(j["fragmentation_mean"], j["fragmentation"]);
    assert_eq!(j["fragmentation_p05"], j["fragmentation"]);
    let j = json_of(&run(&[
        "whatif",
        &path,
        "--remove",
        "N18",
        "--resample",
        "10",
        "--format",
        "json",
    ]));
    let scores = j["resample"]["actors"].as_array().unwrap();
    assert_eq!(scores.len(), 101, "every actor of the meetings network");
    let sides = scores
        .iter()
        .flat_map(|a| a["betweenness"].as_array().unwrap().iter());
    for f in j["resample"]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .chain(sides)
    {
        if f["value"].is_number() {
            assert_eq!(f["mean"], f["value"], "{f}");
            assert_eq!(f["p05"], f["value"], "{f}");
            assert_eq!(f["p95"], f["value"], "{f}");
        }
    }
}

#[test]
fn seeds_reproduce_byte_for_byte_on_one_and_two_threads() {
    let caviar = repo("graphs/caviar.json");
    let cases: Vec<Vec<&str>> = vec![
        vec!["centrality", "--measure", "all", "--resample", "40"],
        vec![
            "centrality",
            &caviar,
            "--measure",
            "betweenness,closeness",
            "--resample",
            "20",
            "--resample-mode",
            "bootstrap",
        ],
        vec!["chains", "--resample", "30", "--resample-mode", "drop:0.2"],
        vec![
            "keyplayers",
            "--k",
            "2",
            "--resample",
            "20",
            "--resample-mode",
            "drop-actors:0.1",
        ],
        vec!["whatif", "--remove", "sanchez-paredes", "--resample", "20"],
    ];
    for case in cases {
        let out = |threads: &str, seed: &str| {
            let mut args = case.clone();
            args.extend(["--threads", threads, "--seed", seed, "--format", "json"]);
            let r = run(&args);
            assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
            r.stdout
        };
        let one = out("1", "11");
        assert_eq!(one, out("2", "11"), "{case:?}");
        assert_ne!(one, out("2", "12"), "{case:?}: another seed, other draws");
    }
}

#[test]
fn exact_betweenness_is_the_same_bits_on_any_thread_count() {
    // Brandes sums a fixed 64 chunks of sources in chunk order, whatever the pool's size.
    let caviar = repo("graphs/caviar.json");
    for args in [
        vec!["centrality", caviar.as_str(), "--measure", "betweenness"],
        vec!["pairs", caviar.as_str(), "--measure", "edge_betweenness"],
    ] {
        let out = |threads: &str| {
            let mut a = args.clone();
            a.extend(["--threads", threads, "--format", "json"]);
            let r = run(&a);
            assert_eq!(r.code, 0, "{a:?}: {}", r.stderr);
            r.stdout
        };
        assert_eq!(out("1"), out("2"), "{args:?}");
        assert_eq!(out("1"), out("3"), "{args:?}");
    }
}

#[test]
fn bootstrap_draws_m_flows_and_removed_actors_stay_counted() {
    let j = json_of(&run(&[
        "whatif",
        "--remove",
        "sanchez-paredes",
        "--resample",
        "30",
        "--resample-mode",
        "bootstrap",
        "--format",
        "json",
    ]));
    let figure = |side: &str, name: &str| {
        j["resample"]["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["side"] == side && f["figure"] == name)
            .unwrap()
            .clone()
    };
    // A bootstrap draw holds exactly as many flows as the view, counted with repeats.
    let flows = figure("before", "flows");
    assert_eq!(flows["p05"], flows["value"]);
    assert_eq!(flows["p95"], flows["value"]);
    let j = json_of(&run(&[
        "whatif",
        "--remove",
        "sanchez-paredes",
        "--resample",
        "30",
        "--resample-mode",
        "drop-actors:0.3",
        "--format",
        "json",
    ]));
    let actors = j["resample"]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["side"] == "before" && f["figure"] == "actors")
        .unwrap()
        .clone();
    assert_eq!(actors["mean"], actors["value"]);
}

#[test]
fn the_budget_stops_after_whole_draws() {
    let r = run(&[
        "centrality",
        "--resample",
        "50",
        "--budget",
        "7",
        "--format",
        "json",
    ]);
    let j = json_of(&r);
    assert_eq!(j["resample"]["draws"], 7);
    assert_eq!(j["resample"]["asked"], 50);
    assert_eq!(j["truncated"], true);
    assert!(
        r.stderr.contains("stopped after 7 of 50 draws"),
        "{}",
        r.stderr
    );
    // The draws done are the first ones: the same as asking for 7.
    let seven = json_of(&run(&["centrality", "--resample", "7", "--format", "json"]));
    assert_eq!(j["actors"], seven["actors"]);
}

#[test]
fn tables_and_csv_show_rank_and_interval() {
    let r = run(&["centrality", "--resample", "20", "--top", "3"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("20 draws (--resample-mode confidence, --seed 0)")
    );
    assert!(r.stdout.contains("betweenness 5–95%") && r.stdout.contains("degree top 10"));
    let r = run(&["centrality", "--resample", "20", "--format", "csv"]);
    let header = r.stdout.lines().next().unwrap();
    assert_eq!(
        header,
        "actor,degree,degree_mean,degree_p05,degree_p95,degree_topk,betweenness,betweenness_mean,betweenness_p05,betweenness_p95,betweenness_topk"
    );
}

#[test]
fn bad_usage_exits_2() {
    assert_usage_error(
        &run(&["centrality", "--resample", "5", "--by", "year"]),
        &["--resample and --by cannot be combined"],
    );
    assert_usage_error(
        &run(&["keyplayers", "--k", "2", "--resample", "5", "--by", "year"]),
        &["--resample and --by"],
    );
    assert_usage_error(
        &run(&["centrality", "--top-k", "3"]),
        &["--top-k needs --epsilon or --resample"],
    );
    assert_usage_error(
        &run(&["centrality", "--seed", "3"]),
        &["--seed needs --epsilon or --resample"],
    );
    assert_usage_error(
        &run(&["whatif", "--attack", "degree", "--resample", "5"]),
        &["--resample applies to scenarios"],
    );
    for mode in ["drop", "drop:1.5", "bootstrapp"] {
        let r = run(&["centrality", "--resample", "5", "--resample-mode", mode]);
        assert_eq!(r.code, 2, "{mode}: {}", r.stderr);
        assert!(r.stderr.contains("--resample-mode"), "{}", r.stderr);
    }
    let r = run(&["centrality", "--resample", "0"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("from 1 to 1000000"), "{}", r.stderr);
    let r = run(&["centrality", "--resample-mode", "bootstrap"]);
    assert_eq!(r.code, 2);
}
