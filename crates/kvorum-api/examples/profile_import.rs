//! Where does an import spend its time? (developer tool, not a test)
use kvorum_api::dto::*;
use std::time::Instant;
fn main() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let bytes = std::fs::read(std::env::args().nth(1).expect("csv")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let api = kvorum_api::Api::open(
            &dir.path().join("x.sqlite").display().to_string(),
            "p",
            kvorum_api::Clock::System,
        )
        .await
        .unwrap();
        api.association_create(AssociationInput {
            name: "P".into(),
            ..Default::default()
        })
        .await
        .unwrap();
        let t = Instant::now();
        let parsed = kvorum_api::members::import::parse_csv(&bytes).unwrap();
        println!("parse {:?}", t.elapsed());
        let t = Instant::now();
        let p = api
            .members_import_preview(ImportRequest {
                bytes: bytes.clone(),
                ..Default::default()
            })
            .await
            .unwrap();
        println!(
            "preview {:?} ({} ready, {} rows parsed)",
            t.elapsed(),
            p.ready,
            parsed.records.len()
        );
        let t = Instant::now();
        api.members_import_apply(ImportRequest {
            bytes,
            ..Default::default()
        })
        .await
        .unwrap();
        println!("apply {:?}", t.elapsed());
    });
}
