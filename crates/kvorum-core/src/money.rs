//! Money as whole øre. Shown the Danish way: `1.234,50 kr.`

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::Text;

/// An amount in Danish kroner, kept as integer øre (1 kr. = 100 øre).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, TS,
)]
#[ts(type = "number")]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);
    /// The largest amount Kvorum takes in one field, either sign: 1.000.000.000 kr. Every
    /// amount is checked against it where the user types it, so sums of a year's entries
    /// stay far from overflow; the arithmetic below saturates all the same.
    pub const LIMIT: Money = Money(100_000_000_000);

    pub fn from_kr(kr: i64) -> Self {
        Money(kr.saturating_mul(100))
    }

    /// Within ±[`Money::LIMIT`].
    pub fn within_limit(self) -> bool {
        self.0.unsigned_abs() <= Self::LIMIT.0.unsigned_abs()
    }
    pub fn ore(self) -> i64 {
        self.0
    }

    /// `1234550` → `12.345,50` (no currency), the form Danish Excel reads as a number.
    pub fn format_number(self) -> String {
        let neg = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let kr = abs / 100;
        let ore = abs % 100;
        let digits = kr.to_string();
        let mut grouped = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(ch);
        }
        format!("{}{},{:02}", if neg { "-" } else { "" }, grouped, ore)
    }

    /// `1.234,50 kr.`
    pub fn format_dkk(self) -> String {
        format!("{} kr.", self.format_number())
    }

    /// Reads an amount as a Dane writes it: `1.234,50`, `1234,5`, `1234`, `-250,00 kr.`,
    /// and also `1234.50` (a single dot followed by one or two digits is a decimal point).
    pub fn parse_danish(input: &str) -> Result<Money, Text> {
        let bad = || Text::new("amount-bad").str("value", input.trim());
        let mut s: String = input
            .trim()
            .trim_end_matches("kr.")
            .trim_end_matches("kr")
            .trim_end_matches("DKK")
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .collect();
        if s.is_empty() {
            return Err(Text::new("amount-missing"));
        }
        let neg = s.starts_with('-');
        if neg || s.starts_with('+') {
            s.remove(0);
        }
        let (int_part, frac_part) = if let Some((a, b)) = s.rsplit_once(',') {
            (a.replace('.', ""), b.to_owned())
        } else if let Some((a, b)) = s.rsplit_once('.') {
            if (b.len() == 1 || b.len() == 2) && !a.contains('.') {
                (a.to_owned(), b.to_owned())
            } else {
                (s.replace('.', ""), String::new())
            }
        } else {
            (s.clone(), String::new())
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(bad());
        }
        if !int_part.chars().all(|c| c.is_ascii_digit())
            || !frac_part.chars().all(|c| c.is_ascii_digit())
            || frac_part.len() > 2
        {
            return Err(bad());
        }
        let kr: i64 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| bad())?
        };
        let ore: i64 = match frac_part.len() {
            0 => 0,
            1 => frac_part.parse::<i64>().map_err(|_| bad())? * 10,
            _ => frac_part.parse().map_err(|_| bad())?,
        };
        let total = kr
            .checked_mul(100)
            .and_then(|v| v.checked_add(ore))
            .ok_or_else(bad)?;
        Ok(Money(if neg { -total } else { total }))
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0.saturating_sub(rhs.0))
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_the_danish_way() {
        assert_eq!(Money(123450).format_dkk(), "1.234,50 kr.");
        assert_eq!(Money(5).format_dkk(), "0,05 kr.");
        assert_eq!(Money(-100_000_000).format_dkk(), "-1.000.000,00 kr.");
        assert_eq!(Money(30_000_000_000).format_number(), "300.000.000,00");
    }

    #[test]
    fn parses_what_a_dane_writes() {
        assert_eq!(Money::parse_danish("1.234,50"), Ok(Money(123450)));
        assert_eq!(Money::parse_danish("250"), Ok(Money(25000)));
        assert_eq!(Money::parse_danish("250,5 kr."), Ok(Money(25050)));
        assert_eq!(Money::parse_danish("-1.000"), Ok(Money(-100000)));
        assert_eq!(Money::parse_danish("1234.50"), Ok(Money(123450)));
        assert!(Money::parse_danish("12,345").is_err());
        assert!(Money::parse_danish("abc").is_err());
        assert!(Money::parse_danish("").is_err());
    }

    proptest! {
        #[test]
        fn format_then_parse_is_identity(ore in -10_000_000_000_000i64..10_000_000_000_000i64) {
            let m = Money(ore);
            prop_assert_eq!(Money::parse_danish(&m.format_dkk()), Ok(m));
            prop_assert_eq!(Money::parse_danish(&m.format_number()), Ok(m));
        }

        #[test]
        fn parse_never_panics(s in ".{0,40}") {
            let _ = Money::parse_danish(&s);
        }
    }
}
