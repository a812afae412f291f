//! Characters that have no place in a posting, and names that imitate
//! other names: Unicode's security mechanisms (UTS #39, with the
//! `unicode-security` crate) and character properties (`icu_properties`).
//!
//! A posting's text is checked once, when it is parsed: control characters,
//! noncharacters, bidirectional controls and invisible characters are
//! refused where they stand, so no later stage (a feed, a terminal, a
//! duplicate check) meets them.

use std::sync::LazyLock;

use icu_properties::CodePointSetData;
use icu_properties::props::{BidiControl, DefaultIgnorableCodePoint};
use unicode_normalization::UnicodeNormalization;
use unicode_security::{RestrictionLevel, RestrictionLevelDetection};

/// A character that has no place in a posting's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadChar {
    /// Its byte offset in the text.
    pub at: usize,
    pub c: char,
    pub what: &'static str,
}

impl BadChar {
    /// "U+202E (a right-to-left override)".
    pub fn describe(&self) -> String {
        format!("U+{:04X} ({})", u32::from(self.c), self.what)
    }
}

static IGNORABLE: LazyLock<icu_properties::CodePointSetDataBorrowed<'static>> =
    LazyLock::new(CodePointSetData::new::<DefaultIgnorableCodePoint>);
static BIDI: LazyLock<icu_properties::CodePointSetDataBorrowed<'static>> =
    LazyLock::new(CodePointSetData::new::<BidiControl>);

/// What a character is when it has no place in text, or `None`. Tabs and
/// line breaks are text; so are the joiners and variation selectors that
/// emoji are made of, next to a symbol.
fn classify(c: char, before: Option<char>, after: Option<char>) -> Option<&'static str> {
    if c == '\t' || c == '\n' {
        return None;
    }
    if c == '\r' {
        return (after != Some('\n')).then_some("a carriage return without a line feed");
    }
    if c.is_control() {
        return Some("a control character");
    }
    let u = u32::from(c);
    if (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE {
        return Some("a noncharacter");
    }
    if BIDI.contains(c) {
        return Some("a bidirectional control, which can reverse how text reads");
    }
    if IGNORABLE.contains(c) {
        let emoji = |x: Option<char>| {
            x.is_some_and(|x| !x.is_alphanumeric() && !x.is_whitespace() && u32::from(x) > 0x2000)
        };
        let in_emoji =
            matches!(c, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}') && (emoji(before) || emoji(after));
        if in_emoji {
            return None;
        }
        // A byte order mark at the very start is dropped when the file is read.
        return Some(match c {
            '\u{00AD}' => "a soft hyphen, which is invisible",
            '\u{200B}' => "a zero-width space",
            '\u{200C}' | '\u{200D}' => "a zero-width joiner",
            '\u{2060}' | '\u{FEFF}' => "a zero-width no-break space",
            _ => "an invisible character",
        });
    }
    if matches!(c, '\u{2028}' | '\u{2029}') {
        return Some("a Unicode line separator");
    }
    None
}

/// The first character of `text` that has no place in it.
pub fn bad_char(text: &str) -> Option<BadChar> {
    // Plain ASCII text without control characters is the common case
    // (looked at a block at a time without stopping inside one, so that it
    // is vectorized).
    let plain = |b: u8| (0x20..0x7F).contains(&b) | (b == b'\n') | (b == b'\t');
    if text
        .as_bytes()
        .chunks(64)
        .all(|block| block.iter().fold(true, |ok, &b| ok & plain(b)))
    {
        return None;
    }
    let mut before = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let after = chars.peek().map(|(_, c)| *c);
        if let Some(what) = classify(c, before, after) {
            return Some(BadChar { at, c, what });
        }
        before = Some(c);
    }
    None
}

/// Whether a character hides or reorders text: a bidirectional control,
/// an invisible character, a noncharacter or a line separator (controls
/// are `char::is_control`'s). Emoji joiners count too: out of context,
/// one character at a time, they cannot be told from a hidden one.
pub fn is_hidden(c: char) -> bool {
    !c.is_ascii() && classify(c, None, None).is_some()
}

/// Whether a value is blank to a reader: nothing but spaces and invisible
/// characters.
pub fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || IGNORABLE.contains(c))
}

/// A name written with look-alike letters of several scripts ("Аcme" with a
/// Cyrillic А), or with fullwidth letters: what is wrong with it.
pub fn spoofed_name(name: &str) -> Option<String> {
    if name.is_ascii() {
        return None;
    }
    let nfkc: String = name.nfkc().collect();
    let nfc: String = name.nfc().collect();
    if nfkc != nfc && nfc.chars().any(|c| ('\u{FF01}'..='\u{FF5E}').contains(&c)) {
        return Some(format!("is written in fullwidth letters; write `{nfkc}`"));
    }
    for word in nfc.split(|c: char| !(c.is_alphanumeric() || is_mark(c))) {
        let letters: String = word
            .chars()
            .filter(|c| c.is_alphabetic() || is_mark(*c))
            .collect();
        if letters.is_empty() {
            continue;
        }
        // Latin with Han, Hiragana and Katakana (Japanese), or Hangul, is
        // "highly restrictive" and normal; Latin with Cyrillic or Greek in
        // one word is how names are imitated.
        if letters.detect_restriction_level() > RestrictionLevel::HighlyRestrictive {
            let scripts = scripts_of(&letters);
            return Some(format!(
                "mixes {} letters in the word \"{word}\", as names imitating others do",
                scripts
            ));
        }
    }
    None
}

fn is_mark(c: char) -> bool {
    use unicode_normalization::char::is_combining_mark;
    is_combining_mark(c)
}

/// "Latin and Cyrillic": the scripts of a word's letters (common marks
/// and digits aside).
fn scripts_of(word: &str) -> String {
    use unicode_script::{Script, UnicodeScript};
    let mut names: Vec<&str> = Vec::new();
    for c in word.chars() {
        let script = c.script();
        if matches!(script, Script::Common | Script::Inherited | Script::Unknown) {
            continue;
        }
        let name = script.full_name();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    match names.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, init)) => format!("{} and {last}", init.join(", ")),
        None => String::new(),
    }
}

/// A name's identity for comparing: compatibility forms folded (NFKC), in
/// lower case, look-alike letters mapped to one (the UTS #39 skeleton), and
/// spacing ignored. "Аcme" and "acme", "Ｐｙｔｈｏｎ" and "python" are the
/// same; the key is never shown.
pub fn name_key(text: &str) -> String {
    if text.is_ascii() {
        return ascii_name_key(text);
    }
    let folded: String = text.nfkc().flat_map(char::to_lowercase).collect();
    let skeleton: String = unicode_security::confusable_detection::skeleton(&folded).collect();
    let lower: String = skeleton.chars().flat_map(char::to_lowercase).collect();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`name_key`] of ASCII text, from each character's skeleton (UTS #39
/// data, looked up once per character): most names are ASCII, and this is
/// made for every posting.
fn ascii_name_key(text: &str) -> String {
    static SKELETONS: LazyLock<Vec<String>> = LazyLock::new(|| {
        (0u8..128)
            .map(|b| {
                let lower = (b as char).to_ascii_lowercase().to_string();
                let skeleton: String =
                    unicode_security::confusable_detection::skeleton(&lower).collect();
                skeleton.chars().flat_map(char::to_lowercase).collect()
            })
            .collect()
    });
    let mut out = String::with_capacity(text.len() + 4);
    for word in text.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for b in word.bytes() {
            out.push_str(&SKELETONS[usize::from(b)]);
        }
    }
    out
}

/// Text in the composed form (NFC), which is how it is compared and shown.
pub fn composed(text: &str) -> String {
    if unicode_normalization::is_nfc(text) {
        text.to_string()
    } else {
        text.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_invisibles_are_found_where_they_are() {
        assert_eq!(bad_char("Python Engineer"), None);
        assert_eq!(bad_char("Zürich 🚀 Café"), None);
        assert_eq!(bad_char("line\nbreak\ttab"), None);
        assert_eq!(bad_char("crlf\r\nfine"), None);
        for (text, at, what) in [
            ("Python \u{8} x", 7, "control"),
            ("Python\u{1b}[2J", 6, "control"),
            ("a\u{0085}b", 1, "control"),
            ("x\u{FFFE}", 1, "noncharacter"),
            ("x\u{FDD0}", 1, "noncharacter"),
            ("evil\u{202E}gnp.exe", 4, "bidirectional"),
            ("un\u{200B}paid", 2, "zero-width space"),
            ("soft\u{AD}hyphen", 4, "soft hyphen"),
            ("lone\rcr", 4, "carriage return"),
            ("a\u{2028}b", 1, "line separator"),
        ] {
            let bad = bad_char(text).unwrap_or_else(|| panic!("{text:?}"));
            assert_eq!(bad.at, at, "{text:?}");
            assert!(bad.what.contains(what), "{text:?}: {}", bad.what);
        }
        // Emoji made of several code points are text.
        assert_eq!(bad_char("team 👩\u{200D}💻 and ❤\u{FE0F}"), None);
        assert!(is_blank("\u{3164} \u{200B}"));
        assert!(!is_blank("a"));
    }

    proptest::proptest! {
        /// A control or hidden character is found wherever it stands in
        /// plain text, whatever the block it falls in.
        #[test]
        fn a_bad_character_is_found_in_any_block(
            before in "[ -~\n\t]{0,200}",
            bad in "[\u{0}-\u{8}\u{b}\u{c}\u{e}-\u{1f}\u{7f}\u{202e}\u{200b}]",
            after in "[ -~\n\t]{0,100}",
        ) {
            let text = format!("{before}{bad}{after}");
            proptest::prop_assert_eq!(bad_char(&text).map(|b| b.at), Some(before.len()));
            proptest::prop_assert_eq!(bad_char(&format!("{before}{after}")), None);
        }
    }

    #[test]
    fn look_alike_names_are_refused_and_real_ones_pass() {
        for ok in [
            "Acme",
            "Müller & Söhne",
            "Société Générale",
            "東京データ株式会社",
            "Zürich AG",
            "Kraków Labs",
            "Αθήνα Data",
            "Яндекс",
        ] {
            assert_eq!(spoofed_name(ok), None, "{ok}");
        }
        assert!(
            spoofed_name("Аcme").is_some_and(|m| m.contains("Cyrillic and Latin")),
            "{:?}",
            spoofed_name("Аcme")
        );
        assert!(spoofed_name("Ѕberbank").is_some());
        assert!(spoofed_name("Ｐｙｔｈｏｎ Labs").is_some_and(|m| m.contains("fullwidth")));
        assert_eq!(spoofed_name("Zu\u{308}rich"), None);
    }

    #[test]
    fn disguised_names_have_one_key() {
        assert_eq!(name_key("Аcme"), name_key("ACME"));
        assert_eq!(name_key("Ｐｙｔｈｏｎ  Labs"), name_key("python labs"));
        assert_eq!(name_key("Zu\u{308}rich"), name_key("Zürich"));
        assert_ne!(name_key("Acme"), name_key("Acne"));
        // The ASCII path agrees with the general one.
        for name in ["Acme Analytics", "PayPaI  Inc", "rn0l1|", "Müller"] {
            let general: String = {
                let folded: String = name.nfkc().flat_map(char::to_lowercase).collect();
                let s: String = unicode_security::confusable_detection::skeleton(&folded).collect();
                let lower: String = s.chars().flat_map(char::to_lowercase).collect();
                lower.split_whitespace().collect::<Vec<_>>().join(" ")
            };
            assert_eq!(name_key(name), general, "{name}");
        }
    }
}
