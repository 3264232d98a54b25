//! The treasurer's files: the budget follow-up and the grant report (PDF), and the bookings as
//! CSV for the accountant.

use chrono::Datelike;
use kvorum_core::budget::LineKind;
use kvorum_core::csv_file::neutralise_cell;
use kvorum_core::grants::{InstalmentState, MONTHS_DA};
use kvorum_core::ids::GrantId;
use kvorum_core::text::Text;

use crate::documents::pdf_failed;
use crate::dto::ExportFile;
use crate::{Api, ApiError, ApiResult, ErrorCode};

fn percent(p: Option<i64>) -> String {
    p.map(|p| format!("{} %", (p + 5).div_euclid(10)))
        .unwrap_or_else(|| "—".into())
}

impl Api {
    pub(crate) async fn budget_followup_pdf(&self, year: i32) -> ApiResult<ExportFile> {
        let association = self.require_association().await?;
        let today = self.clock.today();
        let o = self.overview(year, Some(today)).await?;
        let v = &o.budget;
        if v.lines.is_empty() {
            return Err(ApiError::refused(
                Text::new("report-no-budget").num("year", year),
            ));
        }
        let doc = kvorum_docs::BudgetFollowupDoc {
            association_name: association.name.clone(),
            year,
            from: v.from,
            to: v.to,
            on: v.on.min(v.to),
            printed_on: today,
            created_unix: self.clock.now().timestamp(),
            rows: v
                .lines
                .iter()
                .map(|l| kvorum_docs::FollowupRow {
                    name: l.line.name.clone(),
                    income: l.line.kind == LineKind::Income,
                    budget: l.status.budgeted,
                    actual: l.status.actual,
                    remaining: l.status.remaining,
                    used: percent(l.status.used_permille),
                    projected: l.status.projected,
                    warning: l.status.warning.clone(),
                })
                .collect(),
            unassigned: v.unassigned,
            grant_lines: o
                .grants
                .iter()
                .filter(|g| g.year_amount.0 > 0)
                .map(|g| {
                    format!(
                        "{} ({}): modtaget {} kr., brugt {} af {} kr. ({}).{}",
                        g.grant.name,
                        g.grant.grantor,
                        g.received.format_number(),
                        g.spending.actual.format_number(),
                        g.year_amount.format_number(),
                        percent(g.spending.used_permille),
                        g.spending
                            .warning
                            .as_ref()
                            .map(|w| format!(" {w}"))
                            .unwrap_or_default()
                    )
                })
                .collect(),
        };
        let bytes = kvorum_docs::budget_followup_pdf(&doc).map_err(pdf_failed)?;
        Ok(ExportFile {
            file_name: format!("budgetopfoelgning-{year}-{}.pdf", today.format("%Y-%m-%d")),
            bytes,
            rows: v.lines.len(),
        })
    }

    pub(crate) async fn grant_report_pdf(
        &self,
        grant: GrantId,
        year: i32,
    ) -> ApiResult<ExportFile> {
        let association = self.require_association().await?;
        let today = self.clock.today();
        let g = self.grant_get(grant, year).await?;
        let visits = self.visits_get(year).await?.summary;
        let board = self.board_register(Some(today)).await?;
        // By the position itself, not its label: the labels follow the user's language.
        let holder = |pos: kvorum_core::board::Position| {
            board
                .current
                .iter()
                .find(|t| t.term.position_on(board.on) == Some(pos))
                .map(|t| t.term.name.clone())
                .unwrap_or_default()
        };
        let (from, to) = self.fiscal_bounds(year).await?;
        let doc = kvorum_docs::GrantReportDoc {
            association_name: association.name.clone(),
            grant_name: g.grant.name.clone(),
            grantor: g.grant.grantor.clone(),
            kind: g.kind_label.clone(),
            period: g.grant.period_da(),
            purpose: g.grant.purpose.clone(),
            conditions: g.grant.conditions.clone(),
            audit_level: g.audit_level.clone(),
            year,
            from,
            to,
            on: today.min(to),
            printed_on: today,
            created_unix: self.clock.now().timestamp(),
            year_amount: g.year_amount,
            instalments: g
                .instalments
                .iter()
                .map(|i| {
                    let state = match (i.state, i.received_on) {
                        (InstalmentState::Received, Some(d)) => {
                            format!("Modtaget {}", kvorum_core::dates::format_date(d))
                        }
                        (InstalmentState::Received, None) => "Modtaget".into(),
                        (InstalmentState::Partly, _) => "Delvist modtaget".into(),
                        (InstalmentState::Due, _) => "Ikke forfalden / afventer".into(),
                        (InstalmentState::Overdue, _) => "Ikke modtaget – rykkes".into(),
                    };
                    (i.due, i.amount, i.received, state)
                })
                .collect(),
            received: g.instalments.iter().map(|i| i.received).sum(),
            expenses: g
                .funded_lines
                .iter()
                .map(|l| (l.name.clone(), l.budgeted, l.spent))
                .collect(),
            spent: g.spending.actual,
            goals: g
                .grant
                .agreement
                .iter()
                .flat_map(|a| a.goals.iter())
                .map(|goal| {
                    let status = goal
                        .latest()
                        .map(|s| {
                            format!(
                                "{} ({}){}",
                                s.state.label_da(),
                                kvorum_core::dates::format_date(s.on),
                                if s.note.is_empty() {
                                    String::new()
                                } else {
                                    format!(": {}", s.note)
                                }
                            )
                        })
                        .unwrap_or_else(|| "Ingen status endnu".into());
                    (goal.description.clone(), goal.target.clone(), status)
                })
                .collect(),
            visits: (visits.total > 0)
                .then(|| (visits.months.clone(), visits.total, visits.trend.clone())),
            in_kind: g
                .grant
                .in_kind
                .iter()
                .map(|k| {
                    (
                        match k.hours_per_week {
                            Some(h) => format!("{} ({h} timer om ugen)", k.description),
                            None => k.description.clone(),
                        },
                        k.value_per_year,
                    )
                })
                .collect(),
            signers: vec![
                (
                    "Formand".into(),
                    holder(kvorum_core::board::Position::Chair),
                ),
                (
                    "Kasserer".into(),
                    holder(kvorum_core::board::Position::Treasurer),
                ),
            ],
            declaration: g.rule.declaration.clone(),
            auditors: match g.audit {
                kvorum_core::grants::AuditLevel::Board => vec![],
                kvorum_core::grants::AuditLevel::Independent => {
                    let elected: Vec<(String, String)> = board
                        .current
                        .iter()
                        .filter(|t| t.term.kind == kvorum_core::board::SeatKind::Auditor)
                        .map(|t| ("Revisor".to_owned(), t.term.name.clone()))
                        .collect();
                    if elected.is_empty() {
                        vec![("Revisor".to_owned(), String::new())]
                    } else {
                        elected
                    }
                }
                kvorum_core::grants::AuditLevel::Professional => vec![(
                    "Registreret eller statsautoriseret revisor".to_owned(),
                    String::new(),
                )],
            },
            pace: g
                .pace
                .iter()
                .map(|p| {
                    (
                        MONTHS_DA[p.month_end.month0() as usize][..3].to_owned(),
                        p.actual.map(|m| m.0),
                        p.even.0,
                    )
                })
                .collect(),
        };
        let bytes = kvorum_docs::grant_report_pdf(&doc).map_err(pdf_failed)?;
        Ok(ExportFile {
            file_name: format!("tilskudsrapport-{year}-{}.pdf", slug(&g.grant.name)),
            bytes,
            rows: g.funded_lines.len(),
        })
    }

    /// The year's bookings, Excel-ready: `;`, a BOM, Danish dates and amounts with a comma.
    pub(crate) async fn bookings_csv(&self, year: i32) -> ApiResult<ExportFile> {
        self.require_association().await?;
        let books = self.books(year).await?;
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let err = |e: csv::Error| {
            ApiError::new(
                ErrorCode::Internal,
                Text::new("csv-write-failed").str("cause", e.to_string()),
            )
        };
        w.write_record([
            "Dato",
            "Bilag",
            "Tekst",
            "Beløb",
            "Budgetpost",
            "Tilskud",
            "Bilagsfil",
        ])
        .map_err(err)?;
        for b in books.bookings.iter() {
            let line = b
                .line
                .and_then(|l| books.lines.iter().find(|x| x.id == l))
                .map(|l| l.name.clone())
                .unwrap_or_default();
            let grant = books
                .grant_of(b)
                .and_then(|g| books.grants.iter().find(|x| x.id == g))
                .map(|g| g.name.clone())
                .unwrap_or_default();
            w.write_record([
                b.booked_on.format("%d-%m-%Y").to_string(),
                neutralise_cell(&b.voucher_no),
                neutralise_cell(&b.text),
                b.amount.format_number(),
                neutralise_cell(&line),
                neutralise_cell(&grant),
                neutralise_cell(b.voucher_file.as_deref().unwrap_or_default()),
            ])
            .map_err(err)?;
        }
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(w.into_inner().map_err(|e| err(e.into_error().into()))?);
        Ok(ExportFile {
            file_name: format!("posteringer-{year}.csv"),
            bytes,
            rows: books.bookings.len(),
        })
    }
}

pub(crate) fn slug(s: &str) -> String {
    kvorum_core::text::slug(s)
}
