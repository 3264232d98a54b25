//! Planning a meeting: create, edit, the agenda, a second assembly.

use super::*;

impl Api {
    /// All meetings, newest first.
    pub async fn meetings_list(&self) -> ApiResult<Vec<MeetingSummary>> {
        self.require_association().await?;
        let meetings = self.store.meetings().await?;
        let minutes = self.store.minutes(None).await?;
        Ok(meetings
            .into_iter()
            .map(|m| MeetingSummary {
                minutes: minutes
                    .iter()
                    .filter(|x| x.meeting_id == m.id)
                    .max_by_key(|x| x.number)
                    .map(|x| x.status),
                title: m.title_in(self.lang),
                id: m.id,
                kind: m.kind,
                date: m.date,
                start_time: m.start_time,
                place: m.place,
            })
            .collect())
    }

    pub async fn meeting_get(&self, id: MeetingId) -> ApiResult<MeetingDetail> {
        let r = self.record(id).await?;
        let names = self.proxy_names(&r).await?;
        let board = self.board_names_on(r.meeting.date).await?;
        Ok(self.detail_of(r, &names, &board))
    }

    /// Plans a meeting with the association's standard agenda for its kind.
    pub async fn meeting_create(&self, input: MeetingInput) -> ApiResult<MeetingDetail> {
        validate_meeting(&input).map_err(ApiError::validation)?;
        let (mut tx, _) = self.begin_in_association().await?;
        let m = Meeting::new(input);
        tx.insert_meeting(&m).await?;
        tx.commit().await?;
        self.meeting_get(m.id).await
    }

    /// Opens the transaction for a change to meeting `id`: locks its record between laptops
    /// (PostgreSQL), loads it there, and refuses when its minutes are approved.
    pub(crate) async fn begin_meeting_change(
        &self,
        id: MeetingId,
    ) -> ApiResult<(StoreTx, Meeting)> {
        let mut tx = self.begin().await?;
        tx.lock_meeting(id).await?;
        let meeting = tx
            .meeting(id)
            .await
            .map_err(|e| ApiError::from_store(e, MEETING))?;
        if minutes_locked(&mut tx.reader(), id).await? {
            return Err(not_draft());
        }
        Ok((tx, meeting))
    }

    /// Saves the planner (date, time, place, notice dates) and the officers.
    pub async fn meeting_update(&self, update: MeetingUpdate) -> ApiResult<MeetingDetail> {
        let (mut tx, before) = self.begin_meeting_change(update.id).await?;
        if before.version != update.version {
            return Err(ApiError::conflict(MEETING));
        }
        let mut input = update.input;
        input.kind = before.kind;
        validate_meeting(&input).map_err(ApiError::validation)?;
        let mut errs = FieldErrors::default();
        if let Some(sent) = update.notice_sent_on {
            if sent > input.date {
                errs.push("noticeSentOn", Text::new("meeting-notice-after"));
            }
        }
        if let (Some(end), Some(start)) = (update.end_time, input.start_time) {
            if end < start {
                errs.push("endTime", Text::new("meeting-ends-before-start"));
            }
        }
        if !errs.is_empty() {
            return Err(ApiError::validation(errs));
        }
        let officers = Officers {
            dirigent: normalize_optional(&update.officers.dirigent),
            referent: normalize_optional(&update.officers.referent),
            counters: update
                .officers
                .counters
                .into_iter()
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect(),
        };
        let after = Meeting {
            body: normalize_optional(&input.body),
            date: input.date,
            start_time: input.start_time,
            end_time: update.end_time,
            place: input.place.trim().to_owned(),
            demanded_by: normalize_optional(&input.demanded_by),
            demanded_on: input.demanded_on,
            notice_sent_on: update.notice_sent_on,
            final_agenda_sent_on: update.final_agenda_sent_on,
            officers,
            version: before.version + 1,
            ..before.clone()
        };
        tx.update_meeting(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, MEETING))?;
        tx.commit().await?;
        self.meeting_get(update.id).await
    }

    /// Replaces the agenda (reordered, renamed, added, removed items, and their notes).
    pub async fn meeting_agenda_set(&self, update: AgendaUpdate) -> ApiResult<MeetingDetail> {
        let (mut tx, before) = self.begin_meeting_change(update.id).await?;
        if before.version != update.version {
            return Err(ApiError::conflict(MEETING));
        }
        let mut errs = FieldErrors::default();
        if update.items.iter().any(|i| i.title.trim().is_empty()) {
            errs.push("items", Text::new("agenda-item-title-missing"));
        }
        if update.items.len() > 60 {
            errs.push("items", Text::new("agenda-too-long"));
        }
        let decisions = tx.decisions(update.id).await?;
        if let Some(d) = decisions
            .iter()
            .find(|d| !update.items.iter().any(|i| i.id == d.item_id))
        {
            errs.push(
                "items",
                Text::new("agenda-item-has-decision").str("subject", &d.subject),
            );
        }
        if !errs.is_empty() {
            return Err(ApiError::validation(errs));
        }
        let items = update
            .items
            .into_iter()
            .map(|mut i| {
                i.title = i.title.trim().to_owned();
                i
            })
            .collect();
        let after = Meeting {
            agenda: items,
            version: before.version + 1,
            ..before.clone()
        };
        tx.update_meeting(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, MEETING))?;
        tx.commit().await?;
        self.meeting_get(update.id).await
    }

    /// Calls the second assembly the bylaws demand when a decision was not quorate: an
    /// extraordinary assembly that takes the proposal again under the fallback rule.
    pub async fn meeting_schedule_second(
        &self,
        input: SecondAssemblyInput,
    ) -> ApiResult<MeetingDetail> {
        let mut tx = self.begin().await?;
        tx.lock_meeting(input.meeting).await?;
        let r = self
            .load_record(&mut tx.reader(), input.meeting, false)
            .await?;
        let d = r
            .decisions
            .iter()
            .find(|d| d.id == input.decision)
            .ok_or_else(|| ApiError::not_found("Beslutningen"))?;
        let Some(Fallback::SecondAssembly { within_days, .. }) = d.outcome.fallback.clone() else {
            return Err(ApiError::refused(Text::new("meeting-no-second-assembly")));
        };
        let latest = r.meeting.date + chrono::Duration::days(i64::from(within_days));
        let mut errs = FieldErrors::default();
        if input.date <= r.meeting.date || input.date > latest {
            errs.push(
                "date",
                Text::new("second-assembly-window")
                    .str("after", format_date(r.meeting.date))
                    .str("latest", format_date(latest))
                    .num("days", within_days),
            );
        }
        if !errs.is_empty() {
            return Err(ApiError::validation(errs));
        }
        let mut m = Meeting::new(MeetingInput {
            kind: MeetingKind::Extraordinary,
            body: None,
            date: input.date,
            start_time: input.start_time.or(r.meeting.start_time),
            place: normalize_optional(&input.place).unwrap_or_else(|| r.meeting.place.clone()),
            demanded_by: Some("Bestyrelsen (vedtægternes regel om ny generalforsamling)".into()),
            demanded_on: Some(r.meeting.date),
        });
        m.second_of = Some(r.meeting.id);
        let old = d
            .proposal_id
            .and_then(|id| r.proposals.iter().find(|p| p.id == id));
        tx.insert_meeting(&m).await?;
        if let Some(p) = old {
            tx.insert_proposal(&Proposal {
                id: ProposalId::new(),
                meeting_id: m.id,
                number: 1,
                version: 1,
                ..p.clone()
            })
            .await?;
        }
        tx.commit().await?;
        self.meeting_get(m.id).await
    }
}
