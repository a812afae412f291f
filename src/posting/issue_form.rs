//! The body of a "Post a job" issue (a GitHub issue form) to a [`Draft`],
//! and of a "This job is filled" issue to the posting it names.
//!
//! GitHub renders each field as `### <label>` followed by its value; empty
//! fields read `_No response_`, checkboxes `- [X] option`. The labels are
//! those of `.github/ISSUE_TEMPLATE/post-a-job.yml`. The text is data: it is
//! only ever copied into fields, never run or evaluated.

use std::collections::HashMap;

use super::Draft;
use super::fields::{FIELDS, Field, Kind, Need};

/// The form's label for the description.
pub const DESCRIPTION: &str = "Description";

/// The fields the form asks for: all that a submitter types.
pub fn fields() -> impl Iterator<Item = &'static Field> {
    FIELDS.iter().filter(|f| f.submitted())
}

/// The form's labels in order, and whether the form requires them: a
/// required field outside a group, and the description.
pub fn labels() -> Vec<(&'static str, bool)> {
    fields()
        .map(|f| (f.label, f.need == Need::Required && f.group().is_none()))
        .chain([(DESCRIPTION, true)])
        .collect()
}

/// Parses an issue form's body. Fails with the list of required fields that
/// are missing or empty.
pub fn parse(body: &str) -> Result<Draft, Vec<String>> {
    let labels = labels();
    let sections = sections(body, &labels);
    let mut missing: Vec<String> = labels
        .iter()
        .filter(|(label, required)| *required && sections.get(*label).is_none_or(|v| v.is_empty()))
        .map(|(label, _)| (*label).to_string())
        .collect();
    let mut draft = Draft::default();
    for field in fields() {
        let value = sections.get(field.label).map_or("", String::as_str);
        let values = match field.kind {
            // Checkboxes: a list of the ticked options, or one box.
            Kind::Choices(_) => {
                let ticked = checked(value);
                if !value.is_empty() && ticked.is_empty() {
                    missing.push(format!("{} (tick at least one)", field.label));
                }
                ticked
            }
            Kind::Flag => vec![(!checked(value).is_empty()).to_string()],
            kind if kind.is_list() => value
                .split([',', ' ', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            _ => vec![value.to_string()],
        };
        draft.set(field.key, values);
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    draft.body = sections.get(DESCRIPTION).cloned().unwrap_or_default();
    Ok(draft)
}

/// The "This job is filled" form's label for the job's page address (or
/// its posting's name); what it says under `Anything else` is for people.
pub const FILLED_POSTING: &str = "Posting";
pub const FILLED_ANYTHING_ELSE: &str = "Anything else";

/// The answer under `### Posting` of a "This job is filled" issue, trimmed;
/// `None` when there is none.
pub fn filled_posting(body: &str) -> Option<String> {
    let labels = [(FILLED_POSTING, true), (FILLED_ANYTHING_ELSE, false)];
    sections(body, &labels)
        .remove(FILLED_POSTING)
        .filter(|answer| !answer.is_empty())
}

/// `### label` → value, for the form's own labels. A line that looks like a
/// heading but is not one of the labels stays part of the value before it,
/// so a description may have `### headings` of its own.
fn sections(body: &str, labels: &[(&'static str, bool)]) -> HashMap<&'static str, String> {
    let mut out: HashMap<&'static str, String> = HashMap::new();
    let mut current: Option<&'static str> = None;
    let mut value = String::new();
    fn finish(
        label: Option<&'static str>,
        value: &mut String,
        out: &mut HashMap<&'static str, String>,
    ) {
        if let Some(label) = label {
            let text = value.trim_matches(|c: char| c == '\n' || c == '\r' || c == ' ');
            let text = if text == "_No response_" { "" } else { text };
            out.entry(label).or_insert_with(|| text.to_string());
        }
        value.clear();
    }
    for line in body.lines() {
        let heading = line.strip_prefix("### ").map(str::trim);
        match heading.and_then(|h| labels.iter().find(|(l, _)| *l == h)) {
            Some((label, _)) if !out.contains_key(label) => {
                finish(current, &mut value, &mut out);
                current = Some(label);
            }
            _ => {
                value.push_str(line);
                value.push('\n');
            }
        }
    }
    finish(current, &mut value, &mut out);
    out
}

/// The options ticked in a checkbox field: `- [X] full-time`.
fn checked(value: &str) -> Vec<String> {
    value
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix("- [X] ")
                .or_else(|| l.strip_prefix("- [x] "))
        })
        .map(|option| option.trim().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn form(fields: &[(&str, &str)]) -> String {
        fields
            .iter()
            .map(|(l, v)| format!("### {l}\n\n{v}\n\n"))
            .collect()
    }

    #[test]
    fn reads_a_filled_form() {
        let body = form(&[
            ("Job title", "Senior Python Engineer"),
            ("Company", "Acme"),
            ("Company website", "_No response_"),
            ("Remote", "remote"),
            ("Remote applicants from", "DE, AT"),
            ("Type", "- [X] full-time\n- [ ] part-time\n- [x] contract"),
            ("Category", "web"),
            ("How to apply", "https://acme.example/jobs/1"),
            (
                "Recruiting agency",
                "- [ ] A recruiting agency posts this job for a client",
            ),
            ("Description", "We use Python.\n\n### Benefits\n\n- Lots"),
        ]);
        let draft = parse(&body).unwrap();
        assert_eq!(draft.get("title"), "Senior Python Engineer");
        assert_eq!(draft.get("company_url"), "");
        assert_eq!(draft.list("remote_from"), ["DE", "AT"]);
        assert_eq!(draft.list("type"), ["full-time", "contract"]);
        assert_eq!(draft.get("agency"), "false");
        assert_eq!(draft.body, "We use Python.\n\n### Benefits\n\n- Lots");
    }

    #[test]
    fn reads_the_posting_of_a_filled_form() {
        let body = form(&[
            ("Posting", " https://jobs.example/jobs/acme-dev/ "),
            ("Anything else", "### Posting\n\nnot-this-one"),
        ]);
        assert_eq!(
            filled_posting(&body).as_deref(),
            Some("https://jobs.example/jobs/acme-dev/")
        );
        for empty in ["_No response_", "", "   "] {
            assert_eq!(filled_posting(&form(&[("Posting", empty)])), None);
        }
        assert_eq!(filled_posting("Posting: acme-dev"), None);
    }

    #[test]
    fn names_the_missing_required_fields() {
        let missing =
            parse(&form(&[("Job title", "Dev"), ("Company", "_No response_")])).unwrap_err();
        assert_eq!(
            missing,
            [
                "Company",
                "Remote",
                "Type",
                "Category",
                "How to apply",
                "Description"
            ]
        );
    }
}
