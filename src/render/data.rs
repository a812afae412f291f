//! Data for machines: `jobs.json`, `sitemap.xml`, `robots.txt`.

use serde::Serialize;

use super::{Output, Site, Summary};
use crate::posting::{Choice, Posting};

/// `jobs.json`: every live posting with its fields and address (see README).
pub fn jobs_json(site: &Site, jobs: &[&str]) -> Output {
    // One job a line: each line is made once per posting (`job_json`) and
    // kept by `serve` while the posting does not change.
    let head = serde_json::json!({
        "title": site.config.title,
        "base_url": site.config.base_url.as_str(),
        "generated": site.today.to_string(),
        "count": jobs.len(),
    })
    .to_string();
    let mut text =
        String::with_capacity(jobs.iter().map(|j| j.len() + 2).sum::<usize>() + head.len() + 16);
    text.push_str(head.trim_end_matches('}'));
    text.push_str(",\"jobs\":[\n");
    // Line by line into the text made to size: a joined copy would double
    // the largest file of the site while it is made.
    for (n, job) in jobs.iter().enumerate() {
        if n > 0 {
            text.push_str(",\n");
        }
        text.push_str(job);
    }
    text.push_str("\n]}\n");
    Output {
        path: "jobs.json".into(),
        bytes: text.into_bytes(),
    }
}

/// One posting as a line of `jobs.json`.
pub fn job_json(site: &Site, posting: &Posting, summary: &Summary) -> String {
    serde_json::to_string(&Job::new(posting, summary, site)).unwrap_or_else(|_| "{}".into())
}

#[derive(Serialize)]
struct Job<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    company: &'a str,
    company_url: Option<&'a str>,
    location: Option<Location<'a>>,
    /// How listings say where: "Berlin, Germany", "Worldwide".
    place: &'a str,
    remote: &'static str,
    /// How listings say it: "Hybrid".
    remote_label: &'static str,
    remote_from: Vec<&'static str>,
    #[serde(rename = "type")]
    types: Vec<&'static str>,
    /// "Contract, Part-time".
    type_label: &'a str,
    category: &'a str,
    category_label: &'a str,
    salary: Option<Salary>,
    tags: &'a [String],
    apply: String,
    agency: bool,
    posted: &'a str,
    /// "20 Nov 2026".
    posted_label: &'a str,
    expires: String,
    /// The fields only their declarations know, by their keys.
    #[serde(flatten)]
    extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct Location<'a> {
    city: &'a str,
    region: Option<&'a str>,
    country: &'static str,
    country_name: &'static str,
}

#[derive(Serialize)]
struct Salary {
    min: f64,
    max: Option<f64>,
    currency: &'static str,
    period: &'static str,
    text: String,
}

impl<'a> Job<'a> {
    fn new(p: &'a Posting, summary: &'a Summary, site: &Site) -> Self {
        Self {
            slug: &p.slug,
            url: summary.permalink.clone(),
            title: &p.title,
            company: &p.company,
            company_url: p.company_url.as_ref().map(url::Url::as_str),
            location: p.location.as_ref().map(|l| Location {
                city: &l.city,
                region: l.region.as_deref(),
                country: l.country.code(),
                country_name: l.country.name(),
            }),
            place: &summary.place,
            remote: p.remote.as_str(),
            remote_label: summary.remote,
            remote_from: p.remote_from.iter().map(|r| r.code()).collect(),
            types: p.types.iter().map(|t| t.as_str()).collect(),
            type_label: &summary.types_label,
            category: &p.category,
            category_label: &summary.category,
            salary: p.salary.as_ref().map(|s| Salary {
                min: s.min.value,
                max: s.max.as_ref().map(|m| m.value),
                currency: s.currency.code(),
                period: s.period.as_str(),
                text: summary.salary.clone().unwrap_or_default(),
            }),
            tags: &p.tags,
            apply: p.apply.href(),
            agency: p.agency,
            posted: &summary.posted,
            posted_label: &summary.posted_label,
            expires: p.last_day(site.config.max_age_days).to_string(),
            extra: p
                .extra
                .iter()
                .map(|(field, value)| (field.key.to_string(), value.to_json()))
                .collect(),
        }
    }
}

/// `sitemap.xml` of the given pages (site paths) with their last change.
pub fn sitemap(site: &Site, pages: &[(String, chrono::NaiveDate)]) -> Output {
    let mut xml = String::with_capacity(pages.len() * 120 + 200);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, lastmod) in pages {
        xml.push_str("  <url><loc>");
        xml.push_str(&crate::text::escape_markup(&site.absolute(path)));
        xml.push_str("</loc><lastmod>");
        xml.push_str(&lastmod.to_string());
        xml.push_str("</lastmod></url>\n");
    }
    xml.push_str("</urlset>\n");
    Output {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}

pub fn robots(site: &Site) -> Output {
    let text = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.absolute("sitemap.xml")
    );
    Output {
        path: "robots.txt".into(),
        bytes: text.into_bytes(),
    }
}
