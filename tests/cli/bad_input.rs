//! Every class of bad input gets exit code 1, one line on stderr naming the file, the place and the
//! problem, and nothing on stdout.

use crate::common::*;

fn bad_json(body: &str, needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "net.json", body);
    let p = path.to_str().unwrap();
    for cmd in ["info", "centrality"] {
        let r = run(&[cmd, p]);
        let mut all = vec!["net.json"];
        all.extend_from_slice(needles);
        assert_user_error(&r, &all);
    }
}

#[test]
fn json_syntax_error_gives_line_and_column() {
    bad_json(
        "{\n  \"actors\": [\n    {\"id\": \"a\"}\n    {\"id\": \"b\"}\n  ]\n}\n",
        &["line 4, column 5"],
    );
}

#[test]
fn truncated_json() {
    bad_json("{\"actors\": [{\"id\": \"a\"}", &["line 1", "EOF"]);
}

#[test]
fn duplicate_actor_ids() {
    bad_json(
        r#"{"actors": [{"id": "pnp"}, {"id": "dea"}, {"id": "pnp"}], "flows": []}"#,
        &["actors[2] \"pnp\"", "duplicate id", "actors[0]"],
    );
}

#[test]
fn flow_naming_an_unknown_actor() {
    bad_json(
        r#"{"actors": [{"id": "a"}], "flows": [{"from": "a", "to": "ghost"}]}"#,
        &["flows[0]", ".to", "unknown actor \"ghost\""],
    );
}

#[test]
fn number_that_is_not_a_number() {
    bad_json(
        "{\"actors\": [{\"id\": \"a\"}],\n \"flows\": [{\"from\": \"a\", \"to\": \"a\", \"volume\": \"ten\"}]}",
        &["line 2", "flows[0]", "\"ten\""],
    );
}

#[test]
fn number_out_of_floating_range() {
    bad_json(
        r#"{"actors": [{"id": "a"}], "flows": [{"from": "a", "to": "a", "weight": 1e999}]}"#,
        &["line 1", "out of range"],
    );
}

#[test]
fn confidence_outside_unit_interval() {
    bad_json(
        r#"{"actors": [{"id": "a"}, {"id": "b"}], "flows": [{"from": "a", "to": "b", "kind": "gold", "confidence": 1.2}]}"#,
        &["flows[0] (a → b, gold).confidence", "1.2 is outside 0..1"],
    );
}

#[test]
fn negative_volume() {
    bad_json(
        r#"{"actors": [{"id": "a"}], "flows": [{"from": "a", "to": "a", "volume": -3}]}"#,
        &["flows[0]", ".volume", "-3 is negative"],
    );
}

#[test]
fn malformed_date() {
    bad_json(
        r#"{"actors": [{"id": "a"}], "flows": [{"from": "a", "to": "a", "since": "2024-02-30"}]}"#,
        &["flows[0]", ".since", "2024-02-30"],
    );
}

#[test]
fn id_with_a_comma() {
    bad_json(
        r#"{"actors": [{"id": "a,b"}], "flows": []}"#,
        &["actors[0].id", "','"],
    );
}

#[test]
fn several_errors_are_counted() {
    bad_json(
        r#"{"actors": [{"id": "a"}, {"id": "a"}], "flows": [{"from": "a", "to": "x"}]}"#,
        &["and 1 more error", "netgraph validate"],
    );
}

#[test]
fn csv_without_source_and_target() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "edges.csv", "from,to\na,b\n");
    let r = run(&["centrality", p.to_str().unwrap()]);
    assert_user_error(&r, &["edges.csv", "line 1", "\"source\" and \"target\""]);
}

#[test]
fn csv_with_a_ragged_row() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "edges.csv",
        "source,target,weight\na,b,1\nb,c,2\nc,d\n",
    );
    let r = run(&["centrality", p.to_str().unwrap()]);
    assert_user_error(
        &r,
        &["edges.csv", "line 4", "2 fields where the header has 3"],
    );
}

#[test]
fn csv_errors_name_the_line_the_bad_row_is_on() {
    // `\r\n` line ends, empty lines (of both kinds) and a quoted cell over three lines before the
    // bad row: each message names the row's own line, counted by hand.
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "crlf.csv",
            "source,target,weight\r\na,b,1\r\nb,c,x\r\n",
            "line 3",
        ),
        (
            "empty.csv",
            "source,target,weight\na,b,1\n\n\nb,c,x\n",
            "line 5",
        ),
        (
            "mixed.csv",
            "source,target,weight\r\na,b,1\r\n\r\n\n\"c\nd\ne\",b,1\r\nb,c,x\r\n",
            "line 8",
        ),
    ];
    for (name, text, line) in cases {
        let p = write(dir.path(), name, text);
        let r = run(&["info", p.to_str().unwrap()]);
        assert_user_error(
            &r,
            &[
                &format!("{name}: {line}, column \"weight\""),
                "\"x\" is not a number",
            ],
        );
    }
    // The same in a --nodes file.
    let e = write(dir.path(), "e.csv", "source,target\na,b\n");
    let n = write(dir.path(), "n.csv", "id,kind\r\na,x\r\n\r\nb,y,z\r\n");
    let r = run(&["info", e.to_str().unwrap(), "--nodes", n.to_str().unwrap()]);
    assert_user_error(&r, &["n.csv: line 4", "3 fields where the header has 2"]);
}

#[test]
fn csv_with_a_bad_number() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "edges.csv", "source,target,confidence\na,b,2\n");
    let r = run(&["info", p.to_str().unwrap()]);
    assert_user_error(&r, &["edges.csv", "confidence", "outside 0..1"]);
}

#[test]
fn missing_file_and_unknown_format() {
    let r = run(&["info", "/no/such/net.json"]);
    assert_user_error(&r, &["/no/such/net.json", "cannot read"]);
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "net.xlsx", "");
    let r = run(&["info", p.to_str().unwrap()]);
    assert_user_error(&r, &["net.xlsx", "unsupported format"]);
}

#[test]
fn binary_garbage_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("net.json");
    std::fs::write(&p, [0xff, 0xfe, 0x00, 0x7b]).unwrap();
    let r = run(&["info", p.to_str().unwrap()]);
    assert_user_error(&r, &["net.json"]);
    let c = dir.path().join("e.csv");
    std::fs::write(&c, b"source,target\n\xff\xfe,b\n").unwrap();
    let r = run(&["info", c.to_str().unwrap()]);
    assert_user_error(&r, &["e.csv", "line 2"]);
}

#[test]
fn stdin_errors_name_stdin() {
    let r = run_with_stdin(&["info", "-"], "{\"actors\": 3}");
    assert_user_error(&r, &["<stdin>", "line 1"]);
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(run(&["centrality", "--no-such-flag"]).code, 2);
    assert_eq!(run(&["centrality", "--measure", "fame"]).code, 2);
    assert_eq!(run(&["centrality", "--where", "phase"]).code, 2);
    assert_eq!(run(&["centrality", "--since", "2024-13"]).code, 2);
    assert_eq!(run(&["centrality", "--min-confidence", "2"]).code, 2);
    assert_eq!(
        run(&["centrality", "--weight", "a", "--strength", "b"]).code,
        2
    );
}

#[test]
fn failed_output_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no-such-dir").join("out.csv");
    let r = run(&["centrality", "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(!out.exists());
    // A measure that fails must not replace an existing file.
    let target = write(dir.path(), "keep.csv", "old\n");
    let net = write(
        dir.path(),
        "w.json",
        r#"{"actors": [{"id": "a"}, {"id": "b"}], "flows": [{"from": "a", "to": "b", "weight": 0}]}"#,
    );
    let r = run(&[
        "centrality",
        net.to_str().unwrap(),
        "--weight",
        "weight",
        "--measure",
        "betweenness",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_user_error(&r, &["flows[0] (a → b, link)", "not positive"]);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");
}
