//! `jobboard new`: writes `postings/<slug>.md` with today's date from flags,
//! an issue form, or answers typed at a prompt; checks it; says what next.
//!
//! With `--non-interactive`, stdout is one line, the path of the written
//! file, so scripts (the issue-form workflow) can pick it up.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context as _, anyhow, bail};

use super::{Session, Status};
use crate::cli::{Global, NewArgs};
use crate::diagnostic::Tally;
use crate::load;
use crate::pipeline;
use crate::posting::{Choice, Draft, JobType, Period, Remote, issue_form};
use crate::report;
use crate::rules::length::{COMPANY_CHARS, TITLE_CHARS};

pub fn run(args: &NewArgs, global: &Global) -> anyhow::Result<Status> {
    let board = Session::open(global)?;
    let today = board.today();
    let mut draft = match &args.from_issue {
        Some(path) => {
            let body = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            issue_form::parse(&body).map_err(|missing| {
                anyhow!(
                    "the issue form has no answer for: {}; fill them in and try again",
                    missing.join(", ")
                )
            })?
        }
        None => Draft::default(),
    };
    apply_flags(&mut draft, args)?;
    if !args.non_interactive {
        let stdin = std::io::stdin();
        let mut prompt = Prompt {
            input: stdin.lock(),
            terminal: stdin.is_terminal(),
        };
        ask(&mut draft, &board, &mut prompt)?;
    }
    let missing = missing(&draft);
    if !missing.is_empty() {
        bail!(
            "missing {}; give them as flags (see `jobboard new --help`) or leave out --non-interactive",
            missing.join(", ")
        );
    }
    let slug = match &args.slug {
        Some(slug) => {
            load::check_slug(slug).map_err(|m| anyhow!("--slug {slug} {m}"))?;
            slug.clone()
        }
        None => slug_of(&draft),
    };
    let file = format!("{}/{slug}.md", crate::layout::POSTINGS);
    let path = board.root.join(&file);
    if path.exists() {
        bail!("{file} exists already; choose another name with --slug");
    }
    std::fs::create_dir_all(board.root.join(crate::layout::POSTINGS))?;
    write_new(&path, &draft.to_text(today))?;
    if args.non_interactive {
        println!("{file}");
    }
    let checked = pipeline::check(&board.root, &board.config, today, None);
    // The skeleton's description is there to be replaced: that is the next
    // step, not an error of what was typed (`check` refuses it until then).
    let skeleton = draft.body.trim().is_empty();
    let findings: Vec<_> = checked
        .findings
        .iter()
        .filter(|f| f.file == file)
        .filter(|f| !(skeleton && f.rule == crate::diagnostic::RuleId::Placeholder))
        .cloned()
        .collect();
    let tally = Tally::of(&findings);
    eprint!(
        "{}",
        report::human(&findings, &checked.texts_for(&findings), board.color_err)
    );
    eprintln!("wrote {file}");
    if tally.errors > 0 {
        eprintln!("it has errors: fix them in the file, then run `jobboard check {file}`");
        return Ok(Status::Failure);
    }
    eprintln!("{}", next_steps(&file, &slug, &draft));
    Ok(Status::Success)
}

/// Creates the file, refusing to replace one that appeared meanwhile.
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(text.as_bytes())?;
    Ok(())
}

fn apply_flags(d: &mut Draft, a: &NewArgs) -> anyhow::Result<()> {
    let set = |field: &mut String, flag: &Option<String>| {
        if let Some(value) = flag {
            *field = value.clone();
        }
    };
    set(&mut d.title, &a.title);
    set(&mut d.company, &a.company);
    set(&mut d.company_url, &a.company_url);
    set(&mut d.city, &a.city);
    set(&mut d.region, &a.region);
    set(&mut d.country, &a.country);
    set(&mut d.remote, &a.remote);
    set(&mut d.category, &a.category);
    set(&mut d.salary_min, &a.salary_min);
    set(&mut d.salary_max, &a.salary_max);
    set(&mut d.currency, &a.currency);
    set(&mut d.period, &a.period);
    set(&mut d.apply, &a.apply);
    set(&mut d.contact_name, &a.contact_name);
    set(&mut d.contact_email, &a.contact_email);
    set(&mut d.expires, &a.expires);
    set(&mut d.body, &a.body);
    if !a.remote_from.is_empty() {
        d.remote_from = a.remote_from.clone();
    }
    if !a.types.is_empty() {
        d.types = a.types.clone();
    }
    if !a.tags.is_empty() {
        d.tags = a.tags.clone();
    }
    d.agency |= a.agency;
    if let Some(path) = &a.body_file {
        d.body = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
    }
    Ok(())
}

/// The fields a posting cannot do without, by flag name.
fn missing(d: &Draft) -> Vec<&'static str> {
    let mut out = Vec::new();
    let checks: [(&str, bool); 6] = [
        ("--title", d.title.trim().is_empty()),
        ("--company", d.company.trim().is_empty()),
        ("--remote", d.remote.trim().is_empty()),
        ("--type", d.types.is_empty()),
        ("--category", d.category.trim().is_empty()),
        ("--apply", d.apply.trim().is_empty()),
    ];
    for (flag, absent) in checks {
        if absent {
            out.push(flag);
        }
    }
    out
}

fn slug_of(d: &Draft) -> String {
    crate::load::suggest_slug(&format!("{} {}", d.company, d.title))
}

fn next_steps(file: &str, slug: &str, d: &Draft) -> String {
    let edit = if d.body.trim().is_empty() {
        format!(
            "  1. Replace the template's description in {file} with your own: what the job is and how\n     Python is used (`jobboard check` refuses the template's text).\n"
        )
    } else {
        format!("  1. Read {file} once more.\n")
    };
    format!(
        "next:\n{edit}  2. jobboard check {file}\n  3. git switch -c job/{slug}\n     git add {file}\n     git commit -m {}\n     git push -u origin job/{slug}\n  4. Open a pull request; the check reports on its lines, and a reviewer merges it.",
        shell_quote(&format!(
            "Add job: {} at {}",
            d.title.trim(),
            d.company.trim()
        ))
    )
}

/// A value a shell reads as one word, whatever it holds.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// Questions on stderr, answers from stdin, each checked before going on.
struct Prompt<R> {
    input: R,
    terminal: bool,
}

impl<R: BufRead> Prompt<R> {
    /// One answer; `Ok(None)` at the end of the input.
    fn line(&mut self, question: &str, default: &str) -> anyhow::Result<Option<String>> {
        if default.is_empty() {
            eprint!("{question}: ");
        } else {
            eprint!("{question} [{default}]: ");
        }
        std::io::stderr().flush()?;
        let mut answer = String::new();
        if self.input.read_line(&mut answer)? == 0 {
            eprintln!();
            return Ok(None);
        }
        if !self.terminal {
            eprintln!();
        }
        let answer = answer.trim();
        Ok(Some(if answer.is_empty() {
            default.to_string()
        } else {
            answer.to_string()
        }))
    }

    /// Asks until `valid` accepts the answer (an empty one when `optional`).
    fn ask(
        &mut self,
        question: &str,
        field: &mut String,
        optional: bool,
        valid: impl Fn(&str) -> Result<(), String>,
    ) -> anyhow::Result<()> {
        loop {
            let Some(answer) = self.line(question, field)? else {
                return Ok(());
            };
            if answer.is_empty() && optional {
                *field = answer;
                return Ok(());
            }
            match valid(&answer) {
                Ok(()) => {
                    *field = answer;
                    return Ok(());
                }
                Err(why) => eprintln!("  {why}"),
            }
        }
    }
}

fn ask<R: BufRead>(d: &mut Draft, board: &Session, p: &mut Prompt<R>) -> anyhow::Result<()> {
    let text = |range: std::ops::RangeInclusive<usize>| {
        move |v: &str| {
            if range.contains(&v.chars().count()) {
                Ok(())
            } else {
                Err(format!(
                    "{} to {} characters, please",
                    range.start(),
                    range.end()
                ))
            }
        }
    };
    let one_of = |allowed: Vec<String>| {
        move |v: &str| {
            if allowed.iter().any(|a| a == v) {
                Ok(())
            } else {
                Err(format!("one of: {}", allowed.join(", ")))
            }
        }
    };
    let categories: Vec<String> = board
        .config
        .categories
        .iter()
        .map(|(s, _)| s.clone())
        .collect();
    eprintln!(
        "A new posting for {}. Press Enter to keep [the value in brackets] or skip an optional field.",
        board.config.title
    );
    p.ask(
        "Job title (the title only)",
        &mut d.title,
        false,
        text(TITLE_CHARS),
    )?;
    p.ask("Company", &mut d.company, false, text(COMPANY_CHARS))?;
    p.ask(
        "Company website (https://…, optional)",
        &mut d.company_url,
        true,
        web_address,
    )?;
    p.ask(
        &format!("Where is the work ({})", Remote::allowed()),
        &mut d.remote,
        false,
        word::<Remote>,
    )?;
    if d.remote == "remote" {
        let mut from = d.remote_from.join(", ");
        p.ask(
            "Remote applicants from (country codes such as DE, AT, or worldwide)",
            &mut from,
            false,
            country_list,
        )?;
        d.remote_from = list(&from);
    } else {
        p.ask("City", &mut d.city, false, text(1..=100))?;
        p.ask("Region (optional)", &mut d.region, true, text(1..=100))?;
        p.ask(
            "Country (ISO code such as DE, GB, US)",
            &mut d.country,
            false,
            country_code,
        )?;
    }
    let mut kinds = d.types.join(", ");
    p.ask(
        &format!("Type ({}; several with commas)", JobType::allowed()),
        &mut kinds,
        false,
        |v: &str| list(v).iter().try_for_each(|t| word::<JobType>(t)),
    )?;
    d.types = list(&kinds);
    p.ask(
        &format!("Category ({})", categories.join(", ")),
        &mut d.category,
        false,
        one_of(categories.clone()),
    )?;
    p.ask(
        "Salary, lowest figure (a number, optional)",
        &mut d.salary_min,
        true,
        number,
    )?;
    if !d.salary_min.is_empty() {
        p.ask(
            "Salary, highest figure (optional)",
            &mut d.salary_max,
            true,
            number,
        )?;
        p.ask(
            "Currency (ISO code such as EUR, USD)",
            &mut d.currency,
            false,
            currency,
        )?;
        p.ask(
            &format!("Paid per ({})", Period::allowed()),
            &mut d.period,
            false,
            word::<Period>,
        )?;
    }
    let mut tags = d.tags.join(", ");
    p.ask(
        "Tags (lowercase, with commas, optional)",
        &mut tags,
        true,
        |_| Ok(()),
    )?;
    d.tags = list(&tags);
    p.ask(
        "How to apply (https://… or mailto:jobs@…)",
        &mut d.apply,
        false,
        apply,
    )?;
    p.ask(
        "Contact name (optional)",
        &mut d.contact_name,
        true,
        text(1..=100),
    )?;
    p.ask(
        "Contact e-mail (optional)",
        &mut d.contact_email,
        true,
        |v: &str| crate::rules::links::deliverable(v).map_err(|why| format!("{v} {why}")),
    )?;
    let mut agency = if d.agency {
        "y".to_string()
    } else {
        "n".to_string()
    };
    p.ask(
        "Posted by a recruiting agency for a client? (y/n)",
        &mut agency,
        false,
        one_of(vec!["y".into(), "n".into()]),
    )?;
    d.agency = agency == "y";
    Ok(())
}

/// A web page's address that `check` will not refuse (plain http it only
/// warns about).
fn web_address(v: &str) -> Result<(), String> {
    let url = url::Url::parse(v)
        .ok()
        .filter(|u| matches!(u.scheme(), "https" | "http"))
        .ok_or("a full address such as https://acme.example, please")?;
    match crate::rules::links::url_problem(&url, "the address") {
        Some(problem) if problem.is_error => Err(problem.message),
        _ => Ok(()),
    }
}

fn apply(v: &str) -> Result<(), String> {
    match v.strip_prefix("mailto:") {
        Some(address) => {
            crate::rules::links::deliverable(address).map_err(|why| format!("{address} {why}"))
        }
        None => web_address(v),
    }
}

fn country_code(v: &str) -> Result<(), String> {
    crate::posting::Country::from_code(v)
        .map(|_| ())
        .ok_or_else(|| format!("`{v}` is not an ISO 3166-1 code such as DE, GB or US"))
}

fn country_list(v: &str) -> Result<(), String> {
    list(v)
        .iter()
        .filter(|c| *c != "worldwide")
        .try_for_each(|c| country_code(c))
}

/// One of a [`Choice`]'s words.
fn word<C: Choice>(v: &str) -> Result<(), String> {
    C::parse(v)
        .map(|_| ())
        .ok_or_else(|| format!("`{v}` is not one of: {}", C::allowed()))
}

/// `a, b,, c` as `[a, b, c]`.
fn list(v: &str) -> Vec<String> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn currency(v: &str) -> Result<(), String> {
    crate::posting::Currency::from_code(v)
        .map(|_| ())
        .ok_or_else(|| format!("`{v}` is not an ISO 4217 code such as EUR or USD"))
}

fn number(v: &str) -> Result<(), String> {
    match crate::posting::plain_number(v).map(|n| n.parse::<f64>()) {
        Some(Ok(n)) if n > 0.0 && n.is_finite() => Ok(()),
        _ => Err("a number above 0, such as 70000 or 70,000".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_for_a_shell_keeps_one_word() {
        assert_eq!(
            shell_quote("Add job: Dev at O'Neil $(rm)"),
            "'Add job: Dev at O'\\''Neil $(rm)'"
        );
    }

    #[test]
    fn slugs_come_from_company_and_title() {
        let d = Draft {
            company: "Müller & Söhne".into(),
            title: "Python Dev".into(),
            ..Draft::default()
        };
        assert_eq!(slug_of(&d), "muller-sohne-python-dev");
    }
}
