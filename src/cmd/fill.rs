//! `jobboard fill WHICH [--on DATE]`: marks a posting filled, by setting
//! `filled:` in its front matter and changing no other byte of its file, so
//! that the pull request that takes a job down is a one-line diff.
//!
//! WHICH may come from a "This job is filled" issue (`--issue FILE`), that
//! is, from anyone: it only ever names a posting that `load::discover`
//! found (a regular file under `postings/`, no link followed), by its name
//! or its file; it is never made into a path to open.

use std::io::Write as _;
use std::path::{Component, Path};

use anyhow::{Context as _, anyhow, bail};
use chrono::NaiveDate;

use super::{Session, Status};
use crate::cli::{DataFormat, FillArgs, Global};
use crate::load::{self, Entry};
use crate::posting::{self, Posting, edit, issue_form};
use crate::report;
use crate::schema::Report;

/// The most an issue's body may weigh: GitHub keeps at most 65,536
/// characters, each at most 4 bytes.
pub const ISSUE_MAX_BYTES: u64 = 256 * 1024;

/// The longest answer under `### Posting` worth reading: an address of a
/// job's page is far shorter.
const MAX_ANSWER: usize = 2048;

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn run(args: &FillArgs, global: &Global) -> anyhow::Result<Status> {
    let board = Session::open(global)?;
    let today = board.today();
    let day = args.on.unwrap_or(today);
    if day > today {
        bail!(
            "--on {day} is after today ({today}); a job is marked filled on the day it was, or later"
        );
    }
    // A path on the command line is the shell's (from the current folder);
    // one in an issue is the repository's (from the board's root).
    let (text, base) = match (&args.which, &args.issue) {
        (Some(which), _) => (which.clone(), Path::new("")),
        (None, Some(issue)) => (answer_of(issue)?, board.root.as_path()),
        (None, None) => bail!("name the posting, or give --issue FILE"),
    };
    let which =
        Which::parse(&text).map_err(|why| anyhow!("{} {}", shown(&text), report::inert(&why)))?;
    let which = match which {
        Which::File(path) => Which::File(
            in_postings(&path, base, &board.root)
                .map_err(|why| anyhow!("{} {}", shown(&path), report::inert(&why)))?,
        ),
        Which::Page { slug, host } => {
            if host != board.config.base_url.host_str().map(str::to_string) {
                eprintln!(
                    "note: {} is not an address of this board ({}); the posting is found by its name, {slug}",
                    shown(&text),
                    board.config.base_url
                );
            }
            Which::Slug(slug)
        }
        which => which,
    };
    let _lock = crate::output::lock_board(&board.root)?;
    let (entries, problems) = load::discover(&board.root);
    let Some(entry) = which.find(&entries) else {
        match problems.iter().find(|f| which.names(&f.file)) {
            Some(problem) => eprintln!(
                "error: {} {}",
                report::inert(&problem.file),
                report::inert(&problem.message)
            ),
            None => eprintln!("error: {}", which.missing()),
        }
        return Ok(Status::Failure);
    };
    let file = report::inert(&entry.file);
    let (source, bytes) = match load::read_with_bytes(entry) {
        Ok(read) => read,
        Err(finding) => {
            eprintln!("error: {file} {}", report::inert(&finding.message));
            return Ok(Status::Failure);
        }
    };
    let Some(posting) = parse(&source, &board) else {
        eprintln!(
            "error: {file} cannot be read as a posting; run `jobboard check {file}` to see why"
        );
        return Ok(Status::Failure);
    };
    if let Some(filled) = posting.filled.filter(|d| *d <= today) {
        eprintln!("error: {file} is filled already (filled: {filled}); nothing changed");
        return Ok(Status::Failure);
    }
    if day < posting.posted {
        bail!(
            "--on {day} is before {file} was posted ({}); give the day the job was filled",
            posting.posted
        );
    }
    let text = edit::set_field(&source.text, "filled", &day.to_string())
        .map_err(|err| anyhow!("{file}: {err}; run `jobboard check {file}`"))?;
    // What the change makes must read back as this posting, filled.
    let edited = crate::source::Source {
        text,
        ..source.clone()
    };
    if parse(&edited, &board).and_then(|p| p.filled) != Some(day) {
        eprintln!(
            "error: {file}: `filled` could not be set without changing more of the file; add the line `filled: {day}` before its closing `---` by hand"
        );
        return Ok(Status::Failure);
    }
    let mut new = if bytes.starts_with(BOM) {
        BOM.to_vec()
    } else {
        Vec::new()
    };
    new.extend_from_slice(edited.text.as_bytes());
    replace_if_unchanged(entry, &bytes, &new).with_context(|| format!("cannot write {file}"))?;
    match args.format {
        DataFormat::Json => println!("{}", json(&posting, day)),
        DataFormat::Human => println!(
            "filled {file} on {day}: {} at {} leaves the board at the next build",
            report::inert(&posting.title),
            report::inert(&posting.company)
        ),
    }
    Ok(Status::Success)
}

/// `{"file", "slug", "title", "company", "filled"}`: for a workflow's pull
/// request title and body (posting text reaches it only through serde).
fn json(p: &Posting, day: NaiveDate) -> String {
    #[derive(serde::Serialize)]
    struct Filled<'a> {
        file: &'a str,
        slug: &'a str,
        title: &'a str,
        company: &'a str,
        filled: String,
    }
    let filled = Filled {
        file: &p.file,
        slug: &p.slug,
        title: &p.title,
        company: &p.company,
        filled: day.to_string(),
    };
    serde_json::to_string(&filled).unwrap_or_else(|_| "{}".into())
}

fn parse(source: &crate::source::Source, board: &Session) -> Option<Posting> {
    let mut findings = Vec::new();
    posting::parse(
        source,
        &board.config,
        &mut Report::new(&source.file, &mut findings),
    )
}

/// What the command line or the issue names.
#[derive(Debug, PartialEq, Eq)]
enum Which {
    Slug(String),
    /// A path as given; then (see [`in_postings`]) relative to the root.
    File(String),
    /// A job page's address: the posting's name, and the host it is on.
    Page {
        slug: String,
        host: Option<String>,
    },
}

impl Which {
    /// A posting's name, its file, or its page's address
    /// (`https://host/any/path/jobs/<slug>/`, `index.html` or not). The
    /// reasons follow the text in messages.
    fn parse(text: &str) -> Result<Which, String> {
        if text.len() > MAX_ANSWER {
            return Err("is too long to be a posting's name or address".into());
        }
        if text.contains("://") {
            return page(text);
        }
        if text.ends_with(".md") || text.contains(['/', '\\']) {
            return Ok(Which::File(text.to_string()));
        }
        slug(text).map(Which::Slug)
    }

    fn find<'e>(&self, entries: &'e [Entry]) -> Option<&'e Entry> {
        entries.iter().find(|e| self.names(&e.file))
    }

    /// Whether `file` (relative to the root) is the posting named.
    fn names(&self, file: &str) -> bool {
        match self {
            Which::Slug(slug) | Which::Page { slug, .. } => {
                let name = file.rsplit('/').next().unwrap_or(file);
                name.strip_suffix(".md") == Some(slug.as_str())
            }
            Which::File(path) => file == path,
        }
    }

    fn missing(&self) -> String {
        match self {
            Which::Slug(slug) | Which::Page { slug, .. } => format!(
                "no posting is named {slug}: there is no {slug}.md in {}/",
                crate::layout::POSTINGS
            ),
            Which::File(path) => format!("there is no posting {}", report::inert(path)),
        }
    }
}

/// The posting's name in a job page's address.
fn page(text: &str) -> Result<Which, String> {
    let url = url::Url::parse(text).map_err(|_| "is not a web address".to_string())?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err("is not an https address of a job's page".into());
    }
    let mut parts: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    if parts.last() == Some(&"index.html") {
        parts.pop();
    }
    match parts.as_slice() {
        [.., "jobs", name] => Ok(Which::Page {
            slug: slug(name)?,
            host: url.host_str().map(str::to_string),
        }),
        _ => Err("is not the address of a job's page, which ends in /jobs/<name>/".into()),
    }
}

fn slug(text: &str) -> Result<String, String> {
    load::check_slug(text)
        .map(|()| text.to_string())
        .map_err(|why| format!("is not a posting's name: it {why}"))
}

/// `path` (from `base`) as a file of the board, relative to its root:
/// inside `postings/`, without `..`.
fn in_postings(path: &str, base: &Path, root: &Path) -> Result<String, String> {
    let path = Path::new(path);
    if path.components().any(|c| c == Component::ParentDir) {
        return Err("has `..` in it; name a file in postings/ itself".into());
    }
    let outside = || format!("is not in the board's {}/ folder", crate::layout::POSTINGS);
    let root = std::path::absolute(root).map_err(|e| e.to_string())?;
    let full = std::path::absolute(base.join(path)).map_err(|e| e.to_string())?;
    let inside = full.strip_prefix(&root).map_err(|_| outside())?;
    let parts: Vec<String> = inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.len() < 2 || parts[0] != crate::layout::POSTINGS {
        return Err(outside());
    }
    Ok(parts.join("/"))
}

/// The answer under `### Posting` of a "This job is filled" issue: one
/// word (an address or a name), read from at most [`ISSUE_MAX_BYTES`].
fn answer_of(issue: &Path) -> anyhow::Result<String> {
    let name = super::input_name(issue);
    let bytes =
        super::read_input(issue, ISSUE_MAX_BYTES).with_context(|| format!("cannot read {name}"))?;
    if bytes.len() as u64 > ISSUE_MAX_BYTES {
        bail!(
            "{name} is over {} KiB; an issue's body is never that long",
            ISSUE_MAX_BYTES / 1024
        );
    }
    let body = String::from_utf8(bytes).map_err(|_| {
        anyhow!("{name} is not UTF-8 text; give the issue's body as GitHub sends it")
    })?;
    let answer = issue_form::filled_posting(&body).ok_or_else(|| {
        anyhow!(
            "{name} has no answer under `### {}`: it should be the address of the job's page, such as https://jobs.example.org/jobs/acme-python-developer/",
            issue_form::FILLED_POSTING
        )
    })?;
    let answer = answer.trim_start_matches('<').trim_end_matches('>');
    if answer.split_whitespace().count() != 1 {
        bail!(
            "the answer under `### {}` in {name} is more than one word; give only the address of the job's page or the posting's name",
            issue_form::FILLED_POSTING
        );
    }
    Ok(answer.to_string())
}

/// Text from the command line or an issue, for a message: shown as it is
/// (see `report::inert`), and cut short.
fn shown(text: &str) -> String {
    let cut: String = text.chars().take(120).collect();
    let more = if cut.len() < text.len() { "…" } else { "" };
    format!("`{}{more}`", report::inert(&cut))
}

/// Replaces the posting's file with `new` if it still holds `judged`: `new`
/// is written beside it and renamed over it, so that no reader ever sees
/// half of either, and an edit made meanwhile is never lost.
fn replace_if_unchanged(entry: &Entry, judged: &[u8], new: &[u8]) -> anyhow::Result<()> {
    let aside = entry.aside("fill");
    // Left by a run that was stopped (the board's lock keeps out any other).
    if std::fs::symlink_metadata(&aside).is_ok_and(|m| !m.is_dir()) {
        std::fs::remove_file(&aside)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&aside)?;
    let written = file
        .write_all(new)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            let mode = std::fs::symlink_metadata(&entry.path)?.permissions();
            std::fs::set_permissions(&aside, mode)
        });
    drop(file);
    let unchanged = load::read_with_bytes(entry).is_ok_and(|(_, now)| now == judged);
    if written.is_err() || !unchanged {
        let _ = std::fs::remove_file(&aside);
        written?;
        bail!("it changed while fill ran; run fill again");
    }
    std::fs::rename(&aside, &entry.path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(slug: &str, host: &str) -> Which {
        Which::Page {
            slug: slug.into(),
            host: Some(host.into()),
        }
    }

    #[test]
    fn a_posting_is_named_by_its_name_file_or_page() {
        for (text, which) in [
            ("acme-dev", Which::Slug("acme-dev".into())),
            (
                "postings/acme-dev.md",
                Which::File("postings/acme-dev.md".into()),
            ),
            ("acme-dev.md", Which::File("acme-dev.md".into())),
            (
                "https://jobs.example/jobs/acme-dev/",
                page("acme-dev", "jobs.example"),
            ),
            (
                "https://x.github.io/board/jobs/acme-dev/index.html",
                page("acme-dev", "x.github.io"),
            ),
            (
                "http://jobs.example/jobs/acme-dev?utm=1#top",
                page("acme-dev", "jobs.example"),
            ),
        ] {
            assert_eq!(Which::parse(text), Ok(which), "{text}");
        }
    }

    #[test]
    fn what_is_not_a_posting_is_said() {
        for (text, says) in [
            ("Acme Dev", "is not a posting's name"),
            ("feed", "site uses"),
            (
                "https://jobs.example/jobs/../../etc/passwd",
                "not the address of a job's page",
            ),
            // The address's own `..`, encoded or not, is resolved first.
            (
                "https://jobs.example/jobs/%2e%2e/",
                "not the address of a job's page",
            ),
            ("https://jobs.example/jobs/acme-dev/../feed/", "site uses"),
            (
                "https://jobs.example/jobs/a%2fb/",
                "is not a posting's name",
            ),
            (
                "https://jobs.example/jobs/",
                "not the address of a job's page",
            ),
            (
                "https://jobs.example/about/",
                "not the address of a job's page",
            ),
            ("javascript://jobs/acme-dev/", "not an https address"),
            ("file:///etc/jobs/acme-dev/", "not an https address"),
        ] {
            let why = Which::parse(text).expect_err(text);
            assert!(why.contains(says), "{text}: {why}");
        }
        assert!(Which::parse(&"a".repeat(5000)).is_err());
    }

    #[test]
    fn a_file_must_be_in_postings_without_dot_dot() {
        let root = Path::new("/board");
        assert_eq!(
            in_postings("postings/a/x.md", root, root),
            Ok("postings/a/x.md".into())
        );
        assert_eq!(
            in_postings("./postings/x.md", root, root),
            Ok("postings/x.md".into())
        );
        assert_eq!(
            in_postings("/board/postings/x.md", Path::new("/elsewhere"), root),
            Ok("postings/x.md".into())
        );
        for bad in [
            "postings/../board.yaml",
            "board.yaml",
            "/etc/passwd",
            "templates/x.md",
            "postings",
        ] {
            assert!(in_postings(bad, root, root).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_name_or_page_matches_the_file_of_that_name_in_any_folder() {
        let which = Which::Slug("acme-dev".into());
        assert!(which.names("postings/acme-dev.md"));
        assert!(which.names("postings/2026/acme-dev.md"));
        assert!(!which.names("postings/acme-dev-2.md"));
        assert!(!which.names("postings/xacme-dev.md"));
    }
}
