//! Findings to text: `human` for people at a terminal, `json` for tools,
//! `github` for pull-request annotations; `gfm` keeps posting text inert in
//! GitHub's Markdown.

pub mod comment;
pub mod gfm;
pub mod github;
mod human;
mod json;
pub mod links;
pub mod reminder;
pub mod review;

pub use human::render as human;
pub use json::render as json;

pub use crate::text::inert;

pub use crate::source::Texts;

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
pub fn verdict_counts(verdicts: impl IntoIterator<Item = crate::review::Verdict>) -> String {
    use crate::review::Verdict;
    let verdicts: Vec<Verdict> = verdicts.into_iter().collect();
    let count = |v: Verdict| verdicts.iter().filter(|&&w| w == v).count();
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
    let texts = [(crate::layout::CONFIG.to_string(), text.into())]
        .into_iter()
        .collect();
    human(findings, &texts, color)
}
