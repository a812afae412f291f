//! The rules of a pull request (`check --since REF`): `new-posting-date`,
//! `posted-changed` and `already-expired`. What changed is the load stage's
//! to ask of git (`load::git`); these rules only read the answer.

use chrono::{Days, NaiveDate};

use super::{BodyText, Context, Rule};
use crate::diagnostic::{RuleId, Sink};
use crate::posting::{Gone, Posting};

pub use crate::source::Changes;

/// A new posting must be dated within this many days of today.
pub const NEW_POSTING_DAYS: u64 = 7;

pub struct NewPostingDate;

impl Rule for NewPostingDate {
    fn id(&self) -> RuleId {
        RuleId::NewPostingDate
    }

    fn check(&self, p: &Posting, _: &BodyText, cx: &Context, out: &mut Sink) {
        let Some(changes) = cx.changes else { return };
        let earliest = cx
            .today
            .checked_sub_days(Days::new(NEW_POSTING_DAYS))
            .unwrap_or(NaiveDate::MIN);
        if changes.added.contains(&p.file)
            && p.posted < earliest
            && p.is_live(cx.today, cx.config.max_age_days)
        {
            out.error(
                p.spans.posted,
                format!("a new posting must be dated within {NEW_POSTING_DAYS} days of today ({}); this one says {}", cx.today, p.posted),
            )
            .help = Some(format!("set `posted: {}`, the day you submit it", cx.today));
        }
    }
}

pub struct PostedChanged;

impl Rule for PostedChanged {
    fn id(&self) -> RuleId {
        RuleId::PostedChanged
    }

    fn check(&self, p: &Posting, _: &BodyText, cx: &Context, out: &mut Sink) {
        let Some(Some(before)) = cx.changes.and_then(|c| c.modified.get(&p.file)) else {
            return;
        };
        if *before != p.posted {
            out.error(p.spans.posted, format!("`posted` moved from {before} to {}; a posting keeps the date it was first posted", p.posted))
                .help = Some(format!("set `posted: {before}` again; to post the job anew, wait until this posting has expired"));
        }
    }
}

pub struct AlreadyExpired;

impl Rule for AlreadyExpired {
    fn id(&self) -> RuleId {
        RuleId::AlreadyExpired
    }

    fn check(&self, p: &Posting, _: &BodyText, cx: &Context, out: &mut Sink) {
        let Some(changes) = cx.changes else { return };
        if !changes.added.contains(&p.file) {
            return;
        }
        match p.gone(cx.today, cx.config.max_age_days) {
            Some(Gone::Expired(last)) => {
                out.error(
                    p.spans.posted,
                    format!("this new posting has already expired (its last day was {last}), so it would never be published"),
                )
                .help = Some(format!("set `posted: {}` and check `expires`", cx.today));
            }
            Some(Gone::Filled(day)) => {
                out.error(
                    p.spans.filled,
                    format!("this new posting is already filled (on {day}), so it would never be published"),
                )
                .help = Some("leave `filled` out of a new posting; it is set once the job is filled".into());
            }
            None => {}
        }
    }
}
