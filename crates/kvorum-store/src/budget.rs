//! Budget lines, bookings, and the bank import's memory (rules and layouts).

use chrono::NaiveDate;
use kvorum_core::bank::TextRule;
use kvorum_core::budget::{Booking, BudgetLine, LineKind};
use kvorum_core::ids::{AccountId, BookingId, BudgetLineId, GrantId, PaymentId};
use kvorum_core::Money;
use uuid::Uuid;

use crate::stored::{self, v1};
use crate::{map_unique, on_reader, on_tx, Audited, Result, StoreError, StoreTx};
use kvorum_core::bank::BankColumn;

impl Audited for Booking {
    const ENTITY: &'static str = "booking";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
}

impl Audited for BudgetLine {
    const ENTITY: &'static str = "budget_line";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
}

#[derive(sqlx::FromRow)]
struct LineRow {
    id: Uuid,
    fiscal_year: i64,
    name: String,
    kind: String,
    amount_ore: i64,
    grant_id: Option<Uuid>,
    purpose: Option<String>,
    version: i64,
}

impl From<LineRow> for BudgetLine {
    fn from(r: LineRow) -> BudgetLine {
        BudgetLine {
            id: BudgetLineId(r.id),
            fiscal_year: i32::try_from(r.fiscal_year).unwrap_or(0),
            name: r.name,
            kind: if r.kind == "income" {
                LineKind::Income
            } else {
                LineKind::Expense
            },
            amount: Money(r.amount_ore),
            grant: r.grant_id.map(GrantId),
            fee_line: r.purpose.as_deref() == Some("fees"),
            version: r.version,
        }
    }
}

#[derive(sqlx::FromRow)]
struct BookingRow {
    id: Uuid,
    fiscal_year: i64,
    booked_on: NaiveDate,
    amount_ore: i64,
    text: String,
    voucher_no: String,
    line_id: Option<Uuid>,
    grant_id: Option<Uuid>,
    voucher_file: Option<String>,
    bank_key: Option<String>,
    account_id: Option<Uuid>,
    counter_account_id: Option<Uuid>,
    payment_id: Option<Uuid>,
    bank_balance_ore: Option<i64>,
    version: i64,
}

impl From<BookingRow> for Booking {
    fn from(r: BookingRow) -> Booking {
        Booking {
            id: BookingId(r.id),
            fiscal_year: i32::try_from(r.fiscal_year).unwrap_or(0),
            booked_on: r.booked_on,
            amount: Money(r.amount_ore),
            text: r.text,
            voucher_no: r.voucher_no,
            line: r.line_id.map(BudgetLineId),
            grant: r.grant_id.map(GrantId),
            voucher_file: r.voucher_file,
            bank_key: r.bank_key,
            account: r.account_id.map(AccountId),
            counter_account: r.counter_account_id.map(AccountId),
            payment: r.payment_id.map(PaymentId),
            bank_balance: r.bank_balance_ore.map(Money),
            version: r.version,
        }
    }
}

fn kind_code(k: LineKind) -> &'static str {
    match k {
        LineKind::Income => "income",
        LineKind::Expense => "expense",
    }
}

crate::reads! {
/// The budget of a fiscal year, in the treasurer's order.
pub async fn budget_lines(&mut self, year: i32) -> Result<Vec<BudgetLine>> {
    let rows: Vec<LineRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, fiscal_year, name, kind, amount_ore, grant_id, purpose, version FROM budget_lines
         WHERE fiscal_year = $1 ORDER BY position, name"
    ).bind(i64::from(year)).fetch_all(p).await)?;
    Ok(rows.into_iter().map(BudgetLine::from).collect())
}

/// The bookings of a fiscal year, by date and, within a day, by voucher number.
pub async fn bookings(&mut self, year: i32) -> Result<Vec<Booking>> {
    let rows: Vec<BookingRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, fiscal_year, booked_on, amount_ore, text, voucher_no, line_id, grant_id, voucher_file, bank_key,
                account_id, counter_account_id, payment_id, bank_balance_ore, version
         FROM bookings WHERE fiscal_year = $1 ORDER BY booked_on, LENGTH(voucher_no), voucher_no, id"
    ).bind(i64::from(year)).fetch_all(p).await)?;
    Ok(rows.into_iter().map(Booking::from).collect())
}

pub async fn booking(&mut self, id: BookingId) -> Result<Option<Booking>> {
    let row: Option<BookingRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, fiscal_year, booked_on, amount_ore, text, voucher_no, line_id, grant_id, voucher_file, bank_key,
                account_id, counter_account_id, payment_id, bank_balance_ore, version
         FROM bookings WHERE id = $1"
    ).bind(id.0).fetch_optional(p).await)?;
    Ok(row.map(Booking::from))
}

/// The keys of bank lines already imported (any year).
pub async fn bank_keys(&mut self) -> Result<Vec<String>> {
    Ok(on_reader!(self, p => sqlx::query_scalar(
        "SELECT bank_key FROM bookings WHERE bank_key IS NOT NULL"
    ).fetch_all(p).await)?)
}

pub async fn bank_rules(&mut self) -> Result<Vec<TextRule>> {
    let rows: Vec<(String, String, Option<Uuid>)> = on_reader!(self, p => sqlx::query_as(
        "SELECT pattern, line_name, account_id FROM bank_rules ORDER BY pattern"
    ).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|(pattern, line, account)| TextRule { pattern, line, account: account.map(AccountId) })
        .collect())
}

/// Fee payments booked by hand that no bank or MobilePay line has been matched to yet.
pub async fn fee_bookings_without_bank_line(&mut self) -> Result<Vec<Booking>> {
    let rows: Vec<BookingRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, fiscal_year, booked_on, amount_ore, text, voucher_no, line_id, grant_id, voucher_file, bank_key,
                account_id, counter_account_id, payment_id, bank_balance_ore, version
         FROM bookings WHERE payment_id IS NOT NULL AND bank_key IS NULL ORDER BY booked_on, id"
    ).fetch_all(p).await)?;
    Ok(rows.into_iter().map(Booking::from).collect())
}

/// How many times the year's bookings have changed (0: never): it moves with every insert,
/// update and delete, from any connection, so the bookings read at a count are still the
/// year's bookings while the count stands.
pub async fn booking_changes(&mut self, year: i32) -> Result<i64> {
    let n: Option<i64> = on_reader!(self, p => sqlx::query_scalar(
        "SELECT changes FROM booking_years WHERE fiscal_year = $1"
    ).bind(i64::from(year)).fetch_optional(p).await)?;
    Ok(n.unwrap_or(0))
}

/// The booking a fee payment is, if it is booked.
pub async fn booking_of_payment(&mut self, payment: PaymentId) -> Result<Option<Booking>> {
    let row: Option<BookingRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, fiscal_year, booked_on, amount_ore, text, voucher_no, line_id, grant_id, voucher_file, bank_key,
                account_id, counter_account_id, payment_id, bank_balance_ore, version
         FROM bookings WHERE payment_id = $1"
    ).bind(payment.0).fetch_optional(p).await)?;
    Ok(row.map(Booking::from))
}

/// The column mapping remembered for a bank's heading line, if it can be read.
pub async fn bank_layout(&mut self, signature: &str) -> Result<Option<Vec<BankColumn>>> {
    let json: Option<String> = on_reader!(self, p => sqlx::query_scalar(
        "SELECT mapping_json FROM bank_layouts WHERE signature = $1"
    ).bind(signature).fetch_optional(p).await)?;
    // A remembered layout is a convenience: one that cannot be read is asked for again.
    Ok(json.and_then(|j| stored::read::<Vec<v1::BankColumn>>("bank layout", &j).ok()))
}}

impl StoreTx {
    /// Serialises the year's voucher numbering between laptops: on PostgreSQL a lock for
    /// the fiscal year held until the transaction ends (SQLite is locked from its start).
    pub async fn lock_books(&mut self, year: i32) -> Result<()> {
        if let crate::TxInner::Postgres(t) = &mut self.inner {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtext('kvorum.bookings'), $1)")
                .bind(year)
                .execute(&mut **t)
                .await?;
        }
        Ok(())
    }

    /// Locks the frikort of a calendar year between laptops until the transaction ends
    /// (PostgreSQL; SQLite's writer holds the lock from `BEGIN IMMEDIATE`).
    pub async fn lock_frikort(&mut self, year: i32) -> Result<()> {
        if let crate::TxInner::Postgres(t) = &mut self.inner {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtext('kvorum.frikort'), $1)")
                .bind(year)
                .execute(&mut **t)
                .await?;
        }
        Ok(())
    }

    pub async fn insert_budget_line(&mut self, l: &BudgetLine, position: i64) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO budget_lines (id, fiscal_year, name, kind, amount_ore, position, created_at, updated_at, version, grant_id, purpose)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10)",
        )
        .bind(l.id.0)
        .bind(i64::from(l.fiscal_year))
        .bind(&l.name)
        .bind(kind_code(l.kind))
        .bind(l.amount.0)
        .bind(position)
        .bind(now)
        .bind(l.version)
        .bind(l.grant.map(|g| g.0))
        .bind(l.fee_line.then_some("fees"))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        self.created(std::slice::from_ref(l)).await?;
        Ok(())
    }

    pub async fn update_budget_line(&mut self, before: &BudgetLine, l: &BudgetLine) -> Result<()> {
        let now = self.now;
        let done = on_tx!(self, c => sqlx::query(
            "UPDATE budget_lines SET name = $2, kind = $3, amount_ore = $4, updated_at = $5, version = $6, grant_id = $7,
                 purpose = $8
             WHERE id = $1 AND version = $6 - 1",
        )
        .bind(l.id.0)
        .bind(&l.name)
        .bind(kind_code(l.kind))
        .bind(l.amount.0)
        .bind(now)
        .bind(l.version)
        .bind(l.grant.map(|g| g.0))
        .bind(l.fee_line.then_some("fees"))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        self.updated(before, l).await?;
        Ok(())
    }

    /// Removes a budget line no booking points to (the caller checks; the foreign key holds).
    pub async fn delete_budget_line(&mut self, l: &BudgetLine) -> Result<u64> {
        let gone = on_tx!(self, c => sqlx::query("DELETE FROM budget_lines WHERE id = $1 AND version = $2")
            .bind(l.id.0)
            .bind(l.version)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if gone == 0 {
            return Err(StoreError::Conflict);
        }
        self.deleted(l).await?;
        Ok(gone)
    }

    /// Inserts bookings in batches of 500 rows, one statement each.
    pub async fn insert_bookings(&mut self, list: &[Booking]) -> Result<()> {
        let now = self.now;
        for chunk in list.chunks(500) {
            on_tx!(self, c => {
                let mut qb = sqlx::QueryBuilder::new(
                    "INSERT INTO bookings (id, fiscal_year, booked_on, amount_ore, text, voucher_no, line_id,
                         voucher_file, bank_key, created_at, updated_at, version, grant_id,
                         account_id, counter_account_id, payment_id, bank_balance_ore) ",
                );
                qb.push_values(chunk, |mut b, x| {
                    b.push_bind(x.id.0)
                        .push_bind(i64::from(x.fiscal_year))
                        .push_bind(x.booked_on)
                        .push_bind(x.amount.0)
                        .push_bind(x.text.as_str())
                        .push_bind(x.voucher_no.as_str())
                        .push_bind(x.line.map(|l| l.0))
                        .push_bind(x.voucher_file.as_deref())
                        .push_bind(x.bank_key.as_deref())
                        .push_bind(now)
                        .push_bind(now)
                        .push_bind(x.version)
                        .push_bind(x.grant.map(|g| g.0))
                        .push_bind(x.account.map(|a| a.0))
                        .push_bind(x.counter_account.map(|a| a.0))
                        .push_bind(x.payment.map(|p| p.0))
                        .push_bind(x.bank_balance.map(|m| m.0));
                });
                qb.build().execute(c).await.map(|r| r.rows_affected())
            })
            .map_err(map_unique)?;
        }
        self.created(list).await?;
        Ok(())
    }

    /// Changes a booking's budget line or transfer account, grant, text, voucher file, fee
    /// payment or bank line (the amount and date stay: a wrong amount is corrected by a new
    /// booking, as in any bookkeeping).
    pub async fn update_booking(&mut self, before: &Booking, b: &Booking) -> Result<()> {
        let now = self.now;
        let done = on_tx!(self, c => sqlx::query(
            "UPDATE bookings SET line_id = $2, grant_id = $3, text = $4, voucher_file = $5, updated_at = $6, version = $7,
                 account_id = $8, counter_account_id = $9, payment_id = $10, bank_key = $11, bank_balance_ore = $12
             WHERE id = $1 AND version = $7 - 1",
        )
        .bind(b.id.0)
        .bind(b.line.map(|l| l.0))
        .bind(b.grant.map(|g| g.0))
        .bind(&b.text)
        .bind(b.voucher_file.as_deref())
        .bind(now)
        .bind(b.version)
        .bind(b.account.map(|a| a.0))
        .bind(b.counter_account.map(|a| a.0))
        .bind(b.payment.map(|p| p.0))
        .bind(b.bank_key.as_deref())
        .bind(b.bank_balance.map(|m| m.0))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        self.updated(before, b).await?;
        Ok(())
    }

    /// Removes a booking typed with a fee payment that is being reversed (never one from a
    /// bank statement: the money did come in).
    pub async fn delete_booking(&mut self, b: &Booking) -> Result<()> {
        let gone = on_tx!(self, c => sqlx::query("DELETE FROM bookings WHERE id = $1 AND version = $2")
            .bind(b.id.0)
            .bind(b.version)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if gone == 0 {
            return Err(StoreError::Conflict);
        }
        self.deleted(b).await
    }

    /// Remembers (or moves) a rule that suggests a budget line from a text.
    pub async fn save_bank_rule(&mut self, rule: &TextRule) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO bank_rules (pattern, line_name, updated_at, account_id) VALUES ($1, $2, $3, $4)
             ON CONFLICT (pattern) DO UPDATE SET line_name = excluded.line_name, updated_at = excluded.updated_at,
                 account_id = excluded.account_id",
        )
        .bind(&rule.pattern)
        .bind(&rule.line)
        .bind(now)
        .bind(rule.account.map(|a| a.0))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn save_bank_layout(
        &mut self,
        signature: &str,
        mapping: &[BankColumn],
    ) -> Result<()> {
        let mapping_json = stored::write::<Vec<v1::BankColumn>>(&mapping.to_vec());
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO bank_layouts (signature, mapping_json, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (signature) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at",
        )
        .bind(signature)
        .bind(mapping_json)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(())
    }
}
