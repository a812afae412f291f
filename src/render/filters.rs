//! The filtered listings: by type, category, remote, country and tag.
//!
//! Each filter is a listing of its own with its own feed. Types, categories
//! and remote always exist (so a reader's feed of them never disappears);
//! countries and tags exist while some live posting has them.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use crate::config::Config;
use crate::posting::{Choice, JobType, Posting, Region, Remote};

use super::job::Job;

/// The kinds of filter, in the order readers see them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Remote,
    Type,
    Category,
    Country,
    Tag,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Remote,
        Kind::Type,
        Kind::Category,
        Kind::Country,
        Kind::Tag,
    ];

    /// The folder of the kind's listings: `type/`, `country/`, …
    pub fn dir(self) -> &'static str {
        match self {
            Kind::Remote => "remote/",
            Kind::Type => "type/",
            Kind::Category => "category/",
            Kind::Country => "country/",
            Kind::Tag => "tag/",
        }
    }

    /// "Types", "Countries": the heading of the kind's index page.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Remote => "Remote",
            Kind::Type => "Types",
            Kind::Category => "Categories",
            Kind::Country => "Countries",
            Kind::Tag => "Tags",
        }
    }

    /// Whether the kind has an index page of its filters (remote is one filter).
    pub fn has_index(self) -> bool {
        self != Kind::Remote
    }
}

/// One filtered listing.
#[derive(Clone, Debug)]
pub struct Filter {
    pub kind: Kind,
    /// The word in its address: `full-time`, `de`, `django`.
    pub key: String,
    /// What readers see: "Full-time", "Germany", "django".
    pub label: String,
    /// "Full-time jobs", "Jobs in Germany".
    pub heading: String,
    /// Indices into the live postings, newest first.
    pub jobs: Vec<usize>,
}

impl Filter {
    /// `type/full-time/`; `remote/` for the one remote filter.
    pub fn path(&self) -> String {
        if self.kind == Kind::Remote {
            Kind::Remote.dir().to_string()
        } else {
            format!("{}{}/", self.kind.dir(), self.key)
        }
    }
}

/// What a listing page says about the filter it shows.
#[derive(Serialize)]
pub struct FilterView {
    pub kind: &'static str,
    pub label: String,
    /// The index of the kind (`type/index.html`), relative to the root.
    pub index: Option<String>,
}

impl FilterView {
    pub fn new(filter: &Filter) -> Self {
        Self {
            kind: filter.kind.plural(),
            label: filter.label.clone(),
            index: filter
                .kind
                .has_index()
                .then(|| format!("{}index.html", filter.kind.dir())),
        }
    }
}

/// What [`all`] reads of a posting, as one number: while every live job's
/// is as it was, in the same places, the filters are as they were.
pub fn facets_of(p: &Posting) -> u64 {
    use std::hash::BuildHasher;
    let types: Vec<&str> = p.types.iter().map(|t| t.as_str()).collect();
    let open_to: Vec<&str> = p
        .remote_from
        .iter()
        .map(|region| match region {
            Region::Country(c) => c.code(),
            Region::Worldwide => "*",
        })
        .collect();
    let facets = (
        p.remote == Remote::Remote,
        types,
        &p.category,
        p.location.as_ref().map(|l| l.country.code()),
        open_to,
        &p.tags,
    );
    foldhash::quality::FixedState::default().hash_one(&facets)
}

/// The filters of the last rebuild, for `serve`: an edit that moves no job
/// and changes no job's type, category, place or tags (most edits) finds
/// them again instead of going through every posting.
#[derive(Default)]
pub struct Kept(Mutex<Option<(Vec<u64>, Vec<Filter>)>>);

impl Kept {
    pub fn clear(&self) {
        *self.lock() = None;
    }

    fn lock(&self) -> MutexGuard<'_, Option<(Vec<u64>, Vec<Filter>)>> {
        super::lock_kept(&self.0)
    }
}

/// [`all`], found in `kept` when the live jobs' facets are as they were.
pub fn all_kept(live: &[&Posting], jobs: &[&Job], config: &Config, kept: &Kept) -> Vec<Filter> {
    // Compared number by number, not by a hash of them all (8 bytes a job).
    let facets: Vec<u64> = jobs.iter().map(|j| j.facets).collect();
    let mut kept = kept.lock();
    if let Some((was, filters)) = &*kept
        && *was == facets
    {
        return filters.clone();
    }
    let filters = all(live, config);
    *kept = Some((facets, filters.clone()));
    filters
}

/// Every filter of the live postings (newest first), in reading order.
pub fn all(live: &[&Posting], config: &Config) -> Vec<Filter> {
    // One pass over the postings: each is its own allocation, and a pass
    // per filter would wait on memory forty times over.
    let mut remote = Vec::new();
    let mut types = vec![Vec::new(); JobType::ALL.len()];
    let mut categories = vec![Vec::new(); config.categories.len()];
    let mut countries: BTreeMap<&str, (&str, Vec<usize>)> = BTreeMap::new();
    let mut tags: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in live.iter().enumerate() {
        if p.remote == Remote::Remote {
            remote.push(i);
        }
        for (t, jobs) in JobType::ALL.iter().zip(&mut types) {
            if p.types.contains(t) {
                jobs.push(i);
            }
        }
        for ((slug, _), jobs) in config.categories.iter().zip(&mut categories) {
            if p.category == *slug {
                jobs.push(i);
            }
        }
        let located = p.location.iter().map(|l| l.country);
        let open_to = p.remote_from.iter().filter_map(|r| match r {
            Region::Country(c) => Some(*c),
            Region::Worldwide => None,
        });
        let mut seen = Vec::new();
        for country in located.chain(open_to) {
            if !seen.contains(&country) {
                seen.push(country);
                countries
                    .entry(country.code())
                    .or_insert((country.name(), Vec::new()))
                    .1
                    .push(i);
            }
        }
        for tag in &p.tags {
            tags.entry(tag).or_default().push(i);
        }
    }
    let mut filters = vec![Filter {
        kind: Kind::Remote,
        key: "remote".into(),
        label: "Remote".into(),
        heading: "Remote jobs".into(),
        jobs: remote,
    }];
    for (t, jobs) in JobType::ALL.iter().zip(types) {
        filters.push(Filter {
            kind: Kind::Type,
            key: t.as_str().into(),
            label: t.label().into(),
            heading: format!("{} jobs", t.label()),
            jobs,
        });
    }
    for ((slug, label), jobs) in config.categories.iter().zip(categories) {
        filters.push(Filter {
            kind: Kind::Category,
            key: slug.clone(),
            label: label.clone(),
            heading: label.clone(),
            jobs,
        });
    }
    // By name, as readers look for them (Canada, Germany, Switzerland), not by code.
    let mut countries: Vec<(&str, (&str, Vec<usize>))> = countries.into_iter().collect();
    countries.sort_by_key(|(_, (name, _))| crate::text::fold(name));
    for (code, (name, jobs)) in countries {
        filters.push(Filter {
            kind: Kind::Country,
            key: code.to_ascii_lowercase(),
            label: name.into(),
            heading: format!("Jobs in {name}"),
            jobs,
        });
    }
    for (tag, jobs) in tags {
        filters.push(Filter {
            kind: Kind::Tag,
            key: tag.into(),
            label: tag.into(),
            heading: format!("Jobs tagged {tag}"),
            jobs,
        });
    }
    filters
}

/// A line of a filter kind's index page.
#[derive(Serialize)]
pub struct IndexLine {
    pub label: String,
    pub url: String,
    pub count: usize,
}

/// The "browse" line atop listings: each kind with its index. It holds no
/// counts, so that it is the same on every page and a new posting does not
/// change every listing page of the site.
#[derive(Serialize)]
pub struct Browse {
    pub label: &'static str,
    pub url: String,
}

pub fn browse() -> Vec<Browse> {
    Kind::ALL
        .iter()
        .map(|kind| Browse {
            label: kind.plural(),
            url: format!("{}index.html", kind.dir()),
        })
        .collect()
}
