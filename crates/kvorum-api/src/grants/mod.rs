//! Grants and operating agreements, the overview of where the money stands (per line and per
//! grant, with the grant's spending against an even pace), anonymous visitor counts and the
//! social frikort.

mod agreements;
mod visits;

use chrono::{Datelike, NaiveDate};
use kvorum_core::budget::{frikort_check, line_status, LineKind, LineStatus};
use kvorum_core::grants::{
    deadline_reminders, instalment_schedule, instalments_received, validate_frikort_job,
    validate_goal_status, validate_grant, validate_visit, validate_worker_name, visit_summary,
    Agreement, FrikortJob, FrikortWorker, GoalState, GoalStatus, Grant, GrantKind, InKind,
    InstalmentView, PacePoint, ReportDeadline, VisitSummary, VisitTally,
};
use kvorum_core::grants::{AuditLevel, GrantorRule};
use kvorum_core::ids::{FrikortJobId, FrikortWorkerId, GrantId};
use kvorum_core::text::Text;
use kvorum_core::{FieldErrors, Money};
use kvorum_store::Reader;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::budget::{Books, BudgetView};
use crate::{Api, ApiError, ApiResult};

/// The frikort's tax-free cap in 2025 (indexed each 1 January; set the year's own in the app).
pub const FRIKORT_CAP_2025: Money = Money(4_276_600);

/// What the treasurer types for a grant. Without instalments, `instalments_per_year` (1, 2, 4
/// or 12) makes the schedule from the period and the yearly amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GrantInput {
    pub id: Option<GrantId>,
    #[ts(type = "number")]
    pub version: i64,
    pub name: String,
    pub grantor: String,
    pub kind: GrantKind,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub amount_per_year: Money,
    pub purpose: String,
    pub conditions: String,
    pub instalments_per_year: Option<u32>,
    pub instalments: Vec<kvorum_core::grants::Instalment>,
    pub deadlines: Vec<ReportDeadline>,
    pub agreement: Option<Agreement>,
    pub in_kind: Vec<InKind>,
}

/// A development goal's new status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalStatusInput {
    pub grant: GrantId,
    #[ts(type = "number")]
    pub version: i64,
    /// The goal's place in the agreement (0 = the first).
    pub goal: u32,
    pub on: NaiveDate,
    pub state: GoalState,
    pub note: String,
}

/// A budget line funded by the grant, with what it has spent in the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FundedLine {
    pub name: String,
    pub budgeted: Money,
    pub spent: Money,
}

/// A grant and where it stands in a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GrantView {
    pub grant: Grant,
    pub kind_label: String,
    /// The audit the grant calls for under its grantor's rule, and that rule.
    pub audit: AuditLevel,
    pub audit_level: String,
    pub rule: GrantorRule,
    pub year: i32,
    /// The grant's money for the fiscal year (prorated for part of a year).
    pub year_amount: Money,
    /// Received from the grantor in the fiscal year.
    pub received: Money,
    pub instalments: Vec<InstalmentView>,
    pub reminders: Vec<String>,
    /// Spending on the grant against its money for the year.
    pub spending: LineStatus,
    pub funded_lines: Vec<FundedLine>,
    pub pace: Vec<PacePoint>,
    pub in_kind_value: Money,
}

/// Where the money stands: the budget, every grant, the visitor counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    pub budget: BudgetView,
    pub grants: Vec<GrantView>,
    pub visits: VisitSummary,
    /// In-kind contributions' estimated value per year, shown apart from money.
    pub in_kind_value: Money,
    pub reminders: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitsView {
    pub summary: VisitSummary,
    pub tallies: Vec<VisitTally>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrikortWorkerView {
    pub worker: FrikortWorker,
    pub jobs: Vec<FrikortJob>,
    pub earned: Money,
    pub left: Money,
    pub warning: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrikortView {
    pub year: i32,
    pub cap: Money,
    /// Not set for the year: the latest year's cap is used until the treasurer sets it.
    pub cap_assumed: bool,
    pub workers: Vec<FrikortWorkerView>,
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrikortJobInput {
    pub worker: FrikortWorkerId,
    pub worked_on: NaiveDate,
    pub description: String,
    pub amount: Money,
}

/// A grant in a fiscal year: money received, instalments, spending on its lines and pace.
pub(crate) fn grant_view(
    g: &Grant,
    rule: &GrantorRule,
    books: &Books,
    year: i32,
    from: NaiveDate,
    to: NaiveDate,
    on: NaiveDate,
) -> GrantView {
    let year_amount = g.amount_in(from, to);
    let mine: Vec<&kvorum_core::budget::Booking> = books
        .bookings
        .iter()
        .filter(|b| books.grant_of(b) == Some(g.id) && b.booked_on <= on)
        .collect();
    let receipts: Vec<(NaiveDate, Money)> = mine
        .iter()
        .filter(|b| b.amount.0 > 0)
        .map(|b| (b.booked_on, b.amount))
        .collect();
    let spent: Vec<(NaiveDate, Money)> = mine
        .iter()
        .filter(|b| b.amount.0 < 0)
        .map(|b| (b.booked_on, b.amount))
        .collect();
    let instalments = instalments_received(&g.instalments_in(from, to), &receipts, on);
    let spending = line_status(LineKind::Expense, year_amount, &spent, from, to, on);
    let pace = kvorum_core::grants::pace_series(
        from,
        to,
        year_amount,
        &spent
            .iter()
            .map(|(d, m)| (*d, Money(-m.0)))
            .collect::<Vec<_>>(),
        on,
    );
    let funded_lines = books
        .lines
        .iter()
        .filter(|l| l.grant == Some(g.id) && l.kind == LineKind::Expense)
        .map(|l| FundedLine {
            name: l.name.clone(),
            budgeted: l.amount,
            spent: Money::ZERO
                - mine
                    .iter()
                    .filter(|b| b.line == Some(l.id))
                    .map(|b| b.amount)
                    .sum::<Money>(),
        })
        .collect();
    let mut reminders = deadline_reminders(&g.grantor, &g.deadlines, on, 30);
    if let Some(next) = g.agreement.as_ref().and_then(|a| a.next_revision) {
        let days = (next - on).num_days();
        if (0..=90).contains(&days) {
            reminders.push(format!(
                "Driftsaftalen med {} skal genforhandles senest {}.",
                g.grantor,
                kvorum_core::dates::format_date(next)
            ));
        }
    }
    GrantView {
        kind_label: g.kind.label_da().to_owned(),
        audit: rule.level(g.amount_per_year),
        audit_level: rule.level(g.amount_per_year).label_da().to_owned(),
        rule: rule.clone(),
        year,
        year_amount,
        received: receipts.iter().map(|(_, m)| *m).sum(),
        instalments,
        reminders,
        spending,
        funded_lines,
        pace,
        in_kind_value: g.in_kind.iter().map(|k| k.value_per_year).sum(),
        grant: g.clone(),
    }
}
