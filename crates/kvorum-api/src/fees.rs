//! Membership fees: rates per year and type, and payments.

use kvorum_core::fees::{validate_fee_rate, validate_payment, FeeRate, Payment, PaymentInput};
use kvorum_core::ids::{MemberId, PaymentId};
use kvorum_core::text::Text;
use kvorum_core::validation::FieldErrors;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ApiResult};

/// A payment registered by mistake (wrong member, typed twice), taken back with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaymentReversal {
    pub member: MemberId,
    pub payment: PaymentId,
    pub reason: String,
}

impl Api {
    pub async fn fee_rates(&self) -> ApiResult<Vec<FeeRate>> {
        Ok(self.store.fee_rates().await?)
    }

    /// Sets the fee for one year and membership type; returns all rates.
    pub async fn fee_rate_set(&self, rate: FeeRate) -> ApiResult<Vec<FeeRate>> {
        let mut tx = self.begin().await?;
        let types = tx.membership_types().await?;
        let codes: Vec<&str> = types.iter().map(|t| t.code.as_str()).collect();
        validate_fee_rate(&rate, &codes).map_err(ApiError::validation)?;
        tx.set_fee_rate(&rate).await?;
        tx.commit().await?;
        self.fee_rates().await
    }

    /// Records a fee payment from a member, booked on the fee line of the fiscal year it was
    /// paid in (on the cash, MobilePay or bank account, as it was paid).
    pub async fn fee_pay(&self, input: PaymentInput) -> ApiResult<Payment> {
        validate_payment(&input, self.clock.today()).map_err(ApiError::validation)?;
        let mut tx = self.begin().await?;
        let member = tx
            .member(input.member_id)
            .await
            .map_err(|e| ApiError::from_store(e, "Medlemmet"))?;
        let payment = Payment {
            id: PaymentId::new(),
            member_id: input.member_id,
            year: input.year,
            paid_on: input.paid_on.unwrap_or_else(|| self.clock.today()),
            amount: input.amount,
            method: input.method,
            voucher_no: input
                .voucher_no
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty()),
        };
        tx.insert_payment(&payment).await?;
        // One truth: the payment is in the books as it is on the member.
        let accounts = tx.accounts().await?;
        let account = kvorum_core::accounts::account_for_method(&accounts, payment.method);
        let booked = Self::book_fee_in(&mut tx, &payment, &member, account).await?;
        let payment = Payment {
            voucher_no: payment.voucher_no.clone().or(Some(booked.voucher_no)),
            ..payment
        };
        tx.commit().await?;
        Ok(payment)
    }

    /// Takes back a payment registered by mistake: it no longer counts for the fee or the
    /// vote, and the audit log keeps it with the reason. Returns the member's payments.
    pub async fn fee_payment_reverse(&self, reversal: PaymentReversal) -> ApiResult<Vec<Payment>> {
        let reason = reversal.reason.trim();
        if reason.is_empty() {
            let mut e = FieldErrors::default();
            e.push("reason", Text::new("payment-reverse-reason"));
            return Err(ApiError::validation(e));
        }
        let mut tx = self.begin().await?;
        let payment = tx
            .payments(Some(reversal.member))
            .await?
            .into_iter()
            .find(|p| p.id == reversal.payment)
            .ok_or_else(|| ApiError::not_found("Betalingen"))?;
        Self::unbook_fee_in(&mut tx, payment.id).await?;
        tx.reverse_payment(&payment, reason)
            .await
            .map_err(|e| ApiError::from_store(e, "Betalingen"))?;
        tx.commit().await?;
        Ok(self.store.payments(Some(reversal.member)).await?)
    }
}
