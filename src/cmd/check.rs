//! `jobboard check`: every finding of every posting (or of the ones named),
//! then a summary.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::{Session, Status};
use crate::cli::{CheckArgs, Global, ReportFormat};
use crate::diagnostic::{Tally, plural};
use crate::load;
use crate::pipeline;
use crate::report::{self, github};
use crate::review;

pub fn run(args: &CheckArgs, global: &Global) -> anyhow::Result<Status> {
    let mut board = Session::open(global)?;
    let today = board.today();
    let only = selection(&board.root, &args.paths)?;
    let changes = match &args.since {
        Some(reference) => Some(pipeline::changes_since(
            &board.root,
            reference,
            &board.config,
        )?),
        None => None,
    };
    board.timer.stage("settings and git");
    let mut checked = pipeline::check(&board.root, &board.config, today, changes.as_ref());
    board.timer.stage("load, parse, check");
    let mut files = checked.files;
    if let Some(only) = &only {
        checked.findings.retain(|f| is_selected(&f.file, only));
        files = count_selected(&board.root, only);
    }
    let findings = &checked.findings;
    let tally = Tally::of(findings);
    let subjects = subjects(&checked.names(), only.as_deref(), changes.as_ref());
    let reviews = review::reviews(&subjects, findings, &board.config);
    match args.format {
        ReportFormat::Json => print!("{}", report::json(findings)),
        ReportFormat::Review => print!(
            "{}",
            review_document(&checked, &reviews, files, &board.config, today)
        ),
        ReportFormat::Human => {
            print!(
                "{}",
                report::human(findings, &checked.texts_for(findings), board.color_out)
            );
            print!("{}", report::verdicts(&reviews));
            println!("{}", summary(files, tally, &reviews));
        }
        ReportFormat::Github => {
            let prefix = path_prefix(&global.root);
            print!("{}", github::annotations(findings, &prefix));
            // The report quotes postings: no line of it may act as a command.
            let token = github::stop_token(findings);
            println!("::stop-commands::{token}");
            print!(
                "{}",
                report::human(findings, &checked.texts_for(findings), false)
            );
            print!("{}", report::verdicts(&reviews));
            println!("::{token}::");
            println!("{}", summary(files, tally, &reviews));
            append_step_summary(&github::summary(
                &reviews,
                findings,
                files,
                &prefix,
                &board.config,
            ))?;
        }
    }
    let failed = tally.errors > 0
        || (args.strict && tally.warnings > 0)
        || (args.fail_on_notice && tally.notices > 0);
    Ok(if failed {
        Status::Failure
    } else {
        Status::Success
    })
}

/// The postings named on the command line, as paths relative to the root
/// (`postings/acme.md`, or a folder such as `postings/2026`).
fn selection(root: &Path, paths: &[PathBuf]) -> anyhow::Result<Option<Vec<String>>> {
    if paths.is_empty() {
        return Ok(None);
    }
    let root = std::path::absolute(root)?;
    let postings = root.join(crate::layout::POSTINGS);
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        let absolute = std::path::absolute(path).with_context(|| format!("{}", path.display()))?;
        if !absolute.exists() {
            bail!("{}: no such file", path.display());
        }
        if !absolute.starts_with(&postings) {
            bail!(
                "{} is not in {}; check takes postings of the board",
                path.display(),
                postings.display()
            );
        }
        out.push(load::relative(&root, &absolute));
    }
    Ok(Some(out))
}

/// Whether `file` is one of the named postings or in one of the named folders.
fn is_selected(file: &str, only: &[String]) -> bool {
    only.iter().any(|o| {
        file.strip_prefix(o.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// How many posting files the named paths hold (a second, cheap walk: only
/// when paths are named).
fn count_selected(root: &Path, only: &[String]) -> usize {
    let (entries, problems) = load::discover(root);
    entries
        .iter()
        .map(|e| e.file.as_str())
        .chain(problems.iter().map(|f| f.file.as_str()))
        .filter(|f| is_selected(f, only))
        .count()
}

/// `boards/python/` when run with `--root boards/python`: annotations name
/// files from where the command runs, the repository's root in a workflow.
fn path_prefix(root: &Path) -> String {
    let text = load::relative(Path::new(""), root);
    if text.is_empty() || text == "." || root.is_absolute() {
        String::new()
    } else {
        format!("{}/", text.trim_end_matches('/'))
    }
}

/// The postings a reviewer looks at: the ones named, else the ones a pull
/// request changed, else every posting of the board.
fn subjects(
    names: &[&str],
    only: Option<&[String]>,
    changes: Option<&crate::source::Changes>,
) -> Vec<String> {
    names
        .iter()
        .filter(|name| match (only, changes) {
            (Some(only), _) => is_selected(name, only),
            (None, Some(changes)) => {
                changes.added.contains(**name) || changes.modified.contains_key(**name)
            }
            (None, None) => true,
        })
        .map(|name| name.to_string())
        .collect()
}

/// `--format review`: with each reviewed posting that parsed as its page
/// shows it.
fn review_document(
    checked: &pipeline::Checked,
    reviews: &[review::Review],
    files: usize,
    config: &crate::config::Config,
    today: chrono::NaiveDate,
) -> String {
    let parsed: std::collections::HashMap<&str, &crate::posting::Posting> = checked
        .postings
        .iter()
        .map(|p| (p.file.as_str(), p.as_ref()))
        .collect();
    // The pipeline lets go of descriptions: the reviewed ones are read again.
    let page = |file: &str| {
        let posting = parsed.get(file)?;
        let text = checked.text_of(file)?;
        let body = crate::frontmatter::split(&text).ok()?.body;
        let body = body.trim_start_matches(['\r', '\n']).trim_end();
        Some(report::review::Page::of(posting, body, config, today))
    };
    report::review::render(reviews, &checked.findings, files, config, today, page)
}

fn append_step_summary(text: &str) -> anyhow::Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .with_context(|| {
            format!(
                "cannot write the job summary to {}",
                PathBuf::from(&path).display()
            )
        })?;
    file.write_all(text.as_bytes())?;
    Ok(())
}

/// "checked 14 postings: 2 errors, 1 warning, 3 notices (12 ready, 2 needs reading)".
fn summary(files: usize, tally: Tally, reviews: &[review::Review]) -> String {
    let verdicts = report::verdict_counts(reviews.iter().map(|r| r.verdict));
    let verdicts = if verdicts.is_empty() || tally.errors + tally.notices == 0 {
        String::new()
    } else {
        format!(" ({verdicts})")
    };
    format!(
        "checked {}: {}{verdicts}",
        plural(files, "posting"),
        tally.describe()
    )
}
