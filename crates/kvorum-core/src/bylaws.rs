//! The bylaws (vedtægter) as text: sections (§) with clauses (stk.), numbered by their
//! order, so inserting or removing a section renumbers the rest. Sections have stable keys
//! that the rule settings link to, so a setting keeps its § through renumbering.

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};
use ts_rs::TS;

use crate::rules::RuleSettings;
use crate::text::Text;
use crate::validation::FieldErrors;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    /// Stable key (e.g. `generalforsamling`); the § number is the position.
    pub key: String,
    pub title: String,
    /// Stk. 1, Stk. 2, …
    pub clauses: Vec<String>,
    /// Headings inside the section (e.g. "Ekstraordinær generalforsamling"), each before a
    /// clause; they do not count as clauses.
    #[serde(default)]
    pub headings: Vec<SubHeading>,
}

/// A heading inside a section, printed before clause `before` (0 = the first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubHeading {
    pub before: u32,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BylawsText {
    pub sections: Vec<Section>,
}

impl BylawsText {
    /// The § number of a section key.
    pub fn number_of(&self, key: &str) -> Option<usize> {
        self.sections
            .iter()
            .position(|s| s.key == key)
            .map(|i| i + 1)
    }

    /// A key not used yet, from a title: "Frivillige" → `frivillige`, `frivillige-2`, …
    pub fn new_key(&self, title: &str) -> String {
        let base = key_base(title);
        let mut key = base.clone();
        let mut n = 2;
        while self.sections.iter().any(|s| s.key == key) {
            key = format!("{base}-{n}");
            n += 1;
        }
        key
    }

    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        if self.sections.is_empty() {
            e.push("sections", Text::new("bylaws-text-empty"));
        }
        let mut keys = std::collections::HashSet::new();
        for (i, s) in self.sections.iter().enumerate() {
            if s.title.trim().is_empty() {
                e.push(
                    &format!("sections.{i}.title"),
                    format!("§ {} mangler en overskrift.", i + 1),
                );
            }
            if !keys.insert(s.key.as_str()) {
                e.push(
                    &format!("sections.{i}.key"),
                    format!("§ {} har samme nøgle som en anden paragraf.", i + 1),
                );
            }
        }
        e.into_result(|| ())
    }

    /// Plain text as it would be read aloud: "§ 1. Navn" and "Stk. 2." prefixes.
    pub fn to_plain_text(&self) -> String {
        let mut out = String::new();
        for (i, s) in self.sections.iter().enumerate() {
            out.push_str(&format!("§ {}. {}\n", i + 1, s.title));
            for (j, c) in s.clauses.iter().enumerate() {
                if self.sections[i].clauses.len() > 1 {
                    out.push_str(&format!("Stk. {}. ", j + 1));
                }
                out.push_str(c);
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }
}

/// Reads bylaws from plain text (as pasted from Word): a section starts with a line
/// `§ N` (with or without a title after it); clauses start with `Stk. N` or follow a blank line.
/// The largest bylaws text Kvorum reads: 1 MB (real bylaws are some 20 kB).
pub const MAX_BYLAWS_TEXT: usize = 1_000_000;

fn key_base(title: &str) -> String {
    let base = crate::members::membership_type_code(title);
    if base.is_empty() {
        "paragraf".to_owned()
    } else {
        base
    }
}

/// Section keys for a text read in one go: each title's next free number is remembered, so
/// a text of many sections with the same title is read in linear time.
#[derive(Default)]
struct Keys {
    used: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, u32>,
}

impl Keys {
    fn next(&mut self, title: &str) -> String {
        let base = key_base(title);
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let key = if *n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            *n += 1;
            if self.used.insert(key.clone()) {
                return key;
            }
        }
    }
}

pub fn parse_plain_text(text: &str) -> Result<BylawsText, Text> {
    if text.len() > MAX_BYLAWS_TEXT {
        return Err(Text::new("bylaws-text-too-large"));
    }
    // Every kind of line break Word and other editors write: CR LF, a lone CR (old Mac),
    // the Unicode separators and Word's manual line break (vertical tab).
    let text = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}', '\u{b}', '\u{c}'], "\n");
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim().trim_start_matches('\u{feff}').trim())
        .collect();
    let mut doc = BylawsText::default();
    let mut keys = Keys::default();
    let mut clause = String::new();
    // The § number as written, and how the current section numbers its clauses.
    let mut written_no: u64 = 0;
    let mut numbering = Numbering::Unknown;
    let flush = |doc: &mut BylawsText, clause: &mut String| {
        let c = clause.split_whitespace().collect::<Vec<_>>().join(" ");
        if !c.is_empty() {
            if let Some(s) = doc.sections.last_mut() {
                s.clauses.push(c);
            }
        }
        clause.clear();
    };
    for (at, line) in lines.iter().enumerate() {
        let line = *line;
        if let Some((no, title)) = section_heading(line, written_no) {
            flush(&mut doc, &mut clause);
            // The key once the title is known (it may be on the next line).
            doc.sections.push(Section {
                key: String::new(),
                title,
                clauses: Vec::new(),
                headings: Vec::new(),
            });
            written_no = no;
            numbering = Numbering::Unknown;
            continue;
        }
        let Some(section) = doc.sections.last() else {
            continue; // the document's own heading, e.g. "Vedtægter for Foreningen X"
        };
        if line.is_empty() {
            flush(&mut doc, &mut clause);
            continue;
        }
        let fresh = section.clauses.is_empty() && clause.is_empty();
        if let Some(after) = clause_start(line, written_no, &mut numbering, fresh) {
            flush(&mut doc, &mut clause);
            clause.push_str(after);
            continue;
        }
        if section.title.is_empty() && fresh {
            if let Some(s) = doc.sections.last_mut() {
                s.title = line.trim_end_matches('.').to_owned();
            }
            continue;
        }
        // A short line of its own before a numbered clause is a heading inside the section.
        let next = lines[at + 1..].iter().find(|l| !l.is_empty());
        let before_clause = next.is_some_and(|n| {
            let mut probe = numbering;
            clause_start(n, written_no, &mut probe, false).is_some()
                || (probe == Numbering::Unknown && numbered(n).is_some_and(|(k, _)| k == 1))
        });
        if clause.is_empty() && before_clause && looks_like_heading(line) {
            if let Some(s) = doc.sections.last_mut() {
                let before = u32::try_from(s.clauses.len()).unwrap_or(u32::MAX);
                s.headings.push(SubHeading {
                    before,
                    text: line.to_owned(),
                });
            }
            continue;
        }
        if !clause.is_empty() {
            clause.push(' ');
        }
        clause.push_str(line);
    }
    flush(&mut doc, &mut clause);
    if doc.sections.is_empty() {
        return Err(Text::new("bylaws-no-sections"));
    }
    for (i, s) in doc.sections.iter_mut().enumerate() {
        s.key = keys.next(if s.title.is_empty() {
            "paragraf"
        } else {
            &s.title
        });
        if s.title.is_empty() {
            s.title = format!("Paragraf {}", i + 1);
        }
    }
    Ok(doc)
}

/// How a section numbers its clauses, as the first clause shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbering {
    Unknown,
    /// `Stk. 2.` (also `Stk. 7.2`): lines `1.`, `2.` inside are a list, not clauses.
    Stk,
    /// `7.2` (the § number, a point, the clause number), as Word numbers headings.
    Decimal,
    /// `1.`, `2.` at the start of a line; the next number expected.
    Numbered(u32),
}

/// `§ 3`, `§ 3.`, `§ 3 Title`, `§ 3 - Title`, `§ 3. Title` as a section heading, with its
/// number and title. A line that merely begins with a reference ("§ 18 i serviceloven",
/// "§ 4, stk. 2") is not a heading: its words go on in lower case, or its number does not
/// come after the previous section's.
fn section_heading(line: &str, previous: u64) -> Option<(u64, String)> {
    let rest = line.strip_prefix('§')?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let no: u64 = digits.parse().unwrap_or(u64::MAX);
    let after = &rest[digits.len()..];
    if after.starts_with([',', ';']) || (previous > 0 && no <= previous) {
        return None;
    }
    let title = after
        .trim_start_matches(|c: char| c.is_whitespace() || ".:)-–—".contains(c))
        .trim();
    if title.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    Some((no, title.trim_end_matches('.').to_owned()))
}

/// The text of a line that starts a clause (its number taken off), and the section's way
/// of numbering learned from it.
fn clause_start<'a>(
    line: &'a str,
    section_no: u64,
    numbering: &mut Numbering,
    fresh: bool,
) -> Option<&'a str> {
    // "Stk." in any case, compared on the line's own bytes: lowercasing the whole line
    // first can change its length (K, İ) and cut a letter in two.
    let stk = line
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("stk.") || p.eq_ignore_ascii_case("stk "))
        .and_then(|_| line.get(4..));
    if let Some(after) = stk {
        *numbering = Numbering::Stk;
        let after = after
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .trim_start_matches([':', ')']);
        return Some(after.trim());
    }
    if let Some(after) = decimal_clause(line, section_no) {
        if matches!(*numbering, Numbering::Unknown | Numbering::Decimal) {
            *numbering = Numbering::Decimal;
            return Some(after);
        }
    }
    if let Some((n, after)) = numbered(line) {
        match *numbering {
            Numbering::Unknown if n == 1 && fresh => {
                *numbering = Numbering::Numbered(2);
                return Some(after);
            }
            Numbering::Numbered(next) if n == next => {
                *numbering = Numbering::Numbered(next.saturating_add(1));
                return Some(after);
            }
            _ => {}
        }
    }
    None
}

/// `7.2 Text` or `7.2. Text` in section 7: the text.
fn decimal_clause(line: &str, section_no: u64) -> Option<&str> {
    let (head, rest) = line.split_once(|c: char| c.is_whitespace())?;
    let head = head.strip_suffix('.').unwrap_or(head);
    let (sec, sub) = head.split_once('.')?;
    let plain = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    (plain(sec) && plain(sub) && sec.parse::<u64>().ok() == Some(section_no)).then(|| rest.trim())
}

/// `3. Text` or `3) Text`: the number and the text.
fn numbered(line: &str) -> Option<(u32, &str)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = &line[digits..];
    let rest = rest.strip_prefix(['.', ')'])?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some((line[..digits].parse().ok()?, rest.trim()))
}

/// A line that reads as a heading: short, capitalised, not ending like a sentence.
fn looks_like_heading(line: &str) -> bool {
    line.split_whitespace().count() <= 6
        && line.chars().next().is_some_and(char::is_uppercase)
        && !line.ends_with(['.', ',', ':', ';'])
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    Unchanged,
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WordChange {
    pub kind: ChangeKind,
    pub text: String,
}

/// How one section differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SectionDiff {
    pub key: String,
    /// § number in the older version, if it has the section.
    pub number_before: Option<u32>,
    pub number_after: Option<u32>,
    pub title: String,
    pub change: ChangeKind,
    /// The section's text, word by word, marked added/removed/unchanged.
    pub words: Vec<WordChange>,
}

fn section_text(s: &Section) -> String {
    let mut t = format!("{}\n", s.title);
    for (i, c) in s.clauses.iter().enumerate() {
        t.push_str(&format!("Stk. {}. {}\n", i + 1, c));
    }
    t
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Section by section, word by word: what changed from `before` to `after`.
pub fn diff(before: &BylawsText, after: &BylawsText) -> Vec<SectionDiff> {
    let mut out = Vec::new();
    let whole = |s: &Section, kind: ChangeKind| {
        vec![WordChange {
            kind,
            text: section_text(s),
        }]
    };
    for (i, a) in after.sections.iter().enumerate() {
        match before.sections.iter().position(|b| b.key == a.key) {
            None => out.push(SectionDiff {
                key: a.key.clone(),
                number_before: None,
                number_after: Some(to_u32(i + 1)),
                title: a.title.clone(),
                change: ChangeKind::Added,
                words: whole(a, ChangeKind::Added),
            }),
            Some(j) => {
                let b = &before.sections[j];
                let (old, new) = (section_text(b), section_text(a));
                let words: Vec<WordChange> = TextDiff::from_words(&old, &new)
                    .iter_all_changes()
                    .map(|c| WordChange {
                        kind: match c.tag() {
                            ChangeTag::Equal => ChangeKind::Unchanged,
                            ChangeTag::Insert => ChangeKind::Added,
                            ChangeTag::Delete => ChangeKind::Removed,
                        },
                        text: c.value().to_owned(),
                    })
                    .collect();
                let changed = old != new;
                out.push(SectionDiff {
                    key: a.key.clone(),
                    number_before: Some(to_u32(j + 1)),
                    number_after: Some(to_u32(i + 1)),
                    title: a.title.clone(),
                    change: if changed {
                        ChangeKind::Changed
                    } else {
                        ChangeKind::Unchanged
                    },
                    words,
                });
            }
        }
    }
    for (j, b) in before.sections.iter().enumerate() {
        if !after.sections.iter().any(|a| a.key == b.key) {
            out.push(SectionDiff {
                key: b.key.clone(),
                number_before: Some(to_u32(j + 1)),
                number_after: None,
                title: b.title.clone(),
                change: ChangeKind::Removed,
                words: whole(b, ChangeKind::Removed),
            });
        }
    }
    out
}

/// After a setting changed, updates the number in its § where the text states it in a
/// recognisable phrase; returns the sections that still need a manual look.
pub fn follow_settings(
    text: &mut BylawsText,
    before: &RuleSettings,
    after: &RuleSettings,
) -> Vec<String> {
    let o = (&before.ordinary, &after.ordinary);
    let b = (&before.board, &after.board);
    let mut changes: Vec<(Option<String>, String, String)> = Vec::new();
    let mut num = |section: Option<&String>, old: u32, new: u32, phrase: &str| {
        if old != new {
            changes.push((
                section.cloned(),
                phrase.replace("{}", &old.to_string()),
                phrase.replace("{}", &new.to_string()),
            ));
        }
    };
    num(
        o.1.section.as_ref(),
        o.0.notice_days,
        o.1.notice_days,
        "mindst {} dages varsel",
    );
    num(
        o.1.section.as_ref(),
        o.0.proposal_deadline_days,
        o.1.proposal_deadline_days,
        "senest {} dage før generalforsamlingen",
    );
    if let (Some(x), Some(y)) = (o.0.final_agenda_days, o.1.final_agenda_days) {
        num(o.1.section.as_ref(), x, y, "udsendes senest {} dage før");
    }
    num(
        b.1.section.as_ref(),
        b.0.seats,
        b.1.seats,
        "består af {} medlemmer",
    );
    num(
        b.1.section.as_ref(),
        b.0.term_years,
        b.1.term_years,
        "vælges for {} år",
    );
    num(
        b.1.section.as_ref(),
        b.0.alternates,
        b.1.alternates,
        "{} suppleanter",
    );
    let e = (&before.extraordinary, &after.extraordinary);
    num(
        e.1.section.as_ref(),
        e.0.hold_within_days,
        e.1.hold_within_days,
        "senest {} dage efter",
    );
    let mut manual = Vec::new();
    let mut followed = Vec::new();
    for (section, old, new) in changes {
        let Some(key) = section else { continue };
        let Some(s) = text.sections.iter_mut().find(|s| s.key == key) else {
            continue;
        };
        let hits: usize = s
            .clauses
            .iter()
            .map(|c| c.matches(old.as_str()).count())
            .sum();
        if hits == 1 {
            for c in &mut s.clauses {
                *c = c.replace(old.as_str(), &new);
            }
            followed.push(key);
        } else if !manual.contains(&key) {
            manual.push(key);
        }
    }
    // Any other changed setting: its § must be read by a person.
    fn group<T: Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap_or_default()
    }
    let mut groups: Vec<(Option<&String>, String, String)> = vec![
        (
            after.extraordinary.section.as_ref(),
            group(&before.extraordinary),
            group(&after.extraordinary),
        ),
        (
            after.voting.section.as_ref(),
            group(&before.voting),
            group(&after.voting),
        ),
        (
            after.election.section.as_ref(),
            group(&before.election),
            group(&after.election),
        ),
        (
            after.fiscal_section.as_ref(),
            before.fiscal_year_start_month.to_string(),
            after.fiscal_year_start_month.to_string(),
        ),
    ];
    for d in &after.decisions {
        let old = before.decision(&d.kind).map(group).unwrap_or_default();
        groups.push((d.section.as_ref(), old, group(d)));
    }
    for (section, old, new) in groups {
        if let Some(key) = section {
            if old != new && !followed.contains(key) && !manual.contains(key) {
                manual.push(key.clone());
            }
        }
    }
    manual
}

/// Our standard bylaws for a Danish voluntary social association, with the usual values
/// (they match `RuleSettings::default()`), ready to be edited and adopted.
pub fn template(name: &str, municipality: Option<&str>) -> BylawsText {
    let kommune = municipality.unwrap_or("kommunen");
    let sec = |key: &str, title: &str, clauses: &[&str]| Section {
        headings: vec![],
        key: key.into(),
        title: title.into(),
        clauses: clauses
            .iter()
            .map(|c| (*c).replace("{navn}", name).replace("{kommune}", kommune))
            .collect(),
    };
    BylawsText {
        sections: vec![
            sec("navn", "Navn og hjemsted", &[
                "Foreningens navn er {navn}.",
                "Foreningens hjemsted er {kommune}.",
            ]),
            sec("formaal", "Formål", &[
                "Foreningens formål er at drive et værested og et frivilligt fællesskab for socialt udsatte borgere, hvor alle kan komme som de er.",
                "Husets brugere kan altid være anonyme og registreres ikke.",
                "Foreningen arbejder uden økonomisk gevinst for øje, og et eventuelt overskud anvendes til foreningens formål.",
            ]),
            sec("medlemskab", "Medlemskab og eksklusion", &[
                "Som medlem kan optages enhver, der støtter foreningens formål.",
                "Udmeldelse sker skriftligt til bestyrelsen.",
                "Bestyrelsen kan ekskludere et medlem, der modarbejder foreningens formål. Medlemmet skal forinden have haft lejlighed til at udtale sig.",
                "Et ekskluderet medlem kan kræve eksklusionen prøvet på den førstkommende generalforsamling, som træffer den endelige afgørelse med 2/3 af de afgivne stemmer.",
            ]),
            sec("kontingent", "Kontingent", &[
                "Kontingentet fastsættes for et år ad gangen af den ordinære generalforsamling.",
                "Kontingent for det løbende år skal være betalt for at have stemmeret på generalforsamlingen.",
            ]),
            sec("generalforsamling", "Den ordinære generalforsamling", &[
                "Generalforsamlingen er foreningens øverste myndighed.",
                "Den ordinære generalforsamling afholdes hvert år senest i marts og indkaldes af bestyrelsen med mindst 14 dages varsel ved e-mail eller brev til medlemmerne. Indkaldelsen skal indeholde dagsordenen.",
                "Forslag, der ønskes behandlet, skal være bestyrelsen i hænde senest 8 dage før generalforsamlingen. Endelig dagsorden med indkomne forslag udsendes senest 7 dage før generalforsamlingen.",
                "Dagsordenen skal mindst omfatte: 1. Valg af dirigent, referent og stemmetællere. 2. Bestyrelsens beretning. 3. Fremlæggelse af revideret regnskab til godkendelse. 4. Behandling af indkomne forslag. 5. Fremlæggelse af budget og fastsættelse af kontingent. 6. Valg af bestyrelsesmedlemmer. 7. Valg af suppleanter. 8. Valg af revisor og revisorsuppleant. 9. Eventuelt.",
                "Dirigenten må ikke være medlem af bestyrelsen. Dirigenten konstaterer, om generalforsamlingen er lovligt indkaldt, og afgør alle spørgsmål om fremgangsmåden.",
            ]),
            sec("ekstraordinaer", "Ekstraordinær generalforsamling", &[
                "Ekstraordinær generalforsamling afholdes, når bestyrelsen beslutter det, eller når mindst 1/4 af medlemmerne skriftligt kræver det med angivelse af dagsorden.",
                "Den ekstraordinære generalforsamling afholdes senest 28 dage efter, at kravet er modtaget, og indkaldes med mindst 14 dages varsel.",
            ]),
            sec("stemmeret", "Stemmeret, fuldmagt og afstemninger", &[
                "Stemmeret har ethvert medlem, der har betalt kontingent for det løbende år.",
                "Der kan stemmes ved skriftlig fuldmagt. Et fremmødt medlem kan højst afgive én stemme i henhold til fuldmagt.",
                "Beslutninger træffes ved simpelt flertal af de afgivne stemmer, medmindre andet fremgår af disse vedtægter. Blanke stemmer tæller ikke som afgivne stemmer.",
                "Skriftlig afstemning skal finde sted, når blot ét medlem ønsker det.",
            ]),
            sec("bestyrelse", "Bestyrelsen", &[
                "Foreningen ledes af en bestyrelse, der består af 5 medlemmer valgt af generalforsamlingen, samt de udpegede medlemmer efter § 9.",
                "Bestyrelsesmedlemmerne vælges for 2 år ad gangen, således at 3 er på valg i lige år og 2 i ulige år. Genvalg kan finde sted. Valgbar er ethvert medlem med stemmeret.",
                "Hvert år vælges 2 suppleanter for 1 år. Suppleanterne indtræder i rækkefølge efter stemmetal.",
                "Er der flere kandidater end pladser, foregår valget skriftligt. Hver stemmeberettiget kan højst sætte kryds ved så mange kandidater, som der skal vælges. Ved stemmelighed afgøres valget ved lodtrækning.",
                "Bestyrelsen konstituerer sig selv med formand, næstformand, kasserer og sekretær på sit første møde efter generalforsamlingen og fastsætter selv sin forretningsorden.",
            ]),
            sec("udpeget", "Udpegede bestyrelsesmedlemmer", &[
                "{kommune} kan udpege 1 medlem af bestyrelsen. Det udpegede medlem vælges ikke af generalforsamlingen og sidder, indtil kommunen udpeger et andet.",
            ]),
            sec("regnskab", "Regnskab og revision", &[
                "Foreningens regnskabsår er kalenderåret.",
                "Regnskabet revideres af en revisor valgt af generalforsamlingen for 1 år ad gangen. Modtager foreningen offentlige tilskud over 100.000 kr. årligt, revideres regnskabet af en registreret eller statsautoriseret revisor.",
                "Kassereren fører regnskabet, og bilag opbevares i 5 år efter regnskabsårets udløb.",
            ]),
            sec("tegning", "Tegningsret og hæftelse", &[
                "Foreningen tegnes af formanden og kassereren i forening. Ved køb, salg og pantsætning af fast ejendom tegnes foreningen af den samlede bestyrelse.",
                "Foreningen hæfter alene med sin formue. Medlemmer og bestyrelse hæfter ikke personligt for foreningens forpligtelser.",
            ]),
            sec("vedtaegtsaendring", "Vedtægtsændringer", &[
                "Vedtægterne kan ændres på en generalforsamling, når mindst 2/3 af de afgivne stemmer er for forslaget, og mindst 1/3 af de stemmeberettigede medlemmer er til stede.",
                "Er der ikke nok medlemmer til stede, men er forslaget vedtaget med 2/3, indkalder bestyrelsen til en ny generalforsamling senest 28 dage efter, hvor forslaget kan vedtages med 2/3 af de afgivne stemmer uanset antal fremmødte.",
            ]),
            sec("oploesning", "Opløsning", &[
                "Foreningens opløsning kræver vedtagelse med 2/3 af de afgivne stemmer på to på hinanden følgende generalforsamlinger, heraf mindst én ordinær.",
                "Ved opløsning anvendes foreningens formue til almennyttige sociale formål i {kommune} efter den sidste generalforsamlings beslutning. Ubrugte offentlige tilskud tilbagebetales til tilskudsgiveren.",
            ]),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_carries_what_grants_require() {
        let t = template("Foreningen Perronen", Some("Guldborgsund Kommune"));
        for key in [
            "navn",
            "formaal",
            "medlemskab",
            "generalforsamling",
            "bestyrelse",
            "regnskab",
            "vedtaegtsaendring",
            "oploesning",
        ] {
            assert!(t.number_of(key).is_some(), "{key}");
        }
        assert!(t.sections[0].clauses[0].contains("Foreningen Perronen"));
        assert!(t.validate().is_ok());
        // every setting's § exists in the template
        let r = RuleSettings::default();
        for key in [
            &r.ordinary.section,
            &r.extraordinary.section,
            &r.voting.section,
            &r.board.section,
            &r.fiscal_section,
        ] {
            assert!(t.number_of(key.as_deref().unwrap()).is_some());
        }
    }

    #[test]
    fn plain_text_round_trips() {
        let t = template("X", None);
        let parsed =
            parse_plain_text(&format!("Vedtægter for X\n\n{}", t.to_plain_text())).unwrap();
        assert_eq!(parsed.sections.len(), t.sections.len());
        for (a, b) in parsed.sections.iter().zip(&t.sections) {
            assert_eq!(a.title, b.title);
            assert_eq!(a.clauses, b.clauses);
        }
    }

    #[test]
    fn reads_word_style_text() {
        let text = "VEDTÆGTER\n\n§ 1\nNavn\nForeningens navn er Huset.\n\n§ 2: Formål\nAt skabe et fællesskab.\nFor alle.\n\nStk. 2. Alle kan være anonyme.\n";
        let p = parse_plain_text(text).unwrap();
        assert_eq!(p.sections[0].title, "Navn");
        assert_eq!(p.sections[1].title, "Formål");
        assert_eq!(
            p.sections[1].clauses,
            [
                "At skabe et fællesskab. For alle.",
                "Alle kan være anonyme."
            ]
        );
        assert!(parse_plain_text("ingen paragraffer her").is_err());
    }

    #[test]
    fn diff_marks_words_and_renumbering() {
        let before = template("X", None);
        let mut after = before.clone();
        after.sections[4].clauses[1] = after.sections[4].clauses[1].replace("14 dages", "21 dages");
        after.sections.insert(
            1,
            Section {
                key: "ny".into(),
                title: "Ny".into(),
                clauses: vec!["Tekst".into()],
                headings: vec![],
            },
        );
        after.sections.retain(|s| s.key != "tegning");
        let d = diff(&before, &after);
        let changed = d.iter().find(|s| s.key == "generalforsamling").unwrap();
        assert_eq!(changed.change, ChangeKind::Changed);
        assert_eq!(
            (changed.number_before, changed.number_after),
            (Some(5), Some(6))
        );
        assert!(changed
            .words
            .iter()
            .any(|w| w.kind == ChangeKind::Removed && w.text == "14"));
        assert!(changed
            .words
            .iter()
            .any(|w| w.kind == ChangeKind::Added && w.text == "21"));
        assert!(d
            .iter()
            .any(|s| s.key == "ny" && s.change == ChangeKind::Added));
        assert!(d
            .iter()
            .any(|s| s.key == "tegning" && s.change == ChangeKind::Removed));
    }

    #[test]
    fn the_text_follows_a_changed_setting() {
        let mut text = template("X", None);
        let before = RuleSettings::default();
        let mut after = before.clone();
        after.ordinary.notice_days = 21;
        after.board.seats = 7;
        let manual = follow_settings(&mut text, &before, &after);
        assert!(manual.is_empty(), "{manual:?}");
        let mut stricter = after.clone();
        stricter.decisions[1].majority = crate::rules::Fraction::THREE_QUARTERS;
        assert_eq!(
            follow_settings(&mut text, &after, &stricter),
            ["vedtaegtsaendring"],
            "a change the text cannot follow is flagged"
        );
        let ga = &text.sections[text.number_of("generalforsamling").unwrap() - 1];
        assert!(ga.clauses[1].contains("mindst 21 dages varsel"));
        let board = &text.sections[text.number_of("bestyrelse").unwrap() - 1];
        assert!(board.clauses[0].contains("består af 7 medlemmer"));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum VersionStatus {
    Draft,
    Adopted,
}

/// One version of the bylaws: its text and the settings it carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BylawsVersion {
    pub id: crate::ids::BylawsVersionId,
    #[ts(type = "number")]
    pub number: i64,
    pub status: VersionStatus,
    pub text: BylawsText,
    pub rules: RuleSettings,
    pub adopted_on: Option<chrono::NaiveDate>,
    pub in_force_from: Option<chrono::NaiveDate>,
    /// e.g. "Vedtaget på generalforsamlingen den 20.03.2027"
    pub adopted_note: Option<String>,
    #[ts(type = "number")]
    pub version: i64,
}

/// The version whose rules govern `day` (a meeting's date): the one in force then; else
/// the one in force `today`; else the draft while nothing is adopted; else the newest.
pub fn governing(
    versions: &[BylawsVersion],
    day: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Option<&BylawsVersion> {
    in_force(versions, day)
        .or_else(|| in_force(versions, today))
        .or_else(|| versions.iter().find(|v| v.status == VersionStatus::Draft))
        .or(versions.last())
}

/// The adopted version in force on `day`: the latest whose in-force date has come.
pub fn in_force(versions: &[BylawsVersion], day: chrono::NaiveDate) -> Option<&BylawsVersion> {
    versions
        .iter()
        .filter(|v| v.status == VersionStatus::Adopted && v.in_force_from.is_some_and(|f| f <= day))
        .max_by_key(|v| (v.in_force_from, v.number))
}

/// A new draft to edit when there is none: a copy of the version in force on `today` (else
/// the newest), numbered after the last. `None` when there is a draft already, or nothing.
pub fn new_draft(versions: &[BylawsVersion], today: chrono::NaiveDate) -> Option<BylawsVersion> {
    if versions.iter().any(|v| v.status == VersionStatus::Draft) {
        return None;
    }
    let base = in_force(versions, today).or(versions.last())?.clone();
    Some(BylawsVersion {
        id: crate::ids::BylawsVersionId::new(),
        number: versions.iter().map(|v| v.number).max().unwrap_or(0) + 1,
        status: VersionStatus::Draft,
        adopted_on: None,
        in_force_from: None,
        adopted_note: None,
        version: 1,
        ..base
    })
}

/// The draft as adopted on `adopted_on`, in force from `in_force_from` (the adoption day when
/// not given), with `note` or the standard one. Refused when it would be in force before
/// it was adopted.
pub fn adopt(
    draft: &BylawsVersion,
    adopted_on: chrono::NaiveDate,
    in_force_from: Option<chrono::NaiveDate>,
    note: Option<&str>,
) -> Result<BylawsVersion, FieldErrors> {
    let in_force_from = in_force_from.unwrap_or(adopted_on);
    if in_force_from < adopted_on {
        return Err(FieldErrors::one(
            "inForceFrom",
            Text::new("bylaws-in-force-before-adopted"),
        ));
    }
    let note = match note.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => n.to_owned(),
        None => Text::new("bylaws-adopted-note")
            .str("day", crate::dates::format_date(adopted_on))
            .da(),
    };
    Ok(BylawsVersion {
        status: VersionStatus::Adopted,
        adopted_on: Some(adopted_on),
        in_force_from: Some(in_force_from),
        adopted_note: Some(note),
        version: draft.version + 1,
        ..draft.clone()
    })
}

#[cfg(test)]
mod version_tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn version(number: i64, status: VersionStatus, in_force: Option<NaiveDate>) -> BylawsVersion {
        BylawsVersion {
            id: crate::ids::BylawsVersionId::new(),
            number,
            status,
            text: BylawsText { sections: vec![] },
            rules: RuleSettings::default(),
            adopted_on: in_force,
            in_force_from: in_force,
            adopted_note: None,
            version: 3,
        }
    }

    #[test]
    fn a_new_draft_copies_the_version_in_force_and_is_numbered_after_the_last() {
        let v1 = version(1, VersionStatus::Adopted, Some(day(2025, 3, 1)));
        let v2 = version(2, VersionStatus::Adopted, Some(day(2027, 3, 1)));
        let draft = new_draft(&[v1.clone(), v2.clone()], day(2026, 6, 1)).unwrap();
        assert_eq!(
            (draft.number, draft.status, draft.version),
            (3, VersionStatus::Draft, 1)
        );
        assert_eq!(draft.adopted_on, None);
        assert_ne!(draft.id, v1.id);
        let mut with = vec![v1, v2];
        with.push(draft);
        assert_eq!(
            new_draft(&with, day(2026, 6, 1)),
            None,
            "one draft at a time"
        );
        assert_eq!(new_draft(&[], day(2026, 6, 1)), None);
    }

    #[test]
    fn bylaws_are_not_in_force_before_they_are_adopted() {
        let draft = version(2, VersionStatus::Draft, None);
        let adopted = adopt(&draft, day(2027, 3, 13), None, None).unwrap();
        assert_eq!(adopted.in_force_from, Some(day(2027, 3, 13)));
        assert_eq!(
            adopted.adopted_note.as_deref(),
            Some("Vedtaget på generalforsamlingen den 13.03.2027")
        );
        assert_eq!(adopted.version, 4);
        let later = adopt(
            &draft,
            day(2027, 3, 13),
            Some(day(2027, 4, 1)),
            Some(" Ekstraordinær GF "),
        )
        .unwrap();
        assert_eq!(later.adopted_note.as_deref(), Some("Ekstraordinær GF"));
        let err = adopt(&draft, day(2027, 3, 13), Some(day(2027, 3, 12)), None).unwrap_err();
        assert_eq!(err.0[0].field, "inForceFrom");
    }
}

#[cfg(test)]
mod import_panics {
    use super::*;

    #[test]
    fn a_letter_whose_lowercase_has_another_length_after_stk_is_read_not_a_panic() {
        for odd in ["\u{212a}", "İ", "ẞ", "Ω", "ﬀ"] {
            let text = format!(
                "§ 1 Navn\nStk. {odd}elvin er et navn.\nStk{odd}\n{odd}tk. 3 Mere.\nSTK. 4 Sidst."
            );
            let doc = parse_plain_text(&text).unwrap();
            assert_eq!(doc.sections[0].title, "Navn");
            assert!(
                doc.sections[0].clauses[0].starts_with(odd),
                "{:?}",
                doc.sections[0].clauses
            );
            assert!(
                doc.sections[0].clauses.iter().any(|c| c == "Sidst."),
                "{:?}",
                doc.sections[0].clauses
            );
        }
    }
}

#[cfg(test)]
mod many_sections {
    use super::*;

    #[test]
    fn sections_of_the_same_title_get_their_own_keys_in_linear_time() {
        let text: String = (1..=4000)
            .map(|i| format!("§ {i} Bestyrelsen\nStk. 1. Tekst {i}.\n"))
            .collect();
        let doc = parse_plain_text(&text).unwrap();
        assert_eq!(doc.sections.len(), 4000);
        assert_eq!(doc.sections[0].key, "bestyrelsen");
        assert_eq!(doc.sections[1].key, "bestyrelsen-2");
        assert_eq!(doc.sections[3999].key, "bestyrelsen-4000");
        let keys: std::collections::HashSet<_> = doc.sections.iter().map(|s| &s.key).collect();
        assert_eq!(keys.len(), 4000);
        // A title that looks like a numbered key does not collide.
        let doc = parse_plain_text("§ 1 A\nx\n§ 2 A 2\ny\n§ 3 A\nz").unwrap();
        let keys: Vec<&str> = doc.sections.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["a", "a-2", "a-3"]);
    }

    #[test]
    fn a_text_past_the_limit_is_refused_before_it_is_read() {
        let huge = "§ 1 A\n".repeat(MAX_BYLAWS_TEXT / 6 + 1);
        assert_eq!(
            parse_plain_text(&huge).unwrap_err().id,
            "bylaws-text-too-large"
        );
    }
}
