//! The user's backups (sikkerhedskopier) of an association's SQLite file: taken with
//! `VACUUM INTO` (a consistent copy while the file is in use), created readable by the owner
//! only, checked (`PRAGMA integrity_check` and the rows of each table) and read back for
//! the user to recognise; and a backup put back in place of the file, whole or not at all.

use std::path::Path;

use kvorum_core::backups::{BackupCheck, BackupContents, TableRows};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::SqlitePool;

use crate::{Result, Store, StoreError};

/// The tables whose rows are counted in a backup's check (the association's record).
pub const COUNTED: [&str; 12] = [
    "association",
    "members",
    "fee_payments",
    "meetings",
    "decisions",
    "minutes",
    "board_terms",
    "elections",
    "bylaws_versions",
    "budget_lines",
    "bookings",
    "audit_log",
];

/// Owner read/write only: a backup holds the whole member register.
#[cfg(unix)]
pub(crate) fn owner_only(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    Ok(())
}
#[cfg(not(unix))]
pub(crate) fn owner_only(_: &Path) -> Result<()> {
    Ok(())
}

async fn open_read_only(path: &Path, key: Option<&str>) -> Result<SqlitePool> {
    if !path.is_file() {
        return Err(StoreError::NotFound);
    }
    Ok(SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(crate::keyed(
            SqliteConnectOptions::new()
                .filename(path)
                .read_only(true)
                .immutable(true),
            key,
        ))
        .await?)
}

impl Store {
    /// The passphrase of an encrypted file (its backups are encrypted with it).
    pub fn key(&self) -> Option<&str> {
        match self {
            Store::Sqlite { key, .. } => key.as_deref(),
            Store::Postgres { .. } => None,
        }
    }

    /// Writes a consistent copy of the SQLite file to `target` (which must not exist).
    /// A PostgreSQL database is backed up as a portable file by the transfer instead.
    pub async fn backup_into(&self, target: &Path) -> Result<()> {
        let Store::Sqlite { writer, .. } = self else {
            return Err(StoreError::Corrupt(
                "a PostgreSQL database is backed up by transfer to a file".into(),
            ));
        };
        if target.exists() {
            return Err(StoreError::Unique(target.display().to_string()));
        }
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        sqlx::query("VACUUM INTO $1")
            .bind(target.to_string_lossy().into_owned())
            .execute(writer)
            .await?;
        owner_only(target)?;
        Ok(())
    }
}

/// Writes an encrypted copy of the unencrypted SQLite file `from` to `to` (which must not
/// exist), with `key` as its passphrase: SQLCipher's `sqlcipher_export`, owner-only.
pub async fn encrypt_file(from: &Path, to: &Path, key: &str) -> Result<()> {
    if to.exists() {
        return Err(StoreError::Unique(to.display().to_string()));
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        // The file exists; "create" lets ATTACH make the encrypted one.
        .connect_with(
            SqliteConnectOptions::new()
                .filename(from)
                .create_if_missing(true),
        )
        .await?;
    let mut c = pool.acquire().await?;
    sqlx::query("ATTACH DATABASE $1 AS encrypted KEY $2")
        .bind(to.to_string_lossy().into_owned())
        .bind(key)
        .execute(&mut *c)
        .await?;
    let exported = sqlx::query("SELECT sqlcipher_export('encrypted')")
        .execute(&mut *c)
        .await;
    sqlx::query("DETACH DATABASE encrypted")
        .execute(&mut *c)
        .await?;
    drop(c);
    pool.close().await;
    exported?;
    owner_only(to)?;
    Ok(())
}

/// Checks a backup file (encrypted with `key`, if given): SQLite's integrity check, and the
/// rows of the counted tables.
pub async fn check_backup(path: &Path, key: Option<&str>) -> Result<BackupCheck> {
    let pool = open_read_only(path, key).await?;
    let found: std::result::Result<Vec<String>, sqlx::Error> =
        sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&pool)
            .await;
    let (integrity, ok) = match found {
        Ok(lines) => {
            let ok = lines.len() == 1 && lines[0] == "ok";
            (lines.join("; "), ok)
        }
        Err(e) => (e.to_string(), false),
    };
    let mut rows = Vec::new();
    if ok {
        for table in COUNTED {
            // `table` is one of the names in COUNTED, never input.
            let sql = format!("SELECT COUNT(*) FROM {table}");
            let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(&pool)
                .await
                .unwrap_or(-1);
            rows.push(TableRows {
                table: table.to_owned(),
                rows: n,
            });
        }
    }
    pool.close().await;
    Ok(BackupCheck {
        ok: ok && rows.iter().all(|r| r.rows >= 0),
        integrity,
        rows,
    })
}

/// What a backup holds: the association's name, its members, the newest approved minutes
/// and the newest booking.
pub async fn backup_contents(path: &Path, key: Option<&str>) -> Result<BackupContents> {
    let pool = open_read_only(path, key).await?;
    let association: Option<String> = sqlx::query_scalar("SELECT name FROM association")
        .fetch_optional(&pool)
        .await?;
    let members: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM members WHERE left_on IS NULL")
        .fetch_one(&pool)
        .await?;
    let last_minutes_approved: Option<chrono::NaiveDate> =
        sqlx::query_scalar("SELECT MAX(approved_on) FROM minutes WHERE status = 'approved'")
            .fetch_one(&pool)
            .await?;
    let last_booking: Option<(chrono::NaiveDate, String)> = sqlx::query_as(
        "SELECT booked_on, text FROM bookings ORDER BY booked_on DESC, created_at DESC LIMIT 1",
    )
    .fetch_optional(&pool)
    .await?;
    pool.close().await;
    Ok(BackupContents {
        association,
        members,
        last_minutes_approved,
        last_booking,
    })
}

/// Puts the backup `from` in place of the SQLite file `to`, which nothing may have open:
/// the backup is checked first, copied beside the file and renamed over it (so the file is
/// the old one or the backup, never half of each), and the old file's write-ahead log is
/// removed with it.
pub async fn restore_backup(from: &Path, to: &Path, key: Option<&str>) -> Result<()> {
    let check = check_backup(from, key).await?;
    if !check.ok {
        return Err(StoreError::Corrupt(format!(
            "{}: {}",
            from.display(),
            check.integrity
        )));
    }
    let name = to
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = to.with_file_name(format!(".{name}.restoring"));
    std::fs::copy(from, &tmp)?;
    std::fs::File::open(&tmp)?.sync_all()?;
    owner_only(&tmp)?;
    for side in ["-wal", "-shm"] {
        let p = to.with_file_name(format!("{name}{side}"));
        if p.exists() {
            std::fs::remove_file(p)?;
        }
    }
    std::fs::rename(&tmp, to)?;
    Ok(())
}
