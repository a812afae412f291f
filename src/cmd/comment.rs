//! `jobboard comment --review FILE`: the Markdown of the pull request's one
//! comment, from the review document that `check --format review` wrote
//! (read as a stranger's file: see `report::review::read`). It reads
//! nothing of the board.

use std::io::Read;
use std::path::Path;

use anyhow::{Context as _, anyhow, bail};

use super::Status;
use crate::cli::CommentArgs;
use crate::report::{comment, review};

pub fn run(args: &CommentArgs) -> anyhow::Result<Status> {
    let name = super::input_name(&args.review);
    let bytes = super::read_input(&args.review, review::MAX_BYTES)
        .with_context(|| format!("cannot read {name}"))?;
    let document = review::read(&bytes).map_err(|err| {
        anyhow!("{name} {err}; write it with `jobboard check --format review > FILE`")
    })?;
    let run_url = match &args.run_url {
        Some(url) => Some(
            comment::run_url(url)
                .ok_or_else(|| {
                    anyhow!("--run-url {url:?} is not an https:// address of URL characters")
                })?
                .to_string(),
        ),
        None => None,
    };
    let changed = match &args.changed {
        Some(path) => read_changed(path)?,
        None => Vec::new(),
    };
    print!(
        "{}",
        comment::render(&document, &comment::Context { changed, run_url })
    );
    Ok(Status::Success)
}

/// The paths in `path`, one a line; empty lines are skipped.
fn read_changed(path: &Path) -> anyhow::Result<Vec<String>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(CHANGED_LIMIT + 1).read_to_end(&mut bytes))
        .with_context(|| format!("cannot read --changed {}", path.display()))?;
    if bytes.len() as u64 > CHANGED_LIMIT {
        bail!(
            "--changed {} is over 1 MB; list the pull request's files, one a line",
            path.display()
        );
    }
    Ok(String::from_utf8_lossy(&bytes)
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect())
}

/// The most `--changed` may weigh.
const CHANGED_LIMIT: u64 = 1 << 20;
