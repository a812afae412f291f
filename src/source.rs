//! What the load stage hands on: a posting file's text, and what a pull
//! request changed. Plain data, shared by the stages after it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;

/// A posting's text, without its byte order mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The file, relative to the board's root, with `/` separators.
    pub file: String,
    /// The file name without `.md`: the posting's address on the site.
    pub slug: String,
    pub text: String,
}

impl Source {
    /// What identifies this version of the file: its name and its text.
    pub fn fingerprint(&self) -> u64 {
        fingerprint(&[self.file.as_bytes(), self.text.as_bytes()])
    }
}

/// The texts of the files findings are about, to show the offending lines
/// (shared, not copied: `serve` keeps them from one rebuild to the next).
pub type Texts = HashMap<String, Arc<str>>;

/// A map keyed by fingerprints ([`fingerprint`] and the like): the keys
/// are hashes already, so they are used as they are, not hashed again.
pub type KeyMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// The hasher of a [`KeyMap`]: a `u64` key is its own hash.
#[derive(Default)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys come here; anything else is folded in plainly.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A hash of `parts` (SipHash with fixed keys: the same bytes give the same
/// hash on every run, and unlike multiply-rotate hashes, texts that differ
/// in a few characters do not collide; a collision would mark two postings
/// duplicates).
pub fn fingerprint(parts: &[&[u8]]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for part in parts {
        hasher.write(part);
        hasher.write_usize(part.len());
    }
    hasher.finish()
}

/// The postings a pull request adds or changes, relative to the board's root
/// (`check --since`).
#[derive(Debug, Default)]
pub struct Changes {
    pub added: HashSet<String>,
    /// Each changed posting with the `posted` it had at the base, when that
    /// version parsed.
    pub modified: HashMap<String, Option<NaiveDate>>,
}
