//! The association's accounts and its balance sheet: where the money is (bank accounts, cash,
//! MobilePay) and what it owes or is owed (receivables, prepaid and accrued costs, grants
//! received but not yet spent), with equity as what is left.
//!
//! A booking moves money on one account (`Booking::account`): its amount is added to that
//! account (income positive). The other side is the budget line (the income statement), or,
//! for a transfer between two of the association's own accounts, `counter_account`, from
//! which the amount is taken. So every booking balances by construction, and the balance
//! sheet balances whenever the opening balances do.
//!
//! Balances are kept in the account's own sign: an asset positive when the association has
//! money, a liability positive when it owes, equity positive when the association is worth
//! something.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::budget::Booking;
use crate::ids::AccountId;
use crate::money::Money;
use crate::text::Text;
use crate::FieldErrors;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AccountKind {
    Bank,
    Cash,
    MobilePay,
    /// Tilgodehavender: money the association is owed (a grant instalment not yet paid).
    Receivable,
    /// Forudbetalte omkostninger: next year's costs paid this year.
    Prepaid,
    /// Kreditorer: bills received, not yet paid.
    Payable,
    /// Skyldige omkostninger: this year's costs paid next year (the auditor's fee).
    Accrued,
    /// Periodeafgrænsning: grants received and not yet spent.
    Deferred,
    Equity,
}

/// Which half of the balance sheet an account stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Side {
    Asset,
    Liability,
    Equity,
}

impl AccountKind {
    pub const ALL: [AccountKind; 9] = [
        AccountKind::Bank,
        AccountKind::Cash,
        AccountKind::MobilePay,
        AccountKind::Receivable,
        AccountKind::Prepaid,
        AccountKind::Payable,
        AccountKind::Accrued,
        AccountKind::Deferred,
        AccountKind::Equity,
    ];
    pub fn code(self) -> &'static str {
        match self {
            AccountKind::Bank => "bank",
            AccountKind::Cash => "cash",
            AccountKind::MobilePay => "mobilepay",
            AccountKind::Receivable => "receivable",
            AccountKind::Prepaid => "prepaid",
            AccountKind::Payable => "payable",
            AccountKind::Accrued => "accrued",
            AccountKind::Deferred => "deferred",
            AccountKind::Equity => "equity",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
    pub fn side(self) -> Side {
        match self {
            AccountKind::Bank
            | AccountKind::Cash
            | AccountKind::MobilePay
            | AccountKind::Receivable
            | AccountKind::Prepaid => Side::Asset,
            AccountKind::Payable | AccountKind::Accrued | AccountKind::Deferred => Side::Liability,
            AccountKind::Equity => Side::Equity,
        }
    }
    /// Money the association holds: bank, cash, MobilePay (a statement can be read into it).
    pub fn holds_money(self) -> bool {
        matches!(
            self,
            AccountKind::Bank | AccountKind::Cash | AccountKind::MobilePay
        )
    }
    /// +1 where the balance grows with money coming in (assets), −1 where it shrinks.
    fn sign(self) -> i64 {
        match self.side() {
            Side::Asset => 1,
            Side::Liability | Side::Equity => -1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub id: AccountId,
    pub name: String,
    pub kind: AccountKind,
    /// A bank account's registration and account number, or a MobilePay box's number
    /// (`account_no`): printed on reminders as where to pay.
    pub reg_no: Option<String>,
    pub account_no: Option<String>,
    #[ts(type = "number")]
    pub version: i64,
}

/// The accounts a new association starts with, in the balance sheet's order.
pub fn standard_accounts() -> Vec<(&'static str, AccountKind)> {
    vec![
        ("Bankkonto", AccountKind::Bank),
        ("Kasse", AccountKind::Cash),
        ("MobilePay", AccountKind::MobilePay),
        ("Tilgodehavender", AccountKind::Receivable),
        ("Forudbetalte omkostninger", AccountKind::Prepaid),
        ("Skyldige omkostninger", AccountKind::Accrued),
        ("Ikke forbrugte tilskud", AccountKind::Deferred),
        ("Egenkapital", AccountKind::Equity),
    ]
}

/// The account a booking without one moved on (a database from before accounts): the first
/// bank account.
pub fn main_bank(accounts: &[Account]) -> Option<AccountId> {
    accounts
        .iter()
        .find(|a| a.kind == AccountKind::Bank)
        .or_else(|| accounts.iter().find(|a| a.kind.holds_money()))
        .map(|a| a.id)
}

/// The account a fee paid this way lands on: cash in the till, MobilePay on the MobilePay
/// account, everything else in the bank.
pub fn account_for_method(
    accounts: &[Account],
    method: crate::fees::PaymentMethod,
) -> Option<AccountId> {
    use crate::fees::PaymentMethod::*;
    let kind = match method {
        Cash => Some(AccountKind::Cash),
        MobilePay => Some(AccountKind::MobilePay),
        BankTransfer | Other => None,
    };
    kind.and_then(|k| accounts.iter().find(|a| a.kind == k).map(|a| a.id))
        .or_else(|| main_bank(accounts))
}

/// How a payment that arrived on `account` was made.
pub fn method_for_account(
    accounts: &[Account],
    account: Option<AccountId>,
) -> crate::fees::PaymentMethod {
    use crate::fees::PaymentMethod;
    match accounts
        .iter()
        .find(|a| Some(a.id) == account)
        .map(|a| a.kind)
    {
        Some(AccountKind::MobilePay) => PaymentMethod::MobilePay,
        Some(AccountKind::Cash) => PaymentMethod::Cash,
        _ => PaymentMethod::BankTransfer,
    }
}

/// How the association's own auditors went through the year's accounts; the auditor's
/// statement says which.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AuditForm {
    /// Revideret: the accounts audited.
    #[default]
    Audited,
    /// Gennemgået: reviewed, which is less than an audit.
    Reviewed,
}

impl AuditForm {
    pub fn code(self) -> &'static str {
        match self {
            AuditForm::Audited => "audited",
            AuditForm::Reviewed => "reviewed",
        }
    }
    pub fn from_code(code: &str) -> Option<AuditForm> {
        match code {
            "audited" => Some(AuditForm::Audited),
            "reviewed" => Some(AuditForm::Reviewed),
            _ => None,
        }
    }
}

pub fn validate_account(
    name: &str,
    reg_no: Option<&str>,
    account_no: Option<&str>,
) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    let n = name.trim();
    if n.is_empty() {
        e.push("name", Text::new("account-name-required"));
    } else if n.chars().count() > 60 {
        e.push("name", Text::new("account-name-too-long"));
    }
    if let Some(r) = reg_no.map(str::trim).filter(|r| !r.is_empty()) {
        if r.len() != 4 || !r.bytes().all(|b| b.is_ascii_digit()) {
            e.push("regNo", Text::new("account-reg-invalid"));
        }
    }
    if let Some(a) = account_no.map(str::trim).filter(|a| !a.is_empty()) {
        let digits = a.chars().filter(|c| !c.is_whitespace() && *c != '-');
        if a.chars().count() > 20 || !digits.clone().all(|c| c.is_ascii_digit()) {
            e.push("accountNo", Text::new("account-no-invalid"));
        }
    }
    e.into_result(|| ())
}

/// One account's year: its balance at the start, what moved, and its balance at the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountBalance {
    pub account: Account,
    pub opening: Money,
    pub movement: Money,
    pub closing: Money,
}

/// A fiscal year's balance sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BalanceSheet {
    pub accounts: Vec<AccountBalance>,
    pub assets_opening: Money,
    pub assets_closing: Money,
    pub liabilities_opening: Money,
    pub liabilities_closing: Money,
    /// Equity at the start, as the opening balances give it.
    pub equity_opening: Money,
    /// The year's result: income less expenses (bookings without a budget line included).
    pub result: Money,
    /// Equity at the end: the equity accounts plus the year's result.
    pub equity_closing: Money,
    /// Assets less liabilities less equity at the start: not zero when the opening balances
    /// the treasurer typed do not balance.
    pub opening_difference: Money,
}

impl BalanceSheet {
    pub fn balances(&self) -> bool {
        self.opening_difference == Money::ZERO
            && self.assets_closing == self.liabilities_closing + self.equity_closing
    }

    /// The balances the next year opens with: each account's closing balance, the year's
    /// result carried to the (first) equity account.
    pub fn carried_forward(&self) -> Vec<(AccountId, Money)> {
        let first_equity = self
            .accounts
            .iter()
            .find(|a| a.account.kind == AccountKind::Equity)
            .map(|a| a.account.id);
        self.accounts
            .iter()
            .map(|a| {
                let extra = if Some(a.account.id) == first_equity {
                    self.result
                } else {
                    Money::ZERO
                };
                (a.account.id, a.closing + extra)
            })
            .collect()
    }
}

/// The balance sheet of a year from its opening balances (in each account's own sign; an
/// account missing is 0) and the year's bookings.
pub fn balance_sheet(
    accounts: &[Account],
    opening: &HashMap<AccountId, Money>,
    bookings: &[Booking],
) -> BalanceSheet {
    let bank = main_bank(accounts);
    // Money in on each account, as the books move it (income positive).
    let mut moved: HashMap<AccountId, Money> = HashMap::new();
    let mut result = Money::ZERO;
    for b in bookings {
        if let Some(a) = b.account.or(bank) {
            *moved.entry(a).or_default() = moved.get(&a).copied().unwrap_or_default() + b.amount;
        }
        match b.counter_account {
            Some(c) => {
                *moved.entry(c).or_default() =
                    moved.get(&c).copied().unwrap_or_default() - b.amount;
            }
            None => result = result + b.amount,
        }
    }
    let mut rows = Vec::with_capacity(accounts.len());
    let (mut ao, mut ac, mut lo, mut lc, mut eo, mut ec) = (
        Money::ZERO,
        Money::ZERO,
        Money::ZERO,
        Money::ZERO,
        Money::ZERO,
        Money::ZERO,
    );
    for a in accounts {
        let open = opening.get(&a.id).copied().unwrap_or_default();
        let movement = Money(
            moved
                .get(&a.id)
                .copied()
                .unwrap_or_default()
                .0
                .saturating_mul(a.kind.sign()),
        );
        let closing = open + movement;
        match a.kind.side() {
            Side::Asset => {
                ao = ao + open;
                ac = ac + closing;
            }
            Side::Liability => {
                lo = lo + open;
                lc = lc + closing;
            }
            Side::Equity => {
                eo = eo + open;
                ec = ec + closing;
            }
        }
        rows.push(AccountBalance {
            account: a.clone(),
            opening: open,
            movement,
            closing,
        });
    }
    BalanceSheet {
        accounts: rows,
        assets_opening: ao,
        assets_closing: ac,
        liabilities_opening: lo,
        liabilities_closing: lc,
        equity_opening: eo,
        result,
        equity_closing: ec + result,
        opening_difference: ao - lo - eo,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::BookingId;
    use chrono::NaiveDate;

    fn acc(name: &str, kind: AccountKind) -> Account {
        Account {
            id: AccountId::new(),
            name: name.into(),
            kind,
            reg_no: None,
            account_no: None,
            version: 1,
        }
    }

    fn booking(amount: i64, account: AccountId, counter: Option<AccountId>) -> Booking {
        Booking {
            id: BookingId::new(),
            fiscal_year: 2026,
            booked_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            amount: Money(amount),
            text: "x".into(),
            voucher_no: "1".into(),
            line: None,
            grant: None,
            voucher_file: None,
            bank_key: None,
            account: Some(account),
            counter_account: counter,
            payment: None,
            bank_balance: None,
            version: 1,
        }
    }

    #[test]
    fn a_year_balances_and_carries_forward() {
        let bank = acc("Bankkonto", AccountKind::Bank);
        let cash = acc("Kasse", AccountKind::Cash);
        let accrued = acc("Skyldige omkostninger", AccountKind::Accrued);
        let equity = acc("Egenkapital", AccountKind::Equity);
        let accounts = vec![bank.clone(), cash.clone(), accrued.clone(), equity.clone()];
        let opening = HashMap::from([
            (bank.id, Money(1_000_000)),
            (cash.id, Money(50_000)),
            (accrued.id, Money(250_000)),
            (equity.id, Money(800_000)),
        ]);
        let bookings = vec![
            // Fees in, rent out, last year's auditor paid, cash into the bank, this year's
            // auditor owed.
            booking(300_000, bank.id, None),
            booking(-120_000, bank.id, None),
            booking(-250_000, bank.id, Some(accrued.id)),
            booking(40_000, bank.id, Some(cash.id)),
            booking(-300_000, accrued.id, None),
        ];
        let s = balance_sheet(&accounts, &opening, &bookings);
        assert_eq!(s.opening_difference, Money::ZERO);
        assert_eq!(s.result, Money(-120_000));
        let closing: Vec<i64> = s.accounts.iter().map(|a| a.closing.0).collect();
        assert_eq!(closing, vec![970_000, 10_000, 300_000, 800_000]);
        assert_eq!(s.assets_closing, Money(980_000));
        assert_eq!(s.equity_closing, Money(680_000));
        assert!(s.balances());
        let next = s.carried_forward();
        assert_eq!(next[3], (equity.id, Money(680_000)));
    }

    #[test]
    fn opening_balances_that_do_not_balance_are_said() {
        let bank = acc("Bankkonto", AccountKind::Bank);
        let equity = acc("Egenkapital", AccountKind::Equity);
        let s = balance_sheet(
            &[bank.clone(), equity.clone()],
            &HashMap::from([(bank.id, Money(100)), (equity.id, Money(90))]),
            &[],
        );
        assert_eq!(s.opening_difference, Money(10));
        assert!(!s.balances());
    }

    #[test]
    fn account_numbers_are_checked() {
        assert!(validate_account("Bankkonto", Some("1234"), Some("0012 345 678")).is_ok());
        assert!(validate_account("", None, None).is_err());
        assert!(validate_account("Bank", Some("12a4"), None).is_err());
        assert!(validate_account("Bank", None, Some("12x")).is_err());
    }
}
