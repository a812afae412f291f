//! `shouting`: an all-caps title, or runs of exclamation marks.

use super::{BodyText, Context, Rule};
use crate::diagnostic::{RuleId, Sink};
use crate::posting::Posting;

pub struct Shouting;

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
            out.warning(p.spans.title, "the title has a run of exclamation marks");
        }
        if let Some(at) = body.prose.find("!!!") {
            let run = body.prose[at..].chars().take_while(|c| *c == '!').count();
            out.warning(
                body.prose_span(at, run),
                "a run of exclamation marks; one is enough",
            );
        }
    }
}

fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_string() + &chars.as_str().to_lowercase()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}
