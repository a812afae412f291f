//! The reviewer's assistant: the content rules are precise on postings that
//! reviewers approved, find what they must, and report where a pull request
//! shows it.

mod common;

use std::path::Path;

use common::{board, board_with, findings, fixtures, git, jobboard, read};
use predicates::prelude::*;

fn rules_of(found: &[serde_json::Value], severity: &str) -> Vec<String> {
    found
        .iter()
        .filter(|f| f["severity"] == severity)
        .map(|f| format!("{} {}:{} {}", f["file"], f["line"], f["rule"], f["message"]))
        .collect()
}

#[test]
fn approved_postings_pass_with_at_most_warnings() {
    let corpus = board("corpus");
    let found = findings(corpus.path());
    let postings = std::fs::read_dir(corpus.path().join("postings"))
        .expect("postings")
        .count();
    assert!(postings >= 30, "the corpus has {postings} postings");
    assert_eq!(rules_of(&found, "error"), Vec::<String>::new());
    // The warnings are the ones SPEC gives for the awkward-but-fine styles.
    for f in &found {
        let rule = f["rule"].as_str().unwrap_or_default();
        assert!(
            ["url", "length", "mentions-language"].contains(&rule),
            "unexpected warning {f}"
        );
    }
    let http = found.iter().filter(|f| f["rule"] == "url").count();
    assert!(http >= 15, "about half the links are http: {http}");
}

#[test]
fn the_sample_board_is_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = findings(root);
    assert_eq!(rules_of(&found, "error"), Vec::<String>::new());
    let warnings: Vec<&str> = found
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(warnings, ["expired", "expired"], "{found:#?}");
}

fn posting(company: &str, title: &str, apply: &str, body: &str, posted: &str) -> Vec<u8> {
    format!(
        "---\ntitle: {title}\ncompany: {company}\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: {apply}\nposted: {posted}\n---\n{body}\n"
    )
    .into_bytes()
}

const BODY: &str = "We build a booking system for small theatres and write Python every day: Django for the web shop, Celery for the ticket queue and pytest for everything. You will join three engineers, review code, and talk with the box office staff about what they need. We pay a fair salary and give every engineer four weeks of paid leave and a learning budget.";

/// Descriptions of other jobs, each its own: tests that are not about
/// duplicates must not plant near-duplicates by accident.
const OTHER_BODIES: [&str; 5] = [
    "Our lab models river floods for regional councils. You will maintain the Python package behind the forecasts, speed up its NumPy kernels, and write documentation that hydrologists can follow. The post is funded for three years, with a salary on the university's scale and a generous travel budget for conferences.",
    "Fresh Co sells refurbished laptops to schools. The Python team of two runs the inventory service in FastAPI and the nightly jobs that price each machine; you would be the third. Expect honest code review, a four-day week in summer, and a salary between 55,000 and 65,000 euros.",
    "Stale Co runs the timetable app for a bus company in the north. Its backend is Flask with PostgreSQL, and its biggest job is importing schedule changes every night without waking anyone. We pay well, work from a small office by the station, and ship on Tuesdays.",
    "Late Co prints photo books. Python renders the page layouts, Celery queues the print jobs, and a small Django admin lets the print room see what is next. You will own the layout engine and its tests, and talk to the printers when colours look wrong. Salary and a yearly book allowance.",
    "Draft Co helps farmers plan crop rotations. A Python service reads soil samples and weather, suggests a rotation, and explains why in plain words. We are four people, fully remote in Europe, and pay a salary that matches Berlin rates wherever you live.",
];

#[test]
fn duplicates_are_found_across_the_board_and_reported_on_the_later_posting() {
    let board = board_with(&[
        (
            "first-job.md",
            &posting(
                "Stagehand Ltd",
                "Python Developer",
                "https://stagehand.example/jobs/1",
                BODY,
                "2026-11-10",
            ),
        ),
        (
            "again-job.md",
            &posting(
                "stagehand  LTD",
                "python   developer",
                "https://stagehand.example/jobs/2",
                &format!("{BODY} Apply soon."),
                "2026-11-12",
            ),
        ),
        (
            "copied-body.md",
            &posting(
                "Other Co",
                "Django Developer",
                "https://other.example/jobs",
                BODY,
                "2026-11-13",
            ),
        ),
        (
            "shared-apply.md",
            &posting(
                "Third Co",
                "Backend Engineer",
                "https://stagehand.example/jobs/1/",
                &format!("{BODY} Third."),
                "2026-11-14",
            ),
        ),
        (
            "same-company-apply.md",
            &posting(
                "Stagehand Ltd",
                "Python Tester",
                "https://stagehand.example/jobs/1",
                &format!("{BODY} Testing."),
                "2026-11-15",
            ),
        ),
    ]);
    let found = findings(board.path());
    let dups: Vec<(String, String, String)> = found
        .iter()
        .filter(|f| f["rule"] == "duplicate")
        .map(|f| {
            (
                f["file"].to_string(),
                f["severity"].to_string(),
                f["message"].to_string(),
            )
        })
        .collect();
    assert_eq!(dups.len(), 3, "{dups:#?}");
    assert!(
        dups.iter()
            .any(|(file, sev, msg)| file.contains("again-job")
                && sev.contains("error")
                && msg.contains("same company and title as postings/first-job.md"))
    );
    assert!(
        dups.iter()
            .any(|(file, sev, msg)| file.contains("copied-body")
                && sev.contains("error")
                && msg.contains("same description as postings/first-job.md"))
    );
    assert!(
        dups.iter()
            .any(|(file, sev, msg)| file.contains("shared-apply")
                && sev.contains("warning")
                && msg.contains("Stagehand Ltd"))
    );
}

#[test]
fn a_job_posted_again_after_it_expired_is_not_a_duplicate() {
    let board = board_with(&[
        (
            "spring-job.md",
            &posting(
                "Stagehand Ltd",
                "Python Developer",
                "https://stagehand.example/jobs/1",
                BODY,
                "2026-06-01",
            ),
        ),
        (
            "autumn-job.md",
            &posting(
                "Stagehand Ltd",
                "Python Developer",
                "https://stagehand.example/jobs/1",
                BODY,
                "2026-11-10",
            ),
        ),
    ]);
    let found = findings(board.path());
    assert!(found.iter().all(|f| f["rule"] != "duplicate"), "{found:#?}");
}

#[test]
fn checking_named_files_reports_only_them_but_judges_duplicates_on_the_whole_board() {
    let board = board_with(&[
        (
            "first-job.md",
            &posting(
                "Stagehand Ltd",
                "Python Developer",
                "https://stagehand.example/jobs/1",
                BODY,
                "2026-11-10",
            ),
        ),
        (
            "again-job.md",
            &posting(
                "Stagehand Ltd",
                "Python Developer",
                "https://stagehand.example/jobs/2",
                "Short.",
                "2026-11-12",
            ),
        ),
    ]);
    let out = jobboard(board.path())
        .args(["check", "--format", "json", "postings/again-job.md"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        found.iter().all(|f| f["file"] == "postings/again-job.md"),
        "{found:#?}"
    );
    assert!(found.iter().any(|f| f["rule"] == "duplicate"), "{found:#?}");
    jobboard(board.path())
        .args(["check", "postings/first-job.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("checked 1 posting"));
    jobboard(board.path())
        .args(["check", "postings/missing.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file"));
    jobboard(board.path())
        .args(["check", "board.yaml"])
        .assert()
        .code(2);
}

#[test]
fn a_body_over_max_words_is_a_warning() {
    let long = "Python ".repeat(1201);
    let board = board_with(&[(
        "long-job.md",
        &posting(
            "Stagehand Ltd",
            "Python Developer",
            "https://stagehand.example/jobs/1",
            &long,
            "2026-11-10",
        ),
    )]);
    let found = findings(board.path());
    assert!(
        found.iter().any(|f| f["rule"] == "length"
            && f["severity"] == "warning"
            && f["message"]
                .as_str()
                .is_some_and(|m| m.contains("1201 words"))),
        "{found:#?}"
    );
}

#[test]
fn github_annotations_then_the_full_report_then_the_job_summary() {
    let invalid = fixtures().join("invalid");
    let names = ["enum.md", "url-http.md", "mentions-language.md"];
    let files: Vec<(&str, Vec<u8>)> = names
        .iter()
        .map(|n| (*n, std::fs::read(invalid.join(n)).expect("fixture")))
        .collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let board = board_with(&refs);
    let summary = board.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").expect("summary");
    let out = jobboard(board.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--format", "github"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let annotation = lines
        .iter()
        .find(|l| l.starts_with("::error file=postings/enum.md,"))
        .expect("annotation");
    assert!(annotation.starts_with("::error file=postings/enum.md,line=8,col=9,endLine=8,endColumn=18,title=enum::`remote` cannot be `sometimes`"), "{annotation}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::warning file=postings/url-http.md,line=11,col=8,")),
        "{stdout}"
    );
    // Every annotation is one line; then the human report, where workflow
    // commands are off (it quotes postings), and on again after it.
    let stop = lines
        .iter()
        .position(|l| l.starts_with("::stop-commands::"))
        .expect("stop-commands");
    assert!(
        lines[..stop].iter().all(|l| l.starts_with("::error ")
            || l.starts_with("::warning ")
            || l.starts_with("::notice ")),
        "{stdout}"
    );
    // The two fixtures share most of their description: a notice for the
    // reviewer, on the later one, naming the other.
    assert!(
        lines.iter().any(
            |l| l.starts_with("::notice file=postings/url-http.md,line=1,col=1,")
                && l.contains(
                    "title=near-duplicate::this reads like postings/mentions-language.md"
                )
        ),
        "{stdout}"
    );
    let token = lines[stop].trim_start_matches("::stop-commands::");
    assert!(token.len() > 16, "{token}");
    let resume = lines
        .iter()
        .position(|l| *l == format!("::{token}::"))
        .expect("commands resume");
    assert!(
        lines[stop + 1..resume]
            .iter()
            .any(|l| l.starts_with("error[enum]")),
        "{stdout}"
    );
    assert!(stdout.contains("error[enum]: `remote` cannot be `sometimes`"));
    assert!(
        stdout.contains(
            "checked 3 postings: 2 errors, 1 warning, 1 notice (1 needs reading, 2 likely reject)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("likely reject  postings/enum.md  enum"),
        "{stdout}"
    );
    let summary = read(&summary);
    assert!(
        summary.starts_with("earlier step\n## Posting check"),
        "{summary}"
    );
    assert!(
        summary.contains("| postings/enum.md | ❌ likely reject | `enum` |"),
        "{summary}"
    );
    assert!(
        summary.contains(
            "### ❌ postings/enum.md — likely reject\n\n| Line | Rule | Severity | Finding |"
        ),
        "{summary}"
    );
    assert!(summary.contains("| 8 | `enum` | error |"), "{summary}");
    assert!(
        summary.contains("<details><summary>Canned response to paste</summary>"),
        "{summary}"
    );
    assert!(
        summary.contains("- [ ] `near-duplicate` in postings/url-http.md: this reads like postings/mentions-language.md"),
        "{summary}"
    );
    assert!(
        summary.contains("- [ ] Python is the main implementation language"),
        "{summary}"
    );
}

/// A base branch with two postings, and a pull request that adds a good
/// posting, a stale one and an expired one, and moves another's date.
fn pull_request_repo() -> tempfile::TempDir {
    let repo = board_with(&[
        (
            "stays-same.md",
            &posting(
                "Stagehand Ltd",
                "Python Developer",
                "https://stagehand.example/jobs/1",
                BODY,
                "2026-11-01",
            ),
        ),
        (
            "bumped-job.md",
            &posting(
                "Bump Co",
                "Python Engineer",
                "https://bump.example/jobs/1",
                OTHER_BODIES[0],
                "2026-11-01",
            ),
        ),
    ]);
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "base"]);
    git(repo.path(), &["checkout", "-q", "-b", "pr"]);
    let write = |name: &str, bytes: Vec<u8>| {
        common::write(repo.path(), &format!("postings/{name}"), &bytes)
    };
    write(
        "new-good.md",
        posting(
            "Fresh Co",
            "Python Developer",
            "https://fresh.example/jobs",
            OTHER_BODIES[1],
            "2026-11-20",
        ),
    );
    write(
        "new-stale.md",
        posting(
            "Stale Co",
            "Python Developer",
            "https://stale.example/jobs",
            OTHER_BODIES[2],
            "2026-11-02",
        ),
    );
    write(
        "new-expired.md",
        posting(
            "Late Co",
            "Python Developer",
            "https://late.example/jobs",
            OTHER_BODIES[3],
            "2026-07-01",
        ),
    );
    write(
        "bumped-job.md",
        posting(
            "Bump Co",
            "Python Engineer",
            "https://bump.example/jobs/1",
            OTHER_BODIES[0],
            "2026-11-20",
        ),
    );
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "pr"]);
    repo
}

#[test]
fn the_pull_request_check_as_the_workflow_runs_it() {
    let repo = pull_request_repo();
    let out = jobboard(repo.path())
        .args(["check", "--since", "main", "--format", "github"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let annotations: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
    let has = |prefix: &str| annotations.iter().any(|a| a.starts_with(prefix));
    assert!(
        has(
            "::error file=postings/new-stale.md,line=9,col=9,endLine=9,endColumn=19,title=new-posting-date::"
        ),
        "{annotations:#?}"
    );
    assert!(
        has(
            "::error file=postings/bumped-job.md,line=9,col=9,endLine=9,endColumn=19,title=posted-changed::`posted` moved from 2026-11-01 to 2026-11-20"
        ),
        "{annotations:#?}"
    );
    assert!(
        has(
            "::error file=postings/new-expired.md,line=9,col=9,endLine=9,endColumn=19,title=already-expired::"
        ),
        "{annotations:#?}"
    );
    assert!(
        !annotations
            .iter()
            .any(|a| a.contains("new-good.md") || a.contains("stays-same.md")),
        "{annotations:#?}"
    );
    assert_eq!(
        annotations
            .iter()
            .filter(|a| a.starts_with("::error"))
            .count(),
        3,
        "{annotations:#?}"
    );
}

#[test]
fn untracked_new_postings_count_as_added() {
    let repo = pull_request_repo();
    common::write(
        repo.path(),
        "postings/local-draft.md",
        &posting(
            "Draft Co",
            "Python Developer",
            "https://draft.example/jobs",
            OTHER_BODIES[4],
            "2026-10-01",
        ),
    );
    let found: Vec<serde_json::Value> = serde_json::from_slice(
        &jobboard(repo.path())
            .args(["check", "--since", "main", "--format", "json"])
            .output()
            .expect("run")
            .stdout,
    )
    .expect("json");
    assert!(
        found
            .iter()
            .any(|f| f["file"] == "postings/local-draft.md" && f["rule"] == "new-posting-date"),
        "{found:#?}"
    );
}

#[test]
fn a_shallow_clone_or_an_unknown_base_says_how_to_fix_the_checkout() {
    let repo = pull_request_repo();
    jobboard(repo.path())
        .args(["check", "--since", "origin/nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not know `origin/nope`"))
        .stderr(predicate::str::contains("fetch-depth: 0"));
    let shallow = tempfile::tempdir().expect("dir");
    let url = format!("file://{}", repo.path().display());
    git(
        shallow.path(),
        &[
            "clone", "-q", "--depth", "1", "--branch", "pr", &url, "clone",
        ],
    );
    let clone = shallow.path().join("clone");
    jobboard(&clone)
        .args(["check", "--since", "main"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("shallow clone"))
        .stderr(predicate::str::contains("fetch-depth: 0"));
}

/// A pull request that moves the date of thousands of postings: git's
/// answer about their base versions is far larger than a pipe holds, and a
/// binary file among them is not text.
#[test]
fn a_pull_request_touching_thousands_of_files_is_checked_in_full() {
    const COUNT: usize = 3000;
    let name = |i: usize| format!("postings/a-long-name-so-the-request-to-git-is-large-{i:04}.md");
    let version = |i: usize, posted: &str| {
        posting(
            &format!("Company {i}"),
            "Python Developer",
            &format!("https://c{i}.example/jobs"),
            &format!("{BODY} Job {i}."),
            posted,
        )
    };
    let repo = tempfile::tempdir().expect("dir");
    common::write(
        repo.path(),
        "board.yaml",
        read(fixtures().join("board.yaml")).as_bytes(),
    );
    common::write(repo.path(), "postings/logo.png", b"\x89PNG\xff\xfe\xfd");
    for i in 0..COUNT {
        common::write(repo.path(), &name(i), &version(i, "2026-11-01"));
    }
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "base"]);
    common::write(repo.path(), "postings/logo.png", b"\x89PNG\xfa\xfb");
    for i in 0..COUNT {
        common::write(repo.path(), &name(i), &version(i, "2026-11-20"));
    }
    let out = jobboard(repo.path())
        .args(["check", "--since", "HEAD", "--format", "json"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("run");
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    let moved = found
        .iter()
        .filter(|f| f["rule"] == "posted-changed")
        .count();
    assert_eq!(moved, COUNT, "{:#?}", &found[..found.len().min(5)]);
}
