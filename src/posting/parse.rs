//! A posting's text to a [`Posting`], or to findings that say what to fix.
//!
//! Each field is read by its declaration in [`fields`](super::fields); what
//! is left here is what relates fields to each other.

use super::fields::{Field, POSTING, Publish, Schema};
use super::value::{self, Value};
use super::{Apply, Body, Choice, Contact, JobType, Period, Place, Posting, Remote, Salary, Spans};
use crate::config::Config;
use crate::diagnostic::{Pos, RuleId, Span};
use crate::frontmatter::{self, SplitError};
use crate::schema::{Fields, Report};
use crate::source::Source;
use crate::yaml::{self, Node};

/// Parses one posting. Every problem found is reported; a posting comes back
/// only when its front matter has no error.
pub fn parse(source: &Source, config: &Config, report: &mut Report) -> Option<Posting> {
    parse_with(&POSTING, source, config, report)
}

/// Parses one posting against `schema` (the posting's own, or one a test extends).
pub fn parse_with(
    schema: &Schema,
    source: &Source,
    config: &Config,
    report: &mut Report,
) -> Option<Posting> {
    match parse_lenient(schema, source, config, report)? {
        Parsed::Complete(posting) => Some(posting),
        Parsed::Partial(_) => None,
    }
}

/// A posting as far as it could be read.
pub enum Parsed {
    /// Its front matter has no error.
    Complete(Posting),
    /// It has errors: what could not be read has a stand-in (empty text, no
    /// types, the first day of 1970) whose span is [`BROKEN`], so that the
    /// rules can still judge the rest and their findings about a stand-in
    /// can be told apart and dropped. Never rendered, never compared.
    Partial(Posting),
}

/// The span of a value that could not be read (see [`Parsed::Partial`]).
pub const BROKEN: Span = Span::new(Pos::new(0, 0), Pos::new(0, 0));

/// Parses one posting, and when its front matter has errors, still gives
/// what could be read of it (`None` only when the front matter cannot be
/// found at all), so that one `check` reports every problem at once.
pub fn parse_lenient(
    schema: &Schema,
    source: &Source,
    config: &Config,
    report: &mut Report,
) -> Option<Parsed> {
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
    let empty = Node {
        value: yaml::Value::Map(Vec::new()),
        span: opening,
    };
    let root = match yaml::parse(parts.yaml, parts.yaml_line) {
        Ok(root) if matches!(root.value, yaml::Value::Null) => Some(empty.clone()),
        Ok(root) => Some(root),
        Err(err) => {
            report.error(RuleId::FrontMatter, err.span, err.message).help =
                Some("fields are written `name: value`, one per line; quote values that contain `: ` or start with a special character".into());
            None
        }
    };
    // When the front matter cannot be read as fields, nothing of it is, and
    // no more is said of it; the description still is.
    let mut unsaid = Vec::new();
    let top = match root
        .as_ref()
        .and_then(|root| Fields::read(root, opening, "the front matter", schema.keys(), report))
    {
        Some(top) => top,
        None => Fields::read(
            &empty,
            opening,
            "",
            schema.keys(),
            &mut Report::new("", &mut unsaid),
        )?,
    };
    let read = Read::new(schema, &top, config, report);
    check_body_chars(parts.body, parts.body_line, report);
    let posting = read.posting(source, parts.body, parts.body_line, opening, config, report);
    Some(if report.has_errors() {
        Parsed::Partial(posting)
    } else {
        Parsed::Complete(posting)
    })
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

/// The fields of one front matter, read by their kinds.
struct Read<'n> {
    top: &'n Fields<'n>,
    /// Each group that is there, read as a mapping of its keys.
    groups: Vec<(&'static str, Fields<'n>)>,
    values: Vec<(&'static Field, Value)>,
}

/// Takes the value of `$key` when it is of kind `$variant`.
macro_rules! take {
    ($read:expr, $key:literal, $variant:ident) => {
        match $read.take($key) {
            Some(Value::$variant(v)) => Some(v),
            _ => None,
        }
    };
}

impl<'n> Read<'n> {
    fn new(schema: &'n Schema, top: &'n Fields<'n>, config: &Config, report: &mut Report) -> Self {
        let mut groups = Vec::new();
        for field in schema.fields {
            let Some(group) = field.group() else { continue };
            if groups.iter().any(|(g, _)| *g == group) {
                continue;
            }
            let Some(node) = top.get(group) else { continue };
            let what = match group {
                "location" => "`location`",
                "salary" => "`salary`",
                "contact" => "`contact`",
                _ => "a group of fields",
            };
            if let Some(fields) = Fields::read(
                node,
                top.span(group),
                what,
                schema.group_keys(group),
                report,
            ) {
                groups.push((group, fields));
            }
        }
        let mut read = Self {
            top,
            groups,
            values: Vec::with_capacity(schema.fields.len()),
        };
        for field in schema.fields {
            if let Some(node) = read.node(field)
                && let Some(value) = value::read(field, node, config, report)
            {
                read.values.push((field, value));
            }
        }
        read
    }

    /// The mapping a field is a key of, if it is there.
    fn owner(&self, field: &Field) -> Option<&Fields<'n>> {
        match field.group() {
            None => Some(self.top),
            Some(group) => self
                .groups
                .iter()
                .find(|(g, _)| *g == group)
                .map(|(_, f)| f),
        }
    }

    fn node(&self, field: &Field) -> Option<&'n Node> {
        self.owner(field)?.get(field.name())
    }

    /// Where findings about `key` point (see [`Fields::span`]).
    fn span(&self, key: &str) -> Span {
        match key.split_once('.') {
            None => self.top.span(key),
            Some((group, name)) => self
                .groups
                .iter()
                .find(|(g, _)| *g == group)
                .map_or_else(|| self.top.span(group), |(_, f)| f.span(name)),
        }
    }

    /// Whether `key` is written at all, even with a value that is wrong.
    fn written(&self, key: &str) -> bool {
        self.top.get(key).is_some()
    }

    fn take(&mut self, key: &str) -> Option<Value> {
        let at = self.values.iter().position(|(f, _)| f.key == key)?;
        Some(self.values.swap_remove(at).1)
    }

    fn posting(
        mut self,
        source: &Source,
        body: &str,
        body_line: u32,
        opening: Span,
        config: &Config,
        report: &mut Report,
    ) -> Posting {
        let mut spans = Spans {
            front_matter: opening,
            title: self.span("title"),
            company: self.span("company"),
            company_url: self.span("company_url"),
            remote: self.span("remote"),
            category: self.span("category"),
            salary: self.span("salary"),
            salary_min: self.span("salary.min"),
            salary_max: self.span("salary.max"),
            tags: Vec::new(),
            apply: self.span("apply"),
            contact_email: self.span("contact.email"),
            posted: self.span("posted"),
            expires: self.span("expires"),
            filled: self.span("filled"),
        };
        let remote = take!(self, "remote", Word).and_then(Remote::parse);
        let location = self.place();
        let remote_from = take!(self, "remote_from", Regions).unwrap_or_default();
        self.require_where(remote, location.is_some(), !remote_from.is_empty(), report);
        let salary = self.salary(report);
        if config.require_salary && !self.written("salary") {
            report.error(RuleId::Required, opening, "this board requires a `salary`").help =
                Some("add a salary range, such as `salary: { min: 70000, max: 90000, currency: EUR, period: year }`".into());
        }
        let contact = self.contact();
        let (tags, tag_spans) = match self.take("tags") {
            Some(Value::Tags(tags, spans)) => (tags, spans),
            _ => Default::default(),
        };
        spans.tags = tag_spans;
        let title = take!(self, "title", Text);
        let company = take!(self, "company", Text);
        let apply = take!(self, "apply", Apply);
        let company_url = take!(self, "company_url", Url);
        let types = take!(self, "type", Words)
            .map(|words| words.into_iter().filter_map(JobType::parse).collect());
        let category = take!(self, "category", Text);
        let agency = take!(self, "agency", Flag);
        let posted = take!(self, "posted", Date);
        let expires = take!(self, "expires", Date);
        let filled = take!(self, "filled", Date);
        // What is left are the fields only the declarations know.
        let extra: Vec<(&'static Field, Value)> = self
            .values
            .drain(..)
            .filter(|(f, _)| matches!(f.publish, Publish::Fact { .. }))
            .collect();
        // What could not be read stands in as empty, at the BROKEN span.
        let stand_in = |span: &mut Span, known: bool| {
            if !known {
                *span = BROKEN;
            }
        };
        stand_in(&mut spans.title, title.is_some());
        stand_in(&mut spans.company, company.is_some());
        stand_in(&mut spans.remote, remote.is_some());
        stand_in(&mut spans.category, category.is_some());
        stand_in(&mut spans.apply, apply.is_some());
        stand_in(&mut spans.posted, posted.is_some());
        let title = title.unwrap_or_default();
        let company = company.unwrap_or_default();
        let apply = apply.unwrap_or_else(|| Apply::Email(String::new()));
        let keys = super::Keys::new(&company, &title, body, &apply);
        Posting {
            slug: source.slug.clone(),
            file: source.file.clone(),
            title,
            company,
            company_url,
            location,
            remote: remote.unwrap_or(Remote::Onsite),
            remote_from,
            types: types.unwrap_or_default(),
            category: category.unwrap_or_default(),
            salary,
            tags,
            apply,
            contact,
            agency: agency.unwrap_or(false),
            posted: posted.unwrap_or_default(),
            expires,
            filled,
            extra,
            body: Body {
                markdown: body.to_string(),
                line: body_line,
            },
            spans,
            fingerprint: source.fingerprint(),
            keys,
        }
    }

    fn place(&mut self) -> Option<Place> {
        let city = take!(self, "location.city", Text);
        let region = take!(self, "location.region", Text);
        let country = take!(self, "location.country", Country);
        Some(Place {
            city: city?,
            region,
            country: country?,
        })
    }

    fn salary(&mut self, report: &mut Report) -> Option<Salary> {
        let min = take!(self, "salary.min", Number);
        let max = take!(self, "salary.max", Number);
        let currency = take!(self, "salary.currency", Currency);
        let period = take!(self, "salary.period", Word).and_then(Period::parse);
        if let (Some(min), Some(max)) = (&min, &max)
            && max.value < min.value
        {
            report.error(
                RuleId::Enum,
                self.span("salary.max"),
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

    fn contact(&mut self) -> Option<Contact> {
        let name = take!(self, "contact.name", Text);
        let email = take!(self, "contact.email", Text);
        self.groups
            .iter()
            .any(|(g, _)| *g == "contact")
            .then_some(Contact { name, email })
    }

    /// Onsite and hybrid jobs say where; remote jobs say from where.
    fn require_where(
        &self,
        remote: Option<Remote>,
        has_location: bool,
        has_remote_from: bool,
        report: &mut Report,
    ) {
        let span = self.span("remote");
        match remote {
            Some(Remote::Remote) if !has_remote_from && !self.written("remote_from") => {
                report.error(RuleId::Required, span, "`remote_from` is required when `remote: remote`")
                    .help = Some("list the countries applicants may live in, such as `remote_from: [DE, AT, CH]`, or write `remote_from: [worldwide]`".into());
            }
            Some(r @ (Remote::Onsite | Remote::Hybrid))
                if !has_location && !self.written("location") =>
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
}
