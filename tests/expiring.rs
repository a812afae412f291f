//! `jobboard expiring`: the live postings whose last day is near, each with
//! a reminder its poster can act on, in Markdown that posting text cannot
//! abuse; `remind_days` in board.yaml sets how near.

mod common;

use common::{board, board_with, jobboard, jobboard_on};
use predicates::prelude::*;

/// `basic` on 10 February 2027: Leeds (posted 16 November) has its last day
/// on 13 February, the data engineer (19 November) on 16 February; the
/// Zürich posting (expires 31 December) and the old one are gone.
const DAY: &str = "2027-02-10";

fn json(out: &std::process::Output) -> serde_json::Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn slugs(document: &serde_json::Value) -> Vec<&str> {
    document["postings"]
        .as_array()
        .expect("postings")
        .iter()
        .filter_map(|p| p["slug"].as_str())
        .collect()
}

#[test]
fn lists_the_live_postings_whose_last_day_is_near_soonest_first() {
    let board = board("basic");
    let out = jobboard_on(board.path(), DAY)
        .args(["expiring", "--format", "json"])
        .output()
        .expect("run");
    let document = json(&out);
    insta::assert_snapshot!("expiring-json", String::from_utf8_lossy(&out.stdout));
    assert_eq!(document["version"], 1);
    assert_eq!(document["within"], 7, "remind_days' default");
    assert_eq!(
        slugs(&document),
        ["leeds-backend-developer", "remote-data-engineer"]
    );
    let leeds = &document["postings"][0];
    assert_eq!(leeds["last_day"], "2027-02-13");
    assert_eq!(leeds["days_left"], 4);
    assert_eq!(
        leeds["url"],
        "https://jobs.test.example/jobs/leeds-backend-developer/"
    );
    // Today, the last day, counts: within 0 days is the postings' last day.
    let out = jobboard_on(board.path(), "2027-02-13")
        .args(["expiring", "--within", "0", "--format", "json"])
        .output()
        .expect("run");
    let document = json(&out);
    assert_eq!(slugs(&document), ["leeds-backend-developer"]);
    assert_eq!(document["postings"][0]["days_left"], 1);
    // A day further, 3 days: the data engineer's last day is the 4th.
    let out = jobboard_on(board.path(), "2027-02-12")
        .args(["expiring", "--within", "3", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(slugs(&json(&out)), ["leeds-backend-developer"]);
    // Nothing near: an empty list, and success.
    jobboard(board.path())
        .arg("expiring")
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains(
            "0 live postings go down within 7 days (2026-11-21 to 2026-11-28)",
        ));
}

#[test]
fn the_human_list_is_one_line_a_posting() {
    let board = board("basic");
    jobboard_on(board.path(), DAY)
        .args(["expiring", "--within", "10"])
        .assert()
        .code(0)
        .stdout(
            "postings/leeds-backend-developer.md  2027-02-13 (4 days left)  Backend Python Developer at Rota Health\n\
             postings/remote-data-engineer.md  2027-02-16 (7 days left)  Data Engineer (Contract) at Björk Analytics AB\n",
        )
        .stderr(predicate::str::contains(
            "2 live postings go down within 10 days",
        ));
}

#[test]
fn filled_expired_and_future_postings_are_not_reminded_of() {
    let board = board("basic");
    let root = board.path();
    jobboard_on(root, DAY)
        .args(["fill", "remote-data-engineer"])
        .assert()
        .code(0);
    common::write(root, "postings/broken-job.md", b"---\ntitle: [\n---\n");
    let out = jobboard_on(root, DAY)
        .args(["expiring", "--within", "60", "--format", "json"])
        .output()
        .expect("run");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("skipped postings/broken-job.md"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(slugs(&json(&out)), ["leeds-backend-developer"]);
    // Posted tomorrow: not live yet, nothing to remind.
    let out = jobboard_on(root, "2026-11-15")
        .args(["expiring", "--within", "365", "--format", "json"])
        .output()
        .expect("run");
    assert!(!slugs(&json(&out)).contains(&"leeds-backend-developer"));
}

/// The messages of `expiring --within DAYS` on `day`, by slug.
fn messages(root: &std::path::Path, day: &str, within: &str) -> Vec<(String, String)> {
    let out = jobboard_on(root, day)
        .args(["expiring", "--within", within, "--format", "json"])
        .output()
        .expect("run");
    json(&out)["postings"]
        .as_array()
        .expect("postings")
        .iter()
        .map(|p| {
            let text = |key: &str| p[key].as_str().unwrap_or_default().to_string();
            (text("slug"), text("message"))
        })
        .collect()
}

#[test]
fn the_reminder_says_how_to_extend_renew_or_fill() {
    let board = board("basic");
    let root = board.path();
    // Zürich expires on 31 December, before its 90 days (7 February) are up.
    let found = messages(root, "2026-12-28", "7");
    let [(slug, message)] = found.as_slice() else {
        panic!("{found:#?}")
    };
    assert_eq!(slug, "zurich-teaching-assistant");
    for says in [
        "goes down after **2026-12-31**, its last day (4 days left)",
        "changes `expires:` in `postings/zurich-teaching-assistant.md` to a later day, 2027-02-07 at the latest",
        "post the job again as a new posting",
        "`jobboard fill zurich-teaching-assistant`",
        "\"This job is filled\" issue",
    ] {
        assert!(message.contains(says), "{says}: {message}");
    }
    // On its last 90th day: no later `expires` is possible, and it says so.
    let (_, message) = &messages(root, "2027-02-13", "0")[0];
    assert!(message.contains("(today)"), "{message}");
    assert!(message.contains("`expires:` cannot go later"), "{message}");
    assert!(!message.contains("at the latest"), "{message}");
    // With the board's repository known, the issue form is linked.
    std::fs::write(
        root.join("board.yaml"),
        common::read(root.join("board.yaml")) + "repository: https://github.com/example/jobs\n",
    )
    .expect("board.yaml");
    let (_, message) = &messages(root, "2027-02-13", "0")[0];
    assert!(
        message.contains(
            "[a \"This job is filled\" issue](https://github.com/example/jobs/issues/new/choose)"
        ),
        "{message}"
    );
}

/// The workflow posts the message under the board's name: nothing a
/// posting says may mention anyone, link, load an image or be HTML.
#[test]
fn posting_text_in_a_reminder_mentions_links_and_loads_nothing() {
    let text = "---
title: \"@everyone <img src=x onerror=alert(1)> [win](https://evil.example) ![x](https://evil.example/x.png) #12 **bold**\"
company: \"@acme/team www.evil.example <b>Acme</b> ]]`\"
remote: remote
remote_from: [worldwide]
type: [full-time]
category: web
apply: https://acme.example/jobs/1
posted: 2026-11-20
expires: 2026-11-25
---
We write Python.
";
    let board = board_with(&[("acme-dev.md", text.as_bytes())]);
    let out = jobboard(board.path())
        .args(["expiring", "--format", "json"])
        .output()
        .expect("run");
    let document = json(&out);
    assert_eq!(
        document["postings"][0]["title"]
            .as_str()
            .map(|t| t.starts_with("@everyone")),
        Some(true),
        "JSON keeps the text"
    );
    let message = document["postings"][0]["message"]
        .as_str()
        .expect("message");
    let chars: Vec<char> = message.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        assert!(
            !(*c == '@' && next.is_alphanumeric()),
            "a mention: {message}"
        );
        assert!(!(*c == '<' && next.is_alphabetic()), "HTML: {message}");
        assert!(
            !(*c == '#' && next.is_ascii_digit()),
            "a reference: {message}"
        );
    }
    for never in ["](https://evil", "![", "**bold**", "www.evil"] {
        assert!(!message.contains(never), "{never}: {message}");
    }
    // The only links are the board's own (an escaped `\](` starts none).
    let links = message.matches("](").count() - message.matches("\\](").count();
    assert_eq!(links, 2, "{message}");
}

#[test]
fn remind_days_is_a_board_setting_that_check_knows() {
    let board = board("basic");
    let root = board.path();
    let settings = common::read(root.join("board.yaml"));
    std::fs::write(
        root.join("board.yaml"),
        format!("{settings}remind_days: 3\n"),
    )
    .expect("write");
    jobboard(root).arg("check").assert().code(0);
    let out = jobboard_on(root, DAY)
        .args(["expiring", "--format", "json"])
        .output()
        .expect("run");
    let document = json(&out);
    assert_eq!(document["within"], 3);
    assert_eq!(slugs(&document), ["leeds-backend-developer"]);
    std::fs::write(
        root.join("board.yaml"),
        format!("{settings}remind_days: -1\n"),
    )
    .expect("write");
    jobboard(root)
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`remind_days` must be from 0 to 365, not -1",
        ));
    jobboard(root).arg("expiring").assert().code(2);
}
