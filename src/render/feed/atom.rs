//! Atom 1.0 with the atom_syndication crate: the permalink as id, the
//! company as author, `rel=self` and `rel=alternate` links.

use atom_syndication::{
    CategoryBuilder, Content, EntryBuilder, FeedBuilder, FixedDateTime, LinkBuilder, PersonBuilder,
    Text,
};

use super::{Feed, Site, description};

pub fn render(site: &Site, feed: &Feed) -> Result<Vec<u8>, String> {
    let date =
        |day: chrono::NaiveDate| -> FixedDateTime { super::rss::midnight(day).fixed_offset() };
    let entries: Vec<atom_syndication::Entry> = feed
        .items
        .iter()
        .map(|item| {
            EntryBuilder::default()
                .title(Text::plain(item.title.clone()))
                .id(item.url.clone())
                .updated(date(item.posted))
                .published(Some(date(item.posted)))
                .links(vec![
                    LinkBuilder::default()
                        .href(item.url.clone())
                        .rel("alternate")
                        .mime_type(Some("text/html".to_string()))
                        .build(),
                ])
                .authors(vec![
                    PersonBuilder::default().name(item.author.clone()).build(),
                ])
                .categories(
                    item.categories
                        .iter()
                        .map(|c| CategoryBuilder::default().term(c.clone()).build())
                        .collect::<Vec<_>>(),
                )
                .summary(Some(Text::plain(item.text())))
                .content(Some(Content {
                    value: Some(item.html()),
                    content_type: Some("html".into()),
                    ..Content::default()
                }))
                .build()
        })
        .collect();
    // The newest entry's day: a feed with the same jobs has the same bytes.
    let updated = feed
        .items
        .first()
        .map_or_else(|| date(site.today), |i| date(i.posted));
    let atom = FeedBuilder::default()
        .title(Text::plain(feed.title.to_string()))
        .id(site.absolute(feed.path))
        .updated(updated)
        .subtitle(Some(Text::plain(description(site))))
        .generator(Some(atom_syndication::Generator {
            value: "jobboard".into(),
            ..atom_syndication::Generator::default()
        }))
        .links(vec![
            LinkBuilder::default()
                .href(site.absolute(feed.path))
                .rel("self")
                .mime_type(Some(super::Format::Atom.media_type().to_string()))
                .build(),
            LinkBuilder::default()
                .href(site.absolute(feed.home))
                .rel("alternate")
                .mime_type(Some("text/html".to_string()))
                .build(),
        ])
        .lang(Some("en".to_string()))
        .entries(entries)
        .build();
    atom.write_to(Vec::with_capacity(4096))
        .map_err(|err| err.to_string())
}
