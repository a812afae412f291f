//! Findings to text: `human` for people at a terminal, `json` for tools,
//! `github` for pull-request annotations.

pub mod github;
mod human;
mod json;
pub mod review;

use std::collections::HashMap;
use std::sync::Arc;

pub use human::render as human;
pub use json::render as json;

/// The texts of the files findings are about, to show the offending lines
/// (shared, not copied: `serve` keeps them from one rebuild to the next).
pub type Texts = HashMap<String, Arc<str>>;

/// The verdicts of the postings that need a reviewer, one a line, for
/// people: `likely reject  postings/a.md  english`.
pub fn verdicts(reviews: &[crate::review::Review]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let mut shown: Vec<&crate::review::Review> = reviews
        .iter()
        .filter(|r| r.verdict != crate::review::Verdict::Ready)
        .collect();
    shown.sort_by(|a, b| b.verdict.cmp(&a.verdict).then_with(|| a.file.cmp(&b.file)));
    for r in shown {
        let mut rules: Vec<&str> = r.reasons.iter().map(|f| f.rule.as_str()).collect();
        rules.dedup();
        let _ = writeln!(
            out,
            "{:<13}  {}  {}",
            r.verdict.label(),
            inert(&r.file),
            rules.join(", ")
        );
    }
    out
}

/// "12 ready, 1 needs reading, 1 likely reject".
pub fn verdict_counts(reviews: &[crate::review::Review]) -> String {
    use crate::review::Verdict;
    let count = |v: Verdict| reviews.iter().filter(|r| r.verdict == v).count();
    let parts: Vec<String> = [
        (count(Verdict::Ready), "ready"),
        (count(Verdict::NeedsReading), "needs reading"),
        (count(Verdict::LikelyReject), "likely reject"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    parts.join(", ")
}

/// The findings about `board.yaml`, with its lines, for people.
pub fn config(findings: &[crate::diagnostic::Finding], text: &str, color: bool) -> String {
    let texts = [(crate::config::FILE.to_string(), text.into())]
        .into_iter()
        .collect();
    human(findings, &texts, color)
}

/// Text from a posting made safe for a terminal or a CI log: control
/// characters (escape sequences, carriage returns, line breaks),
/// bidirectional controls and invisible characters are shown as escapes
/// (`\u{202e}`) instead of acting or hiding.
pub fn inert(text: &str) -> String {
    let acts = |c: char| c != '\t' && (c.is_control() || crate::unicode::is_hidden(c));
    if !text.chars().any(acts) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if acts(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_cannot_act() {
        assert_eq!(super::inert("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\\nc");
        assert_eq!(super::inert("plain\ttext"), "plain\ttext");
        assert_eq!(
            super::inert("gnp\u{202e}.exe a\u{200b}b"),
            "gnp\\u{202e}.exe a\\u{200b}b"
        );
        assert_eq!(super::inert("Zürich 🚀"), "Zürich 🚀");
    }
}
