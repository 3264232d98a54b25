//! The payment report an association downloads from MobilePay (Vipps MobilePay's portal, or
//! the older MobilePay Box export), read as a statement of the MobilePay account: each
//! payment in at its gross amount with the payer's name and message as the text (what the
//! fee matcher reads), MobilePay's fee on it as its own line out, refunds out. Payouts to
//! the bank are skipped: the bank statement books them, as a transfer from MobilePay. The
//! payer's phone number is never read.

use crate::bank::{parse_amount, BankField, BankLine};
use crate::bank_statement::{decimal_of, ReadStatement, RowRead};
use crate::csv_file::ParsedCsv;
use crate::dates::parse_date;
use crate::money::Money;
use crate::text::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Date,
    Name,
    FirstName,
    LastName,
    Message,
    Gross,
    Fee,
    Id,
    Type,
}

fn col(heading: &str) -> Option<Col> {
    let h = heading.trim().trim_matches('"').trim().to_lowercase();
    Some(match h.trim_end_matches(':') {
        "salgsdato" | "dato" | "transaktionsdato" | "betalingsdato" | "date"
        | "tidspunkt og dato" => Col::Date,
        "navn" | "name" | "afsender" | "betaler" | "fra" => Col::Name,
        "fornavn" | "first name" => Col::FirstName,
        "efternavn" | "last name" => Col::LastName,
        "besked" | "meddelelse" | "message" | "kommentar" | "melding" | "tekst" => Col::Message,
        "brutto" | "beløb" | "beloeb" | "belob" | "amount" | "gross amount" | "bruttobeløb" => {
            Col::Gross
        }
        "gebyr" | "fee" | "gebyrer" => Col::Fee,
        "transaktions-id" | "transaktions id" | "transaktionsid" | "transaction id"
        | "transaktionsnummer" => Col::Id,
        "transaktionstype" | "type" | "transaction type" => Col::Type,
        _ => return None,
    })
}

/// Whether a file is a MobilePay report: a transaction id, a date, an amount and a payer.
pub fn is_mobilepay(csv: &ParsedCsv) -> bool {
    let cols: Vec<Col> = csv.headers.iter().filter_map(|h| col(h)).collect();
    let has = |c: Col| cols.contains(&c);
    has(Col::Id) && has(Col::Date) && has(Col::Gross) && (has(Col::Name) || has(Col::FirstName))
}

/// A transaction type that moves money to the bank, not a payment.
fn payout(kind: &str) -> bool {
    let k = kind.trim().to_lowercase();
    [
        "overførsel",
        "overforsel",
        "udbetaling",
        "transfer",
        "payout",
        "afregning",
        "settlement",
    ]
    .iter()
    .any(|w| k.contains(w))
}

fn refund(kind: &str) -> bool {
    let k = kind.trim().to_lowercase();
    ["refunder", "refund", "tilbagebetal"]
        .iter()
        .any(|w| k.contains(w))
}

/// The report's lines as the bank import reads a statement. Each payment is one line (and
/// its fee one more, line number and reference shared); a payout is `Pending`-like skipped.
pub fn read(csv: &ParsedCsv) -> ReadStatement {
    let index = |c: Col| csv.headers.iter().position(|h| col(h) == Some(c));
    let (date, name, first, last, message, gross, fee, id, kind) = (
        index(Col::Date),
        index(Col::Name),
        index(Col::FirstName),
        index(Col::LastName),
        index(Col::Message),
        index(Col::Gross),
        index(Col::Fee),
        index(Col::Id),
        index(Col::Type),
    );
    let money_cols: Vec<usize> = [gross, fee].into_iter().flatten().collect();
    let decimal = decimal_of(csv.records.iter().flat_map(|(_, c)| {
        money_cols
            .iter()
            .filter_map(|i| c.get(*i).map(String::as_str))
    }));
    let mut rows = Vec::with_capacity(csv.records.len());
    for (line_no, cells) in &csv.records {
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map(|s| s.trim().trim_matches('"').trim())
                .unwrap_or("")
        };
        if payout(cell(kind)) {
            rows.push((*line_no, RowRead::Pending));
            continue;
        }
        let day_text = cell(date);
        let day_text = day_text.split([' ', 'T']).next().unwrap_or("");
        let day = match parse_date(day_text) {
            Ok(d) => d,
            Err(m) => {
                rows.push((*line_no, RowRead::Bad(BankField::Date, m)));
                continue;
            }
        };
        let amount = match parse_amount(cell(gross), decimal) {
            Ok(a) if a.within_limit() => a,
            Ok(_) => {
                rows.push((
                    *line_no,
                    RowRead::Bad(BankField::Amount, Text::new("amount-over-limit")),
                ));
                continue;
            }
            Err(m) => {
                rows.push((*line_no, RowRead::Bad(BankField::Amount, m)));
                continue;
            }
        };
        // A refund is money out, whichever sign the report gives it.
        let amount = if refund(cell(kind)) {
            Money(-amount.0.abs())
        } else {
            amount
        };
        let who = if name.is_some() {
            cell(name).to_owned()
        } else {
            format!("{} {}", cell(first), cell(last)).trim().to_owned()
        };
        let said = cell(message);
        let text = squash(&if said.is_empty() {
            format!("MobilePay: {who}")
        } else {
            format!("MobilePay: {who} – {said}")
        });
        let reference = Some(cell(id).to_owned()).filter(|r| !r.is_empty());
        rows.push((
            *line_no,
            RowRead::Line(BankLine {
                date: day,
                text,
                amount,
                balance: None,
                reference: reference.clone(),
            }),
        ));
        let fee_amount = match cell(fee) {
            "" => Money::ZERO,
            f => match parse_amount(f, decimal) {
                Ok(a) if a.within_limit() => Money(a.0.abs()),
                Ok(_) => {
                    rows.push((
                        *line_no,
                        RowRead::Bad(BankField::Amount, Text::new("amount-over-limit")),
                    ));
                    continue;
                }
                Err(m) => {
                    rows.push((*line_no, RowRead::Bad(BankField::Amount, m)));
                    continue;
                }
            },
        };
        if fee_amount.0 > 0 {
            rows.push((
                *line_no,
                RowRead::Line(BankLine {
                    date: day,
                    text: squash(&format!("MobilePay-gebyr: {who}")),
                    amount: Money(-fee_amount.0),
                    balance: None,
                    reference: reference.map(|r| format!("gebyr:{r}")),
                }),
            ));
        }
    }
    ReadStatement {
        decimal,
        newest_first: false,
        rows,
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_file::parse_csv;

    const PORTAL: &str = "Salgsdato;Salgssted;Produkt;Transaktions-ID;Brutto;Gebyr;Netto;Transaktionstype;Fornavn;Efternavn;Besked\n\
03.02.2026;Perronen;MobilePay Box;TX1;150,00;1,50;148,50;Salg;Karin;Hansen;Kontingent 2026\n\
04.02.2026;Perronen;MobilePay Box;TX2;150,00;0,00;150,00;Salg;Ole;Sørensen;\n\
05.02.2026;Perronen;MobilePay Box;TX3;298,50;;298,50;Overførsel;;;\n\
06.02.2026;Perronen;MobilePay Box;TX4;50,00;;;Refundering;Ole;Sørensen;Fejl\n";

    #[test]
    fn a_portal_report_reads_as_payments_fees_and_refunds() {
        let csv = parse_csv(PORTAL.as_bytes()).unwrap();
        assert!(is_mobilepay(&csv));
        let r = read(&csv);
        let lines: Vec<(String, i64)> = r
            .rows
            .iter()
            .filter_map(|(_, x)| match x {
                RowRead::Line(l) => Some((l.text.clone(), l.amount.0)),
                _ => None,
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                ("MobilePay: Karin Hansen – Kontingent 2026".into(), 15_000),
                ("MobilePay-gebyr: Karin Hansen".into(), -150),
                ("MobilePay: Ole Sørensen".into(), 15_000),
                ("MobilePay: Ole Sørensen – Fejl".into(), -5_000),
            ]
        );
        assert_eq!(
            r.rows
                .iter()
                .filter(|(_, x)| *x == RowRead::Pending)
                .count(),
            1
        );
    }

    #[test]
    fn a_box_export_with_one_name_column() {
        let csv = parse_csv(
            "Dato,Navn,Beløb,Besked,Transaktions ID\n2026-03-01 10:12,Karin Hansen,175.00,medl. 12,AB12\n"
                .as_bytes(),
        )
        .unwrap();
        assert!(is_mobilepay(&csv));
        let r = read(&csv);
        let RowRead::Line(l) = &r.rows[0].1 else {
            panic!("{:?}", r.rows)
        };
        assert_eq!(
            (l.text.as_str(), l.amount.0),
            ("MobilePay: Karin Hansen – medl. 12", 17_500)
        );
        assert_eq!(l.reference.as_deref(), Some("AB12"));
    }

    #[test]
    fn a_bank_statement_is_not_mobilepay() {
        let csv = parse_csv(
            "Dato;Tekst;Beløb;Saldo\n01.02.2026;Husleje;-4.000,00;10.000,00\n".as_bytes(),
        )
        .unwrap();
        assert!(!is_mobilepay(&csv));
    }
}
