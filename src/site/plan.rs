//! The site as a plan: from the live postings (newest first) and the
//! settings, the list of every file the site has, each with its path, what
//! it is, and the fingerprint of what it is made from. Pure: it reads and
//! renders nothing. A new page type is a [`Target`] and a function that
//! renders it (`site::render_one`).

use std::hash::{Hash, Hasher};

use chrono::NaiveDate;

use crate::posting::Posting;
use crate::render::feed::Format;
use crate::render::filters::{self, Filter, FilterView, Kind};
use crate::render::job::Job;
use crate::render::pages::{self, Listing};
use crate::render::search;
use crate::render::{Site, dir_of};

/// What a file of the site is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A job's page. It is made with its posting, in the pass that checks
    /// it, so that no posting is read or parsed twice; the plan names it
    /// for the sitemap and the site's list of files.
    Job(usize),
    /// Page `n` (from 1) of a listing.
    ListingPage {
        listing: usize,
        n: usize,
    },
    /// A listing's feed in a format.
    Feed {
        listing: usize,
        format: Format,
    },
    /// The index of one kind of filter (`type/index.html`).
    Index(Kind),
    /// `jobs.json`.
    JobsJson,
    Sitemap,
    Robots,
    NotFound,
    /// `post/index.html`: how to post a job.
    HowToPost,
    /// `jobs/index.html`: leads to the listing.
    JobsFolder,
    /// A file of the theme's `static/`, by its name there.
    Static(String),
    /// The search index's head or a part of its word list (`Plan::search`, in order).
    Search(usize),
    /// The search index's file of a job (its place in the main listing).
    SearchJob(usize),
    /// The search index's list of the jobs of a filter's listing.
    SearchIn(usize),
}

/// One file of the site.
#[derive(Clone, Debug)]
pub struct Planned {
    /// Relative to the site's root: `type/full-time/page/2/index.html`.
    pub path: String,
    pub target: Target,
    /// Of everything the file is made from besides the settings, the theme
    /// and the day (a change of those makes a new plan altogether).
    pub fingerprint: u64,
}

/// A listing and the jobs it shows, newest first (indices into the live list).
pub struct PlannedListing {
    pub view: Listing,
    pub jobs: Vec<usize>,
}

/// Every file of a site, and the listings they show.
pub struct Plan {
    pub listings: Vec<PlannedListing>,
    pub filters: Vec<Filter>,
    pub outputs: Vec<Planned>,
    /// The sitemap's pages (their public paths) with their last change.
    pub sitemap: Vec<(String, NaiveDate)>,
    /// The search index's word list.
    pub search: search::Index,
}

impl Plan {
    /// How many pages a listing of `count` jobs has: at least one, which
    /// says when there are none.
    pub fn pages_of(count: usize, size: usize) -> usize {
        count.div_ceil(size.max(1)).max(1)
    }
}

/// The plan of the site of `live` (newest first) with what was made of each.
pub fn plan(live: &[&Posting], jobs: &[&Job], site: &Site) -> Plan {
    let config = site.config;
    let size = config.page_size.max(1);
    // The search index's word list, and the filters with each job's own
    // files, do not need each other and are most of a plan's time: made
    // side by side.
    let ((filters, per_job), search) = rayon::join(
        || {
            let filters = match site.kept {
                Some(kept) => filters::all_kept(live, jobs, config, &kept.filters),
                None => filters::all(live, config),
            };
            (filters, PerJob::new(live, jobs))
        },
        || search::Index::new(site, live, jobs),
    );
    let mut listings = vec![PlannedListing {
        view: Listing {
            base: String::new(),
            heading: config.title.clone(),
            feed_title: config.title.clone(),
            filter: None,
        },
        jobs: (0..live.len()).collect(),
    }];
    listings.extend(filters.iter().map(|f| PlannedListing {
        view: Listing {
            base: f.path(),
            heading: f.heading.clone(),
            feed_title: format!("{}: {}", config.title, f.heading),
            filter: Some(FilterView::new(f)),
        },
        jobs: f.jobs.clone(),
    }));
    let mut outputs = Vec::with_capacity(live.len() * 2 + listings.len() * 5);
    let mut sitemap = Vec::with_capacity(live.len() * 2);
    for (k, listing) in listings.iter().enumerate() {
        let selected = &listing.jobs;
        let pages = Plan::pages_of(selected.len(), size);
        let lastmod = selected.first().map_or(site.today, |&i| live[i].posted);
        for n in 1..=pages {
            let path = pages::page_path(&listing.view.base, n);
            let on_page = selected.chunks(size).nth(n - 1).unwrap_or_default();
            let fingerprint = hash_of(&(
                &listing.view.heading,
                n,
                pages,
                selected.len(),
                Fingerprints(on_page, jobs),
            ));
            sitemap.push((dir_of(&path).to_string(), lastmod));
            outputs.push(Planned {
                path,
                target: Target::ListingPage { listing: k, n },
                fingerprint,
            });
        }
        let newest = &selected[..selected.len().min(config.feed_items)];
        for format in Format::ALL {
            outputs.push(Planned {
                path: format!("{}{}", listing.view.base, format.file()),
                target: Target::Feed { listing: k, format },
                fingerprint: hash_of(&(&listing.view.feed_title, Fingerprints(newest, jobs))),
            });
        }
    }
    for kind in Kind::ALL.iter().filter(|k| k.has_index()) {
        let lines: Vec<(&str, usize)> = filters
            .iter()
            .filter(|f| f.kind == *kind && !f.jobs.is_empty())
            .map(|f| (f.label.as_str(), f.jobs.len()))
            .collect();
        sitemap.push((kind.dir().to_string(), site.today));
        outputs.push(Planned {
            path: format!("{}index.html", kind.dir()),
            target: Target::Index(*kind),
            fingerprint: hash_of(&lines),
        });
    }
    let PerJob {
        pages,
        sitemap: job_sitemap,
        search_files,
    } = per_job;
    sitemap.extend(job_sitemap);
    outputs.extend(pages);
    let every: Vec<usize> = (0..jobs.len()).collect();
    let all = hash_of(&Fingerprints(&every, jobs));
    outputs.push(Planned {
        path: "404.html".into(),
        target: Target::NotFound,
        fingerprint: 0,
    });
    outputs.push(Planned {
        path: "jobs.json".into(),
        target: Target::JobsJson,
        fingerprint: all,
    });
    outputs.push(Planned {
        path: "sitemap.xml".into(),
        target: Target::Sitemap,
        fingerprint: hash_of(&sitemap),
    });
    outputs.push(Planned {
        path: "jobs/index.html".into(),
        target: Target::JobsFolder,
        fingerprint: 0,
    });
    sitemap.push(("post/".into(), site.today));
    outputs.push(Planned {
        path: "post/index.html".into(),
        target: Target::HowToPost,
        fingerprint: 0,
    });
    outputs.push(Planned {
        path: "robots.txt".into(),
        target: Target::Robots,
        fingerprint: 0,
    });
    for (n, (path, bytes)) in search.files().enumerate() {
        outputs.push(Planned {
            path,
            target: Target::Search(n),
            // Made already: an edit changes a part or two of the word list.
            fingerprint: hash_of(&bytes),
        });
    }
    outputs.extend(search_files);
    for (k, listing) in listings.iter().enumerate().skip(1) {
        outputs.push(Planned {
            path: search::filter_path(&listing.view.base),
            target: Target::SearchIn(k),
            // The file lists places in the main listing.
            fingerprint: hash_of(&listing.jobs),
        });
    }
    for name in site.theme.statics.keys() {
        outputs.push(Planned {
            path: format!("static/{name}"),
            target: Target::Static(name.clone()),
            fingerprint: 0,
        });
    }
    Plan {
        listings,
        filters,
        outputs,
        sitemap,
        search,
    }
}

/// What the plan has of each job: its page, its line of the sitemap, and
/// its file of the search index.
struct PerJob {
    pages: Vec<Planned>,
    sitemap: Vec<(String, NaiveDate)>,
    search_files: Vec<Planned>,
}

impl PerJob {
    fn new(live: &[&Posting], jobs: &[&Job]) -> Self {
        let mut per_job = PerJob {
            pages: Vec::with_capacity(jobs.len()),
            sitemap: Vec::with_capacity(jobs.len()),
            search_files: Vec::with_capacity(jobs.len()),
        };
        for (i, (posting, job)) in live.iter().zip(jobs).enumerate() {
            per_job
                .sitemap
                .push((dir_of(&job.summary.url).to_string(), posting.posted));
            per_job.pages.push(Planned {
                path: job.summary.url.clone(),
                target: Target::Job(i),
                fingerprint: job.fingerprint,
            });
            per_job.search_files.push(Planned {
                path: search::job_path(i),
                target: Target::SearchJob(i),
                // A new job moves the others: the file says its place.
                fingerprint: hash_of(&(i, job.fingerprint)),
            });
        }
        per_job
    }
}

/// The fingerprints of some jobs, hashed in order without being collected.
struct Fingerprints<'a>(&'a [usize], &'a [&'a Job]);

impl Hash for Fingerprints<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.0.len());
        for &i in self.0 {
            state.write_u64(self.1[i].fingerprint);
        }
    }
}

/// A fingerprint: the same in every run (fixed seeds), and fast over the
/// megabytes of the search index's word list that a plan hashes.
fn hash_of(value: &impl Hash) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::default().hash_one(value)
}
