//! `board.yaml` read from the board (a regular file of the board, bounded)
//! and parsed into a [`Config`].

use std::path::Path;

use crate::config::Config;
use crate::diagnostic::Finding;
use crate::layout::CONFIG as FILE;

/// Why a board cannot be configured: the findings in `board.yaml` (with its
/// text, to show them), or a file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{FILE} has {} problem(s)", findings.len())]
    Invalid {
        findings: Vec<Finding>,
        text: String,
    },
    #[error("no {FILE} in {}", path.parent().map_or_else(|| ".".into(), |p| p.display().to_string()))]
    Missing { path: std::path::PathBuf },
    #[error("{} {why}", path.display())]
    Unreadable {
        path: std::path::PathBuf,
        why: super::BoardFileError,
    },
}

/// `board.yaml` is a few dozen lines; anything much larger is not one.
pub const MAX_BYTES: u64 = 64 * 1024;

/// Reads and validates `board.yaml` in `root` (a regular file of the board,
/// never a link, at most [`MAX_BYTES`]).
pub fn load(root: &Path) -> Result<Config, ConfigError> {
    let path = root.join(FILE);
    let bytes = super::read_board_file(&path, MAX_BYTES).map_err(|source| match source {
        super::BoardFileError::Missing => ConfigError::Missing { path: path.clone() },
        why => ConfigError::Unreadable {
            path: path.clone(),
            why,
        },
    })?;
    let text = String::from_utf8(bytes).map_err(|_| ConfigError::Unreadable {
        path: path.clone(),
        why: super::BoardFileError::Io(std::io::Error::other("it is not UTF-8 text")),
    })?;
    let mut config =
        crate::config::parse(&text).map_err(|findings| ConfigError::Invalid { findings, text })?;
    if config.repository.is_none() {
        config.repository = github_repository();
    }
    Ok(config)
}

/// The repository GitHub Actions runs in (`GITHUB_SERVER_URL` and
/// `GITHUB_REPOSITORY`), for a board that does not name its own: a board
/// published by its workflow links its own issue form without being told.
fn github_repository() -> Option<url::Url> {
    let server = std::env::var("GITHUB_SERVER_URL").ok()?;
    let repository = std::env::var("GITHUB_REPOSITORY").ok()?;
    let valid = repository.split('/').count() == 2
        && repository
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
        && !repository.contains("..");
    if !valid {
        return None;
    }
    url::Url::parse(&format!("{}/{repository}", server.trim_end_matches('/')))
        .ok()
        .filter(|url| url.scheme() == "https")
}
