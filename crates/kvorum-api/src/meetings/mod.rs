//! The secretary's use cases for meetings: plan (deadlines), agenda, proposals, notice,
//! check-in and proxies, decisions, and minutes that are approved, locked and corrected by
//! new versions. The rules themselves live in `kvorum_core::meetings`.

mod attendance;
mod decisions;
mod minutes;
mod planning;
mod proposals;
mod record;

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use kvorum_core::bylaws::governing;
use kvorum_core::dates::{format_date, long_date_da};
use kvorum_core::decisions::{decide_decision, DecisionError, DecisionFacts, DecisionRequest};
use kvorum_core::fees::{
    fee_status, validate_payment, FeeStatus, Payment, PaymentInput, PaymentMethod,
};
use kvorum_core::ids::{
    AgendaItemId, BylawsVersionId, DecisionId, MeetingId, MemberId, MinutesId, ProposalId, ProxyId,
};
use kvorum_core::meetings::{
    attendance_counts, board_quorum, check_proxy, checklist, draft_minutes, late_note,
    minutes_hash, notice_check, proposal_deadline, right_at, validate_meeting, validate_proposal,
    validate_signatories, AgendaItem, Amendment, AttendanceCounts, Attendee, BoardQuorum,
    ChecklistItem, Decision, ItemKind, Meeting, MeetingInput, MeetingKind, Minutes, MinutesContext,
    MinutesStatus, Officers, Proposal, ProposalInput, Proxy, Signatory, Withdrawal,
};
use kvorum_core::members::{normalize_optional, Member};
use kvorum_core::rules::{self, Fallback, NoticeCheck, RuleSettings, VoteCounts, VotingRight};
use kvorum_core::text::Text;
use kvorum_core::FieldErrors;
use kvorum_core::Money;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use kvorum_store::{Reader, StoreTx};

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
    /// At an assembly: what is still owed of the fee for the meeting's year (unpaid or
    /// partly paid), so it can be paid at the door; `None` when nothing is owed.
    pub fee_owed: Option<Money>,
}

/// The fee paid at the door by a member in arrears, who is checked in with the voting right
/// the bylaws then give (a payment may have had to arrive days before the meeting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DoorPayment {
    pub meeting: MeetingId,
    pub member: MemberId,
    pub amount: Money,
    pub method: PaymentMethod,
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

/// A proposal withdrawn by its submitter (`withdrawal`), or — with `None` — a withdrawal
/// registered by mistake taken back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProposalWithdraw {
    pub meeting: MeetingId,
    pub id: ProposalId,
    #[ts(type = "number")]
    pub version: i64,
    pub withdrawal: Option<Withdrawal>,
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
    /// The register the record was read with (as its transaction saw it).
    pub register: std::sync::Arc<crate::members::MemberSnapshot>,
}

impl Record {
    /// A member active on the meeting's day, with their voting right then (the desk decides
    /// one member at a time, not from all 10 000).
    fn voter(&self, id: MemberId) -> Option<(Member, VotingRight)> {
        let m = self
            .register
            .members
            .iter()
            .find(|m| m.id == id && m.active_on(self.meeting.date))?;
        let pays: Vec<kvorum_core::fees::Payment> = self
            .register
            .payments
            .iter()
            .filter(|p| p.member_id == id)
            .cloned()
            .collect();
        let v = rules::voting_right(
            m,
            &self.register.rates,
            &pays,
            self.meeting.date,
            &self.rules.voting,
        );
        Some((m.clone(), v))
    }

    fn minutes_approved(&self) -> bool {
        self.minutes
            .iter()
            .any(|m| m.status == MinutesStatus::Approved)
    }
}

fn not_draft() -> ApiError {
    ApiError::new(ErrorCode::Locked, Text::new("decision-minutes-locked"))
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
    let mut out = Vec::new();
    each_voting_right(snap, day, rules, |m, v| out.push((m.clone(), v)));
    out
}

/// How many members may vote on `day`.
fn entitled_count(
    snap: &crate::members::MemberSnapshot,
    day: NaiveDate,
    rules: &RuleSettings,
) -> u32 {
    snap.entitled_on(day, &rules.voting, || {
        let mut n = 0u32;
        each_voting_right(snap, day, rules, |_, v| {
            n = n.saturating_add(u32::from(v.entitled))
        });
        n
    })
}

/// Every member active on `day` with their voting right then, without copying the register.
fn each_voting_right(
    snap: &crate::members::MemberSnapshot,
    day: NaiveDate,
    rules: &RuleSettings,
    mut each: impl FnMut(&Member, VotingRight),
) {
    let mut by_member: HashMap<MemberId, Vec<&kvorum_core::fees::Payment>> = HashMap::new();
    for p in &snap.payments {
        by_member.entry(p.member_id).or_default().push(p);
    }
    let mut pays = Vec::new();
    for m in snap.members.iter().filter(|m| m.active_on(day)) {
        pays.clear();
        if let Some(ps) = by_member.get(&m.id) {
            pays.extend(ps.iter().map(|p| (*p).clone()));
        }
        each(
            m,
            rules::voting_right(m, &snap.rates, &pays, day, &rules.voting),
        );
    }
}

/// The Danish sentence for a decision the core refused.
fn decision_refused(e: DecisionError) -> ApiError {
    match e {
        DecisionError::MinutesApproved => not_draft(),
        DecisionError::UnknownItem => ApiError::not_found("Dagsordenspunktet"),
        DecisionError::UnknownProposal => ApiError::not_found("Forslaget"),
        DecisionError::Withdrawn => ApiError::refused(Text::new("proposal-withdrawn-no-vote")),
        DecisionError::NoBylaws => ApiError::not_found("Vedtægterne"),
        DecisionError::UnknownKind(kind) => {
            ApiError::refused(Text::new("decision-unknown-kind").str("kind", kind))
        }
        DecisionError::MoreVotesThanRoom { cast, room } => ApiError::refused(
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

/// Whether the meeting's minutes are approved (then its record is locked), read through `db`.
pub(crate) async fn minutes_locked(db: &mut Reader<'_>, id: MeetingId) -> ApiResult<bool> {
    Ok(db
        .minutes(Some(id))
        .await?
        .iter()
        .any(|m| m.status == MinutesStatus::Approved))
}
