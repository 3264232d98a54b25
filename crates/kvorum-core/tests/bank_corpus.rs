//! The corpus of Danish banks' statement layouts (`tests/fixtures/bank`, sources in its
//! README): each file is read with the columns Kvorum finds by itself, to the øre.

use std::path::PathBuf;

use kvorum_core::bank_statement::{RowRead, Statement};
use kvorum_core::csv_file::parse_csv;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/bank")
}

#[test]
fn every_banks_layout_is_read_to_the_ore_without_choosing_columns() {
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(corpus().join("expected.json")).unwrap())
            .unwrap();
    let expected = expected.as_object().unwrap();
    assert!(expected.len() >= 8, "a layout per big bank");
    let mut wrong = vec![];
    for (file, want) in expected {
        let bytes = std::fs::read(corpus().join(file)).unwrap();
        let st = Statement::from_csv(parse_csv(&bytes).unwrap());
        let read = st.read(&st.guess_columns());
        let bad: Vec<String> = read
            .rows
            .iter()
            .filter_map(|(n, r)| match r {
                RowRead::Bad(f, m) => Some(format!("line {n} {f:?}: {m}")),
                _ => None,
            })
            .collect();
        let pending = read
            .rows
            .iter()
            .filter(|(_, r)| matches!(r, RowRead::Pending))
            .count();
        let order = read.booking_order();
        let sum: i64 = order.iter().map(|(_, l)| l.amount.0).sum();
        let last_balance = order.last().and_then(|(_, l)| l.balance).map(|b| b.0);
        let got = serde_json::json!({
            "booked": order.len(),
            "pending": pending,
            "sum_ore": sum,
            "last_balance_ore": last_balance,
            "newest_first": read.newest_first,
            "header": st.header,
        });
        let want_balance = want["last_balance_ore"].as_i64();
        let same = bad.is_empty()
            && got["booked"] == want["booked"]
            && got["pending"] == want["pending"]
            && got["sum_ore"] == want["sum_ore"]
            && last_balance == want_balance
            && got["newest_first"] == want["newest_first"]
            && got["header"] == want["header"];
        if !same {
            wrong.push(format!(
                "{file}: got {got} columns {:?} bad {bad:?}; want {want}",
                st.guess_columns()
            ));
        }
        eprintln!(
            "{file}: {got} text e.g. {:?}",
            order.first().map(|(_, l)| &l.text)
        );
        // The text chosen is a description, never an account number or empty.
        for (n, l) in &order {
            if l.text.is_empty()
                || l.text
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
            {
                wrong.push(format!("{file} line {n}: text {:?}", l.text));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
