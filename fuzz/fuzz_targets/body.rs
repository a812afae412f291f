//! A body through Markdown and the sanitizer: nothing that can run comes out.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| jobboard::fuzz::body(data));
