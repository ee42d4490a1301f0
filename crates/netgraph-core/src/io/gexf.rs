//! GEXF (<https://gexf.net>), Gephi's format: `<graph defaultedgetype>`, `<attributes class>` with
//! typed `<attribute id title type>` and defaults, `<node id label>` and `<edge source target weight
//! kind label>` with `<attvalue for value>`.
//!
//! A node's `label` becomes the actor's name; an edge's `weight` its weight and its `kind` (GEXF 1.2)
//! its kind. Attributes named like netgraph's fields fill those fields; others become extra fields
//! with their declared type. The `<meta><description>` becomes the network's name (netgraph's GEXF
//! writer puts the name there: GEXF has no graph title). Visual (`viz:`) elements and dynamic spells
//! are ignored.

use super::LoadError;
use super::xml::{self, Doc};
use crate::model::{Actor, Flow, Network};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::HashMap;

pub use super::gexf_write::{XmlCharError, to_string};

/// An `<attribute>` declaration.
#[derive(Debug, Clone)]
struct Attribute {
    title: String,
    ty: String,
    default: Option<String>,
}

enum Owner {
    Node(Actor),
    Edge(Box<Flow>),
}

/// Parses GEXF text; `file` names it in errors.
pub fn parse_str(text: &str, file: &str) -> Result<Network, LoadError> {
    let doc = Doc { file, text };
    let mut reader = Reader::from_str(text);
    let mut net = Network::new();
    // Declarations per class (`node`, `edge`), by id.
    let mut declared: HashMap<(String, String), Attribute> = HashMap::new();
    let mut class = String::from("node");
    let mut open_attribute: Option<(String, String)> = None;
    let mut in_default = false;
    let mut owner: Option<Owner> = None;
    let mut seen_graph = false;
    let mut description: Option<String> = None;
    loop {
        let (at, event) = xml::next_event(&mut reader, &doc)?;
        let here = |m: String| doc.error(at, m);
        if let Some((e, empty)) = xml::opening(&event) {
            let get = |name: &str| xml::attribute(e, name).map_err(|m| doc.error(at, m));
            match xml::name(e).as_str() {
                "graph" => {
                    seen_graph = true;
                    net.directed = Some(get("defaultedgetype")?.as_deref() != Some("undirected"));
                }
                "attributes" => class = get("class")?.unwrap_or_else(|| "node".into()),
                "attribute" => {
                    let id = get("id")?.ok_or_else(|| here("<attribute> needs an id".into()))?;
                    let a = Attribute {
                        title: get("title")?.unwrap_or_else(|| id.clone()),
                        ty: get("type")?.unwrap_or_else(|| "string".into()),
                        default: None,
                    };
                    declared.insert((class.clone(), id.clone()), a);
                    open_attribute = (!empty).then(|| (class.clone(), id));
                }
                "default" if open_attribute.is_some() => in_default = !empty,
                "description" if !seen_graph && !empty => description = Some(String::new()),
                "node" => {
                    let id = get("id")?.ok_or_else(|| here("<node> needs an id".into()))?;
                    let mut a = Actor::new(id);
                    a.name = get("label")?;
                    owner = Some(Owner::Node(a));
                    if empty {
                        finish(&mut net, owner.take(), &declared, &doc, at)?;
                    }
                }
                "edge" => {
                    let from =
                        get("source")?.ok_or_else(|| here("<edge> needs a source".into()))?;
                    let to = get("target")?.ok_or_else(|| here("<edge> needs a target".into()))?;
                    let mut f = Flow::new(from, to);
                    if let Some(w) = get("weight")? {
                        let w = w.trim().parse::<f64>().ok().filter(|x| x.is_finite());
                        f.weight =
                            Some(w.ok_or_else(|| {
                                here("edge weight is not a finite number".into())
                            })?);
                    }
                    f.kind = get("kind")?;
                    if let Some(label) = get("label")? {
                        f.extra.insert("label".into(), label.into());
                    }
                    owner = Some(Owner::Edge(Box::new(f)));
                    if empty {
                        finish(&mut net, owner.take(), &declared, &doc, at)?;
                    }
                }
                "attvalue" => {
                    let id = match get("for")? {
                        Some(id) => id,
                        None => get("id")?.ok_or_else(|| here("<attvalue> needs for=".into()))?,
                    };
                    let value = get("value")?.unwrap_or_default();
                    let (cls, item) = match owner.as_mut() {
                        Some(Owner::Node(a)) => ("node", Some(Ok(a))),
                        Some(Owner::Edge(f)) => ("edge", Some(Err(f))),
                        None => return Err(here("<attvalue> outside a node or edge".into())),
                    };
                    let decl = declared
                        .get(&(cls.to_string(), id.clone()))
                        .ok_or_else(|| {
                            here(format!(
                                "<attvalue for=\"{id}\"> uses an undeclared {cls} attribute"
                            ))
                        })?;
                    if let Some(v) = xml::typed(&value, &decl.ty)
                        .map_err(|m| here(format!("{}: {m}", decl.title)))?
                    {
                        match item {
                            Some(Ok(a)) => xml::set_actor_field(a, &decl.title, v),
                            Some(Err(f)) => xml::set_flow_field(f, &decl.title, v),
                            None => Ok(()),
                        }
                        .map_err(here)?;
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Text(t) if in_default => {
                push_default(&mut declared, &open_attribute, &t.xml10_content())
            }
            Event::GeneralRef(r) if in_default => {
                let piece = xml::reference(&r).map_err(here)?;
                push_default(&mut declared, &open_attribute, &piece);
            }
            Event::Text(t) if description.is_some() => description
                .get_or_insert_default()
                .push_str(&t.xml10_content()),
            Event::CData(c) if description.is_some() => description
                .get_or_insert_default()
                .push_str(&c.xml10_content()),
            Event::GeneralRef(r) if description.is_some() => {
                let piece = xml::reference(&r).map_err(here)?;
                description.get_or_insert_default().push_str(&piece);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "description" => {
                    if let Some(d) = description.take().filter(|d| !d.trim().is_empty()) {
                        net.name = Some(d);
                    }
                }
                "attribute" => open_attribute = None,
                "default" => in_default = false,
                "node" | "edge" => finish(&mut net, owner.take(), &declared, &doc, at)?,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_graph {
        return Err(doc.error(0, "no <graph> element: not a GEXF file"));
    }
    Ok(net)
}

fn push_default(
    declared: &mut HashMap<(String, String), Attribute>,
    open: &Option<(String, String)>,
    piece: &str,
) {
    if let Some(a) = open.as_ref().and_then(|k| declared.get_mut(k)) {
        a.default.get_or_insert_with(String::new).push_str(piece);
    }
}

/// Adds a finished node or edge with the defaults of the attributes it did not set.
fn finish(
    net: &mut Network,
    owner: Option<Owner>,
    declared: &HashMap<(String, String), Attribute>,
    doc: &Doc,
    at: u64,
) -> Result<(), LoadError> {
    let mut defaults: Vec<(&(String, String), &Attribute)> = declared
        .iter()
        .filter(|(_, a)| a.default.is_some())
        .collect();
    defaults.sort_by(|a, b| a.0.cmp(b.0));
    let err = |m: String| doc.error(at, m);
    match owner {
        Some(Owner::Node(mut a)) => {
            for ((cls, _), d) in &defaults {
                if cls == "node"
                    && !xml::actor_has(&a, &d.title)
                    && let Some(v) =
                        xml::typed(d.default.as_deref().unwrap_or(""), &d.ty).map_err(err)?
                {
                    xml::set_actor_field(&mut a, &d.title, v).map_err(err)?;
                }
            }
            net.actors.push(a);
        }
        Some(Owner::Edge(mut f)) => {
            for ((cls, _), d) in &defaults {
                if cls == "edge"
                    && !xml::flow_has(&f, &d.title)
                    && let Some(v) =
                        xml::typed(d.default.as_deref().unwrap_or(""), &d.ty).map_err(err)?
                {
                    xml::set_flow_field(&mut f, &d.title, v).map_err(err)?;
                }
            }
            net.push_flow(&f);
        }
        None => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="directed" mode="static">
    <attributes class="node">
      <attribute id="0" title="kind" type="string"><default>gang</default></attribute>
      <attribute id="1" title="members" type="integer"/>
    </attributes>
    <attributes class="edge">
      <attribute id="0" title="volume" type="double"/>
    </attributes>
    <nodes>
      <node id="a" label="Clan &quot;A&quot;"><attvalues><attvalue for="0" value="family-clan"/><attvalue for="1" value="12"/></attvalues></node>
      <node id="b" label="B"/>
    </nodes>
    <edges>
      <edge id="0" source="a" target="b" weight="2.5" kind="cash"><attvalues><attvalue for="0" value="30"/></attvalues></edge>
      <edge id="1" source="b" target="a"/>
    </edges>
  </graph>
</gexf>"#;

    #[test]
    fn reads_nodes_edges_and_attributes() {
        let net = parse_str(SAMPLE, "s.gexf").unwrap();
        assert!(net.is_directed());
        assert_eq!(net.actors[0].name.as_deref(), Some("Clan \"A\""));
        assert_eq!(net.actors[0].kind.as_deref(), Some("family-clan"));
        assert_eq!(net.actors[0].extra()["members"], 12);
        assert_eq!(
            net.actors[1].kind.as_deref(),
            Some("gang"),
            "default applies"
        );
        assert_eq!(net.flow(0).weight(), Some(2.5));
        assert_eq!(net.flow(0).stated_kind(), Some("cash"));
        assert_eq!(net.flow(0).volume(), Some(30.0));
        assert_eq!(net.flow(1).from(), "b");
    }

    #[test]
    fn errors_name_the_place() {
        let bad = SAMPLE.replace("value=\"30\"", "value=\"lots\"");
        let msg = parse_str(&bad, "s.gexf").unwrap_err().to_string();
        assert!(msg.starts_with("s.gexf: line 16, column"), "{msg}");
        assert!(msg.contains("volume"), "{msg}");
        let msg = parse_str("<gexf><graph><nodes></graph>", "t.gexf")
            .unwrap_err()
            .to_string();
        assert!(msg.contains("malformed XML"), "{msg}");
        let msg = parse_str("<gexf/>", "t.gexf").unwrap_err().to_string();
        assert!(msg.contains("no <graph>"), "{msg}");
    }
}
