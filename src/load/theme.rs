//! A board's theme as files: the built-in theme, with each file of the
//! board's `templates/` taking the place of the built-in one of the same
//! name. Nothing here compiles a template (`render::theme` does).

use std::collections::BTreeMap;
use std::path::Path;

use crate::layout::TEMPLATES as DIR;

/// A template or static file may have this many bytes (an icon, a font).
const MAX_FILE_BYTES: u64 = 8 << 20;
/// And the theme all together.
const MAX_TOTAL_BYTES: u64 = 64 << 20;

/// The files of a board's theme, by their path relative to `templates/`.
pub struct ThemeFiles {
    /// Templates, as text.
    pub templates: BTreeMap<String, String>,
    /// Files copied to the site as they are, by their path under `static/`.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Changes whenever a file does.
    pub fingerprint: u64,
}

#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct ThemeFileError {
    pub file: String,
    pub message: String,
}

/// The built-in theme with the overrides found in `root/templates/`.
pub fn load(root: &Path) -> Result<ThemeFiles, ThemeFileError> {
    let mut templates = BTreeMap::new();
    let mut statics = BTreeMap::new();
    let mut add = |name: String, bytes: Vec<u8>| -> Result<(), ThemeFileError> {
        if let Some(file) = name.strip_prefix("static/") {
            statics.insert(file.to_string(), bytes);
        } else if crate::theme::is_template(&name) {
            let text = String::from_utf8(bytes).map_err(|_| ThemeFileError {
                file: format!("{DIR}/{name}"),
                message: "is not UTF-8 text".into(),
            })?;
            templates.insert(name, text);
        }
        Ok(())
    };
    for file in crate::theme::BUILTIN {
        add(file.name.to_string(), file.bytes.to_vec())?;
    }
    let dir = super::board_folder(&root.join(DIR)).map_err(|err| ThemeFileError {
        file: DIR.into(),
        message: err.to_string(),
    })?;
    if let Some(dir) = dir {
        for (name, bytes) in read_tree(root, &dir)? {
            add(name, bytes)?;
        }
    }
    let mut parts: Vec<&[u8]> = Vec::with_capacity(templates.len() * 2 + statics.len() * 2);
    for (name, text) in &templates {
        parts.extend([name.as_bytes(), text.as_bytes()]);
    }
    for (name, bytes) in &statics {
        parts.extend([name.as_bytes(), bytes.as_slice()]);
    }
    let fingerprint = crate::source::fingerprint(&parts);
    Ok(ThemeFiles {
        templates,
        statics,
        fingerprint,
    })
}

/// Every regular file under `dir`, by its path relative to `dir`. A symbolic
/// link, a pipe or a device is an error: it could make the build read
/// outside the board, or hang.
fn read_tree(root: &Path, dir: &Path) -> Result<Vec<(String, Vec<u8>)>, ThemeFileError> {
    let mut files = Vec::new();
    let mut total = 0u64;
    for item in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = item.map_err(|err| ThemeFileError {
            file: DIR.into(),
            message: format!("cannot be read: {err}"),
        })?;
        let file = super::relative(root, entry.path());
        if entry.file_type().is_symlink() {
            return Err(ThemeFileError {
                file,
                message: "is a symbolic link; templates must be regular files inside the board"
                    .into(),
            });
        }
        if entry.file_type().is_dir() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // Opened without following links, never waiting on a pipe, bounded.
        let bytes =
            super::read_board_file(entry.path(), MAX_FILE_BYTES).map_err(|err| ThemeFileError {
                file: file.clone(),
                message: err.to_string(),
            })?;
        total += bytes.len() as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(ThemeFileError {
                file: DIR.into(),
                message: format!(
                    "holds more than {} MiB; a theme needs far less",
                    MAX_TOTAL_BYTES >> 20
                ),
            });
        }
        let name = super::relative(dir, entry.path());
        files.push((name, bytes));
    }
    Ok(files)
}
