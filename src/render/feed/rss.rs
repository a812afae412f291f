//! RSS 2.0 with the rss crate: `atom:link rel=self`, the permalink as guid,
//! RFC 2822 dates.

use rss::extension::atom::{AtomExtensionBuilder, Link};
use rss::{CategoryBuilder, ChannelBuilder, GuidBuilder, ItemBuilder};

use super::{Feed, Site, description};

pub fn render(site: &Site, feed: &Feed) -> Result<Vec<u8>, String> {
    let items: Vec<rss::Item> = feed
        .items
        .iter()
        .map(|item| {
            ItemBuilder::default()
                .title(Some(item.title.clone()))
                .link(Some(item.url.clone()))
                .guid(Some(
                    GuidBuilder::default()
                        .value(item.url.clone())
                        .permalink(true)
                        .build(),
                ))
                .pub_date(Some(midnight(item.posted).to_rfc2822()))
                .categories(
                    item.categories
                        .iter()
                        .map(|c| CategoryBuilder::default().name(c.clone()).build())
                        .collect::<Vec<_>>(),
                )
                .description(Some(item.html()))
                .build()
        })
        .collect();
    let last_build = items.first().and_then(|i| i.pub_date.clone());
    let atom = AtomExtensionBuilder::default()
        .links(vec![Link {
            href: site.absolute(feed.path),
            rel: "self".into(),
            mime_type: Some(super::Format::Rss.media_type().into()),
            ..Link::default()
        }])
        .build();
    let channel = ChannelBuilder::default()
        .title(feed.title.to_string())
        .link(site.absolute(feed.home))
        .description(description(site))
        .language(Some("en".into()))
        .generator(Some("jobboard".into()))
        .last_build_date(last_build)
        .atom_ext(Some(atom))
        .items(items)
        .build();
    let mut bytes = Vec::with_capacity(4096);
    channel
        .write_to(&mut bytes)
        .map_err(|err| err.to_string())?;
    Ok(bytes)
}

/// The day a posting went up, at midnight UTC.
pub(super) fn midnight(day: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
    day.and_time(chrono::NaiveTime::MIN).and_utc()
}
