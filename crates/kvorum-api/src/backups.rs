//! Backups (sikkerhedskopier) of the association's file: taken by hand, once a day and when
//! the app closes, kept in a rotation (7 days, 4 weeks, 12 months), each checked and
//! recorded beside it; listed with what they hold; and restored in place of the file only
//! after the file as it is has been backed up too.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use kvorum_core::backups::{to_keep, BackupCheck, BackupContents, Rotation};
use kvorum_core::text::Text;
use kvorum_store::safekeeping::{backup_contents, check_backup, restore_backup};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ApiResult, ErrorCode};
use kvorum_store::DbLocation;

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BackupReason {
    /// "Tag en sikkerhedskopi nu".
    Manual,
    /// The first time the app is used on a day.
    Daily,
    /// When the window closes.
    OnClose,
    /// The file as it was, just before a backup was restored over it.
    BeforeRestore,
}

/// One backup as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// The file's name in the backup folder (what restore and inspect name it by).
    pub name: String,
    #[ts(type = "string")]
    pub taken_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub size: u64,
    pub reason: BackupReason,
    pub check: BackupCheck,
    /// A copy is in the second folder too (the USB stick or synced folder chosen).
    pub copied: bool,
    /// Why the copy to the second folder could not be made, when this backup was just
    /// taken (the backup itself is made and kept).
    pub copy_error: Option<String>,
}

/// What is written beside each backup (`<name>.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Record {
    taken_at: DateTime<Utc>,
    reason: BackupReason,
    check: BackupCheck,
}

/// The folder beside the file: `forening.sqlite` → `forening sikkerhedskopier/`.
pub fn backup_dir(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "forening".into());
    file.with_file_name(format!("{stem} sikkerhedskopier"))
}

/// Readable and writable by the owner only: the file holds the member register.
pub(crate) fn owner_only(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Err(e) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)) {
            tracing::warn!(error = %e, path = %path.display(), "could not make the file private");
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Where the backups of a database on a server are kept on this laptop:
/// `~/.local/share/kvorum/sikkerhedskopier/<host>-<port>-<database>/` on Linux
/// (`KVORUM_DATA_DIR` instead of `~/.local/share/kvorum`).
pub fn server_backup_dir(url: &str) -> PathBuf {
    let base = std::env::var_os("KVORUM_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("", "", "kvorum").map(|d| d.data_dir().to_owned())
        })
        .unwrap_or_else(|| PathBuf::from(".kvorum"));
    let parsed = url::Url::parse(url).ok();
    let part = |s: Option<String>| {
        s.filter(|s| !s.is_empty())
            .unwrap_or_else(|| "server".into())
    };
    let name = format!(
        "{}-{}-{}",
        part(
            parsed
                .as_ref()
                .and_then(|u| u.host_str().map(str::to_owned))
        ),
        parsed.as_ref().and_then(url::Url::port).unwrap_or(5432),
        part(
            parsed
                .as_ref()
                .map(|u| u.path().trim_start_matches('/').to_owned())
        ),
    );
    base.join("sikkerhedskopier")
        .join(crate::files::safe_file_name(&name))
}

impl Api {
    fn sqlite_file(&self) -> ApiResult<PathBuf> {
        self.store
            .sqlite_path()
            .map(Path::to_path_buf)
            .ok_or_else(|| ApiError::refused(Text::new("backup-restore-server")))
    }

    /// The backup folder: beside the file, or on this laptop for a server's database.
    pub(crate) fn backups_folder(&self) -> PathBuf {
        match &self.location {
            DbLocation::SqliteFile(file) => backup_dir(file),
            DbLocation::Postgres(url) => server_backup_dir(url),
        }
    }

    /// What the backups are called: the file's name, or the server database's.
    fn backup_stem(&self) -> String {
        match &self.location {
            DbLocation::SqliteFile(file) => file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "forening".into()),
            DbLocation::Postgres(url) => url::Url::parse(url)
                .ok()
                .map(|u| u.path().trim_start_matches('/').to_owned())
                .filter(|s| !s.is_empty() && !s.contains(['/', '\\']))
                .unwrap_or_else(|| "server".into()),
        }
    }

    /// Writes the copy: `VACUUM INTO` for a file; for a server, the whole database moved
    /// into a new Kvorum file (the same transfer as `kvorum transfer`, checked by checksums).
    pub(crate) async fn copy_to(&self, target: &Path) -> kvorum_store::Result<()> {
        if self.store.sqlite_path().is_some() {
            return self.store.backup_into(target).await;
        }
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file =
            kvorum_store::Store::open(&DbLocation::SqliteFile(target.to_owned()), self.clock.now())
                .await?;
        let moved = self
            .store
            .transfer_into(&file, &self.actor, self.clock.now())
            .await;
        file.close().await;
        if moved.is_err() {
            for side in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{side}", target.display()));
            }
        }
        moved?;
        owner_only(target);
        Ok(())
    }

    /// Takes a backup now: a consistent copy, checked and recorded; then the rotation.
    pub async fn backup_now(&self, reason: BackupReason) -> ApiResult<BackupInfo> {
        let dir = self.backups_folder();
        let now = self.clock.now();
        let stem = self.backup_stem();
        let mut name = format!("{stem}-{}.sqlite", now.format("%Y-%m-%d-%H%M%S"));
        let mut n = 2;
        while dir.join(&name).exists() {
            name = format!("{stem}-{}-{n}.sqlite", now.format("%Y-%m-%d-%H%M%S"));
            n += 1;
        }
        let target = dir.join(&name);
        self.copy_to(&target)
            .await
            .map_err(|e| backup_failed(&target, e))?;
        let check = check_backup(&target, self.store.key())
            .await
            .map_err(|e| backup_failed(&target, e))?;
        let record = Record {
            taken_at: now,
            reason,
            check: check.clone(),
        };
        crate::files::write_file(
            &dir.join(format!("{name}.json")),
            serde_json::to_string_pretty(&record)
                .unwrap_or_default()
                .as_bytes(),
        )?;
        let size = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
        self.rotate(&dir, now);
        // The same backup in the second folder, rotated the same way; a stick that is not
        // plugged in is said, and the backup beside the file stands.
        let (mut copied, mut copy_error) = (false, None);
        if let Some(second) = self.second_folder() {
            match copy_backup(&dir, &second, &name) {
                Ok(()) => {
                    copied = true;
                    self.rotate(&second, now);
                }
                Err(e) => copy_error = Some(e.localized(self.lang).message),
            }
        }
        Ok(BackupInfo {
            name,
            taken_at: now,
            size,
            reason,
            check,
            copied,
            copy_error,
        })
    }

    /// The second folder for backups (a USB stick, a synced folder) chosen on this laptop,
    /// or none.
    pub fn set_backup_copy_dir(&mut self, dir: Option<PathBuf>) {
        self.backup_copy = dir;
    }

    /// This association's folder inside the second folder, named as the folder beside it.
    pub(crate) fn second_folder(&self) -> Option<PathBuf> {
        let base = self.backup_copy.as_ref()?;
        let own = self.backups_folder();
        Some(base.join(own.file_name()?))
    }

    /// Deletes backup `name` (and its copy in the second folder).
    pub async fn backup_delete(&self, name: String) -> ApiResult<Vec<BackupInfo>> {
        let path = self.backup_path(&name)?;
        for dir in [Some(self.backups_folder()), self.second_folder()]
            .into_iter()
            .flatten()
        {
            for f in [dir.join(&name), dir.join(format!("{name}.json"))] {
                if f.exists() {
                    std::fs::remove_file(&f).map_err(|e| crate::files::io_failed(&e, &f))?;
                }
            }
        }
        tracing::info!(path = %path.display(), "backup deleted");
        self.backups_list().await
    }

    /// Deletes the automatic backups the rotation does not keep (never the newest). A
    /// backup taken by hand, or of the file before a restore, stays until it is deleted.
    fn rotate(&self, dir: &Path, now: DateTime<Utc>) {
        let all: Vec<BackupInfo> = list_in(dir)
            .into_iter()
            .filter(|b| matches!(b.reason, BackupReason::Daily | BackupReason::OnClose))
            .collect();
        let taken: Vec<chrono::NaiveDateTime> = all
            .iter()
            .map(|b| {
                b.taken_at
                    .with_timezone(&chrono_tz::Europe::Copenhagen)
                    .naive_local()
            })
            .collect();
        let local_now = now
            .with_timezone(&chrono_tz::Europe::Copenhagen)
            .naive_local();
        let keep = to_keep(&taken, local_now, Rotation::default());
        for (i, b) in all.iter().enumerate() {
            if !keep.contains(&i) {
                let _ = std::fs::remove_file(dir.join(&b.name));
                let _ = std::fs::remove_file(dir.join(format!("{}.json", b.name)));
            }
        }
    }

    /// The backups of the open file, newest first.
    pub async fn backups_list(&self) -> ApiResult<Vec<BackupInfo>> {
        let mut all = list_in(&self.backups_folder());
        if let Some(second) = self.second_folder() {
            for b in &mut all {
                b.copied = second.join(&b.name).is_file();
            }
        }
        all.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
        Ok(all)
    }

    /// Whether today's daily backup is still to be taken (the newest is from another day).
    pub async fn backup_due_today(&self) -> ApiResult<bool> {
        let today = self.clock.today();
        Ok(self.backups_list().await?.first().is_none_or(|b| {
            b.taken_at
                .with_timezone(&chrono_tz::Europe::Copenhagen)
                .date_naive()
                != today
        }))
    }

    fn backup_path(&self, name: &str) -> ApiResult<PathBuf> {
        backup_path_in(&self.backups_folder(), name)
    }

    /// What a backup holds (association, members, the newest approved minutes and booking).
    pub async fn backup_inspect(&self, name: String) -> ApiResult<BackupContents> {
        let path = self.backup_path(&name)?;
        backup_contents(&path, self.store.key())
            .await
            .map_err(|e| backup_failed(&path, e))
    }

    /// Restores backup `name` as the association's file: the file as it is is backed up
    /// first (and stays in the list), the store is closed, the backup — checked again — is
    /// put in its place, and the file is opened again. Returns the reopened Api.
    pub async fn backup_restore(self, name: String) -> ApiResult<(Api, BackupInfo)> {
        let file = self.sqlite_file()?;
        let from = self.backup_path(&name)?;
        if !check_backup(&from, self.store.key())
            .await
            .map_err(|e| backup_failed(&from, e))?
            .ok
        {
            return Err(ApiError::refused(
                Text::new("backup-damaged").str("name", name.clone()),
            ));
        }
        let before = self.backup_now(BackupReason::BeforeRestore).await?;
        let (actor, clock, lang) = (self.actor.clone(), self.clock.clone(), self.lang);
        let second = self.backup_copy.clone();
        let key = self.store.key().map(str::to_owned);
        self.store.close().await;
        restore_backup(&from, &file, key.as_deref())
            .await
            .map_err(|e| backup_failed(&from, e))?;
        let mut api =
            Api::open_with_password(&file.display().to_string(), key.as_deref(), &actor, clock)
                .await?;
        api.set_lang(lang);
        api.set_backup_copy_dir(second);
        Ok((api, before))
    }
}

/// A backup of `file` by its name in the list — never a path: nothing outside the folder.
fn backup_path_of(file: &Path, name: &str) -> ApiResult<PathBuf> {
    backup_path_in(&backup_dir(file), name)
}

fn backup_path_in(dir: &Path, name: &str) -> ApiResult<PathBuf> {
    if name.contains(['/', '\\']) || name.starts_with('.') || !name.ends_with(".sqlite") {
        return Err(ApiError::not_found("Sikkerhedskopien"));
    }
    let path = dir.join(name);
    if !path.is_file() {
        return Err(ApiError::not_found("Sikkerhedskopien"));
    }
    Ok(path)
}

/// Restores backup `name` over `file` when the file cannot be opened at all (damaged): the
/// file as it is — with its write-ahead log — is kept beside the backups first
/// (`…-beskadiget.sqlite`), then the checked backup is put in its place.
pub async fn restore_unopenable(
    file: &Path,
    name: &str,
    key: Option<&str>,
    now: DateTime<Utc>,
) -> ApiResult<PathBuf> {
    let from = backup_path_of(file, name)?;
    if !check_backup(&from, key)
        .await
        .map_err(|e| backup_failed(&from, e))?
        .ok
    {
        return Err(ApiError::refused(
            Text::new("backup-damaged").str("name", name.to_owned()),
        ));
    }
    let dir = backup_dir(file);
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "forening".into());
    let kept = dir.join(format!(
        "{stem}-{}-beskadiget.sqlite",
        now.format("%Y-%m-%d-%H%M%S")
    ));
    if file.exists() {
        std::fs::copy(file, &kept).map_err(|e| crate::files::io_failed(&e, &kept))?;
        let wal = file.with_file_name(format!(
            "{}-wal",
            file.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        if wal.exists() {
            let to = kept.with_file_name(format!(
                "{}-wal",
                kept.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ));
            std::fs::copy(&wal, &to).map_err(|e| crate::files::io_failed(&e, &to))?;
        }
    }
    restore_backup(&from, file, key)
        .await
        .map_err(|e| backup_failed(&from, e))?;
    Ok(kept)
}

/// Copies backup `name` and its record from `dir` into `second` (created if missing, but
/// only below a folder that exists: a stick that is not plugged in is not created).
fn copy_backup(dir: &Path, second: &Path, name: &str) -> ApiResult<()> {
    let base = second.parent().unwrap_or(second);
    if !base.is_dir() {
        return Err(ApiError::new(
            ErrorCode::File,
            Text::new("backup-second-missing").str("dir", base.display().to_string()),
        ));
    }
    std::fs::create_dir_all(second).map_err(|e| crate::files::io_failed(&e, second))?;
    for f in [name.to_owned(), format!("{name}.json")] {
        let to = second.join(&f);
        let tmp = second.join(format!(".{f}.kvorum-tmp"));
        std::fs::copy(dir.join(&f), &tmp)
            .and_then(|_| std::fs::File::open(&tmp)?.sync_all())
            .and_then(|()| std::fs::rename(&tmp, &to))
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                crate::files::io_failed(&e, &to)
            })?;
        owner_only(&to);
    }
    Ok(())
}

/// The backups in `dir` with their records (one without a record is checked when listed).
fn list_in(dir: &Path) -> Vec<BackupInfo> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".sqlite") || name.starts_with('.') {
            continue;
        }
        let size = e.metadata().map(|m| m.len()).unwrap_or(0);
        let record: Option<Record> = std::fs::read_to_string(dir.join(format!("{name}.json")))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok());
        let (taken_at, reason, check) = match record {
            Some(r) => (r.taken_at, r.reason, r.check),
            None => (
                e.metadata()
                    .and_then(|m| m.modified())
                    .map(DateTime::<Utc>::from)
                    .unwrap_or_default(),
                BackupReason::Manual,
                BackupCheck {
                    ok: false,
                    integrity: "ikke kontrolleret".into(),
                    rows: vec![],
                },
            ),
        };
        out.push(BackupInfo {
            name,
            taken_at,
            size,
            reason,
            check,
            copied: false,
            copy_error: None,
        });
    }
    out
}

fn backup_failed(path: &Path, e: kvorum_store::StoreError) -> ApiError {
    tracing::error!(error = ?e, path = %path.display(), "backup failed");
    ApiError::new(
        ErrorCode::File,
        Text::new("backup-failed")
            .str("path", path.display().to_string())
            .str("cause", e.to_string()),
    )
}
