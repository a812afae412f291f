//! `jobboard comment`: the pull request's one comment, made from the review
//! document of `check --format review` alone. A workflow with write access
//! posts it (or edits the one it posted before, found by [`MARKER`]) without
//! running anything of the pull request; the document may therefore be
//! anything the pull request's code wrote, and every text of it goes
//! through `gfm` (shown as written, mentioning, referencing, loading and
//! linking nothing).
//!
//! The comment: the marker, a one-line summary, a table of the verdicts,
//! then for each posting its verdict, its findings with their lines, the
//! canned response in a `<details>` block ready to paste, and the posting
//! as readers will see it (title, company, facts, then the description).
//! It stays under GitHub's limit for a comment: what would pass it is cut
//! between blocks (or between a table's rows and a description's lines),
//! and a note says so.

mod description;

use std::fmt::Write;

use super::gfm::{self, cell, code_cell, fence_for};
use super::review::{Document, Page, PostingReview};
use crate::diagnostic::{Tally, plural};
use crate::review::Verdict;

/// The comment's first line, hidden: the workflow finds its comment by it.
pub const MARKER: &str = "<!-- jobboard-review -->";

/// GitHub's limit on a comment, in characters.
pub const GITHUB_LIMIT: usize = 65_536;

/// The most the comment weighs, in bytes (no fewer than its characters):
/// under GitHub's limit, with room to spare.
pub const BUDGET: usize = 64_000;

/// Kept free for the note that says the comment was cut.
const NOTE_ROOM: usize = 1_000;

/// The most one posting's description may take.
const DESCRIPTION: usize = 24_000;

/// What the workflow knows of the pull request from GitHub itself (not
/// from the review document): shown above the verdicts.
#[derive(Debug, Default)]
pub struct Context {
    /// Every path the pull request changes, as GitHub's API lists them.
    pub changed: Vec<String>,
    /// The check's run (its log, its job summary and the site preview):
    /// an `https://` address of URL characters only (see [`run_url`]).
    pub run_url: Option<String>,
}

/// The comment's Markdown.
pub fn render(doc: &Document, cx: &Context) -> String {
    let mut c = Comment::default();
    c.whole(&head(doc));
    c.whole(&run_link(cx));
    c.lines(&not_postings(&cx.changed));
    if !doc.postings.is_empty() {
        c.lines(&verdicts(doc));
    }
    let mut shown = 0;
    for posting in doc.postings.iter() {
        c.whole(&heading(posting));
        if posting.findings.is_empty() {
            c.whole("No findings.\n\n");
        } else {
            c.lines(&findings(posting));
        }
        if let Some(response) = &posting.response {
            c.whole(&response_block(response));
        }
        match &posting.page {
            Some(page) => {
                c.whole(&page_head(page));
                c.lines(&description::render(&page.description, DESCRIPTION));
                c.whole("\n");
            }
            None => {
                c.whole("The posting does not parse, so readers would see nothing of it yet.\n\n")
            }
        }
        if c.cut {
            break;
        }
        shown += 1;
    }
    c.finish(shown, doc.postings.len())
}

/// The comment as it grows, never past [`BUDGET`].
#[derive(Default)]
struct Comment {
    out: String,
    /// Something did not fit: nothing more is added.
    cut: bool,
}

impl Comment {
    fn room(&self) -> usize {
        (BUDGET - NOTE_ROOM).saturating_sub(self.out.len())
    }

    /// All of `block` (a `<details>` element, a heading), or none of it.
    fn whole(&mut self, block: &str) {
        if self.cut {
            return;
        }
        if block.len() <= self.room() {
            self.out.push_str(block);
        } else {
            self.cut = true;
        }
    }

    /// As many whole lines of `block` (a table, a quote) as fit: a table or
    /// a quote cut between lines is still one.
    fn lines(&mut self, block: &str) {
        if self.cut {
            return;
        }
        if block.len() <= self.room() {
            self.out.push_str(block);
            return;
        }
        for line in block.split_inclusive('\n') {
            if line.len() > self.room() {
                break;
            }
            self.out.push_str(line);
        }
        self.cut = true;
    }

    fn finish(mut self, shown: usize, postings: usize) -> String {
        if self.cut {
            let _ = write!(
                self.out,
                "\n\n---\n\n**… cut:** the rest would take this comment past GitHub's limit of \
                 {} characters. {shown} of {} shown in full; the check's job summary has \
                 every finding.\n",
                crate::text::thousands(GITHUB_LIMIT),
                plural(postings, "posting"),
            );
        }
        self.out
    }
}

/// The marker, the title and the one-line summary.
fn head(doc: &Document) -> String {
    let verdicts: Vec<Verdict> = doc.postings.iter().map(|p| p.verdict).collect();
    let worst = verdicts.iter().copied().max().unwrap_or(Verdict::Ready);
    let mark = if doc.errors > 0 {
        Verdict::LikelyReject.mark()
    } else {
        worst.mark()
    };
    let tally = Tally {
        errors: doc.errors,
        warnings: doc.warnings,
        notices: doc.notices,
    };
    let reviewed = if verdicts.is_empty() {
        "No posting under review".to_string()
    } else {
        format!(
            "**{} under review**: {}",
            plural(verdicts.len(), "posting"),
            super::verdict_counts(verdicts)
        )
    };
    format!(
        "{MARKER}\n## Posting check\n\n{mark} {reviewed}. The check of {} for {} found {}.\n\n",
        plural(doc.checked, "posting"),
        gfm::text(&doc.today),
        tally.describe(),
    )
}

/// A link to the check's run, where the preview is.
fn run_link(cx: &Context) -> String {
    match &cx.run_url {
        Some(url) => format!(
            "The check's log, its summary and the site preview (`site-preview`) are on [its run]({url}).\n\n"
        ),
        None => String::new(),
    }
}

/// `url` if it can be a link target as it is: `https://`, then only
/// characters that cannot end the link or start markup.
pub fn run_url(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://")?;
    let fine = |c: char| c.is_ascii_alphanumeric() || "-._~/?#=&%:+".contains(c);
    (!rest.is_empty() && rest.chars().all(fine)).then_some(url)
}

/// The files the pull request changes that are not postings: the check
/// judges postings only, so these are for a maintainer; a change to the
/// workflows may have changed the check itself.
fn not_postings(changed: &[String]) -> String {
    let others: Vec<&String> = changed.iter().filter(|path| !is_posting(path)).collect();
    if others.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "> [!WARNING]\n> **This pull request changes {} besides postings.** The check ran the base \
         branch's `jobboard` on the postings only; {} for a maintainer to review:\n>\n",
        plural(others.len(), "file"),
        if others.len() == 1 {
            "it is"
        } else {
            "they are"
        },
    );
    if others.iter().any(|path| path.starts_with(".github/")) {
        out.push_str(
            "> It changes `.github/`, so the check that ran may not be the base branch's: \
             do not merge on its word.\n>\n",
        );
    }
    for path in others.iter().take(MAX_LISTED) {
        let _ = writeln!(out, "> - {}", gfm::code(path));
    }
    if others.len() > MAX_LISTED {
        let _ = writeln!(out, "> - and {} more", others.len() - MAX_LISTED);
    }
    out.push('\n');
    out
}

/// The most files [`not_postings`] names one by one.
const MAX_LISTED: usize = 50;

/// A posting's file: `postings/<name>.md`, with nothing above it.
fn is_posting(path: &str) -> bool {
    path.strip_prefix(&format!("{}/", crate::layout::POSTINGS))
        .is_some_and(|name| !name.contains('/') && name.ends_with(".md"))
}

fn verdicts(doc: &Document) -> String {
    let mut out = String::from("| Posting | Verdict | Why |\n| --- | --- | --- |\n");
    for p in doc.postings.iter() {
        let mut rules: Vec<String> = p.reasons.iter().map(|r| code_cell(r)).collect();
        rules.dedup();
        let _ = writeln!(
            out,
            "| {} | {} {} | {} |",
            cell(&p.file),
            p.verdict.mark(),
            p.verdict.label(),
            rules.join(", ")
        );
    }
    out.push('\n');
    out
}

fn heading(p: &PostingReview) -> String {
    format!(
        "### {} {} — {}\n\n",
        p.verdict.mark(),
        cell(&p.file),
        p.verdict.label()
    )
}

/// Every finding with where it is (`postings/x.md:12`), its rule, and how
/// to fix it.
fn findings(p: &PostingReview) -> String {
    let mut out = String::from(
        "| Where | Rule | Severity | Finding | How to fix |\n| --- | --- | --- | --- | --- |\n",
    );
    for f in p.findings.iter() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            code_cell(&format!("{}:{}", &*p.file, f.line)),
            code_cell(&f.rule),
            f.severity.as_str(),
            cell(&f.message),
            f.help.as_deref().map(cell).unwrap_or_default(),
        );
    }
    out.push('\n');
    out
}

/// The canned response as code: copied with its Markdown, ready to paste.
fn response_block(response: &str) -> String {
    let text = gfm::code_lines(response);
    let fence = fence_for(&text);
    format!(
        "<details><summary>Canned response to paste</summary>\n\n{fence}text\n{text}\n{fence}\n\n</details>\n\n"
    )
}

/// The title, the company and the facts, quoted; the description follows
/// in the same quote.
fn page_head(page: &Page) -> String {
    let mut out = format!(
        "#### As readers will see it\n\n> **{}**\\\n> {}\n>\n> | | |\n> | --- | --- |\n",
        gfm::text(&page.title),
        gfm::text(&page.company)
    );
    for fact in page.facts.iter() {
        // An address as code: whole and easy to copy, and not a link that
        // the board's comment would vouch for.
        let is_address = ["https://", "http://", "mailto:"]
            .iter()
            .any(|scheme| fact.value.starts_with(scheme))
            && !fact.value.contains(char::is_whitespace);
        let value = if is_address {
            code_cell(&fact.value)
        } else {
            gfm::text(&fact.value)
        };
        let _ = writeln!(out, "> | {} | {value} |", gfm::text(&fact.label));
    }
    if !page.description.trim().is_empty() {
        out.push_str(">\n");
    }
    out
}
