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
                 email = NULL, phone = NULL, birth_date = NULL, birth_year = NULL, left_reason = NULL,
                 roles = '',
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
    /// Takes a frikort worker's name out of their own records, and only those: the register
    /// row and their jobs' descriptions (a short name such as "Bo" must not rewrite anyone
    /// else's records). The wages stay. The log's entries about workers and jobs hold no
    /// names. Returns the rows rewritten.
    pub async fn anonymise_frikort_worker(
        &mut self,
        id: kvorum_core::ids::FrikortWorkerId,
        name: &str,
        anonymous: &str,
    ) -> Result<usize> {
        let done = on_tx!(self, c => sqlx::query("UPDATE frikort_workers SET name = $2 WHERE id = $1")
            .bind(id.0)
            .bind(anonymous)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        let jobs: Vec<(uuid::Uuid, String)> = on_tx!(self, c => sqlx::query_as(
            "SELECT id, description FROM frikort_jobs WHERE worker_id = $1"
        ).bind(id.0).fetch_all(c).await)?;
        let scrubber =
            kvorum_core::privacy::Scrubber::new(&[(name.to_owned(), anonymous.to_owned())]);
        let mut rows = 1usize;
        for (job, text) in jobs {
            if let Some(clean) = scrubber.scrub(&text) {
                on_tx!(self, c => sqlx::query("UPDATE frikort_jobs SET description = $2 WHERE id = $1")
                    .bind(job)
                    .bind(clean.as_str())
                    .execute(c)
                    .await
                    .map(|r| r.rows_affected()))?;
                rows += 1;
            }
        }
        self.changed(
            "frikort_worker",
            id.to_string(),
            "anonymise",
            serde_json::json!({}),
        )
        .await?;
        Ok(rows)
    }
}

crate::reads! {
/// How much of a member's birth the association keeps, and the setting's version.
pub async fn birth_kept(&mut self) -> Result<(kvorum_core::members::BirthKept, i64)> {
    let row: Option<(String, i64)> = on_reader!(self, p => sqlx::query_as(
        "SELECT birth, version FROM register_settings WHERE singleton = 1"
    ).fetch_optional(p).await)?;
    Ok(row.map_or((kvorum_core::members::BirthKept::Date, 0), |(b, v)| {
        (kvorum_core::members::BirthKept::from_code(&b).unwrap_or_default(), v)
    }))
}
}

/// A log entry's birth date kept as `kept` allows: the year alone, or nothing.
fn birth_in_log(changes: &str, kept: kvorum_core::members::BirthKept) -> Option<String> {
    use kvorum_core::members::BirthKept;
    let mut json: serde_json::Value = serde_json::from_str(changes).ok()?;
    let obj = json.as_object_mut()?;
    for key in ["birthDate", "birthYear"] {
        let Some(v) = obj.get_mut(key) else {
            continue;
        };
        let less = |d: &serde_json::Value| match (kept, key, d.as_str()) {
            (BirthKept::Year, "birthDate", Some(s)) => {
                s.get(..4).map_or(serde_json::Value::Null, |y| {
                    serde_json::Value::String(y.to_owned())
                })
            }
            (BirthKept::Date, _, _) | (BirthKept::Year, "birthYear", _) => d.clone(),
            _ => serde_json::Value::Null,
        };
        match v.as_object_mut() {
            Some(change) => {
                for side in ["from", "to"] {
                    if let Some(d) = change.get(side).cloned() {
                        change.insert(side.to_owned(), less(&d));
                    }
                }
            }
            None => *v = less(v),
        }
    }
    let out = json.to_string();
    (out != changes).then_some(out)
}

impl StoreTx {
    /// Keeps no more of the members' births than `kept`, from now on and in what is held:
    /// each entry's date becomes its year (or nothing), a new version of it, and the log's
    /// entries lose the rest too. `version` is the setting's as the board read it. Returns
    /// how many entries changed. The log records the setting, not the dates.
    pub async fn set_birth_kept(
        &mut self,
        kept: kvorum_core::members::BirthKept,
        version: i64,
    ) -> Result<usize> {
        use kvorum_core::members::BirthKept;
        let (before, _) = self.birth_kept().await?;
        let done = on_tx!(self, c => sqlx::query(
            "INSERT INTO register_settings (singleton, birth, version) VALUES (1, $1, $2 + 1)
             ON CONFLICT (singleton) DO UPDATE SET birth = $1, version = $2 + 1
             WHERE register_settings.version = $2"
        )
        .bind(kept.code())
        .bind(version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        let now = self.now;
        let members = self.members().await?;
        let mut changed = 0usize;
        for m in &members {
            let after = m.clone().with_birth_kept(kept);
            if after.birth_date == m.birth_date && after.birth_year == m.birth_year {
                continue;
            }
            on_tx!(self, c => sqlx::query(
                "UPDATE members SET birth_date = $2, birth_year = $3, version = version + 1,
                     updated_at = $4 WHERE id = $1"
            )
            .bind(m.id.0)
            .bind(after.birth_date)
            .bind(after.birth_year.map(i64::from))
            .bind(now)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
            changed += 1;
        }
        if kept != BirthKept::Date {
            let rows: Vec<(uuid::Uuid, String)> = on_tx!(self, c => sqlx::query_as(
                "SELECT id, changes FROM audit_log WHERE entity = 'member' AND changes LIKE '%birth%'"
            ).fetch_all(c).await)?;
            for (id, changes) in rows {
                if let Some(less) = birth_in_log(&changes, kept) {
                    on_tx!(self, c => sqlx::query("UPDATE audit_log SET changes = $2 WHERE id = $1")
                        .bind(id)
                        .bind(less.as_str())
                        .execute(c)
                        .await
                        .map(|r| r.rows_affected()))?;
                }
            }
        }
        self.changed(
            "register_settings",
            "register_settings".into(),
            "update",
            serde_json::json!({
                "birth": { "from": before.code(), "to": kept.code() },
                "membersChanged": changed,
            }),
        )
        .await?;
        Ok(changed)
    }
}

#[cfg(test)]
mod tests {
    use kvorum_core::members::BirthKept;

    #[test]
    fn the_log_keeps_no_more_of_a_birth_than_the_register() {
        let created = r#"{"name":"Karin","birthDate":"1958-04-02"}"#;
        assert_eq!(
            super::birth_in_log(created, BirthKept::Year).unwrap(),
            r#"{"birthDate":"1958","name":"Karin"}"#
        );
        let update = r#"{"birthDate":{"from":"1958-04-02","to":null}}"#;
        assert_eq!(
            super::birth_in_log(update, BirthKept::Nothing).unwrap(),
            r#"{"birthDate":{"from":null,"to":null}}"#
        );
        assert_eq!(
            super::birth_in_log(r#"{"name":"x"}"#, BirthKept::Year),
            None
        );
    }
}
