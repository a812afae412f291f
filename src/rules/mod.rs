//! The quality rules. Each rule is one small unit: an id and a check that
//! reads a parsed [`Posting`] (and its body, scanned once) and reports
//! findings. Adding a rule is a new unit and a line in [`POSTING_RULES`] or
//! [`BOARD_RULES`]; the pipeline does not change.
//!
//! The structural rules `front-matter`, `unknown-field`, `required`, `enum`
//! and `file` are reported while loading and parsing: a posting that fails
//! them never reaches these rules, so there is no noise on top of them.

mod agency;
pub mod body;
mod central;
pub mod contact;
mod dates;
mod duplicate;
mod fraud;
pub mod git;
pub mod html;
mod language;
pub mod length;
pub mod lexicon;
pub mod links;
mod names;
mod paid;
mod placeholder;
mod roles;
mod salary;
mod shouting;
pub mod similar;

use std::sync::Arc;

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
    /// The words the text rules look for, with the board's language.
    pub lexicon: Arc<lexicon::Lexicon>,
    /// Whether the rules that only judge run (`check`: yes; `build` and
    /// `serve`, which never show notices: no).
    pub judging: bool,
}

impl<'a> Context<'a> {
    pub fn new(config: &'a Config, today: NaiveDate, changes: Option<&'a git::Changes>) -> Self {
        Self::with_lexicon(
            config,
            today,
            changes,
            Arc::new(lexicon::Lexicon::new(config)),
        )
    }

    /// With a lexicon made before for the same settings (`serve` keeps one:
    /// building its automaton takes milliseconds).
    pub fn with_lexicon(
        config: &'a Config,
        today: NaiveDate,
        changes: Option<&'a git::Changes>,
        lexicon: Arc<lexicon::Lexicon>,
    ) -> Self {
        Self {
            config,
            today,
            changes,
            lexicon,
            judging: true,
        }
    }

    /// Without the rules that only judge.
    pub fn without_judging(mut self) -> Self {
        self.judging = false;
        self
    }
}

/// A rule about one posting.
pub trait Rule: Sync {
    fn id(&self) -> RuleId;
    fn check(&self, posting: &Posting, body: &BodyText, cx: &Context, out: &mut Sink);
    /// Whether it only judges: its findings are notices for a reviewer,
    /// never errors or warnings (`build` and `serve` skip it).
    fn judges(&self) -> bool {
        false
    }
}

/// A rule that compares the postings of a board with each other.
pub trait BoardRule: Sync {
    fn id(&self) -> RuleId;
    fn check(&self, postings: &[&Posting], cx: &Context, out: &mut Vec<Finding>);
    /// As [`Rule::judges`].
    fn judges(&self) -> bool {
        false
    }
}

/// Every rule about a single posting, in the order they report.
pub static POSTING_RULES: &[&dyn Rule] = &[
    &length::TitleAndCompany,
    &names::MixedScript,
    &length::Words,
    &placeholder::Placeholder,
    &language::MentionsLanguage,
    &language::English,
    &central::MainLanguage,
    &paid::Paid,
    &salary::Plausible,
    &fraud::ApplicantFee,
    &fraud::Scam,
    &agency::Agency,
    &roles::SeveralRoles,
    &roles::Title,
    &links::PublicUrl,
    &contact::ApplyLink,
    &links::Email,
    &contact::FreeMail,
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
pub static BOARD_RULES: &[&dyn BoardRule] = &[&duplicate::Duplicate, &similar::NearDuplicate];

/// Runs every posting rule on one posting; also gives the signature of its
/// description, for the rules that compare postings.
pub fn check_posting(posting: &Posting, cx: &Context) -> (Vec<Finding>, similar::Signature) {
    let mut body = BodyText::scan(&posting.body.markdown, posting.body.line, &cx.lexicon);
    let found = check_scanned(posting, &mut body, cx);
    (found, body.signature)
}

/// Runs every posting rule on a posting whose body was scanned already.
pub fn check_scanned(posting: &Posting, body: &mut BodyText, cx: &Context) -> Vec<Finding> {
    body.title_hits = cx.lexicon.scan(&posting.title);
    let mut out = Vec::new();
    for rule in POSTING_RULES.iter().filter(|r| cx.judging || !r.judges()) {
        rule.check(
            posting,
            body,
            cx,
            &mut Sink::new(&posting.file, rule.id(), &mut out),
        );
    }
    out
}

/// `` `a`, `b` and `c` ``: at most `max` items, quoted for a message.
pub fn quote_list(items: &[String], max: usize) -> String {
    let quoted: Vec<String> = items.iter().take(max).map(|i| format!("\"{i}\"")).collect();
    let words: Vec<&str> = quoted.iter().map(String::as_str).collect();
    let mut text = crate::text::list_words(&words, "and");
    if items.len() > max {
        text.push_str(&format!(" and {} more", items.len() - max));
    }
    text
}

/// `text` cut to at most `max` characters at a word, with `…`.
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// Orders postings oldest first, ties by file, for the board rules that
/// take the first of two alike for the original.
pub(crate) fn oldest_first(postings: &mut [&Posting]) {
    crate::posting::sort_by_day(postings, |p| p.posted, |p| &p.file);
}

/// Runs every board rule over all parsed postings.
pub fn check_board(postings: &[&Posting], cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in BOARD_RULES.iter().filter(|r| cx.judging || !r.judges()) {
        rule.check(postings, cx, &mut out);
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::diagnostic::Severity;
    use crate::schema::Report;
    use crate::source::Source;

    /// Every finding of every posting rule on a posting with this title and
    /// body (and otherwise plain fields).
    pub fn findings_of(title: &str, body: &str) -> Vec<Finding> {
        let config = crate::config::for_tests();
        let posting = posting_with(title, body).expect("posting");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("day");
        let cx = Context::new(&config, today, None);
        check_posting(&posting, &cx).0
    }

    /// A rule that says it only judges gives nothing but notices, on every
    /// posting of the fixtures: `build` and `serve` may skip it and lose no
    /// error or warning.
    #[test]
    fn rules_that_judge_give_only_notices() {
        let config = crate::load::config::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/reviewed"
        )))
        .unwrap_or_else(|_| crate::config::for_tests());
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("day");
        let cx = Context::new(&config, today, None);
        let judging: Vec<RuleId> = POSTING_RULES
            .iter()
            .filter(|r| r.judges())
            .map(|r| r.id())
            .chain(BOARD_RULES.iter().filter(|r| r.judges()).map(|r| r.id()))
            .collect();
        let mut postings = Vec::new();
        let mut notices = 0;
        for dir in ["reviewed", "corpus", "invalid"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(dir);
            for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
                let path = entry.path();
                if path.extension().and_then(|e| e.to_str()) != Some("md") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(path) else {
                    continue;
                };
                let source = Source {
                    file: "postings/p.md".into(),
                    slug: "p".into(),
                    text,
                };
                let mut ignored = Vec::new();
                let Some(mut posting) =
                    crate::posting::parse(&source, &config, &mut Report::new("p", &mut ignored))
                else {
                    continue;
                };
                let (found, signature) = check_posting(&posting, &cx);
                posting.keys.set_similar(signature);
                for f in found.iter().filter(|f| judging.contains(&f.rule)) {
                    assert_eq!(f.severity, Severity::Notice, "{}: {f:?}", path.display());
                    notices += 1;
                }
                postings.push(posting);
            }
        }
        let all: Vec<&Posting> = postings.iter().collect();
        for f in check_board(&all, &cx)
            .iter()
            .filter(|f| judging.contains(&f.rule))
        {
            assert_eq!(f.severity, Severity::Notice, "{f:?}");
        }
        assert!(notices > 20, "the fixtures exercise the judging rules");
    }

    fn posting_with(title: &str, body: &str) -> Option<Posting> {
        let config = crate::config::for_tests();
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
            let config = crate::config::for_tests();
            if let Some(posting) = posting_with(&title, &body) {
                let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("day");
                let cx = Context::new(&config, today, None);
                let lines = 11 + body.lines().count() as u32;
                for finding in check_posting(&posting, &cx).0 {
                    prop_assert!(finding.span.start.line >= 1 && finding.span.start.line <= lines.max(11));
                }
                let all = [&posting];
                let _ = check_board(&all, &cx);
            }
        }
    }
}
