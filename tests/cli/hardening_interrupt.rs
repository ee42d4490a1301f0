//! No leftovers: an interrupted run deletes its temporary output and ends its Graphviz child.
#![cfg(unix)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_netgraph"))
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".netgraph-"))
        .collect()
}

fn signal(child: &Child, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

fn big_edge_list(dir: &Path, rows: usize) -> std::path::PathBuf {
    let mut text = String::from("source,target,kind,note\n");
    for i in 0..rows {
        text.push_str(&format!(
            "a{},a{},cash,row {i} of a long edge list\n",
            i % 5000,
            (i * 7 + 1) % 5000
        ));
    }
    let p = dir.join("big.csv");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn ctrl_c_while_writing_leaves_no_temporary_and_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = big_edge_list(dir.path(), 400_000);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("net.json");
    let mut child = bin()
        .args(["convert", input.to_str().unwrap(), out.to_str().unwrap()])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut seen = false;
    while start.elapsed() < Duration::from_secs(120) {
        if !temporaries(&out_dir).is_empty() {
            seen = true;
            signal(&child, "-INT");
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let status = child.wait().unwrap();
    assert!(
        seen,
        "the temporary output was never seen (the run took {:?})",
        start.elapsed()
    );
    assert_eq!(status.code(), Some(130));
    assert_eq!(temporaries(&out_dir), Vec::<String>::new());
    assert!(!out.exists(), "no half-written output");
}

/// The processes whose parent is `pid` (from /proc).
fn children_of(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().filter_map(|e| e.ok()) {
        let Ok(p) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) else {
            continue;
        };
        // pid (comm) state ppid …: the command may hold spaces, so read after the last ')'.
        let after = &stat[stat.rfind(')').unwrap() + 1..];
        let ppid: u32 = after.split_whitespace().nth(1).unwrap().parse().unwrap();
        if ppid == pid {
            out.push(p);
        }
    }
    out
}

fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|s| !s[s.rfind(')').unwrap() + 1..].trim_start().starts_with('Z'))
}

#[test]
fn killing_render_ends_graphviz_and_leaves_no_dot_file() {
    if !netgraph_core::render::available() {
        assert!(
            std::env::var_os("NETGRAPH_REQUIRE_GRAPHVIZ").is_none(),
            "Graphviz is required"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // A network Graphviz takes a while to lay out.
    let mut text = String::from("source,target\n");
    for i in 0..3000 {
        text.push_str(&format!("a{},a{}\n", i % 700, (i * 13 + 5) % 700));
    }
    let input = dir.path().join("g.csv");
    std::fs::write(&input, text).unwrap();
    let out = dir.path().join("g.svg");
    for sig in ["-INT", "-KILL"] {
        let mut child = bin()
            .args([
                "render",
                input.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--force",
            ])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        let mut dot = Vec::new();
        while dot.is_empty() && start.elapsed() < Duration::from_secs(60) {
            dot = children_of(child.id());
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(!dot.is_empty(), "Graphviz was started");
        signal(&child, sig);
        child.wait().unwrap();
        let start = Instant::now();
        while dot.iter().any(|&p| alive(p)) && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(
            !dot.iter().any(|&p| alive(p)),
            "{sig}: Graphviz ended with netgraph"
        );
        assert!(!out.exists());
        assert_eq!(temporaries(dir.path()), Vec::<String>::new());
    }
}

/// Every file of a Neo4j bundle folder with its contents, sorted.
fn bundle(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn interrupted_convert_force_leaves_the_old_bundle_or_the_new_one_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    // The old bundle: a small network. The new one: a large edge list, slow to write.
    let small = dir.path().join("small.csv");
    std::fs::write(&small, "source,target,kind\na,b,cash\nb,c,gold\n").unwrap();
    let input = big_edge_list(dir.path(), 60_000);
    let out = dir.path().join("net.neo4j");
    let old_status = bin()
        .args(["convert", small.to_str().unwrap(), out.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(old_status.success());
    let old = bundle(&out);
    assert!(old.iter().any(|(n, _)| n == "actors.csv"));
    // The complete new bundle, written once without interruption, to compare with.
    let reference = dir.path().join("reference.neo4j");
    let started = Instant::now();
    let ok = bin()
        .args([
            "convert",
            input.to_str().unwrap(),
            reference.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(ok.success());
    let whole = started.elapsed();
    let new = bundle(&reference);
    std::fs::remove_dir_all(&reference).unwrap();

    // Interrupt at successive moments: as soon as the temporary folder appears, then later and
    // later into the run, up to its last moments (when the old folder is moved aside). Whatever the
    // moment, the folder is the old bundle or the new one, whole, and no temporary is left beside it.
    let mut interrupted = 0;
    for share in [0.0, 0.5, 0.9, 0.99] {
        let delay = whole.mul_f64(share);
        let delay_ms = delay.as_millis();
        let mut child = bin()
            .args([
                "convert",
                input.to_str().unwrap(),
                out.to_str().unwrap(),
                "--force",
            ])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while temporaries(dir.path()).is_empty()
            && child.try_wait().unwrap().is_none()
            && start.elapsed() < Duration::from_secs(120)
        {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(delay.saturating_sub(start.elapsed()));
        if child.try_wait().unwrap().is_none() {
            signal(&child, "-INT");
        }
        let status = child.wait().unwrap();
        if status.code() == Some(130) {
            interrupted += 1;
        } else {
            assert!(status.success(), "delay {delay_ms} ms: {status:?}");
        }
        assert_eq!(
            temporaries(dir.path()),
            Vec::<String>::new(),
            "delay {delay_ms} ms: a temporary folder was left"
        );
        let now = bundle(&out);
        assert!(
            now == old || now == new,
            "delay {delay_ms} ms: the folder is neither the old bundle nor the new one"
        );
        if now == new {
            // Put the old bundle back for the next, later interruption.
            std::fs::remove_dir_all(&out).unwrap();
            std::fs::create_dir(&out).unwrap();
            for (name, bytes) in &old {
                std::fs::write(out.join(name), bytes).unwrap();
            }
        }
    }
    assert!(interrupted > 0, "no run was interrupted");
}
