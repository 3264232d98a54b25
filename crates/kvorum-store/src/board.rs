//! The board register and the elections, with every ballot entered.

use chrono::NaiveDate;
use kvorum_core::board::{SeatKind, Term};
use kvorum_core::elections::{BallotEntry, Election, ElectionKind, Method};
use kvorum_core::ids::{AgendaItemId, ElectionId, MeetingId, MemberId, TermId};
use uuid::Uuid;

use crate::stored::{self, v1, V1};
use crate::{map_unique, on_reader, on_tx, Audited, Result, StoreError, StoreTx};

impl Audited for Election {
    const ENTITY: &'static str = "election";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
}

impl Audited for Term {
    const ENTITY: &'static str = "board_term";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
}

/// The position column holds the stored name of the position (`"viceChair"`), not JSON.
fn position_code(p: kvorum_core::board::Position) -> String {
    serde_json::to_value(v1::Position::from_core(&p))
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn position_of(code: &str) -> Result<kvorum_core::board::Position> {
    serde_json::from_value::<v1::Position>(serde_json::Value::String(code.to_owned()))
        .map(V1::into_core)
        .map_err(|e| StoreError::Corrupt(format!("election position: {e}")))
}

fn u(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

#[derive(sqlx::FromRow)]
struct TermRow {
    id: Uuid,
    kind: String,
    member_id: Option<Uuid>,
    name: String,
    rank: Option<i64>,
    start: NaiveDate,
    expires_year: Option<i64>,
    ended_on: Option<NaiveDate>,
    end_reason: Option<String>,
    positions_json: String,
    elected_at: Option<Uuid>,
    appointed_by: Option<String>,
    version: i64,
}

impl TryFrom<TermRow> for Term {
    type Error = StoreError;
    fn try_from(r: TermRow) -> Result<Term> {
        Ok(Term {
            id: TermId(r.id),
            kind: SeatKind::from_code(&r.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("seat kind {}", r.kind)))?,
            member: r.member_id.map(MemberId),
            name: r.name,
            rank: r.rank.map(u),
            start: r.start,
            expires_year: r.expires_year.and_then(|y| i32::try_from(y).ok()),
            ended_on: r.ended_on,
            end_reason: r.end_reason,
            positions: stored::read::<Vec<v1::PositionEntry>>("term positions", &r.positions_json)?,
            elected_at: r.elected_at.map(MeetingId),
            appointed_by: r.appointed_by,
            version: r.version,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ElectionRow {
    id: Uuid,
    meeting_id: Uuid,
    item_id: Uuid,
    kind: String,
    seats: i64,
    alternates: i64,
    max_marks: i64,
    candidates_json: String,
    method: String,
    totals_json: Option<String>,
    draws_json: String,
    present_with_vote: i64,
    applied: bool,
    position: Option<String>,
    runoff_of: Option<Uuid>,
    version: i64,
}

impl TryFrom<ElectionRow> for Election {
    type Error = StoreError;
    fn try_from(r: ElectionRow) -> Result<Election> {
        Ok(Election {
            id: ElectionId(r.id),
            meeting_id: MeetingId(r.meeting_id),
            item_id: AgendaItemId(r.item_id),
            kind: ElectionKind::from_code(&r.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("election kind {}", r.kind)))?,
            seats: u(r.seats),
            alternates: u(r.alternates),
            max_marks: u(r.max_marks),
            candidates: stored::read::<Vec<v1::Candidate>>("candidates", &r.candidates_json)?,
            method: Method::from_code(&r.method)
                .ok_or_else(|| StoreError::Corrupt(format!("election method {}", r.method)))?,
            totals: r
                .totals_json
                .as_deref()
                .map(|t| stored::read::<v1::Tally>("totals", t))
                .transpose()?,
            draws: stored::read::<Vec<v1::LotDraw>>("draws", &r.draws_json)?,
            present_with_vote: u(r.present_with_vote),
            applied: r.applied,
            position: r.position.as_deref().map(position_of).transpose()?,
            runoff_of: r.runoff_of.map(ElectionId),
            version: r.version,
        })
    }
}

#[derive(sqlx::FromRow)]
struct BallotRow {
    marks_json: String,
    marked_invalid: bool,
}

const ELECTION_COLS: &str =
    "id, meeting_id, item_id, kind, seats, alternates, max_marks, candidates_json,
    method, totals_json, draws_json, present_with_vote, applied, position, runoff_of, version";

crate::reads! {
/// The whole register, oldest term first.
pub async fn board_terms(&mut self) -> Result<Vec<Term>> {
    let rows: Vec<TermRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT id, kind, member_id, name, rank, start, expires_year, ended_on, end_reason, positions_json,
                 elected_at, appointed_by, version
             FROM board_terms ORDER BY start, id"
    ).fetch_all(p).await)?;
    rows.into_iter().map(Term::try_from).collect()
}

/// The elections of one meeting (or of all), in the order they were set up.
pub async fn elections(&mut self, meeting: Option<MeetingId>) -> Result<Vec<Election>> {
    let sql = format!(
        "SELECT {ELECTION_COLS} FROM elections WHERE ($1 IS NULL OR meeting_id = $1) ORDER BY created_at, id"
    );
    let rows: Vec<ElectionRow> = on_reader!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(meeting.map(|m| m.0))
        .fetch_all(p)
        .await)?;
    rows.into_iter().map(Election::try_from).collect()
}

/// One election.
pub async fn election(&mut self, id: ElectionId) -> Result<Election> {
    let sql = format!("SELECT {ELECTION_COLS} FROM elections WHERE id = $1");
    let row: Option<ElectionRow> = on_reader!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(p)
        .await)?;
    row.ok_or(StoreError::NotFound)?.try_into()
}

/// The ballots of an election in the order entered.
pub async fn ballots(&mut self, election: ElectionId) -> Result<Vec<BallotEntry>> {
    let rows: Vec<BallotRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT marks_json, marked_invalid FROM ballots WHERE election_id = $1 ORDER BY seq"
    ).bind(election.0).fetch_all(p).await)?;
    rows.into_iter()
        .map(|r| {
            Ok(BallotEntry {
                marks: stored::read::<Vec<kvorum_core::ids::CandidateId>>("ballot marks", &r.marks_json)?,
                marked_invalid: r.marked_invalid,
            })
        })
        .collect()
}}

impl StoreTx {
    pub async fn insert_term(&mut self, t: &Term) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO board_terms (id, kind, member_id, name, rank, start, expires_year, ended_on, end_reason,
                 positions_json, elected_at, appointed_by, created_at, updated_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14)",
        )
        .bind(t.id.0)
        .bind(t.kind.code())
        .bind(t.member.map(|m| m.0))
        .bind(&t.name)
        .bind(t.rank.map(i64::from))
        .bind(t.start)
        .bind(t.expires_year.map(i64::from))
        .bind(t.ended_on)
        .bind(t.end_reason.as_deref())
        .bind(stored::write::<Vec<v1::PositionEntry>>(&t.positions))
        .bind(t.elected_at.map(|m| m.0))
        .bind(t.appointed_by.as_deref())
        .bind(now)
        .bind(t.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        self.created(std::slice::from_ref(t)).await?;
        Ok(())
    }

    /// Writes a term if it is still at `t.version - 1`.
    pub async fn update_term(&mut self, before: &Term, t: &Term) -> Result<()> {
        let now = self.now;
        let done = on_tx!(self, c => sqlx::query(
            "UPDATE board_terms SET kind = $2, rank = $3, expires_year = $4, ended_on = $5, end_reason = $6,
                 positions_json = $7, name = $8, updated_at = $9, version = $10
             WHERE id = $1 AND version = $10 - 1",
        )
        .bind(t.id.0)
        .bind(t.kind.code())
        .bind(t.rank.map(i64::from))
        .bind(t.expires_year.map(i64::from))
        .bind(t.ended_on)
        .bind(t.end_reason.as_deref())
        .bind(stored::write::<Vec<v1::PositionEntry>>(&t.positions))
        .bind(&t.name)
        .bind(now)
        .bind(t.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        self.updated(before, t).await?;
        Ok(())
    }

    pub async fn insert_election(&mut self, e: &Election) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO elections (id, meeting_id, item_id, kind, seats, alternates, max_marks, candidates_json,
                 method, totals_json, draws_json, present_with_vote, applied, created_at, updated_at, version,
                 position, runoff_of)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16, $17)",
        )
        .bind(e.id.0)
        .bind(e.meeting_id.0)
        .bind(e.item_id.0)
        .bind(e.kind.code())
        .bind(i64::from(e.seats))
        .bind(i64::from(e.alternates))
        .bind(i64::from(e.max_marks))
        .bind(stored::write::<Vec<v1::Candidate>>(&e.candidates))
        .bind(e.method.code())
        .bind(e.totals.as_ref().map(stored::write::<v1::Tally>))
        .bind(stored::write::<Vec<v1::LotDraw>>(&e.draws))
        .bind(i64::from(e.present_with_vote))
        .bind(e.applied)
        .bind(now)
        .bind(e.version)
        .bind(e.position.map(position_code))
        .bind(e.runoff_of.map(|r| r.0))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        self.created(std::slice::from_ref(e)).await?;
        Ok(())
    }

    /// Writes an election if it is still at `e.version - 1`.
    pub async fn update_election(&mut self, before: &Election, e: &Election) -> Result<()> {
        let now = self.now;
        let done = on_tx!(self, c => sqlx::query(
            "UPDATE elections SET seats = $2, alternates = $3, max_marks = $4, candidates_json = $5, method = $6,
                 totals_json = $7, draws_json = $8, present_with_vote = $9, applied = $10, updated_at = $11,
                 version = $12
             WHERE id = $1 AND version = $12 - 1",
        )
        .bind(e.id.0)
        .bind(i64::from(e.seats))
        .bind(i64::from(e.alternates))
        .bind(i64::from(e.max_marks))
        .bind(stored::write::<Vec<v1::Candidate>>(&e.candidates))
        .bind(e.method.code())
        .bind(e.totals.as_ref().map(stored::write::<v1::Tally>))
        .bind(stored::write::<Vec<v1::LotDraw>>(&e.draws))
        .bind(i64::from(e.present_with_vote))
        .bind(e.applied)
        .bind(now)
        .bind(e.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        self.updated(before, e).await?;
        Ok(())
    }

    /// Adds a ballot as number `seq` (1, 2, …); two counters entering the same number collide.
    pub async fn insert_ballot(
        &mut self,
        election: ElectionId,
        seq: i64,
        b: &BallotEntry,
    ) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO ballots (id, election_id, seq, marks_json, marked_invalid, entered_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(Uuid::now_v7())
        .bind(election.0)
        .bind(seq)
        .bind(stored::write::<Vec<kvorum_core::ids::CandidateId>>(&b.marks))
        .bind(b.marked_invalid)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        // The log keeps that a ballot was entered, not its marks.
        let entry = serde_json::json!({ "seq": seq });
        self.changed("ballot", election.to_string(), "create", entry)
            .await?;
        Ok(())
    }

    pub async fn ballot_count(&mut self, election: ElectionId) -> Result<i64> {
        Ok(
            on_tx!(self, c => sqlx::query_scalar("SELECT COUNT(*) FROM ballots WHERE election_id = $1")
            .bind(election.0)
            .fetch_one(c)
            .await)?,
        )
    }

    /// Removes the last ballot entered (a counter's mistake).
    pub async fn delete_last_ballot(&mut self, election: ElectionId) -> Result<u64> {
        let gone = on_tx!(self, c => sqlx::query(
            "DELETE FROM ballots WHERE election_id = $1 AND seq = (SELECT MAX(seq) FROM ballots WHERE election_id = $1)"
        )
        .bind(election.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if gone > 0 {
            let what = serde_json::Value::Null;
            self.changed("ballot", election.to_string(), "delete", what)
                .await?;
        }
        Ok(gone)
    }
}
