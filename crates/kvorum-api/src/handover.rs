//! Overdragelse: when a secretary or treasurer hands over to the next, one file holds it
//! all — the association's database (a checked copy, encrypted if the file is), the bylaws
//! in force, the board, the last approved minutes and the year's budget follow-up as PDFs,
//! and a note on how to open it. The package is a .zip, AES-256 encrypted with the file's
//! passphrase when the file is encrypted. Opening one unpacks it into a folder beside it
//! and opens the association there.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use kvorum_core::text::Text;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::documents::ExportRequest;
use crate::dto::ExportFile;
use crate::{Api, ApiError, ApiResult, ErrorCode};

/// The package's table of contents (`kvorum-overdragelse.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Manifest {
    association: String,
    made_at: chrono::DateTime<chrono::Utc>,
    made_by: String,
    /// The association's database in the package, and its SHA-256.
    database: String,
    sha256: String,
    encrypted: bool,
}

const MANIFEST: &str = "kvorum-overdragelse.json";
/// The largest package opened (a database of 50 000 members with its PDFs is far smaller).
const MAX_PACKAGE: u64 = 2 * 1024 * 1024 * 1024;

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn package_failed(cause: impl std::fmt::Display) -> ApiError {
    tracing::error!(%cause, "handover package");
    ApiError::new(
        ErrorCode::File,
        Text::new("handover-failed").str("cause", cause.to_string()),
    )
}

impl Api {
    /// Makes the handover package.
    pub(crate) async fn handover(&self) -> ApiResult<ExportFile> {
        let association = self.require_association().await?;
        let today = self.clock.today();
        let dir = tempfile::tempdir().map_err(package_failed)?;
        let db_name = format!("{}.sqlite", crate::files::safe_file_name(&association.name));
        let copy = dir.path().join(&db_name);
        self.copy_to(&copy).await.map_err(package_failed)?;
        let database = std::fs::read(&copy).map_err(package_failed)?;
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        // Each document that exists; one the association does not have yet is left out.
        let mut wanted = vec![
            ("Vedtægter.pdf".to_owned(), ExportRequest::BylawsPdf),
            (
                "Bestyrelsen.pdf".to_owned(),
                ExportRequest::BoardPdf { on: Some(today) },
            ),
        ];
        if let Some(m) = self
            .minutes_list()
            .await?
            .into_iter()
            .filter(|m| m.approved_on.is_some())
            .max_by_key(|m| (m.date, m.number))
        {
            wanted.push((
                format!(
                    "Referat {} {}.pdf",
                    crate::files::safe_file_name(&m.meeting_title),
                    m.date
                ),
                ExportRequest::MinutesPdf {
                    meeting: m.meeting,
                    number: Some(m.number),
                },
            ));
        }
        let year = chrono::Datelike::year(
            &kvorum_core::budget::fiscal_year_of(today, association.fiscal_year_start_month).0,
        );
        for y in [year - 1, year] {
            wanted.push((
                format!("Budgetopfølgning {y}.pdf"),
                ExportRequest::BudgetFollowupPdf { year: y },
            ));
        }
        for (name, request) in wanted {
            match self.export(request).await {
                Ok(f) => files.push((name, f.bytes)),
                Err(e) => {
                    tracing::info!(document = %name, error = %e.message, "not in the handover")
                }
            }
        }
        let key = self.store.key().map(str::to_owned);
        let manifest = Manifest {
            association: association.name.clone(),
            made_at: self.clock.now(),
            made_by: self.actor.clone(),
            database: db_name.clone(),
            sha256: hex(&database),
            encrypted: key.is_some(),
        };
        let readme = Text::new("handover-readme")
            .str("association", association.name.clone())
            .str("by", self.actor.clone())
            .str("date", kvorum_core::dates::format_date(today))
            .str("file", db_name.clone())
            .render(self.lang);
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let plain = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let sealed = match &key {
            Some(k) => plain.with_aes_encryption(zip::AesMode::Aes256, k),
            None => plain,
        };
        let mut add = |name: &str, bytes: &[u8], secret: bool| -> ApiResult<()> {
            out.start_file(name, if secret { sealed } else { plain })
                .map_err(package_failed)?;
            out.write_all(bytes).map_err(package_failed)
        };
        // The note and the table of contents are readable without the passphrase; the
        // register and the documents are not.
        add("LÆS MIG.txt", readme.as_bytes(), false)?;
        add(
            MANIFEST,
            serde_json::to_string_pretty(&manifest)
                .unwrap_or_default()
                .as_bytes(),
            false,
        )?;
        add(&db_name, &database, true)?;
        for (name, bytes) in &files {
            add(name, bytes, true)?;
        }
        let bytes = out.finish().map_err(package_failed)?.into_inner();
        Ok(ExportFile {
            file_name: format!(
                "Overdragelse {} {}.zip",
                crate::files::safe_file_name(&association.name),
                today
            ),
            rows: files.len() + 1,
            bytes,
        })
    }
}

/// Whether the package at `path` needs a passphrase (its database is encrypted).
pub fn handover_encrypted(path: &Path) -> ApiResult<bool> {
    Ok(read_manifest(path)?.encrypted)
}

fn open_archive(path: &Path) -> ApiResult<zip::ZipArchive<std::fs::File>> {
    let not_a_package = || {
        ApiError::new(
            ErrorCode::File,
            Text::new("handover-not-package").str("file", path.display().to_string()),
        )
    };
    let file = std::fs::File::open(path).map_err(|e| crate::files::io_failed(&e, path))?;
    if file.metadata().map(|m| m.len()).unwrap_or(0) > MAX_PACKAGE {
        return Err(not_a_package());
    }
    zip::ZipArchive::new(file).map_err(|_| not_a_package())
}

fn read_manifest(path: &Path) -> ApiResult<Manifest> {
    let mut archive = open_archive(path)?;
    let not_a_package = || {
        ApiError::new(
            ErrorCode::File,
            Text::new("handover-not-package").str("file", path.display().to_string()),
        )
    };
    let mut entry = archive.by_name(MANIFEST).map_err(|_| not_a_package())?;
    let mut text = String::new();
    entry
        .by_ref()
        .take(64 * 1024)
        .read_to_string(&mut text)
        .map_err(|_| not_a_package())?;
    serde_json::from_str(&text).map_err(|_| not_a_package())
}

/// Unpacks the package at `path` into a folder beside it (named as the package) and
/// returns the association's database there, checked against the package's checksum.
/// Nothing is written outside that folder, and an existing folder is not written into.
pub fn open_handover(path: &Path, passphrase: Option<&str>) -> ApiResult<PathBuf> {
    let manifest = read_manifest(path)?;
    if manifest.encrypted && passphrase.is_none_or(str::is_empty) {
        return Err(ApiError::new(
            ErrorCode::Encrypted,
            Text::new("handover-encrypted").str("file", path.display().to_string()),
        ));
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Overdragelse".into());
    let folder = path.with_file_name(&stem);
    if folder.exists() {
        return Err(ApiError::refused(
            Text::new("handover-folder-exists").str("folder", folder.display().to_string()),
        ));
    }
    let mut archive = open_archive(path)?;
    let tmp = path.with_file_name(format!(".{stem}.unpacking"));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| crate::files::io_failed(&e, &tmp))?;
    let unpacked = (|| -> ApiResult<()> {
        for i in 0..archive.len() {
            let raw = archive.by_index_raw(i).map_err(package_failed)?;
            let Some(name) = raw.enclosed_name() else {
                continue;
            };
            let secret = raw.encrypted();
            drop(raw);
            // Only plain names: nothing in a subfolder or outside the folder.
            if name.components().count() != 1 {
                continue;
            }
            let mut entry = if secret {
                archive
                    .by_index_decrypt(i, passphrase.unwrap_or("").as_bytes())
                    .map_err(|e| match e {
                        zip::result::ZipError::InvalidPassword => ApiError::new(
                            ErrorCode::Encrypted,
                            Text::new("handover-passphrase")
                                .str("file", path.display().to_string()),
                        ),
                        other => package_failed(other),
                    })?
            } else {
                archive.by_index(i).map_err(package_failed)?
            };
            let mut bytes = Vec::new();
            entry
                .by_ref()
                .take(MAX_PACKAGE)
                .read_to_end(&mut bytes)
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::InvalidData => ApiError::new(
                        ErrorCode::Encrypted,
                        Text::new("handover-passphrase").str("file", path.display().to_string()),
                    ),
                    _ => package_failed(e),
                })?;
            if name.as_os_str() == manifest.database.as_str() && hex(&bytes) != manifest.sha256 {
                return Err(package_failed("the database does not match its checksum"));
            }
            let to = tmp.join(&name);
            std::fs::write(&to, &bytes).map_err(|e| crate::files::io_failed(&e, &to))?;
            crate::backups::owner_only(&to);
        }
        Ok(())
    })();
    if let Err(e) = unpacked {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if !tmp.join(&manifest.database).is_file() {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(package_failed("the package holds no database"));
    }
    std::fs::rename(&tmp, &folder).map_err(|e| crate::files::io_failed(&e, &folder))?;
    Ok(folder.join(&manifest.database))
}
