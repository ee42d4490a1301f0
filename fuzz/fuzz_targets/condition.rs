//! Fuzz target: `netgraph::fuzzing::condition` (see docs/reliability.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| netgraph::fuzzing::condition(data));
