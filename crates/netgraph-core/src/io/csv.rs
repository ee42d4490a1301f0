//! CSV edge lists (`source,target` header, other columns become flow fields) and node attribute
//! files (`id` column, other columns become actor fields).
//!
//! Records are streamed one at a time (edge lists through a fast path for plain rows, `edges`);
//! cells are converted as they are read. `weight`, `volume` and
//! `confidence` must be numbers; other cells become numbers when they read as finite numbers, and
//! strings otherwise; empty cells are left out. A cell that starts with `'` before a formula character
//! (`'=…`, how netgraph's CSV outputs neutralise formulas for spreadsheets) loses that `'`
//! (`report::safe`), so a CSV netgraph writes reads back unchanged.

pub(crate) mod edges;
mod lines;

use super::LoadError;
use super::input::Bounded;
use crate::model::reserved::{Owner, extra_name};
use crate::model::{Flow, Network};
use crate::report::safe::unneutralise_cell;
use lines::Lines;
use serde_json::{Number, Value};
use std::io::Read;
use std::path::Path;

const NUMERIC: [&str; 3] = ["weight", "volume", "confidence"];

type Reader<R> = ::csv::Reader<Lines<Bounded<R>>>;

/// A CSV reader over `input`, bounded in size and line length (`io::input`), that knows the line
/// of each record (`lines`).
fn reader<R: Read>(input: R, limits: &super::input::Limits) -> Reader<R> {
    ::csv::ReaderBuilder::new()
        .flexible(false)
        .trim(::csv::Trim::All)
        .from_reader(Lines::new(Bounded::new(input, limits, true)))
}

/// Reads the next record of `reader`: whether there was one, and the line where it starts (or, on
/// an error, where the record in error starts), counted from `offset + 1`.
fn next_record<R: Read>(
    reader: &mut ::csv::Reader<Lines<R>>,
    record: &mut ::csv::StringRecord,
    file: &str,
    offset: u64,
) -> Result<(bool, u64), LoadError> {
    let read = reader.read_record(record);
    let line = reader.get_ref().line() + offset;
    let more = read.map_err(|e| csv_error_at(file, e, line))?;
    let at = reader.position().byte();
    reader.get_mut().seek_record(at);
    Ok((more, line))
}

/// The header row, without the byte-order mark that spreadsheet programs put before it, and the
/// line it is on.
fn header_row<R: Read>(
    reader: &mut ::csv::Reader<Lines<R>>,
    file: &str,
    limits: &super::input::Limits,
) -> Result<(::csv::StringRecord, u64), LoadError> {
    let headers = reader.headers().cloned();
    let line = reader.get_ref().line();
    let headers = headers.map_err(|e| csv_error_at(file, e, line))?;
    let at = reader.position().byte();
    reader.get_mut().seek_record(at);
    super::input::check_columns(file, headers.len(), limits)?;
    let headers = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            unneutralise_cell(if i == 0 {
                h.trim_start_matches('\u{feff}')
            } else {
                h
            })
        })
        .collect();
    Ok((headers, line))
}

/// A `csv` crate error about the record that starts on `line` (the crate's own line numbers are
/// not the file's: `lines`).
fn csv_error_at(file: &str, e: ::csv::Error, line: u64) -> LoadError {
    let file = file.to_string();
    let (place, message) = match e.kind() {
        ::csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => (
            pos.as_ref()
                .map(|_| format!("line {line}"))
                .unwrap_or_else(|| "a row".into()),
            format!("{len} fields where the header has {expected_len}"),
        ),
        ::csv::ErrorKind::Utf8 { pos, err } => (
            pos.as_ref()
                .map(|_| format!("line {line}"))
                .unwrap_or_else(|| "a row".into()),
            format!("not UTF-8 text ({err})"),
        ),
        ::csv::ErrorKind::Io(err) => {
            return LoadError::Read {
                file,
                cause: std::io::Error::new(err.kind(), err.to_string()),
            };
        }
        _ => ("".into(), e.to_string()),
    };
    LoadError::Parse {
        file,
        place,
        message,
    }
}

/// Converts a cell to JSON: numbers when they read as finite numbers, else strings.
fn cell_value(cell: &str) -> Value {
    if let Ok(i) = cell.parse::<i64>() {
        return Value::Number(i.into());
    }
    match cell.parse::<f64>().ok().and_then(Number::from_f64) {
        Some(n) if cell.bytes().any(|b| b.is_ascii_digit()) => Value::Number(n),
        _ => Value::String(cell.to_string()),
    }
}

/// Reads a CSV edge list: actors come from the endpoints, in order of first appearance.
pub fn read_edges(path: &Path) -> Result<Network, LoadError> {
    let (input, _) = super::input::open(path)?;
    let size = input.metadata().ok().map(|m| m.len());
    edges::parse(input, &path.display().to_string(), size, edges::Path::Fast)
}

/// Reads a CSV edge list from `input`; `file` names it in errors. See [`read_edges`].
pub fn parse_edges(input: impl Read, file: &str) -> Result<Network, LoadError> {
    edges::parse(input, file, None, edges::Path::Fast)
}

fn set_flow_field(flow: &mut Flow, name: &str, cell: &str) -> Result<(), String> {
    if NUMERIC.contains(&name) {
        let x: f64 = cell
            .parse()
            .map_err(|_| format!("\"{cell}\" is not a number"))?;
        if !x.is_finite() {
            return Err(format!("\"{cell}\" is not a finite number"));
        }
        match name {
            "weight" => flow.weight = Some(x),
            "volume" => flow.volume = Some(x),
            _ => flow.confidence = Some(x),
        }
        return Ok(());
    }
    let text = Some(cell.to_string());
    match name {
        "kind" => flow.kind = text,
        "unit" => flow.unit = text,
        "since" => flow.since = text,
        "until" => flow.until = text,
        _ => {
            flow.extra
                .insert(extra_name(Owner::Flow, name), cell_value(cell));
        }
    }
    Ok(())
}

/// Reads a CSV of actor attributes (`id` column) into a network: known actors get the fields, new
/// ids become actors.
pub fn read_nodes(path: &Path, net: &mut Network) -> Result<(), LoadError> {
    let (input, _) = super::input::open(path)?;
    parse_nodes(input, &path.display().to_string(), net)
}

/// Reads a CSV of actor attributes from `input` into `net`; `file` names it in errors. See
/// [`read_nodes`].
pub fn parse_nodes(input: impl Read, file: &str, net: &mut Network) -> Result<(), LoadError> {
    let limits = super::input::Limits::from_env()?;
    let mut reader = reader(input, &limits);
    let (headers, header_line) = header_row(&mut reader, file, &limits)?;
    let Some(id_col) = headers.iter().position(|h| h == "id") else {
        return Err(LoadError::Parse {
            file: file.to_string(),
            place: format!("line {header_line}"),
            message: "the header needs an \"id\" column".into(),
        });
    };
    let mut record = ::csv::StringRecord::new();
    loop {
        let (more, line) = next_record(&mut reader, &mut record, file, 0)?;
        if !more {
            break;
        }
        let id = unneutralise_cell(&record[id_col]);
        // A bad id is reported against this file and line, not the edge list it joins.
        crate::model::validate::check_id(id).map_err(|message| LoadError::Parse {
            file: file.to_string(),
            place: format!("line {line}, column \"id\""),
            message,
        })?;
        let pos = net
            .position_or_push(id)
            .map_err(|message| LoadError::Parse {
                file: file.to_string(),
                place: format!("line {line}"),
                message,
            })? as usize;
        let actor = &mut net.actors[pos];
        for (i, (name, cell)) in headers.iter().zip(record.iter()).enumerate() {
            if i == id_col || cell.is_empty() {
                continue;
            }
            let cell = unneutralise_cell(cell);
            let text = Some(cell.to_string());
            match name {
                "name" => actor.name = text,
                "kind" => actor.kind = text,
                "country" => actor.more_mut().country = text,
                "region" => actor.more_mut().region = text,
                _ => {
                    actor
                        .more_mut()
                        .extra
                        .insert(extra_name(Owner::Actor, name), cell_value(cell));
                }
            }
        }
    }
    Ok(())
}

/// Writes a network's flows as a CSV edge list (`source,target,kind,…` and every extra field).
pub fn edges_to_string(net: &Network) -> Result<String, ::csv::Error> {
    let mut extra: Vec<&str> = Vec::new();
    for f in net.flows() {
        for (k, v) in f.extra() {
            if !matches!(v, Value::Array(_) | Value::Object(_)) && !extra.contains(&k.as_str()) {
                extra.push(k);
            }
        }
    }
    let fixed = &crate::model::reserved::FLOW_FIELDS[2..9];
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let mut header = vec!["source", "target"];
    header.extend(fixed);
    header.extend(&extra);
    out.write_record(&header)?;
    for f in net.flows() {
        let mut row = vec![f.from().to_string(), f.to().to_string()];
        for name in fixed.iter().chain(extra.iter()) {
            // Write what the file holds, not the defaults `field` fills in.
            let value = match *name {
                "kind" => f.stated_kind().map(|k| Value::String(k.to_string())),
                "confidence" => f
                    .stated_confidence()
                    .and_then(Number::from_f64)
                    .map(Value::Number),
                _ => f.field(name),
            };
            let cell = match value {
                Some(Value::String(s)) => s,
                Some(Value::Null) | None => String::new(),
                Some(Value::Number(x)) if x.is_f64() => {
                    crate::report::number(x.as_f64().unwrap_or(f64::NAN))
                }
                Some(v) => v.to_string(),
            };
            row.push(cell);
        }
        out.write_record(&row)?;
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn reads_edges_with_typed_columns() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "e.csv",
            "source,target,weight,kind,phase,note\na,b,2.5,gold,3,x\nb,c,,cash,,\n",
        );
        let net = read_edges(&p).unwrap();
        let ids: Vec<_> = net.actors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(net.flow(0).weight(), Some(2.5));
        assert_eq!(net.flow(0).stated_kind(), Some("gold"));
        assert_eq!(net.flow(0).extra()["phase"], 3);
        assert_eq!(net.flow(0).extra()["note"], "x");
        assert_eq!(net.flow(1).weight(), None);
        assert!(!net.flow(1).extra().contains_key("phase"));
    }

    #[test]
    fn errors_give_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "r.csv", "source,target\na,b\nb,c,d\n");
        let msg = read_edges(&p).unwrap_err().to_string();
        assert!(
            msg.ends_with("line 3: 3 fields where the header has 2"),
            "{msg}"
        );
        let p = write(dir.path(), "h.csv", "from,to\na,b\n");
        let msg = read_edges(&p).unwrap_err().to_string();
        assert!(
            msg.contains("line 1") && msg.contains("\"source\""),
            "{msg}"
        );
        let p = write(
            dir.path(),
            "w.csv",
            "source,target,weight\na,b,1\na,c,heavy\n",
        );
        let msg = read_edges(&p).unwrap_err().to_string();
        assert!(
            msg.contains("line 3, column \"weight\": \"heavy\" is not a number"),
            "{msg}"
        );
        let p = write(dir.path(), "n.csv", "source,target,volume\na,b,NaN\n");
        let msg = read_edges(&p).unwrap_err().to_string();
        assert!(msg.contains("not a finite number"), "{msg}");
    }

    #[test]
    fn a_byte_order_mark_before_the_header_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "bom.csv", "\u{feff}source,target\na,b\n");
        assert_eq!(read_edges(&p).unwrap().flow(0).from(), "a");
    }

    #[test]
    fn node_files_add_attributes_and_actors() {
        let dir = tempfile::tempdir().unwrap();
        let e = write(dir.path(), "e.csv", "source,target\na,b\n");
        let n = write(dir.path(), "n.csv", "id,kind,familia\nb,cartel,x\nz,,\n");
        let mut net = read_edges(&e).unwrap();
        read_nodes(&n, &mut net).unwrap();
        assert_eq!(net.actors.len(), 3);
        assert_eq!(net.actors[1].kind.as_deref(), Some("cartel"));
        assert_eq!(net.actors[1].extra()["familia"], "x");
        assert_eq!(net.actors[2].id, "z");
    }

    #[test]
    fn edge_list_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "e.csv",
            "source,target,kind,weight,phase\na,b,gold,2,3\nb,a,cash,,\n",
        );
        let net = read_edges(&p).unwrap();
        let out = write(dir.path(), "o.csv", &edges_to_string(&net).unwrap());
        assert_eq!(read_edges(&out).unwrap(), net);
    }
}
