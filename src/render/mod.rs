//! Postings to pages, listings and feeds: each renderer returns the path of
//! its output (relative to the site's root) and its bytes. Nothing here
//! touches the disk; `output.rs` writes.

pub mod data;
pub mod feed;
pub mod filters;
pub mod jsonld;
mod pages;
pub mod theme;
pub mod view;

use chrono::NaiveDate;

pub use feed::feed;
pub use pages::{Listing, Page, filter_index, job_page, listing_page, not_found, page_path};
pub use theme::Theme;
pub use view::{Detail, Summary};

use crate::config::Config;

/// One file of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// Relative to the site's root, with `/` separators: `jobs/acme/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What every renderer needs to know about the site being built.
pub struct Site<'a> {
    pub config: &'a Config,
    pub theme: &'a Theme,
    pub today: NaiveDate,
    /// The board's folder, where bodies let go of after checking are read
    /// again (by `site.rs`; nothing in `render/` reads files).
    pub root: Option<&'a std::path::Path>,
}

impl Site<'_> {
    /// The absolute address of a path of the site (`jobs/acme/`).
    pub fn absolute(&self, path: &str) -> String {
        self.config.base_url.join(path).map_or_else(
            |_| format!("{}{path}", self.config.base_url),
            |u| u.to_string(),
        )
    }
}

#[derive(Debug, thiserror::Error)]
#[error("cannot render {path} with {template}: {message}")]
pub struct RenderError {
    pub path: String,
    pub template: String,
    pub message: String,
}

/// Text as HTML and XML can carry it: without the control characters
/// (but tab and line breaks) and noncharacters that XML 1.0 forbids and
/// HTML calls errors. Posting text never has them (the parser refuses
/// them); this is the writers' own guarantee, so a gap in a check cannot
/// break a feed for every subscriber.
pub fn carried(text: &str) -> std::borrow::Cow<'_, str> {
    // Most text is plain: only the bytes that can start an unfit character
    // (controls, and the lead bytes of C1 controls and noncharacters) send
    // it the long way.
    let suspect = |b: &u8| {
        (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || matches!(b, 0x7F | 0xC2 | 0xEF | 0xF0..)
    };
    if !text.as_bytes().iter().any(suspect) {
        return std::borrow::Cow::Borrowed(text);
    }
    let unfit = |c: char| {
        let u = u32::from(c);
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || (0xFDD0..=0xFDEF).contains(&u)
            || (u & 0xFFFE) == 0xFFFE
    };
    if text.chars().any(unfit) {
        std::borrow::Cow::Owned(text.chars().filter(|c| !unfit(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The way from a page at `path` back to the site's root: `./`, `../../`.
/// Pages link relatively so that a copy of the site works under any path.
pub fn root_of(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".into()
    } else {
        "../".repeat(depth)
    }
}

/// `jobs/acme/` for `jobs/acme/index.html`: the address readers see.
pub fn dir_of(path: &str) -> &str {
    path.strip_suffix("index.html").unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_carried_without_what_xml_forbids() {
        assert_eq!(
            carried("Python Engineer \u{8} x\u{1b}\u{0}\u{FFFE}\u{85}"),
            "Python Engineer  x"
        );
        assert_eq!(
            carried("tab\tand\nline Zürich 🚀"),
            "tab\tand\nline Zürich 🚀"
        );
    }

    #[test]
    fn pages_find_their_way_home() {
        assert_eq!(root_of("index.html"), "./");
        assert_eq!(root_of("page/2/index.html"), "../../");
        assert_eq!(root_of("jobs/acme/index.html"), "../../");
        assert_eq!(dir_of("jobs/acme/index.html"), "jobs/acme/");
        assert_eq!(dir_of("index.html"), "");
    }
}
