//! The native JSON format (docs/format.md).

use super::LoadError;
use crate::model::{KindsSection, Network};

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

/// Files larger than this are parsed as a stream rather than read whole first.
const STREAM_ABOVE: u64 = 128 << 20;

/// Parses a network from a JSON file; errors name the file, the line and column and, when serde
/// can tell, the field path. A file up to 128 MiB is read whole and parsed from memory (the faster
/// way); a larger one is parsed as a stream, so that a file of millions of flows is never held as
/// text beside the network (5M flows: 1.9 GiB peak → 0.3 GiB, for ≈ 25 % more time).
pub fn read_file(path: &std::path::Path) -> Result<Network, LoadError> {
    read_file_streaming_above(path, STREAM_ABOVE)
}

fn read_file_streaming_above(
    path: &std::path::Path,
    stream_above: u64,
) -> Result<Network, LoadError> {
    let file = path.display().to_string();
    let (handle, limits) = super::input::open(path)?;
    let size = handle.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
    if size <= stream_above {
        let text = super::input::read_text_fields(path, super::input::Syntax::Json)?;
        return parse_str(&text, &file);
    }
    parse_reader(
        super::input::Bounded::new(handle, &limits, false)
            .with_fields(super::input::Syntax::Json, &limits),
        &file,
    )
}

/// Parses a network from a stream of JSON (a large file, standard input); `file` names it in
/// errors, which are those of [`parse_str`].
pub fn parse_reader(reader: impl std::io::Read, file: &str) -> Result<Network, LoadError> {
    use std::io::{BufRead, BufReader};
    let read_error = |e: std::io::Error| LoadError::Read {
        file: file.to_string(),
        cause: e,
    };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    // Editors on some systems start UTF-8 files with a byte-order mark; JSON does not allow one.
    if reader
        .fill_buf()
        .map_err(read_error)?
        .starts_with(b"\xef\xbb\xbf")
    {
        reader.consume(3);
    }
    let mut de = serde_json::Deserializer::from_reader(reader);
    let net: Network = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_io() {
            return read_error(std::io::Error::other(inner.to_string()));
        }
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

/// Reads the `kinds` section of a JSON file (`--kinds FILE`): an object with a `kinds` key — a
/// file of its own, or a network file lending its kinds; other keys are not read. Errors name the
/// file and the place, as for networks; a file without `kinds` says so.
pub fn read_kinds(path: &std::path::Path) -> Result<KindsSection, LoadError> {
    #[derive(serde::Deserialize)]
    struct KindsFile {
        kinds: Option<KindsSection>,
    }
    let file = path.display().to_string();
    // Bounded like every input: a regular file within the size limit, remembered as an input.
    let text = super::input::read_text_fields(path, super::input::Syntax::Json)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut de = serde_json::Deserializer::from_str(text);
    let read: KindsFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        parse_error(&file, &path, &e.into_inner())
    })?;
    read.kinds.ok_or_else(|| LoadError::Parse {
        file,
        place: "top level".into(),
        message: "no \"kinds\" section (--kinds reads {\"kinds\": {\"flows\": …, \"actors\": …, \"layers\": …}})".into(),
    })
}

/// Writes a network as pretty-printed JSON, ending with a newline, as it is serialised (no copy of
/// the whole text in memory).
pub fn write(net: &Network, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, net).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
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
    fn streamed_files_read_and_fail_as_files_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let peru = dir.path().join("peru.json");
        std::fs::write(&peru, format!("\u{feff}{}", crate::io::PERU_JSON)).unwrap();
        let streamed = read_file_streaming_above(&peru, 0).unwrap();
        let whole = read_file_streaming_above(&peru, u64::MAX).unwrap();
        assert_eq!(streamed, whole);
        assert_eq!((streamed.actor_count(), streamed.flow_count()), (110, 216));
        let bad = dir.path().join("bad.json");
        for text in [
            "{\n  \"actors\": [\n    {\"id\": \"a\",}\n  ]\n}",
            "{\"actors\": [{\"id\": \"a\"}],\n \"flows\": [{\"from\": \"a\", \"to\": \"a\", \"confidence\": \"high\"}]}",
            "{\"actors\": []} trailing",
        ] {
            std::fs::write(&bad, text).unwrap();
            let a = read_file_streaming_above(&bad, 0).unwrap_err().to_string();
            let b = read_file_streaming_above(&bad, u64::MAX)
                .unwrap_err()
                .to_string();
            assert_eq!(a, b);
            assert!(a.starts_with(&format!("{}: line ", bad.display())), "{a}");
        }
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
