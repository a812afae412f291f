//! The apply-link sweep: each live posting's `apply` address asked over
//! HTTP whether it is still there, politely (a few requests at a time, one
//! at a time per host) and guardedly (no private address is reached, no
//! body is read, every request has a deadline).
//!
//! `http.rs` checks one link; `address.rs` says which addresses are
//! refused; `cache.rs` remembers what was alive lately, so that a weekly
//! run does not ask again what it asked days ago.

pub mod address;
pub mod cache;
mod http;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;
use url::Url;

pub use http::MAX_REDIRECTS;

/// A live posting's apply link.
#[derive(Debug, Clone)]
pub struct Link {
    /// The posting's file, relative to the board, and the line of `apply:`.
    pub file: String,
    pub line: u32,
    pub slug: String,
    pub title: String,
    pub company: String,
    pub url: Url,
}

/// What a sweep found, for the reports.
#[derive(Debug)]
pub struct Swept {
    pub today: NaiveDate,
    /// Live postings, with an apply link to ask or not (an e-mail address).
    pub postings: usize,
    /// Different links asked this time, and taken from the cache.
    pub checked: usize,
    pub cached: usize,
    /// Each link with its outcome, in the postings' order.
    pub links: Vec<(Link, Outcome)>,
}

impl Swept {
    /// The links with `verdict`.
    pub fn with(&self, verdict: Verdict) -> impl Iterator<Item = &(Link, Outcome)> {
        self.links.iter().filter(move |(_, o)| o.verdict == verdict)
    }

    pub fn count(&self, verdict: Verdict) -> usize {
        self.with(verdict).count()
    }
}

/// How the sweep asks.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Requests at once, over all hosts.
    pub concurrency: usize,
    /// For each request, from connecting to the status line.
    pub timeout: Duration,
    /// Tries after the first, for what may pass (server errors, the network).
    pub retries: u32,
    /// The wait before the first retry; it doubles for each next one.
    pub backoff: Duration,
    /// Reach private and loopback addresses (tests only).
    pub allow_private: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Alive,
    Dead,
    /// Not asked: it leads to a private address.
    Refused,
}

/// The verdict on one link, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub verdict: Verdict,
    /// "404 Not Found", "403, servers often refuse robots", "connection refused".
    pub reason: String,
    /// Alive without a success: a refusal, a rate limit or a timeout, which
    /// says nothing against the link.
    pub unconfirmed: bool,
}

impl Outcome {
    pub fn alive(reason: String) -> Self {
        Self {
            verdict: Verdict::Alive,
            reason,
            unconfirmed: false,
        }
    }

    pub fn unconfirmed(reason: String) -> Self {
        Self {
            unconfirmed: true,
            ..Self::alive(reason)
        }
    }

    pub fn dead(reason: String) -> Self {
        Self {
            verdict: Verdict::Dead,
            reason,
            unconfirmed: false,
        }
    }

    pub fn refused(reason: String) -> Self {
        Self {
            verdict: Verdict::Refused,
            reason,
            unconfirmed: false,
        }
    }
}

/// Asks each of `urls` (each once), at most `settings.concurrency` at a
/// time and one at a time per host; the outcomes, by link. A link written
/// with a private address is refused without a request.
pub fn sweep(urls: &[Url], settings: &Settings) -> anyhow::Result<HashMap<Url, Outcome>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let client = http::client(settings)?;
    runtime.block_on(async {
        let slots = Arc::new(Semaphore::new(settings.concurrency.max(1)));
        let mut hosts: HashMap<String, Arc<Semaphore>> = HashMap::new();
        let mut outcomes = HashMap::new();
        let mut running = Vec::new();
        for url in urls {
            if !settings.allow_private
                && let Some(refused) = address::literal(url)
            {
                outcomes.insert(url.clone(), Outcome::refused(refused.to_string()));
                continue;
            }
            let host = format!(
                "{}:{}",
                url.host_str().unwrap_or_default(),
                url.port_or_known_default().unwrap_or_default()
            );
            let host = Arc::clone(
                hosts
                    .entry(host)
                    .or_insert_with(|| Arc::new(Semaphore::new(1))),
            );
            let slots = Arc::clone(&slots);
            let client = client.clone();
            let settings = settings.clone();
            let task_url = url.clone();
            running.push((
                url.clone(),
                tokio::spawn(async move {
                    // The host first: a link waiting for its host holds no slot.
                    let _host = host.acquire_owned().await;
                    let _slot = slots.acquire_owned().await;
                    http::check(&client, &task_url, &settings).await
                }),
            ));
        }
        for (url, task) in running {
            let outcome = task
                .await
                .unwrap_or_else(|err| Outcome::dead(format!("the check failed: {err}")));
            outcomes.insert(url, outcome);
        }
        Ok(outcomes)
    })
}
