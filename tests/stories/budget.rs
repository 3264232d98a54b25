//! The treasurer's books so far (issue 6, in progress), on both engines: a budget of 8 lines,
//! 200 bookings imported from two bank files (Windows-1252 and UTF-8) where the second skips
//! the overlap, rules learned from the first import suggesting lines in the second, budget vs.
//! actual to the øre, voucher numbers, and next year's budget copied.

use chrono::NaiveDate;
use kvorum_api::budget::{BankChoice, BankImportRequest, BudgetLineInput};
use kvorum_api::dto::*;
use kvorum_api::ErrorCode;
use kvorum_core::budget::{BookingInput, LineKind};
use kvorum_tests::Engine;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A statement line as a Danish bank writes it: `05-03-2026;Husleje marts;-12.500,00;…`
fn row(day: NaiveDate, text: &str, ore: i64, balance: i64) -> String {
    let money = |v: i64| {
        let sign = if v < 0 { "-" } else { "" };
        let a = v.abs();
        let kr = a / 100;
        let mut s = kr.to_string();
        let mut out = String::new();
        while s.len() > 3 {
            let tail = s.split_off(s.len() - 3);
            out = format!(".{tail}{out}");
        }
        format!("{sign}{s}{out},{:02}", a % 100)
    };
    format!(
        "{};{text};{};{}",
        day.format("%d-%m-%Y"),
        money(ore),
        money(balance)
    )
}

async fn story(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open_on("Kasper (kasserer)", date(2026, 7, 1)).await;
    api.association_create(AssociationInput {
        name: "Foreningen Perronen".into(),
        fiscal_year_start_month: 1,
        ..Default::default()
    })
    .await
    .unwrap();
    let lines = [
        ("Driftstilskud", LineKind::Income, 3_000_000),
        ("Kontingent", LineKind::Income, 6_000),
        ("Løn", LineKind::Expense, 1_900_000),
        ("Husleje", LineKind::Expense, 150_000),
        ("El og varme", LineKind::Expense, 60_000),
        ("Café og mad", LineKind::Expense, 90_000),
        ("Aktiviteter", LineKind::Expense, 40_000),
        ("Administration", LineKind::Expense, 20_000),
    ];
    for (name, kind, kr) in lines {
        api.budget_set_line(BudgetLineInput {
            year: 2026,
            id: None,
            version: 0,
            name: name.into(),
            kind,
            amount: Money::from_kr(kr),
        })
        .await
        .unwrap();
    }
    let dup = api
        .budget_set_line(BudgetLineInput {
            year: 2026,
            id: None,
            version: 0,
            name: "Husleje".into(),
            kind: LineKind::Expense,
            amount: Money::from_kr(1),
        })
        .await
        .unwrap_err();
    assert!(
        dup.fields[0].message.contains("allerede en post"),
        "{dup:?}"
    );

    // The first bank file: January to April, Windows-1252, 120 lines.
    let mut rows: Vec<String> = Vec::new();
    let mut balance = 50_000_000i64;
    let mut day = date(2026, 1, 2);
    for i in 0..200 {
        let (text, ore) = match i % 5 {
            0 => ("Husleje Jernbanegade".to_owned(), -1_250_000),
            1 => (format!("Dankort Netto Nykøbing {i}"), -45_075),
            2 => ("Løn frivilligkoordinator".to_owned(), -15_833_333),
            3 => ("Tilskud Guldborgsund Kommune".to_owned(), 25_000_000),
            _ => ("SEAS-NVE el".to_owned(), -500_000),
        };
        balance += ore;
        rows.push(row(day, &text, ore, balance));
        if i % 2 == 1 {
            day = day.succ_opt().unwrap();
        }
    }
    let head = "Dato;Tekst;Beløb;Saldo".to_owned();
    let first: String = std::iter::once(head.clone())
        .chain(rows[..120].iter().cloned())
        .collect::<Vec<_>>()
        .join("\r\n");
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&first);
    let request = |bytes: Vec<u8>, lines: Vec<BankChoice>| BankImportRequest {
        bytes,
        mapping: None,
        lines,
    };
    let p = api
        .bank_import_preview(request(cp1252.to_vec(), vec![]))
        .await
        .unwrap();
    assert_eq!(p.encoding, "Windows-1252");
    assert_eq!((p.new_lines, p.duplicates, p.errors), (120, 0, 0));
    assert!(
        p.rows.iter().all(|r| r.budget_line.is_none()),
        "nothing learned yet"
    );
    assert_eq!(
        p.rows[1].line.as_ref().unwrap().text,
        "Dankort Netto Nykøbing 1"
    );
    // The treasurer picks the line for the first line of each kind.
    let pick = |text: &str| match text {
        t if t.starts_with("Husleje") => "Husleje",
        t if t.starts_with("Dankort") => "Café og mad",
        t if t.starts_with("Løn") => "Løn",
        t if t.starts_with("Tilskud") => "Driftstilskud",
        _ => "El og varme",
    };
    let choices: Vec<BankChoice> = p
        .rows
        .iter()
        .map(|r| BankChoice {
            line_no: r.line_no,
            budget_line: pick(&r.line.as_ref().unwrap().text).into(),
        })
        .collect();
    let out = api
        .bank_import_apply(request(cp1252.to_vec(), choices))
        .await
        .unwrap();
    assert_eq!((out.imported, out.skipped), (120, 0));

    // The second file: UTF-8, overlapping the first by 40 lines, and the rules suggest lines.
    let second: String = std::iter::once(head)
        .chain(rows[80..].iter().cloned())
        .collect::<Vec<_>>()
        .join("\n");
    let p = api
        .bank_import_preview(request(second.clone().into_bytes(), vec![]))
        .await
        .unwrap();
    assert_eq!(p.encoding, "UTF-8");
    assert_eq!((p.new_lines, p.duplicates), (80, 40));
    for r in p.rows.iter().filter(|r| !r.duplicate) {
        let l = r.line.as_ref().unwrap();
        assert_eq!(
            r.budget_line.as_deref(),
            Some(pick(&l.text)),
            "suggested for {}",
            l.text
        );
    }
    let out = api
        .bank_import_apply(request(second.clone().into_bytes(), vec![]))
        .await
        .unwrap();
    assert_eq!((out.imported, out.skipped), (80, 40));
    let again = api
        .bank_import_apply(request(second.into_bytes(), vec![]))
        .await
        .unwrap();
    assert_eq!(again.imported, 0, "a file imported twice adds nothing");
    let bookings = api.bookings_list(2026).await.unwrap();
    assert_eq!(bookings.len(), 200);
    assert_eq!(bookings.last().unwrap().voucher_no, "200");

    // A bad file: a clear error naming line and column, nothing imported.
    let bad = "Dato;Tekst;Beløb\n01-06-2026;Kaffe;-12,50\n02-06-2026;Te;mange penge\n";
    let p = api
        .bank_import_preview(request(bad.into(), vec![]))
        .await
        .unwrap();
    assert_eq!(
        p.rows[1]
            .error
            .as_deref()
            .map(|e| e.starts_with("Linje 3, kolonne Beløb")),
        Some(true)
    );
    let refused = api
        .bank_import_apply(request(bad.into(), vec![]))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Import);
    assert_eq!(api.bookings_list(2026).await.unwrap().len(), 200);

    // A booking by hand gets the next voucher number.
    let b = api
        .booking_add(BookingInput {
            booked_on: date(2026, 6, 30),
            amount: Money(-123_450),
            text: "Kontorartikler".into(),
            voucher_no: None,
            line: None,
            voucher_file: None,
        })
        .await
        .unwrap();
    assert_eq!(b.voucher_no, "201");
    let taken = api
        .booking_add(BookingInput {
            voucher_no: Some("17".into()),
            ..BookingInput {
                booked_on: date(2026, 6, 30),
                amount: Money(-100),
                text: "Frimærker".into(),
                voucher_no: None,
                line: None,
                voucher_file: None,
            }
        })
        .await
        .unwrap_err();
    assert_eq!(taken.fields[0].field, "voucherNo");

    // Budget vs. actual on 1 July, to the øre.
    let v = api.budget_get(2026, Some(date(2026, 7, 1))).await.unwrap();
    let line = |n: &str| {
        v.lines
            .iter()
            .find(|l| l.line.name == n)
            .unwrap()
            .status
            .clone()
    };
    assert_eq!(line("Husleje").actual, Money(40 * 1_250_000));
    assert_eq!(line("Løn").actual, Money(40 * 15_833_333));
    assert_eq!(line("Driftstilskud").actual, Money(40 * 25_000_000));
    assert_eq!(line("Café og mad").actual, Money(40 * 45_075));
    assert_eq!(line("Husleje").remaining, Money(15_000_000 - 50_000_000));
    assert!(line("Husleje")
        .warning
        .as_deref()
        .unwrap()
        .starts_with("Forventes overskredet"));
    assert_eq!(v.unassigned, Money(-123_450));
    assert_eq!(
        v.expense_actual.0,
        40 * (1_250_000 + 45_075 + 15_833_333 + 500_000)
    );

    // Next year starts from this year's budget.
    let next = api.budget_copy(2026, 2027).await.unwrap();
    assert_eq!(next.lines.len(), 8);
    assert!(api.budget_copy(2026, 2027).await.is_err());
    api.close().await;
}

#[tokio::test]
async fn budget_story_on_sqlite() {
    story(Engine::Sqlite).await;
}

#[tokio::test]
async fn budget_story_on_postgres() {
    story(Engine::Postgres).await;
}
