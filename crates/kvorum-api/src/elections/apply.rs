//! The result written into the board register.

use super::*;

impl Api {
    /// Writes the result into the board register: new terms from this assembly, and the
    /// terms that ran out end on its date. Done at once on request, else on approval of the minutes.
    pub async fn election_apply(&self, id: ElectionId) -> ApiResult<ElectionView> {
        let (mut tx, before) = self.begin_election(id).await?;
        let after = self.apply_election_in(&mut tx, &before).await?;
        tx.commit().await?;
        self.view(after).await
    }

    /// The same inside `tx`: decides the register's change from the result as `tx` sees it
    /// and writes it, with the election marked applied; returns the election to show. A
    /// decided run-off settles its first round instead, and that round is returned.
    pub(crate) async fn apply_election_in(
        &self,
        tx: &mut StoreTx,
        before: &Election,
    ) -> ApiResult<Election> {
        let (ranking, rules, m) = self.count_in(tx, before).await?;
        let Some(r) = ranking.filter(|r| r.pending.is_none()) else {
            return Err(ApiError::refused(Text::new("election-undecided")));
        };
        if before.runoff_of.is_some() {
            return self.settle_from_runoff_in(tx, before, &r).await;
        }
        let terms = tx.board_terms().await?;
        if terms_choice(before, &r, &terms, &m, &rules).is_some_and(|c| !c.decided) {
            return Err(ApiError::refused(Text::new("election-terms-undecided")));
        }
        let change = if before.kind == ElectionKind::Position {
            position_changes(before, &r, &terms, &m, &rules)
                .ok_or_else(|| ApiError::refused(Text::new("election-nobody-elected")))?
        } else {
            register_changes(before, &r, &terms, &m, &rules)
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
            version: before.version + 1,
            ..before.clone()
        };
        tx.update_election(before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        Ok(after)
    }

    /// Applies every decided, not yet applied election of a meeting, inside the transaction
    /// that approves its minutes.
    pub(crate) async fn apply_decided_elections_in(
        &self,
        tx: &mut StoreTx,
        meeting: MeetingId,
    ) -> ApiResult<()> {
        for e in tx.elections(Some(meeting)).await? {
            if e.applied {
                continue;
            }
            let (ranking, _, _) = self.count_in(tx, &e).await?;
            // Decided, and — for a position elected directly — someone was elected: a chair
            // election nobody stood for leaves the register as it is and the minutes
            // approvable.
            let decided = ranking.is_some_and(|r| {
                r.pending.is_none() && (e.kind != ElectionKind::Position || !r.elected.is_empty())
            });
            if decided {
                // A run-off applied just before may have changed its first round: read it again.
                let fresh = election_in(&mut tx.reader(), e.id).await?;
                if !fresh.applied {
                    self.apply_election_in(tx, &fresh).await?;
                }
            }
        }
        Ok(())
    }
}
