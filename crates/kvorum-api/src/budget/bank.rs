//! Bank statement import: preview, choices, all or nothing.

use super::*;

impl Api {
    /// Reads a bank statement without changing anything: each line with its problems, whether
    /// it was imported before, and the suggested budget line.
    pub async fn bank_import_preview(&self, request: BankImportRequest) -> ApiResult<BankPreview> {
        let mut request = request;
        request.bytes = self.import_bytes(request.file.as_deref(), &request.bytes)?;
        Self::bank_preview_in(&mut self.store.reader(), &request, self.lang)
            .await
            .map(|(preview, _)| preview)
    }

    /// The preview read through `db`: the pool, or the import's own transaction, where the
    /// lines already imported are read as the transaction that adds more sees them; with the
    /// layout's signature, that a mapping is remembered by.
    async fn bank_preview_in(
        db: &mut Reader<'_>,
        request: &BankImportRequest,
        lang: Lang,
    ) -> ApiResult<(BankPreview, String)> {
        if db.association().await?.is_none() {
            return Err(crate::association::no_association());
        }
        let csv = parse_csv(&request.bytes).map_err(crate::members::import::file_refused)?;
        let st = Statement::from_csv(csv);
        let signature = st.signature();
        let remembered: Option<Vec<BankColumn>> = db.bank_layout(&signature).await?;
        let mapping: Vec<BankColumn> = request
            .mapping
            .clone()
            .or(remembered)
            .unwrap_or_else(|| st.guess_columns());
        let empty = |problem: Option<String>, mapping: Vec<BankColumn>| BankPreview {
            encoding: st.encoding.to_owned(),
            header: st.header,
            problem,
            headings: st.headings.clone(),
            sample: st.sample(),
            mapping,
            rows: vec![],
            new_lines: 0,
            duplicates: 0,
            errors: 0,
            pending: 0,
            newest_first: false,
        };
        if let Some(missing) = [BankField::Date, BankField::Amount]
            .into_iter()
            .find(|f| !mapping.iter().any(|c| c.field == *f))
        {
            let headings = if st.header {
                st.headings.join(", ")
            } else {
                Text::new("bank-no-headings").render(lang)
            };
            let problem = Text::new("bank-column-unknown")
                .text("field", field_name(missing))
                .str("headings", headings)
                .render(lang);
            return Ok((empty(Some(problem), mapping), signature));
        }
        let read = st.read(&mapping);
        let known: HashSet<String> = db.bank_keys().await?.into_iter().collect();
        // The same lines in another layout (the bank changed its export) share date, amount
        // and running balance.
        let known_balances: HashSet<String> = known.iter().filter_map(|k| balance_key(k)).collect();
        let rules = db.bank_rules().await?;
        let choices: std::collections::HashMap<u32, &str> = request
            .lines
            .iter()
            .map(|c| (c.line_no, c.budget_line.as_str()))
            .collect();
        let mut in_file = HashSet::new();
        let mut rows = Vec::with_capacity(read.rows.len());
        for (line_no, r) in &read.rows {
            let line_no = *line_no;
            let row = |line, error, duplicate, budget_line, pending| BankRow {
                line_no,
                line,
                error,
                duplicate,
                budget_line,
                pending,
            };
            rows.push(match r {
                RowRead::Line(l) => {
                    let key = line_key(l);
                    let before = known.contains(&key)
                        || balance_key(&key).is_some_and(|b| known_balances.contains(&b));
                    let duplicate = before || !in_file.insert(key);
                    let chosen = choices.get(&line_no).map(|c| (*c).to_owned());
                    let budget_line = chosen
                        .or_else(|| suggest_line(&l.text, &rules).map(str::to_owned))
                        .filter(|n| !n.is_empty());
                    row(Some(l.clone()), None, duplicate, budget_line, false)
                }
                RowRead::Pending => row(None, None, false, None, true),
                RowRead::Bad(field, message) => {
                    let said = Text::new("bank-line-problem")
                        .num("line", line_no)
                        .text("column", field_name(*field))
                        .text("problem", message.clone())
                        .render(lang);
                    row(None, Some(said), false, None, false)
                }
            });
        }
        let count = |f: &dyn Fn(&BankRow) -> bool| {
            u32::try_from(rows.iter().filter(|r| f(r)).count()).unwrap_or(0)
        };
        let preview = BankPreview {
            new_lines: count(&|r| r.line.is_some() && !r.duplicate),
            duplicates: count(&|r| r.duplicate),
            errors: count(&|r| r.error.is_some()),
            pending: count(&|r| r.pending),
            newest_first: read.newest_first,
            rows,
            ..empty(None, mapping)
        };
        Ok((preview, signature))
    }

    /// Imports the new lines of a statement in one transaction, all or nothing; remembers the
    /// layout and learns the budget lines chosen.
    pub async fn bank_import_apply(&self, request: BankImportRequest) -> ApiResult<BankOutcome> {
        let mut request = request;
        request.bytes = self.import_bytes(request.file.as_deref(), &request.bytes)?;
        let mut tx = self.begin().await?;
        let (preview, signature) =
            Self::bank_preview_in(&mut tx.reader(), &request, self.lang).await?;
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
        // Booked in date order, and within a date as the bank booked them: a newest-first
        // file is read from the bottom, so the voucher numbers follow the date.
        let mut to_book: Vec<(&BankRow, &BankLine)> = preview
            .rows
            .iter()
            .filter(|r| !r.duplicate)
            .filter_map(|r| r.line.as_ref().map(|l| (r, l)))
            .collect();
        if preview.newest_first {
            to_book.reverse();
        }
        to_book.sort_by_key(|(_, l)| l.date);
        let mut new = Vec::new();
        for (r, l) in to_book {
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
        tx.save_bank_layout(&signature, &preview.mapping).await?;
        tx.commit().await?;
        let imported = u32::try_from(new.len()).unwrap_or(0);
        Ok(BankOutcome {
            imported,
            skipped: preview.duplicates,
            message: {
                let mut said = Text::new("bank-imported")
                    .num("count", imported)
                    .num("skipped", preview.duplicates)
                    .render(self.lang);
                if preview.pending > 0 {
                    said.push(' ');
                    said.push_str(
                        &Text::new("bank-pending-skipped")
                            .num("count", preview.pending)
                            .render(self.lang),
                    );
                }
                said
            },
        })
    }
}
