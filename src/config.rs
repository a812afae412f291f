//! `board.yaml` to [`Config`], validated once.

use url::Url;

use crate::diagnostic::{Finding, Pos, RuleId, Span};
use crate::schema::{self, Fields, Key, Report};
use crate::yaml;

use crate::layout::CONFIG as FILE;

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Absolute, ending in `/`: feeds, the sitemap and canonical links start with it.
    pub base_url: Url,
    /// The word every posting must mention.
    pub language: String,
    /// The tools of the language's ecosystem (`Django`, `pandas`): naming
    /// one counts as a mention of the language.
    pub ecosystem: Vec<String>,
    pub max_age_days: u32,
    /// `(slug, label)` in the order of the file.
    pub categories: Vec<(String, String)>,
    pub require_salary: bool,
    pub min_words: usize,
    pub max_words: usize,
    pub page_size: usize,
    /// How many of the newest jobs each feed carries.
    pub feed_items: usize,
    /// How many days before a posting's last day `jobboard expiring` lists
    /// it, for a reminder to its poster.
    pub remind_days: u32,
    /// The board's repository (`https://github.com/owner/name`): where its
    /// "Post a job" issue form is.
    pub repository: Option<Url>,
    /// Where "Post a job" leads, instead of the repository's issue form.
    pub post_url: Option<Url>,
}

impl Config {
    /// Where the site's "Post a job" leads: `post_url`, else the
    /// repository's "Post a job" issue form; `None`: the site's own page on
    /// how to post.
    pub fn post_job_url(&self) -> Option<String> {
        self.post_url.as_ref().map(Url::to_string).or_else(|| {
            self.repository.as_ref().map(|repo| {
                format!(
                    "{}/issues/new?template=post-a-job.yml",
                    repo.as_str().trim_end_matches('/')
                )
            })
        })
    }

    /// The public address of a path of the site (`jobs/acme/`).
    pub fn absolute(&self, path: &str) -> String {
        self.base_url
            .join(path)
            .map_or_else(|_| format!("{}{path}", self.base_url), |u| u.to_string())
    }

    pub fn category_label(&self, slug: &str) -> Option<&str> {
        self.categories
            .iter()
            .find(|(s, _)| s == slug)
            .map(|(_, label)| label.as_str())
    }
}

static KEYS: &[Key] = &[
    Key::required("title", "Python Job Board"),
    Key::optional("description", "Jobs for Python developers"),
    Key::required("base_url", "https://jobs.example.org/"),
    Key::optional("language", "Python"),
    Key::optional("ecosystem", "[Django, Flask, pandas]"),
    Key::optional("max_age_days", "90"),
    Key::required(
        "categories",
        "{ software-engineering: Software engineering }",
    ),
    Key::optional("require_salary", "false"),
    Key::optional("min_words", "50"),
    Key::optional("max_words", "1200"),
    Key::optional("page_size", "25"),
    Key::optional("feed_items", "50"),
    Key::optional("remind_days", "7"),
    Key::optional("repository", "https://github.com/python/jobs"),
    Key::optional("post_url", "https://example.org/post-a-job"),
];

/// Parses the text of `board.yaml`; every problem is reported.
pub fn parse(text: &str) -> Result<Config, Vec<Finding>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut findings = Vec::new();
    let config = read(text, &mut Report::new(FILE, &mut findings));
    match config {
        Some(config) if findings.is_empty() => Ok(config),
        _ => Err(findings),
    }
}

fn read(text: &str, report: &mut Report) -> Option<Config> {
    let root = match yaml::parse(text, 1) {
        Ok(root) => root,
        Err(err) => {
            report.error(RuleId::FrontMatter, err.span, err.message);
            return None;
        }
    };
    let start = Span::at(Pos::START);
    let fields = Fields::read(&root, start, FILE, KEYS, report)?;
    let text_of = |name: &str, report: &mut Report| {
        fields.get(name).and_then(|n| schema::text(n, name, report))
    };
    let count = |name: &str, default: i64, range, report: &mut Report| {
        fields
            .get(name)
            .map_or(Some(default), |n| schema::integer(n, name, range, report))
    };
    let title = text_of("title", report);
    let description = text_of("description", report).unwrap_or_default();
    let base_url = fields.get("base_url").and_then(|n| {
        let text = schema::text(n, "base_url", report)?;
        base_url(&text)
            .map_err(|message| report.error(RuleId::Url, n.span, message))
            .ok()
    });
    let language = text_of("language", report).unwrap_or_else(|| "Python".into());
    let ecosystem = match fields.get("ecosystem") {
        Some(n) => schema::text_list(n, "ecosystem", report).map(|items| {
            items
                .into_iter()
                .map(|(t, _)| t)
                .filter(|t| !t.is_empty())
                .collect()
        }),
        None => Some(default_ecosystem(&language)),
    };
    let max_age_days = count("max_age_days", 90, 1..=3650, report);
    let categories = fields.get("categories").and_then(|n| categories(n, report));
    let require_salary = fields.get("require_salary").map_or(Some(false), |n| {
        schema::boolean(n, "require_salary", report)
    });
    let min_words = count("min_words", 50, 0..=100_000, report);
    let max_words = count("max_words", 1200, 1..=100_000, report);
    let page_size = count("page_size", 25, 1..=1000, report);
    let feed_items = count("feed_items", 50, 1..=1000, report);
    let remind_days = count("remind_days", 7, 0..=365, report);
    let web_address = |name: &str, report: &mut Report| -> Option<Option<Url>> {
        let Some(n) = fields.get(name) else {
            return Some(None);
        };
        let text = schema::text(n, name, report)?;
        match Url::parse(&text) {
            Ok(url) if url.scheme() == "https" && url.host_str().is_some() => Some(Some(url)),
            _ => {
                report.error(
                    RuleId::Url,
                    n.span,
                    format!("`{name}` must be a full https address, such as `https://github.com/owner/board`"),
                );
                None
            }
        }
    };
    let repository = web_address("repository", report);
    let post_url = web_address("post_url", report);
    if let (Some(min), Some(max)) = (min_words, max_words)
        && min > max
    {
        report.error(
            RuleId::Enum,
            fields.span("min_words"),
            format!("`min_words` ({min}) is more than `max_words` ({max})"),
        );
    }
    if language.is_empty() || language.chars().any(char::is_whitespace) {
        report.error(
            RuleId::Enum,
            fields.span("language"),
            "`language` must be one word, such as `Python`",
        );
    }
    Some(Config {
        title: title?,
        description,
        base_url: base_url?,
        language,
        ecosystem: ecosystem?,
        max_age_days: u32::try_from(max_age_days?).ok()?,
        categories: categories?,
        require_salary: require_salary?,
        min_words: usize::try_from(min_words?).ok()?,
        max_words: usize::try_from(max_words?).ok()?,
        page_size: usize::try_from(page_size?).ok()?,
        feed_items: usize::try_from(feed_items?).ok()?,
        remind_days: u32::try_from(remind_days?).ok()?,
        repository: repository?,
        post_url: post_url?,
    })
}

/// Python's ecosystem: what a Python board counts as a mention of Python
/// when `board.yaml` does not list an `ecosystem` of its own.
pub const PYTHON_ECOSYSTEM: &[&str] = &[
    "Django",
    "Flask",
    "FastAPI",
    "Starlette",
    "Pyramid",
    "Tornado",
    "aiohttp",
    "Sanic",
    "Wagtail",
    "Plone",
    "Odoo",
    "Celery",
    "SQLAlchemy",
    "Pydantic",
    "pytest",
    "pandas",
    "NumPy",
    "SciPy",
    "scikit-learn",
    "sklearn",
    "PySpark",
    "Jupyter",
    "JupyterLab",
    "IPython",
    "Cython",
    "CPython",
    "PyPy",
    "MicroPython",
    "Airflow",
    "Dagster",
    "Prefect",
    "Luigi",
    "Dask",
    "Polars",
    "PyTorch",
    "TensorFlow",
    "Keras",
    "Matplotlib",
    "Seaborn",
    "Bokeh",
    "Plotly Dash",
    "Streamlit",
    "statsmodels",
    "xarray",
    "Scrapy",
    "asyncio",
    "mypy",
    "PyPI",
    "Pythonista",
    "Pythonistas",
    "Pythonic",
    "Ansible",
    "SaltStack",
];

/// Python's ecosystem for a Python board that lists none; other boards
/// list their own.
fn default_ecosystem(language: &str) -> Vec<String> {
    if language.eq_ignore_ascii_case("python") {
        PYTHON_ECOSYSTEM.iter().map(|t| (*t).to_string()).collect()
    } else {
        Vec::new()
    }
}

/// An absolute http(s) URL, normalised to end in `/` so paths join onto it.
pub fn base_url(text: &str) -> Result<Url, String> {
    let mut url = Url::parse(text)
        .map_err(|_| format!("`base_url` must be an absolute address such as `https://jobs.example.org/`, not `{text}`"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(format!(
            "`base_url` must start with https:// (or http://), not `{text}`"
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("`base_url` cannot have a query or a fragment".into());
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

fn categories(node: &yaml::Node, report: &mut Report) -> Option<Vec<(String, String)>> {
    let yaml::Value::Map(entries) = &node.value else {
        report.error(
            RuleId::FrontMatter,
            node.span,
            format!("`categories` must map slugs to labels, such as `software-engineering: Software engineering`, but it is {}", node.value.kind()),
        );
        return None;
    };
    let mut out: Vec<(String, String)> = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let slug = key.as_text().unwrap_or_default();
        let label = schema::text(value, &format!("categories.{slug}"), report);
        if !is_slug(&slug) {
            report.error(
                RuleId::Enum,
                key.span,
                format!("category `{slug}` must be 2 to 40 of a-z, 0-9 and `-`"),
            );
            continue;
        }
        if let Some(label) = label.filter(|l| !l.is_empty()) {
            out.push((slug, label));
        } else {
            report.error(
                RuleId::Required,
                key.span,
                format!("category `{slug}` needs a label"),
            );
        }
    }
    Some(out)
}

fn is_slug(s: &str) -> bool {
    (2..=40).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The smallest board, for unit tests.
#[cfg(test)]
pub fn for_tests() -> Config {
    parse("title: T\nbase_url: https://t.example\ncategories: {web: Web}\n")
        .unwrap_or_else(|findings| panic!("{findings:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str =
        "title: Jobs\nbase_url: https://jobs.example.org\ncategories:\n  web: Web\n";

    #[test]
    fn defaults_fill_what_is_not_given() {
        let config = parse(MINIMAL).unwrap();
        assert_eq!(config.base_url.as_str(), "https://jobs.example.org/");
        assert_eq!((config.max_age_days, config.page_size), (90, 25));
        assert_eq!((config.min_words, config.max_words), (50, 1200));
        assert_eq!(config.language, "Python");
        assert_eq!(config.remind_days, 7);
        assert_eq!(
            config.categories,
            vec![("web".to_string(), "Web".to_string())]
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let text =
            "title: Jobs\nbase_url: ftp://x\npage_sise: 10\nmax_age_days: 0\nremind_days: -1\n";
        let findings = parse(text).unwrap_err();
        let lines: Vec<_> = findings
            .iter()
            .map(|f| (f.rule, f.span.start.line))
            .collect();
        assert!(lines.contains(&(RuleId::Url, 2)), "{findings:?}");
        assert!(lines.contains(&(RuleId::UnknownField, 3)), "{findings:?}");
        assert!(lines.contains(&(RuleId::Enum, 4)), "{findings:?}");
        assert!(lines.contains(&(RuleId::Enum, 5)), "{findings:?}");
        assert!(lines.contains(&(RuleId::Required, 1)), "{findings:?}");
        assert!(
            findings
                .iter()
                .any(|f| f.message.contains("did you mean `page_size`"))
        );
    }
}
