//! The counting desk: ballots one by one or totals, the lot, the run-off. Each use case loads
//! the election in its transaction, lets `kvorum_core::election_count` decide, and writes.

use super::*;

impl Api {
    /// Enters one ballot as the counters read it. Kvorum keeps every ballot.
    pub async fn ballot_enter(&self, input: BallotInput) -> ApiResult<ElectionView> {
        let (mut tx, e) = self.begin_election_change(input.election).await?;
        let e = self.start_ballot_in(&mut tx, &e).await?;
        let entered = tx.ballot_count(e.id).await?;
        election_count::may_enter_ballot(&e, entered).map_err(count_refused)?;
        tx.insert_ballot(
            e.id,
            entered + 1,
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
        let (mut tx, e) = self.begin_election_change(id).await?;
        tx.delete_last_ballot(e.id).await?;
        tx.commit().await?;
        self.view(e).await
    }

    /// The totals, when the counters counted on paper.
    pub async fn election_totals(&self, input: TotalsInput) -> ApiResult<ElectionView> {
        let (mut tx, before) = self.begin_election_change(input.election).await?;
        let room = votes_in_room_in(&mut tx.reader(), before.meeting_id).await?;
        let tally = election_count::paper_totals(
            &before,
            &input.votes,
            input.valid,
            input.blank,
            input.invalid,
            room,
        )
        .map_err(count_refused)?;
        let mut after = before.clone();
        after.method = Method::Totals;
        after.present_with_vote = room;
        after.totals = Some(tally);
        self.save_election(tx, &before, after).await
    }

    /// Settles the pending tie by lot: Kvorum draws with the operating system's secure random
    /// source, or the dirigent's hand-drawn order is recorded; the witnesses are recorded too.
    pub async fn election_draw_lot(&self, input: DrawInput) -> ApiResult<ElectionView> {
        let (mut tx, before) = self.begin_election_change(input.election).await?;
        let (ranking, rules, _) = self.count_in(&mut tx, &before).await?;
        let pending = ranking.and_then(|r| r.pending);
        let tie = election_count::may_draw_lot(&before, pending.as_ref(), rules.election.ties)
            .map_err(count_refused)?;
        let by_hand = !input.by_hand.is_empty();
        let order = if by_hand {
            election_count::hand_drawn_order(tie, &input.by_hand).map_err(count_refused)?
        } else {
            drawn(&tie.candidates)?
        };
        let mut after = before.clone();
        after.draws.push(LotDraw {
            tied: tie.candidates.clone(),
            order,
            by_hand,
            witnesses: named(input.witnesses),
            run_off: false,
            agreed: false,
        });
        self.save_election(tx, &before, after).await
    }

    /// Fredsvalg to staggered seats: records who takes the long terms — by the elected's
    /// agreement, as the dirigent drew them, or by Kvorum's lot — as a draw over all the
    /// elected, replacing an earlier one (until the result is in the register).
    pub async fn election_terms(&self, input: TermsInput) -> ApiResult<ElectionView> {
        let (mut tx, before) = self.begin_election_change(input.election).await?;
        let (ranking, rules, m) = self.count_in(&mut tx, &before).await?;
        let mut plain = before.clone();
        let elected = ranking.map(|r| r.elected).unwrap_or_default();
        plain.draws.retain(|d| !d.over(&elected));
        let (_, ranking) = result_so_far(&plain, &tx.ballots(before.id).await?);
        let terms = tx.board_terms().await?;
        let (Some(r), Some(choice)) = (
            ranking.as_ref(),
            ranking
                .as_ref()
                .and_then(|r| terms_choice(&plain, r, &terms, &m, &rules)),
        ) else {
            return Err(ApiError::refused(Text::new("election-terms-not-needed")));
        };
        let order = if input.long.is_empty() {
            drawn(&r.elected)?
        } else {
            let want = usize::try_from(choice.long).unwrap_or(usize::MAX);
            let mut long: Vec<CandidateId> = Vec::new();
            for c in &input.long {
                if r.elected.contains(c) && !long.contains(c) {
                    long.push(*c);
                }
            }
            if long.len() != want {
                return Err(ApiError::validation(kvorum_core::FieldErrors::one(
                    "long",
                    Text::new("election-terms-count")
                        .num("n", choice.long)
                        .num("years", choice.long_years),
                )));
            }
            long.iter()
                .copied()
                .chain(r.elected.iter().copied().filter(|c| !long.contains(c)))
                .collect()
        };
        let mut after = plain;
        after.draws.push(LotDraw {
            tied: r.elected.clone(),
            order,
            by_hand: !input.long.is_empty() && !input.agreed,
            witnesses: named(input.witnesses),
            run_off: false,
            agreed: !input.long.is_empty() && input.agreed,
        });
        self.save_election(tx, &before, after).await
    }

    /// A second round between the tied (or, for a position, the top two): a new written
    /// ballot whose order settles the first round.
    pub async fn election_runoff(&self, id: ElectionId) -> ApiResult<ElectionView> {
        let (mut tx, before) = self.begin_election_change(id).await?;
        let (ranking, rules, _) = self.count_in(&mut tx, &before).await?;
        let room = votes_in_room_in(&mut tx.reader(), before.meeting_id).await?;
        let pending = ranking.and_then(|r| r.pending);
        let e = election_count::runoff(&before, pending.as_ref(), rules.election.ties, room)
            .map_err(count_refused)?;
        tx.insert_election(&e).await?;
        tx.commit().await?;
        self.view(e).await
    }

    /// A decided run-off settles its first round: the order it gave is recorded there, and
    /// the run-off is done; both in `tx`. Returns the first round, settled.
    pub(crate) async fn settle_from_runoff_in(
        &self,
        tx: &mut StoreTx,
        runoff: &Election,
        r: &Ranking,
    ) -> ApiResult<Election> {
        let parent_id = runoff.runoff_of.ok_or_else(|| ApiError::not_found(WHAT))?;
        let parent = election_in(&mut tx.reader(), parent_id).await?;
        let mut after = parent.clone();
        after.draws.push(LotDraw {
            tied: runoff.candidates.iter().map(|c| c.id).collect(),
            order: r.ranked.iter().map(|x| x.candidate).collect(),
            by_hand: false,
            witnesses: vec![],
            run_off: true,
            agreed: false,
        });
        after.version = parent.version + 1;
        tx.update_election(&parent, &after)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        let mut done = runoff.clone();
        done.applied = true;
        done.version += 1;
        tx.update_election(runoff, &done)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        Ok(after)
    }
}

/// `ids` in an order drawn by lot with the system's secure random source.
fn drawn(ids: &[CandidateId]) -> ApiResult<Vec<CandidateId>> {
    let mut failed = None;
    let order = shuffle(ids, || {
        getrandom::u32().unwrap_or_else(|e| {
            failed = Some(e);
            0
        })
    });
    match failed {
        Some(e) => Err(ApiError::new(
            ErrorCode::Internal,
            Text::new("election-no-random").str("cause", e.to_string()),
        )),
        None => Ok(order),
    }
}

/// The witnesses as typed, without blanks.
fn named(witnesses: Vec<String>) -> Vec<String> {
    witnesses
        .into_iter()
        .map(|w| w.trim().to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}
