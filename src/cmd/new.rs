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
use crate::diagnostic::{RuleId, Tally};
use crate::load;
use crate::pipeline;
use crate::posting::fields::{self, Ask, FIELDS, Field, Kind, Need, POSTING};
use crate::posting::{Draft, issue_form, yes_or_no};
use crate::report;

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
    if let Some(slug) = &args.slug {
        load::check_slug(slug).map_err(|m| anyhow!("--slug {slug} {m}"))?;
    }
    // Before any question: a file that is there already is said at once.
    let taken = |draft: &Draft| -> anyhow::Result<()> {
        let has_name = args.slug.is_some() || (draft.has("company") && draft.has("title"));
        let file = file_of(args, draft);
        if has_name && board.root.join(&file).exists() {
            bail!("{file} exists already; choose another name with --slug");
        }
        Ok(())
    };
    taken(&draft)?;
    let mut ended = false;
    if !args.non_interactive {
        let stdin = std::io::stdin();
        let mut prompt = Prompt {
            input: stdin.lock(),
            terminal: stdin.is_terminal(),
            ended: false,
        };
        ask(&mut draft, &board, &mut prompt, &taken)?;
        ended = prompt.ended;
    }
    let missing = missing(&draft);
    if !missing.is_empty() {
        if args.non_interactive {
            bail!(
                "missing {}; give them as flags (see `jobboard new --help`) or leave out --non-interactive to be asked",
                missing.join(", ")
            );
        }
        let how = if ended {
            "the input ended before they were answered"
        } else {
            "they were left empty"
        };
        bail!(
            "missing {}: {how}; answer them, or give them as flags (see `jobboard new --help`)",
            missing.join(", ")
        );
    }
    let file = file_of(args, &draft);
    let path = board.root.join(&file);
    taken(&draft)?;
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
    let slug = args.slug.clone().unwrap_or_else(|| slug_of(&draft));
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
    for (key, values) in &a.fields.0 {
        d.set(key, values.clone());
    }
    if let Some(body) = &a.body {
        d.body = body.clone();
    }
    if let Some(path) = &a.body_file {
        d.body = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
    }
    Ok(())
}

/// The fields a posting cannot do without, by flag name.
fn missing(d: &Draft) -> Vec<String> {
    FIELDS
        .iter()
        .filter(|f| f.need == Need::Required && f.group().is_none() && f.submitted())
        .filter(|f| !d.has(f.key))
        .map(|f| format!("--{}", f.flag))
        .collect()
}

/// `postings/<slug>.md`, from `--slug` or from the company and title.
fn file_of(args: &NewArgs, d: &Draft) -> String {
    let slug = args.slug.clone().unwrap_or_else(|| slug_of(d));
    format!("{}/{slug}.md", crate::layout::POSTINGS)
}

fn slug_of(d: &Draft) -> String {
    crate::load::suggest_slug(&format!("{} {}", d.get("company"), d.get("title")))
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
            d.get("title").trim(),
            d.get("company").trim()
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
    /// Whether the input has ended (a pipe that ran out).
    ended: bool,
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
            self.ended = true;
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

    /// Asks for `field` until the checker accepts the answer (or an empty
    /// one, when the field may be skipped).
    fn ask(&mut self, d: &mut Draft, field: &'static Field, cx: &Context) -> anyhow::Result<()> {
        let question = field
            .question
            .replace("{choices}", &fields::choices(field.kind, &cx.categories));
        let mut current = d.list(field.key).join(", ");
        if field.kind == Kind::Flag {
            current = match yes_or_no(&current) {
                Some(true) => "y".into(),
                _ => "n".into(),
            };
        }
        loop {
            let Some(answer) = self.line(&question, &current)? else {
                return Ok(());
            };
            if answer.is_empty() {
                if field.may_skip() {
                    d.set(field.key, Vec::new());
                    return Ok(());
                }
                eprintln!("  an answer is needed here");
                continue;
            }
            let values = if field.kind.is_list() {
                list(&answer)
            } else if field.kind == Kind::Flag {
                match yes_or_no(&answer) {
                    Some(yes) => vec![yes.to_string()],
                    None => {
                        eprintln!("  y or n, please");
                        continue;
                    }
                }
            } else {
                vec![answer.clone()]
            };
            let mut tried = d.clone();
            tried.set(field.key, values);
            match problem(&tried, field, cx) {
                None => {
                    *d = tried;
                    return Ok(());
                }
                Some(why) => eprintln!("  {why}"),
            }
        }
    }
}

/// What `ask` needs to judge answers as `check` would.
struct Context<'a> {
    today: chrono::NaiveDate,
    rules: crate::rules::Context<'a>,
    categories: Vec<&'a str>,
}

/// The first error `check` finds on `field`'s lines of the file `d` would
/// be: the parser's and the rules' own judgement, so that what `new` accepts
/// `check` accepts too.
fn problem(d: &Draft, field: &Field, cx: &Context) -> Option<String> {
    let written = scaffold(d, cx).write(&POSTING, cx.today);
    let lines = written
        .lines
        .iter()
        .find(|(key, _)| *key == field.key)
        .map(|(_, lines)| lines.clone())?;
    let source = crate::source::Source {
        file: "postings/new.md".into(),
        slug: "new".into(),
        text: written.text,
    };
    let (_, findings) = pipeline::check_source(&source, &cx.rules);
    findings
        .into_iter()
        // A field missing elsewhere is not this answer's fault.
        .filter(|f| f.is_error() && f.rule != RuleId::Required)
        .filter(|f| lines.contains(&f.span.start.line))
        .map(|f| match f.help {
            Some(help) => format!("{}; {help}", f.message),
            None => f.message,
        })
        .next()
}

/// `d` with an example in each required field not yet answered, so that the
/// file parses and every rule runs on the fields that are.
fn scaffold(d: &Draft, cx: &Context) -> Draft {
    let mut full = d.clone();
    let remote = d.get("remote") == "remote";
    for field in FIELDS {
        let needed = match field.group() {
            None => field.need == Need::Required,
            Some("location") => !remote && field.need == Need::Required,
            Some(_) => false,
        } || (remote && field.key == "remote_from");
        if !needed || d.has(field.key) || !field.submitted() {
            continue;
        }
        let example = match field.kind {
            Kind::Category => cx.categories.first().copied().unwrap_or_default(),
            _ => field.example,
        };
        let values = if field.kind.is_list() {
            list(example.trim_matches(['[', ']']))
        } else {
            vec![example.to_string()]
        };
        full.set(field.key, values);
    }
    full
}

fn ask<R: BufRead>(
    d: &mut Draft,
    board: &Session,
    p: &mut Prompt<R>,
    taken: &dyn Fn(&Draft) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let today = board.today();
    let cx = Context {
        today,
        rules: crate::rules::Context::new(&board.config, today, None),
        categories: board
            .config
            .categories
            .iter()
            .map(|(s, _)| s.as_str())
            .collect(),
    };
    eprintln!(
        "A new posting for {}. Press Enter to keep [the value in brackets] or skip an optional field.",
        board.config.title
    );
    for field in FIELDS {
        let remote = d.get("remote") == "remote";
        let asked = match field.ask {
            Ask::Always => true,
            Ask::IfRemote => remote,
            Ask::IfNotRemote => !remote,
            Ask::IfSalary => d.has("salary.min"),
            Ask::Never | Ask::Filled | Ask::Later => false,
        };
        if asked && !p.ended {
            p.ask(d, field, &cx)?;
            // The name is known once the company and title are: say now
            // if it is taken, not after every other question.
            if matches!(field.key, "title" | "company") {
                taken(d)?;
            }
        }
    }
    Ok(())
}

/// `a, b,, c` as `[a, b, c]`.
fn list(v: &str) -> Vec<String> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
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
        let mut d = Draft::default();
        d.set("company", vec!["Müller & Söhne".into()]);
        d.set("title", vec!["Python Dev".into()]);
        assert_eq!(slug_of(&d), "muller-sohne-python-dev");
    }
}
