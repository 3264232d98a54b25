//! The minutes: draft from the record, edit, approve and lock, correct.

use super::*;

impl Api {
    /// The text the minutes start from, written from the record.
    pub(crate) async fn minutes_text(&self, r: &Record) -> ApiResult<String> {
        let counts = attendance_counts(&r.attendees, &r.proxies);
        let extras = self.election_paragraphs(r.meeting.id).await?;
        Ok(draft_minutes(&MinutesContext {
            meeting: &r.meeting,
            rules: &r.rules,
            attendees: &r.attendees,
            counts,
            members_with_vote: r.members_with_vote,
            proposals: &r.proposals,
            decisions: &r.decisions,
            item_extras: &extras,
        }))
    }

    /// The minutes draft to edit: the existing one, or a new one written from the record.
    pub async fn minutes_draft(&self, meeting: MeetingId) -> ApiResult<Minutes> {
        let r = self.record(meeting).await?;
        if let Some(d) = r.minutes.iter().find(|m| m.status == MinutesStatus::Draft) {
            return Ok(d.clone());
        }
        if !r.minutes.is_empty() {
            return Err(ApiError::new(
                ErrorCode::Locked,
                Text::new("minutes-locked"),
            ));
        }
        let m = Minutes {
            id: MinutesId::new(),
            meeting_id: meeting,
            number: 1,
            text: self.minutes_text(&r).await?,
            status: MinutesStatus::Draft,
            signatories: default_signatories(&r.meeting),
            approved_on: None,
            hash: None,
            corrects: None,
            correction_note: None,
            version: 1,
        };
        let mut tx = self.begin().await?;
        tx.insert_minutes(&m).await?;
        tx.commit().await?;
        Ok(m)
    }

    pub(crate) async fn minutes_by_id(&self, id: MinutesId) -> ApiResult<Minutes> {
        self.store
            .minutes(None)
            .await?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| ApiError::not_found(MINUTES))
    }

    pub(crate) async fn write_minutes(&self, before: &Minutes, after: &Minutes) -> ApiResult<()> {
        let mut tx = self.begin().await?;
        tx.update_minutes(before, after)
            .await
            .map_err(|e| ApiError::from_store(e, MINUTES))?;
        tx.commit().await.map_err(Into::into)
    }

    pub(crate) fn check_editable(m: &Minutes, version: i64) -> ApiResult<()> {
        if m.status == MinutesStatus::Approved {
            return Err(ApiError::locked());
        }
        if m.version != version {
            return Err(ApiError::conflict(MINUTES));
        }
        Ok(())
    }

    /// Saves the referent's text.
    pub async fn minutes_save(&self, update: MinutesSave) -> ApiResult<Minutes> {
        let before = self.minutes_by_id(update.id).await?;
        Self::check_editable(&before, update.version)?;
        if update.text.trim().is_empty() {
            let mut e = FieldErrors::default();
            e.push(
                "text",
                "Referatet er tomt. Skriv referatet, eller lav udkastet igen fra mødets data.",
            );
            return Err(ApiError::validation(e));
        }
        let after = Minutes {
            text: update.text.replace("\r\n", "\n"),
            version: before.version + 1,
            ..before.clone()
        };
        self.write_minutes(&before, &after).await?;
        Ok(after)
    }

    /// Writes the draft again from the meeting's record (after more decisions, say).
    pub async fn minutes_regenerate(&self, update: MinutesSave) -> ApiResult<Minutes> {
        let before = self.minutes_by_id(update.id).await?;
        Self::check_editable(&before, update.version)?;
        let r = self.record(before.meeting_id).await?;
        let after = Minutes {
            text: self.minutes_text(&r).await?,
            version: before.version + 1,
            ..before.clone()
        };
        self.write_minutes(&before, &after).await?;
        Ok(after)
    }

    /// Approves the minutes: signatories and date are recorded, the content hash is stored,
    /// and from then on the minutes are read-only.
    pub async fn minutes_approve(&self, approval: MinutesApproval) -> ApiResult<Minutes> {
        let before = self.minutes_by_id(approval.id).await?;
        Self::check_editable(&before, approval.version)?;
        let meeting = self.meeting_row(before.meeting_id).await?;
        let signatories: Vec<Signatory> = approval
            .signatories
            .into_iter()
            .map(|s| Signatory {
                role: s.role.trim().to_owned(),
                name: s.name.trim().to_owned(),
            })
            .collect();
        let mut errs = match validate_signatories(&signatories, meeting.kind) {
            Ok(()) => FieldErrors::default(),
            Err(e) => e,
        };
        if approval.approved_on > self.clock.today() {
            errs.push("approvedOn", "Godkendelsesdatoen ligger i fremtiden.");
        }
        if approval.approved_on < meeting.date {
            errs.push(
                "approvedOn",
                "Referatet kan ikke godkendes før mødet er holdt.",
            );
        }
        if !errs.is_empty() {
            return Err(ApiError::validation(errs));
        }
        if let Some(title) = self.undecided_election(before.meeting_id).await? {
            return Err(ApiError::refused(format!("{title} er ikke afgjort (en stemmelighed eller et omvalg mangler). Afgør valget, før referatet godkendes."),
            ));
        }
        let hash = minutes_hash(
            before.meeting_id,
            before.number,
            &before.text,
            &signatories,
            approval.approved_on,
            before.corrects,
        );
        let after = Minutes {
            status: MinutesStatus::Approved,
            signatories,
            approved_on: Some(approval.approved_on),
            hash: Some(hash),
            version: before.version + 1,
            ..before.clone()
        };
        self.write_minutes(&before, &after).await?;
        // The election results go into the board register once the minutes are approved.
        self.apply_decided_elections(after.meeting_id).await?;
        Ok(after)
    }

    /// A correction of approved minutes: a new draft version that names the one it corrects.
    pub async fn minutes_correct(&self, input: MinutesCorrection) -> ApiResult<Minutes> {
        let all = self.store.minutes(Some(input.meeting)).await?;
        if all.iter().any(|m| m.status == MinutesStatus::Draft) {
            return Err(ApiError::refused(Text::new("minutes-correction-exists")));
        }
        let Some(last) = all
            .iter()
            .filter(|m| m.status == MinutesStatus::Approved)
            .max_by_key(|m| m.number)
        else {
            return Err(ApiError::refused(Text::new("minutes-nothing-to-correct")));
        };
        let note = input.note.trim().to_owned();
        if note.is_empty() {
            let mut e = FieldErrors::default();
            e.push("note", "Skriv kort, hvad rettelsen retter.");
            return Err(ApiError::validation(e));
        }
        let m = Minutes {
            id: MinutesId::new(),
            meeting_id: input.meeting,
            number: last.number + 1,
            text: last.text.clone(),
            status: MinutesStatus::Draft,
            signatories: last.signatories.clone(),
            approved_on: None,
            hash: None,
            corrects: Some(last.number),
            correction_note: Some(note),
            version: 1,
        };
        let mut tx = self.begin().await?;
        tx.insert_minutes(&m).await?;
        tx.commit().await?;
        Ok(m)
    }

    /// The chair's view: every minutes version, newest meeting first.
    pub async fn minutes_list(&self) -> ApiResult<Vec<MinutesSummary>> {
        self.require_association().await?;
        let meetings = self.store.meetings().await?;
        let minutes = self.store.minutes(None).await?;
        let mut out = Vec::new();
        for m in &meetings {
            let mut mine: Vec<&Minutes> = minutes.iter().filter(|x| x.meeting_id == m.id).collect();
            mine.sort_by_key(|x| std::cmp::Reverse(x.number));
            for x in mine {
                out.push(MinutesSummary {
                    meeting: m.id,
                    meeting_title: m.title(),
                    date: m.date,
                    number: x.number,
                    status: x.status,
                    approved_on: x.approved_on,
                    corrects: x.corrects,
                    signatories: x.signatories.clone(),
                    intact: x.intact(),
                });
            }
        }
        Ok(out)
    }

    /// Forces text into stored minutes, bypassing the API's checks: only for tests proving
    /// that the database itself refuses to change approved minutes.
    #[doc(hidden)]
    pub async fn minutes_force_text(&self, id: MinutesId, text: &str) -> ApiResult<()> {
        let mut tx = self.begin().await?;
        tx.force_minutes_text(id, text)
            .await
            .map_err(|e| ApiError::from_store(e, MINUTES))?;
        tx.commit().await?;
        Ok(())
    }
}
