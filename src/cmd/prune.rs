//! `jobboard prune`: deletes the files of expired postings, and only those.
//! A file it cannot read or parse is never touched: whether it has expired
//! cannot be known.

use std::path::Path;

use super::{Board, Status};
use crate::cli::{Global, PruneArgs};
use crate::diagnostic::plural;
use crate::load;
use crate::posting;
use crate::report;
use crate::schema::Report;

pub fn run(args: &PruneArgs, global: &Global) -> anyhow::Result<Status> {
    let board = Board::open(global)?;
    let max_age = board.config.max_age_days;
    let (entries, problems) = load::discover(&board.root);
    let mut unknown: Vec<String> = problems
        .iter()
        .map(|f| format!("{} {}", report::inert(&f.file), report::inert(&f.message)))
        .collect();
    let mut expired = Vec::new();
    let mut unreadable = 0;
    for entry in &entries {
        let parsed = load::read(entry).ok().and_then(|source| {
            let mut findings = Vec::new();
            posting::parse(
                &source,
                &board.config,
                &mut Report::new(&source.file, &mut findings),
            )
        });
        match parsed {
            None => {
                unreadable += 1;
                unknown.push(format!(
                    "{}: cannot be read as a posting",
                    report::inert(&entry.file)
                ));
            }
            Some(p) if p.is_expired(board.today, max_age) => {
                expired.push((entry, p));
            }
            Some(_) => {}
        }
    }
    let verb = if args.dry_run {
        "would delete"
    } else {
        "deleted"
    };
    for (entry, p) in &expired {
        let last = p.last_day(max_age);
        let age = (board.today - p.posted).num_days();
        if !args.dry_run {
            std::fs::remove_file(&entry.path)
                .map_err(|err| anyhow::anyhow!("{}: {err}", report::inert(&entry.file)))?;
            remove_empty_parents(&entry.path, &board.root.join(load::DIR));
        }
        println!(
            "{verb} {} (posted {} days ago, expired after {last})",
            report::inert(&entry.file),
            age
        );
    }
    for line in &unknown {
        eprintln!("skipped {line}: run `jobboard check` to see why");
    }
    let count = plural(expired.len(), "expired posting");
    let kept = entries.len() - expired.len() - unreadable;
    eprintln!(
        "{} {count}; kept {}",
        if args.dry_run {
            "would prune"
        } else {
            "pruned"
        },
        plural(kept, "posting")
    );
    Ok(if unknown.is_empty() {
        Status::Success
    } else {
        Status::Failure
    })
}

/// Removes the folders a deleted posting leaves empty, up to `postings/`.
fn remove_empty_parents(file: &Path, stop: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir.filter(|d| *d != stop && d.starts_with(stop)) {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}
