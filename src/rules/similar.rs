//! `near-duplicate`: a job posted again in other words while the first
//! posting is live. A notice naming the other file: the reviewer compares.
//!
//! Each posting's description gets two small MinHash signatures (made once,
//! when it is checked): one of its word triples, which finds copied text
//! under any company's name, and one of its words, which finds a paraphrase
//! of the same company's same job. Comparing signatures is cheap; postings
//! are compared only within a company, or when their triples share a band
//! of the signature (locality-sensitive hashing), so a board of 100,000
//! postings is not compared pair by pair.

use crate::source::KeyMap;

use super::{BoardRule, Context};
use crate::diagnostic::{Finding, RuleId, Severity};
use crate::posting::Posting;

pub use crate::posting::{HASHES, Signature};

/// Makes a [`Signature`] from the words of a text, one at a time (the body
/// scan feeds it in its one pass over the words). Words are compared in
/// lower case; the commonest English words say nothing about a job and are
/// left out of the word signature. One hash per word or triple, split among
/// the signature's slots by its top bits, each slot keeping its least value
/// ("one permutation hashing"): as good an estimate of similarity as a hash
/// function per slot, at a thirty-second of the cost.
#[derive(Default)]
pub struct Signer {
    signature: Signature,
    /// The two words before, and how many words were seen.
    a: u64,
    b: u64,
    seen: usize,
}

impl Signer {
    /// Adds the next word of the text, told whether it is filler (the body
    /// scan knows: the commonest English words and [`is_extra_filler`]).
    pub fn add_word(&mut self, word: &str, filler: bool) {
        if self.seen == 0 {
            self.signature = Signature::default();
        }
        let h = word_hash(word);
        if !filler {
            keep(&mut self.signature.words, h);
        }
        if self.seen >= 2 {
            keep(
                &mut self.signature.triples,
                splitmix(self.a ^ self.b.rotate_left(21) ^ h.rotate_left(42)),
            );
        }
        (self.a, self.b) = (self.b, h);
        self.seen += 1;
    }

    pub fn finish(self) -> Signature {
        if self.seen == 0 {
            Signature::default()
        } else {
            self.signature
        }
    }
}

/// FNV-1a of a word in ASCII lower case, mixed.
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.bytes() {
        h ^= u64::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    splitmix(h)
}

/// Puts a hash in its slot (its top bits) if it is the least there.
fn keep(signature: &mut [u32; HASHES], hash: u64) {
    let slot = (hash >> 59) as usize % HASHES;
    let value = hash as u32;
    if value < signature[slot] {
        signature[slot] = value;
    }
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Short words besides the commonest English ones that say nothing about a
/// job, in lower case.
pub(super) fn is_extra_filler(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"a" | b"an" | b"in" | b"at" | b"can" | b"all" | b"us" | b"team"
    )
}

/// The share of equal slots among those either text filled: an estimate
/// of the Jaccard similarity.
fn similarity(a: &[u32; HASHES], b: &[u32; HASHES]) -> f64 {
    // Branch-free, so that it vectorizes: it runs for every candidate pair.
    let (mut same, mut filled) = (0u32, 0u32);
    for (x, y) in a.iter().zip(b) {
        let empty = u32::from(*x == u32::MAX && *y == u32::MAX);
        filled += 1 - empty;
        same += u32::from(x == y) & (1 - empty);
    }
    if filled == 0 {
        0.0
    } else {
        f64::from(same) / f64::from(filled)
    }
}

/// Copied text: this share of word triples in common, under any company.
const COPIED: f64 = 0.5;
/// The same company's same job reworded: this share of words in common,
/// with titles that share most of their words.
const REWORDED: f64 = 0.4;
const SAME_TITLE: f64 = 0.5;
/// Bands of the triple signature for finding candidates.
const BANDS: usize = 8;
/// How many of a group's latest postings a new one is compared with.
const PER_GROUP: usize = 32;
const ROWS: usize = HASHES / BANDS;

pub struct NearDuplicate;

impl BoardRule for NearDuplicate {
    fn judges(&self) -> bool {
        true
    }

    fn id(&self) -> RuleId {
        RuleId::NearDuplicate
    }

    fn check(&self, postings: &[&Posting], cx: &Context, out: &mut Vec<Finding>) {
        let mut current: Vec<&Posting> = postings
            .iter()
            .copied()
            .filter(|p| !p.is_expired(cx.today, cx.config.max_age_days) && p.keys.similar.is_some())
            .collect();
        // The first is the original; the later one is reported.
        super::oldest_first(&mut current);
        let mut by_company: KeyMap<Vec<usize>> = KeyMap::default();
        let mut by_band: KeyMap<Vec<usize>> =
            KeyMap::with_capacity_and_hasher(current.len() * BANDS, Default::default());
        // The posting each candidate was last compared with: one that shares
        // several bands is compared once.
        let mut compared_with = vec![usize::MAX; current.len()];
        for (i, p) in current.iter().enumerate() {
            let Some(signature) = p.keys.similar.as_deref() else {
                continue; // none without one is in `current`
            };
            // Candidates: the same company's postings, and postings whose
            // copied-text signature shares a band. Only the latest few of
            // each group are compared, newest first: one match is enough,
            // and a board of a thousand look-alike postings stays linear.
            let mut alike_to = |j: &usize| {
                if std::mem::replace(&mut compared_with[*j], i) == i {
                    return false;
                }
                let q = current[*j];
                // Exact duplicates are `duplicate`'s.
                q.keys.job != p.keys.job && q.keys.body != p.keys.body && alike(q, p)
            };
            let company = by_company.entry(p.keys.company).or_default();
            let mut original = company
                .iter()
                .rev()
                .take(PER_GROUP)
                .find(|j| alike_to(j))
                .copied();
            company.push(i);
            for band in 0..BANDS {
                let key = band_key(band, &signature.triples[band * ROWS..(band + 1) * ROWS]);
                let bucket = by_band.entry(key).or_default();
                if original.is_none() {
                    original = bucket
                        .iter()
                        .rev()
                        .take(PER_GROUP)
                        .find(|j| alike_to(j))
                        .copied();
                }
                bucket.push(i);
            }
            let original = original.map(|j| current[j]);
            if let Some(q) = original {
                out.push(
                    Finding::new(
                        &p.file,
                        p.spans.front_matter,
                        RuleId::NearDuplicate,
                        Severity::Notice,
                        format!("this reads like {} ({} at {}), posted in other words", q.file, q.title, q.company),
                    )
                    .with_evidence(q.file.as_str())
                    .with_help("a job is posted once; update the earlier posting instead, or say how this job differs"),
                );
            }
        }
    }
}

/// A band's rows as one key, distinct for each band.
fn band_key(band: usize, rows: &[u32]) -> u64 {
    rows.iter()
        .fold(band as u64, |h, &r| splitmix(h ^ u64::from(r)))
}

fn alike(a: &Posting, b: &Posting) -> bool {
    let (Some(sa), Some(sb)) = (a.keys.similar.as_deref(), b.keys.similar.as_deref()) else {
        return false;
    };
    if similarity(&sa.triples, &sb.triples) >= COPIED {
        return true;
    }
    a.keys.company == b.keys.company
        && similarity(&sa.words, &sb.words) >= REWORDED
        && title_overlap(&a.title, &b.title) >= SAME_TITLE
}

/// The share of title words in common (Jaccard), ignoring case.
fn title_overlap(a: &str, b: &str) -> f64 {
    let words = |t: &str| -> std::collections::BTreeSet<String> {
        super::body::ascii_words(t)
            .map(|(_, w)| w.to_ascii_lowercase())
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(text: &str) -> Signature {
        use crate::rules::body::BodyText;
        let config = crate::config::for_tests();
        let lexicon = super::super::lexicon::Lexicon::new(&config);
        BodyText::scan(text, 1, &lexicon).signature
    }

    const JOB: &str = "We are a small team in Lyon building route planning software for bike couriers. You will write Python services with FastAPI and PostgreSQL, review code, and talk to the couriers who use our app every day. We offer a salary of 55,000 euros, 30 days of leave and a bike.";

    #[test]
    fn copies_and_paraphrases_are_alike_and_other_jobs_are_not() {
        let a = sig(JOB);
        let copy = sig(&JOB.replace("Lyon", "Paris").replace("55,000", "56,000"));
        assert!(similarity(&a.triples, &copy.triples) >= COPIED);
        let reworded = sig(
            "Our small Lyon team builds route planning software for bike couriers. The job: Python services with FastAPI and PostgreSQL, code review, and time with the couriers using our app daily. Salary 55,000 euros, 30 days leave, and a bike.",
        );
        assert!(
            similarity(&a.words, &reworded.words) >= REWORDED,
            "{}",
            similarity(&a.words, &reworded.words)
        );
        let other = sig(
            "Join our research group to maintain NumPy-based climate models. You will profile C extensions, write documentation and mentor students. Funded for three years by the national science foundation.",
        );
        assert!(similarity(&a.words, &other.words) < REWORDED);
        assert!(similarity(&a.triples, &other.triples) < COPIED);
    }

    #[test]
    fn titles_overlap_by_their_words() {
        assert!(title_overlap("Senior Python Engineer", "Python Engineer (Senior)") >= SAME_TITLE);
        assert!(title_overlap("Backend Engineer", "Data Scientist") < SAME_TITLE);
    }
}
