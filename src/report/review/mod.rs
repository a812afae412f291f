//! `--format review`: one JSON document for reviewers' tools, from which
//! `jobboard comment` writes the pull request's comment: every posting under
//! review with its verdict, the canned response, its findings with their
//! evidence, and, when it parsed, the posting as readers will see it.
//! `--format json` stays SPEC's plain array of findings.
//!
//! Version 2 (version 1 had no `page`):
//!
//! ```text
//! { "version": 2,
//!   "board": { "title", "base_url", "language" },
//!   "today": "2026-11-21", "checked": 14, "errors": 2, "warnings": 1, "notices": 3,
//!   "postings": [ {
//!     "file": "postings/acme-python-engineer.md",
//!     "verdict": "ready" | "needs-reading" | "likely-reject",
//!     "reasons": ["paid"],                   rules behind the verdict, most important first
//!     "response": "Thank you…" | null,       the canned response, filled in
//!     "findings": [ { "line", "column", "end_line", "end_column", "rule",
//!                     "severity": "error" | "warning" | "notice",
//!                     "message", "help": … | null, "evidence": … | null } ],
//!     "page": null | {                       null when the posting does not parse
//!       "title", "company",
//!       "facts": [ { "label": "Location", "value": "Leeds, West Yorkshire, United Kingdom" } ],
//!       "description": "the description's Markdown, as written" } } ] }
//! ```
//!
//! The comment is written by a workflow with write access, from a file that
//! a pull request's own code may have written. [`read`] therefore takes
//! this shape only: no other key, this version, at most [`MAX_BYTES`], and
//! texts and lists within the limits below, which the writer clips to (a
//! text ends with `…`), so that what `check` writes is always read.

mod bounded;

use serde::{Deserialize, Serialize};

pub use bounded::{List, Text};

use crate::config::Config;
use crate::diagnostic::{Finding, Severity, Tally};
use crate::posting::Posting;
use crate::render::{Detail, Summary};
use crate::review::{Review, Verdict};

/// The version of this document's shape; [`read`] refuses any other.
pub const VERSION: u32 = 2;

/// The most a review document may weigh.
pub const MAX_BYTES: u64 = 5 * 1024 * 1024;

/// A file's path, a rule's id, a title, a fact: one line.
const LINE: usize = 2_000;
const RULE: usize = 64;
/// A finding's message, help or evidence.
const NOTE: usize = 8_000;
const RESPONSE: usize = 32_000;
/// A posting file's own limit.
const DESCRIPTION: usize = 256 * 1024;
const POSTINGS: usize = 20_000;
const FINDINGS: usize = 1_000;
const FACTS: usize = 64;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub version: u32,
    pub board: Board,
    pub today: Text<32>,
    pub checked: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notices: usize,
    pub postings: List<PostingReview, POSTINGS>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Board {
    pub title: Text<LINE>,
    pub base_url: Text<LINE>,
    pub language: Text<LINE>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingReview {
    pub file: Text<LINE>,
    pub verdict: Verdict,
    /// The rules behind the verdict, most important first.
    pub reasons: List<Text<RULE>, FINDINGS>,
    pub response: Option<Text<RESPONSE>>,
    pub findings: List<FindingEntry, FINDINGS>,
    /// The posting as readers will see it; none when it does not parse.
    pub page: Option<Page>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingEntry {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub rule: Text<RULE>,
    pub severity: Severity,
    pub message: Text<NOTE>,
    pub help: Option<Text<NOTE>>,
    pub evidence: Option<Text<NOTE>>,
}

/// What a reader sees of a posting: the job page's title, company and
/// facts, and the description.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub title: Text<LINE>,
    pub company: Text<LINE>,
    pub facts: List<Fact, FACTS>,
    /// Markdown, as the submitter wrote it.
    pub description: Text<DESCRIPTION>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub label: Text<LINE>,
    pub value: Text<LINE>,
}

impl Page {
    /// A parsed posting as its page shows it on `today`, with its
    /// description's Markdown (which the pipeline does not keep).
    pub fn of(
        posting: &Posting,
        description: &str,
        config: &Config,
        today: chrono::NaiveDate,
    ) -> Self {
        let summary = Summary::new(posting, config);
        let detail = Detail::new(posting, &summary, config, today);
        Self {
            title: Text::clipped(&summary.title),
            company: Text::clipped(&summary.company),
            facts: List::clipped(detail.facts_shown().into_iter().map(|f| Fact {
                label: Text::clipped(f.label),
                value: Text::clipped(&f.value),
            })),
            description: Text::clipped(description),
        }
    }
}

/// The document of `reviews`; `page` gives the page of a posting file
/// that parsed.
pub fn render(
    reviews: &[Review],
    findings: &[Finding],
    checked: usize,
    config: &Config,
    today: chrono::NaiveDate,
    mut page: impl FnMut(&str) -> Option<Page>,
) -> String {
    let tally = Tally::of(findings);
    let by_file = crate::review::by_file(findings);
    let document = Document {
        version: VERSION,
        board: Board {
            title: Text::clipped(&config.title),
            base_url: Text::clipped(config.base_url.as_str()),
            language: Text::clipped(&config.language),
        },
        today: Text::clipped(&today.to_string()),
        checked,
        errors: tally.errors,
        warnings: tally.warnings,
        notices: tally.notices,
        postings: List::clipped(reviews.iter().map(|r| {
            PostingReview {
                file: Text::clipped(&r.file),
                verdict: r.verdict,
                reasons: List::clipped(r.reasons.iter().map(|f| Text::clipped(f.rule.as_str()))),
                response: r.response.as_deref().map(Text::clipped),
                findings: List::clipped(
                    by_file
                        .get(r.file.as_str())
                        .map_or(&[][..], Vec::as_slice)
                        .iter()
                        .map(|f| entry(f)),
                ),
                page: page(&r.file),
            }
        })),
    };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}

fn entry(f: &Finding) -> FindingEntry {
    FindingEntry {
        line: f.span.start.line,
        column: f.span.start.column,
        end_line: f.span.end.line,
        end_column: f.span.end.column,
        rule: Text::clipped(f.rule.as_str()),
        severity: f.severity,
        message: Text::clipped(&f.message),
        help: f.help.as_deref().map(Text::clipped),
        evidence: f.evidence.as_deref().map(Text::clipped),
    }
}

/// Why a file is not a review document this version reads.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("is over {} MB; a review document is at most that", MAX_BYTES / 1024 / 1024)]
    TooBig,
    #[error(
        "is {0}; this jobboard reads version {VERSION}, written by its own `check --format review`"
    )]
    Version(String),
    #[error("is not a review document of `check --format review`: {0}")]
    Shape(String),
}

/// A review document from `bytes`, which anyone may have written.
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_BYTES {
        return Err(ReadError::TooBig);
    }
    // The version first: a document of another version gets that said,
    // not a complaint about its first unknown key.
    #[derive(Deserialize)]
    struct Probe {
        version: Option<serde_json::Value>,
    }
    let probe: Probe = serde_json::from_slice(bytes).map_err(shape)?;
    match probe.version {
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(u64::from(VERSION)) => {}
        Some(other) => {
            let shown: String = other.to_string().chars().take(40).collect();
            return Err(ReadError::Version(format!(
                "version {}",
                crate::text::inert(&shown)
            )));
        }
        None => return Err(ReadError::Version("without a version".into())),
    }
    serde_json::from_slice(bytes).map_err(shape)
}

/// serde's message, which may quote the file's keys: on one line, inert
/// (a workflow's log would act on a line that starts with `::`).
fn shape(err: serde_json::Error) -> ReadError {
    ReadError::Shape(crate::text::inert(&err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"version":2,"board":{"title":"T","base_url":"https://x.example/","language":"Python"},"today":"2026-11-21","checked":0,"errors":0,"warnings":0,"notices":0,"postings":[]}"#;

    #[test]
    fn reads_its_own_shape_and_nothing_else() {
        assert!(read(MINIMAL.as_bytes()).is_ok());
        let other = MINIMAL.replace("\"version\":2", "\"version\":1");
        assert!(matches!(read(other.as_bytes()), Err(ReadError::Version(v)) if v == "version 1"));
        let extra = MINIMAL.replace("\"checked\"", "\"extra\":1,\"checked\"");
        let err = read(extra.as_bytes()).map(|_| ()).unwrap_err().to_string();
        assert!(err.contains("unknown field `extra`"), "{err}");
        let hostile = MINIMAL.replace("\"checked\"", "\"x\\n::warning::y\":1,\"checked\"");
        let err = read(hostile.as_bytes())
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(!err.contains('\n'), "{err}");
        let big = format!("{MINIMAL}{}", " ".repeat(6 * 1024 * 1024));
        assert!(matches!(read(big.as_bytes()), Err(ReadError::TooBig)));
        let verdict = MINIMAL.replace(
            "\"postings\":[]",
            r#""postings":[{"file":"postings/a.md","verdict":"great","reasons":[],"response":null,"findings":[],"page":null}]"#,
        );
        assert!(read(verdict.as_bytes()).is_err());
    }
}
