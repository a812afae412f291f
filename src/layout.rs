//! Where things are in a board's folder. Every stage names these places
//! through here, so that they are spelled once.

/// The board's settings.
pub const CONFIG: &str = "board.yaml";

/// The folder of postings, one Markdown file each (sub-folders allowed).
pub const POSTINGS: &str = "postings";

/// The folder whose files take the place of the built-in theme's;
/// `templates/static/` is copied to the site's `static/`.
pub const TEMPLATES: &str = "templates";

/// Where `build` writes the site unless told otherwise.
pub const SITE: &str = "site";
