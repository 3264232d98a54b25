//! Anonymous visitor counts and the social frikort.

use super::*;

impl Api {
    /// The visitor counts of a calendar year and the year before.
    pub async fn visits_get(&self, year: i32) -> ApiResult<VisitsView> {
        self.require_association().await?;
        let from = NaiveDate::from_ymd_opt(year - 1, 1, 1).unwrap_or_default();
        let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        let all = self.store.visit_tallies(from, to).await?;
        let pairs: Vec<(NaiveDate, u32)> = all.iter().map(|t| (t.day, t.visitors)).collect();
        let days = all
            .iter()
            .filter(|t| !t.whole_month && t.day.year() == year)
            .count();
        let tallies = all.into_iter().filter(|t| t.day.year() == year).collect();
        Ok(VisitsView {
            summary: visit_summary(year, &pairs, u32::try_from(days).unwrap_or(0)),
            tallies,
        })
    }

    /// Sets the number of visitors on a day, or for a whole month (numbers only, never names).
    pub async fn visits_set(&self, tally: VisitTally) -> ApiResult<VisitsView> {
        let today = self.clock.today();
        let mut t = tally;
        if t.whole_month {
            t.day = t.day.with_day(1).unwrap_or(t.day);
        }
        validate_visit(&t, today).map_err(ApiError::validation)?;
        let (mut tx, _) = self.begin_in_association().await?;
        tx.set_visit_tally(&t).await?;
        tx.commit().await?;
        self.visits_get(t.day.year()).await
    }

    /// The frikort workers with their jobs in `year` against the year's tax-free cap.
    pub async fn frikort_get(&self, year: i32) -> ApiResult<FrikortView> {
        self.require_association().await?;
        let (cap, cap_assumed) = self.frikort_cap(year).await?;
        let (from, to) = calendar_year(year);
        let jobs = self.store.frikort_jobs(from, to).await?;
        let workers: Vec<FrikortWorkerView> = self
            .store
            .frikort_workers()
            .await?
            .into_iter()
            .map(|w| {
                let mine: Vec<FrikortJob> =
                    jobs.iter().filter(|j| j.worker == w.id).cloned().collect();
                let earned = mine
                    .iter()
                    .fold(Money(0), |sum, j| Money(sum.0.saturating_add(j.amount.0)));
                let check = frikort_check(earned, Money(0), cap);
                FrikortWorkerView {
                    worker: w,
                    jobs: mine,
                    earned,
                    left: Money(cap.0.saturating_sub(earned.0).max(0)),
                    warning: match check {
                        Ok(c) => c.warning.map(|w| w.render(self.lang)),
                        Err(e) => Some(e.render(self.lang)),
                    },
                }
            })
            .collect();
        let total = workers
            .iter()
            .fold(Money(0), |sum, w| Money(sum.0.saturating_add(w.earned.0)));
        Ok(FrikortView {
            year,
            cap,
            cap_assumed,
            workers,
            total,
        })
    }

    pub(crate) async fn frikort_cap(&self, year: i32) -> ApiResult<(Money, bool)> {
        frikort_cap_in(&mut self.store.reader(), year).await
    }

    pub async fn frikort_set_cap(&self, year: i32, cap: Money) -> ApiResult<FrikortView> {
        if cap.0 <= 0 {
            return Err(ApiError::validation(FieldErrors::one(
                "cap",
                Text::new("frikort-cap-missing"),
            )));
        }
        let (mut tx, _) = self.begin_in_association().await?;
        tx.set_frikort_cap(year, cap).await?;
        tx.commit().await?;
        self.frikort_get(year).await
    }

    /// Registers a house user who takes paid frikort jobs: the name only.
    pub async fn frikort_add_worker(&self, name: String) -> ApiResult<FrikortWorker> {
        validate_worker_name(&name).map_err(ApiError::validation)?;
        let name = name.trim().to_owned();
        let w = FrikortWorker {
            id: FrikortWorkerId::new(),
            name,
        };
        let (mut tx, _) = self.begin_in_association().await?;
        tx.insert_frikort_worker(&w).await?;
        tx.commit().await?;
        Ok(w)
    }

    /// Records a paid job; refused when it would take the year's earnings past the cap.
    /// The earnings are read in the transaction that adds the job, with the year's frikort
    /// locked between laptops, so two jobs entered at once cannot pass the cap together.
    pub async fn frikort_add_job(&self, input: FrikortJobInput) -> ApiResult<FrikortView> {
        validate_frikort_job(&input.description, input.amount).map_err(ApiError::validation)?;
        let year = input.worked_on.year();
        let (mut tx, _) = self.begin_in_association().await?;
        tx.lock_frikort(year).await?;
        if !tx
            .frikort_workers()
            .await?
            .iter()
            .any(|w| w.id == input.worker)
        {
            return Err(ApiError::not_found("Frikort-medarbejderen"));
        }
        let (cap, _) = frikort_cap_in(&mut tx.reader(), year).await?;
        let (from, to) = calendar_year(year);
        let earned = tx
            .frikort_jobs(from, to)
            .await?
            .iter()
            .filter(|j| j.worker == input.worker)
            .fold(Money(0), |sum, j| Money(sum.0.saturating_add(j.amount.0)));
        frikort_check(earned, input.amount, cap)
            .map_err(|m| ApiError::validation(FieldErrors::one("amount", m)))?;
        let j = FrikortJob {
            id: FrikortJobId::new(),
            worker: input.worker,
            worked_on: input.worked_on,
            description: input.description.trim().to_owned(),
            amount: input.amount,
        };
        tx.insert_frikort_job(&j).await?;
        tx.commit().await?;
        self.frikort_get(year).await
    }
}

/// The first and last day of a calendar year (the frikort cap is per calendar year).
fn calendar_year(year: i32) -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default(),
    )
}

/// The year's tax-free cap, read through `db`: the one set for the year, else the latest set
/// in the five years before (assumed), else the 2025 figure.
async fn frikort_cap_in(db: &mut Reader<'_>, year: i32) -> ApiResult<(Money, bool)> {
    if let Some(c) = db.frikort_cap(year).await? {
        return Ok((c, false));
    }
    for y in (year.saturating_sub(5)..year).rev() {
        if let Some(c) = db.frikort_cap(y).await? {
            return Ok((c, true));
        }
    }
    Ok((FRIKORT_CAP_2025, year != 2025))
}
