//! Vouchers (the files behind bookings) and the bank statements as imported.

use chrono::NaiveDate;
use kvorum_core::ids::{AccountId, BookingId, StatementId, VoucherId};
use kvorum_core::vouchers::VoucherInfo;
use uuid::Uuid;

use crate::{on_reader, on_tx, Audited, Result, StoreError, StoreTx};

impl Audited for VoucherInfo {
    const ENTITY: &'static str = "voucher";
    /// Under the booking: the voucher shows in the booking's history.
    fn audit_id(&self) -> String {
        self.booking.to_string()
    }
}

/// A bank statement as it was imported (the auditor's copy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredStatement {
    pub id: StatementId,
    pub account: Option<AccountId>,
    pub file_name: String,
    pub content: Vec<u8>,
    pub lines: i64,
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct VoucherRow {
    id: Uuid,
    booking_id: Uuid,
    file_name: String,
    media_type: String,
    size: i64,
    sha256: String,
}

impl From<VoucherRow> for VoucherInfo {
    fn from(r: VoucherRow) -> VoucherInfo {
        VoucherInfo {
            id: VoucherId(r.id),
            booking: BookingId(r.booking_id),
            file_name: r.file_name,
            media_type: r.media_type,
            size: r.size,
            sha256: r.sha256,
        }
    }
}

#[derive(sqlx::FromRow)]
struct VoucherContentRow {
    id: Uuid,
    booking_id: Uuid,
    file_name: String,
    media_type: String,
    size: i64,
    sha256: String,
    content: Vec<u8>,
}

#[derive(sqlx::FromRow)]
struct StatementRow {
    id: Uuid,
    account_id: Option<Uuid>,
    file_name: String,
    content: Vec<u8>,
    lines: i64,
    first_day: Option<NaiveDate>,
    last_day: Option<NaiveDate>,
}

crate::reads! {
/// The vouchers of a fiscal year's bookings (without their content).
pub async fn vouchers(&mut self, year: i32) -> Result<Vec<VoucherInfo>> {
    let rows: Vec<VoucherRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT v.id, v.booking_id, v.file_name, v.media_type, v.size, v.sha256
         FROM vouchers v JOIN bookings b ON b.id = v.booking_id
         WHERE b.fiscal_year = $1 ORDER BY b.booked_on, v.created_at, v.id"
    ).bind(i64::from(year)).fetch_all(p).await)?;
    Ok(rows.into_iter().map(VoucherInfo::from).collect())
}

/// A voucher with its content.
pub async fn voucher(&mut self, id: VoucherId) -> Result<(VoucherInfo, Vec<u8>)> {
    let row: Option<VoucherContentRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, booking_id, file_name, media_type, size, sha256, content FROM vouchers WHERE id = $1"
    ).bind(id.0).fetch_optional(p).await)?;
    let r = row.ok_or(StoreError::NotFound)?;
    Ok((
        VoucherInfo::from(VoucherRow {
            id: r.id,
            booking_id: r.booking_id,
            file_name: r.file_name,
            media_type: r.media_type,
            size: r.size,
            sha256: r.sha256,
        }),
        r.content,
    ))
}

/// The statements imported, with a line in the period (any line from `from` to `to`).
pub async fn bank_statements(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Vec<StoredStatement>> {
    let rows: Vec<StatementRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, account_id, file_name, content, lines, first_day, last_day FROM bank_statements
         WHERE first_day <= $2 AND last_day >= $1 ORDER BY first_day, imported_at, id"
    ).bind(from).bind(to).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|r| StoredStatement {
            id: StatementId(r.id),
            account: r.account_id.map(AccountId),
            file_name: r.file_name,
            content: r.content,
            lines: r.lines,
            first_day: r.first_day,
            last_day: r.last_day,
        })
        .collect())
}}

impl StoreTx {
    pub async fn insert_voucher(&mut self, v: &VoucherInfo, content: &[u8]) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO vouchers (id, booking_id, file_name, media_type, size, sha256, content, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(v.id.0)
        .bind(v.booking.0)
        .bind(&v.file_name)
        .bind(&v.media_type)
        .bind(v.size)
        .bind(&v.sha256)
        .bind(content)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        self.created(std::slice::from_ref(v)).await
    }

    pub async fn delete_voucher(&mut self, v: &VoucherInfo) -> Result<()> {
        let gone = on_tx!(self, c => sqlx::query("DELETE FROM vouchers WHERE id = $1")
            .bind(v.id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if gone == 0 {
            return Err(StoreError::NotFound);
        }
        self.deleted(v).await
    }

    /// Keeps the statement a bank import read, as it was.
    pub async fn insert_bank_statement(&mut self, s: &StoredStatement) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO bank_statements (id, account_id, file_name, content, lines, first_day, last_day, imported_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(s.id.0)
        .bind(s.account.map(|a| a.0))
        .bind(&s.file_name)
        .bind(s.content.as_slice())
        .bind(s.lines)
        .bind(s.first_day)
        .bind(s.last_day)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(())
    }
}
