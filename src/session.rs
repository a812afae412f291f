//! What every command starts from, resolved once from the command line and
//! the environment (ripgrep turns raw flags into checked "high-level
//! arguments" the same way): the board's folder and settings, the day,
//! whether each stream is coloured, and a timer for `--verbose`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, anyhow};
use chrono::NaiveDate;

use crate::cli::{Color, Global};
use crate::config::Config;
use crate::load::config::{self, ConfigError};
use crate::render::Theme;
use crate::report;

pub struct Session {
    /// The board's folder.
    pub root: PathBuf,
    pub config: Config,
    /// `--today` or `SOURCE_DATE_EPOCH`; `None`: the clock's day, each time
    /// it is asked (a preview left running past midnight moves on).
    pinned: Option<NaiveDate>,
    /// Whether to colour standard output and standard error.
    pub color_out: bool,
    pub color_err: bool,
    pub timer: Timer,
}

impl Session {
    /// Resolves the command line and the environment, and reads `board.yaml`
    /// (whose problems are printed, and end the command).
    pub fn open(global: &Global) -> anyhow::Result<Self> {
        let pinned = pinned_day(global.today)?;
        let color_err = color(global.color, std::io::stderr().is_terminal());
        let root = global.root.clone();
        let config = match config::load(&root) {
            Ok(config) => config,
            Err(ConfigError::Invalid { findings, text }) => {
                eprint!("{}", report::config(&findings, &text, color_err));
                return Err(anyhow!(
                    "{} has errors; fix them and run again",
                    root.join(crate::layout::CONFIG).display()
                ));
            }
            Err(err @ ConfigError::Missing { .. }) => {
                return Err(anyhow!(
                    "{err}: run jobboard in a board's folder, or pass --root DIR"
                ));
            }
            Err(err) => return Err(err.into()),
        };
        Ok(Self {
            root,
            config,
            pinned,
            color_out: color(global.color, std::io::stdout().is_terminal()),
            color_err,
            timer: Timer::new(global.verbose),
        })
    }

    /// The day to build and check for.
    pub fn today(&self) -> NaiveDate {
        today(self.pinned)
    }

    /// The pinned day, if any (`--today`, `SOURCE_DATE_EPOCH`).
    pub fn pinned(&self) -> Option<NaiveDate> {
        self.pinned
    }

    /// `--base-url`, when given, instead of board.yaml's `base_url`.
    pub fn set_base_url(&mut self, url: Option<&str>) -> anyhow::Result<()> {
        if let Some(url) = url {
            self.config.base_url = crate::config::base_url(url).map_err(anyhow::Error::msg)?;
        }
        Ok(())
    }

    /// The board's theme: the built-in one with the board's `templates/`.
    pub fn theme(&self) -> anyhow::Result<Theme> {
        theme(&self.root, &self.config)
    }
}

/// The built-in theme with the overrides in `root/templates/`, read (load
/// stage) and compiled (render stage).
pub fn theme(root: &Path, config: &Config) -> anyhow::Result<Theme> {
    Ok(Theme::compile(crate::load::theme::load(root)?, config)?)
}

/// "Today" when pinned: `--today`, else `SOURCE_DATE_EPOCH`.
pub fn pinned_day(flag: Option<NaiveDate>) -> anyhow::Result<Option<NaiveDate>> {
    if let Some(day) = flag {
        return Ok(Some(day));
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) if !text.trim().is_empty() => {
            let seconds: i64 = text.trim().parse().with_context(|| {
                format!("SOURCE_DATE_EPOCH must be a number of seconds, not `{text}`")
            })?;
            let time = chrono::DateTime::from_timestamp(seconds, 0)
                .ok_or_else(|| anyhow!("SOURCE_DATE_EPOCH `{text}` is out of range"))?;
            Ok(Some(time.date_naive()))
        }
        _ => Ok(None),
    }
}

/// The pinned day, else the clock's, in UTC.
pub fn today(pinned: Option<NaiveDate>) -> NaiveDate {
    pinned.unwrap_or_else(|| chrono::Utc::now().date_naive())
}

/// Whether to colour a stream (`NO_COLOR` is honoured).
fn color(choice: Color, terminal: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Prints how long a stage took, with `--verbose`.
pub struct Timer {
    on: bool,
    start: Instant,
}

impl Timer {
    pub fn new(on: bool) -> Self {
        Self {
            on,
            start: Instant::now(),
        }
    }

    pub fn stage(&mut self, name: &str) {
        if self.on {
            eprintln!(
                "{:>8.1} ms  {name}",
                self.start.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.start = Instant::now();
    }
}
