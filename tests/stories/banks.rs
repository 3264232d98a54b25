//! The treasurer imports the statements her bank really gives her (the corpus in
//! `tests/fixtures/bank`): Nordea's newest-first file with reserved lines, a BEC file without
//! headings, then the same lines again after the bank changed its export; the columns she
//! chose once for an odd file are remembered.

use std::path::PathBuf;

use kvorum_api::budget::BankImportRequest;
use kvorum_core::bank::{BankColumn, BankField};
use kvorum_core::Money;
use kvorum_tests::Engine;

fn fixture(name: &str) -> Vec<u8> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/bank");
    std::fs::read(dir.join(name)).unwrap()
}

fn request(bytes: Vec<u8>, mapping: Option<Vec<BankColumn>>) -> BankImportRequest {
    BankImportRequest {
        file_name: None,
        account: None,
        accept_fees: false,
        bytes,
        file: None,
        mapping,
        lines: vec![],
    }
}

async fn real_bank_files(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open("Kasserer").await;
    kvorum_tests::perronen(&api).await;

    // Nordea: newest first, two reserved lines at the top, the description among five text
    // columns, the association's own account in Afsender/Modtager.
    let p = api
        .bank_import_preview(request(fixture("nordea.csv"), None))
        .await
        .unwrap();
    assert_eq!((p.new_lines, p.pending, p.errors), (10, 2, 0));
    assert!(p.newest_first && p.header);
    assert!(p.rows[0].pending && p.rows[0].line.is_none() && p.rows[0].error.is_none());
    let out = api
        .bank_import_apply(request(fixture("nordea.csv"), None))
        .await
        .unwrap();
    assert_eq!(out.imported, 10);
    assert!(
        out.message.contains("2 reserverede linjer er ikke bogført"),
        "{}",
        out.message
    );
    let books = api.bookings_list(2026).await.unwrap().bookings;
    assert_eq!(books.len(), 10);
    let sum: i64 = books.iter().map(|b| b.amount.0).sum();
    assert_eq!(sum, 285_425, "to the øre");
    // The vouchers follow the date although the file runs backwards.
    let mut by_voucher = books.clone();
    by_voucher.sort_by_key(|b| b.voucher_no.parse::<u32>().unwrap());
    assert!(by_voucher
        .windows(2)
        .all(|w| w[0].booked_on <= w[1].booked_on));
    assert_eq!(by_voucher[0].voucher_no, "1");
    assert!(books
        .iter()
        .all(|b| !b.text.chars().all(|c| c.is_ascii_digit() || c == ' ')));

    // The bank changes its export: the same lines in a BEC-style file without headings and
    // with other texts are recognised by date, amount and running balance.
    let p = api
        .bank_import_preview(request(fixture("nordea.csv"), None))
        .await
        .unwrap();
    let mut lines: Vec<_> = p.rows.iter().filter_map(|r| r.line.clone()).collect();
    lines.reverse();
    let mut other = String::new();
    for l in &lines {
        other.push_str(&format!(
            "\"{}\";\"{}\";\"Overførsel {}\";\"{}\";\"{}\"\r\n",
            l.date.format("%d-%m-%Y"),
            l.date.format("%d-%m-%Y"),
            l.amount.0,
            danish(l.amount),
            danish(l.balance.unwrap())
        ));
    }
    let last = lines.last().unwrap();
    let newer = last.date.succ_opt().unwrap();
    other.push_str(&format!(
        "\"{}\";\"{}\";\"Kontingent Jens Hansen\";\"150,00\";\"{}\"\r\n",
        newer.format("%d-%m-%Y"),
        newer.format("%d-%m-%Y"),
        danish(Money(last.balance.unwrap().0 + 15_000))
    ));
    let p = api
        .bank_import_preview(request(other.clone().into_bytes(), None))
        .await
        .unwrap();
    assert!(!p.header);
    assert_eq!((p.new_lines, p.duplicates, p.errors), (1, 10, 0), "{p:?}");
    let out = api
        .bank_import_apply(request(other.into_bytes(), None))
        .await
        .unwrap();
    assert_eq!((out.imported, out.skipped), (1, 10));

    // An odd layout the treasurer maps herself once (the text she wants is not the column
    // with the most letters): remembered for the next file like it.
    let odd = "\"Konto\";\"X\";\"Y\";\"Z\"\n\"Falster Ejendomme ApS\";\"01-03-2026\";\"Husleje marts\";\"-4.500,00\"\n";
    let mapping = vec![
        BankColumn {
            field: BankField::Date,
            column: 1,
        },
        BankColumn {
            field: BankField::Text,
            column: 2,
        },
        BankColumn {
            field: BankField::Amount,
            column: 3,
        },
    ];
    let p = api
        .bank_import_preview(request(odd.into(), None))
        .await
        .unwrap();
    assert_ne!(p.mapping, mapping, "Kvorum guesses another text column");
    api.bank_import_apply(request(odd.into(), Some(mapping.clone())))
        .await
        .unwrap();
    let next = "\"Konto\";\"X\";\"Y\";\"Z\"\n\"Falster Ejendomme ApS\";\"01-04-2026\";\"Husleje april\";\"-4.500,00\"\n";
    let p = api
        .bank_import_preview(request(next.into(), None))
        .await
        .unwrap();
    assert_eq!(p.mapping, mapping, "the columns she chose");
    assert_eq!(p.rows[0].line.as_ref().unwrap().text, "Husleje april");
    api.close().await;
    drop(db);
}

/// `1.234,50` as the banks write it.
fn danish(m: Money) -> String {
    m.format_number()
}

kvorum_tests::on_both_engines!(real_bank_files);
