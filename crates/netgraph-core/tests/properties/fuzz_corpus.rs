//! Replays the fuzzing corpora (`fuzz/corpus/<target>/`, including inputs that once crashed a
//! target) through the same entry points the fuzz targets call, on stable Rust: none may panic.

use std::path::Path;

#[test]
fn every_saved_fuzz_input_runs_without_a_panic() {
    // The fuzz crate is at the top of the workspace, two levels above this one.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    let mut replayed = 0;
    for (name, target) in netgraph_core::fuzzing::TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{}: no seeds", dir.display());
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{} panicked", file.display());
            replayed += 1;
        }
    }
    assert!(replayed >= 7);
}
