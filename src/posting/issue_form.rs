//! The body of a "Post a job" issue (a GitHub issue form) to a [`Draft`].
//!
//! GitHub renders each field as `### <label>` followed by its value; empty
//! fields read `_No response_`, checkboxes `- [X] option`. The labels are
//! those of `.github/ISSUE_TEMPLATE/post-a-job.yml`. The text is data: it is
//! only ever copied into fields, never run or evaluated.

use std::collections::HashMap;

use super::Draft;

/// The form's labels, and whether the form requires them.
pub const LABELS: &[(&str, bool)] = &[
    ("Job title", true),
    ("Company", true),
    ("Company website", false),
    ("Remote", true),
    ("City", false),
    ("Region", false),
    ("Country", false),
    ("Remote applicants from", false),
    ("Type", true),
    ("Category", true),
    ("Salary minimum", false),
    ("Salary maximum", false),
    ("Currency", false),
    ("Salary period", false),
    ("Tags", false),
    ("How to apply", true),
    ("Contact name", false),
    ("Contact e-mail", false),
    ("Recruiting agency", false),
    ("Expires", false),
    ("Description", true),
];

/// Parses an issue form's body. Fails with the list of required fields that
/// are missing or empty.
pub fn parse(body: &str) -> Result<Draft, Vec<String>> {
    let sections = sections(body);
    let mut missing: Vec<String> = LABELS
        .iter()
        .filter(|(label, required)| *required && sections.get(*label).is_none_or(|v| v.is_empty()))
        .map(|(label, _)| (*label).to_string())
        .collect();
    // A checkbox field is there even when nothing is ticked.
    if sections
        .get("Type")
        .is_some_and(|v| !v.is_empty() && checked(v).is_empty())
    {
        missing.push("Type (tick at least one)".into());
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    let get = |label: &str| sections.get(label).cloned().unwrap_or_default();
    let split = |label: &str| -> Vec<String> {
        get(label)
            .split([',', ' ', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    Ok(Draft {
        title: get("Job title"),
        company: get("Company"),
        company_url: get("Company website"),
        city: get("City"),
        region: get("Region"),
        country: get("Country"),
        remote: get("Remote"),
        remote_from: split("Remote applicants from"),
        types: checked(&get("Type")),
        category: get("Category"),
        salary_min: get("Salary minimum"),
        salary_max: get("Salary maximum"),
        currency: get("Currency"),
        period: get("Salary period"),
        tags: split("Tags"),
        apply: get("How to apply"),
        contact_name: get("Contact name"),
        contact_email: get("Contact e-mail"),
        agency: !checked(&get("Recruiting agency")).is_empty(),
        expires: get("Expires"),
        body: get("Description"),
    })
}

/// `### label` → value, for the form's own labels. A line that looks like a
/// heading but is not one of the labels stays part of the value before it,
/// so a description may have `### headings` of its own.
fn sections(body: &str) -> HashMap<&'static str, String> {
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
        match heading.and_then(|h| LABELS.iter().find(|(l, _)| *l == h)) {
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
        assert_eq!(draft.title, "Senior Python Engineer");
        assert_eq!(draft.company_url, "");
        assert_eq!(draft.remote_from, ["DE", "AT"]);
        assert_eq!(draft.types, ["full-time", "contract"]);
        assert!(!draft.agency);
        assert_eq!(draft.body, "We use Python.\n\n### Benefits\n\n- Lots");
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
