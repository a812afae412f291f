//! `mentions-language` and `english`: the posting is about the board's
//! language, and written so that the board's readers can read it.

use super::lexicon::Term;
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
        let names = |hits: &[super::lexicon::Hit], text: &str, term: Term| -> Vec<String> {
            hits.iter()
                .filter(|h| h.term == term)
                .map(|h| text[h.start..h.end].to_string())
                .collect()
        };
        // An empty description is `length`'s to report.
        if body.words == 0 || !names(&body.hits, &body.prose, Term::Language).is_empty() {
            return;
        }
        let start = Span::at(Pos::new(p.body.line, 1));
        if !names(&body.title_hits, &p.title, Term::Language).is_empty() {
            out.warning(
                start,
                format!("only the title mentions {language}; the description does not say how it is used"),
            )
            .help = Some(format!(
                "add a sentence on what the job does with {language}, such as \"you will build our data pipelines in {language}\""
            ));
            return;
        }
        let mut tools = names(&body.title_hits, &p.title, Term::Tool);
        tools.extend(names(&body.hits, &body.prose, Term::Tool));
        tools.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        if let Some(first) = tools.first() {
            let named = super::quote_list(&tools, 3);
            out.warning(
                start,
                format!("the posting names {named} but never {language} itself"),
            )
            .set_evidence(first.clone())
            .help = Some(format!(
                "say {language} by name, such as \"you will write {language} with {first}\": readers and search look for the word"
            ));
            return;
        }
        out.error(
            p.spans.title,
            format!("neither the title nor the description mentions {language} or a tool of its ecosystem"),
        )
        .help = Some(format!(
            "this board is for {language} jobs: say in the description how {language} is used in this one"
        ));
    }
}

/// The commonest English words: in English prose about one word in three is
/// one of them; in other languages that share the alphabet, few are.
pub(super) fn is_common_english(word: &str) -> bool {
    super::body::lower_ascii(word).is_some_and(|(lower, len)| is_common_lower(&lower[..len]))
}

/// [`is_common_english`] of a word already in lower case (the commonest
/// words have four letters at most: `body::lower_ascii`).
pub(super) fn is_common_lower(lower: &[u8]) -> bool {
    matches!(
        lower,
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

/// A quick yes for plainly English prose, before the costlier detection:
/// in English about one word in three is one of the commonest.
fn looks_english(counts: &super::body::WordCounts) -> bool {
    counts.opening >= MIN_WORDS_TO_DETECT && counts.opening_common * 5 >= counts.opening
}

/// Below this many words, language detection guesses more than it knows.
const MIN_WORDS_TO_DETECT: usize = 20;

pub struct English;

/// Blocks are judged in runs of at least this many words: a list item alone
/// says too little about its language.
const CHUNK_WORDS: usize = 25;

/// Judging stops after this many words.
const MAX_JUDGED_WORDS: usize = 4_000;

impl Rule for English {
    fn id(&self) -> RuleId {
        RuleId::English
    }

    fn check(&self, _: &Posting, body: &BodyText, _: &Context, out: &mut Sink) {
        if body.words < MIN_WORDS_TO_DETECT {
            return;
        }
        if looks_english(&body.counts) {
            return;
        }
        let Some(verdict) = languages(body) else {
            return;
        };
        out.error(
            body.prose_span(verdict.first_at, 1),
            format!(
                "the description is in {} ({}% of its text); this board requires English",
                verdict.language, verdict.share
            ),
        )
        .set_evidence(format!("{}, {}%", verdict.language, verdict.share))
        .help = Some(if verdict.english_words > 0 {
            "a posting in two languages is welcome when its English version is complete; add the rest in English".into()
        } else {
            "write the description in English; a version in another language may follow it".into()
        });
    }
}

/// What the paragraphs of a body are written in, when most of it is
/// confidently in one language other than English.
struct Languages {
    language: &'static str,
    /// Of all words in judged paragraphs, in percent.
    share: usize,
    english_words: usize,
    /// Where the first paragraph in that language starts, in the prose.
    first_at: usize,
}

fn languages(body: &BodyText) -> Option<Languages> {
    // Paragraphs in runs of at least CHUNK_WORDS words, never across a heading.
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize, usize)> = None;
    for block in &body.blocks {
        use super::body::BlockKind;
        if matches!(block.kind, BlockKind::Code | BlockKind::Heading) {
            if let Some((start, end, _)) = open.take() {
                chunks.push((start, end));
            }
            continue;
        }
        let words = super::body::ascii_words(body.text_of(block)).count();
        let (start, _, count) = open.unwrap_or((block.range.start, block.range.end, 0));
        open = Some((start, block.range.end, count + words));
        if count + words >= CHUNK_WORDS {
            chunks.push((start, block.range.end));
            open = None;
        }
    }
    chunks.extend(open.map(|(start, end, _)| (start, end)));
    let mut english = 0usize;
    let mut other: Vec<(whatlang::Lang, usize, usize)> = Vec::new();
    let mut total = 0usize;
    for (start, end) in chunks {
        // The first few thousand words tell; a body longer than that is a
        // warning of its own.
        if total > MAX_JUDGED_WORDS {
            break;
        }
        let text = &body.prose[start..end];
        let words = super::body::ascii_words(text).count();
        total += words;
        if words < 8 {
            continue;
        }
        if looks_english_short(text) {
            english += words;
            continue;
        }
        let Some(info) = whatlang::detect(text) else {
            continue;
        };
        if info.lang() == whatlang::Lang::Eng {
            english += words;
        } else if info.is_reliable() || info.confidence() >= 0.5 {
            match other.iter_mut().find(|(l, _, _)| *l == info.lang()) {
                Some(entry) => entry.1 += words,
                None => other.push((info.lang(), words, start)),
            }
        }
    }
    let (lang, words, first_at) = other.into_iter().max_by_key(|(_, w, _)| *w)?;
    // A complete English version passes, whatever follows it.
    if words < MIN_WORDS_TO_DETECT || english * 2 >= words {
        return None;
    }
    Some(Languages {
        language: lang.eng_name(),
        share: words * 100 / total.max(1),
        english_words: english,
        first_at,
    })
}

/// `looks_english` for one paragraph, which may be short.
fn looks_english_short(text: &str) -> bool {
    let mut words = 0usize;
    let mut common = 0usize;
    for (_, word) in super::body::ascii_words(text) {
        words += 1;
        if is_common_english(word) {
            common += 1;
        }
    }
    words >= 8 && common * 5 >= words
}

#[cfg(test)]
mod tests {
    use super::looks_english;

    #[test]
    fn plain_english_is_recognised_quickly() {
        let config = crate::config::for_tests();
        let lexicon = crate::rules::lexicon::Lexicon::new(&config);
        let english =
            |t: &str| looks_english(&crate::rules::body::BodyText::scan(t, 1, &lexicon).counts);
        assert!(english(
            "We build scheduling software for hospitals. You will write Python every day with our team of four, and you will talk to the nurses who use it."
        ));
        assert!(!english(
            "Wir entwickeln Software für die Dienstplanung in Krankenhäusern. Sie schreiben jeden Tag Python mit unserem Team und sprechen mit den Pflegekräften."
        ));
        assert!(!english(
            "Nous développons des logiciels de planification pour les hôpitaux. Vous écrirez du Python tous les jours avec une équipe de quatre personnes."
        ));
    }
}
