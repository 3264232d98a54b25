//! The kill -9 harness's two halves (driven by `scripts/kill9.py`):
//!
//! `kvorum-crashload work FILE SEED` writes to the association file without end — a member
//! added, a fee paid, a member import of 120 rows, a bank import of 40 lines — and prints one
//! line to stdout after each write has committed (and, before an import, the import it is
//! starting), until it is killed.
//!
//! `kvorum-crashload verify FILE LOG` opens the file as the app would after the crash and
//! checks it: `PRAGMA integrity_check` says ok, every write the log reported is there, and
//! every import it began is there whole or not at all. Exit status 1 says what was wrong.
#![forbid(unsafe_code)]

use std::io::Write;

use chrono::NaiveDate;
use kvorum_api::budget::BankImportRequest;
use kvorum_api::dto::*;
use kvorum_api::{Api, Clock};
use kvorum_store::Store;

const MEMBERS_PER_IMPORT: usize = 120;
const LINES_PER_IMPORT: usize = 40;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

/// xorshift64*: enough randomness to mix the writes, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

async fn work(file: &str, seed: u64) -> Result<(), String> {
    let api = Api::open(file, "Kill -9", Clock::fixed_on(day()))
        .await
        .map_err(|e| e.message)?;
    if api
        .association_get()
        .await
        .map_err(|e| e.message)?
        .is_none()
    {
        api.association_create(AssociationInput {
            name: "Foreningen Perronen".into(),
            fiscal_year_start_month: 1,
            ..Default::default()
        })
        .await
        .map_err(|e| e.message)?;
    }
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut ids: Vec<MemberId> = Vec::new();
    loop {
        let tag = format!("{seed}x{}", rng.next(1 << 40));
        match rng.next(10) {
            0..=4 => {
                let m = api
                    .member_add(MemberInput {
                        name: format!("Enkelt {tag} Ærø"),
                        joined_on: Some(day()),
                        membership_type: "ordinary".into(),
                        ..Default::default()
                    })
                    .await
                    .map_err(|e| e.message)?;
                ids.push(m.id);
                say(&format!("member {}", m.id.0));
            }
            5..=7 if !ids.is_empty() => {
                let who = ids[usize::try_from(rng.next(ids.len() as u64)).unwrap_or(0)];
                let p = api
                    .fee_pay(PaymentInput {
                        member_id: who,
                        year: 2026,
                        paid_on: Some(day()),
                        amount: Money(15_000),
                        method: PaymentMethod::MobilePay,
                        voucher_no: None,
                    })
                    .await
                    .map_err(|e| e.message)?;
                say(&format!("payment {}", p.id.0));
            }
            8 => {
                let mut csv = String::from("Fornavn;Efternavn;Indmeldt;Medlemstype\n");
                for i in 0..MEMBERS_PER_IMPORT {
                    csv.push_str(&format!("Import;{tag} nr{i};01.02.2026;Ordinær\n"));
                }
                say(&format!("begin-members {tag} {MEMBERS_PER_IMPORT}"));
                api.members_import_apply(ImportRequest {
                    bytes: csv.into_bytes(),
                    file: None,
                    ..Default::default()
                })
                .await
                .map_err(|e| e.message)?;
                say(&format!("members {tag} {MEMBERS_PER_IMPORT}"));
            }
            _ => {
                // A running balance of its own, as a real statement has (lines with the same
                // day, amount and balance are the bank's duplicates and are skipped).
                let base = 100_000 + rng.next(1_000_000);
                let mut csv = String::from("\"Dato\";\"Tekst\";\"Beløb\";\"Saldo\"\n");
                for i in 0..LINES_PER_IMPORT {
                    csv.push_str(&format!(
                        "\"{:02}.11.2026\";\"Bank {tag} linje {i}\";\"-{},00\";\"{},00\"\n",
                        1 + i % 20,
                        10 + i,
                        base + i as u64
                    ));
                }
                say(&format!("begin-bank {tag} {LINES_PER_IMPORT}"));
                api.bank_import_apply(BankImportRequest {
                    file_name: None,
                    account: None,
                    accept_fees: false,
                    bytes: csv.into_bytes(),
                    file: None,
                    mapping: None,
                    lines: vec![],
                })
                .await
                .map_err(|e| e.message)?;
                say(&format!("bank {tag} {LINES_PER_IMPORT}"));
            }
        }
    }
}

async fn count(pool: &sqlx::SqlitePool, sql: &str, like: String) -> Result<i64, String> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .bind(like)
        .fetch_one(pool)
        .await
        .map_err(|e| e.to_string())
}

async fn verify(file: &str, log: &str) -> Result<String, String> {
    let api = Api::open(file, "Kill -9", Clock::fixed_on(day()))
        .await
        .map_err(|e| format!("the file does not open after the kill: {}", e.message))?;
    let Store::Sqlite { pool, .. } = api.store() else {
        return Err("not a file".into());
    };
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(pool)
        .await
        .map_err(|e| e.to_string())?;
    if integrity != ["ok"] {
        return Err(format!("integrity_check: {}", integrity.join("; ")));
    }
    let text = std::fs::read_to_string(log).map_err(|e| e.to_string())?;
    let (mut writes, mut imports) = (0, 0);
    for line in text.lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        match parts.as_slice() {
            ["member", id] | ["payment", id] => {
                let table = if parts[0] == "member" {
                    "members"
                } else {
                    "fee_payments"
                };
                let uuid: uuid::Uuid = id.parse().map_err(|_| format!("bad log line {line}"))?;
                let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT COUNT(*) FROM {table} WHERE id = $1"
                )))
                .bind(uuid)
                .fetch_one(pool)
                .await
                .map_err(|e| e.to_string())?;
                if n != 1 {
                    return Err(format!("reported but missing: {line}"));
                }
                writes += 1;
            }
            [kind @ ("begin-members" | "begin-bank" | "members" | "bank"), tag, n] => {
                let n: i64 = n.parse().map_err(|_| format!("bad log line {line}"))?;
                let found = if kind.ends_with("members") {
                    count(
                        pool,
                        "SELECT COUNT(*) FROM members WHERE name LIKE $1",
                        format!("Import {tag} nr%"),
                    )
                    .await?
                } else {
                    count(
                        pool,
                        "SELECT COUNT(*) FROM bookings WHERE text LIKE $1",
                        format!("Bank {tag} linje %"),
                    )
                    .await?
                };
                let done = !kind.starts_with("begin-");
                if found != n && (done || found != 0) {
                    return Err(format!(
                        "{line}: {found} of {n} rows there (all or nothing)"
                    ));
                }
                if done {
                    imports += 1;
                }
            }
            _ => return Err(format!("bad log line {line}")),
        }
    }
    api.close().await;
    Ok(format!("ok {writes} {imports}"))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("work") if args.len() == 4 => work(&args[2], args[3].parse().unwrap_or(1))
            .await
            .map(|()| String::new()),
        Some("verify") if args.len() == 4 => verify(&args[2], &args[3]).await,
        _ => Err("usage: kvorum-crashload work FILE SEED | verify FILE LOG".into()),
    };
    match result {
        Ok(s) => println!("{s}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
