//! The year end: the bank reconciliation, the checks, closing and locking the fiscal year
//! (the next year opens with its closing balances), and reopening the latest closing.

use kvorum_core::accounts::AuditForm;
use kvorum_core::closing::{
    closing_checks, decide_close, decide_reopen, reconcile, AccountRecon, CloseError, Closing,
    ClosingFacts, ReopenError,
};
use kvorum_core::grants::strictest_audit;
use kvorum_core::ids::{AgendaItemId, MeetingId};
use kvorum_core::meetings::{accounts_year, is_accounts_item, MeetingKind};
use kvorum_core::rules::DecisionResult;
use kvorum_core::text::{Lang, Text};
use kvorum_core::FieldErrors;
use kvorum_store::Reader;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ApiResult, ErrorCode};

/// One check before closing, said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckView {
    pub ok: bool,
    pub blocking: bool,
    pub text: String,
}

/// A fiscal year's end as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct YearEndView {
    pub year: i32,
    pub closing: Option<Closing>,
    pub checks: Vec<CheckView>,
    /// Every check that stops the closing passed.
    pub can_close: bool,
    /// Closed, and no later year is.
    pub can_reopen: bool,
    pub recon: Vec<AccountRecon>,
    /// The day an ordinary assembly approved the accounts (an adopted decision under the
    /// accounts item), if one has.
    pub approved_on: Option<chrono::NaiveDate>,
    /// How the auditors went through the accounts (the statement says so), with the
    /// setting's version.
    pub audit_form: AuditForm,
    #[ts(type = "number")]
    pub audit_form_version: i64,
    /// The strictest audit the year's grants call for under their grantors' rules:
    /// "Driftstilskud 2026 fra Guldborgsund Kommune: Revision ved …".
    pub audit_required: Option<String>,
    /// A review where a grant requires an audit.
    pub audit_warning: Option<String>,
}

/// How the auditors went through the year's accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditFormInput {
    pub year: i32,
    pub form: AuditForm,
    #[ts(type = "number")]
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct YearCloseInput {
    pub year: i32,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct YearReopenInput {
    pub year: i32,
    pub reason: String,
}

impl Api {
    /// The ordinary assembly that approved `year`'s accounts: its day and id.
    pub(crate) async fn accounts_approval_in(
        db: &mut Reader<'_>,
        year: i32,
    ) -> ApiResult<Option<(chrono::NaiveDate, MeetingId)>> {
        let Some(a) = db.association().await? else {
            return Ok(None);
        };
        for m in db.meetings().await? {
            if m.kind != MeetingKind::Ordinary
                || accounts_year(m.date, a.fiscal_year_start_month) != year
            {
                continue;
            }
            let items: Vec<AgendaItemId> = m
                .agenda
                .iter()
                .filter(|i| is_accounts_item(i))
                .map(|i| i.id)
                .collect();
            if items.is_empty() {
                continue;
            }
            let approved =
                db.decisions(m.id).await?.iter().any(|d| {
                    items.contains(&d.item_id) && d.outcome.result == DecisionResult::Adopted
                });
            if approved {
                return Ok(Some((m.date, m.id)));
            }
        }
        Ok(None)
    }

    /// Refuses a change to a closed fiscal year with the way to correct it.
    pub(crate) async fn require_open_year(db: &mut Reader<'_>, year: i32) -> ApiResult<()> {
        if db.closings().await?.iter().any(|c| c.fiscal_year == year) {
            return Err(ApiError::new(
                ErrorCode::Locked,
                Text::new("year-closed")
                    .num("year", year)
                    .num("next", year + 1),
            ));
        }
        Ok(())
    }

    /// The facts of the year end and the checks, read through `db`.
    async fn year_end_in(
        db: &mut Reader<'_>,
        year: i32,
        today: chrono::NaiveDate,
        lang: Lang,
        (closed_by, note): (&str, &str),
        bookings: &[kvorum_core::budget::Booking],
    ) -> ApiResult<(
        YearEndView,
        Result<kvorum_core::closing::CloseChange, CloseError>,
    )> {
        let (from, to) = Self::fiscal_bounds_in(db, year).await?;
        let (balance, _) = Self::balance_in(db, year, Some(bookings)).await?;
        let accounts = db.accounts().await?;
        let closings = db.closings().await?;
        let recon: Vec<AccountRecon> = balance
            .sheet
            .accounts
            .iter()
            .filter(|x| x.account.kind.holds_money())
            .map(|x| reconcile(&x.account, &accounts, x.opening, bookings, from, to))
            .filter(|r| r.last.is_some())
            .collect();
        let previous = year - 1;
        let previous_has_data = db.booking_years().await?.contains(&previous)
            || db.opening_years().await?.contains(&previous);
        let previous_open = (previous_has_data
            && !closings.iter().any(|c| c.fiscal_year == previous))
        .then_some(previous);
        let closing = closings.iter().find(|c| c.fiscal_year == year).cloned();
        let with_voucher: Vec<kvorum_core::ids::BookingId> =
            db.vouchers(year).await?.iter().map(|v| v.booking).collect();
        let facts = ClosingFacts {
            with_voucher: &with_voucher,
            year,
            year_end: to,
            sheet: &balance.sheet,
            bookings,
            recon: &recon,
            previous_open,
            closed: closing.is_some(),
        };
        let checks: Vec<CheckView> = closing_checks(&facts, today)
            .into_iter()
            .map(|c| CheckView {
                ok: c.ok,
                blocking: c.blocking,
                text: c.text.render(lang),
            })
            .collect();
        let change = decide_close(&facts, today, closed_by, note);
        let closed_years: Vec<i32> = closings.iter().map(|c| c.fiscal_year).collect();
        let approved_on = Self::accounts_approval_in(db, year).await?.map(|(d, _)| d);
        let (audit_form, audit_form_version) = db.audit_form().await?;
        let rules = db.grantor_rules().await?;
        let grants = db.grants().await?;
        let strictest = strictest_audit(&grants, &rules, from, to);
        let audit_required = strictest
            .map(|(level, g)| format!("{} fra {}: {}", g.name, g.grantor, level.label_da()));
        let audit_warning =
            strictest
                .filter(|_| audit_form == AuditForm::Reviewed)
                .map(|(level, g)| {
                    Text::new("audit-reviewed-not-enough")
                        .str("grantor", &g.grantor)
                        .str("level", level.label_da().to_lowercase())
                        .render(lang)
                });
        Ok((
            YearEndView {
                year,
                can_close: change.is_ok(),
                can_reopen: decide_reopen(&closed_years, year, "x").is_ok(),
                closing,
                checks,
                recon,
                approved_on,
                audit_form,
                audit_form_version,
                audit_required,
                audit_warning,
            },
            change,
        ))
    }

    pub async fn year_end_get(&self, year: i32) -> ApiResult<YearEndView> {
        self.require_association().await?;
        let books = self.books(year).await?;
        let (view, _) = Self::year_end_in(
            &mut self.store.reader(),
            year,
            self.clock.today(),
            self.lang,
            ("", ""),
            &books.bookings,
        )
        .await?;
        Ok(view)
    }

    /// Closes and locks the fiscal year when every check passes; the next year opens with
    /// its closing balances.
    pub async fn year_close(&self, input: YearCloseInput) -> ApiResult<YearEndView> {
        let today = self.clock.today();
        let (mut tx, _) = self.begin_in_association().await?;
        // Read once: the closing locks them, so the view after it holds the same bookings.
        let bookings = tx.reader().bookings(input.year).await?;
        let (view, change) = Self::year_end_in(
            &mut tx.reader(),
            input.year,
            today,
            self.lang,
            (&self.actor, &input.note),
            &bookings,
        )
        .await?;
        let change = match change {
            Ok(c) => c,
            Err(CloseError::AlreadyClosed) => {
                return Err(ApiError::refused(
                    Text::new("close-already").num("year", input.year),
                ))
            }
            Err(CloseError::ChecksFail) => {
                let failed: Vec<String> = view
                    .checks
                    .iter()
                    .filter(|c| c.blocking && !c.ok)
                    .map(|c| c.text.clone())
                    .collect();
                return Err(ApiError::refused(
                    Text::new("close-checks-fail")
                        .num("year", input.year)
                        .str("checks", failed.join(" ")),
                ));
            }
        };
        tx.set_opening_balances(input.year + 1, &change.next_opening)
            .await?;
        tx.insert_closing(&change.closing).await?;
        let (view, _) = Self::year_end_in(
            &mut tx.reader(),
            input.year,
            today,
            self.lang,
            ("", ""),
            &bookings,
        )
        .await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Says how the auditors went through the accounts: revideret or gennemgået.
    pub async fn audit_form_set(&self, input: AuditFormInput) -> ApiResult<YearEndView> {
        let (mut tx, _) = self.begin_in_association().await?;
        let (_, version) = tx.audit_form().await?;
        if version != input.version {
            return Err(ApiError::conflict("Revisionens form"));
        }
        tx.set_audit_form(input.form, version + 1)
            .await
            .map_err(|e| ApiError::from_store(e, "Revisionens form"))?;
        tx.commit().await?;
        self.year_end_get(input.year).await
    }

    /// Reopens the latest closing, with the reason, which the audit log keeps with who.
    pub async fn year_reopen(&self, input: YearReopenInput) -> ApiResult<YearEndView> {
        let (mut tx, _) = self.begin_in_association().await?;
        let closings = tx.closings().await?;
        let years: Vec<i32> = closings.iter().map(|c| c.fiscal_year).collect();
        decide_reopen(&years, input.year, &input.reason).map_err(|e| match e {
            ReopenError::NotClosed => {
                ApiError::refused(Text::new("reopen-not-closed").num("year", input.year))
            }
            ReopenError::LaterClosed(later) => {
                ApiError::refused(Text::new("reopen-later-closed").num("later", later))
            }
            ReopenError::NoReason => {
                ApiError::validation(FieldErrors::one("reason", Text::new("reopen-reason")))
            }
        })?;
        let closing = closings
            .iter()
            .find(|c| c.fiscal_year == input.year)
            .ok_or_else(|| ApiError::not_found("Årsafslutningen"))?;
        tx.delete_closing(closing, input.reason.trim())
            .await
            .map_err(|e| ApiError::from_store(e, "Årsafslutningen"))?;
        tx.commit().await?;
        self.year_end_get(input.year).await
    }
}
