//! `applicant-fee` and `scam`: what real job scams ask and promise. Both are
//! notices with the phrase quoted: the words alone cannot prove a scam, but
//! a reviewer who sees them reads the posting twice.

use super::body::BodyText;
use super::lexicon::{Family, Hit, negated, sentence};
use super::{Context, Rule};
use crate::diagnostic::{RuleId, Sink};
use crate::posting::Posting;

/// Money asked of applicants (fees, deposits, paid training), or bank
/// details and identity documents asked for with the application.
pub struct ApplicantFee;

impl Rule for ApplicantFee {
    fn judges(&self) -> bool {
        true
    }

    fn id(&self) -> RuleId {
        RuleId::ApplicantFee
    }

    fn check(&self, _: &Posting, body: &BodyText, _: &Context, out: &mut Sink) {
        let text = &body.prose;
        let fee = body
            .phrases(Family::Fee)
            .find(|h| !negated(text, h.start) && !employer_pays(text, h));
        let identity = || {
            body.phrases(Family::Identity)
                .find(|h| !negated(text, h.start) && asked_up_front(body, h))
        };
        let cost = || {
            body.phrases(Family::Cost)
                .find(|h| !negated(text, h.start) && applicant_pays(body, h))
        };
        let (hit, what) = match fee.or_else(cost) {
            Some(hit) => (hit, "asks applicants for money"),
            None => match identity() {
                Some(hit) => (hit, "asks applicants for bank or identity details up front"),
                None => return,
            },
        };
        let phrase = body.quote(hit.start, hit.end);
        let around = sentence(text, hit.start);
        out.notice(
            body.prose_span(hit.start, hit.end - hit.start),
            format!("the posting {what}: \"{}\"", super::short(body.quote(around.start, around.end).trim(), 100)),
        )
        .set_evidence(phrase)
        .help = Some(
            "employers never charge applicants, and ask for documents only after an offer; reviewers: this is how job scams start".into(),
        );
    }
}

/// Whether the sentence says the employer pays the fee ("we cover the
/// certification fee").
fn employer_pays(text: &str, hit: &Hit) -> bool {
    let around = sentence(text, hit.start);
    let lower = text[around].to_ascii_lowercase();
    [
        "we pay",
        "we'll pay",
        "we will pay",
        "we cover",
        "we'll cover",
        "we will cover",
        "we reimburse",
        "reimbursed",
        "covered by",
        "paid by us",
        "paid for by",
        "at our expense",
        "on us",
        "company pays",
        "we provide",
        "we offer",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Whether a word of cost ("costs", "payable", "buy") asks an applicant to
/// pay: a sum stands in its sentence, the sentence is not about pay or
/// perks, and its paragraph speaks of applicants or the hiring process.
fn applicant_pays(body: &BodyText, hit: &Hit) -> bool {
    let around = sentence(&body.prose, hit.start);
    let said = &body.prose[around];
    let lower = said.to_ascii_lowercase();
    let perks = [
        "salary",
        "per hour",
        "an hour",
        "a year",
        "per year",
        "a month",
        "per month",
        "gross",
        "budget",
        "allowance",
        "stipend",
        "we pay",
        "we cover",
        "we reimburse",
        "bonus",
        "pension",
        "401",
        "equity",
        "covered",
        "on us",
        "free",
        "provided",
        "paid for",
        "per user",
        "customers",
        "clients",
        "subscription",
        "price",
    ];
    if !has_amount(said) || perks.iter().any(|w| lower.contains(w)) {
        return false;
    }
    let Some(block) = body.block_at(hit.start) else {
        return false;
    };
    let paragraph = body.text_of(block).to_ascii_lowercase();
    [
        "candidate",
        "applicant",
        "to apply",
        "application",
        "before the interview",
        "before your interview",
        "interview stage",
        "hiring process",
        "selection process",
    ]
    .iter()
    .any(|w| paragraph.contains(w))
}

/// Whether `text` states a sum of money: a number next to a currency sign
/// (`$39.99`, `€149`) or a currency's code or name (`149 EUR`, `50 dollars`).
fn has_amount(text: &str) -> bool {
    let bytes = text.as_bytes();
    let words: Vec<(usize, &str)> = super::body::ascii_words(text).collect();
    words.iter().enumerate().any(|(i, (at, word))| {
        let digits = word.trim_start_matches(|c: char| !c.is_ascii_digit());
        if !digits.starts_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        let sign = |c: char| matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '₺' | '₪');
        let before = text[..*at].trim_end().chars().next_back();
        if before.is_some_and(sign) || word.starts_with(sign) {
            return true;
        }
        let _ = bytes;
        let currency = |w: &str| {
            crate::posting::Currency::from_code(w).is_some()
                || matches!(
                    w.to_ascii_lowercase().as_str(),
                    "dollars" | "euros" | "euro" | "pounds" | "francs" | "rupees" | "yen"
                )
        };
        words.get(i + 1).is_some_and(|(_, w)| currency(w))
            || i.checked_sub(1)
                .and_then(|j| words.get(j))
                .is_some_and(|(_, w)| currency(w))
    })
}

/// Whether the sentence (and, in a list, the line that leads into it) asks
/// for the document with the application, not after an offer.
fn asked_up_front(body: &BodyText, hit: &Hit) -> bool {
    let around = sentence(&body.prose, hit.start);
    let mut lower = body.prose[around].to_ascii_lowercase();
    if let Some(lead) = lead_of(body, hit.start) {
        lower.push(' ');
        lower.push_str(&lead.to_ascii_lowercase());
    }
    let later = [
        "after an offer",
        "after the offer",
        "after your offer",
        "once hired",
        "after hiring",
        "upon hiring",
        "when you join",
        "first day",
        "never ask",
    ];
    let asks = [
        "send", "provide", "include", "submit", "attach", "apply", "required", "must", "need",
        "upload", "share", "enter", "fill",
    ];
    !later.iter().any(|w| lower.contains(w)) && asks.iter().any(|w| lower.contains(w))
}

/// The paragraph that leads into the list holding `at`, if it is in a list.
fn lead_of<'b>(body: &'b BodyText, at: usize) -> Option<&'b str> {
    use super::body::BlockKind;
    let i = body
        .blocks
        .partition_point(|b| b.range.start <= at)
        .checked_sub(1)?;
    if body.blocks[i].kind != BlockKind::Item {
        return None;
    }
    // A list's lead is just before it; a list of hundreds of items is not
    // read back to its start for each.
    body.blocks[..i]
        .iter()
        .rev()
        .take(40)
        .find(|b| b.kind != BlockKind::Item)
        .map(|b| body.text_of(b))
}

/// Scam and pyramid-scheme wording: one strong phrase ("build your own
/// team", "contact us on WhatsApp"), or two weaker ones. Denials do not
/// count here: "this is not a get-rich-quick scheme" is scam wording too.
pub struct Scam;

impl Rule for Scam {
    fn judges(&self) -> bool {
        true
    }

    fn id(&self) -> RuleId {
        RuleId::Scam
    }

    fn check(&self, _: &Posting, body: &BodyText, _: &Context, out: &mut Sink) {
        let strong = body
            .phrases(Family::ScamStrong)
            .chain(body.phrases(Family::Scam).filter(|h| chat_contact(body, h)))
            .min_by_key(|h| h.start);
        let weak: Vec<&Hit> = body.phrases(Family::Scam).collect();
        let mut distinct: Vec<String> = weak
            .iter()
            .map(|h| body.quote(h.start, h.end).to_ascii_lowercase())
            .collect();
        distinct.sort();
        distinct.dedup();
        let first = match strong {
            Some(hit) => hit,
            None if distinct.len() >= 2 => weak[0],
            None => return,
        };
        let mut quoted: Vec<String> = std::iter::once(first)
            .chain(weak.iter().copied())
            .map(|h| body.quote(h.start, h.end).to_string())
            .collect();
        quoted.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        let phrases = super::quote_list(&quoted, 3);
        out.notice(
            body.prose_span(first.start, first.end - first.start),
            format!("wording common in job scams and pyramid schemes: {phrases}"),
        )
        .set_evidence(body.quote(first.start, first.end))
        .help = Some("reviewers: check that the employer is real and the job is a job".into());
    }
}

/// "Contact us on WhatsApp": a chat app as the way to reach the employer
/// (a posting about building a Telegram bot is not).
fn chat_contact(body: &BodyText, hit: &Hit) -> bool {
    let word = body.quote(hit.start, hit.end).to_ascii_lowercase();
    if !["whatsapp", "telegram", "signal app", "text us", "dm us"].contains(&word.as_str()) {
        return false;
    }
    let around = sentence(&body.prose, hit.start);
    let lower = body.prose[around].to_ascii_lowercase();
    [
        "contact us",
        "contact me",
        "message us",
        "message me",
        "reach us",
        "reach me",
        "reach out",
        "apply via",
        "apply on",
        "apply through",
        "apply by",
        "send your cv",
        "send your resume",
        "send us",
        "text us",
        "text me",
        "add us",
        "add me",
        "write to us",
        "write to me",
        "chat with us",
        "chat with me",
        "dm us",
        "dm me",
        "get in touch",
        "our recruiter",
        "hr manager",
        "interview on",
        "interview via",
        "interviews on",
        "interviews via",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::RuleId;
    use crate::rules::tests::findings_of;

    fn of(rule: RuleId, body: &str) -> Vec<String> {
        findings_of("Python Developer", body)
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.evidence.unwrap_or_default())
            .collect()
    }

    #[test]
    fn fees_asked_of_applicants_but_not_fees_we_pay() {
        assert_eq!(
            of(
                RuleId::ApplicantFee,
                "Python work. A refundable training deposit of $200 is due before you start."
            ),
            ["training deposit"]
        );
        assert!(of(RuleId::ApplicantFee, "Python work. We cover the certification fee and any registration fee for conferences.").is_empty());
        assert!(
            of(
                RuleId::ApplicantFee,
                "Python work. There is no application fee."
            )
            .is_empty()
        );
        assert_eq!(
            of(
                RuleId::ApplicantFee,
                "Python work. To apply, send a copy of your passport and your bank details."
            ),
            ["copy of your passport"]
        );
        assert!(
            of(
                RuleId::ApplicantFee,
                "Python work. We check your passport on your first day."
            )
            .is_empty()
        );
        assert_eq!(
            of(
                RuleId::ApplicantFee,
                "Python work. All applicants need our certificate: you can buy the exam voucher (149 EUR) after you apply."
            ),
            ["buy"]
        );
        assert!(
            of(
                RuleId::ApplicantFee,
                "Python work. Every applicant gets a reply. Our product costs 49 EUR per user."
            )
            .is_empty()
        );
        assert!(
            of(
                RuleId::ApplicantFee,
                "Python work. The salary is 70,000 EUR a year; we buy you a laptop."
            )
            .is_empty()
        );
        assert_eq!(
            of(
                RuleId::ApplicantFee,
                "Python work. Please include the following in your application:\n\n- a scan of your passport;\n- your IBAN.\n"
            ),
            ["scan of your passport"]
        );
    }

    #[test]
    fn scams_need_a_strong_phrase_or_two_weak_ones() {
        assert_eq!(
            of(
                RuleId::Scam,
                "Python work. Contact us on WhatsApp to start."
            ),
            ["WhatsApp"]
        );
        assert!(of(RuleId::Scam, "You will build our Telegram bot in Python.").is_empty());
        assert!(of(RuleId::Scam, "You will build the Python bot that answers customers through the WhatsApp Business API.").is_empty());
        assert!(
            of(
                RuleId::Scam,
                "Python work. No experience required: we train you."
            )
            .is_empty()
        );
        assert_eq!(
            of(
                RuleId::Scam,
                "Python work. No experience required, easy money from day one."
            )
            .len(),
            1
        );
        assert_eq!(
            of(
                RuleId::Scam,
                "Python work. Be your own boss and build your own team."
            )
            .len(),
            1
        );
    }
}
