//! The treasurer's laptop keeps its backups: one taken by hand is checked and listed with
//! what it holds; restored, the register is as it was then, and the file as it was just
//! before is kept too; a file damaged on disk (so it cannot even be opened) is restored from
//! the backup with identical data. On a shared server Kvorum says who backs it up.

use chrono::NaiveDate;
use kvorum_api::backups::{restore_unopenable, BackupReason};
use kvorum_api::dto::*;
use kvorum_api::Api;
use kvorum_tests::Engine;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn backup_and_restore(engine: Engine) {
    let db = engine.fresh().await;
    let day = date(2026, 12, 1);
    let api = db.open_on("Kasper (kasserer)", day).await;
    kvorum_tests::perronen(&api).await;
    for name in ["Anne Ærø", "Bent Østergaard", "Carla Ågård"] {
        api.member_add(MemberInput {
            name: name.into(),
            joined_on: Some(date(2025, 2, 1)),
            membership_type: "ordinary".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    }
    if matches!(engine, Engine::Postgres) {
        // A server's database is backed up on this laptop as a Kvorum file: the whole
        // database transferred into it, checked, and opened read-only to see what it holds.
        let dir = kvorum_api::backups::server_backup_dir(&db.url);
        let b = api.backup_now(BackupReason::Manual).await.unwrap();
        assert!(b.check.ok, "{:?}", b.check);
        assert!(b.name.starts_with("kvorum_test_"), "{}", b.name);
        let rows = |t: &str| b.check.rows.iter().find(|r| r.table == t).unwrap().rows;
        assert_eq!((rows("association"), rows("members")), (1, 3));
        let held = api.backup_inspect(b.name.clone()).await.unwrap();
        assert_eq!(held.association.as_deref(), Some("Foreningen Perronen"));
        assert_eq!(held.members, 3);
        // The copy is a Kvorum file like any other, with the server's data to the checksum.
        let copy = kvorum_tests::TestDb::at(dir.join(&b.name).display().to_string());
        let opened = copy.open("Kasper").await;
        assert_eq!(
            opened.checksums().await.unwrap(),
            api.checksums().await.unwrap()
        );
        opened.close().await;
        let refused = api.backup_restore(b.name.clone()).await.err().unwrap();
        assert!(
            refused
                .message
                .starts_with("En sikkerhedskopi af den fælles server lægges ikke oven i serveren"),
            "{refused:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
        return;
    }
    let then = kvorum_tests::member_names(&api).await;
    let b = api.backup_now(BackupReason::Manual).await.unwrap();
    assert!(b.check.ok, "{:?}", b.check);
    assert_eq!(b.check.integrity, "ok");
    let rows = |t: &str| b.check.rows.iter().find(|r| r.table == t).unwrap().rows;
    assert_eq!((rows("association"), rows("members")), (1, 3));
    assert!(b.size > 0);
    let list = api.backups_list().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].name.as_str(), list[0].reason),
        (b.name.as_str(), BackupReason::Manual)
    );
    let file = std::path::PathBuf::from(&db.url);
    let backup_file = kvorum_api::backups::backup_dir(&file).join(&b.name);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backup_file)
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "only the owner reads a backup");
    }
    let held = api.backup_inspect(b.name.clone()).await.unwrap();
    assert_eq!(
        (held.association.as_deref(), held.members),
        (Some("Foreningen Perronen"), 3)
    );
    // A name that is a path is not a backup.
    let outside = api
        .backup_inspect("../forening.sqlite".into())
        .await
        .unwrap_err();
    assert_eq!(outside.code, kvorum_api::ErrorCode::NotFound);

    // A member added after the backup; then the backup is restored.
    api.member_add(MemberInput {
        name: "Efter Kopien".into(),
        joined_on: Some(date(2026, 11, 30)),
        membership_type: "ordinary".into(),
        ..Default::default()
    })
    .await
    .unwrap();
    let (api, before) = api.backup_restore(b.name.clone()).await.unwrap();
    assert_eq!(before.reason, BackupReason::BeforeRestore);
    assert_eq!(
        kvorum_tests::member_names(&api).await,
        then,
        "the register as it was at the backup"
    );
    let list = api.backups_list().await.unwrap();
    assert_eq!(list.len(), 2, "the file as it was before is kept: {list:?}");
    assert_eq!(
        api.backup_inspect(before.name.clone())
            .await
            .unwrap()
            .members,
        4
    );
    api.close().await;

    // The disk damages the file: it cannot be trusted (or even opened); the backup is put
    // back with identical data, and the damaged file is kept beside the backups.
    let mut bytes = std::fs::read(&file).unwrap();
    let len = bytes.len();
    for b in bytes.iter_mut().take(len.min(12_288)).skip(100) {
        *b = 0xAB;
    }
    std::fs::write(&file, &bytes).unwrap();
    let damaged = Api::open(
        &db.url,
        "Kasper (kasserer)",
        kvorum_api::Clock::fixed_on(day),
    )
    .await;
    if let Ok(a) = damaged {
        a.close().await;
    }
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T20:00:00Z")
        .unwrap()
        .to_utc();
    let kept = restore_unopenable(&file, &b.name, None, now).await.unwrap();
    assert!(
        kept.exists(),
        "the damaged file is kept: {}",
        kept.display()
    );
    let api = db.open_on("Kasper (kasserer)", day).await;
    assert_eq!(
        kvorum_tests::member_names(&api).await,
        then,
        "identical data after the damage"
    );
    let again = api.backup_now(BackupReason::Manual).await.unwrap();
    assert_eq!(
        again
            .check
            .rows
            .iter()
            .find(|r| r.table == "members")
            .unwrap()
            .rows,
        3
    );
    assert!(again.check.ok);
    api.close().await;

    // A second folder (the USB stick): each backup is copied there too, in the association's
    // own folder; a stick that is not plugged in is said, and the backup stands; deleting a
    // backup deletes its copy.
    let stick = tempfile::tempdir().unwrap();
    let mut api = db.open_on("Kasper (kasserer)", day).await;
    api.set_backup_copy_dir(Some(stick.path().to_owned()));
    let copied = api.backup_now(BackupReason::Manual).await.unwrap();
    assert!(copied.copied && copied.copy_error.is_none(), "{copied:?}");
    let there = stick
        .path()
        .join("forening sikkerhedskopier")
        .join(&copied.name);
    assert_eq!(
        std::fs::read(&there).unwrap(),
        std::fs::read(kvorum_api::backups::backup_dir(&file).join(&copied.name)).unwrap()
    );
    assert!(there
        .with_file_name(format!("{}.json", copied.name))
        .exists());
    let listed = api.backups_list().await.unwrap();
    assert!(listed.iter().any(|b| b.name == copied.name && b.copied));
    api.set_backup_copy_dir(Some(stick.path().join("ikke-sat-i").join("USB")));
    let alone = api.backup_now(BackupReason::Manual).await.unwrap();
    assert!(!alone.copied && alone.check.ok);
    assert!(
        alone
            .copy_error
            .as_deref()
            .unwrap()
            .contains("mappen findes ikke (er USB-nøglen sat i?)"),
        "{alone:?}"
    );
    api.set_backup_copy_dir(Some(stick.path().to_owned()));
    let left = api.backup_delete(copied.name.clone()).await.unwrap();
    assert!(left.iter().all(|b| b.name != copied.name));
    assert!(!there.exists(), "the copy on the stick is deleted too");
    assert_eq!(
        api.backup_delete("../forening.sqlite".into())
            .await
            .unwrap_err()
            .code,
        kvorum_api::ErrorCode::NotFound
    );
    assert!(file.exists());
    api.close().await;
}

kvorum_tests::on_both_engines!(backup_and_restore);
