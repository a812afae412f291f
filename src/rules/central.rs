//! `main-language`: the board's language is the main language of the job,
//! not a passing mention. A notice: only a reader can be sure.
//!
//! Two signs that it is not: another language dominates (in the title, or
//! named far more often), or every mention of the board's language and its
//! tools stands in a "nice to have" part (a sentence that says "a plus", or a
//! list under a "Bonus" heading).

use super::body::BodyText;
use super::lexicon::{Family, Hit, OTHER_LANGUAGES, Term, sentence};
use super::{Context, Rule};
use crate::diagnostic::{RuleId, Sink};
use crate::posting::Posting;

pub struct MainLanguage;

/// A mention in the title weighs as much as this many in the body.
const TITLE_WEIGHT: usize = 3;

impl Rule for MainLanguage {
    fn judges(&self) -> bool {
        true
    }

    fn id(&self) -> RuleId {
        RuleId::MainLanguage
    }

    fn check(&self, p: &Posting, body: &BodyText, cx: &Context, out: &mut Sink) {
        let language = &cx.config.language;
        let ours = |h: &&Hit| matches!(h.term, Term::Language | Term::Tool);
        let title_ours = body.title_hits.iter().filter(ours).count();
        // "There is no Python in our stack" is no mention of it.
        let body_ours: Vec<&Hit> = body
            .hits
            .iter()
            .filter(ours)
            .filter(|h| !denied(&body.prose, h.start))
            .collect();
        if title_ours + body_ours.len() == 0 {
            // `mentions-language` reports a posting that never names it;
            // one that only denies it is not about it either.
            if body.hits.iter().any(|h| ours(&h)) {
                out.notice(
                    p.spans.title,
                    format!("the posting names {language} only to say the job does not use it"),
                )
                .set_evidence(format!("no {language}"))
                .help = Some(format!(
                    "reviewers: this board takes jobs where {language} is the main language"
                ));
            }
            return;
        }
        let mut others = [0usize; OTHER_LANGUAGES.len()];
        for h in &body.title_hits {
            if let Term::Other(i) = h.term {
                others[usize::from(i)] += TITLE_WEIGHT;
            }
        }
        for h in &body.hits {
            if let Term::Other(i) = h.term {
                others[usize::from(i)] += 1;
            }
        }
        let (top, top_count) = others
            .iter()
            .copied()
            .enumerate()
            .max_by_key(|(_, n)| *n)
            .unwrap_or((0, 0));
        let other = OTHER_LANGUAGES[top].0;
        let title_names_other = body
            .title_hits
            .iter()
            .any(|h| matches!(h.term, Term::Other(_)));
        if title_ours == 0 && title_names_other {
            out.notice(
                p.spans.title,
                format!("the title names {other}, not {language}: is {language} the main language of this job?"),
            )
            .set_evidence(format!("the title names {other}"))
            .help = Some(format!(
                "if the job is mainly {language}, say so in the title; reviewers: this board takes jobs where {language} is the main language"
            ));
            return;
        }
        let ours_count = title_ours * TITLE_WEIGHT + body_ours.len();
        if top_count >= 3 && top_count >= 2 * ours_count {
            out.notice(
                p.spans.title,
                format!(
                    "{other} is named {} and {language} {}: is {language} the main language of this job?",
                    times(top_count),
                    times(ours_count)
                ),
            )
            .set_evidence(format!("{other} {}, {language} {}", times(top_count), times(ours_count)))
            .help = Some(format!(
                "say what the job builds with {language}; reviewers: this board takes jobs where {language} is the main language"
            ));
            return;
        }
        if title_ours == 0 && body_ours.iter().all(|h| optional(body, h)) {
            let first = body_ours[0];
            let around = sentence(&body.prose, first.start);
            let quote = body.quote(around.start, around.end).trim();
            out.notice(
                body.prose_span(first.start, first.end - first.start),
                format!(
                    "{language} appears only as a nice-to-have (\"{}\"): is it the main language of this job?",
                    super::short(quote, 80)
                ),
            )
            .set_evidence(super::short(quote, 120))
            .help = Some(format!(
                "if {language} is central, say what the job builds with it; reviewers: this board takes jobs where {language} is the main language"
            ));
        }
    }
}

/// "no Python", "not Python": the word right before denies it.
fn denied(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(last.as_str(), "no" | "not" | "without" | "never")
}

fn times(n: usize) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// Whether a mention stands in a "nice to have" part of the body: its
/// sentence says so (and no bracket stands between the two), or the heading
/// it stands under does.
fn optional(body: &BodyText, mention: &Hit) -> bool {
    let around = sentence(&body.prose, mention.start);
    let optional = Term::Phrase(Family::Optional);
    let said = body.hits_in(around.clone()).iter().any(|h| {
        h.term == optional && {
            let (from, to) = if h.start < mention.start {
                (h.end, mention.start)
            } else {
                (mention.end, h.start)
            };
            !body.prose[from.min(to)..to.max(from)].contains(['(', ')'])
        }
    });
    if said {
        return true;
    }
    let Some(block) = body.block_at(mention.start) else {
        return false;
    };
    body.heading_of(block).is_some_and(|heading| {
        let heading = heading.to_ascii_lowercase();
        [
            "nice to have",
            "nice-to-have",
            "bonus",
            "plus",
            "optional",
            "preferred",
            "desirable",
            "good to have",
            "advantage",
            "extra",
        ]
        .iter()
        .any(|w| heading.contains(w))
    })
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::RuleId;
    use crate::rules::tests::findings_of;

    fn main_language(title: &str, body: &str) -> Vec<String> {
        findings_of(title, body)
            .into_iter()
            .filter(|f| f.rule == RuleId::MainLanguage)
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn python_among_other_languages_is_fine() {
        assert!(
            main_language(
                "Backend Engineer",
                "We write Python and Go, with some Java services on the side. Python runs our APIs."
            )
            .is_empty()
        );
        assert!(
            main_language(
                "Python Developer",
                "Java, Java, Java and more Java in our old systems."
            )
            .is_empty()
        );
        assert!(
            main_language(
                "Data Engineer",
                "You will build pipelines in Python (Airflow a plus)."
            )
            .is_empty()
        );
    }

    #[test]
    fn another_language_in_the_title_or_everywhere_is_a_notice() {
        let found = main_language(
            "Senior Java Developer",
            "Spring services. Some Python is a plus.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("the title names Java"), "{found:?}");
        let found = main_language(
            "Backend Engineer",
            "Our stack is TypeScript. You know TypeScript well, and TypeScript testing. We use Python for one script.",
        );
        assert!(
            found[0].contains("TypeScript is named 3 times and Python once"),
            "{found:?}"
        );
    }

    #[test]
    fn python_only_as_a_nice_to_have_is_a_notice() {
        let found = main_language(
            "Platform Engineer",
            "You will run Kubernetes clusters.\n\n## Nice to have\n\n- Python scripting\n- Terraform\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let found = main_language(
            "Platform Engineer",
            "You will run Kubernetes clusters. Python experience is a plus.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
