//! The CLI's integration tests, one binary: every module runs the real `netgraph` executable
//! (`common::run`) and checks what it prints and writes against values worked out by hand, brute
//! force or an independent library. One module per area; run one with `cargo test --test cli
//! MODULE::`. The core library's own integration tests are in crates/netgraph-core/tests/.
//!
//! Proptest keeps its saved failure cases for `tests/cli/NAME.rs` in
//! `tests/proptest-regressions/NAME.txt` (its default, found from this `main.rs`).

mod common;
mod dotparse;

mod approx;
mod attack;
mod bad_input;
mod chains;
mod channels_properties;
mod commands;
mod conventions;
mod cut;
mod evidence;
mod explorer;
mod export_gexf;
mod export_neo4j;
mod formats;
mod groups;
mod hardening_interrupt;
mod hardening_io;
mod hardening_output;
mod hardening_work;
mod honest;
mod keyplayers;
mod keyplayers_classic;
mod networkx_reference;
mod networkx_structure;
mod paths;
mod periods;
mod plots;
mod render;
mod render_chains;
mod resample;
mod scale;
mod structure_cli;
mod whatif;
mod whatif_chains;
mod whatif_chains_properties;
