//! The full-text search index of the live postings, split so that a
//! browser fetches only what a query needs, and written as scripts so that
//! it works from disk too: browsers refuse `fetch()` of `file://` pages
//! (Pagefind's index, fetched and read by WebAssembly, cannot be searched
//! from a reviewer's preview), but load a `<script src>` from anywhere.
//!
//! Every file is one call `jobboardSearch(<JSON>);` that hands data to
//! `static/search.js`; the JSON is serde_json's, so no posting text can be
//! anything but a string in it.
//!
//! | file | what |
//! | --- | --- |
//! | `search/index.js` | the stop words, the first word of each part of the word list, and each job's last day |
//! | `search/words/N.js` | a part of the sorted word list: each word, its stem, and the jobs that have it, with a weight |
//! | `search/jobs/N.js` | job N (place in the listing, newest first): its card's labels and its description as text, for the result and its excerpt |
//! | `search/in/<filter>.js` | the jobs of a filter's listing, so that its page searches within it |
//!
//! A weight says where a word stands in a job: in the title (16), the
//! company (12), the place, type, category or tags (6), and how often in
//! the description (1 to 5), added up. The script ranks by the weights,
//! exact words over other forms of the same stem over words that only begin
//! with what was typed, and rare words over common ones.

mod kept;
pub mod words;

pub use kept::WordsCache;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::Arc;

use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use serde::Serialize;

use crate::posting::Posting;

use super::job::Job;
use super::{Output, Site};

/// About how many bytes a part of the word list holds: a query fetches one
/// or two, whatever the size of the board.
const PART_BYTES: usize = 32 * 1024;

/// The folder of the index in the site.
pub const DIR: &str = "search/";

const TITLE: u8 = 16;
const COMPANY: u8 = 12;
const FACETS: u8 = 6;
const BODY_MAX: u8 = 5;

/// The word list, made once per site (the jobs' own files and the filters'
/// are rendered one by one, from the jobs).
pub struct Index {
    /// `search/index.js`.
    pub head: Vec<u8>,
    /// `search/words/N.js`.
    pub parts: Vec<Vec<u8>>,
}

impl Index {
    /// The index of the live postings (newest first) and their jobs.
    pub fn new(site: &Site, live: &[&Posting], jobs: &[&Job]) -> Self {
        debug_assert_eq!(live.len(), jobs.len(), "each live posting with its job");
        let lines = match site.kept {
            Some(kept) => kept.words.lines(jobs),
            None => lines(jobs),
        };
        let mut parts = Vec::new();
        let mut firsts: Vec<&str> = Vec::new();
        let mut part = String::with_capacity(PART_BYTES + 1024);
        for (word, line) in &lines {
            if part.is_empty() {
                firsts.push(word.as_ref());
            } else {
                part.push(',');
            }
            part.push_str(line);
            if part.len() >= PART_BYTES {
                parts.push(file_of_part(parts.len(), &part));
                part.clear();
            }
        }
        if !part.is_empty() || parts.is_empty() {
            if part.is_empty() {
                firsts.push("");
            }
            parts.push(file_of_part(parts.len(), &part));
        }
        let mut ends = String::with_capacity(jobs.len() * 2);
        for posting in live {
            let last = posting.last_day(site.config.max_age_days);
            let days = (last - site.today).num_days().max(0);
            words::push_number(&mut ends, u32::try_from(days).unwrap_or(u32::MAX));
        }
        let head = Head {
            jobs: jobs.len(),
            built: site.today.to_string(),
            ends,
            stop: words::STOP,
            parts: firsts,
        };
        Self {
            head: script(&head),
            parts,
        }
    }

    /// Every file of the index but the jobs' and filters': the head, then the parts.
    pub fn files(&self) -> impl Iterator<Item = (String, &[u8])> {
        std::iter::once((format!("{DIR}index.js"), self.head.as_slice())).chain(
            self.parts
                .iter()
                .enumerate()
                .map(|(n, bytes)| (part_path(n), bytes.as_slice())),
        )
    }
}

/// What `search/index.js` says.
#[derive(Serialize)]
struct Head<'a> {
    jobs: usize,
    /// The day the site was built for: `ends` counts from it.
    built: String,
    /// Each job's last day, as days after `built` (`words::push_number`), so
    /// that a stale site hides what has ended before counting results.
    ends: String,
    stop: &'a [&'a str],
    /// The first word of each part of the word list.
    parts: Vec<&'a str>,
}

pub fn part_path(n: usize) -> String {
    format!("{DIR}words/{n}.js")
}

/// `search/jobs/N.js`.
pub fn job_path(n: usize) -> String {
    format!("{DIR}jobs/{n}.js")
}

/// `search/in/type/full-time.js` for the listing at `type/full-time/`.
pub fn filter_path(base: &str) -> String {
    format!("{DIR}in/{}.js", base.trim_end_matches('/'))
}

/// The file of job `n`: what its card shows, and its description as text.
pub fn job_file(n: usize, job: &Job) -> Output {
    let s = &job.summary;
    let data = JobFile {
        job: n,
        url: &s.url,
        title: &s.title,
        company: &s.company,
        agency: s.agency,
        place: &s.place,
        remote: s.remote,
        types: &s.types_label,
        salary: s.salary.as_deref(),
        posted: &s.posted,
        posted_label: &s.posted_label,
        text: &job.text,
    };
    Output {
        path: job_path(n),
        bytes: script(&data),
    }
}

/// What `search/jobs/N.js` says: the labels of the job's card.
#[derive(Serialize)]
struct JobFile<'a> {
    job: usize,
    url: &'a str,
    title: &'a str,
    company: &'a str,
    agency: bool,
    place: &'a str,
    remote: &'a str,
    types: &'a str,
    salary: Option<&'a str>,
    posted: &'a str,
    posted_label: &'a str,
    text: &'a str,
}

/// The file of a filter's listing at `base`: its jobs (places in the main listing).
pub fn filter_file(base: &str, jobs: &[usize]) -> Output {
    let mut list = String::with_capacity(jobs.len() * 2);
    words::push_ascending(
        &mut list,
        jobs.iter().map(|&n| u32::try_from(n).unwrap_or(u32::MAX)),
    );
    let data = serde_json::json!({ "in": base, "jobs": list });
    Output {
        path: filter_path(base),
        bytes: script(&data),
    }
}

/// `jobboardSearch(<JSON>);`
fn script(data: &impl Serialize) -> Vec<u8> {
    let mut bytes = b"jobboardSearch(".to_vec();
    // A value made of strings, numbers and lists always serializes.
    serde_json::to_writer(&mut bytes, data).unwrap_or_default();
    bytes.extend_from_slice(b");\n");
    bytes
}

fn file_of_part(n: usize, entries: &str) -> Vec<u8> {
    let mut text = String::with_capacity(entries.len() + 40);
    let _ = writeln!(
        text,
        "jobboardSearch({{\"part\":{n},\"words\":[{entries}]}});"
    );
    text.into_bytes()
}

/// One word of the list as JSON: `["engineers","engin","<jobs>"]`, the stem
/// left empty when it is the word itself; the jobs as gaps and weights.
fn entry(word: &str, jobs: &[(u32, u8)]) -> String {
    let mut run = Run {
        list: String::with_capacity(jobs.len() * 2),
        next: 0,
    };
    for &(n, weight) in jobs {
        run.push(n, weight);
    }
    line(word, &run.list)
}

/// `["engineers","engin","<list>"]` of a word and its jobs' list.
fn line(word: &str, list: &str) -> String {
    let stem = words::stem(word);
    let stem = if stem == word { "" } else { stem.as_str() };
    // Words are letters and digits, stems too: nothing to escape.
    format!("[\"{word}\",\"{stem}\",\"{list}\"]")
}

/// A word's jobs as the list's text is written (each job as the gap from
/// the one before, then its weight), made as the jobs come in order: at 10k
/// jobs a word list of a million and a half job mentions takes about three
/// bytes a mention, not the eight of a `(u32, u8)` and a vector's spare room.
struct Run {
    /// The list's text so far.
    list: String,
    /// The job after the last one in the list.
    next: u32,
}

impl Run {
    fn new(n: u32, weight: u8) -> Self {
        let mut run = Self {
            list: String::with_capacity(8),
            next: 0,
        };
        run.push(n, weight);
        run
    }

    /// Adds job `n`, which comes after every job in the run.
    fn push(&mut self, n: u32, weight: u8) {
        debug_assert!(n >= self.next, "jobs in order");
        words::push_number(&mut self.list, n.saturating_sub(self.next));
        words::push_number(&mut self.list, u32::from(weight));
        self.next = n.saturating_add(1);
    }

    /// Adds `later`'s jobs, which all come after this run's. `later` begins
    /// with its first job's gap from 0: it is made again from there.
    fn append(&mut self, later: &Self, first: u32) {
        let rest = skip_number(&later.list);
        words::push_number(&mut self.list, first.saturating_sub(self.next));
        self.list.push_str(rest);
        self.next = later.next;
    }
}

/// `list` without its first number (`words::push_number`'s form: any
/// digits from `MORE`, then one from `LAST`: `A`–`Z` or `0`–`5`, never
/// any of `MORE`'s, which has `6`–`9`).
fn skip_number(list: &str) -> &str {
    let end = list
        .bytes()
        .position(|b| b.is_ascii_uppercase() || (b'0'..=b'5').contains(&b))
        .map_or(list.len(), |at| at + 1);
    &list[end..]
}

/// Each word of the list, in order, with its entry.
type Lines = Vec<(Arc<str>, Arc<str>)>;

/// A word's run, and the first job in it (the run's text begins with that
/// job's gap from 0, to be made again when a run is appended to another).
type Runs = HashMap<String, (u32, Run)>;

/// The word list's entries of `jobs`, each job's words found afresh.
fn lines(jobs: &[&Job]) -> Lines {
    fn weights_of<'b>(job: &'b &Job) -> HashMap<Cow<'b, str>, u8> {
        weights(job)
    }
    lines_of(jobs, weights_of)
}

/// The word list's entries of `items`, the words of each by `words_of`.
fn lines_of<T: Sync>(items: &[T], words_of: fn(&T) -> HashMap<Cow<'_, str>, u8>) -> Lines {
    // The jobs in consecutive slices, each slice's words found on a thread
    // in the jobs' order, then the slices' runs joined in their order: each
    // word's jobs come out ascending without being sorted.
    let slice = items
        .len()
        .div_ceil(rayon::current_num_threads() * 4)
        .max(1);
    let slices: Vec<Runs> = items
        .par_chunks(slice)
        .enumerate()
        .map(|(s, chunk)| {
            let mut runs = Runs::new();
            for (i, item) in chunk.iter().enumerate() {
                let n = u32::try_from(s * slice + i).unwrap_or(u32::MAX);
                for (word, weight) in words_of(item) {
                    match runs.get_mut(word.as_ref()) {
                        Some((_, run)) => run.push(n, weight),
                        None => {
                            runs.insert(word.into_owned(), (n, Run::new(n, weight)));
                        }
                    }
                }
            }
            runs
        })
        .collect();
    let mut slices = slices.into_iter();
    let mut all = slices.next().unwrap_or_default();
    for runs in slices {
        for (word, (first, run)) in runs {
            match all.get_mut(&word) {
                Some((_, earlier)) => earlier.append(&run, first),
                None => {
                    all.insert(word, (first, run));
                }
            }
        }
    }
    let mut entries: Vec<(String, Run)> = all
        .into_iter()
        .map(|(word, (_, run))| (word, run))
        .collect();
    entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    entries
        .into_par_iter()
        .map(|(word, run)| {
            let line = line(&word, &run.list);
            (Arc::from(word), Arc::from(line))
        })
        .collect()
}

/// The words of a job, each with its weight.
fn weights(job: &Job) -> HashMap<Cow<'_, str>, u8> {
    let s = &job.summary;
    let mut found: HashMap<Cow<str>, u8> = HashMap::with_capacity(512);
    let mut field = |text: &str, weight: u8| {
        let text = words::composed(text);
        let mut seen: Vec<String> = Vec::new();
        for word in words::words(&text) {
            if !seen.iter().any(|w| *w == word) {
                let w = found.entry(Cow::Owned(word.to_string())).or_insert(0);
                *w = w.saturating_add(weight);
                seen.push(word.into_owned());
            }
        }
    };
    field(&s.title, TITLE);
    field(&s.company, COMPANY);
    let facets = [
        s.place.as_str(),
        s.remote,
        &s.types_label,
        &s.category,
        &s.tags.join(" "),
    ]
    .join(" ");
    field(&facets, FACETS);
    // How often a word stands in the description, up to BODY_MAX: counted
    // apart from the fields' weights, then added.
    let mut counts: HashMap<Cow<str>, u8> = HashMap::with_capacity(512);
    match words::composed(&job.text) {
        Cow::Borrowed(body) => {
            for word in words::words(body) {
                let c = counts.entry(word).or_insert(0);
                *c = c.saturating_add(1);
            }
        }
        Cow::Owned(body) => {
            for word in words::words(&body) {
                let c = counts.entry(Cow::Owned(word.into_owned())).or_insert(0);
                *c = c.saturating_add(1);
            }
        }
    }
    for (word, count) in counts {
        let w = found.entry(word).or_insert(0);
        *w = w.saturating_add(count.min(BODY_MAX));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A word's jobs cut anywhere into two runs, made apart and joined,
        /// read as the run made of them all at once.
        #[test]
        fn runs_joined_are_the_run_made_at_once(
            gaps in prop::collection::vec((0u32..5000, 1u8..40), 2..60),
            cut in 1usize..59,
        ) {
            let mut n = 0;
            let jobs: Vec<(u32, u8)> = gaps
                .iter()
                .map(|&(gap, weight)| {
                    n += gap;
                    let job = (n, weight);
                    n += 1;
                    job
                })
                .collect();
            let cut = cut.min(jobs.len() - 1);
            let run_of = |jobs: &[(u32, u8)]| {
                let mut run = Run::new(jobs[0].0, jobs[0].1);
                for &(n, weight) in &jobs[1..] {
                    run.push(n, weight);
                }
                run
            };
            let mut joined = run_of(&jobs[..cut]);
            joined.append(&run_of(&jobs[cut..]), jobs[cut].0);
            prop_assert_eq!(line("word", &joined.list), entry("word", &jobs));
            prop_assert_eq!(joined.next, n);
        }

        /// The word list made in slices on threads and joined is the list
        /// made by gathering every word's jobs and writing each entry.
        #[test]
        fn lines_made_in_slices_are_the_entries_of_every_word(
            jobs in prop::collection::vec(
                prop::collection::btree_map(0u8..40, 1u8..40, 0..12),
                0..300,
            ),
        ) {
            /// A job's words and their weights.
            struct Words(Vec<(String, u8)>);
            fn words_of(job: &Words) -> HashMap<Cow<'_, str>, u8> {
                job.0.iter().map(|(w, weight)| (Cow::Borrowed(w.as_str()), *weight)).collect()
            }
            let jobs: Vec<Words> = jobs
                .iter()
                .map(|words| Words(words.iter().map(|(w, weight)| (format!("w{w}"), *weight)).collect()))
                .collect();
            let mut expected: std::collections::BTreeMap<&str, Vec<(u32, u8)>> = Default::default();
            for (n, job) in jobs.iter().enumerate() {
                for (word, weight) in &job.0 {
                    expected.entry(word).or_default().push((n as u32, *weight));
                }
            }
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(word, list)| (word.to_string(), entry(word, list)))
                .collect();
            let made: Vec<(String, String)> = lines_of(&jobs, words_of)
                .iter()
                .map(|(word, line)| (word.to_string(), line.to_string()))
                .collect();
            prop_assert_eq!(made, expected);
        }
    }
}
