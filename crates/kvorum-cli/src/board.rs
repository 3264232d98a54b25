//! `kvorum board|elections|candidates|ballots`. Elections are named by the meeting and their
//! kind (`board`, `alternates`, `auditors`, `auditorAlternates`); candidates by member no. or
//! name; ballots by candidate names, numbers on the list or member nos.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use kvorum_api::dto::*;
use kvorum_api::{Api, ApiError, ErrorCode};
use kvorum_core::dates::format_date;
use kvorum_core::text::Text;

use crate::meetings::meeting_ref;
use crate::{bad_input, date_arg, print, write_file};

#[derive(Subcommand)]
pub enum BoardCmd {
    /// The board now (or `--on DATE`)
    List {
        #[arg(long)]
        on: Option<String>,
    },
    /// Every term ever held, newest first
    History {
        #[arg(long)]
        on: Option<String>,
    },
    /// Add a holder: an appointed seat, a founding board member, an auditor
    Appoint {
        /// board, alternate, appointed, auditor or auditorAlternate
        #[arg(long, default_value = "appointed")]
        kind: String,
        /// Member no.
        #[arg(long)]
        no: Option<i64>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        by: Option<String>,
        #[arg(long)]
        from: String,
        /// The year of the assembly where the term runs out
        #[arg(long)]
        until: Option<i32>,
        #[arg(long)]
        rank: Option<u32>,
    },
    /// Positions from the constitution meeting: `--chair 3 --treasurer 7`
    Constitute {
        #[arg(long)]
        date: String,
        #[arg(long)]
        chair: Option<i64>,
        #[arg(long)]
        vice_chair: Option<i64>,
        #[arg(long)]
        treasurer: Option<i64>,
        #[arg(long)]
        secretary: Option<i64>,
    },
    /// A member leaves the board; `--alternate` lets the first alternate step in
    Leave {
        no: i64,
        #[arg(long)]
        date: String,
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long)]
        alternate: bool,
    },
    Pdf {
        out: PathBuf,
        #[arg(long)]
        on: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum ElectionsCmd {
    /// The seats an assembly must fill
    SeatsUp { meeting: String },
    /// The elections of an assembly (set up from the seats up the first time)
    List { meeting: String },
    /// The count and result of one election
    Result {
        meeting: String,
        #[arg(long, value_enum, default_value_t = KindArg::Board)]
        kind: KindArg,
    },
    /// Fredsvalg: everyone standing is elected without a vote
    Uncontested {
        meeting: String,
        #[arg(long, value_enum, default_value_t = KindArg::Board)]
        kind: KindArg,
    },
    /// The counters' totals when counted on paper: `--votes "Anne=10,Bent=7"`
    Totals {
        meeting: String,
        #[arg(long, value_enum, default_value_t = KindArg::Board)]
        kind: KindArg,
        #[arg(long)]
        votes: String,
        /// Valid ballots as counted (default: the least the votes allow)
        #[arg(long)]
        valid: Option<u32>,
        #[arg(long, default_value_t = 0)]
        blank: u32,
        #[arg(long, default_value_t = 0)]
        invalid: u32,
    },
    /// Settle the tie by lot (Kvorum draws; `--order "B,A"` records a lot drawn by hand)
    DrawLot {
        meeting: String,
        #[arg(long, value_enum, default_value_t = KindArg::Board)]
        kind: KindArg,
        #[arg(long = "witness")]
        witnesses: Vec<String>,
        #[arg(long)]
        order: Option<String>,
    },
    /// Fredsvalg to staggered seats: who sits the long term. `--long 3,7` (member nos. or
    /// names) by agreement (`--agreed`) or as the dirigent drew them; without `--long`,
    /// Kvorum draws lots
    Terms {
        meeting: String,
        #[arg(long, value_enum, default_value_t = KindArg::Board)]
        kind: KindArg,
        #[arg(long)]
        long: Option<String>,
        #[arg(long)]
        agreed: bool,
        #[arg(long = "witness")]
        witnesses: Vec<String>,
    },
    /// A run-off between the tied (or, for a position, the top two)
    Runoff {
        meeting: String,
        #[arg(long, value_enum, default_value_t = KindArg::Board)]
        kind: KindArg,
    },
    /// Write the result into the board register now (else on approval of the minutes)
    Apply {
        meeting: String,
        #[arg(long, value_enum, default_value_t = KindArg::Board)]
        kind: KindArg,
    },
}

#[derive(Subcommand)]
pub enum CandidatesCmd {
    Add {
        meeting: String,
        #[arg(long, value_enum, default_value_t = KindArg::Board)]
        kind: KindArg,
        /// Member no.
        #[arg(long)]
        no: Option<i64>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, default_value = "Bestyrelsen")]
        proposed_by: String,
        /// The candidate has not said yes yet
        #[arg(long)]
        pending: bool,
    },
    /// The candidate accepts (or `--no`)
    Accept {
        meeting: String,
        #[arg(long, value_enum, default_value_t = KindArg::Board)]
        kind: KindArg,
        /// Candidate: member no. or name
        who: String,
        #[arg(long)]
        no: bool,
    },
}

#[derive(Subcommand)]
pub enum BallotsCmd {
    /// Print the ballots and the tally sheet
    Pdf {
        meeting: String,
        out: PathBuf,
        #[arg(long, value_enum, default_value_t = KindArg::Board)]
        kind: KindArg,
    },
    /// Enter one ballot: `--marks "Anne,Bent"` (empty: blank)
    Enter {
        meeting: String,
        #[arg(long, value_enum, default_value_t = KindArg::Board)]
        kind: KindArg,
        #[arg(long, default_value = "")]
        marks: String,
        #[arg(long)]
        invalid: bool,
    },
    /// Take back the last ballot entered
    Undo {
        meeting: String,
        #[arg(long, value_enum, default_value_t = KindArg::Board)]
        kind: KindArg,
    },
}

/// Which election of a meeting.
#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    Board,
    Alternates,
    Auditors,
    #[value(name = "auditorAlternates", alias = "auditor-alternates")]
    AuditorAlternates,
    Position,
}

impl From<KindArg> for ElectionKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Board => ElectionKind::Board,
            KindArg::Alternates => ElectionKind::Alternates,
            KindArg::Auditors => ElectionKind::Auditors,
            KindArg::AuditorAlternates => ElectionKind::AuditorAlternates,
            KindArg::Position => ElectionKind::Position,
        }
    }
}

async fn election(api: &Api, meeting: &str, kind: KindArg) -> Result<ElectionView, ApiError> {
    let id = meeting_ref(api, meeting).await?;
    let k = ElectionKind::from(kind);
    let all: Vec<ElectionView> = api
        .elections_for(id)
        .await?
        .into_iter()
        .filter(|e| e.election.kind == k)
        .collect();
    // A run-off still open is the one being counted; else the first round.
    let pick = all
        .iter()
        .rposition(|e| e.election.runoff_of.is_some() && !e.election.applied)
        .unwrap_or(0);
    all.into_iter().nth(pick).ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            format!("Mødet har intet valg af typen »{}«.", k.code()),
        )
    })
}

/// A candidate by member no., place on the list (1 = first), or (start of) name.
fn candidate(
    v: &ElectionView,
    who: &str,
    members: &[(i64, MemberId)],
) -> Result<CandidateId, ApiError> {
    let who = who.trim();
    if let Ok(n) = who.parse::<i64>() {
        if let Some((_, id)) = members.iter().find(|(no, _)| *no == n) {
            if let Some(c) = v.election.candidates.iter().find(|c| c.member == Some(*id)) {
                return Ok(c.id);
            }
        }
    }
    let lower = who.to_lowercase();
    let hits: Vec<&Candidate> = v
        .election
        .candidates
        .iter()
        .filter(|c| c.name.to_lowercase().starts_with(&lower))
        .collect();
    match hits.as_slice() {
        [one] => Ok(one.id),
        _ => Err(bad_input(
            "marks",
            format!(
                "»{who}« peger ikke på præcis én kandidat. Kandidaterne er: {}.",
                v.election
                    .candidates
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

async fn member_nos(api: &Api) -> Result<Vec<(i64, MemberId)>, ApiError> {
    Ok(api
        .members_list(MemberQuery {
            status: StatusFilter::All,
            ..Default::default()
        })
        .await?
        .rows
        .iter()
        .map(|r| (r.member_no, r.id))
        .collect())
}

fn election_text(v: &ElectionView) -> String {
    let places = Text::new("election-places")
        .str("title", v.title.clone())
        .num("seats", v.election.seats)
        .num("alternates", v.election.alternates);
    let mut s = vec![places.da()];
    for c in &v.election.candidates {
        s.push(format!(
            "  {}{}{}",
            c.name,
            if c.accepts { "" } else { " (har ikke sagt ja)" },
            c.reason
                .as_deref()
                .map(|r| format!(" — {r}"))
                .unwrap_or_default()
        ));
    }
    if v.election.method == Method::Ballots {
        s.push(format!(
            "{} stemmesedler tastet af {} stemmer i salen",
            v.ballots_entered, v.election.present_with_vote
        ));
    }
    if let Some(p) = v.ranking.as_ref().and_then(|r| r.pending.as_ref()) {
        s.push(format!(
            "Stemmelighed om {} ({} stemmer): træk lod med `kvorum elections draw-lot`",
            p.what, p.votes
        ));
    }
    if !v.paragraph.is_empty() {
        s.push(v.paragraph.clone());
    }
    if v.election.applied {
        s.push("Resultatet er skrevet i bestyrelsesregistret.".into());
    }
    s.join("\n")
}

fn board_text(b: &BoardView, history: bool) -> String {
    let list = if history { &b.history } else { &b.current };
    let mut s = vec![format!(
        "Bestyrelsen pr. {} ({} af {} valgte pladser besat)",
        format_date(b.on),
        b.seats_filled,
        b.seats
    )];
    for t in list {
        s.push(format!(
            "{:<20} {:<28} {:<18} {}",
            t.kind_label,
            t.term.name,
            t.position.clone().unwrap_or_default(),
            t.period
        ));
    }
    s.join("\n")
}

pub async fn board(api: &Api, cmd: BoardCmd, json: bool) -> Result<(), ApiError> {
    match cmd {
        BoardCmd::List { on } => {
            let b = api.board_register(date_arg("on", &on)?).await?;
            print(json, &b, || board_text(&b, false));
        }
        BoardCmd::History { on } => {
            let b = api.board_register(date_arg("on", &on)?).await?;
            print(json, &b.history, || board_text(&b, true));
        }
        BoardCmd::Appoint {
            kind,
            no,
            name,
            by,
            from,
            until,
            rank,
        } => {
            let kind = SeatKind::from_code(&kind).ok_or_else(|| {
                bad_input("kind", format!("Pladsen »{kind}« kendes ikke: brug board, alternate, appointed, auditor eller auditorAlternate."))
            })?;
            let member = match no {
                Some(n) => Some(api.member_by_no(n).await?.id),
                None => None,
            };
            let b = api
                .board_appoint(AppointInput {
                    kind,
                    member,
                    name,
                    appointed_by: by,
                    start: date_arg("start", &Some(from))?.unwrap_or_default(),
                    expires_year: until,
                    rank,
                })
                .await?;
            print(json, &b, || board_text(&b, false));
        }
        BoardCmd::Constitute {
            date,
            chair,
            vice_chair,
            treasurer,
            secretary,
        } => {
            let day = date_arg("date", &Some(date))?.unwrap_or_default();
            let current = api.board_register(Some(day)).await?;
            let mut positions = Vec::new();
            for (no, position) in [
                (chair, Position::Chair),
                (vice_chair, Position::ViceChair),
                (treasurer, Position::Treasurer),
                (secretary, Position::Secretary),
            ] {
                let Some(no) = no else { continue };
                let id = api.member_by_no(no).await?.id;
                let term = current
                    .current
                    .iter()
                    .find(|t| t.term.member == Some(id) && t.term.kind.on_board())
                    .ok_or_else(|| {
                        bad_input("no", format!("Medlem nr. {no} sidder ikke i bestyrelsen."))
                    })?;
                positions.push(PositionInput {
                    term: term.term.id,
                    position,
                });
            }
            let b = api
                .board_constitute(ConstituteInput {
                    date: day,
                    positions,
                })
                .await?;
            print(json, &b, || board_text(&b, false));
        }
        BoardCmd::Leave {
            no,
            date,
            reason,
            alternate,
        } => {
            let day = date_arg("date", &Some(date))?.unwrap_or_default();
            let id = api.member_by_no(no).await?.id;
            let current = api.board_register(Some(day)).await?;
            let term = current
                .current
                .iter()
                .find(|t| t.term.member == Some(id))
                .ok_or_else(|| {
                    bad_input("no", format!("Medlem nr. {no} har ingen plads den dag."))
                })?;
            let b = api
                .board_leave(LeaveInput {
                    term: term.term.id,
                    date: day,
                    reason,
                    alternate_steps_in: alternate,
                })
                .await?;
            print(json, &b, || board_text(&b, false));
        }
        BoardCmd::Pdf { out, on } => {
            let file = api
                .export(ExportRequest::BoardPdf {
                    on: date_arg("on", &on)?,
                })
                .await?;
            write_file(&out, &file.bytes)?;
            print(json, &serde_json::json!({ "file": out }), || {
                format!("Gemt i {}.", out.display())
            });
        }
    }
    Ok(())
}

pub async fn elections(api: &Api, cmd: ElectionsCmd, json: bool) -> Result<(), ApiError> {
    let v = match cmd {
        ElectionsCmd::SeatsUp { meeting } => {
            let up = api
                .elections_seats_up(meeting_ref(api, &meeting).await?)
                .await?;
            print(json, &up, || up.explanation.clone());
            return Ok(());
        }
        ElectionsCmd::List { meeting } => {
            let list = api.elections_for(meeting_ref(api, &meeting).await?).await?;
            print(json, &list, || {
                list.iter()
                    .map(election_text)
                    .collect::<Vec<_>>()
                    .join("\n\n")
            });
            return Ok(());
        }
        ElectionsCmd::Result { meeting, kind } => election(api, &meeting, kind).await?,
        ElectionsCmd::Uncontested { meeting, kind } => {
            let e = election(api, &meeting, kind).await?;
            api.election_uncontested(e.election.id).await?
        }
        ElectionsCmd::Totals {
            meeting,
            kind,
            votes,
            valid,
            blank,
            invalid,
        } => {
            let e = election(api, &meeting, kind).await?;
            let nos = member_nos(api).await?;
            let mut list = Vec::new();
            for part in votes.split(',').filter(|p| !p.trim().is_empty()) {
                let (who, n) = part.split_once('=').ok_or_else(|| {
                    bad_input(
                        "votes",
                        format!("»{part}« skal skrives som navn=stemmer, fx Anne=10."),
                    )
                })?;
                let n: u32 = n
                    .trim()
                    .parse()
                    .map_err(|_| bad_input("votes", format!("»{n}« er ikke et antal stemmer.")))?;
                list.push(CandidateVotes {
                    candidate: candidate(&e, who, &nos)?,
                    votes: n,
                });
            }
            api.election_totals(TotalsInput {
                election: e.election.id,
                votes: list,
                valid,
                blank,
                invalid,
            })
            .await?
        }
        ElectionsCmd::DrawLot {
            meeting,
            kind,
            witnesses,
            order,
        } => {
            let e = election(api, &meeting, kind).await?;
            let by_hand = candidates_listed(api, &e, order).await?;
            api.election_draw_lot(DrawInput {
                election: e.election.id,
                witnesses,
                by_hand,
            })
            .await?
        }
        ElectionsCmd::Terms {
            meeting,
            kind,
            long,
            agreed,
            witnesses,
        } => {
            let e = election(api, &meeting, kind).await?;
            let long = candidates_listed(api, &e, long).await?;
            api.election_terms(TermsInput {
                election: e.election.id,
                long,
                agreed,
                witnesses,
            })
            .await?
        }
        ElectionsCmd::Runoff { meeting, kind } => {
            let e = election(api, &meeting, kind).await?;
            api.election_runoff(e.election.id).await?
        }
        ElectionsCmd::Apply { meeting, kind } => {
            let e = election(api, &meeting, kind).await?;
            api.election_apply(e.election.id).await?
        }
    };
    print(json, &v, || election_text(&v));
    Ok(())
}

pub async fn candidates(api: &Api, cmd: CandidatesCmd, json: bool) -> Result<(), ApiError> {
    let v = match cmd {
        CandidatesCmd::Add {
            meeting,
            kind,
            no,
            name,
            proposed_by,
            pending,
        } => {
            let e = election(api, &meeting, kind).await?;
            let member = match no {
                Some(n) => Some(api.member_by_no(n).await?.id),
                None => None,
            };
            api.candidate_add(CandidateInput {
                election: e.election.id,
                member,
                name,
                proposed_by,
                accepts: !pending,
            })
            .await?
        }
        CandidatesCmd::Accept {
            meeting,
            kind,
            who,
            no,
        } => {
            let e = election(api, &meeting, kind).await?;
            let nos = member_nos(api).await?;
            api.candidate_accept(CandidateAccept {
                election: e.election.id,
                candidate: candidate(&e, &who, &nos)?,
                accepts: !no,
            })
            .await?
        }
    };
    print(json, &v, || election_text(&v));
    Ok(())
}

pub async fn ballots(api: &Api, cmd: BallotsCmd, json: bool) -> Result<(), ApiError> {
    let v = match cmd {
        BallotsCmd::Pdf { meeting, out, kind } => {
            let e = election(api, &meeting, kind).await?;
            let file = api
                .export(ExportRequest::BallotsPdf {
                    election: e.election.id,
                })
                .await?;
            write_file(&out, &file.bytes)?;
            print(json, &serde_json::json!({ "file": out }), || {
                format!("Gemt i {}.", out.display())
            });
            return Ok(());
        }
        BallotsCmd::Enter {
            meeting,
            kind,
            marks,
            invalid,
        } => {
            // A pending election is started by its first ballot, in the same transaction.
            let e = election(api, &meeting, kind).await?;
            let nos = member_nos(api).await?;
            let marks = marks
                .split(',')
                .filter(|m| !m.trim().is_empty())
                .map(|m| candidate(&e, m, &nos))
                .collect::<Result<Vec<_>, _>>()?;
            api.ballot_enter(BallotInput {
                election: e.election.id,
                marks,
                marked_invalid: invalid,
            })
            .await?
        }
        BallotsCmd::Undo { meeting, kind } => {
            let e = election(api, &meeting, kind).await?;
            api.ballot_undo(e.election.id).await?
        }
    };
    print(json, &v, || election_text(&v));
    Ok(())
}

/// Candidates named in a list like `3,7,Anne` (member nos. or names); none when absent.
async fn candidates_listed(
    api: &Api,
    e: &ElectionView,
    list: Option<String>,
) -> Result<Vec<CandidateId>, ApiError> {
    let Some(list) = list else {
        return Ok(vec![]);
    };
    let nos = member_nos(api).await?;
    list.split(',').map(|w| candidate(e, w, &nos)).collect()
}
