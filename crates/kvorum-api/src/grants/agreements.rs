//! Grants and operating agreements, and the overview of where the money stands.

use super::*;

impl Api {
    /// Every grant and where it stands in the fiscal year `year` on `on` (default today).
    pub async fn grants_list(&self, year: i32, on: Option<NaiveDate>) -> ApiResult<Vec<GrantView>> {
        let (from, to) = self.fiscal_bounds(year).await?;
        let on = on.unwrap_or_else(|| self.clock.today());
        let books = self.books(year).await?;
        let rules = self.store.grantor_rules().await?;
        Ok(books
            .grants
            .iter()
            .map(|g| {
                let rule = kvorum_core::grants::rule_for(&rules, &g.grantor);
                grant_view(g, &rule, &books, year, from, to, on)
            })
            .collect())
    }

    /// Sets what a grantor asks of the accounts: up to which amount a year the board's
    /// signature is enough, above which a registered or state-authorised accountant audits,
    /// and the declaration its reports carry. Every grant from that grantor follows it.
    pub async fn grantor_rule_set(
        &self,
        rule: kvorum_core::grants::GrantorRule,
    ) -> ApiResult<kvorum_core::grants::GrantorRule> {
        use kvorum_core::grants::{grantor_key, tidy_grantor, validate_grantor_rule, GrantorRule};
        validate_grantor_rule(&rule).map_err(ApiError::validation)?;
        let (mut tx, _) = self.begin_in_association().await?;
        let key = grantor_key(&rule.grantor);
        let before = tx
            .grantor_rules()
            .await?
            .into_iter()
            .find(|r| grantor_key(&r.grantor) == key);
        let what = "Tilskudsgiverens krav";
        if before.as_ref().map_or(0, |b| b.version) != rule.version {
            return Err(ApiError::conflict(what));
        }
        let after = GrantorRule {
            grantor: tidy_grantor(&rule.grantor),
            declaration: rule.declaration.trim().to_owned(),
            version: rule.version + 1,
            ..rule
        };
        tx.set_grantor_rule(before.as_ref(), &after)
            .await
            .map_err(|e| ApiError::from_store(e, what))?;
        tx.commit().await?;
        Ok(after)
    }

    pub async fn grant_get(&self, id: GrantId, year: i32) -> ApiResult<GrantView> {
        self.grants_list(year, None)
            .await?
            .into_iter()
            .find(|g| g.grant.id == id)
            .ok_or_else(|| ApiError::not_found("Tilskuddet"))
    }

    /// Creates or changes a grant (with its agreement, goals, deadlines and in-kind parts).
    pub async fn grant_save(&self, input: GrantInput) -> ApiResult<Grant> {
        let (mut tx, _) = self.begin_in_association().await?;
        let instalments = if input.instalments.is_empty() && input.amount_per_year.0 > 0 {
            instalment_schedule(
                input.starts_on,
                input.ends_on,
                input.amount_per_year,
                input.instalments_per_year.unwrap_or(4),
            )
        } else {
            input.instalments.clone()
        };
        let mut g = Grant {
            id: input.id.unwrap_or_default(),
            name: input.name.trim().to_owned(),
            grantor: input.grantor.trim().to_owned(),
            kind: input.kind,
            starts_on: input.starts_on,
            ends_on: input.ends_on,
            amount_per_year: input.amount_per_year,
            purpose: input.purpose.trim().to_owned(),
            conditions: input.conditions.trim().to_owned(),
            instalments,
            deadlines: input.deadlines.clone(),
            agreement: input.agreement.clone(),
            in_kind: input.in_kind.clone(),
            version: 1,
        };
        validate_grant(&g).map_err(ApiError::validation)?;
        let before = match input.id {
            None => None,
            Some(id) => {
                let before = tx
                    .grants()
                    .await?
                    .into_iter()
                    .find(|x| x.id == id)
                    .ok_or_else(|| ApiError::not_found("Tilskuddet"))?;
                if before.version != input.version {
                    return Err(ApiError::conflict("Tilskuddet"));
                }
                g.keep_history_from(&before);
                g.version = before.version + 1;
                Some(before)
            }
        };
        match &before {
            Some(before) => tx
                .update_grant(before, &g)
                .await
                .map_err(|e| ApiError::from_store(e, "Tilskuddet"))?,
            None => tx.insert_grant(&g).await?,
        }
        tx.commit().await?;
        Ok(g)
    }

    /// Adds a status entry to a development goal (the history is kept for the report).
    pub async fn grant_goal_status(&self, input: GoalStatusInput) -> ApiResult<Grant> {
        let (mut tx, _) = self.begin_in_association().await?;
        let mut g = tx
            .grants()
            .await?
            .into_iter()
            .find(|x| x.id == input.grant)
            .ok_or_else(|| ApiError::not_found("Tilskuddet"))?;
        if g.version != input.version {
            return Err(ApiError::conflict("Tilskuddet"));
        }
        let before = g.clone();
        let goal = g
            .agreement
            .as_mut()
            .and_then(|a| {
                a.goals
                    .get_mut(usize::try_from(input.goal).unwrap_or(usize::MAX))
            })
            .ok_or_else(|| ApiError::not_found("Udviklingsmålet"))?;
        validate_goal_status(input.state, &input.note).map_err(ApiError::validation)?;
        let entry = GoalStatus {
            on: input.on,
            state: input.state,
            note: input.note.trim().to_owned(),
        };
        goal.statuses.push(entry.clone());
        goal.statuses.sort_by_key(|s| s.on);
        g.version += 1;
        tx.update_grant(&before, &g)
            .await
            .map_err(|e| ApiError::from_store(e, "Tilskuddet"))?;
        tx.commit().await?;
        Ok(g)
    }

    /// Where the money stands in `year` on `on`: every budget line, every grant, the visitors.
    pub async fn overview(&self, year: i32, on: Option<NaiveDate>) -> ApiResult<Overview> {
        let on = on.unwrap_or_else(|| self.clock.today());
        let budget = self.budget_get(year, Some(on)).await?;
        let grants = self.grants_list(year, Some(on)).await?;
        let visits = self.visits_get(year).await?.summary;
        let in_kind_value = grants.iter().map(|g| g.in_kind_value).sum();
        let reminders = grants
            .iter()
            .flat_map(|g| g.reminders.iter().cloned())
            .collect();
        Ok(Overview {
            budget,
            grants,
            visits,
            in_kind_value,
            reminders,
        })
    }
}
