//! Three bylaws texts as associations paste them from Word (`tests/fixtures/bylaws`): the
//! sections and clauses as written, whatever the numbering style.

use std::path::PathBuf;

use kvorum_core::bylaws::{parse_plain_text, BylawsText};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/bylaws")
}

fn expected() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(fixtures().join("expected.json")).unwrap())
        .unwrap()
}

pub fn read(name: &str) -> BylawsText {
    parse_plain_text(&std::fs::read_to_string(fixtures().join(name)).unwrap()).unwrap()
}

#[test]
fn every_style_gives_the_sections_and_clauses_as_written() {
    let expected = expected();
    let mut wrong = vec![];
    for name in ["beboerforening.txt", "vaerested.txt", "idraetsforening.txt"] {
        let doc = read(name);
        let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
        let want: Vec<&str> = {
            let m = expected[name]["sections"].as_object().unwrap();
            let mut v: Vec<(u32, &str)> = m
                .iter()
                .map(|(k, t)| (k.parse().unwrap(), t.as_str().unwrap()))
                .collect();
            v.sort();
            v.into_iter().map(|(_, t)| t).collect()
        };
        if titles != want {
            wrong.push(format!("{name}: titles {titles:?}\n  want {want:?}"));
        }
        for (i, s) in doc.sections.iter().enumerate() {
            for (j, c) in s.clauses.iter().enumerate() {
                // No number left over from "Stk. 7.1" or "7.1", nothing glued over a line break.
                let first = c.split_whitespace().next().unwrap_or("");
                if first.chars().all(|ch| ch.is_ascii_digit() || ch == '.') && !first.is_empty() {
                    wrong.push(format!(
                        "{name} § {} stk. {}: begins with a number: {c}",
                        i + 1,
                        j + 1
                    ));
                }
                let glued = c
                    .as_bytes()
                    .windows(2)
                    .any(|w| w[0] == b'.' && w[1].is_ascii_uppercase());
                if glued {
                    wrong.push(format!("{name} § {} stk. {}: glued: {c}", i + 1, j + 1));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn word_numbering_gives_clauses_and_keeps_the_headings_inside_a_section() {
    let doc = read("vaerested.txt");
    let general = &doc.sections[6];
    assert_eq!(general.title, "Generalforsamling");
    assert!(general.clauses[0].starts_with("Generalforsamlingen er foreningens øverste myndighed"));
    assert!(
        general.clauses[1].contains("inden udgangen af oktober måned"),
        "a wrapped line joined with a space"
    );
    let headings: Vec<(u32, &str)> = general
        .headings
        .iter()
        .map(|h| (h.before, h.text.as_str()))
        .collect();
    assert_eq!(
        headings,
        vec![
            (0, "Ordinær generalforsamling"),
            (8, "Ekstraordinær generalforsamling")
        ]
    );
    assert!(general.clauses[8].starts_with("Ekstraordinær generalforsamling afholdes"));
    // The agenda "1) … 12)" stays in its clause.
    assert!(
        general.clauses[5].contains("12) Eventuelt"),
        "{}",
        general.clauses[5]
    );

    let club = read("idraetsforening.txt");
    let membership = &club.sections[3];
    assert_eq!(
        membership.title, "Medlemskab",
        "the dash of '§ 4 - Medlemskab' is not the title"
    );
    assert!(
        membership.clauses.len() > 1,
        "1., 2. are clauses: {:?}",
        membership.clauses
    );

    let classic = read("beboerforening.txt");
    let assembly = &classic.sections[5];
    assert_eq!(assembly.title, "Ordinær generalforsamling");
    assert!(
        assembly
            .clauses
            .iter()
            .any(|c| c.contains("1. ") && c.contains("2. ")),
        "the agenda list stays in its Stk."
    );
}
