//! What the sweep found, by link, with the day it asked: a link alive
//! within the last [`FRESH_DAYS`] days is not asked again; a dead one is
//! always asked again (it may be back, and a dead verdict should be
//! fresh). A cache that cannot be read (missing, corrupt, too large, of
//! another version) is a warning and an empty cache, never a failure: it
//! only saves requests. It is written whole to a file beside it, then
//! renamed over it, so that a killed run leaves the old one.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Outcome, Verdict};

/// The cache's format; another one is read as empty.
pub const VERSION: u32 = 1;

/// How long an alive verdict stands.
pub const FRESH_DAYS: i64 = 7;

/// The most a cache file may weigh (a board of 100,000 links is ~15 MB).
const MAX_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cache {
    pub version: u32,
    /// By link.
    pub links: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The day it was asked (`--today` of that run).
    #[serde(with = "day")]
    pub checked: NaiveDate,
    pub verdict: Verdict,
    pub reason: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unconfirmed: bool,
}

impl Entry {
    pub fn new(checked: NaiveDate, outcome: &Outcome) -> Self {
        Self {
            checked,
            verdict: outcome.verdict,
            reason: outcome.reason.clone(),
            unconfirmed: outcome.unconfirmed,
        }
    }

    /// Its outcome, when it is alive and was asked within [`FRESH_DAYS`]
    /// days before `today` (a day after `today` is not fresh: the cache is
    /// from another timeline).
    pub fn fresh(&self, today: NaiveDate) -> Option<Outcome> {
        let age = (today - self.checked).num_days();
        (self.verdict == Verdict::Alive && (0..FRESH_DAYS).contains(&age)).then(|| Outcome {
            verdict: Verdict::Alive,
            reason: self.reason.clone(),
            unconfirmed: self.unconfirmed,
        })
    }
}

impl Cache {
    pub fn new() -> Self {
        Self {
            version: VERSION,
            links: BTreeMap::new(),
        }
    }

    /// The cache in `path`; empty, with a warning that says why, when it
    /// cannot be used (a missing file is only a first run: no warning).
    pub fn load(path: &Path) -> (Self, Option<String>) {
        let shown = crate::report::inert(&path.display().to_string());
        let bytes = match crate::load::read_capped(path, MAX_BYTES) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return (Self::new(), None),
            Err(err) => {
                return (
                    Self::new(),
                    Some(format!("cannot read the cache {shown}: {err}")),
                );
            }
        };
        // The version alone first: another version's shape is not an error
        // worth showing.
        #[derive(Deserialize)]
        struct Versioned {
            version: u32,
        }
        match serde_json::from_slice::<Versioned>(&bytes) {
            Ok(v) if v.version == VERSION => {}
            Ok(v) => {
                return (
                    Self::new(),
                    Some(format!(
                        "the cache {shown} is version {}, not {VERSION}",
                        v.version
                    )),
                );
            }
            Err(err) => {
                return (
                    Self::new(),
                    Some(format!(
                        "the cache {shown} is not a links cache ({})",
                        crate::report::inert(&err.to_string())
                    )),
                );
            }
        }
        match serde_json::from_slice::<Self>(&bytes) {
            Ok(cache) => (cache, None),
            Err(err) => (
                Self::new(),
                Some(format!(
                    "the cache {shown} is not a links cache ({})",
                    crate::report::inert(&err.to_string())
                )),
            ),
        }
    }

    /// Writes the cache to `path`, atomically.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let mut bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        let temp = temp_beside(path);
        let written = (|| {
            let mut file = std::fs::File::create(&temp)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            std::fs::rename(&temp, path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        written
    }
}

/// A day as `YYYY-MM-DD`.
mod day {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(day: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&day.format("%Y-%m-%d"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(serde::de::Error::custom)
    }
}

/// A file name beside `path`, hidden and unique to this process.
fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "links-cache".into());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn alive_stands_for_a_week_dead_never() {
        let alive = Entry::new(day("2026-11-15"), &Outcome::alive("200 OK".into()));
        assert!(alive.fresh(day("2026-11-15")).is_some());
        assert!(alive.fresh(day("2026-11-21")).is_some());
        assert!(alive.fresh(day("2026-11-22")).is_none());
        assert!(alive.fresh(day("2026-11-14")).is_none());
        let dead = Entry::new(day("2026-11-21"), &Outcome::dead("404 Not Found".into()));
        assert!(dead.fresh(day("2026-11-21")).is_none());
    }

    #[test]
    fn unusable_caches_are_empty_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.json");
        let (cache, warning) = Cache::load(&path);
        assert!(cache.links.is_empty() && warning.is_none());
        let (cache, warning) = Cache::load(dir.path());
        assert!(cache.links.is_empty());
        assert!(warning.unwrap().contains("not a regular file"));
        for (bytes, says) in [
            (&b"{not json"[..], "not a links cache"),
            (b"{\"version\": 2, \"links\": []}", "version 2"),
            (
                b"{\"version\": 1, \"links\": {\"x\": 3}}",
                "not a links cache",
            ),
            (b"\xff\xfe", "not a links cache"),
        ] {
            std::fs::write(&path, bytes).unwrap();
            let (cache, warning) = Cache::load(&path);
            assert!(cache.links.is_empty());
            assert!(warning.unwrap().contains(says), "{says}");
        }
    }

    #[test]
    fn saved_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.json");
        let mut cache = Cache::new();
        cache.links.insert(
            "https://acme.example/".into(),
            Entry::new(
                day("2026-11-21"),
                &Outcome::unconfirmed("403, servers often refuse robots".into()),
            ),
        );
        cache.save(&path).unwrap();
        let (read, warning) = Cache::load(&path);
        assert!(warning.is_none());
        assert_eq!(read.links, cache.links);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
