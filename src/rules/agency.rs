//! `agency`: a recruiter writing about a client while `agency` is not set.
//! Readers are owed the fact (the board marks agency postings), and PSF
//! reviewers ask agencies to say they are one. A notice: a consultancy that
//! builds software for "our clients" is not a recruiter.

use super::body::BodyText;
use super::lexicon::{Family, negated};
use super::{Context, Rule};
use crate::diagnostic::{RuleId, Sink};
use crate::posting::Posting;

/// Words in a company's name that say it recruits for others.
const AGENCY_NAMES: &[&str] = &[
    "recruit",
    "staffing",
    "headhunt",
    "talent acquisition",
    "personnel",
    "placement",
    "executive search",
];

pub struct Agency;

impl Rule for Agency {
    fn judges(&self) -> bool {
        true
    }

    fn id(&self) -> RuleId {
        RuleId::Agency
    }

    fn check(&self, p: &Posting, body: &BodyText, _: &Context, out: &mut Sink) {
        if p.agency {
            return;
        }
        let name = p.company.to_ascii_lowercase();
        if let Some(word) = AGENCY_NAMES.iter().find(|w| name.contains(*w)) {
            out.notice(
                p.spans.company,
                format!("\"{}\" sounds like a recruiting agency, but `agency` is not set", p.company),
            )
            .set_evidence(*word)
            .help = Some("if you recruit for a client, add `agency: true`; the board marks the posting as an agency's".into());
            return;
        }
        let Some(hit) = body
            .phrases(Family::Agency)
            .find(|h| !negated(&body.prose, h.start))
        else {
            return;
        };
        let phrase = body.quote(hit.start, hit.end).trim_end_matches(',');
        out.notice(
            body.prose_span(hit.start, hit.end - hit.start),
            format!("\"{phrase}\" reads as a recruiter writing for a client, but `agency` is not set"),
        )
        .set_evidence(phrase)
        .help = Some("if you recruit for a client, add `agency: true` and say what kind of company the client is".into());
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::RuleId;
    use crate::rules::tests::findings_of;

    #[test]
    fn recruiters_who_do_not_say_so() {
        let of = |body: &str| {
            findings_of("Python Developer", body)
                .into_iter()
                .filter(|f| f.rule == RuleId::Agency)
                .count()
        };
        assert_eq!(
            of("My client, a fast-growing fintech, needs a Python developer."),
            1
        );
        assert_eq!(of("On behalf of our client we seek a Python engineer."), 1);
        assert_eq!(
            of("You will build Python tools for our clients in retail."),
            0
        );
    }
}
