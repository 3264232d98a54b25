//! The secretary's use cases for meetings: plan (deadlines), agenda, proposals, notice,
//! check-in and proxies, decisions, and minutes that are approved, locked and corrected by
//! new versions. The rules themselves live in `kvorum_core::meetings`.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use kvorum_core::bylaws::governing;
use kvorum_core::dates::{format_date, long_date_da};
use kvorum_core::decisions::{decide_decision, DecisionError, DecisionFacts, DecisionRequest};
use kvorum_core::ids::{
    AgendaItemId, BylawsVersionId, DecisionId, MeetingId, MemberId, MinutesId, ProposalId, ProxyId,
};
use kvorum_core::meetings::{
    attendance_counts, board_quorum, check_proxy, checklist, draft_minutes, late_note,
    minutes_hash, notice_check, proposal_deadline, validate_meeting, validate_proposal,
    validate_signatories, AgendaItem, Amendment, AttendanceCounts, Attendee, BoardQuorum,
    ChecklistItem, Decision, ItemKind, Meeting, MeetingInput, MeetingKind, Minutes, MinutesContext,
    MinutesStatus, Officers, Proposal, ProposalInput, Proxy, Signatory,
};
use kvorum_core::members::Member;
use kvorum_core::rules::{self, Fallback, NoticeCheck, RuleSettings, VoteCounts, VotingRight};
use kvorum_core::text::Text;
use kvorum_core::FieldErrors;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use kvorum_store::Reader;

use crate::{Api, ApiError, ApiResult, ErrorCode};

const MEETING: &str = "Mødet";
const MINUTES: &str = "Referatet";

/// One line of the meetings list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingSummary {
    pub id: MeetingId,
    pub kind: MeetingKind,
    pub title: String,
    pub date: NaiveDate,
    pub start_time: Option<NaiveTime>,
    pub place: String,
    /// The newest minutes' status, if any minutes exist.
    pub minutes: Option<MinutesStatus>,
}

/// A proposal with what the secretary needs to see about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProposalView {
    pub proposal: Proposal,
    /// "Modtaget 07.03.2026, efter fristen 06.03.2026."
    pub late: Option<String>,
    pub kind_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProxyView {
    pub id: ProxyId,
    pub giver: MemberId,
    pub giver_name: String,
    pub holder: MemberId,
    pub holder_name: String,
}

/// Who is in the room, and the figures that follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceView {
    pub attendees: Vec<Attendee>,
    pub proxies: Vec<ProxyView>,
    pub counts: AttendanceCounts,
    /// Members with voting right on the day (the base for quorum rules).
    pub members_with_vote: u32,
    /// Board meetings: whether the board can decide.
    pub board_quorum: Option<BoardQuorum>,
}

/// A member as the check-in desk lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Voter {
    pub member: MemberId,
    #[ts(type = "number")]
    pub member_no: i64,
    pub name: String,
    pub voting: VotingRight,
    pub checked_in: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionKind {
    pub kind: String,
    pub name: String,
}

/// Everything the meeting screens show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingDetail {
    pub meeting: Meeting,
    pub title: String,
    /// "lørdag den 14. marts 2026 kl. 14.00, Perronen"
    pub when: String,
    pub checklist: Vec<ChecklistItem>,
    /// Assemblies: whether the notice (as recorded) calls it lawfully.
    pub notice: Option<NoticeCheck>,
    pub proposal_deadline: Option<NaiveDate>,
    pub proposals: Vec<ProposalView>,
    pub attendance: AttendanceView,
    pub decisions: Vec<Decision>,
    pub minutes: Vec<Minutes>,
    pub decision_kinds: Vec<DecisionKind>,
    /// Things to look at: the dirigent sits on the board, …
    pub warnings: Vec<String>,
}

/// The planner's fields and the officers, saved together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingUpdate {
    pub id: MeetingId,
    #[ts(type = "number")]
    pub version: i64,
    pub input: MeetingInput,
    pub end_time: Option<NaiveTime>,
    pub notice_sent_on: Option<NaiveDate>,
    pub final_agenda_sent_on: Option<NaiveDate>,
    pub officers: Officers,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgendaUpdate {
    pub id: MeetingId,
    #[ts(type = "number")]
    pub version: i64,
    pub items: Vec<AgendaItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProposalUpdate {
    pub id: ProposalId,
    #[ts(type = "number")]
    pub version: i64,
    pub input: ProposalInput,
}

/// Check a member in (or, with `guest`, someone who is not a member) — or out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckIn {
    pub meeting: MeetingId,
    pub member: Option<MemberId>,
    pub guest: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProxyInput {
    pub meeting: MeetingId,
    pub giver: MemberId,
    pub holder: MemberId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProxyRemove {
    pub meeting: MeetingId,
    pub proxy: ProxyId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionInput {
    pub meeting: MeetingId,
    pub item: AgendaItemId,
    pub proposal: Option<ProposalId>,
    /// The decision kind; default: the proposal's kind, else `ordinary`.
    pub kind: Option<String>,
    /// What was decided on; default: the proposal's title, else the item's.
    pub subject: Option<String>,
    pub acclamation: bool,
    pub counts: VoteCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionRecorded {
    pub decision: Decision,
    /// "Vedtægternes version 3 er oprettet …", "Der findes et udkast …"
    pub notes: Vec<String>,
    /// When not quorate and the bylaws call a second assembly: the latest date for it.
    pub second_assembly_by: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionRemove {
    pub meeting: MeetingId,
    pub decision: DecisionId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecondAssemblyInput {
    pub decision: DecisionId,
    pub meeting: MeetingId,
    pub date: NaiveDate,
    pub start_time: Option<NaiveTime>,
    pub place: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MinutesSave {
    pub id: MinutesId,
    #[ts(type = "number")]
    pub version: i64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MinutesApproval {
    pub id: MinutesId,
    #[ts(type = "number")]
    pub version: i64,
    pub signatories: Vec<Signatory>,
    pub approved_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MinutesCorrection {
    pub meeting: MeetingId,
    /// Why the approved minutes are corrected.
    pub note: String,
}

/// One line of the chair's view: every minutes version, newest meeting first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MinutesSummary {
    pub meeting: MeetingId,
    pub meeting_title: String,
    pub date: NaiveDate,
    #[ts(type = "number")]
    pub number: i64,
    pub status: MinutesStatus,
    pub approved_on: Option<NaiveDate>,
    #[ts(type = "number | null")]
    pub corrects: Option<i64>,
    pub signatories: Vec<Signatory>,
    /// False if the stored text no longer matches its hash.
    pub intact: bool,
}

/// The facts of one meeting read together.
pub(crate) struct Record {
    pub meeting: Meeting,
    pub rules: RuleSettings,
    pub proposals: Vec<Proposal>,
    pub attendees: Vec<Attendee>,
    pub proxies: Vec<Proxy>,
    pub decisions: Vec<Decision>,
    pub minutes: Vec<Minutes>,
    pub members_with_vote: u32,
}

fn not_draft() -> ApiError {
    ApiError::new(ErrorCode::Locked, Text::new("decision-minutes-locked"))
}

fn clean(s: Option<String>) -> Option<String> {
    s.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl Api {
    /// The settings in force on `day` (a meeting's date), else the ones in force today.
    pub(crate) async fn rules_on(&self, day: NaiveDate) -> ApiResult<RuleSettings> {
        self.rules_in(&mut self.store.reader(), day).await
    }

    /// The same, read through `db` (the pool, or a transaction about to write).
    async fn rules_in(&self, db: &mut Reader<'_>, day: NaiveDate) -> ApiResult<RuleSettings> {
        let versions = db.bylaws_versions().await?;
        governing(&versions, day, self.clock.today())
            .map(|v| v.rules.clone())
            .ok_or_else(|| ApiError::not_found("Vedtægterne"))
    }

    async fn meeting_row(&self, id: MeetingId) -> ApiResult<Meeting> {
        self.store
            .meeting(id)
            .await
            .map_err(|e| ApiError::from_store(e, MEETING))
    }

    /// Voting right of every member on the meeting's day.
    async fn voters_on(
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

    /// The meeting's record read through `db`. Inside a transaction the members are read
    /// there too (`cached` false), so a use case decides from what it will write over.
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
        let members_with_vote = if meeting.kind.is_assembly() {
            let snap = if cached {
                self.member_snapshot().await?
            } else {
                let members = db.members().await?;
                let rates = db.fee_rates().await?;
                let payments = db.payments(None).await?;
                std::sync::Arc::new(crate::members::MemberSnapshot::new(
                    members, rates, payments,
                ))
            };
            let voters = voting_rights(&snap, meeting.date, &rules);
            u32::try_from(voters.iter().filter(|(_, v)| v.entitled).count()).unwrap_or(u32::MAX)
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
            rules,
            meeting,
        })
    }

    fn attendance_view(&self, r: &Record, names: &HashMap<MemberId, String>) -> AttendanceView {
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
                .then(|| board_quorum(counts.present, &r.rules)),
        }
    }

    async fn member_names(&self) -> ApiResult<HashMap<MemberId, String>> {
        let snap = self.member_snapshot().await?;
        Ok(snap
            .members
            .iter()
            .map(|m| (m.id, m.name.clone()))
            .collect())
    }

    fn detail_of(
        &self,
        r: Record,
        names: &HashMap<MemberId, String>,
        board: &[String],
    ) -> MeetingDetail {
        let today = self.clock.today();
        let deadline = proposal_deadline(&r.meeting, &r.rules);
        let mut warnings = Vec::new();
        if r.meeting.kind.is_assembly() && r.meeting.officers.dirigent.is_none() {
            warnings.push("Der er ikke valgt en dirigent endnu.".to_owned());
        }
        if let Some(d) = &r.meeting.officers.dirigent {
            if r.meeting.kind.is_assembly()
                && board.iter().any(|b| b.eq_ignore_ascii_case(d.trim()))
            {
                warnings.push(format!(
                    "{d} sidder i bestyrelsen. Dirigenten bør ikke være medlem af bestyrelsen."
                ));
            }
        }
        MeetingDetail {
            title: r.meeting.title(),
            when: r.meeting.when_and_where(),
            checklist: checklist(&r.meeting, &r.rules, today, self.lang),
            notice: notice_check(&r.meeting, &r.rules, self.lang),
            proposal_deadline: deadline,
            proposals: r
                .proposals
                .iter()
                .map(|p| ProposalView {
                    late: late_note(p, deadline),
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
                title: m.title(),
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
        let names = self.member_names().await?;
        let board = self.board_names_on(r.meeting.date).await?;
        Ok(self.detail_of(r, &names, &board))
    }

    /// Plans a meeting with the association's standard agenda for its kind.
    pub async fn meeting_create(&self, input: MeetingInput) -> ApiResult<MeetingDetail> {
        self.require_association().await?;
        validate_meeting(&input).map_err(ApiError::validation)?;
        let m = Meeting::new(input);
        let mut tx = self.begin().await?;
        tx.insert_meeting(&m).await?;
        tx.commit().await?;
        self.meeting_get(m.id).await
    }

    async fn save_meeting(&self, before: &Meeting, after: Meeting) -> ApiResult<()> {
        let mut tx = self.begin().await?;
        tx.update_meeting(before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, MEETING))?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn minutes_locked(&self, id: MeetingId) -> ApiResult<bool> {
        Ok(self
            .store
            .minutes(Some(id))
            .await?
            .iter()
            .any(|m| m.status == MinutesStatus::Approved))
    }

    /// Saves the planner (date, time, place, notice dates) and the officers.
    pub async fn meeting_update(&self, update: MeetingUpdate) -> ApiResult<MeetingDetail> {
        let before = self.meeting_row(update.id).await?;
        if before.version != update.version {
            return Err(ApiError::conflict(MEETING));
        }
        if self.minutes_locked(update.id).await? {
            return Err(not_draft());
        }
        let mut input = update.input;
        input.kind = before.kind;
        validate_meeting(&input).map_err(ApiError::validation)?;
        let mut errs = FieldErrors::default();
        if let Some(sent) = update.notice_sent_on {
            if sent > input.date {
                errs.push(
                    "noticeSentOn",
                    "Indkaldelsen kan ikke være sendt efter mødet.",
                );
            }
        }
        if let (Some(end), Some(start)) = (update.end_time, input.start_time) {
            if end < start {
                errs.push("endTime", "Mødet kan ikke slutte, før det begynder.");
            }
        }
        if !errs.is_empty() {
            return Err(ApiError::validation(errs));
        }
        let officers = Officers {
            dirigent: clean(update.officers.dirigent),
            referent: clean(update.officers.referent),
            counters: update
                .officers
                .counters
                .into_iter()
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect(),
        };
        let after = Meeting {
            body: clean(input.body),
            date: input.date,
            start_time: input.start_time,
            end_time: update.end_time,
            place: input.place.trim().to_owned(),
            demanded_by: clean(input.demanded_by),
            demanded_on: input.demanded_on,
            notice_sent_on: update.notice_sent_on,
            final_agenda_sent_on: update.final_agenda_sent_on,
            officers,
            version: before.version + 1,
            ..before.clone()
        };
        self.save_meeting(&before, after).await?;
        self.meeting_get(update.id).await
    }

    /// Replaces the agenda (reordered, renamed, added, removed items, and their notes).
    pub async fn meeting_agenda_set(&self, update: AgendaUpdate) -> ApiResult<MeetingDetail> {
        let before = self.meeting_row(update.id).await?;
        if before.version != update.version {
            return Err(ApiError::conflict(MEETING));
        }
        if self.minutes_locked(update.id).await? {
            return Err(not_draft());
        }
        let mut errs = FieldErrors::default();
        if update.items.iter().any(|i| i.title.trim().is_empty()) {
            errs.push("items", "Hvert dagsordenspunkt skal have en overskrift.");
        }
        if update.items.len() > 60 {
            errs.push("items", "En dagsorden kan højst have 60 punkter.");
        }
        let decisions = self.store.decisions(update.id).await?;
        if let Some(d) = decisions
            .iter()
            .find(|d| !update.items.iter().any(|i| i.id == d.item_id))
        {
            errs.push(
                "items",
                format!(
                    "Punktet med beslutningen »{}« kan ikke slettes. Slet beslutningen først.",
                    d.subject
                ),
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
        self.save_meeting(&before, after).await?;
        self.meeting_get(update.id).await
    }

    fn submitter_name(
        &self,
        submitter: Option<MemberId>,
        names: &HashMap<MemberId, String>,
    ) -> ApiResult<String> {
        match submitter {
            None => Ok("Bestyrelsen".into()),
            Some(id) => names
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Forslagsstilleren")),
        }
    }

    /// Registers a proposal received for a meeting; numbered in received order.
    pub async fn proposal_add(&self, input: ProposalInput) -> ApiResult<ProposalView> {
        let meeting = self.meeting_row(input.meeting_id).await?;
        if self.minutes_locked(meeting.id).await? {
            return Err(not_draft());
        }
        let rules = self.rules_on(meeting.date).await?;
        validate_proposal(&input, &rules).map_err(ApiError::validation)?;
        let names = self.member_names().await?;
        let submitter_name = self.submitter_name(input.submitter, &names)?;
        let mut tx = self.begin().await?;
        let number = tx.next_proposal_number(meeting.id).await?;
        let p = Proposal {
            id: ProposalId::new(),
            meeting_id: meeting.id,
            number,
            submitter: input.submitter,
            submitter_name,
            received_on: input.received_on,
            kind: input.kind,
            title: input.title.trim().to_owned(),
            text: input.text.trim().to_owned(),
            amendment: input.amendment.map(clean_amendment),
            recommendation: input.recommendation.unwrap_or_default().trim().to_owned(),
            version: 1,
        };
        tx.insert_proposal(&p).await?;
        tx.commit().await?;
        let deadline = proposal_deadline(&meeting, &rules);
        Ok(ProposalView {
            late: late_note(&p, deadline),
            kind_name: rules
                .decision(&p.kind)
                .map(|d| d.name.clone())
                .unwrap_or_default(),
            proposal: p,
        })
    }

    pub async fn proposal_update(&self, update: ProposalUpdate) -> ApiResult<ProposalView> {
        let meeting = self.meeting_row(update.input.meeting_id).await?;
        if self.minutes_locked(meeting.id).await? {
            return Err(not_draft());
        }
        let before = self
            .store
            .proposals(meeting.id)
            .await?
            .into_iter()
            .find(|p| p.id == update.id)
            .ok_or_else(|| ApiError::not_found("Forslaget"))?;
        if before.version != update.version {
            return Err(ApiError::conflict("Forslaget"));
        }
        let rules = self.rules_on(meeting.date).await?;
        let input = update.input;
        validate_proposal(&input, &rules).map_err(ApiError::validation)?;
        let names = self.member_names().await?;
        let after = Proposal {
            submitter_name: self.submitter_name(input.submitter, &names)?,
            submitter: input.submitter,
            received_on: input.received_on,
            kind: input.kind,
            title: input.title.trim().to_owned(),
            text: input.text.trim().to_owned(),
            amendment: input.amendment.map(clean_amendment),
            recommendation: input.recommendation.unwrap_or_default().trim().to_owned(),
            version: before.version + 1,
            ..before.clone()
        };
        let mut tx = self.begin().await?;
        tx.update_proposal(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, "Forslaget"))?;
        tx.commit().await?;
        let deadline = proposal_deadline(&meeting, &rules);
        Ok(ProposalView {
            late: late_note(&after, deadline),
            kind_name: rules
                .decision(&after.kind)
                .map(|d| d.name.clone())
                .unwrap_or_default(),
            proposal: after,
        })
    }

    /// Every member who could come, with their voting right on the day: the check-in list.
    pub async fn meeting_voters(&self, id: MeetingId) -> ApiResult<Vec<Voter>> {
        let meeting = self.meeting_row(id).await?;
        let rules = self.rules_on(meeting.date).await?;
        let present = self.store.attendance(id).await?;
        let mut voters: Vec<Voter> = self
            .voters_on(meeting.date, &rules)
            .await?
            .into_iter()
            .map(|(m, mut v)| {
                if !meeting.kind.is_assembly() {
                    v = VotingRight {
                        entitled: true,
                        reasons: vec![],
                        explanation: "Deltager".into(),
                    };
                }
                Voter {
                    checked_in: present.iter().any(|a| a.member == Some(m.id)),
                    member: m.id,
                    member_no: m.member_no,
                    name: m.name,
                    voting: v,
                }
            })
            .collect();
        voters.sort_by(|a, b| {
            kvorum_core::members::danish_collate(&a.name)
                .cmp(&kvorum_core::members::danish_collate(&b.name))
        });
        Ok(voters)
    }

    /// Checks a member (or a named guest) in, with their voting right on the day.
    pub async fn attendance_check_in(&self, input: CheckIn) -> ApiResult<AttendanceView> {
        let meeting = self.meeting_row(input.meeting).await?;
        if self.minutes_locked(meeting.id).await? {
            return Err(not_draft());
        }
        let rules = self.rules_on(meeting.date).await?;
        let attendee = match (input.member, clean(input.guest)) {
            (Some(id), _) => {
                let voters = self.voters_on(meeting.date, &rules).await?;
                let (m, v) = voters.into_iter().find(|(m, _)| m.id == id).ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::Validation,
                        "Personen er ikke medlem på mødedagen. Tjek indmeldelses- og udmeldelsesdato, eller tjek ind som gæst.",
                    )
                })?;
                let assembly = meeting.kind.is_assembly();
                Attendee {
                    member: Some(m.id),
                    name: m.name,
                    voting: !assembly || v.entitled,
                    reason: (assembly && !v.entitled).then(|| v.reasons.join("; ")),
                }
            }
            (None, Some(name)) => Attendee {
                member: None,
                name,
                voting: false,
                reason: Some("Gæst uden stemmeret".into()),
            },
            (None, None) => {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    "Vælg et medlem, eller skriv gæstens navn.",
                ))
            }
        };
        let mut tx = self.begin().await?;
        tx.check_in(meeting.id, &attendee)
            .await
            .map_err(|e| match e {
                kvorum_store::StoreError::Unique(_) => ApiError::new(
                    ErrorCode::Duplicate,
                    format!("{} er allerede tjekket ind.", attendee.name),
                ),
                other => other.into(),
            })?;
        tx.commit().await?;
        self.attendance_get(meeting.id).await
    }

    /// Checks someone out; proxies they held go with them.
    pub async fn attendance_check_out(&self, input: CheckIn) -> ApiResult<AttendanceView> {
        if self.minutes_locked(input.meeting).await? {
            return Err(not_draft());
        }
        let name = clean(input.guest).unwrap_or_default();
        let mut tx = self.begin().await?;
        let gone = tx.check_out(input.meeting, input.member, &name).await?;
        if gone == 0 {
            return Err(ApiError::not_found("Deltageren"));
        }
        if let Some(m) = input.member {
            tx.delete_proxies_of(input.meeting, m).await?;
        }
        tx.commit().await?;
        self.attendance_get(input.meeting).await
    }

    pub async fn attendance_get(&self, meeting: MeetingId) -> ApiResult<AttendanceView> {
        let r = self.record(meeting).await?;
        let names = self.member_names().await?;
        Ok(self.attendance_view(&r, &names))
    }

    /// Records a proxy: the giver is absent with a vote, the holder present, within the cap.
    pub async fn proxy_add(&self, input: ProxyInput) -> ApiResult<AttendanceView> {
        let r = self.record(input.meeting).await?;
        if r.minutes
            .iter()
            .any(|m| m.status == MinutesStatus::Approved)
        {
            return Err(not_draft());
        }
        if !r.meeting.kind.is_assembly() {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Fuldmagter bruges kun på generalforsamlinger.",
            ));
        }
        let voters = self.voters_on(r.meeting.date, &r.rules).await?;
        let giver_right = voters
            .iter()
            .find(|(m, _)| m.id == input.giver)
            .map(|(_, v)| {
                if v.entitled {
                    Ok(())
                } else {
                    Err(v.reasons.join("; "))
                }
            })
            .unwrap_or_else(|| Err("ikke medlem på mødedagen".into()));
        check_proxy(
            input.giver,
            input.holder,
            giver_right,
            &r.attendees,
            &r.proxies,
            &r.rules,
        )
        .map_err(|m| ApiError::new(ErrorCode::Validation, m))?;
        let p = Proxy {
            id: ProxyId::new(),
            giver: input.giver,
            holder: input.holder,
        };
        let mut tx = self.begin().await?;
        tx.insert_proxy(r.meeting.id, &p).await?;
        tx.commit().await?;
        self.attendance_get(r.meeting.id).await
    }

    pub async fn proxy_remove(&self, input: ProxyRemove) -> ApiResult<AttendanceView> {
        if self.minutes_locked(input.meeting).await? {
            return Err(not_draft());
        }
        let mut tx = self.begin().await?;
        if tx.delete_proxy(input.proxy).await? == 0 {
            return Err(ApiError::not_found("Fuldmagten"));
        }
        tx.commit().await?;
        self.attendance_get(input.meeting).await
    }

    /// Records a decision: applies the bylaws' rule for its kind to the counts (or the
    /// acclamation) and the votes in the room, and writes the outcome with its explanation.
    /// An adopted bylaw amendment creates the new bylaws version in the same transaction.
    /// Records a decision, the example of a use case's shape: load the facts, let the core
    /// decide what changes (a pure function with a typed refusal), apply the change in one
    /// transaction (the store's writes log themselves).
    pub async fn decision_record(&self, input: DecisionInput) -> ApiResult<DecisionRecorded> {
        let mut tx = self.begin().await?;
        let r = self
            .load_record(&mut tx.reader(), input.meeting, false)
            .await?;
        let versions = tx.bylaws_versions().await?;
        let facts = DecisionFacts {
            meeting: &r.meeting,
            proposals: &r.proposals,
            attendees: &r.attendees,
            proxies: &r.proxies,
            minutes_approved: r
                .minutes
                .iter()
                .any(|m| m.status == MinutesStatus::Approved),
            rules: &r.rules,
            members_with_vote: r.members_with_vote,
            versions: &versions,
        };
        let request = DecisionRequest {
            item: input.item,
            proposal: input.proposal,
            kind: input.kind,
            subject: input.subject,
            acclamation: input.acclamation,
            counts: input.counts,
        };
        let change = decide_decision(&facts, &request, DecisionId::new(), BylawsVersionId::new())
            .map_err(decision_refused)?;
        if let Some(v) = &change.new_bylaws {
            tx.insert_bylaws_version(v).await?;
        }
        tx.insert_decision(&change.decision).await?;
        tx.commit().await?;
        Ok(DecisionRecorded {
            decision: change.decision,
            notes: change.notes,
            second_assembly_by: change.second_assembly_by,
        })
    }

    /// Removes a decision recorded by mistake (not one that changed the bylaws).
    pub async fn decision_remove(&self, input: DecisionRemove) -> ApiResult<MeetingDetail> {
        if self.minutes_locked(input.meeting).await? {
            return Err(not_draft());
        }
        let d = self
            .store
            .decisions(input.meeting)
            .await?
            .into_iter()
            .find(|d| d.id == input.decision)
            .ok_or_else(|| ApiError::not_found("Beslutningen"))?;
        if let Some(v) = d.bylaws_version {
            return Err(ApiError::new(
                ErrorCode::Validation,
                format!("Beslutningen vedtog vedtægternes version {v} og kan ikke slettes. Ret vedtægterne med en ny vedtægtsændring."),
            ));
        }
        let mut tx = self.begin().await?;
        tx.delete_decision(&d).await?;
        tx.commit().await?;
        self.meeting_get(input.meeting).await
    }

    /// Calls the second assembly the bylaws demand when a decision was not quorate: an
    /// extraordinary assembly that takes the proposal again under the fallback rule.
    pub async fn meeting_schedule_second(
        &self,
        input: SecondAssemblyInput,
    ) -> ApiResult<MeetingDetail> {
        let r = self.record(input.meeting).await?;
        let d = r
            .decisions
            .iter()
            .find(|d| d.id == input.decision)
            .ok_or_else(|| ApiError::not_found("Beslutningen"))?;
        let Some(Fallback::SecondAssembly { within_days, .. }) = d.outcome.fallback.clone() else {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Beslutningen kalder ikke på en ny generalforsamling.",
            ));
        };
        let latest = r.meeting.date + chrono::Duration::days(i64::from(within_days));
        let mut errs = FieldErrors::default();
        if input.date <= r.meeting.date || input.date > latest {
            errs.push(
                "date",
                format!(
                    "Den nye generalforsamling skal holdes efter {} og senest {} ({within_days} dage).",
                    format_date(r.meeting.date),
                    format_date(latest)
                ),
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
            place: clean(input.place).unwrap_or_else(|| r.meeting.place.clone()),
            demanded_by: Some("Bestyrelsen (vedtægternes regel om ny generalforsamling)".into()),
            demanded_on: Some(r.meeting.date),
        });
        m.second_of = Some(r.meeting.id);
        let old = d
            .proposal_id
            .and_then(|id| r.proposals.iter().find(|p| p.id == id));
        let mut tx = self.begin().await?;
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
                "Referatet er godkendt og låst. Vælg »Lav rettelse« for at lave en ny version.",
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

    async fn minutes_by_id(&self, id: MinutesId) -> ApiResult<Minutes> {
        self.store
            .minutes(None)
            .await?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| ApiError::not_found(MINUTES))
    }

    async fn write_minutes(&self, before: &Minutes, after: &Minutes) -> ApiResult<()> {
        let mut tx = self.begin().await?;
        tx.update_minutes(before, after)
            .await
            .map_err(|e| ApiError::from_store(e, MINUTES))?;
        tx.commit().await.map_err(Into::into)
    }

    fn check_editable(m: &Minutes, version: i64) -> ApiResult<()> {
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
            return Err(ApiError::new(
                ErrorCode::Validation,
                format!("{title} er ikke afgjort (en stemmelighed eller et omvalg mangler). Afgør valget, før referatet godkendes."),
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
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Der er allerede et udkast til en rettelse. Ret i det.",
            ));
        }
        let Some(last) = all
            .iter()
            .filter(|m| m.status == MinutesStatus::Approved)
            .max_by_key(|m| m.number)
        else {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Der er intet godkendt referat at rette. Ret i udkastet.",
            ));
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

fn default_signatories(m: &Meeting) -> Vec<Signatory> {
    let mut out = Vec::new();
    let chair_role = if m.kind.is_assembly() {
        "Dirigent"
    } else {
        "Mødeleder"
    };
    out.push(Signatory {
        role: chair_role.into(),
        name: m.officers.dirigent.clone().unwrap_or_default(),
    });
    if let Some(r) = &m.officers.referent {
        out.push(Signatory {
            role: "Referent".into(),
            name: r.clone(),
        });
    }
    out
}

fn clean_amendment(a: Amendment) -> Amendment {
    Amendment {
        section_key: a.section_key.trim().to_owned(),
        title: a.title.trim().to_owned(),
        clauses: a
            .clauses
            .into_iter()
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect(),
    }
}

/// Voting right of every active member of `snap` on `day`.
fn voting_rights(
    snap: &crate::members::MemberSnapshot,
    day: NaiveDate,
    rules: &RuleSettings,
) -> Vec<(Member, VotingRight)> {
    let mut by_member: HashMap<MemberId, Vec<kvorum_core::fees::Payment>> = HashMap::new();
    for p in &snap.payments {
        by_member.entry(p.member_id).or_default().push(p.clone());
    }
    snap.members
        .iter()
        .filter(|m| m.active_on(day))
        .map(|m| {
            let pays = by_member.get(&m.id).map(Vec::as_slice).unwrap_or(&[]);
            let v = rules::voting_right(m, &snap.rates, pays, day, &rules.voting);
            (m.clone(), v)
        })
        .collect()
}

/// The Danish sentence for a decision the core refused.
fn decision_refused(e: DecisionError) -> ApiError {
    match e {
        DecisionError::MinutesApproved => not_draft(),
        DecisionError::UnknownItem => ApiError::not_found("Dagsordenspunktet"),
        DecisionError::UnknownProposal => ApiError::not_found("Forslaget"),
        DecisionError::NoBylaws => ApiError::not_found("Vedtægterne"),
        DecisionError::UnknownKind(kind) => ApiError::new(
            ErrorCode::Validation,
            Text::new("decision-unknown-kind").str("kind", kind),
        ),
        DecisionError::MoreVotesThanRoom { cast, room } => ApiError::new(
            ErrorCode::Validation,
            Text::new("decision-more-votes")
                .num("cast", i64::try_from(cast).unwrap_or(i64::MAX))
                .num("room", room),
        ),
    }
}

/// "lørdag den 14. marts 2026 kl. 14.00"
pub(crate) fn when_text(m: &Meeting) -> String {
    let mut s = long_date_da(m.date);
    if let Some(t) = m.start_time {
        s.push_str(&format!(" kl. {}", kvorum_core::dates::format_time(t)));
    }
    s
}

pub(crate) fn item_kind_of(agenda: &[AgendaItem], kind: ItemKind) -> Option<usize> {
    agenda.iter().position(|i| i.kind == kind)
}
