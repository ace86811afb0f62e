//! Arbitrary bytes as a survey file: every layout, then every renderer.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::exercise(data));
