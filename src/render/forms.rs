//! The board's GitHub forms, made from `board.yaml` and the posting's field
//! declarations: the "Post a job" issue form (which `jobboard new
//! --from-issue` reads back by its labels) and the pull request template.
//! A board for another language, with other categories or another
//! `max_age_days`, gets forms that say so; `jobboard forms` writes them.

use std::fmt::Write;

use crate::config::Config;
use crate::posting::fields::{Field, Kind};
use crate::posting::issue_form::{DESCRIPTION, fields};

/// Where the forms live in a board's repository.
pub const ISSUE_FORM: &str = ".github/ISSUE_TEMPLATE/post-a-job.yml";
pub const PR_TEMPLATE: &str = ".github/PULL_REQUEST_TEMPLATE.md";

/// A YAML string that reads back as `text`, whatever it holds: plain when
/// that is unambiguous, double-quoted when not.
fn quoted(text: &str) -> String {
    crate::posting::scalar(text)
}

/// A field's help with the board's numbers in it.
pub fn help(field: &Field, config: &Config) -> String {
    field
        .help
        .replace("{days}", &config.max_age_days.to_string())
}

/// `.github/ISSUE_TEMPLATE/post-a-job.yml`.
pub fn issue_form(config: &Config) -> String {
    let language = &config.language;
    let days = config.max_age_days;
    let mut out = String::new();
    out.push_str(
        "# The \"Post a job\" issue form, written by `jobboard forms` from board.yaml and the posting's\n\
         # fields: change those, then run `jobboard forms` (CI checks that this file is up to date).\n\
         # When the form is submitted, .github/workflows/issue-to-pr.yml turns the answers into\n\
         # postings/<slug>.md with `jobboard new --from-issue`, which finds each answer by its label.\n",
    );
    let _ = writeln!(out, "name: Post a job");
    let _ = writeln!(
        out,
        "description: {}",
        quoted(&format!(
            "Submit a paid job where {language} is the main language. A bot turns the form into a pull request; volunteers review it."
        ))
    );
    out.push_str("title: \"[Job]: \"\nlabels: [job-posting]\nbody:\n");
    let intro = format!(
        "Thank you for posting a job on {title}! Please read this first:\n\n\
         - **{language} is the main language of the job**, and the description says how it is used (a passing mention in a list of skills is not enough).\n\
         - **Paid positions only**: no unpaid internships, volunteer roles or equity-only pay.\n\
         - **In English.**\n\
         - **One posting per job.** Several openings for the same job are one posting; please do not post the same job twice.\n\
         - **Postings stay up for {days} days** (or until the date you give under *Expires*), then they leave the board by themselves.\n\
         - **Reviewers are volunteers.** Most postings are reviewed within a few days.\n\n\
         When you submit this form, a bot checks your answers. If they are fine, it opens a pull request for the reviewers; if not, it comments here with what to fix. To fix something, edit this issue: the check runs again. Everything in this issue is public, so do not include personal data that should not be.\n\n\
         The form fields and rules are explained in `docs/SUBMITTING.md` in this repository.\n",
        title = config.title,
    );
    let _ = writeln!(
        out,
        "  - type: markdown\n    attributes:\n      value: {}",
        quoted(&intro)
    );
    for field in fields() {
        out.push('\n');
        form_field(&mut out, field, config);
    }
    let description = format!(
        "In Markdown, in English, {} to {} words: what the job is, how {language} is used in it, what you ask for, and who you are. Paid positions only. Links must be https; no HTML forms, scripts or frames, and no ALL CAPS.",
        config.min_words, config.max_words
    );
    let _ = write!(
        out,
        "\n  - type: textarea\n    id: description\n    attributes:\n      label: {}\n      description: {}\n      placeholder: {}\n    validations:\n      required: true\n",
        quoted(DESCRIPTION),
        quoted(&description),
        quoted("## What you will do\n- ...\n\n## What we ask for\n- ...\n\n## About us\n..."),
    );
    out
}

fn form_field(out: &mut String, field: &Field, config: &Config) {
    let id = field.flag;
    let label = quoted(field.label);
    let description = quoted(&help(field, config));
    let required = field.need == crate::posting::fields::Need::Required && field.group().is_none();
    let options = |words: Vec<String>| -> String {
        words
            .iter()
            .map(|w| format!("        - {}\n", quoted(w)))
            .collect()
    };
    match field.kind {
        Kind::Choice(words) => {
            let _ = write!(
                out,
                "  - type: dropdown\n    id: {id}\n    attributes:\n      label: {label}\n      description: {description}\n      options:\n{}",
                options(words.iter().map(|w| w.to_string()).collect())
            );
        }
        Kind::Category => {
            let about: Vec<String> = config
                .categories
                .iter()
                .map(|(slug, label)| format!("{slug}: {label}"))
                .collect();
            let _ = write!(
                out,
                "  - type: dropdown\n    id: {id}\n    attributes:\n      label: {label}\n      description: {}\n      options:\n{}",
                quoted(&format!("{} ({})", help(field, config), about.join("; "))),
                options(config.categories.iter().map(|(s, _)| s.clone()).collect())
            );
        }
        Kind::Choices(words) => {
            let _ = write!(
                out,
                "  - type: checkboxes\n    id: {id}\n    attributes:\n      label: {label}\n      description: {description}\n      options:\n{}",
                words
                    .iter()
                    .map(|w| format!("        - label: {}\n", quoted(w)))
                    .collect::<String>()
            );
        }
        Kind::Flag => {
            let _ = write!(
                out,
                "  - type: checkboxes\n    id: {id}\n    attributes:\n      label: {label}\n      description: {description}\n      options:\n        - label: {}\n",
                quoted(&format!("Yes: {}", field.question.trim_end_matches('?')))
            );
        }
        _ => {
            // The examples are a Python board's: a board's own language reads better.
            let example = field
                .example
                .trim_start_matches('[')
                .trim_end_matches(']')
                .replace("Python", &config.language);
            let _ = write!(
                out,
                "  - type: input\n    id: {id}\n    attributes:\n      label: {label}\n      description: {description}\n      placeholder: {}\n",
                quoted(&example)
            );
        }
    }
    if required {
        out.push_str("    validations:\n      required: true\n");
    }
}

/// `.github/PULL_REQUEST_TEMPLATE.md`.
pub fn pr_template(config: &Config) -> String {
    let language = &config.language;
    let days = config.max_age_days;
    let required: Vec<String> = crate::posting::FIELDS
        .iter()
        .filter(|f| f.need == crate::posting::fields::Need::Required && f.group().is_none())
        .map(|f| format!("`{}`", f.key))
        .collect();
    format!(
        "<!--
Thank you for posting a job! Please tick each box (replace [ ] with [x]).
The PR check runs `jobboard check` on your posting and shows what to fix on the lines of your
file (\"Files changed\" tab). See docs/SUBMITTING.md for help with every field.
This template is written by `jobboard forms` from board.yaml.
-->

## Job posting

**Company and job title:**

### Checklist

**The file**
- [ ] One file per job, in `postings/`. This pull request adds or changes only that file.
- [ ] The file name is `<company>-<job>.md`: 3 to 80 characters of `a-z`, `0-9` and `-`
      (no capitals, spaces or accents).
- [ ] It starts with the front matter between two `---` lines and uses only the fields of the
      format; the required ones are filled in: {required}, and `location` (`city`, `country`)
      unless the job is fully remote, or `remote_from` when it is.
- [ ] `title` is the job title only (5 to 100 characters), not in ALL CAPS, with no `!!!`.

**The job**
- [ ] {language} is the main language of the job, and the description says how it is used.
- [ ] The position is paid: no unpaid internship, volunteer work or equity-only pay.
- [ ] The description is in English and {min} to {max} words long.
- [ ] This job is not on the board already (same company and title, or the same description).

**Links and dates**
- [ ] `apply` and `company_url` are `https://` addresses of public pages (or `apply` is
      `mailto:` a plain address).
- [ ] E-mail addresses are plain (`jobs@acme.example`, no display name).
- [ ] `posted` is today, the day I submit; I will not change it later.
- [ ] `expires`, if given, is at most {days} days after `posted`.

**The text**
- [ ] The description is Markdown only: no scripts, styles, iframes or forms, and every link is
      `https`, `http` or `mailto`.

- [ ] I ran `jobboard check postings/<file>.md` (or `cargo run -- check postings/<file>.md`)
      and fixed every error it reported.
",
        required = required.join(", "),
        min = config.min_words,
        max = config.max_words,
    )
}
