//! The result written into the board register.

use super::*;

impl Api {
    /// Writes the result into the board register: new terms from this assembly, and the
    /// terms that ran out end on its date. Done at once on request, else on approval of the minutes.
    pub async fn election_apply(&self, id: ElectionId) -> ApiResult<ElectionView> {
        let before = self.election_row(id).await?;
        Self::not_applied(&before)?;
        let view = self.view(before.clone()).await?;
        let Some(r) = view.ranking.filter(|r| r.pending.is_none()) else {
            return Err(ApiError::refused(Text::new("election-undecided")));
        };
        if before.runoff_of.is_some() {
            return self.settle_from_runoff(&before, &r).await;
        }
        let m = self.store.meeting(before.meeting_id).await?;
        let rules = self.rules_on(m.date).await?;
        let terms = self.store.board_terms().await?;
        if before.kind == ElectionKind::Position {
            return self.apply_position(before, &r, &terms, &m, &rules).await;
        }
        let change = register_changes(&before, &r, &terms, &m, &rules);
        let mut tx = self.begin().await?;
        for (was, now) in &change.ended {
            tx.update_term(was, now)
                .await
                .map_err(|e| ApiError::from_store(e, "Bestyrelsesregistret"))?;
        }
        for t in &change.new_terms {
            tx.insert_term(t).await?;
        }
        self.finish_apply(tx, &before).await
    }

    /// Marks the election applied, in the transaction that wrote the register, and commits.
    pub(crate) async fn finish_apply(
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
    pub(crate) async fn apply_position(
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
            return Err(ApiError::refused(Text::new("election-nobody-elected")));
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
