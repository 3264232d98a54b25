//! A shared server as the user names it in the app: host, port, database and user, the
//! password apart (used for the connection, never remembered), and — for a server with its
//! own certificate — the certificate the user was given, saved on this laptop so the
//! address can name it (`sslrootcert`) next time.

use std::path::{Path, PathBuf};

use kvorum_core::text::Text;
use kvorum_core::FieldErrors;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ApiResult};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ServerInput {
    pub host: String,
    pub port: Option<u16>,
    pub database: String,
    pub user: String,
    pub password: String,
    /// The token of the server's certificate, chosen in the system's dialog.
    pub certificate: Option<String>,
}

/// The largest certificate file read (a chain of a few certificates is a few KB).
pub(crate) const MAX_CERTIFICATE: usize = 64 * 1024;

impl ServerInput {
    pub fn validate(&self) -> ApiResult<()> {
        let mut e = FieldErrors::default();
        let host = self.host.trim();
        if host.is_empty() {
            e.push("host", Text::new("server-host-missing"));
        } else if host.contains([' ', '/', '@', '?', '#']) {
            e.push("host", Text::new("server-host-bad"));
        }
        if self.database.trim().is_empty() {
            e.push("database", Text::new("server-database-missing"));
        }
        if self.user.trim().is_empty() {
            e.push("user", Text::new("server-user-missing"));
        }
        if e.is_empty() {
            Ok(())
        } else {
            Err(ApiError::validation(e))
        }
    }

    /// The server's address as Kvorum remembers it: no password; `sslrootcert` names the
    /// certificate saved for it, if any.
    pub fn url(&self, certificate: Option<&Path>) -> ApiResult<String> {
        self.validate()?;
        let bad = || ApiError::validation(FieldErrors::one("host", Text::new("server-host-bad")));
        let mut u = url::Url::parse("postgres://localhost/").map_err(|_| bad())?;
        u.set_host(Some(self.host.trim())).map_err(|_| bad())?;
        u.set_port(self.port).map_err(|()| bad())?;
        u.set_username(self.user.trim()).map_err(|()| bad())?;
        u.set_path(&format!("/{}", self.database.trim()));
        if let Some(c) = certificate {
            u.query_pairs_mut()
                .append_pair("sslrootcert", &c.display().to_string());
        }
        Ok(u.to_string())
    }

    pub fn password(&self) -> Option<&str> {
        Some(self.password.as_str()).filter(|p| !p.is_empty())
    }
}

impl Api {
    /// Saves the certificate held under `token` in `dir` (one file per server) and returns
    /// its path; only a PEM certificate is accepted.
    pub fn save_certificate(
        &self,
        token: &str,
        server: &ServerInput,
        dir: &Path,
    ) -> ApiResult<PathBuf> {
        let bytes = self.import_bytes(Some(token), &[])?;
        let text = String::from_utf8_lossy(&bytes);
        if !text.contains("-----BEGIN CERTIFICATE-----") {
            return Err(ApiError::validation(FieldErrors::one(
                "certificate",
                Text::new("server-certificate-bad"),
            )));
        }
        let safe = crate::files::safe_file_name(&format!(
            "{}-{}",
            server.host.trim(),
            server.port.unwrap_or(5432)
        ));
        std::fs::create_dir_all(dir).map_err(|e| crate::files::io_failed(&e, dir))?;
        let path = dir.join(format!("{safe}.pem"));
        crate::files::write_file(&path, &bytes)?;
        Ok(path)
    }
}

/// Where the certificates of the servers this laptop uses are kept.
pub fn certificate_dir(config_dir: &Path) -> PathBuf {
    config_dir.join("certifikater")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_has_no_password_and_names_the_certificate() {
        let s = ServerInput {
            host: " db.perronen.dk ".into(),
            port: Some(5433),
            database: "perronen".into(),
            user: "kasserer".into(),
            password: "hemmeligt".into(),
            certificate: None,
        };
        assert_eq!(
            s.url(None).unwrap(),
            "postgres://kasserer@db.perronen.dk:5433/perronen"
        );
        let with = s
            .url(Some(Path::new(
                "/home/k/.config/kvorum/certifikater/db.pem",
            )))
            .unwrap();
        assert!(
            with.ends_with("?sslrootcert=%2Fhome%2Fk%2F.config%2Fkvorum%2Fcertifikater%2Fdb.pem"),
            "{with}"
        );
        assert!(!with.contains("hemmeligt"));
        let empty = ServerInput::default().url(None).unwrap_err();
        let fields: Vec<&str> = empty.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["host", "database", "user"]);
    }
}
