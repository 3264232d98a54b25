//! The member-register story, told once and run on both engines: create the association,
//! add, edit and search members, import good and bad CSV files, pay fees, compute arrears,
//! export and print, and refuse a stale concurrent edit.

use kvorum_api::dto::*;
use kvorum_api::ErrorCode;
use kvorum_core::members::{FeeFilter, MemberQuery, StatusFilter};
use kvorum_tests::{today, Engine, TestDb};

fn member(name: &str) -> MemberInput {
    MemberInput {
        name: name.into(),
        joined_on: Some(today()),
        membership_type: "ordinary".into(),
        ..Default::default()
    }
}

/// Who the audit log says did it: the name typed in settings; on a shared server with the
/// server's login beside it (the test server's is `postgres`).
fn actor(engine: Engine, typed: &str) -> String {
    match engine {
        Engine::Sqlite => typed.to_owned(),
        Engine::Postgres => format!("{typed} (postgres)"),
    }
}

fn search(text: &str) -> MemberQuery {
    MemberQuery {
        text: text.into(),
        ..Default::default()
    }
}

async fn member_register_story(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open("Karin (sekretær)").await;

    // A new file has no association; members cannot be added before it exists.
    assert_eq!(api.association_get().await.unwrap(), None);
    let err = api.member_add(member("Før foreningen")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NoAssociation);

    // Create the association; bad input is refused field by field.
    let bad = api
        .association_create(AssociationInput {
            cvr: Some("12".into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(bad.code, ErrorCode::Validation);
    assert_eq!(
        bad.fields
            .iter()
            .map(|f| f.field.as_str())
            .collect::<Vec<_>>(),
        ["name", "cvr"]
    );
    let assoc = api
        .association_create(AssociationInput {
            name: "Foreningen Perronen".into(),
            municipality: Some("Guldborgsund Kommune".into()),
            fiscal_year_start_month: 1,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(assoc.name, "Foreningen Perronen");
    let again = api
        .association_create(AssociationInput {
            name: "To".into(),
            ..Default::default()
        })
        .await;
    assert_eq!(again.unwrap_err().code, ErrorCode::AlreadyExists);

    // Add members: numbers are automatic, validation is Danish and per field.
    let soren = api
        .member_add(MemberInput {
            email: Some("soren@example.dk".into()),
            phone: Some("12 34 56 78".into()),
            address: Some("Jernbanegade 4".into()),
            postal_code: Some("4800".into()),
            city: Some("Nykøbing F".into()),
            roles: vec![Role::Volunteer],
            email_consent: true,
            ..member("Søren Ærø")
        })
        .await
        .unwrap();
    assert_eq!(soren.member_no, 1);
    let aase = api.member_add(member("Åse Østergaard")).await.unwrap();
    assert_eq!(aase.member_no, 2);
    let invalid = api
        .member_add(MemberInput {
            postal_code: Some("48".into()),
            email: Some("x@".into()),
            ..member("Ugyldig")
        })
        .await
        .unwrap_err();
    assert_eq!(invalid.code, ErrorCode::Validation);
    assert!(invalid
        .fields
        .iter()
        .any(|f| f.field == "postalCode" && f.message.contains("fire cifre")));
    let taken = api
        .member_add(MemberInput {
            member_no: Some(1),
            ..member("Dublet")
        })
        .await
        .unwrap_err();
    assert_eq!(taken.code, ErrorCode::Duplicate);
    assert!(taken.fields[0].message.contains("allerede brugt"));

    // Search as you type.
    let hits = api.members_list(search("ærø")).await.unwrap();
    assert_eq!(
        hits.rows.iter().map(|r| r.member_no).collect::<Vec<_>>(),
        [1]
    );
    assert_eq!(
        api.members_list(search("12345678"))
            .await
            .unwrap()
            .rows
            .len(),
        1
    );
    assert_eq!(api.members_list(search("")).await.unwrap().total, 2);

    // Edit, and the stale-edit conflict between two laptops on the same database.
    let other_laptop = db.open("Jens (kasserer)").await;
    let detail = api.member_get(aase.id).await.unwrap();
    let mine = MemberInput {
        phone: Some("87654321".into()),
        ..MemberInput::from(&detail.member)
    };
    let theirs = MemberInput {
        city: Some("Maribo".into()),
        ..MemberInput::from(&detail.member)
    };
    other_laptop
        .member_update(MemberUpdate {
            id: aase.id,
            version: detail.member.version,
            input: theirs,
        })
        .await
        .unwrap();
    let conflict = api
        .member_update(MemberUpdate {
            id: aase.id,
            version: detail.member.version,
            input: mine.clone(),
        })
        .await
        .unwrap_err();
    assert_eq!(conflict.code, ErrorCode::Conflict);
    assert!(conflict
        .message
        .starts_with("Medlemmet er ændret af en anden siden du åbnede det"));
    let fresh = api.member_get(aase.id).await.unwrap().member;
    assert_eq!(
        fresh.city.as_deref(),
        Some("Maribo"),
        "the other edit was kept"
    );
    assert_eq!(fresh.phone, None, "the stale edit was not written");
    let saved = api
        .member_update(MemberUpdate {
            id: aase.id,
            version: fresh.version,
            input: MemberInput {
                phone: Some("87654321".into()),
                ..MemberInput::from(&fresh)
            },
        })
        .await
        .unwrap();
    assert_eq!(saved.version, fresh.version + 1);
    // The list this laptop searches is cached, but never stale: a member added on the other
    // laptop shows up at once.
    assert_eq!(api.members_list(search("")).await.unwrap().total, 2);
    let extra = other_laptop
        .member_add(member("Ny fra kassereren"))
        .await
        .unwrap();
    assert_eq!(
        api.members_list(search("kassereren")).await.unwrap().rows[0].id,
        extra.id
    );
    let history = api.member_get(aase.id).await.unwrap().history;
    assert_eq!(history.len(), 3, "create + two updates");
    assert_eq!(history[0].text, "Ændret: telefon");
    assert_eq!(history[2].text, "Medlem oprettet");
    assert!(history
        .iter()
        .any(|h| h.actor == actor(engine, "Jens (kasserer)") && h.changes.contains("Maribo")));

    // Import: one bad row means nothing is imported; excluding it imports the rest.
    let csv = "Medlemsnr;Fornavn;Efternavn;Adresse;Postnr;By;E-mail;Indmeldt;Medlemstype\n\
               ;Karen;Blixen;Rungstedvej 111;2960;Rungsted Kyst;karen@example.dk;01.02.2020;Ordinær\n\
               ;Bo;Bad;Vej 1;29;By;bo@;;\n\
               ;Søren;Igen;;;;SOREN@example.dk;;Støttemedlem\n";
    let request = ImportRequest {
        bytes: csv.as_bytes().to_vec(),
        file: None,
        ..Default::default()
    };
    let preview = api.members_import_preview(request.clone()).await.unwrap();
    assert_eq!(
        (preview.ready, preview.with_problems, preview.duplicates),
        (1, 1, 1)
    );
    assert!(preview.rows[2]
        .duplicate_of
        .as_deref()
        .unwrap()
        .contains("medlem nr. 1"));
    let refused = api.members_import_apply(request.clone()).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Import);
    assert!(refused.message.contains("Linje 3"), "{}", refused.message);
    assert_eq!(
        api.members_list(search("")).await.unwrap().total,
        3,
        "nothing was imported"
    );
    let fixed = ImportRequest {
        exclude: vec![3],
        accept_duplicates: vec![4],
        ..request
    };
    let outcome = api.members_import_apply(fixed).await.unwrap();
    assert_eq!(outcome.imported, 2);
    let all = api
        .members_list(MemberQuery {
            status: StatusFilter::All,
            ..search("")
        })
        .await
        .unwrap();
    assert_eq!(
        all.rows.iter().map(|r| r.member_no).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(all.rows[4].membership_type, "supporting");

    // Fees and arrears, computed from rates and payments.
    api.fee_rate_set(FeeRate {
        year: 2026,
        membership_type: "ordinary".into(),
        amount: Money::from_kr(150),
    })
    .await
    .unwrap();
    api.fee_rate_set(FeeRate {
        year: 2026,
        membership_type: "supporting".into(),
        amount: Money::from_kr(100),
    })
    .await
    .unwrap();
    let unpaid = |year| MemberQuery {
        fee: Some(FeeFilter { year, paid: false }),
        ..search("")
    };
    assert_eq!(api.members_list(unpaid(2026)).await.unwrap().rows.len(), 5);
    let pay = |id, kr| PaymentInput {
        member_id: id,
        year: 2026,
        paid_on: Some(today()),
        amount: Money::from_kr(kr),
        method: PaymentMethod::MobilePay,
        voucher_no: Some("K-1".into()),
    };
    api.fee_pay(pay(soren.id, 150)).await.unwrap();
    api.fee_pay(pay(aase.id, 100)).await.unwrap();
    let bad_pay = api
        .fee_pay(PaymentInput {
            amount: Money(0),
            ..pay(aase.id, 0)
        })
        .await
        .unwrap_err();
    assert!(bad_pay.fields.iter().any(|f| f.field == "amount"));
    let still = api.members_list(unpaid(2026)).await.unwrap();
    assert_eq!(
        still.rows.iter().map(|r| r.member_no).collect::<Vec<_>>(),
        [2, 3, 4, 5]
    );
    assert!(matches!(still.rows[0].fee, FeeStatus::PartlyPaid { .. }));
    let aase_fees = api.member_get(aase.id).await.unwrap().fees;
    assert_eq!(
        aase_fees[0].text,
        "Kontingent for 2026 er delvist betalt (100,00 kr. af 150,00 kr.)"
    );
    // A payment registered on the wrong member is reversed with a reason: it no longer
    // counts, and the member's history keeps it.
    let wrong = api.fee_pay(pay(aase.id, 50)).await.unwrap();
    assert!(matches!(
        api.member_get(aase.id).await.unwrap().fees[0].status,
        FeeStatus::Paid { .. }
    ));
    let no_reason = api
        .fee_payment_reverse(PaymentReversal {
            member: aase.id,
            payment: wrong.id,
            reason: "  ".into(),
        })
        .await
        .unwrap_err();
    assert!(no_reason.fields.iter().any(|f| f.field == "reason"));
    let left = api
        .fee_payment_reverse(PaymentReversal {
            member: aase.id,
            payment: wrong.id,
            reason: "Betalt af Søren".into(),
        })
        .await
        .unwrap();
    assert_eq!(left.len(), 1);
    let aase_now = api.member_get(aase.id).await.unwrap();
    assert!(matches!(
        aase_now.fees[0].status,
        FeeStatus::PartlyPaid { .. }
    ));
    assert!(aase_now
        .history
        .iter()
        .any(|h| h.text == "Betaling tilbageført: 50,00 kr. for 2026 (Betalt af Søren)"));
    let again = api
        .fee_payment_reverse(PaymentReversal {
            member: aase.id,
            payment: wrong.id,
            reason: "igen".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::NotFound);

    // Export to CSV for Excel, and the export imports back into a new association.
    let export = api
        .members_export_csv(MemberQuery {
            status: StatusFilter::All,
            ..search("")
        })
        .await
        .unwrap();
    assert!(export.bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(export.bytes.clone()).unwrap();
    assert!(text.contains("1;Søren Ærø;Jernbanegade 4;4800;Nykøbing F;soren@example.dk"));
    let copy_db = TestDb::sqlite();
    let copy = copy_db.open("test").await;
    copy.association_create(AssociationInput {
        name: "Kopi".into(),
        ..Default::default()
    })
    .await
    .unwrap();
    let back = copy
        .members_import_apply(ImportRequest {
            bytes: export.bytes,
            file: None,
            accept_duplicates: vec![6],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(back.imported, 5);
    let copied = copy
        .member_get(copy.member_by_no(1).await.unwrap().id)
        .await
        .unwrap()
        .member;
    let original = api.member_get(soren.id).await.unwrap().member;
    assert_eq!(MemberInput::from(&copied), MemberInput::from(&original));

    // The member-list PDF.
    let pdf = api.members_export_pdf(search("")).await.unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF"));
    assert_eq!(pdf.rows, 5);

    // Every change is in the audit log, with who did it.
    let log = api.store().audit_log(None, 1000).await.unwrap();
    assert!(log
        .iter()
        .any(|a| a.entity == "association" && a.actor == actor(engine, "Karin (sekretær)")));
    assert!(
        log.iter()
            .filter(|a| a.entity == "member" && a.action == "create")
            .count()
            >= 4
    );
    assert!(log.iter().any(|a| a.entity == "payment"));

    other_laptop.close().await;
    api.close().await;
}

kvorum_tests::on_both_engines!(member_register_story);

/// An existing SQLite file is copied before a migration touches it.
#[tokio::test]
async fn sqlite_file_is_backed_up_before_migrating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gammel.sqlite");
    // A file as an older Kvorum left it: its migrations up to 0008, and a member.
    {
        use sqlx::Connection;
        let older = dir.path().join("older-migrations");
        std::fs::create_dir(&older).unwrap();
        let ours = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations/sqlite");
        for entry in std::fs::read_dir(&ours).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.as_str() < "0009" {
                std::fs::copy(entry.path(), older.join(&name)).unwrap();
            }
        }
        let mut c =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=rwc", path.display()))
                .await
                .unwrap();
        sqlx::migrate::Migrator::new(older.as_path())
            .await
            .unwrap()
            .run(&mut c)
            .await
            .unwrap();
        c.close().await.unwrap();
    }
    let db = TestDb::at(path.display().to_string());
    let api = db.open("test").await;
    api.close().await;
    let backups = kvorum_store::backups_of(&path);
    assert_eq!(backups.len(), 1, "{backups:?}");
    // opening again migrates nothing, so no new copy
    db.open("test").await.close().await;
    assert_eq!(kvorum_store::backups_of(&path).len(), 1);

    // Another program's database is refused in Danish and left alone: no tables, no copy.
    let foreign = dir.path().join("regnskab.sqlite");
    {
        use sqlx::Connection;
        let mut c =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=rwc", foreign.display()))
                .await
                .unwrap();
        sqlx::query("CREATE TABLE old_notes (t TEXT)")
            .execute(&mut c)
            .await
            .unwrap();
        c.close().await.unwrap();
    }
    let before = std::fs::read(&foreign).unwrap();
    let refused = kvorum_api::Api::open(
        &foreign.display().to_string(),
        "test",
        kvorum_api::Clock::fixed_on(kvorum_tests::today()),
    )
    .await
    .err()
    .unwrap();
    assert!(
        refused.message.contains("database fra et andet program"),
        "{}",
        refused.message
    );
    assert_eq!(std::fs::read(&foreign).unwrap(), before);
    assert!(kvorum_store::backups_of(&foreign).is_empty());
}
