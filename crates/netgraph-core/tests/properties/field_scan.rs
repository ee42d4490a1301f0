//! The field limit: reading a text in pieces finds the same first long field as a plain reading
//! of the whole text, character by character, wherever the pieces are cut.

use netgraph_core::io::input::{FieldScan, Syntax};
use proptest::prelude::*;

/// The start of the first field longer than `limit`, read one byte at a time by the rules:
/// JSON — a string runs from after its opening quote to its closing quote, a backslash escapes
/// the next byte; XML — a field runs from a `<` (or the start) to the next `<` (or the end).
fn naive(text: &[u8], syntax: Syntax, limit: u64) -> Option<u64> {
    match syntax {
        Syntax::Xml => {
            let mut start = 0usize;
            for (i, &b) in text.iter().enumerate() {
                if b == b'<' {
                    if (i - start) as u64 > limit {
                        return Some(start as u64);
                    }
                    start = i;
                }
            }
            ((text.len() - start) as u64 > limit).then_some(start as u64)
        }
        Syntax::Json => {
            let mut start: Option<usize> = None;
            let mut i = 0;
            while i < text.len() {
                match (start, text[i]) {
                    (None, b'"') => start = Some(i + 1),
                    (Some(s), b'"') => {
                        if (i - s) as u64 > limit {
                            return Some(s as u64);
                        }
                        start = None;
                    }
                    (Some(_), b'\\') => i += 1,
                    _ => {}
                }
                i += 1;
            }
            start.and_then(|s| ((text.len().min(i) - s) as u64 > limit).then_some(s as u64))
        }
    }
}

fn scanned(text: &[u8], cuts: &[usize], syntax: Syntax, limit: u64) -> Option<u64> {
    let mut scan = FieldScan::new(syntax, limit);
    let mut cuts: Vec<usize> = cuts.iter().map(|&c| c % (text.len() + 1)).collect();
    cuts.sort_unstable();
    let mut from = 0;
    for &c in cuts.iter().chain(std::iter::once(&text.len())) {
        if let Err(start) = scan.feed(&text[from..c]) {
            return Some(start);
        }
        from = c;
    }
    None
}

fn text() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![Just(b'"'), Just(b'\\'), Just(b'<'), Just(b'a'), Just(b'\n')],
        0..200,
    )
}

proptest! {
    #[test]
    fn pieces_find_the_first_long_field_as_the_whole_text_does(
        text in text(),
        cuts in proptest::collection::vec(0usize..400, 0..8),
        limit in 0u64..12,
        json in any::<bool>(),
    ) {
        let syntax = if json { Syntax::Json } else { Syntax::Xml };
        let whole = naive(&text, syntax, limit);
        let pieces = scanned(&text, &cuts, syntax, limit);
        // The scan stops at the first field that passes the limit: the same field.
        prop_assert_eq!(pieces, whole);
    }
}
