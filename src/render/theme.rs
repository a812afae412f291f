//! The templates and static files of a board: the built-in theme, with any
//! file in the board's `templates/` taking the place of the built-in one.

use std::collections::BTreeMap;
use std::path::Path;

use tera::Tera;

use crate::config::Config;

/// The folder of a board whose files override the built-in theme.
pub const DIR: &str = "templates";

macro_rules! builtin {
    ($($name:literal),* $(,)?) => { &[$(($name, include_str!(concat!("../theme/", $name))),)*] };
}

/// The built-in templates, compiled into the binary.
pub const TEMPLATES: &[(&str, &str)] = builtin![
    "base.html",
    "listing.html",
    "job.html",
    "filters.html",
    "404.html"
];

/// The built-in static files, copied to `static/`.
pub const STATIC: &[(&str, &str)] =
    builtin!["static/style.css", "static/favicon.svg", "static/filter.js"];

/// Templates ready to render and the static files to copy.
pub struct Theme {
    pub tera: Tera,
    /// Paths relative to `static/`, and their bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Changes whenever a template or static file does.
    pub fingerprint: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("{file}: {message}")]
    File { file: String, message: String },
    #[error("a template does not compile:\n{0}")]
    Template(String),
}

impl Theme {
    /// The built-in theme with the overrides found in `root/templates/`.
    pub fn load(root: &Path, config: &Config) -> Result<Self, ThemeError> {
        let mut templates: BTreeMap<String, String> = TEMPLATES
            .iter()
            .map(|(n, t)| ((*n).to_string(), (*t).to_string()))
            .collect();
        let mut statics: BTreeMap<String, Vec<u8>> = STATIC
            .iter()
            .map(|(n, t)| {
                (
                    n.trim_start_matches("static/").to_string(),
                    t.as_bytes().to_vec(),
                )
            })
            .collect();
        let dir = crate::load::board_folder(&root.join(DIR)).map_err(|err| ThemeError::File {
            file: DIR.into(),
            message: err.to_string(),
        })?;
        if let Some(dir) = dir {
            for (name, bytes) in read_tree(root, &dir)? {
                if let Some(file) = name.strip_prefix("static/") {
                    statics.insert(file.to_string(), bytes);
                } else if is_template(&name) {
                    let text = String::from_utf8(bytes).map_err(|_| ThemeError::File {
                        file: format!("{DIR}/{name}"),
                        message: "is not UTF-8 text".into(),
                    })?;
                    templates.insert(name, text);
                }
            }
        }
        let mut parts: Vec<&[u8]> = Vec::with_capacity(templates.len() * 2 + statics.len() * 2);
        for (name, text) in &templates {
            parts.extend([name.as_bytes(), text.as_bytes()]);
        }
        for (name, bytes) in &statics {
            parts.extend([name.as_bytes(), bytes.as_slice()]);
        }
        let fingerprint = crate::posting::fingerprint(&parts);
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|err| ThemeError::Template(error_chain(&err)))?;
        tera.global_context()
            .insert("board", &BoardView::new(config));
        Ok(Self {
            tera,
            statics,
            fingerprint,
        })
    }
}

fn is_template(name: &str) -> bool {
    [".html", ".xml", ".txt", ".json"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// A template or static file may have this many bytes (an icon, a font).
const MAX_FILE_BYTES: u64 = 8 << 20;
/// And the theme all together.
const MAX_TOTAL_BYTES: u64 = 64 << 20;

/// Every regular file under `dir`, by its path relative to `dir`. A symbolic
/// link, a pipe or a device is an error: it could make the build read
/// outside the board, or hang.
fn read_tree(root: &Path, dir: &Path) -> Result<Vec<(String, Vec<u8>)>, ThemeError> {
    let mut files = Vec::new();
    let mut total = 0u64;
    for item in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = item.map_err(|err| ThemeError::File {
            file: DIR.into(),
            message: format!("cannot be read: {err}"),
        })?;
        let file = crate::load::relative(root, entry.path());
        if entry.file_type().is_symlink() {
            return Err(ThemeError::File {
                file,
                message: "is a symbolic link; templates must be regular files inside the board"
                    .into(),
            });
        }
        if entry.file_type().is_dir() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // Opened without following links, never waiting on a pipe, bounded.
        let bytes = crate::load::read_board_file(entry.path(), MAX_FILE_BYTES).map_err(|err| {
            ThemeError::File {
                file: file.clone(),
                message: err.to_string(),
            }
        })?;
        total += bytes.len() as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(ThemeError::File {
                file: DIR.into(),
                message: format!(
                    "holds more than {} MiB; a theme needs far less",
                    MAX_TOTAL_BYTES >> 20
                ),
            });
        }
        let name = crate::load::relative(dir, entry.path());
        files.push((name, bytes));
    }
    Ok(files)
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
        }
    }
}
