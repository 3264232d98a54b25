//! Member import from CSV: read whatever a Danish spreadsheet wrote (`;` or `,`, UTF-8 with
//! or without BOM, Windows-1252, Danish dates), map columns by their headings, show every
//! problem per row and column in Danish, and apply in one transaction — or not at all.

use kvorum_core::csv_file::{parse_csv, ImportError};
use kvorum_core::member_import::{
    build_preview, members_to_import, ImportOutcome, ImportPreview, ImportRequest,
};
use kvorum_core::text::Text;
use kvorum_store::Reader;

use crate::{Api, ApiError, ApiResult, ErrorCode};

fn import_error(message: impl Into<Text>) -> ApiError {
    ApiError::new(ErrorCode::Import, message)
}

/// A file the core could not read, as the API's error.
pub(crate) fn file_refused(e: ImportError) -> ApiError {
    import_error(e.0)
}

impl Api {
    /// Reads the file and shows what an import would do, without changing anything.
    pub async fn members_import_preview(&self, request: ImportRequest) -> ApiResult<ImportPreview> {
        self.import_preview_in(&mut self.store.reader(), &request)
            .await
    }

    async fn import_preview_in(
        &self,
        db: &mut Reader<'_>,
        request: &ImportRequest,
    ) -> ApiResult<ImportPreview> {
        let bytes = self.import_bytes(request.file.as_deref(), &request.bytes)?;
        let parsed = parse_csv(&bytes).map_err(file_refused)?;
        let existing = db.members().await?;
        let types = db.membership_types().await?;
        build_preview(
            &parsed,
            request,
            &existing,
            &types,
            self.clock.today(),
            self.lang,
        )
        .map_err(file_refused)
    }

    /// Imports every row not left out, in one transaction — only if every such row is in
    /// order; otherwise nothing is imported and the error says which line to fix. The
    /// preview is built again inside the transaction, so it decides from what it writes over.
    pub async fn members_import_apply(&self, request: ImportRequest) -> ApiResult<ImportOutcome> {
        let (mut tx, _) = self.begin_in_association().await?;
        let preview = self.import_preview_in(&mut tx.reader(), &request).await?;
        let types = tx.membership_types().await?;
        let first_free = tx.max_member_no().await?.saturating_add(1);
        let kept = tx.birth_kept().await?.0;
        let members: Vec<_> = members_to_import(&preview, &types, first_free, self.clock.today())
            .map_err(import_error)?
            .into_iter()
            .map(|m| m.with_birth_kept(kept))
            .collect();
        self.insert_members_in(&mut tx, &members, kvorum_core::consent::HOW_IMPORT)
            .await?;
        tx.commit().await?;
        let imported = u32::try_from(members.len()).unwrap_or(u32::MAX);
        let message = Text::new("import-done")
            .num("count", imported)
            .render(self.lang);
        Ok(ImportOutcome { imported, message })
    }
}
