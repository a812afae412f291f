//! HTML pages: one page per job, listings (paginated, made of job cards),
//! filter indexes, 404. Each returns its path and bytes.

use serde::Serialize;
use tera::{Context, Value};

use super::feed::Format;
use super::filters::{Browse, FilterView, IndexLine};
use super::{Detail, Output, RenderError, Site, Summary, dir_of, root_of};
use crate::posting::Posting;

/// Stands for the way back to the site's root in a job's card, which is
/// rendered once and shown on pages at several depths; each listing page
/// puts its own `root` in its place. A control character: posting text
/// never holds one (the parser refuses it, the writers drop it).
const ROOT: &str = "\u{1}";

/// The page of one job. `body_html` is the sanitized body; `jsonld` the
/// script-safe JobPosting.
pub fn job_page(
    site: &Site,
    posting: &Posting,
    summary: &Summary,
    body_html: &str,
    excerpt: &str,
    jsonld: &str,
) -> Result<Output, RenderError> {
    let path = format!("{}index.html", posting.path());
    let detail = Detail::new(posting, summary, site.config, site.today);
    let mut cx = page_context(site, &path, "", &site.config.title);
    cx.insert("job", &detail);
    // The only values that are not escaped: made safe in Rust, not here.
    cx.insert_value("body_html", Value::safe_string(body_html));
    cx.insert_value("jsonld", Value::safe_string(jsonld));
    cx.insert("excerpt", excerpt);
    render(site, "job.html", path, &cx)
}

/// A job as a listing shows it (`card.html`), made once and put on every
/// page of every listing the job is in.
pub fn card(site: &Site, summary: &Summary) -> Result<String, RenderError> {
    let mut cx = Context::new();
    cx.insert("job", summary);
    cx.insert("root", ROOT);
    site.theme
        .tera
        .render("card.html", &cx)
        .map_err(|err| RenderError {
            path: summary.url.clone(),
            template: "card.html".into(),
            message: super::theme::error_chain(&err),
        })
}

/// What a listing is: where it lives, its heading, its filter.
pub struct Listing {
    /// `""` for the main listing, `type/full-time/` for a filter.
    pub base: String,
    pub heading: String,
    /// The title of its feeds.
    pub feed_title: String,
    pub filter: Option<FilterView>,
}

/// One page of a listing: its number (from 1), how many pages and jobs the
/// listing has, and this page's cards (newest first).
pub struct Page<'a> {
    pub n: usize,
    pub pages: usize,
    pub total: usize,
    pub cards: &'a [&'a str],
}

/// `{base}index.html` for page 1, `{base}page/{n}/index.html` after.
pub fn page_path(base: &str, n: usize) -> String {
    if n == 1 {
        format!("{base}index.html")
    } else {
        format!("{base}page/{n}/index.html")
    }
}

/// One page of a listing.
pub fn listing_page(
    site: &Site,
    listing: &Listing,
    page: Page,
    browse: &[Browse],
) -> Result<Output, RenderError> {
    let base = &listing.base;
    let path = page_path(base, page.n);
    let root = root_of(&path);
    let link = |n: usize| format!("{root}{}", page_path(base, n));
    let mut cards = String::with_capacity(page.cards.iter().map(|c| c.len() + 4).sum());
    for card in page.cards {
        if !cards.is_empty() {
            cards.push_str("\n  ");
        }
        cards.push_str(&card.trim().replace(ROOT, &root));
    }
    let mut cx = page_context(site, &path, base, &listing.feed_title);
    cx.insert("heading", &listing.heading);
    cx.insert("filter", &listing.filter);
    // The search index's list of this filter's jobs: a filter's page searches within it.
    let search_in = (!base.is_empty()).then(|| super::search::filter_path(base));
    cx.insert("search_in", &search_in);
    cx.insert("browse", browse);
    // Made by `card.html` from escaped values: safe as it is.
    cx.insert_value("cards", Value::safe_string(&cards));
    cx.insert("total", &page.total);
    cx.insert(
        "pagination",
        &Pagination {
            current: page.n,
            pages: page.pages,
            prev: (page.n > 1).then(|| link(page.n - 1)),
            next: (page.n < page.pages).then(|| link(page.n + 1)),
        },
    );
    render(site, "listing.html", path, &cx)
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    pages: usize,
    prev: Option<String>,
    next: Option<String>,
}

/// The index of one kind of filter (`type/index.html`): each filter, its count.
pub fn filter_index(
    site: &Site,
    dir: &str,
    heading: &str,
    lines: &[IndexLine],
    browse: &[Browse],
) -> Result<Output, RenderError> {
    let path = format!("{dir}index.html");
    let mut cx = page_context(site, &path, "", &site.config.title);
    cx.insert("heading", heading);
    cx.insert("entries", lines);
    cx.insert("browse", browse);
    render(site, "filters.html", path, &cx)
}

/// `404.html`, served by hosts for any address that is not a page. Its links
/// are absolute (from `base_url`): it is shown at the missing page's address.
pub fn not_found(site: &Site) -> Result<Output, RenderError> {
    let path = "404.html".to_string();
    let mut cx = page_context(site, &path, "", &site.config.title);
    let root = site.config.base_url.as_str();
    cx.insert("root", root);
    cx.insert("feed", &site.absolute(Format::Rss.file()));
    cx.insert("feeds", &feeds(root, "", &site.config.title));
    render(site, "404.html", path, &cx)
}

/// `jobs/index.html`: the folder of the job pages has no page of its own, so
/// an address cut back to it (`/jobs/`) leads to the listing instead of a 404.
pub fn jobs_folder(site: &Site) -> Output {
    let listing = site.absolute("");
    let title = crate::text::escape_markup(&site.config.title);
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<meta http-equiv=\"refresh\" content=\"0; url=../index.html\">\n<link rel=\"canonical\" href=\"{}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<p><a href=\"../index.html\">All jobs on {title}</a></p>\n</body>\n</html>\n",
        crate::text::escape_markup(&listing)
    );
    Output {
        path: "jobs/index.html".into(),
        bytes: html.into_bytes(),
    }
}

/// `post/index.html`: how to post a job, from the board's own settings and
/// the posting's fields, so it says what `check` will ask.
pub fn how_to_post(site: &Site) -> Result<Output, RenderError> {
    #[derive(Serialize)]
    struct FieldView {
        label: &'static str,
        required: bool,
        /// The help, in pieces: code spans (between backticks) apart.
        about: Vec<Piece>,
        example: &'static str,
    }
    #[derive(serde::Serialize)]
    struct Piece {
        text: String,
        code: bool,
    }
    let path = "post/index.html".to_string();
    let config = site.config;
    let mut cx = page_context(site, &path, "", &config.title);
    let fields: Vec<FieldView> = crate::posting::FIELDS
        .iter()
        .filter(|f| f.submitted())
        .map(|f| FieldView {
            label: f.label,
            required: f.need == crate::posting::fields::Need::Required && f.group().is_none(),
            about: super::forms::help(f, config)
                .split('`')
                .enumerate()
                .filter(|(_, text)| !text.is_empty())
                .map(|(i, text)| Piece {
                    text: text.to_string(),
                    code: i % 2 == 1,
                })
                .collect(),
            example: f.example,
        })
        .collect();
    cx.insert("fields", &fields);
    cx.insert("form_url", &config.post_job_url());
    cx.insert(
        "repository",
        &config.repository.as_ref().map(url::Url::as_str),
    );
    cx.insert("min_words", &config.min_words);
    cx.insert("max_words", &config.max_words);
    cx.insert("title_chars", crate::rules::length::TITLE_CHARS.end());
    cx.insert("max_tags", &crate::posting::MAX_TAGS);
    render(site, "post.html", path, &cx)
}

/// A feed as a page links it: `<link rel="alternate">` and the page's links.
#[derive(Serialize)]
struct FeedLink {
    href: String,
    media_type: &'static str,
    label: &'static str,
    title: String,
}

/// The feeds of the listing at `base`, every format, from a page whose way
/// back to the root is `root`.
fn feeds(root: &str, base: &str, title: &str) -> Vec<FeedLink> {
    Format::ALL
        .iter()
        .map(|format| FeedLink {
            href: format!("{root}{base}{}", format.file()),
            media_type: format.media_type(),
            label: format.label(),
            title: format!("{title} ({})", format.label()),
        })
        .collect()
}

/// What every page knows: where it is, how to get back to the root, and the
/// feeds of the listing it belongs to (`base`, whose feeds are called
/// `feed_title`; the board's for other pages).
fn page_context(site: &Site, path: &str, base: &str, feed_title: &str) -> Context {
    let mut cx = Context::new();
    let root = root_of(path);
    cx.insert("path", dir_of(path));
    cx.insert("canonical", &site.absolute(dir_of(path)));
    cx.insert("today", &site.today.to_string());
    cx.insert("feed", &format!("{root}{base}{}", Format::Rss.file()));
    cx.insert("feeds", &feeds(&root, base, feed_title));
    cx.insert("root", &root);
    cx
}

fn render(site: &Site, template: &str, path: String, cx: &Context) -> Result<Output, RenderError> {
    match site.theme.tera.render(template, cx) {
        Ok(html) => Ok(Output {
            path,
            bytes: html.into_bytes(),
        }),
        Err(err) => Err(RenderError {
            path,
            template: template.to_string(),
            message: super::theme::error_chain(&err),
        }),
    }
}
