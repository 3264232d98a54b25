//! Personal data by the book: a member's own data in one file. Karin has a register entry
//! with its history, two fee payments and their bookings, an assembly she attended, a
//! proposal she submitted and a seat as auditor; Bent is another member. The subject-access
//! file (a ZIP: a PDF to read and a JSON file a program can read) holds every record about
//! Karin, table by table, and nothing of Bent's own.

use chrono::{NaiveDate, NaiveTime};
use kvorum_api::dto::*;
use kvorum_core::board::SeatKind;
use kvorum_core::fees::{PaymentInput, PaymentMethod};
use kvorum_core::meetings::MeetingKind;
use kvorum_tests::Engine;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A member in Nykøbing F who may be e-mailed, born 02.04.1958, joined 01.01.2018.
fn person(name: &str, email: &str, phone: &str, street: &str) -> MemberInput {
    MemberInput {
        name: name.into(),
        address: Some(street.into()),
        postal_code: Some("4800".into()),
        city: Some("Nykøbing F".into()),
        email: Some(email.into()),
        phone: Some(phone.into()),
        birth_date: Some(date(1958, 4, 2)),
        membership_type: "ordinary".into(),
        joined_on: Some(date(2018, 1, 1)),
        email_consent: true,
        ..Default::default()
    }
}

async fn a_members_own_data(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open_on("Sekretær Sofie", date(2026, 12, 1)).await;
    kvorum_tests::perronen(&api).await;
    api.fee_rate_set(FeeRate {
        year: 2026,
        membership_type: "ordinary".into(),
        amount: Money::from_kr(150),
    })
    .await
    .unwrap();
    let add = |name: &str, email: &str, phone: &str| MemberInput {
        birth_date: None,
        joined_on: Some(date(2024, 3, 1)),
        ..person(name, email, phone, "Jernbanegade 4")
    };
    let karin = api
        .member_add(add("Karin Ærbø", "karin@example.dk", "20 30 40 50"))
        .await
        .unwrap();
    let bent = api
        .member_add(add("Bent Østergård", "bent@example.dk", "60 70 80 90"))
        .await
        .unwrap();
    // Karin's new phone: the log keeps the change.
    let mut input = add("Karin Ærbø", "karin@example.dk", "21 31 41 51");
    input.member_no = Some(karin.member_no);
    api.member_update(MemberUpdate {
        id: karin.id,
        version: karin.version,
        input,
    })
    .await
    .unwrap();
    for (m, day) in [(&karin, 3), (&karin, 20), (&bent, 5)] {
        api.fee_pay(PaymentInput {
            member_id: m.id,
            year: 2026,
            paid_on: Some(date(2026, 2, day)),
            amount: Money::from_kr(if day == 20 { 50 } else { 150 }),
            method: PaymentMethod::Cash,
            voucher_no: None,
        })
        .await
        .unwrap();
    }
    let meeting = api
        .meeting_create(MeetingInput {
            kind: MeetingKind::Ordinary,
            body: None,
            date: date(2026, 11, 20),
            start_time: NaiveTime::from_hms_opt(19, 0, 0),
            place: "Perronen".into(),
            demanded_by: None,
            demanded_on: None,
        })
        .await
        .unwrap();
    api.proposal_add(ProposalInput {
        meeting_id: meeting.meeting.id,
        submitter: Some(karin.id),
        received_on: date(2026, 11, 1),
        kind: "ordinary".into(),
        title: "Længere åbningstid om lørdagen".into(),
        text: "Caféen holder åbent til kl. 16.".into(),
        amendment: None,
        recommendation: None,
    })
    .await
    .unwrap();
    for m in [&karin, &bent] {
        api.attendance_check_in(CheckIn {
            meeting: meeting.meeting.id,
            member: Some(m.id),
            guest: None,
        })
        .await
        .unwrap();
    }
    api.board_appoint(AppointInput {
        kind: SeatKind::Auditor,
        member: Some(karin.id),
        name: None,
        appointed_by: None,
        start: date(2026, 3, 14),
        expires_year: Some(2027),
        rank: None,
    })
    .await
    .unwrap();

    let file = api
        .export(ExportRequest::SubjectAccess { member: karin.id })
        .await
        .unwrap();
    let base = format!("indsigt-nr-{}-karin-aerboe", karin.member_no);
    assert_eq!(file.file_name, format!("{base}.zip"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(file.bytes)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "LÆS MIG.txt".into(),
            format!("{base}.json"),
            format!("{base}.pdf")
        ]
    );
    let read = |zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str| {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut out).unwrap();
        out
    };
    let json: serde_json::Value =
        serde_json::from_slice(&read(&mut zip, &format!("{base}.json"))).unwrap();
    let tables = json["tables"].as_object().unwrap();
    let count = |t: &str| tables.get(t).and_then(|r| r.as_array()).map_or(0, Vec::len);
    let rows = |t: &str| {
        tables
            .get(t)
            .and_then(|r| r.as_array())
            .cloned()
            .unwrap_or_default()
    };
    // Table by table: every record about Karin, none of Bent's own.
    assert_eq!(count("members"), 1, "{tables:#?}");
    assert_eq!(rows("members")[0]["phone"], "21 31 41 51");
    assert_eq!(rows("members")[0]["email_consent"], true);
    assert_eq!(count("fee_payments"), 2);
    assert!(rows("fee_payments")
        .iter()
        .all(|p| p["member_id"] == karin.id.0.to_string()));
    assert_eq!(count("bookings"), 2, "her two payments' bookings");
    assert!(rows("bookings")
        .iter()
        .all(|b| b["text"].as_str().unwrap().contains("Karin Ærbø")));
    assert_eq!(count("attendance"), 1);
    assert_eq!(count("proposals"), 1);
    assert_eq!(
        rows("proposals")[0]["title"],
        "Længere åbningstid om lørdagen"
    );
    assert_eq!(count("board_terms"), 1);
    assert_eq!(rows("board_terms")[0]["kind"], "auditor");
    // The log: her creation and the change of phone, her payments, her check-in, her seat;
    // nothing about Bent.
    let log = rows("audit_log");
    assert!(log.iter().any(|e| e["entity_id"] == karin.id.0.to_string()
        && e["action"] == "update"
        && e["changes"].as_str().unwrap().contains("21 31 41 51")));
    assert!(log.len() >= 5, "{log:#?}");
    let bent_id = bent.id.0.to_string();
    for (t, records) in tables {
        for r in records.as_array().unwrap() {
            let text = r.to_string();
            assert!(
                !text.contains("Bent Østergård"),
                "{t} holds Bent's record: {text}"
            );
            assert!(!text.contains(&bent_id), "{t} refers to Bent: {text}");
        }
    }
    assert!(count("ballots") == 0, "ballots are never linked to anyone");
    assert_eq!(json["person"]["memberNo"], karin.member_no);

    let pdf = read(&mut zip, &format!("{base}.pdf"));
    if let Some(dir) = std::env::var_os("KVORUM_STORY_PDF_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("subject-access.pdf"), &pdf).unwrap();
    }
    let text = kvorum_docs::pdf::page_texts(&pdf).unwrap().join("\n");
    for needle in [
        "Dine oplysninger",
        "Karin Ærbø, medlem nr. 1",
        "21 31 41 51",
        "karin@example.dk",
        "Kontingentbetalinger",
        "150,00 kr.",
        "50,00 kr.",
        "Fremmøde på møder",
        "Ordinær generalforsamling 20.11.2026",
        "Længere åbningstid om lørdagen",
        "Tillidsposter",
        "Revisor",
        "Ændringsloggen",
        "Stemmesedler ved skriftlige valg er hemmelige",
        "Kvorum gemmer aldrig CPR-numre.",
    ] {
        assert!(text.contains(needle), "the PDF lacks {needle:?}:\n{text}");
    }
    assert!(!text.contains("Bent Østergård"), "{text}");
    let readme = String::from_utf8(read(&mut zip, "LÆS MIG.txt")).unwrap();
    assert!(readme.contains("Karin Ærbø"), "{readme}");

    // Nobody by that id: said as such.
    let none = api
        .export(ExportRequest::SubjectAccess {
            member: kvorum_core::ids::MemberId::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(none.code, ErrorCode::NotFound);
    api.close().await;
}

/// Ingrid left at the end of 2022. Four years on she is due for the clean-up, is
/// anonymised, and afterwards appears nowhere by name, e-mail, phone or address — every text
/// column of every table scanned past the API — except in the approved minutes, which are
/// signed; the 2022 accounts and those minutes are byte-identical to before.
async fn a_former_member_anonymised(engine: Engine) {
    let db = engine.fresh().await;
    let then = db.open_on("Kasserer Karin", date(2022, 12, 1)).await;
    kvorum_tests::perronen(&then).await;
    then.fee_rate_set(FeeRate {
        year: 2022,
        membership_type: "ordinary".into(),
        amount: Money::from_kr(150),
    })
    .await
    .unwrap();

    let ingrid = then
        .member_add(person(
            "Ingrid Østergaard",
            "ingrid@example.dk",
            "31 41 51 61",
            "Stationsvej 9",
        ))
        .await
        .unwrap();
    // Bent lives at the same address: a household's, kept for him.
    let bent = then
        .member_add(MemberInput {
            birth_date: Some(date(1971, 9, 9)),
            ..person(
                "Bent Hansen",
                "bent@example.dk",
                "60 70 80 90",
                "Stationsvej 9",
            )
        })
        .await
        .unwrap();
    // A gift through the bank, the bank's text in capitals.
    then.budget_set_line(BudgetLineInput {
        fee_line: false,
        year: 2022,
        id: None,
        version: 0,
        name: "Gaver".into(),
        kind: LineKind::Income,
        amount: Money::ZERO,
        grant: None,
    })
    .await
    .unwrap();
    let statement = "Dato;Tekst;Beløb;Saldo\n01-03-2022;GAVE FRA INGRID ØSTERGAARD;500,00;500,00";
    let imported = then
        .bank_import_apply(BankImportRequest {
            file_name: Some("kontoudtog-marts.csv".into()),
            bytes: statement.as_bytes().to_vec(),
            file: None,
            mapping: None,
            lines: vec![BankChoice {
                line_no: 2,
                budget_line: "Gaver".into(),
                transfer: None,
                fee: None,
            }],
            account: None,
            accept_fees: false,
        })
        .await
        .unwrap();
    assert_eq!(imported.imported, 1, "{}", imported.message);
    for m in [&ingrid, &bent] {
        then.fee_pay(PaymentInput {
            member_id: m.id,
            year: 2022,
            paid_on: Some(date(2022, 2, 1)),
            amount: Money::from_kr(150),
            method: PaymentMethod::Cash,
            voucher_no: None,
        })
        .await
        .unwrap();
    }
    // The 2022 assembly: she attended and proposed; the approved minutes name her.
    let meeting = then
        .meeting_create(MeetingInput {
            kind: MeetingKind::Ordinary,
            body: None,
            date: date(2022, 3, 10),
            start_time: NaiveTime::from_hms_opt(19, 0, 0),
            place: "Perronen".into(),
            demanded_by: None,
            demanded_on: None,
        })
        .await
        .unwrap();
    let id = meeting.meeting.id;
    then.proposal_add(ProposalInput {
        meeting_id: id,
        submitter: Some(ingrid.id),
        received_on: date(2022, 2, 20),
        kind: "ordinary".into(),
        title: "Ingrid Østergaards forslag om cykelstativer".into(),
        text: "Ring til Ingrid Østergaard på 31 41 51 61.".into(),
        amendment: None,
        recommendation: None,
    })
    .await
    .unwrap();
    then.attendance_check_in(CheckIn {
        meeting: id,
        member: Some(ingrid.id),
        guest: None,
    })
    .await
    .unwrap();
    let draft = then.minutes_draft(id).await.unwrap();
    let minutes = then
        .minutes_save(MinutesSave {
            id: draft.id,
            version: draft.version,
            text: format!("{}\n\nIngrid Østergaard takkede for året.", draft.text),
        })
        .await
        .unwrap();
    then.minutes_approve(MinutesApproval {
        id: minutes.id,
        version: minutes.version,
        signatories: vec![
            Signatory {
                role: "Dirigent".into(),
                name: "Vibeke Dirigent".into(),
            },
            Signatory {
                role: "Referent".into(),
                name: "Karin Sekretær".into(),
            },
        ],
        approved_on: date(2022, 3, 20),
    })
    .await
    .unwrap();
    // She moves, changes her phone (the log keeps both), and leaves at the year's end.
    let mut input = person(
        "Ingrid Østergaard",
        "ingrid@example.dk",
        "32 42 52 62",
        "Stationsvej 9",
    );
    input.member_no = Some(ingrid.member_no);
    input.left_on = Some(date(2022, 12, 31));
    input.left_reason = Some("Flyttet".into());
    then.member_update(MemberUpdate {
        id: ingrid.id,
        version: ingrid.version,
        input,
    })
    .await
    .unwrap();
    then.close().await;

    // The year 2022 closed in January 2023.
    let treasurer = db.open_on("Kasserer Karin", date(2023, 1, 15)).await;
    let closed = treasurer
        .year_close(kvorum_api::closing::YearCloseInput {
            year: 2022,
            note: String::new(),
        })
        .await
        .unwrap();
    assert!(closed.closing.is_some(), "{closed:?}");
    treasurer.close().await;

    let api = db.open_on("Sekretær Sofie", date(2026, 12, 1)).await;
    let accounts_before = api
        .export(ExportRequest::AnnualAccountsPdf { year: 2022 })
        .await
        .unwrap()
        .bytes;
    let minutes_before = api
        .export(ExportRequest::MinutesPdf {
            meeting: id,
            number: None,
        })
        .await
        .unwrap()
        .bytes;
    let view = api.cleanup_get().await.unwrap();
    assert_eq!(view.due.len(), 1, "{view:?}");
    assert_eq!(view.due[0].member, ingrid.id);
    assert_eq!(
        view.due[0].reason,
        "Udmeldt 31.12.2022; medlemmer gemmes 3 år efter udmeldelsesåret (til 31.12.2025)."
    );
    let refused = api
        .cleanup_run(CleanupRun {
            members: vec![bent.id],
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Refused, "Bent is a member still");
    let out = api
        .cleanup_run(CleanupRun {
            members: vec![ingrid.id],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(out.anonymised, 1);
    assert!(out.view.due.is_empty());
    assert!(
        out.message
            .contains("1 godkendt referat nævner stadig navnet"),
        "{}",
        out.message
    );

    // Nowhere by name, e-mail or phone, in any case — past the API, every text column. The
    // one exception: a bank line's key (how a re-import knows the line) keeps the bank's
    // text, like the statement file itself, as long as the books are kept.
    let words = [
        "Ingrid Østergaard",
        "INGRID ØSTERGAARD",
        "ingrid østergaard",
        "ingrid@example.dk",
        "31 41 51 61",
        "32 42 52 62",
        "1958-04-02",
    ];
    for t in kvorum_store::transfer::TABLES {
        for (column, kind) in t.columns {
            if *kind != kvorum_store::transfer::Kind::Text
                || (t.name, *column) == ("bookings", "bank_key")
            {
                continue;
            }
            for w in words {
                let mut sql = format!(
                    "SELECT COUNT(*) FROM {} WHERE {column} LIKE '%{w}%'",
                    t.name
                );
                if t.name == "minutes" {
                    sql.push_str(" AND status <> 'approved'");
                }
                let n = kvorum_tests::count_sql(engine, &db.url, &sql).await;
                let log = if t.name == "audit_log" && n > 0 {
                    let all = api.store().audit_log(None, 10_000).await.unwrap();
                    all.into_iter()
                        .filter(|e| e.changes.contains(w))
                        .map(|e| format!("{} {} {}", e.entity, e.action, e.changes))
                        .collect::<Vec<_>>()
                        .join("\n")
                } else {
                    String::new()
                };
                assert_eq!(n, 0, "{}.{column} still holds {w:?}\n{log}", t.name);
            }
        }
    }
    let approved = kvorum_tests::count_sql(
        engine,
        &db.url,
        "SELECT COUNT(*) FROM minutes WHERE status = 'approved' AND text LIKE '%Ingrid Østergaard%'",
    )
    .await;
    assert_eq!(approved, 1, "the signed minutes still name her, as signed");

    // The entry: anonymous, with its member no. and its payment; the books and the minutes
    // as they were.
    let entry = api.member_get(ingrid.id).await.unwrap();
    assert_eq!(
        entry.member.name,
        format!("Tidligere medlem nr. {}", ingrid.member_no)
    );
    assert_eq!(
        (
            entry.member.email.as_deref(),
            entry.member.phone.as_deref(),
            entry.member.birth_date
        ),
        (None, None, None)
    );
    assert_eq!(entry.payments.len(), 1);
    assert!(entry.history.iter().any(|h| h.action == "anonymise"));
    let texts: Vec<String> = api
        .bookings_list(2022)
        .await
        .unwrap()
        .bookings
        .iter()
        .map(|b| b.text.clone())
        .collect();
    assert!(
        texts.contains(&format!(
            "Kontingent 2022 · nr. {0} Tidligere medlem nr. {0}",
            ingrid.member_no
        )),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("Bent Hansen")),
        "Bent is untouched"
    );
    assert!(
        texts.contains(&format!(
            "GAVE FRA Tidligere medlem nr. {}",
            ingrid.member_no
        )),
        "the bank's capitals: {texts:?}"
    );
    let proposal = api.meeting_get(id).await.unwrap();
    assert!(
        proposal.proposals.iter().any(|p| p.proposal.title
            == format!(
                "Tidligere medlem nr. {}'s forslag om cykelstativer",
                ingrid.member_no
            )),
        "the genitive s: {:?}",
        proposal.proposals
    );
    // Her entry has no street; Bent, at the same address, keeps his, and his history too.
    assert_eq!(entry.member.address, None);
    let b = api.member_get(bent.id).await.unwrap();
    assert_eq!(b.member.address.as_deref(), Some("Stationsvej 9"));
    assert_eq!(b.member.name, "Bent Hansen");
    let street = kvorum_tests::count_sql(
        engine,
        &db.url,
        &format!(
            "SELECT COUNT(*) FROM audit_log WHERE entity_id = '{}' AND changes LIKE '%Stationsvej 9%'",
            ingrid.id.0
        ),
    )
    .await;
    assert_eq!(street, 0, "her log keeps no street");
    let accounts_after = api
        .export(ExportRequest::AnnualAccountsPdf { year: 2022 })
        .await
        .unwrap()
        .bytes;
    assert!(
        accounts_before == accounts_after,
        "the 2022 accounts are byte-identical"
    );
    let minutes_after = api
        .export(ExportRequest::MinutesPdf {
            meeting: id,
            number: None,
        })
        .await
        .unwrap()
        .bytes;
    assert!(
        minutes_before == minutes_after,
        "the signed minutes are byte-identical"
    );
    // The closed year's amounts are still locked: only a text may change.
    let sql = "UPDATE bookings SET amount_ore = 1 WHERE fiscal_year = 2022";
    assert!(kvorum_tests::try_sql(engine, &db.url, sql).await.is_err());
    // Done once: not due again, and said so.
    let again = api.cleanup_get().await.unwrap();
    assert_eq!(again.done.len(), 1);
    let twice = api
        .cleanup_run(CleanupRun {
            members: vec![ingrid.id],
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(twice.code, ErrorCode::Refused);
    kvorum_tests::round_trip(&api, engine).await;
    api.close().await;
}

/// A CPR number is refused where it was typed — a member's fields, a booking's text, a
/// proposal, the minutes — with the field said, and nothing is stored.
async fn a_cpr_number_is_refused_where_typed(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open_on("Sekretær Sofie", date(2026, 12, 1)).await;
    kvorum_tests::perronen(&api).await;
    let refused = api
        .member_add(MemberInput {
            name: "Karin Ærbø".into(),
            address: Some("Jernbanegade 4, cpr 010170-1234".into()),
            membership_type: "ordinary".into(),
            joined_on: Some(date(2024, 3, 1)),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Validation);
    assert_eq!(refused.fields[0].field, "address");
    assert!(
        refused.fields[0].message.contains("CPR-nummer"),
        "{refused:?}"
    );
    assert!(api
        .members_list(MemberQuery::default())
        .await
        .unwrap()
        .rows
        .is_empty());
    let booking = api
        .booking_add(BookingInput {
            booked_on: date(2026, 3, 1),
            amount: Money::from_kr(-100),
            text: "Udlæg til 0101701234".into(),
            voucher_no: None,
            line: None,
            grant: None,
            voucher_file: None,
            account: None,
            counter_account: None,
        })
        .await
        .unwrap_err();
    assert_eq!(booking.fields[0].field, "text");
    // An account or phone number is not one.
    api.booking_add(BookingInput {
        booked_on: date(2026, 3, 1),
        amount: Money::from_kr(-100),
        text: "Overført til reg. 1234 konto 0012345678, tlf. 20 30 40 50".into(),
        voucher_no: None,
        line: None,
        grant: None,
        voucher_file: None,
        account: None,
        counter_account: None,
    })
    .await
    .unwrap();
    let meeting = api
        .meeting_create(MeetingInput {
            kind: MeetingKind::Ordinary,
            body: None,
            date: date(2027, 3, 14),
            start_time: NaiveTime::from_hms_opt(19, 0, 0),
            place: "Perronen".into(),
            demanded_by: None,
            demanded_on: None,
        })
        .await
        .unwrap();
    let proposal = api
        .proposal_add(ProposalInput {
            meeting_id: meeting.meeting.id,
            submitter: None,
            received_on: date(2027, 2, 1),
            kind: "ordinary".into(),
            title: "Forslag".into(),
            text: "Stillet af 311299-1234".into(),
            amendment: None,
            recommendation: None,
        })
        .await
        .unwrap_err();
    assert_eq!(proposal.fields[0].field, "text");
    let draft = api.minutes_draft(meeting.meeting.id).await.unwrap();
    let minutes = api
        .minutes_save(MinutesSave {
            id: draft.id,
            version: draft.version,
            text: format!("{}\nReferent: 010170 1234", draft.text),
        })
        .await
        .unwrap_err();
    assert_eq!(minutes.fields[0].field, "text");
    api.close().await;
}

/// The consent log: Karin ticks the e-mail consent when she joins; the treasurer records
/// her withdrawal in one click on his laptop, and the secretary's form, still open, cannot
/// put the old flag back. The board adds a consent for photos; Karin gives it in writing.
/// The change log shows it all in plain Danish, filtered by member, by who, by kind and by
/// date.
async fn consents_and_the_readable_log(engine: Engine) {
    let db = engine.fresh().await;
    let sofie = db.open_on("Sekretær Sofie", date(2026, 12, 1)).await;
    kvorum_tests::perronen(&sofie).await;
    let karin = sofie
        .member_add(person(
            "Karin Ærbø",
            "karin@example.dk",
            "20 30 40 50",
            "Jernbanegade 4",
        ))
        .await
        .unwrap();
    let seen = sofie.member_get(karin.id).await.unwrap();
    let [given] = seen.consents.as_slice() else {
        panic!("one consent: {:?}", seen.consents);
    };
    assert_eq!(given.kind, "email");
    assert_eq!(given.given_on, date(2026, 12, 1));
    assert_eq!(given.given_how, "Afkrydset i medlemsregistret");
    assert_eq!(given.recorded_by, "Sekretær Sofie");
    assert!(given.withdrawn_on.is_none());

    // The treasurer, on his own laptop a day later, records that she withdrew it.
    let kim = db.open_on("Kasserer Kim", date(2026, 12, 2)).await;
    let after = kim
        .consent_withdraw(ConsentWithdraw {
            id: given.id,
            version: given.version,
            member_version: seen.member.version,
        })
        .await
        .unwrap();
    assert!(!after.member.email_consent);
    assert_eq!(after.member.version, seen.member.version + 1);
    assert_eq!(after.consents[0].withdrawn_on, Some(date(2026, 12, 2)));
    assert_eq!(
        after.consents[0].withdrawn_by.as_deref(),
        Some("Kasserer Kim")
    );
    // Once only, and the secretary's form from before cannot tick it back.
    let again = kim
        .consent_withdraw(ConsentWithdraw {
            id: given.id,
            version: after.consents[0].version,
            member_version: after.member.version,
        })
        .await
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::Refused);
    let mut stale = person(
        "Karin Ærbø",
        "karin@example.dk",
        "20 30 40 50",
        "Jernbanegade 4",
    );
    stale.member_no = Some(karin.member_no);
    let conflict = sofie
        .member_update(MemberUpdate {
            id: karin.id,
            version: seen.member.version,
            input: stale,
        })
        .await
        .unwrap_err();
    assert_eq!(conflict.code, ErrorCode::Conflict);

    // A consent the board adds; given in writing, not in the future, not twice.
    let kinds = sofie
        .consent_kind_add(ConsentKindInput {
            name: "Billeder på hjemmesiden".into(),
            purpose: "Fotos fra arrangementer på foreningens hjemmeside".into(),
        })
        .await
        .unwrap();
    assert_eq!(kinds.len(), 2);
    let photos = kinds[1].code.clone();
    let dup = sofie
        .consent_kind_add(ConsentKindInput {
            name: "billeder på hjemmesiden".into(),
            purpose: "x".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(dup.fields[0].field, "name");
    let give = |on: NaiveDate, how: &str, v: i64| ConsentGive {
        input: ConsentInput {
            member: karin.id,
            kind: photos.clone(),
            given_on: Some(on),
            how: how.into(),
        },
        member_version: v,
    };
    let future = sofie
        .consent_give(give(date(2026, 12, 24), "Skriftligt", after.member.version))
        .await
        .unwrap_err();
    assert_eq!(future.fields[0].field, "givenOn");
    let no_how = sofie
        .consent_give(give(date(2026, 11, 30), " ", after.member.version))
        .await
        .unwrap_err();
    assert_eq!(no_how.fields[0].field, "how");
    let with_photos = sofie
        .consent_give(give(
            date(2026, 11, 30),
            "Skriftligt på blanket",
            after.member.version,
        ))
        .await
        .unwrap();
    // Not the e-mail consent: the register's entry is as it was.
    assert_eq!(with_photos.member.version, after.member.version);
    assert_eq!(with_photos.consents.len(), 2);
    let twice = sofie
        .consent_give(give(date(2026, 11, 30), "Igen", after.member.version))
        .await
        .unwrap_err();
    assert_eq!(twice.fields[0].field, "kind");
    // The member's history says it in Danish.
    let history: Vec<&str> = with_photos
        .history
        .iter()
        .map(|h| h.text.as_str())
        .collect();
    assert!(
        history.contains(&"Samtykke trukket tilbage: kontakt på e-mail"),
        "{history:?}"
    );
    assert!(
        history.contains(
            &"Samtykke givet: billeder på hjemmesiden (Skriftligt på blanket, 30.11.2026)"
        ),
        "{history:?}"
    );

    // The readable log.
    let q = |member_no: Option<i64>, actor: Option<&str>, kind: Option<&str>| AuditQuery {
        member_no,
        actor: actor.map(str::to_owned),
        kind: kind.map(str::to_owned),
        ..Default::default()
    };
    let about = sofie
        .audit_search(q(Some(karin.member_no), None, None))
        .await
        .unwrap();
    // On a shared server the log adds the server login to the name each typed.
    let plain = |t: &str| t.replace(" (postgres)", "");
    let texts: Vec<String> = about.lines.iter().map(|l| plain(&l.text)).collect();
    assert_eq!(
        texts,
        [
            "Kasserer Kim registrerede, at samtykket til kontakt på e-mail blev trukket tilbage for medlem nr. 1 (Karin Ærbø)",
            "Sekretær Sofie registrerede samtykke til billeder på hjemmesiden for medlem nr. 1 (Karin Ærbø) (Skriftligt på blanket)",
            "Sekretær Sofie registrerede samtykke til kontakt på e-mail for medlem nr. 1 (Karin Ærbø) (Afkrydset i medlemsregistret)",
            "Sekretær Sofie oprettede medlem nr. 1 (Karin Ærbø)",
        ]
    );
    assert!(
        about.lines[0].when.starts_with("02.12.2026 kl. "),
        "{:?}",
        about.lines[0]
    );
    let kim_in_log = about
        .actors
        .iter()
        .find(|a| a.starts_with("Kasserer Kim"))
        .expect("Kim among those who changed something")
        .clone();
    let by_kim = sofie
        .audit_search(q(None, Some(&kim_in_log), None))
        .await
        .unwrap();
    assert_eq!(by_kim.lines.len(), 1);
    let members_only = sofie
        .audit_search(q(None, None, Some("member")))
        .await
        .unwrap();
    assert_eq!(members_only.lines.len(), 1);
    // A field's change shows from → to.
    let mut input = person(
        "Karin Ærbø",
        "karin@ærbø.dk",
        "20 30 40 50",
        "Jernbanegade 4",
    );
    input.member_no = Some(karin.member_no);
    input.email_consent = false;
    sofie
        .member_update(MemberUpdate {
            id: karin.id,
            version: with_photos.member.version,
            input,
        })
        .await
        .unwrap();
    let changed = sofie
        .audit_search(q(Some(karin.member_no), None, Some("member")))
        .await
        .unwrap();
    assert_eq!(
        plain(&changed.lines[0].text),
        "Sekretær Sofie ændrede e-mail for medlem nr. 1 (Karin Ærbø)"
    );
    assert_eq!(changed.lines[0].details[0].from, "karin@example.dk");
    assert_eq!(changed.lines[0].details[0].to, "karin@ærbø.dk");
    // Dates, in Danish time, both days included; bad filters are said at the field.
    let day = |from: NaiveDate, to: NaiveDate| AuditQuery {
        from: Some(from),
        to: Some(to),
        ..Default::default()
    };
    let on_the_2nd = sofie
        .audit_search(day(date(2026, 12, 2), date(2026, 12, 2)))
        .await
        .unwrap();
    assert!(
        on_the_2nd.lines.iter().all(|l| l.actor == kim_in_log),
        "{:?}",
        on_the_2nd.lines
    );
    assert_eq!(on_the_2nd.lines.len(), 1);
    let backwards = sofie
        .audit_search(day(date(2026, 12, 2), date(2026, 12, 1)))
        .await
        .unwrap_err();
    assert_eq!(backwards.fields[0].field, "to");
    let nobody = sofie
        .audit_search(q(Some(999), None, None))
        .await
        .unwrap_err();
    assert_eq!(nobody.fields[0].field, "memberNo");
    let limited = sofie
        .audit_search(AuditQuery {
            limit: Some(2),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(limited.lines.len(), 2);
    assert!(limited.more);
    kvorum_tests::round_trip(&sofie, engine).await;
    sofie.close().await;
    kim.close().await;
}

/// The record of processing is generated from what Kvorum holds: two members (one a
/// volunteer with a phone), a former member anonymised, a board, a frikort worker. The
/// board edits a purpose; the PDF says it, with the counts and the signature lines.
async fn the_record_of_processing(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open_on("Sekretær Sofie", date(2026, 12, 1)).await;
    kvorum_tests::perronen(&api).await;
    let inge = api
        .member_add(MemberInput {
            roles: vec![Role::Volunteer],
            ..person(
                "Inge Holm",
                "inge@example.dk",
                "20 30 40 50",
                "Jernbanegade 4",
            )
        })
        .await
        .unwrap();
    api.member_add(MemberInput {
        phone: None,
        email: None,
        email_consent: false,
        birth_date: None,
        ..person("Bent Østergård", "x", "x", "Vestergade 2")
    })
    .await
    .unwrap();
    api.board_appoint(AppointInput {
        kind: SeatKind::Board,
        member: Some(inge.id),
        name: None,
        appointed_by: None,
        start: date(2026, 3, 14),
        expires_year: Some(2028),
        rank: None,
    })
    .await
    .unwrap();
    api.frikort_add_worker("Frikort-Finn".into()).await.unwrap();

    let view = api.processing_get().await.unwrap();
    let held = |c: &str| view.held.iter().find(|h| h.category == c).unwrap().clone();
    assert_eq!(held("members").persons, 2);
    assert!(held("members").fields.contains(&"telefon".to_owned()));
    assert!(held("members")
        .fields
        .contains(&"samtykker (hvad, hvornår og hvordan)".to_owned()));
    assert_eq!(held("volunteers").persons, 1);
    assert_eq!(held("staff").persons, 0);
    assert!(!held("staff").fields.contains(&"telefon".to_owned()));
    assert_eq!(held("board").persons, 1);
    assert_eq!(held("frikort").persons, 1);
    assert!(held("members")
        .retention
        .starts_with("3 år efter udmeldelsesåret"));
    assert_eq!(view.consents[0].given, 1);

    // The board's words: required, bounded, never a CPR number; saved for every laptop.
    let mut s = view.settings.clone();
    s.entries[0].purpose = String::new();
    let empty = api.processing_set(s.clone()).await.unwrap_err();
    assert_eq!(empty.fields[0].field, "entries.0.purpose");
    s.entries[0].purpose = "Medlemsliste, kontingent og generalforsamling i Perronen.".into();
    s.contact = "Formanden, Inge Holm, 20 30 40 50".into();
    let saved = api.processing_set(s.clone()).await.unwrap();
    assert_eq!(saved.settings.version, 1);
    let other = db.open_on("Kasserer Kim", date(2026, 12, 1)).await;
    let theirs = other.processing_get().await.unwrap();
    assert_eq!(theirs.settings.entries[0].purpose, s.entries[0].purpose);
    let late = other.processing_set(s.clone()).await.unwrap_err();
    assert_eq!(late.code, ErrorCode::Conflict);
    let mut cpr = theirs.settings.clone();
    cpr.security = "Adgangskode er 010170-1234".into();
    let refused = other.processing_set(cpr).await.unwrap_err();
    assert_eq!(refused.fields[0].field, "security");

    let text = kvorum_tests::pdf_text(&api, ExportRequest::ProcessingRecord).await;
    for want in [
        "Fortegnelse over behandlingsaktiviteter",
        "Databeskyttelsesforordningens artikel 30",
        "Perronen",
        "Formanden, Inge Holm, 20 30 40 50",
        "Medlemsliste, kontingent og generalforsamling i Perronen.",
        "2 personer",
        "Frikortmodtagere",
        "Skattestyrelsen",
        "Husets brugere registreres ikke",
        "CPR-numre gemmes aldrig",
        "Kontakt på e-mail",
        "Gennemgået og godkendt af bestyrelsen",
        "Inge Holm",
    ] {
        assert!(text.contains(want), "{want} is not in: {text}");
    }
    // The same data gives the same bytes.
    let a = api.export(ExportRequest::ProcessingRecord).await.unwrap();
    let b = api.export(ExportRequest::ProcessingRecord).await.unwrap();
    assert_eq!(a.bytes, b.bytes);
    assert_eq!(a.file_name, "fortegnelse-2026-12-01.pdf");
    kvorum_tests::round_trip(&api, engine).await;
    api.close().await;
    other.close().await;
}

/// A frikort worker paid last in 2020 keeps the name for the books' five years; on the first
/// clean-up after, the name goes from the register and the jobs, and the wages stay.
async fn a_frikort_worker_after_the_books_period(engine: Engine) {
    let db = engine.fresh().await;
    let then = db.open_on("Kasserer Kim", date(2020, 6, 1)).await;
    kvorum_tests::perronen(&then).await;
    let finn = then
        .frikort_add_worker("Finn Frikort-Jensen".into())
        .await
        .unwrap();
    then.frikort_set_cap(2020, Money::from_kr(20_000))
        .await
        .unwrap();
    then.frikort_add_job(FrikortJobInput {
        worker: finn.id,
        worked_on: date(2020, 5, 10),
        description: "Opvask i caféen, Finn Frikort-Jensen".into(),
        amount: Money::from_kr(500),
    })
    .await
    .unwrap();
    // A member who shares the name is not the worker: his entry stays as it is.
    then.member_add(MemberInput {
        joined_on: Some(date(2020, 1, 1)),
        ..person(
            "Finn Frikort-Jensen",
            "finn@example.dk",
            "20 30 40 50",
            "Vestergade 2",
        )
    })
    .await
    .unwrap();
    then.close().await;

    let early = db.open_on("Kasserer Kim", date(2025, 12, 31)).await;
    assert!(early.cleanup_get().await.unwrap().frikort.is_empty());
    let refused = early
        .cleanup_run(CleanupRun {
            frikort: vec![finn.id],
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Refused);
    early.close().await;

    let api = db.open_on("Kasserer Kim", date(2026, 1, 2)).await;
    let view = api.cleanup_get().await.unwrap();
    let [due] = view.frikort.as_slice() else {
        panic!("Finn is due: {:?}", view.frikort);
    };
    assert_eq!(due.name, "Finn Frikort-Jensen");
    assert_eq!(
        due.reason,
        "Sidst betalt i 2020; frikortløn gemmes 5 år efter udbetalingsåret (til 31.12.2025)."
    );
    let out = api
        .cleanup_run(CleanupRun {
            frikort: vec![finn.id],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(out.anonymised, 1);
    assert!(
        out.message.contains("1 frikortmodtagers navn er fjernet"),
        "{}",
        out.message
    );
    assert!(out.view.frikort.is_empty());
    let url = db.url.clone();
    for sql in [
        "SELECT COUNT(*) FROM frikort_workers WHERE name LIKE '%Finn%'",
        "SELECT COUNT(*) FROM frikort_jobs WHERE description LIKE '%Finn%'",
        "SELECT COUNT(*) FROM audit_log WHERE entity LIKE 'frikort%' AND changes LIKE '%Finn%'",
    ] {
        assert_eq!(kvorum_tests::count_sql(engine, &url, sql).await, 0, "{sql}");
    }
    assert_eq!(
        kvorum_tests::count_sql(
            engine,
            &url,
            "SELECT COUNT(*) FROM members WHERE name = 'Finn Frikort-Jensen'"
        )
        .await,
        1,
        "the member of the same name is his own"
    );
    let year = api.frikort_get(2020).await.unwrap();
    assert_eq!(year.total, Money::from_kr(500));
    assert_eq!(
        year.workers[0].worker.name,
        "Tidligere frikortmodtager (sidst betalt 2020)"
    );
    assert_eq!(
        year.workers[0].jobs[0].description,
        "Opvask i caféen, Tidligere frikortmodtager (sidst betalt 2020)"
    );
    kvorum_tests::round_trip(&api, engine).await;
    api.close().await;
}

/// Collect the minimum: the board keeps only the year of birth. Karin's stored date becomes
/// 1958, in the register and in the change log; a new member's date is kept as its year;
/// then nothing is kept at all.
async fn keeping_only_the_year_of_birth(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open_on("Sekretær Sofie", date(2026, 12, 1)).await;
    kvorum_tests::perronen(&api).await;
    let karin = api
        .member_add(person(
            "Karin Ærbø",
            "karin@example.dk",
            "20 30 40 50",
            "Jernbanegade 4",
        ))
        .await
        .unwrap();
    assert_eq!(karin.birth_date, Some(date(1958, 4, 2)));
    let url = db.url.clone();
    let count = |sql: &'static str| kvorum_tests::count_sql(engine, &url, sql);
    assert_eq!(
        count("SELECT COUNT(*) FROM audit_log WHERE changes LIKE '%1958-04-02%'").await,
        1
    );

    let s = api.register_settings_get().await.unwrap();
    assert_eq!(s.birth, BirthKept::Date);
    let out = api
        .register_settings_set(RegisterSettings {
            birth: BirthKept::Year,
            version: s.version,
        })
        .await
        .unwrap();
    assert_eq!(
        out.message,
        "1 medlems fødselsdato er nu kun fødselsåret, også i ændringsloggen."
    );
    let now = api.member_get(karin.id).await.unwrap().member;
    assert_eq!((now.birth_date, now.birth_year), (None, Some(1958)));
    assert_eq!(now.version, karin.version + 1);
    assert_eq!(
        count("SELECT COUNT(*) FROM audit_log WHERE changes LIKE '%1958-04-02%'").await,
        0
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM members WHERE birth_date IS NOT NULL").await,
        0
    );
    // A late save from the old setting is refused; a new member's date is kept as its year.
    let late = api
        .register_settings_set(RegisterSettings {
            birth: BirthKept::Nothing,
            version: s.version,
        })
        .await
        .unwrap_err();
    assert_eq!(late.code, ErrorCode::Conflict);
    let bent = api
        .member_add(MemberInput {
            birth_date: Some(date(2001, 5, 6)),
            ..person(
                "Bent Østergård",
                "bent@example.dk",
                "60 70 80 90",
                "Vestergade 2",
            )
        })
        .await
        .unwrap();
    assert_eq!((bent.birth_date, bent.birth_year), (None, Some(2001)));
    let future = api
        .member_add(MemberInput {
            birth_date: None,
            birth_year: Some(2031),
            ..person("Ung Ulla", "ulla@example.dk", "11 22 33 44", "Vestergade 2")
        })
        .await
        .unwrap_err();
    assert_eq!(future.fields[0].field, "birthYear");
    let held = api.processing_get().await.unwrap();
    assert!(held.held[0].fields.contains(&"fødselsår".to_owned()));
    // Then nothing at all.
    let out = api
        .register_settings_set(RegisterSettings {
            birth: BirthKept::Nothing,
            version: out.settings.version,
        })
        .await
        .unwrap();
    assert!(
        out.message
            .starts_with("2 medlemmers fødselsdatoer er slettet"),
        "{}",
        out.message
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM members WHERE birth_year IS NOT NULL").await,
        0
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM audit_log WHERE entity = 'member' AND (changes LIKE '%1958%' OR changes LIKE '%2001%')").await,
        0
    );
    kvorum_tests::round_trip(&api, engine).await;
    api.close().await;
}

kvorum_tests::on_both_engines!(
    a_members_own_data,
    a_former_member_anonymised,
    a_cpr_number_is_refused_where_typed,
    consents_and_the_readable_log,
    the_record_of_processing,
    a_frikort_worker_after_the_books_period,
    keeping_only_the_year_of_birth
);
