//! The counting desk's rules: what ballots and paper totals the room allows, when a tie is
//! settled by lot and when by a run-off, and the run-off's own election.

use crate::elections::{CandidateVotes, Election, Method, Tally, Tie, TieKind};
use crate::ids::{CandidateId, ElectionId};
use crate::rules::TieRule;

/// Why the count cannot go on as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CountError {
    #[error("start the written ballot first")]
    NotBallots,
    #[error("{entered} ballots are entered already, and there were {room} votes in the room")]
    BallotsFull { entered: i64, room: i64 },
    #[error("votes for someone who does not stand")]
    VotesForStranger,
    #[error("{valid} valid ballots cannot give those votes (at most {max_marks} marks each: at least {least})")]
    TooFewValid {
        valid: u32,
        max_marks: u32,
        least: u32,
    },
    #[error("the figures need {needed} ballots, but there were {room} votes in the room")]
    MoreThanRoom { needed: u32, room: u32 },
    #[error("there is no tie to settle")]
    NoTie,
    #[error("nobody has the majority: a second round decides, not a lot")]
    NeedsSecondRound,
    #[error("the bylaws settle ties by a run-off")]
    TiesByRunOff,
    #[error("the bylaws settle ties by lot")]
    TiesByLot,
    #[error("there is nothing to vote again on")]
    NothingToRerun,
    #[error("the order drawn by hand must name exactly the tied candidates")]
    DrawOrder,
}

/// One more ballot may be entered: the election is counted ballot by ballot and fewer
/// ballots are entered than there were votes in the room.
pub fn may_enter_ballot(e: &Election, entered: i64) -> Result<(), CountError> {
    if e.method != Method::Ballots {
        return Err(CountError::NotBallots);
    }
    let room = i64::from(e.present_with_vote);
    if entered >= room {
        return Err(CountError::BallotsFull { entered, room });
    }
    Ok(())
}

/// The tally from totals counted on paper, checked against the marks a ballot may carry and
/// the votes in the room (`room`). `valid` is the valid ballots as counted; `None`: the
/// least the votes allow.
pub fn paper_totals(
    e: &Election,
    votes: &[CandidateVotes],
    valid: Option<u32>,
    blank: u32,
    invalid: u32,
    room: u32,
) -> Result<Tally, CountError> {
    let standing: Vec<CandidateId> = e
        .candidates
        .iter()
        .filter(|c| c.eligible && c.accepts)
        .map(|c| c.id)
        .collect();
    if votes.iter().any(|v| !standing.contains(&v.candidate)) {
        return Err(CountError::VotesForStranger);
    }
    let sum = votes
        .iter()
        .fold(0u32, |acc, v| acc.saturating_add(v.votes));
    let most = votes.iter().map(|v| v.votes).max().unwrap_or(0);
    let valid_min = if e.max_marks == 0 {
        0
    } else {
        sum.div_ceil(e.max_marks)
    };
    let least = most.max(valid_min);
    let valid = valid.unwrap_or(least);
    if valid < least {
        return Err(CountError::TooFewValid {
            valid,
            max_marks: e.max_marks,
            least,
        });
    }
    let needed = valid.saturating_add(blank).saturating_add(invalid);
    if needed > room {
        return Err(CountError::MoreThanRoom { needed, room });
    }
    Ok(Tally {
        cast: needed,
        valid,
        blank,
        invalid,
        votes: standing
            .iter()
            .map(|c| CandidateVotes {
                candidate: *c,
                votes: votes
                    .iter()
                    .find(|v| v.candidate == *c)
                    .map_or(0, |v| v.votes),
            })
            .collect(),
    })
}

/// A pending tie may be settled by lot: it is a tie of votes (not a missing majority), and
/// the bylaws settle ties by lot — or this election is the run-off already.
pub fn may_draw_lot<'a>(
    e: &Election,
    pending: Option<&'a Tie>,
    ties: TieRule,
) -> Result<&'a Tie, CountError> {
    let tie = pending.ok_or(CountError::NoTie)?;
    if tie.kind == TieKind::NoMajority {
        return Err(CountError::NeedsSecondRound);
    }
    if ties == TieRule::RunOff && e.runoff_of.is_none() {
        return Err(CountError::TiesByRunOff);
    }
    Ok(tie)
}

/// The order a lot gives: the dirigent's, drawn by hand, when it names exactly the tied.
pub fn hand_drawn_order(tie: &Tie, order: &[CandidateId]) -> Result<Vec<CandidateId>, CountError> {
    let mut a = order.to_vec();
    let mut b = tie.candidates.clone();
    a.sort();
    b.sort();
    if a != b {
        return Err(CountError::DrawOrder);
    }
    Ok(order.to_vec())
}

/// The run-off a pending tie calls for: a written ballot between the tied for the places
/// they share (one place when nobody had the majority), with `room` votes present.
pub fn runoff(
    e: &Election,
    pending: Option<&Tie>,
    ties: TieRule,
    room: u32,
) -> Result<Election, CountError> {
    let tie = pending.ok_or(CountError::NothingToRerun)?;
    let majority = tie.kind == TieKind::NoMajority;
    if !majority && ties != TieRule::RunOff {
        return Err(CountError::TiesByLot);
    }
    let places = e.seats.saturating_add(e.alternates);
    let n = u32::try_from(tie.candidates.len()).unwrap_or(1);
    let seats = if majority {
        1
    } else {
        (places.min(tie.last_place) + 1)
            .saturating_sub(tie.first_place)
            .clamp(1, n.saturating_sub(1).max(1))
    };
    Ok(Election {
        id: ElectionId::new(),
        meeting_id: e.meeting_id,
        item_id: e.item_id,
        kind: e.kind,
        seats,
        alternates: 0,
        max_marks: seats,
        candidates: e
            .candidates
            .iter()
            .filter(|c| tie.candidates.contains(&c.id))
            .cloned()
            .collect(),
        method: Method::Ballots,
        totals: None,
        draws: vec![],
        present_with_vote: room,
        applied: false,
        position: e.position,
        runoff_of: Some(e.id),
        version: 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elections::{Candidate, ElectionKind};
    use crate::ids::{AgendaItemId, MeetingId};

    fn candidate(name: &str) -> Candidate {
        Candidate {
            id: CandidateId::new(),
            member: None,
            name: name.into(),
            proposed_by: "Bestyrelsen".into(),
            accepts: true,
            eligible: true,
            reason: None,
            standing_again: false,
        }
    }

    fn election(seats: u32, alternates: u32, names: &[&str]) -> Election {
        Election {
            id: ElectionId::new(),
            meeting_id: MeetingId::new(),
            item_id: AgendaItemId::new(),
            kind: ElectionKind::Board,
            seats,
            alternates,
            max_marks: seats,
            candidates: names.iter().map(|n| candidate(n)).collect(),
            method: Method::Ballots,
            totals: None,
            draws: vec![],
            present_with_vote: 16,
            applied: false,
            position: None,
            runoff_of: None,
            version: 3,
        }
    }

    fn tie(e: &Election, idx: &[usize], first: u32, last: u32, kind: TieKind) -> Tie {
        Tie {
            candidates: idx.iter().map(|i| e.candidates[*i].id).collect(),
            votes: 5,
            first_place: first,
            last_place: last,
            what: kind.minutes_words().into(),
            kind,
        }
    }

    fn votes(e: &Election, v: &[u32]) -> Vec<CandidateVotes> {
        e.candidates
            .iter()
            .zip(v)
            .map(|(c, v)| CandidateVotes {
                candidate: c.id,
                votes: *v,
            })
            .collect()
    }

    #[test]
    fn ballots_stop_at_the_votes_in_the_room() {
        let mut e = election(2, 0, &["A", "B", "C"]);
        assert_eq!(may_enter_ballot(&e, 15), Ok(()));
        assert_eq!(
            may_enter_ballot(&e, 16),
            Err(CountError::BallotsFull {
                entered: 16,
                room: 16
            })
        );
        e.method = Method::Totals;
        assert_eq!(may_enter_ballot(&e, 0), Err(CountError::NotBallots));
    }

    #[test]
    fn paper_totals_must_fit_the_marks_and_the_room() {
        let e = election(2, 0, &["A", "B", "C"]);
        // 20 marks with at most 2 a ballot need at least 10 valid ballots.
        let t = paper_totals(&e, &votes(&e, &[9, 7, 4]), None, 1, 1, 16).unwrap();
        assert_eq!((t.valid, t.cast, t.votes[2].votes), (10, 12, 4));
        assert_eq!(
            paper_totals(&e, &votes(&e, &[9, 7, 4]), Some(8), 0, 0, 16),
            Err(CountError::TooFewValid {
                valid: 8,
                max_marks: 2,
                least: 10
            })
        );
        assert_eq!(
            paper_totals(&e, &votes(&e, &[9, 7, 4]), Some(15), 1, 1, 16),
            Err(CountError::MoreThanRoom {
                needed: 17,
                room: 16
            })
        );
        let stranger = vec![CandidateVotes {
            candidate: CandidateId::new(),
            votes: 1,
        }];
        assert_eq!(
            paper_totals(&e, &stranger, None, 0, 0, 16),
            Err(CountError::VotesForStranger)
        );
        // Absurd figures are refused, not overflowed.
        let huge = paper_totals(
            &e,
            &votes(&e, &[u32::MAX, u32::MAX, 1]),
            None,
            u32::MAX,
            1,
            16,
        );
        assert!(matches!(huge, Err(CountError::MoreThanRoom { .. })));
    }

    #[test]
    fn a_tie_is_settled_by_lot_or_run_off_as_the_bylaws_say() {
        let e = election(2, 1, &["A", "B", "C", "D"]);
        let t = tie(&e, &[1, 2], 2, 3, TieKind::LastSeat);
        assert!(may_draw_lot(&e, Some(&t), TieRule::Lot).is_ok());
        assert_eq!(
            may_draw_lot(&e, Some(&t), TieRule::RunOff),
            Err(CountError::TiesByRunOff)
        );
        assert_eq!(may_draw_lot(&e, None, TieRule::Lot), Err(CountError::NoTie));
        let no_majority = tie(&e, &[0, 1], 1, 2, TieKind::NoMajority);
        assert_eq!(
            may_draw_lot(&e, Some(&no_majority), TieRule::Lot),
            Err(CountError::NeedsSecondRound)
        );
        assert_eq!(
            runoff(&e, Some(&t), TieRule::Lot, 16),
            Err(CountError::TiesByLot)
        );
        assert_eq!(
            hand_drawn_order(&t, &[e.candidates[2].id, e.candidates[1].id]).unwrap()[0],
            e.candidates[2].id
        );
        assert_eq!(
            hand_drawn_order(&t, &[e.candidates[0].id, e.candidates[1].id]),
            Err(CountError::DrawOrder)
        );
    }

    #[test]
    fn a_run_off_is_for_the_places_the_tied_share() {
        let e = election(2, 1, &["A", "B", "C", "D"]);
        // B and C tie for places 2–3: the last seat and the alternate; one place to vote on.
        let t = tie(&e, &[1, 2], 2, 3, TieKind::LastSeat);
        let r = runoff(&e, Some(&t), TieRule::RunOff, 15).unwrap();
        assert_eq!((r.seats, r.max_marks, r.alternates), (1, 1, 0));
        assert_eq!(r.candidates.len(), 2);
        assert_eq!((r.runoff_of, r.present_with_vote), (Some(e.id), 15));
        // Three tied for places 2–4 of three places: two places among three.
        let t3 = tie(&e, &[1, 2, 3], 2, 4, TieKind::LastSeat);
        assert_eq!(runoff(&e, Some(&t3), TieRule::RunOff, 15).unwrap().seats, 2);
        // No majority for a position: always one place, whatever the tie rule.
        let nm = tie(&e, &[0, 1], 1, 2, TieKind::NoMajority);
        assert_eq!(runoff(&e, Some(&nm), TieRule::Lot, 15).unwrap().seats, 1);
        assert_eq!(
            runoff(&e, None, TieRule::RunOff, 15),
            Err(CountError::NothingToRerun)
        );
    }
}
