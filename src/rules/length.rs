//! `length`: title and company within bounds, the body neither empty nor a novel.

use super::{BodyText, Context, Rule};
use crate::diagnostic::{RuleId, Sink, Span};
use crate::posting::Posting;

/// SPEC: how long a title and a company's name may be, in characters.
pub const TITLE_CHARS: std::ops::RangeInclusive<usize> = 5..=100;
pub const COMPANY_CHARS: std::ops::RangeInclusive<usize> = 2..=100;

pub struct TitleAndCompany;

impl Rule for TitleAndCompany {
    fn id(&self) -> RuleId {
        RuleId::Length
    }

    fn check(&self, posting: &Posting, _: &BodyText, _: &Context, out: &mut Sink) {
        bounds(
            out,
            "title",
            &posting.title,
            posting.spans.title,
            TITLE_CHARS,
            "the job title only, such as `Senior Python Engineer`",
        );
        bounds(
            out,
            "company",
            &posting.company,
            posting.spans.company,
            COMPANY_CHARS,
            "the employer's name",
        );
    }
}

fn bounds(
    out: &mut Sink,
    field: &str,
    value: &str,
    span: Span,
    range: std::ops::RangeInclusive<usize>,
    what: &str,
) {
    let len = value.chars().count();
    if !range.contains(&len) {
        out.error(
            span,
            format!(
                "`{field}` has {len} characters; it must have {} to {}",
                range.start(),
                range.end()
            ),
        )
        .help = Some(format!("write {what}"));
    }
}

/// The body: not empty, not only images, between `min_words` and
/// `max_words` (both warnings: a long posting is still a posting).
pub struct Words;

impl Rule for Words {
    fn id(&self) -> RuleId {
        RuleId::Length
    }

    fn check(&self, posting: &Posting, body: &BodyText, cx: &Context, out: &mut Sink) {
        let words = body.words;
        let start = crate::diagnostic::Pos::new(posting.body.line, 1);
        let span = Span::at(start);
        let images = body.links.iter().filter(|l| l.image).count();
        if words == 0 && images > 0 {
            out.error(span, "the description is only an image; write it as text")
                .help = Some(format!(
                "readers, search engines and screen readers need the words: what the job is, how {} is used, requirements, the company",
                cx.config.language
            ));
        } else if words == 0 {
            out.error(span, "the description is empty").help = Some(format!(
                "say what the job is, how {} is used, what you ask for and who you are",
                cx.config.language
            ));
        } else if words > cx.config.max_words {
            out.warning(
                span,
                format!(
                    "the description has {}; this board takes at most {}",
                    crate::diagnostic::plural(words, "word"),
                    cx.config.max_words
                ),
            )
            .help = Some(format!(
                "cut it to what an applicant needs: the job, how {} is used, requirements, the company",
                cx.config.language
            ));
        } else if words < cx.config.min_words {
            out.warning(
                span,
                format!(
                    "the description has {}; reviewers expect at least {}",
                    crate::diagnostic::plural(words, "word"),
                    cx.config.min_words
                ),
            )
            .help = Some(format!(
                "say what the job is, how {} is used, what you ask for and who you are",
                cx.config.language
            ));
        }
    }
}
