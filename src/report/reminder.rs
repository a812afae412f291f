//! The reminder for a posting whose last day is near, in GitHub Markdown: a
//! workflow puts it in an issue or a comment, after a mention of the
//! poster. What the posting says goes through [`gfm`] (no mention, link,
//! image or HTML can come of it); the links are the board's own, made from
//! `board.yaml` and the posting's checked name.

use chrono::NaiveDate;

use super::gfm;
use crate::config::Config;
use crate::posting::Posting;
use crate::render::view::days_left;

/// What a poster can do before `p` goes down after its last day: keep it up
/// longer (as far as the board allows), post it again, or mark it filled.
pub fn message(p: &Posting, config: &Config, today: NaiveDate) -> String {
    let max_age = config.max_age_days;
    let last = p.last_day(max_age);
    let latest = p.latest_day(max_age);
    let job = format!("{} at {}", gfm::text(&p.title), gfm::text(&p.company));
    let page = link(&format!("**{job}**"), &config.absolute(&p.path()));
    let file = gfm::code(&p.file);
    let post = config
        .post_job_url()
        .unwrap_or_else(|| config.absolute("post/"));
    let again = format!(
        "post the job again as a new posting once this one is down: {} or `jobboard new`",
        link("the \"Post a job\" form", &post)
    );
    let hiring = if last < latest {
        format!(
            "Open a pull request that changes `expires:` in {file} to a later day, {latest} at the latest ({max_age} days from `posted`, the longest a posting runs here). Or {again}."
        )
    } else {
        format!(
            "It runs for the {max_age} days a posting may, so `expires:` cannot go later; {again}."
        )
    };
    let issue = match &config.repository {
        Some(repo) => link(
            "a \"This job is filled\" issue",
            &format!("{}/issues/new/choose", repo.as_str().trim_end_matches('/')),
        ),
        None => "a \"This job is filled\" issue".to_string(),
    };
    let left = match p.days_left(today, max_age) {
        1 => "today".to_string(),
        n => days_left(n),
    };
    format!(
        "Your posting {page} goes down after **{last}**, its last day ({left}).\n\n\
         - **Still hiring?** {hiring}\n\
         - **Filled?** Thank you for posting here! Please mark it filled, so that no one applies in vain: open {issue} with the job's address, or run {} and open a pull request with the change.\n",
        gfm::code(&format!("jobboard fill {}", p.slug)),
    )
}

/// A Markdown link to one of the board's own addresses (a parsed URL:
/// no space, quote or angle bracket), its parentheses encoded so that
/// nothing in it can end the link.
fn link(text: &str, address: &str) -> String {
    let address = address.replace('(', "%28").replace(')', "%29");
    format!("[{text}]({address})")
}
