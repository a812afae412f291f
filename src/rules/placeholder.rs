//! `placeholder`: template text that was never replaced — `jobboard new`'s
//! skeleton, "Lorem ipsum", "[Describe the role here]". An error: a reader
//! would see it.

use super::body::BodyText;
use super::lexicon::{Family, Term};
use super::{Context, Rule};
use crate::diagnostic::{RuleId, Sink};
use crate::posting::Posting;

pub struct Placeholder;

impl Rule for Placeholder {
    fn id(&self) -> RuleId {
        RuleId::Placeholder
    }

    fn check(&self, p: &Posting, body: &BodyText, _: &Context, out: &mut Sink) {
        let help = "replace the template's text with your own description of the job";
        if let Some(hit) = body
            .title_hits
            .iter()
            .find(|h| h.term == Term::Phrase(Family::Placeholder))
        {
            let phrase = &p.title[hit.start..hit.end];
            out.error(
                p.spans.title,
                format!("the title still has template text: \"{phrase}\""),
            )
            .set_evidence(phrase)
            .help = Some(help.into());
        }
        let bracketed = brackets(&body.prose);
        if bracketed.len() >= 3 {
            let (at, len) = bracketed[0];
            let quotes: Vec<String> = bracketed
                .iter()
                .map(|&(at, len)| body.prose[at..at + len].to_string())
                .collect();
            out.error(
                body.prose_span(at, len),
                format!(
                    "the description has template gaps to fill in: {}",
                    super::quote_list(&quotes, 3)
                ),
            )
            .set_evidence(quotes.join(" "))
            .help = Some(help.into());
            return;
        }
        if let Some(hit) = body.phrases(Family::Placeholder).next() {
            let around = super::lexicon::sentence(&body.prose, hit.start);
            let quote = super::short(body.quote(around.start, around.end).trim(), 80);
            out.error(
                body.prose_span(hit.start, hit.end - hit.start),
                format!("the description still has template text: \"{quote}\""),
            )
            .set_evidence(quote)
            .help = Some(help.into());
        }
    }
}

/// `[Benefits]`, `[Add closing date]`: words in square brackets, as
/// templates mark what to fill in (links and footnotes lose their brackets
/// before this, so what is left was typed as is). Offsets and lengths.
fn brackets(prose: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = prose[from..].find('[').map(|i| from + i) {
        let Some(close) = prose[open..].find([']', '\n']).map(|i| open + i) else {
            break;
        };
        from = close + 1;
        if prose.as_bytes()[close] != b']' {
            continue;
        }
        let inside = &prose[open + 1..close];
        let words = inside.split_whitespace().count();
        let first = inside.chars().next();
        if (1..=12).contains(&words) && first.is_some_and(|c| c.is_uppercase()) {
            found.push((open, close + 1 - open));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::RuleId;
    use crate::rules::tests::findings_of;

    #[test]
    fn every_paragraph_of_the_skeleton_is_template_text() {
        for paragraph in crate::posting::SKELETON_BODY
            .split("\n\n")
            .filter(|p| !p.starts_with('#'))
        {
            let found = findings_of("Python Developer", paragraph);
            assert!(
                found.iter().any(|f| f.rule == RuleId::Placeholder),
                "{paragraph:?}: {found:#?}"
            );
        }
        let found = findings_of("Python Developer", "Lorem ipsum dolor sit amet, Python.");
        assert!(found.iter().any(|f| f.rule == RuleId::Placeholder));
        let found = findings_of("Python Developer", "We write Python every day.");
        assert!(!found.iter().any(|f| f.rule == RuleId::Placeholder));
        let found = findings_of(
            "Python Developer",
            "Python.\n\n- [Salary range]\n- [Benefits]\n- [Office arrangement]\n",
        );
        assert!(
            found.iter().any(|f| f.rule == RuleId::Placeholder),
            "{found:#?}"
        );
        let found = findings_of(
            "Python Developer",
            "We use Python [see our blog] and [sic] things.",
        );
        assert!(
            !found.iter().any(|f| f.rule == RuleId::Placeholder),
            "{found:#?}"
        );
    }
}
