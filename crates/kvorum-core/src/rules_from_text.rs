//! Rule settings read from an imported bylaws text, for the secretary to confirm: each one
//! with the § and the words it came from ("mindst 3 ugers varsel" → 21 days' notice). What
//! the text does not state is listed too, so a template value (an appointed municipal seat,
//! a proposal deadline) is never kept silently, and every setting points at a § that exists.
//!
//! The reading is plain pattern matching on Danish bylaws prose, sentence by sentence, with
//! the section's title (and the heading inside it) as context; numbers may be written as
//! words ("tre ugers varsel", "syv medlemmer").

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bylaws::BylawsText;
use crate::rules::{AppointedSeat, Fallback, Fraction, RuleSettings, TieRule};
use crate::text::{Lang, Text};

/// One setting found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FoundSetting {
    /// The setting, e.g. `ordinary.noticeDays` (the UI and the CLI name it).
    pub path: String,
    /// The value as read: "21 dage", "2/3", "nej".
    pub value: String,
    /// The section it came from: its key and its § number.
    pub section: String,
    pub section_no: u32,
    /// The sentence it came from.
    pub words: String,
    /// The value differs from the draft's.
    pub changes: bool,
}

/// A setting the text does not state: the draft's value is kept, and the secretary is told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SilentSetting {
    pub path: String,
    /// The value kept, as the UI shows it.
    pub value: String,
    /// Why it matters, e.g. the template's appointed seat the text has no word of.
    pub note: String,
}

/// What the text says about the settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsReading {
    pub found: Vec<FoundSetting>,
    pub silent: Vec<SilentSetting>,
}

/// A value read, before it is set.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Days(u32),
    Count(u32),
    Years(u32),
    Month(u32),
    Yes(bool),
    Share(Fraction),
    Appointed(Vec<AppointedSeat>),
    Chair(bool),
    Fallback(Fallback),
    Ties(TieRule),
    /// "med samme varsel som den ordinære": resolved once the ordinary notice is read.
    SameNotice,
    /// "uanset antallet af fremmødte": no quorum.
    NoQuorum,
}

struct Finding {
    path: &'static str,
    value: Value,
    section: usize,
    words: String,
}

/// The settings Kvorum reads from a text, in the order they are shown.
pub const READ_PATHS: [&str; 38] = [
    "ordinary.latestMonth",
    "ordinary.noticeDays",
    "ordinary.noticeByEmail",
    "ordinary.proposalDeadlineDays",
    "ordinary.finalAgendaDays",
    "extraordinary.memberShare",
    "extraordinary.memberCount",
    "extraordinary.holdWithinDays",
    "extraordinary.noticeDays",
    "voting.feePaidRequired",
    "voting.paymentDaysBefore",
    "voting.minMembershipDays",
    "voting.minAge",
    "voting.proxiesAllowed",
    "voting.maxProxiesPerMember",
    "board.seats",
    "board.seatsMin",
    "board.seatsMax",
    "board.termYears",
    "board.staggered",
    "board.seatsInEvenYears",
    "board.directlyElected",
    "board.alternates",
    "board.alternateTermYears",
    "board.appointed",
    "board.auditors",
    "board.auditorAlternates",
    "board.auditorTermYears",
    "decisions.amendment.majority",
    "decisions.amendment.quorum",
    "decisions.amendment.fallback",
    "decisions.amendment.twoAssemblies",
    "decisions.dissolution.majority",
    "decisions.dissolution.quorum",
    "decisions.dissolution.fallback",
    "decisions.dissolution.twoAssemblies",
    "election.ties",
    "fiscalYearStartMonth",
];

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("a fixed pattern: {e}"))
}

static NUMBER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(én|ét|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|atten|nitten|tyve|tredive)\b",
    )
});
static ARTICLE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(en|et)\s+(uge|uges|dag|dags|måned|måneds|år|medlem|revisor|revisorsuppleant|suppleant|stemme|fuldmagt)\b",
    )
});
static FRACTION_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(en|én|1|to|2|tre|3)\s+(halvdel|halvdele|tredjedel|tredjedele|fjerdedel|fjerdedele)\b|\bhalvdelen\b",
    )
});
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(\d+)\s*(dages|dage|dag|ugers|uger|uges|uge|måneders|måneder|måned|års|år)\b")
});
static NOTICE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\d+)\s*(dages|dage|ugers|uger|uges|uge)\s+(?:skriftligt?\s+)?varsel"));
static FRACTION: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{1,2})\s*/\s*(\d{1,2})\b"));
static SENEST_FOR: LazyLock<Regex> =
    LazyLock::new(|| re(r"senest\s+(\d+)\s*(dage|dag|uger|uge)\s+før"));
static WITHIN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:senest|inden(?:\s+for)?)\s+(\d+)\s*(dage|dag|uger|uge|måneder|måned)\s+efter")
});
use crate::dates::MONTHS_DA as MONTHS;
static BOARD_SIZE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"bestyrelse[n]?\s+(?:på|består af|af)\s+(\d+)(?:\s*(?:–|-|til)\s*(\d+))?\s+(?:valgte\s+|ordinære\s+)?medlemmer",
    )
});
static TERM: LazyLock<Regex> = LazyLock::new(|| re(r"vælges\s+(?:\w+\s+){0,3}?for\s+(\d+)\s+år"));
static FOR_YEARS: LazyLock<Regex> = LazyLock::new(|| re(r"\bfor\s+(\d+)\s+år"));
static EVEN_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(\d+)\s+(?:medlemmer\s+|af\s+medlemmerne\s+)?(?:er\s+)?på\s+valg\s+i\s+lige\s+år")
});
static ALTERNATES: LazyLock<Regex> = LazyLock::new(|| re(r"(\d+)\s+suppleanter?\b"));
static AUDITORS: LazyLock<Regex> = LazyLock::new(|| re(r"(\d+)\s+revisor(?:er)?\b"));
static AUDITOR_ALTERNATES: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:(\d+)\s+)?revisorsuppleant(?:er)?\b"));
static APPOINTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(\d+)\s+(?:medlem(?:mer)?\s+)?(?:der\s+)?(?:udpeget|udpeges|udpeger)\s+af\s+(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*)",
    )
});
static AT_LEAST_COUNT: LazyLock<Regex> =
    LazyLock::new(|| re(r"mindst\s+(\d+)\s+(?:stemmeberettigede\s+)?medlemmer"));
static MEMBERSHIP_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"medlem\w*\s+(?:\w+\s+){0,4}?(?:i\s+)?mindst\s+(\d+)\s*(dage|uger|måneder|måned|år)")
});
static AGE: LazyLock<Regex> = LazyLock::new(|| re(r"fyldt\s+(\d+)\s+år"));
static PROXY_CAP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:kun|højst|ikke mere end|maksimalt)\s+(?:afgive\s+|medbringe\s+|have\s+|repræsentere\s+)?(\d+)\s+(?:stemme|fuldmagt)",
    )
});

/// The text with number words as digits ("tre ugers" → "3 ugers", "en uge" → "1 uge"),
/// fractions in words as fractions ("to tredjedele" → "2/3"), case kept.
fn with_digits(s: &str) -> String {
    let s = FRACTION_WORDS.replace_all(s, |c: &regex::Captures| {
        if c[0].eq_ignore_ascii_case("halvdelen") {
            return "1/2".to_owned();
        }
        let num = match c[1].to_lowercase().as_str() {
            "en" | "én" | "1" => 1,
            "to" | "2" => 2,
            _ => 3,
        };
        let den = match c[2].to_lowercase().get(..4) {
            Some("halv") => 2,
            Some("tred") => 3,
            _ => 4,
        };
        format!("{num}/{den}")
    });
    let s = ARTICLE_NUMBER.replace_all(&s, "1 $2");
    NUMBER_WORDS
        .replace_all(&s, |c: &regex::Captures| {
            let n = match c[1].to_lowercase().as_str() {
                "én" | "ét" => 1,
                "to" => 2,
                "tre" => 3,
                "fire" => 4,
                "fem" => 5,
                "seks" => 6,
                "syv" => 7,
                "otte" => 8,
                "ni" => 9,
                "ti" => 10,
                "elleve" => 11,
                "tolv" => 12,
                "tretten" => 13,
                "fjorten" => 14,
                "femten" => 15,
                "seksten" => 16,
                "sytten" => 17,
                "atten" => 18,
                "nitten" => 19,
                "tyve" => 20,
                _ => 30,
            };
            n.to_string()
        })
        .into_owned()
}

fn num(s: &str) -> Option<u32> {
    s.parse().ok().filter(|n| *n <= 10_000)
}

/// A duration in days: weeks × 7, months × 30, years × 365.
fn days(n: &str, unit: &str) -> Option<u32> {
    let n = num(n)?;
    let per = if unit.starts_with("uge") {
        7
    } else if unit.starts_with("måned") {
        30
    } else if unit.starts_with("år") {
        365
    } else {
        1
    };
    n.checked_mul(per)
}

fn fraction(c: &regex::Captures) -> Option<Fraction> {
    let f = Fraction {
        num: num(&c[1])?,
        den: num(&c[2])?,
    };
    f.is_valid().then_some(f)
}

/// Sentences of a clause: split after `.`, `!` or `?` followed by a capital letter.
fn sentences(clause: &str) -> Vec<&str> {
    let mut out = vec![];
    let mut start = 0;
    let chars: Vec<(usize, char)> = clause.char_indices().collect();
    for w in chars.windows(3) {
        let ((_, a), (_, b), (k, c)) = (w[0], w[1], w[2]);
        if matches!(a, '.' | '!' | '?') && b == ' ' && c.is_uppercase() {
            out.push(clause[start..k].trim());
            start = k;
        }
    }
    out.push(clause[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// One sentence with where it stands.
struct Sentence<'a> {
    section: usize,
    /// The section's title and the heading inside it, lower case.
    context: String,
    original: &'a str,
    /// With digits, case kept.
    digits: String,
    /// With digits, lower case.
    lower: String,
}

fn all_sentences(text: &BylawsText) -> Vec<Sentence<'_>> {
    let mut out = vec![];
    for (i, s) in text.sections.iter().enumerate() {
        for (j, clause) in s.clauses.iter().enumerate() {
            let heading = s
                .headings
                .iter()
                .rfind(|h| usize::try_from(h.before).is_ok_and(|b| b <= j))
                .map(|h| h.text.as_str())
                .unwrap_or("");
            let context = format!("{} {}", s.title, heading).to_lowercase();
            for original in sentences(clause) {
                let digits = with_digits(original);
                let lower = digits.to_lowercase();
                out.push(Sentence {
                    section: i,
                    context: context.clone(),
                    original,
                    digits,
                    lower,
                });
            }
        }
    }
    out
}

/// Reads what the text says; `base` is the draft's settings, compared against.
pub fn read_settings(text: &BylawsText, base: &RuleSettings, lang: Lang) -> SettingsReading {
    let findings = findings(text);
    let mut found = vec![];
    for f in &findings {
        let mut changed = base.clone();
        set(&mut changed, f.path, &f.value);
        let section = &text.sections[f.section];
        found.push(FoundSetting {
            path: f.path.to_owned(),
            value: show(&f.value, lang),
            section: section.key.clone(),
            section_no: u32::try_from(f.section + 1).unwrap_or(u32::MAX),
            words: f.words.clone(),
            changes: changed != *base,
        });
    }
    // In the order the settings panel has them, not the order the text happens to.
    found.sort_by_key(|f| {
        READ_PATHS
            .iter()
            .position(|p| *p == f.path)
            .unwrap_or(usize::MAX)
    });
    let mut silent = vec![];
    for path in READ_PATHS {
        if findings.iter().any(|f| f.path == path) {
            continue;
        }
        let Some(value) = current(base, path) else {
            continue;
        };
        let note = match path {
            "board.appointed" if !base.board.appointed.is_empty() => {
                Text::new("setting-appointed-unsupported")
            }
            _ => Text::new("setting-silent"),
        };
        silent.push(SilentSetting {
            path: path.to_owned(),
            value: show(&value, lang),
            note: note.render(lang),
        });
    }
    SettingsReading { found, silent }
}

/// The settings with the findings the secretary accepted (by path; all when `accept` is
/// `None`), each group pointing at the § it was read from, and no group at a § the text does
/// not have.
pub fn apply_settings(
    text: &BylawsText,
    base: &RuleSettings,
    accept: Option<&[String]>,
) -> RuleSettings {
    let mut rules = base.clone();
    for f in findings(text) {
        if accept.is_some_and(|a| !a.iter().any(|p| p == f.path)) {
            continue;
        }
        set(&mut rules, f.path, &f.value);
        let key = Some(text.sections[f.section].key.clone());
        let group = f.path.split('.').next().unwrap_or("");
        match group {
            "ordinary" if first_of(&rules.ordinary.section, text) => rules.ordinary.section = key,
            "extraordinary" if first_of(&rules.extraordinary.section, text) => {
                rules.extraordinary.section = key
            }
            "voting" if first_of(&rules.voting.section, text) => rules.voting.section = key,
            "board" if first_of(&rules.board.section, text) => rules.board.section = key,
            "election" if first_of(&rules.election.section, text) => rules.election.section = key,
            "fiscalYearStartMonth" => rules.fiscal_section = key,
            "decisions" => {
                let kind = f.path.split('.').nth(1).unwrap_or("");
                if let Some(d) = rules.decisions.iter_mut().find(|d| d.kind == kind) {
                    if first_of(&d.section, text) {
                        d.section = key;
                    }
                }
            }
            _ => {}
        }
    }
    // A § the text does not have is no §.
    let exists = |k: &Option<String>| {
        k.as_ref()
            .is_some_and(|k| text.sections.iter().any(|s| s.key == *k))
    };
    for s in [
        &mut rules.ordinary.section,
        &mut rules.extraordinary.section,
        &mut rules.voting.section,
        &mut rules.board.section,
        &mut rules.election.section,
        &mut rules.fiscal_section,
    ] {
        if !exists(s) {
            *s = None;
        }
    }
    for d in &mut rules.decisions {
        if !exists(&d.section) {
            d.section = None;
        }
    }
    rules
}

/// Whether a group's § is still the template's (so the first finding sets it).
fn first_of(section: &Option<String>, text: &BylawsText) -> bool {
    section
        .as_ref()
        .is_none_or(|k| !text.sections.iter().any(|s| s.key == *k))
}

fn findings(text: &BylawsText) -> Vec<Finding> {
    let all = all_sentences(text);
    let mut out: Vec<Finding> = vec![];
    let mut add = |path: &'static str, value: Value, s: &Sentence| {
        if !out.iter().any(|f| f.path == path) {
            out.push(Finding {
                path,
                value,
                section: s.section,
                words: s.original.to_owned(),
            });
        }
    };
    for s in &all {
        let l = s.lower.as_str();
        let ctx = s.context.as_str();
        let has = |w: &str| l.contains(w);
        let extra = ctx.contains("ekstraordinær") || has("ekstraordinær");
        let amendment = ctx.contains("vedtægtsændring")
            || ctx.contains("ændring af vedtægt")
            || (has("vedtægt") && has("ændr"));
        let dissolution = ctx.contains("opløsning") || has("opløsning") || has("opløses");
        let assembly = ctx.contains("generalforsamling") || has("generalforsamling");
        let voting = has("stemmeret") || has("stemmeberettiget") || has("stemme ");

        // The ordinary assembly.
        if assembly && !extra && !amendment && !dissolution {
            if has("varsel") && !has("samme varsel") {
                if let Some(d) = notice(l) {
                    add("ordinary.noticeDays", Value::Days(d), s);
                }
            }
            if has("indkald") || has("varsel") {
                // »ved e-mail eller brev«, »elektronisk«: e-mail allowed; »ved brev« alone:
                // letters only. »Skriftligt« says neither.
                if has("e-mail") || has("email") || has("mail ") || has("elektronisk") {
                    add("ordinary.noticeByEmail", Value::Yes(true), s);
                } else if has("brev") {
                    add("ordinary.noticeByEmail", Value::Yes(false), s);
                }
            }
            if has("forslag") && !has("dagsorden") && !has("kontingent") {
                if let Some(d) = SENEST_FOR.captures(l).and_then(|c| days(&c[1], &c[2])) {
                    add("ordinary.proposalDeadlineDays", Value::Days(d), s);
                }
            }
            if has("dagsorden") && (has("endelig") || has("forslag")) {
                if let Some(d) = SENEST_FOR.captures(l).and_then(|c| days(&c[1], &c[2])) {
                    add("ordinary.finalAgendaDays", Value::Days(d), s);
                }
            }
            if has("afholdes") && (has("hvert år") || has("årligt") || has("ordinær")) {
                if let Some(m) = latest_month(l) {
                    add("ordinary.latestMonth", Value::Month(m), s);
                }
            }
        }
        // The extraordinary assembly.
        if extra && !amendment && !dissolution {
            let demand = has("kræv") || has("begær") || has("forlang") || has("ønske");
            if demand && has("medlem") && !has("afgivne") {
                if let Some(f) = FRACTION.captures(l).and_then(|c| fraction(&c)) {
                    add("extraordinary.memberShare", Value::Share(f), s);
                }
                if let Some(n) = AT_LEAST_COUNT.captures(l).and_then(|c| num(&c[1])) {
                    add("extraordinary.memberCount", Value::Count(n), s);
                }
            }
            if let Some(d) = WITHIN_AFTER.captures(l).and_then(|c| days(&c[1], &c[2])) {
                add("extraordinary.holdWithinDays", Value::Days(d), s);
            }
            if has("varsel") {
                if let Some(d) = notice(l) {
                    add("extraordinary.noticeDays", Value::Days(d), s);
                } else if has("samme varsel") {
                    add("extraordinary.noticeDays", Value::SameNotice, s);
                }
            }
        }
        // Who may vote.
        if voting && (has("restance") || (has("betalt") && has("kontingent"))) {
            add("voting.feePaidRequired", Value::Yes(true), s);
            if let Some(d) = SENEST_FOR.captures(l).and_then(|c| days(&c[1], &c[2])) {
                add("voting.paymentDaysBefore", Value::Days(d), s);
            }
        }
        if (voting || ctx.contains("stemmeret")) && !has("valgbar") {
            if let Some(d) = MEMBERSHIP_TIME.captures(l).and_then(|c| days(&c[1], &c[2])) {
                add("voting.minMembershipDays", Value::Days(d), s);
            }
            if let Some(n) = AGE.captures(l).and_then(|c| num(&c[1])) {
                add("voting.minAge", Value::Count(n), s);
            }
        }
        if has("fuldmagt") && !has("bestyrelse") {
            let refused = has("ikke") || has("ingen") || has("udelukket");
            let cap = PROXY_CAP.captures(l).and_then(|c| num(&c[1]));
            if refused && cap.is_none() {
                add("voting.proxiesAllowed", Value::Yes(false), s);
                add("voting.maxProxiesPerMember", Value::Count(0), s);
            } else {
                add("voting.proxiesAllowed", Value::Yes(true), s);
                if let Some(n) = cap {
                    add("voting.maxProxiesPerMember", Value::Count(n), s);
                }
            }
        }
        // The board.
        if ctx.contains("bestyrelse") || has("bestyrelse") {
            if let Some(c) = BOARD_SIZE.captures(l) {
                let (a, b) = (num(&c[1]), c.get(2).and_then(|m| num(m.as_str())));
                if let Some(a) = a {
                    let b = b.unwrap_or(a);
                    if a == b {
                        add("board.seats", Value::Count(a), s);
                    }
                    add("board.seatsMin", Value::Count(a.min(b)), s);
                    add("board.seatsMax", Value::Count(a.max(b)), s);
                }
            }
            if !has("suppleant") && !has("revisor") {
                if let Some(n) = TERM.captures(l).and_then(|c| num(&c[1])) {
                    add("board.termYears", Value::Years(n), s);
                }
            }
            if let Some(n) = EVEN_YEARS.captures(l).and_then(|c| num(&c[1])) {
                add("board.staggered", Value::Yes(true), s);
                add("board.seatsInEvenYears", Value::Count(n), s);
            } else if has("halvdelen") && has("på valg") || has("1/2 er på valg") {
                add("board.staggered", Value::Yes(true), s);
            }
            if has("formand")
                && has("vælges")
                && (has("direkte") || has("af generalforsamlingen"))
                && !has("konstituerer")
                && !has("suppleant")
            {
                add("board.directlyElected", Value::Chair(true), s);
            }
            if has("konstituerer sig") {
                add("board.directlyElected", Value::Chair(false), s);
            }
            // An agenda item ("Valg af 2 suppleanter") says what is on the agenda, not the rule.
            if !has("revisor") && !has("valg af") {
                if let Some(n) = ALTERNATES.captures(l).and_then(|c| num(&c[1])) {
                    add("board.alternates", Value::Count(n), s);
                    if let Some(y) = FOR_YEARS.captures(l).and_then(|c| num(&c[1])) {
                        add("board.alternateTermYears", Value::Years(y), s);
                    }
                }
            }
            let seats: Vec<AppointedSeat> = APPOINTED
                .captures_iter(&s.digits)
                .filter_map(|c| {
                    Some(AppointedSeat {
                        appointed_by: c[2].trim().to_owned(),
                        count: num(&c[1])?,
                    })
                })
                .collect();
            if !seats.is_empty() {
                add("board.appointed", Value::Appointed(seats), s);
            }
        }
        // Auditors, wherever the text has them.
        if has("revisor") && !has("valg af") {
            let count = AUDITORS.captures(l).and_then(|c| num(&c[1]));
            if let Some(n) = count {
                add("board.auditors", Value::Count(n), s);
            } else if has("vælg") && has(" revisor") {
                add("board.auditors", Value::Count(1), s);
            }
            if let Some(c) = AUDITOR_ALTERNATES.captures(l) {
                let n = c.get(1).and_then(|m| num(m.as_str())).unwrap_or(1);
                add("board.auditorAlternates", Value::Count(n), s);
            }
            if has("vælg") {
                if let Some(y) = FOR_YEARS.captures(l).and_then(|c| num(&c[1])) {
                    add("board.auditorTermYears", Value::Years(y), s);
                }
            }
        }
        // Amendments and dissolution.
        for (kind, on) in [
            ("amendment", amendment && !dissolution),
            ("dissolution", dissolution),
        ] {
            if !on {
                continue;
            }
            let path = |what: &str| -> &'static str {
                match (kind, what) {
                    ("amendment", "majority") => "decisions.amendment.majority",
                    ("amendment", "quorum") => "decisions.amendment.quorum",
                    ("amendment", "fallback") => "decisions.amendment.fallback",
                    ("amendment", _) => "decisions.amendment.twoAssemblies",
                    ("dissolution", "majority") => "decisions.dissolution.majority",
                    ("dissolution", "quorum") => "decisions.dissolution.quorum",
                    ("dissolution", "fallback") => "decisions.dissolution.fallback",
                    _ => "decisions.dissolution.twoAssemblies",
                }
            };
            let second = (has("ny ") || has("anden") || has("ekstraordinær"))
                && has("generalforsamling")
                && WITHIN_AFTER.is_match(l);
            // Each fraction is a quorum ("1/2 af medlemmerne er til stede") or a majority
            // ("2/3 af de afgivne stemmer"), by what follows it.
            let quorum_words = has("til stede") || has("mødt");
            let mut majority = None;
            let mut quorum = None;
            for c in FRACTION.captures_iter(l) {
                let Some(f) = fraction(&c) else { continue };
                let after = l.get(c.get(0).map_or(0, |m| m.end())..).unwrap_or("");
                let near: String = after.chars().take(60).collect();
                let of_members = near.find("medlem");
                let of_votes = near.find("afgivne").or_else(|| near.find(" stemmer"));
                let is_quorum =
                    quorum_words && of_members.is_some_and(|m| of_votes.is_none_or(|v| m < v));
                if is_quorum {
                    quorum.get_or_insert(f);
                } else {
                    majority.get_or_insert(f);
                }
            }
            if second {
                if let Some(within_days) = WITHIN_AFTER.captures(l).and_then(|c| days(&c[1], &c[2]))
                {
                    let last = FRACTION
                        .captures_iter(l)
                        .filter_map(|c| fraction(&c))
                        .last();
                    add(
                        path("fallback"),
                        Value::Fallback(Fallback::SecondAssembly {
                            within_days,
                            majority: last.unwrap_or(Fraction::TWO_THIRDS),
                            strict: false,
                        }),
                        s,
                    );
                }
            } else {
                if let Some(q) = quorum {
                    add(path("quorum"), Value::Share(q), s);
                }
                if let (Some(m), true) =
                    (majority, has("stemme") || has("vedtag") || has("flertal"))
                {
                    add(path("majority"), Value::Share(m), s);
                }
            }
            if has("på hinanden følgende") || has("2 generalforsamlinger") {
                add(path("twoAssemblies"), Value::Yes(true), s);
            }
        }
        // The fiscal year.
        if has("regnskabsår") {
            if has("kalenderår") {
                add("fiscalYearStartMonth", Value::Month(1), s);
            } else if let Some(m) = first_of_month(l) {
                add("fiscalYearStartMonth", Value::Month(m), s);
            }
        }
        // Ties in elections.
        let tie = has("stemmelighed") || has("står lige") || has("lige mange stemmer");
        if tie || (has("valg") && has("lodtrækning")) {
            if has("lodtrækning") {
                add("election.ties", Value::Ties(TieRule::Lot), s);
            } else if has("omvalg") || has("ny afstemning") || has("omafstemning") {
                add("election.ties", Value::Ties(TieRule::RunOff), s);
            }
        }
    }
    // "beslutningsdygtig uanset antallet af fremmødte": no quorum (and so no second
    // assembly) for a kind of decision whose own § states none.
    // Said in a kind's own §, or in the assembly's § for every kind.
    for s in all
        .iter()
        .filter(|s| s.lower.contains("uanset antallet af fremmødte"))
    {
        let own = |kind: &str| match kind {
            "amendment" => s.context.contains("vedtægt"),
            _ => s.context.contains("opløsning"),
        };
        let general = !own("amendment") && !own("dissolution");
        for kind in ["amendment", "dissolution"] {
            if !general && !own(kind) {
                continue;
            }
            let (q, f) = match kind {
                "amendment" => ("decisions.amendment.quorum", "decisions.amendment.fallback"),
                _ => (
                    "decisions.dissolution.quorum",
                    "decisions.dissolution.fallback",
                ),
            };
            if !out.iter().any(|x| x.path == q) {
                let words = s.original.to_owned();
                out.push(Finding {
                    path: q,
                    value: Value::NoQuorum,
                    section: s.section,
                    words: words.clone(),
                });
                if !out.iter().any(|x| x.path == f) {
                    out.push(Finding {
                        path: f,
                        value: Value::Fallback(Fallback::None),
                        section: s.section,
                        words,
                    });
                }
            }
        }
    }
    // A second assembly when too few attend, and no word of two assemblies in a row: it is
    // not to be adopted twice.
    for (f, two) in [
        (
            "decisions.amendment.fallback",
            "decisions.amendment.twoAssemblies",
        ),
        (
            "decisions.dissolution.fallback",
            "decisions.dissolution.twoAssemblies",
        ),
    ] {
        let second = out.iter().find(|x| {
            x.path == f && matches!(x.value, Value::Fallback(Fallback::SecondAssembly { .. }))
        });
        if let (Some(x), false) = (second, out.iter().any(|x| x.path == two)) {
            let (section, words) = (x.section, x.words.clone());
            out.push(Finding {
                path: two,
                value: Value::Yes(false),
                section,
                words,
            });
        }
    }
    // "med samme varsel": the ordinary assembly's notice.
    let ordinary_notice = out
        .iter()
        .find(|f| f.path == "ordinary.noticeDays")
        .map(|f| f.value.clone());
    out.retain_mut(|f| match (&f.value, &ordinary_notice) {
        (Value::SameNotice, Some(v)) => {
            f.value = v.clone();
            true
        }
        (Value::SameNotice, None) => false,
        _ => true,
    });
    // A board all elected by the assembly, and no word of a seat appointed by others: the
    // template's appointed seats are proposed away (with the words that say so).
    if !out.iter().any(|f| f.path == "board.appointed")
        && !all.iter().any(|s| s.lower.contains("udpeg"))
    {
        if let Some(size) = out.iter().find(|f| f.path == "board.seatsMax") {
            let (section, words) = (size.section, size.words.clone());
            out.push(Finding {
                path: "board.appointed",
                value: Value::Appointed(vec![]),
                section,
                words,
            });
        }
    }
    // "Formanden vælges i lige år": the chair's seat is up with the others in even years.
    let chair = out
        .iter()
        .any(|f| f.path == "board.directlyElected" && f.value == Value::Chair(true));
    let chair_even = all.iter().any(|s| {
        s.lower.contains("formand") && s.lower.contains("lige år") && !s.lower.contains("ulige år")
    });
    if chair && chair_even {
        for f in out
            .iter_mut()
            .filter(|f| f.path == "board.seatsInEvenYears")
        {
            if let Value::Count(n) = f.value {
                f.value = Value::Count(n.saturating_add(1));
            }
        }
    }
    out
}

/// The notice a sentence gives: the duration before "varsel", else its first duration.
fn notice(l: &str) -> Option<u32> {
    NOTICE
        .captures(l)
        .or_else(|| DURATION.captures(l))
        .and_then(|c| days(&c[1], &c[2]))
}

/// "inden udgangen af oktober" → 10, "i april måned" → 4, "inden 1. april" → 3,
/// "i første kvartal" → 3.
fn latest_month(l: &str) -> Option<u32> {
    if l.contains("første kvartal") {
        return Some(3);
    }
    if l.contains("første halvår") {
        return Some(6);
    }
    let (at, m) = MONTHS
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            l.find(name)
                .map(|at| (at, u32::try_from(i + 1).unwrap_or(1)))
        })
        .min()?;
    let before = &l[..at];
    let first_day = before.trim_end().ends_with("1.") || before.trim_end().ends_with("den 1.");
    let deadline = before.contains("inden") || before.contains("før") || before.contains("senest");
    Some(if first_day && deadline && !before.contains("udgangen") {
        if m == 1 {
            12
        } else {
            m - 1
        }
    } else {
        m
    })
}

/// "løber fra 1. juli" → 7.
fn first_of_month(l: &str) -> Option<u32> {
    MONTHS.iter().enumerate().find_map(|(i, name)| {
        let at = l.find(&format!("1. {name}"))?;
        (l[..at].ends_with("fra ")
            || l[..at].ends_with("den ")
            || at == 0
            || l[..at].ends_with(' '))
        .then(|| u32::try_from(i + 1).unwrap_or(1))
    })
}

fn set(r: &mut RuleSettings, path: &str, v: &Value) {
    use Value::*;
    let decision =
        |r: &mut RuleSettings, kind: &str| r.decisions.iter().position(|d| d.kind == kind);
    match (path, v) {
        ("ordinary.latestMonth", Month(m)) => r.ordinary.latest_month = Some(*m),
        ("ordinary.noticeDays", Days(d)) => r.ordinary.notice_days = *d,
        ("ordinary.proposalDeadlineDays", Days(d)) => r.ordinary.proposal_deadline_days = *d,
        ("ordinary.finalAgendaDays", Days(d)) => r.ordinary.final_agenda_days = Some(*d),
        ("ordinary.noticeByEmail", Yes(b)) => r.ordinary.notice_by_email = *b,
        ("extraordinary.memberShare", Share(f)) => r.extraordinary.member_share = Some(*f),
        ("extraordinary.memberCount", Count(n)) => r.extraordinary.member_count = Some(*n),
        ("extraordinary.holdWithinDays", Days(d)) => r.extraordinary.hold_within_days = *d,
        ("extraordinary.noticeDays", Days(d)) => r.extraordinary.notice_days = *d,
        ("voting.feePaidRequired", Yes(b)) => r.voting.fee_paid_required = *b,
        ("voting.paymentDaysBefore", Days(d)) => r.voting.payment_days_before = *d,
        ("voting.minMembershipDays", Days(d)) => r.voting.min_membership_days = *d,
        ("voting.minAge", Count(n)) => r.voting.min_age = Some(*n),
        ("voting.proxiesAllowed", Yes(b)) => r.voting.proxies_allowed = *b,
        ("voting.maxProxiesPerMember", Count(n)) => r.voting.max_proxies_per_member = *n,
        ("board.seats", Count(n)) => r.board.seats = *n,
        ("board.seatsMin", Count(n)) => r.board.seats_min = *n,
        ("board.seatsMax", Count(n)) => r.board.seats_max = *n,
        ("board.termYears", Years(n)) => r.board.term_years = *n,
        ("board.staggered", Yes(b)) => r.board.staggered = *b,
        ("board.seatsInEvenYears", Count(n)) => r.board.seats_in_even_years = *n,
        ("board.directlyElected", Chair(yes)) => {
            r.board.directly_elected.retain(|p| p != "chair");
            if *yes {
                r.board.directly_elected.push("chair".into());
            }
        }
        ("board.alternates", Count(n)) => r.board.alternates = *n,
        ("board.alternateTermYears", Years(n)) => r.board.alternate_term_years = *n,
        ("board.appointed", Appointed(a)) => r.board.appointed = a.clone(),
        ("board.auditors", Count(n)) => r.board.auditors = *n,
        ("board.auditorAlternates", Count(n)) => r.board.auditor_alternates = *n,
        ("board.auditorTermYears", Years(n)) => r.board.auditor_term_years = *n,
        ("fiscalYearStartMonth", Month(m)) => r.fiscal_year_start_month = *m,
        ("election.ties", Ties(t)) => r.election.ties = *t,
        (p, v) => {
            let mut parts = p.split('.');
            let (Some("decisions"), Some(kind), Some(what)) =
                (parts.next(), parts.next(), parts.next())
            else {
                return;
            };
            let Some(i) = decision(r, kind) else { return };
            let d = &mut r.decisions[i];
            match (what, v) {
                ("majority", Share(f)) => {
                    d.majority = *f;
                    d.strict = false;
                }
                ("quorum", Share(f)) => d.quorum = Some(*f),
                ("quorum", NoQuorum) => d.quorum = None,
                ("fallback", Fallback(f)) => d.fallback = f.clone(),
                ("twoAssemblies", Yes(b)) => d.two_assemblies = *b,
                _ => {}
            }
        }
    }
}

/// The draft's value of a setting, to show beside "the text says nothing".
fn current(r: &RuleSettings, path: &str) -> Option<Value> {
    use Value::*;
    let d = |kind: &str| r.decisions.iter().find(|d| d.kind == kind);
    Some(match path {
        "ordinary.latestMonth" => Month(r.ordinary.latest_month?),
        "ordinary.noticeDays" => Days(r.ordinary.notice_days),
        "ordinary.proposalDeadlineDays" => Days(r.ordinary.proposal_deadline_days),
        "ordinary.finalAgendaDays" => Days(r.ordinary.final_agenda_days?),
        "ordinary.noticeByEmail" => Yes(r.ordinary.notice_by_email),
        "extraordinary.memberShare" => Share(r.extraordinary.member_share?),
        "extraordinary.memberCount" => Count(r.extraordinary.member_count?),
        "extraordinary.holdWithinDays" => Days(r.extraordinary.hold_within_days),
        "extraordinary.noticeDays" => Days(r.extraordinary.notice_days),
        "voting.feePaidRequired" => Yes(r.voting.fee_paid_required),
        "voting.paymentDaysBefore" => Days(r.voting.payment_days_before),
        "voting.minMembershipDays" => Days(r.voting.min_membership_days),
        "voting.minAge" => Count(r.voting.min_age?),
        "voting.proxiesAllowed" => Yes(r.voting.proxies_allowed),
        "voting.maxProxiesPerMember" => Count(r.voting.max_proxies_per_member),
        "board.seats" => Count(r.board.seats),
        "board.seatsMin" => Count(r.board.seats_min),
        "board.seatsMax" => Count(r.board.seats_max),
        "board.termYears" => Years(r.board.term_years),
        "board.staggered" => Yes(r.board.staggered),
        "board.seatsInEvenYears" => Count(r.board.seats_in_even_years),
        "board.directlyElected" => Chair(r.board.directly_elected.iter().any(|p| p == "chair")),
        "board.alternates" => Count(r.board.alternates),
        "board.alternateTermYears" => Years(r.board.alternate_term_years),
        "board.appointed" => Appointed(r.board.appointed.clone()),
        "board.auditors" => Count(r.board.auditors),
        "board.auditorAlternates" => Count(r.board.auditor_alternates),
        "board.auditorTermYears" => Years(r.board.auditor_term_years),
        "decisions.amendment.majority" => Share(d("amendment")?.majority),
        "decisions.amendment.quorum" => d("amendment")?.quorum.map_or(NoQuorum, Share),
        "decisions.amendment.fallback" => Fallback(d("amendment")?.fallback.clone()),
        "decisions.amendment.twoAssemblies" => Yes(d("amendment")?.two_assemblies),
        "decisions.dissolution.majority" => Share(d("dissolution")?.majority),
        "decisions.dissolution.quorum" => d("dissolution")?.quorum.map_or(NoQuorum, Share),
        "decisions.dissolution.fallback" => Fallback(d("dissolution")?.fallback.clone()),
        "decisions.dissolution.twoAssemblies" => Yes(d("dissolution")?.two_assemblies),
        "election.ties" => Ties(r.election.ties),
        "fiscalYearStartMonth" => Month(r.fiscal_year_start_month),
        _ => return None,
    })
}

fn show(v: &Value, lang: Lang) -> String {
    let n = |id: &'static str, n: u32| Text::new(id).num("n", n).render(lang);
    match v {
        Value::Days(d) => n("setting-days", *d),
        Value::Years(y) => n("setting-years", *y),
        Value::Count(c) => c.to_string(),
        Value::Month(m) => match lang {
            Lang::Da => crate::dates::month_name_da(*m).to_owned(),
            Lang::En => chrono::Month::try_from(u8::try_from(*m).unwrap_or(1))
                .map(|m| m.name().to_owned())
                .unwrap_or_default(),
        },
        Value::Yes(b) | Value::Chair(b) => {
            Text::new(if *b { "setting-yes" } else { "setting-no" }).render(lang)
        }
        Value::Share(f) => format!("{}/{}", f.num, f.den),
        Value::Appointed(a) if a.is_empty() => Text::new("setting-none").render(lang),
        Value::Appointed(a) => a
            .iter()
            .map(|s| format!("{} ({})", s.appointed_by, s.count))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Fallback(Fallback::None) => Text::new("setting-none").render(lang),
        Value::Fallback(Fallback::SecondAssembly {
            within_days,
            majority,
            ..
        }) => Text::new("setting-second-assembly")
            .num("days", *within_days)
            .str("majority", format!("{}/{}", majority.num, majority.den))
            .render(lang),
        Value::Ties(TieRule::Lot) => Text::new("setting-ties-lot").render(lang),
        Value::Ties(TieRule::RunOff) => Text::new("setting-ties-run-off").render(lang),
        Value::SameNotice => String::new(),
        Value::NoQuorum => Text::new("setting-no-quorum").render(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words_become_digits() {
        assert_eq!(
            with_digits("mindst tre ugers varsel"),
            "mindst 3 ugers varsel"
        );
        assert_eq!(with_digits("senest en uge før"), "senest 1 uge før");
        assert_eq!(
            with_digits("to tredjedele af de afgivne"),
            "2/3 af de afgivne"
        );
        assert_eq!(
            with_digits("en bestyrelse på syv medlemmer"),
            "en bestyrelse på 7 medlemmer"
        );
        assert_eq!(
            with_digits("mindst halvdelen af medlemmerne"),
            "mindst 1/2 af medlemmerne"
        );
    }

    #[test]
    fn months_as_bylaws_write_them() {
        assert_eq!(
            latest_month("afholdes hvert år inden udgangen af oktober måned"),
            Some(10)
        );
        assert_eq!(latest_month("afholdes hvert år i april måned"), Some(4));
        assert_eq!(latest_month("afholdes hvert år inden 1. april"), Some(3));
        assert_eq!(latest_month("afholdes i første kvartal"), Some(3));
        assert_eq!(
            first_of_month("regnskabsåret løber fra 1. juli til 30. juni"),
            Some(7)
        );
    }

    #[test]
    fn sentences_split_where_a_new_one_begins() {
        assert_eq!(
            sentences("Der kan ikke stemmes ved fuldmagt. Hvert medlem har én stemme, jf. stk. 2."),
            vec![
                "Der kan ikke stemmes ved fuldmagt.",
                "Hvert medlem har én stemme, jf. stk. 2."
            ]
        );
    }
}
