//! The command line, as clap types. Nothing here does any work.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "jobboard",
    version,
    about = "Check job postings, prune the expired ones, and render the board as a static site.",
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The board's folder (where board.yaml is).
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,

    /// The day to build and check for, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today in UTC).
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_day)]
    pub today: Option<NaiveDate>,

    /// When to color the output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    pub color: Color,

    /// Print the time each stage takes.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check postings against the board's rules.
    Check(CheckArgs),
    /// Render the live postings into a static site.
    Build(BuildArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Only these postings (the whole board is still read, for duplicates).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Also check what a pull request changed since REF (its base branch).
    #[arg(long, value_name = "REF")]
    pub since: Option<String>,

    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where to write the site [default: site/ in the board's folder].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// The site's public address, instead of board.yaml's base_url.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style, with the offending line shown.
    Human,
    /// One JSON array of findings.
    Json,
    /// GitHub workflow annotations, the human report, and a job summary.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date written YYYY-MM-DD"))
}
