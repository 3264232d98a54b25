//! Proposals received for a meeting.

use super::*;

impl Api {
    /// Registers a proposal received for a meeting; numbered in received order.
    pub async fn proposal_add(&self, input: ProposalInput) -> ApiResult<ProposalView> {
        let (mut tx, meeting) = self.begin_meeting_change(input.meeting_id).await?;
        let rules = self.rules_in(&mut tx.reader(), meeting.date).await?;
        validate_proposal(&input, &rules).map_err(ApiError::validation)?;
        let submitter_name = submitter_name(&mut tx.reader(), input.submitter).await?;
        let number = tx.next_proposal_number(meeting.id).await?;
        let p = Proposal {
            id: ProposalId::new(),
            meeting_id: meeting.id,
            number,
            submitter: input.submitter,
            submitter_name,
            received_on: input.received_on,
            kind: input.kind,
            title: input.title.trim().to_owned(),
            text: input.text.trim().to_owned(),
            amendment: input.amendment.map(clean_amendment),
            recommendation: input.recommendation.unwrap_or_default().trim().to_owned(),
            withdrawn: None,
            version: 1,
        };
        tx.insert_proposal(&p).await?;
        tx.commit().await?;
        Ok(self.proposal_view(p, &meeting, &rules))
    }

    pub async fn proposal_update(&self, update: ProposalUpdate) -> ApiResult<ProposalView> {
        let (mut tx, meeting) = self.begin_meeting_change(update.input.meeting_id).await?;
        let before = tx
            .proposals(meeting.id)
            .await?
            .into_iter()
            .find(|p| p.id == update.id)
            .ok_or_else(|| ApiError::not_found("Forslaget"))?;
        if before.version != update.version {
            return Err(ApiError::conflict("Forslaget"));
        }
        let rules = self.rules_in(&mut tx.reader(), meeting.date).await?;
        let input = update.input;
        validate_proposal(&input, &rules).map_err(ApiError::validation)?;
        let after = Proposal {
            submitter_name: submitter_name(&mut tx.reader(), input.submitter).await?,
            submitter: input.submitter,
            received_on: input.received_on,
            kind: input.kind,
            title: input.title.trim().to_owned(),
            text: input.text.trim().to_owned(),
            amendment: input.amendment.map(clean_amendment),
            recommendation: input.recommendation.unwrap_or_default().trim().to_owned(),
            version: before.version + 1,
            ..before.clone()
        };
        tx.update_proposal(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, "Forslaget"))?;
        tx.commit().await?;
        Ok(self.proposal_view(after, &meeting, &rules))
    }
}

impl Api {
    /// Withdraws a proposal (its submitter took it back) or takes a withdrawal back. A
    /// proposal already voted on cannot be withdrawn: the decision is removed first.
    pub async fn proposal_withdraw(&self, input: ProposalWithdraw) -> ApiResult<ProposalView> {
        let (mut tx, meeting) = self.begin_meeting_change(input.meeting).await?;
        let before = tx
            .proposals(meeting.id)
            .await?
            .into_iter()
            .find(|p| p.id == input.id)
            .ok_or_else(|| ApiError::not_found("Forslaget"))?;
        if before.version != input.version {
            return Err(ApiError::conflict("Forslaget"));
        }
        if let Some(w) = &input.withdrawal {
            if tx
                .decisions(meeting.id)
                .await?
                .iter()
                .any(|d| d.proposal_id == Some(before.id))
            {
                return Err(ApiError::refused(Text::new("proposal-withdraw-decided")));
            }
            if !kvorum_core::dates::plausible(w.on) {
                let mut e = FieldErrors::default();
                e.push("on", Text::new("date-out-of-range"));
                return Err(ApiError::validation(e));
            }
        }
        let after = Proposal {
            withdrawn: input.withdrawal.map(|w| Withdrawal {
                on: w.on,
                note: w.note.trim().to_owned(),
            }),
            version: before.version + 1,
            ..before.clone()
        };
        tx.update_proposal(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, "Forslaget"))?;
        let rules = self.rules_in(&mut tx.reader(), meeting.date).await?;
        tx.commit().await?;
        Ok(self.proposal_view(after, &meeting, &rules))
    }
}

impl Api {
    /// A proposal as the meeting screen shows it: late or not, and its kind's name.
    fn proposal_view(&self, p: Proposal, meeting: &Meeting, rules: &RuleSettings) -> ProposalView {
        let deadline = proposal_deadline(meeting, rules);
        ProposalView {
            late: late_note(&p, deadline, self.lang),
            kind_name: rules
                .decision(&p.kind)
                .map(|d| d.name.clone())
                .unwrap_or_default(),
            proposal: p,
        }
    }
}

/// Who submitted a proposal, as its record names them: the board, or the member.
async fn submitter_name(db: &mut Reader<'_>, submitter: Option<MemberId>) -> ApiResult<String> {
    match submitter {
        None => Ok("Bestyrelsen".into()),
        Some(id) => Ok(db
            .member(id)
            .await
            .map_err(|e| ApiError::from_store(e, "Forslagsstilleren"))?
            .name),
    }
}
