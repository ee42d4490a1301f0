//! Helpers shared by the end-to-end tests: run the real binary, write files in temp folders.
#![allow(dead_code)]

pub mod components;

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
