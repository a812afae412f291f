//! One file per subcommand. Each returns a [`Status`], or an error for a
//! usage or configuration problem (exit code 2).

pub mod announce;
pub mod build;
pub mod check;
pub mod comment;
pub mod expiring;
pub mod fill;
pub mod forms;
pub mod links;
pub mod new;
pub mod prune;
pub mod serve;
pub mod theme;

pub use crate::session::Session;

/// How a command ended when it could do its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Success,
    /// The work found errors (exit code 1).
    Failure,
}

/// Prints the errors of a check (what stops `build`), with their lines;
/// how many there are.
pub fn print_errors(checked: &crate::pipeline::Checked, color: bool) -> usize {
    let errors = checked.errors();
    eprint!(
        "{}",
        crate::report::human(&errors, &checked.texts_for(&errors), color)
    );
    errors.len()
}

/// How to name an input in messages: its path, or "standard input" for `-`.
pub fn input_name(path: &std::path::Path) -> String {
    if path == std::path::Path::new("-") {
        "standard input".to_string()
    } else {
        crate::report::inert(&path.display().to_string())
    }
}

/// A file's bytes, or standard input's for `-`: at most one byte more than
/// `limit`, so that a caller can tell a larger one without reading it all.
pub fn read_input(path: &std::path::Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    if path == std::path::Path::new("-") {
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)?;
    } else {
        std::fs::File::open(path)?
            .take(limit + 1)
            .read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}
