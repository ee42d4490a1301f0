//! Evidence end to end: the documents section and citations in every output that shows sources,
//! the basis rules of `validate`, and events counted once in every volume sum. Expected values are
//! worked out by hand from the fixture below.

use crate::common::{self, json_of, run, write};
use serde_json::Value;

/// A clan sells gold (10 t) to a trader, who deposits cash at a bank: two deposits reported by two
/// documents as one event (5 and 7 USD); a raid on the clan credited to the police and the navy
/// (4 t each, one event) with arrests (3 people, same event, inferred).
///
/// Documents: d1 (author Ana María Torres, 2024-03-15 → "Torres, Mar 2024"), d2 (publisher only,
/// 2023 → "Ministry of Interior, 2023"), d3 (cite given, cited by nobody); d4 is cited by the
/// trader but not listed.
const NET: &str = r#"{
  "name": "evidence fixture",
  "documents": {
    "d1.txt": {"title": "Gold in the south", "author": "Ana María Torres", "date": "2024-03-15",
               "type": "report", "pages": 12},
    "d2.txt": {"publisher": "Ministry of Interior", "date": "2023", "type": "press release"},
    "d3.txt": {"cite": "Field notes", "title": "Notes"}
  },
  "actors": [
    {"id": "clan", "kind": "family-clan", "sources": [{"doc": "d1.txt", "quote": "the clan"}]},
    {"id": "trader", "kind": "money-changer",
     "sources": [{"doc": "d1.txt", "quote": "a trader"}, {"doc": "d4.txt", "quote": "trader"}]},
    {"id": "bank", "kind": "bank", "sources": [{"doc": "d2.txt", "quote": "the bank"}]},
    {"id": "police", "kind": "police", "sources": [{"doc": "d2.txt", "quote": "police"}]},
    {"id": "navy", "kind": "military", "sources": [{"doc": "d2.txt", "quote": "navy"}]}
  ],
  "flows": [
    {"from": "clan", "to": "trader", "kind": "gold", "volume": 10, "unit": "t", "basis": "stated",
     "sources": [{"doc": "d1.txt", "quote": "sells its gold to the trader"}]},
    {"from": "trader", "to": "bank", "kind": "cash", "volume": 5, "unit": "USD", "confidence": 0.6,
     "basis": "stated", "event": "deposits",
     "sources": [{"doc": "d2.txt", "quote": "reportedly deposited"}]},
    {"from": "trader", "to": "bank", "kind": "cash", "volume": 7, "unit": "USD", "confidence": 0.6,
     "basis": "stated", "event": "deposits",
     "sources": [{"doc": "d1.txt", "quote": "allegedly deposits"}]},
    {"from": "police", "to": "clan", "kind": "seizure", "volume": 4, "unit": "t", "basis": "stated",
     "event": "raid", "sources": [{"doc": "d2.txt", "quote": "police seized 4 t"}]},
    {"from": "navy", "to": "clan", "kind": "seizure", "volume": 4, "unit": "t", "basis": "stated",
     "event": "raid", "sources": [{"doc": "d2.txt", "quote": "navy seized 4 t"}]},
    {"from": "police", "to": "clan", "kind": "arrest", "volume": 3, "unit": "people",
     "confidence": 0.4, "basis": "inferred", "note": "arrests joined to the raid", "event": "raid",
     "sources": [{"doc": "d1.txt", "quote": "three arrested"}]}
  ]
}"#;

fn fixture(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "net.json", text);
    let s = p.to_str().unwrap().to_string();
    (dir, s)
}

#[test]
fn info_documents_counts_actors_and_flows_per_document() {
    let (_d, f) = fixture(NET);
    let v = json_of(&run(&["info", &f, "--documents", "--format", "json"]));
    let rows: Vec<(String, String, bool, u64, u64)> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["file"].as_str().unwrap().to_string(),
                r["cite"].as_str().unwrap().to_string(),
                r["listed"].as_bool().unwrap(),
                r["actors"].as_u64().unwrap(),
                r["flows"].as_u64().unwrap(),
            )
        })
        .collect();
    let row = |f: &str, c: &str, l, a, fl| (f.to_string(), c.to_string(), l, a, fl);
    // d1: actors clan, trader; flows 0, 2, 5. d2: bank, police, navy; flows 1, 3, 4.
    assert_eq!(
        rows,
        [
            row("d1.txt", "Torres, Mar 2024", true, 2, 3),
            row("d2.txt", "Ministry of Interior, 2023", true, 3, 3),
            row("d3.txt", "Field notes", true, 0, 0),
            row("d4.txt", "d4.txt", false, 1, 0),
        ]
    );
    assert_eq!(v["documents"][0]["title"], "Gold in the south");
    assert_eq!(v["documents"][1]["type"], "press release");
    let table = run(&["info", &f, "--documents"]);
    assert_eq!(table.code, 0);
    assert!(table.stdout.contains("(not in the documents section)"));
    assert!(
        table
            .stdout
            .contains("3 documents listed, 1 cited but not listed"),
        "{}",
        table.stdout
    );
}

#[test]
fn info_counts_events_and_sums_each_event_once() {
    let (_d, f) = fixture(NET);
    let v = json_of(&run(&["info", &f, "--format", "json"]));
    assert_eq!(v["events"]["flows"], 5);
    assert_eq!(v["events"]["distinct"], 2);
    assert_eq!(v["basis"]["stated"], 5);
    assert_eq!(v["basis"]["inferred"], 1);
    assert_eq!(v["dated_flows"], 0);
    // By kind: gold 10 t; cash, the deposits once, the larger (7, not 5 + 7); seizure, the raid
    // once (4, not 4 + 4); arrest 3 people.
    let volumes: Vec<(String, String, f64, u64)> = v["volumes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["kind"].as_str().unwrap().to_string(),
                x["unit"].as_str().unwrap().to_string(),
                x["total"].as_f64().unwrap(),
                x["flows"].as_u64().unwrap(),
            )
        })
        .collect();
    let row = |k: &str, u: &str, t, f| (k.to_string(), u.to_string(), t, f);
    assert_eq!(
        volumes,
        [
            row("arrest", "people", 3.0, 1),
            row("cash", "USD", 7.0, 2),
            row("gold", "t", 10.0, 1),
            row("seizure", "t", 4.0, 2),
        ]
    );
    let table = run(&["info", &f]);
    assert!(
        table
            .stdout
            .contains("events: 5 flows report 2 distinct events"),
        "{}",
        table.stdout
    );
}

/// The value of `cut --from clan --to bank --capacity volume` on a network.
fn cut_value(text: &str) -> Value {
    let (_d, f) = fixture(text);
    let v = json_of(&run(&[
        "cut",
        &f,
        "--from",
        "clan",
        "--to",
        "bank",
        "--capacity",
        "volume",
        "--format",
        "json",
    ]));
    v["value"].clone()
}

#[test]
fn max_flow_capacities_count_an_event_once() {
    // clan →gold(10)→ trader ⇒cash(5, 7: one event)⇒ bank: the cut is the deposits, 7 (not 12,
    // which would leave the gold, 10, as the cut).
    assert_eq!(cut_value(NET), 7);
    // Without the event, the two deposits add up: the gold (10) is the cut.
    assert_eq!(cut_value(&NET.replace("\"event\": \"deposits\",", "")), 10);
}

/// A clan pays a shop twice for one event (5 and 7), and an unrelated arrest.
const PAID: &str = r#"{"actors": [{"id": "clan", "kind": "family-clan"}, {"id": "shop", "kind": "business"},
  {"id": "x", "kind": "police"}],
 "flows": [{"from": "clan", "to": "shop", "kind": "cash", "volume": 5, "event": "e"},
           {"from": "clan", "to": "shop", "kind": "cash", "volume": 7, "event": "e"},
           {"from": "x", "to": "clan", "kind": "arrest"}]}"#;

#[test]
fn displacement_capacities_count_an_event_once() {
    let displacement = |text: &str| {
        let (_d, f) = fixture(text);
        let v = json_of(&run(&[
            "whatif",
            &f,
            "--remove",
            "x",
            "--capacity",
            "volume",
            "--format",
            "json",
        ]));
        v["displacement"].clone()
    };
    // One event: the larger payment, 7, on both sides; the route shows the flow that carries it.
    let d = displacement(PAID);
    assert_eq!(
        (d["before"].as_f64(), d["after"].as_f64()),
        (Some(7.0), Some(7.0))
    );
    assert_eq!(d["routes"][0]["value"], 7);
    assert_eq!(d["routes"][0]["flows"][0]["volume"], 7);
    // Two payments: 5 + 7.
    let d = displacement(&PAID.replace(r#", "event": "e""#, ""));
    assert_eq!(
        (d["before"].as_f64(), d["after"].as_f64()),
        (Some(12.0), Some(12.0))
    );
}

#[test]
fn parallel_flows_of_one_event_add_their_strength_once() {
    // a → b twice, volumes 4 and 6. Summed strength 10 gives the distance 1/10 and a closeness
    // (over the distances into b, the one actor reaching it) of 10; as one event, the strength
    // is 6, the distance 1/6 and the closeness 6.
    let two = |event: &str| {
        format!(
            r#"{{"actors": [{{"id": "a"}}, {{"id": "b"}}], "flows": [
            {{"from": "a", "to": "b", "volume": 4 {event}}}, {{"from": "a", "to": "b", "volume": 6 {event}}}]}}"#
        )
    };
    let closeness = |text: &str| {
        let (_d, f) = fixture(text);
        let v = json_of(&run(&[
            "centrality",
            &f,
            "--measure",
            "closeness",
            "--strength",
            "volume",
            "--format",
            "json",
        ]));
        let rows = v["actors"].as_array().cloned().unwrap_or_default();
        let b = rows
            .iter()
            .find(|r| r["id"] == "b")
            .unwrap_or_else(|| panic!("{v}"))
            .clone();
        b["closeness"].as_f64().unwrap()
    };
    assert!(common::close(closeness(&two("")), 10.0));
    assert!(common::close(closeness(&two(r#", "event": "e""#)), 6.0));
}

#[test]
fn chains_and_paths_cite_documents_and_keep_file_names() {
    let (_d, f) = fixture(NET);
    // --anywhere: the deposits run from a legal trader, past the default query's first entry.
    let table = run(&["chains", &f, "--anywhere", "--chains"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    assert!(
        table
            .stdout
            .contains("Torres, Mar 2024 (d1.txt): \"sells its gold to the trader\""),
        "{}",
        table.stdout
    );
    assert!(
        table
            .stdout
            .contains("Ministry of Interior, 2023 (d2.txt): \"reportedly deposited\"")
    );
    let v = json_of(&run(&["chains", &f, "--chains", "--format", "json"]));
    let first = &v["chains"][0]["flows"][0]["sources"][0];
    assert_eq!(
        v["channels"][0]["entry"]["sources"][0]["cite"],
        "Torres, Mar 2024"
    );
    assert_eq!(first["doc"], "d1.txt");
    assert_eq!(first["cite"], "Torres, Mar 2024");
    assert_eq!(first["quote"], "sells its gold to the trader");
    let csv = run(&["chains", &f, "--format", "csv"]);
    assert!(
        csv.stdout
            .contains("Torres, Mar 2024 (d1.txt): \"\"sells its gold to the trader\"\""),
        "{}",
        csv.stdout
    );
    let paths = run(&["paths", &f, "--from", "clan", "--to", "bank"]);
    assert_eq!(paths.code, 0, "{}", paths.stderr);
    assert!(
        paths
            .stdout
            .contains("Torres, Mar 2024 (d1.txt): \"sells its gold to the trader\""),
        "{}",
        paths.stdout
    );
    let pj = json_of(&run(&[
        "paths", &f, "--from", "clan", "--to", "bank", "--format", "json",
    ]));
    let text = pj.to_string();
    assert!(text.contains(r#""cite":"Torres, Mar 2024""#), "{text}");
}

#[test]
fn whatif_broken_chains_cite_documents() {
    let (_d, f) = fixture(NET);
    let v = json_of(&run(&[
        "whatif", &f, "--remove", "trader", "--format", "json",
    ]));
    let text = v.to_string();
    assert!(
        text.contains(r#""cite":"Torres, Mar 2024","doc":"d1.txt""#)
            || text.contains(r#""doc":"d1.txt","cite":"Torres, Mar 2024""#),
        "{text}"
    );
}

#[test]
fn dot_tooltips_cite_documents() {
    let (_d, f) = fixture(NET);
    let r = run(&["dot", &f]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("Torres, Mar 2024 (d1.txt): “sells its gold to the trader”"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("stated, event deposits"));
}

#[test]
fn validate_reports_documents_and_basis_problems_with_their_place() {
    let (_d, f) = fixture(NET);
    // Without --strict: d4 unlisted and d3 uncited are warnings, the unequal deposits a warning.
    let r = run(&["validate", &f]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        r.stdout.contains(&format!(
            "warning: {f}: actors[1] \"trader\".sources[1].doc: \"d4.txt\" is not listed in the documents section"
        )),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("0 errors, 3 warnings"), "{}", r.stdout);
    // With --strict the unlisted document is an error.
    let r = run(&["validate", &f, "--strict"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(&format!(
            "error: {f}: actors[1] \"trader\".sources[1].doc: \"d4.txt\" is not listed"
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("1 error, 2 warnings (strict)"),
        "{}",
        r.stdout
    );
}

#[test]
fn basis_rules_name_the_flow() {
    let listed = NET.replace(r#", {"doc": "d4.txt", "quote": "trader"}"#, "");
    // Inferred without a note.
    let (_d, f) = fixture(&listed.replace(r#""note": "arrests joined to the raid", "#, ""));
    let r = run(&["validate", &f]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(
            "flows[5] (police → clan, arrest).note: an inferred flow needs a note saying what was inferred"
        ),
        "{}",
        r.stdout
    );
    // Loading for any other command stops at it, naming the place.
    let info = run(&["info", &f]);
    common::assert_user_error(&info, &["flows[5] (police → clan, arrest).note"]);
    // Inferred at 0.8.
    let (_d, f) = fixture(&listed.replace(r#""confidence": 0.4"#, r#""confidence": 0.8"#));
    let r = run(&["validate", &f]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(
            "flows[5] (police → clan, arrest).confidence: 0.8 is above 0.5, the ceiling for an inferred flow"
        ),
        "{}",
        r.stdout
    );
    // --strict requires basis on every flow of a network with documents; not without --strict,
    // nor without a documents section.
    let unbased = listed.replacen(r#""basis": "stated","#, "", 1);
    let (_d, f) = fixture(&unbased);
    assert_eq!(run(&["validate", &f]).code, 0);
    let r = run(&["validate", &f, "--strict"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("flows[0] (clan → trader, gold).basis: missing"),
        "{}",
        r.stdout
    );
    let start = unbased.find("\"documents\"").unwrap();
    let end = unbased.find("\"actors\"").unwrap();
    let undocumented = format!("{}{}", &unbased[..start], &unbased[end..]);
    let (_d, f) = fixture(&undocumented);
    let r = run(&["validate", &f, "--strict"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn a_bad_document_date_is_an_error_with_its_place() {
    let (_d, f) = fixture(&NET.replace("\"2024-03-15\"", "\"2024-02-30\""));
    let r = run(&["validate", &f]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("documents.\"d1.txt\".date: \"2024-02-30\" is not a day of 2024-02"),
        "{}",
        r.stdout
    );
    common::assert_user_error(&run(&["chains", &f]), &["documents.\"d1.txt\".date"]);
    // A title that is not text stops at reading, with the field's path.
    let (_d, f) = fixture(&NET.replace("\"Gold in the south\"", "3"));
    let r = run(&["info", &f]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("documents"), "{}", r.stderr);
}

#[test]
fn documents_round_trip_through_json_and_graphml() {
    let (d, f) = fixture(NET);
    let json_out = d.path().join("back.json");
    let graphml = d.path().join("net.graphml");
    let again = d.path().join("again.json");
    for (from, to) in [
        (f.as_str(), json_out.to_str().unwrap()),
        (f.as_str(), graphml.to_str().unwrap()),
        (graphml.to_str().unwrap(), again.to_str().unwrap()),
    ] {
        let r = run(&["convert", from, to]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let read = |p: &std::path::Path| -> Value {
        serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
    };
    let original: Value = serde_json::from_str(NET).unwrap();
    for p in [&json_out, &again] {
        let v = read(p);
        assert_eq!(v["documents"], original["documents"], "{}", p.display());
        // Listed in file order, the extra field (pages) kept.
        let keys: Vec<&String> = v["documents"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["d1.txt", "d2.txt", "d3.txt"]);
        assert_eq!(v["flows"][5]["basis"], "inferred");
        assert_eq!(v["flows"][5]["event"], "raid");
    }
}

#[test]
fn neo4j_bundle_writes_documents_as_nodes() {
    let (d, f) = fixture(NET);
    let out = d.path().join("net.neo4j");
    let r = run(&["convert", &f, out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let documents = std::fs::read_to_string(out.join("documents.csv")).unwrap();
    assert_eq!(
        documents,
        "file:ID(Document),:LABEL,cite,title,author,publisher,date,type,pages:long\n\
         d1.txt,Document,\"Torres, Mar 2024\",Gold in the south,Ana María Torres,,2024-03-15,report,12\n\
         d2.txt,Document,\"Ministry of Interior, 2023\",,,Ministry of Interior,2023,press release,\n\
         d3.txt,Document,Field notes,Notes,,,,,\n"
    );
    let script = std::fs::read_to_string(out.join("import.sh")).unwrap();
    assert!(script.contains("--nodes=documents.csv"), "{script}");
    let cypher = std::fs::read_to_string(out.join("load.cypher")).unwrap();
    assert!(cypher.contains("FROM 'file:///documents.csv'"), "{cypher}");
    assert!(cypher.contains("`cite`: CASE WHEN row.`cite` <> '' THEN row.`cite` END"));
    // The flows keep basis, note and event as properties.
    let flows = std::fs::read_to_string(out.join("flows.csv")).unwrap();
    let header = flows.lines().next().unwrap();
    for field in ["basis:string", "event:string", "note:string"] {
        assert!(header.contains(field), "{header}");
    }
}
