//! The attendance sheet, the minutes, the ballots and the board list as PDF.

use super::*;

impl Api {
    pub(crate) async fn attendance_pdf(&self, id: MeetingId) -> ApiResult<ExportFile> {
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

    pub(crate) async fn minutes_pdf(
        &self,
        id: MeetingId,
        number: Option<i64>,
    ) -> ApiResult<ExportFile> {
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
            // A draft printed for the signatories is never mistaken for the signed version.
            file_name: format!(
                "referat-{}-v{}{}.pdf",
                slug(&m),
                minutes.number,
                if minutes.status == MinutesStatus::Draft {
                    "-udkast"
                } else {
                    ""
                }
            ),
            bytes,
            rows: 0,
        })
    }

    pub(crate) async fn ballots_pdf(&self, id: ElectionId) -> ApiResult<ExportFile> {
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
            return Err(ApiError::refused(Text::new("ballots-no-candidates")));
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

    pub(crate) async fn board_pdf(&self, on: Option<NaiveDate>) -> ApiResult<ExportFile> {
        let association = self.require_association().await?;
        let b = self.board_register(on).await?;
        let doc = kvorum_docs::BoardListDoc {
            association_name: association.name.clone(),
            on: b.on,
            rows: b
                .current
                .iter()
                .map(|t| {
                    // A Danish document, whatever language the screen speaks.
                    let (seat, period) =
                        kvorum_core::board::term_labels(&t.term, kvorum_core::text::Lang::Da);
                    let position = t.term.position_on(b.on).map(|p| p.text().da());
                    [
                        seat,
                        t.term.name.clone(),
                        position.unwrap_or_default(),
                        period,
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
