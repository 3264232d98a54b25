//! The association's accounts, their opening balances per fiscal year, and the fee settings.

use std::collections::HashMap;

use kvorum_core::accounts::{Account, AccountKind};
use kvorum_core::closing::Closing;
use kvorum_core::fee_books::FeeSettings;
use kvorum_core::fees::{Payment, PaymentMethod};
use kvorum_core::ids::{AccountId, MemberId, PaymentId};
use kvorum_core::Money;
use uuid::Uuid;

use crate::{map_unique, on_reader, on_tx, Audited, Result, StoreError, StoreTx};

impl Audited for Account {
    const ENTITY: &'static str = "account";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
}

impl Audited for FeeSettings {
    const ENTITY: &'static str = "fee_settings";
    fn audit_id(&self) -> String {
        "fee_settings".into()
    }
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: Uuid,
    name: String,
    kind: String,
    reg_no: Option<String>,
    account_no: Option<String>,
    version: i64,
}

impl TryFrom<AccountRow> for Account {
    type Error = StoreError;
    fn try_from(r: AccountRow) -> Result<Account> {
        Ok(Account {
            id: AccountId(r.id),
            kind: AccountKind::from_code(&r.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("account kind {}", r.kind)))?,
            name: r.name,
            reg_no: r.reg_no,
            account_no: r.account_no,
            version: r.version,
        })
    }
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    due_month: i32,
    due_day: i32,
    first_reminder_days: i32,
    second_reminder_days: i32,
    version: i64,
}

#[derive(sqlx::FromRow)]
struct PaymentRow {
    id: Uuid,
    member_id: Uuid,
    year: i32,
    paid_on: chrono::NaiveDate,
    amount_ore: i64,
    method: String,
    voucher_no: Option<String>,
}

fn u32_of(v: i32) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

impl Audited for Closing {
    const ENTITY: &'static str = "fiscal_closing";
    fn audit_id(&self) -> String {
        self.fiscal_year.to_string()
    }
}

#[derive(sqlx::FromRow)]
struct ClosingRow {
    fiscal_year: i64,
    closed_on: chrono::NaiveDate,
    closed_by: String,
    note: String,
}

crate::reads! {
/// The closed fiscal years, oldest first.
pub async fn closings(&mut self) -> Result<Vec<Closing>> {
    let rows: Vec<ClosingRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT fiscal_year, closed_on, closed_by, note FROM fiscal_closings ORDER BY fiscal_year"
    ).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|r| Closing {
            fiscal_year: i32::try_from(r.fiscal_year).unwrap_or(0),
            closed_on: r.closed_on,
            closed_by: r.closed_by,
            note: r.note,
        })
        .collect())
}

/// The accounts in the balance sheet's order.
pub async fn accounts(&mut self) -> Result<Vec<Account>> {
    let rows: Vec<AccountRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, name, kind, reg_no, account_no, version FROM accounts ORDER BY position, name"
    ).fetch_all(p).await)?;
    rows.into_iter().map(Account::try_from).collect()
}

/// The opening balances typed (or carried forward by a closing) for a fiscal year, in each
/// account's own sign; empty when none are.
pub async fn opening_balances(&mut self, year: i32) -> Result<HashMap<AccountId, Money>> {
    let rows: Vec<(Uuid, i64)> = on_reader!(self, p => sqlx::query_as(
        "SELECT account_id, amount_ore FROM opening_balances WHERE fiscal_year = $1"
    ).bind(i64::from(year)).fetch_all(p).await)?;
    Ok(rows.into_iter().map(|(a, m)| (AccountId(a), Money(m))).collect())
}

/// The fiscal years that have opening balances, oldest first.
pub async fn opening_years(&mut self) -> Result<Vec<i32>> {
    let rows: Vec<i64> = on_reader!(self, p => sqlx::query_scalar(
        "SELECT DISTINCT fiscal_year FROM opening_balances ORDER BY fiscal_year"
    ).fetch_all(p).await)?;
    Ok(rows.into_iter().filter_map(|y| i32::try_from(y).ok()).collect())
}

/// The fiscal years that have bookings, oldest first.
pub async fn booking_years(&mut self) -> Result<Vec<i32>> {
    let rows: Vec<i64> = on_reader!(self, p => sqlx::query_scalar(
        "SELECT DISTINCT fiscal_year FROM bookings ORDER BY fiscal_year"
    ).fetch_all(p).await)?;
    Ok(rows.into_iter().filter_map(|y| i32::try_from(y).ok()).collect())
}

/// When fees fall due and reminders go out (the defaults until the treasurer sets them).
pub async fn fee_settings(&mut self) -> Result<FeeSettings> {
    let row: Option<SettingsRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT due_month, due_day, first_reminder_days, second_reminder_days, version FROM fee_settings"
    ).fetch_optional(p).await)?;
    Ok(row.map_or_else(FeeSettings::default, |r| FeeSettings {
        due_month: u32_of(r.due_month),
        due_day: u32_of(r.due_day),
        first_reminder_days: u32_of(r.first_reminder_days),
        second_reminder_days: u32_of(r.second_reminder_days),
        version: r.version,
    }))
}

/// Fee payments that are not in the books (registered before fees were booked).
pub async fn unbooked_payments(&mut self) -> Result<Vec<Payment>> {
    let rows: Vec<PaymentRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, member_id, year, paid_on, amount_ore, method, voucher_no FROM fee_payments p
         WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.payment_id = p.id)
         ORDER BY paid_on, id"
    ).fetch_all(p).await)?;
    rows.into_iter()
        .map(|r| {
            Ok(Payment {
                id: PaymentId(r.id),
                member_id: MemberId(r.member_id),
                year: r.year,
                paid_on: r.paid_on,
                amount: Money(r.amount_ore),
                method: PaymentMethod::from_code(&r.method)
                    .ok_or_else(|| StoreError::Corrupt(format!("payment method {}", r.method)))?,
                voucher_no: r.voucher_no,
            })
        })
        .collect()
}}

impl StoreTx {
    /// Closes a fiscal year: from now on its bookings and opening balances are locked.
    pub async fn insert_closing(&mut self, c: &Closing) -> Result<()> {
        let now = self.now;
        on_tx!(self, x => sqlx::query(
            "INSERT INTO fiscal_closings (fiscal_year, closed_on, closed_by, note, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(i64::from(c.fiscal_year))
        .bind(c.closed_on)
        .bind(&c.closed_by)
        .bind(&c.note)
        .bind(now)
        .execute(x)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        self.created(std::slice::from_ref(c)).await
    }

    /// Reopens a closed year; the audit log keeps the closing and the reason.
    pub async fn delete_closing(&mut self, c: &Closing, reason: &str) -> Result<()> {
        let gone = on_tx!(self, x => sqlx::query("DELETE FROM fiscal_closings WHERE fiscal_year = $1")
            .bind(i64::from(c.fiscal_year))
            .execute(x)
            .await
            .map(|r| r.rows_affected()))?;
        if gone == 0 {
            return Err(StoreError::NotFound);
        }
        let mut changes = c.audit_value();
        if let Some(map) = changes.as_object_mut() {
            map.insert(
                "reason".into(),
                serde_json::Value::String(reason.to_owned()),
            );
        }
        self.changed(Closing::ENTITY, c.audit_id(), "reopen", changes)
            .await
    }

    pub async fn insert_account(&mut self, a: &Account, position: i64) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO accounts (id, name, kind, reg_no, account_no, position, created_at, updated_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)",
        )
        .bind(a.id.0)
        .bind(&a.name)
        .bind(a.kind.code())
        .bind(a.reg_no.as_deref())
        .bind(a.account_no.as_deref())
        .bind(position)
        .bind(now)
        .bind(a.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        self.created(std::slice::from_ref(a)).await
    }

    /// Renames an account or changes its numbers (its kind stays: the books were kept on it).
    pub async fn update_account(&mut self, before: &Account, a: &Account) -> Result<()> {
        let now = self.now;
        let done = on_tx!(self, c => sqlx::query(
            "UPDATE accounts SET name = $2, reg_no = $3, account_no = $4, updated_at = $5, version = $6
             WHERE id = $1 AND version = $6 - 1",
        )
        .bind(a.id.0)
        .bind(&a.name)
        .bind(a.reg_no.as_deref())
        .bind(a.account_no.as_deref())
        .bind(now)
        .bind(a.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        self.updated(before, a).await
    }

    /// Replaces a fiscal year's opening balances (0 is not stored).
    pub async fn set_opening_balances(
        &mut self,
        year: i32,
        balances: &[(AccountId, Money)],
    ) -> Result<()> {
        let before = self.opening_balances(year).await?;
        on_tx!(self, c => sqlx::query("DELETE FROM opening_balances WHERE fiscal_year = $1")
            .bind(i64::from(year))
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        for (a, m) in balances.iter().filter(|(_, m)| m.0 != 0) {
            on_tx!(self, c => sqlx::query(
                "INSERT INTO opening_balances (fiscal_year, account_id, amount_ore) VALUES ($1, $2, $3)",
            )
            .bind(i64::from(year))
            .bind(a.0)
            .bind(m.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
        let show = |m: &HashMap<AccountId, Money>| {
            let mut v: Vec<(String, i64)> = m.iter().map(|(a, x)| (a.to_string(), x.0)).collect();
            v.sort();
            v
        };
        let after: HashMap<AccountId, Money> =
            balances.iter().copied().filter(|(_, m)| m.0 != 0).collect();
        self.changed(
            "opening_balances",
            year.to_string(),
            "update",
            serde_json::json!({ "before": show(&before), "after": show(&after) }),
        )
        .await
    }

    pub async fn set_fee_settings(&mut self, before: &FeeSettings, s: &FeeSettings) -> Result<()> {
        let done = on_tx!(self, c => sqlx::query(
            "INSERT INTO fee_settings (singleton, due_month, due_day, first_reminder_days, second_reminder_days, version)
             VALUES (1, $1, $2, $3, $4, $5)
             ON CONFLICT (singleton) DO UPDATE SET due_month = excluded.due_month, due_day = excluded.due_day,
                 first_reminder_days = excluded.first_reminder_days,
                 second_reminder_days = excluded.second_reminder_days, version = excluded.version
             WHERE fee_settings.version = excluded.version - 1",
        )
        .bind(i32::try_from(s.due_month).unwrap_or(1))
        .bind(i32::try_from(s.due_day).unwrap_or(1))
        .bind(i32::try_from(s.first_reminder_days).unwrap_or(14))
        .bind(i32::try_from(s.second_reminder_days).unwrap_or(14))
        .bind(s.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        self.updated(before, s).await
    }
}
