//! `kvorum meetings|proposals|attendance|proxies|decisions|minutes` and the meeting PDFs.
//! A meeting is named by its date (`13.03.2027`, when only one meeting is on that day) or
//! the start of its id; members by their member no.; items and proposals by their number.

use std::path::PathBuf;

use chrono::NaiveTime;
use clap::Subcommand;
use kvorum_api::dto::*;
use kvorum_api::{Api, ApiError, ErrorCode};
use kvorum_core::dates::{format_date, parse_date};

use crate::{bad_input, date_arg, print, write_file};

#[derive(Subcommand)]
pub enum MeetingsCmd {
    List,
    /// Plan a meeting with the standard agenda for its kind
    Create {
        /// ordinary, extraordinary, board or other
        #[arg(long, default_value = "ordinary")]
        kind: String,
        #[arg(long)]
        date: String,
        /// Start time, e.g. 19.00
        #[arg(long)]
        time: Option<String>,
        #[arg(long, default_value = "")]
        place: String,
        /// The body holding an `other` meeting, e.g. Husmøde
        #[arg(long)]
        body: Option<String>,
        #[arg(long)]
        demanded_by: Option<String>,
        #[arg(long)]
        demanded_on: Option<String>,
    },
    /// Everything about one meeting
    Show {
        meeting: String,
    },
    /// The deadline checklist
    Deadlines {
        meeting: String,
    },
    /// Change the planner's fields and the officers
    Set {
        meeting: String,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        time: Option<String>,
        #[arg(long)]
        end: Option<String>,
        #[arg(long)]
        place: Option<String>,
        /// The date the notice was sent
        #[arg(long)]
        notice_sent: Option<String>,
        #[arg(long)]
        final_agenda_sent: Option<String>,
        #[arg(long)]
        dirigent: Option<String>,
        #[arg(long)]
        referent: Option<String>,
        /// Vote counter (repeat for several)
        #[arg(long = "counter")]
        counters: Vec<String>,
    },
    /// Add an agenda item (at the end, or before item N)
    AgendaAdd {
        meeting: String,
        title: String,
        #[arg(long)]
        at: Option<usize>,
    },
    /// Write the notes of agenda item N
    Notes {
        meeting: String,
        item: usize,
        text: String,
    },
    /// Calendar file (.ics)
    Ics {
        meeting: String,
        out: PathBuf,
    },
    /// E-mail draft with the notice attached (.eml)
    Eml {
        meeting: String,
        out: PathBuf,
    },
    /// Call the second assembly a decision that was not quorate demands
    Second {
        meeting: String,
        /// Number of the decision in the meeting (1 = the first recorded)
        #[arg(long)]
        decision: usize,
        #[arg(long)]
        date: String,
    },
}

// Parsed once per run: the size of the enum does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum ProposalsCmd {
    Add {
        meeting: String,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        text: String,
        /// Member no. of the proposer (default: the board)
        #[arg(long)]
        by: Option<i64>,
        /// Date received (default today)
        #[arg(long)]
        received: Option<String>,
        /// ordinary, amendment, dissolution, exclusion, …
        #[arg(long, default_value = "ordinary")]
        kind: String,
        /// Amendment: the § (section key, see `kvorum bylaws show --json`)
        #[arg(long)]
        section: Option<String>,
        #[arg(long)]
        section_title: Option<String>,
        /// Amendment: a clause of the new text (repeat for Stk. 2, 3, …)
        #[arg(long = "clause")]
        clauses: Vec<String>,
        #[arg(long)]
        recommendation: Option<String>,
    },
    List {
        meeting: String,
    },
    /// The submitter withdraws a proposal (`--undo` takes the withdrawal back)
    Withdraw {
        meeting: String,
        /// The proposal's number
        number: i64,
        /// Who withdrew it and how, e.g. "Forslagsstilleren trak det på mødet"
        #[arg(long, default_value = "")]
        note: String,
        /// The day (default today)
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        undo: bool,
    },
}

#[derive(Subcommand)]
pub enum AttendanceCmd {
    /// Check a member in (or `--guest NAME`)
    Checkin {
        meeting: String,
        no: Option<i64>,
        #[arg(long)]
        guest: Option<String>,
    },
    Checkout {
        meeting: String,
        no: Option<i64>,
        #[arg(long)]
        guest: Option<String>,
    },
    /// A member in arrears pays at the door: the fee owed, and the check-in, in one step
    Pay {
        meeting: String,
        no: i64,
        #[arg(long, value_enum, ignore_case = true, default_value_t = crate::members::MethodArg::Mobilepay)]
        method: crate::members::MethodArg,
    },
    List {
        meeting: String,
    },
}

#[derive(Subcommand)]
pub enum ProxiesCmd {
    Add {
        meeting: String,
        #[arg(long)]
        giver: i64,
        #[arg(long)]
        holder: i64,
    },
}

#[derive(Subcommand)]
pub enum DecisionsCmd {
    /// Record a decision under agenda item N
    Record {
        meeting: String,
        #[arg(long)]
        item: usize,
        /// Proposal no.
        #[arg(long)]
        proposal: Option<i64>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        subject: Option<String>,
        #[arg(long = "for", default_value_t = 0)]
        for_votes: u32,
        #[arg(long, default_value_t = 0)]
        against: u32,
        #[arg(long, default_value_t = 0)]
        blank: u32,
        #[arg(long, default_value_t = 0)]
        invalid: u32,
        #[arg(long)]
        acclamation: bool,
    },
}

#[derive(Subcommand)]
pub enum MinutesCmd {
    /// The draft (made from the meeting's record if there is none); `--out` saves its text
    Draft {
        meeting: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Replace the draft's text with a file's
    Save { meeting: String, file: PathBuf },
    /// Approve and lock the draft
    Approve {
        meeting: String,
        #[arg(long)]
        dirigent: String,
        #[arg(long)]
        referent: Option<String>,
        #[arg(long)]
        chair: Option<String>,
        /// Approval date (default today)
        #[arg(long)]
        date: Option<String>,
    },
    /// Start a correction of the approved minutes (a new version)
    Correct {
        meeting: String,
        #[arg(long)]
        note: String,
    },
    /// All minutes, newest first
    List,
    Pdf {
        meeting: String,
        out: PathBuf,
        /// Minutes version (default the newest)
        #[arg(long)]
        version: Option<i64>,
    },
}

fn time_arg(field: &str, s: &Option<String>) -> Result<Option<NaiveTime>, ApiError> {
    s.as_deref()
        .map(|v| {
            let t = v.trim().replace('.', ":");
            NaiveTime::parse_from_str(&t, "%H:%M").map_err(|_| {
                bad_input(
                    field,
                    format!("»{v}« er ikke et klokkeslæt. Skriv fx 19.00"),
                )
            })
        })
        .transpose()
}

/// Finds a meeting by its date or the start of its id.
pub async fn meeting_ref(api: &Api, s: &str) -> Result<MeetingId, ApiError> {
    let all = api.meetings_list().await?;
    let hits: Vec<&MeetingSummary> = match parse_date(s) {
        Ok(d) => all.iter().filter(|m| m.date == d).collect(),
        Err(_) => all
            .iter()
            .filter(|m| m.id.to_string().starts_with(&s.to_lowercase()))
            .collect(),
    };
    match hits.as_slice() {
        [one] => Ok(one.id),
        [] => Err(ApiError::new(
            ErrorCode::NotFound,
            format!("Intet møde hedder »{s}«. Se `kvorum meetings list`."),
        )),
        _ => Err(ApiError::new(
            ErrorCode::Validation,
            format!("Flere møder passer på »{s}«. Brug begyndelsen af mødets id fra `kvorum meetings list`."),
        )),
    }
}

async fn member_ref(api: &Api, no: i64) -> Result<MemberId, ApiError> {
    Ok(api.member_by_no(no).await?.id)
}

fn item_ref(d: &MeetingDetail, n: usize) -> Result<AgendaItemId, ApiError> {
    n.checked_sub(1)
        .and_then(|i| d.meeting.agenda.get(i))
        .map(|i| i.id)
        .ok_or_else(|| {
            bad_input(
                "item",
                format!(
                    "Dagsordenen har punkterne 1–{}; der er intet punkt {n}.",
                    d.meeting.agenda.len()
                ),
            )
        })
}

fn kind_arg(s: &str) -> Result<MeetingKind, ApiError> {
    Ok(match s {
        "ordinary" | "ordinær" => MeetingKind::Ordinary,
        "extraordinary" | "ekstraordinær" => MeetingKind::Extraordinary,
        "board" | "bestyrelse" => MeetingKind::Board,
        "other" | "andet" => MeetingKind::Other,
        o => {
            return Err(bad_input(
                "kind",
                format!(
                    "Mødetypen »{o}« kendes ikke: brug ordinary, extraordinary, board eller other."
                ),
            ))
        }
    })
}

fn checklist_lines(d: &MeetingDetail) -> Vec<String> {
    d.checklist
        .iter()
        .map(|c| {
            format!(
                "[{}] {:<26} {}",
                if c.warning {
                    "!"
                } else if c.done {
                    "x"
                } else {
                    " "
                },
                c.label,
                c.explanation
            )
        })
        .collect()
}

fn detail_text(d: &MeetingDetail) -> String {
    let mut s = vec![format!("{} ({})", d.title, d.meeting.id), d.when.clone()];
    s.extend(checklist_lines(d));
    if let Some(n) = &d.notice {
        s.push(n.explanation.clone());
    }
    s.push("Dagsorden:".into());
    for (i, item) in d.meeting.agenda.iter().enumerate() {
        s.push(format!("  {}. {}", i + 1, item.title));
    }
    for p in &d.proposals {
        s.push(format!(
            "Forslag {} ({}): {} — {}{}",
            p.proposal.number,
            p.kind_name,
            p.proposal.title,
            p.proposal.submitter_name,
            p.late
                .as_deref()
                .map(|l| format!(" — {l}"))
                .unwrap_or_default()
        ));
    }
    let c = d.attendance.counts;
    s.push(format!(
        "Fremmøde: {} (af {} stemmeberettigede)",
        counts_line(&c),
        d.attendance.members_with_vote
    ));
    if let Some(q) = &d.attendance.board_quorum {
        s.push(q.explanation.clone());
    }
    for (i, dec) in d.decisions.iter().enumerate() {
        s.push(format!(
            "Beslutning {}: {}: {}",
            i + 1,
            dec.subject,
            dec.outcome.explanation
        ));
    }
    for m in &d.minutes {
        s.push(format!(
            "Referat version {}: {}",
            m.number,
            match m.status {
                MinutesStatus::Draft => "udkast".to_owned(),
                MinutesStatus::Approved => format!(
                    "godkendt {}",
                    m.approved_on.map(format_date).unwrap_or_default()
                ),
            }
        ));
    }
    s.extend(d.warnings.iter().cloned());
    s.join("\n")
}

async fn save_export(
    api: &Api,
    request: ExportRequest,
    out: &PathBuf,
    json: bool,
) -> Result<(), ApiError> {
    let file = api.export(request).await?;
    write_file(out, &file.bytes)?;
    print(json, &serde_json::json!({ "file": out }), || {
        format!("Gemt i {}.", out.display())
    });
    Ok(())
}

pub async fn meetings(api: &Api, cmd: MeetingsCmd, json: bool) -> Result<(), ApiError> {
    match cmd {
        MeetingsCmd::List => {
            let list = api.meetings_list().await?;
            print(json, &list, || {
                list.iter()
                    .map(|m| {
                        format!(
                            "{}  {}  {:<40} {}",
                            &m.id.to_string()[..13],
                            format_date(m.date),
                            m.title,
                            match m.minutes {
                                Some(MinutesStatus::Approved) => "referat godkendt",
                                Some(MinutesStatus::Draft) => "referat i udkast",
                                None => "",
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        MeetingsCmd::Create {
            kind,
            date,
            time,
            place,
            body,
            demanded_by,
            demanded_on,
        } => {
            let d = api
                .meeting_create(MeetingInput {
                    kind: kind_arg(&kind)?,
                    body,
                    date: date_arg("date", &Some(date))?.unwrap_or_default(),
                    start_time: time_arg("startTime", &time)?,
                    place,
                    demanded_by,
                    demanded_on: date_arg("demandedOn", &demanded_on)?,
                })
                .await?;
            print(json, &d, || detail_text(&d));
        }
        MeetingsCmd::Show { meeting } => {
            let d = api.meeting_get(meeting_ref(api, &meeting).await?).await?;
            print(json, &d, || detail_text(&d));
        }
        MeetingsCmd::Deadlines { meeting } => {
            let d = api.meeting_get(meeting_ref(api, &meeting).await?).await?;
            print(json, &d.checklist, || checklist_lines(&d).join("\n"));
        }
        MeetingsCmd::Set {
            meeting,
            date,
            time,
            end,
            place,
            notice_sent,
            final_agenda_sent,
            dirigent,
            referent,
            counters,
        } => {
            let d = api.meeting_get(meeting_ref(api, &meeting).await?).await?;
            let m = d.meeting;
            let mut officers = m.officers.clone();
            if dirigent.is_some() {
                officers.dirigent = dirigent;
            }
            if referent.is_some() {
                officers.referent = referent;
            }
            if !counters.is_empty() {
                officers.counters = counters;
            }
            let d = api
                .meeting_update(MeetingUpdate {
                    id: m.id,
                    version: m.version,
                    input: MeetingInput {
                        kind: m.kind,
                        body: m.body.clone(),
                        date: date_arg("date", &date)?.unwrap_or(m.date),
                        start_time: time_arg("startTime", &time)?.or(m.start_time),
                        place: place.unwrap_or(m.place.clone()),
                        demanded_by: m.demanded_by.clone(),
                        demanded_on: m.demanded_on,
                    },
                    end_time: time_arg("endTime", &end)?.or(m.end_time),
                    notice_sent_on: date_arg("noticeSentOn", &notice_sent)?.or(m.notice_sent_on),
                    final_agenda_sent_on: date_arg("finalAgendaSentOn", &final_agenda_sent)?
                        .or(m.final_agenda_sent_on),
                    officers,
                })
                .await?;
            print(json, &d, || detail_text(&d));
        }
        MeetingsCmd::AgendaAdd { meeting, title, at } => {
            let d = api.meeting_get(meeting_ref(api, &meeting).await?).await?;
            let mut items = d.meeting.agenda.clone();
            let new = AgendaItem {
                id: AgendaItemId::new(),
                title,
                kind: ItemKind::Other,
                notes: String::new(),
            };
            let pos = at
                .map(|n| n.saturating_sub(1).min(items.len()))
                .unwrap_or(items.len());
            items.insert(pos, new);
            let d = api
                .meeting_agenda_set(AgendaUpdate {
                    id: d.meeting.id,
                    version: d.meeting.version,
                    items,
                })
                .await?;
            print(json, &d, || detail_text(&d));
        }
        MeetingsCmd::Notes {
            meeting,
            item,
            text,
        } => {
            let d = api.meeting_get(meeting_ref(api, &meeting).await?).await?;
            let id = item_ref(&d, item)?;
            let mut items = d.meeting.agenda.clone();
            for i in &mut items {
                if i.id == id {
                    i.notes = text.clone();
                }
            }
            let d = api
                .meeting_agenda_set(AgendaUpdate {
                    id: d.meeting.id,
                    version: d.meeting.version,
                    items,
                })
                .await?;
            print(json, &d, || format!("Noterne til punkt {item} er gemt."));
        }
        MeetingsCmd::Ics { meeting, out } => {
            let meeting = meeting_ref(api, &meeting).await?;
            save_export(api, ExportRequest::Calendar { meeting }, &out, json).await?;
        }
        MeetingsCmd::Eml { meeting, out } => {
            let meeting = meeting_ref(api, &meeting).await?;
            save_export(api, ExportRequest::NoticeEmail { meeting }, &out, json).await?;
        }
        MeetingsCmd::Second {
            meeting,
            decision,
            date,
        } => {
            let d = api.meeting_get(meeting_ref(api, &meeting).await?).await?;
            let dec = decision
                .checked_sub(1)
                .and_then(|i| d.decisions.get(i))
                .ok_or_else(|| {
                    bad_input(
                        "decision",
                        format!("Mødet har ingen beslutning nr. {decision}."),
                    )
                })?;
            let new = api
                .meeting_schedule_second(SecondAssemblyInput {
                    decision: dec.id,
                    meeting: d.meeting.id,
                    date: date_arg("date", &Some(date))?.unwrap_or_default(),
                    start_time: None,
                    place: None,
                })
                .await?;
            print(json, &new, || detail_text(&new));
        }
    }
    Ok(())
}

pub async fn proposals(api: &Api, cmd: ProposalsCmd, json: bool) -> Result<(), ApiError> {
    match cmd {
        ProposalsCmd::Add {
            meeting,
            title,
            text,
            by,
            received,
            kind,
            section,
            section_title,
            clauses,
            recommendation,
        } => {
            let meeting_id = meeting_ref(api, &meeting).await?;
            let submitter = match by {
                Some(no) => Some(member_ref(api, no).await?),
                None => None,
            };
            let amendment = section.map(|key| Amendment {
                title: section_title.clone().unwrap_or_else(|| key.clone()),
                section_key: key,
                clauses: clauses.clone(),
            });
            let p = api
                .proposal_add(ProposalInput {
                    meeting_id,
                    submitter,
                    received_on: date_arg("receivedOn", &received)?
                        .unwrap_or_else(|| api.clock().today()),
                    kind,
                    title,
                    text,
                    amendment,
                    recommendation,
                })
                .await?;
            print(json, &p, || {
                format!(
                    "Forslag {} »{}« er registreret.{}",
                    p.proposal.number,
                    p.proposal.title,
                    p.late
                        .as_deref()
                        .map(|l| format!(" {l}"))
                        .unwrap_or_default()
                )
            });
        }
        ProposalsCmd::Withdraw {
            meeting,
            number,
            note,
            date,
            undo,
        } => {
            let meeting = meeting_ref(api, &meeting).await?;
            let d = api.meeting_get(meeting).await?;
            let p = d
                .proposals
                .iter()
                .find(|p| p.proposal.number == number)
                .ok_or_else(|| {
                    bad_input("number", format!("Der er intet forslag nr. {number}."))
                })?;
            let on = date_arg("on", &date)?.unwrap_or_else(|| api.clock().today());
            let d = api
                .proposal_withdraw(ProposalWithdraw {
                    meeting,
                    id: p.proposal.id,
                    version: p.proposal.version,
                    withdrawal: (!undo).then_some(Withdrawal { on, note }),
                })
                .await?;
            print(json, &d, || {
                if undo {
                    format!("Forslag {number} er ikke længere trukket tilbage.")
                } else {
                    format!("Forslag {number} er trukket tilbage {}.", format_date(on))
                }
            });
        }
        ProposalsCmd::List { meeting } => {
            let d = api.meeting_get(meeting_ref(api, &meeting).await?).await?;
            print(json, &d.proposals, || {
                d.proposals
                    .iter()
                    .map(|p| {
                        format!(
                            "{}. {} ({}; {}, modtaget {}){}",
                            p.proposal.number,
                            p.proposal.title,
                            p.kind_name,
                            p.proposal.submitter_name,
                            format_date(p.proposal.received_on),
                            p.late
                                .as_deref()
                                .map(|l| format!(" — {l}"))
                                .unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

fn attendance_text(v: &AttendanceView) -> String {
    let mut s: Vec<String> = v
        .attendees
        .iter()
        .map(|a| {
            format!(
                "{:<30} {}",
                a.name,
                if a.voting {
                    "stemmeret".to_owned()
                } else {
                    format!("ingen stemmeret: {}", a.reason.as_deref().unwrap_or(""))
                }
            )
        })
        .collect();
    for p in &v.proxies {
        s.push(format!("Fuldmagt: {} → {}", p.giver_name, p.holder_name));
    }
    let c = v.counts;
    s.push(counts_line(&c));
    if let Some(q) = &v.board_quorum {
        s.push(q.explanation.clone());
    }
    s.join("\n")
}

pub async fn attendance(api: &Api, cmd: AttendanceCmd, json: bool) -> Result<(), ApiError> {
    // `checked`: who was just checked in, to name them in the reply.
    type Who = Option<(Option<MemberId>, Option<String>)>;
    let (view, checked): (AttendanceView, Who) = match cmd {
        AttendanceCmd::Checkin { meeting, no, guest } => {
            let meeting = meeting_ref(api, &meeting).await?;
            let member = match no {
                Some(n) => Some(member_ref(api, n).await?),
                None => None,
            };
            let view = api
                .attendance_check_in(CheckIn {
                    meeting,
                    member,
                    guest: guest.clone(),
                })
                .await?;
            (view, Some((member, guest)))
        }
        AttendanceCmd::Checkout { meeting, no, guest } => {
            let meeting = meeting_ref(api, &meeting).await?;
            let member = match no {
                Some(n) => Some(member_ref(api, n).await?),
                None => None,
            };
            (
                api.attendance_check_out(CheckIn {
                    meeting,
                    member,
                    guest,
                })
                .await?,
                None,
            )
        }
        AttendanceCmd::Pay {
            meeting,
            no,
            method,
        } => {
            let meeting = meeting_ref(api, &meeting).await?;
            let member = member_ref(api, no).await?;
            let owed = api
                .meeting_voters(meeting)
                .await?
                .into_iter()
                .find(|v| v.member == member)
                .and_then(|v| v.fee_owed)
                .ok_or_else(|| bad_input("no", "Medlemmet skylder ikke kontingent for året."))?;
            let view = api
                .attendance_pay_at_door(DoorPayment {
                    meeting,
                    member,
                    amount: owed,
                    method: method.into(),
                })
                .await?;
            (view, Some((Some(member), None)))
        }
        AttendanceCmd::List { meeting } => {
            let meeting = meeting_ref(api, &meeting).await?;
            (api.attendance_get(meeting).await?, None)
        }
    };
    print(json, &view, || {
        let mut s = attendance_text(&view);
        if let Some((member, guest)) = &checked {
            let who = view.attendees.iter().find(|a| match member {
                Some(m) => a.member == Some(*m),
                None => Some(&a.name) == guest.as_ref(),
            });
            if let Some(last) = who {
                s = format!(
                    "{} er tjekket ind ({}).\n{s}",
                    last.name,
                    if last.voting {
                        "stemmeret"
                    } else {
                        "ingen stemmeret"
                    }
                );
            }
        }
        s
    });
    Ok(())
}

pub async fn proxies(api: &Api, cmd: ProxiesCmd, json: bool) -> Result<(), ApiError> {
    let ProxiesCmd::Add {
        meeting,
        giver,
        holder,
    } = cmd;
    let meeting = meeting_ref(api, &meeting).await?;
    let view = api
        .proxy_add(ProxyInput {
            meeting,
            giver: member_ref(api, giver).await?,
            holder: member_ref(api, holder).await?,
        })
        .await?;
    print(json, &view, || attendance_text(&view));
    Ok(())
}

pub async fn decisions(api: &Api, cmd: DecisionsCmd, json: bool) -> Result<(), ApiError> {
    let DecisionsCmd::Record {
        meeting,
        item,
        proposal,
        kind,
        subject,
        for_votes,
        against,
        blank,
        invalid,
        acclamation,
    } = cmd;
    let d = api.meeting_get(meeting_ref(api, &meeting).await?).await?;
    let proposal = match proposal {
        Some(n) => Some(
            d.proposals
                .iter()
                .find(|p| p.proposal.number == n)
                .map(|p| p.proposal.id)
                .ok_or_else(|| {
                    bad_input("proposal", format!("Mødet har intet forslag nr. {n}."))
                })?,
        ),
        None => None,
    };
    let r = api
        .decision_record(DecisionInput {
            meeting: d.meeting.id,
            item: item_ref(&d, item)?,
            proposal,
            kind,
            subject,
            acclamation,
            counts: VoteCounts {
                for_votes,
                against,
                blank,
                invalid,
            },
        })
        .await?;
    print(json, &r, || {
        let mut s = vec![format!(
            "{}: {}",
            r.decision.subject, r.decision.outcome.explanation
        )];
        s.extend(r.notes.iter().cloned());
        if let Some(by) = r.second_assembly_by {
            s.push(format!(
                "Indkald en ny generalforsamling senest {}: kvorum meetings second {meeting} --decision N --date …",
                format_date(by)
            ));
        }
        s.join("\n")
    });
    Ok(())
}

pub async fn minutes(api: &Api, cmd: MinutesCmd, json: bool) -> Result<(), ApiError> {
    match cmd {
        MinutesCmd::Draft { meeting, out } => {
            // Where the text goes is checked before the draft is made: a command that fails
            // leaves the database as it was.
            if let Some(out) = &out {
                write_file(out, b"")?;
            }
            let m = api.minutes_draft(meeting_ref(api, &meeting).await?).await?;
            if let Some(out) = out {
                write_file(&out, m.text.as_bytes())?;
            }
            print(json, &m, || m.text.clone());
        }
        MinutesCmd::Save { meeting, file } => {
            // The file is read before the draft is made (a file that cannot be read changes
            // nothing).
            let text = kvorum_api::files::read_text_file(&file, 1_000_000)?;
            Api::minutes_text_ok(&text)?;
            let m = api.minutes_draft(meeting_ref(api, &meeting).await?).await?;
            let m = api
                .minutes_save(MinutesSave {
                    id: m.id,
                    version: m.version,
                    text,
                })
                .await?;
            print(json, &m, || {
                format!("Referatet (version {}) er gemt.", m.number)
            });
        }
        MinutesCmd::Approve {
            meeting,
            dirigent,
            referent,
            chair,
            date,
        } => {
            let id = meeting_ref(api, &meeting).await?;
            let detail = api.meeting_get(id).await?;
            let approved_on = date_arg("approvedOn", &date)?.unwrap_or_else(|| api.clock().today());
            let first = if detail.meeting.kind.is_assembly() {
                "Dirigent"
            } else {
                "Mødeleder"
            };
            let mut signatories = vec![Signatory {
                role: first.into(),
                name: dirigent,
            }];
            if let Some(r) = referent {
                signatories.push(Signatory {
                    role: "Referent".into(),
                    name: r,
                });
            }
            if let Some(c) = chair {
                signatories.push(Signatory {
                    role: "Formand".into(),
                    name: c,
                });
            }
            kvorum_core::meetings::validate_signatories(&signatories, detail.meeting.kind)
                .map_err(ApiError::validation)?;
            let m = api.minutes_draft(id).await?;
            let m = api
                .minutes_approve(MinutesApproval {
                    id: m.id,
                    version: m.version,
                    signatories,
                    approved_on,
                })
                .await?;
            print(json, &m, || {
                format!(
                    "Referatet (version {}) er godkendt og låst. Kontrolsum: {}",
                    m.number,
                    m.hash.clone().unwrap_or_default()
                )
            });
        }
        MinutesCmd::Correct { meeting, note } => {
            let m = api
                .minutes_correct(MinutesCorrection {
                    meeting: meeting_ref(api, &meeting).await?,
                    note,
                })
                .await?;
            print(json, &m, || {
                format!(
                    "Rettelse startet: version {} retter version {}. Ret teksten og godkend den.",
                    m.number,
                    m.corrects.unwrap_or_default()
                )
            });
        }
        MinutesCmd::List => {
            let list = api.minutes_list().await?;
            print(json, &list, || {
                list.iter()
                    .map(|m| {
                        format!(
                            "{}  {:<40} version {}  {}{}",
                            format_date(m.date),
                            m.meeting_title,
                            m.number,
                            match (m.status, m.approved_on) {
                                (MinutesStatus::Approved, Some(d)) =>
                                    format!("godkendt {}", format_date(d)),
                                _ => "udkast".into(),
                            },
                            if m.intact {
                                ""
                            } else {
                                "  ADVARSEL: teksten passer ikke med kontrolsummen"
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        MinutesCmd::Pdf {
            meeting,
            out,
            version,
        } => {
            let meeting = meeting_ref(api, &meeting).await?;
            save_export(
                api,
                ExportRequest::MinutesPdf {
                    meeting,
                    number: version,
                },
                &out,
                json,
            )
            .await?;
        }
    }
    Ok(())
}

/// `kvorum pdf notice|agenda|attendance-sheet MEETING OUT`
pub async fn meeting_pdf(
    api: &Api,
    which: &str,
    meeting: &str,
    out: &PathBuf,
    json: bool,
) -> Result<(), ApiError> {
    let meeting = meeting_ref(api, meeting).await?;
    let request = match which {
        "notice" => ExportRequest::NoticePdf { meeting },
        "agenda" => ExportRequest::AgendaPdf { meeting },
        _ => ExportRequest::AttendancePdf { meeting },
    };
    save_export(api, request, out, json).await
}

/// The attendance figures as one line: the same counting as the desk and the minutes.
fn counts_line(c: &kvorum_api::dto::AttendanceCounts) -> String {
    use kvorum_core::text::n_da;
    let mut parts = vec![
        format!("{} til stede", n_da(c.present, "medlem", "medlemmer")),
        format!("{} med stemmeret", c.with_vote),
    ];
    if c.guests > 0 {
        parts.push(n_da(c.guests, "gæst", "gæster"));
    }
    parts.push(n_da(c.proxies, "fuldmagt", "fuldmagter"));
    parts.push(format!(
        "{} i salen",
        n_da(c.votes_in_room, "stemme", "stemmer")
    ));
    parts.join(", ")
}
