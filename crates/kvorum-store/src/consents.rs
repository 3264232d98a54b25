//! The consent log: the consents the association asks for and each member's.

use chrono::NaiveDate;
use kvorum_core::consent::{Consent, ConsentKind};
use kvorum_core::ids::{ConsentId, MemberId};
use kvorum_core::processing::ProcessingSettings;
use uuid::Uuid;

use crate::{on_reader, on_tx, Audited, Result, StoreError, StoreTx};

/// A consent's log entry names the member by id, so it is found with the member's history.
impl Audited for Consent {
    const ENTITY: &'static str = "consent";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
}

impl Audited for ConsentKind {
    const ENTITY: &'static str = "consent_kind";
    fn audit_id(&self) -> String {
        self.code.clone()
    }
}

#[derive(sqlx::FromRow)]
struct ConsentRow {
    id: Uuid,
    member_id: Uuid,
    kind: String,
    given_on: NaiveDate,
    given_how: String,
    recorded_by: String,
    withdrawn_on: Option<NaiveDate>,
    withdrawn_by: Option<String>,
    version: i64,
}

impl From<ConsentRow> for Consent {
    fn from(r: ConsentRow) -> Self {
        Consent {
            id: ConsentId(r.id),
            member: MemberId(r.member_id),
            kind: r.kind,
            given_on: r.given_on,
            given_how: r.given_how,
            recorded_by: r.recorded_by,
            withdrawn_on: r.withdrawn_on,
            withdrawn_by: r.withdrawn_by,
            version: r.version,
        }
    }
}

crate::reads! {
/// The consents the association asks for: the built-in e-mail consent, then those the
/// board added.
pub async fn consent_kinds(&mut self) -> Result<Vec<ConsentKind>> {
    let rows: Vec<(String, String, String, bool)> = on_reader!(self, p => sqlx::query_as(
        "SELECT code, name, purpose, builtin FROM consent_kinds ORDER BY position, code"
    ).fetch_all(p).await)?;
    Ok(std::iter::once(kvorum_core::consent::email_kind())
        .chain(rows.into_iter().map(|(code, name, purpose, builtin)| ConsentKind {
            code,
            name,
            purpose,
            builtin,
        }))
        .collect())
}

/// Every consent given, or one member's: oldest first.
pub async fn consents(&mut self, member: Option<MemberId>) -> Result<Vec<Consent>> {
    let rows: Vec<ConsentRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, member_id, kind, given_on, given_how, recorded_by, withdrawn_on,
                withdrawn_by, version
         FROM consents WHERE ($1 IS NULL OR member_id = $1) ORDER BY given_on, id"
    ).bind(member.map(|m| m.0)).fetch_all(p).await)?;
    Ok(rows.into_iter().map(Consent::from).collect())
}
}

impl StoreTx {
    /// Records consents given (an import records many), with multi-row statements.
    pub async fn insert_consents(&mut self, consents: &[Consent]) -> Result<()> {
        let now = self.now;
        // 11 values a row: 2 000 rows stay under both engines' parameter limits.
        for chunk in consents.chunks(2000) {
            on_tx!(self, x => {
                let mut qb = sqlx::QueryBuilder::new(
                    "INSERT INTO consents (id, member_id, kind, given_on, given_how, recorded_by,
                         withdrawn_on, withdrawn_by, created_at, updated_at, version) ",
                );
                qb.push_values(chunk, |mut b, c| {
                    b.push_bind(c.id.0)
                        .push_bind(c.member.0)
                        .push_bind(c.kind.as_str())
                        .push_bind(c.given_on)
                        .push_bind(c.given_how.as_str())
                        .push_bind(c.recorded_by.as_str())
                        .push_bind(c.withdrawn_on)
                        .push_bind(c.withdrawn_by.as_deref())
                        .push_bind(now)
                        .push_bind(now)
                        .push_bind(c.version);
                });
                qb.build().execute(x).await.map(|r| r.rows_affected())
            }
            .map_err(crate::map_unique))?;
        }
        self.created(consents).await
    }

    /// Saves a withdrawal; `before` is the consent as read (its version must still be it).
    pub async fn update_consent(&mut self, before: &Consent, after: &Consent) -> Result<()> {
        let now = self.now;
        let done = on_tx!(self, x => sqlx::query(
            "UPDATE consents SET withdrawn_on = $2, withdrawn_by = $3, updated_at = $4,
                 version = $5
             WHERE id = $1 AND version = $6"
        )
        .bind(after.id.0)
        .bind(after.withdrawn_on)
        .bind(after.withdrawn_by.as_deref())
        .bind(now)
        .bind(after.version)
        .bind(before.version)
        .execute(x)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        // The change, with whose consent it was and of which kind.
        let mut changes = crate::audit::diff(
            &crate::audit::json_of(before),
            &crate::audit::json_of(after),
        );
        if let Some(o) = changes.as_object_mut() {
            o.insert("member".into(), serde_json::json!(after.member));
            o.insert("kind".into(), serde_json::json!(after.kind));
        }
        self.changed("consent", after.id.to_string(), "update", changes)
            .await
    }

    pub async fn insert_consent_kind(&mut self, k: &ConsentKind) -> Result<()> {
        on_tx!(self, x => sqlx::query(
            "INSERT INTO consent_kinds (code, name, purpose, builtin, position)
             VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position), 0) + 1 FROM consent_kinds))"
        )
        .bind(k.code.as_str())
        .bind(k.name.as_str())
        .bind(k.purpose.as_str())
        .bind(k.builtin)
        .execute(x)
        .await
        .map(|r| r.rows_affected())
        .map_err(crate::map_unique))?;
        self.created(std::slice::from_ref(k)).await
    }

    /// Keeps the register's e-mail flag with the consent log: a new version of the entry,
    /// which must still be `version` (a form open elsewhere then cannot put the old flag
    /// back). The consent's own log entry records the change.
    pub async fn set_email_consent(
        &mut self,
        member: MemberId,
        on: bool,
        version: i64,
    ) -> Result<()> {
        let now = self.now;
        let done = on_tx!(self, x => sqlx::query(
            "UPDATE members SET email_consent = $2, updated_at = $3, version = version + 1
             WHERE id = $1 AND version = $4"
        )
        .bind(member.0)
        .bind(on)
        .bind(now)
        .bind(version)
        .execute(x)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        Ok(())
    }
}

crate::reads! {
/// The board's part of the record of processing; the defaults until it is saved.
pub async fn processing_settings(&mut self) -> Result<ProcessingSettings> {
    let head: Option<(String, String, i64)> = on_reader!(self, p => sqlx::query_as(
        "SELECT contact, security, version FROM processing_settings WHERE singleton = 1"
    ).fetch_optional(p).await)?;
    let rows: Vec<(String, String, String, String)> = on_reader!(self, p => sqlx::query_as(
        "SELECT category, purpose, legal_basis, recipients FROM processing_entries"
    ).fetch_all(p).await)?;
    let mut s = ProcessingSettings::default();
    if let Some((contact, security, version)) = head {
        s.contact = contact;
        s.security = security;
        s.version = version;
    }
    for e in &mut s.entries {
        if let Some((_, purpose, legal_basis, recipients)) =
            rows.iter().find(|r| r.0 == e.category)
        {
            e.purpose.clone_from(purpose);
            e.legal_basis.clone_from(legal_basis);
            e.recipients.clone_from(recipients);
        }
    }
    Ok(s)
}
}

impl StoreTx {
    /// Saves the record's settings; `s.version` is the one the board started from.
    pub async fn set_processing_settings(&mut self, s: &ProcessingSettings) -> Result<()> {
        let before = self.processing_settings().await?;
        let done = on_tx!(self, x => sqlx::query(
            "INSERT INTO processing_settings (singleton, contact, security, version)
             VALUES (1, $1, $2, $3 + 1)
             ON CONFLICT (singleton) DO UPDATE SET contact = $1, security = $2, version = $3 + 1
             WHERE processing_settings.version = $3"
        )
        .bind(s.contact.as_str())
        .bind(s.security.as_str())
        .bind(s.version)
        .execute(x)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        on_tx!(self, x => sqlx::query("DELETE FROM processing_entries")
            .execute(x).await.map(|r| r.rows_affected()))?;
        for e in &s.entries {
            on_tx!(self, x => sqlx::query(
                "INSERT INTO processing_entries (category, purpose, legal_basis, recipients)
                 VALUES ($1, $2, $3, $4)"
            )
            .bind(e.category.as_str())
            .bind(e.purpose.as_str())
            .bind(e.legal_basis.as_str())
            .bind(e.recipients.as_str())
            .execute(x)
            .await
            .map(|r| r.rows_affected()))?;
        }
        let changes =
            crate::audit::diff(&crate::audit::json_of(&before), &crate::audit::json_of(s));
        self.changed("processing", "processing".into(), "update", changes)
            .await
    }
}
