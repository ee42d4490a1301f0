//! `--epsilon`: approximate betweenness (KADABRA) within its stated bound, reproducible by seed;
//! `--top-k`: the most central actors with certified ranks or intervals.

use crate::common::*;
use std::collections::HashMap;

/// A k×k grid as a CSV edge list (undirected ties read with --undirected).
fn grid_csv(dir: &std::path::Path, k: usize) -> String {
    let mut text = String::from("source,target\n");
    for i in 0..k {
        for j in 0..k {
            if j + 1 < k {
                text.push_str(&format!("g{i}_{j},g{i}_{}\n", j + 1));
            }
            if i + 1 < k {
                text.push_str(&format!("g{i}_{j},g{}_{j}\n", i + 1));
            }
        }
    }
    write(dir, "grid.csv", &text).to_str().unwrap().to_string()
}

fn scores(args: &[&str]) -> (HashMap<String, f64>, String) {
    let mut all = vec!["centrality", "--measure", "betweenness", "--format", "csv"];
    all.extend_from_slice(args);
    let r = run(&all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let map = r
        .stdout
        .lines()
        .skip(1)
        .map(|l| {
            let (id, x) = l.split_once(',').unwrap();
            (id.to_string(), x.parse().unwrap())
        })
        .collect();
    (map, r.stderr)
}

#[test]
fn estimate_is_within_epsilon_of_exact() {
    let dir = tempfile::tempdir().unwrap();
    let g = grid_csv(dir.path(), 60);
    let (exact, _) = scores(&[&g, "--undirected"]);
    let (approx, note) = scores(&[&g, "--undirected", "--epsilon", "0.05", "--seed", "11"]);
    assert!(note.contains("sampled shortest paths"), "{note}");
    assert_eq!(exact.len(), 3600);
    let worst = exact
        .iter()
        .map(|(id, x)| (x - approx[id]).abs())
        .fold(0.0, f64::max);
    assert!(worst <= 0.05, "max error {worst}");
    // Same seed, any thread count: the same bytes.
    let bytes = |threads: &str| {
        let r = run(&[
            "centrality",
            &g,
            "--undirected",
            "-m",
            "betweenness",
            "--epsilon",
            "0.05",
            "--seed",
            "11",
            "--threads",
            threads,
            "--format",
            "csv",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
    };
    let one = bytes("1");
    assert_eq!(one, bytes("2"));
    assert_eq!(one, bytes("3"));
}

/// A directed star of stars: centre c_i has `leaves` leaves, the centres a directed cycle.
fn stars_csv(dir: &std::path::Path) -> String {
    let mut text = String::from("source,target\n");
    for (c, leaves) in [(0, 600), (1, 300), (2, 100)] {
        text.push_str(&format!("c{c},c{}\n", (c + 1) % 3));
        for l in 0..leaves {
            text.push_str(&format!("c{c},l{c}_{l}\nl{c}_{l},c{c}\n"));
        }
    }
    write(dir, "stars.csv", &text).to_str().unwrap().to_string()
}

#[test]
fn directed_estimate_is_within_epsilon_of_exact() {
    let dir = tempfile::tempdir().unwrap();
    let g = stars_csv(dir.path());
    let (exact, _) = scores(&[&g]);
    for seed in ["1", "2"] {
        let (approx, note) = scores(&[&g, "--epsilon", "0.05", "--seed", seed]);
        assert!(note.contains("KADABRA"), "{note}");
        let worst = exact
            .iter()
            .map(|(id, x)| (x - approx[id]).abs())
            .fold(0.0, f64::max);
        assert!(worst <= 0.05, "seed {seed}: max error {worst}");
    }
}

#[test]
fn top_k_certifies_the_hubs() {
    // Exact directed betweenness, by hand: c0's 600 leaves reach everyone else through c0
    // (and c1, c2 through c0 on the cycle c0→c1→c2→c0), so c0 > c1 > c2 far apart.
    let dir = tempfile::tempdir().unwrap();
    let g = stars_csv(dir.path());
    let (exact, _) = scores(&[&g]);
    let r = run(&[
        "centrality",
        &g,
        "-m",
        "betweenness",
        "--epsilon",
        "0.05",
        "--top-k",
        "3",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let actors = v["actors"].as_array().unwrap();
    let ids: Vec<&str> = actors.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["c0", "c1", "c2"]);
    for a in actors {
        let id = a["id"].as_str().unwrap();
        let (low, high) = (
            a["betweenness_low"].as_f64().unwrap(),
            a["betweenness_high"].as_f64().unwrap(),
        );
        assert!(low <= exact[id] && exact[id] <= high, "{a}");
        assert_eq!(a["rank_certified"], true, "{a}");
    }
    assert!(r.stderr.contains("the top 3 ranked"), "{}", r.stderr);
    let table = run(&[
        "centrality",
        &g,
        "-m",
        "betweenness",
        "--epsilon",
        "0.05",
        "--top-k",
        "3",
    ]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    let header = table.stdout.lines().nth(1).unwrap();
    let columns: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        columns[columns.len() - 3..],
        ["low", "high", "certified"],
        "{header}"
    );
    assert!(
        table.stdout.lines().skip(2).all(|l| l.ends_with("yes")),
        "{}",
        table.stdout
    );
    assert_eq!(
        table.stdout.lines().count(),
        5,
        "view line, header, three rows: {}",
        table.stdout
    );
}

#[test]
fn top_k_needs_epsilon_and_betweenness_first() {
    let r = run(&["centrality", "--top-k", "3"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("--top-k needs --epsilon or --resample"),
        "{}",
        r.stderr
    );
    let r = run(&["centrality", "--epsilon", "0.1", "--top-k", "3"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("list it first"), "{}", r.stderr);
    let r = run(&[
        "centrality",
        "-m",
        "betweenness",
        "--epsilon",
        "0.1",
        "--top-k",
        "0",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn delta_and_seed_need_epsilon() {
    assert_eq!(run(&["centrality", "--delta", "0.1"]).code, 2);
    assert_eq!(run(&["centrality", "--epsilon", "1.5"]).code, 2);
}
