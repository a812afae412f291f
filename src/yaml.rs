//! YAML to a tree of values that know where they are in the file.
//!
//! serde-saphyr does the parsing (with budgets against alias bombs and deep
//! nesting, strict booleans, duplicate keys rejected); we keep every node's
//! position so that the schema in `posting/` and `config.rs` can report every
//! problem at the line and column where the user typed it, not only the first.
//!
//! There is a fast path: ordinary front matter (one mapping of plain keys,
//! scalars, lists and nested mappings; no anchors, aliases, tags, merge keys
//! or repeated keys; small; scalars whose type is certain) is read straight
//! from the events of granit-parser, the parser serde-saphyr runs, into the
//! very tree serde-saphyr's reading gives, spans included, for a fraction of
//! the cost. Anything else, and every error, takes serde-saphyr's path: it
//! stays the authority on values, budgets and messages. The tests hold the
//! two paths equal on every file in the repository and on generated front
//! matter.

use std::fmt;

use granit_parser::{Event, ScalarStyle};
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
    match parse_fast(yaml, &index) {
        Some(root) => Ok(root),
        None => parse_slow(yaml, first_line, &index),
    }
}

/// serde-saphyr's reading of `yaml`: the authority on every value, span,
/// budget and message. `parse_fast` only ever agrees with it.
fn parse_slow(yaml: &str, first_line: u32, index: &LineIndex) -> Result<Node, YamlError> {
    if let Some(at) = binary_tag(yaml) {
        return Err(YamlError {
            span: Span::on_line(index.pos(at), 8),
            message: BINARY.into(),
        });
    }
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(yaml, options()) {
        Ok(root) => Ok(convert(root, yaml, index)),
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

/// Input the fast path reads: a posting's front matter is a few dozen nodes,
/// three levels deep, a kilobyte or two. Beyond these bounds (far inside
/// serde-saphyr's budgets) it steps aside.
const FAST_MAX_BYTES: usize = 64 * 1024;
const FAST_MAX_EVENTS: usize = 2_000;
const FAST_MAX_SCALAR_BYTES: usize = 64 * 1024;
const FAST_MAX_DEPTH: usize = 8;

/// The tree serde-saphyr would build for `yaml`, built straight from the
/// parser's events (the parser serde-saphyr runs, with the same options),
/// when `yaml` is plainly ordinary front matter: one implicit document whose
/// root is a mapping, with no anchor, alias, tag, merge key, repeated key or
/// non-scalar key, within the `FAST_*` bounds, and each plain scalar one
/// whose type is certain (see `fast_plain`). `None` for anything else and
/// for every syntax error: then serde-saphyr reads it, and says what is wrong.
///
/// Why: serde's machinery (a visitor per node, a `Spanned` wrapper per node,
/// keys recorded and replayed) costs several times the parsing itself, and
/// almost every posting is this ordinary.
fn parse_fast(yaml: &str, index: &LineIndex) -> Option<Node> {
    if yaml.len() > FAST_MAX_BYTES || binary_tag(yaml).is_some() {
        return None;
    }
    let mut events = FastEvents::new(yaml);
    let (Event::StreamStart, _) = events.next()? else {
        return None;
    };
    // `---` or a directive: a document marked as such is for serde-saphyr.
    let (Event::DocumentStart(false, None), _) = events.next()? else {
        return None;
    };
    let first = events.next()?;
    if !matches!(first.0, Event::MappingStart(..)) {
        return None;
    }
    let root = fast_node(&mut events, first, yaml, index, 1)?;
    // An explicit `...` has a span; serde-saphyr ignores what follows it.
    let (Event::DocumentEnd, end) = events.next()? else {
        return None;
    };
    let (Event::StreamEnd, _) = events.next()? else {
        return None;
    };
    end.is_empty().then_some(root)
}

/// The parser's events, counted against the fast path's bounds.
struct FastEvents<'a> {
    parser: granit_parser::Parser<'a, granit_parser::StrInput<'a>>,
    events_left: usize,
    scalar_bytes_left: usize,
}

impl<'a> FastEvents<'a> {
    fn new(yaml: &'a str) -> Self {
        Self {
            parser: granit_parser::Parser::new_from_str_with_options(yaml, parser_options()),
            events_left: FAST_MAX_EVENTS,
            scalar_bytes_left: FAST_MAX_SCALAR_BYTES,
        }
    }

    /// The next event; `None` at a syntax error, at the end, or past the bounds.
    fn next(&mut self) -> Option<(Event<'a>, granit_parser::Span)> {
        self.events_left = self.events_left.checked_sub(1)?;
        let (event, span) = self.parser.next()?.ok()?;
        if let Event::Scalar(text, ..) = &event {
            self.scalar_bytes_left = self.scalar_bytes_left.checked_sub(text.len())?;
        }
        Some((event, span))
    }
}

/// The options serde-saphyr gives the parser under our budget (its
/// `Budget::parser_options`), so that both paths read the same events.
fn parser_options() -> granit_parser::Options {
    let limits = limits();
    let defaults = granit_parser::Options::default();
    granit_parser::options! {
        simple_key_max_lookahead: limits.simple_key_max_lookahead,
        flow_nesting_limit: limits.flow_nesting_limit,
        block_nesting_limit: defaults.block_nesting_limit.max(limits.max_depth.saturating_add(1)),
        emit_comments: false,
    }
}

/// The node that starts with event `first`, at nesting `depth`. Its span is
/// the one serde-saphyr reports: the byte range of that first event.
fn fast_node(
    events: &mut FastEvents,
    first: (Event, granit_parser::Span),
    yaml: &str,
    index: &LineIndex,
    depth: usize,
) -> Option<Node> {
    let (event, span) = first;
    let at = span.start.byte_offset()?..span.end.byte_offset()?;
    let value = match event {
        Event::Scalar(text, style, 0, None) => match fast_scalar(text, style)? {
            Value::Float(f, _) => Value::Float(f, spelling(f, yaml, at.clone())),
            value => value,
        },
        Event::SequenceStart(_, 0, None) => Value::Seq(fast_items(events, yaml, index, depth)?),
        Event::MappingStart(_, 0, None) => Value::Map(fast_entries(events, yaml, index, depth)?),
        _ => return None,
    };
    Some(located(value, at, index))
}

/// A sequence's items, up to its end.
fn fast_items(
    events: &mut FastEvents,
    yaml: &str,
    index: &LineIndex,
    depth: usize,
) -> Option<Vec<Node>> {
    if depth > FAST_MAX_DEPTH {
        return None;
    }
    let mut items = Vec::new();
    loop {
        let next = events.next()?;
        if matches!(next.0, Event::SequenceEnd) {
            return Some(items);
        }
        items.push(fast_node(events, next, yaml, index, depth + 1)?);
    }
}

/// A mapping's entries, up to its end. A key that serde-saphyr could take
/// for a merge key or for a repeat of another (it compares keys by text and
/// type, integers by value) sends the whole text to it.
fn fast_entries(
    events: &mut FastEvents,
    yaml: &str,
    index: &LineIndex,
    depth: usize,
) -> Option<Vec<(Node, Node)>> {
    if depth > FAST_MAX_DEPTH {
        return None;
    }
    let mut entries: Vec<(Node, Node)> = Vec::new();
    loop {
        let next = events.next()?;
        if matches!(next.0, Event::MappingEnd) {
            return Some(entries);
        }
        let key = fast_node(events, next, yaml, index, depth + 1)?;
        let text = fast_key(&key)?;
        if text == "<<"
            || entries
                .iter()
                .any(|(k, _)| fast_key(k).as_ref() == Some(&text))
        {
            return None;
        }
        let next = events.next()?;
        let value = fast_node(events, next, yaml, index, depth + 1)?;
        entries.push((key, value));
    }
}

/// The text of a key the fast path takes: text or an integer.
fn fast_key(key: &Node) -> Option<std::borrow::Cow<'_, str>> {
    match &key.value {
        Value::Str(s) => Some(s.as_str().into()),
        Value::Int(i) => Some(i.to_string().into()),
        _ => None,
    }
}

/// A scalar's value as serde-saphyr's `deserialize_any` gives it: quoted
/// and block scalars are text as the parser decoded them; plain ones are
/// typed (`fast_plain`).
fn fast_scalar(text: std::borrow::Cow<str>, style: ScalarStyle) -> Option<Value> {
    match style {
        ScalarStyle::SingleQuoted
        | ScalarStyle::DoubleQuoted
        | ScalarStyle::Literal
        | ScalarStyle::Folded => Some(Value::Str(text.into_owned())),
        ScalarStyle::Plain => fast_plain(&text),
    }
}

/// Words that serde-saphyr reads as a null, a boolean or a float in some
/// case (`Null`, `TRUE`, and `inf` or `NaN`, which Rust's `f64` parses):
/// not typed here. YAML 1.1's `yes`, `no`, `on`, `off`, `y` and `n` are text
/// under strict booleans, so Norway (`NO`) is read fast.
const FAST_AMBIGUOUS: &[&str] = &["null", "true", "false", "inf", "infinity", "nan"];

/// A plain scalar's type, where serde-saphyr's resolution (with strict
/// booleans: `~`, empty or `null` in any case is null, then `true`/`false` in
/// any case, then integers with signs, radixes and underscores, then floats
/// as Rust's `f64` parses them, `inf` and `nan` included, else text) is
/// certain:
/// - empty and `~` are null; `true` and `false` are booleans;
/// - digits without a leading zero that fit in `i64` are an integer;
/// - `digits.digits` (no leading zero) is a float, spelled as written;
/// - a date, `2026-11-20`, is text: neither an integer nor a float has two
///   dashes;
/// - text whose first character cannot start a number or a null (a digit,
///   `+`, `-`, `~`, a dot but before a letter) is text, unless it is one of
///   `FAST_AMBIGUOUS` (after the dot, if any).
///
/// `None` for everything else (`1e3`, `0x1F`, `1_000`, `+1`, `.5`, `007`,
/// `Null`, `TRUE`, `nan`, …).
fn fast_plain(text: &str) -> Option<Value> {
    match text {
        // An empty value comes from the parser as `~`.
        "" | "~" => return Some(Value::Null),
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        _ => {}
    }
    // serde-saphyr trims these before it types a scalar.
    if text.trim_matches([' ', '\t', '\r', '\n']).len() != text.len() {
        return None;
    }
    let first = text.chars().next()?;
    if first.is_ascii_digit() {
        return fast_number(text);
    }
    // A dot starts a number only before a digit (`.5`) and in `.inf` and
    // `.nan`: `.NET` is text.
    let word = match text.strip_prefix('.') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_alphabetic()) => rest,
        Some(_) => return None,
        None => text,
    };
    let ambiguous = FAST_AMBIGUOUS.iter().any(|w| w.eq_ignore_ascii_case(word));
    (!matches!(first, '+' | '-' | '~') && !ambiguous).then(|| Value::Str(text.into()))
}

/// A plain scalar starting with a digit: an integer, a decimal, or a date;
/// `None` for every other spelling.
fn fast_number(text: &str) -> Option<Value> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(text) {
        if text.len() > 18 || (text.len() > 1 && text.starts_with('0')) {
            return None;
        }
        return text.parse().ok().map(Value::Int);
    }
    if let Some((whole, fraction)) = text.split_once('.')
        && digits(whole)
        && (whole.len() == 1 || !whole.starts_with('0'))
        && digits(fraction)
        && text.len() <= 24
    {
        let f: f64 = text.parse().ok()?;
        return f.is_finite().then(|| Value::Float(f, String::new()));
    }
    let b = text.as_bytes();
    let date = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(&text[..4])
        && digits(&text[5..7])
        && digits(&text[8..]);
    date.then(|| Value::Str(text.into()))
}

fn convert(node: Spanned<Raw>, yaml: &str, index: &LineIndex) -> Node {
    let span = node.referenced.span();
    let at = match (span.byte_offset(), span.byte_len()) {
        (Some(start), Some(len)) => usize_of(start)..usize_of(start).saturating_add(usize_of(len)),
        _ => 0..0,
    };
    let value = match node.value {
        Raw::Null => Value::Null,
        Raw::Bool(b) => Value::Bool(b),
        Raw::Int(i) => Value::Int(i),
        Raw::Float(f) => Value::Float(f, spelling(f, yaml, at.clone())),
        Raw::Str(s) => Value::Str(s),
        Raw::Seq(items) => Value::Seq(items.into_iter().map(|n| convert(n, yaml, index)).collect()),
        Raw::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (convert(k, yaml, index), convert(v, yaml, index)))
                .collect(),
        ),
    };
    located(value, at, index)
}

/// A node whose text is at byte range `at`. Both paths place their nodes
/// here, so that their spans cannot differ.
fn located(value: Value, at: std::ops::Range<usize>, index: &LineIndex) -> Node {
    let mut span = index.span(at);
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

/// A float as it is written at `at` (`35.50`, not `35.5`).
fn spelling(f: f64, yaml: &str, at: std::ops::Range<usize>) -> String {
    let raw = yaml.get(at).unwrap_or_default().trim();
    if raw.is_empty() {
        f.to_string()
    } else {
        raw.to_string()
    }
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

    /// Both paths on `yaml`: whenever the fast path reads it, it reads what
    /// serde-saphyr reads, values and spans alike. Returns whether it did.
    fn agree(yaml: &str, first_line: u32) -> bool {
        let index = LineIndex::new(yaml, first_line);
        let Some(fast) = parse_fast(yaml, &index) else {
            return false;
        };
        assert_eq!(parse_slow(yaml, first_line, &index), Ok(fast), "{yaml:?}");
        true
    }

    /// The YAML of every posting, fixture and fuzz regression in the
    /// repository (front matter of postings, whole `.yaml` files), with its
    /// first line.
    fn repository_yaml() -> Vec<(String, String, u32)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = Vec::new();
        for dir in [
            "postings",
            "tests/fixtures",
            "tests/fuzz_regressions",
            "board.yaml",
        ] {
            for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let path = entry.unwrap().into_path();
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue; // not UTF-8: never reaches the parser
                };
                let name = path.strip_prefix(root).unwrap().display().to_string();
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                if path.extension().is_some_and(|e| e == "yaml") {
                    found.push((name, text.to_string(), 1));
                } else if let Ok(parts) = crate::frontmatter::split(text) {
                    found.push((name, parts.yaml.to_string(), parts.yaml_line));
                }
            }
        }
        found
    }

    #[test]
    fn fast_path_agrees_with_serde_saphyr_on_every_file_in_the_repository() {
        let files = repository_yaml();
        assert!(files.len() > 240, "{}", files.len());
        let mut fast = 0;
        for (name, yaml, line) in &files {
            let taken = agree(yaml, *line);
            // Every real posting is ordinary: the fast path is for them.
            assert!(
                taken || !name.starts_with("postings/"),
                "{name} was not read fast"
            );
            fast += usize::from(taken);
        }
        assert!(fast * 10 > files.len() * 8, "{fast} of {}", files.len());
    }

    /// `YAML_BOARD=/dev/shm/jb/board-10000 cargo test -- --ignored board`:
    /// the same on a generated board.
    #[test]
    #[ignore = "needs a generated board in YAML_BOARD"]
    fn fast_path_agrees_with_serde_saphyr_on_a_generated_board() {
        let dir = std::path::PathBuf::from(std::env::var("YAML_BOARD").unwrap()).join("postings");
        let mut files = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let parts = crate::frontmatter::split(&text).unwrap();
            assert!(agree(parts.yaml, parts.yaml_line), "{}", parts.yaml);
            files += 1;
        }
        assert!(files > 0);
    }

    #[test]
    fn plain_scalars_are_typed_fast_only_where_serde_saphyr_is_certain() {
        let fast = [
            "70000",
            "0",
            "45.50",
            "0.5",
            "2026-11-20",
            "true",
            "false",
            "",
            "~",
            "Zürich",
            "NOT",
            "Nancy",
            "yesterday",
            "<< no merge here",
            "https://acme.example/a?b=1",
            "(remote)",
            "yes",
            "No",
            "on",
            "OFF",
            "y",
            "N",
            ".NET Developer",
            ".x",
        ];
        for word in fast {
            assert!(
                agree(&format!("a: {word}\n"), 2),
                "{word:?} was not read fast"
            );
        }
        let slow = [
            "1e3",
            "1E3",
            "0x1F",
            "0o17",
            "0b101",
            "1_000",
            "+1",
            "-5",
            "-0",
            ".5",
            "5.",
            "007",
            "00.5",
            "Null",
            "NULL",
            "null",
            "True",
            "FALSE",
            "inf",
            "Infinity",
            "NaN",
            ".inf",
            "-.inf",
            ".NaN",
            "9223372036854775808",
            "1234567890123456789",
            "12:30",
            "2026-1-2",
            "~x",
            "-x",
            ".Inf",
            ".",
            "..x",
            ".5x",
        ];
        for word in slow {
            assert!(!agree(&format!("a: {word}\n"), 2), "{word:?} was read fast");
        }
    }

    #[test]
    fn fast_path_steps_aside_for_what_is_not_ordinary() {
        for yaml in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: !custom x\n",
            "base: &b {x: 1}\nc:\n  <<: *b\n",
            "<<: {x: 1}\n",
            "a: 1\na: 2\n",
            "a: 1\n\"a\": 2\n",
            "1: x\n\"1\": y\n",
            "? [a, b]\n: c\n",
            "{a: 1}: c\n",
            "true: x\n",
            "~: x\n",
            "--- a: 1\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1\n...\n",
            "a: 1\n---\nb: 2\n",
            "- a\n- b\n",
            "just text\n",
            "",
            "# only a comment\n",
            "a: [[[[[[[[[x]]]]]]]]]\n",
            "a: [unclosed\n",
            "a: b: c\n",
            "title: \"[ !!binary\"\n",
        ] {
            assert!(!agree(yaml, 2), "{yaml:?} was read fast");
        }
        let many: String = (0..1_100).map(|i| format!("k{i}: v\n")).collect();
        assert!(!agree(&many, 2));
        let long = format!("a: \"{}\"\n", "x".repeat(FAST_MAX_SCALAR_BYTES + 1));
        assert!(!agree(&long, 2));
    }

    #[test]
    fn fast_path_keeps_serde_saphyrs_spans() {
        // Block and flow collections, empty values, quoted and block scalars, CRLF.
        let yaml = "title: \"Dev \\u00e9\"  # c\r\nsalary:\r\n  min: 45.50\r\n  max:\r\ntags: [a, 'b''s']\r\nloc: { city: Köln, n: 1 }\r\nlist:\r\n  - x\r\n  -\r\n  - [y]\r\nbody: |\r\n  two\r\n  lines\r\nlast:\r\n";
        assert!(agree(yaml, 2));
        let root = parse(yaml, 2).unwrap();
        let map = entries(&root);
        assert_eq!(map[0].1.value, Value::Str("Dev é".into()));
        assert_eq!(
            entries(&map[1].1)[0].1.value,
            Value::Float(45.5, "45.50".into())
        );
        assert_eq!(entries(&map[1].1)[1].1.value, Value::Null);
    }

    /// A posting's front matter, in the shapes postings use and a few they
    /// should not: `(keys with their values, CRLF, trailing spaces, comments)`.
    mod generated {
        use proptest::prelude::*;
        use proptest::sample::select;

        /// A value in a posting, as written after `key:`.
        #[derive(Clone, Debug)]
        pub enum Shape {
            Plain(String),
            Double(String),
            Single(String),
            Literal(Vec<String>),
            FlowSeq(Vec<String>),
            FlowMap(Vec<(String, String)>),
            BlockSeq(Vec<String>),
            Map(Vec<(String, Shape)>),
        }

        pub const ORDINARY_WORDS: &[&str] = &[
            "70000",
            "45.50",
            "0",
            "2026-11-20",
            "true",
            "false",
            "",
            "Senior Python Engineer",
            ".NET Developer",
            "Acme Analytics",
            "https://acme.example/jobs/123",
            "jobs@acme.example",
            "Zürich",
            "Łódź",
            "東京 エンジニア",
            "DE",
            "NO",
            "hybrid",
            "full-time",
            "O'Neil & Sons",
            "C++ / Rust",
        ];

        pub const ODD_WORDS: &[&str] = &[
            "1e3",
            "yes",
            "Null",
            "~",
            "null",
            "True",
            "on",
            "0x1F",
            "+1",
            "-5",
            "1_000",
            ".5",
            ".inf",
            "nan",
            "007",
            "12:30",
            "9223372036854775808",
            "<<",
            "a: b",
            "- x",
            "[x",
            "!tag x",
            "&a x",
            "*a",
            "%x",
            "@x",
            "`x`",
            "x #y",
            "#x",
            "a\tb",
            "\u{85}x",
            "\u{feff}x",
            "x\u{2028}y",
        ];

        const KEYS: &[&str] = &[
            "title",
            "company",
            "salary",
            "min",
            "max",
            "tags",
            "remote",
            "posted",
            "a",
            "1",
            "\"title\"",
            "'a'",
            "true",
            "~",
            "<<",
            "Ort",
            "\"\"",
            "x y",
        ];

        fn word(ordinary: bool) -> BoxedStrategy<String> {
            let words = select(ORDINARY_WORDS).prop_map(String::from);
            if ordinary {
                return words.boxed();
            }
            prop_oneof![
                4 => words,
                3 => select(ODD_WORDS).prop_map(String::from),
                1 => "[a-zA-Z0-9 ._/:@+#,-]{1,12}",
                1 => "\\PC{1,8}",
            ]
            .boxed()
        }

        fn text() -> impl Strategy<Value = String> {
            "[a-zA-Zé€ '\"\\\\\t]{0,12}"
        }

        fn leaf(ordinary: bool) -> BoxedStrategy<Shape> {
            let flow_word = if ordinary {
                select(&ORDINARY_WORDS[..6]).prop_map(String::from).boxed()
            } else {
                word(false)
            };
            prop_oneof![
                4 => word(ordinary).prop_map(Shape::Plain),
                1 => text().prop_map(Shape::Double),
                1 => text().prop_map(Shape::Single),
                1 => prop::collection::vec("[a-z]{1,8}( [a-z]{1,8})?", 1..3).prop_map(Shape::Literal),
                2 => prop::collection::vec(flow_word.clone(), 0..4).prop_map(Shape::FlowSeq),
                1 => prop::collection::vec(("[a-c]".prop_map(String::from), flow_word), 0..3)
                    .prop_map(move |es| Shape::FlowMap(unique(es, ordinary))),
                1 => prop::collection::vec(word(ordinary), 1..3).prop_map(Shape::BlockSeq),
            ]
            .boxed()
        }

        fn key(ordinary: bool) -> BoxedStrategy<String> {
            if ordinary {
                let word = |k: &String| !crate::yaml::FAST_AMBIGUOUS.contains(&k.as_str());
                "[a-z]{1,10}".prop_filter("a YAML word", word).boxed()
            } else {
                prop_oneof![select(KEYS).prop_map(String::from), "[a-z_]{1,6}"].boxed()
            }
        }

        fn unique<T>(entries: Vec<(String, T)>, ordinary: bool) -> Vec<(String, T)> {
            if !ordinary {
                return entries;
            }
            let mut seen = std::collections::HashSet::new();
            entries
                .into_iter()
                .filter(|(k, _)| seen.insert(k.clone()))
                .collect()
        }

        /// Top-level entries, some of them mappings of leaves (two levels).
        pub fn entries(ordinary: bool) -> impl Strategy<Value = Vec<(String, Shape)>> {
            let nested = prop::collection::vec((key(ordinary), leaf(ordinary)), 1..4)
                .prop_map(move |e| Shape::Map(unique(e, ordinary)));
            let value = prop_oneof![4 => leaf(ordinary), 1 => nested];
            prop::collection::vec((key(ordinary), value), 1..12)
                .prop_map(move |e| unique(e, ordinary))
        }

        /// How the text is laid out: CRLF, trailing spaces, comments, blank lines.
        pub fn layout() -> impl Strategy<Value = (bool, usize, bool, bool)> {
            (any::<bool>(), 0..3usize, any::<bool>(), any::<bool>())
        }

        pub fn render(
            entries: &[(String, Shape)],
            (crlf, spaces, comments, blanks): (bool, usize, bool, bool),
        ) -> String {
            let mut lines = Vec::new();
            map_lines(entries, 0, comments, blanks, &mut lines);
            let end = format!("{}{}", " ".repeat(spaces), if crlf { "\r\n" } else { "\n" });
            lines.iter().map(|l| format!("{l}{end}")).collect()
        }

        fn map_lines(
            entries: &[(String, Shape)],
            indent: usize,
            comments: bool,
            blanks: bool,
            out: &mut Vec<String>,
        ) {
            let pad = " ".repeat(indent);
            for (i, (key, shape)) in entries.iter().enumerate() {
                if blanks && i % 3 == 1 {
                    out.push(String::new());
                }
                if comments && i % 4 == 2 {
                    out.push(format!("{pad}# about {key}"));
                }
                let head = format!("{pad}{key}:");
                let comment = if comments && i % 2 == 0 {
                    " # note"
                } else {
                    ""
                };
                match shape {
                    Shape::Plain(w) if w.is_empty() => out.push(format!("{head}{comment}")),
                    Shape::Plain(w) => out.push(format!("{head} {w}{comment}")),
                    Shape::Double(t) => out.push(format!("{head} {}{comment}", double(t))),
                    Shape::Single(t) => {
                        out.push(format!("{head} '{}'{comment}", t.replace('\'', "''")))
                    }
                    Shape::Literal(ls) => {
                        out.push(format!("{head} |{comment}"));
                        out.extend(ls.iter().map(|l| format!("{pad}  {l}")));
                    }
                    Shape::FlowSeq(ws) => out.push(format!("{head} [{}]{comment}", ws.join(", "))),
                    Shape::FlowMap(es) => {
                        let es: Vec<_> = es.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                        out.push(format!("{head} {{ {} }}{comment}", es.join(", ")));
                    }
                    Shape::BlockSeq(ws) => {
                        out.push(format!("{head}{comment}"));
                        out.extend(
                            ws.iter()
                                .map(|w| format!("{pad}  - {w}").trim_end().to_string()),
                        );
                    }
                    Shape::Map(es) => {
                        out.push(format!("{head}{comment}"));
                        map_lines(es, indent + 2, comments, blanks, out);
                    }
                }
            }
        }

        /// `t` double-quoted, with its escapes (and a few more: `\u00e9`, `\x41`, `\t`).
        fn double(t: &str) -> String {
            let mut out = String::from("\"");
            for c in t.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    'é' => out.push_str("\\u00e9"),
                    'A' => out.push_str("\\x41"),
                    '\t' => out.push_str("\\t"),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        /// Whatever front matter, the fast path reads it as serde-saphyr does or not at all.
        #[test]
        fn fast_path_never_disagrees(
            entries in generated::entries(false),
            layout in generated::layout(),
        ) {
            let yaml = generated::render(&entries, layout);
            agree(&yaml, 2);
        }

        /// Ordinary front matter is read fast, and as serde-saphyr reads it.
        #[test]
        fn ordinary_front_matter_is_read_fast(
            entries in generated::entries(true),
            layout in generated::layout(),
        ) {
            let yaml = generated::render(&entries, layout);
            proptest::prop_assert!(agree(&yaml, 2), "not read fast: {:?}", yaml);
        }
    }
}
