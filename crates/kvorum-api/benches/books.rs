//! Figures for the treasurer (issue 6 targets): importing a 10 000-line bank statement
//! (preview + apply, one transaction) ≤ 500 ms, and the overview for a year of 10 000 bookings
//! ≤ 20 ms; and for the year end (issue 15): closing a year of 10 000 bookings (the checks,
//! the reconciliation, the lock and the next year's opening) ≤ 200 ms, and the annual
//! accounts PDF of that year ≤ 100 ms. Run: `cargo bench -p kvorum-api --bench books`.

mod common;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use kvorum_api::accounts::{OpeningBalance, OpeningInput};
use kvorum_api::budget::{BankImportRequest, BudgetLineInput};
use kvorum_api::closing::{YearCloseInput, YearReopenInput};
use kvorum_api::documents::ExportRequest;
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

fn statement(n: usize, year: i32) -> Vec<u8> {
    let mut s = String::from("Dato;Tekst;Beløb;Saldo\n");
    let mut balance: i64 = 500_000_000;
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
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

async fn fresh(dir: &std::path::Path, year: i32) -> Api {
    let api = common::fresh(dir).await;
    for name in LINES {
        api.budget_set_line(BudgetLineInput {
            fee_line: false,
            year,
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
    let bytes = statement(N, 2026);
    let mut g = c.benchmark_group("books");
    g.sample_size(10);
    g.bench_function(
        "import a 10000-line bank statement (preview + apply, SQLite)",
        |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().unwrap();
                    let api = rt.block_on(fresh(dir.path(), 2026));
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
    let api = rt.block_on(fresh(dir.path(), 2026));
    rt.block_on(api.bank_import_apply(on_lines(&bytes)))
        .unwrap();
    let o = rt.block_on(api.overview(2026, None)).unwrap();
    assert!(o.budget.lines.iter().all(|l| l.status.actual.0 > 0));
    g.sample_size(50);
    g.bench_function("overview of a year with 10000 bookings", |b| {
        b.iter(|| rt.block_on(api.overview(2026, None)).unwrap())
    });
    // The list the treasurer scrolls (virtualised in the UI): all 10 000 bookings of the year.
    g.bench_function("bookings_list of a year with 10000 bookings, warm", |b| {
        b.iter(|| rt.block_on(api.bookings_list(2026)).unwrap())
    });
    let mut turn = 0u32;
    g.sample_size(20);
    g.bench_function(
        "bookings_list of a year with 10000 bookings, first after a booking changed",
        |b| {
            b.iter_batched(
                || {
                    rt.block_on(async {
                        let list = api.bookings_list(2026).await.unwrap();
                        let x = &list.bookings[0];
                        turn += 1;
                        api.booking_update(BookingUpdate {
                            id: x.id,
                            version: x.version,
                            line: x.line,
                            grant: x.grant,
                            text: format!("Rettet {turn}"),
                            voucher_file: None,
                            counter_account: x.counter_account,
                        })
                        .await
                        .unwrap();
                    })
                },
                |()| rt.block_on(api.bookings_list(2026)).unwrap(),
                BatchSize::PerIteration,
            )
        },
    );
    g.bench_function("vouchers_list and grants_list of that year", |b| {
        b.iter(|| {
            rt.block_on(async {
                (
                    api.vouchers_list(2026).await.unwrap(),
                    api.grants_list(2026, None).await.unwrap(),
                )
            })
        })
    });
    g.finish();

    // The year end: 2025 (ended before the bench's day) with 10 000 bookings on lines, the
    // opening balances typed, the bank agreeing with the statement's running balance.
    let bytes = statement(N, 2025);
    let year_2025 = |dir: &std::path::Path| {
        rt.block_on(async {
            let api = fresh(dir, 2025).await;
            let accounts = api.accounts().await.unwrap();
            let of = |k: AccountKind| accounts.iter().find(|a| a.kind == k).unwrap().id;
            api.opening_balances_set(OpeningInput {
                year: 2025,
                balances: vec![
                    OpeningBalance {
                        account: of(AccountKind::Bank),
                        amount: Money(500_000_000),
                    },
                    OpeningBalance {
                        account: of(AccountKind::Equity),
                        amount: Money(500_000_000),
                    },
                ],
            })
            .await
            .unwrap();
            api.bank_import_apply(on_lines(&bytes)).await.unwrap();
            api
        })
    };
    let mut g = c.benchmark_group("year end");
    g.sample_size(10);
    g.bench_function("close a year of 10000 bookings", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let api = year_2025(dir.path());
                (dir, api)
            },
            |(dir, api)| {
                let v = rt
                    .block_on(api.year_close(YearCloseInput {
                        year: 2025,
                        note: String::new(),
                    }))
                    .unwrap();
                assert!(v.closing.is_some());
                (dir, api)
            },
            BatchSize::PerIteration,
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let api = year_2025(dir.path());
    rt.block_on(api.year_close(YearCloseInput {
        year: 2025,
        note: String::new(),
    }))
    .unwrap();
    g.sample_size(30);
    g.bench_function("annual accounts PDF of a year of 10000 bookings", |b| {
        b.iter(|| {
            let f = rt
                .block_on(api.export(ExportRequest::AnnualAccountsPdf { year: 2025 }))
                .unwrap();
            assert!(f.bytes.starts_with(b"%PDF"));
        })
    });
    // Right after a write (the closing): nothing read before is reused.
    g.sample_size(10);
    g.bench_function("annual accounts PDF, first after the closing", |b| {
        b.iter_batched(
            || {
                rt.block_on(async {
                    api.year_reopen(YearReopenInput {
                        year: 2025,
                        reason: "bench".into(),
                    })
                    .await
                    .unwrap();
                    api.year_close(YearCloseInput {
                        year: 2025,
                        note: String::new(),
                    })
                    .await
                    .unwrap();
                })
            },
            |()| {
                rt.block_on(api.export(ExportRequest::AnnualAccountsPdf { year: 2025 }))
                    .unwrap()
            },
            BatchSize::PerIteration,
        )
    });
    // The draft accounts of an open year right after one of its bookings changed: the
    // year's 10 000 bookings are read again.
    let open_dir = tempfile::tempdir().unwrap();
    let open = year_2025(open_dir.path());
    let mut turn = 0u32;
    g.bench_function(
        "draft accounts PDF, first after a booking of the year changed",
        |b| {
            b.iter_batched(
                || {
                    rt.block_on(async {
                        let list = open.bookings_list(2025).await.unwrap();
                        let x = &list.bookings[0];
                        turn += 1;
                        open.booking_update(BookingUpdate {
                            id: x.id,
                            version: x.version,
                            line: x.line,
                            grant: x.grant,
                            text: format!("Rettet {turn}"),
                            voucher_file: None,
                            counter_account: x.counter_account,
                        })
                        .await
                        .unwrap();
                    })
                },
                |()| {
                    rt.block_on(open.export(ExportRequest::AnnualAccountsPdf { year: 2025 }))
                        .unwrap()
                },
                BatchSize::PerIteration,
            )
        },
    );
    g.finish();
}

/// The statement with every line on a budget line.
fn on_lines(bytes: &[u8]) -> BankImportRequest {
    let mut req = request(bytes);
    req.lines = (0..N)
        .map(|i| BankChoice {
            transfer: None,
            fee: None,
            line_no: (i + 2) as u32,
            budget_line: LINES[i % LINES.len()].into(),
        })
        .collect();
    req
}

criterion_group!(books, benches);
criterion_main!(books);
