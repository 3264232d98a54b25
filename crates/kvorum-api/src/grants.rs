//! Grants and operating agreements, the overview of where the money stands (per line and per
//! grant, with the grant's spending against an even pace), anonymous visitor counts and the
//! social frikort.

use chrono::{Datelike, NaiveDate};
use kvorum_core::budget::{audit_level, frikort_check, line_status, LineKind, LineStatus};
use kvorum_core::grants::{
    deadline_reminders, instalment_schedule, instalments_received, validate_frikort_job,
    validate_goal_status, validate_grant, validate_visit, validate_worker_name, visit_summary,
    Agreement, FrikortJob, FrikortWorker, GoalState, GoalStatus, Grant, GrantKind, InKind,
    InstalmentView, PacePoint, ReportDeadline, VisitSummary, VisitTally,
};
use kvorum_core::ids::{FrikortJobId, FrikortWorkerId, GrantId};
use kvorum_core::{FieldErrors, Money};
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
    pub audit_level: String,
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

impl Api {
    /// Every grant and where it stands in the fiscal year `year` on `on` (default today).
    pub async fn grants_list(&self, year: i32, on: Option<NaiveDate>) -> ApiResult<Vec<GrantView>> {
        let (from, to) = self.fiscal_bounds(year).await?;
        let on = on.unwrap_or_else(|| self.clock.today());
        let books = self.books(year).await?;
        Ok(books
            .grants
            .iter()
            .map(|g| grant_view(g, &books, year, from, to, on))
            .collect())
    }

    pub async fn grant_get(&self, id: GrantId, year: i32) -> ApiResult<GrantView> {
        self.grants_list(year, None)
            .await?
            .into_iter()
            .find(|g| g.grant.id == id)
            .ok_or_else(|| ApiError::not_found("Tilskuddet"))
    }

    /// Creates or changes a grant (with its agreement, goals, deadlines and in-kind parts).
    pub async fn grant_save(&self, input: GrantInput) -> ApiResult<Grant> {
        self.require_association().await?;
        let instalments = if input.instalments.is_empty() && input.amount_per_year.0 > 0 {
            instalment_schedule(
                input.starts_on,
                input.ends_on,
                input.amount_per_year,
                input.instalments_per_year.unwrap_or(4),
            )
        } else {
            input.instalments.clone()
        };
        let mut g = Grant {
            id: input.id.unwrap_or_default(),
            name: input.name.trim().to_owned(),
            grantor: input.grantor.trim().to_owned(),
            kind: input.kind,
            starts_on: input.starts_on,
            ends_on: input.ends_on,
            amount_per_year: input.amount_per_year,
            purpose: input.purpose.trim().to_owned(),
            conditions: input.conditions.trim().to_owned(),
            instalments,
            deadlines: input.deadlines.clone(),
            agreement: input.agreement.clone(),
            in_kind: input.in_kind.clone(),
            version: 1,
        };
        validate_grant(&g).map_err(ApiError::validation)?;
        let before = match input.id {
            None => None,
            Some(id) => {
                let before = self
                    .store
                    .grants()
                    .await?
                    .into_iter()
                    .find(|x| x.id == id)
                    .ok_or_else(|| ApiError::not_found("Tilskuddet"))?;
                if before.version != input.version {
                    return Err(ApiError::conflict("Tilskuddet"));
                }
                g.keep_history_from(&before);
                g.version = before.version + 1;
                Some(before)
            }
        };
        let mut tx = self.begin().await?;
        match &before {
            Some(before) => tx
                .update_grant(before, &g)
                .await
                .map_err(|e| ApiError::from_store(e, "Tilskuddet"))?,
            None => tx.insert_grant(&g).await?,
        }
        tx.commit().await?;
        Ok(g)
    }

    /// Adds a status entry to a development goal (the history is kept for the report).
    pub async fn grant_goal_status(&self, input: GoalStatusInput) -> ApiResult<Grant> {
        let mut g = self
            .store
            .grants()
            .await?
            .into_iter()
            .find(|x| x.id == input.grant)
            .ok_or_else(|| ApiError::not_found("Tilskuddet"))?;
        if g.version != input.version {
            return Err(ApiError::conflict("Tilskuddet"));
        }
        let before = g.clone();
        let goal = g
            .agreement
            .as_mut()
            .and_then(|a| {
                a.goals
                    .get_mut(usize::try_from(input.goal).unwrap_or(usize::MAX))
            })
            .ok_or_else(|| ApiError::not_found("Udviklingsmålet"))?;
        validate_goal_status(input.state, &input.note).map_err(ApiError::validation)?;
        let entry = GoalStatus {
            on: input.on,
            state: input.state,
            note: input.note.trim().to_owned(),
        };
        goal.statuses.push(entry.clone());
        goal.statuses.sort_by_key(|s| s.on);
        g.version += 1;
        let mut tx = self.begin().await?;
        tx.update_grant(&before, &g)
            .await
            .map_err(|e| ApiError::from_store(e, "Tilskuddet"))?;
        tx.commit().await?;
        Ok(g)
    }

    /// Where the money stands in `year` on `on`: every budget line, every grant, the visitors.
    pub async fn overview(&self, year: i32, on: Option<NaiveDate>) -> ApiResult<Overview> {
        let on = on.unwrap_or_else(|| self.clock.today());
        let budget = self.budget_get(year, Some(on)).await?;
        let grants = self.grants_list(year, Some(on)).await?;
        let visits = self.visits_get(year).await?.summary;
        let in_kind_value = Money(grants.iter().map(|g| g.in_kind_value.0).sum());
        let reminders = grants
            .iter()
            .flat_map(|g| g.reminders.iter().cloned())
            .collect();
        Ok(Overview {
            budget,
            grants,
            visits,
            in_kind_value,
            reminders,
        })
    }

    /// The visitor counts of a calendar year and the year before.
    pub async fn visits_get(&self, year: i32) -> ApiResult<VisitsView> {
        self.require_association().await?;
        let from = NaiveDate::from_ymd_opt(year - 1, 1, 1).unwrap_or_default();
        let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        let all = self.store.visit_tallies(from, to).await?;
        let pairs: Vec<(NaiveDate, u32)> = all.iter().map(|t| (t.day, t.visitors)).collect();
        let days = all
            .iter()
            .filter(|t| !t.whole_month && t.day.year() == year)
            .count();
        let tallies = all.into_iter().filter(|t| t.day.year() == year).collect();
        Ok(VisitsView {
            summary: visit_summary(year, &pairs, u32::try_from(days).unwrap_or(0)),
            tallies,
        })
    }

    /// Sets the number of visitors on a day, or for a whole month (numbers only, never names).
    pub async fn visits_set(&self, tally: VisitTally) -> ApiResult<VisitsView> {
        self.require_association().await?;
        let today = self.clock.today();
        let mut t = tally;
        if t.whole_month {
            t.day = t.day.with_day(1).unwrap_or(t.day);
        }
        validate_visit(&t, today).map_err(ApiError::validation)?;
        let mut tx = self.begin().await?;
        tx.set_visit_tally(&t).await?;
        tx.commit().await?;
        self.visits_get(t.day.year()).await
    }

    /// The frikort workers with their jobs in `year` against the year's tax-free cap.
    pub async fn frikort_get(&self, year: i32) -> ApiResult<FrikortView> {
        self.require_association().await?;
        let (cap, cap_assumed) = self.frikort_cap(year).await?;
        let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
        let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        let jobs = self.store.frikort_jobs(from, to).await?;
        let workers: Vec<FrikortWorkerView> = self
            .store
            .frikort_workers()
            .await?
            .into_iter()
            .map(|w| {
                let mine: Vec<FrikortJob> =
                    jobs.iter().filter(|j| j.worker == w.id).cloned().collect();
                let earned = Money(mine.iter().map(|j| j.amount.0).sum());
                let check = frikort_check(earned, Money(0), cap);
                FrikortWorkerView {
                    worker: w,
                    jobs: mine,
                    earned,
                    left: Money((cap.0 - earned.0).max(0)),
                    warning: match check {
                        Ok(c) => c.warning,
                        Err(e) => Some(e),
                    },
                }
            })
            .collect();
        let total = Money(workers.iter().map(|w| w.earned.0).sum());
        Ok(FrikortView {
            year,
            cap,
            cap_assumed,
            workers,
            total,
        })
    }

    async fn frikort_cap(&self, year: i32) -> ApiResult<(Money, bool)> {
        if let Some(c) = self.store.frikort_cap(year).await? {
            return Ok((c, false));
        }
        for y in (year - 5..year).rev() {
            if let Some(c) = self.store.frikort_cap(y).await? {
                return Ok((c, true));
            }
        }
        Ok((FRIKORT_CAP_2025, year != 2025))
    }

    pub async fn frikort_set_cap(&self, year: i32, cap: Money) -> ApiResult<FrikortView> {
        self.require_association().await?;
        if cap.0 <= 0 {
            return Err(ApiError::validation(FieldErrors::one(
                "cap",
                "Skriv årets skattefri grænse, fx 42.766,00 kr. for 2025.",
            )));
        }
        let mut tx = self.begin().await?;
        tx.set_frikort_cap(year, cap).await?;
        tx.commit().await?;
        self.frikort_get(year).await
    }

    /// Registers a house user who takes paid frikort jobs: the name only.
    pub async fn frikort_add_worker(&self, name: String) -> ApiResult<FrikortWorker> {
        self.require_association().await?;
        validate_worker_name(&name).map_err(ApiError::validation)?;
        let name = name.trim().to_owned();
        let w = FrikortWorker {
            id: FrikortWorkerId::new(),
            name,
        };
        let mut tx = self.begin().await?;
        tx.insert_frikort_worker(&w).await?;
        tx.commit().await?;
        Ok(w)
    }

    /// Records a paid job; refused when it would take the year's earnings past the cap.
    pub async fn frikort_add_job(&self, input: FrikortJobInput) -> ApiResult<FrikortView> {
        let year = input.worked_on.year();
        let view = self.frikort_get(year).await?;
        let w = view
            .workers
            .iter()
            .find(|w| w.worker.id == input.worker)
            .ok_or_else(|| ApiError::not_found("Frikort-medarbejderen"))?;
        validate_frikort_job(&input.description, input.amount).map_err(ApiError::validation)?;
        frikort_check(w.earned, input.amount, view.cap)
            .map_err(|m| ApiError::validation(FieldErrors::one("amount", m)))?;
        let j = FrikortJob {
            id: FrikortJobId::new(),
            worker: input.worker,
            worked_on: input.worked_on,
            description: input.description.trim().to_owned(),
            amount: input.amount,
        };
        let mut tx = self.begin().await?;
        tx.insert_frikort_job(&j).await?;
        tx.commit().await?;
        self.frikort_get(year).await
    }
}

/// A grant in a fiscal year: money received, instalments, spending on its lines and pace.
pub(crate) fn grant_view(
    g: &Grant,
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
            spent: Money(
                -mine
                    .iter()
                    .filter(|b| b.line == Some(l.id))
                    .map(|b| b.amount.0)
                    .sum::<i64>(),
            ),
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
        audit_level: audit_level(g.amount_per_year).to_owned(),
        year,
        year_amount,
        received: Money(receipts.iter().map(|(_, m)| m.0).sum()),
        instalments,
        reminders,
        spending,
        funded_lines,
        pace,
        in_kind_value: Money(g.in_kind.iter().map(|k| k.value_per_year.0).sum()),
        grant: g.clone(),
    }
}
