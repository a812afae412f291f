//! `jobboard serve`: a live preview. The site is built into memory, served on
//! loopback, and rebuilt in place when `board.yaml`, `postings/` or
//! `templates/` change; open pages reload, and a broken posting shows its
//! findings over the last good site.

mod http;
mod rebuild;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use anyhow::{Context as _, anyhow};
use chrono::NaiveDate;
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

pub use http::site_path;
pub use rebuild::{Builder, Files, Outcome, Served};

use crate::load;

/// The first port tried when none is asked for.
pub const DEFAULT_PORT: u16 = 4000;

/// How long to wait for more changes before rebuilding: long enough to see an
/// editor's save (write to a temporary file, rename) as one change.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// Events waiting for one slow page before it misses some.
const EVENTS_QUEUED: usize = 16;

/// What a rebuild names as its cause when the watcher lost track of events.
const RESCAN: &str = "(rescan)";

pub struct Options {
    pub root: PathBuf,
    pub today: Option<NaiveDate>,
    pub bind: IpAddr,
    /// `None`: the default port, or the next free one.
    pub port: Option<u16>,
    pub open: bool,
    /// Print the time of each stage of every rebuild.
    pub verbose: bool,
}

/// What the server threads share with the builder.
pub struct Shared {
    files: Served,
    /// The report of the last failed rebuild, while the board is broken.
    problems: RwLock<Option<String>>,
    listeners: Mutex<Vec<tokio::sync::mpsc::Sender<String>>>,
}

impl Shared {
    /// The files being served, read-locked: hold it only while answering.
    fn files(&self) -> std::sync::RwLockReadGuard<'_, Files> {
        self.files.read().unwrap_or_else(|p| p.into_inner())
    }

    /// A stream of events for one open page; it hears the current problems at once.
    fn subscribe(&self) -> tokio::sync::mpsc::Receiver<String> {
        let (tx, rx) = tokio::sync::mpsc::channel(EVENTS_QUEUED);
        if let Some(report) = self
            .problems
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
        {
            let _ = tx.try_send(problems_event(report));
        }
        self.listeners
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(tx);
        rx
    }

    /// Tells every open page; a page that is gone is forgotten, and one that
    /// reads too slowly misses an event rather than hold up the others.
    fn broadcast(&self, event: &str) {
        use tokio::sync::mpsc::error::TrySendError;
        self.listeners
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|tx| !matches!(tx.try_send(event.to_string()), Err(TrySendError::Closed(_))));
    }
}

fn problems_event(report: &str) -> String {
    let json = serde_json::to_string(report).unwrap_or_else(|_| "\"\"".into());
    format!("event: problems\ndata: {json}\n\n")
}

/// Builds, serves and watches until the process is stopped (Ctrl-C). The site
/// lives in memory only, so stopping leaves nothing behind.
pub fn run(options: Options) -> anyhow::Result<()> {
    let mut builder = Builder::new(options.root.clone(), options.today).verbose(options.verbose);
    let shared = Arc::new(Shared {
        files: builder.served(),
        problems: RwLock::new(None),
        listeners: Mutex::new(Vec::new()),
    });
    // Watch first: a change made while the first build runs, or right after
    // the address is printed, is then seen.
    let (tx, rx) = channel::<DebounceEventResult>();
    let mut debouncer =
        new_debouncer(DEBOUNCE, None, tx).context("cannot watch the board for changes")?;
    // Events name real paths (macOS reports /private/var for /var): compare
    // them with the board's real path.
    let root = std::fs::canonicalize(&options.root)
        .with_context(|| format!("cannot open {}", options.root.display()))?;
    watch(&mut debouncer, &root)?;
    stop_on_interrupt()?;
    // The port first: a taken one is said at once, not after a build.
    let listener = bind(options.bind, options.port)?;
    let address = listener.local_addr()?;
    apply(&shared, builder.rebuild(), None);
    http::spawn(
        listener,
        Arc::clone(&shared),
        http::Hosts::for_bind(options.bind),
    )
    .context("cannot serve")?;
    let url = format!("http://{}/", SocketAddr::new(address.ip(), address.port()));
    println!("serving {url} (Ctrl-C to stop)");
    if options.open {
        open_browser(&url);
    }
    for result in rx {
        let changed = match result {
            // Reading a file is an event too (inotify's open and close); only
            // what changes a file may start a rebuild, or reads would loop.
            Ok(events) => relevant(
                &root,
                events
                    .iter()
                    .filter(|e| !e.kind.is_access() && !e.kind.is_other())
                    .flat_map(|e| e.paths.iter()),
            ),
            Err(errors) => {
                for err in errors {
                    eprintln!("watch: {err}");
                }
                vec![RESCAN.to_string()]
            }
        };
        if changed.is_empty() {
            continue;
        }
        // A folder made (or made again) after start is watched from now on.
        if changed
            .iter()
            .any(|p| p == crate::layout::POSTINGS || p == crate::layout::TEMPLATES || p == RESCAN)
        {
            let _ = watch(&mut debouncer, &root);
        }
        apply(&shared, builder.rebuild_after(&changed), Some(&changed));
    }
    Ok(())
}

/// Publishes a build (the first, without `changed`) or a rebuild: the new
/// site and a reload, or the problems.
fn apply(shared: &Shared, outcome: Outcome, changed: Option<&[String]>) {
    let what = match changed {
        Some(changed) if !changed.is_empty() => format!(
            "{}: ",
            changed
                .iter()
                .map(|c| crate::text::inert(c))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => String::new(),
    };
    let verb = if changed.is_some() {
        "rebuilt"
    } else {
        "built"
    };
    match outcome {
        Outcome::Built {
            files,
            rendered,
            removed,
            millis,
        } => {
            let count = files;
            let was_broken = shared
                .problems
                .write()
                .unwrap_or_else(|p| p.into_inner())
                .take()
                .is_some();
            println!(
                "{what}{verb} in {millis:.1} ms: {rendered} of {count} files rendered, {removed} removed"
            );
            if rendered > 0 || removed > 0 || was_broken {
                shared.broadcast("event: reload\ndata: {}\n\n");
            }
        }
        Outcome::Failed { report, errors } => {
            eprint!("{report}");
            let serving = if shared.files().is_empty() {
                "nothing to serve until they are fixed"
            } else {
                "still serving the last good site"
            };
            eprintln!(
                "{what}{} — {serving}",
                crate::diagnostic::plural(errors, "error")
            );
            shared.broadcast(&problems_event(&report));
            *shared.problems.write().unwrap_or_else(|p| p.into_inner()) = Some(report);
        }
    }
}

/// Ctrl-C (SIGINT) stops the preview, even when it was started with SIGINT
/// ignored (as a background job of a script is): its own handler replaces
/// whatever it inherited. Nothing is written to the board, so there is
/// nothing to finish.
fn stop_on_interrupt() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    // Registered now, before the first build, so that no Ctrl-C is missed.
    #[cfg(unix)]
    let mut interrupt = {
        let _entered = runtime.enter();
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?
    };
    std::thread::Builder::new()
        .name("ctrl-c".into())
        .spawn(move || {
            #[cfg(unix)]
            let heard = runtime.block_on(interrupt.recv()).is_some();
            #[cfg(not(unix))]
            let heard = runtime.block_on(tokio::signal::ctrl_c()).is_ok();
            if heard {
                eprintln!("stopped");
                std::process::exit(0);
            }
        })?;
    Ok(())
}

/// The changed paths that matter, relative to the root.
fn relevant<'a>(root: &Path, paths: impl Iterator<Item = &'a PathBuf>) -> Vec<String> {
    let within = |p: &str, dir: &str| {
        p.strip_prefix(dir)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    let mut out: Vec<String> = paths
        .filter_map(|p| p.strip_prefix(root).ok())
        .map(|p| load::relative(Path::new(""), p))
        .filter(|p| {
            p == crate::layout::CONFIG
                || within(p, crate::layout::POSTINGS)
                || within(p, crate::layout::TEMPLATES)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn watch(
    debouncer: &mut notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    root: &Path,
) -> anyhow::Result<()> {
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .context("cannot watch the board's folder")?;
    for dir in [crate::layout::POSTINGS, crate::layout::TEMPLATES] {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }
    Ok(())
}

/// Binds `port`, or with none asked for, the default port or the next free one.
fn bind(ip: IpAddr, port: Option<u16>) -> anyhow::Result<TcpListener> {
    match port {
        Some(port) => TcpListener::bind((ip, port)).map_err(|err| {
            anyhow!("cannot serve on {ip}:{port}: {err}; choose another with --port, or --port 0 for any free port")
        }),
        None => {
            for port in DEFAULT_PORT..DEFAULT_PORT + 20 {
                if let Ok(listener) = TcpListener::bind((ip, port)) {
                    if port != DEFAULT_PORT {
                        println!("port {DEFAULT_PORT} is taken; using {port}");
                    }
                    return Ok(listener);
                }
            }
            Err(anyhow!("ports {DEFAULT_PORT} to {} are taken; choose one with --port", DEFAULT_PORT + 19))
        }
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(err) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("cannot open a browser ({opener}: {err}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_boards_inputs_start_a_rebuild() {
        let root = Path::new("/b");
        let paths: Vec<PathBuf> = [
            "/b/postings/2026/a.md",
            "/b/postings-old/a.md",
            "/b/board.yaml",
            "/b/site/index.html",
            "/b/templates",
            "/b/postings/2026/a.md",
            "/elsewhere/postings/b.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(
            relevant(root, paths.iter()),
            ["board.yaml", "postings/2026/a.md", "templates"]
        );
    }
}
