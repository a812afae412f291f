//! `jobboard announce`: one Mastodon status and one webhook message for
//! each posting live now that the previous deployment did not list; nothing
//! without that list, and nothing when too many would go out at once.

mod common;

use std::path::Path;

use common::{board, board_with, jobboard, write};
use predicates::prelude::*;

const NEW_POSTING: &str = "---
title: Senior Python Engineer
company: Lantern Maps
location:
  city: Lisbon
  country: PT
remote: hybrid
type: [full-time]
category: software-engineering
salary:
  min: 60000
  max: 75000
  currency: EUR
  period: year
tags: [django, data-engineering, gis]
apply: https://lantern.example/jobs/42
posted: 2026-11-20
---
Lantern Maps draws the maps that city planners use to decide where buses stop. The map
service is written in Python: Django for the planners' app, GeoPandas for the layers, and
pytest for everything. You will join five engineers, review code every day, and talk with
planners about what they need next. We pay well and give six weeks of paid leave.
";

/// The board's site built into `out`.
fn build(root: &Path, out: &Path) {
    jobboard(root)
        .args(["build", "--out"])
        .arg(out)
        .assert()
        .code(0);
}

/// `announce --format json`'s lines, each parsed.
fn lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn a_posting_new_since_the_last_deployment_is_announced_on_each_channel() {
    let board = board("basic");
    let root = board.path();
    let old = tempfile::tempdir().expect("temp dir");
    build(root, old.path());
    write(
        root,
        "postings/lantern-python-engineer.md",
        NEW_POSTING.as_bytes(),
    );
    let new = tempfile::tempdir().expect("temp dir");
    build(root, new.path());
    let before = old.path().join("jobs.json");
    let from_site = jobboard(root)
        .args(["announce", "--format", "json", "--before"])
        .arg(&before)
        .arg("--site")
        .arg(new.path())
        .output()
        .expect("run");
    assert_eq!(from_site.status.code(), Some(0));
    let found = lines(&from_site.stdout);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["slug"], "lantern-python-engineer");
    let status = found[0]["mastodon"]["status"].as_str().expect("status");
    assert!(status.chars().count() <= 500);
    insta::assert_snapshot!("announce-json", String::from_utf8_lossy(&from_site.stdout));
    // The board itself, read as `build` reads it, says the same.
    let from_board = jobboard(root)
        .args(["announce", "--format", "json", "--before"])
        .arg(&before)
        .output()
        .expect("run");
    assert_eq!(from_board.stdout, from_site.stdout);
    let human = jobboard(root)
        .args(["announce", "--before"])
        .arg(&before)
        .output()
        .expect("run");
    insta::assert_snapshot!("announce-human", String::from_utf8_lossy(&human.stdout));
    assert!(
        String::from_utf8_lossy(&human.stderr)
            .contains("1 posting new since the previous deployment (4 live, 3 listed before)")
    );
    // Nothing is new the next time.
    jobboard(root)
        .args(["announce", "--before"])
        .arg(new.path().join("jobs.json"))
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn a_first_deploy_announces_nothing() {
    let board = board("basic");
    jobboard(board.path())
        .args([
            "announce",
            "--format",
            "json",
            "--before",
            "no-such/jobs.json",
        ])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains(
            "no previous jobs.json at no-such/jobs.json (a first deploy?): announcing nothing",
        ));
}

#[test]
fn an_unreadable_old_file_announces_nothing() {
    let board = board("basic");
    for bad in ["", "<html>404</html>", "{\"jobs\": 3}"] {
        std::fs::write(board.path().join("old.json"), bad).expect("write");
        jobboard(board.path())
            .args(["announce", "--before", "old.json"])
            .assert()
            .code(0)
            .stdout("")
            .stderr(
                predicate::str::contains("old.json is not a jobs.json")
                    .and(predicate::str::contains("announcing nothing")),
            );
    }
}

#[test]
fn more_than_twenty_new_postings_announce_none() {
    let postings: Vec<(String, Vec<u8>)> = (0..21)
        .map(|i| {
            (
                format!("job-{i:02}.md"),
                format!(
                    "---\ntitle: Python Developer {i}\ncompany: Company {i}\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: https://c{i}.example/jobs\nposted: 2026-11-{:02}\n---\nCompany {i} writes Python every day with Django and pytest. Opening {i} joins a team of four that reviews code in pairs and ships twice a week, talks with the people who use the product, and keeps the tests fast. We pay a fair salary and give every engineer a learning budget and four weeks of paid leave.\n",
                    1 + i % 20
                )
                .into_bytes(),
            )
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = postings
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let board = board_with(&refs);
    std::fs::write(board.path().join("old.json"), "{\"jobs\": []}").expect("write");
    jobboard(board.path())
        .args(["announce", "--before", "old.json"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains(
            "21 postings are live now that old.json did not list, more than the 20 one run announces: announcing none",
        ));
    // Twenty are fine.
    std::fs::write(
        board.path().join("old.json"),
        "{\"jobs\": [{\"slug\": \"job-00\"}]}",
    )
    .expect("write");
    let out = jobboard(board.path())
        .args(["announce", "--format", "json", "--before", "old.json"])
        .output()
        .expect("run");
    let found = lines(&out.stdout);
    assert_eq!(found.len(), 20);
    // Oldest first: a channel shows the newest on top.
    assert_eq!(found[0]["slug"], "job-20", "posted on the 1st");
}

#[test]
fn a_board_with_an_error_announces_nothing_and_a_missing_site_is_a_usage_error() {
    let board = board("basic");
    write(board.path(), "postings/broken-job.md", b"---\ntitle: x\n");
    jobboard(board.path())
        .args(["announce", "--before", "no-such.json"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("nothing is announced"));
    jobboard(board.path())
        .args(["announce", "--before", "no-such.json", "--site", "nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("build the site first"));
}
