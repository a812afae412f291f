//! What templates see: small, display-ready views of postings.
//!
//! Listings hold [`Summary`]s only (never bodies), so their memory does not
//! grow with the length of the postings.

use chrono::NaiveDate;
use serde::Serialize;

use super::Site;
use crate::config::Config;
use crate::posting::{Apply, Choice, Posting, Region, Salary};

/// A posting as a line of a listing.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub slug: String,
    /// The page, relative to the site's root: `jobs/<slug>/index.html`.
    /// Links name `index.html` so that a copy of the site opened from disk
    /// (a reviewer's preview) works as well as one on a web host.
    pub url: String,
    /// The public address: `base_url` + `jobs/<slug>/`.
    pub permalink: String,
    pub title: String,
    pub company: String,
    /// "Berlin, Germany"; "Worldwide" or "From Germany or Austria" for remote jobs.
    pub place: String,
    pub remote: &'static str,
    pub remote_key: &'static str,
    pub types: Vec<Labeled>,
    /// "Contract, Part-time".
    pub types_label: String,
    pub category: String,
    pub category_slug: String,
    pub salary: Option<String>,
    pub tags: Vec<String>,
    pub posted: String,
    pub posted_label: String,
    pub agency: bool,
    /// Lower-case words a reader's text filter matches against.
    pub search: String,
}

impl Summary {
    pub fn new(p: &Posting, site: &Site) -> Self {
        let config = site.config;
        let place = place(p);
        let category = config
            .category_label(&p.category)
            .unwrap_or(&p.category)
            .to_string();
        let search = super::carried(
            &[p.title.as_str(), &p.company, &place, &p.tags.join(" ")]
                .join(" ")
                .to_lowercase(),
        )
        .into_owned();
        Self {
            slug: p.slug.clone(),
            url: format!("{}index.html", p.path()),
            permalink: site.absolute(&p.path()),
            title: super::carried(&p.title).into_owned(),
            company: super::carried(&p.company).into_owned(),
            place: super::carried(&place).into_owned(),
            remote: p.remote.label(),
            remote_key: p.remote.as_str(),
            types: p
                .types
                .iter()
                .map(|t| Labeled {
                    key: t.as_str().into(),
                    label: t.label().into(),
                })
                .collect(),
            types_label: p
                .types
                .iter()
                .map(|t| t.label())
                .collect::<Vec<_>>()
                .join(", "),
            category,
            category_slug: p.category.clone(),
            salary: p.salary.as_ref().map(salary),
            tags: p.tags.clone(),
            posted: p.posted.to_string(),
            posted_label: day_label(p.posted),
            agency: p.agency,
            search,
        }
    }
}

/// A value with the key of its filter page: `{key: "full-time", label: "Full-time"}`.
#[derive(Clone, Debug, Serialize)]
pub struct Labeled {
    pub key: String,
    pub label: String,
}

/// Everything a job page shows besides its body.
#[derive(Clone, Debug, Serialize)]
pub struct Detail {
    #[serde(flatten)]
    pub summary: Summary,
    pub company_url: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub country_code: Option<String>,
    /// Where a remote applicant may live; `key` is the country's filter.
    pub remote_from: Vec<Labeled>,
    pub apply_href: String,
    /// `url` or `email`.
    pub apply_kind: &'static str,
    pub apply_label: String,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub last_day: String,
    pub last_day_label: String,
    pub days_left: i64,
}

impl Detail {
    pub fn new(p: &Posting, summary: &Summary, config: &Config, today: NaiveDate) -> Self {
        let last_day = p.last_day(config.max_age_days);
        let (apply_kind, apply_label) = match &p.apply {
            Apply::Url(url) => (
                "url",
                url.host_str()
                    .unwrap_or_default()
                    .trim_start_matches("www.")
                    .to_string(),
            ),
            Apply::Email(address) => ("email", address.clone()),
        };
        let contact = p.contact.clone().unwrap_or_default();
        Self {
            summary: summary.clone(),
            company_url: p.company_url.as_ref().map(ToString::to_string),
            city: p
                .location
                .as_ref()
                .map(|l| super::carried(&l.city).into_owned()),
            region: p
                .location
                .as_ref()
                .and_then(|l| l.region.as_deref().map(|r| super::carried(r).into_owned())),
            country: p.location.as_ref().map(|l| l.country.name().to_string()),
            country_code: p
                .location
                .as_ref()
                .map(|l| l.country.code().to_ascii_lowercase()),
            remote_from: p
                .remote_from
                .iter()
                .map(|r| Labeled {
                    key: match r {
                        Region::Worldwide => String::new(),
                        Region::Country(c) => c.code().to_ascii_lowercase(),
                    },
                    label: r.name().into(),
                })
                .collect(),
            apply_href: p.apply.href(),
            apply_kind,
            apply_label,
            contact_name: contact.name.map(|n| super::carried(&n).into_owned()),
            contact_email: contact.email.map(|e| super::carried(&e).into_owned()),
            last_day: last_day.to_string(),
            last_day_label: day_label(last_day),
            days_left: (last_day - today).num_days() + 1,
        }
    }
}

/// "Berlin, Germany"; for remote jobs "From Germany or Austria", "Worldwide".
pub fn place(p: &Posting) -> String {
    if let Some(loc) = &p.location {
        let mut parts = vec![loc.city.as_str()];
        if let Some(region) = loc.region.as_deref().filter(|r| *r != loc.city) {
            parts.push(region);
        }
        parts.push(loc.country.name());
        return parts.join(", ");
    }
    match p.remote_from.as_slice() {
        [] => "Worldwide".into(),
        regions if regions.contains(&Region::Worldwide) => "Worldwide".into(),
        regions => {
            let names: Vec<&str> = regions.iter().map(|r| r.name()).collect();
            format!("From {}", list_words(&names, "or"))
        }
    }
}

pub use crate::text::list_words;

/// "20 Nov 2026".
pub fn day_label(day: NaiveDate) -> String {
    day.format("%-d %b %Y").to_string()
}

/// "€70,000 – €90,000 a year"; "from USD 120,000 a year"; "CHF 45.50 an hour".
///
/// A currency's symbol stands before the amounts when ISO 4217 data gives it
/// one character that no other currency shares; otherwise (`$`, `£`, `kr`)
/// its code does, so that an amount means one thing on an international board.
pub fn salary(s: &Salary) -> String {
    let code = s.currency.code();
    let exponent = s.currency.exponent();
    let symbol = s.currency.symbol();
    let own_symbol = symbol.chars().count() == 1
        && !symbol.chars().any(char::is_alphanumeric)
        && !OBSOLETE_SYMBOLS.contains(&symbol.as_str())
        && !is_shared_symbol(&symbol);
    let (before, each) = if own_symbol {
        (String::new(), symbol)
    } else {
        (format!("{code} "), String::new())
    };
    let mut text = format!("{before}{each}{}", amount(s.min.value, exponent));
    match s.max.as_ref().filter(|m| m.value > s.min.value) {
        Some(max) => text.push_str(&format!(" – {each}{}", amount(max.value, exponent))),
        // A lowest figure alone is where the pay starts.
        None => text.insert_str(0, "from "),
    }
    text.push(' ');
    text.push_str(per(s.period));
    text
}

/// Symbols in the ISO data that readers no longer use: the franc sign for
/// the Swiss franc, which is written CHF.
const OBSOLETE_SYMBOLS: &[&str] = &["₣"];

fn per(period: crate::posting::Period) -> &'static str {
    use crate::posting::Period::*;
    match period {
        Hour => "an hour",
        Day => "a day",
        Week => "a week",
        Month => "a month",
        Year => "a year",
    }
}

/// Symbols several currencies write the same way ("$", "£", "kr"): the code
/// must follow them for the amount to mean one thing.
fn is_shared_symbol(symbol: &str) -> bool {
    static SHARED: std::sync::LazyLock<std::collections::HashSet<String>> =
        std::sync::LazyLock::new(|| {
            use iso_currency::IntoEnumIterator;
            let mut seen = std::collections::HashSet::new();
            let mut shared = std::collections::HashSet::new();
            for currency in iso_currency::Currency::iter() {
                let symbol = currency.symbol().to_string();
                if !seen.insert(symbol.clone()) {
                    shared.insert(symbol);
                }
            }
            shared
        });
    SHARED.contains(symbol)
}

/// `70000` as `70,000`; cents only where there are cents.
pub fn amount(value: f64, exponent: u16) -> String {
    // Round once, to the currency's minor unit; cents show only when there are some.
    let fixed = format!("{:.*}", usize::from(exponent.min(4)), value);
    let (whole, cents) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let mut grouped = String::with_capacity(fixed.len() + whole.len() / 3);
    let offset = whole.len() % 3;
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (i + 3 - offset) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if cents.bytes().any(|b| b != b'0') {
        grouped.push('.');
        grouped.push_str(cents);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::{Amount, Currency, Period};

    fn pay(min: f64, max: Option<f64>, code: &str, period: Period) -> Salary {
        let amount = |v: f64| Amount {
            value: v,
            text: v.to_string(),
        };
        Salary {
            min: amount(min),
            max: max.map(amount),
            currency: Currency::from_code(code).unwrap(),
            period,
        }
    }

    #[test]
    fn salaries_read_the_way_people_write_them() {
        let cases = [
            (
                70000.0,
                Some(90000.0),
                "EUR",
                Period::Year,
                "€70,000 – €90,000 a year",
            ),
            (
                120000.0,
                None,
                "USD",
                Period::Year,
                "from USD 120,000 a year",
            ),
            (
                45.5,
                Some(60.0),
                "GBP",
                Period::Hour,
                "GBP 45.50 – 60 an hour",
            ),
            (
                6000000.0,
                None,
                "JPY",
                Period::Year,
                "from JPY 6,000,000 a year",
            ),
            (
                115000.0,
                Some(135000.0),
                "CHF",
                Period::Year,
                "CHF 115,000 – 135,000 a year",
            ),
            (
                52000.0,
                None,
                "SEK",
                Period::Month,
                "from SEK 52,000 a month",
            ),
            (
                2400000.0,
                Some(3600000.0),
                "INR",
                Period::Year,
                "₹2,400,000 – ₹3,600,000 a year",
            ),
        ];
        for (min, max, code, period, text) in cases {
            assert_eq!(salary(&pay(min, max, code, period)), text);
        }
    }

    #[test]
    fn amounts_group_thousands() {
        assert_eq!(amount(0.0, 2), "0");
        assert_eq!(amount(999.0, 2), "999");
        assert_eq!(amount(1000.0, 2), "1,000");
        assert_eq!(amount(1234567.0, 2), "1,234,567");
        assert_eq!(amount(35.5, 2), "35.50");
        assert_eq!(amount(35.25, 0), "35");
        assert_eq!(amount(35.75, 0), "36");
        assert_eq!(amount(45.999, 2), "46");
        assert_eq!(amount(45.001, 2), "45");
        assert_eq!(amount(999_999.996, 2), "1,000,000");
    }
}
