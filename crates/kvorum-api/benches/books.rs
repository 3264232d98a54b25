//! Figures for the treasurer (issue 6 targets): importing a 10 000-line bank statement
//! (preview + apply, one transaction) ≤ 500 ms, and the overview for a year of 10 000 bookings
//! ≤ 20 ms. Run: `cargo bench -p kvorum-api --bench books`.

mod common;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use kvorum_api::budget::{BankImportRequest, BudgetLineInput};
use kvorum_api::dto::*;
use kvorum_api::Api;

const N: usize = 10_000;
const LINES: [&str; 6] = [
    "Husleje",
    "Løn",
    "El og varme",
    "Café og mad",
    "Aktiviteter",
    "Administration",
];

/// Øre as a bank writes them: -1234,50
fn danish(ore: i64) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    format!("{sign}{},{:02}", ore.abs() / 100, ore.abs() % 100)
}

fn statement(n: usize) -> Vec<u8> {
    let mut s = String::from("Dato;Tekst;Beløb;Saldo\n");
    let mut balance: i64 = 500_000_000;
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    for i in 0..n {
        let day = start + chrono::Duration::days((i * 330 / n) as i64);
        let ore = -((i as i64 * 7919) % 500_000 + 100);
        balance += ore;
        s.push_str(&format!(
            "{};{} {i};{};{}\n",
            day.format("%d-%m-%Y"),
            LINES[i % LINES.len()],
            danish(ore),
            danish(balance)
        ));
    }
    s.into_bytes()
}

async fn fresh(dir: &std::path::Path) -> Api {
    let api = common::fresh(dir).await;
    for name in LINES {
        api.budget_set_line(BudgetLineInput {
            fee_line: false,
            year: 2026,
            id: None,
            version: 0,
            name: name.into(),
            kind: LineKind::Expense,
            amount: Money::from_kr(500_000),
            grant: None,
        })
        .await
        .unwrap();
    }
    api
}

fn request(bytes: &[u8]) -> BankImportRequest {
    BankImportRequest {
        file_name: None,
        account: None,
        accept_fees: false,
        bytes: bytes.to_vec(),
        file: None,
        mapping: None,
        lines: vec![],
    }
}

fn benches(c: &mut Criterion) {
    let rt = common::runtime();
    let bytes = statement(N);
    let mut g = c.benchmark_group("books");
    g.sample_size(10);
    g.bench_function(
        "import a 10000-line bank statement (preview + apply, SQLite)",
        |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().unwrap();
                    let api = rt.block_on(fresh(dir.path()));
                    (dir, api)
                },
                |(dir, api)| {
                    let out = rt.block_on(api.bank_import_apply(request(&bytes))).unwrap();
                    assert_eq!(out.imported as usize, N);
                    (dir, api)
                },
                BatchSize::PerIteration,
            )
        },
    );

    // A year of 10 000 bookings, each on a budget line (the rules learned one per text stem).
    let dir = tempfile::tempdir().unwrap();
    let api = rt.block_on(fresh(dir.path()));
    let mut req = request(&bytes);
    req.lines = (0..N)
        .map(|i| BankChoice {
            transfer: None,
            fee: None,
            line_no: (i + 2) as u32,
            budget_line: LINES[i % LINES.len()].into(),
        })
        .collect();
    rt.block_on(api.bank_import_apply(req)).unwrap();
    let o = rt.block_on(api.overview(2026, None)).unwrap();
    assert!(o.budget.lines.iter().all(|l| l.status.actual.0 > 0));
    g.sample_size(50);
    g.bench_function("overview of a year with 10000 bookings", |b| {
        b.iter(|| rt.block_on(api.overview(2026, None)).unwrap())
    });
    g.finish();
}

criterion_group!(books, benches);
criterion_main!(books);
