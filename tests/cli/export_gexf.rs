//! GEXF output: every shipped network, a hostile one and random ones are written, checked against
//! the GEXF 1.3 schema's structure (element order, required attributes, attribute types, references)
//! by an independent walk with quick-xml, and read back equal up to what GEXF cannot express — the
//! losses docs/format.md lists, applied here to the original by hand.

use crate::common::*;
use netgraph_core::io::{self, GraphSource, ReadOptions};
use netgraph_core::model::Network;
use proptest::prelude::*;
use quick_xml::events::{BytesStart, Event};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};

fn load(path: &str) -> Network {
    io::load(
        &GraphSource::File(repo(path).into()),
        &ReadOptions::default(),
    )
    .unwrap()
}

fn attrs(e: &BytesStart) -> HashMap<String, String> {
    e.attributes()
        .map(|a| {
            let a = a.unwrap();
            let key = String::from_utf8_lossy(a.key.as_ref().as_bytes()).into_owned();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .unwrap()
                .into_owned();
            (key, value)
        })
        .collect()
}

/// The GEXF 1.3 attribute types (gexf.xsd, attrtype-type).
const TYPES: [&str; 23] = [
    "integer",
    "long",
    "double",
    "float",
    "boolean",
    "bigdecimal",
    "biginteger",
    "byte",
    "char",
    "short",
    "liststring",
    "listboolean",
    "listinteger",
    "listlong",
    "listfloat",
    "listdouble",
    "listbyte",
    "listshort",
    "listbigdecimal",
    "listbiginteger",
    "listchar",
    "string",
    "anyURI",
];

fn fits(value: &str, ty: &str) -> bool {
    match ty {
        "long" | "integer" => value.parse::<i64>().is_ok(),
        "double" | "float" => value.parse::<f64>().is_ok(),
        "boolean" => matches!(value, "true" | "false" | "1" | "0"),
        _ => true,
    }
}

/// Checks the structure GEXF 1.3's schema requires, and that the counts match the network.
fn check_structure(text: &str, actors: usize, flows: usize) {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<String> = Vec::new();
    // Children of <gexf> and <graph> in the order met, to check the schema's sequences.
    let (mut top, mut in_graph) = (Vec::new(), Vec::new());
    let mut declared: HashMap<(String, String), String> = HashMap::new();
    let mut class = String::new();
    let (mut nodes, mut edges) = (Vec::<String>::new(), 0usize);
    let mut edge_ends = Vec::new();
    let (mut edge_ids, mut counts) = (HashSet::new(), HashMap::new());
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let (e, empty) = match &event {
            Event::Start(e) => (e.clone(), false),
            Event::Empty(e) => (e.clone(), true),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            Event::Eof => break,
            Event::Text(t) => {
                assert!(
                    t.xml10_content().trim().is_empty()
                        || stack
                            .last()
                            .is_some_and(|p| p == "description" || p == "creator")
                );
                continue;
            }
            _ => continue,
        };
        let name = String::from_utf8_lossy(e.local_name().as_ref().as_bytes()).into_owned();
        let a = attrs(&e);
        let parent = stack.last().cloned().unwrap_or_default();
        match (parent.as_str(), name.as_str()) {
            ("", "gexf") => {
                assert_eq!(a["xmlns"], "http://gexf.net/1.3");
                assert_eq!(a["version"], "1.3");
            }
            ("gexf", "meta" | "graph") => top.push(name.clone()),
            ("meta", "creator" | "description" | "keywords") => {}
            ("graph", "attributes" | "nodes" | "edges") => {
                in_graph.push(name.clone());
                if name == "attributes" {
                    class = a["class"].clone();
                    assert!(class == "node" || class == "edge");
                } else {
                    counts.insert(name.clone(), a["count"].parse::<usize>().unwrap());
                }
            }
            ("attributes", "attribute") => {
                assert!(a.contains_key("title"), "title is required");
                assert!(TYPES.contains(&a["type"].as_str()), "type {}", a["type"]);
                let old = declared.insert((class.clone(), a["id"].clone()), a["type"].clone());
                assert!(old.is_none(), "attribute ids are unique per class");
            }
            ("nodes", "node") => {
                class = "node".into();
                nodes.push(a["id"].clone());
            }
            ("edges", "edge") => {
                class = "edge".into();
                edges += 1;
                edge_ends.push((a["source"].clone(), a["target"].clone()));
                assert!(edge_ids.insert(a["id"].clone()), "edge ids are unique");
                if let Some(w) = a.get("weight") {
                    assert!(w.parse::<f64>().is_ok_and(f64::is_finite), "weight {w}");
                }
            }
            ("node" | "edge", "attvalues") => {}
            ("attvalues", "attvalue") => {
                let ty = declared
                    .get(&(class.clone(), a["for"].clone()))
                    .unwrap_or_else(|| panic!("attvalue for an undeclared {class} attribute"));
                assert!(fits(&a["value"], ty), "{:?} is not a {ty}", a["value"]);
            }
            (p, n) => panic!("<{n}> inside <{p}> is not GEXF 1.3"),
        }
        if !empty {
            stack.push(name);
        }
    }
    assert!(top == ["graph"] || top == ["meta", "graph"], "{top:?}");
    let n = in_graph.len();
    assert!(
        n >= 2 && in_graph[n - 2..] == ["nodes", "edges"],
        "{in_graph:?}"
    );
    assert!(in_graph[..n - 2].iter().all(|x| x == "attributes"));
    assert_eq!((nodes.len(), edges), (actors, flows));
    assert_eq!((counts["nodes"], counts["edges"]), (actors, flows));
    let ids: HashSet<&String> = nodes.iter().collect();
    assert_eq!(ids.len(), nodes.len(), "node ids are unique");
    for (s, t) in &edge_ends {
        assert!(
            ids.contains(s) && ids.contains(t),
            "edge {s} -> {t} names a node"
        );
    }
}

/// The type a field gets when every value of it is written under one declaration.
fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() => "long",
        Value::Number(_) => "double",
        _ => "string",
    }
}

/// What GEXF can express of a list of actors or flows written as JSON (docs/format.md): values
/// that are null, empty or white space vanish; lists and objects become their JSON text; a field
/// whose values have different types (other than whole and fractional numbers) becomes text.
fn expressible_items(items: &mut [Value], fixed: &[&str]) {
    let mut types: BTreeMap<String, HashSet<&'static str>> = BTreeMap::new();
    for item in items.iter_mut() {
        let m = item.as_object_mut().unwrap();
        m.retain(|k, v| {
            fixed.contains(&k.as_str())
                || !(v.is_null() || v.as_str().is_some_and(|s| s.trim().is_empty()))
        });
        for (k, v) in m.iter_mut() {
            if fixed.contains(&k.as_str()) {
                continue;
            }
            if v.is_array() || v.is_object() {
                *v = Value::String(v.to_string());
            }
            types.entry(k.clone()).or_default().insert(kind_of(v));
        }
    }
    for (field, tys) in types {
        let numbers = tys.iter().all(|t| *t == "long" || *t == "double");
        if tys.len() > 1 && !numbers {
            for item in items.iter_mut() {
                if let Some(v) = item.get_mut(&field)
                    && !v.is_string()
                {
                    *v = Value::String(v.to_string());
                }
            }
        }
    }
}

/// The network as GEXF can carry it, as JSON: name and direction, actors (a missing name becomes
/// the id, the label GEXF always has) and flows; not the kinds section or other network fields.
fn expressible(net: &Network) -> Value {
    let mut v: Value = serde_json::from_str(&io::json::to_string(net)).unwrap();
    let mut actors = v["actors"].as_array().cloned().unwrap_or_default();
    for a in &mut actors {
        if a.get("name").is_none() {
            a["name"] = a["id"].clone();
        }
    }
    expressible_items(&mut actors, &["id", "name", "sources"]);
    let mut flows = v["flows"].as_array().cloned().unwrap_or_default();
    expressible_items(&mut flows, &["from", "to", "kind", "weight", "sources"]);
    let mut out = Map::new();
    if let Some(name) = v
        .get_mut("name")
        .filter(|n| n.as_str().is_some_and(|s| !s.trim().is_empty()))
    {
        out.insert("name".into(), name.take());
    }
    out.insert("directed".into(), json!(net.is_directed()));
    out.insert("actors".into(), Value::Array(actors));
    out.insert("flows".into(), Value::Array(flows));
    Value::Object(out)
}

fn round_trip(net: &Network, what: &str) {
    let text = io::gexf::to_string(net).unwrap();
    check_structure(&text, net.actor_count(), net.flow_count());
    let back = io::gexf::parse_str(&text, "back.gexf").unwrap();
    let got: Value = serde_json::from_str(&io::json::to_string(&back)).unwrap();
    assert_eq!(got, expressible(net), "{what}: GEXF round trip");
}

#[test]
fn shipped_networks_round_trip_through_gexf() {
    for file in [
        "graphs/peru.json",
        "graphs/caviar.json",
        "graphs/montagna-meetings.json",
        "graphs/montagna-phone.json",
    ] {
        round_trip(&load(file), file);
    }
}

#[test]
fn a_hostile_network_round_trips_through_gexf() {
    let net = load("tests/fixtures/hostile.json");
    round_trip(&net, "hostile");
    // The losses are the documented ones, and only those: spot-check them.
    let back = io::gexf::parse_str(&io::gexf::to_string(&net).unwrap(), "b.gexf").unwrap();
    assert_eq!(back.name.as_deref(), Some("Hostile <net> & \"co\""));
    assert_eq!(
        back.actors[1].name, net.actors[1].name,
        "tabs and line breaks kept"
    );
    assert_eq!(
        back.actors[2].name.as_deref(),
        Some("café-日本"),
        "no name: the id"
    );
    assert_eq!(
        back.actors[0].extra()["rank"],
        "1",
        "a mixed field becomes text"
    );
    assert_eq!(
        back.actors[0].extra()["big"],
        9007199254740993i64,
        "long integers exact"
    );
    assert!(
        !back.actors[2].extra().contains_key("memo"),
        "empty text vanishes"
    );
    assert!(
        back.kinds.flows.is_empty() && back.extra.is_empty(),
        "no network fields"
    );
    for (a, b) in back.flows().zip(net.flows()) {
        assert_eq!(a.weight().map(f64::to_bits), b.weight().map(f64::to_bits));
        assert_eq!(a.volume().map(f64::to_bits), b.volume().map(f64::to_bits));
    }
}

#[test]
fn an_undirected_network_says_so() {
    let net = load("graphs/montagna-phone.json");
    let text = io::gexf::to_string(&net).unwrap();
    assert!(text.contains("defaultedgetype=\"undirected\""));
}

#[test]
fn a_character_xml_cannot_hold_is_a_user_error_naming_the_actor() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "c.json",
        r#"{"actors": [{"id": "a", "name": "bell\u0007"}, {"id": "b"}], "flows": []}"#,
    );
    let out = dir.path().join("c.gexf");
    let r = run(&["convert", input.to_str().unwrap(), out.to_str().unwrap()]);
    assert_user_error(&r, &["actor \"a\"", "name", "U+0007"]);
    assert!(!out.exists(), "no file written");
}

#[test]
fn convert_writes_gexf_that_netgraph_reads() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("peru.gexf");
    let r = run(&["convert", &repo("graphs/peru.json"), out.to_str().unwrap()]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    let info = run(&["info", out.to_str().unwrap(), "--format", "json"]);
    let v: Value = serde_json::from_str(&info.stdout).unwrap();
    assert_eq!(
        (v["actors"].as_u64(), v["flows"].as_u64()),
        (Some(110), Some(216))
    );
}

/// Text with the characters that need escaping, white space of every kind, and non-ASCII.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-z<>&\"' \t\n\réΩ日;-]{0,10}").unwrap()
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        text().prop_map(Value::from),
    ]
}

fn network() -> impl Strategy<Value = Value> {
    let actor = (text(), proptest::option::of(text()), value(), value());
    let flow = (
        0..6usize,
        0..6usize,
        proptest::option::of(-1e6f64..1e6),
        value(),
    );
    (
        proptest::collection::vec(actor, 1..6),
        proptest::collection::vec(flow, 0..8),
        any::<bool>(),
    )
        .prop_map(|(actors, flows, directed)| {
            let n = actors.len();
            let actors: Vec<Value> = actors
                .into_iter()
                .enumerate()
                .map(|(i, (id, name, x, y))| {
                    let mut a = json!({"id": format!("{}#{i}", id.replace(['\t', '\n', '\r'], "_")), "x": x, "y": y});
                    if let Some(name) = name {
                        a["name"] = json!(name);
                    }
                    a
                })
                .collect();
            let flows: Vec<Value> = flows
                .into_iter()
                .map(|(s, t, w, z)| {
                    let mut f = json!({"from": actors[s % n]["id"], "to": actors[t % n]["id"], "kind": "cash", "z": z});
                    if let Some(w) = w {
                        f["weight"] = json!(w);
                    }
                    f
                })
                .collect();
            json!({"directed": directed, "actors": actors, "flows": flows})
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_networks_round_trip_through_gexf(v in network()) {
        let net = io::json::parse_str(&v.to_string(), "p.json").unwrap();
        round_trip(&net, "random");
    }
}
