//! The native JSON format (DESIGN §1).

use super::LoadError;
use crate::model::Network;

/// Parses a network from JSON text; `file` names it in errors.
///
/// Syntax errors and wrongly typed values report the line and column, and the field path
/// (`flows[3].confidence`) when serde can tell it.
pub fn parse_str(text: &str, file: &str) -> Result<Network, LoadError> {
    // Editors on some systems start UTF-8 files with a byte-order mark; JSON does not allow one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let net: Network = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        parse_error(file, &path, &inner)
    })?;
    de.end().map_err(|e| parse_error(file, "", &e))?;
    Ok(net)
}

pub(crate) fn parse_error(file: &str, path: &str, e: &serde_json::Error) -> LoadError {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
    let mut place = format!("line {}, column {}", e.line(), e.column());
    if !path.is_empty() && path != "." && !e.is_syntax() && !e.is_eof() {
        place.push_str(&format!(" ({path})"));
    }
    LoadError::Parse {
        file: file.to_string(),
        place,
        message,
    }
}

/// Serialises a network as pretty-printed JSON, ending with a newline.
pub fn to_string(net: &Network) -> String {
    let mut text =
        serde_json::to_string_pretty(net).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_round_trip() {
        let text = r#"{"name":"t","directed":false,"custom":{"a":[1,2]},
            "kinds":{"actors":{"ngo":{"class":"legal","colour":"red"}}},
            "actors":[{"id":"a","kind":"ngo","alias":"A"},{"id":"b"}],
            "flows":[{"from":"a","to":"b","kind":"gold","phase":3,"note":"n","volume":2.5}]}"#;
        let net = parse_str(text, "t.json").unwrap();
        assert!(!net.is_directed());
        assert_eq!(net.actors[0].extra()["alias"], "A");
        assert_eq!(net.flow(0).extra()["phase"], 3);
        let again = parse_str(&to_string(&net), "t.json").unwrap();
        assert_eq!(net, again);
        let a: serde_json::Value = serde_json::from_str(text).unwrap();
        let b: serde_json::Value = serde_json::from_str(&to_string(&net)).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let net = parse_str("\u{feff}{\"actors\": [{\"id\": \"a\"}]}", "bom.json").unwrap();
        assert_eq!(net.actors[0].id, "a");
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let err = parse_str(
            "{\n  \"actors\": [\n    {\"id\": \"a\",}\n  ]\n}",
            "bad.json",
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("bad.json: line 3, column"), "{msg}");
    }

    #[test]
    fn wrong_types_name_the_field() {
        let text = "{\"actors\": [{\"id\": \"a\"}],\n \"flows\": [{\"from\": \"a\", \"to\": \"a\", \"confidence\": \"high\"}]}";
        let msg = parse_str(text, "t.json").unwrap_err().to_string();
        assert!(msg.contains("line 2"), "{msg}");
        assert!(msg.contains("flows[0]"), "{msg}");
        assert!(msg.contains("high"), "{msg}");
    }
}
