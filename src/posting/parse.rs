//! A posting's text to a [`Posting`], or to findings that say what to fix.

use url::Url;

use super::{
    Amount, Apply, Body, Contact, Country, Currency, JobType, Period, Place, Posting, Region,
    Remote, Salary, Spans,
};
use crate::config::Config;
use crate::diagnostic::{Pos, RuleId, Span};
use crate::frontmatter::{self, SplitError};
use crate::schema::{self, Fields, Key, Report};
use crate::source::Source;
use crate::yaml::{self, Node};

/// The keys of a posting's front matter, in the order `jobboard new` writes them.
pub static FIELDS: &[Key] = &[
    Key::required("title", "Senior Python Engineer"),
    Key::required("company", "Acme Analytics"),
    Key::optional("company_url", "https://acme.example"),
    Key::optional("location", "{ city: Berlin, country: DE }"),
    Key::required("remote", "hybrid"),
    Key::optional("remote_from", "[DE, AT, CH]"),
    Key::required("type", "[full-time]"),
    Key::required("category", "software-engineering"),
    Key::optional(
        "salary",
        "{ min: 70000, max: 90000, currency: EUR, period: year }",
    ),
    Key::optional("tags", "[django, postgresql]"),
    Key::required("apply", "https://acme.example/jobs/123"),
    Key::optional("contact", "{ name: Jane Doe, email: jobs@acme.example }"),
    Key::optional("agency", "false"),
    Key::required("posted", "2026-11-20"),
    Key::optional("expires", "2027-01-31"),
];

static LOCATION: &[Key] = &[
    Key::required("city", "Berlin"),
    Key::optional("region", "Berlin"),
    Key::required("country", "DE"),
];

static SALARY: &[Key] = &[
    Key::required("min", "70000"),
    Key::optional("max", "90000"),
    Key::required("currency", "EUR"),
    Key::required("period", "year"),
];

static CONTACT: &[Key] = &[
    Key::optional("name", "Jane Doe"),
    Key::optional("email", "jobs@acme.example"),
];

/// At most this many tags, each of 2 to 30 characters (SPEC).
pub const MAX_TAGS: usize = 8;

/// Parses one posting. Every problem found is reported; a posting comes back
/// only when its front matter has no error.
pub fn parse(source: &Source, config: &Config, report: &mut Report) -> Option<Posting> {
    let opening = Span::on_line(Pos::START, 3);
    let parts = match frontmatter::split(&source.text) {
        Ok(parts) => parts,
        // Lines ended by a carriage return alone (old Mac files) are one
        // long line to everyone else: say so, rather than "no front matter".
        Err(_) if lone_carriage_return(&source.text).is_some() => {
            let at = lone_carriage_return(&source.text).unwrap_or(0);
            let pos = crate::text::LineIndex::new(&source.text, 1).pos(at);
            report.error(
                RuleId::FrontMatter,
                Span::at(pos),
                "the file's lines end with a carriage return alone (as old Mac files did), so its front matter cannot be read",
            )
            .help = Some("save the file with LF (or CRLF) line ends; most editors have this setting".into());
            return None;
        }
        Err(SplitError::NoOpening) => {
            report.error(RuleId::FrontMatter, Span::at(Pos::START), "the file does not start with front matter")
                .help = Some("a posting starts with a `---` line, then its fields such as `title: …`, then another `---` line, then the description".into());
            return None;
        }
        Err(SplitError::Unclosed) => {
            report
                .error(
                    RuleId::FrontMatter,
                    opening,
                    "the front matter that opens here is never closed",
                )
                .help = Some(
                "add a line with only `---` after the last field, before the description".into(),
            );
            return None;
        }
    };
    let root = match yaml::parse(parts.yaml, parts.yaml_line) {
        Ok(root) => root,
        Err(err) => {
            report.error(RuleId::FrontMatter, err.span, err.message).help =
                Some("fields are written `name: value`, one per line; quote values that contain `: ` or start with a special character".into());
            return None;
        }
    };
    let empty = Node {
        value: yaml::Value::Map(Vec::new()),
        span: opening,
    };
    let root = if matches!(root.value, yaml::Value::Null) {
        &empty
    } else {
        &root
    };
    let fields = Fields::read(root, opening, "the front matter", FIELDS, report)?;
    let reader = Reader {
        fields: &fields,
        config,
    };
    check_body_chars(parts.body, parts.body_line, report);
    let posting = reader.posting(source, parts.body, parts.body_line, opening, report);
    if report.has_errors() { None } else { posting }
}

/// The first carriage return not followed by a line feed.
fn lone_carriage_return(text: &str) -> Option<usize> {
    text.match_indices('\r')
        .map(|(at, _)| at)
        .find(|&at| text.as_bytes().get(at + 1) != Some(&b'\n'))
}

/// The body's characters: none that has no place in text (it is shown, fed
/// and indexed as it is).
fn check_body_chars(body: &str, first_line: u32, report: &mut Report) {
    if let Some(bad) = crate::unicode::bad_char(body) {
        let pos = crate::text::LineIndex::new(body, first_line).pos(bad.at);
        report
            .error(
                RuleId::File,
                Span::on_line(pos, 1),
                format!(
                    "the description has {}, which has no place in a posting",
                    bad.describe()
                ),
            )
            .help = Some("delete it: retype the text around it, or paste it as plain text".into());
    }
}

struct Reader<'a, 'n> {
    fields: &'a Fields<'n>,
    config: &'a Config,
}

impl Reader<'_, '_> {
    fn posting(
        &self,
        source: &Source,
        body: &str,
        body_line: u32,
        opening: Span,
        report: &mut Report,
    ) -> Option<Posting> {
        let f = self.fields;
        let text = |name: &str, report: &mut Report| {
            f.get(name)
                .and_then(|node| schema::text(node, name, report))
        };
        let title = text("title", report);
        let company = text("company", report);
        let company_url = f.get("company_url").and_then(|n| company_url(n, report));
        let remote = f.get("remote").and_then(|n| {
            schema::text(n, "remote", report)
                .and_then(|w| schema::choice::<Remote>(&w, n.span, "remote", report))
        });
        let location = f
            .get("location")
            .and_then(|n| place(n, f.span("location"), report));
        let remote_from = f
            .get("remote_from")
            .and_then(|n| regions(n, report))
            .unwrap_or_default();
        self.require_where(remote, location.is_some(), !remote_from.is_empty(), report);
        let types = f.get("type").and_then(|n| job_types(n, report));
        let category = f.get("category").and_then(|n| self.category(n, report));
        let salary = f
            .get("salary")
            .and_then(|n| salary(n, f.span("salary"), report));
        if self.config.require_salary && f.get("salary").is_none() {
            report.error(RuleId::Required, opening, "this board requires a `salary`").help =
                Some("add a salary range, such as `salary: { min: 70000, max: 90000, currency: EUR, period: year }`".into());
        }
        let (tags, tag_spans) = f.get("tags").map(|n| tags(n, report)).unwrap_or_default();
        let apply = f.get("apply").and_then(|n| apply(n, report));
        let contact = f
            .get("contact")
            .and_then(|n| contact(n, f.span("contact"), report));
        let agency = f
            .get("agency")
            .and_then(|n| schema::boolean(n, "agency", report));
        let posted = f
            .get("posted")
            .and_then(|n| schema::date(n, "posted", report));
        let expires = f
            .get("expires")
            .and_then(|n| schema::date(n, "expires", report));

        let salary_span = |key: &str| {
            f.get("salary").and_then(|n| match &n.value {
                yaml::Value::Map(entries) => entries
                    .iter()
                    .find(|(k, _)| k.as_text().as_deref() == Some(key))
                    .map(|(_, v)| v.span),
                _ => None,
            })
        };
        let spans = Spans {
            front_matter: opening,
            title: f.span("title"),
            company: f.span("company"),
            company_url: f.span("company_url"),
            remote: f.span("remote"),
            category: f.span("category"),
            salary: f.span("salary"),
            salary_min: salary_span("min").unwrap_or(f.span("salary")),
            salary_max: salary_span("max").unwrap_or(f.span("salary")),
            tags: tag_spans,
            apply: f.span("apply"),
            contact_email: contact_email_span(f),
            posted: f.span("posted"),
            expires: f.span("expires"),
        };
        let keys = super::Keys::new(
            company.as_deref()?,
            title.as_deref()?,
            body,
            apply.as_ref()?,
        );
        Some(Posting {
            slug: source.slug.clone(),
            file: source.file.clone(),
            title: title?,
            company: company?,
            company_url,
            location,
            remote: remote?,
            remote_from,
            types: types?,
            category: category?,
            salary,
            tags,
            apply: apply?,
            contact,
            agency: agency.unwrap_or(false),
            posted: posted?,
            expires,
            body: Body {
                markdown: body.to_string(),
                line: body_line,
            },
            spans,
            fingerprint: source.fingerprint(),
            keys,
        })
    }

    /// Onsite and hybrid jobs say where; remote jobs say from where.
    fn require_where(
        &self,
        remote: Option<Remote>,
        has_location: bool,
        has_remote_from: bool,
        report: &mut Report,
    ) {
        let span = self.fields.span("remote");
        match remote {
            Some(Remote::Remote)
                if !has_remote_from && self.fields.get("remote_from").is_none() =>
            {
                report.error(RuleId::Required, span, "`remote_from` is required when `remote: remote`")
                    .help = Some("list the countries applicants may live in, such as `remote_from: [DE, AT, CH]`, or write `remote_from: [worldwide]`".into());
            }
            Some(r @ (Remote::Onsite | Remote::Hybrid))
                if !has_location && self.fields.get("location").is_none() =>
            {
                report
                    .error(
                        RuleId::Required,
                        span,
                        format!("`location` is required for {r} jobs"),
                    )
                    .help = Some("add `location: { city: Berlin, country: DE }`".into());
            }
            _ => {}
        }
    }

    fn category(&self, node: &Node, report: &mut Report) -> Option<String> {
        let word = schema::text(node, "category", report)?;
        if self.config.categories.iter().any(|(slug, _)| *slug == word) {
            return Some(word);
        }
        let slugs: Vec<&str> = self
            .config
            .categories
            .iter()
            .map(|(s, _)| s.as_str())
            .collect();
        let mut message = format!("`category` cannot be `{word}` on this board");
        if let Some(near) = crate::diagnostic::nearest(&word, slugs.iter().copied()) {
            message.push_str(&format!("; did you mean `{near}`?"));
        }
        report.error(RuleId::Enum, node.span, message).help = Some(format!(
            "the categories of this board are: {}",
            slugs.join(", ")
        ));
        None
    }
}

fn contact_email_span(f: &Fields) -> Span {
    f.get("contact")
        .and_then(|n| match &n.value {
            yaml::Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_text().as_deref() == Some("email"))
                .map(|(_, v)| v.span),
            _ => None,
        })
        .unwrap_or_else(|| f.span("contact"))
}

fn place(node: &Node, owner: Span, report: &mut Report) -> Option<Place> {
    let fields = Fields::read(node, owner, "`location`", LOCATION, report)?;
    let city = fields
        .get("city")
        .and_then(|n| schema::text(n, "city", report));
    let region = fields
        .get("region")
        .and_then(|n| schema::text(n, "region", report));
    let country = fields
        .get("country")
        .and_then(|n| country(n, "country", report));
    Some(Place {
        city: city?,
        region,
        country: country?,
    })
}

fn country(node: &Node, field: &str, report: &mut Report) -> Option<Country> {
    let code = schema::text(node, field, report)?;
    country_code(&code, node.span, field, report)
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

fn regions(node: &Node, report: &mut Report) -> Option<Vec<Region>> {
    let items = schema::text_list(node, "remote_from", report)?;
    let mut regions = Vec::with_capacity(items.len());
    for (word, span) in items {
        let region = if word.eq_ignore_ascii_case("worldwide") {
            Some(Region::Worldwide)
        } else {
            country_code(&word, span, "remote_from", report).map(Region::Country)
        };
        if let Some(region) = region.filter(|r| !regions.contains(r)) {
            regions.push(region);
        }
    }
    Some(regions)
}

fn job_types(node: &Node, report: &mut Report) -> Option<Vec<JobType>> {
    let items = schema::text_list(node, "type", report)?;
    let mut types: Vec<JobType> = Vec::with_capacity(items.len());
    let mut ok = true;
    for (word, span) in items {
        match schema::choice::<JobType>(&word, span, "type", report) {
            Some(t) if !types.contains(&t) => types.push(t),
            Some(_) => {}
            None => ok = false,
        }
    }
    ok.then_some(types)
}

fn salary(node: &Node, owner: Span, report: &mut Report) -> Option<Salary> {
    let fields = Fields::read(node, owner, "`salary`", SALARY, report)?;
    let amount = |name: &str, report: &mut Report| {
        fields
            .get(name)
            .and_then(|n| schema::number(n, name, report))
            .map(|(value, text)| Amount { value, text })
    };
    let min = amount("min", report);
    let max = amount("max", report);
    let currency = fields.get("currency").and_then(|n| {
        let code = schema::text(n, "currency", report)?;
        let currency = Currency::from_code(&code);
        if currency.is_none() {
            report
                .error(
                    RuleId::Enum,
                    n.span,
                    format!("`currency`: `{code}` is not an ISO 4217 currency code"),
                )
                .help =
                Some("use the three-letter code in capitals, such as EUR, USD, GBP or INR".into());
        }
        currency
    });
    let period = fields.get("period").and_then(|n| {
        schema::text(n, "period", report)
            .and_then(|w| schema::choice::<Period>(&w, n.span, "period", report))
    });
    if let (Some(min), Some(max)) = (&min, &max)
        && max.value < min.value
    {
        report.error(
            RuleId::Enum,
            fields.span("max"),
            format!(
                "salary `max` ({}) is less than `min` ({})",
                max.text, min.text
            ),
        );
    }
    Some(Salary {
        min: min?,
        max,
        currency: currency?,
        period: period?,
    })
}

fn tags(node: &Node, report: &mut Report) -> (Vec<String>, Vec<Span>) {
    let Some(items) = schema::text_list(node, "tags", report) else {
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

fn contact(node: &Node, owner: Span, report: &mut Report) -> Option<Contact> {
    let fields = Fields::read(node, owner, "`contact`", CONTACT, report)?;
    let name = fields
        .get("name")
        .and_then(|n| schema::text(n, "name", report));
    let email = fields
        .get("email")
        .and_then(|n| schema::text(n, "email", report));
    Some(Contact { name, email })
}

/// How to apply: a `mailto:` address or a web address.
fn apply(node: &Node, report: &mut Report) -> Option<Apply> {
    let text = schema::text(node, "apply", report)?;
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
    web_url(
        &text,
        node.span,
        "apply",
        " (or `mailto:` for e-mail)",
        report,
    )
    .map(Apply::Url)
}

fn company_url(node: &Node, report: &mut Report) -> Option<Url> {
    let text = schema::text(node, "company_url", report)?;
    web_url(&text, node.span, "company_url", "", report)
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
