//! The treasurer's books: the budget per fiscal year, bookings with voucher numbers, bank
//! statements imported with a preview (lines already imported skipped, the budget line
//! suggested from rules learned from earlier choices), and budget vs. actual with a projection.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use kvorum_core::bank::{
    bank_field, learn, line_key, read_bank_line, suggest_line, BankField, BankLine,
};
use kvorum_core::budget::{
    fiscal_year_of, line_status, next_voucher_no, scheduled_line_status, validate_booking,
    validate_booking_text, validate_line, Booking, BookingInput, BudgetLine, LineKind, LineStatus,
};
use kvorum_core::grants::Grant;
use kvorum_core::ids::{BookingId, BudgetLineId, GrantId};
use kvorum_core::{FieldErrors, Money};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::members::import::parse_csv;
use crate::{Api, ApiError, ApiResult, ErrorCode};

/// A fiscal year's books as read from the store.
#[derive(Debug)]
pub struct Books {
    pub lines: Vec<BudgetLine>,
    pub bookings: Vec<Booking>,
    pub grants: Vec<Grant>,
}

impl Books {
    /// The grant a booking counts for: its own, else its budget line's.
    pub fn grant_of(&self, b: &Booking) -> Option<GrantId> {
        b.grant.or_else(|| {
            b.line
                .and_then(|l| self.lines.iter().find(|x| x.id == l))
                .and_then(|l| l.grant)
        })
    }
}

/// A year's bookings, by date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingsView {
    pub bookings: Vec<Booking>,
    /// What a booking made now gets unless another number is typed.
    pub next_voucher_no: String,
}

fn used_vouchers(bookings: &[Booking]) -> Vec<String> {
    bookings.iter().map(|b| b.voucher_no.clone()).collect()
}

/// What may be changed on a booking after it is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingUpdate {
    pub id: BookingId,
    #[ts(type = "number")]
    pub version: i64,
    pub line: Option<BudgetLineId>,
    pub grant: Option<GrantId>,
    pub text: String,
    pub voucher_file: Option<String>,
}

/// One budget line with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineView {
    pub line: BudgetLine,
    pub status: LineStatus,
}

/// The budget of a fiscal year and where the money stands on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetView {
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub on: NaiveDate,
    pub lines: Vec<LineView>,
    pub income_budget: Money,
    pub income_actual: Money,
    pub expense_budget: Money,
    pub expense_actual: Money,
    /// Booked without a budget line.
    pub unassigned: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetLineInput {
    pub year: i32,
    /// Absent: a new line.
    pub id: Option<BudgetLineId>,
    #[ts(type = "number")]
    pub version: i64,
    pub name: String,
    pub kind: LineKind,
    pub amount: Money,
    #[serde(default)]
    pub grant: Option<GrantId>,
}

/// A bank statement to import. `mapping` names the column of each field; absent: from the
/// headings (or the layout remembered for this bank). `lines` are the budget lines chosen per
/// statement line (by line number), overriding the suggestions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankImportRequest {
    pub bytes: Vec<u8>,
    pub mapping: Option<Vec<BankColumn>>,
    pub lines: Vec<BankChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankColumn {
    pub field: BankField,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankChoice {
    pub line_no: u32,
    /// Budget line name; empty: leave unassigned.
    pub budget_line: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankRow {
    pub line_no: u32,
    pub line: Option<BankLine>,
    /// "Linje 7, kolonne Beløb: …"
    pub error: Option<String>,
    /// Imported before (same date, amount, text and balance): skipped.
    pub duplicate: bool,
    pub budget_line: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankPreview {
    pub encoding: String,
    pub headings: Vec<String>,
    /// The first line's cells, to help choose the columns.
    pub sample: Vec<String>,
    /// Why nothing can be read yet (a column Kvorum cannot find): choose the columns.
    pub problem: Option<String>,
    pub mapping: Vec<BankColumn>,
    pub rows: Vec<BankRow>,
    pub new_lines: u32,
    pub duplicates: u32,
    pub errors: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankOutcome {
    pub imported: u32,
    pub skipped: u32,
    pub message: String,
}

fn field_name(f: BankField) -> &'static str {
    match f {
        BankField::Date => "Dato",
        BankField::Text => "Tekst",
        BankField::Amount => "Beløb",
        BankField::Balance => "Saldo",
    }
}

impl Api {
    fn fiscal_start(&self, rules_month: u32) -> u32 {
        rules_month.clamp(1, 12)
    }

    /// The fiscal year (by the year it starts in) that contains `day`.
    async fn fiscal_year(&self, day: NaiveDate) -> ApiResult<(i32, NaiveDate, NaiveDate)> {
        let a = self.require_association().await?;
        let (from, to) = fiscal_year_of(day, self.fiscal_start(a.fiscal_year_start_month));
        Ok((from.year(), from, to))
    }

    /// The first and last day of the fiscal year `year` (by the year it starts in).
    pub(crate) async fn fiscal_bounds(&self, year: i32) -> ApiResult<(NaiveDate, NaiveDate)> {
        let a = self.require_association().await?;
        let m = a.fiscal_year_start_month.clamp(1, 12);
        let first = NaiveDate::from_ymd_opt(year, m, 1).ok_or_else(|| {
            ApiError::new(ErrorCode::Validation, format!("Året {year} findes ikke."))
        })?;
        Ok(kvorum_core::budget::fiscal_year_of(first, m))
    }

    /// Refuses a budget line that is not in the fiscal year's budget.
    async fn require_line_in(&self, year: i32, line: Option<BudgetLineId>) -> ApiResult<()> {
        if let Some(l) = line {
            if !self.books(year).await?.lines.iter().any(|x| x.id == l) {
                return Err(ApiError::validation(FieldErrors::one(
                    "line",
                    format!("Budgetposten hører ikke til regnskabsåret {year}."),
                )));
            }
        }
        Ok(())
    }

    /// The budget of `year` and where each line stands on `on` (default today).
    pub async fn budget_get(&self, year: i32, on: Option<NaiveDate>) -> ApiResult<BudgetView> {
        let (from, to) = self.fiscal_bounds(year).await?;
        let on = on.unwrap_or_else(|| self.clock.today());
        let books = self.books(year).await?;
        let snapshot = self.member_snapshot().await?;
        // Fee payments from the member register count on the line named "Kontingent".
        let fees: Vec<(NaiveDate, Money)> = snapshot
            .payments
            .iter()
            .filter(|p| p.paid_on >= from && p.paid_on <= to.min(on))
            .map(|p| (p.paid_on, p.amount))
            .collect();
        let (lines, bookings) = (&books.lines, &books.bookings);
        let mut views = Vec::with_capacity(lines.len());
        let (mut ib, mut ia, mut eb, mut ea) = (0, 0, 0, 0);
        for l in lines.iter().cloned() {
            let mut booked: Vec<(NaiveDate, Money)> = bookings
                .iter()
                .filter(|b| b.line == Some(l.id) && b.booked_on <= on)
                .map(|b| (b.booked_on, b.amount))
                .collect();
            if l.kind == LineKind::Income && l.name.trim().eq_ignore_ascii_case("kontingent") {
                booked.extend(fees.iter().copied());
            }
            let scheduled: Option<i64> = l
                .grant
                .filter(|_| l.kind == LineKind::Income)
                .and_then(|g| books.grants.iter().find(|x| x.id == g))
                .filter(|g| !g.instalments.is_empty())
                .map(|g| g.instalments_in(from, to).iter().map(|i| i.amount.0).sum());
            let status = match scheduled {
                // A grant's lump sums: what is in plus the instalments still to come.
                Some(total) => {
                    let got: i64 = booked.iter().map(|(_, m)| m.0).sum();
                    scheduled_line_status(
                        l.amount,
                        &booked,
                        from,
                        to,
                        on,
                        Money((total - got).max(0)),
                    )
                }
                None => line_status(l.kind, l.amount, &booked, from, to, on),
            };
            match l.kind {
                LineKind::Income => {
                    ib += l.amount.0;
                    ia += status.actual.0;
                }
                LineKind::Expense => {
                    eb += l.amount.0;
                    ea += status.actual.0;
                }
            }
            views.push(LineView { line: l, status });
        }
        let unassigned = bookings
            .iter()
            .filter(|b| b.line.is_none() && b.booked_on <= on)
            .map(|b| b.amount.0)
            .sum();
        Ok(BudgetView {
            year,
            from,
            to,
            on,
            lines: views,
            income_budget: Money(ib),
            income_actual: Money(ia),
            expense_budget: Money(eb),
            expense_actual: Money(ea),
            unassigned: Money(unassigned),
        })
    }

    /// Adds or changes one budget line.
    pub async fn budget_set_line(&self, input: BudgetLineInput) -> ApiResult<BudgetView> {
        validate_line(&input.name, input.amount).map_err(ApiError::validation)?;
        let existing = self.store.budget_lines(input.year).await?;
        let mut tx = self.begin().await?;
        match input.id {
            None => {
                let l = BudgetLine {
                    id: BudgetLineId::new(),
                    fiscal_year: input.year,
                    name: input.name.trim().to_owned(),
                    kind: input.kind,
                    amount: input.amount,
                    grant: input.grant,
                    version: 1,
                };
                tx.insert_budget_line(&l, i64::try_from(existing.len()).unwrap_or(0))
                    .await
                    .map_err(|e| dup_line(e, &l.name))?;
            }
            Some(id) => {
                let before = existing
                    .iter()
                    .find(|l| l.id == id)
                    .ok_or_else(|| ApiError::not_found("Budgetposten"))?;
                if before.version != input.version {
                    return Err(ApiError::conflict("Budgetposten"));
                }
                let l = BudgetLine {
                    name: input.name.trim().to_owned(),
                    kind: input.kind,
                    amount: input.amount,
                    grant: input.grant,
                    version: before.version + 1,
                    ..before.clone()
                };
                tx.update_budget_line(before, &l)
                    .await
                    .map_err(|e| dup_line(e, &l.name))?;
            }
        }
        tx.commit().await?;
        self.budget_get(input.year, None).await
    }

    /// Starts next year's budget as a copy of this year's (refused when it has lines already).
    pub async fn budget_copy(&self, from: i32, to: i32) -> ApiResult<BudgetView> {
        if !self.store.budget_lines(to).await?.is_empty() {
            return Err(ApiError::new(
                ErrorCode::Validation,
                format!("Budgettet for {to} har allerede poster. Ret dem i stedet for at kopiere."),
            ));
        }
        let lines = self.store.budget_lines(from).await?;
        if lines.is_empty() {
            return Err(ApiError::new(
                ErrorCode::Validation,
                format!("Der er intet budget for {from} at kopiere."),
            ));
        }
        let mut tx = self.begin().await?;
        for (i, l) in lines.iter().enumerate() {
            tx.insert_budget_line(
                &BudgetLine {
                    id: BudgetLineId::new(),
                    fiscal_year: to,
                    version: 1,
                    ..l.clone()
                },
                i64::try_from(i).unwrap_or(0),
            )
            .await?;
        }
        tx.commit().await?;
        self.budget_get(to, None).await
    }

    /// The year's lines, bookings and grants, read once per data generation.
    pub(crate) async fn books(&self, year: i32) -> ApiResult<Arc<Books>> {
        let mut cache = self.books.lock().await;
        let generation = self.store.generation().await?;
        if let Some((g, y, b)) = cache.as_ref() {
            if *g == generation && *y == year {
                return Ok(Arc::clone(b));
            }
        }
        let books = Arc::new(Books {
            lines: self.store.budget_lines(year).await?,
            bookings: self.store.bookings(year).await?,
            grants: self.store.grants().await?,
        });
        *cache = Some((generation, year, Arc::clone(&books)));
        Ok(books)
    }

    /// The bookings of a fiscal year and the voucher number the next one gets.
    pub async fn bookings_list(&self, year: i32) -> ApiResult<BookingsView> {
        self.require_association().await?;
        let books = self.books(year).await?;
        Ok(BookingsView {
            next_voucher_no: next_voucher_no(&used_vouchers(&books.bookings)),
            bookings: books.bookings.clone(),
        })
    }

    /// Moves a booking to another budget line or grant, or corrects its text or voucher file.
    pub async fn booking_update(&self, input: BookingUpdate) -> ApiResult<Booking> {
        self.require_association().await?;
        let before = self
            .store
            .booking(input.id)
            .await?
            .ok_or_else(|| ApiError::not_found("Posteringen"))?;
        if before.version != input.version {
            return Err(ApiError::conflict("Posteringen"));
        }
        validate_booking_text(&input.text)
            .map_err(|m| ApiError::validation(FieldErrors::one("text", m)))?;
        self.require_line_in(before.fiscal_year, input.line).await?;
        let after = Booking {
            line: input.line,
            grant: input.grant,
            text: input.text.trim().to_owned(),
            voucher_file: input.voucher_file.filter(|f| !f.trim().is_empty()),
            version: before.version + 1,
            ..before.clone()
        };
        let mut tx = self.begin().await?;
        tx.update_booking(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, "Posteringen"))?;
        tx.commit().await?;
        Ok(after)
    }

    /// Books one income (positive) or expense (negative); the voucher number follows on.
    pub async fn booking_add(&self, input: BookingInput) -> ApiResult<Booking> {
        validate_booking(&input).map_err(ApiError::validation)?;
        let (year, _, _) = self.fiscal_year(input.booked_on).await?;
        let books = self.books(year).await?;
        let voucher_no = match input
            .voucher_no
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            Some(v) => v.to_owned(),
            None => next_voucher_no(&used_vouchers(&books.bookings)),
        };
        self.require_line_in(year, input.line).await?;
        let b = Booking {
            id: BookingId::new(),
            fiscal_year: year,
            booked_on: input.booked_on,
            amount: input.amount,
            text: input.text.trim().to_owned(),
            voucher_no,
            line: input.line,
            grant: input.grant,
            voucher_file: input.voucher_file.filter(|f| !f.trim().is_empty()),
            bank_key: None,
            version: 1,
        };
        let mut tx = self.begin().await?;
        tx.insert_bookings(std::slice::from_ref(&b)).await.map_err(|e| match e {
            kvorum_store::StoreError::Unique(_) => {
                let mut f = FieldErrors::default();
                f.push(
                    "voucherNo",
                    format!("Bilag nr. {} er allerede brugt i {year}. Vælg et andet nummer, eller lad feltet stå tomt.", b.voucher_no),
                );
                ApiError::validation(f)
            }
            other => other.into(),
        })?;
        tx.commit().await?;
        Ok(b)
    }

    /// Reads a bank statement without changing anything: each line with its problems, whether
    /// it was imported before, and the suggested budget line.
    pub async fn bank_import_preview(&self, request: BankImportRequest) -> ApiResult<BankPreview> {
        self.require_association().await?;
        let csv = parse_csv(&request.bytes)?;
        let signature = csv.headers.join(";").to_lowercase();
        let remembered: Option<Vec<BankColumn>> = self
            .store
            .bank_layout(&signature)
            .await?
            .and_then(|j| serde_json::from_str(&j).ok());
        let mapping: Vec<BankColumn> = match request.mapping.clone().or(remembered) {
            Some(m) => m,
            None => {
                let mut seen = HashSet::new();
                csv.headers
                    .iter()
                    .enumerate()
                    .filter_map(|(i, h)| {
                        bank_field(h)
                            .filter(|f| seen.insert(*f))
                            .map(|field| BankColumn {
                                field,
                                column: u32::try_from(i).unwrap_or(0),
                            })
                    })
                    .collect()
            }
        };
        let sample = csv
            .records
            .first()
            .map(|(_, c)| c.clone())
            .unwrap_or_default();
        if let Some(missing) = [BankField::Date, BankField::Amount]
            .into_iter()
            .find(|f| !mapping.iter().any(|c| c.field == *f))
        {
            return Ok(BankPreview {
                encoding: csv.encoding.to_owned(),
                problem: Some(format!(
                    "Kvorum kan ikke se, hvilken kolonne der er »{}«. Overskrifterne er: {}. Vælg kolonnerne selv.",
                    field_name(missing),
                    csv.headers.join(", ")
                )),
                headings: csv.headers.clone(),
                sample,
                mapping,
                rows: vec![],
                new_lines: 0,
                duplicates: 0,
                errors: 0,
            });
        }
        let columns: Vec<(BankField, usize)> = mapping
            .iter()
            .map(|c| (c.field, usize::try_from(c.column).unwrap_or(usize::MAX)))
            .collect();
        let known: HashSet<String> = self.store.bank_keys().await?.into_iter().collect();
        let rules = self.store.bank_rules().await?;
        let choices: std::collections::HashMap<u32, &str> = request
            .lines
            .iter()
            .map(|c| (c.line_no, c.budget_line.as_str()))
            .collect();
        let mut in_file = HashSet::new();
        let mut rows = Vec::with_capacity(csv.records.len());
        for (line_no, cells) in &csv.records {
            let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
            match read_bank_line(&refs, &columns) {
                Ok(l) => {
                    let key = line_key(&l);
                    let duplicate = known.contains(&key) || !in_file.insert(key);
                    let chosen = choices.get(line_no).map(|c| (*c).to_owned());
                    let budget_line = chosen
                        .or_else(|| suggest_line(&l.text, &rules).map(str::to_owned))
                        .filter(|n| !n.is_empty());
                    rows.push(BankRow {
                        line_no: *line_no,
                        line: Some(l),
                        error: None,
                        duplicate,
                        budget_line,
                    });
                }
                Err((field, message)) => rows.push(BankRow {
                    line_no: *line_no,
                    line: None,
                    error: Some(format!(
                        "Linje {line_no}, kolonne {}: {message}",
                        field_name(field)
                    )),
                    duplicate: false,
                    budget_line: None,
                }),
            }
        }
        let count = |f: &dyn Fn(&BankRow) -> bool| {
            u32::try_from(rows.iter().filter(|r| f(r)).count()).unwrap_or(0)
        };
        Ok(BankPreview {
            encoding: csv.encoding.to_owned(),
            headings: csv.headers.clone(),
            sample,
            problem: None,
            new_lines: count(&|r| r.line.is_some() && !r.duplicate),
            duplicates: count(&|r| r.duplicate),
            errors: count(&|r| r.error.is_some()),
            mapping,
            rows,
        })
    }

    /// Imports the new lines of a statement in one transaction, all or nothing; remembers the
    /// layout and learns the budget lines chosen.
    pub async fn bank_import_apply(&self, request: BankImportRequest) -> ApiResult<BankOutcome> {
        let preview = self.bank_import_preview(request.clone()).await?;
        if let Some(problem) = preview.problem {
            return Err(ApiError::new(ErrorCode::Import, problem));
        }
        if let Some(first) = preview.rows.iter().find_map(|r| r.error.clone()) {
            return Err(ApiError::new(
                ErrorCode::Import,
                format!(
                    "{} linje(r) kan ikke læses, og intet er importeret. Den første: {first}. Ret filen eller kolonnevalget.",
                    preview.errors
                ),
            ));
        }
        let a = self.require_association().await?;
        let start = self.fiscal_start(a.fiscal_year_start_month);
        let mut rules = self.store.bank_rules().await?;
        // Per fiscal year: its budget lines and the next voucher number (counted on from the
        // highest used, not searched for again per line).
        let mut by_year: std::collections::HashMap<i32, (Vec<BudgetLine>, String)> =
            Default::default();
        let mut new = Vec::new();
        for r in preview.rows.iter().filter(|r| !r.duplicate) {
            let Some(l) = &r.line else { continue };
            let (from, _) = fiscal_year_of(l.date, start);
            let year = from.year();
            if let std::collections::hash_map::Entry::Vacant(slot) = by_year.entry(year) {
                let books = self.books(year).await?;
                slot.insert((
                    books.lines.clone(),
                    next_voucher_no(&used_vouchers(&books.bookings)),
                ));
            }
            let (lines, next) = by_year
                .get_mut(&year)
                .ok_or_else(|| ApiError::not_found("Budgettet"))?;
            let line = match &r.budget_line {
                Some(name) => Some(
                    lines
                        .iter()
                        .find(|x| x.name.eq_ignore_ascii_case(name))
                        .map(|x| x.id)
                        .ok_or_else(|| {
                            ApiError::new(
                                ErrorCode::Import,
                                format!("Linje {}: budgetposten »{name}« findes ikke i budgettet for {year}.", r.line_no),
                            )
                        })?,
                ),
                None => None,
            };
            if let Some(name) = &r.budget_line {
                learn(&mut rules, &l.text, name);
            }
            let voucher_no = std::mem::take(next);
            *next = next_voucher_no(std::slice::from_ref(&voucher_no));
            new.push(Booking {
                id: BookingId::new(),
                fiscal_year: year,
                booked_on: l.date,
                amount: l.amount,
                text: l.text.clone(),
                voucher_no,
                line,
                grant: None,
                voucher_file: None,
                bank_key: Some(line_key(l)),
                version: 1,
            });
        }
        let mut tx = self.begin().await?;
        tx.insert_bookings(&new).await?;
        for r in &rules {
            tx.save_bank_rule(r).await?;
        }
        tx.save_bank_layout(
            &preview.headings.join(";").to_lowercase(),
            &serde_json::to_string(&preview.mapping).unwrap_or_default(),
        )
        .await?;
        tx.commit().await?;
        let imported = u32::try_from(new.len()).unwrap_or(0);
        Ok(BankOutcome {
            imported,
            skipped: preview.duplicates,
            message: format!(
                "{imported} posteringer er importeret; {} var importeret før og er sprunget over.",
                preview.duplicates
            ),
        })
    }
}

fn dup_line(e: kvorum_store::StoreError, name: &str) -> ApiError {
    match e {
        kvorum_store::StoreError::Unique(_) => {
            let mut f = FieldErrors::default();
            f.push(
                "name",
                format!("Budgettet har allerede en post, der hedder »{name}«."),
            );
            ApiError::validation(f)
        }
        other => ApiError::from_store(other, "Budgetposten"),
    }
}
