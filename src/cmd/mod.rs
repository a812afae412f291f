//! One file per subcommand. Each returns a [`Status`], or an error for a
//! usage or configuration problem (exit code 2).

pub mod build;
pub mod check;
pub mod comment;
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
