//! The consent log: a member's consents given and withdrawn from the member's page, the
//! kinds the association asks for, and the register's e-mail flag kept with the log
//! (ticked in the form, read from an import, set in the CLI).

use kvorum_core::consent::{self, Consent, ConsentInput, ConsentKind, FlagChange};
use kvorum_core::ids::{ConsentId, MemberId};
use kvorum_core::members::Member;
use kvorum_core::text::Text;
use kvorum_store::StoreTx;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::MemberDetail;
use crate::{Api, ApiError, ApiResult};

const WHAT: &str = "Medlemmet";

/// A consent to record for a member, from the version of the member the page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentGive {
    pub input: ConsentInput,
    #[ts(type = "number")]
    pub member_version: i64,
}

/// A consent to withdraw, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentWithdraw {
    pub id: ConsentId,
    #[ts(type = "number")]
    pub version: i64,
    #[ts(type = "number")]
    pub member_version: i64,
}

/// A kind of consent the board adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentKindInput {
    pub name: String,
    pub purpose: String,
}

/// Records in `tx` the consent changes the register's e-mail flag makes, from `before`
/// (none for new entries) to `after`: one consent given `how` for each ticked, the open one
/// withdrawn for each cleared.
pub(crate) async fn follow_flags(
    tx: &mut StoreTx,
    changes: &[(Option<&Member>, &Member)],
    how: &str,
    today: chrono::NaiveDate,
    actor: &str,
) -> ApiResult<()> {
    let open: Vec<Consent> = if changes.iter().any(|(b, _)| b.is_some()) {
        tx.consents(None)
            .await?
            .into_iter()
            .filter(|c| c.kind == consent::EMAIL && c.is_open())
            .collect()
    } else {
        Vec::new()
    };
    let mut given = Vec::new();
    for (before, after) in changes {
        let was = before.is_some_and(|b| b.email_consent);
        let this = open.iter().find(|c| c.member == after.id);
        match consent::from_flag(after.id, was, after.email_consent, this, how, today, actor) {
            Some(FlagChange::Give(c)) => given.push(c),
            Some(FlagChange::Withdraw { before, after }) => {
                tx.update_consent(&before, &after).await?;
            }
            None => {}
        }
    }
    if !given.is_empty() {
        tx.insert_consents(&given).await?;
    }
    Ok(())
}

impl Api {
    /// The consents the association asks for.
    pub async fn consent_kinds(&self) -> ApiResult<Vec<ConsentKind>> {
        Ok(self.store.consent_kinds().await?)
    }

    /// Adds a kind of consent the association asks for.
    pub async fn consent_kind_add(&self, input: ConsentKindInput) -> ApiResult<Vec<ConsentKind>> {
        let (mut tx, _) = self.begin_in_association().await?;
        let kinds = tx.consent_kinds().await?;
        let kind =
            consent::new_kind(&input.name, &input.purpose, &kinds).map_err(ApiError::validation)?;
        tx.insert_consent_kind(&kind)
            .await
            .map_err(|e| ApiError::from_store(e, "Samtykket"))?;
        tx.commit().await?;
        self.consent_kinds().await
    }

    /// Records a consent a member gave. The e-mail consent also ticks the register's flag,
    /// so the entry must still be the version the page shows.
    pub async fn consent_give(&self, give: ConsentGive) -> ApiResult<MemberDetail> {
        let today = self.clock.today();
        let mut tx = self.begin().await?;
        let member = tx
            .member(give.input.member)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        // The page takes the entry's new version along, so it must have shown the newest.
        if member.version != give.member_version {
            return Err(ApiError::conflict(WHAT));
        }
        let kinds = tx.consent_kinds().await?;
        let existing = tx.consents(Some(member.id)).await?;
        let c = consent::give(
            &give.input,
            &kinds,
            &existing,
            member.joined_on,
            today,
            &self.actor,
        )
        .map_err(ApiError::validation)?;
        if c.kind == consent::EMAIL {
            tx.set_email_consent(member.id, true, give.member_version)
                .await
                .map_err(|e| ApiError::from_store(e, WHAT))?;
        }
        tx.insert_consents(std::slice::from_ref(&c))
            .await
            .map_err(|e| ApiError::from_store(e, "Samtykket"))?;
        tx.commit().await?;
        self.member_get(member.id).await
    }

    /// Withdraws a consent: one click, today, by the app user. The e-mail consent also
    /// clears the register's flag.
    pub async fn consent_withdraw(&self, w: ConsentWithdraw) -> ApiResult<MemberDetail> {
        let today = self.clock.today();
        let mut tx = self.begin().await?;
        let all = tx.consents(None).await?;
        let before = all
            .into_iter()
            .find(|c| c.id == w.id)
            .ok_or_else(|| ApiError::refused(Text::new("consent-not-found")))?;
        if before.version != w.version {
            return Err(ApiError::conflict("Samtykket"));
        }
        let member = tx
            .member(before.member)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        if member.version != w.member_version {
            return Err(ApiError::conflict(WHAT));
        }
        let after = consent::withdraw(&before, today, &self.actor).map_err(ApiError::refused)?;
        if before.kind == consent::EMAIL {
            tx.set_email_consent(before.member, false, w.member_version)
                .await
                .map_err(|e| ApiError::from_store(e, WHAT))?;
        }
        tx.update_consent(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, "Samtykket"))?;
        tx.commit().await?;
        self.member_get(before.member).await
    }

    /// A member's consents, oldest first.
    pub(crate) async fn consents_of(&self, member: MemberId) -> ApiResult<Vec<Consent>> {
        Ok(self.store.consents(Some(member)).await?)
    }
}
