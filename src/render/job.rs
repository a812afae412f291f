//! What is made of one live posting, once: its page, and what the listings,
//! feeds and data files need of it (its card, its line of `jobs.json`, its
//! feed item). The page goes to the sink at once; the rest is kept, small.

use super::feed::Item;
use super::{Output, RenderError, Site, Summary, data, jsonld, pages};
use crate::posting::{Posting, Region};

/// A live posting as the site's other files need it.
pub struct Job {
    pub summary: Summary,
    /// Its card in a listing (`card.html`).
    pub card: String,
    /// Its line of `jobs.json`.
    pub json: String,
    /// Its item in every feed.
    pub item: Item,
    /// Its description as plain text, for the search index.
    pub text: String,
    /// The posting's fingerprint: what it was made from.
    pub fingerprint: u64,
    /// Of what the filters read of it ([`super::filters::facets_of`]).
    pub facets: u64,
}

/// A body rendered: sanitized HTML, and its opening as text.
pub struct RenderedBody<'a> {
    pub html: &'a str,
    /// About 160 characters, for the page's description.
    pub excerpt: &'a str,
    /// About 300 characters, for feeds.
    pub opening: &'a str,
    /// All of it, for the search index.
    pub text: &'a str,
}

/// The page of a posting, and what is kept of it.
pub fn render(
    site: &Site,
    posting: &Posting,
    body: &RenderedBody,
) -> Result<(Job, Output), RenderError> {
    let summary = Summary::new(posting, site.config);
    let jsonld = jsonld::job_posting(posting, site.config, body.html, &summary.permalink);
    let page = pages::job_page(site, posting, &summary, body.html, body.excerpt, &jsonld)?;
    // Kept for every live job until the site is made: no spare capacity.
    let mut card = pages::card(site, &summary)?;
    card.shrink_to_fit();
    let mut json = data::job_json(site, posting, &summary);
    json.shrink_to_fit();
    let item = item(posting, &summary, body.opening);
    let job = Job {
        summary,
        card,
        json,
        item,
        text: body.text.to_string(),
        fingerprint: posting.fingerprint,
        facets: super::filters::facets_of(posting),
    };
    Ok((job, page))
}

/// What a feed says of a posting: the facts a reader decides on, in the
/// summary and as categories, and the opening of the description.
fn item(p: &Posting, s: &Summary, opening: &str) -> Item {
    let mut categories: Vec<String> = p.types.iter().map(|t| t.label().to_string()).collect();
    categories.push(s.category.clone());
    categories.push(s.remote.to_string());
    let countries =
        p.location
            .iter()
            .map(|l| l.country.name())
            .chain(p.remote_from.iter().filter_map(|r| match r {
                Region::Country(c) => Some(c.name()),
                Region::Worldwide => None,
            }));
    for country in countries {
        if !categories.iter().any(|c| c == country) {
            categories.push(country.to_string());
        }
    }
    categories.extend(p.tags.iter().cloned());
    Item {
        title: format!("{} at {}", s.title, s.company),
        url: s.permalink.clone(),
        posted: p.posted,
        author: s.company.clone(),
        facts: super::feed::facts(&s.place, s.remote, &s.types_label, s.salary.as_deref()),
        excerpt: opening.to_string(),
        categories,
    }
}
