//! The whole site of a board's live postings: job pages, listings (all jobs
//! and each filter), feeds, data files and static files.
//!
//! Each file is rendered from inputs whose fingerprint is known before
//! rendering. A [`Renderer`] that remembers (`serve`) renders again only the
//! files whose inputs changed, and hands only those to `emit`; one that does
//! not (`build`) hands over every file as soon as it is rendered, so memory
//! holds summaries, not pages.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::markdown;
use crate::posting::Posting;
use crate::render::filters::{self, Entry, FilterView, Kind};
use crate::render::{self, Listing, Output, Site, Summary, data, feed::FEED_ITEMS, jsonld};

/// What a rendering produced.
pub struct Rendered {
    /// Every path of the site, changed or not.
    pub paths: HashSet<String>,
    /// How many files were rendered again (the rest were remembered).
    pub rendered: usize,
}

/// Renders sites, remembering (when asked to) what it rendered before.
pub struct Renderer {
    remember: bool,
    /// Body HTML and summary by slug, with the fingerprint they came from.
    jobs: HashMap<String, (u64, Arc<Job>)>,
    /// The fingerprint of each file's inputs when it was last rendered.
    files: Mutex<HashMap<String, u64>>,
}

/// What the listings and feeds need of a rendered posting.
pub struct Job {
    pub summary: Summary,
    /// The posting's line of `jobs.json`.
    pub json: String,
    /// The summary as listings' templates see it.
    pub value: tera::Value,
    pub body: String,
    pub excerpt: String,
    pub fingerprint: u64,
}

impl Renderer {
    /// A renderer for one build: every file is rendered and emitted.
    pub fn once() -> Self {
        Self {
            remember: false,
            jobs: HashMap::new(),
            files: Mutex::new(HashMap::new()),
        }
    }

    /// A renderer for `serve`: files whose inputs did not change are skipped.
    /// Make a new one when the settings, the templates or the day change.
    pub fn remembering() -> Self {
        Self {
            remember: true,
            jobs: HashMap::new(),
            files: Mutex::new(HashMap::new()),
        }
    }

    /// Renders the site of `live` (newest first), handing each new or
    /// changed file to `emit`.
    pub fn render<E>(&mut self, site: &Site, live: &[&Posting], emit: E) -> anyhow::Result<Rendered>
    where
        E: Fn(Output) -> anyhow::Result<()> + Sync,
    {
        let count = std::sync::atomic::AtomicUsize::new(0);
        // Every file of the site passes through here, rendered or not.
        let paths = Mutex::new(HashSet::with_capacity(live.len() * 2));
        let out = |path: &str,
                   fingerprint: u64,
                   make: &dyn Fn() -> anyhow::Result<Output>|
         -> anyhow::Result<()> {
            lock(&paths).insert(path.to_string());
            if self.remember {
                let mut files = lock(&self.files);
                if files.get(path) == Some(&fingerprint) {
                    return Ok(());
                }
                files.insert(path.to_string(), fingerprint);
            }
            count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            emit(make()?)
        };
        let filters = filters::all(live, site.config);
        let in_feeds = (!self.remember).then(|| in_feeds(live.len(), &filters));
        let jobs = jobs(&self.jobs, site, live, in_feeds.as_deref(), &out)?;
        if self.remember {
            self.jobs = jobs
                .iter()
                .map(|j| (j.summary.slug.clone(), (j.fingerprint, Arc::clone(j))))
                .collect();
        }
        let mut sitemap: Vec<(String, String)> = Vec::with_capacity(jobs.len() * 2);
        let browse = filters::browse();

        let mut listings = vec![(
            Listing {
                base: String::new(),
                heading: site.config.title.clone(),
                filter: None,
            },
            site.config.title.clone(),
            jobs.iter().collect::<Vec<_>>(),
        )];
        for filter in &filters {
            listings.push((
                Listing {
                    base: filter.path(),
                    heading: filter.heading.clone(),
                    filter: Some(FilterView::new(filter)),
                },
                format!("{}: {}", site.config.title, filter.heading),
                filter.jobs.iter().map(|&i| &jobs[i]).collect(),
            ));
        }
        let size = site.config.page_size.max(1);
        // Every page of every listing, and every feed: independent of each
        // other, so rendered in parallel.
        let mut tasks: Vec<(usize, Option<usize>)> = Vec::new();
        for (k, (listing, _, selected)) in listings.iter().enumerate() {
            let lastmod = selected
                .first()
                .map_or_else(|| site.today.to_string(), |j| j.summary.posted.clone());
            for n in 1..=pages_of(selected.len(), size) {
                let path = render::page_path(&listing.base, n);
                sitemap.push((render::dir_of(&path).to_string(), lastmod.clone()));
                tasks.push((k, Some(n)));
            }
            tasks.push((k, None));
        }
        tasks.par_iter().try_for_each(|&(k, page)| {
            let (listing, feed_title, selected) = &listings[k];
            match page {
                Some(n) => {
                    let pages = pages_of(selected.len(), size);
                    let chunk = selected.chunks(size).nth(n - 1).unwrap_or_default();
                    let fp = hash_of(&(
                        &listing.heading,
                        n,
                        pages,
                        selected.len(),
                        chunk.iter().map(|j| j.fingerprint).collect::<Vec<_>>(),
                    ));
                    let path = render::page_path(&listing.base, n);
                    out(&path, fp, &|| {
                        let page = render::Page {
                            n,
                            pages,
                            total: selected.len(),
                            jobs: chunk.iter().map(|j| j.value.clone()).collect(),
                        };
                        Ok(render::listing_page(site, listing, page, &browse)?)
                    })
                }
                None => {
                    let feed_path = format!("{}feed.xml", listing.base);
                    let newest = &selected[..selected.len().min(FEED_ITEMS)];
                    let fp = hash_of(&(
                        feed_title.as_str(),
                        newest.iter().map(|j| j.fingerprint).collect::<Vec<_>>(),
                    ));
                    out(&feed_path, fp, &|| {
                        let items: Vec<(&Summary, &str)> = newest
                            .iter()
                            .map(|j| (&j.summary, j.body.as_str()))
                            .collect();
                        Ok(render::feed(site, &feed_path, feed_title, &items)?)
                    })
                }
            }
        })?;
        for kind in Kind::ALL.iter().filter(|k| k.has_index()) {
            let entries: Vec<Entry> = filters
                .iter()
                .filter(|f| f.kind == *kind && !f.jobs.is_empty())
                .map(|f| Entry {
                    label: f.label.clone(),
                    url: format!("{}index.html", f.path()),
                    count: f.jobs.len(),
                })
                .collect();
            let path = format!("{}index.html", kind.dir());
            let fp = hash_of(
                &entries
                    .iter()
                    .map(|e| (&e.label, e.count))
                    .collect::<Vec<_>>(),
            );
            sitemap.push((kind.dir().to_string(), site.today.to_string()));
            out(&path, fp, &|| {
                Ok(render::filter_index(
                    site,
                    kind.dir(),
                    kind.plural(),
                    &entries,
                    &browse,
                )?)
            })?;
        }
        for job in &jobs {
            sitemap.push((
                render::dir_of(&job.summary.url).to_string(),
                job.summary.posted.clone(),
            ));
        }
        let all = hash_of(&jobs.iter().map(|j| j.fingerprint).collect::<Vec<_>>());
        out("404.html", 0, &|| Ok(render::not_found(site)?))?;
        out("jobs.json", all, &|| {
            let lines: Vec<&str> = jobs.iter().map(|j| j.json.as_str()).collect();
            Ok(data::jobs_json(site, &lines))
        })?;
        out("sitemap.xml", hash_of(&sitemap), &|| {
            Ok(data::sitemap(site, &sitemap))
        })?;
        out("robots.txt", 0, &|| Ok(data::robots(site)))?;
        for (name, bytes) in &site.theme.statics {
            let path = format!("static/{name}");
            out(&path, 0, &|| {
                Ok(Output {
                    path: path.clone(),
                    bytes: bytes.clone(),
                })
            })?;
        }
        let paths = paths.into_inner().unwrap_or_else(|p| p.into_inner());
        if self.remember {
            // Forget what is gone, so that it is rendered if it comes back.
            lock(&self.files).retain(|p, _| paths.contains(p));
        }
        Ok(Rendered {
            paths,
            rendered: count.into_inner(),
        })
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// How many pages a listing of `count` jobs has: at least one, which says
/// when there are none.
fn pages_of(count: usize, size: usize) -> usize {
    count.div_ceil(size).max(1)
}

/// Renders a file (the closure) unless its inputs' fingerprint is remembered.
type Out<'a> =
    dyn Fn(&str, u64, &dyn Fn() -> anyhow::Result<Output>) -> anyhow::Result<()> + Sync + 'a;

/// Each live posting's summary and body (remembered ones reused), its page
/// handed to `out`.
fn jobs(
    known: &HashMap<String, (u64, Arc<Job>)>,
    site: &Site,
    live: &[&Posting],
    in_feeds: Option<&[bool]>,
    out: &Out<'_>,
) -> anyhow::Result<Vec<Arc<Job>>> {
    live.par_iter()
        .enumerate()
        .map(|(i, posting)| {
            let page = |job: &Job| {
                out(&job.summary.url, posting.fingerprint, &|| {
                    let ld = jsonld::job_posting(
                        posting,
                        site.config,
                        &job.body,
                        &job.summary.permalink,
                    );
                    Ok(render::job_page(
                        site,
                        posting,
                        &job.summary,
                        &job.body,
                        &job.excerpt,
                        &ld,
                    )?)
                })
            };
            let remembered = known
                .get(&posting.slug)
                .filter(|(fp, _)| *fp == posting.fingerprint);
            if let Some((_, job)) = remembered {
                // Rendered from these very inputs last time: `out` skips it.
                page(job)?;
                return Ok(Arc::clone(job));
            }
            let text = crate::load::body_again(site.root, posting)?;
            let body = markdown::render(&text, &posting.slug);
            let summary = Summary::new(posting, site);
            let mut job = Job {
                json: data::job_json(site, posting, &summary),
                value: tera::Value::from_serializable(&summary),
                summary,
                body: body.html,
                excerpt: body.excerpt,
                fingerprint: posting.fingerprint,
            };
            page(&job)?;
            // A one-off build keeps a body only for the feeds that carry it.
            if in_feeds.is_some_and(|carried| !carried[i]) {
                job.body = String::new();
            }
            Ok(Arc::new(job))
        })
        .collect()
}

/// Which of `count` live postings (newest first) some feed carries: the
/// newest of all, and the newest of each filter.
fn in_feeds(count: usize, filters: &[filters::Filter]) -> Vec<bool> {
    let mut carried = vec![false; count];
    carried.iter_mut().take(FEED_ITEMS).for_each(|c| *c = true);
    for filter in filters {
        for &i in filter.jobs.iter().take(FEED_ITEMS) {
            carried[i] = true;
        }
    }
    carried
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Renders every file of the site for `live` (newest first), for one build.
pub fn render<E>(site: &Site, live: &[&Posting], emit: E) -> anyhow::Result<Rendered>
where
    E: Fn(Output) -> anyhow::Result<()> + Sync,
{
    Renderer::once().render(site, live, emit)
}
