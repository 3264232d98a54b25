//! The bylaws and their versions: draft, settings, adoption, differences, import, print.

use super::*;

impl Api {
    /// All versions, oldest first (an association gets its first draft when it is created).
    pub(crate) async fn bylaws_all(&self) -> ApiResult<Vec<BylawsVersion>> {
        self.require_association().await?;
        Ok(self.store.bylaws_versions().await?)
    }

    pub async fn bylaws_overview(&self) -> ApiResult<BylawsOverview> {
        let versions = self.bylaws_all().await?;
        Ok(BylawsOverview {
            in_force: in_force(&versions, self.clock.today()).map(|v| v.number),
            draft: versions
                .iter()
                .find(|v| v.status == VersionStatus::Draft)
                .map(|v| v.number),
            versions: versions.iter().map(summary).collect(),
        })
    }

    pub async fn bylaws_version(&self, number: i64) -> ApiResult<BylawsVersion> {
        self.bylaws_all()
            .await?
            .into_iter()
            .find(|v| v.number == number)
            .ok_or_else(|| ApiError::not_found(&format!("Vedtægtsversion {number}")))
    }

    /// The version in force today, else the draft (a new association has adopted nothing yet).
    pub async fn bylaws_current(&self) -> ApiResult<BylawsVersion> {
        let versions = self.bylaws_all().await?;
        let today = self.clock.today();
        governing(&versions, today, today)
            .cloned()
            .ok_or_else(|| ApiError::not_found("Vedtægterne"))
    }

    /// The settings in force (the draft's while nothing is adopted).
    pub async fn rules_in_force(&self) -> ApiResult<RuleSettings> {
        Ok(self.bylaws_current().await?.rules)
    }

    /// The draft to edit; starts one from the version in force when there is none.
    pub async fn bylaws_draft(&self) -> ApiResult<BylawsVersion> {
        let versions = self.bylaws_all().await?;
        if let Some(d) = versions.iter().find(|v| v.status == VersionStatus::Draft) {
            return Ok(d.clone());
        }
        let base = in_force(&versions, self.clock.today())
            .or(versions.last())
            .cloned();
        let Some(base) = base else {
            return Err(ApiError::not_found("Vedtægterne"));
        };
        let draft = BylawsVersion {
            id: BylawsVersionId::new(),
            number: versions.iter().map(|v| v.number).max().unwrap_or(0) + 1,
            status: VersionStatus::Draft,
            adopted_on: None,
            in_force_from: None,
            adopted_note: None,
            version: 1,
            ..base
        };
        let mut tx = self.begin().await?;
        tx.insert_bylaws_version(&draft)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        tx.commit().await?;
        Ok(draft)
    }

    /// Saves the draft's text and settings. Where a setting changed, the number in its §
    /// follows when the text states it in a recognisable phrase; otherwise a warning says
    /// which § to check.
    pub async fn bylaws_save_draft(&self, update: DraftUpdate) -> ApiResult<DraftSaved> {
        let before = self
            .bylaws_all()
            .await?
            .into_iter()
            .find(|v| v.id == update.id)
            .ok_or_else(|| ApiError::not_found(WHAT))?;
        if before.status != VersionStatus::Draft {
            return Err(ApiError::new(
                ErrorCode::Validation,
                Text::new("bylaws-adopted-locked"),
            ));
        }
        if before.version != update.version {
            return Err(ApiError::conflict(WHAT));
        }
        let mut text = update.text;
        let mut errs = FieldErrors::default();
        if let Err(e) = text.validate() {
            errs.0.extend(e.0);
        }
        if let Err(e) = update.rules.validate() {
            errs.0.extend(e.0);
        }
        if !errs.is_empty() {
            return Err(ApiError::validation(errs));
        }
        let manual = follow_settings(&mut text, &before.rules, &update.rules);
        let warnings = manual
            .iter()
            .filter_map(|k| text.number_of(k))
            .map(|n| format!("Tjek teksten i § {n}: den nævner ikke den ændrede værdi på en måde, Kvorum kan rette selv."))
            .collect();
        let after = BylawsVersion {
            text,
            rules: update.rules,
            version: before.version + 1,
            ..before.clone()
        };
        let mut tx = self.begin().await?;
        tx.update_bylaws_version(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        tx.commit().await?;
        Ok(DraftSaved {
            draft: after,
            warnings,
        })
    }

    /// Sets one setting by its dotted key, e.g. `ordinary.noticeDays` = `21`, in the draft.
    pub async fn bylaws_set_rule(&self, key: String, value: String) -> ApiResult<DraftSaved> {
        let draft = self.bylaws_draft().await?;
        let rules = set_by_path(&draft.rules, &key, &value)?;
        self.bylaws_save_draft(DraftUpdate {
            id: draft.id,
            version: draft.version,
            text: draft.text,
            rules,
        })
        .await
    }

    /// Adopts the draft: it becomes read-only and, from its in-force date, the bylaws.
    pub async fn bylaws_adopt(&self, input: AdoptInput) -> ApiResult<BylawsVersion> {
        let draft = self.bylaws_draft().await?;
        let adopted_on = input.adopted_on.unwrap_or_else(|| self.clock.today());
        let in_force_from = input.in_force_from.unwrap_or(adopted_on);
        if in_force_from < adopted_on {
            let mut e = FieldErrors::default();
            e.push(
                "inForceFrom",
                "Vedtægterne kan ikke træde i kraft, før de er vedtaget.",
            );
            return Err(ApiError::validation(e));
        }
        let note = input
            .note
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| {
                format!(
                    "Vedtaget på generalforsamlingen den {}",
                    format_date(adopted_on)
                )
            });
        let after = BylawsVersion {
            status: VersionStatus::Adopted,
            adopted_on: Some(adopted_on),
            in_force_from: Some(in_force_from),
            adopted_note: Some(note),
            version: draft.version + 1,
            ..draft.clone()
        };
        let mut tx = self.begin().await?;
        tx.update_bylaws_version(&draft, &after)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        tx.commit().await?;
        Ok(after)
    }

    /// What changed from version `from` to version `to`, section by section.
    pub async fn bylaws_diff(&self, from: i64, to: i64) -> ApiResult<Vec<SectionDiff>> {
        let a = self.bylaws_version(from).await?;
        let b = self.bylaws_version(to).await?;
        Ok(diff(&a.text, &b.text))
    }

    /// Reads bylaws pasted or saved as plain text, without changing anything.
    pub async fn bylaws_import_preview(&self, text: String) -> ApiResult<BylawsText> {
        parse_plain_text(&text).map_err(|m| ApiError::new(ErrorCode::Import, m))
    }

    /// Replaces the draft's text with the imported one (the settings stay).
    pub async fn bylaws_import_apply(&self, text: String) -> ApiResult<DraftSaved> {
        let parsed = self.bylaws_import_preview(text).await?;
        let draft = self.bylaws_draft().await?;
        self.bylaws_save_draft(DraftUpdate {
            id: draft.id,
            version: draft.version,
            text: parsed,
            rules: draft.rules,
        })
        .await
    }

    /// The bylaws in force (or the draft, marked as such) as PDF, with the adoption history.
    pub async fn bylaws_export_pdf(&self) -> ApiResult<ExportFile> {
        let association = self.require_association().await?;
        let versions = self.bylaws_all().await?;
        let today = self.clock.today();
        let current = self.bylaws_current().await?;
        let history = versions
            .iter()
            .filter(|v| v.status == VersionStatus::Adopted)
            .map(|v| {
                let note = v.adopted_note.clone().unwrap_or_default();
                match v.in_force_from {
                    Some(f) if Some(f) != v.adopted_on => {
                        format!("{note}, i kraft fra {}", format_date(f))
                    }
                    _ => note,
                }
            })
            .collect();
        let doc = kvorum_docs::BylawsDoc {
            association_name: association.name.clone(),
            draft: current.status == VersionStatus::Draft,
            adopted_note: current.adopted_note.clone(),
            history,
            printed_on: today,
            created_unix: self.clock.now().timestamp(),
            sections: current
                .text
                .sections
                .iter()
                .map(|s| (s.title.clone(), s.clauses.clone()))
                .collect(),
        };
        let bytes = kvorum_docs::bylaws_pdf(&doc).map_err(|e| {
            ApiError::new(ErrorCode::Internal, format!("PDF'en kunne ikke laves: {e}"))
        })?;
        Ok(ExportFile {
            file_name: format!("vedtaegter-{}.pdf", today.format("%Y-%m-%d")),
            bytes,
            rows: 0,
        })
    }
}
