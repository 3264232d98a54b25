//! The member register's rows.

use chrono::NaiveDate;
use kvorum_core::ids::MemberId;
use kvorum_core::members::{Member, Role};
use uuid::Uuid;

use crate::{map_unique, on_reader, on_tx, Audited, Result, StoreError, StoreTx};

impl Audited for Member {
    const ENTITY: &'static str = "member";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: Uuid,
    member_no: i64,
    name: String,
    address: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    birth_date: Option<NaiveDate>,
    birth_year: Option<i64>,
    joined_on: NaiveDate,
    left_on: Option<NaiveDate>,
    left_reason: Option<String>,
    membership_type: String,
    roles: String,
    email_consent: bool,
    version: i64,
}

impl From<MemberRow> for Member {
    fn from(r: MemberRow) -> Member {
        Member {
            id: MemberId(r.id),
            member_no: r.member_no,
            name: r.name,
            address: r.address,
            postal_code: r.postal_code,
            city: r.city,
            email: r.email,
            phone: r.phone,
            birth_date: r.birth_date,
            birth_year: r.birth_year.and_then(|y| i32::try_from(y).ok()),
            joined_on: r.joined_on,
            left_on: r.left_on,
            left_reason: r.left_reason,
            membership_type: r.membership_type,
            roles: Role::decode_list(&r.roles),
            email_consent: r.email_consent,
            version: r.version,
        }
    }
}

const SELECT_MEMBER: &str = "SELECT id, member_no, name, address, postal_code, city, email, phone,
    birth_date, birth_year, joined_on, left_on, left_reason, membership_type, roles, email_consent,
    version
    FROM members";

crate::reads! {
/// All members, ordered by member no.
pub async fn members(&mut self) -> Result<Vec<Member>> {
    let sql = format!("{SELECT_MEMBER} ORDER BY member_no");
    let rows: Vec<MemberRow> =
        on_reader!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)?;
    Ok(rows.into_iter().map(Member::from).collect())
}

/// How many times the member register (members, fee rates, fee payments) has changed, as
/// this reader (a transaction, perhaps) sees it: it moves with every such write from any
/// connection and with nothing else (migration 0020), so a register read at a count is
/// still the register while the count stands.
pub async fn register_changes(&mut self) -> Result<i64> {
    Ok(on_reader!(self, p => sqlx::query_scalar("SELECT changes FROM register_changes").fetch_one(p).await)?)
}

pub async fn member(&mut self, id: MemberId) -> Result<Member> {
    let sql = format!("{SELECT_MEMBER} WHERE id = $1");
    let row: Option<MemberRow> = on_reader!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(p).await)?;
    row.map(Member::from).ok_or(StoreError::NotFound)
}}

impl StoreTx {
    /// The highest member no. in use (0 when there are none), read inside the transaction.
    pub async fn max_member_no(&mut self) -> Result<i64> {
        let max: Option<i64> = on_tx!(self, c => sqlx::query_scalar("SELECT MAX(member_no) FROM members").fetch_one(c).await)?;
        Ok(max.unwrap_or(0))
    }

    /// Inserts many members with multi-row statements (an import of 5 000 is 25 statements).
    pub async fn insert_members(&mut self, members: &[Member]) -> Result<()> {
        let now = self.now;
        // 19 values a row: 1 700 rows stay under SQLite's 32 766 and PostgreSQL's 65 535
        // parameters a statement; fewer, larger statements import 50 000 members 2× faster.
        for chunk in members.chunks(1700) {
            let roles: Vec<String> = chunk.iter().map(|m| Role::encode_list(&m.roles)).collect();
            on_tx!(self, c => {
                let mut qb = sqlx::QueryBuilder::new(
                    "INSERT INTO members (id, member_no, name, address, postal_code, city, email, phone,
                     birth_date, birth_year, joined_on, left_on, left_reason, membership_type, roles,
                     email_consent, version, created_at, updated_at) ",
                );
                qb.push_values(chunk.iter().zip(&roles), |mut b, (m, r)| {
                    b.push_bind(m.id.0)
                        .push_bind(m.member_no)
                        .push_bind(m.name.as_str())
                        .push_bind(m.address.as_deref())
                        .push_bind(m.postal_code.as_deref())
                        .push_bind(m.city.as_deref())
                        .push_bind(m.email.as_deref())
                        .push_bind(m.phone.as_deref())
                        .push_bind(m.birth_date)
                        .push_bind(m.birth_year.map(i64::from))
                        .push_bind(m.joined_on)
                        .push_bind(m.left_on)
                        .push_bind(m.left_reason.as_deref())
                        .push_bind(m.membership_type.as_str())
                        .push_bind(r.as_str())
                        .push_bind(m.email_consent)
                        .push_bind(m.version)
                        .push_bind(now)
                        .push_bind(now);
                });
                qb.build().execute(c).await.map(|r| r.rows_affected())
            })
            .map_err(map_unique)?;
        }
        self.created(members).await?;
        Ok(())
    }

    /// Writes `m` over the stored member (`before`, as read) if its version is still
    /// `m.version - 1`; otherwise someone else saved first and [`StoreError::Conflict`] is
    /// returned.
    pub async fn update_member(&mut self, before: &Member, m: &Member) -> Result<()> {
        let now = self.now;
        let done = on_tx!(self, c => sqlx::query(
            "UPDATE members SET member_no = $2, name = $3, address = $4, postal_code = $5, city = $6,
                 email = $7, phone = $8, birth_date = $9, joined_on = $10, left_on = $11,
                 left_reason = $12, membership_type = $13, roles = $14, email_consent = $15,
                 version = $16, updated_at = $17, birth_year = $18
             WHERE id = $1 AND version = $16 - 1",
        )
        .bind(m.id.0)
        .bind(m.member_no)
        .bind(&m.name)
        .bind(&m.address)
        .bind(&m.postal_code)
        .bind(&m.city)
        .bind(&m.email)
        .bind(&m.phone)
        .bind(m.birth_date)
        .bind(m.joined_on)
        .bind(m.left_on)
        .bind(&m.left_reason)
        .bind(&m.membership_type)
        .bind(Role::encode_list(&m.roles))
        .bind(m.email_consent)
        .bind(m.version)
        .bind(now)
        .bind(m.birth_year.map(i64::from))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        self.updated(before, m).await?;
        Ok(())
    }
}
