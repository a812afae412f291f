//! Countries and currencies, from ISO 3166 and ISO 4217 data.

use std::fmt;

/// An ISO 3166-1 country, named as readers know it ("Germany", "UK").
#[derive(Clone, Copy)]
pub struct Country(iso3166::Country);

impl Country {
    /// The country of an upper-case alpha-2 code such as `DE`.
    pub fn from_code(code: &str) -> Option<Self> {
        if code.bytes().all(|b| b.is_ascii_uppercase()) {
            iso3166::Country::from_alpha2(code).map(Country)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        self.0.data().alpha2
    }

    pub fn name(self) -> &'static str {
        self.0.data().name
    }
}

impl PartialEq for Country {
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code()
    }
}

impl Eq for Country {}

impl PartialOrd for Country {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Country {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.code().cmp(other.code())
    }
}

impl std::hash::Hash for Country {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code().hash(state);
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Country({})", self.code())
    }
}

/// Where a remote applicant may live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Region {
    Worldwide,
    Country(Country),
}

impl Region {
    pub fn name(self) -> &'static str {
        match self {
            Region::Worldwide => "Worldwide",
            Region::Country(c) => c.name(),
        }
    }

    /// `worldwide`, or the country's code, as the front matter spells it.
    pub fn code(self) -> &'static str {
        match self {
            Region::Worldwide => "worldwide",
            Region::Country(c) => c.code(),
        }
    }
}

/// An ISO 4217 currency that people are paid in (no funds, metals or test codes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Currency(iso_currency::Currency);

impl Currency {
    pub fn from_code(code: &str) -> Option<Self> {
        iso_currency::Currency::from_code(code)
            .filter(|c| !c.is_fund() && !c.is_special() && c.is_superseded().is_none())
            .map(Currency)
    }

    pub fn code(self) -> &'static str {
        self.0.code()
    }

    pub fn name(self) -> String {
        self.0.name().to_string()
    }

    pub fn symbol(self) -> String {
        self.0.symbol().to_string()
    }

    /// Digits after the decimal point in amounts of this currency.
    pub fn exponent(self) -> u16 {
        self.0.exponent().unwrap_or(2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_come_from_iso_codes() {
        assert_eq!(Country::from_code("DE").map(Country::name), Some("Germany"));
        assert_eq!(Country::from_code("de"), None);
        assert_eq!(Country::from_code("XX"), None);
    }

    #[test]
    fn currencies_people_are_paid_in() {
        let eur = Currency::from_code("EUR").unwrap();
        assert_eq!((eur.symbol().as_str(), eur.exponent()), ("€", 2));
        assert_eq!(Currency::from_code("JPY").map(Currency::exponent), Some(0));
        assert!(Currency::from_code("XAU").is_none());
        assert!(Currency::from_code("eur").is_none());
    }
}
