//! An ordinary assembly's elections, decided from the board register and the bylaws: which
//! elections it holds and for how many places, who stands, who may be elected, and what an
//! election's result is as its count stands. Pure: the API loads and stores.

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::board::{
    seats_up_for_election, Position, PositionEntry, RegisterChange, SeatKind, Term,
};
use crate::elections::{
    count_ballots, rank, rank_with, BallotEntry, Candidate, CandidateVotes, Election, ElectionKind,
    Method, Ranking, Tally,
};
use crate::ids::{AgendaItemId, CandidateId, ElectionId, TermId};
use crate::meetings::{ItemKind, Meeting};
use crate::rules::{BoardRules, RuleSettings, VotingRight};
use crate::text::Text;

/// A position the bylaws let the assembly elect directly, by its Danish or English name.
fn position_named(name: &str) -> Option<Position> {
    match name.to_lowercase().as_str() {
        "chair" | "formand" => Some(Position::Chair),
        "vicechair" | "næstformand" => Some(Position::ViceChair),
        "treasurer" | "kasserer" => Some(Position::Treasurer),
        "secretary" | "sekretær" => Some(Position::Secretary),
        _ => None,
    }
}

/// One election an assembly is to hold: what, for how many, on which agenda item.
struct Planned {
    kind: ElectionKind,
    seats: u32,
    alternates: u32,
    item: Option<AgendaItemId>,
    position: Option<Position>,
}

/// The elections an ordinary assembly holds: a directly elected position no sitting board
/// member holds; the board's seats up (with same-vote alternates where the bylaws say so);
/// alternates; auditors and auditor alternates. Each goes on the agenda's election items in
/// that order (the last item takes the rest); the members whose board terms run out are
/// listed as standing again, to be asked whether they accept.
pub fn plan_elections(meeting: &Meeting, terms: &[Term], rules: &RuleSettings) -> Vec<Election> {
    let up = seats_up_for_election(terms, meeting.date, rules);
    let items: Vec<AgendaItemId> = meeting
        .agenda
        .iter()
        .filter(|i| i.kind == ItemKind::Election)
        .map(|i| i.id)
        .collect();
    let item = |n: usize| items.get(n).or(items.last()).copied();
    let same_vote = rules.board.alternates_from_same_vote;
    let mut plan: Vec<Planned> = Vec::new();
    for pos in rules
        .board
        .directly_elected
        .iter()
        .filter_map(|p| position_named(p))
    {
        let held = terms.iter().any(|t| {
            t.active_on(meeting.date)
                && t.expires_year.is_some_and(|y| y > meeting.date.year())
                && t.position_on(meeting.date) == Some(pos)
        });
        if !held {
            plan.push(Planned {
                kind: ElectionKind::Position,
                seats: 1,
                alternates: 0,
                item: item(0),
                position: Some(pos),
            });
        }
    }
    let board_alternates = if same_vote { up.alternates } else { 0 };
    plan.push(Planned {
        kind: ElectionKind::Board,
        seats: up.board,
        alternates: board_alternates,
        item: item(0),
        position: None,
    });
    if !same_vote && up.alternates > 0 {
        plan.push(Planned {
            kind: ElectionKind::Alternates,
            seats: up.alternates,
            alternates: 0,
            item: item(1),
            position: None,
        });
    }
    if up.auditors > 0 {
        plan.push(Planned {
            kind: ElectionKind::Auditors,
            seats: up.auditors,
            alternates: 0,
            item: item(2),
            position: None,
        });
    }
    if up.auditor_alternates > 0 {
        plan.push(Planned {
            kind: ElectionKind::AuditorAlternates,
            seats: up.auditor_alternates,
            alternates: 0,
            item: item(2),
            position: None,
        });
    }
    let standing_again = |t: &Term| Candidate {
        id: CandidateId::new(),
        member: t.member,
        name: t.name.clone(),
        proposed_by: Text::new("candidate-up-for-election").da(),
        accepts: false,
        eligible: true,
        reason: None,
        standing_again: true,
    };
    plan.into_iter()
        .filter(|p| p.seats > 0)
        .filter_map(
            |Planned {
                 kind,
                 seats,
                 alternates,
                 item,
                 position,
             }| {
                Some(Election {
                    id: ElectionId::new(),
                    meeting_id: meeting.id,
                    item_id: item?,
                    kind,
                    seats,
                    alternates,
                    max_marks: if rules.election.max_marks_is_seats {
                        seats
                    } else {
                        seats.saturating_add(alternates)
                    },
                    candidates: if kind == ElectionKind::Board {
                        up.expiring.iter().map(standing_again).collect()
                    } else {
                        vec![]
                    },
                    method: Method::Pending,
                    totals: None,
                    draws: vec![],
                    present_with_vote: 0,
                    applied: false,
                    position,
                    runoff_of: None,
                    version: 1,
                })
            },
        )
        .collect()
}

/// Whether a candidate may be elected: a member needs voting right on the assembly's day
/// when the bylaws say so (the same rule for a sitting member standing again as for a new
/// candidate); someone who is not a member may only be an auditor. The reason is stored
/// with the candidate, in Danish.
pub fn eligibility(
    kind: ElectionKind,
    voting_right: Option<&VotingRight>,
    rules: &BoardRules,
) -> (bool, Option<String>) {
    match voting_right {
        Some(v) => {
            let ok = !rules.eligibility_requires_voting_right || v.entitled;
            let reason = (!ok).then(|| {
                Text::new("candidate-not-eligible")
                    .str("reasons", v.reasons.join("; "))
                    .da()
            });
            (ok, reason)
        }
        None => {
            let ok = matches!(
                kind,
                ElectionKind::Auditors | ElectionKind::AuditorAlternates
            );
            (ok, (!ok).then(|| Text::new("candidate-members-only").da()))
        }
    }
}

impl ElectionKind {
    /// How long the elected serve, under the bylaws.
    pub fn term_years(self, board: &BoardRules) -> u32 {
        match self {
            ElectionKind::Board | ElectionKind::Position => board.term_years,
            ElectionKind::Alternates | ElectionKind::AuditorAlternates => {
                board.alternate_term_years
            }
            ElectionKind::Auditors => board.auditor_term_years,
        }
    }
}

impl Election {
    /// Seats and alternate places to fill.
    pub fn places(&self) -> u32 {
        self.seats.saturating_add(self.alternates)
    }
}

/// The count and the result of an election as it stands: from the ballots entered, the
/// totals counted on paper, or — by fredsvalg — everyone standing elected in order, the
/// first `seats` to the seats and the rest as alternates.
pub fn result_so_far(e: &Election, ballots: &[BallotEntry]) -> (Option<Tally>, Option<Ranking>) {
    let ids: Vec<CandidateId> = e
        .candidates
        .iter()
        .filter(|c| c.eligible && c.accepts)
        .map(|c| c.id)
        .collect();
    let tally = match e.method {
        Method::Ballots => Some(count_ballots(ballots, &ids, e.max_marks)),
        Method::Totals => e.totals.clone(),
        Method::Uncontested | Method::Pending => None,
    };
    let ranking = match (&tally, e.method) {
        // A written ballot with no ballot entered yet has no result: no tie, no draw, nobody
        // elected.
        (Some(t), Method::Ballots) if t.cast == 0 => None,
        (Some(t), _) => Some(rank_with(
            t,
            e.seats,
            e.alternates,
            &e.draws,
            e.needs_majority(),
        )),
        (None, Method::Uncontested) => {
            let t = Tally {
                votes: ids
                    .iter()
                    .map(|c| CandidateVotes {
                        candidate: *c,
                        votes: 0,
                    })
                    .collect(),
                ..Tally::default()
            };
            let mut r = rank(&t, e.seats, e.alternates, &[]);
            r.pending = None;
            let s = usize::try_from(e.seats).unwrap_or(usize::MAX);
            r.elected = ids.iter().take(s).copied().collect();
            // Staggered terms shared out by lot or agreement: the long terms first.
            if let Some(d) = e.draws.iter().find(|d| d.over(&r.elected)) {
                r.elected = d.order.clone();
            }
            r.alternates = ids.iter().skip(s).copied().collect();
            r.settled.clear();
            Some(r)
        }
        _ => None,
    };
    (tally, ranking)
}

/// The register changes of a decided election of seats (not a directly elected position):
/// terms of this kind that run out at this assembly (or ran out before) end on its date;
/// alternates elected by the same vote replace the sitting alternates; the elected get
/// staggered terms (ranked when the election is of alternates), and the same-vote
/// alternates get the bylaws' alternate term, ranked in their order.
pub fn register_changes(
    e: &Election,
    r: &Ranking,
    terms: &[Term],
    meeting: &Meeting,
    rules: &RuleSettings,
) -> RegisterChange {
    let day = meeting.date;
    let year = day.year();
    let seat = e.kind.seat();
    let mut change = RegisterChange::default();
    let expired = Text::new("term-ended-expired").da();
    for t in terms
        .iter()
        .filter(|t| t.kind == seat && t.active_on(day) && t.expires_year.is_some_and(|y| y <= year))
    {
        change.ended.push((t.clone(), t.ended(day, &expired)));
    }
    if !r.alternates.is_empty() && e.kind == ElectionKind::Board {
        let replaced = Text::new("term-ended-new-alternates").da();
        for t in terms
            .iter()
            .filter(|t| t.kind == SeatKind::Alternate && t.active_on(day))
        {
            change.ended.push((t.clone(), t.ended(day, &replaced)));
        }
    }
    let cand = |c: &CandidateId| e.candidates.iter().find(|x| x.id == *c);
    let mut assigned = Vec::new();
    let ranked_alternates = e.kind == ElectionKind::Alternates;
    for (i, c) in r.elected.iter().enumerate() {
        let Some(c) = cand(c) else { continue };
        let expires = crate::board::term_expiry(terms, seat, day, &assigned, rules);
        assigned.push(expires);
        let rank = ranked_alternates.then(|| u32::try_from(i + 1).unwrap_or(u32::MAX));
        change
            .new_terms
            .push(elected_term(seat, c, meeting, expires, rank));
    }
    let years = i32::try_from(rules.board.alternate_term_years.max(1)).unwrap_or(1);
    for (i, c) in r.alternates.iter().enumerate() {
        let Some(c) = cand(c) else { continue };
        let rank = Some(u32::try_from(i + 1).unwrap_or(u32::MAX));
        let expires = year.saturating_add(years);
        change
            .new_terms
            .push(elected_term(SeatKind::Alternate, c, meeting, expires, rank));
    }
    change
}

/// Fredsvalg to staggered seats: some of the elected sit for the full term and some for a
/// shorter one, and who is which is the assembly's choice (by lot or by agreement, recorded
/// as a draw over all the elected), never the order the names happen to be in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TermsChoice {
    pub long_years: u32,
    /// How many of the elected get the long term.
    pub long: u32,
    pub short_years: u32,
    pub short: u32,
    /// Made (and recorded) already.
    pub decided: bool,
}

/// The terms choice an uncontested board election needs, if its elected get different terms.
pub fn terms_choice(
    e: &Election,
    r: &Ranking,
    terms: &[Term],
    meeting: &Meeting,
    rules: &RuleSettings,
) -> Option<TermsChoice> {
    if e.method != Method::Uncontested || e.kind != ElectionKind::Board || r.elected.len() < 2 {
        return None;
    }
    let years = elected_years(e, r, terms, meeting, rules);
    let long_years = years.iter().map(|(_, y)| *y).max()?;
    let short_years = years.iter().map(|(_, y)| *y).min()?;
    if long_years == short_years {
        return None;
    }
    let count = |y: u32| u32::try_from(years.iter().filter(|(_, x)| *x == y).count()).unwrap_or(0);
    Some(TermsChoice {
        long_years,
        long: count(long_years),
        short_years,
        short: count(short_years),
        decided: e.draws.iter().any(|d| d.over(&r.elected)),
    })
}

/// The term each elected candidate gets (or got), in whole years from the assembly: read from
/// the register once the election is applied, else as [`register_changes`] will write it — so
/// the minutes say what the register says (staggered terms included).
pub fn elected_years(
    e: &Election,
    r: &Ranking,
    terms: &[Term],
    meeting: &Meeting,
    rules: &RuleSettings,
) -> Vec<(CandidateId, u32)> {
    if e.kind == ElectionKind::Position {
        return Vec::new();
    }
    let year = meeting.date.year();
    let seat = e.kind.seat();
    let years_of = |t: &Term| {
        t.expires_year
            .and_then(|y| u32::try_from(y.saturating_sub(year)).ok())
    };
    if e.applied {
        r.elected
            .iter()
            .filter_map(|id| {
                let c = e.candidates.iter().find(|c| c.id == *id)?;
                let t = terms.iter().find(|t| {
                    t.kind == seat
                        && t.start == meeting.date
                        && match c.member {
                            Some(m) => t.member == Some(m),
                            None => t.member.is_none() && t.name == c.name,
                        }
                })?;
                Some((*id, years_of(t)?))
            })
            .collect()
    } else {
        let change = register_changes(e, r, terms, meeting, rules);
        r.elected
            .iter()
            .zip(change.new_terms.iter().filter(|t| t.kind == seat))
            .filter_map(|(id, t)| Some((*id, years_of(t)?)))
            .collect()
    }
}

/// The register change of a position elected directly (e.g. the chair): the winner's board
/// term gets the position from the assembly's date, or — when the winner does not sit on
/// for another year — a new board term with it. `None` when nobody is elected.
pub fn position_changes(
    e: &Election,
    r: &Ranking,
    terms: &[Term],
    meeting: &Meeting,
    rules: &RuleSettings,
) -> Option<RegisterChange> {
    let position = e.position.unwrap_or(Position::Chair);
    let winner = r
        .elected
        .first()
        .and_then(|c| e.candidates.iter().find(|x| x.id == *c))?;
    let day = meeting.date;
    let entry = PositionEntry {
        position,
        from: day,
    };
    let sitting = terms.iter().find(|t| {
        t.kind == SeatKind::Board
            && t.member.is_some()
            && t.member == winner.member
            && t.active_on(day)
            && t.expires_year.is_some_and(|y| y > day.year())
    });
    let mut change = RegisterChange::default();
    match sitting {
        Some(t) => {
            let mut after = t.clone();
            after.positions.push(entry);
            after.version += 1;
            change.ended.push((t.clone(), after));
        }
        None => {
            let expires = crate::board::term_expiry(terms, SeatKind::Board, day, &[], rules);
            let mut t = elected_term(SeatKind::Board, winner, meeting, expires, None);
            t.positions.push(entry);
            change.new_terms.push(t);
        }
    }
    Some(change)
}

/// The term an elected candidate gets from the assembly `meeting`.
pub fn elected_term(
    kind: SeatKind,
    c: &Candidate,
    meeting: &Meeting,
    expires: i32,
    rank: Option<u32>,
) -> Term {
    Term {
        id: TermId::new(),
        kind,
        member: c.member,
        name: c.name.clone(),
        rank,
        start: meeting.date,
        expires_year: Some(expires),
        ended_on: None,
        end_reason: None,
        positions: vec![],
        elected_at: Some(meeting.id),
        appointed_by: None,
        version: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::{MeetingInput, MeetingKind};
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn term(kind: SeatKind, name: &str, expires: i32) -> Term {
        let c = Candidate {
            id: CandidateId::new(),
            member: Some(crate::ids::MemberId::new()),
            name: name.into(),
            proposed_by: String::new(),
            accepts: true,
            eligible: true,
            reason: None,
            standing_again: false,
        };
        let founding = Meeting::new(MeetingInput {
            kind: MeetingKind::Ordinary,
            body: None,
            date: day(2025, 3, 8),
            start_time: None,
            place: "Perronen".into(),
            demanded_by: None,
            demanded_on: None,
        });
        elected_term(kind, &c, &founding, expires, None)
    }

    fn assembly(date: NaiveDate) -> Meeting {
        Meeting::new(MeetingInput {
            kind: MeetingKind::Ordinary,
            body: None,
            date,
            start_time: None,
            place: "Perronen".into(),
            demanded_by: None,
            demanded_on: None,
        })
    }

    #[test]
    fn an_assembly_elects_the_seats_up_with_the_members_standing_again() {
        let rules = RuleSettings::default();
        let reg = vec![
            term(SeatKind::Board, "Anne", 2026),
            term(SeatKind::Board, "Bent", 2026),
            term(SeatKind::Board, "Carla", 2027),
            term(SeatKind::Board, "Dorte", 2027),
            term(SeatKind::Board, "Erik", 2027),
        ];
        let m = assembly(day(2026, 3, 14));
        let plan = plan_elections(&m, &reg, &rules);
        let board = plan.iter().find(|e| e.kind == ElectionKind::Board).unwrap();
        assert_eq!(board.seats, 2);
        let standing: Vec<&str> = board.candidates.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(standing, ["Anne", "Bent"]);
        assert!(board
            .candidates
            .iter()
            .all(|c| c.standing_again && !c.accepts));
        assert_eq!(board.candidates[0].proposed_by, "På valg");
        assert!(plan.iter().all(|e| e.seats > 0 && e.meeting_id == m.id));
        let items: Vec<_> = m
            .agenda
            .iter()
            .filter(|i| i.kind == ItemKind::Election)
            .collect();
        assert_eq!(board.item_id, items[0].id);
    }

    #[test]
    fn one_eligibility_rule_for_members_and_outsiders() {
        let rules = RuleSettings::default().board;
        let arrears = VotingRight {
            entitled: false,
            reasons: vec!["Kontingent for 2026 er ikke betalt".into()],
            explanation: String::new(),
        };
        let (ok, why) = eligibility(ElectionKind::Board, Some(&arrears), &rules);
        assert!(!ok);
        assert_eq!(
            why.as_deref(),
            Some("Kan ikke vælges: Kontingent for 2026 er ikke betalt")
        );
        let lenient = BoardRules {
            eligibility_requires_voting_right: false,
            ..rules.clone()
        };
        assert!(eligibility(ElectionKind::Board, Some(&arrears), &lenient).0);
        assert!(!eligibility(ElectionKind::Board, None, &rules).0);
        assert!(eligibility(ElectionKind::Auditors, None, &rules).0);
    }

    #[test]
    fn fredsvalg_elects_everyone_standing_in_order() {
        let rules = RuleSettings::default();
        let m = assembly(day(2026, 3, 14));
        let reg = vec![
            term(SeatKind::Board, "Anne", 2026),
            term(SeatKind::Board, "Bent", 2026),
        ];
        let mut e = plan_elections(&m, &reg, &rules)
            .into_iter()
            .find(|e| e.kind == ElectionKind::Board)
            .unwrap();
        for c in &mut e.candidates {
            c.accepts = true;
        }
        e.method = Method::Uncontested;
        e.seats = 1;
        let (tally, ranking) = result_so_far(&e, &[]);
        assert!(tally.is_none());
        let r = ranking.unwrap();
        assert_eq!(r.elected, [e.candidates[0].id]);
        assert_eq!(r.alternates, [e.candidates[1].id]);
        assert_eq!(e.places(), 1 + e.alternates);
        assert_eq!(
            ElectionKind::Alternates.term_years(&rules.board),
            rules.board.alternate_term_years
        );
    }

    #[test]
    fn a_chair_elected_directly_gets_the_position_on_the_term_they_hold() {
        let rules = RuleSettings::default();
        let reg = vec![
            term(SeatKind::Board, "Carla", 2027),
            term(SeatKind::Board, "Anne", 2026),
        ];
        let m = assembly(day(2026, 3, 14));
        let candidate = |t: &Term| Candidate {
            id: CandidateId::new(),
            member: t.member,
            name: t.name.clone(),
            proposed_by: String::new(),
            accepts: true,
            eligible: true,
            reason: None,
            standing_again: false,
        };
        let mut e = plan_elections(&m, &reg, &rules)
            .into_iter()
            .find(|e| e.kind == ElectionKind::Board)
            .unwrap();
        e.kind = ElectionKind::Position;
        e.position = Some(Position::Chair);
        e.candidates = vec![candidate(&reg[0]), candidate(&reg[1])];
        let won = |c: CandidateId| Ranking {
            ranked: vec![],
            elected: vec![c],
            alternates: vec![],
            settled: vec![],
            pending: None,
        };
        // Carla sits on to 2027: her term gets the position from the assembly's date.
        let change = position_changes(&e, &won(e.candidates[0].id), &reg, &m, &rules).unwrap();
        assert!(change.new_terms.is_empty());
        let (before, after) = &change.ended[0];
        assert_eq!(before.id, reg[0].id);
        assert_eq!(after.position_on(m.date), Some(Position::Chair));
        assert_eq!(after.version, before.version + 1);
        // Anne's term runs out at this assembly: she gets a new board term as chair.
        let change = position_changes(&e, &won(e.candidates[1].id), &reg, &m, &rules).unwrap();
        assert!(change.ended.is_empty());
        let t = &change.new_terms[0];
        assert_eq!((t.kind, t.name.as_str()), (SeatKind::Board, "Anne"));
        assert_eq!(t.position_on(m.date), Some(Position::Chair));
        assert!(t.expires_year.is_some_and(|y| y > 2026));
        let nobody = Ranking {
            elected: vec![],
            ..won(e.candidates[0].id)
        };
        assert_eq!(position_changes(&e, &nobody, &reg, &m, &rules), None);
    }

    #[test]
    fn the_result_ends_expired_terms_and_starts_new_ones() {
        let rules = RuleSettings::default();
        let reg = vec![
            term(SeatKind::Board, "Anne", 2026),
            term(SeatKind::Board, "Bent", 2026),
            term(SeatKind::Board, "Carla", 2027),
            term(SeatKind::Alternate, "Suppleant", 2026),
        ];
        let m = assembly(day(2026, 3, 14));
        let mut e = plan_elections(&m, &reg, &rules)
            .into_iter()
            .find(|e| e.kind == ElectionKind::Board)
            .unwrap();
        let newcomer = Candidate {
            standing_again: false,
            ..e.candidates[0].clone()
        };
        e.candidates.push(Candidate {
            id: CandidateId::new(),
            name: "Dorte".into(),
            ..newcomer
        });
        let ids: Vec<CandidateId> = e.candidates.iter().map(|c| c.id).collect();
        let r = Ranking {
            ranked: vec![],
            elected: vec![ids[0], ids[2]],
            alternates: vec![ids[1]],
            settled: vec![],
            pending: None,
        };
        let change = register_changes(&e, &r, &reg, &m, &rules);
        let ended: Vec<&str> = change.ended.iter().map(|(t, _)| t.name.as_str()).collect();
        assert_eq!(ended, ["Anne", "Bent", "Suppleant"]);
        assert!(change
            .ended
            .iter()
            .all(|(_, after)| after.ended_on == Some(m.date)));
        assert_eq!(
            change.ended[0].1.end_reason.as_deref(),
            Some("valgperioden udløb")
        );
        assert_eq!(
            change.ended[2].1.end_reason.as_deref(),
            Some("nye suppleanter valgt")
        );
        let new: Vec<(&str, SeatKind)> = change
            .new_terms
            .iter()
            .map(|t| (t.name.as_str(), t.kind))
            .collect();
        assert_eq!(
            new,
            [
                ("Anne", SeatKind::Board),
                ("Dorte", SeatKind::Board),
                ("Bent", SeatKind::Alternate)
            ]
        );
        let alternate = &change.new_terms[2];
        let years = i32::try_from(rules.board.alternate_term_years.max(1)).unwrap();
        assert_eq!(
            (alternate.rank, alternate.expires_year),
            (Some(1), Some(2026 + years))
        );
    }
}
