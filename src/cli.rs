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
    /// Preview the board: build, serve on 127.0.0.1, rebuild and reload on change.
    Serve(ServeArgs),
    /// Write a new posting: asks for each field on a terminal, or takes flags.
    New(Box<NewArgs>),
    /// Delete the files of expired postings.
    Prune(PruneArgs),
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

    /// Fail on notices too (a reviewer's judgements; by default they never fail).
    #[arg(long)]
    pub fail_on_notice: bool,
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

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to serve on (0: any free port) [default: 4000, or the next free one].
    #[arg(long)]
    pub port: Option<u16>,
    /// The address to listen on; anything but loopback shows the preview to your network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the preview in a browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// List what would be deleted, and delete nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Every field of a posting as a flag; `new` asks for the missing ones on a
/// terminal unless `--non-interactive`.
#[derive(Debug, Args, Default)]
pub struct NewArgs {
    /// Ask nothing: take the fields from flags (and --from-issue) only.
    #[arg(long)]
    pub non_interactive: bool,
    /// Take the fields from the body of a "Post a job" issue (a GitHub issue form).
    #[arg(long, value_name = "FILE")]
    pub from_issue: Option<PathBuf>,
    /// The file's name without .md [default: from the company and title].
    #[arg(long)]
    pub slug: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub company: Option<String>,
    #[arg(long, value_name = "URL")]
    pub company_url: Option<String>,
    #[arg(long)]
    pub city: Option<String>,
    #[arg(long)]
    pub region: Option<String>,
    /// ISO 3166-1 code, such as DE.
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// onsite, hybrid or remote.
    #[arg(long)]
    pub remote: Option<String>,
    /// Country codes, or `worldwide`.
    #[arg(long, value_delimiter = ',', value_name = "CC,...")]
    pub remote_from: Vec<String>,
    /// full-time, part-time, contract, internship, temporary.
    #[arg(long = "type", value_delimiter = ',', value_name = "TYPE,...")]
    pub types: Vec<String>,
    #[arg(long)]
    pub category: Option<String>,
    #[arg(long, value_name = "N")]
    pub salary_min: Option<String>,
    #[arg(long, value_name = "N")]
    pub salary_max: Option<String>,
    /// ISO 4217 code, such as EUR.
    #[arg(long)]
    pub currency: Option<String>,
    /// hour, day, week, month or year.
    #[arg(long)]
    pub period: Option<String>,
    #[arg(long, value_delimiter = ',', value_name = "TAG,...")]
    pub tags: Vec<String>,
    /// An https address, or mailto:address.
    #[arg(long, value_name = "URL")]
    pub apply: Option<String>,
    #[arg(long)]
    pub contact_name: Option<String>,
    #[arg(long)]
    pub contact_email: Option<String>,
    /// A recruiting agency posts this job for a client.
    #[arg(long)]
    pub agency: bool,
    /// The last day, YYYY-MM-DD (at most the board's maximum age after today).
    #[arg(long, value_name = "DATE")]
    pub expires: Option<String>,
    /// The description, in Markdown.
    #[arg(long, conflicts_with = "body_file")]
    pub body: Option<String>,
    /// Read the description from a file.
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style, with the offending line shown.
    Human,
    /// One JSON array of findings.
    Json,
    /// GitHub workflow annotations, the human report, and a job summary.
    Github,
    /// One JSON document for reviewers' tools: each posting's verdict,
    /// canned response and findings with their evidence.
    Review,
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
