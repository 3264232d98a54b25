//! Absurd numbers, as a tired treasurer or a curious user types them: refused with a Danish
//! message where they were typed, and values an older version let into the database give
//! screens and PDFs, never a panic (issue 12's first cases).

use chrono::NaiveDate;
use kvorum_api::dto::*;
use kvorum_api::ErrorCode;
use kvorum_core::budget::{BookingInput, LineKind};
use kvorum_core::rules::VoteCounts;
use kvorum_core::Money;
use kvorum_tests::Engine;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn booking(amount: i64, voucher: Option<&str>) -> BookingInput {
    BookingInput {
        account: None,
        counter_account: None,
        booked_on: date(2026, 3, 1),
        amount: Money(amount),
        text: "Husleje".into(),
        voucher_no: voucher.map(str::to_owned),
        line: None,
        grant: None,
        voucher_file: None,
    }
}

async fn absurd_numbers(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open_on("Kasper (kasserer)", date(2026, 6, 1)).await;
    kvorum_tests::perronen(&api).await;

    // A budget line, a booking and a payment of 92.233.720.368.547.758 øre are refused at
    // the field, in Danish, and nothing is written.
    let line = api
        .budget_set_line(BudgetLineInput {
            fee_line: false,
            year: 2026,
            id: None,
            version: 0,
            name: "Husleje".into(),
            kind: LineKind::Expense,
            amount: Money(92_233_720_368_547_758),
            grant: None,
        })
        .await
        .unwrap_err();
    assert_eq!(line.code, ErrorCode::Validation);
    assert_eq!(
        line.fields[0].message,
        "Beløbet er for stort. Kvorum tager beløb op til 1.000.000.000 kr."
    );
    assert!(api.budget_get(2026, None).await.unwrap().lines.is_empty());
    let b = api
        .booking_add(booking(-92_233_720_368_547_758, None))
        .await
        .unwrap_err();
    assert_eq!(b.fields[0].field, "amount");
    assert!(api.booking_add(booking(i64::MIN, None)).await.is_err());

    // A voucher number with no successor does not stop the next booking.
    api.booking_add(booking(-10_000, Some("18446744073709551615")))
        .await
        .unwrap();
    let next = api.booking_add(booking(-10_000, None)).await.unwrap();
    assert_eq!(next.voucher_no, "1");

    // A member no. past the range is refused; the next member still gets a number.
    let m = api
        .member_add(MemberInput {
            name: "Søren Ærø".into(),
            member_no: Some(i64::MAX),
            joined_on: Some(date(2026, 1, 1)),
            membership_type: "ordinary".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(m.fields[0].field, "memberNo");
    let ok = api
        .member_add(MemberInput {
            name: "Søren Ærø".into(),
            joined_on: Some(date(2026, 1, 1)),
            membership_type: "ordinary".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(ok.member_no, 1);

    // Vote counts at the top of u32 are decided, and a bylaws text with a letter whose
    // lowercase form is longer is read.
    let check = api
        .rules_check_vote(VoteCheck {
            kind: "ordinary".into(),
            counts: VoteCounts {
                for_votes: u32::MAX,
                against: 1,
                blank: u32::MAX,
                invalid: 0,
            },
            present_with_vote: 10,
            members_with_vote: 20,
        })
        .await
        .unwrap();
    assert!(!check.explanation.is_empty());
    let text = api
        .bylaws_import_preview("§ 1 Navn\nStk. \u{212a}elvin.\nStk. İstanbul.".into())
        .await
        .unwrap();
    assert_eq!(text.text.sections[0].clauses.len(), 2);

    // A bank file with two bad lines: the refusal names both, and nothing is imported.
    let bank = "Dato;Tekst;Beløb;Saldo\n01.03.2026;Husleje;-1.250,00;10.000,00\n\
                01.01.9999;Kaffe;-50,00;9.950,00\n02.03.2026;Kage;mange;9.900,00\n";
    let refused = api
        .bank_import_apply(BankImportRequest {
            file_name: None,
            account: None,
            accept_fees: false,
            bytes: bank.as_bytes().to_vec(),
            file: None,
            mapping: None,
            lines: vec![],
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Import);
    assert!(
        refused
            .message
            .starts_with("2 linjer kan ikke læses, og intet er importeret: Linje 3")
            && refused.message.contains("Linje 4"),
        "{}",
        refused.message
    );
    assert_eq!(api.bookings_list(2026).await.unwrap().bookings.len(), 2);

    // Values an older version let in: the screens and the follow-up PDF still open.
    kvorum_tests::raw_sql(
        engine,
        &db.url,
        &format!(
            "UPDATE bookings SET amount_ore = {} WHERE voucher_no = '1'",
            i64::MAX
        ),
    )
    .await;
    kvorum_tests::raw_sql(
        engine,
        &db.url,
        &format!("UPDATE members SET member_no = {}", i64::MAX),
    )
    .await;
    api.close().await;
    let api = db.open_on("Kasper (kasserer)", date(2026, 6, 1)).await;
    api.budget_set_line(BudgetLineInput {
        fee_line: false,
        year: 2026,
        id: None,
        version: 0,
        name: "Husleje".into(),
        kind: LineKind::Expense,
        amount: Money(1_200_000),
        grant: None,
    })
    .await
    .unwrap();
    kvorum_tests::raw_sql(
        engine,
        &db.url,
        "UPDATE bookings SET line_id = (SELECT id FROM budget_lines)",
    )
    .await;
    api.close().await;
    let api = db.open_on("Kasper (kasserer)", date(2026, 6, 1)).await;
    let view = api.budget_get(2026, None).await.unwrap();
    assert!(
        view.expense_actual.0 < -(i64::MAX / 2),
        "{:?}",
        view.expense_actual
    );
    assert_eq!(view.lines.len(), 1);
    api.overview(2026, None).await.unwrap();
    api.bookings_list(2026).await.unwrap();
    let pdf = kvorum_tests::pdf_text(&api, ExportRequest::BudgetFollowupPdf { year: 2026 }).await;
    assert!(pdf.contains("Husleje"), "{pdf}");
    // The register's highest number cannot be counted on from: a clear refusal, no panic.
    let full = api
        .member_add(MemberInput {
            name: "Åse".into(),
            joined_on: Some(date(2026, 1, 1)),
            membership_type: "ordinary".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(full.code, ErrorCode::Duplicate);
    api.close().await;
}

kvorum_tests::on_both_engines!(absurd_numbers);
