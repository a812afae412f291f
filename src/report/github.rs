//! `--format github`: workflow annotations on the lines of the pull request,
//! and a Markdown report for the job summary.
//!
//! Annotations follow GitHub's workflow-command syntax: in the message `%`,
//! CR and LF are escaped; in properties also `:` and `,`. A posting's text
//! therefore cannot end an annotation early or start a command of its own.

use std::fmt::Write;

use super::inert;
use crate::diagnostic::{Finding, Tally, plural};

/// One `::error …::message` line per finding. `prefix` is put before each
/// file name so that paths are relative to the repository's root.
pub fn annotations(findings: &[Finding], prefix: &str) -> String {
    let mut out = String::new();
    for f in findings {
        let level = f.severity.as_str();
        let start = f.span.start;
        let mut props = format!(
            "file={},line={},col={}",
            property(&format!("{prefix}{}", f.file)),
            start.line,
            start.column
        );
        let end = f.span.end;
        if end > start {
            let _ = write!(props, ",endLine={},endColumn={}", end.line, end.column);
        }
        let _ = write!(props, ",title={}", property(f.rule.as_str()));
        let mut message = f.message.clone();
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(out, "::{level} {props}::{}", data(&message));
    }
    out
}

/// A token for `::stop-commands::`, which no posting text can guess: it
/// depends on the findings, the process and the time.
pub fn stop_token(findings: &[Finding]) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let seed = format!(
        "{}:{}:{}",
        std::process::id(),
        now.as_nanos(),
        findings.len()
    );
    format!(
        "jobboard-{:016x}",
        crate::posting::fingerprint(&[seed.as_bytes()])
    )
}

/// Escapes a command's message.
pub fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The job summary: counts, a table of findings, and what a reviewer must
/// still judge by reading.
pub fn summary(findings: &[Finding], files: usize, prefix: &str, language: &str) -> String {
    let tally = Tally::of(findings);
    let mut out = String::from("## Posting check\n\n");
    let mark = match (tally.errors, tally.warnings) {
        (0, 0) => "✅",
        (0, _) => "⚠️",
        _ => "❌",
    };
    let verdict = format!(
        "{mark} {} checked: {}.",
        plural(files, "posting"),
        tally.describe()
    );
    out.push_str(&verdict);
    out.push_str("\n\n");
    if !findings.is_empty() {
        out.push_str(
            "| File | Line | Rule | Severity | Finding |\n| --- | ---: | --- | --- | --- |\n",
        );
        for f in findings {
            let _ = writeln!(
                out,
                "| {} | {} | `{}` | {} | {} |",
                cell(&format!("{prefix}{}", f.file)),
                f.span.start.line,
                f.rule,
                f.severity.as_str(),
                cell(&f.message)
            );
        }
        out.push('\n');
    }
    let _ = write!(
        out,
        "### For the reviewer\n\nNo rule can judge these; please read the posting and check:\n\n\
         - [ ] {language} is the main implementation language of the job, not a passing mention.\n\
         - [ ] The apply link leads to a meaningful page about this job.\n\
         - [ ] The employer is real: the company and its website exist and match.\n\
         - [ ] Nothing asks applicants for money or for personal data up front.\n"
    );
    out
}

/// Text for a Markdown table cell: it cannot end the cell, start HTML or a
/// link, or break the line.
fn cell(text: &str) -> String {
    inert(text)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Pos, RuleId, Severity, Span};

    #[test]
    fn escapes_as_github_requires() {
        assert_eq!(data("100% done\r\nnext"), "100%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn one_line_per_finding_even_with_hostile_text() {
        let f = Finding::new(
            "postings/a,b:c.md",
            Span::new(Pos::new(3, 2), Pos::new(3, 9)),
            RuleId::UnknownField,
            Severity::Error,
            "unknown field `x\n::warning::pwned`",
        );
        let out = annotations(&[f], "");
        assert_eq!(
            out,
            "::error file=postings/a%2Cb%3Ac.md,line=3,col=2,endLine=3,endColumn=9,title=unknown-field::unknown field `x%0A::warning::pwned`\n"
        );
    }

    #[test]
    fn summary_cells_cannot_break_the_table() {
        let f = Finding::new(
            "postings/a.md",
            Span::at(Pos::START),
            RuleId::Url,
            Severity::Warning,
            "a | b <img> [x](y)",
        );
        let out = summary(&[f], 1, "", "Python");
        assert!(out.contains("a \\| b &lt;img&gt; \\[x\\](y)"), "{out}");
        assert!(out.contains("Python is the main implementation language"));
    }
}
