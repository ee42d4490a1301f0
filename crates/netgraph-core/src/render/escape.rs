//! Text made safe for DOT: quoted ids, and labels that Graphviz draws exactly as written.
//!
//! graphviz-rust prints an id as it is stored, so every name, kind or quote must be escaped here.
//! In a DOT quoted string the lexer only turns `\"` into `"`; labels and tooltips are then read as
//! Graphviz *escStrings* (`\\` is a backslash, `\n` a line break, `\N`, `\G`, `\l` … are
//! substitutions) and HTML entities in them are decoded (`&amp;` is drawn as `&`). So:
//!
//! - an **id** escapes `\` and `"` only: distinct texts stay distinct ids;
//! - a **label** escapes `\` as `\\`, `"` as `\"`, `&` as `&amp;`, turns every line break into `\n`
//!   and any other control character into a space. Angle brackets, braces and `|` mean nothing
//!   in a quoted (non-HTML, non-record) label and pass through, as does any Unicode letter.

/// A DOT quoted id (with its quotes) naming `text`: `\` and `"` are escaped.
pub fn id(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c == '\\' || c == '"' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// A DOT quoted string (with its quotes) that Graphviz draws as `text`, as a label or a tooltip.
pub fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0b}' | '\u{0c}' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_escape_quotes_and_backslashes_only() {
        assert_eq!(id("plain"), r#""plain""#);
        assert_eq!(id(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(id("a&b<c>{d}"), r#""a&b<c>{d}""#);
        // A trailing backslash cannot swallow the closing quote.
        assert_eq!(id("end\\"), r#""end\\""#);
        // Distinct texts give distinct ids.
        assert_ne!(id(r"a\"), id(r"a\\"));
    }

    #[test]
    fn labels_escape_for_escstrings_and_entities() {
        assert_eq!(label("Sánchez Paredes"), "\"Sánchez Paredes\"");
        assert_eq!(label("a \"b\" \\N"), r#""a \"b\" \\N""#);
        assert_eq!(label("R&D &amp;"), r#""R&amp;D &amp;amp;""#);
        assert_eq!(
            label("one\ntwo\r\nthree\rfour"),
            r#""one\ntwo\nthree\nfour""#
        );
        assert_eq!(label("tab\there"), "\"tab here\"");
        assert_eq!(label("<b>{x}|y</b> 北京"), "\"<b>{x}|y</b> 北京\"");
    }
}
