//! `jobboard forms`: writes the board's "Post a job" issue form and pull
//! request template from `board.yaml` (its language, categories, limits) and
//! the posting's fields; `--check` says whether the committed ones are
//! current, for CI.

use std::path::Path;

use super::{Session, Status};
use crate::cli::{FormsArgs, Global};
use crate::render::forms::{ISSUE_FORM, PR_TEMPLATE, issue_form, pr_template};

pub fn run(args: &FormsArgs, global: &Global) -> anyhow::Result<Status> {
    let session = Session::open(global)?;
    let forms = [
        (ISSUE_FORM, issue_form(&session.config)),
        (PR_TEMPLATE, pr_template(&session.config)),
    ];
    let mut stale = 0;
    for (file, text) in &forms {
        let path = session.root.join(file);
        let current = crate::load::read_board_file(&path, 1 << 20)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok());
        if current.as_deref() == Some(text.as_str()) {
            continue;
        }
        stale += 1;
        if args.check {
            eprintln!("{file} is not what board.yaml makes; run `jobboard forms` and commit it");
        } else {
            write(&session.root, file, text)?;
            eprintln!("wrote {file}");
        }
    }
    if args.check && stale > 0 {
        return Ok(Status::Failure);
    }
    if stale == 0 {
        eprintln!("the forms are up to date");
    }
    Ok(Status::Success)
}

/// Writes `file` under `root`, making its folders; none may be a link.
fn write(root: &Path, file: &str, text: &str) -> anyhow::Result<()> {
    let path = root.join(file);
    let mut folder = root.to_path_buf();
    if let Some(parent) = Path::new(file).parent() {
        for part in parent.components() {
            folder.push(part);
            if crate::load::board_folder(&folder)?.is_none() {
                std::fs::create_dir(&folder)?;
            }
        }
    }
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        anyhow::bail!("{file} is a symbolic link; replace it with a file of the board");
    }
    std::fs::write(&path, text)?;
    Ok(())
}
