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

/// The commonest English words: in English prose about one word in three is
/// one of them; in other languages that share the alphabet, few are.
fn is_common_english(word: &str) -> bool {
    if word.len() > 4 || !word.is_ascii() {
        return false;
    }
    let mut lower = [0u8; 4];
    for (l, b) in lower.iter_mut().zip(word.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &lower[..word.len()],
        b"the"
            | b"and"
            | b"to"
            | b"of"
            | b"you"
            | b"we"
            | b"is"
            | b"for"
            | b"with"
            | b"our"
            | b"are"
            | b"be"
            | b"will"
            | b"your"
            | b"that"
            | b"this"
            | b"on"
            | b"or"
            | b"as"
            | b"have"
            | b"it"
            | b"by"
            | b"from"
            | b"who"
            | b"what"
    )
}

/// A quick yes for plainly English prose, before the costlier detection.
fn looks_english<'a>(tokens: impl Iterator<Item = &'a str>) -> bool {
    let mut words = 0usize;
    let mut common = 0usize;
    for word in tokens.take(400) {
        words += 1;
        if is_common_english(word) {
            common += 1;
        }
    }
    words >= MIN_WORDS_TO_DETECT && common * 5 >= words
}

/// Below this many words, language detection guesses more than it knows.
const MIN_WORDS_TO_DETECT: usize = 20;

pub struct English;

impl Rule for English {
    fn id(&self) -> RuleId {
        RuleId::English
    }

    fn check(&self, p: &Posting, body: &BodyText, _: &Context, out: &mut Sink) {
        if body.words < MIN_WORDS_TO_DETECT {
            return;
        }
        if looks_english(super::body::ascii_words(&body.prose).map(|(_, w)| w)) {
            return;
        }
        // Detection on the opening is as good as on the whole, at a fraction of the cost.
        let end = body
            .prose
            .char_indices()
            .nth(2000)
            .map_or(body.prose.len(), |(i, _)| i);
        let Some(info) = whatlang::detect(&body.prose[..end]) else {
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

#[cfg(test)]
mod tests {
    use super::looks_english;

    #[test]
    fn plain_english_is_recognised_quickly() {
        let english = "We build scheduling software for hospitals. You will write Python every day with our team of four, and you will talk to the nurses who use it.";
        let tokens = |t: &'static str| crate::rules::body::ascii_words(t).map(|(_, w)| w);
        assert!(looks_english(tokens(english)));
        let german = "Wir entwickeln Software für die Dienstplanung in Krankenhäusern. Sie schreiben jeden Tag Python mit unserem Team und sprechen mit den Pflegekräften.";
        assert!(!looks_english(tokens(german)));
        let french = "Nous développons des logiciels de planification pour les hôpitaux. Vous écrirez du Python tous les jours avec une équipe de quatre personnes.";
        assert!(!looks_english(tokens(french)));
    }
}
