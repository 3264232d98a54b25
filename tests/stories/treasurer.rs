//! The treasurer's year in the books: opening balances that balance, 30 members' fees as
//! bookings on the fee line (20 typed, 10 recognised in the bank statement, one of them a
//! payment typed before the statement came), a MobilePay report with its fees and the payout
//! booked as a transfer, 12 rent lines put on "Husleje" at once and the rule remembered, a
//! reversal of each kind, the fee run, and a balance sheet that balances to the øre — then to
//! the other engine and back.

use chrono::NaiveDate;
use kvorum_api::closing::{YearCloseInput, YearReopenInput};
use kvorum_api::dto::*;
use kvorum_api::reminders::ReminderRequest;
use kvorum_api::vouchers::VoucherAttach;
use kvorum_core::fees::{PaymentInput, PaymentMethod};
use kvorum_core::meetings::{ItemKind, MeetingKind};
use kvorum_tests::Engine;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn request(bytes: &str, lines: Vec<BankChoice>) -> BankImportRequest {
    BankImportRequest {
        file_name: None,
        bytes: bytes.as_bytes().to_vec(),
        file: None,
        mapping: None,
        lines,
        account: None,
        accept_fees: false,
    }
}

async fn a_year_of_fees_in_the_books(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open_on("Kasserer Karin", date(2026, 12, 1)).await;
    kvorum_tests::perronen(&api).await;
    let accounts = api.accounts().await.unwrap();
    let names: Vec<&str> = accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Bankkonto",
            "Kasse",
            "MobilePay",
            "Tilgodehavender",
            "Forudbetalte omkostninger",
            "Skyldige omkostninger",
            "Ikke forbrugte tilskud",
            "Egenkapital"
        ]
    );
    let id = |n: &str| accounts.iter().find(|a| a.name == n).unwrap().id;
    let (bank, cash, mobilepay, accrued, equity) = (
        id("Bankkonto"),
        id("Kasse"),
        id("MobilePay"),
        id("Skyldige omkostninger"),
        id("Egenkapital"),
    );
    api.account_save(AccountInput {
        id: Some(bank),
        version: 1,
        name: "Lokalbanken".into(),
        kind: AccountKind::Bank,
        reg_no: Some("1234".into()),
        account_no: Some("0012345678".into()),
    })
    .await
    .unwrap();
    let bad = api
        .account_save(AccountInput {
            id: None,
            version: 0,
            name: "Opsparing".into(),
            kind: AccountKind::Bank,
            reg_no: Some("12".into()),
            account_no: None,
        })
        .await
        .unwrap_err();
    assert_eq!(bad.fields[0].field, "regNo");

    // Opening balances: typed off by 100 kr. first (said), then right.
    let opening = |equity_kr: i64| OpeningInput {
        year: 2026,
        balances: vec![
            OpeningBalance {
                account: bank,
                amount: Money::from_kr(50_000),
            },
            OpeningBalance {
                account: cash,
                amount: Money::from_kr(1_000),
            },
            OpeningBalance {
                account: accrued,
                amount: Money::from_kr(2_500),
            },
            OpeningBalance {
                account: equity,
                amount: Money::from_kr(equity_kr),
            },
        ],
    };
    let v = api.opening_balances_set(opening(48_400)).await.unwrap();
    assert_eq!(v.sheet.opening_difference, Money::from_kr(100));
    assert!(
        v.warning.as_deref().unwrap().contains("100,00 kr."),
        "{v:?}"
    );
    let v = api.opening_balances_set(opening(48_500)).await.unwrap();
    assert_eq!(v.warning, None);
    assert_eq!(v.opening_from, OpeningFrom::Typed);

    // 30 members, 150 kr. each for 2026.
    api.fee_rate_set(FeeRate {
        year: 2026,
        membership_type: "ordinary".into(),
        amount: Money::from_kr(150),
    })
    .await
    .unwrap();
    let mut members = Vec::new();
    for i in 1..=30 {
        let m = api
            .member_add(MemberInput {
                name: format!("Medlem{} Ø{}", ["Anne", "Bent", "Carla"][i % 3], i),
                membership_type: "ordinary".into(),
                joined_on: Some(date(2025, 1, 1)),
                email: (i % 2 == 0).then(|| format!("m{i}@example.dk")),
                ..Default::default()
            })
            .await
            .unwrap();
        members.push(m);
    }
    // 20 typed: cash at the café, MobilePay, the bank (member 20 typed before the statement).
    for (i, m) in members.iter().take(20).enumerate() {
        let method = match i % 3 {
            0 => PaymentMethod::Cash,
            1 => PaymentMethod::MobilePay,
            _ => PaymentMethod::BankTransfer,
        };
        let method = if i == 19 {
            PaymentMethod::BankTransfer
        } else {
            method
        };
        api.fee_pay(PaymentInput {
            member_id: m.id,
            year: 2026,
            paid_on: Some(date(2026, 2, 1 + u32::try_from(i).unwrap())),
            amount: Money::from_kr(150),
            method,
            voucher_no: None,
        })
        .await
        .unwrap();
    }
    let v = api.budget_get(2026, None).await.unwrap();
    let fee_line = v.lines.iter().find(|l| l.line.fee_line).unwrap();
    assert_eq!(
        fee_line.line.name, "Kontingent",
        "made when the first fee was paid"
    );
    assert_eq!(fee_line.status.actual, Money::from_kr(20 * 150));

    // The bank statement: 9 fees (by member no., by name, both orders), the typed one,
    // 12 rents, the MobilePay payout, a bank fee.
    // The lines as the bank has them: in date order, each with the running balance.
    let mut raw: Vec<(NaiveDate, String, i64)> = Vec::new();
    let mut push = |d: NaiveDate, text: &str, ore: i64| raw.push((d, text.to_owned(), ore));
    for (k, m) in members.iter().enumerate().skip(20).take(9) {
        let d = date(2026, 3, 1 + u32::try_from(k - 20).unwrap());
        let text = match k % 3 {
            0 => format!("Overførsel medl. {}", m.member_no),
            1 => format!("Fra {}", m.name),
            _ => {
                let mut parts: Vec<&str> = m.name.split(' ').collect();
                parts.reverse();
                format!("Indbetaling {} kontingent", parts.join(" "))
            }
        };
        push(d, &text, 15_000);
    }
    push(
        date(2026, 2, 21),
        &format!("Fra {}", members[19].name),
        15_000,
    );
    for month in 1..=12 {
        push(date(2026, month, 1), "Husleje Stationsvej 4", -400_000);
    }
    push(date(2026, 3, 15), "MobilePay Box 12345 udbetaling", 29_700);
    push(date(2026, 3, 31), "Gebyr netbank", -2_500);
    raw.sort_by_key(|(d, _, _)| *d);
    let mut balance = 5_000_000i64;
    let mut lines = vec!["Dato;Tekst;Beløb;Saldo".to_owned()];
    for (d, text, ore) in &raw {
        balance += ore;
        lines.push(format!(
            "{};{};{};{}",
            d.format("%d-%m-%Y"),
            text,
            Money(*ore).format_number(),
            Money(balance).format_number()
        ));
    }
    let statement = lines.join("\n");
    let p = api
        .bank_import_preview(request(&statement, vec![]))
        .await
        .unwrap();
    assert_eq!(p.source, StatementSource::Bank);
    assert_eq!(p.account, Some(bank));
    assert_eq!(p.new_lines, 24);
    assert_eq!(
        p.fee_proposals,
        10,
        "{:#?}",
        p.rows.iter().map(|r| (&r.line, &r.fee)).collect::<Vec<_>>()
    );
    let typed = p
        .rows
        .iter()
        .find(|r| r.fee.as_ref().is_some_and(|f| f.typed.is_some()))
        .unwrap();
    assert_eq!(typed.fee.as_ref().unwrap().member, members[19].id);
    let rents: Vec<&BankRow> = p
        .rows
        .iter()
        .filter(|r| r.similar.as_deref() == Some("stationsvej"))
        .collect();
    assert_eq!(rents.len(), 12, "the rents share a word");
    // Accept the 9 proposals; the payout is a transfer from MobilePay.
    let mut choices: Vec<BankChoice> = p
        .rows
        .iter()
        .filter_map(|r| {
            let f = r.fee.as_ref()?;
            f.typed.is_none().then(|| BankChoice {
                line_no: r.line_no,
                budget_line: String::new(),
                transfer: None,
                fee: Some(FeeChoice {
                    member: f.member,
                    year: f.year,
                }),
            })
        })
        .collect();
    assert_eq!(choices.len(), 9);
    let payout = p
        .rows
        .iter()
        .find(|r| r.line.as_ref().unwrap().text.starts_with("MobilePay Box"))
        .unwrap();
    choices.push(BankChoice {
        line_no: payout.line_no,
        budget_line: String::new(),
        transfer: Some(mobilepay),
        fee: None,
    });
    let out = api
        .bank_import_apply(request(&statement, choices))
        .await
        .unwrap();
    assert_eq!((out.imported, out.fees), (23, 10), "{}", out.message);
    assert!(
        out.message.contains("10 linjer er bogført som kontingent"),
        "{}",
        out.message
    );

    // The 12 rents onto "Husleje" at once; the rule is remembered.
    let rent_line = api
        .budget_set_line(BudgetLineInput {
            year: 2026,
            id: None,
            version: 0,
            name: "Husleje".into(),
            kind: LineKind::Expense,
            amount: Money::from_kr(48_000),
            grant: None,
            fee_line: false,
        })
        .await
        .unwrap()
        .lines
        .into_iter()
        .find(|l| l.line.name == "Husleje")
        .unwrap()
        .line
        .id;
    let view = api.bookings_list(2026).await.unwrap();
    let example = view
        .bookings
        .iter()
        .find(|b| b.text.starts_with("Husleje"))
        .unwrap();
    let moved = api
        .bookings_assign_similar(SimilarAssign {
            year: 2026,
            example: example.id,
            line: Some(rent_line),
            transfer: None,
        })
        .await
        .unwrap();
    assert_eq!(moved, 12);
    let next_year =
        "Dato;Tekst;Beløb;Saldo\n01-01-2027;Husleje Stationsvej 4;-4.000,00;10.000,00\n";
    let p = api
        .bank_import_preview(request(next_year, vec![]))
        .await
        .unwrap();
    assert_eq!(p.rows[0].budget_line.as_deref(), Some("Husleje"));
    let payout_again =
        "Dato;Tekst;Beløb;Saldo\n15-04-2026;MobilePay Box 12345 udbetaling;100,00;9.000,00\n";
    let p = api
        .bank_import_preview(request(payout_again, vec![]))
        .await
        .unwrap();
    assert_eq!(
        p.rows[0].transfer,
        Some(mobilepay),
        "the transfer rule is remembered"
    );

    // The MobilePay report: two fees for 2027 paid in advance (gross, MobilePay's fee out),
    // and the payout to the bank skipped (the bank statement booked it).
    api.fee_rate_set(FeeRate {
        year: 2027,
        membership_type: "ordinary".into(),
        amount: Money::from_kr(175),
    })
    .await
    .unwrap();
    let report = format!(
        "Salgsdato;Transaktions-ID;Brutto;Gebyr;Netto;Transaktionstype;Fornavn;Efternavn;Besked\n\
         10.03.2026;T1;150,00;1,50;148,50;Salg;{};Kontingent\n\
         11.03.2026;T2;150,00;1,50;148,50;Salg;{};\n\
         15.03.2026;T3;297,00;;297,00;Overførsel;;;\n",
        split(&members[29].name),
        split(&members[0].name),
    );
    let p = api
        .bank_import_preview(request(&report, vec![]))
        .await
        .unwrap();
    assert_eq!(p.source, StatementSource::MobilePay);
    assert_eq!(p.account, Some(mobilepay));
    assert_eq!((p.new_lines, p.pending), (4, 1));
    // Member 30 still owes 2026 (the bank had only 9 of the 10 others); member 1 has paid
    // 2026 and owes nothing at 150 kr.
    let proposed: Vec<(i64, i32)> = p
        .rows
        .iter()
        .filter_map(|r| r.fee.as_ref().map(|f| (f.member_no, f.year)))
        .collect();
    assert_eq!(proposed, vec![(members[29].member_no, 2026)]);
    let mp = BankImportRequest {
        file_name: None,
        accept_fees: true,
        ..request(&report, vec![])
    };
    let out = api.bank_import_apply(mp).await.unwrap();
    assert_eq!((out.imported, out.fees), (4, 1));

    // Every member has paid 2026 now; one of them by MobilePay twice over (member 1's
    // second 150 kr. stays unassigned income until the treasurer decides).
    let run = api.fee_run(2026).await.unwrap();
    assert_eq!(run.run.lines.len(), 30);
    assert_eq!(
        run.run.members_owing,
        0,
        "{:?}",
        run.run
            .lines
            .iter()
            .filter(|l| l.owed.0 > 0)
            .collect::<Vec<_>>()
    );
    assert_eq!(run.run.paid, Money::from_kr(30 * 150));
    assert_eq!(run.unbooked, 0);
    let v = api.budget_get(2026, None).await.unwrap();
    let fee_line = v.lines.iter().find(|l| l.line.fee_line).unwrap();
    assert_eq!(
        fee_line.status.actual,
        Money::from_kr(30 * 150),
        "one truth"
    );

    // Reversals: a typed cash payment takes its booking with it; a fee from the bank stays
    // in the books as income, no longer the member's.
    let before = api.bookings_list(2026).await.unwrap().bookings.len();
    let (api_ref, members_ref) = (&api, &members);
    let pay = |m: usize| async move {
        api_ref
            .member_get(members_ref[m].id)
            .await
            .unwrap()
            .payments[0]
            .id
    };
    let cash_payment = pay(0).await;
    api.fee_payment_reverse(PaymentReversal {
        member: members[0].id,
        payment: cash_payment,
        reason: "Registreret på det forkerte medlem".into(),
    })
    .await
    .unwrap();
    let bank_payment = pay(21).await;
    api.fee_payment_reverse(PaymentReversal {
        member: members[21].id,
        payment: bank_payment,
        reason: "Betalt af naboen".into(),
    })
    .await
    .unwrap();
    let after = api.bookings_list(2026).await.unwrap().bookings;
    assert_eq!(after.len(), before - 1);
    let orphan = after
        .iter()
        .find(|b| {
            b.bank_key.is_some()
                && b.payment.is_none()
                && b.amount == Money(15_000)
                && b.account == Some(bank)
        })
        .unwrap()
        .clone();
    // …and is given to the right member.
    let given = api
        .booking_fee_assign(BookingFeeAssign {
            booking: orphan.id,
            version: orphan.version,
            member: members[0].id,
            year: 2026,
        })
        .await
        .unwrap();
    assert!(given.payment.is_some());
    let run = api.fee_run(2026).await.unwrap();
    assert_eq!(run.run.members_owing, 1);
    let owing = run.run.lines.iter().find(|l| l.owed.0 > 0).unwrap();
    assert_eq!(
        (owing.member_no, owing.owed),
        (members[21].member_no, Money::from_kr(150))
    );
    assert_eq!(owing.days_overdue, 304, "31 January to 1 December");

    // The balance sheet: every account to the øre, and it balances.
    let s = api.balance_get(2026).await.unwrap().sheet;
    let closing = |a| {
        s.accounts
            .iter()
            .find(|x| x.account.id == a)
            .unwrap()
            .closing
    };
    // Cash: 1.000 + 7 typed cash fees − the one reversed.
    assert_eq!(closing(cash), Money::from_kr(1_000 + 6 * 150));
    // MobilePay: 6 typed + 2 gross in the report − 2 × 1,50 fee − the payout (297,00).
    assert_eq!(
        closing(mobilepay),
        Money(6 * 15_000 + 2 * 15_000 - 300 - 29_700)
    );
    // Bank: 50.000 + 7 typed bank fees (one of them matched to its line) + 9 fees from the
    // statement − 12 rents + the payout − the bank's fee.
    assert_eq!(
        closing(bank),
        Money(5_000_000 + 16 * 15_000 - 12 * 400_000 + 29_700 - 2_500)
    );
    // 31 fees in, one typed by mistake taken back; the rents, the bank's and MobilePay's fees.
    assert_eq!(s.result, Money(30 * 15_000 - 12 * 400_000 - 2_500 - 300));
    assert!(s.balances(), "{s:#?}");
    assert_eq!(s.equity_closing, Money::from_kr(48_500) + s.result);
    // 2027 opens with 2026's closing balances, the result carried to equity.
    let next = api.balance_get(2027).await.unwrap();
    assert_eq!(next.opening_from, OpeningFrom::Carried { year: 2026 });
    let eq27 = next
        .sheet
        .accounts
        .iter()
        .find(|x| x.account.id == equity)
        .unwrap();
    assert_eq!(eq27.opening, s.equity_closing);
    assert_eq!(next.sheet.opening_difference, Money::ZERO);

    // Reminders: the one who owes by e-mail, a member without e-mail by letter.
    let ole = api
        .member_add(MemberInput {
            name: "Ole Uden Mail".into(),
            membership_type: "ordinary".into(),
            joined_on: Some(date(2025, 6, 1)),
            address: Some("Stationsvej 4".into()),
            postal_code: Some("4800".into()),
            city: Some("Nykøbing F".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let run = api.fee_run(2026).await.unwrap();
    assert_eq!(run.due.len(), 2, "{:?}", run.due);
    assert!(run
        .due
        .iter()
        .all(|d| d.level == 1 && d.from == date(2026, 2, 14)));
    let none = api
        .fee_reminders_prepare(ReminderRequest {
            year: 2026,
            level: 2,
            members: vec![],
        })
        .await
        .unwrap_err();
    assert_eq!(
        none.message,
        "Ingen skal have 2. rykker for kontingent 2026 i dag."
    );
    let batch = api
        .fee_reminders_prepare(ReminderRequest {
            year: 2026,
            level: 1,
            members: vec![],
        })
        .await
        .unwrap();
    assert_eq!(
        (batch.emails, batch.letters, batch.folder.as_str()),
        (1, 1, "rykkere-2026-1")
    );
    let eml = batch
        .files
        .iter()
        .find(|f| f.file_name.ends_with(".eml"))
        .unwrap();
    assert_eq!(
        eml.file_name,
        format!("rykker-1-nr-{}-medlembent-oe22.eml", members[21].member_no)
    );
    let mail = kvorum_tests::quoted_printable_text(&String::from_utf8_lossy(&eml.bytes));
    assert!(
        mail.starts_with("To: ") && mail.contains("<m22@example.dk>"),
        "{mail}"
    );
    assert!(
        !mail.contains("Cc:") && !mail.contains("Bcc:"),
        "one member per e-mail: {mail}"
    );
    assert!(mail.contains("X-Unsent: 1"));
    let pdf = batch
        .files
        .iter()
        .find(|f| f.file_name == "rykkere-2026-1-breve.pdf")
        .unwrap();
    let text = kvorum_docs::pdf::page_texts(&pdf.bytes).unwrap().join("\n");
    for needle in [
        "Påmindelse om kontingent for 2026",
        "Ole Uden Mail",
        "Stationsvej 4",
        "4800 Nykøbing F",
        "Kære Ole Uden Mail",
        "150,00 kr., som forfaldt den 31.01.2026",
        "Reg.nr. 1234 konto 0012345678",
        "Medlemsnr.",
        "Kassereren, Foreningen Perronen",
    ] {
        assert!(
            text.contains(needle),
            "the letter lacks {needle:?}:\n{text}"
        );
    }
    // Nothing is noted until the files are saved; then both, and the first is not due again.
    assert_eq!(api.fee_run(2026).await.unwrap().reminders.len(), 0);
    let saved = api.fee_reminders_record(&batch).await.unwrap();
    assert_eq!(
        saved.message,
        "1 e-mail-kladde og 1 brev er gemt, og rykkerne er noteret på medlemmerne."
    );
    assert!(api.fee_reminders_record(&batch).await.is_err(), "not twice");
    let run = api.fee_run(2026).await.unwrap();
    assert_eq!(run.reminders.len(), 2);
    assert!(run.due.is_empty());
    assert!(
        run.payment_details,
        "the bank account's number is on the letter"
    );
    let next = run.next.expect("the second reminder falls due later");
    assert_eq!(
        (next.level, next.from),
        (2, date(2026, 12, 15)),
        "14 days after the first"
    );
    let history = api.member_get(ole.id).await.unwrap().history;
    assert!(
        history
            .iter()
            .any(|h| h.text == "1. rykker for kontingent 2026 sendt som brev: 150,00 kr."),
        "{history:?}"
    );
    // Fourteen days later the second is due; Ole pays, and only the other gets it.
    let later = db.open_on("Kasserer Karin", date(2026, 12, 15)).await;
    later
        .fee_pay(PaymentInput {
            member_id: ole.id,
            year: 2026,
            paid_on: Some(date(2026, 12, 14)),
            amount: Money::from_kr(150),
            method: PaymentMethod::Cash,
            voucher_no: None,
        })
        .await
        .unwrap();
    let second = later
        .fee_reminders_prepare(ReminderRequest {
            year: 2026,
            level: 2,
            members: vec![],
        })
        .await
        .unwrap();
    assert_eq!((second.emails, second.letters), (1, 0));
    let mail =
        kvorum_tests::quoted_printable_text(&String::from_utf8_lossy(&second.files[0].bytes));
    assert!(
        mail.contains("Subject: =?utf-8?Q?2._påmindelse_om_kontingent_for_2026"),
        "{mail}"
    );
    assert!(
        mail.contains("Den 01.12.2026 sendte vi dig en påmindelse"),
        "{mail}"
    );
    later.fee_reminders_record(&second).await.unwrap();
    later.close().await;

    // The year end, on 10 January 2027.
    let treasurer = db.open_on("Kasserer Karin", date(2027, 1, 10)).await;
    let early = api.year_end_get(2026).await.unwrap();
    assert!(!early.can_close);
    assert!(
        early.checks[0].text.contains("slutter først 31.12.2026"),
        "{:?}",
        early.checks
    );
    let v = treasurer.year_end_get(2026).await.unwrap();
    assert!(!v.can_close);
    // The bank does not agree: six fees typed as bank transfers never came through it.
    let bank_recon = v.recon.iter().find(|r| r.account.id == bank).unwrap();
    let last = bank_recon.last.as_ref().unwrap();
    assert_eq!(last.difference, Some(Money(6 * 15_000)), "{bank_recon:#?}");
    assert!(
        bank_recon
            .months
            .iter()
            .any(|m| m.difference == Some(Money::ZERO)),
        "January agrees: {bank_recon:#?}"
    );
    let said: Vec<&str> = v
        .checks
        .iter()
        .filter(|c| !c.ok)
        .map(|c| c.text.as_str())
        .collect();
    assert!(
        said.iter()
            .any(|t| t.contains("Lokalbanken stemmer ikke med kontoudtoget")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|t| t.contains("mangler en budgetpost")),
        "{said:?}"
    );
    let refused = treasurer
        .year_close(YearCloseInput {
            year: 2026,
            note: String::new(),
        })
        .await
        .unwrap_err();
    assert!(
        refused
            .message
            .starts_with("Regnskabsåret 2026 kan ikke afsluttes endnu:"),
        "{refused:?}"
    );
    // Found: they were paid in cash at the café. Moved from the bank to the cash box.
    treasurer
        .booking_add(BookingInput {
            booked_on: date(2026, 12, 31),
            amount: Money(6 * 15_000),
            text: "Kontingent betalt kontant, registreret som bankoverførsel".into(),
            voucher_no: None,
            line: None,
            grant: None,
            voucher_file: None,
            account: Some(cash),
            counter_account: Some(bank),
        })
        .await
        .unwrap();
    // Every booking on a line: the fees (bank and MobilePay) on "Gebyrer", the double
    // MobilePay payment on "Gaver".
    for (name, kind) in [("Gebyrer", LineKind::Expense), ("Gaver", LineKind::Income)] {
        treasurer
            .budget_set_line(BudgetLineInput {
                year: 2026,
                id: None,
                version: 0,
                name: name.into(),
                kind,
                amount: Money::ZERO,
                grant: None,
                fee_line: false,
            })
            .await
            .unwrap();
    }
    let lines = treasurer.budget_get(2026, None).await.unwrap().lines;
    let line_id = |n: &str| lines.iter().find(|l| l.line.name == n).unwrap().line.id;
    for b in treasurer.bookings_list(2026).await.unwrap().bookings {
        if b.line.is_some() || b.counter_account.is_some() {
            continue;
        }
        let line = if b.amount.0 > 0 {
            line_id("Gaver")
        } else {
            line_id("Gebyrer")
        };
        treasurer
            .booking_update(BookingUpdate {
                id: b.id,
                version: b.version,
                line: Some(line),
                grant: None,
                text: b.text.clone(),
                voucher_file: None,
                counter_account: None,
            })
            .await
            .unwrap();
    }
    // The rent's receipt as a voucher, in the database; a program file is refused.
    let rent = treasurer
        .bookings_list(2026)
        .await
        .unwrap()
        .bookings
        .into_iter()
        .find(|b| b.text.starts_with("Husleje"))
        .unwrap();
    let receipt = b"%PDF-1.4\n% kvittering for husleje januar\n%%EOF\n".to_vec();
    let attached = treasurer
        .voucher_attach(VoucherAttach {
            booking: rent.id,
            file: None,
            bytes: receipt.clone(),
            file_name: "kvittering husleje.pdf".into(),
        })
        .await
        .unwrap();
    assert_eq!(
        (attached.media_type.as_str(), attached.size),
        ("application/pdf", i64::try_from(receipt.len()).unwrap())
    );
    let refused = treasurer
        .voucher_attach(VoucherAttach {
            booking: rent.id,
            file: None,
            bytes: b"MZ\x90\0program".to_vec(),
            file_name: "virus.exe".into(),
        })
        .await
        .unwrap_err();
    assert!(
        refused.message.contains("PDF eller et billede"),
        "{refused:?}"
    );
    assert_eq!(treasurer.vouchers_list(2026).await.unwrap().len(), 1);
    let v = treasurer.year_end_get(2026).await.unwrap();
    assert!(v.can_close, "{:#?}", v.checks);
    let closed = treasurer
        .year_close(YearCloseInput {
            year: 2026,
            note: "Godkendt af revisor 08.01.2027".into(),
        })
        .await
        .unwrap();
    let c = closed.closing.as_ref().unwrap();
    assert_eq!(
        (c.closed_on, c.closed_by.as_str()),
        (date(2027, 1, 10), "Kasserer Karin")
    );
    // Locked: refused by Kvorum, and by the database itself.
    let refused = treasurer
        .booking_add(BookingInput {
            booked_on: date(2026, 12, 31),
            amount: Money(-100),
            text: "Glemt".into(),
            voucher_no: None,
            line: None,
            grant: None,
            voucher_file: None,
            account: None,
            counter_account: None,
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Locked);
    assert!(refused.message.contains("Ret i 2027"), "{refused:?}");
    let sql = "UPDATE bookings SET amount_ore = 1 WHERE fiscal_year = 2026";
    let db_said = kvorum_tests::try_sql(engine, &db.url, sql)
        .await
        .unwrap_err();
    assert!(
        db_said.contains("fiscal year is closed and locked"),
        "{db_said}"
    );
    let sql = "DELETE FROM bookings WHERE fiscal_year = 2026";
    assert!(kvorum_tests::try_sql(engine, &db.url, sql).await.is_err());
    let kept = treasurer
        .fee_payment_reverse(PaymentReversal {
            member: members[5].id,
            payment: treasurer.member_get(members[5].id).await.unwrap().payments[0].id,
            reason: "For sent".into(),
        })
        .await
        .unwrap_err();
    assert!(kept.message.contains("afsluttet og låst"), "{kept:?}");
    // 2027 opens with 2026's closing balances; the sheet balances.
    let s26 = treasurer.balance_get(2026).await.unwrap().sheet;
    let v27 = treasurer.balance_get(2027).await.unwrap();
    assert_eq!(v27.opening_from, OpeningFrom::Carried { year: 2026 });
    assert_eq!(v27.warning, None);
    for a in &v27.sheet.accounts {
        let before = s26
            .accounts
            .iter()
            .find(|x| x.account.id == a.account.id)
            .unwrap();
        let extra = if a.account.id == equity {
            s26.result
        } else {
            Money::ZERO
        };
        assert_eq!(a.opening, before.closing + extra, "{}", a.account.name);
    }
    // Only the latest closing reopens, with a reason the log keeps.
    let no_reason = treasurer
        .year_reopen(YearReopenInput {
            year: 2026,
            reason: " ".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(no_reason.fields[0].field, "reason");
    let reopened = treasurer
        .year_reopen(YearReopenInput {
            year: 2026,
            reason: "Revisoren fandt en fejl i bilag 3".into(),
        })
        .await
        .unwrap();
    assert!(reopened.closing.is_none());
    treasurer
        .year_close(YearCloseInput {
            year: 2026,
            note: String::new(),
        })
        .await
        .unwrap();

    // The accounts as the assembly gets them, read back from the PDF's bytes.
    let pdf = treasurer
        .export(ExportRequest::AnnualAccountsPdf { year: 2026 })
        .await
        .unwrap();
    assert_eq!(pdf.file_name, "aarsregnskab-2026.pdf");
    if let Some(dir) = std::env::var_os("KVORUM_STORY_PDF_DIR") {
        std::fs::write(
            std::path::Path::new(&dir).join("annual-accounts.pdf"),
            &pdf.bytes,
        )
        .unwrap();
    }
    let pages = kvorum_docs::pdf::page_texts(&pdf.bytes).unwrap();
    let text = pages.join("\n");
    let s26 = treasurer.balance_get(2026).await.unwrap().sheet;
    assert!(s26.balances());
    let lines_26 = treasurer.budget_get(2026, None).await.unwrap();
    let income: Money = lines_26
        .lines
        .iter()
        .filter(|l| l.line.kind == LineKind::Income)
        .map(|l| l.status.actual)
        .sum();
    let expenses: Money = lines_26
        .lines
        .iter()
        .filter(|l| l.line.kind == LineKind::Expense)
        .map(|l| l.status.actual)
        .sum();
    assert_eq!(
        income - expenses,
        s26.result,
        "the income statement adds up to the result"
    );
    for needle in [
        "Årsregnskab 2026".to_owned(),
        "Ledelsespåtegning".into(),
        "Revisorpåtegning".into(),
        "Anvendt regnskabspraksis".into(),
        "Resultatopgørelse for 2026".into(),
        "Balance pr. 31.12.2026".into(),
        format!("Indtægter i alt {}", income.format_number()),
        format!("Udgifter i alt {}", expenses.format_number()),
        format!("Årets resultat {}", s26.result.format_number()),
        format!("Aktiver i alt {}", s26.assets_closing.format_number()),
        format!(
            "Passiver i alt {}",
            (s26.liabilities_closing + s26.equity_closing).format_number()
        ),
        format!(
            "Egenkapital 31.12.2026 {}",
            s26.equity_closing.format_number()
        ),
        "Kontingent".into(),
        format!("Side 1 af {}", pages.len()),
    ] {
        assert!(
            text.contains(&needle),
            "the accounts lack {needle:?}:\n{text}"
        );
    }
    assert!(
        !text.contains("udkast"),
        "a closed year's accounts are not a draft"
    );
    // The auditor's package: accounts, bookings, follow-up, the voucher by its number, the
    // statements as imported; and the closed year's vouchers are locked.
    let package = treasurer
        .export(ExportRequest::AuditPackage { year: 2026 })
        .await
        .unwrap();
    assert_eq!(package.file_name, "revision-2026.zip");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(package.bytes)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    let voucher_name = format!("bilag/{:0>3}-kvittering-husleje.pdf", rent.voucher_no);
    for want in [
        "aarsregnskab-2026.pdf",
        "posteringer-2026.csv",
        "budgetopfoelgning-2026.pdf",
        voucher_name.as_str(),
        "LÆS MIG.txt",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "{want} missing from {names:?}"
        );
    }
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with("kontoudtog/"))
            .count(),
        2,
        "{names:?}"
    );
    let mut packed = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name(&voucher_name).unwrap(), &mut packed).unwrap();
    assert_eq!(packed, receipt, "the voucher as it was attached");
    let locked = treasurer.voucher_remove(attached.id).await.unwrap_err();
    assert_eq!(locked.code, ErrorCode::Locked);
    let sql = "DELETE FROM vouchers";
    assert!(
        kvorum_tests::try_sql(engine, &db.url, sql).await.is_err(),
        "the database keeps it"
    );
    treasurer.close().await;

    // The ordinary assembly in March approves them under item 3: the accounts go with the
    // notice, the decision is recorded against 2026, and the minutes name it.
    let secretary = db.open_on("Sekretær Sofie", date(2027, 2, 10)).await;
    secretary
        .bylaws_adopt(AdoptInput {
            adopted_on: Some(date(2025, 3, 8)),
            in_force_from: None,
            note: None,
        })
        .await
        .unwrap();
    let meeting = secretary
        .meeting_create(kvorum_tests::meeting_at(
            MeetingKind::Ordinary,
            date(2027, 3, 14),
        ))
        .await
        .unwrap()
        .meeting;
    let item = meeting
        .agenda
        .iter()
        .find(|i| i.kind == ItemKind::Accounts)
        .expect("item 3 is the accounts")
        .id;
    let notice = kvorum_tests::pdf_text(
        &secretary,
        ExportRequest::NoticePdf {
            meeting: meeting.id,
        },
    )
    .await;
    assert!(
        notice.contains("Årsregnskabet for 2026 er vedlagt."),
        "{notice}"
    );
    let eml = secretary
        .export(ExportRequest::NoticeEmail {
            meeting: meeting.id,
        })
        .await
        .unwrap();
    let mail = String::from_utf8_lossy(&eml.bytes).to_string();
    assert!(
        mail.contains("aarsregnskab-2026.pdf"),
        "the accounts go with the notice"
    );
    secretary.close().await;
    let chair = db.open_on("Sekretær Sofie", date(2027, 3, 14)).await;
    for m in members.iter().take(3) {
        chair
            .attendance_check_in(CheckIn {
                meeting: meeting.id,
                member: Some(m.id),
                guest: None,
            })
            .await
            .unwrap();
    }
    chair
        .decision_record(DecisionInput {
            meeting: meeting.id,
            item,
            proposal: None,
            kind: None,
            subject: Some("Årsregnskab 2026".into()),
            acclamation: true,
            counts: VoteCounts::default(),
        })
        .await
        .unwrap();
    assert_eq!(
        chair.year_end_get(2026).await.unwrap().approved_on,
        Some(date(2027, 3, 14))
    );
    let minutes = chair.minutes_draft(meeting.id).await.unwrap();
    assert!(
        minutes.text.contains("Årsregnskabet for 2026 blev fremlagt (afsluttet 10.01.2027). Generalforsamlingen godkendte årsregnskabet for 2026."),
        "{}",
        minutes.text
    );
    let accounts =
        kvorum_tests::pdf_text(&chair, ExportRequest::AnnualAccountsPdf { year: 2026 }).await;
    assert!(
        accounts.contains("Godkendt på den ordinære generalforsamling den 14.03.2027."),
        "{accounts}"
    );
    chair.close().await;

    let sums = kvorum_tests::round_trip(&api, engine).await;
    for t in [
        "accounts",
        "opening_balances",
        "bookings",
        "fee_payments",
        "fee_reminders",
    ] {
        assert!(
            sums.iter().any(|x| x.table == t && x.rows > 0),
            "{t} moved empty"
        );
    }
    api.close().await;
}

/// "Anne Ø1" → "Anne;Ø1" (first and last name columns).
fn split(name: &str) -> String {
    let (first, last) = name.split_once(' ').unwrap();
    format!("{first};{last}")
}

/// Two fees typed by hand as bank transfers; the statement's lines name neither member.
/// Each line is proposed as the nearest typed payment of its amount, booked again only when
/// not accepted: accepted, it is that booking, and the fee line's total does not move.
async fn a_typed_payment_the_bank_line_does_not_name(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open_on("Kasserer Karin", date(2026, 12, 1)).await;
    kvorum_tests::perronen(&api).await;
    api.fee_rate_set(FeeRate {
        year: 2026,
        membership_type: "ordinary".into(),
        amount: Money::from_kr(150),
    })
    .await
    .unwrap();
    let mut members = Vec::new();
    for name in ["Åse Ærbø", "Bent Østergård"] {
        let m = api
            .member_add(MemberInput {
                name: name.into(),
                membership_type: "ordinary".into(),
                joined_on: Some(date(2025, 1, 1)),
                ..Default::default()
            })
            .await
            .unwrap();
        members.push(m);
    }
    for (m, day) in members.iter().zip([3, 20]) {
        api.fee_pay(PaymentInput {
            member_id: m.id,
            year: 2026,
            paid_on: Some(date(2026, 2, day)),
            amount: Money::from_kr(150),
            method: PaymentMethod::BankTransfer,
            voucher_no: None,
        })
        .await
        .unwrap();
    }
    let fee_total = |v: &BudgetView| {
        v.lines
            .iter()
            .find(|l| l.line.fee_line)
            .unwrap()
            .status
            .actual
    };
    assert_eq!(
        fee_total(&api.budget_get(2026, None).await.unwrap()),
        Money::from_kr(300)
    );
    let statement = "Dato;Tekst;Beløb;Saldo\n\
                     18-02-2026;Overførsel;150,00;150,00\n\
                     05-02-2026;Indbetaling;150,00;300,00\n\
                     25-03-2026;Overførsel;150,00;450,00";
    let p = api
        .bank_import_preview(request(statement, vec![]))
        .await
        .unwrap();
    let proposed: Vec<_> = p
        .rows
        .iter()
        .map(|r| {
            (
                r.line.as_ref().map(|l| l.text.clone()),
                r.fee.as_ref().map(|f| (f.member, f.by)),
            )
        })
        .collect();
    assert_eq!(
        proposed,
        [
            (
                Some("Overførsel".to_owned()),
                Some((members[1].id, MatchedBy::Amount))
            ),
            (
                Some("Indbetaling".into()),
                Some((members[0].id, MatchedBy::Amount))
            ),
            (Some("Overførsel".into()), None),
        ],
        "the nearest typed payment, each once; 25.03 is too far from either"
    );
    // Accept the first only: the second stays a line of its own, unassigned.
    let first = &p.rows[0];
    let out = api
        .bank_import_apply(request(
            statement,
            vec![BankChoice {
                line_no: first.line_no,
                budget_line: String::new(),
                transfer: None,
                fee: Some(FeeChoice {
                    member: members[1].id,
                    year: 2026,
                }),
            }],
        ))
        .await
        .unwrap();
    assert_eq!((out.imported, out.fees), (2, 1), "{}", out.message);
    assert_eq!(
        fee_total(&api.budget_get(2026, None).await.unwrap()),
        Money::from_kr(300),
        "the accepted line is the typed booking, not a third fee"
    );
    // Both typed payments are booked once each; the unaccepted line is a line of its own.
    let again = api
        .bank_import_preview(request(statement, vec![]))
        .await
        .unwrap();
    assert!(
        again.rows.iter().all(|r| r.duplicate),
        "all three lines are in the books now"
    );
    api.close().await;
}

/// A booking of `kr` kroner paid out on 1 March of `y`.
async fn book(
    api: &kvorum_api::Api,
    y: i32,
    kr: i64,
    line: Option<BudgetLineId>,
) -> kvorum_core::budget::Booking {
    api.booking_add(BookingInput {
        booked_on: date(y, 3, 1),
        amount: Money::from_kr(-kr),
        text: "Husleje marts".into(),
        voucher_no: None,
        line,
        grant: None,
        voucher_file: None,
        account: None,
        counter_account: None,
    })
    .await
    .unwrap()
}

/// Two laptops on one database: a year's bookings one has read are read again when the
/// other adds or moves a booking of that year, and still right after writes that leave them
/// alone (a member added, another year booked).
async fn two_laptops_see_each_others_bookings(engine: Engine) {
    let db = engine.fresh().await;
    let karin = db.open_on("Kasserer Karin", date(2026, 12, 1)).await;
    kvorum_tests::perronen(&karin).await;
    let mut line_ids = Vec::new();
    for (name, kind) in [
        ("Husleje", LineKind::Expense),
        ("El og varme", LineKind::Expense),
    ] {
        let v = karin
            .budget_set_line(BudgetLineInput {
                fee_line: false,
                year: 2026,
                id: None,
                version: 0,
                name: name.into(),
                kind,
                amount: Money::from_kr(10_000),
                grant: None,
            })
            .await
            .unwrap();
        line_ids.push(
            v.lines
                .iter()
                .find(|l| l.line.name == name)
                .unwrap()
                .line
                .id,
        );
    }
    book(&karin, 2026, 4_000, Some(line_ids[0])).await;
    let actual = |v: &BudgetView, name: &str| {
        v.lines
            .iter()
            .find(|l| l.line.name == name)
            .unwrap()
            .status
            .actual
    };
    let v = karin.budget_get(2026, None).await.unwrap();
    assert_eq!(actual(&v, "Husleje"), Money::from_kr(4_000));

    let bent = db.open_on("Formand Bent", date(2026, 12, 1)).await;
    let second = book(&bent, 2026, 1_500, Some(line_ids[0])).await;
    let v = karin.budget_get(2026, None).await.unwrap();
    assert_eq!(
        actual(&v, "Husleje"),
        Money::from_kr(5_500),
        "Bent's booking seen"
    );
    // Writes that leave 2026's bookings alone: they stay right.
    bent.member_add(MemberInput {
        name: "Åse Ærbø".into(),
        membership_type: "ordinary".into(),
        joined_on: Some(date(2026, 1, 1)),
        ..Default::default()
    })
    .await
    .unwrap();
    book(&bent, 2025, 999, None).await;
    let v = karin.budget_get(2026, None).await.unwrap();
    assert_eq!(actual(&v, "Husleje"), Money::from_kr(5_500));
    // Bent moves his booking to another line: Karin's next read has it there.
    bent.booking_update(BookingUpdate {
        id: second.id,
        version: second.version,
        line: Some(line_ids[1]),
        grant: None,
        text: "El marts".into(),
        voucher_file: None,
        counter_account: None,
    })
    .await
    .unwrap();
    let v = karin.budget_get(2026, None).await.unwrap();
    assert_eq!(
        (actual(&v, "Husleje"), actual(&v, "El og varme")),
        (Money::from_kr(4_000), Money::from_kr(1_500))
    );
    let list = karin.bookings_list(2026).await.unwrap();
    assert!(
        list.bookings.iter().any(|b| b.text == "El marts"),
        "{list:?}"
    );
    bent.close().await;
    karin.close().await;
}

kvorum_tests::on_both_engines!(
    two_laptops_see_each_others_bookings,
    a_year_of_fees_in_the_books,
    a_typed_payment_the_bank_line_does_not_name
);
