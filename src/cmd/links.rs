//! `jobboard links`: asks each live posting's apply link (an http or https
//! address; e-mail addresses are not asked) whether it is still there, and
//! reports the dead ones. It is for a weekly workflow, not for pull
//! requests: a dead link is reported, not failed (unless `--fail-on-dead`).
//!
//! Live is what `build` publishes: every posting that parses and is live
//! today. A posting with an error is asked too (the site waits for its
//! fix, and its link may be why).

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use anyhow::Context as _;
use url::Url;

use super::{Session, Status};
use crate::cli::{Global, LinksArgs, LinksFormat};
use crate::diagnostic::plural;
use crate::links::cache::{Cache, Entry};
use crate::links::{self, Link, Outcome, Settings, Swept, Verdict};
use crate::pipeline;
use crate::posting::{Apply, Posting};
use crate::report;

pub fn run(args: &LinksArgs, global: &Global) -> anyhow::Result<Status> {
    let mut session = Session::open(global)?;
    let today = session.today();
    let checked = pipeline::check(&session.root, &session.config, today, None);
    let unreadable = checked.names().len() - checked.postings.len();
    if unreadable > 0 {
        eprintln!(
            "warning: {} could not be read as postings, and their links are not asked (`jobboard check` says why)",
            plural(unreadable, "file")
        );
    }
    let live = pipeline::live(&checked.postings, today, session.config.max_age_days);
    let links: Vec<Link> = live.iter().filter_map(|p| link(p)).collect();
    session.timer.stage("postings read");

    let (old, warning) = match &args.cache {
        Some(path) => Cache::load(path),
        None => (Cache::new(), None),
    };
    if let Some(warning) = warning {
        eprintln!("warning: {warning}; starting with an empty cache");
    }
    let mut known: HashMap<Url, Outcome> = HashMap::new();
    let mut ask: Vec<Url> = Vec::new();
    let mut seen = HashSet::new();
    for link in &links {
        if !seen.insert(&link.url) {
            continue;
        }
        match old
            .links
            .get(link.url.as_str())
            .and_then(|e| e.fresh(today))
        {
            Some(outcome) => {
                known.insert(link.url.clone(), outcome);
            }
            None => ask.push(link.url.clone()),
        }
    }
    let settings = Settings {
        concurrency: usize::from(args.max_concurrency),
        timeout: Duration::from_secs(args.timeout),
        retries: args.retries,
        backoff: Duration::from_secs(1),
        allow_private: args.allow_private,
    };
    let asked = links::sweep(&ask, &settings)?;
    session.timer.stage("links asked");

    if let Some(path) = &args.cache {
        let mut cache = Cache::new();
        for (url, outcome) in &asked {
            // A refusal is not a finding about the link's server.
            if outcome.verdict != Verdict::Refused {
                cache
                    .links
                    .insert(url.to_string(), Entry::new(today, outcome));
            }
        }
        for url in known.keys() {
            if let Some(entry) = old.links.get(url.as_str()) {
                cache.links.insert(url.to_string(), entry.clone());
            }
        }
        if let Err(err) = cache.save(path) {
            eprintln!(
                "warning: cannot write the cache {}: {err}",
                report::inert(&path.display().to_string())
            );
        }
    }

    let checked_count = asked
        .values()
        .filter(|o| o.verdict != Verdict::Refused)
        .count();
    let swept = Swept {
        today,
        postings: live.len(),
        checked: checked_count,
        cached: known.len(),
        links: links
            .into_iter()
            .filter_map(|link| {
                let outcome = asked.get(&link.url).or_else(|| known.get(&link.url))?;
                let outcome = outcome.clone();
                Some((link, outcome))
            })
            .collect(),
    };
    if let Some(path) = &args.json {
        let json = format!("{}\n", report::links::json(&swept));
        std::fs::write(path, json).with_context(|| {
            format!(
                "cannot write --json {}",
                report::inert(&path.display().to_string())
            )
        })?;
    }
    match args.format {
        LinksFormat::Human => print!("{}", report::links::human(&swept)),
        LinksFormat::Json => println!("{}", report::links::json(&swept)),
        LinksFormat::Issue => print!("{}", report::links::issue(&swept)),
    }
    eprintln!("{}", report::links::summary(&swept));
    let bad = swept.count(Verdict::Dead) + swept.count(Verdict::Refused);
    Ok(if args.fail_on_dead && bad > 0 {
        Status::Failure
    } else {
        Status::Success
    })
}

/// A posting's apply link, when it is a web address.
fn link(p: &Posting) -> Option<Link> {
    let Apply::Url(url) = &p.apply else {
        return None;
    };
    matches!(url.scheme(), "http" | "https").then(|| Link {
        file: p.file.clone(),
        line: p.spans.apply.start.line,
        slug: p.slug.clone(),
        title: p.title.clone(),
        company: p.company.clone(),
        url: url.clone(),
    })
}
