//! `jobboard new` and `jobboard prune`: the submitter's first step and the
//! maintainer's clean-up.

mod common;

use common::{TODAY, board_with, jobboard, read};
use predicates::prelude::*;

const DESCRIPTION: &str = "We build a booking system for small theatres and write Python every day: Django for the web shop, Celery for the ticket queue and pytest for everything. You will join three engineers, review code, and talk with the box office staff. We pay a fair salary and give every engineer four weeks of paid leave.";

fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(label, value)| format!("### {label}\n\n{value}\n\n"))
        .collect()
}

fn issue(title: &str, company: &str, description: &str) -> String {
    form(&[
        ("Job title", title),
        ("Company", company),
        ("Company website", "_No response_"),
        ("Remote", "remote"),
        ("City", "_No response_"),
        ("Region", "_No response_"),
        ("Country", "_No response_"),
        ("Remote applicants from", "DE, AT"),
        (
            "Type",
            "- [X] full-time\n- [ ] part-time\n- [ ] contract\n- [ ] internship\n- [ ] temporary",
        ),
        ("Category", "web"),
        ("Salary minimum", "70000"),
        ("Salary maximum", "_No response_"),
        ("Currency", "EUR"),
        ("Salary period", "year"),
        ("Tags", "django, celery"),
        ("How to apply", "https://theatre.example/jobs/1"),
        ("Contact name", "_No response_"),
        ("Contact e-mail", "_No response_"),
        (
            "Recruiting agency",
            "- [ ] A recruiting agency posts this job for a client",
        ),
        ("Expires", "_No response_"),
        ("Description", description),
    ])
}

fn run_new_from_issue(body: &str) -> (tempfile::TempDir, std::process::Output) {
    let board = board_with(&[]);
    let path = board.path().join("issue.md");
    std::fs::write(&path, body).expect("issue");
    let out = jobboard(board.path())
        .args(["new", "--non-interactive", "--from-issue"])
        .arg(&path)
        .output()
        .expect("run");
    (board, out)
}

#[test]
fn an_issue_form_becomes_a_valid_posting_dated_today() {
    let (board, out) = run_new_from_issue(&issue(
        "Python Developer",
        "Stagehand Theatre Tech",
        DESCRIPTION,
    ));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert_eq!(path, "postings/stagehand-theatre-tech-python-developer.md");
    let text = read(board.path().join(&path));
    assert!(text.contains(&format!("posted: {TODAY}\n")), "{text}");
    assert!(text.contains("remote_from: [DE, AT]"), "{text}");
    jobboard(board.path())
        .args(["check", &path])
        .assert()
        .code(0);
}

#[test]
fn hostile_issue_text_stays_data() {
    let nasty = [
        "Dev \"quoted\" 'single' `tick` $(touch /tmp/jobboard-pwned) ${HOME}",
        "Dev: with colon # and hash",
        "- list? [bracket] {brace} &anchor *alias !tag | > %",
        "yes",
        "---",
        "Dev\n---\ntitle: injected",
    ];
    for (i, title) in nasty.iter().enumerate() {
        let company = format!("Company {i} \"}}\n<script>");
        let description = format!(
            "{DESCRIPTION}\n\n---\ntitle: not a field\n---\n\n```\n$(rm -rf /)\n```\n{}",
            "long ".repeat(500)
        );
        let (board, out) = run_new_from_issue(&issue(title, &company, &description));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{title}: {stderr}"
        );
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let found = common::findings(board.path());
        // Whatever came in, the front matter holds it as the values typed.
        assert!(
            found
                .iter()
                .all(|f| f["rule"] != "front-matter" && f["rule"] != "unknown-field"),
            "{title}: {found:#?}"
        );
        // And read by another YAML reader, the values are the ones typed
        // (line breaks in a one-line field become spaces).
        let text = read(board.path().join(&path));
        let front = text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---\n"))
            .map(|(front, _)| front)
            .unwrap_or_else(|| panic!("no front matter: {text}"));
        let fields: FrontMatter =
            serde_saphyr::from_str(front).unwrap_or_else(|e| panic!("{title}: {e}\n{front}"));
        let one_line = |v: &str| v.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(fields.title, one_line(title), "{front}");
        assert_eq!(fields.company, one_line(&company), "{front}");
        assert_eq!(fields.remote_from, ["DE", "AT"], "{front}");
    }
}

#[derive(serde::Deserialize)]
struct FrontMatter {
    title: String,
    company: String,
    remote_from: Vec<String>,
}

#[test]
fn an_incomplete_issue_writes_nothing_and_says_what_is_missing() {
    let body = form(&[
        ("Job title", "Python Developer"),
        ("Company", "_No response_"),
        ("Description", DESCRIPTION),
    ]);
    let (board, out) = run_new_from_issue(&body);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no answer for: Company, Remote, Type, Category, How to apply"),
        "{stderr}"
    );
    assert!(
        !board.path().join("postings").exists()
            || std::fs::read_dir(board.path().join("postings"))
                .expect("dir")
                .count()
                == 0
    );
}

#[test]
fn an_issue_with_invalid_values_is_written_and_reported() {
    let (board, out) = run_new_from_issue(&issue(
        "Python Developer",
        "Stagehand",
        "Unpaid internship, we use Python. Volunteer basis.",
    ));
    assert_eq!(out.status.code(), Some(1));
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(board.path().join(&path).is_file());
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[paid]"));
}

#[test]
fn new_from_flags_refuses_to_overwrite() {
    let board = board_with(&[]);
    let args = [
        "new",
        "--non-interactive",
        "--title",
        "Python Developer",
        "--company",
        "Acme",
        "--remote",
        "onsite",
        "--city",
        "Leeds",
        "--country",
        "GB",
        "--type",
        "full-time,contract",
        "--category",
        "web",
        "--apply",
        "mailto:jobs@acme.example",
        "--body",
        DESCRIPTION,
        "--slug",
        "acme-python",
    ];
    jobboard(board.path())
        .args(args)
        .assert()
        .code(0)
        .stdout("postings/acme-python.md\n")
        .stderr(predicate::str::contains("git switch -c job/acme-python"));
    let first = read(board.path().join("postings/acme-python.md"));
    assert!(first.contains("type: [full-time, contract]"), "{first}");
    jobboard(board.path())
        .args(args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exists already"));
    assert_eq!(read(board.path().join("postings/acme-python.md")), first);
}

#[test]
fn new_asks_for_each_field_and_shows_the_allowed_values() {
    let board = board_with(&[]);
    // A wrong answer is asked again; an address the parser takes in any case
    // (`MAILTO:`) the prompt takes too, since both are the same check.
    let answers = "Python Developer\nAcme\nhttps://10.0.0.1/\n\nmaybe\nremote\nDE, AT\nfull-time\nweb\n\ndjango\nMAILTO:jobs@acme.example\n\n\nn\n";
    let out = jobboard(board.path())
        .arg("new")
        .write_stdin(answers)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("Where is the work (onsite, hybrid, remote)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("one of: onsite, hybrid, remote"),
        "re-asks after a wrong answer: {stderr}"
    );
    assert!(
        stderr.contains("points at an IP address"),
        "the prompt refuses what check would: {stderr}"
    );
    assert!(stderr.contains(
        "Category (software-engineering, data-science, devops, web, scientific, education)"
    ));
    let text = read(board.path().join("postings/acme-python-developer.md"));
    assert!(
        text.contains("remote: remote\nremote_from: [DE, AT]"),
        "{text}"
    );
    assert!(text.contains("apply: MAILTO:jobs@acme.example\n"), "{text}");
    // The skeleton says what to write, and `check` refuses it until it is
    // replaced; `new` itself says so as the next step, and succeeds.
    assert!(text.contains("how Python is used"), "{text}");
    assert!(
        stderr.contains("Replace the template's description"),
        "{stderr}"
    );
    jobboard(board.path())
        .args(["check", "postings/acme-python-developer.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[placeholder]"));
}

#[test]
fn the_issue_form_and_the_parser_agree() {
    let form = read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(".github/ISSUE_TEMPLATE/post-a-job.yml"),
    );
    let labels: Vec<&str> = form
        .lines()
        .filter_map(|l| l.trim().strip_prefix("label: "))
        .filter(|l| !l.trim_matches('"').starts_with("Yes:"))
        .map(|l| l.trim_matches('"'))
        .collect();
    let parser: Vec<&str> = jobboard::posting::issue_form::labels()
        .iter()
        .map(|(l, _)| *l)
        .collect();
    assert_eq!(labels, parser);
    // Its category options are the board's categories.
    let config = jobboard::load::config::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("board.yaml");
    for (slug, _) in &config.categories {
        assert!(
            form.contains(&format!("- {slug}")),
            "{slug} missing from the form"
        );
    }
}

fn dated(name: &str, posted: &str) -> (String, Vec<u8>) {
    let text = format!(
        "---\ntitle: Python Developer {name}\ncompany: Co {name}\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: https://co.example/{name}\nposted: {posted}\n---\n{DESCRIPTION} {name}\n"
    );
    (format!("{name}.md"), text.into_bytes())
}

/// [`dated`], filled on `filled`.
fn dated_filled(name: &str, posted: &str, filled: &str) -> (String, Vec<u8>) {
    let (file, text) = dated(name, posted);
    let text = String::from_utf8_lossy(&text).replacen(
        &format!("posted: {posted}\n"),
        &format!("posted: {posted}\nfilled: {filled}\n"),
        1,
    );
    (file, text.into_bytes())
}

#[test]
fn prune_deletes_only_expired_postings_and_lists_them() {
    let live = dated("live-job", "2026-11-01");
    let old = dated("old-job", "2026-06-01");
    let future = dated("future-job", "2026-12-01");
    let board = board_with(&[
        (&live.0, &live.1),
        (&old.0, &old.1),
        (&future.0, &future.1),
        (
            "broken-job.md",
            b"---\ntitle: [unclosed\nposted: 2020-01-01\n---\n",
        ),
    ]);
    common::write(
        board.path(),
        "postings/2025/older-job.md",
        &dated("older-job", "2025-01-01").1,
    );
    let postings = board.path().join("postings");
    jobboard(board.path())
        .args(["prune", "--dry-run"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "would delete postings/old-job.md (posted 173 days ago, expired after 2026-08-29)",
        ))
        .stdout(predicate::str::contains(
            "would delete postings/2025/older-job.md",
        ))
        .stderr(predicate::str::contains("skipped postings/broken-job.md"));
    assert!(
        postings.join("old-job.md").is_file(),
        "a dry run deletes nothing"
    );
    jobboard(board.path())
        .arg("prune")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("deleted postings/old-job.md"));
    assert!(!postings.join("old-job.md").exists());
    assert!(
        !postings.join("2025").exists(),
        "an emptied folder goes too"
    );
    for kept in ["live-job.md", "future-job.md", "broken-job.md"] {
        assert!(postings.join(kept).is_file(), "{kept}");
    }
    // Nothing left to prune, nothing unreadable: success.
    std::fs::remove_file(postings.join("broken-job.md")).expect("rm");
    jobboard(board.path())
        .arg("prune")
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "pruned 0 expired postings; kept 2 postings",
        ));
}

#[test]
fn prune_deletes_filled_postings_and_says_when_they_were_filled() {
    let live = dated("live-job", "2026-11-01");
    let filled = dated_filled("filled-job", "2026-11-01", "2026-11-15");
    // Filled tomorrow: an error for `check`, and still up today.
    let later = dated_filled("later-job", "2026-11-01", "2026-11-22");
    let old = dated("old-job", "2026-06-01");
    let board = board_with(&[
        (&live.0, &live.1),
        (&filled.0, &filled.1),
        (&later.0, &later.1),
        (&old.0, &old.1),
    ]);
    let postings = board.path().join("postings");
    jobboard(board.path())
        .arg("prune")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "deleted postings/filled-job.md (filled on 2026-11-15)\n",
        ))
        .stdout(predicate::str::contains(
            "deleted postings/old-job.md (posted 173 days ago",
        ))
        .stderr(predicate::str::contains(
            "pruned 1 expired posting and 1 filled posting; kept 2 postings",
        ));
    assert!(!postings.join("filled-job.md").exists());
    assert!(postings.join("live-job.md").is_file());
    assert!(postings.join("later-job.md").is_file());
}

#[test]
#[cfg(unix)]
fn prune_leaves_files_it_cannot_read_as_postings() {
    let old = dated("old-job", "2026-06-01");
    let board = board_with(&[]);
    let postings = board.path().join("postings");
    let mut latin1 = old.1.clone();
    latin1.extend_from_slice(b"Caf\xe9\n");
    common::write(board.path(), "postings/latin1-job.md", &latin1);
    // An old posting outside the board, linked in: prune must not follow it.
    let outside = tempfile::tempdir().expect("dir");
    std::fs::write(outside.path().join("target.md"), &old.1).expect("write");
    std::os::unix::fs::symlink(
        outside.path().join("target.md"),
        postings.join("linked-job.md"),
    )
    .expect("symlink");
    jobboard(board.path())
        .arg("prune")
        .assert()
        .stderr(predicate::str::contains("skipped postings/latin1-job.md"));
    assert!(postings.join("latin1-job.md").is_file());
    assert!(postings.join("linked-job.md").is_symlink());
    assert!(outside.path().join("target.md").is_file());
}

#[test]
fn theme_writes_the_built_in_files_and_keeps_edited_ones() {
    let board = board_with(&[]);
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    jobboard(board.path())
        .args(["theme", "job.html"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("wrote templates/job.html"));
    assert_eq!(
        read(board.path().join("templates/job.html")),
        read(repo.join("templates/job.html"))
    );
    assert!(!board.path().join("templates/base.html").exists());
    // An edited file is kept; the rest are written, static files included.
    std::fs::write(board.path().join("templates/job.html"), "{# mine #}").expect("edit");
    jobboard(board.path())
        .arg("theme")
        .assert()
        .code(0)
        .stderr(predicate::str::contains("kept  templates/job.html"));
    assert_eq!(read(board.path().join("templates/job.html")), "{# mine #}");
    assert_eq!(
        read(board.path().join("templates/static/style.css")),
        read(repo.join("templates/static/style.css"))
    );
    jobboard(board.path())
        .args(["theme", "nope.html"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("its files are: base.html"));
}

#[cfg(unix)]
#[test]
fn theme_writes_nothing_through_a_linked_folder() {
    let board = board_with(&[]);
    let elsewhere = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(elsewhere.path(), board.path().join("templates")).expect("link");
    jobboard(board.path())
        .arg("theme")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("symbolic link"));
    assert_eq!(std::fs::read_dir(elsewhere.path()).expect("dir").count(), 0);
}

#[test]
fn the_forms_in_the_repository_are_what_board_yaml_makes() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    jobboard(repo).args(["forms", "--check"]).assert().code(0);
}

#[test]
fn a_board_for_another_language_gets_forms_in_its_words() {
    let board = board_with(&[]);
    std::fs::write(
        board.path().join("board.yaml"),
        "title: Rust Jobs\nbase_url: https://rust.example/\nlanguage: Rust\necosystem: [tokio]\nmax_age_days: 60\ncategories: { systems: Systems }\n",
    )
    .expect("board.yaml");
    jobboard(board.path())
        .args(["forms", "--check"])
        .assert()
        .code(1);
    jobboard(board.path()).arg("forms").assert().code(0);
    let form = read(board.path().join(".github/ISSUE_TEMPLATE/post-a-job.yml"));
    assert!(form.contains("Submit a paid job where Rust is the main language"));
    assert!(form.contains("Postings stay up for 60 days"));
    assert!(!form.contains("Python"), "{form}");
    let template = read(board.path().join(".github/PULL_REQUEST_TEMPLATE.md"));
    assert!(template.contains("Rust is the main language of the job"));
    jobboard(board.path())
        .args(["forms", "--check"])
        .assert()
        .code(0);
    // What the form writes, new reads back.
    assert_eq!(
        form.lines()
            .filter_map(|l| l.trim().strip_prefix("label: "))
            .filter(|l| !l.trim_matches('"').starts_with("Yes:"))
            .map(|l| l.trim_matches('"').to_string())
            .collect::<Vec<_>>(),
        jobboard::posting::issue_form::labels()
            .iter()
            .map(|(l, _)| l.to_string())
            .collect::<Vec<_>>()
    );
}

#[test]
fn new_says_at_once_that_the_file_exists_and_why_fields_are_missing() {
    let existing = format!(
        "---\ntitle: Python Developer\ncompany: Acme\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: https://acme.example/jobs\nposted: {TODAY}\n---\n{DESCRIPTION}\n"
    );
    let board = board_with(&[("acme-python-developer.md", existing.as_bytes())]);
    let out = jobboard(board.path())
        .arg("new")
        .write_stdin("Python Developer\nAcme\nhttps://acme.example\nremote\n")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("postings/acme-python-developer.md exists already"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Company website"),
        "asked no further: {stderr}"
    );

    // Piped answers that run out: said as such, not as flags to leave out.
    let out = jobboard(board.path())
        .arg("new")
        .write_stdin("Data Engineer\n")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the input ended before they were answered"),
        "{stderr}"
    );
    assert!(!stderr.contains("--non-interactive"), "{stderr}");
}
