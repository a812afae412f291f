//! RSS 2.0 feeds with the rss crate: `atom:link rel=self`, the permalink as
//! guid, RFC 2822 dates, the sanitized body as each item's description.

use rss::extension::atom::{AtomExtensionBuilder, Link};
use rss::{ChannelBuilder, GuidBuilder, ItemBuilder};

use super::{Output, RenderError, Site, Summary};

/// The newest postings a feed carries: feed readers poll often, and a board
/// of thousands of jobs must not send them megabytes each time.
pub const FEED_ITEMS: usize = 50;

/// A feed at `path` of `items` (newest first, each with its sanitized body).
pub fn feed(
    site: &Site,
    path: &str,
    title: &str,
    items: &[(&Summary, &str)],
) -> Result<Output, RenderError> {
    let self_url = site.absolute(path);
    let home = site.absolute(path.strip_suffix("feed.xml").unwrap_or(""));
    let items: Vec<rss::Item> = items
        .iter()
        .take(FEED_ITEMS)
        .map(|(job, body)| {
            let link = job.permalink.clone();
            let pub_date = job_date(&job.posted);
            ItemBuilder::default()
                .title(Some(format!("{} at {}", job.title, job.company)))
                .link(Some(link.clone()))
                .guid(Some(
                    GuidBuilder::default().value(link).permalink(true).build(),
                ))
                .pub_date(pub_date)
                .categories(vec![
                    rss::CategoryBuilder::default()
                        .name(job.category.clone())
                        .build(),
                ])
                .description(Some((*body).to_string()))
                .build()
        })
        .collect();
    let last_build = items.first().and_then(|i| i.pub_date.clone());
    let atom = AtomExtensionBuilder::default()
        .links(vec![Link {
            href: self_url,
            rel: "self".into(),
            mime_type: Some("application/rss+xml".into()),
            ..Link::default()
        }])
        .build();
    let channel = ChannelBuilder::default()
        .title(title.to_string())
        .link(home)
        .description(if site.config.description.is_empty() {
            site.config.title.clone()
        } else {
            site.config.description.clone()
        })
        .language(Some("en".into()))
        .generator(Some("jobboard".into()))
        .last_build_date(last_build)
        .atom_ext(Some(atom))
        .items(items)
        .build();
    let mut bytes = Vec::with_capacity(4096);
    channel.write_to(&mut bytes).map_err(|err| RenderError {
        path: path.to_string(),
        template: "RSS".into(),
        message: err.to_string(),
    })?;
    // The rss crate writes any character as it is; XML cannot carry some.
    let mut bytes = match super::carried(&String::from_utf8_lossy(&bytes)) {
        std::borrow::Cow::Borrowed(_) => bytes,
        std::borrow::Cow::Owned(text) => text.into_bytes(),
    };
    bytes.push(b'\n');
    Ok(Output {
        path: path.to_string(),
        bytes,
    })
}

/// The day a posting went up, at midnight UTC, as RFC 2822.
fn job_date(day: &str) -> Option<String> {
    let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    let time = day.and_hms_opt(0, 0, 0)?.and_utc();
    Some(time.to_rfc2822())
}
