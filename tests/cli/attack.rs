//! `netgraph whatif --attack` end to end: the Montagna curve against NetworkX and the paper, static
//! and sequential modes by hand, the seeded random baseline.

use crate::common::components::{borgatti, component_sizes};
use crate::common::*;
use serde_json::{Value, json};

#[test]
fn montagna_sequential_betweenness_attack_matches_networkx_and_the_paper() {
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(repo("tests/fixtures/networkx/montagna_attack.json")).unwrap(),
    )
    .unwrap();
    let graph = repo("graphs/montagna-meetings.json");
    let net: Value = serde_json::from_str(&std::fs::read_to_string(&graph).unwrap()).unwrap();
    let v = json_of(&run(&[
        "whatif",
        &graph,
        "--attack",
        "betweenness",
        "--steps",
        "5",
        "--format",
        "json",
    ]));
    let steps = v["attack"].as_array().unwrap();
    assert_eq!(steps.len(), 6);
    assert_eq!(steps[0]["removed"], Value::Null);
    let mut removed: Vec<&str> = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        assert_eq!(s["step"], i);
        if i > 0 {
            assert_eq!(s["removed"], fixture["steps"][i - 1]["removed"], "step {i}");
            removed.push(s["removed"].as_str().unwrap());
        }
        let lcc = s["lcc"].as_f64().unwrap();
        assert!(
            close(lcc, fixture["curve"][i].as_f64().unwrap()),
            "step {i}: {lcc}"
        );
        // Fragmentation against an independent union–find on the file.
        let f = borgatti(&component_sizes(&net, &removed));
        assert!(close(s["fragmentation"].as_f64().unwrap(), f), "step {i}");
    }
    // The paper: 42.4% of the original largest component after 5 removals (39 of 92).
    let last = steps[5]["lcc"].as_f64().unwrap();
    assert!(
        (last - 0.424).abs() < 5e-4 && close(last, 39.0 / 92.0),
        "{last}"
    );
}

#[test]
fn static_attack_ranks_once() {
    // Path a-b-c-d-e + isolated f. Degree: b, c, d tie (0.4) → b first (smallest id), then c.
    let (_d, p) = path_file();
    let v = json_of(&run(&[
        "whatif", &p, "--attack", "degree", "--steps", "2", "--mode", "static", "--format", "json",
    ]));
    let removed: Vec<&Value> = v["attack"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["removed"])
        .collect();
    assert_eq!(removed, [&Value::Null, &json!("b"), &json!("c")]);
    // Sequential: after b goes, degrees are c 1, d 2 → d.
    let v = json_of(&run(&[
        "whatif", &p, "--attack", "degree", "--steps", "2", "--format", "json",
    ]));
    assert_eq!(v["attack"][2]["removed"], "d");
    // lcc: intact largest 5; without b and d: {a},{c},{e},{f} → 1/5; F = 1 with no connected pair.
    assert_eq!(v["attack"][2]["lcc"].as_f64(), Some(0.2));
    assert_eq!(v["attack"][2]["fragmentation"].as_f64(), Some(1.0));
    let keys: Vec<&String> = v["attack"][1].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["step", "removed", "lcc", "fragmentation"]);
}

#[test]
fn random_baseline_is_seeded_and_reproducible() {
    let graph = repo("graphs/montagna-meetings.json");
    let args = |seed: &str| {
        run(&[
            "whatif", &graph, "--attack", "random", "--steps", "3", "--runs", "50", "--seed", seed,
            "--format", "json",
        ])
    };
    let a = args("7");
    assert_eq!(a.stdout, args("7").stdout);
    assert_ne!(a.stdout, args("8").stdout);
    let v = json_of(&a);
    assert_eq!(
        (v["runs"].clone(), v["seed"].clone()),
        (json!(50), json!(7))
    );
    assert_eq!(v["attack"][0]["lcc"].as_f64(), Some(1.0));
    assert_eq!(v["attack"][0]["lcc_sd"].as_f64(), Some(0.0));
    let s3 = &v["attack"][3];
    assert!(s3["lcc"].as_f64().unwrap() <= 1.0 && s3["lcc_sd"].as_f64().unwrap() >= 0.0);
    let one = json_of(&run(&[
        "whatif", &graph, "--attack", "random", "--steps", "1", "--runs", "1", "--format", "json",
    ]));
    assert_eq!(one["attack"][1]["lcc_sd"], Value::Null);
}
