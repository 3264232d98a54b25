//! The importers against arbitrary input: members CSV, bank CSV and bylaws text, 10 000 cases
//! each in every test run. Whatever the bytes, each ends in a result or a refusal in the
//! catalogue (Danish), never a panic; a preview is consistent with its rows.
//!
//! The inputs are shaped like the real thing (headings, `;`, quotes, Danish letters, dates,
//! amounts, `Stk.`) mixed with raw bytes, so the cases reach past the first check.

use chrono::NaiveDate;
use kvorum_core::bank::{read_bank_line, BankField};
use kvorum_core::bank_statement::{RowRead, Statement};
use kvorum_core::bylaws::parse_plain_text;
use kvorum_core::csv_file::parse_csv;
use kvorum_core::member_import::{build_preview, ImportRequest};
use kvorum_core::members::builtin_membership_types;
use kvorum_core::text::{Lang, Text};
use proptest::prelude::*;

/// 10 000 cases per importer in every test run; `KVORUM_FUZZ_CASES=200000 cargo test
/// --release -p kvorum-core --test importers_fuzz` for a long run.
/// The same cases in every test run; `KVORUM_FUZZ_SEED=random` (or a number) for others.
fn seed() -> proptest::test_runner::RngSeed {
    use proptest::test_runner::RngSeed;
    match std::env::var("KVORUM_FUZZ_SEED").ok().as_deref() {
        Some("random") => RngSeed::Random,
        Some(n) => n.parse().map(RngSeed::Fixed).unwrap_or(RngSeed::Fixed(12)),
        None => RngSeed::Fixed(12),
    }
}

fn cases() -> u32 {
    std::env::var("KVORUM_FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(10_000)
}

/// Pieces a spreadsheet export is made of, with the odd ones attackers and accidents bring.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"Navn;Adresse;Postnr;By;E-mail;Indmeldt;Medlemsnr\n".to_vec()),
        Just(b"Dato;Tekst;Bel\xc3\xb8b;Saldo\r\n".to_vec()),
        Just(
            "Søren Ærø;Torvet 1;4930;Maribo;s@x.dk;01.03.2024;7\n"
                .as_bytes()
                .to_vec()
        ),
        Just(b"\"".to_vec()),
        Just(b";".to_vec()),
        Just(b",".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\xef\xbb\xbf".to_vec()),
        Just(b"\xf8".to_vec()),
        Just("01.01.9999".as_bytes().to_vec()),
        Just("-92233720368547758,07".as_bytes().to_vec()),
        Just("1.234,50".as_bytes().to_vec()),
        Just(b"\"02-01-2026\";\"Husleje\";\"-4.500,00\";\"10.500,00\"\r\n".to_vec()),
        Just(b"Reserveret;-89,95;;;Netto;Netto;;DKK;\n".to_vec()),
        Just(b"2026-03-01,Rent,\"-4,500.00\",\"12,050.00\"\n".to_vec()),
        Just("=HYPERLINK(\"x\")".as_bytes().to_vec()),
        Just("§ 3 Generalforsamling\n".as_bytes().to_vec()),
        Just("§ 7.\nGeneralforsamling\n7.1 indkaldes med mindst tre ugers varsel.\n".as_bytes().to_vec()),
        Just("Stk. 2. Vedtægtsændring kræver 2/3 af de afgivne stemmer, og 1/2 af medlemmerne er til stede.\n".as_bytes().to_vec()),
        Just("senest 4 uger efter en ny generalforsamling 3/0 fuldmagt ikke\n".as_bytes().to_vec()),
        Just("Stk. \u{212a}".as_bytes().to_vec()),
        Just("İ".as_bytes().to_vec()),
        Just("18446744073709551615".as_bytes().to_vec()),
        proptest::collection::vec(any::<u8>(), 0..12),
        "[a-zæøåA-ZÆØÅ0-9 .,;:\"'-]{0,16}".prop_map(String::into_bytes),
    ]
}

fn file() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(piece(), 0..24).prop_map(|p| p.concat())
}

fn is_catalogued(t: &Text) -> bool {
    let da = t.render(Lang::Da);
    !da.is_empty() && da != t.id
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), rng_seed: seed(), ..ProptestConfig::default() })]

    #[test]
    fn member_files_end_in_a_preview_or_a_refusal(bytes in file(), exclude in proptest::collection::vec(0u32..30, 0..3)) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        match parse_csv(&bytes) {
            Err(e) => prop_assert!(is_catalogued(&e.0), "{:?}", e.0),
            Ok(parsed) => {
                let request = ImportRequest { bytes: bytes.clone(), file: None, mapping: None, exclude, accept_duplicates: vec![] };
                match build_preview(&parsed, &request, &[], &builtin_membership_types(), today, Lang::Da) {
                    Err(e) => prop_assert!(is_catalogued(&e.0), "{:?}", e.0),
                    Ok(p) => {
                        prop_assert_eq!(p.rows.len(), parsed.records.len());
                        let ready = p.rows.iter().filter(|r| !r.excluded && r.problems.is_empty() && r.duplicate_of.is_none()).count();
                        prop_assert_eq!(usize::try_from(p.ready).unwrap(), ready);
                        prop_assert!(!p.message.is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn bank_files_end_in_lines_or_named_refusals(bytes in file()) {
        if let Ok(parsed) = parse_csv(&bytes) {
            // The whole statement as the import reads it: heading or not, the columns guessed
            // from headings and values, pending lines, decimal style, booking order.
            let st = Statement::from_csv(parsed.clone());
            let guessed = st.guess_columns();
            let read = st.read(&guessed);
            prop_assert_eq!(read.rows.len(), st.records.len());
            for (_, r) in &read.rows {
                match r {
                    RowRead::Line(line) => prop_assert!(line.amount.within_limit() && kvorum_core::dates::plausible(line.date)),
                    RowRead::Bad(_, text) => prop_assert!(is_catalogued(text), "{text:?}"),
                    RowRead::Pending => {}
                }
            }
            let order = read.booking_order();
            prop_assert!(order.windows(2).all(|w| w[0].1.date <= w[1].1.date));
            // And with a fixed mapping, as the user may choose it.
            let columns = vec![(BankField::Date, 0), (BankField::Text, 1), (BankField::Amount, 2), (BankField::Balance, 3)];
            for (_, cells) in &parsed.records {
                let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
                match read_bank_line(&refs, &columns) {
                    Ok(line) => prop_assert!(line.amount.within_limit() && kvorum_core::dates::plausible(line.date)),
                    Err((_, text)) => prop_assert!(is_catalogued(&text), "{text:?}"),
                }
            }
        }
    }

    #[test]
    fn bylaws_texts_end_in_sections_or_a_refusal(bytes in file()) {
        let text = String::from_utf8_lossy(&bytes);
        match parse_plain_text(&text) {
            Err(t) => prop_assert!(is_catalogued(&t), "{t:?}"),
            Ok(doc) => {
                prop_assert!(!doc.sections.is_empty());
                let keys: std::collections::HashSet<_> = doc.sections.iter().map(|s| &s.key).collect();
                prop_assert_eq!(keys.len(), doc.sections.len(), "keys are unique");
                prop_assert!(doc.sections.iter().all(|s| !s.title.is_empty()));
                // The settings read from any text, and every § they point at exists.
                let base = kvorum_core::rules::RuleSettings::default();
                let read = kvorum_core::rules_from_text::read_settings(&doc, &base, Lang::Da);
                prop_assert!(read.found.iter().all(|f| keys.contains(&f.section)));
                let rules = kvorum_core::rules_from_text::apply_settings(&doc, &base, None);
                for k in [&rules.ordinary.section, &rules.voting.section, &rules.board.section, &rules.fiscal_section].into_iter().flatten() {
                    prop_assert!(keys.contains(k), "{k}");
                }
            }
        }
    }
}
