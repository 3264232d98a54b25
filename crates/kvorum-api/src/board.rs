//! The board register: who sits, from when to when, in which position; appointments,
//! constitution, a member leaving and the alternate stepping in.

use chrono::NaiveDate;
use kvorum_core::board::{
    leave_board, register_on, LeaveError, Position, PositionEntry, SeatKind, Term,
};
use kvorum_core::dates::format_date;
use kvorum_core::ids::{MemberId, TermId};
use kvorum_core::text::Text;
use kvorum_core::FieldErrors;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ApiResult, ErrorCode};

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

/// A holder added by hand: an appointed seat, a founding board, an auditor chosen outside an
/// election in Kvorum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppointInput {
    pub kind: SeatKind,
    pub member: Option<MemberId>,
    /// For someone who is not a member.
    pub name: Option<String>,
    pub appointed_by: Option<String>,
    pub start: NaiveDate,
    pub expires_year: Option<i32>,
    pub rank: Option<u32>,
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

pub(crate) fn term_view(t: &Term, on: NaiveDate) -> TermView {
    let period = match (t.kind, t.expires_year, &t.appointed_by) {
        (SeatKind::Appointed, _, Some(by)) => {
            format!("udpeget af {by}")
        }
        (_, Some(y), _) => format!("{} – generalforsamlingen {y}", format_date(t.start)),
        _ => format!("fra {}", format_date(t.start)),
    };
    let period = match (t.ended_on, &t.end_reason) {
        (Some(e), Some(r)) => format!("{period}; fratrådt {} ({r})", format_date(e)),
        (Some(e), None) => format!("{period}; sluttede {}", format_date(e)),
        _ => period,
    };
    TermView {
        kind_label: match (t.kind, t.rank) {
            (SeatKind::Alternate, Some(r)) => format!("{}. suppleant", r),
            (k, _) => k.label_da().to_owned(),
        },
        position: t.position_on(on).map(|p| p.label_da().to_owned()),
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
            .map(|t| term_view(t, on))
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
            history: terms.iter().rev().map(|t| term_view(t, on)).collect(),
            on,
        })
    }

    /// Adds a holder by hand (appointed seat, founding board, an auditor).
    pub async fn board_appoint(&self, input: AppointInput) -> ApiResult<BoardView> {
        self.require_association().await?;
        let mut errs = FieldErrors::default();
        let name = match input.member {
            Some(id) => {
                self.store
                    .member(id)
                    .await
                    .map_err(|e| ApiError::from_store(e, "Medlemmet"))?
                    .name
            }
            None => input.name.clone().unwrap_or_default().trim().to_owned(),
        };
        if name.is_empty() {
            errs.push("name", "Vælg et medlem, eller skriv navnet.");
        }
        if input.kind == SeatKind::Appointed
            && input
                .appointed_by
                .as_deref()
                .is_none_or(|a| a.trim().is_empty())
        {
            errs.push(
                "appointedBy",
                "Skriv hvem der har udpeget, fx »Guldborgsund Kommune«.",
            );
        }
        if input.kind != SeatKind::Appointed && input.expires_year.is_none() {
            errs.push(
                "expiresYear",
                "Skriv året for den generalforsamling, hvor valgperioden udløber.",
            );
        }
        if !errs.is_empty() {
            return Err(ApiError::validation(errs));
        }
        let t = Term {
            id: TermId::new(),
            kind: input.kind,
            member: input.member,
            name,
            rank: input.rank,
            start: input.start,
            expires_year: input.expires_year,
            ended_on: None,
            end_reason: None,
            positions: vec![],
            elected_at: None,
            appointed_by: input.appointed_by.map(|a| a.trim().to_owned()),
            version: 1,
        };
        let mut tx = self.begin().await?;
        tx.insert_term(&t).await?;
        tx.commit().await?;
        self.board_register(Some(t.start)).await
    }

    /// The board's constitution: positions from `date`.
    pub async fn board_constitute(&self, input: ConstituteInput) -> ApiResult<BoardView> {
        let terms = self.store.board_terms().await?;
        let mut tx = self.begin().await?;
        for p in &input.positions {
            let t = terms
                .iter()
                .find(|t| t.id == p.term)
                .ok_or_else(|| ApiError::not_found(TERM))?;
            if !t.kind.on_board() || !t.active_on(input.date) {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    format!(
                        "{} sidder ikke i bestyrelsen den {}.",
                        t.name,
                        format_date(input.date)
                    ),
                ));
            }
            let mut after = t.clone();
            after.positions.retain(|e| e.from != input.date);
            after.positions.push(PositionEntry {
                position: p.position,
                from: input.date,
            });
            after.version += 1;
            tx.update_term(t, &after)
                .await
                .map_err(|e| ApiError::from_store(e, TERM))?;
        }
        tx.commit().await?;
        self.board_register(Some(input.date)).await
    }

    /// A holder leaves the seat; optionally the first alternate steps in for the rest of the term.
    pub async fn board_leave(&self, input: LeaveInput) -> ApiResult<BoardView> {
        let terms = self.store.board_terms().await?;
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
            ApiError::new(ErrorCode::Validation, said)
        })?;
        let mut tx = self.begin().await?;
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
