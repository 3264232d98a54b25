//! Vouchers (bilag) attached to bookings and kept in the database, and the audit package: one
//! ZIP for the auditor with the accounts, the bookings, the vouchers named by voucher no., the
//! bank statements as imported and the budget follow-up.

use std::io::Write;

use kvorum_core::ids::{BookingId, VoucherId};
use kvorum_core::text::Text;
use kvorum_core::vouchers::{packaged_name, voucher_media_type, VoucherInfo};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::dto::ExportFile;
use crate::{Api, ApiError, ApiResult, ErrorCode};

/// The file the user chose (held by the backend under `file`) attached to a booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VoucherAttach {
    pub booking: BookingId,
    /// The chosen file's token (the app); the CLI sends `bytes`.
    #[serde(default)]
    pub file: Option<String>,
    #[serde(default)]
    #[ts(skip)]
    pub bytes: Vec<u8>,
    pub file_name: String,
}

fn failed(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ErrorCode::Internal,
        Text::new("audit-package-failed").str("cause", e.to_string()),
    )
}

impl Api {
    /// Keeps the chosen file as a voucher of the booking, in the database.
    pub async fn voucher_attach(&self, input: VoucherAttach) -> ApiResult<VoucherInfo> {
        let bytes = self.import_bytes(input.file.as_deref(), &input.bytes)?;
        let media_type =
            voucher_media_type(&bytes).map_err(|m| ApiError::new(ErrorCode::File, m))?;
        let (mut tx, _) = self.begin_in_association().await?;
        let booking = tx
            .booking(input.booking)
            .await?
            .ok_or_else(|| ApiError::not_found("Posteringen"))?;
        Self::require_open_year(&mut tx.reader(), booking.fiscal_year).await?;
        let name: String = input
            .file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or("bilag")
            .chars()
            .take(120)
            .collect();
        let digest = Sha256::digest(&bytes);
        let v = VoucherInfo {
            id: VoucherId::new(),
            booking: booking.id,
            file_name: if name.trim().is_empty() {
                "bilag".into()
            } else {
                name
            },
            media_type: media_type.to_owned(),
            size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
        };
        tx.insert_voucher(&v, &bytes).await?;
        tx.commit().await?;
        Ok(v)
    }

    /// The vouchers of a fiscal year's bookings.
    pub async fn vouchers_list(&self, year: i32) -> ApiResult<Vec<VoucherInfo>> {
        self.require_association().await?;
        Ok(self.store.vouchers(year).await?)
    }

    /// Removes a voucher attached by mistake (not in a closed year).
    pub async fn voucher_remove(&self, id: VoucherId) -> ApiResult<Vec<VoucherInfo>> {
        let (mut tx, _) = self.begin_in_association().await?;
        let (v, _) = tx
            .voucher(id)
            .await
            .map_err(|e| ApiError::from_store(e, "Bilaget"))?;
        let booking = tx
            .booking(v.booking)
            .await?
            .ok_or_else(|| ApiError::not_found("Posteringen"))?;
        Self::require_open_year(&mut tx.reader(), booking.fiscal_year).await?;
        tx.delete_voucher(&v).await?;
        tx.commit().await?;
        Ok(self.store.vouchers(booking.fiscal_year).await?)
    }

    /// A voucher's file, to save or open.
    pub(crate) async fn voucher_file(&self, id: VoucherId) -> ApiResult<ExportFile> {
        let (v, content) = self
            .store
            .voucher(id)
            .await
            .map_err(|e| ApiError::from_store(e, "Bilaget"))?;
        Ok(ExportFile {
            file_name: v.file_name,
            bytes: content,
            rows: 1,
        })
    }

    /// The auditor's package for a fiscal year.
    pub(crate) async fn audit_package(&self, year: i32) -> ApiResult<ExportFile> {
        let accounts = self.annual_accounts_pdf(year).await?;
        let csv = self.bookings_csv(year).await?;
        let followup = self.budget_followup_pdf(year).await.ok();
        let books = self.books(year).await?;
        let (from, to) = self.fiscal_bounds(year).await?;
        let vouchers = self.store.vouchers(year).await?;
        let statements = self.store.bank_statements(from, to).await?;
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut add = |name: &str, bytes: &[u8]| -> ApiResult<()> {
            out.start_file(name, opts).map_err(failed)?;
            out.write_all(bytes).map_err(failed)
        };
        add(&accounts.file_name, &accounts.bytes)?;
        add(&format!("posteringer-{year}.csv"), &csv.bytes)?;
        if let Some(f) = &followup {
            add(&format!("budgetopfoelgning-{year}.pdf"), &f.bytes)?;
        }
        let mut per_booking: std::collections::HashMap<BookingId, usize> = Default::default();
        for v in &vouchers {
            let no = books
                .bookings
                .iter()
                .find(|b| b.id == v.booking)
                .map(|b| b.voucher_no.clone())
                .unwrap_or_default();
            let n = per_booking.entry(v.booking).or_default();
            let (_, content) = self
                .store
                .voucher(v.id)
                .await
                .map_err(|e| ApiError::from_store(e, "Bilaget"))?;
            add(
                &format!("bilag/{}", packaged_name(&no, &v.file_name, *n)),
                &content,
            )?;
            *n += 1;
        }
        for (i, s) in statements.iter().enumerate() {
            let day = s.first_day.map(|d| d.to_string()).unwrap_or_default();
            add(
                &format!(
                    "kontoudtog/{:02}-{day}-{}",
                    i + 1,
                    packaged_name("", &s.file_name, 0).trim_start_matches('-')
                ),
                &s.content,
            )?;
        }
        let readme = Text::new("audit-package-readme")
            .num("year", year)
            .num("vouchers", i64::try_from(vouchers.len()).unwrap_or(0))
            .num("statements", i64::try_from(statements.len()).unwrap_or(0))
            .render(self.lang);
        add("LÆS MIG.txt", readme.as_bytes())?;
        let bytes = out.finish().map_err(failed)?.into_inner();
        Ok(ExportFile {
            file_name: format!("revision-{year}.zip"),
            bytes,
            rows: vouchers.len(),
        })
    }
}
