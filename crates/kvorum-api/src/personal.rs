//! Personal data by the book. A member's own data (indsigt, GDPR art. 15, and portability,
//! art. 20): everything Kvorum holds about one person, found table by table by the store
//! ([`kvorum_store::Store::rows_about`]), as a PDF the person can read and a JSON file a
//! machine can, in one ZIP. The yearly clean-up: who is due to be anonymised by the
//! retention periods, and the anonymisation, which takes the person out of every record
//! while the books and the approved minutes stay as they are.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use chrono::{DateTime, Utc};
use kvorum_core::dates::{format_date, format_time};
use kvorum_core::ids::MemberId;
use kvorum_core::members::Member;
use kvorum_core::privacy::{
    anonymous_name, cleanup_due, validate_retention, words_for, CleanupDue, Retention,
};
use kvorum_core::text::Text;
use kvorum_core::Money;
use kvorum_store::transfer::{RowAbout, Value};
use kvorum_store::Reader;
use serde_json::json;

use crate::dto::ExportFile;
use crate::{Api, ApiError, ApiResult, ErrorCode};

/// How one kind of record is shown in the PDF: its title, what it is, and its columns
/// (column, heading, width in mm). The JSON file has every column.
struct Shown {
    table: &'static str,
    title: &'static str,
    note: Option<&'static str>,
    columns: &'static [(&'static str, &'static str, f32)],
}

const SHOWN: &[Shown] = &[
    Shown {
        table: "fee_payments",
        title: "Kontingentbetalinger",
        note: Some("Gemmes som en del af bogføringen i fem år efter regnskabsårets udløb."),
        columns: &[
            ("year", "For år", 20.0),
            ("paid_on", "Betalt", 26.0),
            ("amount_ore", "Beløb", 32.0),
            ("method", "Betalt med", 40.0),
            ("voucher_no", "Bilag", 20.0),
        ],
    },
    Shown {
        table: "fee_reminders",
        title: "Rykkere for kontingent",
        note: None,
        columns: &[
            ("year", "For år", 20.0),
            ("level", "Rykker", 20.0),
            ("sent_on", "Sendt", 26.0),
            ("channel", "Sendt som", 30.0),
            ("amount_ore", "Beløb", 32.0),
        ],
    },
    Shown {
        table: "consents",
        title: "Samtykker",
        note: Some("Hvad du har givet samtykke til, hvordan, og hvornår det evt. blev trukket tilbage. Du kan altid trække et samtykke tilbage."),
        columns: &[
            ("kind", "Samtykke", 38.0),
            ("given_on", "Givet", 22.0),
            ("given_how", "Hvordan", 56.0),
            ("recorded_by", "Registreret af", 30.0),
            ("withdrawn_on", "Trukket tilbage", 28.0),
        ],
    },
    Shown {
        table: "bookings",
        title: "Posteringer i regnskabet",
        note: Some("Posteringer, der er dine betalinger eller nævner dig. Bogføringen gemmes i fem år efter regnskabsårets udløb."),
        columns: &[
            ("booked_on", "Dato", 24.0),
            ("voucher_no", "Bilag", 16.0),
            ("text", "Tekst", 104.0),
            ("amount_ore", "Beløb", 30.0),
        ],
    },
    Shown {
        table: "attendance",
        title: "Fremmøde på møder",
        note: None,
        columns: &[
            ("meeting_id", "Møde", 76.0),
            ("voting", "Stemmeret", 22.0),
            ("reason", "Bemærkning", 40.0),
            ("checked_in_at", "Tjekket ind", 36.0),
        ],
    },
    Shown {
        table: "proxies",
        title: "Fuldmagter",
        note: None,
        columns: &[
            ("meeting_id", "Møde", 74.0),
            ("giver", "Givet af", 50.0),
            ("holder", "Til", 50.0),
        ],
    },
    Shown {
        table: "proposals",
        title: "Forslag, du har stillet eller som nævner dig",
        note: None,
        columns: &[
            ("meeting_id", "Møde", 70.0),
            ("number", "Nr.", 10.0),
            ("title", "Titel", 70.0),
            ("received_on", "Modtaget", 24.0),
        ],
    },
    Shown {
        table: "board_terms",
        title: "Tillidsposter",
        note: None,
        columns: &[
            ("kind", "Post", 40.0),
            ("start", "Fra", 26.0),
            ("ended_on", "Til", 26.0),
            ("end_reason", "Hvorfor ophørt", 82.0),
        ],
    },
    Shown {
        table: "elections",
        title: "Valg, hvor du var kandidat",
        note: Some("Hvem der stillede op, og hvor mange stemmer hver fik. Stemmesedlerne er hemmelige og ikke knyttet til nogen."),
        columns: &[("meeting_id", "Møde", 100.0), ("seats", "Pladser", 20.0)],
    },
    Shown {
        table: "meetings",
        title: "Møder, der nævner dig",
        note: Some("Fx som dirigent, referent eller blandt dem, der krævede mødet."),
        columns: &[("id", "Møde", 110.0), ("place", "Sted", 64.0)],
    },
    Shown {
        table: "decisions",
        title: "Beslutninger, der nævner dig",
        note: None,
        columns: &[("meeting_id", "Møde", 84.0), ("subject", "Punkt", 90.0)],
    },
    Shown {
        table: "minutes",
        title: "Referater, der nævner dig",
        note: Some("Et godkendt referat er foreningens protokol og ændres ikke; det udleveres i sin helhed på forespørgsel."),
        columns: &[
            ("meeting_id", "Møde", 100.0),
            ("number", "Version", 20.0),
            ("status", "Status", 24.0),
            ("approved_on", "Godkendt", 30.0),
        ],
    },
    Shown {
        table: "audit_log",
        title: "Ændringsloggen",
        note: Some("Hvem der har oprettet og ændret oplysningerne om dig, og hvornår."),
        columns: &[
            ("at", "Tidspunkt", 34.0),
            ("actor", "Af", 40.0),
            ("changes", "Hvad", 100.0),
        ],
    },
];

/// The members table's columns in the order and words of the register.
const FACTS: &[(&str, &str)] = &[
    ("member_no", "Medlemsnr."),
    ("name", "Navn"),
    ("address", "Adresse"),
    ("postal_code", "Postnr."),
    ("city", "By"),
    ("email", "E-mail"),
    ("phone", "Telefon"),
    ("birth_date", "Fødselsdato"),
    ("birth_year", "Fødselsår"),
    ("joined_on", "Indmeldt"),
    ("left_on", "Udmeldt"),
    ("left_reason", "Grund til udmeldelse"),
    ("membership_type", "Medlemstype"),
    ("roles", "Roller"),
    ("email_consent", "Må kontaktes på e-mail"),
    ("created_at", "Oprettet i registret"),
    ("updated_at", "Senest ændret"),
];

fn stamp(t: &DateTime<Utc>) -> String {
    let local = t.with_timezone(&chrono_tz::Europe::Copenhagen);
    format!(
        "{} kl. {}",
        format_date(local.date_naive()),
        format_time(local.time())
    )
}

/// A value as the JSON file has it: ids and text as strings, dates in ISO form, money in
/// øre as stored; a file's bytes by their size only.
fn json_of(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Uuid(u) => json!(u.to_string()),
        Value::Text(s) => json!(s),
        Value::Int(n) => json!(n),
        Value::BigInt(n) => json!(n),
        Value::Bool(b) => json!(b),
        Value::Date(d) => json!(d.to_string()),
        Value::Time(t) => json!(t.format("%H:%M:%S").to_string()),
        Value::Timestamp(t) => json!(t.to_rfc3339()),
        Value::Bytes(b) => json!({ "bytes": b.len() }),
    }
}

/// Names for the ids a record refers to: meetings and members.
struct Names {
    meetings: HashMap<uuid::Uuid, String>,
    members: HashMap<uuid::Uuid, String>,
    consent_kinds: Vec<kvorum_core::consent::ConsentKind>,
}

impl Names {
    /// One column's value as the PDF shows it.
    fn shown(&self, table: &str, column: &str, v: &Value) -> String {
        match v {
            Value::Null => String::new(),
            Value::Uuid(u) if column == "meeting_id" || (table == "meetings" && column == "id") => {
                self.meetings.get(u).cloned().unwrap_or_default()
            }
            Value::Uuid(u) => self.members.get(u).cloned().unwrap_or_default(),
            Value::Text(s) => match (table, column) {
                ("board_terms", "kind") => kvorum_core::board::SeatKind::from_code(s)
                    .map(|k| k.label_da().to_owned())
                    .unwrap_or_else(|| s.clone()),
                ("fee_reminders", "channel") => {
                    if s == "letter" { "brev" } else { "e-mail" }.to_owned()
                }
                ("fee_payments", "method") => method_da(s).to_owned(),
                ("consents", "kind") => self
                    .consent_kinds
                    .iter()
                    .find(|k| k.code == *s)
                    .map_or_else(|| s.clone(), |k| k.name.clone()),
                ("minutes", "status") => if s == "approved" {
                    "godkendt"
                } else {
                    "udkast"
                }
                .to_owned(),
                _ => s.clone(),
            },
            Value::Int(n) => n.to_string(),
            Value::BigInt(n) if column.ends_with("_ore") => Money(*n).format_dkk(),
            Value::BigInt(n) => n.to_string(),
            Value::Bool(b) => if *b { "ja" } else { "nej" }.to_owned(),
            Value::Date(d) => format_date(*d),
            Value::Time(t) => format_time(*t),
            Value::Timestamp(t) => stamp(t),
            Value::Bytes(b) => format!("fil, {} bytes", b.len()),
        }
    }
}

fn method_da(code: &str) -> &str {
    match code {
        "cash" => "kontant",
        "mobilePay" | "mobilepay" => "MobilePay",
        "bankTransfer" | "bank" => "bankoverførsel",
        other => other,
    }
}

impl Api {
    /// Everything Kvorum holds about one member: `indsigt-nr-12-karin-hansen.zip` with the
    /// PDF to read, the JSON file with every stored column, and a note on what it is.
    pub(crate) async fn subject_access(&self, id: MemberId) -> ApiResult<ExportFile> {
        let a = self.require_association().await?;
        let m = self
            .store
            .member(id)
            .await
            .map_err(|e| ApiError::from_store(e, "Medlemmet"))?;
        let members = self.store.members().await?;
        let words = self.words_of(&m, &members).await?;
        let rows = self.store.rows_about(id.0, &words).await?;
        let meetings = self.store.reader().meetings().await?;
        let names = Names {
            meetings: meetings
                .iter()
                .map(|x| {
                    let what = x
                        .body
                        .clone()
                        .unwrap_or_else(|| x.kind.label_da().to_owned());
                    (x.id.0, format!("{what} {}", format_date(x.date)))
                })
                .collect(),
            members: members
                .iter()
                .map(|x| (x.id.0, format!("nr. {} {}", x.member_no, x.name)))
                .collect(),
            consent_kinds: self.store.consent_kinds().await?,
        };
        let today = self.clock.today();
        let notes = [
            "Kvorum gemmer aldrig CPR-numre.".to_owned(),
            "Stemmesedler ved skriftlige valg er hemmelige: de er ikke knyttet til nogen person og kan derfor ikke udleveres.".to_owned(),
            "Indholdet af filer, foreningen har gemt (bilag og kontoudtog, som de blev indlæst), er ikke gennemsøgt; et bilag eller en bankpostering kan nævne dig.".to_owned(),
        ];
        let types = self.store.membership_types().await?;
        let pdf = self.subject_access_pdf(&a.name, &m, &types, &rows, &names, &notes)?;
        let data = subject_access_json(&a.name, &m, &rows, &notes, today);
        let base = format!(
            "indsigt-nr-{}-{}",
            m.member_no,
            crate::reports::slug(&m.name)
        );
        let readme = Text::new("subject-access-readme")
            .str("name", &m.name)
            .str("association", &a.name)
            .str("date", format_date(today))
            .render(self.lang);
        let failed = |e: std::io::Error| {
            ApiError::new(
                ErrorCode::Internal,
                Text::new("subject-access-failed").str("cause", e.to_string()),
            )
        };
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in [
            (format!("{base}.pdf"), pdf),
            (format!("{base}.json"), data.into_bytes()),
            ("LÆS MIG.txt".to_owned(), readme.into_bytes()),
        ] {
            out.start_file(name, opts)
                .map_err(|e| failed(std::io::Error::other(e)))?;
            out.write_all(&bytes).map_err(failed)?;
        }
        let bytes = out
            .finish()
            .map_err(|e| failed(std::io::Error::other(e)))?
            .into_inner();
        Ok(ExportFile {
            file_name: format!("{base}.zip"),
            bytes,
            rows: rows.len(),
        })
    }

    fn subject_access_pdf(
        &self,
        association: &str,
        m: &Member,
        types: &[kvorum_core::members::MembershipType],
        rows: &[RowAbout],
        names: &Names,
        notes: &[String],
    ) -> ApiResult<Vec<u8>> {
        let today = self.clock.today();
        let of = |table: &'static str| rows.iter().filter(move |r| r.table == table);
        let facts: Vec<(String, String)> = of("members")
            .filter(|r| matches!(r.get("id"), Some(Value::Uuid(u)) if *u == m.id.0))
            .flat_map(|r| {
                FACTS.iter().map(move |(c, label)| {
                    let shown = match (*c, r.get(c)) {
                        ("membership_type", _) => types
                            .iter()
                            .find(|t| t.code == m.membership_type)
                            .map_or_else(|| m.membership_type.clone(), |t| t.name.clone()),
                        ("roles", _) => m
                            .roles
                            .iter()
                            .map(|x| x.label_da())
                            .collect::<Vec<_>>()
                            .join(", "),
                        (_, Some(v)) => names.shown("members", c, v),
                        (_, None) => String::new(),
                    };
                    ((*label).to_owned(), shown)
                })
            })
            .collect();
        let mut sections = Vec::new();
        for s in SHOWN {
            let found: Vec<&RowAbout> = of(s.table).collect();
            // The log's entries and the bookings are always shown; other kinds when found.
            if found.is_empty() && !matches!(s.table, "fee_payments" | "audit_log") {
                continue;
            }
            let shown_rows = found
                .iter()
                .map(|r| {
                    s.columns
                        .iter()
                        .map(|(c, _, _)| match (s.table, *c) {
                            ("audit_log", "changes") => {
                                let text = |k: &str| match r.get(k) {
                                    Some(Value::Text(t)) => t.as_str(),
                                    _ => "",
                                };
                                crate::members::describe_change(
                                    text("entity"),
                                    text("action"),
                                    text("changes"),
                                    &names.consent_kinds,
                                )
                            }
                            _ => r
                                .get(c)
                                .map(|v| names.shown(s.table, c, v))
                                .unwrap_or_default(),
                        })
                        .collect()
                })
                .collect();
            sections.push(kvorum_docs::AccessSection {
                title: s.title.to_owned(),
                note: s.note.map(str::to_owned),
                columns: s
                    .columns
                    .iter()
                    .map(|(_, h, w)| ((*h).to_owned(), *w))
                    .collect(),
                rows: shown_rows,
            });
        }
        // Any other table that names the person: its columns as they are called.
        let mut others: Vec<&str> = rows
            .iter()
            .map(|r| r.table)
            .filter(|t| *t != "members" && !SHOWN.iter().any(|s| s.table == *t))
            .collect();
        others.dedup();
        for t in others {
            let found: Vec<&RowAbout> = of(t).collect();
            let columns: Vec<&str> = found[0]
                .columns
                .iter()
                .filter(|(_, v)| !matches!(v, Value::Uuid(_) | Value::Bytes(_)))
                .map(|(c, _)| *c)
                .take(4)
                .collect();
            let width = 174.0 / columns.len().max(1) as f32;
            sections.push(kvorum_docs::AccessSection {
                title: format!("Andet: {t}"),
                note: None,
                columns: columns.iter().map(|c| ((*c).to_owned(), width)).collect(),
                rows: found
                    .iter()
                    .map(|r| {
                        columns
                            .iter()
                            .map(|c| r.get(c).map(|v| names.shown(t, c, v)).unwrap_or_default())
                            .collect()
                    })
                    .collect(),
            });
        }
        let doc = kvorum_docs::SubjectAccessDoc {
            association_name: association.to_owned(),
            person: format!("{}, medlem nr. {}", m.name, m.member_no),
            printed_on: today,
            created_unix: self.clock.now().timestamp(),
            intro: vec![
                format!("Her er alt, hvad {association} har registreret om dig i Kvorum pr. {}. Du har ret til at se dine oplysninger og få dem med dig (databeskyttelsesforordningens artikel 15 og 20). Samme oplysninger findes i den vedlagte JSON-fil, som et andet program kan læse.", format_date(today)),
            ],
            facts,
            sections,
            closing: notes
                .iter()
                .cloned()
                .chain([
                    "Er noget forkert, kan du bede om at få det rettet. Når du er udmeldt, og oplysningerne ikke længere skal gemmes, bliver de slettet eller gjort anonyme. Spørg bestyrelsen, hvis du vil vide mere.".to_owned(),
                ])
                .collect(),
        };
        kvorum_docs::subject_access_pdf(&doc).map_err(crate::documents::pdf_failed)
    }
}

/// The machine-readable file: every stored column of every record found, table by table.
fn subject_access_json(
    association: &str,
    m: &Member,
    rows: &[RowAbout],
    notes: &[String],
    today: chrono::NaiveDate,
) -> String {
    let mut tables = serde_json::Map::new();
    for r in rows {
        let record: serde_json::Map<String, serde_json::Value> = r
            .columns
            .iter()
            .map(|(c, v)| ((*c).to_owned(), json_of(v)))
            .collect();
        if let Some(list) = tables
            .entry(r.table.to_owned())
            .or_insert_with(|| json!([]))
            .as_array_mut()
        {
            list.push(serde_json::Value::Object(record));
        }
    }
    let doc = json!({
        "association": association,
        "deliveredOn": today.to_string(),
        "person": { "memberNo": m.member_no, "name": m.name, "id": m.id.0.to_string() },
        "notes": notes,
        "tables": tables,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// The yearly clean-up (oprydning): the retention periods, who is due and why, who was
/// anonymised before.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CleanupView {
    pub retention: Retention,
    pub due: Vec<CleanupDue>,
    /// Frikort workers whose wages have been kept the books' period.
    pub frikort: Vec<kvorum_core::privacy::FrikortDue>,
    /// Entries anonymised before: (member no., the day).
    pub done: Vec<CleanupDone>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CleanupDone {
    #[ts(type = "number")]
    pub member_no: i64,
    pub on: chrono::NaiveDate,
}

/// The entries to anonymise (those listed as due, that the board confirmed).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CleanupRun {
    pub members: Vec<MemberId>,
    /// Frikort workers whose names are due to go.
    #[serde(default)]
    pub frikort: Vec<kvorum_core::ids::FrikortWorkerId>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CleanupOutcome {
    pub anonymised: u32,
    /// Rows rewritten without the people, over all tables.
    pub records: u32,
    pub message: String,
    pub view: CleanupView,
}

impl Api {
    pub async fn cleanup_get(&self) -> ApiResult<CleanupView> {
        self.require_association().await?;
        Self::cleanup_in(&mut self.store.reader(), self.clock.today()).await
    }

    async fn cleanup_in(db: &mut Reader<'_>, today: chrono::NaiveDate) -> ApiResult<CleanupView> {
        let retention = db.retention().await?;
        let members = db.members().await?;
        let paid: HashSet<MemberId> = db
            .payments(None)
            .await?
            .into_iter()
            .map(|p| p.member_id)
            .collect();
        let anonymised = db.anonymised().await?;
        let done_ids: HashSet<MemberId> = anonymised.iter().map(|(m, _)| *m).collect();
        let due = cleanup_due(&members, &paid, &done_ids, &retention, today);
        let done = anonymised
            .iter()
            .filter_map(|(id, on)| {
                members.iter().find(|m| m.id == *id).map(|m| CleanupDone {
                    member_no: m.member_no,
                    on: *on,
                })
            })
            .collect();
        let frikort =
            kvorum_core::privacy::frikort_due(&db.frikort_worker_years().await?, &retention, today);
        Ok(CleanupView {
            retention,
            due,
            frikort,
            done,
        })
    }

    /// What the person is found and replaced by ([`words_for`]), with the log's record of
    /// the entry's changes for what they were called and reached at before.
    async fn words_of(&self, m: &Member, members: &[Member]) -> ApiResult<Vec<(String, String)>> {
        let entries = self
            .store
            .audit_log(Some(&m.id.to_string()), 10_000)
            .await?;
        let history: Vec<&str> = entries
            .iter()
            .filter(|e| e.entity == "member")
            .map(|e| e.changes.as_str())
            .collect();
        Ok(words_for(m, &history, members))
    }

    /// Saves the retention periods (the version the board started from).
    pub async fn retention_set(&self, r: Retention) -> ApiResult<CleanupView> {
        validate_retention(&r).map_err(ApiError::validation)?;
        let mut tx = self.begin().await?;
        tx.set_retention(&r)
            .await
            .map_err(|e| ApiError::from_store(e, "Indstillingerne"))?;
        tx.commit().await?;
        self.cleanup_get().await
    }

    /// Anonymises the entries the board confirmed, all or none: each must be due today.
    /// Every record that named the person is rewritten without them, in one transaction;
    /// payments, bookings' amounts, vouchers and approved minutes stay as they are.
    pub async fn cleanup_run(&self, run: CleanupRun) -> ApiResult<CleanupOutcome> {
        if run.members.is_empty() && run.frikort.is_empty() {
            return Err(ApiError::refused(Text::new("cleanup-none-chosen")));
        }
        let today = self.clock.today();
        let (mut tx, _) = self.begin_in_association().await?;
        let view = Self::cleanup_in(&mut tx.reader(), today).await?;
        let members = tx.members().await?;
        let mut records = 0usize;
        let mut minutes = 0usize;
        let mut chosen = run.members.clone();
        chosen.sort_unstable_by_key(|m| m.0);
        chosen.dedup();
        for id in &chosen {
            let Some(due) = view.due.iter().find(|d| d.member == *id) else {
                return Err(ApiError::refused(Text::new("cleanup-not-due")));
            };
            let m = members
                .iter()
                .find(|m| m.id == *id)
                .ok_or_else(|| ApiError::not_found("Medlemmet"))?;
            let words = self.words_of(m, &members).await?;
            let done = tx.anonymise_records(m.id.0, &words).await?;
            records += done.changed.iter().map(|(_, n)| n).sum::<usize>();
            minutes += done.approved_minutes;
            tx.anonymise_member(m, &anonymous_name(due.member_no), today)
                .await
                .map_err(|e| ApiError::from_store(e, "Medlemmet"))?;
            records += 1;
        }
        let mut workers = run.frikort.clone();
        workers.sort_unstable_by_key(|w| w.0);
        workers.dedup();
        for w in &workers {
            let Some(due) = view.frikort.iter().find(|d| d.worker == *w) else {
                return Err(ApiError::refused(Text::new("cleanup-not-due")));
            };
            let anonymous = kvorum_core::privacy::anonymous_frikort_name(due.last_year);
            records += tx
                .anonymise_frikort_worker(*w, &due.name, &anonymous)
                .await
                .map_err(|e| ApiError::from_store(e, "Frikortmodtageren"))?;
        }
        tx.commit().await?;
        let n = chosen.len();
        let mut message = if n > 0 {
            Text::new("cleanup-done")
                .num("n", i64::try_from(n).unwrap_or(0))
                .num("records", i64::try_from(records).unwrap_or(0))
                .render(self.lang)
        } else {
            String::new()
        };
        if !workers.is_empty() {
            if !message.is_empty() {
                message.push(' ');
            }
            message.push_str(
                &Text::new("cleanup-frikort-done")
                    .num("n", i64::try_from(workers.len()).unwrap_or(0))
                    .render(self.lang),
            );
        }
        if minutes > 0 {
            message.push(' ');
            message.push_str(
                &Text::new("cleanup-minutes-kept")
                    .num("n", i64::try_from(minutes).unwrap_or(0))
                    .render(self.lang),
            );
        }
        Ok(CleanupOutcome {
            anonymised: u32::try_from(n + workers.len()).unwrap_or(u32::MAX),
            records: u32::try_from(records).unwrap_or(u32::MAX),
            message,
            view: self.cleanup_get().await?,
        })
    }
}
