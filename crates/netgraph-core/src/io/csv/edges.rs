//! Reading CSV edge lists: a byte-level fast path for plain rows, the `csv` crate for the rest.
//!
//! Most edge lists are plain: no quotes, `\n` or `\r\n` line ends, as many cells as the header.
//! Such a row is split at its commas with no copy and no allocation; anything else — a quote, a
//! lone `\r`, a row with the wrong number of cells, bytes that are not UTF-8 — hands that row and
//! everything after it to the `csv` crate's reader, which then gives exactly the errors it always
//! gave. Both paths feed every row to the same [`EdgeLoader::row`], whose cells are trimmed the same
//! way (`str::trim`, as `csv::Trim::All` does for string records), so they build the same network.
//! Both read through [`Bounded`], so the input and line limits of `io::input` hold on either path.
//!
//! Actors are numbered by first appearance in file order (the source of a row before its target).
//! Ids are looked up in one of two maps, chosen by the id alone so that an id always meets itself:
//! a decimal number in canonical form (no sign, no leading zero) below a cap goes to a flat array
//! indexed by its value (one read, no hashing); any other id to a hash map with inline keys.

use super::{csv_error, set_flow_field};
use crate::io::LoadError;
use crate::io::input::{Bounded, Limits};
use crate::model::{Actor, Flow, IdKey, Network};
use crate::report::safe::unneutralise_cell;
use rustc_hash::FxHashMap as HashMap;
use std::io::Read;

/// How rows are read (the general path alone exists for tests and comparisons).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Path {
    /// The fast path, falling back to the `csv` crate for rows it does not handle.
    Fast,
    /// The `csv` crate for every row.
    General,
}

/// Bytes read from the input at a time on the fast path.
const CHUNK: usize = 1 << 20;

/// Numeric ids below this go to the flat array when the input's size is not known.
const DENSE_DEFAULT: usize = 1 << 22;

/// The flat array for numeric ids is never longer than this (a 512 MiB reservation, of which only
/// the pages holding ids in use are ever touched).
const DENSE_MAX: usize = 1 << 27;

/// Actor positions by id while reading (see the module documentation).
struct Ids {
    /// Position + 1 of the actor whose id is the decimal number `i`, 0 when none.
    dense: Vec<u32>,
    /// Every other id.
    text: HashMap<IdKey, u32>,
}

impl Ids {
    /// Numeric ids below `cap` go to the flat array. It is allocated zeroed (fresh pages from the
    /// system, counted in memory use only once written), so its cost is the range of ids in use.
    fn new(cap: usize) -> Self {
        Ids {
            dense: vec![0; cap],
            text: HashMap::default(),
        }
    }

    /// The value of `id` when it is a canonical decimal number below the flat array's length.
    #[inline]
    fn dense_slot(&self, id: &str) -> Option<usize> {
        let b = id.as_bytes();
        if b.is_empty() || b.len() > 9 || (b[0] == b'0' && b.len() > 1) {
            return None;
        }
        let mut v = 0usize;
        for &c in b {
            let d = c.wrapping_sub(b'0');
            if d > 9 {
                return None;
            }
            v = v * 10 + d as usize;
        }
        (v < self.dense.len()).then_some(v)
    }

    /// The position of `id`, adding an actor when it is new; `None` past 2^31 actors.
    #[inline]
    fn position(&mut self, id: &str, actors: &mut Vec<Actor>) -> Option<u32> {
        let next = || u32::try_from(actors.len()).ok().filter(|&p| p < (1 << 31));
        if let Some(v) = self.dense_slot(id) {
            let slot = self.dense[v];
            if slot != 0 {
                return Some(slot - 1);
            }
            let p = next()?;
            self.dense[v] = p + 1;
            actors.push(Actor::new(id));
            return Some(p);
        }
        if let Some(&p) = self.text.get(id) {
            return Some(p);
        }
        let p = next()?;
        self.text.insert(IdKey::from(id), p);
        actors.push(Actor::new(id));
        Some(p)
    }
}

/// The cells of one row, trimmed as `csv::Trim::All` trims a string record.
trait Cells {
    fn count(&self) -> usize;
    fn cell(&self, i: usize) -> &str;
}

impl Cells for ::csv::StringRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn cell(&self, i: usize) -> &str {
        // The reader trims already; trimming again changes nothing.
        &self[i]
    }
}

/// A plain line split at its commas: `ends[i]` is where cell `i` ends (the comma or the line's end).
struct Split<'a> {
    line: &'a str,
    ends: &'a [usize],
}

impl Cells for Split<'_> {
    fn count(&self) -> usize {
        self.ends.len()
    }
    #[inline]
    fn cell(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] + 1 };
        self.line[start..self.ends[i]].trim()
    }
}

/// What rows are turned into: the network being built.
pub(crate) struct EdgeLoader<'f> {
    file: &'f str,
    headers: Vec<String>,
    src: usize,
    dst: usize,
    net: Network,
    ids: Ids,
    /// The fields of the row being read (all but its endpoints), reused from row to row.
    flow: Flow,
}

impl EdgeLoader<'_> {
    fn parse_error(&self, place: String, message: String) -> LoadError {
        LoadError::Parse {
            file: self.file.to_string(),
            place,
            message,
        }
    }

    /// Adds the flow of one row read from `line`.
    fn row(&mut self, cells: &impl Cells, line: u64) -> Result<(), LoadError> {
        if cells.count() != self.headers.len() {
            return Err(self.parse_error(
                format!("line {line}"),
                format!(
                    "{} fields where the header has {}",
                    cells.count(),
                    self.headers.len()
                ),
            ));
        }
        let flow = &mut self.flow;
        flow.kind = None;
        flow.weight = None;
        flow.volume = None;
        flow.confidence = None;
        flow.unit = None;
        flow.since = None;
        flow.until = None;
        flow.extra.clear();
        for (i, name) in self.headers.iter().enumerate() {
            let cell = cells.cell(i);
            if i == self.src || i == self.dst || cell.is_empty() {
                continue;
            }
            let cell = unneutralise_cell(cell);
            if let Err(message) = set_flow_field(flow, name, cell) {
                return Err(LoadError::Parse {
                    file: self.file.to_string(),
                    place: format!("line {line}, column \"{name}\""),
                    message,
                });
            }
        }
        let too_many = || -> LoadError {
            LoadError::Parse {
                file: self.file.to_string(),
                place: format!("line {line}"),
                message: "more than 2^31 actors".into(),
            }
        };
        let actors = &mut self.net.actors;
        let from = self
            .ids
            .position(unneutralise_cell(cells.cell(self.src)), actors)
            .ok_or_else(too_many)?;
        let to = self
            .ids
            .position(unneutralise_cell(cells.cell(self.dst)), actors)
            .ok_or_else(too_many)?;
        self.net.push_flow_between(from, to, &self.flow);
        Ok(())
    }

    fn finish(mut self) -> Network {
        drop(self.ids);
        self.net.index_actors();
        self.net.shrink_to_fit();
        self.net
    }
}

/// A `csv` crate reader with netgraph's settings: trimmed cells, a header, and the row length
/// checked by [`EdgeLoader::row`] (so that both paths say the same).
fn csv_reader<R: Read>(input: R, headers: bool) -> ::csv::Reader<R> {
    ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(headers)
        .trim(::csv::Trim::All)
        .from_reader(input)
}

/// The header of an edge list, checked: its cells, and where `source` and `target` are.
fn header<R: Read>(
    reader: &mut ::csv::Reader<R>,
    file: &str,
    limits: &Limits,
) -> Result<(Vec<String>, usize, usize), LoadError> {
    let headers = super::header_row(reader, file, limits)?;
    let headers: Vec<String> = headers.iter().map(str::to_string).collect();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(src), Some(dst)) = (column("source"), column("target")) else {
        return Err(LoadError::Parse {
            file: file.to_string(),
            place: "line 1".into(),
            message: format!(
                "the header needs \"source\" and \"target\" columns (found: {})",
                headers.join(", ")
            ),
        });
    };
    Ok((headers, src, dst))
}

/// Reads the rows of `reader` (a `csv` crate reader) into `loader`; the reader's line 1 is the
/// input's line `1 + offset`.
fn general_rows<R: Read>(
    loader: &mut EdgeLoader,
    mut reader: ::csv::Reader<R>,
    offset: u64,
) -> Result<(), LoadError> {
    let mut record = ::csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .map_err(|e| csv_error(loader.file, e))?
    {
        let line = record.position().map(|p| p.line()).unwrap_or(0) + offset;
        loader.row(&record, line)?;
    }
    Ok(())
}

/// Reads a CSV edge list from `input` (`size`: its length in bytes when known, to size the flat
/// array of numeric ids); `file` names it in errors.
pub(crate) fn parse(
    input: impl Read,
    file: &str,
    size: Option<u64>,
    path: Path,
) -> Result<Network, LoadError> {
    let limits = Limits::from_env()?;
    let mut input = Bounded::new(input, &limits, true);
    let cap = size.map_or(DENSE_DEFAULT, |s| {
        usize::try_from(s / 4)
            .unwrap_or(DENSE_MAX)
            .clamp(1 << 10, DENSE_MAX)
    });
    let new_loader = |(headers, src, dst): (Vec<String>, usize, usize)| EdgeLoader {
        file,
        headers,
        src,
        dst,
        net: Network::new(),
        ids: Ids::new(cap),
        flow: Flow::new("", ""),
    };
    let read_error = |e: std::io::Error| LoadError::Read {
        file: file.to_string(),
        cause: std::io::Error::new(e.kind(), e.to_string()),
    };

    if path == Path::General {
        let mut reader = csv_reader(input, true);
        let mut loader = new_loader(header(&mut reader, file, &limits)?);
        general_rows(&mut loader, reader, 0)?;
        return Ok(loader.finish());
    }

    let mut buf = Chunks::new();
    // The header line: when it is plain, the `csv` crate reads it alone; otherwise (quotes, which
    // may span lines, or a lone `\r`) the general path reads the whole input.
    let head_end = loop {
        if let Some(k) = memchr::memchr(b'\n', buf.pending()) {
            break Some(buf.start + k + 1);
        }
        if !buf.fill(&mut input).map_err(read_error)? {
            break None;
        }
    };
    let head_len = head_end.unwrap_or(buf.end);
    let head = &buf.data[..head_len];
    let plain_head = memchr::memchr(b'"', head).is_none()
        && head
            .iter()
            .position(|&b| b == b'\r')
            .is_none_or(|r| r + 2 == head_len && head[r + 1] == b'\n');
    if !plain_head {
        let rest = std::io::Cursor::new(buf.data[..buf.end].to_vec()).chain(input);
        let mut reader = csv_reader(rest, true);
        let mut loader = new_loader(header(&mut reader, file, &limits)?);
        general_rows(&mut loader, reader, 0)?;
        return Ok(loader.finish());
    }
    let mut loader = {
        let mut reader = csv_reader(head, true);
        new_loader(header(&mut reader, file, &limits)?)
    };
    buf.start = head_len;
    let columns = loader.headers.len();
    if let Some(size) = size {
        // A guess from the header's length; the columns are trimmed once read.
        let rows = size / (head_len as u64).max(8);
        loader
            .net
            .reserve_flows(usize::try_from(rows).unwrap_or(0).min(1 << 26));
    }

    let mut line_no: u64 = 1;
    let mut ends: Vec<usize> = Vec::with_capacity(columns);
    loop {
        let (line_start, line_end, next) = match memchr::memchr(b'\n', buf.pending()) {
            Some(k) => (buf.start, buf.start + k, buf.start + k + 1),
            None => {
                if buf.fill(&mut input).map_err(read_error)? {
                    continue;
                }
                if buf.start == buf.end {
                    break;
                }
                (buf.start, buf.end, buf.end)
            }
        };
        line_no += 1;
        let mut bytes = &buf.data[line_start..line_end];
        if let [head @ .., b'\r'] = bytes {
            bytes = head;
        }
        if bytes.is_empty() {
            buf.start = next;
            continue;
        }
        ends.clear();
        let mut plain = true;
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b',' => ends.push(i),
                b'"' | b'\r' => {
                    plain = false;
                    break;
                }
                _ => {}
            }
        }
        ends.push(bytes.len());
        let text = match std::str::from_utf8(bytes) {
            Ok(text) if plain && ends.len() == columns => text,
            _ => {
                // From this row on, the `csv` crate reads (and reports what is wrong).
                let rest =
                    std::io::Cursor::new(buf.data[line_start..buf.end].to_vec()).chain(input);
                general_rows(&mut loader, csv_reader(rest, false), line_no - 1)?;
                return Ok(loader.finish());
            }
        };
        loader.row(
            &Split {
                line: text,
                ends: &ends,
            },
            line_no,
        )?;
        buf.start = next;
    }
    Ok(loader.finish())
}

/// A buffer of input bytes: `data[start..end]` is read and not yet used.
struct Chunks {
    data: Vec<u8>,
    start: usize,
    end: usize,
}

impl Chunks {
    fn new() -> Self {
        Chunks {
            data: vec![0; CHUNK],
            start: 0,
            end: 0,
        }
    }

    fn pending(&self) -> &[u8] {
        &self.data[self.start..self.end]
    }

    /// Reads more input after the pending bytes (moving them to the front, or growing the buffer
    /// for a line longer than it); false at the end of the input.
    fn fill(&mut self, input: &mut impl Read) -> std::io::Result<bool> {
        if self.start > 0 {
            self.data.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.data.len() {
            self.data.resize(self.data.len() * 2, 0);
        }
        loop {
            match input.read(&mut self.data[self.end..]) {
                Ok(0) => return Ok(false),
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}
