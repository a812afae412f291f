//! What `serve` keeps of the word list between rebuilds, so that an edit to
//! one posting finds the words of that posting only and makes again only
//! the entries whose jobs changed: finding words (folding, stemming) and
//! writing entries are most of the index's time, and a clean build does
//! both for every job.
//!
//! Words are numbered as they are first seen; each job's words are kept by
//! the job's fingerprint as numbers with weights, and each word's list of
//! jobs and its entry by the word's number. When the listing keeps its
//! length and only a few places hold another job (an edit, a posting moved
//! up), those jobs are taken out of their words' lists and the new ones put
//! in; otherwise every list is made again and compared. The entries come
//! out in the same order and with the same bytes as [`super::lines`] gives
//! (a test compares the served index with a built one after edits, a move,
//! a removal and an addition).

use std::sync::{Arc, Mutex, MutexGuard};

use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;

use super::{Job, Lines, entry, weights};

/// A job's words as numbers, with their weights.
type Numbered = Arc<[(u32, u8)]>;

/// Up to how many changed places the lists are mended rather than made again.
const FEW_CHANGED: usize = 64;

/// How many words no job has may be kept before they are counted against
/// the live ones.
const DEAD_WORDS: usize = 1024;

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
    /// Each word's jobs (places in the listing, with weights), by number.
    lists: Vec<Vec<(u32, u8)>>,
    /// Each word's entry, made from its list; none for a word no job has.
    entries: Vec<Option<Arc<str>>>,
    /// The fingerprints of the last rebuild's jobs, in the listing's order.
    order: Vec<u64>,
    /// Each job's words, by the job's fingerprint (last rebuild's jobs only).
    jobs: HashMap<u64, Numbered>,
}

impl WordsCache {
    /// Forgets every word.
    pub fn clear(&self) {
        *self.lock() = Kept::default();
    }

    /// The kept words; forgotten if a rebuild panicked while it held them
    /// (they may be half updated).
    fn lock(&self) -> MutexGuard<'_, Kept> {
        super::super::lock_kept(&self.kept)
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

        let order: Vec<u64> = jobs.iter().map(|job| job.fingerprint).collect();
        let touched = match kept.moved(&order) {
            Some(places) => kept.update(&places, &order, &by_job),
            None => kept.relist(&order, &by_job),
        };
        kept.jobs = by_job;
        kept.order = order;

        // Entries made again only where a word's jobs changed.
        kept.entries.resize(kept.words.len(), None);
        let (words, lists) = (&kept.words, &kept.lists);
        let fresh: Vec<(u32, Option<Arc<str>>)> = touched
            .into_par_iter()
            .map(|id| {
                let list = &lists[id as usize];
                let line = (!list.is_empty()).then(|| Arc::from(entry(&words[id as usize], list)));
                (id, line)
            })
            .collect();
        for (id, line) in fresh {
            kept.entries[id as usize] = line;
        }

        let lines = kept
            .sorted
            .iter()
            .filter_map(|&id| {
                let id = id as usize;
                let line = kept.entries.get(id)?.as_ref()?;
                Some((Arc::clone(&kept.words[id]), Arc::clone(line)))
            })
            .collect();

        kept.forget_if_mostly_dead();
        lines
    }
}

impl Kept {
    /// Words no job has any more (an editor saving as one types leaves
    /// "quetz", "quetza", ...) stay numbered: once they outnumber the live
    /// ones, all is forgotten and the next rebuild starts afresh.
    fn forget_if_mostly_dead(&mut self) {
        let dead = self.entries.iter().filter(|e| e.is_none()).count();
        if dead > DEAD_WORDS && dead * 2 > self.words.len() {
            *self = Kept::default();
        }
    }

    /// The places whose job changed since the last rebuild, when the
    /// listing is as long as it was and only a few changed (an edit);
    /// none when the lists are better made again.
    fn moved(&self, order: &[u64]) -> Option<Vec<usize>> {
        if order.len() != self.order.len() || self.lists.is_empty() {
            return None;
        }
        let places: Vec<usize> = (0..order.len())
            .filter(|&n| order[n] != self.order[n])
            .collect();
        (places.len() <= FEW_CHANGED).then_some(places)
    }

    /// Takes the old jobs at `places` out of their words' lists and puts the
    /// new ones in; gives the numbers of the words whose lists changed.
    fn update(
        &mut self,
        places: &[usize],
        order: &[u64],
        by_job: &HashMap<u64, Numbered>,
    ) -> Vec<u32> {
        self.lists.resize(self.words.len(), Vec::new());
        let mut touched = Vec::new();
        for &place in places {
            let n = u32::try_from(place).unwrap_or(u32::MAX);
            let old: &[(u32, u8)] = self.jobs.get(&self.order[place]).map_or(&[], |w| w);
            let new: &[(u32, u8)] = by_job.get(&order[place]).map_or(&[], |w| w);
            // A word the job has as it had, with the same weight, keeps its
            // list: an edit of a sentence touches a few words, not all of the
            // job's (and "python"'s list of every job is not written again).
            // Each word once in a job's list (`weights` gives a map).
            let old_weights: HashMap<u32, u8> = old.iter().copied().collect();
            let same = |&(word, weight): &(u32, u8)| old_weights.get(&word) == Some(&weight);
            let unchanged: foldhash::HashSet<u32> = new
                .iter()
                .filter(|w| same(w))
                .map(|&(word, _)| word)
                .collect();
            for &(word, _) in old.iter().filter(|(word, _)| !unchanged.contains(word)) {
                let list = &mut self.lists[word as usize];
                if let Ok(at) = list.binary_search_by_key(&n, |&(job, _)| job) {
                    list.remove(at);
                    touched.push(word);
                }
            }
            for &(word, weight) in new.iter().filter(|(word, _)| !unchanged.contains(word)) {
                let list = &mut self.lists[word as usize];
                if let Err(at) = list.binary_search_by_key(&n, |&(job, _)| job) {
                    list.insert(at, (n, weight));
                    touched.push(word);
                }
            }
        }
        touched.sort_unstable();
        touched.dedup();
        touched
    }

    /// Makes every word's list afresh; gives the numbers of the words whose
    /// lists changed.
    fn relist(&mut self, order: &[u64], by_job: &HashMap<u64, Numbered>) -> Vec<u32> {
        let mut lists: Vec<Vec<(u32, u8)>> = vec![Vec::new(); self.words.len()];
        for (n, fingerprint) in order.iter().enumerate() {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            for &(word, weight) in by_job.get(fingerprint).into_iter().flat_map(|w| w.iter()) {
                if let Some(list) = lists.get_mut(word as usize) {
                    list.push((n, weight));
                }
            }
        }
        let was = std::mem::replace(&mut self.lists, lists);
        (0..self.lists.len())
            .filter(|&id| was.get(id).is_none_or(|list| *list != self.lists[id]))
            .filter_map(|id| u32::try_from(id).ok())
            .collect()
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const WORDS: u32 = 24;

    /// Job `fingerprint`'s words: a few of the `WORDS`, with weights, as
    /// the fingerprint says.
    fn words_of(fingerprint: u64) -> Numbered {
        let mut words: Vec<(u32, u8)> = (0..WORDS)
            .filter(|w| (fingerprint >> (w % 48)) & 3 == 0)
            .map(|w| (w, ((fingerprint >> 50) % 3) as u8 + 1))
            .collect();
        words.sort_unstable();
        words.into()
    }

    fn kept_with_words() -> Kept {
        let mut kept = Kept::default();
        for w in 0..WORDS {
            kept.number(format!("w{w}"));
        }
        kept
    }

    /// One rebuild as `lines` does it, without the entries: mended or made afresh.
    fn rebuild(kept: &mut Kept, order: &[u64]) -> Vec<u32> {
        let by_job: HashMap<u64, Numbered> = order.iter().map(|&f| (f, words_of(f))).collect();
        let touched = match kept.moved(order) {
            Some(places) => kept.update(&places, order, &by_job),
            None => kept.relist(order, &by_job),
        };
        kept.jobs = by_job;
        kept.order = order.to_vec();
        touched
    }

    #[test]
    fn words_no_job_has_are_forgotten_once_they_are_most() {
        let mut kept = kept_with_words();
        kept.entries = vec![Some(Arc::from("live")); WORDS as usize];
        for n in 0..=DEAD_WORDS + WORDS as usize {
            kept.number(format!("typed{n}"));
            kept.entries.push(None);
            let dead = n + 1;
            kept.forget_if_mostly_dead();
            if dead <= DEAD_WORDS {
                assert_eq!(kept.words.len(), WORDS as usize + dead, "kept while few");
            }
        }
        assert!(
            kept.words.len() < DEAD_WORDS,
            "forgotten once most are dead"
        );
    }

    proptest! {
        /// Whatever happens to the listing (edits, moves, postings added
        /// or removed, many changed at once), the mended lists are the
        /// lists made afresh, and every word whose list changed is touched.
        #[test]
        fn mended_lists_are_the_lists_made_afresh(
            first in proptest::collection::vec(any::<u64>(), 0..40),
            steps in proptest::collection::vec((0u8..4, any::<u64>(), 0usize..40, 0usize..40), 1..30),
        ) {
            let mut order: Vec<u64> = first;
            order.sort_unstable();
            order.dedup();
            let mut mended = kept_with_words();
            rebuild(&mut mended, &order);
            for (kind, fingerprint, a, b) in steps {
                match kind {
                    // An edit: another job in one place.
                    0 if !order.is_empty() => {
                        let at = a % order.len();
                        order[at] = fingerprint;
                    }
                    // A move: one job to another place.
                    1 if !order.is_empty() => {
                        let job = order.remove(a % order.len());
                        order.insert(b % (order.len() + 1), job);
                    }
                    // A posting added or removed.
                    2 => order.insert(a % (order.len() + 1), fingerprint),
                    3 if !order.is_empty() => {
                        order.remove(a % order.len());
                    }
                    _ => {}
                }
                let before = mended.lists.clone();
                let touched = rebuild(&mut mended, &order);
                let mut fresh = kept_with_words();
                rebuild(&mut fresh, &order);
                prop_assert_eq!(&mended.lists, &fresh.lists);
                for (id, list) in mended.lists.iter().enumerate() {
                    if before.get(id).is_none_or(|was| was != list) {
                        prop_assert!(touched.contains(&(id as u32)), "word {} changed untouched", id);
                    }
                }
            }
        }
    }
}
