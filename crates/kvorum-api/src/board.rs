//! The board register: who sits, from when to when, in which position; appointments,
//! constitution, a member leaving and the alternate stepping in.

use chrono::NaiveDate;
use kvorum_core::board::{
    appoint, constitute, leave_board, register_on, term_labels, AppointInput, ConstituteError,
    LeaveError, Position, SeatKind, Term,
};
use kvorum_core::dates::format_date;
use kvorum_core::ids::TermId;
use kvorum_core::text::{Lang, Text};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ApiResult};

const TERM: &str = "Posten i bestyrelsesregistret";

/// The board on a day, and every term ever held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardView {
    pub on: NaiveDate,
    pub current: Vec<TermView>,
    pub history: Vec<TermView>,
    /// Elected board seats filled / the bylaws' number.
    pub seats_filled: u32,
    pub seats: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TermView {
    pub term: Term,
    pub kind_label: String,
    /// The position on the day, e.g. "Formand".
    pub position: Option<String>,
    /// "13.03.2027 – GF 2029" / "udpeget af Guldborgsund Kommune"
    pub period: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PositionInput {
    pub term: TermId,
    pub position: Position,
}

/// The constitution meeting: positions from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConstituteInput {
    pub date: NaiveDate,
    pub positions: Vec<PositionInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeaveInput {
    pub term: TermId,
    pub date: NaiveDate,
    pub reason: String,
    /// Let the first alternate take the seat for the rest of the term.
    pub alternate_steps_in: bool,
}

pub(crate) fn term_view(t: &Term, on: NaiveDate, lang: Lang) -> TermView {
    let (kind_label, period) = term_labels(t, lang);
    TermView {
        kind_label,
        position: t.position_on(on).map(|p| p.text().render(lang)),
        period,
        term: t.clone(),
    }
}

impl Api {
    /// The board on `on` (default today) and the whole history.
    pub async fn board_register(&self, on: Option<NaiveDate>) -> ApiResult<BoardView> {
        self.require_association().await?;
        let on = on.unwrap_or_else(|| self.clock.today());
        let terms = self.store.board_terms().await?;
        let rules = self.rules_on(on).await?;
        let current: Vec<TermView> = register_on(&terms, on)
            .into_iter()
            .map(|t| term_view(t, on, self.lang))
            .collect();
        Ok(BoardView {
            seats_filled: u32::try_from(
                current
                    .iter()
                    .filter(|t| t.term.kind == SeatKind::Board)
                    .count(),
            )
            .unwrap_or(0),
            seats: rules.board.seats,
            current,
            history: terms
                .iter()
                .rev()
                .map(|t| term_view(t, on, self.lang))
                .collect(),
            on,
        })
    }

    /// Adds a holder by hand (appointed seat, founding board, an auditor).
    pub async fn board_appoint(&self, input: AppointInput) -> ApiResult<BoardView> {
        let (mut tx, _) = self.begin_in_association().await?;
        let member_name = match input.member {
            Some(id) => Some(
                tx.member(id)
                    .await
                    .map_err(|e| ApiError::from_store(e, "Medlemmet"))?
                    .name,
            ),
            None => None,
        };
        let t = appoint(&input, member_name.as_deref()).map_err(ApiError::validation)?;
        tx.insert_term(&t).await?;
        tx.commit().await?;
        self.board_register(Some(t.start)).await
    }

    /// The board's constitution: positions from `date`.
    pub async fn board_constitute(&self, input: ConstituteInput) -> ApiResult<BoardView> {
        let mut tx = self.begin().await?;
        let terms = tx.board_terms().await?;
        let positions: Vec<(TermId, Position)> = input
            .positions
            .iter()
            .map(|p| (p.term, p.position))
            .collect();
        let changes = constitute(&terms, input.date, &positions).map_err(|e| match e {
            ConstituteError::UnknownTerm(_) => ApiError::not_found(TERM),
            ConstituteError::NotOnBoard { name, day } => ApiError::refused(
                Text::new("board-not-on-board")
                    .str("name", name)
                    .str("day", format_date(day)),
            ),
        })?;
        for (before, after) in &changes {
            tx.update_term(before, after)
                .await
                .map_err(|e| ApiError::from_store(e, TERM))?;
        }
        tx.commit().await?;
        self.board_register(Some(input.date)).await
    }

    /// A holder leaves the seat; optionally the first alternate steps in for the rest of the term.
    pub async fn board_leave(&self, input: LeaveInput) -> ApiResult<BoardView> {
        let mut tx = self.begin().await?;
        let terms = tx.board_terms().await?;
        let t = terms
            .iter()
            .find(|t| t.id == input.term)
            .ok_or_else(|| ApiError::not_found(TERM))?;
        let change = leave_board(
            &terms,
            t,
            input.date,
            &input.reason,
            input.alternate_steps_in,
        )
        .map_err(|e| {
            let said = match e {
                LeaveError::AlreadyLeft(name) => Text::new("board-already-left").str("name", name),
                LeaveError::NoAlternate => Text::new("board-no-alternate"),
            };
            ApiError::refused(said)
        })?;
        for (was, now) in &change.ended {
            tx.update_term(was, now)
                .await
                .map_err(|e| ApiError::from_store(e, TERM))?;
        }
        for t in &change.new_terms {
            tx.insert_term(t).await?;
        }
        tx.commit().await?;
        self.board_register(Some(input.date)).await
    }

    /// Names of the board members (elected and appointed) on a day: for the dirigent warning.
    pub(crate) async fn board_names_on(&self, day: NaiveDate) -> ApiResult<Vec<String>> {
        Ok(self
            .store
            .board_terms()
            .await?
            .iter()
            .filter(|t| t.kind.on_board() && t.active_on(day))
            .map(|t| t.name.clone())
            .collect())
    }
}
