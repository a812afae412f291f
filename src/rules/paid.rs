//! `paid`: all positions must be paid positions.
//!
//! Saying it plainly ("unpaid internship", "volunteer position", "equity
//! only") is an error; saying it in other words ("equity and exposure",
//! "paid once we raise") is a notice for the reviewer. A phrase that is
//! denied ("we don't do unpaid internships", "a salaried role, not a
//! volunteer position") says the opposite, and is left alone.

use super::lexicon::{Family, Hit, negated};
use super::{BodyText, Context, Rule};
use crate::diagnostic::{RuleId, Sink};
use crate::posting::Posting;

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
        let said = |hits: &[Hit], text: &str, family: Family| -> Option<(usize, usize)> {
            hits.iter()
                .filter(|h| h.term == super::lexicon::Term::Phrase(family))
                .find(|h| !negated(text, h.start))
                .map(|h| (h.start, h.end))
        };
        if let Some((start, end)) = said(&body.title_hits, &p.title, Family::Unpaid) {
            let phrase = &p.title[start..end];
            out.error(
                p.spans.title,
                format!("the title says \"{phrase}\": every position on this board must be paid"),
            )
            .set_evidence(phrase);
            return;
        }
        // A posting that gives a salary and says "unpaid" once is not
        // clear-cut (it may speak of other jobs): the reviewer reads it.
        // Said twice, it is meant.
        let salaried = p.salary.as_ref().is_some_and(|s| s.min.value > 0.0);
        let times = body
            .phrases(Family::Unpaid)
            .filter(|h| !negated(&body.prose, h.start))
            .count();
        if let Some((start, end)) =
            said(&body.hits, &body.prose, Family::Unpaid).filter(|_| salaried && times == 1)
        {
            let phrase = body.quote(start, end);
            out.notice(
                body.prose_span(start, end - start),
                format!("\"{phrase}\", though the posting gives a salary: is the position paid?"),
            )
            .set_evidence(phrase)
            .help = Some("reviewer: read the sentence; it may speak of other jobs".into());
            return;
        }
        if let Some((start, end)) = said(&body.hits, &body.prose, Family::Unpaid) {
            let phrase = body.quote(start, end);
            out.error(
                body.prose_span(start, end - start),
                format!("\"{phrase}\": every position on this board must be paid"),
            )
            .set_evidence(phrase)
            .help =
                Some("only paid positions are accepted; state the pay, or post elsewhere".into());
            return;
        }
        if let Some((start, end)) = said(&body.hits, &body.prose, Family::UnpaidSoft) {
            let phrase = body.quote(start, end);
            out.notice(
                body.prose_span(start, end - start),
                format!("\"{phrase}\" may mean the position is not paid; every position on this board must be"),
            )
            .set_evidence(phrase)
            .help = Some("reviewer: check that the job pays a wage or salary".into());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::findings_of;

    fn paid(body: &str) -> Vec<(String, String)> {
        findings_of("Python Developer", body)
            .into_iter()
            .filter(|f| f.rule == crate::diagnostic::RuleId::Paid)
            .map(|f| {
                (
                    f.severity.as_str().to_string(),
                    f.evidence.unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn finds_unpaid_work_but_not_talk_of_it() {
        assert_eq!(
            paid("This is an UNPAID internship."),
            [("error".into(), "UNPAID internship".into())]
        );
        assert_eq!(
            paid("Compensation: equity-only for now"),
            [("error".into(), "equity-only".into())]
        );
        assert!(paid("We never ask for unpaid overtime.").is_empty());
        assert!(paid("Our meetups are run by volunteers.").is_empty());
        assert!(paid("Salary plus equity, only if you want it").is_empty());
    }

    #[test]
    fn a_denied_phrase_says_the_opposite() {
        assert!(paid("We don't do unpaid internships.").is_empty());
        assert!(paid("This is a salaried role, not a volunteer position.").is_empty());
        assert!(paid("Unlike many startups, we never pay in equity only.").is_empty());
    }

    #[test]
    fn unpaid_in_other_words_is_a_notice() {
        assert_eq!(
            paid("We offer equity and exposure to a great network."),
            [("notice".into(), "equity and exposure".into())]
        );
    }
}
