//! Closing the fiscal year: the bank reconciliation (the books' balance of each account
//! against the statement's running balance, month by month), the checks before the year is
//! closed, and the closing itself — after which the year's bookings cannot change, and its
//! closing balances are the next year's opening balances.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::{main_bank, Account, BalanceSheet};
use crate::budget::Booking;
use crate::ids::AccountId;
use crate::money::Money;
use crate::text::Text;

/// One month of an account's reconciliation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthRecon {
    /// The month's last day (or the year's, for a fiscal year not ending at a month's end).
    pub end: NaiveDate,
    /// The account's balance in the books at the end of the day.
    pub book: Money,
    /// The statement's running balance after its last line up to that day; `None` where no
    /// imported statement covers the month.
    pub statement: Option<Money>,
    /// Books less statement.
    pub difference: Option<Money>,
}

/// An account's year reconciled against its statements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountRecon {
    pub account: Account,
    pub months: Vec<MonthRecon>,
    /// The last day the statements speak for (the year's end once its last month is
    /// imported, else the last line's day), and the two balances then.
    pub last: Option<MonthRecon>,
}

impl AccountRecon {
    /// Books and statement agree at the last statement line (or there is no statement).
    pub fn reconciles(&self) -> bool {
        self.last
            .as_ref()
            .is_none_or(|l| l.difference == Some(Money::ZERO))
    }
}

/// What a booking moves on `account` (income positive).
fn moved(b: &Booking, account: AccountId, bank: Option<AccountId>) -> Money {
    let mut m = Money::ZERO;
    if b.account.or(bank) == Some(account) {
        m = m + b.amount;
    }
    if b.counter_account == Some(account) {
        m = m - b.amount;
    }
    m
}

/// The month ends of a fiscal year from `from` to `to`.
fn month_ends(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        let next = if d.month() == 12 {
            NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
        };
        let Some(next) = next else { break };
        let end = next.pred_opt().unwrap_or(next).min(to);
        out.push(end);
        d = next;
    }
    out
}

/// Reconciles `account` over the fiscal year `from`–`to`: `opening` in its own sign (money
/// accounts only: bank, cash, MobilePay), the year's bookings in date and voucher order.
pub fn reconcile(
    account: &Account,
    accounts: &[Account],
    opening: Money,
    bookings: &[Booking],
    from: NaiveDate,
    to: NaiveDate,
) -> AccountRecon {
    let bank = main_bank(accounts);
    let balance_on = |day: NaiveDate| {
        bookings
            .iter()
            .filter(|b| b.booked_on <= day)
            .fold(opening, |s, b| s + moved(b, account.id, bank))
    };
    // The statement's lines on this account, in the order they were booked.
    let lines: Vec<&Booking> = bookings
        .iter()
        .filter(|b| b.bank_balance.is_some() && b.account.or(bank) == Some(account.id))
        .collect();
    let first_line = lines.first().map(|b| b.booked_on);
    let statement_on = |day: NaiveDate| -> Option<Money> {
        let first = first_line?;
        // Before the first statement line the statement says nothing.
        if day < first {
            return None;
        }
        lines
            .iter()
            .rev()
            .find(|b| b.booked_on <= day)
            .and_then(|b| b.bank_balance)
    };
    let point = |end: NaiveDate| {
        let book = balance_on(end);
        let statement = statement_on(end);
        MonthRecon {
            end,
            book,
            statement,
            difference: statement.map(|s| book - s),
        }
    };
    let last_day = lines.last().map(|b| b.booked_on);
    // Once the year's last month is imported, the statement stands to the year's end (a
    // correction booked on the last day counts); before that, to its last line.
    let last_point = last_day.map(|l| {
        if (l.year(), l.month()) == (to.year(), to.month()) {
            to
        } else {
            l
        }
    });
    AccountRecon {
        account: account.clone(),
        months: month_ends(from, to)
            .into_iter()
            .filter(|e| last_day.is_some_and(|l| *e <= l || e.month() == l.month()))
            .map(point)
            .collect(),
        last: last_point.map(point),
    }
}

/// A fiscal year's closing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Closing {
    pub fiscal_year: i32,
    pub closed_on: NaiveDate,
    pub closed_by: String,
    pub note: String,
}

/// One check before closing: what it found, and whether it stops the closing.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub ok: bool,
    /// A failed check that stops the closing (else it is a warning).
    pub blocking: bool,
    pub text: Text,
}

/// What the checks look at.
pub struct ClosingFacts<'a> {
    pub year: i32,
    pub year_end: NaiveDate,
    pub sheet: &'a BalanceSheet,
    pub bookings: &'a [Booking],
    pub recon: &'a [AccountRecon],
    /// The year before has bookings or balances and is not closed.
    pub previous_open: Option<i32>,
    pub closed: bool,
    /// Bookings with a voucher kept in the database.
    pub with_voucher: &'a [crate::ids::BookingId],
}

/// The checks before `facts.year` is closed on `today`.
pub fn closing_checks(facts: &ClosingFacts<'_>, today: NaiveDate) -> Vec<Check> {
    let mut out = Vec::new();
    let check = |ok: bool, blocking: bool, text: Text| Check { ok, blocking, text };
    out.push(check(
        today > facts.year_end,
        true,
        if today > facts.year_end {
            Text::new("close-check-ended").num("year", facts.year)
        } else {
            Text::new("close-check-not-ended")
                .num("year", facts.year)
                .str("end", crate::dates::format_date(facts.year_end))
        },
    ));
    let empty = facts.bookings.is_empty()
        && facts
            .sheet
            .accounts
            .iter()
            .all(|a| a.opening == Money::ZERO);
    if empty {
        out.push(check(
            false,
            true,
            Text::new("close-check-empty").num("year", facts.year),
        ));
    }
    if let Some(y) = facts.previous_open {
        out.push(check(
            false,
            true,
            Text::new("close-check-previous-open").num("year", y),
        ));
    }
    let unassigned = facts
        .bookings
        .iter()
        .filter(|b| b.line.is_none() && b.counter_account.is_none())
        .count();
    out.push(check(
        unassigned == 0,
        true,
        if unassigned == 0 {
            Text::new("close-check-lines-ok")
        } else {
            Text::new("close-check-lines")
                .num("count", i64::try_from(unassigned).unwrap_or(i64::MAX))
        },
    ));
    out.push(check(
        facts.sheet.opening_difference == Money::ZERO,
        true,
        if facts.sheet.opening_difference == Money::ZERO {
            Text::new("close-check-opening-ok")
        } else {
            Text::new("close-check-opening").str(
                "amount",
                Money(facts.sheet.opening_difference.0.abs()).format_dkk(),
            )
        },
    ));
    for r in facts.recon {
        match &r.last {
            Some(l) if r.reconciles() => out.push(check(
                true,
                true,
                Text::new("close-check-bank-ok")
                    .str("account", &r.account.name)
                    .str("day", crate::dates::format_date(l.end)),
            )),
            Some(l) => out.push(check(
                false,
                true,
                Text::new("close-check-bank")
                    .str("account", &r.account.name)
                    .str("day", crate::dates::format_date(l.end))
                    .str("book", l.book.format_dkk())
                    .str("statement", l.statement.unwrap_or_default().format_dkk())
                    .str("difference", l.difference.unwrap_or_default().format_dkk()),
            )),
            None => {}
        }
    }
    let no_voucher = facts
        .bookings
        .iter()
        .filter(|b| {
            b.voucher_file.is_none()
                && b.payment.is_none()
                && b.bank_key.is_none()
                && !facts.with_voucher.contains(&b.id)
        })
        .count();
    if no_voucher > 0 {
        out.push(check(
            false,
            false,
            Text::new("close-check-vouchers")
                .num("count", i64::try_from(no_voucher).unwrap_or(i64::MAX)),
        ));
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CloseError {
    #[error("the fiscal year is closed already")]
    AlreadyClosed,
    #[error("a check stops the closing")]
    ChecksFail,
}

/// What closing a year writes: the closing, and the next year's opening balances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseChange {
    pub closing: Closing,
    pub next_opening: Vec<(AccountId, Money)>,
}

pub fn decide_close(
    facts: &ClosingFacts<'_>,
    today: NaiveDate,
    closed_by: &str,
    note: &str,
) -> Result<CloseChange, CloseError> {
    if facts.closed {
        return Err(CloseError::AlreadyClosed);
    }
    if closing_checks(facts, today)
        .iter()
        .any(|c| c.blocking && !c.ok)
    {
        return Err(CloseError::ChecksFail);
    }
    Ok(CloseChange {
        closing: Closing {
            fiscal_year: facts.year,
            closed_on: today,
            closed_by: closed_by.to_owned(),
            note: note.trim().to_owned(),
        },
        next_opening: facts.sheet.carried_forward(),
    })
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReopenError {
    #[error("the year is not closed")]
    NotClosed,
    #[error("a later year is closed: {0}")]
    LaterClosed(i32),
    #[error("a reason is required")]
    NoReason,
}

/// Only the latest closing can be reopened, with a reason.
pub fn decide_reopen(closed_years: &[i32], year: i32, reason: &str) -> Result<(), ReopenError> {
    if !closed_years.contains(&year) {
        return Err(ReopenError::NotClosed);
    }
    if let Some(later) = closed_years.iter().copied().filter(|y| *y > year).max() {
        return Err(ReopenError::LaterClosed(later));
    }
    if reason.trim().is_empty() {
        return Err(ReopenError::NoReason);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::AccountKind;
    use crate::ids::BookingId;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn b(d: NaiveDate, amount: i64, balance: Option<i64>, account: AccountId) -> Booking {
        Booking {
            id: BookingId::new(),
            fiscal_year: 2026,
            booked_on: d,
            amount: Money(amount),
            text: "x".into(),
            voucher_no: "1".into(),
            line: None,
            grant: None,
            voucher_file: None,
            bank_key: balance.map(|_| "k".into()),
            account: Some(account),
            counter_account: None,
            payment: None,
            bank_balance: balance.map(Money),
            version: 1,
        }
    }

    #[test]
    fn the_books_against_the_statement_month_by_month() {
        let bank = Account {
            id: AccountId::new(),
            name: "Bankkonto".into(),
            kind: AccountKind::Bank,
            reg_no: None,
            account_no: None,
            version: 1,
        };
        let accounts = [bank.clone()];
        let bookings = [
            b(day(2026, 1, 5), -10_000, Some(90_000), bank.id),
            b(day(2026, 2, 3), 5_000, Some(95_000), bank.id),
            // typed by hand, never in the bank: a difference from February on
            b(day(2026, 2, 10), 1_500, None, bank.id),
            b(day(2026, 3, 1), -2_000, Some(93_000), bank.id),
        ];
        let r = reconcile(
            &bank,
            &accounts,
            Money(100_000),
            &bookings,
            day(2026, 1, 1),
            day(2026, 12, 31),
        );
        assert_eq!(r.months.len(), 3);
        assert_eq!(r.months[0].difference, Some(Money::ZERO));
        assert_eq!(r.months[1].book, Money(96_500));
        assert_eq!(r.months[1].difference, Some(Money(1_500)));
        assert!(!r.reconciles());
        assert_eq!(r.last.as_ref().unwrap().end, day(2026, 3, 1));
    }

    #[test]
    fn only_the_latest_closing_reopens() {
        assert_eq!(
            decide_reopen(&[2025, 2026], 2025, "fejl"),
            Err(ReopenError::LaterClosed(2026))
        );
        assert_eq!(
            decide_reopen(&[2025, 2026], 2026, " "),
            Err(ReopenError::NoReason)
        );
        assert_eq!(
            decide_reopen(&[2025], 2026, "x"),
            Err(ReopenError::NotClosed)
        );
        assert!(decide_reopen(&[2025, 2026], 2026, "Revisorens rettelse").is_ok());
    }
}
