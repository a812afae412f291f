//! Reading typed values out of a positioned YAML tree, reporting every problem.
//!
//! Shared by the posting schema and `board.yaml`: unknown keys name the nearest
//! known key, a missing key says how to add it, a wrong type says what it found.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::diagnostic::{Finding, RuleId, Severity, Span, nearest};
use crate::yaml::{Node, Value};

/// The findings of one file, from any rule.
pub struct Report<'a> {
    file: &'a str,
    findings: &'a mut Vec<Finding>,
}

impl<'a> Report<'a> {
    pub fn new(file: &'a str, findings: &'a mut Vec<Finding>) -> Self {
        Self { file, findings }
    }

    pub fn file(&self) -> &'a str {
        self.file
    }

    pub fn error(&mut self, rule: RuleId, span: Span, message: impl Into<String>) -> &mut Finding {
        self.push(rule, Severity::Error, span, message)
    }

    pub fn push(
        &mut self,
        rule: RuleId,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.findings
            .push(Finding::new(self.file, span, rule, severity, message));
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Finding::is_error)
    }
}

/// A key of a mapping: its name, whether it must be there, and an example of
/// its value for messages ("add `title: Senior Python Engineer`").
#[derive(Clone, Debug)]
pub struct Key {
    pub name: &'static str,
    pub required: bool,
    pub example: Cow<'static, str>,
}

impl Key {
    pub const fn new(name: &'static str, required: bool, example: &'static str) -> Self {
        Self {
            name,
            required,
            example: Cow::Borrowed(example),
        }
    }

    pub const fn required(name: &'static str, example: &'static str) -> Self {
        Self::new(name, true, example)
    }

    pub const fn optional(name: &'static str, example: &'static str) -> Self {
        Self::new(name, false, example)
    }
}

/// A YAML mapping read against the keys it may have.
pub struct Fields<'n> {
    entries: Vec<(&'n Key, &'n Node, &'n Node)>,
    /// Where a finding about a missing key points: the mapping's own key.
    owner: Span,
    /// `front matter`, `location`, `salary`: for messages.
    what: &'static str,
}

impl<'n> Fields<'n> {
    /// Reads `node` as a mapping of `keys`. Unknown keys and keys that are not
    /// text are reported; the known ones can then be taken by name.
    pub fn read(
        node: &'n Node,
        owner: Span,
        what: &'static str,
        keys: &'n [Key],
        report: &mut Report,
    ) -> Option<Self> {
        let Value::Map(map) = &node.value else {
            report.error(
                RuleId::FrontMatter,
                node.span_or(owner),
                format!(
                    "{what} must be a mapping of `key: value` lines, but it is {}",
                    node.value.kind()
                ),
            );
            return None;
        };
        let mut entries = Vec::with_capacity(map.len());
        for (key, value) in map {
            let Value::Str(name) = &key.value else {
                report.error(
                    RuleId::FrontMatter,
                    key.span,
                    format!(
                        "keys in {what} must be words, but this one is {}",
                        key.value.kind()
                    ),
                );
                continue;
            };
            match keys.iter().find(|k| k.name == name) {
                Some(known) => entries.push((known, key, value)),
                None => unknown_key(name, key.span, what, keys, report),
            }
        }
        let fields = Self {
            entries,
            owner,
            what,
        };
        fields.report_missing(keys, report);
        Some(fields)
    }

    /// The value of `name` when it is present and not empty.
    pub fn get(&self, name: &str) -> Option<&'n Node> {
        self.entry(name).map(|(_, v)| v).filter(|v| !v.is_empty())
    }

    /// The span of `name`'s value, or of its key when the value is empty, or
    /// of the mapping's own key when `name` is absent.
    pub fn span(&self, name: &str) -> Span {
        self.entry(name).map_or(
            self.owner,
            |(k, v)| if v.is_empty() { k.span } else { v.span },
        )
    }

    /// Reports every required key that is missing or empty, with an example line.
    fn report_missing(&self, keys: &[Key], report: &mut Report) {
        for key in keys
            .iter()
            .filter(|k| k.required && self.get(k.name).is_none())
        {
            let (span, message) = match self.entry(key.name) {
                Some((k, _)) => (k.span, format!("`{}` is empty", key.name)),
                None => (
                    self.owner,
                    format!("`{}` is missing from {}", key.name, self.what),
                ),
            };
            report.error(RuleId::Required, span, message).help = Some(format!(
                "add a line such as `{}: {}`",
                key.name, key.example
            ));
        }
    }

    fn entry(&self, name: &str) -> Option<(&'n Node, &'n Node)> {
        self.entries
            .iter()
            .find(|(k, _, _)| k.name == name)
            .map(|(_, k, v)| (*k, *v))
    }
}

fn unknown_key(name: &str, span: Span, what: &str, keys: &[Key], report: &mut Report) {
    let names = keys.iter().map(|k| k.name);
    let finding = match nearest(name, names) {
        Some(near) => report.error(
            RuleId::UnknownField,
            span,
            format!("unknown field `{name}` in {what}; did you mean `{near}`?"),
        ),
        None => report.error(
            RuleId::UnknownField,
            span,
            format!("unknown field `{name}` in {what}"),
        ),
    };
    let all: Vec<_> = keys.iter().map(|k| format!("`{}`", k.name)).collect();
    finding.help = Some(format!("the fields of {what} are {}", all.join(", ")));
}

impl Node {
    fn span_or(&self, fallback: Span) -> Span {
        if self.span == Span::default() {
            fallback
        } else {
            self.span
        }
    }
}

fn wrong_type(node: &Node, field: &str, wanted: &str, report: &mut Report) {
    report.error(
        RuleId::FrontMatter,
        node.span,
        format!(
            "`{field}` must be {wanted}, but it is {}",
            node.value.kind()
        ),
    );
}

/// A scalar read as text, trimmed and composed (NFC). Characters that have
/// no place in it (controls, bidirectional controls, invisible characters)
/// are refused here, once, for every stage after.
pub fn text(node: &Node, field: &str, report: &mut Report) -> Option<String> {
    match node.as_text() {
        Some(text) => clean(&text, node, field, report),
        None => {
            wrong_type(node, field, "text", report);
            None
        }
    }
}

fn clean(text: &str, node: &Node, field: &str, report: &mut Report) -> Option<String> {
    // Judged before trimming: a control character at the end of a value is
    // still one the submitter should know of.
    let spaced = text.trim_matches([' ', '\t', '\n', '\r']);
    if let Some(bad) = crate::unicode::bad_char(spaced) {
        let nth = spaced[..bad.at].chars().count() + 1;
        report
            .error(
                RuleId::File,
                node.span,
                format!(
                    "`{field}` has {} as its character {nth}; it has no place in a posting",
                    bad.describe()
                ),
            )
            .help = Some("delete it: retype the value, or paste it as plain text".into());
        return None;
    }
    Some(crate::unicode::composed(text.trim()))
}

/// One value or a list of them, each read as text with its span.
pub fn text_list(node: &Node, field: &str, report: &mut Report) -> Option<Vec<(String, Span)>> {
    let items: Vec<&Node> = match &node.value {
        Value::Seq(items) => items.iter().collect(),
        Value::Map(_) => {
            wrong_type(node, field, "a list such as `[a, b]`", report);
            return None;
        }
        _ => vec![node],
    };
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items {
        match item.as_text() {
            Some(t) => match clean(&t, item, field, report) {
                Some(t) => out.push((t, item.span)),
                None => ok = false,
            },
            None => {
                wrong_type(item, &format!("each entry of `{field}`"), "text", report);
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// A whole number within `range`.
pub fn integer(
    node: &Node,
    field: &str,
    range: std::ops::RangeInclusive<i64>,
    report: &mut Report,
) -> Option<i64> {
    let Value::Int(n) = node.value else {
        wrong_type(node, field, "a whole number", report);
        return None;
    };
    if !range.contains(&n) {
        report.error(
            RuleId::Enum,
            node.span,
            format!(
                "`{field}` must be from {} to {}, not {n}",
                range.start(),
                range.end()
            ),
        );
        return None;
    }
    Some(n)
}

/// A number, with its spelling.
pub fn number(node: &Node, field: &str, report: &mut Report) -> Option<(f64, String)> {
    match &node.value {
        Value::Int(n) => Some((*n as f64, n.to_string())),
        Value::Float(f, raw) if f.is_finite() => Some((*f, raw.clone())),
        _ => {
            report.error(
                RuleId::FrontMatter,
                node.span,
                format!(
                    "`{field}` must be a plain number such as `70000`, but it is {}",
                    node.value.kind()
                ),
            );
            None
        }
    }
}

pub fn boolean(node: &Node, field: &str, report: &mut Report) -> Option<bool> {
    match node.value {
        Value::Bool(b) => Some(b),
        _ => {
            wrong_type(node, field, "`true` or `false`", report);
            None
        }
    }
}

/// One of a fixed set of words; a near miss is named.
pub fn word(
    word: &str,
    span: Span,
    field: &str,
    words: &'static [&'static str],
    report: &mut Report,
) -> Option<&'static str> {
    if let Some(known) = words.iter().find(|w| **w == word) {
        return Some(known);
    }
    let allowed = words.join(", ");
    let message = match nearest(word, words.iter().copied()) {
        Some(near) => {
            format!("`{field}` cannot be `{word}`; did you mean `{near}`? (allowed: {allowed})")
        }
        None => format!("`{field}` cannot be `{word}`; use one of: {allowed}"),
    };
    report.error(RuleId::Enum, span, message);
    None
}

/// A calendar date written `YYYY-MM-DD`.
pub fn date(node: &Node, field: &str, report: &mut Report) -> Option<NaiveDate> {
    let text = node.as_text().unwrap_or_default();
    let well_formed = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !well_formed {
        report.error(
            RuleId::Date,
            node.span,
            format!("`{field}` must be a date written YYYY-MM-DD, such as `2026-11-20`"),
        );
        return None;
    }
    match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        Ok(date) => Some(date),
        Err(_) => {
            report.error(
                RuleId::Date,
                node.span,
                format!("`{field}`: {text} is not a day of the calendar"),
            );
            None
        }
    }
}
