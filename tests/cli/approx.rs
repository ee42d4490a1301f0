//! `--epsilon`: approximate betweenness within its stated bound, reproducible by seed.

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
    let (again, _) = scores(&[
        &g,
        "--undirected",
        "--epsilon",
        "0.05",
        "--seed",
        "11",
        "--threads",
        "1",
    ]);
    assert_eq!(approx, again, "same seed, any thread count, same answer");
}

#[test]
fn delta_and_seed_need_epsilon() {
    assert_eq!(run(&["centrality", "--delta", "0.1"]).code, 2);
    assert_eq!(run(&["centrality", "--epsilon", "1.5"]).code, 2);
}
