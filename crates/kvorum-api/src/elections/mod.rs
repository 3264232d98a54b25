//! Elections at an assembly: prepared from the seats up for election, candidates, fredsvalg or
//! a written ballot counted ballot by ballot (or as totals), ties settled by a recorded lot, the
//! minutes paragraph, and the result written into the board register.

mod apply;
mod candidates;
mod counting;
mod setup;

use setup::{election_in, votes_in_room_in};

use kvorum_core::board::{seats_up_for_election, SeatsUp, Term};
use kvorum_core::election_plan::{
    elected_years, eligibility, plan_elections, position_changes, register_changes, result_so_far,
    terms_choice, TermsChoice,
};
use kvorum_core::elections::{
    minutes_paragraph, shuffle, uncontested, BallotEntry, Candidate, CandidateVotes, ElectedTerms,
    Election, ElectionKind, LotDraw, Method, Ranking, Tally,
};
use kvorum_core::ids::{AgendaItemId, CandidateId, ElectionId, MeetingId, MemberId};
use kvorum_core::meetings::{attendance_counts, MeetingKind};
use kvorum_core::text::Text;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use kvorum_core::election_count::{self, CountError};
use kvorum_core::meetings::Meeting;
use kvorum_core::rules::RuleSettings;
use kvorum_store::{Reader, StoreTx};

use crate::{Api, ApiError, ApiResult, ErrorCode};

const WHAT: &str = "Valget";

/// An election with its count and result as they stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ElectionView {
    pub election: Election,
    pub title: String,
    /// Places to fill (seats + alternates from the same vote).
    pub places: u32,
    /// No more accepting, eligible candidates than places.
    pub uncontested: bool,
    #[ts(type = "number")]
    pub ballots_entered: i64,
    pub tally: Option<Tally>,
    pub ranking: Option<Ranking>,
    /// The sentence for the minutes.
    pub paragraph: String,
    /// Votes that can be cast in the room now.
    pub votes_in_room: u32,
    /// How the bylaws settle a tie: by lot or by a run-off.
    pub tie_rule: kvorum_core::rules::TieRule,
    /// Fredsvalg to staggered seats: who takes the long terms, to be chosen (or chosen).
    pub terms_choice: Option<TermsChoice>,
}

/// Who of those elected by fredsvalg takes the long terms: `long` names them (by the
/// candidates' agreement, or as the dirigent drew them by hand); empty: Kvorum draws lots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TermsInput {
    pub election: ElectionId,
    pub long: Vec<CandidateId>,
    /// `long` is what the elected agreed (not a lot drawn by the dirigent).
    pub agreed: bool,
    pub witnesses: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CandidateInput {
    pub election: ElectionId,
    pub member: Option<MemberId>,
    /// For a candidate who is not in the register (an outside auditor).
    pub name: Option<String>,
    pub proposed_by: String,
    pub accepts: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CandidateAccept {
    pub election: ElectionId,
    pub candidate: CandidateId,
    pub accepts: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BallotInput {
    pub election: ElectionId,
    pub marks: Vec<CandidateId>,
    pub marked_invalid: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TotalsInput {
    pub election: ElectionId,
    pub votes: Vec<CandidateVotes>,
    /// Valid ballots as the counters counted them; `None`: the least the votes allow.
    pub valid: Option<u32>,
    pub blank: u32,
    pub invalid: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DrawInput {
    pub election: ElectionId,
    pub witnesses: Vec<String>,
    /// The order drawn by hand by the dirigent; empty: Kvorum draws.
    pub by_hand: Vec<CandidateId>,
}

/// A refusal of the counting desk, in the catalogue.
fn count_refused(e: CountError) -> ApiError {
    ApiError::refused(match e {
        CountError::NotBallots => Text::new("election-start-first"),
        CountError::BallotsFull { entered, room } => Text::new("election-ballots-full")
            .num("entered", entered)
            .num("room", room),
        CountError::VotesForStranger => Text::new("election-votes-for-stranger"),
        CountError::TooFewValid {
            valid,
            max_marks,
            least,
        } => Text::new("election-too-few-valid")
            .num("valid", valid)
            .num("marks", max_marks)
            .num("least", least),
        CountError::MoreThanRoom { needed, room } => Text::new("election-more-than-room")
            .num("needed", needed)
            .num("room", room),
        CountError::NoTie => Text::new("election-no-tie"),
        CountError::NeedsSecondRound => Text::new("election-needs-second-round"),
        CountError::TiesByRunOff => Text::new("election-ties-by-runoff"),
        CountError::TiesByLot => Text::new("election-ties-by-lot"),
        CountError::NothingToRerun => Text::new("election-nothing-to-rerun"),
        CountError::DrawOrder => Text::new("election-draw-order"),
    })
}
