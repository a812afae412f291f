//! Findings: what a check says about a file, where, and how bad it is.
//!
//! Every stage that can find a problem (loading, parsing, the rules) produces
//! [`Finding`]s rather than stopping, so one run reports every problem of every
//! file. The reporters in `report/` turn them into text for people and tools.

use std::fmt;

/// A position in a file: 1-based line, 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub const fn new(line: u32, column: u32) -> Self {
        Self { line, column }
    }

    /// The start of a file, for findings about the file as a whole.
    pub const START: Pos = Pos::new(1, 1);
}

/// A stretch of a file: from `start` up to (not including) `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    pub const fn new(start: Pos, end: Pos) -> Self {
        Self { start, end }
    }

    /// A span of `len` characters on one line.
    pub const fn on_line(start: Pos, len: u32) -> Self {
        Self {
            start,
            end: Pos::new(start.line, start.column + len),
        }
    }

    /// A span that only marks a point.
    pub const fn at(pos: Pos) -> Self {
        Self {
            start: pos,
            end: pos,
        }
    }
}

/// How bad a finding is. Ordered from least to most severe. In JSON, its
/// [`Severity::as_str`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A judgement for the reviewer ("look at this"), with the evidence
    /// quoted; it never fails a check.
    Notice,
    /// The submitter should fix it; it fails only with `--strict`.
    Warning,
    /// The posting cannot be published.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Notice => "notice",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! rule_ids {
    ($($variant:ident = $id:literal,)*) => {
        /// The id of every rule a finding can come from (SPEC "Quality rules").
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId { $($variant,)* }

        impl RuleId {
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $id,)* }
            }
        }
    };
}

// What each rule checks is told in README.md and docs/REVIEWING.md; a test
// keeps both tables to this list.
rule_ids! {
    FrontMatter = "front-matter",
    UnknownField = "unknown-field",
    Required = "required",
    Enum = "enum",
    Length = "length",
    MentionsLanguage = "mentions-language",
    English = "english",
    Paid = "paid",
    Url = "url",
    Email = "email",
    Date = "date",
    Expired = "expired",
    Duplicate = "duplicate",
    RawHtml = "raw-html",
    LinkScheme = "link-scheme",
    Shouting = "shouting",
    File = "file",
    Placeholder = "placeholder",
    MixedScript = "mixed-script",
    MainLanguage = "main-language",
    ApplicantFee = "applicant-fee",
    Scam = "scam",
    Salary = "salary",
    ApplyLink = "apply-link",
    FreeMail = "free-mail",
    Agency = "agency",
    NearDuplicate = "near-duplicate",
    SeveralRoles = "several-roles",
    Title = "title",
    NewPostingDate = "new-posting-date",
    PostedChanged = "posted-changed",
    AlreadyExpired = "already-expired",
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The file, relative to the board's root, with `/` separators.
    pub file: String,
    pub span: Span,
    pub rule: RuleId,
    pub severity: Severity,
    /// What is wrong and, where it fits in a sentence, how to fix it.
    pub message: String,
    /// A longer hint shown under the excerpt in the human report.
    pub help: Option<String>,
    /// What the finding is about, quoted from the posting or named (the
    /// phrase, the other posting, the language): reviewers' canned responses
    /// are filled in with it.
    pub evidence: Option<String>,
}

impl Finding {
    pub fn new(
        file: impl Into<String>,
        span: Span,
        rule: RuleId,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            span,
            rule,
            severity,
            message: message.into(),
            help: None,
            evidence: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_evidence(mut self, evidence: impl Into<String>) -> Self {
        self.evidence = Some(evidence.into());
        self
    }

    /// Sets the evidence of a finding being made (`out.notice(…).set_evidence(…)`).
    pub fn set_evidence(&mut self, evidence: impl Into<String>) -> &mut Self {
        self.evidence = Some(evidence.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The order reports use: by file, then position, then rule.
    pub fn sort_key(&self) -> (&str, Span, RuleId, &str) {
        (&self.file, self.span, self.rule, &self.message)
    }
}

/// Collects the findings of one rule (or one parsing step) about one file.
pub struct Sink<'a> {
    file: &'a str,
    rule: RuleId,
    out: &'a mut Vec<Finding>,
}

impl<'a> Sink<'a> {
    pub fn new(file: &'a str, rule: RuleId, out: &'a mut Vec<Finding>) -> Self {
        Self { file, rule, out }
    }

    pub fn error(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        self.push(Severity::Error, span, message)
    }

    pub fn warning(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        self.push(Severity::Warning, span, message)
    }

    pub fn notice(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        self.push(Severity::Notice, span, message)
    }

    pub fn push(
        &mut self,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.out
            .push(Finding::new(self.file, span, self.rule, severity, message));
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

/// Counts for the summary line of a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub notices: usize,
}

impl Tally {
    pub fn of(findings: &[Finding]) -> Self {
        findings.iter().fold(Tally::default(), |mut t, f| {
            match f.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Notice => t.notices += 1,
            }
            t
        })
    }

    /// "no problems", "2 errors", "1 warning, 3 notices".
    pub fn describe(self) -> String {
        let parts: Vec<String> = [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.notices, "notice"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, noun)| plural(n, noun))
        .collect();
        if parts.is_empty() {
            "no problems".into()
        } else {
            parts.join(", ")
        }
    }
}

/// `1 error`, `2 warnings`: a count with its noun.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The known name closest to `word`, when one is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_and_ignores_strangers() {
        let known = ["title", "company", "company_url", "location"];
        assert_eq!(nearest("compnay", known), Some("company"));
        assert_eq!(nearest("Titel", known), Some("title"));
        assert_eq!(nearest("banana", known), None);
    }

    #[test]
    fn rule_ids_are_the_spec_names() {
        let ids: Vec<_> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        assert!(ids.contains(&"front-matter"));
        assert!(ids.contains(&"mentions-language"));
        assert_eq!(ids.len(), 32);
    }
}
