//! The Neo4j import bundle, end to end through the binary: the files parse as CSV, ids and counts
//! match the network, every relationship's ends are nodes, headers follow neo4j-admin's header
//! syntax (name, then the type after the last `:`), types and labels are names Cypher accepts
//! unquoted, numbers read back bit for bit, hostile values are quoted, and the folder is written
//! whole or not at all.

use crate::common::*;
use netgraph_core::io::{self, GraphSource, ReadOptions};
use netgraph_core::model::Network;
use std::collections::{HashMap, HashSet};
use std::path::Path;

fn load(path: &str) -> Network {
    io::load(
        &GraphSource::File(repo(path).into()),
        &ReadOptions::default(),
    )
    .unwrap()
}

/// Header cells and records of a CSV file, read with the csv crate (RFC 4180 quoting).
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(path)
        .unwrap();
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// A header entry as neo4j-admin reads it: the name before the last `:`, the type after.
fn entry(cell: &str) -> (&str, Option<&str>) {
    match cell.rfind(':') {
        Some(i) => (&cell[..i], Some(&cell[i + 1..])),
        None => (cell, None),
    }
}

/// A name Cypher accepts without backticks: a letter, then letters, digits and `_`.
fn plain_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.all(|c| c.is_alphanumeric() || c == '_')
}

fn check_header(header: &[String], special: &[&str]) {
    let mut properties = HashSet::new();
    for cell in header {
        let (name, ty) = entry(cell);
        assert!(
            !name.contains(['(', ')', '{', '}']),
            "{cell}: group or option syntax"
        );
        match ty {
            Some(t) if special.contains(&t) || t == "ID" => {}
            Some(t) => assert!(
                ["string", "long", "double", "boolean"].contains(&t),
                "{cell}: type {t}"
            ),
            None => {}
        }
        if ty.is_none_or(|t| t == "ID" || !special.contains(&t)) {
            assert!(
                properties.insert(name.to_string()),
                "{cell}: property twice"
            );
        }
    }
}

fn convert(input: &str, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["convert", input, out.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

/// Checks a bundle against the network it was written from.
fn check_bundle(dir: &Path, net: &Network) {
    let (ah, actors) = read_csv(&dir.join("actors.csv"));
    let (fh, flows) = read_csv(&dir.join("flows.csv"));
    assert_eq!(ah[..4], ["id:ID", "name", "kind", ":LABEL"]);
    assert_eq!(fh[..4], [":START_ID", ":END_ID", ":TYPE", "kind"]);
    check_header(&ah, &["LABEL"]);
    check_header(&fh, &["START_ID", "END_ID", "TYPE"]);
    assert_eq!(actors.len(), net.actor_count());
    assert_eq!(flows.len(), net.flow_count());
    let ids: Vec<&str> = actors.iter().map(|r| r[0].as_str()).collect();
    let want: Vec<&str> = net.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, want, "one node per actor, ids exact");
    let ids: HashSet<&str> = ids.into_iter().collect();
    for (row, a) in actors.iter().zip(&net.actors) {
        assert_eq!(row[1], a.display_name());
        let labels: Vec<&str> = row[3].split(';').collect();
        assert_eq!(labels[0], "Actor");
        assert!(labels.iter().all(|l| plain_name(l)), "{labels:?}");
    }
    let (w, v, c) = (
        column(&fh, "weight:double"),
        column(&fh, "volume:double"),
        column(&fh, "confidence:double"),
    );
    for (row, f) in flows.iter().zip(net.flows()) {
        assert!(ids.contains(row[0].as_str()) && ids.contains(row[1].as_str()));
        assert_eq!((row[0].as_str(), row[1].as_str()), (f.from(), f.to()));
        assert!(plain_name(&row[2]), "type {}", row[2]);
        assert_eq!(row[3], f.kind());
        // Numbers read back bit for bit (as Java's Double.parseDouble reads them: same grammar).
        let bits = |s: &str| s.parse::<f64>().unwrap().to_bits();
        assert_eq!(bits(&row[w]), f.weight().unwrap_or(1.0).to_bits());
        assert_eq!(bits(&row[c]), f.confidence().to_bits());
        match f.volume() {
            Some(x) => assert_eq!(bits(&row[v]), x.to_bits()),
            None => assert_eq!(row[v], ""),
        }
    }
}

#[test]
fn every_shipped_network_makes_a_consistent_bundle() {
    let dir = tempfile::tempdir().unwrap();
    for file in [
        "graphs/peru.json",
        "graphs/caviar.json",
        "graphs/montagna-meetings.json",
        "graphs/montagna-phone.json",
    ] {
        let out = dir.path().join(format!("{}.neo4j", file.replace('/', "_")));
        let r = convert(&repo(file), &out, &[]);
        assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
        check_bundle(&out, &load(file));
    }
    // Peru: classes become labels, kinds relationship types (hand-checked rows of the file).
    let peru = dir.path().join("graphs_peru.json.neo4j");
    let (ah, actors) = read_csv(&peru.join("actors.csv"));
    let clan = actors.iter().find(|r| r[0] == "sanchez-paredes").unwrap();
    assert_eq!(
        (clan[1].as_str(), clan[3].as_str()),
        ("Sánchez Paredes clan", "Actor;Criminal")
    );
    assert_eq!(clan[column(&ah, "country")], "PE");
    let (_, flows) = read_csv(&peru.join("flows.csv"));
    let types: HashSet<&str> = flows.iter().map(|r| r[2].as_str()).collect();
    assert!(
        types.contains("COCAINE") && types.contains("GOLD"),
        "{types:?}"
    );
}

#[test]
fn hostile_values_are_quoted_and_read_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("h.neo4j");
    let r = convert(&repo("tests/fixtures/hostile.json"), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let net = load("tests/fixtures/hostile.json");
    check_bundle(&out, &net);
    let raw = std::fs::read_to_string(out.join("actors.csv")).unwrap();
    // RFC 4180: a value with a quote, comma or line break is quoted, quotes doubled.
    for a in &net.actors {
        let name = a.display_name();
        if name.contains(['"', ',', '\n', '\r']) {
            let quoted = format!("\"{}\"", name.replace('"', "\"\""));
            assert!(raw.contains(&quoted), "{quoted} not in actors.csv");
        }
    }
    let (ah, actors) = read_csv(&out.join("actors.csv"));
    assert_eq!(
        actors[1][1],
        net.actors[1].name.clone().unwrap(),
        "tabs, newlines, \\r"
    );
    assert_eq!(
        actors[1][3], "Actor;FrontCompany",
        "a class the file declares"
    );
    assert_eq!(actors[3][3], "Actor;Other");
    assert_eq!(actors[0][column(&ah, "big:long")], "9007199254740993");
    assert_eq!(
        actors[0][column(&ah, "rank:string")],
        "1",
        "a mixed field is text"
    );
    assert_eq!(actors[0][column(&ah, "tags:string")], "[\"x\",\"y\"]");
    let (fh, flows) = read_csv(&out.join("flows.csv"));
    let types: Vec<&str> = flows.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(
        types,
        [
            "SOBORNO_POLÍTICO",
            "REAL_ESTATE",
            "CASH",
            "LINK",
            "SOBORNO_POLÍTICO",
            "KIND_2ND_WAVE"
        ]
    );
    // Field names the header syntax cannot hold are renamed, never onto an existing field.
    for h in [
        "a_b:boolean",
        "x_y_:long",
        "x_y__2:long",
        "class_2:string",
        "_:string",
    ] {
        assert!(fh.contains(&h.to_string()), "{h} in {fh:?}");
    }
    assert_eq!(
        flows[4][column(&fh, "x_y_:long")],
        "2",
        "the field really named x_y_"
    );
    assert_eq!(flows[4][column(&fh, "x_y__2:long")], "1", "x(y), renamed");
    assert_eq!(flows[4][column(&fh, "class")], "money");
    assert_eq!(flows[4][column(&fh, "class_2:string")], "mine");
    assert_eq!(
        flows[0][column(&fh, "note:string")],
        "line1\nline2, \"quoted\" \\\" end"
    );
    // A value spans lines, so the import needs --multiline-fields.
    let script = std::fs::read_to_string(out.join("import.sh")).unwrap();
    assert!(script.contains("--multiline-fields=true"), "{script}");
}

#[test]
fn the_scripts_name_the_files_and_every_label_and_type() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.neo4j");
    assert_eq!(convert(&repo("graphs/peru.json"), &out, &[]).code, 0);
    let script = std::fs::read_to_string(out.join("import.sh")).unwrap();
    assert!(script.starts_with("#!/bin/sh\n"));
    assert!(script.contains("database import full \"${1:-neo4j}\""));
    assert!(script.contains("--nodes=actors.csv"));
    assert!(script.contains("--relationships=flows.csv"));
    assert!(
        !script.contains("multiline"),
        "no value spans lines in Peru"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out.join("import.sh"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o111, 0o111, "import.sh is executable");
    }
    let cypher = std::fs::read_to_string(out.join("load.cypher")).unwrap();
    let (_, actors) = read_csv(&out.join("actors.csv"));
    let (fh, flows) = read_csv(&out.join("flows.csv"));
    let labels: HashSet<&str> = actors.iter().map(|r| r[3].as_str()).collect();
    for l in &labels {
        assert!(cypher.contains(&format!("row.`:LABEL` = '{l}'")), "{l}");
    }
    let types: HashSet<&str> = flows.iter().map(|r| r[2].as_str()).collect();
    for t in &types {
        assert!(
            cypher.contains(&format!("CREATE (s)-[r:`{t}`]->(t)")),
            "{t}"
        );
    }
    // Every column the script reads is a column of the files.
    for h in fh.iter().filter(|h| !h.starts_with(':')) {
        assert!(cypher.contains(&format!("row.`{h}`")), "{h}");
    }
    // A documents section adds documents.csv and one statement that loads it.
    let documents = peru_has_documents();
    assert_eq!(out.join("documents.csv").exists(), documents);
    if documents {
        let (dh, _) = read_csv(&out.join("documents.csv"));
        for h in dh.iter().filter(|h| !h.starts_with(':')) {
            assert!(cypher.contains(&format!("row.`{h}`")), "{h}");
        }
        assert!(script.contains("--nodes=documents.csv"));
    }
    assert_eq!(
        cypher.matches("LOAD CSV WITH HEADERS").count(),
        labels.len() + types.len() + usize::from(documents)
    );
}

/// Whether the Peru network has a `documents` section (its bundle then has documents.csv).
fn peru_has_documents() -> bool {
    let text = std::fs::read_to_string(repo("graphs/peru.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v.get("documents")
        .is_some_and(|d| d.as_object().is_some_and(|d| !d.is_empty()))
}

#[test]
fn an_existing_folder_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.neo4j");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    let r = convert(&repo("graphs/peru.json"), &out, &[]);
    assert_user_error(&r, &["b.neo4j", "not empty", "--force"]);
    assert_eq!(
        std::fs::read_to_string(out.join("keep.txt")).unwrap(),
        "mine"
    );
    let r = convert(&repo("graphs/peru.json"), &out, &["--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!out.join("keep.txt").exists() && out.join("actors.csv").exists());
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "no temporary folder left beside it");
    // A file in the way is refused even with --force.
    let file = dir.path().join("f.neo4j");
    std::fs::write(&file, "x").unwrap();
    let r = convert(&repo("graphs/peru.json"), &file, &["--force"]);
    assert_user_error(&r, &["f.neo4j", "not a folder"]);
    // A network that does not load writes nothing.
    let bad = write(
        dir.path(),
        "bad.json",
        "{\"actors\": [{\"id\": \"a\"}], \"flows\": [{\"from\": \"a\", \"to\": \"zz\"}]}",
    );
    let none = dir.path().join("none.neo4j");
    let r = convert(bad.to_str().unwrap(), &none, &[]);
    assert_user_error(&r, &["zz"]);
    assert!(!none.exists());
}

#[test]
fn an_unknown_output_format_is_bad_usage() {
    let dir = tempfile::tempdir().unwrap();
    let r = convert(&repo("graphs/peru.json"), &dir.path().join("x.neo"), &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains(".neo4j"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

#[test]
fn relationship_types_and_labels_by_hand() {
    let t = io::neo4j::relationship_type;
    let cases: HashMap<&str, &str> = [
        ("cocaine", "COCAINE"),
        ("real-estate", "REAL_ESTATE"),
        ("campaign-finance", "CAMPAIGN_FINANCE"),
        ("--odd  kind--", "ODD_KIND"),
        ("2nd wave", "KIND_2ND_WAVE"),
        ("", "KIND_"),
        ("é", "É"),
    ]
    .into();
    for (kind, want) in cases {
        assert_eq!(t(kind), want, "{kind:?}");
    }
    let l = io::neo4j::class_label;
    assert_eq!(l("criminal"), "Criminal");
    assert_eq!(l("front-company"), "FrontCompany");
    assert_eq!(l("other"), "Other");
    assert_eq!(l("9lives"), "Class9lives");
    assert_eq!(l(""), "Class");
}

/// import.sh run against a stand-in neo4j-admin that records its folder and arguments and checks the
/// files it is given exist there: the bundle sits in a folder whose path holds `(` and `+`, which
/// neo4j-admin would read as a regular expression if the script passed full paths.
#[cfg(unix)]
#[test]
fn import_sh_names_the_files_relative_to_the_bundle() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("my (case)+1.neo4j");
    assert_eq!(convert(&repo("graphs/peru.json"), &out, &[]).code, 0);
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let log = dir.path().join("log.txt");
    let fake = bin.join("neo4j-admin");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\npwd > '{log}'\nfor a in \"$@\"; do echo \"$a\" >> '{log}'; done\n\
             test -s actors.csv && test -s flows.csv\n",
            log = log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let status = std::process::Command::new("sh")
        .arg(out.join("import.sh"))
        .arg("cases")
        .current_dir(dir.path())
        .env("PATH", path)
        .env_remove("NEO4J_HOME")
        .status()
        .unwrap();
    assert!(
        status.success(),
        "the files were not found from the bundle folder"
    );
    let lines: Vec<String> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(
        std::path::Path::new(&lines[0]).canonicalize().unwrap(),
        out.canonicalize().unwrap()
    );
    let mut expected = vec![
        "database",
        "import",
        "full",
        "cases",
        "--nodes=actors.csv",
        "--relationships=flows.csv",
    ];
    if peru_has_documents() {
        expected.push("--nodes=documents.csv");
    }
    assert_eq!(&lines[1..], expected);
}

#[test]
fn property_names_holding_escapes_or_backticks_cannot_break_out_of_their_quoting() {
    let dir = tempfile::tempdir().unwrap();
    let net = write(
        dir.path(),
        "n.json",
        r#"{"actors":[{"id":"a","x\\u0060y":1,"b`c":2,"d\\`})":3},{"id":"b"}],
            "flows":[{"from":"a","to":"b","k\\u0060 MATCH (n) DETACH DELETE n //":1}]}"#,
    );
    let out = dir.path().join("h.neo4j");
    let r = convert(net.to_str().unwrap(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let cypher = std::fs::read_to_string(out.join("load.cypher")).unwrap();
    assert!(
        !cypher.contains('\\'),
        "no backslash reaches load.cypher: {cypher}"
    );
    // Every backtick-quoted name holds only letters, digits, _ and the header's `:`.
    let quoted: Vec<&str> = cypher.split('`').skip(1).step_by(2).collect();
    assert!(!quoted.is_empty());
    for name in quoted {
        assert!(
            name.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == ':'),
            "{name:?} in {cypher}"
        );
    }
    let (ah, actors) = read_csv(&out.join("actors.csv"));
    assert_eq!(actors[0][column(&ah, "x_u0060y:long")], "1");
    assert_eq!(actors[0][column(&ah, "b_c:long")], "2");
    let (fh, _) = read_csv(&out.join("flows.csv"));
    assert!(
        fh.contains(&"k_u0060_MATCH__n__DETACH_DELETE_n___:long".to_string()),
        "{fh:?}"
    );
}
