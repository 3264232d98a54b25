//! A meeting's record: what its use cases read, from the pool or inside their transaction.

use super::*;

impl Api {
    /// The settings in force on `day` (a meeting's date), else the ones in force today.
    pub(crate) async fn rules_on(&self, day: NaiveDate) -> ApiResult<RuleSettings> {
        self.rules_in(&mut self.store.reader(), day).await
    }

    /// The same, read through `db` (the pool, or a transaction about to write).
    pub(crate) async fn rules_in(
        &self,
        db: &mut Reader<'_>,
        day: NaiveDate,
    ) -> ApiResult<RuleSettings> {
        let versions = db.bylaws_versions().await?;
        governing(&versions, day, self.clock.today())
            .map(|v| v.rules.clone())
            .ok_or_else(|| ApiError::not_found("Vedtægterne"))
    }

    pub(crate) async fn meeting_row(&self, id: MeetingId) -> ApiResult<Meeting> {
        self.store
            .meeting(id)
            .await
            .map_err(|e| ApiError::from_store(e, MEETING))
    }

    /// Voting right of every member on the meeting's day.
    pub(crate) async fn voters_on(
        &self,
        day: NaiveDate,
        rules: &RuleSettings,
    ) -> ApiResult<Vec<(Member, VotingRight)>> {
        Ok(voting_rights(&*self.member_snapshot().await?, day, rules))
    }

    /// The meeting's record, from committed data (members from the snapshot cache).
    pub(crate) async fn record(&self, id: MeetingId) -> ApiResult<Record> {
        self.load_record(&mut self.store.reader(), id, true).await
    }

    /// The meeting's record read through `db`. Inside a transaction the register is taken
    /// as the transaction sees it (`cached` false: the snapshot in memory only if the register
    /// has not changed since it was read), so a use case decides from what it will write over.
    pub(crate) async fn load_record(
        &self,
        db: &mut Reader<'_>,
        id: MeetingId,
        cached: bool,
    ) -> ApiResult<Record> {
        if db.association().await?.is_none() {
            return Err(crate::association::no_association());
        }
        let meeting = db
            .meeting(id)
            .await
            .map_err(|e| ApiError::from_store(e, MEETING))?;
        let rules = self.rules_in(db, meeting.date).await?;
        // Every member's right on the day: who may vote at an assembly, who can be checked
        // in at any meeting.
        let register = if cached {
            self.member_snapshot().await?
        } else {
            self.member_snapshot_in(db).await?
        };
        let members_with_vote = if meeting.kind.is_assembly() {
            entitled_count(&register, meeting.date, &rules)
        } else {
            rules.board.size()
        };
        Ok(Record {
            proposals: db.proposals(id).await?,
            attendees: db.attendance(id).await?,
            proxies: db.proxies(id).await?,
            decisions: db.decisions(id).await?,
            minutes: db.minutes(Some(id)).await?,
            members_with_vote,
            register,
            rules,
            meeting,
        })
    }

    pub(crate) fn attendance_view(
        &self,
        r: &Record,
        names: &HashMap<MemberId, String>,
    ) -> AttendanceView {
        let counts = attendance_counts(&r.attendees, &r.proxies);
        let name = |id: MemberId| names.get(&id).cloned().unwrap_or_default();
        AttendanceView {
            attendees: r.attendees.clone(),
            proxies: r
                .proxies
                .iter()
                .map(|p| ProxyView {
                    id: p.id,
                    giver: p.giver,
                    giver_name: name(p.giver),
                    holder: p.holder,
                    holder_name: name(p.holder),
                })
                .collect(),
            counts,
            members_with_vote: r.members_with_vote,
            board_quorum: (r.meeting.kind == MeetingKind::Board)
                .then(|| board_quorum(counts.at_board_meeting(), &r.rules, self.lang)),
        }
    }

    /// The names of the members `r`'s proxies name, givers and holders (not a map of the
    /// whole register: the desk asks for it at every check-in).
    pub(crate) async fn proxy_names(&self, r: &Record) -> ApiResult<HashMap<MemberId, String>> {
        let wanted: std::collections::HashSet<MemberId> =
            r.proxies.iter().flat_map(|p| [p.giver, p.holder]).collect();
        if wanted.is_empty() {
            return Ok(HashMap::new());
        }
        let snap = self.member_snapshot().await?;
        Ok(snap
            .members
            .iter()
            .filter(|m| wanted.contains(&m.id))
            .map(|m| (m.id, m.name.clone()))
            .collect())
    }

    pub(crate) fn detail_of(
        &self,
        r: Record,
        names: &HashMap<MemberId, String>,
        board: &[String],
    ) -> MeetingDetail {
        let today = self.clock.today();
        let deadline = proposal_deadline(&r.meeting, &r.rules);
        let mut warnings = Vec::new();
        if r.meeting.kind.is_assembly() && r.meeting.officers.dirigent.is_none() {
            warnings.push(Text::new("meeting-dirigent-missing").render(self.lang));
        }
        if let Some(d) = &r.meeting.officers.dirigent {
            if r.meeting.kind.is_assembly()
                && board.iter().any(|b| b.eq_ignore_ascii_case(d.trim()))
            {
                let said = Text::new("meeting-dirigent-on-board").str("name", d.trim());
                warnings.push(said.render(self.lang));
            }
        }
        MeetingDetail {
            title: r.meeting.title_in(self.lang),
            when: r.meeting.when_and_where_in(self.lang),
            checklist: checklist(&r.meeting, &r.rules, today, self.lang),
            notice: notice_check(&r.meeting, &r.rules, today, self.lang),
            proposal_deadline: deadline,
            proposals: r
                .proposals
                .iter()
                .map(|p| ProposalView {
                    late: late_note(p, deadline, self.lang),
                    kind_name: r
                        .rules
                        .decision(&p.kind)
                        .map(|d| d.name.clone())
                        .unwrap_or_else(|| p.kind.clone()),
                    proposal: p.clone(),
                })
                .collect(),
            attendance: self.attendance_view(&r, names),
            decision_kinds: r
                .rules
                .decisions
                .iter()
                .map(|d| DecisionKind {
                    kind: d.kind.clone(),
                    name: d.name.clone(),
                })
                .collect(),
            decisions: r.decisions,
            minutes: r.minutes,
            warnings,
            meeting: r.meeting,
        }
    }
}
