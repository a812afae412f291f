//! The site `serve` shows, kept in memory and rebuilt in place by the same
//! pipeline as `build` (`pipeline::make_site`), into a sink that remembers:
//! only the postings that changed are read again, only the files whose
//! inputs changed are rendered again. A failed rebuild leaves the last good
//! site as it was.

use foldhash::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use bytes::Bytes;
use chrono::NaiveDate;

use crate::config::Config;
use crate::load::config::{self, ConfigError};
use crate::pipeline::{self, Checker, Made};
use crate::render::{Output, Site, Theme};
use crate::report;
use crate::site::Sink;

/// The files of a site by path, as served. (foldhash: these maps are
/// looked up for every file of every rebuild; SipHash's resistance to
/// crafted keys buys nothing for paths the board itself names.)
pub type Files = HashMap<String, Bytes>;

/// Keeps the state between rebuilds.
pub struct Builder {
    root: PathBuf,
    /// `--today`; `None`: the clock's day at each rebuild.
    pinned: Option<NaiveDate>,
    checker: Checker,
    memory: Memory,
    /// What is kept between rebuilds beyond each posting's result: each
    /// job's search words and the filters, so that an edit redoes little.
    kept: crate::render::Kept,
    /// What the memory was made for: settings, theme, day.
    basis: Option<(Config, u64, NaiveDate)>,
    /// The compiled theme, and the settings it was compiled with.
    theme: Option<(Config, Arc<Theme>)>,
    /// Whether to print the time of each stage (`--verbose`).
    verbose: bool,
}

/// The 404 page as `serve` shows it, under a name no site has. The built
/// `404.html` links its stylesheet and pages from `base_url` (a host shows
/// it at any depth); the preview is at `/`, so those links start there.
pub const NOT_FOUND: &str = "__jobboard/404.html";

fn served_not_found(page: &Bytes, base_url: &str) -> Bytes {
    match std::str::from_utf8(page) {
        Ok(html) => Bytes::from(html.replace(base_url, "/")),
        Err(_) => page.clone(),
    }
}

/// The files being served, shared with the server: a rebuild changes them
/// in place (under the write lock, so a request sees one site or the next),
/// and only once it succeeded.
pub type Served = Arc<RwLock<Files>>;

/// How a rebuild went.
pub enum Outcome {
    Built {
        /// How many files the site has.
        files: usize,
        rendered: usize,
        removed: usize,
        millis: f64,
    },
    /// The board has errors; the report is plain text (for the terminal and the page).
    Failed { report: String, errors: usize },
}

/// The served site, and the fingerprint each file was rendered from.
#[derive(Default)]
struct Memory {
    files: Served,
    made_from: Mutex<HashMap<String, u64>>,
    /// Files rendered in this rebuild, not yet served.
    fresh: Mutex<Vec<(String, Bytes)>>,
}

impl Sink for Memory {
    fn wants(&self, path: &str, fingerprint: u64) -> bool {
        let mut made = lock(&self.made_from);
        if made.get(path) == Some(&fingerprint) {
            return false;
        }
        made.insert(path.to_string(), fingerprint);
        true
    }

    fn put(&self, output: Output) -> anyhow::Result<()> {
        lock(&self.fresh).push((output.path, Bytes::from(output.bytes)));
        Ok(())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl Builder {
    pub fn new(root: PathBuf, pinned: Option<NaiveDate>) -> Self {
        Self {
            root,
            pinned,
            checker: Checker::remembering(),
            memory: Memory::default(),
            kept: crate::render::Kept::default(),
            basis: None,
            theme: None,
            verbose: false,
        }
    }

    /// Prints the time each stage of a rebuild takes.
    pub fn verbose(mut self, on: bool) -> Self {
        self.verbose = on;
        self
    }

    /// Rebuilds after the watcher saw `changed` (paths relative to the
    /// root): the checker then looks at those files only, when it can.
    /// The files being served, to hand to the server.
    pub fn served(&self) -> Served {
        Arc::clone(&self.memory.files)
    }

    pub fn rebuild_after(&mut self, changed: &[String]) -> Outcome {
        self.checker.changed(changed);
        self.rebuild()
    }

    pub fn rebuild(&mut self) -> Outcome {
        let start = Instant::now();
        let mut timer = crate::session::Timer::new(self.verbose);
        let today = crate::session::today(self.pinned);
        let config = match config::load(&self.root) {
            Ok(config) => config,
            Err(ConfigError::Invalid { findings, text }) => {
                return failed(report::config(&findings, &text, false), findings.len());
            }
            Err(err) => return failed(format!("error: {err}\n"), 1),
        };
        let theme = match self.theme(&config) {
            Ok(theme) => theme,
            Err(err) => return failed(format!("error: {err:#}\n"), 1),
        };
        let basis = (config.clone(), theme.fingerprint, today);
        if self.basis.as_ref() != Some(&basis) {
            // Every file depends on these: render them all again.
            lock(&self.memory.made_from).clear();
            self.kept.clear();
            self.basis = Some(basis);
        }
        let site = Site {
            config: &config,
            theme: &theme,
            today,
            kept: Some(&self.kept),
        };
        timer.stage("settings and theme");
        let made = pipeline::make_site(
            &self.root,
            &site,
            &mut self.checker,
            &self.memory,
            &mut timer,
        );
        let fresh = std::mem::take(&mut *lock(&self.memory.fresh));
        let (rendered, paths) = match made {
            Ok(Made::Site {
                rendered, paths, ..
            }) => (rendered, paths),
            Ok(Made::Refused(checked)) => {
                // What this rebuild rendered is not served, so it must be
                // rendered again next time.
                self.forget(&fresh);
                if let Some(err) = checked.render_errors.first() {
                    return failed(format!("error: {err}\n"), 1);
                }
                let errors = checked.errors();
                return failed(
                    report::human(&errors, &checked.texts_for(&errors), false),
                    errors.len(),
                );
            }
            Err(err) => {
                self.forget(&fresh);
                return failed(format!("error: {err:#}\n"), 1);
            }
        };
        let mut files = self.memory.files.write().unwrap_or_else(|p| p.into_inner());
        let added = fresh.iter().any(|(path, _)| !files.contains_key(path));
        let not_found = fresh
            .iter()
            .find(|(path, _)| path == "404.html")
            .map(|(_, page)| served_not_found(page, config.base_url.as_str()));
        files.extend(fresh);
        if let Some(page) = not_found {
            files.insert(NOT_FOUND.to_string(), page);
        }
        // Every planned file is served; when no new path came and the count
        // is the same, none went either, and nothing need be looked up (the
        // plan's paths are distinct: tests/build.rs holds it to that).
        let mut removed = 0;
        if added || files.len() != paths.len() + usize::from(files.contains_key(NOT_FOUND)) {
            // Made a set only now: most rebuilds change no path.
            let paths: foldhash::HashSet<String> = paths.into_iter().collect();
            let before = files.len();
            files.retain(|path, _| paths.contains(path) || path == NOT_FOUND);
            lock(&self.memory.made_from).retain(|path, _| paths.contains(path));
            removed = before - files.len();
        }
        let count = files.len();
        drop(files);
        timer.stage("files kept for serving");
        Outcome::Built {
            files: count,
            rendered,
            removed,
            millis: start.elapsed().as_secs_f64() * 1000.0,
        }
    }

    /// The theme: its files read again (they are few and small), compiled
    /// again only when they or the settings changed.
    fn theme(&mut self, config: &Config) -> anyhow::Result<Arc<Theme>> {
        let files = crate::load::theme::load(&self.root)?;
        if let Some((made_for, theme)) = &self.theme
            && made_for == config
            && theme.fingerprint == files.fingerprint
        {
            return Ok(Arc::clone(theme));
        }
        let theme = Arc::new(Theme::compile(files, config)?);
        self.theme = Some((config.clone(), Arc::clone(&theme)));
        Ok(theme)
    }

    /// Forgets that files were rendered (they were not kept), and the
    /// postings they were rendered from.
    fn forget(&mut self, fresh: &[(String, Bytes)]) {
        self.checker.forget_last();
        let mut made = lock(&self.memory.made_from);
        for (path, _) in fresh {
            made.remove(path);
        }
    }
}

fn failed(report: String, errors: usize) -> Outcome {
    Outcome::Failed { report, errors }
}
