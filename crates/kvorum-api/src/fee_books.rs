//! Fees in the books: a fee payment is a booking on the year's fee line and a payment on the
//! member, made together and taken back together; the fee run of a year; the fee settings.

use kvorum_core::accounts::{account_for_method, method_for_account, AccountKind};
use kvorum_core::budget::{next_voucher_no, Booking, BudgetLine, LineKind};
use kvorum_core::fee_books::{
    fee_run, next_reminder, reminders_due, validate_fee_settings, DueReminder, FeeRun, FeeSettings,
    Reminder,
};
use kvorum_core::fees::Payment;
use kvorum_core::ids::{AccountId, BookingId, BudgetLineId, MemberId, PaymentId};
use kvorum_core::members::Member;
use kvorum_core::text::Text;
use kvorum_core::{FieldErrors, Money};
use kvorum_store::StoreTx;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ApiResult, ErrorCode};

/// The fee run of a year, and the payments not yet in the books.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeeRunView {
    pub run: FeeRun,
    pub settings: FeeSettings,
    /// Payments registered before fees were booked (any year): "Bogfør dem".
    pub unbooked: u32,
    pub unbooked_amount: Money,
    /// The reminders sent for the year, and those due today.
    pub reminders: Vec<Reminder>,
    pub due: Vec<DueReminder>,
    /// When none is due today: the first to fall due after it.
    pub next: Option<DueReminder>,
    /// Whether a reminder can say how to pay: a bank account no. or a MobilePay box no.
    pub payment_details: bool,
}

/// A booking (a bank line that came in) that is a member's fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingFeeAssign {
    pub booking: BookingId,
    #[ts(type = "number")]
    pub version: i64,
    pub member: MemberId,
    pub year: i32,
}

/// "Kontingent 2026 · nr. 12 Karin Hansen"
pub(crate) fn fee_text(year: i32, member: &Member) -> String {
    format!(
        "Kontingent {year} · nr. {} {}",
        member.member_no, member.name
    )
}

impl Api {
    /// The fee line of a fiscal year: the line marked as such, else the income line called
    /// "Kontingent" (marked now), else a new income line "Kontingent" with no budget.
    pub(crate) async fn fee_line_in(tx: &mut StoreTx, year: i32) -> ApiResult<BudgetLineId> {
        let lines = tx.budget_lines(year).await?;
        if let Some(l) = lines.iter().find(|l| l.fee_line) {
            return Ok(l.id);
        }
        if let Some(l) = lines.iter().find(|l| {
            l.kind == LineKind::Income
                && ["kontingent", "kontingenter", "medlemskontingent"]
                    .contains(&l.name.trim().to_lowercase().as_str())
        }) {
            let marked = BudgetLine {
                fee_line: true,
                version: l.version + 1,
                ..l.clone()
            };
            tx.update_budget_line(l, &marked).await?;
            return Ok(l.id);
        }
        let line = BudgetLine {
            id: BudgetLineId::new(),
            fiscal_year: year,
            name: "Kontingent".into(),
            kind: LineKind::Income,
            amount: Money::ZERO,
            grant: None,
            fee_line: true,
            version: 1,
        };
        tx.insert_budget_line(&line, i64::try_from(lines.len()).unwrap_or(0))
            .await
            .map_err(|e| ApiError::from_store(e, "Budgetposten"))?;
        Ok(line.id)
    }

    /// Books `payment` of `member` on the fee line of the fiscal year it was paid in, on
    /// `account`, with the payment's voucher number or the year's next one.
    pub(crate) async fn book_fee_in(
        tx: &mut StoreTx,
        payment: &Payment,
        member: &Member,
        account: Option<AccountId>,
    ) -> ApiResult<Booking> {
        let (year, _, _) = Self::fiscal_year_in(&mut tx.reader(), payment.paid_on).await?;
        Self::require_open_year(&mut tx.reader(), year).await?;
        tx.lock_books(year).await?;
        let line = Self::fee_line_in(tx, year).await?;
        let used: Vec<String> = tx
            .bookings(year)
            .await?
            .into_iter()
            .map(|b| b.voucher_no)
            .collect();
        // The voucher typed with the payment, if it is free; one voucher for two payments
        // (a couple paying together) gives the second the next number and the reference.
        let (voucher_no, reference) = match &payment.voucher_no {
            Some(v) if !used.contains(v) => (v.clone(), None),
            Some(v) => (next_voucher_no(&used), Some(v.clone())),
            None => (next_voucher_no(&used), None),
        };
        let mut text = fee_text(payment.year, member);
        if let Some(r) = reference {
            text.push_str(&format!(" (jf. bilag {r})"));
        }
        let b = Booking {
            id: BookingId::new(),
            fiscal_year: year,
            booked_on: payment.paid_on,
            amount: payment.amount,
            text,
            voucher_no,
            line: Some(line),
            grant: None,
            voucher_file: None,
            bank_key: None,
            account,
            counter_account: None,
            payment: Some(payment.id),
            bank_balance: None,
            version: 1,
        };
        Self::insert_one_booking(tx, &b).await?;
        Ok(b)
    }

    /// Takes a fee payment's booking back with it: a booking typed with the payment goes; a
    /// bank line stays in the books on the fee line (the money did come in), no longer the
    /// member's, to be given to the right member.
    pub(crate) async fn unbook_fee_in(tx: &mut StoreTx, payment: PaymentId) -> ApiResult<()> {
        let Some(b) = tx.booking_of_payment(payment).await? else {
            return Ok(());
        };
        // The approved accounts hold the payment: it stays as it was booked.
        if tx
            .closings()
            .await?
            .iter()
            .any(|c| c.fiscal_year == b.fiscal_year)
        {
            return Err(ApiError::new(
                ErrorCode::Locked,
                Text::new("payment-in-closed-year")
                    .num("year", b.fiscal_year)
                    .str("voucher", &b.voucher_no),
            ));
        }
        if b.bank_key.is_none() {
            tx.delete_booking(&b)
                .await
                .map_err(|e| ApiError::from_store(e, "Posteringen"))?;
        } else {
            let after = Booking {
                payment: None,
                version: b.version + 1,
                ..b.clone()
            };
            tx.update_booking(&b, &after)
                .await
                .map_err(|e| ApiError::from_store(e, "Posteringen"))?;
        }
        Ok(())
    }

    /// The fee run of `year` on today: every member with a fee, what is due, paid and owed,
    /// and how many days overdue.
    pub async fn fee_run(&self, year: i32) -> ApiResult<FeeRunView> {
        self.require_association().await?;
        let snapshot = self.member_snapshot().await?;
        let settings = self.store.fee_settings().await?;
        let unbooked = self.store.unbooked_payments().await?;
        let reminders = self.store.fee_reminders(Some(year)).await?;
        let accounts = self.store.accounts().await?;
        let today = self.clock.today();
        let run = fee_run(
            year,
            &snapshot.members,
            &snapshot.rates,
            &snapshot.payments,
            &settings,
            today,
        );
        Ok(FeeRunView {
            due: reminders_due(&run, &reminders, &settings, today),
            next: next_reminder(&run, &reminders, &settings, today),
            payment_details: accounts.iter().any(|a| {
                matches!(a.kind, AccountKind::Bank | AccountKind::MobilePay)
                    && a.account_no
                        .as_deref()
                        .is_some_and(|n| !n.trim().is_empty())
            }),
            reminders,
            run,
            settings,
            unbooked: u32::try_from(unbooked.len()).unwrap_or(u32::MAX),
            unbooked_amount: unbooked.iter().map(|p| p.amount).sum(),
        })
    }

    pub async fn fee_settings_set(&self, settings: FeeSettings) -> ApiResult<FeeSettings> {
        validate_fee_settings(&settings).map_err(ApiError::validation)?;
        let (mut tx, _) = self.begin_in_association().await?;
        let before = tx.fee_settings().await?;
        if before.version != settings.version {
            return Err(ApiError::conflict("Indstillingerne for kontingent"));
        }
        let after = FeeSettings {
            version: before.version + 1,
            ..settings
        };
        tx.set_fee_settings(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, "Indstillingerne for kontingent"))?;
        tx.commit().await?;
        Ok(after)
    }

    /// Books the fee payments registered before fees were booked, each on the fee line of the
    /// year it was paid in, on the account its method says. Returns how many.
    pub async fn fee_payments_book(&self) -> ApiResult<u32> {
        let (mut tx, _) = self.begin_in_association().await?;
        let accounts = tx.accounts().await?;
        let payments = tx.unbooked_payments().await?;
        for p in &payments {
            let member = tx
                .member(p.member_id)
                .await
                .map_err(|e| ApiError::from_store(e, "Medlemmet"))?;
            Self::book_fee_in(&mut tx, p, &member, account_for_method(&accounts, p.method)).await?;
        }
        tx.commit().await?;
        Ok(u32::try_from(payments.len()).unwrap_or(u32::MAX))
    }

    /// A booking already in the books (a bank line) is a member's fee for `year`: the payment
    /// is made from it, and the booking moves to the fee line.
    pub async fn booking_fee_assign(&self, input: BookingFeeAssign) -> ApiResult<Booking> {
        if !(1900..=2200).contains(&input.year) {
            return Err(ApiError::validation(FieldErrors::one(
                "year",
                Text::new("fee-year-invalid"),
            )));
        }
        let (mut tx, _) = self.begin_in_association().await?;
        let before = tx
            .booking(input.booking)
            .await?
            .ok_or_else(|| ApiError::not_found("Posteringen"))?;
        if before.version != input.version {
            return Err(ApiError::conflict("Posteringen"));
        }
        Self::require_open_year(&mut tx.reader(), before.fiscal_year).await?;
        if before.payment.is_some() {
            return Err(ApiError::refused(Text::new("booking-already-fee")));
        }
        if before.amount.0 <= 0 || before.counter_account.is_some() {
            return Err(ApiError::new(
                ErrorCode::Refused,
                Text::new("booking-not-income"),
            ));
        }
        let member = tx
            .member(input.member)
            .await
            .map_err(|e| ApiError::from_store(e, "Medlemmet"))?;
        let accounts = tx.accounts().await?;
        let payment = Payment {
            id: PaymentId::new(),
            member_id: member.id,
            year: input.year,
            paid_on: before.booked_on,
            amount: before.amount,
            method: method_for_account(&accounts, before.account),
            voucher_no: Some(before.voucher_no.clone()),
        };
        tx.insert_payment(&payment).await?;
        let line = Self::fee_line_in(&mut tx, before.fiscal_year).await?;
        let after = Booking {
            line: Some(line),
            payment: Some(payment.id),
            version: before.version + 1,
            ..before.clone()
        };
        tx.update_booking(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, "Posteringen"))?;
        tx.commit().await?;
        Ok(after)
    }
}
