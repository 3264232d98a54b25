//! The treasurer's documents: the budget follow-up for a board meeting and the grant report to
//! the grantor. Amounts are printed as Danish numbers right-aligned in their columns, so the
//! decimal commas line up.

use chrono::NaiveDate;
use kvorum_core::dates::format_date;
use kvorum_core::Money;

use crate::fonts::Style;
use crate::layout::{Align, Column, Document, Flow, Frame};

#[derive(Debug, Clone)]
pub struct FollowupRow {
    pub name: String,
    pub income: bool,
    pub budget: Money,
    pub actual: Money,
    pub remaining: Money,
    /// "58 %" or "—".
    pub used: String,
    pub projected: Money,
    pub warning: Option<String>,
}

#[derive(Debug, Clone)]
pub struct BudgetFollowupDoc {
    pub association_name: String,
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub on: NaiveDate,
    pub printed_on: NaiveDate,
    pub created_unix: i64,
    pub rows: Vec<FollowupRow>,
    pub unassigned: Money,
    /// Per grant: "Driftstilskud 2026: brugt 1.234.000,00 af 3.000.000,00 kr. (41 %)".
    pub grant_lines: Vec<String>,
}

fn frame(association: &str, title: &str, printed_on: NaiveDate) -> Frame {
    Frame {
        margin_x: 16.0,
        top: 22.0,
        bottom: 18.0,
        header_left: association.to_owned(),
        header_right: title.to_owned(),
        footer_left: format!("Udskrevet {} med Kvorum", format_date(printed_on)),
    }
}

fn col(h: &str, w: f32, a: Align) -> Column {
    Column {
        heading: h.to_owned(),
        width: w,
        align: a,
    }
}

/// A section heading kept with at least `keep` mm of what follows it.
fn section(flow: &mut Flow, title: &str, keep: f32) {
    flow.gap(4.0);
    flow.need(keep);
    flow.paragraph(title, 12.0, Style::Bold);
    flow.gap(1.0);
}

fn n(m: Money) -> String {
    m.format_number()
}

pub fn budget_followup_layout(doc: &BudgetFollowupDoc) -> Document {
    let title = format!("Budgetopfølgning {}", doc.year);
    let mut flow = Flow::new(frame(&doc.association_name, &title, doc.printed_on));
    flow.paragraph(&title, 18.0, Style::Bold);
    flow.gap(1.0);
    flow.paragraph(
        &format!(
            "Regnskabsår {}–{} · bogført til og med {} · beløb i kr.",
            format_date(doc.from),
            format_date(doc.to),
            format_date(doc.on)
        ),
        10.0,
        Style::Regular,
    );
    flow.gap(4.0);
    let columns = [
        col("Post", 52.0, Align::Left),
        col("Budget", 26.0, Align::Right),
        col("Faktisk", 26.0, Align::Right),
        col("Tilbage", 26.0, Align::Right),
        col("Brugt", 14.0, Align::Right),
        col(
            &format!("Forventet {}", doc.to.format("%d.%m.")),
            34.0,
            Align::Right,
        ),
    ];
    let mut result = 0i64;
    for (income, heading) in [(true, "Indtægter"), (false, "Udgifter")] {
        let part: Vec<&FollowupRow> = doc.rows.iter().filter(|r| r.income == income).collect();
        if part.is_empty() {
            continue;
        }
        section(&mut flow, heading, 20.0);
        let mut rows: Vec<Vec<String>> = part
            .iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    n(r.budget),
                    n(r.actual),
                    n(r.remaining),
                    r.used.clone(),
                    n(r.projected),
                ]
            })
            .collect();
        // Money adds and subtracts saturating: a stored amount past any limit gives a
        // figure at the end of the range, not a panic.
        let b = part.iter().map(|r| r.budget).sum::<Money>();
        let a = part.iter().map(|r| r.actual).sum::<Money>();
        let p = part.iter().map(|r| r.projected).sum::<Money>().0;
        result = result.saturating_add(if income { a.0 } else { a.0.saturating_neg() });
        rows.push(vec![
            format!("I alt, {}", heading.to_lowercase()),
            n(b),
            n(a),
            n(b - a),
            if b.0 > 0 {
                let share = (i128::from(a.0) * 100 + i128::from(b.0) / 2) / i128::from(b.0);
                format!("{share} %")
            } else {
                "—".into()
            },
            n(Money(p)),
        ]);
        flow.table(&columns, &rows, 9.0);
        flow.gap(4.0);
    }
    flow.paragraph(
        &format!(
            "Resultat indtil nu (indtægter minus udgifter): {} kr.",
            n(Money(result))
        ),
        10.5,
        Style::Bold,
    );
    if doc.unassigned.0 != 0 {
        flow.paragraph(
            &format!(
                "Bogført uden budgetpost: {} kr. – fordel posteringerne, så tallene er hele.",
                n(doc.unassigned)
            ),
            10.0,
            Style::Regular,
        );
    }
    let warnings: Vec<String> = doc
        .rows
        .iter()
        .filter_map(|r| r.warning.as_ref().map(|w| format!("{}: {w}", r.name)))
        .collect();
    if !warnings.is_empty() {
        section(&mut flow, "Bemærkninger", 16.0);
        for w in warnings {
            flow.paragraph_indented(&format!("• {w}"), 10.0, Style::Regular, 2.0);
        }
    }
    if !doc.grant_lines.is_empty() {
        section(&mut flow, "Tilskud", 16.0);
        for g in &doc.grant_lines {
            flow.paragraph_indented(&format!("• {g}"), 10.0, Style::Regular, 2.0);
        }
    }
    let chart: Vec<(String, i64, i64)> = doc
        .rows
        .iter()
        .filter(|r| !r.income)
        .map(|r| (r.name.clone(), r.budget.0, r.actual.0))
        .collect();
    if !chart.is_empty() {
        section(
            &mut flow,
            "Udgifter: budget og faktisk pr. post",
            20.0 + 7.0 * chart.len() as f32,
        );
        flow.bar_chart(&chart, 44.0);
    }
    flow.finish(&title, &doc.association_name, doc.created_unix)
}

#[derive(Debug, Clone)]
pub struct GrantReportDoc {
    pub association_name: String,
    pub grant_name: String,
    pub grantor: String,
    pub kind: String,
    pub period: String,
    pub purpose: String,
    pub conditions: String,
    pub audit_level: String,
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub on: NaiveDate,
    pub printed_on: NaiveDate,
    pub created_unix: i64,
    pub year_amount: Money,
    /// (due, amount, received, received on or state)
    pub instalments: Vec<(NaiveDate, Money, Money, String)>,
    pub received: Money,
    /// (line, budget, spent)
    pub expenses: Vec<(String, Money, Money)>,
    pub spent: Money,
    /// (goal, target, latest status or "Ingen status endnu", its date and note)
    pub goals: Vec<(String, String, String)>,
    /// Visitors per month, January first, and the trend sentence.
    pub visits: Option<(Vec<u32>, u32, String)>,
    /// (description, estimated value per year)
    pub in_kind: Vec<(String, Money)>,
    /// (role, name)
    pub signers: Vec<(String, String)>,
    /// The declaration the grantor asks for, above the board's signatures.
    pub declaration: String,
    /// (role, name) of who audits, as the grant's size calls for under the grantor's
    /// rule; none when the board's signature is enough.
    pub auditors: Vec<(String, String)>,
    /// Month labels for the pace chart with the cumulative spending and the even pace.
    pub pace: Vec<(String, Option<i64>, i64)>,
}

pub fn grant_report_layout(doc: &GrantReportDoc) -> Document {
    let title = format!("Rapport til {}", doc.grantor);
    let mut flow = Flow::new(frame(
        &doc.association_name,
        "Tilskudsrapport",
        doc.printed_on,
    ));
    flow.paragraph(&title, 18.0, Style::Bold);
    flow.gap(1.0);
    flow.paragraph(
        &format!(
            "{} · regnskabsår {} · opgjort pr. {}",
            doc.grant_name,
            doc.year,
            format_date(doc.on)
        ),
        10.5,
        Style::Regular,
    );
    flow.gap(4.0);
    let facts = [
        col("Tilskuddet", 48.0, Align::Left),
        col("", 130.0, Align::Left),
    ];
    let mut rows = vec![
        vec!["Tilskudsgiver".into(), doc.grantor.clone()],
        vec!["Tilskudstype".into(), doc.kind.clone()],
        vec!["Periode".into(), doc.period.clone()],
        vec![
            format!("Tilskud {}", doc.year),
            format!("{} kr.", n(doc.year_amount)),
        ],
        vec!["Revision".into(), doc.audit_level.clone()],
    ];
    rows.retain(|r| !r[1].trim().is_empty());
    flow.table(&facts, &rows, 9.5);
    for (h, text) in [("Formål", &doc.purpose), ("Vilkår", &doc.conditions)] {
        if !text.trim().is_empty() {
            flow.gap(2.0);
            flow.paragraph(h, 11.0, Style::Bold);
            flow.paragraph(text, 10.0, Style::Regular);
        }
    }
    section(&mut flow, "Modtaget tilskud", 24.0);
    let cols = [
        col("Rate forfalden", 40.0, Align::Left),
        col("Beløb", 32.0, Align::Right),
        col("Modtaget", 32.0, Align::Right),
        col("Status", 74.0, Align::Left),
    ];
    let mut rows: Vec<Vec<String>> = doc
        .instalments
        .iter()
        .map(|(d, a, r, s)| vec![format_date(*d), n(*a), n(*r), s.clone()])
        .collect();
    rows.push(vec![
        "I alt".into(),
        n(doc.instalments.iter().map(|i| i.1).sum()),
        n(doc.received),
        String::new(),
    ]);
    flow.table(&cols, &rows, 9.0);
    section(&mut flow, "Udgifter afholdt af tilskuddet", 24.0);
    let cols = [
        col("Budgetpost", 70.0, Align::Left),
        col("Budget", 36.0, Align::Right),
        col("Forbrugt", 36.0, Align::Right),
        col("Tilbage", 36.0, Align::Right),
    ];
    let mut rows: Vec<Vec<String>> = doc
        .expenses
        .iter()
        .map(|(l, b, s)| vec![l.clone(), n(*b), n(*s), n(*b - *s)])
        .collect();
    let budget = doc.expenses.iter().map(|e| e.1).sum::<Money>().0;
    rows.push(vec![
        "I alt".into(),
        n(Money(budget)),
        n(doc.spent),
        n(Money(budget) - doc.spent),
    ]);
    flow.table(&cols, &rows, 9.0);
    flow.gap(2.0);
    flow.paragraph(
        &format!(
            "Af årets tilskud på {} kr. er {} kr. brugt; {} kr. er tilbage.",
            n(doc.year_amount),
            n(doc.spent),
            n(doc.year_amount - doc.spent)
        ),
        10.0,
        Style::Regular,
    );
    if !doc.pace.is_empty() {
        flow.gap(3.0);
        flow.need(70.0);
        flow.paragraph(
            "Forbrug måned for måned mod jævnt forbrug",
            11.0,
            Style::Bold,
        );
        let labels: Vec<String> = doc.pace.iter().map(|p| p.0.clone()).collect();
        let actual: Vec<Option<i64>> = doc.pace.iter().map(|p| p.1).collect();
        let even: Vec<i64> = doc.pace.iter().map(|p| p.2).collect();
        flow.pace_chart(&labels, &actual, &even);
    }
    if !doc.goals.is_empty() {
        section(&mut flow, "Udviklingsmål", 24.0);
        for (i, (goal, target, status)) in doc.goals.iter().enumerate() {
            flow.need(16.0);
            flow.gap(1.5);
            flow.hanging(&format!("{}.", i + 1), goal, 10.5, Style::Bold, 6.0);
            if !target.trim().is_empty() {
                flow.paragraph_indented(&format!("Mål: {target}"), 10.0, Style::Regular, 6.0);
            }
            flow.paragraph_indented(&format!("Status: {status}"), 10.0, Style::Regular, 6.0);
        }
    }
    if let Some((months, total, trend)) = &doc.visits {
        section(&mut flow, "Aktivitet: besøg (anonyme optællinger)", 34.0);
        let short = [
            "Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec",
        ];
        let mut cols: Vec<Column> = short.iter().map(|m| col(m, 12.5, Align::Right)).collect();
        cols.push(col("I alt", 18.0, Align::Right));
        let mut row: Vec<String> = months.iter().map(u32::to_string).collect();
        row.push(total.to_string());
        flow.table(&cols, &[row], 8.5);
        flow.gap(1.5);
        flow.paragraph(trend, 10.0, Style::Regular);
    }
    if !doc.in_kind.is_empty() {
        section(&mut flow, "Tilskud i naturalier (ikke penge)", 24.0);
        let cols = [
            col("Hvad", 130.0, Align::Left),
            col("Anslået værdi pr. år", 48.0, Align::Right),
        ];
        let rows: Vec<Vec<String>> = doc
            .in_kind
            .iter()
            .map(|(d, v)| vec![d.clone(), n(*v)])
            .collect();
        flow.table(&cols, &rows, 9.0);
    }
    flow.gap(6.0);
    flow.need(50.0);
    section(&mut flow, "Erklæring", 40.0);
    flow.paragraph(&doc.declaration, 10.0, Style::Regular);
    flow.signatures(&doc.signers, "Dato:");
    if !doc.auditors.is_empty() {
        flow.gap(4.0);
        flow.need(40.0);
        flow.paragraph("Revisors erklæring", 11.0, Style::Bold);
        flow.paragraph(
            &format!(
                "Jeg/vi har revideret regnskabet for {} for regnskabsåret {}. Revisionen er udført efter de krav, {} stiller ({}). Det er min/vores opfattelse, at tilskuddet er anvendt efter formålet og vilkårene, og at regnskabet er rigtigt.",
                doc.grant_name,
                doc.year,
                doc.grantor,
                doc.audit_level.to_lowercase()
            ),
            10.0,
            Style::Regular,
        );
        flow.signatures(&doc.auditors, "Dato:");
    }
    flow.finish(&title, &doc.association_name, doc.created_unix)
}

/// One reminder letter: to whom, what it says, how to pay.
#[derive(Debug, Clone)]
pub struct ReminderLetter {
    /// Name, street, postcode and town: where a window envelope shows it.
    pub address: Vec<String>,
    pub title: String,
    pub paragraphs: Vec<String>,
    /// ("Beløb", "150,00 kr."), ("MobilePay", "Boks 12345"), …
    pub payment: Vec<(String, String)>,
    pub closing: Vec<String>,
}

/// Reminder letters for the members without e-mail, one letter per member, each numbered
/// from its own first page.
#[derive(Debug, Clone)]
pub struct RemindersDoc {
    pub association_name: String,
    /// The sender's block at the top right: the association's name and address.
    pub sender: Vec<String>,
    /// "Rykker for kontingent 2026"
    pub title: String,
    /// "Nykøbing F., 22.11.2026"
    pub dated: String,
    pub printed_on: NaiveDate,
    pub created_unix: i64,
    pub letters: Vec<ReminderLetter>,
}

pub fn reminders_layout(doc: &RemindersDoc) -> Document {
    let mut flow = Flow::new(frame(&doc.association_name, &doc.title, doc.printed_on));
    for (i, l) in doc.letters.iter().enumerate() {
        if i > 0 {
            flow.new_document();
        }
        for line in &doc.sender {
            flow.paragraph_right(line, 9.5, Style::Regular);
        }
        // The address where a window envelope shows it (DIN 5008: 45 mm from the top).
        flow.gap((21.0 - 4.5 * doc.sender.len() as f32).max(3.0));
        for line in &l.address {
            flow.paragraph(line, 11.0, Style::Regular);
        }
        flow.gap(12.0);
        flow.paragraph_right(&doc.dated, 10.5, Style::Regular);
        flow.gap(6.0);
        flow.paragraph(&l.title, 15.0, Style::Bold);
        flow.gap(3.0);
        for p in &l.paragraphs {
            flow.paragraph(p, 10.5, Style::Regular);
            flow.gap(2.5);
        }
        if !l.payment.is_empty() {
            flow.gap(1.0);
            for (label, value) in &l.payment {
                flow.hanging(label, value, 10.5, Style::Regular, 42.0);
            }
            flow.gap(3.0);
        }
        for p in &l.closing {
            flow.paragraph(p, 10.5, Style::Regular);
        }
    }
    flow.finish(&doc.title, &doc.association_name, doc.created_unix)
}

/// One line of the income statement: this year, its budget, last year.
#[derive(Debug, Clone)]
pub struct ResultRow {
    pub name: String,
    pub actual: Money,
    pub budget: Money,
    /// `None` for the first year in Kvorum.
    pub last_year: Option<Money>,
}

/// One account of the balance sheet: at the year's end and at its start.
#[derive(Debug, Clone)]
pub struct BalanceRow {
    pub name: String,
    pub end: Money,
    pub start: Money,
}

/// The annual accounts (årsregnskab) the assembly approves, in the usual Danish form.
#[derive(Debug, Clone)]
pub struct AnnualAccountsDoc {
    pub association_name: String,
    /// Address, CVR, municipality: the association's details.
    pub details: Vec<String>,
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Not closed yet: every page says it is a draft.
    pub draft: bool,
    /// "Godkendt på den ordinære generalforsamling 14.03.2027."
    pub approved: Option<String>,
    pub printed_on: NaiveDate,
    pub created_unix: i64,
    pub board_statement: Vec<String>,
    /// (role, name) of each board member, for the signatures.
    pub board: Vec<(String, String)>,
    pub auditor_statement: Vec<String>,
    pub auditors: Vec<(String, String)>,
    pub policies: String,
    pub income: Vec<ResultRow>,
    pub expenses: Vec<ResultRow>,
    /// Bookings without a budget line (0 in a closed year).
    pub unassigned: Money,
    pub assets: Vec<BalanceRow>,
    pub liabilities: Vec<BalanceRow>,
    pub equity: Vec<BalanceRow>,
    /// The year's result as it moves the equity (start, result, end).
    pub equity_start: Money,
    pub result: Money,
    pub equity_end: Money,
    /// Numbered notes: (title, paragraphs).
    pub notes: Vec<(String, Vec<String>)>,
}

pub fn annual_accounts_layout(doc: &AnnualAccountsDoc) -> Document {
    let title = if doc.draft {
        format!("Årsregnskab {} – udkast", doc.year)
    } else {
        format!("Årsregnskab {}", doc.year)
    };
    let mut flow = Flow::new(frame(&doc.association_name, &title, doc.printed_on));
    flow.gap(30.0);
    flow.paragraph(&doc.association_name, 22.0, Style::Bold);
    flow.gap(2.0);
    flow.paragraph(&title, 16.0, Style::Regular);
    flow.paragraph(
        &format!(
            "Regnskabsåret {} – {}",
            format_date(doc.from),
            format_date(doc.to)
        ),
        11.0,
        Style::Regular,
    );
    flow.gap(8.0);
    for d in &doc.details {
        flow.paragraph(d, 10.5, Style::Regular);
    }
    if let Some(a) = &doc.approved {
        flow.gap(6.0);
        flow.paragraph(a, 11.0, Style::Bold);
    }
    if doc.draft {
        flow.gap(6.0);
        flow.boxed(
            "Udkast: regnskabsåret er ikke afsluttet, og tallene kan endnu ændres.",
            10.0,
            Style::Bold,
        );
    }

    flow.new_page();
    section(&mut flow, "Ledelsespåtegning", 30.0);
    for p in &doc.board_statement {
        flow.paragraph(p, 10.5, Style::Regular);
        flow.gap(2.0);
    }
    flow.signatures(&doc.board, "Dato:");
    flow.gap(6.0);
    section(&mut flow, "Revisorpåtegning", 30.0);
    for p in &doc.auditor_statement {
        flow.paragraph(p, 10.5, Style::Regular);
        flow.gap(2.0);
    }
    flow.signatures(&doc.auditors, "Dato:");

    flow.new_page();
    section(&mut flow, "Anvendt regnskabspraksis", 20.0);
    flow.paragraph(&doc.policies, 10.5, Style::Regular);

    section(
        &mut flow,
        &format!("Resultatopgørelse for {}", doc.year),
        30.0,
    );
    flow.paragraph("Beløb i kr.", 9.0, Style::Regular);
    flow.gap(1.0);
    let columns = [
        col("", 82.0, Align::Left),
        col(&format!("{}", doc.year), 32.0, Align::Right),
        col(&format!("Budget {}", doc.year), 32.0, Align::Right),
        col(&format!("{}", doc.year - 1), 32.0, Align::Right),
    ];
    let last = |m: Option<Money>| m.map(n).unwrap_or_else(|| "—".into());
    let total = |rows: &[ResultRow]| {
        (
            rows.iter().map(|r| r.actual).sum::<Money>(),
            rows.iter().map(|r| r.budget).sum::<Money>(),
            rows.iter()
                .all(|r| r.last_year.is_some())
                .then(|| rows.iter().filter_map(|r| r.last_year).sum::<Money>()),
        )
    };
    let mut table: Vec<Vec<String>> = Vec::new();
    let (ia, ib, il) = total(&doc.income);
    let (ea, eb, el) = total(&doc.expenses);
    table.push(vec![
        "Indtægter".into(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    for r in &doc.income {
        table.push(vec![
            format!("  {}", r.name),
            n(r.actual),
            n(r.budget),
            last(r.last_year),
        ]);
    }
    table.push(vec!["Indtægter i alt".into(), n(ia), n(ib), last(il)]);
    table.push(vec![
        "Udgifter".into(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    for r in &doc.expenses {
        table.push(vec![
            format!("  {}", r.name),
            n(r.actual),
            n(r.budget),
            last(r.last_year),
        ]);
    }
    table.push(vec!["Udgifter i alt".into(), n(ea), n(eb), last(el)]);
    if doc.unassigned != Money::ZERO {
        table.push(vec![
            "  Ikke fordelt på budgetposter".into(),
            n(doc.unassigned),
            String::new(),
            String::new(),
        ]);
    }
    table.push(vec![
        "Årets resultat".into(),
        n(doc.result),
        n(ib - eb),
        match (il, el) {
            (Some(i), Some(e)) => n(i - e),
            _ => "—".into(),
        },
    ]);
    flow.statement_table(&columns, &table, 9.5);

    section(
        &mut flow,
        &format!("Balance pr. {}", format_date(doc.to)),
        30.0,
    );
    flow.paragraph("Beløb i kr.", 9.0, Style::Regular);
    flow.gap(1.0);
    let columns = [
        col("", 98.0, Align::Left),
        col(&format_date(doc.to), 40.0, Align::Right),
        col(&format_date(doc.from), 40.0, Align::Right),
    ];
    let mut table: Vec<Vec<String>> = Vec::new();
    let sum = |rows: &[BalanceRow]| {
        (
            rows.iter().map(|r| r.end).sum::<Money>(),
            rows.iter().map(|r| r.start).sum::<Money>(),
        )
    };
    let (ae, as_) = sum(&doc.assets);
    table.push(vec!["Aktiver".into(), String::new(), String::new()]);
    for r in &doc.assets {
        table.push(vec![format!("  {}", r.name), n(r.end), n(r.start)]);
    }
    table.push(vec!["Aktiver i alt".into(), n(ae), n(as_)]);
    let (le, ls) = sum(&doc.liabilities);
    table.push(vec!["Passiver".into(), String::new(), String::new()]);
    table.push(vec![
        "  Egenkapital".into(),
        n(doc.equity_end),
        n(doc.equity_start),
    ]);
    for r in &doc.liabilities {
        table.push(vec![format!("  {}", r.name), n(r.end), n(r.start)]);
    }
    table.push(vec![
        "Passiver i alt".into(),
        n(doc.equity_end + le),
        n(doc.equity_start + ls),
    ]);
    flow.statement_table(&columns, &table, 9.5);
    flow.gap(3.0);
    flow.paragraph("Egenkapital", 10.5, Style::Bold);
    let columns = [col("", 138.0, Align::Left), col("", 40.0, Align::Right)];
    flow.statement_table(
        &columns,
        &[
            vec![
                format!("  Egenkapital {}", format_date(doc.from)),
                n(doc.equity_start),
            ],
            vec!["  Årets resultat".into(), n(doc.result)],
            vec![
                format!("Egenkapital {}", format_date(doc.to)),
                n(doc.equity_end),
            ],
        ],
        9.5,
    );

    if !doc.notes.is_empty() {
        section(&mut flow, "Noter", 20.0);
        for (i, (title, paras)) in doc.notes.iter().enumerate() {
            flow.need(14.0);
            flow.paragraph(&format!("{}. {title}", i + 1), 10.5, Style::Bold);
            for p in paras {
                flow.paragraph(p, 10.0, Style::Regular);
            }
            flow.gap(2.5);
        }
    }
    flow.finish(&title, &doc.association_name, doc.created_unix)
}
