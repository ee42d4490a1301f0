//! Bounded input: every file netgraph reads (networks, `--nodes`, scenario files, the documents of
//! `validate --sources`) and standard input go through here.
//!
//! - Only regular files are opened: a FIFO, a device (`/dev/zero`), a socket or a folder is refused
//!   at once (`-` reads standard input), so nothing blocks forever or reads without end.
//! - A document larger than [`Limits::input`] is refused before it is read (a file) or as soon as
//!   the limit is passed (standard input); a CSV line longer than [`Limits::line`] and a CSV header
//!   of more than [`Limits::columns`] columns stop the reader. Memory use is thus bounded by a
//!   small multiple of the limits whatever the input.
//! - One field — a JSON string (a name, a quote, a key) or an XML tag or text between two tags — is
//!   at most [`Limits::field`] bytes, checked as the text is read, before the parser builds it.
//! - Every file opened is remembered ([`is_input`]), so that an output can never replace an input.
//!
//! The limits have generous defaults and are raised (or lowered) by environment variables:
//! `NETGRAPH_MAX_INPUT` (bytes per document, default 4 GiB), `NETGRAPH_MAX_LINE` (bytes per CSV
//! line, default 64 MiB), `NETGRAPH_MAX_FIELD` (bytes per JSON string or XML tag or text, default
//! 64 MiB), `NETGRAPH_MAX_COLUMNS` (columns of a CSV header, default 10,000). Sizes
//! take a `K`, `M` or `G` suffix (powers of 1024).

use super::LoadError;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Limits on what a reader accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes in one document (a file, or standard input).
    pub input: u64,
    /// Bytes in one CSV line (so one CSV field).
    pub line: u64,
    /// Bytes in one JSON string, or in one XML tag or text between tags.
    pub field: u64,
    /// Columns in a CSV header.
    pub columns: usize,
}

/// The environment variable for [`Limits::input`].
pub const MAX_INPUT_VAR: &str = "NETGRAPH_MAX_INPUT";
/// The environment variable for [`Limits::line`].
pub const MAX_LINE_VAR: &str = "NETGRAPH_MAX_LINE";
/// The environment variable for [`Limits::field`].
pub const MAX_FIELD_VAR: &str = "NETGRAPH_MAX_FIELD";
/// The environment variable for [`Limits::columns`].
pub const MAX_COLUMNS_VAR: &str = "NETGRAPH_MAX_COLUMNS";

impl Default for Limits {
    fn default() -> Self {
        Limits {
            input: 4 << 30,
            line: 64 << 20,
            field: 64 << 20,
            columns: 10_000,
        }
    }
}

impl Limits {
    /// The defaults, with each limit replaced by its environment variable when that is set. A
    /// variable that is not a size is an error naming it.
    pub fn from_env() -> Result<Limits, LoadError> {
        let mut limits = Limits::default();
        let var = |name: &str| -> Result<Option<u64>, LoadError> {
            match std::env::var(name) {
                Ok(text) => parse_size(&text).map(Some).ok_or_else(|| LoadError::Refused {
                    file: name.to_string(),
                    message: format!(
                        "\"{text}\" is not a size (a whole number of bytes, with an optional K, M or G suffix)"
                    ),
                }),
                Err(_) => Ok(None),
            }
        };
        if let Some(n) = var(MAX_INPUT_VAR)? {
            limits.input = n;
        }
        if let Some(n) = var(MAX_LINE_VAR)? {
            limits.line = n;
        }
        if let Some(n) = var(MAX_FIELD_VAR)? {
            limits.field = n;
        }
        if let Some(n) = var(MAX_COLUMNS_VAR)? {
            limits.columns = usize::try_from(n).unwrap_or(usize::MAX);
        }
        Ok(limits)
    }
}

/// Parses a size: a whole number with an optional `K`, `M` or `G` suffix (powers of 1024).
pub fn parse_size(text: &str) -> Option<u64> {
    let t = text.trim();
    let (digits, shift) = match t.char_indices().last()? {
        (i, 'k' | 'K') => (&t[..i], 10),
        (i, 'm' | 'M') => (&t[..i], 20),
        (i, 'g' | 'G') => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: u64 = digits.trim().parse().ok()?;
    n.checked_mul(1u64 << shift)
}

/// A size for messages: `4 GiB`, `64 MiB`, `1000 bytes`.
pub fn show_size(n: u64) -> String {
    for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] {
        if n >= 1 << shift && n.is_multiple_of(1 << shift) {
            return format!("{} {unit}", n >> shift);
        }
    }
    format!("{n} bytes")
}

fn too_large(file: &str, what: &str, limit: u64, var: &str) -> LoadError {
    LoadError::Refused {
        file: file.to_string(),
        message: format!(
            "{what} is larger than the limit of {} (set {var} to raise it; docs/reliability.md)",
            show_size(limit)
        ),
    }
}

/// The identities (device and inode, and the canonical path) of every file opened for reading.
static INPUTS: Mutex<Vec<(u64, u64, PathBuf)>> = Mutex::new(Vec::new());

fn remember(path: &Path, meta: &std::fs::Metadata) {
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let (dev, ino) = identity(meta);
    if let Ok(mut inputs) = INPUTS.lock() {
        inputs.push((dev, ino, canonical));
    }
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// Whether `path` is (or, through links, leads to) a file this run has read: an output named so
/// would replace its own input.
pub fn is_input(path: &Path) -> Option<PathBuf> {
    let inputs = INPUTS.lock().ok()?;
    let canonical = std::fs::canonicalize(path).ok();
    let meta = std::fs::metadata(path).ok();
    inputs
        .iter()
        .find(|(dev, ino, p)| {
            canonical.as_deref() == Some(p.as_path())
                || meta
                    .as_ref()
                    .is_some_and(|m| cfg!(unix) && identity(m) == (*dev, *ino))
        })
        .map(|(_, _, p)| p.clone())
}

/// The inputs of this run that lie inside the folder `dir` (an output folder must not hold them).
pub fn inputs_inside(dir: &Path) -> Option<PathBuf> {
    let dir = std::fs::canonicalize(dir).ok()?;
    let inputs = INPUTS.lock().ok()?;
    inputs
        .iter()
        .find(|(_, _, p)| p.starts_with(&dir))
        .map(|(_, _, p)| p.clone())
}

/// What a path that is not a regular file is, for messages.
fn file_type_name(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Opens a regular file for reading, within the input limit; anything else (a FIFO, a device, a
/// folder) is refused with one line. The file is remembered as an input of this run.
pub fn open(path: &Path) -> Result<(std::fs::File, Limits), LoadError> {
    let file = path.display().to_string();
    let read_error = |e: std::io::Error| LoadError::Read {
        file: file.clone(),
        cause: e,
    };
    let limits = Limits::from_env()?;
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if !meta.is_file() {
        return Err(LoadError::Refused {
            file,
            message: format!(
                "is {}, not a regular file (use - to read standard input)",
                file_type_name(&meta)
            ),
        });
    }
    if meta.len() > limits.input {
        return Err(too_large(&file, "the file", limits.input, MAX_INPUT_VAR));
    }
    let handle = std::fs::File::open(path).map_err(read_error)?;
    remember(path, &meta);
    Ok((handle, limits))
}

/// Reads a whole regular file as UTF-8 text, within the input limit. Text that is not UTF-8 is
/// reported with the line of the first bad byte.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let file = path.display().to_string();
    let (handle, limits) = open(path)?;
    let mut bytes = Vec::new();
    // The file may have grown since its size was checked: read at most one byte past the limit.
    handle
        .take(limits.input.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::Read {
            file: file.clone(),
            cause: e,
        })?;
    if bytes.len() as u64 > limits.input {
        return Err(too_large(&file, "the file", limits.input, MAX_INPUT_VAR));
    }
    utf8(bytes, &file)
}

/// Like [`read_text`], and checks that no field of `syntax` is longer than the field limit; the
/// error names the line where the long field starts.
pub fn read_text_fields(path: &Path, syntax: Syntax) -> Result<String, LoadError> {
    let text = read_text(path)?;
    let limits = Limits::from_env()?;
    check_fields(&text, syntax, &path.display().to_string(), &limits)?;
    Ok(text)
}

/// Checks that no field of `syntax` in `text` is longer than the field limit; the error names the
/// line where the long field starts.
pub fn check_fields(
    text: &str,
    syntax: Syntax,
    file: &str,
    limits: &Limits,
) -> Result<(), LoadError> {
    let mut scan = FieldScan::new(syntax, limits.field);
    match scan.feed(text.as_bytes()) {
        Ok(()) => Ok(()),
        Err(start) => {
            let line = 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..start as usize]).count();
            Err(LoadError::Parse {
                file: file.to_string(),
                place: format!("line {line}"),
                message: field_message(syntax, limits.field),
            })
        }
    }
}

fn field_message(syntax: Syntax, limit: u64) -> String {
    let what = match syntax {
        Syntax::Json => "a string",
        Syntax::Xml => "a tag or a text",
    };
    format!(
        "{what} longer than the limit of {} (set {MAX_FIELD_VAR} to raise it; docs/reliability.md)",
        show_size(limit)
    )
}

/// The syntax whose fields a [`FieldScan`] measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// JSON: a field is a string (between its quotes, escapes counted as written).
    Json,
    /// XML: a field is what lies between two `<`: a tag with its attributes, or a text.
    Xml,
}

/// Measures the fields of a text read in pieces, and reports the first longer than a limit.
///
/// One pass over the bytes (memchr), so checking costs a small fraction of parsing.
#[derive(Debug, Clone)]
pub struct FieldScan {
    syntax: Syntax,
    limit: u64,
    /// Bytes read before the current piece.
    offset: u64,
    /// Where the current field started (JSON: inside a string; XML: always in a field).
    start: Option<u64>,
    /// JSON: the last byte of the previous piece was a backslash inside a string.
    escaped: bool,
}

impl FieldScan {
    /// A scan of `syntax` fields against `limit` bytes.
    pub fn new(syntax: Syntax, limit: u64) -> Self {
        FieldScan {
            syntax,
            limit,
            offset: 0,
            start: (syntax == Syntax::Xml).then_some(0),
            escaped: false,
        }
    }

    /// Reads the next piece; an error carries the byte offset where the long field starts.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), u64> {
        let mut i = 0;
        match self.syntax {
            Syntax::Xml => {
                for at in memchr::memchr_iter(b'<', bytes) {
                    self.check(at)?;
                    self.start = Some(self.offset + at as u64);
                }
            }
            Syntax::Json => {
                if self.escaped && !bytes.is_empty() {
                    self.escaped = false;
                    i = 1;
                }
                while i < bytes.len() {
                    if self.start.is_none() {
                        match memchr::memchr(b'"', &bytes[i..]) {
                            Some(q) => {
                                i += q + 1;
                                self.start = Some(self.offset + i as u64);
                            }
                            None => break,
                        }
                    } else {
                        match memchr::memchr2(b'"', b'\\', &bytes[i..]) {
                            Some(q) if bytes[i + q] == b'"' => {
                                self.check(i + q)?;
                                self.start = None;
                                i += q + 1;
                            }
                            Some(q) => {
                                // A backslash escapes the next byte (which may be in the next piece).
                                if i + q + 1 >= bytes.len() {
                                    self.escaped = true;
                                }
                                i += q + 2;
                            }
                            None => break,
                        }
                    }
                }
            }
        }
        self.check(bytes.len())?;
        self.offset += bytes.len() as u64;
        Ok(())
    }

    /// Fails when the current field, running up to `at` in this piece, is longer than the limit.
    fn check(&self, at: usize) -> Result<(), u64> {
        match self.start {
            Some(start) if self.offset + at as u64 - start > self.limit => Err(start),
            _ => Ok(()),
        }
    }
}

/// Bytes as UTF-8 text, or an error naming the line of the first byte that is not.
pub fn utf8(bytes: Vec<u8>, file: &str) -> Result<String, LoadError> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        LoadError::Parse {
            file: file.to_string(),
            place: format!("line {line}"),
            message: format!("not UTF-8 text (byte 0x{:02X})", bytes[at]),
        }
    })
}

/// A reader that fails once more than `limit` bytes have been read, and (when `line` is set) once
/// a line grows longer than `line` bytes: standard input, CSV files.
pub struct Bounded<R> {
    inner: R,
    limit: u64,
    read: u64,
    line: Option<u64>,
    in_line: u64,
    fields: Option<FieldScan>,
}

impl<R: Read> Bounded<R> {
    /// Bounds `inner` by the document limit of `limits`, and its lines by the line limit when
    /// `lines` is set.
    pub fn new(inner: R, limits: &Limits, lines: bool) -> Self {
        Bounded {
            inner,
            limit: limits.input,
            read: 0,
            line: lines.then_some(limits.line),
            in_line: 0,
            fields: None,
        }
    }

    /// Also bounds the fields of `syntax` by the field limit of `limits`.
    pub fn with_fields(mut self, syntax: Syntax, limits: &Limits) -> Self {
        self.fields = Some(FieldScan::new(syntax, limits.field));
        self
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(std::io::Error::other(format!(
                "the input is larger than the limit of {} (set {MAX_INPUT_VAR} to raise it; docs/reliability.md)",
                show_size(self.limit)
            )));
        }
        if let Some(max) = self.line {
            // The longest line ending in this piece (the first continues the previous piece).
            let mut start = 0;
            let mut longest = 0;
            for at in memchr::memchr_iter(b'\n', &buf[..n]) {
                let carried = if start == 0 { self.in_line } else { 0 };
                longest = longest.max((at - start) as u64 + carried);
                start = at + 1;
            }
            if longest > max {
                return Err(self.line_error(max));
            }
            self.in_line = if start == 0 {
                self.in_line + n as u64
            } else {
                (n - start) as u64
            };
            if self.in_line > max {
                return Err(self.line_error(max));
            }
        }
        if let Some(scan) = &mut self.fields
            && let Err(start) = scan.feed(&buf[..n])
        {
            return Err(std::io::Error::other(format!(
                "from byte {start}: {}",
                field_message(scan.syntax, scan.limit)
            )));
        }
        Ok(n)
    }
}

impl<R> Bounded<R> {
    fn line_error(&self, max: u64) -> std::io::Error {
        std::io::Error::other(format!(
            "a line is longer than the limit of {} (set {MAX_LINE_VAR} to raise it; docs/reliability.md)",
            show_size(max)
        ))
    }
}

/// Standard input, bounded by the document limit.
pub fn stdin() -> Result<Bounded<std::io::StdinLock<'static>>, LoadError> {
    let limits = Limits::from_env()?;
    Ok(Bounded::new(std::io::stdin().lock(), &limits, false).with_fields(Syntax::Json, &limits))
}

/// Refuses a CSV header with more columns than the limit.
pub fn check_columns(file: &str, columns: usize, limits: &Limits) -> Result<(), LoadError> {
    if columns > limits.columns {
        return Err(LoadError::Parse {
            file: file.to_string(),
            place: "line 1".into(),
            message: format!(
                "{columns} columns, more than the limit of {} (set {MAX_COLUMNS_VAR} to raise it; docs/reliability.md)",
                limits.columns
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1000"), Some(1000));
        assert_eq!(parse_size("4K"), Some(4096));
        assert_eq!(parse_size("64m"), Some(64 << 20));
        assert_eq!(parse_size("2G"), Some(2 << 30));
        assert_eq!(parse_size("x"), None);
        assert_eq!(parse_size(""), None);
        assert_eq!(parse_size("99999999999999G"), None);
        assert_eq!(show_size(4 << 30), "4 GiB");
        assert_eq!(show_size(1000), "1000 bytes");
    }

    #[test]
    fn bounded_reader_stops_at_the_document_and_line_limits() {
        let limits = Limits {
            input: 10,
            line: 4,
            field: 4,
            columns: 1,
        };
        let mut out = Vec::new();
        let r = Bounded::new(&b"ab\ncd\nef\n"[..], &limits, true).read_to_end(&mut out);
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, b"ab\ncd\nef\n");
        let e = Bounded::new(&b"ab\ncdefg\n"[..], &limits, true)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(e.to_string().contains("a line is longer"), "{e}");
        let e = Bounded::new(&b"a\nb\nc\nd\ne\nf\n"[..], &limits, true)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(
            e.to_string().contains("larger than the limit of 10 bytes"),
            "{e}"
        );
        // A line split across reads is measured whole.
        let chunks = std::io::Read::chain(&b"abc"[..], &b"de\n"[..]);
        let e = Bounded::new(chunks, &limits, true)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(e.to_string().contains("a line is longer"), "{e}");
    }

    #[test]
    fn utf8_errors_name_the_line() {
        let e = utf8(b"ok\nstill ok\n\xff".to_vec(), "f").unwrap_err();
        assert_eq!(e.to_string(), "f: line 3: not UTF-8 text (byte 0xFF)");
    }
}
