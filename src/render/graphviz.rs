//! Running Graphviz: DOT text in, a picture out (through graphviz-rust's `exec_dot`, which calls the
//! `dot` program with `-K` for the layout engine and `-T` for the format).

use graphviz_rust::cmd::{CommandArg, Format, Layout as Engine};
use std::path::Path;

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// Layered: flows run in one direction (the default; best for laundering routes).
    #[default]
    Dot,
    /// Spring model (stress majorisation).
    Neato,
    /// Force-directed, honours clusters.
    Fdp,
    /// Force-directed for large networks.
    Sfdp,
    /// Circular.
    Circo,
}

/// A picture format, chosen by the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Scalable vector graphics, with tooltips.
    Svg,
    /// Bitmap.
    Png,
    /// Portable document.
    Pdf,
}

impl OutputFormat {
    /// The format named by a file's extension (`.svg`, `.png`, `.pdf`, any case), if any.
    pub fn from_path(path: &Path) -> Option<OutputFormat> {
        match crate::io::extension(path).as_str() {
            "svg" => Some(OutputFormat::Svg),
            "png" => Some(OutputFormat::Png),
            "pdf" => Some(OutputFormat::Pdf),
            _ => None,
        }
    }
}

/// Why Graphviz gave no picture.
#[derive(Debug, thiserror::Error)]
pub enum GraphvizError {
    /// The `dot` program is not on the `PATH`.
    #[error(
        "the Graphviz program `dot` was not found; install Graphviz (`apt-get install graphviz` or `brew install graphviz`), or use `netgraph dot` for the DOT text"
    )]
    Missing,
    /// Graphviz ran and failed.
    #[error("Graphviz failed: {0}")]
    Failed(String),
}

/// Lays out and draws DOT text with Graphviz; returns the picture's bytes.
pub fn run_graphviz(
    dot: &str,
    layout: Layout,
    format: OutputFormat,
) -> Result<Vec<u8>, GraphvizError> {
    let engine = match layout {
        Layout::Dot => Engine::Dot,
        Layout::Neato => Engine::Neato,
        Layout::Fdp => Engine::Fdp,
        Layout::Sfdp => Engine::Sfdp,
        Layout::Circo => Engine::Circo,
    };
    let format = match format {
        OutputFormat::Svg => Format::Svg,
        OutputFormat::Png => Format::Png,
        OutputFormat::Pdf => Format::Pdf,
    };
    let args = vec![CommandArg::Layout(engine), CommandArg::Format(format)];
    match graphviz_rust::exec_dot(dot.to_string(), args) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(GraphvizError::Missing),
        Err(e) => Err(GraphvizError::Failed(
            e.to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        )),
    }
}

/// Whether the Graphviz `dot` program can be run.
pub fn available() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}
