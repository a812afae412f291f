//! GitHub-flavoured Markdown that text from a posting cannot abuse: the job
//! summary and the pull request's comment put a stranger's text (or what a
//! pull request's own code wrote into a report) into Markdown that GitHub
//! renders under the board's name.
//!
//! What GitHub acts on is broken by a zero-width space ([`BREAK`]), which a
//! reader does not see and GitHub's patterns do not cross: after `@`, so
//! that no one is mentioned (`@​team`); between `#` or `GH-` and a number,
//! so that no issue is cross-referenced and notified (`#​12`); after the
//! `<` of a tag, the `!` of an image, the `:` of `://` and the `www` of
//! `www.`, so that nothing is loaded or turned into a link. Outside code
//! spans, Markdown's own punctuation is escaped as well, and `<`, `>` and
//! `&` are written as entities: the text shows as written and starts
//! nothing (no HTML, link, emphasis, table cell, heading or list).

use super::inert;

/// What breaks a pattern GitHub acts on without a reader seeing it.
pub const BREAK: char = '\u{200b}';

/// `text` with every pattern GitHub acts on in code broken by [`BREAK`]
/// (see the module's comment): for code spans and blocks, which GitHub
/// shows as they are but a reviewer may paste elsewhere.
pub fn defuse(text: &str) -> String {
    breaks(text, true)
}

/// Each line of `text` shown (`inert`) and defused: for a code block.
pub fn code_lines(text: &str) -> String {
    text.lines()
        .map(|line| defuse(&inert(line)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// [`defuse`]. In code, GitHub links nothing, but `<` and `![` are as
/// written; outside code, those are escaped, and addresses are broken so
/// that GitHub does not turn them into links.
fn breaks(text: &str, in_code: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        let next = chars.get(i + 1).copied();
        // At the end of a text, what follows is not known (the next piece
        // of a description may start with a digit or a letter).
        let next_or_end = |f: fn(char) -> bool| next.is_none_or(f);
        let before = |s: &str| {
            let n = s.chars().count();
            i + 1 >= n
                && chars[i + 1 - n..=i]
                    .iter()
                    .zip(s.chars())
                    .all(|(a, b)| a.eq_ignore_ascii_case(&b))
        };
        let broken = match c {
            '@' => next != Some(BREAK),
            '#' => next_or_end(|n| n.is_ascii_digit()),
            '-' => before("gh-") && next_or_end(|n| n.is_ascii_digit()),
            '<' => in_code && next.is_some_and(|n| n.is_alphabetic() || "/!?".contains(n)),
            '!' => in_code && next == Some('['),
            ':' => !in_code && chars.get(i + 1..i + 3) == Some(&['/', '/'][..]),
            'w' | 'W' => !in_code && before("www") && next == Some('.'),
            _ => false,
        };
        if broken {
            out.push(BREAK);
        }
    }
    out
}

/// Text as Markdown text, on one line: shown as written, whatever it holds.
pub fn text(text: &str) -> String {
    escape(&breaks(&inert(text), false))
}

/// Markdown's punctuation escaped, `<`, `>` and `&` as entities (for text
/// already defused and on one line).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // What starts a block only at the start of a line (`# `, `- `, `1. `)
    // is escaped where the text starts, since it may start one.
    let lead = text.len() - text.trim_start().len();
    let digits = text[lead..].len()
        - text[lead..]
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    for (i, c) in text.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '|' | '$' | '^' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' | '=' if i == lead => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if digits > 0 && i == lead + digits => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A code span of `text`, on one line: its fence is longer than any run
/// of backticks inside, so nothing in it can close it.
pub fn code(text: &str) -> String {
    span(&defuse(&inert(text)))
}

/// [`code`] for a table cell, where `|` ends the cell even in a code span
/// unless escaped (GitHub shows `\|` there as `|`).
pub fn code_cell(text: &str) -> String {
    span(&defuse(&inert(text)).replace('|', "\\|"))
}

fn span(text: &str) -> String {
    let fence = "`".repeat(longest_run(text) + 1);
    // A space each side keeps a backtick at either end from joining the fence.
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The longest run of backticks in `text`.
fn longest_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// A code fence longer than any run of backticks in `text`.
pub fn fence_for(text: &str) -> String {
    "`".repeat((longest_run(text) + 1).max(4))
}

/// Text for a Markdown table cell: it cannot end the cell, start HTML or a
/// link, or break the line. Code spans in it (`` `apply` ``, as findings
/// write field names and quotes) stay code spans, shown as written; a
/// backtick that opens none is shown as one.
pub fn cell(text: &str) -> String {
    let text = inert(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text.as_str();
    while let Some(start) = rest.find('`') {
        out.push_str(&escape(&breaks(&rest[..start], false)));
        let run = rest[start..].len() - rest[start..].trim_start_matches('`').len();
        let after = &rest[start + run..];
        match closing(after, run) {
            Some(end) => {
                let fence = &rest[start..start + run];
                let inside = defuse(&after[..end]).replace('|', "\\|");
                out.push_str(&format!("{fence}{inside}{fence}"));
                rest = &after[end + run..];
            }
            None => {
                out.push_str(&"\\`".repeat(run));
                rest = after;
            }
        }
    }
    out.push_str(&escape(&breaks(rest, false)));
    out
}

/// Where the run of exactly `run` backticks that closes a code span starts
/// in `text`.
fn closing(text: &str, run: usize) -> Option<usize> {
    let mut at = 0;
    while let Some(found) = text[at..].find('`') {
        let start = at + found;
        let len = text[start..].len() - text[start..].trim_start_matches('`').len();
        if len == run {
            return Some(start);
        }
        at = start + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_github_acts_on_is_broken() {
        assert_eq!(defuse("@team"), "@\u{200b}team");
        assert_eq!(
            defuse("see #12 and GH-7, gh-8"),
            "see #\u{200b}12 and GH-\u{200b}7, gh-\u{200b}8"
        );
        assert_eq!(
            defuse("ends in @"),
            "ends in @\u{200b}",
            "the next piece may go on"
        );
        assert_eq!(
            defuse("<img src=x> <!-- </b>"),
            "<\u{200b}img src=x> <\u{200b}!-- <\u{200b}/b>"
        );
        assert_eq!(defuse("![a](b)"), "!\u{200b}[a](b)");
        assert_eq!(
            defuse("https://x.example"),
            "https://x.example",
            "code links nothing"
        );
        assert_eq!(
            text("https://x.example www.y.example"),
            "https:\u{200b}//x.example www\u{200b}.y.example"
        );
        assert_eq!(defuse("a # 1 <3 x-1"), "a # 1 <3 x-1", "nothing else");
    }

    #[test]
    fn text_shows_as_written() {
        assert_eq!(
            text("a <b> & *c* [d](e) |"),
            "a &lt;b&gt; &amp; \\*c\\* \\[d\\](e) \\|"
        );
        assert_eq!(text("# Title"), "\\# Title");
        assert_eq!(text("- item"), "\\- item");
        assert_eq!(text("12. item"), "12\\. item");
        assert_eq!(text("full-time 2026-11-21"), "full-time 2026-11-21");
        assert_eq!(text("a\nb"), "a\\\\nb", "one line, the break shown");
    }

    #[test]
    fn code_spans_have_fences_longer_than_their_text() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a `b` c"), "``a `b` c``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("<script>"), "`<\u{200b}script>`");
    }

    #[test]
    fn code_spans_in_cells_keep_their_text() {
        assert_eq!(
            cell("`apply`: `Jane <jane@foo.example>` has a display name"),
            "`apply`: `Jane <\u{200b}jane@\u{200b}foo.example>` has a display name"
        );
        assert_eq!(cell("`a|b` <c>"), "`a\\|b` &lt;c&gt;");
        assert_eq!(cell("open `code"), "open \\`code");
        assert_eq!(cell("``a ` b`` c"), "``a ` b`` c");
        assert_eq!(code_cell("x ` y |"), "``x ` y \\|``");
    }
}
