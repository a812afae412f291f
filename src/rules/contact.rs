//! `apply-link` and `free-mail`: where an applicant goes must be this job's
//! employer. Notices: each has honest exceptions a reviewer can see.

use url::Url;

use super::body::BodyText;
use super::{Context, Rule};
use crate::diagnostic::{RuleId, Sink};
use crate::posting::{Apply, Posting};

/// Link shorteners hide where an applicant is sent (and are a favourite of
/// phishing). Hosts, without `www.`.
const SHORTENERS: &[&str] = &[
    "bit.ly",
    "bitly.com",
    "tinyurl.com",
    "t.co",
    "goo.gl",
    "ow.ly",
    "is.gd",
    "buff.ly",
    "rebrand.ly",
    "cutt.ly",
    "shorturl.at",
    "rb.gy",
    "tiny.cc",
    "lnkd.in",
    "s.id",
    "t.ly",
    "bl.ink",
    "short.io",
    "soo.gd",
    "v.gd",
    "x.co",
    "tr.im",
    "shorte.st",
    "adf.ly",
    "bit.do",
    "mcaf.ee",
    "su.pr",
    "qr.ae",
    "trib.al",
    "dlvr.it",
    "ift.tt",
    "po.st",
    "t2m.io",
    "clck.ru",
    "u.to",
    "zpr.io",
    "linktr.ee",
    "forms.gle",
    "tiny.one",
    "short.gy",
];

/// Files an apply link should not be: a document or a picture is not a page
/// about the job that one can apply on.
const FILE_ENDINGS: &[&str] = &[
    ".pdf", ".doc", ".docx", ".odt", ".rtf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg",
    ".zip", ".rar", ".7z", ".exe", ".apk", ".dmg", ".xls", ".xlsx", ".ppt", ".pptx",
];

/// Hosts whose home page is a job page: a careers site, a job board.
const CAREERS_HOSTS: &[&str] = &[
    "careers.",
    "jobs.",
    "apply.",
    "join.",
    "work.",
    "hiring.",
    "recruiting.",
    "talent.",
    "boards.",
];

pub struct ApplyLink;

impl Rule for ApplyLink {
    fn judges(&self) -> bool {
        true
    }

    fn id(&self) -> RuleId {
        RuleId::ApplyLink
    }

    fn check(&self, p: &Posting, _: &BodyText, _: &Context, out: &mut Sink) {
        let Apply::Url(url) = &p.apply else { return };
        let Some(problem) = apply_problem(url) else {
            return;
        };
        out.notice(p.spans.apply, format!("`apply` {problem}"))
            .set_evidence(url.as_str())
            .help = Some(
            "link to this job's own page or application form, as it is on the employer's site"
                .into(),
        );
    }
}

fn apply_problem(url: &Url) -> Option<String> {
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if SHORTENERS.contains(&host) {
        return Some(format!(
            "goes through the link shortener {host}, which hides where applicants are sent"
        ));
    }
    let path = url.path().to_ascii_lowercase();
    if let Some(ending) = FILE_ENDINGS.iter().find(|e| path.ends_with(*e)) {
        return Some(format!(
            "is a {} file, not a page about the job",
            ending.trim_start_matches('.').to_uppercase()
        ));
    }
    let bare =
        path.trim_end_matches('/').is_empty() && url.query().is_none() && url.fragment().is_none();
    if bare && !CAREERS_HOSTS.iter().any(|c| host.starts_with(c)) {
        return Some(format!(
            "is the home page of {host}, not a page about this job"
        ));
    }
    None
}

/// E-mail providers anyone can sign up with. A company with a domain of its
/// own that asks for applications at one of these is often not the company.
const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "yahoo.fr",
    "yahoo.de",
    "yahoo.es",
    "yahoo.it",
    "yahoo.co.in",
    "yahoo.co.jp",
    "ymail.com",
    "rocketmail.com",
    "hotmail.com",
    "hotmail.co.uk",
    "hotmail.fr",
    "hotmail.de",
    "hotmail.it",
    "hotmail.es",
    "outlook.com",
    "outlook.fr",
    "outlook.de",
    "outlook.es",
    "live.com",
    "live.co.uk",
    "live.fr",
    "msn.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "mail.com",
    "email.com",
    "gmx.com",
    "gmx.net",
    "gmx.de",
    "gmx.at",
    "gmx.ch",
    "web.de",
    "t-online.de",
    "freenet.de",
    "protonmail.com",
    "protonmail.ch",
    "proton.me",
    "pm.me",
    "tutanota.com",
    "tuta.io",
    "zoho.com",
    "zohomail.com",
    "yandex.com",
    "yandex.ru",
    "ya.ru",
    "mail.ru",
    "inbox.ru",
    "list.ru",
    "bk.ru",
    "rambler.ru",
    "qq.com",
    "163.com",
    "126.com",
    "sina.com",
    "naver.com",
    "daum.net",
    "hanmail.net",
    "rediffmail.com",
    "laposte.net",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "sfr.fr",
    "libero.it",
    "virgilio.it",
    "tiscali.it",
    "seznam.cz",
    "wp.pl",
    "o2.pl",
    "onet.pl",
    "interia.pl",
    "bol.com.br",
    "uol.com.br",
    "terra.com.br",
    "fastmail.com",
    "hushmail.com",
    "gmx.fr",
    "mailinator.com",
    "btinternet.com",
    "sky.com",
    "comcast.net",
    "verizon.net",
    "att.net",
    "sbcglobal.net",
];

pub fn is_free_mail(domain: &str) -> bool {
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    FREE_MAIL.contains(&domain.as_str())
}

pub struct FreeMail;

impl Rule for FreeMail {
    fn judges(&self) -> bool {
        true
    }

    fn id(&self) -> RuleId {
        RuleId::FreeMail
    }

    fn check(&self, p: &Posting, _: &BodyText, _: &Context, out: &mut Sink) {
        // Only a company with a domain of its own: a small shop without one
        // honestly uses the address it has.
        let Some(own) = p
            .company_url
            .as_ref()
            .and_then(Url::host_str)
            .map(|h| h.trim_start_matches("www.").to_ascii_lowercase())
            .filter(|h| !is_free_mail(h))
        else {
            return;
        };
        let addresses = [
            match &p.apply {
                Apply::Email(address) => Some((address.as_str(), "apply", p.spans.apply)),
                Apply::Url(_) => None,
            },
            p.contact
                .as_ref()
                .and_then(|c| c.email.as_deref())
                .map(|address| (address, "contact.email", p.spans.contact_email)),
        ];
        for (address, field, span) in addresses.into_iter().flatten() {
            let Some((_, domain)) = address.rsplit_once('@') else {
                continue;
            };
            if is_free_mail(domain) {
                out.notice(
                    span,
                    format!("`{field}` is a personal {domain} address, though {} has its own domain {own}", p.company),
                )
                .set_evidence(address)
                .help = Some(format!("use an address at {own}, so that applicants know they write to the company"));
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_links_that_hide_or_miss_the_job() {
        let problem = |u: &str| apply_problem(&Url::parse(u).expect("url"));
        assert!(problem("https://bit.ly/3xYz").is_some_and(|p| p.contains("shortener")));
        assert!(
            problem("https://acme.example/jobs/flyer.PDF").is_some_and(|p| p.contains("PDF file"))
        );
        assert!(problem("https://www.acme.example/").is_some_and(|p| p.contains("home page")));
        assert_eq!(problem("https://careers.acme.example/"), None);
        assert_eq!(problem("https://acme.example/jobs/123"), None);
        assert_eq!(problem("https://acme.example/?job=123"), None);
        assert_eq!(
            problem("https://boards.greenhouse.example/acme/jobs/1"),
            None
        );
    }

    #[test]
    fn free_mail_domains() {
        assert!(is_free_mail("gmail.com"));
        assert!(is_free_mail("GMAIL.COM."));
        assert!(!is_free_mail("acme.example"));
    }
}
