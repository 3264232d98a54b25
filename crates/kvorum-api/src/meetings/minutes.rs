//! The minutes: draft from the record, edit, approve and lock, correct.

use super::*;

impl Api {
    /// The text the minutes start from, written from the record (its elections read
    /// through `db`).
    pub(crate) async fn minutes_text(db: &mut Reader<'_>, r: &Record) -> ApiResult<String> {
        let counts = attendance_counts(&r.attendees, &r.proxies);
        let mut extras = Self::election_paragraphs_in(db, r.meeting.id, &r.rules).await?;
        extras.extend(Self::accounts_paragraphs_in(db, r).await?);
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

    /// Under the accounts item of an ordinary assembly: which year's accounts were presented
    /// (closed when), and that they were approved.
    async fn accounts_paragraphs_in(
        db: &mut Reader<'_>,
        r: &Record,
    ) -> ApiResult<Vec<(AgendaItemId, String)>> {
        let m = &r.meeting;
        let Some(a) = db.association().await? else {
            return Ok(vec![]);
        };
        if m.kind != MeetingKind::Ordinary {
            return Ok(vec![]);
        }
        let year = kvorum_core::meetings::accounts_year(m.date, a.fiscal_year_start_month);
        let closing = db
            .closings()
            .await?
            .into_iter()
            .find(|c| c.fiscal_year == year);
        let mut out = Vec::new();
        for item in m
            .agenda
            .iter()
            .filter(|i| kvorum_core::meetings::is_accounts_item(i))
        {
            let mut said = match &closing {
                Some(c) => format!(
                    "Årsregnskabet for {year} blev fremlagt (afsluttet {}).",
                    format_date(c.closed_on)
                ),
                None => format!("Årsregnskabet for {year} blev fremlagt."),
            };
            let approved = r.decisions.iter().any(|d| {
                d.item_id == item.id
                    && d.outcome.result == kvorum_core::rules::DecisionResult::Adopted
            });
            if approved {
                said.push_str(&format!(
                    " Generalforsamlingen godkendte årsregnskabet for {year}."
                ));
            }
            out.push((item.id, said));
        }
        Ok(out)
    }

    /// The minutes draft to edit: the existing one, or a new one written from the record.
    pub async fn minutes_draft(&self, meeting: MeetingId) -> ApiResult<Minutes> {
        let mut tx = self.begin().await?;
        tx.lock_meeting(meeting).await?;
        let r = self.load_record(&mut tx.reader(), meeting, false).await?;
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
            text: Self::minutes_text(&mut tx.reader(), &r).await?,
            status: MinutesStatus::Draft,
            signatories: default_signatories(&r.meeting),
            approved_on: None,
            hash: None,
            corrects: None,
            correction_note: None,
            version: 1,
        };
        tx.insert_minutes(&m).await?;
        tx.commit().await?;
        Ok(m)
    }

    /// Opens the transaction for a change to minutes `id` (at `version`): locks the meeting's
    /// record between laptops (PostgreSQL), loads the minutes there and refuses approved
    /// minutes or a version someone else saved since.
    async fn begin_minutes_change(
        &self,
        id: MinutesId,
        version: i64,
    ) -> ApiResult<(StoreTx, Minutes)> {
        let mut tx = self.begin().await?;
        let meeting = minutes_in(&mut tx.reader(), id).await?.meeting_id;
        tx.lock_meeting(meeting).await?;
        let m = minutes_in(&mut tx.reader(), id).await?;
        Self::check_editable(&m, version)?;
        Ok((tx, m))
    }

    /// Writes the minutes as changed in `tx` and commits.
    async fn write_minutes(mut tx: StoreTx, before: &Minutes, after: &Minutes) -> ApiResult<()> {
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

    /// Whether `text` can be saved as minutes (it is not empty): checked by the CLI before
    /// it makes a draft, so a refused save changes nothing.
    pub fn minutes_text_ok(text: &str) -> ApiResult<()> {
        if text.trim().is_empty() {
            return Err(ApiError::validation(FieldErrors::one(
                "text",
                Text::new("minutes-empty"),
            )));
        }
        if kvorum_core::validation::looks_like_cpr(text) {
            return Err(ApiError::validation(FieldErrors::one(
                "text",
                kvorum_core::validation::cpr_refused(),
            )));
        }
        Ok(())
    }

    /// Saves the referent's text.
    pub async fn minutes_save(&self, update: MinutesSave) -> ApiResult<Minutes> {
        Self::minutes_text_ok(&update.text)?;
        let (tx, before) = self.begin_minutes_change(update.id, update.version).await?;
        let after = Minutes {
            text: update.text.replace("\r\n", "\n"),
            version: before.version + 1,
            ..before.clone()
        };
        Self::write_minutes(tx, &before, &after).await?;
        Ok(after)
    }

    /// Writes the draft again from the meeting's record (after more decisions, say).
    pub async fn minutes_regenerate(&self, update: MinutesSave) -> ApiResult<Minutes> {
        let (mut tx, before) = self.begin_minutes_change(update.id, update.version).await?;
        let r = self
            .load_record(&mut tx.reader(), before.meeting_id, false)
            .await?;
        let after = Minutes {
            text: Self::minutes_text(&mut tx.reader(), &r).await?,
            version: before.version + 1,
            ..before.clone()
        };
        Self::write_minutes(tx, &before, &after).await?;
        Ok(after)
    }

    /// Approves the minutes: signatories and date are recorded, the content hash is stored,
    /// and from then on the minutes are read-only.
    pub async fn minutes_approve(&self, approval: MinutesApproval) -> ApiResult<Minutes> {
        let (mut tx, before) = self
            .begin_minutes_change(approval.id, approval.version)
            .await?;
        let meeting = tx
            .meeting(before.meeting_id)
            .await
            .map_err(|e| ApiError::from_store(e, MEETING))?;
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
            errs.push("approvedOn", Text::new("minutes-approved-future"));
        }
        if approval.approved_on < meeting.date {
            errs.push("approvedOn", Text::new("minutes-approved-before-meeting"));
        }
        if !errs.is_empty() {
            return Err(ApiError::validation(errs));
        }
        if let Some(title) =
            Self::undecided_election_in(&mut tx.reader(), before.meeting_id).await?
        {
            return Err(ApiError::refused(
                Text::new("minutes-election-undecided").str("title", title),
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
        tx.update_minutes(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, MINUTES))?;
        // The election results go into the board register as the minutes are approved: in
        // the same transaction, so the register and the approved minutes agree.
        self.apply_decided_elections_in(&mut tx, after.meeting_id)
            .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// A correction of approved minutes: a new draft version that names the one it corrects.
    pub async fn minutes_correct(&self, input: MinutesCorrection) -> ApiResult<Minutes> {
        let note = input.note.trim().to_owned();
        if note.is_empty() {
            return Err(ApiError::validation(FieldErrors::one(
                "note",
                Text::new("minutes-correction-note-missing"),
            )));
        }
        let mut tx = self.begin().await?;
        tx.lock_meeting(input.meeting).await?;
        let all = tx.minutes(Some(input.meeting)).await?;
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

async fn minutes_in(db: &mut Reader<'_>, id: MinutesId) -> ApiResult<Minutes> {
    db.minutes(None)
        .await?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or_else(|| ApiError::not_found(MINUTES))
}
