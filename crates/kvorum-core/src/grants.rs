//! Grants and operating agreements: who gives what for which period, the instalments and the
//! payments actually received against them, reporting deadlines with reminders, development
//! goals with their status over time, in-kind contributions (shown apart from money), a
//! grant's spending against an even pace, and the anonymous visitor counts reported with it.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates::format_date;
use crate::ids::{FrikortJobId, FrikortWorkerId, GrantId};
use crate::money::Money;
use crate::text::Text;
use crate::FieldErrors;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum GrantKind {
    /// Driftstilskud under a driftsaftale.
    Operating,
    Activity,
    /// Serviceloven § 18.
    Section18,
    Foundation,
    InKind,
}

impl GrantKind {
    pub fn label_da(self) -> &'static str {
        match self {
            GrantKind::Operating => "Driftstilskud (driftsaftale)",
            GrantKind::Activity => "Aktivitetstilskud",
            GrantKind::Section18 => "§ 18-tilskud",
            GrantKind::Foundation => "Fondsbevilling",
            GrantKind::InKind => "Tilskud i naturalier",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            GrantKind::Operating => "operating",
            GrantKind::Activity => "activity",
            GrantKind::Section18 => "section18",
            GrantKind::Foundation => "foundation",
            GrantKind::InKind => "inKind",
        }
    }

    pub fn from_code(s: &str) -> Option<GrantKind> {
        [
            GrantKind::Operating,
            GrantKind::Activity,
            GrantKind::Section18,
            GrantKind::Foundation,
            GrantKind::InKind,
        ]
        .into_iter()
        .find(|k| k.code().eq_ignore_ascii_case(s.trim()))
    }
}

/// One payment the grantor has promised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Instalment {
    pub due: NaiveDate,
    pub amount: Money,
}

/// A report the grantor expects, e.g. "Årsrapport og regnskab" by 31 March.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportDeadline {
    pub due: NaiveDate,
    pub what: String,
    pub done_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum GoalState {
    OnTrack,
    Behind,
    Met,
}

impl GoalState {
    pub fn label_da(self) -> &'static str {
        match self {
            GoalState::OnTrack => "På vej",
            GoalState::Behind => "Bagud",
            GoalState::Met => "Nået",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalStatus {
    pub on: NaiveDate,
    pub state: GoalState,
    pub note: String,
}

/// A development goal of an operating agreement, with its status entries oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Goal {
    pub description: String,
    pub target: String,
    pub statuses: Vec<GoalStatus>,
}

impl Goal {
    pub fn latest(&self) -> Option<&GoalStatus> {
        self.statuses.iter().max_by_key(|s| s.on)
    }
}

/// The operating agreement behind an operating grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    /// e.g. "Guldborgsund Kommune og Foreningen Perronen".
    pub parties: String,
    /// Revised every this many years.
    pub revision_years: u32,
    pub next_revision: Option<NaiveDate>,
    pub goals: Vec<Goal>,
}

/// Free buildings or coordinator hours, with an estimated value per year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InKind {
    pub description: String,
    /// Coordinator hours per week, where that is what is given.
    pub hours_per_week: Option<u32>,
    pub value_per_year: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Grant {
    pub id: GrantId,
    /// A short name for lists, e.g. "Driftstilskud 2026–27".
    pub name: String,
    pub grantor: String,
    pub kind: GrantKind,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Money per year (0 for a grant only in kind).
    pub amount_per_year: Money,
    pub purpose: String,
    pub conditions: String,
    pub instalments: Vec<Instalment>,
    pub deadlines: Vec<ReportDeadline>,
    pub agreement: Option<Agreement>,
    pub in_kind: Vec<InKind>,
    #[ts(type = "number")]
    pub version: i64,
}

impl Grant {
    /// The instalments due between `from` and `to`, inclusive.
    pub fn instalments_in(&self, from: NaiveDate, to: NaiveDate) -> Vec<Instalment> {
        self.instalments
            .iter()
            .filter(|i| i.due >= from && i.due <= to)
            .cloned()
            .collect()
    }

    /// Carries what an edit cannot see over from the grant as it was: the status history of
    /// goals kept (by description) and the days reports were handed in (by due date).
    pub fn keep_history_from(&mut self, before: &Grant) {
        let old_goals = before
            .agreement
            .as_ref()
            .map(|a| a.goals.as_slice())
            .unwrap_or(&[]);
        if let Some(a) = self.agreement.as_mut() {
            for goal in a.goals.iter_mut().filter(|g| g.statuses.is_empty()) {
                if let Some(old) = old_goals.iter().find(|o| o.description == goal.description) {
                    goal.statuses = old.statuses.clone();
                }
            }
        }
        for d in self.deadlines.iter_mut().filter(|d| d.done_on.is_none()) {
            d.done_on = before
                .deadlines
                .iter()
                .find(|o| o.due == d.due)
                .and_then(|o| o.done_on);
        }
    }

    /// The period as printed: "1.1.2026–31.12.2027".
    pub fn period_da(&self) -> String {
        format!(
            "{}–{}",
            format_date(self.starts_on),
            format_date(self.ends_on)
        )
    }

    /// The grant's money for the fiscal year `from..=to`: its yearly amount when the grant
    /// covers the whole year, prorated by days when it covers only part of it.
    pub fn amount_in(&self, from: NaiveDate, to: NaiveDate) -> Money {
        let a = self.starts_on.max(from);
        let b = self.ends_on.min(to);
        if b < a {
            return Money(0);
        }
        let covered = (b - a).num_days() + 1;
        let total = (to - from).num_days() + 1;
        if covered >= total {
            return self.amount_per_year;
        }
        let p = i128::from(self.amount_per_year.0) * i128::from(covered);
        Money(i64::try_from((p + i128::from(total) / 2) / i128::from(total)).unwrap_or(0))
    }
}

pub fn validate_grant(g: &Grant) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    crate::dates::check_plausible(&mut e, "startsOn", Some(g.starts_on));
    crate::dates::check_plausible(&mut e, "endsOn", Some(g.ends_on));
    if g.name.trim().is_empty() {
        e.push("name", Text::new("grant-name-missing"));
    }
    if g.grantor.trim().is_empty() {
        e.push("grantor", Text::new("grant-grantor-missing"));
    }
    if g.ends_on < g.starts_on {
        e.push("endsOn", Text::new("grant-period-backwards"));
    }
    if !g.amount_per_year.within_limit() {
        e.push("amountPerYear", Text::new("amount-over-limit"));
    } else if g.amount_per_year.0 < 0 {
        e.push("amountPerYear", Text::new("grant-amount-negative"));
    }
    if g.kind != GrantKind::InKind && g.amount_per_year.0 == 0 {
        e.push("amountPerYear", Text::new("grant-amount-missing"));
    }
    if g.instalments.iter().any(|i| !i.amount.within_limit())
        || g.in_kind.iter().any(|k| !k.value_per_year.within_limit())
    {
        e.push("instalments", Text::new("amount-over-limit"));
    }
    if g.instalments.iter().any(|i| i.amount.0 <= 0) {
        e.push("instalments", Text::new("grant-instalment-not-positive"));
    }
    if g.deadlines.iter().any(|d| d.what.trim().is_empty()) {
        e.push("deadlines", Text::new("grant-deadline-what-missing"));
    }
    if let Some(a) = &g.agreement {
        if a.revision_years == 0 {
            e.push("revisionYears", Text::new("grant-renegotiation-missing"));
        }
        if a.goals.iter().any(|x| x.description.trim().is_empty()) {
            e.push("goals", Text::new("grant-goal-text-missing"));
        }
    }
    if g.in_kind.iter().any(|k| k.description.trim().is_empty()) {
        e.push("inKind", Text::new("grant-in-kind-text-missing"));
    }
    e.into_result(|| ())
}

/// An instalment schedule: `per_year` equal payments (1, 2, 4 or 12) from the grant's start to
/// its end, each on the first day of its period; the øre left over go on the last of each year.
pub fn instalment_schedule(
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    amount_per_year: Money,
    per_year: u32,
) -> Vec<Instalment> {
    let per_year = match per_year {
        1 | 2 | 3 | 4 | 6 | 12 => per_year,
        _ => 4,
    };
    let step = 12 / per_year;
    let each = amount_per_year.0 / i64::from(per_year);
    let rest = amount_per_year.0 - each * i64::from(per_year);
    let mut out = Vec::new();
    let mut k = 0u32;
    while let Some(due) = starts_on.checked_add_months(chrono::Months::new(k * step)) {
        if due > ends_on || out.len() > 1200 {
            break;
        }
        let last_of_year = (k + 1).is_multiple_of(per_year);
        out.push(Instalment {
            due,
            amount: Money(each + if last_of_year { rest } else { 0 }),
        });
        k += 1;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum InstalmentState {
    Received,
    Partly,
    Due,
    Overdue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InstalmentView {
    pub due: NaiveDate,
    pub amount: Money,
    pub received: Money,
    /// The day the instalment was paid in full.
    pub received_on: Option<NaiveDate>,
    pub state: InstalmentState,
}

/// Matches the payments received (date, amount) against the schedule, oldest first: each
/// payment fills the earliest instalment not yet paid in full. An instalment more than 14 days
/// past due without full payment is overdue.
pub fn instalments_received(
    schedule: &[Instalment],
    receipts: &[(NaiveDate, Money)],
    today: NaiveDate,
) -> Vec<InstalmentView> {
    let mut receipts: Vec<(NaiveDate, Money)> =
        receipts.iter().filter(|(_, m)| m.0 > 0).copied().collect();
    receipts.sort_by_key(|(d, _)| *d);
    let mut pool = receipts.into_iter();
    let mut carry: Option<(NaiveDate, i64)> = None;
    let mut out = Vec::with_capacity(schedule.len());
    for i in schedule {
        let mut got = 0i64;
        let mut on = None;
        while got < i.amount.0 {
            let (d, left) = match carry.take() {
                Some(c) => c,
                None => match pool.next() {
                    Some((d, m)) => (d, m.0),
                    None => break,
                },
            };
            let take = left.min(i.amount.0 - got);
            got += take;
            if got == i.amount.0 {
                on = Some(d);
            }
            if left > take {
                carry = Some((d, left - take));
            }
        }
        let state = if got >= i.amount.0 {
            InstalmentState::Received
        } else if today > i.due + chrono::Duration::days(14) {
            InstalmentState::Overdue
        } else if got > 0 {
            InstalmentState::Partly
        } else {
            InstalmentState::Due
        };
        out.push(InstalmentView {
            due: i.due,
            amount: i.amount,
            received: Money(got),
            received_on: on,
            state,
        });
    }
    out
}

/// Reminders for reports due within `within_days` or overdue, nearest first:
/// "Årsrapport til Guldborgsund Kommune: frist 31.03.2027 (om 12 dage)."
pub fn deadline_reminders(
    grantor: &str,
    deadlines: &[ReportDeadline],
    today: NaiveDate,
    within_days: i64,
) -> Vec<String> {
    let mut open: Vec<&ReportDeadline> = deadlines
        .iter()
        .filter(|d| d.done_on.is_none() && (d.due - today).num_days() <= within_days)
        .collect();
    open.sort_by_key(|d| d.due);
    open.into_iter()
        .map(|d| {
            let days = (d.due - today).num_days();
            let when = match days {
                0 => "i dag".to_owned(),
                1 => "i morgen".to_owned(),
                n if n > 1 => format!("om {n} dage"),
                -1 => "overskredet med 1 dag".to_owned(),
                n => format!("overskredet med {} dage", -n),
            };
            format!(
                "{} til {grantor}: frist {} ({when}).",
                d.what.trim(),
                format_date(d.due)
            )
        })
        .collect()
}

/// One month of a grant's spending against an even pace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PacePoint {
    /// The month's last day (within the fiscal year).
    pub month_end: NaiveDate,
    /// Spent by the month's end; `None` for months not yet begun.
    pub actual: Option<Money>,
    /// An even pace: the budget × days passed / days in the year.
    pub even: Money,
}

/// The cumulative spending per month of the fiscal year `from..=to` (amounts positive), and
/// the even pace to compare it with.
pub fn pace_series(
    from: NaiveDate,
    to: NaiveDate,
    budget: Money,
    spent: &[(NaiveDate, Money)],
    today: NaiveDate,
) -> Vec<PacePoint> {
    let total = (to - from).num_days() + 1;
    let mut sorted: Vec<(NaiveDate, i64)> = spent.iter().map(|(d, m)| (*d, m.0)).collect();
    sorted.sort_by_key(|(d, _)| *d);
    let mut out = Vec::new();
    let mut month_start = from;
    let mut idx = 0;
    let mut cum = 0i64;
    while month_start <= to && out.len() < 24 {
        let next = month_start
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(to);
        let month_end = next.pred_opt().unwrap_or(to).min(to);
        while idx < sorted.len() && sorted[idx].0 <= month_end.min(today) {
            if sorted[idx].0 >= from {
                cum += sorted[idx].1;
            }
            idx += 1;
        }
        let days = (month_end - from).num_days() + 1;
        let p = i128::from(budget.0) * i128::from(days);
        let even = i64::try_from((p + i128::from(total) / 2) / i128::from(total)).unwrap_or(0);
        out.push(PacePoint {
            month_end,
            actual: (month_start <= today).then_some(Money(cum)),
            even: Money(even),
        });
        month_start = next;
    }
    out
}

/// Visitor counts for a year: per month, with last year's for the trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitSummary {
    pub year: i32,
    /// January..December.
    pub months: Vec<u32>,
    pub previous_year: Vec<u32>,
    pub total: u32,
    pub previous_total: u32,
    /// Days with a count (day entries only).
    pub days_counted: u32,
    /// "Flere besøg end sidste år: 4.210 mod 3.900 i de samme måneder (+8 %)."
    pub trend: String,
}

/// Sums counts (day, visitors) into months and compares the year with the same months of the
/// year before (only months that have counts this year).
pub fn visit_summary(year: i32, tallies: &[(NaiveDate, u32)], day_entries: u32) -> VisitSummary {
    let mut months = vec![0u32; 12];
    let mut prev = vec![0u32; 12];
    for (d, n) in tallies {
        let m = d.month0() as usize;
        if d.year() == year {
            months[m] = months[m].saturating_add(*n);
        } else if d.year() == year - 1 {
            prev[m] = prev[m].saturating_add(*n);
        }
    }
    let total: u32 = months.iter().sum();
    let previous_total: u32 = prev.iter().sum();
    let same: u32 = (0..12).filter(|m| months[*m] > 0).map(|m| prev[m]).sum();
    let trend = if total == 0 {
        format!("Ingen besøgstal for {year} endnu.")
    } else if same == 0 {
        format!(
            "{} besøg i {year}; ingen tal for de samme måneder året før.",
            thousands(total)
        )
    } else {
        let pct = ((i64::from(total) - i64::from(same)) * 100 + i64::from(same) / 2)
            .div_euclid(i64::from(same));
        let word = match pct {
            p if p > 0 => "Flere besøg end",
            p if p < 0 => "Færre besøg end",
            _ => "Lige så mange besøg som",
        };
        format!(
            "{word} året før: {} mod {} i de samme måneder ({}{pct} %).",
            thousands(total),
            thousands(same),
            if pct > 0 { "+" } else { "" }
        )
    };
    VisitSummary {
        year,
        months,
        previous_year: prev,
        total,
        previous_total,
        days_counted: day_entries,
        trend,
    }
}

fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A visitor count: a day's or a whole month's (then `day` is the month's first day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitTally {
    pub day: NaiveDate,
    pub whole_month: bool,
    pub visitors: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrikortWorker {
    pub id: FrikortWorkerId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrikortJob {
    pub id: FrikortJobId,
    pub worker: FrikortWorkerId,
    pub worked_on: NaiveDate,
    pub description: String,
    pub amount: Money,
}

/// A visitor count: for a day that has passed, and a believable number.
pub fn validate_visit(t: &VisitTally, today: NaiveDate) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    crate::dates::check_plausible(&mut e, "day", Some(t.day));
    if t.day > today {
        e.push("day", Text::new("visits-future"));
    }
    if t.visitors > 10_000 {
        e.push("visitors", Text::new("visits-too-many"));
    }
    e.into_result(|| ())
}

/// A frikort worker's name as on the wage reporting; nothing else about them is kept.
pub fn validate_worker_name(name: &str) -> Result<(), FieldErrors> {
    let n = name.trim().chars().count();
    if n == 0 || n > 80 {
        return Err(FieldErrors::one("name", Text::new("frikort-worker-name")));
    }
    Ok(())
}

/// A paid frikort job: what it was and a positive amount (the cap is checked apart).
pub fn validate_frikort_job(description: &str, amount: Money) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    if !amount.within_limit() {
        e.push("amount", Text::new("amount-over-limit"));
    } else if amount.0 <= 0 {
        e.push("amount", Text::new("frikort-job-amount-missing"));
    }
    if description.trim().is_empty() {
        e.push("description", Text::new("frikort-job-description-missing"));
    }
    e.into_result(|| ())
}

/// A goal's status needs a note saying where it stands, unless it is met.
pub fn validate_goal_status(state: GoalState, note: &str) -> Result<(), FieldErrors> {
    if note.trim().is_empty() && state != GoalState::Met {
        return Err(FieldErrors::one(
            "note",
            Text::new("goal-status-note-missing"),
        ));
    }
    Ok(())
}

pub use crate::dates::MONTHS_DA;

/// How far a grant's accounts must be audited: the grantor's rule by the grant's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AuditLevel {
    /// The board's signature is enough.
    Board,
    /// Audited by an independent, competent person (an elected auditor may be one).
    Independent,
    /// Audited by a registered or state-authorised public accountant.
    Professional,
}

impl AuditLevel {
    pub fn label_da(self) -> &'static str {
        match self {
            AuditLevel::Board => "Ingen revisionskrav: regnskabet underskrives af bestyrelsen",
            AuditLevel::Independent => "Revision ved en uafhængig, kyndig person",
            AuditLevel::Professional => {
                "Revision ved en registreret eller statsautoriseret revisor"
            }
        }
    }
}

/// What the declaration says until the grantor's own words are typed.
pub const DEFAULT_DECLARATION: &str = "Vi erklærer, at tilskuddet er anvendt til det formål, det er bevilget til, og i overensstemmelse med bevillingens vilkår, og at regnskabet er udarbejdet på grundlag af foreningens bogføring.";

/// What one grantor asks of the accounts for its grants (municipalities differ): the
/// audit by the grant's size a year, and the declaration its report carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GrantorRule {
    pub grantor: String,
    /// Up to this a year the board's signature is enough (0: every grant is audited).
    pub board_up_to: Money,
    /// Above this a year a registered or state-authorised accountant audits.
    pub professional_above: Money,
    pub declaration: String,
    #[ts(type = "number")]
    pub version: i64,
}

impl GrantorRule {
    /// The common model for public grants until the treasurer sets the grantor's own.
    pub fn default_for(grantor: &str) -> GrantorRule {
        GrantorRule {
            grantor: grantor.trim().to_owned(),
            board_up_to: Money::ZERO,
            professional_above: Money::from_kr(100_000),
            declaration: DEFAULT_DECLARATION.to_owned(),
            version: 0,
        }
    }

    /// The audit a grant of `amount_per_year` calls for under this rule.
    pub fn level(&self, amount_per_year: Money) -> AuditLevel {
        if amount_per_year.0 > self.professional_above.0 {
            AuditLevel::Professional
        } else if amount_per_year.0 > self.board_up_to.0 {
            AuditLevel::Independent
        } else {
            AuditLevel::Board
        }
    }
}

/// A grantor's name with its spacing tidied, as a rule keeps it.
pub fn tidy_grantor(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One grantor, however its name is spaced or capitalised on the grants.
pub fn grantor_key(name: &str) -> String {
    tidy_grantor(name).to_lowercase()
}

/// The grant with money in `from`..=`to` whose grantor's rule calls for the strictest audit
/// (the largest amount among equals), with that level; none when no grant calls for one.
pub fn strictest_audit<'a>(
    grants: &'a [Grant],
    rules: &[GrantorRule],
    from: NaiveDate,
    to: NaiveDate,
) -> Option<(AuditLevel, &'a Grant)> {
    grants
        .iter()
        .map(|g| {
            let amount = g.amount_in(from, to);
            (rule_for(rules, &g.grantor).level(amount), amount, g)
        })
        .filter(|(level, amount, _)| amount.0 > 0 && *level > AuditLevel::Board)
        .max_by_key(|(level, amount, _)| (*level, *amount))
        .map(|(level, _, g)| (level, g))
}

/// The rule for `grantor` among `rules`, else the default.
pub fn rule_for(rules: &[GrantorRule], grantor: &str) -> GrantorRule {
    let key = grantor_key(grantor);
    rules
        .iter()
        .find(|r| grantor_key(&r.grantor) == key)
        .cloned()
        .unwrap_or_else(|| GrantorRule::default_for(grantor))
}

pub fn validate_grantor_rule(r: &GrantorRule) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    let name = r.grantor.trim();
    if name.is_empty() {
        e.push("grantor", Text::new("grantor-required"));
    } else if name.chars().count() > 120 {
        e.push("grantor", Text::new("grantor-too-long"));
    }
    if r.board_up_to.0 < 0 {
        e.push("boardUpTo", Text::new("grantor-threshold-negative"));
    }
    if r.professional_above.0 < 0 {
        e.push("professionalAbove", Text::new("grantor-threshold-negative"));
    } else if r.professional_above.0 < r.board_up_to.0 {
        e.push("professionalAbove", Text::new("grantor-thresholds-order"));
    }
    let d = r.declaration.trim();
    if d.is_empty() {
        e.push("declaration", Text::new("grantor-declaration-required"));
    } else if d.chars().count() > 4000 {
        e.push("declaration", Text::new("grantor-declaration-too-long"));
    }
    e.into_result(|| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn each_grantor_its_own_audit_thresholds() {
        let common = GrantorRule::default_for("Københavns Kommune");
        assert_eq!(
            common.level(Money::from_kr(100_000)),
            AuditLevel::Independent
        );
        assert_eq!(common.level(Money(10_000_001)), AuditLevel::Professional);
        let strict = GrantorRule {
            board_up_to: Money::from_kr(20_000),
            professional_above: Money::from_kr(50_000),
            ..GrantorRule::default_for("Guldborgsund Kommune")
        };
        assert_eq!(strict.level(Money::from_kr(20_000)), AuditLevel::Board);
        assert_eq!(
            strict.level(Money::from_kr(20_001)),
            AuditLevel::Independent
        );
        assert_eq!(
            strict.level(Money::from_kr(60_000)),
            AuditLevel::Professional
        );
        let rules = vec![strict.clone()];
        assert_eq!(rule_for(&rules, "  guldborgsund   KOMMUNE "), strict);
        assert_eq!(
            rule_for(&rules, "Fonden").professional_above,
            Money::from_kr(100_000)
        );
        let mut bad = strict.clone();
        bad.professional_above = Money::from_kr(10_000);
        bad.declaration = " ".into();
        let e = validate_grantor_rule(&bad).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["professionalAbove", "declaration"]);
    }

    #[test]
    fn quarterly_instalments_of_three_million() {
        let s = instalment_schedule(d(2026, 1, 1), d(2027, 12, 31), Money::from_kr(3_000_000), 4);
        assert_eq!(s.len(), 8);
        assert_eq!(s[1].due, d(2026, 4, 1));
        assert!(s.iter().all(|i| i.amount == Money::from_kr(750_000)));
        let odd = instalment_schedule(d(2026, 1, 1), d(2026, 12, 31), Money(1_000_003), 4);
        assert_eq!(odd.iter().map(|i| i.amount.0).sum::<i64>(), 1_000_003);
    }

    #[test]
    fn payments_fill_instalments_in_order() {
        let s = instalment_schedule(d(2026, 1, 1), d(2026, 12, 31), Money::from_kr(3_000_000), 4);
        let v = instalments_received(
            &s,
            &[
                (d(2026, 1, 6), Money::from_kr(750_000)),
                (d(2026, 4, 3), Money::from_kr(500_000)),
                (d(2026, 4, 20), Money::from_kr(250_000)),
            ],
            d(2026, 8, 1),
        );
        assert_eq!(v[0].state, InstalmentState::Received);
        assert_eq!(v[0].received_on, Some(d(2026, 1, 6)));
        assert_eq!(v[1].received_on, Some(d(2026, 4, 20)));
        assert_eq!(v[2].state, InstalmentState::Overdue);
        assert_eq!(v[3].state, InstalmentState::Due);
    }

    #[test]
    fn reminders_for_near_and_late_reports() {
        let dl = [
            ReportDeadline {
                due: d(2027, 3, 31),
                what: "Årsrapport".into(),
                done_on: None,
            },
            ReportDeadline {
                due: d(2026, 11, 1),
                what: "Halvårsstatus".into(),
                done_on: None,
            },
            ReportDeadline {
                due: d(2026, 10, 1),
                what: "Budget".into(),
                done_on: Some(d(2026, 9, 30)),
            },
        ];
        let r = deadline_reminders("Guldborgsund Kommune", &dl, d(2026, 11, 22), 30);
        assert_eq!(
            r,
            vec![
                "Halvårsstatus til Guldborgsund Kommune: frist 01.11.2026 (overskredet med 21 dage)."
            ]
        );
        let r = deadline_reminders("Guldborgsund Kommune", &dl, d(2027, 3, 19), 30);
        assert_eq!(r.len(), 2);
        assert!(r[1].ends_with("(om 12 dage)."), "{r:?}");
    }

    #[test]
    fn even_pace_and_cumulative_spending() {
        let p = pace_series(
            d(2026, 1, 1),
            d(2026, 12, 31),
            Money::from_kr(365_000),
            &[
                (d(2026, 1, 10), Money::from_kr(20_000)),
                (d(2026, 2, 10), Money::from_kr(30_000)),
                (d(2026, 3, 10), Money::from_kr(1)),
            ],
            d(2026, 2, 20),
        );
        assert_eq!(p.len(), 12);
        assert_eq!(p[0].even, Money::from_kr(31_000));
        assert_eq!(p[0].actual, Some(Money::from_kr(20_000)));
        assert_eq!(p[1].actual, Some(Money::from_kr(50_000)));
        assert_eq!(p[2].actual, None);
        assert_eq!(p[11].even, Money::from_kr(365_000));
    }

    #[test]
    fn prorated_amount_for_a_part_year() {
        let g = Grant {
            id: GrantId::new(),
            name: "x".into(),
            grantor: "y".into(),
            kind: GrantKind::Activity,
            starts_on: d(2026, 7, 1),
            ends_on: d(2027, 6, 30),
            amount_per_year: Money::from_kr(100_000),
            purpose: String::new(),
            conditions: String::new(),
            instalments: vec![],
            deadlines: vec![],
            agreement: None,
            in_kind: vec![],
            version: 1,
        };
        assert_eq!(
            g.amount_in(d(2026, 1, 1), d(2026, 12, 31)),
            Money(5_041_096)
        );
    }

    #[test]
    fn visits_by_month_with_trend() {
        let t = [
            (d(2026, 1, 5), 40),
            (d(2026, 1, 6), 60),
            (d(2026, 2, 1), 120),
            (d(2025, 1, 1), 80),
            (d(2025, 2, 1), 120),
            (d(2025, 3, 1), 500),
        ];
        let s = visit_summary(2026, &t, 2);
        assert_eq!(s.months[0], 100);
        assert_eq!(s.total, 220);
        assert_eq!(s.previous_total, 700);
        assert_eq!(
            s.trend,
            "Flere besøg end året før: 220 mod 200 i de samme måneder (+10 %)."
        );
    }

    proptest! {
        #[test]
        fn instalments_sum_to_the_grant(kr in 1i64..10_000_000, ore in 0i64..100, n in prop::sample::select(vec![1u32, 2, 4, 12])) {
            let amount = Money(kr * 100 + ore);
            let s = instalment_schedule(d(2026, 1, 1), d(2026, 12, 31), amount, n);
            prop_assert_eq!(s.len() as u32, n);
            prop_assert_eq!(s.iter().map(|i| i.amount.0).sum::<i64>(), amount.0);
            let v = instalments_received(&s, &[(d(2026, 6, 1), amount)], d(2027, 1, 1));
            prop_assert!(v.iter().all(|i| i.state == InstalmentState::Received));
        }
    }
}
