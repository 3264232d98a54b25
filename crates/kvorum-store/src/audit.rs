//! The audit log: every change, when, by which app user, to which record, and what changed.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::{on_pool, on_tx, Result, Store, StoreTx};

/// One row of the audit log as read back.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    /// JSON: `{"field": {"from": …, "to": …}}` for updates, the whole record for creations.
    pub changes: String,
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: Uuid,
    at: DateTime<Utc>,
    actor: String,
    entity: String,
    entity_id: String,
    action: String,
    changes: String,
}

/// What to record about one change.
pub struct AuditRecord<'a> {
    pub entity: &'a str,
    pub entity_id: String,
    pub action: &'a str,
    pub changes: Value,
}

/// The fields that differ between two JSON objects, as `{"field": {"from", "to"}}`.
pub fn diff(before: &Value, after: &Value) -> Value {
    let empty = Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut out = Map::new();
    for (k, new) in a {
        let old = b.get(k).unwrap_or(&Value::Null);
        if old != new && k != "version" {
            out.insert(k.clone(), serde_json::json!({ "from": old, "to": new }));
        }
    }
    Value::Object(out)
}

impl StoreTx {
    /// Writes one audit entry inside this transaction: the change and its record land
    /// together or not at all.
    pub async fn audit(&mut self, rec: AuditRecord<'_>) -> Result<()> {
        self.audit_many(vec![rec]).await
    }

    /// Writes many audit entries with multi-row statements.
    pub async fn audit_many(&mut self, recs: Vec<AuditRecord<'_>>) -> Result<()> {
        let (now, actor) = (self.now, self.actor.clone());
        let rows: Vec<(Uuid, &str, String, &str, String)> = recs
            .iter()
            .map(|r| {
                (
                    Uuid::now_v7(),
                    r.entity,
                    r.entity_id.clone(),
                    r.action,
                    r.changes.to_string(),
                )
            })
            .collect();
        for chunk in rows.chunks(500) {
            on_tx!(self, c => {
                let mut qb = sqlx::QueryBuilder::new(
                    "INSERT INTO audit_log (id, at, actor, entity, entity_id, action, changes) ",
                );
                qb.push_values(chunk, |mut b, (id, entity, entity_id, action, changes)| {
                    b.push_bind(*id)
                        .push_bind(now)
                        .push_bind(actor.as_str())
                        .push_bind(*entity)
                        .push_bind(entity_id.as_str())
                        .push_bind(*action)
                        .push_bind(changes.as_str());
                });
                qb.build().execute(c).await.map(|r| r.rows_affected())
            })?;
        }
        Ok(())
    }
}

impl Store {
    /// The newest entries first; for one record when `entity_id` is given.
    pub async fn audit_log(&self, entity_id: Option<&str>, limit: i64) -> Result<Vec<AuditEntry>> {
        let rows: Vec<AuditRow> = on_pool!(self, p => sqlx::query_as(
            "SELECT id, at, actor, entity, entity_id, action, changes FROM audit_log
             WHERE ($1 IS NULL OR entity_id = $1) ORDER BY at DESC, id DESC LIMIT $2",
        )
        .bind(entity_id)
        .bind(limit)
        .fetch_all(p)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|r| AuditEntry {
                id: r.id,
                at: r.at,
                actor: r.actor,
                entity: r.entity,
                entity_id: r.entity_id,
                action: r.action,
                changes: r.changes,
            })
            .collect())
    }
}
