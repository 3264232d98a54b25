//! The bylaws story, on both engines: start from the template, edit, adopt, edit again,
//! diff, print; settings round-trip; and a rule change changes what `voting_right` and
//! `decide` answer.

use chrono::NaiveDate;
use kvorum_api::dto::*;
use kvorum_api::ErrorCode;
use kvorum_tests::{today, Engine};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn bylaws_story(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open("Karin (sekretær)").await;
    api.association_create(AssociationInput {
        name: "Mødestedet Huset".into(),
        municipality: Some("Sønderborg Kommune".into()),
        ..Default::default()
    })
    .await
    .unwrap();

    // A new association starts from the template, as a draft.
    let overview = api.bylaws_overview().await.unwrap();
    assert_eq!((overview.draft, overview.in_force), (Some(1), None));
    let draft = api.bylaws_draft().await.unwrap();
    assert!(draft.text.sections[0].clauses[0].contains("Mødestedet Huset"));
    assert!(draft.text.sections[0].clauses[1].contains("Sønderborg Kommune"));

    // Edit: the notice period follows into its §; the settings round-trip.
    let mut rules = draft.rules.clone();
    rules.ordinary.notice_days = 21;
    rules.voting.min_membership_days = 90;
    let mut text = draft.text.clone();
    text.sections.insert(
        2,
        Section {
            key: "frivillige".into(),
            title: "Frivillige".into(),
            clauses: vec!["Frivillige er velkomne.".into()],
            headings: vec![],
        },
    );
    let saved = api
        .bylaws_save_draft(DraftUpdate {
            id: draft.id,
            version: draft.version,
            text,
            rules: rules.clone(),
        })
        .await
        .unwrap();
    // The notice period followed by itself; the new 90-day rule is not in the text, so its
    // § (voting, now § 8) is flagged for the secretary to word.
    assert_eq!(saved.warnings.len(), 1, "{:?}", saved.warnings);
    assert!(
        saved.warnings[0].starts_with("Tjek teksten i § 8"),
        "{:?}",
        saved.warnings
    );
    let reread = api.bylaws_version(1).await.unwrap();
    assert_eq!(reread.rules, rules, "settings round-trip through the store");
    let ga = reread.text.number_of("generalforsamling").unwrap();
    assert_eq!(ga, 6, "inserting a § renumbers the rest");
    assert!(reread.text.sections[ga - 1].clauses[1].contains("mindst 21 dages varsel"));

    // A stale save is refused; a bad setting is refused with its field.
    let stale = api
        .bylaws_save_draft(DraftUpdate {
            id: draft.id,
            version: draft.version,
            text: draft.text.clone(),
            rules: draft.rules.clone(),
        })
        .await
        .unwrap_err();
    assert_eq!(stale.code, ErrorCode::Conflict);
    let bad = api
        .bylaws_set_rule("ordinary.noticeDays".into(), "0".into())
        .await
        .unwrap_err();
    assert_eq!(bad.fields[0].field, "ordinary.noticeDays");

    // Adopt; the adopted version is read-only.
    let v1 = api
        .bylaws_adopt(AdoptInput {
            adopted_on: Some(date(2026, 3, 20)),
            in_force_from: None,
            note: None,
        })
        .await
        .unwrap();
    assert_eq!(
        v1.adopted_note.as_deref(),
        Some("Vedtaget på generalforsamlingen den 20.03.2026")
    );
    assert_eq!(api.bylaws_overview().await.unwrap().in_force, Some(1));
    let locked = api
        .bylaws_save_draft(DraftUpdate {
            id: v1.id,
            version: v1.version,
            text: v1.text.clone(),
            rules: v1.rules.clone(),
        })
        .await
        .unwrap_err();
    assert!(
        locked.message.contains("vedtaget version kan ikke ændres"),
        "{}",
        locked.message
    );

    // The rules in force decide: deadlines and votes.
    let d = api.rules_deadlines(date(2027, 3, 20)).await.unwrap();
    assert_eq!(d.latest_notice, date(2027, 2, 27));
    let check = |for_votes, against, blank| VoteCheck {
        kind: "amendment".into(),
        counts: VoteCounts {
            for_votes,
            against,
            blank,
            invalid: 0,
        },
        present_with_vote: 19,
        members_with_vote: 40,
    };
    let out = api.rules_check_vote(check(14, 3, 2)).await.unwrap();
    assert_eq!(out.result, DecisionResult::Adopted);
    assert!(out
        .explanation
        .contains("Krævet 2/3 af de afgivne stemmer: 12"));

    // Voting right: a member who joined 30 days ago may not vote under the 90-day rule.
    let fresh = api
        .member_add(MemberInput {
            name: "Ny Frivillig".into(),
            joined_on: Some(today() - chrono::Duration::days(30)),
            membership_type: "ordinary".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let vr = api.rules_voting_right(fresh.id, today()).await.unwrap();
    assert!(!vr.entitled);
    assert!(
        vr.explanation.contains("vedtægterne kræver 90 dage"),
        "{}",
        vr.explanation
    );

    // Edit again in a new draft: a stricter majority and no membership period.
    let v2 = api.bylaws_draft().await.unwrap();
    assert_eq!(v2.number, 2);
    api.bylaws_set_rule("decisions.1.majority".into(), "3/4".into())
        .await
        .unwrap();
    let saved = api
        .bylaws_set_rule("voting.minMembershipDays".into(), "0".into())
        .await
        .unwrap();
    assert!(
        saved.warnings.iter().any(|w| w.contains("§")),
        "the amendment § needs a look: {:?}",
        saved.warnings
    );
    // Not in force yet: the old rules still answer.
    assert_eq!(
        api.rules_check_vote(check(14, 3, 2)).await.unwrap().result,
        DecisionResult::Adopted
    );
    assert!(
        !api.rules_voting_right(fresh.id, today())
            .await
            .unwrap()
            .entitled
    );
    api.bylaws_adopt(AdoptInput {
        adopted_on: Some(date(2026, 11, 1)),
        in_force_from: None,
        note: None,
    })
    .await
    .unwrap();
    // In force now: 3/4 of 17 votes cast needs 13, so 12 for and 5 against falls.
    assert_eq!(
        api.rules_check_vote(check(12, 5, 0)).await.unwrap().result,
        DecisionResult::Rejected
    );
    assert!(api
        .rules_voting_right(fresh.id, today())
        .await
        .unwrap()
        .reasons
        .iter()
        .all(|r| !r.contains("dage")));

    // Diff between the two adopted versions, and the PDF.
    let diff = api.bylaws_diff(1, 2).await.unwrap();
    assert!(
        diff.iter().all(|s| s.change == ChangeKind::Unchanged),
        "only settings changed, the text did not"
    );
    let pdf = api.bylaws_export_pdf().await.unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF"));

    // Import from plain text into a new draft.
    let preview = api
        .bylaws_import_preview(
            "Vedtægter\n\n§ 1 Navn\nHuset.\n\n§ 2 Formål\nFællesskab.\nStk. 2. Anonymitet.\n"
                .into(),
        )
        .await
        .unwrap();
    assert_eq!(preview.text.sections.len(), 2);
    let bad_import = api
        .bylaws_import_preview("ingen paragraffer".into())
        .await
        .unwrap_err();
    assert_eq!(bad_import.code, ErrorCode::Import);
    api.close().await;
}

/// The secretary pastes the drop-in house's bylaws from Word: the settings the text states
/// are shown with their § and words, she leaves one out, and the draft gets the rest, every
/// setting pointing at a § of the new text.
async fn bylaws_from_word(engine: Engine) {
    let db = engine.fresh().await;
    let api = db.open("Sekretær").await;
    kvorum_tests::perronen(&api).await;
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/bylaws");
    let text = std::fs::read_to_string(dir.join("vaerested.txt")).unwrap();
    let read = api.bylaws_import_preview(text.clone()).await.unwrap();
    assert_eq!(read.text.sections.len(), 16);
    let notice = read
        .settings
        .found
        .iter()
        .find(|f| f.path == "ordinary.noticeDays")
        .unwrap();
    assert_eq!((notice.value.as_str(), notice.section_no), ("14 dage", 7));
    assert!(notice.words.contains("mindst 14 dages varsel"));
    assert!(read
        .settings
        .found
        .iter()
        .any(|f| f.path == "board.appointed" && f.value == "Guldborgsund Kommune (1)"));
    assert!(read
        .settings
        .silent
        .iter()
        .any(|s| s.path == "board.auditorAlternates"));

    let accept: Vec<String> = read
        .settings
        .found
        .iter()
        .map(|f| f.path.clone())
        .filter(|p| p != "fiscalYearStartMonth")
        .collect();
    let before = api.bylaws_draft().await.unwrap().rules;
    let saved = api
        .bylaws_import_apply(BylawsImportApply {
            text,
            accept: Some(accept),
        })
        .await
        .unwrap();
    let rules = &saved.draft.rules;
    assert_eq!(rules.ordinary.notice_days, 14);
    assert_eq!(rules.ordinary.final_agenda_days, Some(4));
    assert_eq!(rules.voting.max_proxies_per_member, 1);
    assert_eq!(rules.voting.min_membership_days, 90);
    assert_eq!((rules.board.seats_min, rules.board.seats_max), (5, 7));
    assert_eq!(
        rules.board.appointed[0].appointed_by,
        "Guldborgsund Kommune"
    );
    let amendment = rules
        .decisions
        .iter()
        .find(|d| d.kind == "amendment")
        .unwrap();
    assert_eq!((amendment.majority.num, amendment.majority.den), (2, 3));
    assert_eq!(amendment.quorum.map(|q| (q.num, q.den)), Some((1, 2)));
    assert_eq!(
        rules.fiscal_year_start_month, before.fiscal_year_start_month,
        "the setting she left out is the draft's"
    );
    let keys: Vec<&str> = saved
        .draft
        .text
        .sections
        .iter()
        .map(|s| s.key.as_str())
        .collect();
    let sections = [
        &rules.ordinary.section,
        &rules.extraordinary.section,
        &rules.voting.section,
        &rules.board.section,
        &rules.election.section,
        &rules.fiscal_section,
    ];
    for k in sections
        .into_iter()
        .chain(rules.decisions.iter().map(|d| &d.section))
        .flatten()
    {
        assert!(keys.contains(&k.as_str()), "{k} is not a § of the text");
    }
    assert_eq!(
        saved
            .draft
            .text
            .number_of(rules.ordinary.section.as_deref().unwrap()),
        Some(7)
    );
    api.close().await;
}

kvorum_tests::on_both_engines!(bylaws_story, bylaws_from_word);
