//! Elections at an assembly: prepared from the seats up for election, candidates, fredsvalg or
//! a written ballot counted ballot by ballot (or as totals), ties settled by a recorded lot, the
//! minutes paragraph, and the result written into the board register.

use chrono::Datelike;
use kvorum_core::board::{
    seats_up_for_election, term_expiry, Position, PositionEntry, SeatKind, SeatsUp, Term,
};
use kvorum_core::election_plan::{elected_term, eligibility, plan_elections, result_so_far};
use kvorum_core::elections::{
    minutes_paragraph, shuffle, uncontested, BallotEntry, Candidate, CandidateVotes, Election,
    ElectionKind, LotDraw, Method, Ranking, Tally,
};
use kvorum_core::ids::{AgendaItemId, CandidateId, ElectionId, MeetingId, MemberId};
use kvorum_core::meetings::{attendance_counts, MeetingKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

impl Api {
    /// The seats an assembly must fill, from the board register and the bylaws.
    pub async fn elections_seats_up(&self, meeting: MeetingId) -> ApiResult<SeatsUp> {
        let m = self
            .store
            .meeting(meeting)
            .await
            .map_err(|e| ApiError::from_store(e, "Mødet"))?;
        let rules = self.rules_on(m.date).await?;
        let terms = self.store.board_terms().await?;
        Ok(seats_up_for_election(&terms, m.date, &rules))
    }

    /// The elections of an assembly, set up from the seats up for election the first time.
    pub async fn elections_for(&self, meeting: MeetingId) -> ApiResult<Vec<ElectionView>> {
        let m = self
            .store
            .meeting(meeting)
            .await
            .map_err(|e| ApiError::from_store(e, "Mødet"))?;
        let mut existing = self.store.elections(Some(meeting)).await?;
        if existing.is_empty() && m.kind == MeetingKind::Ordinary {
            let rules = self.rules_on(m.date).await?;
            let terms = self.store.board_terms().await?;
            let mut tx = self.begin().await?;
            for e in plan_elections(&m, &terms, &rules) {
                tx.insert_election(&e).await?;
            }
            tx.commit().await?;
            existing = self.store.elections(Some(meeting)).await?;
        }
        let mut out = Vec::with_capacity(existing.len());
        for e in existing {
            out.push(self.view(e).await?);
        }
        Ok(out)
    }

    async fn election_row(&self, id: ElectionId) -> ApiResult<Election> {
        self.store
            .elections(None)
            .await?
            .into_iter()
            .find(|e| e.id == id)
            .ok_or_else(|| ApiError::not_found(WHAT))
    }

    async fn votes_in_room(&self, meeting: MeetingId) -> ApiResult<u32> {
        let a = self.store.attendance(meeting).await?;
        let p = self.store.proxies(meeting).await?;
        Ok(attendance_counts(&a, &p).votes_in_room)
    }

    async fn term_years(&self, e: &Election) -> ApiResult<u32> {
        let m = self.store.meeting(e.meeting_id).await?;
        Ok(e.kind.term_years(&self.rules_on(m.date).await?.board))
    }

    pub(crate) async fn view(&self, e: Election) -> ApiResult<ElectionView> {
        let ballots = self.store.ballots(e.id).await?;
        let (tally, ranking) = result_so_far(&e, &ballots);
        let paragraph = match &ranking {
            Some(r) => minutes_paragraph(
                e.kind,
                self.term_years(&e).await?,
                &e.candidates,
                tally.as_ref(),
                r,
                &e.draws,
                e.present_with_vote,
            ),
            None => String::new(),
        };
        let tie_rule = {
            let m = self.store.meeting(e.meeting_id).await?;
            self.rules_on(m.date).await?.election.ties
        };
        Ok(ElectionView {
            tie_rule,
            title: e.title(),
            places: e.places(),
            uncontested: uncontested(&e.candidates, e.places()),
            ballots_entered: i64::try_from(ballots.len()).unwrap_or(0),
            votes_in_room: self.votes_in_room(e.meeting_id).await?,
            tally,
            ranking,
            paragraph,
            election: e,
        })
    }

    pub async fn election_get(&self, id: ElectionId) -> ApiResult<ElectionView> {
        let e = self.election_row(id).await?;
        self.view(e).await
    }

    async fn save_election(
        &self,
        before: &Election,
        mut after: Election,
    ) -> ApiResult<ElectionView> {
        self.minutes_open(before.meeting_id).await?;
        after.version = before.version + 1;
        let mut tx = self.begin().await?;
        tx.update_election(before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        tx.commit().await?;
        self.view(after).await
    }

    /// Once the meeting's minutes are approved its elections cannot change.
    async fn minutes_open(&self, meeting: MeetingId) -> ApiResult<()> {
        if self.minutes_locked(meeting).await? {
            return Err(ApiError::new(
                ErrorCode::Locked,
                "Mødets referat er godkendt og låst; valget kan ikke længere ændres.",
            ));
        }
        Ok(())
    }

    fn not_applied(e: &Election) -> ApiResult<()> {
        if e.applied {
            return Err(ApiError::new(
                ErrorCode::Locked,
                "Valget er afsluttet og skrevet i bestyrelsesregistret.",
            ));
        }
        Ok(())
    }

    /// Adds a candidate; a member is checked against the bylaws' eligibility.
    pub async fn candidate_add(&self, input: CandidateInput) -> ApiResult<ElectionView> {
        let before = self.election_row(input.election).await?;
        Self::not_applied(&before)?;
        if before.method != Method::Pending {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Afstemningen er begyndt; der kan ikke komme flere kandidater.",
            ));
        }
        let m = self.store.meeting(before.meeting_id).await?;
        let rules = self.rules_on(m.date).await?;
        let (name, eligible, reason) = match input.member {
            Some(id) => {
                if before.candidates.iter().any(|c| c.member == Some(id)) {
                    return Err(ApiError::new(
                        ErrorCode::Duplicate,
                        "Medlemmet er allerede kandidat.",
                    ));
                }
                let v = self.voting_right_at(id, m.date).await?;
                let member = self
                    .store
                    .member(id)
                    .await
                    .map_err(|e| ApiError::from_store(e, "Medlemmet"))?;
                let (ok, reason) = eligibility(before.kind, Some(&v), &rules.board);
                (member.name, ok, reason)
            }
            None => {
                let n = input.name.clone().unwrap_or_default().trim().to_owned();
                if n.is_empty() {
                    let mut e = kvorum_core::FieldErrors::default();
                    e.push("name", "Vælg et medlem, eller skriv kandidatens navn.");
                    return Err(ApiError::validation(e));
                }
                let (ok, reason) = eligibility(before.kind, None, &rules.board);
                (n, ok, reason)
            }
        };
        let mut after = before.clone();
        after.candidates.push(Candidate {
            id: CandidateId::new(),
            member: input.member,
            name,
            proposed_by: input.proposed_by.trim().to_owned(),
            accepts: input.accepts,
            eligible,
            reason,
            standing_again: false,
        });
        after
            .candidates
            .sort_by_key(|c| kvorum_core::members::danish_collate(&c.name));
        self.save_election(&before, after).await
    }

    /// Records whether a candidate accepts (a sitting member standing again accepts here).
    pub async fn candidate_accept(&self, input: CandidateAccept) -> ApiResult<ElectionView> {
        let before = self.election_row(input.election).await?;
        Self::not_applied(&before)?;
        if before.method != Method::Pending {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Afstemningen er begyndt.",
            ));
        }
        let mut after = before.clone();
        let c = after
            .candidates
            .iter_mut()
            .find(|c| c.id == input.candidate)
            .ok_or_else(|| ApiError::not_found("Kandidaten"))?;
        c.accepts = input.accepts;
        self.save_election(&before, after).await
    }

    /// Fredsvalg: everyone standing is elected without a vote.
    pub async fn election_uncontested(&self, id: ElectionId) -> ApiResult<ElectionView> {
        let before = self.election_row(id).await?;
        Self::not_applied(&before)?;
        if !uncontested(&before.candidates, before.places()) {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Der er flere kandidater end pladser: valget skal afgøres ved skriftlig afstemning (kampvalg).",
            ));
        }
        let mut after = before.clone();
        after.method = Method::Uncontested;
        after.present_with_vote = self.votes_in_room(before.meeting_id).await?;
        self.save_election(&before, after).await
    }

    /// Starts the written ballot (always when contested; on request when the bylaws allow it).
    pub async fn election_start_ballot(&self, id: ElectionId) -> ApiResult<ElectionView> {
        let before = self.election_row(id).await?;
        Self::not_applied(&before)?;
        let m = self.store.meeting(before.meeting_id).await?;
        let rules = self.rules_on(m.date).await?;
        if uncontested(&before.candidates, before.places())
            && !rules.election.written_ballot_on_request
        {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Vedtægterne giver ikke mulighed for skriftlig afstemning ved fredsvalg.",
            ));
        }
        if before.method != Method::Pending {
            return self.view(before).await;
        }
        let mut after = before.clone();
        after.method = Method::Ballots;
        after.present_with_vote = self.votes_in_room(before.meeting_id).await?;
        self.save_election(&before, after).await
    }

    /// Enters one ballot as the counters read it. Kvorum keeps every ballot.
    pub async fn ballot_enter(&self, input: BallotInput) -> ApiResult<ElectionView> {
        let e = self.election_row(input.election).await?;
        Self::not_applied(&e)?;
        self.minutes_open(e.meeting_id).await?;
        if e.method != Method::Ballots {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Start den skriftlige afstemning, før stemmesedlerne tastes ind.",
            ));
        }
        let mut tx = self.begin().await?;
        let n = tx.ballot_count(e.id).await?;
        let room = i64::from(e.present_with_vote);
        if n >= room {
            return Err(ApiError::new(
                ErrorCode::Validation,
                format!("Der er allerede tastet {n} stemmesedler, og der var {room} stemmer i salen. Tjek optællingen."),
            ));
        }
        tx.insert_ballot(
            e.id,
            n + 1,
            &BallotEntry {
                marks: input.marks,
                marked_invalid: input.marked_invalid,
            },
        )
        .await?;
        tx.commit().await?;
        self.view(e).await
    }

    /// Takes back the last ballot entered.
    pub async fn ballot_undo(&self, id: ElectionId) -> ApiResult<ElectionView> {
        let e = self.election_row(id).await?;
        Self::not_applied(&e)?;
        self.minutes_open(e.meeting_id).await?;
        let mut tx = self.begin().await?;
        tx.delete_last_ballot(e.id).await?;
        tx.commit().await?;
        self.view(e).await
    }

    /// The totals, when the counters counted on paper.
    pub async fn election_totals(&self, input: TotalsInput) -> ApiResult<ElectionView> {
        let before = self.election_row(input.election).await?;
        Self::not_applied(&before)?;
        let standing: Vec<CandidateId> = before
            .candidates
            .iter()
            .filter(|c| c.eligible && c.accepts)
            .map(|c| c.id)
            .collect();
        if input.votes.iter().any(|v| !standing.contains(&v.candidate)) {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Der er stemmer til en, der ikke er kandidat.",
            ));
        }
        let room = self.votes_in_room(before.meeting_id).await?;
        let sum: u32 = input.votes.iter().map(|v| v.votes).sum();
        let most = input.votes.iter().map(|v| v.votes).max().unwrap_or(0);
        let valid_min = if before.max_marks == 0 {
            0
        } else {
            sum.div_ceil(before.max_marks)
        };
        let least = most.max(valid_min);
        let valid = input.valid.unwrap_or(least);
        if valid < least {
            return Err(ApiError::new(
                ErrorCode::Validation,
                format!(
                    "{valid} gyldige stemmesedler kan ikke give de stemmer: med højst {} krydser pr. seddel kræver de mindst {least}. Tjek optællingen.",
                    before.max_marks
                ),
            ));
        }
        if valid + input.blank + input.invalid > room {
            return Err(ApiError::new(
                ErrorCode::Validation,
                format!("Tallene kræver mindst {} stemmesedler, men der var kun {room} stemmer i salen.", valid + input.blank + input.invalid),
            ));
        }
        let mut after = before.clone();
        after.method = Method::Totals;
        after.present_with_vote = room;
        after.totals = Some(Tally {
            cast: valid + input.blank + input.invalid,
            valid,
            blank: input.blank,
            invalid: input.invalid,
            votes: standing
                .iter()
                .map(|c| CandidateVotes {
                    candidate: *c,
                    votes: input
                        .votes
                        .iter()
                        .find(|v| v.candidate == *c)
                        .map_or(0, |v| v.votes),
                })
                .collect(),
        });
        self.save_election(&before, after).await
    }

    /// Settles the pending tie by lot: Kvorum draws with the operating system's secure random
    /// source, or the dirigent's hand-drawn order is recorded; the witnesses are recorded too.
    pub async fn election_draw_lot(&self, input: DrawInput) -> ApiResult<ElectionView> {
        let before = self.election_row(input.election).await?;
        Self::not_applied(&before)?;
        let view = self.view(before.clone()).await?;
        let Some(tie) = view.ranking.and_then(|r| r.pending) else {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Der er ingen stemmelighed at afgøre.",
            ));
        };
        let m = self.store.meeting(before.meeting_id).await?;
        let rules = self.rules_on(m.date).await?;
        if tie.what == kvorum_core::elections::NO_MAJORITY {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Ingen fik absolut flertal: der skal stemmes igen mellem de to med flest stemmer (omvalg), ikke trækkes lod.",
            ));
        }
        if rules.election.ties == kvorum_core::rules::TieRule::RunOff && before.runoff_of.is_none()
        {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Vedtægterne afgør stemmelighed ved omvalg mellem de lige: start et omvalg.",
            ));
        }
        let by_hand = !input.by_hand.is_empty();
        let order = if by_hand {
            let mut a = input.by_hand.clone();
            let mut b = tie.candidates.clone();
            a.sort();
            b.sort();
            if a != b {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    "Lodtrækningens rækkefølge skal nævne netop de kandidater, der står lige.",
                ));
            }
            input.by_hand
        } else {
            let mut failed = None;
            let order = shuffle(&tie.candidates, || {
                getrandom::u32().unwrap_or_else(|e| {
                    failed = Some(e);
                    0
                })
            });
            if let Some(e) = failed {
                return Err(ApiError::new(
                    ErrorCode::Internal,
                    format!("Computeren kunne ikke levere et sikkert tilfældigt tal ({e}). Træk lod i hånden."),
                ));
            }
            order
        };
        let mut after = before.clone();
        after.draws.push(LotDraw {
            tied: tie.candidates,
            order,
            by_hand,
            witnesses: input
                .witnesses
                .into_iter()
                .map(|w| w.trim().to_owned())
                .filter(|w| !w.is_empty())
                .collect(),
            run_off: false,
        });
        self.save_election(&before, after).await
    }

    /// A second round between the tied (or, for a position, the top two): a new written
    /// ballot whose order settles the first round.
    pub async fn election_runoff(&self, id: ElectionId) -> ApiResult<ElectionView> {
        let before = self.election_row(id).await?;
        Self::not_applied(&before)?;
        self.minutes_open(before.meeting_id).await?;
        let view = self.view(before.clone()).await?;
        let Some(tie) = view.ranking.and_then(|r| r.pending) else {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Der er intet at stemme om igen.",
            ));
        };
        let m = self.store.meeting(before.meeting_id).await?;
        let rules = self.rules_on(m.date).await?;
        let majority = tie.what == kvorum_core::elections::NO_MAJORITY;
        if !majority && rules.election.ties != kvorum_core::rules::TieRule::RunOff {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Vedtægterne afgør stemmelighed ved lodtrækning, ikke omvalg.",
            ));
        }
        let places = before.seats + before.alternates;
        let n = u32::try_from(tie.candidates.len()).unwrap_or(1);
        let seats = if majority {
            1
        } else {
            (places.min(tie.last_place) + 1)
                .saturating_sub(tie.first_place)
                .clamp(1, n.saturating_sub(1).max(1))
        };
        let e = Election {
            id: ElectionId::new(),
            meeting_id: before.meeting_id,
            item_id: before.item_id,
            kind: before.kind,
            seats,
            alternates: 0,
            max_marks: seats,
            candidates: before
                .candidates
                .iter()
                .filter(|c| tie.candidates.contains(&c.id))
                .cloned()
                .collect(),
            method: Method::Ballots,
            totals: None,
            draws: vec![],
            present_with_vote: self.votes_in_room(before.meeting_id).await?,
            applied: false,
            position: before.position,
            runoff_of: Some(before.id),
            version: 1,
        };
        let mut tx = self.begin().await?;
        tx.insert_election(&e).await?;
        tx.commit().await?;
        self.view(e).await
    }

    /// A decided run-off settles its first round: the order it gave is recorded there.
    async fn settle_from_runoff(&self, runoff: &Election, r: &Ranking) -> ApiResult<ElectionView> {
        let parent_id = runoff.runoff_of.ok_or_else(|| ApiError::not_found(WHAT))?;
        let parent = self.election_row(parent_id).await?;
        let mut after = parent.clone();
        after.draws.push(LotDraw {
            tied: runoff.candidates.iter().map(|c| c.id).collect(),
            order: r.ranked.iter().map(|x| x.candidate).collect(),
            by_hand: false,
            witnesses: vec![],
            run_off: true,
        });
        let mut done = runoff.clone();
        done.applied = true;
        done.version += 1;
        let mut tx = self.begin().await?;
        tx.update_election(runoff, &done)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        tx.commit().await?;
        self.save_election(&parent, after).await
    }

    /// Writes the result into the board register: new terms from this assembly, and the
    /// terms that ran out end on its date. Done at once on request, else on approval of the minutes.
    pub async fn election_apply(&self, id: ElectionId) -> ApiResult<ElectionView> {
        let before = self.election_row(id).await?;
        Self::not_applied(&before)?;
        let view = self.view(before.clone()).await?;
        let Some(r) = view.ranking.filter(|r| r.pending.is_none()) else {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Valget er ikke afgjort endnu (afstemning eller lodtrækning mangler).",
            ));
        };
        if before.runoff_of.is_some() {
            return self.settle_from_runoff(&before, &r).await;
        }
        let m = self.store.meeting(before.meeting_id).await?;
        let rules = self.rules_on(m.date).await?;
        let terms = self.store.board_terms().await?;
        let year = m.date.year();
        let seat = before.kind.seat();
        if before.kind == ElectionKind::Position {
            return self.apply_position(before, &r, &terms, &m, &rules).await;
        }
        let mut tx = self.begin().await?;
        // Terms of this kind that run out at this assembly (or ran out earlier) end on its date.
        for t in terms.iter().filter(|t| {
            t.kind == seat && t.active_on(m.date) && t.expires_year.is_some_and(|y| y <= year)
        }) {
            tx.update_term(t, &t.ended(m.date, "valgperioden udløb"))
                .await
                .map_err(|e| ApiError::from_store(e, "Bestyrelsesregistret"))?;
        }
        // Same-vote alternates replace the alternates; earlier ones end.
        if !r.alternates.is_empty() && before.kind == ElectionKind::Board {
            for t in terms
                .iter()
                .filter(|t| t.kind == SeatKind::Alternate && t.active_on(m.date))
            {
                tx.update_term(t, &t.ended(m.date, "nye suppleanter valgt"))
                    .await
                    .map_err(|e| ApiError::from_store(e, "Bestyrelsesregistret"))?;
            }
        }
        let cand = |c: &CandidateId| before.candidates.iter().find(|x| x.id == *c);
        let mut assigned = Vec::new();
        let ranked_alternates = before.kind == ElectionKind::Alternates;
        for (i, c) in r.elected.iter().enumerate() {
            let Some(c) = cand(c) else { continue };
            let expires = term_expiry(&terms, seat, m.date, &assigned, &rules);
            assigned.push(expires);
            let rank = ranked_alternates.then(|| u32::try_from(i + 1).unwrap_or(0));
            tx.insert_term(&elected_term(seat, c, &m, expires, rank))
                .await?;
        }
        for (i, c) in r.alternates.iter().enumerate() {
            let Some(c) = cand(c) else { continue };
            let years = i32::try_from(rules.board.alternate_term_years.max(1)).unwrap_or(1);
            let rank = Some(u32::try_from(i + 1).unwrap_or(0));
            tx.insert_term(&elected_term(
                SeatKind::Alternate,
                c,
                &m,
                year + years,
                rank,
            ))
            .await?;
        }
        self.finish_apply(tx, &before).await
    }

    /// Marks the election applied, in the transaction that wrote the register, and commits.
    async fn finish_apply(
        &self,
        mut tx: kvorum_store::StoreTx,
        before: &Election,
    ) -> ApiResult<ElectionView> {
        let after = Election {
            applied: true,
            version: before.version + 1,
            ..before.clone()
        };
        tx.update_election(before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        tx.commit().await?;
        self.view(after).await
    }

    /// A position elected directly: the holder's board term gets the position from the
    /// assembly's date (a new board term if they do not sit already).
    async fn apply_position(
        &self,
        before: Election,
        r: &Ranking,
        terms: &[Term],
        m: &kvorum_core::meetings::Meeting,
        rules: &kvorum_core::rules::RuleSettings,
    ) -> ApiResult<ElectionView> {
        let position = before.position.unwrap_or(Position::Chair);
        let Some(winner) = r
            .elected
            .first()
            .and_then(|c| before.candidates.iter().find(|x| x.id == *c))
        else {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Ingen er valgt endnu.",
            ));
        };
        let mut tx = self.begin().await?;
        let sitting = terms.iter().find(|t| {
            t.kind == SeatKind::Board
                && t.member.is_some()
                && t.member == winner.member
                && t.active_on(m.date)
                && t.expires_year.is_some_and(|y| y > m.date.year())
        });
        match sitting {
            Some(t) => {
                let mut after = t.clone();
                after.positions.push(PositionEntry {
                    position,
                    from: m.date,
                });
                after.version += 1;
                tx.update_term(t, &after)
                    .await
                    .map_err(|e| ApiError::from_store(e, "Bestyrelsesregistret"))?;
            }
            None => {
                let expires = term_expiry(terms, SeatKind::Board, m.date, &[], rules);
                let mut t = elected_term(SeatKind::Board, winner, m, expires, None);
                t.positions.push(PositionEntry {
                    position,
                    from: m.date,
                });
                tx.insert_term(&t).await?;
            }
        }
        self.finish_apply(tx, &before).await
    }

    /// The election paragraphs of a meeting, per agenda item, for the minutes draft.
    pub(crate) async fn election_paragraphs(
        &self,
        meeting: MeetingId,
    ) -> ApiResult<Vec<(AgendaItemId, String)>> {
        let mut out = Vec::new();
        for e in self.store.elections(Some(meeting)).await? {
            let item = e.item_id;
            let v = self.view(e).await?;
            if !v.paragraph.is_empty() {
                out.push((item, v.paragraph));
            }
        }
        Ok(out)
    }

    /// The title of an election at the meeting that was held but is not decided yet.
    pub(crate) async fn undecided_election(&self, meeting: MeetingId) -> ApiResult<Option<String>> {
        for e in self.store.elections(Some(meeting)).await? {
            if e.applied || e.method == Method::Pending {
                continue;
            }
            let v = self.view(e).await?;
            if v.ranking.as_ref().is_none_or(|r| r.pending.is_some()) {
                return Ok(Some(v.title));
            }
        }
        Ok(None)
    }

    /// Applies every decided, not yet applied election of a meeting (on approval of the minutes).
    pub(crate) async fn apply_decided_elections(&self, meeting: MeetingId) -> ApiResult<()> {
        for e in self.store.elections(Some(meeting)).await? {
            if e.applied {
                continue;
            }
            let v = self.view(e.clone()).await?;
            if v.ranking.is_some_and(|r| r.pending.is_none()) {
                self.election_apply(e.id).await?;
            }
        }
        Ok(())
    }
}
