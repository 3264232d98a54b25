//! Moving the association to another engine: from its file to a shared PostgreSQL server
//! when the board grows, or from the server back to a file. The database open now is the
//! source and is not changed; the target must be new (a file that does not exist yet) or
//! empty (a database on the server that Kvorum has not used). Both sides are compared
//! table by table afterwards, by rows and checksum.

use kvorum_core::backups::TableSum;
use kvorum_core::text::Text;
use kvorum_store::{DbLocation, Store, StoreError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ApiResult, ErrorCode};

/// What a transfer moved, as both sides agree after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TransferReport {
    /// Where the association now is as well (a server address without its password).
    pub to: String,
    pub tables: Vec<TableSum>,
    /// All rows moved.
    #[ts(type = "number")]
    pub rows: i64,
}

impl Api {
    /// The rows and checksum of every table in the open database.
    pub async fn checksums(&self) -> ApiResult<Vec<TableSum>> {
        Ok(self.store.checksums().await?)
    }

    /// Copies the open association to `to` (a new file, or an empty database on a server
    /// reached with `password`), in one transaction there, checked table by table. A new
    /// file that the transfer could not fill is removed again.
    pub async fn transfer_to(&self, to: &str, password: Option<&str>) -> ApiResult<TransferReport> {
        let target = DbLocation::parse(to).map_err(|_| {
            ApiError::new(
                ErrorCode::File,
                Text::new("db-location-bad").str("location", to),
            )
        })?;
        if target == self.location {
            return Err(ApiError::refused(Text::new("transfer-same")));
        }
        let new_file = match &target {
            DbLocation::SqliteFile(p) => {
                if p.exists() && std::fs::metadata(p).map(|m| m.len()).unwrap_or(0) > 0 {
                    return Err(ApiError::refused(
                        Text::new("transfer-file-exists").str("file", p.display().to_string()),
                    ));
                }
                Some(p.clone())
            }
            DbLocation::Postgres(_) => None,
        };
        // A new file from an encrypted one is encrypted with the same passphrase.
        let password = match &target {
            DbLocation::SqliteFile(_) => password.or(self.store.key()),
            DbLocation::Postgres(_) => password,
        };
        let store = Store::open_with_password(&target, password, self.clock.now())
            .await
            .map_err(|e| crate::error::open_failed(&target, e))?;
        let moved = self
            .store
            .transfer_into(&store, &self.actor, self.clock.now())
            .await;
        store.close().await;
        let tables = match moved {
            Ok(t) => t,
            Err(e) => {
                if let Some(p) = &new_file {
                    for side in ["", "-wal", "-shm"] {
                        let _ = std::fs::remove_file(format!("{}{side}", p.display()));
                    }
                }
                return Err(match e {
                    StoreError::NotEmpty(table) => ApiError::refused(
                        Text::new("transfer-not-empty")
                            .str("where", target.display())
                            .str("table", table),
                    ),
                    other => {
                        tracing::error!(error = ?other, "transfer failed");
                        ApiError::new(
                            ErrorCode::Database,
                            Text::new("transfer-failed").str("where", target.display()),
                        )
                    }
                });
            }
        };
        if let Some(p) = &new_file {
            crate::backups::owner_only(p);
        }
        Ok(TransferReport {
            to: target.display(),
            rows: tables.iter().map(|t| t.rows).sum(),
            tables,
        })
    }
}
