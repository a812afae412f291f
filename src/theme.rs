//! The built-in theme: the files of the repository's own `templates/`
//! folder, compiled into the binary. A board's `templates/` replaces any of
//! them file by file (`load::theme`), and `jobboard theme` writes them out
//! for a board to edit.

/// One file of a theme, by its path relative to `templates/`.
pub struct File {
    pub name: &'static str,
    pub bytes: &'static [u8],
}

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(File { name: $name, bytes: include_bytes!(concat!("../templates/", $name)) },)*]
    };
}

/// Every file of the built-in theme: templates, then `static/` files.
pub const BUILTIN: &[File] = builtin![
    "base.html",
    "listing.html",
    "card.html",
    "job.html",
    "filters.html",
    "404.html",
    "post.html",
    "static/style.css",
    "static/favicon.svg",
    "static/search.js",
    "static/expiry.js",
];

/// Whether a file of a theme is a template (the rest is copied as it is).
pub fn is_template(name: &str) -> bool {
    !name.starts_with("static/")
        && [".html", ".xml", ".txt", ".json"]
            .iter()
            .any(|ext| name.ends_with(ext))
}
