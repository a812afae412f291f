//! What `jobboard links` found: lines for people, one JSON document for
//! tools, and the Markdown body of the one GitHub issue the weekly workflow
//! opens, updates, or (when nothing is dead) closes. Posting text reaches
//! the issue only through `gfm`: it can mention, reference, link or load
//! nothing, and a link is shown as code, never as something to click.

use std::fmt::Write;

use serde::Serialize;

use super::gfm;
use super::inert;
use crate::diagnostic::plural;
use crate::links::{Link, Outcome, Swept, Verdict};

/// The issue's first line, hidden: the workflow finds its issue by it.
pub const MARKER: &str = "<!-- jobboard-links -->";

/// The JSON document's version.
pub const VERSION: u32 = 1;

/// The most the issue's body weighs, in bytes: under GitHub's 65,536
/// characters, with room for the text around the tables.
const BUDGET: usize = 60_000;

/// A line for each dead, refused and unconfirmed link, in that order.
pub fn human(swept: &Swept) -> String {
    let mut out = String::new();
    for verdict in [Verdict::Dead, Verdict::Refused, Verdict::Alive] {
        for (link, outcome) in sorted(swept, verdict) {
            if verdict == Verdict::Alive && !outcome.unconfirmed {
                continue;
            }
            let what = match verdict {
                Verdict::Dead => format!("dead ({})", outcome.reason),
                Verdict::Refused => format!("refused: {}", outcome.reason),
                Verdict::Alive => format!("alive ({})", outcome.reason),
            };
            let _ = writeln!(
                out,
                "{}:{}: {}: {}",
                inert(&link.file),
                link.line,
                inert(link.url.as_str()),
                inert(&what)
            );
        }
    }
    out
}

/// One line: how many links, how many dead, refused and alive, and how
/// many were asked.
pub fn summary(swept: &Swept) -> String {
    let unconfirmed = swept
        .with(Verdict::Alive)
        .filter(|(_, o)| o.unconfirmed)
        .count();
    let unconfirmed = if unconfirmed > 0 {
        format!(" ({unconfirmed} unconfirmed: refused robots, rate limited or timed out)")
    } else {
        String::new()
    };
    format!(
        "links: {} of {}: {} dead, {} refused, {} alive{unconfirmed}; {} asked, {} alive in the last week's results",
        plural(swept.links.len(), "apply link"),
        plural(swept.postings, "live posting"),
        swept.count(Verdict::Dead),
        swept.count(Verdict::Refused),
        swept.count(Verdict::Alive),
        plural(swept.checked, "link"),
        swept.cached,
    )
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    today: String,
    checked: usize,
    cached: usize,
    dead: Vec<Item<'a>>,
    refused: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    file: &'a str,
    line: u32,
    slug: &'a str,
    title: &'a str,
    company: &'a str,
    url: &'a str,
    reason: &'a str,
}

/// `{"version", "today", "checked", "cached", "dead": [...], "refused": [...]}`.
pub fn json(swept: &Swept) -> String {
    let items = |verdict| {
        sorted(swept, verdict)
            .map(|(link, outcome)| Item {
                file: &link.file,
                line: link.line,
                slug: &link.slug,
                title: &link.title,
                company: &link.company,
                url: link.url.as_str(),
                reason: &outcome.reason,
            })
            .collect()
    };
    let doc = Document {
        version: VERSION,
        today: swept.today.to_string(),
        checked: swept.checked,
        cached: swept.cached,
        dead: items(Verdict::Dead),
        refused: items(Verdict::Refused),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into())
}

/// The issue's Markdown: the marker, a summary line, a table of the dead
/// links and one of the refused ones (each row: the file and line of
/// `apply:`, the job, the link as code, why), then what to do. With
/// nothing dead or refused, it says so, and nothing else.
pub fn issue(swept: &Swept) -> String {
    let dead = swept.count(Verdict::Dead);
    let refused = swept.count(Verdict::Refused);
    let mut out = format!("{MARKER}\n");
    let links = plural(swept.links.len(), "apply link");
    let postings = plural(swept.postings, "live posting");
    if dead + refused == 0 {
        let _ = writeln!(
            out,
            "No dead apply links: none of the {links} of {postings} is dead (checked on {}).",
            swept.today
        );
        return out;
    }
    let of = format!("{links} of {postings}, checked on {}", swept.today);
    let mut parts = Vec::new();
    if dead > 0 {
        parts.push(format!("**{}**", plural(dead, "dead apply link")));
    }
    if refused > 0 {
        parts.push(format!(
            "**{}** (pointing to a private address)",
            plural(refused, "refused link")
        ));
    }
    let _ = writeln!(out, "{} among the {of}.\n", parts.join(" and "));
    let mut left = BUDGET;
    for (verdict, heading) in [
        (Verdict::Dead, "Dead links"),
        (
            Verdict::Refused,
            "Refused links: never asked, they point to a private address",
        ),
    ] {
        let rows: Vec<String> = sorted(swept, verdict).map(|(l, o)| row(l, o)).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {heading}\n");
        out.push_str("| posting | job | link | why |\n| --- | --- | --- | --- |\n");
        let mut shown = 0;
        for row in &rows {
            if row.len() > left {
                break;
            }
            left -= row.len();
            out.push_str(row);
            shown += 1;
        }
        if shown < rows.len() {
            let _ = writeln!(
                out,
                "\n…and {} more: run `jobboard links` to see them all.",
                rows.len() - shown
            );
        }
        out.push('\n');
    }
    out.push_str(
        "### What to do\n\n\
         - **Submitter**: open a pull request that fixes `apply:` on the line given, \
         or that marks the job filled if it is no longer open.\n\
         - **Reviewer**: close a posting whose link is still dead a week later, or that \
         points to a private address: open a pull request that deletes its file.\n\n\
         A dead link is one that answered 404, 410 or a server error (asked again with GET, \
         and retried), whose host does not exist or refused the connection, whose redirects \
         loop, or whose TLS certificate is invalid. Answers 403 and 429 and timeouts count as \
         alive. The weekly link check updates this issue, and closes it when no link is dead.\n",
    );
    out
}

/// One row of a table.
fn row(link: &Link, outcome: &Outcome) -> String {
    format!(
        "| {} | {} | {} | {} |\n",
        gfm::code_cell(&format!("{}:{}", link.file, link.line)),
        gfm::text(&format!("{} at {}", link.title, link.company)),
        gfm::code_cell(link.url.as_str()),
        gfm::text(&outcome.reason),
    )
}

/// The links with `verdict`, by file.
fn sorted(swept: &Swept, verdict: Verdict) -> impl Iterator<Item = &(Link, Outcome)> {
    let mut links: Vec<&(Link, Outcome)> = swept.with(verdict).collect();
    links.sort_by(|(a, _), (b, _)| a.file.cmp(&b.file));
    links.into_iter()
}
