//! The whole site of a board's live postings: job pages, listings (all jobs
//! and each filter), feeds, data files and static files, each handed to
//! `emit` as soon as it is rendered. `build` writes them to disk; `serve`
//! keeps them in memory.

use rayon::prelude::*;

use crate::markdown;
use crate::posting::Posting;
use crate::render::filters::{self, Entry, FilterView, Kind};
use crate::render::{self, Listing, Output, Site, Summary, data, jsonld};

/// Renders every file of the site for `live` (newest first).
pub fn render<E>(site: &Site, live: &[&Posting], emit: E) -> anyhow::Result<()>
where
    E: Fn(Output) -> anyhow::Result<()> + Sync,
{
    let jobs: Vec<(Summary, String)> = live
        .par_iter()
        .map(|posting| {
            let body = markdown::render(&posting.body.markdown, &posting.slug);
            let summary = Summary::new(posting, site.config);
            let ld = jsonld::job_posting(posting, site.config, &body, &summary.permalink);
            emit(render::job_page(site, posting, &body, &ld)?)?;
            Ok((summary, body))
        })
        .collect::<anyhow::Result<_>>()?;
    let mut sitemap: Vec<(String, String)> = Vec::with_capacity(jobs.len() * 2);
    let filters = filters::all(live, site.config);
    let browse = filters::browse(&filters);

    let mut listings = vec![(
        Listing {
            base: String::new(),
            heading: site.config.title.clone(),
            filter: None,
            jobs: jobs.iter().map(|(s, _)| s).collect(),
        },
        site.config.title.clone(),
        jobs.iter().collect::<Vec<_>>(),
    )];
    for filter in &filters {
        let selected: Vec<&(Summary, String)> = filter.jobs.iter().map(|&i| &jobs[i]).collect();
        listings.push((
            Listing {
                base: filter.path(),
                heading: filter.heading.clone(),
                filter: Some(FilterView::new(filter)),
                jobs: selected.iter().map(|(s, _)| s).collect(),
            },
            format!("{}: {}", site.config.title, filter.heading),
            selected,
        ));
    }
    for (listing, feed_title, selected) in &listings {
        let lastmod = newest(&listing.jobs, site);
        for page in render::listing_pages(site, listing, &browse)? {
            sitemap.push((render::dir_of(&page.path).to_string(), lastmod.clone()));
            emit(page)?;
        }
        let items: Vec<(&Summary, &str)> = selected.iter().map(|(s, b)| (s, b.as_str())).collect();
        emit(render::feed(
            site,
            &format!("{}feed.xml", listing.base),
            feed_title,
            &items,
        )?)?;
    }
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
        let page = render::filter_index(site, kind.dir(), kind.plural(), &entries, &browse)?;
        sitemap.push((
            render::dir_of(&page.path).to_string(),
            site.today.to_string(),
        ));
        emit(page)?;
    }
    for (summary, _) in &jobs {
        sitemap.push((
            summary.url.trim_end_matches("index.html").to_string(),
            summary.posted.clone(),
        ));
    }
    emit(render::not_found(site)?)?;
    emit(data::jobs_json(site, live))?;
    emit(data::sitemap(site, &sitemap))?;
    emit(data::robots(site))?;
    for (name, bytes) in &site.theme.statics {
        emit(Output {
            path: format!("static/{name}"),
            bytes: bytes.clone(),
        })?;
    }
    Ok(())
}

/// The day of the newest job of a listing, or today for an empty one.
fn newest(jobs: &[&Summary], site: &Site) -> String {
    jobs.first()
        .map_or_else(|| site.today.to_string(), |s| s.posted.clone())
}
