//! How a salary reads: "€70,000 – €90,000 a year", "from USD 120,000 a
//! year", "CHF 45.50 an hour". Pages, feeds, `jobs.json` and messages all
//! say it this way.

use super::Salary;

/// "€70,000 – €90,000 a year"; "from USD 120,000 a year"; "CHF 45.50 an hour".
///
/// A currency's symbol stands before the amounts when ISO 4217 data gives it
/// one character that no other currency shares; otherwise (`$`, `£`, `kr`)
/// its code does, so that an amount means one thing on an international board.
impl Salary {
    /// How the salary reads: "€70,000 – €90,000 a year".
    pub fn label(&self) -> String {
        label(self)
    }
}

fn label(s: &Salary) -> String {
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

fn per(period: super::Period) -> &'static str {
    use super::Period::*;
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
    let mut grouped = crate::text::group_digits(whole);
    if cents.bytes().any(|b| b != b'0') {
        grouped.push('.');
        grouped.push_str(cents);
    }
    grouped
}

/// A salary built in a test, without YAML.
#[cfg(test)]
pub fn pay(min: f64, max: Option<f64>, code: &str, period: super::Period) -> Salary {
    let amount = |v: f64| super::Amount {
        value: v,
        text: v.to_string(),
    };
    Salary {
        min: amount(min),
        max: max.map(amount),
        currency: super::Currency::from_code(code).expect("a known currency"),
        period,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::Period;

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
            assert_eq!(pay(min, max, code, period).label(), text);
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
