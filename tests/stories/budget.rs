//! The treasurer (issue 6) on both engines: a 3 mio. kr. operating grant under an agreement,
//! paid in four instalments, with development goals; a budget of 8 lines, some funded by the
//! grant; 200 bookings imported from two bank files (Windows-1252 and UTF-8) where the second
//! skips the overlap and rules learned from the first suggest the lines; budget vs. actual and
//! the projection to the øre, per line and per grant; visitor counts; the social frikort's cap;
//! and the budget follow-up, the grant report and the bookings CSV read back.

use chrono::NaiveDate;
use kvorum_api::budget::{
    BankChoice, BankImportRequest, BookingUpdate, BudgetLineInput, BudgetLineRemove,
};
use kvorum_api::documents::ExportRequest;
use kvorum_api::dto::*;
use kvorum_api::grants::{FrikortJobInput, GoalStatusInput, GrantInput};
use kvorum_api::ErrorCode;
use kvorum_core::budget::{BookingInput, LineKind};
use kvorum_core::grants::{
    Agreement, Goal, GoalState, GrantKind, InKind, InstalmentState, ReportDeadline, VisitTally,
};
use kvorum_tests::Engine;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A statement line as a Danish bank writes it: `05-03-2026;Husleje marts;-12.500,00;…`
fn row(day: NaiveDate, text: &str, ore: i64, balance: i64) -> String {
    let money = |v: i64| {
        let sign = if v < 0 { "-" } else { "" };
        let a = v.abs();
        let kr = a / 100;
        let mut s = kr.to_string();
        let mut out = String::new();
        while s.len() > 3 {
            let tail = s.split_off(s.len() - 3);
            out = format!(".{tail}{out}");
        }
        format!("{sign}{s}{out},{:02}", a % 100)
    };
    format!(
        "{};{text};{};{}",
        day.format("%d-%m-%Y"),
        money(ore),
        money(balance)
    )
}

/// The year's bank lines: 196 everyday lines from 2 January to late October and the four
/// instalments of the operating grant, by date.
fn statement() -> Vec<(NaiveDate, String, i64)> {
    let mut lines = Vec::new();
    let mut day = date(2026, 1, 2);
    for i in 0..196 {
        let (text, ore) = match i % 5 {
            0 => ("Husleje Jernbanegade".to_owned(), -320_000),
            1 => (format!("Dankort Netto Nykøbing {i}"), -45_075),
            2 => ("Løn frivilligkoordinator".to_owned(), -3_800_000),
            3 => ("MobilePay café salg".to_owned(), 125_000),
            _ => ("SEAS-NVE el".to_owned(), -150_000),
        };
        lines.push((day, text, ore));
        if i % 2 == 1 {
            day += chrono::Duration::days(3);
        }
    }
    for m in [1, 4, 7, 10] {
        lines.push((
            date(2026, m, 1),
            "Guldborgsund Kommune driftstilskud".into(),
            75_000_000,
        ));
    }
    lines.sort_by_key(|(d, _, _)| *d);
    lines
}

/// What the budget line for a statement text is.
fn pick(text: &str) -> &'static str {
    match text {
        t if t.starts_with("Husleje") => "Husleje",
        t if t.starts_with("Dankort") => "Café og mad",
        t if t.starts_with("Løn") => "Løn",
        t if t.starts_with("MobilePay") => "Salg",
        t if t.starts_with("Guldborgsund") => "Driftstilskud",
        _ => "El og varme",
    }
}

async fn budget_story(engine: Engine) {
    let db = engine.fresh().await;
    let today = date(2026, 11, 28);
    let api = db.open_on("Kasper (kasserer)", today).await;
    kvorum_tests::perronen(&api).await;

    // The operating agreement: 3 mio. kr. a year for 2026–27, quarterly, revised every 2 years.
    let grant = api
        .grant_save(GrantInput {
            id: None,
            version: 0,
            name: "Driftstilskud 2026–27".into(),
            grantor: "Guldborgsund Kommune".into(),
            kind: GrantKind::Operating,
            starts_on: date(2026, 1, 1),
            ends_on: date(2027, 12, 31),
            amount_per_year: Money::from_kr(3_000_000),
            purpose: "Drift af værestedet Perronen for socialt udsatte.".into(),
            conditions: "Årsrapport og revideret regnskab senest 31. marts.".into(),
            instalments_per_year: Some(4),
            instalments: vec![],
            deadlines: vec![ReportDeadline {
                due: date(2026, 12, 15),
                what: "Status på udviklingsmål".into(),
                done_on: None,
            }],
            agreement: Some(Agreement {
                parties: "Guldborgsund Kommune og Foreningen Perronen".into(),
                revision_years: 2,
                next_revision: Some(date(2027, 10, 1)),
                goals: vec![
                    Goal {
                        description: "Flere frivillige".into(),
                        target: "30 aktive frivillige ved udgangen af 2027".into(),
                        statuses: vec![],
                    },
                    Goal {
                        description: "Åbent i weekenden".into(),
                        target: "Åbent lørdag og søndag fra 1. juni 2026".into(),
                        statuses: vec![],
                    },
                ],
            }),
            in_kind: vec![InKind {
                description: "Lokaler i stationsbygningen".into(),
                hours_per_week: None,
                value_per_year: Money::from_kr(96_000),
            }],
        })
        .await
        .unwrap();
    assert_eq!(grant.instalments.len(), 8);
    let bad = api
        .grant_save(GrantInput {
            id: None,
            version: 0,
            name: "".into(),
            grantor: "".into(),
            kind: GrantKind::Activity,
            starts_on: date(2026, 5, 1),
            ends_on: date(2026, 1, 1),
            amount_per_year: Money(0),
            purpose: String::new(),
            conditions: String::new(),
            instalments_per_year: None,
            instalments: vec![],
            deadlines: vec![],
            agreement: None,
            in_kind: vec![],
        })
        .await
        .unwrap_err();
    let fields: Vec<&str> = bad.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "grantor", "endsOn", "amountPerYear"]);

    let lines = [
        ("Driftstilskud", LineKind::Income, 3_000_000, true),
        ("Kontingent", LineKind::Income, 6_000, false),
        ("Salg", LineKind::Income, 40_000, false),
        ("Løn", LineKind::Expense, 1_900_000, true),
        ("Husleje", LineKind::Expense, 150_000, true),
        ("El og varme", LineKind::Expense, 60_000, true),
        ("Café og mad", LineKind::Expense, 90_000, true),
        ("Aktiviteter", LineKind::Expense, 40_000, false),
    ];
    for (name, kind, kr, funded) in lines {
        api.budget_set_line(BudgetLineInput {
            fee_line: false,
            year: 2026,
            id: None,
            version: 0,
            name: name.into(),
            kind,
            amount: Money::from_kr(kr),
            grant: funded.then_some(grant.id),
        })
        .await
        .unwrap();
    }
    let dup = api
        .budget_set_line(BudgetLineInput {
            fee_line: false,
            year: 2026,
            id: None,
            version: 0,
            name: "Husleje".into(),
            kind: LineKind::Expense,
            amount: Money::from_kr(1),
            grant: None,
        })
        .await
        .unwrap_err();
    assert!(
        dup.fields[0].message.contains("allerede en post"),
        "{dup:?}"
    );
    // A line added by mistake, with nothing on it, is removed (at the version seen).
    let v = api
        .budget_set_line(BudgetLineInput {
            fee_line: false,
            year: 2026,
            id: None,
            version: 0,
            name: "Husleje (fejl)".into(),
            kind: LineKind::Expense,
            amount: Money::from_kr(1),
            grant: None,
        })
        .await
        .unwrap();
    let wrong = v
        .lines
        .iter()
        .find(|l| l.line.name == "Husleje (fejl)")
        .unwrap()
        .line
        .clone();
    let v = api
        .budget_remove_line(BudgetLineRemove {
            year: 2026,
            id: wrong.id,
            version: wrong.version,
        })
        .await
        .unwrap();
    assert_eq!(v.lines.len(), 8);
    assert!(v.lines.iter().all(|l| l.line.name != "Husleje (fejl)"));

    // A member's fee appears on "Kontingent" without being typed twice.
    api.fee_rate_set(FeeRate {
        year: 2026,
        membership_type: "ordinary".into(),
        amount: Money(15_000),
    })
    .await
    .unwrap();
    let member = api
        .member_add(MemberInput {
            name: "Birthe Frivillig".into(),
            membership_type: "ordinary".into(),
            joined_on: Some(date(2025, 3, 1)),
            ..Default::default()
        })
        .await
        .unwrap();
    api.fee_pay(PaymentInput {
        member_id: member.id,
        year: 2026,
        paid_on: Some(date(2026, 2, 1)),
        amount: Money(15_000),
        method: PaymentMethod::MobilePay,
        voucher_no: None,
    })
    .await
    .unwrap();

    // The bank: the first file (to early June, Windows-1252, 120 lines), the treasurer picks
    // each line's budget line; the second (UTF-8) overlaps it by 40 lines.
    let bank = statement();
    assert_eq!(bank.len(), 200);
    let mut balance = 20_000_000i64;
    let rows: Vec<String> = bank
        .iter()
        .map(|(d, t, ore)| {
            balance += ore;
            row(*d, t, *ore, balance)
        })
        .collect();
    let head = "Dato;Tekst;Beløb;Saldo".to_owned();
    let first: String = std::iter::once(head.clone())
        .chain(rows[..120].iter().cloned())
        .collect::<Vec<_>>()
        .join("\r\n");
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&first);
    let request = |bytes: Vec<u8>, lines: Vec<BankChoice>| BankImportRequest {
        file_name: None,
        account: None,
        accept_fees: false,
        bytes,
        file: None,
        mapping: None,
        lines,
    };
    let p = api
        .bank_import_preview(request(cp1252.to_vec(), vec![]))
        .await
        .unwrap();
    assert_eq!(p.encoding, "Windows-1252");
    assert_eq!((p.new_lines, p.duplicates, p.errors), (120, 0, 0));
    assert!(
        p.rows.iter().all(|r| r.budget_line.is_none()),
        "nothing learned yet"
    );
    assert!(p
        .rows
        .iter()
        .any(|r| r.line.as_ref().unwrap().text == "Dankort Netto Nykøbing 1"));
    let choices: Vec<BankChoice> = p
        .rows
        .iter()
        .map(|r| BankChoice {
            transfer: None,
            fee: None,
            line_no: r.line_no,
            budget_line: pick(&r.line.as_ref().unwrap().text).into(),
        })
        .collect();
    let out = api
        .bank_import_apply(request(cp1252.to_vec(), choices))
        .await
        .unwrap();
    assert_eq!((out.imported, out.skipped), (120, 0));

    let second: String = std::iter::once(head)
        .chain(rows[80..].iter().cloned())
        .collect::<Vec<_>>()
        .join("\n");
    let p = api
        .bank_import_preview(request(second.clone().into_bytes(), vec![]))
        .await
        .unwrap();
    assert_eq!(p.encoding, "UTF-8");
    assert_eq!((p.new_lines, p.duplicates), (80, 40));
    for r in p.rows.iter().filter(|r| !r.duplicate) {
        let l = r.line.as_ref().unwrap();
        assert_eq!(
            r.budget_line.as_deref(),
            Some(pick(&l.text)),
            "suggested for {}",
            l.text
        );
    }
    let out = api
        .bank_import_apply(request(second.clone().into_bytes(), vec![]))
        .await
        .unwrap();
    assert_eq!((out.imported, out.skipped), (80, 40));
    let again = api
        .bank_import_apply(request(second.into_bytes(), vec![]))
        .await
        .unwrap();
    assert_eq!(again.imported, 0, "a file imported twice adds nothing");
    let bookings = api.bookings_list(2026).await.unwrap().bookings;
    // 200 bank lines and the fee payment, which is a booking on the fee line (voucher 1).
    assert_eq!(bookings.len(), 201);
    assert!(bookings
        .iter()
        .any(|b| b.voucher_no == "1" && b.payment.is_some()));
    assert_eq!(
        bookings
            .iter()
            .map(|b| b.voucher_no.parse::<u32>().unwrap())
            .max(),
        Some(201)
    );

    // A bad file: a clear error naming line and column, nothing imported.
    let bad = "Dato;Tekst;Beløb\n01-06-2026;Kaffe;-12,50\n02-06-2026;Te;mange penge\n";
    let p = api
        .bank_import_preview(request(bad.into(), vec![]))
        .await
        .unwrap();
    assert_eq!(
        p.rows[1]
            .error
            .as_deref()
            .map(|e| e.starts_with("Linje 3, kolonne Beløb")),
        Some(true)
    );
    let refused = api
        .bank_import_apply(request(bad.into(), vec![]))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Import);
    assert!(
        refused.message.contains("intet er importeret"),
        "{refused:?}"
    );
    let after_bad = api.bookings_list(2026).await.unwrap();
    assert_eq!(after_bad.bookings.len(), 201);
    assert_eq!(after_bad.next_voucher_no, "202");

    // A booking by hand gets the next voucher number; later it is put on a line.
    let b = api
        .booking_add(BookingInput {
            account: None,
            counter_account: None,
            booked_on: date(2026, 6, 30),
            amount: Money(-123_450),
            text: "Kontorartikler".into(),
            voucher_no: None,
            line: None,
            grant: None,
            voucher_file: None,
        })
        .await
        .unwrap();
    assert_eq!(b.voucher_no, "202");
    let taken = api
        .booking_add(BookingInput {
            account: None,
            counter_account: None,
            booked_on: date(2026, 6, 30),
            amount: Money(-100),
            text: "Frimærker".into(),
            voucher_no: Some("17".into()),
            line: None,
            grant: None,
            voucher_file: None,
        })
        .await
        .unwrap_err();
    assert_eq!(taken.fields[0].field, "voucherNo");
    let v = api.budget_get(2026, None).await.unwrap();
    assert_eq!(v.unassigned, Money(-123_450));
    let activities = v
        .lines
        .iter()
        .find(|l| l.line.name == "Aktiviteter")
        .unwrap()
        .line
        .id;
    let moved = api
        .booking_update(BookingUpdate {
            counter_account: None,
            id: b.id,
            version: b.version,
            line: Some(activities),
            grant: None,
            text: "Kontorartikler til aktiviteter".into(),
            voucher_file: Some("bilag/2026-201.pdf".into()),
        })
        .await
        .unwrap();
    assert_eq!(moved.version, 2);
    // A line with a booking on it stays: the books never lose a booking.
    let v = api.budget_get(2026, None).await.unwrap();
    let line = |name: &str| {
        v.lines
            .iter()
            .find(|l| l.line.name == name)
            .unwrap()
            .line
            .clone()
    };
    let act = line("Aktiviteter");
    let in_use = api
        .budget_remove_line(BudgetLineRemove {
            year: 2026,
            id: act.id,
            version: act.version,
        })
        .await
        .unwrap_err();
    assert_eq!(
        in_use.message,
        "Budgetposten »Aktiviteter« har 1 postering og kan ikke fjernes. Flyt den til en anden post under Posteringer først."
    );
    let fee_line = line("Kontingent");
    let fees = api
        .budget_remove_line(BudgetLineRemove {
            year: 2026,
            id: fee_line.id,
            version: fee_line.version,
        })
        .await
        .unwrap_err();
    // The fee payment is a booking on the fee line, so the line is in use like any other.
    assert_eq!(
        fees.message,
        "Budgetposten »Kontingent« har 1 postering og kan ikke fjernes. Flyt den til en anden post under Posteringer først."
    );
    assert_eq!(api.budget_get(2026, None).await.unwrap().lines.len(), 8);
    let stale = api
        .booking_update(BookingUpdate {
            counter_account: None,
            id: b.id,
            version: b.version,
            line: None,
            grant: None,
            text: "x".into(),
            voucher_file: None,
        })
        .await
        .unwrap_err();
    assert_eq!(stale.code, ErrorCode::Conflict);

    // Budget vs. actual on 28 November, to the øre, computed here from the statement.
    let sum = |line: &str| -> i64 {
        bank.iter()
            .filter(|(_, t, _)| pick(t) == line)
            .map(|(_, _, o)| o)
            .sum()
    };
    let v = api.budget_get(2026, None).await.unwrap();
    let line = |n: &str| {
        v.lines
            .iter()
            .find(|l| l.line.name == n)
            .unwrap()
            .status
            .clone()
    };
    assert_eq!(line("Husleje").actual, Money(-sum("Husleje")));
    assert_eq!(line("Husleje").actual, Money(40 * 320_000));
    assert_eq!(line("Løn").actual, Money(39 * 3_800_000));
    assert_eq!(line("Driftstilskud").actual, Money::from_kr(3_000_000));
    assert_eq!(line("Kontingent").actual, Money(15_000));
    assert_eq!(line("Aktiviteter").actual, Money(123_450));
    assert_eq!(v.unassigned, Money(0));
    // The projection is linear in days: 332 of 365 days have passed on 28 November.
    let elapsed = (today - date(2026, 1, 1)).num_days() + 1;
    assert_eq!(elapsed, 332);
    let rent = 40 * 320_000i64;
    assert_eq!(
        line("Husleje").projected,
        Money((rent * 365 + elapsed / 2) / elapsed)
    );
    assert_eq!(line("Husleje").used_permille, Some(853));
    assert!(line("Aktiviteter")
        .warning
        .as_deref()
        .unwrap()
        .starts_with("Forventes ikke brugt"));
    assert_eq!(
        v.expense_actual.0,
        40 * 320_000 + 39 * 45_075 + 39 * 3_800_000 + 39 * 150_000 + 123_450
    );

    // Per grant: the four instalments received, spending on the funded lines, even pace.
    let o = api.overview(2026, None).await.unwrap();
    let g = &o.grants[0];
    assert_eq!(g.year_amount, Money::from_kr(3_000_000));
    assert_eq!(g.received, Money::from_kr(3_000_000));
    assert_eq!(g.instalments.len(), 4);
    assert!(g
        .instalments
        .iter()
        .all(|i| i.state == InstalmentState::Received));
    assert_eq!(g.instalments[2].received_on, Some(date(2026, 7, 1)));
    let funded = -(sum("Løn") + sum("Husleje") + sum("El og varme") + sum("Café og mad"));
    assert_eq!(g.spending.actual, Money(funded));
    assert_eq!(g.funded_lines.len(), 4);
    assert_eq!(g.pace.len(), 12);
    assert_eq!(g.pace[11].even, Money::from_kr(3_000_000));
    assert_eq!(g.pace[10].actual, Some(Money(funded)));
    assert_eq!(g.pace[11].actual, None, "December has not begun");
    assert!(g
        .spending
        .warning
        .as_deref()
        .unwrap()
        .starts_with("Forventes ikke brugt"));
    assert!(g.audit_level.contains("registreret"));
    assert_eq!(
        o.reminders,
        ["Status på udviklingsmål til Guldborgsund Kommune: frist 15.12.2026 (om 17 dage)."]
    );
    assert_eq!(o.in_kind_value, Money::from_kr(96_000));

    // Development goals: status entries over time; the latest is reported.
    let mut version = grant.version;
    for (goal, on, state, note) in [
        (0, date(2026, 6, 30), GoalState::Behind, "18 frivillige"),
        (
            0,
            date(2026, 11, 1),
            GoalState::OnTrack,
            "26 frivillige, 5 på introkursus",
        ),
        (1, date(2026, 6, 1), GoalState::Met, ""),
    ] {
        version = api
            .grant_goal_status(GoalStatusInput {
                grant: grant.id,
                version,
                goal,
                on,
                state,
                note: note.into(),
            })
            .await
            .unwrap()
            .version;
    }
    let gs = api.grants_list(2026, None).await.unwrap();
    let goals = &gs[0].grant.agreement.as_ref().unwrap().goals;
    assert_eq!(goals[0].statuses.len(), 2);
    assert_eq!(goals[0].latest().unwrap().state, GoalState::OnTrack);

    // Editing the grant (as the form does: goals and schedule as typed, no history) keeps the
    // goals' status history, and a new amount makes a new schedule.
    let before = gs[0].grant.clone();
    let edited = api
        .grant_save(GrantInput {
            id: Some(before.id),
            version: before.version,
            name: before.name.clone(),
            grantor: before.grantor.clone(),
            kind: before.kind,
            starts_on: before.starts_on,
            ends_on: before.ends_on,
            amount_per_year: Money::from_kr(3_200_000),
            purpose: before.purpose.clone(),
            conditions: before.conditions.clone(),
            instalments_per_year: Some(4),
            instalments: vec![],
            deadlines: before.deadlines.clone(),
            agreement: before.agreement.clone().map(|mut a| {
                for g in &mut a.goals {
                    g.statuses.clear();
                }
                a
            }),
            in_kind: before.in_kind.clone(),
        })
        .await
        .unwrap();
    assert_eq!(
        edited.agreement.as_ref().unwrap().goals[0].statuses.len(),
        2
    );
    assert_eq!(edited.instalments[0].amount, Money::from_kr(800_000));
    let stale = api
        .grant_goal_status(GoalStatusInput {
            grant: grant.id,
            version: before.version,
            goal: 0,
            on: today,
            state: GoalState::OnTrack,
            note: "x".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(stale.code, ErrorCode::Conflict);

    // Anonymous visitor counts: numbers per day or month, never names.
    for (d, n) in [(date(2026, 11, 2), 31), (date(2026, 11, 3), 27)] {
        api.visits_set(VisitTally {
            day: d,
            whole_month: false,
            visitors: n,
        })
        .await
        .unwrap();
    }
    api.visits_set(VisitTally {
        day: date(2026, 10, 1),
        whole_month: true,
        visitors: 612,
    })
    .await
    .unwrap();
    api.visits_set(VisitTally {
        day: date(2025, 10, 1),
        whole_month: true,
        visitors: 540,
    })
    .await
    .unwrap();
    let visits = api.visits_get(2026).await.unwrap();
    assert_eq!(visits.summary.months[9], 612);
    assert_eq!(visits.summary.months[10], 58);
    assert_eq!(visits.summary.total, 670);
    assert!(
        visits
            .summary
            .trend
            .starts_with("Flere besøg end året før: 670 mod 540"),
        "{}",
        visits.summary.trend
    );
    let future = api
        .visits_set(VisitTally {
            day: date(2026, 12, 24),
            whole_month: false,
            visitors: 3,
        })
        .await
        .unwrap_err();
    assert_eq!(future.fields[0].field, "day");

    // The social frikort: a warning from 80 % of the cap, a refusal past it.
    let cap = api.frikort_get(2026).await.unwrap();
    assert_eq!(cap.cap, Money::from_kr(42_766));
    assert!(cap.cap_assumed, "2026's cap is not set yet");
    api.frikort_set_cap(2026, Money::from_kr(43_000))
        .await
        .unwrap();
    let w = api.frikort_add_worker("Jens (café)".into()).await.unwrap();
    let job = |day: u32, kr: i64| FrikortJobInput {
        worker: w.id,
        worked_on: date(2026, 10, day),
        description: "Opvask i caféen".into(),
        amount: Money::from_kr(kr),
    };
    let f = api.frikort_add_job(job(1, 30_000)).await.unwrap();
    assert!(f.workers[0].warning.is_none());
    let f = api.frikort_add_job(job(8, 5_000)).await.unwrap();
    assert!(f.workers[0]
        .warning
        .as_deref()
        .unwrap()
        .starts_with("Over 80 %"));
    let refused = api.frikort_add_job(job(15, 9_000)).await.unwrap_err();
    assert!(
        refused.fields[0]
            .message
            .contains("Der er 8.000,00 kr. tilbage"),
        "{refused:?}"
    );
    assert_eq!(
        api.frikort_get(2026).await.unwrap().workers[0].earned,
        Money::from_kr(35_000)
    );

    // The files: the grant report, the budget follow-up and the bookings for the auditor.
    let report = api
        .export(ExportRequest::GrantReportPdf {
            grant: grant.id,
            year: 2026,
        })
        .await
        .unwrap();
    let text = kvorum_docs::pdf::page_texts(&report.bytes)
        .unwrap()
        .join("\n");
    // Until Guldborgsund's own rule is set, the common model: a registered accountant audits
    // 3 mio. kr. a year, and the standard declaration is signed.
    assert!(
        text.contains("Vi erklærer, at tilskuddet er anvendt"),
        "{text}"
    );
    assert!(
        text.contains("Registreret eller statsautoriseret revisor"),
        "{text}"
    );
    // The grantor's own thresholds and declaration: a bad pair is refused at its field.
    let bad = api
        .grantor_rule_set(GrantorRule {
            grantor: "guldborgsund  kommune".into(),
            board_up_to: Money::from_kr(50_000),
            professional_above: Money::from_kr(20_000),
            declaration: "x".into(),
            version: 0,
        })
        .await
        .unwrap_err();
    assert_eq!(bad.fields[0].field, "professionalAbove");
    assert!(bad.fields[0].message.contains("mindst"), "{bad:?}");
    let declaration = "Foreningen erklærer på tro og love, at tilskuddet fra Guldborgsund Kommune er anvendt efter driftsaftalen.";
    let rule = api
        .grantor_rule_set(GrantorRule {
            grantor: "guldborgsund  kommune".into(),
            board_up_to: Money::from_kr(50_000),
            professional_above: Money::from_kr(5_000_000),
            declaration: declaration.into(),
            version: 0,
        })
        .await
        .unwrap();
    assert_eq!(
        (rule.grantor.as_str(), rule.version),
        ("guldborgsund kommune", 1)
    );
    let stale = api
        .grantor_rule_set(GrantorRule {
            version: 0,
            ..rule.clone()
        })
        .await;
    assert_eq!(stale.unwrap_err().code, ErrorCode::Conflict);
    let g = api.grant_get(grant.id, 2026).await.unwrap();
    assert_eq!(
        g.audit,
        AuditLevel::Independent,
        "3 mio. is under this grantor's 5 mio."
    );
    let text = kvorum_tests::pdf_text(
        &api,
        ExportRequest::GrantReportPdf {
            grant: grant.id,
            year: 2026,
        },
    )
    .await;
    assert!(
        !text.contains("Registreret eller statsautoriseret revisor"),
        "{text}"
    );
    assert!(text.contains("Revisors erklæring"), "{text}");
    // The year end says what the grants require; a review where an audit is required is said.
    let ye = api.year_end_get(2026).await.unwrap();
    assert_eq!(
        ye.audit_required.as_deref(),
        Some("Driftstilskud 2026–27 fra Guldborgsund Kommune: Revision ved en uafhængig, kyndig person")
    );
    assert_eq!(
        (ye.audit_form, ye.audit_warning.as_deref()),
        (AuditForm::Audited, None)
    );
    let ye = api
        .audit_form_set(AuditFormInput {
            year: 2026,
            form: AuditForm::Reviewed,
            version: ye.audit_form_version,
        })
        .await
        .unwrap();
    assert!(ye
        .audit_warning
        .unwrap()
        .starts_with("Guldborgsund Kommune kræver revision"));
    let accounts_text =
        kvorum_tests::pdf_text(&api, ExportRequest::AnnualAccountsPdf { year: 2026 })
            .await
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    assert!(
        accounts_text.contains("har gennemgået årsregnskabet"),
        "{accounts_text}"
    );
    let ye = api
        .audit_form_set(AuditFormInput {
            year: 2026,
            form: AuditForm::Audited,
            version: ye.audit_form_version,
        })
        .await
        .unwrap();
    assert_eq!(ye.audit_warning, None);
    for needle in [
        "Rapport til Guldborgsund Kommune",
        "på tro og love",
        "Driftstilskud 2026–27",
        "3.000.000,00",
        "Modtaget 01.07.2026",
        "Flere frivillige",
        "På vej (01.11.2026): 26 frivillige, 5 på introkursus",
        "Nået (01.06.2026)",
        "Lokaler i stationsbygningen",
        "96.000,00",
        "Formand",
        "Kasserer",
        "Flere besøg end året før",
    ] {
        assert!(
            text.contains(needle),
            "grant report lacks {needle:?}:\n{text}"
        );
    }
    let followup = api
        .export(ExportRequest::BudgetFollowupPdf { year: 2026 })
        .await
        .unwrap();
    if let Some(dir) = std::env::var_os("KVORUM_STORY_PDF_DIR") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::write(dir.join("grant-report.pdf"), &report.bytes).unwrap();
        std::fs::write(dir.join("budget-followup.pdf"), &followup.bytes).unwrap();
    }
    let text = kvorum_docs::pdf::page_texts(&followup.bytes)
        .unwrap()
        .join("\n");
    for needle in [
        "Budgetopfølgning 2026",
        "Husleje",
        "128.000,00",
        "85 %",
        "Udgifter: budget og faktisk pr. post",
    ] {
        assert!(text.contains(needle), "follow-up lacks {needle:?}:\n{text}");
    }
    let csv = api
        .export(ExportRequest::BookingsCsv { year: 2026 })
        .await
        .unwrap();
    assert_eq!(csv.rows, 202);
    let csv_text = String::from_utf8(csv.bytes[3..].to_vec()).unwrap();
    assert!(csv_text.starts_with("Dato;Bilag;Tekst;Beløb;Budgetpost;Tilskud;Bilagsfil\r\n"));
    assert!(csv_text.contains("01-04-2026;"));
    assert!(csv_text.contains(";750.000,00;Driftstilskud;Driftstilskud 2026–27;"));

    // Next year starts from this year's budget, grants and all.
    let next = api.budget_copy(2026, 2027).await.unwrap();
    assert_eq!(next.lines.len(), 8);
    assert_eq!(
        next.lines
            .iter()
            .filter(|l| l.line.grant == Some(grant.id))
            .count(),
        5
    );
    assert!(api.budget_copy(2026, 2027).await.is_err());
    // The books — bank import, rules, layouts, grants, visits, frikort — move to the other
    // engine and back unchanged.
    let sums = kvorum_tests::round_trip(&api, engine).await;
    for t in ["bookings", "budget_lines", "grants", "bank_rules"] {
        assert!(
            sums.iter().any(|s| s.table == t && s.rows > 0),
            "{t} moved empty"
        );
    }
    api.close().await;
}

/// Arbitrary bytes never panic the bank importer; it answers with a preview or a clear error.
#[tokio::test]
async fn bank_import_never_panics() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let db = Engine::Sqlite.fresh().await;
    let api = db.open_on("Kasper", date(2026, 11, 28)).await;
    api.association_create(AssociationInput {
        name: "Perronen".into(),
        fiscal_year_start_month: 1,
        ..Default::default()
    })
    .await
    .unwrap();
    let rt = tokio::runtime::Handle::current();
    let api = std::sync::Arc::new(api);
    let mut runner = TestRunner::new(Config {
        cases: 300,
        ..Config::default()
    });
    let strategy = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        "Dato;Tekst;Beløb;Saldo\n([0-9.\\-;,a-zæøå ]{0,40}\n){0,8}".prop_map(String::into_bytes),
    ];
    let a = std::sync::Arc::clone(&api);
    let result = tokio::task::spawn_blocking(move || {
        runner.run(&strategy, |bytes| {
            let r = rt.block_on(a.bank_import_preview(BankImportRequest {
                file_name: None,
                account: None,
                accept_fees: false,
                bytes,
                file: None,
                mapping: None,
                lines: vec![],
            }));
            match r {
                Ok(p) => {
                    for row in &p.rows {
                        if let Some(e) = &row.error {
                            prop_assert!(
                                e.starts_with(&format!("Linje {}, kolonne ", row.line_no)),
                                "{e}"
                            );
                        }
                    }
                }
                Err(e) => prop_assert!(!e.message.is_empty()),
            }
            Ok(())
        })
    })
    .await
    .unwrap();
    result.unwrap();
}

kvorum_tests::on_both_engines!(budget_story);
