//! Fields whose value is one of a fixed set of words.

use std::fmt;

/// A value spelled as one of a fixed set of words in the front matter.
pub trait Choice: Sized + Copy + 'static {
    /// Every value, in the order shown to people.
    const ALL: &'static [Self];
    /// Their words, in the same order.
    const WORDS: &'static [&'static str];

    fn as_str(self) -> &'static str;

    fn parse(word: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == word)
    }

    /// `onsite, hybrid, remote`: the allowed words for a message.
    fn allowed() -> String {
        Self::WORDS.join(", ")
    }
}

macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $word:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant,)* }

        impl Choice for $name {
            const ALL: &'static [Self] = &[$($name::$variant,)*];
            const WORDS: &'static [&'static str] = &[$($word,)*];

            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word,)* }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

choice! {
    /// Where the work happens.
    Remote { Onsite = "onsite", Hybrid = "hybrid", Remote = "remote", }
}

choice! {
    /// The kind of contract.
    JobType {
        FullTime = "full-time",
        PartTime = "part-time",
        Contract = "contract",
        Internship = "internship",
        Temporary = "temporary",
    }
}

choice! {
    /// What a salary figure is paid for.
    Period { Hour = "hour", Day = "day", Week = "week", Month = "month", Year = "year", }
}

impl Remote {
    /// How a reader says it: "On-site", "Hybrid", "Remote".
    pub fn label(self) -> &'static str {
        match self {
            Remote::Onsite => "On-site",
            Remote::Hybrid => "Hybrid",
            Remote::Remote => "Remote",
        }
    }
}

impl JobType {
    pub fn label(self) -> &'static str {
        match self {
            JobType::FullTime => "Full-time",
            JobType::PartTime => "Part-time",
            JobType::Contract => "Contract",
            JobType::Internship => "Internship",
            JobType::Temporary => "Temporary",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_list_themselves() {
        for t in JobType::ALL {
            assert_eq!(JobType::parse(t.as_str()), Some(*t));
        }
        assert_eq!(Remote::parse("Remote"), None);
        assert_eq!(Remote::allowed(), "onsite, hybrid, remote");
    }
}
