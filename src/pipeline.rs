//! The stages every command runs postings through, in one pass per posting
//! and in parallel: read → parse → check, and when a site is being made,
//! render (the posting's page goes to the sink at once; its card, its line
//! of `jobs.json` and its feed item are kept). Then the rules that compare
//! postings. `check`, `build`, `serve`, `prune` and `new` all come here.
//!
//! No posting is read or parsed twice: its Markdown is parsed once into
//! events that the rules read and the renderer renders; its text is let go
//! of once it is rendered (kept only when there are findings to show).
//!
//! A [`Checker`] that remembers (`serve`) keeps each file's result by its
//! size, time and inode, and re-reads only the files that changed (or only
//! those it is told of).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Finding;
use crate::load::{self, Entry};
use crate::posting::{self, Parsed, Posting};
use crate::render::job::{self, Job};
use crate::render::{RenderError, Site};
use crate::rules::lexicon::Lexicon;
use crate::rules::{self, BodyText, Context};
use crate::schema::Report;
use crate::site::Sink;
use crate::source::Texts;
use crate::source::{Changes, Source};

/// Every posting that parsed, every finding (sorted), what was rendered of
/// the live postings when a site was asked for, and the texts of the files
/// that have findings, for reports that show the offending lines. When a
/// site is made, `findings` holds only errors (warnings are counted).
pub struct Checked {
    pub postings: Vec<Arc<Posting>>,
    /// What was made of each posting, in the same order: of each live one
    /// without errors, when a site was asked for.
    pub jobs: Vec<Option<Arc<Job>>>,
    pub findings: Vec<Finding>,
    pub texts: Texts,
    /// How many posting files were looked at.
    pub files: usize,
    /// How many job pages this check rendered (not those kept from before).
    pub rendered: usize,
    /// Templates that failed to render a posting.
    pub render_errors: Vec<RenderError>,
    /// Warnings counted and not kept in `findings`: a site's makers show
    /// only errors ([`Checked::warnings`] is all of them).
    counted_warnings: usize,
    /// The board's folder, to read the lines of files whose only findings
    /// compare them with others.
    root: PathBuf,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Finding::is_error)
    }

    /// How many warnings there are, kept or counted.
    pub fn warnings(&self) -> usize {
        self.counted_warnings + crate::diagnostic::Tally::of(&self.findings).warnings
    }

    /// The findings that stop a build.
    pub fn errors(&self) -> Vec<Finding> {
        self.findings
            .iter()
            .filter(|f| f.is_error())
            .cloned()
            .collect()
    }

    /// The live postings, newest first (ties by slug), with what was made of
    /// each: the site's jobs, in the order every listing shows them.
    pub fn live(&self, today: NaiveDate, max_age_days: u32) -> Vec<(&Posting, &Job)> {
        let mut live: Vec<(&Posting, &Job)> = self
            .postings
            .iter()
            .zip(&self.jobs)
            .filter(|(p, _)| p.is_live(today, max_age_days))
            .filter_map(|(p, j)| Some((p.as_ref(), j.as_deref()?)))
            .collect();
        live.sort_by(|(a, _), (b, _)| newest_first(a, b));
        live
    }

    /// Every posting file looked at, relative to the root, in order: each
    /// one parsed into a posting or has a finding that says why not.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .postings
            .iter()
            .map(|p| p.file.as_str())
            .chain(self.findings.iter().map(|f| f.file.as_str()))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
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
            // A file that could not be read as a posting has no line to show.
            if finding.rule == crate::diagnostic::RuleId::File
                && !self.texts.contains_key(&finding.file)
            {
                continue;
            }
            if let Some(text) = self.text_of(&finding.file) {
                texts.insert(finding.file.clone(), text);
            }
        }
        texts
    }

    /// The text of a posting file: kept from checking, or read again.
    pub fn text_of(&self, file: &str) -> Option<Arc<str>> {
        if let Some(text) = self.texts.get(file) {
            return Some(Arc::clone(text));
        }
        let entry = Entry {
            path: self.root.join(file),
            slug: String::new(),
            file: file.to_string(),
        };
        load::read(&entry).ok().map(|source| source.text.into())
    }
}

/// Asks the pass to render each live posting into a site as it is checked.
#[derive(Clone, Copy)]
pub struct Render<'a> {
    pub site: &'a Site<'a>,
    pub sink: &'a dyn Sink,
}

/// What a pull request changed since `reference` (its base), with the
/// `posted` each changed posting had there: asked of git by the load
/// stage, the base versions parsed here.
pub fn changes_since(
    root: &Path,
    reference: &str,
    config: &Config,
) -> Result<Changes, load::git::GitError> {
    let diff = load::git::changes_since(root, reference)?;
    let modified = diff
        .modified
        .into_iter()
        .map(|(file, base)| {
            let posted = base.and_then(|source| {
                let mut ignored = Vec::new();
                posting::parse(
                    &source,
                    config,
                    &mut Report::new(&source.file, &mut ignored),
                )
                .map(|p| p.posted)
            });
            (file, posted)
        })
        .collect();
    Ok(Changes {
        added: diff.added,
        modified,
    })
}

/// Loads, parses and checks every posting of the board at `root`.
pub fn check(root: &Path, config: &Config, today: NaiveDate, changes: Option<&Changes>) -> Checked {
    Checker::default().check(root, config, today, changes, None)
}

/// Every posting of a board read and parsed, without the rules: enough
/// to know each one's dates (`prune`, `expiring`), in path order.
pub struct ParsedBoard {
    pub postings: Vec<(Entry, Posting)>,
    /// The files that could not be read or parsed, each with why, shown
    /// as text (`report::inert`): whether they are live cannot be known.
    pub skipped: Vec<String>,
}

/// [`ParsedBoard`] for the board at `root`.
pub fn parse_board(root: &Path, config: &Config) -> ParsedBoard {
    let (entries, problems) = load::discover(root);
    let mut skipped: Vec<String> = problems
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                crate::report::inert(&f.file),
                crate::report::inert(&f.message)
            )
        })
        .collect();
    let parsed: Vec<(Entry, Option<Posting>)> = entries
        .into_par_iter()
        .map(|entry| {
            let posting = load::read(&entry).ok().and_then(|source| {
                let mut findings = Vec::new();
                posting::parse(
                    &source,
                    config,
                    &mut Report::new(&source.file, &mut findings),
                )
            });
            (entry, posting)
        })
        .collect();
    let mut postings = Vec::with_capacity(parsed.len());
    for (entry, posting) in parsed {
        match posting {
            Some(posting) => postings.push((entry, posting)),
            None => skipped.push(format!(
                "{}: cannot be read as a posting",
                crate::report::inert(&entry.file)
            )),
        }
    }
    ParsedBoard { postings, skipped }
}

/// Checks a board again and again, reading only the files that changed.
#[derive(Default)]
pub struct Checker {
    /// Whether to remember results for the next check (`serve`).
    remember: bool,
    /// (foldhash: looked up for every file of every check.)
    files: foldhash::HashMap<String, Memo>,
    /// The files the last check read anew.
    fresh: Vec<String>,
    /// What the remembered results were made for.
    basis: Option<(Config, NaiveDate, u64)>,
    /// The lexicon of `basis`'s settings, made once.
    lexicon: Option<Arc<Lexicon>>,
    /// The board's listing at the last check, and its findings.
    listing: Option<(Vec<Entry>, Vec<Finding>)>,
    /// What the watcher says changed since the last check, if it knows.
    changed: Option<Vec<String>>,
}

struct Memo {
    stamp: Stamp,
    result: Arc<FileResult>,
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

/// What one file gave.
#[derive(Clone, Default)]
struct FileResult {
    posting: Option<Arc<Posting>>,
    findings: Vec<Finding>,
    /// Its text, when there are findings to show.
    text: Option<Arc<str>>,
    /// What was rendered of it, when it is live and was asked to be.
    job: Option<Arc<Job>>,
    render_error: Option<RenderError>,
    /// Its warnings, when they were counted and not kept (making a site).
    warnings: usize,
}

impl Checker {
    /// A checker that remembers each file's result until the file changes.
    pub fn remembering() -> Self {
        Self {
            remember: true,
            ..Self::default()
        }
    }

    /// Tells the next check which files changed since the last one (paths
    /// relative to the root, as the watcher reports them). When these are
    /// only postings it knows, it neither lists the board nor looks at the
    /// other files; anything else, and it does both, as without being told.
    pub fn changed(&mut self, paths: &[String]) {
        self.changed = Some(paths.to_vec());
    }

    /// Forgets what the last check read anew: its renderings were not kept
    /// (a rebuild that failed), so those files must be read again.
    pub fn forget_last(&mut self) {
        for file in std::mem::take(&mut self.fresh) {
            self.files.remove(&file);
        }
    }

    /// Checks (and with `render`, renders) every posting of the board.
    pub fn check(
        &mut self,
        root: &Path,
        config: &Config,
        today: NaiveDate,
        changes: Option<&Changes>,
        render: Option<Render>,
    ) -> Checked {
        // Results depend on the settings, the day and the theme; git changes
        // are rare enough (one `check --since`) not to be worth remembering.
        let theme = render.map_or(0, |r| r.site.theme.fingerprint);
        let basis = (config.clone(), today, theme);
        let changed = self.changed.take();
        if changes.is_some() || self.basis.as_ref() != Some(&basis) {
            self.files.clear();
            self.listing = None;
            if self.basis.as_ref().is_none_or(|(c, ..)| c != config) {
                self.lexicon = None;
            }
            self.basis = Some(basis);
        }
        let lexicon = Arc::clone(
            self.lexicon
                .get_or_insert_with(|| Arc::new(Lexicon::new(config))),
        );
        let cx = Context::with_lexicon(config, today, changes, lexicon);
        // A site is made from what has no error; its makers (`build`,
        // `serve`) never show a reviewer's notices, so they are not judged.
        let cx = if render.is_some() {
            cx.without_judging()
        } else {
            cx
        };
        // Listed every time, unless the watcher says only known postings
        // changed: a folder's modification time cannot tell (it is coarse,
        // and two changes in one tick leave it as it was).
        let told = match (changed, self.listing.take()) {
            (Some(changed), Some(listing))
                if self.remember && only_known(root, &changed, &listing.0) =>
            {
                Some((listing, changed))
            }
            _ => None,
        };
        let ((entries, mut findings), told) = match told {
            Some((listing, changed)) => (listing, Some(changed)),
            None => (load::discover(root), None),
        };
        let listing_findings = self.remember.then(|| findings.clone());
        let files = entries.len() + findings.len();
        let memo = &self.files;
        let remember = self.remember;
        let results: Vec<(Option<Stamp>, bool, Arc<FileResult>)> = entries
            .par_iter()
            .map(|entry| {
                let known = memo.get(&entry.file);
                // Told what changed: the rest is as it was, unlooked at.
                if let (Some(told), Some(m)) = (&told, known)
                    && !told.contains(&entry.file)
                {
                    return (Some(m.stamp), false, Arc::clone(&m.result));
                }
                let stamp = remember.then(|| Stamp::of(&entry.path)).flatten();
                match known {
                    Some(m) if told.is_none() && stamp == Some(m.stamp) => {
                        (stamp, false, Arc::clone(&m.result))
                    }
                    _ => (stamp, true, Arc::new(check_file(entry, &cx, render))),
                }
            })
            .collect();
        self.fresh.clear();
        let mut postings = Vec::with_capacity(entries.len());
        let mut jobs = Vec::with_capacity(entries.len());
        let mut texts = Texts::new();
        let mut render_errors = Vec::new();
        let mut rendered = 0;
        let mut counted_warnings = 0;
        for (entry, (stamp, fresh, result)) in entries.iter().zip(results) {
            if fresh {
                rendered += usize::from(result.job.is_some());
                self.fresh.push(entry.file.clone());
                if let Some(stamp) = stamp {
                    self.files.insert(
                        entry.file.clone(),
                        Memo {
                            stamp,
                            result: Arc::clone(&result),
                        },
                    );
                }
            }
            // Not remembered: taken apart without a copy.
            let result = Arc::try_unwrap(result).unwrap_or_else(|shared| (*shared).clone());
            if let Some(posting) = result.posting {
                postings.push(posting);
                jobs.push(result.job);
            }
            findings.extend(result.findings);
            counted_warnings += result.warnings;
            texts.extend(result.text.map(|t| (entry.file.clone(), t)));
            render_errors.extend(result.render_error);
        }
        // What is gone is forgotten (a listing reused has lost nothing).
        if told.is_none() && self.files.len() != entries.len() {
            let listed: std::collections::HashSet<&str> =
                entries.iter().map(|e| e.file.as_str()).collect();
            self.files.retain(|file, _| listed.contains(file.as_str()));
        }
        if let Some(listing_findings) = listing_findings {
            self.listing = Some((entries, listing_findings));
        }
        let all: Vec<&Posting> = postings.iter().map(Arc::as_ref).collect();
        findings.extend(rules::check_board(&all, &cx));
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings.dedup();
        Checked {
            postings,
            jobs,
            findings,
            texts,
            files,
            rendered,
            render_errors,
            counted_warnings,
            root: root.to_path_buf(),
        }
    }
}

/// Whether every changed path is one the last listing still holds as it
/// is: a posting it knows that is still a regular file, or something the
/// listing never sees (a hidden or vanished temporary file), or the
/// settings or theme (which the basis covers).
fn only_known(root: &Path, changed: &[String], entries: &[Entry]) -> bool {
    let prefix = format!("{}/", crate::layout::POSTINGS);
    changed.iter().all(|path| {
        let Some(inside) = path.strip_prefix(&prefix) else {
            // Settings and theme are the basis's; anything else (the
            // postings folder itself, a rescan) may change the listing.
            return path == crate::layout::CONFIG
                || path.starts_with(&format!("{}/", crate::layout::TEMPLATES));
        };
        let is_file = std::fs::symlink_metadata(root.join(path)).map(|m| m.file_type());
        if entries.iter().any(|e| e.file == *path) {
            return is_file.is_ok_and(|t| t.is_file());
        }
        // Not listed: fine only if the listing would not list it either.
        inside.split('/').any(|part| part.starts_with('.')) || is_file.is_err()
    })
}

/// A posting's text parsed and checked by every rule of one posting (the
/// board's rules, such as duplicates, need all postings).
pub fn check_source(source: &Source, cx: &Context) -> (Option<Posting>, Vec<Finding>) {
    let (posting, findings, _) = pass(source, cx, None);
    (posting, findings)
}

/// One posting through the stages: parsed, its body parsed once into
/// events, checked, and with `render` (when it is live and has no error)
/// rendered from the same events.
/// What one posting's pass gave: its posting if it parsed, its findings, and
/// what was rendered of it when it was asked to be.
type Passed = (
    Option<Posting>,
    Vec<Finding>,
    Option<Result<Arc<Job>, RenderError>>,
);

fn pass(source: &Source, cx: &Context, render: Option<Render>) -> Passed {
    let mut findings = Vec::new();
    let parsed = posting::parse_lenient(
        &posting::POSTING,
        source,
        cx.config,
        &mut Report::new(&source.file, &mut findings),
    );
    let (mut posting, complete) = match parsed {
        None => return (None, findings, None),
        Some(Parsed::Complete(posting)) => (posting, true),
        Some(Parsed::Partial(posting)) => (posting, false),
    };
    let markdown = std::mem::take(&mut posting.body.markdown);
    let events = crate::markdown::events(&markdown);
    let mut body = BodyText::from_events(
        &markdown,
        posting.body.line,
        &events,
        &cx.lexicon,
        cx.judging,
    );
    let mut found = rules::check_scanned(&posting, &mut body, cx);
    if !complete {
        // Every rule that could judge what was read has; what a rule said
        // of a stand-in for a field that could not be read is not said.
        found.retain(|f| f.span != posting::BROKEN);
        findings.extend(found);
        return (None, findings, None);
    }
    posting.keys.set_similar(body.signature);
    drop(body);
    let has_errors = found.iter().any(Finding::is_error);
    findings.extend(found);
    let job = render
        .filter(|_| !has_errors && posting.is_live(cx.today, cx.config.max_age_days))
        .map(|r| {
            let events = events.into_iter().map(|(event, _)| event).collect();
            let html = crate::markdown::render_events(events, markdown.len(), &posting.slug);
            let body = job::RenderedBody {
                html: &html.html,
                excerpt: &html.excerpt,
                opening: &html.opening,
                text: &html.text,
            };
            let (job, page) = job::render(r.site, &posting, &body)?;
            if r.sink.wants(&page.path, job.fingerprint) {
                r.sink.put(page).map_err(|err| RenderError {
                    path: job.summary.url.clone(),
                    template: "the site".into(),
                    message: format!("{err:#}"),
                })?;
            }
            Ok(Arc::new(job))
        });
    (Some(posting), findings, job)
}

fn check_file(entry: &Entry, cx: &Context, render: Option<Render>) -> FileResult {
    let source = match load::read(entry) {
        Ok(source) => source,
        Err(finding) => {
            return FileResult {
                findings: vec![finding],
                ..FileResult::default()
            };
        }
    };
    let making_site = render.is_some();
    let (posting, mut findings, job) = pass(&source, cx, render);
    // A site's makers show only errors, and count warnings: a board with
    // thousands of warned postings keeps (and `serve` copies) none of them
    // nor their texts.
    let warnings = if making_site {
        // Counted as `check` would count them: a finding said twice once.
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings.dedup();
        let warnings = crate::diagnostic::Tally::of(&findings).warnings;
        findings.retain(Finding::is_error);
        warnings
    } else {
        0
    };
    let text = (!findings.is_empty()).then(|| source.text.into());
    let (job, render_error) = match job {
        Some(Ok(job)) => (Some(job), None),
        Some(Err(err)) => (None, Some(err)),
        None => (None, None),
    };
    FileResult {
        posting: posting.map(Arc::new),
        findings,
        text,
        job,
        render_error,
        warnings,
    }
}

/// The postings live on `today`, newest first (ties by slug).
pub fn live(postings: &[Arc<Posting>], today: NaiveDate, max_age_days: u32) -> Vec<&Posting> {
    let mut live: Vec<&Posting> = postings
        .iter()
        .map(Arc::as_ref)
        .filter(|p| p.is_live(today, max_age_days))
        .collect();
    live.sort_by(|a, b| newest_first(a, b));
    live
}

/// Newest first, ties by slug.
fn newest_first(a: &Posting, b: &Posting) -> std::cmp::Ordering {
    b.posted.cmp(&a.posted).then_with(|| a.slug.cmp(&b.slug))
}

/// What making a site gave.
pub enum Made {
    /// Every file of the site went to the sink.
    Site {
        /// Live postings, and postings that are not (expired or not yet).
        live: usize,
        not_live: usize,
        warnings: usize,
        /// Files rendered (a sink that remembers wants only what changed).
        rendered: usize,
        /// Every path of the site, in the plan's order.
        paths: Vec<String>,
    },
    /// A posting has an error, or a template failed: no site. The sink may
    /// hold part of one, to be thrown away.
    Refused(Box<Checked>),
}

/// The site of the board at `root`: every posting through the stages (its
/// page rendered as it is checked), then the plan of the rest, rendered
/// into `sink`. `build` and `serve` both come here, with a staging folder
/// or memory as the sink, and a fresh or remembering checker.
pub fn make_site(
    root: &Path,
    site: &Site,
    checker: &mut Checker,
    sink: &dyn Sink,
    timer: &mut crate::session::Timer,
) -> anyhow::Result<Made> {
    let render = Render { site, sink };
    let checked = checker.check(root, site.config, site.today, None, Some(render));
    timer.stage("postings read, parsed, checked and their pages rendered");
    if checked.has_errors() || !checked.render_errors.is_empty() {
        return Ok(Made::Refused(Box::new(checked)));
    }
    let warnings = checked.warnings();
    let live = checked.live(site.today, site.config.max_age_days);
    let postings: Vec<&Posting> = live.iter().map(|(p, _)| *p).collect();
    let jobs: Vec<&Job> = live.iter().map(|(_, j)| *j).collect();
    let plan = crate::site::plan(&postings, &jobs, site);
    timer.stage("site planned");
    let rendered = crate::site::render(&plan, &jobs, site, sink)?;
    timer.stage("listings, feeds and data rendered");
    Ok(Made::Site {
        live: live.len(),
        not_live: checked.postings.len() - live.len(),
        warnings,
        rendered: rendered + checked.rendered,
        paths: plan.outputs.into_iter().map(|p| p.path).collect(),
    })
}

/// A sink that keeps the files in memory, by path (`serve`, tests, fuzzing).
#[derive(Default)]
pub struct MemorySink {
    pub files: Mutex<std::collections::BTreeMap<String, Vec<u8>>>,
}

impl Sink for MemorySink {
    fn put(&self, output: crate::render::Output) -> anyhow::Result<()> {
        self.files
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(output.path, output.bytes);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_is_reused_only_for_changes_it_can_see_past() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("postings")).expect("postings");
        std::fs::write(root.join("postings/a-job.md"), "x").expect("write");
        std::fs::write(root.join("postings/b-job.md"), "x").expect("write");
        let (entries, _) = load::discover(root);
        let known = |paths: &[&str]| {
            let paths: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
            only_known(root, &paths, &entries)
        };
        assert!(known(&["postings/a-job.md"]), "an edit of a known posting");
        assert!(known(&["board.yaml", "templates/job.html"]), "the basis's");
        assert!(
            known(&["postings/.a-job.md.swp", "postings/4913"]),
            "temporary files that are gone or hidden"
        );
        assert!(known(&["postings/c-job.md"]), "a path that is not there");
        std::fs::write(root.join("postings/c-job.md"), "x").expect("write");
        assert!(!known(&["postings/c-job.md"]), "a new posting is listed");
        std::fs::remove_file(root.join("postings/b-job.md")).expect("remove");
        assert!(!known(&["postings/b-job.md"]), "a deleted one too");
        assert!(!known(&["(rescan)"]), "the watcher lost track");
        assert!(!known(&["postings"]), "the folder itself");
    }
}
