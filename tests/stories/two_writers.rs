//! Two processes writing the same SQLite file at once — two Kvorum windows on one file, or
//! the app and the `kvorum` command — both succeed: a write transaction takes SQLite's write
//! lock at its start, so the second writer waits for the first instead of failing with
//! "database is locked" half-way through its transaction.
//!
//! The test binary is its own second process: run with `KVORUM_WRITER_ROLE` set, the test
//! below acts as one writer and exits.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use kvorum_api::dto::*;
use kvorum_core::members::MembershipType;
use kvorum_store::{DbLocation, Store};
use kvorum_tests::{today, TestDb};

const ROLE: &str = "KVORUM_WRITER_ROLE";
const FILE: &str = "KVORUM_WRITER_FILE";
const TEST: &str = "two_processes_write_the_same_file";

fn member(name: &str) -> MemberInput {
    MemberInput {
        name: name.into(),
        joined_on: Some(today()),
        membership_type: "ordinary".into(),
        ..Default::default()
    }
}

fn spawn(role: &str, file: &Path) -> Child {
    Command::new(std::env::current_exe().expect("own test binary"))
        .args([TEST, "--exact", "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(FILE, file)
        .spawn()
        .expect("start a second process")
}

fn marker(file: &Path) -> PathBuf {
    file.with_extension("holding")
}

/// One writer, in its own process.
async fn act(role: &str, file: &Path) {
    let url = file.display().to_string();
    match role {
        // Holds a write transaction open for a while, as a long import would.
        "holder" => {
            let now = kvorum_api::Clock::fixed_on(today()).now();
            let store = Store::open(&DbLocation::SqliteFile(file.into()), now)
                .await
                .expect("open");
            let mut tx = store.begin("holder", now).await.expect("begin");
            let t = MembershipType {
                code: "family".into(),
                name: "Familiemedlem".into(),
                builtin: false,
            };
            tx.insert_membership_type(&t, 10).await.expect("insert");
            std::fs::write(marker(file), b"").expect("marker");
            tokio::time::sleep(Duration::from_millis(800)).await;
            tx.commit().await.expect("commit");
            store.close().await;
        }
        // Reads the next member no. and writes the member in one transaction: it must wait
        // for the holder and then see its write.
        "adder" => {
            let api = TestDb::at(url).open("adder").await;
            api.member_add(member("Anden proces"))
                .await
                .expect("member_add waited");
            api.close().await;
        }
        // Many small writes racing another process doing the same.
        r if r.starts_with("racer") => {
            let api = TestDb::at(url).open(r).await;
            for i in 0..15 {
                api.member_add(member(&format!("{r} {i}")))
                    .await
                    .expect("member_add in a race");
            }
            api.close().await;
        }
        other => panic!("unknown role {other}"),
    }
}

fn wait_ok(mut child: Child, what: &str) {
    let status = child.wait().expect("wait");
    assert!(status.success(), "{what} failed: {status}");
}

#[tokio::test]
async fn two_processes_write_the_same_file() {
    if let (Ok(role), Some(file)) = (std::env::var(ROLE), std::env::var_os(FILE)) {
        act(&role, Path::new(&file)).await;
        return;
    }
    let db = TestDb::sqlite();
    let file = PathBuf::from(&db.url);
    {
        let api = db.open("Karin").await;
        api.association_create(AssociationInput {
            name: "Foreningen Perronen".into(),
            fiscal_year_start_month: 1,
            ..Default::default()
        })
        .await
        .expect("association");
        api.close().await;
    }

    // The adder starts while the holder's transaction is open, and waits it out.
    let holder = spawn("holder", &file);
    let start = Instant::now();
    while !marker(&file).exists() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the holder never began"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let adder = spawn("adder", &file);
    wait_ok(holder, "the holder");
    wait_ok(adder, "the adder");

    // Two processes adding members at the same time: every one lands, numbered once.
    let racers = [spawn("racer-a", &file), spawn("racer-b", &file)];
    for (i, r) in racers.into_iter().enumerate() {
        wait_ok(r, &format!("racer {i}"));
    }

    let api = db.open("Karin").await;
    let types = api.membership_types().await.expect("types");
    assert!(
        types.iter().any(|t| t.code == "family"),
        "the holder's write landed"
    );
    let list = api
        .members_list(MemberQuery::default())
        .await
        .expect("members");
    assert_eq!(list.rows.len(), 31, "1 + 2 × 15 members");
    let mut nos: Vec<i64> = list.rows.iter().map(|r| r.member_no).collect();
    nos.sort_unstable();
    assert_eq!(nos, (1..=31).collect::<Vec<_>>(), "numbers given once each");
    assert!(list.rows.iter().any(|r| r.name == "Anden proces"));
}

/// A use case loads its facts inside its transaction: a read there sees the transaction's
/// own writes, and a read from the pool does not until the commit.
async fn reads_in_the_transaction(engine: kvorum_tests::Engine) {
    let db = engine.fresh().await;
    let now = kvorum_api::Clock::fixed_on(today()).now();
    let location = DbLocation::parse(&db.url).expect("location");
    let store = Store::open(&location, now).await.expect("open");
    let mut tx = store.begin("Karin", now).await.expect("begin");
    let t = MembershipType {
        code: "family".into(),
        name: "Familiemedlem".into(),
        builtin: false,
    };
    tx.insert_membership_type(&t, 10).await.expect("insert");
    let inside = tx.membership_types().await.expect("read in tx");
    assert!(inside.iter().any(|x| x.code == "family"));
    let outside = store.membership_types().await.expect("read from pool");
    assert!(!outside.iter().any(|x| x.code == "family"));
    tx.commit().await.expect("commit");
    let after = store.membership_types().await.expect("read after commit");
    assert!(after.iter().any(|x| x.code == "family"));
    store.close().await;
}

#[tokio::test]
async fn reads_in_the_transaction_on_sqlite() {
    reads_in_the_transaction(kvorum_tests::Engine::Sqlite).await;
}

#[tokio::test]
async fn reads_in_the_transaction_on_postgres() {
    reads_in_the_transaction(kvorum_tests::Engine::Postgres).await;
}
