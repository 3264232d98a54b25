//! An assembly's elections as they stand: set up from the seats up, read, and shown with their count.

use super::*;

impl Api {
    /// The seats an assembly must fill, from the board register and the bylaws.
    pub async fn elections_seats_up(&self, meeting: MeetingId) -> ApiResult<SeatsUp> {
        let m = self
            .store
            .meeting(meeting)
            .await
            .map_err(|e| ApiError::from_store(e, "Mødet"))?;
        let rules = self.rules_on(m.date).await?;
        let terms = self.store.board_terms().await?;
        Ok(seats_up_for_election(&terms, m.date, &rules))
    }

    /// The elections of an assembly, set up from the seats up for election the first time.
    pub async fn elections_for(&self, meeting: MeetingId) -> ApiResult<Vec<ElectionView>> {
        let m = self
            .store
            .meeting(meeting)
            .await
            .map_err(|e| ApiError::from_store(e, "Mødet"))?;
        let mut existing = self.store.elections(Some(meeting)).await?;
        if existing.is_empty() && m.kind == MeetingKind::Ordinary {
            // Set up once: inside the transaction, with the meeting locked, so two laptops
            // opening the elections at once do not set them up twice.
            let mut tx = self.begin().await?;
            tx.lock_meeting(meeting).await?;
            if tx.elections(Some(meeting)).await?.is_empty() {
                let rules = self.rules_in(&mut tx.reader(), m.date).await?;
                let terms = tx.board_terms().await?;
                for e in plan_elections(&m, &terms, &rules) {
                    tx.insert_election(&e).await?;
                }
            }
            tx.commit().await?;
            existing = self.store.elections(Some(meeting)).await?;
        }
        let mut out = Vec::with_capacity(existing.len());
        for e in existing {
            out.push(self.view(e).await?);
        }
        Ok(out)
    }

    pub(crate) async fn election_row(&self, id: ElectionId) -> ApiResult<Election> {
        election_in(&mut self.store.reader(), id).await
    }

    pub(crate) async fn votes_in_room(&self, meeting: MeetingId) -> ApiResult<u32> {
        votes_in_room_in(&mut self.store.reader(), meeting).await
    }

    /// Opens the transaction for a change to election `id`: locks its meeting's record
    /// between laptops (PostgreSQL), loads the election there, and refuses when the
    /// meeting's minutes are approved or the result is in the register already.
    pub(crate) async fn begin_election_change(
        &self,
        id: ElectionId,
    ) -> ApiResult<(StoreTx, Election)> {
        let (mut tx, e) = self.begin_election(id).await?;
        if crate::meetings::minutes_locked(&mut tx.reader(), e.meeting_id).await? {
            return Err(ApiError::new(
                ErrorCode::Locked,
                Text::new("election-minutes-locked"),
            ));
        }
        Ok((tx, e))
    }

    /// The same without the minutes' lock: the result is written into the register when the
    /// minutes are approved.
    pub(crate) async fn begin_election(&self, id: ElectionId) -> ApiResult<(StoreTx, Election)> {
        let mut tx = self.begin().await?;
        let meeting = election_in(&mut tx.reader(), id).await?.meeting_id;
        tx.lock_meeting(meeting).await?;
        let e = election_in(&mut tx.reader(), id).await?;
        Self::not_applied(&e)?;
        Ok((tx, e))
    }

    /// The result so far and the bylaws' rules, read in the transaction (the ballots it sees).
    pub(crate) async fn count_in(
        &self,
        tx: &mut StoreTx,
        e: &Election,
    ) -> ApiResult<(Option<Ranking>, RuleSettings, Meeting)> {
        let ballots = tx.ballots(e.id).await?;
        let (_, ranking) = result_so_far(e, &ballots);
        let m = tx
            .meeting(e.meeting_id)
            .await
            .map_err(|err| ApiError::from_store(err, "Mødet"))?;
        let rules = self.rules_in(&mut tx.reader(), m.date).await?;
        Ok((ranking, rules, m))
    }

    pub(crate) async fn view(&self, mut e: Election) -> ApiResult<ElectionView> {
        let ballots = self.store.ballots(e.id).await?;
        let m = self.store.meeting(e.meeting_id).await?;
        let rules = self.rules_on(m.date).await?;
        if e.method == Method::Pending {
            // Shown as it stands today: the same check the election makes when it begins.
            self.recheck_eligibility(&mut self.store.reader(), &mut e, m.date, &rules)
                .await?;
        }
        let (tally, ranking) = result_so_far(&e, &ballots);
        let terms = self.store.board_terms().await?;
        let facts = ParagraphFacts {
            rules: &rules,
            terms: &terms,
            meeting: &m,
        };
        let paragraph = ranking
            .as_ref()
            .map(|r| paragraph(&e, tally.as_ref(), r, &facts))
            .unwrap_or_default();
        let tie_rule = rules.election.ties;
        let terms_choice = ranking
            .as_ref()
            .and_then(|r| terms_choice(&e, r, &terms, &m, &rules));
        Ok(ElectionView {
            tie_rule,
            terms_choice,
            title: e.title(),
            places: e.places(),
            uncontested: uncontested(&e.candidates, e.places()),
            ballots_entered: i64::try_from(ballots.len()).unwrap_or(0),
            votes_in_room: self.votes_in_room(e.meeting_id).await?,
            tally,
            ranking,
            paragraph,
            election: e,
        })
    }

    pub async fn election_get(&self, id: ElectionId) -> ApiResult<ElectionView> {
        let e = self.election_row(id).await?;
        self.view(e).await
    }

    /// Writes the election as changed in `tx` (its version one up), commits, and shows it.
    pub(crate) async fn save_election(
        &self,
        mut tx: StoreTx,
        before: &Election,
        mut after: Election,
    ) -> ApiResult<ElectionView> {
        after.version = before.version + 1;
        tx.update_election(before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        tx.commit().await?;
        self.view(after).await
    }

    pub(crate) fn not_applied(e: &Election) -> ApiResult<()> {
        if e.applied {
            return Err(ApiError::new(
                ErrorCode::Locked,
                Text::new("election-applied"),
            ));
        }
        Ok(())
    }

    /// The election paragraphs of a meeting, per agenda item, for the minutes draft; read
    /// through `db` and written under the meeting's `rules`.
    pub(crate) async fn election_paragraphs_in(
        db: &mut Reader<'_>,
        meeting: MeetingId,
        rules: &RuleSettings,
    ) -> ApiResult<Vec<(AgendaItemId, String)>> {
        let mut out = Vec::new();
        let terms = db.board_terms().await?;
        let m = db
            .meeting(meeting)
            .await
            .map_err(|e| ApiError::from_store(e, "Mødet"))?;
        let facts = ParagraphFacts {
            rules,
            terms: &terms,
            meeting: &m,
        };
        for e in db.elections(Some(meeting)).await? {
            let ballots = db.ballots(e.id).await?;
            if let (tally, Some(r)) = result_so_far(&e, &ballots) {
                let text = paragraph(&e, tally.as_ref(), &r, &facts);
                if !text.is_empty() {
                    out.push((e.item_id, text));
                }
            }
        }
        Ok(out)
    }

    /// The title of an election at the meeting that was held but is not decided yet.
    pub(crate) async fn undecided_election_in(
        db: &mut Reader<'_>,
        meeting: MeetingId,
    ) -> ApiResult<Option<String>> {
        for e in db.elections(Some(meeting)).await? {
            if e.applied || e.method == Method::Pending {
                continue;
            }
            let ballots = db.ballots(e.id).await?;
            let (_, ranking) = result_so_far(&e, &ballots);
            if ranking.as_ref().is_none_or(|r| r.pending.is_some()) {
                return Ok(Some(e.title()));
            }
        }
        Ok(None)
    }
}

pub(crate) async fn election_in(db: &mut Reader<'_>, id: ElectionId) -> ApiResult<Election> {
    db.election(id)
        .await
        .map_err(|e| ApiError::from_store(e, WHAT))
}

pub(crate) async fn votes_in_room_in(db: &mut Reader<'_>, meeting: MeetingId) -> ApiResult<u32> {
    let a = db.attendance(meeting).await?;
    let p = db.proxies(meeting).await?;
    Ok(attendance_counts(&a, &p).votes_in_room)
}

/// What the minutes paragraph of an election is written from, besides the election.
pub(crate) struct ParagraphFacts<'a> {
    pub rules: &'a RuleSettings,
    pub terms: &'a [Term],
    pub meeting: &'a Meeting,
}

/// The election's paragraph for the minutes, from its result, with each elected candidate's
/// term as the register gives it.
fn paragraph(e: &Election, tally: Option<&Tally>, r: &Ranking, f: &ParagraphFacts) -> String {
    let years = elected_years(e, r, f.terms, f.meeting, f.rules);
    let open = terms_choice(e, r, f.terms, f.meeting, f.rules)
        .filter(|c| !c.decided)
        .map(|c| (c.long, c.long_years, c.short, c.short_years));
    minutes_paragraph(
        e.kind,
        ElectedTerms {
            years: e.kind.term_years(&f.rules.board),
            each: &years,
            open,
        },
        &e.candidates,
        tally,
        r,
        &e.draws,
        e.present_with_vote,
    )
}
