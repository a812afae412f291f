//! One file per subcommand. Each returns a [`Status`], or an error for a
//! usage or configuration problem (exit code 2).

pub mod announce;
pub mod build;
pub mod check;
pub mod comment;
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
