//! Every file Kvorum hands the user — PDFs, CSV, the calendar invitation and the e-mail
//! draft — behind one request type, so the shell has one "save as" command for all of them.

mod notice;
pub(crate) use notice::letter_address;
mod sheets;

use chrono::NaiveDate;
use chrono::{NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Europe::Copenhagen;
use kvorum_core::dates::format_date;
use kvorum_core::ids::{ElectionId, GrantId, MeetingId};
use kvorum_core::meetings::{
    accounts_year, is_accounts_item, ItemKind, Meeting, MeetingKind, MinutesStatus,
};
use kvorum_core::members::MemberQuery;
use kvorum_core::text::Text;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::ExportFile;
use crate::meetings::{item_kind_of, when_text};
use crate::{Api, ApiError, ApiResult, ErrorCode};

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum ExportRequest {
    MembersCsv {
        query: MemberQuery,
    },
    MembersPdf {
        query: MemberQuery,
    },
    BylawsPdf,
    /// The notice (indkaldelse) with the proposals received so far, titles only.
    NoticePdf {
        meeting: MeetingId,
    },
    /// The final agenda with the proposals' full text and the board's recommendations.
    AgendaPdf {
        meeting: MeetingId,
    },
    AttendancePdf {
        meeting: MeetingId,
    },
    /// The newest minutes version, or the given one.
    MinutesPdf {
        meeting: MeetingId,
        #[ts(type = "number | null")]
        number: Option<i64>,
    },
    /// A calendar invitation (.ics).
    Calendar {
        meeting: MeetingId,
    },
    /// An e-mail draft (.eml) with the notice attached, members in Bcc.
    NoticeEmail {
        meeting: MeetingId,
    },
    /// The notice as letters (PDF) to the members without e-mail — or to every member when
    /// the bylaws do not allow notice by e-mail.
    NoticeLetters {
        meeting: MeetingId,
    },
    /// Ballots for a written election, with the counters' tally sheet.
    BallotsPdf {
        election: ElectionId,
    },
    /// The board with positions and terms, on a day (default today).
    BoardPdf {
        on: Option<NaiveDate>,
    },
    /// Budget vs. actual per line with the chart, for a board meeting.
    BudgetFollowupPdf {
        year: i32,
    },
    /// The report to the grantor for a fiscal year.
    GrantReportPdf {
        grant: GrantId,
        year: i32,
    },
    /// The annual accounts (årsregnskab) of a fiscal year: a draft until the year is closed.
    AnnualAccountsPdf {
        year: i32,
    },
    /// One voucher's file, as it was attached.
    VoucherFile {
        id: kvorum_core::ids::VoucherId,
    },
    /// The auditor's package (.zip): accounts, bookings, vouchers, statements, follow-up.
    AuditPackage {
        year: i32,
    },
    /// The year's bookings for the accountant (`;`, BOM, Danish dates and amounts).
    BookingsCsv {
        year: i32,
    },
    /// The handover package for the next secretary or treasurer (.zip).
    Handover,
    /// Everything held about one member (indsigt): a PDF and a JSON file in a .zip.
    SubjectAccess {
        member: kvorum_core::ids::MemberId,
    },
    /// The record of processing activities (art. 30), for the board to sign.
    ProcessingRecord,
}

impl ExportRequest {
    /// The save dialog's filter: (label, extension).
    pub fn filter(&self) -> (&'static str, &'static str) {
        match self {
            ExportRequest::MembersCsv { .. } | ExportRequest::BookingsCsv { .. } => {
                ("CSV til Excel", "csv")
            }
            ExportRequest::Calendar { .. } => ("Kalenderfil", "ics"),
            ExportRequest::NoticeEmail { .. } => ("E-mail", "eml"),
            ExportRequest::Handover => ("Overdragelse (zip)", "zip"),
            ExportRequest::AuditPackage { .. } => ("Revisionspakke (zip)", "zip"),
            ExportRequest::SubjectAccess { .. } => ("Indsigt (zip)", "zip"),
            ExportRequest::VoucherFile { .. } => ("Bilag", "*"),
            _ => ("PDF", "pdf"),
        }
    }
}

pub(crate) fn pdf_failed(e: kvorum_docs::pdf::PdfError) -> ApiError {
    ApiError::new(
        ErrorCode::Internal,
        Text::new("pdf-failed").str("cause", e.to_string()),
    )
}

fn slug(m: &Meeting) -> String {
    let kind = match m.kind {
        MeetingKind::Ordinary => "generalforsamling",
        MeetingKind::Extraordinary => "ekstraordinaer-generalforsamling",
        MeetingKind::Board => "bestyrelsesmoede",
        MeetingKind::Other => "moede",
    };
    format!("{kind}-{}", m.date.format("%Y-%m-%d"))
}
