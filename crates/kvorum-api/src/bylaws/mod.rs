//! The bylaws and their rule settings: draft, edit, adopt, diff, print, import, and the
//! rule checks (votes, deadlines, voting right) every later feature calls.

mod applied;
mod versions;

use chrono::NaiveDate;
use kvorum_core::association::ValidAssociation;
use kvorum_core::bylaws::{
    adopt, diff, follow_settings, governing, in_force, new_draft, parse_plain_text, template,
    BylawsText, BylawsVersion, SectionDiff, VersionStatus,
};
use kvorum_core::dates::format_date;
use kvorum_core::ids::{BylawsVersionId, MemberId};
use kvorum_core::rules::{self, Deadlines, DecisionOutcome, RuleSettings, VoteCounts, VotingRight};
use kvorum_core::rules_from_text::{apply_settings, read_settings, SettingsReading};
use kvorum_core::text::Text;
use kvorum_core::FieldErrors;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::ExportFile;
use crate::{Api, ApiError, ApiResult, ErrorCode};
use kvorum_store::{Reader, StoreTx};

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

/// An imported text as read: its sections, and the settings it states (each with its §
/// and words) or is silent on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BylawsImport {
    pub text: BylawsText,
    pub settings: SettingsReading,
}

/// The text to import into the draft, and the settings read from it that the secretary
/// accepted (by path); absent: every setting found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BylawsImportApply {
    pub text: String,
    pub accept: Option<Vec<String>>,
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

/// Sets a dotted, camelCase path in the settings (`ordinary.noticeDays`, `decisions.1.majority`)
/// from text; the value is read as JSON when it can be (numbers, true/false, null), a
/// fraction like `2/3`, or else as a string.
pub fn set_by_path(rules: &RuleSettings, key: &str, value: &str) -> ApiResult<RuleSettings> {
    let mut root = serde_json::to_value(rules).unwrap_or_default();
    let bad_key = || ApiError::refused(Text::new("rules-key-unknown").str("key", key));
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
        ApiError::refused(
            Text::new("rules-value-bad")
                .str("value", value)
                .str("key", key)
                .str("cause", e.to_string()),
        )
    })
}
