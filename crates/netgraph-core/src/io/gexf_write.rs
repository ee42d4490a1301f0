//! Writing GEXF 1.3 (<https://gexf.net/schema.html>), the version Gephi 0.9 and later write by default.
//!
//! 1.3 rather than 1.2draft: it is the current published version, it types edge weights as doubles
//! (1.2draft: floats, which would round netgraph's weights) and declares `long` attributes; Gephi
//! reads both versions.
//!
//! What goes where:
//!
//! - the network's name → `<meta><description>` (GEXF has no graph title), `directed` →
//!   `<graph defaultedgetype>`;
//! - an actor → `<node id label>`, the label being its display name; `kind`, `country`, `region`,
//!   `sources` (a JSON string, as the GraphML writer writes it) and every extra field → declared node
//!   `<attribute>`s with one type per field (`long`, `double`, `boolean`, `string`, decided as the
//!   GraphML writer decides them), values in `<attvalue>`s;
//! - a flow → `<edge id source target kind weight>` (kind and weight only when the flow states them),
//!   every other field → declared edge `<attribute>`s.
//!
//! Text is escaped for XML attributes, including tabs and line breaks (as character references, so
//! attribute-value normalisation does not turn them into spaces). A character XML 1.0 cannot hold at
//! all (a control character other than tab and line breaks) is an error naming the actor or flow.
//! What a round trip through GEXF loses is listed in docs/format.md.

use super::graphml::{fields, key_types};
pub use super::xml::XmlCharError;
use super::xml::{esc, without_blanks as written};
use crate::model::Network;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Writes a network as GEXF 1.3 text.
///
/// Complexity: O(V + E) times the number of fields. Errors when a text holds a character that XML
/// 1.0 cannot represent (e.g. U+0001).
pub fn to_string(net: &Network) -> Result<String, XmlCharError> {
    let actors: Vec<Map<String, Value>> = net.actors.iter().map(|a| written(fields(a))).collect();
    let flows: Vec<Map<String, Value>> =
        net.flows().map(|f| written(fields(&f.to_flow()))).collect();
    let node_keys = columns(&actors, &["id", "name"]);
    let edge_keys = columns(&flows, &["from", "to", "kind", "weight"]);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n  <meta>\n    <creator>netgraph</creator>\n",
    );
    if let Some(name) = &net.name {
        let text = esc(name, || ("the network".into(), "name".into()))?;
        let _ = writeln!(out, "    <description>{text}</description>");
    }
    out.push_str("  </meta>\n");
    let edge_type = if net.is_directed() {
        "directed"
    } else {
        "undirected"
    };
    let _ = writeln!(
        out,
        "  <graph defaultedgetype=\"{edge_type}\" mode=\"static\">"
    );
    for (class, keys) in [("node", &node_keys), ("edge", &edge_keys)] {
        if keys.is_empty() {
            continue;
        }
        let _ = writeln!(out, "    <attributes class=\"{class}\" mode=\"static\">");
        for (i, (name, ty)) in keys.iter().enumerate() {
            let title = esc(name, || (format!("a {class} attribute"), "its name".into()))?;
            let _ = writeln!(
                out,
                "      <attribute id=\"{i}\" title=\"{title}\" type=\"{ty}\"/>"
            );
        }
        out.push_str("    </attributes>\n");
    }
    let _ = writeln!(out, "    <nodes count=\"{}\">", net.actor_count());
    for (a, f) in net.actors.iter().zip(&actors) {
        let whose = || format!("actor \"{}\"", a.id);
        let id = esc(&a.id, || (whose(), "id".into()))?;
        let label = esc(a.display_name(), || (whose(), "name".into()))?;
        let _ = write!(out, "      <node id=\"{id}\" label=\"{label}\"");
        close(&mut out, "node", f, &node_keys, &whose)?;
    }
    out.push_str("    </nodes>\n");
    let _ = writeln!(out, "    <edges count=\"{}\">", net.flow_count());
    for (fl, f) in net.flows().zip(&flows) {
        let whose = || format!("flows[{}] ({})", fl.index(), fl.label());
        let from = esc(fl.from(), || (whose(), "from".into()))?;
        let to = esc(fl.to(), || (whose(), "to".into()))?;
        let _ = write!(
            out,
            "      <edge id=\"{}\" source=\"{from}\" target=\"{to}\"",
            fl.index()
        );
        if let Some(kind) = fl.stated_kind() {
            let kind = esc(kind, || (whose(), "kind".into()))?;
            let _ = write!(out, " kind=\"{kind}\"");
        }
        if let Some(w) = fl.weight() {
            let _ = write!(out, " weight=\"{}\"", number(w));
        }
        close(&mut out, "edge", f, &edge_keys, &whose)?;
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    Ok(out)
}

/// The declared attributes of one class: field name → GEXF type, in name order (the attribute id is
/// the position in that order).
type Columns<'a> = BTreeMap<&'a str, &'static str>;

/// Field names with their GEXF type. The GraphML writer's typing decides (`long` for whole numbers,
/// `double`, `boolean`, `string` when values disagree); whole numbers beyond `i64` (which `long`
/// cannot hold) make the field `double`.
fn columns<'a>(items: &'a [Map<String, Value>], skip: &[&str]) -> Columns<'a> {
    key_types(items, skip)
        .into_iter()
        .map(|(name, ty)| {
            let too_big = |m: &Map<String, Value>| {
                matches!(m.get(name), Some(Value::Number(n)) if n.is_u64() && !n.is_i64())
            };
            let ty = if ty == "long" && items.iter().any(too_big) {
                "double"
            } else {
                ty
            };
            (name, ty)
        })
        .collect()
}

/// Ends an element whose start tag is open: `/>` when it has no values, else its `<attvalues>` and
/// the closing tag `</element>`.
fn close(
    out: &mut String,
    element: &str,
    item: &Map<String, Value>,
    keys: &Columns,
    whose: &dyn Fn() -> String,
) -> Result<(), XmlCharError> {
    let mut values = String::new();
    for (i, name) in keys.keys().enumerate() {
        let Some(v) = item.get(*name).filter(|v| !v.is_null()) else {
            continue;
        };
        let text = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let text = esc(&text, || (whose(), format!("field \"{name}\"")))?;
        let _ = writeln!(values, "          <attvalue for=\"{i}\" value=\"{text}\"/>");
    }
    if values.is_empty() {
        out.push_str("/>\n");
    } else {
        let _ = write!(
            out,
            ">\n        <attvalues>\n{values}        </attvalues>\n      </{element}>\n"
        );
    }
    Ok(())
}

/// A number in the shortest form that reads back exactly, whole numbers without a fraction.
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}
