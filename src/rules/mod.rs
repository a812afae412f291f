//! The quality rules. Each rule is one small unit: an id and a check that
//! reads a parsed [`Posting`] (and its body, scanned once) and reports
//! findings. Adding a rule is a new unit and a line in [`POSTING_RULES`] or
//! [`BOARD_RULES`]; the pipeline does not change.
//!
//! The structural rules `front-matter`, `unknown-field`, `required`, `enum`
//! and `file` are reported while loading and parsing: a posting that fails
//! them never reaches these rules, so there is no noise on top of them.

pub mod body;
mod dates;
mod duplicate;
pub mod git;
pub mod html;
mod language;
pub mod length;
pub mod links;
mod paid;
mod shouting;

use chrono::NaiveDate;

pub use body::BodyText;

use crate::config::Config;
use crate::diagnostic::{Finding, RuleId, Sink};
use crate::posting::Posting;

/// What a rule may know besides the posting.
pub struct Context<'a> {
    pub config: &'a Config,
    pub today: NaiveDate,
    /// What changed since the pull request's base (`check --since`).
    pub changes: Option<&'a git::Changes>,
}

/// A rule about one posting.
pub trait Rule: Sync {
    fn id(&self) -> RuleId;
    fn check(&self, posting: &Posting, body: &BodyText, cx: &Context, out: &mut Sink);
}

/// A rule that compares the postings of a board with each other.
pub trait BoardRule: Sync {
    fn id(&self) -> RuleId;
    fn check(&self, postings: &[&Posting], cx: &Context, out: &mut Vec<Finding>);
}

/// Every rule about a single posting, in the order they report.
pub static POSTING_RULES: &[&dyn Rule] = &[
    &length::TitleAndCompany,
    &length::Words,
    &language::MentionsLanguage,
    &language::English,
    &paid::Paid,
    &links::PublicUrl,
    &links::Email,
    &links::LinkScheme,
    &html::RawHtml,
    &shouting::Shouting,
    &dates::Dates,
    &dates::Expired,
    &git::NewPostingDate,
    &git::PostedChanged,
    &git::AlreadyExpired,
];

/// Every rule across postings.
pub static BOARD_RULES: &[&dyn BoardRule] = &[&duplicate::Duplicate];

/// Runs every posting rule on one posting.
pub fn check_posting(posting: &Posting, cx: &Context) -> Vec<Finding> {
    let body = BodyText::scan(&posting.body.markdown, posting.body.line);
    let mut out = Vec::new();
    for rule in POSTING_RULES {
        rule.check(
            posting,
            &body,
            cx,
            &mut Sink::new(&posting.file, rule.id(), &mut out),
        );
    }
    out
}

/// Runs every board rule over all parsed postings.
pub fn check_board(postings: &[&Posting], cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in BOARD_RULES {
        rule.check(postings, cx, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::load::Source;
    use crate::schema::Report;

    fn posting_with(title: &str, body: &str) -> Option<Posting> {
        let config =
            crate::config::parse("title: T\nbase_url: https://t.example\ncategories: {web: Web}\n")
                .ok()?;
        let text = format!(
            "---\ntitle: {}\ncompany: Acme\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: https://acme.example\nposted: 2026-11-20\n---\n{body}",
            serde_json::to_string(title).ok()?
        );
        let source = Source {
            file: "postings/p.md".into(),
            slug: "p-1".into(),
            text,
        };
        let mut found = Vec::new();
        crate::posting::parse(
            &source,
            &config,
            &mut Report::new("postings/p.md", &mut found),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Whatever a parsed posting says, every rule reads it without
        /// panicking and points inside the file.
        #[test]
        fn rules_never_panic_on_a_parsed_posting(
            title in "\\PC{0,80}",
            body in "(\\PC|\n|[<>\\[\\]()!*_#`|:])*",
        ) {
            let config = crate::config::parse(
                "title: T\nbase_url: https://t.example\ncategories: {web: Web}\n",
            ).expect("config");
            if let Some(posting) = posting_with(&title, &body) {
                let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("day");
                let cx = Context { config: &config, today, changes: None };
                let lines = 11 + body.lines().count() as u32;
                for finding in check_posting(&posting, &cx) {
                    prop_assert!(finding.span.start.line >= 1 && finding.span.start.line <= lines.max(11));
                }
                let all = [&posting];
                let _ = check_board(&all, &cx);
            }
        }
    }
}
