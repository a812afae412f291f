//! The command line, as clap types. Nothing here does any work.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::posting::fields::{self, FIELDS, Field, Kind};

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

    /// The day to take as today, YYYY-MM-DD: what is live, expired or new (default: SOURCE_DATE_EPOCH, else today in UTC).
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
    /// Print the pull request's comment (Markdown) from `check --format review`'s JSON.
    Comment(CommentArgs),
    /// Render the live postings into a static site.
    Build(BuildArgs),
    /// Preview the board: build, serve on 127.0.0.1, rebuild and reload on change.
    Serve(ServeArgs),
    /// Write a new posting: asks for each field on a terminal, or takes flags.
    New(Box<NewArgs>),
    /// Delete the files of expired and filled postings.
    Prune(PruneArgs),
    /// Mark a posting filled: it leaves the site at the next build.
    Fill(FillArgs),
    /// List the live postings whose last day is near, with a reminder to their posters.
    Expiring(ExpiringArgs),
    /// Print the messages that announce the postings new since the previous deployment.
    Announce(AnnounceArgs),
    /// Write the built-in theme into the board's templates/ to edit it.
    Theme(ThemeArgs),
    /// Write the board's GitHub issue form and pull request template from board.yaml.
    Forms(FormsArgs),
    /// Ask each live posting's apply link whether it is still there; report the dead ones.
    Links(LinksArgs),
}

#[derive(Debug, Args)]
pub struct LinksArgs {
    /// Remember the results in this JSON file: a link found alive in the last 7 days is not asked again.
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,

    /// How to print the dead links: for people, as JSON, or as the body of a GitHub issue (Markdown).
    #[arg(long, value_enum, default_value_t = LinksFormat::Human)]
    pub format: LinksFormat,

    /// Also write the JSON document to FILE (with --format issue, for the workflow's own use).
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,

    /// Requests at once, over all hosts (one at a time per host).
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub max_concurrency: u16,

    /// Seconds to wait for each answer; a link that takes longer counts as alive.
    #[arg(long, value_name = "SECS", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: u64,

    /// Tries after the first, for server errors and network failures (1 s, then 2 s… apart).
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u32).range(0..=5))]
    pub retries: u32,

    /// Exit 1 when a link is dead or refused (by default the sweep only reports).
    #[arg(long)]
    pub fail_on_dead: bool,

    /// For tests only: ask private and loopback addresses too (a test server on 127.0.0.1).
    #[arg(long, hide = true)]
    pub allow_private: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LinksFormat {
    /// A line for each dead, refused or unconfirmed link, and a summary.
    Human,
    /// One JSON document: {version, today, checked, cached, dead, refused}.
    Json,
    /// The Markdown body of the weekly GitHub issue.
    Issue,
}

#[derive(Debug, Args)]
pub struct FormsArgs {
    /// Write nothing; fail (exit 1) when a form is not what board.yaml makes.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct ThemeArgs {
    /// Only these files, such as `job.html` or `static/style.css` [default: all].
    #[arg(value_name = "FILE")]
    pub files: Vec<String>,
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
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,

    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,

    /// Fail on notices too (a reviewer's judgements; by default they never fail).
    #[arg(long)]
    pub fail_on_notice: bool,
}

#[derive(Debug, Args)]
pub struct CommentArgs {
    /// The JSON that `check --format review` wrote (`-`: standard input).
    #[arg(long, value_name = "FILE")]
    pub review: PathBuf,

    /// The paths the pull request changes, one a line (from GitHub's API): any that is not a
    /// posting is named in the comment for a maintainer.
    #[arg(long, value_name = "FILE")]
    pub changed: Option<PathBuf>,

    /// The check's run, linked for its log and the site preview (an https:// address).
    #[arg(long, value_name = "URL")]
    pub run_url: Option<String>,
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
pub struct AnnounceArgs {
    /// The previous deployment's jobs.json; missing or unreadable: nothing is announced.
    #[arg(long, value_name = "OLD_JOBS_JSON")]
    pub before: PathBuf,

    /// The built site whose jobs.json is live now [default: the board's live postings, read as build reads them].
    #[arg(long, value_name = "SITE_DIR")]
    pub site: Option<PathBuf>,

    /// The site's public address, as given to build (without --site).
    #[arg(long, value_name = "URL", conflicts_with = "site")]
    pub base_url: Option<String>,

    /// How to print the messages: for people, or one JSON object a line.
    #[arg(long, value_enum, default_value_t = AnnounceFormat::Human)]
    pub format: AnnounceFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnnounceFormat {
    /// Each message as it will read.
    Human,
    /// One object a posting: {slug, url, mastodon: {status}, webhook: {text, content, allowed_mentions}}.
    Json,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// List what would be deleted, and delete nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct FillArgs {
    /// The posting: its name (acme-python-developer), its file (postings/acme-python-developer.md) or its page's address (https://jobs.example.org/jobs/acme-python-developer/).
    #[arg(
        value_name = "WHICH",
        required_unless_present = "issue",
        conflicts_with = "issue"
    )]
    pub which: Option<String>,

    /// The day the job was filled, YYYY-MM-DD, today at the latest [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub on: Option<NaiveDate>,

    /// Take the posting from the body of a "This job is filled" issue: the answer under `### Posting` (`-`: standard input).
    #[arg(long, value_name = "FILE")]
    pub issue: Option<PathBuf>,

    /// How to say what was done.
    #[arg(long, value_enum, default_value_t = DataFormat::Human)]
    pub format: DataFormat,
}

#[derive(Debug, Args)]
pub struct ExpiringArgs {
    /// List the postings whose last day is at most DAYS days after today (0: today) [default: board.yaml's remind_days, 7 unless set].
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=3650))]
    pub within: Option<u32>,

    /// How to list them.
    #[arg(long, value_enum, default_value_t = DataFormat::Human)]
    pub format: DataFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    /// Lines for people.
    Human,
    /// One JSON object, for scripts and workflows (its keys are in the README).
    Json,
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
    #[command(flatten)]
    pub fields: FieldFlags,
    /// The description, in Markdown.
    #[arg(long, conflicts_with = "body_file")]
    pub body: Option<String>,
    /// Read the description from a file.
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
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

/// A flag for each field of the posting schema (`--title`, `--salary-min`),
/// made from its declaration: the answers given, by field key.
#[derive(Debug, Default, Clone)]
pub struct FieldFlags(pub Vec<(&'static str, Vec<String>)>);

impl FieldFlags {
    /// The flags of `fields`, for `jobboard new`.
    pub fn args(fields: &'static [Field]) -> impl Iterator<Item = clap::Arg> {
        fields.iter().filter(|f| f.submitted()).map(flag)
    }

    /// The answers `matches` holds for `fields`.
    pub fn read(fields: &'static [Field], matches: &clap::ArgMatches) -> Self {
        let mut answers = Vec::new();
        for field in fields.iter().filter(|f| f.submitted()) {
            if field.kind == Kind::Flag {
                if matches.get_flag(field.flag) {
                    answers.push((field.key, vec!["true".to_string()]));
                }
            } else if let Some(values) = matches.get_many::<String>(field.flag) {
                answers.push((field.key, values.cloned().collect()));
            }
        }
        Self(answers)
    }
}

fn flag(field: &'static Field) -> clap::Arg {
    use clap::ArgAction;
    let help = field.question.replace(
        "{choices}",
        &fields::choices(field.kind, &["see board.yaml"]),
    );
    let arg = clap::Arg::new(field.flag)
        .long(field.flag)
        .help(help)
        .help_heading("Fields of the posting");
    let name = field.name().trim_end_matches('s').to_ascii_uppercase();
    match field.kind {
        Kind::Flag => arg.action(ArgAction::SetTrue),
        Kind::Regions => arg
            .action(ArgAction::Append)
            .value_delimiter(',')
            .value_name("CC,..."),
        kind if kind.is_list() => arg
            .action(ArgAction::Append)
            .value_delimiter(',')
            .value_name(format!("{name},...")),
        Kind::Url | Kind::Apply => arg.value_name("URL"),
        Kind::Country => arg.value_name("CC"),
        Kind::Number => arg.value_name("N"),
        Kind::Currency => arg.value_name("CODE"),
        Kind::Date => arg.value_name("DATE"),
        _ => arg.value_name(name),
    }
}

impl clap::FromArgMatches for FieldFlags {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        Ok(Self::read(FIELDS, matches))
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::read(FIELDS, matches);
        Ok(())
    }
}

impl clap::Args for FieldFlags {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.args(Self::args(FIELDS))
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}
