//! The treasurer's books: the budget per fiscal year, bookings with voucher numbers, bank
//! statements imported with a preview (lines already imported skipped, the budget line
//! suggested from rules learned from earlier choices), and budget vs. actual with a projection.

mod bank;
mod bookings;
mod lines;

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use kvorum_core::bank::{learn, line_key, suggest_line, BankColumn, BankField, BankLine};
use kvorum_core::bank_statement::{balance_key, RowRead, Statement};
use kvorum_core::budget::{
    copy_budget, fiscal_year_of, line_status, next_voucher_no, scheduled_line_status,
    validate_booking, validate_booking_text, validate_line, Booking, BookingInput, BudgetCopyError,
    BudgetLine, LineKind, LineStatus,
};
use kvorum_core::fee_books::MatchedBy;
use kvorum_core::grants::Grant;
use kvorum_core::ids::{AccountId, BookingId, BudgetLineId, GrantId, MemberId};
use kvorum_core::text::{Lang, Text};
use kvorum_core::{FieldErrors, Money};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ApiResult, ErrorCode};
use kvorum_core::csv_file::parse_csv;
use kvorum_store::Reader;

/// The books read at one data generation, per fiscal year (oldest read first); and the
/// years' bookings by their change count, which outlive a write that did not touch them
/// (a closing, a member's new address): 10 000 rows are not read again for that.
#[derive(Debug, Default)]
pub struct BooksCache {
    pub(crate) generation: i64,
    pub(crate) years: Vec<(i32, std::sync::Arc<Books>)>,
    /// (fiscal year, its bookings' change count, the bookings read at that count).
    pub(crate) bookings: Vec<(i32, i64, std::sync::Arc<Vec<Booking>>)>,
}

/// A fiscal year's books as read from the store.
#[derive(Debug)]
pub struct Books {
    pub lines: Vec<BudgetLine>,
    pub bookings: std::sync::Arc<Vec<Booking>>,
    pub grants: Vec<Grant>,
}

impl Books {
    /// The grant a booking counts for: its own, else its budget line's.
    pub fn grant_of(&self, b: &Booking) -> Option<GrantId> {
        b.grant.or_else(|| {
            b.line
                .and_then(|l| self.lines.iter().find(|x| x.id == l))
                .and_then(|l| l.grant)
        })
    }
}

/// A year's bookings, by date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingsView {
    pub bookings: Vec<Booking>,
    /// Per booking (same order): the word similar bookings share, for "alle 12 linjer med
    /// »husleje«".
    pub similar: Vec<Option<String>>,
    /// What a booking made now gets unless another number is typed.
    pub next_voucher_no: String,
    /// The year is closed and its bookings locked.
    pub closed: bool,
}

fn used_vouchers(bookings: &[Booking]) -> Vec<String> {
    bookings.iter().map(|b| b.voucher_no.clone()).collect()
}

/// What may be changed on a booking after it is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingUpdate {
    pub id: BookingId,
    #[ts(type = "number")]
    pub version: i64,
    pub line: Option<BudgetLineId>,
    pub grant: Option<GrantId>,
    pub text: String,
    pub voucher_file: Option<String>,
    /// A transfer from this account instead of a budget line.
    #[serde(default)]
    pub counter_account: Option<AccountId>,
}

/// Every booking of a year like `example` (the same telling word, no budget line, not a
/// transfer or a fee) put on one budget line, or made a transfer, at once; the rule is
/// remembered for later statements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SimilarAssign {
    pub year: i32,
    pub example: BookingId,
    pub line: Option<BudgetLineId>,
    #[serde(default)]
    pub transfer: Option<AccountId>,
}
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineView {
    pub line: BudgetLine,
    pub status: LineStatus,
}

/// The budget of a fiscal year and where the money stands on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetView {
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub on: NaiveDate,
    pub lines: Vec<LineView>,
    pub income_budget: Money,
    pub income_actual: Money,
    pub expense_budget: Money,
    pub expense_actual: Money,
    /// Booked without a budget line.
    pub unassigned: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetLineInput {
    pub year: i32,
    /// Absent: a new line.
    pub id: Option<BudgetLineId>,
    #[ts(type = "number")]
    pub version: i64,
    pub name: String,
    pub kind: LineKind,
    pub amount: Money,
    #[serde(default)]
    pub grant: Option<GrantId>,
    /// Fee payments are booked on this line (one line a year).
    #[serde(default)]
    pub fee_line: bool,
}

/// A budget line to remove: one nothing is booked on, at the version the user saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetLineRemove {
    pub year: i32,
    pub id: BudgetLineId,
    #[ts(type = "number")]
    pub version: i64,
}

/// A bank statement to import. `mapping` names the column of each field; absent: from the
/// headings (or the layout remembered for this bank). `lines` are the budget lines chosen per
/// statement line (by line number), overriding the suggestions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankImportRequest {
    /// The file's bytes (the CLI; the app names the file it chose instead).
    #[serde(default)]
    #[ts(skip)]
    pub bytes: Vec<u8>,
    /// The file the user chose in the app, held by the backend under this token.
    #[serde(default)]
    pub file: Option<String>,
    pub mapping: Option<Vec<BankColumn>>,
    pub lines: Vec<BankChoice>,
    /// The account the statement is of; absent: the MobilePay account for a MobilePay
    /// report, else the (first) bank account.
    #[serde(default)]
    pub account: Option<AccountId>,
    /// Accept every fee proposal (the CLI's `--accept-fees`; the app accepts them per line).
    #[serde(default)]
    pub accept_fees: bool,
    /// The file's name, kept with the statement for the auditor.
    #[serde(default)]
    pub file_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankChoice {
    pub line_no: u32,
    /// Budget line name; empty: leave unassigned.
    pub budget_line: String,
    /// A transfer from another of the association's accounts instead of a budget line.
    #[serde(default)]
    pub transfer: Option<AccountId>,
    /// The line is this member's fee for this year (the proposal accepted, or chosen).
    #[serde(default)]
    pub fee: Option<FeeChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeeChoice {
    pub member: MemberId,
    pub year: i32,
}

/// A line recognised as a member's fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeeProposal {
    pub member: MemberId,
    #[ts(type = "number")]
    pub member_no: i64,
    pub name: String,
    pub year: i32,
    pub by: MatchedBy,
    /// The payment was typed by hand before the statement came (its voucher no.): the line
    /// is matched to that booking, not booked again.
    pub typed: Option<String>,
}

/// Where a statement was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum StatementSource {
    Bank,
    MobilePay,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankRow {
    pub line_no: u32,
    pub line: Option<BankLine>,
    /// "Linje 7, kolonne Beløb: …"
    pub error: Option<String>,
    /// Imported before (same date, amount, text and balance, or the same date, amount and
    /// balance in another layout): skipped.
    pub duplicate: bool,
    pub budget_line: Option<String>,
    /// A transfer from this account (suggested by a rule, or chosen).
    pub transfer: Option<AccountId>,
    /// Reserved at the bank, not booked yet: skipped until a later statement books it (in a
    /// MobilePay report: a payout to the bank, which the bank statement books).
    pub pending: bool,
    /// The word similar lines share ("husleje"): one choice can be given to all of them.
    pub similar: Option<String>,
    pub fee: Option<FeeProposal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankPreview {
    pub encoding: String,
    /// False: the file has no heading line (BEC-style); `headings` are empty.
    pub header: bool,
    pub headings: Vec<String>,
    /// The first line's cells, to help choose the columns.
    pub sample: Vec<String>,
    /// Why nothing can be read yet (a column Kvorum cannot find): choose the columns.
    pub problem: Option<String>,
    pub mapping: Vec<BankColumn>,
    pub rows: Vec<BankRow>,
    pub new_lines: u32,
    pub duplicates: u32,
    pub errors: u32,
    /// Reserved lines skipped.
    pub pending: u32,
    /// The newest line is first in the file; the vouchers still follow the date.
    pub newest_first: bool,
    pub source: StatementSource,
    /// The account the lines are booked on.
    pub account: Option<AccountId>,
    /// Lines recognised as members' fees (typed payments matched included).
    pub fee_proposals: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankOutcome {
    pub imported: u32,
    pub skipped: u32,
    /// Fee payments made from lines, and lines matched to payments typed before.
    pub fees: u32,
    pub message: String,
}

fn field_name(f: BankField) -> Text {
    Text::new(match f {
        BankField::Date => "bank-field-date",
        BankField::Text => "bank-field-text",
        BankField::Amount => "bank-field-amount",
        BankField::Balance => "bank-field-balance",
    })
}

fn dup_line(e: kvorum_store::StoreError, name: &str) -> ApiError {
    match e {
        kvorum_store::StoreError::Unique(_) => ApiError::validation(FieldErrors::one(
            "name",
            Text::new("budget-line-exists").str("name", name),
        )),
        other => ApiError::from_store(other, "Budgetposten"),
    }
}
