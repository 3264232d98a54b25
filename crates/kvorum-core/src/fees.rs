//! Membership fees (kontingent): rates per year and type, payments, and arrears —
//! which are always computed from those two, never stored.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{MemberId, PaymentId};
use crate::members::Member;
use crate::money::Money;
use crate::text::Text;
use crate::validation::FieldErrors;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PaymentMethod {
    MobilePay,
    BankTransfer,
    Cash,
    Other,
}

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 4] = [
        PaymentMethod::MobilePay,
        PaymentMethod::BankTransfer,
        PaymentMethod::Cash,
        PaymentMethod::Other,
    ];
    pub fn code(self) -> &'static str {
        match self {
            PaymentMethod::MobilePay => "mobilepay",
            PaymentMethod::BankTransfer => "bank",
            PaymentMethod::Cash => "cash",
            PaymentMethod::Other => "other",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == s)
    }
    pub fn label_da(self) -> &'static str {
        match self {
            PaymentMethod::MobilePay => "MobilePay",
            PaymentMethod::BankTransfer => "Bankoverførsel",
            PaymentMethod::Cash => "Kontant",
            PaymentMethod::Other => "Andet",
        }
    }
}

/// The fee for one membership type in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeeRate {
    pub year: i32,
    pub membership_type: String,
    pub amount: Money,
}

/// One fee payment by one member for one fee year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub id: PaymentId,
    pub member_id: MemberId,
    /// The fee year the payment covers (not necessarily the year it was paid in).
    pub year: i32,
    pub paid_on: NaiveDate,
    pub amount: Money,
    pub method: PaymentMethod,
    pub voucher_no: Option<String>,
}

/// What the treasurer types when a member pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaymentInput {
    pub member_id: MemberId,
    pub year: i32,
    pub paid_on: Option<NaiveDate>,
    pub amount: Money,
    pub method: PaymentMethod,
    pub voucher_no: Option<String>,
}

pub fn validate_payment(input: &PaymentInput, today: NaiveDate) -> Result<(), FieldErrors> {
    let mut errs = FieldErrors::default();
    if !(1900..=2200).contains(&input.year) {
        errs.push("year", Text::new("fee-year-invalid"));
    }
    match input.paid_on {
        None => errs.push("paidOn", Text::new("payment-date-missing")),
        Some(d) if d > today => errs.push("paidOn", Text::new("payment-date-future")),
        Some(d) if !crate::dates::plausible(d) => {
            errs.push("paidOn", Text::new("date-out-of-range"))
        }
        Some(_) => {}
    }
    if !input.amount.within_limit() {
        errs.push("amount", Text::new("amount-over-limit"));
    } else if input.amount.0 <= 0 {
        errs.push("amount", Text::new("payment-amount-not-positive"));
    }
    if input
        .voucher_no
        .as_deref()
        .is_some_and(|v| v.chars().count() > 40)
    {
        errs.push("voucherNo", Text::new("payment-voucher-too-long"));
    }
    errs.into_result(|| ())
}

/// A fee rate as set: a real year, not negative, for one of the association's membership
/// types (`type_codes`, the codes of its types).
pub fn validate_fee_rate(rate: &FeeRate, type_codes: &[&str]) -> Result<(), FieldErrors> {
    let mut errs = FieldErrors::default();
    if !type_codes.contains(&rate.membership_type.as_str()) {
        errs.push("membershipType", Text::new("fee-type-unknown"));
    }
    if !(1900..=2200).contains(&rate.year) {
        errs.push("year", Text::new("fee-rate-year-invalid"));
    }
    if !rate.amount.within_limit() {
        errs.push("amount", Text::new("amount-over-limit"));
    } else if rate.amount.0 < 0 {
        errs.push("amount", Text::new("fee-rate-negative"));
    }
    errs.into_result(|| ())
}

/// A member's fee position for one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum FeeStatus {
    /// Not a member in that year.
    NotMember,
    /// No fee is due: no rate set for the type, or the rate is 0 (e.g. honorary members).
    NoFee,
    Paid {
        due: Money,
        paid: Money,
    },
    PartlyPaid {
        due: Money,
        paid: Money,
    },
    Unpaid {
        due: Money,
    },
}

/// Whether a fee position is what a member list's fee filter asks for: settled (paid, or
/// nothing due) or in arrears.
pub fn matches_fee_filter(status: FeeStatus, filter: crate::members::FeeFilter) -> bool {
    if filter.paid {
        status.is_settled()
    } else {
        status.in_arrears()
    }
}

impl FeeStatus {
    pub fn in_arrears(self) -> bool {
        matches!(
            self,
            FeeStatus::PartlyPaid { .. } | FeeStatus::Unpaid { .. }
        )
    }
    /// Paid, or nothing was due.
    pub fn is_settled(self) -> bool {
        matches!(self, FeeStatus::Paid { .. } | FeeStatus::NoFee)
    }
    /// A short Danish label for a list column: "Betalt", "Ikke betalt", "Delvist (100,00)".
    pub fn label_da(self) -> String {
        match self {
            FeeStatus::NotMember => "Ikke medlem".into(),
            FeeStatus::NoFee => "Intet kontingent".into(),
            FeeStatus::Paid { .. } => "Betalt".into(),
            FeeStatus::PartlyPaid { paid, .. } => format!("Delvist ({})", paid.format_number()),
            FeeStatus::Unpaid { .. } => "Ikke betalt".into(),
        }
    }

    /// A Danish sentence, e.g. for the member detail or the minutes.
    pub fn describe_da(self, year: i32) -> String {
        match self {
            FeeStatus::NotMember => format!("Ikke medlem i {year}"),
            FeeStatus::NoFee => format!("Intet kontingent for {year}"),
            FeeStatus::Paid { .. } => format!("Kontingent for {year} er betalt"),
            FeeStatus::PartlyPaid { due, paid } => format!(
                "Kontingent for {year} er delvist betalt ({} af {})",
                paid.format_dkk(),
                due.format_dkk()
            ),
            FeeStatus::Unpaid { .. } => format!("Kontingent for {year} er ikke betalt"),
        }
    }
}

/// The fee status of `member` for `year`, from the rates and the member's payments.
pub fn fee_status(
    member: &Member,
    year: i32,
    rates: &[FeeRate],
    payments: &[Payment],
) -> FeeStatus {
    if !member.active_in_year(year) {
        return FeeStatus::NotMember;
    }
    let due = rates
        .iter()
        .find(|r| r.year == year && r.membership_type == member.membership_type)
        .map(|r| r.amount)
        .unwrap_or(Money::ZERO);
    if due.0 <= 0 {
        return FeeStatus::NoFee;
    }
    let paid: Money = payments
        .iter()
        .filter(|p| p.member_id == member.id && p.year == year)
        .map(|p| p.amount)
        .sum();
    if paid >= due {
        FeeStatus::Paid { due, paid }
    } else if paid.0 > 0 {
        FeeStatus::PartlyPaid { due, paid }
    } else {
        FeeStatus::Unpaid { due }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::{builtin_membership_types, validate_member, MemberInput};
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn member(kind: &str, joined: NaiveDate, left: Option<NaiveDate>) -> Member {
        let i = MemberInput {
            name: "Karin".into(),
            joined_on: Some(joined),
            left_on: left,
            membership_type: kind.into(),
            ..Default::default()
        };
        validate_member(&i, &builtin_membership_types(), day(2026, 11, 22))
            .unwrap()
            .into_member(MemberId::new(), 1, 1)
    }

    fn pay(m: &Member, year: i32, kr: i64) -> Payment {
        Payment {
            id: PaymentId::new(),
            member_id: m.id,
            year,
            paid_on: day(year, 2, 1),
            amount: Money::from_kr(kr),
            method: PaymentMethod::MobilePay,
            voucher_no: None,
        }
    }

    fn rates() -> Vec<FeeRate> {
        vec![
            FeeRate {
                year: 2026,
                membership_type: "ordinary".into(),
                amount: Money::from_kr(150),
            },
            FeeRate {
                year: 2026,
                membership_type: "honorary".into(),
                amount: Money::ZERO,
            },
        ]
    }

    #[test]
    fn arrears_follow_from_rates_and_payments() {
        let m = member("ordinary", day(2025, 5, 1), None);
        assert_eq!(
            fee_status(&m, 2026, &rates(), &[]),
            FeeStatus::Unpaid {
                due: Money::from_kr(150)
            }
        );
        let part = [pay(&m, 2026, 100)];
        assert!(fee_status(&m, 2026, &rates(), &part).in_arrears());
        let full = [pay(&m, 2026, 100), pay(&m, 2026, 50)];
        assert!(fee_status(&m, 2026, &rates(), &full).is_settled());
        assert_eq!(
            fee_status(&m, 2026, &rates(), &full).describe_da(2026),
            "Kontingent for 2026 er betalt"
        );
        // a payment for another year does not count
        assert!(fee_status(&m, 2026, &rates(), &[pay(&m, 2025, 150)]).in_arrears());
        // no rate set for 2027: nothing due
        assert_eq!(fee_status(&m, 2027, &rates(), &[]), FeeStatus::NoFee);
    }

    #[test]
    fn honorary_and_former_members_owe_nothing() {
        let h = member("honorary", day(2020, 1, 1), None);
        assert_eq!(fee_status(&h, 2026, &rates(), &[]), FeeStatus::NoFee);
        let gone = member("ordinary", day(2020, 1, 1), Some(day(2025, 6, 30)));
        assert_eq!(fee_status(&gone, 2026, &rates(), &[]), FeeStatus::NotMember);
        let later = member("ordinary", day(2027, 1, 1), None);
        assert_eq!(
            fee_status(&later, 2026, &rates(), &[]),
            FeeStatus::NotMember
        );
    }

    proptest! {
        #[test]
        fn paid_exactly_when_sum_reaches_due(amounts in proptest::collection::vec(1i64..20_000, 0..6), due in 1i64..50_000) {
            let m = member("ordinary", day(2020, 1, 1), None);
            let r = [FeeRate { year: 2026, membership_type: "ordinary".into(), amount: Money(due) }];
            let ps: Vec<Payment> = amounts.iter().map(|a| Payment { amount: Money(*a), ..pay(&m, 2026, 0) }).collect();
            let total: i64 = amounts.iter().sum();
            let st = fee_status(&m, 2026, &r, &ps);
            prop_assert_eq!(st.is_settled(), total >= due);
            prop_assert_eq!(st.in_arrears(), total < due);
        }
    }
}
