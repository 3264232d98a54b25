//! The one association row, and its membership types.

use kvorum_core::association::Association;
use kvorum_core::ids::AssociationId;
use kvorum_core::members::MembershipType;
use uuid::Uuid;

use crate::{map_unique, on_reader, on_tx, Audited, Result, StoreError, StoreTx};

impl Audited for Association {
    const ENTITY: &'static str = "association";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
}

impl Audited for MembershipType {
    const ENTITY: &'static str = "membership_type";
    fn audit_id(&self) -> String {
        self.code.clone()
    }
}

#[derive(sqlx::FromRow)]
struct AssociationRow {
    id: Uuid,
    name: String,
    cvr: Option<String>,
    address: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    municipality: Option<String>,
    fiscal_year_start_month: i32,
    version: i64,
}

#[derive(sqlx::FromRow)]
struct TypeRow {
    code: String,
    name: String,
    builtin: bool,
}

const SELECT_ASSOCIATION: &str = "SELECT id, name, cvr, address, postal_code, city, municipality,
    fiscal_year_start_month, version FROM association";

crate::reads! {
pub async fn association(&mut self) -> Result<Option<Association>> {
    let row: Option<AssociationRow> =
        on_reader!(self, p => sqlx::query_as(SELECT_ASSOCIATION).fetch_optional(p).await)?;
    Ok(row.map(|r| Association {
        id: AssociationId(r.id),
        name: r.name,
        cvr: r.cvr,
        address: r.address,
        postal_code: r.postal_code,
        city: r.city,
        municipality: r.municipality,
        fiscal_year_start_month: u32::try_from(r.fiscal_year_start_month).unwrap_or(1),
        version: r.version,
    }))
}

pub async fn membership_types(&mut self) -> Result<Vec<MembershipType>> {
    let rows: Vec<TypeRow> = on_reader!(self, p => sqlx::query_as(
        "SELECT code, name, builtin FROM membership_types ORDER BY position, name"
    ).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|r| MembershipType {
            code: r.code,
            name: r.name,
            builtin: r.builtin,
        })
        .collect())
}}

impl StoreTx {
    /// Creates the association; a database holds one, so a second is refused.
    pub async fn insert_association(&mut self, a: &Association) -> Result<()> {
        let now = self.now;
        on_tx!(self, c => sqlx::query(
            "INSERT INTO association (id, name, cvr, address, postal_code, city, municipality,
                 fiscal_year_start_month, created_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)",
        )
        .bind(a.id.0)
        .bind(&a.name)
        .bind(&a.cvr)
        .bind(&a.address)
        .bind(&a.postal_code)
        .bind(&a.city)
        .bind(&a.municipality)
        .bind(i32::try_from(a.fiscal_year_start_month).unwrap_or(1))
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        self.created(std::slice::from_ref(a)).await?;
        Ok(())
    }

    /// Writes `a` over the association (`before`, as read) if nobody changed it since.
    pub async fn update_association(
        &mut self,
        before: &Association,
        a: &Association,
    ) -> Result<()> {
        let done = on_tx!(self, c => sqlx::query(
            "UPDATE association SET name = $1, cvr = $2, address = $3, postal_code = $4, city = $5,
                 municipality = $6, fiscal_year_start_month = $7, version = version + 1
             WHERE version = $8",
        )
        .bind(&a.name)
        .bind(&a.cvr)
        .bind(&a.address)
        .bind(&a.postal_code)
        .bind(&a.city)
        .bind(&a.municipality)
        .bind(i32::try_from(a.fiscal_year_start_month).unwrap_or(1))
        .bind(before.version)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::Conflict);
        }
        self.updated(before, a).await?;
        Ok(())
    }

    pub async fn insert_membership_type(
        &mut self,
        t: &MembershipType,
        position: i64,
    ) -> Result<()> {
        on_tx!(self, c => sqlx::query(
            "INSERT INTO membership_types (code, name, builtin, position) VALUES ($1, $2, $3, $4)",
        )
        .bind(&t.code)
        .bind(&t.name)
        .bind(t.builtin)
        .bind(position)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(map_unique)?;
        self.created(std::slice::from_ref(t)).await?;
        Ok(())
    }
}
