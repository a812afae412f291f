//! The one schema of a posting: typed fields, enums, dates.
//!
//! `parse.rs` turns a file's text into a [`Posting`] (or into findings that say
//! why it cannot); the rules, the renderer and the filters all read this type.

mod choice;
mod draft;
pub mod issue_form;
mod parse;
mod place;

use chrono::NaiveDate;
use url::Url;

pub use choice::{Choice, JobType, Period, Remote};
pub use draft::{Draft, SKELETON_BODY, scalar};
pub use parse::{FIELDS, parse};
pub use place::{Country, Currency, Region};

use crate::diagnostic::Span;

#[derive(Clone, Debug)]
pub struct Posting {
    /// The file name without `.md`: the posting's address on the site.
    pub slug: String,
    /// The file, relative to the board's root, with `/` separators.
    pub file: String,
    pub title: String,
    pub company: String,
    pub company_url: Option<Url>,
    pub location: Option<Place>,
    pub remote: Remote,
    /// Where a remote applicant may live; empty unless given.
    pub remote_from: Vec<Region>,
    pub types: Vec<JobType>,
    /// A key of `board.yaml`'s `categories`.
    pub category: String,
    pub salary: Option<Salary>,
    pub tags: Vec<String>,
    pub apply: Apply,
    pub contact: Option<Contact>,
    pub agency: bool,
    pub posted: NaiveDate,
    pub expires: Option<NaiveDate>,
    pub body: Body,
    /// Where each field's value stands in the file, for findings.
    pub spans: Spans,
    /// Changes whenever the file's name or text does: what is rendered from
    /// a posting can be kept while its fingerprint stays the same.
    pub fingerprint: u64,
    /// What makes two postings the same job, for `duplicate`.
    pub keys: Keys,
}

/// Identities of a posting's parts, ignoring case and spacing, made once when
/// it is parsed so that comparing a board's postings is cheap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    pub company: u64,
    /// The company and the title together.
    pub job: u64,
    /// The body; 0 for an empty one.
    pub body: u64,
    /// Where to apply: host, path and query (or the address), ignoring a final `/`.
    pub apply: u64,
}

impl Keys {
    pub fn new(company: &str, title: &str, body: &str, apply: &Apply) -> Self {
        let company = name_key(company);
        let apply = match apply {
            Apply::Url(url) => {
                let mut key = format!("{}{}", url.host_str().unwrap_or_default(), url.path());
                if let Some(query) = url.query() {
                    key.push('?');
                    key.push_str(query);
                }
                name_key(key.trim_end_matches('/'))
            }
            Apply::Email(address) => name_key(address),
        };
        Self {
            company,
            job: company ^ name_key(title).rotate_left(1),
            body: text_key(body),
            apply,
        }
    }
}

/// A short text's identity ignoring case (any script) and spacing.
fn name_key(text: &str) -> u64 {
    let normal: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    fingerprint(&[normal.join(" ").as_bytes()])
}

/// A hash of `parts` (FxHash's multiply-rotate over 8-byte words: fast, not
/// for adversaries; a collision only costs a re-render or a missed
/// duplicate). The same bytes give the same hash on every run.
pub fn fingerprint(parts: &[&[u8]]) -> u64 {
    parts.iter().fold(0, |hash, part| mix_bytes(hash, part))
}

/// The identity of a text ignoring (ASCII) case and spacing: "Hello  World"
/// and "hello world" have the same key; an empty text has key 0.
pub fn text_key(text: &str) -> u64 {
    // One pass, no copy: bytes go eight at a time into the hash, runs of
    // spaces as one space, capitals as small letters.
    let (mut hash, mut word, mut filled, mut len) = (0u64, 0u64, 0u32, 0u64);
    let mut push = |byte: u8| {
        word |= u64::from(byte) << (8 * filled);
        filled += 1;
        len += 1;
        if filled == 8 {
            hash = mix(hash, word);
            (word, filled) = (0, 0);
        }
    };
    let mut space = false;
    let mut any = false;
    for &b in text.as_bytes() {
        if b.is_ascii_whitespace() {
            space = any;
        } else {
            if space {
                push(b' ');
                space = false;
            }
            push(b.to_ascii_lowercase());
            any = true;
        }
    }
    if !any {
        return 0;
    }
    mix(mix(hash, word), len) | 1
}

const FX: u64 = 0x517c_c1b7_2722_0a95;

fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(5) ^ word).wrapping_mul(FX)
}

/// Mixes `bytes` into `hash`, eight at a time, then their length (so that
/// ("ab", "c") and ("a", "bc") differ).
fn mix_bytes(mut hash: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = mix(hash, u64::from_le_bytes(word));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        hash = mix(hash, u64::from_le_bytes(word));
    }
    mix(hash, bytes.len() as u64)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub city: String,
    pub region: Option<String>,
    pub country: Country,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Salary {
    pub min: Amount,
    pub max: Option<Amount>,
    pub currency: Currency,
    pub period: Period,
}

/// A sum of money as written: its value and its spelling (`35.50`).
#[derive(Clone, Debug, PartialEq)]
pub struct Amount {
    pub value: f64,
    pub text: String,
}

/// How to apply: a web page or an e-mail address.
#[derive(Clone, Debug, PartialEq)]
pub enum Apply {
    Url(Url),
    /// The address of a `mailto:` link, without the scheme.
    Email(String),
}

impl Apply {
    /// The link a reader follows to apply.
    pub fn href(&self) -> String {
        match self {
            Apply::Url(url) => url.to_string(),
            Apply::Email(address) => format!("mailto:{address}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
}

/// The Markdown body and the file line it starts on.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Body {
    pub markdown: String,
    pub line: u32,
    /// Set when the text was let go after checking, to keep a build's memory
    /// independent of the bodies' length; it is read again to be rendered.
    pub dropped: bool,
}

/// Spans of the values in the file (or of the key, for a value that is absent).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spans {
    /// The opening `---`: where findings about the whole front matter point.
    pub front_matter: Span,
    pub title: Span,
    pub company: Span,
    pub company_url: Span,
    pub remote: Span,
    pub category: Span,
    pub salary: Span,
    pub salary_min: Span,
    pub salary_max: Span,
    pub tags: Vec<Span>,
    pub apply: Span,
    pub contact_email: Span,
    pub posted: Span,
    pub expires: Span,
}

impl Posting {
    /// The last day the posting is live: `posted + max_age_days - 1`, or
    /// `expires` when that comes first.
    pub fn last_day(&self, max_age_days: u32) -> NaiveDate {
        let by_age = self
            .posted
            .checked_add_days(chrono::Days::new(u64::from(max_age_days.max(1)) - 1))
            .unwrap_or(NaiveDate::MAX);
        self.expires.map_or(by_age, |expires| expires.min(by_age))
    }

    /// SPEC: live on day D when `posted <= D < posted + max_age_days` and,
    /// where `expires` is given, `D <= expires`.
    pub fn is_live(&self, today: NaiveDate, max_age_days: u32) -> bool {
        self.posted <= today && today <= self.last_day(max_age_days)
    }

    /// Where a reader finds the job, relative to the site's root.
    pub fn path(&self) -> String {
        format!("jobs/{}/", self.slug)
    }
}
