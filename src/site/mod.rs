//! The site: planned (`plan`), then rendered file by file into a sink —
//! the staging folder of `build`, or the memory of `serve`. Both call the
//! same functions; they differ only in where the bytes go, and in whether
//! the sink remembers what it already has.

pub mod plan;

use rayon::prelude::*;

pub use plan::{Plan, Planned, Target, plan};

use crate::render::feed::{self, Feed};
use crate::render::filters::{self, IndexLine};
use crate::render::job::Job;
use crate::render::pages::{self, Page};
use crate::render::{Output, Site, data, search};

/// Where the files of a site go.
pub trait Sink: Sync {
    /// Whether the file at `path`, made from inputs of this fingerprint,
    /// must be rendered: a sink that remembers (`serve`) says no for what
    /// it holds already.
    fn wants(&self, path: &str, fingerprint: u64) -> bool {
        let _ = (path, fingerprint);
        true
    }

    fn put(&self, output: Output) -> anyhow::Result<()>;
}

/// Renders every file of the plan the sink wants, in parallel, but the job
/// pages (made in the pass that checks each posting). Returns how many it
/// rendered.
pub fn render(plan: &Plan, jobs: &[&Job], site: &Site, sink: &dyn Sink) -> anyhow::Result<usize> {
    let browse = filters::browse();
    let rendered = std::sync::atomic::AtomicUsize::new(0);
    plan.outputs
        .par_iter()
        .filter(|p| !matches!(p.target, Target::Job(_)))
        .filter(|p| sink.wants(&p.path, p.fingerprint))
        .try_for_each(|planned| {
            let output = render_one(planned, plan, jobs, site, &browse)?;
            rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            sink.put(output)
        })?;
    Ok(rendered.into_inner())
}

/// The whole site of postings that still have their bodies (as parsed),
/// live ones newest first, into a sink: for tests and fuzzing, which render
/// what no check has passed. Commands go through `pipeline`, which renders
/// each posting as it checks it.
pub fn render_postings(
    live: &[&crate::posting::Posting],
    site: &Site,
    sink: &dyn Sink,
) -> anyhow::Result<()> {
    let jobs: Vec<Job> = live
        .par_iter()
        .map(|posting| -> anyhow::Result<Job> {
            let html = crate::markdown::render(&posting.body.markdown, &posting.slug);
            let body = crate::render::job::RenderedBody {
                html: &html.html,
                excerpt: &html.excerpt,
                opening: &html.opening,
                text: &html.text,
            };
            let (job, page) = crate::render::job::render(site, posting, &body)?;
            sink.put(page)?;
            Ok(job)
        })
        .collect::<anyhow::Result<_>>()?;
    let jobs: Vec<&Job> = jobs.iter().collect();
    let plan = plan(live, &jobs, site);
    render(&plan, &jobs, site, sink)?;
    Ok(())
}

/// One file of the plan.
fn render_one(
    planned: &Planned,
    plan: &Plan,
    jobs: &[&Job],
    site: &Site,
    browse: &[filters::Browse],
) -> anyhow::Result<Output> {
    let size = site.config.page_size.max(1);
    Ok(match &planned.target {
        Target::ListingPage { listing, n } => {
            let listing = &plan.listings[*listing];
            let on_page = listing.jobs.chunks(size).nth(n - 1).unwrap_or_default();
            let cards: Vec<&str> = on_page.iter().map(|&i| jobs[i].card.as_str()).collect();
            let page = Page {
                n: *n,
                pages: Plan::pages_of(listing.jobs.len(), size),
                total: listing.jobs.len(),
                cards: &cards,
            };
            pages::listing_page(site, &listing.view, page, browse)?
        }
        Target::Feed { listing, format } => {
            let listing = &plan.listings[*listing];
            let newest = &listing.jobs[..listing.jobs.len().min(site.config.feed_items)];
            let items: Vec<&feed::Item> = newest.iter().map(|&i| &jobs[i].item).collect();
            let feed = Feed {
                path: &planned.path,
                home: &listing.view.base,
                title: &listing.view.feed_title,
                items: &items,
            };
            feed::render(site, &feed, *format)?
        }
        Target::Index(kind) => {
            let lines: Vec<IndexLine> = plan
                .filters
                .iter()
                .filter(|f| f.kind == *kind && !f.jobs.is_empty())
                .map(|f| IndexLine {
                    label: f.label.clone(),
                    url: format!("{}index.html", f.path()),
                    count: f.jobs.len(),
                })
                .collect();
            pages::filter_index(site, kind.dir(), kind.plural(), &lines, browse)?
        }
        Target::JobsJson => {
            let lines: Vec<&str> = jobs.iter().map(|j| j.json.as_str()).collect();
            data::jobs_json(site, &lines)
        }
        Target::Sitemap => data::sitemap(site, &plan.sitemap),
        Target::Robots => data::robots(site),
        Target::NotFound => pages::not_found(site)?,
        Target::HowToPost => pages::how_to_post(site)?,
        Target::JobsFolder => pages::jobs_folder(site),
        Target::Static(name) => Output {
            path: planned.path.clone(),
            bytes: site.theme.statics.get(name).cloned().unwrap_or_default(),
        },
        Target::Search(n) => {
            let (path, bytes) = plan.search.files().nth(*n).unwrap_or_default();
            Output {
                path,
                bytes: bytes.to_vec(),
            }
        }
        Target::SearchJob(n) => search::job_file(*n, jobs[*n]),
        Target::SearchIn(k) => {
            let listing = &plan.listings[*k];
            search::filter_file(&listing.view.base, &listing.jobs)
        }
        Target::Job(_) => anyhow::bail!("{}: a job's page is made with its posting", planned.path),
    })
}
