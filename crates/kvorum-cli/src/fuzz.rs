//! Every command of the command line with arbitrary values (issue 12): 10 000 cases in each
//! test run, in two halves of 5 000 with their own seeds (nextest runs each test in its own
//! process, so the halves run side by side; `cargo test` runs them one after the other, as
//! each changes the process's working directory), each a command picked from clap's own
//! description of the CLI with values from
//! a pool of the absurd and the plausible. Each ends in a result or a catalogued Danish
//! message — never a panic — and a command that fails leaves the database as it was.
//! `KVORUM_FUZZ_CASES=100000 KVORUM_FUZZ_SEED=random cargo test -p kvorum-cli --release fuzz`
//! runs longer, with other cases than the test run's fixed ones.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use sqlx::{Connection, Row};

use kvorum_core::text::Lang;

/// Values a user (or an attacker) might type for any argument.
fn pool(fixtures: &Path) -> Vec<String> {
    let f = |p: &str| fixtures.join(p).display().to_string();
    let mut v: Vec<String> = [
        "",
        "0",
        "1",
        "2",
        "3",
        "-1",
        "7",
        "12",
        "21",
        "100",
        "4294967295",
        "4294967296",
        "18446744073709551615",
        "9223372036854775807",
        "-9223372036854775808",
        "92233720368547758",
        "1,5",
        "1.234,50",
        "-250,00",
        "999999999999,99",
        "0,001",
        "NaN",
        "01.03.2026",
        "2026-03-01",
        "14.03.2026",
        "31.02.2026",
        "01.01.9999",
        "01.01.0000",
        "i går",
        "Søren Ærø",
        "Jens Hansen",
        "=HYPERLINK(\"x\")",
        "+45 12 34 56 78",
        "@SUM(1)",
        "§ 3",
        "Stk. \u{212a}",
        "İstanbul",
        "ordinary.noticeDays",
        "board.seats",
        "decisions.amendment.majority",
        "2/3",
        "1/0",
        "ja",
        "nej",
        "chair",
        "treasurer",
        "ordinary",
        "amendment",
        "Husleje",
        "Kontingent",
        "generalforsamling",
        "1-2",
        "0190abcd-0000-7000-8000-000000000000",
        "not-a-uuid",
        "ud.pdf",
        "ud.csv",
        "/nonexistent/fil.csv",
        "/",
        "dato=1,tekst=3,beløb=5,saldo=6",
        "dato=0",
        "x=1",
        "\u{0}",
        "\u{feff}",
        "\n",
        "'; DROP TABLE members; --",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    v.push("Ø".repeat(3000));
    v.push(f("bank/nordea.csv"));
    v.push(f("bank/bec.csv"));
    v.push(f("members/foreninglet.csv"));
    v.push(f("members/conventus.csv"));
    v.push(f("bylaws/vaerested.txt"));
    v
}

/// Every runnable command: its path of subcommands and its own arguments (not the global
/// ones): (long name or None for a positional, takes a value, the values it allows).
type Leaf = (Vec<String>, Vec<(Option<String>, bool, bool, Vec<String>)>);

fn leaves(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Leaf>) {
    let subs: Vec<&clap::Command> = cmd
        .get_subcommands()
        .filter(|c| c.get_name() != "help")
        .collect();
    if subs.is_empty() {
        let args = cmd
            .get_arguments()
            .filter(|a| !a.is_global_set() && !["help", "version"].contains(&a.get_id().as_str()))
            .map(|a| {
                let takes = a.get_action().takes_values();
                let values = a
                    .get_possible_values()
                    .iter()
                    .map(|p| p.get_name().to_owned())
                    .collect();
                (
                    a.get_long().map(str::to_owned),
                    takes,
                    a.is_required_set(),
                    values,
                )
            })
            .collect();
        out.push((path, args));
        return;
    }
    for s in subs {
        let mut p = path.clone();
        p.push(s.get_name().to_owned());
        leaves(s, p, out);
    }
}

/// An ordinary assembly's elections are set up the first time anyone looks at them (once,
/// the same whoever looks first). That is done after each command that succeeded (only one
/// can have added a meeting), so a command that looks and then fails is not taken for one
/// that wrote.
async fn settle(db: &Path) {
    let api = kvorum_api::Api::open(
        &db.display().to_string(),
        "fuzz",
        kvorum_api::Clock::from_env(),
    )
    .await
    .unwrap();
    if let Ok(meetings) = api.meetings_list().await {
        for m in meetings {
            let _ = api.elections_for(m.id).await;
        }
    }
    api.close().await;
}

/// What the database holds, in a form that changes with any write: the rows of every table
/// and the audit log.
async fn fingerprint(db: &Path) -> Vec<(String, i64)> {
    let url = format!("sqlite://{}?mode=ro", db.display());
    let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let tables: Vec<String> =
        sqlx::query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(&mut c)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>(0))
            .collect();
    let mut out = vec![];
    for t in tables {
        let q = format!("SELECT count(*) FROM \"{t}\"");
        let r = sqlx::query(sqlx::AssertSqlSafe(q))
            .fetch_one(&mut c)
            .await
            .unwrap();
        out.push((t.clone(), r.get::<i64, _>(0)));
    }
    let changes: i64 = sqlx::query("SELECT coalesce(sum(length(changes)), 0) FROM audit_log")
        .fetch_one(&mut c)
        .await
        .map(|r| r.get(0))
        .unwrap_or(0);
    out.push(("audit_log.changes".into(), changes));
    c.close().await.ok();
    out
}

/// The same cases in every test run (a failure in CI is one you can repeat): half `half`'s
/// own seed; `KVORUM_FUZZ_SEED=random` or a number for other ones in a long run.
fn seed(half: u64) -> proptest::test_runner::RngSeed {
    use proptest::test_runner::RngSeed;
    match std::env::var("KVORUM_FUZZ_SEED").ok().as_deref() {
        Some("random") => RngSeed::Random,
        Some(n) => n
            .parse::<u64>()
            .map(|n| RngSeed::Fixed(n.wrapping_add(half)))
            .unwrap_or(RngSeed::Fixed(12 + half)),
        None => RngSeed::Fixed(12 + half),
    }
}

/// The halves take turns within one process: each sets the working directory.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn every_command_with_arbitrary_values_ends_in_a_result_or_a_danish_message() {
    arbitrary_commands(0);
}

#[test]
fn every_command_with_arbitrary_values_ends_in_a_result_or_a_danish_message_second_half() {
    arbitrary_commands(1);
}

fn arbitrary_commands(half: u64) {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let cases: u32 = std::env::var("KVORUM_FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(10_000)
        / 2;
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    // Copies of the fixtures: an export given one of their names overwrites the copy.
    let fixtures = dir.path().join("fixtures");
    for sub in ["bank", "members", "bylaws"] {
        std::fs::create_dir_all(fixtures.join(sub)).unwrap();
        for entry in std::fs::read_dir(source.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, fixtures.join(sub).join(path.file_name().unwrap())).unwrap();
        }
    }
    // Files a command writes (a PDF named "Søren Ærø") go here, not into the source tree.
    std::env::set_current_dir(dir.path()).unwrap();
    let db = dir.path().join("forening.sqlite");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    super::QUIET.with(|q| q.set(true));
    let parse = |args: &[String]| {
        let mut full = vec![
            "kvorum".to_owned(),
            "--db".to_owned(),
            db.display().to_string(),
        ];
        full.extend(args.iter().cloned());
        <super::Cli as clap::Parser>::try_parse_from(full)
    };
    let run = |args: &[String]| -> Result<Result<(), kvorum_api::ApiError>, clap::Error> {
        Ok(rt.block_on(super::run(parse(args)?)))
    };
    // An association with members, a meeting and a budget to act on.
    let setup: &[&[&str]] = &[
        &["init", "--name", "Foreningen Perronen"],
        &[
            "members",
            "add",
            "--name",
            "Jens Hansen",
            "--email",
            "jens@example.dk",
        ],
        &["members", "add", "--name", "Søren Ærø"],
        &[
            "members",
            "import",
            &fixtures
                .join("members/foreninglet.csv")
                .display()
                .to_string(),
        ],
        &[
            "bookings",
            "import-bank",
            &fixtures.join("bank/nordea.csv").display().to_string(),
        ],
    ];
    for args in setup {
        let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        match run(&args) {
            Ok(Ok(())) => {}
            other => panic!(
                "setup {args:?}: {:?}",
                other.map(|r| r.map_err(|e| e.localized(Lang::Da).message))
            ),
        }
    }
    let mut all = vec![];
    leaves(&super::Cli::command(), vec![], &mut all);
    // `bindings` prints the TypeScript; it needs no database and has nothing to fuzz.
    all.retain(|(p, _)| p.first().map(String::as_str) != Some("bindings"));
    let values = pool(&fixtures);
    // The database as the last command that succeeded left it.
    rt.block_on(settle(&db));
    let known = std::cell::RefCell::new(rt.block_on(fingerprint(&db)));
    let stats = std::cell::RefCell::new((0u32, 0u32, 0u32, 0u32));
    let strategy = (
        0..all.len(),
        proptest::collection::vec((any::<bool>(), 0..values.len() + 8), 0..6),
    );
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        rng_seed: seed(half),
        ..Config::default()
    });
    runner
        .run(&strategy, |(which, picks)| {
            let (path, args) = &all[which];
            let mut argv = path.clone();
            for (i, (long, takes, required, allowed)) in args.iter().enumerate() {
                let (on, pick) = picks.get(i).copied().unwrap_or((*required, i * 7));
                // Positionals and required options always get a value; others sometimes.
                if long.is_some() && !on && !required {
                    continue;
                }
                if let Some(l) = long {
                    argv.push(format!("--{l}"));
                }
                if *takes || long.is_none() {
                    let v = if !allowed.is_empty() && pick >= values.len() {
                        allowed[pick % allowed.len()].clone()
                    } else {
                        values[pick % values.len()].clone()
                    };
                    argv.push(v);
                }
            }
            let mut s = stats.borrow_mut();
            s.0 += 1;
            // Arguments the parser refuses never reach the database: clap says why.
            let cli = match std::panic::catch_unwind(AssertUnwindSafe(|| parse(&argv))) {
                Err(_) => {
                    return Err(TestCaseError::fail(format!(
                        "parsing kvorum {} panicked",
                        argv.join(" ")
                    )))
                }
                Ok(Err(_)) => {
                    s.1 += 1;
                    return Ok(());
                }
                Ok(Ok(cli)) => cli,
            };
            let before = known.borrow().clone();
            let outcome =
                std::panic::catch_unwind(AssertUnwindSafe(|| rt.block_on(super::run(cli))));
            match outcome {
                Err(_) => prop_assert!(false, "kvorum {} panicked", argv.join(" ")),
                Ok(Ok(())) => {
                    s.2 += 1;
                    rt.block_on(settle(&db));
                    *known.borrow_mut() = rt.block_on(fingerprint(&db));
                }
                Ok(Err(e)) => {
                    s.3 += 1;
                    let m = e.localized(Lang::Da).message;
                    prop_assert!(
                        !m.trim().is_empty(),
                        "kvorum {}: an empty message",
                        argv.join(" ")
                    );
                    prop_assert!(!m.contains("os error"), "kvorum {}: {m}", argv.join(" "));
                    let after = rt.block_on(fingerprint(&db));
                    prop_assert_eq!(
                        before,
                        after,
                        "kvorum {} failed ({}) but changed the database",
                        argv.join(" "),
                        m
                    );
                }
            }
            Ok(())
        })
        .unwrap();
    let (n, refused, ran, failed) = *stats.borrow();
    eprintln!(
        "{n} commands over {} subcommands: {refused} refused by the argument parser, {ran} ran, {failed} ended in a Danish message with the database unchanged",
        all.len()
    );
}
