//! The same use cases read in English: validation errors, the planner and the deadlines come
//! from the one catalogue in the user's language, and the app's stored data stays the same.

use chrono::NaiveDate;
use kvorum_api::dto::*;
use kvorum_api::ErrorCode;
use kvorum_core::meetings::MeetingKind;
use kvorum_core::text::Lang;
use kvorum_tests::{today, Engine};

async fn english_story(engine: Engine) {
    let db = engine.fresh().await;
    let mut api = db.open("Karin").await;
    api.set_lang(Lang::En);

    // An error before the association exists, then field errors, in English.
    let none = api.member_add(MemberInput::default()).await.unwrap_err();
    assert_eq!(none.code, ErrorCode::NoAssociation);
    let none = none.localized(Lang::En);
    assert_eq!(
        none.message,
        "The database has no association yet. Create the association first."
    );
    let bad = api
        .association_create(AssociationInput {
            cvr: Some("12".into()),
            fiscal_year_start_month: 13,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(
        bad.message, "3 felter skal rettes. Se beskederne ved felterne.",
        "Danish until the edge"
    );
    let bad = bad.localized(Lang::En);
    assert_eq!(
        bad.message,
        "3 fields need correcting. See the messages by the fields."
    );
    let said: Vec<&str> = bad.fields.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        said,
        [
            "Write the association's name.",
            "A CVR number has 8 digits. Leave the field empty if the association has none.",
            "The fiscal year must start in a month from 1 to 12.",
        ]
    );
    kvorum_tests::perronen(&api).await;
    let one = api
        .member_add(MemberInput {
            name: "Søren".into(),
            email: Some("soren@".into()),
            joined_on: Some(today()),
            membership_type: "ordinary".into(),
            ..Default::default()
        })
        .await
        .unwrap_err()
        .localized(Lang::En);
    assert_eq!(
        one.message,
        "\"soren@\" is not a valid e-mail address. Write e.g. name@example.dk"
    );

    // The planner and the deadlines, said in English.
    let date = NaiveDate::from_ymd_opt(2027, 3, 13).unwrap();
    let m = api
        .meeting_create(kvorum_tests::meeting_at(MeetingKind::Ordinary, date))
        .await
        .unwrap();
    let labels: Vec<&str> = m.checklist.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels[..2], ["Notice sent", "Deadline for proposals"]);
    let notice = &m.checklist[0];
    assert!(
        notice.explanation.starts_with("By "),
        "{}",
        notice.explanation
    );
    assert!(
        notice.explanation.ends_with(" days left)."),
        "{}",
        notice.explanation
    );
    assert_eq!(
        m.notice.as_ref().unwrap().explanation,
        "The notice has not been sent yet. It must be sent by 27.02.2027 (in 97 days) to give the 14 days' notice the bylaws require."
    );
    assert!(
        m.notice.as_ref().unwrap().pending,
        "weeks before the deadline it is due, not unlawful"
    );
    let d = api.rules_deadlines(date).await.unwrap();
    assert!(
        d.explanation
            .starts_with("The notice must be sent by 27.02.2027 (14 days' notice)"),
        "{}",
        d.explanation
    );

    // Field errors and refusals of every domain, in English.
    let member = api
        .member_add(MemberInput {
            name: "Søren Ærø".into(),
            joined_on: Some(today()),
            membership_type: "ordinary".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let fee = api
        .fee_pay(PaymentInput {
            member_id: member.id,
            year: 1000,
            paid_on: None,
            amount: kvorum_core::Money(0),
            method: kvorum_core::fees::PaymentMethod::Cash,
            voucher_no: None,
        })
        .await
        .unwrap_err()
        .localized(Lang::En);
    let said: Vec<&str> = fee.fields.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        said,
        [
            "The fee year is not valid.",
            "Type the date of payment.",
            "The amount must be more than 0 kr.",
        ]
    );
    let late = api
        .meeting_update(MeetingUpdate {
            id: m.meeting.id,
            version: m.meeting.version,
            input: kvorum_tests::meeting_at(MeetingKind::Ordinary, date),
            end_time: None,
            notice_sent_on: Some(date.succ_opt().unwrap()),
            final_agenda_sent_on: None,
            officers: m.meeting.officers.clone(),
        })
        .await
        .unwrap_err()
        .localized(Lang::En);
    assert_eq!(
        late.fields[0].message,
        "The notice cannot have been sent after the meeting."
    );
    let copy = api.budget_copy(2026, 2027).await.unwrap_err();
    assert_eq!(copy.code, ErrorCode::Refused);
    assert_eq!(
        copy.localized(Lang::En).message,
        "There is no budget for 2026 to copy."
    );
    let key = api
        .bylaws_set_rule("ordinary.noSuchThing".into(), "3".into())
        .await
        .unwrap_err()
        .localized(Lang::En);
    assert!(
        key.message
            .starts_with("There is no setting “ordinary.noSuchThing”"),
        "{}",
        key.message
    );
    let notice = api
        .bylaws_set_rule("ordinary.noticeDays".into(), "500".into())
        .await
        .unwrap_err()
        .localized(Lang::En);
    assert_eq!(
        notice.fields[0].message,
        "The notice must be between 1 and 120 days."
    );

    // In Danish again, the same record.
    api.set_lang(Lang::Da);
    let m = api.meeting_get(m.meeting.id).await.unwrap();
    assert_eq!(m.checklist[0].label, "Indkaldelse sendt");
    api.close().await;
}

kvorum_tests::on_both_engines!(english_story);
