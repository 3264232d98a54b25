//! Bank statements as Danish banks export them (`;`, decimal comma, `dd-mm-yyyy`): reading the
//! columns by their headings, recognising lines already imported, and suggesting the budget
//! line from the text with rules learned from the treasurer's own choices.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates::parse_date;
use crate::money::Money;
use crate::text::Text;

/// Which column of a statement holds a field (0 = the first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankColumn {
    pub field: BankField,
    pub column: u32,
}

/// A column of a bank statement Kvorum understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BankField {
    Date,
    Text,
    Amount,
    Balance,
}

/// The field a heading names, as the big Danish banks write them (case and accents aside);
/// [`crate::bank_statement::heading_rank`] also says how well.
pub fn bank_field(heading: &str) -> Option<BankField> {
    crate::bank_statement::heading_rank(heading).map(|(f, _)| f)
}

/// One line of a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankLine {
    pub date: NaiveDate,
    pub text: String,
    /// Positive in, negative out.
    pub amount: Money,
    pub balance: Option<Money>,
    /// The line's own id where the file gives one (MobilePay's transaction id): two payments
    /// of the same amount, day and name are two lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// Reads one line's cells given which column holds what; `Err` names the column and the problem.
pub fn read_bank_line(
    cells: &[&str],
    columns: &[(BankField, usize)],
) -> Result<BankLine, (BankField, Text)> {
    read_bank_line_as(cells, columns, Decimal::Comma)
}

/// How a statement writes its amounts: Danish `1.234,50` or `1,234.50`/`1234.50`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Decimal {
    Comma,
    Point,
}

/// The same, with amounts written as `decimal` says.
pub fn read_bank_line_as(
    cells: &[&str],
    columns: &[(BankField, usize)],
    decimal: Decimal,
) -> Result<BankLine, (BankField, Text)> {
    let cell = |f: BankField| {
        columns
            .iter()
            .find(|(c, _)| *c == f)
            .and_then(|(_, i)| cells.get(*i))
            .map(|s| s.trim().trim_matches('"').trim())
    };
    let date = parse_date(cell(BankField::Date).unwrap_or("")).map_err(|m| (BankField::Date, m))?;
    let amount_text = cell(BankField::Amount).unwrap_or("");
    if amount_text.is_empty() {
        return Err((BankField::Amount, Text::new("amount-missing")));
    }
    let amount = parse_amount(amount_text, decimal).map_err(|m| (BankField::Amount, m))?;
    if !amount.within_limit() {
        return Err((BankField::Amount, Text::new("amount-over-limit")));
    }
    let balance = match cell(BankField::Balance) {
        None | Some("") => None,
        Some(b) => Some(parse_amount(b, decimal).map_err(|m| (BankField::Balance, m))?),
    };
    Ok(BankLine {
        date,
        text: cell(BankField::Text)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        amount,
        balance,
        reference: None,
    })
}

/// An amount cell as øre, written as `decimal` says: with a decimal point, commas are
/// thousands separators (`1,234.50`); with a decimal comma, points are (`1.234,50`).
pub fn parse_amount(s: &str, decimal: Decimal) -> Result<Money, Text> {
    match decimal {
        Decimal::Comma => parse_signed(s),
        Decimal::Point => parse_signed(&s.replace(',', "").replace('.', ",")),
    }
}

/// "-1.234,50", "1.234,50-" and "−1234,5" as øre.
fn parse_signed(s: &str) -> Result<Money, Text> {
    let t = s.trim().replace('\u{2212}', "-");
    let (neg, body) = if let Some(r) = t.strip_prefix('-') {
        (true, r.to_owned())
    } else if let Some(r) = t.strip_suffix('-') {
        (true, r.to_owned())
    } else {
        (false, t.trim_start_matches('+').to_owned())
    };
    let m = Money::parse_danish(&body)?;
    Ok(if neg { Money(-m.0) } else { m })
}

/// The key that recognises a line imported before: date, amount, text and balance.
pub fn line_key(l: &BankLine) -> String {
    let text = l.text.to_lowercase();
    // A text longer than any bank writes is kept in the key as its SHA-256, so the key fits
    // PostgreSQL's index (about 2.7 kB a row); the keys of real lines stay as they were.
    let text = if text.len() > MAX_KEY_TEXT {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(text.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        format!("sha256:{hex}")
    } else {
        text
    };
    let key = format!(
        "{}|{}|{}|{}",
        l.date,
        l.amount.0,
        text,
        l.balance.map(|b| b.0.to_string()).unwrap_or_default()
    );
    match &l.reference {
        Some(r) => format!("{key}|ref:{}", r.chars().take(100).collect::<String>()),
        None => key,
    }
}

/// Bytes of a line's text kept as they are in its key.
const MAX_KEY_TEXT: usize = 1000;

/// "If the text contains `pattern`, it is budget line `line`."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TextRule {
    pub pattern: String,
    /// The budget line's name; empty for a transfer rule.
    pub line: String,
    /// A transfer from this account (the MobilePay payout in the bank statement).
    #[serde(default)]
    pub account: Option<crate::ids::AccountId>,
}

/// What a line of a statement is booked to: a budget line (by name), or a transfer from
/// another of the association's accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum LineTarget {
    Line { name: String },
    Transfer { account: crate::ids::AccountId },
}

impl TextRule {
    pub fn target(&self) -> LineTarget {
        match self.account {
            Some(account) => LineTarget::Transfer { account },
            None => LineTarget::Line {
                name: self.line.clone(),
            },
        }
    }
}

/// What the longest matching pattern books a text to.
pub fn suggest_line(text: &str, rules: &[TextRule]) -> Option<LineTarget> {
    let t = text.to_lowercase();
    rules
        .iter()
        .filter(|r| !r.pattern.is_empty() && t.contains(&r.pattern))
        .max_by_key(|r| r.pattern.chars().count())
        .map(TextRule::target)
        .filter(|t| !matches!(t, LineTarget::Line { name } if name.is_empty()))
}

const NOISE: [&str; 12] = [
    "mobilepay",
    "overførsel",
    "overforsel",
    "dankort",
    "betaling",
    "betalingsservice",
    "indbetaling",
    "udbetaling",
    "kortkøb",
    "visa",
    "nota",
    "fra",
];

/// A text's most telling word: the longest word of 4+ letters that is not bank noise (the
/// last of equals). Lines that share it are "similar": the rule learned from one books them all.
pub fn telling_word(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let mut best: Option<&str> = None;
    for w in lower.split(|c: char| !c.is_alphabetic()) {
        let n = w.chars().count();
        if n >= 4 && !NOISE.contains(&w) && best.is_none_or(|b| n >= b.chars().count()) {
            best = Some(w);
        }
    }
    best.map(str::to_owned)
}

/// Learns from the treasurer's choice: the text's telling word now points at `target`. A
/// transfer from an account the text names ("MobilePay …") is learned by the account's name.
/// An existing rule for the word moves.
pub fn learn(
    rules: &mut Vec<TextRule>,
    text: &str,
    target: &LineTarget,
    account_name: Option<&str>,
) {
    let named = account_name
        .map(str::to_lowercase)
        .filter(|n| n.chars().count() >= 4 && text.to_lowercase().contains(n.as_str()));
    let word = match target {
        LineTarget::Transfer { .. } => named.or_else(|| telling_word(text)),
        LineTarget::Line { .. } => telling_word(text),
    };
    let Some(word) = word else { return };
    let (line, account) = match target {
        LineTarget::Line { name } => (name.clone(), None),
        LineTarget::Transfer { account } => (String::new(), Some(*account)),
    };
    match rules.iter_mut().find(|r| r.pattern == word) {
        Some(r) => {
            r.line = line;
            r.account = account;
        }
        None => rules.push(TextRule {
            pattern: word,
            line,
            account,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str) -> LineTarget {
        LineTarget::Line { name: name.into() }
    }

    #[test]
    fn reads_danish_statements() {
        let heads = ["Dato", "Tekst", "Beløb", "Saldo"];
        let columns: Vec<(BankField, usize)> = heads
            .iter()
            .enumerate()
            .filter_map(|(i, h)| bank_field(h).map(|f| (f, i)))
            .collect();
        let l = read_bank_line(
            &[
                "05-03-2026",
                " Husleje  marts ",
                "-12.500,00",
                "1.234.567,89",
            ],
            &columns,
        )
        .unwrap();
        assert_eq!(l.date, NaiveDate::from_ymd_opt(2026, 3, 5).unwrap());
        assert_eq!(l.text, "Husleje marts");
        assert_eq!(l.amount, Money(-1_250_000));
        assert_eq!(l.balance, Some(Money(123_456_789)));
        let l = read_bank_line(&["05.03.2026", "Tilskud", "750.000,00", ""], &columns).unwrap();
        assert_eq!(l.amount, Money::from_kr(750_000));
        assert_eq!(l.balance, None);
        let bad = read_bank_line(&["5/3", "x", "1", ""], &columns).unwrap_err();
        assert_eq!(bad.0, BankField::Date);
        let bad = read_bank_line(&["05.03.2026", "x", "mange", ""], &columns).unwrap_err();
        assert_eq!(bad.0, BankField::Amount);
        assert_eq!(line_key(&l), "2026-03-05|75000000|tilskud|");
    }

    #[test]
    fn rules_learn_from_choices() {
        let mut rules = vec![];
        assert_eq!(suggest_line("Husleje april", &rules), None);
        learn(&mut rules, "Husleje marts", &line("Husleje"), None);
        learn(
            &mut rules,
            "MobilePay Netto Nykøbing",
            &line("Café og mad"),
            None,
        );
        assert_eq!(suggest_line("HUSLEJE APRIL", &rules), Some(line("Husleje")));
        assert_eq!(rules[1].pattern, "nykøbing");
        learn(&mut rules, "Dankort Netto", &line("Café og mad"), None);
        assert_eq!(
            suggest_line("Kortkøb Netto Sundby", &rules),
            Some(line("Café og mad"))
        );
        learn(&mut rules, "Husleje maj", &line("El og varme"), None);
        assert_eq!(
            suggest_line("Husleje juni", &rules),
            Some(line("El og varme")),
            "the newest choice wins"
        );
    }
}

#[cfg(test)]
mod long_lines {
    use super::*;

    #[test]
    fn a_line_of_several_kilobytes_gets_a_key_that_fits_an_index_and_stays_unique() {
        let line = |text: String| BankLine {
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            amount: Money(-12_500),
            text,
            balance: Some(Money(1_000_000)),
            reference: None,
        };
        let short = line("Husleje marts".into());
        assert_eq!(line_key(&short), "2026-03-01|-12500|husleje marts|1000000");
        let long = line("Ø".repeat(1500));
        let other = line(format!("{}x", "Ø".repeat(1500)));
        assert!(line_key(&long).len() < 200, "{}", line_key(&long).len());
        assert_ne!(line_key(&long), line_key(&other));
        assert_eq!(
            line_key(&long),
            line_key(&line("ø".repeat(1500))),
            "case aside"
        );
    }
}
