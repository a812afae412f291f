//! `duplicate`: the same job posted twice. Expired postings are left out, so
//! an employer may post a job again once its first posting has run out.

use crate::source::KeyMap;

use super::{BoardRule, Context};
use crate::diagnostic::{Finding, RuleId, Severity, Span};
use crate::posting::Posting;

pub struct Duplicate;

impl BoardRule for Duplicate {
    fn id(&self) -> RuleId {
        RuleId::Duplicate
    }

    fn check(&self, postings: &[&Posting], cx: &Context, out: &mut Vec<Finding>) {
        let mut current: Vec<&Posting> = postings
            .iter()
            .copied()
            .filter(|p| !p.is_expired(cx.today, cx.config.max_age_days))
            .collect();
        // The first of two duplicates is the original; the later one is reported.
        super::oldest_first(&mut current);
        let map = || KeyMap::with_capacity_and_hasher(current.len(), Default::default());
        let (mut by_job, mut by_body, mut by_apply): (
            KeyMap<&Posting>,
            KeyMap<&Posting>,
            KeyMap<&Posting>,
        ) = (map(), map(), map());
        for p in current {
            let job = p.keys.job;
            if let Some(first) = by_job.get(&job) {
                out.push(finding(
                    p,
                    p.spans.title,
                    Severity::Error,
                    format!("the same company and title as {}", first.file),
                ));
                continue;
            }
            by_job.insert(job, p);
            let body = p.keys.body;
            if body != 0 {
                if let Some(first) = by_body.get(&body) {
                    out.push(finding(
                        p,
                        p.spans.front_matter,
                        Severity::Error,
                        format!("the same description as {}", first.file),
                    ));
                    continue;
                }
                by_body.insert(body, p);
            }
            let apply = p.keys.apply;
            match by_apply.get(&apply) {
                Some(first) if first.keys.company != p.keys.company => {
                    out.push(finding(
                        p,
                        p.spans.apply,
                        Severity::Warning,
                        format!(
                            "the same apply address as {}, which is posted by {}",
                            first.file, first.company
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    by_apply.insert(apply, p);
                }
            }
        }
    }
}

fn finding(p: &Posting, span: Span, severity: Severity, message: String) -> Finding {
    let help = match severity {
        Severity::Error => {
            "a job is posted once; update the earlier posting instead, or delete one of the two"
        }
        Severity::Warning | Severity::Notice => {
            "check that both companies are real and that the address belongs to this one"
        }
    };
    Finding::new(&p.file, span, RuleId::Duplicate, severity, message).with_help(help)
}
