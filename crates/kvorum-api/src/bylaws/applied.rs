//! The bylaws' rules applied: votes, deadlines, voting right.

use super::*;

impl Api {
    /// `decide` with the settings in force.
    pub async fn rules_check_vote(&self, check: VoteCheck) -> ApiResult<DecisionOutcome> {
        let rules = self.rules_in_force().await?;
        let rule = rules.decision(&check.kind).ok_or_else(|| {
            let kinds: Vec<&str> = rules.decisions.iter().map(|d| d.kind.as_str()).collect();
            ApiError::refused(
                Text::new("decision-kind-not-in-bylaws")
                    .str("kind", &check.kind)
                    .str("kinds", kinds.join(", ")),
            )
        })?;
        Ok(rules::decide(
            rule,
            check.counts,
            check.present_with_vote,
            check.members_with_vote,
        ))
    }

    /// `deadlines` with the settings in force.
    pub async fn rules_deadlines(&self, assembly_date: NaiveDate) -> ApiResult<Deadlines> {
        Ok(rules::deadlines(
            assembly_date,
            &self.rules_in_force().await?.ordinary,
            self.lang,
        ))
    }

    /// `voting_right` of one member at an assembly, with the settings in force today.
    pub async fn rules_voting_right(
        &self,
        member: MemberId,
        assembly_date: NaiveDate,
    ) -> ApiResult<VotingRight> {
        let rules = self.rules_in_force().await?;
        self.voting_right_under(member, assembly_date, &rules).await
    }

    pub(crate) async fn voting_right_under(
        &self,
        member: MemberId,
        assembly_date: NaiveDate,
        rules: &RuleSettings,
    ) -> ApiResult<VotingRight> {
        self.voting_right_in(&mut self.store.reader(), member, assembly_date, rules)
            .await
    }

    /// The same, read through `db` (the pool, or a transaction about to write).
    pub(crate) async fn voting_right_in(
        &self,
        db: &mut Reader<'_>,
        member: MemberId,
        assembly_date: NaiveDate,
        rules: &RuleSettings,
    ) -> ApiResult<VotingRight> {
        let m = db
            .member(member)
            .await
            .map_err(|e| ApiError::from_store(e, "Medlemmet"))?;
        let rates = db.fee_rates().await?;
        let payments = db.payments(Some(member)).await?;
        Ok(rules::voting_right(
            &m,
            &rates,
            &payments,
            assembly_date,
            &rules.voting,
        ))
    }
}
