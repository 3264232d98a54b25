//! The association's accounts and the balance sheet: where the money is at the start and end
//! of a fiscal year, opening balances typed for the first year and carried forward after it.

use std::collections::HashMap;

use kvorum_core::accounts::{
    balance_sheet, standard_accounts, validate_account, Account, AccountKind, BalanceSheet,
};
use kvorum_core::ids::AccountId;
use kvorum_core::text::Text;
use kvorum_core::{FieldErrors, Money};
use kvorum_store::{Reader, StoreTx};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ApiResult};

/// Where a year's opening balances come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum OpeningFrom {
    /// Typed by the treasurer for this year (the first year in Kvorum).
    Typed,
    /// The previous year's closing balances.
    Carried { year: i32 },
    /// Nothing yet: every account starts at 0.
    None,
}

/// A fiscal year's accounts and balance sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BalanceView {
    pub year: i32,
    pub sheet: BalanceSheet,
    pub opening_from: OpeningFrom,
    /// "Primobalancen balancerer ikke: aktiver er 100,00 kr. større end passiver og egenkapital."
    pub warning: Option<String>,
}

/// An account to add (no id) or change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountInput {
    pub id: Option<AccountId>,
    #[ts(type = "number")]
    pub version: i64,
    pub name: String,
    pub kind: AccountKind,
    pub reg_no: Option<String>,
    pub account_no: Option<String>,
}

/// The opening balances of a year, each in the account's own sign (assets what the
/// association has, liabilities what it owes, equity what it is worth).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpeningInput {
    pub year: i32,
    pub balances: Vec<OpeningBalance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpeningBalance {
    pub account: AccountId,
    pub amount: Money,
}

fn trimmed(s: Option<String>) -> Option<String> {
    s.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl Api {
    /// The standard accounts of a new association, written in its creating transaction.
    pub(crate) async fn insert_standard_accounts(tx: &mut StoreTx) -> ApiResult<()> {
        for (i, (name, kind)) in standard_accounts().into_iter().enumerate() {
            let a = Account {
                id: AccountId::new(),
                name: name.into(),
                kind,
                reg_no: None,
                account_no: None,
                version: 1,
            };
            tx.insert_account(&a, i64::try_from(i).unwrap_or(0)).await?;
        }
        Ok(())
    }

    pub async fn accounts(&self) -> ApiResult<Vec<Account>> {
        self.require_association().await?;
        Ok(self.store.accounts().await?)
    }

    /// Adds an account or changes its name and numbers.
    pub async fn account_save(&self, input: AccountInput) -> ApiResult<Vec<Account>> {
        validate_account(
            &input.name,
            input.reg_no.as_deref(),
            input.account_no.as_deref(),
        )
        .map_err(ApiError::validation)?;
        let (mut tx, _) = self.begin_in_association().await?;
        let accounts = tx.accounts().await?;
        let unique = |e: kvorum_store::StoreError| match e {
            kvorum_store::StoreError::Unique(_) => ApiError::validation(FieldErrors::one(
                "name",
                Text::new("account-exists").str("name", input.name.trim()),
            )),
            other => ApiError::from_store(other, "Kontoen"),
        };
        let mut a = Account {
            id: AccountId::new(),
            name: input.name.trim().to_owned(),
            kind: input.kind,
            reg_no: trimmed(input.reg_no.clone()),
            account_no: trimmed(input.account_no.clone()),
            version: 1,
        };
        match input.id {
            None => {
                let position = i64::try_from(accounts.len()).unwrap_or(0);
                tx.insert_account(&a, position).await.map_err(unique)?;
            }
            Some(id) => {
                let before = accounts
                    .iter()
                    .find(|x| x.id == id)
                    .ok_or_else(|| ApiError::not_found("Kontoen"))?;
                if before.version != input.version {
                    return Err(ApiError::conflict("Kontoen"));
                }
                a.id = id;
                a.kind = before.kind;
                a.version = before.version + 1;
                tx.update_account(before, &a).await.map_err(unique)?;
            }
        }
        tx.commit().await?;
        Ok(self.store.accounts().await?)
    }

    /// Sets a year's opening balances (the first year in Kvorum; later years carry the
    /// previous year's closing balances forward unless typed).
    pub async fn opening_balances_set(&self, input: OpeningInput) -> ApiResult<BalanceView> {
        let mut errs = FieldErrors::default();
        if !(1900..=2200).contains(&input.year) {
            errs.push(
                "year",
                Text::new("year-does-not-exist").num("year", input.year),
            );
        }
        for b in &input.balances {
            if !b.amount.within_limit() {
                errs.push(
                    &format!("amount-{}", b.account),
                    Text::new("amount-over-limit"),
                );
            }
        }
        if !errs.is_empty() {
            return Err(ApiError::validation(errs));
        }
        let (mut tx, _) = self.begin_in_association().await?;
        Self::require_open_year(&mut tx.reader(), input.year).await?;
        let accounts = tx.accounts().await?;
        if let Some(b) = input
            .balances
            .iter()
            .find(|b| !accounts.iter().any(|a| a.id == b.account))
        {
            return Err(ApiError::validation(FieldErrors::one(
                &format!("amount-{}", b.account),
                Text::new("account-unknown"),
            )));
        }
        let list: Vec<(AccountId, Money)> = input
            .balances
            .iter()
            .map(|b| (b.account, b.amount))
            .collect();
        tx.set_opening_balances(input.year, &list).await?;
        tx.commit().await?;
        self.balance_get(input.year).await
    }

    /// The balance sheet of a fiscal year as the books stand.
    pub async fn balance_get(&self, year: i32) -> ApiResult<BalanceView> {
        self.require_association().await?;
        let books = self.books(year).await?;
        let view = Self::balance_in(&mut self.store.reader(), year, Some(&books.bookings)).await?;
        Ok(BalanceView {
            warning: view
                .1
                .then(|| opening_warning(&view.0.sheet, self.lang))
                .flatten(),
            ..view.0
        })
    }

    /// The balance sheet of `year`, read through `db`; with whether the opening balances
    /// were typed for it (a warning is only the treasurer's to fix there).
    /// `bookings` are `year`'s when the caller has read them already.
    pub(crate) async fn balance_in(
        db: &mut Reader<'_>,
        year: i32,
        bookings: Option<&[kvorum_core::budget::Booking]>,
    ) -> ApiResult<(BalanceView, bool)> {
        let accounts = db.accounts().await?;
        // From the latest year whose opening balances are written (typed, or by a closing),
        // else from the first year with bookings.
        let stored = db.opening_years().await?;
        let first = stored
            .iter()
            .copied()
            .filter(|y| *y <= year)
            .max()
            .or(db
                .booking_years()
                .await?
                .into_iter()
                .filter(|y| *y <= year)
                .min())
            .unwrap_or(year);
        let closed: Vec<i32> = db.closings().await?.iter().map(|c| c.fiscal_year).collect();
        // From the first year with anything in it, each year opens with what was typed for
        // it or else with the year before's closing balances.
        let mut carried: Option<(i32, HashMap<AccountId, Money>)> = None;
        let mut y = first;
        loop {
            let typed = db.opening_balances(y).await?;
            let (opening, from) = if !typed.is_empty() {
                // Written by the previous year's closing, or typed here.
                let from = if closed.contains(&(y - 1)) {
                    OpeningFrom::Carried { year: y - 1 }
                } else {
                    OpeningFrom::Typed
                };
                (typed, from)
            } else if let Some((cy, c)) = carried.take() {
                (c, OpeningFrom::Carried { year: cy })
            } else {
                (HashMap::new(), OpeningFrom::None)
            };
            let read;
            let bookings = match bookings {
                Some(b) if y == year => b,
                _ => {
                    read = db.bookings(y).await?;
                    &read[..]
                }
            };
            let sheet = balance_sheet(&accounts, &opening, bookings);
            if y >= year {
                let typed = from == OpeningFrom::Typed;
                return Ok((
                    BalanceView {
                        year,
                        sheet,
                        opening_from: from,
                        warning: None,
                    },
                    typed,
                ));
            }
            carried = Some((y, sheet.carried_forward().into_iter().collect()));
            y += 1;
        }
    }
}

fn opening_warning(sheet: &BalanceSheet, lang: kvorum_core::text::Lang) -> Option<String> {
    let d = sheet.opening_difference;
    (d != Money::ZERO).then(|| {
        Text::new(if d.0 > 0 {
            "opening-assets-larger"
        } else {
            "opening-assets-smaller"
        })
        .str("amount", Money(d.0.abs()).format_dkk())
        .render(lang)
    })
}
