//! Decisions with their votes: load, decide in core, apply.

use super::*;

impl Api {
    /// Records a decision: applies the bylaws' rule for its kind to the counts (or the
    /// acclamation) and the votes in the room, and writes the outcome with its explanation.
    /// An adopted bylaw amendment creates the new bylaws version in the same transaction.
    /// The example of a use case's shape: load the facts, let the core
    /// decide what changes (a pure function with a typed refusal), apply the change in one
    /// transaction (the store's writes log themselves).
    pub async fn decision_record(&self, input: DecisionInput) -> ApiResult<DecisionRecorded> {
        let mut tx = self.begin().await?;
        tx.lock_meeting(input.meeting).await?;
        let r = self
            .load_record(&mut tx.reader(), input.meeting, false)
            .await?;
        let versions = tx.bylaws_versions().await?;
        let facts = DecisionFacts {
            meeting: &r.meeting,
            proposals: &r.proposals,
            attendees: &r.attendees,
            proxies: &r.proxies,
            minutes_approved: r
                .minutes
                .iter()
                .any(|m| m.status == MinutesStatus::Approved),
            rules: &r.rules,
            members_with_vote: r.members_with_vote,
            versions: &versions,
        };
        let request = DecisionRequest {
            item: input.item,
            proposal: input.proposal,
            kind: input.kind,
            subject: input.subject,
            acclamation: input.acclamation,
            counts: input.counts,
        };
        let change = decide_decision(&facts, &request, DecisionId::new(), BylawsVersionId::new())
            .map_err(decision_refused)?;
        if let Some(v) = &change.new_bylaws {
            tx.insert_bylaws_version(v).await?;
        }
        tx.insert_decision(&change.decision).await?;
        tx.commit().await?;
        Ok(DecisionRecorded {
            decision: change.decision,
            notes: change.notes.iter().map(|n| n.render(self.lang)).collect(),
            second_assembly_by: change.second_assembly_by,
        })
    }

    /// Removes a decision recorded by mistake (not one that changed the bylaws).
    pub async fn decision_remove(&self, input: DecisionRemove) -> ApiResult<MeetingDetail> {
        let (mut tx, _) = self.begin_meeting_change(input.meeting).await?;
        let d = tx
            .decisions(input.meeting)
            .await?
            .into_iter()
            .find(|d| d.id == input.decision)
            .ok_or_else(|| ApiError::not_found("Beslutningen"))?;
        if let Some(v) = d.bylaws_version {
            return Err(ApiError::refused(
                Text::new("decision-changed-bylaws").num("version", v),
            ));
        }
        tx.delete_decision(&d).await?;
        tx.commit().await?;
        self.meeting_get(input.meeting).await
    }
}
