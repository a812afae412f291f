//! `jobboard prune`: deletes the files of expired and filled postings, and
//! only those. A file it cannot read or parse is never touched: whether it
//! has expired cannot be known.

use std::path::Path;

use super::{Session, Status};
use crate::cli::{Global, PruneArgs};
use crate::diagnostic::plural;
use crate::load;
use crate::posting;
use crate::report;

pub fn run(args: &PruneArgs, global: &Global) -> anyhow::Result<Status> {
    let board = Session::open(global)?;
    let today = board.today();
    let _lock = if args.dry_run {
        None
    } else {
        Some(crate::output::lock_board(&board.root)?)
    };
    let max_age = board.config.max_age_days;
    let parsed = crate::pipeline::parse_board(&board.root, &board.config);
    let expired: Vec<_> = parsed
        .postings
        .iter()
        .filter_map(|(entry, p)| Some((entry, p, p.gone(today, max_age)?)))
        .collect();
    let verb = if args.dry_run {
        "would delete"
    } else {
        "deleted"
    };
    let mut changed = 0;
    let mut filled = 0;
    for (entry, p, gone) in &expired {
        if !args.dry_run {
            let deleted = delete_if_unchanged(entry, p.fingerprint)
                .map_err(|err| anyhow::anyhow!("{}: {err}", report::inert(&entry.file)))?;
            if !deleted {
                changed += 1;
                eprintln!(
                    "kept {}: it changed while prune ran; run prune again to judge it anew",
                    report::inert(&entry.file)
                );
                continue;
            }
            remove_empty_parents(&entry.path, &board.root.join(crate::layout::POSTINGS));
        }
        let why = match gone {
            posting::Gone::Filled(day) => {
                filled += 1;
                format!("filled on {day}")
            }
            posting::Gone::Expired(last) => format!(
                "posted {} days ago, expired after {last}",
                (today - p.posted).num_days()
            ),
        };
        println!("{verb} {} ({why})", report::inert(&entry.file));
    }
    for line in &parsed.skipped {
        eprintln!("skipped {line}: run `jobboard check` to see why");
    }
    let mut count = plural(expired.len() - changed - filled, "expired posting");
    if filled > 0 {
        count = format!("{count} and {}", plural(filled, "filled posting"));
    }
    let kept = parsed.postings.len() - expired.len() + changed;
    eprintln!(
        "{} {count}; kept {}",
        if args.dry_run {
            "would prune"
        } else {
            "pruned"
        },
        plural(kept, "posting")
    );
    Ok(if parsed.skipped.is_empty() {
        Status::Success
    } else {
        Status::Failure
    })
}

/// Deletes a posting's file only if it still holds what was judged. The
/// file is first moved aside (one atomic step: from then on no writer that
/// opens the path finds it), read again and compared, then deleted; if it
/// changed meanwhile, it is put back and kept (`false`).
fn delete_if_unchanged(entry: &load::Entry, judged: u64) -> std::io::Result<bool> {
    let aside = entry.aside("prune");
    std::fs::rename(&entry.path, &aside)?;
    let moved = load::Entry {
        path: aside.clone(),
        file: entry.file.clone(),
        slug: entry.slug.clone(),
    };
    let same = load::read(&moved).is_ok_and(|source| source.fingerprint() == judged);
    if same {
        std::fs::remove_file(&aside)?;
        return Ok(true);
    }
    // Put back, unless a new file took the name meanwhile: then both stay,
    // the moved one under its hidden name, for a person to look at.
    if !entry.path.exists() {
        std::fs::rename(&aside, &entry.path)?;
    }
    Ok(false)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_changed_since_it_was_judged_is_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("old-job.md");
        std::fs::write(&path, "---\ntitle: Old\n---\nexpired\n").expect("write");
        let entry = load::Entry {
            path: path.clone(),
            file: "postings/old-job.md".into(),
            slug: "old-job".into(),
        };
        let judged = load::read(&entry).expect("read").fingerprint();
        // Edited (made live again) after prune judged it.
        std::fs::write(&path, "---\ntitle: Old\nposted: 2026-11-20\n---\nlive\n").expect("write");
        assert!(!delete_if_unchanged(&entry, judged).expect("prune"));
        assert!(
            std::fs::read_to_string(&path)
                .expect("kept")
                .contains("live")
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("dir").count(),
            1,
            "nothing left aside"
        );
        // Unchanged, it goes.
        let judged = load::read(&entry).expect("read").fingerprint();
        assert!(delete_if_unchanged(&entry, judged).expect("prune"));
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    }
}
