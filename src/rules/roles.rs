//! `several-roles` and `title`: one job per posting, and a title that is the
//! job's title. Both notices: the reviewer asks for one posting per job, or
//! for the title the job really has.

use super::body::{BlockKind, BodyText};
use super::lexicon::{Family, Term, negated};
use super::{Context, Rule};
use crate::diagnostic::{RuleId, Sink};
use crate::posting::Posting;

/// The words a job title ends with.
const ROLE_NOUNS: &[&str] = &[
    "engineer",
    "developer",
    "programmer",
    "scientist",
    "analyst",
    "designer",
    "manager",
    "architect",
    "administrator",
    "admin",
    "tester",
    "qa",
    "lead",
    "specialist",
    "consultant",
    "intern",
    "researcher",
    "director",
    "officer",
    "writer",
    "instructor",
    "teacher",
    "trainer",
    "sre",
    "devops",
    "owner",
    "marketer",
    "recruiter",
    "accountant",
    "assistant",
    "coordinator",
    "technician",
    "postdoc",
    "lecturer",
    "professor",
];

pub struct SeveralRoles;

impl Rule for SeveralRoles {
    fn judges(&self) -> bool {
        true
    }

    fn id(&self) -> RuleId {
        RuleId::SeveralRoles
    }

    fn check(&self, p: &Posting, body: &BodyText, _: &Context, out: &mut Sink) {
        let help = "post one job per posting: each gets its own page, feed item and review";
        let title_roles = split_title(&p.title)
            .iter()
            .filter(|part| is_role_title(part))
            .count();
        if title_roles >= 3 {
            out.notice(
                p.spans.title,
                format!("the title names {title_roles} jobs; a posting is one job"),
            )
            .set_evidence(p.title.as_str())
            .help = Some(help.into());
            return;
        }
        if let Some(hit) = body
            .phrases(Family::Roles)
            .find(|h| !negated(&body.prose, h.start))
        {
            let phrase = body.quote(hit.start, hit.end);
            out.notice(
                body.prose_span(hit.start, hit.end - hit.start),
                format!("\"{phrase}\": this posting seems to offer several jobs"),
            )
            .set_evidence(phrase)
            .help = Some(help.into());
            return;
        }
        if let Some((at, roles)) = role_list(body).or_else(|| role_headings(body)) {
            out.notice(
                body.prose_span(at, 1),
                format!(
                    "a list of {} jobs ({}); a posting is one job",
                    roles.len(),
                    super::quote_list(&roles, 3)
                ),
            )
            .set_evidence(roles.join(", "))
            .help = Some(help.into());
        }
    }
}

/// A title split at the marks that join several titles: `/`, `|`, `,`, `&`,
/// " and ", " or ".
fn split_title(title: &str) -> Vec<String> {
    let marked = title
        .replace(" and ", "/")
        .replace(" or ", "/")
        .replace(['|', ',', '&', ';', '+'], "/");
    marked
        .split('/')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// "Backend Engineer", "Data Scientist (Python)": a few words ending in a
/// role noun (brackets aside).
fn is_role_title(text: &str) -> bool {
    // A title is short: most list items and paragraphs end here.
    if text.len() > 80 {
        return false;
    }
    let plain = text.split('(').next().unwrap_or(text);
    let mut words = plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let mut count = 0;
    let mut last = "";
    for word in words.by_ref() {
        count += 1;
        last = word;
        if count > 5 {
            return false;
        }
    }
    count > 0 && ROLE_NOUNS.iter().any(|n| n.eq_ignore_ascii_case(last))
}

/// A list of three or more job titles after a line about hiring: where it
/// starts in the prose, and the titles.
fn role_list(body: &BodyText) -> Option<(usize, Vec<String>)> {
    let mut lead: Option<&str> = None;
    let mut run: Vec<(usize, String)> = Vec::new();
    let mut best: Option<(usize, Vec<String>)> = None;
    let hiring = |text: &str| {
        let lower = text.to_ascii_lowercase();
        [
            "hiring",
            "positions",
            "roles",
            "vacancies",
            "openings",
            "join us as",
            "looking for",
        ]
        .iter()
        .any(|w| lower.contains(w))
    };
    let mut flush = |run: &mut Vec<(usize, String)>, lead: Option<&str>| {
        if run.len() >= 3 && lead.is_some_and(hiring) && best.is_none() {
            best = Some((run[0].0, run.iter().map(|(_, t)| t.clone()).collect()));
        }
        run.clear();
    };
    for block in &body.blocks {
        let text = body.text_of(block);
        if block.kind == BlockKind::Item {
            if is_role_title(text) {
                run.push((block.range.start, text.trim().to_string()));
            }
            continue;
        }
        flush(&mut run, lead);
        lead = Some(text);
    }
    flush(&mut run, lead);
    best
}

/// Two or more headings (or paragraphs that are only a title, as a bold
/// line is) naming different jobs: "Python Developer", "Graphic Designer".
fn role_headings(body: &BodyText) -> Option<(usize, Vec<String>)> {
    let mut titles: Vec<(usize, String, String)> = Vec::new();
    for block in &body.blocks {
        if !matches!(block.kind, BlockKind::Heading | BlockKind::Paragraph) {
            continue;
        }
        let text = body.text_of(block).trim();
        if !is_role_title(text) {
            continue;
        }
        let plain = text
            .split('(')
            .next()
            .unwrap_or(text)
            .trim()
            .to_ascii_lowercase();
        let noun = plain.rsplit(' ').next().unwrap_or_default().to_string();
        if !titles.iter().any(|(_, _, n)| *n == noun) {
            titles.push((block.range.start, text.to_string(), noun));
        }
    }
    (titles.len() >= 2).then(|| (titles[0].0, titles.into_iter().map(|(_, t, _)| t).collect()))
}

/// Words of a title that are technologies rather than the job.
const STACK: &[&str] = &[
    "aws",
    "gcp",
    "azure",
    "docker",
    "kubernetes",
    "k8s",
    "react",
    "vue",
    "angular",
    "sql",
    "postgresql",
    "postgres",
    "mysql",
    "mongodb",
    "redis",
    "kafka",
    "spark",
    "hadoop",
    "terraform",
    "linux",
    "graphql",
    "rest",
    "api",
    "apis",
    "ci/cd",
    "git",
    "html",
    "css",
    "ml",
    "ai",
    "llm",
    "nlp",
    "etl",
    "elasticsearch",
    "rabbitmq",
    "microservices",
    "cloud",
];

/// Words that sell rather than name a job.
const HYPE: &[&str] = &[
    "urgent",
    "hiring now",
    "apply now",
    "immediate start",
    "asap",
    "$$$",
    "top pay",
];

pub struct Title;

impl Rule for Title {
    fn judges(&self) -> bool {
        true
    }

    fn id(&self) -> RuleId {
        RuleId::Title
    }

    fn check(&self, p: &Posting, body: &BodyText, cx: &Context, out: &mut Sink) {
        let mut stack: Vec<String> = body
            .title_hits
            .iter()
            .filter(|h| matches!(h.term, Term::Language | Term::Tool | Term::Other(_)))
            .map(|h| p.title[h.start..h.end].to_ascii_lowercase())
            .collect();
        stack.extend(
            p.title
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '(' | ')'))
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '/')
                        .to_ascii_lowercase()
                })
                .filter(|w| STACK.contains(&w.as_str())),
        );
        stack.sort();
        stack.dedup();
        let lower = p.title.to_ascii_lowercase();
        let hype = HYPE.iter().find(|h| lower.contains(*h));
        let segments = p.title.split('|').filter(|s| !s.trim().is_empty()).count();
        let problem = if stack.len() >= 4 {
            format!(
                "the title lists {} technologies; a title names the job",
                stack.len()
            )
        } else if let Some(word) = hype {
            format!("the title says \"{word}\"; a title names the job")
        } else if segments >= 3 {
            "the title is a list of parts split by `|`; a title names the job".to_string()
        } else {
            return;
        };
        out.notice(p.spans.title, problem)
            .set_evidence(p.title.as_str())
            .help = Some(format!(
            "write the job's title, such as `Senior {} Engineer`, and put the stack, place and pay in their fields and the description",
            cx.config.language
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::RuleId;
    use crate::rules::tests::findings_of;

    fn of(rule: RuleId, title: &str, body: &str) -> usize {
        findings_of(title, body)
            .into_iter()
            .filter(|f| f.rule == rule)
            .count()
    }

    #[test]
    fn several_jobs_in_one_posting() {
        let roles = RuleId::SeveralRoles;
        assert_eq!(
            of(
                roles,
                "Backend Engineer / Data Scientist / QA Engineer",
                "Python."
            ),
            1
        );
        assert_eq!(of(roles, "Data Engineer / Analyst", "Python."), 0);
        assert_eq!(
            of(
                roles,
                "Python Developer",
                "We have multiple positions open in Python."
            ),
            1
        );
        assert_eq!(
            of(
                roles,
                "Python Developer",
                "We are hiring:\n\n- Backend Engineer\n- Data Scientist\n- DevOps Engineer\n- Product Designer\n"
            ),
            1
        );
        assert_eq!(
            of(
                roles,
                "Python Developer",
                "You will work with:\n\n- our data engineers\n- product managers who care\n- a designer\n"
            ),
            0
        );
        assert_eq!(
            of(
                roles,
                "Python Developer",
                "**Python Developer**\n\nDjango work.\n\n**Graphic Designer**\n\nPosters.\n"
            ),
            1
        );
        assert_eq!(
            of(
                roles,
                "Python Developer",
                "## Senior Python Developer\n\nDjango work.\n\n## About the team\n\nFive of us.\n"
            ),
            0
        );
    }

    #[test]
    fn titles_that_are_keyword_lists() {
        let title = RuleId::Title;
        assert_eq!(
            of(
                title,
                "Python Django Flask FastAPI AWS Docker Kubernetes Developer",
                "Python."
            ),
            1
        );
        assert_eq!(of(title, "Senior Python/Django Engineer", "Python."), 0);
        assert_eq!(of(title, "URGENT Python Developer", "Python."), 1);
        assert_eq!(of(title, "Python Dev | Remote | $150k", "Python."), 1);
        assert_eq!(
            of(title, "Machine Learning Engineer (PyTorch, AWS)", "Python."),
            0
        );
    }
}
