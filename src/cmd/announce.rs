//! `jobboard announce --before OLD_JOBS_JSON`: the messages that announce
//! each posting live now that the previous deployment's `jobs.json` did not
//! list. Without that file (a first deploy, a failed download) nothing is
//! new; when more than [`MAX`] would be, none is announced: channels are
//! never flooded by a board's first deploy or a wrong old file.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Context as _;

use super::{Session, Status};
use crate::cli::{AnnounceArgs, AnnounceFormat, Global};
use crate::diagnostic::plural;
use crate::pipeline;
use crate::render::Summary;
use crate::render::announce::{self, Announcement, Opening};
use crate::report;

/// The most postings one run announces.
pub const MAX: usize = 20;

/// The most a `jobs.json` may weigh (a board of 100,000 jobs is ~70 MB).
const MAX_BYTES: u64 = 256 * 1024 * 1024;

pub fn run(args: &AnnounceArgs, global: &Global) -> anyhow::Result<Status> {
    let live = match &args.site {
        Some(site) => from_site(site)?,
        None => match from_board(args, global)? {
            Some(live) => live,
            None => return Ok(Status::Failure),
        },
    };
    let before = match previous(&args.before) {
        Ok(slugs) => slugs,
        Err(Unknown::Missing(why)) => {
            eprintln!("announce: {why}: announcing nothing");
            return Ok(Status::Success);
        }
        Err(Unknown::Unreadable(why)) => {
            eprintln!("warning: {why}: announcing nothing");
            return Ok(Status::Success);
        }
    };
    let known: HashSet<&str> = before.iter().map(String::as_str).collect();
    // Oldest first: a channel shows the newest on top.
    let new: Vec<&Opening> = live
        .iter()
        .rev()
        .filter(|o| !known.contains(o.slug.as_str()))
        .collect();
    if new.len() > MAX {
        eprintln!(
            "warning: {} are live now that {} did not list, more than the {MAX} one run announces: \
             announcing none. A first deploy, or an old jobs.json that is stale or from another \
             board, does this; announce real ones by hand.",
            plural(new.len(), "posting"),
            report::inert(&args.before.display().to_string()),
        );
        return Ok(Status::Success);
    }
    eprintln!(
        "announce: {} new since the previous deployment ({} live, {} listed before)",
        plural(new.len(), "posting"),
        live.len(),
        before.len()
    );
    let announcements: Vec<Announcement> = new.into_iter().map(announce::announce).collect();
    for a in &announcements {
        match args.format {
            AnnounceFormat::Json => {
                println!(
                    "{}",
                    serde_json::to_string(a).unwrap_or_else(|_| "{}".into())
                );
            }
            AnnounceFormat::Human => print!("{}", human(a)),
        }
    }
    Ok(Status::Success)
}

/// Why the previous deployment's postings are not known.
enum Unknown {
    /// There was none (a first deploy) or it could not be fetched.
    Missing(String),
    Unreadable(String),
}

/// The slugs the previous deployment listed.
fn previous(path: &Path) -> Result<Vec<String>, Unknown> {
    let shown = report::inert(&path.display().to_string());
    let bytes = match crate::load::read_capped(path, MAX_BYTES) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(Unknown::Missing(format!(
                "no previous jobs.json at {shown} (a first deploy?)"
            )));
        }
        Err(err) => {
            return Err(Unknown::Unreadable(format!(
                "cannot read the previous jobs.json {shown}: {err}"
            )));
        }
    };
    announce::read_slugs(&bytes).map_err(|err| {
        Unknown::Unreadable(format!(
            "{shown} is not a jobs.json ({})",
            report::inert(&err)
        ))
    })
}

/// What `DIR/jobs.json` lists: the site as built.
fn from_site(site: &Path) -> anyhow::Result<Vec<Opening>> {
    let path = site.join("jobs.json");
    let bytes = crate::load::read_capped(&path, MAX_BYTES).with_context(|| {
        format!(
            "cannot read {}; build the site first (`jobboard build --out {}`)",
            path.display(),
            site.display()
        )
    })?;
    announce::read_jobs(&bytes).map_err(|err| {
        anyhow::anyhow!(
            "{} is not a jobs.json written by `jobboard build`: {}",
            path.display(),
            report::inert(&err)
        )
    })
}

/// The postings live today, read as `build` reads them; `None` when one
/// has an error (then `build` publishes nothing new either).
fn from_board(args: &AnnounceArgs, global: &Global) -> anyhow::Result<Option<Vec<Opening>>> {
    let mut session = Session::open(global)?;
    session.set_base_url(args.base_url.as_deref())?;
    let today = session.today();
    let checked = pipeline::check(&session.root, &session.config, today, None);
    if checked.has_errors() {
        let errors = super::print_errors(&checked, session.color_err);
        eprintln!(
            "error: {} in the postings: `build` publishes nothing while there are, so nothing is announced",
            plural(errors, "error")
        );
        return Ok(None);
    }
    let live = pipeline::live(&checked.postings, today, session.config.max_age_days);
    Ok(Some(
        live.into_iter()
            .map(|p| Opening::of(&Summary::new(p, &session.config)))
            .collect(),
    ))
}

/// For people: each message as it will read.
fn human(a: &Announcement) -> String {
    let indent = |text: &str| {
        text.lines()
            .map(|l| {
                if l.is_empty() {
                    "\n".to_string()
                } else {
                    format!("    {l}\n")
                }
            })
            .collect::<String>()
    };
    format!(
        "{} {}\n  Mastodon ({} of {} characters):\n{}  webhook:\n{}\n",
        a.slug,
        a.url,
        announce::mastodon_length(&a.mastodon.status, &a.url),
        announce::MASTODON_LIMIT,
        indent(&a.mastodon.status),
        indent(&a.webhook.text),
    )
}
