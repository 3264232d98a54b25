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
                    Text::new("election-no-random").str("cause", e.to_string()),
                ));
            }
            order
        };
        let mut after = before.clone();
        after.draws.push(LotDraw {
            tied: tie.candidates.clone(),
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
