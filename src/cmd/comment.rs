//! `jobboard comment --review FILE`: the Markdown of the pull request's one
//! comment, from the review document that `check --format review` wrote
//! (read as a stranger's file: see `report::review::read`). It reads
//! nothing of the board.

use std::io::Read;
use std::path::Path;

use anyhow::{Context as _, anyhow};

use super::Status;
use crate::cli::CommentArgs;
use crate::report::{comment, review};

pub fn run(args: &CommentArgs) -> anyhow::Result<Status> {
    let name = if args.review == Path::new("-") {
        "standard input".to_string()
    } else {
        args.review.display().to_string()
    };
    let bytes = read_bounded(&args.review).with_context(|| format!("cannot read {name}"))?;
    let document = review::read(&bytes).map_err(|err| {
        anyhow!("{name} {err}; write it with `jobboard check --format review > FILE`")
    })?;
    print!("{}", comment::render(&document));
    Ok(Status::Success)
}

/// The file's bytes, or standard input's for `-`: one byte more than a
/// review document may have at the most, so that a larger one is told.
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let limit = review::MAX_BYTES + 1;
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)?;
    } else {
        std::fs::File::open(path)?
            .take(limit)
            .read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}
