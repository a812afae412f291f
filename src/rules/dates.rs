//! `date` and `expired`: when a posting was submitted, how long it runs,
//! and when it was filled.

use super::{BodyText, Context, Rule};
use crate::diagnostic::{RuleId, Sink};
use crate::posting::{Gone, Posting};

pub struct Dates;

impl Rule for Dates {
    fn id(&self) -> RuleId {
        RuleId::Date
    }

    fn check(&self, p: &Posting, _: &BodyText, cx: &Context, out: &mut Sink) {
        if p.posted > cx.today {
            out.error(
                p.spans.posted,
                format!("`posted` is {}, after today ({})", p.posted, cx.today),
            )
            .help = Some("use the day you submit the posting".into());
        }
        filled(p, cx, out);
        let Some(expires) = p.expires else { return };
        let max_age = cx.config.max_age_days;
        if expires < p.posted {
            out.error(
                p.spans.expires,
                format!("`expires` ({expires}) is before `posted` ({})", p.posted),
            );
        } else if (expires - p.posted).num_days() > i64::from(max_age) {
            // SPEC: at most `posted + max_age_days`, inclusive (the posting
            // is live until its age runs out, whichever comes first).
            let last = p
                .posted
                .checked_add_days(chrono::Days::new(u64::from(max_age)))
                .unwrap_or(expires);
            out.error(
                p.spans.expires,
                format!("`expires` ({expires}) is beyond this board's {max_age} days; the last day it can run is {last}"),
            )
            .help = Some(format!("set `expires: {last}` or leave `expires` out"));
        }
    }
}

/// `filled` is a day that has come, and not before the job was posted.
fn filled(p: &Posting, cx: &Context, out: &mut Sink) {
    let Some(filled) = p.filled else { return };
    if filled > cx.today {
        out.error(
            p.spans.filled,
            format!("`filled` is {filled}, after today ({})", cx.today),
        )
        .help = Some(format!(
            "`filled` is the day the job was filled, today at the latest: leave it out until then, or set `filled: {}`",
            cx.today
        ));
    } else if filled < p.posted {
        out.error(
            p.spans.filled,
            format!("`filled` ({filled}) is before `posted` ({})", p.posted),
        )
        .help = Some(format!(
            "set `filled` to the day the job was filled, between {} and today",
            p.posted
        ));
    }
}

pub struct Expired;

impl Rule for Expired {
    fn id(&self) -> RuleId {
        RuleId::Expired
    }

    fn check(&self, p: &Posting, _: &BodyText, cx: &Context, out: &mut Sink) {
        // A filled posting is off the board however old it is: nothing to
        // say that would hold up the change that marks it so.
        let Some(Gone::Expired(last)) = p.gone(cx.today, cx.config.max_age_days) else {
            return;
        };
        let span = if p.expires == Some(last) {
            p.spans.expires
        } else {
            p.spans.posted
        };
        out.warning(
            span,
            format!("the posting's last day was {last}; it is expired and will not be published"),
        )
        .help = Some("`jobboard prune` deletes expired postings".into());
    }
}
