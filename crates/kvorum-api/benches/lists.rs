//! Figures for the big screens (issue 17): check-in at the door with 10 000 members ≤ 20 ms
//! per member, and the list commands over the largest data an association realistically has,
//! warm and first after a write (nothing read before reused). The bookings list is in
//! `benches/books.rs`. Run: `cargo bench -p kvorum-api --bench lists`.

mod common;

use std::time::{Duration, Instant};

use common::{fresh, today};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use kvorum_api::dto::*;
use kvorum_core::meetings::{MeetingInput, MeetingKind};
use kvorum_core::members::MemberInput;

const N: usize = 10_000;
/// Twenty years of a general assembly, an extraordinary one now and then and the board's
/// meetings: 200 meetings.
const MEETINGS: usize = 200;

fn benches(c: &mut Criterion) {
    let rt = common::runtime();
    let dir = tempfile::tempdir().unwrap();
    let api = rt.block_on(fresh(dir.path()));
    rt.block_on(api.members_import_apply(ImportRequest {
        bytes: common::members_csv(N),
        file: None,
        ..Default::default()
    }))
    .unwrap();
    rt.block_on(api.bylaws_adopt(AdoptInput {
        adopted_on: Some(chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()),
        in_force_from: None,
        note: None,
    }))
    .unwrap();
    let mut meeting = None;
    for i in 0..MEETINGS {
        let m = rt
            .block_on(api.meeting_create(MeetingInput {
                kind: if i % 4 == 0 {
                    MeetingKind::Ordinary
                } else {
                    MeetingKind::Extraordinary
                },
                body: None,
                date: today() + chrono::Duration::days(7 + i as i64),
                start_time: None,
                place: "Perronen".into(),
                demanded_by: None,
                demanded_on: None,
            }))
            .unwrap();
        meeting.get_or_insert(m.meeting.id);
    }
    let meeting = meeting.unwrap();
    let members = rt.block_on(api.store().members()).unwrap();
    assert_eq!(members.len(), N);

    let mut g = c.benchmark_group("lists");
    g.sample_size(20);
    // A big assembly: 500 of the 10 000 members already in the room.
    const PRESENT: usize = 500;
    for m in &members[..PRESENT] {
        rt.block_on(api.attendance_check_in(CheckIn {
            meeting,
            member: Some(m.id),
            guest: None,
        }))
        .unwrap();
    }
    // One member checked in at the door, as the app does it: the write and the attendance
    // view it answers (the count, who is present, the voting right of each), over 10 000
    // members with 500 present. (The screen reads the whole meeting again only when the desk
    // pauses: the second bench adds that reading to each check-in.) Each iteration the next
    // member, checked out again outside the timing, so the room stays at 500.
    let mut next = PRESENT;
    for with_meeting in [false, true] {
        let name = if with_meeting {
            "check-in at the door and the meeting read again, 10000 members"
        } else {
            "check-in at the door, 10000 members"
        };
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let id = members[next].id;
                    next = if next + 1 == members.len() {
                        PRESENT
                    } else {
                        next + 1
                    };
                    let who = CheckIn {
                        meeting,
                        member: Some(id),
                        guest: None,
                    };
                    let t = Instant::now();
                    let view = rt.block_on(api.attendance_check_in(who.clone())).unwrap();
                    let detail =
                        with_meeting.then(|| rt.block_on(api.meeting_get(meeting)).unwrap());
                    spent += t.elapsed();
                    std::hint::black_box((view, detail));
                    rt.block_on(api.attendance_check_out(who)).unwrap();
                }
                spent
            })
        });
    }
    g.bench_function("the desk's list of voters, 10000 members", |b| {
        b.iter(|| rt.block_on(api.meeting_voters(meeting)).unwrap())
    });
    g.bench_function(
        "attendance view of an assembly, 10000 members, 500 present",
        |b| b.iter(|| rt.block_on(api.attendance_get(meeting)).unwrap()),
    );
    g.bench_function("members_list, 10000 members, warm", |b| {
        b.iter(|| {
            rt.block_on(api.members_list(MemberQuery::default()))
                .unwrap()
        })
    });
    let mut turn = 0u32;
    g.bench_function(
        "members_list, 10000 members, first after a member changed",
        |b| {
            b.iter_batched(
                || {
                    let m = rt.block_on(api.member_get(members[7].id)).unwrap().member;
                    turn += 1;
                    let mut input = MemberInput::from(&m);
                    input.phone = Some(format!("{:08}", 30_000_000 + turn));
                    rt.block_on(api.member_update(MemberUpdate {
                        id: m.id,
                        version: m.version,
                        input,
                    }))
                    .unwrap();
                },
                |()| {
                    rt.block_on(api.members_list(MemberQuery::default()))
                        .unwrap()
                },
                BatchSize::PerIteration,
            )
        },
    );
    g.bench_function("meetings_list, 200 meetings", |b| {
        b.iter(|| rt.block_on(api.meetings_list()).unwrap())
    });
    g.bench_function("minutes_list, 200 meetings", |b| {
        b.iter(|| rt.block_on(api.minutes_list()).unwrap())
    });
    g.bench_function("backups_list", |b| {
        b.iter(|| rt.block_on(api.backups_list()).unwrap())
    });
    g.finish();
}

criterion_group!(lists, benches);
criterion_main!(lists);
