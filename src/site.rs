//! The whole site of a board's live postings: job pages, listings, feeds and
//! static files, each handed to `emit` as soon as it is rendered. `build`
//! writes them to disk; `serve` keeps them in memory.

use rayon::prelude::*;

use crate::markdown;
use crate::posting::Posting;
use crate::render::{self, Output, Site, Summary};

/// Renders every file of the site for `live` (newest first).
pub fn render<E>(site: &Site, live: &[&Posting], emit: E) -> anyhow::Result<()>
where
    E: Fn(Output) -> anyhow::Result<()> + Sync,
{
    let jobs: Vec<(Summary, String)> = live
        .par_iter()
        .map(|posting| {
            let body = markdown::render(&posting.body.markdown, &posting.slug);
            emit(render::job_page(site, posting, &body)?)?;
            Ok((Summary::new(posting, site.config), body))
        })
        .collect::<anyhow::Result<_>>()?;
    let summaries: Vec<Summary> = jobs.iter().map(|(s, _)| s.clone()).collect();
    for page in render::listing_pages(site, "", &site.config.title, &summaries)? {
        emit(page)?;
    }
    let items: Vec<(&Summary, &str)> = jobs.iter().map(|(s, b)| (s, b.as_str())).collect();
    emit(render::feed(site, "feed.xml", &site.config.title, &items)?)?;
    for (name, bytes) in &site.theme.statics {
        emit(Output {
            path: format!("static/{name}"),
            bytes: bytes.clone(),
        })?;
    }
    Ok(())
}
