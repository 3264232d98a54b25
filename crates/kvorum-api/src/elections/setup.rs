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
            let rules = self.rules_on(m.date).await?;
            let terms = self.store.board_terms().await?;
            let mut tx = self.begin().await?;
            for e in plan_elections(&m, &terms, &rules) {
                tx.insert_election(&e).await?;
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
        self.store
            .elections(None)
            .await?
            .into_iter()
            .find(|e| e.id == id)
            .ok_or_else(|| ApiError::not_found(WHAT))
    }

    pub(crate) async fn votes_in_room(&self, meeting: MeetingId) -> ApiResult<u32> {
        let a = self.store.attendance(meeting).await?;
        let p = self.store.proxies(meeting).await?;
        Ok(attendance_counts(&a, &p).votes_in_room)
    }

    pub(crate) async fn term_years(&self, e: &Election) -> ApiResult<u32> {
        let m = self.store.meeting(e.meeting_id).await?;
        Ok(e.kind.term_years(&self.rules_on(m.date).await?.board))
    }

    pub(crate) async fn view(&self, e: Election) -> ApiResult<ElectionView> {
        let ballots = self.store.ballots(e.id).await?;
        let (tally, ranking) = result_so_far(&e, &ballots);
        let paragraph = match &ranking {
            Some(r) => minutes_paragraph(
                e.kind,
                self.term_years(&e).await?,
                &e.candidates,
                tally.as_ref(),
                r,
                &e.draws,
                e.present_with_vote,
            ),
            None => String::new(),
        };
        let tie_rule = {
            let m = self.store.meeting(e.meeting_id).await?;
            self.rules_on(m.date).await?.election.ties
        };
        Ok(ElectionView {
            tie_rule,
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

    pub(crate) async fn save_election(
        &self,
        before: &Election,
        mut after: Election,
    ) -> ApiResult<ElectionView> {
        self.minutes_open(before.meeting_id).await?;
        after.version = before.version + 1;
        let mut tx = self.begin().await?;
        tx.update_election(before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        tx.commit().await?;
        self.view(after).await
    }

    /// Once the meeting's minutes are approved its elections cannot change.
    pub(crate) async fn minutes_open(&self, meeting: MeetingId) -> ApiResult<()> {
        if self.minutes_locked(meeting).await? {
            return Err(ApiError::new(
                ErrorCode::Locked,
                Text::new("election-minutes-locked"),
            ));
        }
        Ok(())
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

    /// The election paragraphs of a meeting, per agenda item, for the minutes draft.
    pub(crate) async fn election_paragraphs(
        &self,
        meeting: MeetingId,
    ) -> ApiResult<Vec<(AgendaItemId, String)>> {
        let mut out = Vec::new();
        for e in self.store.elections(Some(meeting)).await? {
            let item = e.item_id;
            let v = self.view(e).await?;
            if !v.paragraph.is_empty() {
                out.push((item, v.paragraph));
            }
        }
        Ok(out)
    }

    /// The title of an election at the meeting that was held but is not decided yet.
    pub(crate) async fn undecided_election(&self, meeting: MeetingId) -> ApiResult<Option<String>> {
        for e in self.store.elections(Some(meeting)).await? {
            if e.applied || e.method == Method::Pending {
                continue;
            }
            let v = self.view(e).await?;
            if v.ranking.as_ref().is_none_or(|r| r.pending.is_some()) {
                return Ok(Some(v.title));
            }
        }
        Ok(None)
    }
}
