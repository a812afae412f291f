//! Changes to a posting's text that keep every other byte as it was: a
//! maintainer's or a bot's change to a posting is then a one-line diff that
//! a reviewer reads at a glance, whatever the file's line endings, comments
//! or quoting.

use crate::diagnostic::Pos;
use crate::frontmatter;
use crate::yaml::{self, Value};

/// Why a field could not be set.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("its front matter cannot be read")]
    FrontMatter,
    #[error("its front matter is not a list of fields")]
    NotFields,
}

/// `text` (a posting, without a byte order mark) with the top-level field
/// `key` set to `value` (written as it is; give a YAML scalar): the value of
/// a `key:` line replaced, or a `key: value` line added before the closing
/// `---`, ended as the line before it is (CRLF or LF). Nothing else changes.
pub fn set_field(text: &str, key: &str, value: &str) -> Result<String, EditError> {
    let parts = frontmatter::split(text).map_err(|_| EditError::FrontMatter)?;
    let root = yaml::parse(parts.yaml, parts.yaml_line).map_err(|_| EditError::FrontMatter)?;
    let entries = match &root.value {
        Value::Map(entries) => entries.as_slice(),
        Value::Null => &[],
        _ => return Err(EditError::NotFields),
    };
    let found = entries
        .iter()
        .find(|(k, _)| matches!(&k.value, Value::Str(name) if name == key));
    let Some((k, v)) = found else {
        let at = parts.yaml_start + parts.yaml.len();
        let before = &text[..at];
        let end = if before.ends_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        return Ok(format!("{before}{key}: {value}{end}{}", &text[at..]));
    };
    // A one-line scalar after its key: only the value (quotes and all)
    // changes, so the spacing and a comment after it stay.
    let one_line = k.span.start.line == v.span.start.line && v.span.start.line == v.span.end.line;
    let range = match &v.value {
        Value::Str(_) | Value::Int(_) | Value::Float(..) | Value::Bool(_)
            if one_line && v.span.start < v.span.end =>
        {
            offset(text, v.span.start)..offset(text, v.span.end)
        }
        // Empty, a list, or on lines of its own: the key's lines become one.
        _ => {
            let last = v.span.end.line.max(k.span.start.line);
            let end = offset(text, Pos::new(last + 1, 1));
            let end = end - line_break(&text[..end]).len();
            offset(text, Pos::new(k.span.start.line, 1))..end
        }
    };
    let replacement = if range.start == offset(text, Pos::new(k.span.start.line, 1)) {
        format!("{key}: {value}")
    } else {
        value.to_string()
    };
    Ok(format!(
        "{}{replacement}{}",
        &text[..range.start],
        &text[range.end..]
    ))
}

/// The line break that ends `text`, if any.
fn line_break(text: &str) -> &'static str {
    if text.ends_with("\r\n") {
        "\r\n"
    } else if text.ends_with('\n') {
        "\n"
    } else {
        ""
    }
}

/// The byte offset of a file position in `text` (its end, past the last line).
fn offset(text: &str, pos: Pos) -> usize {
    let skip = usize::try_from(pos.line.saturating_sub(1)).unwrap_or(usize::MAX);
    let start = if skip == 0 {
        Some(0)
    } else {
        text.match_indices('\n').nth(skip - 1).map(|(i, _)| i + 1)
    };
    let Some(start) = start else {
        return text.len();
    };
    let line = text[start..].split('\n').next().unwrap_or_default();
    start + crate::text::column_offset(line, pos.column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DAY: &str = "2026-11-21";

    fn set(text: &str) -> String {
        set_field(text, "filled", DAY).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    #[test]
    fn adds_a_line_before_the_closing_fence_in_the_files_own_line_ending() {
        assert_eq!(
            set("---\ntitle: A\n---\nBody\n"),
            "---\ntitle: A\nfilled: 2026-11-21\n---\nBody\n"
        );
        assert_eq!(
            set("---\r\ntitle: A\r\n---\r\nBody\r\n"),
            "---\r\ntitle: A\r\nfilled: 2026-11-21\r\n---\r\nBody\r\n"
        );
        // After a group, a comment and a fence with trailing spaces, at the end.
        assert_eq!(
            set("---\nsalary:\n  min: 1\n# a note\n---  \n"),
            "---\nsalary:\n  min: 1\n# a note\nfilled: 2026-11-21\n---  \n"
        );
    }

    #[test]
    fn replaces_the_value_of_a_filled_line_and_keeps_what_is_around_it() {
        for (before, after) in [
            ("filled: 2026-12-01\n", "filled: 2026-11-21\n"),
            (
                "filled: 2026-12-01   # when Jane said yes\n",
                "filled: 2026-11-21   # when Jane said yes\n",
            ),
            // A quoted value is the quotes and all.
            ("filled:   '2026-12-01'\r\n", "filled:   2026-11-21\r\n"),
            ("filled: \"2026-12-01\" # x\n", "filled: 2026-11-21 # x\n"),
            ("filled:\n", "filled: 2026-11-21\n"),
            ("filled:   \r\n", "filled: 2026-11-21\r\n"),
            ("filled:\n  2026-12-01\n", "filled: 2026-11-21\n"),
            ("filled: [2026-12-01]\n", "filled: 2026-11-21\n"),
            ("filled:\n  - 2026-12-01\n  - x\n", "filled: 2026-11-21\n"),
            ("filled:\n  on: 2026-12-01\n", "filled: 2026-11-21\n"),
            (
                "filled:\n# a comment\n",
                "filled: 2026-11-21\n# a comment\n",
            ),
        ] {
            let text = format!("---\ntitle: A\n{before}posted: 2026-11-01\n---\nB\n");
            let want = format!("---\ntitle: A\n{after}posted: 2026-11-01\n---\nB\n");
            assert_eq!(set(&text), want, "{before:?}");
        }
    }

    #[test]
    fn a_nested_filled_key_is_not_the_field() {
        assert_eq!(
            set("---\ncontact:\n  filled: x\n---\n"),
            "---\ncontact:\n  filled: x\nfilled: 2026-11-21\n---\n"
        );
    }

    #[test]
    fn refuses_what_is_not_a_front_matter_of_fields() {
        assert_eq!(
            set_field("no fence\n", "filled", DAY),
            Err(EditError::FrontMatter)
        );
        assert_eq!(
            set_field("---\ntitle: [\n---\n", "filled", DAY),
            Err(EditError::FrontMatter)
        );
        assert_eq!(
            set_field("---\n- a\n---\n", "filled", DAY),
            Err(EditError::NotFields)
        );
    }

    /// Front matter lines of many shapes: fields, groups, comments, blank lines.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-e]{1,6}: [a-z0-9 ]{0,12}",
            "[a-e]{1,6}: \"[a-z#: ]{0,8}\"",
            "[a-e]{1,6}: [a-z]{1,6} # [a-z ]{0,10}",
            "# [a-z: ]{0,12}",
            Just(String::new()),
            "grp[0-9]:\n  [a-z]{1,6}: [a-z0-9]{1,6}",
        ]
    }

    proptest! {
        /// Adding the field keeps every byte of the file, and its value
        /// reads back; with the field already there, only its value changes.
        #[test]
        fn every_other_byte_is_kept(
            lines in prop::collection::vec(line(), 0..8),
            filled_at in proptest::option::of(0usize..8),
            crlf in any::<bool>(),
            body in "[^\r]{0,80}",
        ) {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut fields: Vec<String> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for l in lines {
                // YAML refuses a key twice; keep the first.
                let key = l.split(':').next().unwrap_or_default().to_string();
                if l.starts_with('#') || l.is_empty() || seen.insert(key) {
                    fields.push(l.replace('\n', nl));
                }
            }
            if let Some(at) = filled_at {
                fields.insert(at.min(fields.len()), "filled: 2026-12-01".into());
            }
            let yaml: String = fields.iter().map(|l| format!("{l}{nl}")).collect();
            let text = format!("---{nl}{yaml}---{nl}{body}");
            prop_assume!(crate::yaml::parse(&yaml, 2).is_ok());
            let out = set_field(&text, "filled", DAY).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let expected = match filled_at {
                Some(_) => text.replacen("filled: 2026-12-01", "filled: 2026-11-21", 1),
                None => format!("---{nl}{yaml}filled: 2026-11-21{nl}---{nl}{body}"),
            };
            prop_assert_eq!(&out, &expected);
            let parts = frontmatter::split(&out).map_err(|_| TestCaseError::fail("split"))?;
            let root = crate::yaml::parse(parts.yaml, 2).map_err(|e| TestCaseError::fail(e.message))?;
            let Value::Map(entries) = root.value else { return Err(TestCaseError::fail("not a map")) };
            let value = entries.iter().find(|(k, _)| k.as_text().as_deref() == Some("filled")).and_then(|(_, v)| v.as_text());
            prop_assert_eq!(value.as_deref(), Some(DAY));
        }
    }
}
