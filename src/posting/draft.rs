//! The schema's other direction: a posting's fields, as someone typed them,
//! to the text of a posting file. Values are written so that YAML reads back
//! exactly what was typed, whatever it contains.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::NaiveDate;

use super::fields::{Ask, Field, Kind, POSTING, Schema};

/// A posting being written: every field as text, as given (not yet checked;
/// `check` judges the file that comes out), by the field's key. A list
/// field has one entry per item; any other field at most one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    answers: BTreeMap<&'static str, Vec<String>>,
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
    /// Sets a field's answer: one value, or a list's items.
    pub fn set(&mut self, key: &'static str, values: Vec<String>) {
        self.answers.insert(key, values);
    }

    /// A one-value field's answer, or "".
    pub fn get(&self, key: &str) -> &str {
        self.answers
            .get(key)
            .and_then(|v| v.first())
            .map_or("", String::as_str)
    }

    /// A list field's items.
    pub fn list(&self, key: &str) -> &[String] {
        self.answers.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether the field has an answer that is not blank.
    pub fn has(&self, key: &str) -> bool {
        self.list(key).iter().any(|v| !v.trim().is_empty())
    }

    /// The text of the posting file, posted on `posted`.
    pub fn to_text(&self, posted: NaiveDate) -> String {
        self.write(&POSTING, posted).text
    }

    /// The text of the posting file for `schema`, and the lines each field is on.
    pub fn write(&self, schema: &Schema, posted: NaiveDate) -> Written {
        let mut out = Written {
            text: String::from("---\n"),
            lines: Vec::new(),
        };
        let mut groups_done: Vec<&str> = Vec::new();
        for field in schema.fields {
            match field.group() {
                None => self.field(&mut out, field, "", posted),
                Some(group) if !groups_done.contains(&group) => {
                    groups_done.push(group);
                    let members = schema.fields.iter().filter(|f| f.group() == Some(group));
                    // Any field of a group typed keeps the group, so `check`
                    // can say what is missing.
                    if members.clone().any(|f| self.has(f.key)) {
                        let _ = writeln!(out.text, "{group}:");
                        for member in members {
                            self.field(&mut out, member, "  ", posted);
                        }
                    }
                }
                Some(_) => {}
            }
        }
        out.text.push_str("---\n");
        let body = if self.body.trim().is_empty() {
            SKELETON_BODY
        } else {
            &self.body
        };
        let body = body.replace("\r\n", "\n");
        out.text.push_str(body.trim_matches('\n'));
        out.text.push('\n');
        out
    }

    fn field(&self, out: &mut Written, field: &'static Field, indent: &str, posted: NaiveDate) {
        let first = out.text.lines().count() as u32 + 1;
        let key = format!("{indent}{}", field.name());
        let text = &mut out.text;
        match field.kind {
            _ if field.ask == Ask::Filled => {
                let _ = writeln!(text, "{key}: {posted}");
            }
            kind if kind.is_list() => list(text, &key, self.list(field.key)),
            Kind::Number => number(text, &key, self.get(field.key)),
            // A flag is false unless said: only `true` is written, and
            // what is neither yes nor no is kept for `check` to report.
            Kind::Flag => match yes_or_no(self.get(field.key)) {
                Some(true) => {
                    let _ = writeln!(text, "{key}: true");
                }
                Some(false) => {}
                None => line(text, &key, self.get(field.key)),
            },
            _ => line(text, &key, self.get(field.key)),
        }
        let last = out.text.lines().count() as u32;
        if last >= first {
            out.lines.push((field.key, first..=last));
        }
    }
}

/// A draft written out.
pub struct Written {
    pub text: String,
    /// The lines of each field that was written.
    pub lines: Vec<(&'static str, std::ops::RangeInclusive<u32>)>,
}

/// `y`, `yes`, `true` and the like, as a checkbox's answer.
pub fn yes_or_no(answer: &str) -> Option<bool> {
    match answer.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" | "x" => Some(true),
        "n" | "no" | "false" => Some(false),
        _ => None,
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
        let mut draft = Draft::default();
        draft.set("tags", vec!["a, b".into(), "c".into()]);
        draft.set("salary.max", vec!["90,000".into()]);
        draft.set("salary.currency", vec!["EUR".into()]);
        let text = draft.to_text(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default());
        assert!(text.contains("tags: [\"a, b\", c]\n"), "{text}");
        assert!(
            text.contains("salary:\n  max: 90000\n  currency: EUR\n"),
            "{text}"
        );
        let mut draft = Draft::default();
        draft.set("salary.min", vec!["45,50".into()]);
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
