//! `raw-html`: HTML in the body that the sanitizer would remove. Harmless
//! inline HTML (`<br>`, `<a href="https://…">`, emphasis) is kept.

use super::{BodyText, Context, Rule};
use crate::diagnostic::{RuleId, Sink};
use crate::markdown::LINK_SCHEMES;
use crate::posting::Posting;

const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "cite",
    "action",
    "formaction",
    "background",
    "poster",
    "xlink:href",
    "data",
];

pub struct RawHtml;

impl Rule for RawHtml {
    fn id(&self) -> RuleId {
        RuleId::RawHtml
    }

    fn check(&self, _: &Posting, body: &BodyText, _: &Context, out: &mut Sink) {
        for (html, offset) in &body.html {
            for tag in tags(html) {
                let Some(problem) = problem(&tag) else {
                    continue;
                };
                out.error(body.span(offset + tag.at, tag.len), problem)
                    .help = Some("write the description in Markdown; scripts, styles, frames, forms, event handlers and links other than http, https and mailto are removed".into());
            }
        }
    }
}

struct TagInfo {
    at: usize,
    len: usize,
    name: String,
    attributes: Vec<(String, String)>,
}

fn problem(tag: &TagInfo) -> Option<String> {
    if !crate::markdown::kept_tags().contains(tag.name.as_str()) {
        return Some(format!(
            "`<{}>` is not allowed in a posting and would be removed",
            tag.name
        ));
    }
    for (name, value) in &tag.attributes {
        if name.starts_with("on") {
            return Some(format!(
                "the event handler `{name}` on `<{}>` would be removed",
                tag.name
            ));
        }
        let scheme = URL_ATTRIBUTES
            .contains(&name.as_str())
            .then(|| crate::rules::links::scheme(value))
            .flatten();
        if let Some(scheme) = scheme.filter(|s| !LINK_SCHEMES.contains(&s.as_str())) {
            return Some(format!(
                "a `{scheme}:` link in `<{}>` would be removed",
                tag.name
            ));
        }
    }
    None
}

/// The opening tags in a piece of HTML, with their attributes.
fn tags(html: &str) -> Vec<TagInfo> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = html[i..].find('<') {
        let at = i + rel;
        i = at + 1;
        if html[at..].starts_with("<!--") {
            i = html[at..].find("-->").map_or(html.len(), |e| at + e + 3);
            continue;
        }
        let mut j = at + 1;
        let closing = bytes.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        let name_start = j;
        while j < bytes.len()
            && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-' || bytes[j] == b':')
        {
            j += 1;
        }
        if j == name_start || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let end = html[j..].find('>').map_or(html.len(), |e| j + e + 1);
        i = end.max(at + 1);
        // A closing tag has nothing of its own to report: its opening did.
        if !closing {
            out.push(TagInfo {
                at,
                len: end - at,
                name,
                attributes: attributes(&html[j..end]),
            });
        }
    }
    out
}

/// The attributes written after a tag's name (`href="x" title='y'>`),
/// names in small letters, values unquoted.
pub fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim_end_matches('>').trim_end_matches('/');
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            break;
        }
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, remaining) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = after[1..].find(q).map_or(after.len(), |e| e + 1);
                    (&after[1..close], after.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let e = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..e], &after[e..])
                }
            };
            value = v.to_string();
            rest = remaining;
        }
        if name.is_empty() {
            break;
        }
        out.push((name, value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(html: &str) -> Vec<String> {
        tags(html).iter().filter_map(problem).collect()
    }

    #[test]
    fn harmless_inline_html_passes() {
        assert!(problems("<br>").is_empty());
        assert!(problems("<a href=\"https://x.example\" target=\"_blank\">x</a>").is_empty());
        assert!(problems("<em>a</em><strong class=x>b</strong><!-- note -->").is_empty());
        assert!(problems("<a href='mailto:jobs@x.example'>mail</a>").is_empty());
    }

    #[test]
    fn what_the_sanitizer_removes_is_reported() {
        assert_eq!(problems("<script>alert(1)</script>").len(), 1);
        assert_eq!(
            problems("<img src=x onerror=alert(1)>"),
            vec!["the event handler `onerror` on `<img>` would be removed"]
        );
        assert_eq!(
            problems("<a href=\"javascript:alert(1)\">x</a>"),
            vec!["a `javascript:` link in `<a>` would be removed"]
        );
        assert_eq!(
            problems("<a href=\" JaVa\tScript:alert(1)\">x</a>").len(),
            1
        );
        assert_eq!(problems("<iframe src=https://x>").len(), 1);
        assert_eq!(problems("<form><input name=q></form>").len(), 2);
        assert_eq!(problems("<style>body{}</style>").len(), 1);
        assert_eq!(problems("<svg onload=alert(1)>").len(), 1);
    }
}
