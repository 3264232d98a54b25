//! The one place that reads the system clock. Everything else takes `now`/`today` from
//! here, so tests can fix the date.
#![allow(clippy::disallowed_methods)]

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;

#[derive(Debug, Clone)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
    /// The system clock moved by a fixed offset: a chosen day, with time still running (so
    /// events keep their order).
    Shifted(chrono::Duration),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t,
            Clock::Shifted(d) => Utc::now() + *d,
        }
    }

    /// Today in Denmark.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&Copenhagen).date_naive()
    }

    /// A clock fixed at noon, Danish time, on `day` (for tests and scripted runs).
    pub fn fixed_on(day: NaiveDate) -> Clock {
        let noon = day.and_hms_opt(11, 0, 0).unwrap_or_default().and_utc();
        Clock::Fixed(noon)
    }

    /// `KVORUM_TODAY=2026-11-22` makes it that day (from noon, Danish time, with the clock
    /// running on) — used by end-to-end tests; otherwise the system clock.
    pub fn from_env() -> Clock {
        std::env::var("KVORUM_TODAY")
            .ok()
            .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
            .map(|day| Clock::Shifted(Clock::fixed_on(day).now() - Utc::now()))
            .unwrap_or(Clock::System)
    }
}
