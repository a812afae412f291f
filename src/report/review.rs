//! `--format review`: one JSON document for reviewers' tools (the pull
//! request's comment is written from it): every posting under review with
//! its verdict, the canned response, and its findings with their evidence.
//! `--format json` stays SPEC's plain array of findings.

use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::{Finding, Tally};
use crate::review::Review;

/// The version of this document's shape; a reader refuses any other.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
pub struct Document<'a> {
    pub version: u32,
    pub board: Board<'a>,
    pub today: String,
    pub checked: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notices: usize,
    pub postings: Vec<PostingReview<'a>>,
}

#[derive(Serialize)]
pub struct Board<'a> {
    pub title: &'a str,
    pub base_url: &'a str,
    pub language: &'a str,
}

#[derive(Serialize)]
pub struct PostingReview<'a> {
    pub file: &'a str,
    pub verdict: &'static str,
    /// The rules behind the verdict, most important first.
    pub reasons: Vec<&'static str>,
    pub response: Option<&'a str>,
    pub findings: Vec<FindingEntry<'a>>,
}

#[derive(Serialize)]
pub struct FindingEntry<'a> {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub evidence: Option<&'a str>,
}

pub fn render(
    reviews: &[Review],
    findings: &[Finding],
    checked: usize,
    config: &Config,
    today: chrono::NaiveDate,
) -> String {
    let tally = Tally::of(findings);
    let by_file = crate::review::by_file(findings);
    let document = Document {
        version: VERSION,
        board: Board {
            title: &config.title,
            base_url: config.base_url.as_str(),
            language: &config.language,
        },
        today: today.to_string(),
        checked,
        errors: tally.errors,
        warnings: tally.warnings,
        notices: tally.notices,
        postings: reviews
            .iter()
            .map(|r| PostingReview {
                file: &r.file,
                verdict: r.verdict.key(),
                reasons: r.reasons.iter().map(|f| f.rule.as_str()).collect(),
                response: r.response.as_deref(),
                findings: by_file
                    .get(r.file.as_str())
                    .map_or(&[][..], Vec::as_slice)
                    .iter()
                    .map(|f| FindingEntry {
                        line: f.span.start.line,
                        column: f.span.start.column,
                        end_line: f.span.end.line,
                        end_column: f.span.end.column,
                        rule: f.rule.as_str(),
                        severity: f.severity.as_str(),
                        message: &f.message,
                        help: f.help.as_deref(),
                        evidence: f.evidence.as_deref(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}
