//! What a reviewer does with the findings: a verdict per posting, the
//! canned response to paste (filled in with the evidence: the phrase, the
//! language, the other posting), and the checklist of what fired and of what
//! no rule can judge.

use crate::config::Config;
use crate::diagnostic::{Finding, RuleId, Severity};

/// The reviewer's first look at a posting. In JSON, its [`Verdict::key`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Nothing to judge: no error and no notice.
    Ready,
    /// Notices: a reviewer should read the quoted evidence.
    NeedsReading,
    /// Errors: the posting cannot be published as it is.
    LikelyReject,
}

impl Verdict {
    /// `ready`, `needs-reading`, `likely-reject`: in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Ready => "ready",
            Verdict::NeedsReading => "needs-reading",
            Verdict::LikelyReject => "likely-reject",
        }
    }

    /// How people read it.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Ready => "ready",
            Verdict::NeedsReading => "needs reading",
            Verdict::LikelyReject => "likely reject",
        }
    }

    pub fn mark(self) -> &'static str {
        match self {
            Verdict::Ready => "✅",
            Verdict::NeedsReading => "👀",
            Verdict::LikelyReject => "❌",
        }
    }

    /// The verdict of a posting with these findings.
    pub fn of<'f>(findings: impl IntoIterator<Item = &'f Finding>) -> Self {
        findings
            .into_iter()
            .map(|f| match f.severity {
                Severity::Error => Verdict::LikelyReject,
                Severity::Notice => Verdict::NeedsReading,
                Severity::Warning => Verdict::Ready,
            })
            .max()
            .unwrap_or(Verdict::Ready)
    }
}

/// One posting's review.
pub struct Review<'f> {
    pub file: String,
    pub verdict: Verdict,
    /// The findings that decided the verdict: the errors, or the notices.
    pub reasons: Vec<&'f Finding>,
    /// The canned response for the submitter, filled in; none when ready.
    pub response: Option<String>,
}

/// A review of each of `files`, from the findings about them.
pub fn reviews<'f>(files: &[String], findings: &'f [Finding], config: &Config) -> Vec<Review<'f>> {
    let by_file = by_file(findings);
    files
        .iter()
        .map(|file| {
            let own = by_file.get(file.as_str()).map_or(&[][..], Vec::as_slice);
            review(file, own, config)
        })
        .collect()
}

/// The findings of each file, in their order: grouped once, so that a
/// board of many files is not searched once per file.
pub fn by_file(findings: &[Finding]) -> std::collections::HashMap<&str, Vec<&Finding>> {
    let mut map: std::collections::HashMap<&str, Vec<&Finding>> = std::collections::HashMap::new();
    for f in findings {
        map.entry(f.file.as_str()).or_default().push(f);
    }
    map
}

pub fn review<'f>(file: &str, findings: &[&'f Finding], config: &Config) -> Review<'f> {
    let verdict = Verdict::of(findings.iter().copied());
    let decisive = match verdict {
        Verdict::LikelyReject => Severity::Error,
        Verdict::NeedsReading => Severity::Notice,
        Verdict::Ready => {
            return Review {
                file: file.to_string(),
                verdict,
                reasons: Vec::new(),
                response: None,
            };
        }
    };
    let mut reasons: Vec<&Finding> = findings
        .iter()
        .copied()
        .filter(|f| f.severity == decisive)
        .collect();
    reasons.sort_by_key(|f| priority(f.rule));
    let response = Some(response(&reasons, config));
    Review {
        file: file.to_string(),
        verdict,
        reasons,
        response,
    }
}

/// Which reason the response is about when there are several: what decides
/// the posting's fate first, formatting last.
fn priority(rule: RuleId) -> usize {
    RESPONSES
        .iter()
        .position(|r| r.rules.contains(&rule))
        .unwrap_or(RESPONSES.len())
}

/// A canned response: the rules it answers, its title (as in
/// docs/REVIEWING.md) and its text, where `{evidence}`, `{language}`,
/// `{other}` and `{problems}` are filled in.
pub struct Response {
    pub rules: &'static [RuleId],
    pub title: &'static str,
    pub text: &'static str,
}

/// The canned responses, in order of priority. docs/REVIEWING.md shows each
/// (a test keeps them equal).
pub const RESPONSES: &[Response] = &[
    Response {
        rules: &[RuleId::ApplicantFee, RuleId::Scam],
        title: "Money or documents asked of applicants",
        text: "Thank you for posting. We cannot list this job as it is: it asks applicants for\n\
               money or personal documents up front, or uses wording common in job scams\n\
               (\"{evidence}\"). Employers on this board never charge applicants, and ask for\n\
               documents only after an offer.\n\
               \n\
               If we have misread the posting, please rewrite that part and push the change;\n\
               otherwise I will close this pull request.",
    },
    Response {
        rules: &[RuleId::Paid],
        title: "Unpaid",
        text: "Thank you for posting! This board lists paid positions only, and this one reads as\n\
               unpaid: \"{evidence}\".\n\
               \n\
               If the position is paid, please say so in the description, and consider adding a\n\
               `salary` (see docs/SUBMITTING.md). If it is not paid, we cannot list it, and I will\n\
               close this pull request in a few days.",
    },
    Response {
        rules: &[RuleId::MentionsLanguage, RuleId::MainLanguage],
        title: "Not a {language} job",
        text: "Thank you for posting! This board is for jobs where {language} is the main language,\n\
               and from the description it is not clear that this one is: {evidence}.\n\
               \n\
               If {language} is in fact central to the job, please say in the description what the\n\
               person will build with it and push the change. If it is not, this board is not the\n\
               right place for this job, and I will close this pull request in a few days.",
    },
    Response {
        rules: &[RuleId::English],
        title: "Not in English",
        text: "Thank you for posting! The board's postings are all in English, so that every\n\
               reader can judge them, and this description is in {evidence}.\n\
               \n\
               Please add a complete English version (another language may follow it) and push\n\
               the change.",
    },
    Response {
        rules: &[RuleId::Duplicate, RuleId::NearDuplicate],
        title: "Duplicate",
        text: "Thank you for posting! This job seems to be on the board already: {other}.\n\
               We list each job once.\n\
               \n\
               If this is a different job (another team, level or place), please make the title\n\
               and description say how it differs and push the change. If it is the same job,\n\
               please update the earlier posting instead; I will close this pull request.",
    },
    Response {
        rules: &[RuleId::Agency],
        title: "Agency not marked",
        text: "Thank you for posting! The posting reads as a recruiter writing for a client\n\
               (\"{evidence}\"), but it is not marked as an agency posting.\n\
               \n\
               Please add `agency: true` to the front matter and say what kind of company the\n\
               client is, then push the change. Agency postings are welcome when readers know.",
    },
    Response {
        rules: &[RuleId::SeveralRoles],
        title: "Several jobs in one posting",
        text: "Thank you for posting! The board lists one job per posting, so that each has its\n\
               own page, feed item and review, and this one offers several ({evidence}).\n\
               \n\
               Please keep one job in this posting and open a pull request for each of the others.",
    },
    Response {
        rules: &[RuleId::ApplyLink, RuleId::FreeMail],
        title: "Where to apply",
        text: "Thank you for posting! Applicants should reach this job's employer directly, and\n\
               the way to apply here does not look like it:\n\
               \n\
               {problems}\n\
               \n\
               Please link to the job's own page or application form on the employer's site (or\n\
               an address at the company's own domain) and push the change.",
    },
    Response {
        rules: &[RuleId::Salary],
        title: "Salary",
        text: "Thank you for posting! The salary reads as {evidence}, which looks like a slip of the\n\
               figure or of the period. Please check `salary` (the amount is per `period`) and\n\
               push the change.",
    },
    Response {
        rules: &[RuleId::Title],
        title: "Title",
        text: "Thank you for posting! Please make the title the job's title only, such as \"Senior\n\
               {language} Engineer\": the stack, place and pay have their own fields and the\n\
               description. The title is now \"{evidence}\".",
    },
    Response {
        rules: &[RuleId::PostedChanged],
        title: "The `posted` date was changed",
        text: "Thank you for the update! The `posted` date of a posting stays the day it was first\n\
               submitted (the board lists jobs by it, so a later date would move the job back to\n\
               the top). Please set it back; everything else in your change is fine.",
    },
    Response {
        rules: &[],
        title: "Something to fix",
        text: "Thank you for posting! The check found a few things to change before the posting\n\
               can go live:\n\
               \n\
               {problems}\n\
               \n\
               The annotations on the **Files changed** tab point at the lines, and\n\
               docs/SUBMITTING.md has a complete example. Please push the fixes; the check runs\n\
               again by itself.",
    },
];

/// The filled-in response for a posting's reasons (the most important
/// first). Reasons not answered by the main response are listed after it.
fn response(reasons: &[&Finding], config: &Config) -> String {
    let Some(first) = reasons.first() else {
        return String::new();
    };
    let canned = RESPONSES
        .iter()
        .find(|r| r.rules.contains(&first.rule))
        .unwrap_or(&RESPONSES[RESPONSES.len() - 1]);
    let answered: Vec<&&Finding> = reasons
        .iter()
        .filter(|f| canned.rules.contains(&f.rule) || canned.rules.is_empty())
        .collect();
    let evidence = first
        .evidence
        .clone()
        .unwrap_or_else(|| first.message.clone());
    let other = first
        .evidence
        .as_deref()
        .filter(|_| matches!(first.rule, RuleId::Duplicate | RuleId::NearDuplicate))
        .map_or_else(
            || "another posting".to_string(),
            |file| posting_link(file, config),
        );
    let problems = answered
        .iter()
        .map(|f| format!("- {}", one_line(&f.message)))
        .collect::<Vec<_>>()
        .join("\n");
    let mut text = canned
        .text
        .replace("{language}", &config.language)
        .replace("{evidence}", &one_line(&evidence))
        .replace("{other}", &other)
        .replace("{problems}", &problems);
    let rest: Vec<&&Finding> = reasons
        .iter()
        .filter(|f| !canned.rules.contains(&f.rule) && !canned.rules.is_empty())
        .collect();
    if !rest.is_empty() {
        text.push_str("\n\nAlso:\n\n");
        for f in rest {
            text.push_str(&format!("- {}\n", one_line(&f.message)));
        }
        text.truncate(text.trim_end().len());
    }
    text
}

/// The title of a canned response, as docs/REVIEWING.md shows it.
pub fn title_of(response: &Response, config: &Config) -> String {
    response.title.replace("{language}", &config.language)
}

/// The live page of another posting on the board (`postings/x.md` →
/// `https://…/jobs/x/`), named with its file.
fn posting_link(file: &str, config: &Config) -> String {
    let slug = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".md");
    let url = config
        .base_url
        .join(&format!("jobs/{slug}/"))
        .map_or_else(|_| String::new(), |u| u.to_string());
    format!("{file} ({url})")
}

/// Text on one line, without control characters: posting text quoted in
/// a response cannot break its layout.
fn one_line(text: &str) -> String {
    crate::text::inert(&text.replace(['\n', '\r'], " "))
}

/// What no rule can judge: the reviewer's own part of every review.
pub fn unjudged(language: &str) -> [String; 4] {
    [
        format!(
            "{language} is the main implementation language of the job, not a passing mention."
        ),
        "The apply link leads to a meaningful page about this job.".into(),
        "The employer is real: the company and its website exist and match.".into(),
        "Nothing asks applicants for money or for personal data up front.".into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Pos, Span};

    fn config() -> Config {
        crate::config::parse("title: T\nbase_url: https://jobs.example/\ncategories: {web: Web}\n")
            .expect("config")
    }

    fn finding(rule: RuleId, severity: Severity, evidence: &str) -> Finding {
        Finding::new(
            "postings/a.md",
            Span::at(Pos::START),
            rule,
            severity,
            format!("{rule} happened"),
        )
        .with_evidence(evidence)
    }

    #[test]
    fn the_verdict_is_the_worst_of_errors_and_notices() {
        let warn = finding(RuleId::Url, Severity::Warning, "");
        let notice = finding(RuleId::Agency, Severity::Notice, "my client");
        let error = finding(RuleId::English, Severity::Error, "French, 90%");
        assert_eq!(Verdict::of([&warn]), Verdict::Ready);
        assert_eq!(Verdict::of([&warn, &notice]), Verdict::NeedsReading);
        assert_eq!(Verdict::of([&notice, &error]), Verdict::LikelyReject);
        assert_eq!(Verdict::of([]), Verdict::Ready);
    }

    #[test]
    fn responses_are_filled_in_with_the_evidence() {
        let config = config();
        let english = finding(RuleId::English, Severity::Error, "French, 90%");
        let r = review("postings/a.md", &[&english], &config);
        assert_eq!(r.verdict, Verdict::LikelyReject);
        assert!(
            r.response
                .as_deref()
                .is_some_and(|t| t.contains("this description is in French, 90%."))
        );
        let dup = finding(
            RuleId::NearDuplicate,
            Severity::Notice,
            "postings/first-job.md",
        );
        let agency = finding(RuleId::Agency, Severity::Notice, "my client");
        let r = review("postings/a.md", &[&agency, &dup], &config);
        let text = r.response.expect("response");
        assert!(
            text.contains("postings/first-job.md (https://jobs.example/jobs/first-job/)"),
            "{text}"
        );
        assert!(text.contains("Also:\n\n- agency happened"), "{text}");
        assert_eq!(r.reasons[0].rule, RuleId::NearDuplicate);
    }

    #[test]
    fn quoted_text_cannot_break_the_response() {
        let config = config();
        let f = finding(RuleId::Paid, Severity::Error, "unpaid\n> injected\u{1b}[2J");
        let text = review("postings/a.md", &[&f], &config)
            .response
            .expect("text");
        assert!(!text.contains("\n> injected"), "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
    }
}
