//! Moving an association between engines: every table read in one transaction on the
//! source (a consistent snapshot), written in one transaction on an empty target, and both
//! sides checked afterwards by the rows and a checksum of each table. The checksum is taken
//! over typed values, so the same data gives the same sum on SQLite and on PostgreSQL.
//!
//! [`TABLES`] names every table and column with its type; a test holds it to the schema
//! both engines' migrations create, so a new column cannot be left behind.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use kvorum_core::backups::TableSum;
use sha2::{Digest, Sha256};
use sqlx::Row;
use uuid::Uuid;

use crate::{on_tx, Result, Store, StoreError};

/// A column's type, as both engines store it (SQLite: BLOB, TEXT or INTEGER).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Uuid,
    Text,
    /// PostgreSQL `INTEGER` (32 bits).
    Int,
    BigInt,
    Bool,
    Date,
    Time,
    Timestamp,
    /// A file's bytes (SQLite BLOB, PostgreSQL BYTEA).
    Bytes,
}
use Kind::*;

/// A table in the order rows can be inserted (referenced tables first).
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    /// A column referring to a row of the same table (inserted after that row).
    pub parent: Option<&'static str>,
    pub columns: &'static [(&'static str, Kind)],
}

/// Every table that holds the association's data. Not moved: `data_generation`,
/// `booking_years` and `register_changes` (counters each database keeps for itself) and `stored_documents` (the
/// format version, which migrations write).
pub const TABLES: &[Table] = &[
    Table {
        name: "association",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("singleton", Int),
            ("name", Text),
            ("cvr", Text),
            ("address", Text),
            ("postal_code", Text),
            ("city", Text),
            ("municipality", Text),
            ("fiscal_year_start_month", Int),
            ("created_at", Timestamp),
            ("version", BigInt),
        ],
    },
    Table {
        name: "membership_types",
        parent: None,
        columns: &[
            ("code", Text),
            ("name", Text),
            ("builtin", Bool),
            ("position", BigInt),
        ],
    },
    Table {
        name: "members",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("member_no", BigInt),
            ("name", Text),
            ("address", Text),
            ("postal_code", Text),
            ("city", Text),
            ("email", Text),
            ("phone", Text),
            ("birth_date", Date),
            ("joined_on", Date),
            ("left_on", Date),
            ("left_reason", Text),
            ("membership_type", Text),
            ("roles", Text),
            ("email_consent", Bool),
            ("version", BigInt),
            ("created_at", Timestamp),
            ("updated_at", Timestamp),
            ("birth_year", BigInt),
        ],
    },
    Table {
        name: "consent_kinds",
        parent: None,
        columns: &[
            ("code", Text),
            ("name", Text),
            ("purpose", Text),
            ("builtin", Bool),
            ("position", BigInt),
        ],
    },
    Table {
        name: "register_settings",
        parent: None,
        columns: &[("singleton", Int), ("birth", Text), ("version", BigInt)],
    },
    Table {
        name: "processing_settings",
        parent: None,
        columns: &[
            ("singleton", Int),
            ("contact", Text),
            ("security", Text),
            ("version", BigInt),
        ],
    },
    Table {
        name: "processing_entries",
        parent: None,
        columns: &[
            ("category", Text),
            ("purpose", Text),
            ("legal_basis", Text),
            ("recipients", Text),
        ],
    },
    Table {
        name: "consents",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("member_id", Uuid),
            ("kind", Text),
            ("given_on", Date),
            ("given_how", Text),
            ("recorded_by", Text),
            ("withdrawn_on", Date),
            ("withdrawn_by", Text),
            ("created_at", Timestamp),
            ("updated_at", Timestamp),
            ("version", BigInt),
        ],
    },
    Table {
        name: "fee_rates",
        parent: None,
        columns: &[
            ("year", Int),
            ("membership_type", Text),
            ("amount_ore", BigInt),
        ],
    },
    Table {
        name: "fee_payments",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("member_id", Uuid),
            ("year", Int),
            ("paid_on", Date),
            ("amount_ore", BigInt),
            ("method", Text),
            ("voucher_no", Text),
            ("created_at", Timestamp),
        ],
    },
    Table {
        name: "audit_log",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("at", Timestamp),
            ("actor", Text),
            ("entity", Text),
            ("entity_id", Text),
            ("action", Text),
            ("changes", Text),
        ],
    },
    Table {
        name: "bylaws_versions",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("number", BigInt),
            ("status", Text),
            ("text_json", Text),
            ("rules_json", Text),
            ("adopted_on", Date),
            ("in_force_from", Date),
            ("adopted_note", Text),
            ("created_at", Timestamp),
            ("updated_at", Timestamp),
            ("version", BigInt),
        ],
    },
    Table {
        name: "meetings",
        parent: Some("second_of"),
        columns: &[
            ("id", Uuid),
            ("kind", Text),
            ("body", Text),
            ("date", Date),
            ("start_time", Time),
            ("end_time", Time),
            ("place", Text),
            ("demanded_by", Text),
            ("demanded_on", Date),
            ("notice_sent_on", Date),
            ("final_agenda_sent_on", Date),
            ("officers_json", Text),
            ("agenda_json", Text),
            ("second_of", Uuid),
            ("created_at", Timestamp),
            ("updated_at", Timestamp),
            ("version", BigInt),
        ],
    },
    Table {
        name: "proposals",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("meeting_id", Uuid),
            ("number", BigInt),
            ("submitter", Uuid),
            ("submitter_name", Text),
            ("received_on", Date),
            ("kind", Text),
            ("title", Text),
            ("text", Text),
            ("amendment_json", Text),
            ("recommendation", Text),
            ("created_at", Timestamp),
            ("updated_at", Timestamp),
            ("version", BigInt),
            ("withdrawn_on", Date),
            ("withdrawn_note", Text),
        ],
    },
    Table {
        name: "attendance",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("meeting_id", Uuid),
            ("member_id", Uuid),
            ("name", Text),
            ("voting", Bool),
            ("reason", Text),
            ("checked_in_at", Timestamp),
        ],
    },
    Table {
        name: "proxies",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("meeting_id", Uuid),
            ("giver", Uuid),
            ("holder", Uuid),
            ("created_at", Timestamp),
        ],
    },
    Table {
        name: "decisions",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("meeting_id", Uuid),
            ("item_id", Uuid),
            ("proposal_id", Uuid),
            ("kind", Text),
            ("subject", Text),
            ("acclamation", Bool),
            ("for_votes", BigInt),
            ("against", BigInt),
            ("blank", BigInt),
            ("invalid", BigInt),
            ("present_with_vote", BigInt),
            ("members_with_vote", BigInt),
            ("outcome_json", Text),
            ("bylaws_version", BigInt),
            ("decided_at", Timestamp),
        ],
    },
    Table {
        name: "minutes",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("meeting_id", Uuid),
            ("number", BigInt),
            ("text", Text),
            ("status", Text),
            ("signatories_json", Text),
            ("approved_on", Date),
            ("hash", Text),
            ("corrects", BigInt),
            ("correction_note", Text),
            ("created_at", Timestamp),
            ("updated_at", Timestamp),
            ("version", BigInt),
        ],
    },
    Table {
        name: "board_terms",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("kind", Text),
            ("member_id", Uuid),
            ("name", Text),
            ("rank", BigInt),
            ("start", Date),
            ("expires_year", BigInt),
            ("ended_on", Date),
            ("end_reason", Text),
            ("positions_json", Text),
            ("elected_at", Uuid),
            ("appointed_by", Text),
            ("election_id", Uuid),
            ("created_at", Timestamp),
            ("updated_at", Timestamp),
            ("version", BigInt),
        ],
    },
    Table {
        name: "elections",
        parent: Some("runoff_of"),
        columns: &[
            ("id", Uuid),
            ("meeting_id", Uuid),
            ("item_id", Uuid),
            ("kind", Text),
            ("seats", BigInt),
            ("alternates", BigInt),
            ("max_marks", BigInt),
            ("candidates_json", Text),
            ("method", Text),
            ("totals_json", Text),
            ("draws_json", Text),
            ("present_with_vote", BigInt),
            ("applied", Bool),
            ("created_at", Timestamp),
            ("updated_at", Timestamp),
            ("version", BigInt),
            ("position", Text),
            ("runoff_of", Uuid),
        ],
    },
    Table {
        name: "ballots",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("election_id", Uuid),
            ("seq", BigInt),
            ("marks_json", Text),
            ("marked_invalid", Bool),
            ("entered_at", Timestamp),
        ],
    },
    Table {
        name: "grants",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("name", Text),
            ("grantor", Text),
            ("kind", Text),
            ("starts_on", Date),
            ("ends_on", Date),
            ("amount_per_year_ore", BigInt),
            ("details_json", Text),
            ("created_at", Timestamp),
            ("updated_at", Timestamp),
            ("version", BigInt),
        ],
    },
    Table {
        name: "budget_lines",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("fiscal_year", BigInt),
            ("name", Text),
            ("kind", Text),
            ("amount_ore", BigInt),
            ("position", BigInt),
            ("created_at", Timestamp),
            ("updated_at", Timestamp),
            ("version", BigInt),
            ("grant_id", Uuid),
            ("purpose", Text),
        ],
    },
    Table {
        name: "accounts",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("name", Text),
            ("kind", Text),
            ("reg_no", Text),
            ("account_no", Text),
            ("position", BigInt),
            ("created_at", Timestamp),
            ("updated_at", Timestamp),
            ("version", BigInt),
        ],
    },
    Table {
        name: "opening_balances",
        parent: None,
        columns: &[
            ("fiscal_year", BigInt),
            ("account_id", Uuid),
            ("amount_ore", BigInt),
        ],
    },
    Table {
        name: "fee_reminders",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("member_id", Uuid),
            ("year", Int),
            ("level", Int),
            ("sent_on", Date),
            ("channel", Text),
            ("amount_ore", BigInt),
            ("created_at", Timestamp),
        ],
    },
    Table {
        name: "fee_settings",
        parent: None,
        columns: &[
            ("singleton", Int),
            ("due_month", Int),
            ("due_day", Int),
            ("first_reminder_days", Int),
            ("second_reminder_days", Int),
            ("version", BigInt),
        ],
    },
    Table {
        name: "grantor_rules",
        parent: None,
        columns: &[
            ("grantor_key", Text),
            ("grantor", Text),
            ("board_up_to_ore", BigInt),
            ("professional_above_ore", BigInt),
            ("declaration", Text),
            ("version", BigInt),
        ],
    },
    Table {
        name: "accounts_settings",
        parent: None,
        columns: &[
            ("singleton", Int),
            ("audit_form", Text),
            ("version", BigInt),
        ],
    },
    Table {
        name: "bookings",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("fiscal_year", BigInt),
            ("booked_on", Date),
            ("amount_ore", BigInt),
            ("text", Text),
            ("voucher_no", Text),
            ("line_id", Uuid),
            ("voucher_file", Text),
            ("bank_key", Text),
            ("created_at", Timestamp),
            ("updated_at", Timestamp),
            ("version", BigInt),
            ("grant_id", Uuid),
            ("account_id", Uuid),
            ("counter_account_id", Uuid),
            ("payment_id", Uuid),
            ("bank_balance_ore", BigInt),
        ],
    },
    Table {
        name: "bank_rules",
        parent: None,
        columns: &[
            ("pattern", Text),
            ("line_name", Text),
            ("updated_at", Timestamp),
            ("account_id", Uuid),
        ],
    },
    Table {
        name: "bank_layouts",
        parent: None,
        columns: &[
            ("signature", Text),
            ("mapping_json", Text),
            ("updated_at", Timestamp),
        ],
    },
    Table {
        name: "visit_tallies",
        parent: None,
        columns: &[
            ("day", Date),
            ("period", Text),
            ("visitors", BigInt),
            ("updated_at", Timestamp),
        ],
    },
    Table {
        name: "frikort_workers",
        parent: None,
        columns: &[("id", Uuid), ("name", Text), ("created_at", Timestamp)],
    },
    Table {
        name: "frikort_jobs",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("worker_id", Uuid),
            ("worked_on", Date),
            ("description", Text),
            ("amount_ore", BigInt),
            ("created_at", Timestamp),
        ],
    },
    Table {
        name: "frikort_caps",
        parent: None,
        columns: &[
            ("year", BigInt),
            ("cap_ore", BigInt),
            ("updated_at", Timestamp),
        ],
    },
    Table {
        name: "vouchers",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("booking_id", Uuid),
            ("file_name", Text),
            ("media_type", Text),
            ("size", BigInt),
            ("sha256", Text),
            ("content", Bytes),
            ("created_at", Timestamp),
        ],
    },
    Table {
        name: "bank_statements",
        parent: None,
        columns: &[
            ("id", Uuid),
            ("account_id", Uuid),
            ("file_name", Text),
            ("content", Bytes),
            ("lines", BigInt),
            ("first_day", Date),
            ("last_day", Date),
            ("imported_at", Timestamp),
        ],
    },
    Table {
        name: "retention_settings",
        parent: None,
        columns: &[
            ("singleton", Int),
            ("members_years", BigInt),
            ("volunteers_years", BigInt),
            ("bookkeeping_years", BigInt),
            ("frikort_years", BigInt),
            ("version", BigInt),
        ],
    },
    Table {
        name: "anonymisations",
        parent: None,
        columns: &[
            ("member_id", Uuid),
            ("anonymised_on", Date),
            ("anonymised_by", Text),
            ("created_at", Timestamp),
        ],
    },
    // Last: its triggers refuse bookings into a closed year, so the year's bookings and
    // balances go in first.
    Table {
        name: "fiscal_closings",
        parent: None,
        columns: &[
            ("fiscal_year", BigInt),
            ("closed_on", Date),
            ("closed_by", Text),
            ("note", Text),
            ("created_at", Timestamp),
        ],
    },
];

/// One stored value, as both engines give it back.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Uuid(Uuid),
    Text(String),
    Int(i32),
    BigInt(i64),
    Bool(bool),
    Date(NaiveDate),
    Time(NaiveTime),
    Timestamp(DateTime<Utc>),
    Bytes(Vec<u8>),
}

impl Value {
    /// One value as it enters the checksum: length-prefixed, so no two rows run together;
    /// timestamps to the microsecond, as PostgreSQL keeps them.
    fn canonical(&self, out: &mut String) {
        let s = match self {
            Value::Null => "-".to_owned(),
            Value::Uuid(u) => format!("u{u}"),
            Value::Text(t) => format!("t{}:{t}", t.len()),
            Value::Int(n) => format!("i{n}"),
            Value::BigInt(n) => format!("i{n}"),
            Value::Bool(b) => format!("b{}", u8::from(*b)),
            Value::Date(d) => format!("d{d}"),
            Value::Time(t) => format!("h{}", t.format("%H:%M:%S%.6f")),
            Value::Timestamp(t) => format!("s{}", t.timestamp_micros()),
            Value::Bytes(b) => {
                let digest = Sha256::digest(b);
                let hex: String = digest.iter().map(|x| format!("{x:02x}")).collect();
                format!("x{}:{hex}", b.len())
            }
        };
        out.push_str(&s);
        out.push('\u{1f}');
    }
}

type Rows = Vec<Vec<Value>>;

fn select_sql(t: &Table) -> String {
    let cols: Vec<&str> = t.columns.iter().map(|(c, _)| *c).collect();
    format!("SELECT {} FROM {}", cols.join(", "), t.name)
}

/// Decodes one row by the table's column types (the same text for both engines' rows).
macro_rules! decode_row {
    ($row:expr, $t:expr) => {{
        let mut values = Vec::with_capacity($t.columns.len());
        for (i, (_, kind)) in $t.columns.iter().enumerate() {
            let v = match kind {
                Kind::Uuid => $row.try_get::<Option<Uuid>, _>(i)?.map(Value::Uuid),
                Kind::Text => $row.try_get::<Option<String>, _>(i)?.map(Value::Text),
                Kind::Int => $row.try_get::<Option<i32>, _>(i)?.map(Value::Int),
                Kind::BigInt => $row.try_get::<Option<i64>, _>(i)?.map(Value::BigInt),
                Kind::Bool => $row.try_get::<Option<bool>, _>(i)?.map(Value::Bool),
                Kind::Date => $row.try_get::<Option<NaiveDate>, _>(i)?.map(Value::Date),
                Kind::Time => $row.try_get::<Option<NaiveTime>, _>(i)?.map(Value::Time),
                Kind::Timestamp => $row
                    .try_get::<Option<DateTime<Utc>>, _>(i)?
                    .map(Value::Timestamp),
                Kind::Bytes => $row.try_get::<Option<Vec<u8>>, _>(i)?.map(Value::Bytes),
            };
            values.push(v.unwrap_or(Value::Null));
        }
        values
    }};
}

/// Reads every table from one connection inside its snapshot transaction.
macro_rules! read_tables {
    ($conn:expr) => {{
        let mut all: Vec<Rows> = Vec::with_capacity(TABLES.len());
        for t in TABLES {
            // Table and column names come from TABLES, never from input.
            let rows = sqlx::query(sqlx::AssertSqlSafe(select_sql(t)))
                .fetch_all(&mut *$conn)
                .await?;
            let mut decoded = Vec::with_capacity(rows.len());
            for row in &rows {
                decoded.push(decode_row!(row, t));
            }
            all.push(decoded);
        }
        all
    }};
}

/// Binds one value as its column's type (a NULL too is typed, for PostgreSQL).
macro_rules! bind_value {
    ($q:expr, $kind:expr, $v:expr) => {
        match ($kind, $v) {
            (Kind::Uuid, Value::Uuid(u)) => $q.bind(Some(*u)),
            (Kind::Uuid, _) => $q.bind(None::<Uuid>),
            (Kind::Text, Value::Text(s)) => $q.bind(Some(s.as_str())),
            (Kind::Text, _) => $q.bind(None::<&str>),
            (Kind::Int, Value::Int(n)) => $q.bind(Some(*n)),
            (Kind::Int, _) => $q.bind(None::<i32>),
            (Kind::BigInt, Value::BigInt(n)) => $q.bind(Some(*n)),
            (Kind::BigInt, _) => $q.bind(None::<i64>),
            (Kind::Bool, Value::Bool(b)) => $q.bind(Some(*b)),
            (Kind::Bool, _) => $q.bind(None::<bool>),
            (Kind::Date, Value::Date(d)) => $q.bind(Some(*d)),
            (Kind::Date, _) => $q.bind(None::<NaiveDate>),
            (Kind::Time, Value::Time(t)) => $q.bind(Some(*t)),
            (Kind::Time, _) => $q.bind(None::<NaiveTime>),
            (Kind::Timestamp, Value::Timestamp(t)) => $q.bind(Some(*t)),
            (Kind::Timestamp, _) => $q.bind(None::<DateTime<Utc>>),
            (Kind::Bytes, Value::Bytes(b)) => $q.bind(Some(b.as_slice())),
            (Kind::Bytes, _) => $q.bind(None::<&[u8]>),
        }
    };
}

/// Rows per INSERT statement: well under both engines' limit of bound parameters.
const MAX_PARAMS: usize = 8_000;

/// The rows of a table with a parent column, each after the row it refers to.
fn parents_first<'a>(t: &Table, rows: &'a Rows) -> Vec<&'a Vec<Value>> {
    let Some(parent) = t.parent else {
        return rows.iter().collect();
    };
    let Some(p) = t.columns.iter().position(|(c, _)| *c == parent) else {
        return rows.iter().collect();
    };
    let mut placed = std::collections::HashSet::new();
    let mut left: Vec<&Vec<Value>> = rows.iter().collect();
    let mut out = Vec::with_capacity(rows.len());
    while !left.is_empty() {
        let (ready, wait): (Vec<_>, Vec<_>) = left.into_iter().partition(|r| match &r[p] {
            Value::Uuid(u) => placed.contains(u),
            _ => true,
        });
        if ready.is_empty() {
            // A reference to a row that is not there: inserted as is, and refused by the
            // foreign key, as the source should have refused it.
            out.extend(wait);
            break;
        }
        for r in &ready {
            if let Value::Uuid(id) = &r[0] {
                placed.insert(*id);
            }
        }
        out.extend(ready);
        left = wait;
    }
    out
}

/// Each table's rows and checksum: SHA-256 over the rows' canonical forms, sorted, so
/// neither the engine nor the order rows come back in changes it.
fn sums(data: &[Rows]) -> Vec<TableSum> {
    TABLES
        .iter()
        .zip(data)
        .map(|(t, rows)| {
            let mut lines: Vec<String> = rows
                .iter()
                .map(|r| {
                    let mut s = String::new();
                    for v in r {
                        v.canonical(&mut s);
                    }
                    s
                })
                .collect();
            lines.sort_unstable();
            let mut h = Sha256::new();
            for l in &lines {
                h.update(l.as_bytes());
                h.update(b"\n");
            }
            TableSum {
                table: t.name.to_owned(),
                rows: i64::try_from(rows.len()).unwrap_or(i64::MAX),
                checksum: h.finalize().iter().map(|b| format!("{b:02x}")).collect(),
            }
        })
        .collect()
}

impl Store {
    /// Every table, read in one transaction (a consistent snapshot of committed data).
    async fn read_all(&self) -> Result<Vec<Rows>> {
        Ok(match self {
            Store::Sqlite { pool, .. } => {
                let mut tx = pool.begin().await?;
                let all = read_tables!(tx);
                tx.rollback().await?;
                all
            }
            Store::Postgres { pool, .. } => {
                let mut tx = pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?;
                let all = read_tables!(tx);
                tx.rollback().await?;
                all
            }
        })
    }

    /// The rows and checksum of each table, in [`TABLES`] order.
    pub async fn checksums(&self) -> Result<Vec<TableSum>> {
        Ok(sums(&self.read_all().await?))
    }

    /// Where the database's tables and columns differ from [`TABLES`] (empty when they
    /// agree): a column a migration added must be named there, or a transfer would lose it.
    pub async fn schema_differences(&self) -> Result<Vec<String>> {
        let found: Vec<(String, String)> =
            match self {
                Store::Sqlite { pool, .. } => {
                    sqlx::query_as(
                        "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid",
                    )
                    .fetch_all(pool)
                    .await?
                }
                Store::Postgres { pool, .. } => sqlx::query_as(
                    "SELECT table_name::text, column_name::text FROM information_schema.columns \
                     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
                )
                .fetch_all(pool)
                .await?,
            };
        let skipped = [
            "_sqlx_migrations",
            "data_generation",
            "booking_years",
            "register_changes",
            "stored_documents",
        ];
        let mut there: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for (t, c) in found {
            if !skipped.contains(&t.as_str()) {
                there.entry(t).or_default().push(c);
            }
        }
        let mut out = Vec::new();
        for t in TABLES {
            let want: Vec<String> = t.columns.iter().map(|(c, _)| (*c).to_owned()).collect();
            match there.remove(t.name) {
                None => out.push(format!("{}: missing", t.name)),
                Some(cols) if cols != want => {
                    out.push(format!("{}: {cols:?} instead of {want:?}", t.name))
                }
                Some(_) => {}
            }
        }
        out.extend(there.into_keys().map(|t| format!("{t}: not in TABLES")));
        Ok(out)
    }

    /// The first table that holds rows, if any (a transfer only goes into an empty
    /// database).
    pub async fn first_table_with_rows(&self) -> Result<Option<&'static str>> {
        for t in TABLES {
            let sql = format!("SELECT COUNT(*) FROM {}", t.name);
            let n: i64 = crate::on_pool!(self, p => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(p).await)?;
            if n > 0 {
                return Ok(Some(t.name));
            }
        }
        Ok(None)
    }

    /// Copies everything in this database into `target`, which must hold nothing: read in
    /// one transaction here, written in one there (all or nothing), then the target read
    /// back and its checksums compared with the source's. This database is not changed.
    /// Returns the checksums both sides agree on.
    pub async fn transfer_into(
        &self,
        target: &Store,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<TableSum>> {
        let data = self.read_all().await?;
        let before = sums(&data);
        let mut tx = target.begin(actor, now).await?;
        for t in TABLES {
            let sql = format!("SELECT COUNT(*) FROM {}", t.name);
            let n: i64 =
                on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(c).await)?;
            if n > 0 {
                return Err(StoreError::NotEmpty(t.name.to_owned()));
            }
        }
        for (t, rows) in TABLES.iter().zip(&data) {
            let ordered = parents_first(t, rows);
            let per = (MAX_PARAMS / t.columns.len()).max(1);
            let cols: Vec<&str> = t.columns.iter().map(|(c, _)| *c).collect();
            for chunk in ordered.chunks(per) {
                let mut sql = format!("INSERT INTO {} ({}) VALUES ", t.name, cols.join(", "));
                let mut n = 0;
                for (i, _) in chunk.iter().enumerate() {
                    if i > 0 {
                        sql.push_str(", ");
                    }
                    sql.push('(');
                    for j in 0..cols.len() {
                        if j > 0 {
                            sql.push_str(", ");
                        }
                        n += 1;
                        sql.push_str(&format!("${n}"));
                    }
                    sql.push(')');
                }
                on_tx!(tx, c => {
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for row in chunk {
                        for (v, (_, kind)) in row.iter().zip(t.columns) {
                            q = bind_value!(q, kind, v);
                        }
                    }
                    q.execute(c).await.map(|r| r.rows_affected())
                })?;
            }
        }
        tx.commit().await?;
        let after = target.checksums().await?;
        if let Some((a, b)) = before.iter().zip(&after).find(|(a, b)| a != b) {
            return Err(StoreError::Corrupt(format!(
                "the transfer's check failed for {}: {} rows here, {} there",
                a.table, a.rows, b.rows
            )));
        }
        Ok(after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// TABLES names exactly the columns the SQLite migrations create (the PostgreSQL side
    /// is held to it by the transfer story, which runs on both engines).
    #[tokio::test]
    async fn tables_match_the_sqlite_schema() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(
            &crate::DbLocation::SqliteFile(dir.path().join("a.sqlite")),
            DateTime::<Utc>::UNIX_EPOCH,
        )
        .await
        .unwrap();
        assert_eq!(
            store.schema_differences().await.unwrap(),
            Vec::<String>::new()
        );
        // An empty database sums the same every time, and holds nothing.
        assert_eq!(
            store.checksums().await.unwrap(),
            store.checksums().await.unwrap()
        );
        assert_eq!(store.first_table_with_rows().await.unwrap(), None);
    }

    /// A copy sums the same; one changed letter in one row changes that table's sum only;
    /// a database with data is not a target.
    #[tokio::test]
    async fn sums_follow_the_data_and_a_full_target_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| crate::DbLocation::SqliteFile(dir.path().join(name));
        let a = Store::open(&at("a.sqlite"), DateTime::<Utc>::UNIX_EPOCH)
            .await
            .unwrap();
        let Store::Sqlite { writer, .. } = &a else {
            unreachable!()
        };
        sqlx::query(
            "INSERT INTO association (id, name, fiscal_year_start_month, created_at) \
             VALUES ($1, 'Perronen', 1, '2026-12-02T10:00:00.123456789Z')",
        )
        .bind(Uuid::now_v7())
        .execute(writer)
        .await
        .unwrap();
        let b = Store::open(&at("b.sqlite"), DateTime::<Utc>::UNIX_EPOCH)
            .await
            .unwrap();
        let sums = a
            .transfer_into(&b, "test", DateTime::<Utc>::UNIX_EPOCH)
            .await
            .unwrap();
        assert_eq!(b.checksums().await.unwrap(), sums);
        assert_eq!(sums[0].rows, 1);
        assert!(matches!(
            a.transfer_into(&b, "test", DateTime::<Utc>::UNIX_EPOCH).await,
            Err(StoreError::NotEmpty(t)) if t == "association"
        ));
        let Store::Sqlite { writer: bw, .. } = &b else {
            unreachable!()
        };
        sqlx::query("UPDATE association SET name = 'Perronén'")
            .execute(bw)
            .await
            .unwrap();
        let changed = b.checksums().await.unwrap();
        assert_ne!(changed[0].checksum, sums[0].checksum);
        assert_eq!(changed[1..], sums[1..]);
    }
}

/// A stored row that refers to one person or names them: its table and its columns.
#[derive(Debug, Clone, PartialEq)]
pub struct RowAbout {
    pub table: &'static str,
    pub columns: Vec<(&'static str, Value)>,
}

impl RowAbout {
    /// The value of a column, if the table has it.
    pub fn get(&self, column: &str) -> Option<&Value> {
        self.columns
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, v)| v)
    }

    fn id(&self) -> Option<Uuid> {
        match self.get("id") {
            Some(Value::Uuid(u)) => Some(*u),
            _ => None,
        }
    }
}

/// Tables never searched for a person: a secret ballot is linked to no one.
const LINKED_TO_NO_ONE: &[&str] = &["ballots"];

/// The SELECT of all `t`'s rows without the contents of files (NULL in their place, typed
/// for PostgreSQL): a person is looked for in ids and text, never in a file's bytes.
fn select_without_files(t: &Table, postgres: bool) -> String {
    let cols: Vec<String> = t
        .columns
        .iter()
        .map(|(c, k)| match (k, postgres) {
            (Kind::Bytes, true) => format!("CAST(NULL AS BYTEA) AS {c}"),
            (Kind::Bytes, false) => format!("NULL AS {c}"),
            _ => (*c).to_owned(),
        })
        .collect();
    format!("SELECT {} FROM {}", cols.join(", "), t.name)
}

/// The rows about a person through one connection: see [`Store::rows_about`].
macro_rules! search_about {
    ($tx:expr, $id:expr, $words:expr, $postgres:expr) => {{
        let id: Uuid = $id;
        let scrubber = kvorum_core::privacy::Scrubber::new($words);
        let id_text = id.to_string();
        let mut found: Vec<RowAbout> = Vec::new();
        for t in TABLES
            .iter()
            .filter(|t| !LINKED_TO_NO_ONE.contains(&t.name))
        {
            if !t
                .columns
                .iter()
                .any(|(_, k)| matches!(k, Kind::Uuid | Kind::Text))
            {
                continue;
            }
            // Table and column names come from TABLES, never from input.
            let rows = sqlx::query(sqlx::AssertSqlSafe(select_without_files(t, $postgres)))
                .fetch_all(&mut *$tx)
                .await?;
            for row in &rows {
                let values = decode_row!(row, t);
                let about = values.iter().any(|v| match v {
                    Value::Uuid(u) => *u == id,
                    Value::Text(s) => s.contains(&id_text) || scrubber.mentions(s),
                    _ => false,
                });
                if !about {
                    continue;
                }
                let r = RowAbout {
                    table: t.name,
                    columns: t.columns.iter().map(|(c, _)| *c).zip(values).collect(),
                };
                // Another member's entry is theirs, whatever it shares with this one.
                if t.name == "members" && r.id() != Some(id) {
                    continue;
                }
                found.push(r);
            }
        }
        // The fee payments' bookings, and the log's entries about what was found.
        let payments: Vec<Uuid> = found
            .iter()
            .filter(|r| r.table == "fee_payments")
            .filter_map(RowAbout::id)
            .collect();
        let ids: Vec<String> = found
            .iter()
            .filter_map(RowAbout::id)
            .map(|u| u.to_string())
            .collect();
        let mut more: Vec<RowAbout> = Vec::new();
        for t in TABLES {
            let (column, n) = match t.name {
                "bookings" => ("payment_id", payments.len()),
                "audit_log" => ("entity_id", ids.len()),
                _ => continue,
            };
            for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
                let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
                let sql = format!("{} WHERE {column} IN ({})", select_sql(t), marks.join(", "));
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for i in chunk {
                    q = if t.name == "bookings" {
                        q.bind(payments[*i])
                    } else {
                        q.bind(ids[*i].as_str())
                    };
                }
                for row in &q.fetch_all(&mut *$tx).await? {
                    let values = decode_row!(row, t);
                    more.push(RowAbout {
                        table: t.name,
                        columns: t.columns.iter().map(|(c, _)| *c).zip(values).collect(),
                    });
                }
            }
        }
        for r in more {
            let known = found
                .iter()
                .any(|f| f.table == r.table && f.id().is_some() && f.id() == r.id());
            if !known {
                found.push(r);
            }
        }
        let order = |name: &str| TABLES.iter().position(|t| t.name == name);
        found.sort_by_key(|r| order(r.table));
        found
    }};
}

impl Store {
    /// Every stored row about a person, table by table in [`TABLES`] order: a column that
    /// refers to `id`, or text that contains the id or one of `words` (name, e-mail, phone,
    /// with what replaces each; as [`kvorum_core::privacy::Scrubber`] finds them: whole, in
    /// any case, with the genitive s). Then the bookings of the fee payments found and the
    /// audit log's entries about any record found. Another member's register entry is never
    /// one of them. What it does not search: the contents of files (vouchers, bank
    /// statements as imported) and the secret ballots, which are linked to no one. Read in
    /// one snapshot.
    pub async fn rows_about(&self, id: Uuid, words: &[(String, String)]) -> Result<Vec<RowAbout>> {
        Ok(match self {
            Store::Sqlite { pool, .. } => {
                let mut tx = pool.begin().await?;
                let found = search_about!(tx, id, words, false);
                tx.rollback().await?;
                found
            }
            Store::Postgres { pool, .. } => {
                let mut tx = pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?;
                let found = search_about!(tx, id, words, true);
                tx.rollback().await?;
                found
            }
        })
    }
}

/// What the anonymisation changed: rows rewritten per table, and the approved minutes that
/// name the person and stay as they were signed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anonymised {
    pub changed: Vec<(&'static str, usize)>,
    pub approved_minutes: usize,
    /// Remembered bank rules that named the person, removed.
    pub rules_removed: usize,
}

/// Tables the anonymisation leaves as they are, though they may name the person.
const KEPT_AS_THEY_ARE: &[&str] = &[
    "members",
    "association",
    "bylaws_versions",
    "fiscal_closings",
    "anonymisations",
];

/// The fields of a register entry that identify the person, as the audit log names them.
const PERSONAL_FIELDS: [&str; 9] = [
    "birthYear",
    "name",
    "address",
    "postalCode",
    "city",
    "email",
    "phone",
    "birthDate",
    "leftReason",
];

/// A log entry about a register entry without the person: each personal field (the whole
/// record of a creation, or a change's "from" and "to") emptied, the name the anonymous one.
fn without_person(changes: &str, name: &str) -> Option<String> {
    let mut json: serde_json::Value = serde_json::from_str(changes).ok()?;
    let obj = json.as_object_mut()?;
    for key in PERSONAL_FIELDS {
        let Some(v) = obj.get_mut(key) else {
            continue;
        };
        let blank = if key == "name" {
            serde_json::Value::String(name.to_owned())
        } else {
            serde_json::Value::Null
        };
        match v.as_object_mut() {
            Some(change) if change.contains_key("from") || change.contains_key("to") => {
                for side in ["from", "to"] {
                    if change.contains_key(side) {
                        change.insert(side.to_owned(), blank.clone());
                    }
                }
            }
            _ => *v = blank,
        }
    }
    Some(json.to_string())
}

impl crate::StoreTx {
    /// Takes a person out of every record that names them or refers to them, inside the
    /// transaction: each text column holding one of `words` (original, replacement) is
    /// rewritten, whole words in any case; the log's entries about the register entry lose
    /// its personal fields. Left as they are: the register entry itself (the caller rewrites
    /// it), approved minutes (signed, a legal record), the contents of files.
    pub async fn anonymise_records(
        &mut self,
        id: Uuid,
        words: &[(String, String)],
    ) -> Result<Anonymised> {
        let found = match &mut self.inner {
            crate::TxInner::Sqlite(t) => {
                let c = &mut **t;
                search_about!(c, id, words, false)
            }
            crate::TxInner::Postgres(t) => {
                let c = &mut **t;
                search_about!(c, id, words, true)
            }
        };
        let scrubber = kvorum_core::privacy::Scrubber::new(words);
        let anonymous = words.first().map(|(_, n)| n.clone()).unwrap_or_default();
        let member_id = id.to_string();
        let mut out = Anonymised::default();
        for row in &found {
            // The register entry is the caller's; the association's own details, adopted
            // bylaws, the closings and the clean-ups are records of the board's, not the
            // person's; approved minutes are signed.
            if KEPT_AS_THEY_ARE.contains(&row.table) {
                continue;
            }
            if row.table == "minutes" && row.get("status") == Some(&Value::Text("approved".into()))
            {
                out.approved_minutes += 1;
                continue;
            }
            // A remembered bank rule that names the person is only a convenience: it goes.
            if row.table == "bank_rules" {
                if let Some(Value::Text(pattern)) = row.get("pattern") {
                    let pattern = pattern.clone();
                    on_tx!(self, c => sqlx::query("DELETE FROM bank_rules WHERE pattern = $1")
                        .bind(pattern.as_str())
                        .execute(&mut *c)
                        .await
                        .map(|r| r.rows_affected()))?;
                    out.rules_removed += 1;
                }
                continue;
            }
            let Some(row_id) = row.id() else {
                continue;
            };
            let refers = |column: &str| row.get(column) == Some(&Value::Uuid(id));
            let about_entry = row.table == "audit_log"
                && row.get("entity") == Some(&Value::Text("member".into()))
                && row.get("entity_id") == Some(&Value::Text(member_id.clone()));
            let mut sets: Vec<(&'static str, String)> = Vec::new();
            for (column, value) in &row.columns {
                let Value::Text(text) = value else {
                    continue;
                };
                // A booking keeps everything but its text: the bank line's key (how a
                // re-import knows the line) and the voucher stay as the books have them.
                if row.table == "bookings" && *column != "text" {
                    continue;
                }
                // A meeting's place is where it was held, even at someone's home.
                if row.table == "meetings" && *column == "place" {
                    continue;
                }
                // The person's own name on a record of theirs, however it was spelt there.
                let own_name = (matches!(
                    (row.table, *column),
                    ("attendance", "name") | ("board_terms", "name")
                ) && refers("member_id"))
                    || ((row.table, *column) == ("proposals", "submitter_name")
                        && refers("submitter"));
                if own_name {
                    if text != &anonymous {
                        sets.push((column, anonymous.clone()));
                    }
                    continue;
                }
                let structured = (about_entry && *column == "changes")
                    .then(|| without_person(text, &anonymous))
                    .flatten();
                let base = structured.as_deref().unwrap_or(text);
                let scrubbed = scrubber.scrub_json(base).or_else(|| scrubber.scrub(base));
                if let Some(new) = scrubbed.or_else(|| structured.clone()) {
                    if &new != text {
                        sets.push((column, new));
                    }
                }
            }
            if sets.is_empty() {
                continue;
            }
            let mut assignments: Vec<String> = sets
                .iter()
                .enumerate()
                .map(|(i, (c, _))| format!("{c} = ${}", i + 1))
                .collect();
            // A form opened on the record before cannot save the old name back over it.
            if row.get("version").is_some() {
                assignments.push("version = version + 1".to_owned());
            }
            // Table and column names come from TABLES, never from input.
            let sql = format!(
                "UPDATE {} SET {} WHERE id = ${}",
                row.table,
                assignments.join(", "),
                sets.len() + 1
            );
            on_tx!(self, c => {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for (_, v) in &sets {
                    q = q.bind(v.as_str());
                }
                q.bind(row_id).execute(&mut *c).await.map(|r| r.rows_affected())?
            });
            match out.changed.iter_mut().find(|(t, _)| *t == row.table) {
                Some((_, n)) => *n += 1,
                None => out.changed.push((row.table, 1)),
            }
        }
        Ok(out)
    }
}
