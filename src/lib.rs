//! jobboard: a job board run from a git repository.
//!
//! A posting flows one way: `load` (files to texts) → `posting` (text to a
//! typed posting) → `rules` (findings) → `render` (pages, listings, feeds as
//! bytes) → `output` (the site on disk). `cmd` holds one file per subcommand.

#![forbid(unsafe_code)]

pub mod cli;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod frontmatter;
pub mod fuzz;
pub mod layout;
pub mod links;
pub mod load;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod posting;
pub mod render;
pub mod report;
pub mod review;
pub mod rules;
pub mod schema;
pub mod serve;
pub mod session;
pub mod site;
pub mod source;
pub mod text;
pub mod theme;
pub mod unicode;
pub mod yaml;
