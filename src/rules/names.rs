//! `mixed-script`: a name written with look-alike letters of another script
//! ("Аcme" with a Cyrillic А) or in fullwidth letters, as names imitating
//! others are. An error: a reader cannot tell.

use super::body::BodyText;
use super::{Context, Rule};
use crate::diagnostic::{RuleId, Sink, Span};
use crate::posting::Posting;

pub struct MixedScript;

impl Rule for MixedScript {
    fn id(&self) -> RuleId {
        RuleId::MixedScript
    }

    fn check(&self, p: &Posting, _: &BodyText, _: &Context, out: &mut Sink) {
        let place = p.location.as_ref();
        let fields: [(&str, Option<&str>, Span); 4] = [
            ("title", Some(&p.title), p.spans.title),
            ("company", Some(&p.company), p.spans.company),
            (
                "location.city",
                place.map(|l| l.city.as_str()),
                p.spans.front_matter,
            ),
            (
                "contact.name",
                p.contact.as_ref().and_then(|c| c.name.as_deref()),
                p.spans.contact_email,
            ),
        ];
        for (field, value, span) in fields {
            let Some(value) = value else { continue };
            if let Some(problem) = crate::unicode::spoofed_name(value) {
                out.error(span, format!("`{field}` {problem}"))
                    .set_evidence(value)
                    .help = Some("write the name in one script, as the company writes it".into());
            }
        }
    }
}
