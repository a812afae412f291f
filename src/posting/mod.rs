//! The one schema of a posting: typed fields, enums, dates.
//!
//! `fields.rs` declares every front-matter field once; `value.rs` reads a
//! field by its kind; `parse.rs` turns a file's text into a [`Posting`] (or
//! into findings that say why it cannot); `draft.rs` and `issue_form.rs` go
//! the other way for `jobboard new`. The rules, the renderer and the filters
//! all read [`Posting`].

mod choice;
mod draft;
pub mod edit;
pub mod fields;
pub mod issue_form;
mod parse;
mod place;
pub(crate) mod salary;
mod value;

use chrono::NaiveDate;
use url::Url;

pub use choice::{Choice, JobType, Period, Remote};
pub use draft::{Draft, SKELETON_BODY, Written, plain_number, scalar, yes_or_no};
pub use fields::{FIELDS, Field, Kind, POSTING, Publish, Schema};
pub use parse::{BROKEN, Parsed, parse, parse_lenient, parse_with};
pub use place::{Country, Currency, Region};
pub use salary::amount;
pub use value::{MAX_TAGS, Value};

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
    /// The day the job was filled: from then on the posting is off the board.
    pub filled: Option<NaiveDate>,
    /// The fields only their declarations know ([`Publish::Fact`]), in order.
    pub extra: Vec<(&'static Field, Value)>,
    pub body: Body,
    /// Where each field's value stands in the file, for findings.
    pub spans: Spans,
    /// Changes whenever the file's name or text does: what is rendered from
    /// a posting can be kept while its fingerprint stays the same.
    pub fingerprint: u64,
    /// What makes two postings the same job, for `duplicate`.
    pub keys: Keys,
}

/// How many hashes a signature has.
pub const HASHES: usize = 32;

/// A description's MinHash signatures, for finding the same job posted in
/// other words (`rules::similar` makes and compares them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    /// Of its word triples (copied text).
    pub triples: [u32; HASHES],
    /// Of its words (the same job in other words).
    pub words: [u32; HASHES],
}

impl Default for Signature {
    fn default() -> Self {
        Self {
            triples: [u32::MAX; HASHES],
            words: [u32::MAX; HASHES],
        }
    }
}

impl Signature {
    /// Whether no word was seen (an empty description).
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&v| v == u32::MAX)
    }
}

/// Identities of a posting's parts, ignoring case and spacing, made once when
/// it is parsed so that comparing a board's postings is cheap.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    /// The description's signatures for `near-duplicate`, when it was
    /// judged and has words: boxed, since a build keeps every posting and
    /// judges none (a quarter of a posting's size, inline).
    pub similar: Option<Box<Signature>>,
    pub company: u64,
    /// The company and the title together.
    pub job: u64,
    /// The body; 0 for an empty one.
    pub body: u64,
    /// Where to apply: host, path and query (or the address), ignoring a final `/`.
    pub apply: u64,
}

impl Keys {
    /// Keeps `signature` for `near-duplicate`, unless it saw no word.
    pub fn set_similar(&mut self, signature: Signature) {
        self.similar = (!signature.is_empty()).then(|| Box::new(signature));
    }

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
            similar: None,
            company,
            job: company ^ name_key(title).rotate_left(1),
            body: text_key(body),
            apply,
        }
    }
}

/// A short text's identity ignoring case (any script), spacing,
/// compatibility forms and look-alike letters ("Аcme" with a Cyrillic А is
/// "Acme").
fn name_key(text: &str) -> u64 {
    fingerprint(&[crate::unicode::name_key(text).as_bytes()])
}

pub use crate::source::fingerprint;

/// The identity of a text ignoring (ASCII) case and spacing: "Hello  World"
/// and "hello world" have the same key; an empty text has key 0.
pub fn text_key(text: &str) -> u64 {
    // Lower-cased and every space made a plain one as blocks (vectorized),
    // then each run of spaces made one in place, a stretch between runs at
    // a time, and the ends trimmed.
    let mut normal = text.as_bytes().to_ascii_lowercase();
    for b in &mut normal {
        *b = if b.is_ascii_whitespace() { b' ' } else { *b };
    }
    let runs = memchr::memmem::Finder::new(b"  ");
    let (mut kept, mut read) = (0, 0);
    while let Some(at) = runs.find(&normal[read..]) {
        let end = read + at + 1;
        normal.copy_within(read..end, kept);
        kept += end - read;
        read = end;
        while normal.get(read) == Some(&b' ') {
            read += 1;
        }
    }
    normal.copy_within(read.., kept);
    normal.truncate(kept + normal.len() - read);
    let normal = normal.trim_ascii();
    if normal.is_empty() {
        0
    } else {
        fingerprint(&[normal]) | 1
    }
}

/// Sorts by day, ties by name. Postings come in the listing's order, which
/// is their names' as a rule: then a stable sort by day alone keeps it,
/// without comparing the names of the many postings of one day (each in
/// its own place in memory); a quick look confirms the order first, and
/// else names are compared.
pub fn sort_by_day<T, D: Ord>(items: &mut [T], day: impl Fn(&T) -> D, name: impl Fn(&T) -> &str) {
    if items.is_sorted_by(|a, b| name(a) <= name(b)) {
        items.sort_by_key(day);
    } else {
        items.sort_by(|a, b| day(a).cmp(&day(b)).then_with(|| name(a).cmp(name(b))));
    }
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

/// The Markdown body and the file line it starts on. The pipeline lets go
/// of the text once the posting is checked and rendered, so that memory
/// grows with the number of postings, not with their length.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Body {
    pub markdown: String,
    pub line: u32,
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
    pub filled: Span,
}

/// Why a posting is off the board for good (SPEC: a filled posting is
/// treated as expired).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gone {
    /// Filled on this day, on or before today.
    Filled(NaiveDate),
    /// Past this, its last day.
    Expired(NaiveDate),
}

impl Posting {
    /// The last day the board's age allows: `posted + max_age_days - 1`.
    pub fn latest_day(&self, max_age_days: u32) -> NaiveDate {
        self.posted
            .checked_add_days(chrono::Days::new(u64::from(max_age_days.max(1)) - 1))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The last day the posting is live: [`latest_day`](Self::latest_day),
    /// or `expires` when that comes first.
    pub fn last_day(&self, max_age_days: u32) -> NaiveDate {
        let by_age = self.latest_day(max_age_days);
        self.expires.map_or(by_age, |expires| expires.min(by_age))
    }

    /// The days it has left on `today`, its last day counted: 1 on its last
    /// day, 0 or less once past it.
    pub fn days_left(&self, today: NaiveDate, max_age_days: u32) -> i64 {
        (self.last_day(max_age_days) - today).num_days() + 1
    }

    /// Whether, and why, the posting is off the board for good on `today`:
    /// the one place that decides it, for the site, `check` and `prune`.
    pub fn gone(&self, today: NaiveDate, max_age_days: u32) -> Option<Gone> {
        if let Some(day) = self.filled.filter(|day| *day <= today) {
            return Some(Gone::Filled(day));
        }
        let last = self.last_day(max_age_days);
        (self.posted <= today && today > last).then_some(Gone::Expired(last))
    }

    /// SPEC: live on day D when `posted <= D < posted + max_age_days`,
    /// where `expires` is given, `D <= expires`, and it is not filled.
    pub fn is_live(&self, today: NaiveDate, max_age_days: u32) -> bool {
        self.posted <= today && self.gone(today, max_age_days).is_none()
    }

    /// Past its last day, or filled. A posting dated after today is not
    /// expired, only not live yet.
    pub fn is_expired(&self, today: NaiveDate, max_age_days: u32) -> bool {
        self.gone(today, max_age_days).is_some()
    }

    /// Where a reader finds the job, relative to the site's root.
    pub fn path(&self) -> String {
        format!("jobs/{}/", self.slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(posted: &str, expires: Option<&str>) -> Posting {
        let config = crate::config::for_tests();
        let expires = expires.map_or(String::new(), |e| format!("expires: {e}\n"));
        let source = crate::source::Source {
            file: "postings/p.md".into(),
            slug: "p-1".into(),
            text: format!(
                "---\ntitle: Python Developer\ncompany: Acme\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: https://acme.example\nposted: {posted}\n{expires}---\nBody.\n"
            ),
        };
        let mut found = Vec::new();
        let posting = parse(
            &source,
            &config,
            &mut crate::schema::Report::new("postings/p.md", &mut found),
        );
        posting.unwrap_or_else(|| panic!("{found:?}"))
    }

    #[test]
    fn live_from_the_posted_day_to_the_last_then_expired() {
        let day = |d: &str| d.parse::<NaiveDate>().expect("date");
        let p = dated("2026-11-01", None);
        // 90 days: 1 November to 29 January inclusive.
        assert_eq!(p.last_day(90), day("2027-01-29"));
        for (today, live, expired) in [
            ("2026-10-31", false, false),
            ("2026-11-01", true, false),
            ("2027-01-29", true, false),
            ("2027-01-30", false, true),
        ] {
            assert_eq!(p.is_live(day(today), 90), live, "{today}");
            assert_eq!(p.is_expired(day(today), 90), expired, "{today}");
        }
        // `expires` ends it sooner; its day is the last live one.
        let p = dated("2026-11-01", Some("2026-11-30"));
        assert!(p.is_live(day("2026-11-30"), 90));
        assert!(p.is_expired(day("2026-12-01"), 90));
    }

    #[test]
    fn filled_takes_it_down_from_that_day_whatever_its_dates() {
        let day = |d: &str| d.parse::<NaiveDate>().expect("date");
        let mut p = dated("2026-11-01", Some("2026-11-30"));
        p.filled = Some(day("2026-11-10"));
        assert!(p.is_live(day("2026-11-09"), 90));
        assert_eq!(p.gone(day("2026-11-09"), 90), None);
        for today in ["2026-11-10", "2026-11-30", "2026-12-31"] {
            assert!(!p.is_live(day(today), 90), "{today}");
            assert!(p.is_expired(day(today), 90), "{today}");
            assert_eq!(
                p.gone(day(today), 90),
                Some(Gone::Filled(day("2026-11-10"))),
                "filled says why, even once expired: {today}"
            );
        }
        p.filled = None;
        assert_eq!(
            p.gone(day("2026-12-01"), 90),
            Some(Gone::Expired(day("2026-11-30")))
        );
    }

    #[test]
    fn keys_tell_near_names_apart_and_ignore_case_and_spacing() {
        let apply = Apply::Email("jobs@x.example".into());
        let a = Keys::new(
            "Harbor Health 11898",
            "Staff Platform Engineer",
            "body",
            &apply,
        );
        let b = Keys::new(
            "Harbor Health 19398",
            "Staff Platform Engineer",
            "body",
            &apply,
        );
        assert_ne!(a.job, b.job, "names that differ in two digits");
        let c = Keys::new(
            "harbor  HEALTH 11898",
            "staff platform   engineer",
            "BODY",
            &apply,
        );
        assert_eq!((a.job, a.body), (c.job, c.body));
        let d = Keys::new("Müller", "Dev", "", &apply);
        let e = Keys::new("MÜLLER", "dev", "", &apply);
        assert_eq!(d.job, e.job, "case in any script");
        assert_eq!(d.body, 0);
    }

    proptest::proptest! {
        /// Items in name order or not, the shortcut gives the order of day,
        /// then name (names that are prefixes of others included).
        #[test]
        fn sorting_by_day_keeps_names_in_order(
            items in proptest::collection::vec((0u8..4, "(a|a-|a-b|b|ab){1,3}"), 0..40),
            in_order in proptest::bool::ANY,
        ) {
            let mut items = items;
            items.sort_by(|a, b| a.1.cmp(&b.1));
            if !in_order {
                items.reverse();
            }
            let mut quick = items.clone();
            sort_by_day(&mut quick, |i| std::cmp::Reverse(i.0), |i| &i.1);
            let mut full = items;
            full.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            proptest::prop_assert_eq!(quick, full);
        }

        /// The key is that of the text's words, lower-cased, one space apart.
        #[test]
        fn text_keys_ignore_spacing_and_ascii_case(text in "[ \t\r\nAbC\u{e9}\u{c9}.]{0,300}") {
            let words: Vec<String> = text.split_ascii_whitespace().map(str::to_ascii_lowercase).collect();
            let joined = words.join(" ");
            let expected = if joined.is_empty() { 0 } else { fingerprint(&[joined.as_bytes()]) | 1 };
            proptest::prop_assert_eq!(text_key(&text), expected);
        }
    }
}
