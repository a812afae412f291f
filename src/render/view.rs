//! What templates see: small, display-ready views of postings.
//!
//! Listings hold [`Summary`]s only (never bodies), so their memory does not
//! grow with the length of the postings.

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::posting::{Apply, Choice, Posting, Publish, Region, Salary};

/// A posting as a line of a listing.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub slug: String,
    /// The page, relative to the site's root: `jobs/<slug>/index.html`.
    /// Links name `index.html` so that a copy of the site opened from disk
    /// (a reviewer's preview) works as well as one on a web host.
    pub url: String,
    /// The public address: `base_url` + `jobs/<slug>/`.
    pub permalink: String,
    pub title: String,
    pub company: String,
    /// "Berlin, Germany"; "Worldwide" or "From Germany or Austria" for remote jobs.
    pub place: String,
    pub remote: &'static str,
    pub remote_key: &'static str,
    pub types: Vec<Labeled>,
    /// "Contract, Part-time".
    pub types_label: String,
    pub category: String,
    pub category_slug: String,
    pub salary: Option<String>,
    pub tags: Vec<String>,
    pub posted: String,
    pub posted_label: String,
    /// The last day it is live (`YYYY-MM-DD`): a page served after it says
    /// so in the browser (`static/expiry.js`), even when the site is stale.
    pub last_day: String,
    pub agency: bool,
    /// Lower-case words a reader's text filter matches against.
    pub search: String,
}

impl Summary {
    pub fn new(p: &Posting, config: &Config) -> Self {
        let place = place(p);
        let category = config
            .category_label(&p.category)
            .unwrap_or(&p.category)
            .to_string();
        let types_label = p
            .types
            .iter()
            .map(|t| t.label())
            .collect::<Vec<_>>()
            .join(", ");
        let salary = p.salary.as_ref().map(Salary::label);
        // What the card shows, and its category and tags, as a search matches it.
        let search = crate::text::fold(&super::carried(
            &[
                p.title.as_str(),
                &p.company,
                &place,
                p.remote.label(),
                &types_label,
                &category,
                salary.as_deref().unwrap_or_default(),
                &p.tags.join(" "),
            ]
            .join(" "),
        ));
        Self {
            slug: p.slug.clone(),
            url: format!("{}index.html", p.path()),
            permalink: config.absolute(&p.path()),
            title: super::carried(&p.title).into_owned(),
            company: super::carried(&p.company).into_owned(),
            place: super::carried(&place).into_owned(),
            remote: p.remote.label(),
            remote_key: p.remote.as_str(),
            types: p
                .types
                .iter()
                .map(|t| Labeled {
                    key: t.as_str().into(),
                    label: t.label().into(),
                })
                .collect(),
            types_label,
            category,
            category_slug: p.category.clone(),
            salary,
            tags: p.tags.clone(),
            posted: p.posted.to_string(),
            posted_label: day_label(p.posted),
            last_day: p.last_day(config.max_age_days).to_string(),
            agency: p.agency,
            search,
        }
    }
}

/// A value with the key of its filter page: `{key: "full-time", label: "Full-time"}`.
#[derive(Clone, Debug, Serialize)]
pub struct Labeled {
    pub key: String,
    pub label: String,
}

/// Everything a job page shows besides its body.
#[derive(Clone, Debug, Serialize)]
pub struct Detail {
    #[serde(flatten)]
    pub summary: Summary,
    pub company_url: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub country_code: Option<String>,
    /// Where a remote applicant may live; `key` is the country's filter.
    pub remote_from: Vec<Labeled>,
    pub apply_href: String,
    /// `url` or `email`.
    pub apply_kind: &'static str,
    pub apply_label: String,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub last_day: String,
    pub last_day_label: String,
    pub days_left: i64,
    /// The fields only their declarations know, as label and value.
    pub facts: Vec<Fact>,
}

/// A line of a job page's facts: "Visa sponsorship: yes".
#[derive(Clone, Debug, Serialize)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

/// The facts of a posting's [`Publish::Fact`] fields.
pub fn facts(p: &Posting) -> Vec<Fact> {
    p.extra
        .iter()
        .filter_map(|(field, value)| match field.publish {
            Publish::Fact { label, .. } => Some(Fact {
                label,
                value: super::carried(&value.label()).into_owned(),
            }),
            Publish::Own => None,
        })
        .collect()
}

impl Detail {
    pub fn new(p: &Posting, summary: &Summary, config: &Config, today: NaiveDate) -> Self {
        let last_day = p.last_day(config.max_age_days);
        let (apply_kind, apply_label) = match &p.apply {
            Apply::Url(url) => (
                "url",
                url.host_str()
                    .unwrap_or_default()
                    .trim_start_matches("www.")
                    .to_string(),
            ),
            Apply::Email(address) => ("email", address.clone()),
        };
        let contact = p.contact.clone().unwrap_or_default();
        Self {
            summary: summary.clone(),
            company_url: p.company_url.as_ref().map(ToString::to_string),
            city: p
                .location
                .as_ref()
                .map(|l| super::carried(&l.city).into_owned()),
            region: p
                .location
                .as_ref()
                .and_then(|l| l.region.as_deref().map(|r| super::carried(r).into_owned())),
            country: p.location.as_ref().map(|l| l.country.name().to_string()),
            country_code: p
                .location
                .as_ref()
                .map(|l| l.country.code().to_ascii_lowercase()),
            remote_from: p
                .remote_from
                .iter()
                .map(|r| Labeled {
                    key: match r {
                        Region::Worldwide => String::new(),
                        Region::Country(c) => c.code().to_ascii_lowercase(),
                    },
                    label: r.name().into(),
                })
                .collect(),
            apply_href: p.apply.href(),
            apply_kind,
            apply_label,
            contact_name: contact.name.map(|n| super::carried(&n).into_owned()),
            contact_email: contact.email.map(|e| super::carried(&e).into_owned()),
            last_day: last_day.to_string(),
            last_day_label: day_label(last_day),
            days_left: p.days_left(today, config.max_age_days),
            facts: facts(p),
        }
    }
}

impl Detail {
    /// What the job page tells besides its title, company and description,
    /// as label and value in the page's order: for showing a posting
    /// outside the site (the pull request's comment).
    pub fn facts_shown(&self) -> Vec<Fact> {
        let s = &self.summary;
        let mut facts = Vec::with_capacity(16);
        let mut add = |label: &'static str, value: String| facts.push(Fact { label, value });
        if self.country.is_some() {
            add("Location", s.place.clone());
        }
        add("Work", s.remote.to_string());
        if !self.remote_from.is_empty() {
            let regions: Vec<&str> = self.remote_from.iter().map(|r| r.label.as_str()).collect();
            add("Open to applicants in", regions.join(", "));
        }
        add("Type", s.types_label.clone());
        add("Category", s.category.clone());
        if let Some(salary) = &s.salary {
            add("Salary", salary.clone());
        }
        for fact in &self.facts {
            add(fact.label, fact.value.clone());
        }
        if !s.tags.is_empty() {
            add("Tags", s.tags.join(", "));
        }
        add("Apply", self.apply_href.clone());
        if let Some(url) = &self.company_url {
            add("Company site", url.clone());
        }
        let contact: Vec<&str> = [&self.contact_name, &self.contact_email]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if !contact.is_empty() {
            add("Questions to", contact.join(" · "));
        }
        if s.agency {
            add(
                "Agency",
                "yes: a recruiting agency posts this job for a client".into(),
            );
        }
        add("Posted", s.posted_label.clone());
        add(
            "Open until",
            format!("{} ({})", self.last_day_label, days_left(self.days_left)),
        );
        facts
    }
}

/// What [`Posting::days_left`] says to a reader: "5 days left", "last day".
pub fn days_left(days: i64) -> String {
    match days {
        ..=0 => "expired".to_string(),
        1 => "last day".to_string(),
        n => format!("{n} days left"),
    }
}

/// "Berlin, Germany"; for remote jobs "From Germany or Austria", "Worldwide".
pub fn place(p: &Posting) -> String {
    if let Some(loc) = &p.location {
        let mut parts = vec![loc.city.as_str()];
        if let Some(region) = loc.region.as_deref().filter(|r| *r != loc.city) {
            parts.push(region);
        }
        parts.push(loc.country.name());
        return parts.join(", ");
    }
    match p.remote_from.as_slice() {
        [] => "Worldwide".into(),
        regions if regions.contains(&Region::Worldwide) => "Worldwide".into(),
        regions => {
            let names: Vec<&str> = regions.iter().map(|r| r.name()).collect();
            format!("From {}", list_words(&names, "or"))
        }
    }
}

pub use crate::text::list_words;

/// "20 Nov 2026".
pub fn day_label(day: NaiveDate) -> String {
    day.format("%-d %b %Y").to_string()
}
