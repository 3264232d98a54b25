//! What the benchmarks share: a fresh association in its own SQLite file, on a fixed day.

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
