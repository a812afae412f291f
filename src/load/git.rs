//! What a pull request changed, asked of git: the postings it adds and the
//! ones it changes, with the text each had at the base. A fixed number of
//! git processes for the whole diff, however many postings it touches.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::layout;
use crate::source::Source;

/// The postings a pull request adds or changes, relative to the board's
/// root; each changed one with its text at the base (when it was text).
#[derive(Debug, Default)]
pub struct Diff {
    pub added: HashSet<String>,
    pub modified: HashMap<String, Option<Source>>,
}

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error(
        "this is a shallow clone, so `--since {0}` cannot see the pull request's history; check out with `fetch-depth: 0` (actions/checkout) or run `git fetch --unshallow`"
    )]
    Shallow(String),
    #[error(
        "git does not know `{0}`; fetch it first (with actions/checkout, `fetch-depth: 0` fetches every branch), or name a branch or commit that exists"
    )]
    UnknownRef(String),
    #[error("git {0}")]
    Failed(String),
}

/// What changed in `root/postings` between `reference` and the working tree
/// (untracked postings count as added).
pub fn changes_since(root: &Path, reference: &str) -> Result<Diff, GitError> {
    let head = git(
        root,
        &[
            "rev-parse",
            "--is-shallow-repository",
            "--show-prefix",
            "--verify",
            "-q",
            &format!("{reference}^{{commit}}"),
        ],
        None,
    );
    let (lines, ok) = match head {
        Ok(out) => (out, true),
        Err(GitError::Failed(out)) => (out, false),
        Err(other) => return Err(other),
    };
    let mut lines = lines.lines();
    if lines.next() == Some("true") {
        return Err(GitError::Shallow(reference.into()));
    }
    let prefix = lines.next().unwrap_or_default().to_string();
    if !ok || lines.next().is_none() {
        return Err(GitError::UnknownRef(reference.into()));
    }
    let diff = git(
        root,
        &[
            "diff",
            "--name-status",
            "-z",
            "-M",
            "--relative",
            reference,
            "--",
            layout::POSTINGS,
        ],
        None,
    )?;
    let mut changes = Diff::default();
    let mut renamed_from: HashMap<String, String> = HashMap::new();
    let mut fields = diff.split('\0').filter(|f| !f.is_empty());
    while let Some(status) = fields.next() {
        let Some(path) = fields.next() else { break };
        match status.chars().next() {
            Some('A') => {
                changes.added.insert(path.to_string());
            }
            Some('M' | 'T') => {
                renamed_from.insert(path.to_string(), path.to_string());
            }
            Some('R' | 'C') => {
                if let Some(new) = fields.next() {
                    renamed_from.insert(new.to_string(), path.to_string());
                }
            }
            _ => {}
        }
    }
    let untracked = git(
        root,
        &[
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
            "--",
            layout::POSTINGS,
        ],
        None,
    )?;
    changes.added.extend(
        untracked
            .split('\0')
            .filter(|f| !f.is_empty())
            .map(str::to_string),
    );
    if !renamed_from.is_empty() {
        let mut request = String::new();
        let order: Vec<(String, String)> = renamed_from.into_iter().collect();
        for (_, old) in &order {
            request.push_str(&format!("{reference}:{prefix}{old}\n"));
        }
        let contents = git_bytes(root, &["cat-file", "--batch"], Some(&request))?;
        let blobs = split_batch(&contents);
        for ((new, old), blob) in order.iter().zip(blobs) {
            let base = blob.and_then(|text| super::source(old, "", text.as_bytes().to_vec()).ok());
            changes.modified.insert(new.clone(), base);
        }
    }
    Ok(changes)
}

/// The objects of `git cat-file --batch` output, in order (`None` if missing
/// or not UTF-8 text).
fn split_batch(output: &[u8]) -> Vec<Option<&str>> {
    let mut blobs = Vec::new();
    let mut rest = output;
    while let Some(eol) = rest.iter().position(|&b| b == b'\n') {
        let header = String::from_utf8_lossy(&rest[..eol]);
        rest = &rest[eol + 1..];
        let size = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse::<usize>().ok());
        match size.filter(|_| !header.ends_with(" missing")) {
            Some(size) if rest.len() > size => {
                blobs.push(std::str::from_utf8(&rest[..size]).ok());
                rest = &rest[size + 1..];
            }
            _ => blobs.push(None),
        }
    }
    blobs
}

/// Runs git in `root`; its output as text (file names are the only
/// output read as text, and git prints them as they are).
fn git(root: &Path, args: &[&str], input: Option<&str>) -> Result<String, GitError> {
    git_bytes(root, args, input).map(|out| String::from_utf8_lossy(&out).into_owned())
}

/// Runs git in `root`, feeding it `input` while its output is read: a large
/// `cat-file --batch` request would otherwise fill both pipes and wait forever.
fn git_bytes(root: &Path, args: &[&str], input: Option<&str>) -> Result<Vec<u8>, GitError> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| GitError::Failed(format!("cannot be run: {err}")))?;
    let stdin = child.stdin.take();
    let (out, written) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || match (input, stdin) {
            // Dropping `stdin` at the end closes it, so git sees the end.
            (Some(text), Some(mut stdin)) => stdin.write_all(text.as_bytes()),
            _ => Ok(()),
        });
        let out = child.wait_with_output();
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the writer stopped")));
        (out, written)
    });
    let out = out.map_err(|err| GitError::Failed(err.to_string()))?;
    if out.status.success() {
        // Git read all it was asked, or it would have failed.
        written.map_err(|err| GitError::Failed(err.to_string()))?;
        Ok(out.stdout)
    } else if args.first() == Some(&"rev-parse") {
        Err(GitError::Failed(
            String::from_utf8_lossy(&out.stdout).into_owned(),
        ))
    } else {
        Err(GitError::Failed(format!(
            "{} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::split_batch;

    #[test]
    fn reads_batches_of_blobs() {
        let out = b"abc blob 5\nhello\nHEAD:x missing\ndef blob 0\n\n";
        assert_eq!(split_batch(out), vec![Some("hello"), None, Some("")]);
        // A binary blob is skipped by its size, not misread as text.
        let out = b"abc blob 3\n\xff\xfe\xfd\ndef blob 2\nok\n";
        assert_eq!(split_batch(out), vec![None, Some("ok")]);
    }
}
