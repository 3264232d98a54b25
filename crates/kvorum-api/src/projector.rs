//! The projector: what the room sees on the wall during an assembly. The secretary chooses a
//! slide (or the meeting screen chooses it as the meeting moves on, unless the projector is
//! frozen); the projector window asks for the view after every change. The view is read from
//! the same records as the minutes at the moment it is asked for — attendance, decisions and
//! election results are never copied — and holds no personal data beyond the candidates'
//! names: no attendee, no proxy, no submitter.
//!
//! What is chosen lives in memory only: a projector is a screen, not a record.

use std::time::{Duration, Instant};

use kvorum_core::elections::{Method, Ranking, TieKind};
use kvorum_core::ids::{AgendaItemId, CandidateId, DecisionId, ElectionId, MeetingId, ProposalId};
use kvorum_core::meetings::{AttendanceCounts, ItemKind};
use kvorum_core::rules::{DecisionResult, VoteCounts};
use kvorum_core::text::Text;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Api, ApiError, ApiResult};

/// The longest free message, and the longest countdown (a lunch break of three hours).
pub const MESSAGE_MAX_CHARS: usize = 500;
pub const COUNTDOWN_MAX_SECONDS: u32 = 3 * 60 * 60;

/// A slide the secretary puts on the wall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Slide {
    /// The association, the meeting and its date.
    Title,
    /// The agenda, the current item highlighted.
    Agenda,
    /// One agenda item (its proposals, for the item of proposals).
    Item { item: AgendaItemId },
    /// One proposal's text and the board's recommendation.
    Proposal { proposal: ProposalId },
    /// Who is present, with a vote, by proxy.
    Attendance,
    /// A decision as recorded.
    Decision { decision: DecisionId },
    /// An election: the candidates in the ballot's order, or (`result`) the result — shown
    /// when the secretary says the count is done, not ballot by ballot.
    Election { election: ElectionId, result: bool },
    /// A free message ("Pause til kl. 15.30").
    Message { text: String },
    /// A countdown for a break or a speaking time.
    Countdown { label: String, seconds: u32 },
    /// A black screen.
    Blank,
}

/// Put `slide` of `meeting` on the wall. `follow`: the meeting screen moved on by itself
/// (the next item, a decision recorded) — ignored while the projector is frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectorInput {
    pub meeting: MeetingId,
    pub slide: Slide,
    pub follow: bool,
}

/// What the projector shows now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectorView {
    pub meeting: MeetingId,
    /// The language the view is in (`da` or `en`): the projector's own words follow it.
    pub lang: String,
    pub association: String,
    pub title: String,
    /// "lørdag den 14. marts 2026 kl. 14.00, Perronen"
    pub when: String,
    /// The agenda's titles, in order.
    pub agenda: Vec<String>,
    /// The current item (from 0), once the meeting has reached one.
    pub current: Option<u32>,
    pub frozen: bool,
    pub attendance: AttendanceCounts,
    pub slide: SlideView,
    /// Moves on with every change of slide: the projector redraws only when it moved.
    #[ts(type = "number")]
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SlideView {
    Title,
    Agenda,
    Attendance,
    Blank,
    Item(ItemSlide),
    Proposal(ProposalSlide),
    Decision(DecisionSlide),
    Election(ElectionSlide),
    Message {
        text: String,
    },
    /// `remaining_ms` when the view was read; the projector counts down from there.
    Countdown(CountdownSlide),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemSlide {
    /// From 1, as on the agenda.
    pub number: u32,
    pub title: String,
    pub proposals: Vec<ProposalSlide>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProposalSlide {
    #[ts(type = "number")]
    pub number: i64,
    pub title: String,
    pub text: String,
    /// The board's recommendation ("Bestyrelsen anbefaler forslaget vedtaget"), or empty.
    pub recommendation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionSlide {
    pub subject: String,
    pub acclamation: bool,
    pub counts: VoteCounts,
    pub result: DecisionResult,
    /// Votes needed, of `base`.
    pub required: u32,
    pub base: u32,
    /// The rule and the outcome in words, as in the minutes.
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ElectionSlide {
    pub title: String,
    pub seats: u32,
    pub alternates: u32,
    /// Marks a voter may make.
    pub max_marks: u32,
    /// No result yet: the candidates are shown in ballot order.
    pub voting: bool,
    /// Candidates standing, in the ballot's order.
    pub candidates: Vec<String>,
    /// The result, best first.
    pub results: Vec<ElectionRow>,
    pub cast: u32,
    pub blank: u32,
    pub invalid: u32,
    /// A tie still to be settled: who, with how many votes, over what.
    pub tie: Option<TieSlide>,
    /// Ties settled by lot: the order drawn.
    pub draws: Vec<Vec<String>>,
    /// Fredsvalg: elected without a vote.
    pub uncontested: bool,
    /// No one had an absolute majority: a run-off between these.
    pub no_majority: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ElectionRow {
    pub name: String,
    pub votes: u32,
    pub place: u32,
    pub elected: bool,
    pub alternate: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TieSlide {
    pub names: Vec<String>,
    pub votes: u32,
    /// What the tie decides: the screen says it in its own language.
    pub kind: TieKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CountdownSlide {
    pub label: String,
    pub seconds: u32,
    #[ts(type = "number")]
    pub remaining_ms: u64,
}

/// The projector's state: which meeting, which slide, frozen or following.
#[derive(Debug, Default)]
pub(crate) struct ProjectorState {
    shown: Option<Shown>,
    version: u64,
}

#[derive(Debug, Clone)]
struct Shown {
    meeting: MeetingId,
    slide: Slide,
    item: Option<AgendaItemId>,
    frozen: bool,
    /// When a countdown ends (a monotonic clock: the wall clock may be fixed in tests).
    ends: Option<Instant>,
}

fn invalid(key: &'static str) -> ApiError {
    ApiError::refused(Text::new(key))
}

impl Api {
    /// Puts a slide on the wall (or, when the meeting screen only follows the meeting, leaves a
    /// frozen projector as it is) and returns what it shows.
    pub async fn projector_show(&self, input: ProjectorInput) -> ApiResult<ProjectorView> {
        let slide = match input.slide {
            Slide::Message { text } => {
                let text = text.trim().to_owned();
                if text.is_empty() {
                    return Err(invalid("projector-message-empty"));
                }
                if text.chars().count() > MESSAGE_MAX_CHARS {
                    return Err(invalid("projector-message-long"));
                }
                Slide::Message { text }
            }
            Slide::Countdown { label, seconds } => {
                if seconds == 0 || seconds > COUNTDOWN_MAX_SECONDS {
                    return Err(invalid("projector-countdown-range"));
                }
                let label: String = label.trim().chars().take(MESSAGE_MAX_CHARS).collect();
                Slide::Countdown { label, seconds }
            }
            other => other,
        };
        // The slide must belong to the meeting: its record says where it sits on the agenda.
        let r = self.record(input.meeting).await?;
        let item = match &slide {
            Slide::Item { item } => Some(
                r.meeting
                    .agenda
                    .iter()
                    .find(|a| a.id == *item)
                    .map(|a| a.id)
                    .ok_or_else(|| invalid("projector-not-in-meeting"))?,
            ),
            Slide::Proposal { proposal } => {
                if !r.proposals.iter().any(|p| p.id == *proposal) {
                    return Err(invalid("projector-not-in-meeting"));
                }
                r.meeting
                    .agenda
                    .iter()
                    .find(|a| a.kind == ItemKind::Proposals)
                    .map(|a| a.id)
            }
            Slide::Decision { decision } => Some(
                r.decisions
                    .iter()
                    .find(|d| d.id == *decision)
                    .map(|d| d.item_id)
                    .ok_or_else(|| invalid("projector-not-in-meeting"))?,
            ),
            Slide::Election { election, .. } => {
                let e = self.election_get(*election).await?;
                if e.election.meeting_id != input.meeting {
                    return Err(invalid("projector-not-in-meeting"));
                }
                Some(e.election.item_id)
            }
            _ => None,
        };
        {
            let mut state = self.projector.lock().unwrap_or_else(|e| e.into_inner());
            // Frozen is frozen, whichever meeting the screen has moved to.
            let frozen = state.shown.as_ref().is_some_and(|s| s.frozen);
            let keep = state.shown.as_ref().filter(|s| s.meeting == input.meeting);
            if !(input.follow && frozen) {
                let item = item.or_else(|| keep.and_then(|s| s.item));
                let ends = match &slide {
                    Slide::Countdown { seconds, .. } => {
                        Some(Instant::now() + Duration::from_secs(u64::from(*seconds)))
                    }
                    _ => None,
                };
                state.shown = Some(Shown {
                    meeting: input.meeting,
                    slide,
                    item,
                    frozen,
                    ends,
                });
                state.version += 1;
            }
        }
        self.projector_view()
            .await?
            .ok_or_else(|| invalid("projector-not-in-meeting"))
    }

    /// Freezes the projector on its slide (the meeting screen moves on without it), or lets it
    /// follow again.
    pub async fn projector_freeze(&self, on: bool) -> ApiResult<Option<ProjectorView>> {
        {
            let mut state = self.projector.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(s) = state.shown.as_mut() {
                s.frozen = on;
            }
            state.version += 1;
        }
        self.projector_view().await
    }

    /// What the projector shows now (nothing before a slide was chosen), read from the
    /// meeting's records as they are.
    pub async fn projector_view(&self) -> ApiResult<Option<ProjectorView>> {
        let (shown, version) = {
            let state = self.projector.lock().unwrap_or_else(|e| e.into_inner());
            (state.shown.clone(), state.version)
        };
        let Some(shown) = shown else { return Ok(None) };
        let association = self
            .association_get()
            .await?
            .map(|a| a.name)
            .unwrap_or_default();
        let r = self.record(shown.meeting).await?;
        let counts = kvorum_core::meetings::attendance_counts(&r.attendees, &r.proxies);
        let current = shown
            .item
            .and_then(|id| r.meeting.agenda.iter().position(|a| a.id == id))
            .and_then(|i| u32::try_from(i).ok());
        let proposal_slide = |p: &kvorum_core::meetings::Proposal| ProposalSlide {
            number: p.number,
            title: p.title.clone(),
            text: p.text.clone(),
            recommendation: p.recommendation.clone(),
        };
        let slide = match &shown.slide {
            Slide::Title => SlideView::Title,
            Slide::Agenda => SlideView::Agenda,
            Slide::Attendance => SlideView::Attendance,
            Slide::Blank => SlideView::Blank,
            Slide::Message { text } => SlideView::Message { text: text.clone() },
            Slide::Countdown { label, seconds } => SlideView::Countdown(CountdownSlide {
                label: label.clone(),
                seconds: *seconds,
                remaining_ms: shown
                    .ends
                    .map(|e| e.saturating_duration_since(Instant::now()))
                    .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
                    .unwrap_or(0),
            }),
            Slide::Item { item } => match r.meeting.agenda.iter().position(|a| a.id == *item) {
                // An item since removed from the agenda: the agenda instead.
                None => SlideView::Agenda,
                Some(i) => {
                    let a = &r.meeting.agenda[i];
                    let proposals = if a.kind == ItemKind::Proposals {
                        r.proposals
                            .iter()
                            .filter(|p| p.withdrawn.is_none())
                            .map(proposal_slide)
                            .collect()
                    } else {
                        vec![]
                    };
                    SlideView::Item(ItemSlide {
                        number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                        title: a.title.clone(),
                        proposals,
                    })
                }
            },
            Slide::Proposal { proposal } => match r.proposals.iter().find(|p| p.id == *proposal) {
                None => SlideView::Agenda,
                Some(p) => SlideView::Proposal(proposal_slide(p)),
            },
            Slide::Decision { decision } => match r.decisions.iter().find(|d| d.id == *decision) {
                // A decision since corrected away: nothing is shown that is not recorded.
                None => SlideView::Blank,
                Some(d) => SlideView::Decision(DecisionSlide {
                    subject: d.subject.clone(),
                    acclamation: d.acclamation,
                    counts: d.counts,
                    result: d.outcome.result,
                    required: d.outcome.required,
                    base: d.outcome.base,
                    explanation: d.outcome.explanation.clone(),
                }),
            },
            Slide::Election { election, result } => match self.election_get(*election).await {
                Ok(e) => SlideView::Election(election_slide(&e, *result)),
                Err(_) => SlideView::Blank,
            },
        };
        Ok(Some(ProjectorView {
            meeting: shown.meeting,
            lang: self.lang.code().to_owned(),
            association,
            title: r.meeting.title_in(self.lang),
            when: r.meeting.when_and_where_in(self.lang),
            agenda: r.meeting.agenda.iter().map(|a| a.title.clone()).collect(),
            current,
            frozen: shown.frozen,
            attendance: counts,
            slide,
            version,
        }))
    }
}

fn election_slide(e: &crate::elections::ElectionView, result: bool) -> ElectionSlide {
    let el = &e.election;
    let name = |id: &CandidateId| {
        el.candidates
            .iter()
            .find(|c| c.id == *id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    let standing: Vec<String> = el
        .candidates
        .iter()
        .filter(|c| c.accepts && c.eligible)
        .map(|c| c.name.clone())
        .collect();
    let uncontested = el.method == Method::Uncontested;
    // The result once the secretary shows it and something is counted (ballots at the desk,
    // the counters' totals) or the election was a fredsvalg.
    let counted = e.tally.as_ref().is_some_and(|t| t.cast > 0) || uncontested;
    let ranking: Option<&Ranking> = e.ranking.as_ref().filter(|_| result && counted);
    let fredsvalg = (result && uncontested && ranking.is_none()).then(|| {
        standing
            .iter()
            .enumerate()
            .map(|(i, n)| ElectionRow {
                name: n.clone(),
                votes: 0,
                place: u32::try_from(i + 1).unwrap_or(u32::MAX),
                elected: true,
                alternate: false,
            })
            .collect::<Vec<_>>()
    });
    let results = ranking
        .map(|r| {
            r.ranked
                .iter()
                .map(|x| ElectionRow {
                    name: name(&x.candidate),
                    votes: x.votes,
                    place: x.place,
                    elected: r.elected.contains(&x.candidate),
                    alternate: r.alternates.contains(&x.candidate),
                })
                .collect()
        })
        .or(fredsvalg)
        .unwrap_or_default();
    let pending = ranking.and_then(|r| r.pending.as_ref());
    let tie = pending
        .filter(|t| t.kind != TieKind::NoMajority)
        .map(|t| TieSlide {
            names: t.candidates.iter().map(name).collect(),
            votes: t.votes,
            kind: t.kind,
        });
    let no_majority = pending
        .filter(|t| t.kind == TieKind::NoMajority)
        .map(|t| t.candidates.iter().map(name).collect())
        .unwrap_or_default();
    ElectionSlide {
        title: e.title.clone(),
        seats: el.seats,
        alternates: el.alternates,
        max_marks: el.max_marks,
        voting: results.is_empty(),
        candidates: standing,
        results,
        cast: e.tally.as_ref().map_or(0, |t| t.cast),
        blank: e.tally.as_ref().map_or(0, |t| t.blank),
        invalid: e.tally.as_ref().map_or(0, |t| t.invalid),
        tie,
        draws: el
            .draws
            .iter()
            .filter(|d| !d.run_off && !d.order.is_empty())
            .map(|d| d.order.iter().map(name).collect())
            .collect(),
        uncontested,
        no_majority,
    }
}
