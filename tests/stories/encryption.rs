//! The treasurer's laptop could be stolen: the association's file is encrypted with a
//! passphrase, and so are its backups. Without the passphrase the file does not open (and
//! holds no readable name); a wrong one is said in Danish; the right one opens the same
//! register. New files are readable by their owner only. A server's database is the
//! server's to encrypt.

use kvorum_api::backups::{backup_dir, BackupReason};
use kvorum_api::dto::*;
use kvorum_api::{Api, Clock, ErrorCode};
use kvorum_tests::Engine;

const PASSPHRASE: &str = "grøn cykel på perronen";

fn readable(path: &std::path::Path) -> bool {
    std::fs::read(path)
        .unwrap()
        .starts_with(b"SQLite format 3\0")
}

async fn encrypted_file(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open("Kasper (kasserer)").await;
    kvorum_tests::perronen(&api).await;
    for name in ["Anne Ærø", "Bent Østergaard"] {
        api.member_add(MemberInput {
            name: name.into(),
            joined_on: Some(kvorum_tests::today()),
            membership_type: "ordinary".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    }
    if matches!(engine, Engine::Postgres) {
        let refused = api.encrypt(PASSPHRASE.into()).await.err().unwrap();
        assert!(
            refused
                .message
                .starts_with("En forening på en fælles server krypteres af serveren"),
            "{refused:?}"
        );
        return;
    }
    let file = std::path::PathBuf::from(&db.url);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a new association file is the owner's only");
    }
    let before = kvorum_tests::member_names(&api).await;
    api.backup_now(BackupReason::Manual).await.unwrap();
    let short = api.encrypt("kort".into()).await.err().unwrap();
    assert_eq!(short.code, ErrorCode::Validation);
    assert!(
        short.fields[0].message.contains("mindst 10 tegn"),
        "{short:?}"
    );

    let api = db.open("Kasper (kasserer)").await;
    let (api, done) = api.encrypt(PASSPHRASE.into()).await.unwrap();
    assert!(api.encrypted());
    assert_eq!(
        done.backups, 2,
        "the backup by hand and the one before encrypting"
    );
    assert_eq!(kvorum_tests::member_names(&api).await, before);
    // A backup of the encrypted file is encrypted too, and checks out with the passphrase.
    let b = api.backup_now(BackupReason::Manual).await.unwrap();
    assert!(b.check.ok, "{:?}", b.check);
    let list = api.backups_list().await.unwrap();
    assert_eq!(list.len(), 3);
    assert!(list.iter().all(|b| b.check.ok));
    assert_eq!(api.backup_inspect(b.name.clone()).await.unwrap().members, 2);
    api.close().await;
    let dir = backup_dir(&file);
    for f in std::fs::read_dir(&dir).unwrap().flatten() {
        if f.path().extension().is_some_and(|x| x == "sqlite") {
            assert!(!readable(&f.path()), "{} is encrypted", f.path().display());
        }
    }
    assert!(!readable(&file));
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        !bytes.windows(9).any(|w| w == "Østergaa".as_bytes()),
        "no name in the clear"
    );

    // Without the passphrase, with a wrong one, with the right one.
    let locked = Api::open(&db.url, "Kasper", Clock::fixed_on(kvorum_tests::today()))
        .await
        .err()
        .unwrap();
    assert_eq!(locked.code, ErrorCode::Encrypted);
    assert!(
        locked
            .message
            .contains("er krypteret. Skriv filens adgangskode"),
        "{}",
        locked.message
    );
    let wrong = Api::open_with_password(
        &db.url,
        Some("grøn cykel på perronenn"),
        "Kasper",
        Clock::fixed_on(kvorum_tests::today()),
    )
    .await
    .err()
    .unwrap();
    assert_eq!(wrong.code, ErrorCode::Encrypted);
    assert!(
        wrong
            .message
            .starts_with("Adgangskoden passer ikke til foreningsfilen"),
        "{}",
        wrong.message
    );
    let api = Api::open_with_password(
        &db.url,
        Some(PASSPHRASE),
        "Kasper",
        Clock::fixed_on(kvorum_tests::today()),
    )
    .await
    .unwrap();
    assert_eq!(kvorum_tests::member_names(&api).await, before);
    // Moved to a new file, the association stays encrypted with the same passphrase.
    let moved = file.with_file_name("flyttet.sqlite");
    api.transfer_to(&moved.display().to_string(), None)
        .await
        .unwrap();
    assert!(!readable(&moved), "the moved copy is encrypted too");
    let copy = Api::open_with_password(
        &moved.display().to_string(),
        Some(PASSPHRASE),
        "Kasper",
        Clock::fixed_on(kvorum_tests::today()),
    )
    .await
    .unwrap();
    assert_eq!(
        copy.checksums().await.unwrap(),
        api.checksums().await.unwrap()
    );
    copy.close().await;
    // A backup restored into the encrypted file opens with the same passphrase.
    let (api, _) = api.backup_restore(b.name.clone()).await.unwrap();
    assert_eq!(kvorum_tests::member_names(&api).await, before);
    assert!(api.encrypted());
    assert!(!readable(&file));
    api.close().await;
}

kvorum_tests::on_both_engines!(encrypted_file);

/// The handover to the next treasurer: one .zip with the association and its papers,
/// encrypted with the file's passphrase when the file is encrypted; unpacked beside itself
/// and opened, it holds the same register to the checksum.
async fn handover(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open("Kasper (kasserer)").await;
    kvorum_tests::perronen(&api).await;
    api.member_add(MemberInput {
        name: "Bent Østergaard".into(),
        joined_on: Some(kvorum_tests::today()),
        membership_type: "ordinary".into(),
        ..Default::default()
    })
    .await
    .unwrap();
    api.bylaws_adopt(AdoptInput {
        adopted_on: Some(kvorum_tests::today()),
        in_force_from: None,
        note: None,
    })
    .await
    .unwrap();
    // This year's budget (last year has none: its follow-up is left out).
    api.budget_set_line(BudgetLineInput {
        fee_line: false,
        year: 2026,
        id: None,
        version: 0,
        name: "Husleje".into(),
        kind: LineKind::Expense,
        amount: Money::from_kr(54_000),
        grant: None,
    })
    .await
    .unwrap();
    let sums = api.checksums().await.unwrap();
    let api = match engine {
        Engine::Sqlite => api.encrypt(PASSPHRASE.into()).await.unwrap().0,
        Engine::Postgres => api,
    };
    let package = api.export(ExportRequest::Handover).await.unwrap();
    assert!(
        package
            .file_name
            .starts_with("Overdragelse Foreningen Perronen 2026-11-22"),
        "{}",
        package.file_name
    );
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join(&package.file_name);
    std::fs::write(&zip, &package.bytes).unwrap();
    let secret = matches!(engine, Engine::Sqlite);
    assert_eq!(
        kvorum_api::handover::handover_encrypted(&zip).unwrap(),
        secret
    );
    // No name in the clear in an encrypted package (the note says only the association's).
    if secret {
        assert!(
            !package.bytes.windows(4).any(|w| w == b"Bent"),
            "no member's name in the clear"
        );
        let asked = kvorum_api::handover::open_handover(&zip, None).unwrap_err();
        assert_eq!(asked.code, ErrorCode::Encrypted);
        assert!(
            asked
                .message
                .contains("er krypteret. Skriv foreningens adgangskode"),
            "{}",
            asked.message
        );
        let wrong = kvorum_api::handover::open_handover(&zip, Some("forkert forkert")).unwrap_err();
        assert!(
            wrong
                .message
                .starts_with("Adgangskoden passer ikke til overdragelsen"),
            "{}",
            wrong.message
        );
        assert!(
            !zip.with_file_name(zip.file_stem().unwrap()).exists(),
            "nothing unpacked"
        );
    }
    let database = kvorum_api::handover::open_handover(&zip, secret.then_some(PASSPHRASE)).unwrap();
    let folder = database.parent().unwrap().to_owned();
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Bestyrelsen.pdf",
            "Budgetopfølgning 2026.pdf",
            "Foreningen Perronen.sqlite",
            "LÆS MIG.txt",
            "Vedtægter.pdf",
            "kvorum-overdragelse.json",
        ]
    );
    let readme = std::fs::read_to_string(folder.join("LÆS MIG.txt")).unwrap();
    assert!(
        readme.starts_with("Overdragelse af Foreningen Perronen, lavet af Kasper (kasserer)"),
        "{readme}"
    );
    let text = kvorum_docs::pdf::page_texts(&std::fs::read(folder.join("Vedtægter.pdf")).unwrap())
        .unwrap()
        .join(" ");
    assert!(text.contains("Vedtægter"), "{text}");
    let opened = Api::open_with_password(
        &database.display().to_string(),
        secret.then_some(PASSPHRASE),
        "Ny kasserer",
        Clock::fixed_on(kvorum_tests::today()),
    )
    .await
    .unwrap();
    assert_eq!(opened.checksums().await.unwrap(), sums, "the same register");
    assert_eq!(opened.encrypted(), secret);
    opened.close().await;
    // Unpacked once: the folder is there, a second time is refused rather than mixed.
    let again =
        kvorum_api::handover::open_handover(&zip, secret.then_some(PASSPHRASE)).unwrap_err();
    assert!(
        again.message.contains("findes allerede"),
        "{}",
        again.message
    );
    api.close().await;
}

kvorum_tests::on_both_engines!(handover);
