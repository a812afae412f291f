//! JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written with serde.

use serde::Serialize;

use super::{Feed, Site, description};

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    description: String,
    language: &'static str,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: String,
    summary: String,
    date_published: String,
    authors: [Author<'a>; 1],
    tags: &'a [String],
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
}

pub fn render(site: &Site, feed: &Feed) -> Result<Vec<u8>, String> {
    let doc = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: feed.title,
        home_page_url: site.absolute(feed.home),
        feed_url: site.absolute(feed.path),
        description: description(site),
        language: "en",
        items: feed
            .items
            .iter()
            .map(|item| JsonItem {
                id: &item.url,
                url: &item.url,
                title: &item.title,
                content_html: item.html(),
                summary: item.text(),
                date_published: super::rss::midnight(item.posted).to_rfc3339(),
                authors: [Author { name: &item.author }],
                tags: &item.categories,
            })
            .collect(),
    };
    serde_json::to_vec_pretty(&doc).map_err(|err| err.to_string())
}
