//! `mentions-language` and `english`: the posting is about the board's
//! language, and written so that the board's readers can read it.

use super::body::find_word;
use super::{BodyText, Context, Rule};
use crate::diagnostic::{Pos, RuleId, Sink, Span};
use crate::posting::Posting;

pub struct MentionsLanguage;

impl Rule for MentionsLanguage {
    fn id(&self) -> RuleId {
        RuleId::MentionsLanguage
    }

    fn check(&self, p: &Posting, body: &BodyText, cx: &Context, out: &mut Sink) {
        let language = &cx.config.language;
        if !find_word(&body.prose, language).is_empty() {
            return;
        }
        if find_word(&p.title, language).is_empty() {
            out.error(
                p.spans.title,
                format!("neither the title nor the description mentions {language}"),
            )
            .help = Some(format!(
                "this board is for {language} jobs: say in the description how {language} is used in this one"
            ));
        } else {
            out.warning(
                Span::at(Pos::new(p.body.line, 1)),
                format!("only the title mentions {language}; the description does not say how it is used"),
            )
            .help = Some(format!(
                "add a sentence on what the job does with {language}, such as \"you will build our data pipelines in {language}\""
            ));
        }
    }
}

/// Below this many words, language detection guesses more than it knows.
const MIN_WORDS_TO_DETECT: usize = 20;

pub struct English;

impl Rule for English {
    fn id(&self) -> RuleId {
        RuleId::English
    }

    fn check(&self, p: &Posting, body: &BodyText, _: &Context, out: &mut Sink) {
        if body.words() < MIN_WORDS_TO_DETECT {
            return;
        }
        let Some(info) = whatlang::detect(&body.prose) else {
            return;
        };
        // Only a confident guess is worth a reviewer's time; an unsure one
        // (mixed languages, much jargon) is left alone.
        if info.lang() == whatlang::Lang::Eng || !info.is_reliable() {
            return;
        }
        out.warning(
            Span::at(Pos::new(p.body.line, 1)),
            format!(
                "the description looks like {} rather than English",
                info.lang().eng_name()
            ),
        )
        .help = Some("all postings on this board are in English; a translation is welcome".into());
    }
}
