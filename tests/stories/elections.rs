//! The board-and-elections story, on both engines: a staggered board across three assemblies
//! (the seats expire in the right years), fredsvalg, a kampvalg for 2 seats among 4 candidates
//! with a tie for the second seat settled by a recorded lot, ranked alternates, the municipal
//! seat untouched by elections, the register updated and the minutes paragraph.

use chrono::{NaiveDate, NaiveTime};
use kvorum_api::dto::*;
use kvorum_api::{Api, ErrorCode};
use kvorum_tests::Engine;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn assembly(api: &Api, day: NaiveDate, present: &[MemberId]) -> MeetingId {
    let m = api
        .meeting_create(MeetingInput {
            kind: MeetingKind::Ordinary,
            body: None,
            date: day,
            start_time: NaiveTime::from_hms_opt(14, 0, 0),
            place: "Perronen".into(),
            demanded_by: None,
            demanded_on: None,
        })
        .await
        .unwrap();
    for p in present {
        api.attendance_check_in(CheckIn {
            meeting: m.meeting.id,
            member: Some(*p),
            guest: None,
        })
        .await
        .unwrap();
    }
    m.meeting.id
}

async fn stand(api: &Api, e: ElectionId, who: &[MemberId]) -> ElectionView {
    let mut v = api.election_get(e).await.unwrap();
    for w in who {
        if let Some(c) = v.election.candidates.iter().find(|c| c.member == Some(*w)) {
            v = api
                .candidate_accept(CandidateAccept {
                    election: e,
                    candidate: c.id,
                    accepts: true,
                })
                .await
                .unwrap();
        } else {
            v = api
                .candidate_add(CandidateInput {
                    election: e,
                    member: Some(*w),
                    name: None,
                    proposed_by: "Bestyrelsen".into(),
                    accepts: true,
                })
                .await
                .unwrap();
        }
    }
    v
}

fn cid(v: &ElectionView, m: MemberId) -> CandidateId {
    v.election
        .candidates
        .iter()
        .find(|c| c.member == Some(m))
        .unwrap()
        .id
}

fn board_years(b: &BoardView) -> Vec<(String, Option<i32>)> {
    let mut v: Vec<(String, Option<i32>)> = b
        .current
        .iter()
        .filter(|t| t.term.kind == SeatKind::Board)
        .map(|t| (t.term.name.clone(), t.term.expires_year))
        .collect();
    v.sort();
    v
}

async fn elections_story(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open_on("Karin (sekretær)", date(2027, 3, 20)).await;
    api.association_create(AssociationInput {
        name: "Foreningen Perronen".into(),
        municipality: Some("Guldborgsund Kommune".into()),
        fiscal_year_start_month: 1,
        ..Default::default()
    })
    .await
    .unwrap();
    api.bylaws_adopt(AdoptInput {
        adopted_on: Some(date(2024, 11, 1)),
        in_force_from: None,
        note: None,
    })
    .await
    .unwrap();
    let mut m = Vec::new();
    for i in 0..18 {
        let x = api
            .member_add(MemberInput {
                name: format!(
                    "{} {i:02}",
                    ["Anne", "Bent", "Carla", "Dorte", "Erik", "Frida"][i % 6]
                ),
                joined_on: Some(date(2024, 1, 10)),
                membership_type: "ordinary".into(),
                ..Default::default()
            })
            .await
            .unwrap();
        m.push(x.id);
    }
    for year in [2025, 2026, 2027] {
        api.fee_rate_set(FeeRate {
            year,
            membership_type: "ordinary".into(),
            amount: Money(10_000),
        })
        .await
        .unwrap();
        for id in &m {
            api.fee_pay(PaymentInput {
                member_id: *id,
                year,
                paid_on: Some(date(year, 1, 15)),
                amount: Money(10_000),
                method: PaymentMethod::MobilePay,
                voucher_no: None,
            })
            .await
            .unwrap();
        }
    }
    // The municipality's representative: appointed, never elected.
    let b = api
        .board_appoint(AppointInput {
            kind: SeatKind::Appointed,
            member: None,
            name: Some("Kommunens repræsentant".into()),
            appointed_by: Some("Guldborgsund Kommune".into()),
            start: date(2025, 1, 1),
            expires_year: None,
            rank: None,
        })
        .await
        .unwrap();
    let municipal = b.current[0].term.clone();

    // 2025, the founding assembly: five seats, five candidates: fredsvalg, staggered terms.
    let gf25 = assembly(&api, date(2025, 3, 8), &m[..12]).await;
    let up = api.elections_seats_up(gf25).await.unwrap();
    assert_eq!(
        (up.board, up.vacancies, up.alternates, up.auditors),
        (5, 5, 2, 1)
    );
    let els = api.elections_for(gf25).await.unwrap();
    let kinds: Vec<ElectionKind> = els.iter().map(|e| e.election.kind).collect();
    assert_eq!(
        kinds,
        [
            ElectionKind::Board,
            ElectionKind::Alternates,
            ElectionKind::Auditors,
            ElectionKind::AuditorAlternates
        ]
    );
    let board25 = stand(&api, els[0].election.id, &m[0..5]).await;
    assert!(board25.uncontested);
    let outsider = api
        .candidate_add(CandidateInput {
            election: els[0].election.id,
            member: None,
            name: Some("Ikke Medlem".into()),
            proposed_by: "Selv".into(),
            accepts: true,
        })
        .await
        .unwrap();
    let o = outsider
        .election
        .candidates
        .iter()
        .find(|c| c.name == "Ikke Medlem")
        .unwrap();
    assert!(
        !o.eligible && o.reason.as_deref() == Some("Kun medlemmer kan vælges til bestyrelsen.")
    );
    assert!(
        outsider.uncontested,
        "an ineligible candidate does not make it contested"
    );
    let v = api.election_uncontested(els[0].election.id).await.unwrap();
    // Who sits 2 years and who 1 is the assembly's choice, not the order of the names:
    // the result cannot go into the register until it is made.
    let choice = v.terms_choice.clone().unwrap();
    assert_eq!(
        (
            choice.long_years,
            choice.long,
            choice.short_years,
            choice.short,
            choice.decided
        ),
        (2, 2, 1, 3, false)
    );
    assert!(
        v.paragraph.starts_with("Fredsvalg: Valgt til bestyrelsen: ")
            && v.paragraph.ends_with(
                "; 2 af dem sidder 2 år og 3 sidder 1 år, men hvem, er endnu ikke afgjort (ved lodtrækning eller efter aftale)."
            ),
        "{}",
        v.paragraph
    );
    let undecided = api.election_apply(els[0].election.id).await.unwrap_err();
    assert!(
        undecided
            .message
            .starts_with("Vælg først, hvem af de valgte"),
        "{undecided:?}"
    );
    let id_of = |v: &ElectionView, m: MemberId| cid(v, m);
    let wrong_count = api
        .election_terms(TermsInput {
            election: els[0].election.id,
            long: vec![id_of(&v, m[3])],
            agreed: true,
            witnesses: vec![],
        })
        .await
        .unwrap_err();
    assert_eq!(wrong_count.fields[0].field, "long");
    // Dorte and Erik offered to take the long terms; the others agreed.
    let v = api
        .election_terms(TermsInput {
            election: els[0].election.id,
            long: vec![id_of(&v, m[3]), id_of(&v, m[4])],
            agreed: true,
            witnesses: vec![],
        })
        .await
        .unwrap();
    assert!(v.terms_choice.as_ref().unwrap().decided);
    assert!(
        v.paragraph
            .contains("for 2 år: Dorte 03 og Erik 04; for 1 år: "),
        "{}",
        v.paragraph
    );
    assert!(
        v.paragraph
            .contains("Fordelingen af valgperioderne skete efter aftale mellem de valgte"),
        "{}",
        v.paragraph
    );
    assert!(
        v.paragraph
            .starts_with("Fredsvalg: Valgt til bestyrelsen for 2 år: "),
        "{}",
        v.paragraph
    );
    // Staggered terms: the paragraph says who sits for 1 year and who for 2, as the register
    // will (not "2 år" for all five).
    assert!(v.paragraph.contains("; for 1 år: "), "{}", v.paragraph);
    let before_apply = v.paragraph.clone();
    api.election_apply(els[0].election.id).await.unwrap();
    let applied = api.election_get(els[0].election.id).await.unwrap();
    assert_eq!(
        applied.paragraph, before_apply,
        "the register agrees with the paragraph"
    );
    let one_year = before_apply
        .split("; for 1 år: ")
        .nth(1)
        .unwrap()
        .trim_end_matches('.')
        .to_owned();
    let reg = api.board_register(Some(date(2025, 3, 9))).await.unwrap();
    for t in reg
        .current
        .iter()
        .filter(|t| t.term.kind == SeatKind::Board)
    {
        assert_eq!(
            one_year.contains(&t.term.name),
            t.term.expires_year == Some(2026),
            "{} in «{one_year}»",
            t.term.name
        );
    }
    stand(&api, els[1].election.id, &m[5..7]).await;
    api.election_uncontested(els[1].election.id).await.unwrap();
    api.election_apply(els[1].election.id).await.unwrap();
    let b = api.board_register(Some(date(2025, 3, 9))).await.unwrap();
    let years: Vec<Option<i32>> = board_years(&b).into_iter().map(|(_, y)| y).collect();
    let mut sorted = years.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [Some(2026), Some(2026), Some(2026), Some(2027), Some(2027)]
    );
    let alts: Vec<(Option<u32>, String)> = b
        .current
        .iter()
        .filter(|t| t.term.kind == SeatKind::Alternate)
        .map(|t| (t.term.rank, t.kind_label.clone()))
        .collect();
    assert_eq!(
        alts,
        [
            (Some(1), "1. suppleant".into()),
            (Some(2), "2. suppleant".into())
        ]
    );
    // The constitution meeting.
    let chair = b
        .current
        .iter()
        .find(|t| t.term.member == Some(m[0]))
        .unwrap()
        .term
        .id;
    let b = api
        .board_constitute(ConstituteInput {
            date: date(2025, 3, 20),
            positions: vec![PositionInput {
                term: chair,
                position: Position::Chair,
            }],
        })
        .await
        .unwrap();
    assert_eq!(
        b.current
            .iter()
            .find(|t| t.term.id == chair)
            .unwrap()
            .position
            .as_deref(),
        Some("Formand")
    );

    // 2026: the three seats from 2025 that expire now are up; fredsvalg again.
    let gf26 = assembly(&api, date(2026, 3, 14), &m[..12]).await;
    let up = api.elections_seats_up(gf26).await.unwrap();
    assert_eq!((up.board, up.expiring.len(), up.vacancies), (3, 3, 0));
    let els = api.elections_for(gf26).await.unwrap();
    assert_eq!(
        els[0].election.candidates.len(),
        3,
        "those whose terms expire are listed"
    );
    assert!(els[0]
        .election
        .candidates
        .iter()
        .all(|c| c.standing_again && !c.accepts));
    let again: Vec<MemberId> = els[0]
        .election
        .candidates
        .iter()
        .filter_map(|c| c.member)
        .collect();
    // A sitting member standing again is held to the same rule as a new candidate: with
    // the 2026 fee reversed, they cannot be elected; paid again, they can.
    let unpaid = again[0];
    let p26 = api
        .member_get(unpaid)
        .await
        .unwrap()
        .payments
        .into_iter()
        .find(|p| p.year == 2026)
        .unwrap();
    api.fee_payment_reverse(PaymentReversal {
        member: unpaid,
        payment: p26.id,
        reason: "Fejlregistreret".into(),
    })
    .await
    .unwrap();
    let v = stand(&api, els[0].election.id, &again).await;
    let sitting = v
        .election
        .candidates
        .iter()
        .find(|c| c.member == Some(unpaid))
        .unwrap();
    assert!(
        !sitting.eligible
            && sitting
                .reason
                .as_deref()
                .is_some_and(|r| r.starts_with("Kan ikke vælges: ")),
        "{sitting:?}"
    );
    let newcomer = api
        .candidate_add(CandidateInput {
            election: els[1].election.id,
            member: Some(unpaid),
            name: None,
            proposed_by: "Selv".into(),
            accepts: true,
        })
        .await
        .unwrap();
    let c = newcomer
        .election
        .candidates
        .iter()
        .find(|c| c.member == Some(unpaid))
        .unwrap();
    assert_eq!(
        (c.eligible, &c.reason),
        (sitting.eligible, &sitting.reason),
        "the same rule for a new candidate"
    );
    api.fee_pay(PaymentInput {
        member_id: unpaid,
        year: 2026,
        paid_on: Some(date(2026, 3, 1)),
        amount: Money(10_000),
        method: PaymentMethod::Cash,
        voucher_no: None,
    })
    .await
    .unwrap();
    let v = api.election_get(els[0].election.id).await.unwrap();
    assert!(
        v.election.candidates.iter().all(|c| c.eligible),
        "paid again"
    );
    api.election_uncontested(els[0].election.id).await.unwrap();
    api.election_apply(els[0].election.id).await.unwrap();
    let b = api.board_register(Some(date(2026, 3, 15))).await.unwrap();
    let years: Vec<Option<i32>> = board_years(&b).into_iter().map(|(_, y)| y).collect();
    let mut sorted = years;
    sorted.sort();
    assert_eq!(
        sorted,
        [Some(2027), Some(2027), Some(2028), Some(2028), Some(2028)]
    );

    // 2027: two seats, four candidates: kampvalg by written ballot, tie for the second seat.
    let present: Vec<MemberId> = m[..16].to_vec();
    let gf27 = assembly(&api, date(2027, 3, 13), &present).await;
    let up = api.elections_seats_up(gf27).await.unwrap();
    assert_eq!((up.board, up.expiring.len()), (2, 2));
    let els = api.elections_for(gf27).await.unwrap();
    let e = els[0].election.id;
    let (a, bb, c, d) = (m[10], m[11], m[12], m[13]);
    let v = stand(&api, e, &[a, bb, c, d]).await;
    assert!(!v.uncontested);
    let refused = api.election_uncontested(e).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Refused);
    let v = api.election_start_ballot(e).await.unwrap();
    assert_eq!(v.election.present_with_vote, 16);
    let (ca, cb, cc, cd) = (cid(&v, a), cid(&v, bb), cid(&v, c), cid(&v, d));
    let mut ballots: Vec<(Vec<CandidateId>, bool)> = Vec::new();
    ballots.extend(std::iter::repeat_n((vec![ca, cb], false), 3));
    ballots.extend(std::iter::repeat_n((vec![ca, cc], false), 3));
    ballots.extend(std::iter::repeat_n((vec![ca, cd], false), 3));
    ballots.push((vec![ca], false));
    ballots.extend(std::iter::repeat_n((vec![cb, cc], false), 4));
    ballots.push((vec![], false));
    ballots.push((vec![ca, cb, cc], false));
    let mut v = v;
    for (marks, bad) in ballots {
        v = api
            .ballot_enter(BallotInput {
                election: e,
                marks,
                marked_invalid: bad,
            })
            .await
            .unwrap();
    }
    let t = v.tally.clone().unwrap();
    assert_eq!((t.cast, t.valid, t.blank, t.invalid), (16, 14, 1, 1));
    let votes = |id: CandidateId| t.votes.iter().find(|x| x.candidate == id).unwrap().votes;
    assert_eq!((votes(ca), votes(cb), votes(cc), votes(cd)), (10, 7, 7, 3));
    let r = v.ranking.clone().unwrap();
    let tie = r
        .pending
        .clone()
        .expect("the tie for the second seat waits");
    assert_eq!(tie.what, "den sidste plads");
    assert_eq!(tie.kind, kvorum_core::elections::TieKind::LastSeat);
    // The candidate above the tie is surely elected, and the minutes say so while it waits.
    assert_eq!(r.elected, vec![ca]);
    let name = |id: CandidateId| {
        v.election
            .candidates
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .name
            .clone()
    };
    assert!(
        v.paragraph
            .starts_with(&format!("Valgt til bestyrelsen for 2 år: {};", name(ca))),
        "{}",
        v.paragraph
    );
    assert!(
        v.paragraph.contains(
            "16 mulige stemmer i salen, 16 stemmesedler afgivet: 14 gyldige, 1 blank, 1 ugyldig"
        ),
        "{}",
        v.paragraph
    );
    assert!(
        v.paragraph.contains("er endnu ikke afgjort"),
        "{}",
        v.paragraph
    );
    let not_yet = api.election_apply(e).await.unwrap_err();
    assert!(
        not_yet.message.contains("lodtrækning"),
        "{}",
        not_yet.message
    );
    let full = api
        .ballot_enter(BallotInput {
            election: e,
            marks: vec![ca],
            marked_invalid: false,
        })
        .await
        .unwrap_err();
    assert!(
        full.message.contains("16 stemmer i salen"),
        "{}",
        full.message
    );
    // The lot, drawn by Kvorum before witnesses, is recorded.
    let v = api
        .election_draw_lot(DrawInput {
            election: e,
            witnesses: vec!["Vibeke Dirigent".into(), "Anne Ærø".into()],
            by_hand: vec![],
        })
        .await
        .unwrap();
    let r = v.ranking.clone().unwrap();
    assert!(r.pending.is_none());
    let draw = &v.election.draws[0];
    assert!(!draw.by_hand);
    let winner = draw.order[0];
    assert_eq!(r.elected, vec![ca, winner]);
    let name = |id: CandidateId| {
        v.election
            .candidates
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .name
            .clone()
    };
    let loser = draw.order[1];
    assert!(
        v.paragraph.starts_with(&format!(
            "Valgt til bestyrelsen for 2 år: {} og {};",
            name(ca),
            name(winner)
        )),
        "{}",
        v.paragraph
    );
    assert!(v.paragraph.contains(&format!(
        "Stemmer: {} 10, {} 7, {} 7, {} 3 (skriftlig afstemning; 16 mulige stemmer i salen, 16 stemmesedler afgivet: 14 gyldige, 1 blank, 1 ugyldig)",
        name(ca), name(winner), name(loser), name(cd)
    )), "{}", v.paragraph);
    let mut tied = [name(cb), name(cc)];
    tied.sort(); // the ballot lists candidates alphabetically
    assert!(v.paragraph.contains(&format!(
        "Stemmelighed mellem {} og {} (7 stemmer hver) om den sidste plads afgjort ved lodtrækning, trukket af Kvorum med Vibeke Dirigent og Anne Ærø som vidner: {} før {}",
        tied[0], tied[1], name(winner), name(loser)
    )), "{}", v.paragraph);
    // A recount from the stored ballots gives the same result.
    assert_eq!(api.election_get(e).await.unwrap().tally, v.tally);

    // Alternates: three candidates for two ranked places.
    let alt = els[1].election.id;
    let va = stand(&api, alt, &[m[14], m[15], m[16]]).await;
    api.election_start_ballot(alt).await.unwrap();
    let (x, y, z) = (cid(&va, m[14]), cid(&va, m[15]), cid(&va, m[16]));
    let mut va = va;
    for marks in [vec![x, y], vec![x, y], vec![x, z], vec![y], vec![x]] {
        va = api
            .ballot_enter(BallotInput {
                election: alt,
                marks,
                marked_invalid: false,
            })
            .await
            .unwrap();
    }
    assert_eq!(va.ranking.as_ref().unwrap().elected, vec![x, y]);
    let aname = |id: CandidateId| {
        va.election
            .candidates
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .name
            .clone()
    };
    let (nx, ny) = (aname(x), aname(y));
    assert!(
        va.paragraph.starts_with("Valgt som suppleant for 1 år"),
        "{}",
        va.paragraph
    );

    // The minutes carry the paragraphs; approving them updates the register.
    api.meeting_update(MeetingUpdate {
        id: gf27,
        version: api.meeting_get(gf27).await.unwrap().meeting.version,
        input: MeetingInput {
            kind: MeetingKind::Ordinary,
            body: None,
            date: date(2027, 3, 13),
            start_time: NaiveTime::from_hms_opt(14, 0, 0),
            place: "Perronen".into(),
            demanded_by: None,
            demanded_on: None,
        },
        end_time: None,
        notice_sent_on: Some(date(2027, 2, 20)),
        final_agenda_sent_on: None,
        officers: Officers {
            // The municipality's representative sits on the board: Kvorum warns.
            dirigent: Some("Kommunens repræsentant".into()),
            referent: None,
            counters: vec![],
        },
    })
    .await
    .unwrap();
    let detail = api.meeting_get(gf27).await.unwrap();
    assert!(
        detail
            .warnings
            .iter()
            .any(|w| w.contains("Dirigenten bør ikke være medlem af bestyrelsen")),
        "{:?}",
        detail.warnings
    );
    let draft = api.minutes_draft(gf27).await.unwrap();
    assert!(
        draft
            .text
            .contains("6. Valg af bestyrelsesmedlemmer\n\nValgt til bestyrelsen for 2 år:"),
        "{}",
        draft.text
    );
    assert!(draft.text.contains("afgjort ved lodtrækning"));
    api.minutes_approve(MinutesApproval {
        id: draft.id,
        version: draft.version,
        signatories: vec![Signatory {
            role: "Dirigent".into(),
            name: "Vibeke Dirigent".into(),
        }],
        approved_on: date(2027, 3, 20),
    })
    .await
    .unwrap();
    let b = api.board_register(Some(date(2027, 3, 14))).await.unwrap();
    let board = board_years(&b);
    assert_eq!(board.len(), 5);
    assert!(board.contains(&(name(ca), Some(2029))) && board.contains(&(name(winner), Some(2029))));
    assert!(!board.iter().any(|(n, _)| *n == name(loser)));
    let alts: Vec<(String, Option<u32>)> = b
        .current
        .iter()
        .filter(|t| t.term.kind == SeatKind::Alternate)
        .map(|t| (t.term.name.clone(), t.term.rank))
        .collect();
    assert_eq!(alts, [(nx.clone(), Some(1)), (ny.clone(), Some(2))]);
    let still = b
        .current
        .iter()
        .find(|t| t.term.id == municipal.id)
        .unwrap();
    assert_eq!(
        still.term, municipal,
        "the municipal seat is untouched by elections"
    );
    assert_eq!(b.seats_filled, 5);
    // History: who sat on 1 January 2026.
    let then = api.board_register(Some(date(2026, 1, 1))).await.unwrap();
    assert_eq!(board_years(&then).len(), 5);
    assert!(api.election_apply(e).await.is_err(), "applied once");

    // Ballots to print, with the tally sheet, and the board list for the bank.
    let pdf = api
        .export(ExportRequest::BallotsPdf { election: e })
        .await
        .unwrap();
    let text = kvorum_docs::pdf::page_texts(&pdf.bytes).unwrap().join(" ");
    assert!(
        text.contains("Stemmeseddel – Valg af bestyrelsesmedlemmer"),
        "{text}"
    );
    assert!(
        text.contains("Sæt højst 2 krydser") && text.contains("Optællingsskema"),
        "{text}"
    );
    let list = api
        .export(ExportRequest::BoardPdf {
            on: Some(date(2027, 3, 14)),
        })
        .await
        .unwrap();
    let text = kvorum_docs::pdf::page_texts(&list.bytes).unwrap().join(" ");
    assert!(
        text.contains("Udpeget medlem") && text.contains("Guldborgsund Kommune"),
        "{text}"
    );
    assert!(text.contains(&name(ca)), "{text}");

    // An alternate steps in when a member leaves.
    let leaving = b
        .current
        .iter()
        .find(|t| t.term.kind == SeatKind::Board)
        .unwrap()
        .term
        .clone();
    let b = api
        .board_leave(LeaveInput {
            term: leaving.id,
            date: date(2027, 3, 18),
            reason: "flyttet".into(),
            alternate_steps_in: true,
        })
        .await
        .unwrap();
    let board = board_years(&b);
    assert!(
        board.contains(&(nx.clone(), leaving.expires_year)),
        "{board:?}"
    );
    let alts: Vec<(String, Option<u32>)> = b
        .current
        .iter()
        .filter(|t| t.term.kind == SeatKind::Alternate)
        .map(|t| (t.term.name.clone(), t.term.rank))
        .collect();
    assert_eq!(alts, [(ny.clone(), Some(1))]);
    // Three assemblies, fredsvalg, kampvalg and the recorded lot move to the other engine
    // and back unchanged.
    let sums = kvorum_tests::round_trip(&api, engine).await;
    for t in ["elections", "ballots", "board_terms", "meetings"] {
        assert!(
            sums.iter().any(|s| s.table == t && s.rows > 0),
            "{t} moved empty"
        );
    }
    api.close().await;
}

/// The chair elected directly by absolute majority, with a second round between the top two.
async fn chair_by_majority(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open_on("Karin (sekretær)", date(2027, 3, 20)).await;
    api.association_create(AssociationInput {
        name: "Mødestedet Huset".into(),
        fiscal_year_start_month: 1,
        ..Default::default()
    })
    .await
    .unwrap();
    api.bylaws_set_rule("board.directlyElected".into(), r#"["chair"]"#.into())
        .await
        .unwrap();
    api.bylaws_set_rule("election.ties".into(), "runOff".into())
        .await
        .unwrap();
    api.bylaws_adopt(AdoptInput {
        adopted_on: Some(date(2026, 1, 1)),
        in_force_from: None,
        note: None,
    })
    .await
    .unwrap();
    api.fee_rate_set(FeeRate {
        year: 2027,
        membership_type: "ordinary".into(),
        amount: Money(5_000),
    })
    .await
    .unwrap();
    let mut m = Vec::new();
    for n in [
        "Anne Ærø",
        "Bent Østergaard",
        "Carla Ågård",
        "Dorte",
        "Erik",
        "Frida",
        "Gustav",
        "Hanne",
        "Ib",
    ] {
        let x = api
            .member_add(MemberInput {
                name: n.into(),
                joined_on: Some(date(2024, 1, 10)),
                membership_type: "ordinary".into(),
                ..Default::default()
            })
            .await
            .unwrap();
        api.fee_pay(PaymentInput {
            member_id: x.id,
            year: 2027,
            paid_on: Some(date(2027, 1, 15)),
            amount: Money(5_000),
            method: PaymentMethod::Cash,
            voucher_no: None,
        })
        .await
        .unwrap();
        m.push(x.id);
    }
    let gf = assembly(&api, date(2027, 3, 13), &m).await;
    let els = api.elections_for(gf).await.unwrap();
    assert_eq!(els[0].title, "Valg af formand");
    assert_eq!(els[0].election.seats, 1);
    let e = els[0].election.id;
    let v = stand(&api, e, &m[..3]).await;
    api.election_start_ballot(e).await.unwrap();
    let (a, b) = (cid(&v, m[0]), cid(&v, m[1]));
    let c = cid(&v, m[2]);
    let mut v = v;
    for who in [a, a, a, a, b, b, b, c, c] {
        v = api
            .ballot_enter(BallotInput {
                election: e,
                marks: vec![who],
                marked_invalid: false,
            })
            .await
            .unwrap();
    }
    let p = v
        .ranking
        .as_ref()
        .unwrap()
        .pending
        .clone()
        .expect("4 of 9 is no majority");
    assert_eq!(p.candidates, vec![a, b]);
    let lot = api
        .election_draw_lot(DrawInput {
            election: e,
            witnesses: vec![],
            by_hand: vec![],
        })
        .await
        .unwrap_err();
    assert!(lot.message.contains("omvalg"), "{}", lot.message);
    let second = api.election_runoff(e).await.unwrap();
    assert_eq!(second.title, "Omvalg – valg af formand");
    assert_eq!(second.election.candidates.len(), 2);
    let r = second.election.id;
    for who in [b, b, b, b, b, a, a, a, a] {
        api.ballot_enter(BallotInput {
            election: r,
            marks: vec![who],
            marked_invalid: false,
        })
        .await
        .unwrap();
    }
    let first = api.election_apply(r).await.unwrap();
    assert_eq!(first.election.id, e, "the run-off settles the first round");
    let ranking = first.ranking.clone().unwrap();
    assert_eq!(ranking.elected, vec![b]);
    assert!(
        first.paragraph.contains(
            "Ingen fik absolut flertal i første runde; ved omvalg mellem Anne Ærø og Bent Østergaard blev Bent Østergaard valgt"
        ),
        "{}",
        first.paragraph
    );
    api.election_apply(e).await.unwrap();
    let board = api.board_register(Some(date(2027, 3, 14))).await.unwrap();
    let chair = board
        .current
        .iter()
        .find(|t| t.term.name == "Bent Østergaard")
        .unwrap();
    assert_eq!(chair.position.as_deref(), Some("Formand"));
    // The run-off refers to the first round: moved, it is inserted after it.
    let sums = kvorum_tests::round_trip(&api, engine).await;
    assert!(sums.iter().any(|s| s.table == "elections" && s.rows >= 2));
    api.close().await;
}

/// The projector follows the assembly: title, agenda with the current item, live attendance, a
/// decision as recorded (frozen, it stays where it was), an election from the candidates in
/// ballot order to the result with a tie and its draw — read from the same records as the
/// minutes, with no attendee's name in it.
async fn projector_story(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open_on("Karin (sekretær)", date(2027, 3, 20)).await;
    api.association_create(AssociationInput {
        name: "Foreningen Perronen".into(),
        fiscal_year_start_month: 1,
        ..Default::default()
    })
    .await
    .unwrap();
    api.bylaws_adopt(AdoptInput {
        adopted_on: Some(date(2024, 11, 1)),
        in_force_from: None,
        note: None,
    })
    .await
    .unwrap();
    let mut m = Vec::new();
    for i in 0..10 {
        let x = api
            .member_add(MemberInput {
                name: format!(
                    "{} Ærø {i:02}",
                    ["Anne", "Bent", "Carla", "Dorte", "Erik"][i % 5]
                ),
                joined_on: Some(date(2024, 1, 10)),
                membership_type: "ordinary".into(),
                ..Default::default()
            })
            .await
            .unwrap();
        m.push(x.id);
    }
    assert_eq!(
        api.projector_view().await.unwrap(),
        None,
        "nothing before a slide is chosen"
    );
    let gf = assembly(&api, date(2027, 3, 20), &m[..8]).await;
    let meeting = api.meeting_get(gf).await.unwrap();
    let show = |slide: Slide, follow: bool| ProjectorInput {
        meeting: gf,
        slide,
        follow,
    };
    let v = api.projector_show(show(Slide::Title, false)).await.unwrap();
    assert_eq!(v.association, "Foreningen Perronen");
    assert_eq!(v.title, meeting.title);
    assert_eq!(v.when, meeting.when);
    assert_eq!(v.slide, SlideView::Title);
    assert_eq!(v.current, None);
    assert_eq!(
        (
            v.attendance.present,
            v.attendance.with_vote,
            v.attendance.proxies
        ),
        (8, 8, 0)
    );
    // The item the meeting moves to is the current one on the agenda.
    let item = &meeting.meeting.agenda[2];
    let v = api
        .projector_show(show(Slide::Item { item: item.id }, true))
        .await
        .unwrap();
    assert_eq!(v.current, Some(2));
    let SlideView::Item(s) = &v.slide else {
        panic!("{:?}", v.slide)
    };
    assert_eq!((s.number, s.title.as_str()), (3, item.title.as_str()));
    let v = api
        .projector_show(show(Slide::Agenda, false))
        .await
        .unwrap();
    assert_eq!(v.agenda.len(), meeting.meeting.agenda.len());
    assert_eq!(v.current, Some(2), "the agenda highlights the current item");
    // A check-in shows at once: the view is read from the records, not copied.
    api.attendance_check_in(CheckIn {
        meeting: gf,
        member: Some(m[8]),
        guest: None,
    })
    .await
    .unwrap();
    assert_eq!(
        api.projector_view()
            .await
            .unwrap()
            .unwrap()
            .attendance
            .present,
        9
    );

    // A decision as recorded: the same counts and outcome as the minutes.
    let recorded = api
        .decision_record(DecisionInput {
            meeting: gf,
            item: item.id,
            proposal: None,
            kind: None,
            subject: Some("Beretningen godkendes".into()),
            acclamation: false,
            counts: VoteCounts {
                for_votes: 6,
                against: 2,
                blank: 1,
                invalid: 0,
            },
        })
        .await
        .unwrap();
    let v = api
        .projector_show(show(
            Slide::Decision {
                decision: recorded.decision.id,
            },
            true,
        ))
        .await
        .unwrap();
    let SlideView::Decision(d) = &v.slide else {
        panic!("{:?}", v.slide)
    };
    assert_eq!(d.counts, recorded.decision.counts);
    assert_eq!(d.result, DecisionResult::Adopted);
    assert_eq!(d.explanation, recorded.decision.outcome.explanation);
    assert_eq!(d.subject, "Beretningen godkendes");
    let minutes = api.meeting_get(gf).await.unwrap();
    assert_eq!(
        minutes.decisions[0].counts, d.counts,
        "what the room saw is what is recorded"
    );

    // Frozen: the meeting moves on, the wall stays; the secretary's own choice still shows.
    let v = api.projector_freeze(true).await.unwrap().unwrap();
    assert!(v.frozen);
    let next = &meeting.meeting.agenda[3];
    let v = api
        .projector_show(show(Slide::Item { item: next.id }, true))
        .await
        .unwrap();
    assert!(matches!(v.slide, SlideView::Decision(_)), "{:?}", v.slide);
    assert_eq!(v.current, Some(2));
    let v = api
        .projector_show(show(
            Slide::Message {
                text: "  Pause til kl. 15.30 ".into(),
            },
            false,
        ))
        .await
        .unwrap();
    assert_eq!(
        v.slide,
        SlideView::Message {
            text: "Pause til kl. 15.30".into()
        }
    );
    api.projector_freeze(false).await.unwrap();
    let v = api
        .projector_show(show(Slide::Item { item: next.id }, true))
        .await
        .unwrap();
    assert_eq!(v.current, Some(3));
    // Bad input is refused in Danish, and the wall keeps what it showed.
    for bad in [
        Slide::Message { text: "   ".into() },
        Slide::Message {
            text: "ø".repeat(501),
        },
        Slide::Countdown {
            label: "Pause".into(),
            seconds: 0,
        },
        Slide::Countdown {
            label: "Pause".into(),
            seconds: 3 * 3600 + 1,
        },
        Slide::Item {
            item: AgendaItemId::new(),
        },
    ] {
        let e = api
            .projector_show(show(bad.clone(), false))
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Refused, "{bad:?}");
        assert!(
            !e.message.is_empty() && !e.message.contains("projector-"),
            "{}",
            e.message
        );
    }
    assert_eq!(
        api.projector_view().await.unwrap().unwrap().current,
        Some(3)
    );
    let v = api
        .projector_show(show(
            Slide::Countdown {
                label: "Pause".into(),
                seconds: 600,
            },
            false,
        ))
        .await
        .unwrap();
    let SlideView::Countdown(c) = &v.slide else {
        panic!("{:?}", v.slide)
    };
    assert!(
        c.remaining_ms > 590_000 && c.remaining_ms <= 600_000,
        "{}",
        c.remaining_ms
    );

    // An election: candidates in the ballot's order while voting, then the result.
    let els = api.elections_for(gf).await.unwrap();
    let board = els
        .iter()
        .find(|e| e.election.kind == ElectionKind::Board)
        .unwrap();
    let e = board.election.id;
    let seats = board.election.seats;
    let v = stand(&api, e, &m[..(seats as usize + 1)]).await;
    let standing: Vec<String> = v
        .election
        .candidates
        .iter()
        .filter(|c| c.accepts && c.eligible)
        .map(|c| c.name.clone())
        .collect();
    let p = api
        .projector_show(show(
            Slide::Election {
                election: e,
                result: false,
            },
            false,
        ))
        .await
        .unwrap();
    let SlideView::Election(s) = &p.slide else {
        panic!("{:?}", p.slide)
    };
    assert!(s.voting);
    assert_eq!(s.candidates, standing, "the ballot's order");
    assert!(s.results.is_empty());
    let v = api.election_start_ballot(e).await.unwrap();
    // The last two candidates tie for the last seat: one ballot for each of them, and two
    // marking all the others.
    let ids: Vec<CandidateId> = m[..(seats as usize + 1)]
        .iter()
        .map(|x| cid(&v, *x))
        .collect();
    let (last, before) = (ids[ids.len() - 1], ids[ids.len() - 2]);
    let others = ids[..ids.len() - 2].to_vec();
    let ballots = vec![others.clone(), others, vec![last], vec![before]];
    for marks in ballots {
        api.ballot_enter(BallotInput {
            election: e,
            marks,
            marked_invalid: false,
        })
        .await
        .unwrap();
    }
    // The count goes on the wall when the secretary shows the result, not ballot by ballot.
    let p = api.projector_view().await.unwrap().unwrap();
    let SlideView::Election(s) = &p.slide else {
        panic!("{:?}", p.slide)
    };
    assert!(s.voting && s.results.is_empty());
    let p = api
        .projector_show(show(
            Slide::Election {
                election: e,
                result: true,
            },
            false,
        ))
        .await
        .unwrap();
    let SlideView::Election(s) = &p.slide else {
        panic!("{:?}", p.slide)
    };
    assert!(!s.voting);
    assert_eq!(s.results.len(), ids.len());
    let tie = s.tie.as_ref().expect("a tie for the last seat");
    assert_eq!(tie.votes, 1);
    assert_eq!(tie.names.len(), 2);
    assert_eq!(
        s.results.iter().filter(|r| r.elected).count(),
        seats as usize - 1
    );
    let drawn = api
        .election_draw_lot(DrawInput {
            election: e,
            witnesses: vec!["Vibeke Dirigent".into()],
            by_hand: vec![],
        })
        .await
        .unwrap();
    let p = api.projector_view().await.unwrap().unwrap();
    let SlideView::Election(s) = &p.slide else {
        panic!("{:?}", p.slide)
    };
    assert!(s.tie.is_none());
    assert_eq!(s.draws.len(), 1);
    assert_eq!(
        s.results.iter().filter(|r| r.elected).count(),
        seats as usize
    );
    let elected: Vec<String> = drawn
        .ranking
        .unwrap()
        .elected
        .iter()
        .map(|c| {
            drawn
                .election
                .candidates
                .iter()
                .find(|x| x.id == *c)
                .unwrap()
                .name
                .clone()
        })
        .collect();
    let shown: Vec<String> = s
        .results
        .iter()
        .filter(|r| r.elected)
        .map(|r| r.name.clone())
        .collect();
    let (mut a, mut b) = (elected.clone(), shown.clone());
    a.sort();
    b.sort();
    assert_eq!(a, b, "the wall names those the minutes elect");

    // No attendee's name on the wall: only the candidates'.
    let text = serde_json::to_string(
        &api.projector_show(show(Slide::Attendance, false))
            .await
            .unwrap(),
    )
    .unwrap();
    for (i, id) in m.iter().enumerate().skip(seats as usize + 1) {
        let name = api.member_get(*id).await.unwrap().member.name;
        assert!(!text.contains(&name), "{i}: {name} in {text}");
    }
    // Another meeting's decision is not this meeting's slide.
    let other = assembly(&api, date(2027, 4, 20), &m[..2]).await;
    let e = api
        .projector_show(ProjectorInput {
            meeting: other,
            slide: Slide::Decision {
                decision: recorded.decision.id,
            },
            follow: false,
        })
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Refused);
}

kvorum_tests::on_both_engines!(chair_by_majority, elections_story, projector_story);
