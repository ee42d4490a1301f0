//! Physical line numbers for the records of a `csv` crate reader.
//!
//! The `csv` crate places a record at the end of the record before it: after empty lines, or
//! after a `\r\n` (which it ends at the `\r`), the line it names is one or more before the record's
//! own. [`Lines`] sits between the crate's reader and the input and counts `\n` as the bytes pass.
//! After each record, [`Lines::seek_record`] is told where the crate stopped (its byte position);
//! from there the line ends that the crate skips (`\r` and `\n`) are counted up to the first byte
//! of the next record, whose line is then `1 + ` the `\n` before it. Lines are counted by `\n`
//! alone: a `\r\n` is one line end, and a lone `\r` (which the crate takes as the end of a row)
//! does not start a new line.
//!
//! The crate reads through a buffer that it refills only once it has used all of it, so the bytes
//! it has not used yet all come from the last read: only a copy of that read is kept. Every byte is
//! scanned once; the cost is a copy and a `memchr` count per read.

use std::io::Read;

/// A reader that counts lines for a `csv` crate reader over it (see the module documentation).
pub(crate) struct Lines<R> {
    inner: R,
    /// A copy of the last read.
    last: Vec<u8>,
    /// The position in the input of `last[0]`.
    last_start: u64,
    /// `last[..counted]` has been counted: `newlines` is the number of `\n` before it.
    counted: usize,
    newlines: u64,
    /// Whether the start of the next record is still being looked for (line ends being skipped).
    seeking: bool,
    /// The line of the next (or, once read, the last) record.
    line: u64,
}

impl<R: Read> Lines<R> {
    /// Counts the lines of `inner`; the first record starts at its first byte that is not a line end.
    pub(crate) fn new(inner: R) -> Self {
        Lines {
            inner,
            last: Vec::new(),
            last_start: 0,
            counted: 0,
            newlines: 0,
            seeking: true,
            line: 1,
        }
    }

    /// The line (1-based) where the record last read starts.
    pub(crate) fn line(&self) -> u64 {
        if self.seeking {
            self.newlines + 1
        } else {
            self.line
        }
    }

    /// Starts looking for the next record from `byte`, the `csv` crate reader's position after
    /// the record it read last (at or after any byte counted already, and not past the last read).
    pub(crate) fn seek_record(&mut self, byte: u64) {
        let at = usize::try_from(byte.saturating_sub(self.last_start))
            .unwrap_or(usize::MAX)
            .clamp(self.counted, self.last.len());
        self.newlines += memchr::memchr_iter(b'\n', &self.last[self.counted..at]).count() as u64;
        self.counted = at;
        self.seeking = true;
        self.skip_line_ends();
    }

    /// While seeking, counts the line ends from `counted` up to the next other byte.
    fn skip_line_ends(&mut self) {
        if !self.seeking {
            return;
        }
        while let Some(&b) = self.last.get(self.counted) {
            match b {
                b'\n' => self.newlines += 1,
                b'\r' => {}
                _ => {
                    self.seeking = false;
                    self.line = self.newlines + 1;
                    return;
                }
            }
            self.counted += 1;
        }
    }
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            return Ok(0);
        }
        self.newlines += memchr::memchr_iter(b'\n', &self.last[self.counted..]).count() as u64;
        self.last_start += self.last.len() as u64;
        self.last.clear();
        self.last.extend_from_slice(&buf[..n]);
        self.counted = 0;
        self.skip_line_ends();
        Ok(n)
    }
}
