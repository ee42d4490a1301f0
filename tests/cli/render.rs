//! `netgraph dot` and `netgraph render` end to end: the DOT is parsed back with graphviz-rust's
//! parser and compared with the network file (read here with serde_json, not with netgraph's code);
//! pictures are drawn by Graphviz when it is installed (required when NETGRAPH_REQUIRE_GRAPHVIZ=1).

use crate::common::*;
use crate::dotparse::{Dot, svg_node_texts};
use serde_json::{Value, json};

/// `netgraph dot ARGS` over every flow (`--layer all`: the Peru network's default layer would
/// draw only its criminal economy).
fn dot(args: &[&str]) -> Dot {
    let mut all = vec!["dot", "--layer", "all"];
    all.extend_from_slice(args);
    let r = run(&all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    Dot::parse(&r.stdout)
}

fn file(dir: &tempfile::TempDir, name: &str, net: &Value) -> String {
    let p = write(dir.path(), name, &net.to_string());
    p.to_str().unwrap().to_string()
}

fn network(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

#[test]
fn peru_every_actor_is_one_node_and_every_flow_one_edge() {
    let net = network(&repo("graphs/peru.json"));
    let d = dot(&["--wrap", "0"]);
    assert!(d.directed);
    let want: Vec<(String, String)> = net["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().into(),
                a["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    let got: Vec<(String, String)> = d
        .actors()
        .iter()
        .map(|(id, a)| (id.clone(), a["label"].clone()))
        .collect();
    assert_eq!(sorted(got), sorted(want));
    let want: Vec<(String, String, String)> = net["flows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            (s("from"), s("to"), s("kind"))
        })
        .collect();
    let got: Vec<(String, String, String)> = d
        .flows()
        .iter()
        .map(|(a, b, x)| (a.clone(), b.clone(), x["label"].clone()))
        .collect();
    assert_eq!(got.len(), 216);
    assert_eq!(sorted(got), sorted(want));
    // Wrapped labels keep every word in order.
    for (id, a) in dot(&[]).actors() {
        let name = d.actors().iter().find(|(i, _)| i == id).unwrap().1["label"].clone();
        assert_eq!(a["label"].replace('\n', " "), name);
    }
}

#[test]
fn every_tooltip_carries_sources_and_confidence() {
    let net = network(&repo("graphs/peru.json"));
    let d = dot(&[]);
    for (a, (id, attrs)) in net["actors"].as_array().unwrap().iter().zip(d.actors()) {
        assert_eq!(a["id"].as_str().unwrap(), id, "file order");
        let tip = &attrs["tooltip"];
        assert!(tip.contains("confidence"), "{tip}");
        for s in a["sources"].as_array().unwrap() {
            assert!(tip.contains(s["doc"].as_str().unwrap()), "{tip}");
            assert!(tip.contains(s["quote"].as_str().unwrap()), "{tip}");
        }
    }
    for (f, (_, _, attrs)) in net["flows"].as_array().unwrap().iter().zip(d.flows()) {
        let tip = &attrs["tooltip"];
        let c = f["confidence"].as_f64().unwrap();
        assert!(tip.contains(&format!("confidence {c}")), "{tip}");
        for s in f["sources"].as_array().unwrap() {
            assert!(tip.contains(s["doc"].as_str().unwrap()), "{tip}");
            assert!(tip.contains(s["quote"].as_str().unwrap()), "{tip}");
        }
        // Dashed exactly when confidence is below 0.6; pen width 1 + 2·confidence.
        assert_eq!(
            attrs.get("style").map(String::as_str) == Some("dashed"),
            c < 0.6
        );
        let pen: f64 = attrs["penwidth"].parse().unwrap();
        assert!((pen - (1.0 + 2.0 * c)).abs() < 0.006, "{pen} for {c}");
    }
}

/// a →gold→ b twice, a →cash→ b, b →cash→ a, b →arrest→ c (confidence 0.4).
pub(crate) fn parallel() -> Value {
    json!({
        "name": "parallel",
        "actors": [{"id": "a", "kind": "cartel"}, {"id": "b", "kind": "bank"}, {"id": "c", "kind": "police"}],
        "flows": [
            {"from": "a", "to": "b", "kind": "gold"},
            {"from": "a", "to": "b", "kind": "cash"},
            {"from": "b", "to": "a", "kind": "cash"},
            {"from": "a", "to": "b", "kind": "gold", "confidence": 0.5},
            {"from": "b", "to": "c", "kind": "arrest", "confidence": 0.4}
        ]
    })
}

#[test]
fn parallel_flows_stay_separate_unless_merged() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir, "p.json", &parallel());
    let edges = |d: &Dot| -> Vec<(String, String, String, String)> {
        d.flows()
            .iter()
            .map(|(a, b, x)| (a.clone(), b.clone(), x["label"].clone(), x["color"].clone()))
            .collect()
    };
    let (gold, cash, blue) = ("#D55E00", "#009E73", "#0072B2");
    let e = |a: &str, b: &str, l: &str, c: &str| (a.into(), b.into(), l.into(), c.into());
    assert_eq!(
        edges(&dot(&[&p])),
        [
            e("a", "b", "gold", gold),
            e("a", "b", "cash", cash),
            e("b", "a", "cash", cash),
            e("a", "b", "gold", gold),
            e("b", "c", "arrest", blue),
        ]
    );
    let merged = dot(&[&p, "--merge"]);
    assert_eq!(
        edges(&merged),
        [
            e("a", "b", "gold ×2, cash", &format!("{gold}:{cash}")),
            e("b", "a", "cash", cash),
            e("b", "c", "arrest", blue),
        ]
    );
    // The merged edge is dashed only if every flow is; its pen is the widest; its tooltip has all.
    let ab = &merged.flows()[0].2;
    assert_eq!(ab.get("style"), None);
    assert_eq!(ab["penwidth"], "3");
    assert_eq!(ab["tooltip"].matches("confidence").count(), 3);
    assert_eq!(merged.flows()[2].2["style"], "dashed");
    // Undirected: one edge per unordered pair.
    let undirected = dot(&[&p, "--merge", "--undirected"]);
    assert!(!undirected.directed);
    assert_eq!(undirected.flows().len(), 2);
    assert_eq!(undirected.flows()[0].2["label"], "gold ×2, cash ×2");
    // Filters apply; actors stay.
    let gold_only = dot(&[&p, "--flows", "gold", "--min-confidence", "0.9"]);
    assert_eq!(edges(&gold_only), [e("a", "b", "gold", gold)]);
    assert_eq!(gold_only.actors().len(), 3);
    assert_eq!(
        dot(&[&p, "--flows", "gold", "--hide-isolated"])
            .actors()
            .len(),
        2
    );
}

/// A chain a–b–c–d–e with a branch b–x; flows point both ways along it.
fn chain() -> Value {
    let f = |a: &str, b: &str| json!({"from": a, "to": b, "kind": "cash"});
    json!({
        "actors": (["a", "b", "c", "d", "e", "x"].iter().map(|i| json!({"id": i})).collect::<Vec<_>>()),
        "flows": [f("a", "b"), f("c", "b"), f("c", "d"), f("e", "d"), f("b", "x")]
    })
}

#[test]
fn focus_keeps_actors_within_depth_ignoring_direction() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir, "chain.json", &chain());
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec![p.as_str()];
        all.extend_from_slice(args);
        dot(&all)
            .actors()
            .iter()
            .map(|(id, _)| id.clone())
            .collect()
    };
    assert_eq!(ids(&["--focus", "a", "--depth", "0"]), ["a"]);
    assert_eq!(ids(&["--focus", "a"]), ["a", "b"]);
    assert_eq!(ids(&["--focus", "a", "--depth", "2"]), ["a", "b", "c", "x"]);
    assert_eq!(
        ids(&["--focus", "a", "--depth", "3"]),
        ["a", "b", "c", "d", "x"]
    );
    assert_eq!(ids(&["--focus", "e", "--depth", "2"]), ["c", "d", "e"]);
    assert_eq!(
        ids(&["--focus", "a,e", "--depth", "1"]),
        ["a", "b", "d", "e"]
    );
    let d = dot(&[&p, "--focus", "d", "--depth", "1"]);
    let edges: Vec<_> = d
        .flows()
        .iter()
        .map(|(a, b, _)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(edges, [("c", "d"), ("e", "d")]);
    assert_eq!(d.actors()[1].1["peripheries"], "2", "the focus is marked");
    assert!(d.title.contains("around d (1 hop)"), "{}", d.title);
    // Filters shape the neighbourhood: without c→d, d reaches only e.
    let r = run(&[
        "dot", &p, "--focus", "d", "--where", "to!=d", "--depth", "5",
    ]);
    assert_eq!(Dot::parse(&r.stdout).actors().len(), 1);
    assert_usage_error(
        &run(&["dot", &p, "--focus", "nobody"]),
        &["unknown actor \"nobody\""],
    );
    assert_eq!(
        run(&["dot", &p, "--depth", "2"]).code,
        2,
        "--depth needs --focus"
    );
}

/// s reaches t in two hops through a (three parallel s→a flows) or three through b and c.
fn routes() -> Value {
    let f = |a: &str, b: &str, k: &str, w: f64, c: f64| json!({"from": a, "to": b, "kind": k, "weight": w, "confidence": c});
    json!({
        "actors": (["s", "a", "b", "c", "t", "z"].iter().map(|i| json!({"id": i, "kind": "gang"})).collect::<Vec<_>>()),
        "flows": [
            f("s", "a", "gold", 1.0, 0.4),
            f("s", "a", "cocaine", 1.0, 1.0),
            f("s", "a", "cash", 1.0, 1.0),
            f("a", "t", "cash", 10.0, 1.0),
            f("s", "b", "gold", 1.0, 1.0),
            f("b", "c", "gold", 2.0, 1.0),
            f("b", "c", "cash", 1.0, 0.8),
            f("c", "t", "cash", 1.0, 1.0),
            f("t", "z", "alliance", 1.0, 1.0)
        ]
    })
}

#[test]
fn highlighted_path_is_bold_and_the_rest_fades() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir, "routes.json", &routes());
    let bold = |args: &[&str]| -> Vec<(String, String, String)> {
        let mut all = vec![p.as_str(), "--highlight-path", "s:t"];
        all.extend_from_slice(args);
        let d = dot(&all);
        for (_, _, x) in d.flows() {
            let faint = x["color"].len() == 9;
            assert_eq!(faint, x["penwidth"] != "5", "{x:?}");
        }
        for (id, x) in d.actors() {
            assert_eq!(
                x["fillcolor"].len() == 9,
                x.get("penwidth").is_none(),
                "{id}"
            );
        }
        d.flows()
            .iter()
            .filter(|(_, _, x)| x["penwidth"] == "5")
            .map(|(a, b, x)| (a.clone(), b.clone(), x["label"].clone()))
            .collect()
    };
    let e = |a: &str, b: &str, k: &str| (a.to_string(), b.to_string(), k.to_string());
    // Hops: s→a→t. Of the three s→a flows, cocaine and cash are the most confident; cocaine is first.
    assert_eq!(bold(&[]), [e("s", "a", "cocaine"), e("a", "t", "cash")]);
    // By weight: s→b→c→t costs 3 against 11; on b→c the cash flow (1) is cheaper than gold (2).
    assert_eq!(
        bold(&["--weight", "weight"]),
        [
            e("s", "b", "gold"),
            e("b", "c", "cash"),
            e("c", "t", "cash")
        ]
    );
    // Merged, the edge holding the chosen flow is bold.
    let merged = dot(&[&p, "--highlight-path", "s:t", "--merge"]);
    let thick: Vec<_> = merged
        .flows()
        .iter()
        .filter(|(_, _, x)| x["penwidth"] == "5")
        .map(|(_, _, x)| x["label"].clone())
        .collect();
    assert_eq!(thick, ["gold, cocaine, cash", "cash"]);
    assert_user_error(
        &run(&["dot", &p, "--highlight-path", "t:s"]),
        &["no path from \"t\" to \"s\""],
    );
    assert_usage_error(
        &run(&["dot", &p, "--highlight-path", "s:q"]),
        &["unknown actor \"q\""],
    );
    for bad in ["s", "s:", ":t", "s:a:t"] {
        let r = run(&["dot", &p, "--highlight-path", bad]);
        assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
        assert!(
            r.stdout.is_empty() && r.stderr.contains("FROM:TO"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn fading_classes_and_sizing_by_a_measure() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir, "routes.json", &routes());
    let d = dot(&[&p, "--fade", "@tie,gold"]);
    for (_, _, x) in d.flows() {
        let faint = x["label"] == "alliance" || x["label"] == "gold";
        assert_eq!(x["color"].len() == 9, faint, "{x:?}");
    }
    // z has only the faint alliance, so it fades; t has cash flows too, so it does not.
    let fill = |id: &str| d.actors().iter().find(|(i, _)| i == id).unwrap().1["fillcolor"].clone();
    assert_eq!((fill("z").len(), fill("t").len()), (9, 7));
    // Betweenness by hand on the collapsed graph s→a, s→b, a→t, b→c, c→t, t→z (shortest paths:
    // s→a→t, s→a→t→z, s→b→c, b→c→t→z, c→t→z): a lies on (s,t), (s,z); b on (s,c); c on (b,t),
    // (b,z); t on (s,z), (a,z), (b,z), (c,z). Labels scale with the share of the largest, 4.
    let sized = dot(&[&p, "--size-by", "betweenness"]);
    let font = |id: &str| -> f64 {
        sized.actors().iter().find(|(i, _)| i == id).unwrap().1["fontsize"]
            .parse()
            .unwrap()
    };
    assert_eq!(font("t"), 24.0);
    assert_eq!((font("a"), font("c")), (17.0, 17.0));
    assert_eq!(font("b"), 13.5);
    assert_eq!((font("s"), font("z")), (10.0, 10.0));
    assert_user_error(
        &run(&["dot", &p, "--undirected", "--size-by", "in_degree"]),
        &["cannot size actors by in_degree"],
    );
}

#[test]
fn legend_shows_the_classes_drawn() {
    let legend = |args: &[&str]| -> (Vec<String>, Vec<String>, String) {
        let d = dot(args);
        let classes = d
            .nodes
            .iter()
            .filter_map(|(id, _)| id.strip_prefix("legend:actor:").map(String::from))
            .collect();
        let samples = d
            .edges
            .iter()
            .filter(|(a, _, x)| {
                a.starts_with("legend:") && x.get("style").map(String::as_str) != Some("invis")
            })
            .map(|(_, _, x)| x["label"].clone())
            .collect();
        let notes = d
            .nodes
            .iter()
            .find(|(id, _)| id == "legend:notes")
            .unwrap()
            .1["label"]
            .clone();
        (classes, samples, notes)
    };
    // Peru has every class but `other` (its `presence` ties are declared in the file).
    let (classes, samples, notes) = legend(&[]);
    assert_eq!(classes, ["criminal", "state", "legal", "hub", "political"]);
    assert_eq!(
        samples,
        [
            "illicit goods",
            "money",
            "assets",
            "enforcement",
            "ties",
            "confidence < 0.6"
        ]
    );
    assert_eq!(notes, "line width: confidence\nhover for sources");
    let (classes, samples, notes) = legend(&[
        "--flows",
        "gold",
        "--min-confidence",
        "0.6",
        "--hide-isolated",
        "--pen",
        "volume",
        "--size-by",
        "degree",
        "--fade",
        "@tie",
    ]);
    assert_eq!(classes, ["criminal", "legal", "hub"]);
    assert_eq!(samples, ["illicit goods"]);
    assert_eq!(
        notes,
        "line width: volume (log, per unit)\nlabel size: degree\nfaint: @tie\nhover for sources"
    );
    assert!(
        dot(&["--no-legend"])
            .nodes
            .iter()
            .all(|(id, _)| !id.starts_with("legend:"))
    );
}

#[test]
fn clusters_group_actors_by_country() {
    let d = dot(&["--cluster", "country"]);
    let net = network(&repo("graphs/peru.json"));
    for (label, members) in d.clusters.iter().filter(|(l, _)| l != "Legend") {
        for m in members {
            let a = net["actors"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["id"] == m.as_str());
            assert_eq!(a.unwrap()["country"].as_str(), Some(label.as_str()), "{m}");
        }
    }
    let clustered: usize = d
        .clusters
        .iter()
        .filter(|(l, _)| l != "Legend")
        .map(|c| c.1.len())
        .sum();
    let with_country = net["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["country"].is_string())
        .count();
    assert_eq!(clustered, with_country);
    assert!(
        dot(&["--cluster", "none", "--no-legend"])
            .clusters
            .is_empty()
    );
}

/// Names and kinds that break naive DOT: quotes, backslashes, markup, entities, braces, line breaks,
/// escString sequences, and non-Latin scripts.
pub(crate) fn hostile() -> Value {
    let names = [
        ("q\"uote", "Say \"hello\" \\ back\\slash"),
        ("amp&", "Tom & Jerry &amp; &lt;b&gt; <b>bold</b>"),
        ("brace{}|<>", "{record|<port> field}"),
        ("multi", "first line\nsecond line"),
        ("scripts", "北京 مرحبا Привет Ñandú"),
        ("esc", "\\N \\G \\l \\n literal"),
        ("trail\\", "ends with \\"),
        ("html", "<<table><tr><td>x</td></tr></table>>"),
    ];
    let actors: Vec<Value> = names
        .iter()
        .map(|(id, name)| json!({"id": id, "name": name}))
        .collect();
    let kinds = ["co\"ca\\ine", "a&b<c>", "{x|y}", "two\nlines", "ouro 金"];
    let flows: Vec<Value> = kinds
        .iter()
        .enumerate()
        .map(|(i, k)| {
            json!({"from": names[i].0, "to": names[i + 1].0, "kind": k,
            "sources": [{"doc": "d\"oc.txt", "quote": "<q> & \\ \"x\""}]})
        })
        .collect();
    json!({"name": "Net \"x\" & <y>\\", "actors": actors, "flows": flows})
}

#[test]
fn hostile_labels_round_trip_through_the_parser() {
    let dir = tempfile::tempdir().unwrap();
    let net = hostile();
    let p = file(&dir, "hostile.json", &net);
    for merge in [false, true] {
        let mut args = vec![p.as_str(), "--wrap", "0"];
        if merge {
            args.push("--merge");
        }
        let d = dot(&args);
        assert_eq!(d.title, net["name"].as_str().unwrap());
        let got: Vec<(String, String)> = d
            .actors()
            .iter()
            .map(|(id, x)| (id.clone(), x["label"].clone()))
            .collect();
        let want: Vec<(String, String)> = net["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["id"].as_str().unwrap().into(),
                    a["name"].as_str().unwrap().into(),
                )
            })
            .collect();
        assert_eq!(got, want);
        let kinds: Vec<String> = d
            .flows()
            .iter()
            .map(|(_, _, x)| x["label"].clone())
            .collect();
        let want: Vec<&str> = net["flows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, want);
        for (_, _, x) in d.flows() {
            assert!(
                x["tooltip"].contains("d\"oc.txt: “<q> & \\ \"x\"”"),
                "{}",
                x["tooltip"]
            );
        }
    }
}

#[test]
fn same_input_same_bytes_and_o_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "dot",
        "--merge",
        "--cluster",
        "country",
        "--size-by",
        "betweenness",
        "--highlight-path",
        "coca-processors:re-cono-norte",
    ];
    let first = run(&args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(run(&args).stdout, first.stdout);
    let out = dir.path().join("peru.dot");
    let mut with_o = args.to_vec();
    with_o.extend(["-o", out.to_str().unwrap()]);
    let r = run(&with_o);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first.stdout);
}

// ---- Graphviz ----

/// Whether the Graphviz tests run: when `dot` is installed, or when required by the environment.
pub(crate) fn graphviz() -> bool {
    if netgraph_core::render::graphviz::available() {
        return true;
    }
    assert!(
        std::env::var("NETGRAPH_REQUIRE_GRAPHVIZ").as_deref() != Ok("1"),
        "NETGRAPH_REQUIRE_GRAPHVIZ=1 but the Graphviz program `dot` cannot be run"
    );
    eprintln!("skipping: the Graphviz program `dot` is not installed");
    false
}

fn render(args: &[&str], out: &std::path::Path) -> Vec<u8> {
    let mut all = vec!["render", "-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let r = run(&all);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    std::fs::read(out).unwrap()
}

#[test]
fn every_shipped_network_renders_with_every_name_drawn() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(repo("graphs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let net = network(path.to_str().unwrap());
        let svg = render(&[path.to_str().unwrap()], &dir.path().join("net.svg"));
        let drawn: Vec<String> = svg_node_texts(&String::from_utf8(svg).unwrap())
            .into_iter()
            .map(|lines| lines.join(" "))
            .collect();
        for a in net["actors"].as_array().unwrap() {
            let name = a["name"].as_str().or(a["id"].as_str()).unwrap();
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                drawn.contains(&name),
                "{}: {name} not drawn",
                path.display()
            );
        }
    }
}

#[test]
fn hostile_labels_render_as_written() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let net = hostile();
    let p = file(&dir, "hostile.json", &net);
    let svg = render(&[&p, "--wrap", "0"], &dir.path().join("h.svg"));
    let drawn: Vec<String> = svg_node_texts(&String::from_utf8(svg).unwrap())
        .into_iter()
        .map(|lines| lines.join("\n"))
        .collect();
    for a in net["actors"].as_array().unwrap() {
        let name = a["name"].as_str().unwrap();
        assert!(drawn.iter().any(|d| d == name), "{name:?} not in {drawn:?}");
    }
    for (ext, magic) in [("png", &b"\x89PNG"[..]), ("pdf", &b"%PDF"[..])] {
        let bytes = render(
            &[&p, "--layout", "neato"],
            &dir.path().join(format!("h.{ext}")),
        );
        assert!(bytes.starts_with(magic), "{ext}");
    }
}

#[test]
fn render_without_graphviz_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("peru.svg");
    let o = assert_cmd::Command::cargo_bin("netgraph")
        .unwrap()
        .env("PATH", dir.path())
        .args(["render", "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    let r = Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    };
    assert_user_error(
        &r,
        &[
            "`dot` was not found",
            "apt-get install graphviz",
            "brew install graphviz",
        ],
    );
    assert!(!out.exists());
    let bad = run(&["render", "-o", dir.path().join("x.jpg").to_str().unwrap()]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains(".svg, .png, .pdf or .html"),
        "{}",
        bad.stderr
    );
    assert_eq!(run(&["render"]).code, 2, "-o is required");
}
