//! Elections at an assembly: fredsvalg when there are no more candidates than seats, else a
//! written ballot (kampvalg). Ballots are counted (a ballot with more marks than allowed is
//! invalid, an empty one blank), candidates ranked, the top ones elected and the next ones
//! made alternates in rank order. A tie that decides a seat or an alternate's rank is never
//! settled silently: it waits for a recorded lot draw (or a run-off).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::board::SeatKind;
use crate::ids::{AgendaItemId, CandidateId, ElectionId, MeetingId, MemberId};
use crate::text::n_da;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub id: CandidateId,
    pub member: Option<MemberId>,
    pub name: String,
    /// "Bestyrelsen", "Opstillet af Anne Ærø", "Selv"
    pub proposed_by: String,
    pub accepts: bool,
    pub eligible: bool,
    /// Why not eligible, in Danish.
    pub reason: Option<String>,
    /// A sitting member whose term runs out and who stands again.
    pub standing_again: bool,
}

/// One ballot as the counters read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BallotEntry {
    pub marks: Vec<CandidateId>,
    /// The counters found it invalid for another reason (a name written on it, unreadable).
    pub marked_invalid: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BallotVerdict {
    Valid,
    Blank,
    Invalid,
}

/// Valid, blank or invalid: more marks than allowed, a mark twice or for someone not on the
/// ballot makes it invalid; no marks make it blank.
pub fn judge(ballot: &BallotEntry, candidates: &[CandidateId], max_marks: u32) -> BallotVerdict {
    if ballot.marked_invalid {
        return BallotVerdict::Invalid;
    }
    if ballot.marks.is_empty() {
        return BallotVerdict::Blank;
    }
    let unique: HashSet<&CandidateId> = ballot.marks.iter().collect();
    if unique.len() != ballot.marks.len()
        || ballot.marks.len() > usize::try_from(max_marks).unwrap_or(usize::MAX)
        || ballot.marks.iter().any(|m| !candidates.contains(m))
    {
        return BallotVerdict::Invalid;
    }
    BallotVerdict::Valid
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CandidateVotes {
    pub candidate: CandidateId,
    pub votes: u32,
}

/// The count of one poll.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    pub cast: u32,
    pub valid: u32,
    pub blank: u32,
    pub invalid: u32,
    /// In the candidates' order.
    pub votes: Vec<CandidateVotes>,
}

pub fn count_ballots(ballots: &[BallotEntry], candidates: &[CandidateId], max_marks: u32) -> Tally {
    let mut votes: HashMap<CandidateId, u32> = candidates.iter().map(|c| (*c, 0)).collect();
    let mut t = Tally::default();
    for b in ballots {
        t.cast += 1;
        match judge(b, candidates, max_marks) {
            BallotVerdict::Valid => {
                t.valid += 1;
                for m in &b.marks {
                    *votes.entry(*m).or_default() += 1;
                }
            }
            BallotVerdict::Blank => t.blank += 1,
            BallotVerdict::Invalid => t.invalid += 1,
        }
    }
    t.votes = candidates
        .iter()
        .map(|c| CandidateVotes {
            candidate: *c,
            votes: votes.get(c).copied().unwrap_or(0),
        })
        .collect();
    t
}

/// A lot drawn between tied candidates: `order` is the drawn order, first = best place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LotDraw {
    pub tied: Vec<CandidateId>,
    pub order: Vec<CandidateId>,
    /// Drawn by hand by the dirigent (else by Kvorum with a secure random source).
    pub by_hand: bool,
    pub witnesses: Vec<String>,
    /// Not a lot at all: the order comes from a run-off ballot between the tied.
    #[serde(default)]
    pub run_off: bool,
    /// Not a lot at all: the elected agreed among themselves who takes the long terms
    /// (fredsvalg with staggered terms).
    #[serde(default)]
    pub agreed: bool,
}

impl LotDraw {
    /// Whether this draw was over exactly `ids` (in any order).
    pub fn over(&self, ids: &[CandidateId]) -> bool {
        self.tied.len() == ids.len() && self.tied.iter().all(|c| ids.contains(c))
    }
}

/// A tie that decides who gets a seat or an alternate's rank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Tie {
    pub candidates: Vec<CandidateId>,
    pub votes: u32,
    /// Places (from 1) the tied group occupies together.
    pub first_place: u32,
    pub last_place: u32,
    /// What the tie decides, in the words of the minutes (Danish): [`TieKind::minutes_words`].
    pub what: String,
    /// What the tie decides, for the screens to say in their own language.
    pub kind: TieKind,
}

/// What a tie decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TieKind {
    /// Who gets the last seat of the election (on the board, as alternate, as auditor): the
    /// minutes and the wall name the election itself, so the words need not.
    LastSeat,
    /// The order of the alternates.
    AlternatesOrder,
    /// Nobody has the absolute majority a directly elected position requires.
    NoMajority,
}

impl TieKind {
    /// The words of the minutes: "Stemmelighed … om {words}".
    pub fn minutes_words(self) -> &'static str {
        match self {
            TieKind::LastSeat => "den sidste plads",
            TieKind::AlternatesOrder => "suppleanternes rækkefølge",
            TieKind::NoMajority => NO_MAJORITY,
        }
    }
}

impl Tie {
    fn new(
        candidates: Vec<CandidateId>,
        votes: u32,
        first_place: u32,
        last_place: u32,
        kind: TieKind,
    ) -> Self {
        Tie {
            candidates,
            votes,
            first_place,
            last_place,
            what: kind.minutes_words().into(),
            kind,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Ranked {
    pub candidate: CandidateId,
    pub votes: u32,
    /// 1 = most votes; equal votes settled by a draw get distinct places.
    pub place: u32,
}

/// The result of a poll: who is elected, who are alternates, and any tie still to settle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Ranking {
    pub ranked: Vec<Ranked>,
    pub elected: Vec<CandidateId>,
    pub alternates: Vec<CandidateId>,
    /// Ties settled by a recorded draw.
    pub settled: Vec<Tie>,
    /// A tie that matters and has no draw yet: nothing is decided until it is settled.
    pub pending: Option<Tie>,
}

/// Ranks by votes; `seats` are elected, the next `alternates` become alternates in order.
/// Ties across a boundary that matters are settled only by a matching draw.
pub fn rank(tally: &Tally, seats: u32, alternates: u32, draws: &[LotDraw]) -> Ranking {
    rank_with(tally, seats, alternates, draws, false)
}

/// The tie text when nobody has the absolute majority a directly elected position requires.
pub const NO_MAJORITY: &str = "absolut flertal (mere end halvdelen af de gyldige stemmer)";

/// [`rank`], and with `majority` (one position elected directly): the winner needs more than
/// half the valid votes, else the top two go to a second round.
pub fn rank_with(
    tally: &Tally,
    seats: u32,
    alternates: u32,
    draws: &[LotDraw],
    majority: bool,
) -> Ranking {
    let mut r = rank_plain(tally, seats, alternates, draws);
    if !majority || r.pending.is_some() {
        return r;
    }
    let Some(top) = r.ranked.first() else {
        return r;
    };
    if u64::from(top.votes) * 2 > u64::from(tally.valid) {
        return r;
    }
    // The top two (and any tied with the second) go to a second round.
    let second = r.ranked.get(1).map_or(0, |x| x.votes);
    let finalists: Vec<CandidateId> = r
        .ranked
        .iter()
        .enumerate()
        .filter(|(i, x)| *i == 0 || x.votes >= second)
        .map(|(_, x)| x.candidate)
        .collect();
    let decided = draws.iter().find(|d| {
        d.run_off && d.tied.len() == finalists.len() && d.tied.iter().all(|c| finalists.contains(c))
    });
    match decided {
        Some(d) => {
            r.elected = d.order.first().copied().into_iter().collect();
            r.alternates.clear();
            let last = u32::try_from(finalists.len()).unwrap_or(0);
            r.settled
                .push(Tie::new(finalists, top.votes, 1, last, TieKind::NoMajority));
        }
        None => {
            let last = u32::try_from(finalists.len()).unwrap_or(0);
            r.pending = Some(Tie::new(finalists, top.votes, 1, last, TieKind::NoMajority));
            r.elected.clear();
            r.alternates.clear();
        }
    }
    r
}

fn rank_plain(tally: &Tally, seats: u32, alternates: u32, draws: &[LotDraw]) -> Ranking {
    let mut order: Vec<CandidateVotes> = tally.votes.clone();
    // Stable: equal votes keep the candidates' (alphabetical) order until a draw decides.
    order.sort_by_key(|c| std::cmp::Reverse(c.votes));
    let seats_u = usize::try_from(seats).unwrap_or(0);
    let places = seats_u + usize::try_from(alternates).unwrap_or(0);
    let mut ranked: Vec<CandidateVotes> = Vec::with_capacity(order.len());
    let mut settled = Vec::new();
    let mut pending = None;
    let mut i = 0;
    while i < order.len() {
        let v = order[i].votes;
        let j = order[i..]
            .iter()
            .position(|c| c.votes != v)
            .map_or(order.len(), |k| i + k);
        let mut group: Vec<CandidateVotes> = order[i..j].to_vec();
        // A boundary after place k matters if it separates elected from not elected (k = seats)
        // or, with alternates, any two alternate ranks or the last alternate from the rest.
        let last_boundary = if alternates > 0 { places } else { seats_u };
        let matters = group.len() > 1 && (i + 1..j).any(|k| k >= seats_u && k <= last_boundary);
        let straddles_seat = i < seats_u && j > seats_u;
        if matters {
            let ids: HashSet<CandidateId> = group.iter().map(|c| c.candidate).collect();
            let tie = Tie::new(
                group.iter().map(|c| c.candidate).collect(),
                v,
                u32::try_from(i + 1).unwrap_or(0),
                u32::try_from(j).unwrap_or(0),
                if straddles_seat {
                    TieKind::LastSeat
                } else {
                    TieKind::AlternatesOrder
                },
            );
            let draw = draws.iter().find(|d| {
                d.tied.len() == ids.len()
                    && d.tied.iter().all(|c| ids.contains(c))
                    && d.order.len() == ids.len()
                    && d.order.iter().all(|c| ids.contains(c))
            });
            match draw {
                Some(d) => {
                    group.sort_by_key(|c| d.order.iter().position(|o| *o == c.candidate));
                    settled.push(tie);
                }
                None => {
                    if pending.is_none() {
                        pending = Some(tie);
                    }
                }
            }
        }
        ranked.extend(group);
        i = j;
    }
    let ranked: Vec<Ranked> = ranked
        .into_iter()
        .enumerate()
        .map(|(k, c)| Ranked {
            candidate: c.candidate,
            votes: c.votes,
            place: u32::try_from(k + 1).unwrap_or(0),
        })
        .collect();
    // While a tie waits for its draw, those ranked above it are surely elected (or surely
    // alternates in their order); nothing at or below the tie is decided.
    let sure = pending.as_ref().map_or(ranked.len(), |t: &Tie| {
        usize::try_from(t.first_place)
            .unwrap_or(1)
            .saturating_sub(1)
    });
    let decided = &ranked[..sure.min(ranked.len())];
    let (elected, alternates_list) = (
        decided.iter().take(seats_u).map(|r| r.candidate).collect(),
        decided
            .iter()
            .skip(seats_u)
            .take(places - seats_u)
            .map(|r| r.candidate)
            .collect(),
    );
    Ranking {
        ranked,
        elected,
        alternates: alternates_list,
        settled,
        pending,
    }
}

/// What an election is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ElectionKind {
    Board,
    Alternates,
    Auditors,
    AuditorAlternates,
    /// A position the assembly elects directly (e.g. the chair), by absolute majority.
    Position,
}

impl ElectionKind {
    pub fn seat(self) -> SeatKind {
        match self {
            ElectionKind::Board => SeatKind::Board,
            ElectionKind::Alternates => SeatKind::Alternate,
            ElectionKind::Auditors => SeatKind::Auditor,
            ElectionKind::AuditorAlternates => SeatKind::AuditorAlternate,
            ElectionKind::Position => SeatKind::Board,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            ElectionKind::Board => "board",
            ElectionKind::Alternates => "alternates",
            ElectionKind::Auditors => "auditors",
            ElectionKind::AuditorAlternates => "auditorAlternates",
            ElectionKind::Position => "position",
        }
    }
    pub fn from_code(s: &str) -> Option<ElectionKind> {
        [
            ElectionKind::Board,
            ElectionKind::Alternates,
            ElectionKind::Auditors,
            ElectionKind::AuditorAlternates,
            ElectionKind::Position,
        ]
        .into_iter()
        .find(|k| k.code() == s)
    }
    pub fn title_da(self) -> &'static str {
        match self {
            ElectionKind::Board => "Valg af bestyrelsesmedlemmer",
            ElectionKind::Alternates => "Valg af suppleanter",
            ElectionKind::Auditors => "Valg af revisor",
            ElectionKind::AuditorAlternates => "Valg af revisorsuppleant",
            ElectionKind::Position => "Valg af formand",
        }
    }
}

/// How the poll was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Method {
    /// Not yet decided.
    Pending,
    /// Fredsvalg: no more candidates than places.
    Uncontested,
    /// Written ballot, each ballot entered.
    Ballots,
    /// Written ballot counted on paper: only the totals are entered.
    Totals,
}

impl Method {
    pub fn code(self) -> &'static str {
        match self {
            Method::Pending => "pending",
            Method::Uncontested => "uncontested",
            Method::Ballots => "ballots",
            Method::Totals => "totals",
        }
    }
    pub fn from_code(s: &str) -> Option<Method> {
        [
            Method::Pending,
            Method::Uncontested,
            Method::Ballots,
            Method::Totals,
        ]
        .into_iter()
        .find(|m| m.code() == s)
    }
}

/// One election at an assembly (board, alternates, auditors).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Election {
    pub id: ElectionId,
    pub meeting_id: MeetingId,
    pub item_id: AgendaItemId,
    pub kind: ElectionKind,
    pub seats: u32,
    /// Alternates taken from the same vote (the runners-up), when the bylaws say so.
    pub alternates: u32,
    /// Marks allowed per ballot.
    pub max_marks: u32,
    pub candidates: Vec<Candidate>,
    pub method: Method,
    /// The totals when counted on paper.
    pub totals: Option<Tally>,
    pub draws: Vec<LotDraw>,
    /// Voters with voting right present when the poll was held.
    pub present_with_vote: u32,
    /// The result has been written into the board register.
    pub applied: bool,
    /// A position election: which position.
    #[serde(default)]
    pub position: Option<crate::board::Position>,
    /// A run-off (second round) between candidates tied in, or short of a majority in, this one.
    #[serde(default)]
    pub runoff_of: Option<ElectionId>,
    #[ts(type = "number")]
    pub version: i64,
}

impl Election {
    /// "Valg af bestyrelsesmedlemmer", "Valg af formand", "Omvalg: …".
    pub fn title(&self) -> String {
        let base = match (self.kind, self.position) {
            (ElectionKind::Position, Some(p)) => format!("Valg af {}", p.label_da().to_lowercase()),
            (k, _) => k.title_da().to_owned(),
        };
        if self.runoff_of.is_some() {
            format!("Omvalg – {}", base.to_lowercase())
        } else {
            base
        }
    }

    /// A position is elected by absolute majority.
    pub fn needs_majority(&self) -> bool {
        self.kind == ElectionKind::Position && self.runoff_of.is_none()
    }
}

/// The candidates who can be elected: eligible and accepting.
pub fn standing(candidates: &[Candidate]) -> Vec<&Candidate> {
    candidates
        .iter()
        .filter(|c| c.eligible && c.accepts)
        .collect()
}

/// Fredsvalg: no more candidates than seats (to fill, including alternates from the same vote).
pub fn uncontested(candidates: &[Candidate], places: u32) -> bool {
    u32::try_from(standing(candidates).len()).unwrap_or(u32::MAX) <= places
}

/// Who drew a lot and who witnessed it: ", trukket af Kvorum med A og B som vidner".
fn drawn_by(d: &LotDraw) -> String {
    let by = if d.by_hand {
        ", trukket af dirigenten"
    } else {
        ", trukket af Kvorum"
    };
    match d.witnesses.len() {
        0 => by.to_owned(),
        1 => format!("{by} med {} som vidne", names(&d.witnesses)),
        _ => format!("{by} med {} som vidner", names(&d.witnesses)),
    }
}

fn names(list: &[String]) -> String {
    match list {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} og {last}", init.join(", ")),
    }
}

/// The terms of those elected: `each` as the register gives them (staggered terms differ);
/// one not listed gets the bylaws' `years`.
#[derive(Debug, Clone, Copy)]
pub struct ElectedTerms<'a> {
    pub years: u32,
    pub each: &'a [(CandidateId, u32)],
    /// Fredsvalg to staggered seats before the long and short terms are shared out:
    /// (how many sit long, long years, how many short, short years).
    pub open: Option<(u32, u32, u32, u32)>,
}

/// The minutes paragraph for one poll, e.g. "Valgt til bestyrelsen for 2 år: …; Suppleanter:
/// 1. …, 2. …; Stemmer: …; Stemmelighed mellem … afgjort ved lodtrækning".
pub fn minutes_paragraph(
    kind: ElectionKind,
    terms: ElectedTerms,
    candidates: &[Candidate],
    tally: Option<&Tally>,
    ranking: &Ranking,
    draws: &[LotDraw],
    present_with_vote: u32,
) -> String {
    let name = |id: &CandidateId| {
        candidates
            .iter()
            .find(|c| c.id == *id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    let role = match kind {
        ElectionKind::Board => "bestyrelsen",
        ElectionKind::Alternates => "suppleant",
        ElectionKind::Auditors => "revisor",
        ElectionKind::AuditorAlternates => "revisorsuppleant",
        ElectionKind::Position => "formand",
    };
    let (term_years, years) = (terms.years, terms.each);
    let mut parts = Vec::new();
    let elected: Vec<String> = ranking.elected.iter().map(name).collect();
    // Grouped by term, longest first: "… for 2 år: A og B; for 1 år: C".
    let mut groups: Vec<(u32, Vec<String>)> = Vec::new();
    for id in &ranking.elected {
        let y = years
            .iter()
            .find(|(c, _)| c == id)
            .map_or(term_years, |(_, y)| *y);
        match groups.iter_mut().find(|(g, _)| *g == y) {
            Some((_, list)) => list.push(name(id)),
            None => groups.push((y, vec![name(id)])),
        }
    }
    groups.sort_by_key(|(y, _)| std::cmp::Reverse(*y));
    let lead = match kind {
        ElectionKind::Board => "Valgt til bestyrelsen".to_owned(),
        _ => format!("Valgt som {role}"),
    };
    let what = match groups.first() {
        None => format!("{lead} for {term_years} år"),
        Some(_) => groups
            .iter()
            .enumerate()
            .map(|(i, (y, list))| {
                let head = if i == 0 {
                    format!("{lead} for {y} år")
                } else {
                    format!("for {y} år")
                };
                if groups.len() == 1 {
                    head
                } else {
                    format!("{head}: {}", names(list))
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
    };
    // With one term for all, the names follow the heading; with several, they are in it.
    let listed = groups.len() > 1;
    match tally {
        // Terms not yet shared out: everyone elected, and what is still to be decided.
        None if terms.open.is_some() => {
            let (long, ly, short, sy) = terms.open.unwrap_or_default();
            parts.push(format!(
                "Fredsvalg: {lead}: {}; {long} af dem sidder {ly} år og {short} sidder {sy} år, men hvem, er endnu ikke afgjort (ved lodtrækning eller efter aftale)",
                names(&elected),
            ));
        }
        // While a tie waits, only those surely elected are named (the tie follows below).
        Some(_) if elected.is_empty() && ranking.pending.is_some() => {}
        None if listed => parts.push(format!("Fredsvalg: {what}")),
        None => parts.push(format!(
            "Fredsvalg: {}: {}",
            what,
            if elected.is_empty() {
                "ingen".into()
            } else {
                names(&elected)
            }
        )),
        Some(_) if listed => parts.push(what),
        Some(_) => parts.push(format!("{what}: {}", names(&elected))),
    }
    if !ranking.alternates.is_empty() {
        let alts: Vec<String> = ranking
            .alternates
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{}. {}", i + 1, name(c)))
            .collect();
        parts.push(format!("Suppleanter: {}", alts.join(", ")));
    }
    if let Some(t) = tally {
        let mut by_votes: Vec<&Ranked> = ranking.ranked.iter().collect();
        by_votes.sort_by_key(|r| r.place);
        let votes: Vec<String> = by_votes
            .iter()
            .map(|r| format!("{} {}", name(&r.candidate), r.votes))
            .collect();
        // `present_with_vote` is the votes in the room: members present with a vote and
        // proxies, the same figure as the attendance paragraph's "stemmer i alt".
        parts.push(format!(
            "Stemmer: {} (skriftlig afstemning; {} i salen, {} afgivet: {}, {}, {})",
            votes.join(", "),
            n_da(present_with_vote, "mulig stemme", "mulige stemmer"),
            n_da(t.cast, "stemmeseddel", "stemmesedler"),
            n_da(t.valid, "gyldig", "gyldige"),
            n_da(t.blank, "blank", "blanke"),
            n_da(t.invalid, "ugyldig", "ugyldige")
        ));
    }
    // Fredsvalg with staggered terms: how the long and the short terms were shared out.
    if let (None, Some(d)) = (
        tally,
        draws
            .iter()
            .find(|d| d.over(&ranking.elected))
            .filter(|_| listed),
    ) {
        parts.push(if d.agreed {
            "Fordelingen af valgperioderne skete efter aftale mellem de valgte".to_owned()
        } else {
            format!(
                "Fordelingen af valgperioderne blev afgjort ved lodtrækning{}",
                drawn_by(d)
            )
        });
    }
    for (tie, draw) in ranking.settled.iter().filter_map(|tie| {
        draws
            .iter()
            .find(|d| {
                d.tied.len() == tie.candidates.len()
                    && d.tied.iter().all(|c| tie.candidates.contains(c))
            })
            .map(|d| (tie, d))
    }) {
        let tied: Vec<String> = tie.candidates.iter().map(name).collect();
        let order: Vec<String> = draw.order.iter().map(name).collect();
        if draw.run_off && tie.kind == TieKind::NoMajority {
            parts.push(format!(
                "Ingen fik absolut flertal i første runde; ved omvalg mellem {} blev {} valgt",
                names(&tied),
                order.first().cloned().unwrap_or_default()
            ));
            continue;
        }
        if draw.run_off {
            parts.push(format!(
                "Stemmelighed mellem {} ({} stemmer hver) om {} afgjort ved omvalg: {}",
                names(&tied),
                tie.votes,
                tie.what,
                order.join(" før ")
            ));
            continue;
        }
        parts.push(format!(
            "Stemmelighed mellem {} ({} stemmer hver) om {} afgjort ved lodtrækning{}: {}",
            names(&tied),
            tie.votes,
            tie.what,
            drawn_by(draw),
            order.join(" før ")
        ));
    }
    if let Some(p) = &ranking.pending {
        let tied: Vec<String> = p.candidates.iter().map(name).collect();
        parts.push(format!(
            "Stemmelighed mellem {} om {} er endnu ikke afgjort",
            names(&tied),
            p.what
        ));
    }
    format!("{}.", parts.join("; "))
}

/// A uniformly random order of `items` from random bytes (Fisher–Yates with rejection, so no
/// candidate is favoured). `random` yields secure random u32s; the caller supplies the source.
pub fn shuffle<T: Clone>(items: &[T], mut random: impl FnMut() -> u32) -> Vec<T> {
    let mut out = items.to_vec();
    for i in (1..out.len()).rev() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let zone = u32::MAX - u32::MAX % n;
        let j = loop {
            let r = random();
            if r < zone {
                break r % n;
            }
        };
        out.swap(i, usize::try_from(j).unwrap_or(0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(n: usize) -> Vec<CandidateId> {
        (0..n).map(|_| CandidateId::new()).collect()
    }

    fn ballot(marks: &[CandidateId]) -> BallotEntry {
        BallotEntry {
            marks: marks.to_vec(),
            marked_invalid: false,
        }
    }

    #[test]
    fn judges_ballots() {
        let c = ids(4);
        assert_eq!(judge(&ballot(&[c[0], c[1]]), &c, 2), BallotVerdict::Valid);
        assert_eq!(judge(&ballot(&[c[0]]), &c, 2), BallotVerdict::Valid);
        assert_eq!(judge(&ballot(&[]), &c, 2), BallotVerdict::Blank);
        assert_eq!(
            judge(&ballot(&[c[0], c[1], c[2]]), &c, 2),
            BallotVerdict::Invalid
        );
        assert_eq!(judge(&ballot(&[c[0], c[0]]), &c, 2), BallotVerdict::Invalid);
        assert_eq!(
            judge(&ballot(&[CandidateId::new()]), &c, 2),
            BallotVerdict::Invalid
        );
    }

    #[test]
    fn a_tie_for_the_last_seat_waits_for_a_draw() {
        let c = ids(4);
        // 2 seats: A 10, B 7, C 7, D 3
        let tally = Tally {
            cast: 14,
            valid: 14,
            blank: 0,
            invalid: 0,
            votes: vec![
                CandidateVotes {
                    candidate: c[0],
                    votes: 10,
                },
                CandidateVotes {
                    candidate: c[1],
                    votes: 7,
                },
                CandidateVotes {
                    candidate: c[2],
                    votes: 7,
                },
                CandidateVotes {
                    candidate: c[3],
                    votes: 3,
                },
            ],
        };
        let r = rank(&tally, 2, 0, &[]);
        let p = r.pending.clone().expect("the tie is pending");
        assert_eq!((p.first_place, p.last_place), (2, 3));
        assert_eq!(
            r.elected,
            vec![c[0]],
            "the one above the tie is surely elected"
        );
        let draw = LotDraw {
            tied: vec![c[1], c[2]],
            order: vec![c[2], c[1]],
            by_hand: false,
            witnesses: vec!["Vibeke".into()],
            run_off: false,
            agreed: false,
        };
        let r = rank(&tally, 2, 0, std::slice::from_ref(&draw));
        assert_eq!(r.elected, vec![c[0], c[2]]);
        assert_eq!(r.settled.len(), 1);
        // A tie below every place that matters needs no draw.
        let r = rank(&tally, 1, 0, &[]);
        assert_eq!(r.elected, vec![c[0]]);
        assert!(r.pending.is_none());
        // With alternates from the same vote, the tie decides the alternates' order.
        let r = rank(&tally, 1, 2, &[]);
        assert!(r.pending.is_some());
        let r = rank(&tally, 1, 2, &[draw]);
        assert_eq!(r.alternates, vec![c[2], c[1]]);
    }

    #[test]
    fn a_position_needs_an_absolute_majority_else_a_second_round() {
        let c = ids(3);
        let t = |a, b, cc| Tally {
            cast: a + b + cc,
            valid: a + b + cc,
            blank: 0,
            invalid: 0,
            votes: vec![
                CandidateVotes {
                    candidate: c[0],
                    votes: a,
                },
                CandidateVotes {
                    candidate: c[1],
                    votes: b,
                },
                CandidateVotes {
                    candidate: c[2],
                    votes: cc,
                },
            ],
        };
        assert_eq!(rank_with(&t(8, 4, 3), 1, 0, &[], true).elected, vec![c[0]]);
        let r = rank_with(&t(6, 5, 4), 1, 0, &[], true);
        let p = r.pending.expect("no majority");
        assert_eq!(p.candidates, vec![c[0], c[1]]);
        assert_eq!(p.kind, TieKind::NoMajority);
        assert_eq!(p.what, NO_MAJORITY);
        let second = LotDraw {
            tied: vec![c[0], c[1]],
            order: vec![c[1], c[0]],
            by_hand: false,
            witnesses: vec![],
            run_off: true,
            agreed: false,
        };
        let r = rank_with(&t(6, 5, 4), 1, 0, std::slice::from_ref(&second), true);
        assert_eq!(r.elected, vec![c[1]]);
        assert_eq!(r.settled.len(), 1);
    }

    #[test]
    fn shuffles_uniformly_enough_and_keeps_everyone() {
        let items = vec![1, 2, 3];
        let mut seed = 7u32;
        let mut firsts = [0u32; 3];
        for _ in 0..3000 {
            let out = shuffle(&items, || {
                // xorshift32: a fair test source (the app uses the OS's secure source)
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                seed
            });
            let mut sorted = out.clone();
            sorted.sort();
            assert_eq!(sorted, items);
            firsts[usize::try_from(out[0] - 1).unwrap()] += 1;
        }
        assert!(firsts.iter().all(|f| *f > 800), "{firsts:?}");
    }

    fn poll() -> impl Strategy<Value = (usize, u32, Vec<(Vec<usize>, bool)>)> {
        (1usize..7).prop_flat_map(|n| {
            (1u32..=u32::try_from(n).unwrap()).prop_flat_map(move |seats| {
                (
                    Just(n),
                    Just(seats),
                    prop::collection::vec(
                        (
                            prop::collection::vec(0..n + 1, 0..n + 2),
                            prop::bool::weighted(0.05),
                        ),
                        0..60,
                    ),
                )
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        #[test]
        fn polls_count_and_rank_consistently((n, seats, raw) in poll()) {
            let c = ids(n);
            let stranger = CandidateId::new();
            let ballots: Vec<BallotEntry> = raw
                .iter()
                .map(|(marks, bad)| BallotEntry {
                    marks: marks.iter().map(|i| c.get(*i).copied().unwrap_or(stranger)).collect(),
                    marked_invalid: *bad,
                })
                .collect();
            let t = count_ballots(&ballots, &c, seats);
            // cast = valid + blank + invalid
            prop_assert_eq!(t.cast, t.valid + t.blank + t.invalid);
            prop_assert_eq!(t.cast as usize, ballots.len());
            // no ballot with more marks than seats is valid
            for b in &ballots {
                if b.marks.len() > seats as usize {
                    prop_assert_ne!(judge(b, &c, seats), BallotVerdict::Valid);
                }
            }
            // a recount from the stored ballots reproduces the result
            prop_assert_eq!(&count_ballots(&ballots, &c, seats), &t);
            let total: u32 = t.votes.iter().map(|v| v.votes).sum();
            prop_assert!(total <= t.valid * seats);
            let r = rank(&t, seats, 1, &[]);
            // the ranking is consistent with the counts
            for w in r.ranked.windows(2) {
                prop_assert!(w[0].votes >= w[1].votes);
            }
            // ties are never settled silently
            let s = seats as usize;
            if r.ranked.len() > s && r.ranked[s - 1].votes == r.ranked[s].votes {
                prop_assert!(r.pending.is_some());
                // only those above the tie are (surely) elected, each with more votes than
                // the tied
                let tied = r.ranked[s].votes;
                prop_assert!(r.elected.len() < s);
                for e in &r.elected {
                    let ev = t.votes.iter().find(|v| v.candidate == *e).unwrap().votes;
                    prop_assert!(ev > tied);
                }
            }
            if r.pending.is_none() {
                prop_assert_eq!(r.elected.len(), s.min(n));
                for e in &r.elected {
                    for o in r.ranked.iter().filter(|x| !r.elected.contains(&x.candidate)) {
                        let ev = t.votes.iter().find(|v| v.candidate == *e).unwrap().votes;
                        prop_assert!(ev > o.votes, "an elected candidate has more votes than every other");
                    }
                }
            }
        }
    }
}
