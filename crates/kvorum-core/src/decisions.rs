//! Recording a decision: from the meeting's record, the bylaws and what the counters report,
//! decide what is recorded — the rule that applies, the votes checked against the room, a
//! board's own quorum, the date a second assembly must be held by, and the bylaws version an
//! adopted amendment creates. Pure: the caller loads the facts and applies the change.

use chrono::NaiveDate;

use crate::bylaws::{in_force, BylawsVersion, Section, VersionStatus};
use crate::dates::format_date;
use crate::ids::{AgendaItemId, BylawsVersionId, DecisionId, ProposalId};
use crate::meetings::{
    attendance_counts, board_quorum, decide_by_acclamation, effective_rule, Amendment, Attendee,
    Decision, Meeting, MeetingKind, Proposal, Proxy,
};
use crate::members::normalize_optional;
use crate::rules::{self, DecisionOutcome, DecisionResult, Fallback, RuleSettings, VoteCounts};
use crate::text::Text;

/// What the decision is decided from, loaded by the caller.
pub struct DecisionFacts<'a> {
    pub meeting: &'a Meeting,
    pub proposals: &'a [Proposal],
    pub attendees: &'a [Attendee],
    pub proxies: &'a [Proxy],
    /// Approved minutes lock the meeting's record.
    pub minutes_approved: bool,
    /// The bylaws' rules in force on the meeting's day.
    pub rules: &'a RuleSettings,
    /// Members with voting right on the day (an assembly's quorum is counted from them).
    pub members_with_vote: u32,
    /// Every bylaws version: an adopted amendment amends the one in force.
    pub versions: &'a [BylawsVersion],
}

/// What the secretary recorded.
pub struct DecisionRequest {
    pub item: AgendaItemId,
    pub proposal: Option<ProposalId>,
    /// The decision kind; default: the proposal's kind, else `ordinary`.
    pub kind: Option<String>,
    /// What was decided on; default: the proposal's title, else the item's.
    pub subject: Option<String>,
    pub acclamation: bool,
    pub counts: VoteCounts,
}

/// What recording the decision changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionChange {
    pub decision: Decision,
    /// The bylaws version an adopted amendment creates, in the same transaction.
    pub new_bylaws: Option<BylawsVersion>,
    /// Notes for the secretary ("Vedtægternes version 3 er oprettet …"), in the catalogue.
    pub notes: Vec<Text>,
    /// When not quorate and the bylaws call a second assembly: the latest date for it.
    pub second_assembly_by: Option<NaiveDate>,
}

/// Why a decision cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    #[error("the minutes are approved: the meeting's record is locked")]
    MinutesApproved,
    #[error("the agenda item is not on this meeting's agenda")]
    UnknownItem,
    #[error("the proposal is not one of this meeting's")]
    UnknownProposal,
    #[error("the proposal was withdrawn")]
    Withdrawn,
    #[error("the decision kind {0} is not in the bylaws")]
    UnknownKind(String),
    #[error("{cast} votes counted but only {room} in the room")]
    MoreVotesThanRoom { cast: u64, room: u32 },
    #[error("there are no bylaws to amend")]
    NoBylaws,
}

/// Decides what recording `req` at the meeting of `facts` changes. `id` names the new
/// decision and `version_id` the bylaws version an adopted amendment creates.
pub fn decide_decision(
    facts: &DecisionFacts<'_>,
    req: &DecisionRequest,
    id: DecisionId,
    version_id: BylawsVersionId,
) -> Result<DecisionChange, DecisionError> {
    let meeting = facts.meeting;
    if facts.minutes_approved {
        return Err(DecisionError::MinutesApproved);
    }
    let item = meeting
        .agenda
        .iter()
        .find(|i| i.id == req.item)
        .ok_or(DecisionError::UnknownItem)?;
    let proposal = match req.proposal {
        Some(p) => Some(
            facts
                .proposals
                .iter()
                .find(|x| x.id == p)
                .ok_or(DecisionError::UnknownProposal)?,
        ),
        None => None,
    };
    if proposal.is_some_and(|p| p.withdrawn.is_some()) {
        return Err(DecisionError::Withdrawn);
    }
    let kind = normalize_optional(&req.kind)
        .or_else(|| proposal.map(|p| p.kind.clone()))
        .unwrap_or_else(|| "ordinary".into());
    let rule = facts
        .rules
        .decision(&kind)
        .ok_or_else(|| DecisionError::UnknownKind(kind.clone()))?;
    let rule = effective_rule(rule, meeting.second_of.is_some());
    let subject = normalize_optional(&req.subject)
        .or_else(|| proposal.map(|p| format!("Forslag {}: {}", p.number, p.title)))
        .unwrap_or_else(|| item.title.clone());
    let counts = attendance_counts(facts.attendees, facts.proxies);
    let (present_with_vote, members_with_vote) = match meeting.kind {
        MeetingKind::Ordinary | MeetingKind::Extraordinary => {
            (counts.votes_in_room, facts.members_with_vote)
        }
        MeetingKind::Board => (counts.at_board_meeting(), facts.rules.board.size()),
        // Another body (a house meeting, a department's board): the bylaws know nothing of its
        // size, so those present are those entitled (not the association board's size).
        MeetingKind::Other => (counts.at_board_meeting(), counts.at_board_meeting()),
    };
    let c = req.counts;
    if !req.acclamation && meeting.kind.is_assembly() {
        // Summed wide: four u32 counts cannot overflow a u64.
        let cast = [c.for_votes, c.against, c.blank, c.invalid]
            .into_iter()
            .map(u64::from)
            .sum::<u64>();
        if cast > u64::from(present_with_vote) {
            return Err(DecisionError::MoreVotesThanRoom {
                cast,
                room: present_with_vote,
            });
        }
    }
    let mut outcome = if req.acclamation {
        decide_by_acclamation(&rule, present_with_vote, members_with_vote)
    } else {
        rules::decide(&rule, c, present_with_vote, members_with_vote)
    };
    if meeting.kind == MeetingKind::Board {
        let q = board_quorum(
            counts.at_board_meeting(),
            facts.rules,
            crate::text::Lang::Da,
        );
        if !q.quorate {
            outcome = DecisionOutcome {
                result: DecisionResult::NotQuorate,
                fallback: None,
                needs_second_assembly: false,
                explanation: format!("Ikke truffet: {}", q.explanation),
                ..outcome
            };
        }
    }
    let second_assembly_by = match (&outcome.fallback, outcome.result) {
        (Some(Fallback::SecondAssembly { within_days, .. }), DecisionResult::NotQuorate) => meeting
            .date
            .checked_add_days(chrono::Days::new(u64::from(*within_days))),
        _ => None,
    };
    let mut decision = Decision {
        id,
        meeting_id: meeting.id,
        item_id: item.id,
        proposal_id: proposal.map(|p| p.id),
        kind: kind.clone(),
        subject,
        acclamation: req.acclamation,
        counts: if req.acclamation {
            VoteCounts::default()
        } else {
            c
        },
        present_with_vote,
        members_with_vote,
        outcome,
        bylaws_version: None,
    };
    let mut notes = Vec::new();
    let mut new_bylaws = None;
    if decision.outcome.result == DecisionResult::Adopted && kind == "amendment" {
        if let Some(a) = proposal.and_then(|p| p.amendment.as_ref()) {
            let (v, mut n) = amended_version(facts.versions, a, meeting.date, version_id)?;
            decision.bylaws_version = Some(v.number);
            notes.push(
                Text::new("decision-bylaws-created")
                    .num("version", v.number)
                    .str("note", v.adopted_note.clone().unwrap_or_default())
                    .str("day", format_date(meeting.date)),
            );
            notes.append(&mut n);
            new_bylaws = Some(v);
        }
    }
    Ok(DecisionChange {
        decision,
        new_bylaws,
        notes,
        second_assembly_by,
    })
}

/// The bylaws version an adopted amendment creates: the version in force on the day with
/// the amended § replaced (or added), adopted and in force from the assembly's date.
pub fn amended_version(
    versions: &[BylawsVersion],
    a: &Amendment,
    day: NaiveDate,
    id: BylawsVersionId,
) -> Result<(BylawsVersion, Vec<Text>), DecisionError> {
    let base = in_force(versions, day)
        .or_else(|| {
            versions
                .iter()
                .rev()
                .find(|v| v.status == VersionStatus::Adopted)
        })
        .or_else(|| versions.last())
        .ok_or(DecisionError::NoBylaws)?;
    let mut text = base.text.clone();
    let section = Section {
        key: if a.section_key.is_empty() {
            format!("ny-{}", day.format("%Y%m%d"))
        } else {
            a.section_key.clone()
        },
        title: a.title.clone(),
        clauses: a.clauses.clone(),
        headings: vec![],
    };
    let mut notes = Vec::new();
    match text.sections.iter_mut().find(|s| s.key == section.key) {
        Some(s) => *s = section,
        None => text.sections.push(section),
    }
    let number = versions
        .iter()
        .map(|v| v.number)
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    if let Some(d) = versions.iter().find(|v| v.status == VersionStatus::Draft) {
        notes.push(Text::new("decision-draft-lacks-change").num("version", d.number));
    }
    notes.push(Text::new("decision-check-settings"));
    Ok((
        BylawsVersion {
            id,
            number,
            status: VersionStatus::Adopted,
            text,
            rules: base.rules.clone(),
            adopted_on: Some(day),
            in_force_from: Some(day),
            adopted_note: Some(
                Text::new("bylaws-adopted-note")
                    .str("day", format_date(day))
                    .da(),
            ),
            version: 1,
        },
        notes,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{MeetingId, MemberId};
    use crate::meetings::MeetingInput;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn meeting(kind: MeetingKind) -> Meeting {
        Meeting::new(MeetingInput {
            kind,
            body: None,
            date: day(2027, 3, 13),
            start_time: None,
            place: "Perronen".into(),
            demanded_by: None,
            demanded_on: None,
        })
    }

    fn voters(n: usize) -> Vec<Attendee> {
        (0..n)
            .map(|i| Attendee {
                member: Some(MemberId::new()),
                name: format!("Medlem {i}"),
                voting: true,
                reason: None,
            })
            .collect()
    }

    fn amendment(meeting: MeetingId) -> Proposal {
        Proposal {
            id: ProposalId::new(),
            meeting_id: meeting,
            number: 1,
            submitter: None,
            submitter_name: "Bestyrelsen".into(),
            received_on: day(2027, 2, 1),
            kind: "amendment".into(),
            title: "Revision".into(),
            text: String::new(),
            amendment: Some(Amendment {
                section_key: "regnskab".into(),
                title: "Regnskab".into(),
                clauses: vec!["Regnskabet revideres af en registreret revisor.".into()],
            }),
            recommendation: String::new(),
            withdrawn: None,
            version: 1,
        }
    }

    fn request(m: &Meeting, proposal: Option<&Proposal>, counts: VoteCounts) -> DecisionRequest {
        DecisionRequest {
            item: m.agenda[3].id,
            proposal: proposal.map(|p| p.id),
            kind: None,
            subject: None,
            acclamation: false,
            counts,
        }
    }

    fn votes(for_votes: u32, against: u32) -> VoteCounts {
        VoteCounts {
            for_votes,
            against,
            blank: 0,
            invalid: 0,
        }
    }

    fn decide(
        m: &Meeting,
        proposals: &[Proposal],
        attendees: &[Attendee],
        members_with_vote: u32,
        req: &DecisionRequest,
    ) -> Result<DecisionChange, DecisionError> {
        let rules = RuleSettings::default();
        let versions = [BylawsVersion {
            id: BylawsVersionId::new(),
            number: 1,
            status: VersionStatus::Adopted,
            text: crate::bylaws::template("Foreningen Perronen", None),
            rules: rules.clone(),
            adopted_on: Some(day(2025, 3, 1)),
            in_force_from: Some(day(2025, 3, 1)),
            adopted_note: None,
            version: 1,
        }];
        let facts = DecisionFacts {
            meeting: m,
            proposals,
            attendees,
            proxies: &[],
            minutes_approved: false,
            rules: &rules,
            members_with_vote,
            versions: &versions,
        };
        decide_decision(&facts, req, DecisionId::new(), BylawsVersionId::new())
    }

    #[test]
    fn more_votes_than_the_room_are_refused_even_at_the_u32_limit() {
        let m = meeting(MeetingKind::Ordinary);
        let room = voters(10);
        let err = decide(&m, &[], &room, 30, &request(&m, None, votes(8, 3))).unwrap_err();
        assert_eq!(err, DecisionError::MoreVotesThanRoom { cast: 11, room: 10 });
        let huge = votes(u32::MAX, 1);
        let err = decide(&m, &[], &room, 30, &request(&m, None, huge)).unwrap_err();
        assert!(
            matches!(err, DecisionError::MoreVotesThanRoom { cast, .. } if cast == u64::from(u32::MAX) + 1)
        );
    }

    #[test]
    fn an_adopted_amendment_creates_the_next_bylaws_version() {
        let m = meeting(MeetingKind::Ordinary);
        let p = amendment(m.id);
        let room = voters(20);
        let change = decide(
            &m,
            std::slice::from_ref(&p),
            &room,
            30,
            &request(&m, Some(&p), votes(14, 6)),
        )
        .unwrap();
        assert_eq!(
            change.decision.outcome.result,
            DecisionResult::Adopted,
            "{change:?}"
        );
        assert_eq!(change.decision.subject, "Forslag 1: Revision");
        let v = change.new_bylaws.expect("a new version");
        assert_eq!((v.number, v.status), (2, VersionStatus::Adopted));
        assert_eq!(change.decision.bylaws_version, Some(2));
        assert!(v.text.sections.iter().any(|s| s.key == "regnskab"
            && s.clauses == ["Regnskabet revideres af en registreret revisor."]));
        assert!(change.notes[0]
            .da()
            .starts_with("Vedtægternes version 2 er oprettet"));
    }

    #[test]
    fn an_amendment_short_of_quorum_names_the_second_assembly_date() {
        let m = meeting(MeetingKind::Ordinary);
        let p = amendment(m.id);
        // 5 of 30 present: under the bylaws' third.
        let change = decide(
            &m,
            std::slice::from_ref(&p),
            &voters(5),
            30,
            &request(&m, Some(&p), votes(5, 0)),
        )
        .unwrap();
        assert_eq!(change.decision.outcome.result, DecisionResult::NotQuorate);
        assert_eq!(change.second_assembly_by, Some(day(2027, 4, 10)));
        assert_eq!(change.new_bylaws, None);
    }

    #[test]
    fn a_board_short_of_its_quorum_decides_nothing() {
        let m = meeting(MeetingKind::Board);
        let req = DecisionRequest {
            item: m.agenda[0].id,
            ..request(&m, None, votes(2, 0))
        };
        let change = decide(&m, &[], &voters(2), 0, &req).unwrap();
        assert_eq!(change.decision.outcome.result, DecisionResult::NotQuorate);
        assert!(change
            .decision
            .outcome
            .explanation
            .starts_with("Ikke truffet: "));
    }

    #[test]
    fn unknown_items_kinds_and_locked_minutes_are_refused() {
        let m = meeting(MeetingKind::Ordinary);
        let room = voters(3);
        let mut req = request(&m, None, votes(2, 1));
        req.kind = Some("bogus".into());
        assert_eq!(
            decide(&m, &[], &room, 3, &req).unwrap_err(),
            DecisionError::UnknownKind("bogus".into())
        );
        req.kind = None;
        req.item = AgendaItemId::new();
        assert_eq!(
            decide(&m, &[], &room, 3, &req).unwrap_err(),
            DecisionError::UnknownItem
        );
        let rules = RuleSettings::default();
        let facts = DecisionFacts {
            meeting: &m,
            proposals: &[],
            attendees: &room,
            proxies: &[],
            minutes_approved: true,
            rules: &rules,
            members_with_vote: 3,
            versions: &[],
        };
        let req = request(&m, None, votes(2, 1));
        let err = decide_decision(&facts, &req, DecisionId::new(), BylawsVersionId::new());
        assert_eq!(err.unwrap_err(), DecisionError::MinutesApproved);
    }
}
