//! What the XML formats (GraphML, GEXF) share: reading events with positions, attribute lookup,
//! text with entity references resolved, and typed values.

use super::LoadError;
use crate::model::reserved;
use crate::model::{Actor, Flow, Source};
use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart};
use serde_json::{Map, Number, Value};

/// A document being read, to turn byte offsets into lines and columns.
pub struct Doc<'a> {
    /// The file's name, for errors.
    pub file: &'a str,
    /// Its text.
    pub text: &'a str,
}

impl Doc<'_> {
    /// `line L, column C` of a byte offset.
    pub fn place(&self, offset: u64) -> String {
        let offset = (offset as usize).min(self.text.len());
        let before = &self.text.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = offset
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1)
            + 1;
        format!("line {line}, column {column}")
    }

    /// An error at a byte offset.
    pub fn error(&self, offset: u64, message: impl Into<String>) -> LoadError {
        LoadError::Parse {
            file: self.file.to_string(),
            place: self.place(offset),
            message: message.into(),
        }
    }
}

/// Reads the next event; returns the byte offset where it starts, for error places.
pub fn next_event<'t>(
    reader: &mut quick_xml::Reader<&'t [u8]>,
    doc: &Doc,
) -> Result<(u64, quick_xml::events::Event<'t>), LoadError> {
    let at = reader.buffer_position();
    let event = reader
        .read_event()
        .map_err(|e| doc.error(reader.error_position(), format!("malformed XML: {e}")))?;
    Ok((at, event))
}

/// An opening tag and whether it is written `<x/>` (no content follows).
pub fn opening<'e, 't>(
    event: &'e quick_xml::events::Event<'t>,
) -> Option<(&'e BytesStart<'t>, bool)> {
    match event {
        quick_xml::events::Event::Start(e) => Some((e, false)),
        quick_xml::events::Event::Empty(e) => Some((e, true)),
        _ => None,
    }
}

/// The unescaped value of attribute `name` of an element, if present.
pub fn attribute(e: &BytesStart, name: &str) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|err| format!("malformed attribute: {err}"))?;
        if a.key.local_name().as_ref() == name {
            let v = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| format!("attribute \"{name}\": {err}"))?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

/// The element's local name.
pub fn name(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// The text an entity or character reference stands for.
pub fn reference(r: &BytesRef) -> Result<String, String> {
    if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(c.to_string());
    }
    let name = r.xml10_content();
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_string)
        .ok_or_else(|| format!("unknown entity &{name};"))
}

/// A value of a declared type: numbers for `int`, `long`, `float`, `double`, `integer`; booleans for
/// `boolean`; text otherwise. Empty text is no value.
pub fn typed(text: &str, ty: &str) -> Result<Option<Value>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || format!("\"{t}\" is not a {ty}");
    Ok(Some(match ty {
        "int" | "long" | "integer" => Value::Number(t.parse::<i64>().map_err(|_| bad())?.into()),
        // A whole number written without a fraction stays an integer, as netgraph writes it (a
        // key mixing integers and fractions is declared double).
        "float" | "double" if t.parse::<i64>().is_ok() => {
            Value::Number(t.parse::<i64>().map_err(|_| bad())?.into())
        }
        "float" | "double" => {
            let x: f64 = t.parse().map_err(|_| bad())?;
            Value::Number(Number::from_f64(x).ok_or_else(|| format!("\"{t}\" is not finite"))?)
        }
        "boolean" => match t {
            "true" | "1" => Value::Bool(true),
            "false" | "0" => Value::Bool(false),
            _ => return Err(bad()),
        },
        _ => Value::String(text.to_string()),
    }))
}

/// Text of a value (numbers and booleans as written).
fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Sources stored as a JSON array in a string attribute (how netgraph writes them).
fn sources_of(v: &Value) -> Result<Vec<Source>, String> {
    serde_json::from_str(&text_of(v))
        .map_err(|e| format!("\"sources\" is not a JSON list of sources: {e}"))
}

/// Sets an actor field from an XML attribute: `name` (or `label`), `kind`, `country`, `region`,
/// `sources`; anything else is kept as an extra field.
pub fn set_actor_field(a: &mut Actor, name: &str, v: Value) -> Result<(), String> {
    match name {
        "name" => a.name = Some(text_of(&v)),
        "label" if a.name.is_none() => a.name = Some(text_of(&v)),
        "kind" => a.kind = Some(text_of(&v)),
        "country" => a.more_mut().country = Some(text_of(&v)),
        "region" => a.more_mut().region = Some(text_of(&v)),
        "sources" => a.more_mut().sources = sources_of(&v)?,
        _ => {
            let name = reserved::extra_name(reserved::Owner::Actor, name);
            a.more_mut().extra.insert(name, v);
        }
    }
    Ok(())
}

/// Whether a flow already has the field an attribute would set (so its default does not apply).
pub fn flow_has(f: &Flow, name: &str) -> bool {
    match name {
        "from" | "to" => true,
        "kind" => f.kind.is_some(),
        "weight" => f.weight.is_some(),
        "volume" => f.volume.is_some(),
        "confidence" => f.confidence.is_some(),
        "unit" => f.unit.is_some(),
        "since" => f.since.is_some(),
        "until" => f.until.is_some(),
        other => f.extra.contains_key(other),
    }
}

/// Whether an actor already has the field an attribute would set (so its default does not apply).
pub fn actor_has(a: &Actor, name: &str) -> bool {
    match name {
        "name" | "label" => a.name.is_some(),
        "kind" => a.kind.is_some(),
        "country" => a.country().is_some(),
        "region" => a.region().is_some(),
        other => a.extra().contains_key(other),
    }
}

/// Sets a flow field from an XML attribute: `kind`, `weight`, `volume`, `confidence` (numbers),
/// `unit`, `since`, `until`, `sources`; anything else is kept as an extra field.
pub fn set_flow_field(f: &mut Flow, name: &str, v: Value) -> Result<(), String> {
    let number = |v: &Value| match v {
        Value::Number(n) => n
            .as_f64()
            .ok_or_else(|| format!("\"{name}\" is not a number")),
        other => text_of(other)
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("\"{name}\" = \"{}\" is not a finite number", text_of(other))),
    };
    match name {
        "kind" => f.kind = Some(text_of(&v)),
        "weight" => f.weight = Some(number(&v)?),
        "volume" => f.volume = Some(number(&v)?),
        "confidence" => f.confidence = Some(number(&v)?),
        "unit" => f.unit = Some(text_of(&v)),
        "since" => f.since = Some(text_of(&v)),
        "until" => f.until = Some(text_of(&v)),
        "sources" => f.sources = sources_of(&v)?,
        _ => {
            let name = reserved::extra_name(reserved::Owner::Flow, name);
            f.extra.insert(name, v);
        }
    }
    Ok(())
}

/// A network that cannot be written as XML.
#[derive(Debug, thiserror::Error)]
#[error("{whose}: {field} holds the character U+{code:04X}, which XML cannot hold")]
pub struct XmlCharError {
    /// The actor or flow, e.g. `actor "x"` or `flows[3] (a → b, cash)`.
    pub whose: String,
    /// The field.
    pub field: String,
    /// The character's code point.
    pub code: u32,
}

/// The fields that XML attributes can carry: without nulls and blank text, which read back as no
/// value (and so must not turn a numeric field's type into `string`).
pub(crate) fn without_blanks(mut fields: Map<String, Value>) -> Map<String, Value> {
    fields.retain(|_, v| !(v.is_null() || v.as_str().is_some_and(|s| s.trim().is_empty())));
    fields
}

/// Escapes text for an XML attribute or element: the five markup characters as entities, tab and
/// line breaks as character references; fails on characters XML 1.0 excludes.
pub(crate) fn esc(
    text: &str,
    whose: impl Fn() -> (String, String),
) -> Result<std::borrow::Cow<'_, str>, XmlCharError> {
    if let Some(c) = text.chars().find(|&c| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    }) {
        let (whose, field) = whose();
        return Err(XmlCharError {
            whose,
            field,
            code: c as u32,
        });
    }
    let escaped = quick_xml::escape::escape(text);
    if !escaped.contains(['\t', '\n', '\r']) {
        return Ok(escaped);
    }
    Ok(escaped
        .replace('\t', "&#9;")
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_types() {
        let d = Doc {
            file: "f",
            text: "ab\ncde\nf",
        };
        assert_eq!(d.place(0), "line 1, column 1");
        assert_eq!(d.place(4), "line 2, column 2");
        assert_eq!(typed("3", "int").unwrap(), Some(Value::from(3)));
        assert_eq!(typed(" 2.5 ", "double").unwrap(), Some(Value::from(2.5)));
        assert_eq!(typed("true", "boolean").unwrap(), Some(Value::Bool(true)));
        assert!(typed("x", "double").is_err());
        assert_eq!(typed("", "string").unwrap(), None);
    }
}
