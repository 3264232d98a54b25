//! Grants (with their details as one JSON document), visitor counts and the social frikort.

use chrono::NaiveDate;
use kvorum_core::grants::{FrikortJob, FrikortWorker, Grant, GrantKind, VisitTally};
use kvorum_core::ids::{FrikortJobId, FrikortWorkerId, GrantId};
use kvorum_core::Money;
use uuid::Uuid;

use crate::stored::{self, v1};
use crate::{on_reader, on_tx, Audited, Result, StoreError, StoreTx};

impl Audited for VisitTally {
    const ENTITY: &'static str = "visit_tally";
    fn audit_id(&self) -> String {
        self.day.to_string()
    }
}

/// A job is logged by its date and amount, not its description or worker.
impl Audited for FrikortJob {
    const ENTITY: &'static str = "frikort_job";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
    fn audit_value(&self) -> serde_json::Value {
        serde_json::json!({ "workedOn": self.worked_on, "amount": self.amount })
    }
}

/// A frikort worker is one of the house's users: the log keeps that one was registered,
/// not who (the register keeps the minimum, for the treasurer only).
impl Audited for FrikortWorker {
    const ENTITY: &'static str = "frikort_worker";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
    fn audit_value(&self) -> serde_json::Value {
        serde_json::json!({})
    }
}

impl Audited for Grant {
    const ENTITY: &'static str = "grant";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
}

#[derive(sqlx::FromRow)]
struct GrantRow {
    id: Uuid,
    name: String,
    grantor: String,
    kind: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    amount_per_year_ore: i64,
    details_json: String,
    version: i64,
}

impl TryFrom<GrantRow> for Grant {
    type Error = StoreError;
    /// A grant whose details cannot be read is an error: read as empty, the next save would
    /// have written its instalments, deadlines and agreement away.
    fn try_from(r: GrantRow) -> Result<Grant> {
        let details = stored::read::<v1::GrantDetails>("grant details", &r.details_json)?;
        let mut g = Grant {
            id: GrantId(r.id),
            name: r.name,
            grantor: r.grantor,
            kind: GrantKind::from_code(&r.kind).unwrap_or(GrantKind::Activity),
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            amount_per_year: Money(r.amount_per_year_ore),
            purpose: String::new(),
            conditions: String::new(),
            instalments: vec![],
            deadlines: vec![],
            agreement: None,
            in_kind: vec![],
            version: r.version,
        };
        details.fill(&mut g);
        Ok(g)
    }
}

crate::reads! {
pub async fn grants(&mut self) -> Result<Vec<Grant>> {
    let rows: Vec<GrantRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, name, grantor, kind, starts_on, ends_on, amount_per_year_ore, details_json, version
         FROM grants ORDER BY starts_on DESC, name"
    ).fetch_all(p).await)?;
    rows.into_iter().map(Grant::try_from).collect()
}

/// Counts between two days, inclusive.
pub async fn visit_tallies(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Vec<VisitTally>> {
    let rows: Vec<(NaiveDate, String, i64)> = on_reader!(self, p => sqlx::query_as(
        "SELECT day, period, visitors FROM visit_tallies WHERE day >= $1 AND day <= $2 ORDER BY day, period"
    ).bind(from).bind(to).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|(day, period, n)| VisitTally {
            day,
            whole_month: period == "month",
            visitors: u32::try_from(n).unwrap_or(0),
        })
        .collect())
}

pub async fn frikort_workers(&mut self) -> Result<Vec<FrikortWorker>> {
    let rows: Vec<(Uuid, String)> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, name FROM frikort_workers ORDER BY name"
    ).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| FrikortWorker {
            id: FrikortWorkerId(id),
            name,
        })
        .collect())
}

pub async fn frikort_jobs(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Vec<FrikortJob>> {
    let rows: Vec<(Uuid, Uuid, NaiveDate, String, i64)> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, worker_id, worked_on, description, amount_ore FROM frikort_jobs
         WHERE worked_on >= $1 AND worked_on <= $2 ORDER BY worked_on, created_at"
    ).bind(from).bind(to).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, w, worked_on, description, a)| FrikortJob {
            id: FrikortJobId(id),
            worker: FrikortWorkerId(w),
            worked_on,
            description,
            amount: Money(a),
        })
        .collect())
}

pub async fn frikort_cap(&mut self, year: i32) -> Result<Option<Money>> {
    let v: Option<i64> = on_reader!(self, p => sqlx::query_scalar(
        "SELECT cap_ore FROM frikort_caps WHERE year = $1"
    ).bind(i64::from(year)).fetch_optional(p).await)?;
    Ok(v.map(Money))
}}

impl StoreTx {
    pub async fn insert_grant(&mut self, g: &Grant) -> Result<()> {
        let now = self.now;
        let details = stored::write_row(&v1::GrantDetails::of(g));
        on_tx!(self, c => sqlx::query(
            "INSERT INTO grants (id, name, grantor, kind, starts_on, ends_on, amount_per_year_ore, details_json, created_at, updated_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)",
        )
        .bind(g.id.0)
        .bind(&g.name)
        .bind(&g.grantor)
        .bind(g.kind.code())
        .bind(g.starts_on)
        .bind(g.ends_on)
        .bind(g.amount_per_year.0)
        .bind(details)
        .bind(now)
        .bind(g.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        self.created(std::slice::from_ref(g)).await?;
        Ok(())
    }

    /// Saves a changed grant whose `version` is one more than the stored one.
    pub async fn update_grant(&mut self, before: &Grant, g: &Grant) -> Result<()> {
        let now = self.now;
        let details = stored::write_row(&v1::GrantDetails::of(g));
        let done = on_tx!(self, c => sqlx::query(
            "UPDATE grants SET name = $2, grantor = $3, kind = $4, starts_on = $5, ends_on = $6,
                 amount_per_year_ore = $7, details_json = $8, updated_at = $9, version = $10
             WHERE id = $1 AND version = $10 - 1",
        )
        .bind(g.id.0)
        .bind(&g.name)
        .bind(&g.grantor)
        .bind(g.kind.code())
        .bind(g.starts_on)
        .bind(g.ends_on)
        .bind(g.amount_per_year.0)
        .bind(details)
        .bind(now)
        .bind(g.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        self.updated(before, g).await?;
        Ok(())
    }

    /// Sets a day's or month's count (replacing what was there); 0 visitors removes it.
    pub async fn set_visit_tally(&mut self, t: &VisitTally) -> Result<()> {
        let now = self.now;
        let period = if t.whole_month { "month" } else { "day" };
        on_tx!(self, c => sqlx::query(
            "DELETE FROM visit_tallies WHERE day = $1 AND period = $2"
        ).bind(t.day).bind(period).execute(c).await.map(|r| r.rows_affected()))?;
        if t.visitors > 0 {
            on_tx!(self, c => sqlx::query(
                "INSERT INTO visit_tallies (day, period, visitors, updated_at) VALUES ($1, $2, $3, $4)"
            ).bind(t.day).bind(period).bind(i64::from(t.visitors)).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
        }
        self.created(std::slice::from_ref(t)).await?;
        Ok(())
    }

    pub async fn insert_frikort_worker(&mut self, w: &FrikortWorker) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO frikort_workers (id, name, created_at) VALUES ($1, $2, $3)"
        ).bind(w.id.0).bind(&w.name).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
        self.created(std::slice::from_ref(w)).await?;
        Ok(())
    }

    pub async fn insert_frikort_job(&mut self, j: &FrikortJob) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO frikort_jobs (id, worker_id, worked_on, description, amount_ore, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)"
        ).bind(j.id.0).bind(j.worker.0).bind(j.worked_on).bind(&j.description).bind(j.amount.0).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
        self.created(std::slice::from_ref(j)).await?;
        Ok(())
    }

    pub async fn set_frikort_cap(&mut self, year: i32, cap: Money) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO frikort_caps (year, cap_ore, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (year) DO UPDATE SET cap_ore = excluded.cap_ore, updated_at = excluded.updated_at"
        ).bind(i64::from(year)).bind(cap.0).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
        let what = serde_json::json!({ "year": year, "cap": cap });
        self.changed("frikort_cap", year.to_string(), "update", what)
            .await?;
        Ok(())
    }
}
