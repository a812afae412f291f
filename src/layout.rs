//! Where things are in a board's folder. Every stage names these places
//! through here, so that they are spelled once.

use std::path::Path;

/// The board's settings.
pub const CONFIG: &str = "board.yaml";

/// The folder of postings, one Markdown file each (sub-folders allowed).
pub const POSTINGS: &str = "postings";

/// The folder whose files take the place of the built-in theme's;
/// `templates/static/` is copied to the site's `static/`.
pub const TEMPLATES: &str = "templates";

/// Where `build` writes the site unless told otherwise.
pub const SITE: &str = "site";

/// `root/postings/a/b.md` as `postings/a/b.md`.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    #[cfg(unix)]
    if let Some(text) = rel.to_str() {
        return text.to_string();
    }
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
