//! The result written into the board register.

use super::*;

impl Api {
    /// Writes the result into the board register: new terms from this assembly, and the
    /// terms that ran out end on its date. Done at once on request, else on approval of the minutes.
    pub async fn election_apply(&self, id: ElectionId) -> ApiResult<ElectionView> {
        let (mut tx, before) = self.begin_election(id).await?;
        let (ranking, rules, m) = self.count_in(&mut tx, &before).await?;
        let Some(r) = ranking.filter(|r| r.pending.is_none()) else {
            return Err(ApiError::refused(Text::new("election-undecided")));
        };
        if before.runoff_of.is_some() {
            return self.settle_from_runoff(tx, &before, &r).await;
        }
        let terms = tx.board_terms().await?;
        let change = if before.kind == ElectionKind::Position {
            position_changes(&before, &r, &terms, &m, &rules)
                .ok_or_else(|| ApiError::refused(Text::new("election-nobody-elected")))?
        } else {
            register_changes(&before, &r, &terms, &m, &rules)
        };
        for (was, now) in &change.ended {
            tx.update_term(was, now)
                .await
                .map_err(|e| ApiError::from_store(e, "Bestyrelsesregistret"))?;
        }
        for t in &change.new_terms {
            tx.insert_term(t).await?;
        }
        let after = Election {
            applied: true,
            ..before.clone()
        };
        self.save_election(tx, &before, after).await
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
