//! The core library's integration tests, one binary: its algorithms against independent
//! references written here (brute force, breadth-first searches, rustworkx-core), mutated networks
//! through the readers and measures, the saved fuzzing corpora, and the what-if, attack and
//! key-player queries on networks worked out by hand. None runs the `netgraph`
//! executable; those tests are in the root package's tests/cli/.
//!
//! Proptest keeps its saved failure cases for `NAME.rs` in `../proptest-regressions/NAME.txt` (its
//! default, found from this `main.rs`).

mod chains_properties;
mod cut_properties;
mod field_scan;
mod flow_routes_properties;
mod fuzz_corpus;
mod mutations;
mod paths_properties;
mod resample_properties;
mod rustworkx_properties;
mod whatif_queries;
