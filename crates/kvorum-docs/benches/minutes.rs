//! The minutes of a long assembly: a 20-page minutes PDF must be made in ≤ 50 ms.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use kvorum_docs::{meetings::minutes_layout, minutes_pdf, MinutesDoc};

/// Minutes with `items` agenda items, each with notes and a decision.
pub fn long_minutes(items: usize) -> MinutesDoc {
    let mut text = String::from("Tid og sted: lørdag den 13. marts 2027 kl. 14.00, Perronen.\n\n");
    for i in 1..=items {
        text.push_str(&format!(
            "{i}. Dagsordenspunkt nummer {i} om økonomi, åbningstider og frivillige\n\n"
        ));
        for _ in 0..3 {
            text.push_str("Formanden fremlagde punktet, og der var en god debat om værestedets åbningstider, caféens økonomi og de frivilliges vagtplan. Flere medlemmer ønskede, at bestyrelsen ser på mulighederne for at holde åbent om søndagen.\n\n");
        }
        text.push_str("Beslutning: Forslaget: Vedtaget: 14 for, 3 imod, 2 blanke (blanke stemmer tæller ikke med). Krævet simpelt flertal (mere end halvdelen af de afgivne stemmer): 9.\n\n");
    }
    MinutesDoc {
        association_name: "Foreningen Perronen".into(),
        title: "Referat af ordinær generalforsamling".into(),
        when: "lørdag den 13. marts 2027 kl. 14.00, Perronen".into(),
        text,
        status_lines: vec!["Godkendt 20.03.2027".into()],
        draft: false,
        signatories: vec![
            ("Dirigent".into(), "Vibeke Dirigent".into()),
            ("Referent".into(), "Karin Sekretær".into()),
            ("Formand".into(), "Anne Ærø".into()),
        ],
        date_line: "Dato: 20.03.2027".into(),
        hash: Some("ab".repeat(32)),
        printed_on: NaiveDate::from_ymd_opt(2027, 3, 20).unwrap_or_default(),
        created_unix: 1_805_000_000,
    }
}

fn bench(c: &mut Criterion) {
    let doc = long_minutes(59);
    let pages = minutes_layout(&doc).pages.len();
    println!("minutes: {pages} pages");
    assert!((19..=21).contains(&pages), "{pages} pages, not ~20");
    c.bench_function("minutes_pdf_20_pages", |b| {
        b.iter(|| minutes_pdf(&doc).expect("pdf"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
