//! The pull-request check is trusted: `postings.yml` builds `jobboard` from
//! the pull request's base and runs it on the pull request's files as data.
//! First what the workflow says (read as YAML, as GitHub reads it), then a
//! dry run of its check step on a pull request that weakens the checker in
//! `src/` and adds a posting the base's rules reject.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{TODAY, git, write};
use serde::Deserialize;

#[derive(Deserialize)]
struct Workflow {
    jobs: BTreeMap<String, Job>,
}

#[derive(Deserialize)]
struct Job {
    #[serde(default)]
    steps: Vec<Step>,
}

#[derive(Deserialize)]
struct Step {
    #[serde(default)]
    uses: Option<String>,
    #[serde(default)]
    run: Option<String>,
    #[serde(default)]
    with: BTreeMap<String, String>,
    #[serde(default, rename = "working-directory")]
    working_directory: Option<String>,
}

fn read_yaml<T: for<'de> Deserialize<'de>>(rel: &str) -> T {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    serde_saphyr::from_str(&text).unwrap_or_else(|err| panic!("{rel}: {err}"))
}

#[test]
fn the_workflow_builds_the_base_and_only_reads_the_pull_request() {
    let workflow: Workflow = read_yaml(".github/workflows/postings.yml");
    let steps = &workflow.jobs["check"].steps;
    let checkout = |path: &str| {
        steps
            .iter()
            .find(|s| {
                s.uses
                    .as_deref()
                    .is_some_and(|u| u.starts_with("actions/checkout@"))
                    && s.with.get("path").map(String::as_str) == Some(path)
            })
            .unwrap_or_else(|| panic!("a checkout into {path}/"))
    };
    assert_eq!(
        checkout("trusted").with["ref"],
        "${{ github.event.pull_request.base.sha }}",
        "trusted/ is the base commit"
    );
    assert!(
        !checkout("pr").with.contains_key("ref"),
        "pr/ is the pull request"
    );
    let build = steps
        .iter()
        .find(|s| s.uses.as_deref() == Some("./trusted/.github/actions/jobboard"))
        .expect("jobboard built by the base's own action");
    assert_eq!(build.with["source"], "trusted");
    for step in steps {
        let uses = step.uses.as_deref().unwrap_or("");
        assert!(
            !uses.starts_with("./pr"),
            "an action of the pull request: {uses}"
        );
        let Some(run) = &step.run else { continue };
        assert!(
            !run.contains("cargo"),
            "nothing is compiled outside the action:\n{run}"
        );
        if run.lines().any(|l| l.trim_start().starts_with("jobboard ")) {
            assert_eq!(
                step.working_directory.as_deref(),
                Some("pr"),
                "jobboard reads the pull request as its board:\n{run}"
            );
        }
        assert!(
            !run.contains("./pr/") && !run.contains(" pr/"),
            "nothing of pr/ is run:\n{run}"
        );
    }

    // The action compiles exactly the checkout it is given.
    let action = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/actions/jobboard/action.yml"),
    )
    .expect("action.yml");
    assert!(action.contains("SOURCE: ${{ inputs.source }}"), "{action}");
    assert!(
        action.contains("cargo build --release --locked --manifest-path \"$SOURCE/Cargo.toml\""),
        "{action}"
    );
    assert!(
        action.contains("format('{0}/src/**', inputs.source)"),
        "cache key: {action}"
    );
}

const GOOD: &str = "---\ntitle: Python Developer\ncompany: Stagehand Ltd\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: https://stagehand.example/jobs/1\nposted: 2026-11-18\n---\nWe build a booking system for small theatres and write Python every day: Django for the web shop, Celery for the ticket queue and pytest for everything. You will join three engineers, review code, and talk with the box office staff about what they need. We pay a fair salary and give every engineer four weeks of paid leave.\n";

#[test]
fn a_pull_request_that_weakens_the_checker_and_adds_a_bad_posting_still_fails() {
    // The repository: the board and the tool's source side by side, as in this one.
    let origin = common::board_with(&[("stagehand-python-developer.md", GOOD.as_bytes())]);
    write(
        origin.path(),
        "src/main.rs",
        b"fn main() { /* the real checker */ }\n",
    );
    git(origin.path(), &["init", "-q"]);
    git(origin.path(), &["add", "."]);
    git(origin.path(), &["commit", "-q", "-m", "base"]);

    // The pull request, checked out as the workflow does (pr/, full history).
    let workspace = tempfile::tempdir().expect("temp dir");
    let pr = workspace.path().join("pr");
    git(
        workspace.path(),
        &["clone", "-q", &origin.path().to_string_lossy(), "pr"],
    );
    git(&pr, &["checkout", "-q", "-b", "weaken"]);
    // Its own jobboard would approve anything...
    write(&pr, "src/main.rs", b"fn main() { std::process::exit(0) }\n");
    // ...and it adds a posting the base's rules reject.
    let unpaid = GOOD
        .replace("Stagehand Ltd", "Sunrise Studio")
        .replace("stagehand.example", "sunrise.example")
        .replace(
            "We pay a fair salary and give every engineer four weeks of paid leave.",
            "This is an unpaid internship: we offer experience and a reference letter.",
        );
    write(
        &pr,
        "postings/sunrise-python-developer.md",
        unpaid.as_bytes(),
    );
    git(&pr, &["add", "."]);
    git(
        &pr,
        &["commit", "-q", "-m", "weaken the checker, add a posting"],
    );

    // The check step, with the base's jobboard (this build), in pr/.
    let out = assert_cmd::Command::cargo_bin("jobboard")
        .expect("binary")
        .current_dir(&pr)
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_REPOSITORY")
        .args(["check", "--since", "origin/main", "--format", "github"])
        .args(["--today", TODAY, "--color", "never"])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("::error file=postings/sunrise-python-developer.md,line=11")
            && stdout.contains("title=paid"),
        "{stdout}"
    );
}
