//! Which backups to keep: the newest of each of the last 7 days, of each of the last 4
//! weeks and of each of the last 12 months (a rotation like the grandfather-father-son
//! schemes backup tools use), and always the newest of all. Pure: the API lists the files
//! and deletes what this does not keep.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A backup checked after it was written: SQLite's own integrity check, and the rows of
/// the tables that hold the association's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupCheck {
    pub ok: bool,
    /// "ok", or what `PRAGMA integrity_check` found.
    pub integrity: String,
    pub rows: Vec<TableRows>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TableRows {
    pub table: String,
    #[ts(type = "number")]
    pub rows: i64,
}

/// One table after a transfer or in a backup: its rows and a checksum over its values
/// (the same on SQLite and PostgreSQL for the same data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TableSum {
    pub table: String,
    #[ts(type = "number")]
    pub rows: i64,
    pub checksum: String,
}

/// What a backup holds, for the user to recognise it before restoring it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupContents {
    pub association: Option<String>,
    #[ts(type = "number")]
    pub members: i64,
    /// The day the newest approved minutes were approved.
    pub last_minutes_approved: Option<NaiveDate>,
    /// The newest booking: its day and text.
    pub last_booking: Option<(NaiveDate, String)>,
}

/// How many of each period are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rotation {
    pub days: u32,
    pub weeks: u32,
    pub months: u32,
}

impl Default for Rotation {
    fn default() -> Self {
        Rotation {
            days: 7,
            weeks: 4,
            months: 12,
        }
    }
}

/// The indexes into `taken` (when each backup was taken, in any order) of the backups to
/// keep on `now`.
pub fn to_keep(taken: &[NaiveDateTime], now: NaiveDateTime, rotation: Rotation) -> Vec<usize> {
    let mut order: Vec<usize> = (0..taken.len()).collect();
    // Newest first: the first backup seen of a period is the one kept for it.
    order.sort_by_key(|i| std::cmp::Reverse(taken[*i]));
    let today = now.date();
    let mut keep = Vec::new();
    let (mut days, mut weeks, mut months) = (Vec::new(), Vec::new(), Vec::new());
    for (rank, &i) in order.iter().enumerate() {
        let day = taken[i].date();
        let age = (today - day).num_days();
        let week = (day.iso_week().year(), day.iso_week().week());
        let month = (day.year(), day.month());
        let mut kept = rank == 0;
        if age >= 0 && age < i64::from(rotation.days) && !days.contains(&day) {
            days.push(day);
            kept = true;
        }
        if age >= 0 && age < 7 * i64::from(rotation.weeks) && !weeks.contains(&week) {
            weeks.push(week);
            kept = true;
        }
        let months_back =
            (today.year() - day.year()) * 12 + today.month() as i32 - day.month() as i32;
        if months_back >= 0
            && months_back < i32::try_from(rotation.months).unwrap_or(i32::MAX)
            && !months.contains(&month)
        {
            months.push(month);
            kept = true;
        }
        if kept {
            keep.push(i);
        }
    }
    keep.sort_unstable();
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};
    use proptest::prelude::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn a_year_of_hourly_backups_keeps_about_two_dozen() {
        let now = at(2026, 12, 1, 22);
        let taken: Vec<NaiveDateTime> = (0..24 * 365).map(|h| now - Duration::hours(h)).collect();
        let kept = to_keep(&taken, now, Rotation::default());
        assert!(kept.contains(&0), "the newest is kept");
        // 7 days, plus the weeks and months before them.
        assert!((7..=23).contains(&kept.len()), "{} kept", kept.len());
        let oldest = kept.iter().map(|i| taken[*i]).min().unwrap();
        // 12 months with this one: the newest backup of January is the oldest kept.
        assert_eq!(
            oldest,
            at(2026, 1, 31, 23),
            "a backup from the year's first month"
        );
    }

    #[test]
    fn two_backups_the_same_day_keep_the_later() {
        let now = at(2026, 12, 1, 22);
        let taken = [at(2026, 12, 1, 9), at(2026, 12, 1, 21)];
        assert_eq!(to_keep(&taken, now, Rotation::default()), vec![1]);
    }

    #[test]
    fn the_newest_is_kept_even_when_old() {
        let now = at(2026, 12, 1, 22);
        let taken = [at(2020, 1, 1, 9)];
        assert_eq!(to_keep(&taken, now, Rotation::default()), vec![0]);
    }

    proptest! {
        #[test]
        fn never_more_than_the_rotation_and_always_the_newest(hours in prop::collection::vec(0i64..24 * 800, 1..200)) {
            let now = at(2026, 12, 1, 22);
            let taken: Vec<NaiveDateTime> = hours.iter().map(|h| now - Duration::hours(*h)).collect();
            let kept = to_keep(&taken, now, Rotation::default());
            prop_assert!(kept.len() <= 7 + 4 + 12 + 1);
            let newest = (0..taken.len()).max_by_key(|i| taken[*i]).unwrap();
            prop_assert!(kept.iter().any(|i| taken[*i] == taken[newest]));
        }
    }
}
