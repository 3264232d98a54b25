//! The member register: validation on construction, and search over the list.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::MemberId;
use crate::text::Text;
use crate::validation::FieldErrors;

/// What a person does in the association besides being a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// frivillig
    Volunteer,
    /// aktivkreds: the on-call helper circle
    Aktivkreds,
    /// ansat
    Staff,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Volunteer, Role::Aktivkreds, Role::Staff];

    pub fn code(self) -> &'static str {
        match self {
            Role::Volunteer => "volunteer",
            Role::Aktivkreds => "aktivkreds",
            Role::Staff => "staff",
        }
    }
    pub fn from_code(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == s)
    }
    pub fn label_da(self) -> &'static str {
        match self {
            Role::Volunteer => "Frivillig",
            Role::Aktivkreds => "Aktivkreds",
            Role::Staff => "Ansat",
        }
    }
    /// Reads a role the way a Danish spreadsheet writes it.
    pub fn parse_danish(s: &str) -> Option<Role> {
        match s.trim().to_lowercase().as_str() {
            "frivillig" | "volunteer" => Some(Role::Volunteer),
            "aktivkreds" | "aktivkredsen" => Some(Role::Aktivkreds),
            "ansat" | "personale" | "staff" => Some(Role::Staff),
            _ => None,
        }
    }
    pub fn encode_list(roles: &[Role]) -> String {
        roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(",")
    }
    pub fn decode_list(s: &str) -> Vec<Role> {
        let mut v: Vec<Role> = s.split(',').filter_map(Role::from_code).collect();
        v.sort();
        v.dedup();
        v
    }
}

/// A kind of membership. The three built-in ones always exist; an association may add more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MembershipType {
    /// Stable code, e.g. `ordinary`, or a slug of the name for added types.
    pub code: String,
    /// Danish name shown in the UI, e.g. "Ordinært medlem".
    pub name: String,
    pub builtin: bool,
}

pub fn builtin_membership_types() -> Vec<MembershipType> {
    [
        ("ordinary", "Ordinært medlem"),
        ("supporting", "Støttemedlem"),
        ("honorary", "Æresmedlem"),
    ]
    .into_iter()
    .map(|(code, name)| MembershipType {
        code: code.into(),
        name: name.into(),
        builtin: true,
    })
    .collect()
}

/// Why a membership type cannot be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MembershipTypeError {
    #[error("the membership type has no name")]
    NoName,
    #[error("the membership type {0} exists already")]
    Exists(String),
}

/// A membership type the association adds besides the built-in three, named `name`; refused
/// when a type of that code or name exists.
pub fn new_membership_type(
    name: &str,
    existing: &[MembershipType],
) -> Result<MembershipType, MembershipTypeError> {
    let name = name.trim().to_owned();
    let code = membership_type_code(&name);
    if name.is_empty() || code.is_empty() {
        return Err(MembershipTypeError::NoName);
    }
    if existing
        .iter()
        .any(|t| t.code == code || t.name.to_lowercase() == name.to_lowercase())
    {
        return Err(MembershipTypeError::Exists(name));
    }
    Ok(MembershipType {
        code,
        name,
        builtin: false,
    })
}

/// A code for an added membership type: lowercase ASCII letters, digits and dashes.
pub fn membership_type_code(name: &str) -> String {
    let mut code = String::new();
    for ch in name.trim().to_lowercase().chars() {
        let mapped = match ch {
            'æ' => "ae".to_string(),
            'ø' => "oe".to_string(),
            'å' => "aa".to_string(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => "-".to_string(),
        };
        code.push_str(&mapped);
    }
    let parts: Vec<&str> = code.split('-').filter(|p| !p.is_empty()).collect();
    parts.join("-")
}

/// What a form or an import row says about a member. Every field is checked by
/// [`validate_member`]; nothing here is trusted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct MemberInput {
    /// Member no.; `None` means "give the next free number".
    #[ts(type = "number | null")]
    pub member_no: Option<i64>,
    pub name: String,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// The year of birth alone, where the association keeps only the year.
    #[ts(type = "number | null")]
    pub birth_year: Option<i32>,
    pub joined_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    pub left_reason: Option<String>,
    pub membership_type: String,
    pub roles: Vec<Role>,
    pub email_consent: bool,
}

/// A member as the register keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub id: MemberId,
    #[ts(type = "number")]
    pub member_no: i64,
    pub name: String,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// The year of birth, when only the year is kept (then `birth_date` is `None`).
    #[ts(type = "number | null")]
    pub birth_year: Option<i32>,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub left_reason: Option<String>,
    pub membership_type: String,
    pub roles: Vec<Role>,
    pub email_consent: bool,
    /// Optimistic-concurrency version; an update must name the version it started from.
    #[ts(type = "number")]
    pub version: i64,
}

/// How much of a member's birth the association keeps (a setting: collect the minimum).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BirthKept {
    /// The whole date.
    #[default]
    Date,
    /// Only the year.
    Year,
    /// Nothing.
    Nothing,
}

impl BirthKept {
    pub fn code(self) -> &'static str {
        match self {
            BirthKept::Date => "date",
            BirthKept::Year => "year",
            BirthKept::Nothing => "nothing",
        }
    }
    pub fn from_code(s: &str) -> Option<BirthKept> {
        [BirthKept::Date, BirthKept::Year, BirthKept::Nothing]
            .into_iter()
            .find(|k| k.code() == s)
    }
}

impl Member {
    /// The entry with no more of the birth than the association keeps: a date becomes its
    /// year where only the year is kept; neither is kept where nothing is.
    pub fn with_birth_kept(mut self, kept: BirthKept) -> Member {
        match kept {
            BirthKept::Date => {}
            BirthKept::Year => {
                if let Some(d) = self.birth_date.take() {
                    self.birth_year = Some(d.year());
                }
            }
            BirthKept::Nothing => {
                self.birth_date = None;
                self.birth_year = None;
            }
        }
        self
    }
    /// The year of birth, from the date or the year kept.
    pub fn born_in(&self) -> Option<i32> {
        self.birth_date.map(|d| d.year()).or(self.birth_year)
    }

    /// Member in the given calendar year (joined before its end, not left before its start).
    pub fn active_in_year(&self, year: i32) -> bool {
        self.joined_on.year() <= year && self.left_on.is_none_or(|l| l.year() >= year)
    }
    /// Member on the given day.
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.joined_on <= day && self.left_on.is_none_or(|l| l > day)
    }
}

/// The validated content of a member (the store adds id and version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidMember {
    pub member_no: Option<i64>,
    pub name: String,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub birth_year: Option<i32>,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub left_reason: Option<String>,
    pub membership_type: String,
    pub roles: Vec<Role>,
    pub email_consent: bool,
}

impl ValidMember {
    pub fn into_member(self, id: MemberId, member_no: i64, version: i64) -> Member {
        Member {
            id,
            member_no,
            name: self.name,
            address: self.address,
            postal_code: self.postal_code,
            city: self.city,
            email: self.email,
            phone: self.phone,
            birth_date: self.birth_date,
            birth_year: self.birth_year,
            joined_on: self.joined_on,
            left_on: self.left_on,
            left_reason: self.left_reason,
            membership_type: self.membership_type,
            roles: self.roles,
            email_consent: self.email_consent,
            version,
        }
    }
}

impl From<&Member> for MemberInput {
    fn from(m: &Member) -> Self {
        MemberInput {
            member_no: Some(m.member_no),
            name: m.name.clone(),
            address: m.address.clone(),
            postal_code: m.postal_code.clone(),
            city: m.city.clone(),
            email: m.email.clone(),
            phone: m.phone.clone(),
            birth_date: m.birth_date,
            birth_year: m.birth_year,
            joined_on: Some(m.joined_on),
            left_on: m.left_on,
            left_reason: m.left_reason.clone(),
            membership_type: m.membership_type.clone(),
            roles: m.roles.clone(),
            email_consent: m.email_consent,
        }
    }
}

/// An optional text as stored: trimmed, and `None` when nothing is left.
pub fn normalize_optional(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// An e-mail address: one `@`, something before it, a domain with a dot after it.
pub fn check_email(s: &str) -> Result<String, Text> {
    let e = s.trim().to_lowercase();
    let bad = || Text::new("field-email").str("value", s.trim());
    let (local, domain) = e.split_once('@').ok_or_else(bad)?;
    if local.is_empty()
        || domain.contains('@')
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || domain.contains("..")
        || e.chars()
            .any(|c| c.is_whitespace() || c == ',' || c == ';' || c == '<' || c == '>')
        || e.len() > 254
    {
        return Err(bad());
    }
    Ok(e)
}

/// A Danish postal code: four digits, 0555–9990.
pub fn check_postal_code(s: &str) -> Result<String, Text> {
    let p = s.trim();
    if p.len() == 4 && p.chars().all(|c| c.is_ascii_digit()) && p >= "0555" {
        Ok(p.to_owned())
    } else {
        Err(Text::new("field-postal-code").str("value", p))
    }
}

/// A phone number: digits with an optional leading `+`; spaces and dashes are allowed
/// while typing and kept as written.
pub fn check_phone(s: &str) -> Result<String, Text> {
    let p = s.trim();
    let digits: String = p.chars().filter(|c| c.is_ascii_digit()).collect();
    let allowed = p
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || c == ' ' || c == '-' || (c == '+' && i == 0));
    if allowed && (8..=15).contains(&digits.len()) {
        Ok(p.to_owned())
    } else {
        Err(Text::new("field-phone").str("value", p))
    }
}

/// Checks every field of a member and reports every problem at once, in Danish.
/// `known_types` are the association's membership-type codes.
pub fn validate_member(
    input: &MemberInput,
    known_types: &[MembershipType],
    today: NaiveDate,
) -> Result<ValidMember, FieldErrors> {
    let mut errs = FieldErrors::default();

    if let Some(no) = input.member_no {
        if !(1..=MAX_MEMBER_NO).contains(&no) {
            errs.push("memberNo", Text::new("field-member-no"));
        }
    }
    let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        errs.push("name", Text::new("field-member-name"));
    } else if name.chars().count() > 200 {
        errs.push("name", Text::new("field-name-too-long"));
    }
    let email = normalize_optional(&input.email).and_then(|e| errs.take("email", check_email(&e)));
    let postal_code = normalize_optional(&input.postal_code)
        .and_then(|p| errs.take("postalCode", check_postal_code(&p)));
    let phone = normalize_optional(&input.phone).and_then(|p| errs.take("phone", check_phone(&p)));

    if let Some(b) = input.birth_date {
        if b > today {
            errs.push("birthDate", Text::new("field-birth-future"));
        } else if b.year() < 1900 {
            errs.push("birthDate", Text::new("field-birth-1900"));
        }
    }
    if let Some(y) = input.birth_year {
        if y > today.year() {
            errs.push("birthYear", Text::new("field-birth-year-future"));
        } else if y < 1900 {
            errs.push("birthYear", Text::new("field-birth-1900"));
        }
    }
    let joined_on = match input.joined_on {
        Some(j) => Some(j),
        None => {
            errs.push("joinedOn", Text::new("field-joined-required"));
            None
        }
    };
    if let (Some(j), Some(b)) = (joined_on, input.birth_date) {
        if j < b {
            errs.push("joinedOn", Text::new("field-joined-before-birth"));
        }
    }
    crate::dates::check_plausible(&mut errs, "joinedOn", joined_on);
    crate::dates::check_plausible(&mut errs, "leftOn", input.left_on);
    let left_reason = normalize_optional(&input.left_reason);
    if let Some(l) = input.left_on {
        if let Some(j) = joined_on {
            if l < j {
                errs.push("leftOn", Text::new("field-left-before-joined"));
            }
        }
    } else if left_reason.is_some() {
        errs.push("leftOn", Text::new("field-left-required"));
    }
    if let Some(r) = &left_reason {
        if r.chars().count() > 200 {
            errs.push("leftReason", Text::new("field-left-reason-long"));
        }
    }
    // Never a CPR number, whichever field it was typed in.
    for (field, value) in [
        ("name", Some(input.name.as_str())),
        ("address", input.address.as_deref()),
        ("city", input.city.as_deref()),
        ("email", input.email.as_deref()),
        ("phone", input.phone.as_deref()),
        ("leftReason", input.left_reason.as_deref()),
    ] {
        if value.is_some_and(crate::validation::looks_like_cpr) {
            errs.push(field, crate::validation::cpr_refused());
        }
    }
    let membership_type = input.membership_type.trim().to_owned();
    if membership_type.is_empty() {
        errs.push("membershipType", Text::new("field-type-required"));
    } else if !known_types.iter().any(|t| t.code == membership_type) {
        let unknown = Text::new("field-type-unknown").str("type", &membership_type);
        errs.push("membershipType", unknown);
    }
    let mut roles = input.roles.clone();
    roles.sort();
    roles.dedup();

    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(ValidMember {
        member_no: input.member_no,
        name,
        address: normalize_optional(&input.address),
        postal_code,
        city: normalize_optional(&input.city),
        email,
        phone,
        birth_date: input.birth_date,
        // A whole date says the year too.
        birth_year: input.birth_year.filter(|_| input.birth_date.is_none()),
        joined_on: joined_on.unwrap_or(today),
        left_on: input.left_on,
        left_reason,
        membership_type,
        roles,
        email_consent: input.email_consent
            && input.email.as_deref().is_some_and(|e| !e.trim().is_empty()),
    })
}

/// Which members a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum StatusFilter {
    #[default]
    Active,
    Left,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SortKey {
    #[default]
    MemberNo,
    Name,
    JoinedOn,
    PostalCode,
}

/// Paid/unpaid filter for one fee year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeeFilter {
    pub year: i32,
    pub paid: bool,
}

/// A search of the member list: free text, filters and sorting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct MemberQuery {
    /// Words that must each appear in the name, member no., e-mail or phone.
    pub text: String,
    pub membership_type: Option<String>,
    pub role: Option<Role>,
    pub status: StatusFilter,
    pub fee: Option<FeeFilter>,
    pub sort: SortKey,
    pub descending: bool,
}

/// Lowercased text of one member, prepared once so that typing stays instant.
pub struct SearchEntry {
    haystack: String,
    phone_digits: String,
}

impl SearchEntry {
    pub fn new(m: &Member) -> Self {
        let mut haystack = String::with_capacity(64);
        haystack.push_str(&m.name.to_lowercase());
        haystack.push('\u{1}');
        haystack.push_str(&m.member_no.to_string());
        haystack.push('\u{1}');
        if let Some(e) = &m.email {
            haystack.push_str(e);
        }
        haystack.push('\u{1}');
        if let Some(p) = &m.phone {
            haystack.push_str(p);
        }
        let phone_digits = m
            .phone
            .as_deref()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        SearchEntry {
            haystack,
            phone_digits,
        }
    }

    fn matches(&self, tokens: &[String], member_no: i64) -> bool {
        tokens.iter().all(|t| {
            if let Some(no) = t.strip_prefix('#') {
                return no.parse::<i64>().ok() == Some(member_no);
            }
            if self.haystack.contains(t.as_str()) {
                return true;
            }
            let digits: String = t.chars().filter(char::is_ascii_digit).collect();
            digits.len() >= 3
                && digits.len()
                    == t.chars()
                        .filter(|c| !c.is_whitespace() && *c != '-')
                        .count()
                && self.phone_digits.contains(&digits)
        })
    }
}

/// Filters and sorts the members. `fee_matches(member, filter)` tells whether a member's
/// fee for the filter's year is as asked (see `fees::matches_fee_filter`). Returns indices
/// into `members`, so callers keep their own rows.
pub fn search_members(
    members: &[Member],
    entries: &[SearchEntry],
    query: &MemberQuery,
    fee_matches: impl Fn(&Member, FeeFilter) -> bool,
    today: NaiveDate,
) -> Vec<usize> {
    let tokens: Vec<String> = query
        .text
        .to_lowercase()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let mut hits: Vec<usize> = members
        .iter()
        .enumerate()
        .filter(|(i, m)| {
            let status_ok = match query.status {
                StatusFilter::Active => m.left_on.is_none_or(|l| l > today),
                StatusFilter::Left => m.left_on.is_some_and(|l| l <= today),
                StatusFilter::All => true,
            };
            status_ok
                && query
                    .membership_type
                    .as_ref()
                    .is_none_or(|t| &m.membership_type == t)
                && query.role.is_none_or(|r| m.roles.contains(&r))
                && query.fee.is_none_or(|f| fee_matches(m, f))
                && (tokens.is_empty() || entries[*i].matches(&tokens, m.member_no))
        })
        .map(|(i, _)| i)
        .collect();
    hits.sort_by(|&a, &b| {
        let (x, y) = (&members[a], &members[b]);
        let ord = match query.sort {
            SortKey::MemberNo => x.member_no.cmp(&y.member_no),
            SortKey::Name => danish_collate(&x.name).cmp(&danish_collate(&y.name)),
            SortKey::JoinedOn => x.joined_on.cmp(&y.joined_on),
            SortKey::PostalCode => x.postal_code.cmp(&y.postal_code),
        }
        .then(x.member_no.cmp(&y.member_no));
        if query.descending {
            ord.reverse()
        } else {
            ord
        }
    });
    hits
}

/// A sort key that puts æ, ø, å after z, as Danish dictionaries do.
pub fn danish_collate(s: &str) -> Vec<u32> {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'æ' | 'ä' => 'z' as u32 + 1,
            'ø' | 'ö' => 'z' as u32 + 2,
            'å' => 'z' as u32 + 3,
            c => c as u32,
        })
        .collect()
}

/// The highest member number Kvorum gives or takes.
pub const MAX_MEMBER_NO: i64 = 9_999_999;

/// The next free member number: one more than the highest.
pub fn next_member_no(existing: impl Iterator<Item = i64>) -> i64 {
    existing.max().unwrap_or(0).saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn input(name: &str) -> MemberInput {
        MemberInput {
            name: name.into(),
            joined_on: Some(day(2024, 3, 1)),
            membership_type: "ordinary".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_member_passes_and_is_normalised() {
        let mut i = input("  Jens   Hansen ");
        i.email = Some(" Jens@Example.DK ".into());
        i.postal_code = Some("4800".into());
        i.phone = Some("+45 12 34 56 78".into());
        i.email_consent = true;
        i.roles = vec![Role::Staff, Role::Volunteer, Role::Staff];
        let v = validate_member(&i, &builtin_membership_types(), day(2026, 11, 22)).unwrap();
        assert_eq!(v.name, "Jens Hansen");
        assert_eq!(v.email.as_deref(), Some("jens@example.dk"));
        assert_eq!(v.roles, vec![Role::Volunteer, Role::Staff]);
        assert!(v.email_consent);
    }

    #[test]
    fn every_problem_is_reported_next_to_its_field() {
        let i = MemberInput {
            name: " ".into(),
            email: Some("jens@".into()),
            postal_code: Some("48000".into()),
            phone: Some("12".into()),
            birth_date: Some(day(2030, 1, 1)),
            joined_on: Some(day(2024, 1, 1)),
            left_on: Some(day(2023, 1, 1)),
            membership_type: "vip".into(),
            ..Default::default()
        };
        let e = validate_member(&i, &builtin_membership_types(), day(2026, 11, 22)).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "email",
                "postalCode",
                "phone",
                "birthDate",
                "joinedOn",
                "leftOn",
                "membershipType"
            ]
        );
        assert!(e.0[2].message.contains("fire cifre"));
    }

    #[test]
    fn consent_needs_an_address() {
        let mut i = input("A");
        i.email_consent = true;
        let v = validate_member(&i, &builtin_membership_types(), day(2026, 1, 1)).unwrap();
        assert!(!v.email_consent);
    }

    #[test]
    fn a_membership_type_is_added_once_by_code_or_name() {
        let types = builtin_membership_types();
        let family = new_membership_type(" Familiemedlem ", &types).unwrap();
        assert_eq!(
            (family.code.as_str(), family.name.as_str()),
            ("familiemedlem", "Familiemedlem")
        );
        assert!(!family.builtin);
        let mut with = types.clone();
        with.push(family);
        assert_eq!(
            new_membership_type("FAMILIEMEDLEM", &with),
            Err(MembershipTypeError::Exists("FAMILIEMEDLEM".into()))
        );
        assert_eq!(
            new_membership_type("  ", &with),
            Err(MembershipTypeError::NoName)
        );
        assert_eq!(
            new_membership_type("(!)", &with),
            Err(MembershipTypeError::NoName)
        );
        // Danish letters compare without regard to case too.
        let mut oe = with.clone();
        oe.push(new_membership_type("Ældremedlem", &with).unwrap());
        assert!(new_membership_type("ældremedlem", &oe).is_err());
        assert!(
            new_membership_type("æresmedlem", &with).is_err(),
            "a built-in type"
        );
    }

    #[test]
    fn membership_type_codes_are_ascii() {
        assert_eq!(
            membership_type_code("Støtte medlem (år)"),
            "stoette-medlem-aar"
        );
    }

    fn member(no: i64, name: &str, phone: Option<&str>) -> Member {
        let mut i = input(name);
        i.phone = phone.map(str::to_owned);
        validate_member(&i, &builtin_membership_types(), day(2026, 1, 1))
            .unwrap()
            .into_member(MemberId::new(), no, 1)
    }

    #[test]
    fn search_by_words_number_and_phone() {
        let ms = vec![
            member(1, "Åse Ørsted", Some("12 34 56 78")),
            member(2, "Bo Andersen", None),
            member(3, "Anne Bo", None),
        ];
        let entries: Vec<SearchEntry> = ms.iter().map(SearchEntry::new).collect();
        let q = |text: &str, sort: SortKey| {
            let query = MemberQuery {
                text: text.into(),
                sort,
                ..Default::default()
            };
            search_members(&ms, &entries, &query, |_, _| true, day(2026, 1, 1))
        };
        assert_eq!(q("bo", SortKey::Name), vec![2, 1]);
        assert_eq!(q("ørs åse", SortKey::MemberNo), vec![0]);
        assert_eq!(q("345678", SortKey::MemberNo), vec![0]);
        assert_eq!(q("#2", SortKey::MemberNo), vec![1]);
        assert_eq!(
            q("", SortKey::Name),
            vec![2, 1, 0],
            "Å sorts last in Danish"
        );
    }
}

#[cfg(test)]
mod member_numbers {
    use super::*;

    #[test]
    fn member_numbers_stay_in_their_range_and_the_next_one_never_overflows() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let with_no = |no| MemberInput {
            name: "Søren Ærø".into(),
            member_no: Some(no),
            joined_on: Some(day),
            membership_type: "ordinary".into(),
            ..Default::default()
        };
        let types = builtin_membership_types();
        assert!(validate_member(&with_no(MAX_MEMBER_NO), &types, day).is_ok());
        for bad in [0, -1, MAX_MEMBER_NO + 1, i64::MAX, i64::MIN] {
            let e = validate_member(&with_no(bad), &types, day).unwrap_err();
            assert_eq!(e.0[0].field, "memberNo", "{bad}");
        }
        assert_eq!(next_member_no([i64::MAX].into_iter()), i64::MAX);
        assert_eq!(next_member_no([3, 9].into_iter()), 10);
    }
}
