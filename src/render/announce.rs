//! Announcements of new postings, for the channels a board posts to: a
//! Mastodon status, and one message for chat webhooks (Slack, Discord,
//! Mattermost, Matrix), made from what `jobs.json` lists of a job or the
//! same from the board. Text only; `cmd::announce` decides which jobs are
//! new and prints them.
//!
//! Posting text stays text wherever it lands: an `@` is followed by a
//! zero-width space (no one is mentioned, `@everyone` and `@channel`
//! included), so is the `:` of a `://` in it (no link but the job's own),
//! control and invisible characters are shown as escapes, and each
//! channel's markup is escaped (Slack's `&`, `<`, `>`; Discord's Markdown).

use serde::{Deserialize, Serialize};

use super::Summary;

/// A Mastodon status is at most this many characters…
pub const MASTODON_LIMIT: usize = 500;
/// …where a link counts as this many, whatever its length.
pub const MASTODON_URL: usize = 23;

/// What an announcement says of a job: as `jobs.json` lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opening {
    pub slug: String,
    /// The job's page: its permalink.
    pub url: String,
    pub title: String,
    pub company: String,
    /// "Berlin, Germany", "Worldwide".
    pub place: String,
    /// "Hybrid".
    pub remote: String,
    /// "Full-time, Contract".
    pub types: String,
    /// "€70,000 – €90,000 a year".
    pub salary: Option<String>,
    pub tags: Vec<String>,
}

impl Opening {
    pub fn of(s: &Summary) -> Self {
        Self {
            slug: s.slug.clone(),
            url: s.permalink.clone(),
            title: s.title.clone(),
            company: s.company.clone(),
            place: s.place.clone(),
            remote: s.remote.to_string(),
            types: s.types_label.clone(),
            salary: s.salary.clone(),
            tags: s.tags.clone(),
        }
    }
}

/// A job as `jobs.json` has it; keys an announcement does not use are
/// ignored, so a file of another jobboard version still reads.
#[derive(Deserialize)]
struct Listed {
    slug: String,
    url: String,
    title: String,
    company: String,
    place: String,
    remote_label: String,
    type_label: String,
    salary: Option<ListedSalary>,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize)]
struct ListedSalary {
    text: String,
}

#[derive(Deserialize)]
struct Jobs<T> {
    jobs: Vec<T>,
}

/// The jobs of a `jobs.json` as openings, in its order (newest first).
pub fn read_jobs(bytes: &[u8]) -> Result<Vec<Opening>, String> {
    let jobs: Jobs<Listed> = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    jobs.jobs
        .into_iter()
        .map(|j| {
            // The one link of an announcement: an address, whole.
            let url = url::Url::parse(&j.url)
                .ok()
                .filter(|u| matches!(u.scheme(), "https" | "http"))
                .ok_or_else(|| format!("`{}` is not the web address of a job", j.url))?;
            Ok(Opening {
                slug: j.slug,
                url: url.to_string(),
                title: j.title,
                company: j.company,
                place: j.place,
                remote: j.remote_label,
                types: j.type_label,
                salary: j.salary.map(|s| s.text),
                tags: j.tags,
            })
        })
        .collect()
}

/// The slugs of a `jobs.json`: all that an earlier deployment's file must
/// give.
pub fn read_slugs(bytes: &[u8]) -> Result<Vec<String>, String> {
    #[derive(Deserialize)]
    struct Slug {
        slug: String,
    }
    let jobs: Jobs<Slug> = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    Ok(jobs.jobs.into_iter().map(|j| j.slug).collect())
}

/// One job's messages, a line of `announce --format json`.
#[derive(Clone, Debug, Serialize)]
pub struct Announcement {
    pub slug: String,
    pub url: String,
    /// The body of Mastodon's `POST /api/v1/statuses`.
    pub mastodon: Mastodon,
    /// The body of a webhook's `POST`, as is.
    pub webhook: Webhook,
}

#[derive(Clone, Debug, Serialize)]
pub struct Mastodon {
    pub status: String,
}

/// One payload for several services: Slack, Mattermost and Matrix
/// (hookshot) read `text`, Discord reads `content` and `allowed_mentions`
/// (which stops every ping); each ignores the others' keys.
#[derive(Clone, Debug, Serialize)]
pub struct Webhook {
    pub text: String,
    pub content: String,
    pub allowed_mentions: AllowedMentions,
}

#[derive(Clone, Debug, Serialize)]
pub struct AllowedMentions {
    pub parse: [&'static str; 0],
}

/// The messages that announce `o`.
pub fn announce(o: &Opening) -> Announcement {
    let title = clip(&plain(&o.title), 150);
    let company = clip(&plain(&o.company), 80);
    let facts = clip(
        &plain(&super::feed::facts(
            &o.place,
            &o.remote,
            &o.types,
            o.salary.as_deref(),
        )),
        180,
    );
    let head = format!("New job: {title} at {company}");
    Announcement {
        slug: o.slug.clone(),
        url: o.url.clone(),
        mastodon: Mastodon {
            status: status(&head, &facts, &o.url, &o.tags),
        },
        webhook: Webhook {
            text: format!("{}\n{}\n{}", slack(&head), slack(&facts), slack(&o.url)),
            content: format!("**{}**\n{}\n{}", discord(&head), discord(&facts), o.url),
            allowed_mentions: AllowedMentions { parse: [] },
        },
    }
}

/// The status: the job, its facts, its page, and as many of its tags as
/// hashtags as fit in [`MASTODON_LIMIT`].
fn status(head: &str, facts: &str, url: &str, tags: &[String]) -> String {
    let mut status = format!("{head}\n{facts}\n{url}");
    let mut line = String::new();
    for tag in hashtags(tags) {
        let longer = if line.is_empty() {
            tag
        } else {
            format!("{line} {tag}")
        };
        if mastodon_length(&format!("{status}\n\n{longer}"), url) > MASTODON_LIMIT {
            break;
        }
        line = longer;
    }
    if !line.is_empty() {
        status.push_str("\n\n");
        status.push_str(&line);
    }
    status
}

/// How long Mastodon counts `status`, where `url` (its one link) counts
/// [`MASTODON_URL`]: characters, never fewer than Mastodon's count.
pub fn mastodon_length(status: &str, url: &str) -> usize {
    status.chars().count() - url.chars().count() + MASTODON_URL
}

/// Tags as hashtags: ASCII letters, digits and `_` only (`#[A-Za-z0-9_]+`),
/// each part of a tag capitalised when it has several (`data-engineering`
/// is `#DataEngineering`, which screen readers read as words); one that
/// would be empty or only digits is left out, and so is a repeat.
pub fn hashtags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let parts: Vec<String> = tag
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        let word: String = if parts.len() > 1 {
            parts
                .iter()
                .map(|p| {
                    let mut chars = p.chars();
                    chars.next().map_or_else(String::new, |first| {
                        first.to_ascii_uppercase().to_string() + chars.as_str()
                    })
                })
                .collect()
        } else {
            parts.concat()
        };
        if word.is_empty() || word.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let hashtag = format!("#{word}");
        if !out.iter().any(|h| h.eq_ignore_ascii_case(&hashtag)) {
            out.push(hashtag);
        }
    }
    out
}

/// Posting text as plain text that mentions and links nothing.
fn plain(text: &str) -> String {
    crate::text::inert(text)
        .replace('@', "@\u{200b}")
        .replace("://", ":\u{200b}//")
}

/// At most `max` characters of `text`, ending with `…` when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Text as Slack (and Mattermost) show it: `&`, `<` and `>` escaped, so
/// that nothing becomes `<!channel>` or a link.
fn slack(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Text as Discord shows it: its Markdown, masked links, spoilers and
/// `<@…>` mentions escaped.
fn discord(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if "\\*_~`|>#-[]<".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opening(title: &str, tags: &[&str]) -> Opening {
        Opening {
            slug: "acme-python".into(),
            url: "https://jobs.example/jobs/acme-python/".into(),
            title: title.into(),
            company: "Acme".into(),
            place: "Berlin, Germany".into(),
            remote: "Hybrid".into(),
            types: "Full-time".into(),
            salary: Some("€70,000 a year".into()),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn hashtags_are_letters_digits_and_underscores() {
        let tags: Vec<String> = [
            "django",
            "data-engineering",
            "c++",
            "2026",
            "Django",
            "ü-x",
            "a_b",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        assert_eq!(
            hashtags(&tags),
            ["#django", "#DataEngineering", "#c", "#x", "#a_b"]
        );
    }

    #[test]
    fn a_status_fits_mastodon_whatever_the_posting() {
        let long = "Python ".repeat(200);
        let tags: Vec<&str> = vec!["a-very-long-tag-name-indeed"; 8];
        let a = announce(&Opening {
            company: long.clone(),
            place: long.clone(),
            ..opening(&long, &tags)
        });
        assert!(mastodon_length(&a.mastodon.status, &a.url) <= MASTODON_LIMIT);
        assert!(
            a.mastodon
                .status
                .contains("https://jobs.example/jobs/acme-python/")
        );
        let short = announce(&opening("Python Developer", &["django", "web-apps"]));
        assert_eq!(
            short.mastodon.status,
            "New job: Python Developer at Acme\nBerlin, Germany · Hybrid · Full-time · €70,000 a year\nhttps://jobs.example/jobs/acme-python/\n\n#django #WebApps"
        );
    }

    #[test]
    fn posting_text_pings_and_links_no_one() {
        let a = announce(&opening(
            "@everyone <!channel> [x](https://evil.example) **Dev**",
            &[],
        ));
        for text in [&a.mastodon.status, &a.webhook.text, &a.webhook.content] {
            assert!(!text.contains("@everyone"), "{text}");
            assert!(!text.contains("https://evil"), "{text}");
        }
        assert!(
            a.webhook.text.contains("&lt;!channel&gt;"),
            "{}",
            a.webhook.text
        );
        assert!(
            a.webhook
                .content
                .contains("\\[x\\](https:\u{200b}//evil.example) \\*\\*Dev\\*\\*"),
            "{}",
            a.webhook.content
        );
    }
}
