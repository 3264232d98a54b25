//! The export request dispatched, and the notice: PDF, e-mail draft and calendar file.

use super::*;

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
            ExportRequest::NoticeLetters { meeting } => self.notice_letters(meeting).await,
            ExportRequest::BallotsPdf { election } => self.ballots_pdf(election).await,
            ExportRequest::BoardPdf { on } => self.board_pdf(on).await,
            ExportRequest::BudgetFollowupPdf { year } => self.budget_followup_pdf(year).await,
            ExportRequest::GrantReportPdf { grant, year } => {
                self.grant_report_pdf(grant, year).await
            }
            ExportRequest::BookingsCsv { year } => self.bookings_csv(year).await,
            ExportRequest::AnnualAccountsPdf { year } => self.annual_accounts_pdf(year).await,
            ExportRequest::VoucherFile { id } => self.voucher_file(id).await,
            ExportRequest::AuditPackage { year } => self.audit_package(year).await,
            // The package holds other exports: boxed, as an async fn calling itself must be.
            ExportRequest::Handover => Box::pin(self.handover()).await,
            ExportRequest::SubjectAccess { member } => self.subject_access(member).await,
            ExportRequest::ProcessingRecord => self.processing_record_pdf().await,
        }
    }

    pub(crate) async fn notice_doc(
        &self,
        id: MeetingId,
        full: bool,
    ) -> ApiResult<kvorum_docs::NoticeDoc> {
        let association = self.require_association().await?;
        let r = self.record(id).await?;
        let m = &r.meeting;
        // Another body's name is printed as the association wrote it ("Husmødet i Perronen").
        let title = if full {
            match m.kind {
                MeetingKind::Other => format!("Dagsorden for {}", m.title()),
                _ => format!("Dagsorden for {}", m.title().to_lowercase()),
            }
        } else {
            match m.kind {
                MeetingKind::Ordinary | MeetingKind::Extraordinary => {
                    format!("Indkaldelse til {}", m.kind.label_da().to_lowercase())
                }
                MeetingKind::Board => "Indkaldelse til bestyrelsesmøde".into(),
                MeetingKind::Other => {
                    format!("Indkaldelse til {}", m.body.as_deref().unwrap_or("møde"))
                }
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
        if let Some(year) = self.closed_accounts_for(m).await? {
            outro.push(format!("Årsregnskabet for {year} er vedlagt."));
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
                        "Stillet af {}, modtaget {}{}",
                        p.submitter_name,
                        format_date(p.received_on),
                        p.withdrawn
                            .as_ref()
                            .map(|w| format!(". Trukket tilbage {}", format_date(w.on)))
                            .unwrap_or_default()
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
            // A body other than the board signs its own notice.
            signed_by: match (m.kind, m.body.as_deref()) {
                (MeetingKind::Other, Some(body)) if !body.trim().is_empty() => body.trim().into(),
                _ => "Bestyrelsen".into(),
            },
            sent_on: if full {
                m.final_agenda_sent_on
            } else {
                m.notice_sent_on
            }
            .map(format_date),
            printed_on: self.clock.today(),
            created_unix: self.clock.now().timestamp(),
        })
    }

    pub(crate) async fn notice_pdf(&self, id: MeetingId, full: bool) -> ApiResult<ExportFile> {
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

    /// The meeting as a calendar event (start time, or 19.00, in Danish time; 3 hours).
    pub(crate) async fn meeting_ics(&self, id: MeetingId) -> ApiResult<ExportFile> {
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
            .ok_or_else(|| ApiError::refused(Text::new("meeting-time-missing-dst")))?;
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

    /// Whether the bylaws in force on the meeting's day allow notice by e-mail.
    async fn notice_by_email(&self, m: &Meeting) -> ApiResult<bool> {
        Ok(self.rules_on(m.date).await?.ordinary.notice_by_email)
    }

    /// The members a notice goes to: members on the meeting's day, in the register's order.
    /// A notice is a membership matter under the bylaws, so newsletter consent plays no
    /// part: e-mail to those with an address when the bylaws allow it, a letter otherwise.
    async fn notice_recipients(
        &self,
        m: &Meeting,
    ) -> ApiResult<(
        Vec<kvorum_core::members::Member>,
        Vec<kvorum_core::members::Member>,
    )> {
        let by_email = self.notice_by_email(m).await?;
        let snap = self.member_snapshot().await?;
        Ok(snap
            .members
            .iter()
            .filter(|x| x.active_on(m.date))
            .cloned()
            .partition(|x| by_email && x.email.as_deref().is_some_and(|e| !e.trim().is_empty())))
    }

    /// The closed fiscal year whose accounts an ordinary assembly with an accounts item
    /// approves, if that year is closed.
    pub(crate) async fn closed_accounts_for(&self, m: &Meeting) -> ApiResult<Option<i32>> {
        if m.kind != MeetingKind::Ordinary || !m.agenda.iter().any(is_accounts_item) {
            return Ok(None);
        }
        let a = self.require_association().await?;
        let year = accounts_year(m.date, a.fiscal_year_start_month);
        let closed = self
            .store
            .closings()
            .await?
            .iter()
            .any(|c| c.fiscal_year == year);
        Ok(closed.then_some(year))
    }

    /// The notice as letters to the members it does not reach by e-mail.
    pub(crate) async fn notice_letters(&self, id: MeetingId) -> ApiResult<ExportFile> {
        let m = self.store.meeting(id).await?;
        let (_, by_letter) = self.notice_recipients(&m).await?;
        if by_letter.is_empty() {
            return Err(ApiError::refused(Text::new("notice-no-letters")));
        }
        let doc = self.notice_doc(id, false).await?;
        let addresses: Vec<Vec<String>> = by_letter.iter().map(letter_address).collect();
        let bytes = kvorum_docs::notice_letters_pdf(&doc, &addresses).map_err(pdf_failed)?;
        Ok(ExportFile {
            file_name: format!("indkaldelse-{}-breve.pdf", slug(&m)),
            bytes,
            rows: addresses.len(),
        })
    }

    /// An e-mail draft (`.eml`, marked unsent so mail programs open it for editing) with the
    /// notice PDF attached and every member with an e-mail address in Bcc.
    pub(crate) async fn notice_eml(&self, id: MeetingId) -> ApiResult<ExportFile> {
        use mail_builder::headers::address::Address;
        use mail_builder::headers::raw::Raw;
        use mail_builder::MessageBuilder;
        let association = self.require_association().await?;
        let m = self.store.meeting(id).await?;
        if !self.notice_by_email(&m).await? {
            return Err(ApiError::refused(Text::new("notice-email-not-allowed")));
        }
        let pdf = self.notice_pdf(id, false).await?;
        let doc = self.notice_doc(id, false).await?;
        let (by_email, _) = self.notice_recipients(&m).await?;
        let recipients: Vec<(String, String)> = by_email
            .into_iter()
            .filter_map(|x| x.email.map(|e| (x.name, e.trim().to_owned())))
            .collect();
        if recipients.is_empty() {
            return Err(ApiError::refused(Text::new("notice-no-recipients")));
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
        let mut message = MessageBuilder::new()
            .bcc(Address::new_list(bcc))
            .subject(format!("{} – {}", doc.title, format_date(m.date)))
            .header("X-Unsent", Raw::new("1"))
            .date(self.clock.now().timestamp())
            .text_body(body)
            .attachment("application/pdf", pdf.file_name.clone(), pdf.bytes);
        // The accounts the assembly approves go with the notice once the year is closed.
        if let Some(year) = self.closed_accounts_for(&m).await? {
            let accounts = self.annual_accounts_pdf(year).await?;
            message = message.attachment("application/pdf", accounts.file_name, accounts.bytes);
        }
        let eml = message.write_to_vec().map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                Text::new("email-failed").str("cause", e.to_string()),
            )
        })?;
        Ok(ExportFile {
            file_name: format!("indkaldelse-{}.eml", slug(&m)),
            bytes: eml,
            rows: recipients.len(),
        })
    }
}

/// A member's address as a letter shows it where a window envelope does: name, street (one
/// line per line typed), postcode and town.
pub(crate) fn letter_address(m: &kvorum_core::members::Member) -> Vec<String> {
    let town = [m.postal_code.as_deref(), m.city.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    [Some(m.name.clone()), m.address.clone(), Some(town)]
        .into_iter()
        .flatten()
        .flat_map(|l| l.lines().map(str::to_owned).collect::<Vec<_>>())
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}
