//! The one error type at the API edge: a small stable `code` the UI can branch on, a
//! Danish `message` a volunteer understands, and per-field problems for forms.

use kvorum_core::{FieldError, FieldErrors};
use kvorum_store::{DbLocation, StoreError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// Input failed validation; see `fields`.
    Validation,
    NotFound,
    /// Someone else saved the record first.
    Conflict,
    /// The record is approved and locked (signed minutes): make a new version instead.
    Locked,
    /// A unique value (member no., …) is already used.
    Duplicate,
    /// An import file cannot be imported as it is.
    Import,
    /// The database has no association yet: create one first.
    NoAssociation,
    /// The database already holds an association.
    AlreadyExists,
    /// The database could not be reached or opened.
    Database,
    /// A file could not be read or written.
    File,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    pub fn validation(errs: FieldErrors) -> Self {
        let message = if errs.0.len() == 1 {
            errs.0[0].message.clone()
        } else {
            format!(
                "{} felter skal rettes. Se beskederne ved felterne.",
                errs.0.len()
            )
        };
        ApiError {
            code: ErrorCode::Validation,
            message,
            fields: errs.0,
        }
    }

    pub fn not_found(what: &str) -> Self {
        ApiError::new(
            ErrorCode::NotFound,
            format!("{what} findes ikke (længere)."),
        )
    }

    /// A stale update: `what` is e.g. "Medlemmet".
    pub fn conflict(what: &str) -> Self {
        ApiError::new(
            ErrorCode::Conflict,
            format!(
                "{what} er ændret af en anden siden du åbnede det. Dine ændringer er ikke gemt: \
                 luk og åbn igen for at se den nye udgave, og ret så igen."
            ),
        )
    }

    pub fn locked() -> Self {
        ApiError::new(
            ErrorCode::Locked,
            "Referatet er godkendt og låst og kan ikke ændres. Lav en rettelse: en ny version, der henviser til den godkendte.",
        )
    }

    /// Turns a store error into a message about `what` (e.g. "Medlemmet").
    pub fn from_store(e: StoreError, what: &str) -> Self {
        match e {
            StoreError::Conflict => ApiError::conflict(what),
            StoreError::NotFound => ApiError::not_found(what),
            other => other.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict => ApiError::conflict("Posten"),
            StoreError::NotFound => ApiError::not_found("Posten"),
            StoreError::Locked => ApiError::locked(),
            StoreError::Unique(what) => {
                tracing::info!(constraint = %what, "unique violation");
                ApiError::new(
                    ErrorCode::Duplicate,
                    "Værdien er allerede brugt af en anden post.",
                )
            }
            other => {
                tracing::error!(error = ?other, "database error");
                ApiError::new(
                    ErrorCode::Database,
                    format!("Databasen svarede med en fejl, og intet er gemt. ({other})"),
                )
            }
        }
    }
}

pub(crate) fn open_failed(loc: &DbLocation, e: StoreError) -> ApiError {
    tracing::error!(error = ?e, location = %loc.display(), "could not open database");
    let message = match loc {
        DbLocation::SqliteFile(p) => format!(
            "Foreningsfilen {} kunne ikke åbnes. Tjek at mappen findes, og at du må skrive i den. ({e})",
            p.display()
        ),
        DbLocation::Postgres(_) => format!(
            "Databaseserveren {} kunne ikke nås. Tjek adressen, brugernavn og adgangskode, og at serveren kører. ({e})",
            loc.display()
        ),
    };
    ApiError::new(ErrorCode::Database, message)
}
