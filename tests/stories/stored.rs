//! The stored JSON in a real database: rows written before the envelope still read, new rows
//! carry their version, and a document that cannot be read is an error, never an empty value
//! the next save would write over the real one.

use chrono::NaiveDate;
use kvorum_api::dto::*;
use kvorum_api::ErrorCode;
use kvorum_core::grants::{GrantKind, ReportDeadline};
use kvorum_core::Money;
use kvorum_tests::Engine;
use sqlx::Connection;

async fn scalar(engine: Engine, url: &str, sql: &str) -> String {
    match engine {
        Engine::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{url}"))
                .await
                .unwrap();
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
                .fetch_one(&mut c)
                .await
                .unwrap()
        }
        Engine::Postgres => {
            let mut c = sqlx::PgConnection::connect(url).await.unwrap();
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
                .fetch_one(&mut c)
                .await
                .unwrap()
        }
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn stored_documents(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open("Karin").await;
    kvorum_tests::perronen(&api).await;
    let g = api
        .grant_save(GrantInput {
            id: None,
            version: 0,
            name: "Driftstilskud".into(),
            grantor: "Guldborgsund Kommune".into(),
            kind: GrantKind::Operating,
            starts_on: date(2027, 1, 1),
            ends_on: date(2027, 12, 31),
            amount_per_year: Money(25_000_000),
            purpose: "Drift af værestedet".into(),
            conditions: String::new(),
            instalments_per_year: Some(2),
            instalments: vec![],
            deadlines: vec![ReportDeadline {
                due: date(2027, 5, 1),
                what: "Årsrapport".into(),
                done_on: None,
            }],
            agreement: None,
            in_kind: vec![],
        })
        .await
        .unwrap();
    let stored = scalar(engine, &db.url, "SELECT details_json FROM grants").await;
    assert!(stored.starts_with(r#"{"v":1,"data":{"#), "{stored}");
    assert!(stored.contains("Årsrapport"), "{stored}");

    // A row as Kvorum wrote it before the envelope reads as version 1.
    kvorum_tests::raw_sql(
        engine,
        &db.url,
        r#"UPDATE grants SET details_json = '{"purpose":"Drift af værestedet","conditions":"","instalments":[{"due":"2027-01-15","amount":12500000}],"deadlines":[{"due":"2027-05-01","what":"Årsrapport","doneOn":null}]}'"#,
    )
    .await;
    api.close().await;
    // The next time the app opens the file.
    let api = db.open("Karin").await;
    let old = api.grant_get(g.id, 2027).await.unwrap();
    assert_eq!(old.grant.instalments.len(), 1);
    assert_eq!(old.grant.deadlines[0].what, "Årsrapport");
    assert!(old.grant.agreement.is_none());

    // A damaged document is an error where the treasurer looks, and nothing is written
    // over it.
    kvorum_tests::raw_sql(
        engine,
        &db.url,
        r#"UPDATE grants SET details_json = '{"purpose": 7}'"#,
    )
    .await;
    api.close().await;
    let api = db.open("Karin").await;
    let e = api.grant_get(g.id, 2027).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Database);
    let after = scalar(engine, &db.url, "SELECT details_json FROM grants").await;
    assert_eq!(after, r#"{"purpose": 7}"#);
    api.close().await;
}

kvorum_tests::on_both_engines!(stored_documents);
