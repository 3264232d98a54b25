//! The board register: who holds which seat from when to when — elected board members,
//! ranked alternates, appointed seats (the municipality's representative), auditors — and
//! which seats are up for election at an assembly, following the bylaws' terms and staggering.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{MeetingId, MemberId, TermId};
use crate::rules::RuleSettings;
use crate::text::{Lang, Text};
use crate::validation::FieldErrors;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SeatKind {
    /// bestyrelsesmedlem, elected by the assembly
    Board,
    /// suppleant, ranked
    Alternate,
    /// appointed by an outside body (e.g. the municipality), not elected
    Appointed,
    /// revisor
    Auditor,
    /// revisorsuppleant
    AuditorAlternate,
}

impl SeatKind {
    pub const ALL: [SeatKind; 5] = [
        SeatKind::Board,
        SeatKind::Alternate,
        SeatKind::Appointed,
        SeatKind::Auditor,
        SeatKind::AuditorAlternate,
    ];
    pub fn code(self) -> &'static str {
        match self {
            SeatKind::Board => "board",
            SeatKind::Alternate => "alternate",
            SeatKind::Appointed => "appointed",
            SeatKind::Auditor => "auditor",
            SeatKind::AuditorAlternate => "auditorAlternate",
        }
    }
    pub fn from_code(s: &str) -> Option<SeatKind> {
        SeatKind::ALL.into_iter().find(|k| k.code() == s)
    }
    pub fn label_da(self) -> &'static str {
        match self {
            SeatKind::Board => "Bestyrelsesmedlem",
            SeatKind::Alternate => "Suppleant",
            SeatKind::Appointed => "Udpeget medlem",
            SeatKind::Auditor => "Revisor",
            SeatKind::AuditorAlternate => "Revisorsuppleant",
        }
    }
    /// Sits at the board table (and counts for the board's quorum).
    pub fn on_board(self) -> bool {
        matches!(self, SeatKind::Board | SeatKind::Appointed)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Position {
    Chair,
    ViceChair,
    Treasurer,
    Secretary,
    Member,
}

impl Position {
    /// The position's name in the catalogue ("Formand", "Chair").
    pub fn text(self) -> Text {
        let code = match self {
            Position::Chair => "chair",
            Position::ViceChair => "viceChair",
            Position::Treasurer => "treasurer",
            Position::Secretary => "secretary",
            Position::Member => "member",
        };
        Text::new("position").str("position", code)
    }
    pub fn label_da(self) -> &'static str {
        match self {
            Position::Chair => "Formand",
            Position::ViceChair => "Næstformand",
            Position::Treasurer => "Kasserer",
            Position::Secretary => "Sekretær",
            Position::Member => "Bestyrelsesmedlem",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PositionEntry {
    pub position: Position,
    pub from: NaiveDate,
}

/// One holder of one seat for one term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Term {
    pub id: TermId,
    pub kind: SeatKind,
    /// `None` for someone who is not a member (an appointed representative, an auditor).
    pub member: Option<MemberId>,
    pub name: String,
    /// Alternates: 1 steps in first.
    pub rank: Option<u32>,
    pub start: NaiveDate,
    /// The year of the ordinary assembly at which the term runs out; `None` for appointed seats.
    pub expires_year: Option<i32>,
    /// When the holder actually left the seat (term over, resigned, stepped up as alternate).
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<String>,
    /// Positions from the constitution (or the assembly), newest last.
    pub positions: Vec<PositionEntry>,
    /// The assembly that elected them.
    pub elected_at: Option<MeetingId>,
    /// e.g. "Guldborgsund Kommune"
    pub appointed_by: Option<String>,
    #[ts(type = "number")]
    pub version: i64,
}

impl Term {
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.start <= day && self.ended_on.is_none_or(|e| e > day)
    }
    /// This term as ended on `day`, for `reason` (the next version of the row).
    pub fn ended(&self, day: NaiveDate, reason: &str) -> Term {
        Term {
            ended_on: Some(day),
            end_reason: Some(reason.to_owned()),
            version: self.version + 1,
            ..self.clone()
        }
    }

    pub fn position_on(&self, day: NaiveDate) -> Option<Position> {
        self.positions
            .iter()
            .filter(|p| p.from <= day)
            .max_by_key(|p| p.from)
            .map(|p| p.position)
    }
}

/// Who held a seat on `day`, board first, alternates by rank.
pub fn register_on(register: &[Term], day: NaiveDate) -> Vec<&Term> {
    let mut out: Vec<&Term> = register.iter().filter(|t| t.active_on(day)).collect();
    out.sort_by_key(|t| {
        (
            SeatKind::ALL.iter().position(|k| *k == t.kind),
            t.position_on(day).map(|p| p as u8).unwrap_or(9),
            t.rank.unwrap_or(0),
            t.name.clone(),
        )
    });
    out
}

/// What an ordinary assembly must elect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SeatsUp {
    pub year: i32,
    /// Board seats to fill: expiring terms plus vacancies.
    pub board: u32,
    /// Holders whose terms run out at this assembly (they may stand again).
    pub expiring: Vec<Term>,
    /// Seats empty before the assembly (resignations, fewer elected last time).
    pub vacancies: u32,
    pub alternates: u32,
    pub auditors: u32,
    pub auditor_alternates: u32,
    pub explanation: String,
}

fn continuing(register: &[Term], kind: SeatKind, day: NaiveDate) -> Vec<&Term> {
    register
        .iter()
        .filter(|t| {
            t.kind == kind && t.active_on(day) && t.expires_year.is_some_and(|y| y > day.year())
        })
        .collect()
}

/// `seats_up_for_election(register, assembly_date, rules)`: the seats that expire at this
/// assembly, the vacancies, and the alternates and auditors to elect. Appointed seats never.
pub fn seats_up_for_election(
    register: &[Term],
    assembly_date: NaiveDate,
    rules: &RuleSettings,
) -> SeatsUp {
    let b = &rules.board;
    let year = assembly_date.year();
    let expiring: Vec<Term> = register
        .iter()
        .filter(|t| {
            t.kind == SeatKind::Board && t.active_on(assembly_date) && t.expires_year == Some(year)
        })
        .cloned()
        .collect();
    let staying =
        u32::try_from(continuing(register, SeatKind::Board, assembly_date).len()).unwrap_or(0);
    let board = b.seats.saturating_sub(staying);
    let expiring_n = u32::try_from(expiring.len()).unwrap_or(0);
    let vacancies = board.saturating_sub(expiring_n);
    let left = |kind: SeatKind, wanted: u32| {
        wanted.saturating_sub(
            u32::try_from(continuing(register, kind, assembly_date).len()).unwrap_or(0),
        )
    };
    let alternates = left(SeatKind::Alternate, b.alternates);
    let auditors = left(SeatKind::Auditor, b.auditors);
    let auditor_alternates = left(SeatKind::AuditorAlternate, b.auditor_alternates);
    let mut parts = vec![format!(
        "{} er på valg ({} udløber, {} {})",
        crate::text::n_da(board, "bestyrelsesplads", "bestyrelsespladser"),
        expiring_n,
        vacancies,
        if vacancies == 1 { "ledig" } else { "ledige" }
    )];
    if alternates > 0 {
        parts.push(crate::text::n_da(alternates, "suppleant", "suppleanter"));
    }
    if auditors > 0 {
        parts.push(format!(
            "{auditors} revisor{}",
            if auditors == 1 { "" } else { "er" }
        ));
    }
    if auditor_alternates > 0 {
        parts.push(format!(
            "{auditor_alternates} revisorsuppleant{}",
            if auditor_alternates == 1 { "" } else { "er" }
        ));
    }
    SeatsUp {
        year,
        board,
        expiring,
        vacancies,
        alternates,
        auditors,
        auditor_alternates,
        explanation: format!("{}.", parts.join(", ")),
    }
}

/// The year a new term elected at `year`'s assembly runs out. Staggered boards keep the
/// bylaws' split (e.g. 3 seats in even years, 2 in odd): a seat goes to the latest year with
/// room, so a founding board or a vacancy gets the shorter term where needed.
pub fn term_expiry(
    register: &[Term],
    kind: SeatKind,
    assembly_date: NaiveDate,
    already_assigned: &[i32],
    rules: &RuleSettings,
) -> i32 {
    let b = &rules.board;
    let year = assembly_date.year();
    let years = match kind {
        SeatKind::Board => b.term_years,
        SeatKind::Alternate | SeatKind::AuditorAlternate => b.alternate_term_years,
        SeatKind::Auditor => b.auditor_term_years,
        SeatKind::Appointed => 0,
    }
    .max(1);
    let full = year + i32::try_from(years).unwrap_or(1);
    if kind != SeatKind::Board || !b.staggered || years < 2 {
        return full;
    }
    let quota = |y: i32| {
        if y % 2 == 0 {
            b.seats_in_even_years
        } else {
            b.seats.saturating_sub(b.seats_in_even_years)
        }
    };
    let taken = |y: i32| {
        let stay = continuing(register, SeatKind::Board, assembly_date)
            .iter()
            .filter(|t| t.expires_year == Some(y))
            .count()
            + already_assigned.iter().filter(|a| **a == y).count();
        u32::try_from(stay).unwrap_or(u32::MAX)
    };
    (year + 1..=full)
        .rev()
        .find(|y| taken(*y) < quota(*y))
        .unwrap_or(full)
}

/// What a change to the board register does: terms that change (the record before and
/// after, e.g. ended on a date) and the new terms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterChange {
    pub ended: Vec<(Term, Term)>,
    pub new_terms: Vec<Term>,
}

/// Why a member cannot leave the board as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LeaveError {
    #[error("{0} has left already")]
    AlreadyLeft(String),
    #[error("there is no alternate to step in")]
    NoAlternate,
}

/// A member leaves on `day`: their term ends (with `reason`, else "udtrådt"). When the first
/// alternate steps in, the alternate's term ends and a board term for the rest of the
/// leaver's period begins; the alternates behind move up one rank.
pub fn leave_board(
    register: &[Term],
    term: &Term,
    day: NaiveDate,
    reason: &str,
    alternate_steps_in: bool,
) -> Result<RegisterChange, LeaveError> {
    if term.ended_on.is_some() {
        return Err(LeaveError::AlreadyLeft(term.name.clone()));
    }
    let reason = match reason.trim() {
        "" => Text::new("term-ended-left").da(),
        r => r.to_owned(),
    };
    let mut change = RegisterChange::default();
    change.ended.push((term.clone(), term.ended(day, &reason)));
    if alternate_steps_in && term.kind == SeatKind::Board {
        let alt = next_alternate(register, day).ok_or(LeaveError::NoAlternate)?;
        let stepped_in = Text::new("term-ended-stepped-in")
            .str("name", &term.name)
            .da();
        change
            .ended
            .push((alt.clone(), alt.ended(day, &stepped_in)));
        change.new_terms.push(Term {
            id: TermId::new(),
            kind: SeatKind::Board,
            rank: None,
            start: day,
            expires_year: term.expires_year,
            ended_on: None,
            end_reason: None,
            positions: vec![],
            version: 1,
            ..alt.clone()
        });
        for other in register
            .iter()
            .filter(|o| o.kind == SeatKind::Alternate && o.active_on(day) && o.id != alt.id)
        {
            let mut moved = other.clone();
            moved.rank = moved.rank.map(|r| r.saturating_sub(1).max(1));
            moved.version += 1;
            change.ended.push((other.clone(), moved));
        }
    }
    Ok(change)
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

/// The new term for a holder added by hand. `member_name` is the member's name in the
/// register when `input.member` is set.
pub fn appoint(input: &AppointInput, member_name: Option<&str>) -> Result<Term, FieldErrors> {
    let mut errs = FieldErrors::default();
    let name = member_name
        .or(input.name.as_deref())
        .unwrap_or_default()
        .trim()
        .to_owned();
    if name.is_empty() {
        errs.push("name", Text::new("appoint-name-missing"));
    }
    let appointed_by = input
        .appointed_by
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    if input.kind == SeatKind::Appointed && appointed_by.is_none() {
        errs.push("appointedBy", Text::new("appoint-by-missing"));
    }
    if input.kind != SeatKind::Appointed && input.expires_year.is_none() {
        errs.push("expiresYear", Text::new("appoint-expiry-missing"));
    }
    errs.into_result(|| Term {
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
        appointed_by: appointed_by.map(str::to_owned),
        version: 1,
    })
}

/// Why the board cannot be constituted as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConstituteError {
    #[error("no such term in the register")]
    UnknownTerm(TermId),
    #[error("{name} does not sit on the board on {day}")]
    NotOnBoard { name: String, day: NaiveDate },
}

/// The board's constitution on `day`: each term gets its position from that day (a second
/// constitution the same day replaces the first). Returns each term before and after.
pub fn constitute(
    register: &[Term],
    day: NaiveDate,
    positions: &[(TermId, Position)],
) -> Result<Vec<(Term, Term)>, ConstituteError> {
    positions
        .iter()
        .map(|(id, position)| {
            let t = register
                .iter()
                .find(|t| t.id == *id)
                .ok_or(ConstituteError::UnknownTerm(*id))?;
            if !t.kind.on_board() || !t.active_on(day) {
                return Err(ConstituteError::NotOnBoard {
                    name: t.name.clone(),
                    day,
                });
            }
            let mut after = t.clone();
            after.positions.retain(|e| e.from != day);
            after.positions.push(PositionEntry {
                position: *position,
                from: day,
            });
            after.version += 1;
            Ok((t.clone(), after))
        })
        .collect()
}

/// How a term reads in the register: its seat ("2. suppleant") and its period
/// ("13.03.2027 – generalforsamlingen 2029; fratrådt 01.06.2027 (flyttet)").
pub fn term_labels(t: &Term, lang: Lang) -> (String, String) {
    let seat = match (t.kind, t.rank) {
        (SeatKind::Alternate, Some(r)) => Text::new("term-alternate-rank").num("rank", r),
        (k, _) => Text::new("seat-kind").str("kind", k.code()),
    };
    let start = crate::dates::format_date(t.start);
    let period = match (t.kind, t.expires_year, &t.appointed_by) {
        (SeatKind::Appointed, _, Some(by)) => Text::new("term-appointed-by").str("by", by),
        (_, Some(y), _) => Text::new("term-until-assembly")
            .str("start", start)
            .num("year", y),
        _ => Text::new("term-from").str("start", start),
    };
    let period = match (t.ended_on, &t.end_reason) {
        (Some(e), Some(reason)) => Text::new("term-ended")
            .text("period", period)
            .str("day", crate::dates::format_date(e))
            .str("reason", reason),
        (Some(e), None) => Text::new("term-ended-plain")
            .text("period", period)
            .str("day", crate::dates::format_date(e)),
        _ => period,
    };
    (seat.render(lang), period.render(lang))
}

/// When a board member leaves: the alternate to step in, in rank order.
pub fn next_alternate(register: &[Term], day: NaiveDate) -> Option<&Term> {
    register
        .iter()
        .filter(|t| t.kind == SeatKind::Alternate && t.active_on(day))
        .min_by_key(|t| t.rank.unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn term(kind: SeatKind, name: &str, start: NaiveDate, expires: Option<i32>) -> Term {
        Term {
            id: TermId::new(),
            kind,
            member: None,
            name: name.into(),
            rank: None,
            start,
            expires_year: expires,
            ended_on: None,
            end_reason: None,
            positions: vec![],
            elected_at: None,
            appointed_by: None,
            version: 1,
        }
    }

    #[test]
    fn a_founding_board_is_staggered() {
        let rules = RuleSettings::default(); // 5 seats, 2 years, 3 in even years
        let at = day(2025, 3, 8);
        let mut assigned = Vec::new();
        for _ in 0..5 {
            let y = term_expiry(&[], SeatKind::Board, at, &assigned, &rules);
            assigned.push(y);
        }
        assigned.sort();
        assert_eq!(assigned, vec![2026, 2026, 2026, 2027, 2027]);
    }

    #[test]
    fn seats_up_follow_the_register() {
        let rules = RuleSettings::default();
        let start = day(2025, 3, 8);
        let mut reg = vec![
            term(SeatKind::Board, "A", start, Some(2026)),
            term(SeatKind::Board, "B", start, Some(2026)),
            term(SeatKind::Board, "C", start, Some(2027)),
            term(SeatKind::Board, "D", start, Some(2027)),
            term(SeatKind::Board, "E", start, Some(2027)),
            term(SeatKind::Alternate, "S1", start, Some(2026)),
            term(SeatKind::Appointed, "Kommunen", start, None),
        ];
        let up = seats_up_for_election(&reg, day(2026, 3, 14), &rules);
        assert_eq!((up.board, up.expiring.len(), up.vacancies), (2, 2, 0));
        assert_eq!(up.alternates, 2);
        assert_eq!(up.auditors, 1);
        // C resigns: a vacancy next year on top of the three expiring.
        reg[2].ended_on = Some(day(2026, 9, 1));
        let up = seats_up_for_election(&reg, day(2027, 3, 13), &rules);
        assert_eq!((up.board, up.expiring.len(), up.vacancies), (5, 2, 3));
        assert!(up
            .explanation
            .starts_with("5 bestyrelsespladser er på valg"));
    }

    #[test]
    fn alternates_step_in_by_rank() {
        let start = day(2025, 3, 8);
        let mut s2 = term(SeatKind::Alternate, "S2", start, Some(2026));
        s2.rank = Some(2);
        let mut s1 = term(SeatKind::Alternate, "S1", start, Some(2026));
        s1.rank = Some(1);
        let reg = vec![s2, s1];
        assert_eq!(next_alternate(&reg, day(2025, 6, 1)).unwrap().name, "S1");
    }

    #[test]
    fn a_leaving_member_is_replaced_by_the_first_alternate() {
        let start = day(2025, 3, 8);
        let mut s1 = term(SeatKind::Alternate, "S1", start, Some(2026));
        s1.rank = Some(1);
        let mut s2 = term(SeatKind::Alternate, "S2", start, Some(2026));
        s2.rank = Some(2);
        let anne = term(SeatKind::Board, "Anne", start, Some(2027));
        let reg = vec![anne.clone(), s1, s2];
        let on = day(2025, 9, 1);
        let change = leave_board(&reg, &anne, on, "  ", true).unwrap();
        assert_eq!(change.ended[0].1.end_reason.as_deref(), Some("udtrådt"));
        assert_eq!(
            change.ended[1].1.end_reason.as_deref(),
            Some("indtrådt i bestyrelsen for Anne")
        );
        let moved = &change.ended[2].1;
        assert_eq!((moved.name.as_str(), moved.rank), ("S2", Some(1)));
        let new = &change.new_terms[0];
        assert_eq!(
            (new.name.as_str(), new.kind, new.expires_year),
            ("S1", SeatKind::Board, Some(2027))
        );
        let gone = change.ended[0].1.clone();
        assert_eq!(
            leave_board(&reg, &gone, on, "", false),
            Err(LeaveError::AlreadyLeft("Anne".into()))
        );
        assert_eq!(
            leave_board(std::slice::from_ref(&anne), &anne, on, "", true),
            Err(LeaveError::NoAlternate)
        );
    }
}
