//! schema.org `JobPosting` for search engines, built in Rust (never by a
//! template) with every `<`, `>` and `&` escaped, so no posting text can
//! close the `<script>` block it stands in.

use serde_json::{Value, json};

use crate::config::Config;
use crate::posting::{JobType, Period, Posting, Publish, Region, Remote};

/// The JSON-LD of a job page, ready to put inside
/// `<script type="application/ld+json">`.
pub fn job_posting(p: &Posting, config: &Config, body_html: &str, permalink: &str) -> String {
    let mut doc = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": p.title,
        "description": body_html,
        "datePosted": p.posted.to_string(),
        "validThrough": format!("{}T23:59:59Z", p.last_day(config.max_age_days)),
        "employmentType": p.types.iter().map(|t| employment_type(*t)).collect::<Vec<_>>(),
        "hiringOrganization": organization(p),
        "identifier": {
            "@type": "PropertyValue",
            "name": p.company,
            "value": p.slug,
        },
        "url": permalink,
    });
    let fields = doc.as_object_mut().expect("a JSON object literal");
    if let Some(place) = &p.location {
        let mut address = json!({
            "@type": "PostalAddress",
            "addressLocality": place.city,
            "addressCountry": place.country.code(),
        });
        if let Some(region) = &place.region {
            address["addressRegion"] = json!(region);
        }
        fields.insert(
            "jobLocation".into(),
            json!({ "@type": "Place", "address": address }),
        );
    }
    if p.remote == Remote::Remote {
        fields.insert("jobLocationType".into(), json!("TELECOMMUTE"));
        let places: Vec<Value> = p
            .remote_from
            .iter()
            .map(|region| match region {
                Region::Country(c) => json!({ "@type": "Country", "name": c.code() }),
                Region::Worldwide => json!({ "@type": "AdministrativeArea", "name": "Worldwide" }),
            })
            .collect();
        if !places.is_empty() {
            fields.insert("applicantLocationRequirements".into(), Value::Array(places));
        }
    }
    if let Some(salary) = &p.salary {
        let mut value = json!({
            "@type": "QuantitativeValue",
            "unitText": unit_text(salary.period),
        });
        match &salary.max {
            Some(max) if max.value > salary.min.value => {
                value["minValue"] = json!(salary.min.value);
                value["maxValue"] = json!(max.value);
            }
            _ => value["value"] = json!(salary.min.value),
        }
        fields.insert(
            "baseSalary".into(),
            json!({ "@type": "MonetaryAmount", "currency": salary.currency.code(), "value": value }),
        );
    }
    for (field, value) in &p.extra {
        if let Publish::Fact {
            json_ld: Some(property),
            ..
        } = field.publish
        {
            fields.insert(property.into(), value.to_json());
        }
    }
    script_safe(&doc.to_string())
}

fn organization(p: &Posting) -> Value {
    let mut org = json!({ "@type": "Organization", "name": p.company });
    if let Some(url) = &p.company_url {
        org["sameAs"] = json!(url.as_str());
    }
    org
}

/// Google's employment types.
fn employment_type(t: JobType) -> &'static str {
    match t {
        JobType::FullTime => "FULL_TIME",
        JobType::PartTime => "PART_TIME",
        JobType::Contract => "CONTRACTOR",
        JobType::Internship => "INTERN",
        JobType::Temporary => "TEMPORARY",
    }
}

fn unit_text(period: Period) -> &'static str {
    match period {
        Period::Hour => "HOUR",
        Period::Day => "DAY",
        Period::Week => "WEEK",
        Period::Month => "MONTH",
        Period::Year => "YEAR",
    }
}

/// JSON that is still the same JSON, but holds no `<`, `>` or `&`: nothing in
/// it can end a `<script>` element or open a comment there.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 8);
    let bytes = json.as_bytes();
    let mut copied = 0;
    for (at, &b) in bytes.iter().enumerate() {
        let escape = match b {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
            0xE2 if bytes.get(at + 1) == Some(&0x80) && bytes.get(at + 2) == Some(&0xA8) => {
                "\\u2028"
            }
            0xE2 if bytes.get(at + 1) == Some(&0x80) && bytes.get(at + 2) == Some(&0xA9) => {
                "\\u2029"
            }
            _ => continue,
        };
        out.push_str(&json[copied..at]);
        out.push_str(escape);
        copied = at + if b == 0xE2 { 3 } else { 1 };
    }
    out.push_str(&json[copied..]);
    escape_unfit(out)
}

/// JSON leaves C1 controls and noncharacters as they are; HTML calls them
/// errors. Escaped, the JSON means the same.
fn escape_unfit(json: String) -> String {
    let unfit = |c: char| {
        let u = u32::from(c);
        (0x80..=0x9F).contains(&u) || (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE
    };
    if !crate::text::may_be_unfit(json.as_bytes()) || !json.chars().any(unfit) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unfit(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::script_safe;

    #[test]
    fn nothing_can_close_the_script() {
        let json =
            serde_json::json!({ "t": "</script><!-- & -->\u{2028}é\u{2029}\u{85}\u{FFFE}\u{1FFFF}" })
                .to_string();
        let safe = script_safe(&json);
        assert!(
            !safe.contains('\u{85}') && !safe.contains('\u{FFFE}') && !safe.contains('\u{1FFFF}')
        );
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(
            back["t"],
            "</script><!-- & -->\u{2028}é\u{2029}\u{85}\u{FFFE}\u{1FFFF}"
        );
        assert!(!safe.contains('\u{2028}'));
    }
}
