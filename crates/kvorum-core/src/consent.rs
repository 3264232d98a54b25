//! The consent log (samtykker): which consents the association asks for (contact on e-mail,
//! and any the board adds, such as photos on the website), and for each member when a
//! consent was given, how, who recorded it, and when it was withdrawn and by whom.
//! Consent is the legal basis for contact beyond what the membership needs (GDPR art. 6(1)(a)
//! and 7(1): the association must be able to show it was given); withdrawing must be as easy
//! as giving (art. 7(3)), so it is one click and is logged like everything else.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{ConsentId, MemberId};
use crate::text::Text;
use crate::validation::looks_like_cpr;
use crate::FieldErrors;

/// The code of the consent to be contacted on e-mail, which every association has.
pub const EMAIL: &str = "email";
/// How a consent ticked in the register's form is recorded.
pub const HOW_FORM: &str = "Afkrydset i medlemsregistret";
/// How a consent read from an imported member list is recorded.
pub const HOW_IMPORT: &str = "Fra en importeret medlemsliste";
/// A name, purpose or "how" longer than this is not one.
pub const MAX_TEXT: usize = 200;
/// At most this many kinds of consent: a small association asks for a handful.
pub const MAX_KINDS: usize = 20;

/// A consent the association asks its members for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentKind {
    pub code: String,
    pub name: String,
    /// What it is used for, as the record of processing and the member's own data say.
    pub purpose: String,
    /// The e-mail consent every association has (it cannot be removed).
    pub builtin: bool,
}

/// The consent every association asks for: to be contacted on e-mail.
pub fn email_kind() -> ConsentKind {
    ConsentKind {
        code: EMAIL.to_owned(),
        name: "Kontakt på e-mail".to_owned(),
        purpose: "Indkaldelser, nyhedsbreve og anden kontakt fra foreningen på e-mail".to_owned(),
        builtin: true,
    }
}

/// One consent given by one member, open until withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Consent {
    pub id: ConsentId,
    pub member: MemberId,
    pub kind: String,
    pub given_on: NaiveDate,
    /// How it was given: "Skriftligt på indmeldelsesblanketten", "På e-mail 3.2.2026", …
    pub given_how: String,
    /// The app user who recorded it.
    pub recorded_by: String,
    pub withdrawn_on: Option<NaiveDate>,
    pub withdrawn_by: Option<String>,
    #[ts(type = "number")]
    pub version: i64,
}

impl Consent {
    pub fn is_open(&self) -> bool {
        self.withdrawn_on.is_none()
    }
}

/// A consent to record, as typed in the member's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentInput {
    pub member: MemberId,
    pub kind: String,
    /// The day it was given; today when not given.
    pub given_on: Option<NaiveDate>,
    pub how: String,
}

fn text_error(text: &str, required: &'static str, errs: &mut FieldErrors, field: &str) {
    let t = text.trim();
    if t.is_empty() {
        errs.push(field, Text::new(required));
    } else if t.chars().count() > MAX_TEXT {
        errs.push(field, Text::new("consent-text-too-long"));
    } else if looks_like_cpr(t) {
        errs.push(field, crate::validation::cpr_refused());
    }
}

/// Decides a new consent: the kind must be one the association asks for, the day not in
/// the future nor before the member joined, how it was given said, and the member must not
/// already have given it (an open consent is not given twice).
pub fn give(
    input: &ConsentInput,
    kinds: &[ConsentKind],
    existing: &[Consent],
    joined_on: NaiveDate,
    today: NaiveDate,
    actor: &str,
) -> Result<Consent, FieldErrors> {
    let mut errs = FieldErrors::default();
    if !kinds.iter().any(|k| k.code == input.kind) {
        errs.push("kind", Text::new("consent-kind-unknown"));
    } else if existing
        .iter()
        .any(|c| c.member == input.member && c.kind == input.kind && c.is_open())
    {
        errs.push("kind", Text::new("consent-already-given"));
    }
    let given_on = input.given_on.unwrap_or(today);
    if given_on > today {
        errs.push("givenOn", Text::new("consent-in-future"));
    } else if given_on
        < joined_on
            .checked_sub_days(chrono::Days::new(366))
            .unwrap_or(joined_on)
    {
        // Given on the membership form, possibly some time before the board registered the
        // member; more than a year before joining is a typing error.
        errs.push("givenOn", Text::new("consent-before-joining"));
    }
    text_error(&input.how, "consent-how-required", &mut errs, "how");
    errs.into_result(|| Consent {
        id: ConsentId::new(),
        member: input.member,
        kind: input.kind.clone(),
        given_on,
        given_how: input.how.trim().to_owned(),
        recorded_by: actor.to_owned(),
        withdrawn_on: None,
        withdrawn_by: None,
        version: 1,
    })
}

/// Decides a withdrawal: today, by the app user; a consent is withdrawn once.
pub fn withdraw(c: &Consent, today: NaiveDate, actor: &str) -> Result<Consent, Text> {
    if !c.is_open() {
        return Err(Text::new("consent-already-withdrawn"));
    }
    Ok(Consent {
        withdrawn_on: Some(today.max(c.given_on)),
        withdrawn_by: Some(actor.to_owned()),
        version: c.version + 1,
        ..c.clone()
    })
}

/// What the consent log records when the register's e-mail flag changes (ticked in the
/// form, read from an import, set in the CLI): a consent given `how`, or the open one
/// withdrawn. `None` when the flag stays as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlagChange {
    Give(Consent),
    Withdraw { before: Consent, after: Consent },
}

pub fn from_flag(
    member: MemberId,
    was: bool,
    is: bool,
    open: Option<&Consent>,
    how: &str,
    today: NaiveDate,
    actor: &str,
) -> Option<FlagChange> {
    match (was || open.is_some(), is, open) {
        (false, true, _) => Some(FlagChange::Give(Consent {
            id: ConsentId::new(),
            member,
            kind: EMAIL.to_owned(),
            given_on: today,
            given_how: how.to_owned(),
            recorded_by: actor.to_owned(),
            withdrawn_on: None,
            withdrawn_by: None,
            version: 1,
        })),
        (true, false, Some(c)) => {
            withdraw(c, today, actor)
                .ok()
                .map(|after| FlagChange::Withdraw {
                    before: c.clone(),
                    after,
                })
        }
        _ => None,
    }
}

/// Decides a new kind of consent the board asks for: a name and a purpose, not one the
/// association already has. Its code is made from the name.
pub fn new_kind(
    name: &str,
    purpose: &str,
    kinds: &[ConsentKind],
) -> Result<ConsentKind, FieldErrors> {
    let mut errs = FieldErrors::default();
    text_error(name, "consent-kind-name-required", &mut errs, "name");
    text_error(
        purpose,
        "consent-kind-purpose-required",
        &mut errs,
        "purpose",
    );
    let name = name.trim();
    let code = code_of(name);
    if kinds
        .iter()
        .any(|k| k.code == code || k.name.to_lowercase() == name.to_lowercase())
    {
        errs.push("name", Text::new("consent-kind-exists"));
    } else if kinds.len() >= MAX_KINDS {
        errs.push("name", Text::new("consent-kinds-too-many"));
    }
    errs.into_result(|| ConsentKind {
        code,
        name: name.to_owned(),
        purpose: purpose.trim().to_owned(),
        builtin: false,
    })
}

/// A stable code for a kind: its name in lower case, Danish letters spelt out, other
/// characters as dashes ("Billeder på hjemmesiden" → "billeder-paa-hjemmesiden").
fn code_of(name: &str) -> String {
    let code = crate::text::slug(name);
    if code.is_empty() || code == EMAIL {
        format!("samtykke-{code}")
    } else {
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn kinds() -> Vec<ConsentKind> {
        vec![ConsentKind {
            code: EMAIL.into(),
            name: "Kontakt på e-mail".into(),
            purpose: "Nyhedsbreve".into(),
            builtin: true,
        }]
    }
    fn input(m: MemberId) -> ConsentInput {
        ConsentInput {
            member: m,
            kind: EMAIL.into(),
            given_on: Some(d("2026-03-02")),
            how: " Skriftligt på indmeldelsesblanketten ".into(),
        }
    }

    #[test]
    fn a_consent_is_given_once_and_withdrawn_once() {
        let m = MemberId::new();
        let today = d("2026-12-02");
        let c = give(&input(m), &kinds(), &[], d("2026-03-01"), today, "Karin").unwrap();
        assert_eq!(c.given_how, "Skriftligt på indmeldelsesblanketten");
        assert_eq!(c.recorded_by, "Karin");
        let again = give(
            &input(m),
            &kinds(),
            std::slice::from_ref(&c),
            d("2026-03-01"),
            today,
            "Karin",
        );
        assert_eq!(again.unwrap_err().0[0].field, "kind");
        let w = withdraw(&c, today, "Bent").unwrap();
        assert_eq!(w.withdrawn_on, Some(today));
        assert_eq!(w.withdrawn_by.as_deref(), Some("Bent"));
        assert_eq!(w.version, 2);
        assert!(withdraw(&w, today, "Bent").is_err());
        // Withdrawn, it can be given anew.
        assert!(give(&input(m), &kinds(), &[w], d("2026-03-01"), today, "Karin").is_ok());
    }

    #[test]
    fn a_consent_is_refused_when_it_cannot_be_so() {
        let m = MemberId::new();
        let today = d("2026-12-02");
        let mut i = input(m);
        i.given_on = Some(d("2026-12-03"));
        i.how = "  ".into();
        i.kind = "fotos".into();
        let errs = give(&i, &kinds(), &[], d("2026-03-01"), today, "Karin").unwrap_err();
        let fields: Vec<&str> = errs.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kind", "givenOn", "how"]);
        let mut i = input(m);
        i.how = "Ringede, cpr 010203-1234".into();
        assert!(give(&i, &kinds(), &[], d("2026-03-01"), today, "Karin").is_err());
        i.how = "x".repeat(201);
        assert!(give(&i, &kinds(), &[], d("2026-03-01"), today, "Karin").is_err());
    }

    #[test]
    fn the_register_flag_gives_or_withdraws() {
        let m = MemberId::new();
        let today = d("2026-12-02");
        let Some(FlagChange::Give(c)) = from_flag(m, false, true, None, HOW_FORM, today, "K")
        else {
            panic!("a consent is given");
        };
        assert_eq!(c.kind, EMAIL);
        assert_eq!(
            from_flag(m, true, true, Some(&c), HOW_FORM, today, "K"),
            None
        );
        let Some(FlagChange::Withdraw { after, .. }) =
            from_flag(m, true, false, Some(&c), HOW_FORM, today, "K")
        else {
            panic!("the consent is withdrawn");
        };
        assert!(!after.is_open());
        assert_eq!(from_flag(m, false, false, None, HOW_FORM, today, "K"), None);
    }

    #[test]
    fn a_new_kind_gets_a_code_from_its_name() {
        let k = new_kind(
            "Billeder på hjemmesiden",
            "Fotos fra arrangementer",
            &kinds(),
        )
        .unwrap();
        assert_eq!(k.code, "billeder-paa-hjemmesiden");
        assert!(!k.builtin);
        let mut all = kinds();
        all.push(k);
        assert!(new_kind("billeder på hjemmesiden", "x", &all).is_err());
        assert!(new_kind("", "", &all).is_err());
        assert_eq!(code_of("E-mail"), "e-mail");
        assert_eq!(code_of("!!"), "samtykke-");
    }
}
