//! Files under `postings/` to texts, or to `file` findings that say why not.
//!
//! Nothing here follows a symbolic link or reads more than a posting may hold,
//! so a hostile pull request cannot make the build read outside the board.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

pub mod config;
pub mod git;
pub mod theme;

use crate::diagnostic::{Finding, Pos, RuleId, Severity, Span};
use crate::text::LineIndex;

use crate::layout::POSTINGS as DIR;

/// SPEC: a posting is at most 256 KiB.
pub const MAX_BYTES: u64 = 256 * 1024;

/// A posting file found under `postings/`, not yet read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    /// The file relative to the board's root, with `/` separators.
    pub file: String,
    pub slug: String,
}

impl Entry {
    /// A hidden file beside the posting, for a command (`prune`, `fill`)
    /// to set it aside or write its new text in: the board's listing never
    /// reads a hidden file as a posting.
    pub fn aside(&self, command: &str) -> PathBuf {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.path
            .with_file_name(format!(".{name}.jobboard-{command}"))
    }
}

pub use crate::source::Source;

/// Every posting file under `root/postings`, in path order, and the findings
/// about files that cannot be postings (symlinks, bad names, duplicates).
pub fn discover(root: &Path) -> (Vec<Entry>, Vec<Finding>) {
    let mut entries = Vec::new();
    let mut findings = Vec::new();
    let dir = match board_folder(&root.join(DIR)) {
        Ok(Some(dir)) => dir,
        Ok(None) => return (entries, findings),
        Err(err) => {
            // A linked `postings/` is not walked: what it holds is not the board's.
            findings.push(file_error(DIR, format!("`{DIR}` {err}")).with_help(
                "make postings/ a folder of the board, holding the posting files themselves",
            ));
            return (entries, findings);
        }
    };
    let walk = walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let mut seen: HashMap<String, String> = HashMap::new();
    for item in walk {
        let entry = match item {
            Ok(entry) => entry,
            Err(err) => {
                let file = err
                    .path()
                    .map_or_else(|| DIR.to_string(), |p| relative(root, p));
                findings.push(file_error(file, format!("cannot be read: {err}")));
                continue;
            }
        };
        let file = relative(root, entry.path());
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        if kind.is_symlink() {
            findings.push(
                file_error(
                    &file,
                    "is a symbolic link; a posting must be a regular file",
                )
                .with_help("replace the link with the posting's own file"),
            );
            continue;
        }
        if !kind.is_file() {
            findings.push(file_error(&file, "is not a regular file"));
            continue;
        }
        let path = entry.path();
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.extension().and_then(|e| e.to_str()) != Some("md") {
            findings.push(
                file_error(
                    &file,
                    "is not a Markdown file; only `.md` files belong in postings/",
                )
                .with_help(format!(
                    "rename it to `{}.md`, or move it out of postings/",
                    slug::slugify(&stem)
                )),
            );
            continue;
        }
        if let Err(message) = check_slug(&stem) {
            findings.push(file_error(&file, message).with_help(format!(
                "rename the file to `{}.md`; its name is the job's address on the site",
                suggest_slug(&stem)
            )));
            continue;
        }
        if let Some(other) = seen.get(&stem) {
            findings.push(
                file_error(&file, format!("has the same name as {other}; the name is the job's address, so it must be unique"))
                    .with_help("rename one of the two files"),
            );
            continue;
        }
        seen.insert(stem.clone(), file.clone());
        entries.push(Entry {
            path: path.to_path_buf(),
            file,
            slug: stem,
        });
    }
    (entries, findings)
}

/// Names of the site's own folders and files. A posting's page lives under
/// `jobs/`, so none could be overwritten; a posting of such a name is still
/// refused, so that no address of the site is ever ambiguous to a reader.
pub const RESERVED: &[&str] = &[
    "index", "page", "jobs", "static", "feed", "remote", "type", "category", "country", "tag",
    "sitemap", "robots", "404", "jobboard",
];

/// SPEC: 3 to 80 of `a-z 0-9 -`, and not a name the site uses itself.
pub fn check_slug(slug: &str) -> Result<(), String> {
    if RESERVED.contains(&slug) {
        return Err(format!(
            "is named `{slug}`, a name the site uses for its own pages"
        ));
    }
    if !(3..=80).contains(&slug.len()) {
        return Err(format!(
            "has a name of {} characters; a posting's name has 3 to 80",
            slug.chars().count()
        ));
    }
    if let Some(bad) = slug
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(format!(
            "has `{bad}` in its name; a posting's name has only a-z, 0-9 and `-`"
        ));
    }
    Ok(())
}

/// A posting name SPEC allows, made from any text: `Acme Müller GmbH` as
/// `acme-muller-gmbh`; too short or reserved names get `-job`.
pub fn suggest_slug(text: &str) -> String {
    let mut slug = slug::slugify(text);
    slug.truncate(80);
    slug.truncate(slug.trim_end_matches('-').len());
    if slug.is_empty() {
        return "job".into();
    }
    while slug.len() < 3 || RESERVED.contains(&slug.as_str()) {
        slug.push_str("-job");
    }
    slug
}

/// Why a file or folder of the board cannot be used. Each says what is
/// wrong in words that name the thing.
#[derive(Debug, thiserror::Error)]
pub enum BoardFileError {
    #[error("does not exist")]
    Missing,
    #[error("is a symbolic link; the board's files must be its own, not links to elsewhere")]
    Link,
    #[error("is {0}, not a regular file")]
    NotFile(&'static str),
    #[error("is {0}, not a folder")]
    NotFolder(&'static str),
    #[error("is {} KiB; it may have at most {} KiB", .len.div_ceil(1024), .max / 1024)]
    TooBig { len: u64, max: u64 },
    #[error("cannot be read: {0}")]
    Io(std::io::Error),
}

/// What kind of thing a file system entry is, for messages.
fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a file"
    } else {
        "something other than a file"
    }
}

/// A file of the board (`board.yaml`, a template) as bytes: read only if it
/// is a regular file of at most `max` bytes, opened without following a
/// symbolic link and without waiting on a pipe, so that a pull request
/// cannot make the tool read outside the board, read forever, or hang.
pub fn read_board_file(path: &Path, max: u64) -> Result<Vec<u8>, BoardFileError> {
    let file = open_no_follow(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => BoardFileError::Missing,
        _ if is_link_error(&err) => BoardFileError::Link,
        _ => BoardFileError::Io(err),
    })?;
    let meta = file.metadata().map_err(BoardFileError::Io)?;
    if !meta.is_file() {
        return Err(BoardFileError::NotFile(kind_of(meta.file_type())));
    }
    if meta.len() > max {
        return Err(BoardFileError::TooBig {
            len: meta.len(),
            max,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // A file that grows while it is read is still read only so far.
    (&file)
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(BoardFileError::Io)?;
    if bytes.len() as u64 > max {
        return Err(BoardFileError::TooBig {
            len: bytes.len() as u64,
            max,
        });
    }
    Ok(bytes)
}

/// A file of the tool's own beside the board (a previous deployment's
/// `jobs.json`, the links cache): at most `max` bytes, an error past that
/// or when it is not a regular file (a pipe would never end).
pub fn read_capped(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(std::io::Error::other(format!(
            "over {} MB",
            max / 1024 / 1024
        )));
    }
    Ok(bytes)
}

/// A folder of the board (`postings/`, `templates/`): `None` when it does not
/// exist, an error when it is a link or not a folder.
pub fn board_folder(path: &Path) -> Result<Option<PathBuf>, BoardFileError> {
    match std::fs::symlink_metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(BoardFileError::Io(err)),
        Ok(meta) if meta.file_type().is_symlink() => Err(BoardFileError::Link),
        Ok(meta) if !meta.is_dir() => Err(BoardFileError::NotFolder(kind_of(meta.file_type()))),
        Ok(_) => Ok(Some(path.to_path_buf())),
    }
}

/// Whether opening failed because the path is a symbolic link (`O_NOFOLLOW`
/// says so with `ELOOP`).
fn is_link_error(err: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        err.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
    }
    #[cfg(not(unix))]
    {
        err.to_string().contains("symbolic link")
    }
}

/// Reads one posting, refusing what SPEC says a posting cannot be.
pub fn read(entry: &Entry) -> Result<Source, Finding> {
    let bytes = read_bounded(&entry.path).map_err(|message| file_error(&entry.file, message))?;
    source(&entry.file, &entry.slug, bytes)
}

/// Reads one posting as [`read`] does, with its file's bytes as they are (a
/// byte order mark and all), for a change that must keep every other byte.
pub fn read_with_bytes(entry: &Entry) -> Result<(Source, Vec<u8>), Finding> {
    let bytes = read_bounded(&entry.path).map_err(|message| file_error(&entry.file, message))?;
    Ok((source(&entry.file, &entry.slug, bytes.clone())?, bytes))
}

/// A posting file's bytes as its text: UTF-8 without NUL bytes (a byte
/// order mark dropped), and not empty.
pub fn source(file: &str, slug: &str, bytes: Vec<u8>) -> Result<Source, Finding> {
    let text = decode(bytes).map_err(|(span, message)| {
        Finding::new(file, span, RuleId::File, Severity::Error, message)
            .with_help("save the file as UTF-8 text")
    })?;
    if text.trim().is_empty() {
        return Err(file_error(file, "is empty").with_help(
            "a posting starts with `---`, its fields, `---`, then the description; `jobboard new` writes one for you",
        ));
    }
    Ok(Source {
        file: file.into(),
        slug: slug.into(),
        text,
    })
}

/// At most `MAX_BYTES`, without following a symbolic link that appeared
/// since the folder was listed.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let file = open_no_follow(path).map_err(|err| format!("cannot be read: {err}"))?;
    let meta = file
        .metadata()
        .map_err(|err| format!("cannot be read: {err}"))?;
    if !meta.is_file() {
        return Err("is not a regular file".into());
    }
    if meta.len() > MAX_BYTES {
        return Err(too_big(meta.len()));
    }
    // One read of the size the file has: no second read to find its end.
    let mut bytes = vec![0; usize::try_from(meta.len()).unwrap_or(0)];
    (&file)
        .read_exact(&mut bytes)
        .map_err(|err| format!("cannot be read (did it change meanwhile?): {err}"))?;
    Ok(bytes)
}

fn too_big(len: u64) -> String {
    format!(
        "is {} KiB; a posting is at most {} KiB",
        len.div_ceil(1024),
        MAX_BYTES / 1024
    )
}

/// Opens without following a symbolic link, and without blocking: opening a
/// named pipe for reading waits for a writer, which would hang the tool.
#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(std::io::Error::other("is a symbolic link"));
    }
    std::fs::File::open(path)
}

/// UTF-8 without NUL bytes; a byte order mark is dropped.
fn decode(bytes: Vec<u8>) -> Result<String, (Span, String)> {
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let pos = LineIndex::new(prefix, 1).pos(valid);
            return Err((
                Span::at(pos),
                format!(
                    "is not UTF-8 text: the byte at line {}, column {} is not UTF-8",
                    pos.line, pos.column
                ),
            ));
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if let Some(at) = text.find('\0') {
        let pos = LineIndex::new(&text, 1).pos(at);
        return Err((
            Span::at(pos),
            "contains a NUL byte; is it a binary file?".into(),
        ));
    }
    Ok(text)
}

fn file_error(file: impl Into<String>, message: impl Into<String>) -> Finding {
    Finding::new(
        file,
        Span::at(Pos::START),
        RuleId::File,
        Severity::Error,
        message,
    )
}

pub use crate::layout::relative;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_spec() {
        assert!(check_slug("acme-python-dev").is_ok());
        assert!(check_slug("ab").is_err());
        assert!(check_slug(&"a".repeat(81)).is_err());
        assert!(check_slug("Acme").unwrap_err().contains('A'));
        assert!(check_slug("feed").unwrap_err().contains("site uses"));
        assert_eq!(suggest_slug("Acme Müller GmbH"), "acme-muller-gmbh");
        assert_eq!(suggest_slug("x"), "x-job");
        assert_eq!(suggest_slug("Feed"), "feed-job");
        assert_eq!(suggest_slug("!!!"), "job");
        assert_eq!(suggest_slug(&"abc ".repeat(30)).len(), 79);
    }

    #[test]
    fn decoding_drops_the_bom_and_refuses_binary() {
        assert_eq!(decode(b"\xEF\xBB\xBF---\n".to_vec()).unwrap(), "---\n");
        let (span, message) = decode(b"ok\nab\xFFcd".to_vec()).unwrap_err();
        assert_eq!(span.start, Pos::new(2, 3));
        assert!(message.contains("not UTF-8"));
        assert!(decode(b"a\0b".to_vec()).unwrap_err().1.contains("NUL"));
    }
}
