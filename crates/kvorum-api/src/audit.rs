//! The audit log, readable: who changed what and when, in plain Danish ("Karin ændrede
//! e-mail og telefon for medlem nr. 12 (Karin Ærbø)"), filtered by the person it is about,
//! by who made the change, by the kind of record, and by date. For the screen and the CLI.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Copenhagen;
use kvorum_core::consent::ConsentKind;
use kvorum_core::dates::{format_date, format_time};
use kvorum_core::members::Member;
use kvorum_core::text::Text;
use kvorum_core::Money;
use kvorum_store::{AuditEntry, AuditFilter};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::{Api, ApiError, ApiResult};

/// The most entries one page shows; the filter narrows it down.
pub const MAX_LINES: u32 = 2000;
const DEFAULT_LINES: u32 = 200;

/// What to show of the log; every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditQuery {
    /// About the member with this member no. (their entry, payments, reminders, consents, …).
    #[ts(type = "number | null")]
    pub member_no: Option<i64>,
    /// Made by this app user.
    pub actor: Option<String>,
    /// Of this kind of record (a code from [`AuditPage::kinds`]).
    pub kind: Option<String>,
    /// From and to these days, both included (Danish time).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// At most this many (200 unless given, at most 2 000).
    pub limit: Option<u32>,
}

/// One field of a register entry changed, in the register's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditDetail {
    pub field: String,
    pub from: String,
    pub to: String,
}

/// One entry of the log as a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditLine {
    pub id: String,
    /// "02.12.2026 kl. 14.05", Danish time.
    pub when: String,
    pub actor: String,
    /// The kind of record, as a code the filter takes.
    pub kind: String,
    /// "Karin ændrede e-mail for medlem nr. 12 (Karin Ærbø)".
    pub text: String,
    /// For a register entry's change: each field from → to.
    pub details: Vec<AuditDetail>,
}

/// A kind of record the log names, for the filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditKind {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    pub lines: Vec<AuditLine>,
    /// More entries match than were shown.
    pub more: bool,
    /// Who has made changes, and the kinds of record, for the filters.
    pub actors: Vec<String>,
    pub kinds: Vec<AuditKind>,
}

/// The kinds of record, in Danish (singular, indefinite), in the order the filter shows them.
const KINDS: &[(&str, &str)] = &[
    ("member", "medlem"),
    ("payment", "kontingentbetaling"),
    ("reminder", "rykker"),
    ("consent", "samtykke"),
    ("consent_kind", "samtykketype"),
    ("membership_type", "medlemstype"),
    ("fee_rate", "kontingentsats"),
    ("fee_settings", "kontingentindstillinger"),
    ("meeting", "møde"),
    ("proposal", "forslag"),
    ("attendance", "fremmøde"),
    ("proxy", "fuldmagt"),
    ("decision", "beslutning"),
    ("election", "valg"),
    ("ballot", "stemmeseddel"),
    ("minutes", "referat"),
    ("board_term", "tillidspost"),
    ("bylaws", "vedtægter"),
    ("booking", "postering"),
    ("voucher", "bilag"),
    ("account", "konto"),
    ("budget_line", "budgetpost"),
    ("fiscal_closing", "årsafslutning"),
    ("grant", "tilskud"),
    ("grantor_rule", "tilskudsgivers krav"),
    ("visit_tally", "besøgstal"),
    ("frikort_worker", "frikortmodtager"),
    ("frikort_job", "frikortjob"),
    ("frikort_cap", "frikortgrænse"),
    ("association", "foreningens oplysninger"),
    ("retention", "opbevaringsperioder"),
    ("processing", "fortegnelse over behandlinger"),
    ("register_settings", "registerindstillinger"),
];

fn kind_label(code: &str) -> &str {
    KINDS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("post", |(_, l)| l)
}

fn verb(action: &str) -> &str {
    match action {
        "create" => "oprettede",
        "update" => "ændrede",
        "delete" => "slettede",
        "approve" => "godkendte",
        "reverse" => "tilbageførte",
        "reopen" => "genåbnede",
        "anonymise" => "anonymiserede",
        _ => "ændrede",
    }
}

/// "a", "a og b", "a, b og c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} og {last}", init.join(", ")),
    }
}

fn shown(v: &Value) -> String {
    match v {
        Value::Null => "(tom)".into(),
        Value::Bool(b) => if *b { "ja" } else { "nej" }.into(),
        Value::String(s) => match s.parse::<NaiveDate>() {
            Ok(d) => format_date(d),
            Err(_) => s.clone(),
        },
        Value::Array(a) => a.iter().map(shown).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

struct Context<'a> {
    members: HashMap<String, &'a Member>,
    kinds: &'a [ConsentKind],
}

impl Context<'_> {
    fn member_label(&self, id: &str) -> Option<String> {
        self.members.get(id).map(|m| {
            if kvorum_core::privacy::is_anonymous_name(&m.name) {
                format!("medlem nr. {} (anonymiseret)", m.member_no)
            } else {
                format!("medlem nr. {} ({})", m.member_no, m.name)
            }
        })
    }

    /// The member an entry is about: its record, or the member its changes name.
    fn subject(&self, e: &AuditEntry, json: &Value) -> Option<String> {
        self.member_label(&e.entity_id).or_else(|| {
            ["member", "memberId", "member_id"].iter().find_map(|k| {
                let v = &json[*k];
                v.as_str()
                    .or_else(|| v["to"].as_str())
                    .and_then(|id| self.member_label(id))
            })
        })
    }

    fn line(&self, e: &AuditEntry) -> AuditLine {
        let json: Value = serde_json::from_str(&e.changes).unwrap_or_default();
        let subject = self.subject(e, &json);
        let for_whom = subject
            .as_ref()
            .map(|s| format!(" for {s}"))
            .unwrap_or_default();
        let money = |k: &str| Money(json[k].as_i64().unwrap_or(0)).format_dkk();
        let year = json["year"].as_i64().unwrap_or(0);
        let mut details = Vec::new();
        let what = match (e.entity.as_str(), e.action.as_str()) {
            ("member", "update") => {
                let mut fields = Vec::new();
                if let Some(o) = json.as_object() {
                    for (k, change) in o {
                        let label = crate::members::field_label(k).to_owned();
                        details.push(AuditDetail {
                            field: label.clone(),
                            from: shown(&change["from"]),
                            to: shown(&change["to"]),
                        });
                        fields.push(label);
                    }
                }
                if fields.is_empty() {
                    format!(
                        "gemte {} uden ændringer",
                        subject.clone().unwrap_or_else(|| "et medlem".into())
                    )
                } else {
                    format!("ændrede {}{for_whom}", and_list(&fields))
                }
            }
            ("member", "anonymise") => format!(
                "anonymiserede {} ved den årlige oprydning",
                subject.clone().unwrap_or_else(|| "et medlem".into())
            ),
            ("member", action) => format!(
                "{} {}",
                verb(action),
                subject.clone().unwrap_or_else(|| "et medlem".into())
            ),
            ("payment", "reverse") => format!(
                "tilbageførte kontingent {} for {year}{for_whom}",
                money("amount")
            ),
            ("payment", _) => format!(
                "registrerede kontingent {} for {year}{for_whom}",
                money("amount")
            ),
            ("reminder", _) => format!(
                "sendte {}. rykker for kontingent {year}{}",
                json["level"].as_i64().unwrap_or(1),
                subject
                    .as_ref()
                    .map(|s| format!(" til {s}"))
                    .unwrap_or_default()
            ),
            ("consent", "create") => {
                let code = json["kind"].as_str().unwrap_or("");
                let name = self
                    .kinds
                    .iter()
                    .find(|k| k.code == code)
                    .map_or_else(|| code.to_owned(), |k| k.name.to_lowercase());
                format!(
                    "registrerede samtykke til {name}{for_whom} ({})",
                    json["givenHow"].as_str().unwrap_or("")
                )
            }
            ("consent", _) => {
                let code = json["kind"].as_str().unwrap_or("");
                let name = self
                    .kinds
                    .iter()
                    .find(|k| k.code == code)
                    .map_or_else(|| code.to_owned(), |k| k.name.to_lowercase());
                format!("registrerede, at samtykket til {name} blev trukket tilbage{for_whom}")
            }
            ("booking", action) => {
                let voucher = json["voucherNo"]
                    .as_str()
                    .or_else(|| json["voucherNo"]["to"].as_str())
                    .filter(|n| !n.is_empty())
                    .map(|n| format!(" (bilag {n})"))
                    .unwrap_or_default();
                format!("{} en postering{voucher}", verb(action))
            }
            (entity, action) => {
                let name = json["name"]
                    .as_str()
                    .or_else(|| json["name"]["to"].as_str())
                    .filter(|n| !n.is_empty() && subject.is_none())
                    .map(|n| format!(" »{n}«"))
                    .unwrap_or_default();
                format!("{} {}{name}{for_whom}", verb(action), kind_label(entity))
            }
        };
        let local = e.at.with_timezone(&Copenhagen);
        AuditLine {
            id: e.id.to_string(),
            when: format!(
                "{} kl. {}",
                format_date(local.date_naive()),
                format_time(local.time())
            ),
            actor: e.actor.clone(),
            kind: e.entity.clone(),
            text: format!("{} {what}", e.actor),
            details,
        }
    }
}

/// The first instant of a Danish day, in UTC.
fn start_of(day: NaiveDate) -> Option<DateTime<Utc>> {
    Copenhagen
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

impl Api {
    /// The log as sentences, the newest first, filtered as asked.
    pub async fn audit_search(&self, q: AuditQuery) -> ApiResult<AuditPage> {
        if let (Some(from), Some(to)) = (q.from, q.to) {
            if to < from {
                return Err(ApiError::validation(kvorum_core::FieldErrors::one(
                    "to",
                    Text::new("audit-to-before-from"),
                )));
            }
        }
        let limit = q.limit.unwrap_or(DEFAULT_LINES).clamp(1, MAX_LINES);
        let members = self.store.members().await?;
        let about = match q.member_no {
            None => None,
            Some(no) => Some(
                members
                    .iter()
                    .find(|m| m.member_no == no)
                    .map(|m| m.id.to_string())
                    .ok_or_else(|| {
                        ApiError::validation(kvorum_core::FieldErrors::one(
                            "memberNo",
                            Text::new("audit-no-such-member").num("no", no),
                        ))
                    })?,
            ),
        };
        let filter = AuditFilter {
            about,
            actor: q.actor.filter(|a| !a.trim().is_empty()),
            entity: q.kind.filter(|k| !k.is_empty()),
            from: q.from.and_then(start_of),
            before: q.to.and_then(|d| d.succ_opt()).and_then(start_of),
            limit: i64::from(limit) + 1,
        };
        let mut entries = self.store.audit_search(&filter).await?;
        let more = entries.len() > limit as usize;
        entries.truncate(limit as usize);
        let kinds = self.store.consent_kinds().await?;
        let cx = Context {
            members: members.iter().map(|m| (m.id.to_string(), m)).collect(),
            kinds: &kinds,
        };
        Ok(AuditPage {
            lines: entries.iter().map(|e| cx.line(e)).collect(),
            more,
            actors: self.store.audit_actors().await?,
            kinds: KINDS
                .iter()
                .map(|(code, label)| AuditKind {
                    code: (*code).to_owned(),
                    label: capitalised(label),
                })
                .collect(),
        })
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_danish() {
        let s = |v: &[&str]| and_list(&v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>());
        assert_eq!(s(&[]), "");
        assert_eq!(s(&["e-mail"]), "e-mail");
        assert_eq!(s(&["e-mail", "telefon"]), "e-mail og telefon");
        assert_eq!(s(&["navn", "e-mail", "telefon"]), "navn, e-mail og telefon");
        assert_eq!(capitalised("årsafslutning"), "Årsafslutning");
    }

    #[test]
    fn a_danish_day_starts_at_midnight_there() {
        let d: NaiveDate = "2026-07-01".parse().unwrap();
        assert_eq!(
            start_of(d).unwrap().to_rfc3339(),
            "2026-06-30T22:00:00+00:00"
        );
        let w: NaiveDate = "2026-12-02".parse().unwrap();
        assert_eq!(
            start_of(w).unwrap().to_rfc3339(),
            "2026-12-01T23:00:00+00:00"
        );
    }
}
