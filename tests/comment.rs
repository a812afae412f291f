//! The pull request's comment: `check --format review` writes what a
//! reviewer needs as JSON, and `jobboard comment` turns that JSON alone
//! (a file the pull request's code may have written) into one comment.

mod common;

use common::{board, jobboard};

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
