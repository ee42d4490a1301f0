//! Running Graphviz: DOT text in, a picture out. The `dot` program runs with `-K` for the layout
//! engine and `-T` for the format; the DOT text goes to it through a pipe (no file in /tmp) and the
//! picture comes back on its standard output. The child is registered with `crate::cleanup` (Ctrl-C
//! ends it) and, on Linux, asked by the kernel to end if netgraph dies first.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

crate::choice_enum! {
    /// A Graphviz layout engine.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub enum Layout {
        /// Layered: flows run in one direction (the default; best for laundering routes).
        #[default]
        Dot = "dot" [],
        /// Spring model (stress majorisation).
        Neato = "neato" [],
        /// Force-directed, honours clusters.
        Fdp = "fdp" [],
        /// Force-directed for large networks.
        Sfdp = "sfdp" [],
        /// Circular.
        Circo = "circo" [],
    }
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

/// The number of nodes and edges a DOT text declares (statements that start a line with a quoted
/// id: followed by `->` or `--` an edge, else a node). The legend's own nodes count too.
pub fn dot_size(dot: &str) -> (usize, usize) {
    let (mut nodes, mut edges) = (0, 0);
    for line in dot.lines() {
        let Some(rest) = line.trim_start().strip_prefix('"') else {
            continue;
        };
        // The end of the quoted id: the first quote not escaped by a backslash.
        let mut escaped = false;
        let end = rest.char_indices().find_map(|(i, c)| match (c, escaped) {
            ('\\', false) => {
                escaped = true;
                None
            }
            ('"', false) => Some(i),
            _ => {
                escaped = false;
                None
            }
        });
        let Some(end) = end else { continue };
        let after = rest[end + 1..].trim_start();
        if after.starts_with("->") || after.starts_with("--") {
            edges += 1;
        } else {
            nodes += 1;
        }
    }
    (nodes, edges)
}

/// The largest drawing (nodes, edges) a layout engine is given without `--force`. Measured on a
/// shared 2-core machine (docs/reliability.md): `dot` lays out the 652 flows of the CAVIAR network in
/// about 20 s and the Peru network's 183 in 0.3 s, but 300 random flows among 150 actors take 35 s
/// and 500 among 250 more than 5 minutes — its crossing minimisation grows much faster than the
/// drawing. `circo` is as slow; `neato` and `fdp` hold a few thousand; `sfdp` is built for large
/// networks.
pub fn layout_limit(layout: Layout) -> (usize, usize) {
    match layout {
        Layout::Dot | Layout::Circo => (500, 1000),
        Layout::Neato | Layout::Fdp => (2000, 5000),
        Layout::Sfdp => (50_000, 200_000),
    }
}

/// Lays out and draws DOT text with Graphviz; returns the picture's bytes.
pub fn run_graphviz(
    dot: &str,
    layout: Layout,
    format: OutputFormat,
) -> Result<Vec<u8>, GraphvizError> {
    let engine = match layout {
        Layout::Dot => "dot",
        Layout::Neato => "neato",
        Layout::Fdp => "fdp",
        Layout::Sfdp => "sfdp",
        Layout::Circo => "circo",
    };
    let format = match format {
        OutputFormat::Svg => "svg",
        OutputFormat::Png => "png",
        OutputFormat::Pdf => "pdf",
    };
    let mut command = Command::new("dot");
    command
        .arg(format!("-K{engine}"))
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    end_with_parent(&mut command);
    let mut child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => GraphvizError::Missing,
        _ => GraphvizError::Failed(e.to_string()),
    })?;
    let _registered = crate::cleanup::Child::new(child.id());
    let failed = |e: std::io::Error| GraphvizError::Failed(e.to_string());
    // Feed the text from a thread while this one drains the outputs, so neither pipe fills up.
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| failed(std::io::Error::other("no stdin")))?;
    let text = dot.to_string();
    let feeder = std::thread::spawn(move || {
        // A Graphviz that stops reading (a syntax error) closes the pipe: its stderr says why.
        let _ = stdin.write_all(text.as_bytes());
    });
    let mut stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(e) = stderr.as_mut() {
            let _ = e.read_to_string(&mut text);
        }
        text
    });
    let mut picture = Vec::new();
    if let Some(out) = child.stdout.as_mut() {
        out.read_to_end(&mut picture).map_err(failed)?;
    }
    let status = child.wait().map_err(failed)?;
    let _ = feeder.join();
    let errors = errors.join().unwrap_or_default();
    if !status.success() {
        let why = errors.split_whitespace().collect::<Vec<_>>().join(" ");
        return Err(GraphvizError::Failed(if why.is_empty() {
            format!("dot exited with {status}")
        } else {
            why
        }));
    }
    Ok(picture)
}

/// On Linux, the kernel sends the child SIGKILL when netgraph ends (even by `kill -9`).
#[cfg(target_os = "linux")]
fn end_with_parent(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: prctl(2) is async-signal-safe and touches no memory of the parent.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn end_with_parent(_: &mut Command) {}

/// Whether the Graphviz `dot` program can be run.
pub fn available() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_size_counts_node_and_edge_statements() {
        let text = "digraph g {\n  graph[rankdir=\"LR\"]\n  \"a\"[label=\"x -> y\"]\n  \"b\\\" -> c\"[label=\"b\"]\n  \"a\" -> \"b\\\" -> c\" [label=\"cash\"]\n  \"a\" -> \"a\"\n  subgraph cluster_0 {\n    \"c\"\n  }\n}\n";
        assert_eq!(dot_size(text), (3, 2));
    }
}
