//! Figures for the importers (issue 12's targets): a 50 000-line member file previewed and
//! imported in ≤ 2 s, a 4 000-section bylaws text read in ≤ 200 ms (release builds), and
//! the settings read from it. Run: `cargo bench -p kvorum-api --bench importers`.

mod common;

use common::fresh;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use kvorum_api::dto::*;
use kvorum_core::bylaws::parse_plain_text;
use kvorum_core::rules::RuleSettings;
use kvorum_core::rules_from_text::read_settings;
use kvorum_core::text::Lang;

const MEMBERS: usize = 50_000;
const SECTIONS: usize = 4_000;

/// A register as ForeningLet exports it, 50 000 members.
fn members(n: usize) -> Vec<u8> {
    let mut s = String::from(
        "MemberNumber;FirstName;LastName;Address;Address2;Zip;City;Email;Phone;Mobile;Birthday;EnrollmentDate;ReceiveNewsletter\n",
    );
    for i in 1..=n {
        s.push_str(&format!(
            "{};Søren;Ærø {i};Jernbanegade {};{};{};Nykøbing F;medlem{i}@example.dk;;+45 {:08};19{:02}-{:02}-{:02};20{:02}-{:02}-01T00:00:00Z;{}\n",
            1000 + i,
            i % 90,
            if i % 5 == 0 { "1. th." } else { "" },
            4800 + i % 90,
            20_000_000 + i,
            40 + i % 60,
            i % 12 + 1,
            i % 28 + 1,
            10 + i % 15,
            i % 12 + 1,
            i % 2
        ));
    }
    s.into_bytes()
}

/// Bylaws of 4 000 sections in Word's style, many with the same title.
fn bylaws(n: usize) -> String {
    let mut s = String::from("Vedtægter for Foreningen Perronen\n\n");
    for i in 1..=n {
        s.push_str(&format!(
            "§ {i}.\nGeneralforsamling\nOrdinær generalforsamling\n{i}.1 Generalforsamlingen indkaldes med mindst 3 ugers varsel\nved e-mail til medlemmerne.\n{i}.2 Forslag skal være bestyrelsen i hænde senest 8 dage før generalforsamlingen.\n\n"
        ));
    }
    s
}

fn benches(c: &mut Criterion) {
    let rt = common::runtime();
    let bytes = members(MEMBERS);
    let mut g = c.benchmark_group("importers");
    g.sample_size(10);
    g.bench_function("preview 50 000 members (ForeningLet export)", |b| {
        let dir = tempfile::tempdir().unwrap();
        let api = rt.block_on(fresh(dir.path()));
        let token = api.hold_file(bytes.clone());
        b.iter(|| {
            let p = rt
                .block_on(api.members_import_preview(ImportRequest {
                    file: Some(token.clone()),
                    ..Default::default()
                }))
                .unwrap();
            assert_eq!(p.ready as usize, MEMBERS);
        })
    });
    g.bench_function("preview + import 50 000 members (SQLite)", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let api = rt.block_on(fresh(dir.path()));
                (dir, api)
            },
            |(dir, api)| {
                let token = api.hold_file(bytes.clone());
                let request = ImportRequest {
                    file: Some(token),
                    ..Default::default()
                };
                rt.block_on(api.members_import_preview(request.clone()))
                    .unwrap();
                let out = rt.block_on(api.members_import_apply(request)).unwrap();
                assert_eq!(out.imported as usize, MEMBERS);
                (dir, api)
            },
            BatchSize::PerIteration,
        )
    });
    let text = bylaws(SECTIONS);
    g.sample_size(20);
    g.bench_function("read a 4 000-section bylaws text", |b| {
        b.iter(|| {
            let doc = parse_plain_text(std::hint::black_box(&text)).unwrap();
            assert_eq!(doc.sections.len(), SECTIONS);
        })
    });
    let doc = parse_plain_text(&text).unwrap();
    let base = RuleSettings::default();
    g.bench_function("read the settings of a 4 000-section text", |b| {
        b.iter(|| read_settings(std::hint::black_box(&doc), &base, Lang::Da))
    });
    g.finish();
}

criterion_group!(importers, benches);
criterion_main!(importers);
