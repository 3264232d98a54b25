//! Member import from CSV: read whatever a Danish spreadsheet wrote (`;` or `,`, UTF-8 with
//! or without BOM, Windows-1252, Danish dates), map columns by their headings, show every
//! problem per row and column in Danish, and apply in one transaction — or not at all.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::csv_file::{ImportError, ParsedCsv};
use crate::dates::parse_date;
use crate::ids::MemberId;
use crate::members::{validate_member, Member, MemberInput, MembershipType, Role};
use crate::text::{Lang, Text};

fn import_error(message: impl Into<crate::text::Text>) -> ImportError {
    ImportError(message.into())
}

/// What a column of the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ImportField {
    MemberNo,
    Name,
    FirstName,
    LastName,
    Address,
    /// A second address line (floor, c/o), joined onto the address after ", ".
    Address2,
    PostalCode,
    City,
    PostalCodeAndCity,
    Email,
    Phone,
    BirthDate,
    JoinedOn,
    LeftOn,
    MembershipType,
    Roles,
    EmailConsent,
}

impl ImportField {
    pub fn label_da(self) -> &'static str {
        match self {
            ImportField::MemberNo => "Medlemsnr.",
            ImportField::Name => "Navn",
            ImportField::FirstName => "Fornavn",
            ImportField::LastName => "Efternavn",
            ImportField::Address => "Adresse",
            ImportField::Address2 => "Adresse, linje 2",
            ImportField::PostalCode => "Postnr.",
            ImportField::City => "By",
            ImportField::PostalCodeAndCity => "Postnr. og by",
            ImportField::Email => "E-mail",
            ImportField::Phone => "Telefon",
            ImportField::BirthDate => "Fødselsdato",
            ImportField::JoinedOn => "Indmeldt",
            ImportField::LeftOn => "Udmeldt",
            ImportField::MembershipType => "Medlemstype",
            ImportField::Roles => "Roller",
            ImportField::EmailConsent => "Samtykke til e-mail",
        }
    }

    /// The member field a validation error names, back to the column that fed it.
    fn feeds(self, member_field: &str) -> bool {
        match self {
            ImportField::MemberNo => member_field == "memberNo",
            ImportField::Name | ImportField::FirstName | ImportField::LastName => {
                member_field == "name"
            }
            ImportField::Address | ImportField::Address2 => member_field == "address",
            ImportField::PostalCode => member_field == "postalCode",
            ImportField::City => member_field == "city",
            ImportField::PostalCodeAndCity => {
                member_field == "postalCode" || member_field == "city"
            }
            ImportField::Email => member_field == "email",
            ImportField::Phone => member_field == "phone",
            ImportField::BirthDate => member_field == "birthDate",
            ImportField::JoinedOn => member_field == "joinedOn",
            ImportField::LeftOn => member_field == "leftOn" || member_field == "leftReason",
            ImportField::MembershipType => member_field == "membershipType",
            ImportField::Roles => member_field == "roles",
            ImportField::EmailConsent => member_field == "emailConsent",
        }
    }
}

/// Recognises the common Danish (and English) headings.
pub fn guess_field(header: &str) -> Option<ImportField> {
    guess_heading(header).map(|(f, _)| f)
}

/// The field a heading names and how well (0 best), for the headings of Danish registers
/// and of the systems associations leave (ForeningLet, Conventus, Klubmodul, Holdsport and
/// their APIs' English names): the association's member number before a system's own id,
/// the mobile before the landline.
pub fn guess_heading(header: &str) -> Option<(ImportField, u8)> {
    let h: String = header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let f = match h.as_str() {
        "medlemsnr" | "medlemsnummer" | "medlnr" | "medlemnr" | "memberno" | "membernumber"
        | "membernr" | "altid" | "medlemsid" => (ImportField::MemberNo, 0),
        "nr" | "nummer" | "no" => (ImportField::MemberNo, 1),
        "id" => (ImportField::MemberNo, 2),
        "navn" | "fuldenavn" | "fuldtnavn" | "name" | "medlem" | "fullname" => {
            (ImportField::Name, 0)
        }
        "fornavn" | "fornavne" | "firstname" | "givenname" => (ImportField::FirstName, 0),
        "efternavn" | "lastname" | "surname" | "familyname" => (ImportField::LastName, 0),
        "adresse" | "vej" | "vejnavn" | "gade" | "address" | "gadeadresse" | "street"
        | "streetaddress" | "adresse1" | "address1" | "addressline1" => (ImportField::Address, 0),
        "adresse2" | "address2" | "addressline2" | "co" => (ImportField::Address2, 0),
        "postnr" | "postnummer" | "zip" | "zipcode" | "postalcode" | "postcode" => {
            (ImportField::PostalCode, 0)
        }
        "by" | "postdistrikt" | "bynavn" | "city" | "town" => (ImportField::City, 0),
        "postnrogby" | "postnrby" | "postnummerogby" => (ImportField::PostalCodeAndCity, 0),
        "email" | "mail" | "emailadresse" | "epost" | "emailaddress" => (ImportField::Email, 0),
        "mobil" | "mobilnr" | "mobilnummer" | "mobiltelefon" | "mobile" | "mobilephone"
        | "cellphone" => (ImportField::Phone, 0),
        "telefon" | "tlf" | "tlfnr" | "telefonnr" | "telefonnummer" | "phone" | "telephone"
        | "phonenumber" => (ImportField::Phone, 1),
        "fødselsdato" | "født" | "fødselsdag" | "birthdate" | "birthday" | "birth"
        | "dateofbirth" => (ImportField::BirthDate, 0),
        "indmeldt" | "indmeldelsesdato" | "indmeldelse" | "medlemsiden" | "joined" | "joinedat"
        | "joineddate" | "joindate" | "enrollmentdate" | "enrolled" | "membersince" => {
            (ImportField::JoinedOn, 0)
        }
        "udmeldt" | "udmeldelsesdato" | "udmeldelse" | "left" | "leftat" | "resigned" => {
            (ImportField::LeftOn, 0)
        }
        "medlemstype" | "medlemskab" | "kategori" | "membershiptype" | "membertype" => {
            (ImportField::MembershipType, 0)
        }
        "rolle" | "roller" | "roles" => (ImportField::Roles, 0),
        "samtykke" | "emailsamtykke" | "samtykketilemail" | "samtykkeemail" | "nyhedsbrev"
        | "emailconsent" | "newsletter" | "receivenewsletter" => (ImportField::EmailConsent, 0),
        _ => return None,
    };
    Some(f)
}

/// Fields that may come from several columns, the first filled one used per row (a mobile
/// and a landline: the mobile when the member has one).
fn several_columns_allowed(f: ImportField) -> bool {
    f == ImportField::Phone
}

/// What other systems write in a cell they have nothing for (Conventus writes `0` for no
/// phone or postal code, Holdsport `false`).
fn means_empty(field: ImportField, v: &str) -> bool {
    let l = v.to_lowercase();
    matches!(l.as_str(), "false" | "null" | "none" | "n/a")
        || (l == "0" && matches!(field, ImportField::Phone | ImportField::PostalCode))
}

/// The headings guessed: per field the best-named column; the others of the same field are
/// not used (with a note), except where a field may come from several columns. A column
/// "postnr_by" next to a postal-code column holds the city (Conventus).
fn guess_mapping(headers: &[String]) -> Vec<Option<ImportField>> {
    let guessed: Vec<Option<(ImportField, u8)>> = headers
        .iter()
        .map(|h| {
            if is_cpr_heading(h) {
                None
            } else {
                guess_heading(h)
            }
        })
        .collect();
    let has = |f: ImportField| guessed.iter().flatten().any(|(g, _)| *g == f);
    let (postal, city) = (has(ImportField::PostalCode), has(ImportField::City));
    let mut mapping: Vec<Option<ImportField>> = guessed
        .iter()
        .map(|g| match g {
            Some((ImportField::PostalCodeAndCity, _)) if postal && !city => Some(ImportField::City),
            Some((f, _)) => Some(*f),
            None => None,
        })
        .collect();
    for i in 0..mapping.len() {
        let Some(f) = mapping[i] else { continue };
        if several_columns_allowed(f) {
            continue;
        }
        let rank = |j: usize| guessed[j].map_or(u8::MAX, |(_, r)| r);
        let better = (0..mapping.len())
            .any(|j| j != i && mapping[j] == Some(f) && (rank(j), j) < (rank(i), i));
        if better {
            mapping[i] = None;
        }
    }
    mapping
}

fn is_cpr_heading(header: &str) -> bool {
    let h = header.to_lowercase();
    h.contains("cpr") || h.contains("personnummer")
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ImportRequest {
    /// The file's bytes, exactly as read from disk (the CLI; the app names the file).
    #[ts(skip)]
    pub bytes: Vec<u8>,
    /// The file the user chose in the app, held by the backend under this token.
    pub file: Option<String>,
    /// One entry per column; `None` means "ignore this column". Absent: guessed from headings.
    pub mapping: Option<Vec<Option<ImportField>>>,
    /// Line numbers the user chose to leave out.
    pub exclude: Vec<u32>,
    /// Line numbers flagged as possible duplicates that the user chose to import anyway.
    pub accept_duplicates: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportColumn {
    pub index: u32,
    pub header: String,
    pub field: Option<ImportField>,
    /// A warning about this column, e.g. that CPR numbers are never imported.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    /// The column's heading, when the problem belongs to one.
    pub column: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRow {
    /// The line in the file (the heading is line 1).
    pub line: u32,
    pub values: Vec<String>,
    /// The member this row becomes, when it has no problems.
    pub member: Option<MemberInput>,
    pub problems: Vec<ImportProblem>,
    /// "Ligner medlem nr. 12 Jens Hansen (samme e-mail)", when it looks like a duplicate.
    pub duplicate_of: Option<String>,
    pub excluded: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// "UTF-8" or "Windows-1252".
    pub encoding: String,
    pub delimiter: String,
    pub columns: Vec<ImportColumn>,
    pub rows: Vec<ImportRow>,
    /// Rows that will be imported as they are.
    pub ready: u32,
    pub with_problems: u32,
    pub duplicates: u32,
    pub excluded: u32,
    /// True when applying would import every row not left out.
    pub can_apply: bool,
    /// A Danish summary of the preview.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    pub imported: u32,
    pub message: String,
}

/// The members an import adds: every row not left out, each with its own member no. or the
/// next free one from `first_free`. Refused, and nothing is imported, when a row not left out
/// has a problem or the preview cannot be applied; the refusal names the line to fix.
pub fn members_to_import(
    preview: &ImportPreview,
    types: &[MembershipType],
    first_free: i64,
    today: NaiveDate,
) -> Result<Vec<Member>, Text> {
    let rows = || preview.rows.iter().filter(|r| !r.excluded);
    let bad: Vec<&ImportRow> = rows().filter(|r| !r.problems.is_empty()).collect();
    if let [one] = bad.as_slice() {
        let p = &one.problems[0];
        let at = match &p.column {
            Some(c) => Text::new("import-at-line-column")
                .num("line", one.line)
                .str("column", c),
            None => Text::new("import-at-line").num("line", one.line),
        };
        return Err(Text::new("import-refused-row")
            .text("at", at)
            .str("problem", &p.message));
    }
    if !bad.is_empty() {
        // Every line to fix, each with the columns it has problems in (the first 20 lines).
        let lines: Vec<String> = bad
            .iter()
            .take(20)
            .map(|r| {
                let mut cols: Vec<&str> = r
                    .problems
                    .iter()
                    .filter_map(|p| p.column.as_deref())
                    .collect();
                cols.dedup();
                if cols.is_empty() {
                    r.line.to_string()
                } else {
                    format!("{} ({})", r.line, cols.join(", "))
                }
            })
            .collect();
        return Err(Text::new("import-refused-rows")
            .num("count", i64::try_from(bad.len()).unwrap_or(i64::MAX))
            .str("lines", lines.join("; "))
            .num(
                "more",
                i64::try_from(bad.len().saturating_sub(20)).unwrap_or(0),
            ));
    }
    if !preview.can_apply {
        return Err(Text::new("import-refused").str("reason", &preview.message));
    }
    let taken: HashSet<i64> = rows()
        .filter_map(|r| r.member.as_ref()?.member_no)
        .collect();
    let mut next = first_free;
    let mut members = Vec::with_capacity(preview.rows.len());
    for row in rows() {
        let Some(input) = &row.member else { continue };
        let valid = validate_member(input, types, today).map_err(|e| {
            Text::new("import-refused-row")
                .text("at", Text::new("import-at-line").num("line", row.line))
                .text(
                    "problem",
                    e.0.first()
                        .and_then(|f| f.text.clone())
                        .unwrap_or_else(|| Text::from(e.to_string())),
                )
        })?;
        let no = match valid.member_no {
            Some(no) => no,
            None => {
                while taken.contains(&next) {
                    next = next.saturating_add(1);
                }
                let no = next;
                next = next.saturating_add(1);
                no
            }
        };
        members.push(valid.into_member(MemberId::new(), no, 1));
    }
    Ok(members)
}

fn parse_consent(s: &str) -> Result<bool, Text> {
    match s.trim().to_lowercase().as_str() {
        "" | "nej" | "n" | "no" | "0" | "false" | "-" => Ok(false),
        "ja" | "j" | "x" | "yes" | "y" | "1" | "true" | "✓" => Ok(true),
        other => Err(Text::new("import-consent-bad").str("value", other)),
    }
}

fn parse_type(s: &str, types: &[MembershipType]) -> Result<String, Text> {
    let v = s.trim().to_lowercase();
    if v.is_empty() {
        return Ok("ordinary".into());
    }
    if let Some(t) = types
        .iter()
        .find(|t| t.code == v || t.name.to_lowercase() == v)
    {
        return Ok(t.code.clone());
    }
    let alias =
        if v.starts_with("ordinær") || v.starts_with("almindelig") || v == "aktiv" || v == "fuldt"
        {
            Some("ordinary")
        } else if v.starts_with("støtte") {
            Some("supporting")
        } else if v.starts_with("æres") {
            Some("honorary")
        } else {
            None
        };
    alias
        .filter(|a| types.iter().any(|t| t.code == *a))
        .map(str::to_owned)
        .ok_or_else(|| {
            let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
            Text::new("import-type-unknown")
                .str("value", s.trim())
                .str("types", names.join(", "))
        })
}

fn norm_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Builds the preview: maps the columns, turns each row into a member, and reports every
/// problem and every likely duplicate, with its summary in `lang`. Pure apart from its inputs.
pub fn build_preview(
    parsed: &ParsedCsv,
    request: &ImportRequest,
    existing: &[Member],
    types: &[MembershipType],
    today: NaiveDate,
    lang: Lang,
) -> Result<ImportPreview, ImportError> {
    let mapping: Vec<Option<ImportField>> = match &request.mapping {
        Some(m) => {
            let mut m = m.clone();
            m.resize(parsed.headers.len(), None);
            m
        }
        None => guess_mapping(&parsed.headers),
    };
    let mut seen_fields = HashSet::new();
    for f in mapping.iter().flatten() {
        if !seen_fields.insert(*f) && !several_columns_allowed(*f) {
            return Err(import_error(
                Text::new("import-field-twice").str("field", f.label_da()),
            ));
        }
    }
    let has_name = seen_fields.contains(&ImportField::Name)
        || seen_fields.contains(&ImportField::FirstName)
        || seen_fields.contains(&ImportField::LastName);
    let columns: Vec<ImportColumn> = parsed
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| ImportColumn {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            header: h.trim_start_matches('\u{feff}').to_owned(),
            field: mapping[i],
            note: if is_cpr_heading(h) {
                Some("CPR-numre importeres aldrig: kolonnen springes over.".into())
            } else if mapping[i].is_none() {
                let other = guess_field(h).and_then(|f| {
                    let j = mapping.iter().position(|m| *m == Some(f))?;
                    Some((f, parsed.headers[j].trim_start_matches('\u{feff}')))
                });
                Some(match other {
                    Some((f, used)) => format!(
                        "Kolonnen bruges ikke: »{used}« bruges som {}.",
                        f.label_da().to_lowercase()
                    ),
                    None => "Kolonnen bruges ikke.".into(),
                })
            } else {
                None
            },
        })
        .collect();
    if !has_name {
        return Err(import_error(Text::new("import-no-name-column")));
    }

    let header_of = |f: ImportField| -> Option<String> {
        mapping
            .iter()
            .position(|m| *m == Some(f))
            .map(|i| columns[i].header.clone())
    };
    let mut by_email: HashMap<String, String> = HashMap::new();
    let mut by_name_addr: HashMap<String, String> = HashMap::new();
    let mut by_no: HashMap<i64, String> = HashMap::new();
    for m in existing {
        let who = format!("medlem nr. {} {}", m.member_no, m.name);
        if let Some(e) = &m.email {
            by_email.insert(e.to_lowercase(), who.clone());
        }
        if let Some(a) = &m.address {
            by_name_addr.insert(
                format!("{}|{}", norm_key(&m.name), norm_key(a)),
                who.clone(),
            );
        }
        by_no.insert(m.member_no, who);
    }

    // The columns in the order a row is read: phone columns by how well their heading names
    // a phone (the mobile first), the rest as they stand.
    let mut phone_order: Vec<usize> = (0..mapping.len()).collect();
    phone_order.sort_by_key(|i| match mapping[*i] {
        Some(ImportField::Phone) => (
            1,
            guess_heading(&parsed.headers[*i])
                .filter(|(f, _)| *f == ImportField::Phone)
                .map_or(u8::MAX, |(_, r)| r),
            *i,
        ),
        _ => (0, 0, *i),
    });
    let exclude: HashSet<u32> = request.exclude.iter().copied().collect();
    let accepted: HashSet<u32> = request.accept_duplicates.iter().copied().collect();
    let mut rows = Vec::with_capacity(parsed.records.len());
    let (mut ready, mut with_problems, mut duplicates, mut excluded) = (0u32, 0u32, 0u32, 0u32);

    for (line, cells) in &parsed.records {
        let mut problems: Vec<ImportProblem> = Vec::new();
        let mut input = MemberInput {
            membership_type: "ordinary".into(),
            ..Default::default()
        };
        let (mut first, mut last) = (String::new(), String::new());
        let mut second_line: Option<String> = None;
        for (i, field) in phone_order.iter().map(|i| (*i, &mapping[*i])) {
            let Some(field) = field else { continue };
            let v = cells.get(i).map(String::as_str).unwrap_or("").trim();
            let v = if means_empty(*field, v) { "" } else { v };
            // A phone from the next column only where the better one is empty.
            if *field == ImportField::Phone && (v.is_empty() || input.phone.is_some()) {
                continue;
            }
            let col = Some(columns[i].header.clone());
            let mut bad = |message: String| {
                problems.push(ImportProblem {
                    column: col.clone(),
                    message,
                })
            };
            let opt = || {
                if v.is_empty() {
                    None
                } else {
                    Some(v.to_owned())
                }
            };
            match field {
                ImportField::MemberNo => {
                    if !v.is_empty() {
                        match v.parse::<i64>() {
                            Ok(n) => input.member_no = Some(n),
                            Err(_) => bad(format!("»{v}« er ikke et medlemsnummer (kun cifre).")),
                        }
                    }
                }
                ImportField::Name => input.name = v.to_owned(),
                ImportField::FirstName => first = v.to_owned(),
                ImportField::LastName => last = v.to_owned(),
                ImportField::Address => input.address = opt(),
                ImportField::Address2 => second_line = opt(),
                ImportField::PostalCode => input.postal_code = opt(),
                ImportField::City => input.city = opt(),
                ImportField::PostalCodeAndCity => {
                    let (p, c) = v.split_once(' ').unwrap_or((v, ""));
                    input.postal_code = if p.is_empty() {
                        None
                    } else {
                        Some(p.to_owned())
                    };
                    input.city = if c.trim().is_empty() {
                        None
                    } else {
                        Some(c.trim().to_owned())
                    };
                }
                ImportField::Email => input.email = opt(),
                ImportField::Phone => input.phone = opt(),
                ImportField::BirthDate | ImportField::JoinedOn | ImportField::LeftOn => {
                    if !v.is_empty() {
                        match parse_date(v) {
                            Ok(d) => match field {
                                ImportField::BirthDate => input.birth_date = Some(d),
                                ImportField::JoinedOn => input.joined_on = Some(d),
                                _ => input.left_on = Some(d),
                            },
                            Err(m) => bad(m.da()),
                        }
                    }
                }
                ImportField::MembershipType => match parse_type(v, types) {
                    Ok(t) => input.membership_type = t,
                    Err(m) => bad(m.da()),
                },
                ImportField::Roles => {
                    for part in v
                        .split([',', '/', '+', '&'])
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                    {
                        match Role::parse_danish(part) {
                            Some(r) => input.roles.push(r),
                            None => bad(format!("Rollen »{part}« kendes ikke. Brug frivillig, aktivkreds eller ansat.")),
                        }
                    }
                }
                ImportField::EmailConsent => match parse_consent(v) {
                    Ok(b) => input.email_consent = b,
                    Err(m) => bad(m.da()),
                },
            }
        }
        if input.name.is_empty() {
            input.name = format!("{first} {last}").trim().to_owned();
        }
        if let Some(second) = second_line {
            input.address = Some(match input.address.take() {
                Some(a) => format!("{a}, {second}"),
                None => second,
            });
        }
        if input.joined_on.is_none() {
            // A register without join dates: the members joined no later than today.
            input.joined_on = Some(today);
        }
        // Every problem of the row at once: the rules' checks too, except for a column that
        // could not be read at all (its field is empty now, and "missing" would say it twice).
        if let Err(errs) = validate_member(&input, types, today) {
            for e in errs.0 {
                let column = mapping
                    .iter()
                    .position(|m| m.is_some_and(|f| f.feeds(&e.field)))
                    .map(|i| columns[i].header.clone());
                if column.is_some() && problems.iter().any(|p| p.column == column) {
                    continue;
                }
                problems.push(ImportProblem {
                    column,
                    message: e.message,
                });
            }
        }
        if let Some(no) = input.member_no {
            if let Some(who) = by_no.get(&no) {
                problems.push(ImportProblem {
                    column: header_of(ImportField::MemberNo),
                    message: format!("Medlemsnummer {no} er allerede brugt af {who}."),
                });
            }
        }
        let mut duplicate_of = None;
        if let Some(e) = input
            .email
            .as_deref()
            .map(str::to_lowercase)
            .filter(|e| !e.is_empty())
        {
            if let Some(who) = by_email.get(&e) {
                duplicate_of = Some(format!("Ligner {who} (samme e-mail)"));
            }
        }
        if duplicate_of.is_none() {
            if let Some(a) = &input.address {
                if let Some(who) =
                    by_name_addr.get(&format!("{}|{}", norm_key(&input.name), norm_key(a)))
                {
                    duplicate_of = Some(format!("Ligner {who} (samme navn og adresse)"));
                }
            }
        }
        let is_excluded = exclude.contains(line);
        if !is_excluded {
            // Later rows are compared with the earlier rows that will be imported.
            let here = format!("linje {line} i filen ({})", input.name);
            if let Some(e) = &input.email {
                by_email
                    .entry(e.to_lowercase())
                    .or_insert_with(|| here.clone());
            }
            if let Some(a) = &input.address {
                by_name_addr
                    .entry(format!("{}|{}", norm_key(&input.name), norm_key(a)))
                    .or_insert_with(|| here.clone());
            }
            if let Some(no) = input.member_no {
                by_no.entry(no).or_insert(here);
            }
        }
        if is_excluded {
            excluded += 1;
        } else if !problems.is_empty() {
            with_problems += 1;
        } else if duplicate_of.is_some() && !accepted.contains(line) {
            duplicates += 1;
        } else {
            ready += 1;
        }
        let member = if problems.is_empty() {
            Some(input)
        } else {
            None
        };
        rows.push(ImportRow {
            line: *line,
            values: cells.clone(),
            member,
            problems,
            duplicate_of,
            excluded: is_excluded,
        });
    }
    let can_apply = with_problems == 0 && duplicates == 0 && ready > 0;
    let message = if parsed.records.is_empty() {
        Text::new("import-summary-empty")
    } else if can_apply {
        Text::new("import-summary-ready").num("count", ready)
    } else if ready == 0 && with_problems == 0 && duplicates == 0 {
        Text::new("import-summary-all-excluded")
    } else {
        let errors = Text::new("import-rows-with-errors").num("count", with_problems);
        let alike = Text::new("import-rows-duplicates").num("count", duplicates);
        let parts = match (with_problems > 0, duplicates > 0) {
            (true, true) => Text::new("and").text("a", errors).text("b", alike),
            (true, false) => errors,
            _ => alike,
        };
        let fix = if duplicates > 0 {
            "import-summary-fix-duplicates"
        } else {
            "import-summary-fix"
        };
        Text::new(fix).text("parts", parts)
    }
    .render(lang);
    Ok(ImportPreview {
        encoding: parsed.encoding.to_owned(),
        delimiter: Text::new("delimiter")
            .str(
                "d",
                match parsed.delimiter {
                    b';' => "semicolon".to_owned(),
                    b',' => "comma".to_owned(),
                    b'\t' => "tab".to_owned(),
                    d => (d as char).to_string(),
                },
            )
            .render(lang),
        columns,
        rows,
        ready,
        with_problems,
        duplicates,
        excluded,
        can_apply,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_file::parse_csv;
    use crate::members::builtin_membership_types;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn preview(bytes: &[u8]) -> Result<ImportPreview, ImportError> {
        let parsed = parse_csv(bytes)?;
        let req = ImportRequest {
            bytes: bytes.to_vec(),
            file: None,
            ..Default::default()
        };
        build_preview(
            &parsed,
            &req,
            &[],
            &builtin_membership_types(),
            today(),
            Lang::Da,
        )
    }

    #[test]
    fn a_refusal_names_every_line_to_fix() {
        let file = "Navn;E-mail\nSøren;soren@\nÅse;aase@x.dk\n;bo@x.dk\nBjørn;@\n";
        let p = preview(file.as_bytes()).unwrap();
        let refused = members_to_import(&p, &builtin_membership_types(), 1, today())
            .unwrap_err()
            .da();
        assert_eq!(
            refused,
            "Intet er importeret. 3 linjer skal rettes: linje 2 (E-mail); 4 (Navn); 5 (E-mail). Ret filen, eller udelad linjerne."
        );
    }

    #[test]
    fn a_row_shows_every_problem_not_only_its_first() {
        let file = "Navn;E-mail;Indmeldt;Medlemsnr\n;soren@;32.13.2024;x7\n";
        let p = preview(file.as_bytes()).unwrap();
        let columns: Vec<Option<&str>> = p.rows[0]
            .problems
            .iter()
            .map(|x| x.column.as_deref())
            .collect();
        // The date and the number could not be read; the name is missing and the e-mail is
        // not an address: four problems, each once.
        assert_eq!(columns.len(), 4, "{:?}", p.rows[0].problems);
        for c in ["Navn", "E-mail", "Indmeldt", "Medlemsnr"] {
            assert_eq!(
                columns.iter().filter(|x| **x == Some(c)).count(),
                1,
                "{c}: {columns:?}"
            );
        }
    }

    #[test]
    fn reads_a_windows_1252_semicolon_file_with_danish_headings() {
        let text = "Medlemsnr;Fornavn;Efternavn;Adresse;Postnr;By;E-mail;Telefon;Indmeldt;Medlemstype;CPR-nr\n\
                    1;Søren;Ærø;Østergade 1;4800;Nykøbing F;soren@example.dk;12345678;01-02-2024;Støttemedlem;010101-1234\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let p = preview(&bytes).unwrap();
        assert_eq!(p.encoding, "Windows-1252");
        assert_eq!(p.delimiter, "semikolon");
        assert!(p.can_apply, "{:?}", p.rows[0].problems);
        let m = p.rows[0].member.as_ref().unwrap();
        assert_eq!(m.name, "Søren Ærø");
        assert_eq!(m.membership_type, "supporting");
        assert_eq!(m.joined_on, NaiveDate::from_ymd_opt(2024, 2, 1));
        assert!(p.columns[10].field.is_none(), "CPR is never mapped");
        assert!(p.columns[10].note.as_deref().unwrap().contains("CPR"));
        assert!(!format!("{:?}", m).contains("010101"));
    }

    #[test]
    fn utf8_bom_and_commas_work_too() {
        let p = preview("\u{feff}Navn,E-mail\nBo Ek,bo@example.dk\n".as_bytes()).unwrap();
        assert_eq!(p.columns[0].header, "Navn");
        assert!(p.can_apply);
    }

    #[test]
    fn a_bad_row_names_its_line_and_column_and_blocks_the_import() {
        let p = preview("Navn;Postnr;E-mail\nA;4800;a@example.dk\nB;48;b@\n".as_bytes()).unwrap();
        assert!(!p.can_apply);
        assert_eq!(p.with_problems, 1);
        let bad = &p.rows[1];
        assert_eq!(bad.line, 3);
        let cols: Vec<&str> = bad
            .problems
            .iter()
            .filter_map(|x| x.column.as_deref())
            .collect();
        assert_eq!(cols, ["E-mail", "Postnr"]);
    }

    #[test]
    fn line_numbers_are_the_ones_an_editor_shows() {
        let text = "Navn;Postnr\r\n\r\nA;4800\r\n\"B\nC\";4800\r\nD;48\r\n";
        let p = parse_csv(text.as_bytes()).unwrap();
        let lines: Vec<u32> = p.records.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [3, 4, 6]);
    }

    #[test]
    fn duplicates_within_the_file_are_flagged() {
        let p = preview("Navn;E-mail\nA;a@example.dk\nA igen;A@example.dk\n".as_bytes()).unwrap();
        assert_eq!(p.duplicates, 1);
        assert!(p.rows[1]
            .duplicate_of
            .as_deref()
            .unwrap()
            .contains("linje 2"));
        assert!(!p.can_apply);
    }

    #[test]
    fn empty_and_binary_files_get_clear_errors() {
        assert!(preview(b"").unwrap_err().to_string().contains("tom"));
        assert!(preview(b"\x00\x01\x02")
            .unwrap_err()
            .to_string()
            .contains("binære"));
        assert!(preview(b"Foo;Bar\n1;2\n")
            .unwrap_err()
            .to_string()
            .contains("Navn"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Arbitrary bytes never panic: they end in a preview or a clear Danish error.
        #[test]
        fn arbitrary_bytes_end_in_preview_or_error(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            match preview(&bytes) {
                Ok(p) => prop_assert!(!p.message.is_empty()),
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }

        /// CSV-shaped text with Danish headings and random cells never panics either.
        #[test]
        fn csv_like_text_never_panics(cells in proptest::collection::vec("[A-Za-zæøåÆØÅ0-9@.,;\" -]{0,12}", 0..40)) {
            let mut text = String::from("Medlemsnr;Navn;Postnr;E-mail;Indmeldt;Medlemstype;Roller;Samtykke\n");
            for (i, c) in cells.iter().enumerate() {
                text.push_str(c);
                text.push(if i % 8 == 7 { '\n' } else { ';' });
            }
            let _ = preview(text.as_bytes());
        }
    }
}
