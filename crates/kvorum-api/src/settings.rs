//! This laptop's settings (not the association's): the app user's name for the audit log,
//! the language, and the recently opened association files. Kept as JSON in the user's
//! config directory (`~/.config/kvorum/settings.json` on Linux).

use kvorum_core::text::Text;
use std::path::{Path, PathBuf};

use kvorum_core::association::Association;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ApiResult, ErrorCode};

pub const RECENT_KEPT: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AppSettings {
    pub user_name: Option<String>,
    /// "da" (default) or "en".
    pub language: Option<String>,
    /// Most recent first.
    pub recent: Vec<String>,
    /// The second folder every backup is copied to (a USB stick, a synced folder).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_copy_dir: Option<String>,
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "kvorum")
}

/// `KVORUM_CONFIG_DIR`, else the platform's config dir for Kvorum.
pub fn config_dir() -> PathBuf {
    std::env::var_os("KVORUM_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| project_dirs().map(|d| d.config_dir().to_owned()))
        .unwrap_or_else(|| PathBuf::from(".kvorum"))
}

/// The default association file: `~/.local/share/kvorum/forening.sqlite` on Linux.
pub fn default_db_path() -> PathBuf {
    project_dirs()
        .map(|d| d.data_dir().join("forening.sqlite"))
        .unwrap_or_else(|| PathBuf::from("forening.sqlite"))
}

/// `--db`, else `KVORUM_DB`, else the default file.
pub fn resolve_db(cli: Option<&str>) -> String {
    cli.map(str::to_owned)
        .or_else(|| {
            std::env::var("KVORUM_DB")
                .ok()
                .filter(|s| !s.trim().is_empty())
        })
        .unwrap_or_else(|| default_db_path().display().to_string())
}

/// A location as it is shown and remembered: a server's address without its password.
pub fn shown(location: &str) -> String {
    kvorum_store::DbLocation::parse(location)
        .map(|l| l.display())
        .unwrap_or_else(|_| location.to_owned())
}

/// The OS user, for when no name has been set.
pub fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "ukendt bruger".into())
}

impl AppSettings {
    fn file(dir: &Path) -> PathBuf {
        dir.join("settings.json")
    }

    /// Reads the settings; a missing or unreadable file gives the defaults.
    /// A server's password in the recent list (written by an older Kvorum) is dropped as
    /// the file is read.
    pub fn load(dir: &Path) -> AppSettings {
        let mut s: AppSettings = std::fs::read(Self::file(dir))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        let recent = std::mem::take(&mut s.recent);
        for r in recent.iter().rev() {
            s.remember(r);
        }
        s
    }

    /// Writes atomically (temp file + rename), so a crash never leaves half a file.
    pub fn save(&self, dir: &Path) -> ApiResult<()> {
        let io = |e: std::io::Error| {
            ApiError::new(
                ErrorCode::File,
                Text::new("settings-save-failed")
                    .str("dir", dir.display().to_string())
                    .str("cause", e.to_string()),
            )
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let tmp = dir.join("settings.json.tmp");
        let json = serde_json::to_vec_pretty(self).unwrap_or_default();
        std::fs::write(&tmp, json).map_err(io)?;
        std::fs::rename(&tmp, Self::file(dir)).map_err(io)
    }

    pub fn actor(&self) -> String {
        self.user_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(os_user)
    }

    /// Puts `location` first in the recent list, keeping [`RECENT_KEPT`]; a server is
    /// remembered without its password.
    pub fn remember(&mut self, location: &str) {
        let location = shown(location);
        self.recent.retain(|r| *r != location);
        self.recent.insert(0, location);
        self.recent.truncate(RECENT_KEPT);
    }
}

/// What the app shell shows about the open file and this laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    /// The open database, for display (a server URL without its password).
    pub location: String,
    /// "sqlite" or "postgres".
    pub engine: String,
    pub association: Option<Association>,
    pub user_name: String,
    /// The user typed their name (else `user_name` is the computer's login name, or
    /// "ukendt bruger"): the first screen asks for it, for the audit log.
    pub user_name_chosen: bool,
    pub language: String,
    pub recent: Vec<String>,
    /// The second folder backups are copied to, if one is chosen.
    pub backup_copy_dir: Option<String>,
    /// The association's file is encrypted with a passphrase.
    pub encrypted: bool,
    /// Today's date in Denmark (ISO), as the backend sees it.
    pub today: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct SettingsInput {
    pub user_name: Option<String>,
    pub language: Option<String>,
}

impl Api {
    pub async fn app_status(&self, settings: &AppSettings) -> ApiResult<AppStatus> {
        Ok(AppStatus {
            location: self.location().display(),
            engine: match self.engine() {
                kvorum_store::Engine::Sqlite => "sqlite".into(),
                kvorum_store::Engine::Postgres => "postgres".into(),
            },
            association: self.association_get().await?,
            user_name: settings.actor(),
            user_name_chosen: settings
                .user_name
                .as_deref()
                .is_some_and(|n| !n.trim().is_empty()),
            language: settings.language.clone().unwrap_or_else(|| "da".into()),
            recent: settings.recent.clone(),
            backup_copy_dir: settings.backup_copy_dir.clone(),
            encrypted: self.encrypted(),
            today: self.clock.today().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A password typed into a server address never reaches the settings file, and one an
    /// older Kvorum wrote there is gone when the file is read.
    #[test]
    fn a_server_is_remembered_without_its_password() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = AppSettings::default();
        s.remember("postgres://kasserer:Hemmelig%C3%A6@db.example.dk:5432/perronen");
        assert_eq!(
            s.recent,
            ["postgres://kasserer@db.example.dk:5432/perronen"]
        );
        s.recent
            .push("postgres://karin:endnu-hemmeligere@db.example.dk/perronen".into());
        std::fs::write(
            dir.path().join("settings.json"),
            serde_json::to_vec(&s).unwrap(),
        )
        .unwrap();
        let read = AppSettings::load(dir.path());
        assert_eq!(
            read.recent,
            [
                "postgres://kasserer@db.example.dk:5432/perronen",
                "postgres://karin@db.example.dk/perronen"
            ]
        );
        read.save(dir.path()).unwrap();
        let text = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
        assert!(!text.contains("emmelig"), "{text}");
    }

    #[test]
    fn recent_files_are_deduplicated_and_capped() {
        let mut s = AppSettings::default();
        for i in 0..15 {
            s.remember(&format!("/tmp/{i}.sqlite"));
        }
        s.remember("/tmp/3.sqlite");
        assert_eq!(s.recent.len(), RECENT_KEPT);
        assert_eq!(s.recent[0], "/tmp/3.sqlite");
        assert_eq!(s.recent.iter().filter(|r| *r == "/tmp/3.sqlite").count(), 1);
    }

    #[test]
    fn settings_round_trip_through_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = AppSettings {
            user_name: Some("Karin Sekretær".into()),
            ..Default::default()
        };
        s.remember("/x/forening.sqlite");
        s.save(dir.path()).unwrap();
        assert_eq!(AppSettings::load(dir.path()), s);
        assert_eq!(s.actor(), "Karin Sekretær");
    }
}
