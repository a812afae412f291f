//! `url`, `email` and `link-scheme`: every address in a posting leads where
//! a reader can go.

use std::net::IpAddr;

use email_address::EmailAddress;
use url::{Host, Url};

use super::{BodyText, Context, Rule};
use crate::diagnostic::{RuleId, Sink, Span};
use crate::markdown::LINK_SCHEMES;
use crate::posting::{Apply, Posting};

/// `apply` and `company_url`: public https pages.
pub struct PublicUrl;

impl Rule for PublicUrl {
    fn id(&self) -> RuleId {
        RuleId::Url
    }

    fn check(&self, p: &Posting, _: &BodyText, _: &Context, out: &mut Sink) {
        if let Apply::Url(url) = &p.apply {
            check_url(url, "apply", p.spans.apply, out);
        }
        if let Some(url) = &p.company_url {
            check_url(url, "company_url", p.spans.company_url, out);
        }
    }
}

fn check_url(url: &Url, field: &str, span: Span, out: &mut Sink) {
    if let Some(problem) = url_problem(url, field) {
        let finding = if problem.is_error {
            out.error(span, problem.message)
        } else {
            out.warning(span, problem.message)
        };
        finding.help = problem.help;
    }
}

/// What keeps an address from being a public web page a reader can open.
pub struct UrlProblem {
    /// An error; else a warning (plain http).
    pub is_error: bool,
    pub message: String,
    pub help: Option<String>,
}

/// The first problem of `url` as the `field` of a posting, if any.
pub fn url_problem(url: &Url, field: &str) -> Option<UrlProblem> {
    let error = |message: String| UrlProblem {
        is_error: true,
        message,
        help: None,
    };
    let host = match url.host() {
        Some(Host::Domain(host)) => host,
        Some(Host::Ipv4(_) | Host::Ipv6(_)) => {
            return Some(error(format!(
                "`{field}` points at an IP address; use the employer's domain name"
            )));
        }
        None => return Some(error(format!("`{field}` has no host"))),
    };
    let host = host.trim_end_matches('.');
    if host == "localhost" || host.ends_with(".localhost") {
        Some(error(format!(
            "`{field}` points at this computer (`{host}`), not a public page"
        )))
    } else if !host.contains('.') {
        Some(UrlProblem {
            help: Some(
                "write the full address, such as https://careers.acme.example/jobs/123".into(),
            ),
            ..error(format!(
                "`{field}` has the host `{host}`, which is not a public domain name"
            ))
        })
    } else if !url.username().is_empty() || url.password().is_some() {
        Some(error(format!(
            "`{field}` carries a user name or password; remove it"
        )))
    } else if url.scheme() == "http" {
        let mut https = url.clone();
        let _ = https.set_scheme("https");
        Some(UrlProblem {
            is_error: false,
            message: format!("`{field}` uses http; use https if the site has it"),
            help: Some(format!("try `{https}`")),
        })
    } else {
        None
    }
}

pub struct Email;

impl Rule for Email {
    fn id(&self) -> RuleId {
        RuleId::Email
    }

    fn check(&self, p: &Posting, _: &BodyText, _: &Context, out: &mut Sink) {
        if let Apply::Email(address) = &p.apply {
            check_email(address, "apply", p.spans.apply, out);
        }
        if let Some(address) = p.contact.as_ref().and_then(|c| c.email.as_ref()) {
            check_email(address, "contact.email", p.spans.contact_email, out);
        }
    }
}

fn check_email(address: &str, field: &str, span: Span, out: &mut Sink) {
    if let Err(problem) = deliverable(address) {
        out.error(span, format!("`{field}`: `{address}` {problem}"))
            .help = Some(
            "write a plain address such as jobs@acme.example, without a name or brackets".into(),
        );
    }
}

/// Whether an address looks deliverable: a plain `local@domain.tld`.
pub fn deliverable(address: &str) -> Result<(), String> {
    let options = email_address::Options::default()
        .without_display_text()
        .without_domain_literal()
        .with_required_tld();
    let parsed = EmailAddress::parse_with_options(address, options).map_err(|err| {
        use email_address::Error::*;
        match err {
            UnsupportedDisplayName | MissingDisplayName | MissingEndBracket => {
                "has a display name; give the address alone".to_string()
            }
            UnsupportedDomainLiteral | InvalidIPAddress => {
                "uses an IP address instead of a domain".to_string()
            }
            DomainTooFew => "has no top-level domain (such as .com or .org)".to_string(),
            MissingSeparator => "has no `@`".to_string(),
            other => format!("is not an e-mail address ({other})"),
        }
    })?;
    let domain = parsed.domain();
    if domain.parse::<IpAddr>().is_ok()
        || domain
            .rsplit('.')
            .next()
            .is_some_and(|tld| !tld.chars().any(char::is_alphabetic))
    {
        return Err("uses an IP address instead of a domain".into());
    }
    Ok(())
}

pub struct LinkScheme;

impl Rule for LinkScheme {
    fn id(&self) -> RuleId {
        RuleId::LinkScheme
    }

    fn check(&self, _: &Posting, body: &BodyText, _: &Context, out: &mut Sink) {
        for link in &body.links {
            let what = if link.image { "an image" } else { "a link" };
            match scheme(&link.dest) {
                Some(scheme) if LINK_SCHEMES.contains(&scheme.as_str()) => {}
                Some(scheme) => {
                    out.error(link.span, format!("{what} with the `{scheme}:` scheme; only http, https and mailto are allowed"));
                }
                None if link.dest.starts_with('#') => {}
                None => {
                    out.error(link.span, format!("{what} to `{}`, which is not a full address", crate::text::inert(&link.dest)))
                        .help = Some("relative links would point into the job board; write the full https:// address".into());
                }
            }
        }
    }
}

/// The scheme of a link as a browser reads it (ignoring the whitespace and
/// control characters browsers ignore, in any case), or `None` for a
/// relative link.
pub fn scheme(dest: &str) -> Option<String> {
    let cleaned: String = decode_char_refs(dest)
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let colon = cleaned.find(':')?;
    // Anything else before the colon makes a relative link (URL Standard).
    let head = &cleaned[..colon];
    let mut chars = head.chars();
    let is_scheme = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return None;
    }
    Some(head.to_ascii_lowercase())
}

/// `&#106;avascript:` and `javascript&colon;` read as `javascript:` to a
/// browser: numeric references, and named ones from HTML's own table.
fn decode_char_refs(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match char_ref(after) {
            Some((decoded, consumed)) => {
                out.push_str(&decoded);
                rest = &after[consumed..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character reference at the start of `text` (after its `&`): what it
/// stands for and how many bytes it takes.
fn char_ref(text: &str) -> Option<(String, usize)> {
    if let Some(after) = text.strip_prefix('#') {
        let (digits, radix) = match after.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (after, 10),
        };
        let len = digits.chars().take_while(|c| c.is_digit(radix)).count();
        let c = u32::from_str_radix(&digits[..len], radix)
            .ok()
            .and_then(char::from_u32)?;
        let end = (text.len() - digits.len()) + len;
        let end = if text[end..].starts_with(';') {
            end + 1
        } else {
            end
        };
        return Some((c.to_string(), end));
    }
    // Named references are ASCII letters and digits and end with `;`.
    let len = text.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = text.get(..=len).filter(|n| n.ends_with(';'))?;
    let &(first, second) = markup5ever::data::NAMED_ENTITIES.get(name)?;
    let decoded = [first, second]
        .into_iter()
        .filter(|&c| c != 0)
        .filter_map(char::from_u32)
        .collect();
    Some((decoded, name.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_as_browsers_read_them() {
        assert_eq!(scheme("https://x.example").as_deref(), Some("https"));
        assert_eq!(
            scheme(" JaVa\tScRiPt:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(
            scheme("&#106;avascript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme("&#x6A;avascript:x").as_deref(), Some("javascript"));
        assert_eq!(
            scheme("javascript&colon;alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(
            scheme("java&Tab;script&#58;x").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme("/a?b=1&c=2&amp;d:e"), None);
        assert_eq!(scheme("&unknown;x:y"), None);
        assert_eq!(scheme("/jobs/a:b"), None);
        assert_eq!(scheme("#benefits"), None);
        assert_eq!(scheme("data:text/html,x").as_deref(), Some("data"));
    }

    #[test]
    fn deliverable_addresses() {
        assert!(deliverable("jobs@acme.example").is_ok());
        assert!(
            deliverable("Jane <jane@acme.example>")
                .unwrap_err()
                .contains("display name")
        );
        assert!(
            deliverable("jane@[192.168.0.1]")
                .unwrap_err()
                .contains("IP address")
        );
        assert!(
            deliverable("jane@192.168.0.1")
                .unwrap_err()
                .contains("IP address")
        );
        assert!(
            deliverable("jane@localhost")
                .unwrap_err()
                .contains("top-level domain")
        );
        assert!(
            deliverable("jane.acme.example")
                .unwrap_err()
                .contains("`@`")
        );
    }
}
