//! Versions of the bylaws. The text and the settings are stored as JSON documents: they are
//! always read and written whole, and kvorum-core validates them.

use chrono::NaiveDate;
use kvorum_core::bylaws::{BylawsVersion, VersionStatus};
use kvorum_core::ids::BylawsVersionId;
use uuid::Uuid;

use crate::stored::{self, v1};
use crate::{map_unique, on_reader, on_tx, Audited, Result, StoreError, StoreTx};

impl Audited for BylawsVersion {
    const ENTITY: &'static str = "bylaws";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    id: Uuid,
    number: i64,
    status: String,
    text_json: String,
    rules_json: String,
    adopted_on: Option<NaiveDate>,
    in_force_from: Option<NaiveDate>,
    adopted_note: Option<String>,
    version: i64,
}

impl TryFrom<VersionRow> for BylawsVersion {
    type Error = StoreError;
    fn try_from(r: VersionRow) -> Result<BylawsVersion> {
        let what = format!("bylaws version {}", r.number);
        Ok(BylawsVersion {
            id: BylawsVersionId(r.id),
            number: r.number,
            status: if r.status == "adopted" {
                VersionStatus::Adopted
            } else {
                VersionStatus::Draft
            },
            text: stored::read::<v1::BylawsText>(&what, &r.text_json)?,
            rules: stored::read::<v1::RuleSettings>(&what, &r.rules_json)?,
            adopted_on: r.adopted_on,
            in_force_from: r.in_force_from,
            adopted_note: r.adopted_note,
            version: r.version,
        })
    }
}

fn status_code(s: VersionStatus) -> &'static str {
    match s {
        VersionStatus::Draft => "draft",
        VersionStatus::Adopted => "adopted",
    }
}

crate::reads! {
/// All versions, oldest first.
pub async fn bylaws_versions(&mut self) -> Result<Vec<BylawsVersion>> {
    let rows: Vec<VersionRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, number, status, text_json, rules_json, adopted_on, in_force_from, adopted_note, version
         FROM bylaws_versions ORDER BY number"
    ).fetch_all(p).await)?;
    rows.into_iter().map(BylawsVersion::try_from).collect()
}}

impl StoreTx {
    pub async fn insert_bylaws_version(&mut self, v: &BylawsVersion) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO bylaws_versions (id, number, status, text_json, rules_json, adopted_on, in_force_from,
                 adopted_note, created_at, updated_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)",
        )
        .bind(v.id.0)
        .bind(v.number)
        .bind(status_code(v.status))
        .bind(stored::write::<v1::BylawsText>(&v.text))
        .bind(stored::write::<v1::RuleSettings>(&v.rules))
        .bind(v.adopted_on)
        .bind(v.in_force_from)
        .bind(v.adopted_note.as_deref())
        .bind(now)
        .bind(v.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        self.created(std::slice::from_ref(v)).await?;
        Ok(())
    }

    /// Writes a draft over the stored one if it is still at `v.version - 1`; adopted
    /// versions are never written again.
    pub async fn update_bylaws_version(
        &mut self,
        before: &BylawsVersion,
        v: &BylawsVersion,
    ) -> Result<()> {
        let now = self.now;
        let done = on_tx!(self, c => sqlx::query(
            "UPDATE bylaws_versions SET status = $2, text_json = $3, rules_json = $4, adopted_on = $5,
                 in_force_from = $6, adopted_note = $7, updated_at = $8, version = $9
             WHERE id = $1 AND version = $9 - 1 AND status = 'draft'",
        )
        .bind(v.id.0)
        .bind(status_code(v.status))
        .bind(stored::write::<v1::BylawsText>(&v.text))
        .bind(stored::write::<v1::RuleSettings>(&v.rules))
        .bind(v.adopted_on)
        .bind(v.in_force_from)
        .bind(v.adopted_note.as_deref())
        .bind(now)
        .bind(v.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        self.updated(before, v).await?;
        Ok(())
    }
}
