//! Splits a posting's text into its YAML front matter and its Markdown body.

/// The two parts of a posting and the file lines where they start.
#[derive(Debug, PartialEq, Eq)]
pub struct Parts<'a> {
    pub yaml: &'a str,
    /// Where `yaml` starts in the text, in bytes: it ends where the closing
    /// `---` line starts.
    pub yaml_start: usize,
    /// File line of the first line of `yaml` (the line after the opening `---`).
    pub yaml_line: u32,
    pub body: &'a str,
    /// File line of the first line of `body`.
    pub body_line: u32,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The first line is not `---`.
    NoOpening,
    /// No `---` line closes the front matter.
    Unclosed,
}

/// Splits `text` (already without a byte order mark). The front matter opens
/// with a `---` line and closes with the next `---` line; trailing spaces and
/// CRLF line endings are allowed on both.
pub fn split(text: &str) -> Result<Parts<'_>, SplitError> {
    let mut lines = LinesWithEnds::new(text);
    let (first, after_first) = lines.next().ok_or(SplitError::NoOpening)?;
    if !is_fence(first) {
        return Err(SplitError::NoOpening);
    }
    let yaml_start = after_first;
    let mut line_no: u32 = 1;
    for (line, after) in lines {
        line_no += 1;
        if is_fence(line) {
            let yaml_end = after - line.len();
            return Ok(Parts {
                yaml: &text[yaml_start..yaml_end],
                yaml_start,
                yaml_line: 2,
                body: &text[after..],
                body_line: line_no + 1,
            });
        }
    }
    Err(SplitError::Unclosed)
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r', ' ', '\t']) == "---"
}

/// Lines with their line breaks, each with the byte offset just after it.
struct LinesWithEnds<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> LinesWithEnds<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }
}

impl<'a> Iterator for LinesWithEnds<'a> {
    type Item = (&'a str, usize);

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.at..];
        let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        self.at += len;
        Some((&rest[..len], self.at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_yaml_from_body_with_their_lines() {
        let parts = split("---\ntitle: A\nx: 1\n---\nBody\nmore\n").unwrap();
        assert_eq!(parts.yaml, "title: A\nx: 1\n");
        assert_eq!(parts.yaml_line, 2);
        assert_eq!(parts.body, "Body\nmore\n");
        assert_eq!(parts.body_line, 5);
    }

    #[test]
    fn accepts_crlf_and_trailing_spaces_on_fences() {
        let parts = split("--- \r\ntitle: A\r\n---\t\r\nBody\r\n").unwrap();
        assert_eq!(parts.yaml, "title: A\r\n");
        assert_eq!(parts.body, "Body\r\n");
        assert_eq!(parts.body_line, 4);
    }

    #[test]
    fn front_matter_only_has_an_empty_body() {
        let parts = split("---\ntitle: A\n---").unwrap();
        assert_eq!(parts.body, "");
        let parts = split("---\n---\n").unwrap();
        assert_eq!(parts.yaml, "");
        assert_eq!(parts.body_line, 3);
    }

    #[test]
    fn reports_missing_and_unclosed_fences() {
        assert_eq!(split(""), Err(SplitError::NoOpening));
        assert_eq!(split("title: A\n---\n"), Err(SplitError::NoOpening));
        assert_eq!(split("----\ntitle: A\n---\n"), Err(SplitError::NoOpening));
        assert_eq!(split("---\ntitle: A\n"), Err(SplitError::Unclosed));
        assert_eq!(split("---"), Err(SplitError::Unclosed));
    }

    /// YAML-ish lines that are never a fence.
    fn yaml_lines() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec("[a-z]{1,8}: [^\n\r]{0,20}", 0..8)
    }

    proptest! {
        #[test]
        fn round_trips_any_front_matter_and_body(
            lines in yaml_lines(),
            body in "[^\r]{0,200}",
            crlf in any::<bool>(),
        ) {
            let nl = if crlf { "\r\n" } else { "\n" };
            let yaml: String = lines.iter().map(|l| format!("{l}{nl}")).collect();
            let text = format!("---{nl}{yaml}---{nl}{body}");
            let parts = split(&text).unwrap();
            prop_assert_eq!(parts.yaml, yaml.as_str());
            prop_assert_eq!(&text[parts.yaml_start..][..yaml.len()], yaml.as_str());
            prop_assert_eq!(parts.body, body.as_str());
            prop_assert_eq!(parts.body_line as usize, lines.len() + 3);
        }

        #[test]
        fn never_panics_and_keeps_every_byte(text in "\\PC{0,300}") {
            if let Ok(parts) = split(&text) {
                prop_assert!(text.ends_with(parts.body));
                prop_assert!(text.contains(parts.yaml));
            }
        }

        #[test]
        fn an_unclosed_front_matter_is_reported(lines in yaml_lines()) {
            let text = format!("---\n{}", lines.join("\n"));
            prop_assert_eq!(split(&text), Err(SplitError::Unclosed));
        }
    }
}
