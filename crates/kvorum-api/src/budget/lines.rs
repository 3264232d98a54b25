//! The budget per fiscal year and budget vs. actual.

use super::*;

impl Api {
    /// The fiscal year (by the year it starts in) that contains `day`, read through `db`.
    pub(crate) async fn fiscal_year_in(
        db: &mut Reader<'_>,
        day: NaiveDate,
    ) -> ApiResult<(i32, NaiveDate, NaiveDate)> {
        let a = db
            .association()
            .await?
            .ok_or_else(crate::association::no_association)?;
        let (from, to) = fiscal_year_of(day, a.fiscal_year_start_month.clamp(1, 12));
        Ok((from.year(), from, to))
    }

    /// The first and last day of the fiscal year `year` (by the year it starts in).
    pub(crate) async fn fiscal_bounds(&self, year: i32) -> ApiResult<(NaiveDate, NaiveDate)> {
        Self::fiscal_bounds_in(&mut self.store.reader(), year).await
    }

    /// The same, read through `db` (a transaction's reads).
    pub(crate) async fn fiscal_bounds_in(
        db: &mut Reader<'_>,
        year: i32,
    ) -> ApiResult<(NaiveDate, NaiveDate)> {
        let a = db
            .association()
            .await?
            .ok_or_else(crate::association::no_association)?;
        let m = a.fiscal_year_start_month.clamp(1, 12);
        let first = NaiveDate::from_ymd_opt(year, m, 1)
            .ok_or_else(|| ApiError::refused(Text::new("year-does-not-exist").num("year", year)))?;
        Ok(kvorum_core::budget::fiscal_year_of(first, m))
    }

    /// Refuses a budget line that is not in the fiscal year's budget.
    pub(crate) async fn require_line_in(
        db: &mut Reader<'_>,
        year: i32,
        line: Option<BudgetLineId>,
    ) -> ApiResult<()> {
        if let Some(l) = line {
            if !db.budget_lines(year).await?.iter().any(|x| x.id == l) {
                return Err(ApiError::validation(FieldErrors::one(
                    "line",
                    Text::new("booking-line-not-in-year").num("year", year),
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
        let (lines, bookings) = (&books.lines, &books.bookings);
        let mut views = Vec::with_capacity(lines.len());
        let (mut ib, mut ia, mut eb, mut ea) = (0i64, 0i64, 0i64, 0i64);
        for l in lines.iter().cloned() {
            // Fee payments are bookings on the fee line (one truth), like any other income.
            let booked: Vec<(NaiveDate, Money)> = bookings
                .iter()
                .filter(|b| b.line == Some(l.id) && b.booked_on <= on)
                .map(|b| (b.booked_on, b.amount))
                .collect();
            let scheduled: Option<i64> = l
                .grant
                .filter(|_| l.kind == LineKind::Income)
                .and_then(|g| books.grants.iter().find(|x| x.id == g))
                .filter(|g| !g.instalments.is_empty())
                .map(|g| {
                    g.instalments_in(from, to)
                        .iter()
                        .map(|i| i.amount)
                        .sum::<Money>()
                        .0
                });
            let status = match scheduled {
                // A grant's lump sums: what is in plus the instalments still to come.
                Some(total) => {
                    let got = booked.iter().map(|(_, m)| *m).sum::<Money>().0;
                    scheduled_line_status(
                        l.amount,
                        &booked,
                        from,
                        to,
                        on,
                        Money(total.saturating_sub(got).max(0)),
                    )
                }
                None => line_status(l.kind, l.amount, &booked, from, to, on),
            };
            match l.kind {
                LineKind::Income => {
                    ib = ib.saturating_add(l.amount.0);
                    ia = ia.saturating_add(status.actual.0);
                }
                LineKind::Expense => {
                    eb = eb.saturating_add(l.amount.0);
                    ea = ea.saturating_add(status.actual.0);
                }
            }
            views.push(LineView { line: l, status });
        }
        let unassigned = bookings
            .iter()
            .filter(|b| b.line.is_none() && b.counter_account.is_none() && b.booked_on <= on)
            .map(|b| b.amount)
            .sum::<Money>()
            .0;
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
        let mut tx = self.begin().await?;
        let existing = tx.budget_lines(input.year).await?;
        match input.id {
            None => {
                let l = BudgetLine {
                    id: BudgetLineId::new(),
                    fiscal_year: input.year,
                    name: input.name.trim().to_owned(),
                    kind: input.kind,
                    amount: input.amount,
                    grant: input.grant,
                    fee_line: input.fee_line && input.kind == LineKind::Income,
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
                    fee_line: input.fee_line && input.kind == LineKind::Income,
                    version: before.version + 1,
                    ..before.clone()
                };
                tx.update_budget_line(before, &l)
                    .await
                    .map_err(|e| dup_line(e, &l.name))?;
            }
        }
        // One fee line a year: choosing this one unmarks the other.
        if input.fee_line {
            for other in existing
                .iter()
                .filter(|l| l.fee_line && Some(l.id) != input.id)
            {
                let unmarked = BudgetLine {
                    fee_line: false,
                    version: other.version + 1,
                    ..other.clone()
                };
                tx.update_budget_line(other, &unmarked)
                    .await
                    .map_err(|e| dup_line(e, &other.name))?;
            }
        }
        tx.commit().await?;
        self.budget_get(input.year, None).await
    }

    /// Removes a budget line made by mistake or no longer used. Refused while bookings
    /// are on it (move them first: the books never lose a booking), and for the fee line
    /// while the year has fee payments counted on it.
    pub async fn budget_remove_line(&self, input: BudgetLineRemove) -> ApiResult<BudgetView> {
        let mut tx = self.begin().await?;
        let line = tx
            .budget_lines(input.year)
            .await?
            .into_iter()
            .find(|l| l.id == input.id)
            .ok_or_else(|| ApiError::not_found("Budgetposten"))?;
        if line.version != input.version {
            return Err(ApiError::conflict("Budgetposten"));
        }
        let booked = tx
            .bookings(input.year)
            .await?
            .iter()
            .filter(|b| b.line == Some(line.id))
            .count();
        if booked > 0 {
            return Err(ApiError::refused(
                Text::new("budget-line-in-use")
                    .str("name", &line.name)
                    .num("n", i64::try_from(booked).unwrap_or(i64::MAX)),
            ));
        }
        if line.kind == LineKind::Income && line.name.trim().eq_ignore_ascii_case("kontingent") {
            let (from, to) = self.fiscal_bounds(input.year).await?;
            let fees = tx
                .payments(None)
                .await?
                .iter()
                .filter(|p| p.paid_on >= from && p.paid_on <= to)
                .count();
            if fees > 0 {
                return Err(ApiError::refused(
                    Text::new("budget-line-has-fees")
                        .num("n", i64::try_from(fees).unwrap_or(i64::MAX)),
                ));
            }
        }
        tx.delete_budget_line(&line)
            .await
            .map_err(|e| ApiError::from_store(e, "Budgetposten"))?;
        tx.commit().await?;
        self.budget_get(input.year, None).await
    }

    /// Starts next year's budget as a copy of this year's (refused when it has lines already).
    pub async fn budget_copy(&self, from: i32, to: i32) -> ApiResult<BudgetView> {
        let mut tx = self.begin().await?;
        let copies = copy_budget(
            &tx.budget_lines(from).await?,
            &tx.budget_lines(to).await?,
            to,
        )
        .map_err(|e| {
            ApiError::refused(match e {
                BudgetCopyError::TargetHasLines(y) => {
                    Text::new("budget-copy-has-lines").num("year", y)
                }
                BudgetCopyError::NothingToCopy => {
                    Text::new("budget-copy-nothing").num("year", from)
                }
            })
        })?;
        for (i, l) in copies.iter().enumerate() {
            tx.insert_budget_line(l, i64::try_from(i).unwrap_or(0))
                .await?;
        }
        tx.commit().await?;
        self.budget_get(to, None).await
    }

    /// The year's lines, bookings and grants, read once per data generation; the bookings
    /// once per change of that year's bookings.
    pub(crate) async fn books(&self, year: i32) -> ApiResult<Arc<Books>> {
        let mut cache = self.books.lock().await;
        let generation = self.store.generation().await?;
        if cache.generation != generation {
            cache.generation = generation;
            cache.years.clear();
        }
        if let Some((_, b)) = cache.years.iter().find(|(y, _)| *y == year) {
            return Ok(Arc::clone(b));
        }
        // The count first: a change landing between the two reads leaves newer bookings
        // under an older count, read again next time, never older bookings under a newer one.
        let changes = self.store.booking_changes(year).await?;
        let kept = cache
            .bookings
            .iter()
            .find(|(y, c, _)| *y == year && *c == changes)
            .map(|(_, _, b)| Arc::clone(b));
        let bookings = match kept {
            Some(b) => b,
            None => {
                let b = Arc::new(self.store.bookings(year).await?);
                cache.bookings.retain(|(y, _, _)| *y != year);
                if cache.bookings.len() >= 3 {
                    cache.bookings.remove(0);
                }
                cache.bookings.push((year, changes, Arc::clone(&b)));
                b
            }
        };
        let books = Arc::new(Books {
            lines: self.store.budget_lines(year).await?,
            bookings,
            grants: self.store.grants().await?,
        });
        // A few years at most: the year on screen, the one before it, one more.
        if cache.years.len() >= 3 {
            cache.years.remove(0);
        }
        cache.years.push((year, Arc::clone(&books)));
        Ok(books)
    }
}
