//! The what-if engine, the disruption experiment and the key players called as a library
//! (`netgraph_core::queries`), on hand-built networks whose answers are worked out by hand in the
//! comments.

use netgraph_core::algo::attack::Mode;
use netgraph_core::algo::keyplayer::Objective;
use netgraph_core::budget::{Budget, BudgetSpec};
use netgraph_core::graph::Graph;
use netgraph_core::measures::Measure;
use netgraph_core::model::Network;
use netgraph_core::queries::attack::{AttackOptions, Curve, attack};
use netgraph_core::queries::chain_diff;
use netgraph_core::queries::keyplayers::{Goal, KeyplayersOptions, keyplayers};
use netgraph_core::queries::whatif::{WhatifOptions, whatif};
use netgraph_core::run::Message;
use netgraph_core::{Error, Run};
use serde_json::json;
use std::time::{Duration, Instant};

fn network(text: &str) -> Network {
    let mut net = netgraph_core::io::json::parse_str(text, "test.json").unwrap();
    net.index().unwrap();
    net
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

/// Criminal c1 (cartel), c2 (gang); hub h (city); legal b1 (bank), b2 (business); p (politician).
const LAUNDERING: &str = r#"{"actors": [
  {"id": "c1", "kind": "cartel"}, {"id": "c2", "kind": "gang"}, {"id": "h", "kind": "city"},
  {"id": "b1", "kind": "bank"}, {"id": "b2", "kind": "business"}, {"id": "p", "kind": "politician"}],
 "flows": [
  {"from": "c1", "to": "h", "kind": "cocaine", "confidence": 0.5},
  {"from": "h", "to": "b1", "kind": "cash"},
  {"from": "c1", "to": "b1", "kind": "cash", "confidence": 0.8},
  {"from": "c2", "to": "h", "kind": "cash"},
  {"from": "h", "to": "b2", "kind": "cash"},
  {"from": "c2", "to": "p", "kind": "bribes"}]}"#;

/// An undirected path a-b-c-d-e.
const PATH: &str = r#"{"directed": false,
  "actors": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}, {"id": "e"}],
  "flows": [{"from": "a", "to": "b", "kind": "link"}, {"from": "b", "to": "c", "kind": "link"},
            {"from": "c", "to": "d", "kind": "link"}, {"from": "d", "to": "e", "kind": "link"}]}"#;

/// An undirected star: centre z (last in id order), leaves a to e.
const STAR: &str = r#"{"directed": false,
  "actors": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}, {"id": "e"}, {"id": "z"}],
  "flows": [{"from": "z", "to": "a", "kind": "link"}, {"from": "z", "to": "b", "kind": "link"},
            {"from": "z", "to": "c", "kind": "link"}, {"from": "z", "to": "d", "kind": "link"},
            {"from": "z", "to": "e", "kind": "link"}]}"#;

#[test]
fn removing_the_hub_by_hand() {
    let net = network(LAUNDERING);
    let options = WhatifOptions {
        remove: vec!["h".into()],
        measure: Some(Measure::Degree),
        watch: vec![("c1".into(), "b2".into())],
        ..WhatifOptions::default()
    };
    let r = whatif(&net, &options, &Run::default()).unwrap();
    let at = |id: &str| net.position(id).unwrap();
    let (before, after) = (&r.before, &r.after[0]);
    assert_eq!((before.actors, after.actors), (6, 5));
    assert_eq!((before.flows, after.flows), (6, 2));
    // Weak components: everyone is connected before. Without h, c1-b1, c2-p and b2 alone: 4 of
    // the 5·4 ordered pairs connected, F = 1 − 4/20.
    assert_eq!((before.components, after.components), (1, 3));
    assert_eq!((before.largest, after.largest), (6, 2));
    assert!(close(before.fragmentation, 0.0));
    assert!(close(after.fragmentation, 0.8));
    // Degree (in + out over n − 1): h has 4 neighbours of 5 before and is gone after; c1 has 2 of
    // 5 before (h, b1) and 1 of 4 after (b1).
    assert_eq!(before.scores[at("h")], Some(0.8));
    assert_eq!(before.ranks[at("h")], Some(1));
    assert_eq!((after.scores[at("h")], after.ranks[at("h")]), (None, None));
    assert!(close(before.scores[at("c1")].unwrap(), 0.4));
    assert!(close(after.scores[at("c1")].unwrap(), 0.25));
    // The watched route c1 → h → b2 (2 hops) is gone: nothing else reaches b2.
    let route = |s: &netgraph_core::queries::whatif::Snapshot| s.routes[0].clone().unwrap();
    assert_eq!(route(before).length, Some(2.0));
    assert_eq!(route(before).path, Some(vec![at("c1"), at("h"), at("b2")]));
    assert_eq!((route(after).length, route(after).path), (None, None));
    // Chains of the laundering query: c1-b1, c1-h-b1, c1-h-b2, c2-h-b1, c2-h-b2 before; c1-b1
    // after. Their channels (entry flows into the legal economy): c1 → b1, h → b1, h → b2 before;
    // c1 → b1 after.
    assert_eq!(
        chain_diff::counts(&before.chains, &after.chains),
        [1, 4, 1, 0]
    );
    assert_eq!(
        chain_diff::channel_counts(&before.chains, &after.chains),
        [1, 2, 1, 0]
    );
    // Max flow criminal → legal, one per flow: c1 → b1, and through h at most h's two exits
    // (c1 → h, c2 → h feed it): 3 before; only c1 → b1 after.
    assert_eq!(
        (before.displacement.value, after.displacement.value),
        (3.0, 1.0)
    );
    // Both broken channels (h → b1, h → b2) were fed by c1 and c2; both remain, c1 still feeds
    // c1 → b1, and they keep the capacity 1 of that flow.
    assert_eq!(after.displaced.len(), 2);
    for x in &after.displaced {
        assert_eq!(x.origins, [at("c1"), at("c2")]);
        assert_eq!(x.reach, [0]);
        assert_eq!(x.capacity, 1.0);
    }
    // The JSON is the command's: the removed actor first, then the biggest change.
    let v = r.to_json();
    assert_eq!(v["actors"][0]["id"], "h");
    assert_eq!(v["actors"][0]["after"], serde_json::Value::Null);
    assert_eq!(v["components"], json!({"before": 1, "after": 3}));
    assert_eq!(v["chains"]["before"], 5);
    assert_eq!(v["displacement"]["after"], 1.0);
    assert_eq!(v["watch"][0]["after"]["reachable"], false);
    assert_eq!(serde_json::to_value(&r).unwrap(), v);
}

#[test]
fn whatif_errors_are_typed_and_notes_go_to_the_run() {
    let net = network(LAUNDERING);
    let run = Run::default();
    let nothing = whatif(&net, &WhatifOptions::default(), &run).unwrap_err();
    assert!(nothing.is_usage() && nothing.to_string().starts_with("nothing to compare"));
    let typo = WhatifOptions {
        remove: vec!["hh".into()],
        ..WhatifOptions::default()
    };
    let e = whatif(&net, &typo, &run).unwrap_err();
    assert!(matches!(&e, Error::Usage(m) if m.contains("\"h\"")), "{e}");
    let bad = WhatifOptions {
        pattern: Some("((".into()),
        ..WhatifOptions::default()
    };
    assert!(bad.validate().unwrap_err().is_usage());
    // A selector that selects nothing is a note, not an error.
    let none = WhatifOptions {
        remove: vec!["@legal".into()],
        cut: vec![netgraph_core::scenario::Edit::parse_cut("c2:p").unwrap()],
        ..WhatifOptions::default()
    };
    let net = network(
        &LAUNDERING
            .replace("\"bank\"", "\"city\"")
            .replace("\"business\"", "\"city\""),
    );
    whatif(&net, &none, &run).unwrap();
    assert!(
        run.messages
            .taken()
            .contains(&Message::Note("--remove @legal selects no actor".into()))
    );
}

#[test]
fn the_betweenness_attack_on_a_path() {
    let net = network(PATH);
    let options = AttackOptions {
        attack: "betweenness".into(),
        steps: Some(2),
        ..AttackOptions::default()
    };
    let r = attack(&net, &options, &Run::default()).unwrap();
    let Curve::Targeted { steps, mode, .. } = &r.curve else {
        panic!("targeted")
    };
    assert_eq!(*mode, Mode::Sequential);
    // Step 1: c lies on most paths; {a,b}, {d,e} remain: lcc 2/5, F = 1 − 4/12. Step 2: every
    // betweenness is 0 and ties go to id order: a goes; {b}, {d,e}: lcc 2/5, F = 1 − 2/6.
    let removed: Vec<Option<&str>> = steps.iter().map(|s| r.removed_id(s)).collect();
    assert_eq!(removed, [None, Some("c"), Some("a")]);
    let lcc: Vec<f64> = steps.iter().map(|s| s.lcc).collect();
    assert_eq!(lcc, [1.0, 0.4, 0.4]);
    assert!(close(steps[1].fragmentation, 2.0 / 3.0));
    assert!(close(steps[2].fragmentation, 2.0 / 3.0));
    assert!(!r.truncated);
    assert_eq!(r.to_json()["attack"][1]["removed"], "c");
    // A budget of one step stops after it, marked truncated, with a warning.
    let run = Run::default();
    let bounded = AttackOptions {
        budget: BudgetSpec {
            expansions: Some(1),
            timeout: None,
        },
        ..options.clone()
    };
    let r = attack(&net, &bounded, &run).unwrap();
    let Curve::Targeted { steps, .. } = &r.curve else {
        panic!("targeted")
    };
    assert_eq!((steps.len(), r.truncated), (2, true));
    assert_eq!(r.to_json()["truncated"], true);
    assert!(run.messages.taken().iter().any(
        |m| matches!(m, Message::Warning(w) if w.starts_with("the attack stopped after 1 expansions"))
    ));
}

#[test]
fn the_random_baseline_and_attack_usage() {
    let net = network(PATH);
    let options = AttackOptions {
        attack: "random".into(),
        steps: Some(5),
        runs: Some(10),
        ..AttackOptions::default()
    };
    let r = attack(&net, &options, &Run::default()).unwrap();
    let Curve::Random { runs, seed, steps } = &r.curve else {
        panic!("random")
    };
    assert_eq!((*runs, *seed, steps.len()), (10, 0, 6));
    // Intact in every run; after all five removals nothing is left.
    assert_eq!((steps[0].lcc, steps[0].lcc_sd), (1.0, Some(0.0)));
    assert_eq!((steps[5].lcc, steps[5].lcc_sd), (0.0, Some(0.0)));
    let usage = |o: AttackOptions| attack(&net, &o, &Run::default()).unwrap_err();
    let e = usage(AttackOptions {
        attack: "betweeness".into(),
        ..options.clone()
    });
    assert!(e.is_usage() && e.to_string().contains("random)"), "{e}");
    assert!(
        usage(AttackOptions {
            steps: None,
            ..options.clone()
        })
        .is_usage()
    );
    let e = usage(AttackOptions {
        steps: Some(6),
        ..options.clone()
    });
    assert!(!e.is_usage() && e.to_string().contains("exceeds the 5 actors"));
}

#[test]
fn keyplayers_take_the_centre_of_a_star() {
    let net = network(STAR);
    let options = KeyplayersOptions {
        k: 1,
        ..KeyplayersOptions::default()
    };
    let r = keyplayers(&net, &options, &Run::default()).unwrap();
    // Without z the five leaves are isolated: F = 1, the best possible.
    assert_eq!(r.actors, [net.position("z").unwrap()]);
    assert_eq!((r.score, r.intact), (1.0, 0.0));
    assert_eq!(r.contributions, [1.0]);
    assert!(r.search.optimal && !r.truncated);
    assert_eq!(r.search.proof, Some("the best score possible"));
    let v = r.to_json();
    assert_eq!(v["actors"], json!(["z"]));
    assert_eq!(v["fragmentation"], 1.0);
    // Reach within one step: z reaches all five others.
    let reach = KeyplayersOptions {
        objective: Goal::Reach,
        ..options.clone()
    };
    let r = keyplayers(&net, &reach, &Run::default()).unwrap();
    assert_eq!(r.objective, Objective::Reach { distance: 1 });
    assert_eq!((r.actors.clone(), r.score), (vec![5], 1.0));
    assert_eq!(r.to_json()["distance"], 1);
    let wrong = KeyplayersOptions {
        distance: Some(2),
        ..options
    };
    assert!(wrong.validate().unwrap_err().is_usage());
}

#[test]
fn keyplayers_cut_a_path_in_the_middle() {
    let net = network(PATH);
    // Without c: {a,b}, {d,e}, 4 of 4·3 ordered pairs, F = 2/3; without b or d: {a}, {c,d,e},
    // 6 pairs, F = 1/2; without an end, F = 0.
    for exhaustive in [false, true] {
        let options = KeyplayersOptions {
            k: 1,
            exhaustive,
            ..KeyplayersOptions::default()
        };
        let r = keyplayers(&net, &options, &Run::default()).unwrap();
        assert_eq!(r.actors, [net.position("c").unwrap()]);
        assert!(close(r.score, 2.0 / 3.0));
        assert!(close(r.contributions[0], 2.0 / 3.0));
        assert_eq!(r.search.is_exhaustive(), exhaustive);
        if exhaustive {
            assert_eq!(
                (r.search.starts, r.search.proof),
                (5, Some("every set examined"))
            );
        }
    }
    // Candidates restrict the set: among the ends and b, b is best.
    let options = KeyplayersOptions {
        k: 1,
        candidates: vec!["a,b,e".into()],
        ..KeyplayersOptions::default()
    };
    let r = keyplayers(&net, &options, &Run::default()).unwrap();
    assert_eq!((r.actors.clone(), r.candidates), (vec![1], 3));
    assert!(close(r.score, 0.5));
}

/// A dense random graph (each of the C(n, 2) pairs with probability 1/2) as a network.
fn dense(n: usize) -> Network {
    use rand::{RngExt, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let actors: Vec<String> = (0..n).map(|i| format!(r#"{{"id": "v{i}"}}"#)).collect();
    let mut flows = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            if rng.random_bool(0.5) {
                flows.push(format!(
                    r#"{{"from": "v{i}", "to": "v{j}", "kind": "link"}}"#
                ));
            }
        }
    }
    network(&format!(
        r#"{{"directed": false, "actors": [{}], "flows": [{}]}}"#,
        actors.join(","),
        flows.join(",")
    ))
}

#[test]
fn the_key_player_search_stops_at_its_budget_on_a_dense_graph() {
    let net = dense(120);
    let options = KeyplayersOptions {
        k: 10,
        budget: BudgetSpec {
            expansions: Some(3),
            timeout: None,
        },
        ..KeyplayersOptions::default()
    };
    let run = Run::default();
    let r = keyplayers(&net, &options, &run).unwrap();
    // Three passes: the greedy start's first three members, completed from its last pass.
    assert_eq!(r.actors.len(), 10);
    assert!(r.truncated && !r.search.optimal);
    assert_eq!(r.search.stopped_by, Some("--budget"));
    assert_eq!(r.to_json()["truncated"], true);
    let warnings: Vec<Message> = run.messages.taken();
    assert!(
        warnings.iter().any(|m| matches!(m, Message::Warning(w)
            if w.starts_with("the key-player search stopped after 3 expansions (--budget)"))),
        "{warnings:?}"
    );
    // The same bound on the search itself: exactly three passes, each at most V + 2E steps.
    let (weighted, _) = netgraph_core::view::View::new(&net, &Default::default())
        .counted_graph(&netgraph_core::view::Weighting::Unweighted)
        .unwrap();
    let g: Graph = weighted.graph;
    let budget = Budget::new(Some(3), None);
    let params = netgraph_core::algo::keyplayer_search::Params {
        starts: 20,
        seed: 1,
        max_steps: u64::MAX,
    };
    let all: Vec<usize> = (0..g.n()).collect();
    let s = netgraph_core::algo::keyplayer_search::search_within(
        &g,
        10,
        Objective::Fragment,
        &all,
        params,
        &budget,
    )
    .unwrap();
    assert!(s.truncated && budget.truncated());
    assert_eq!(budget.used(), 3);
    let pass = (g.n() + 2 * g.out().arc_count()) as u64;
    assert!(s.steps <= 3 * pass, "{} steps", s.steps);
    // The exhaustive search counts sets: a budget of 7 examines 7 of C(120, 2).
    let exhaustive = KeyplayersOptions {
        k: 2,
        exhaustive: true,
        budget: BudgetSpec {
            expansions: Some(7),
            timeout: None,
        },
        ..KeyplayersOptions::default()
    };
    let r = keyplayers(&net, &exhaustive, &Run::default()).unwrap();
    assert_eq!((r.search.starts, r.truncated), (7, true));
    assert!(!r.search.optimal && r.search.proof.is_none());
}

#[test]
fn the_key_player_search_stops_at_its_deadline() {
    // A million starts with no bound on the work would run for hours.
    let net = dense(300);
    let options = KeyplayersOptions {
        k: 60,
        starts: 1_000_000,
        max_steps: u64::MAX,
        budget: BudgetSpec {
            expansions: None,
            timeout: Some(0.2),
        },
        ..KeyplayersOptions::default()
    };
    let start = Instant::now();
    let r = keyplayers(&net, &options, &Run::default()).unwrap();
    let took = start.elapsed();
    assert!(r.truncated, "the search finished before its deadline");
    assert_eq!(r.search.stopped_by, Some("--timeout"));
    assert_eq!(r.actors.len(), 60);
    // The deadline plus the pass in progress and the contributions (61 evaluations).
    assert!(took < Duration::from_secs(5), "{took:?}");
}
