//! The shared server over TLS. The test server (scripts/postgres.sh) presents a self-signed
//! certificate for localhost, as a small association's own server does: Kvorum refuses it by
//! default — before any password is sent — and connects, encrypted, once the user has given
//! it the server's certificate. The password given for the server is in no reply the app
//! sees and in no settings file.

use kvorum_api::settings::AppSettings;
use kvorum_api::{Api, Clock};
use kvorum_store::Store;
use kvorum_tests::TestDb;

const PASSWORD: &str = "Kvorum-hemmelighed-æøå";

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run the tests with scripts/postgres.sh (it starts a TLS server)")
    })
}

/// The test database on the TLS address (by name, as the certificate names it).
async fn tls_database() -> (TestDb, String) {
    let db = TestDb::postgres().await;
    let name = db
        .url
        .rsplit('/')
        .next()
        .and_then(|n| n.split('?').next())
        .unwrap()
        .to_owned();
    let tls = env("KVORUM_TEST_PG_TLS");
    let base = tls.rsplit_once('/').map(|(b, _)| b).unwrap();
    (db, format!("{base}/{name}"))
}

#[tokio::test]
async fn a_self_signed_server_is_refused_until_its_certificate_is_trusted() {
    let (_db, url) = tls_database().await;
    let refused = Api::open_with_password(&url, Some(PASSWORD), "Karin", Clock::from_env())
        .await
        .err()
        .expect("an untrusted certificate is refused");
    assert!(
        refused
            .message
            .contains("kunne ikke krypteres med et certifikat, Kvorum stoler på"),
        "{}",
        refused.message
    );
    assert!(refused
        .message
        .contains("Kvorum har ikke sendt adgangskoden"));
    assert!(!refused.message.contains(PASSWORD));

    // Trusted: the server's own certificate given, the connection is verified and encrypted.
    let trusted = format!("{url}?sslrootcert={}", env("KVORUM_TEST_PG_CERT"));
    let api = Api::open_with_password(&trusted, Some(PASSWORD), "Karin", Clock::from_env())
        .await
        .expect("a trusted certificate connects");
    let Store::Postgres { pool, .. } = api.store() else {
        panic!("not a server")
    };
    let encrypted: bool =
        sqlx::query_scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            .fetch_one(pool)
            .await
            .unwrap();
    assert!(encrypted, "the connection is TLS");
    kvorum_tests::perronen(&api).await;

    // The password is in no reply and no settings file.
    let dir = tempfile::tempdir().unwrap();
    let mut settings = AppSettings::default();
    settings.remember(&api.location().display());
    settings.remember(&trusted.replace("postgres@", &format!("postgres:{PASSWORD}@")));
    settings.save(dir.path()).unwrap();
    let status = serde_json::to_string(&api.app_status(&settings).await.unwrap()).unwrap();
    let file = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
    for (what, text) in [("app_status", &status), ("settings.json", &file)] {
        assert!(
            !text.contains(PASSWORD),
            "{what} holds the password: {text}"
        );
        assert!(!text.contains("hemmelighed"), "{what}: {text}");
    }
    assert!(status.contains("Foreningen Perronen"));
    api.close().await;
}

/// Not encrypted, on the network: refused before connecting, in Danish.
#[tokio::test]
async fn clear_text_to_a_server_on_the_network_is_refused() {
    let refused = Api::open_with_password(
        "postgres://kasserer@db.perronen.dk/forening?sslmode=disable",
        Some(PASSWORD),
        "Karin",
        Clock::from_env(),
    )
    .await
    .err()
    .expect("refused");
    assert!(
        refused
            .message
            .starts_with("Serveren db.perronen.dk er på netværket"),
        "{}",
        refused.message
    );
}
