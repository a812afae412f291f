//! Text for every stage: positions (byte offsets to line and column, and
//! back), text made safe for a terminal or for HTML and XML, word lists.

use crate::diagnostic::{Pos, Span};

/// Maps byte offsets of a text to file positions. The text may be a part of a
/// file (the body of a posting), so its first line has a number of its own.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: u32,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str, first_line: u32) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Self {
            text,
            starts,
            first_line,
        }
    }

    /// The position of the character at `offset` (clamped to the text and to a
    /// character boundary).
    pub fn pos(&self, offset: usize) -> Pos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[self.starts[line]..offset].chars().count() + 1;
        Pos::new(self.first_line + to_u32(line), to_u32(column))
    }

    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.pos(range.start), self.pos(range.end))
    }
}

/// The text of line `line` (1-based) without its line break, if the text has it.
pub fn line_of(text: &str, line: u32) -> Option<&str> {
    let index = usize::try_from(line).ok()?.checked_sub(1)?;
    text.split('\n')
        .nth(index)
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
}

/// Byte offset of the character at 1-based `column` in `line`, or the line's end.
pub fn column_offset(line: &str, column: u32) -> usize {
    let skip = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
    line.char_indices().nth(skip).map_or(line.len(), |(i, _)| i)
}

pub fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Text from a posting made safe for a terminal or a CI log: control
/// characters (escape sequences, carriage returns, line breaks),
/// bidirectional controls and invisible characters are shown as escapes
/// (`\u{202e}`) instead of acting or hiding.
pub fn inert(text: &str) -> String {
    let acts = |c: char| c != '\t' && (c.is_control() || crate::unicode::is_hidden(c));
    if !text.chars().any(acts) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if acts(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Text as HTML and XML can carry it: without the control characters
/// (but tab and line breaks) and noncharacters that XML 1.0 forbids and
/// HTML calls errors. Posting text never has them (the parser refuses
/// them); this is the writers' own guarantee, so a gap in a check cannot
/// break a feed for every subscriber.
pub fn carried(text: &str) -> std::borrow::Cow<'_, str> {
    if !may_be_unfit(text.as_bytes()) {
        return std::borrow::Cow::Borrowed(text);
    }
    let unfit = |c: char| {
        let u = u32::from(c);
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || (0xFDD0..=0xFDEF).contains(&u)
            || (u & 0xFFFE) == 0xFFFE
    };
    if text.chars().any(unfit) {
        std::borrow::Cow::Owned(text.chars().filter(|c| !unfit(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Whether `bytes` has a byte that can start a character HTML and XML
/// cannot carry: a control (but tab and line breaks), or the lead byte of a
/// C1 control or a noncharacter. Most text has none; text that has one is
/// looked at again, character by character (so is text with `·`, which
/// shares its lead byte with the C1 controls, or with emoji or anything
/// else from U+F000 up). It runs over every page and feed made: looked at
/// a block at a time without stopping inside one, which the compiler
/// vectorizes.
pub fn may_be_unfit(bytes: &[u8]) -> bool {
    let suspect = |b: u8| {
        (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r')
            | (b == 0x7F)
            | (b == 0xC2)
            | (b >= 0xEF)
    };
    bytes
        .chunks(64)
        .any(|block| block.iter().fold(false, |seen, &b| seen | suspect(b)))
}

/// `12,345`.
pub fn thousands(n: usize) -> String {
    group_digits(&n.to_string())
}

/// Commas between groups of three in a run of ASCII digits: `1234567` → `1,234,567`.
pub fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `a`, `a or b`, `a, b or c`.
pub fn list_words(words: &[&str], last: &str) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., tail] => format!("{} {last} {tail}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_from_the_first_line() {
        let index = LineIndex::new("ab\nçd\r\nef", 10);
        assert_eq!(index.pos(0), Pos::new(10, 1));
        assert_eq!(index.pos(3), Pos::new(11, 1));
        assert_eq!(index.pos(5), Pos::new(11, 2)); // after the two-byte ç
        assert_eq!(index.pos(4), Pos::new(11, 1)); // inside ç: back to its start
        assert_eq!(index.pos(8), Pos::new(12, 1));
        assert_eq!(index.pos(999), Pos::new(12, 3));
    }

    #[test]
    fn control_characters_cannot_act() {
        assert_eq!(inert("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\\nc");
        assert_eq!(inert("plain\ttext"), "plain\ttext");
        assert_eq!(
            inert("gnp\u{202e}.exe a\u{200b}b"),
            "gnp\\u{202e}.exe a\\u{200b}b"
        );
        assert_eq!(inert("Zürich 🚀"), "Zürich 🚀");
    }

    #[test]
    fn text_is_carried_without_what_xml_forbids() {
        assert_eq!(
            carried("Python Engineer \u{8} x\u{1b}\u{0}\u{FFFE}\u{85}"),
            "Python Engineer  x"
        );
        assert_eq!(
            carried("tab\tand\nline Zürich 🚀"),
            "tab\tand\nline Zürich 🚀"
        );
    }

    proptest::proptest! {
        /// The quick look at the bytes misses no unfit character, wherever
        /// it stands in a block: carried text is the text without them.
        #[test]
        fn no_unfit_character_slips_past_the_quick_look(
            text in "([a-z ]{0,70}[\u{0}-\u{1f}\u{7f}-\u{a0}·\u{fdd0}-\u{fdef}\u{fffd}-\u{ffff}\u{1fffe}\u{10ffff}é🚀]?){0,6}",
        ) {
            let unfit = |c: char| {
                let u = u32::from(c);
                (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                    || (0xFDD0..=0xFDEF).contains(&u)
                    || (u & 0xFFFE) == 0xFFFE
            };
            let expected: String = text.chars().filter(|c| !unfit(*c)).collect();
            proptest::prop_assert_eq!(carried(&text), expected);
            if text.chars().any(unfit) {
                proptest::prop_assert!(may_be_unfit(text.as_bytes()));
            }
        }
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10_001), "10,001");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn word_lists_read_as_sentences() {
        assert_eq!(list_words(&["DE"], "or"), "DE");
        assert_eq!(list_words(&["DE", "AT", "CH"], "or"), "DE, AT or CH");
    }

    #[test]
    fn lines_and_columns_back_to_text() {
        let text = "one\r\ntwo\nthr€e";
        assert_eq!(line_of(text, 1), Some("one"));
        assert_eq!(line_of(text, 3), Some("thr€e"));
        assert_eq!(line_of(text, 4), None);
        assert_eq!(line_of(text, 0), None);
        assert_eq!(column_offset("thr€e", 5), 6);
        assert_eq!(column_offset("thr€e", 50), 7);
    }
}

/// Text safe inside HTML or XML, in an element or a quoted attribute.
pub fn escape_markup(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Text as a reader's search matches it: lower case, accents off (`Zürich`
/// → `zurich`), and the few letters that have no accent to drop spelled as
/// people type them without (`ß` → `ss`, `ø` → `o`). `static/search.js`
/// folds a query the same way (its `fold`).
pub fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            'ı' => out.push('i'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod fold_tests {
    use super::fold;

    #[test]
    fn searches_match_without_case_or_accents() {
        assert_eq!(fold("Zürich"), "zurich");
        assert_eq!(fold("Müller & Söhne"), "muller & sohne");
        assert_eq!(fold("São Paulo"), "sao paulo");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Ørsted, Łódź"), "orsted, lodz");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Remote · Full-time"), "remote · full-time");
    }
}
