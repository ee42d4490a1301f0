//! Reading CSV edge lists: a byte-level fast path for plain rows, the `csv` crate for the rest.
//!
//! Most edge lists are plain: no quotes, `\n` or `\r\n` line ends, as many cells as the header.
//! Such a row is split at its commas with no copy and no allocation; anything else — a quote, a
//! lone `\r`, a row with the wrong number of cells, bytes that are not UTF-8 — hands that row and
//! everything after it to the `csv` crate's reader, which then gives the errors it always gave.
//! Both paths name the physical line where the row in error starts (counting `\n`; `lines`).
//! Both paths feed every row to the same [`EdgeLoader::row`], whose cells are trimmed the same
//! way (`str::trim`, as `csv::Trim::All` does for string records), so they build the same network.
//! Both read through [`Bounded`], so the input and line limits of `io::input` hold on either path.
//!
//! Actors are numbered by first appearance in file order (the source of a row before its target).
//! Ids are looked up in one of two maps, chosen by the id alone so that an id always meets itself:
//! a decimal number in canonical form (no sign, no leading zero) below a cap goes to a flat array
//! indexed by its value (one read, no hashing); any other id to a hash map with inline keys.

use super::lines::Lines;
use super::{next_record, set_flow_field};
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
    /// The last text id met in the source and in the target column, with its position: edge lists
    /// are often grouped by source, and a repeated id then costs no hash lookup.
    last: [(IdKey, u32); 2],
}

impl Ids {
    /// Numeric ids below `cap` go to the flat array. It is allocated zeroed (fresh pages from the
    /// system, counted in memory use only once written), so its cost is the range of ids in use.
    fn new(cap: usize) -> Self {
        Ids {
            dense: vec![0; cap],
            text: HashMap::default(),
            last: [(IdKey::default(), u32::MAX), (IdKey::default(), u32::MAX)],
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

    /// The position of `id`, met in the source (`end` 0) or target column (1), adding an actor
    /// when it is new; `None` past 2^31 actors.
    #[inline]
    fn position(&mut self, id: &str, end: usize, actors: &mut Vec<Actor>) -> Option<u32> {
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
        let last = &mut self.last[end];
        if last.1 != u32::MAX && last.0 == id {
            return Some(last.1);
        }
        let p = match self.text.get(id) {
            Some(&p) => p,
            None => {
                let p = next()?;
                self.text.insert(IdKey::from(id), p);
                actors.push(Actor::new(id));
                p
            }
        };
        *last = (IdKey::from(id), p);
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
            .position(unneutralise_cell(cells.cell(self.src)), 0, actors)
            .ok_or_else(too_many)?;
        let to = self
            .ids
            .position(unneutralise_cell(cells.cell(self.dst)), 1, actors)
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
/// checked by [`EdgeLoader::row`] (so that both paths say the same), over a reader that knows the
/// line of each record.
fn csv_reader<R: Read>(input: R, headers: bool) -> ::csv::Reader<Lines<R>> {
    ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(headers)
        .trim(::csv::Trim::All)
        .from_reader(Lines::new(input))
}

/// The header of an edge list, checked: its cells, and where `source` and `target` are.
fn header<R: Read>(
    reader: &mut ::csv::Reader<Lines<R>>,
    file: &str,
    limits: &Limits,
) -> Result<(Vec<String>, usize, usize), LoadError> {
    let (headers, line) = super::header_row(reader, file, limits)?;
    let headers: Vec<String> = headers.iter().map(str::to_string).collect();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(src), Some(dst)) = (column("source"), column("target")) else {
        return Err(LoadError::Parse {
            file: file.to_string(),
            place: format!("line {line}"),
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
    mut reader: ::csv::Reader<Lines<R>>,
    offset: u64,
) -> Result<(), LoadError> {
    let mut record = ::csv::StringRecord::new();
    loop {
        let (more, line) = next_record(&mut reader, &mut record, loader.file, offset)?;
        if !more {
            return Ok(());
        }
        loader.row(&record, line)?;
    }
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
    // (A header after empty lines goes to the general path too: it skips them as it always did.)
    let plain_head = memchr::memchr(b'"', head).is_none()
        && head.iter().any(|&b| b != b'\r' && b != b'\n')
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
        // Room for the flows, guessed from the length of the rows in the first chunk read.
        let sample = &buf.data[head_len..buf.end];
        let rows = memchr::memchr_iter(b'\n', sample).count() as u64;
        if rows >= 64 {
            let guess = size.saturating_sub(head_len as u64) / (sample.len() as u64 / rows).max(1);
            let guess = usize::try_from(guess + guess / 32)
                .unwrap_or(0)
                .min(1 << 28);
            loader.net.reserve_flows(guess);
        }
    }
    // The line being read: 1 + the `\n` before it (the header is line 1).
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
                // From this row (on line `line_no`) on, the `csv` crate reads (and reports what
                // is wrong).
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(text: &[u8], path: Path) -> Result<Network, String> {
        parse(text, "t.csv", Some(text.len() as u64), path).map_err(|e| e.to_string())
    }

    fn ids(net: &Network) -> Vec<&str> {
        net.actors.iter().map(|a| a.id.as_str()).collect()
    }

    fn ends(net: &Network) -> Vec<(String, String)> {
        net.flows()
            .map(|f| (f.from().to_string(), f.to().to_string()))
            .collect()
    }

    #[test]
    fn actors_come_in_order_of_first_appearance_whatever_map_holds_their_id() {
        // Numeric ids in canonical form go to the flat array, the others (`07`, `x`, a number past
        // the array) to the hash map; the order is the file's either way, and `7` is not `07`.
        let text = b"source,target\n7,07\nx,7\n07,99999999999\n 7 ,3\n";
        let net = read(text, Path::Fast).unwrap();
        assert_eq!(ids(&net), ["7", "07", "x", "99999999999", "3"]);
        assert_eq!(
            ends(&net),
            [
                ("7".into(), "07".into()),
                ("x".into(), "7".into()),
                ("07".into(), "99999999999".into()),
                ("7".into(), "3".into())
            ]
        );
    }

    #[test]
    fn crlf_empty_lines_and_a_missing_last_newline_are_plain() {
        let text = b"source,target,weight\r\na,b,2\r\n\r\n\nb,c,3";
        let net = read(text, Path::Fast).unwrap();
        assert_eq!(ids(&net), ["a", "b", "c"]);
        assert_eq!(net.flow(1).weight(), Some(3.0));
        // In a file with CRLF line ends, a bad cell on line 3 is named on line 3 (the `csv` crate
        // alone would say line 2).
        let text = b"source,target,weight\r\na,b,1\r\nb,c,x\r\n";
        for path in [Path::Fast, Path::General] {
            assert_eq!(
                read(text, path).unwrap_err(),
                "t.csv: line 3, column \"weight\": \"x\" is not a number"
            );
        }
        // A bad cell after empty lines: named on its own line, 4 (the crate alone would say 2).
        let text = b"source,target,weight\n\n\na,b,x\n";
        for path in [Path::Fast, Path::General] {
            assert_eq!(
                read(text, path).unwrap_err(),
                "t.csv: line 4, column \"weight\": \"x\" is not a number"
            );
        }
        // Empty lines before the header count too.
        let text = b"\r\n\nsource,target,weight\na,b,x\n";
        for path in [Path::Fast, Path::General] {
            assert_eq!(
                read(text, path).unwrap_err(),
                "t.csv: line 4, column \"weight\": \"x\" is not a number"
            );
        }
    }

    #[test]
    fn a_quoted_row_hands_the_rest_to_the_csv_crate_with_the_right_lines() {
        let text = b"source,target,note\na,b,x\n\"c,d\",e,\"two\nlines\"\nf,g,h\nf,g\n";
        let e = read(text, Path::Fast).unwrap_err();
        assert_eq!(e, "t.csv: line 6: 2 fields where the header has 3");
        let text = b"source,target,note\na,b,x\n\"c,d\",e,\"two\nlines\"\nf,g,h\n";
        let net = read(text, Path::Fast).unwrap();
        assert_eq!(ids(&net), ["a", "b", "c,d", "e", "f", "g"]);
        assert_eq!(net.flow(1).extra()["note"], "two\nlines");
        // A quoted header: the general path reads everything.
        let text = b"\"source\",target\na,b\n";
        assert_eq!(ids(&read(text, Path::Fast).unwrap()), ["a", "b"]);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_row_but_not_a_line() {
        // Lines are counted by `\n`: rows that only a `\r` separates are on one line.
        let text = b"source,target\ra,b\rc\nd,e\n";
        for path in [Path::Fast, Path::General] {
            assert_eq!(
                read(text, path).unwrap_err(),
                "t.csv: line 1: 1 fields where the header has 2"
            );
        }
        let text = b"source,target\na,b\rc,d\n\re\n";
        for path in [Path::Fast, Path::General] {
            assert_eq!(
                read(text, path).unwrap_err(),
                "t.csv: line 3: 1 fields where the header has 2"
            );
        }
    }

    /// What is wrong with the bad row of a generated file.
    #[derive(Debug, Clone, Copy)]
    enum Fault {
        /// A weight that is not a number.
        Weight,
        /// One cell too many.
        Long,
        /// One cell too few.
        Short,
        /// A note that is not UTF-8.
        Bytes,
    }

    /// One row of a generated file: its line end (`\r\n` or `\n`), whether its note is quoted and
    /// spans `k` more lines, and the empty lines after it (each `\n`, `\r\n` or, when `spaces`,
    /// nothing: a line of spaces is a row, not an empty line).
    type GenRow = (bool, usize, Vec<bool>);

    /// A file whose header is `source,target,weight,note`, then `rows`, then a row with `fault`
    /// (its note quoted over `bad_span` more lines), then one more good row; with the line where
    /// the bad row starts, counted as the file is made.
    fn faulty_file(
        bom: bool,
        crlf_head: bool,
        rows: &[GenRow],
        fault: Fault,
        bad_span: usize,
    ) -> (Vec<u8>, u64) {
        let mut text: Vec<u8> = Vec::new();
        if bom {
            text.extend("\u{feff}".as_bytes());
        }
        let eol = |crlf: bool| -> &'static [u8] { if crlf { b"\r\n" } else { b"\n" } };
        let note = |span: usize| -> Vec<u8> {
            if span == 0 {
                b"plain".to_vec()
            } else {
                let mut n = b"\"first".to_vec();
                for i in 0..span {
                    n.extend(if i % 2 == 0 { &b"\n"[..] } else { &b"\r\n"[..] });
                    n.extend(b"more, \"\"quoted\"\"");
                }
                n.push(b'"');
                n
            }
        };
        text.extend(b"source,target,weight,note");
        text.extend(eol(crlf_head));
        let mut line: u64 = 2;
        for (i, (crlf, span, blanks)) in rows.iter().enumerate() {
            text.extend(format!("a{i},b{i},{i},").as_bytes());
            text.extend(note(*span));
            text.extend(eol(*crlf));
            line += 1 + *span as u64;
            for &blank_crlf in blanks {
                text.extend(eol(blank_crlf));
                line += 1;
            }
        }
        let bad_line = line;
        match fault {
            Fault::Weight => text.extend(b"x,y,heavy,"),
            Fault::Long => text.extend(b"x,y,1,extra,"),
            Fault::Short => text.extend(b"x,"),
            Fault::Bytes => text.extend(b"x,y,1,\xff"),
        }
        text.extend(note(bad_span));
        text.extend(b"\nz,w,1,plain\n");
        (text, bad_line)
    }

    fn fault_message(fault: Fault, line: u64) -> String {
        match fault {
            Fault::Weight => {
                format!("t.csv: line {line}, column \"weight\": \"heavy\" is not a number")
            }
            Fault::Long => format!("t.csv: line {line}: 5 fields where the header has 4"),
            Fault::Short => format!("t.csv: line {line}: 2 fields where the header has 4"),
            Fault::Bytes => format!("t.csv: line {line}: not UTF-8"),
        }
    }

    #[test]
    fn errors_name_the_line_where_the_bad_row_starts() {
        // Hand-made cases of each kind, with the line counted by eye.
        let cases: [(&[u8], &str); 5] = [
            (
                b"source,target,weight,note\r\na,b,1,n\r\n\r\n\nc,d,x,n\r\n",
                "t.csv: line 5, column \"weight\": \"x\" is not a number",
            ),
            (
                b"\xef\xbb\xbfsource,target,weight,note\na,b,1,\"1\n2\n3\"\nc,d,1\n",
                "t.csv: line 5: 3 fields where the header has 4",
            ),
            (
                b"source,target,weight,note\n\na,b,x,\"1\n2\"\nc,d,1\n",
                "t.csv: line 3, column \"weight\": \"x\" is not a number",
            ),
            (
                b"source,target,weight,note\na,b,1,n\n  \nc,d,1,n\n",
                "t.csv: line 3: 1 fields where the header has 4",
            ),
            (
                b"source,target,weight,note\r\na,b,1,n\r\n\r\nc,d,1,\xff\r\n",
                "t.csv: line 4: not UTF-8",
            ),
        ];
        for (text, want) in cases {
            for path in [Path::Fast, Path::General] {
                let got = read(text, path).unwrap_err();
                assert!(got.starts_with(want), "{path:?}: {got}");
            }
        }
    }

    #[test]
    fn lines_are_counted_across_the_readers_buffers() {
        // Runs of empty lines and a quoted cell far longer than the `csv` crate's buffer (8 KiB)
        // and the fast path's chunk (1 MiB): 2 + 300,000 empty lines, a row over 20,001 lines,
        // then the bad row.
        let mut text = b"source,target,note\na,b,n\n".to_vec();
        text.extend("\r\n\n".repeat(150_000).as_bytes());
        text.extend(b"c,d,\"");
        text.extend("x\r\n".repeat(20_000).as_bytes());
        text.extend(b"\"\ne,f\n");
        let want = format!(
            "t.csv: line {}: 2 fields where the header has 3",
            2 + 300_000 + 20_001 + 1
        );
        for path in [Path::Fast, Path::General] {
            assert_eq!(read(&text, path).unwrap_err(), want, "{path:?}");
        }
    }

    #[test]
    fn node_file_errors_name_the_line_where_the_bad_row_starts() {
        let read_nodes = |text: &[u8]| {
            let mut net = Network::new();
            super::super::parse_nodes(text, "n.csv", &mut net)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            read_nodes(b"id,kind\r\na,x\r\n\r\n\nb,y,z\r\n"),
            "n.csv: line 5: 3 fields where the header has 2"
        );
        let bad_id = read_nodes(b"\xef\xbb\xbfid,kind\na,\"1\n2\"\n\nb:c,y\n");
        assert!(
            bad_id.starts_with("n.csv: line 5, column \"id\": id \"b:c\""),
            "{bad_id}"
        );
        assert_eq!(
            read_nodes(b"\n\r\nname,kind\na,x\n"),
            "n.csv: line 3: the header needs an \"id\" column"
        );
    }

    #[test]
    fn bad_text_and_short_rows_are_reported_as_the_csv_crate_reports_them() {
        let text = b"source,target\na,b\nc,\xff\n";
        let (fast, general) = (read(text, Path::Fast), read(text, Path::General));
        assert!(
            fast.as_ref().unwrap_err().contains("line 3: not UTF-8"),
            "{fast:?}"
        );
        assert_eq!(fast, general);
        let text = b"source,target\na,b\nc\n";
        assert_eq!(
            read(text, Path::Fast).unwrap_err(),
            "t.csv: line 3: 1 fields where the header has 2"
        );
    }

    /// Cells that the generated files are made of: plain and padded ids, numeric ids in and out of
    /// canonical form, quotes (with commas, doubled quotes and newlines inside), non-ASCII text
    /// and Unicode spaces, numbers good and bad, formula-neutralised cells, empty cells.
    const CELLS: &[&str] = &[
        "a",
        "b",
        "c",
        " d ",
        "0",
        "1",
        "7",
        "07",
        "42",
        "123456789",
        "1234567890",
        "-3",
        "+4",
        "é",
        "\u{a0}x\u{a0}",
        "\"q\"",
        "\"a,b\"",
        "\"say \"\"hi\"\"\"",
        "\"two\nlines\"",
        "",
        "2.5",
        "1e3",
        "x",
        "NaN",
        "'=1",
        "'+x",
        "\t7\t",
    ];
    const COLUMNS: &[&str] = &["weight", "kind", "volume", "note", "since", "confidence"];
    const ENDS: &[&str] = &["\n", "\r\n", "\n", "\n\n", "\r", "\n  \n"];

    fn file(
        bom: bool,
        head_end: &str,
        extra: &[usize],
        swap: bool,
        rows: &[(Vec<usize>, usize, i8)],
    ) -> Vec<u8> {
        let mut header = vec!["source", "target"];
        if swap {
            header.swap(0, 1);
        }
        header.extend(extra.iter().map(|&c| COLUMNS[c % COLUMNS.len()]));
        header.dedup();
        let mut text = String::new();
        if bom {
            text.push('\u{feff}');
        }
        text.push_str(&header.join(","));
        text.push_str(head_end);
        for (cells, end, shape) in rows {
            let mut row: Vec<&str> = (0..header.len())
                .map(|i| CELLS[cells.get(i).copied().unwrap_or(0) % CELLS.len()])
                .collect();
            // Now and then a row misses a cell or has one too many.
            match shape {
                -1 => {
                    row.pop();
                }
                1 => row.push("z"),
                _ => {}
            }
            text.push_str(&row.join(","));
            text.push_str(ENDS[end % ENDS.len()]);
        }
        text.into_bytes()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn the_fast_path_reads_what_the_csv_crate_reads(
            bom in any::<bool>(),
            head_end in prop::sample::select(vec!["\n", "\r\n", "\n\n", "\r"]),
            swap in any::<bool>(),
            extra in prop::collection::vec(0usize..COLUMNS.len(), 0..3),
            rows in prop::collection::vec(
                (
                    prop::collection::vec(0usize..64, 5),
                    0usize..32,
                    prop_oneof![18 => Just(0i8), 1 => Just(-1i8), 1 => Just(1i8)],
                ),
                0..40,
            ),
            weights_only in any::<bool>(),
        ) {
            // Most cells from the first, plain part of the pool so that most files read without error.
            let rows: Vec<_> = rows
                .into_iter()
                .map(|(cells, end, shape)| {
                    let cells = cells
                        .into_iter()
                        .map(|c| if weights_only || c >= CELLS.len() { c % 13 } else { c })
                        .collect();
                    (cells, if end >= ENDS.len() { 0 } else { end }, shape)
                })
                .collect();
            let text = file(bom, head_end, &extra, swap, &rows);
            let fast = read(&text, Path::Fast);
            let general = read(&text, Path::General);
            prop_assert_eq!(&fast, &general, "{}", String::from_utf8_lossy(&text));
            if let (Ok(a), Ok(b)) = (&fast, &general) {
                prop_assert_eq!(ids(a), ids(b));
                prop_assert_eq!(ends(a), ends(b));
            }
        }

        #[test]
        fn errors_name_the_line_of_the_bad_row_on_both_paths(
            bom in any::<bool>(),
            crlf_head in any::<bool>(),
            rows in prop::collection::vec(
                (
                    any::<bool>(),
                    prop_oneof![6 => Just(0usize), 1 => 1usize..4],
                    prop::collection::vec(any::<bool>(), 0..3),
                ),
                0..30,
            ),
            fault in prop::sample::select(vec![Fault::Weight, Fault::Long, Fault::Short, Fault::Bytes]),
            bad_span in prop_oneof![3 => Just(0usize), 1 => 1usize..4],
        ) {
            let (text, line) = faulty_file(bom, crlf_head, &rows, fault, bad_span);
            let want = fault_message(fault, line);
            for path in [Path::Fast, Path::General] {
                let got = read(&text, path).unwrap_err();
                prop_assert!(
                    got.starts_with(&want),
                    "{:?}: {} instead of {} in {:?}", path, got, want, String::from_utf8_lossy(&text)
                );
            }
        }

        #[test]
        fn arbitrary_bytes_read_the_same_on_both_paths(
            body in prop::collection::vec(
                prop_oneof![
                    8 => prop::sample::select(b"ab7,0\n".to_vec()),
                    1 => prop::sample::select(b"\"\r \xff\xc3\xa9".to_vec()),
                ],
                0..200,
            ),
        ) {
            let mut text = b"source,target,w\n".to_vec();
            text.extend(body);
            prop_assert_eq!(read(&text, Path::Fast), read(&text, Path::General));
        }
    }
}
