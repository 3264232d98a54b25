//! Exports of the member list: CSV that Danish Excel opens correctly, and the PDF.

use chrono::Datelike;
use kvorum_core::csv_file::neutralise_cell;
use kvorum_core::fees::FeeStatus;
use kvorum_core::members::{MemberQuery, Role, StatusFilter};
use kvorum_core::text::Text;
use kvorum_docs::{MemberList, MemberListRow};

use crate::dto::{ExportFile, MemberRow};
use crate::{Api, ApiError, ApiResult, ErrorCode};

fn selection_text(q: &MemberQuery) -> String {
    let mut s = match q.status {
        StatusFilter::Active => "Aktive medlemmer".to_owned(),
        StatusFilter::Left => "Udmeldte medlemmer".to_owned(),
        StatusFilter::All => "Alle medlemmer".to_owned(),
    };
    if !q.text.trim().is_empty() {
        s.push_str(&format!(", søgning »{}«", q.text.trim()));
    }
    if let Some(f) = q.fee {
        s.push_str(&format!(
            ", {} {}",
            if f.paid { "betalt" } else { "ikke betalt" },
            f.year
        ));
    }
    s
}

fn address_line(r: &MemberRow) -> String {
    let place = [r.postal_code.as_deref(), r.city.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    [r.address.clone().unwrap_or_default(), place]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Api {
    /// The members matching `query` as CSV: `;`, UTF-8 with BOM, Danish dates and amounts.
    /// The columns use the headings the importer recognises, so an export imports back.
    pub async fn members_export_csv(&self, query: MemberQuery) -> ApiResult<ExportFile> {
        let snapshot = self.member_snapshot().await?;
        let types = self.store.membership_types().await?;
        let today = self.clock.today();
        let year = query.fee.map(|f| f.year).unwrap_or(today.year());
        let rows = snapshot.search(&query, year, today);
        let by_id: std::collections::HashMap<_, _> =
            snapshot.members.iter().map(|m| (m.id, m)).collect();
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let fee_heading = format!("Kontingent {year}");
        w.write_record([
            "Medlemsnr",
            "Navn",
            "Adresse",
            "Postnr",
            "By",
            "E-mail",
            "Telefon",
            "Fødselsdato",
            "Indmeldt",
            "Udmeldt",
            "Medlemstype",
            "Roller",
            "Samtykke til e-mail",
            fee_heading.as_str(),
        ])
        .map_err(csv_error)?;
        for r in &rows {
            let Some(m) = by_id.get(&r.id) else { continue };
            let date = |d: Option<chrono::NaiveDate>| {
                d.map(|d| d.format("%d-%m-%Y").to_string())
                    .unwrap_or_default()
            };
            let type_name = types
                .iter()
                .find(|t| t.code == m.membership_type)
                .map(|t| t.name.clone())
                .unwrap_or_default();
            let roles: Vec<&str> = m.roles.iter().map(|r: &Role| r.label_da()).collect();
            w.write_record([
                m.member_no.to_string(),
                neutralise_cell(&m.name),
                neutralise_cell(m.address.as_deref().unwrap_or_default()),
                neutralise_cell(m.postal_code.as_deref().unwrap_or_default()),
                neutralise_cell(m.city.as_deref().unwrap_or_default()),
                neutralise_cell(m.email.as_deref().unwrap_or_default()),
                neutralise_cell(m.phone.as_deref().unwrap_or_default()),
                // Where only the year is kept, the column holds the year.
                m.birth_date
                    .map(|_| date(m.birth_date))
                    .or_else(|| m.birth_year.map(|y| y.to_string()))
                    .unwrap_or_default(),
                date(Some(m.joined_on)),
                date(m.left_on),
                neutralise_cell(&type_name),
                roles.join(", ").to_lowercase(),
                if m.email_consent {
                    "ja".into()
                } else {
                    "nej".into()
                },
                r.fee.label_da(),
            ])
            .map_err(csv_error)?;
        }
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(
            w.into_inner()
                .map_err(|e| csv_error(e.into_error().into()))?,
        );
        Ok(ExportFile {
            file_name: format!("medlemmer-{}.csv", today.format("%Y-%m-%d")),
            bytes,
            rows: rows.len(),
        })
    }

    /// The member list PDF for the members matching `query`.
    pub async fn members_export_pdf(&self, query: MemberQuery) -> ApiResult<ExportFile> {
        let association = self.require_association().await?;
        let snapshot = self.member_snapshot().await?;
        let today = self.clock.today();
        let year = query.fee.map(|f| f.year).unwrap_or(today.year());
        let rows = snapshot.search(&query, year, today);
        let list = MemberList {
            association_name: association.name.clone(),
            selection: selection_text(&query),
            printed_on: today,
            created_unix: self.clock.now().timestamp(),
            rows: rows
                .iter()
                .map(|r| MemberListRow {
                    member_no: r.member_no,
                    name: r.name.clone(),
                    address: address_line(r),
                    email: r.email.clone().unwrap_or_default(),
                    phone: r.phone.clone().unwrap_or_default(),
                    joined_on: r.joined_on,
                    // The printed column is narrow: a dash where nothing is due.
                    fee: match r.fee {
                        FeeStatus::NoFee | FeeStatus::NotMember => "–".into(),
                        other => other.label_da(),
                    },
                })
                .collect(),
        };
        let bytes = kvorum_docs::member_list_pdf(&list).map_err(crate::documents::pdf_failed)?;
        Ok(ExportFile {
            file_name: format!("medlemsliste-{}.pdf", today.format("%Y-%m-%d")),
            bytes,
            rows: rows.len(),
        })
    }
}

fn csv_error(e: csv::Error) -> ApiError {
    ApiError::new(
        ErrorCode::Internal,
        Text::new("csv-write-failed").str("cause", e.to_string()),
    )
}
