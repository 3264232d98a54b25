//! `kvorum grants|visits` and the treasurer's PDFs from the command line.

use std::path::PathBuf;

use clap::Subcommand;
use kvorum_api::documents::ExportRequest;
use kvorum_api::grants::{GoalStatusInput, GrantInput, GrantView};
use kvorum_api::{Api, ApiError};
use kvorum_core::dates::format_date;
use kvorum_core::grants::{
    Agreement, Goal, GoalState, Grant, GrantKind, InKind, ReportDeadline, VisitTally,
};
use kvorum_core::Money;

use crate::{bad_input, date_arg, print, write_file};

// Parsed once per run; boxing the big variant would only obscure the clap definition.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum GrantsCmd {
    /// Add a grant: `kvorum grants add --name "Driftstilskud" --grantor "Guldborgsund Kommune"
    /// --kind operating --from 01-01-2026 --to 31-12-2027 --amount 3000000 --instalments 4`
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        grantor: String,
        /// operating, activity, section18, foundation or inKind
        #[arg(long, default_value = "operating")]
        kind: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// Kroner per year
        #[arg(long, default_value = "0")]
        amount: String,
        /// Instalments per year (1, 2, 4 or 12)
        #[arg(long, default_value_t = 4)]
        instalments: u32,
        #[arg(long, default_value = "")]
        purpose: String,
        #[arg(long, default_value = "")]
        conditions: String,
        /// The parties of the operating agreement (makes it one)
        #[arg(long)]
        parties: Option<String>,
        #[arg(long, default_value_t = 2)]
        revision_years: u32,
        #[arg(long)]
        next_revision: Option<String>,
        /// A development goal as "description|target" (repeat)
        #[arg(long)]
        goal: Vec<String>,
        /// A report deadline as "dd-mm-yyyy|what" (repeat)
        #[arg(long)]
        deadline: Vec<String>,
        /// In kind as "description|value in kr. per year|hours per week" (repeat)
        #[arg(long)]
        in_kind: Vec<String>,
    },
    List {
        year: i32,
    },
    /// A development goal's status: `kvorum grants goal-status Drift 1 --state on-track --note …`
    GoalStatus {
        grant: String,
        /// The goal's number, 1 = the first
        goal: u32,
        /// on-track, behind or met
        #[arg(long)]
        state: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum VisitsCmd {
    /// `kvorum visits add 21-11-2026 34` (or `--month` for a month's total)
    Add {
        date: String,
        visitors: u32,
        #[arg(long)]
        month: bool,
    },
    Show {
        year: i32,
    },
}

fn kr(field: &str, s: &str) -> Result<Money, ApiError> {
    Money::parse_danish(s).map_err(|e| bad_input(field, e))
}

/// A grant by (the start of) its name or id.
pub async fn find_grant(api: &Api, name: &str) -> Result<Grant, ApiError> {
    let year = api.clock().today().format("%Y").to_string();
    let all = api.grants_list(year.parse().unwrap_or(2026), None).await?;
    let n = name.trim().to_lowercase();
    let hits: Vec<&GrantView> = all
        .iter()
        .filter(|g| {
            g.grant.name.to_lowercase().starts_with(&n) || g.grant.id.to_string().starts_with(&n)
        })
        .collect();
    match hits.as_slice() {
        [one] => Ok(one.grant.clone()),
        [] => Err(bad_input(
            "grant",
            format!("Intet tilskud hedder »{name}«. Se `kvorum grants list ÅR`."),
        )),
        _ => Err(bad_input(
            "grant",
            format!("Flere tilskud passer på »{name}«; skriv mere af navnet."),
        )),
    }
}

pub fn grant_text(g: &GrantView) -> String {
    let mut s = vec![format!(
        "{} – {} ({}), {}: {} om året; i {} {} modtaget, {} brugt ({}%)",
        g.grant.name,
        g.grant.grantor,
        g.kind_label,
        g.grant.period_da(),
        g.grant.amount_per_year.format_dkk(),
        g.year,
        g.received.format_dkk(),
        g.spending.actual.format_dkk(),
        g.spending.used_permille.map(|p| p / 10).unwrap_or(0)
    )];
    if let Some(w) = &g.spending.warning {
        s.push(format!("  ! {w}"));
    }
    for i in &g.instalments {
        s.push(format!(
            "  Rate {}: {} – modtaget {}",
            format_date(i.due),
            i.amount.format_dkk(),
            i.received.format_dkk()
        ));
    }
    for (k, goal) in g
        .grant
        .agreement
        .iter()
        .flat_map(|a| a.goals.iter())
        .enumerate()
    {
        s.push(format!(
            "  Mål {}: {} – {}",
            k + 1,
            goal.description,
            goal.latest()
                .map(|l| format!("{} ({})", l.state.label_da(), format_date(l.on)))
                .unwrap_or_else(|| "ingen status".into())
        ));
    }
    s.extend(g.reminders.iter().map(|r| format!("  ! {r}")));
    s.join("\n")
}

pub async fn grants(api: &Api, cmd: GrantsCmd, json: bool) -> Result<(), ApiError> {
    match cmd {
        GrantsCmd::Add {
            name,
            grantor,
            kind,
            from,
            to,
            amount,
            instalments,
            purpose,
            conditions,
            parties,
            revision_years,
            next_revision,
            goal,
            deadline,
            in_kind,
        } => {
            let kind = GrantKind::from_code(&kind).ok_or_else(|| {
                bad_input("kind", format!("Ukendt tilskudstype »{kind}«: brug operating, activity, section18, foundation eller inKind."))
            })?;
            let goals = goal
                .iter()
                .map(|g| {
                    let (d, t) = g.split_once('|').unwrap_or((g, ""));
                    Goal {
                        description: d.trim().into(),
                        target: t.trim().into(),
                        statuses: vec![],
                    }
                })
                .collect();
            let mut deadlines = Vec::new();
            for d in &deadline {
                let (day, what) = d.split_once('|').ok_or_else(|| {
                    bad_input(
                        "deadline",
                        format!("Skriv fristen som »dd-mm-åååå|hvad«, ikke »{d}«."),
                    )
                })?;
                deadlines.push(ReportDeadline {
                    due: date_arg("deadline", &Some(day.into()))?.unwrap_or_default(),
                    what: what.trim().into(),
                    done_on: None,
                });
            }
            let mut kinds = Vec::new();
            for k in &in_kind {
                let parts: Vec<&str> = k.split('|').collect();
                kinds.push(InKind {
                    description: parts[0].trim().into(),
                    value_per_year: kr("inKind", parts.get(1).copied().unwrap_or("0"))?,
                    hours_per_week: parts.get(2).and_then(|h| h.trim().parse().ok()),
                });
            }
            let g = api
                .grant_save(GrantInput {
                    id: None,
                    version: 0,
                    name,
                    grantor,
                    kind,
                    starts_on: date_arg("startsOn", &Some(from))?.unwrap_or_default(),
                    ends_on: date_arg("endsOn", &Some(to))?.unwrap_or_default(),
                    amount_per_year: kr("amountPerYear", &amount)?,
                    purpose,
                    conditions,
                    instalments_per_year: Some(instalments),
                    instalments: vec![],
                    deadlines,
                    agreement: match parties {
                        Some(parties) => Some(Agreement {
                            parties,
                            revision_years,
                            next_revision: date_arg("nextRevision", &next_revision)?,
                            goals,
                        }),
                        None => None,
                    },
                    in_kind: kinds,
                })
                .await?;
            print(json, &g, || {
                format!(
                    "Tilskuddet »{}« er oprettet med {} rater.",
                    g.name,
                    g.instalments.len()
                )
            });
        }
        GrantsCmd::List { year } => {
            let list = api.grants_list(year, None).await?;
            print(json, &list, || {
                list.iter().map(grant_text).collect::<Vec<_>>().join("\n\n")
            });
        }
        GrantsCmd::GoalStatus {
            grant,
            goal,
            state,
            note,
            date,
        } => {
            let g = find_grant(api, &grant).await?;
            let state = match state.to_lowercase().as_str() {
                "on-track" | "ontrack" | "paa-vej" | "på-vej" => GoalState::OnTrack,
                "behind" | "bagud" => GoalState::Behind,
                "met" | "naaet" | "nået" => GoalState::Met,
                other => {
                    return Err(bad_input(
                        "state",
                        format!("Ukendt status »{other}«: brug on-track, behind eller met."),
                    ))
                }
            };
            let on = date_arg("on", &date)?.unwrap_or_else(|| api.clock().today());
            let g = api
                .grant_goal_status(GoalStatusInput {
                    grant: g.id,
                    version: g.version,
                    goal: goal.saturating_sub(1),
                    on,
                    state,
                    note,
                })
                .await?;
            print(json, &g, || {
                format!(
                    "Status for mål {goal} i »{}« er gemt: {}.",
                    g.name,
                    state.label_da()
                )
            });
        }
    }
    Ok(())
}

pub async fn visits(api: &Api, cmd: VisitsCmd, json: bool) -> Result<(), ApiError> {
    let v = match cmd {
        VisitsCmd::Add {
            date,
            visitors,
            month,
        } => {
            let day = date_arg("day", &Some(date))?.unwrap_or_default();
            api.visits_set(VisitTally {
                day,
                whole_month: month,
                visitors,
            })
            .await?
        }
        VisitsCmd::Show { year } => api.visits_get(year).await?,
    };
    print(json, &v, || {
        let mut s: Vec<String> = v
            .summary
            .months
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{:<10} {n:>6}", kvorum_core::grants::MONTHS_DA[i]))
            .collect();
        s.push(format!("{:<10} {:>6}", "I alt", v.summary.total));
        s.push(v.summary.trend.clone());
        s.join("\n")
    });
    Ok(())
}

pub async fn pdf(
    api: &Api,
    request: ExportRequest,
    out: &PathBuf,
    json: bool,
) -> Result<(), ApiError> {
    let file = api.export(request).await?;
    write_file(out, &file.bytes)?;
    print(
        json,
        &serde_json::json!({ "file": out, "bytes": file.bytes.len() }),
        || format!("Gemt i {}.", out.display()),
    );
    Ok(())
}

pub async fn grant_report(
    api: &Api,
    grant: &str,
    year: i32,
    out: &PathBuf,
    json: bool,
) -> Result<(), ApiError> {
    let g = find_grant(api, grant).await?;
    pdf(
        api,
        ExportRequest::GrantReportPdf { grant: g.id, year },
        out,
        json,
    )
    .await
}
