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
pub(crate) struct AuditRecord<'a> {
    pub entity: &'a str,
    pub entity_id: String,
    pub action: &'a str,
    pub changes: Value,
}

/// A stored record whose changes the audit log keeps. The store's own writes record them
/// (`insert_*` the record created, `update_*` the fields that differ from the record before,
/// `delete_*` the record removed), so the entry is derived from the change itself and no use
/// case writes one by hand.
pub trait Audited: serde::Serialize {
    /// The kind of record, as the log names it (`member`, `decision`, …).
    const ENTITY: &'static str;
    /// Which record: its id, or what identifies it (a fee rate's year and type).
    fn audit_id(&self) -> String;
    /// What the log keeps of the record: the whole record, unless a type keeps less (the
    /// log is never anonymised, so personal data that need not be there is left out).
    fn audit_value(&self) -> Value {
        json_of(self)
    }
}

pub(crate) fn json_of<T: serde::Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or_default()
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
    /// Records that `rows` were created, each whole.
    pub(crate) async fn created<T: Audited>(&mut self, rows: &[T]) -> Result<()> {
        let recs = rows
            .iter()
            .map(|r| AuditRecord {
                entity: T::ENTITY,
                entity_id: r.audit_id(),
                action: "create",
                changes: r.audit_value(),
            })
            .collect();
        self.audit_many(recs).await
    }

    /// Records what changed from `before` to `after` (`{"field": {"from", "to"}}`).
    pub(crate) async fn updated<T: Audited>(&mut self, before: &T, after: &T) -> Result<()> {
        let changes = diff(&before.audit_value(), &after.audit_value());
        self.changed(T::ENTITY, after.audit_id(), "update", changes)
            .await
    }

    /// Records a change of a row that has no type of its own (a ballot, a visitor count).
    pub(crate) async fn changed(
        &mut self,
        entity: &str,
        entity_id: String,
        action: &str,
        changes: Value,
    ) -> Result<()> {
        let rec = AuditRecord {
            entity,
            entity_id,
            action,
            changes,
        };
        self.audit_many(vec![rec]).await
    }

    /// Records that `row` was removed, with what it held.
    pub(crate) async fn deleted<T: Audited>(&mut self, row: &T) -> Result<()> {
        let rec = AuditRecord {
            entity: T::ENTITY,
            entity_id: row.audit_id(),
            action: "delete",
            changes: row.audit_value(),
        };
        self.audit_many(vec![rec]).await
    }

    /// Writes audit entries inside this transaction (the change and its record land together
    /// or not at all), with multi-row statements.
    async fn audit_many(&mut self, recs: Vec<AuditRecord<'_>>) -> Result<()> {
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
        // 7 values a row: 4 000 rows stay under both engines' parameter limits.
        for chunk in rows.chunks(4000) {
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

/// Which log entries to read: every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// About a person or record: the entry is about this record (`entity_id`), or its
    /// changes refer to it (a payment or consent of a member's names the member's id).
    pub about: Option<String>,
    /// Made by this app user.
    pub actor: Option<String>,
    /// Of this kind of record (`member`, `booking`, …).
    pub entity: Option<String>,
    /// From this moment, and before that one.
    pub from: Option<DateTime<Utc>>,
    pub before: Option<DateTime<Utc>>,
    /// At most this many, the newest first.
    pub limit: i64,
}

fn entry(r: AuditRow) -> AuditEntry {
    AuditEntry {
        id: r.id,
        at: r.at,
        actor: r.actor,
        entity: r.entity,
        entity_id: r.entity_id,
        action: r.action,
        changes: r.changes,
    }
}

impl Store {
    /// The entries the filter asks for, the newest first.
    pub async fn audit_search(&self, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
        // Ids are ASCII, so LIKE finds them the same way on both engines; a `%` or `_` is
        // taken out of what is looked for.
        let like = f.about.as_ref().map(|a| {
            let id: String = a
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            format!("%{id}%")
        });
        let rows: Vec<AuditRow> = on_pool!(self, p => sqlx::query_as(
            "SELECT id, at, actor, entity, entity_id, action, changes FROM audit_log
             WHERE ($1 IS NULL OR entity_id = $1 OR changes LIKE $2)
               AND ($3 IS NULL OR actor = $3)
               AND ($4 IS NULL OR entity = $4)
               AND ($5 IS NULL OR at >= $5)
               AND ($6 IS NULL OR at < $6)
             ORDER BY at DESC, id DESC LIMIT $7",
        )
        .bind(f.about.as_deref())
        .bind(like.as_deref())
        .bind(f.actor.as_deref())
        .bind(f.entity.as_deref())
        .bind(f.from)
        .bind(f.before)
        .bind(f.limit)
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(entry).collect())
    }

    /// The app users who made the log's entries, by name.
    pub async fn audit_actors(&self) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = on_pool!(self, p => sqlx::query_as(
            "SELECT DISTINCT actor FROM audit_log ORDER BY actor"
        ).fetch_all(p).await)?;
        Ok(rows.into_iter().map(|(a,)| a).collect())
    }

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
        Ok(rows.into_iter().map(entry).collect())
    }
}
