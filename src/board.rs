//! A whole board through the first stages: load → parse → check, in parallel
//! per posting, then the rules that compare postings with each other.
//!
//! A [`Checker`] remembers each file's result by its size, time and inode, so
//! that `serve` re-reads only the files that changed; `check` and `build` use
//! a fresh one.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Finding;
use crate::load::{self, Entry, Source};
use crate::posting::{self, Posting};
use crate::report::Texts;
use crate::rules::git::Changes;
use crate::rules::{self, Context};
use crate::schema::Report;

/// Every posting that parsed, every finding (sorted), and the texts of the
/// files that have findings, for reports that show the offending lines.
pub struct Checked {
    pub postings: Vec<Arc<Posting>>,
    pub findings: Vec<Finding>,
    pub texts: Texts,
    /// How many posting files were looked at.
    pub files: usize,
    /// Every posting file looked at, relative to the root, in order.
    pub names: Vec<String>,
    /// The board's folder, to read the lines of files that have only
    /// findings comparing them with others.
    root: std::path::PathBuf,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Finding::is_error)
    }

    /// The texts that `findings` are about, for a report that shows their
    /// lines: those kept from checking, and the others read again (files
    /// whose only findings compare them with others; only a report for
    /// people needs them, so a JSON report never reads them).
    pub fn texts_for(&self, findings: &[Finding]) -> Texts {
        let mut texts = Texts::new();
        for finding in findings {
            if texts.contains_key(&finding.file) {
                continue;
            }
            if let Some(text) = self.texts.get(&finding.file) {
                texts.insert(finding.file.clone(), Arc::clone(text));
                continue;
            }
            // A file that could not be read as a posting has no line to show.
            if finding.rule == crate::diagnostic::RuleId::File {
                continue;
            }
            let entry = Entry {
                path: self.root.join(&finding.file),
                slug: String::new(),
                file: finding.file.clone(),
            };
            if let Ok(source) = load::read(&entry) {
                texts.insert(source.file, source.text.into());
            }
        }
        texts
    }

    /// The findings that stop a build.
    pub fn errors(&self) -> Vec<Finding> {
        self.findings
            .iter()
            .filter(|f| f.is_error())
            .cloned()
            .collect()
    }
}

/// Loads, parses and checks every posting of the board at `root`.
pub fn check(root: &Path, config: &Config, today: NaiveDate, changes: Option<&Changes>) -> Checked {
    Checker::default().check(root, config, today, changes)
}

impl Checker {
    /// A checker that remembers each file's result until the file changes.
    pub fn remembering() -> Self {
        Self {
            remember: true,
            ..Self::default()
        }
    }

    /// A checker that lets go of each body once its rules have run, so that
    /// memory grows with the number of postings, not with their length.
    pub fn lean() -> Self {
        Self {
            lean: true,
            ..Self::default()
        }
    }
}

/// Checks a board again and again, reading only the files that changed.
#[derive(Default)]
pub struct Checker {
    /// Whether to remember results for the next check (`serve`).
    remember: bool,
    /// Whether to let go of bodies once checked (`build`, which reads them again).
    lean: bool,
    files: HashMap<String, Memo>,
    generation: u64,
    /// What the remembered results were checked against.
    basis: Option<(Config, NaiveDate)>,
}

struct Memo {
    stamp: Stamp,
    result: FileResult,
    /// The check that last saw the file.
    generation: u64,
}

/// What tells a file changed without reading it.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        })
    }
}

/// What one file gave: its posting if it parsed, its findings, and its text
/// when there are findings to show.
#[derive(Clone)]
struct FileResult {
    posting: Option<Arc<Posting>>,
    findings: Vec<Finding>,
    text: Option<Arc<str>>,
}

impl Checker {
    pub fn check(
        &mut self,
        root: &Path,
        config: &Config,
        today: NaiveDate,
        changes: Option<&Changes>,
    ) -> Checked {
        // Results depend on the settings and the day; git changes are rare
        // enough (one `check --since`) not to be worth remembering.
        let basis = (config.clone(), today);
        if changes.is_some() || self.basis.as_ref() != Some(&basis) {
            self.files.clear();
            self.basis = Some(basis);
        }
        let cx = Context::new(config, today, changes);
        // Listed every time: a folder's modification time cannot tell (it is
        // coarse, and two changes in one tick leave it as it was).
        let (entries, mut findings) = load::discover(root);
        let entries = &entries;
        let files = entries.len() + findings.len();
        let mut names: Vec<String> = entries
            .iter()
            .map(|e| e.file.clone())
            .chain(findings.iter().map(|f| f.file.clone()))
            .collect();
        names.sort();
        names.dedup();
        let stamps: Vec<Option<Stamp>> = if self.remember {
            entries.par_iter().map(|e| Stamp::of(&e.path)).collect()
        } else {
            vec![None; entries.len()]
        };
        // `None`: the remembered result still holds.
        let fresh: Vec<Option<FileResult>> = entries
            .par_iter()
            .zip(&stamps)
            .map(|(entry, stamp)| match self.files.get(&entry.file) {
                Some(memo) if stamp.is_some_and(|s| s == memo.stamp) => None,
                _ => Some(check_file(entry, &cx, self.lean)),
            })
            .collect();
        self.generation += 1;
        let mut postings = Vec::with_capacity(entries.len());
        let mut texts = Texts::new();
        for ((entry, stamp), fresh) in entries.iter().zip(stamps).zip(fresh) {
            let result = match (fresh, stamp) {
                (Some(result), None) => {
                    // Not remembered: hand over, no copy.
                    postings.extend(result.posting);
                    findings.extend(result.findings);
                    texts.extend(result.text.map(|t| (entry.file.clone(), t)));
                    continue;
                }
                (Some(result), Some(stamp)) => {
                    let memo = Memo {
                        stamp,
                        result,
                        generation: self.generation,
                    };
                    self.files.insert(entry.file.clone(), memo);
                    &self.files[&entry.file].result
                }
                (None, _) => match self.files.get_mut(&entry.file) {
                    Some(memo) => {
                        memo.generation = self.generation;
                        &memo.result
                    }
                    None => continue,
                },
            };
            postings.extend(result.posting.clone());
            findings.extend(result.findings.iter().cloned());
            if let Some(text) = &result.text {
                texts.insert(entry.file.clone(), Arc::clone(text));
            }
        }
        // Forget the files that are gone.
        let generation = self.generation;
        self.files.retain(|_, memo| memo.generation == generation);
        let all: Vec<&Posting> = postings.iter().map(Arc::as_ref).collect();
        let across = rules::check_board(&all, &cx);
        findings.extend(across);
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings.dedup();
        Checked {
            postings,
            findings,
            texts,
            files,
            names,
            root: root.to_path_buf(),
        }
    }
}

/// A posting's text parsed and checked by every rule of one posting (the
/// board's rules, such as duplicates, need all postings).
pub fn check_source(source: &Source, cx: &Context) -> (Option<Posting>, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut posting = posting::parse(
        source,
        cx.config,
        &mut Report::new(&source.file, &mut findings),
    );
    if let Some(p) = &mut posting {
        let (found, signature) = rules::check_posting(p, cx);
        p.keys.similar = signature;
        findings.extend(found);
    }
    (posting, findings)
}

fn check_file(entry: &Entry, cx: &Context, lean: bool) -> FileResult {
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
    let (mut posting, findings) = check_source(&source, cx);
    if let Some(p) = posting.as_mut().filter(|_| lean) {
        p.body.markdown = String::new();
        p.body.dropped = true;
    }
    let text = if findings.is_empty() {
        None
    } else {
        Some(source.text.into())
    };
    FileResult {
        posting: posting.map(Arc::new),
        findings,
        text,
    }
}

/// The postings live on `today`, newest first (ties by slug).
pub fn live(postings: &[Arc<Posting>], today: NaiveDate, max_age_days: u32) -> Vec<&Posting> {
    let mut live: Vec<&Posting> = postings
        .iter()
        .map(Arc::as_ref)
        .filter(|p| p.is_live(today, max_age_days))
        .collect();
    live.sort_by(|a, b| b.posted.cmp(&a.posted).then_with(|| a.slug.cmp(&b.slug)));
    live
}
