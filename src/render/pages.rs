//! HTML pages: the listing (paginated) and one page per job.

use tera::{Context, Value};

use super::{Detail, Output, RenderError, Site, Summary, dir_of, root_of};
use crate::posting::Posting;

/// The page of one job. `body_html` is the sanitized body.
pub fn job_page(site: &Site, posting: &Posting, body_html: &str) -> Result<Output, RenderError> {
    let path = format!("{}index.html", posting.path());
    let detail = Detail::new(posting, site.config, site.today);
    let mut cx = page_context(site, &path);
    cx.insert("job", &detail);
    // Sanitized by `markdown::render`: the one posting text that is HTML.
    cx.insert_value("body_html", Value::safe_string(body_html));
    render(site, "job.html", path, &cx)
}

/// A listing of `jobs` (newest first) split into pages of `page_size`:
/// `{base}index.html`, `{base}page/2/index.html`, …
pub fn listing_pages(
    site: &Site,
    base: &str,
    heading: &str,
    jobs: &[Summary],
) -> Result<Vec<Output>, RenderError> {
    let size = site.config.page_size.max(1);
    let pages = jobs.len().div_ceil(size).max(1);
    let page_path = |n: usize| {
        if n == 1 {
            format!("{base}index.html")
        } else {
            format!("{base}page/{n}/index.html")
        }
    };
    let mut out = Vec::with_capacity(pages);
    for n in 1..=pages {
        let path = page_path(n);
        let root = root_of(&path);
        let link = |n: usize| format!("{root}{}", page_path(n));
        let chunk = jobs.chunks(size).nth(n - 1).unwrap_or_default();
        let mut cx = page_context(site, &path);
        cx.insert("heading", heading);
        cx.insert("jobs", chunk);
        cx.insert("total", &jobs.len());
        cx.insert("feed", &format!("{root}{base}feed.xml"));
        cx.insert(
            "pagination",
            &Pagination {
                current: n,
                pages,
                first: (n > 1).then(|| link(1)),
                prev: (n > 1).then(|| link(n - 1)),
                next: (n < pages).then(|| link(n + 1)),
                last: (n < pages).then(|| link(pages)),
            },
        );
        out.push(render(site, "listing.html", path, &cx)?);
    }
    Ok(out)
}

#[derive(serde::Serialize)]
struct Pagination {
    current: usize,
    pages: usize,
    first: Option<String>,
    prev: Option<String>,
    next: Option<String>,
    last: Option<String>,
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
