//! The annual accounts (årsregnskab) as the assembly approves them: the association's
//! details, the board's and the auditor's statements with signature lines, the accounting
//! policies, the income statement by budget line beside the budget and last year, the
//! balance sheet at the year's end and start, and the notes (grants, in-kind contributions,
//! fees, frikort wages as a total).

use std::collections::HashMap;

use kvorum_core::accounts::AuditForm;
use kvorum_core::accounts::Side;
use kvorum_core::board::SeatKind;
use kvorum_core::budget::LineKind;
use kvorum_core::dates::format_date;
use kvorum_core::grants::AuditLevel;
use kvorum_core::text::Text;
use kvorum_core::Money;

use crate::documents::pdf_failed;
use crate::dto::ExportFile;
use crate::{Api, ApiError, ApiResult};

impl Api {
    pub(crate) async fn annual_accounts_pdf(&self, year: i32) -> ApiResult<ExportFile> {
        let doc = self.annual_accounts_doc(year).await?;
        let bytes = kvorum_docs::annual_accounts_pdf(&doc).map_err(pdf_failed)?;
        Ok(ExportFile {
            file_name: if doc.draft {
                format!("aarsregnskab-{year}-udkast.pdf")
            } else {
                format!("aarsregnskab-{year}.pdf")
            },
            bytes,
            rows: doc.income.len() + doc.expenses.len(),
        })
    }

    pub(crate) async fn annual_accounts_doc(
        &self,
        year: i32,
    ) -> ApiResult<kvorum_docs::AnnualAccountsDoc> {
        let a = self.require_association().await?;
        let (from, to) = self.fiscal_bounds(year).await?;
        let budget = self.budget_get(year, Some(to)).await?;
        let books = self.books(year).await?;
        if budget.lines.is_empty() && books.bookings.is_empty() {
            return Err(ApiError::refused(
                Text::new("annual-nothing").num("year", year),
            ));
        }
        let balance = self.balance_get(year).await?;
        let closed = self
            .store
            .closings()
            .await?
            .iter()
            .any(|c| c.fiscal_year == year);
        // Last year per line name, where last year has books.
        let previous = self.books(year - 1).await?;
        let last_year: Option<HashMap<String, (LineKind, Money)>> = (!previous.bookings.is_empty())
            .then(|| {
                let mut by_name: HashMap<String, (LineKind, Money)> = HashMap::new();
                for l in &previous.lines {
                    let sum: Money = previous
                        .bookings
                        .iter()
                        .filter(|b| b.line == Some(l.id))
                        .map(|b| b.amount)
                        .sum();
                    let shown = if l.kind == LineKind::Income {
                        sum
                    } else {
                        Money(sum.0.saturating_neg())
                    };
                    by_name.insert(l.name.to_lowercase(), (l.kind, shown));
                }
                by_name
            });
        let row = |l: &crate::budget::LineView| kvorum_docs::ResultRow {
            name: l.line.name.clone(),
            actual: l.status.actual,
            budget: l.line.amount,
            last_year: last_year.as_ref().map(|m| {
                m.get(&l.line.name.to_lowercase())
                    .filter(|(k, _)| *k == l.line.kind)
                    .map(|(_, v)| *v)
                    .unwrap_or_default()
            }),
        };
        let income = budget
            .lines
            .iter()
            .filter(|l| l.line.kind == LineKind::Income)
            .map(row)
            .collect();
        let expenses = budget
            .lines
            .iter()
            .filter(|l| l.line.kind == LineKind::Expense)
            .map(row)
            .collect();
        let s = &balance.sheet;
        let rows_of = |side: Side| -> Vec<kvorum_docs::BalanceRow> {
            s.accounts
                .iter()
                .filter(|x| x.account.kind.side() == side)
                .filter(|x| x.closing != Money::ZERO || x.opening != Money::ZERO)
                .map(|x| kvorum_docs::BalanceRow {
                    name: x.account.name.clone(),
                    end: x.closing,
                    start: x.opening,
                })
                .collect()
        };
        // The board that signs is the board sitting when the accounts are made.
        let board = self.board_register(None).await?;
        let mut signers: Vec<(String, String)> = board
            .current
            .iter()
            .filter(|t| matches!(t.term.kind, SeatKind::Board | SeatKind::Appointed))
            .map(|t| {
                (
                    t.position
                        .clone()
                        .unwrap_or_else(|| "Bestyrelsesmedlem".into()),
                    t.term.name.clone(),
                )
            })
            .collect();
        if signers.is_empty() {
            signers = vec![("Bestyrelsesmedlem".into(), String::new()); 4];
        }
        let mut auditors: Vec<(String, String)> = board
            .current
            .iter()
            .filter(|t| t.term.kind == SeatKind::Auditor)
            .map(|t| ("Revisor".to_owned(), t.term.name.clone()))
            .collect();
        if auditors.is_empty() {
            auditors = vec![("Revisor".into(), String::new())];
        }
        let grants = self.grants_list(year, Some(to)).await?;
        // The strictest audit the year's grants call for, each under its grantor's rule.
        let rules = self.store.grantor_rules().await?;
        let strictest = kvorum_core::grants::strictest_audit(&books.grants, &rules, from, to);
        let (form, _) = self.store.audit_form().await?;
        let period = format!("{} – {}", format_date(from), format_date(to));
        let board_statement = vec![
            format!(
                "Bestyrelsen har dags dato behandlet og godkendt årsregnskabet for {} for regnskabsåret {period}.",
                a.name
            ),
            "Årsregnskabet er aflagt i overensstemmelse med foreningens vedtægter og den anvendte regnskabspraksis, der er beskrevet nedenfor.".into(),
            format!(
                "Det er vores opfattelse, at årsregnskabet giver et retvisende billede af foreningens aktiver, passiver og økonomiske stilling pr. {} samt af resultatet af foreningens aktiviteter for regnskabsåret.",
                format_date(to)
            ),
            "Årsregnskabet indstilles til generalforsamlingens godkendelse.".into(),
        ];
        let verb = match form {
            AuditForm::Audited => "revideret",
            AuditForm::Reviewed => "gennemgået",
        };
        let mut auditor_statement = vec![format!(
            "Jeg/vi har {verb} årsregnskabet for {} for regnskabsåret {period}, der omfatter ledelsespåtegning, anvendt regnskabspraksis, resultatopgørelse, balance og noter.",
            a.name
        )];
        let required = strictest.map(|(level, g)| {
            format!(
                "{} fra {} kræver {}",
                g.name,
                g.grantor,
                level.label_da().to_lowercase()
            )
        });
        auditor_statement.push(match (form, &required) {
            (AuditForm::Audited, Some(r)) => format!(
                "Revisionen er udført efter de krav, foreningens tilskud stiller ({r}), og omfatter en gennemgang af bilag, bank- og kasseafstemninger og de bevillinger, tilskuddene er givet til."
            ),
            (AuditForm::Audited, None) => "Revisionen omfatter en gennemgang af bilag, bank- og kasseafstemninger og posteringerne efter foreningens vedtægter.".into(),
            (AuditForm::Reviewed, _) => "Gennemgangen har omfattet bilag, bank- og kasseafstemninger og posteringerne efter foreningens vedtægter. En gennemgang er mindre end en revision, og der udtrykkes derfor ikke en revisionskonklusion.".into(),
        });
        auditor_statement.push(match form {
            AuditForm::Audited => "Det er min/vores opfattelse, at årsregnskabet giver et retvisende billede af foreningens aktiver, passiver og økonomiske stilling samt af resultatet. Revisionen har ikke givet anledning til forbehold.".into(),
            AuditForm::Reviewed => "Ved gennemgangen er jeg/vi ikke blevet opmærksom(me) på forhold, der giver grund til at mene, at årsregnskabet ikke giver et retvisende billede af foreningens aktiver, passiver og økonomiske stilling samt af resultatet.".into(),
        });
        if let Some((_, g)) = strictest.filter(|(level, _)| *level == AuditLevel::Professional) {
            auditor_statement.push(format!(
                "{} fra {} skal revideres af en registreret eller statsautoriseret revisor; dennes erklæring om tilskuddet vedlægges.",
                g.name, g.grantor
            ));
        }
        let policies = "Årsregnskabet er aflagt efter foreningens vedtægter og de krav, foreningens tilskudsgivere stiller. Indtægter og udgifter indregnes i det regnskabsår, de vedrører; beløb, der vedrører et andet år, står i balancen som tilgodehavender, forudbetalte eller skyldige omkostninger. Kontingent indregnes i det regnskabsår, det er betalt i. Tilskud indregnes som indtægt, når de er modtaget; ikke forbrugte tilskud, der skal betales tilbage eller bruges senere, står som gæld. Aktiver og gæld optages til den værdi, de har på balancedagen. Beløb er i danske kroner.".to_owned();
        let mut notes = Vec::new();
        let with_money: Vec<&crate::grants::GrantView> = grants
            .iter()
            .filter(|g| g.year_amount.0 > 0 || g.received.0 > 0)
            .collect();
        if !with_money.is_empty() {
            notes.push((
                "Tilskud".to_owned(),
                with_money
                    .iter()
                    .map(|g| {
                        format!(
                            "{} fra {}: bevilget {} for året, modtaget {}, anvendt {} på de poster, tilskuddet finansierer.",
                            g.grant.name,
                            g.grant.grantor,
                            g.year_amount.format_dkk(),
                            g.received.format_dkk(),
                            g.spending.actual.format_dkk()
                        )
                    })
                    .collect(),
            ));
        }
        let in_kind: Vec<String> = grants
            .iter()
            .flat_map(|g| g.grant.in_kind.iter().map(move |k| (g, k)))
            .filter(|(_, k)| k.value_per_year.0 > 0)
            .map(|(g, k)| {
                format!(
                    "{} ({}): anslået værdi {} for året. Indgår ikke i resultatopgørelsen.",
                    k.description,
                    g.grant.grantor,
                    k.value_per_year.format_dkk()
                )
            })
            .collect();
        if !in_kind.is_empty() {
            notes.push(("Naturalydelser".to_owned(), in_kind));
        }
        let fee_line = budget.lines.iter().find(|l| l.line.fee_line);
        if let Some(l) = fee_line {
            let payers = books
                .bookings
                .iter()
                .filter(|b| b.line == Some(l.line.id) && b.payment.is_some())
                .count();
            notes.push((
                "Kontingent".to_owned(),
                vec![format!(
                    "Der er indbetalt {} i kontingent ({} {}).",
                    l.status.actual.format_dkk(),
                    payers,
                    if payers == 1 {
                        "betaling"
                    } else {
                        "betalinger"
                    }
                )],
            ));
        }
        let frikort = self.frikort_get(year).await?;
        if frikort.total.0 > 0 {
            notes.push((
                "Socialt frikort".to_owned(),
                vec![format!(
                    "Der er i alt udbetalt {} skattefrit efter reglerne om socialt frikort.",
                    frikort.total.format_dkk()
                )],
            ));
        }
        let details: Vec<String> = [
            a.address.clone(),
            Some(
                [a.postal_code.as_deref(), a.city.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            a.cvr.as_ref().map(|c| format!("CVR-nr. {c}")),
            a.municipality.as_ref().map(|m| m.trim()).map(|m| {
                if m.to_lowercase().ends_with("kommune") {
                    format!("Hjemsted: {m}")
                } else {
                    format!("Hjemsted: {m} Kommune")
                }
            }),
        ]
        .into_iter()
        .flatten()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
        Ok(kvorum_docs::AnnualAccountsDoc {
            association_name: a.name.clone(),
            details,
            year,
            from,
            to,
            draft: !closed,
            approved: Self::accounts_approval_in(&mut self.store.reader(), year)
                .await?
                .map(|(d, _)| {
                    format!(
                        "Godkendt på den ordinære generalforsamling den {}.",
                        format_date(d)
                    )
                }),
            printed_on: self.clock.today(),
            created_unix: self.clock.now().timestamp(),
            board_statement,
            board: signers,
            auditor_statement,
            auditors,
            policies,
            income,
            expenses,
            unassigned: budget.unassigned,
            assets: rows_of(Side::Asset),
            liabilities: rows_of(Side::Liability),
            equity: rows_of(Side::Equity),
            equity_start: s.equity_opening,
            result: s.result,
            equity_end: s.equity_closing,
            notes,
        })
    }
}
