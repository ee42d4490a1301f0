//! Key players on two classic networks, against their exact optima: Zachary's karate club
//! (tests/fixtures/networkx/karate.graphml) and Padgett's Florentine families
//! (tests/fixtures/networkx/florentine-families.json). The optima are literals printed by brute force over
//! every k-set with NetworkX (tests/fixtures/networkx/keyplayers.py, networkx 3.6.1); the heuristic
//! search must reach them, and `--exhaustive` must find them.

use crate::common::*;
use serde_json::Value;

fn karate() -> String {
    repo("tests/fixtures/networkx/karate.graphml")
}

fn florentine() -> String {
    repo("tests/fixtures/networkx/florentine-families.json")
}

fn found(file: &str, k: usize, extra: &[&str]) -> Value {
    let k = k.to_string();
    let mut args = vec!["keyplayers", file, "--k", &k, "--format", "json"];
    args.extend_from_slice(extra);
    json_of(&run(&args))
}

fn ids(v: &Value) -> Vec<&str> {
    v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect()
}

/// The optimum of fragmentation: `pairs` ordered connected pairs left among `m` actors, and the
/// optimal set when it is unique.
struct Optimum {
    k: usize,
    pairs: u64,
    m: u64,
    set: Option<&'static [&'static str]>,
}

/// keyplayers.py: "karate k=… fragmentation: pairs=… m=… sets=[…]".
const KARATE: [Optimum; 4] = [
    Optimum {
        k: 2,
        pairs: 572,
        m: 32,
        set: Some(&["m0", "m1"]),
    },
    Optimum {
        k: 3,
        pairs: 400,
        m: 31,
        set: Some(&["m0", "m32", "m33"]),
    },
    Optimum {
        k: 4,
        pairs: 166,
        m: 30,
        set: Some(&["m0", "m2", "m32", "m33"]),
    },
    Optimum {
        k: 5,
        pairs: 90,
        m: 29,
        set: Some(&["m0", "m1", "m2", "m32", "m33"]),
    },
];

/// keyplayers.py: "florentine k=… fragmentation"; k = 4 has 2 optimal sets, k = 5 has 17.
const FLORENTINE: [Optimum; 4] = [
    Optimum {
        k: 2,
        pairs: 46,
        m: 13,
        set: Some(&["guadagni", "medici"]),
    },
    Optimum {
        k: 3,
        pairs: 18,
        m: 12,
        set: Some(&["guadagni", "medici", "strozzi"]),
    },
    Optimum {
        k: 4,
        pairs: 8,
        m: 11,
        set: None,
    },
    Optimum {
        k: 5,
        pairs: 6,
        m: 10,
        set: None,
    },
];

fn check_fragmentation(file: &str, optima: &[Optimum]) {
    for o in optima {
        let f = 1.0 - o.pairs as f64 / (o.m * (o.m - 1)) as f64;
        for extra in [&[][..], &["--exhaustive"]] {
            let v = found(file, o.k, extra);
            let got = v["fragmentation"].as_f64().unwrap();
            assert!(
                close(got, f),
                "k = {} {extra:?}: {got} vs the optimum {f}",
                o.k
            );
            if let Some(set) = o.set {
                assert_eq!(ids(&v), set, "k = {} {extra:?}", o.k);
            }
        }
    }
}

#[test]
fn karate_fragmentation_reaches_the_optimum_for_k_2_to_5() {
    check_fragmentation(&karate(), &KARATE);
    // The case: the greedy start + swaps alone stopped at {m0, m1, m3}, F = 0.482.
    let v = found(&karate(), 3, &[]);
    assert_eq!(v["search"]["optimal"], false);
    assert!(v["search"]["starts"].as_u64().unwrap() > 1);
    let e = found(&karate(), 3, &["--exhaustive"]);
    assert_eq!(e["search"]["optimal"], true);
    assert_eq!(e["search"]["sets"], 5984);
}

#[test]
fn florentine_fragmentation_reaches_the_optimum_for_k_2_to_5() {
    check_fragmentation(&florentine(), &FLORENTINE);
}

/// keyplayers.py: "… reach D=…: reached/others".
fn check_reach(file: &str, d: usize, optima: &[(usize, u64, u64)]) {
    let d = d.to_string();
    for &(k, reached, others) in optima {
        for exhaustive in [false, true] {
            let mut extra = vec!["--objective", "reach", "--distance", &d];
            if exhaustive {
                extra.push("--exhaustive");
            }
            let v = found(file, k, &extra);
            let got = v["reach"].as_f64().unwrap();
            let want = reached as f64 / others as f64;
            assert!(close(got, want), "k = {k}, D = {d}: {got} vs {want}");
        }
    }
}

#[test]
fn reach_reaches_the_optimum_for_k_2_to_5() {
    check_reach(
        &karate(),
        1,
        &[(2, 29, 32), (3, 30, 31), (4, 30, 30), (5, 29, 29)],
    );
    check_reach(&karate(), 2, &[(2, 32, 32), (3, 31, 31)]);
    check_reach(
        &florentine(),
        1,
        &[(2, 9, 13), (3, 10, 12), (4, 10, 11), (5, 10, 10)],
    );
    check_reach(&florentine(), 2, &[(2, 13, 13), (3, 12, 12)]);
    // karate, k = 2, D = 1: the unique optimal set.
    let v = found(&karate(), 2, &["--objective", "reach"]);
    assert_eq!(ids(&v), ["m0", "m33"]);
}
