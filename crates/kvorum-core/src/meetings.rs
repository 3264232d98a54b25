//! Meetings: general assemblies (ordinary and extraordinary), board meetings and the
//! meetings of other bodies. The rules of preparing them (deadlines, lawful notice), of
//! running them (who is present, proxies, votes in the room, the board's quorum) and the
//! minutes drafted from the record, which are locked with a content hash once signed.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::dates::{format_date, format_time};
use crate::ids::{AgendaItemId, DecisionId, MeetingId, MemberId, MinutesId, ProposalId, ProxyId};
use crate::rules::{
    check_notice, deadlines, DecisionOutcome, DecisionResult, DecisionRule, Fallback, NoticeCheck,
    RuleSettings, VoteCounts,
};
use crate::text::{Lang, Text};
use crate::FieldErrors;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MeetingKind {
    /// ordinær generalforsamling
    Ordinary,
    /// ekstraordinær generalforsamling
    Extraordinary,
    /// bestyrelsesmøde
    Board,
    /// a meeting of another body the association defines (house meeting, a group)
    Other,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 4] = [
        MeetingKind::Ordinary,
        MeetingKind::Extraordinary,
        MeetingKind::Board,
        MeetingKind::Other,
    ];
    pub fn code(self) -> &'static str {
        match self {
            MeetingKind::Ordinary => "ordinary",
            MeetingKind::Extraordinary => "extraordinary",
            MeetingKind::Board => "board",
            MeetingKind::Other => "other",
        }
    }
    pub fn from_code(s: &str) -> Option<MeetingKind> {
        MeetingKind::ALL.into_iter().find(|k| k.code() == s)
    }
    pub fn label_da(self) -> &'static str {
        match self {
            MeetingKind::Ordinary => "Ordinær generalforsamling",
            MeetingKind::Extraordinary => "Ekstraordinær generalforsamling",
            MeetingKind::Board => "Bestyrelsesmøde",
            MeetingKind::Other => "Møde",
        }
    }
    /// A general assembly: notice, proposals, voting right, dirigent.
    pub fn is_assembly(self) -> bool {
        matches!(self, MeetingKind::Ordinary | MeetingKind::Extraordinary)
    }
}

/// What an agenda item is for; the minutes draft and later features hook onto it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ItemKind {
    /// Electing the dirigent, referent and vote counters.
    Officers,
    /// The proposals received.
    Proposals,
    /// An election (board, alternates, auditors).
    Election,
    /// The audited accounts of the fiscal year that ended last, for approval.
    Accounts,
    Other,
}

/// Whether an item is the one the accounts are presented and approved under: its kind, or an
/// older agenda's item whose title says "regnskab" (not the budget's).
pub fn is_accounts_item(item: &AgendaItem) -> bool {
    let t = item.title.to_lowercase();
    item.kind == ItemKind::Accounts
        || (item.kind == ItemKind::Other && t.contains("regnskab") && !t.contains("budget"))
}

/// The fiscal year whose accounts an assembly on `date` approves: the one that ended last
/// before it (fiscal years named by the year they start in).
pub fn accounts_year(date: NaiveDate, fiscal_start_month: u32) -> i32 {
    crate::budget::fiscal_year_of(date, fiscal_start_month.clamp(1, 12))
        .0
        .year()
        - 1
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub title: String,
    pub kind: ItemKind,
    /// What happened, written as it happens.
    pub notes: String,
}

impl AgendaItem {
    pub fn new(title: &str, kind: ItemKind) -> AgendaItem {
        AgendaItem {
            id: AgendaItemId::new(),
            title: title.to_owned(),
            kind,
            notes: String::new(),
        }
    }
}

/// The agenda an association starts from for each kind of meeting (DOMAIN.md).
pub fn standard_agenda(kind: MeetingKind) -> Vec<AgendaItem> {
    use ItemKind::*;
    let items: &[(&str, ItemKind)] = match kind {
        MeetingKind::Ordinary => &[
            ("Valg af dirigent, referent og stemmetællere", Officers),
            ("Bestyrelsens beretning", Other),
            (
                "Fremlæggelse af revideret regnskab til godkendelse",
                Accounts,
            ),
            ("Behandling af indkomne forslag", Proposals),
            (
                "Fremlæggelse af budget og fastsættelse af kontingent",
                Other,
            ),
            ("Valg af bestyrelsesmedlemmer", Election),
            ("Valg af suppleanter", Election),
            ("Valg af revisor og revisorsuppleant", Election),
            ("Eventuelt", Other),
        ],
        MeetingKind::Extraordinary => &[
            ("Valg af dirigent, referent og stemmetællere", Officers),
            ("Behandling af forslag", Proposals),
            ("Eventuelt", Other),
        ],
        MeetingKind::Board => &[
            ("Godkendelse af dagsorden", Other),
            ("Godkendelse af referat fra sidste møde", Other),
            ("Meddelelser", Other),
            ("Økonomi", Other),
            ("Eventuelt", Other),
        ],
        MeetingKind::Other => &[
            ("Valg af ordstyrer og referent", Officers),
            ("Siden sidst", Other),
            ("Eventuelt", Other),
        ],
    };
    items.iter().map(|(t, k)| AgendaItem::new(t, *k)).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Officers {
    pub dirigent: Option<String>,
    pub referent: Option<String>,
    pub counters: Vec<String>,
}

/// What the secretary types when planning a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingInput {
    pub kind: MeetingKind,
    /// The body for `Other` meetings, e.g. "Husmøde" or "Aktivitetsgruppen".
    pub body: Option<String>,
    pub date: NaiveDate,
    pub start_time: Option<NaiveTime>,
    pub place: String,
    /// Extraordinary assembly: who demanded it (e.g. "27 medlemmer" or "Bestyrelsen").
    pub demanded_by: Option<String>,
    pub demanded_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    pub id: MeetingId,
    pub kind: MeetingKind,
    pub body: Option<String>,
    pub date: NaiveDate,
    pub start_time: Option<NaiveTime>,
    pub end_time: Option<NaiveTime>,
    pub place: String,
    pub demanded_by: Option<String>,
    pub demanded_on: Option<NaiveDate>,
    /// The date the notice was sent: decides whether the assembly was lawfully called.
    pub notice_sent_on: Option<NaiveDate>,
    pub final_agenda_sent_on: Option<NaiveDate>,
    pub officers: Officers,
    pub agenda: Vec<AgendaItem>,
    /// Set on a second assembly called because a decision at this one was not quorate.
    pub second_of: Option<MeetingId>,
    #[ts(type = "number")]
    pub version: i64,
}

impl Meeting {
    pub fn new(input: MeetingInput) -> Meeting {
        Meeting {
            id: MeetingId::new(),
            kind: input.kind,
            body: input.body.filter(|b| !b.trim().is_empty()),
            date: input.date,
            start_time: input.start_time,
            end_time: None,
            place: input.place.trim().to_owned(),
            demanded_by: input.demanded_by.filter(|b| !b.trim().is_empty()),
            demanded_on: input.demanded_on,
            notice_sent_on: None,
            final_agenda_sent_on: None,
            officers: Officers::default(),
            agenda: standard_agenda(input.kind),
            second_of: None,
            version: 1,
        }
    }

    /// "Ordinær generalforsamling 2026", "Bestyrelsesmøde 03.02.2026", "Husmøde 03.02.2026".
    pub fn title(&self) -> String {
        self.title_in(Lang::Da)
    }

    /// "Ordinær generalforsamling 2026", "Bestyrelsesmøde 02.02.2026", in `lang`.
    pub fn title_in(&self, lang: Lang) -> String {
        let kind = Text::new("meeting-kind")
            .str("kind", self.kind.code())
            .render(lang);
        match self.kind {
            MeetingKind::Ordinary => format!("{kind} {}", self.date.format("%Y")),
            MeetingKind::Other => format!(
                "{} {}",
                self.body.as_deref().unwrap_or(&kind),
                format_date(self.date)
            ),
            _ => format!("{kind} {}", format_date(self.date)),
        }
    }

    /// "lørdag den 14. marts 2026 kl. 14.00, Perronen"
    pub fn when_and_where(&self) -> String {
        self.when_and_where_in(Lang::Da)
    }

    /// The same in `lang`.
    pub fn when_and_where_in(&self, lang: Lang) -> String {
        let mut s = crate::dates::long_date(self.date, lang);
        if let Some(t) = self.start_time {
            s.push(' ');
            s.push_str(
                &Text::new("at-time")
                    .str("time", format_time(t))
                    .render(lang),
            );
        }
        if !self.place.is_empty() {
            s.push_str(&format!(", {}", self.place));
        }
        s
    }
}

pub fn validate_meeting(input: &MeetingInput) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    crate::dates::check_plausible(&mut e, "date", Some(input.date));
    crate::dates::check_plausible(&mut e, "demandedOn", input.demanded_on);
    if input.kind == MeetingKind::Other && input.body.as_deref().is_none_or(|b| b.trim().is_empty())
    {
        e.push("body", Text::new("meeting-body-missing"));
    }
    if input.place.chars().count() > 200 {
        e.push("place", Text::new("meeting-place-too-long"));
    }
    if let (Some(on), MeetingKind::Extraordinary) = (input.demanded_on, input.kind) {
        if on > input.date {
            e.push("demandedOn", Text::new("meeting-demand-after"));
        }
    }
    e.into_result(|| ())
}

/// One line of the planner's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    /// `notice`, `proposals`, `finalAgenda`, `holdBy`, `window`
    pub key: String,
    pub label: String,
    pub date: Option<NaiveDate>,
    /// Days from today to `date` (negative when passed).
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    pub done: bool,
    /// True when the date has passed and the step is not done, or a rule is broken.
    pub warning: bool,
    pub explanation: String,
}

/// The planner: the dates the bylaws set for this meeting, as a checklist against `today`,
/// said in `lang`.
pub fn checklist(
    meeting: &Meeting,
    rules: &RuleSettings,
    today: NaiveDate,
    lang: Lang,
) -> Vec<ChecklistItem> {
    let mut out = Vec::new();
    let days_left = |d: NaiveDate| (d - today).num_days();
    let mut step = |key: &str, label: &'static str, date: NaiveDate, done_on: Option<NaiveDate>| {
        let left = days_left(date);
        let deadline = format_date(date);
        let (done, warning, said) = match done_on {
            Some(on) if on <= date => (
                true,
                false,
                Text::new("step-done").str("on", format_date(on)),
            ),
            Some(on) => (
                true,
                true,
                Text::new("step-done-late")
                    .str("on", format_date(on))
                    .num("days", (on - date).num_days())
                    .str("deadline", deadline),
            ),
            None if left < 0 => (
                false,
                true,
                Text::new("step-overdue").str("deadline", deadline),
            ),
            None if left == 0 => (false, false, Text::new("step-today")),
            None => (
                false,
                false,
                Text::new("step-due")
                    .str("deadline", deadline)
                    .num("days", left),
            ),
        };
        out.push(ChecklistItem {
            key: key.into(),
            label: Text::new(label).render(lang),
            date: Some(date),
            days_left: Some(left),
            done,
            warning,
            explanation: said.render(lang),
        });
    };
    match meeting.kind {
        MeetingKind::Ordinary => {
            let d = deadlines(meeting.date, &rules.ordinary, lang);
            step(
                "notice",
                "checklist-notice",
                d.latest_notice,
                meeting.notice_sent_on,
            );
            step(
                "proposals",
                "checklist-proposals",
                d.proposal_deadline,
                None,
            );
            if let Some(f) = d.final_agenda {
                step(
                    "finalAgenda",
                    "checklist-final-agenda",
                    f,
                    meeting.final_agenda_sent_on,
                );
            }
            // The proposal deadline is not something the secretary does: it is done when passed.
            if let Some(p) = out.iter_mut().find(|c| c.key == "proposals") {
                p.warning = false;
                if p.days_left.is_some_and(|l| l < 0) {
                    p.done = true;
                    p.explanation = Text::new("step-proposals-closed")
                        .str("deadline", format_date(d.proposal_deadline))
                        .render(lang);
                }
            }
            if !d.within_window {
                let month = Text::new("month").num("n", rules.ordinary.latest_month.unwrap_or(12));
                out.push(ChecklistItem {
                    key: "window".into(),
                    label: Text::new("checklist-window").render(lang),
                    date: None,
                    days_left: None,
                    done: false,
                    warning: true,
                    explanation: Text::new("window-latest-month")
                        .text("month", month)
                        .render(lang),
                });
            }
        }
        MeetingKind::Extraordinary => {
            let latest = meeting.date - Duration::days(i64::from(rules.extraordinary.notice_days));
            step("notice", "checklist-notice", latest, meeting.notice_sent_on);
            if let Some(on) = meeting.demanded_on {
                let hold_by = on + Duration::days(i64::from(rules.extraordinary.hold_within_days));
                let late = meeting.date > hold_by;
                let said = match meeting.demanded_by.as_deref() {
                    Some(by) => Text::new("hold-by-from").str("by", by),
                    None => Text::new("hold-by"),
                }
                .str("on", format_date(on))
                .str("holdBy", format_date(hold_by))
                .num("days", rules.extraordinary.hold_within_days);
                let mut explanation = said.render(lang);
                if late {
                    explanation.push(' ');
                    let too_late = Text::new("hold-by-late").str("date", format_date(meeting.date));
                    explanation.push_str(&too_late.render(lang));
                }
                out.push(ChecklistItem {
                    key: "holdBy".into(),
                    label: Text::new("checklist-hold-by").render(lang),
                    date: Some(hold_by),
                    days_left: Some(days_left(hold_by)),
                    done: !late,
                    warning: late,
                    explanation,
                });
            }
        }
        MeetingKind::Board | MeetingKind::Other => {}
    }
    out
}

/// The date proposals must be received by, where the bylaws set one.
pub fn proposal_deadline(meeting: &Meeting, rules: &RuleSettings) -> Option<NaiveDate> {
    (meeting.kind == MeetingKind::Ordinary)
        .then(|| deadlines(meeting.date, &rules.ordinary, Lang::Da).proposal_deadline)
}

/// Whether the assembly was lawfully called; `None` for meetings the bylaws set no notice for.
pub fn notice_check(
    meeting: &Meeting,
    rules: &RuleSettings,
    today: NaiveDate,
    lang: Lang,
) -> Option<NoticeCheck> {
    let days = match meeting.kind {
        MeetingKind::Ordinary => rules.ordinary.notice_days,
        MeetingKind::Extraordinary => rules.extraordinary.notice_days,
        _ => return None,
    };
    Some(match meeting.notice_sent_on {
        Some(sent) => check_notice(sent, meeting.date, days, lang),
        None => {
            let deadline = meeting.date - Duration::days(i64::from(days));
            let left = (deadline - today).num_days();
            if left >= 0 {
                let said = Text::new("notice-due")
                    .str("deadline", format_date(deadline))
                    .num("left", left)
                    .num("days", days)
                    .render(lang);
                NoticeCheck {
                    lawful: false,
                    pending: true,
                    days_before: 0,
                    explanation: said.clone(),
                    facts: said,
                }
            } else {
                let said = Text::new("notice-missing").num("days", days).render(lang);
                NoticeCheck {
                    lawful: false,
                    pending: false,
                    days_before: 0,
                    explanation: said.clone(),
                    facts: said,
                }
            }
        }
    })
}

/// Whether the final agenda went out as the bylaws require (`None`: in time, or not required).
pub fn final_agenda_fault(meeting: &Meeting, rules: &RuleSettings) -> Option<Text> {
    if meeting.kind != MeetingKind::Ordinary {
        return None;
    }
    let days = rules.ordinary.final_agenda_days?;
    match meeting.final_agenda_sent_on {
        Some(sent) => {
            let before = (meeting.date - sent).num_days();
            (before < i64::from(days)).then(|| {
                Text::new("final-agenda-late")
                    .str("sent", format_date(sent))
                    .num("before", before)
                    .num("days", days)
            })
        }
        None => Some(Text::new("final-agenda-missing").num("days", days)),
    }
}

/// A bylaw amendment's proposed text for one § (a new § when the key is not in the bylaws).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Amendment {
    pub section_key: String,
    pub title: String,
    pub clauses: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProposalInput {
    pub meeting_id: MeetingId,
    /// The member who proposes it; `None` for the board.
    pub submitter: Option<MemberId>,
    pub received_on: NaiveDate,
    /// A decision kind from the bylaws: ordinary, amendment, dissolution, …
    pub kind: String,
    pub title: String,
    pub text: String,
    pub amendment: Option<Amendment>,
    pub recommendation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    pub id: ProposalId,
    pub meeting_id: MeetingId,
    /// Received order within the meeting, from 1.
    #[ts(type = "number")]
    pub number: i64,
    pub submitter: Option<MemberId>,
    /// "Bestyrelsen" or the member's name, as it was when received.
    pub submitter_name: String,
    pub received_on: NaiveDate,
    pub kind: String,
    pub title: String,
    pub text: String,
    pub amendment: Option<Amendment>,
    pub recommendation: String,
    /// Withdrawn by its submitter before the vote: kept on record, not put to the vote.
    pub withdrawn: Option<Withdrawal>,
    #[ts(type = "number")]
    pub version: i64,
}

/// When a proposal was withdrawn, and what the secretary noted ("trukket af forslagsstilleren
/// på mødet").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Withdrawal {
    pub on: NaiveDate,
    pub note: String,
}

pub fn validate_proposal(input: &ProposalInput, rules: &RuleSettings) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    if input.title.trim().is_empty() {
        e.push("title", Text::new("proposal-title-missing"));
    }
    if input.text.trim().is_empty() && input.amendment.is_none() {
        e.push("text", Text::new("proposal-text-missing"));
    }
    for (field, value) in [("title", &input.title), ("text", &input.text)] {
        if crate::validation::looks_like_cpr(value) {
            e.push(field, crate::validation::cpr_refused());
        }
    }
    if rules.decision(&input.kind).is_none() {
        let kinds: Vec<&str> = rules.decisions.iter().map(|d| d.name.as_str()).collect();
        e.push(
            "kind",
            Text::new("proposal-kind-unknown").str("kinds", kinds.join(", ")),
        );
    }
    match (&input.amendment, input.kind == "amendment") {
        (None, true) => e.push("amendment", Text::new("proposal-amendment-missing")),
        (Some(a), _) if a.clauses.iter().all(|c| c.trim().is_empty()) => {
            e.push("amendment", Text::new("proposal-amendment-empty"))
        }
        (Some(a), _) if a.title.trim().is_empty() => {
            e.push("amendment", Text::new("proposal-amendment-title-missing"))
        }
        _ => {}
    }
    e.into_result(|| ())
}

/// Whether a proposal came after the bylaws' deadline, with the sentence the minutes use.
pub fn late_note(p: &Proposal, deadline: Option<NaiveDate>, lang: Lang) -> Option<String> {
    let d = deadline?;
    (p.received_on > d).then(|| {
        Text::new("proposal-late")
            .str("received", format_date(p.received_on))
            .str("deadline", format_date(d))
            .render(lang)
    })
}

/// One person checked in at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Attendee {
    /// `None` for a guest who is not a member (e.g. the municipality's representative).
    pub member: Option<MemberId>,
    pub name: String,
    pub voting: bool,
    /// Why not, in Danish ("Kontingent for 2026 er ikke betalt").
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Proxy {
    pub id: ProxyId,
    pub giver: MemberId,
    pub holder: MemberId,
}

/// A member's right at a meeting: at an assembly their voting right on the day; at other
/// meetings every member present takes part.
pub fn right_at(kind: MeetingKind, right: crate::rules::VotingRight) -> crate::rules::VotingRight {
    if kind.is_assembly() {
        right
    } else {
        crate::rules::VotingRight {
            entitled: true,
            reasons: vec![],
            explanation: Text::new("meeting-participant").da(),
        }
    }
}

impl Attendee {
    /// A member at the door: at an assembly they vote when entitled on the day (the reasons
    /// are kept when not); at other meetings every member present takes part.
    pub fn member(
        member: &crate::members::Member,
        right: &crate::rules::VotingRight,
        assembly: bool,
    ) -> Attendee {
        Attendee {
            member: Some(member.id),
            name: member.name.clone(),
            voting: !assembly || right.entitled,
            reason: (assembly && !right.entitled).then(|| right.reasons.join("; ")),
        }
    }

    /// A guest who is not a member (the municipality's representative, an auditor): never a vote.
    pub fn guest(name: String) -> Attendee {
        Attendee {
            member: None,
            name,
            voting: false,
            reason: Some(Text::new("attendee-guest").da()),
        }
    }
}

/// The one counting of a meeting's attendance: the desk at the door, the planner, the
/// quorum of a decision, the elections and the minutes all read these figures, so every
/// paragraph says the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceCounts {
    /// Members present (guests are not members and are not counted here).
    pub present: u32,
    /// Members present with a vote.
    pub with_vote: u32,
    /// Members present without a vote (fee unpaid, too new, too young …).
    pub without_vote: u32,
    /// Guests: present, not members, never a vote.
    pub guests: u32,
    pub proxies: u32,
    /// Present with a vote plus proxies: the votes that can be cast.
    pub votes_in_room: u32,
}

impl AttendanceCounts {
    /// Everyone at a board meeting: the appointed member (the municipality's, say) is not a
    /// member of the association and is checked in by name, yet counts for the board's quorum.
    pub fn at_board_meeting(&self) -> u32 {
        self.present.saturating_add(self.guests)
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub fn attendance_counts(attendees: &[Attendee], proxies: &[Proxy]) -> AttendanceCounts {
    let present = count(attendees.iter().filter(|a| a.member.is_some()).count());
    let guests = count(attendees.iter().filter(|a| a.member.is_none()).count());
    let with_vote = count(attendees.iter().filter(|a| a.voting).count());
    let proxies = count(proxies.len());
    AttendanceCounts {
        present,
        with_vote,
        without_vote: present.saturating_sub(with_vote),
        guests,
        proxies,
        votes_in_room: with_vote.saturating_add(proxies),
    }
}

/// The bylaws' tests for a proxy, in order; `Err` says in Danish what is wrong.
/// `giver_entitled` is the giver's voting right on the day.
pub fn check_proxy(
    giver: MemberId,
    holder: MemberId,
    giver_entitled: Result<(), Text>,
    attendees: &[Attendee],
    proxies: &[Proxy],
    rules: &RuleSettings,
) -> Result<(), Text> {
    let v = &rules.voting;
    if !v.proxies_allowed {
        return Err(Text::new("proxy-not-allowed"));
    }
    if giver == holder {
        return Err(Text::new("proxy-self"));
    }
    giver_entitled.map_err(|r| Text::new("proxy-giver-no-vote").text("reason", r))?;
    if attendees.iter().any(|a| a.member == Some(giver)) {
        return Err(Text::new("proxy-giver-present"));
    }
    let Some(h) = attendees.iter().find(|a| a.member == Some(holder)) else {
        return Err(Text::new("proxy-holder-absent"));
    };
    if !h.voting {
        let reason = match h.reason.as_deref() {
            Some(r) => Text::from(r),
            None => Text::new("proxy-holder-no-vote-reason"),
        };
        return Err(Text::new("proxy-holder-no-vote").text("reason", reason));
    }
    if proxies.iter().any(|p| p.giver == giver) {
        return Err(Text::new("proxy-already-given"));
    }
    if proxies.iter().any(|p| p.holder == giver) {
        return Err(Text::new("proxy-no-passing-on"));
    }
    let held = proxies.iter().filter(|p| p.holder == holder).count();
    if held >= usize::try_from(v.max_proxies_per_member).unwrap_or(usize::MAX) {
        return Err(Text::new("proxy-cap")
            .str("holder", &h.name)
            .num("held", i64::try_from(held).unwrap_or(i64::MAX))
            .num("max", v.max_proxies_per_member));
    }
    Ok(())
}

/// Whether a board meeting can decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardQuorum {
    pub quorate: bool,
    pub present: u32,
    pub size: u32,
    pub required: u32,
    pub explanation: String,
}

pub fn board_quorum(present: u32, rules: &RuleSettings, lang: Lang) -> BoardQuorum {
    let b = &rules.board;
    let size = b.size();
    let required = if b.quorum_strict {
        b.quorum.more_than(size)
    } else {
        b.quorum.at_least(size)
    };
    let quorate = present >= required;
    BoardQuorum {
        quorate,
        present,
        size,
        required,
        explanation: Text::new("board-quorum")
            .num("present", present)
            .num("size", size)
            .str("strict", if b.quorum_strict { "strict" } else { "atLeast" })
            .text("share", b.quorum.text())
            .num("required", required)
            .str("quorate", if quorate { "yes" } else { "no" })
            .render(lang),
    }
}

/// One decision as recorded at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    pub id: DecisionId,
    pub meeting_id: MeetingId,
    pub item_id: AgendaItemId,
    pub proposal_id: Option<ProposalId>,
    pub kind: String,
    /// What was decided on, e.g. "Godkendelse af regnskab 2025".
    pub subject: String,
    pub acclamation: bool,
    pub counts: VoteCounts,
    pub present_with_vote: u32,
    pub members_with_vote: u32,
    pub outcome: DecisionOutcome,
    /// The bylaws version an adopted amendment created.
    #[ts(type = "number | null")]
    pub bylaws_version: Option<i64>,
}

/// The rule a decision is held to: the bylaws' rule, or its fallback at a second assembly.
pub fn effective_rule(rule: &DecisionRule, second_assembly: bool) -> DecisionRule {
    match (&rule.fallback, second_assembly) {
        (
            Fallback::SecondAssembly {
                majority, strict, ..
            },
            true,
        ) => DecisionRule {
            majority: *majority,
            strict: *strict,
            quorum: None,
            fallback: Fallback::None,
            ..rule.clone()
        },
        _ => rule.clone(),
    }
}

/// A decision by acclamation: nobody against, carried if the bylaws' quorum is met.
pub fn decide_by_acclamation(
    rule: &DecisionRule,
    present_with_vote: u32,
    members_with_vote: u32,
) -> DecisionOutcome {
    let mut o = crate::rules::decide(
        rule,
        VoteCounts {
            for_votes: present_with_vote.max(1),
            ..VoteCounts::default()
        },
        present_with_vote,
        members_with_vote,
    );
    if o.result == DecisionResult::Adopted {
        o.explanation = "Vedtaget med akklamation (ingen stemmer imod).".into();
        if o.needs_second_assembly {
            o.explanation
                .push_str(" Beslutningen skal også vedtages på den næste generalforsamling.");
        }
    }
    o
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MinutesStatus {
    Draft,
    /// Signed: read-only, stored with its content hash.
    Approved,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Signatory {
    /// "Dirigent", "Referent", "Formand"
    pub role: String,
    pub name: String,
}

/// One version of a meeting's minutes. Version 1 is the first; a correction of approved
/// minutes is a new version that names the one it corrects, and both remain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Minutes {
    pub id: MinutesId,
    pub meeting_id: MeetingId,
    #[ts(type = "number")]
    pub number: i64,
    pub text: String,
    pub status: MinutesStatus,
    pub signatories: Vec<Signatory>,
    pub approved_on: Option<NaiveDate>,
    /// SHA-256 of what was signed ([`minutes_hash`]), set on approval.
    pub hash: Option<String>,
    #[ts(type = "number | null")]
    pub corrects: Option<i64>,
    pub correction_note: Option<String>,
    #[ts(type = "number")]
    pub version: i64,
}

impl Minutes {
    /// Recomputes the hash: true when the stored text is what was signed.
    pub fn intact(&self) -> bool {
        match (&self.hash, self.approved_on) {
            (Some(h), Some(on)) => {
                *h == minutes_hash(
                    self.meeting_id,
                    self.number,
                    &self.text,
                    &self.signatories,
                    on,
                    self.corrects,
                )
            }
            _ => self.status == MinutesStatus::Draft,
        }
    }
}

/// Everything the minutes draft is written from.
pub struct MinutesContext<'a> {
    pub meeting: &'a Meeting,
    pub rules: &'a RuleSettings,
    pub attendees: &'a [Attendee],
    pub counts: AttendanceCounts,
    pub members_with_vote: u32,
    pub proposals: &'a [Proposal],
    pub decisions: &'a [Decision],
    /// Extra paragraphs per agenda item (election results, from the board feature).
    pub item_extras: &'a [(AgendaItemId, String)],
}

fn names(list: &[String]) -> String {
    match list {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} og {last}", init.join(", ")),
    }
}

fn decision_line(d: &Decision) -> String {
    format!("Beslutning: {}: {}", d.subject, d.outcome.explanation)
}

/// The minutes draft, as plain text the referent edits. A line `N. Title` on its own is an
/// agenda item, a paragraph starting with `Beslutning:` a decision; the PDF shows them so.
pub fn draft_minutes(ctx: &MinutesContext) -> String {
    let m = ctx.meeting;
    let mut out: Vec<String> = Vec::new();
    let mut when = format!("Tid og sted: {}", m.when_and_where());
    if let Some(end) = m.end_time {
        when.push_str(&format!(". Mødet sluttede kl. {}", format_time(end)));
    }
    out.push(format!("{when}."));
    let c = ctx.counts;
    // The minutes judge the notice as it stood on the day of the meeting.
    let lawful = notice_check(m, ctx.rules, m.date, Lang::Da);
    if m.kind.is_assembly() {
        out.push(
            Text::new("minutes-attendance")
                .num("present", c.present)
                .num("withVote", c.with_vote)
                .num("guests", c.guests)
                .num("proxies", c.proxies)
                .num("votes", c.votes_in_room)
                .num("members", ctx.members_with_vote)
                .da(),
        );
        if m.second_of.is_some() {
            out.push("Generalforsamlingen er indkaldt som ny generalforsamling, fordi en tidligere generalforsamling ikke var beslutningsdygtig.".into());
        }
    } else {
        let present: Vec<String> = ctx.attendees.iter().map(|a| a.name.clone()).collect();
        out.push(format!(
            "Til stede: {}.",
            if present.is_empty() {
                "(ingen registreret)".into()
            } else {
                names(&present)
            }
        ));
        if m.kind == MeetingKind::Board {
            out.push(board_quorum(c.at_board_meeting(), ctx.rules, Lang::Da).explanation);
        }
    }
    let officer_text = || {
        let o = &m.officers;
        let mut parts = Vec::new();
        let chair = if m.kind.is_assembly() {
            "dirigent"
        } else {
            "ordstyrer"
        };
        if let Some(d) = &o.dirigent {
            parts.push(format!("Som {chair} valgtes {d}."));
        }
        if let Some(r) = &o.referent {
            parts.push(format!("Som referent valgtes {r}."));
        }
        if !o.counters.is_empty() {
            parts.push(format!("Som stemmetællere valgtes {}.", names(&o.counters)));
        }
        parts.join(" ")
    };
    let lawful_text = lawful.as_ref().map(|n| {
        let facts = n.facts.clone();
        match (n.lawful, final_agenda_fault(m, ctx.rules)) {
            (true, None) => Text::new("minutes-lawful").str("facts", facts),
            (true, Some(agenda)) => Text::new("minutes-notice-timely")
                .str("facts", facts)
                .text("agenda", agenda),
            (false, _) => Text::new("minutes-unlawful").str("facts", facts),
        }
        .da()
    });
    let has_officer_item = m.agenda.iter().any(|i| i.kind == ItemKind::Officers);
    if !has_officer_item {
        let o = officer_text();
        if !o.is_empty() {
            out.push(o);
        }
        if let Some(l) = &lawful_text {
            out.push(l.clone());
        }
    }
    let deadline = proposal_deadline(m, ctx.rules);
    for (i, item) in m.agenda.iter().enumerate() {
        out.push(format!("{}. {}", i + 1, item.title));
        let mut paras: Vec<String> = Vec::new();
        if item.kind == ItemKind::Officers {
            let o = officer_text();
            if !o.is_empty() {
                paras.push(o);
            }
            if let Some(l) = &lawful_text {
                paras.push(l.clone());
            }
        }
        if !item.notes.trim().is_empty() {
            paras.push(item.notes.trim().to_owned());
        }
        if item.kind == ItemKind::Proposals {
            if ctx.proposals.is_empty() {
                paras.push("Der var ikke modtaget nogen forslag.".into());
            }
            for p in ctx.proposals {
                let mut head = format!(
                    "Forslag {}: {} (stillet af {}, modtaget {}).",
                    p.number,
                    p.title,
                    p.submitter_name,
                    format_date(p.received_on)
                );
                if let Some(late) = late_note(p, deadline, Lang::Da) {
                    head.push(' ');
                    head.push_str(&late);
                }
                paras.push(head);
                if let Some(w) = &p.withdrawn {
                    // Withdrawn: on record, not dealt with; its text is in the final agenda.
                    let said = match w.note.trim() {
                        "" => Text::new("minutes-proposal-withdrawn"),
                        note => Text::new("minutes-proposal-withdrawn-note").str("note", note),
                    };
                    paras.push(said.str("date", format_date(w.on)).da());
                    continue;
                }
                if !p.text.trim().is_empty() {
                    paras.push(p.text.trim().to_owned());
                }
                if let Some(a) = &p.amendment {
                    paras.push(format!(
                        "Foreslået ny tekst til paragraffen »{}«: {}",
                        a.title,
                        a.clauses
                            .iter()
                            .enumerate()
                            .map(|(n, c)| format!("Stk. {}. {}", n + 1, c.trim()))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ));
                }
                if !p.recommendation.trim().is_empty() {
                    paras.push(format!(
                        "Bestyrelsens indstilling: {}",
                        p.recommendation.trim()
                    ));
                }
                for d in ctx.decisions.iter().filter(|d| d.proposal_id == Some(p.id)) {
                    paras.push(decision_line(d));
                }
            }
        }
        for (_, extra) in ctx.item_extras.iter().filter(|(id, _)| *id == item.id) {
            paras.push(extra.clone());
        }
        for d in ctx
            .decisions
            .iter()
            .filter(|d| d.item_id == item.id && d.proposal_id.is_none())
        {
            paras.push(decision_line(d));
        }
        if paras.is_empty() {
            paras.push(String::new());
        }
        out.extend(paras);
    }
    out.join("\n\n").trim_end().to_owned() + "\n"
}

/// One block of minutes text as the PDF lays it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MinutesBlock {
    /// `N. Title`
    Item(String),
    /// A paragraph starting with `Beslutning:`
    Decision(String),
    Paragraph(String),
}

/// Reads the referent's text back into blocks: paragraphs are separated by blank lines.
pub fn minutes_blocks(text: &str) -> Vec<MinutesBlock> {
    let mut out = Vec::new();
    let normalized = text.replace("\r\n", "\n");
    for para in normalized.split("\n\n") {
        let p = para.trim();
        if p.is_empty() {
            continue;
        }
        let is_item = !p.contains('\n')
            && p.chars().count() <= 120
            && p.split_once(". ").is_some_and(|(n, rest)| {
                !n.is_empty()
                    && n.len() <= 2
                    && n.chars().all(|c| c.is_ascii_digit())
                    && !rest.is_empty()
            });
        out.push(if is_item {
            MinutesBlock::Item(p.to_owned())
        } else if p.starts_with("Beslutning:") || p.starts_with("Valgt:") {
            MinutesBlock::Decision(p.to_owned())
        } else {
            MinutesBlock::Paragraph(p.to_owned())
        });
    }
    out
}

/// The SHA-256 of what was signed: meeting, minutes version, text, signatories and date.
/// Stored with approved minutes; recomputing it shows whether the stored text is intact.
pub fn minutes_hash(
    meeting: MeetingId,
    number: i64,
    text: &str,
    signatories: &[Signatory],
    approved_on: NaiveDate,
    corrects: Option<i64>,
) -> String {
    let canonical = serde_json::json!({
        "meeting": meeting.to_string(),
        "number": number,
        "text": text,
        "signatories": signatories,
        "approvedOn": approved_on.to_string(),
        "corrects": corrects,
    });
    let digest = Sha256::digest(canonical.to_string().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn validate_signatories(
    signatories: &[Signatory],
    kind: MeetingKind,
) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    if signatories.iter().any(|s| s.name.trim().is_empty()) {
        e.push("signatories", Text::new("signatory-name-missing"));
    }
    if kind.is_assembly() && !signatories.iter().any(|s| s.role == "Dirigent") {
        e.push("signatories", Text::new("signatory-dirigent-missing"));
    }
    if signatories.is_empty() {
        e.push("signatories", Text::new("signatory-none"));
    }
    let mut seen = HashSet::new();
    if signatories.iter().any(|s| !seen.insert(s.role.as_str())) {
        e.push("signatories", Text::new("signatory-role-twice"));
    }
    e.into_result(|| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::decide;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn ordinary(date: NaiveDate) -> Meeting {
        Meeting::new(MeetingInput {
            kind: MeetingKind::Ordinary,
            body: None,
            date,
            start_time: NaiveTime::from_hms_opt(14, 0, 0),
            place: "Perronen".into(),
            demanded_by: None,
            demanded_on: None,
        })
    }

    #[test]
    fn standard_agenda_has_nine_items() {
        let a = standard_agenda(MeetingKind::Ordinary);
        assert_eq!(a.len(), 9);
        assert_eq!(a[3].kind, ItemKind::Proposals);
        assert_eq!(a[8].title, "Eventuelt");
    }

    #[test]
    fn checklist_counts_days_and_flags_late_notice() {
        let rules = RuleSettings::default();
        let mut m = ordinary(day(2026, 3, 14));
        let c = checklist(&m, &rules, day(2026, 2, 20), Lang::Da);
        let notice = c.iter().find(|c| c.key == "notice").unwrap();
        assert_eq!(notice.date, Some(day(2026, 2, 28)));
        assert_eq!(notice.days_left, Some(8));
        assert!(!notice.warning);
        m.notice_sent_on = Some(day(2026, 3, 2));
        let c = checklist(&m, &rules, day(2026, 3, 3), Lang::Da);
        let notice = c.iter().find(|c| c.key == "notice").unwrap();
        assert!(notice.done && notice.warning, "{notice:?}");
        assert!(notice.explanation.contains("2 dage for sent"));
        let late = ordinary(day(2026, 5, 2));
        assert!(checklist(&late, &rules, day(2026, 4, 1), Lang::Da)
            .iter()
            .any(|c| c.key == "window" && c.warning));
    }

    #[test]
    fn extraordinary_must_be_held_in_time() {
        let rules = RuleSettings::default();
        let mut m = ordinary(day(2026, 6, 1));
        m.kind = MeetingKind::Extraordinary;
        m.demanded_on = Some(day(2026, 4, 20));
        m.demanded_by = Some("27 medlemmer".into());
        let c = checklist(&m, &rules, day(2026, 4, 21), Lang::Da);
        let hold = c.iter().find(|c| c.key == "holdBy").unwrap();
        assert_eq!(hold.date, Some(day(2026, 5, 18)));
        assert!(hold.warning);
        assert!(hold.explanation.contains("af 27 medlemmer"));
    }

    #[test]
    fn notice_check_says_plainly_when_not_lawful() {
        let rules = RuleSettings::default();
        let mut m = ordinary(day(2026, 3, 14));
        let today = day(2026, 3, 14);
        // Weeks before the deadline an unsent notice is not a fault yet: it is due.
        let early = notice_check(&m, &rules, day(2026, 2, 1), Lang::Da).unwrap();
        assert!(!early.lawful && early.pending);
        assert!(
            early
                .explanation
                .contains("skal sendes senest 28.02.2026 (om 27 dage)"),
            "{}",
            early.explanation
        );
        let missed = notice_check(&m, &rules, day(2026, 3, 1), Lang::Da).unwrap();
        assert!(!missed.lawful && !missed.pending);
        m.notice_sent_on = Some(day(2026, 2, 28));
        assert!(notice_check(&m, &rules, today, Lang::Da).unwrap().lawful);
        m.notice_sent_on = Some(day(2026, 3, 1));
        let n = notice_check(&m, &rules, today, Lang::Da).unwrap();
        assert!(!n.lawful);
        assert!(n.explanation.contains("ikke lovligt indkaldt"));
        assert!(!n.facts.contains("lovligt"), "the facts carry no verdict");
        m.kind = MeetingKind::Board;
        assert!(notice_check(&m, &rules, today, Lang::Da).is_none());
    }

    #[test]
    fn the_minutes_state_the_notice_once_and_a_late_final_agenda() {
        let rules = RuleSettings::default();
        let mut m = ordinary(day(2026, 3, 14));
        m.notice_sent_on = Some(day(2026, 2, 20));
        let ctx = |m: &Meeting| {
            let m = m.clone();
            let rules = rules.clone();
            move || {
                draft_minutes(&MinutesContext {
                    meeting: &m,
                    rules: &rules,
                    attendees: &[],
                    counts: AttendanceCounts::default(),
                    members_with_vote: 0,
                    proposals: &[],
                    decisions: &[],
                    item_extras: &[],
                })
            }
        };
        m.final_agenda_sent_on = Some(day(2026, 3, 10));
        let text = ctx(&m)();
        assert!(
            !text.contains("lovligt indkaldt og beslutningsdygtig"),
            "{text}"
        );
        assert!(text.contains("indkaldelsen var rettidig"), "{text}");
        assert!(
            text.contains("først udsendt 10.03.2026, 4 dage før; vedtægterne kræver mindst 7 dage"),
            "{text}"
        );
        m.final_agenda_sent_on = Some(day(2026, 3, 7));
        let text = ctx(&m)();
        assert_eq!(text.matches("lovligt indkaldt").count(), 1, "{text}");
        assert!(text.contains("lovligt indkaldt og beslutningsdygtig. Indkaldelsen blev sendt 20.02.2026, 22 dage før"), "{text}");
    }

    fn attendee(id: MemberId, voting: bool) -> Attendee {
        Attendee {
            member: Some(id),
            name: "A".into(),
            voting,
            reason: (!voting).then(|| "Kontingent for 2026 er ikke betalt".into()),
        }
    }

    #[test]
    fn proxies_follow_the_bylaws() {
        let rules = RuleSettings::default();
        let (a, b, c, d) = (
            MemberId::new(),
            MemberId::new(),
            MemberId::new(),
            MemberId::new(),
        );
        let present = vec![attendee(a, true), attendee(d, false)];
        assert!(check_proxy(b, c, Ok(()), &present, &[], &rules)
            .unwrap_err()
            .da()
            .contains("ikke tjekket ind"));
        assert!(check_proxy(b, a, Err(Text::from("ikke betalt")), &present, &[], &rules).is_err());
        assert!(check_proxy(b, d, Ok(()), &present, &[], &rules)
            .unwrap_err()
            .da()
            .contains("ikke selv stemmeret"));
        assert!(check_proxy(a, a, Ok(()), &present, &[], &rules).is_err());
        assert!(check_proxy(b, a, Ok(()), &present, &[], &rules).is_ok());
        let given = vec![Proxy {
            id: ProxyId::new(),
            giver: b,
            holder: a,
        }];
        let cap = check_proxy(c, a, Ok(()), &present, &given, &rules).unwrap_err();
        assert!(cap.da().contains("højst 1"), "{cap}");
        let counts = attendance_counts(&present, &given);
        assert_eq!(
            counts,
            AttendanceCounts {
                present: 2,
                with_vote: 1,
                without_vote: 1,
                guests: 0,
                proxies: 1,
                votes_in_room: 2
            }
        );
        let mut no = rules.clone();
        no.voting.proxies_allowed = false;
        assert!(check_proxy(b, a, Ok(()), &present, &[], &no).is_err());
    }

    #[test]
    fn board_needs_more_than_half() {
        let rules = RuleSettings::default(); // 5 elected + 1 appointed
        assert_eq!(board_quorum(3, &rules, Lang::Da).required, 4);
        assert!(!board_quorum(3, &rules, Lang::Da).quorate);
        assert!(board_quorum(4, &rules, Lang::Da).quorate);
    }

    #[test]
    fn second_assembly_uses_the_fallback_without_quorum() {
        let rules = RuleSettings::default();
        let amend = rules.decision("amendment").unwrap();
        let counts = VoteCounts {
            for_votes: 6,
            against: 3,
            blank: 0,
            invalid: 0,
        };
        assert_eq!(
            decide(amend, counts, 9, 60).result,
            DecisionResult::NotQuorate
        );
        assert_eq!(
            decide(&effective_rule(amend, true), counts, 9, 60).result,
            DecisionResult::Adopted
        );
        let a = decide_by_acclamation(rules.decision("ordinary").unwrap(), 12, 40);
        assert_eq!(a.result, DecisionResult::Adopted);
        assert!(a.explanation.contains("akklamation"));
    }

    #[test]
    fn minutes_draft_reads_back_as_items_and_decisions() {
        let rules = RuleSettings::default();
        let mut m = ordinary(day(2026, 3, 14));
        m.notice_sent_on = Some(day(2026, 3, 6));
        m.officers.dirigent = Some("Jens Hansen".into());
        m.officers.counters = vec!["A".into(), "B".into()];
        m.agenda[1].notes = "Formanden fremlagde beretningen.".into();
        let d = Decision {
            id: DecisionId::new(),
            meeting_id: m.id,
            item_id: m.agenda[1].id,
            proposal_id: None,
            kind: "ordinary".into(),
            subject: "Beretningen".into(),
            acclamation: true,
            counts: VoteCounts::default(),
            present_with_vote: 10,
            members_with_vote: 30,
            outcome: decide_by_acclamation(rules.decision("ordinary").unwrap(), 10, 30),
            bylaws_version: None,
        };
        let text = draft_minutes(&MinutesContext {
            meeting: &m,
            rules: &rules,
            attendees: &[],
            counts: AttendanceCounts::default(),
            members_with_vote: 30,
            proposals: &[],
            decisions: &[d],
            item_extras: &[],
        });
        assert!(text.contains("IKKE var lovligt indkaldt"), "{text}");
        assert!(text.contains("Som stemmetællere valgtes A og B."));
        let blocks = minutes_blocks(&text);
        let items = blocks
            .iter()
            .filter(|b| matches!(b, MinutesBlock::Item(_)))
            .count();
        assert_eq!(items, 9);
        assert!(blocks.contains(&MinutesBlock::Decision(
            "Beslutning: Beretningen: Vedtaget med akklamation (ingen stemmer imod).".into()
        )));
        assert!(blocks.contains(&MinutesBlock::Paragraph(
            "Der var ikke modtaget nogen forslag.".into()
        )));
    }

    #[test]
    fn hash_changes_with_any_signed_part() {
        let id = MeetingId::new();
        let s = vec![Signatory {
            role: "Dirigent".into(),
            name: "Jens".into(),
        }];
        let h = minutes_hash(id, 1, "tekst", &s, day(2026, 3, 20), None);
        assert_eq!(h.len(), 64);
        assert_eq!(h, minutes_hash(id, 1, "tekst", &s, day(2026, 3, 20), None));
        assert_ne!(h, minutes_hash(id, 1, "tekst.", &s, day(2026, 3, 20), None));
        assert_ne!(h, minutes_hash(id, 2, "tekst", &s, day(2026, 3, 20), None));
        assert!(validate_signatories(&[], MeetingKind::Ordinary).is_err());
        assert!(validate_signatories(&s, MeetingKind::Ordinary).is_ok());
    }
}
