//! Every file Kvorum hands the user — PDFs, CSV, the calendar invitation and the e-mail
//! draft — behind one request type, so the shell has one "save as" command for all of them.

use chrono::NaiveDate;
use chrono::{NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Europe::Copenhagen;
use kvorum_core::dates::format_date;
use kvorum_core::ids::{ElectionId, GrantId, MeetingId};
use kvorum_core::meetings::{ItemKind, Meeting, MeetingKind, MinutesStatus};
use kvorum_core::members::MemberQuery;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::ExportFile;
use crate::meetings::{item_kind_of, when_text};
use crate::{Api, ApiError, ApiResult, ErrorCode};

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum ExportRequest {
    MembersCsv {
        query: MemberQuery,
    },
    MembersPdf {
        query: MemberQuery,
    },
    BylawsPdf,
    /// The notice (indkaldelse) with the proposals received so far, titles only.
    NoticePdf {
        meeting: MeetingId,
    },
    /// The final agenda with the proposals' full text and the board's recommendations.
    AgendaPdf {
        meeting: MeetingId,
    },
    AttendancePdf {
        meeting: MeetingId,
    },
    /// The newest minutes version, or the given one.
    MinutesPdf {
        meeting: MeetingId,
        #[ts(type = "number | null")]
        number: Option<i64>,
    },
    /// A calendar invitation (.ics).
    Calendar {
        meeting: MeetingId,
    },
    /// An e-mail draft (.eml) with the notice attached, members in Bcc.
    NoticeEmail {
        meeting: MeetingId,
    },
    /// Ballots for a written election, with the counters' tally sheet.
    BallotsPdf {
        election: ElectionId,
    },
    /// The board with positions and terms, on a day (default today).
    BoardPdf {
        on: Option<NaiveDate>,
    },
    /// Budget vs. actual per line with the chart, for a board meeting.
    BudgetFollowupPdf {
        year: i32,
    },
    /// The report to the grantor for a fiscal year.
    GrantReportPdf {
        grant: GrantId,
        year: i32,
    },
    /// The year's bookings for the accountant (`;`, BOM, Danish dates and amounts).
    BookingsCsv {
        year: i32,
    },
}

impl ExportRequest {
    /// The save dialog's filter: (label, extension).
    pub fn filter(&self) -> (&'static str, &'static str) {
        match self {
            ExportRequest::MembersCsv { .. } | ExportRequest::BookingsCsv { .. } => {
                ("CSV til Excel", "csv")
            }
            ExportRequest::Calendar { .. } => ("Kalenderfil", "ics"),
            ExportRequest::NoticeEmail { .. } => ("E-mail", "eml"),
            _ => ("PDF", "pdf"),
        }
    }
}

pub(crate) fn pdf_failed(e: kvorum_docs::pdf::PdfError) -> ApiError {
    ApiError::new(ErrorCode::Internal, format!("PDF'en kunne ikke laves: {e}"))
}

fn slug(m: &Meeting) -> String {
    let kind = match m.kind {
        MeetingKind::Ordinary => "generalforsamling",
        MeetingKind::Extraordinary => "ekstraordinaer-generalforsamling",
        MeetingKind::Board => "bestyrelsesmoede",
        MeetingKind::Other => "moede",
    };
    format!("{kind}-{}", m.date.format("%Y-%m-%d"))
}

impl Api {
    /// Makes the file for `request`.
    pub async fn export(&self, request: ExportRequest) -> ApiResult<ExportFile> {
        match request {
            ExportRequest::MembersCsv { query } => self.members_export_csv(query).await,
            ExportRequest::MembersPdf { query } => self.members_export_pdf(query).await,
            ExportRequest::BylawsPdf => self.bylaws_export_pdf().await,
            ExportRequest::NoticePdf { meeting } => self.notice_pdf(meeting, false).await,
            ExportRequest::AgendaPdf { meeting } => self.notice_pdf(meeting, true).await,
            ExportRequest::AttendancePdf { meeting } => self.attendance_pdf(meeting).await,
            ExportRequest::MinutesPdf { meeting, number } => {
                self.minutes_pdf(meeting, number).await
            }
            ExportRequest::Calendar { meeting } => self.meeting_ics(meeting).await,
            ExportRequest::NoticeEmail { meeting } => self.notice_eml(meeting).await,
            ExportRequest::BallotsPdf { election } => self.ballots_pdf(election).await,
            ExportRequest::BoardPdf { on } => self.board_pdf(on).await,
            ExportRequest::BudgetFollowupPdf { year } => self.budget_followup_pdf(year).await,
            ExportRequest::GrantReportPdf { grant, year } => {
                self.grant_report_pdf(grant, year).await
            }
            ExportRequest::BookingsCsv { year } => self.bookings_csv(year).await,
        }
    }

    async fn notice_doc(&self, id: MeetingId, full: bool) -> ApiResult<kvorum_docs::NoticeDoc> {
        let association = self.require_association().await?;
        let r = self.record(id).await?;
        let m = &r.meeting;
        let title = if full {
            format!("Dagsorden for {}", m.title().to_lowercase())
        } else {
            match m.kind {
                MeetingKind::Ordinary | MeetingKind::Extraordinary => {
                    format!("Indkaldelse til {}", m.kind.label_da().to_lowercase())
                }
                MeetingKind::Board => "Indkaldelse til bestyrelsesmøde".into(),
                MeetingKind::Other => format!(
                    "Indkaldelse til {}",
                    m.body.as_deref().unwrap_or("møde").to_lowercase()
                ),
            }
        };
        let mut intro = Vec::new();
        let mut outro = Vec::new();
        let deadline = kvorum_core::meetings::proposal_deadline(m, &r.rules);
        match m.kind {
            MeetingKind::Ordinary => {
                intro.push(format!(
                    "Bestyrelsen indkalder hermed til ordinær generalforsamling i {} efter vedtægterne.",
                    association.name
                ));
                if let (Some(d), false) = (deadline, full) {
                    intro.push(format!(
                        "Forslag, der ønskes behandlet, skal være bestyrelsen i hænde senest {}.{}",
                        format_date(d),
                        r.rules
                            .ordinary
                            .final_agenda_days
                            .map(|n| format!(
                                " Den endelige dagsorden med de indkomne forslag udsendes senest {n} dage før generalforsamlingen."
                            ))
                            .unwrap_or_default()
                    ));
                }
            }
            MeetingKind::Extraordinary => {
                intro.push(format!(
                    "Bestyrelsen indkalder hermed til ekstraordinær generalforsamling i {}{}.",
                    association.name,
                    m.demanded_by
                        .as_deref()
                        .map(|b| format!(", som er krævet af {b}"))
                        .unwrap_or_default()
                ));
                if m.second_of.is_some() {
                    intro.push("Generalforsamlingen indkaldes efter vedtægternes regel om en ny generalforsamling, fordi den forrige ikke var beslutningsdygtig. Forslaget kan vedtages uanset antallet af fremmødte.".into());
                }
            }
            MeetingKind::Board | MeetingKind::Other => {}
        }
        if m.kind.is_assembly() {
            let v = &r.rules.voting;
            let mut s = String::new();
            if v.fee_paid_required {
                s.push_str(&format!(
                    "Stemmeret har medlemmer, der har betalt kontingent for {}{}.",
                    m.date.format("%Y"),
                    if v.payment_days_before > 0 {
                        format!(
                            " senest {} dage før generalforsamlingen",
                            v.payment_days_before
                        )
                    } else {
                        String::new()
                    }
                ));
            } else {
                s.push_str("Alle medlemmer har stemmeret.");
            }
            if v.proxies_allowed {
                s.push_str(&format!(
                    " Man kan stemme ved skriftlig fuldmagt til et andet fremmødt medlem; hvert medlem kan højst have {} fuldmagt{}.",
                    v.max_proxies_per_member,
                    if v.max_proxies_per_member == 1 { "" } else { "er" }
                ));
            }
            outro.push(s);
        }
        let proposals_item = item_kind_of(&m.agenda, ItemKind::Proposals);
        Ok(kvorum_docs::NoticeDoc {
            association_name: association.name.clone(),
            title,
            when: when_text(m),
            place: if m.place.is_empty() {
                "(sted følger)".into()
            } else {
                m.place.clone()
            },
            intro,
            agenda: m.agenda.iter().map(|i| i.title.clone()).collect(),
            proposals_item,
            proposals: r
                .proposals
                .iter()
                .map(|p| kvorum_docs::NoticeProposal {
                    number: p.number,
                    title: p.title.clone(),
                    byline: format!(
                        "Stillet af {}, modtaget {}",
                        p.submitter_name,
                        format_date(p.received_on)
                    ),
                    text: {
                        let mut t = p.text.clone();
                        if let Some(a) = &p.amendment {
                            let clauses: Vec<String> = a
                                .clauses
                                .iter()
                                .enumerate()
                                .map(|(i, c)| format!("Stk. {}. {c}", i + 1))
                                .collect();
                            t.push_str(&format!(
                                "{}Forslag til ny tekst, »{}«: {}",
                                if t.is_empty() { "" } else { "\n" },
                                a.title,
                                clauses.join(" ")
                            ));
                        }
                        t
                    },
                    recommendation: p.recommendation.clone(),
                })
                .collect(),
            full_proposals: full,
            outro,
            signed_by: "Bestyrelsen".into(),
            printed_on: self.clock.today(),
            created_unix: self.clock.now().timestamp(),
        })
    }

    async fn notice_pdf(&self, id: MeetingId, full: bool) -> ApiResult<ExportFile> {
        let doc = self.notice_doc(id, full).await?;
        let m = self.store.meeting(id).await?;
        let bytes = kvorum_docs::notice_pdf(&doc).map_err(pdf_failed)?;
        Ok(ExportFile {
            file_name: format!(
                "{}-{}.pdf",
                if full { "dagsorden" } else { "indkaldelse" },
                slug(&m)
            ),
            bytes,
            rows: 0,
        })
    }

    async fn attendance_pdf(&self, id: MeetingId) -> ApiResult<ExportFile> {
        let association = self.require_association().await?;
        let m = self.store.meeting(id).await?;
        let voters = self.meeting_voters(id).await?;
        let doc = kvorum_docs::AttendanceSheet {
            association_name: association.name.clone(),
            meeting_title: m.title(),
            when: m.when_and_where(),
            rows: voters
                .iter()
                .map(|v| kvorum_docs::AttendanceRow {
                    member_no: v.member_no,
                    name: v.name.clone(),
                    voting: if v.voting.entitled {
                        "Ja".into()
                    } else {
                        format!("Nej: {}", v.voting.reasons.join("; "))
                    },
                })
                .collect(),
            printed_on: self.clock.today(),
            created_unix: self.clock.now().timestamp(),
        };
        let bytes = kvorum_docs::attendance_pdf(&doc).map_err(pdf_failed)?;
        Ok(ExportFile {
            file_name: format!("fremmoedeliste-{}.pdf", slug(&m)),
            bytes,
            rows: voters.len(),
        })
    }

    async fn minutes_pdf(&self, id: MeetingId, number: Option<i64>) -> ApiResult<ExportFile> {
        let association = self.require_association().await?;
        let m = self.store.meeting(id).await?;
        let all = self.store.minutes(Some(id)).await?;
        let minutes = match number {
            Some(n) => all.iter().find(|x| x.number == n),
            None => all.iter().max_by_key(|x| x.number),
        }
        .ok_or_else(|| ApiError::not_found("Referatet"))?;
        let mut status_lines = Vec::new();
        let draft = minutes.status == MinutesStatus::Draft;
        if draft {
            status_lines.push("UDKAST – ikke godkendt".to_owned());
        } else if let Some(on) = minutes.approved_on {
            status_lines.push(format!("Godkendt {}", format_date(on)));
        }
        if let Some(c) = minutes.corrects {
            status_lines.push(format!(
                "Version {}, retter version {}{}",
                minutes.number,
                c,
                minutes
                    .correction_note
                    .as_deref()
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default()
            ));
        }
        let title = match m.kind {
            MeetingKind::Other => format!(
                "Referat af {}",
                m.body.as_deref().unwrap_or("møde").to_lowercase()
            ),
            k => format!("Referat af {}", k.label_da().to_lowercase()),
        };
        let doc = kvorum_docs::MinutesDoc {
            association_name: association.name.clone(),
            title,
            when: m.when_and_where(),
            text: minutes.text.clone(),
            status_lines,
            draft,
            signatories: minutes
                .signatories
                .iter()
                .map(|s| (s.role.clone(), s.name.clone()))
                .collect(),
            date_line: match minutes.approved_on {
                Some(d) => format!("Dato: {}", format_date(d)),
                None => "Dato: ____________".into(),
            },
            hash: minutes.hash.clone(),
            printed_on: self.clock.today(),
            created_unix: self.clock.now().timestamp(),
        };
        let bytes = kvorum_docs::minutes_pdf(&doc).map_err(pdf_failed)?;
        Ok(ExportFile {
            file_name: format!("referat-{}-v{}.pdf", slug(&m), minutes.number),
            bytes,
            rows: 0,
        })
    }

    /// The meeting as a calendar event (start time, or 19.00, in Danish time; 3 hours).
    async fn meeting_ics(&self, id: MeetingId) -> ApiResult<ExportFile> {
        use icalendar::{Calendar, Component, EventLike};
        let association = self.require_association().await?;
        let m = self.store.meeting(id).await?;
        let start_local = NaiveDateTime::new(
            m.date,
            m.start_time
                .unwrap_or_else(|| NaiveTime::from_hms_opt(19, 0, 0).unwrap_or_default()),
        );
        let start = Copenhagen
            .from_local_datetime(&start_local)
            .earliest()
            .map(|t| t.with_timezone(&chrono::Utc))
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::Validation,
                    "Mødets tidspunkt findes ikke i dansk tid (sommertidsskift).",
                )
            })?;
        let end = match m.end_time {
            Some(e) => Copenhagen
                .from_local_datetime(&NaiveDateTime::new(m.date, e))
                .earliest()
                .map(|t| t.with_timezone(&chrono::Utc))
                .unwrap_or(start + chrono::Duration::hours(3)),
            None => start + chrono::Duration::hours(3),
        };
        let agenda: Vec<String> = m
            .agenda
            .iter()
            .enumerate()
            .map(|(i, a)| format!("{}. {}", i + 1, a.title))
            .collect();
        let event = icalendar::Event::new()
            .uid(&format!("{}@kvorum", m.id))
            .timestamp(self.clock.now())
            .summary(&format!("{}: {}", association.name, m.title()))
            .description(&format!("Dagsorden:\n{}", agenda.join("\n")))
            .location(&m.place)
            .starts(start)
            .ends(end)
            .done();
        let cal = Calendar::new().push(event).done();
        Ok(ExportFile {
            file_name: format!("{}.ics", slug(&m)),
            bytes: cal.to_string().into_bytes(),
            rows: 1,
        })
    }

    /// An e-mail draft (`.eml`, marked unsent so mail programs open it for editing) with the
    /// notice PDF attached and every member with an e-mail and consent in Bcc.
    async fn notice_eml(&self, id: MeetingId) -> ApiResult<ExportFile> {
        use mail_builder::headers::address::Address;
        use mail_builder::headers::raw::Raw;
        use mail_builder::MessageBuilder;
        let association = self.require_association().await?;
        let m = self.store.meeting(id).await?;
        let pdf = self.notice_pdf(id, false).await?;
        let doc = self.notice_doc(id, false).await?;
        let snap = self.member_snapshot().await?;
        let recipients: Vec<(String, String)> = snap
            .members
            .iter()
            .filter(|x| x.active_on(m.date) && x.email_consent)
            .filter_map(|x| x.email.clone().map(|e| (x.name.clone(), e)))
            .collect();
        if recipients.is_empty() {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Ingen medlemmer har både en e-mailadresse og samtykke til e-mail. Send indkaldelsen på papir, eller tilføj e-mail og samtykke under Medlemmer.",
            ));
        }
        let mut body = format!("Kære medlem\n\n{}\n\n", doc.intro.join("\n\n"));
        body.push_str(&format!(
            "Tid: {}\nSted: {}\n\nDagsorden:\n",
            doc.when, doc.place
        ));
        for (i, item) in doc.agenda.iter().enumerate() {
            body.push_str(&format!("{}. {item}\n", i + 1));
        }
        body.push_str(&format!(
            "\n{}\n\nIndkaldelsen er vedhæftet som PDF.\n\nMed venlig hilsen\nBestyrelsen, {}\n",
            doc.outro.join("\n\n"),
            association.name
        ));
        let bcc: Vec<Address> = recipients
            .iter()
            .map(|(n, e)| Address::new_address(Some(n.clone()), e.clone()))
            .collect();
        let eml = MessageBuilder::new()
            .bcc(Address::new_list(bcc))
            .subject(format!("{} – {}", doc.title, format_date(m.date)))
            .header("X-Unsent", Raw::new("1"))
            .date(self.clock.now().timestamp())
            .text_body(body)
            .attachment("application/pdf", pdf.file_name.clone(), pdf.bytes)
            .write_to_vec()
            .map_err(|e| {
                ApiError::new(
                    ErrorCode::Internal,
                    format!("E-mailen kunne ikke laves: {e}"),
                )
            })?;
        Ok(ExportFile {
            file_name: format!("indkaldelse-{}.eml", slug(&m)),
            bytes: eml,
            rows: recipients.len(),
        })
    }
}

impl Api {
    async fn ballots_pdf(&self, id: ElectionId) -> ApiResult<ExportFile> {
        let association = self.require_association().await?;
        let v = self.election_get(id).await?;
        let m = self.store.meeting(v.election.meeting_id).await?;
        let mut candidates: Vec<String> = v
            .election
            .candidates
            .iter()
            .filter(|c| c.eligible && c.accepts)
            .map(|c| c.name.clone())
            .collect();
        candidates.sort_by_key(|n| kvorum_core::members::danish_collate(n));
        if candidates.is_empty() {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Der er ingen kandidater, der har sagt ja. Tilføj kandidaterne først.",
            ));
        }
        let doc = kvorum_docs::BallotsDoc {
            association_name: association.name.clone(),
            title: v.title.clone(),
            meeting: format!("{} {}", m.kind.label_da(), format_date(m.date)),
            candidates,
            max_marks: v.election.max_marks,
            // One per vote in the room and a few spare; 30 when nobody is checked in yet.
            count: match v.votes_in_room.max(v.election.present_with_vote) {
                0 => 30,
                n => n + n.div_ceil(10),
            },
            printed_on: self.clock.today(),
            created_unix: self.clock.now().timestamp(),
        };
        let bytes = kvorum_docs::ballots_pdf(&doc).map_err(pdf_failed)?;
        Ok(ExportFile {
            file_name: format!(
                "stemmesedler-{}-{}.pdf",
                v.election.kind.code(),
                m.date.format("%Y-%m-%d")
            ),
            bytes,
            rows: 0,
        })
    }

    async fn board_pdf(&self, on: Option<NaiveDate>) -> ApiResult<ExportFile> {
        let association = self.require_association().await?;
        let b = self.board_register(on).await?;
        let doc = kvorum_docs::BoardListDoc {
            association_name: association.name.clone(),
            on: b.on,
            rows: b
                .current
                .iter()
                .map(|t| {
                    [
                        t.kind_label.clone(),
                        t.term.name.clone(),
                        t.position.clone().unwrap_or_default(),
                        t.period.clone(),
                    ]
                })
                .collect(),
            printed_on: self.clock.today(),
            created_unix: self.clock.now().timestamp(),
        };
        let bytes = kvorum_docs::board_list_pdf(&doc).map_err(pdf_failed)?;
        Ok(ExportFile {
            file_name: format!("bestyrelsen-{}.pdf", b.on.format("%Y-%m-%d")),
            bytes,
            rows: b.current.len(),
        })
    }
}
