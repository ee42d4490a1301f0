//! Nothing lost, bounded input: outputs never replace inputs, links or read-only files; every
//! reader refuses special files and stops at its limits with exit code 1 and one line.

use crate::common::*;
use assert_cmd::Command;
use std::path::Path;
use std::time::Duration;

const NET: &str = r#"{"actors":[{"id":"a"},{"id":"b"}],"flows":[{"from":"a","to":"b"}]}"#;

/// Runs with a time limit and the given environment; a run that hangs fails the test.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::cargo_bin("netgraph").unwrap();
    cmd.args(args).timeout(Duration::from_secs(20));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn output_naming_an_input_is_refused_and_the_input_survives() {
    let dir = tempfile::tempdir().unwrap();
    let net = write(dir.path(), "net.json", NET);
    let edges = write(dir.path(), "e.csv", "source,target\na,b\n");
    let nodes = write(dir.path(), "n.csv", "id,kind\na,cartel\n");
    let alias = dir.path().join("alias.json");
    std::os::unix::fs::symlink(&net, &alias).unwrap();
    let cases: Vec<Vec<&str>> = vec![
        vec!["centrality", s(&net), "-o", s(&net)],
        vec!["convert", s(&net), s(&net)],
        vec!["centrality", s(&net), "-o", s(&alias)],
        vec!["convert", s(&edges), "--nodes", s(&nodes), s(&nodes)],
        vec!["convert", s(&edges), "--nodes", s(&nodes), s(&edges)],
    ];
    for args in cases {
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("would overwrite the input"),
            "{}",
            r.stderr
        );
    }
    assert_eq!(std::fs::read_to_string(&net).unwrap(), NET);
    assert_eq!(
        std::fs::read_to_string(&nodes).unwrap(),
        "id,kind\na,cartel\n"
    );
    // Relative and absolute spellings of one file are one file.
    let r = Command::cargo_bin("netgraph")
        .unwrap()
        .current_dir(dir.path())
        .args(["info", "net.json", "-o", s(&net)])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    // A scenario file is an input too.
    let peru = repo("graphs/peru.json");
    let scen = dir.path().join("s.json");
    std::fs::copy(repo("docs/examples/peru-scenarios.json"), &scen).unwrap();
    let before = std::fs::read(&scen).unwrap();
    let r = run(&["whatif", &peru, "--scenario", s(&scen), "-o", s(&scen)]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(std::fs::read(&scen).unwrap(), before);
}

#[test]
fn output_onto_a_link_writes_through_it_and_a_read_only_file_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let net = write(dir.path(), "net.json", NET);
    let target = write(dir.path(), "target.csv", "old\n");
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let r = run(&["centrality", s(&net), "-o", s(&link)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("actor,")
    );
    // A link to nothing is refused, and stays a link.
    let dangling = dir.path().join("dangling.csv");
    std::os::unix::fs::symlink(dir.path().join("missing/x.csv"), &dangling).unwrap();
    let r = run(&["centrality", s(&net), "-o", s(&dangling)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // Read-only: refused, untouched.
    let ro = write(dir.path(), "ro.json", "keep\n");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let r = run(&["centrality", s(&net), "-o", s(&ro)]);
    assert_user_error(&r, &["ro.json", "read-only"]);
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "keep\n");
}

#[test]
fn dash_output_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "net.json", NET);
    let r = Command::cargo_bin("netgraph")
        .unwrap()
        .current_dir(dir.path())
        .args(["centrality", "net.json", "--format", "csv", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(0));
    let out = String::from_utf8(r.stdout).unwrap();
    assert_eq!(out.lines().next(), Some("actor,degree,betweenness"));
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(!dir.path().join("-").exists(), "no file named -");
}

#[test]
fn devices_and_fifos_are_refused_at_once_whatever_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["json", "csv", "graphml", "gexf"] {
        let link = dir.path().join(format!("zero.{ext}"));
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let r = run_env(&["info", s(&link)], &[]);
        assert_user_error(&r, &[&format!("zero.{ext}"), "a device", "use - "]);
    }
    let fifo = dir.path().join("pipe.json");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(ok.success());
    let r = run_env(&["info", s(&fifo)], &[]);
    assert_user_error(&r, &["pipe.json", "named pipe"]);
    // --nodes too.
    let edges = write(dir.path(), "e.csv", "source,target\na,b\n");
    let r = run_env(&["info", s(&edges), "--nodes", "/dev/zero"], &[]);
    assert_user_error(&r, &["/dev/zero", "a device"]);
}

#[test]
fn documents_over_the_input_limit_are_refused_with_the_variable_that_raises_it() {
    let dir = tempfile::tempdir().unwrap();
    let net = write(dir.path(), "net.json", NET);
    let env = [("NETGRAPH_MAX_INPUT", "32")];
    let r = run_env(&["info", s(&net)], &env);
    assert_user_error(
        &r,
        &[
            "net.json",
            "larger than the limit of 32 bytes",
            "NETGRAPH_MAX_INPUT",
        ],
    );
    assert_eq!(
        run_env(&["info", s(&net)], &[("NETGRAPH_MAX_INPUT", "1K")]).code,
        0
    );
    // Standard input is cut at the limit as it is read.
    let out = Command::cargo_bin("netgraph")
        .unwrap()
        .args(["info", "-"])
        .env("NETGRAPH_MAX_INPUT", "32")
        .write_stdin(NET)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("<stdin>") && err.contains("NETGRAPH_MAX_INPUT"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    // Every reader: GraphML, a scenario file, --nodes.
    let gml = write(
        dir.path(),
        "g.graphml",
        r#"<graphml><graph edgedefault="directed"><node id="a"/><node id="b"/><edge source="a" target="b"/></graph></graphml>"#,
    );
    assert_user_error(&run_env(&["info", s(&gml)], &env), &["g.graphml", "limit"]);
    let edges = write(dir.path(), "e.csv", "source,target\na,b\n");
    let nodes = write(
        dir.path(),
        "n.csv",
        &format!("id,note\na,{}\n", "x".repeat(100)),
    );
    assert_user_error(
        &run_env(&["info", s(&edges), "--nodes", s(&nodes)], &env),
        &["n.csv", "limit"],
    );
    // A bad value of the variable is named.
    let r = run_env(&["info", s(&net)], &[("NETGRAPH_MAX_INPUT", "lots")]);
    assert_user_error(&r, &["NETGRAPH_MAX_INPUT", "\"lots\" is not a size"]);
}

#[test]
fn an_oversize_csv_field_stops_the_reader_at_the_line_limit() {
    let dir = tempfile::tempdir().unwrap();
    let long = "y".repeat(5000);
    let edges = write(
        dir.path(),
        "e.csv",
        &format!("source,target,note\na,b,{long}\n"),
    );
    let r = run_env(&["info", s(&edges)], &[("NETGRAPH_MAX_LINE", "4K")]);
    assert_user_error(
        &r,
        &[
            "e.csv",
            "a line is longer than the limit of 4 KiB",
            "NETGRAPH_MAX_LINE",
        ],
    );
    assert_eq!(
        run_env(&["info", s(&edges)], &[("NETGRAPH_MAX_LINE", "8K")]).code,
        0
    );
}

#[test]
fn an_oversize_json_string_or_xml_text_is_refused_at_the_field_limit_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(5000);
    let env = [("NETGRAPH_MAX_FIELD", "4K")];
    // JSON: a long string (here a quote's text) on line 3, read whole and from standard input.
    let json = format!(
        "{{\"actors\":[{{\"id\":\"a\"}},{{\"id\":\"b\"}}],\n\"flows\":[{{\"from\":\"a\",\"to\":\"b\",\n\"note\":\"{long}\"}}]}}"
    );
    let net = write(dir.path(), "net.json", &json);
    assert_user_error(
        &run_env(&["info", s(&net)], &env),
        &[
            "net.json",
            "line 3",
            "a string longer than the limit of 4 KiB",
            "NETGRAPH_MAX_FIELD",
        ],
    );
    assert_eq!(
        run_env(&["info", s(&net)], &[("NETGRAPH_MAX_FIELD", "8K")]).code,
        0
    );
    let out = Command::cargo_bin("netgraph")
        .unwrap()
        .args(["info", "-"])
        .env("NETGRAPH_MAX_FIELD", "4K")
        .write_stdin(json.clone())
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("<stdin>") && err.contains("NETGRAPH_MAX_FIELD"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    // Escaped quotes do not end a string: the long string is still one field.
    let escaped = format!(
        "{{\"actors\":[{{\"id\":\"a\",\"name\":\"{}\"}}],\"flows\":[]}}",
        "\\\"ab".repeat(1500)
    );
    let esc = write(dir.path(), "esc.json", &escaped);
    assert_user_error(&run_env(&["info", s(&esc)], &env), &["esc.json", "line 1"]);
    // GraphML: a long text between two tags, and a long tag (attribute value).
    let text = write(
        dir.path(),
        "t.graphml",
        &format!(
            "<graphml>\n<key id=\"n\" for=\"node\" attr.name=\"note\"/>\n<graph edgedefault=\"directed\">\n<node id=\"a\"><data key=\"n\">{long}</data></node></graph></graphml>"
        ),
    );
    assert_user_error(
        &run_env(&["info", s(&text)], &env),
        &[
            "t.graphml",
            "line 4",
            "a tag or a text longer than the limit of 4 KiB",
        ],
    );
    let tag = write(
        dir.path(),
        "a.gexf",
        &format!("<gexf>\n<graph><nodes><node id=\"a\" label=\"{long}\"/></nodes></graph></gexf>"),
    );
    assert_user_error(&run_env(&["info", s(&tag)], &env), &["a.gexf", "line 2"]);
    // A scenario file is JSON too (the network itself is within the limit).
    let short = write(dir.path(), "short.json", NET);
    let scenario = write(
        dir.path(),
        "s.json",
        &format!("{{\"edits\":[{{\"remove\":[\"{long}\"]}}]}}"),
    );
    let r = run_env(
        &["whatif", s(&short), "--scenario", s(&scenario)],
        &[("NETGRAPH_MAX_FIELD", "4K")],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let last = r.stderr.trim_end().lines().last().unwrap_or_default();
    for part in [
        "s.json",
        "line 1",
        "a string longer than the limit of 4 KiB",
    ] {
        assert!(last.contains(part), "{part} in {last}");
    }
}

#[test]
fn a_csv_of_a_million_columns_is_refused_at_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("source,target");
    for i in 0..1_000_000 {
        text.push_str(&format!(",c{i}"));
    }
    text.push('\n');
    let row: String = std::iter::once("a,b")
        .chain(std::iter::repeat_n("1", 1_000_000))
        .collect::<Vec<_>>()
        .join(",");
    for _ in 0..20 {
        text.push_str(&row);
        text.push('\n');
    }
    let path = write(dir.path(), "wide.csv", &text);
    let start = std::time::Instant::now();
    let r = run_env(&["info", s(&path)], &[]);
    assert_user_error(
        &r,
        &[
            "wide.csv",
            "1000002 columns",
            "limit of 10000",
            "NETGRAPH_MAX_COLUMNS",
        ],
    );
    assert!(start.elapsed() < Duration::from_secs(15));
}

#[test]
fn utf8_errors_say_it_once_with_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(&path, b"{\"actors\": [\n{\"id\": \"\xff\"}]}").unwrap();
    let r = run(&["info", s(&path)]);
    assert_user_error(&r, &["bad.json", "line 2", "not UTF-8"]);
    assert_eq!(r.stderr.matches("UTF-8").count(), 1, "{}", r.stderr);
    let r = run(&["info", s(&dir.path().join("missing.json"))]);
    assert_eq!(r.stderr.matches("No such file").count(), 1, "{}", r.stderr);
}

#[test]
fn validate_sources_reads_only_plain_files_inside_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("ok.txt"), "the quote is here").unwrap();
    let secret = write(dir.path(), "secret.txt", "root:x:0:0");
    std::os::unix::fs::symlink(&secret, docs.join("out.txt")).unwrap();
    let net = |doc: &str| {
        format!(
            r#"{{"actors":[{{"id":"a","sources":[{{"doc":"{doc}","quote":"root:x:0:0"}}]}}],"flows":[]}}"#
        )
    };
    for (doc, why) in [
        ("../secret.txt", "not a file name inside the sources folder"),
        (s(&secret), "not a file name inside the sources folder"),
        ("out.txt", "leads outside the sources folder"),
    ] {
        let path = write(dir.path(), "n.json", &net(doc));
        let r = run(&["validate", "--sources", s(&docs), s(&path)]);
        assert_eq!(r.code, 1, "{doc}: {}{}", r.stdout, r.stderr);
        assert!(
            r.stdout.contains(why) || r.stderr.contains(why),
            "{doc}: {}{}",
            r.stdout,
            r.stderr
        );
        assert!(
            !r.stdout.contains("not found in"),
            "the content was not read: {}",
            r.stdout
        );
    }
    // A plain file inside is read as before.
    let ok = write(
        dir.path(),
        "ok.json",
        r#"{"actors":[{"id":"a","sources":[{"doc":"ok.txt","quote":"quote is"}]}],"flows":[]}"#,
    );
    assert_eq!(run(&["validate", "--sources", s(&docs), s(&ok)]).code, 0);
}

#[test]
fn reserved_names_from_csv_graphml_and_gexf_are_renamed_and_every_output_loads_back() {
    let dir = tempfile::tempdir().unwrap();
    let edges = write(
        dir.path(),
        "e.csv",
        "source,target,from,to,sources,kind\na,b,x,y,report.pdf,cash\n",
    );
    let nodes = write(dir.path(), "n.csv", "id,sources,id\na,doc,alias\n");
    // The second `id` column is ragged-free CSV but a duplicate header: renamed too.
    let json = dir.path().join("out.json");
    let r = run(&["convert", s(&edges), "--nodes", s(&nodes), s(&json)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for name in ["\"from\"", "\"to\"", "\"sources\"", "\"id\""] {
        assert!(r.stderr.contains(name), "warned about {name}: {}", r.stderr);
    }
    let text = std::fs::read_to_string(&json).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let flow = &v["flows"][0];
    assert_eq!(flow["from"], "a");
    assert_eq!(flow["to"], "b");
    assert_eq!(flow["from_2"], "x");
    assert_eq!(flow["to_2"], "y");
    assert_eq!(flow["sources_2"], "report.pdf");
    assert_eq!(flow["kind"], "cash");
    assert_eq!(v["actors"][0]["sources_2"], "doc");
    assert_eq!(v["actors"][0]["id_2"], "alias");
    // No duplicate key anywhere: each object has as many keys as its text has.
    assert_eq!(text.matches("\"from\"").count(), 1);
    // Every written format loads back to the same network.
    for ext in ["graphml", "gexf"] {
        let out = dir.path().join(format!("out.{ext}"));
        assert_eq!(run(&["convert", s(&json), s(&out)]).code, 0);
        let back = dir.path().join(format!("back-{ext}.json"));
        let r = run(&["convert", s(&out), s(&back)]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let w: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
        assert_eq!(w["flows"], v["flows"], "{ext}");
        assert_eq!(w["actors"][0]["id_2"], "alias", "{ext}");
    }
    // GraphML keys named like reserved fields.
    let gml = write(
        dir.path(),
        "k.graphml",
        r#"<graphml>
<key id="d0" for="node" attr.name="id" attr.type="string"/>
<key id="d1" for="edge" attr.name="from" attr.type="string"/>
<key id="d2" for="graph" attr.name="actors" attr.type="string"/>
<graph edgedefault="directed"><data key="d2">many</data>
<node id="a"><data key="d0">other</data></node><node id="b"/>
<edge source="a" target="b"><data key="d1">z</data></edge></graph></graphml>"#,
    );
    let out = dir.path().join("k.json");
    let r = run(&["convert", s(&gml), s(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let w: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(w["actors"][0]["id"], "a");
    assert_eq!(w["actors"][0]["id_2"], "other");
    assert_eq!(w["flows"][0]["from"], "a");
    assert_eq!(w["flows"][0]["from_2"], "z");
    assert_eq!(w["actors_2"], "many");
    assert_eq!(run(&["info", s(&out)]).code, 0);
}

#[test]
fn render_refuses_a_drawing_too_large_for_its_layout_engine() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("source,target\n");
    for i in 0..1200 {
        text.push_str(&format!("a{},a{}\n", i % 600, (i * 7 + 1) % 600));
    }
    let net = write(dir.path(), "big.csv", &text);
    let out = dir.path().join("big.svg");
    let start = std::time::Instant::now();
    let r = run_env(&["render", s(&net), "-o", s(&out)], &[]);
    assert_user_error(
        &r,
        &["604 nodes and 1202 edges", "dot layout", "--force", "sfdp"],
    );
    assert!(start.elapsed() < Duration::from_secs(15));
    assert!(!out.exists());
}

#[test]
fn messages_name_the_right_file_and_print_numbers_short() {
    let dir = tempfile::tempdir().unwrap();
    let edges = write(dir.path(), "e.csv", "source,target\na,b\n");
    let nodes = write(dir.path(), "n.csv", "id,kind\na,cartel\nx:y,cartel\n");
    let r = run(&["info", s(&edges), "--nodes", s(&nodes)]);
    assert_user_error(&r, &["n.csv: line 3, column \"id\"", "\"x:y\""]);
    assert!(!r.stderr.contains("e.csv"), "{}", r.stderr);
    let big = write(
        dir.path(),
        "big.json",
        r#"{"actors":[{"id":"a"},{"id":"b"}],"flows":[{"from":"a","to":"b","confidence":1e300,"weight":-1e300}]}"#,
    );
    let r = run(&["info", s(&big)]);
    assert_user_error(&r, &["1e300 is outside 0..1"]);
    assert!(r.stderr.len() < 200, "{}", r.stderr);
    let neg = write(
        dir.path(),
        "neg.json",
        r#"{"actors":[{"id":"a"},{"id":"b"}],"flows":[{"from":"a","to":"b","weight":-1e300}]}"#,
    );
    let r = run(&["centrality", s(&neg), "--weight", "weight"]);
    assert_user_error(&r, &["distance -1e300 from \"weight\""]);
    // A number with separators is not silently compared as text.
    let r = run(&["centrality", "--where", "weight>1_000"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("\"1_000\"") && r.stderr.contains("1000"),
        "{}",
        r.stderr
    );
    assert_eq!(run(&["centrality", "--where", "weight>1000"]).code, 0);
}
