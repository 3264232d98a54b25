//! Candidates, fredsvalg, and the start of a written ballot.

use super::*;

impl Api {
    /// Adds a candidate; a member is checked against the bylaws' eligibility.
    pub async fn candidate_add(&self, input: CandidateInput) -> ApiResult<ElectionView> {
        let (mut tx, before) = self.begin_election_change(input.election).await?;
        if before.method != Method::Pending {
            return Err(ApiError::refused(Text::new(
                "election-closed-to-candidates",
            )));
        }
        let (_, rules, m) = self.count_in(&mut tx, &before).await?;
        let (name, eligible, reason) = match input.member {
            Some(id) => {
                if before.candidates.iter().any(|c| c.member == Some(id)) {
                    return Err(ApiError::new(
                        ErrorCode::Duplicate,
                        Text::new("election-already-candidate"),
                    ));
                }
                let (ok, reason) = self
                    .member_eligibility_in(&mut tx.reader(), before.kind, id, m.date, &rules)
                    .await?;
                let member = tx
                    .member(id)
                    .await
                    .map_err(|e| ApiError::from_store(e, "Medlemmet"))?;
                (member.name, ok, reason)
            }
            None => {
                let n = input.name.clone().unwrap_or_default().trim().to_owned();
                if n.is_empty() {
                    return Err(ApiError::validation(kvorum_core::FieldErrors::one(
                        "name",
                        Text::new("candidate-name-missing"),
                    )));
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
        self.save_election(tx, &before, after).await
    }

    /// Records whether a candidate accepts (a sitting member standing again accepts here).
    pub async fn candidate_accept(&self, input: CandidateAccept) -> ApiResult<ElectionView> {
        let (mut tx, before) = self.begin_election_change(input.election).await?;
        if before.method != Method::Pending {
            return Err(ApiError::refused(Text::new("election-begun")));
        }
        let mut after = before.clone();
        self.check_eligibility_in(&mut tx, &mut after).await?;
        let c = after
            .candidates
            .iter_mut()
            .find(|c| c.id == input.candidate)
            .ok_or_else(|| ApiError::not_found("Kandidaten"))?;
        c.accepts = input.accepts;
        self.save_election(tx, &before, after).await
    }

    /// Fredsvalg: everyone standing is elected without a vote.
    pub async fn election_uncontested(&self, id: ElectionId) -> ApiResult<ElectionView> {
        let (mut tx, before) = self.begin_election_change(id).await?;
        let mut after = before.clone();
        self.check_eligibility_in(&mut tx, &mut after).await?;
        if !uncontested(&after.candidates, after.places()) {
            return Err(ApiError::refused(Text::new("election-contested")));
        }
        after.method = Method::Uncontested;
        after.present_with_vote = votes_in_room_in(&mut tx.reader(), before.meeting_id).await?;
        self.save_election(tx, &before, after).await
    }

    /// Starts the written ballot (always when contested; on request when the bylaws allow it).
    pub async fn election_start_ballot(&self, id: ElectionId) -> ApiResult<ElectionView> {
        let (mut tx, before) = self.begin_election_change(id).await?;
        let after = self.start_ballot_in(&mut tx, &before).await?;
        tx.commit().await?;
        self.view(after).await
    }

    /// Starts the written ballot inside `tx` (nothing to do once it has started): the
    /// election as it then is. A ballot entered into a pending election starts it in the
    /// same transaction, so a refused ballot leaves the election as it was.
    pub(crate) async fn start_ballot_in(
        &self,
        tx: &mut StoreTx,
        before: &Election,
    ) -> ApiResult<Election> {
        if before.method != Method::Pending {
            return Ok(before.clone());
        }
        let (_, rules, _) = self.count_in(tx, before).await?;
        let mut after = before.clone();
        self.check_eligibility_in(tx, &mut after).await?;
        if uncontested(&after.candidates, after.places())
            && !rules.election.written_ballot_on_request
        {
            return Err(ApiError::refused(Text::new(
                "election-no-ballot-on-request",
            )));
        }
        after.method = Method::Ballots;
        after.present_with_vote = votes_in_room_in(&mut tx.reader(), before.meeting_id).await?;
        after.version = before.version + 1;
        tx.update_election(before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        Ok(after)
    }
}

impl Api {
    /// Whether member `id` may be elected in an election of `kind` at the assembly on
    /// `date`: the bylaws' one rule, for a sitting member standing again as for a new
    /// candidate.
    async fn member_eligibility_in(
        &self,
        db: &mut Reader<'_>,
        kind: ElectionKind,
        id: MemberId,
        date: chrono::NaiveDate,
        rules: &RuleSettings,
    ) -> ApiResult<(bool, Option<String>)> {
        let v = self.voting_right_in(db, id, date, rules).await?;
        Ok(eligibility(kind, Some(&v), &rules.board))
    }

    /// Checks every member candidate of `e` again, as things stand on the assembly's
    /// `date` (a fee paid since the candidate was put up makes them eligible; a sitting
    /// member in arrears is not).
    pub(crate) async fn recheck_eligibility(
        &self,
        db: &mut Reader<'_>,
        e: &mut Election,
        date: chrono::NaiveDate,
        rules: &RuleSettings,
    ) -> ApiResult<()> {
        for c in e.candidates.iter_mut() {
            if let Some(id) = c.member {
                let (ok, reason) = self
                    .member_eligibility_in(db, e.kind, id, date, rules)
                    .await?;
                c.eligible = ok;
                c.reason = reason;
            }
        }
        Ok(())
    }

    /// The same inside the election's transaction.
    pub(crate) async fn check_eligibility_in(
        &self,
        tx: &mut StoreTx,
        e: &mut Election,
    ) -> ApiResult<()> {
        let (_, rules, m) = self.count_in(tx, e).await?;
        self.recheck_eligibility(&mut tx.reader(), e, m.date, &rules)
            .await
    }
}
