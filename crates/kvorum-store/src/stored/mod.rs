//! The JSON Kvorum keeps in its `*_json` columns, in row types of its own.
//!
//! The core types are the UI's wire format (and the audit's); renaming a field there must not
//! make old rows unreadable. So each stored document is written through a row type of
//! kvorum-store (`v1::…`, converted to and from the core type) inside a small envelope,
//! `{"v":1,"data":…}`. A row from before the envelope is read as version 1. When the stored
//! shape itself has to change, a `v2` module joins `v1`, `write` writes version 2, and `read`
//! upgrades a version-1 document as it reads it: no migration rewrites old rows.

pub(crate) mod v1;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::{Result, StoreError};

/// A stored row type of version 1 and the core type it holds.
pub(crate) trait V1: Sized {
    type Core;
    fn from_core(c: &Self::Core) -> Self;
    fn into_core(self) -> Self::Core;
}

/// Values whose JSON is their own and cannot drift with a UI rename: text, numbers,
/// dates, amounts in øre, ids.
macro_rules! as_is {
    ($($t:ty),*) => {$(
        impl V1 for $t {
            type Core = $t;
            fn from_core(c: &$t) -> Self {
                c.clone()
            }
            fn into_core(self) -> $t {
                self
            }
        }
    )*};
}
as_is!(
    String,
    u32,
    i64,
    bool,
    chrono::NaiveDate,
    kvorum_core::Money,
    kvorum_core::ids::AgendaItemId,
    kvorum_core::ids::CandidateId,
    kvorum_core::ids::MemberId
);

impl<R: V1> V1 for Vec<R> {
    type Core = Vec<R::Core>;
    fn from_core(c: &Self::Core) -> Self {
        c.iter().map(R::from_core).collect()
    }
    fn into_core(self) -> Self::Core {
        self.into_iter().map(R::into_core).collect()
    }
}

impl<R: V1> V1 for Option<R> {
    type Core = Option<R::Core>;
    fn from_core(c: &Self::Core) -> Self {
        c.as_ref().map(R::from_core)
    }
    fn into_core(self) -> Self::Core {
        self.map(R::into_core)
    }
}

/// The version this build writes.
const VERSION: u64 = 1;

#[derive(Serialize)]
struct Envelope<'a, T> {
    v: u64,
    data: &'a T,
}

/// The document for a row built by hand (a grant's details), at the current version.
pub(crate) fn write_row<T: Serialize>(row: &T) -> String {
    serde_json::to_string(&Envelope {
        v: VERSION,
        data: row,
    })
    .unwrap_or_default()
}

/// The document for `core`, written through row type `R` at the current version.
pub(crate) fn write<R: V1 + Serialize>(core: &R::Core) -> String {
    write_row(&R::from_core(core))
}

/// Reads a document written by any version (or before the envelope) as the core type.
/// `what` names it in the error when the document cannot be read: a corrupt row is an error,
/// never silently an empty value.
pub(crate) fn read<R: V1 + DeserializeOwned>(what: &str, s: &str) -> Result<R::Core> {
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(format!("{what}: {e}"));
    let value: serde_json::Value = serde_json::from_str(s).map_err(corrupt)?;
    let data = match value {
        serde_json::Value::Object(mut map)
            if map.len() == 2 && map.contains_key("v") && map.contains_key("data") =>
        {
            match map.get("v").and_then(serde_json::Value::as_u64) {
                Some(1) => map.remove("data").unwrap_or_default(),
                Some(n) => {
                    return Err(StoreError::Corrupt(format!(
                        "{what}: stored by a newer Kvorum (version {n})"
                    )))
                }
                None => {
                    return Err(StoreError::Corrupt(format!("{what}: no version number")));
                }
            }
        }
        bare => bare,
    };
    serde_json::from_value::<R>(data)
        .map(R::into_core)
        .map_err(corrupt)
}

#[cfg(test)]
mod tests {
    //! The stored format is pinned by fixtures: JSON as the columns hold it today, written
    //! before the envelope. Each must read, and be written back as the same document in the
    //! envelope, whatever the core types are called by then.

    use super::*;
    use serde_json::{json, Value};

    fn fixture(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/stored/fixtures")
            .join(format!("{name}.json"));
        std::fs::read_to_string(path).unwrap()
    }

    /// Reads a bare fixture and writes it back: the envelope holds the same document.
    fn same_again<R: V1 + Serialize + DeserializeOwned>(name: &str) -> R::Core {
        let old = fixture(name);
        let core = read::<R>(name, &old).unwrap_or_else(|e| panic!("{name}: {e}"));
        let written: Value = serde_json::from_str(&write::<R>(&core)).unwrap();
        assert_eq!(written["v"], json!(1), "{name}");
        let before: Value = serde_json::from_str(&old).unwrap();
        assert_eq!(written["data"], before, "{name} is written back as it was");
        let again = read::<R>(name, &write::<R>(&core)).unwrap();
        assert_eq!(
            serde_json::to_value(R::from_core(&again)).unwrap(),
            before,
            "{name}"
        );
        core
    }

    #[test]
    fn every_stored_document_of_version_1_reads_and_is_written_back_the_same() {
        let rules = same_again::<v1::RuleSettings>("rules");
        assert_eq!(rules, kvorum_core::rules::RuleSettings::default());
        let text = same_again::<v1::BylawsText>("bylaws-text");
        assert!(text.sections.len() > 5);
        let agenda = same_again::<Vec<v1::AgendaItem>>("agenda");
        assert_eq!(agenda[0].kind, kvorum_core::meetings::ItemKind::Officers);
        let officers = same_again::<v1::Officers>("officers");
        assert_eq!(officers.dirigent.as_deref(), Some("Vibeke Ørsted"));
        same_again::<v1::DecisionOutcome>("outcome");
        let nq = same_again::<v1::DecisionOutcome>("outcome-not-quorate");
        assert!(matches!(
            nq.fallback,
            Some(kvorum_core::rules::Fallback::SecondAssembly {
                within_days: 14,
                ..
            })
        ));
        same_again::<Vec<v1::Signatory>>("signatories");
        let positions = same_again::<Vec<v1::PositionEntry>>("positions");
        assert_eq!(
            positions[1].position,
            kvorum_core::board::Position::ViceChair
        );
        let candidates = same_again::<Vec<v1::Candidate>>("candidates");
        assert!(candidates[0].standing_again && !candidates[1].eligible);
        same_again::<v1::Tally>("tally");
        same_again::<v1::Amendment>("amendment");
        same_again::<Vec<kvorum_core::ids::CandidateId>>("marks");
        let layout = same_again::<Vec<v1::BankColumn>>("bank-layout");
        assert_eq!(layout[2].field, kvorum_core::bank::BankField::Amount);
        let details = same_again::<v1::GrantDetails>("grant-details");
        assert_eq!(details.instalments.len(), 2);
        assert_eq!(details.agreement.unwrap().goals[0].statuses.len(), 1);
    }

    #[test]
    fn documents_from_before_a_field_was_added_read_with_its_default() {
        // A draw stored before run-offs existed has no `runOff`.
        let draws = read::<Vec<v1::LotDraw>>("draws", &fixture("draws")).unwrap();
        assert!(!draws[0].run_off && draws[1].run_off);
        // Grant details stored before the agreement and the in-kind parts.
        let old = read::<v1::GrantDetails>("grant", &fixture("grant-details-old")).unwrap();
        assert_eq!(old.purpose, "Aktivitetstilskud");
        assert!(old.agreement.is_none() && old.in_kind.is_empty());
        // The board's rules before the board's quorum was a setting.
        let mut rules: Value = serde_json::from_str(&fixture("rules")).unwrap();
        let board = rules["board"].as_object_mut().unwrap();
        board.remove("quorum");
        board.remove("quorumStrict");
        let read_back = read::<v1::RuleSettings>("rules", &rules.to_string()).unwrap();
        assert_eq!(read_back.board.quorum, kvorum_core::rules::Fraction::HALF);
        assert!(read_back.board.quorum_strict);
    }

    #[test]
    fn a_document_that_cannot_be_read_is_an_error_never_an_empty_value() {
        for bad in [
            "",
            "{",
            "[1,2]",
            r#"{"purpose": 7}"#,
            r#"{"v": 2, "data": {}}"#,
            r#"{"v": "x", "data": {}}"#,
        ] {
            let e = read::<v1::GrantDetails>("grant details", bad).unwrap_err();
            assert!(
                matches!(e, StoreError::Corrupt(ref m) if m.starts_with("grant details")),
                "{bad}: {e:?}"
            );
        }
        let newer = read::<v1::Officers>("officers", r#"{"v": 2, "data": {}}"#).unwrap_err();
        assert!(newer.to_string().contains("newer Kvorum"), "{newer}");
    }
}
