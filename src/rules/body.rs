//! A posting's body as the rules read it, scanned once: its prose (without
//! Markdown syntax, link targets or HTML), its links and its raw HTML, each
//! with the place it stands in the file.

use pulldown_cmark::{Event, Parser, Tag};

use crate::diagnostic::Span;
use crate::markdown;
use crate::text::LineIndex;

pub struct BodyText<'a> {
    markdown: &'a str,
    index: LineIndex<'a>,
    /// The prose, pieces joined by spaces.
    pub prose: String,
    /// Where each piece of `prose` starts, and where it came from in the body.
    pieces: Vec<(usize, usize)>,
    pub links: Vec<Link>,
    /// Raw HTML and the body offset it starts at.
    pub html: Vec<(String, usize)>,
    /// How many words the prose has, as a reader counts them.
    pub words: usize,
}

/// A Markdown link or image.
pub struct Link {
    pub dest: String,
    pub image: bool,
    pub span: Span,
}

impl<'a> BodyText<'a> {
    pub fn scan(markdown: &'a str, first_line: u32) -> Self {
        let index = LineIndex::new(markdown, first_line);
        let mut prose = String::with_capacity(markdown.len());
        let mut pieces = Vec::new();
        let mut links = Vec::new();
        let mut html = Vec::new();
        for (event, range) in Parser::new_ext(markdown, markdown::options()).into_offset_iter() {
            match event {
                Event::Text(text) | Event::Code(text) => {
                    if !prose.is_empty() {
                        prose.push(' ');
                    }
                    pieces.push((prose.len(), range.start));
                    prose.push_str(&text);
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    links.push(Link {
                        dest: dest_url.to_string(),
                        image: false,
                        span: index.span(range),
                    });
                }
                Event::Start(Tag::Image { dest_url, .. }) => {
                    links.push(Link {
                        dest: dest_url.to_string(),
                        image: true,
                        span: index.span(range),
                    });
                }
                Event::Html(text) | Event::InlineHtml(text) => {
                    html.push((text.to_string(), range.start))
                }
                _ => {}
            }
        }
        let words = count_words(&prose);
        Self {
            markdown,
            index,
            prose,
            pieces,
            links,
            html,
            words,
        }
    }

    /// Where the prose at `offset` stands in the file.
    pub fn prose_span(&self, offset: usize, len: usize) -> Span {
        let at = self
            .pieces
            .partition_point(|(start, _)| *start <= offset)
            .saturating_sub(1);
        let (start, source) = self.pieces.get(at).copied().unwrap_or((0, 0));
        let from = (source + offset - start).min(self.markdown.len());
        self.index.span(from..(from + len).min(self.markdown.len()))
    }

    /// Where the body offset `offset` stands in the file.
    pub fn span(&self, offset: usize, len: usize) -> Span {
        self.index.span(offset..offset + len)
    }
}

/// Words as a reader counts them: runs of letters and digits (an
/// apostrophe inside keeps a word whole).
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut count, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        // ASCII byte by byte; anything else decoded as the character it is.
        let (letter, apostrophe, len) = if bytes[i] < 0x80 {
            (bytes[i].is_ascii_alphanumeric(), bytes[i] == b'\'', 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c == '’', c.len_utf8())
        };
        if letter && !in_word {
            count += 1;
        }
        in_word = letter || (in_word && apostrophe);
        i += len;
    }
    count
}

/// The words of `text` split at ASCII punctuation and spaces, with their
/// byte offsets: a fast tokenizer for rules that look for English words
/// (any non-ASCII character counts as part of a word).
pub fn ascii_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && bytes[i] < 0x80 && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && (bytes[i] >= 0x80 || bytes[i].is_ascii_alphanumeric()) {
            i += 1;
        }
        Some((start, &text[start..i]))
    })
}

/// Byte offsets of `word` in `text` as a whole word, in any case: not next
/// to another letter ("Python3" mentions Python; "CPython" does not).
pub fn find_word(text: &str, word: &str) -> Vec<usize> {
    if word.is_empty() || !word.is_ascii() {
        return find_word_slow(text, word);
    }
    // ASCII lower-casing keeps every byte where it was.
    let hay = text.to_ascii_lowercase();
    let needle = word.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = hay[from..].find(&needle) {
        let at = from + i;
        let end = at + needle.len();
        let before = hay[..at].chars().next_back();
        let after = hay[end..].chars().next();
        if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
            found.push(at);
        }
        from = at + needle.len().max(1);
    }
    found
}

fn find_word_slow(text: &str, word: &str) -> Vec<usize> {
    let want: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    for start in 0..chars.len() {
        let matches = want.iter().enumerate().all(|(k, w)| {
            chars
                .get(start + k)
                .is_some_and(|(_, c)| c.to_lowercase().eq(std::iter::once(*w)))
        });
        let before = start.checked_sub(1).map(|i| chars[i].1);
        let after = chars.get(start + want.len()).map(|(_, c)| *c);
        if matches && !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
            found.push(chars[start].0);
        }
    }
    found
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_in_any_case() {
        assert_eq!(
            find_word("Python, python3 and PYTHON", "python"),
            vec![0, 8, 20]
        );
        assert!(find_word("CPython and Pythonic", "Python").is_empty());
        assert_eq!(find_word("snake_python", "python"), Vec::<usize>::new());
        assert_eq!(find_word("İstanbul Python", "python").len(), 1);
    }

    #[test]
    fn prose_leaves_out_link_targets_and_html() {
        let body = BodyText::scan("See [our site](https://python.example) <b>now</b>\n", 10);
        assert!(body.prose.contains("our site"));
        assert!(!body.prose.contains("python.example"));
        assert_eq!(body.links.len(), 1);
        assert_eq!(body.links[0].span.start, crate::diagnostic::Pos::new(10, 5));
        assert_eq!(body.html.len(), 2);
        assert_eq!(body.words, 4);
    }

    #[test]
    fn prose_offsets_map_back_to_the_file() {
        let body = BodyText::scan("# Title\n\nWe pay *well*.\n", 5);
        let at = body.prose.find("well").expect("word");
        assert_eq!(
            body.prose_span(at, 4).start,
            crate::diagnostic::Pos::new(7, 9)
        );
    }
}
