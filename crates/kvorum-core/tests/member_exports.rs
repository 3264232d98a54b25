//! Member registers as the systems associations leave export them (`tests/fixtures/members`,
//! sources in its README): imported with their own member numbers and join dates, every
//! column found by its heading, nothing to choose by hand.

use std::path::PathBuf;

use chrono::NaiveDate;
use kvorum_core::csv_file::parse_csv;
use kvorum_core::member_import::{build_preview, ImportRequest};
use kvorum_core::members::builtin_membership_types;
use kvorum_core::text::Lang;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/members")
}

#[test]
fn exports_of_foreninglet_conventus_klubmodul_holdsport_and_an_api_import_as_they_are() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("expected.json")).unwrap())
            .unwrap();
    let mut wrong = vec![];
    for (file, members) in expected.as_object().unwrap() {
        let bytes = std::fs::read(fixtures().join(file)).unwrap();
        let parsed = parse_csv(&bytes).unwrap();
        let request = ImportRequest {
            bytes: bytes.clone(),
            file: None,
            ..Default::default()
        };
        let p = build_preview(
            &parsed,
            &request,
            &[],
            &builtin_membership_types(),
            today,
            Lang::Da,
        )
        .unwrap_or_else(|e| panic!("{file}: {}", e.0.da()));
        let want = members.as_array().unwrap();
        if !p.can_apply || p.rows.len() != want.len() {
            let problems: Vec<String> = p
                .rows
                .iter()
                .flat_map(|r| {
                    r.problems
                        .iter()
                        .map(move |x| format!("line {}: {:?} {}", r.line, x.column, x.message))
                })
                .collect();
            wrong.push(format!("{file}: {} {problems:?}", p.message));
            continue;
        }
        for (row, w) in p.rows.iter().zip(want) {
            let m = row.member.as_ref().unwrap();
            let s = |v: &Option<String>| {
                v.clone()
                    .map_or(serde_json::Value::Null, serde_json::Value::from)
            };
            let d =
                |v: Option<NaiveDate>| v.map_or(serde_json::Value::Null, |d| d.to_string().into());
            let got = serde_json::json!({
                "member_no": m.member_no,
                "name": m.name,
                "address": s(&m.address),
                "postal_code": s(&m.postal_code),
                "city": s(&m.city),
                "email": s(&m.email),
                "phone": s(&m.phone),
                "birth_date": d(m.birth_date),
                // No join date in the file: they joined no later than the day of the import.
                "joined_on": d(m.joined_on.filter(|j| *j != today)),
                "membership_type": m.membership_type,
                "email_consent": m.email_consent,
            });
            for (k, v) in got.as_object().unwrap() {
                let want_v = if k == "email" {
                    w[k].as_str()
                        .map_or(serde_json::Value::Null, |e| e.to_lowercase().into())
                } else {
                    w[k].clone()
                };
                let got_v = if k == "email" {
                    v.as_str()
                        .map_or(serde_json::Value::Null, |e| e.to_lowercase().into())
                } else {
                    v.clone()
                };
                if got_v != want_v {
                    wrong.push(format!(
                        "{file} line {} {k}: got {got_v}, want {want_v}",
                        row.line
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
