//! Feeds of a listing, in each format readers' apps take: RSS 2.0, Atom 1.0
//! and JSON Feed 1.1. A format is a variant of [`Format`] and a function
//! from a [`Feed`] to bytes; the site plan gives every listing one feed of
//! each format, and pages link them all.
//!
//! Items say what a reader decides on (where, how remote, what type, what
//! pay) in their summary and as categories, then the opening of the
//! description, and link the job's page for the rest: a feed of fifty jobs
//! stays a few dozen kilobytes per poll, for the board and every filter.

mod atom;
mod json;
mod rss;

use chrono::NaiveDate;

use super::{Output, RenderError, Site};

/// A feed format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Rss,
    Atom,
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Rss, Format::Atom, Format::Json];

    /// The feed's file name in its listing's folder.
    pub fn file(self) -> &'static str {
        match self {
            Format::Rss => "feed.xml",
            Format::Atom => "atom.xml",
            Format::Json => "feed.json",
        }
    }

    /// Its media type, for `<link rel="alternate">` and servers.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Rss => "application/rss+xml",
            Format::Atom => "application/atom+xml",
            Format::Json => "application/feed+json",
        }
    }

    /// How a page names it: "RSS", "Atom", "JSON Feed".
    pub fn label(self) -> &'static str {
        match self {
            Format::Rss => "RSS",
            Format::Atom => "Atom",
            Format::Json => "JSON Feed",
        }
    }
}

/// What a feed says of one job, made once per posting and shared by every
/// feed the job is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// "Senior Python Engineer at Acme Analytics".
    pub title: String,
    /// The job's page: also its id.
    pub url: String,
    pub posted: NaiveDate,
    /// Who posts it.
    pub author: String,
    /// "Berlin, Germany · Hybrid · Full-time · €70,000 – €90,000 a year".
    pub facts: String,
    /// The opening of the description, as plain text.
    pub excerpt: String,
    /// The job's type, category, place, remote status and tags.
    pub categories: Vec<String>,
}

impl Item {
    /// The item as HTML: the facts, the opening, a link to the rest.
    pub fn html(&self) -> String {
        let escape = |t: &str| {
            let mut out = String::with_capacity(t.len());
            let _ = pulldown_cmark_escape::escape_html(&mut out, t);
            out
        };
        let mut href = String::new();
        let _ = pulldown_cmark_escape::escape_href(&mut href, &self.url);
        format!(
            "<p><strong>{}</strong></p>\n<p>{}</p>\n<p><a href=\"{href}\">Read the whole posting and apply</a></p>",
            escape(&self.facts),
            escape(&self.excerpt)
        )
    }

    /// The item as plain text: the facts, then the opening.
    pub fn text(&self) -> String {
        format!("{}\n\n{}", self.facts, self.excerpt)
    }
}

/// What a reader decides on, on one line: "Berlin, Germany · Hybrid ·
/// Full-time · €70,000 – €90,000 a year" (feeds, announcements).
pub fn facts(place: &str, remote: &str, types: &str, salary: Option<&str>) -> String {
    let mut facts = vec![place, remote, types];
    facts.extend(salary);
    facts.join(" · ")
}

/// One feed: of a listing, in a format.
pub struct Feed<'a> {
    /// The feed's path in the site: `type/full-time/atom.xml`.
    pub path: &'a str,
    /// The listing's path in the site: `type/full-time/`.
    pub home: &'a str,
    pub title: &'a str,
    /// The newest jobs first.
    pub items: &'a [&'a Item],
}

/// The bytes of a feed in a format.
pub fn render(site: &Site, feed: &Feed, format: Format) -> Result<Output, RenderError> {
    let bytes = match format {
        Format::Rss => rss::render(site, feed),
        Format::Atom => atom::render(site, feed),
        Format::Json => json::render(site, feed),
    }
    .map_err(|message| RenderError {
        path: feed.path.to_string(),
        template: format.label().into(),
        message,
    })?;
    // The XML writers write any character as it is; XML cannot carry some.
    // (`from_utf8` first: it is the fast check of text that is UTF-8, as
    // the writers' always is.)
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(&bytes),
    };
    let mut bytes = match crate::text::carried(&text) {
        std::borrow::Cow::Borrowed(_) => bytes,
        std::borrow::Cow::Owned(text) => text.into_bytes(),
    };
    bytes.push(b'\n');
    Ok(Output {
        path: feed.path.to_string(),
        bytes,
    })
}

/// What the channel says of itself: the board's description.
fn description(site: &Site) -> String {
    if site.config.description.is_empty() {
        site.config.title.clone()
    } else {
        site.config.description.clone()
    }
}
