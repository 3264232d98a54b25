//! The treasurer's rules: where the money stands. Budget vs. actual per line for the year to
//! date and the whole year, a linear projection to the year's end with a warning when a line
//! is heading for an overrun or for being left unspent, voucher numbers, the audit level a
//! grant's size calls for, and the social frikort's yearly tax-free cap.
//!
//! Money is whole øre; income is positive, expenses negative in bookings, while budget lines
//! hold positive amounts and say whether they are income or expense.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{AccountId, BookingId, BudgetLineId, GrantId, PaymentId};
use crate::money::Money;
use crate::text::Text;
use crate::FieldErrors;

/// One line of a year's budget. Amounts are positive; `kind` says income or expense.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetLine {
    pub id: BudgetLineId,
    /// The fiscal year by the year it starts in.
    pub fiscal_year: i32,
    pub name: String,
    pub kind: LineKind,
    pub amount: Money,
    /// The grant that funds this line (expenses) or that it receives (income).
    pub grant: Option<GrantId>,
    /// The line fee payments are booked on (one per year; income).
    #[serde(default)]
    pub fee_line: bool,
    #[ts(type = "number")]
    pub version: i64,
}

/// One booking: income positive, expense negative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Booking {
    pub id: BookingId,
    pub fiscal_year: i32,
    pub booked_on: NaiveDate,
    pub amount: Money,
    pub text: String,
    pub voucher_no: String,
    pub line: Option<BudgetLineId>,
    /// The grant, when it is not the budget line's.
    pub grant: Option<GrantId>,
    /// Path to the scanned voucher, if kept.
    pub voucher_file: Option<String>,
    /// Set for lines from a bank statement: recognises them when imported again.
    pub bank_key: Option<String>,
    /// The account the money moved on (bank, cash, MobilePay, or a balance item for a
    /// year-end entry). `None` only in a database from before accounts: the main bank account.
    #[serde(default)]
    pub account: Option<AccountId>,
    /// A transfer between two of the association's accounts (cash paid into the bank,
    /// MobilePay paid out, last year's accrued cost paid): the amount leaves this account,
    /// and no budget line is involved.
    #[serde(default)]
    pub counter_account: Option<AccountId>,
    /// The member's fee payment this booking is (created and reversed together).
    #[serde(default)]
    pub payment: Option<PaymentId>,
    /// The statement's running balance after this line (bank and MobilePay imports).
    #[serde(default)]
    pub bank_balance: Option<Money>,
    #[ts(type = "number")]
    pub version: i64,
}

/// What the treasurer types for a booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingInput {
    pub booked_on: NaiveDate,
    pub amount: Money,
    pub text: String,
    /// Default: the next number in the year.
    pub voucher_no: Option<String>,
    pub line: Option<BudgetLineId>,
    #[serde(default)]
    pub grant: Option<GrantId>,
    pub voucher_file: Option<String>,
    /// Default: the (first) bank account.
    #[serde(default)]
    pub account: Option<AccountId>,
    /// A transfer from this account instead of a budget line.
    #[serde(default)]
    pub counter_account: Option<AccountId>,
}

pub fn validate_booking(input: &BookingInput) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    crate::dates::check_plausible(&mut e, "bookedOn", Some(input.booked_on));
    if input.amount.0 == 0 {
        e.push("amount", Text::new("booking-amount-missing"));
    } else if !input.amount.within_limit() {
        e.push("amount", Text::new("amount-over-limit"));
    }
    if let Err(m) = validate_booking_text(&input.text) {
        e.push("text", m);
    }
    if input.counter_account.is_some() && input.line.is_some() {
        e.push("counterAccount", Text::new("booking-transfer-and-line"));
    } else if input.counter_account.is_some() && input.counter_account == input.account {
        e.push("counterAccount", Text::new("booking-transfer-same-account"));
    }
    if input
        .voucher_no
        .as_deref()
        .is_some_and(|v| v.trim().chars().count() > 20)
    {
        e.push("voucherNo", Text::new("booking-voucher-too-long"));
    }
    e.into_result(|| ())
}

/// A booking's text: what it is, so the auditor can follow it.
pub fn validate_booking_text(text: &str) -> Result<(), Text> {
    if text.trim().is_empty() {
        return Err(Text::new("booking-text-required"));
    }
    if crate::validation::looks_like_cpr(text) {
        return Err(crate::validation::cpr_refused());
    }
    Ok(())
}

pub fn validate_line(name: &str, amount: Money) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    if name.trim().is_empty() {
        e.push("name", Text::new("budget-line-name-missing"));
    }
    if amount.0 < 0 {
        e.push("amount", Text::new("budget-line-amount-negative"));
    } else if !amount.within_limit() {
        e.push("amount", Text::new("amount-over-limit"));
    }
    e.into_result(|| ())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LineKind {
    Income,
    Expense,
}

/// The fiscal year that contains `day`, as (first day, last day), for a year starting in
/// `start_month` (1 = the calendar year).
pub fn fiscal_year_of(day: NaiveDate, start_month: u32) -> (NaiveDate, NaiveDate) {
    let m = start_month.clamp(1, 12);
    let start_year = if day.month() >= m {
        day.year()
    } else {
        day.year() - 1
    };
    let first = NaiveDate::from_ymd_opt(start_year, m, 1).unwrap_or(day);
    let next = if m == 1 {
        NaiveDate::from_ymd_opt(start_year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(start_year + 1, m, 1)
    }
    .unwrap_or(day);
    (first, next.pred_opt().unwrap_or(next))
}

/// Where one budget line stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineStatus {
    pub budgeted: Money,
    /// Spent (expense lines) or received (income lines) so far, as a positive amount.
    pub actual: Money,
    pub remaining: Money,
    /// Share of the budget used, in tenths of a percent (1000 = 100 %); `None` without a budget.
    pub used_permille: Option<i64>,
    /// Linear projection to the end of the fiscal year.
    pub projected: Money,
    /// "Forventes overskredet med 12.000,00 kr." / "Forventes ikke brugt: 40.000,00 kr. tilbage"
    pub warning: Option<String>,
}

/// `line_status(kind, budgeted, bookings, year_start, year_end, today)`: the bookings are the
/// signed amounts booked on the line in the fiscal year. The projection is linear in days.
pub fn line_status(
    kind: LineKind,
    budgeted: Money,
    bookings: &[(NaiveDate, Money)],
    year_start: NaiveDate,
    year_end: NaiveDate,
    today: NaiveDate,
) -> LineStatus {
    let sign = match kind {
        LineKind::Income => 1,
        LineKind::Expense => -1,
    };
    let actual: i64 = bookings
        .iter()
        .filter(|(d, _)| *d >= year_start && *d <= year_end)
        .fold(0i64, |sum, (_, m)| {
            sum.saturating_add(m.0.saturating_mul(sign))
        });
    let total_days = (year_end - year_start).num_days() + 1;
    let elapsed = ((today.min(year_end) - year_start).num_days() + 1).clamp(0, total_days);
    let projected = if today >= year_end || elapsed == 0 {
        actual
    } else {
        // Round half away from zero, in i128 so 3 mio. kr. × 365 cannot overflow.
        let p = i128::from(actual) * i128::from(total_days);
        let e = i128::from(elapsed);
        clamp_i64((p + p.signum() * e / 2) / e)
    };
    judge(kind, budgeted, actual, projected, elapsed * 4 >= total_days)
}

/// `v` as i64, the nearest end of the range when it lies outside.
fn clamp_i64(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// Like [`line_status`] for income whose payments are scheduled (a grant's instalments):
/// the projection is what has come in plus what is still `expected` this year, not a
/// straight line through lump sums.
pub fn scheduled_line_status(
    budgeted: Money,
    bookings: &[(NaiveDate, Money)],
    year_start: NaiveDate,
    year_end: NaiveDate,
    today: NaiveDate,
    expected: Money,
) -> LineStatus {
    let linear = line_status(
        LineKind::Income,
        budgeted,
        bookings,
        year_start,
        year_end,
        today,
    );
    let total_days = (year_end - year_start).num_days() + 1;
    let elapsed = ((today.min(year_end) - year_start).num_days() + 1).clamp(0, total_days);
    judge(
        LineKind::Income,
        budgeted,
        linear.actual.0,
        linear.actual.0.saturating_add(expected.0.max(0)),
        elapsed * 4 >= total_days,
    )
}

/// Used share, remaining and the warning for a line's actual and projected amounts; an
/// unspent-budget warning only once `late_enough` (a quarter of the year has passed).
fn judge(
    kind: LineKind,
    budgeted: Money,
    actual: i64,
    projected: i64,
    late_enough: bool,
) -> LineStatus {
    let b = budgeted.0;
    let used_permille = (b != 0).then(|| {
        let p = i128::from(actual) * 1000;
        clamp_i64((p + i128::from(b) / 2) / i128::from(b))
    });
    let warning = if b > 0 && projected > b.saturating_add(b / 20) {
        Some(match kind {
            LineKind::Expense => format!(
                "Forventes overskredet med {} ved årets slutning (fremskrevet {}).",
                Money(projected.saturating_sub(b)).format_dkk(),
                Money(projected).format_dkk()
            ),
            LineKind::Income => format!(
                "Forventes at give {} mere end budgetteret.",
                Money(projected.saturating_sub(b)).format_dkk()
            ),
        })
    } else if b > 0 && projected < b.saturating_sub(b / 5) && late_enough {
        // Judged once a quarter of the year has passed, so January does not cry wolf.
        Some(match kind {
            LineKind::Expense => format!(
                "Forventes ikke brugt: {} tilbage ved årets slutning.",
                Money(b.saturating_sub(projected)).format_dkk()
            ),
            LineKind::Income => format!(
                "Forventes at mangle {} ved årets slutning.",
                Money(b.saturating_sub(projected)).format_dkk()
            ),
        })
    } else {
        None
    };
    LineStatus {
        budgeted,
        actual: Money(actual),
        remaining: Money(b.saturating_sub(actual)),
        used_permille,
        projected: Money(projected),
        warning,
    }
}

/// The next voucher number in a year: one more than the highest number used (numbers only,
/// e.g. "17" after "16"; "2026-017" style keeps its prefix and width).
pub fn next_voucher_no(used: &[String]) -> String {
    let mut best: Option<(String, u64, usize)> = None;
    for v in used {
        let digits: String = v
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        // A number with no successor (u64::MAX) cannot be counted on from.
        let Some(n) = digits
            .parse::<u64>()
            .ok()
            .filter(|n| n.checked_add(1).is_some())
        else {
            continue;
        };
        let prefix = v[..v.len() - digits.len()].to_owned();
        if best.as_ref().is_none_or(|(_, b, _)| n > *b) {
            best = Some((prefix, n, digits.len()));
        }
    }
    match best {
        None => "1".into(),
        Some((prefix, n, width)) => {
            format!("{prefix}{:0width$}", n.saturating_add(1), width = width)
        }
    }
}

/// The social frikort: what a house user has earned this year against the tax-free cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrikortCheck {
    pub earned: Money,
    pub cap: Money,
    pub left: Money,
    /// At or above 80 % of the cap (rendered in the user's language by the caller).
    #[serde(skip)]
    #[ts(skip)]
    pub warning: Option<Text>,
}

/// Checks a new payment against the year's cap: refused past 100 %, warned from 80 %.
pub fn frikort_check(
    earned_before: Money,
    new_amount: Money,
    cap: Money,
) -> Result<FrikortCheck, Text> {
    let earned = Money(earned_before.0.saturating_add(new_amount.0));
    if earned.0 > cap.0 {
        return Err(Text::new("frikort-over-cap")
            .str("amount", new_amount.format_dkk())
            .str("earned", earned.format_dkk())
            .str("cap", cap.format_dkk())
            .str(
                "left",
                Money(cap.0.saturating_sub(earned_before.0).max(0)).format_dkk(),
            ));
    }
    let warning = (i128::from(earned.0) * 5 >= i128::from(cap.0) * 4).then(|| {
        Text::new("frikort-warning")
            .str("earned", earned.format_dkk())
            .str("cap", cap.format_dkk())
    });
    Ok(FrikortCheck {
        earned,
        cap,
        left: Money(cap.0.saturating_sub(earned.0)),
        warning,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn fiscal_years() {
        assert_eq!(
            fiscal_year_of(d(2026, 11, 22), 1),
            (d(2026, 1, 1), d(2026, 12, 31))
        );
        assert_eq!(
            fiscal_year_of(d(2026, 3, 1), 7),
            (d(2025, 7, 1), d(2026, 6, 30))
        );
        assert_eq!(
            fiscal_year_of(d(2026, 7, 1), 7),
            (d(2026, 7, 1), d(2027, 6, 30))
        );
    }

    #[test]
    fn projects_linearly_and_warns() {
        let (a, b) = (d(2026, 1, 1), d(2026, 12, 31));
        // Rent 120.000 kr. budgeted; 70.000 kr. paid by 30 June (181 days of 365).
        let rent = line_status(
            LineKind::Expense,
            Money::from_kr(120_000),
            &[(d(2026, 3, 1), Money::from_kr(-70_000))],
            a,
            b,
            d(2026, 6, 30),
        );
        assert_eq!(rent.actual, Money::from_kr(70_000));
        assert_eq!(rent.remaining, Money::from_kr(50_000));
        assert_eq!(rent.used_permille, Some(583));
        assert_eq!(rent.projected, Money(14_116_022)); // 70.000 × 365 / 181, rounded to the øre
        assert!(rent
            .warning
            .unwrap()
            .starts_with("Forventes overskredet med"));
        // A grant line half used at mid-year: on pace, no warning.
        let grant = line_status(
            LineKind::Income,
            Money::from_kr(3_000_000),
            &[
                (d(2026, 1, 5), Money::from_kr(750_000)),
                (d(2026, 4, 5), Money::from_kr(750_000)),
            ],
            a,
            b,
            d(2026, 7, 2),
        );
        assert_eq!(grant.warning, None, "{grant:?}");
        // Activities hardly used by October: left unspent.
        let idle = line_status(
            LineKind::Expense,
            Money::from_kr(40_000),
            &[(d(2026, 2, 1), Money::from_kr(-5_000))],
            a,
            b,
            d(2026, 10, 1),
        );
        assert!(idle.warning.unwrap().starts_with("Forventes ikke brugt"));
        // After the year: the projection is the actual.
        let done = line_status(
            LineKind::Expense,
            Money::from_kr(10),
            &[],
            a,
            b,
            d(2027, 2, 1),
        );
        assert_eq!(done.projected, Money(0));
    }

    #[test]
    fn voucher_numbers_follow_on() {
        assert_eq!(next_voucher_no(&[]), "1");
        assert_eq!(
            next_voucher_no(&["1".into(), "16".into(), "3".into()]),
            "17"
        );
        assert_eq!(
            next_voucher_no(&["2026-009".into(), "2026-010".into()]),
            "2026-011"
        );
    }

    #[test]
    fn frikort_warns_at_80_and_refuses_past_the_cap() {
        let cap = Money::from_kr(42_766);
        assert!(
            frikort_check(Money::from_kr(30_000), Money::from_kr(1_000), cap)
                .unwrap()
                .warning
                .is_none()
        );
        let w = frikort_check(Money::from_kr(34_000), Money::from_kr(300), cap).unwrap();
        assert!(w.warning.unwrap().da().starts_with("Over 80 %"));
        let e = frikort_check(Money::from_kr(42_000), Money::from_kr(1_000), cap).unwrap_err();
        assert!(e.da().contains("Der er 766,00 kr. tilbage"), "{e}");
        assert!(frikort_check(Money::from_kr(42_000), Money::from_kr(766), cap).is_ok());
    }

    proptest! {
        #[test]
        fn actual_plus_remaining_is_the_budget(
            budget in 0i64..1_000_000_000,
            amounts in prop::collection::vec(-100_000_000i64..100_000_000, 0..40),
            day in 0i64..365,
        ) {
            let (a, b) = (d(2026, 1, 1), d(2026, 12, 31));
            let today = a + chrono::Duration::days(day);
            let bookings: Vec<(NaiveDate, Money)> = amounts
                .iter()
                .enumerate()
                .map(|(i, m)| (a + chrono::Duration::days(i as i64 * 9 % 365), Money(*m)))
                .collect();
            let s = line_status(LineKind::Expense, Money(budget), &bookings, a, b, today);
            prop_assert_eq!(s.actual.0 + s.remaining.0, budget);
            let sum: i64 = amounts.iter().sum();
            prop_assert_eq!(s.actual.0, -sum);
            // the projection never shrinks what is already spent
            if s.actual.0 >= 0 {
                prop_assert!(s.projected.0 >= s.actual.0);
            }
        }
    }
}

/// Why a budget cannot be copied to the next year.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BudgetCopyError {
    #[error("the budget for {0} has lines already")]
    TargetHasLines(i32),
    #[error("there is no budget to copy")]
    NothingToCopy,
}

/// A year's budget as a copy of another's: `from` holds the lines of the year copied,
/// `to` those of `to_year`, which must still be empty.
pub fn copy_budget(
    from: &[BudgetLine],
    to: &[BudgetLine],
    to_year: i32,
) -> Result<Vec<BudgetLine>, BudgetCopyError> {
    if !to.is_empty() {
        return Err(BudgetCopyError::TargetHasLines(to_year));
    }
    if from.is_empty() {
        return Err(BudgetCopyError::NothingToCopy);
    }
    Ok(from
        .iter()
        .map(|l| BudgetLine {
            id: BudgetLineId::new(),
            fiscal_year: to_year,
            version: 1,
            ..l.clone()
        })
        .collect())
}

#[cfg(test)]
mod copy_tests {
    use super::*;

    fn line(year: i32, name: &str) -> BudgetLine {
        BudgetLine {
            id: BudgetLineId::new(),
            fiscal_year: year,
            name: name.into(),
            kind: LineKind::Expense,
            amount: Money(120_000),
            grant: None,
            fee_line: false,
            version: 4,
        }
    }

    #[test]
    fn a_budget_is_copied_into_an_empty_year_only() {
        let this = vec![line(2026, "Husleje"), line(2026, "Kaffe")];
        let next = copy_budget(&this, &[], 2027).unwrap();
        assert_eq!(next.len(), 2);
        assert!(next.iter().all(|l| l.fiscal_year == 2027 && l.version == 1));
        assert_ne!(next[0].id, this[0].id);
        assert_eq!(
            (next[1].name.as_str(), next[1].amount),
            ("Kaffe", Money(120_000))
        );
        assert_eq!(
            copy_budget(&this, &next, 2027),
            Err(BudgetCopyError::TargetHasLines(2027))
        );
        assert_eq!(
            copy_budget(&[], &[], 2027),
            Err(BudgetCopyError::NothingToCopy)
        );
    }
}

#[cfg(test)]
mod absurd_amounts {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn an_amount_past_the_limit_is_refused_where_it_is_typed() {
        let booking = |amount| BookingInput {
            account: None,
            counter_account: None,
            booked_on: day(2026, 3, 1),
            amount: Money(amount),
            text: "Husleje".into(),
            voucher_no: None,
            line: None,
            grant: None,
            voucher_file: None,
        };
        assert!(validate_booking(&booking(-100_000_000_000)).is_ok());
        let e = validate_booking(&booking(92_233_720_368_547_758)).unwrap_err();
        assert_eq!(e.0[0].text, Some(Text::new("amount-over-limit")));
        assert!(validate_booking(&booking(i64::MIN)).is_err());
        assert!(validate_line("Husleje", Money(100_000_000_001)).is_err());
        assert!(validate_line("Husleje", Money::LIMIT).is_ok());
    }

    #[test]
    fn stored_values_past_any_limit_give_a_status_not_a_panic() {
        let (from, to) = (day(2026, 1, 1), day(2026, 12, 31));
        let huge = [
            (day(2026, 2, 1), Money(i64::MAX)),
            (day(2026, 3, 1), Money(i64::MAX)),
        ];
        for kind in [LineKind::Income, LineKind::Expense] {
            for budget in [Money(i64::MAX), Money(i64::MIN), Money(1), Money(0)] {
                let s = line_status(kind, budget, &huge, from, to, day(2026, 6, 1));
                assert!(
                    s.actual.0.unsigned_abs() >= i64::MAX.unsigned_abs(),
                    "{s:?}"
                );
                assert_eq!(s.actual.0.signum(), s.projected.0.signum(), "{s:?}");
                let _ = scheduled_line_status(
                    budget,
                    &huge,
                    from,
                    to,
                    day(2026, 6, 1),
                    Money(i64::MAX),
                );
            }
        }
        assert_eq!(
            [Money(i64::MAX), Money(1)].into_iter().sum::<Money>(),
            Money(i64::MAX)
        );
        assert_eq!(Money(i64::MIN) - Money(1), Money(i64::MIN));
    }

    #[test]
    fn a_voucher_number_without_a_successor_is_not_counted_on_from() {
        assert_eq!(next_voucher_no(&["18446744073709551615".into()]), "1");
        assert_eq!(
            next_voucher_no(&["18446744073709551615".into(), "B-0041".into()]),
            "B-0042"
        );
        assert_eq!(next_voucher_no(&["99999999999999999999999".into()]), "1");
    }
}
