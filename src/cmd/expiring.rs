//! `jobboard expiring [--within DAYS]`: the live postings whose last day is
//! at most DAYS days away, soonest first, each with a reminder for its
//! poster (`report::reminder`), for a workflow that mentions them. It only
//! reads: a posting it cannot read is skipped and said, and the command
//! still succeeds (the reminders of the others must go out).

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::{Session, Status};
use crate::cli::{DataFormat, ExpiringArgs, Global};
use crate::diagnostic::plural;
use crate::pipeline;
use crate::posting::Posting;
use crate::report;

/// `expiring --format json`: one document.
#[derive(Serialize)]
struct Expiring<'a> {
    version: u32,
    today: String,
    within: u32,
    postings: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    file: &'a str,
    slug: &'a str,
    title: &'a str,
    company: &'a str,
    last_day: String,
    days_left: i64,
    url: String,
    /// The reminder in GitHub Markdown, without a mention.
    message: String,
}

pub fn run(args: &ExpiringArgs, global: &Global) -> anyhow::Result<Status> {
    let board = Session::open(global)?;
    let today = board.today();
    let config = &board.config;
    let within = args.within.unwrap_or(config.remind_days);
    let until = today
        .checked_add_days(Days::new(u64::from(within)))
        .unwrap_or(NaiveDate::MAX);
    let parsed = pipeline::parse_board(&board.root, config);
    for line in &parsed.skipped {
        eprintln!("skipped {line}: run `jobboard check` to see why");
    }
    let max_age = config.max_age_days;
    let mut soon: Vec<&Posting> = parsed
        .postings
        .iter()
        .map(|(_, p)| p)
        .filter(|p| p.is_live(today, max_age) && p.last_day(max_age) <= until)
        .collect();
    soon.sort_by(|a, b| (a.last_day(max_age), &a.slug).cmp(&(b.last_day(max_age), &b.slug)));
    match args.format {
        DataFormat::Json => {
            let document = Expiring {
                version: 1,
                today: today.to_string(),
                within,
                postings: soon
                    .iter()
                    .map(|p| Item {
                        file: &p.file,
                        slug: &p.slug,
                        title: &p.title,
                        company: &p.company,
                        last_day: p.last_day(max_age).to_string(),
                        days_left: p.days_left(today, max_age),
                        url: config.absolute(&p.path()),
                        message: report::reminder::message(p, config, today),
                    })
                    .collect(),
            };
            println!("{}", serde_json::to_string(&document)?);
        }
        DataFormat::Human => {
            for p in &soon {
                println!(
                    "{}  {} ({})  {} at {}",
                    report::inert(&p.file),
                    p.last_day(max_age),
                    crate::render::view::days_left(p.days_left(today, max_age)),
                    report::inert(&p.title),
                    report::inert(&p.company),
                );
            }
        }
    }
    eprintln!(
        "{} {} down within {} ({today} to {until})",
        plural(soon.len(), "live posting"),
        if soon.len() == 1 { "goes" } else { "go" },
        plural(within as usize, "day"),
    );
    Ok(Status::Success)
}
