//! The site `serve` shows, kept in memory and rebuilt in place: only the
//! postings that changed are read again, only the files whose inputs changed
//! are rendered again. A failed rebuild leaves the last good site as it was.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::NaiveDate;

use crate::board::{self, Checker};
use crate::config::{self, Config, ConfigError};
use crate::render::{Site, Theme};
use crate::report;
use crate::site::Renderer;

/// The files of a site by path, as served.
pub type Files = HashMap<String, bytes::Bytes>;

/// Keeps the state between rebuilds.
pub struct Builder {
    root: PathBuf,
    today: Option<NaiveDate>,
    checker: Checker,
    renderer: Renderer,
    /// What the renderer's memory was rendered against.
    basis: Option<(Config, u64, NaiveDate)>,
    files: Files,
}

/// How a rebuild went.
pub enum Outcome {
    Built {
        files: Arc<Files>,
        rendered: usize,
        removed: usize,
        millis: f64,
    },
    /// The board has errors; the report is plain text (for the terminal and the page).
    Failed { report: String, errors: usize },
}

impl Builder {
    pub fn new(root: PathBuf, today: Option<NaiveDate>) -> Self {
        Self {
            root,
            today,
            checker: Checker::remembering(),
            renderer: Renderer::remembering(),
            basis: None,
            files: Files::new(),
        }
    }

    pub fn rebuild(&mut self) -> Outcome {
        let start = Instant::now();
        let today = match crate::cmd::today(self.today) {
            Ok(day) => day,
            Err(err) => return failed(format!("error: {err:#}\n"), 1),
        };
        let config = match config::load(&self.root) {
            Ok(config) => config,
            Err(ConfigError::Invalid { findings, text }) => {
                return failed(report::config(&findings, &text, false), findings.len());
            }
            Err(err) => return failed(format!("error: {err}\n"), 1),
        };
        let theme = match Theme::load(&self.root, &config) {
            Ok(theme) => theme,
            Err(err) => return failed(format!("error: {err}\n"), 1),
        };
        let checked = self.checker.check(&self.root, &config, today, None);
        if checked.has_errors() {
            let errors = checked.errors();
            return failed(
                report::human(&errors, &checked.texts_for(&errors), false),
                errors.len(),
            );
        }
        let basis = (config.clone(), theme.fingerprint, today);
        if self.basis.as_ref() != Some(&basis) {
            self.renderer = Renderer::remembering();
            self.basis = Some(basis);
        }
        let live = board::live(&checked.postings, today, config.max_age_days);
        let site = Site {
            config: &config,
            theme: &theme,
            today,
            root: Some(&self.root),
        };
        let changed: Mutex<Vec<(String, bytes::Bytes)>> = Mutex::new(Vec::new());
        let rendered = self.renderer.render(&site, &live, |output| {
            let bytes = bytes::Bytes::from(output.bytes);
            changed
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((output.path, bytes));
            Ok(())
        });
        let rendered = match rendered {
            Ok(rendered) => rendered,
            Err(err) => {
                // A template failed halfway: forget what was remembered, so
                // that the next rebuild renders everything again.
                self.renderer = Renderer::remembering();
                self.basis = None;
                return failed(format!("error: {err:#}\n"), 1);
            }
        };
        let before = self.files.len();
        self.files.retain(|path, _| rendered.paths.contains(path));
        let removed = before - self.files.len();
        for (path, bytes) in changed.into_inner().unwrap_or_else(|p| p.into_inner()) {
            self.files.insert(path, bytes);
        }
        Outcome::Built {
            files: Arc::new(self.files.clone()),
            rendered: rendered.rendered,
            removed,
            millis: start.elapsed().as_secs_f64() * 1000.0,
        }
    }
}

fn failed(report: String, errors: usize) -> Outcome {
    Outcome::Failed { report, errors }
}
