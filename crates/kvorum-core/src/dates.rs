//! Dates as Danes write them: `22.11.2026`, `22-11-2026`, and ISO `2026-11-22`.

use chrono::NaiveDate;

use crate::text::Text;

/// `22.11.2026`
/// The dates Kvorum takes where a user types one: from 1 January 1900 to 31 December 2100.
/// A date outside (01.01.9999, 01.01.0000) is a typing error, never a real meeting or payment.
pub fn plausible(d: NaiveDate) -> bool {
    (1900..=2100).contains(&chrono::Datelike::year(&d))
}

/// Adds the refusal of an implausible date to `errs`, for `field`.
pub fn check_plausible(errs: &mut crate::FieldErrors, field: &str, d: Option<NaiveDate>) {
    if d.is_some_and(|d| !plausible(d)) {
        errs.push(field, crate::text::Text::new("date-out-of-range"));
    }
}

pub fn format_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Parses `dd.mm.yyyy`, `dd-mm-yyyy`, `dd/mm/yyyy`, `d.m.yyyy` and ISO `yyyy-mm-dd`.
pub fn parse_date(input: &str) -> Result<NaiveDate, Text> {
    let s = input.trim();
    let bad = || Text::new("date-bad").str("value", s);
    if s.is_empty() {
        return Err(Text::new("date-missing"));
    }
    // A timestamp as systems export it (`2018-01-15T13:45:10+01:00`, `2019-03-01 00:00:00`):
    // its date.
    let s = match (s.get(..10), s.get(10..11), s.get(11..)) {
        (Some(day), Some("T" | " "), Some(time))
            if day.as_bytes().get(4) == Some(&b'-') && time.contains(':') =>
        {
            day
        }
        _ => s,
    };
    let parts: Vec<&str> = s.split(['.', '-', '/']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(bad());
    }
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse::<u32>().unwrap_or(u32::MAX))
        .collect();
    let (y, m, d) = if parts[0].len() == 4 {
        (nums[0], nums[1], nums[2])
    } else if parts[2].len() == 4 {
        (nums[2], nums[1], nums[0])
    } else {
        return Err(bad());
    };
    let y = i32::try_from(y).map_err(|_| bad())?;
    let date = NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| Text::new("date-impossible").str("value", s))?;
    if !plausible(date) {
        return Err(Text::new("date-out-of-range"));
    }
    Ok(date)
}

/// `lørdag den 14. marts 2026`, as a notice or the minutes write it.
pub fn long_date_da(d: NaiveDate) -> String {
    long_date(d, crate::text::Lang::Da)
}

/// The same in `lang`: `lørdag den 14. marts 2026`, `Saturday 14 March 2026`.
pub fn long_date(d: NaiveDate, lang: crate::text::Lang) -> String {
    use chrono::Datelike;
    Text::new("long-date")
        .text(
            "weekday",
            Text::new("weekday").num("n", d.weekday().number_from_monday()),
        )
        .str("day", d.day().to_string())
        .text("month", Text::new("month").num("n", d.month()))
        .str("year", d.year().to_string())
        .render(lang)
}

/// `14.00`: Danish clock times use a full stop.
pub fn format_time(t: chrono::NaiveTime) -> String {
    t.format("%H.%M").to_string()
}

/// First and last day of a calendar year.
pub fn year_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX),
    )
}

/// The months as Danish writes them, lower case.
pub const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// The Danish name of month `m` (1–12).
pub fn month_name_da(m: u32) -> &'static str {
    MONTHS_DA
        .get(usize::try_from(m.saturating_sub(1)).unwrap_or(0))
        .copied()
        .unwrap_or("december")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn timestamps_of_other_systems_give_their_date() {
        assert_eq!(parse_date("2018-01-15T13:45:10+01:00"), Ok(d(2018, 1, 15)));
        assert_eq!(parse_date("2015-03-01T00:00:00Z"), Ok(d(2015, 3, 1)));
        assert_eq!(parse_date("2019-03-01 00:00:00"), Ok(d(2019, 3, 1)));
        assert!(parse_date("2019-03-01 om aftenen").is_err());
        assert!(parse_date("01-03-2019 12:00").is_err(), "only the ISO form");
    }

    #[test]
    fn reads_danish_and_iso() {
        assert_eq!(parse_date("22.11.2026"), Ok(d(2026, 11, 22)));
        assert_eq!(parse_date("1-2-2025"), Ok(d(2025, 2, 1)));
        assert_eq!(parse_date("2025-02-01"), Ok(d(2025, 2, 1)));
        assert_eq!(parse_date(" 05/06/2024 "), Ok(d(2024, 6, 5)));
        assert!(parse_date("31.02.2025")
            .unwrap_err()
            .da()
            .contains("findes ikke"));
        assert!(parse_date("22.11.26").is_err());
        assert!(parse_date("i går").is_err());
    }

    #[test]
    fn long_dates_in_danish() {
        assert_eq!(long_date_da(d(2026, 3, 14)), "lørdag den 14. marts 2026");
        assert_eq!(
            long_date_da(d(2026, 11, 23)),
            "mandag den 23. november 2026"
        );
    }

    proptest! {
        #[test]
        fn format_then_parse(days in 0i64..80_000) {
            let date = d(1900, 1, 1) + chrono::Duration::days(days);
            let parsed = parse_date(&format_date(date));
            if plausible(date) {
                prop_assert_eq!(parsed, Ok(date));
            } else {
                prop_assert_eq!(parsed, Err(Text::new("date-out-of-range")));
            }
        }
    }
}

#[cfg(test)]
mod plausible_dates {
    use super::*;

    #[test]
    fn dates_outside_1900_to_2100_are_refused_where_they_are_typed_or_read() {
        assert!(parse_date("01.01.1900").is_ok() && parse_date("31.12.2100").is_ok());
        for far in ["01.01.9999", "0000-01-01", "31.12.1899", "01.01.2101"] {
            assert_eq!(
                parse_date(far).unwrap_err().id,
                "date-out-of-range",
                "{far}"
            );
        }
        let mut errs = crate::FieldErrors::default();
        check_plausible(&mut errs, "joinedOn", NaiveDate::from_ymd_opt(9999, 1, 1));
        check_plausible(&mut errs, "leftOn", None);
        assert_eq!(errs.0.len(), 1);
        assert_eq!(errs.0[0].field, "joinedOn");
    }
}
