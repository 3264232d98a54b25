//! The member-list PDF, parsed back: text, page count, and the embedded font.

use chrono::NaiveDate;
use kvorum_docs::{member_list_pdf, MemberList, MemberListRow};

fn list(n: i64) -> MemberList {
    MemberList {
        association_name: "Foreningen Perronen".into(),
        selection: "Aktive medlemmer".into(),
        printed_on: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        created_unix: 1_795_000_000,
        rows: (1..=n)
            .map(|i| MemberListRow {
                member_no: i,
                name: if i == 1 {
                    "Søren Ærø Åberg".into()
                } else {
                    format!("Medlem nummer {i}")
                },
                address: "Jernbanegade 4, 4800 Nykøbing F".into(),
                email: format!("medlem{i}@example.dk"),
                phone: "12 34 56 78".into(),
                joined_on: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
                fee: "Betalt".into(),
            })
            .collect(),
    }
}

#[test]
fn the_pdf_reads_back_with_danish_letters_and_page_numbers() {
    let bytes = member_list_pdf(&list(120)).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let doc = printpdf::PdfDocument::parse(
        &bytes,
        &printpdf::PdfParseOptions::default(),
        &mut Vec::new(),
    )
    .expect("our own PDF parses");
    let pages = doc.extract_text();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let first = pages[0].join(" ");
    assert!(first.contains("Medlemsliste"), "{first}");
    assert!(first.contains("Søren Ærø Åberg"), "{first}");
    let n = pages.len();
    let last = pages[n - 1].join(" ");
    assert!(last.contains(&format!("Side {n} af {n}")), "{last}");
    assert!(last.contains("Navn"), "the table header is repeated");
    assert!(!doc.resources.fonts.map.is_empty(), "the font is embedded");
}

#[test]
fn the_same_document_renders_to_the_same_bytes() {
    // Approved minutes and a closed year's accounts must print identically every time.
    let first = member_list_pdf(&list(3)).unwrap();
    let again = member_list_pdf(&list(3)).unwrap();
    assert!(first == again, "two renders differ");
}
