//! kvorum-store — persistence for Kvorum. One association's data lives in one database:
//! an embedded SQLite file, or a PostgreSQL server shared by several laptops. The engine
//! is chosen once from the URL; SQL is written once where the engines agree (sqlx-sqlite
//! accepts `$1` placeholders) and the conformance story in `tests/` proves each query on
//! both. Depends on kvorum-core only; never on kvorum-docs.
#![forbid(unsafe_code)]

mod accounts;
mod association;
pub mod audit;
mod backup;
mod board;
mod budget;
mod bylaws;
mod consents;
mod fees;
mod grantors;
mod grants;
mod meetings;
mod members;
mod privacy;
pub mod safekeeping;
mod stored;
pub mod transfer;
pub mod vouchers;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgSslMode};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

pub use audit::{AuditEntry, AuditFilter, Audited};
pub use backup::{backups_of, BACKUPS_KEPT};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");
/// How long a write waits for another process's write transaction on the same file.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Read-only connections per open SQLite file, for the app's screens asking at once.
const SQLITE_READERS: u32 = 4;

static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row changed since the caller read it (its version moved on).
    #[error("the record was changed by someone else")]
    Conflict,
    /// The row is approved (e.g. signed minutes) and can no longer change.
    #[error("the record is approved and locked")]
    Locked,
    #[error("not found")]
    NotFound,
    #[error("unique constraint violated: {0}")]
    Unique(String),
    #[error("the database address is not understood: {0}")]
    BadUrl(String),
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// An SQLite file that holds tables but is not a Kvorum database: left untouched.
    #[error("not a Kvorum database: {0}")]
    NotKvorum(String),
    /// A transfer goes into an empty database only; this table holds rows.
    #[error("the target database is not empty: {0}")]
    NotEmpty(String),
    /// A server on the network addressed without encryption (`sslmode=disable`, `allow` or
    /// `prefer`): refused, since the password and the register would cross the network as
    /// clear text.
    #[error("a server on the network must be reached over TLS: {0}")]
    Insecure(String),
    /// The file is encrypted and no passphrase was given.
    #[error("the file is encrypted: {0}")]
    Encrypted(String),
    /// The passphrase given does not open the file.
    #[error("the passphrase does not open the file: {0}")]
    WrongPassphrase(String),
}

/// Why a server did not let Kvorum in, as far as the user can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerRefusal {
    /// No TLS, or a certificate that is not trusted (nothing was sent).
    Tls,
    /// User name or password not accepted (SQLSTATE class 28).
    Login,
    /// The database named does not exist (3D000).
    NoDatabase,
}

impl StoreError {
    pub fn server_refusal(&self) -> Option<ServerRefusal> {
        match self {
            StoreError::Db(sqlx::Error::Tls(_)) => Some(ServerRefusal::Tls),
            // rustls's verdict on the certificate arrives as invalid data on the socket.
            StoreError::Db(sqlx::Error::Io(e))
                if e.kind() == std::io::ErrorKind::InvalidData
                    && format!("{e:?}")
                        .to_ascii_lowercase()
                        .contains("certificate") =>
            {
                Some(ServerRefusal::Tls)
            }
            StoreError::Db(sqlx::Error::Database(db)) => match db.code().as_deref() {
                Some(c) if c.starts_with("28") => Some(ServerRefusal::Login),
                Some("3D000") => Some(ServerRefusal::NoDatabase),
                _ => None,
            },
            _ => None,
        }
    }

    /// The database was migrated by a newer Kvorum (it has migration `version`, which this
    /// build does not know): nothing was changed, and this build must not open it.
    pub fn newer_schema(&self) -> Option<i64> {
        match self {
            StoreError::Migrate(sqlx::migrate::MigrateError::VersionMissing(v)) => Some(*v),
            _ => None,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Maps a unique-constraint violation to [`StoreError::Unique`], naming the constraint.
impl StoreError {
    /// The database refused a change to a closed fiscal year (its lock triggers).
    pub fn is_year_closed(&self) -> bool {
        matches!(self, StoreError::Db(sqlx::Error::Database(db)) if db.message().contains("fiscal year is closed"))
    }
}

pub(crate) fn map_unique(e: sqlx::Error) -> StoreError {
    if let Some(db) = e.as_database_error() {
        if db.is_unique_violation() {
            let what = db
                .constraint()
                .map(str::to_owned)
                .unwrap_or_else(|| db.message().to_owned());
            return StoreError::Unique(what);
        }
    }
    StoreError::Db(e)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Where the data lives, as the user or the CLI names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbLocation {
    SqliteFile(PathBuf),
    Postgres(String),
}

impl DbLocation {
    /// `postgres://…` / `postgresql://…` is a server; `sqlite://path`, `sqlite:path` or a
    /// plain path is a file.
    pub fn parse(s: &str) -> Result<Self> {
        let s = s.trim();
        if s.is_empty() {
            return Err(StoreError::BadUrl(s.into()));
        }
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(DbLocation::Postgres(s.to_owned()));
        }
        let path = s
            .strip_prefix("sqlite://")
            .or_else(|| s.strip_prefix("sqlite:"))
            .unwrap_or(s);
        if path.contains("://") {
            return Err(StoreError::BadUrl(s.into()));
        }
        Ok(DbLocation::SqliteFile(PathBuf::from(path)))
    }

    /// For display and for the recent-files list; a server URL hides its password.
    pub fn display(&self) -> String {
        match self {
            DbLocation::SqliteFile(p) => p.display().to_string(),
            DbLocation::Postgres(url) => match (url.find("://"), url.rfind('@')) {
                (Some(scheme), Some(at)) if at > scheme => {
                    let creds = &url[scheme + 3..at];
                    let user = creds.split(':').next().unwrap_or("");
                    format!("{}{}@{}", &url[..scheme + 3], user, &url[at + 1..])
                }
                _ => url.clone(),
            },
        }
    }
}

/// The connection options with the file's passphrase, if it has one (SQLCipher's `PRAGMA
/// key`, which sqlx sends before any other statement).
pub(crate) fn keyed(opts: SqliteConnectOptions, key: Option<&str>) -> SqliteConnectOptions {
    match key {
        Some(k) => opts.pragma("key", format!("'{}'", k.replace('\'', "''"))),
        None => opts,
    }
}

/// SQLite's "file is not a database" (SQLITE_NOTADB): an encrypted file read without its
/// passphrase, or with another.
pub(crate) fn not_a_database(e: &StoreError) -> bool {
    matches!(e, StoreError::Db(sqlx::Error::Database(db)) if db.code().as_deref() == Some("26"))
}

/// How Kvorum connects to a server named by `url`: over TLS with the server's certificate
/// verified (`sslmode=verify-full`, against the computer's root certificates or the one the URL
/// names in `sslrootcert`) unless the URL or `PGSSLMODE` says otherwise. Without encryption
/// only on this computer (a Unix socket, `localhost`, 127.0.0.1, ::1).
pub fn server_options(url: &str, password: Option<&str>) -> Result<PgConnectOptions> {
    let mut opts: PgConnectOptions = url
        .parse()
        .map_err(|e: sqlx::Error| StoreError::BadUrl(e.to_string()))?;
    if let Some(p) = password.filter(|p| !p.is_empty()) {
        opts = opts.password(p);
    }
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    let explicit = query
        .split('&')
        .any(|kv| kv.starts_with("sslmode=") || kv.starts_with("ssl-mode="))
        || std::env::var_os("PGSSLMODE").is_some();
    let socket = opts.get_socket().is_some() || opts.get_host().starts_with('/');
    if !explicit && !socket {
        opts = opts.ssl_mode(PgSslMode::VerifyFull);
    }
    let host = opts.get_host().trim_matches(['[', ']']).to_owned();
    let local = socket
        || host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    let clear = matches!(
        opts.get_ssl_mode(),
        PgSslMode::Disable | PgSslMode::Allow | PgSslMode::Prefer
    );
    if clear && !local {
        return Err(StoreError::Insecure(host));
    }
    Ok(opts.application_name("Kvorum"))
}

/// The open database: an enum of typed pools, one per engine. On SQLite, `pool` is a small
/// pool of read-only connections (WAL lets them read while a write is under way) and
/// `writer` the one connection every write transaction goes through.
#[derive(Debug, Clone)]
pub enum Store {
    Sqlite {
        pool: SqlitePool,
        writer: SqlitePool,
        path: PathBuf,
        /// The file's passphrase, when it is encrypted (its backups are encrypted with it).
        key: Option<String>,
    },
    Postgres {
        pool: PgPool,
        /// The server's login for this connection (`session_user`).
        login: String,
    },
}

/// Runs the same expression on whichever pool is open. Each arm is compiled for its own
/// engine, so one SQL text serves both where the SQL is portable.
macro_rules! on_pool {
    ($store:expr, $c:ident => $body:expr) => {
        match $store {
            $crate::Store::Sqlite { pool: $c, .. } => $body,
            $crate::Store::Postgres { pool: $c, .. } => $body,
        }
    };
}
pub(crate) use on_pool;

/// The same for an open transaction.
macro_rules! on_tx {
    ($tx:expr, $c:ident => $body:expr) => {
        match &mut $tx.inner {
            $crate::TxInner::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::TxInner::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}
pub(crate) use on_tx;

/// Where a read runs: the pool (committed data), or the open transaction, which sees its own
/// writes and — on SQLite, which takes the write lock at `BEGIN IMMEDIATE` — nobody else's
/// since it began. Every read is written once, on `Reader`, and [`reads!`] gives it to both
/// [`Store`] and [`StoreTx`], so a use case loads its facts inside its transaction.
pub enum Reader<'a> {
    SqlitePool(&'a SqlitePool),
    PgPool(&'a PgPool),
    SqliteTx(&'a mut sqlx::SqliteConnection),
    PgTx(&'a mut sqlx::PgConnection),
}

/// Runs the same expression on whatever a [`Reader`] reads from; each arm is compiled for
/// its own engine and executor.
macro_rules! on_reader {
    ($reader:expr, $c:ident => $body:expr) => {
        match $reader {
            $crate::Reader::SqlitePool(p) => {
                let $c: &sqlx::SqlitePool = *p;
                $body
            }
            $crate::Reader::PgPool(p) => {
                let $c: &sqlx::PgPool = *p;
                $body
            }
            $crate::Reader::SqliteTx(t) => {
                let $c: &mut sqlx::SqliteConnection = &mut **t;
                $body
            }
            $crate::Reader::PgTx(t) => {
                let $c: &mut sqlx::PgConnection = &mut **t;
                $body
            }
        }
    };
}
pub(crate) use on_reader;

/// Defines reads on [`Reader`] and the same methods on [`Store`] (from the pool) and on
/// [`StoreTx`] (inside the transaction).
macro_rules! reads {
    ($(
        $(#[$meta:meta])*
        pub async fn $name:ident(&mut $self:ident $(, $arg:ident: $ty:ty)* $(,)?) -> $ret:ty $body:block
    )*) => {
        impl $crate::Reader<'_> {
            $(
                $(#[$meta])*
                pub async fn $name(&mut $self $(, $arg: $ty)*) -> $ret $body
            )*
        }
        impl $crate::Store {
            $(
                $(#[$meta])*
                pub async fn $name(&self $(, $arg: $ty)*) -> $ret {
                    self.reader().$name($($arg),*).await
                }
            )*
        }
        impl $crate::StoreTx {
            $(
                $(#[$meta])*
                pub async fn $name(&mut self $(, $arg: $ty)*) -> $ret {
                    self.reader().$name($($arg),*).await
                }
            )*
        }
    };
}
pub(crate) use reads;

pub(crate) enum TxInner {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// A write transaction: every multi-row change goes through one, and nothing of it is
/// visible until [`StoreTx::commit`]. Dropping it rolls back.
pub struct StoreTx {
    pub(crate) inner: TxInner,
    pub(crate) now: DateTime<Utc>,
    pub(crate) actor: String,
}

impl StoreTx {
    /// Reads inside this transaction (it sees its own writes).
    pub fn reader(&mut self) -> Reader<'_> {
        match &mut self.inner {
            TxInner::Sqlite(t) => Reader::SqliteTx(t),
            TxInner::Postgres(t) => Reader::PgTx(t),
        }
    }

    /// Commits, bumping the data generation in the same transaction.
    pub async fn commit(mut self) -> Result<()> {
        on_tx!(self, c => sqlx::query("UPDATE data_generation SET generation = generation + 1")
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        match self.inner {
            TxInner::Sqlite(t) => t.commit().await?,
            TxInner::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

impl Store {
    /// Opens (or creates) the database and brings its schema up to date. An existing
    /// SQLite file is copied (`VACUUM INTO`) before any migration runs on it.
    pub async fn open(location: &DbLocation, now: DateTime<Utc>) -> Result<Store> {
        Self::open_with_password(location, None, now).await
    }

    /// The same, with the server's password given apart from its address (which is what is
    /// remembered and shown, without the password).
    pub async fn open_with_password(
        location: &DbLocation,
        password: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Store> {
        Self::open_with_readers(location, password, now, SQLITE_READERS).await
    }

    /// The same for one command at a time (the command line): one reader connection.
    ///
    /// sqlx tests a connection (a round trip to its thread) before it goes back to the
    /// pool, in a task of its own; a query right after another would find no connection
    /// idle and open a second one, with its own parse of the schema. With one reader the
    /// query waits those microseconds for the first instead (a 23-page minutes PDF opened
    /// three SQLite connections, now two).
    pub async fn open_for_command(
        location: &DbLocation,
        password: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Store> {
        Self::open_with_readers(location, password, now, 1).await
    }

    async fn open_with_readers(
        location: &DbLocation,
        password: Option<&str>,
        now: DateTime<Utc>,
        readers: u32,
    ) -> Result<Store> {
        match location {
            DbLocation::SqliteFile(path) => Self::open_sqlite(path, password, now, readers).await,
            DbLocation::Postgres(url) => {
                let pool = PgPoolOptions::new()
                    .max_connections(5)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(server_options(url, password)?)
                    .await?;
                POSTGRES_MIGRATIONS.run(&pool).await?;
                // The login the server authenticated (not `current_user`, which `SET ROLE`
                // changes): what the audit log records beside the name typed in settings.
                let login: String = sqlx::query_scalar("SELECT session_user::text")
                    .fetch_one(&pool)
                    .await?;
                Ok(Store::Postgres { pool, login })
            }
        }
    }

    /// Opens an association file; `key` is its passphrase when it is encrypted (SQLCipher),
    /// or the passphrase a new file is created with.
    async fn open_sqlite(
        path: &Path,
        key: Option<&str>,
        now: DateTime<Utc>,
        readers: u32,
    ) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let existed = path.exists() && std::fs::metadata(path)?.len() > 0;
        let key = key.filter(|k| !k.is_empty());
        // The path as a path: `?`, `#` and `%25` in a file name are letters, not URL syntax.
        // No journal mode yet: WAL is written into the file, and the file is looked at first.
        let opts = keyed(SqliteConnectOptions::new(), key)
            .filename(path)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // 64 MB of page cache (the default is 2 MB): an import of 50 000 members keeps
            // its indexes in memory.
            .pragma("cache_size", "-65536")
            .row_buffer_size(4096)
            .busy_timeout(SQLITE_BUSY_TIMEOUT);
        // "File is not a database": encrypted, and read without its passphrase or with
        // another (the first read may be a pragma of the connection's own).
        let locked = |e: StoreError| {
            if !not_a_database(&e) {
                e
            } else if key.is_none() {
                StoreError::Encrypted(path.display().to_string())
            } else {
                StoreError::WrongPassphrase(path.display().to_string())
            }
        };
        // One writer connection: SQLite has one writer, so within this process writes wait
        // their turn in the pool; another process's writer is waited out by `busy_timeout`,
        // since every write transaction takes the lock at its start (`BEGIN IMMEDIATE`).
        // A local file's connection does not drop like a server's: no test before each use.
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .acquire_timeout(SQLITE_BUSY_TIMEOUT)
            .connect_with(opts.clone().create_if_missing(true))
            .await
            .map_err(|e| locked(e.into()))?;
        if existed {
            // Another program's database, or one without its passphrase, is left as it
            // was: opening a connection writes nothing, and these reads are the first.
            let refused = match backup::foreign(&writer).await {
                Err(e) => Some(locked(e)),
                Ok(true) => Some(StoreError::NotKvorum(path.display().to_string())),
                Ok(false) => None,
            };
            if let Some(e) = refused {
                writer.close().await;
                return Err(e);
            }
        } else {
            safekeeping::owner_only(path)?;
        }
        sqlx::query("PRAGMA journal_mode = WAL")
            .execute(&writer)
            .await?;
        // A file whose migrations are the app's own is used as it is: one query instead of
        // the migrator's table check, lock and list (the common case: every start).
        if !(existed && backup::up_to_date(&writer, &SQLITE_MIGRATIONS).await) {
            if existed && backup::needs_migration(&writer, &SQLITE_MIGRATIONS).await? {
                backup::backup_sqlite(&writer, path, now).await?;
            }
            SQLITE_MIGRATIONS.run(&writer).await?;
        }
        // Readers never write, so a read can neither block a write nor see one half done.
        // They connect when first used: a command that only writes opens none.
        let pool = SqlitePoolOptions::new()
            .max_connections(readers)
            .test_before_acquire(false)
            .connect_lazy_with(opts.read_only(true));
        Ok(Store::Sqlite {
            pool,
            writer,
            path: path.to_owned(),
            key: key.map(str::to_owned),
        })
    }

    /// Reads committed data from the pool.
    pub fn reader(&self) -> Reader<'_> {
        match self {
            Store::Sqlite { pool, .. } => Reader::SqlitePool(pool),
            Store::Postgres { pool, .. } => Reader::PgPool(pool),
        }
    }

    pub fn engine(&self) -> Engine {
        match self {
            Store::Sqlite { .. } => Engine::Sqlite,
            Store::Postgres { .. } => Engine::Postgres,
        }
    }

    /// The SQLite file, when the store is one.
    pub fn sqlite_path(&self) -> Option<&Path> {
        match self {
            Store::Sqlite { path, .. } => Some(path),
            Store::Postgres { .. } => None,
        }
    }

    /// Starts a write transaction on behalf of `actor` at `now` (both go to the audit log).
    pub async fn begin(&self, actor: &str, now: DateTime<Utc>) -> Result<StoreTx> {
        let inner = match self {
            Store::Sqlite { writer, .. } => {
                TxInner::Sqlite(writer.begin_with("BEGIN IMMEDIATE").await?)
            }
            Store::Postgres { pool, .. } => TxInner::Postgres(pool.begin().await?),
        };
        // On a shared server anyone can type any name: the server's login goes with it.
        let actor = match self {
            Store::Postgres { login, .. } if !login.is_empty() && login != actor => {
                format!("{actor} ({login})")
            }
            _ => actor.to_owned(),
        };
        Ok(StoreTx { inner, now, actor })
    }

    /// Moves on with every committed write, from any connection or laptop.
    pub async fn generation(&self) -> Result<i64> {
        Ok(
            on_pool!(self, p => sqlx::query_scalar("SELECT generation FROM data_generation").fetch_one(p).await)?,
        )
    }

    pub async fn close(&self) {
        match self {
            Store::Sqlite { pool, writer, .. } => {
                pool.close().await;
                writer.close().await;
            }
            Store::Postgres { pool, .. } => pool.close().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_parse() {
        assert_eq!(
            DbLocation::parse("/tmp/a.sqlite").unwrap(),
            DbLocation::SqliteFile("/tmp/a.sqlite".into())
        );
        assert_eq!(
            DbLocation::parse("sqlite:///tmp/a").unwrap(),
            DbLocation::SqliteFile("/tmp/a".into())
        );
        assert!(matches!(
            DbLocation::parse("postgres://u:p@h/db").unwrap(),
            DbLocation::Postgres(_)
        ));
        assert_eq!(
            DbLocation::parse("postgres://u:secret@h:5432/db")
                .unwrap()
                .display(),
            "postgres://u@h:5432/db"
        );
        assert!(DbLocation::parse("mysql://x").is_err());
        // Over the network only with TLS, verified unless the address says otherwise.
        let verified = server_options("postgres://u@db.example.dk/forening", Some("pw")).unwrap();
        assert!(matches!(verified.get_ssl_mode(), PgSslMode::VerifyFull));
        for clear in ["disable", "allow", "prefer"] {
            let url = format!("postgres://u@db.example.dk/forening?sslmode={clear}");
            assert!(
                matches!(server_options(&url, None), Err(StoreError::Insecure(h)) if h == "db.example.dk")
            );
        }
        assert!(server_options("postgres://u@db.example.dk/f?sslmode=require", None).is_ok());
        for local in ["127.0.0.1", "localhost", "[::1]"] {
            let url = format!("postgres://u@{local}:5433/f?sslmode=disable");
            assert!(server_options(&url, None).is_ok(), "{local}");
            let by_default = server_options(&format!("postgres://u@{local}/f"), None).unwrap();
            assert!(
                matches!(by_default.get_ssl_mode(), PgSslMode::VerifyFull),
                "{local}"
            );
        }
        assert!(DbLocation::parse("").is_err());
    }

    /// A file name is a name: `?`, `#` and `%25` open the file so called, not another.
    #[tokio::test]
    async fn a_path_with_url_characters_opens_that_file() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "forening?.sqlite",
            "a#b.sqlite",
            "100%25.sqlite",
            "Æblegården 2026.sqlite",
        ] {
            let file = dir.path().join(name);
            let store = Store::open(
                &DbLocation::SqliteFile(file.clone()),
                DateTime::<Utc>::UNIX_EPOCH,
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
            store.close().await;
            assert!(file.exists(), "{name} was created under its own name");
        }
        assert!(!dir.path().join("100%.sqlite").exists());
    }

    /// Another program's SQLite database is refused and left byte for byte as it was.
    #[tokio::test]
    async fn another_programs_database_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("regnskab.sqlite");
        let pool = SqlitePoolOptions::new()
            .connect_with(
                SqliteConnectOptions::new()
                    .filename(&file)
                    .create_if_missing(true),
            )
            .await
            .unwrap();
        sqlx::query("CREATE TABLE konti (nr INTEGER, navn TEXT)")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        let before = std::fs::read(&file).unwrap();
        let Err(refused) = Store::open(
            &DbLocation::SqliteFile(file.clone()),
            DateTime::<Utc>::UNIX_EPOCH,
        )
        .await
        else {
            panic!("another program's database was opened");
        };
        assert!(matches!(refused, StoreError::NotKvorum(_)), "{refused:?}");
        assert_eq!(std::fs::read(&file).unwrap(), before);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["regnskab.sqlite"], "no journal, no backup copy");
    }

    /// A Kvorum from before the versioned documents (migrations 0001–0008 only) refuses a
    /// database this build has opened, rather than reading its documents as empty.
    #[tokio::test]
    async fn an_older_kvorum_refuses_a_database_with_versioned_documents() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("forening.sqlite");
        let store = Store::open(
            &DbLocation::SqliteFile(file.clone()),
            DateTime::<Utc>::UNIX_EPOCH,
        )
        .await
        .unwrap();
        store.close().await;
        let older = dir.path().join("older");
        std::fs::create_dir(&older).unwrap();
        let ours = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/sqlite");
        for entry in std::fs::read_dir(&ours).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.as_str() < "0009" {
                std::fs::copy(entry.path(), older.join(&name)).unwrap();
            }
        }
        let migrator = sqlx::migrate::Migrator::new(older.as_path()).await.unwrap();
        let pool = SqlitePoolOptions::new()
            .connect_with(SqliteConnectOptions::new().filename(&file))
            .await
            .unwrap();
        let refused = migrator.run(&pool).await.unwrap_err();
        assert!(
            matches!(refused, sqlx::migrate::MigrateError::VersionMissing(9)),
            "{refused:?}"
        );
        // … which the API says as "saved by a newer release of Kvorum".
        assert_eq!(StoreError::from(refused).newer_schema(), Some(9));
    }
}
