//! Copies of a SQLite file taken before its schema is migrated, so an upgrade can never
//! lose an association's data. The last [`BACKUPS_KEPT`] copies are kept.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sqlx::migrate::Migrator;
use sqlx::SqlitePool;

use crate::Result;

pub const BACKUPS_KEPT: usize = 10;

/// A file with tables of its own and no Kvorum migrations table: another program's database,
/// which Kvorum must not write its tables into.
pub(crate) async fn foreign(pool: &SqlitePool) -> Result<bool> {
    let (tables, ours): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(name = '_sqlx_migrations'), 0) FROM sqlite_master WHERE type = 'table'",
    )
    .fetch_one(pool)
    .await?;
    Ok(tables > 0 && ours == 0)
}

/// Whether the file has exactly the migrations `migrator` has, each applied whole and with
/// the same checksum (what `Migrator::run` would find with nothing to do). Any doubt, such
/// as a missing table, is "no", and the migrator decides.
pub(crate) async fn up_to_date(pool: &SqlitePool, migrator: &Migrator) -> bool {
    let applied: Vec<(i64, Vec<u8>, bool)> = match sqlx::query_as(
        "SELECT version, checksum, success FROM _sqlx_migrations ORDER BY version",
    )
    .fetch_all(pool)
    .await
    {
        Ok(rows) => rows,
        Err(_) => return false,
    };
    let ours: Vec<_> = migrator
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .collect();
    applied.len() == ours.len()
        && applied
            .iter()
            .zip(&ours)
            .all(|((version, checksum, success), m)| {
                *success && *version == m.version && checksum.as_slice() == &*m.checksum
            })
}

pub(crate) async fn needs_migration(pool: &SqlitePool, migrator: &Migrator) -> Result<bool> {
    let has_table: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(pool)
    .await?;
    if has_table == 0 {
        // A non-empty file without our migrations table: copy it before touching it.
        return Ok(true);
    }
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(pool)
        .await?;
    Ok(usize::try_from(applied).unwrap_or(0) < migrator.iter().count())
}

fn backup_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{name}.backup-")
}

/// The backups of `path`, oldest first.
pub fn backups_of(path: &Path) -> Vec<PathBuf> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let prefix = backup_prefix(path);
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

pub(crate) async fn backup_sqlite(
    pool: &SqlitePool,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<PathBuf> {
    let mut target = path.with_file_name(format!(
        "{}{}.sqlite",
        backup_prefix(path),
        now.format("%Y%m%dT%H%M%S%.3fZ")
    ));
    let mut n = 1;
    while target.exists() {
        target = path.with_file_name(format!(
            "{}{}-{n}.sqlite",
            backup_prefix(path),
            now.format("%Y%m%dT%H%M%SZ")
        ));
        n += 1;
    }
    // Written under a name no backup listing matches, then renamed: a process that ends in the
    // middle leaves no half copy among the backups.
    let part = target.with_file_name(format!(
        ".{}.part",
        target.file_name().unwrap_or_default().to_string_lossy()
    ));
    let _ = std::fs::remove_file(&part);
    sqlx::query("VACUUM INTO $1")
        .bind(part.to_string_lossy().into_owned())
        .execute(pool)
        .await?;
    crate::safekeeping::owner_only(&part)?;
    std::fs::rename(&part, &target)?;
    tracing::info!(backup = %target.display(), "copied the database before migrating");
    let all = backups_of(path);
    if all.len() > BACKUPS_KEPT {
        for old in &all[..all.len() - BACKUPS_KEPT] {
            std::fs::remove_file(old)?;
        }
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn keeps_the_last_ten_copies() {
        let dir = std::env::temp_dir().join(format!("kvorum-backup-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("forening.sqlite");
        let opts = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true);
        let pool = SqlitePool::connect_with(opts).await.unwrap();
        sqlx::query("CREATE TABLE t (x TEXT)")
            .execute(&pool)
            .await
            .unwrap();
        let start = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z")
            .unwrap()
            .to_utc();
        for i in 0..12 {
            backup_sqlite(&pool, &path, start + chrono::Duration::minutes(i))
                .await
                .unwrap();
        }
        let kept = backups_of(&path);
        assert_eq!(kept.len(), BACKUPS_KEPT);
        assert!(
            kept[0].to_string_lossy().contains("20261122T100200"),
            "the two oldest are gone: {kept:?}"
        );
        pool.close().await;
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
