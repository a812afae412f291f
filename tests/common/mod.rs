//! Runs the real binary on real board folders (ripgrep's `tests/util.rs`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The day every test runs on, so that results do not depend on the clock.
pub const TODAY: &str = "2026-11-21";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A copy of `tests/fixtures/<name>` in a temporary folder.
pub fn board(name: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixtures().join(name), dir.path());
    dir
}

/// A temporary board with the shared `board.yaml` and the given postings.
pub fn board_with(postings: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixtures().join("board.yaml"), dir.path().join("board.yaml"))
        .expect("board.yaml");
    for (name, bytes) in postings {
        write(dir.path(), &format!("postings/{name}"), bytes);
    }
    dir
}

pub fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// `jobboard --root <root> --today TODAY --color never`, with a clean environment.
pub fn jobboard(root: &Path) -> Command {
    jobboard_on(root, TODAY)
}

/// [`jobboard`] on another day.
pub fn jobboard_on(root: &Path, today: &str) -> Command {
    let mut cmd = Command::cargo_bin("jobboard").expect("binary");
    cmd.current_dir(root)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_SERVER_URL")
        .env("NO_COLOR", "1")
        .arg("--root")
        .arg(root)
        .arg("--today")
        .arg(today)
        .arg("--color")
        .arg("never");
    cmd
}

/// Every file under `dir` with its bytes, by relative path.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).expect("read")
}

/// The findings of `check --format json` as (rule, severity, line, column) per file.
pub fn findings(root: &Path) -> Vec<serde_json::Value> {
    let out = jobboard(root)
        .args(["check", "--format", "json"])
        .output()
        .expect("run");
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// `git ARGS` in `dir`, as a committer who needs no configuration.
pub fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(["-c", "init.defaultBranch=main"])
        .args(args)
        .status()
        .expect("git");
    assert!(status.success(), "git {args:?}");
}
