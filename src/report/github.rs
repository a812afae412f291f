//! `--format github`: workflow annotations on the lines of the pull request,
//! and a Markdown report for the job summary.
//!
//! Annotations follow GitHub's workflow-command syntax: in the message `%`,
//! CR and LF are escaped; in properties also `:` and `,`. A posting's text
//! therefore cannot end an annotation early or start a command of its own.

use std::fmt::Write;

use super::gfm::{cell, fence_for};
use super::inert;
use crate::config::Config;
use crate::diagnostic::{Finding, Severity, Tally, plural};
use crate::review::{Review, Verdict};

/// One `::error …::message` line per finding. `prefix` is put before each
/// file name so that paths are relative to the repository's root.
pub fn annotations(findings: &[Finding], prefix: &str) -> String {
    let mut out = String::new();
    for f in findings {
        let level = f.severity.as_str();
        let start = f.span.start;
        let mut props = format!(
            "file={},line={},col={}",
            property(&inert(&format!("{prefix}{}", f.file))),
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
    // A log shows escape sequences as colours and more: none may act.
    inert(
        &text
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A"),
    )
}

/// Escapes a command's property value.
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The job summary: the verdict of each posting under review, its
/// findings, the canned response to paste, then the reviewer's checklist:
/// what fired, and what no rule can judge.
pub fn summary(
    reviews: &[Review],
    findings: &[Finding],
    files: usize,
    prefix: &str,
    config: &Config,
) -> String {
    let tally = Tally::of(findings);
    let mut out = String::from("## Posting check\n\n");
    let worst = reviews
        .iter()
        .map(|r| r.verdict)
        .max()
        .unwrap_or(Verdict::Ready);
    let mark = if tally.errors > 0 {
        Verdict::LikelyReject.mark()
    } else {
        worst.mark()
    };
    let _ = write!(
        out,
        "{mark} {} checked: {}.",
        plural(files, "posting"),
        tally.describe()
    );
    if !reviews.is_empty() {
        let _ = write!(
            out,
            " Under review: {}.",
            super::verdict_counts(reviews.iter().map(|r| r.verdict))
        );
    }
    out.push_str("\n\n");
    if !reviews.is_empty() {
        out.push_str("| Posting | Verdict | Why |\n| --- | --- | --- |\n");
        for r in reviews {
            let mut rules: Vec<String> =
                r.reasons.iter().map(|f| format!("`{}`", f.rule)).collect();
            rules.dedup();
            let _ = writeln!(
                out,
                "| {} | {} {} | {} |",
                cell(&format!("{prefix}{}", r.file)),
                r.verdict.mark(),
                r.verdict.label(),
                rules.join(", ")
            );
        }
        out.push('\n');
    }
    let reviewed: std::collections::HashSet<&str> =
        reviews.iter().map(|r| r.file.as_str()).collect();
    // Findings of postings not under review (the rest of the board) still
    // show, in one table at the end.
    let by_file = crate::review::by_file(findings);
    for r in reviews {
        let Some(own) = by_file.get(r.file.as_str()) else {
            continue;
        };
        let _ = write!(
            out,
            "### {} {} — {}\n\n",
            r.verdict.mark(),
            cell(&format!("{prefix}{}", r.file)),
            r.verdict.label()
        );
        findings_table(&mut out, own, prefix, false);
        if let Some(response) = &r.response {
            let fence = fence_for(response);
            let _ = write!(
                out,
                "<details><summary>Canned response to paste</summary>\n\n{fence}text\n{response}\n{fence}\n\n</details>\n\n"
            );
        }
    }
    let others: Vec<&Finding> = findings
        .iter()
        .filter(|f| !reviewed.contains(&f.file.as_str()))
        .collect();
    if !others.is_empty() {
        out.push_str("### Elsewhere on the board\n\n");
        findings_table(&mut out, &others, prefix, true);
    }
    out.push_str("### For the reviewer\n\n");
    let fired: Vec<&&Finding> = reviews
        .iter()
        .flat_map(|r| r.reasons.iter())
        .filter(|f| f.severity == Severity::Notice)
        .collect();
    if !fired.is_empty() {
        out.push_str("The check asks you to read these:\n\n");
        for f in fired {
            let _ = writeln!(
                out,
                "- [ ] `{}` in {}: {}",
                f.rule,
                cell(&format!("{prefix}{}", f.file)),
                cell(&f.message)
            );
        }
        out.push('\n');
    }
    out.push_str("No rule can judge these; please read the posting and check:\n\n");
    for item in crate::review::unjudged(&config.language) {
        let _ = writeln!(out, "- [ ] {item}");
    }
    out
}

fn findings_table(out: &mut String, findings: &[&Finding], prefix: &str, with_file: bool) {
    if with_file {
        out.push_str(
            "| File | Line | Rule | Severity | Finding |\n| --- | ---: | --- | --- | --- |\n",
        );
    } else {
        out.push_str("| Line | Rule | Severity | Finding |\n| ---: | --- | --- | --- |\n");
    }
    for f in findings {
        let file = if with_file {
            format!("{} | ", cell(&format!("{prefix}{}", f.file)))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "| {file}{} | `{}` | {} | {} |",
            f.span.start.line,
            f.rule,
            f.severity.as_str(),
            cell(&f.message)
        );
    }
    out.push('\n');
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
            "a | b <img> [x](y) @team",
        );
        let config = crate::config::for_tests();
        let all = [f];
        let reviews = crate::review::reviews(&["postings/a.md".into()], &all, &config);
        let out = summary(&reviews, &all, 1, "", &config);
        assert!(
            out.contains("a \\| b &lt;img&gt; \\[x\\](y) @\u{200b}team"),
            "{out}"
        );
        assert!(out.contains("Python is the main implementation language"));
        assert!(out.contains("| postings/a.md | ✅ ready |"), "{out}");
    }
}
