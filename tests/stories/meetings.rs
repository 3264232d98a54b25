//! The general-assembly story, on both engines: plan, notice on time, two proposals (one
//! late), check-in with a member in arrears and a proxy, a bylaw amendment carried with
//! exactly 2/3 and an ordinary proposal that falls, minutes drafted, approved and locked, a
//! refused edit, and a correction version. Then the same assembly called too late, whose
//! minutes say so; a board meeting's quorum; and an amendment short of quorum that calls a
//! second assembly.

use chrono::{NaiveDate, NaiveTime};
use kvorum_api::dto::*;
use kvorum_api::{Api, ErrorCode};
use kvorum_tests::{Engine, TestDb};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The day the secretary works on: the week after the assembly.
fn workday() -> NaiveDate {
    date(2027, 3, 20)
}

fn assembly_day() -> NaiveDate {
    date(2027, 3, 13)
}

struct Club {
    api: Api,
    paid: Vec<MemberId>,
    arrears: MemberId,
    absent: MemberId,
    _db: TestDb,
}

/// Perronen with 13 members: 11 paid for 2027 (one of whom stays home and gives a proxy),
/// one in arrears and one paid who also stays home.
async fn club(engine: Engine) -> Club {
    let db = engine.fresh().await;
    let api = db.open_on("Karin (sekretær)", workday()).await;
    api.association_create(AssociationInput {
        name: "Foreningen Perronen".into(),
        municipality: Some("Guldborgsund Kommune".into()),
        fiscal_year_start_month: 1,
        ..Default::default()
    })
    .await
    .unwrap();
    api.bylaws_adopt(AdoptInput {
        adopted_on: Some(date(2025, 3, 8)),
        in_force_from: None,
        note: None,
    })
    .await
    .unwrap();
    api.fee_rate_set(FeeRate {
        year: 2027,
        membership_type: "ordinary".into(),
        amount: Money(15_000),
    })
    .await
    .unwrap();
    let names = [
        "Anne Ærø",
        "Bent Østergaard",
        "Carla Ågård",
        "Dorte Holm",
        "Erik Lund",
        "Frida Sand",
        "Gustav Bro",
        "Hanne Skov",
        "Ib Dal",
        "Jonna Vang",
        "Kim Strand",
        "Lone Mose",
        "Mads Kjær",
    ];
    let mut ids = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let m = api
            .member_add(MemberInput {
                name: (*n).into(),
                joined_on: Some(date(2024, 1, 10)),
                membership_type: "ordinary".into(),
                // Mads Kjær (index 12) has no e-mail: he gets a letter.
                email: (i != 12).then(|| format!("m{i}@example.dk")),
                address: (i == 12).then(|| "Stationsvej 3".into()),
                postal_code: (i == 12).then(|| "4800".into()),
                city: (i == 12).then(|| "Nykøbing F".into()),
                email_consent: i % 2 == 0,
                ..Default::default()
            })
            .await
            .unwrap();
        ids.push(m.id);
    }
    // Lone Mose (index 11) does not pay.
    for (i, id) in ids.iter().enumerate() {
        if i == 11 {
            continue;
        }
        api.fee_pay(PaymentInput {
            member_id: *id,
            year: 2027,
            paid_on: Some(date(2027, 1, 15)),
            amount: Money(15_000),
            method: PaymentMethod::MobilePay,
            voucher_no: None,
        })
        .await
        .unwrap();
    }
    Club {
        paid: ids[..11].to_vec(),
        arrears: ids[11],
        absent: ids[12],
        api,
        _db: db,
    }
}

async fn plan(api: &Api, notice_sent: NaiveDate) -> MeetingDetail {
    let m = api
        .meeting_create(MeetingInput {
            kind: MeetingKind::Ordinary,
            body: None,
            date: assembly_day(),
            start_time: NaiveTime::from_hms_opt(14, 0, 0),
            place: "Perronen, Jernbanegade 4, Nykøbing F".into(),
            demanded_by: None,
            demanded_on: None,
        })
        .await
        .unwrap();
    assert_eq!(m.meeting.agenda.len(), 9, "the standard agenda");
    assert_eq!(m.title, "Ordinær generalforsamling 2027");
    let notice = m.checklist.iter().find(|c| c.key == "notice").unwrap();
    assert_eq!(notice.date, Some(date(2027, 2, 27)));
    assert_eq!(m.proposal_deadline, Some(date(2027, 3, 5)));
    api.meeting_update(MeetingUpdate {
        id: m.meeting.id,
        version: m.meeting.version,
        input: MeetingInput {
            kind: MeetingKind::Ordinary,
            body: None,
            date: assembly_day(),
            start_time: NaiveTime::from_hms_opt(14, 0, 0),
            place: m.meeting.place.clone(),
            demanded_by: None,
            demanded_on: None,
        },
        end_time: NaiveTime::from_hms_opt(16, 30, 0),
        notice_sent_on: Some(notice_sent),
        // The final agenda 8 days before: in time for the bylaws' 7 days.
        final_agenda_sent_on: Some(date(2027, 3, 5)),
        officers: Officers {
            dirigent: Some("Vibeke Dirigent".into()),
            referent: Some("Karin Sekretær".into()),
            counters: vec!["Anne Ærø".into(), "Bent Østergaard".into()],
        },
    })
    .await
    .unwrap()
}

fn item(m: &MeetingDetail, kind: ItemKind) -> AgendaItemId {
    m.meeting.agenda.iter().find(|i| i.kind == kind).unwrap().id
}

async fn whole_assembly(engine: Engine) {
    let Club {
        api,
        paid,
        arrears,
        absent,
        _db,
    } = club(engine).await;
    let m = plan(&api, date(2027, 2, 20)).await;
    let id = m.meeting.id;
    assert!(m.notice.as_ref().unwrap().lawful);
    assert!(m
        .checklist
        .iter()
        .any(|c| c.key == "notice" && c.done && !c.warning));

    // Two proposals: the board's bylaw amendment in time, a member's proposal after the deadline.
    let amendment = api
        .proposal_add(ProposalInput {
            meeting_id: id,
            submitter: None,
            received_on: date(2027, 2, 1),
            kind: "amendment".into(),
            title: "Regnskabsåret og revision".into(),
            text: "Bestyrelsen foreslår, at regnskabet revideres af en registreret revisor.".into(),
            amendment: Some(Amendment {
                section_key: "regnskab".into(),
                title: "Regnskab og revision".into(),
                clauses: vec![
                    "Foreningens regnskabsår er kalenderåret.".into(),
                    "Regnskabet revideres af en registreret revisor, som vælges af generalforsamlingen.".into(),
                ],
            }),
            recommendation: Some("Bestyrelsen anbefaler forslaget.".into()),
        })
        .await
        .unwrap();
    assert_eq!(amendment.proposal.number, 1);
    assert_eq!(amendment.late, None);
    let missing_text = api
        .proposal_add(ProposalInput {
            meeting_id: id,
            submitter: None,
            received_on: date(2027, 2, 1),
            kind: "amendment".into(),
            title: "Uden tekst".into(),
            text: "Noget".into(),
            amendment: None,
            recommendation: None,
        })
        .await
        .unwrap_err();
    assert_eq!(missing_text.code, ErrorCode::Validation);
    let late = api
        .proposal_add(ProposalInput {
            meeting_id: id,
            submitter: Some(paid[4]),
            received_on: date(2027, 3, 7),
            kind: "ordinary".into(),
            title: "Gratis kaffe i caféen".into(),
            text: "Kaffen i caféen skal være gratis for alle.".into(),
            amendment: None,
            recommendation: Some("Bestyrelsen anbefaler, at forslaget forkastes.".into()),
        })
        .await
        .unwrap();
    assert_eq!(late.proposal.number, 2);
    assert_eq!(late.proposal.submitter_name, "Erik Lund");
    assert_eq!(
        late.late.as_deref(),
        Some("Modtaget 07.03.2027, efter fristen 05.03.2027.")
    );

    // A third proposal, withdrawn by its submitter: kept on record, never put to the vote.
    let third = api
        .proposal_add(ProposalInput {
            meeting_id: id,
            submitter: Some(paid[3]),
            received_on: date(2027, 2, 20),
            kind: "ordinary".into(),
            title: "Nyt navn til caféen".into(),
            text: "Caféen skal hedde Perronens Stue.".into(),
            amendment: None,
            recommendation: None,
        })
        .await
        .unwrap();
    let withdrawn = api
        .proposal_withdraw(ProposalWithdraw {
            meeting: id,
            id: third.proposal.id,
            version: third.proposal.version,
            withdrawal: Some(Withdrawal {
                on: date(2027, 3, 1),
                note: " trukket af forslagsstilleren ".into(),
            }),
        })
        .await
        .unwrap();
    assert_eq!(
        withdrawn.proposal.withdrawn.as_ref().unwrap().note,
        "trukket af forslagsstilleren"
    );

    // Check-in at the door: ten paid members and the one in arrears.
    let voters = api.meeting_voters(id).await.unwrap();
    assert_eq!(voters.len(), 13);
    let lone = voters.iter().find(|v| v.member == arrears).unwrap();
    assert!(!lone.voting.entitled);
    for p in &paid[..10] {
        api.attendance_check_in(CheckIn {
            meeting: id,
            member: Some(*p),
            guest: None,
        })
        .await
        .unwrap();
    }
    let view = api
        .attendance_check_in(CheckIn {
            meeting: id,
            member: Some(arrears),
            guest: None,
        })
        .await
        .unwrap();
    let a = view
        .attendees
        .iter()
        .find(|a| a.member == Some(arrears))
        .unwrap();
    assert!(!a.voting);
    assert_eq!(
        a.reason.as_deref(),
        Some("Kontingent for 2027 er ikke betalt")
    );
    let twice = api
        .attendance_check_in(CheckIn {
            meeting: id,
            member: Some(paid[0]),
            guest: None,
        })
        .await
        .unwrap_err();
    assert_eq!(twice.code, ErrorCode::Duplicate);

    // Proxies: the holder must be present; one per present member.
    let not_present = api
        .proxy_add(ProxyInput {
            meeting: id,
            giver: paid[10],
            holder: absent,
        })
        .await
        .unwrap_err();
    assert!(
        not_present.message.contains("ikke tjekket ind"),
        "{}",
        not_present.message
    );
    let view = api
        .proxy_add(ProxyInput {
            meeting: id,
            giver: paid[10],
            holder: paid[0],
        })
        .await
        .unwrap();
    assert_eq!(view.proxies[0].holder_name, "Anne Ærø");
    let over_cap = api
        .proxy_add(ProxyInput {
            meeting: id,
            giver: absent,
            holder: paid[0],
        })
        .await
        .unwrap_err();
    assert!(over_cap.message.contains("højst 1"), "{}", over_cap.message);
    assert_eq!(
        view.counts,
        AttendanceCounts {
            present: 11,
            with_vote: 10,
            without_vote: 1,
            guests: 0,
            proxies: 1,
            votes_in_room: 11
        }
    );
    assert_eq!(view.members_with_vote, 12);
    // A guest (the municipality's consultant) is present but is not a member: counted apart.
    let view = api
        .attendance_check_in(CheckIn {
            meeting: id,
            member: None,
            guest: Some("Kommunens konsulent".into()),
        })
        .await
        .unwrap();
    assert_eq!((view.counts.present, view.counts.guests), (11, 1));
    assert_eq!(view.counts.votes_in_room, 11);

    // The amendment passes with exactly 2/3 of the votes cast (blanks do not count).
    let proposals = item(&m, ItemKind::Proposals);
    let carried = api
        .decision_record(DecisionInput {
            meeting: id,
            item: proposals,
            proposal: Some(amendment.proposal.id),
            kind: None,
            subject: None,
            acclamation: false,
            counts: VoteCounts {
                for_votes: 6,
                against: 3,
                blank: 2,
                invalid: 0,
            },
        })
        .await
        .unwrap();
    assert_eq!(carried.decision.outcome.result, DecisionResult::Adopted);
    assert_eq!(carried.decision.outcome.required, 6);
    let no_vote = api
        .decision_record(DecisionInput {
            meeting: id,
            item: proposals,
            proposal: Some(third.proposal.id),
            kind: None,
            subject: None,
            acclamation: true,
            counts: VoteCounts::default(),
        })
        .await
        .unwrap_err();
    assert_eq!(no_vote.code, ErrorCode::Refused);
    assert!(
        no_vote.message.contains("trukket tilbage"),
        "{}",
        no_vote.message
    );
    let decided = api
        .proposal_withdraw(ProposalWithdraw {
            meeting: id,
            id: amendment.proposal.id,
            version: amendment.proposal.version,
            withdrawal: Some(Withdrawal {
                on: date(2027, 3, 13),
                note: String::new(),
            }),
        })
        .await
        .unwrap_err();
    assert!(
        decided.message.contains("allerede truffet beslutning"),
        "{}",
        decided.message
    );
    assert!(carried
        .decision
        .outcome
        .explanation
        .contains("Krævet 2/3 af de afgivne stemmer: 6"));
    // ... and becomes the new bylaws, linked to the decision.
    let new_version = carried
        .decision
        .bylaws_version
        .expect("a new bylaws version");
    let v = api.bylaws_version(new_version).await.unwrap();
    assert_eq!(v.status, VersionStatus::Adopted);
    assert_eq!(
        v.adopted_note.as_deref(),
        Some("Vedtaget på generalforsamlingen den 13.03.2027")
    );
    let regnskab = v
        .text
        .sections
        .iter()
        .find(|s| s.key == "regnskab")
        .unwrap();
    assert!(regnskab.clauses[1].contains("registreret revisor"));
    assert_eq!(api.bylaws_current().await.unwrap().number, new_version);

    let fell = api
        .decision_record(DecisionInput {
            meeting: id,
            item: proposals,
            proposal: Some(late.proposal.id),
            kind: None,
            subject: None,
            acclamation: false,
            counts: VoteCounts {
                for_votes: 4,
                against: 5,
                blank: 2,
                invalid: 0,
            },
        })
        .await
        .unwrap();
    assert_eq!(fell.decision.outcome.result, DecisionResult::Rejected);
    assert_eq!(fell.decision.bylaws_version, None);
    let too_many = api
        .decision_record(DecisionInput {
            meeting: id,
            item: proposals,
            proposal: None,
            kind: None,
            subject: Some("For mange stemmer".into()),
            acclamation: false,
            counts: VoteCounts {
                for_votes: 12,
                ..Default::default()
            },
        })
        .await
        .unwrap_err();
    assert!(
        too_many.message.contains("kun 11 stemmer i salen"),
        "{}",
        too_many.message
    );
    let report = item(&m, ItemKind::Other);
    let accounts = m.meeting.agenda[2].id;
    api.decision_record(DecisionInput {
        meeting: id,
        item: accounts,
        proposal: None,
        kind: None,
        subject: Some("Årsregnskab 2026".into()),
        acclamation: true,
        counts: VoteCounts::default(),
    })
    .await
    .unwrap();
    // Notes as it happens.
    let mut agenda = api.meeting_get(id).await.unwrap().meeting;
    agenda.agenda[1].notes =
        "Formanden fremlagde beretningen. Der var spørgsmål om åbningstiderne.".into();
    assert_eq!(agenda.agenda[1].id, report);
    api.meeting_agenda_set(AgendaUpdate {
        id,
        version: agenda.version,
        items: agenda.agenda.clone(),
    })
    .await
    .unwrap();

    // Minutes: drafted from the record.
    let draft = api.minutes_draft(id).await.unwrap();
    let t = &draft.text;
    for needle in [
        "Tid og sted: lørdag den 13. marts 2027 kl. 14.00, Perronen, Jernbanegade 4, Nykøbing F. Mødet sluttede kl. 16.30.",
        "Fremmøde: 11 medlemmer til stede, heraf 10 med stemmeret, og 1 gæst uden stemmeret. 1 fuldmagt, 11 stemmer i alt. Foreningen havde 12 stemmeberettigede medlemmer på dagen.",
        "Som dirigent valgtes Vibeke Dirigent.",
        "Som stemmetællere valgtes Anne Ærø og Bent Østergaard.",
        "Dirigenten konstaterede, at generalforsamlingen var lovligt indkaldt",
        "Formanden fremlagde beretningen.",
        "Forslag 1: Regnskabsåret og revision (stillet af Bestyrelsen, modtaget 01.02.2027).",
        "Forslag 2: Gratis kaffe i caféen (stillet af Erik Lund, modtaget 07.03.2027). Modtaget 07.03.2027, efter fristen 05.03.2027.",
        "Beslutning: Forslag 1: Regnskabsåret og revision: Vedtaget: 6 for, 3 imod, 2 blanke (blanke stemmer tæller ikke med). Krævet 2/3 af de afgivne stemmer: 6.",
        "Beslutning: Forslag 2: Gratis kaffe i caféen: Forkastet: 4 for, 5 imod, 2 blanke",
        "Forslag 3: Nyt navn til caféen (stillet af Dorte Holm, modtaget 20.02.2027).\n\nForslaget blev trukket tilbage 01.03.2027 (trukket af forslagsstilleren) og blev ikke behandlet.",
        "Beslutning: Årsregnskab 2026: Vedtaget med akklamation",
        "9. Eventuelt",
    ] {
        assert!(t.contains(needle), "missing «{needle}» in:\n{t}");
    }
    assert_eq!(
        api.minutes_draft(id).await.unwrap().id,
        draft.id,
        "one draft"
    );
    let edited = api
        .minutes_save(MinutesSave {
            id: draft.id,
            version: draft.version,
            text: t.replace(
                "Der var spørgsmål om åbningstiderne.",
                "Der var spørgsmål om åbningstiderne om søndagen.",
            ),
        })
        .await
        .unwrap();
    let stale = api
        .minutes_save(MinutesSave {
            id: draft.id,
            version: draft.version,
            text: "gammel".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(stale.code, ErrorCode::Conflict);

    // Approval: the dirigent must sign; then locked with its hash.
    let unsigned = api
        .minutes_approve(MinutesApproval {
            id: draft.id,
            version: edited.version,
            signatories: vec![Signatory {
                role: "Referent".into(),
                name: "Karin Sekretær".into(),
            }],
            approved_on: workday(),
        })
        .await
        .unwrap_err();
    assert_eq!(unsigned.code, ErrorCode::Validation);
    let signers = vec![
        Signatory {
            role: "Dirigent".into(),
            name: "Vibeke Dirigent".into(),
        },
        Signatory {
            role: "Referent".into(),
            name: "Karin Sekretær".into(),
        },
        Signatory {
            role: "Formand".into(),
            name: "Anne Ærø".into(),
        },
    ];
    let approved = api
        .minutes_approve(MinutesApproval {
            id: draft.id,
            version: edited.version,
            signatories: signers.clone(),
            approved_on: workday(),
        })
        .await
        .unwrap();
    assert_eq!(approved.status, MinutesStatus::Approved);
    assert_eq!(approved.hash.as_ref().map(String::len), Some(64));
    assert!(approved.intact());

    // Locked: the API refuses, and so does the database itself.
    let refused = api
        .minutes_save(MinutesSave {
            id: draft.id,
            version: approved.version,
            text: "Ændret bagefter".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Locked);
    let forced = api
        .minutes_force_text(draft.id, "Ændret bagefter")
        .await
        .unwrap_err();
    assert_eq!(forced.code, ErrorCode::Locked);
    let after_lock = api
        .decision_record(DecisionInput {
            meeting: id,
            item: report,
            proposal: None,
            kind: None,
            subject: Some("Efterrationalisering".into()),
            acclamation: true,
            counts: VoteCounts::default(),
        })
        .await
        .unwrap_err();
    assert_eq!(after_lock.code, ErrorCode::Locked);

    // A correction is a new version that names the one it corrects; both remain.
    let correction = api
        .minutes_correct(MinutesCorrection {
            meeting: id,
            note: "Stavefejl i punkt 2".into(),
        })
        .await
        .unwrap();
    assert_eq!((correction.number, correction.corrects), (2, Some(1)));
    let fixed = api
        .minutes_save(MinutesSave {
            id: correction.id,
            version: correction.version,
            text: correction
                .text
                .replace("om søndagen", "om søndagen og helligdage"),
        })
        .await
        .unwrap();
    api.minutes_approve(MinutesApproval {
        id: fixed.id,
        version: fixed.version,
        signatories: signers,
        approved_on: workday(),
    })
    .await
    .unwrap();
    let list = api.minutes_list().await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!((list[0].number, list[1].number), (2, 1));
    assert!(list
        .iter()
        .all(|m| m.intact && m.status == MinutesStatus::Approved));
    let detail = api.meeting_get(id).await.unwrap();
    assert_eq!(detail.minutes[0].text, approved.text, "version 1 unchanged");

    // The documents, read back.
    let notice = api
        .export(ExportRequest::NoticePdf { meeting: id })
        .await
        .unwrap();
    let text = kvorum_docs::pdf::page_texts(&notice.bytes)
        .unwrap()
        .join(" ");
    for needle in [
        "Indkaldelse til ordinær generalforsamling",
        "lørdag den 13. marts 2027 kl. 14.00",
        "Valg af dirigent, referent og stemmetællere",
        "Forslag 1: Regnskabsåret og revision",
        "senest 05.03.2027",
        "Side 1 af",
    ] {
        assert!(text.contains(needle), "notice lacks «{needle}»: {text}");
    }
    let text = kvorum_tests::pdf_text(&api, ExportRequest::AgendaPdf { meeting: id }).await;
    assert!(
        text.contains("Bestyrelsens indstilling: Bestyrelsen anbefaler forslaget."),
        "{text}"
    );
    let text = kvorum_tests::pdf_text(&api, ExportRequest::AttendancePdf { meeting: id }).await;
    assert!(
        text.contains("Underskrift") && text.contains("Lone Mose"),
        "{text}"
    );
    assert!(
        text.contains("Nej: Kontingent for 2027 er ikke betalt"),
        "{text}"
    );
    let text = kvorum_tests::pdf_text(
        &api,
        ExportRequest::MinutesPdf {
            meeting: id,
            number: Some(1),
        },
    )
    .await;
    for needle in [
        "Referat af ordinær generalforsamling",
        "Godkendt 20.03.2027",
        "Vibeke Dirigent",
        "Krævet 2/3 af de afgivne stemmer: 6.",
        "Kontrolsum (SHA-256)",
    ] {
        assert!(text.contains(needle), "minutes lack «{needle}»: {text}");
    }
    let v2 = api
        .export(ExportRequest::MinutesPdf {
            meeting: id,
            number: None,
        })
        .await
        .unwrap();
    let text = kvorum_docs::pdf::page_texts(&v2.bytes).unwrap().join(" ");
    assert!(
        text.contains("Version 2, retter version 1: Stavefejl i punkt 2"),
        "{text}"
    );
    let ics = api
        .export(ExportRequest::Calendar { meeting: id })
        .await
        .unwrap();
    let ics = String::from_utf8(ics.bytes).unwrap();
    assert!(ics.contains("BEGIN:VEVENT"), "{ics}");
    assert!(ics.contains("DTSTART:20270313T130000Z"), "{ics}");
    let eml = api
        .export(ExportRequest::NoticeEmail { meeting: id })
        .await
        .unwrap();
    // A notice is a membership matter under the bylaws: every member with an e-mail
    // address gets it, newsletter consent or not; the member without one gets a letter.
    assert_eq!(eml.rows, 12, "members with an e-mail address");
    let eml = String::from_utf8(eml.bytes).unwrap();
    assert!(eml.contains("Bcc:") && eml.contains("X-Unsent: 1"), "{eml}");
    assert!(eml.contains("application/pdf"), "{eml}");
    assert!(
        eml.contains("m1@example.dk"),
        "no newsletter consent, still notified"
    );
    let letters = api
        .export(ExportRequest::NoticeLetters { meeting: id })
        .await
        .unwrap();
    assert_eq!(
        (letters.rows, letters.file_name.as_str()),
        (1, "indkaldelse-generalforsamling-2027-03-13-breve.pdf")
    );
    let pages = kvorum_docs::pdf::page_texts(&letters.bytes).unwrap();
    let first = &pages[0];
    for needle in [
        "Mads Kjær",
        "Stationsvej 3",
        "4800 Nykøbing F",
        "Indkaldelse til ordinær generalforsamling",
        "Side 1 af",
    ] {
        assert!(
            first.contains(needle),
            "the letter lacks «{needle}»: {first}"
        );
    }
    // The whole assembly — approved minutes, corrections, proxies, decisions — moves to the
    // other engine and back with every table's checksum equal.
    let sums = kvorum_tests::round_trip(&api, engine).await;
    for t in ["minutes", "decisions", "proxies", "attendance", "proposals"] {
        assert!(
            sums.iter().any(|s| s.table == t && s.rows > 0),
            "{t} moved empty"
        );
    }
    api.close().await;
}

async fn notice_too_late(engine: Engine) {
    let club = club(engine).await;
    let m = plan(&club.api, date(2027, 3, 6)).await;
    let n = m.notice.as_ref().unwrap();
    assert!(!n.lawful);
    assert_eq!(n.days_before, 7);
    let c = m.checklist.iter().find(|c| c.key == "notice").unwrap();
    assert!(
        c.warning && c.explanation.contains("7 dage for sent"),
        "{c:?}"
    );
    let draft = club.api.minutes_draft(m.meeting.id).await.unwrap();
    assert!(
        draft.text.contains(
            "Dirigenten konstaterede, at generalforsamlingen IKKE var lovligt indkaldt. Indkaldelsen blev sendt 06.03.2027, 7 dage før generalforsamlingen; vedtægterne kræver mindst 14 dages varsel."
        ),
        "{}",
        draft.text
    );
    // Bylaws that allow letters only: no e-mail draft, and everyone gets a letter.
    club.api
        .bylaws_set_rule("ordinary.noticeByEmail".into(), "false".into())
        .await
        .unwrap();
    club.api
        .bylaws_adopt(AdoptInput {
            adopted_on: Some(date(2026, 3, 14)),
            in_force_from: None,
            note: None,
        })
        .await
        .unwrap();
    let refused = club
        .api
        .export(ExportRequest::NoticeEmail {
            meeting: m.meeting.id,
        })
        .await
        .unwrap_err();
    assert!(
        refused
            .message
            .starts_with("Vedtægterne giver ikke mulighed for at indkalde pr. e-mail."),
        "{refused:?}"
    );
    let letters = club
        .api
        .export(ExportRequest::NoticeLetters {
            meeting: m.meeting.id,
        })
        .await
        .unwrap();
    assert_eq!(letters.rows, 13);
    let pages = kvorum_docs::pdf::page_texts(&letters.bytes).unwrap();
    assert!(pages.len() >= 13, "one letter (or more pages) per member");
    assert!(
        pages.iter().filter(|p| p.contains("Side 1 af")).count() == 13,
        "each letter is numbered from its own first page"
    );
    club.api.close().await;
}

async fn board_and_second_assembly(engine: Engine) {
    let club = club(engine).await;
    let api = &club.api;
    // A board meeting decides only when more than half the board (5 + 1 appointed) is there.
    let b = api
        .meeting_create(MeetingInput {
            kind: MeetingKind::Board,
            body: None,
            date: date(2027, 2, 2),
            start_time: NaiveTime::from_hms_opt(19, 0, 0),
            place: "Perronen".into(),
            demanded_by: None,
            demanded_on: None,
        })
        .await
        .unwrap();
    for p in &club.paid[..3] {
        api.attendance_check_in(CheckIn {
            meeting: b.meeting.id,
            member: Some(*p),
            guest: None,
        })
        .await
        .unwrap();
    }
    let view = api
        .attendance_check_in(CheckIn {
            meeting: b.meeting.id,
            member: None,
            guest: Some("Kommunens repræsentant".into()),
        })
        .await
        .unwrap();
    let q = view.board_quorum.unwrap();
    assert_eq!((q.present, q.size, q.required, q.quorate), (4, 6, 4, true));
    let d = api
        .decision_record(DecisionInput {
            meeting: b.meeting.id,
            item: b.meeting.agenda[3].id,
            proposal: None,
            kind: None,
            subject: Some("Nyt køleskab til caféen".into()),
            acclamation: false,
            counts: VoteCounts {
                for_votes: 3,
                against: 1,
                ..Default::default()
            },
        })
        .await
        .unwrap();
    assert_eq!(d.decision.outcome.result, DecisionResult::Adopted);
    let text = api.minutes_draft(b.meeting.id).await.unwrap().text;
    assert!(
        text.contains("4 af bestyrelsens 6 medlemmer til stede"),
        "{text}"
    );

    // An amendment with too few present: not quorate, and a second assembly is called.
    let m = plan(api, date(2027, 2, 20)).await;
    let p = api
        .proposal_add(ProposalInput {
            meeting_id: m.meeting.id,
            submitter: None,
            received_on: date(2027, 2, 1),
            kind: "amendment".into(),
            title: "Nyt formål".into(),
            text: String::new(),
            amendment: Some(Amendment {
                section_key: "formaal".into(),
                title: "Formål".into(),
                clauses: vec!["Foreningens formål er at drive et værested.".into()],
            }),
            recommendation: None,
        })
        .await
        .unwrap();
    for id in &club.paid[..3] {
        api.attendance_check_in(CheckIn {
            meeting: m.meeting.id,
            member: Some(*id),
            guest: None,
        })
        .await
        .unwrap();
    }
    let r = api
        .decision_record(DecisionInput {
            meeting: m.meeting.id,
            item: item(&m, ItemKind::Proposals),
            proposal: Some(p.proposal.id),
            kind: None,
            subject: None,
            acclamation: false,
            counts: VoteCounts {
                for_votes: 3,
                ..Default::default()
            },
        })
        .await
        .unwrap();
    assert_eq!(r.decision.outcome.result, DecisionResult::NotQuorate);
    assert_eq!(r.second_assembly_by, Some(date(2027, 4, 10)));
    let too_late = api
        .meeting_schedule_second(SecondAssemblyInput {
            decision: r.decision.id,
            meeting: m.meeting.id,
            date: date(2027, 5, 1),
            start_time: None,
            place: None,
        })
        .await
        .unwrap_err();
    assert_eq!(too_late.code, ErrorCode::Validation);
    let second = api
        .meeting_schedule_second(SecondAssemblyInput {
            decision: r.decision.id,
            meeting: m.meeting.id,
            date: date(2027, 4, 3),
            start_time: None,
            place: None,
        })
        .await
        .unwrap();
    assert_eq!(second.meeting.kind, MeetingKind::Extraordinary);
    assert_eq!(second.meeting.second_of, Some(m.meeting.id));
    assert_eq!(second.proposals.len(), 1);
    // At the second assembly two members carry it: no quorum needed, 2/3 of votes cast.
    for id in &club.paid[..2] {
        api.attendance_check_in(CheckIn {
            meeting: second.meeting.id,
            member: Some(*id),
            guest: None,
        })
        .await
        .unwrap();
    }
    let again = api
        .decision_record(DecisionInput {
            meeting: second.meeting.id,
            item: item(&second, ItemKind::Proposals),
            proposal: Some(second.proposals[0].proposal.id),
            kind: None,
            subject: None,
            acclamation: false,
            counts: VoteCounts {
                for_votes: 2,
                ..Default::default()
            },
        })
        .await
        .unwrap();
    assert_eq!(again.decision.outcome.result, DecisionResult::Adopted);
    assert!(again.decision.bylaws_version.is_some());
    // The second assembly refers to the first: moved, it is inserted after it.
    let sums = kvorum_tests::round_trip(api, engine).await;
    assert!(sums.iter().any(|s| s.table == "meetings" && s.rows >= 2));
    api.close().await;
}

/// A member in arrears pays at the door: the payment and the check-in land together, and the
/// vote follows the bylaws' rule on when payment counts.
async fn pay_at_the_door(engine: Engine) {
    let club = club(engine).await;
    let api = &club.api;
    let m = plan(api, date(2027, 2, 20)).await;
    let id = m.meeting.id;
    let voters = api.meeting_voters(id).await.unwrap();
    let lone = voters.iter().find(|v| v.member == club.arrears).unwrap();
    assert!(!lone.voting.entitled);
    let owed = lone.fee_owed.expect("the fee is owed");
    assert!(voters
        .iter()
        .filter(|v| club.paid.contains(&v.member))
        .all(|v| v.fee_owed.is_none()));
    let view = api
        .attendance_pay_at_door(DoorPayment {
            meeting: id,
            member: club.arrears,
            amount: owed,
            method: PaymentMethod::Cash,
        })
        .await
        .unwrap();
    let a = view
        .attendees
        .iter()
        .find(|a| a.member == Some(club.arrears))
        .unwrap();
    assert!(a.voting, "paid at the door, with a vote: {:?}", a.reason);
    assert_eq!((view.counts.present, view.counts.with_vote), (1, 1));
    let after = api.meeting_voters(id).await.unwrap();
    let lone = after.iter().find(|v| v.member == club.arrears).unwrap();
    assert!(lone.checked_in && lone.fee_owed.is_none());
    let fees = api.member_get(club.arrears).await.unwrap().fees;
    assert!(matches!(fees[0].status, FeeStatus::Paid { .. }), "{fees:?}");
    // Paying again at the door is refused by the checks of any payment (a zero amount here).
    let bad = api
        .attendance_pay_at_door(DoorPayment {
            meeting: id,
            member: club.arrears,
            amount: Money(0),
            method: PaymentMethod::Cash,
        })
        .await
        .unwrap_err();
    assert_eq!(bad.code, ErrorCode::Validation);
    api.close().await;
}

kvorum_tests::on_both_engines!(
    whole_assembly,
    notice_too_late,
    board_and_second_assembly,
    pay_at_the_door
);
