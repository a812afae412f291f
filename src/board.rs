//! A whole board through the first stages: load → parse → check, in parallel
//! per posting, then the rules that compare postings with each other.

use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Finding;
use crate::load;
use crate::posting::{self, Posting};
use crate::report::Texts;
use crate::rules::git::Changes;
use crate::rules::{self, Context};
use crate::schema::Report;

/// Every posting that parsed, every finding (sorted), and the texts of the
/// files that have findings, for reports that show the offending lines.
pub struct Checked {
    pub postings: Vec<Posting>,
    pub findings: Vec<Finding>,
    pub texts: Texts,
    /// How many posting files were looked at.
    pub files: usize,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Finding::is_error)
    }
}

/// Loads, parses and checks every posting of the board at `root`.
pub fn check(root: &Path, config: &Config, today: NaiveDate, changes: Option<&Changes>) -> Checked {
    let cx = Context {
        config,
        today,
        changes,
    };
    let (entries, mut findings) = load::discover(root);
    let files = entries.len() + findings.len();
    let per_file: Vec<FileResult> = entries
        .par_iter()
        .map(|entry| check_file(entry, &cx))
        .collect();
    let mut postings = Vec::with_capacity(per_file.len());
    let mut texts = Texts::new();
    for file in per_file {
        postings.extend(file.posting);
        findings.extend(file.findings);
        texts.extend(file.text);
    }
    let all: Vec<&Posting> = postings.iter().collect();
    let across = rules::check_board(&all, &cx);
    // Files whose only findings compare them with others: read them again to
    // show their lines (few files, so not worth keeping every text).
    for finding in &across {
        if !texts.contains_key(&finding.file) {
            let entry = entries.iter().find(|e| e.file == finding.file);
            if let Some(source) = entry.and_then(|e| load::read(e).ok()) {
                texts.insert(source.file, source.text);
            }
        }
    }
    findings.extend(across);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
    Checked {
        postings,
        findings,
        texts,
        files,
    }
}

/// What one file gave: its posting if it parsed, its findings, and its text
/// when there are findings to show.
struct FileResult {
    posting: Option<Posting>,
    findings: Vec<Finding>,
    text: Option<(String, String)>,
}

fn check_file(entry: &load::Entry, cx: &Context) -> FileResult {
    let source = match load::read(entry) {
        Ok(source) => source,
        Err(finding) => {
            return FileResult {
                posting: None,
                findings: vec![finding],
                text: None,
            };
        }
    };
    let mut findings = Vec::new();
    let posting = posting::parse(
        &source,
        cx.config,
        &mut Report::new(&source.file, &mut findings),
    );
    if let Some(p) = &posting {
        findings.extend(rules::check_posting(p, cx));
    }
    let text = if findings.is_empty() {
        None
    } else {
        Some((source.file, source.text))
    };
    FileResult {
        posting,
        findings,
        text,
    }
}

/// The postings live on `today`, newest first (ties by slug).
pub fn live(postings: &[Posting], today: NaiveDate, max_age_days: u32) -> Vec<&Posting> {
    let mut live: Vec<&Posting> = postings
        .iter()
        .filter(|p| p.is_live(today, max_age_days))
        .collect();
    live.sort_by(|a, b| b.posted.cmp(&a.posted).then_with(|| a.slug.cmp(&b.slug)));
    live
}
