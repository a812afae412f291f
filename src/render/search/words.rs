//! Words as the search index and `static/search.js` both cut them: the text
//! folded (lower case, accents off: "Zürich" is `zurich`), split at every
//! character that is not a letter or a digit, words of one letter and of
//! more than [`MAX_LEN`] left out, and the commonest English words
//! ([`STOP`]) too. The script cuts a query the same way (the index tells it
//! the stop words), so a word in a query is a key of the index.

use std::borrow::Cow;

/// Longer "words" are links, hashes and base64, which nobody types.
pub const MAX_LEN: usize = 32;

/// Words in nearly every posting: an index entry for each would hold every
/// job and find none. A query drops them too (`is_stop` says the same).
pub const STOP: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "of", "on", "or", "our", "that", "the", "their", "this", "to", "we", "will", "with",
    "you", "your",
];

/// The words of `text`, folded, in order (repeats kept).
pub fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    split(text).filter_map(|raw| {
        // One byte is one letter: too short ("ß" is two bytes, and `ss`).
        if raw.len() < 2 {
            return None;
        }
        let word = fold(raw);
        let len = if word.is_ascii() {
            word.len()
        } else {
            word.chars().count()
        };
        (len > 1 && len <= MAX_LEN && !is_stop(&word)).then_some(word)
    })
}

fn is_stop(word: &str) -> bool {
    // A match is a jump on the length, then a comparison or two.
    matches!(
        word,
        "a" | "an"
            | "and"
            | "are"
            | "as"
            | "at"
            | "be"
            | "by"
            | "for"
            | "from"
            | "has"
            | "have"
            | "in"
            | "is"
            | "it"
            | "of"
            | "on"
            | "or"
            | "our"
            | "that"
            | "the"
            | "their"
            | "this"
            | "to"
            | "we"
            | "will"
            | "with"
            | "you"
            | "your"
    )
}

/// Runs of letters and digits, each folded on its own (most are ASCII and
/// need no copy). A combining mark is no letter: decomposed text
/// ("Zu\u{308}rich") is [`composed`] first.
fn split(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A word as the index keys it: ASCII lower-cased in place, anything else
/// through [`crate::text::fold`].
fn fold(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else {
        Cow::Owned(crate::text::fold(word))
    }
}

/// Text whose combining marks stand apart from their letters (decomposed
/// "Zu\u{308}rich") would be split at them: such text is composed first.
pub fn composed(text: &str) -> Cow<'_, str> {
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    if text.is_ascii() || !text.chars().any(is_combining_mark) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// The English stem of a folded word (Snowball's Porter2: "engineers" and
/// "engineering" are both `engin`): the index groups words by it, so that a
/// query finds the other forms of its words.
pub fn stem(word: &str) -> String {
    rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)
        .stem(word)
        .into_owned()
}

/// Numbers as short text for JSON strings: base-32 digits, the last from
/// [`LAST`] and the others from [`MORE`], so that a list needs no separator
/// and a number under 32 is one character. `static/search.js` reads them.
pub fn push_number(out: &mut String, n: u32) {
    const MORE: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz6789-_";
    const LAST: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    let mut digits = [0u8; 7];
    let mut len = 0;
    let mut rest = n;
    loop {
        digits[len] = (rest % 32) as u8;
        len += 1;
        rest /= 32;
        if rest == 0 {
            break;
        }
    }
    for i in (1..len).rev() {
        out.push(MORE[usize::from(digits[i])] as char);
    }
    out.push(LAST[usize::from(digits[0])] as char);
}

/// An ascending list of numbers as gaps (`push_number` of each difference
/// less one): consecutive jobs cost a character each.
pub fn push_ascending(out: &mut String, numbers: impl IntoIterator<Item = u32>) {
    let mut next = 0;
    for n in numbers {
        push_number(out, n.saturating_sub(next));
        next = n + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_cut_at_what_is_not_a_letter() {
        let all: Vec<_> = words("Zürich: Data-Engineer (PhD) at Müller & Söhne, a C++ shop; k8s")
            .map(Cow::into_owned)
            .collect();
        assert_eq!(
            all,
            [
                "zurich", "data", "engineer", "phd", "muller", "sohne", "shop", "k8s"
            ]
        );
        assert_eq!(
            words(&composed("Zu\u{308}rich")).collect::<Vec<_>>(),
            ["zurich"]
        );
        assert_eq!(
            words("STRASSE Straße").collect::<Vec<_>>(),
            ["strasse", "strasse"]
        );
    }

    #[test]
    fn stop_words_are_one_list() {
        assert!(
            STOP.iter().all(|w| is_stop(w)),
            "the list and the match agree"
        );
        assert!(!is_stop("python"));
    }

    #[test]
    fn forms_of_a_word_share_a_stem() {
        assert_eq!(stem("engineers"), stem("engineering"));
        assert_eq!(stem("sponsorship"), "sponsorship");
        assert_eq!(stem("jobs"), stem("job"));
    }

    #[test]
    fn numbers_are_short_and_need_no_separator() {
        let mut out = String::new();
        for n in [0, 31, 32, 1023, 1024, u32::MAX] {
            push_number(&mut out, n);
        }
        assert_eq!(out, "A5bA_5baAd_____5");
        let mut gaps = String::new();
        push_ascending(&mut gaps, [0, 1, 2, 10]);
        assert_eq!(gaps, "AAAH");
    }
}
