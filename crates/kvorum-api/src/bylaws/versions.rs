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
        let mut tx = self.begin().await?;
        let draft = self.draft_in(&mut tx).await?;
        tx.commit().await?;
        Ok(draft)
    }

    /// The draft inside `tx`, started there when there is none.
    async fn draft_in(&self, tx: &mut StoreTx) -> ApiResult<BylawsVersion> {
        if tx.association().await?.is_none() {
            return Err(crate::association::no_association());
        }
        let versions = tx.bylaws_versions().await?;
        if let Some(d) = versions.iter().find(|v| v.status == VersionStatus::Draft) {
            return Ok(d.clone());
        }
        let draft = new_draft(&versions, self.clock.today())
            .ok_or_else(|| ApiError::not_found("Vedtægterne"))?;
        tx.insert_bylaws_version(&draft)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        Ok(draft)
    }

    /// Saves the draft's text and settings. Where a setting changed, the number in its §
    /// follows when the text states it in a recognisable phrase; otherwise a warning says
    /// which § to check.
    pub async fn bylaws_save_draft(&self, update: DraftUpdate) -> ApiResult<DraftSaved> {
        let mut tx = self.begin().await?;
        let saved = self.save_draft_in(&mut tx, update).await?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn save_draft_in(&self, tx: &mut StoreTx, update: DraftUpdate) -> ApiResult<DraftSaved> {
        if tx.association().await?.is_none() {
            return Err(crate::association::no_association());
        }
        let before = tx
            .bylaws_versions()
            .await?
            .into_iter()
            .find(|v| v.id == update.id)
            .ok_or_else(|| ApiError::not_found(WHAT))?;
        if before.status != VersionStatus::Draft {
            return Err(ApiError::refused(Text::new("bylaws-adopted-locked")));
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
            .map(|n| {
                Text::new("bylaws-check-section")
                    .num("number", i64::try_from(n).unwrap_or(0))
                    .render(self.lang)
            })
            .collect();
        let after = BylawsVersion {
            text,
            rules: update.rules,
            version: before.version + 1,
            ..before.clone()
        };
        tx.update_bylaws_version(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        Ok(DraftSaved {
            draft: after,
            warnings,
        })
    }

    /// Sets one setting by its dotted key, e.g. `ordinary.noticeDays` = `21`, in the draft.
    pub async fn bylaws_set_rule(&self, key: String, value: String) -> ApiResult<DraftSaved> {
        self.change_draft(|draft| {
            Ok((draft.text.clone(), set_by_path(&draft.rules, &key, &value)?))
        })
        .await
    }

    /// Changes the draft (started when there is none) in one transaction: `change` gives
    /// its new text and settings from the draft as the transaction reads it.
    async fn change_draft(
        &self,
        change: impl FnOnce(&BylawsVersion) -> ApiResult<(BylawsText, RuleSettings)>,
    ) -> ApiResult<DraftSaved> {
        let mut tx = self.begin().await?;
        let draft = self.draft_in(&mut tx).await?;
        let (text, rules) = change(&draft)?;
        let update = DraftUpdate {
            id: draft.id,
            version: draft.version,
            text,
            rules,
        };
        let saved = self.save_draft_in(&mut tx, update).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Adopts the draft: it becomes read-only and, from its in-force date, the bylaws.
    pub async fn bylaws_adopt(&self, input: AdoptInput) -> ApiResult<BylawsVersion> {
        let mut tx = self.begin().await?;
        let draft = self.draft_in(&mut tx).await?;
        let adopted_on = input.adopted_on.unwrap_or_else(|| self.clock.today());
        let after = adopt(
            &draft,
            adopted_on,
            input.in_force_from,
            input.note.as_deref(),
        )
        .map_err(ApiError::validation)?;
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
    pub async fn bylaws_import_preview(&self, text: String) -> ApiResult<BylawsImport> {
        let parsed = parse_plain_text(&text).map_err(|m| ApiError::new(ErrorCode::Import, m))?;
        // Compared with the draft the text would go into (the one there is, or the one an
        // import would start from the version in force), read without writing.
        let versions = self.bylaws_all().await?;
        let base = match versions.iter().find(|v| v.status == VersionStatus::Draft) {
            Some(d) => d.rules.clone(),
            None => new_draft(&versions, self.clock.today())
                .map(|d| d.rules)
                .unwrap_or_default(),
        };
        let settings = read_settings(&parsed, &base, self.lang);
        Ok(BylawsImport {
            text: parsed,
            settings,
        })
    }

    /// Replaces the draft's text with the imported one, with the settings read from it that
    /// the secretary accepted; every setting then points at a § the new text has.
    pub async fn bylaws_import_apply(&self, input: BylawsImportApply) -> ApiResult<DraftSaved> {
        let parsed =
            parse_plain_text(&input.text).map_err(|m| ApiError::new(ErrorCode::Import, m))?;
        self.change_draft(|draft| {
            let rules = apply_settings(&parsed, &draft.rules, input.accept.as_deref());
            Ok((parsed, rules))
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
                .map(|s| {
                    let inside = s
                        .headings
                        .iter()
                        .map(|h| {
                            (
                                usize::try_from(h.before).unwrap_or(usize::MAX),
                                h.text.clone(),
                            )
                        })
                        .collect();
                    (s.title.clone(), s.clauses.clone(), inside)
                })
                .collect(),
        };
        let bytes = kvorum_docs::bylaws_pdf(&doc).map_err(crate::documents::pdf_failed)?;
        Ok(ExportFile {
            file_name: format!("vedtaegter-{}.pdf", today.format("%Y-%m-%d")),
            bytes,
            rows: 0,
        })
    }
}
