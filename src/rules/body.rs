//! A posting's body as the rules read it, scanned once: its prose (without
//! Markdown syntax, link targets or HTML) in blocks (paragraphs, list items,
//! headings, code), its links and its raw HTML, each with the place it stands
//! in the file, and the terms of the board's lexicon found in the prose.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::lexicon::{Hit, Lexicon};
use crate::diagnostic::Span;
use crate::markdown;
use crate::text::LineIndex;

pub struct BodyText<'a> {
    markdown: &'a str,
    index: LineIndex<'a>,
    /// The prose: the text of each block as written, blocks joined by line breaks.
    pub prose: String,
    /// Where each piece of `prose` starts, and where it came from in the body.
    pieces: Vec<(usize, usize)>,
    /// The blocks of the prose, in order.
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    /// Raw HTML and the body offset it starts at.
    pub html: Vec<(String, usize)>,
    /// How many words the prose has, as a reader counts them.
    pub words: usize,
    /// The lexicon's terms in the prose, in order.
    pub hits: Vec<Hit>,
    /// The lexicon's terms in the posting's title (set by the caller, which
    /// has the title).
    pub title_hits: Vec<Hit>,
    /// What one pass over the prose's words tells the rules.
    pub counts: WordCounts,
    /// The description's signature, for `near-duplicate`.
    pub signature: super::similar::Signature,
}

/// Counts of the prose's words (split at ASCII punctuation and spaces),
/// made in the one pass that also makes the signature.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordCounts {
    /// Words of three or more letters, and how many of them are in capitals.
    pub long: usize,
    pub capitals: usize,
    /// Of the first [`OPENING`] words, how many there are and how many are
    /// among the commonest English words.
    pub opening: usize,
    pub opening_common: usize,
}

/// How many words open a body, for telling its language quickly.
pub const OPENING: usize = 400;

impl WordCounts {
    /// Counts word `n` of the prose; `common`: it is one of the commonest
    /// English words.
    fn add(&mut self, n: usize, word: &str, common: bool) {
        if n < OPENING {
            self.opening += 1;
            if common {
                self.opening_common += 1;
            }
        }
        if word.len() >= 3 && word.bytes().all(|b| b.is_ascii_alphabetic()) {
            self.long += 1;
            if word.bytes().all(|b| b.is_ascii_uppercase()) {
                self.capitals += 1;
            }
        }
    }
}

/// A paragraph, list item, heading, table cell or code block of the prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Its text in `prose`.
    pub range: Range<usize>,
    /// The heading it stands under: an index into `blocks`.
    pub section: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    Item,
    Cell,
    Code,
}

/// A Markdown link or image.
pub struct Link {
    pub dest: String,
    pub image: bool,
    pub span: Span,
}

impl<'a> BodyText<'a> {
    pub fn scan(markdown: &'a str, first_line: u32, lexicon: &Lexicon) -> Self {
        Self::from_events(
            markdown,
            first_line,
            &markdown::events(markdown),
            lexicon,
            true,
        )
    }

    /// The body as the rules read it, from its Markdown already parsed
    /// (`markdown::events`): the same events are then rendered. The
    /// signature is made when `sign` (only `near-duplicate` needs it, and
    /// only when judging).
    pub fn from_events(
        markdown: &'a str,
        first_line: u32,
        events: &[(Event<'_>, Range<usize>)],
        lexicon: &Lexicon,
        sign: bool,
    ) -> Self {
        let index = LineIndex::new(markdown, first_line);
        let mut prose = String::with_capacity(markdown.len());
        let mut pieces = Vec::new();
        let mut links = Vec::new();
        let mut html = Vec::new();
        let mut blocks: Vec<Block> = Vec::new();
        // The containers the parser is in, and whether a block is open.
        let mut stack: Vec<BlockKind> = Vec::new();
        let mut open = false;
        let mut section = None;
        // Inside an image: its alt text is not prose a reader sees.
        let mut in_image = 0usize;
        // Whether all text of the paragraph so far is bold: a paragraph
        // that is only "**Requirements**" is a heading as readers see it.
        let mut strong = 0usize;
        let mut all_strong = true;
        for (event, range) in events {
            let range = range.clone();
            match event {
                Event::Text(_) | Event::Code(_) if in_image > 0 => {}
                Event::Text(text) | Event::Code(text) => {
                    if strong == 0 {
                        all_strong = false;
                    }
                    if !open {
                        if !prose.is_empty() {
                            prose.push('\n');
                        }
                        let kind = stack.last().copied().unwrap_or(BlockKind::Paragraph);
                        blocks.push(Block {
                            kind,
                            range: prose.len()..prose.len(),
                            section,
                        });
                        if kind == BlockKind::Heading {
                            section = Some(blocks.len() - 1);
                        }
                        open = true;
                    }
                    // The parser splits text at `[`, `&` and the like: the
                    // pieces of a block are joined as they were written.
                    pieces.push((prose.len(), range.start));
                    prose.push_str(text);
                    if let Some(block) = blocks.last_mut() {
                        block.range.end = prose.len();
                    }
                }
                Event::Start(tag) => {
                    let kind = match &tag {
                        Tag::Paragraph => Some(BlockKind::Paragraph),
                        Tag::Heading { .. } => Some(BlockKind::Heading),
                        Tag::Item => Some(BlockKind::Item),
                        Tag::TableCell => Some(BlockKind::Cell),
                        Tag::CodeBlock(_) => Some(BlockKind::Code),
                        _ => None,
                    };
                    if matches!(tag, Tag::Strong) {
                        strong += 1;
                    }
                    if kind == Some(BlockKind::Paragraph) {
                        all_strong = true;
                    }
                    if let Some(kind) = kind {
                        // A paragraph in a list item is still the item.
                        let inner = match (kind, stack.last()) {
                            (BlockKind::Paragraph, Some(BlockKind::Item)) => BlockKind::Item,
                            _ => kind,
                        };
                        stack.push(inner);
                        open = false;
                    }
                    match tag {
                        Tag::Link {
                            link_type,
                            dest_url,
                            ..
                        } => links.push(Link {
                            // An e-mail autolink (`<jobs@acme.example>`) is a
                            // `mailto:` link once rendered.
                            dest: if *link_type == LinkType::Email {
                                format!("mailto:{dest_url}")
                            } else {
                                dest_url.to_string()
                            },
                            image: false,
                            span: index.span(range),
                        }),
                        Tag::Image { dest_url, .. } => {
                            in_image += 1;
                            links.push(Link {
                                dest: dest_url.to_string(),
                                image: true,
                                span: index.span(range),
                            });
                        }
                        _ => {}
                    }
                }
                Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
                Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
                Event::End(TagEnd::Paragraph)
                    if open && all_strong && stack.last() == Some(&BlockKind::Paragraph) =>
                {
                    stack.pop();
                    open = false;
                    if let Some(block) = blocks.last_mut() {
                        block.kind = BlockKind::Heading;
                        section = Some(blocks.len() - 1);
                    }
                }
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::CodeBlock,
                ) => {
                    stack.pop();
                    open = false;
                }
                Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => open = false,
                Event::SoftBreak | Event::HardBreak if open => prose.push(' '),
                Event::Html(text) | Event::InlineHtml(text) => {
                    // `a<br>b` is two words.
                    if open {
                        prose.push(' ');
                    }
                    html.push((text.to_string(), range.start))
                }
                _ => {}
            }
        }
        let words = count_words(&prose);
        let hits = lexicon.scan(&prose);
        let mut counts = WordCounts::default();
        let mut signature = super::similar::Signer::default();
        for (n, (_, word)) in ascii_words(&prose).enumerate() {
            // Lower-cased once for both, when either asks: the commonest
            // words are short.
            let short = (n < OPENING || sign).then(|| lower_ascii(word)).flatten();
            let short = short.as_ref().map(|(lower, len)| &lower[..*len]);
            let common = short.is_some_and(super::language::is_common_lower);
            counts.add(n, word, common);
            if sign {
                let filler = common || short.is_some_and(super::similar::is_extra_filler);
                signature.add_word(word, filler);
            }
        }
        Self {
            markdown,
            index,
            prose,
            pieces,
            blocks,
            links,
            html,
            words,
            hits,
            title_hits: Vec::new(),
            counts,
            signature: signature.finish(),
        }
    }

    /// Where the prose at `offset` stands in the file.
    pub fn prose_span(&self, offset: usize, len: usize) -> Span {
        let at = self
            .pieces
            .partition_point(|(start, _)| *start <= offset)
            .saturating_sub(1);
        let (start, source) = self.pieces.get(at).copied().unwrap_or((0, 0));
        let from = (source + offset.saturating_sub(start)).min(self.markdown.len());
        self.index.span(from..(from + len).min(self.markdown.len()))
    }

    /// Where the body offset `offset` stands in the file.
    pub fn span(&self, offset: usize, len: usize) -> Span {
        self.index.span(offset..offset + len)
    }

    /// The block that holds the prose offset `at`.
    pub fn block_at(&self, at: usize) -> Option<&Block> {
        let i = self.blocks.partition_point(|b| b.range.start <= at);
        self.blocks.get(i.checked_sub(1)?)
    }

    /// The text of the heading a block stands under.
    pub fn heading_of(&self, block: &Block) -> Option<&str> {
        let heading = self.blocks.get(block.section?)?;
        self.prose.get(heading.range.clone())
    }

    /// The prose of a block.
    pub fn text_of(&self, block: &Block) -> &str {
        self.prose.get(block.range.clone()).unwrap_or_default()
    }

    /// The hits that start within `range` of the prose (hits are in order).
    pub fn hits_in(&self, range: Range<usize>) -> &[Hit] {
        let from = self.hits.partition_point(|h| h.start < range.start);
        let to = self.hits.partition_point(|h| h.start < range.end);
        &self.hits[from..to.max(from)]
    }

    /// The hits of one family of phrases.
    pub fn phrases(&self, family: super::lexicon::Family) -> impl Iterator<Item = &Hit> {
        self.hits
            .iter()
            .filter(move |h| h.term == super::lexicon::Term::Phrase(family))
    }

    /// A quotation of the prose from `start` to `end`, for messages.
    pub fn quote(&self, start: usize, end: usize) -> &str {
        self.prose.get(start..end).unwrap_or_default()
    }
}

/// Words as a reader counts them: runs of letters and digits (an
/// apostrophe inside keeps a word whole).
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut count, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        // Most of a posting is ASCII without apostrophes: there a word
        // starts at each letter after a non-letter, counted a block at a
        // time without branches (vectorized).
        let end = (i + BLOCK).min(bytes.len());
        let block = &bytes[i..end];
        if block
            .iter()
            .fold(true, |plain, &b| plain & (b < 0x80) & (b != b'\''))
        {
            let letter = |b: &u8| usize::from(b.is_ascii_alphanumeric());
            let first = letter(&block[0]) & usize::from(!in_word);
            let after_non_letters: usize = block
                .windows(2)
                .map(|pair| letter(&pair[1]) & (1 - letter(&pair[0])))
                .sum();
            count += first + after_non_letters;
            in_word = block.last().is_some_and(u8::is_ascii_alphanumeric);
            i = end;
            continue;
        }
        // Else character by character to the block's end (and past it to
        // the end of a character).
        while i < end {
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
    }
    count
}

/// The bytes [`count_words`] looks at together.
const BLOCK: usize = 64;

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

/// A short ASCII word (four letters at most) in lower case, for matching
/// against lists of the commonest words without allocating.
pub fn lower_ascii(word: &str) -> Option<([u8; 4], usize)> {
    if word.len() > 4 || !word.is_ascii() {
        return None;
    }
    let mut lower = [0u8; 4];
    for (l, b) in lower.iter_mut().zip(word.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    Some((lower, word.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::new(&crate::config::for_tests())
    }

    proptest::proptest! {
        /// Counted a block at a time, words are what a reader counts,
        /// character by character, wherever apostrophes and letters
        /// beyond ASCII stand.
        #[test]
        fn words_counted_in_blocks_are_a_readers_words(
            text in "([a-z0-9]{0,9}[ .,'’\n-]{0,3}){0,40}(é|ü|日|’|'| )?([A-Za-z ]{0,80}'?){0,3}",
        ) {
            let (mut count, mut in_word) = (0, false);
            for c in text.chars() {
                let letter = c.is_alphanumeric();
                count += usize::from(letter && !in_word);
                in_word = letter || (in_word && (c == '\'' || c == '’'));
            }
            proptest::prop_assert_eq!(count_words(&text), count);
        }
    }

    #[test]
    fn blocks_know_their_kind_and_heading() {
        let body = BodyText::scan(
            "Intro text.\n\n## Nice to have\n\n- Some **Go**\n- Rust\n\n  More.\n\n```\ncode\n```\n\n**Bold heading**\n\nAfter it.\n",
            1,
            &lexicon(),
        );
        let kinds: Vec<(BlockKind, &str)> = body
            .blocks
            .iter()
            .map(|b| (b.kind, body.text_of(b)))
            .collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Paragraph, "Intro text."),
                (BlockKind::Heading, "Nice to have"),
                (BlockKind::Item, "Some Go"),
                (BlockKind::Item, "Rust"),
                (BlockKind::Item, "More."),
                (BlockKind::Code, "code\n"),
                (BlockKind::Heading, "Bold heading"),
                (BlockKind::Paragraph, "After it."),
            ]
        );
        assert_eq!(body.heading_of(&body.blocks[7]), Some("Bold heading"));
        let item = &body.blocks[2];
        assert_eq!(body.heading_of(item), Some("Nice to have"));
        assert_eq!(body.heading_of(&body.blocks[0]), None);
    }

    #[test]
    fn an_email_autolink_is_a_mailto_link() {
        let body = BodyText::scan("Write to <jobs@acme.example>.\n", 1, &lexicon());
        assert_eq!(body.links[0].dest, "mailto:jobs@acme.example");
    }

    #[test]
    fn prose_leaves_out_link_targets_and_html() {
        let body = BodyText::scan(
            "See [our site](https://python.example) <b>now</b>\n",
            10,
            &lexicon(),
        );
        assert!(body.prose.contains("our site"));
        assert!(!body.prose.contains("python.example"));
        assert_eq!(body.links.len(), 1);
        assert_eq!(body.links[0].span.start, crate::diagnostic::Pos::new(10, 5));
        assert_eq!(body.html.len(), 2);
        assert_eq!(body.words, 4);
    }

    #[test]
    fn prose_offsets_map_back_to_the_file() {
        let body = BodyText::scan("# Title\n\nWe pay *well*.\n", 5, &lexicon());
        let at = body.prose.find("well").expect("word");
        assert_eq!(
            body.prose_span(at, 4).start,
            crate::diagnostic::Pos::new(7, 9)
        );
    }
}
