//! The member register's use cases: list and search, add, edit, membership types.

pub mod export;
pub mod import;

use chrono::Datelike;
use kvorum_core::consent;
use kvorum_core::fees::{fee_status, matches_fee_filter};
use kvorum_core::ids::MemberId;
use kvorum_core::members::{
    new_membership_type, search_members, validate_member, FeeFilter, Member, MemberInput,
    MemberQuery, MembershipType, MembershipTypeError, SearchEntry,
};
use kvorum_core::text::Text;
use kvorum_core::FieldErrors;
use std::sync::Arc;

use kvorum_store::{StoreError, StoreTx};

use crate::consents::follow_flags;
use crate::dto::{HistoryEntry, MemberDetail, MemberListResult, MemberRow, MemberUpdate, YearFee};
use crate::{Api, ApiError, ApiResult, ErrorCode};

const WHAT: &str = "Medlemmet";

fn duplicate_no(no: i64) -> ApiError {
    let mut errs = FieldErrors::default();
    errs.push("memberNo", Text::new("member-no-taken").num("no", no));
    ApiError {
        code: ErrorCode::Duplicate,
        ..ApiError::validation(errs)
    }
}

/// Everything a search needs, loaded once.
pub struct MemberSnapshot {
    pub members: Vec<Member>,
    pub entries: Vec<SearchEntry>,
    pub rates: Vec<kvorum_core::fees::FeeRate>,
    pub payments: Vec<kvorum_core::fees::Payment>,
    /// How many members had a vote on a day under given voting rules, counted once for this
    /// snapshot: the desk shows it at every check-in, and counting is every member's fee
    /// status again (10 000 members: milliseconds).
    entitled: std::sync::Mutex<Vec<(chrono::NaiveDate, kvorum_core::rules::VotingRules, u32)>>,
}

/// The register read through `db`: members, fee rates and payments.
async fn read_register(db: &mut kvorum_store::Reader<'_>) -> ApiResult<Arc<MemberSnapshot>> {
    let members = db.members().await?;
    let rates = db.fee_rates().await?;
    let payments = db.payments(None).await?;
    Ok(Arc::new(MemberSnapshot::new(members, rates, payments)))
}

impl MemberSnapshot {
    pub fn new(
        members: Vec<Member>,
        rates: Vec<kvorum_core::fees::FeeRate>,
        payments: Vec<kvorum_core::fees::Payment>,
    ) -> Self {
        let entries = members.iter().map(SearchEntry::new).collect();
        MemberSnapshot {
            members,
            entries,
            rates,
            payments,
            entitled: std::sync::Mutex::default(),
        }
    }

    /// The number of members with a vote on `day` under `rules`: `count` once, then
    /// remembered (a few days and rule sets; the snapshot is replaced when the register
    /// changes).
    pub(crate) fn entitled_on(
        &self,
        day: chrono::NaiveDate,
        rules: &kvorum_core::rules::VotingRules,
        count: impl FnOnce() -> u32,
    ) -> u32 {
        // A panic elsewhere while the lock was held leaves only a count behind: still sound.
        let known = |seen: &Vec<(chrono::NaiveDate, kvorum_core::rules::VotingRules, u32)>| {
            seen.iter()
                .find(|(d, r, _)| *d == day && r == rules)
                .map(|(_, _, n)| *n)
        };
        if let Some(n) = known(&self.entitled.lock().unwrap_or_else(|e| e.into_inner())) {
            return n;
        }
        let n = count();
        let mut seen = self.entitled.lock().unwrap_or_else(|e| e.into_inner());
        if known(&seen).is_none() {
            if seen.len() >= 8 {
                seen.remove(0);
            }
            seen.push((day, rules.clone(), n));
        }
        n
    }

    /// The members matching `query`, in its order, with their fee status for `fee_year`.
    pub fn search(
        &self,
        query: &MemberQuery,
        fee_year: i32,
        today: chrono::NaiveDate,
    ) -> Vec<MemberRow> {
        let status = |m: &Member, y: i32| fee_status(m, y, &self.rates, &self.payments);
        let fee_matches = |m: &Member, f: FeeFilter| matches_fee_filter(status(m, f.year), f);
        search_members(&self.members, &self.entries, query, fee_matches, today)
            .into_iter()
            .map(|i| {
                let m = &self.members[i];
                MemberRow {
                    id: m.id,
                    member_no: m.member_no,
                    name: m.name.clone(),
                    address: m.address.clone(),
                    postal_code: m.postal_code.clone(),
                    city: m.city.clone(),
                    email: m.email.clone(),
                    phone: m.phone.clone(),
                    membership_type: m.membership_type.clone(),
                    roles: m.roles.clone(),
                    joined_on: m.joined_on,
                    left_on: m.left_on,
                    fee: status(m, fee_year),
                }
            })
            .collect()
    }
}

impl Api {
    pub async fn membership_types(&self) -> ApiResult<Vec<MembershipType>> {
        Ok(self.store.membership_types().await?)
    }

    /// Adds a membership type the association uses besides the built-in three.
    pub async fn membership_type_add(&self, name: String) -> ApiResult<MembershipType> {
        let mut tx = self.begin().await?;
        let existing = tx.membership_types().await?;
        let t = new_membership_type(&name, &existing).map_err(|e| match e {
            MembershipTypeError::NoName => ApiError::validation(FieldErrors::one(
                "name",
                Text::new("membership-type-name-missing"),
            )),
            MembershipTypeError::Exists(name) => ApiError {
                code: ErrorCode::Duplicate,
                ..ApiError::validation(FieldErrors::one(
                    "name",
                    Text::new("membership-type-exists").str("name", name),
                ))
            },
        })?;
        tx.insert_membership_type(&t, i64::try_from(existing.len()).unwrap_or(0))
            .await?;
        tx.commit().await?;
        Ok(t)
    }

    /// All members, rates and payments, read once per data generation.
    pub(crate) async fn member_snapshot(&self) -> ApiResult<Arc<MemberSnapshot>> {
        let mut cache = self.snapshot.lock().await;
        // The register's own counter, not the data generation: a check-in at the door or a
        // booking leaves the register, and this snapshot, as it was.
        let generation = self.store.register_changes().await?;
        if let Some((g, snap)) = cache.as_ref() {
            if *g == generation {
                return Ok(Arc::clone(snap));
            }
        }
        let snap = read_register(&mut self.store.reader()).await?;
        *cache = Some((generation, Arc::clone(&snap)));
        Ok(snap)
    }

    /// The register as `db` (a transaction about to write) sees it: the snapshot in memory
    /// when the register's change count there is the one it was read at — nothing in the
    /// register has changed since, committed or in this transaction —, else read through
    /// `db` (and not kept: the transaction may still roll back).
    pub(crate) async fn member_snapshot_in(
        &self,
        db: &mut kvorum_store::Reader<'_>,
    ) -> ApiResult<Arc<MemberSnapshot>> {
        let count = db.register_changes().await?;
        if let Some((g, snap)) = self.snapshot.lock().await.as_ref() {
            if *g == count {
                return Ok(Arc::clone(snap));
            }
        }
        read_register(db).await
    }

    /// The member list: search as you type, filters, sorting.
    pub async fn members_list(&self, query: MemberQuery) -> ApiResult<MemberListResult> {
        let snapshot = self.member_snapshot().await?;
        let today = self.clock.today();
        let fee_year = query.fee.map(|f| f.year).unwrap_or(today.year());
        let rows = snapshot.search(&query, fee_year, today);
        Ok(MemberListResult {
            rows,
            total: u32::try_from(snapshot.members.len()).unwrap_or(u32::MAX),
            fee_year,
        })
    }

    pub async fn member_get(&self, id: MemberId) -> ApiResult<MemberDetail> {
        let member = self
            .store
            .member(id)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        let payments = self.store.payments(Some(id)).await?;
        let rates = self.store.fee_rates().await?;
        let year = self.clock.today().year();
        let fees = [year, year - 1]
            .into_iter()
            .map(|y| {
                let status = fee_status(&member, y, &rates, &payments);
                YearFee {
                    year: y,
                    status,
                    text: status.describe_da(y),
                }
            })
            .collect();
        let kinds = self.store.consent_kinds().await?;
        let history = self
            .store
            .audit_search(&kvorum_store::AuditFilter {
                about: Some(id.to_string()),
                limit: 100,
                ..Default::default()
            })
            .await?
            .into_iter()
            .map(|a| HistoryEntry {
                id: a.id.to_string(),
                at: a.at.to_rfc3339(),
                text: describe_change(&a.entity, &a.action, &a.changes, &kinds),
                actor: a.actor,
                action: a.action,
                changes: a.changes,
            })
            .collect();
        Ok(MemberDetail {
            member,
            payments,
            fees,
            history,
            consents: self.consents_of(id).await?,
            consent_kinds: kinds,
        })
    }

    /// Validates a member; `no` is the member no. to use when the input gives none.
    pub(crate) fn valid_member(
        &self,
        input: &MemberInput,
        types: &[MembershipType],
        no: i64,
    ) -> ApiResult<Member> {
        let valid =
            validate_member(input, types, self.clock.today()).map_err(ApiError::validation)?;
        let no = valid.member_no.unwrap_or(no);
        Ok(valid.into_member(MemberId::new(), no, 1))
    }

    /// Inserts members and their audit entries inside `tx` (the form adds one, an import
    /// many), and in the consent log the e-mail consents ticked, given `how`.
    pub(crate) async fn insert_members_in(
        &self,
        tx: &mut StoreTx,
        members: &[Member],
        how: &str,
    ) -> ApiResult<()> {
        tx.insert_members(members).await.map_err(|e| match e {
            StoreError::Unique(_) if members.len() == 1 => duplicate_no(members[0].member_no),
            StoreError::Unique(_) => {
                ApiError::new(ErrorCode::Duplicate, Text::new("member-no-taken-meanwhile"))
            }
            other => other.into(),
        })?;
        let changes: Vec<(Option<&Member>, &Member)> = members.iter().map(|m| (None, m)).collect();
        follow_flags(tx, &changes, how, self.clock.today(), &self.actor).await
    }

    pub async fn member_add(&self, input: MemberInput) -> ApiResult<Member> {
        let (mut tx, _) = self.begin_in_association().await?;
        let types = tx.membership_types().await?;
        let next = tx.max_member_no().await?.saturating_add(1);
        let kept = tx.birth_kept().await?.0;
        let member = self
            .valid_member(&input, &types, next)?
            .with_birth_kept(kept);
        self.insert_members_in(&mut tx, std::slice::from_ref(&member), consent::HOW_FORM)
            .await?;
        tx.commit().await?;
        Ok(member)
    }

    /// Saves an edit, refusing it with `conflict` if someone else saved the member since
    /// `update.version` was read.
    pub async fn member_update(&self, update: MemberUpdate) -> ApiResult<Member> {
        let mut tx = self.begin().await?;
        let types = tx.membership_types().await?;
        let valid = validate_member(&update.input, &types, self.clock.today())
            .map_err(ApiError::validation)?;
        let before = tx
            .member(update.id)
            .await
            .map_err(|e| ApiError::from_store(e, WHAT))?;
        if before.version != update.version {
            return Err(ApiError::conflict(WHAT));
        }
        let no = valid.member_no.unwrap_or(before.member_no);
        let kept = tx.birth_kept().await?.0;
        let after = valid
            .into_member(update.id, no, update.version + 1)
            .with_birth_kept(kept);
        tx.update_member(&before, &after)
            .await
            .map_err(|e| match e {
                StoreError::Unique(_) => duplicate_no(no),
                other => ApiError::from_store(other, WHAT),
            })?;
        let today = self.clock.today();
        follow_flags(
            &mut tx,
            &[(Some(&before), &after)],
            consent::HOW_FORM,
            today,
            &self.actor,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }
}

impl Api {
    /// Finds a member by member no. (for the CLI and scripts).
    pub async fn member_by_no(&self, no: i64) -> ApiResult<Member> {
        self.store
            .members()
            .await?
            .into_iter()
            .find(|m| m.member_no == no)
            .ok_or_else(|| ApiError::not_found(&format!("Medlem nr. {no}")))
    }
}

/// A Danish line for a member's history.
pub(crate) fn describe_change(
    entity: &str,
    action: &str,
    changes: &str,
    kinds: &[consent::ConsentKind],
) -> String {
    let json: serde_json::Value = serde_json::from_str(changes).unwrap_or_default();
    match (entity, action) {
        ("member", "create") => "Medlem oprettet".into(),
        ("member", "update") => {
            let labels: Vec<&str> = json
                .as_object()
                .map(|o| o.keys().map(|k| field_label(k)).collect())
                .unwrap_or_default();
            if labels.is_empty() {
                "Gemt uden ændringer".into()
            } else {
                format!("Ændret: {}", labels.join(", "))
            }
        }
        ("payment", "reverse") => {
            let amount = kvorum_core::Money(json["amount"].as_i64().unwrap_or(0));
            format!(
                "Betaling tilbageført: {} for {} ({})",
                amount.format_dkk(),
                json["year"].as_i64().unwrap_or(0),
                json["reason"].as_str().unwrap_or("")
            )
        }
        ("payment", _) => {
            let amount = kvorum_core::Money(json["amount"].as_i64().unwrap_or(0));
            format!(
                "Kontingent betalt: {} for {}",
                amount.format_dkk(),
                json["year"].as_i64().unwrap_or(0)
            )
        }
        ("reminder", _) => {
            let amount = kvorum_core::Money(json["amount"].as_i64().unwrap_or(0));
            let how = if json["channel"].as_str() == Some("letter") {
                "brev"
            } else {
                "e-mail"
            };
            format!(
                "{}. rykker for kontingent {} sendt som {how}: {}",
                json["level"].as_i64().unwrap_or(1),
                json["year"].as_i64().unwrap_or(0),
                amount.format_dkk()
            )
        }
        ("member", "anonymise") => "Anonymiseret ved den årlige oprydning".into(),
        ("consent", "create") => {
            let kind = json["kind"].as_str().unwrap_or("");
            let what = kinds
                .iter()
                .find(|k| k.code == kind)
                .map_or_else(|| kind.to_owned(), |k| k.name.to_lowercase());
            format!(
                "Samtykke givet: {what} ({}, {})",
                json["givenHow"].as_str().unwrap_or(""),
                json["givenOn"]
                    .as_str()
                    .and_then(|d| d.parse().ok())
                    .map(kvorum_core::dates::format_date)
                    .unwrap_or_default()
            )
        }
        ("consent", "update") => {
            let kind = json["kind"].as_str().unwrap_or("");
            let what = kinds
                .iter()
                .find(|k| k.code == kind)
                .map_or_else(|| kind.to_owned(), |k| k.name.to_lowercase());
            format!("Samtykke trukket tilbage: {what}")
        }
        (e, a) => {
            let what = match e {
                "member" => "Medlem",
                "booking" => "Postering",
                "proposal" => "Forslag",
                "attendance" => "Fremmøde",
                "proxy" => "Fuldmagt",
                "board_term" => "Tillidspost",
                "meeting" => "Møde",
                "minutes" => "Referat",
                "decision" => "Beslutning",
                "election" => "Valg",
                "voucher" => "Bilag",
                other => other,
            };
            let done = match a {
                "create" => "oprettet",
                "update" => "ændret",
                "delete" => "slettet",
                "approve" => "godkendt",
                other => other,
            };
            format!("{what} {done}")
        }
    }
}

pub(crate) fn field_label(field: &str) -> &str {
    match field {
        "memberNo" => "medlemsnr.",
        "name" => "navn",
        "address" => "adresse",
        "postalCode" => "postnr.",
        "city" => "by",
        "email" => "e-mail",
        "phone" => "telefon",
        "birthDate" => "fødselsdato",
        "birthYear" => "fødselsår",
        "joinedOn" => "indmeldt",
        "leftOn" => "udmeldt",
        "leftReason" => "udmeldelsesårsag",
        "membershipType" => "medlemstype",
        "roles" => "roller",
        "emailConsent" => "samtykke til e-mail",
        other => other,
    }
}

/// How much of a member's birth the register keeps (collect the minimum), with its version.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterSettings {
    pub birth: kvorum_core::members::BirthKept,
    #[ts(type = "number")]
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterSettingsSaved {
    pub settings: RegisterSettings,
    /// What changed in the register: "3 medlemmers fødselsdatoer er nu kun fødselsåret …".
    pub message: String,
}

impl Api {
    pub async fn register_settings_get(&self) -> ApiResult<RegisterSettings> {
        let (birth, version) = self.store.birth_kept().await?;
        Ok(RegisterSettings { birth, version })
    }

    /// Saves how much of a birth is kept; less than before takes it out of every entry and
    /// the change log at once, in one transaction.
    pub async fn register_settings_set(
        &self,
        s: RegisterSettings,
    ) -> ApiResult<RegisterSettingsSaved> {
        use kvorum_core::members::BirthKept;
        let (mut tx, _) = self.begin_in_association().await?;
        let changed = tx
            .set_birth_kept(s.birth, s.version)
            .await
            .map_err(|e| ApiError::from_store(e, "Indstillingerne"))?;
        tx.commit().await?;
        let n = i64::try_from(changed).unwrap_or(i64::MAX);
        let message = match (s.birth, changed) {
            (_, 0) | (BirthKept::Date, _) => Text::new("register-birth-saved"),
            (BirthKept::Year, _) => Text::new("register-birth-year").num("n", n),
            (BirthKept::Nothing, _) => Text::new("register-birth-nothing").num("n", n),
        }
        .render(self.lang);
        Ok(RegisterSettingsSaved {
            settings: self.register_settings_get().await?,
            message,
        })
    }
}
