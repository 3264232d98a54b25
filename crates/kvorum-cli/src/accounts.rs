//! `kvorum accounts`: the association's accounts, opening balances and the balance sheet.

use kvorum_api::accounts::{AccountInput, OpeningBalance, OpeningInput};
use kvorum_api::{Api, ApiError};
use kvorum_core::accounts::{Account, AccountKind};
use kvorum_core::text::Text;
use kvorum_core::Money;

use crate::{bad_input, print};

#[derive(clap::Subcommand)]
pub enum AccountsCmd {
    /// The accounts in the balance sheet's order
    List,
    /// Add an account
    Add {
        #[arg(long)]
        name: String,
        #[arg(long, value_enum, ignore_case = true)]
        kind: KindArg,
        /// Registration number (4 digits)
        #[arg(long)]
        reg: Option<String>,
        /// Account number, or a MobilePay box's number
        #[arg(long)]
        no: Option<String>,
    },
    /// The balance sheet of a fiscal year
    Balance { year: i32 },
    /// Set a fiscal year's opening balances, each in the account's own sign:
    /// `--set "Bankkonto=50.000,00" --set "Egenkapital=48.500,00"` (accounts left out are 0)
    Opening {
        year: i32,
        #[arg(long = "set")]
        set: Vec<String>,
    },
    /// The year end: the checks and the bank reconciliation month by month
    YearEnd { year: i32 },
    /// Close and lock a fiscal year (every check must pass)
    Close {
        year: i32,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Reopen the latest closed year, with the reason the log keeps
    Reopen {
        year: i32,
        #[arg(long)]
        reason: String,
    },
}

fn year_end_text(v: &kvorum_api::closing::YearEndView) -> String {
    let mut out = Vec::new();
    if let Some(c) = &v.closing {
        out.push(format!(
            "Regnskabsåret {} er afsluttet {} af {}.",
            v.year,
            c.closed_on.format("%d.%m.%Y"),
            c.closed_by
        ));
    }
    for c in &v.checks {
        out.push(format!(
            "{} {}",
            if c.ok {
                "✓"
            } else if c.blocking {
                "✗"
            } else {
                "!"
            },
            c.text
        ));
    }
    for r in &v.recon {
        out.push(format!("Afstemning af {}:", r.account.name));
        for m in &r.months {
            out.push(format!(
                "  {}  bogført {:>15}  kontoudtog {:>15}  forskel {:>12}",
                m.end.format("%d.%m.%Y"),
                m.book.format_number(),
                m.statement
                    .map(|s| s.format_number())
                    .unwrap_or_else(|| "—".into()),
                m.difference
                    .map(|s| s.format_number())
                    .unwrap_or_else(|| "—".into()),
            ));
        }
    }
    out.join("\n")
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum KindArg {
    Bank,
    #[value(alias = "kasse")]
    Cash,
    Mobilepay,
    #[value(alias = "tilgodehavende")]
    Receivable,
    #[value(alias = "forudbetalt")]
    Prepaid,
    #[value(alias = "kreditor")]
    Payable,
    #[value(alias = "skyldig")]
    Accrued,
    #[value(alias = "periodeafgraensning")]
    Deferred,
    #[value(alias = "egenkapital")]
    Equity,
}

impl From<KindArg> for AccountKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Bank => AccountKind::Bank,
            KindArg::Cash => AccountKind::Cash,
            KindArg::Mobilepay => AccountKind::MobilePay,
            KindArg::Receivable => AccountKind::Receivable,
            KindArg::Prepaid => AccountKind::Prepaid,
            KindArg::Payable => AccountKind::Payable,
            KindArg::Accrued => AccountKind::Accrued,
            KindArg::Deferred => AccountKind::Deferred,
            KindArg::Equity => AccountKind::Equity,
        }
    }
}

/// The account a name (any case) gives, or a Danish message naming the accounts there are.
pub(crate) async fn account_by_name(api: &Api, name: &str) -> Result<Account, ApiError> {
    let accounts = api.accounts().await?;
    accounts
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name.trim()))
        .cloned()
        .ok_or_else(|| {
            bad_input(
                "account",
                Text::new("cli-account-unknown")
                    .str("name", name.trim())
                    .str(
                        "accounts",
                        accounts
                            .iter()
                            .map(|a| a.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
            )
        })
}

fn list(accounts: &[Account]) -> String {
    accounts
        .iter()
        .map(|a| {
            let nos = [a.reg_no.as_deref(), a.account_no.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            format!("{:<30} {:<12} {nos}", a.name, a.kind.code())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub async fn accounts(api: &Api, cmd: AccountsCmd, json: bool) -> Result<(), ApiError> {
    match cmd {
        AccountsCmd::List => {
            let a = api.accounts().await?;
            print(json, &a, || list(&a));
        }
        AccountsCmd::Add {
            name,
            kind,
            reg,
            no,
        } => {
            let a = api
                .account_save(AccountInput {
                    id: None,
                    version: 0,
                    name,
                    kind: kind.into(),
                    reg_no: reg,
                    account_no: no,
                })
                .await?;
            print(json, &a, || list(&a));
        }
        AccountsCmd::Balance { year } => {
            let v = api.balance_get(year).await?;
            print(json, &v, || {
                let s = &v.sheet;
                let mut out: Vec<String> = s
                    .accounts
                    .iter()
                    .map(|a| {
                        format!(
                            "{:<30} {:>15} {:>15}",
                            a.account.name,
                            a.opening.format_number(),
                            a.closing.format_number()
                        )
                    })
                    .collect();
                out.push(format!("Årets resultat: {}", s.result.format_dkk()));
                out.push(format!(
                    "Aktiver {} · gæld {} · egenkapital {}",
                    s.assets_closing.format_dkk(),
                    s.liabilities_closing.format_dkk(),
                    s.equity_closing.format_dkk()
                ));
                out.extend(v.warning.clone());
                out.join("\n")
            });
        }
        AccountsCmd::Opening { year, set } => {
            let mut balances = Vec::new();
            for s in &set {
                let (name, amount) = s.split_once('=').ok_or_else(|| {
                    bad_input("set", Text::new("cli-opening-form").str("given", s))
                })?;
                let account = account_by_name(api, name).await?;
                let amount = Money::parse_danish(amount.trim()).map_err(|m| bad_input("set", m))?;
                balances.push(OpeningBalance {
                    account: account.id,
                    amount,
                });
            }
            let v = api
                .opening_balances_set(OpeningInput { year, balances })
                .await?;
            print(json, &v, || {
                let mut out = vec![format!("Primosaldi for {year} er gemt.")];
                out.extend(v.warning.clone());
                out.join("\n")
            });
        }
        AccountsCmd::YearEnd { year } => {
            let v = api.year_end_get(year).await?;
            print(json, &v, || year_end_text(&v));
        }
        AccountsCmd::Close { year, note } => {
            let v = api
                .year_close(kvorum_api::closing::YearCloseInput { year, note })
                .await?;
            print(json, &v, || year_end_text(&v));
        }
        AccountsCmd::Reopen { year, reason } => {
            let v = api
                .year_reopen(kvorum_api::closing::YearReopenInput { year, reason })
                .await?;
            print(json, &v, || format!("Regnskabsåret {year} er genåbnet."));
        }
    }
    Ok(())
}
