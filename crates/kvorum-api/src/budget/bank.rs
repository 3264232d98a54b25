//! Bank statement import: preview, choices, all or nothing.

use super::*;

impl Api {
    /// Reads a bank statement without changing anything: each line with its problems, whether
    /// it was imported before, and the suggested budget line.
    pub async fn bank_import_preview(&self, request: BankImportRequest) -> ApiResult<BankPreview> {
        Self::bank_preview_in(&mut self.store.reader(), &request).await
    }

    /// The preview read through `db`: the pool, or the import's own transaction, where the
    /// lines already imported are read as the transaction that adds more sees them.
    async fn bank_preview_in(
        db: &mut Reader<'_>,
        request: &BankImportRequest,
    ) -> ApiResult<BankPreview> {
        if db.association().await?.is_none() {
            return Err(crate::association::no_association());
        }
        let csv = parse_csv(&request.bytes).map_err(crate::members::import::file_refused)?;
        let signature = csv.headers.join(";").to_lowercase();
        let remembered: Option<Vec<BankColumn>> = db.bank_layout(&signature).await?;
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
        let known: HashSet<String> = db.bank_keys().await?.into_iter().collect();
        let rules = db.bank_rules().await?;
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
        let mut tx = self.begin().await?;
        let preview = Self::bank_preview_in(&mut tx.reader(), &request).await?;
        if let Some(problem) = preview.problem {
            return Err(ApiError::new(ErrorCode::Import, problem));
        }
        let errors: Vec<&str> = preview
            .rows
            .iter()
            .filter_map(|r| r.error.as_deref())
            .collect();
        if !errors.is_empty() {
            // Every line to fix (the first 10), not only the first.
            let said = Text::new("bank-unreadable")
                .num("count", preview.errors)
                .str(
                    "lines",
                    errors
                        .iter()
                        .take(10)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" · "),
                )
                .num(
                    "more",
                    i64::try_from(errors.len().saturating_sub(10)).unwrap_or(0),
                );
            return Err(ApiError::new(ErrorCode::Import, said));
        }
        let a = tx
            .association()
            .await?
            .ok_or_else(crate::association::no_association)?;
        let start = a.fiscal_year_start_month.clamp(1, 12);
        let mut rules = tx.bank_rules().await?;
        // Per fiscal year: its budget lines and the next voucher number (counted on from the
        // highest used, not searched for again per line), read in this transaction with the
        // year's numbering locked between laptops.
        let mut by_year: std::collections::HashMap<i32, (Vec<BudgetLine>, String)> =
            Default::default();
        // The years' numbering is locked in year order, so two imports spanning the same
        // years cannot each hold one year and wait for the other (PostgreSQL).
        let years: std::collections::BTreeSet<i32> = preview
            .rows
            .iter()
            .filter(|r| !r.duplicate)
            .filter_map(|r| r.line.as_ref())
            .map(|l| fiscal_year_of(l.date, start).0.year())
            .collect();
        for year in &years {
            tx.lock_books(*year).await?;
        }
        let mut new = Vec::new();
        for r in preview.rows.iter().filter(|r| !r.duplicate) {
            let Some(l) = &r.line else { continue };
            let (from, _) = fiscal_year_of(l.date, start);
            let year = from.year();
            if let std::collections::hash_map::Entry::Vacant(slot) = by_year.entry(year) {
                let lines = tx.budget_lines(year).await?;
                let bookings = tx.bookings(year).await?;
                slot.insert((lines, next_voucher_no(&used_vouchers(&bookings))));
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
                                Text::new("bank-line-unknown-budget-line")
                                    .num("line", r.line_no)
                                    .str("name", name)
                                    .num("year", year),
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
        tx.insert_bookings(&new).await?;
        for r in &rules {
            tx.save_bank_rule(r).await?;
        }
        tx.save_bank_layout(&preview.headings.join(";").to_lowercase(), &preview.mapping)
            .await?;
        tx.commit().await?;
        let imported = u32::try_from(new.len()).unwrap_or(0);
        Ok(BankOutcome {
            imported,
            skipped: preview.duplicates,
            message: Text::new("bank-imported")
                .num("count", imported)
                .num("skipped", preview.duplicates)
                .render(self.lang),
        })
    }
}
