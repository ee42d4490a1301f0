//! The structural options of `netgraph centrality` on the command line: each option must serve a
//! measure asked for, unknown names are usage errors with suggestions, and undefined scores (an
//! isolated actor's constraint) print as missing and rank last.

use crate::common::*;

fn net(dir: &std::path::Path) -> String {
    let text = r#"{"directed": true, "actors": [
        {"id": "boss", "kind": "family-clan", "cell": "north"},
        {"id": "runner", "kind": "gang", "cell": "north"},
        {"id": "cop", "kind": "police"},
        {"id": "loner"}
    ], "flows": [
        {"from": "boss", "to": "runner"}, {"from": "runner", "to": "cop"}
    ]}"#;
    write(dir, "n.json", text).to_str().unwrap().to_string()
}

#[test]
fn options_need_their_measure() {
    let dir = tempfile::tempdir().unwrap();
    let f = net(dir.path());
    let r = run(&["centrality", &f, "--measure", "degree", "--endpoints"]);
    assert_usage_error(&r, &["--endpoints", "betweenness"]);
    let r = run(&[
        "centrality",
        &f,
        "--measure",
        "degree",
        "--personalize",
        "boss",
    ]);
    assert_usage_error(&r, &["--personalize", "pagerank"]);
    let r = run(&["centrality", &f, "--measure", "degree", "--groups", "kind"]);
    assert_usage_error(&r, &["--groups", "brokerage"]);
    let r = run(&["centrality", &f, "--measure", "brokerage"]);
    assert_usage_error(&r, &["brokerage needs --groups"]);
}

#[test]
fn unknown_names_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let f = net(dir.path());
    let r = run(&[
        "centrality",
        &f,
        "--measure",
        "brokerage",
        "--groups",
        "cel",
    ]);
    assert_usage_error(&r, &["unknown actor field \"cel\"", "cell"]);
    let r = run(&[
        "centrality",
        &f,
        "--measure",
        "pagerank",
        "--personalize",
        "bos",
    ]);
    assert_usage_error(&r, &["\"bos\"", "boss"]);
    // A valid kind that no actor has selects nobody: a user error, said once.
    let r = run(&[
        "centrality",
        &f,
        "--measure",
        "pagerank",
        "--personalize",
        "cartel",
    ]);
    assert_user_error(&r, &["selects no actor"]);
}

#[test]
fn brokerage_by_an_extra_field_counts_missing_values_as_one_group() {
    // boss → runner → cop, no boss → cop: runner brokers (boss, cop). boss and runner share cell
    // north, cop has none: representative.
    let dir = tempfile::tempdir().unwrap();
    let f = net(dir.path());
    let r = run(&[
        "centrality",
        &f,
        "--measure",
        "brokerage",
        "--groups",
        "cell",
        "--format",
        "json",
    ]);
    let v = json_of(&r);
    let by_id = |id: &str| {
        v["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()
            .clone()
    };
    let runner = by_id("runner");
    assert_eq!(runner["brokerage_representative"], 1);
    assert_eq!(runner["brokerage_liaison"], 0);
    assert!(
        r.stderr
            .contains("2 groups; 2 actors without cell form one group"),
        "{}",
        r.stderr
    );
}

#[test]
fn undefined_scores_are_missing_and_last() {
    let dir = tempfile::tempdir().unwrap();
    let f = net(dir.path());
    let j = json_of(&run(&[
        "centrality",
        &f,
        "--measure",
        "constraint",
        "--format",
        "json",
    ]));
    let last = &j["actors"][3];
    assert_eq!(
        (last["id"].as_str(), last["constraint"].is_null()),
        (Some("loner"), true)
    );
    let csv = run(&[
        "centrality",
        &f,
        "--measure",
        "constraint",
        "--format",
        "csv",
    ]);
    assert!(csv.stdout.ends_with("loner,\n"), "{}", csv.stdout);
    let table = run(&["centrality", &f, "--measure", "constraint"]);
    let row = table.stdout.lines().last().unwrap();
    assert!(
        row.contains("loner")
            && row
                .trim_end()
                .trim_end_matches("no kept flow")
                .trim_end()
                .ends_with('-'),
        "{row}"
    );
}

#[test]
fn pairs_table_csv_and_errors() {
    // boss → runner → cop: both arcs are bridges; each carries the pairs it lies on: boss→runner
    // carries (boss, runner) and (boss, cop): 2 of n(n−1) = 12.
    let dir = tempfile::tempdir().unwrap();
    let f = net(dir.path());
    let csv = run(&["pairs", &f, "--format", "csv"]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    assert_eq!(
        csv.stdout,
        "from,to,edge_betweenness,bridge\n\
         boss,runner,0.16666666666666666,1\n\
         runner,cop,0.16666666666666666,1\n"
    );
    let raw = run(&[
        "pairs",
        &f,
        "--format",
        "csv",
        "--raw",
        "--measure",
        "bridge,edge_betweenness",
        "--top",
        "1",
    ]);
    assert_eq!(
        raw.stdout,
        "from,to,bridge,edge_betweenness\nboss,runner,1,2\n"
    );
    let table = run(&["pairs", &f]);
    // Both pairs carry 2/12: they share rank 1, as tied actors do in centrality.
    let ranks: Vec<&str> = table
        .stdout
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(ranks, ["1", "1"], "{}", table.stdout);
    assert!(
        table
            .stdout
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("rank  from"),
        "{}",
        table.stdout
    );
    let r = run(&["pairs", &f, "--measure", "bridges"]);
    assert_usage_error(&r, &["\"bridges\"", "bridge"]);
    let none = run(&["pairs", &f, "--where", "weight>5", "--format", "json"]);
    assert_eq!(json_of(&none)["pairs"], serde_json::json!([]));
    assert!(none.stderr.contains("no pairs"), "{}", none.stderr);
}
