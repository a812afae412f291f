//! `--format json`: one array of findings with SPEC's fields.

use serde::Serialize;

use crate::diagnostic::Finding;

#[derive(Serialize)]
struct Item<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
}

pub fn render(findings: &[Finding]) -> String {
    let items: Vec<Item> = findings
        .iter()
        .map(|f| Item {
            file: &f.file,
            line: f.span.start.line,
            column: f.span.start.column,
            rule: f.rule.as_str(),
            severity: f.severity.as_str(),
            message: &f.message,
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}
