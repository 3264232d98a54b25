//! kvorum-docs — Kvorum's documents in three steps: a `model` (what the document says,
//! built from domain data) → a `layout` (pure: pages of positioned text, tables that break
//! across pages with their header repeated, headers and "Side x af y" footers) → `pdf`
//! (pdf-writer with the glyphs it uses of an embedded Kvorum Sans, which is Liberation Sans
//! without hinting, so æ, ø and å print everywhere).
//! The only crate that writes PDF. Depends on kvorum-core; never on kvorum-store.
#![forbid(unsafe_code)]

pub mod finance;
pub mod fonts;
pub mod layout;
pub mod meetings;
pub mod model;
pub mod pdf;
pub mod personal;

pub use finance::{
    AnnualAccountsDoc, BalanceRow, BudgetFollowupDoc, FollowupRow, GrantReportDoc, ReminderLetter,
    RemindersDoc, ResultRow,
};
pub use meetings::{
    AttendanceRow, AttendanceSheet, BallotsDoc, BoardListDoc, MinutesDoc, NoticeDoc, NoticeProposal,
};
pub use model::{BylawsDoc, MemberList, MemberListRow};
pub use personal::{AccessSection, ProcessingActivity, ProcessingRecordDoc, SubjectAccessDoc};

/// What the association holds about one person, as PDF bytes.
pub fn subject_access_pdf(doc: &SubjectAccessDoc) -> Result<Vec<u8>, pdf::PdfError> {
    pdf::render(&personal::subject_access_layout(doc))
}

/// Lays out and renders the record of processing (art. 30) as PDF bytes.
pub fn processing_record_pdf(doc: &ProcessingRecordDoc) -> Result<Vec<u8>, pdf::PdfError> {
    pdf::render(&personal::processing_record_layout(doc))
}

/// Lays out and renders the member list as PDF bytes.
pub fn member_list_pdf(list: &MemberList) -> Result<Vec<u8>, pdf::PdfError> {
    let doc = model::member_list_layout(list);
    pdf::render(&doc)
}

/// Lays out and renders the bylaws as PDF bytes.
pub fn bylaws_pdf(doc: &BylawsDoc) -> Result<Vec<u8>, pdf::PdfError> {
    pdf::render(&model::bylaws_layout(doc))
}

/// The notice or final agenda as PDF bytes.
pub fn notice_pdf(doc: &NoticeDoc) -> Result<Vec<u8>, pdf::PdfError> {
    pdf::render(&meetings::notice_layout(doc))
}

/// The notice as letters, one per address (lines: name, street, postcode and town).
pub fn notice_letters_pdf(
    doc: &NoticeDoc,
    addresses: &[Vec<String>],
) -> Result<Vec<u8>, pdf::PdfError> {
    pdf::render(&meetings::notice_letters_layout(doc, addresses))
}

/// The annual accounts (årsregnskab) as PDF bytes.
pub fn annual_accounts_pdf(doc: &AnnualAccountsDoc) -> Result<Vec<u8>, pdf::PdfError> {
    pdf::render(&finance::annual_accounts_layout(doc))
}

/// Reminder letters (rykkere) as PDF bytes, one letter per member.
pub fn reminders_pdf(doc: &RemindersDoc) -> Result<Vec<u8>, pdf::PdfError> {
    pdf::render(&finance::reminders_layout(doc))
}

/// The attendance sheet as PDF bytes.
pub fn attendance_pdf(doc: &AttendanceSheet) -> Result<Vec<u8>, pdf::PdfError> {
    pdf::render(&meetings::attendance_layout(doc))
}

/// The minutes as PDF bytes.
pub fn minutes_pdf(doc: &MinutesDoc) -> Result<Vec<u8>, pdf::PdfError> {
    pdf::render(&meetings::minutes_layout(doc))
}

/// Ballots and the tally sheet as PDF bytes.
pub fn ballots_pdf(doc: &BallotsDoc) -> Result<Vec<u8>, pdf::PdfError> {
    pdf::render(&meetings::ballots_layout(doc))
}

/// The board list as PDF bytes.
pub fn board_list_pdf(doc: &BoardListDoc) -> Result<Vec<u8>, pdf::PdfError> {
    pdf::render(&meetings::board_list_layout(doc))
}

/// The budget follow-up as PDF bytes.
pub fn budget_followup_pdf(doc: &BudgetFollowupDoc) -> Result<Vec<u8>, pdf::PdfError> {
    pdf::render(&finance::budget_followup_layout(doc))
}

/// The grant report as PDF bytes.
pub fn grant_report_pdf(doc: &GrantReportDoc) -> Result<Vec<u8>, pdf::PdfError> {
    pdf::render(&finance::grant_report_layout(doc))
}
