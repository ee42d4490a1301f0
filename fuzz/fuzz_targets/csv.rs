//! Fuzz target: `netgraph::fuzzing::csv` (see docs/reliability.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| netgraph::fuzzing::csv(data));
