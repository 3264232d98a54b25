//! The record of processing activities (fortegnelse, GDPR art. 30): for each kind of person
//! the association holds data about — members, volunteers, the aktivkreds, staff, the board
//! and frikort workers — the purpose, the legal basis and the recipients (settings the board
//! edits, with Danish defaults), and what Kvorum actually holds: how many people, which
//! fields, and how long they are kept (from the retention settings).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::board::Term;
use crate::consent::{Consent, ConsentKind};
use crate::members::{Member, Role};
use crate::privacy::{is_anonymous_name, Retention};
use crate::text::Text;
use crate::validation::looks_like_cpr;
use crate::FieldErrors;

/// The kinds of person, in the order the record lists them.
pub const CATEGORIES: [&str; 6] = [
    "members",
    "volunteers",
    "aktivkreds",
    "staff",
    "board",
    "frikort",
];

/// The longest text one field of the record takes.
pub const MAX_TEXT: usize = 2000;

/// What the board says about one kind of person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProcessingEntry {
    /// One of [`CATEGORIES`].
    pub category: String,
    pub purpose: String,
    pub legal_basis: String,
    pub recipients: String,
}

/// The board's part of the record: whom to contact, the entries, and the security measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProcessingSettings {
    /// Who in the association answers questions about personal data.
    pub contact: String,
    pub entries: Vec<ProcessingEntry>,
    /// The technical and organisational security measures (art. 30(1)(g)).
    pub security: String,
    #[ts(type = "number")]
    pub version: i64,
}

pub fn category_title(code: &str) -> &'static str {
    match code {
        "members" => "Medlemmer",
        "volunteers" => "Frivillige",
        "aktivkreds" => "Aktivkredsen",
        "staff" => "Ansatte",
        "board" => "Bestyrelse, suppleanter og revisorer",
        "frikort" => "Frikortmodtagere",
        _ => "Andre",
    }
}

fn entry(category: &str, purpose: &str, legal_basis: &str, recipients: &str) -> ProcessingEntry {
    ProcessingEntry {
        category: category.to_owned(),
        purpose: purpose.to_owned(),
        legal_basis: legal_basis.to_owned(),
        recipients: recipients.to_owned(),
    }
}

const NO_RECIPIENTS: &str =
    "Ingen. Tilskudsrapporter til kommunen indeholder kun antal, ingen personoplysninger.";

impl Default for ProcessingSettings {
    fn default() -> Self {
        ProcessingSettings {
            contact: String::new(),
            entries: vec![
                entry(
                    "members",
                    "Medlemsadministration: medlemslisten, kontingent og rykkere, indkaldelse til og stemmeret på generalforsamlingen, referater. Bogføring af kontingent.",
                    "Databeskyttelsesforordningens art. 6, stk. 1, litra b (medlemskabet) og litra f (foreningens legitime interesse i at drive foreningen efter vedtægterne). Kontingentbetalinger: litra c (bogføringsloven). Kontakt på e-mail ud over det nødvendige: litra a (samtykke).",
                    NO_RECIPIENTS,
                ),
                entry(
                    "volunteers",
                    "Koordinering af frivillige: vagter, aktiviteter og kontakt.",
                    "Art. 6, stk. 1, litra f (foreningens legitime interesse i at organisere det frivillige arbejde).",
                    NO_RECIPIENTS,
                ),
                entry(
                    "aktivkreds",
                    "Kontakt til aktivkredsen, der kan tilkaldes ved behov.",
                    "Art. 6, stk. 1, litra f (foreningens legitime interesse).",
                    NO_RECIPIENTS,
                ),
                entry(
                    "staff",
                    "Ansættelsesforholdet: kontakt og løn.",
                    "Art. 6, stk. 1, litra b (ansættelseskontrakten) og litra c (skatte- og bogføringsregler).",
                    "Skattestyrelsen (lønindberetning), foreningens bank og revisor.",
                ),
                entry(
                    "board",
                    "Foreningens ledelse: valg, konstituering, tegningsret og underskrift af referater og regnskab.",
                    "Art. 6, stk. 1, litra c (regler om tegningsret og registrering) og litra f (foreningens legitime interesse).",
                    "Foreningens bank (tegningsberettigede), kommunen ved ansøgning om tilskud (bestyrelsens navne).",
                ),
                entry(
                    "frikort",
                    "Udbetaling og indberetning af skattefri indtægt med socialt frikort. Husets øvrige brugere registreres ikke.",
                    "Art. 6, stk. 1, litra c (indberetning efter reglerne om socialt frikort).",
                    "Skattestyrelsen (indberetning til eIndkomst).",
                ),
            ],
            security: "Oplysningerne ligger kun i Kvorum på bestyrelsens egne computere eller foreningens server. Kun bestyrelsen og kassereren har adgang. Der tages sikkerhedskopier, og en kopi af databasen kan krypteres. CPR-numre gemmes aldrig.".to_owned(),
            version: 0,
        }
    }
}

impl ProcessingSettings {
    /// The entry for a category, the default where the board has none.
    pub fn entry(&self, category: &str) -> ProcessingEntry {
        self.entries
            .iter()
            .find(|e| e.category == category)
            .cloned()
            .or_else(|| {
                ProcessingSettings::default()
                    .entries
                    .into_iter()
                    .find(|e| e.category == category)
            })
            .unwrap_or_else(|| entry(category, "", "", ""))
    }
}

/// Every category once, every text said, bounded, and no CPR number in any.
pub fn validate_processing(s: &ProcessingSettings) -> Result<(), FieldErrors> {
    let mut errs = FieldErrors::default();
    let mut check = |field: String, text: &str, required: bool| {
        if required && text.trim().is_empty() {
            errs.push(&field, Text::new("processing-text-required"));
        } else if text.chars().count() > MAX_TEXT {
            errs.push(&field, Text::new("processing-text-too-long"));
        } else if looks_like_cpr(text) {
            errs.push(&field, crate::validation::cpr_refused());
        }
    };
    check("contact".into(), &s.contact, false);
    check("security".into(), &s.security, true);
    for (i, e) in s.entries.iter().enumerate() {
        check(format!("entries.{i}.purpose"), &e.purpose, true);
        check(format!("entries.{i}.legalBasis"), &e.legal_basis, true);
        check(format!("entries.{i}.recipients"), &e.recipients, true);
    }
    let mut seen: Vec<&str> = s.entries.iter().map(|e| e.category.as_str()).collect();
    let all = seen.len();
    seen.sort_unstable();
    seen.dedup();
    if seen.len() != all || seen.iter().any(|c| !CATEGORIES.contains(c)) {
        errs.push("entries", Text::new("processing-categories"));
    }
    errs.into_result(|| ())
}

/// What Kvorum holds about one kind of person, counted from the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeldCategory {
    pub category: String,
    pub title: String,
    #[ts(type = "number")]
    pub persons: i64,
    /// The fields held, in the register's words ("navn", "e-mail", …).
    pub fields: Vec<String>,
    /// How long, in Danish.
    pub retention: String,
}

/// The facts the record is generated from.
pub struct Holdings<'a> {
    pub members: &'a [Member],
    pub terms: &'a [Term],
    /// Members with at least one fee payment.
    pub paying: &'a [crate::ids::MemberId],
    pub consents: &'a [Consent],
    pub frikort_workers: usize,
    pub frikort_jobs: usize,
    pub retention: &'a Retention,
}

fn years(n: u32) -> String {
    crate::text::n_da(i64::from(n), "år", "år")
}

fn register_fields(people: &[&Member]) -> Vec<String> {
    let mut out = vec!["navn".to_owned(), "medlemsnr.".to_owned()];
    let any = |f: &dyn Fn(&Member) -> bool| people.iter().any(|m| f(m));
    if any(&|m| m.address.is_some() || m.postal_code.is_some() || m.city.is_some()) {
        out.push("adresse".into());
    }
    if any(&|m| m.email.is_some()) {
        out.push("e-mail".into());
    }
    if any(&|m| m.phone.is_some()) {
        out.push("telefon".into());
    }
    if any(&|m| m.birth_date.is_some()) {
        out.push("fødselsdato".into());
    } else if any(&|m| m.birth_year.is_some()) {
        out.push("fødselsår".into());
    }
    out.push("ind- og udmeldelsesdato".into());
    out.push("medlemstype".into());
    out
}

/// Each category with the people Kvorum holds in it today (anonymised entries are no one),
/// the fields found among them, and the retention period that applies.
pub fn held(h: &Holdings) -> Vec<HeldCategory> {
    let people: Vec<&Member> = h
        .members
        .iter()
        .filter(|m| !is_anonymous_name(&m.name))
        .collect();
    let with_role = |r: Role| -> Vec<&Member> {
        people
            .iter()
            .copied()
            .filter(|m| m.roles.contains(&r))
            .collect()
    };
    let r = h.retention;
    let member_fields = {
        let mut f = register_fields(&people);
        if people.iter().any(|m| h.paying.contains(&m.id)) {
            f.push("kontingentbetalinger og rykkere".into());
        }
        f.push("fremmøde, fuldmagter og forslag ved generalforsamlinger".into());
        if h.consents
            .iter()
            .any(|c| people.iter().any(|m| m.id == c.member))
        {
            f.push("samtykker (hvad, hvornår og hvordan)".into());
        }
        f
    };
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let mut out = Vec::new();
    for code in CATEGORIES {
        let (persons, fields, retention) = match code {
            "members" => (
                count(people.len()),
                member_fields.clone(),
                format!(
                    "{} efter udmeldelsesåret; derefter anonymiseres de ved den årlige oprydning. Kontingentbetalinger gemmes som bogføring i {} efter regnskabsårets udløb.",
                    years(r.members_years),
                    years(r.bookkeeping_years)
                ),
            ),
            "volunteers" | "aktivkreds" | "staff" => {
                let role = match code {
                    "volunteers" => Role::Volunteer,
                    "aktivkreds" => Role::Aktivkreds,
                    _ => Role::Staff,
                };
                let these = with_role(role);
                let mut f = register_fields(&these);
                f.push("rolle".into());
                let kept = if code == "staff" {
                    format!(
                        "Som medlemmer: {} efter udmeldelsesåret. Løn gemmes som bogføring i {}.",
                        years(r.members_years),
                        years(r.bookkeeping_years)
                    )
                } else {
                    format!(
                        "{} efter det år, de stoppede, hvis de aldrig har betalt kontingent; ellers som medlemmer.",
                        years(r.volunteers_years)
                    )
                };
                (count(these.len()), f, kept)
            }
            "board" => {
                let now: Vec<&Term> = h.terms.iter().filter(|t| t.ended_on.is_none()).collect();
                let mut names: Vec<&str> = now.iter().map(|t| t.name.as_str()).collect();
                names.sort_unstable();
                names.dedup();
                (
                    count(names.len()),
                    vec![
                        "navn".into(),
                        "post og valgperiode".into(),
                        "hvem der valgte eller udpegede dem".into(),
                        "underskrifter på referater".into(),
                    ],
                    "Tillidsposter er en del af foreningens protokol og gemmes så længe foreningen består; godkendte referater ændres ikke.".to_owned(),
                )
            }
            _ => (
                count(h.frikort_workers),
                if h.frikort_jobs > 0 {
                    vec![
                        "navn".into(),
                        "arbejdsdato, opgave og udbetalt beløb".into(),
                    ]
                } else {
                    vec!["navn".into()]
                },
                format!(
                    "{} efter det år, lønnen blev udbetalt (bogføringsloven).",
                    years(r.frikort_years)
                ),
            ),
        };
        out.push(HeldCategory {
            category: code.to_owned(),
            title: category_title(code).to_owned(),
            persons,
            fields,
            retention,
        });
    }
    out
}

/// The consents the association asks for, each with how many have given it now.
pub fn consent_counts(kinds: &[ConsentKind], consents: &[Consent]) -> Vec<(ConsentKind, i64)> {
    kinds
        .iter()
        .map(|k| {
            let n = consents
                .iter()
                .filter(|c| c.kind == k.code && c.is_open())
                .count();
            (k.clone(), i64::try_from(n).unwrap_or(i64::MAX))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_name_every_category_and_pass() {
        let d = ProcessingSettings::default();
        assert_eq!(
            d.entries
                .iter()
                .map(|e| e.category.as_str())
                .collect::<Vec<_>>(),
            CATEGORIES
        );
        assert!(validate_processing(&d).is_ok());
    }

    #[test]
    fn a_record_is_refused_when_it_says_too_little_or_too_much() {
        let mut s = ProcessingSettings::default();
        s.entries[0].purpose = " ".into();
        s.entries[1].legal_basis = "x".repeat(MAX_TEXT + 1);
        s.security = "Kode: 010203-1234".into();
        s.entries.push(s.entries[2].clone());
        let errs = validate_processing(&s).unwrap_err();
        let fields: Vec<&str> = errs.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "security",
                "entries.0.purpose",
                "entries.1.legalBasis",
                "entries"
            ]
        );
    }
}
