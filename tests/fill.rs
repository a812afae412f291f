//! `jobboard fill`: a posting named by its name, file or page (or by a
//! "This job is filled" issue, which anyone may write) gets `filled:` and
//! not one other byte changed; then it is off the board.

mod common;

use std::path::Path;

use common::{TODAY, board, board_with, jobboard, read, tree};
use predicates::prelude::*;

const LEEDS: &str = "postings/leeds-backend-developer.md";

/// Every file of the board but `except`, with its bytes.
fn others(root: &Path, except: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = tree(root);
    files.remove(except);
    files
}

/// `text` with `line` added before the front matter's closing `---`.
fn with_line_before_fence(text: &[u8], line: &[u8]) -> Vec<u8> {
    let close = text
        .windows(5)
        .position(|w| w == b"\n---\n" || w == b"\n---\r")
        .expect("closing fence")
        + 1;
    [&text[..close], line, &text[close..]].concat()
}

#[test]
fn fill_adds_one_line_and_changes_no_other_byte() {
    let board = common::board("basic");
    let root = board.path();
    let before = std::fs::read(root.join(LEEDS)).expect("read");
    let rest = others(root, LEEDS);
    let out = jobboard(root)
        .args(["fill", "leeds-backend-developer", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    insta::assert_snapshot!("fill-json", String::from_utf8_lossy(&out.stdout));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["filled"], TODAY);
    let after = std::fs::read(root.join(LEEDS)).expect("read");
    assert_eq!(
        after,
        with_line_before_fence(&before, format!("filled: {TODAY}\n").as_bytes())
    );
    assert_eq!(
        others(root, LEEDS),
        rest,
        "no other file changed, none left behind"
    );
    // The board checks clean, and the posting is gone from the site.
    jobboard(root).arg("check").assert().code(0);
    jobboard(root)
        .arg("build")
        .assert()
        .success()
        .stderr(predicate::str::contains("built 2 jobs"));
    assert!(!root.join("site/jobs/leeds-backend-developer").exists());
    assert!(!read(root.join("site/jobs.json")).contains("leeds-backend-developer"));
}

#[test]
fn fill_keeps_crlf_a_byte_order_mark_comments_and_quotes() {
    let body =
        "We build hospital rotas in Python with Django and pandas, and test them with pytest.";
    let shapes: &[(&str, &str, &str)] = &[
        // (front matter after `title`, what `fill --on 2026-11-20` makes of it, line ending)
        (
            "posted: 2026-11-01\n",
            "posted: 2026-11-01\nfilled: 2026-11-20\n",
            "\n",
        ),
        (
            "posted: 2026-11-01\n",
            "posted: 2026-11-01\nfilled: 2026-11-20\n",
            "\r\n",
        ),
        (
            "posted: 2026-11-01  # first day\n# expires: 2027-01-01\n",
            "posted: 2026-11-01  # first day\n# expires: 2027-01-01\nfilled: 2026-11-20\n",
            "\r\n",
        ),
        (
            "filled: \"2026-12-24\"   # the day Jane starts\nposted: 2026-11-01\n",
            "filled: 2026-11-20   # the day Jane starts\nposted: 2026-11-01\n",
            "\n",
        ),
        (
            "filled:\nposted: 2026-11-01\n",
            "filled: 2026-11-20\nposted: 2026-11-01\n",
            "\r\n",
        ),
    ];
    for (bom, (fields, filled, nl)) in [false, true].into_iter().cycle().zip(shapes) {
        let text = |fields: &str| {
            let text = format!(
                "---\ntitle: Python Developer\ncompany: Acme\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: https://acme.example/jobs/1\n{fields}---\n{body}\n\n{body}\n"
            )
            .replace('\n', nl);
            let bom = if bom { "\u{feff}" } else { "" };
            format!("{bom}{text}").into_bytes()
        };
        let board = board_with(&[("acme-dev.md", &text(fields))]);
        jobboard(board.path())
            .args(["fill", "postings/acme-dev.md", "--on", "2026-11-20"])
            .assert()
            .code(0)
            .stdout(predicate::str::contains(
                "filled postings/acme-dev.md on 2026-11-20: Python Developer at Acme leaves the board",
            ));
        let after = std::fs::read(board.path().join("postings/acme-dev.md")).expect("read");
        assert_eq!(
            String::from_utf8_lossy(&after),
            String::from_utf8_lossy(&text(filled)),
            "{fields:?} {nl:?} bom: {bom}"
        );
    }
}

#[test]
fn fill_finds_a_posting_by_its_file_or_its_pages_address() {
    for which in [
        "postings/leeds-backend-developer.md",
        "https://jobs.test.example/jobs/leeds-backend-developer/",
        "https://jobs.test.example/jobs/leeds-backend-developer/index.html",
    ] {
        let board = board("basic");
        jobboard(board.path())
            .args(["fill", which])
            .assert()
            .code(0)
            .stderr(predicate::str::contains("note:").not());
        assert!(read(board.path().join(LEEDS)).contains("filled: 2026-11-21\n"));
    }
    // The page on another host (a fork's Pages, a preview): found by its name, and said.
    let board = common::board("basic");
    jobboard(board.path())
        .args([
            "fill",
            "https://someone.github.io/board/jobs/leeds-backend-developer/",
        ])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("is not an address of this board"));
    // In a sub-folder of postings/, by its name.
    let board = common::board("basic");
    let root = board.path();
    std::fs::create_dir(root.join("postings/2026")).expect("mkdir");
    std::fs::rename(
        root.join(LEEDS),
        root.join("postings/2026/leeds-backend-developer.md"),
    )
    .expect("move");
    jobboard(root)
        .args(["fill", "leeds-backend-developer"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "filled postings/2026/leeds-backend-developer.md",
        ));
}

#[test]
fn fill_says_when_there_is_nothing_to_fill_and_changes_nothing() {
    let board = common::board("basic");
    let root = board.path();
    jobboard(root)
        .args(["fill", "leeds-backend-developer"])
        .assert()
        .code(0);
    let files = tree(root);
    jobboard(root)
        .args(["fill", "leeds-backend-developer", "--format", "json"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "postings/leeds-backend-developer.md is filled already (filled: 2026-11-21); nothing changed",
        ));
    jobboard(root)
        .args(["fill", "acme-nobody"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no posting is named acme-nobody"));
    jobboard(root)
        .args(["fill", "postings/acme-nobody.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "there is no posting postings/acme-nobody.md",
        ));
    // Usage errors: exit 2.
    for (args, says) in [
        (
            &["fill", "remote-data-engineer", "--on", "2026-11-22"][..],
            "is after today",
        ),
        (
            &["fill", "remote-data-engineer", "--on", "2026-11-18"][..],
            "is before postings/remote-data-engineer.md was posted (2026-11-19)",
        ),
        (&["fill", "Remote Data"][..], "is not a posting's name"),
        (&["fill", "../board.yaml"][..], "has `..` in it"),
        (&["fill", "board.yaml"][..], "is not a posting's name"),
        (
            &["fill", "templates/job.md"][..],
            "is not in the board's postings/ folder",
        ),
        (
            &["fill", "https://jobs.test.example/about/"][..],
            "is not the address of a job's page",
        ),
        (&["fill"][..], "WHICH"),
    ] {
        jobboard(root)
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    assert_eq!(tree(root), files, "nothing written");
}

#[test]
#[cfg(unix)]
fn fill_never_writes_through_a_link() {
    let board = board_with(&[]);
    std::fs::create_dir(board.path().join("postings")).expect("mkdir");
    let outside = tempfile::tempdir().expect("dir");
    let target = outside.path().join("target.md");
    let text = std::fs::read(common::fixtures().join("basic").join(LEEDS)).expect("read");
    std::fs::write(&target, &text).expect("write");
    std::os::unix::fs::symlink(&target, board.path().join("postings/linked-job.md")).expect("link");
    jobboard(board.path())
        .args(["fill", "linked-job"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "postings/linked-job.md is a symbolic link",
        ));
    assert_eq!(std::fs::read(&target).expect("read"), text);
    assert!(board.path().join("postings/linked-job.md").is_symlink());
}

/// The body of a "This job is filled" issue as GitHub writes it.
fn issue(posting: &str) -> String {
    format!("### Posting\n\n{posting}\n\n### Anything else\n\nWe hired Priya. Thanks!\n")
}

fn fill_from_issue(root: &Path, body: &[u8]) -> assert_cmd::assert::Assert {
    let file = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(file.path(), body).expect("write");
    jobboard(root)
        .args(["fill", "--format", "json", "--issue"])
        .arg(file.path())
        .assert()
}

#[test]
fn fill_reads_the_posting_from_a_filled_issue() {
    let board = common::board("basic");
    fill_from_issue(
        board.path(),
        issue("https://jobs.test.example/jobs/leeds-backend-developer/").as_bytes(),
    )
    .code(0)
    .stdout(predicate::str::contains(
        "\"slug\":\"leeds-backend-developer\"",
    ));
    assert!(read(board.path().join(LEEDS)).contains("filled: 2026-11-21\n"));
    // From standard input, as a workflow may pipe it.
    let board = common::board("basic");
    jobboard(board.path())
        .args(["fill", "--issue", "-"])
        .write_stdin(issue("<leeds-backend-developer>"))
        .assert()
        .code(0);
    assert!(read(board.path().join(LEEDS)).contains("filled: 2026-11-21\n"));
}

/// An issue is anyone's text: whatever it says, it names a posting of the
/// board or nothing, and a wrong one is told, with nothing written.
#[test]
fn a_hostile_issue_fills_nothing_and_says_why() {
    let board = common::board("basic");
    let root = board.path();
    let secret = tempfile::tempdir().expect("dir");
    std::fs::write(secret.path().join("secret.md"), "---\ntitle: x\n---\n").expect("write");
    let files = tree(root);
    let huge = issue(&format!(
        "leeds-backend-developer\n\n{}",
        "x".repeat(300 * 1024)
    ));
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (issue("../board.yaml").into_bytes(), "has `..` in it"),
        (
            issue("postings/../../etc/passwd.md").into_bytes(),
            "has `..` in it",
        ),
        (
            issue(&secret.path().join("secret.md").display().to_string()).into_bytes(),
            "is not in the board's postings/ folder",
        ),
        (issue("board.yaml").into_bytes(), "is not a posting's name"),
        (
            issue("https://jobs.test.example/jobs/..%2f..%2fboard.yaml/").into_bytes(),
            "is not a posting's name",
        ),
        (
            issue("javascript://jobs/leeds-backend-developer/").into_bytes(),
            "is not an https address",
        ),
        (
            issue("leeds-backend-developer please").into_bytes(),
            "more than one word",
        ),
        (
            issue("_No response_").into_bytes(),
            "has no answer under `### Posting`",
        ),
        (
            b"Posting: leeds-backend-developer\n".to_vec(),
            "has no answer under `### Posting`",
        ),
        (huge.into_bytes(), "is over 256 KiB"),
        (
            b"### Posting\n\nleeds-backend-developer\xff\n".to_vec(),
            "is not UTF-8 text",
        ),
        (
            issue("leeds-backend-developer\u{202e}").into_bytes(),
            "\\u{202e}",
        ),
    ];
    for (body, says) in cases {
        fill_from_issue(root, &body)
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(says));
    }
    // A posting of the board that does not exist: the work found nothing.
    fill_from_issue(
        root,
        issue("https://jobs.test.example/jobs/acme-nobody/").as_bytes(),
    )
    .code(1)
    .stderr(predicate::str::contains("no posting is named acme-nobody"));
    assert_eq!(tree(root), files, "nothing written");
}
