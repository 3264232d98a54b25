//! The bylaws and their rule settings: draft, edit, adopt, diff, print, import, and the
//! rule checks (votes, deadlines, voting right) every later feature calls.

use chrono::NaiveDate;
use kvorum_core::association::ValidAssociation;
use kvorum_core::bylaws::{
    diff, follow_settings, governing, in_force, parse_plain_text, template, BylawsText,
    BylawsVersion, SectionDiff, VersionStatus,
};
use kvorum_core::dates::format_date;
use kvorum_core::ids::{BylawsVersionId, MemberId};
use kvorum_core::rules::{self, Deadlines, DecisionOutcome, RuleSettings, VoteCounts, VotingRight};
use kvorum_core::FieldErrors;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::ExportFile;
use crate::{Api, ApiError, ApiResult, ErrorCode};

const WHAT: &str = "Vedtægtsudkastet";

/// The versions list and which one is in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BylawsOverview {
    pub versions: Vec<VersionSummary>,
    /// The number of the version in force today, if any has been adopted.
    #[ts(type = "number | null")]
    pub in_force: Option<i64>,
    /// The draft, if one is being edited.
    #[ts(type = "number | null")]
    pub draft: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VersionSummary {
    #[ts(type = "number")]
    pub number: i64,
    pub status: VersionStatus,
    pub adopted_on: Option<NaiveDate>,
    pub in_force_from: Option<NaiveDate>,
    pub adopted_note: Option<String>,
}

/// A whole draft as edited in the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DraftUpdate {
    pub id: BylawsVersionId,
    #[ts(type = "number")]
    pub version: i64,
    pub text: BylawsText,
    pub rules: RuleSettings,
}

/// A saved draft, and the sections whose text did not follow a changed setting by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DraftSaved {
    pub draft: BylawsVersion,
    /// e.g. "Tjek teksten i § 8: den nævner ikke den ændrede værdi."
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdoptInput {
    pub adopted_on: Option<NaiveDate>,
    /// Default: the adoption date.
    pub in_force_from: Option<NaiveDate>,
    /// Default: "Vedtaget på generalforsamlingen den …".
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VoteCheck {
    /// Decision kind: ordinary, amendment, dissolution, exclusion, …
    pub kind: String,
    pub counts: VoteCounts,
    pub present_with_vote: u32,
    pub members_with_vote: u32,
}

/// The first draft of a new association: our standard bylaws with the usual settings.
pub(crate) fn first_draft(association: &ValidAssociation) -> BylawsVersion {
    BylawsVersion {
        id: BylawsVersionId::new(),
        number: 1,
        status: VersionStatus::Draft,
        text: template(&association.name, association.municipality.as_deref()),
        rules: RuleSettings {
            fiscal_year_start_month: association.fiscal_year_start_month,
            ..RuleSettings::default()
        },
        adopted_on: None,
        in_force_from: None,
        adopted_note: None,
        version: 1,
    }
}

fn summary(v: &BylawsVersion) -> VersionSummary {
    VersionSummary {
        number: v.number,
        status: v.status,
        adopted_on: v.adopted_on,
        in_force_from: v.in_force_from,
        adopted_note: v.adopted_note.clone(),
    }
}

impl Api {
    /// All versions, oldest first (an association gets its first draft when it is created).
    async fn bylaws_all(&self) -> ApiResult<Vec<BylawsVersion>> {
        self.require_association().await?;
        Ok(self.store.bylaws_versions().await?)
    }

    pub async fn bylaws_overview(&self) -> ApiResult<BylawsOverview> {
        let versions = self.bylaws_all().await?;
        Ok(BylawsOverview {
            in_force: in_force(&versions, self.clock.today()).map(|v| v.number),
            draft: versions
                .iter()
                .find(|v| v.status == VersionStatus::Draft)
                .map(|v| v.number),
            versions: versions.iter().map(summary).collect(),
        })
    }

    pub async fn bylaws_version(&self, number: i64) -> ApiResult<BylawsVersion> {
        self.bylaws_all()
            .await?
            .into_iter()
            .find(|v| v.number == number)
            .ok_or_else(|| ApiError::not_found(&format!("Vedtægtsversion {number}")))
    }

    /// The version in force today, else the draft (a new association has adopted nothing yet).
    pub async fn bylaws_current(&self) -> ApiResult<BylawsVersion> {
        let versions = self.bylaws_all().await?;
        let today = self.clock.today();
        governing(&versions, today, today)
            .cloned()
            .ok_or_else(|| ApiError::not_found("Vedtægterne"))
    }

    /// The settings in force (the draft's while nothing is adopted).
    pub async fn rules_in_force(&self) -> ApiResult<RuleSettings> {
        Ok(self.bylaws_current().await?.rules)
    }

    /// The draft to edit; starts one from the version in force when there is none.
    pub async fn bylaws_draft(&self) -> ApiResult<BylawsVersion> {
        let versions = self.bylaws_all().await?;
        if let Some(d) = versions.iter().find(|v| v.status == VersionStatus::Draft) {
            return Ok(d.clone());
        }
        let base = in_force(&versions, self.clock.today())
            .or(versions.last())
            .cloned();
        let Some(base) = base else {
            return Err(ApiError::not_found("Vedtægterne"));
        };
        let draft = BylawsVersion {
            id: BylawsVersionId::new(),
            number: versions.iter().map(|v| v.number).max().unwrap_or(0) + 1,
            status: VersionStatus::Draft,
            adopted_on: None,
            in_force_from: None,
            adopted_note: None,
            version: 1,
            ..base
        };
        let mut tx = self.begin().await?;
        tx.insert_bylaws_version(&draft)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        tx.commit().await?;
        Ok(draft)
    }

    /// Saves the draft's text and settings. Where a setting changed, the number in its §
    /// follows when the text states it in a recognisable phrase; otherwise a warning says
    /// which § to check.
    pub async fn bylaws_save_draft(&self, update: DraftUpdate) -> ApiResult<DraftSaved> {
        let before = self
            .bylaws_all()
            .await?
            .into_iter()
            .find(|v| v.id == update.id)
            .ok_or_else(|| ApiError::not_found(WHAT))?;
        if before.status != VersionStatus::Draft {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "En vedtaget version kan ikke ændres. Ret i et nyt udkast.",
            ));
        }
        if before.version != update.version {
            return Err(ApiError::conflict(WHAT));
        }
        let mut text = update.text;
        let mut errs = FieldErrors::default();
        if let Err(e) = text.validate() {
            errs.0.extend(e.0);
        }
        if let Err(e) = update.rules.validate() {
            errs.0.extend(e.0);
        }
        if !errs.is_empty() {
            return Err(ApiError::validation(errs));
        }
        let manual = follow_settings(&mut text, &before.rules, &update.rules);
        let warnings = manual
            .iter()
            .filter_map(|k| text.number_of(k))
            .map(|n| format!("Tjek teksten i § {n}: den nævner ikke den ændrede værdi på en måde, Kvorum kan rette selv."))
            .collect();
        let after = BylawsVersion {
            text,
            rules: update.rules,
            version: before.version + 1,
            ..before.clone()
        };
        let mut tx = self.begin().await?;
        tx.update_bylaws_version(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        tx.commit().await?;
        Ok(DraftSaved {
            draft: after,
            warnings,
        })
    }

    /// Sets one setting by its dotted key, e.g. `ordinary.noticeDays` = `21`, in the draft.
    pub async fn bylaws_set_rule(&self, key: String, value: String) -> ApiResult<DraftSaved> {
        let draft = self.bylaws_draft().await?;
        let rules = set_by_path(&draft.rules, &key, &value)?;
        self.bylaws_save_draft(DraftUpdate {
            id: draft.id,
            version: draft.version,
            text: draft.text,
            rules,
        })
        .await
    }

    /// Adopts the draft: it becomes read-only and, from its in-force date, the bylaws.
    pub async fn bylaws_adopt(&self, input: AdoptInput) -> ApiResult<BylawsVersion> {
        let draft = self.bylaws_draft().await?;
        let adopted_on = input.adopted_on.unwrap_or_else(|| self.clock.today());
        let in_force_from = input.in_force_from.unwrap_or(adopted_on);
        if in_force_from < adopted_on {
            let mut e = FieldErrors::default();
            e.push(
                "inForceFrom",
                "Vedtægterne kan ikke træde i kraft, før de er vedtaget.",
            );
            return Err(ApiError::validation(e));
        }
        let note = input
            .note
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| {
                format!(
                    "Vedtaget på generalforsamlingen den {}",
                    format_date(adopted_on)
                )
            });
        let after = BylawsVersion {
            status: VersionStatus::Adopted,
            adopted_on: Some(adopted_on),
            in_force_from: Some(in_force_from),
            adopted_note: Some(note),
            version: draft.version + 1,
            ..draft.clone()
        };
        let mut tx = self.begin().await?;
        tx.update_bylaws_version(&draft, &after)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        tx.commit().await?;
        Ok(after)
    }

    /// What changed from version `from` to version `to`, section by section.
    pub async fn bylaws_diff(&self, from: i64, to: i64) -> ApiResult<Vec<SectionDiff>> {
        let a = self.bylaws_version(from).await?;
        let b = self.bylaws_version(to).await?;
        Ok(diff(&a.text, &b.text))
    }

    /// Reads bylaws pasted or saved as plain text, without changing anything.
    pub async fn bylaws_import_preview(&self, text: String) -> ApiResult<BylawsText> {
        parse_plain_text(&text).map_err(|m| ApiError::new(ErrorCode::Import, m))
    }

    /// Replaces the draft's text with the imported one (the settings stay).
    pub async fn bylaws_import_apply(&self, text: String) -> ApiResult<DraftSaved> {
        let parsed = self.bylaws_import_preview(text).await?;
        let draft = self.bylaws_draft().await?;
        self.bylaws_save_draft(DraftUpdate {
            id: draft.id,
            version: draft.version,
            text: parsed,
            rules: draft.rules,
        })
        .await
    }

    /// The bylaws in force (or the draft, marked as such) as PDF, with the adoption history.
    pub async fn bylaws_export_pdf(&self) -> ApiResult<ExportFile> {
        let association = self.require_association().await?;
        let versions = self.bylaws_all().await?;
        let today = self.clock.today();
        let current = self.bylaws_current().await?;
        let history = versions
            .iter()
            .filter(|v| v.status == VersionStatus::Adopted)
            .map(|v| {
                let note = v.adopted_note.clone().unwrap_or_default();
                match v.in_force_from {
                    Some(f) if Some(f) != v.adopted_on => {
                        format!("{note}, i kraft fra {}", format_date(f))
                    }
                    _ => note,
                }
            })
            .collect();
        let doc = kvorum_docs::BylawsDoc {
            association_name: association.name.clone(),
            draft: current.status == VersionStatus::Draft,
            adopted_note: current.adopted_note.clone(),
            history,
            printed_on: today,
            created_unix: self.clock.now().timestamp(),
            sections: current
                .text
                .sections
                .iter()
                .map(|s| (s.title.clone(), s.clauses.clone()))
                .collect(),
        };
        let bytes = kvorum_docs::bylaws_pdf(&doc).map_err(|e| {
            ApiError::new(ErrorCode::Internal, format!("PDF'en kunne ikke laves: {e}"))
        })?;
        Ok(ExportFile {
            file_name: format!("vedtaegter-{}.pdf", today.format("%Y-%m-%d")),
            bytes,
            rows: 0,
        })
    }

    /// `decide` with the settings in force.
    pub async fn rules_check_vote(&self, check: VoteCheck) -> ApiResult<DecisionOutcome> {
        let rules = self.rules_in_force().await?;
        let rule = rules.decision(&check.kind).ok_or_else(|| {
            let kinds: Vec<&str> = rules.decisions.iter().map(|d| d.kind.as_str()).collect();
            ApiError::new(
                ErrorCode::Validation,
                format!(
                    "Beslutningstypen »{}« findes ikke i vedtægterne. Brug en af: {}.",
                    check.kind,
                    kinds.join(", ")
                ),
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

    /// `voting_right` of one member at an assembly, with the settings in force on its day.
    pub(crate) async fn voting_right_at(
        &self,
        member: MemberId,
        assembly_date: NaiveDate,
    ) -> ApiResult<VotingRight> {
        let rules = self.rules_on(assembly_date).await?;
        self.voting_right_under(member, assembly_date, &rules).await
    }

    async fn voting_right_under(
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

/// Sets a dotted, camelCase path in the settings (`ordinary.noticeDays`, `decisions.1.majority`)
/// from text; the value is read as JSON when it can be (numbers, true/false, null), a
/// fraction like `2/3`, or else as a string.
pub fn set_by_path(rules: &RuleSettings, key: &str, value: &str) -> ApiResult<RuleSettings> {
    let mut root = serde_json::to_value(rules).unwrap_or_default();
    let bad_key = || {
        ApiError::new(
            ErrorCode::Validation,
            format!(
                "Indstillingen »{key}« findes ikke. Se `kvorum bylaws show --json` for navnene."
            ),
        )
    };
    let mut node = &mut root;
    for part in key.split('.') {
        node = match node {
            serde_json::Value::Object(map) => map.get_mut(part).ok_or_else(bad_key)?,
            serde_json::Value::Array(items) => {
                let i: usize = part.parse().map_err(|_| bad_key())?;
                items.get_mut(i).ok_or_else(bad_key)?
            }
            _ => return Err(bad_key()),
        };
    }
    let parsed = if let Ok(f) = kvorum_core::rules::Fraction::parse(value) {
        serde_json::to_value(f).unwrap_or_default()
    } else {
        serde_json::from_str(value).unwrap_or_else(|_| serde_json::Value::String(value.to_owned()))
    };
    *node = parsed;
    serde_json::from_value(root).map_err(|e| {
        ApiError::new(
            ErrorCode::Validation,
            format!("»{value}« passer ikke til indstillingen »{key}« ({e})."),
        )
    })
}
