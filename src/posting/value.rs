//! A field's value read by its [`Kind`]: every kind's reader, and how a
//! value is shown to people and to machines.

use chrono::NaiveDate;
use url::Url;

use super::fields::{Field, Kind};
use super::{Amount, Apply, Country, Currency, Region};
use crate::config::Config;
use crate::diagnostic::{RuleId, Span};
use crate::schema::{self, Report};
use crate::yaml::Node;

/// At most this many tags, each of 2 to 30 characters (SPEC).
pub const MAX_TAGS: usize = 8;

/// A value read from the front matter.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Url(Url),
    Apply(Apply),
    Country(Country),
    Regions(Vec<Region>),
    /// One of a [`Kind::Choice`]'s words.
    Word(&'static str),
    /// Some of a [`Kind::Choices`]' words, without repeats.
    Words(Vec<&'static str>),
    Number(Amount),
    Currency(Currency),
    /// Tags without repeats, and where each is.
    Tags(Vec<String>, Vec<Span>),
    Flag(bool),
    Date(NaiveDate),
}

/// Reads `node` as `field`'s kind; every problem is reported.
pub fn read(field: &Field, node: &Node, config: &Config, report: &mut Report) -> Option<Value> {
    let name = field.name();
    match field.kind {
        Kind::Text | Kind::Email => schema::text(node, name, report).map(Value::Text),
        Kind::Url => {
            let text = schema::text(node, name, report)?;
            web_url(&text, node.span, name, "", report).map(Value::Url)
        }
        Kind::Apply => apply(node, name, report).map(Value::Apply),
        Kind::Country => {
            let code = schema::text(node, name, report)?;
            country_code(&code, node.span, name, report).map(Value::Country)
        }
        Kind::Regions => regions(node, name, report).map(Value::Regions),
        Kind::Choice(words) => {
            let word = schema::text(node, name, report)?;
            schema::word(&word, node.span, name, words, report).map(Value::Word)
        }
        Kind::Choices(words) => choices(node, name, words, report).map(Value::Words),
        Kind::Category => category(node, name, config, report).map(Value::Text),
        Kind::Number => schema::number(node, name, report)
            .map(|(value, text)| Value::Number(Amount { value, text })),
        Kind::Currency => currency(node, name, report).map(Value::Currency),
        Kind::Tags => {
            let (tags, spans) = tags(node, name, report);
            Some(Value::Tags(tags, spans))
        }
        Kind::Flag => schema::boolean(node, name, report).map(Value::Flag),
        Kind::Date => schema::date(node, name, report).map(Value::Date),
    }
}

impl Value {
    /// How a reader sees it: `yes`, `Germany, Austria`, `2026-11-20`.
    pub fn label(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Url(url) => url.to_string(),
            Value::Apply(apply) => apply.href(),
            Value::Country(country) => country.name().into(),
            Value::Regions(regions) => regions
                .iter()
                .map(|r| r.name())
                .collect::<Vec<_>>()
                .join(", "),
            Value::Word(word) => (*word).into(),
            Value::Words(words) => words.join(", "),
            Value::Number(amount) => amount.text.clone(),
            Value::Currency(currency) => currency.code().into(),
            Value::Tags(tags, _) => tags.join(", "),
            Value::Flag(true) => "yes".into(),
            Value::Flag(false) => "no".into(),
            Value::Date(day) => day.to_string(),
        }
    }

    /// As JSON, for `jobs.json` and JSON-LD.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Value::Regions(regions) => json!(regions.iter().map(|r| r.code()).collect::<Vec<_>>()),
            Value::Country(country) => json!(country.code()),
            Value::Words(words) => json!(words),
            Value::Number(amount) => json!(amount.value),
            Value::Tags(tags, _) => json!(tags),
            Value::Flag(flag) => json!(flag),
            _ => json!(self.label()),
        }
    }
}

fn category(node: &Node, name: &str, config: &Config, report: &mut Report) -> Option<String> {
    let word = schema::text(node, name, report)?;
    if config.categories.iter().any(|(slug, _)| *slug == word) {
        return Some(word);
    }
    let slugs: Vec<&str> = config.categories.iter().map(|(s, _)| s.as_str()).collect();
    let mut message = format!("`{name}` cannot be `{word}` on this board");
    if let Some(near) = crate::diagnostic::nearest(&word, slugs.iter().copied()) {
        message.push_str(&format!("; did you mean `{near}`?"));
    }
    report.error(RuleId::Enum, node.span, message).help = Some(format!(
        "the categories of this board are: {}",
        slugs.join(", ")
    ));
    None
}

fn country_code(code: &str, span: Span, field: &str, report: &mut Report) -> Option<Country> {
    if let Some(country) = Country::from_code(code) {
        return Some(country);
    }
    let upper = code.to_ascii_uppercase();
    let message = if Country::from_code(&upper).is_some() {
        format!("country codes are written in capitals: `{upper}`, not `{code}`")
    } else {
        format!("`{field}`: `{code}` is not an ISO 3166-1 country code")
    };
    report.error(RuleId::Enum, span, message).help =
        Some("use the two-letter ISO 3166-1 code, such as DE, GB, US or IN".into());
    None
}

fn regions(node: &Node, name: &str, report: &mut Report) -> Option<Vec<Region>> {
    let items = schema::text_list(node, name, report)?;
    let mut regions = Vec::with_capacity(items.len());
    for (word, span) in items {
        let region = if word.eq_ignore_ascii_case("worldwide") {
            Some(Region::Worldwide)
        } else {
            country_code(&word, span, name, report).map(Region::Country)
        };
        if let Some(region) = region.filter(|r| !regions.contains(r)) {
            regions.push(region);
        }
    }
    Some(regions)
}

fn choices(
    node: &Node,
    name: &str,
    words: &'static [&'static str],
    report: &mut Report,
) -> Option<Vec<&'static str>> {
    let items = schema::text_list(node, name, report)?;
    let mut found: Vec<&'static str> = Vec::with_capacity(items.len());
    let mut ok = true;
    for (word, span) in items {
        match schema::word(&word, span, name, words, report) {
            Some(w) if !found.contains(&w) => found.push(w),
            Some(_) => {}
            None => ok = false,
        }
    }
    ok.then_some(found)
}

fn currency(node: &Node, name: &str, report: &mut Report) -> Option<Currency> {
    let code = schema::text(node, name, report)?;
    let currency = Currency::from_code(&code);
    if currency.is_none() {
        report
            .error(
                RuleId::Enum,
                node.span,
                format!("`{name}`: `{code}` is not an ISO 4217 currency code"),
            )
            .help =
            Some("use the three-letter code in capitals, such as EUR, USD, GBP or INR".into());
    }
    currency
}

fn tags(node: &Node, name: &str, report: &mut Report) -> (Vec<String>, Vec<Span>) {
    let Some(items) = schema::text_list(node, name, report) else {
        return Default::default();
    };
    if items.len() > MAX_TAGS {
        report.error(
            RuleId::Length,
            items[MAX_TAGS].1,
            format!(
                "a posting has at most {MAX_TAGS} tags; this is tag {}",
                MAX_TAGS + 1
            ),
        );
    }
    let mut tags = Vec::with_capacity(items.len());
    let mut spans = Vec::with_capacity(items.len());
    for (tag, span) in items {
        let len = tag.chars().count();
        if !(2..=30).contains(&len) {
            report.error(
                RuleId::Length,
                span,
                format!("tag `{tag}` has {len} characters; tags have 2 to 30"),
            );
        } else if !tag
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            let suggestion = slug::slugify(&tag);
            report.error(
                RuleId::Enum,
                span,
                format!("tag `{tag}` may only have a-z, 0-9 and `-`; write `{suggestion}`"),
            );
        } else if !tags.contains(&tag) {
            tags.push(tag);
            spans.push(span);
        }
    }
    (tags, spans)
}

/// How to apply: a `mailto:` address or a web address.
fn apply(node: &Node, name: &str, report: &mut Report) -> Option<Apply> {
    let text = schema::text(node, name, report)?;
    if let Some(address) = strip_prefix_ignore_case(&text, "mailto:") {
        let address = address.split('?').next().unwrap_or_default();
        return Some(Apply::Email(address.to_string()));
    }
    if text.contains('@') && !text.contains("://") {
        report.error(
            RuleId::Url,
            node.span,
            format!("to apply by e-mail, write `mailto:{text}`"),
        );
        return None;
    }
    web_url(&text, node.span, name, " (or `mailto:` for e-mail)", report).map(Apply::Url)
}

/// An absolute http(s) address; whether it is public and https is the `url`
/// rule's to judge.
fn web_url(text: &str, span: Span, field: &str, also: &str, report: &mut Report) -> Option<Url> {
    match Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Some(url),
        Ok(url) => {
            report.error(
                RuleId::Url,
                span,
                format!(
                    "`{field}` must be an https address{also}, not a `{}:` link",
                    url.scheme()
                ),
            );
            None
        }
        Err(_) => {
            let bare = text.trim_start_matches("www.");
            report
                .error(
                    RuleId::Url,
                    span,
                    format!("`{field}` must be a full web address{also}"),
                )
                .help = Some(format!("start it with https://, as in `https://{bare}`"));
            None
        }
    }
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}
