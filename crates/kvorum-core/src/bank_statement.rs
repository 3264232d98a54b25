//! A bank statement file as a whole, as the big Danish banks export it: with a heading line or
//! without one (BEC-style), oldest or newest line first, decimal comma or point, several text
//! columns (the description chosen, not an account number), and pending lines ("Reserveret")
//! that are not bookings yet. Finds which column holds what from the headings and, where
//! they say nothing, from the values themselves (a running balance tells the amount from
//! the balance).

use chrono::NaiveDate;

use crate::bank::{parse_amount, read_bank_line_as, BankColumn, BankField, BankLine, Decimal};
use crate::csv_file::ParsedCsv;
use crate::dates::parse_date;
use crate::money::Money;
use crate::text::Text;

/// A statement's lines before any mapping, knowing whether the first line was a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub encoding: &'static str,
    /// False: the file begins with data (no heading line), as BEC banks export it.
    pub header: bool,
    /// The headings; empty strings for a file without them (the UI says "Kolonne 3").
    pub headings: Vec<String>,
    /// (line number, cells)
    pub records: Vec<(u32, Vec<String>)>,
}

/// One line of the statement as read with a mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowRead {
    Line(BankLine),
    /// Reserved or pending at the bank: not a booking yet, skipped with a note.
    Pending,
    Bad(BankField, Text),
}

/// The statement read with a mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadStatement {
    pub decimal: Decimal,
    /// The newest line comes first (the vouchers still follow the date).
    pub newest_first: bool,
    pub rows: Vec<(u32, RowRead)>,
}

/// What a bank writes in a line that is reserved or pending rather than booked.
const PENDING: [&str; 10] = [
    "reserveret",
    "reservation",
    "reserveret beløb",
    "reserveret belob",
    "afventer",
    "afventende",
    "venter",
    "ikke bogført",
    "pending",
    "reserved",
];

/// Whether a line is a reservation, not a booking: a cell says so (Nordea writes
/// "Reserveret" in the date column, others have a status column).
pub fn is_pending(cells: &[String]) -> bool {
    cells.iter().any(|c| pending_word(c))
}

/// A cell that says "reserved" or "pending".
fn pending_word(cell: &str) -> bool {
    PENDING.contains(&cell.trim().to_lowercase().as_str())
}

/// The field a heading names and how well (0 best): the booking date before the value
/// date, the description before the counterpart's name, a message or an account.
pub fn heading_rank(heading: &str) -> Option<(BankField, u8)> {
    let h = heading.trim().trim_matches('"').trim().to_lowercase();
    let h = h.trim_end_matches(':');
    let ranked = match h {
        "dato" | "bogføringsdato" | "bogfoeringsdato" | "bogføringsdag" | "bogført"
        | "bogført dato" | "bogført den" | "posteringsdato" | "transaktionsdato" | "date"
        | "booking date" | "booked" => (BankField::Date, 0),
        "rentedato" | "valørdato" | "valør" | "valordato" | "rente dato" | "value date" => {
            (BankField::Date, 1)
        }
        "tekst" | "beskrivelse" | "posteringstekst" | "transaktionstekst" | "text"
        | "description" | "forklaring" => (BankField::Text, 0),
        "navn" | "name" | "modpart" => (BankField::Text, 1),
        "meddelelse" | "besked" | "message" | "egen reference" => (BankField::Text, 2),
        "modtager" | "afsender" => (BankField::Text, 3),
        "beløb" | "beloeb" | "belob" | "beløb i kr." | "beløb i kr" | "beløb dkk"
        | "beløb (dkk)" | "amount" | "bevægelse" => (BankField::Amount, 0),
        "saldo" | "saldo i kr." | "saldo i kr" | "saldo dkk" | "saldo (dkk)" | "balance"
        | "bogført saldo" => (BankField::Balance, 0),
        _ => return None,
    };
    Some(ranked)
}

/// A cell a bank writes as an amount: digits with two decimals, a sign, thousands groups.
fn is_amount_cell(s: &str) -> bool {
    let t = s.trim();
    let body = t.trim_end_matches('-');
    let two_decimals = body.len() > 3
        && matches!(body.as_bytes()[body.len() - 3], b',' | b'.')
        && body.as_bytes()[body.len() - 2..]
            .iter()
            .all(u8::is_ascii_digit);
    two_decimals
        && (parse_amount(t, Decimal::Comma).is_ok() || parse_amount(t, Decimal::Point).is_ok())
}

fn looks_like_date(s: &str) -> bool {
    parse_date(s).is_ok()
}

/// The decimal style of a statement's amount cells: the later of `.` and `,` in a cell that
/// has both decides; else a `.` before the last two digits (never a thousands group).
pub fn decimal_of<'a>(cells: impl Iterator<Item = &'a str>) -> Decimal {
    let mut point = false;
    for c in cells {
        let t = c.trim().trim_end_matches('-');
        match (t.rfind(','), t.rfind('.')) {
            (Some(comma), Some(dot)) => {
                return if dot > comma {
                    Decimal::Point
                } else {
                    Decimal::Comma
                }
            }
            (Some(comma), None) if t.len() - comma <= 3 => return Decimal::Comma,
            (None, Some(dot)) if t.len() - dot == 3 => point = true,
            _ => {}
        }
    }
    if point {
        Decimal::Point
    } else {
        Decimal::Comma
    }
}

impl Statement {
    /// Decides whether the first line is a heading: it is if it names a column Kvorum knows,
    /// or does not look like a line of data (a date and an amount).
    pub fn from_csv(csv: ParsedCsv) -> Statement {
        let named = csv.headers.iter().any(|h| heading_rank(h).is_some());
        let data = csv.headers.iter().any(|c| looks_like_date(c))
            && csv.headers.iter().any(|c| is_amount_cell(c));
        if named || !data {
            return Statement {
                encoding: csv.encoding,
                header: true,
                headings: csv.headers,
                records: csv.records,
            };
        }
        let mut records = Vec::with_capacity(csv.records.len() + 1);
        records.push((csv.header_line, csv.headers));
        records.extend(csv.records);
        let width = records.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
        Statement {
            encoding: csv.encoding,
            header: false,
            headings: vec![String::new(); width],
            records,
        }
    }

    /// What a remembered layout is known by: the headings, or the number of columns of a
    /// file without headings.
    pub fn signature(&self) -> String {
        if self.header {
            self.headings.join(";").to_lowercase()
        } else {
            format!("#{}", self.headings.len())
        }
    }

    /// The first line of data, to help choose the columns.
    pub fn sample(&self) -> Vec<String> {
        self.records
            .iter()
            .find(|(_, c)| !is_pending(c))
            .or(self.records.first())
            .map(|(_, c)| c.clone())
            .unwrap_or_default()
    }

    fn column(&self, i: usize) -> impl Iterator<Item = &str> {
        self.records
            .iter()
            .filter(|(_, c)| !is_pending(c))
            .filter_map(move |(_, c)| c.get(i).map(String::as_str))
            .filter(|c| !c.trim().is_empty())
    }

    /// Share (0–100) of a column's filled cells that pass `test`; 0 for an empty column.
    fn share(&self, i: usize, test: impl Fn(&str) -> bool) -> u32 {
        let (mut yes, mut all) = (0u32, 0u32);
        for c in self.column(i) {
            all = all.saturating_add(1);
            yes = yes.saturating_add(u32::from(test(c)));
        }
        if all == 0 {
            0
        } else {
            u32::try_from(u64::from(yes) * 100 / u64::from(all)).unwrap_or(0)
        }
    }

    /// Which column holds what: from the headings first (the best-named column per field),
    /// then from the values for the fields the headings leave out.
    pub fn guess_columns(&self) -> Vec<BankColumn> {
        let width = self.headings.len();
        let mut best: Vec<(BankField, usize, u8)> = vec![];
        for (i, h) in self.headings.iter().enumerate() {
            let Some((field, rank)) = heading_rank(h) else {
                continue;
            };
            // A "text" column of account numbers is not the description.
            if field == BankField::Text && self.share(i, account_like) >= 50 {
                continue;
            }
            match best.iter_mut().find(|(f, _, _)| *f == field) {
                Some(b) if rank < b.2 => *b = (field, i, rank),
                Some(_) => {}
                None => best.push((field, i, rank)),
            }
        }
        let mut chosen: Vec<(BankField, usize)> = best.iter().map(|(f, i, _)| (*f, *i)).collect();
        let taken = |chosen: &[(BankField, usize)], i: usize| chosen.iter().any(|(_, c)| *c == i);
        let has = |chosen: &[(BankField, usize)], f: BankField| chosen.iter().any(|(x, _)| *x == f);
        let known_heading = |i: usize| self.header && heading_rank(&self.headings[i]).is_some();
        if !has(&chosen, BankField::Date) {
            if let Some(i) = (0..width).find(|i| {
                !taken(&chosen, *i) && !known_heading(*i) && self.share(*i, looks_like_date) >= 80
            }) {
                chosen.push((BankField::Date, i));
            }
        }
        let numeric: Vec<usize> = (0..width)
            .filter(|i| !taken(&chosen, *i) && !known_heading(*i))
            .filter(|i| self.share(*i, is_amount_cell) >= 80)
            // A statement has an amount and a balance, maybe an available amount: the pairs
            // tried stay few whatever a file holds.
            .take(6)
            .collect();
        let amount = chosen
            .iter()
            .find(|(f, _)| *f == BankField::Amount)
            .map(|x| x.1);
        let balance = chosen
            .iter()
            .find(|(f, _)| *f == BankField::Balance)
            .map(|x| x.1);
        match (amount, balance) {
            (None, None) => {
                // The pair whose running balance adds up; else the first numeric column.
                let pairs = numeric
                    .iter()
                    .flat_map(|a| numeric.iter().map(move |b| (*a, *b)));
                let fit = pairs
                    .filter(|(a, b)| a != b)
                    .map(|(a, b)| (self.balance_fit(a, b), a, b))
                    .filter(|(fit, _, _)| *fit >= 80)
                    .max_by_key(|(fit, a, _)| (*fit, std::cmp::Reverse(*a)));
                match (fit, numeric.first()) {
                    (Some((_, a, b)), _) => {
                        chosen.push((BankField::Amount, a));
                        chosen.push((BankField::Balance, b));
                    }
                    (None, Some(a)) => chosen.push((BankField::Amount, *a)),
                    (None, None) => {}
                }
            }
            (Some(a), None) => {
                if let Some(b) = numeric.iter().find(|b| self.balance_fit(a, **b) >= 80) {
                    chosen.push((BankField::Balance, *b));
                }
            }
            (None, Some(b)) => {
                if let Some(a) = numeric.iter().find(|a| self.balance_fit(**a, b) >= 80) {
                    chosen.push((BankField::Amount, *a));
                }
            }
            (Some(_), Some(_)) => {}
        }
        if !has(&chosen, BankField::Text) {
            let letters = |i: usize| {
                self.column(i)
                    .map(|c| c.chars().filter(|ch| ch.is_alphabetic()).count())
                    .sum::<usize>()
            };
            if let Some(i) = (0..width)
                .filter(|i| !taken(&chosen, *i) && !known_heading(*i))
                .filter(|i| self.share(*i, |c| !pending_word(c)) == 100)
                .max_by_key(|i| (letters(*i), std::cmp::Reverse(*i)))
                .filter(|i| letters(*i) > 0)
            {
                chosen.push((BankField::Text, i));
            }
        }
        let order = |f: BankField| match f {
            BankField::Date => 0,
            BankField::Text => 1,
            BankField::Amount => 2,
            BankField::Balance => 3,
        };
        chosen.sort_by_key(|(f, _)| order(*f));
        chosen
            .into_iter()
            .map(|(field, i)| BankColumn {
                field,
                column: u32::try_from(i).unwrap_or(u32::MAX),
            })
            .collect()
    }

    /// Share (0–100) of neighbouring lines where column `b` is a running balance of the
    /// amounts in column `a`, read oldest-first or newest-first.
    fn balance_fit(&self, a: usize, b: usize) -> u32 {
        let decimal = decimal_of(self.column(a).chain(self.column(b)));
        let values: Vec<(Money, Money)> = self
            .records
            .iter()
            .filter(|(_, c)| !is_pending(c))
            .filter_map(|(_, c)| {
                let amount = parse_amount(c.get(a)?, decimal).ok()?;
                let balance = parse_amount(c.get(b)?, decimal).ok()?;
                Some((amount, balance))
            })
            .collect();
        if values.len() < 2 {
            return 0;
        }
        let (mut oldest, mut newest) = (0u64, 0u64);
        for w in values.windows(2) {
            let ((a0, b0), (a1, b1)) = (w[0], w[1]);
            oldest += u64::from(b0.0.checked_add(a1.0) == Some(b1.0));
            newest += u64::from(b1.0.checked_add(a0.0) == Some(b0.0));
        }
        let pairs = u64::try_from(values.len() - 1).unwrap_or(u64::MAX);
        u32::try_from(oldest.max(newest) * 100 / pairs).unwrap_or(0)
    }

    /// Every line read with `mapping`: a booking, a pending line, or the column's problem.
    pub fn read(&self, mapping: &[BankColumn]) -> ReadStatement {
        let columns: Vec<(BankField, usize)> = mapping
            .iter()
            .map(|c| (c.field, usize::try_from(c.column).unwrap_or(usize::MAX)))
            .collect();
        let money_columns: Vec<usize> = columns
            .iter()
            .filter(|(f, _)| matches!(f, BankField::Amount | BankField::Balance))
            .map(|(_, i)| *i)
            .collect();
        let decimal = decimal_of(money_columns.iter().flat_map(|i| self.column(*i)));
        let rows: Vec<(u32, RowRead)> = self
            .records
            .iter()
            .map(|(line_no, cells)| {
                if is_pending(cells) {
                    return (*line_no, RowRead::Pending);
                }
                let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
                let read = match read_bank_line_as(&refs, &columns, decimal) {
                    Ok(l) => RowRead::Line(l),
                    Err((field, message)) => RowRead::Bad(field, message),
                };
                (*line_no, read)
            })
            .collect();
        let dates: Vec<NaiveDate> = rows
            .iter()
            .filter_map(|(_, r)| match r {
                RowRead::Line(l) => Some(l.date),
                _ => None,
            })
            .collect();
        let newest_first = matches!((dates.first(), dates.last()), (Some(a), Some(b)) if a > b);
        ReadStatement {
            decimal,
            newest_first,
            rows,
        }
    }
}

/// An account number rather than a text: digits, spaces and dashes only.
fn account_like(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
}

impl ReadStatement {
    /// The lines in the order they are booked: by date, and within a date as the bank
    /// booked them (a newest-first file read from the bottom).
    pub fn booking_order(&self) -> Vec<(u32, &BankLine)> {
        let mut lines: Vec<(u32, &BankLine)> = self
            .rows
            .iter()
            .filter_map(|(n, r)| match r {
                RowRead::Line(l) => Some((*n, l)),
                _ => None,
            })
            .collect();
        if self.newest_first {
            lines.reverse();
        }
        lines.sort_by_key(|(_, l)| l.date);
        lines
    }
}

/// The part of a line's key that another layout of the same statement also has: date,
/// amount and running balance (`None` without a balance). Recognises lines imported before
/// when the bank changed its export (other text columns, other headings).
pub fn balance_key(key: &str) -> Option<String> {
    if key.contains("|ref:") {
        return None;
    }
    let mut parts = key.splitn(3, '|');
    let (date, amount) = (parts.next()?, parts.next()?);
    let balance = key.rsplit('|').next()?;
    (!balance.is_empty() && key.matches('|').count() >= 3)
        .then(|| format!("{date}|{amount}|{balance}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_file::parse_csv;

    fn read(file: &str) -> (Statement, ReadStatement) {
        let st = Statement::from_csv(parse_csv(file.as_bytes()).unwrap());
        let r = st.read(&st.guess_columns());
        (st, r)
    }

    fn lines(r: &ReadStatement) -> Vec<&BankLine> {
        r.rows
            .iter()
            .filter_map(|(_, r)| match r {
                RowRead::Line(l) => Some(l),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_bec_file_without_headings_is_read_from_its_values() {
        let (st, r) = read(
            "\"02-01-2026\";\"02-01-2026\";\"Husleje januar\";\"-4.500,00\";\"10.500,00\"\r\n\
             \"05-01-2026\";\"05-01-2026\";\"Tilskud Guldborgsund Kommune\";\"25.000,00\";\"35.500,00\"\r\n\
             \"06-01-2026\";\"07-01-2026\";\"MobilePay Kontingent\";\"150,00\";\"35.650,00\"\r\n",
        );
        assert!(!st.header);
        assert_eq!(st.signature(), "#5");
        assert_eq!(
            st.guess_columns(),
            vec![
                BankColumn {
                    field: BankField::Date,
                    column: 0
                },
                BankColumn {
                    field: BankField::Text,
                    column: 2
                },
                BankColumn {
                    field: BankField::Amount,
                    column: 3
                },
                BankColumn {
                    field: BankField::Balance,
                    column: 4
                },
            ]
        );
        let l = lines(&r);
        assert_eq!(l.len(), 3);
        assert_eq!(r.rows[0].0, 1, "the first line is a line of data");
        assert_eq!(l[1].amount, Money::from_kr(25_000));
        assert_eq!(l[2].balance, Some(Money(3_565_000)));
    }

    #[test]
    fn balance_and_amount_are_told_apart_by_the_running_balance() {
        // The balance comes before the amount here: only the arithmetic can tell.
        let (_, r) = read(
            "01.03.2026;Husleje;1.000,00;-500,00\n02.03.2026;Kontingent;1.150,00;150,00\n03.03.2026;Netto;1.050,00;-100,00\n",
        );
        let l = lines(&r);
        assert_eq!(l[0].amount, Money(-50_000));
        assert_eq!(l[2].balance, Some(Money(105_000)));
    }

    #[test]
    fn nordea_pending_rows_newest_first_and_the_description_column() {
        let (st, r) = read(
            "Bogføringsdato;Beløb;Afsender;Modtager;Navn;Beskrivelse;Saldo;Valuta;Afstemt\n\
             Reserveret;-89,95;1234 5678901;;Netto;Netto Nykøbing;;DKK;\n\
             2026/03/04;-4500,00;1234 5678901;9876 0001234;Boligselskabet;Husleje marts;12050,00;DKK;\n\
             2026/03/02;150,00;;1234 5678901;Jens Hansen;MobilePay Kontingent;16550,00;DKK;\n",
        );
        assert!(st.header);
        let cols = st.guess_columns();
        assert!(
            cols.contains(&BankColumn {
                field: BankField::Text,
                column: 5
            }),
            "{cols:?}"
        );
        assert!(matches!(r.rows[0].1, RowRead::Pending));
        assert!(r.newest_first);
        let order: Vec<u32> = r.booking_order().iter().map(|(n, _)| *n).collect();
        assert_eq!(order, vec![4, 3], "oldest booked first");
        assert_eq!(lines(&r)[0].text, "Husleje marts");
    }

    #[test]
    fn decimal_point_files_with_thousands_commas() {
        let (_, r) = read(
            "Date,Text,Amount,Balance\n2026-03-01,\"Rent\",\"-4,500.00\",\"12,050.00\"\n2026-03-02,Fee,150.00,\"12,200.00\"\n",
        );
        assert_eq!(r.decimal, Decimal::Point);
        let l = lines(&r);
        assert_eq!(l[0].amount, Money(-450_000));
        assert_eq!(l[1].balance, Some(Money(1_220_000)));
        assert_eq!(decimal_of(["1.234", "-5,5"].into_iter()), Decimal::Comma);
        assert_eq!(decimal_of(["1.234,50"].into_iter()), Decimal::Comma);
        assert_eq!(decimal_of(["-12.50"].into_iter()), Decimal::Point);
    }

    #[test]
    fn the_key_another_layout_shares() {
        assert_eq!(
            balance_key("2026-03-05|-1250000|husleje | marts|99"),
            Some("2026-03-05|-1250000|99".into())
        );
        assert_eq!(balance_key("2026-03-05|75000000|tilskud|"), None);
        assert_eq!(balance_key("x"), None);
    }

    #[test]
    fn a_heading_line_of_unknown_names_is_still_a_heading() {
        let (st, _) = read("A;B;C\n01.03.2026;x;1,00\n");
        assert!(st.header);
        assert_eq!(st.headings, vec!["A", "B", "C"]);
    }
}
