//! Every front-matter field, declared once.
//!
//! A [`Field`] says where the value sits (`title`, `salary.min`), what kind of
//! value it is, whether it is required, how `jobboard new` and the issue form
//! ask for it, and — for a field no other code knows about — where the site
//! shows it. The parser reads each field by its kind, `new` makes a flag and a
//! question of it, `Draft` writes it, the issue form is read by its labels;
//! adding a field is adding a line to [`FIELDS`].

use std::sync::LazyLock;

use super::{Choice, JobType, Period, Remote};
use crate::schema::Key;

/// One field of a posting's front matter.
#[derive(Debug)]
pub struct Field {
    /// Its key, with a dot for a key inside a group: `title`, `salary.min`.
    pub key: &'static str,
    /// `jobboard new --<flag>`.
    pub flag: &'static str,
    /// Its label in the "Post a job" issue form.
    pub label: &'static str,
    /// What `jobboard new` asks; `{choices}` is replaced by the allowed words.
    pub question: &'static str,
    /// What a submitter needs to know to fill it in, for the issue form and
    /// the site's "Post a job" page; `{days}` is the board's `max_age_days`.
    pub help: &'static str,
    /// A value as it is written in the file, for messages and `--help`.
    pub example: &'static str,
    pub kind: Kind,
    pub need: Need,
    /// When `jobboard new` asks for it.
    pub ask: Ask,
    pub publish: Publish,
}

/// What a value is, which decides how it is read, asked and written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// An http(s) address.
    Url,
    /// An https address, or `mailto:` and an address.
    Apply,
    /// An e-mail address.
    Email,
    /// An ISO 3166-1 alpha-2 code.
    Country,
    /// A list of country codes, or `worldwide`.
    Regions,
    /// One of these words.
    Choice(&'static [&'static str]),
    /// Some of these words, as a list.
    Choices(&'static [&'static str]),
    /// A key of `board.yaml`'s `categories`.
    Category,
    /// A number above 0.
    Number,
    /// An ISO 4217 code.
    Currency,
    /// A list of short lower-case words.
    Tags,
    /// `true` or `false`; a checkbox in forms.
    Flag,
    /// `YYYY-MM-DD`.
    Date,
}

impl Kind {
    /// Whether the value is a list (`[a, b]`; a flag that takes commas).
    pub fn is_list(self) -> bool {
        matches!(self, Kind::Regions | Kind::Choices(_) | Kind::Tags)
    }
}

/// Whether a field must be there. A field inside a group (`salary.min`) is
/// required when its group is there; groups themselves are optional, and the
/// parser says when one is needed (`location` for on-site jobs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
}

/// When `jobboard new` asks for a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    Always,
    /// For remote jobs only.
    IfRemote,
    /// For on-site and hybrid jobs only.
    IfNotRemote,
    /// Once a salary figure is given.
    IfSalary,
    /// Never: a flag and a form field only.
    Never,
    /// Never, nor a flag or form field: `new` fills it in (`posted`: today).
    Filled,
    /// Never, nor a flag or form field, nor written by `new`: it is set once
    /// the posting is up (`filled`: by `jobboard fill`).
    Later,
}

/// Where the site shows a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Publish {
    /// The posting type has a place for it, and the renderer its own code.
    Own,
    /// A field only this table knows: it is kept in [`Posting::extra`] and
    /// shown as a fact on the job page (`label`), as a key of its job in
    /// `jobs.json` (its own key) and, when given, as a JobPosting property.
    ///
    /// [`Posting::extra`]: super::Posting::extra
    Fact {
        label: &'static str,
        json_ld: Option<&'static str>,
    },
}

/// The fields of a posting, in the order `jobboard new` writes and asks them.
pub static FIELDS: &[Field] = &[
    Field {
        key: "title",
        flag: "title",
        label: "Job title",
        question: "Job title (the title only)",
        help: "The job title only, 5 to 100 characters. No company, place or salary here.",
        example: "Senior Python Engineer",
        kind: Kind::Text,
        need: Need::Required,
        ask: Ask::Always,
        publish: Publish::Own,
    },
    Field {
        key: "company",
        flag: "company",
        label: "Company",
        question: "Company",
        help: "The employer's name, 2 to 100 characters.",
        example: "Acme Analytics",
        kind: Kind::Text,
        need: Need::Required,
        ask: Ask::Always,
        publish: Publish::Own,
    },
    Field {
        key: "company_url",
        flag: "company-url",
        label: "Company website",
        question: "Company website (https://…, optional)",
        help: "Optional. An https address.",
        example: "https://acme.example",
        kind: Kind::Url,
        need: Need::Optional,
        ask: Ask::Always,
        publish: Publish::Own,
    },
    Field {
        key: "remote",
        flag: "remote",
        label: "Remote",
        question: "Where is the work ({choices})",
        help: "Where the work is done.",
        example: "hybrid",
        kind: Kind::Choice(Remote::WORDS),
        need: Need::Required,
        ask: Ask::Always,
        publish: Publish::Own,
    },
    Field {
        key: "location.city",
        flag: "city",
        label: "City",
        question: "City",
        help: "Required for onsite and hybrid jobs.",
        example: "Berlin",
        kind: Kind::Text,
        need: Need::Required,
        ask: Ask::IfNotRemote,
        publish: Publish::Own,
    },
    Field {
        key: "location.region",
        flag: "region",
        label: "Region",
        question: "Region (optional)",
        help: "Optional. A state, province or region.",
        example: "Berlin",
        kind: Kind::Text,
        need: Need::Optional,
        ask: Ask::IfNotRemote,
        publish: Publish::Own,
    },
    Field {
        key: "location.country",
        flag: "country",
        label: "Country",
        question: "Country (ISO code such as DE, GB, US)",
        help: "The two-letter ISO 3166-1 code, such as DE, GB or US. Required for onsite and hybrid jobs.",
        example: "DE",
        kind: Kind::Country,
        need: Need::Required,
        ask: Ask::IfNotRemote,
        publish: Publish::Own,
    },
    Field {
        key: "remote_from",
        flag: "remote-from",
        label: "Remote applicants from",
        question: "Remote applicants from (country codes such as DE, AT, or worldwide)",
        help: "Required for remote jobs. Comma-separated country codes, such as DE, AT, CH, or the word `worldwide`.",
        example: "[DE, AT, CH]",
        kind: Kind::Regions,
        need: Need::Optional,
        ask: Ask::IfRemote,
        publish: Publish::Own,
    },
    Field {
        key: "type",
        flag: "type",
        label: "Type",
        question: "Type ({choices}; several with commas)",
        help: "Tick at least one.",
        example: "[full-time]",
        kind: Kind::Choices(JobType::WORDS),
        need: Need::Required,
        ask: Ask::Always,
        publish: Publish::Own,
    },
    Field {
        key: "category",
        flag: "category",
        label: "Category",
        question: "Category ({choices})",
        help: "The board's category that fits the job best.",
        example: "software-engineering",
        kind: Kind::Category,
        need: Need::Required,
        ask: Ask::Always,
        publish: Publish::Own,
    },
    Field {
        key: "salary.min",
        flag: "salary-min",
        label: "Salary minimum",
        question: "Salary, lowest figure (a number, optional)",
        help: "Optional, but postings with a salary get more applicants. A number, without currency or separators.",
        example: "70000",
        kind: Kind::Number,
        need: Need::Required,
        ask: Ask::Always,
        publish: Publish::Own,
    },
    Field {
        key: "salary.max",
        flag: "salary-max",
        label: "Salary maximum",
        question: "Salary, highest figure (optional)",
        help: "Optional. A number, at least the minimum.",
        example: "90000",
        kind: Kind::Number,
        need: Need::Optional,
        ask: Ask::IfSalary,
        publish: Publish::Own,
    },
    Field {
        key: "salary.currency",
        flag: "currency",
        label: "Currency",
        question: "Currency (ISO code such as EUR, USD)",
        help: "The ISO 4217 code, such as EUR, GBP or USD. Required with a salary.",
        example: "EUR",
        kind: Kind::Currency,
        need: Need::Required,
        ask: Ask::IfSalary,
        publish: Publish::Own,
    },
    Field {
        key: "salary.period",
        flag: "period",
        label: "Salary period",
        question: "Paid per ({choices})",
        help: "What the salary is paid for. Required with a salary.",
        example: "year",
        kind: Kind::Choice(Period::WORDS),
        need: Need::Required,
        ask: Ask::IfSalary,
        publish: Publish::Own,
    },
    Field {
        key: "tags",
        flag: "tags",
        label: "Tags",
        question: "Tags (lowercase, with commas, optional)",
        help: "Optional. At most 8, comma-separated, lowercase letters, digits and hyphens.",
        example: "[django, postgresql]",
        kind: Kind::Tags,
        need: Need::Optional,
        ask: Ask::Always,
        publish: Publish::Own,
    },
    Field {
        key: "apply",
        flag: "apply",
        label: "How to apply",
        question: "How to apply (https://… or mailto:jobs@…)",
        help: "An https address of the job's page or application form, or an e-mail address written as mailto:jobs@example.org.",
        example: "https://acme.example/jobs/123",
        kind: Kind::Apply,
        need: Need::Required,
        ask: Ask::Always,
        publish: Publish::Own,
    },
    Field {
        key: "contact.name",
        flag: "contact-name",
        label: "Contact name",
        question: "Contact name (optional)",
        help: "Optional. Who applicants can ask about the job.",
        example: "Jane Doe",
        kind: Kind::Text,
        need: Need::Optional,
        ask: Ask::Always,
        publish: Publish::Own,
    },
    Field {
        key: "contact.email",
        flag: "contact-email",
        label: "Contact e-mail",
        question: "Contact e-mail (optional)",
        help: "Optional. A plain address, without a name around it.",
        example: "jobs@acme.example",
        kind: Kind::Email,
        need: Need::Optional,
        ask: Ask::Always,
        publish: Publish::Own,
    },
    Field {
        key: "agency",
        flag: "agency",
        label: "Recruiting agency",
        question: "Posted by a recruiting agency for a client?",
        help: "Tick this if you are an agency posting for a client.",
        example: "false",
        kind: Kind::Flag,
        need: Need::Optional,
        ask: Ask::Always,
        publish: Publish::Own,
    },
    Field {
        key: "posted",
        flag: "posted",
        label: "Posted",
        question: "Posted on (YYYY-MM-DD)",
        help: "The day the posting is submitted; `jobboard new` and the form fill it in.",
        example: "2026-11-20",
        kind: Kind::Date,
        need: Need::Required,
        ask: Ask::Filled,
        publish: Publish::Own,
    },
    Field {
        key: "expires",
        flag: "expires",
        label: "Expires",
        question: "Last day (YYYY-MM-DD, optional)",
        help: "Optional. The last day of the posting, YYYY-MM-DD, at most {days} days after today. Leave it empty to keep the posting up for {days} days.",
        example: "2027-01-31",
        kind: Kind::Date,
        need: Need::Optional,
        ask: Ask::Never,
        publish: Publish::Own,
    },
    Field {
        key: "filled",
        flag: "filled",
        label: "Filled",
        question: "Filled on (YYYY-MM-DD)",
        help: "The day the job was filled, YYYY-MM-DD, at the latest today: from that day the posting is off the board.",
        example: "2026-12-10",
        kind: Kind::Date,
        need: Need::Optional,
        ask: Ask::Later,
        publish: Publish::Own,
    },
];

impl Field {
    /// The group it belongs to (`salary` for `salary.min`), if any.
    pub fn group(&self) -> Option<&'static str> {
        self.key.split_once('.').map(|(group, _)| group)
    }

    /// Its key within its group (`min` for `salary.min`).
    pub fn name(&self) -> &'static str {
        self.key.split_once('.').map_or(self.key, |(_, name)| name)
    }

    /// Whether a submitter gives it: `new` has a flag for it, and the issue
    /// form and the site's "Post a job" page ask for it. Not a field `new`
    /// fills in itself, nor one set once the posting is up.
    pub fn submitted(&self) -> bool {
        !matches!(self.ask, Ask::Filled | Ask::Later)
    }

    /// `new` may leave it empty: an optional field, or the first asked of an
    /// optional group (leaving the salary's lowest figure empty means no salary).
    pub fn may_skip(&self) -> bool {
        self.need == Need::Optional || (self.group().is_some() && self.ask == Ask::Always)
    }
}

/// A list of fields, and the keys the parser reads them by, made once.
pub struct Schema {
    pub fields: &'static [Field],
    /// The front matter's own keys: fields and groups, in order.
    top: Vec<Key>,
    /// Each group's keys.
    groups: Vec<(&'static str, Vec<Key>)>,
}

impl Schema {
    pub fn new(fields: &'static [Field]) -> Self {
        let mut top: Vec<Key> = Vec::new();
        let mut groups: Vec<(&'static str, Vec<Key>)> = Vec::new();
        for field in fields {
            let Some(group) = field.group() else {
                top.push(Key::new(
                    field.key,
                    field.need == Need::Required,
                    field.example,
                ));
                continue;
            };
            let key = Key::new(field.name(), field.need == Need::Required, field.example);
            match groups.iter_mut().find(|(name, _)| *name == group) {
                Some((_, keys)) => keys.push(key),
                None => {
                    top.push(Key::new(group, false, ""));
                    groups.push((group, vec![key]));
                }
            }
        }
        // A group's example shows its required keys: `{ city: Berlin, country: DE }`.
        for (group, keys) in &groups {
            let parts: Vec<String> = keys
                .iter()
                .filter(|k| k.required)
                .map(|k| format!("{}: {}", k.name, k.example))
                .collect();
            if let Some(key) = top.iter_mut().find(|k| k.name == *group) {
                key.example = format!("{{ {} }}", parts.join(", ")).into();
            }
        }
        Self {
            fields,
            top,
            groups,
        }
    }

    /// The front matter's own keys.
    pub fn keys(&self) -> &[Key] {
        &self.top
    }

    /// The keys of a group such as `salary`.
    pub fn group_keys(&self, group: &str) -> &[Key] {
        self.groups
            .iter()
            .find(|(name, _)| *name == group)
            .map_or(&[], |(_, keys)| keys.as_slice())
    }

    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// The schema of every posting.
pub static POSTING: LazyLock<Schema> = LazyLock::new(|| Schema::new(FIELDS));

/// The words a field allows, for questions and messages; a board's
/// categories for [`Kind::Category`].
pub fn choices(kind: Kind, categories: &[&str]) -> String {
    match kind {
        Kind::Choice(words) | Kind::Choices(words) => words.join(", "),
        Kind::Category => categories.join(", "),
        Kind::Flag => "y, n".into(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_flags_and_labels_are_each_unique() {
        for (i, a) in FIELDS.iter().enumerate() {
            for b in &FIELDS[i + 1..] {
                assert_ne!(a.key, b.key);
                assert_ne!(a.flag, b.flag);
                assert_ne!(a.label, b.label);
            }
        }
    }

    #[test]
    fn groups_are_keys_with_an_example_of_their_required_fields() {
        let schema = &*POSTING;
        let salary = schema
            .keys()
            .iter()
            .find(|k| k.name == "salary")
            .expect("salary");
        assert!(!salary.required);
        assert_eq!(
            salary.example,
            "{ min: 70000, currency: EUR, period: year }"
        );
        let names: Vec<&str> = schema
            .group_keys("location")
            .iter()
            .map(|k| k.name)
            .collect();
        assert_eq!(names, ["city", "region", "country"]);
    }
}
