//! `salary`: a figure that cannot be meant for its period ("1 USD a year",
//! "5,000 EUR an hour"), or a range whose top is many times its bottom.
//! A notice: the reviewer asks what was meant.

use super::Context;
use super::body::BodyText;
use crate::diagnostic::{RuleId, Sink};
use crate::posting::{Period, Posting, Salary};

pub struct Plausible;

/// A year of work in the units of each period (full time).
fn per_year(period: Period) -> f64 {
    match period {
        Period::Hour => 1_800.0,
        Period::Day => 220.0,
        Period::Week => 46.0,
        Period::Month => 12.0,
        Period::Year => 1.0,
    }
}

/// US dollars per unit of a currency, roughly (late 2026), for telling a
/// figure that is off by orders of magnitude from one that is merely high
/// or low. Currencies not listed are not judged.
const USD_PER_UNIT: &[(&str, f64)] = &[
    ("USD", 1.0),
    ("EUR", 1.1),
    ("GBP", 1.3),
    ("CHF", 1.15),
    ("CAD", 0.73),
    ("AUD", 0.66),
    ("NZD", 0.6),
    ("SEK", 0.095),
    ("NOK", 0.095),
    ("DKK", 0.15),
    ("PLN", 0.26),
    ("CZK", 0.044),
    ("HUF", 0.0028),
    ("RON", 0.22),
    ("JPY", 0.0067),
    ("CNY", 0.14),
    ("KRW", 0.00073),
    ("SGD", 0.76),
    ("HKD", 0.13),
    ("TWD", 0.031),
    ("INR", 0.012),
    ("BRL", 0.18),
    ("MXN", 0.055),
    ("ARS", 0.001),
    ("COP", 0.00025),
    ("CLP", 0.001),
    ("ZAR", 0.055),
    ("NGN", 0.00065),
    ("KES", 0.0077),
    ("EGP", 0.02),
    ("ILS", 0.27),
    ("TRY", 0.025),
    ("UAH", 0.024),
    ("AED", 0.27),
    ("SAR", 0.27),
    ("IDR", 0.000062),
    ("PHP", 0.017),
    ("VND", 0.00004),
    ("THB", 0.029),
    ("MYR", 0.22),
    ("PKR", 0.0036),
    ("BDT", 0.0083),
];

/// A year's pay below or above these (in US dollars) is not a salary for
/// any job this board lists.
const LOWEST_YEAR: f64 = 1_000.0;
const HIGHEST_YEAR: f64 = 2_000_000.0;

/// A range whose top is more than this many times its bottom says nothing.
const WIDEST_RANGE: f64 = 10.0;

impl super::Rule for Plausible {
    fn judges(&self) -> bool {
        true
    }

    fn id(&self) -> RuleId {
        RuleId::Salary
    }

    fn check(&self, p: &Posting, _: &BodyText, _: &Context, out: &mut Sink) {
        let Some(salary) = &p.salary else { return };
        if salary.min.value <= 0.0 {
            // `paid` reports it.
            return;
        }
        let text = salary.label();
        if let Some(problem) = implausible(salary) {
            out.notice(
                p.spans.salary,
                format!("the salary ({text}) is {problem}; is the figure or the period wrong?"),
            )
            .set_evidence(text)
            .help = Some(
                "give the pay for the period named: per hour, day, week, month or year".into(),
            );
        }
    }
}

fn implausible(s: &Salary) -> Option<&'static str> {
    if let Some(max) = &s.max
        && max.value > s.min.value * WIDEST_RANGE
    {
        return Some("a range whose top is more than ten times its bottom");
    }
    let rate = USD_PER_UNIT
        .iter()
        .find(|(code, _)| *code == s.currency.code())?
        .1;
    let top = s.max.as_ref().map_or(s.min.value, |m| m.value);
    let low = s.min.value * per_year(s.period) * rate;
    let high = top * per_year(s.period) * rate;
    if high < LOWEST_YEAR {
        Some("far too low for a job")
    } else if low > HIGHEST_YEAR {
        Some("far too high for its period")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::implausible;
    use crate::posting::Period;
    use crate::posting::salary::pay;

    #[test]
    fn real_pay_passes_and_slips_do_not() {
        for ok in [
            pay(70_000.0, Some(90_000.0), "EUR", Period::Year),
            pay(45.0, Some(60.0), "GBP", Period::Hour),
            pay(650.0, None, "EUR", Period::Day),
            pay(2_400_000.0, Some(3_600_000.0), "INR", Period::Year),
            pay(6_000_000.0, None, "JPY", Period::Year),
            pay(1_200.0, None, "EUR", Period::Month),
        ] {
            assert_eq!(implausible(&ok), None, "{ok:?}");
        }
        assert!(implausible(&pay(1.0, None, "USD", Period::Year)).is_some());
        assert!(implausible(&pay(5_000.0, None, "EUR", Period::Hour)).is_some());
        assert!(implausible(&pay(90_000.0, None, "USD", Period::Month)).is_none());
        assert!(implausible(&pay(1_000.0, Some(100_000.0), "USD", Period::Year)).is_some());
        // Not judged: a currency without a rate here.
        assert_eq!(implausible(&pay(1.0, None, "ISK", Period::Year)), None);
    }
}
