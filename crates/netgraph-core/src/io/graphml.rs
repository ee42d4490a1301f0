//! GraphML (<http://graphml.graphdrawing.org/>), as written by Gephi, yEd, igraph, NetworkX and
//! UCINET: `<key>` declarations with `attr.name`/`attr.type` and defaults, `<graph edgedefault>`,
//! `<node id>` and `<edge source target>` with `<data key>` values.
//!
//! Data keys named like netgraph's fields fill those fields (`name` or `label`, `kind`, `country`,
//! `region` on nodes; `kind`, `weight`, `volume`, `confidence`, `unit`, `since`, `until` on edges;
//! `sources` as a JSON list); every other key becomes an extra field with its declared type. The
//! writer does the reverse, so `convert net.json net.graphml` keeps every field, sources included.

use super::LoadError;
use super::xml::{self, Doc};
use crate::model::reserved;
use crate::model::{Actor, Documents, Flow, KindsSection, Network};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// What a `<key>` declares.
#[derive(Debug, Clone)]
struct Key {
    /// `node`, `edge`, `graph` or `all`.
    domain: String,
    /// The attribute name (`attr.name`, else the key's id).
    name: String,
    /// The declared type (`string` when missing).
    ty: String,
    /// The default value's text.
    default: Option<String>,
}

/// The element whose `<data>` is being read.
enum Owner {
    Graph,
    Node(Actor),
    Edge(Box<Flow>),
}

/// Parses GraphML text; `file` names it in errors.
pub fn parse_str(text: &str, file: &str) -> Result<Network, LoadError> {
    let doc = Doc { file, text };
    let mut reader = Reader::from_str(text);
    let mut net = Network::new();
    let mut keys: HashMap<String, Key> = HashMap::new();
    let mut key_open: Option<String> = None;
    let mut owners: Vec<Owner> = Vec::new();
    let mut data: Option<(String, String, u64)> = None;
    let mut in_default = false;
    let mut depth_graph = 0usize;
    loop {
        let (at, event) = xml::next_event(&mut reader, &doc)?;
        let here = |m: String| doc.error(at, m);
        if let Some((e, empty)) = xml::opening(&event) {
            match xml::name(e).as_str() {
                "key" => {
                    let id =
                        attr(e, "id", &doc, at)?.ok_or_else(|| here("<key> needs an id".into()))?;
                    let key = Key {
                        domain: attr(e, "for", &doc, at)?.unwrap_or_else(|| "all".into()),
                        name: attr(e, "attr.name", &doc, at)?.unwrap_or_else(|| id.clone()),
                        ty: attr(e, "attr.type", &doc, at)?.unwrap_or_else(|| "string".into()),
                        default: None,
                    };
                    keys.insert(id.clone(), key);
                    if !empty {
                        key_open = Some(id);
                    }
                }
                "default" if key_open.is_some() => in_default = !empty,
                "graph" => {
                    depth_graph += 1;
                    if depth_graph > 1 {
                        return Err(here("nested graphs are not supported".into()));
                    }
                    let directed = attr(e, "edgedefault", &doc, at)?;
                    net.directed = Some(directed.as_deref() != Some("undirected"));
                    if let Some(id) = attr(e, "id", &doc, at)? {
                        net.name.get_or_insert(id);
                    }
                    if !empty {
                        owners.push(Owner::Graph);
                    }
                }
                "node" => {
                    let id = attr(e, "id", &doc, at)?
                        .ok_or_else(|| here("<node> needs an id".into()))?;
                    let actor = Actor::new(id);
                    if empty {
                        finish(&mut net, Owner::Node(actor), &keys, &doc, at)?;
                    } else {
                        owners.push(Owner::Node(actor));
                    }
                }
                "edge" => {
                    let from = attr(e, "source", &doc, at)?
                        .ok_or_else(|| here("<edge> needs a source".into()))?;
                    let to = attr(e, "target", &doc, at)?
                        .ok_or_else(|| here("<edge> needs a target".into()))?;
                    let flow = Flow::new(from, to);
                    if empty {
                        finish(&mut net, Owner::Edge(Box::new(flow)), &keys, &doc, at)?;
                    } else {
                        owners.push(Owner::Edge(Box::new(flow)));
                    }
                }
                "data" if !empty => {
                    let key = attr(e, "key", &doc, at)?
                        .ok_or_else(|| here("<data> needs a key".into()))?;
                    data = Some((key, String::new(), at));
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Text(t) => {
                let piece = t.xml10_content();
                if let Some((_, buf, _)) = data.as_mut() {
                    buf.push_str(&piece);
                } else if in_default {
                    push_default(&mut keys, &key_open, &piece);
                }
            }
            Event::CData(c) => {
                let piece = c.xml10_content().into_owned();
                if let Some((_, buf, _)) = data.as_mut() {
                    buf.push_str(&piece);
                }
            }
            Event::GeneralRef(r) => {
                let piece = xml::reference(&r).map_err(here)?;
                if let Some((_, buf, _)) = data.as_mut() {
                    buf.push_str(&piece);
                } else if in_default {
                    push_default(&mut keys, &key_open, &piece);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "key" => key_open = None,
                "default" => in_default = false,
                "data" => {
                    if let Some((key, value, pos)) = data.take() {
                        let owner = owners.last_mut().ok_or_else(|| {
                            doc.error(pos, "<data> outside a node, edge or graph")
                        })?;
                        set(owner, &keys, &key, &value, &mut net).map_err(|m| doc.error(pos, m))?;
                    }
                }
                "node" | "edge" => {
                    if let Some(owner) = owners.pop() {
                        finish(&mut net, owner, &keys, &doc, at)?;
                    }
                }
                "graph" => {
                    owners.pop();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if depth_graph == 0 {
        return Err(doc.error(0, "no <graph> element: not a GraphML file"));
    }
    Ok(net)
}

fn attr(e: &BytesStart, name: &str, doc: &Doc, at: u64) -> Result<Option<String>, LoadError> {
    xml::attribute(e, name).map_err(|m| doc.error(at, m))
}

fn push_default(keys: &mut HashMap<String, Key>, open: &Option<String>, piece: &str) {
    if let Some(k) = open.as_ref().and_then(|id| keys.get_mut(id)) {
        k.default.get_or_insert_with(String::new).push_str(piece);
    }
}

/// Applies one `<data>` value to its owner.
fn set(
    owner: &mut Owner,
    keys: &HashMap<String, Key>,
    key: &str,
    text: &str,
    net: &mut Network,
) -> Result<(), String> {
    let k = keys
        .get(key)
        .ok_or_else(|| format!("<data key=\"{key}\"> uses an undeclared key"))?;
    let Some(value) = xml::typed(text, &k.ty).map_err(|m| format!("{}: {m}", k.name))? else {
        return Ok(());
    };
    match owner {
        Owner::Graph => {
            if k.name == "name" {
                net.name = Some(text.to_string());
            } else if let Some(kinds) = (k.name == "kinds")
                .then(|| serde_json::from_str::<KindsSection>(text).ok())
                .flatten()
            {
                net.kinds = kinds;
            } else if let Some(documents) = (k.name == "documents")
                .then(|| serde_json::from_str::<Documents>(text).ok())
                .flatten()
            {
                net.documents = documents;
            } else {
                let name = reserved::extra_name(reserved::Owner::Network, &k.name);
                net.extra.insert(name, value);
            }
            Ok(())
        }
        Owner::Node(a) => xml::set_actor_field(a, &k.name, value),
        Owner::Edge(f) => xml::set_flow_field(f, &k.name, value),
    }
}

/// Adds a finished node or edge, with the defaults of keys it did not set.
fn finish(
    net: &mut Network,
    owner: Owner,
    keys: &HashMap<String, Key>,
    doc: &Doc,
    at: u64,
) -> Result<(), LoadError> {
    let mut ordered: Vec<(&String, &Key)> = keys.iter().collect();
    ordered.sort_by_key(|(id, _)| id.as_str());
    match owner {
        Owner::Node(mut a) => {
            for (_, k) in ordered.iter().filter(|(_, k)| applies(k, "node")) {
                if let Some(d) = &k.default
                    && !xml::actor_has(&a, &k.name)
                    && let Some(v) = xml::typed(d, &k.ty).map_err(|m| doc.error(at, m))?
                {
                    xml::set_actor_field(&mut a, &k.name, v).map_err(|m| doc.error(at, m))?;
                }
            }
            net.push_actor(a).map_err(|m| doc.error(at, m))?;
        }
        Owner::Edge(mut f) => {
            for (_, k) in ordered.iter().filter(|(_, k)| applies(k, "edge")) {
                if let Some(d) = &k.default
                    && !xml::flow_has(&f, &k.name)
                    && let Some(v) = xml::typed(d, &k.ty).map_err(|m| doc.error(at, m))?
                {
                    xml::set_flow_field(&mut f, &k.name, v).map_err(|m| doc.error(at, m))?;
                }
            }
            net.push_flow(&f);
        }
        Owner::Graph => {}
    }
    Ok(())
}

fn applies(k: &Key, domain: &str) -> bool {
    k.domain == domain || k.domain == "all"
}

/// The GraphML type of a JSON value.
fn type_of(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "long",
        Value::Number(_) => "double",
        _ => "string",
    }
}

/// Writes a network as GraphML: one key per field found, sources as a JSON string. Null and blank
/// values are left out (they read back as no value); a text holding a character XML 1.0 cannot
/// represent (e.g. U+0001) is an error naming the actor or flow.
pub fn to_string(net: &Network) -> Result<String, xml::XmlCharError> {
    let actors: Vec<serde_json::Map<String, Value>> = net
        .actors
        .iter()
        .map(|a| xml::without_blanks(fields(a)))
        .collect();
    let flows: Vec<serde_json::Map<String, Value>> = net
        .flows()
        .map(|f| xml::without_blanks(fields(&f.to_flow())))
        .collect();
    // The network's own fields: its name, its kinds and documents sections (JSON strings, so that
    // declared classes and document entries survive the round trip) and the fields the format
    // does not define.
    let mut graph = serde_json::Map::new();
    if let Some(name) = &net.name {
        graph.insert("name".into(), Value::String(name.clone()));
    }
    if net.kinds != KindsSection::default() {
        let kinds = serde_json::to_string(&net.kinds).unwrap_or_default();
        graph.insert("kinds".into(), Value::String(kinds));
    }
    if !net.documents.is_empty() {
        let documents = serde_json::to_string(&net.documents).unwrap_or_default();
        graph.insert("documents".into(), Value::String(documents));
    }
    for (k, v) in &net.extra {
        let v = match v {
            Value::Array(_) | Value::Object(_) => Value::String(v.to_string()),
            other => other.clone(),
        };
        graph.entry(k.clone()).or_insert(v);
    }
    let graph = [xml::without_blanks(graph)];
    check_text(&graph[0], || "the network".into())?;
    for (a, m) in net.actors.iter().zip(&actors) {
        check_text(m, || format!("actor \"{}\"", a.id))?;
    }
    for (f, m) in net.flows().zip(&flows) {
        check_text(m, || format!("flows[{}] ({})", f.index(), f.label()))?;
    }
    let node_keys = key_types(&actors, &["id"]);
    let edge_keys = key_types(&flows, &["from", "to"]);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
    );
    let graph_keys = key_types(&graph, &[]);
    for (prefix, domain, keys) in [
        ("g", "graph", &graph_keys),
        ("n", "node", &node_keys),
        ("e", "edge", &edge_keys),
    ] {
        for (name, ty) in keys {
            let _ = writeln!(
                out,
                "  <key id=\"{prefix}_{}\" for=\"{domain}\" attr.name=\"{}\" attr.type=\"{ty}\"/>",
                esc(name),
                esc(name)
            );
        }
    }
    let edgedefault = if net.is_directed() {
        "directed"
    } else {
        "undirected"
    };
    let _ = writeln!(out, "  <graph edgedefault=\"{edgedefault}\">");
    write_data(&mut out, "g", &graph[0], &[]);
    for (a, f) in net.actors.iter().zip(&actors) {
        let _ = writeln!(out, "    <node id=\"{}\">", esc(&a.id));
        write_data(&mut out, "n", f, &["id"]);
        out.push_str("    </node>\n");
    }
    for (fl, f) in net.flows().zip(&flows) {
        let _ = writeln!(
            out,
            "    <edge source=\"{}\" target=\"{}\">",
            esc(fl.from()),
            esc(fl.to())
        );
        write_data(&mut out, "e", f, &["from", "to"]);
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    Ok(out)
}

/// Fails on a field name or text value holding a character XML cannot represent.
fn check_text(
    m: &serde_json::Map<String, Value>,
    whose: impl Fn() -> String,
) -> Result<(), xml::XmlCharError> {
    for (k, v) in m {
        xml::esc(k, || (whose(), "a field name".into()))?;
        if let Value::String(text) = v {
            xml::esc(text, || (whose(), k.clone()))?;
        }
    }
    Ok(())
}

/// An actor's or flow's fields as JSON, sources as a JSON string.
pub(super) fn fields<T: serde::Serialize>(item: &T) -> serde_json::Map<String, Value> {
    let mut m = match serde_json::to_value(item) {
        Ok(Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    };
    for v in m.values_mut() {
        if matches!(v, Value::Array(_) | Value::Object(_)) {
            *v = Value::String(v.to_string());
        }
    }
    m
}

/// Every field name found, with one type (string when values disagree).
pub(super) fn key_types<'a>(
    items: &'a [serde_json::Map<String, Value>],
    skip: &[&str],
) -> BTreeMap<&'a str, &'static str> {
    let mut keys: BTreeMap<&str, &'static str> = BTreeMap::new();
    for m in items {
        for (k, v) in m {
            if skip.contains(&k.as_str()) || v.is_null() {
                continue;
            }
            let ty = type_of(v);
            keys.entry(k)
                .and_modify(|t| {
                    if *t != ty {
                        *t = if matches!((*t, ty), ("long", "double") | ("double", "long")) {
                            "double"
                        } else {
                            "string"
                        };
                    }
                })
                .or_insert(ty);
        }
    }
    keys
}

fn write_data(out: &mut String, prefix: &str, m: &serde_json::Map<String, Value>, skip: &[&str]) {
    for (k, v) in m {
        if skip.contains(&k.as_str()) || v.is_null() {
            continue;
        }
        let text = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let _ = writeln!(
            out,
            "      <data key=\"{prefix}_{}\">{}</data>",
            esc(k),
            esc(&text)
        );
    }
}

fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="label" attr.type="string"/>
  <key id="d1" for="node" attr.name="kind" attr.type="string"><default>gang</default></key>
  <key id="d2" for="edge" attr.name="weight" attr.type="double"><default>1.5</default></key>
  <key id="d3" for="edge" attr.name="phase" attr.type="int"/>
  <key id="d4" for="node" attr.name="boss" attr.type="boolean"/>
  <graph id="g" edgedefault="undirected">
    <node id="a"><data key="d0">Clan &amp; Co</data><data key="d1">family-clan</data></node>
    <node id="b"><data key="d4">true</data></node>
    <node id="c"/>
    <edge source="a" target="b"><data key="d2">2</data><data key="d3">3</data></edge>
    <edge source="b" target="c"/>
  </graph>
</graphml>"#;

    #[test]
    fn a_confidence_default_applies_to_edges_without_one() {
        let text = SAMPLE
            .replace(
                "<key id=\"d3\"",
                "<key id=\"d5\" for=\"edge\" attr.name=\"confidence\" attr.type=\"double\"><default>0.5</default></key>\n  <key id=\"d3\"",
            )
            .replace("<data key=\"d3\">3</data>", "<data key=\"d3\">3</data><data key=\"d5\">0.9</data>");
        let net = parse_str(&text, "c.graphml").unwrap();
        assert_eq!(net.flow(0).stated_confidence(), Some(0.9));
        assert_eq!(net.flow(1).stated_confidence(), Some(0.5));
    }

    #[test]
    fn reads_keys_defaults_types_and_entities() {
        let net = parse_str(SAMPLE, "s.graphml").unwrap();
        assert!(!net.is_directed());
        assert_eq!(net.actors.len(), 3);
        assert_eq!(net.actors[0].name.as_deref(), Some("Clan & Co"));
        assert_eq!(net.actors[0].kind.as_deref(), Some("family-clan"));
        assert_eq!(
            net.actors[1].kind.as_deref(),
            Some("gang"),
            "default applies"
        );
        assert_eq!(net.actors[1].extra()["boss"], true);
        assert_eq!(net.flow(0).weight(), Some(2.0));
        assert_eq!(net.flow(0).extra()["phase"], 3);
        assert_eq!(net.flow(1).weight(), Some(1.5), "default applies");
    }

    #[test]
    fn errors_give_line_and_column() {
        let bad = SAMPLE.replace("<data key=\"d2\">2</data>", "<data key=\"d2\">heavy</data>");
        let msg = parse_str(&bad, "s.graphml").unwrap_err().to_string();
        assert!(msg.starts_with("s.graphml: line 12, column"), "{msg}");
        assert!(msg.contains("weight: \"heavy\" is not a double"), "{msg}");
        let msg = parse_str("<graphml><graph><node id=\"a\"></graph>", "t.graphml")
            .unwrap_err()
            .to_string();
        assert!(msg.contains("malformed XML"), "{msg}");
        let msg = parse_str("<graphml></graphml>", "t.graphml")
            .unwrap_err()
            .to_string();
        assert!(msg.contains("no <graph>"), "{msg}");
        let undeclared = SAMPLE.replace("key=\"d3\">3", "key=\"zz\">3");
        let msg = parse_str(&undeclared, "s.graphml").unwrap_err().to_string();
        assert!(msg.contains("undeclared key"), "{msg}");
    }

    #[test]
    fn blank_values_do_not_type_a_field_and_control_characters_are_refused() {
        let mut net = Network::new();
        net.actors = vec![Actor::new("a"), Actor::new("b")];
        let mut f = Flow::new("a", "b");
        f.extra.insert("phase".into(), Value::from(""));
        let mut g = Flow::new("b", "a");
        g.extra.insert("phase".into(), Value::from(2));
        net.set_flows([f, g]);
        let text = to_string(&net).unwrap();
        assert!(
            text.contains("attr.name=\"phase\" attr.type=\"long\""),
            "{text}"
        );
        let again = parse_str(&text, "w.graphml").unwrap();
        assert_eq!(again.flow(1).extra()["phase"], 2);
        assert!(again.flow(0).extra().get("phase").is_none());
        net.actors[1].name = Some("bell\u{7}".into());
        let err = to_string(&net).unwrap_err().to_string();
        assert!(
            err.contains("actor \"b\"") && err.contains("U+0007"),
            "{err}"
        );
    }

    #[test]
    fn writes_what_it_reads() {
        let mut net = parse_str(SAMPLE, "s.graphml").unwrap();
        net.edit_flow(0, |f| {
            f.sources = vec![crate::model::Source {
                doc: "d.txt".into(),
                quote: "a <quote> & \"more\"".into(),
                extra: Default::default(),
            }]
        });
        net.name = Some("g".into());
        let again = parse_str(&to_string(&net).unwrap(), "w.graphml").unwrap();
        assert_eq!(again.actors, net.actors);
        assert_eq!(again, net);
        assert_eq!(again.directed, net.directed);
        assert_eq!(again.name, net.name);
    }
}
