//! The only place that writes the site.
//!
//! A build is staged in a folder beside the output and swapped in at the end,
//! so a failed or interrupted build leaves the previous site as it was. Files
//! that did not change are compared first and linked, not rewritten; when
//! nothing changed at all, nothing on disk is touched.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Holds a board for one command that writes (a build, a prune) until it
/// is dropped: two such commands on one board would mix their work.
pub struct BoardLock {
    _held: std::fs::File,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "another build or prune of this board is running; wait for it to end, then run this again"
    )]
    Busy,
    #[error("cannot lock the board at {}", .0.display())]
    Io(PathBuf, #[source] io::Error),
}

/// Locks the board at `root` for this process, or says that another holds it.
pub fn lock_board(root: &Path) -> Result<BoardLock, LockError> {
    let file = lock_file(root).map_err(|err| LockError::Io(root.to_path_buf(), err))?;
    match file.try_lock() {
        Ok(()) => Ok(BoardLock { _held: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(LockError::Busy),
        Err(std::fs::TryLockError::Error(err)) => Err(LockError::Io(root.to_path_buf(), err)),
    }
}

/// What is locked: the board's folder itself, where the system allows it
/// (nothing is written into the board); else a file in the temporary folder
/// named after the board's path.
fn lock_file(root: &Path) -> io::Result<fs::File> {
    #[cfg(unix)]
    {
        fs::File::open(root)
    }
    #[cfg(not(unix))]
    {
        let real = fs::canonicalize(root)?;
        let key = crate::source::fingerprint(&[real.to_string_lossy().as_bytes()]);
        fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(std::env::temp_dir().join(format!("jobboard-{key:016x}.lock")))
    }
}

/// The file that marks a folder as a site written by jobboard, which a build
/// may replace. A folder without it is never replaced.
pub const MARKER: &str = ".jobboard";
const MARKER_TEXT: &str =
    "This folder is written by `jobboard build`; every build replaces it whole.\n";

/// What a commit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files whose bytes are new (or newly placed).
    pub changed: usize,
    pub unchanged: usize,
    /// Files of the previous site that the new one does not have.
    pub removed: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{} exists and was not written by jobboard (it has no {MARKER} file); remove it or choose another --out", .0.display())]
    Foreign(PathBuf),
    #[error("{} is the board itself, holds it, or lies in its postings or templates; choose an output folder of its own", .0.display())]
    HoldsBoard(PathBuf),
    // The cause is the error's source: reports print it once, after this.
    #[error("cannot write {}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("two pages want the same path {0}")]
    Clash(String),
    #[error("refusing to write outside the site: {0}")]
    Escape(String),
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A build in progress. `put` may be called from many threads.
pub struct Stage {
    out: PathBuf,
    staging: PathBuf,
    /// Whether `staging` has been created (it is only when something changed).
    created: OnceLock<Result<(), String>>,
    state: Mutex<StageState>,
}

#[derive(Default)]
struct StageState {
    paths: BTreeSet<String>,
    unchanged: Vec<String>,
    changed: usize,
}

impl Stage {
    /// Starts a build of the site in `out` for the board in `root`.
    pub fn begin(root: &Path, out: &Path) -> Result<Self, OutputError> {
        let out = absolute(out)?;
        let root = absolute(root)?;
        let inputs = [
            root.clone(),
            root.join(crate::layout::POSTINGS),
            root.join(crate::layout::TEMPLATES),
        ];
        if root.starts_with(&out) || inputs[1..].iter().any(|dir| out.starts_with(dir)) {
            return Err(OutputError::HoldsBoard(out));
        }
        if out.exists() && !is_ours(&out) {
            return Err(OutputError::Foreign(out));
        }
        let parent = out
            .parent()
            .ok_or_else(|| OutputError::HoldsBoard(out.clone()))?;
        fs::create_dir_all(parent).map_err(io_err(parent))?;
        clean_leftovers(&out);
        let staging = sibling(&out, &format!("tmp-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(io_err(&staging))?;
        }
        Ok(Self {
            out,
            staging,
            created: OnceLock::new(),
            state: Mutex::new(StageState::default()),
        })
    }

    /// Adds a file to the new site. Its bytes are written only if they differ
    /// from the previous site's file of the same path.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let rel = safe_relative(path)?;
        {
            let mut state = self.lock();
            if !state.paths.insert(path.to_string()) {
                return Err(OutputError::Clash(path.to_string()));
            }
        }
        if same_bytes(&self.out.join(&rel), bytes) {
            self.lock().unchanged.push(path.to_string());
            return Ok(());
        }
        self.ensure_staging()?;
        let target = self.staging.join(&rel);
        write_file(&target, bytes)?;
        self.lock().changed += 1;
        Ok(())
    }

    /// Swaps the new site in. When no file changed, none was added and none
    /// is gone, the previous site is left exactly as it was.
    pub fn commit(self) -> Result<Written, OutputError> {
        let state = std::mem::take(&mut *self.lock());
        let previous = list_files(&self.out);
        let removed = previous
            .iter()
            .filter(|p| !state.paths.contains(*p) && *p != MARKER)
            .count();
        let written = Written {
            changed: state.changed,
            unchanged: state.unchanged.len(),
            removed,
        };
        if state.changed == 0 && removed == 0 && self.out.join(MARKER).is_file() {
            return Ok(written);
        }
        if self.created.get().is_none() {
            fs::create_dir_all(&self.staging).map_err(io_err(&self.staging))?;
        }
        for path in &state.unchanged {
            let from = self.out.join(path);
            let to = self.staging.join(path);
            if let Some(dir) = to.parent() {
                fs::create_dir_all(dir).map_err(io_err(dir))?;
            }
            if fs::hard_link(&from, &to).is_err() {
                fs::copy(&from, &to).map_err(io_err(&from))?;
            }
        }
        write_file(&self.staging.join(MARKER), MARKER_TEXT.as_bytes())?;
        swap_in(&self.staging, &self.out)?;
        Ok(written)
    }

    /// Drops the staged build; the previous site stays as it was.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }

    fn ensure_staging(&self) -> Result<(), OutputError> {
        let made = self
            .created
            .get_or_init(|| fs::create_dir_all(&self.staging).map_err(|err| err.to_string()));
        made.clone().map_err(|message| OutputError::Io {
            path: self.staging.clone(),
            source: io::Error::other(message),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, StageState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        // After a commit the staging folder holds the previous site, or is gone.
        let _ = fs::remove_dir_all(&self.staging);
    }
}

impl crate::site::Sink for Stage {
    fn put(&self, output: crate::render::Output) -> anyhow::Result<()> {
        Stage::put(self, &output.path, &output.bytes).map_err(Into::into)
    }
}

/// Replaces `out` with `staged` in one step where the system allows it.
fn swap_in(staged: &Path, out: &Path) -> Result<(), OutputError> {
    if !out.exists() {
        return fs::rename(staged, out).map_err(io_err(out));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staged, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            // `staged` now holds the previous site.
            return fs::remove_dir_all(staged).map_err(io_err(staged));
        }
    }
    let old = sibling(out, &format!("old-{}", std::process::id()));
    fs::rename(out, &old).map_err(io_err(out))?;
    fs::rename(staged, out).map_err(io_err(out))?;
    fs::remove_dir_all(&old).map_err(io_err(&old))
}

/// `.site.jobboard-tmp-123` beside `site`.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.with_file_name(format!(".{name}.jobboard-{what}"))
}

/// Removes what killed builds left beside `out` (their staging folders).
fn clean_leftovers(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return;
    };
    let prefix = format!(".{}.jobboard-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        if file_name.to_string_lossy().starts_with(&prefix)
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn is_ours(dir: &Path) -> bool {
    dir.join(MARKER).is_file() || fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

fn absolute(path: &Path) -> Result<PathBuf, OutputError> {
    std::path::absolute(path).map_err(io_err(path))
}

/// A relative path of plain names: no `..`, no root, no drive.
fn safe_relative(path: &str) -> Result<PathBuf, OutputError> {
    let rel = Path::new(path);
    let plain = !path.is_empty()
        && rel
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if plain {
        Ok(rel.to_path_buf())
    } else {
        Err(OutputError::Escape(path.to_string()))
    }
}

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(io_err(dir))?;
    }
    fs::write(path, bytes).map_err(io_err(path))
}

/// Every regular file under `dir`, relative, with `/` separators.
fn list_files(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| crate::layout::relative(dir, e.path()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        assert!(safe_relative("jobs/a/index.html").is_ok());
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "./a"] {
            assert!(safe_relative(bad).is_err(), "{bad}");
        }
    }
}
