//! The record of processing activities (fortegnelse, GDPR art. 30): the board's settings,
//! what Kvorum actually holds, and the PDF the board signs.

use kvorum_core::board::{Position, SeatKind};
use kvorum_core::dates::format_date;
use kvorum_core::processing::{
    consent_counts, held, validate_processing, HeldCategory, Holdings, ProcessingSettings,
};
use kvorum_core::text::n_da;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::ExportFile;
use crate::{Api, ApiError, ApiResult};

/// A consent the association asks for, and how many have given it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentCount {
    pub kind: kvorum_core::consent::ConsentKind,
    #[ts(type = "number")]
    pub given: i64,
}

/// The record of processing as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProcessingView {
    pub settings: ProcessingSettings,
    /// Per kind of person: how many, which fields, how long (in the order of the entries).
    pub held: Vec<HeldCategory>,
    pub consents: Vec<ConsentCount>,
}

impl Api {
    /// The record of processing: the board's texts and what Kvorum holds today.
    pub async fn processing_get(&self) -> ApiResult<ProcessingView> {
        let mut r = self.store.reader();
        let settings = r.processing_settings().await?;
        let members = r.members().await?;
        let terms = r.board_terms().await?;
        let mut paying: Vec<_> = r
            .payments(None)
            .await?
            .into_iter()
            .map(|p| p.member_id)
            .collect();
        paying.sort_unstable();
        paying.dedup();
        let consents = r.consents(None).await?;
        let kinds = r.consent_kinds().await?;
        let retention = r.retention().await?;
        let workers = r
            .frikort_workers()
            .await?
            .iter()
            .filter(|w| !kvorum_core::privacy::is_anonymous_frikort_name(&w.name))
            .count();
        let jobs = r
            .frikort_jobs(
                chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default(),
                chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default(),
            )
            .await?
            .len();
        let held = held(&Holdings {
            members: &members,
            terms: &terms,
            paying: &paying,
            consents: &consents,
            frikort_workers: workers,
            frikort_jobs: jobs,
            retention: &retention,
        });
        Ok(ProcessingView {
            settings,
            held,
            consents: consent_counts(&kinds, &consents)
                .into_iter()
                .map(|(kind, given)| ConsentCount { kind, given })
                .collect(),
        })
    }

    /// Saves the board's texts of the record.
    pub async fn processing_set(&self, s: ProcessingSettings) -> ApiResult<ProcessingView> {
        validate_processing(&s).map_err(ApiError::validation)?;
        let (mut tx, _) = self.begin_in_association().await?;
        tx.set_processing_settings(&s)
            .await
            .map_err(|e| ApiError::from_store(e, "Fortegnelsen"))?;
        tx.commit().await?;
        self.processing_get().await
    }

    /// The record as a PDF for the board to sign: `fortegnelse-2026-12-02.pdf`.
    pub(crate) async fn processing_record_pdf(&self) -> ApiResult<ExportFile> {
        let a = self.require_association().await?;
        let view = self.processing_get().await?;
        let today = self.clock.today();
        let s = &view.settings;
        let address = [
            a.address.clone(),
            match (&a.postal_code, &a.city) {
                (Some(p), Some(c)) => Some(format!("{p} {c}")),
                (None, Some(c)) => Some(c.clone()),
                _ => None,
            },
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        let mut controller = vec![("Forening".to_owned(), a.name.clone())];
        if let Some(cvr) = &a.cvr {
            controller.push(("CVR-nr.".to_owned(), cvr.clone()));
        }
        if !address.is_empty() {
            controller.push(("Adresse".to_owned(), address));
        }
        controller.push((
            "Kontakt om persondata".to_owned(),
            if s.contact.trim().is_empty() {
                "Bestyrelsen".to_owned()
            } else {
                s.contact.clone()
            },
        ));
        let activities = view
            .held
            .iter()
            .map(|h| {
                let e = s.entry(&h.category);
                let persons = n_da(h.persons, "person", "personer");
                kvorum_docs::ProcessingActivity {
                    title: h.title.clone(),
                    rows: vec![
                        ("Formål".to_owned(), e.purpose),
                        ("Retsgrundlag".to_owned(), e.legal_basis),
                        ("Registreret nu".to_owned(), persons),
                        ("Oplysninger".to_owned(), capitalised_list(&h.fields)),
                        ("Modtagere".to_owned(), e.recipients),
                        ("Opbevaring".to_owned(), h.retention.clone()),
                    ],
                }
            })
            .collect();
        let consents = view
            .consents
            .iter()
            .map(|c| {
                format!(
                    "{} ({}): givet af {} nu",
                    c.kind.name,
                    c.kind.purpose,
                    n_da(c.given, "medlem", "medlemmer")
                )
            })
            .collect::<Vec<_>>()
            .join(". ");
        let closing = vec![
            (
                "Samtykker".to_owned(),
                format!("{consents}. Hvert samtykke registreres med dato, hvordan det blev givet, og hvem der registrerede det; det kan trækkes tilbage når som helst."),
            ),
            (
                "Det registreres ikke".to_owned(),
                "Husets brugere registreres ikke: de kan altid være anonyme, og besøg tælles kun som antal pr. dag. Den eneste bruger, der registreres, er frikortmodtageren, med navn og udbetalinger, kun synligt for kassereren. CPR-numre gemmes aldrig; Kvorum afviser dem, hvor de skrives.".to_owned(),
            ),
            ("Sikkerhed".to_owned(), s.security.clone()),
            (
                "Sletning og indsigt".to_owned(),
                "Bestyrelsen gennemgår hvert år listen over dem, der skal anonymiseres (Persondata → Årlig oprydning), og et medlem kan få udleveret alt, hvad der er registreret om det (indsigt). Ændringer i registret logges med hvem og hvornår.".to_owned(),
            ),
        ];
        let mut signatories: Vec<(String, String)> = self
            .store
            .board_terms()
            .await?
            .into_iter()
            .filter(|t| t.kind == SeatKind::Board && t.ended_on.is_none() && t.start <= today)
            .map(|t| {
                let role = match t.position_on(today) {
                    Some(p) => p.label_da().to_owned(),
                    None => "Bestyrelsesmedlem".to_owned(),
                };
                (role, t.name)
            })
            .collect();
        // The chair signs first, then the others as the board lists them.
        signatories.sort_by_key(|(role, _)| role.as_str() != Position::Chair.label_da());
        if signatories.is_empty() {
            signatories = vec![
                ("Formand".to_owned(), String::new()),
                ("Bestyrelsesmedlem".to_owned(), String::new()),
            ];
        }
        let doc = kvorum_docs::ProcessingRecordDoc {
            association_name: a.name.clone(),
            printed_on: today,
            created_unix: self.clock.now().timestamp(),
            controller,
            intro: vec![format!(
                "Fortegnelsen viser, hvilke personoplysninger {} behandler, hvorfor, og hvor længe de gemmes. Tallene og oplysningerne er hentet fra foreningens data i Kvorum {}.",
                a.name,
                format_date(today)
            )],
            activities,
            closing,
            signatories,
        };
        let bytes =
            kvorum_docs::processing_record_pdf(&doc).map_err(crate::documents::pdf_failed)?;
        Ok(ExportFile {
            file_name: format!("fortegnelse-{today}.pdf"),
            bytes,
            rows: view.held.len(),
        })
    }
}

/// "Navn, e-mail og telefon."
fn capitalised_list(items: &[String]) -> String {
    let joined = match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} og {last}", init.join(", ")),
    };
    let mut c = joined.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect::<String>() + ".")
        .unwrap_or_default()
}
