//! `netgraph render -o FILE.html`, the explorer page, read as text: self-contained (no address, one
//! data block, one script, a policy that allows only that script and style sheet by hash), its data
//! equal to the network file (read here with serde_json), its SVG mapped to the data by element
//! ids, hostile labels escaped. The page in a browser is tested by tests/browser/test_explorer.py.

use crate::common::*;
use crate::render::{graphviz, hostile, parallel};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

const ISLAND: &str = "<script type=\"application/json\" id=\"netgraph-data\">";

/// `netgraph render ARGS -o dir/name`: the page.
fn page(dir: &tempfile::TempDir, name: &str, args: &[&str]) -> String {
    let out = dir.path().join(name);
    let mut all = vec!["render", "-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let r = run(&all);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    std::fs::read_to_string(out).unwrap()
}

fn file(dir: &tempfile::TempDir, name: &str, net: &Value) -> String {
    write(dir.path(), name, &net.to_string())
        .to_str()
        .unwrap()
        .to_string()
}

/// The text between `open` and the next `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    let end = text[start..]
        .find(close)
        .unwrap_or_else(|| panic!("no {close}"));
    &text[start..start + end]
}

fn data(html: &str) -> Value {
    serde_json::from_str(between(html, ISLAND, "</script>")).expect("the data block is JSON")
}

/// Standard base64 (RFC 4648), written here bit by bit.
fn base64(bytes: &[u8]) -> String {
    let alphabet: Vec<char> = ('A'..='Z')
        .chain('a'..='z')
        .chain('0'..='9')
        .chain(['+', '/'])
        .collect();
    let bits: String = bytes.iter().map(|b| format!("{b:08b}")).collect();
    let mut out: String = bits
        .as_bytes()
        .chunks(6)
        .map(|c| {
            let mut six = String::from_utf8(c.to_vec()).unwrap();
            while six.len() < 6 {
                six.push('0');
            }
            alphabet[usize::from_str_radix(&six, 2).unwrap()]
        })
        .collect();
    while !out.len().is_multiple_of(4) {
        out.push('=');
    }
    out
}

/// One `<g>` of the SVG: its id, class, title and the texts drawn in it.
#[derive(Debug, Default, Clone)]
struct Group {
    id: String,
    class: String,
    title: String,
    texts: Vec<String>,
    stroke_width: Option<String>,
}

/// The node and edge groups of the page's SVG, which must parse as XML.
fn groups(html: &str) -> Vec<Group> {
    use quick_xml::events::Event;
    let svg = between(html, "<main id=\"ng-canvas\">", "</main>");
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut out: Vec<Group> = Vec::new();
    let mut stack: Vec<Option<usize>> = Vec::new();
    let mut in_text: Option<String> = None;
    let mut in_title = false;
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> Option<String> {
        e.attributes()
            .map(|a| a.unwrap())
            .find(|a| a.key.into_inner() == name)
            .map(|a| crate::dotparse::entities(&a.value))
    };
    loop {
        match reader.read_event().expect("the SVG is well-formed XML") {
            Event::Start(e) => {
                let name = e.name().into_inner().to_string();
                let current = stack.iter().rev().find_map(|g| *g);
                if name == "g" {
                    let class = attr(&e, "class").unwrap_or_default();
                    if class == "node" || class == "edge" {
                        out.push(Group {
                            id: attr(&e, "id").unwrap_or_default(),
                            class,
                            ..Default::default()
                        });
                        stack.push(Some(out.len() - 1));
                        continue;
                    }
                }
                if name == "text" {
                    in_text = Some(String::new());
                }
                if name == "title" {
                    in_title = current.is_some();
                }
                stack.push(None);
            }
            Event::Empty(e) => {
                if e.name().into_inner() == "path"
                    && let Some(g) = stack.iter().rev().find_map(|g| *g)
                    && out[g].stroke_width.is_none()
                {
                    out[g].stroke_width = Some(attr(&e, "stroke-width").unwrap_or("1".into()));
                }
            }
            Event::Text(t) => {
                let text = crate::dotparse::entities(&t);
                if let Some(s) = in_text.as_mut() {
                    s.push_str(&text);
                } else if in_title && let Some(g) = stack.iter().rev().find_map(|g| *g) {
                    out[g].title.push_str(&text);
                }
            }
            Event::GeneralRef(r) => {
                let text = crate::dotparse::entities(&format!("&{};", &*r));
                if let Some(s) = in_text.as_mut() {
                    s.push_str(&text);
                } else if in_title && let Some(g) = stack.iter().rev().find_map(|g| *g) {
                    out[g].title.push_str(&text);
                }
            }
            Event::End(e) => {
                let name = e.name().into_inner().to_string();
                if name == "text"
                    && let Some(t) = in_text.take()
                    && let Some(g) = stack.iter().rev().find_map(|g| *g)
                {
                    out[g].texts.push(t);
                }
                if name == "title" {
                    in_title = false;
                }
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn network(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn base64_here_is_rfc_4648() {
    let cases = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (text, want) in cases {
        assert_eq!(base64(text.as_bytes()), want);
    }
}

#[test]
fn the_page_is_self_contained_and_allows_only_its_own_script() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let html = page(&dir, "peru.html", &[]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    // No address: the SVG namespaces are names, not fetched.
    let rest = html
        .replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
        .replace("xmlns:xlink=\"http://www.w3.org/1999/xlink\"", "");
    for banned in [
        "http:", "https:", "//", "src=", "href=", "<link", "<img", "<iframe", "<object", "<embed",
        "@import", "url(",
    ] {
        // `//` starts the script's comments: look for it outside the script only.
        let outside = rest.replace(between(&rest, "<script>", "</script>"), "");
        assert!(!outside.contains(banned), "{banned}");
    }
    assert_eq!(html.matches("<script").count(), 2);
    assert_eq!(html.matches("</script>").count(), 2);
    assert_eq!(html.matches(ISLAND).count(), 1);
    assert_eq!(html.matches("<style>").count(), 1);
    // The policy forbids everything but the page's own script and style sheet, by hash.
    let policy = between(
        &html,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"",
        "\">",
    );
    let script = between(&html, "<script>", "</script>");
    let style = between(&html, "<style>", "</style>");
    let hash = |text: &str| format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())));
    let rules: BTreeMap<&str, &str> = policy
        .split(';')
        .map(|r| r.trim().split_once(' ').unwrap())
        .collect();
    assert_eq!(rules["default-src"], "'none'");
    assert_eq!(rules["script-src"], hash(script));
    assert_eq!(rules["style-src"], hash(style));
    assert_eq!(rules["img-src"], "'none'");
    assert_eq!(rules["base-uri"], "'none'");
    assert_eq!(rules["form-action"], "'none'");
    // The policy comes before anything it governs.
    assert!(html.find("Content-Security-Policy").unwrap() < html.find("<style>").unwrap());
    // The script builds nothing from markup.
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!script.contains(sink), "{sink}");
    }
    // Same network, same options: same bytes.
    assert_eq!(page(&dir, "again.html", &[]), html);
}

#[test]
fn peru_data_matches_the_file_and_the_svg() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let html = page(&dir, "peru.html", &["--layer", "all"]);
    let d = data(&html);
    let net = network(&repo("graphs/peru.json"));
    let file_actors = net["actors"].as_array().unwrap();
    let file_flows = net["flows"].as_array().unwrap();
    let actors = d["actors"].as_array().unwrap();
    let flows = d["flows"].as_array().unwrap();
    assert_eq!(d["title"], net["name"]);
    assert_eq!(actors.len(), file_actors.len());
    assert_eq!(flows.len(), file_flows.len());
    let sources = |x: &Value| -> Vec<(String, String)> {
        x["sources"]
            .as_array()
            .map(|s| {
                s.iter()
                    .map(|s| {
                        (
                            s["doc"].as_str().unwrap().into(),
                            s["quote"].as_str().unwrap().into(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    for (a, want) in actors.iter().zip(file_actors) {
        assert_eq!(a["id"], want["id"]);
        assert_eq!(a["name"], want["name"]);
        assert_eq!(a["kind"], want["kind"]);
        assert_eq!(sources(a), sources(want));
        assert_eq!(a["fields"]["description"], want["description"]);
        assert_eq!(a["fields"]["country"], want["country"]);
    }
    for f in flows {
        let want = &file_flows[f["index"].as_u64().unwrap() as usize];
        let id = |k: &str| actors[f[k].as_u64().unwrap() as usize]["id"].clone();
        assert_eq!(
            (id("from"), id("to")),
            (want["from"].clone(), want["to"].clone())
        );
        assert_eq!(f["kind"], want["kind"]);
        assert_eq!(f["confidence"], want["confidence"]);
        assert_eq!(f["fields"]["note"], want["note"]);
        assert_eq!(sources(f), sources(want));
    }
    // Peru's documents section cites its first document by author and month.
    let first = &actors[0]["sources"][0];
    assert_eq!(first["cite"], "Ellis, Oct 2025");
    // Every actor and edge of the data is drawn by the SVG group of that id, titled by its ids.
    let drawn = groups(&html);
    let by_id: BTreeMap<&str, &Group> = drawn.iter().map(|g| (g.id.as_str(), g)).collect();
    for a in actors {
        let g = by_id[a["el"].as_str().unwrap()];
        assert_eq!(
            (g.class.as_str(), g.title.as_str()),
            ("node", a["id"].as_str().unwrap())
        );
    }
    let edges = d["edges"].as_array().unwrap();
    assert_eq!(edges.len(), file_flows.len());
    for e in edges {
        let g = by_id[e["el"].as_str().unwrap()];
        let id = |k: &str| {
            actors[e[k].as_u64().unwrap() as usize]["id"]
                .as_str()
                .unwrap()
        };
        assert_eq!(g.class, "edge");
        assert_eq!(g.title, format!("{}->{}", id("from"), id("to")));
        let kinds: Vec<&str> = e["flows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                flows[f.as_u64().unwrap() as usize]["kind"]
                    .as_str()
                    .unwrap()
            })
            .collect();
        assert_eq!(g.texts, kinds);
    }
    // Classes: every flow counted once, in legend order.
    let classes: Vec<(&str, u64)> = d["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), c["flows"].as_u64().unwrap()))
        .collect();
    let names: Vec<&str> = classes.iter().map(|c| c.0).collect();
    assert_eq!(names, ["illicit", "money", "asset", "enforcement", "tie"]);
    assert_eq!(classes.iter().map(|c| c.1).sum::<u64>(), 216);
}

#[test]
fn each_flow_names_the_layers_that_hold_it() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = data(&page(&dir, "peru.html", &["--layer", "all"]));
    let actors = d["actors"].as_array().unwrap();
    let layers: Vec<&str> = d["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    let net = network(&repo("graphs/peru.json"));
    let declared: Vec<&str> = net["kinds"]["layers"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(layers, declared);
    for (k, layer) in layers.iter().enumerate() {
        // The flows `netgraph dot --layer L` draws, as (from, to, kind), against those the page
        // puts in L.
        let r = run(&["dot", "--layer", layer]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let mut want: Vec<(String, String, String)> = crate::dotparse::Dot::parse(&r.stdout)
            .flows()
            .iter()
            .map(|(a, b, x)| (a.clone(), b.clone(), x["label"].clone()))
            .collect();
        let mut got: Vec<(String, String, String)> = d["flows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["layers"].as_array().unwrap().contains(&json!(k)))
            .map(|f| {
                let id = |e: &str| {
                    actors[f[e].as_u64().unwrap() as usize]["id"]
                        .as_str()
                        .unwrap()
                };
                (
                    id("from").into(),
                    id("to").into(),
                    f["kind"].as_str().unwrap().into(),
                )
            })
            .collect();
        want.sort();
        got.sort();
        assert!(!want.is_empty());
        assert_eq!(got, want, "layer {layer}");
    }
}

#[test]
fn the_list_holds_the_channels_of_netgraph_chains() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = data(&page(&dir, "peru.html", &[]));
    let r = run(&["chains", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let chains = json_of(&r);
    let net = network(&repo("graphs/peru.json"));
    let name = |id: &Value| -> String {
        let a = net["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| &a["id"] == id)
            .unwrap();
        a["name"].as_str().unwrap().to_string()
    };
    let list = &d["list"];
    assert_eq!(list["kind"], "channels");
    let items = list["items"].as_array().unwrap();
    let channels = chains["channels"].as_array().unwrap();
    assert_eq!(items.len(), channels.len());
    assert_eq!(items.len(), 14); // docs/findings.md
    assert!(
        list["title"]
            .as_str()
            .unwrap()
            .starts_with("14 laundering channels of 95 chains")
    );
    for (item, c) in items.iter().zip(channels) {
        let e = &c["entry"];
        assert_eq!(
            item["label"].as_str().unwrap(),
            format!(
                "{} → {}: {}",
                name(&e["from"]),
                name(&e["to"]),
                e["kind"].as_str().unwrap()
            )
        );
        let n = c["chains"].as_u64().unwrap();
        let plural = if n == 1 { "chain" } else { "chains" };
        assert!(
            item["detail"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{n} {plural} from "))
        );
        // The entry's actors are among those highlighted.
        let ids: BTreeSet<&str> = item["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                d["actors"][a.as_u64().unwrap() as usize]["id"]
                    .as_str()
                    .unwrap()
            })
            .collect();
        assert!(ids.contains(e["from"].as_str().unwrap()));
        assert!(ids.contains(e["to"].as_str().unwrap()));
        for o in c["origins"].as_array().unwrap() {
            assert!(ids.contains(o.as_str().unwrap()));
        }
    }
    // A network without criminal actors has no channel, and says so.
    let p = file(
        &dir,
        "p.json",
        &json!({"actors": [{"id": "a"}, {"id": "b"}], "flows": [{"from": "a", "to": "b", "kind": "cash"}]}),
    );
    let d = data(&page(&dir, "none.html", &[&p]));
    assert_eq!(d["list"]["items"], json!([]));
    assert_eq!(
        d["list"]["title"],
        "no laundering channel among the flows drawn"
    );
}

#[test]
fn highlighted_chains_are_the_list_and_the_bold_edges() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let html = page(
        &dir,
        "chains.html",
        &["--highlight-chains", "--chain-top", "3"],
    );
    let d = data(&html);
    let list = &d["list"];
    assert_eq!(list["kind"], "chains");
    assert!(
        list["title"]
            .as_str()
            .unwrap()
            .starts_with("the 3 best by evidence of 95")
    );
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    // The edges of the listed chains are exactly the edges drawn bold (5 pt, docs/rendering.md).
    let listed: BTreeSet<String> = items
        .iter()
        .flat_map(|i| i["edges"].as_array().unwrap().clone())
        .map(|k| {
            d["edges"][k.as_u64().unwrap() as usize]["el"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let bold: BTreeSet<String> = groups(&html)
        .into_iter()
        .filter(|g| g.class == "edge" && g.stroke_width.as_deref() == Some("5"))
        .map(|g| g.id)
        .collect();
    assert!(!listed.is_empty());
    assert_eq!(listed, bold);
    // Each chain's label names its actors in order, joined by arrows.
    for item in items {
        let names: Vec<&str> = item["label"].as_str().unwrap().split(" → ").collect();
        assert_eq!(names.len(), item["actors"].as_array().unwrap().len());
    }
}

#[test]
fn merged_edges_carry_every_flow() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir, "p.json", &parallel());
    let d = data(&page(&dir, "p.html", &[&p, "--merge"]));
    let flows: Vec<Vec<&str>> = d["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            e["flows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    d["flows"][f.as_u64().unwrap() as usize]["kind"]
                        .as_str()
                        .unwrap()
                })
                .collect()
        })
        .collect();
    assert_eq!(
        flows,
        [vec!["gold", "cash", "gold"], vec!["cash"], vec!["arrest"]]
    );
    // Confidence: as written, or 1 and marked as not stated.
    let conf: Vec<(f64, bool)> = d["flows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["confidence"].as_f64().unwrap(),
                f["stated"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        conf,
        [
            (1.0, false),
            (1.0, false),
            (1.0, false),
            (0.5, true),
            (0.4, true)
        ]
    );
}

#[test]
fn hostile_labels_are_escaped_in_the_page() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut net = hostile();
    let tricks = [
        ("s1", "</script><script>alert(1)</script>"),
        ("s2", "<img src=x onerror=alert(2)>"),
        ("s3", "<!-- -->\u{2028}<![CDATA[ ]]>\u{2029}end"),
    ];
    for (id, name) in tricks {
        net["actors"].as_array_mut().unwrap().push(json!({
            "id": id, "name": name,
            "sources": [{"doc": "d.txt", "quote": name}]
        }));
    }
    net["name"] = json!("</title><script>alert(3)</script>");
    let p = file(&dir, "hostile.json", &net);
    let html = page(&dir, "h.html", &[&p, "--wrap", "0"]);
    // Only the page's own tags: two scripts, one style, one title; no element made of a label.
    assert_eq!(html.matches("<script").count(), 2);
    assert_eq!(html.matches("</script").count(), 2);
    let head = between(&html, "<head>", "</head>");
    assert_eq!(head.matches("<title>").count(), 1);
    assert_eq!(head.matches("</title>").count(), 1);
    assert!(!html.contains("<img"));
    assert!(!html.contains("<!--"));
    assert!(!html.contains("<![CDATA["));
    assert!(html.contains("<title>&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;</title>"));
    let island = between(&html, ISLAND, "</script>");
    for c in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
        assert!(!island.contains(c), "{c:?} in the data block");
    }
    // The data holds every name exactly as written.
    let d = data(&html);
    let names: Vec<&str> = d["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = net["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, want);
    assert_eq!(d["title"], net["name"]);
    let quotes: Vec<&str> = d["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["sources"][0]["quote"].as_str())
        .collect();
    assert_eq!(quotes, tricks.map(|t| t.1));
    // The SVG parses as XML and draws every name as written (line separators break lines).
    let drawn: Vec<String> = groups(&html)
        .into_iter()
        .filter(|g| g.class == "node" && !g.title.starts_with("legend:"))
        .map(|g| g.texts.join("\n"))
        .collect();
    let want: Vec<String> = want
        .iter()
        .map(|n| n.replace(['\u{2028}', '\u{2029}'], "\n"))
        .collect();
    assert_eq!(drawn, want);
}

#[test]
fn page_mistakes_and_limits() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(&["render", "-o", dir.path().join("x.jpg").to_str().unwrap()]);
    assert_usage_error(&r, &[".svg, .png, .pdf or .html"]);
    // The layout limits apply to the page as to any picture, before Graphviz runs.
    let mut text = String::from("source,target\n");
    for i in 0..1200 {
        text.push_str(&format!("a{},a{}\n", i % 600, (i * 7 + 1) % 600));
    }
    let net = write(dir.path(), "big.csv", &text);
    let out = dir.path().join("big.html");
    let r = run(&["render", net.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_user_error(&r, &["604 nodes and 1202 edges", "--force", "sfdp"]);
    assert!(!out.exists());
}
