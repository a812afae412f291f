//! A posting file's bytes through front matter, schema and rules.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| jobboard::fuzz::posting(data));
