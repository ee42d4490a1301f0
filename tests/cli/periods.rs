//! `--by`: periods side by side (`centrality`, `info`, `keyplayers`). Every period must be exactly
//! the command run by hand with the period's filter and `--active` added (`--where FIELD=V`, or
//! `--dated --since START --until END`); date buckets are checked against counts worked out by
//! hand, and CAVIAR's trajectories against the table the hand loop of docs/measures.md gave.

use crate::common::{assert_usage_error, json_of, repo, run, write};
use serde_json::Value;

/// Six actors; `phase` 1, 2 and 10 (numeric order must put 10 last), one flow without a phase,
/// one flow below `--min-confidence 0.5`, and a text field `stage`.
const PHASES: &str = r#"{"actors": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"},
  {"id": "e"}, {"id": "f"}],
 "flows": [
  {"from": "a", "to": "b", "phase": 1, "stage": "alpha"},
  {"from": "b", "to": "c", "phase": 1, "stage": "alpha"},
  {"from": "c", "to": "d", "phase": 2, "confidence": 0.4, "stage": "beta"},
  {"from": "a", "to": "c", "phase": 2, "stage": "beta"},
  {"from": "c", "to": "e", "phase": 2, "stage": "beta"},
  {"from": "d", "to": "e", "phase": 10, "stage": "alpha"},
  {"from": "e", "to": "f", "phase": 10},
  {"from": "f", "to": "d", "phase": 10},
  {"from": "b", "to": "e"}
 ]}"#;

/// Flows dated at several precisions, worked out by hand below: 0 a→b 2019-03..2019-05; 1 b→c
/// 2019-11..2020-02; 2 c→d from 2021 on (no end); 3 d→e until 2020-06 (no start); 4 a→e with no
/// date; 5 b→d on 2021-07-15.
const DATES: &str = r#"{"actors": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"},
  {"id": "e"}, {"id": "u"}],
 "flows": [
  {"from": "a", "to": "b", "since": "2019-03", "until": "2019-05"},
  {"from": "b", "to": "c", "since": "2019-11", "until": "2020-02"},
  {"from": "c", "to": "d", "since": "2021"},
  {"from": "d", "to": "e", "until": "2020-06"},
  {"from": "a", "to": "e"},
  {"from": "b", "to": "d", "since": "2021-07-15", "until": "2021-07-15"}
 ]}"#;

fn fixture(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), name, text).to_str().unwrap().to_string();
    (dir, p)
}

/// The JSON of `netgraph ARGS --format json`.
fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    json_of(&run(&all))
}

/// The period's value as `--where` takes it.
fn typed(period: &Value) -> String {
    match period {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Asserts that a period object of a `--by` run holds exactly the keys of the run by hand (with
/// the same values), besides the period's own keys.
fn same_as_by_hand(period: &Value, by_hand: &Value, what: &str) {
    let p = period.as_object().unwrap();
    let h = by_hand.as_object().unwrap();
    for (k, v) in h {
        assert_eq!(p.get(k), Some(v), "{what}: key {k}");
    }
    for k in p.keys() {
        assert!(
            h.contains_key(k)
                || ["period", "filter", "flows", "actors_active"].contains(&k.as_str()),
            "{what}: extra key {k}"
        );
    }
    assert_eq!(period["flows"], by_hand["view"]["flows"], "{what}");
    assert_eq!(
        period["actors_active"], by_hand["view"]["actors_active"],
        "{what}"
    );
}

#[test]
fn caviar_by_phase_equals_each_phase_by_hand() {
    let caviar = repo("graphs/caviar.json");
    let measures = "betweenness,pagerank,closeness";
    let by = json(&[
        "centrality",
        &caviar,
        "--by",
        "phase",
        "--measure",
        measures,
    ]);
    let periods = by["periods"].as_array().unwrap();
    let values: Vec<i64> = periods
        .iter()
        .map(|p| p["period"].as_i64().unwrap())
        .collect();
    assert_eq!(values, (1..=11).collect::<Vec<_>>(), "numeric order");
    assert_eq!(by["by"], serde_json::json!({"field": "phase"}));
    for p in periods {
        let k = typed(&p["period"]);
        let hand = json(&[
            "centrality",
            &caviar,
            "--where",
            &format!("phase={k}"),
            "--active",
            "--measure",
            measures,
        ]);
        assert_eq!(p["filter"], format!("--where phase={k}"));
        assert_eq!(p["view"], hand["view"], "phase {k}");
        assert_eq!(p["actors"], hand["actors"], "phase {k}");
        assert_eq!(p["flows"], hand["view"]["flows"]);
        assert_eq!(p["actors_active"], hand["view"]["actors_active"]);
    }
}

#[test]
fn a_small_network_by_phase_equals_each_phase_by_hand_for_every_command() {
    let (_dir, net) = fixture("phases.json", PHASES);
    let filters = ["--min-confidence", "0.5"];
    let commands: [&[&str]; 3] = [
        &["centrality", "--measure", "degree,betweenness"],
        &["info"],
        &["keyplayers", "--k", "1", "--exhaustive"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push(&net);
        args.extend(filters);
        let mut by_args = args.clone();
        by_args.extend(["--by", "phase"]);
        let r = run(&[by_args.as_slice(), &["--format", "json"]].concat());
        let by = json_of(&r);
        // The flow without a phase is said, once.
        assert_eq!(
            r.stderr
                .matches("1 of the 8 kept flows has no \"phase\" and is in no period")
                .count(),
            1,
            "{}",
            r.stderr
        );
        let periods = by["periods"].as_array().unwrap();
        let values: Vec<Value> = periods.iter().map(|p| p["period"].clone()).collect();
        assert_eq!(values, [1, 2, 10].map(Value::from), "{command:?}");
        assert_eq!(by["flows_outside"], 1);
        for p in periods {
            let condition = format!("phase={}", typed(&p["period"]));
            let mut hand = args.clone();
            hand.extend(["--where", &condition, "--active"]);
            let what = format!("{command:?} {condition}");
            let hand = json(&hand);
            match command[0] {
                "centrality" => {
                    assert_eq!(p["view"], hand["view"], "{what}");
                    assert_eq!(p["actors"], hand["actors"], "{what}");
                }
                _ => same_as_by_hand(p, &hand, &what),
            }
        }
    }
    // Phase 2 keeps a→c and c→e (c→d is below 0.5): 2 flows over a, c, e, and c brokers a → e.
    let by = json(&[
        "centrality",
        &net,
        "--min-confidence",
        "0.5",
        "--by",
        "phase",
        "--measure",
        "betweenness",
    ]);
    let p2 = &by["periods"][1];
    assert_eq!(
        (p2["flows"].as_u64(), p2["actors_active"].as_u64()),
        (Some(2), Some(3))
    );
    assert_eq!(p2["actors"][0]["id"], "c");
    assert_eq!(p2["actors"][0]["betweenness"], 0.5);
}

#[test]
fn text_values_are_periods_in_text_order() {
    let (_dir, net) = fixture("phases.json", PHASES);
    let by = json(&["info", &net, "--by", "stage"]);
    let values: Vec<&str> = by["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["alpha", "beta"]);
    assert_eq!(by["order"], "in text order");
    // alpha: a→b, b→c, d→e; beta: c→d, a→c, c→e.
    let counts: Vec<(u64, u64)> = by["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["flows"].as_u64().unwrap(),
                p["actors_active"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts, [(3, 5), (3, 4)]);
    assert_eq!(by["flows_outside"], 3);
}

/// The per-period counts of [`DATES`], by hand. A flow is in every bucket its period overlaps;
/// one with only `since` runs on to the end of the data (2021-12-31), one with only `until` from
/// its start; the undated a→e is in none.
#[test]
fn date_buckets_count_what_overlaps_them() {
    let (_dir, net) = fixture("dates.json", DATES);
    let counts = |args: &[&str]| -> Vec<(String, u64, u64)> {
        let r = run(&[args, &["--format", "json"]].concat());
        assert!(
            r.stderr
                .contains("kept flows gives no date (since or until) and is in no period"),
            "{}",
            r.stderr
        );
        json_of(&r)["periods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["period"].as_str().unwrap().to_string(),
                    p["flows"].as_u64().unwrap(),
                    p["actors_active"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let row = |p: &str, f, a| (p.to_string(), f, a);
    // 2019: a→b, b→c, d→e (a, b, c, d, e); 2020: b→c, d→e; 2021: c→d, b→d.
    assert_eq!(
        counts(&["info", &net, "--by", "year"]),
        [row("2019", 3, 5), row("2020", 2, 4), row("2021", 2, 3)]
    );
    assert_eq!(
        counts(&["info", &net, "--by", "quarter"]),
        [
            row("2019-Q1", 2, 4), // a→b (from March), d→e
            row("2019-Q2", 2, 4), // a→b (to May), d→e
            row("2019-Q3", 1, 2), // d→e
            row("2019-Q4", 2, 4), // b→c, d→e
            row("2020-Q1", 2, 4), // b→c (to February), d→e
            row("2020-Q2", 1, 2), // d→e (to June)
            row("2020-Q3", 0, 0),
            row("2020-Q4", 0, 0),
            row("2021-Q1", 1, 2), // c→d
            row("2021-Q2", 1, 2),
            row("2021-Q3", 2, 3), // c→d, b→d
            row("2021-Q4", 1, 2),
        ]
    );
    // Clipped to the user's window, which keeps a→b, d→e and the undated a→e.
    assert_eq!(
        counts(&[
            "info", &net, "--by", "month", "--since", "2019-04", "--until", "2019-06"
        ]),
        [
            row("2019-04", 2, 4),
            row("2019-05", 2, 4),
            row("2019-06", 1, 2)
        ]
    );
    let by = json(&["centrality", &net, "--by", "month", "--since", "2020-02-15"]);
    assert_eq!(
        by["periods"][0]["filter"],
        "--dated --since 2020-02-15 --until 2020-02"
    );
    let last = by["periods"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["period"], "2021-12");
}

#[test]
fn a_bucket_with_no_flow_is_said_on_stderr() {
    let (_dir, net) = fixture("dates.json", DATES);
    let r = run(&["centrality", &net, "--by", "quarter"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for q in ["2020-Q3", "2020-Q4"] {
        assert!(
            r.stderr
                .lines()
                .any(|l| l.starts_with(&format!("warning: quarter {q}: "))
                    && l.contains("left no flow")),
            "{q}: {}",
            r.stderr
        );
    }
}

#[test]
fn date_buckets_equal_the_window_by_hand() {
    let (_dir, net) = fixture("dates.json", DATES);
    for command in [
        &["info"][..],
        &["centrality", "--measure", "degree,closeness"][..],
    ] {
        let mut args = command.to_vec();
        args.push(&net);
        let by = json(&[args.as_slice(), &["--by", "year"]].concat());
        for p in by["periods"].as_array().unwrap() {
            let y = p["period"].as_str().unwrap();
            assert_eq!(p["filter"], format!("--dated --since {y} --until {y}"));
            let hand = json(
                &[
                    args.as_slice(),
                    &["--dated", "--since", y, "--until", y, "--active"],
                ]
                .concat(),
            );
            match command[0] {
                "centrality" => {
                    assert_eq!(p["view"], hand["view"], "{y}");
                    assert_eq!(p["actors"], hand["actors"], "{y}");
                }
                _ => same_as_by_hand(p, &hand, y),
            }
        }
    }
}

/// Rank and betweenness of participants 1, 3, 12, 76 and 87 in each of CAVIAR's eleven phases, as
/// the hand loop of docs/measures.md gave them (`for k in $(seq 1 11); do netgraph centrality
/// graphs/caviar.json --where phase=$k --active --measure betweenness --top 3; done`, scores to
/// four places); `None`: no communication in that phase.
pub(crate) const HAND_LOOP: [[Option<(u64, f64)>; 5]; 11] = [
    [Some((1, 0.3874)), Some((6, 0.0)), None, None, None],
    [
        Some((1, 0.3458)),
        Some((5, 0.0)),
        Some((5, 0.0)),
        Some((5, 0.0)),
        None,
    ],
    [
        Some((1, 0.3343)),
        Some((3, 0.0512)),
        Some((9, 0.0)),
        Some((9, 0.0)),
        None,
    ],
    [
        Some((1, 0.4289)),
        Some((5, 0.0645)),
        Some((12, 0.0)),
        Some((12, 0.0)),
        None,
    ],
    [
        Some((1, 0.3720)),
        Some((3, 0.0919)),
        Some((2, 0.1124)),
        Some((7, 0.0)),
        None,
    ],
    [
        Some((1, 0.4505)),
        Some((3, 0.1251)),
        Some((2, 0.3056)),
        Some((4, 0.0733)),
        Some((6, 0.0)),
    ],
    [
        Some((1, 0.3185)),
        Some((4, 0.0239)),
        Some((7, 0.0034)),
        Some((2, 0.0773)),
        Some((9, 0.0)),
    ],
    [
        Some((1, 0.3008)),
        Some((4, 0.1257)),
        Some((2, 0.1707)),
        Some((6, 0.0377)),
        Some((5, 0.0913)),
    ],
    [
        Some((5, 0.0930)),
        Some((1, 0.3136)),
        Some((2, 0.1877)),
        Some((4, 0.0980)),
        Some((3, 0.1510)),
    ],
    [
        Some((1, 0.2067)),
        Some((12, 0.0)),
        Some((8, 0.0152)),
        Some((5, 0.0329)),
        Some((3, 0.0707)),
    ],
    [
        Some((2, 0.1074)),
        Some((15, 0.0)),
        Some((1, 0.1207)),
        Some((4, 0.0324)),
        Some((9, 0.0109)),
    ],
];

/// The hand loop's flows and active participants per phase.
const HAND_SIZES: [(u64, u64); 11] = [
    (26, 15),
    (35, 24),
    (68, 33),
    (65, 33),
    (50, 32),
    (68, 27),
    (63, 36),
    (75, 42),
    (60, 34),
    (68, 42),
    (72, 41),
];

const TRACK: [&str; 5] = ["p1", "p3", "p12", "p76", "p87"];

#[test]
fn caviar_tracked_actors_match_the_hand_loop() {
    let caviar = repo("graphs/caviar.json");
    let by = json(&[
        "centrality",
        &caviar,
        "--by",
        "phase",
        "--measure",
        "betweenness",
        "--track",
        &TRACK.join(","),
    ]);
    assert_eq!(by["track"], serde_json::json!(TRACK));
    let periods = by["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 11);
    for (k, p) in periods.iter().enumerate() {
        assert_eq!(
            (
                p["flows"].as_u64().unwrap(),
                p["actors_active"].as_u64().unwrap()
            ),
            HAND_SIZES[k],
            "phase {}",
            k + 1
        );
        let actors = p["actors"].as_array().unwrap();
        let ids: Vec<&str> = actors.iter().map(|a| a["id"].as_str().unwrap()).collect();
        assert_eq!(ids, TRACK, "tracked actors in the order asked");
        for (a, want) in actors.iter().zip(HAND_LOOP[k]) {
            match want {
                Some((rank, score)) => {
                    assert_eq!(
                        a["rank"].as_u64(),
                        Some(rank),
                        "phase {} {}",
                        k + 1,
                        a["id"]
                    );
                    let got = a["betweenness"].as_f64().unwrap();
                    assert!(
                        (got - score).abs() <= 5e-5,
                        "phase {} {}: {got}",
                        k + 1,
                        a["id"]
                    );
                }
                None => {
                    assert_eq!(a["rank"], Value::Null);
                    assert_eq!(a["betweenness"], Value::Null);
                    assert_eq!(a["active"], false);
                }
            }
        }
    }
    // The table: one row per period, `rank (score)` or – for an absent actor.
    let r = run(&[
        "centrality",
        &caviar,
        "--by",
        "phase",
        "--measure",
        "betweenness",
        "--track",
        &TRACK.join(","),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let row = r
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("1 ") && l.contains("15"))
        .unwrap();
    let cells: Vec<&str> = row
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cells,
        ["1", "26", "15", "1 (0.387363)", "6 (0)", "–", "–", "–"]
    );
    // CSV: per actor its rank and score, empty when absent.
    let r = run(&[
        "centrality",
        &caviar,
        "--by",
        "phase",
        "--measure",
        "betweenness",
        "--track",
        "p1,p87",
        "--format",
        "csv",
    ]);
    let mut lines = r.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("period,flows,actors_active,p1 rank,p1 betweenness,p87 rank,p87 betweenness")
    );
    assert!(lines.next().unwrap().starts_with("1,26,15,1,0.3873"));
}

/// docs/measures.md shows the command and its output: the output block must be what the command
/// prints today.
#[test]
fn the_caviar_example_in_the_docs_is_the_commands_output() {
    let doc = std::fs::read_to_string(repo("docs/measures.md")).unwrap();
    let command = "netgraph centrality graphs/caviar.json --by phase --measure betweenness --track p1,p3,p12,p76,p87";
    let at = doc.find(command).expect("the command in docs/measures.md");
    let rest = &doc[at..];
    let start = rest.find("```text\n").expect("an output block after it") + "```text\n".len();
    let shown = &rest[start..start + rest[start..].find("```").unwrap()];
    let caviar = repo("graphs/caviar.json");
    let r = run(&[
        "centrality",
        &caviar,
        "--by",
        "phase",
        "--measure",
        "betweenness",
        "--track",
        &TRACK.join(","),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(shown, r.stdout);
}

#[test]
fn top_applies_per_period_in_the_long_table() {
    let caviar = repo("graphs/caviar.json");
    let r = run(&[
        "centrality",
        &caviar,
        "--by",
        "phase",
        "--measure",
        "betweenness",
        "--top",
        "3",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut lines = r.stdout.lines();
    assert_eq!(lines.next(), Some("period,actor,betweenness,rank"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 33);
    for (k, want) in HAND_LOOP.iter().enumerate() {
        let phase = (k + 1).to_string();
        let top: Vec<&Vec<&str>> = rows.iter().filter(|r| r[0] == phase).collect();
        assert_eq!(top.len(), 3);
        // Whoever of the tracked participants ranks first in the hand loop leads the period.
        if let Some(i) = want
            .iter()
            .position(|w| w.is_some_and(|(rank, _)| rank == 1))
        {
            assert_eq!(top[0][1], TRACK[i], "phase {phase}");
            assert_eq!(top[0][3], "1");
        }
    }
    assert!(r.stderr.contains("by phase: 11 periods in numeric order"));
}

#[test]
fn keyplayers_skips_a_period_too_small_for_k() {
    let (_dir, net) = fixture("phases.json", PHASES);
    // Phase 1 has a, b, c; phase 2 a, c, d, e; phase 10 d, e, f: k = 3 fits phase 2 only.
    let r = run(&[
        "keyplayers",
        &net,
        "--k",
        "3",
        "--exhaustive",
        "--by",
        "phase",
        "--format",
        "json",
    ]);
    let by = json_of(&r);
    let skipped: Vec<bool> = by["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.get("skipped").is_some())
        .collect();
    assert_eq!(skipped, [true, false, true]);
    assert!(
        r.stderr.contains(
            "warning: phase 1, 10: skipped: --k 3 needs fewer actors than the 3 with a kept flow"
        ),
        "{}",
        r.stderr
    );
    // No period fits: the first period's reason is the error.
    let r = run(&["keyplayers", &net, "--k", "5", "--by", "phase"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error: phase 1: --k 5 needs fewer actors"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_warning_of_the_users_filters_is_said_once() {
    let (_dir, net) = fixture("phases.json", PHASES);
    let r = run(&["info", &net, "--where", "stage!=gamma", "--by", "phase"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr.matches("no flow has stage = gamma").count(),
        1,
        "{}",
        r.stderr
    );
}

#[test]
fn names_are_checked() {
    let caviar = repo("graphs/caviar.json");
    let (_dir, net) = fixture("phases.json", PHASES);
    let r = run(&["centrality", &caviar, "--by", "phse"]);
    assert_usage_error(
        &r,
        &[
            "--by phse",
            "unknown flow field \"phse\"",
            "did you mean \"phase\"",
        ],
    );
    let r = run(&["info", &caviar, "--by", "yaer"]);
    assert_usage_error(&r, &["did you mean \"year\""]);
    let r = run(&["centrality", &caviar, "--by", "phase", "--track", "p1,p300"]);
    assert_usage_error(&r, &["--track", "unknown actor \"p300\"", "did you mean"]);
    // A field no kept flow has.
    let r = run(&[
        "info", &net, "--by", "stage", "--where", "phase>2", "--where", "from!=d",
    ]);
    assert_usage_error(&r, &["--by stage: none of the 2 kept flows has \"stage\""]);
    // No date at all.
    let r = run(&["keyplayers", &caviar, "--k", "1", "--by", "month"]);
    assert_usage_error(&r, &["--by month: none of the 650 kept flows gives a date"]);
    // --track needs --by; --top does not go with --track; --documents does not go with --by.
    let r = run(&["centrality", &caviar, "--track", "p1"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = run(&[
        "centrality",
        &caviar,
        "--by",
        "phase",
        "--track",
        "p1",
        "--top",
        "2",
    ]);
    assert_usage_error(&r, &["--top", "--track"]);
    let r = run(&["info", &caviar, "--by", "phase", "--documents"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("cannot be used with") && r.stderr.contains("'--documents'"),
        "{}",
        r.stderr
    );
}

#[test]
fn dated_keeps_the_flows_that_give_a_date() {
    let (_dir, net) = fixture("dates.json", DATES);
    let flows = |extra: &[&str]| -> (u64, Value) {
        let j = json(&[&["info", &net][..], extra].concat());
        (j["flows"].as_u64().unwrap(), j["view"]["filters"].clone())
    };
    // Every flow but the undated a→e.
    assert_eq!(flows(&["--dated"]), (5, serde_json::json!(["--dated"])));
    // 2021 by the overlap rule: c→d (from 2021 on), b→d, and a→e, open on both sides.
    assert_eq!(flows(&["--since", "2021", "--until", "2021"]).0, 3);
    assert_eq!(
        flows(&["--dated", "--since", "2021", "--until", "2021"]),
        (
            2,
            serde_json::json!(["--dated", "--since 2021", "--until 2021"])
        )
    );
}
