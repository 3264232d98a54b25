//! The DTOs every caller sees: the use cases' inputs and outputs. Core types that cross the
//! edge unchanged are re-exported here, so `use kvorum_api::dto::*` names everything.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use kvorum_core::association::{Association, AssociationInput};
pub use kvorum_core::fees::{FeeRate, FeeStatus, Payment, PaymentInput, PaymentMethod};
pub use kvorum_core::ids::{AccountId, AssociationId, MemberId, PaymentId, ReminderId, VoucherId};
pub use kvorum_core::members::{
    FeeFilter, Member, MemberInput, MemberQuery, MembershipType, Role, SortKey, StatusFilter,
};
pub use kvorum_core::{FieldError, Money};

pub use crate::fees::PaymentReversal;
pub use crate::files::{ChosenFile, ImportKind};
pub use chrono::NaiveDate;
pub use kvorum_core::bylaws::{
    BylawsText, BylawsVersion, ChangeKind, Section, SectionDiff, SubHeading, VersionStatus,
    WordChange,
};
pub use kvorum_core::ids::BylawsVersionId;
pub use kvorum_core::rules::{
    AppointedSeat, BoardRules, Deadlines, DecisionOutcome, DecisionResult, DecisionRule,
    ElectionRules, ExtraordinaryAssemblyRules, Fallback, Fraction, MajorityBase,
    OrdinaryAssemblyRules, RuleSettings, TieRule, VoteCounts, VotingRight, VotingRules,
};
pub use kvorum_core::rules_from_text::{FoundSetting, SettingsReading, SilentSetting};

pub use crate::accounts::{AccountInput, BalanceView, OpeningBalance, OpeningFrom, OpeningInput};
pub use crate::audit::{AuditDetail, AuditKind, AuditLine, AuditPage, AuditQuery};
pub use crate::backups::{BackupInfo, BackupReason};
pub use crate::board::{BoardView, ConstituteInput, LeaveInput, PositionInput, TermView};
pub use crate::budget::{
    BankChoice, BankImportRequest, BankOutcome, BankPreview, BankRow, BookingUpdate, BookingsView,
    BudgetLineInput, BudgetLineRemove, BudgetView, FeeChoice, FeeProposal, LineView, SimilarAssign,
    StatementSource,
};
pub use crate::bylaws::{
    AdoptInput, BylawsImport, BylawsImportApply, BylawsOverview, DraftSaved, DraftUpdate,
    VersionSummary, VoteCheck,
};
pub use crate::closing::{AuditFormInput, CheckView, YearCloseInput, YearEndView, YearReopenInput};
pub use crate::consents::{ConsentGive, ConsentKindInput, ConsentWithdraw};
pub use crate::documents::ExportRequest;
pub use crate::elections::{
    BallotInput, CandidateAccept, CandidateInput, DrawInput, ElectionView, TermsInput, TotalsInput,
};
pub use crate::error::{ApiError, ErrorCode};
pub use crate::fee_books::{BookingFeeAssign, FeeRunView};
pub use crate::grants::{
    FrikortJobInput, FrikortView, FrikortWorkerView, FundedLine, GoalStatusInput, GrantInput,
    GrantView, Overview, VisitsView,
};
pub use crate::meetings::{
    AgendaUpdate, AttendanceView, CheckIn, DecisionInput, DecisionKind, DecisionRecorded,
    DecisionRemove, DoorPayment, MeetingDetail, MeetingSummary, MeetingUpdate, MinutesApproval,
    MinutesCorrection, MinutesSave, MinutesSummary, ProposalUpdate, ProposalView, ProposalWithdraw,
    ProxyInput, ProxyRemove, ProxyView, SecondAssemblyInput, Voter,
};
pub use crate::members::{RegisterSettings, RegisterSettingsSaved};
pub use crate::personal::{CleanupDone, CleanupOutcome, CleanupRun, CleanupView};
pub use crate::processing::{ConsentCount, ProcessingView};
pub use crate::projector::{
    CountdownSlide, DecisionSlide, ElectionRow, ElectionSlide, ItemSlide, ProjectorInput,
    ProjectorView, ProposalSlide, Slide, SlideView, TieSlide,
};
pub use crate::reminders::{ReminderRequest, RemindersSaved};
pub use crate::servers::ServerInput;
pub use crate::settings::{AppStatus, SettingsInput};
pub use crate::transfer::TransferReport;
pub use crate::vouchers::VoucherAttach;
pub use chrono::NaiveTime;
pub use kvorum_core::accounts::{Account, AccountBalance, AccountKind, AuditForm, BalanceSheet};
pub use kvorum_core::backups::TableSum;
pub use kvorum_core::backups::{BackupCheck, BackupContents, TableRows};
pub use kvorum_core::bank::BankColumn;
pub use kvorum_core::bank::{BankField, BankLine};
pub use kvorum_core::board::AppointInput;
pub use kvorum_core::board::{Position, PositionEntry, SeatKind, SeatsUp, Term};
pub use kvorum_core::budget::{Booking, BookingInput, BudgetLine, LineKind, LineStatus};
pub use kvorum_core::closing::{AccountRecon, Closing, MonthRecon};
pub use kvorum_core::consent::{Consent, ConsentInput, ConsentKind};
pub use kvorum_core::election_plan::TermsChoice;
pub use kvorum_core::elections::{
    BallotEntry, Candidate, CandidateVotes, Election, ElectionKind, LotDraw, Method, Ranked,
    Ranking, Tally, Tie, TieKind,
};
pub use kvorum_core::fee_books::{DueReminder, Reminder, ReminderChannel};
pub use kvorum_core::fee_books::{FeeRun, FeeRunLine, FeeSettings, MatchedBy};
pub use kvorum_core::grants::{
    Agreement, AuditLevel, FrikortJob, FrikortWorker, Goal, GoalState, GoalStatus, Grant,
    GrantKind, GrantorRule, InKind, Instalment, InstalmentState, InstalmentView, PacePoint,
    ReportDeadline, VisitSummary, VisitTally,
};
pub use kvorum_core::ids::ConsentId;
pub use kvorum_core::ids::{AgendaItemId, DecisionId, MeetingId, MinutesId, ProposalId, ProxyId};
pub use kvorum_core::ids::{BookingId, BudgetLineId, FrikortJobId, FrikortWorkerId, GrantId};
pub use kvorum_core::ids::{CandidateId, ElectionId, TermId};
pub use kvorum_core::meetings::{
    AgendaItem, Amendment, AttendanceCounts, Attendee, BoardQuorum, ChecklistItem, Decision,
    ItemKind, Meeting, MeetingInput, MeetingKind, Minutes, MinutesStatus, Officers, Proposal,
    ProposalInput, Signatory, Withdrawal,
};
pub use kvorum_core::member_import::{
    ImportColumn, ImportField, ImportOutcome, ImportPreview, ImportProblem, ImportRequest,
    ImportRow,
};
pub use kvorum_core::members::BirthKept;
pub use kvorum_core::privacy::{CleanupDue, FrikortDue, Retention};
pub use kvorum_core::processing::{HeldCategory, ProcessingEntry, ProcessingSettings};
pub use kvorum_core::rules::NoticeCheck;
pub use kvorum_core::vouchers::VoucherInfo;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssociationUpdate {
    #[ts(type = "number")]
    pub version: i64,
    pub input: AssociationInput,
}

/// One line of the member list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberRow {
    pub id: MemberId,
    #[ts(type = "number")]
    pub member_no: i64,
    pub name: String,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub membership_type: String,
    pub roles: Vec<Role>,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    /// Fee status for [`MemberListResult::fee_year`].
    pub fee: FeeStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberListResult {
    pub rows: Vec<MemberRow>,
    /// How many members the register holds in all (before search and filters).
    pub total: u32,
    /// The year the `fee` column speaks of (the query's fee year, else this year).
    pub fee_year: i32,
}

/// A year's fee status for the member detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct YearFee {
    pub year: i32,
    pub status: FeeStatus,
    /// e.g. "Kontingent for 2026 er ikke betalt"
    pub text: String,
}

/// One change to a record, for its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub id: String,
    /// ISO timestamp, UTC.
    pub at: String,
    pub actor: String,
    pub action: String,
    /// JSON of what changed.
    pub changes: String,
    /// What happened, in Danish: "Medlem oprettet", "Ændret: by, telefon", …
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberDetail {
    pub member: Member,
    pub payments: Vec<Payment>,
    /// This year and last year.
    pub fees: Vec<YearFee>,
    pub history: Vec<HistoryEntry>,
    /// The consents given and withdrawn, oldest first, and the kinds the association asks for.
    pub consents: Vec<kvorum_core::consent::Consent>,
    pub consent_kinds: Vec<kvorum_core::consent::ConsentKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberUpdate {
    pub id: MemberId,
    /// The version the user started editing from.
    #[ts(type = "number")]
    pub version: i64,
    pub input: MemberInput,
}

/// A finished export: the bytes to save and a suggested file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub rows: usize,
}
