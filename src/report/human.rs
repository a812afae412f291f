//! `--format human`: rustc-style reports with the offending line shown.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Texts, inert};
use crate::diagnostic::{Finding, Severity};
use crate::text::{column_offset, line_of};

/// Every finding as a block of text, in the order given.
pub fn render(findings: &[Finding], texts: &Texts, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for finding in findings {
        let line = texts
            .get(&finding.file)
            .and_then(|t| line_of(t, finding.span.start.line))
            .map(|line| shown(line, finding));
        let line = line
            .as_ref()
            .map(|(text, range)| (text.as_str(), range.clone()));
        out.push_str(&renderer.render(&[group(finding, line)]));
        out.push_str("\n\n");
    }
    out
}

/// The line as shown (made inert, so escapes may lengthen it) and the bytes
/// of it to underline.
fn shown(line: &str, f: &Finding) -> (String, std::ops::Range<usize>) {
    let raw = underline(line, f);
    let mut out = String::with_capacity(line.len());
    let (mut start, mut end) = (None, None);
    for (at, c) in line.char_indices() {
        if at == raw.start {
            start = Some(out.len());
        }
        if at == raw.end {
            end = Some(out.len());
        }
        out.push_str(&inert(c.encode_utf8(&mut [0; 4])));
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    (out, start..end)
}

fn group<'a>(f: &'a Finding, line: Option<(&'a str, std::ops::Range<usize>)>) -> Group<'a> {
    // A file's name is the submitter's too: it cannot act on a terminal.
    let file = inert(&f.file);
    let level = match f.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Notice => Level::NOTE.with_name("notice"),
    };
    let title = level.primary_title(inert(&f.message)).id(f.rule.as_str());
    let start = f.span.start;
    let group = match line {
        Some((source, range)) => title.element(
            Snippet::source(source.to_string())
                .line_start(start.line as usize)
                .path(file.clone())
                .annotation(AnnotationKind::Primary.span(range)),
        ),
        None => title.element(
            Origin::path(file)
                .line(start.line as usize)
                .char_column(start.column as usize),
        ),
    };
    match &f.help {
        Some(help) => group.element(Level::HELP.message(inert(help))),
        None => group,
    }
}

/// The bytes of `line` to underline: the finding's span on its first line, or
/// the word at its start when the span is only a point.
fn underline(line: &str, f: &Finding) -> std::ops::Range<usize> {
    let start = column_offset(line, f.span.start.column);
    let end = if f.span.end.line == f.span.start.line && f.span.end.column > f.span.start.column {
        column_offset(line, f.span.end.column)
    } else if f.span.end.line > f.span.start.line {
        line.len()
    } else {
        let rest = &line[start..];
        start + rest.find(char::is_whitespace).unwrap_or(rest.len())
    };
    if end > start {
        start..end
    } else {
        start..(start + line[start..].chars().next().map_or(0, char::len_utf8))
    }
}
