//! What each grantor asks of the accounts (audit thresholds, the declaration), and how the
//! association's own auditors went through the accounts.

use kvorum_core::accounts::AuditForm;
use kvorum_core::grants::{grantor_key, GrantorRule};
use kvorum_core::Money;

use crate::{on_reader, on_tx, Audited, Result, StoreError, StoreTx};

impl Audited for GrantorRule {
    const ENTITY: &'static str = "grantor_rule";
    fn audit_id(&self) -> String {
        grantor_key(&self.grantor)
    }
}

#[derive(sqlx::FromRow)]
struct RuleRow {
    grantor: String,
    board_up_to_ore: i64,
    professional_above_ore: i64,
    declaration: String,
    version: i64,
}

crate::reads! {
/// The grantors' own rules, by name.
pub async fn grantor_rules(&mut self) -> Result<Vec<GrantorRule>> {
    let rows: Vec<RuleRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT grantor, board_up_to_ore, professional_above_ore, declaration, version
         FROM grantor_rules ORDER BY grantor_key"
    ).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|r| GrantorRule {
            grantor: r.grantor,
            board_up_to: Money(r.board_up_to_ore),
            professional_above: Money(r.professional_above_ore),
            declaration: r.declaration,
            version: r.version,
        })
        .collect())
}

/// How the auditors went through the accounts (revideret until the treasurer says otherwise),
/// with the setting's version (0 until set).
pub async fn audit_form(&mut self) -> Result<(AuditForm, i64)> {
    let row: Option<(String, i64)> = on_reader!(self, p => sqlx::query_as(
        "SELECT audit_form, version FROM accounts_settings"
    ).fetch_optional(p).await)?;
    match row {
        None => Ok((AuditForm::Audited, 0)),
        Some((code, v)) => Ok((
            AuditForm::from_code(&code)
                .ok_or_else(|| StoreError::Corrupt(format!("audit form {code}")))?,
            v,
        )),
    }
}
}

impl StoreTx {
    /// Writes a grantor's rule: a new one (`version` 0) or a change of the one read.
    pub async fn set_grantor_rule(
        &mut self,
        before: Option<&GrantorRule>,
        r: &GrantorRule,
    ) -> Result<()> {
        let key = grantor_key(&r.grantor);
        let done = on_tx!(self, c => sqlx::query(
            "INSERT INTO grantor_rules (grantor_key, grantor, board_up_to_ore, professional_above_ore, declaration, version)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (grantor_key) DO UPDATE SET grantor = excluded.grantor,
                 board_up_to_ore = excluded.board_up_to_ore,
                 professional_above_ore = excluded.professional_above_ore,
                 declaration = excluded.declaration, version = excluded.version
             WHERE grantor_rules.version = excluded.version - 1",
        )
        .bind(&key)
        .bind(r.grantor.trim())
        .bind(r.board_up_to.0)
        .bind(r.professional_above.0)
        .bind(r.declaration.trim())
        .bind(r.version)
        .execute(c)
        .await
        .map(|x| x.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        match before {
            Some(b) => self.updated(b, r).await,
            None => self.created(std::slice::from_ref(r)).await,
        }
    }

    pub async fn set_audit_form(&mut self, form: AuditForm, version: i64) -> Result<()> {
        let done = on_tx!(self, c => sqlx::query(
            "INSERT INTO accounts_settings (singleton, audit_form, version) VALUES (1, $1, $2)
             ON CONFLICT (singleton) DO UPDATE SET audit_form = excluded.audit_form,
                 version = excluded.version
             WHERE accounts_settings.version = excluded.version - 1",
        )
        .bind(form.code())
        .bind(version)
        .execute(c)
        .await
        .map(|x| x.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        self.changed(
            "accounts_settings",
            "audit_form".into(),
            "update",
            serde_json::json!({ "auditForm": form.code() }),
        )
        .await
    }
}
