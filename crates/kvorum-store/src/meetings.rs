//! Meetings and what happens at them: proposals, attendance, proxies, decisions, minutes.
//! Approved minutes are also locked in the database itself (triggers in migration 0004).

use chrono::{NaiveDate, NaiveTime};
use kvorum_core::ids::{
    AgendaItemId, DecisionId, MeetingId, MemberId, MinutesId, ProposalId, ProxyId,
};
use kvorum_core::meetings::{
    Attendee, Decision, Meeting, MeetingKind, Minutes, MinutesStatus, Proposal, Proxy, Withdrawal,
};
use kvorum_core::rules::VoteCounts;
use uuid::Uuid;

use crate::stored::{self, v1};
use crate::{map_unique, on_reader, on_tx, Audited, Result, StoreError, StoreTx};

impl Audited for Minutes {
    const ENTITY: &'static str = "minutes";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
}

impl Audited for Decision {
    const ENTITY: &'static str = "decision";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
}

impl Audited for Proposal {
    const ENTITY: &'static str = "proposal";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
}

impl Audited for Meeting {
    const ENTITY: &'static str = "meeting";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
}

fn count(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

/// Maps the lock triggers' refusal to [`StoreError::Locked`].
fn map_locked(e: sqlx::Error) -> StoreError {
    if let Some(db) = e.as_database_error() {
        if db.message().contains("approved and locked") {
            return StoreError::Locked;
        }
    }
    map_unique(e)
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    id: Uuid,
    kind: String,
    body: Option<String>,
    date: NaiveDate,
    start_time: Option<NaiveTime>,
    end_time: Option<NaiveTime>,
    place: String,
    demanded_by: Option<String>,
    demanded_on: Option<NaiveDate>,
    notice_sent_on: Option<NaiveDate>,
    final_agenda_sent_on: Option<NaiveDate>,
    officers_json: String,
    agenda_json: String,
    second_of: Option<Uuid>,
    version: i64,
}

impl TryFrom<MeetingRow> for Meeting {
    type Error = StoreError;
    fn try_from(r: MeetingRow) -> Result<Meeting> {
        Ok(Meeting {
            id: MeetingId(r.id),
            kind: MeetingKind::from_code(&r.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("meeting kind {}", r.kind)))?,
            body: r.body,
            date: r.date,
            start_time: r.start_time,
            end_time: r.end_time,
            place: r.place,
            demanded_by: r.demanded_by,
            demanded_on: r.demanded_on,
            notice_sent_on: r.notice_sent_on,
            final_agenda_sent_on: r.final_agenda_sent_on,
            officers: stored::read::<v1::Officers>("meeting officers", &r.officers_json)?,
            agenda: stored::read::<Vec<v1::AgendaItem>>("meeting agenda", &r.agenda_json)?,
            second_of: r.second_of.map(MeetingId),
            version: r.version,
        })
    }
}

const MEETING_COLS: &str =
    "id, kind, body, date, start_time, end_time, place, demanded_by, demanded_on,
    notice_sent_on, final_agenda_sent_on, officers_json, agenda_json, second_of, version";

#[derive(sqlx::FromRow)]
struct ProposalRow {
    id: Uuid,
    meeting_id: Uuid,
    number: i64,
    submitter: Option<Uuid>,
    submitter_name: String,
    received_on: NaiveDate,
    kind: String,
    title: String,
    text: String,
    amendment_json: Option<String>,
    recommendation: String,
    version: i64,
    withdrawn_on: Option<NaiveDate>,
    withdrawn_note: Option<String>,
}

impl TryFrom<ProposalRow> for Proposal {
    type Error = StoreError;
    fn try_from(r: ProposalRow) -> Result<Proposal> {
        Ok(Proposal {
            id: ProposalId(r.id),
            meeting_id: MeetingId(r.meeting_id),
            number: r.number,
            submitter: r.submitter.map(MemberId),
            submitter_name: r.submitter_name,
            received_on: r.received_on,
            kind: r.kind,
            title: r.title,
            text: r.text,
            amendment: r
                .amendment_json
                .as_deref()
                .map(|a| stored::read::<v1::Amendment>("proposal amendment", a))
                .transpose()?,
            recommendation: r.recommendation,
            withdrawn: r.withdrawn_on.map(|on| Withdrawal {
                on,
                note: r.withdrawn_note.unwrap_or_default(),
            }),
            version: r.version,
        })
    }
}

#[derive(sqlx::FromRow)]
struct AttendanceRow {
    member_id: Option<Uuid>,
    name: String,
    voting: bool,
    reason: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ProxyRow {
    id: Uuid,
    giver: Uuid,
    holder: Uuid,
}

#[derive(sqlx::FromRow)]
struct DecisionRow {
    id: Uuid,
    meeting_id: Uuid,
    item_id: Uuid,
    proposal_id: Option<Uuid>,
    kind: String,
    subject: String,
    acclamation: bool,
    for_votes: i64,
    against: i64,
    blank: i64,
    invalid: i64,
    present_with_vote: i64,
    members_with_vote: i64,
    outcome_json: String,
    bylaws_version: Option<i64>,
}

impl TryFrom<DecisionRow> for Decision {
    type Error = StoreError;
    fn try_from(r: DecisionRow) -> Result<Decision> {
        Ok(Decision {
            id: DecisionId(r.id),
            meeting_id: MeetingId(r.meeting_id),
            item_id: AgendaItemId(r.item_id),
            proposal_id: r.proposal_id.map(ProposalId),
            kind: r.kind,
            subject: r.subject,
            acclamation: r.acclamation,
            counts: VoteCounts {
                for_votes: count(r.for_votes),
                against: count(r.against),
                blank: count(r.blank),
                invalid: count(r.invalid),
            },
            present_with_vote: count(r.present_with_vote),
            members_with_vote: count(r.members_with_vote),
            outcome: stored::read::<v1::DecisionOutcome>("decision outcome", &r.outcome_json)?,
            bylaws_version: r.bylaws_version,
        })
    }
}

#[derive(sqlx::FromRow)]
struct MinutesRow {
    id: Uuid,
    meeting_id: Uuid,
    number: i64,
    text: String,
    status: String,
    signatories_json: String,
    approved_on: Option<NaiveDate>,
    hash: Option<String>,
    corrects: Option<i64>,
    correction_note: Option<String>,
    version: i64,
}

impl TryFrom<MinutesRow> for Minutes {
    type Error = StoreError;
    fn try_from(r: MinutesRow) -> Result<Minutes> {
        Ok(Minutes {
            id: MinutesId(r.id),
            meeting_id: MeetingId(r.meeting_id),
            number: r.number,
            text: r.text,
            status: if r.status == "approved" {
                MinutesStatus::Approved
            } else {
                MinutesStatus::Draft
            },
            signatories: stored::read::<Vec<v1::Signatory>>(
                "minutes signatories",
                &r.signatories_json,
            )?,
            approved_on: r.approved_on,
            hash: r.hash,
            corrects: r.corrects,
            correction_note: r.correction_note,
            version: r.version,
        })
    }
}

const MINUTES_COLS: &str =
    "id, meeting_id, number, text, status, signatories_json, approved_on, hash,
    corrects, correction_note, version";

fn status_code(s: MinutesStatus) -> &'static str {
    match s {
        MinutesStatus::Draft => "draft",
        MinutesStatus::Approved => "approved",
    }
}

crate::reads! {
/// All meetings, newest first.
pub async fn meetings(&mut self) -> Result<Vec<Meeting>> {
    let sql = format!("SELECT {MEETING_COLS} FROM meetings ORDER BY date DESC, id DESC");
    let rows: Vec<MeetingRow> =
        on_reader!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)?;
    rows.into_iter().map(Meeting::try_from).collect()
}

pub async fn meeting(&mut self, id: MeetingId) -> Result<Meeting> {
    let sql = format!("SELECT {MEETING_COLS} FROM meetings WHERE id = $1");
    let row: Option<MeetingRow> = on_reader!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(p)
        .await)?;
    row.ok_or(StoreError::NotFound)?.try_into()
}

/// A meeting's proposals in received order.
pub async fn proposals(&mut self, meeting: MeetingId) -> Result<Vec<Proposal>> {
    let rows: Vec<ProposalRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, meeting_id, number, submitter, submitter_name, received_on, kind, title, text,
                 amendment_json, recommendation, version, withdrawn_on, withdrawn_note
             FROM proposals WHERE meeting_id = $1 ORDER BY number"
    ).bind(meeting.0).fetch_all(p).await)?;
    rows.into_iter().map(Proposal::try_from).collect()
}

/// Who is checked in, in check-in order.
pub async fn attendance(&mut self, meeting: MeetingId) -> Result<Vec<Attendee>> {
    let rows: Vec<AttendanceRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT member_id, name, voting, reason FROM attendance WHERE meeting_id = $1
         ORDER BY checked_in_at, id"
    ).bind(meeting.0).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|r| Attendee {
            member: r.member_id.map(MemberId),
            name: r.name,
            voting: r.voting,
            reason: r.reason,
        })
        .collect())
}

pub async fn proxies(&mut self, meeting: MeetingId) -> Result<Vec<Proxy>> {
    let rows: Vec<ProxyRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, giver, holder FROM proxies WHERE meeting_id = $1 ORDER BY created_at, id"
    ).bind(meeting.0).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|r| Proxy {
            id: ProxyId(r.id),
            giver: MemberId(r.giver),
            holder: MemberId(r.holder),
        })
        .collect())
}

/// A meeting's decisions in the order they were taken.
pub async fn decisions(&mut self, meeting: MeetingId) -> Result<Vec<Decision>> {
    let rows: Vec<DecisionRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, meeting_id, item_id, proposal_id, kind, subject, acclamation, for_votes, against,
                 blank, invalid, present_with_vote, members_with_vote, outcome_json, bylaws_version
             FROM decisions WHERE meeting_id = $1 ORDER BY decided_at, id"
    ).bind(meeting.0).fetch_all(p).await)?;
    rows.into_iter().map(Decision::try_from).collect()
}

/// The minutes versions of one meeting (oldest first), or of all meetings.
pub async fn minutes(&mut self, meeting: Option<MeetingId>) -> Result<Vec<Minutes>> {
    let sql = format!(
        "SELECT {MINUTES_COLS} FROM minutes WHERE ($1 IS NULL OR meeting_id = $1) ORDER BY meeting_id, number"
    );
    let rows: Vec<MinutesRow> = on_reader!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(meeting.map(|m| m.0))
        .fetch_all(p)
        .await)?;
    rows.into_iter().map(Minutes::try_from).collect()
}}

impl StoreTx {
    /// Serialises writes to one meeting's record (check-in, proxies, decisions) between
    /// laptops: on PostgreSQL the meeting's row is locked until the transaction ends, so a
    /// second writer waits and then reads what the first wrote. On SQLite the whole file is
    /// already locked from `BEGIN IMMEDIATE`.
    pub async fn lock_meeting(&mut self, id: MeetingId) -> Result<()> {
        if let crate::TxInner::Postgres(t) = &mut self.inner {
            sqlx::query("SELECT 1 FROM meetings WHERE id = $1 FOR UPDATE")
                .bind(id.0)
                .fetch_optional(&mut **t)
                .await?;
        }
        Ok(())
    }

    pub async fn insert_meeting(&mut self, m: &Meeting) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO meetings (id, kind, body, date, start_time, end_time, place, demanded_by, demanded_on,
                 notice_sent_on, final_agenda_sent_on, officers_json, agenda_json, second_of,
                 created_at, updated_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16)",
        )
        .bind(m.id.0)
        .bind(m.kind.code())
        .bind(m.body.as_deref())
        .bind(m.date)
        .bind(m.start_time)
        .bind(m.end_time)
        .bind(&m.place)
        .bind(m.demanded_by.as_deref())
        .bind(m.demanded_on)
        .bind(m.notice_sent_on)
        .bind(m.final_agenda_sent_on)
        .bind(stored::write::<v1::Officers>(&m.officers))
        .bind(stored::write::<Vec<v1::AgendaItem>>(&m.agenda))
        .bind(m.second_of.map(|s| s.0))
        .bind(now)
        .bind(m.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        self.created(std::slice::from_ref(m)).await?;
        Ok(())
    }

    /// Writes the meeting if it is still at `m.version - 1`.
    pub async fn update_meeting(&mut self, before: &Meeting, m: &Meeting) -> Result<()> {
        let now = self.now;
        let done = on_tx!(self, c => sqlx::query(
            "UPDATE meetings SET kind = $2, body = $3, date = $4, start_time = $5, end_time = $6, place = $7,
                 demanded_by = $8, demanded_on = $9, notice_sent_on = $10, final_agenda_sent_on = $11,
                 officers_json = $12, agenda_json = $13, updated_at = $14, version = $15
             WHERE id = $1 AND version = $15 - 1",
        )
        .bind(m.id.0)
        .bind(m.kind.code())
        .bind(m.body.as_deref())
        .bind(m.date)
        .bind(m.start_time)
        .bind(m.end_time)
        .bind(&m.place)
        .bind(m.demanded_by.as_deref())
        .bind(m.demanded_on)
        .bind(m.notice_sent_on)
        .bind(m.final_agenda_sent_on)
        .bind(stored::write::<v1::Officers>(&m.officers))
        .bind(stored::write::<Vec<v1::AgendaItem>>(&m.agenda))
        .bind(now)
        .bind(m.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        self.updated(before, m).await?;
        Ok(())
    }

    /// The next proposal number of a meeting, read inside the transaction.
    pub async fn next_proposal_number(&mut self, meeting: MeetingId) -> Result<i64> {
        let n: Option<i64> = on_tx!(self, c => sqlx::query_scalar(
            "SELECT MAX(number) FROM proposals WHERE meeting_id = $1"
        ).bind(meeting.0).fetch_one(c).await)?;
        Ok(n.unwrap_or(0) + 1)
    }

    pub async fn insert_proposal(&mut self, p: &Proposal) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO proposals (id, meeting_id, number, submitter, submitter_name, received_on, kind, title,
                 text, amendment_json, recommendation, created_at, updated_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13)",
        )
        .bind(p.id.0)
        .bind(p.meeting_id.0)
        .bind(p.number)
        .bind(p.submitter.map(|s| s.0))
        .bind(&p.submitter_name)
        .bind(p.received_on)
        .bind(&p.kind)
        .bind(&p.title)
        .bind(&p.text)
        .bind(p.amendment.as_ref().map(stored::write::<v1::Amendment>))
        .bind(&p.recommendation)
        .bind(now)
        .bind(p.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        self.created(std::slice::from_ref(p)).await?;
        Ok(())
    }

    pub async fn update_proposal(&mut self, before: &Proposal, p: &Proposal) -> Result<()> {
        let now = self.now;
        let done = on_tx!(self, c => sqlx::query(
            "UPDATE proposals SET submitter = $2, submitter_name = $3, received_on = $4, kind = $5, title = $6,
                 text = $7, amendment_json = $8, recommendation = $9, updated_at = $10, version = $11,
                 withdrawn_on = $12, withdrawn_note = $13
             WHERE id = $1 AND version = $11 - 1",
        )
        .bind(p.id.0)
        .bind(p.submitter.map(|s| s.0))
        .bind(&p.submitter_name)
        .bind(p.received_on)
        .bind(&p.kind)
        .bind(&p.title)
        .bind(&p.text)
        .bind(p.amendment.as_ref().map(stored::write::<v1::Amendment>))
        .bind(&p.recommendation)
        .bind(now)
        .bind(p.version)
        .bind(p.withdrawn.as_ref().map(|w| w.on))
        .bind(p.withdrawn.as_ref().map(|w| w.note.as_str()))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        self.updated(before, p).await?;
        Ok(())
    }

    pub async fn check_in(&mut self, meeting: MeetingId, a: &Attendee) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO attendance (id, meeting_id, member_id, name, voting, reason, checked_in_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(Uuid::now_v7())
        .bind(meeting.0)
        .bind(a.member.map(|m| m.0))
        .bind(&a.name)
        .bind(a.voting)
        .bind(a.reason.as_deref())
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        let who = serde_json::json!({ "member": a.member, "name": a.name, "voting": a.voting });
        self.changed("attendance", meeting.to_string(), "create", who)
            .await?;
        Ok(())
    }

    /// Removes one attendee (a member, or a guest by name); returns how many rows went.
    pub async fn check_out(
        &mut self,
        meeting: MeetingId,
        member: Option<MemberId>,
        name: &str,
    ) -> Result<u64> {
        let gone = on_tx!(self, c => sqlx::query(
            "DELETE FROM attendance WHERE meeting_id = $1
               AND (($2 IS NOT NULL AND member_id = $2) OR ($2 IS NULL AND member_id IS NULL AND name = $3))",
        )
        .bind(meeting.0)
        .bind(member.map(|m| m.0))
        .bind(name)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if gone > 0 {
            let who = serde_json::json!({ "member": member, "name": name });
            self.changed("attendance", meeting.to_string(), "delete", who)
                .await?;
        }
        Ok(gone)
    }

    pub async fn insert_proxy(&mut self, meeting: MeetingId, p: &Proxy) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO proxies (id, meeting_id, giver, holder, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(p.id.0)
        .bind(meeting.0)
        .bind(p.giver.0)
        .bind(p.holder.0)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        let what = serde_json::json!({ "meeting": meeting, "giver": p.giver, "holder": p.holder });
        self.changed("proxy", p.id.to_string(), "create", what)
            .await?;
        Ok(())
    }

    pub async fn delete_proxy(&mut self, id: ProxyId) -> Result<u64> {
        let gone = on_tx!(self, c => sqlx::query("DELETE FROM proxies WHERE id = $1")
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if gone > 0 {
            let what = serde_json::Value::Null;
            self.changed("proxy", id.to_string(), "delete", what)
                .await?;
        }
        Ok(gone)
    }

    /// Proxies a member holds or gave at a meeting (removed when they leave the room).
    pub async fn delete_proxies_of(&mut self, meeting: MeetingId, member: MemberId) -> Result<u64> {
        let gone = on_tx!(self, c => sqlx::query("DELETE FROM proxies WHERE meeting_id = $1 AND holder = $2")
            .bind(meeting.0)
            .bind(member.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if gone > 0 {
            let what = serde_json::json!({ "meeting": meeting, "holder": member });
            self.changed("proxy", meeting.to_string(), "delete", what)
                .await?;
        }
        Ok(gone)
    }

    pub async fn insert_decision(&mut self, d: &Decision) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO decisions (id, meeting_id, item_id, proposal_id, kind, subject, acclamation, for_votes,
                 against, blank, invalid, present_with_vote, members_with_vote, outcome_json, bylaws_version,
                 decided_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        )
        .bind(d.id.0)
        .bind(d.meeting_id.0)
        .bind(d.item_id.0)
        .bind(d.proposal_id.map(|p| p.0))
        .bind(&d.kind)
        .bind(&d.subject)
        .bind(d.acclamation)
        .bind(i64::from(d.counts.for_votes))
        .bind(i64::from(d.counts.against))
        .bind(i64::from(d.counts.blank))
        .bind(i64::from(d.counts.invalid))
        .bind(i64::from(d.present_with_vote))
        .bind(i64::from(d.members_with_vote))
        .bind(stored::write::<v1::DecisionOutcome>(&d.outcome))
        .bind(d.bylaws_version)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        self.created(std::slice::from_ref(d)).await?;
        Ok(())
    }

    pub async fn delete_decision(&mut self, d: &Decision) -> Result<u64> {
        let gone = on_tx!(self, c => sqlx::query("DELETE FROM decisions WHERE id = $1")
            .bind(d.id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if gone > 0 {
            self.deleted(d).await?;
        }
        Ok(gone)
    }

    pub async fn insert_minutes(&mut self, m: &Minutes) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO minutes (id, meeting_id, number, text, status, signatories_json, approved_on, hash,
                 corrects, correction_note, created_at, updated_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)",
        )
        .bind(m.id.0)
        .bind(m.meeting_id.0)
        .bind(m.number)
        .bind(&m.text)
        .bind(status_code(m.status))
        .bind(stored::write::<Vec<v1::Signatory>>(&m.signatories))
        .bind(m.approved_on)
        .bind(m.hash.as_deref())
        .bind(m.corrects)
        .bind(m.correction_note.as_deref())
        .bind(now)
        .bind(m.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        self.created(std::slice::from_ref(m)).await?;
        Ok(())
    }

    /// Writes a draft (or its approval) over the stored draft at `m.version - 1`. Approved
    /// minutes are refused here and, should anything try anyway, by the database's triggers.
    pub async fn update_minutes(&mut self, before: &Minutes, m: &Minutes) -> Result<()> {
        let now = self.now;
        let done = on_tx!(self, c => sqlx::query(
            "UPDATE minutes SET text = $2, status = $3, signatories_json = $4, approved_on = $5, hash = $6,
                 correction_note = $7, updated_at = $8, version = $9
             WHERE id = $1 AND version = $9 - 1 AND status = 'draft'",
        )
        .bind(m.id.0)
        .bind(&m.text)
        .bind(status_code(m.status))
        .bind(stored::write::<Vec<v1::Signatory>>(&m.signatories))
        .bind(m.approved_on)
        .bind(m.hash.as_deref())
        .bind(m.correction_note.as_deref())
        .bind(now)
        .bind(m.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_locked)?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        self.updated(before, m).await?;
        Ok(())
    }

    /// Writes straight to a minutes row whatever its status — only for proving the lock.
    #[doc(hidden)]
    pub async fn force_minutes_text(&mut self, id: MinutesId, text: &str) -> Result<u64> {
        on_tx!(self, c => sqlx::query("UPDATE minutes SET text = $2 WHERE id = $1")
            .bind(id.0)
            .bind(text)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))
        .map_err(map_locked)
    }
}
