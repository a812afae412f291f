//! The pull request's comment: `check --format review` writes what a
//! reviewer needs as JSON, and `jobboard comment` turns that JSON alone
//! (a file the pull request's code may have written) into one comment.

mod common;

use common::{board, jobboard};
use predicates::prelude::*;
use proptest::prelude::*;

/// `check --format review` of the comment fixture: a ready posting, a
/// likely-reject one and one whose front matter is broken.
fn review_json() -> String {
    let board = board("comment");
    let out = jobboard(board.path())
        .args(["check", "--format", "review"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_review_document_shows_each_posting_that_parses_as_readers_will_see_it() {
    let doc: serde_json::Value = serde_json::from_str(&review_json()).expect("JSON");
    assert_eq!(doc["version"], 2);
    let postings = doc["postings"].as_array().expect("postings");
    let of = |file: &str| {
        postings
            .iter()
            .find(|p| p["file"] == format!("postings/{file}"))
            .unwrap_or_else(|| panic!("{file} in {doc:#}"))
    };
    let ready = &of("harbor-python-engineer.md")["page"];
    assert_eq!(ready["title"], "Python Engineer, Data Platform");
    assert_eq!(ready["company"], "Harbor Freight Analytics");
    let facts: Vec<String> = ready["facts"]
        .as_array()
        .expect("facts")
        .iter()
        .map(|f| {
            format!(
                "{}: {}",
                f["label"].as_str().unwrap_or(""),
                f["value"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        facts,
        [
            "Location: Rotterdam, Netherlands",
            "Work: Hybrid",
            "Type: Full-time",
            "Category: Software engineering",
            "Salary: €62,000 – €78,000 a year",
            "Tags: airflow, postgresql, data-engineering",
            "Apply: https://harbor.example/careers/python-engineer",
            "Company site: https://harbor.example/",
            "Posted: 18 Nov 2026",
            "Open until: 15 Feb 2027 (87 days left)",
        ]
    );
    let description = ready["description"].as_str().expect("description");
    assert!(
        description.starts_with("We track containers"),
        "{description}"
    );
    assert!(description.ends_with("EUR 1,500 a year."), "{description}");
    assert!(of("sunrise-unpaid-intern.md")["page"].is_object());
    let broken = of("broken-front-matter.md");
    assert!(broken["page"].is_null(), "{broken:#}");
    assert_eq!(broken["verdict"], "likely-reject");
    assert_eq!(broken["findings"][0]["rule"], "front-matter");
}

/// `jobboard comment --review -` with `json` on standard input.
fn comment(json: &[u8]) -> std::process::Output {
    let dir = tempfile::tempdir().expect("temp dir");
    jobboard(dir.path())
        .args(["comment", "--review", "-"])
        .write_stdin(json)
        .output()
        .expect("run")
}

#[test]
fn the_comment_of_a_ready_a_rejected_and_a_broken_posting() {
    let out = comment(review_json().as_bytes());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let body = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(body.starts_with("<!-- jobboard-review -->\n"), "{body}");
    safe::assert_inert(&body);
    insta::assert_snapshot!("comment", body);
}

#[test]
fn the_comment_reads_a_file_and_refuses_what_check_does_not_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("review.json");
    std::fs::write(&file, review_json()).expect("write");
    jobboard(dir.path())
        .args(["comment", "--review"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "### ✅ postings/harbor-python-engineer.md — ready",
        ));
    let refused = |json: &str, why: &str| {
        let out = comment(json.as_bytes());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{why}: {stderr}");
        assert!(out.stdout.is_empty(), "{why}");
        assert!(
            stderr.contains("standard input") && stderr.contains("check --format review"),
            "{why}: {stderr}"
        );
        stderr.to_string()
    };
    let good = review_json();
    assert!(refused(&good.replace("\"version\": 2", "\"version\": 1"), "v1").contains("version 1"));
    assert!(
        refused(
            &good.replacen("\"checked\"", "\"posted_by\": 1, \"checked\"", 1),
            "a key"
        )
        .contains("unknown field `posted_by`")
    );
    refused(&good.replacen("\"ready\"", "\"approved\"", 1), "a verdict");
    refused("not json", "not JSON");
    let long = good.replacen(
        "\"Harbor Freight Analytics\"",
        &format!("\"{}\"", "x".repeat(3_000)),
        1,
    );
    assert!(refused(&long, "a long company").contains("at most 2000"));
    let big = format!("{good}{}", " ".repeat(5 * 1024 * 1024));
    assert!(refused(&big, "over 5 MB").contains("5 MB"));
    jobboard(dir.path())
        .args(["comment", "--review", "missing.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read missing.json"));
}

#[test]
fn files_besides_postings_are_named_for_a_maintainer_and_the_run_is_linked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let review = dir.path().join("review.json");
    std::fs::write(&review, review_json()).expect("write");
    let changed = dir.path().join("changed.txt");
    let run = |changed_files: &str, url: &str| {
        std::fs::write(&changed, changed_files).expect("write");
        jobboard(dir.path())
            .args(["comment", "--review"])
            .arg(&review)
            .arg("--changed")
            .arg(&changed)
            .args(["--run-url", url])
            .output()
            .expect("run")
    };
    let url = "https://github.com/acme/jobs/actions/runs/42";
    let only_postings = run("postings/a.md\npostings/b.md\n", url);
    let body = String::from_utf8(only_postings.stdout).expect("UTF-8");
    assert!(!body.contains("besides postings"), "{body}");
    assert!(body.contains(&format!("[its run]({url})")), "{body}");

    let weakened = run(
        "postings/a.md\nsrc/rules/paid.rs\n.github/workflows/postings.yml\npostings/nested/x.md\n`@team` <b>.md\n",
        url,
    );
    let body = String::from_utf8(weakened.stdout).expect("UTF-8");
    // The run's link is the one link of the comment, and ours.
    safe::assert_inert(&body.replace(&format!("[its run]({url})"), "its run"));
    let warning = body
        .split("> [!WARNING]")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap_or_else(|| panic!("a warning in {body}"));
    insta::assert_snapshot!("comment_changes_besides_postings", warning);
    assert!(!warning.contains("postings/a.md"), "{warning}");

    let bad = run("", "javascript:alert(1)");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--run-url"));
    let bad = run("", "https://x.example/a) [b](https://evil.example");
    assert_eq!(bad.status.code(), Some(2));
}

/// A document of `postings`, each with these texts in every field.
fn document(postings: &[[&str; 8]]) -> String {
    let postings: Vec<serde_json::Value> = postings
        .iter()
        .map(|[file, rule, message, help, response, title, fact, description]| {
            serde_json::json!({
                "file": file,
                "verdict": "likely-reject",
                "reasons": [rule],
                "response": response,
                "findings": [{
                    "line": 12, "column": 1, "end_line": 12, "end_column": 4,
                    "rule": rule, "severity": "error",
                    "message": message, "help": help, "evidence": message,
                }],
                "page": {
                    "title": title, "company": fact,
                    "facts": [{"label": fact, "value": fact}, {"label": "Apply", "value": title}],
                    "description": description,
                },
            })
        })
        .collect();
    serde_json::json!({
        "version": 2,
        "board": {"title": "T", "base_url": "https://jobs.example/", "language": "Python"},
        "today": "2026-11-21",
        "checked": postings.len(), "errors": postings.len(), "warnings": 0, "notices": 0,
        "postings": postings,
    })
    .to_string()
}

fn comment_of(json: &str) -> String {
    let doc = jobboard::report::review::read(json.as_bytes()).expect("a review document");
    jobboard::report::comment::render(&doc, &Default::default())
}

#[test]
fn a_comment_that_would_be_too_long_is_cut_with_a_note() {
    let description = "We write Python. ".repeat(1_500);
    let response = "Thank you. ".repeat(2_000);
    let posting = [
        "postings/a.md",
        "paid",
        "a message",
        "a help",
        response.as_str(),
        "Python Developer",
        "Acme",
        description.as_str(),
    ];
    let body = comment_of(&document(&vec![posting; 30]));
    assert!(body.len() <= 64_000, "{}", body.len());
    assert!(body.chars().count() < 65_536);
    assert!(body.contains("**… cut:**"), "{body}");
    assert!(body.contains("of 30 postings shown in full"), "{body}");
    safe::assert_inert(&body);
    // One long posting: its description is cut at a line, and said so.
    let long = "A line of Python.\n\n".repeat(5_000);
    let one = [
        "postings/a.md",
        "paid",
        "m",
        "h",
        "r",
        "Python Developer",
        "Acme",
        long.as_str(),
    ];
    let body = comment_of(&document(&[one]));
    assert!(
        body.contains("the rest of the description is left out here"),
        "{body}"
    );
    assert!(body.len() <= 64_000);
}

mod safe {
    /// What GitHub could act on: HTML beyond the comment's own, a mention,
    /// an issue reference, an image; and what a Markdown renderer makes of
    /// the comment has no element but these.
    pub fn assert_inert(body: &str) {
        let own = body
            .replace("<details>", "")
            .replace("</details>", "")
            .replace("<summary>", "")
            .replace("</summary>", "");
        let chars: Vec<char> = own.chars().collect();
        for (i, pair) in chars.windows(2).enumerate() {
            let context = || {
                chars[i.saturating_sub(30)..(i + 30).min(chars.len())]
                    .iter()
                    .collect::<String>()
            };
            assert!(
                !(pair[0] == '<' && pair[1].is_alphabetic()),
                "a tag: {:?}",
                context()
            );
            assert!(
                !(pair[0] == '@' && (pair[1].is_alphanumeric() || pair[1] == '_')),
                "a mention: {:?}",
                context()
            );
            assert!(
                !(pair[0] == '#' && pair[1].is_ascii_digit()),
                "a reference: {:?}",
                context()
            );
            assert!(
                !(pair[0] == '!' && pair[1] == '['),
                "an image: {:?}",
                context()
            );
        }
        assert!(body.chars().count() < 65_536);
        let options = jobboard::markdown::options();
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(body, options));
        let allowed = "p strong em del code pre table thead tbody tr th td ul ol li blockquote \
                       h2 h3 h4 h5 h6 hr br details summary";
        for tag in html.split('<').skip(1) {
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            assert!(
                name.is_empty() || allowed.split_whitespace().any(|a| a == name),
                "<{name}> in the rendered comment:\n{html}"
            );
        }
    }
}

/// Text a stranger might write anywhere: anything at all, and pieces of
/// what GitHub's Markdown acts on.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<String>(),
        "[ -~]{0,12}",
        Just("<script>alert(1)</script>".to_string()),
        Just("<img src=x onerror=y>".to_string()),
        Just("</b><!-- x".to_string()),
        Just("@octocat".to_string()),
        Just("@".to_string()),
        Just("&#64;team".to_string()),
        Just("#12".to_string()),
        Just("GH-12".to_string()),
        Just("![x](https://e.example/i.png)".to_string()),
        Just("[l](https://e.example)".to_string()),
        Just("<https://e.example/a>".to_string()),
        Just("`".to_string()),
        Just("```".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("|".to_string()),
        Just("&lt;b&gt;".to_string()),
        Just("# h".to_string()),
        Just("- [ ] task".to_string()),
        Just("> q".to_string()),
        Just("    code".to_string()),
        Just("\\".to_string()),
        Just("*".to_string()),
        Just("\u{200b}".to_string()),
        Just("| a | b |\n|---|---|\n| <i>c</i> | ![d](e) |".to_string()),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|parts| parts.concat())
}

/// At most `max` bytes of `text`, cut at a character's edge.
fn clip(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

proptest! {
    #[test]
    fn any_text_in_any_field_stays_inert(texts in prop::array::uniform8(hostile())) {
        let [file, rule, message, help, response, title, fact, description] = &texts;
        let posting = [
            clip(file, 1_000),
            clip(rule, 60),
            message.as_str(),
            help.as_str(),
            response.as_str(),
            clip(title, 1_000),
            clip(fact, 1_000),
            description.as_str(),
        ];
        let body = comment_of(&document(&[posting, posting]));
        prop_assert!(body.starts_with("<!-- jobboard-review -->\n"));
        safe::assert_inert(&body);
    }
}
