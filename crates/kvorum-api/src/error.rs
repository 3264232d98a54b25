//! The one error type at the API edge: a small stable `code` the UI can branch on, a
//! `message` a volunteer understands (a catalogue [`Text`], Danish until
//! [`ApiError::localized`] renders it in the user's language), and per-field problems.

use kvorum_core::text::{Lang, Text};
use kvorum_core::{FieldError, FieldErrors};
use kvorum_store::{DbLocation, ServerRefusal, StoreError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// Input failed validation; see `fields`.
    Validation,
    /// The rules refuse the action as asked, though no single field is wrong (an election
    /// not yet counted, a vote count larger than the room); the message says why.
    Refused,
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
    /// The association file is encrypted: its passphrase is needed (or was wrong).
    Encrypted,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
    /// The message in the catalogue, to render it in another language.
    #[serde(skip)]
    #[ts(skip)]
    pub text: Option<Text>,
}

/// What an error is about, in words ("Medlemmet"): a catalogue id (`what-member`) or a
/// Danish word not yet in the catalogue.
fn what_text(what: &str) -> Text {
    match what {
        "Posten" => Text::new("what-record"),
        "Medlemmet" => Text::new("what-member"),
        "Mødet" => Text::new("what-meeting"),
        "Dagsordenspunktet" => Text::new("what-item"),
        "Forslaget" => Text::new("what-proposal"),
        "Vedtægterne" => Text::new("what-bylaws"),
        "Foreningen" => Text::new("what-association"),
        "Tilskuddet" => Text::new("what-grant"),
        "Posteringen" => Text::new("what-booking"),
        "Budgetposten" => Text::new("what-budget-line"),
        "Bestyrelsesregistret" => Text::new("what-board-register"),
        "Referatet" => Text::new("what-minutes"),
        "Beslutningen" => Text::new("what-decision"),
        "Vedtægtsudkastet" => Text::new("what-bylaws-draft"),
        "Valget" => Text::new("what-election"),
        "Udviklingsmålet" => Text::new("what-goal"),
        "Posten i bestyrelsesregistret" => Text::new("what-term"),
        "Kandidaten" => Text::new("what-candidate"),
        "Fuldmagten" => Text::new("what-proxy"),
        "Frikort-medarbejderen" => Text::new("what-frikort-worker"),
        "Forslagsstilleren" => Text::new("what-proposer"),
        "Deltageren" => Text::new("what-attendee"),
        "Budgettet" => Text::new("what-budget"),
        other => Text::from(other),
    }
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<Text>) -> Self {
        let text = message.into();
        ApiError {
            code,
            message: text.da(),
            fields: Vec::new(),
            text: Some(text),
        }
    }

    pub fn validation(errs: FieldErrors) -> Self {
        let text = match errs.0.as_slice() {
            [one] => one
                .text
                .clone()
                .unwrap_or_else(|| Text::from(one.message.clone())),
            many => Text::new("error-fields")
                .num("count", i64::try_from(many.len()).unwrap_or(i64::MAX)),
        };
        ApiError {
            fields: errs.0,
            ..ApiError::new(ErrorCode::Validation, text)
        }
    }

    /// The rules refuse the action; `text` says why and what to do instead.
    pub fn refused(text: impl Into<Text>) -> Self {
        ApiError::new(ErrorCode::Refused, text)
    }

    pub fn not_found(what: &str) -> Self {
        let text = Text::new("error-not-found").text("what", what_text(what));
        ApiError::new(ErrorCode::NotFound, text)
    }

    /// A stale update: `what` is e.g. "Medlemmet".
    pub fn conflict(what: &str) -> Self {
        let text = Text::new("error-conflict").text("what", what_text(what));
        ApiError::new(ErrorCode::Conflict, text)
    }

    pub fn locked() -> Self {
        ApiError::new(ErrorCode::Locked, Text::new("error-locked"))
    }

    /// The same error said in `lang` (its message and each field's).
    pub fn localized(mut self, lang: Lang) -> Self {
        if let Some(t) = &self.text {
            self.message = t.render(lang);
        }
        self.fields = self.fields.into_iter().map(|f| f.localized(lang)).collect();
        self
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
        if e.is_year_closed() {
            return ApiError::new(ErrorCode::Locked, Text::new("error-year-closed"));
        }
        match e {
            StoreError::Conflict => ApiError::conflict("Posten"),
            StoreError::NotFound => ApiError::not_found("Posten"),
            StoreError::Locked => ApiError::locked(),
            StoreError::Unique(what) => {
                tracing::info!(constraint = %what, "unique violation");
                ApiError::new(ErrorCode::Duplicate, Text::new("error-duplicate"))
            }
            other => {
                tracing::error!(error = ?other, "database error");
                // The cause goes to the log (above), not into a sentence for a volunteer.
                ApiError::new(ErrorCode::Database, Text::new("error-database"))
            }
        }
    }
}

pub(crate) fn open_failed(loc: &DbLocation, e: StoreError) -> ApiError {
    tracing::error!(error = ?e, location = %loc.display(), "could not open database");
    match (&e, loc) {
        (StoreError::Encrypted(_), DbLocation::SqliteFile(p)) => {
            return ApiError::new(
                ErrorCode::Encrypted,
                Text::new("error-file-encrypted").str("file", p.display().to_string()),
            )
        }
        (StoreError::WrongPassphrase(_), DbLocation::SqliteFile(p)) => {
            return ApiError::new(
                ErrorCode::Encrypted,
                Text::new("error-file-passphrase").str("file", p.display().to_string()),
            )
        }
        _ => {}
    }
    if let (StoreError::NotKvorum(_), DbLocation::SqliteFile(p)) = (&e, loc) {
        return ApiError::new(
            ErrorCode::File,
            Text::new("error-not-kvorum").str("file", p.display().to_string()),
        );
    }
    // A file (or server) a newer Kvorum has migrated: this one must not touch it.
    if let Some(v) = e.newer_schema() {
        return ApiError::new(
            ErrorCode::Database,
            Text::new("error-newer-version")
                .str("where", loc.display())
                .num("version", v),
        );
    }
    if let DbLocation::Postgres(_) = loc {
        let server = loc.display();
        if let StoreError::Insecure(host) = &e {
            return ApiError::new(
                ErrorCode::Database,
                Text::new("error-server-insecure").str("server", host.clone()),
            );
        }
        let id = match e.server_refusal() {
            Some(ServerRefusal::Tls) => Some("error-server-tls"),
            Some(ServerRefusal::Login) => Some("error-server-login"),
            Some(ServerRefusal::NoDatabase) => Some("error-server-no-database"),
            None => None,
        };
        if let Some(id) = id {
            return ApiError::new(ErrorCode::Database, Text::new(id).str("server", server));
        }
    }
    // The cause is in the log (above); the sentence says what to check.
    let message = match loc {
        DbLocation::SqliteFile(p) => {
            Text::new("error-open-file").str("file", p.display().to_string())
        }
        DbLocation::Postgres(_) => Text::new("error-open-server").str("server", loc.display()),
    };
    ApiError::new(ErrorCode::Database, message)
}
