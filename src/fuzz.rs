//! Entry points for the fuzzers in `fuzz/` and for the regression tests that
//! replay what they found (`tests/fuzz_regressions.rs`, on stable Rust).
//! Each takes any bytes and panics only when a guarantee is broken.

use std::sync::LazyLock;

use chrono::NaiveDate;

use crate::config::{self, Config};
use crate::rules::{self, Context};
use crate::schema::Report;
use crate::source::Source;

static CONFIG: LazyLock<Config> = LazyLock::new(|| {
    config::parse("title: Fuzz\nbase_url: https://fuzz.example/\ncategories: {web: Web}\n")
        .unwrap_or_else(|_| unreachable!("the fuzz board's settings are valid"))
});

/// A posting file's bytes through decoding (as `load` reads a file), the
/// front matter, the schema and every rule: findings or a posting, never a
/// panic, and every finding inside the file.
pub fn posting(data: &[u8]) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
    let cx = Context::new(&CONFIG, today, None);
    let (source, findings) = match crate::load::source("postings/fuzz.md", "fuzz", data.to_vec()) {
        Ok(source) => {
            let (parsed, mut findings) = crate::pipeline::check_source(&source, &cx);
            if let Some(posting) = &parsed {
                findings.extend(rules::check_board(&[posting], &cx));
            }
            (source, findings)
        }
        // Not text: the finding still points inside the file.
        Err(finding) => {
            let text = String::from_utf8_lossy(data).into_owned();
            let source = Source {
                file: finding.file.clone(),
                slug: "fuzz".into(),
                text,
            };
            (source, vec![finding])
        }
    };
    let text = source.text.as_str();
    let lines = text.split('\n').count() as u32 + 1;
    for finding in &findings {
        assert!(
            finding.span.start.line >= 1 && finding.span.start.line <= lines,
            "{finding:?}"
        );
    }
    let texts = [(source.file.clone(), source.text.as_str().into())]
        .into_iter()
        .collect();
    let _ = crate::report::human(&findings, &texts, false);
}

/// A body through Markdown and sanitizing: the HTML has no element, attribute
/// or address that can run anything.
pub fn body(data: &[u8]) {
    let Ok(markdown) = std::str::from_utf8(data) else {
        return;
    };
    let html = crate::markdown::render(markdown, "fuzz").html;
    if let Some(problem) = executable(&html) {
        panic!("{problem} in {html:?} from {markdown:?}");
    }
}

/// The vectors of a corpus file: one a line, `#` comments and blank lines
/// left out, escapes `\n \r \t \0 \\` and `\u{XXXX}` decoded.
pub fn vectors(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut out = String::with_capacity(line.len());
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                if c != '\\' {
                    out.push(c);
                    continue;
                }
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('r') => out.push('\r'),
                    Some('t') => out.push('\t'),
                    Some('0') => out.push('\0'),
                    Some('u') => {
                        let hex: String =
                            chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                        out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                    }
                    Some(other) => out.push(other),
                    None => out.push('\\'),
                }
            }
            out
        })
        .collect()
}

/// Postings that carry `vector` in every free-text field and in the body, as
/// they would be written by someone hostile (values quoted so that YAML reads
/// them as written). The second posting keeps the front matter plain.
pub fn hostile_postings(i: usize, vector: &str) -> [(String, String); 2] {
    let q = |v: &str| crate::posting::scalar(v);
    let url = format!(
        "https://evil.example/{}?q={}",
        i,
        vector.replace(char::is_whitespace, "%20")
    );
    let fields = format!(
        "title: {}\ncompany: {}\ncompany_url: {}\nlocation:\n  city: {}\n  region: {}\n  country: GB\nremote: hybrid\ntype: [full-time]\ncategory: web\napply: {}\ncontact:\n  name: {}\n  email: {}\nposted: 2026-11-20\n",
        q(&format!("Python {vector}")),
        q(&format!("{vector} {i}")),
        q(&url),
        q(vector),
        q(vector),
        q(&url),
        q(vector),
        q(&format!("{vector}@evil.example")),
    );
    let body = format!(
        "We write Python.\n\n{vector}\n\n*{vector}* [{vector}]({vector}) `{vector}`\n\n| a | {vector} |\n|---|---|\n| {vector} | b |\n"
    );
    let plain = format!(
        "title: Python Developer {i}\ncompany: Plain {i}\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: https://plain.example/{i}\nposted: 2026-11-19\n"
    );
    [
        (
            format!("hostile-{i:04}-fields"),
            format!("---\n{fields}---\n{body}"),
        ),
        (
            format!("hostile-{i:04}-body"),
            format!("---\n{plain}---\n{body}"),
        ),
    ]
}

/// Every file of the site of the hostile postings that parse, rules ignored
/// (as if a reviewer had merged them all), by path.
pub fn hostile_site(
    vectors: &[String],
) -> anyhow::Result<std::collections::BTreeMap<String, Vec<u8>>> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
    let theme = crate::session::theme(std::path::Path::new("/nonexistent-board"), &CONFIG)?;
    let mut postings = Vec::new();
    for (i, vector) in vectors.iter().enumerate() {
        for (slug, text) in hostile_postings(i, vector) {
            let source = Source {
                file: format!("postings/{slug}.md"),
                slug,
                text,
            };
            let mut findings = Vec::new();
            let parsed = crate::posting::parse(
                &source,
                &CONFIG,
                &mut Report::new(&source.file, &mut findings),
            );
            postings.extend(parsed.map(std::sync::Arc::new));
        }
    }
    render(&postings, &theme, today)
}

/// The site of postings whose text holds each vector in every text field,
/// put there after parsing: the checks that refuse such text never see it.
/// For testing what the writers guarantee on their own (feeds stay XML,
/// JSON stays JSON), whatever a check lets through.
pub fn hostile_site_unchecked(
    vectors: &[String],
) -> anyhow::Result<std::collections::BTreeMap<String, Vec<u8>>> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
    let theme = crate::session::theme(std::path::Path::new("/nonexistent-board"), &CONFIG)?;
    let mut postings = Vec::new();
    for (i, vector) in vectors.iter().enumerate() {
        let source = Source {
            file: format!("postings/unchecked-{i:04}.md"),
            slug: format!("unchecked-{i:04}"),
            text: format!(
                "---\ntitle: Python Developer\ncompany: Plain {i}\nlocation:\n  city: Leeds\n  region: Yorkshire\n  country: GB\nremote: hybrid\ntype: [full-time]\ncategory: web\ntags: [django]\napply: https://plain.example/{i}\ncontact:\n  name: Jane\n  email: jobs@plain.example\nposted: 2026-11-20\n---\nWe write Python.\n"
            ),
        };
        let mut findings = Vec::new();
        let Some(mut posting) = crate::posting::parse(
            &source,
            &CONFIG,
            &mut Report::new(&source.file, &mut findings),
        ) else {
            anyhow::bail!("the plain posting does not parse: {findings:?}");
        };
        posting.title = vector.clone();
        posting.company = format!("{vector} {i}");
        if let Some(place) = posting.location.as_mut() {
            place.city = vector.clone();
            place.region = Some(vector.clone());
        }
        if let Some(contact) = posting.contact.as_mut() {
            contact.name = Some(vector.clone());
        }
        posting.body.markdown = format!("We write Python.\n\n{vector}\n");
        postings.push(std::sync::Arc::new(posting));
    }
    render(&postings, &theme, today)
}

/// The site of `postings`, every rule ignored, in memory.
fn render(
    postings: &[std::sync::Arc<crate::posting::Posting>],
    theme: &crate::render::Theme,
    today: NaiveDate,
) -> anyhow::Result<std::collections::BTreeMap<String, Vec<u8>>> {
    let live = crate::pipeline::live(postings, today, CONFIG.max_age_days);
    let site = crate::render::Site {
        config: &CONFIG,
        theme,
        today,
        kept: None,
    };
    let sink = crate::pipeline::MemorySink::default();
    crate::site::render_postings(&live, &site, &sink)?;
    Ok(sink.files.into_inner().unwrap_or_else(|p| p.into_inner()))
}

/// What in sanitized HTML could run: a tag that is not kept, an event
/// handler, a `style`, or an address whose scheme is not allowed.
pub fn executable(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    // Escaped text holds no `<`: every `<` opens a real tag.
    for tag in lower
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or_default())
    {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if [
            "script", "style", "iframe", "frame", "object", "embed", "svg", "math", "form",
            "input", "button", "textarea", "select", "link", "meta", "base",
        ]
        .contains(&name.as_str())
        {
            return Some(format!("<{name}>"));
        }
        for (attribute, value) in attributes(tag) {
            if attribute.starts_with("on")
                || attribute == "style"
                || attribute == "srcdoc"
                || attribute == "formaction"
            {
                return Some(format!("attribute {attribute}"));
            }
            let address = ["href", "src", "action", "xlink:href"].contains(&attribute.as_str());
            let scheme =
                url_scheme(&value).filter(|s| !["http", "https", "mailto"].contains(&s.as_str()));
            if let Some(scheme) = scheme.filter(|_| address) {
                return Some(format!("{attribute}={value:?} ({scheme}:)"));
            }
        }
    }
    None
}

/// The scheme a browser reads in a URL (WHATWG URL): leading and trailing
/// C0 controls and spaces dropped, tabs and line breaks anywhere ignored;
/// `None` for a relative URL.
fn url_scheme(value: &str) -> Option<String> {
    let trimmed = value.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// The attributes of a tag's inside (`a href="x" title='y'`), values unquoted.
pub fn attributes(tag: &str) -> Vec<(String, String)> {
    let rest = tag.split_once(char::is_whitespace).map_or("", |(_, r)| r);
    crate::rules::html::attributes(rest)
}

#[cfg(test)]
mod tests {
    use super::executable;

    #[test]
    fn the_oracle_sees_what_could_run() {
        assert!(executable("<p>hi &lt;script&gt;</p>").is_none());
        assert!(executable("<a href=\"https://x\" rel=\"nofollow\">x</a>").is_none());
        assert!(executable("<a href=\"#user-fn-x-1\">1</a>").is_none());
        assert!(executable("<script>x</script>").is_some());
        assert!(executable("<img src=x onerror=alert(1)>").is_some());
        assert!(executable("<a href=\"javascript:alert(1)\">").is_some());
        assert!(executable("<a href=' data:text/html,x'>").is_some());
        assert!(executable("<p title=\"a onerror=b\">").is_none());
        assert!(executable("<a href=\"\u{6}\u{6}https://x.example/\u{3}y\">").is_none());
        assert!(executable("<a href=\"\u{6}java\tscript:alert(1)\">").is_some());
    }
}
