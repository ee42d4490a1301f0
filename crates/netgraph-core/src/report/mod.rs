//! Turning results into text: aligned tables for people, JSON and CSV for programs.

pub mod safe;
pub mod table;

pub use safe::{escape_controls, neutralise_csv};
pub use table::Table;

use std::path::Path;

crate::choice_enum! {
    /// An output format (`--format`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Format {
        /// Aligned columns for reading.
        Table = "table" [],
        /// JSON.
        Json = "json" [],
        /// Comma-separated values (for results that are tables).
        Csv = "csv" [],
    }
}

impl Format {
    /// The format asked for, else the one `-o FILE`'s extension implies, else a table.
    pub fn resolve(asked: Option<Format>, output: Option<&Path>) -> Format {
        asked
            .or_else(|| output.and_then(|p| Format::of_extension(&crate::io::extension(p))))
            .unwrap_or(Format::Table)
    }

    /// The format a file extension (lower case, without the dot) names: none or `txt` a table,
    /// `json`, `csv`; `None` for any other.
    pub fn of_extension(extension: &str) -> Option<Format> {
        match extension {
            "" | "txt" | "text" => Some(Format::Table),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        <Format as crate::choice::Choice>::name(self)
    }

    /// The format with the extension it is written to: `a table (.txt)`, `JSON (.json)`.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Table => "a table (.txt)",
            Format::Json => "JSON (.json)",
            Format::Csv => "CSV (.csv)",
        }
    }
}

/// A number in the shortest form that reads back exactly (`0.1`, `1e-20`, `3`).
pub fn number(x: f64) -> String {
    if x.is_finite() && x == x.trunc() && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x:?}")
    }
}

/// A number rounded for reading in a table.
pub fn rounded(x: f64) -> String {
    if x == 0.0 {
        "0".into()
    } else if x.abs() >= 1e-4 && x.abs() < 1e7 {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        format!("{x:.4e}")
    }
}

/// JSON for a number that may be missing (`null`), in its shortest exact form: whole numbers without a
/// fractional part (`2`, not `2.0`).
pub fn json_number(x: Option<f64>) -> serde_json::Value {
    match x {
        Some(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 => (v as i64).into(),
        other => other
            .and_then(serde_json::Number::from_f64)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
    }
}

/// Pretty JSON text ending with a newline.
pub fn json_text(value: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_exactly() {
        for x in [0.1, 1.0 / 3.0, 1e-20, 2.5e300, -0.0, 7.0, 123456789.125] {
            assert_eq!(number(x).parse::<f64>().unwrap(), x);
        }
        assert_eq!(number(3.0), "3");
        assert_eq!(number(0.25), "0.25");
    }

    #[test]
    fn rounding_for_tables() {
        assert_eq!(rounded(0.5), "0.5");
        assert_eq!(rounded(1.0 / 3.0), "0.333333");
        assert_eq!(rounded(12.0), "12");
        assert_eq!(rounded(0.0), "0");
        assert_eq!(rounded(1.5e-7), "1.5000e-7");
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(Format::resolve(None, Some(Path::new("x.CSV"))), Format::Csv);
        assert_eq!(
            Format::resolve(None, Some(Path::new("x.json"))),
            Format::Json
        );
        assert_eq!(
            Format::resolve(Some(Format::Table), Some(Path::new("x.json"))),
            Format::Table
        );
        assert_eq!(Format::resolve(None, None), Format::Table);
    }
}
