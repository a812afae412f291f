//! The words and phrases the text rules look for, found in one pass.
//!
//! Every rule that reads meaning (is Python central, is the job paid, does it
//! ask applicants for money, is it an agency, …) looks for a few hundred
//! words and phrases. They are one Aho-Corasick automaton, run once over a
//! posting's prose and once over its title; each rule then reads the hits of
//! its own family and judges their context (negation, "nice to have", the
//! section they stand in). The board's language and its ecosystem come from
//! `board.yaml`, so the automaton is built once per board.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::config::Config;

/// What a found term is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term {
    /// The board's language by name ("Python").
    Language,
    /// A tool of the board language's ecosystem ("Django", "pandas").
    Tool,
    /// Another programming language: an index into [`OTHER_LANGUAGES`].
    Other(u8),
    /// A phrase of a rule's family.
    Phrase(Family),
}

/// The families of phrases, each read by one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Says plainly that the job is not paid: an error.
    Unpaid,
    /// Unpaid work in other words: a notice.
    UnpaidSoft,
    /// Money asked of applicants.
    Fee,
    /// Documents or bank details asked for up front.
    Identity,
    /// Words that ask for money when a sum stands in the same sentence
    /// ("costs 39.99 USD, payable by card", "buy the voucher (149 EUR)").
    Cost,
    /// Scam and pyramid-scheme wording; two are needed.
    Scam,
    /// Scam wording that is enough on its own.
    ScamStrong,
    /// A recruiter writing about a client.
    Agency,
    /// Several jobs in one posting.
    Roles,
    /// "Nice to have": what follows is not a requirement.
    Optional,
    /// Template text that was never replaced.
    Placeholder,
}

/// Other programming languages, by the name readers know them by, and the
/// words that name them. `*` marks words that name the language only when
/// written with a capital (they are also English words or names).
pub const OTHER_LANGUAGES: &[(&str, &[&str])] = &[
    (
        "Java",
        &["Java", "Spring Boot", "*Spring", "Hibernate", "JVM"],
    ),
    (
        "JavaScript",
        &[
            "JavaScript",
            "Node.js",
            "NodeJS",
            "ECMAScript",
            "*React",
            "React.js",
            "Angular",
            "Vue.js",
            "*Vue",
            "Next.js",
            "Express.js",
            "jQuery",
        ],
    ),
    ("TypeScript", &["TypeScript"]),
    ("Go", &["Golang", "*Go"]),
    ("C#", &["C#", ".NET", "ASP.NET", "Blazor"]),
    ("C++", &["C++"]),
    ("C", &["embedded C", "C99", "C11", "MISRA C"]),
    ("Ruby", &["*Ruby", "Ruby on Rails", "*Rails", "RSpec"]),
    ("PHP", &["PHP", "Laravel", "Symfony"]),
    ("Scala", &["Scala"]),
    ("Kotlin", &["Kotlin"]),
    ("Rust", &["*Rust"]),
    ("Swift", &["*Swift"]),
    ("Elixir", &["Elixir"]),
    ("Perl", &["Perl"]),
    ("Haskell", &["Haskell"]),
    ("Clojure", &["Clojure"]),
    ("Dart", &["*Dart", "Flutter"]),
    ("Objective-C", &["Objective-C"]),
    ("R", &["R language", "RStudio"]),
    ("Julia", &["*Julia language"]),
    ("MATLAB", &["MATLAB"]),
    ("Erlang", &["Erlang"]),
    ("COBOL", &["COBOL"]),
    ("Solidity", &["Solidity"]),
];

/// The phrases of each family, in lower case (matched in any ASCII case,
/// as whole words).
static PHRASES: &[(Family, &[&str])] = &[
    (
        Family::Unpaid,
        &[
            "unpaid internship",
            "unpaid internships",
            "unpaid intern",
            "unpaid position",
            "unpaid role",
            "unpaid job",
            "unpaid work",
            "unpaid opportunity",
            "unpaid basis",
            "unpaid volunteer",
            "is unpaid",
            "are unpaid",
            "volunteer position",
            "volunteer role",
            "volunteer basis",
            "volunteer opportunity",
            "volunteer job",
            "volunteer only",
            "voluntary position",
            "voluntary basis",
            "equity only",
            "equity-only",
            "no salary",
            "without pay",
            "without salary",
            "no pay",
            "not a paid",
            "pro bono",
        ],
    ),
    (
        Family::UnpaidSoft,
        &[
            "for exposure",
            "equity and exposure",
            "exposure and equity",
            "in exchange for exposure",
            "no compensation",
            "no monetary compensation",
            "without compensation",
            "not compensated",
            "deferred compensation",
            "deferred salary",
            "deferred pay",
            "paid later",
            "payment after funding",
            "paid once we raise",
            "once we are funded",
            "once we get funding",
            "revenue share only",
            "revenue-share only",
            "profit share only",
            "commission only",
            "commission-only",
            "sweat equity",
            "compensation is equity",
            "compensated in equity",
            "paid in equity",
            "paid in tokens",
            "experience instead of",
            "great experience for your cv",
            "build your portfolio",
            "for your portfolio",
            "no budget for salaries",
        ],
    ),
    (
        Family::Fee,
        &[
            "application fee",
            "registration fee",
            "processing fee",
            "onboarding fee",
            "enrollment fee",
            "enrolment fee",
            "training fee",
            "placement fee",
            "activation fee",
            "membership fee",
            "training deposit",
            "refundable deposit",
            "security deposit",
            "equipment deposit",
            "pay for your training",
            "pay for the training",
            "pay for training",
            "pay for your equipment",
            "pay for the equipment",
            "pay for your onboarding",
            "pay for the onboarding",
            "pay for your starter kit",
            "pay for the starter kit",
            "purchase a starter kit",
            "purchase the starter kit",
            "purchase your starter kit",
            "buy a starter kit",
            "buy the starter kit",
            "pay a small fee",
            "one-time fee",
            "one time fee",
            "paid training course",
            "pay for the course",
            "pay for your course",
            "pay for the certification",
            "pay for your certification",
        ],
    ),
    (
        Family::Cost,
        &[
            "costs",
            "cost of",
            "payable",
            "buy",
            "purchase",
            "voucher",
            "you pay",
            "you will pay",
            "you must pay",
            "you need to pay",
            "you have to pay",
            "at your own cost",
            "at your own expense",
            "at the applicant's expense",
            "at the candidate's expense",
        ],
    ),
    (
        Family::Identity,
        &[
            "bank details",
            "bank account details",
            "bank account number",
            "your bank account",
            "iban",
            "routing number",
            "credit card details",
            "credit card number",
            "copy of your passport",
            "copy of your id",
            "scan of your passport",
            "scan of your id",
            "passport copy",
            "passport scan",
            "id copy",
            "copy of your national id",
            "copy of your driving licence",
            "copy of your driver's license",
            "social security number",
            "ssn",
            "national insurance number",
            "date of birth",
            "mother's maiden name",
        ],
    ),
    (
        Family::ScamStrong,
        &[
            "unlimited income",
            "unlimited earning",
            "unlimited earnings",
            "unlimited earning potential",
            "guaranteed income",
            "guaranteed earnings",
            "earn from home",
            "make money from home",
            "make money online",
            "get rich",
            "downline",
            "recruit your friends",
            "recruit others",
            "recruit new members",
            "build your own team",
            "build your team and earn",
            "be your own boss",
            "work from home and earn",
            "deposit the check",
            "deposit the cheque",
            "cash the check",
            "cash the cheque",
            "receive a check",
            "receive a cheque",
            "send you a check",
            "send you a cheque",
            "approved vendor",
            "interviews are conducted by instant message",
            "interview by instant message",
            "interviewed by instant message",
            "interviews are conducted via chat",
            "interview via chat",
            "interview over chat",
            "residual income",
            "network marketing",
            "multi-level marketing",
            "multi level marketing",
        ],
    ),
    (
        Family::Scam,
        &[
            "whatsapp",
            "telegram",
            "signal app",
            "financial freedom",
            "passive income",
            "earn up to",
            "wire transfer",
            "western union",
            "gift cards",
            "crypto signals",
            "trading signals",
            "no experience needed",
            "no experience necessary",
            "no experience required",
            "no skills required",
            "no interview",
            "no interviews",
            "hired immediately",
            "instant hire",
            "start earning today",
            "start earning immediately",
            "earn per day",
            "per day from home",
            "a week from home",
            "per week from home",
            "from the comfort of your home",
            "easy money",
            "quick money",
            "extra income",
            "limited spots",
            "act now",
            "urgent hiring",
            "investment opportunity",
            "mlm",
            "upline",
            "text us",
            "dm us",
            "offer the same day",
            "same-day offer",
            "same day offer",
            "first come, first served",
            "first come first served",
            "urgently",
            "no degree or professional experience",
        ],
    ),
    (
        Family::Agency,
        &[
            "my client",
            "our client is",
            "our client are",
            "our client,",
            "our client's",
            "on behalf of our client",
            "on behalf of a client",
            "on behalf of my client",
            "on behalf of a leading",
            "on behalf of an established",
            "we are recruiting for",
            "we are recruiting on behalf",
            "i am recruiting for",
            "i'm recruiting for",
            "recruitment agency",
            "recruiting agency",
            "recruitment consultancy",
            "recruitment firm",
            "staffing agency",
            "staffing firm",
            "headhunter",
            "head hunter",
            "headhunting",
            "exclusively retained",
        ],
    ),
    (
        Family::Roles,
        &[
            "multiple positions",
            "multiple roles",
            "multiple openings",
            "multiple vacancies",
            "several positions",
            "several roles",
            "several openings",
            "several vacancies",
            "various positions",
            "various roles",
            "the following positions",
            "the following roles",
            "the following vacancies",
            "roles available",
            "positions available",
            "vacancies available",
            "both roles",
            "both positions",
            "either role",
            "either position",
            "which role you are applying",
            "which role you're applying",
            "which position you are applying",
            "which position you're applying",
            "for each role",
            "for each position",
        ],
    ),
    (
        Family::Optional,
        &[
            "nice to have",
            "nice-to-have",
            "nice to haves",
            "nice-to-haves",
            "good to have",
            "a plus",
            "is a plus",
            "are a plus",
            "a bonus",
            "is a bonus",
            "bonus points",
            "pluses",
            "would be an advantage",
            "is an advantage",
            "an advantage",
            "is desirable",
            "desirable",
            "would be great",
            "would be nice",
            "would help",
            "is helpful",
            "helpful but not required",
            "not required",
            "not essential",
            "optional",
            "preferred but not required",
            "exposure to",
            "familiarity with",
            "some familiarity",
            "basic knowledge",
            "some knowledge",
            "some experience",
            "ideally",
        ],
    ),
    (
        Family::Placeholder,
        &[
            "lorem ipsum",
            "dolor sit amet",
            "say what the job is and how",
            "name the team, the product and what a",
            "the experience you need, and what you can learn on the job",
            "who you are, where you work, what you pay and offer",
            "[describe",
            "[insert",
            "[add ",
            "[list ",
            "[enter ",
            "[write ",
            "[fill ",
            "[replace ",
            "[include ",
            "[your ",
            "[company name]",
            "[job title]",
            "[salary",
            "[x]+",
            "[x] years",
            "<company name>",
            "<job title>",
            "{company}",
            "{job title}",
            "todo: ",
            "tbd: ",
            "tbc: ",
            "xxx",
            "{{",
        ],
    ),
];

/// One term found in a text: what it is and where (byte offsets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub term: Term,
    pub start: usize,
    pub end: usize,
}

/// The automaton of a board: the phrases of every family, the board's
/// language and ecosystem, and the other languages.
pub struct Lexicon {
    automaton: AhoCorasick,
    /// What each pattern is, and whether it needs a capital first letter.
    terms: Vec<(Term, bool)>,
}

impl Lexicon {
    pub fn new(config: &Config) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        let mut terms = Vec::new();
        let mut add = |word: &str, term: Term| {
            let (word, capital) = match word.strip_prefix('*') {
                Some(rest) => (rest, true),
                None => (word, false),
            };
            patterns.push(word.to_string());
            terms.push((term, capital));
        };
        add(&config.language, Term::Language);
        for tool in &config.ecosystem {
            add(tool, Term::Tool);
        }
        let language = config.language.to_ascii_lowercase();
        for (i, (name, words)) in OTHER_LANGUAGES.iter().enumerate() {
            if name.to_ascii_lowercase() == language {
                continue;
            }
            for word in *words {
                add(word, Term::Other(u8::try_from(i).unwrap_or(u8::MAX)));
            }
        }
        for (family, phrases) in PHRASES {
            for phrase in *phrases {
                add(phrase, Term::Phrase(*family));
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // A full DFA: a few hundred kilobytes, built once per board, and
            // the fastest search per byte of prose.
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&patterns)
            .unwrap_or_else(|_| {
                // Patterns are short, fixed words: building cannot fail; an
                // empty automaton would only find nothing.
                AhoCorasick::new(Vec::<String>::new()).unwrap_or_else(|_| unreachable!())
            });
        Self { automaton, terms }
    }

    /// Every term of `text`, in order, as whole words.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        self.automaton
            .find_iter(text)
            .filter_map(|m| {
                let (term, capital) = *self.terms.get(m.pattern().as_usize())?;
                let (start, end) = (m.start(), m.end());
                if !is_whole_word(text, start, end) {
                    return None;
                }
                if capital && !bytes[start].is_ascii_uppercase() {
                    return None;
                }
                // "Go" is a verb at the start of a sentence.
                if capital && matches!(term, Term::Other(_)) && starts_sentence(text, start) {
                    return None;
                }
                Some(Hit { term, start, end })
            })
            .collect()
    }
}

/// Whether `text[start..end]` stands as a word: no letter or `_` touches it
/// on either side ("Python3" mentions Python; "CPython" does not).
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    // A phrase that starts or ends with punctuation ("[describe", "todo: ")
    // carries its own boundary on that side.
    let open = |c: Option<char>| c.is_some_and(|c| !is_word_char(c));
    (open(first) || !before.is_some_and(is_word_char))
        && (open(last) || !after.is_some_and(is_word_char))
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

/// Whether `at` begins a sentence: nothing before it on its line but
/// spaces, list marks, or the end of a sentence.
fn starts_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '-', '*', '>', '('])
}

/// A sentence is read at most this many bytes either side of a word: a
/// body without full stops must not make every look-up read all of it.
const SENTENCE_REACH: usize = 400;

/// The sentence around `at`: from the last sentence end or line break
/// before it to the next after it (within [`SENTENCE_REACH`]).
pub fn sentence(text: &str, at: usize) -> std::ops::Range<usize> {
    let at = floor(text, at.min(text.len()));
    let from = floor(text, at.saturating_sub(SENTENCE_REACH));
    let to = floor(text, (at + SENTENCE_REACH).min(text.len()));
    let start = text[from..at]
        .rfind(['.', '!', '?', ';', '\n'])
        .map_or(from, |i| from + i + 1);
    let end = text[at..to]
        .find(['.', '!', '?', ';', '\n'])
        .map_or(to, |i| at + i);
    start..end
}

/// The char boundary at or before `at`.
fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether the clause before `at` denies what follows ("we do not offer
/// unpaid internships", "a salaried role, not a volunteer position or a
/// trial period without pay"): a word of denial stands earlier in the same
/// clause (a sentence's part up to a comma, a colon, "and" or "but"), at
/// most a dozen words back.
pub fn negated(text: &str, at: usize) -> bool {
    let sentence = sentence(text, at);
    let before = &text[sentence.start..at];
    let clause = before
        .rsplit([',', ';', ':', '(', ')', '—', '–'])
        .next()
        .unwrap_or(before);
    let words: Vec<&str> = clause
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .collect();
    for w in words.iter().rev().take(12) {
        let w = w.to_ascii_lowercase().replace('’', "'");
        match w.as_str() {
            // A new clause starts after these.
            "and" | "but" | "however" | "although" | "while" | "whereas" => return false,
            "not" | "no" | "never" | "don't" | "doesn't" | "didn't" | "isn't" | "aren't"
            | "won't" | "wouldn't" | "cannot" | "can't" | "nor" | "neither" | "without"
            | "zero" | "nothing" | "free" | "dont" | "doesnt" | "isnt" | "wont" => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::new(&crate::config::for_tests())
    }

    fn terms(text: &str) -> Vec<(Term, &str)> {
        lexicon()
            .scan(text)
            .into_iter()
            .map(|h| (h.term, &text[h.start..h.end]))
            .collect()
    }

    #[test]
    fn finds_whole_words_in_any_case() {
        assert_eq!(
            terms("We use PYTHON, python3 and Django; not CPythonic."),
            [
                (Term::Language, "PYTHON"),
                (Term::Language, "python"),
                (Term::Tool, "Django"),
            ]
        );
    }

    #[test]
    fn ambiguous_language_names_need_a_capital_and_a_sentence() {
        assert!(terms("Go to our site. We go far.").is_empty());
        assert_eq!(terms("We write Go and Rust.").len(), 2);
        assert!(terms("rust never sleeps").is_empty());
    }

    #[test]
    fn the_longest_phrase_wins() {
        assert_eq!(
            terms("an unpaid internship"),
            [(Term::Phrase(Family::Unpaid), "unpaid internship")]
        );
    }

    #[test]
    fn negation_reads_the_words_before_in_the_same_sentence() {
        let text = "We don't do unpaid internships. This is an unpaid internship.";
        let first = text.find("unpaid").expect("first");
        let second = text.rfind("unpaid").expect("second");
        assert!(negated(text, first));
        assert!(!negated(text, second));
        let text = "This is a salaried role, not a volunteer position.";
        assert!(negated(text, text.find("volunteer").expect("at")));
        let text = "A salaried role, not a volunteer position or a trial period without pay.";
        assert!(negated(text, text.find("without").expect("at")));
        let text = "No degree needed, and this is an unpaid internship.";
        assert!(!negated(text, text.find("unpaid").expect("at")));
    }
}
