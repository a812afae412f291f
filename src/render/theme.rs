//! A board's theme compiled: Tera templates ready to render, and the static
//! files to copy. The files come from the load stage (`load::theme`); this
//! reads nothing.

use std::collections::BTreeMap;

use tera::Tera;

use crate::config::Config;
use crate::load::theme::ThemeFiles;

/// Templates ready to render and the static files to copy.
pub struct Theme {
    pub tera: Tera,
    /// Paths relative to `static/`, and their bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Changes whenever a template or static file does.
    pub fingerprint: u64,
}

#[derive(Debug, thiserror::Error)]
#[error("a template does not compile:\n{0}")]
pub struct ThemeError(String);

impl Theme {
    /// Compiles a board's theme files, with `board` in every template.
    pub fn compile(files: ThemeFiles, config: &Config) -> Result<Self, ThemeError> {
        let mut tera = Tera::default();
        tera.add_raw_templates(
            files
                .templates
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_str())),
        )
        .map_err(|err| ThemeError(error_chain(&err)))?;
        tera.global_context()
            .insert("board", &BoardView::new(config));
        Ok(Self {
            tera,
            statics: files.statics,
            fingerprint: files.fingerprint,
        })
    }
}

/// A Tera error with its causes, which carry the template's line and column.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str("\n  ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// `board` in every template.
#[derive(serde::Serialize)]
struct BoardView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
    max_age_days: u32,
    categories: Vec<CategoryView<'a>>,
    /// Where "Post a job" leads, when not to the site's own page.
    post_url: Option<String>,
}

#[derive(serde::Serialize)]
struct CategoryView<'a> {
    slug: &'a str,
    label: &'a str,
}

impl<'a> BoardView<'a> {
    fn new(config: &'a Config) -> Self {
        Self {
            title: &config.title,
            description: &config.description,
            base_url: config.base_url.as_str(),
            language: &config.language,
            max_age_days: config.max_age_days,
            categories: config
                .categories
                .iter()
                .map(|(slug, label)| CategoryView { slug, label })
                .collect(),
            post_url: config.post_job_url(),
        }
    }
}
