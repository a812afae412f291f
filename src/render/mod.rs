//! Postings to pages, listings and feeds: each renderer returns the path of
//! its output (relative to the site's root) and its bytes. Nothing here
//! touches the disk; `output.rs` writes.

pub mod announce;
pub mod data;
pub mod feed;
pub mod filters;
pub mod forms;
pub mod job;
pub mod jsonld;
pub mod pages;
pub mod search;
pub mod theme;
pub mod view;

use chrono::NaiveDate;

pub use crate::text::carried;
pub use pages::{Listing, Page, filter_index, job_page, listing_page, not_found, page_path};
pub use theme::Theme;
pub use view::{Detail, Summary};

use crate::config::Config;

/// One file of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// Relative to the site's root, with `/` separators: `jobs/acme/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What every renderer needs to know about the site being built.
pub struct Site<'a> {
    pub config: &'a Config,
    pub theme: &'a Theme,
    pub today: NaiveDate,
    /// What `serve` keeps from one rebuild for the next (a one-off build
    /// has none to reuse).
    pub kept: Option<&'a Kept>,
}

/// What `serve` keeps between rebuilds, beyond each posting's own result:
/// each job's search words, and the filters while no job's facets move.
#[derive(Default)]
pub struct Kept {
    pub words: search::WordsCache,
    pub filters: filters::Kept,
}

impl Kept {
    /// Forgets everything (the settings, the theme or the day changed).
    pub fn clear(&self) {
        self.words.clear();
        self.filters.clear();
    }
}

/// A lock on something kept between rebuilds; what a rebuild that panicked
/// while holding it left (perhaps half updated) is forgotten.
fn lock_kept<T: Default>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| {
        let mut kept = poisoned.into_inner();
        *kept = T::default();
        mutex.clear_poison();
        kept
    })
}

impl Site<'_> {
    /// The absolute address of a path of the site (`jobs/acme/`).
    pub fn absolute(&self, path: &str) -> String {
        self.config.absolute(path)
    }
}

#[derive(Clone, Debug, thiserror::Error)]
#[error("cannot render {path} with {template}: {message}")]
pub struct RenderError {
    pub path: String,
    pub template: String,
    pub message: String,
}

/// The way from a page at `path` back to the site's root: `./`, `../../`.
/// Pages link relatively so that a copy of the site works under any path.
pub fn root_of(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".into()
    } else {
        "../".repeat(depth)
    }
}

/// `jobs/acme/` for `jobs/acme/index.html`: the address readers see.
pub fn dir_of(path: &str) -> &str {
    path.strip_suffix("index.html").unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_find_their_way_home() {
        assert_eq!(root_of("index.html"), "./");
        assert_eq!(root_of("page/2/index.html"), "../../");
        assert_eq!(root_of("jobs/acme/index.html"), "../../");
        assert_eq!(dir_of("jobs/acme/index.html"), "jobs/acme/");
        assert_eq!(dir_of("index.html"), "");
    }

    #[test]
    fn what_a_panicked_rebuild_left_half_made_is_forgotten() {
        let kept = std::sync::Mutex::new(vec![1, 2, 3]);
        let panicked = std::thread::scope(|s| {
            s.spawn(|| {
                let mut half = kept.lock().expect("lock");
                half.push(4);
                panic!("a rebuild fails midway");
            })
            .join()
        });
        assert!(panicked.is_err() && kept.is_poisoned());
        assert!(lock_kept(&kept).is_empty(), "forgotten");
        assert!(!kept.is_poisoned(), "and usable again");
        lock_kept(&kept).push(5);
        assert_eq!(*lock_kept(&kept), vec![5]);
    }
}
