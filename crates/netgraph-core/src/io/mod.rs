//! Reading and writing networks: JSON (the native format), CSV edge lists, and atomic output files.
//!
//! [`read`] parses a file into a [`Network`] without judging its content; [`load`] also runs the
//! default checks of [`validate::check`] and indexes the network, failing on the first error. Every
//! error names the file, the place in it and what is wrong.

pub mod atomic;
pub mod csv;
pub mod gexf;
mod gexf_write;
pub mod graphml;
pub mod input;
pub mod json;
pub mod neo4j;
mod xml;

pub use atomic::{write_atomic, write_atomic_with, write_dir_atomic};

use crate::model::Network;
use crate::model::validate::{self, Severity};
use std::fmt;
use std::path::{Path, PathBuf};

/// The reference network of Peru's illicit economies, compiled into the binary.
pub const PERU_JSON: &str = include_str!("../../../../graphs/peru.json");

/// Where a network comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphSource {
    /// The Peru network compiled into the binary.
    Builtin,
    /// JSON on standard input (`-`).
    Stdin,
    /// A file; its extension chooses the format.
    File(PathBuf),
}

impl GraphSource {
    /// `None` → the built-in network, `-` → stdin, anything else a file.
    pub fn from_arg(arg: Option<&Path>) -> Self {
        match arg {
            None => GraphSource::Builtin,
            Some(p) if p.as_os_str() == "-" => GraphSource::Stdin,
            Some(p) => GraphSource::File(p.to_path_buf()),
        }
    }
}

impl fmt::Display for GraphSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GraphSource::Builtin => write!(f, "peru.json (built in)"),
            GraphSource::Stdin => write!(f, "<stdin>"),
            GraphSource::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// An error while reading or checking a network file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{file}: cannot read: {cause}")]
    Read {
        /// The file.
        file: String,
        /// The cause (shown in the message, not chained: one line says it once).
        cause: std::io::Error,
    },
    /// The input is refused before it is parsed: not a regular file, or over a limit of
    /// `io::input`.
    #[error("{file}: {message}")]
    Refused {
        /// The file.
        file: String,
        /// Why.
        message: String,
    },
    /// The file is not well-formed, or a value has the wrong type.
    #[error("{file}: {place}: {message}")]
    Parse {
        /// The file.
        file: String,
        /// Line and column, or line, or field path.
        place: String,
        /// What is wrong.
        message: String,
    },
    /// The file is well-formed but its content is wrong (first problem, and how many more).
    #[error("{file}: {problem}{}", more_note(*.more))]
    Invalid {
        /// The file.
        file: String,
        /// The first problem.
        problem: validate::Problem,
        /// How many other errors were found.
        more: usize,
    },
    /// The format is not one netgraph reads.
    #[error(
        "{file}: unsupported format \"{extension}\" (netgraph reads .json, .csv, .graphml and .gexf; use - for JSON on stdin)"
    )]
    Format {
        /// The file.
        file: String,
        /// Its extension.
        extension: String,
    },
}

fn more_note(more: usize) -> String {
    match more {
        0 => String::new(),
        n => format!(
            " (and {n} more error{}; `netgraph validate` lists them)",
            if n == 1 { "" } else { "s" }
        ),
    }
}

/// Options for reading a network.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// A CSV file of actor attributes (`id` column) for CSV edge lists.
    pub nodes: Option<PathBuf>,
    /// A JSON file holding a `kinds` section, applied over the network's own (any format).
    pub kinds: Option<PathBuf>,
}

/// Reads a network without checking its content (see [`load`]).
pub fn read(source: &GraphSource, options: &ReadOptions) -> Result<Network, LoadError> {
    let name = source.to_string();
    let mut net = match source {
        GraphSource::Builtin => json::parse_str(PERU_JSON, &name)?,
        GraphSource::Stdin => json::parse_reader(input::stdin()?, &name)?,
        GraphSource::File(path) => match extension(path).as_str() {
            "json" => json::read_file(path)?,
            "csv" => csv::read_edges(path)?,
            "graphml" => parse_xml_file(path, graphml::parse_str)?,
            "gexf" => parse_xml_file(path, gexf::parse_str)?,
            other => {
                return Err(LoadError::Format {
                    file: name,
                    extension: other.to_string(),
                });
            }
        },
    };
    if let Some(nodes) = &options.nodes {
        csv::read_nodes(nodes, &mut net)?;
    }
    if let Some(kinds) = &options.kinds {
        let over = json::read_kinds(kinds)?;
        // A mistake in the --kinds file is named against that file, not the network's.
        let (_, problems) = validate::vocabulary(&over);
        let mut errors = problems
            .into_iter()
            .filter(|p| p.severity == Severity::Error);
        if let Some(problem) = errors.next() {
            return Err(LoadError::Invalid {
                file: kinds.display().to_string(),
                problem,
                more: errors.count(),
            });
        }
        net.kinds = std::mem::take(&mut net.kinds).merged(&over);
    }
    net.set_origin(name);
    Ok(net)
}

/// Reads a whole XML file (its fields within the field limit) and parses it with `parse` (which
/// names the file in its errors).
fn parse_xml_file(
    path: &Path,
    parse: fn(&str, &str) -> Result<Network, LoadError>,
) -> Result<Network, LoadError> {
    let file = path.display().to_string();
    let text = input::read_text_fields(path, input::Syntax::Xml)?;
    parse(&text, &file)
}

/// The Peru reference network shipped with netgraph (graphs/peru.json, compiled in).
pub fn peru() -> Result<Network, LoadError> {
    load(&GraphSource::Builtin, &ReadOptions::default())
}

/// Reads a network file (JSON, CSV edge list, GraphML or GEXF, by extension) and checks it.
pub fn load_path(path: &Path) -> Result<Network, LoadError> {
    load(
        &GraphSource::File(path.to_path_buf()),
        &ReadOptions::default(),
    )
}

/// Reads a network, runs the default checks and indexes it: the entry point of every analysis.
pub fn load(source: &GraphSource, options: &ReadOptions) -> Result<Network, LoadError> {
    let net = read(source, options)?;
    checked(net, source.to_string())
}

/// Parses a network from JSON text (`name` names it in errors and titles an unnamed network), runs
/// the default checks and indexes it, as [`load`] does for a file: a network built in memory, such
/// as the Python package's `from_networkx`.
pub fn load_json(text: &str, name: &str) -> Result<Network, LoadError> {
    let mut net = json::parse_str(text, name)?;
    net.set_origin(name);
    checked(net, name.to_string())
}

/// Runs the default checks on a network read from `file` and indexes it.
fn checked(mut net: Network, file: String) -> Result<Network, LoadError> {
    let problems = validate::check(&net, &validate::Options::default());
    let mut errors = problems
        .into_iter()
        .filter(|p| p.severity == Severity::Error);
    if let Some(problem) = errors.next() {
        return Err(LoadError::Invalid {
            file,
            problem,
            more: errors.count(),
        });
    }
    net.index().map_err(|message| LoadError::Parse {
        file,
        place: "flows".into(),
        message: message.to_string(),
    })?;
    Ok(net)
}

/// The lower-cased extension of a path, empty when it has none.
pub fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_text_loads_checked_and_indexed() {
        let net = load_json(
            r#"{"directed": false, "actors": [{"id": "a"}, {"id": "b"}], "flows": [{"from": "a", "to": "b"}]}"#,
            "<memory>",
        )
        .unwrap();
        assert_eq!((net.actor_count(), net.flow_count()), (2, 1));
        assert!(!net.is_directed());
        assert_eq!(net.position("b"), Some(1));
        assert_eq!(net.origin(), "<memory>");
        // A flow to an actor that does not exist fails the checks, named against the given name.
        let e = load_json(
            r#"{"actors": [{"id": "a"}], "flows": [{"from": "a", "to": "z"}]}"#,
            "<memory>",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("<memory>: "), "{e}");
        assert!(e.contains("\"z\""), "{e}");
    }
}
