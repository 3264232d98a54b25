//! Files the user chose, read and written with the operating system's errors said in Danish
//! ("Filen findes ikke", not "No such file or directory (os error 2)"), and a size limit
//! checked before a file is read whole. Used by the CLI and the app alike.

use std::io::ErrorKind;
use std::path::Path;

use kvorum_core::csv_file::{decode, MAX_IMPORT_BYTES};
use kvorum_core::text::Text;

use crate::{ApiError, ApiResult, ErrorCode};

/// What the user is choosing a file for, in the system's dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum ImportKind {
    /// A member register (CSV).
    Members,
    /// A bank statement (CSV).
    Bank,
    /// Bylaws as text (from Word: "Almindelig tekst").
    Bylaws,
    /// A booking's voucher (bilag): a PDF or picture, kept in the database.
    Voucher,
    /// A shared server's own certificate (PEM), to trust it.
    Certificate,
}

/// A file chosen and read by the backend: its name to show, and either the token an
/// import names it by (CSV files) or its text (bylaws, for the text box).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ChosenFile {
    pub name: String,
    #[ts(type = "number")]
    pub size: u64,
    pub token: Option<String>,
    pub text: Option<String>,
    /// The file's full path (a voucher, which the booking points to).
    pub path: Option<String>,
}

impl crate::Api {
    /// Reads the file the user chose for `kind` (size-checked first, OS errors in Danish)
    /// and holds it for the import, or gives the text of a bylaws file.
    pub fn read_chosen(&self, kind: ImportKind, path: &Path) -> ApiResult<ChosenFile> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match kind {
            ImportKind::Bylaws => {
                let text = read_text_file(path, kvorum_core::bylaws::MAX_BYLAWS_TEXT)?;
                Ok(ChosenFile {
                    name,
                    size: u64::try_from(text.len()).unwrap_or(u64::MAX),
                    token: None,
                    text: Some(text),
                    path: None,
                })
            }
            ImportKind::Voucher => {
                // Read whole and held for `voucher_attach`, which keeps it in the database.
                let bytes = read_file(path, kvorum_core::vouchers::MAX_VOUCHER_BYTES)?;
                kvorum_core::vouchers::voucher_media_type(&bytes)
                    .map_err(|m| ApiError::new(ErrorCode::File, m))?;
                let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
                Ok(ChosenFile {
                    name,
                    size,
                    token: Some(self.hold_file(bytes)),
                    text: None,
                    path: Some(path.display().to_string()),
                })
            }
            ImportKind::Members | ImportKind::Bank | ImportKind::Certificate => {
                let bytes = match kind {
                    ImportKind::Certificate => read_file(path, crate::servers::MAX_CERTIFICATE)?,
                    _ => read_import_file(path)?,
                };
                let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
                Ok(ChosenFile {
                    name,
                    size,
                    token: Some(self.hold_file(bytes)),
                    text: None,
                    path: None,
                })
            }
        }
    }
}

/// Files read for an import, by token; the last few only (a file is chosen, previewed,
/// perhaps mapped and imported, then another is chosen).
#[derive(Default)]
pub struct HeldFiles(std::sync::Mutex<Vec<(String, Vec<u8>)>>);

const HELD: usize = 4;

impl crate::Api {
    /// Holds a chosen file's bytes for the import that names it by the token returned.
    pub fn hold_file(&self, bytes: Vec<u8>) -> String {
        let token = uuid::Uuid::now_v7().to_string();
        let mut held = self
            .held
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        held.push((token.clone(), bytes));
        let excess = held.len().saturating_sub(HELD);
        held.drain(..excess);
        token
    }

    /// The bytes of an import: the held file the token names, else the bytes sent.
    pub(crate) fn import_bytes(&self, file: Option<&str>, bytes: &[u8]) -> ApiResult<Vec<u8>> {
        let Some(token) = file else {
            return Ok(bytes.to_vec());
        };
        let held = self
            .held
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        held.iter()
            .find(|(t, _)| t == token)
            .map(|(_, b)| b.clone())
            .ok_or_else(|| ApiError::new(ErrorCode::File, Text::new("file-chosen-gone")))
    }
}

/// What was being done when the system said no.
#[derive(Debug, Clone, Copy)]
enum Doing {
    Read,
    Write,
}

/// The operating system's refusal, in the catalogue's words where it has some.
/// A file that could not be written, in Danish.
pub(crate) fn io_failed(e: &std::io::Error, path: &Path) -> ApiError {
    os_error(e, path, Doing::Write)
}

fn os_error(e: &std::io::Error, path: &Path, doing: Doing) -> ApiError {
    let path = path.display().to_string();
    let text = match e.kind() {
        ErrorKind::NotFound => match doing {
            Doing::Read => Text::new("file-not-found"),
            Doing::Write => Text::new("file-folder-not-found"),
        },
        ErrorKind::PermissionDenied => Text::new("file-permission"),
        ErrorKind::IsADirectory => Text::new("file-is-folder"),
        ErrorKind::NotADirectory => Text::new("file-folder-not-found"),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Text::new("file-disk-full"),
        ErrorKind::ReadOnlyFilesystem => Text::new("file-read-only"),
        ErrorKind::InvalidFilename => Text::new("file-name-invalid"),
        ErrorKind::FileTooLarge => Text::new("file-too-large"),
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => Text::new("file-busy"),
        // Anything else in the system's own words, without its error number.
        _ => {
            let said = e.to_string();
            let cause = match said.rfind(" (os error") {
                Some(at) => said[..at].to_owned(),
                None => said,
            };
            match doing {
                Doing::Read => Text::new("file-unreadable").str("cause", cause),
                Doing::Write => Text::new("file-unwritable").str("cause", cause),
            }
        }
    };
    ApiError::new(ErrorCode::File, text.str("path", path))
}

/// A file the user chose to import, refused before it is read if it is larger than
/// `limit` bytes (or not a file at all).
pub fn read_file(path: &Path, limit: usize) -> ApiResult<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| os_error(&e, path, Doing::Read))?;
    if meta.is_dir() {
        return Err(ApiError::new(
            ErrorCode::File,
            Text::new("file-is-folder").str("path", path.display().to_string()),
        ));
    }
    if meta.len() > u64::try_from(limit).unwrap_or(u64::MAX) {
        return Err(ApiError::new(
            ErrorCode::File,
            Text::new("file-over-limit")
                .str("path", path.display().to_string())
                .num("mb", i64::try_from(limit / 1_000_000).unwrap_or(i64::MAX)),
        ));
    }
    std::fs::read(path).map_err(|e| os_error(&e, path, Doing::Read))
}

/// A CSV file to import (members, bank statements): at most 20 MB.
pub fn read_import_file(path: &Path) -> ApiResult<Vec<u8>> {
    read_file(path, MAX_IMPORT_BYTES)
}

/// A text file (bylaws, minutes) as Word or an editor saves it: UTF-8, with or without a
/// byte-order mark, or Windows-1252 ("Almindelig tekst" in a Danish Word).
pub fn read_text_file(path: &Path, limit: usize) -> ApiResult<String> {
    let bytes = read_file(path, limit)?;
    let (text, _) = decode(&bytes).map_err(|e| ApiError::new(ErrorCode::File, e.0))?;
    if text.contains('\0') {
        return Err(ApiError::new(
            ErrorCode::File,
            Text::new("file-not-text").str("path", path.display().to_string()),
        ));
    }
    Ok(text)
}

/// A name made safe as one file or folder name on every system: letters (æøå too), digits,
/// space, `-`, `_` and `.` kept, anything else (`/`, `:`, `?` …) a `-`.
pub fn safe_file_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A new file (or one emptied) that only its owner may read and write.
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let f = o.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(f)
}

/// Writes a file whole: to a temporary file beside it, then renamed over it, so a full disk
/// or a crash never leaves half a PDF where the old one was. The file is readable by its
/// owner only: a member list, minutes or a handover hold personal data.
pub fn write_file(path: &Path, bytes: &[u8]) -> ApiResult<()> {
    if path.is_dir() {
        return Err(ApiError::new(
            ErrorCode::File,
            Text::new("file-is-folder").str("path", path.display().to_string()),
        ));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.kvorum-tmp"));
    let written = private_file(&tmp)
        .and_then(|mut f| std::io::Write::write_all(&mut f, bytes))
        .and_then(|()| std::fs::rename(&tmp, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        os_error(&e, path, Doing::Write)
    })
}

/// Makes a folder (and those above it) to save several files in, said in Danish if refused.
pub fn create_folder(path: &Path) -> ApiResult<()> {
    std::fs::create_dir_all(path).map_err(|e| os_error(&e, path, Doing::Write))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kvorum_core::text::Lang;

    fn said(e: ApiError) -> String {
        e.localized(Lang::Da).message
    }

    #[test]
    fn the_systems_refusals_are_said_in_danish() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("mangler.csv");
        let m = said(read_import_file(&missing).unwrap_err());
        assert!(m.starts_with("Filen findes ikke"), "{m}");
        assert!(m.contains("mangler.csv"), "{m}");
        let m = said(read_import_file(dir.path()).unwrap_err());
        assert!(m.contains("er en mappe"), "{m}");
        let m = said(write_file(&dir.path().join("ingen/mappe.pdf"), b"x").unwrap_err());
        assert!(m.contains("Mappen findes ikke"), "{m}");
        let big = dir.path().join("stor.txt");
        std::fs::write(&big, vec![b'a'; 2000]).unwrap();
        let m = said(read_file(&big, 1000).unwrap_err());
        assert!(m.contains("for stor"), "{m}");
    }

    /// A saved document holds personal data: only its owner reads it, also when it replaces
    /// a file that others could read.
    #[cfg(unix)]
    #[test]
    fn saved_files_are_the_owners_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("medlemsliste.pdf");
        std::fs::write(&p, b"old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_file(&p, b"%PDF").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"%PDF");
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn text_from_word_in_windows_1252_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("vedtægter.txt");
        std::fs::write(&p, b"\xa7 1 Navn\nForeningens navn er M\xf8destedet.\n").unwrap();
        assert_eq!(
            read_text_file(&p, 1000).unwrap(),
            "§ 1 Navn\nForeningens navn er Mødestedet.\n"
        );
        let out = dir.path().join("ud.pdf");
        write_file(&out, b"%PDF").unwrap();
        write_file(&out, b"%PDF-2").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-2");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporary file left"
        );
    }
}
