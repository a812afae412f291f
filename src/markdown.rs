//! A posting's Markdown body to sanitized HTML.
//!
//! pulldown-cmark renders (tables, strikethrough, task lists, footnotes), then
//! ammonia removes everything a stranger's text must not bring to a reader:
//! scripts, styles, frames, forms, event handlers, and links other than
//! http, https and mailto. What comes out is safe to put in a page or a feed.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The URL schemes a posting may link to (SPEC `link-scheme`).
pub const LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Ids a posting's HTML may carry start with this, so that they can never
/// clash with the page's own ids or with another posting's footnotes.
const ID_PREFIX: &str = "user-";

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(LINK_SCHEMES.iter().copied().collect::<HashSet<_>>())
        .url_relative(ammonia::UrlRelative::Custom(Box::new(only_fragments)))
        .link_rel(Some(LINK_REL))
        .add_tag_attributes("div", &["id"])
        .add_tag_attributes("li", &["id"])
        .add_tag_attributes("sup", &["id"])
        .add_allowed_classes("div", &["footnote-definition"])
        .add_allowed_classes("sup", &["footnote-reference", "footnote-definition-label"])
        .id_prefix(Some(ID_PREFIX))
        .strip_comments(true);
    builder
});

/// The elements the sanitizer keeps; any other is removed.
pub fn kept_tags() -> &'static HashSet<&'static str> {
    static KEPT: LazyLock<HashSet<&'static str>> = LazyLock::new(|| SANITIZER.clone_tags());
    &KEPT
}

/// Within a posting, only links to its own footnotes may be relative: a path
/// would point into the board's site, where the posting cannot know what is.
fn only_fragments(url: &str) -> Option<Cow<'_, str>> {
    url.starts_with('#').then_some(Cow::Borrowed(url))
}

/// Removes what a posting may not bring: the last word on what reaches a page.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// A body rendered: sanitized HTML, and the start of its text for summaries.
pub struct Rendered {
    pub html: String,
    /// The first words of the body as plain text (about 160 characters).
    pub excerpt: String,
    /// More of them (about 300 characters), for feeds.
    pub opening: String,
    /// All of it as plain text, for the search index and its excerpts.
    pub text: String,
}

/// A body's Markdown as events with where each stands in it: parsed once,
/// read by the rules (`rules::body`) and rendered (`render_events`).
pub fn events(markdown: &str) -> Vec<(Event<'_>, std::ops::Range<usize>)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .collect()
}

/// The `rel` of every link in a posting: it is the posting's, not ours.
const LINK_REL: &str = "nofollow ugc noopener noreferrer";

/// Renders `markdown` to sanitized HTML. `slug` keeps footnote ids apart from
/// those of other postings shown on the same page or feed.
///
/// Most bodies are plain Markdown: no raw HTML, images or footnotes. For
/// those pulldown-cmark's own output is already what ammonia would keep,
/// once links are written with our `rel` and only allowed schemes, so the
/// costly sanitizing pass (an HTML parse) is skipped. A test proves on
/// random Markdown that ammonia would change nothing in that output.
pub fn render(markdown: &str, slug: &str) -> Rendered {
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    render_events(events, markdown.len(), slug)
}

/// [`render`] of a body already parsed (`events`), of `len` bytes.
pub fn render_events(events: Vec<Event<'_>>, len: usize, slug: &str) -> Rendered {
    // What HTML cannot carry never reaches a page or feed, whatever the
    // checks let through (the parser refuses it in postings).
    let opening = crate::text::carried(&excerpt(&events, 300)).into_owned();
    let excerpt = shorter(&opening, 160);
    let text = crate::text::carried(&plain_text(&events, len)).into_owned();
    let plain = is_plain(&events);
    let events = shape(events, slug);
    let mut html = String::with_capacity(len * 3 / 2);
    if plain {
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(plain_html));
        let html = match crate::text::carried(&html) {
            std::borrow::Cow::Borrowed(_) => html,
            std::borrow::Cow::Owned(clean) => clean,
        };
        Rendered {
            html,
            excerpt,
            opening,
            text,
        }
    } else {
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        Rendered {
            html: crate::text::carried(&sanitize(&html)).into_owned(),
            excerpt,
            opening,
            text,
        }
    }
}

/// Whether a body is plain Markdown, whose HTML needs no sanitizing pass:
/// no raw HTML, images or footnotes.
fn is_plain(events: &[Event]) -> bool {
    !events.iter().any(|e| {
        matches!(
            e,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::Image { .. } | Tag::FootnoteDefinition(_))
                | Event::FootnoteReference(_)
        )
    })
}

/// What every body gets: headings below the page's title, footnotes named
/// after the posting, task boxes as text.
fn shape<'a>(events: Vec<Event<'a>>, slug: &str) -> Vec<Event<'a>> {
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let footnote = |label: &str| -> CowStr<'static> {
        format!("{ID_PREFIX}fn-{slug}-{}", slug::slugify(label)).into()
    };
    events
        .into_iter()
        .map(|event| match event {
            // The page's title is its only h1: the body's headings start at h2.
            // No id, class or attribute of the author's: none would survive
            // the sanitizer, and the plain path does not run it.
            Event::Start(Tag::Heading { level, .. }) => Event::Start(Tag::Heading {
                level: shift(level, top),
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level, top))),
            Event::FootnoteReference(label) => Event::FootnoteReference(footnote(&label)),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                Event::Start(Tag::FootnoteDefinition(footnote(&label)))
            }
            // A checkbox in a form-free page is noise; a ballot box says the same.
            Event::TaskListMarker(done) => Event::Text(if done { "☑ " } else { "☐ " }.into()),
            other => other,
        })
        .collect()
}

/// An event of a plain body as ammonia would leave it: links with our `rel`
/// (and no `href` unless http, https, mailto or a fragment), no classes on
/// code, no styles on table cells, `<br>` and `<hr>` as HTML5 writes them.
fn plain_html(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            ..
        }) => {
            let dest = if link_type == pulldown_cmark::LinkType::Email {
                format!("mailto:{dest_url}")
            } else {
                dest_url.to_string()
            };
            let mut tag = String::from("<a");
            if allowed_link(&dest) {
                tag.push_str(" href=\"");
                let _ = pulldown_cmark_escape::escape_href(&mut tag, &dest);
                tag.push('"');
            }
            if !title.is_empty() {
                tag.push_str(" title=\"");
                let _ = pulldown_cmark_escape::escape_html(&mut tag, &title);
                tag.push('"');
            }
            tag.push_str(" rel=\"");
            tag.push_str(LINK_REL);
            tag.push_str("\">");
            Event::InlineHtml(tag.into())
        }
        Event::End(TagEnd::Link) => Event::InlineHtml("</a>".into()),
        Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(_))) => Event::Start(
            Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced("".into())),
        ),
        Event::Start(Tag::Table(alignments)) => Event::Start(Tag::Table(vec![
                pulldown_cmark::Alignment::None;
                alignments.len()
            ])),
        Event::HardBreak => Event::InlineHtml("<br>\n".into()),
        Event::Rule => Event::Html("<hr>\n".into()),
        other => other,
    }
}

/// Whether ammonia keeps a link's address: an allowed scheme, or a fragment.
fn allowed_link(dest: &str) -> bool {
    if dest.starts_with('#') {
        return true;
    }
    match url::Url::parse(dest) {
        Ok(url) => LINK_SCHEMES.contains(&url.scheme()),
        Err(_) => false,
    }
}

/// The first words of an excerpt, at most `max_chars` of them (and `…`).
fn shorter(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut out = String::with_capacity(max_chars + 4);
    let mut chars = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if chars + len + 1 > max_chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += len;
    }
    out.push('…');
    out
}

/// The body's text: its words as written, blocks and breaks as spaces
/// (raw HTML is not text). Runs of white space are left as they are: a
/// browser shows them as one.
fn plain_text(events: &[Event], len: usize) -> String {
    let mut text = String::with_capacity(len);
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            // The end of a block; "**Python**:" stays one piece of text.
            Event::End(end) if !is_inline(end) => text.push(' '),
            _ => {}
        }
    }
    text.truncate(text.trim_end().len());
    text
}

fn is_inline(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// The body's first words as plain text, from its text events.
fn excerpt(events: &[Event], max_chars: usize) -> String {
    // The text as a reader sees it: the pieces of a paragraph as written
    // (the parser splits text at `[` and `&`), blocks and breaks as spaces.
    let mut text = String::with_capacity(max_chars * 2);
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => continue,
        }
        if text.len() > max_chars * 4 {
            break;
        }
    }
    let mut out = String::with_capacity(max_chars + 4);
    let mut chars = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if chars + len + 1 > max_chars {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += len;
    }
    out
}

fn shift(level: HeadingLevel, top: usize) -> HeadingLevel {
    let n = (level as usize + 2).saturating_sub(top).clamp(2, 6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_extensions() {
        let html = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n- [ ] todo\n",
            "job",
        )
        .html;
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("☑ done") && html.contains("☐ todo"), "{html}");
    }

    #[test]
    fn footnotes_carry_the_posting_in_their_ids() {
        let a = render("Text[^1].\n\n[^1]: Note.\n", "acme").html;
        assert!(a.contains("href=\"#user-fn-acme-1\""), "{a}");
        assert!(a.contains("id=\"user-fn-acme-1\""), "{a}");
        let b = render("Text[^1].\n\n[^1]: Note.\n", "other").html;
        assert!(b.contains("id=\"user-fn-other-1\""), "{b}");
    }

    #[test]
    fn headings_start_below_the_page_title() {
        let html = render("# About\n\n## Team\n", "x").html;
        assert!(
            html.contains("<h2>About</h2>") && html.contains("<h3>Team</h3>"),
            "{html}"
        );
        let html = render("### Only\n", "x").html;
        assert!(html.contains("<h2>Only</h2>"), "{html}");
    }

    #[test]
    fn removes_what_can_run_and_keeps_harmless_html() {
        let html = render(
            "Hi<br>there <script>alert(1)</script><img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) <a href=\"https://ok.example\" onclick=\"x()\">ok</a> <iframe src=\"https://x\"></iframe><form><input></form>\n\n[rel](/admin) [data](data:text/html,hi)",
            "x",
        ).html;
        for bad in [
            "<script",
            "onerror",
            "onclick",
            "javascript:",
            "<iframe",
            "<form",
            "<input",
            "/admin",
            "data:",
        ] {
            assert!(!html.contains(bad), "{bad} survived: {html}");
        }
        assert!(html.contains("<br>"), "{html}");
        assert!(html.contains("href=\"https://ok.example\""), "{html}");
        assert!(
            html.contains("rel=\"nofollow ugc noopener noreferrer\""),
            "{html}"
        );
    }

    #[test]
    fn excerpts_are_the_first_words_as_text() {
        let rendered = render("# Hello\n\n*big* & `bold` world", "x");
        assert_eq!(rendered.excerpt, "Hello big & bold world");
        let events: Vec<Event> = Parser::new_ext("Hello big & bold world", options()).collect();
        assert_eq!(excerpt(&events, 15), "Hello big &…");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// No Markdown, however broken, brings a script or a handler through.
        #[test]
        fn nothing_executable_survives(
            body in "(\\PC|\n|<script>|<img src=x onerror=alert(1)>|javascript:|\\[x\\]\\(|\\)|<a href=\"|\">|</|>|<svg onload=|\"|')*",
        ) {
            let html = super::render(&body, "slug").html;
            prop_assert_eq!(crate::fuzz::executable(&html), None, "{}", html);
        }
    }
}

#[cfg(test)]
mod plain_path {
    use std::collections::HashSet;

    use proptest::prelude::*;
    use pulldown_cmark::{Event, Parser};

    /// Keeps everything pulldown-cmark can write, every scheme: it only
    /// re-serializes, so that its output can be compared with the sanitizer's.
    fn keep_all(html: &str) -> String {
        let tags = [
            "a",
            "p",
            "em",
            "strong",
            "del",
            "code",
            "pre",
            "ul",
            "ol",
            "li",
            "blockquote",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "br",
            "hr",
            "img",
            "sup",
            "div",
            "span",
        ];
        let schemes = [
            "http",
            "https",
            "mailto",
            "javascript",
            "data",
            "vbscript",
            "ftp",
            "file",
            "tel",
            "ssh",
            "irc",
            "x",
        ];
        ammonia::Builder::empty()
            .tags(tags.into_iter().collect::<HashSet<_>>())
            .generic_attributes(
                [
                    "href", "title", "start", "id", "class", "rel", "src", "alt", "style",
                ]
                .into_iter()
                .collect::<HashSet<_>>(),
            )
            .url_schemes(schemes.into_iter().collect::<HashSet<_>>())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(None)
            .clean(html)
            .to_string()
    }

    fn markdown() -> impl Strategy<Value = String> {
        let pieces = prop::collection::vec(
            prop_oneof![
                "[a-zA-Z0-9 ]{1,12}",
                Just("*".to_string()),
                Just("_".to_string()),
                Just("`".to_string()),
                Just("~~".to_string()),
                Just("[".to_string()),
                Just("](".to_string()),
                Just(")".to_string()),
                Just(" \"t'i&t\"".to_string()),
                Just("https://x.example/a?b=1&c=\"".to_string()),
                Just("javascript:alert(1)".to_string()),
                Just("JaVaScRiPt:x".to_string()),
                Just("data:text/html,x".to_string()),
                Just("/relative".to_string()),
                Just("#frag".to_string()),
                Just("mailto:a@b.example".to_string()),
                Just("ftp://x".to_string()),
                Just("\n".to_string()),
                Just("\n\n".to_string()),
                Just("- ".to_string()),
                Just("1. ".to_string()),
                Just("> ".to_string()),
                Just("# ".to_string()),
                Just("```py\n".to_string()),
                Just("    ".to_string()),
                Just("| a | b |\n|:--|--:|\n| c | d |\n".to_string()),
                Just("  \n".to_string()),
                Just("\\\n".to_string()),
                Just("---\n".to_string()),
                Just("&amp; &#106; \"'".to_string()),
                Just("- [x] ".to_string()),
                Just("<https://auto.example>".to_string()),
                Just("<a@b.example>".to_string()),
            ],
            0..40,
        );
        pieces.prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The plain path writes nothing the sanitizer would remove or change.
        #[test]
        fn plain_bodies_are_already_clean(body in markdown()) {
            let events: Vec<Event> = Parser::new_ext(&body, super::options()).collect();
            prop_assume!(super::is_plain(&events));
            let html = super::render(&body, "s").html;
            prop_assert_eq!(keep_all(&html), super::sanitize(&html), "{}", html);
        }
    }
}
