//! Fuzz target: `netgraph::fuzzing::graphml` (see docs/reliability.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| netgraph::fuzzing::graphml(data));
