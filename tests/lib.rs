//! Helpers for the integration stories: a fresh database per test, as a temp SQLite file or
//! as a new database on the PostgreSQL server the test command started (`KVORUM_TEST_PG`).
#![forbid(unsafe_code)]

use chrono::NaiveDate;
use kvorum_api::{Api, Clock};
use sqlx::Connection;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

/// A fresh database of the given engine. Keeps the temp dir alive as long as the handle.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// An existing file or server URL (not removed afterwards).
    pub fn at(url: String) -> TestDb {
        TestDb { url, _dir: None }
    }

    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = dir.path().join("forening.sqlite").display().to_string();
        TestDb {
            url,
            _dir: Some(dir),
        }
    }

    /// A new, empty database on the test server. Panics — never skips — when no server
    /// was given or reached: the PostgreSQL leg must not pass silently.
    pub async fn postgres() -> TestDb {
        let admin = std::env::var("KVORUM_TEST_PG").unwrap_or_else(|_| {
            panic!(
                "KVORUM_TEST_PG is not set: the PostgreSQL leg needs a server. \
                 Run `scripts/test.sh`, which starts one, or set KVORUM_TEST_PG=postgres://…"
            )
        });
        let mut conn = sqlx::PgConnection::connect(&admin)
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL at {admin} was not reached: {e}"));
        let name = format!("kvorum_test_{}", uuid::Uuid::now_v7().simple());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("create test database");
        let (path, query) = admin.split_once('?').unwrap_or((&admin, ""));
        let base = path.rsplit_once('/').map(|(b, _)| b).unwrap_or(path);
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        TestDb {
            url: format!("{base}/{name}{query}"),
            _dir: None,
        }
    }

    pub async fn open(&self, actor: &str) -> Api {
        Api::open(&self.url, actor, Clock::fixed_on(today()))
            .await
            .expect("open database")
    }

    /// Opens with the clock standing on `day` (a story that happens on another date).
    pub async fn open_on(&self, actor: &str, day: NaiveDate) -> Api {
        Api::open(&self.url, actor, Clock::fixed_on(day))
            .await
            .expect("open database")
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub async fn fresh(self) -> TestDb {
        match self {
            Engine::Sqlite => TestDb::sqlite(),
            Engine::Postgres => TestDb::postgres().await,
        }
    }
}

/// A story's two tests, one per engine: `on_both_engines!(whole_assembly);` runs
/// `whole_assembly(Engine::Sqlite)` as `whole_assembly::on_sqlite` and the same on PostgreSQL.
#[macro_export]
macro_rules! on_both_engines {
    ($($story:ident),* $(,)?) => {$(
        mod $story {
            #[tokio::test]
            async fn on_sqlite() {
                super::$story($crate::Engine::Sqlite).await;
            }

            #[tokio::test]
            async fn on_postgres() {
                super::$story($crate::Engine::Postgres).await;
            }
        }
    )*};
}

/// Creates the association the stories keep: Foreningen Perronen, fiscal year = calendar year.
pub async fn perronen(api: &Api) -> kvorum_core::association::Association {
    api.association_create(kvorum_core::association::AssociationInput {
        name: "Foreningen Perronen".into(),
        fiscal_year_start_month: 1,
        ..Default::default()
    })
    .await
    .expect("create the association")
}

/// Every member's no. and name, in member-no. order (left members too).
pub async fn member_names(api: &Api) -> Vec<(i64, String)> {
    api.members_list(kvorum_api::dto::MemberQuery {
        status: kvorum_api::dto::StatusFilter::All,
        ..Default::default()
    })
    .await
    .expect("the member list")
    .rows
    .into_iter()
    .map(|r| (r.member_no, r.name))
    .collect()
}

/// A meeting of `kind` on `date` in the house, with no time set yet.
pub fn meeting_at(
    kind: kvorum_core::meetings::MeetingKind,
    date: NaiveDate,
) -> kvorum_core::meetings::MeetingInput {
    kvorum_core::meetings::MeetingInput {
        kind,
        body: None,
        date,
        start_time: None,
        place: "Perronen".into(),
        demanded_by: None,
        demanded_on: None,
    }
}

/// The text of every page of an exported PDF, read back from its bytes.
pub async fn pdf_text(api: &Api, request: kvorum_api::dto::ExportRequest) -> String {
    let file = api.export(request).await.expect("export the PDF");
    kvorum_docs::pdf::page_texts(&file.bytes)
        .expect("read the PDF back")
        .join(" ")
}

/// Runs one statement on a story's database beside Kvorum: a row as an older version left it,
/// or as a damaged file holds it.
pub async fn raw_sql(engine: Engine, url: &str, sql: &str) {
    try_sql(engine, url, sql).await.expect("run the statement");
}

/// The same, returning the database's refusal (a lock trigger's message, say).
/// One number from the database as it is stored (a count), read past the API.
pub async fn count_sql(engine: Engine, url: &str, sql: &str) -> i64 {
    match engine {
        Engine::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{url}"))
                .await
                .expect("open the file");
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
                .fetch_one(&mut c)
                .await
                .expect("count")
        }
        Engine::Postgres => {
            let mut c = sqlx::PgConnection::connect(url)
                .await
                .expect("reach the server");
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
                .fetch_one(&mut c)
                .await
                .expect("count")
        }
    }
}

pub async fn try_sql(engine: Engine, url: &str, sql: &str) -> Result<(), String> {
    use sqlx::Executor;
    let done = match engine {
        Engine::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{url}"))
                .await
                .expect("open the file");
            c.execute(sqlx::AssertSqlSafe(sql.to_owned()))
                .await
                .map(|_| ())
        }
        Engine::Postgres => {
            let mut c = sqlx::PgConnection::connect(url)
                .await
                .expect("reach the server");
            c.execute(sqlx::AssertSqlSafe(sql.to_owned()))
                .await
                .map(|_| ())
        }
    };
    done.map_err(|e| e.to_string())
}

/// Moves the association to the other engine and back — SQLite → PostgreSQL → SQLite, or
/// PostgreSQL → SQLite → PostgreSQL — and holds every table's rows and checksum equal on
/// all three, the source untouched (not one write), and each engine's schema to the list
/// of tables the transfer moves. Returns the checksums.
pub async fn round_trip(api: &Api, engine: Engine) -> Vec<kvorum_core::backups::TableSum> {
    let before = api.checksums().await.expect("checksums");
    let generation = api.store().generation().await.expect("generation");
    let (there, back) = match engine {
        Engine::Sqlite => (TestDb::postgres().await, TestDb::sqlite()),
        Engine::Postgres => (TestDb::sqlite(), TestDb::postgres().await),
    };
    let moved = api
        .transfer_to(&there.url, None)
        .await
        .expect("transfer there");
    assert_eq!(moved.tables, before);
    let other = there.open("Anden ende").await;
    assert_eq!(other.checksums().await.expect("checksums there"), before);
    assert_eq!(
        other.store().schema_differences().await.expect("schema"),
        Vec::<String>::new()
    );
    let home = other
        .transfer_to(&back.url, None)
        .await
        .expect("transfer back");
    assert_eq!(home.tables, before);
    other.close().await;
    let again = back.open("Hjemme igen").await;
    assert_eq!(again.checksums().await.expect("checksums back"), before);
    again.close().await;
    assert_eq!(api.checksums().await.expect("checksums after"), before);
    assert_eq!(
        api.store().generation().await.expect("generation"),
        generation,
        "the source had no write"
    );
    assert_eq!(
        api.store().schema_differences().await.expect("schema"),
        Vec::<String>::new()
    );
    before
}

/// The text of an e-mail's quoted-printable parts: soft line breaks joined, `=XX` decoded.
pub fn quoted_printable_text(eml: &str) -> String {
    let joined = eml.replace("=\r\n", "");
    let mut bytes = Vec::with_capacity(joined.len());
    let b = joined.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                bytes.push(v);
                i += 3;
                continue;
            }
        }
        bytes.push(b[i]);
        i += 1;
    }
    // The PDF attachment (base64) is not text to read.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    text.split("Content-Type: application/pdf")
        .next()
        .unwrap_or_default()
        .to_owned()
}
