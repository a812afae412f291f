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
        .link_rel(Some("nofollow ugc noopener noreferrer"))
        .add_tag_attributes("div", &["id"])
        .add_tag_attributes("li", &["id"])
        .add_tag_attributes("sup", &["id"])
        .add_allowed_classes("div", &["footnote-definition"])
        .add_allowed_classes("sup", &["footnote-reference", "footnote-definition-label"])
        .id_prefix(Some(ID_PREFIX))
        .strip_comments(true);
    builder
});

/// Within a posting, only links to its own footnotes may be relative: a path
/// would point into the board's site, where the posting cannot know what is.
fn only_fragments(url: &str) -> Option<Cow<'_, str>> {
    url.starts_with('#').then_some(Cow::Borrowed(url))
}

/// Removes what a posting may not bring: the last word on what reaches a page.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Renders `markdown` to sanitized HTML. `slug` keeps footnote ids apart from
/// those of other postings shown on the same page or feed.
pub fn render(markdown: &str, slug: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
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
    let events = events.into_iter().map(|event| match event {
        // The page's title is its only h1: the body's headings start at h2.
        Event::Start(Tag::Heading {
            level,
            id: _,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: shift(level, top),
            id: None,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level, top))),
        Event::FootnoteReference(label) => Event::FootnoteReference(footnote(&label)),
        Event::Start(Tag::FootnoteDefinition(label)) => {
            Event::Start(Tag::FootnoteDefinition(footnote(&label)))
        }
        // A checkbox in a form-free page is noise; a ballot box says the same.
        Event::TaskListMarker(done) => Event::Text(if done { "☑ " } else { "☐ " }.into()),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    sanitize(&html)
}

fn shift(level: HeadingLevel, top: usize) -> HeadingLevel {
    let n = (level as usize + 2).saturating_sub(top).clamp(2, 6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

/// The body as plain text (for descriptions in feeds and meta tags): the
/// sanitized HTML with its tags removed, whitespace collapsed.
pub fn plain_text(html: &str, max_chars: usize) -> String {
    let mut text = String::with_capacity(html.len().min(max_chars * 2));
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = decode_entities(&text);
    let mut out = String::with_capacity(max_chars + 3);
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max_chars {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The entities ammonia and pulldown-cmark write.
fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_extensions() {
        let html = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n- [ ] todo\n",
            "job",
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("☑ done") && html.contains("☐ todo"), "{html}");
    }

    #[test]
    fn footnotes_carry_the_posting_in_their_ids() {
        let a = render("Text[^1].\n\n[^1]: Note.\n", "acme");
        assert!(a.contains("href=\"#user-fn-acme-1\""), "{a}");
        assert!(a.contains("id=\"user-fn-acme-1\""), "{a}");
        let b = render("Text[^1].\n\n[^1]: Note.\n", "other");
        assert!(b.contains("id=\"user-fn-other-1\""), "{b}");
    }

    #[test]
    fn headings_start_below_the_page_title() {
        let html = render("# About\n\n## Team\n", "x");
        assert!(
            html.contains("<h2>About</h2>") && html.contains("<h3>Team</h3>"),
            "{html}"
        );
        let html = render("### Only\n", "x");
        assert!(html.contains("<h2>Only</h2>"), "{html}");
    }

    #[test]
    fn removes_what_can_run_and_keeps_harmless_html() {
        let html = render(
            "Hi<br>there <script>alert(1)</script><img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) <a href=\"https://ok.example\" onclick=\"x()\">ok</a> <iframe src=\"https://x\"></iframe><form><input></form>\n\n[rel](/admin) [data](data:text/html,hi)",
            "x",
        );
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
    fn plain_text_strips_tags_and_cuts_at_words() {
        let text = plain_text("<p>Hello <b>big</b> &amp; bold world</p>", 15);
        assert_eq!(text, "Hello big &…");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    /// The attributes of a tag's inside (`a href="x" title='y'`), values unquoted.
    fn attributes(tag: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut rest = tag.split_once(char::is_whitespace).map_or("", |(_, r)| r);
        while let Some(eq) = rest.find('=') {
            let name = rest[..eq].trim().to_string();
            let after = &rest[eq + 1..];
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => after[1..].split_once(q).unwrap_or((&after[1..], "")),
                _ => after.split_once(char::is_whitespace).unwrap_or((after, "")),
            };
            out.push((name, value.to_string()));
            rest = next;
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// No Markdown, however broken, brings a script or a handler through.
        #[test]
        fn nothing_executable_survives(
            body in "(\\PC|\n|<script>|<img src=x onerror=alert(1)>|javascript:|\\[x\\]\\(|\\)|<a href=\"|\">|</|>|<svg onload=|\"|')*",
        ) {
            let html = super::render(&body, "slug").to_lowercase();
            // Escaped text holds no `<`: every `<` opens a real tag.
            for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or_default()) {
                let name: String = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
                prop_assert!(!["script", "svg", "iframe", "style", "math", "object", "embed"].contains(&name.as_str()), "{html}");
                for (attribute, value) in attributes(tag) {
                    prop_assert!(!attribute.starts_with("on"), "{html}");
                    prop_assert!(!value.trim_start().starts_with("javascript:"), "{html}");
                }
            }
        }
    }
}
