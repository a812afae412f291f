//! HTML pages: listings (paginated), filter indexes, one page per job, 404.

use tera::{Context, Value};

use super::filters::{Browse, Entry, FilterView};
use super::{Detail, Output, RenderError, Site, dir_of, root_of};
use crate::posting::Posting;

/// The page of one job. `body_html` is the sanitized body; `jsonld` the
/// script-safe JobPosting.
pub fn job_page(
    site: &Site,
    posting: &Posting,
    summary: &super::Summary,
    body_html: &str,
    excerpt: &str,
    jsonld: &str,
) -> Result<Output, RenderError> {
    let path = format!("{}index.html", posting.path());
    let detail = Detail::new(posting, summary, site.config, site.today);
    let mut cx = page_context(site, &path);
    cx.insert("job", &detail);
    cx.insert("feed", &format!("{}feed.xml", root_of(&path)));
    // The only values that are not escaped: made safe in Rust, not here.
    cx.insert_value("body_html", Value::safe_string(body_html));
    cx.insert_value("jsonld", Value::safe_string(jsonld));
    cx.insert("excerpt", excerpt);
    render(site, "job.html", path, &cx)
}

/// What a listing is: where it lives, its heading, its filter.
pub struct Listing {
    /// `""` for the main listing, `type/full-time/` for a filter.
    pub base: String,
    pub heading: String,
    pub filter: Option<FilterView>,
}

/// One page of a listing: its number (from 1), how many pages and jobs the
/// listing has, and this page's jobs (newest first) as template values.
pub struct Page {
    pub n: usize,
    pub pages: usize,
    pub total: usize,
    pub jobs: Vec<Value>,
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
    let Page {
        n,
        pages,
        total,
        jobs,
    } = page;
    let base = &listing.base;
    let path = page_path(base, n);
    let root = root_of(&path);
    let link = |n: usize| format!("{root}{}", page_path(base, n));
    let mut cx = page_context(site, &path);
    cx.insert("heading", &listing.heading);
    cx.insert("filter", &listing.filter);
    cx.insert("browse", browse);
    cx.insert_value("jobs", Value::from(jobs));
    cx.insert("total", &total);
    cx.insert("feed", &format!("{root}{base}feed.xml"));
    cx.insert(
        "pagination",
        &Pagination {
            current: n,
            pages,
            prev: (n > 1).then(|| link(n - 1)),
            next: (n < pages).then(|| link(n + 1)),
        },
    );
    render(site, "listing.html", path, &cx)
}

#[derive(serde::Serialize)]
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
    entries: &[Entry],
    browse: &[Browse],
) -> Result<Output, RenderError> {
    let path = format!("{dir}index.html");
    let mut cx = page_context(site, &path);
    cx.insert("heading", heading);
    cx.insert("entries", entries);
    cx.insert("browse", browse);
    cx.insert("feed", &format!("{}feed.xml", root_of(&path)));
    render(site, "filters.html", path, &cx)
}

/// `404.html`, served by hosts for any address that is not a page. Its links
/// are absolute (from `base_url`): it is shown at the missing page's address.
pub fn not_found(site: &Site) -> Result<Output, RenderError> {
    let path = "404.html".to_string();
    let mut cx = page_context(site, &path);
    cx.insert("root", site.config.base_url.as_str());
    cx.insert("feed", &site.absolute("feed.xml"));
    render(site, "404.html", path, &cx)
}

/// What every page knows: where it is and how to get back to the root.
fn page_context(site: &Site, path: &str) -> Context {
    let mut cx = Context::new();
    cx.insert("root", &root_of(path));
    cx.insert("path", dir_of(path));
    cx.insert("canonical", &site.absolute(dir_of(path)));
    cx.insert("today", &site.today.to_string());
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
