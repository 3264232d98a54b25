//! kvorum-api — Kvorum's use cases: one async function per thing a user does. The Tauri
//! commands, the `kvorum` CLI and the integration stories in `tests/` all call these, so
//! every caller gets the same rules, the same transactions and the same Danish errors.
//! DTOs live here at the edge (serde, camelCase) and their TypeScript twins are generated
//! from them ([`bindings`]).
#![forbid(unsafe_code)]

pub mod accounts;
mod annual;
pub mod association;
pub mod audit;
pub mod backups;
pub mod bindings;
pub mod board;
pub mod budget;
pub mod bylaws;
pub mod clock;
pub mod closing;
pub mod commands;
pub mod consents;
pub mod documents;
pub mod dto;
pub mod elections;
pub mod encryption;
pub mod error;
pub mod fee_books;
pub mod fees;
pub mod files;
pub mod grants;
pub mod handover;
pub mod meetings;
pub mod members;
pub mod personal;
pub mod processing;
pub mod projector;
pub mod reminders;
mod reports;
pub mod servers;
pub mod settings;
pub mod transfer;
pub mod vouchers;

use kvorum_core::text::Lang;
use kvorum_store::{DbLocation, Engine, Store};

pub use clock::Clock;
pub use error::{ApiError, ErrorCode};

pub type ApiResult<T> = Result<T, ApiError>;

/// An open association database, on behalf of one app user.
pub struct Api {
    store: Store,
    location: DbLocation,
    actor: String,
    /// The language the user reads: generated sentences are said in it.
    lang: Lang,
    clock: Clock,
    /// The last member snapshot and the register's change count it was read at: searching
    /// as you type and the desk's voting rights reuse it until a write to the register (here
    /// or on another laptop) moves the count on.
    snapshot: tokio::sync::Mutex<Option<(i64, std::sync::Arc<members::MemberSnapshot>)>>,
    /// Fiscal years' budget lines, bookings and the grants, each read once per data
    /// generation (the overview of 10 000 bookings is then computed, not loaded; the annual
    /// accounts read the year and the year before without reading either twice).
    books: tokio::sync::Mutex<budget::BooksCache>,
    /// Files the user chose in the system's dialog, read by the shell and held here under a
    /// token, so the webview names a file without its bytes crossing IPC.
    held: files::HeldFiles,
    /// The second folder each backup is copied to, chosen on this laptop.
    backup_copy: Option<std::path::PathBuf>,
    /// What the projector shows (a screen, not a record: in memory only).
    projector: std::sync::Mutex<projector::ProjectorState>,
}

impl Api {
    /// Opens (or creates) the database at `location` — a file path, `sqlite://…` or
    /// `postgres://…` — migrating it (after a backup copy) if needed.
    pub async fn open(location: &str, actor: &str, clock: Clock) -> ApiResult<Api> {
        Self::open_with_password(location, None, actor, clock).await
    }

    /// The same, with a server's password given apart from its address: the address is
    /// what is remembered and shown, the password is not kept.
    pub async fn open_with_password(
        location: &str,
        password: Option<&str>,
        actor: &str,
        clock: Clock,
    ) -> ApiResult<Api> {
        Self::open_in(location, password, actor, clock, false).await
    }

    /// The same for a command-line process, which asks one thing at a time: one reader
    /// connection ([`Store::open_for_command`]).
    pub async fn open_for_command(
        location: &str,
        password: Option<&str>,
        actor: &str,
        clock: Clock,
    ) -> ApiResult<Api> {
        Self::open_in(location, password, actor, clock, true).await
    }

    async fn open_in(
        location: &str,
        password: Option<&str>,
        actor: &str,
        clock: Clock,
        one_command: bool,
    ) -> ApiResult<Api> {
        let loc = DbLocation::parse(location).map_err(|_| {
            ApiError::new(
                ErrorCode::File,
                kvorum_core::text::Text::new("db-location-bad").str("location", location),
            )
        })?;
        let store = if one_command {
            Store::open_for_command(&loc, password, clock.now()).await
        } else {
            Store::open_with_password(&loc, password, clock.now()).await
        }
        .map_err(|e| error::open_failed(&loc, e))?;
        Ok(Api {
            store,
            location: loc,
            actor: actor.to_owned(),
            lang: Lang::Da,
            clock,
            snapshot: Default::default(),
            books: Default::default(),
            held: Default::default(),
            backup_copy: None,
            projector: Default::default(),
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }
    pub fn location(&self) -> &DbLocation {
        &self.location
    }
    pub fn engine(&self) -> Engine {
        self.store.engine()
    }
    pub fn actor(&self) -> &str {
        &self.actor
    }
    pub fn set_actor(&mut self, actor: &str) {
        actor.clone_into(&mut self.actor);
    }
    pub fn lang(&self) -> Lang {
        self.lang
    }
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub async fn close(&self) {
        self.store.close().await;
    }

    async fn begin(&self) -> ApiResult<kvorum_store::StoreTx> {
        Ok(self.store.begin(&self.actor, self.clock.now()).await?)
    }

    /// Begins a write transaction in a database that holds its association, read there.
    async fn begin_in_association(
        &self,
    ) -> ApiResult<(kvorum_store::StoreTx, kvorum_core::association::Association)> {
        let mut tx = self.begin().await?;
        let association = tx
            .association()
            .await?
            .ok_or_else(association::no_association)?;
        Ok((tx, association))
    }
}
