//! The quality rules. Each rule is one small unit: an id (which fixes the
//! severity's meaning and the docs), and a check that reads a parsed
//! [`Posting`] and reports findings. Adding a rule is a new file and a line in
//! [`POSTING_RULES`] or [`BOARD_RULES`]; the pipeline does not change.
//!
//! The structural rules `front-matter`, `unknown-field`, `required`, `enum`
//! and `file` are reported while loading and parsing (a posting that fails
//! them never reaches these rules, so there is no noise on top of them).

mod dates;
mod length;

use chrono::NaiveDate;

use crate::config::Config;
use crate::diagnostic::{Finding, RuleId, Sink};
use crate::posting::Posting;

/// What a rule may know besides the posting.
pub struct Context<'a> {
    pub config: &'a Config,
    pub today: NaiveDate,
}

/// A rule about one posting.
pub trait Rule: Sync {
    fn id(&self) -> RuleId;
    fn check(&self, posting: &Posting, cx: &Context, out: &mut Sink);
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
    &dates::Dates,
    &dates::Expired,
];

/// Every rule across postings.
pub static BOARD_RULES: &[&dyn BoardRule] = &[];

/// Runs every posting rule on one posting.
pub fn check_posting(posting: &Posting, cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in POSTING_RULES {
        rule.check(
            posting,
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
