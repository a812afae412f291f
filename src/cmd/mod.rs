//! One file per subcommand. Each returns a [`Status`], or an error for a
//! usage or configuration problem (exit code 2).

pub mod build;
pub mod check;
pub mod new;
pub mod prune;
pub mod serve;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context as _, anyhow};
use chrono::NaiveDate;

use crate::cli::{Color, Global};
use crate::config::{self, Config, ConfigError};
use crate::report;

/// How a command ended when it could do its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Success,
    /// The work found errors (exit code 1).
    Failure,
}

/// What every command starts from: the board's folder, its settings, the day.
pub struct Board {
    pub root: PathBuf,
    pub config: Config,
    pub today: NaiveDate,
}

impl Board {
    pub fn open(global: &Global) -> anyhow::Result<Self> {
        let root = global.root.clone();
        let today = today(global.today)?;
        let config = match config::load(&root) {
            Ok(config) => config,
            Err(ConfigError::Invalid { findings, text }) => {
                let color = color(global.color, Stream::Stderr);
                eprint!("{}", report::config(&findings, &text, color));
                return Err(anyhow!(
                    "{} has errors; fix them and run again",
                    root.join(config::FILE).display()
                ));
            }
            Err(ConfigError::Missing { path }) => {
                return Err(anyhow!(
                    "no {} in {}: run jobboard in a board's folder, or pass --root DIR",
                    config::FILE,
                    path.parent()
                        .map_or_else(|| ".".into(), |p| p.display().to_string())
                ));
            }
            Err(err) => return Err(err.into()),
        };
        Ok(Self {
            root,
            config,
            today,
        })
    }
}

/// "Today": `--today`, else `SOURCE_DATE_EPOCH`, else the clock, in UTC.
pub fn today(flag: Option<NaiveDate>) -> anyhow::Result<NaiveDate> {
    if let Some(day) = flag {
        return Ok(day);
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) if !text.trim().is_empty() => {
            let seconds: i64 = text.trim().parse().with_context(|| {
                format!("SOURCE_DATE_EPOCH must be a number of seconds, not `{text}`")
            })?;
            let time = chrono::DateTime::from_timestamp(seconds, 0)
                .ok_or_else(|| anyhow!("SOURCE_DATE_EPOCH `{text}` is out of range"))?;
            Ok(time.date_naive())
        }
        _ => Ok(chrono::Utc::now().date_naive()),
    }
}

#[derive(Clone, Copy)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Whether to color output going to `stream` (NO_COLOR is honoured).
pub fn color(choice: Color, stream: Stream) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            let terminal = match stream {
                Stream::Stdout => std::io::stdout().is_terminal(),
                Stream::Stderr => std::io::stderr().is_terminal(),
            };
            terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
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
