//! Findings to text: `human` for people at a terminal, `json` for tools,
//! `github` for pull-request annotations.

pub mod github;
mod human;
mod json;

use std::collections::HashMap;
use std::sync::Arc;

pub use human::render as human;
pub use json::render as json;

/// The texts of the files findings are about, to show the offending lines
/// (shared, not copied: `serve` keeps them from one rebuild to the next).
pub type Texts = HashMap<String, Arc<str>>;

/// The findings about `board.yaml`, with its lines, for people.
pub fn config(findings: &[crate::diagnostic::Finding], text: &str, color: bool) -> String {
    let texts = [(crate::config::FILE.to_string(), text.into())]
        .into_iter()
        .collect();
    human(findings, &texts, color)
}

/// Text from a posting made safe for a terminal or a CI log: control
/// characters (escape sequences, carriage returns, line breaks) are shown as
/// escapes instead of acting.
pub fn inert(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\t') {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_cannot_act() {
        assert_eq!(super::inert("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\\nc");
        assert_eq!(super::inert("plain\ttext"), "plain\ttext");
    }
}
