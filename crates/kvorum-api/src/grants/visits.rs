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
        self.require_association().await?;
        let today = self.clock.today();
        let mut t = tally;
        if t.whole_month {
            t.day = t.day.with_day(1).unwrap_or(t.day);
        }
        validate_visit(&t, today).map_err(ApiError::validation)?;
        let mut tx = self.begin().await?;
        tx.set_visit_tally(&t).await?;
        tx.commit().await?;
        self.visits_get(t.day.year()).await
    }

    /// The frikort workers with their jobs in `year` against the year's tax-free cap.
    pub async fn frikort_get(&self, year: i32) -> ApiResult<FrikortView> {
        self.require_association().await?;
        let (cap, cap_assumed) = self.frikort_cap(year).await?;
        let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
        let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        let jobs = self.store.frikort_jobs(from, to).await?;
        let workers: Vec<FrikortWorkerView> = self
            .store
            .frikort_workers()
            .await?
            .into_iter()
            .map(|w| {
                let mine: Vec<FrikortJob> =
                    jobs.iter().filter(|j| j.worker == w.id).cloned().collect();
                let earned = Money(mine.iter().map(|j| j.amount.0).sum());
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
        let total = Money(workers.iter().map(|w| w.earned.0).sum());
        Ok(FrikortView {
            year,
            cap,
            cap_assumed,
            workers,
            total,
        })
    }

    pub(crate) async fn frikort_cap(&self, year: i32) -> ApiResult<(Money, bool)> {
        if let Some(c) = self.store.frikort_cap(year).await? {
            return Ok((c, false));
        }
        for y in (year - 5..year).rev() {
            if let Some(c) = self.store.frikort_cap(y).await? {
                return Ok((c, true));
            }
        }
        Ok((FRIKORT_CAP_2025, year != 2025))
    }

    pub async fn frikort_set_cap(&self, year: i32, cap: Money) -> ApiResult<FrikortView> {
        self.require_association().await?;
        if cap.0 <= 0 {
            return Err(ApiError::validation(FieldErrors::one(
                "cap",
                "Skriv årets skattefri grænse, fx 42.766,00 kr. for 2025.",
            )));
        }
        let mut tx = self.begin().await?;
        tx.set_frikort_cap(year, cap).await?;
        tx.commit().await?;
        self.frikort_get(year).await
    }

    /// Registers a house user who takes paid frikort jobs: the name only.
    pub async fn frikort_add_worker(&self, name: String) -> ApiResult<FrikortWorker> {
        self.require_association().await?;
        validate_worker_name(&name).map_err(ApiError::validation)?;
        let name = name.trim().to_owned();
        let w = FrikortWorker {
            id: FrikortWorkerId::new(),
            name,
        };
        let mut tx = self.begin().await?;
        tx.insert_frikort_worker(&w).await?;
        tx.commit().await?;
        Ok(w)
    }

    /// Records a paid job; refused when it would take the year's earnings past the cap.
    pub async fn frikort_add_job(&self, input: FrikortJobInput) -> ApiResult<FrikortView> {
        let year = input.worked_on.year();
        let view = self.frikort_get(year).await?;
        let w = view
            .workers
            .iter()
            .find(|w| w.worker.id == input.worker)
            .ok_or_else(|| ApiError::not_found("Frikort-medarbejderen"))?;
        validate_frikort_job(&input.description, input.amount).map_err(ApiError::validation)?;
        frikort_check(w.earned, input.amount, view.cap)
            .map_err(|m| ApiError::validation(FieldErrors::one("amount", m)))?;
        let j = FrikortJob {
            id: FrikortJobId::new(),
            worker: input.worker,
            worked_on: input.worked_on,
            description: input.description.trim().to_owned(),
            amount: input.amount,
        };
        let mut tx = self.begin().await?;
        tx.insert_frikort_job(&j).await?;
        tx.commit().await?;
        self.frikort_get(year).await
    }
}
