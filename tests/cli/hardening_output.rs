//! Nothing injected: CSV cells a spreadsheet would evaluate are neutralised (and read back exactly),
//! control characters are escaped in tables.

use crate::common::*;

const NET: &str = r#"{"actors":[
 {"id":"=cmd|' /C calc'!A0","name":"=HYPERLINK(\"http://x\",\"y\")"},
 {"id":"b","name":"@SUM(1)","kind":"cartel"},
 {"id":"-2+3","name":"evil\u001b[2J\rfake row"}],
 "flows":[{"from":"=cmd|' /C calc'!A0","to":"b","kind":"cash","note":"+1"},
          {"from":"b","to":"-2+3","weight":-1.5,"tag":"'=x"}]}"#;

#[test]
fn csv_outputs_neutralise_formulas_and_keep_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let net = write(dir.path(), "n.json", NET);
    let r = run(&["centrality", net.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut reader = csv::Reader::from_reader(r.stdout.as_bytes());
    let ids: Vec<String> = reader
        .records()
        .map(|row| row.unwrap()[0].to_string())
        .collect();
    assert!(ids.contains(&"'=cmd|' /C calc'!A0".to_string()), "{ids:?}");
    assert!(ids.contains(&"'-2+3".to_string()), "{ids:?}");
    for line in r.stdout.lines().skip(1) {
        let first = line.trim_start_matches('"').as_bytes()[0];
        assert!(!b"=+-@\t\r".contains(&first), "{line}");
    }
    // --raw-csv writes them as they are.
    let r = run(&[
        "centrality",
        net.to_str().unwrap(),
        "--format",
        "csv",
        "--raw-csv",
    ]);
    assert!(r.stdout.contains("\n=cmd|"), "{}", r.stdout);
}

#[test]
fn a_neutralised_edge_list_reads_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let net = write(dir.path(), "n.json", NET);
    let csv_path = dir.path().join("e.csv");
    assert_eq!(
        run(&["convert", net.to_str().unwrap(), csv_path.to_str().unwrap()]).code,
        0
    );
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert!(text.contains("'=cmd|"), "{text}");
    assert!(
        text.contains(",-1.5,"),
        "a negative number stays a number: {text}"
    );
    assert!(text.contains("''=x"), "{text}");
    let back = dir.path().join("back.json");
    let r = run(&[
        "convert",
        csv_path.to_str().unwrap(),
        back.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
    assert_eq!(v["flows"][0]["from"], "=cmd|' /C calc'!A0");
    assert_eq!(v["flows"][0]["note"], 1, "\"+1\" is a number, read as one");
    assert_eq!(v["flows"][1]["to"], "-2+3");
    assert_eq!(v["flows"][1]["weight"], -1.5);
    assert_eq!(v["flows"][1]["tag"], "'=x");
}

#[test]
fn tables_show_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let net = write(dir.path(), "n.json", NET);
    let r = run(&["centrality", net.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stdout.contains('\u{1b}') && !r.stdout.contains('\r'),
        "{:?}",
        r.stdout
    );
    assert!(r.stdout.contains("evil\\x1b[2J\\rfake row"), "{}", r.stdout);
    assert_eq!(
        r.stdout.lines().count(),
        5,
        "the view line, a header and three rows: {}",
        r.stdout
    );
    // JSON keeps the text (escaped by JSON itself).
    let r = run(&["centrality", net.to_str().unwrap(), "--format", "json"]);
    assert!(
        r.stdout.contains("evil\\u001b[2J\\rfake row"),
        "{}",
        r.stdout
    );
}
