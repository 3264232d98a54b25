//! Member import from CSV: read whatever a Danish spreadsheet wrote (`;` or `,`, UTF-8 with
//! or without BOM, Windows-1252, Danish dates), map columns by their headings, show every
//! problem per row and column in Danish, and apply in one transaction — or not at all.

use std::collections::HashSet;

use kvorum_core::csv_file::{parse_csv, ImportError};
use kvorum_core::member_import::{build_preview, ImportOutcome, ImportPreview, ImportRequest};

use crate::{Api, ApiError, ApiResult, ErrorCode};

fn import_error(message: impl Into<kvorum_core::text::Text>) -> ApiError {
    ApiError::new(ErrorCode::Import, message)
}

/// A file the core could not read, as the API's error.
pub(crate) fn file_refused(e: ImportError) -> ApiError {
    import_error(e.0)
}

impl Api {
    /// Reads the file and shows what an import would do, without changing anything.
    pub async fn members_import_preview(&self, request: ImportRequest) -> ApiResult<ImportPreview> {
        let parsed = parse_csv(&request.bytes).map_err(file_refused)?;
        let existing = self.store.members().await?;
        let types = self.store.membership_types().await?;
        build_preview(&parsed, &request, &existing, &types, self.clock.today())
            .map_err(file_refused)
    }

    /// Imports every row not left out, in one transaction — only if every such row is in
    /// order; otherwise nothing is imported and the error says which line to fix.
    pub async fn members_import_apply(&self, request: ImportRequest) -> ApiResult<ImportOutcome> {
        self.require_association().await?;
        let preview = self.members_import_preview(request).await?;
        if let Some(bad) = preview
            .rows
            .iter()
            .find(|r| !r.excluded && !r.problems.is_empty())
        {
            let p = &bad.problems[0];
            let col = p
                .column
                .as_deref()
                .map(|c| format!(", kolonne »{c}«"))
                .unwrap_or_default();
            return Err(import_error(format!(
                "Intet er importeret. Linje {}{}: {} Ret filen, eller udelad linjen.",
                bad.line, col, p.message
            )));
        }
        if !preview.can_apply {
            return Err(import_error(format!(
                "Intet er importeret. {}",
                preview.message
            )));
        }
        let types = self.store.membership_types().await?;
        let mut tx = self.begin().await?;
        let mut next_no = tx.max_member_no().await? + 1;
        let taken: HashSet<i64> = preview
            .rows
            .iter()
            .filter(|r| !r.excluded)
            .filter_map(|r| r.member.as_ref()?.member_no)
            .collect();
        let mut members = Vec::with_capacity(preview.rows.len());
        for row in preview.rows.iter().filter(|r| !r.excluded) {
            let Some(input) = &row.member else { continue };
            if input.member_no.is_none() {
                while taken.contains(&next_no) {
                    next_no += 1;
                }
            }
            let m = self.valid_member(input, &types, next_no).map_err(|e| {
                import_error(format!(
                    "Intet er importeret. Linje {}: {}",
                    row.line, e.message
                ))
            })?;
            if input.member_no.is_none() {
                next_no += 1;
            }
            members.push(m);
        }
        self.insert_members_in(&mut tx, &members).await?;
        let imported = u32::try_from(members.len()).unwrap_or(u32::MAX);
        tx.commit().await?;
        let message = if imported == 1 {
            "1 medlem er importeret.".to_owned()
        } else {
            format!("{imported} medlemmer er importeret.")
        };
        Ok(ImportOutcome { imported, message })
    }
}
