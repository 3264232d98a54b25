//! Personal data by the book: how long a person is kept after leaving, who is due for the
//! yearly clean-up (oprydning), and the words a person is taken out of the records by.
//! Every period is a setting; the defaults are what a Danish association is usually told:
//! members 3 years after the year they left, unpaid volunteers 1 year, the books 5 years
//! after the fiscal year (bogføringsloven), frikort wages 5 years.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates::format_date;
use crate::ids::{FrikortWorkerId, MemberId};
use crate::members::{Member, Role};
use crate::text::Text;
use crate::FieldErrors;

/// How long each kind of record is kept (whole years after the year it ends in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Retention {
    /// Members, after the year they left.
    pub members_years: u32,
    /// Volunteers who never paid a fee, after the year they stopped.
    pub volunteers_years: u32,
    /// The books (bookings, vouchers, fee payments), after the fiscal year.
    pub bookkeeping_years: u32,
    /// Frikort wages, after the year they were paid.
    pub frikort_years: u32,
    #[ts(type = "number")]
    pub version: i64,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            members_years: 3,
            volunteers_years: 1,
            bookkeeping_years: 5,
            frikort_years: 5,
            version: 0,
        }
    }
}

/// The periods a board can choose: 1–30 years; the books and frikort wages at least the
/// 5 years the bookkeeping act asks for.
pub fn validate_retention(r: &Retention) -> Result<(), FieldErrors> {
    let mut errs = FieldErrors::default();
    for (field, years, min) in [
        ("membersYears", r.members_years, 1),
        ("volunteersYears", r.volunteers_years, 1),
        ("bookkeepingYears", r.bookkeeping_years, 5),
        ("frikortYears", r.frikort_years, 5),
    ] {
        if years > 30 {
            errs.push(field, Text::new("retention-too-long"));
        } else if years < min && min == 5 {
            errs.push(field, Text::new("retention-bookkeeping-min"));
        } else if years < min {
            errs.push(field, Text::new("retention-too-short"));
        }
    }
    errs.into_result(|| ())
}

/// A former member whose register entry is due to be anonymised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CleanupDue {
    pub member: MemberId,
    #[ts(type = "number")]
    pub member_no: i64,
    pub name: String,
    pub left_on: NaiveDate,
    /// The first day the entry is no longer to be kept.
    pub due_on: NaiveDate,
    /// Why, in Danish: "Udmeldt 31.12.2022; medlemmer gemmes 3 år efter udmeldelsesåret."
    pub reason: String,
}

/// The first day after `years` whole years following the year of `day`.
fn after_years(day: NaiveDate, years: u32) -> NaiveDate {
    let year = day
        .year()
        .saturating_add(i32::try_from(years).unwrap_or(i32::MAX))
        .saturating_add(1);
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MAX)
}

/// Who is due for the clean-up on `today`: everyone who left, is not anonymised yet (`done`)
/// and whose period has run out — a volunteer who never paid a fee (`paid` holds those who
/// did) by the volunteers' period, everyone else by the members'.
pub fn cleanup_due(
    members: &[Member],
    paid: &HashSet<MemberId>,
    done: &HashSet<MemberId>,
    r: &Retention,
    today: NaiveDate,
) -> Vec<CleanupDue> {
    let mut due: Vec<CleanupDue> = members
        .iter()
        .filter(|m| !done.contains(&m.id))
        .filter_map(|m| {
            let left = m.left_on?;
            let volunteer = m.roles.contains(&Role::Volunteer) && !paid.contains(&m.id);
            let (years, who) = if volunteer {
                (
                    r.volunteers_years,
                    "frivillige, der ikke har betalt kontingent,",
                )
            } else {
                (r.members_years, "medlemmer")
            };
            let due_on = after_years(left, years);
            (today >= due_on).then(|| CleanupDue {
                member: m.id,
                member_no: m.member_no,
                name: m.name.clone(),
                left_on: left,
                due_on,
                reason: format!(
                    "Udmeldt {}; {who} gemmes {years} år efter udmeldelsesåret (til {}).",
                    format_date(left),
                    format_date(due_on.pred_opt().unwrap_or(due_on))
                ),
            })
        })
        .collect();
    due.sort_by_key(|d| (d.due_on, d.member_no));
    due
}

/// A frikort worker whose name is due to be anonymised: the wages are kept for the books'
/// period after the year they were last paid, then the name goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrikortDue {
    pub worker: FrikortWorkerId,
    pub name: String,
    /// The last year a job was paid (or the worker registered, if never).
    pub last_year: i32,
    pub due_on: NaiveDate,
    /// "Sidst betalt i 2020; frikortløn gemmes 5 år efter udbetalingsåret (til 31.12.2025)."
    pub reason: String,
}

const ANONYMOUS_FRIKORT: &str = "Tidligere frikortmodtager";

/// The name an anonymised frikort worker keeps: "Tidligere frikortmodtager (sidst betalt 2020)".
pub fn anonymous_frikort_name(last_year: i32) -> String {
    format!("{ANONYMOUS_FRIKORT} (sidst betalt {last_year})")
}

/// Whether a frikort worker's name is the one the clean-up gave it.
pub fn is_anonymous_frikort_name(name: &str) -> bool {
    name.starts_with(ANONYMOUS_FRIKORT)
}

/// Frikort workers due on `today`: (worker, name, the year registered, the last year paid).
pub fn frikort_due(
    workers: &[(FrikortWorkerId, String, i32, Option<i32>)],
    r: &Retention,
    today: NaiveDate,
) -> Vec<FrikortDue> {
    let mut due: Vec<FrikortDue> = workers
        .iter()
        .filter(|(_, name, _, _)| !is_anonymous_frikort_name(name))
        .filter_map(|(id, name, registered, last_paid)| {
            let last_year = last_paid.map_or(*registered, |y| y.max(*registered));
            let end = NaiveDate::from_ymd_opt(last_year, 12, 31)?;
            let due_on = after_years(end, r.frikort_years);
            let what = match last_paid {
                Some(y) => format!("Sidst betalt i {y}"),
                None => format!("Registreret i {registered}, aldrig betalt"),
            };
            (today >= due_on).then(|| FrikortDue {
                worker: *id,
                name: name.clone(),
                last_year,
                due_on,
                reason: format!(
                    "{what}; frikortløn gemmes {} år efter udbetalingsåret (til {}).",
                    r.frikort_years,
                    format_date(due_on.pred_opt().unwrap_or(due_on))
                ),
            })
        })
        .collect();
    due.sort_by_key(|d| (d.due_on, d.name.clone()));
    due
}

const ANONYMOUS: &str = "Tidligere medlem nr. ";

/// The name an anonymised entry keeps.
pub fn anonymous_name(member_no: i64) -> String {
    format!("{ANONYMOUS}{member_no}")
}

/// Whether a register entry's name is the one the clean-up gave it.
pub fn is_anonymous_name(name: &str) -> bool {
    name.strip_prefix(ANONYMOUS)
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The words a person is found by in free text, each with what replaces it: the name, the
/// e-mail address and the phone number (words under 3 letters are left alone, so nothing
/// else is hit). The street address is not looked for in free text: a household shares it,
/// and a meeting's place may be it; the register entry and its log lose it all the same.
pub fn person_words(m: &Member) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |word: Option<&str>, with: String| {
        if let Some(w) = word.map(str::trim).filter(|w| w.chars().count() >= 3) {
            if !out.iter().any(|(x, _): &(String, String)| x == w) {
                out.push((w.to_owned(), with));
            }
        }
    };
    push(Some(&m.name), anonymous_name(m.member_no));
    push(m.email.as_deref(), "(e-mail slettet)".into());
    push(m.phone.as_deref(), "(telefon slettet)".into());
    out
}

/// What a person is found and replaced by: the name, e-mail and phone now ([`person_words`])
/// and before — `history` is the log's record of the entry's changes (JSON: a creation's
/// whole record, an update's `{"field": {"from", "to"}}`). An e-mail or phone another member
/// (`members`) has too is left out: a household's is theirs as well.
pub fn words_for(m: &Member, history: &[&str], members: &[Member]) -> Vec<(String, String)> {
    let mut words = person_words(m);
    let replacement = |field: &str| match field {
        "name" => anonymous_name(m.member_no),
        "email" => "(e-mail slettet)".to_owned(),
        _ => "(telefon slettet)".to_owned(),
    };
    for changes in history {
        let Ok(json) = serde_json::from_str::<serde_json::Value>(changes) else {
            continue;
        };
        for field in ["name", "email", "phone"] {
            let v = &json[field];
            for s in [v.as_str(), v["from"].as_str(), v["to"].as_str()]
                .into_iter()
                .flatten()
            {
                let s = s.trim();
                if s.chars().count() >= 3 && !words.iter().any(|(w, _)| w == s) {
                    words.push((s.to_owned(), replacement(field)));
                }
            }
        }
    }
    let same =
        |a: &str, b: Option<&str>| b.is_some_and(|b| a.trim().eq_ignore_ascii_case(b.trim()));
    words.retain(|(w, with)| {
        with.starts_with(ANONYMOUS)
            || !members
                .iter()
                .filter(|o| o.id != m.id)
                .any(|o| same(w, o.email.as_deref()) || same(w, o.phone.as_deref()))
    });
    words
}

/// How a word is found: whole, in any case, its parts with any spacing between them; a name
/// also with the Danish genitive s ("Ingrid Østergaards forslag").
fn word_regex(word: &str, name: bool) -> Option<regex::Regex> {
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let parts: Vec<String> = word.split_whitespace().map(regex::escape).collect();
    if parts.is_empty() {
        return None;
    }
    let pattern = format!(
        "(?i){}{}{}{}",
        if edge(word.chars().next()) { r"\b" } else { "" },
        parts.join(r"\s+"),
        if name { "(s?)" } else { "()" },
        if edge(word.trim_end().chars().last()) {
            r"\b"
        } else {
            ""
        },
    );
    regex::Regex::new(&pattern).ok()
}

/// The words a person is found by, compiled once: longest first, so a current name inside a
/// former one ("Karin Hansen" in "Karin Hansen-Ærbø") does not leave the rest behind.
pub struct Scrubber {
    words: Vec<(regex::Regex, String)>,
}

impl Scrubber {
    pub fn new(words: &[(String, String)]) -> Scrubber {
        let mut sorted: Vec<&(String, String)> = words.iter().collect();
        sorted.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        Scrubber {
            words: sorted
                .into_iter()
                .filter_map(|(w, with)| {
                    word_regex(w, with.starts_with(ANONYMOUS)).map(|re| (re, with.clone()))
                })
                .collect(),
        }
    }

    /// Whether `text` names one of the words.
    pub fn mentions(&self, text: &str) -> bool {
        self.words.iter().any(|(re, _)| re.is_match(text))
    }

    /// `text` with every occurrence of the words replaced, or `None` when none occurs.
    pub fn scrub(&self, text: &str) -> Option<String> {
        let mut out = text.to_owned();
        for (re, with) in &self.words {
            if re.is_match(&out) {
                out = re
                    .replace_all(&out, |c: &regex::Captures<'_>| {
                        // "Tidligere medlem nr. 12's forslag": the genitive after a number.
                        if c.get(1).is_some_and(|s| !s.as_str().is_empty()) {
                            format!("{with}'s")
                        } else {
                            with.clone()
                        }
                    })
                    .into_owned();
            }
        }
        (out != text).then_some(out)
    }

    /// The same inside a JSON document (the log's changes, a record kept as JSON): each
    /// string in it scrubbed as text, so an escaped line break before a name does not hide
    /// it. `None` when the text is not JSON or nothing in it changes.
    pub fn scrub_json(&self, text: &str) -> Option<String> {
        fn walk(v: &mut serde_json::Value, s: &Scrubber) -> bool {
            match v {
                serde_json::Value::String(text) => match s.scrub(text) {
                    Some(new) => {
                        *text = new;
                        true
                    }
                    None => false,
                },
                // Every value is visited: a change in one does not stop the others.
                serde_json::Value::Array(items) => {
                    let mut changed = false;
                    for x in items {
                        changed |= walk(x, s);
                    }
                    changed
                }
                serde_json::Value::Object(map) => {
                    let mut changed = false;
                    for x in map.values_mut() {
                        changed |= walk(x, s);
                    }
                    changed
                }
                _ => false,
            }
        }
        let mut json: serde_json::Value = serde_json::from_str(text).ok()?;
        walk(&mut json, self).then(|| json.to_string())
    }
}

/// Whether `text` names one of the words (as [`scrub`] finds them).
pub fn mentions(text: &str, words: &[(String, String)]) -> bool {
    Scrubber::new(words).mentions(text)
}

/// `text` with every occurrence of the words replaced, or `None` when none occurs.
pub fn scrub(text: &str, words: &[(String, String)]) -> Option<String> {
    Scrubber::new(words).scrub(text)
}

/// [`Scrubber::scrub_json`] for once.
pub fn scrub_json(text: &str, words: &[(String, String)]) -> Option<String> {
    Scrubber::new(words).scrub_json(text)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_frikort_worker_is_due_the_books_period_after_the_last_pay() {
        let r = Retention::default();
        let (a, b, c) = (
            FrikortWorkerId::new(),
            FrikortWorkerId::new(),
            FrikortWorkerId::new(),
        );
        let workers = vec![
            (a, "Finn".to_owned(), 2018, Some(2020)),
            (b, "Gitte".to_owned(), 2019, Some(2021)),
            (c, anonymous_frikort_name(2019), 2017, Some(2019)),
        ];
        let due = frikort_due(&workers, &r, "2026-01-01".parse().unwrap());
        assert_eq!(due.len(), 1, "{due:?}");
        assert_eq!(due[0].worker, a);
        assert_eq!(due[0].due_on, "2026-01-01".parse::<NaiveDate>().unwrap());
        assert_eq!(
            due[0].reason,
            "Sidst betalt i 2020; frikortløn gemmes 5 år efter udbetalingsåret (til 31.12.2025)."
        );
        assert!(frikort_due(&workers, &r, "2025-12-31".parse().unwrap()).is_empty());
        let never = vec![(a, "Finn".to_owned(), 2019, None)];
        let due = frikort_due(&never, &r, "2026-06-01".parse().unwrap());
        assert!(due[0]
            .reason
            .starts_with("Registreret i 2019, aldrig betalt"));
    }

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn member(no: i64, left: Option<NaiveDate>, roles: Vec<Role>) -> Member {
        Member {
            id: MemberId::new(),
            member_no: no,
            name: format!("Karin Ærbø {no}"),
            address: Some("Jernbanegade 4".into()),
            postal_code: None,
            city: None,
            email: Some("karin@example.dk".into()),
            phone: Some("20 30 40 50".into()),
            birth_date: None,
            birth_year: None,
            joined_on: day(2015, 1, 1),
            left_on: left,
            left_reason: None,
            membership_type: "ordinary".into(),
            roles,
            email_consent: false,
            version: 1,
        }
    }

    #[test]
    fn due_after_the_years_following_the_year_they_left() {
        let r = Retention::default();
        let left = member(1, Some(day(2022, 6, 30)), vec![]);
        let staying = member(2, None, vec![]);
        let volunteer = member(3, Some(day(2024, 3, 1)), vec![Role::Volunteer]);
        let paying_volunteer = member(4, Some(day(2024, 3, 1)), vec![Role::Volunteer]);
        let all = [
            left.clone(),
            staying,
            volunteer.clone(),
            paying_volunteer.clone(),
        ];
        let paid: HashSet<MemberId> = [paying_volunteer.id].into();
        let none = HashSet::new();
        assert!(cleanup_due(&all, &paid, &none, &r, day(2025, 12, 31)).is_empty());
        let due = cleanup_due(&all, &paid, &none, &r, day(2026, 1, 1));
        let nos: Vec<i64> = due.iter().map(|d| d.member_no).collect();
        assert_eq!(
            nos,
            [1, 3],
            "left 2022 + 3 years; a volunteer 2024 + 1 year; one who paid by the members' 3"
        );
        assert_eq!(due[0].due_on, day(2026, 1, 1));
        assert_eq!(
            due[0].reason,
            "Udmeldt 30.06.2022; medlemmer gemmes 3 år efter udmeldelsesåret (til 31.12.2025)."
        );
        let done: HashSet<MemberId> = [left.id].into();
        let due = cleanup_due(&all, &paid, &done, &r, day(2026, 1, 1));
        assert_eq!(due.len(), 1, "an anonymised entry is not due again");
    }

    #[test]
    fn periods_are_settings_within_the_law() {
        assert!(validate_retention(&Retention::default()).is_ok());
        let short = Retention {
            bookkeeping_years: 3,
            members_years: 0,
            ..Retention::default()
        };
        let e = validate_retention(&short).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["membersYears", "bookkeepingYears"]);
    }

    #[test]
    fn whole_words_are_taken_out_whatever_their_case() {
        let m = member(12, None, vec![]);
        let words = person_words(&m);
        assert_eq!(
            scrub("Kontingent 2022 · nr. 12 Karin Ærbø 12", &words).as_deref(),
            Some("Kontingent 2022 · nr. 12 Tidligere medlem nr. 12")
        );
        assert_eq!(
            scrub(
                r#"{"email":"KARIN@example.dk","phone":"20 30 40 50"}"#,
                &words
            )
            .as_deref(),
            Some(r#"{"email":"(e-mail slettet)","phone":"(telefon slettet)"}"#)
        );
        assert_eq!(
            scrub("Karin Ærbø 123 er en anden", &words),
            None,
            "not a whole word"
        );
        assert_eq!(scrub("Husleje", &words), None);
        assert_eq!(
            scrub_json(r#"{"text":"Tak.\n\nKarin Ærbø 12 takkede."}"#, &words).as_deref(),
            Some(r#"{"text":"Tak.\n\nTidligere medlem nr. 12 takkede."}"#),
            "a line break before the name, escaped in JSON"
        );
        assert_eq!(scrub_json("ikke json", &words), None);
        assert_eq!(
            scrub("KARIN  ÆRBØ 12S forslag; karin ærbø 12", &words).as_deref(),
            Some("Tidligere medlem nr. 12's forslag; Tidligere medlem nr. 12"),
            "any case, any spacing, the genitive s"
        );
        assert!(mentions("Fra KARIN ÆRBØ 12", &words));
        // Before: another name and phone, from the log; a phone shared with another member
        // is theirs too and stays.
        let mut other = member(13, None, vec![]);
        other.phone = Some("99 88 77 66".into());
        other.email = None;
        let history = [
            r#"{"name":"Karin Ærbø-Lund","phone":"99 88 77 66"}"#,
            r#"{"email":{"from":"gammel@example.dk","to":"karin@example.dk"}}"#,
        ];
        let all = words_for(&m, &history, &[m.clone(), other]);
        let found: Vec<&str> = all.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            found,
            [
                "Karin Ærbø 12",
                "karin@example.dk",
                "20 30 40 50",
                "Karin Ærbø-Lund",
                "gammel@example.dk"
            ]
        );
        assert!(!mentions("Fra Karin", &words));
        let longer = vec![
            ("Karin Ærbø".to_owned(), anonymous_name(12)),
            ("Karin Ærbø-Lund".to_owned(), anonymous_name(12)),
        ];
        assert_eq!(
            scrub("Karin Ærbø-Lund", &longer).as_deref(),
            Some("Tidligere medlem nr. 12"),
            "the longer former name first"
        );
    }
}
