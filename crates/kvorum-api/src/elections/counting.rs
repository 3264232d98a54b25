//! The counting desk: ballots one by one or totals, the lot, the run-off.

use super::*;

impl Api {
    /// Enters one ballot as the counters read it. Kvorum keeps every ballot.
    pub async fn ballot_enter(&self, input: BallotInput) -> ApiResult<ElectionView> {
        let e = self.election_row(input.election).await?;
        Self::not_applied(&e)?;
        self.minutes_open(e.meeting_id).await?;
        if e.method != Method::Ballots {
            return Err(ApiError::refused(Text::new("election-start-first")));
        }
        let mut tx = self.begin().await?;
        let n = tx.ballot_count(e.id).await?;
        let room = i64::from(e.present_with_vote);
        if n >= room {
            return Err(ApiError::refused(format!("Der er allerede tastet {n} stemmesedler, og der var {room} stemmer i salen. Tjek optællingen."),
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
            return Err(ApiError::refused(Text::new("election-votes-for-stranger")));
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
            return Err(ApiError::refused(format!(
                    "{valid} gyldige stemmesedler kan ikke give de stemmer: med højst {} krydser pr. seddel kræver de mindst {least}. Tjek optællingen.",
                    before.max_marks
                ),
            ));
        }
        if valid + input.blank + input.invalid > room {
            return Err(ApiError::refused(format!(
                "Tallene kræver mindst {} stemmesedler, men der var kun {room} stemmer i salen.",
                valid + input.blank + input.invalid
            )));
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
            return Err(ApiError::refused(Text::new("election-no-tie")));
        };
        let m = self.store.meeting(before.meeting_id).await?;
        let rules = self.rules_on(m.date).await?;
        if tie.what == kvorum_core::elections::NO_MAJORITY {
            return Err(ApiError::refused(Text::new("election-needs-second-round")));
        }
        if rules.election.ties == kvorum_core::rules::TieRule::RunOff && before.runoff_of.is_none()
        {
            return Err(ApiError::refused(Text::new("election-ties-by-runoff")));
        }
        let by_hand = !input.by_hand.is_empty();
        let order = if by_hand {
            let mut a = input.by_hand.clone();
            let mut b = tie.candidates.clone();
            a.sort();
            b.sort();
            if a != b {
                return Err(ApiError::refused(Text::new("election-draw-order")));
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
            return Err(ApiError::refused(Text::new("election-nothing-to-rerun")));
        };
        let m = self.store.meeting(before.meeting_id).await?;
        let rules = self.rules_on(m.date).await?;
        let majority = tie.what == kvorum_core::elections::NO_MAJORITY;
        if !majority && rules.election.ties != kvorum_core::rules::TieRule::RunOff {
            return Err(ApiError::refused(Text::new("election-ties-by-lot")));
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
    pub(crate) async fn settle_from_runoff(
        &self,
        runoff: &Election,
        r: &Ranking,
    ) -> ApiResult<ElectionView> {
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
}
