//! What `serve` keeps of the word list between rebuilds, so that an edit to
//! one posting finds the words of that posting only and makes again only
//! the entries whose jobs changed: finding words (folding, stemming) and
//! writing entries are most of the index's time, and a clean build does
//! both for every job.
//!
//! Words are numbered as they are first seen; each job's words are kept by
//! the job's fingerprint as numbers with weights, and each word's entry with
//! the list of jobs it was made from. The entries come out in the same order
//! and with the same bytes as [`super::lines`] gives (a test compares the
//! served index with a built one after an edit).

use std::sync::{Arc, Mutex, MutexGuard};

use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;

use super::{Job, Lines, entry, weights};

/// A job's words as numbers, with their weights.
type Numbered = Arc<[(u32, u8)]>;

/// A word's entry in the word list, with the (job, weight) pairs it was made from.
type Entry = (Vec<(u32, u8)>, Arc<str>);

/// The words of the last rebuild, for the next. Whoever keeps one must
/// [`WordsCache::clear`] it when the board's settings or theme change.
#[derive(Default)]
pub struct WordsCache {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    /// Each word's number, and the words by number.
    numbers: HashMap<Arc<str>, u32>,
    words: Vec<Arc<str>>,
    /// The numbers of the words in the word list's order.
    sorted: Vec<u32>,
    /// Each word's entry, with the jobs it was made from.
    entries: Vec<Option<Entry>>,
    /// Each job's words, by the job's fingerprint (last rebuild's jobs only).
    jobs: HashMap<u64, Numbered>,
}

impl WordsCache {
    /// Forgets every word.
    pub fn clear(&self) {
        *self.lock() = Kept::default();
    }

    fn lock(&self) -> MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The word list's entries of `jobs` (the live ones, newest first).
    pub(super) fn lines(&self, jobs: &[&Job]) -> Lines {
        let mut kept = self.lock();
        let kept = &mut *kept;

        // The words of the jobs not seen last time, found in parallel.
        let found: Vec<(u64, Vec<(String, u8)>)> = jobs
            .par_iter()
            .filter(|job| !kept.jobs.contains_key(&job.fingerprint))
            .map(|job| {
                let words = weights(job)
                    .into_iter()
                    .map(|(word, weight)| (word.into_owned(), weight))
                    .collect();
                (job.fingerprint, words)
            })
            .collect();
        let mut by_job: HashMap<u64, Numbered> = HashMap::with_capacity(jobs.len());
        let known = kept.words.len();
        for (fingerprint, words) in found {
            let numbered: Numbered = words
                .into_iter()
                .map(|(word, weight)| (kept.number(word), weight))
                .collect();
            by_job.insert(fingerprint, numbered);
        }
        if kept.words.len() > known {
            // New words were put at the end: a stable sort finds the
            // sorted run before them and merges them in.
            let words = &kept.words;
            kept.sorted
                .sort_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));
        }
        for job in jobs {
            if let Some(words) = kept.jobs.get(&job.fingerprint) {
                by_job.insert(job.fingerprint, Arc::clone(words));
            }
        }

        // Each word's jobs, in the listing's order.
        let mut lists: Vec<Vec<(u32, u8)>> = vec![Vec::new(); kept.words.len()];
        for (n, job) in jobs.iter().enumerate() {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            for &(word, weight) in by_job
                .get(&job.fingerprint)
                .into_iter()
                .flat_map(|w| w.iter())
            {
                if let Some(list) = lists.get_mut(word as usize) {
                    list.push((n, weight));
                }
            }
        }
        kept.jobs = by_job;

        // Entries made again only where a word's jobs changed.
        let entries = &kept.entries;
        let words = &kept.words;
        let fresh: Vec<(usize, Arc<str>)> = lists
            .par_iter()
            .enumerate()
            .filter(|(id, list)| {
                !list.is_empty()
                    && entries
                        .get(*id)
                        .and_then(Option::as_ref)
                        .is_none_or(|(was, _)| was != *list)
            })
            .map(|(id, list)| (id, Arc::from(entry(&words[id], list))))
            .collect();
        kept.entries.resize(kept.words.len(), None);
        for (id, list) in lists.iter().enumerate() {
            // A word no job has now: its entry goes.
            if list.is_empty() {
                kept.entries[id] = None;
            }
        }
        for (id, line) in fresh {
            kept.entries[id] = Some((std::mem::take(&mut lists[id]), line));
        }

        kept.sorted
            .iter()
            .filter_map(|&id| {
                let id = id as usize;
                let (_, line) = kept.entries.get(id)?.as_ref()?;
                Some((Arc::clone(&kept.words[id]), Arc::clone(line)))
            })
            .collect()
    }
}

impl Kept {
    /// The number of `word`, given it when it is new (then put last in
    /// `sorted`, to be sorted in).
    fn number(&mut self, word: String) -> u32 {
        if let Some(&id) = self.numbers.get(word.as_str()) {
            return id;
        }
        let id = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        let word: Arc<str> = Arc::from(word);
        self.sorted.push(id);
        self.numbers.insert(Arc::clone(&word), id);
        self.words.push(word);
        id
    }
}
