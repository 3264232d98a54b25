//! Fees in the books: recognising a member's fee in a bank or MobilePay line, the year's fee
//! run (what each member owes and since when), and when fees fall due and reminders go out.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::fees::{fee_status, FeeRate, FeeStatus, Payment};
use crate::ids::MemberId;
use crate::members::Member;
use crate::money::Money;
use crate::text::Text;
use crate::FieldErrors;

/// When a year's fee falls due and how far apart reminders go out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeeSettings {
    /// The fee for year Y falls due on this day of Y.
    pub due_month: u32,
    pub due_day: u32,
    /// The first reminder goes out this many days after the due date…
    pub first_reminder_days: u32,
    /// …and the second this many days after the first.
    pub second_reminder_days: u32,
    #[ts(type = "number")]
    pub version: i64,
}

impl Default for FeeSettings {
    fn default() -> Self {
        FeeSettings {
            due_month: 1,
            due_day: 31,
            first_reminder_days: 14,
            second_reminder_days: 14,
            version: 0,
        }
    }
}

impl FeeSettings {
    /// The day the fee for `year` falls due (the 29th of February is the 28th in other years).
    pub fn due_on(&self, year: i32) -> NaiveDate {
        let m = self.due_month.clamp(1, 12);
        (1..=self.due_day.clamp(1, 31))
            .rev()
            .find_map(|d| NaiveDate::from_ymd_opt(year, m, d))
            .unwrap_or(NaiveDate::MIN)
    }
}

pub fn validate_fee_settings(s: &FeeSettings) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    if !(1..=12).contains(&s.due_month)
        || !(1..=31).contains(&s.due_day)
        || NaiveDate::from_ymd_opt(2024, s.due_month, s.due_day).is_none()
    {
        e.push("dueDay", Text::new("fee-due-invalid"));
    }
    if !(1..=180).contains(&s.first_reminder_days) {
        e.push("firstReminderDays", Text::new("fee-reminder-days-invalid"));
    }
    if !(1..=180).contains(&s.second_reminder_days) {
        e.push("secondReminderDays", Text::new("fee-reminder-days-invalid"));
    }
    e.into_result(|| ())
}

/// A member as the matcher sees them: number, name, and what is still owed per fee year.
#[derive(Debug, Clone)]
pub struct FeePayer<'a> {
    pub id: MemberId,
    pub member_no: i64,
    pub name: &'a str,
    /// (fee year, amount still owed), only years with something owed.
    pub open: Vec<(i32, Money)>,
}

/// How a line was recognised as a member's fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MatchedBy {
    /// The text names the member no. ("medl. 12", "medlemsnr 12", "#12").
    MemberNo,
    /// The text names the member (every part of the name, in any order).
    Name,
    /// Only the amount and the date, like a payment typed by hand that the line does not
    /// name: proposed, and matched only when the treasurer says yes.
    Amount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeeMatch {
    pub member: MemberId,
    pub year: i32,
    pub by: MatchedBy,
}

/// Words after which a number is a member no.
const NO_WORDS: [&str; 10] = [
    "medlem",
    "medl",
    "medlemsnr",
    "medlemsnummer",
    "medlnr",
    "mnr",
    "nr",
    "medlemsnr.",
    "member",
    "kontingent",
];

fn tokens(text: &str) -> Vec<(String, bool)> {
    // (token, preceded by '#')
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut hash = false;
    let mut prev = ' ';
    for c in text.chars() {
        if c.is_alphanumeric() {
            if cur.is_empty() {
                hash = prev == '#';
            }
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push((std::mem::take(&mut cur), hash));
        }
        prev = c;
    }
    if !cur.is_empty() {
        out.push((cur, hash));
    }
    out
}

/// The member nos. a text names: a number after "medl."/"medlemsnr"/"nr" or after `#`, or
/// "medlem12" written together.
fn named_numbers(toks: &[(String, bool)]) -> Vec<i64> {
    let mut out = Vec::new();
    for (i, (t, hash)) in toks.iter().enumerate() {
        let after_word = i > 0 && NO_WORDS.contains(&toks[i - 1].0.as_str());
        if t.len() <= 6 && t.bytes().all(|b| b.is_ascii_digit()) && (after_word || *hash) {
            if let Ok(n) = t.parse::<i64>() {
                out.push(n);
            }
        }
        for w in ["medlem", "medl", "mnr", "nr"] {
            if let Some(rest) = t.strip_prefix(w) {
                if !rest.is_empty() && rest.len() <= 6 && rest.bytes().all(|b| b.is_ascii_digit()) {
                    if let Ok(n) = rest.parse::<i64>() {
                        out.push(n);
                    }
                }
            }
        }
    }
    out
}

/// Whether a text names every part of `name` (two parts at least: "Hansen" alone could be
/// anyone).
fn names(toks: &[(String, bool)], name: &str) -> bool {
    let parts: Vec<String> = tokens(name)
        .into_iter()
        .map(|(t, _)| t)
        .filter(|t| t.chars().count() >= 2)
        .collect();
    parts.len() >= 2 && parts.iter().all(|p| toks.iter().any(|(t, _)| t == p))
}

/// The member and fee year a line of `amount` (in) with `text`, booked on `date`, pays —
/// when exactly one member is named (by member no., or else by full name) and the amount is
/// exactly what that member still owes for a year: the year the text names, else the
/// line's calendar year, the next (paid in advance), the one before (paid late), the oldest.
pub fn match_fee(
    text: &str,
    amount: Money,
    date: NaiveDate,
    payers: &[FeePayer<'_>],
) -> Option<FeeMatch> {
    if amount.0 <= 0 {
        return None;
    }
    let toks = tokens(text);
    let numbers = named_numbers(&toks);
    let by_no: Vec<&FeePayer> = payers
        .iter()
        .filter(|p| numbers.contains(&p.member_no))
        .collect();
    let (payer, by) = if by_no.len() == 1 {
        (by_no[0], MatchedBy::MemberNo)
    } else if by_no.is_empty() {
        let mut named = payers.iter().filter(|p| names(&toks, p.name));
        let first = named.next()?;
        if named.next().is_some() {
            return None;
        }
        (first, MatchedBy::Name)
    } else {
        return None;
    };
    let year_named: Vec<i32> = toks
        .iter()
        .filter(|(t, _)| t.len() == 4)
        .filter_map(|(t, _)| t.parse::<i32>().ok())
        .collect();
    let y = date.year();
    let fits = |year: i32| {
        payer
            .open
            .iter()
            .any(|(py, owed)| *py == year && *owed == amount)
    };
    let mut order: Vec<i32> = year_named;
    order.extend([y, y + 1, y - 1]);
    let mut rest: Vec<i32> = payer.open.iter().map(|(py, _)| *py).collect();
    rest.sort_unstable();
    order.extend(rest);
    let year = order.into_iter().find(|yr| fits(*yr))?;
    Some(FeeMatch {
        member: payer.id,
        year,
        by,
    })
}

/// What is still owed by `member` per year among `years`.
pub fn open_fees(
    member: &Member,
    years: &[i32],
    rates: &[FeeRate],
    payments: &[Payment],
) -> Vec<(i32, Money)> {
    years
        .iter()
        .filter_map(|y| match fee_status(member, *y, rates, payments) {
            FeeStatus::Unpaid { due } => Some((*y, due)),
            FeeStatus::PartlyPaid { due, paid } => Some((*y, due - paid)),
            _ => None,
        })
        .collect()
}

/// One member's line in the fee run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeeRunLine {
    pub member: MemberId,
    #[ts(type = "number")]
    pub member_no: i64,
    pub name: String,
    pub membership_type: String,
    pub due: Money,
    pub paid: Money,
    pub owed: Money,
    /// Days since the due date (0 before it and on it).
    pub days_overdue: u32,
    /// Has an e-mail address (a reminder goes as an e-mail draft, else as a letter).
    pub email: bool,
}

/// The fee run of `year` as it stands on `today`: every member with a fee, what is due,
/// paid and owed; the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeeRun {
    pub year: i32,
    pub due_on: NaiveDate,
    pub lines: Vec<FeeRunLine>,
    pub expected: Money,
    pub paid: Money,
    pub owed: Money,
    pub members_paid: u32,
    pub members_owing: u32,
}

pub fn fee_run(
    year: i32,
    members: &[Member],
    rates: &[FeeRate],
    payments: &[Payment],
    settings: &FeeSettings,
    today: NaiveDate,
) -> FeeRun {
    let due_on = settings.due_on(year);
    let overdue = u32::try_from((today - due_on).num_days().max(0)).unwrap_or(u32::MAX);
    let mut lines = Vec::new();
    for m in members {
        let (due, paid) = match fee_status(m, year, rates, payments) {
            FeeStatus::Paid { due, paid } | FeeStatus::PartlyPaid { due, paid } => (due, paid),
            FeeStatus::Unpaid { due } => (due, Money::ZERO),
            FeeStatus::NotMember | FeeStatus::NoFee => continue,
        };
        let owed = if paid >= due { Money::ZERO } else { due - paid };
        lines.push(FeeRunLine {
            member: m.id,
            member_no: m.member_no,
            name: m.name.clone(),
            membership_type: m.membership_type.clone(),
            due,
            paid,
            owed,
            days_overdue: if owed.0 > 0 { overdue } else { 0 },
            email: m.email.is_some(),
        });
    }
    lines.sort_by_key(|l| l.member_no);
    let count = |f: &dyn Fn(&FeeRunLine) -> bool| {
        u32::try_from(lines.iter().filter(|l| f(l)).count()).unwrap_or(u32::MAX)
    };
    FeeRun {
        year,
        due_on,
        expected: lines.iter().map(|l| l.due).sum(),
        paid: lines.iter().map(|l| l.paid).sum(),
        owed: lines.iter().map(|l| l.owed).sum(),
        members_paid: count(&|l| l.owed.0 == 0),
        members_owing: count(&|l| l.owed.0 > 0),
        lines,
    }
}

/// How a reminder reached the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReminderChannel {
    /// An e-mail draft to the member alone.
    Email,
    /// A printed letter (no e-mail address).
    Letter,
}

impl ReminderChannel {
    pub fn code(self) -> &'static str {
        match self {
            ReminderChannel::Email => "email",
            ReminderChannel::Letter => "letter",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        match s {
            "email" => Some(ReminderChannel::Email),
            "letter" => Some(ReminderChannel::Letter),
            _ => None,
        }
    }
}

/// A reminder (rykker) sent to a member for a year's fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    pub id: crate::ids::ReminderId,
    pub member: MemberId,
    pub year: i32,
    /// 1 or 2.
    pub level: u8,
    pub sent_on: NaiveDate,
    pub channel: ReminderChannel,
    /// What the member owed when it was sent.
    pub amount: Money,
}

/// A reminder that is due: the member owes, the days since the due date (first) or since
/// the first reminder (second) have passed, and this level has not been sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueReminder {
    pub member: MemberId,
    pub level: u8,
    /// From this day on.
    pub from: NaiveDate,
}

/// The reminders due in the fee run `run` on `today`, given those sent.
pub fn reminders_due(
    run: &FeeRun,
    sent: &[Reminder],
    settings: &FeeSettings,
    today: NaiveDate,
) -> Vec<DueReminder> {
    reminders_owed(run, sent, settings)
        .into_iter()
        .filter(|d| d.from <= today)
        .collect()
}

/// The first reminder to fall due after `today` (the earliest; by member no. on a tie), for
/// "the next reminder can go out on …" when none is due yet.
pub fn next_reminder(
    run: &FeeRun,
    sent: &[Reminder],
    settings: &FeeSettings,
    today: NaiveDate,
) -> Option<DueReminder> {
    reminders_owed(run, sent, settings)
        .into_iter()
        .filter(|d| d.from > today)
        .min_by_key(|d| (d.from, d.level))
}

/// Per member who owes: the next reminder and the day it may go out, whenever that is.
fn reminders_owed(run: &FeeRun, sent: &[Reminder], settings: &FeeSettings) -> Vec<DueReminder> {
    let mut out = Vec::new();
    for l in run.lines.iter().filter(|l| l.owed.0 > 0) {
        let mine: Vec<&Reminder> = sent
            .iter()
            .filter(|r| r.member == l.member && r.year == run.year)
            .collect();
        let first = mine
            .iter()
            .filter(|r| r.level == 1)
            .map(|r| r.sent_on)
            .min();
        let second = mine.iter().any(|r| r.level >= 2);
        let due = match (first, second) {
            (None, _) => Some((
                1,
                run.due_on + chrono::Duration::days(i64::from(settings.first_reminder_days)),
            )),
            (Some(f), false) => Some((
                2,
                f + chrono::Duration::days(i64::from(settings.second_reminder_days)),
            )),
            (Some(_), true) => None,
        };
        if let Some((level, from)) = due {
            out.push(DueReminder {
                member: l.member,
                level,
                from,
            });
        }
    }
    out
}

/// Whether a bank line of `amount` on `date` can be the payment the treasurer typed by hand
/// before the statement came: the same amount, paid within 14 days of the line.
pub fn same_payment(p: &Payment, amount: Money, date: NaiveDate) -> bool {
    p.amount == amount && (p.paid_on - date).num_days().abs() <= 14
}

/// Whether a text names this member: by member no. or by every part of the name.
pub fn names_member(text: &str, member_no: i64, name: &str) -> bool {
    let toks = tokens(text);
    named_numbers(&toks).contains(&member_no) || names(&toks, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn payers() -> Vec<FeePayer<'static>> {
        vec![
            FeePayer {
                id: MemberId::new(),
                member_no: 12,
                name: "Karin Hansen",
                open: vec![(2026, Money::from_kr(150)), (2027, Money::from_kr(175))],
            },
            FeePayer {
                id: MemberId::new(),
                member_no: 7,
                name: "Jens Hansen",
                open: vec![(2026, Money::from_kr(150))],
            },
            FeePayer {
                id: MemberId::new(),
                member_no: 8,
                name: "Jens Hansen",
                open: vec![(2026, Money::from_kr(150))],
            },
        ]
    }

    #[test]
    fn a_member_is_recognised_by_number_or_full_name() {
        let p = payers();
        let d = day(2026, 2, 3);
        let kr = Money::from_kr(150);
        let m = match_fee("MobilePay: Karin Hansen", kr, d, &p).unwrap();
        assert_eq!((m.member, m.year, m.by), (p[0].id, 2026, MatchedBy::Name));
        let m = match_fee("Hansen, Karin kontingent", kr, d, &p).unwrap();
        assert_eq!(m.member, p[0].id);
        let m = match_fee("Overførsel medl. 7", kr, d, &p).unwrap();
        assert_eq!((m.member, m.by), (p[1].id, MatchedBy::MemberNo));
        assert_eq!(
            match_fee("Kontingent #8", kr, d, &p).unwrap().member,
            p[2].id
        );
        assert_eq!(match_fee("medlemsnr 8", kr, d, &p).unwrap().member, p[2].id);
        assert_eq!(match_fee("medlem12", kr, d, &p).unwrap().member, p[0].id);
        // two members of the same name, no number: nobody
        assert_eq!(match_fee("MobilePay Jens Hansen", kr, d, &p), None);
        // a surname alone is not enough
        assert_eq!(match_fee("Hansen", kr, d, &p), None);
        // the amount must be what is owed
        assert_eq!(match_fee("Karin Hansen", Money::from_kr(100), d, &p), None);
        // money out is never a fee
        assert_eq!(match_fee("Karin Hansen", Money::from_kr(-150), d, &p), None);
        // a number not after a member word is not a member no.
        assert_eq!(match_fee("Faktura 7", kr, d, &p), None);
    }

    #[test]
    fn the_year_follows_the_text_then_the_date() {
        let p = payers();
        let m = match_fee(
            "Karin Hansen 2027",
            Money::from_kr(175),
            day(2026, 12, 20),
            &p,
        )
        .unwrap();
        assert_eq!(m.year, 2027);
        // paid in advance in December: the next year's amount
        let m = match_fee("Karin Hansen", Money::from_kr(175), day(2026, 12, 20), &p).unwrap();
        assert_eq!(m.year, 2027);
        // paid late in January: last year's
        let m = match_fee("Karin Hansen", Money::from_kr(150), day(2027, 1, 10), &p).unwrap();
        assert_eq!(m.year, 2026);
    }

    #[test]
    fn reminders_fall_due_in_turn() {
        let m = MemberId::new();
        let line = |owed: i64| FeeRunLine {
            member: m,
            member_no: 1,
            name: "Karin Hansen".into(),
            membership_type: "ordinary".into(),
            due: Money(15_000),
            paid: Money(15_000 - owed),
            owed: Money(owed),
            days_overdue: 0,
            email: true,
        };
        let run = |owed| FeeRun {
            year: 2026,
            due_on: day(2026, 1, 31),
            lines: vec![line(owed)],
            expected: Money(15_000),
            paid: Money::ZERO,
            owed: Money(owed),
            members_paid: 0,
            members_owing: 1,
        };
        let s = FeeSettings::default();
        assert!(reminders_due(&run(15_000), &[], &s, day(2026, 2, 13)).is_empty());
        let next = next_reminder(&run(15_000), &[], &s, day(2026, 2, 13)).unwrap();
        assert_eq!((next.level, next.from), (1, day(2026, 2, 14)));
        assert_eq!(
            next_reminder(&run(15_000), &[], &s, day(2026, 2, 14)),
            None,
            "due: not next"
        );
        let due = reminders_due(&run(15_000), &[], &s, day(2026, 2, 14));
        assert_eq!((due[0].level, due[0].from), (1, day(2026, 2, 14)));
        let first = Reminder {
            id: crate::ids::ReminderId::new(),
            member: m,
            year: 2026,
            level: 1,
            sent_on: day(2026, 2, 20),
            channel: ReminderChannel::Email,
            amount: Money(15_000),
        };
        assert!(reminders_due(
            &run(15_000),
            std::slice::from_ref(&first),
            &s,
            day(2026, 3, 5)
        )
        .is_empty());
        let next = next_reminder(
            &run(15_000),
            std::slice::from_ref(&first),
            &s,
            day(2026, 3, 5),
        );
        assert_eq!(next.map(|n| (n.level, n.from)), Some((2, day(2026, 3, 6))));
        let due = reminders_due(
            &run(15_000),
            std::slice::from_ref(&first),
            &s,
            day(2026, 3, 6),
        );
        assert_eq!((due[0].level, due[0].from), (2, day(2026, 3, 6)));
        let second = Reminder {
            level: 2,
            sent_on: day(2026, 3, 6),
            ..first.clone()
        };
        assert!(
            reminders_due(&run(15_000), &[first.clone(), second], &s, day(2026, 6, 1)).is_empty()
        );
        // Paid in the meantime: nothing is due.
        assert!(reminders_due(&run(0), &[first], &s, day(2026, 6, 1)).is_empty());
    }

    #[test]
    fn due_dates_and_settings() {
        let s = FeeSettings {
            due_month: 2,
            due_day: 29,
            ..FeeSettings::default()
        };
        assert_eq!(s.due_on(2027), day(2027, 2, 28));
        assert_eq!(s.due_on(2028), day(2028, 2, 29));
        assert!(validate_fee_settings(&FeeSettings::default()).is_ok());
        assert!(validate_fee_settings(&FeeSettings {
            due_month: 2,
            due_day: 30,
            ..FeeSettings::default()
        })
        .is_err());
        assert!(validate_fee_settings(&FeeSettings {
            first_reminder_days: 0,
            ..FeeSettings::default()
        })
        .is_err());
    }
}
