//! `paid`: all positions must be paid positions.

use super::{BodyText, Context, Rule};
use crate::diagnostic::{RuleId, Sink};
use crate::posting::Posting;

/// Phrases that say a job is not paid, as lower-case words in sequence.
/// Single words such as "volunteer" or "unpaid" alone are too common in
/// approved postings ("our volunteers", "no unpaid overtime") to judge by.
const UNPAID: &[&[&str]] = &[
    &["unpaid", "internship"],
    &["unpaid", "internships"],
    &["unpaid", "intern"],
    &["unpaid", "position"],
    &["unpaid", "role"],
    &["unpaid", "job"],
    &["unpaid", "work"],
    &["unpaid", "opportunity"],
    &["unpaid", "basis"],
    &["unpaid", "volunteer"],
    &["is", "unpaid"],
    &["are", "unpaid"],
    &["volunteer", "position"],
    &["volunteer", "role"],
    &["volunteer", "basis"],
    &["volunteer", "opportunity"],
    &["volunteer", "job"],
    &["volunteer", "only"],
    &["voluntary", "position"],
    &["voluntary", "basis"],
    &["equity", "only"],
    &["no", "salary"],
    &["without", "pay"],
    &["without", "salary"],
    &["no", "pay"],
    &["not", "a", "paid"],
    &["for", "exposure"],
    &["pro", "bono"],
];

pub struct Paid;

impl Rule for Paid {
    fn id(&self) -> RuleId {
        RuleId::Paid
    }

    fn check(&self, p: &Posting, body: &BodyText, _: &Context, out: &mut Sink) {
        if p.salary.as_ref().is_some_and(|s| s.min.value <= 0.0) {
            out.error(
                p.spans.salary_min,
                "the salary's `min` must be more than 0; every position on this board is paid",
            );
        }
        if let Some((_, phrase)) = find_phrase(&p.title) {
            out.error(
                p.spans.title,
                format!("the title says \"{phrase}\": every position on this board must be paid"),
            );
        }
        if let Some((at, phrase)) = find_phrase(&body.prose) {
            out.error(
                body.prose_span(at, phrase.len()),
                format!("\"{phrase}\": every position on this board must be paid"),
            )
            .help =
                Some("only paid positions are accepted; state the pay, or post elsewhere".into());
        }
    }
}

/// The first unpaid phrase in `text`: its byte offset and its words as written.
fn find_phrase(text: &str) -> Option<(usize, String)> {
    let words: Vec<(usize, &str)> = super::body::ascii_words(text).collect();
    for (k, (at, first)) in words.iter().enumerate() {
        for phrase in UNPAID.iter().filter(|p| p[0].eq_ignore_ascii_case(first)) {
            let Some(found) = words.get(k..k + phrase.len()) else {
                continue;
            };
            let same = phrase
                .iter()
                .zip(found)
                .all(|(want, (_, got))| got.eq_ignore_ascii_case(want));
            if same && joined_closely(text, found) {
                let (last_at, last) = found[found.len() - 1];
                return Some((*at, text[*at..last_at + last.len()].to_string()));
            }
        }
    }
    None
}

/// Whether only spaces or hyphens stand between the words: "equity-only"
/// and "equity only" are a phrase, "equity, only if" is not.
fn joined_closely(text: &str, words: &[(usize, &str)]) -> bool {
    words.windows(2).all(|pair| {
        let (at, word) = pair[0];
        text[at + word.len()..pair[1].0]
            .chars()
            .all(|c| c.is_whitespace() || c == '-')
    })
}

#[cfg(test)]
mod tests {
    use super::find_phrase;

    #[test]
    fn finds_unpaid_work_but_not_talk_of_it() {
        assert_eq!(
            find_phrase("This is an UNPAID internship."),
            Some((11, "UNPAID internship".into()))
        );
        assert_eq!(
            find_phrase("Compensation: equity-only for now"),
            Some((14, "equity-only".into()))
        );
        assert_eq!(
            find_phrase("a volunteer position"),
            Some((2, "volunteer position".into()))
        );
        assert_eq!(find_phrase("We never ask for unpaid overtime."), None);
        assert_eq!(find_phrase("Our meetups are run by volunteers."), None);
        assert_eq!(find_phrase("Salary plus equity, only if you want it"), None);
    }
}
