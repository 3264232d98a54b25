//! Creating and editing the association the database holds.

use kvorum_core::association::{validate_association, Association, AssociationInput};
use kvorum_core::ids::AssociationId;
use kvorum_core::members::builtin_membership_types;
use kvorum_core::text::Text;

use crate::dto::AssociationUpdate;
use crate::{Api, ApiError, ApiResult, ErrorCode};

impl Api {
    /// The association, or `None` for a new, empty database.
    pub async fn association_get(&self) -> ApiResult<Option<Association>> {
        Ok(self.store.association().await?)
    }

    /// The association, or an error telling the user to create it first.
    pub async fn require_association(&self) -> ApiResult<Association> {
        self.store.association().await?.ok_or_else(no_association)
    }

    /// Creates the association with the three built-in membership types.
    pub async fn association_create(&self, input: AssociationInput) -> ApiResult<Association> {
        let valid = validate_association(&input).map_err(ApiError::validation)?;
        let mut tx = self.begin().await?;
        if tx.association().await?.is_some() {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                Text::new("association-exists"),
            ));
        }
        let association = Association::new(AssociationId::new(), &valid);
        tx.insert_association(&association).await?;
        for (i, t) in builtin_membership_types().iter().enumerate() {
            tx.insert_membership_type(t, i64::try_from(i).unwrap_or(0))
                .await?;
        }
        Self::insert_standard_accounts(&mut tx).await?;
        // A new association starts from the standard bylaws, as a draft to edit and adopt;
        // both land together or not at all.
        let draft = crate::bylaws::first_draft(&valid);
        tx.insert_bylaws_version(&draft).await?;
        tx.commit().await?;
        self.require_association().await
    }

    pub async fn association_update(&self, update: AssociationUpdate) -> ApiResult<Association> {
        let valid = validate_association(&update.input).map_err(ApiError::validation)?;
        let mut tx = self.begin().await?;
        let before = tx.association().await?.ok_or_else(no_association)?;
        if before.version != update.version {
            return Err(ApiError::conflict("Foreningen"));
        }
        let after = Association {
            version: before.version + 1,
            ..Association::new(before.id, &valid)
        };
        tx.update_association(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, "Foreningen"))?;
        tx.commit().await?;
        self.require_association().await
    }
}

/// A database without its association yet.
pub(crate) fn no_association() -> ApiError {
    ApiError::new(ErrorCode::NoAssociation, Text::new("error-no-association"))
}
