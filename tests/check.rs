//! `jobboard check`: one planted defect per structural rule, each reported
//! once, with the right rule at the right place, in words worth reading.

mod common;

use common::{board_with, findings, fixtures, jobboard};
use predicates::prelude::*;

/// One planted defect per fixture: (fixture, rule, severity, line, column).
const CASES: &[(&str, &str, &str, u64, u64)] = &[
    ("front-matter-unclosed.md", "front-matter", "error", 1, 1),
    ("front-matter-syntax.md", "front-matter", "error", 13, 7),
    ("front-matter-type.md", "front-matter", "error", 2, 8),
    ("unknown-field.md", "unknown-field", "error", 13, 1),
    ("required.md", "required", "error", 1, 1),
    ("enum.md", "enum", "error", 8, 9),
    ("length.md", "length", "error", 2, 8),
    ("date.md", "date", "error", 12, 9),
    ("date-filled.md", "date", "error", 13, 9),
    ("expired.md", "expired", "warning", 12, 9),
    ("empty-file.md", "file", "error", 1, 1),
    ("not-utf8.md", "file", "error", 6, 11),
    ("Bad_Name.md", "file", "error", 1, 1),
    ("mentions-language.md", "mentions-language", "error", 2, 8),
    (
        "mentions-language-title-only.md",
        "mentions-language",
        "warning",
        14,
        1,
    ),
    ("english.md", "english", "error", 14, 1),
    ("paid.md", "paid", "error", 17, 43),
    ("paid-salary.md", "paid", "error", 14, 8),
    ("url.md", "url", "error", 11, 8),
    ("url-http.md", "url", "warning", 11, 8),
    ("email.md", "email", "error", 15, 10),
    ("raw-html.md", "raw-html", "error", 17, 52),
    ("link-scheme.md", "link-scheme", "error", 18, 18),
    ("shouting.md", "shouting", "warning", 2, 8),
    ("length-short.md", "length", "warning", 14, 1),
    ("length-empty.md", "length", "error", 14, 1),
    ("length-image.md", "length", "error", 14, 1),
    ("file-invisible.md", "file", "error", 2, 8),
    ("placeholder.md", "placeholder", "error", 18, 42),
    ("mixed-script.md", "mixed-script", "error", 3, 10),
    ("main-language.md", "main-language", "notice", 2, 8),
    ("applicant-fee.md", "applicant-fee", "notice", 18, 85),
    ("scam.md", "scam", "notice", 18, 67),
    ("salary.md", "salary", "notice", 12, 3),
    ("apply-link.md", "apply-link", "notice", 11, 8),
    ("free-mail.md", "free-mail", "notice", 14, 10),
    ("agency.md", "agency", "notice", 14, 1),
    ("several-roles.md", "several-roles", "notice", 2, 8),
    ("title.md", "title", "notice", 2, 8),
];

#[test]
fn each_planted_defect_is_reported_once_where_it_is() {
    for (name, rule, severity, line, column) in CASES {
        let bytes = std::fs::read(fixtures().join("invalid").join(name)).expect("fixture");
        let board = board_with(&[(name, &bytes)]);
        let found = findings(board.path());
        assert_eq!(found.len(), 1, "{name}: {found:#?}");
        let f = &found[0];
        assert_eq!(f["file"], format!("postings/{name}"), "{name}");
        assert_eq!(f["rule"], *rule, "{name}: {f}");
        assert_eq!(f["severity"], *severity, "{name}: {f}");
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(*line), Some(*column)),
            "{name}: {f}"
        );
    }
}

#[test]
fn each_message_reads_well_in_the_human_report() {
    for (name, ..) in CASES {
        let bytes = std::fs::read(fixtures().join("invalid").join(name)).expect("fixture");
        let board = board_with(&[(name, &bytes)]);
        let out = jobboard(board.path()).arg("check").output().expect("run");
        let report = String::from_utf8_lossy(&out.stdout);
        insta::assert_snapshot!(format!("human-{name}"), report);
    }
}

#[test]
fn exit_codes_say_errors_warnings_and_success() {
    let invalid = fixtures().join("invalid");
    let bytes = |n: &str| std::fs::read(invalid.join(n)).expect("fixture");
    let error = board_with(&[("enum.md", &bytes("enum.md"))]);
    jobboard(error.path()).arg("check").assert().code(1);
    let warning = board_with(&[("expired.md", &bytes("expired.md"))]);
    jobboard(warning.path()).arg("check").assert().code(0);
    jobboard(warning.path())
        .args(["check", "--strict"])
        .assert()
        .code(1);
    let clean = board_with(&[]);
    jobboard(clean.path())
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no problems"));
}

#[test]
fn every_finding_of_every_file_in_one_run() {
    let invalid = fixtures().join("invalid");
    let files: Vec<(&str, Vec<u8>)> = CASES
        .iter()
        .map(|(n, ..)| (*n, std::fs::read(invalid.join(n)).expect("fixture")))
        .collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let board = board_with(&refs);
    let found = findings(board.path());
    // Each planted defect is there (the fixtures also duplicate each other).
    for (name, rule, _, line, column) in CASES {
        let file = format!("postings/{name}");
        let here = found.iter().any(|f| {
            f["file"] == file.as_str()
                && f["rule"] == *rule
                && f["line"] == *line
                && f["column"] == *column
        });
        assert!(here, "{name}: {rule} at {line}:{column} missing");
    }
    assert!(found.iter().any(|f| f["rule"] == "duplicate"), "{found:#?}");
}

#[test]
fn one_file_can_have_many_problems_and_all_are_told() {
    let text = "---\ntitle: Dev\ncompnay: Rota\nremote: sometimes\ntype: [full-time, gig]\ncategory: cooking\napply: ftp://rota.example\nposted: 2026-13-01\n---\nBody\n";
    let board = board_with(&[("many.md", text.as_bytes())]);
    let found = findings(board.path());
    let rules: Vec<&str> = found
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default())
        .collect();
    for rule in ["unknown-field", "required", "enum", "url", "date"] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
    // The unknown key names its likely meaning, the missing one says what to add.
    let out = jobboard(board.path()).arg("check").output().expect("run");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("did you mean `company`?"), "{report}");
    assert!(report.contains("`company` is missing"), "{report}");
}

#[test]
fn symlinks_and_oversized_files_are_refused() {
    let board = board_with(&[]);
    let big = format!("---\ntitle: x\n---\n{}", "word ".repeat(60_000));
    common::write(board.path(), "postings/too-big.md", big.as_bytes());
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", board.path().join("postings/linked.md"))
        .expect("symlink");
    let found = findings(board.path());
    let messages: Vec<String> = found
        .iter()
        .map(|f| format!("{} {}", f["file"], f["message"]))
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("too-big.md") && m.contains("at most 256 KiB")),
        "{messages:?}"
    );
    #[cfg(unix)]
    assert!(
        messages
            .iter()
            .any(|m| m.contains("linked.md") && m.contains("symbolic link")),
        "{messages:?}"
    );
    assert!(found.iter().all(|f| f["rule"] == "file"), "{found:#?}");
}

#[test]
fn a_broken_board_yaml_is_a_configuration_error() {
    let board = board_with(&[]);
    common::write(
        board.path(),
        "board.yaml",
        b"title: Jobs\nbase_url: https://x.example\ncategories: {web: Web}\npage_sise: 3\n",
    );
    jobboard(board.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("board.yaml:4:1"))
        .stderr(predicate::str::contains("did you mean `page_size`?"));
    let empty = tempfile::tempdir().expect("dir");
    jobboard(empty.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no board.yaml"));
}

#[test]
fn json_findings_have_the_spec_fields() {
    let bytes = std::fs::read(fixtures().join("invalid/enum.md")).expect("fixture");
    let board = board_with(&[("enum.md", &bytes)]);
    let found = findings(board.path());
    let keys: Vec<&String> = found[0].as_object().expect("object").keys().collect();
    assert_eq!(
        keys,
        ["column", "file", "line", "message", "rule", "severity"]
    );
}

/// The rules tables for submitters (README) and reviewers name every rule
/// there is, and no other.
#[test]
fn every_rule_is_documented_for_submitters_and_reviewers() {
    let ids: Vec<&str> = jobboard::diagnostic::RuleId::ALL
        .iter()
        .map(|r| r.as_str())
        .collect();
    for doc in ["README.md", "docs/REVIEWING.md"] {
        let text = common::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(doc));
        let documented: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split_once("` | ").map(|(id, _)| id))
            .filter(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
            .collect();
        for id in &ids {
            assert!(documented.contains(id), "{doc} does not list `{id}`");
        }
        for id in &documented {
            assert!(ids.contains(id), "{doc} lists `{id}`, which is no rule");
        }
    }
}

/// The canned responses in docs/REVIEWING.md are the ones the check fills
/// in: each title and each line of its text.
#[test]
fn the_canned_responses_are_documented_as_the_check_writes_them() {
    let text =
        common::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/REVIEWING.md"));
    let mut expected = String::new();
    for response in jobboard::review::RESPONSES {
        expected.push_str(&format!("### {}\n\n", response.title));
        for line in response.text.lines() {
            if line.is_empty() {
                expected.push_str(">\n");
            } else {
                expected.push_str(&format!("> {line}\n"));
            }
        }
        expected.push('\n');
    }
    assert!(
        text.contains(&expected),
        "docs/REVIEWING.md's canned responses differ from the check's; they should read:\n\n{expected}"
    );
}

/// SPEC: `expires` is at most `posted + max_age_days`, that day included.
#[test]
fn expires_may_be_the_last_day_the_board_allows_and_no_later() {
    let text = |expires: &str| {
        format!(
            "---\ntitle: Python Developer\ncompany: Acme\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: https://acme.example/jobs/1\nposted: 2026-11-20\nexpires: {expires}\n---\nWe write Python every day.\n"
        )
    };
    // 2026-11-20 + 90 days is 2027-02-18.
    let board = board_with(&[("on-the-day.md", text("2027-02-18").as_bytes())]);
    let found = findings(board.path());
    assert!(found.iter().all(|f| f["rule"] != "date"), "{found:#?}");
    let board = board_with(&[("a-day-late.md", text("2027-02-19").as_bytes())]);
    let found = findings(board.path());
    assert!(
        found.iter().any(|f| f["rule"] == "date"
            && f["message"]
                .as_str()
                .is_some_and(|m| m.contains("the last day it can run is 2027-02-18"))),
        "{found:#?}"
    );
}

/// One run reports every problem: field errors do not hide what the rules
/// find in the fields that could be read and in the description.
#[test]
fn format_errors_do_not_hide_the_other_findings() {
    let text = "---
title: SENIOR PYTHON DEVELOPER
company: Acme
remote: sometimes
type: [permanent]
category: nope
salary: { min: 50000, currency: XXX, period: year }
tags: [Pandas]
apply: http://localhost:8000/apply
contact: { email: \"Jane Doe <jane@acme.example>\" }
posted: 2026-13-01
---
We build Python services for hospitals with Django and PostgreSQL, and you will write Python every
day: new features, reviews, tests and the occasional migration of an old service. THIS ROLE IS
URGENT AND WE NEED SOMEONE NOW. Send your files to the [server](ftp://files.acme.example/cv).
The team is small, friendly and spread over three time zones, and we release often.
<script>alert(1)</script>
";
    let board = board_with(&[("acme-python.md", text.as_bytes())]);
    let found = findings(board.path());
    let rules: Vec<&str> = found.iter().filter_map(|f| f["rule"].as_str()).collect();
    // The field errors…
    for rule in ["enum", "date"] {
        assert!(rules.contains(&rule), "{rule} missing: {rules:?}");
    }
    // …and, in the same run, what the rules find in the rest.
    for rule in ["url", "email", "link-scheme", "raw-html", "shouting"] {
        assert!(rules.contains(&rule), "{rule} missing: {rules:?}");
    }
    // Nothing is said about the stand-ins of the fields that failed: no
    // finding without a real line.
    assert!(
        found.iter().all(|f| f["line"].as_u64().unwrap_or(0) > 0),
        "{found:#?}"
    );
}

/// A filled posting is off the board: its age is no longer worth a word
/// (not even under `--strict`, which would hold up the change that fills
/// it), and the same job may be posted again beside it.
#[test]
fn a_filled_posting_is_neither_expired_nor_a_duplicate() {
    let expired = std::fs::read(fixtures().join("invalid/expired.md")).expect("fixture");
    let filled = String::from_utf8(expired.clone()).expect("utf-8").replacen(
        "posted: 2026-07-01\n",
        "posted: 2026-07-01\nfilled: 2026-08-15\n",
        1,
    );
    let again = String::from_utf8(expired).expect("utf-8").replacen(
        "posted: 2026-07-01\n",
        "posted: 2026-11-20\n",
        1,
    );
    let board = board_with(&[
        ("rota-backend-2026.md", filled.as_bytes()),
        ("rota-backend-again.md", again.as_bytes()),
    ]);
    let found = findings(board.path());
    assert!(found.is_empty(), "{found:#?}");
    jobboard(board.path())
        .args(["check", "--strict"])
        .assert()
        .code(0);
    // Filled before it was posted, or in the future: an error.
    for (day, says) in [
        ("2026-06-30", "is before `posted`"),
        ("2026-11-22", "after today"),
    ] {
        let text = filled.replace("filled: 2026-08-15", &format!("filled: {day}"));
        let board = board_with(&[("rota-backend-2026.md", text.as_bytes())]);
        let found = findings(board.path());
        assert!(
            found.iter().any(|f| f["rule"] == "date"
                && f["line"] == 13
                && f["message"].as_str().is_some_and(|m| m.contains(says))),
            "{day}: {found:#?}"
        );
    }
}
