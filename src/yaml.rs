//! YAML to a tree of values that know where they are in the file.
//!
//! serde-saphyr does the parsing (with budgets against alias bombs and deep
//! nesting, strict booleans, duplicate keys rejected); we keep every node's
//! position so that the schema in `posting/` and `config.rs` can report every
//! problem at the line and column where the user typed it, not only the first.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::{Pos, Span};
use crate::text::{LineIndex, to_u32};

/// A YAML node and its place in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// A float, with its spelling in the file (`35.50` must not become `35.5`).
    Float(f64, String),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// What kind of value this is, for messages such as "found a list".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(..) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

impl Node {
    /// The text of a scalar, as a string field reads it: `3M` and `2026` are
    /// both text to a field that wants text. `None` for null, lists and maps.
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(_, raw) => Some(raw.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }

    /// Is this node absent in spirit: null, an empty string, list or mapping.
    pub fn is_empty(&self) -> bool {
        match &self.value {
            Value::Null => true,
            Value::Str(s) => s.trim().is_empty(),
            Value::Seq(items) => items.is_empty(),
            Value::Map(entries) => entries.is_empty(),
            _ => false,
        }
    }
}

/// A YAML error with its position in the file: a syntax error, a budget
/// breached, a tag refused. `message` is a sentence a posting's author can
/// act on ("YAML syntax: …" for the parser's own).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub span: Span,
    pub message: String,
}

/// Parses `yaml`, whose first line is line `first_line` of its file.
pub fn parse(yaml: &str, first_line: u32) -> Result<Node, YamlError> {
    let index = LineIndex::new(yaml, first_line);
    if let Some(at) = binary_tag(yaml) {
        return Err(YamlError {
            span: Span::on_line(index.pos(at), 8),
            message: BINARY.into(),
        });
    }
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(yaml, options()) {
        Ok(root) => Ok(convert(root, yaml, &index)),
        Err(err) => {
            // YAML counts a lone carriage return as a line break, a file's
            // lines do not: where the byte offset is known it decides.
            let last = Pos::new(first_line + to_u32(yaml.split('\n').count()) - 1, 1);
            let pos = err.location().map_or(Pos::new(first_line, 1), |loc| {
                match loc.span().byte_offset() {
                    Some(offset) => index.pos(usize_of(offset)),
                    None => Pos::new(
                        first_line + to_u32(usize::try_from(loc.line()).unwrap_or(1)) - 1,
                        to_u32(usize::try_from(loc.column()).unwrap_or(1)),
                    )
                    .min(last),
                }
            });
            let message = plain_message(&err);
            // A bracket or quote left open is found by the parser only where
            // the text ends; point at where it opened, as rustc does.
            if message.is_err()
                && let Some((at, open)) = unclosed(yaml)
                && index.pos(at) <= pos
            {
                let close = match open {
                    '[' => ']',
                    '{' => '}',
                    other => other,
                };
                return Err(YamlError {
                    span: Span::on_line(index.pos(at), 1),
                    message: format!(
                        "the `{open}` opened here is never closed; close it with `{close}`"
                    ),
                });
            }
            Err(YamlError {
                span: Span::at(pos),
                message: message.unwrap_or_else(|syntax| format!("YAML syntax: {syntax}")),
            })
        }
    }
}

/// The innermost flow bracket (`[`, `{`) or quote that is still open at the
/// end of `yaml`, with its byte offset. Quotes count where a value starts
/// (after `: `, `- `, a bracket or a comma); comments are skipped.
fn unclosed(yaml: &str) -> Option<(usize, char)> {
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut quote: Option<(usize, char)> = None;
    let mut value_starts = true;
    let mut chars = yaml.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if let Some((_, q)) = quote {
            match c {
                '\\' if q == '"' => {
                    chars.next();
                }
                '\'' if q == '\'' && chars.peek().map(|(_, n)| *n) == Some('\'') => {
                    chars.next();
                }
                _ if c == q => quote = None,
                _ => {}
            }
            continue;
        }
        match c {
            '"' | '\'' if value_starts => quote = Some((at, c)),
            '[' | '{' => open.push((at, c)),
            ']' | '}' => {
                open.pop();
            }
            '#' if yaml[..at].ends_with([' ', '\t', '\n']) || at == 0 => {
                while chars.peek().is_some_and(|(_, n)| *n != '\n') {
                    chars.next();
                }
            }
            _ => {}
        }
        value_starts = match c {
            ' ' | '\t' => value_starts,
            ':' | '-' | '[' | '{' | ',' | '\n' => true,
            _ => false,
        };
    }
    quote.or_else(|| open.last().copied())
}

/// `12,345`.
fn thousands(n: usize) -> String {
    crate::text::thousands(n)
}

/// Budgets sized for front matter: a posting has a few dozen nodes, three
/// levels deep. Anything far beyond that is an attack or an accident.
fn limits() -> serde_saphyr::Budget {
    let mut limits = serde_saphyr::Budget::default();
    limits.max_events = 50_000;
    limits.max_nodes = 20_000;
    limits.max_depth = 16;
    limits.flow_nesting_limit = 16;
    limits.max_aliases = 64;
    limits.max_anchors = 64;
    limits.max_recorded_anchor_events = 10_000;
    limits.max_recorded_anchor_bytes = 1 << 20;
    limits.max_total_scalar_bytes = 1 << 20;
    limits.max_merge_keys = 16;
    limits
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
        // `!custom` tags mean nothing in a posting; refused, not ignored.
        reject_unsupported_tags: true,
        budget: Some(limits()),
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 10_000,
            max_replay_stack_depth: 8,
        },
    }
}

/// Where a `!!binary` tag stands, if one does: the parser decodes such a
/// value silently, so it is looked for in the text (as a tag: after a
/// space, a colon, a dash or a bracket).
fn binary_tag(yaml: &str) -> Option<usize> {
    yaml.match_indices("!!binary")
        .map(|(at, _)| at)
        .find(|&at| {
            // What stands before it on its line, spaces aside: a tag follows a
            // key's colon, a list's dash or bracket, or nothing.
            let line = yaml[..at].rsplit('\n').next().unwrap_or_default();
            line.trim_end()
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, ':' | '-' | '[' | ',' | '{' | '?'))
        })
}

const BINARY: &str = "a `!!binary` value has no place in a posting; write the text itself";

/// serde-saphyr's message in a posting's words, without its "at line N,
/// column M" suffix (we say where ourselves) and without advice meant for
/// programmers.
/// `Ok` for our own sentences, `Err` for the parser's syntax messages.
fn plain_message(err: &serde_saphyr::Error) -> Result<String, String> {
    use serde_saphyr::budget::BudgetBreach as B;
    // The error itself, out of the wrappings that say where (we say where).
    let mut inner = err;
    while let serde_saphyr::Error::AliasError { error, .. }
    | serde_saphyr::Error::WithSnippet { error, .. } = inner
    {
        inner = error;
    }
    if let serde_saphyr::Error::Budget { breach, .. } = inner {
        let limits = limits();
        let (what, count, limit) = match breach {
            B::Events { events } => ("YAML events", *events, limits.max_events),
            B::Aliases { aliases } => ("aliases (`*name`)", *aliases, limits.max_aliases),
            B::Anchors { anchors } => ("anchors (`&name`)", *anchors, limits.max_anchors),
            B::Depth { depth } => ("levels of nesting", *depth, limits.max_depth),
            B::Nodes { nodes } => ("values", *nodes, limits.max_nodes),
            B::ScalarBytes { total_scalar_bytes } => (
                "bytes of text",
                *total_scalar_bytes,
                limits.max_total_scalar_bytes,
            ),
            B::MergeKeys { merge_keys } => {
                ("merge keys (`<<`)", *merge_keys, limits.max_merge_keys)
            }
            B::RecordedAnchorEvents {
                recorded_anchor_events,
            } => (
                "values repeated through aliases",
                *recorded_anchor_events,
                limits.max_recorded_anchor_events,
            ),
            _ => {
                return Ok("the front matter repeats or nests far more than a posting needs; write each field once, plainly".into());
            }
        };
        return Ok(format!(
            "too many {what} ({}; the limit is {}): a posting's front matter needs few, so write each field plainly",
            thousands(count),
            thousands(limit)
        ));
    }
    let text = inner.to_string();
    if text.contains(BINARY) {
        return Ok(BINARY.into());
    }
    if text.contains("tag") && (text.contains("unsupported") || text.contains("tagged")) {
        return Ok("YAML tags (such as `!custom` or `!!int`) are not used in postings; remove the tag and write the value plainly".into());
    }
    let text = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    if let Some(rest) = text.strip_prefix("duplicate mapping key: ") {
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest);
        return Ok(format!("the key `{key}` appears twice; keep one of them"));
    }
    Err(text.to_string())
}

fn convert(node: Spanned<Raw>, yaml: &str, index: &LineIndex) -> Node {
    let loc = node.referenced;
    let span = loc.span();
    let (start, len) = match (span.byte_offset(), span.byte_len()) {
        (Some(start), Some(len)) => (usize_of(start), usize_of(len)),
        _ => (0, 0),
    };
    let mut span = index.span(start..start + len);
    let value = match node.value {
        Raw::Null => Value::Null,
        Raw::Bool(b) => Value::Bool(b),
        Raw::Int(i) => Value::Int(i),
        Raw::Float(f) => {
            let raw = yaml.get(start..start + len).unwrap_or_default().trim();
            let raw = if raw.is_empty() {
                f.to_string()
            } else {
                raw.to_string()
            };
            Value::Float(f, raw)
        }
        Raw::Str(s) => Value::Str(s),
        Raw::Seq(items) => Value::Seq(items.into_iter().map(|n| convert(n, yaml, index)).collect()),
        Raw::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (convert(k, yaml, index), convert(v, yaml, index)))
                .collect(),
        ),
    };
    // A collection reaches to the end of its last element.
    let last = match &value {
        Value::Seq(items) => items.last(),
        Value::Map(entries) => entries.last().map(|(_, v)| v),
        _ => None,
    };
    if let Some(last) = last {
        span.end = span.end.max(last.span.end);
    }
    Node { value, span }
}

fn usize_of(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// What serde-saphyr hands us: any YAML value, each node with its location.
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Raw, E> {
        // `!!binary`: text hidden in base64 is no text a reviewer can read.
        Err(E::custom(BINARY))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Raw::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(node: &Node) -> &[(Node, Node)] {
        match &node.value {
            Value::Map(entries) => entries,
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn keeps_positions_in_file_lines() {
        let root = parse("title: Hello\nsalary:\n  min: 35.50\n", 2).unwrap();
        let map = entries(&root);
        assert_eq!(map[0].0.span.start, Pos::new(2, 1));
        assert_eq!(map[0].1.span, Span::new(Pos::new(2, 8), Pos::new(2, 13)));
        let salary = entries(&map[1].1);
        assert_eq!(salary[0].1.span.start, Pos::new(4, 8));
        assert_eq!(salary[0].1.value, Value::Float(35.5, "35.50".into()));
    }

    #[test]
    fn booleans_are_strict_so_norway_stays_a_country() {
        let root = parse("a: NO\nb: yes\nc: true\n", 2).unwrap();
        let map = entries(&root);
        assert_eq!(map[0].1.value, Value::Str("NO".into()));
        assert_eq!(map[1].1.value, Value::Str("yes".into()));
        assert_eq!(map[2].1.value, Value::Bool(true));
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let err = parse("title: ok\ntags: [a, b\n", 2).unwrap_err();
        assert_eq!(err.span.start.line, 3);
        assert!(!err.message.contains("at line"), "{}", err.message);
    }

    #[test]
    fn what_was_left_open_is_pointed_at_where_it_opened() {
        let err = parse("title: ok\ncompany: [unclosed\nremote: hybrid\n", 2).unwrap_err();
        assert_eq!(err.span.start, Pos::new(3, 10), "{err:?}");
        assert_eq!(
            err.message,
            "the `[` opened here is never closed; close it with `]`"
        );
        let err = parse("title: \"Python Dev\ncompany: Acme\n", 2).unwrap_err();
        assert_eq!(err.span.start, Pos::new(2, 8), "{err:?}");
        assert!(err.message.starts_with("the `\"` opened here"), "{err:?}");
        // Quotes inside a plain value and in comments are text.
        assert_eq!(unclosed("company: O'Neil & Sons # it's [fine\n"), None);
        assert_eq!(unclosed("tags: [a, \"b]\", c]\n"), None);
    }

    #[test]
    fn errors_after_lone_carriage_returns_stay_in_the_file() {
        let yaml = format!("title: a{}[\nb: [c\n", "\r".repeat(30));
        let err = parse(&yaml, 2).unwrap_err();
        assert!(err.span.start.line <= 4, "{:?}", err.span);
    }

    #[test]
    fn duplicate_keys_are_errors_in_plain_words() {
        let err = parse("title: a\ntitle: b\n", 2).unwrap_err();
        assert_eq!(err.span.start, Pos::new(3, 1));
        assert_eq!(
            err.message,
            "the key `title` appears twice; keep one of them"
        );
        let err = parse("title: ok\n- item\n", 2).unwrap_err();
        assert!(err.message.starts_with("YAML syntax: "), "{}", err.message);
    }

    #[test]
    fn alias_bombs_hit_the_budget() {
        let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            yaml.push_str(&format!(
                "l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        assert!(parse(&yaml, 2).is_err());
    }

    #[test]
    fn budgets_and_tags_are_told_in_plain_words() {
        let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            yaml.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let err = parse(&yaml, 2).unwrap_err();
        assert!(
            err.message.starts_with(
                "too many values repeated through aliases (10,001; the limit is 10,000)"
            ),
            "{}",
            err.message
        );
        let anchors: String = (0..70).map(|i| format!("k{i}: &k{i} v\n")).collect();
        let err = parse(&anchors, 2).unwrap_err();
        assert!(
            err.message
                .starts_with("too many anchors (`&name`) (65; the limit is 64)"),
            "{}",
            err.message
        );
        let err = parse("title: !custom Python Dev\n", 2).unwrap_err();
        assert!(err.message.starts_with("YAML tags"), "{}", err.message);
        let err = parse("a: b\ntitle: !!binary aGVsbG8=\n", 2).unwrap_err();
        assert_eq!(
            (err.span.start, err.message.as_str()),
            (Pos::new(3, 8), BINARY)
        );
        assert!(parse("title: \"I love !!binary\"\n", 2).is_ok());
        assert!(!err.message.contains("Breach"), "{}", err.message);
    }

    #[test]
    fn deep_nesting_hits_the_budget() {
        let yaml = format!("a: {}{}\n", "[".repeat(200), "]".repeat(200));
        assert!(parse(&yaml, 2).is_err());
    }
}
