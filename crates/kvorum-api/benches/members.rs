//! Figures for the member register (issue targets): import 5 000 members ≤ 250 ms, search
//! 5 000 members ≤ 5 ms in the backend, and the member-list PDF of 5 000 members.
//! Run: `cargo bench -p kvorum-api --bench members`.

mod common;

use common::{fresh, today};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use kvorum_api::dto::*;

const N: usize = 5_000;

fn benches(c: &mut Criterion) {
    let rt = common::runtime();
    let bytes = common::members_csv(N);

    let mut g = c.benchmark_group("members");
    g.sample_size(10);
    g.bench_function(
        "import 5000 members (preview + apply, one transaction, SQLite)",
        |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().unwrap();
                    let api = rt.block_on(fresh(dir.path()));
                    (dir, api)
                },
                |(dir, api)| {
                    let out = rt
                        .block_on(api.members_import_apply(ImportRequest {
                            bytes: bytes.clone(),
                            file: None,
                            ..Default::default()
                        }))
                        .unwrap();
                    assert_eq!(out.imported as usize, N);
                    (dir, api)
                },
                BatchSize::PerIteration,
            )
        },
    );

    let dir = tempfile::tempdir().unwrap();
    let api = rt.block_on(fresh(dir.path()));
    rt.block_on(api.members_import_apply(ImportRequest {
        bytes: bytes.clone(),
        file: None,
        ..Default::default()
    }))
    .unwrap();
    let members = rt.block_on(api.store().members()).unwrap();
    let snapshot = kvorum_api::members::MemberSnapshot::new(members, vec![], vec![]);
    let query = MemberQuery {
        text: "søren ærø".into(),
        ..Default::default()
    };
    g.sample_size(50);
    g.bench_function("search 5000 members in memory (core search)", |b| {
        b.iter(|| snapshot.search(std::hint::black_box(&query), 2026, today()))
    });
    g.bench_function("members_list over 5000 (load from SQLite + search)", |b| {
        b.iter(|| rt.block_on(api.members_list(query.clone())).unwrap())
    });
    g.sample_size(10);
    g.bench_function("member-list PDF of 5000 members", |b| {
        b.iter(|| {
            rt.block_on(api.members_export_pdf(MemberQuery::default()))
                .unwrap()
        })
    });
    g.finish();
}

criterion_group!(members, benches);
criterion_main!(members);
