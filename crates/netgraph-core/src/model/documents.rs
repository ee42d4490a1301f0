//! The documents a network cites: a file's `documents` section, keyed by document file name, with
//! each document's title, author, publisher, date and kind of text, and the short citation
//! ("Ellis, Oct 2025") every output that shows evidence uses beside the file name.

use super::date::PartialDate;
use super::{Network, Source};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// A file's `documents` section: each document by file name, in file order.
pub type Documents = indexmap::IndexMap<String, Document>;

/// One document of the `documents` section, as the document itself gives it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The document's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The person who wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The organisation that published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// When it was published: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The kind of text (`report`, `news`, `testimony`, …), written `type` in the file.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// A short citation; derived when missing (see [`Document::citation`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    /// Fields the format does not define, kept so that they round-trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

impl Document {
    /// The short citation of the document stored as `file`: its `cite` when given; else the
    /// author's surname (the last word of `author`) or else the publisher, followed by the date as
    /// `Mon YYYY` or `YYYY` ("Ellis, Oct 2025"); with neither author nor publisher, the file name.
    pub fn citation(&self, file: &str) -> String {
        if let Some(cite) = non_empty(self.cite.as_deref()) {
            return cite.to_string();
        }
        let surname = non_empty(self.author.as_deref())
            .and_then(|a| a.split_whitespace().last())
            .map(|w| w.trim_end_matches([',', ';']))
            .filter(|w| !w.is_empty());
        let Some(who) = surname.or_else(|| non_empty(self.publisher.as_deref())) else {
            return file.to_string();
        };
        match self
            .date
            .as_deref()
            .and_then(|d| PartialDate::parse(d).ok())
        {
            Some(d) => match d.month() {
                Some(m) => format!("{who}, {} {:04}", MONTHS[m as usize - 1], d.year()),
                None => format!("{who}, {:04}", d.year()),
            },
            None => who.to_string(),
        }
    }
}

impl Network {
    /// The short citation of a document: its entry's citation in the `documents` section, or the
    /// file name when the section does not list it.
    pub fn citation<'a>(&self, doc: &'a str) -> Cow<'a, str> {
        match self.documents.get(doc) {
            Some(d) => Cow::Owned(d.citation(doc)),
            None => Cow::Borrowed(doc),
        }
    }

    /// How outputs name a source's document: `Ellis, Oct 2025 (001_fad5.txt)` — the citation, and
    /// the file name to look it up — or the file name alone when there is no other citation.
    pub fn doc_label(&self, doc: &str) -> String {
        let cite = self.citation(doc);
        if cite == doc {
            doc.to_string()
        } else {
            format!("{cite} ({doc})")
        }
    }

    /// A source as outputs show it: `Ellis, Oct 2025 (001_fad5.txt): "quote"`, with the quotation
    /// marks given (`"` in text and CSV, `“”` in tooltips); the label alone when the quote is empty.
    pub fn source_text(&self, s: &Source, open: &str, close: &str) -> String {
        let label = self.doc_label(&s.doc);
        if s.quote.is_empty() {
            label
        } else {
            format!("{label}: {open}{}{close}", s.quote)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(author: Option<&str>, publisher: Option<&str>, date: Option<&str>) -> Document {
        Document {
            author: author.map(Into::into),
            publisher: publisher.map(Into::into),
            date: date.map(Into::into),
            ..Default::default()
        }
    }

    #[test]
    fn citations_are_derived_by_the_rule() {
        let f = "001_abc.txt";
        let c = |d: Document| d.citation(f);
        assert_eq!(
            c(doc(Some("R. Evan Ellis"), None, Some("2025-10-07"))),
            "Ellis, Oct 2025"
        );
        assert_eq!(
            c(doc(Some("Ellis"), Some("CSIS"), Some("2025-01"))),
            "Ellis, Jan 2025"
        );
        assert_eq!(
            c(doc(None, Some("U.S. Department of State"), Some("2024"))),
            "U.S. Department of State, 2024"
        );
        assert_eq!(c(doc(Some("  "), Some("UNODC"), None)), "UNODC");
        assert_eq!(c(doc(None, None, Some("2024-12"))), "001_abc.txt");
        // A malformed date (which validate reports) is left out of the citation.
        assert_eq!(c(doc(Some("Ann Lee"), None, Some("2024-13"))), "Lee");
        let mut given = doc(Some("Ann Lee"), None, Some("2024"));
        given.cite = Some("Lee (2024a)".into());
        assert_eq!(c(given), "Lee (2024a)");
    }

    #[test]
    fn labels_keep_the_file_name() {
        let mut net = Network::new();
        net.documents.insert(
            "d1.txt".into(),
            doc(Some("Maria Quispe"), None, Some("2023-06")),
        );
        net.documents.insert("d2.txt".into(), Document::default());
        assert_eq!(net.doc_label("d1.txt"), "Quispe, Jun 2023 (d1.txt)");
        assert_eq!(net.doc_label("d2.txt"), "d2.txt");
        assert_eq!(net.doc_label("d3.txt"), "d3.txt");
        let s = Source {
            doc: "d1.txt".into(),
            quote: "gold".into(),
            extra: Map::new(),
        };
        assert_eq!(
            net.source_text(&s, "\"", "\""),
            "Quispe, Jun 2023 (d1.txt): \"gold\""
        );
    }
}
