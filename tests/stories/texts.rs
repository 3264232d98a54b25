//! Every generated text, for counts 0, 1, 2 and 1 000: an assembly of that many members, all
//! paid and checked in, a decision, the minutes draft and every document of the meeting,
//! the member list and the board list, read back from the real PDF bytes. No text may carry a `(er)`/`(r)` plural, a doubled full stop, a `(` glued to the
//! word before it, an internal identifier, a plural noun after the count 1, or a count of
//! 1 000 or more without its thousands separator.

use chrono::{NaiveDate, NaiveTime};
use kvorum_api::budget::BudgetLineInput;
use kvorum_api::dto::*;
use kvorum_api::Api;
use kvorum_core::budget::LineKind;
use kvorum_core::meetings::MeetingKind;
use kvorum_tests::TestDb;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Words that are codes, not Danish: a text showing one leaks an identifier.
const IDENTIFIERS: &[&str] = &[
    "ordinary",
    "extraordinary",
    "mobilePay",
    "bankTransfer",
    "amendment",
    "dissolution",
    "NotMember",
    "PartlyPaid",
    "Some(",
    "None",
    "null",
    "undefined",
    "NaN",
    "{ $",
    "{$",
    "}",
];

/// Danish plural nouns Kvorum writes after a count: never after the count 1.
const PLURALS: &[&str] = &[
    "medlemmer",
    "stemmer",
    "fuldmagter",
    "gæster",
    "dage",
    "dages",
    "blanke",
    "gyldige",
    "ugyldige",
    "stemmesedler",
    "pladser",
    "krydser",
    "suppleanter",
    "revisorer",
    "rækker",
    "linjer",
    "stemmeberettigede",
    "bestyrelsespladser",
];

fn problems(what: &str, text: &str, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut say = |p: String| out.push(format!("{what} (n = {n}): {p}"));
    for bad in ["(er)", "(r)", "(e)", "(ne)"] {
        if text.contains(bad) {
            say(format!("an unresolved plural «{bad}»"));
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, w) in chars.windows(2).enumerate() {
        if w == ['.', '.'] && chars.get(i + 2) != Some(&'.') && (i == 0 || chars[i - 1] != '.') {
            say(format!("a doubled full stop near «{}»", around(&chars, i)));
        }
        if w[1] == '(' && w[0].is_alphanumeric() {
            say(format!(
                "a «(» without a space before it near «{}»",
                around(&chars, i)
            ));
        }
    }
    for id in IDENTIFIERS {
        if text.contains(id) {
            say(format!("an internal identifier «{id}»"));
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    for w in words.windows(2) {
        let noun = w[1].trim_matches(|c: char| !c.is_alphanumeric());
        if w[0] == "1" && PLURALS.contains(&noun) {
            say(format!("«1 {noun}»"));
        }
    }
    // A count of 1 000 or more is written 1.000; four digits on their own are a year, a
    // postal code or a member no. only.
    for (i, _) in text.match_indices("1000") {
        let before = text[..i].chars().next_back();
        let after = text[i + 4..].chars().next();
        let digitish =
            |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || ".,/-:@".contains(c));
        // Followed by a lowercase word it is a count ("1000 medlemmer"); a member no. in a
        // list is followed by the name.
        let counted = text[i + 4..]
            .strip_prefix(' ')
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_lowercase);
        if !digitish(before) && !digitish(after) && counted {
            let rest: String = text[i + 4..].chars().take(14).collect();
            say(format!("«1000{rest}» without a thousands separator"));
        }
    }
    out
}

fn around(chars: &[char], i: usize) -> String {
    let from = i.saturating_sub(25);
    let to = (i + 25).min(chars.len());
    chars[from..to].iter().collect()
}

fn members_csv(n: usize) -> Vec<u8> {
    let mut s = String::from("Medlemsnr;Fornavn;Efternavn;Adresse;Postnr;By;E-mail;Indmeldt\n");
    for i in 1..=n {
        s.push_str(&format!(
            "{i};Medlem;Nummer {i};Jernbanegade {};4800;Nykøbing F;{};01-02-2025\n",
            i % 90 + 1,
            // Every third member has no e-mail and gets the notice as a letter.
            if i % 3 == 0 {
                String::new()
            } else {
                format!("medlem{i}@example.dk")
            }
        ));
    }
    s.into_bytes()
}

async fn pdf(api: &Api, request: ExportRequest) -> String {
    kvorum_tests::pdf_text(api, request).await
}

/// The association with `n` members at its assembly; returns every text it generated.
async fn texts_for(n: usize) -> Vec<(String, String)> {
    let db = TestDb::sqlite();
    let day = date(2027, 3, 13);
    let api = db.open_on("Karin (sekretær)", day).await;
    kvorum_tests::perronen(&api).await;
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
    let mut out: Vec<(String, String)> = Vec::new();
    if n > 0 {
        let done = api
            .members_import_apply(ImportRequest {
                bytes: members_csv(n),
                ..Default::default()
            })
            .await
            .unwrap();
        out.push(("the import's message".into(), done.message));
    }
    let members = api
        .members_list(MemberQuery {
            status: StatusFilter::All,
            ..Default::default()
        })
        .await
        .unwrap()
        .rows;
    assert_eq!(members.len(), n);
    for m in &members {
        api.fee_pay(PaymentInput {
            member_id: m.id,
            year: 2027,
            paid_on: Some(date(2027, 1, 10)),
            amount: Money(15_000),
            method: PaymentMethod::MobilePay,
            voucher_no: None,
        })
        .await
        .unwrap();
    }
    let m = api
        .meeting_create(MeetingInput {
            kind: MeetingKind::Ordinary,
            body: None,
            date: day,
            start_time: NaiveTime::from_hms_opt(14, 0, 0),
            place: "Perronen, Jernbanegade 4".into(),
            demanded_by: None,
            demanded_on: None,
        })
        .await
        .unwrap();
    let id = m.meeting.id;
    let m = api
        .meeting_update(MeetingUpdate {
            id,
            version: m.meeting.version,
            input: MeetingInput {
                kind: MeetingKind::Ordinary,
                body: None,
                date: day,
                start_time: NaiveTime::from_hms_opt(14, 0, 0),
                place: "Perronen, Jernbanegade 4".into(),
                demanded_by: None,
                demanded_on: None,
            },
            end_time: NaiveTime::from_hms_opt(16, 0, 0),
            notice_sent_on: Some(date(2027, 2, 20)),
            final_agenda_sent_on: Some(date(2027, 3, 5)),
            officers: Officers {
                dirigent: Some("Vibeke Dirigent".into()),
                referent: Some("Karin Sekretær".into()),
                counters: vec![],
            },
        })
        .await
        .unwrap();
    for p in 0..n.min(2) {
        api.proposal_add(ProposalInput {
            meeting_id: id,
            submitter: members.get(p).map(|x| x.id),
            received_on: date(2027, 2, 1),
            kind: "ordinary".into(),
            title: format!("Forslag om kaffe nr. {}", p + 1),
            text: "Caféen skal have bedre kaffe.".into(),
            amendment: None,
            recommendation: Some("Bestyrelsen anbefaler forslaget.".into()),
        })
        .await
        .unwrap();
    }
    let mut view = api.attendance_get(id).await.unwrap();
    for x in &members {
        view = api
            .attendance_check_in(CheckIn {
                meeting: id,
                member: Some(x.id),
                guest: None,
            })
            .await
            .unwrap();
    }
    assert_eq!(view.counts.with_vote as usize, n);
    let count = u32::try_from(n).unwrap();
    // Item 3 of the standard agenda: the accounts.
    let item = m.meeting.agenda[2].id;
    let d = api
        .decision_record(DecisionInput {
            meeting: id,
            item,
            proposal: None,
            kind: None,
            subject: Some("Årsregnskab 2026".into()),
            acclamation: false,
            counts: VoteCounts {
                for_votes: count.saturating_sub(count / 2),
                against: count / 4,
                blank: count / 4,
                invalid: 0,
            },
        })
        .await
        .unwrap();
    out.push((
        "the decision".into(),
        d.decision.outcome.explanation.clone(),
    ));
    let detail = api.meeting_get(id).await.unwrap();
    for c in &detail.checklist {
        out.push((format!("the checklist's {}", c.key), c.explanation.clone()));
    }
    if let Some(notice) = &detail.notice {
        out.push(("the notice check".into(), notice.explanation.clone()));
    }
    let up = api.elections_seats_up(id).await.unwrap();
    out.push(("the seats up for election".into(), up.explanation));
    let draft = api.minutes_draft(id).await.unwrap();
    out.push(("the minutes draft".into(), draft.text.clone()));
    // A budget for the follow-up: the fee line (the members' payments count on it) and rent.
    for (name, kind, amount) in [
        (
            "Kontingent",
            LineKind::Income,
            Money(15_000 * i64::try_from(n).unwrap()),
        ),
        ("Husleje", LineKind::Expense, Money(12_000_000)),
    ] {
        // The fee line is there once a fee is paid (fees are booked on it): its budget is set.
        let existing = api
            .budget_get(2027, None)
            .await
            .unwrap()
            .lines
            .into_iter()
            .find(|l| l.line.name == name)
            .map(|l| l.line);
        api.budget_set_line(BudgetLineInput {
            fee_line: existing.as_ref().is_some_and(|l| l.fee_line),
            year: 2027,
            id: existing.as_ref().map(|l| l.id),
            version: existing.as_ref().map_or(0, |l| l.version),
            name: name.into(),
            kind,
            amount,
            grant: None,
        })
        .await
        .unwrap();
    }
    for (what, request) in [
        ("the notice PDF", ExportRequest::NoticePdf { meeting: id }),
        (
            "the final agenda PDF",
            ExportRequest::AgendaPdf { meeting: id },
        ),
        (
            "the attendance sheet PDF",
            ExportRequest::AttendancePdf { meeting: id },
        ),
        (
            "the minutes PDF",
            ExportRequest::MinutesPdf {
                meeting: id,
                number: None,
            },
        ),
        (
            "the member list PDF",
            ExportRequest::MembersPdf {
                query: MemberQuery::default(),
            },
        ),
        ("the board list PDF", ExportRequest::BoardPdf { on: None }),
        (
            "the budget follow-up PDF",
            ExportRequest::BudgetFollowupPdf { year: 2027 },
        ),
    ] {
        out.push((what.into(), pdf(&api, request).await));
    }
    // The notice's letters go to those without e-mail (none when everyone has one).
    if n >= 3 {
        out.push((
            "the notice letters PDF".into(),
            pdf(&api, ExportRequest::NoticeLetters { meeting: id }).await,
        ));
    }
    // The e-mail draft and the calendar file, decoded as a mail program shows them.
    if n > 0 {
        let eml = api
            .export(ExportRequest::NoticeEmail { meeting: id })
            .await
            .unwrap();
        out.push((
            "the notice e-mail".into(),
            kvorum_tests::quoted_printable_text(&String::from_utf8_lossy(&eml.bytes)),
        ));
    }
    let ics = api
        .export(ExportRequest::Calendar { meeting: id })
        .await
        .unwrap();
    out.push((
        "the calendar file".into(),
        String::from_utf8_lossy(&ics.bytes)
            .replace("\r\n ", "")
            .replace("\\n", "\n")
            .replace("\\,", ","),
    ));
    // Ballots for the board election, with the candidates who stand.
    let els = api.elections_for(id).await.unwrap();
    let board = els[0].election.id;
    for x in members.iter().take(7) {
        api.candidate_add(CandidateInput {
            election: board,
            member: Some(x.id),
            name: None,
            proposed_by: "Bestyrelsen".into(),
            accepts: true,
        })
        .await
        .unwrap();
    }
    if n > 0 {
        out.push((
            "the ballots PDF".into(),
            pdf(&api, ExportRequest::BallotsPdf { election: board }).await,
        ));
        let v = api.election_get(board).await.unwrap();
        if v.uncontested {
            let v = api.election_uncontested(board).await.unwrap();
            out.push(("the fredsvalg paragraph".into(), v.paragraph));
        } else {
            let v = api.election_start_ballot(board).await.unwrap();
            let ids: Vec<CandidateId> =
                v.election.candidates.iter().take(2).map(|c| c.id).collect();
            let v = api
                .ballot_enter(BallotInput {
                    election: board,
                    marks: ids,
                    marked_invalid: false,
                })
                .await
                .unwrap();
            out.push(("the election paragraph".into(), v.paragraph));
        }
    }
    api.close().await;
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn every_text_for_0_1_2_and_1000() {
    let mut all = Vec::new();
    for n in [0, 1, 2, 1000] {
        let texts = texts_for(n).await;
        if n == 1000 {
            let minutes = &texts
                .iter()
                .find(|(w, _)| w == "the minutes draft")
                .unwrap()
                .1;
            assert!(
                minutes.contains("1.000 medlemmer til stede, heraf 1.000 med stemmeret"),
                "{minutes}"
            );
        }
        if n == 1000 {
            for what in [
                "the notice letters PDF",
                "the notice e-mail",
                "the calendar file",
                "the ballots PDF",
                "the budget follow-up PDF",
            ] {
                assert!(texts.iter().any(|(w, _)| w == what), "{what} is checked");
            }
            let mail = &texts
                .iter()
                .find(|(w, _)| w == "the notice e-mail")
                .unwrap()
                .1;
            assert!(
                mail.contains("Kære medlem") && mail.contains("Dagsorden"),
                "{mail}"
            );
        }
        if n == 1 {
            let minutes = &texts
                .iter()
                .find(|(w, _)| w == "the minutes draft")
                .unwrap()
                .1;
            assert!(minutes.contains("1 medlem til stede"), "{minutes}");
        }
        for (what, text) in &texts {
            all.extend(problems(what, text, n));
        }
    }
    assert!(
        all.is_empty(),
        "{} problems:\n{}",
        all.len(),
        all.join("\n")
    );
}
