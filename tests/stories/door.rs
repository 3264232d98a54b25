//! Two laptops at the door of one assembly: the check-in desk and the proxy desk write at
//! the same moment. Each write decides from the record as its own transaction reads it
//! (SQLite's lock from `BEGIN IMMEDIATE`, PostgreSQL's lock on the meeting's row), so two
//! proxies for one holder cannot both pass the bylaws' cap of one, and the audit log keeps
//! no more about a frikort worker than that one was registered.

use chrono::NaiveDate;
use kvorum_api::dto::*;
use kvorum_core::meetings::MeetingKind;
use kvorum_tests::Engine;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Perronen with its bylaws, `names` as members since 2025 and its assembly on `day`: the
/// check-in desk's laptop, the members and the meeting.
async fn at_the_door(
    db: &kvorum_tests::TestDb,
    day: NaiveDate,
    names: &[&str],
) -> (
    kvorum_api::Api,
    Vec<kvorum_core::ids::MemberId>,
    kvorum_core::ids::MeetingId,
) {
    let desk = db.open_on("Karin (indgang)", day).await;
    kvorum_tests::perronen(&desk).await;
    desk.bylaws_adopt(AdoptInput {
        adopted_on: Some(date(2025, 3, 8)),
        in_force_from: None,
        note: None,
    })
    .await
    .unwrap();
    let mut ids = Vec::new();
    for name in names {
        let m = desk
            .member_add(MemberInput {
                name: (*name).into(),
                joined_on: Some(date(2025, 1, 1)),
                membership_type: "ordinary".into(),
                ..Default::default()
            })
            .await
            .unwrap();
        ids.push(m.id);
    }
    let meeting = desk
        .meeting_create(kvorum_tests::meeting_at(MeetingKind::Ordinary, day))
        .await
        .unwrap()
        .meeting
        .id;
    (desk, ids, meeting)
}

async fn two_laptops_at_the_door(engine: Engine) {
    let db = engine.fresh().await;
    let day = date(2027, 3, 13);
    let (desk, ids, meeting) =
        at_the_door(&db, day, &["Anne Ærø", "Bent Østergaard", "Carla Ågård"]).await;
    let (holder, giver_a, giver_b) = (ids[0], ids[1], ids[2]);
    desk.attendance_check_in(CheckIn {
        meeting,
        member: Some(holder),
        guest: None,
    })
    .await
    .unwrap();

    // The proxy desk on another laptop: both hand Anne a proxy at the same moment.
    let proxies = db.open_on("Bent (fuldmagter)", day).await;
    let a = desk.proxy_add(ProxyInput {
        meeting,
        giver: giver_a,
        holder,
    });
    let b = proxies.proxy_add(ProxyInput {
        meeting,
        giver: giver_b,
        holder,
    });
    let (a, b) = tokio::join!(a, b);
    let refused = match (&a, &b) {
        (Ok(_), Err(e)) | (Err(e), Ok(_)) => e,
        _ => panic!("exactly one proxy passes the cap of one: {a:?} / {b:?}"),
    };
    assert!(refused.message.contains("højst 1"), "{}", refused.message);
    let view = desk.attendance_get(meeting).await.unwrap();
    assert_eq!(view.proxies.len(), 1);

    // A frikort worker's name stays in the register, not in the audit log.
    desk.frikort_add_worker("Jens (café)".into()).await.unwrap();
    let log = desk.store().audit_log(None, 1000).await.unwrap();
    assert!(log.iter().any(|e| e.entity == "frikort_worker"));
    assert!(
        !log.iter().any(|e| e.changes.contains("Jens")),
        "no name in the log"
    );
    let checked_in = log
        .iter()
        .find(|e| e.entity == "attendance")
        .expect("the check-in is logged");
    assert!(
        !checked_in.changes.contains("reason"),
        "{}",
        checked_in.changes
    );
    proxies.close().await;
    desk.close().await;
}

/// The register is read once for the door, not at every check-in: checking in moves the
/// register's change count not at all, a change to a member, a fee rate or a payment moves
/// it — from any laptop —, and the desk then decides from the register as it now is.
async fn the_register_at_the_door(engine: Engine) {
    let db = engine.fresh().await;
    let day = date(2027, 3, 13);
    let (desk, ids, meeting) = at_the_door(&db, day, &["Anne Ærø", "Bent Østergaard"]).await;
    assert_eq!(desk.meeting_voters(meeting).await.unwrap().len(), 2);
    let before = desk.store().register_changes().await.unwrap();
    let view = desk
        .attendance_check_in(CheckIn {
            meeting,
            member: Some(ids[0]),
            guest: None,
        })
        .await
        .unwrap();
    assert_eq!(view.counts.present, 1);
    assert_eq!(
        desk.store().register_changes().await.unwrap(),
        before,
        "a check-in leaves the register"
    );
    let voters = desk.meeting_voters(meeting).await.unwrap();
    assert!(voters.iter().any(|v| v.member == ids[0] && v.checked_in));

    // The treasurer's laptop renames Bent (he married) and sets the year's fee.
    let treasurer = db.open_on("Ole (kasserer)", day).await;
    let bent = treasurer.member_get(ids[1]).await.unwrap().member;
    let mut input = MemberInput::from(&bent);
    input.name = "Bent Østergaard Ærø".into();
    treasurer
        .member_update(MemberUpdate {
            id: bent.id,
            version: bent.version,
            input,
        })
        .await
        .unwrap();
    let renamed = desk.store().register_changes().await.unwrap();
    assert!(renamed > before, "a member's change moves the count");
    treasurer
        .fee_rate_set(kvorum_core::fees::FeeRate {
            year: 2027,
            membership_type: "ordinary".into(),
            amount: kvorum_core::money::Money::from_kr(150),
        })
        .await
        .unwrap();
    assert!(
        desk.store().register_changes().await.unwrap() > renamed,
        "a fee rate moves it"
    );
    let rated = desk.store().register_changes().await.unwrap();
    treasurer
        .fee_pay(kvorum_core::fees::PaymentInput {
            member_id: ids[1],
            year: 2027,
            paid_on: Some(day),
            amount: kvorum_core::money::Money::from_kr(150),
            method: kvorum_core::fees::PaymentMethod::Cash,
            voucher_no: None,
        })
        .await
        .unwrap();
    assert!(
        desk.store().register_changes().await.unwrap() > rated,
        "a payment moves it"
    );

    // The desk checks Bent in under the name the register now has.
    let view = desk
        .attendance_check_in(CheckIn {
            meeting,
            member: Some(ids[1]),
            guest: None,
        })
        .await
        .unwrap();
    let names: Vec<&str> = view.attendees.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains(&"Bent Østergaard Ærø"), "{names:?}");
    let voters = desk.meeting_voters(meeting).await.unwrap();
    assert!(voters
        .iter()
        .any(|v| v.name == "Bent Østergaard Ærø" && v.checked_in && v.fee_owed.is_none()));
    treasurer.close().await;
    desk.close().await;
}

kvorum_tests::on_both_engines!(
    two_laptops_at_the_door,
    two_laptops_book_at_once,
    the_register_at_the_door
);

/// The lock itself: while one laptop's transaction holds the meeting, another's waits for
/// it and goes on when it commits (on SQLite it already waits at `BEGIN IMMEDIATE`).
#[tokio::test]
async fn a_second_writer_waits_for_the_meeting_on_postgres() {
    use kvorum_store::{DbLocation, Store};
    use std::time::Duration;
    let db = Engine::Postgres.fresh().await;
    let day = date(2027, 3, 13);
    let api = db.open_on("Karin", day).await;
    kvorum_tests::perronen(&api).await;
    let meeting = api
        .meeting_create(kvorum_tests::meeting_at(MeetingKind::Ordinary, day))
        .await
        .unwrap()
        .meeting
        .id;
    let now = kvorum_api::Clock::fixed_on(day).now();
    let store = Store::open(&DbLocation::parse(&db.url).unwrap(), now)
        .await
        .unwrap();
    let mut first = store.begin("A", now).await.unwrap();
    first.lock_meeting(meeting).await.unwrap();
    let mut second = store.begin("B", now).await.unwrap();
    let waiting =
        tokio::time::timeout(Duration::from_millis(400), second.lock_meeting(meeting)).await;
    assert!(
        waiting.is_err(),
        "the second writer waits while the first holds the meeting"
    );
    // The one that gave up rolls back; the next writer gets the meeting once the first commits.
    drop(second);
    first.commit().await.unwrap();
    let mut third = store.begin("C", now).await.unwrap();
    third.lock_meeting(meeting).await.unwrap();
    third.commit().await.unwrap();
    store.close().await;
    api.close().await;
}

/// The treasurer and the chair book at the same moment on two laptops: the voucher numbers
/// follow on, one after the other, and both bookings land.
async fn two_laptops_book_at_once(engine: Engine) {
    use kvorum_core::budget::BookingInput;
    use kvorum_core::Money;
    let db = engine.fresh().await;
    let day = date(2026, 11, 22);
    let treasurer = db.open_on("Kasserer", day).await;
    treasurer
        .association_create(AssociationInput {
            name: "Foreningen Perronen".into(),
            fiscal_year_start_month: 1,
            ..Default::default()
        })
        .await
        .unwrap();
    let chair = db.open_on("Formand", day).await;
    let booking = |text: &str| BookingInput {
        account: None,
        counter_account: None,
        booked_on: day,
        amount: Money::from_kr(-250),
        text: text.into(),
        voucher_no: None,
        line: None,
        grant: None,
        voucher_file: None,
    };
    for round in 0..5 {
        let a = treasurer.booking_add(booking(&format!("Kaffe {round}")));
        let b = chair.booking_add(booking(&format!("Kage {round}")));
        let (a, b) = tokio::join!(a, b);
        let (a, b) = (
            a.expect("the treasurer's booking"),
            b.expect("the chair's booking"),
        );
        assert_ne!(a.voucher_no, b.voucher_no);
    }
    let all = treasurer.bookings_list(2026).await.unwrap();
    let mut nos: Vec<String> = all.bookings.iter().map(|b| b.voucher_no.clone()).collect();
    nos.sort_by_key(|n| n.parse::<u32>().unwrap_or(u32::MAX));
    assert_eq!(nos.len(), 10);
    nos.dedup();
    assert_eq!(nos.len(), 10, "each voucher number once");
    chair.close().await;
    treasurer.close().await;
}
