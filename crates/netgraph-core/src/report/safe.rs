//! Output that cannot act on the program that opens it.
//!
//! - **CSV for spreadsheets** ([`neutralise_cell`], [`neutralise_csv`]): a cell that starts with
//!   `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel, LibreOffice and Google
//!   Sheets (`=HYPERLINK(…)`, `-2+3`, `@SUM(…)`): it gets a leading `'`, as OWASP's "CSV injection"
//!   advice says, so the spreadsheet shows it as text. A cell that reads as a finite number
//!   (`-0.5`, `+3`, `-1e-9`) is data and stays as it is — a spreadsheet reads it as that number. A
//!   cell that already starts with `'`s before one of those characters gets one more `'`, so the
//!   mapping is one to one and [`unneutralise_cell`] (which netgraph's CSV reader applies) gives
//!   back exactly the original text: a CSV netgraph writes reads back unchanged. `--raw-csv`
//!   writes cells as they are.
//! - **Tables for terminals** ([`escape_controls`]): control characters (escape, carriage return,
//!   backspace, …) and the bidirectional overrides are shown as escapes (`\x1b`, `\r`, `\u{202e}`),
//!   so a name cannot clear the screen, fake a row or reverse the text after it.

use std::borrow::Cow;

fn is_trigger(c: u8) -> bool {
    matches!(c, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
}

/// Whether `cell` starts with zero or more `'` and then a formula character.
fn looks_like_formula(cell: &str) -> bool {
    let rest = cell.trim_start_matches('\'');
    rest.bytes().next().is_some_and(is_trigger)
}

fn is_number(cell: &str) -> bool {
    cell.parse::<f64>().is_ok_and(f64::is_finite)
}

/// A CSV cell a spreadsheet will not evaluate (see the module documentation).
pub fn neutralise_cell(cell: &str) -> Cow<'_, str> {
    if looks_like_formula(cell) && !is_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The inverse of [`neutralise_cell`]: one leading `'` is dropped from a cell that starts with
/// `'`s and then a formula character.
pub fn unneutralise_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if looks_like_formula(rest) => rest,
        _ => cell,
    }
}

/// Rewrites CSV text (as netgraph's writers produce it) with every cell neutralised.
pub fn neutralise_csv(text: &str) -> Result<String, csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::with_capacity(text.len() + 64));
    let mut record = csv::StringRecord::new();
    let mut out = csv::StringRecord::new();
    while reader.read_record(&mut record)? {
        out.clear();
        for cell in record.iter() {
            out.push_field(&neutralise_cell(cell));
        }
        writer.write_record(&out)?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

fn is_hidden_control(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text with control characters other than the line feed shown as escapes.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden_control(c) && (c as u32) < 0x100 => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_hidden_control(c) => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_a_quote_numbers_do_not() {
        assert_eq!(neutralise_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise_cell("+cmd"), "'+cmd");
        assert_eq!(neutralise_cell("-2+3"), "'-2+3");
        assert_eq!(neutralise_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise_cell("\tx"), "'\tx");
        assert_eq!(neutralise_cell("\rx"), "'\rx");
        assert_eq!(neutralise_cell("-0.25"), "-0.25");
        assert_eq!(neutralise_cell("+3"), "+3");
        assert_eq!(neutralise_cell("-1e-9"), "-1e-9");
        assert_eq!(neutralise_cell("-inf"), "'-inf");
        assert_eq!(neutralise_cell("a=b"), "a=b");
        assert_eq!(neutralise_cell("'plain"), "'plain");
        assert_eq!(neutralise_cell("'=x"), "''=x");
        assert_eq!(neutralise_cell(""), "");
    }

    #[test]
    fn neutralising_is_undone_exactly() {
        for cell in [
            "=1+1", "'=1+1", "''@x", "-3", "-x", "'", "''", "'plain", "plain", "", "\t=", "+",
        ] {
            assert_eq!(unneutralise_cell(&neutralise_cell(cell)), cell, "{cell:?}");
        }
    }

    #[test]
    fn csv_text_is_rewritten_cell_by_cell_and_unchanged_otherwise() {
        let plain = "actor,score\na,-0.5\n\"b, c\",1\n";
        assert_eq!(neutralise_csv(plain).unwrap(), plain);
        let bad = "actor,note\n=cmd|' /C calc'!A0,\"@x\"\n";
        assert_eq!(
            neutralise_csv(bad).unwrap(),
            "actor,note\n'=cmd|' /C calc'!A0,'@x\n"
        );
    }

    #[test]
    fn controls_are_escaped() {
        assert_eq!(escape_controls("plain\n"), "plain\n");
        assert_eq!(escape_controls("a\u{1b}[2Jb\rc\td"), "a\\x1b[2Jb\\rc\\td");
        assert_eq!(escape_controls("x\u{202e}y\u{7f}"), "x\\u{202e}y\\x7f");
    }
}
