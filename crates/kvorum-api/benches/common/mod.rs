//! What the benchmarks share: a fresh association in its own SQLite file, on a fixed day, and
//! a member list to import. Each bench uses part of it.
#![allow(dead_code)]

// The app and the CLI allocate with mimalloc (src-tauri/src/main.rs); so do the benchmarks.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::NaiveDate;
use kvorum_api::dto::*;
use kvorum_api::{Api, Clock};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// A new association "Bench" (fiscal year = calendar year) in `dir`.
pub async fn fresh(dir: &std::path::Path) -> Api {
    let api = Api::open(
        &dir.join("b.sqlite").display().to_string(),
        "bench",
        Clock::fixed_on(today()),
    )
    .await
    .unwrap();
    api.association_create(AssociationInput {
        name: "Bench".into(),
        fiscal_year_start_month: 1,
        ..Default::default()
    })
    .await
    .unwrap();
    api
}

/// The runtime the app runs the use cases on: two workers.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// A member list of `n` members as a CSV file, Danish letters in the names.
pub fn members_csv(n: usize) -> Vec<u8> {
    let first = [
        "Søren",
        "Åse",
        "Karin",
        "Jens",
        "Ølstykke",
        "Bo",
        "Mette",
        "Anders",
        "Lise",
        "Ærling",
    ];
    let last = [
        "Hansen",
        "Østergaard",
        "Jensen",
        "Ærø",
        "Nielsen",
        "Andersen",
        "Åberg",
        "Pedersen",
    ];
    let mut s = String::from(
        "Medlemsnr;Fornavn;Efternavn;Adresse;Postnr;By;E-mail;Telefon;Indmeldt;Medlemstype\n",
    );
    for i in 1..=n {
        s.push_str(&format!(
            "{i};{};{};Jernbanegade {};{};Nykøbing F;medlem{i}@example.dk;{:08};{:02}-{:02}-20{:02};{}\n",
            first[i % first.len()],
            last[i % last.len()],
            i,
            4800 + i % 90,
            20_000_000 + i,
            i % 28 + 1,
            i % 12 + 1,
            10 + i % 15,
            if i % 7 == 0 { "Støttemedlem" } else { "Ordinær" }
        ));
    }
    s.into_bytes()
}
