//! Encryption at rest: an association file protected by a passphrase (SQLCipher, AES-256),
//! asked for at open and never stored. Encrypting a file encrypts its backups with it, so no
//! readable copy of the register stays beside it.

use std::path::{Path, PathBuf};

use kvorum_core::text::Text;
use kvorum_core::FieldErrors;
use kvorum_store::safekeeping::{check_backup, encrypt_file};

use crate::backups::BackupReason;
use crate::{Api, ApiError, ApiResult, ErrorCode};

/// The shortest passphrase accepted: a sentence of a few words is better than a word.
pub const MIN_PASSPHRASE: usize = 10;

/// What encrypting did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encrypted {
    /// Backups (beside the file, in the second folder, and the copies taken before a
    /// migration) encrypted with the file.
    pub backups: usize,
}

fn sides(file: &Path) -> [PathBuf; 2] {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    [
        file.with_file_name(format!("{name}-wal")),
        file.with_file_name(format!("{name}-shm")),
    ]
}

/// Encrypts `file` in place with `key`: written encrypted beside it, checked, then renamed
/// over it (the file is the old one or the encrypted one, never half of each).
async fn encrypt_in_place(file: &Path, key: &str) -> Result<(), kvorum_store::StoreError> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = file.with_file_name(format!(".{name}.encrypting"));
    if tmp.exists() {
        std::fs::remove_file(&tmp)?;
    }
    encrypt_file(file, &tmp, key).await?;
    let check = check_backup(&tmp, Some(key)).await?;
    if !check.ok {
        let _ = std::fs::remove_file(&tmp);
        return Err(kvorum_store::StoreError::Corrupt(check.integrity));
    }
    for side in sides(file) {
        if side.exists() {
            std::fs::remove_file(side)?;
        }
    }
    std::fs::rename(&tmp, file)?;
    Ok(())
}

impl Api {
    /// Encrypts the association's file with `passphrase` and opens it again with it. A
    /// backup is taken first; then every backup of the file is encrypted the same way.
    pub async fn encrypt(self, passphrase: String) -> ApiResult<(Api, Encrypted)> {
        let file = self
            .store
            .sqlite_path()
            .map(Path::to_path_buf)
            .ok_or_else(|| ApiError::refused(Text::new("encrypt-server")))?;
        if self.store.key().is_some() {
            return Err(ApiError::refused(Text::new("encrypt-already")));
        }
        if passphrase.chars().count() < MIN_PASSPHRASE {
            return Err(ApiError::validation(FieldErrors::one(
                "passphrase",
                Text::new("encrypt-too-short").num("min", MIN_PASSPHRASE as i64),
            )));
        }
        self.backup_now(BackupReason::Manual).await?;
        let folders: Vec<PathBuf> = [Some(self.backups_folder()), self.second_folder()]
            .into_iter()
            .flatten()
            .collect();
        let (actor, clock, lang, second) = (
            self.actor.clone(),
            self.clock.clone(),
            self.lang,
            self.backup_copy.clone(),
        );
        self.store.close().await;
        let failed = |e: kvorum_store::StoreError| {
            tracing::error!(error = ?e, file = %file.display(), "encryption failed");
            ApiError::new(
                ErrorCode::File,
                Text::new("encrypt-failed").str("file", file.display().to_string()),
            )
        };
        encrypt_in_place(&file, &passphrase).await.map_err(failed)?;
        // Every copy of the register beside it: the backups and the copies before migrations.
        let mut copies: Vec<PathBuf> = kvorum_store::backups_of(&file);
        for dir in &folders {
            if let Ok(rd) = std::fs::read_dir(dir) {
                copies.extend(
                    rd.flatten()
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|x| x == "sqlite")),
                );
            }
        }
        let mut backups = 0;
        for copy in &copies {
            match encrypt_in_place(copy, &passphrase).await {
                Ok(()) => backups += 1,
                Err(e) => {
                    tracing::warn!(error = ?e, copy = %copy.display(), "backup not encrypted")
                }
            }
        }
        let mut api = Api::open_with_password(
            &file.display().to_string(),
            Some(&passphrase),
            &actor,
            clock,
        )
        .await?;
        api.set_lang(lang);
        api.set_backup_copy_dir(second);
        Ok((api, Encrypted { backups }))
    }

    /// Whether the open file is encrypted.
    pub fn encrypted(&self) -> bool {
        self.store.key().is_some()
    }
}
