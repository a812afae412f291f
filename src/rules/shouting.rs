//! `shouting`: an all-caps title or body, or runs of exclamation marks.

use super::{BodyText, Context, Rule};
use crate::diagnostic::{RuleId, Sink};
use crate::posting::Posting;

pub struct Shouting;

/// A body with at least this many words of three or more letters, of which
/// this share is in capitals, shouts (acronyms alone never reach it).
const BODY_WORDS: usize = 20;
const CAPITAL_SHARE: f64 = 0.6;

/// Each run of `!!!` is reported, up to this many; then their number.
const MAX_RUNS: usize = 5;

impl Rule for Shouting {
    fn id(&self) -> RuleId {
        RuleId::Shouting
    }

    fn check(&self, p: &Posting, body: &BodyText, _: &Context, out: &mut Sink) {
        let letters: Vec<char> = p.title.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() >= 6
            && letters.iter().all(|c| !c.is_lowercase())
            && letters.iter().any(|c| c.is_uppercase())
        {
            out.warning(
                p.spans.title,
                "the title is in capitals; write it in sentence or title case",
            )
            .help = Some(format!("such as `{}`", title_case(&p.title)));
        }
        if p.title.contains("!!") {
            out.warning(p.spans.title, "the title has a run of exclamation marks")
                .help = Some(format!("such as `{}`", calm(&p.title)));
        }
        if let Some(share) = capital_share(&body.counts) {
            out.warning(
                body.prose_span(0, 1),
                format!(
                    "the description is in capitals ({}% of its words); write it in sentence case",
                    (share * 100.0).round()
                ),
            )
            .help = Some("capitals read as shouting, and are harder to read".into());
        }
        let mut from = 0;
        let mut runs = 0;
        while let Some(at) = body.prose[from..].find("!!!").map(|i| from + i) {
            let run = body.prose[at..].chars().take_while(|c| *c == '!').count();
            runs += 1;
            if runs <= MAX_RUNS {
                out.warning(
                    body.prose_span(at, run),
                    "a run of exclamation marks; one is enough",
                );
            }
            from = at + run;
        }
        if runs > MAX_RUNS {
            out.warning(
                body.prose_span(0, 1),
                format!("{} more runs of exclamation marks", runs - MAX_RUNS),
            );
        }
    }
}

/// The share of capitalised words in a body that shouts, if it does.
fn capital_share(counts: &super::body::WordCounts) -> Option<f64> {
    let share = counts.capitals as f64 / counts.long.max(1) as f64;
    (counts.long >= BODY_WORDS && share >= CAPITAL_SHARE).then_some(share)
}

/// A title without its runs of `!` (one is kept only where it stood alone).
fn calm(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut bangs = 0;
    for c in text.chars() {
        if c == '!' {
            bangs += 1;
            continue;
        }
        if bangs == 1 {
            out.push('!');
        }
        bangs = 0;
        out.push(c);
    }
    if bangs == 1 {
        out.push('!');
    }
    out.trim().to_string()
}

fn title_case(text: &str) -> String {
    calm(text)
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_string() + &chars.as_str().to_lowercase()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::findings_of;

    #[test]
    fn the_suggested_title_is_calm() {
        assert_eq!(
            title_case("PYTHON DEVELOPER NEEDED!!!"),
            "Python Developer Needed"
        );
        assert_eq!(calm("Hello! World!!"), "Hello! World");
    }

    #[test]
    fn every_run_and_a_shouting_body_are_reported() {
        let body = "We need help!!! Now!!! Python!!!";
        let runs = findings_of("Python Developer", body)
            .into_iter()
            .filter(|f| f.rule == RuleId::Shouting)
            .count();
        assert_eq!(runs, 3);
        let loud = "WE ARE A FAST GROWING COMPANY LOOKING FOR A PYTHON DEVELOPER WHO LOVES CLEAN CODE AND WANTS TO BUILD GREAT PRODUCTS WITH OUR TEAM IN BERLIN";
        let shouts = |body: &str| {
            findings_of("Python Developer", body)
                .iter()
                .any(|f| f.message.contains("in capitals"))
        };
        assert!(shouts(loud));
        assert!(!shouts(
            "We use AWS, GCP, SQL and REST APIs with Python and Django every single day in our friendly team of engineers."
        ));
    }
}
