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
use kvorum_core::grants::Grant;
use kvorum_core::ids::{BookingId, BudgetLineId, GrantId};
use kvorum_core::text::{Lang, Text};
use kvorum_core::{FieldErrors, Money};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ApiResult, ErrorCode};
use kvorum_core::csv_file::parse_csv;
use kvorum_store::Reader;

/// A fiscal year's books as read from the store.
#[derive(Debug)]
pub struct Books {
    pub lines: Vec<BudgetLine>,
    pub bookings: Vec<Booking>,
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
    /// What a booking made now gets unless another number is typed.
    pub next_voucher_no: String,
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
}

/// One budget line with where it stands.
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankChoice {
    pub line_no: u32,
    /// Budget line name; empty: leave unassigned.
    pub budget_line: String,
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
    /// Reserved at the bank, not booked yet: skipped until a later statement books it.
    pub pending: bool,
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankOutcome {
    pub imported: u32,
    pub skipped: u32,
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
