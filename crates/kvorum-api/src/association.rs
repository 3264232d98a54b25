//! Creating and editing the association the database holds.

use kvorum_core::association::{validate_association, Association, AssociationInput};
use kvorum_core::ids::AssociationId;
use kvorum_core::members::builtin_membership_types;
use kvorum_store::AuditRecord;

use crate::dto::AssociationUpdate;
use crate::{Api, ApiError, ApiResult, ErrorCode};

impl Api {
    /// The association, or `None` for a new, empty database.
    pub async fn association_get(&self) -> ApiResult<Option<Association>> {
        Ok(self.store.association().await?)
    }

    /// The association, or an error telling the user to create it first.
    pub async fn require_association(&self) -> ApiResult<Association> {
        self.store.association().await?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::NoAssociation,
                "Databasen har endnu ingen forening. Opret foreningen først.",
            )
        })
    }

    /// Creates the association with the three built-in membership types.
    pub async fn association_create(&self, input: AssociationInput) -> ApiResult<Association> {
        let valid = validate_association(&input).map_err(ApiError::validation)?;
        if self.store.association().await?.is_some() {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                "Denne database har allerede en forening. Én database rummer én forening: opret en ny fil til en anden forening.",
            ));
        }
        let id = AssociationId::new();
        let mut tx = self.begin().await?;
        tx.insert_association(id, &valid).await?;
        for (i, t) in builtin_membership_types().iter().enumerate() {
            tx.insert_membership_type(t, i64::try_from(i).unwrap_or(0))
                .await?;
        }
        let created = serde_json::to_value(&input).unwrap_or_default();
        tx.audit(AuditRecord {
            entity: "association",
            entity_id: id.to_string(),
            action: "create",
            changes: created,
        })
        .await?;
        // A new association starts from the standard bylaws, as a draft to edit and adopt;
        // both land together or not at all.
        let draft = crate::bylaws::first_draft(&valid);
        tx.insert_bylaws_version(&draft).await?;
        tx.audit(AuditRecord {
            entity: "bylaws",
            entity_id: draft.id.to_string(),
            action: "create",
            changes: serde_json::json!({ "from": "template" }),
        })
        .await?;
        tx.commit().await?;
        self.require_association().await
    }

    pub async fn association_update(&self, update: AssociationUpdate) -> ApiResult<Association> {
        let before = self.require_association().await?;
        let valid = validate_association(&update.input).map_err(ApiError::validation)?;
        let mut tx = self.begin().await?;
        tx.update_association(&valid, update.version)
            .await
            .map_err(|e| ApiError::from_store(e, "Foreningen"))?;
        let after = Association {
            version: before.version + 1,
            name: valid.name.clone(),
            cvr: valid.cvr.clone(),
            address: valid.address.clone(),
            postal_code: valid.postal_code.clone(),
            city: valid.city.clone(),
            municipality: valid.municipality.clone(),
            fiscal_year_start_month: valid.fiscal_year_start_month,
            id: before.id,
        };
        let changes = kvorum_store::audit::diff(
            &serde_json::to_value(&before).unwrap_or_default(),
            &serde_json::to_value(&after).unwrap_or_default(),
        );
        tx.audit(AuditRecord {
            entity: "association",
            entity_id: before.id.to_string(),
            action: "update",
            changes,
        })
        .await?;
        tx.commit().await?;
        self.require_association().await
    }
}
