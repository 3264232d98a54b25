//! Version 1 of the stored JSON: the shape every `*_json` column has held since the
//! columns were made. Written once from the core types of the time; from now on these types
//! change only with a new version beside them, whatever the core and the UI call things.

use chrono::NaiveDate;
use kvorum_core::ids::{AgendaItemId, CandidateId, MemberId};
use kvorum_core::{bank, board, bylaws, elections, grants, meetings, rules, Money};
use serde::{Deserialize, Serialize};

use super::V1;

/// Defaults of fields added to the board's rules after the first version was stored.
fn half() -> Fraction {
    Fraction { num: 1, den: 2 }
}
fn yes() -> bool {
    true
}

fn is_yes(b: &bool) -> bool {
    *b
}

fn is_no(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BylawsText {
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    pub key: String,
    pub title: String,
    pub clauses: Vec<String>,
    /// Absent in texts stored before sub-headings were kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headings: Vec<SubHeading>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubHeading {
    pub before: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleSettings {
    pub ordinary: OrdinaryAssemblyRules,
    pub extraordinary: ExtraordinaryAssemblyRules,
    pub voting: VotingRules,
    pub decisions: Vec<DecisionRule>,
    pub board: BoardRules,
    pub election: ElectionRules,
    pub fiscal_year_start_month: u32,
    pub fiscal_section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrdinaryAssemblyRules {
    pub latest_month: Option<u32>,
    pub notice_days: u32,
    pub proposal_deadline_days: u32,
    pub final_agenda_days: Option<u32>,
    /// Added to v1 later: absent in older rows, where e-mail was allowed; written only when
    /// it is not (so a document from before reads and writes back the same).
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub notice_by_email: bool,
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtraordinaryAssemblyRules {
    pub board_may_call: bool,
    pub member_share: Option<Fraction>,
    pub member_count: Option<u32>,
    pub hold_within_days: u32,
    pub notice_days: u32,
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VotingRules {
    pub fee_paid_required: bool,
    pub payment_days_before: u32,
    pub min_membership_days: u32,
    pub min_age: Option<u32>,
    pub proxies_allowed: bool,
    pub max_proxies_per_member: u32,
    pub proxy_registration_days: Option<u32>,
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BoardRules {
    pub seats_min: u32,
    pub seats_max: u32,
    pub seats: u32,
    pub term_years: u32,
    pub staggered: bool,
    pub seats_in_even_years: u32,
    pub directly_elected: Vec<String>,
    pub alternates: u32,
    pub alternate_term_years: u32,
    pub alternates_ranked: bool,
    pub alternates_from_same_vote: bool,
    pub appointed: Vec<AppointedSeat>,
    pub auditors: u32,
    pub auditor_alternates: u32,
    pub auditor_term_years: u32,
    pub eligibility_requires_voting_right: bool,
    #[serde(default = "half")]
    pub quorum: Fraction,
    #[serde(default = "yes")]
    pub quorum_strict: bool,
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointedSeat {
    pub appointed_by: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ElectionRules {
    pub max_marks_is_seats: bool,
    pub written_ballot_when_contested: bool,
    pub written_ballot_on_request: bool,
    pub ties: TieRule,
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TieRule {
    Lot,
    RunOff,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionRule {
    pub kind: String,
    pub name: String,
    pub majority: Fraction,
    pub strict: bool,
    pub base: MajorityBase,
    pub blank_counts: bool,
    pub quorum: Option<Fraction>,
    pub fallback: Fallback,
    pub two_assemblies: bool,
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MajorityBase {
    VotesCast,
    PresentWithVote,
    AllWithVote,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum Fallback {
    None,
    SecondAssembly {
        within_days: u32,
        majority: Fraction,
        strict: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fraction {
    pub num: u32,
    pub den: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionOutcome {
    pub result: DecisionResult,
    pub required: u32,
    pub base: u32,
    pub fallback: Option<Fallback>,
    pub needs_second_assembly: bool,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DecisionResult {
    Adopted,
    Rejected,
    NotQuorate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Officers {
    pub dirigent: Option<String>,
    pub referent: Option<String>,
    pub counters: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub title: String,
    pub kind: ItemKind,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ItemKind {
    Officers,
    Proposals,
    Election,
    Accounts,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Amendment {
    pub section_key: String,
    pub title: String,
    pub clauses: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Signatory {
    pub role: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PositionEntry {
    pub position: Position,
    pub from: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Position {
    Chair,
    ViceChair,
    Treasurer,
    Secretary,
    Member,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub id: CandidateId,
    pub member: Option<MemberId>,
    pub name: String,
    pub proposed_by: String,
    pub accepts: bool,
    pub eligible: bool,
    pub reason: Option<String>,
    pub standing_again: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    pub cast: u32,
    pub valid: u32,
    pub blank: u32,
    pub invalid: u32,
    pub votes: Vec<CandidateVotes>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CandidateVotes {
    pub candidate: CandidateId,
    pub votes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LotDraw {
    pub tied: Vec<CandidateId>,
    pub order: Vec<CandidateId>,
    pub by_hand: bool,
    pub witnesses: Vec<String>,
    #[serde(default)]
    pub run_off: bool,
    /// Added to v1 later: written only when set.
    #[serde(default, skip_serializing_if = "is_no")]
    pub agreed: bool,
}

/// The parts of a grant kept as one document beside its columns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GrantDetails {
    pub purpose: String,
    pub conditions: String,
    pub instalments: Vec<Instalment>,
    pub deadlines: Vec<ReportDeadline>,
    pub agreement: Option<Agreement>,
    pub in_kind: Vec<InKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Instalment {
    pub due: NaiveDate,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportDeadline {
    pub due: NaiveDate,
    pub what: String,
    pub done_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    pub parties: String,
    pub revision_years: u32,
    pub next_revision: Option<NaiveDate>,
    pub goals: Vec<Goal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Goal {
    pub description: String,
    pub target: String,
    pub statuses: Vec<GoalStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GoalStatus {
    pub on: NaiveDate,
    pub state: GoalState,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum GoalState {
    OnTrack,
    Behind,
    Met,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InKind {
    pub description: String,
    pub hours_per_week: Option<u32>,
    pub value_per_year: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BankColumn {
    pub field: BankField,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BankField {
    Date,
    Text,
    Amount,
    Balance,
}

impl V1 for BylawsText {
    type Core = bylaws::BylawsText;
    fn from_core(c: &bylaws::BylawsText) -> Self {
        Self {
            sections: V1::from_core(&c.sections),
        }
    }
    fn into_core(self) -> bylaws::BylawsText {
        bylaws::BylawsText {
            sections: self.sections.into_core(),
        }
    }
}

impl V1 for Section {
    type Core = bylaws::Section;
    fn from_core(c: &bylaws::Section) -> Self {
        Self {
            key: V1::from_core(&c.key),
            title: V1::from_core(&c.title),
            clauses: V1::from_core(&c.clauses),
            headings: c
                .headings
                .iter()
                .map(|h| SubHeading {
                    before: h.before,
                    text: h.text.clone(),
                })
                .collect(),
        }
    }
    fn into_core(self) -> bylaws::Section {
        bylaws::Section {
            key: self.key.into_core(),
            title: self.title.into_core(),
            clauses: self.clauses.into_core(),
            headings: self
                .headings
                .into_iter()
                .map(|h| bylaws::SubHeading {
                    before: h.before,
                    text: h.text,
                })
                .collect(),
        }
    }
}

impl V1 for RuleSettings {
    type Core = rules::RuleSettings;
    fn from_core(c: &rules::RuleSettings) -> Self {
        Self {
            ordinary: V1::from_core(&c.ordinary),
            extraordinary: V1::from_core(&c.extraordinary),
            voting: V1::from_core(&c.voting),
            decisions: V1::from_core(&c.decisions),
            board: V1::from_core(&c.board),
            election: V1::from_core(&c.election),
            fiscal_year_start_month: V1::from_core(&c.fiscal_year_start_month),
            fiscal_section: V1::from_core(&c.fiscal_section),
        }
    }
    fn into_core(self) -> rules::RuleSettings {
        rules::RuleSettings {
            ordinary: self.ordinary.into_core(),
            extraordinary: self.extraordinary.into_core(),
            voting: self.voting.into_core(),
            decisions: self.decisions.into_core(),
            board: self.board.into_core(),
            election: self.election.into_core(),
            fiscal_year_start_month: self.fiscal_year_start_month.into_core(),
            fiscal_section: self.fiscal_section.into_core(),
        }
    }
}

impl V1 for OrdinaryAssemblyRules {
    type Core = rules::OrdinaryAssemblyRules;
    fn from_core(c: &rules::OrdinaryAssemblyRules) -> Self {
        Self {
            latest_month: V1::from_core(&c.latest_month),
            notice_days: V1::from_core(&c.notice_days),
            proposal_deadline_days: V1::from_core(&c.proposal_deadline_days),
            final_agenda_days: V1::from_core(&c.final_agenda_days),
            notice_by_email: V1::from_core(&c.notice_by_email),
            section: V1::from_core(&c.section),
        }
    }
    fn into_core(self) -> rules::OrdinaryAssemblyRules {
        rules::OrdinaryAssemblyRules {
            latest_month: self.latest_month.into_core(),
            notice_days: self.notice_days.into_core(),
            proposal_deadline_days: self.proposal_deadline_days.into_core(),
            final_agenda_days: self.final_agenda_days.into_core(),
            notice_by_email: self.notice_by_email.into_core(),
            section: self.section.into_core(),
        }
    }
}

impl V1 for ExtraordinaryAssemblyRules {
    type Core = rules::ExtraordinaryAssemblyRules;
    fn from_core(c: &rules::ExtraordinaryAssemblyRules) -> Self {
        Self {
            board_may_call: V1::from_core(&c.board_may_call),
            member_share: V1::from_core(&c.member_share),
            member_count: V1::from_core(&c.member_count),
            hold_within_days: V1::from_core(&c.hold_within_days),
            notice_days: V1::from_core(&c.notice_days),
            section: V1::from_core(&c.section),
        }
    }
    fn into_core(self) -> rules::ExtraordinaryAssemblyRules {
        rules::ExtraordinaryAssemblyRules {
            board_may_call: self.board_may_call.into_core(),
            member_share: self.member_share.into_core(),
            member_count: self.member_count.into_core(),
            hold_within_days: self.hold_within_days.into_core(),
            notice_days: self.notice_days.into_core(),
            section: self.section.into_core(),
        }
    }
}

impl V1 for VotingRules {
    type Core = rules::VotingRules;
    fn from_core(c: &rules::VotingRules) -> Self {
        Self {
            fee_paid_required: V1::from_core(&c.fee_paid_required),
            payment_days_before: V1::from_core(&c.payment_days_before),
            min_membership_days: V1::from_core(&c.min_membership_days),
            min_age: V1::from_core(&c.min_age),
            proxies_allowed: V1::from_core(&c.proxies_allowed),
            max_proxies_per_member: V1::from_core(&c.max_proxies_per_member),
            proxy_registration_days: V1::from_core(&c.proxy_registration_days),
            section: V1::from_core(&c.section),
        }
    }
    fn into_core(self) -> rules::VotingRules {
        rules::VotingRules {
            fee_paid_required: self.fee_paid_required.into_core(),
            payment_days_before: self.payment_days_before.into_core(),
            min_membership_days: self.min_membership_days.into_core(),
            min_age: self.min_age.into_core(),
            proxies_allowed: self.proxies_allowed.into_core(),
            max_proxies_per_member: self.max_proxies_per_member.into_core(),
            proxy_registration_days: self.proxy_registration_days.into_core(),
            section: self.section.into_core(),
        }
    }
}

impl V1 for BoardRules {
    type Core = rules::BoardRules;
    fn from_core(c: &rules::BoardRules) -> Self {
        Self {
            seats_min: V1::from_core(&c.seats_min),
            seats_max: V1::from_core(&c.seats_max),
            seats: V1::from_core(&c.seats),
            term_years: V1::from_core(&c.term_years),
            staggered: V1::from_core(&c.staggered),
            seats_in_even_years: V1::from_core(&c.seats_in_even_years),
            directly_elected: V1::from_core(&c.directly_elected),
            alternates: V1::from_core(&c.alternates),
            alternate_term_years: V1::from_core(&c.alternate_term_years),
            alternates_ranked: V1::from_core(&c.alternates_ranked),
            alternates_from_same_vote: V1::from_core(&c.alternates_from_same_vote),
            appointed: V1::from_core(&c.appointed),
            auditors: V1::from_core(&c.auditors),
            auditor_alternates: V1::from_core(&c.auditor_alternates),
            auditor_term_years: V1::from_core(&c.auditor_term_years),
            eligibility_requires_voting_right: V1::from_core(&c.eligibility_requires_voting_right),
            quorum: V1::from_core(&c.quorum),
            quorum_strict: V1::from_core(&c.quorum_strict),
            section: V1::from_core(&c.section),
        }
    }
    fn into_core(self) -> rules::BoardRules {
        rules::BoardRules {
            seats_min: self.seats_min.into_core(),
            seats_max: self.seats_max.into_core(),
            seats: self.seats.into_core(),
            term_years: self.term_years.into_core(),
            staggered: self.staggered.into_core(),
            seats_in_even_years: self.seats_in_even_years.into_core(),
            directly_elected: self.directly_elected.into_core(),
            alternates: self.alternates.into_core(),
            alternate_term_years: self.alternate_term_years.into_core(),
            alternates_ranked: self.alternates_ranked.into_core(),
            alternates_from_same_vote: self.alternates_from_same_vote.into_core(),
            appointed: self.appointed.into_core(),
            auditors: self.auditors.into_core(),
            auditor_alternates: self.auditor_alternates.into_core(),
            auditor_term_years: self.auditor_term_years.into_core(),
            eligibility_requires_voting_right: self.eligibility_requires_voting_right.into_core(),
            quorum: self.quorum.into_core(),
            quorum_strict: self.quorum_strict.into_core(),
            section: self.section.into_core(),
        }
    }
}

impl V1 for AppointedSeat {
    type Core = rules::AppointedSeat;
    fn from_core(c: &rules::AppointedSeat) -> Self {
        Self {
            appointed_by: V1::from_core(&c.appointed_by),
            count: V1::from_core(&c.count),
        }
    }
    fn into_core(self) -> rules::AppointedSeat {
        rules::AppointedSeat {
            appointed_by: self.appointed_by.into_core(),
            count: self.count.into_core(),
        }
    }
}

impl V1 for ElectionRules {
    type Core = rules::ElectionRules;
    fn from_core(c: &rules::ElectionRules) -> Self {
        Self {
            max_marks_is_seats: V1::from_core(&c.max_marks_is_seats),
            written_ballot_when_contested: V1::from_core(&c.written_ballot_when_contested),
            written_ballot_on_request: V1::from_core(&c.written_ballot_on_request),
            ties: V1::from_core(&c.ties),
            section: V1::from_core(&c.section),
        }
    }
    fn into_core(self) -> rules::ElectionRules {
        rules::ElectionRules {
            max_marks_is_seats: self.max_marks_is_seats.into_core(),
            written_ballot_when_contested: self.written_ballot_when_contested.into_core(),
            written_ballot_on_request: self.written_ballot_on_request.into_core(),
            ties: self.ties.into_core(),
            section: self.section.into_core(),
        }
    }
}

impl V1 for TieRule {
    type Core = rules::TieRule;
    fn from_core(c: &rules::TieRule) -> Self {
        match c {
            rules::TieRule::Lot => Self::Lot,
            rules::TieRule::RunOff => Self::RunOff,
        }
    }
    fn into_core(self) -> rules::TieRule {
        match self {
            Self::Lot => rules::TieRule::Lot,
            Self::RunOff => rules::TieRule::RunOff,
        }
    }
}

impl V1 for DecisionRule {
    type Core = rules::DecisionRule;
    fn from_core(c: &rules::DecisionRule) -> Self {
        Self {
            kind: V1::from_core(&c.kind),
            name: V1::from_core(&c.name),
            majority: V1::from_core(&c.majority),
            strict: V1::from_core(&c.strict),
            base: V1::from_core(&c.base),
            blank_counts: V1::from_core(&c.blank_counts),
            quorum: V1::from_core(&c.quorum),
            fallback: V1::from_core(&c.fallback),
            two_assemblies: V1::from_core(&c.two_assemblies),
            section: V1::from_core(&c.section),
        }
    }
    fn into_core(self) -> rules::DecisionRule {
        rules::DecisionRule {
            kind: self.kind.into_core(),
            name: self.name.into_core(),
            majority: self.majority.into_core(),
            strict: self.strict.into_core(),
            base: self.base.into_core(),
            blank_counts: self.blank_counts.into_core(),
            quorum: self.quorum.into_core(),
            fallback: self.fallback.into_core(),
            two_assemblies: self.two_assemblies.into_core(),
            section: self.section.into_core(),
        }
    }
}

impl V1 for MajorityBase {
    type Core = rules::MajorityBase;
    fn from_core(c: &rules::MajorityBase) -> Self {
        match c {
            rules::MajorityBase::VotesCast => Self::VotesCast,
            rules::MajorityBase::PresentWithVote => Self::PresentWithVote,
            rules::MajorityBase::AllWithVote => Self::AllWithVote,
        }
    }
    fn into_core(self) -> rules::MajorityBase {
        match self {
            Self::VotesCast => rules::MajorityBase::VotesCast,
            Self::PresentWithVote => rules::MajorityBase::PresentWithVote,
            Self::AllWithVote => rules::MajorityBase::AllWithVote,
        }
    }
}

impl V1 for Fallback {
    type Core = rules::Fallback;
    fn from_core(c: &rules::Fallback) -> Self {
        match c {
            rules::Fallback::None => Self::None,
            rules::Fallback::SecondAssembly {
                within_days,
                majority,
                strict,
            } => Self::SecondAssembly {
                within_days: V1::from_core(within_days),
                majority: V1::from_core(majority),
                strict: V1::from_core(strict),
            },
        }
    }
    fn into_core(self) -> rules::Fallback {
        match self {
            Self::None => rules::Fallback::None,
            Self::SecondAssembly {
                within_days,
                majority,
                strict,
            } => rules::Fallback::SecondAssembly {
                within_days: within_days.into_core(),
                majority: majority.into_core(),
                strict: strict.into_core(),
            },
        }
    }
}

impl V1 for Fraction {
    type Core = rules::Fraction;
    fn from_core(c: &rules::Fraction) -> Self {
        Self {
            num: V1::from_core(&c.num),
            den: V1::from_core(&c.den),
        }
    }
    fn into_core(self) -> rules::Fraction {
        rules::Fraction {
            num: self.num.into_core(),
            den: self.den.into_core(),
        }
    }
}

impl V1 for DecisionOutcome {
    type Core = rules::DecisionOutcome;
    fn from_core(c: &rules::DecisionOutcome) -> Self {
        Self {
            result: V1::from_core(&c.result),
            required: V1::from_core(&c.required),
            base: V1::from_core(&c.base),
            fallback: V1::from_core(&c.fallback),
            needs_second_assembly: V1::from_core(&c.needs_second_assembly),
            explanation: V1::from_core(&c.explanation),
        }
    }
    fn into_core(self) -> rules::DecisionOutcome {
        rules::DecisionOutcome {
            result: self.result.into_core(),
            required: self.required.into_core(),
            base: self.base.into_core(),
            fallback: self.fallback.into_core(),
            needs_second_assembly: self.needs_second_assembly.into_core(),
            explanation: self.explanation.into_core(),
        }
    }
}

impl V1 for DecisionResult {
    type Core = rules::DecisionResult;
    fn from_core(c: &rules::DecisionResult) -> Self {
        match c {
            rules::DecisionResult::Adopted => Self::Adopted,
            rules::DecisionResult::Rejected => Self::Rejected,
            rules::DecisionResult::NotQuorate => Self::NotQuorate,
        }
    }
    fn into_core(self) -> rules::DecisionResult {
        match self {
            Self::Adopted => rules::DecisionResult::Adopted,
            Self::Rejected => rules::DecisionResult::Rejected,
            Self::NotQuorate => rules::DecisionResult::NotQuorate,
        }
    }
}

impl V1 for Officers {
    type Core = meetings::Officers;
    fn from_core(c: &meetings::Officers) -> Self {
        Self {
            dirigent: V1::from_core(&c.dirigent),
            referent: V1::from_core(&c.referent),
            counters: V1::from_core(&c.counters),
        }
    }
    fn into_core(self) -> meetings::Officers {
        meetings::Officers {
            dirigent: self.dirigent.into_core(),
            referent: self.referent.into_core(),
            counters: self.counters.into_core(),
        }
    }
}

impl V1 for AgendaItem {
    type Core = meetings::AgendaItem;
    fn from_core(c: &meetings::AgendaItem) -> Self {
        Self {
            id: V1::from_core(&c.id),
            title: V1::from_core(&c.title),
            kind: V1::from_core(&c.kind),
            notes: V1::from_core(&c.notes),
        }
    }
    fn into_core(self) -> meetings::AgendaItem {
        meetings::AgendaItem {
            id: self.id.into_core(),
            title: self.title.into_core(),
            kind: self.kind.into_core(),
            notes: self.notes.into_core(),
        }
    }
}

impl V1 for ItemKind {
    type Core = meetings::ItemKind;
    fn from_core(c: &meetings::ItemKind) -> Self {
        match c {
            meetings::ItemKind::Officers => Self::Officers,
            meetings::ItemKind::Proposals => Self::Proposals,
            meetings::ItemKind::Election => Self::Election,
            meetings::ItemKind::Accounts => Self::Accounts,
            meetings::ItemKind::Other => Self::Other,
        }
    }
    fn into_core(self) -> meetings::ItemKind {
        match self {
            Self::Officers => meetings::ItemKind::Officers,
            Self::Proposals => meetings::ItemKind::Proposals,
            Self::Election => meetings::ItemKind::Election,
            Self::Accounts => meetings::ItemKind::Accounts,
            Self::Other => meetings::ItemKind::Other,
        }
    }
}

impl V1 for Amendment {
    type Core = meetings::Amendment;
    fn from_core(c: &meetings::Amendment) -> Self {
        Self {
            section_key: V1::from_core(&c.section_key),
            title: V1::from_core(&c.title),
            clauses: V1::from_core(&c.clauses),
        }
    }
    fn into_core(self) -> meetings::Amendment {
        meetings::Amendment {
            section_key: self.section_key.into_core(),
            title: self.title.into_core(),
            clauses: self.clauses.into_core(),
        }
    }
}

impl V1 for Signatory {
    type Core = meetings::Signatory;
    fn from_core(c: &meetings::Signatory) -> Self {
        Self {
            role: V1::from_core(&c.role),
            name: V1::from_core(&c.name),
        }
    }
    fn into_core(self) -> meetings::Signatory {
        meetings::Signatory {
            role: self.role.into_core(),
            name: self.name.into_core(),
        }
    }
}

impl V1 for PositionEntry {
    type Core = board::PositionEntry;
    fn from_core(c: &board::PositionEntry) -> Self {
        Self {
            position: V1::from_core(&c.position),
            from: V1::from_core(&c.from),
        }
    }
    fn into_core(self) -> board::PositionEntry {
        board::PositionEntry {
            position: self.position.into_core(),
            from: self.from.into_core(),
        }
    }
}

impl V1 for Position {
    type Core = board::Position;
    fn from_core(c: &board::Position) -> Self {
        match c {
            board::Position::Chair => Self::Chair,
            board::Position::ViceChair => Self::ViceChair,
            board::Position::Treasurer => Self::Treasurer,
            board::Position::Secretary => Self::Secretary,
            board::Position::Member => Self::Member,
        }
    }
    fn into_core(self) -> board::Position {
        match self {
            Self::Chair => board::Position::Chair,
            Self::ViceChair => board::Position::ViceChair,
            Self::Treasurer => board::Position::Treasurer,
            Self::Secretary => board::Position::Secretary,
            Self::Member => board::Position::Member,
        }
    }
}

impl V1 for Candidate {
    type Core = elections::Candidate;
    fn from_core(c: &elections::Candidate) -> Self {
        Self {
            id: V1::from_core(&c.id),
            member: V1::from_core(&c.member),
            name: V1::from_core(&c.name),
            proposed_by: V1::from_core(&c.proposed_by),
            accepts: V1::from_core(&c.accepts),
            eligible: V1::from_core(&c.eligible),
            reason: V1::from_core(&c.reason),
            standing_again: V1::from_core(&c.standing_again),
        }
    }
    fn into_core(self) -> elections::Candidate {
        elections::Candidate {
            id: self.id.into_core(),
            member: self.member.into_core(),
            name: self.name.into_core(),
            proposed_by: self.proposed_by.into_core(),
            accepts: self.accepts.into_core(),
            eligible: self.eligible.into_core(),
            reason: self.reason.into_core(),
            standing_again: self.standing_again.into_core(),
        }
    }
}

impl V1 for Tally {
    type Core = elections::Tally;
    fn from_core(c: &elections::Tally) -> Self {
        Self {
            cast: V1::from_core(&c.cast),
            valid: V1::from_core(&c.valid),
            blank: V1::from_core(&c.blank),
            invalid: V1::from_core(&c.invalid),
            votes: V1::from_core(&c.votes),
        }
    }
    fn into_core(self) -> elections::Tally {
        elections::Tally {
            cast: self.cast.into_core(),
            valid: self.valid.into_core(),
            blank: self.blank.into_core(),
            invalid: self.invalid.into_core(),
            votes: self.votes.into_core(),
        }
    }
}

impl V1 for CandidateVotes {
    type Core = elections::CandidateVotes;
    fn from_core(c: &elections::CandidateVotes) -> Self {
        Self {
            candidate: V1::from_core(&c.candidate),
            votes: V1::from_core(&c.votes),
        }
    }
    fn into_core(self) -> elections::CandidateVotes {
        elections::CandidateVotes {
            candidate: self.candidate.into_core(),
            votes: self.votes.into_core(),
        }
    }
}

impl V1 for LotDraw {
    type Core = elections::LotDraw;
    fn from_core(c: &elections::LotDraw) -> Self {
        Self {
            tied: V1::from_core(&c.tied),
            order: V1::from_core(&c.order),
            by_hand: V1::from_core(&c.by_hand),
            witnesses: V1::from_core(&c.witnesses),
            run_off: V1::from_core(&c.run_off),
            agreed: V1::from_core(&c.agreed),
        }
    }
    fn into_core(self) -> elections::LotDraw {
        elections::LotDraw {
            tied: self.tied.into_core(),
            order: self.order.into_core(),
            by_hand: self.by_hand.into_core(),
            witnesses: self.witnesses.into_core(),
            run_off: self.run_off.into_core(),
            agreed: self.agreed.into_core(),
        }
    }
}

/// Read as itself; the grant is filled from it ([`GrantDetails::fill`]).
impl V1 for GrantDetails {
    type Core = GrantDetails;
    fn from_core(c: &GrantDetails) -> Self {
        c.clone()
    }
    fn into_core(self) -> GrantDetails {
        self
    }
}

impl GrantDetails {
    pub(crate) fn of(g: &grants::Grant) -> Self {
        Self {
            purpose: g.purpose.clone(),
            conditions: g.conditions.clone(),
            instalments: V1::from_core(&g.instalments),
            deadlines: V1::from_core(&g.deadlines),
            agreement: V1::from_core(&g.agreement),
            in_kind: V1::from_core(&g.in_kind),
        }
    }
    /// The grant's parts from this document.
    pub(crate) fn fill(self, g: &mut grants::Grant) {
        g.purpose = self.purpose;
        g.conditions = self.conditions;
        g.instalments = self.instalments.into_core();
        g.deadlines = self.deadlines.into_core();
        g.agreement = self.agreement.into_core();
        g.in_kind = self.in_kind.into_core();
    }
}

impl V1 for Instalment {
    type Core = grants::Instalment;
    fn from_core(c: &grants::Instalment) -> Self {
        Self {
            due: V1::from_core(&c.due),
            amount: V1::from_core(&c.amount),
        }
    }
    fn into_core(self) -> grants::Instalment {
        grants::Instalment {
            due: self.due.into_core(),
            amount: self.amount.into_core(),
        }
    }
}

impl V1 for ReportDeadline {
    type Core = grants::ReportDeadline;
    fn from_core(c: &grants::ReportDeadline) -> Self {
        Self {
            due: V1::from_core(&c.due),
            what: V1::from_core(&c.what),
            done_on: V1::from_core(&c.done_on),
        }
    }
    fn into_core(self) -> grants::ReportDeadline {
        grants::ReportDeadline {
            due: self.due.into_core(),
            what: self.what.into_core(),
            done_on: self.done_on.into_core(),
        }
    }
}

impl V1 for Agreement {
    type Core = grants::Agreement;
    fn from_core(c: &grants::Agreement) -> Self {
        Self {
            parties: V1::from_core(&c.parties),
            revision_years: V1::from_core(&c.revision_years),
            next_revision: V1::from_core(&c.next_revision),
            goals: V1::from_core(&c.goals),
        }
    }
    fn into_core(self) -> grants::Agreement {
        grants::Agreement {
            parties: self.parties.into_core(),
            revision_years: self.revision_years.into_core(),
            next_revision: self.next_revision.into_core(),
            goals: self.goals.into_core(),
        }
    }
}

impl V1 for Goal {
    type Core = grants::Goal;
    fn from_core(c: &grants::Goal) -> Self {
        Self {
            description: V1::from_core(&c.description),
            target: V1::from_core(&c.target),
            statuses: V1::from_core(&c.statuses),
        }
    }
    fn into_core(self) -> grants::Goal {
        grants::Goal {
            description: self.description.into_core(),
            target: self.target.into_core(),
            statuses: self.statuses.into_core(),
        }
    }
}

impl V1 for GoalStatus {
    type Core = grants::GoalStatus;
    fn from_core(c: &grants::GoalStatus) -> Self {
        Self {
            on: V1::from_core(&c.on),
            state: V1::from_core(&c.state),
            note: V1::from_core(&c.note),
        }
    }
    fn into_core(self) -> grants::GoalStatus {
        grants::GoalStatus {
            on: self.on.into_core(),
            state: self.state.into_core(),
            note: self.note.into_core(),
        }
    }
}

impl V1 for GoalState {
    type Core = grants::GoalState;
    fn from_core(c: &grants::GoalState) -> Self {
        match c {
            grants::GoalState::OnTrack => Self::OnTrack,
            grants::GoalState::Behind => Self::Behind,
            grants::GoalState::Met => Self::Met,
        }
    }
    fn into_core(self) -> grants::GoalState {
        match self {
            Self::OnTrack => grants::GoalState::OnTrack,
            Self::Behind => grants::GoalState::Behind,
            Self::Met => grants::GoalState::Met,
        }
    }
}

impl V1 for InKind {
    type Core = grants::InKind;
    fn from_core(c: &grants::InKind) -> Self {
        Self {
            description: V1::from_core(&c.description),
            hours_per_week: V1::from_core(&c.hours_per_week),
            value_per_year: V1::from_core(&c.value_per_year),
        }
    }
    fn into_core(self) -> grants::InKind {
        grants::InKind {
            description: self.description.into_core(),
            hours_per_week: self.hours_per_week.into_core(),
            value_per_year: self.value_per_year.into_core(),
        }
    }
}

impl V1 for BankColumn {
    type Core = bank::BankColumn;
    fn from_core(c: &bank::BankColumn) -> Self {
        Self {
            field: V1::from_core(&c.field),
            column: V1::from_core(&c.column),
        }
    }
    fn into_core(self) -> bank::BankColumn {
        bank::BankColumn {
            field: self.field.into_core(),
            column: self.column.into_core(),
        }
    }
}

impl V1 for BankField {
    type Core = bank::BankField;
    fn from_core(c: &bank::BankField) -> Self {
        match c {
            bank::BankField::Date => Self::Date,
            bank::BankField::Text => Self::Text,
            bank::BankField::Amount => Self::Amount,
            bank::BankField::Balance => Self::Balance,
        }
    }
    fn into_core(self) -> bank::BankField {
        match self {
            Self::Date => bank::BankField::Date,
            Self::Text => bank::BankField::Text,
            Self::Amount => bank::BankField::Amount,
            Self::Balance => bank::BankField::Balance,
        }
    }
}
