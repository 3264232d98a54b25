//! `kvorum budget|bookings|overview`: the treasurer's books from the command line.

use std::path::PathBuf;

use clap::Subcommand;
use kvorum_api::budget::{BankChoice, BankImportRequest, BudgetLineInput, BudgetView};
use kvorum_api::{Api, ApiError};
use kvorum_core::bank::{BankColumn, BankField};
use kvorum_core::budget::{BookingInput, LineKind};
use kvorum_core::dates::format_date;
use kvorum_core::Money;

use crate::{bad_input, date_arg, print};

#[derive(Subcommand)]
pub enum BudgetCmd {
    /// Set a budget line: `kvorum budget set 2026 Husleje 150000 --expense`
    Set {
        year: i32,
        name: String,
        /// Kroner, e.g. 150000 or 150.000,00
        amount: String,
        #[arg(long)]
        income: bool,
        /// The grant that funds the line (name or the start of it)
        #[arg(long)]
        grant: Option<String>,
    },
    Show {
        year: i32,
    },
    /// Start a year's budget from another's
    Copy {
        from: i32,
        to: i32,
    },
}

#[derive(Subcommand)]
pub enum BookingsCmd {
    /// Book income (positive) or an expense (negative): `--amount -1250,00`
    Add {
        #[arg(long)]
        date: String,
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        #[arg(long)]
        text: String,
        /// Budget line name
        #[arg(long)]
        line: Option<String>,
        #[arg(long)]
        voucher: Option<String>,
        /// The grant, when not the budget line's
        #[arg(long)]
        grant: Option<String>,
    },
    List {
        year: i32,
    },
    /// The year's bookings as CSV for the accountant
    Export {
        year: i32,
        out: PathBuf,
    },
    /// Import a bank statement (CSV); `--dry-run` shows the preview
    ImportBank {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        /// Which column holds what, counted from 1, where the headings do not say it:
        /// `--columns dato=1,tekst=3,beløb=5,saldo=6` (or date, text, amount, balance).
        /// Remembered for files of the same layout.
        #[arg(long, value_parser = bank_columns)]
        columns: Option<BankColumns>,
        /// Book every line recognised as a member's fee as that member's payment
        #[arg(long)]
        accept_fees: bool,
        /// The account the statement is of (default: the bank account, or MobilePay for a
        /// MobilePay report)
        #[arg(long)]
        account: Option<String>,
    },
}

/// A mapping of a statement's columns, as one argument (clap would take a `Vec` for many).
#[derive(Debug, Clone)]
pub struct BankColumns(Vec<BankColumn>);

/// `dato=1,tekst=3,beløb=5,saldo=6` as a mapping (columns counted from 1).
fn bank_columns(s: &str) -> Result<BankColumns, String> {
    let mut out: Vec<BankColumn> = vec![];
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, column) = part.split_once('=').ok_or_else(|| {
            format!("»{part}« skal skrives som felt=kolonne, fx dato=1 (\"{part}\" must be field=column)")
        })?;
        let field = match name.trim().to_lowercase().as_str() {
            "dato" | "date" => BankField::Date,
            "tekst" | "text" => BankField::Text,
            "beløb" | "beloeb" | "belob" | "amount" => BankField::Amount,
            "saldo" | "balance" => BankField::Balance,
            other => {
                return Err(format!(
                    "»{other}« er ikke et felt; brug dato, tekst, beløb og saldo (not a field: use date, text, amount, balance)"
                ))
            }
        };
        let column: u32 = column
            .trim()
            .parse()
            .ok()
            .filter(|c| (1..=1000).contains(c))
            .ok_or_else(|| {
                format!(
                    "Kolonnen for {name} skal være et tal fra 1 til 1000 (column must be 1–1000)"
                )
            })?;
        if out.iter().any(|c| c.field == field) {
            return Err(format!("{name} er nævnt to gange ({name} is given twice)"));
        }
        out.push(BankColumn {
            field,
            column: column - 1,
        });
    }
    if out.is_empty() {
        return Err("Skriv mindst dato=… og beløb=… (give at least date and amount)".into());
    }
    Ok(BankColumns(out))
}

fn amount(s: &str) -> Result<Money, ApiError> {
    let t = s.trim();
    let (neg, body) = t.strip_prefix('-').map_or((false, t), |r| (true, r));
    let m = Money::parse_danish(body).map_err(|e| bad_input("amount", e))?;
    Ok(if neg { Money(-m.0) } else { m })
}

fn view_text(v: &BudgetView) -> String {
    let mut s = vec![format!(
        "Budget {} (til og med {})",
        v.year,
        format_date(v.on)
    )];
    s.push(format!(
        "{:<24} {:>16} {:>16} {:>16} {:>7}",
        "Post", "Budget", "Faktisk", "Tilbage", "Brugt"
    ));
    for l in &v.lines {
        s.push(format!(
            "{:<24} {:>16} {:>16} {:>16} {:>6}%",
            l.line.name,
            l.status.budgeted.format_dkk(),
            l.status.actual.format_dkk(),
            l.status.remaining.format_dkk(),
            l.status.used_permille.map(|p| p / 10).unwrap_or(0)
        ));
        if let Some(w) = &l.status.warning {
            s.push(format!("  ! {w}"));
        }
    }
    s.push(format!(
        "Indtægter {} af {}; udgifter {} af {}; uden budgetpost {}",
        v.income_actual.format_dkk(),
        v.income_budget.format_dkk(),
        v.expense_actual.format_dkk(),
        v.expense_budget.format_dkk(),
        v.unassigned.format_dkk()
    ));
    s.join("\n")
}

pub async fn budget(api: &Api, cmd: BudgetCmd, json: bool) -> Result<(), ApiError> {
    let v = match cmd {
        BudgetCmd::Set {
            year,
            name,
            amount: a,
            income,
            grant,
        } => {
            let grant = match grant {
                Some(g) => Some(crate::grants::find_grant(api, &g).await?.id),
                None => None,
            };
            let existing = api.budget_get(year, None).await?;
            let line = existing
                .lines
                .iter()
                .find(|l| l.line.name.eq_ignore_ascii_case(&name));
            api.budget_set_line(BudgetLineInput {
                fee_line: false,
                year,
                id: line.map(|l| l.line.id),
                version: line.map_or(0, |l| l.line.version),
                name,
                kind: if income {
                    LineKind::Income
                } else {
                    LineKind::Expense
                },
                amount: amount(&a)?,
                grant,
            })
            .await?
        }
        BudgetCmd::Show { year } => api.budget_get(year, None).await?,
        BudgetCmd::Copy { from, to } => api.budget_copy(from, to).await?,
    };
    print(json, &v, || view_text(&v));
    Ok(())
}

pub async fn overview(api: &Api, year: i32, json: bool) -> Result<(), ApiError> {
    let o = api.overview(year, None).await?;
    print(json, &o, || {
        let mut s = vec![view_text(&o.budget)];
        for g in &o.grants {
            s.push(crate::grants::grant_text(g));
        }
        s.push(format!("Besøg: {}", o.visits.trend));
        if o.in_kind_value.0 > 0 {
            s.push(format!(
                "Naturalietilskud (ikke penge): {} om året",
                o.in_kind_value.format_dkk()
            ));
        }
        s.extend(o.reminders.iter().map(|r| format!("! {r}")));
        s.join("\n")
    });
    Ok(())
}

pub async fn bookings(api: &Api, cmd: BookingsCmd, json: bool) -> Result<(), ApiError> {
    match cmd {
        BookingsCmd::Add {
            date,
            amount: a,
            text,
            line,
            voucher,
            grant,
        } => {
            let grant = match grant {
                Some(g) => Some(crate::grants::find_grant(api, &g).await?.id),
                None => None,
            };
            let day = date_arg("bookedOn", &Some(date))?.unwrap_or_default();
            let line = match line {
                Some(name) => {
                    let v = api
                        .budget_get(day.format("%Y").to_string().parse().unwrap_or(0), None)
                        .await?;
                    Some(
                        v.lines
                            .iter()
                            .find(|l| l.line.name.eq_ignore_ascii_case(&name))
                            .map(|l| l.line.id)
                            .ok_or_else(|| {
                                bad_input("line", format!("Budgetposten »{name}« findes ikke."))
                            })?,
                    )
                }
                None => None,
            };
            let b = api
                .booking_add(BookingInput {
                    account: None,
                    counter_account: None,
                    booked_on: day,
                    amount: amount(&a)?,
                    text,
                    voucher_no: voucher,
                    line,
                    grant,
                    voucher_file: None,
                })
                .await?;
            print(json, &b, || {
                format!(
                    "Bogført som bilag {}: {} {}",
                    b.voucher_no,
                    b.text,
                    b.amount.format_dkk()
                )
            });
        }
        BookingsCmd::List { year } => {
            let list = api.bookings_list(year).await?.bookings;
            print(json, &list, || {
                list.iter()
                    .map(|b| {
                        format!(
                            "{:>6}  {}  {:<40} {:>16}",
                            b.voucher_no,
                            format_date(b.booked_on),
                            b.text,
                            b.amount.format_dkk()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        BookingsCmd::Export { year, out } => {
            let file = api
                .export(kvorum_api::documents::ExportRequest::BookingsCsv { year })
                .await?;
            crate::write_file(&out, &file.bytes)?;
            print(
                json,
                &serde_json::json!({ "file": out, "bookings": file.rows }),
                || format!("{} posteringer er gemt i {}.", file.rows, out.display()),
            );
        }
        BookingsCmd::ImportBank {
            file,
            dry_run,
            columns,
            accept_fees,
            account,
        } => {
            let bytes = kvorum_api::files::read_import_file(&file)?;
            let account = match account {
                Some(name) => Some(crate::accounts::account_by_name(api, &name).await?.id),
                None => None,
            };
            let request = BankImportRequest {
                file_name: None,
                account,
                accept_fees,
                bytes,
                file: None,
                mapping: columns.map(|c| c.0),
                lines: Vec::<BankChoice>::new(),
            };
            if dry_run {
                let p = api.bank_import_preview(request).await?;
                print(json, &p, || {
                    let mut s = vec![format!(
                        "{} nye linjer, {} importeret før, {} med fejl ({})",
                        p.new_lines, p.duplicates, p.errors, p.encoding
                    )];
                    s.extend(p.problem.clone());
                    if p.pending > 0 {
                        s.push(
                            kvorum_core::text::Text::new("bank-pending-skipped")
                                .num("count", p.pending)
                                .render(api.lang()),
                        );
                    }
                    if p.newest_first {
                        s.push(
                            "Filen står med nyeste linje først; bilagsnumrene følger datoen".into(),
                        );
                    }
                    for r in &p.rows {
                        match (&r.line, &r.error) {
                            _ if r.pending => {
                                s.push(format!("  Linje {}: reserveret, springes over", r.line_no))
                            }
                            (_, Some(e)) => s.push(format!("  {e}")),
                            (Some(l), None) => s.push(format!(
                                "  {} {:<40} {:>16} {}{}",
                                format_date(l.date),
                                l.text,
                                l.amount.format_dkk(),
                                r.budget_line.as_deref().unwrap_or("—"),
                                if r.duplicate { " (før)" } else { "" }
                            )),
                            _ => {}
                        }
                    }
                    s.join("\n")
                });
            } else {
                let out = api.bank_import_apply(request).await?;
                print(json, &out, || out.message.clone());
            }
        }
    }
    Ok(())
}
