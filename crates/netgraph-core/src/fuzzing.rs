//! Entry points for fuzzing: each takes arbitrary bytes and runs one reader or parser the way the
//! command line does, then the checks and writers that follow it. None may panic, abort or hang
//! whatever the bytes; errors are the expected outcome for most inputs.
//!
//! The `fuzz/` crate (`cargo fuzz`, nightly) calls these from its targets, and
//! `tests/properties/fuzz_corpus.rs` replays the saved corpora through the same functions on stable Rust.

use crate::io::{self, LoadError};
use crate::model::Network;
use crate::model::validate::{self, Severity};
use std::sync::OnceLock;

/// A fuzz entry point.
pub type Target = fn(&[u8]);

/// The fuzz targets by name, each with its entry point (the folder names under `fuzz/corpus/`).
pub const TARGETS: [(&str, Target); 7] = [
    ("json", json),
    ("csv", csv),
    ("graphml", graphml),
    ("gexf", gexf),
    ("pattern", pattern),
    ("condition", condition),
    ("scenario", scenario),
];

/// After a reader: the default checks, indexing, and every writer, as `load` and `convert` do.
fn after_read(result: Result<Network, LoadError>) {
    let Ok(mut net) = result else { return };
    let problems = validate::check(&net, &validate::Options::default());
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return;
    }
    if net.index().is_err() {
        return;
    }
    let text = io::json::to_string(&net);
    if let Ok(again) = io::json::parse_str(&text, "written") {
        assert_eq!(
            again.actor_count(),
            net.actor_count(),
            "JSON output reads back"
        );
        assert_eq!(
            again.flow_count(),
            net.flow_count(),
            "JSON output reads back"
        );
    } else {
        panic!("the JSON netgraph writes does not read back: {text}");
    }
    let _ = io::graphml::to_string(&net);
    let _ = io::gexf::to_string(&net);
    let _ = io::csv::edges_to_string(&net);
    let _ = io::neo4j::bundle(&net);
}

/// The native JSON reader (from text, as for a file, and as a stream, as for stdin).
pub fn json(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        after_read(io::json::parse_str(text, "fuzz.json"));
    }
    let _ = io::json::parse_reader(data, "<stdin>");
}

/// The CSV edge-list reader, then the nodes reader on the same bytes. The input's size is passed
/// as for a file, so the flat array of numeric ids is sized by it (on standard input it is a fixed
/// 16 MiB, which allocated afresh for every input would dominate the fuzzer's time).
pub fn csv(data: &[u8]) {
    let size = Some(data.len() as u64);
    let edges = io::csv::edges::parse(data, "fuzz.csv", size, io::csv::edges::Path::Fast);
    if let Ok(mut net) = edges {
        let _ = io::csv::parse_nodes(data, "fuzz-nodes.csv", &mut net);
        after_read(Ok(net));
    }
}

/// The GraphML reader.
pub fn graphml(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        after_read(io::graphml::parse_str(text, "fuzz.graphml"));
    }
}

/// The GEXF reader.
pub fn gexf(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        after_read(io::gexf::parse_str(text, "fuzz.gexf"));
    }
}

fn peru() -> &'static Network {
    static PERU: OnceLock<Network> = OnceLock::new();
    PERU.get_or_init(|| {
        io::load(&io::GraphSource::Builtin, &io::ReadOptions::default())
            .expect("the built-in network loads")
    })
}

/// The chain-pattern parser.
pub fn pattern(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::pattern::Pattern::parse(text);
    }
}

/// The `--where` parser, and the condition on every flow of the built-in network.
pub fn condition(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(c) = crate::view::Condition::parse(text) {
        for f in peru().flows() {
            let _ = c.holds(f);
        }
    }
}

/// Scenario files, checked against the built-in network.
pub fn scenario(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::scenario::ScenarioFile::parse(text, "fuzz-scenario.json", peru());
    }
}
