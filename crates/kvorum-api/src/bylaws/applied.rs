//! The bylaws' rules applied: votes, deadlines, voting right.

use super::*;

impl Api {
    /// `decide` with the settings in force.
    pub async fn rules_check_vote(&self, check: VoteCheck) -> ApiResult<DecisionOutcome> {
        let rules = self.rules_in_force().await?;
        let rule = rules.decision(&check.kind).ok_or_else(|| {
            let kinds: Vec<&str> = rules.decisions.iter().map(|d| d.kind.as_str()).collect();
            ApiError::refused(format!(
                "Beslutningstypen »{}« findes ikke i vedtægterne. Brug en af: {}.",
                check.kind,
                kinds.join(", ")
            ))
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

    /// `voting_right` of one member at an assembly, with the settings in force on its day.
    pub(crate) async fn voting_right_at(
        &self,
        member: MemberId,
        assembly_date: NaiveDate,
    ) -> ApiResult<VotingRight> {
        let rules = self.rules_on(assembly_date).await?;
        self.voting_right_under(member, assembly_date, &rules).await
    }

    pub(crate) async fn voting_right_under(
        &self,
        member: MemberId,
        assembly_date: NaiveDate,
        rules: &RuleSettings,
    ) -> ApiResult<VotingRight> {
        let m = self
            .store
            .member(member)
            .await
            .map_err(|e| ApiError::from_store(e, "Medlemmet"))?;
        let rates = self.store.fee_rates().await?;
        let payments = self.store.payments(Some(member)).await?;
        Ok(rules::voting_right(
            &m,
            &rates,
            &payments,
            assembly_date,
            &rules.voting,
        ))
    }
}
