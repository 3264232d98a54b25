//! Personal data by the book: the retention settings, and the register entries anonymised at
//! the yearly clean-up.

use chrono::NaiveDate;
use kvorum_core::ids::MemberId;
use kvorum_core::members::Member;
use kvorum_core::privacy::Retention;

use crate::{on_reader, on_tx, Result, StoreError, StoreTx};

#[derive(sqlx::FromRow)]
struct RetentionRow {
    members_years: i64,
    volunteers_years: i64,
    bookkeeping_years: i64,
    frikort_years: i64,
    version: i64,
}

fn years(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

crate::reads! {
/// The retention periods; the defaults until the board has set them.
pub async fn retention(&mut self) -> Result<Retention> {
    let row: Option<RetentionRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT members_years, volunteers_years, bookkeeping_years, frikort_years, version
         FROM retention_settings WHERE singleton = 1"
    ).fetch_optional(p).await)?;
    Ok(row.map_or_else(Retention::default, |r| Retention {
        members_years: years(r.members_years),
        volunteers_years: years(r.volunteers_years),
        bookkeeping_years: years(r.bookkeeping_years),
        frikort_years: years(r.frikort_years),
        version: r.version,
    }))
}

/// The register entries anonymised, with the day.
pub async fn anonymised(&mut self) -> Result<Vec<(MemberId, NaiveDate)>> {
    let rows: Vec<(uuid::Uuid, NaiveDate)> = on_reader!(self, p => sqlx::query_as(
        "SELECT member_id, anonymised_on FROM anonymisations ORDER BY anonymised_on, member_id"
    ).fetch_all(p).await)?;
    Ok(rows.into_iter().map(|(m, d)| (MemberId(m), d)).collect())
}
}

impl StoreTx {
    /// Saves the retention periods; `version` is the one the board started from.
    pub async fn set_retention(&mut self, r: &Retention) -> Result<()> {
        let done = on_tx!(self, c => sqlx::query(
            "INSERT INTO retention_settings (singleton, members_years, volunteers_years,
                 bookkeeping_years, frikort_years, version)
             VALUES (1, $1, $2, $3, $4, $5 + 1)
             ON CONFLICT (singleton) DO UPDATE SET members_years = $1, volunteers_years = $2,
                 bookkeeping_years = $3, frikort_years = $4, version = $5 + 1
             WHERE retention_settings.version = $5"
        )
        .bind(i64::from(r.members_years))
        .bind(i64::from(r.volunteers_years))
        .bind(i64::from(r.bookkeeping_years))
        .bind(i64::from(r.frikort_years))
        .bind(r.version)
        .execute(c)
        .await
        .map(|x| x.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        let changes = serde_json::json!({
            "membersYears": r.members_years,
            "volunteersYears": r.volunteers_years,
            "bookkeepingYears": r.bookkeeping_years,
            "frikortYears": r.frikort_years,
        });
        self.changed("retention", "retention".into(), "update", changes)
            .await
    }

    /// The register entry without the person: the anonymous name, every contact field and
    /// the birth date emptied, roles and consent gone; member no., dates and type kept. The
    /// log records that it was done, and nothing of what was there.
    pub async fn anonymise_member(&mut self, m: &Member, name: &str, on: NaiveDate) -> Result<()> {
        let now = self.now;
        let by = self.actor.clone();
        let done = on_tx!(self, c => sqlx::query(
            "UPDATE members SET name = $2, address = NULL, postal_code = NULL, city = NULL,
                 email = NULL, phone = NULL, birth_date = NULL, left_reason = NULL, roles = '',
                 email_consent = FALSE, version = version + 1, updated_at = $3
             WHERE id = $1"
        )
        .bind(m.id.0)
        .bind(name)
        .bind(now)
        .execute(&mut *c)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        // Whatever the person consented to ends with the entry.
        on_tx!(self, c => sqlx::query(
            "UPDATE consents SET withdrawn_on = $2, withdrawn_by = $3, updated_at = $4,
                 version = version + 1
             WHERE member_id = $1 AND withdrawn_on IS NULL"
        )
        .bind(m.id.0)
        .bind(on)
        .bind(by.as_str())
        .bind(now)
        .execute(&mut *c)
        .await
        .map(|r| r.rows_affected()))?;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO anonymisations (member_id, anonymised_on, anonymised_by, created_at)
             VALUES ($1, $2, $3, $4)"
        )
        .bind(m.id.0)
        .bind(on)
        .bind(by.as_str())
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        .map_err(crate::map_unique))?;
        self.changed(
            "member",
            m.id.to_string(),
            "anonymise",
            serde_json::json!({ "memberNo": m.member_no }),
        )
        .await
    }
}

crate::reads! {
/// Each frikort worker with the year registered and the last year a job was paid.
pub async fn frikort_worker_years(
    &mut self,
) -> Result<Vec<(kvorum_core::ids::FrikortWorkerId, String, i32, Option<i32>)>> {
    use chrono::Datelike;
    let rows: Vec<(uuid::Uuid, String, chrono::DateTime<chrono::Utc>)> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, name, created_at FROM frikort_workers ORDER BY name, id"
    ).fetch_all(p).await)?;
    let jobs: Vec<(uuid::Uuid, NaiveDate)> = on_reader!(self, p => sqlx::query_as(
        "SELECT worker_id, worked_on FROM frikort_jobs"
    ).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, at)| {
            let last = jobs
                .iter()
                .filter(|(w, _)| *w == id)
                .map(|(_, d)| d.year())
                .max();
            (kvorum_core::ids::FrikortWorkerId(id), name, at.year(), last)
        })
        .collect())
}
}

impl StoreTx {
    /// Logs that a frikort worker's name was taken out (the caller rewrote the records).
    pub async fn anonymised_frikort_worker(
        &mut self,
        id: kvorum_core::ids::FrikortWorkerId,
    ) -> Result<()> {
        self.changed(
            "frikort_worker",
            id.to_string(),
            "anonymise",
            serde_json::json!({}),
        )
        .await
    }
}
