//! The schema's other direction: a posting's fields, as someone typed them,
//! to the text of a posting file. Values are written so that YAML reads back
//! exactly what was typed, whatever it contains.

use std::fmt::Write;

use chrono::NaiveDate;

/// A posting being written: every field as text, as given (not yet checked;
/// `check` judges the file that comes out).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub company: String,
    pub company_url: String,
    pub city: String,
    pub region: String,
    pub country: String,
    pub remote: String,
    pub remote_from: Vec<String>,
    pub types: Vec<String>,
    pub category: String,
    pub salary_min: String,
    pub salary_max: String,
    pub currency: String,
    pub period: String,
    pub tags: Vec<String>,
    pub apply: String,
    pub contact_name: String,
    pub contact_email: String,
    pub agency: bool,
    pub expires: String,
    pub body: String,
}

/// What a skeleton's description says until its author writes their own.
pub const SKELETON_BODY: &str = "\
## The job

Say what the job is and how Python is used in it, for example: \"You will build and run our
data pipelines in Python with Airflow and pandas.\" Name the team, the product and what a
normal week looks like.

## What we ask

- The experience you need, and what you can learn on the job.
- The languages and tools, with Python first.

## About us

Who you are, where you work, what you pay and offer, and how your hiring works.
";

impl Draft {
    /// The text of the posting file, posted on `posted`.
    pub fn to_text(&self, posted: NaiveDate) -> String {
        let mut out = String::from("---\n");
        line(&mut out, "title", &self.title);
        line(&mut out, "company", &self.company);
        line(&mut out, "company_url", &self.company_url);
        if !(self.city.trim().is_empty() && self.country.trim().is_empty()) {
            out.push_str("location:\n");
            line(&mut out, "  city", &self.city);
            line(&mut out, "  region", &self.region);
            line(&mut out, "  country", &self.country);
        }
        line(&mut out, "remote", &self.remote);
        list(&mut out, "remote_from", &self.remote_from);
        list(&mut out, "type", &self.types);
        line(&mut out, "category", &self.category);
        // Any salary field typed keeps the block, so `check` can say what is missing.
        let salary = [
            &self.salary_min,
            &self.salary_max,
            &self.currency,
            &self.period,
        ];
        if salary.iter().any(|v| !v.trim().is_empty()) {
            out.push_str("salary:\n");
            number(&mut out, "  min", &self.salary_min);
            number(&mut out, "  max", &self.salary_max);
            line(&mut out, "  currency", &self.currency);
            line(&mut out, "  period", &self.period);
        }
        list(&mut out, "tags", &self.tags);
        line(&mut out, "apply", &self.apply);
        if !(self.contact_name.trim().is_empty() && self.contact_email.trim().is_empty()) {
            out.push_str("contact:\n");
            line(&mut out, "  name", &self.contact_name);
            line(&mut out, "  email", &self.contact_email);
        }
        if self.agency {
            out.push_str("agency: true\n");
        }
        let _ = writeln!(out, "posted: {posted}");
        line(&mut out, "expires", &self.expires);
        out.push_str("---\n");
        let body = if self.body.trim().is_empty() {
            SKELETON_BODY
        } else {
            &self.body
        };
        let body = body.replace("\r\n", "\n");
        out.push_str(body.trim_matches('\n'));
        out.push('\n');
        out
    }
}

/// `key: value`, or nothing for an empty value.
fn line(out: &mut String, key: &str, value: &str) {
    let value = one_line(value);
    if !value.is_empty() {
        let _ = writeln!(out, "{key}: {}", scalar(&value));
    }
}

/// A number as typed when it is one (`70000`, `70,000`, `45.50`), else
/// quoted text for `check` to report.
fn number(out: &mut String, key: &str, value: &str) {
    let typed = one_line(value);
    if typed.is_empty() {
        return;
    }
    match plain_number(&typed) {
        Some(number) => {
            let _ = writeln!(out, "{key}: {number}");
        }
        None => {
            let _ = writeln!(out, "{key}: {}", quoted(&typed));
        }
    }
}

/// `70,000`, `70 000` and `70_000` as `70000`; `None` for what is not a plain
/// non-negative number, such as `45,50` (a decimal comma is not guessed at).
pub fn plain_number(typed: &str) -> Option<String> {
    let typed = typed.trim();
    let (whole, fraction) = typed.split_once('.').unwrap_or((typed, ""));
    let mut groups = whole.split([',', ' ', '_']);
    let first = groups.next().filter(|g| !g.is_empty())?;
    let grouped: Vec<&str> = groups.collect();
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let well_grouped = grouped.iter().all(|g| g.len() == 3 && digits(g))
        && (grouped.is_empty() || first.len() <= 3);
    let number = format!("{first}{}", grouped.concat());
    let number = if fraction.is_empty() {
        number
    } else {
        format!("{number}.{fraction}")
    };
    (well_grouped && digits(first) && digits(fraction) && !typed.ends_with('.')).then_some(number)
}

fn list(out: &mut String, key: &str, values: &[String]) {
    let items: Vec<String> = values
        .iter()
        .map(|v| one_line(v))
        .filter(|v| !v.is_empty())
        // A comma would end the item in `[a, b]`.
        .map(|v| {
            if v.contains(',') {
                quoted(&v)
            } else {
                scalar(&v)
            }
        })
        .collect();
    if !items.is_empty() {
        let _ = writeln!(out, "{key}: [{}]", items.join(", "));
    }
}

/// Line breaks and runs of spaces in a one-line field become single spaces.
fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A YAML scalar that reads back as exactly `value`: plain when that is
/// unambiguous, double-quoted (JSON string syntax, which YAML shares) when not.
pub fn scalar(value: &str) -> String {
    if is_plain(value) {
        value.to_string()
    } else {
        quoted(value)
    }
}

fn quoted(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".into())
}

/// Plain scalars we write: words, spaces and harmless punctuation, starting
/// with a letter, that YAML cannot read as anything but this text.
fn is_plain(value: &str) -> bool {
    const WORDS: &[&str] = &["true", "false", "yes", "no", "on", "off", "null", "y", "n"];
    let Some(first) = value.chars().next() else {
        return false;
    };
    first.is_alphabetic()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || " .,'()&/+-@:?=_~%#".contains(c))
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with([' ', ':'])
        && !WORDS.contains(&value.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_where_plain_is_safe() {
        assert_eq!(scalar("Senior Python Engineer"), "Senior Python Engineer");
        assert_eq!(scalar("Müller & Söhne"), "Müller & Söhne");
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(scalar("Lead: Python"), "\"Lead: Python\"");
        assert_eq!(scalar("#1 job"), "\"#1 job\"");
        assert_eq!(scalar("`rm -rf`"), "\"`rm -rf`\"");
        assert_eq!(
            scalar("https://acme.example/jobs?a=1#x"),
            "https://acme.example/jobs?a=1#x"
        );
        assert_eq!(
            scalar("mailto:jobs@acme.example"),
            "mailto:jobs@acme.example"
        );
        assert_eq!(scalar("Python #1"), "\"Python #1\"");
    }

    #[test]
    fn numbers_lose_only_their_thousands_separators() {
        for (typed, read) in [
            ("70000", Some("70000")),
            ("70,000", Some("70000")),
            ("1 200 000", Some("1200000")),
            ("70_000.50", Some("70000.50")),
            ("45.5", Some("45.5")),
            ("45,50", None),
            ("7,0000", None),
            ("1234,567", None),
            ("-5", None),
            ("+5", None),
            (".5", None),
            ("5.", None),
            ("five", None),
            ("", None),
        ] {
            assert_eq!(plain_number(typed).as_deref(), read, "{typed}");
        }
    }

    #[test]
    fn what_is_typed_is_kept_for_check_to_judge() {
        let draft = Draft {
            tags: vec!["a, b".into(), "c".into()],
            salary_max: "90,000".into(),
            currency: "EUR".into(),
            ..Draft::default()
        };
        let text = draft.to_text(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default());
        assert!(text.contains("tags: [\"a, b\", c]\n"), "{text}");
        assert!(
            text.contains("salary:\n  max: 90000\n  currency: EUR\n"),
            "{text}"
        );
        let draft = Draft {
            salary_min: "45,50".into(),
            ..Draft::default()
        };
        let text = draft.to_text(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default());
        assert!(text.contains("  min: \"45,50\"\n"), "{text}");
    }

    proptest! {
        /// Whatever is typed, YAML reads back the same text (one line).
        #[test]
        fn scalars_read_back_as_typed(value in "\\PC{1,60}") {
            let value = one_line(&value);
            prop_assume!(!value.is_empty());
            let yaml = format!("key: {}\n", scalar(&value));
            let node = crate::yaml::parse(&yaml, 1).map_err(|e| TestCaseError::fail(format!("{yaml}: {}", e.message)))?;
            let crate::yaml::Value::Map(entries) = node.value else { return Err(TestCaseError::fail("not a map")) };
            prop_assert_eq!(entries[0].1.as_text(), Some(value));
        }
    }
}
