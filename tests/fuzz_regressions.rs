//! What the fuzzers found (and inputs they found interesting), replayed on
//! stable Rust in every test run: `cargo +nightly fuzz run posting|body`
//! keeps its own corpus; anything worth keeping is copied here.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("regressions") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let outcome = std::panic::catch_unwind(|| run(&bytes));
        assert!(outcome.is_ok(), "{} fails again", path.display());
        count += 1;
    }
    assert!(count > 0, "no regression inputs for {target}");
}

#[test]
fn postings_the_fuzzer_found() {
    replay("posting", jobboard::fuzz::posting);
}

#[test]
fn bodies_the_fuzzer_found() {
    replay("body", jobboard::fuzz::body);
}
