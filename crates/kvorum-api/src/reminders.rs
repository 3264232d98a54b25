//! Reminders (rykkere) for a year's fee: the first and the second, a set number of days
//! apart, as an e-mail draft to each member alone (never a shared To or Cc) and as letters
//! for members without e-mail, carrying the association's payment details and the member no.
//! to quote. Each one is recorded on the member; no reminder fee is charged.

use kvorum_core::accounts::{Account, AccountKind};
use kvorum_core::association::Association;
use kvorum_core::dates::format_date;
use kvorum_core::fee_books::{fee_run, reminders_due, FeeRunLine, Reminder, ReminderChannel};
use kvorum_core::ids::{MemberId, ReminderId};
use kvorum_core::members::Member;
use kvorum_core::text::Text;
use kvorum_core::FieldErrors;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::ExportFile;
use crate::{Api, ApiError, ApiResult, ErrorCode};

/// Which reminders to send: a year's first or second, to the members named (empty: every
/// member it is due for).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderRequest {
    pub year: i32,
    pub level: u8,
    #[serde(default)]
    pub members: Vec<MemberId>,
}

/// The reminders made: one `.eml` per member with e-mail, one PDF of letters for the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderBatch {
    /// "rykkere-2026-1": the folder the files are saved in.
    pub folder: String,
    pub files: Vec<ExportFile>,
    pub emails: u32,
    pub letters: u32,
    pub reminders: Vec<Reminder>,
}

/// What the shell says after saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RemindersSaved {
    pub folder: String,
    pub emails: u32,
    pub letters: u32,
    pub message: String,
}

/// A reminder's words: title, paragraphs, how to pay, closing.
struct Wording {
    title: String,
    paragraphs: Vec<String>,
    payment: Vec<(String, String)>,
    closing: Vec<String>,
}

fn wording(
    a: &Association,
    accounts: &[Account],
    line: &FeeRunLine,
    level: u8,
    year: i32,
    due_on: chrono::NaiveDate,
    first_sent: Option<chrono::NaiveDate>,
) -> Wording {
    let owed = line.owed.format_dkk();
    let (title, opening) = if level >= 2 {
        (
            format!("2. påmindelse om kontingent for {year}"),
            match first_sent {
                Some(d) => format!(
                    "Den {} sendte vi dig en påmindelse om kontingentet for {year}, men vi kan endnu ikke se, at det er betalt. Der mangler {owed}, som forfaldt den {}.",
                    format_date(d),
                    format_date(due_on)
                ),
                None => format!(
                    "Vi kan endnu ikke se, at kontingentet for {year} er betalt. Der mangler {owed}, som forfaldt den {}.",
                    format_date(due_on)
                ),
            },
        )
    } else {
        (
            format!("Påmindelse om kontingent for {year}"),
            format!(
                "Vi kan ikke se, at vi har modtaget dit kontingent for {year} på {owed}, som forfaldt den {}. Måske er det blot glemt – og har du betalt i mellemtiden, kan du se bort fra denne påmindelse.",
                format_date(due_on)
            ),
        )
    };
    let mut payment = vec![("Beløb".to_owned(), owed.clone())];
    if let Some(box_no) = accounts
        .iter()
        .find(|x| x.kind == AccountKind::MobilePay)
        .and_then(|x| x.account_no.clone())
    {
        payment.push(("MobilePay".into(), format!("Boks {box_no}")));
    }
    if let Some(bank) = accounts
        .iter()
        .find(|x| x.kind == AccountKind::Bank && x.account_no.is_some())
    {
        payment.push((
            "Bankoverførsel".into(),
            format!(
                "Reg.nr. {} konto {}",
                bank.reg_no.as_deref().unwrap_or("—"),
                bank.account_no.as_deref().unwrap_or("")
            ),
        ));
    }
    payment.push((
        "Skriv i beskeden".into(),
        format!("Medlemsnr. {}", line.member_no),
    ));
    let how = if payment.len() > 2 {
        "Du kan betale sådan:".to_owned()
    } else {
        "Kontakt kassereren for at høre, hvordan du betaler.".to_owned()
    };
    Wording {
        title,
        paragraphs: vec![format!("Kære {}", line.name), opening, how],
        payment,
        closing: vec![
            "Har du spørgsmål, er du velkommen til at kontakte kassereren.".into(),
            String::new(),
            "Med venlig hilsen".into(),
            format!("Kassereren, {}", a.name),
        ],
    }
}

impl Api {
    /// The reminders a request makes, without recording them: the files and the records to
    /// write once the files are saved.
    pub async fn fee_reminders_prepare(&self, req: ReminderRequest) -> ApiResult<ReminderBatch> {
        if !(1..=2).contains(&req.level) {
            return Err(ApiError::validation(FieldErrors::one(
                "level",
                Text::new("reminder-level-invalid"),
            )));
        }
        let a = self.require_association().await?;
        let today = self.clock.today();
        let mut db = self.store.reader();
        let members = db.members().await?;
        let rates = db.fee_rates().await?;
        let payments = db.payments(None).await?;
        let settings = db.fee_settings().await?;
        let accounts = db.accounts().await?;
        let sent = db.fee_reminders(Some(req.year)).await?;
        let run = fee_run(req.year, &members, &rates, &payments, &settings, today);
        let due = reminders_due(&run, &sent, &settings, today);
        let chosen: Vec<&FeeRunLine> = run
            .lines
            .iter()
            .filter(|l| {
                due.iter()
                    .any(|d| d.member == l.member && d.level == req.level)
                    && (req.members.is_empty() || req.members.contains(&l.member))
            })
            .collect();
        if chosen.is_empty() {
            return Err(ApiError::refused(
                Text::new("reminder-none-due")
                    .num("level", req.level)
                    .num("year", req.year),
            ));
        }
        let folder = format!("rykkere-{}-{}", req.year, req.level);
        let mut files = Vec::new();
        let mut letters = Vec::new();
        let mut reminders = Vec::new();
        for l in chosen {
            let Some(m) = members.iter().find(|m| m.id == l.member) else {
                continue;
            };
            let first_sent = sent
                .iter()
                .find(|r| r.member == l.member && r.level == 1)
                .map(|r| r.sent_on);
            let w = wording(
                &a, &accounts, l, req.level, req.year, run.due_on, first_sent,
            );
            let email = m.email.as_deref().map(str::trim).filter(|e| !e.is_empty());
            let channel = if email.is_some() {
                ReminderChannel::Email
            } else {
                ReminderChannel::Letter
            };
            match email {
                Some(to) => files.push(self.reminder_eml(&a, m, to, &w, l.member_no, req.level)?),
                None => letters.push(kvorum_docs::ReminderLetter {
                    address: crate::documents::letter_address(m),
                    title: w.title.clone(),
                    paragraphs: w.paragraphs.clone(),
                    payment: w.payment.clone(),
                    closing: w.closing.clone(),
                }),
            }
            reminders.push(Reminder {
                id: ReminderId::new(),
                member: m.id,
                year: req.year,
                level: req.level,
                sent_on: today,
                channel,
                amount: l.owed,
            });
        }
        let emails = u32::try_from(files.len()).unwrap_or(u32::MAX);
        let letter_count = u32::try_from(letters.len()).unwrap_or(u32::MAX);
        if !letters.is_empty() {
            let title = if req.level >= 2 {
                format!("2. rykker for kontingent {}", req.year)
            } else {
                format!("Rykker for kontingent {}", req.year)
            };
            let sender: Vec<String> = [
                Some(a.name.clone()),
                a.address.clone(),
                Some(
                    [a.postal_code.as_deref(), a.city.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            ]
            .into_iter()
            .flatten()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
            let dated = match a.city.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
                Some(city) => format!("{city}, {}", format_date(today)),
                None => format_date(today),
            };
            let count = letters.len();
            let doc = kvorum_docs::RemindersDoc {
                association_name: a.name.clone(),
                sender,
                title,
                dated,
                printed_on: today,
                created_unix: self.clock.now().timestamp(),
                letters,
            };
            let bytes = kvorum_docs::reminders_pdf(&doc).map_err(crate::documents::pdf_failed)?;
            files.push(ExportFile {
                file_name: format!("{folder}-breve.pdf"),
                bytes,
                rows: count,
            });
        }
        Ok(ReminderBatch {
            folder,
            files,
            emails,
            letters: letter_count,
            reminders,
        })
    }

    /// Records the reminders of a batch whose files were saved, in one transaction; refused
    /// (nothing recorded) if one of them was recorded meanwhile on another laptop.
    pub async fn fee_reminders_record(&self, batch: &ReminderBatch) -> ApiResult<RemindersSaved> {
        let (mut tx, _) = self.begin_in_association().await?;
        tx.insert_reminders(&batch.reminders)
            .await
            .map_err(|e| match e {
                kvorum_store::StoreError::Unique(_) => {
                    ApiError::new(ErrorCode::Conflict, Text::new("reminder-sent-meanwhile"))
                }
                other => other.into(),
            })?;
        tx.commit().await?;
        Ok(RemindersSaved {
            folder: batch.folder.clone(),
            emails: batch.emails,
            letters: batch.letters,
            message: Text::new("reminders-saved")
                .num("emails", batch.emails)
                .num("letters", batch.letters)
                .render(self.lang),
        })
    }

    fn reminder_eml(
        &self,
        a: &Association,
        m: &Member,
        to: &str,
        w: &Wording,
        member_no: i64,
        level: u8,
    ) -> ApiResult<ExportFile> {
        use mail_builder::headers::address::Address;
        use mail_builder::headers::raw::Raw;
        use mail_builder::MessageBuilder;
        let mut body = w.paragraphs.join("\n\n");
        body.push_str("\n\n");
        for (label, value) in &w.payment {
            body.push_str(&format!("{label}: {value}\n"));
        }
        body.push('\n');
        body.push_str(&w.closing.join("\n"));
        body.push('\n');
        let eml = MessageBuilder::new()
            .to(Address::new_address(Some(m.name.clone()), to.to_owned()))
            .subject(format!("{} – {}", w.title, a.name))
            .header("X-Unsent", Raw::new("1"))
            .date(self.clock.now().timestamp())
            .text_body(body)
            .write_to_vec()
            .map_err(|e| {
                ApiError::new(
                    ErrorCode::Internal,
                    Text::new("email-failed").str("cause", e.to_string()),
                )
            })?;
        Ok(ExportFile {
            file_name: format!(
                "rykker-{level}-nr-{member_no}-{}.eml",
                crate::reports::slug(&m.name)
                    .chars()
                    .take(40)
                    .collect::<String>()
            ),
            bytes: eml,
            rows: 1,
        })
    }
}
