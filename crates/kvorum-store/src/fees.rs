//! Fee rates and fee payments.

use chrono::NaiveDate;
use kvorum_core::fee_books::{Reminder, ReminderChannel};
use kvorum_core::fees::{FeeRate, Payment, PaymentMethod};
use kvorum_core::ids::{MemberId, PaymentId, ReminderId};
use kvorum_core::Money;
use uuid::Uuid;

use crate::{map_unique, on_reader, on_tx, Audited, Result, StoreError, StoreTx};

impl Audited for FeeRate {
    const ENTITY: &'static str = "fee_rate";
    fn audit_id(&self) -> String {
        format!("{}:{}", self.year, self.membership_type)
    }
}

/// Logged under the member, so that the payment shows in the member's history.
impl Audited for Payment {
    const ENTITY: &'static str = "payment";
    fn audit_id(&self) -> String {
        self.member_id.to_string()
    }
}

#[derive(sqlx::FromRow)]
struct RateRow {
    year: i32,
    membership_type: String,
    amount_ore: i64,
}

#[derive(sqlx::FromRow)]
struct PaymentRow {
    id: Uuid,
    member_id: Uuid,
    year: i32,
    paid_on: NaiveDate,
    amount_ore: i64,
    method: String,
    voucher_no: Option<String>,
}

impl TryFrom<PaymentRow> for Payment {
    type Error = StoreError;
    fn try_from(r: PaymentRow) -> Result<Payment> {
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
    }
}

impl Audited for Reminder {
    const ENTITY: &'static str = "reminder";
    /// Under the member: the reminder shows in the member's history.
    fn audit_id(&self) -> String {
        self.member.to_string()
    }
}

#[derive(sqlx::FromRow)]
struct ReminderRow {
    id: Uuid,
    member_id: Uuid,
    year: i32,
    level: i32,
    sent_on: NaiveDate,
    channel: String,
    amount_ore: i64,
}

crate::reads! {
/// Reminders for a fee year (all years: `None`), oldest first.
pub async fn fee_reminders(&mut self, year: Option<i32>) -> Result<Vec<Reminder>> {
    let rows: Vec<ReminderRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, member_id, year, level, sent_on, channel, amount_ore FROM fee_reminders
         WHERE ($1 IS NULL OR year = $1) ORDER BY sent_on, level, id"
    ).bind(year).fetch_all(p).await)?;
    rows.into_iter()
        .map(|r| {
            Ok(Reminder {
                id: ReminderId(r.id),
                member: MemberId(r.member_id),
                year: r.year,
                level: u8::try_from(r.level).unwrap_or(1),
                sent_on: r.sent_on,
                channel: ReminderChannel::from_code(&r.channel)
                    .ok_or_else(|| StoreError::Corrupt(format!("reminder channel {}", r.channel)))?,
                amount: Money(r.amount_ore),
            })
        })
        .collect()
}

pub async fn fee_rates(&mut self) -> Result<Vec<FeeRate>> {
    let rows: Vec<RateRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT year, membership_type, amount_ore FROM fee_rates ORDER BY year DESC, membership_type"
    ).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|r| FeeRate {
            year: r.year,
            membership_type: r.membership_type,
            amount: Money(r.amount_ore),
        })
        .collect())
}

/// Payments, of one member or of all, oldest first.
pub async fn payments(&mut self, member: Option<MemberId>) -> Result<Vec<Payment>> {
    let rows: Vec<PaymentRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, member_id, year, paid_on, amount_ore, method, voucher_no FROM fee_payments
         WHERE ($1 IS NULL OR member_id = $1) ORDER BY paid_on, id"
    ).bind(member.map(|m| m.0)).fetch_all(p).await)?;
    rows.into_iter().map(Payment::try_from).collect()
}}

impl StoreTx {
    pub async fn insert_reminders(&mut self, list: &[Reminder]) -> Result<()> {
        let now = self.now;
        for r in list {
            on_tx!(self, c => sqlx::query(
                "INSERT INTO fee_reminders (id, member_id, year, level, sent_on, channel, amount_ore, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(r.id.0)
            .bind(r.member.0)
            .bind(r.year)
            .bind(i32::from(r.level))
            .bind(r.sent_on)
            .bind(r.channel.code())
            .bind(r.amount.0)
            .bind(now)
            .execute(c)
            .await
            .map(|x| x.rows_affected()))
            .map_err(map_unique)?;
        }
        self.created(list).await
    }

    /// Sets the fee for a year and membership type, replacing an earlier rate.
    pub async fn set_fee_rate(&mut self, r: &FeeRate) -> Result<()> {
        on_tx!(self, c => sqlx::query(
            "INSERT INTO fee_rates (year, membership_type, amount_ore) VALUES ($1, $2, $3)
             ON CONFLICT (year, membership_type) DO UPDATE SET amount_ore = excluded.amount_ore",
        )
        .bind(r.year)
        .bind(&r.membership_type)
        .bind(r.amount.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        self.created(std::slice::from_ref(r)).await?;
        Ok(())
    }

    /// Removes a payment registered by mistake; the audit log keeps what it held and why
    /// (action `reverse`), under the member.
    pub async fn reverse_payment(&mut self, p: &Payment, reason: &str) -> Result<()> {
        let done = on_tx!(self, c => sqlx::query("DELETE FROM fee_payments WHERE id = $1")
            .bind(p.id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        let mut changes = p.audit_value();
        if let Some(map) = changes.as_object_mut() {
            map.insert(
                "reason".into(),
                serde_json::Value::String(reason.to_owned()),
            );
        }
        self.changed(Payment::ENTITY, p.audit_id(), "reverse", changes)
            .await
    }

    pub async fn insert_payment(&mut self, p: &Payment) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO fee_payments (id, member_id, year, paid_on, amount_ore, method, voucher_no, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(p.id.0)
        .bind(p.member_id.0)
        .bind(p.year)
        .bind(p.paid_on)
        .bind(p.amount.0)
        .bind(p.method.code())
        .bind(&p.voucher_no)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        self.created(std::slice::from_ref(p)).await?;
        Ok(())
    }
}
