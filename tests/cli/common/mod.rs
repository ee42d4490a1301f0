//! Helpers shared by the end-to-end tests: run the real binary, write files in temp folders.

pub mod chains;
pub mod components;
pub mod edits;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `netgraph ARGS` with no standard input.
pub fn run(args: &[&str]) -> Run {
    run_with_stdin(args, "")
}

/// Runs `netgraph ARGS` with `stdin` as standard input.
pub fn run_with_stdin(args: &[&str], stdin: &str) -> Run {
    let out = Command::cargo_bin("netgraph")
        .unwrap()
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Path of a file in the repository.
pub fn repo(path: &str) -> String {
    format!("{}/{}", env!("CARGO_MANIFEST_DIR"), path)
}

/// Asserts a user error: exit 1, nothing on stdout, one line on stderr containing every `needle`.
pub fn assert_user_error(r: &Run, needles: &[&str]) {
    assert_eq!(r.code, 1, "stderr: {}", r.stderr);
    assert_one_line(r, needles);
}

/// Asserts a usage error (exit 2): nothing on stdout, one line on stderr holding every needle.
pub fn assert_usage_error(r: &Run, needles: &[&str]) {
    assert_eq!(r.code, 2, "stderr: {}", r.stderr);
    assert_one_line(r, needles);
}

fn assert_one_line(r: &Run, needles: &[&str]) {
    assert_eq!(r.stdout, "", "stdout should be empty");
    assert_eq!(
        r.stderr.trim_end().lines().count(),
        1,
        "one line: {}",
        r.stderr
    );
    for n in needles {
        assert!(r.stderr.contains(n), "{:?} not in {}", n, r.stderr);
    }
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

/// The JSON a successful run printed.
pub fn json_of(r: &Run) -> serde_json::Value {
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

/// Equal to 1e-12, relative to the larger magnitude (or absolute below 1).
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

/// Undirected path a-b-c-d-e plus an isolated f.
pub const PATH: &str = r#"{"directed": false,
  "actors": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}, {"id": "e"}, {"id": "f"}],
  "flows": [{"from": "a", "to": "b", "kind": "gold"}, {"from": "b", "to": "c", "kind": "cash"},
            {"from": "c", "to": "d", "kind": "gold"}, {"from": "d", "to": "e", "kind": "gold"}]}"#;

/// [`PATH`] written to a temporary folder: the folder (keep it alive) and the file's path.
pub fn path_file() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "path.json", PATH);
    let s = p.to_str().unwrap().to_string();
    (dir, s)
}
