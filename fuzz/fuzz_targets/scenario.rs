//! Fuzz target: `netgraph_core::fuzzing::scenario` (see docs/reliability.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| netgraph_core::fuzzing::scenario(data));
