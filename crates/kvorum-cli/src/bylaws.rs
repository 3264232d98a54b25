//! `kvorum bylaws|rules`: the bylaws, their settings, and their rules applied.

use std::path::PathBuf;

use clap::Subcommand;
use kvorum_api::dto::*;
use kvorum_api::{Api, ApiError};
use kvorum_core::dates::parse_date;

use crate::{bad_input, date_arg, print, write_file};

#[derive(Subcommand)]
pub enum BylawsCmd {
    /// The bylaws in force (or the draft), with their settings
    Show {
        /// A version number (default: the one in force, else the draft)
        #[arg(long)]
        version: Option<i64>,
    },
    Versions,
    /// What changed from version A to version B
    Diff {
        a: i64,
        b: i64,
    },
    ExportPdf {
        out: PathBuf,
    },
    /// Change a setting in the draft, e.g. `ordinary.noticeDays 21`
    Set {
        key: String,
        value: String,
    },
    /// Adopt the draft
    Adopt {
        /// Date of the general assembly that adopted it (default today)
        #[arg(long)]
        date: Option<String>,
        /// In force from (default the adoption date)
        #[arg(long)]
        in_force: Option<String>,
    },
    /// Read bylaws from a plain text file (from Word) where sections start with `§ N`; the
    /// settings the text states are taken over, each shown with its § and words
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        /// Take over only these settings (comma-separated paths, e.g.
        /// `ordinary.noticeDays,board.seats`); `--accept ""` keeps the draft's settings
        #[arg(long, value_delimiter = ',')]
        accept: Option<Vec<String>>,
    },
}

#[derive(Subcommand)]
pub enum RulesCmd {
    /// Apply the bylaws' majority and quorum to a vote
    CheckVote {
        /// ordinary, amendment, dissolution, exclusion, …
        #[arg(long, default_value = "ordinary")]
        kind: String,
        #[arg(long = "for")]
        for_votes: u32,
        #[arg(long, default_value_t = 0)]
        against: u32,
        #[arg(long, default_value_t = 0)]
        blank: u32,
        #[arg(long, default_value_t = 0)]
        invalid: u32,
        /// Members with voting right present (default: the votes cast)
        #[arg(long)]
        present: Option<u32>,
        /// All members with voting right (for quorum; default: those present)
        #[arg(long)]
        members: Option<u32>,
    },
    /// Notice, proposal and final-agenda dates for an assembly date
    Deadlines {
        #[arg(long)]
        assembly_date: String,
    },
    /// Whether a member may vote at an assembly
    VotingRight {
        no: i64,
        #[arg(long)]
        assembly_date: String,
    },
}

pub fn required_date(field: &str, s: &str) -> Result<chrono::NaiveDate, ApiError> {
    parse_date(s).map_err(|m| bad_input(field, m))
}

pub fn print_version(v: &BylawsVersion) -> String {
    let mut out = vec![format!(
        "Version {} ({}){}",
        v.number,
        match v.status {
            VersionStatus::Draft => "udkast",
            VersionStatus::Adopted => "vedtaget",
        },
        v.adopted_note
            .as_deref()
            .map(|n| format!(" — {n}"))
            .unwrap_or_default()
    )];
    out.push(String::new());
    out.push(v.text.to_plain_text());
    let r = &v.rules;
    let at = |key: &Option<String>| {
        key.as_deref()
            .and_then(|k| v.text.number_of(k))
            .map(|n| format!(" (§ {n})"))
            .unwrap_or_default()
    };
    out.push("Indstillinger:".to_owned());
    out.push(format!(
        "  ordinary.noticeDays = {}{}",
        r.ordinary.notice_days,
        at(&r.ordinary.section)
    ));
    out.push(format!(
        "  ordinary.proposalDeadlineDays = {}{}",
        r.ordinary.proposal_deadline_days,
        at(&r.ordinary.section)
    ));
    out.push(format!(
        "  ordinary.latestMonth = {:?}{}",
        r.ordinary.latest_month,
        at(&r.ordinary.section)
    ));
    out.push(format!(
        "  voting.feePaidRequired = {}{}",
        r.voting.fee_paid_required,
        at(&r.voting.section)
    ));
    out.push(format!(
        "  voting.maxProxiesPerMember = {}{}",
        r.voting.max_proxies_per_member,
        at(&r.voting.section)
    ));
    for (i, d) in r.decisions.iter().enumerate() {
        out.push(format!(
            "  decisions.{i} {}: {}{}/{}{}",
            d.kind,
            if d.strict { "mere end " } else { "" },
            d.majority.num,
            d.majority.den,
            at(&d.section)
        ));
    }
    out.push(format!(
        "  board.seats = {}, board.termYears = {}{}",
        r.board.seats,
        r.board.term_years,
        at(&r.board.section)
    ));
    out.join("\n")
}

pub async fn bylaws(api: &Api, cmd: BylawsCmd, json: bool) -> Result<(), ApiError> {
    match cmd {
        BylawsCmd::Show { version } => {
            let v = match version {
                Some(n) => api.bylaws_version(n).await?,
                None => api.bylaws_current().await?,
            };
            print(json, &v, || print_version(&v));
        }
        BylawsCmd::Versions => {
            let o = api.bylaws_overview().await?;
            print(json, &o, || {
                o.versions
                    .iter()
                    .map(|v| {
                        let mark = if Some(v.number) == o.in_force {
                            " ← i kraft"
                        } else {
                            ""
                        };
                        match v.status {
                            VersionStatus::Draft => format!("{:>3}  udkast{mark}", v.number),
                            VersionStatus::Adopted => format!(
                                "{:>3}  {}{mark}",
                                v.number,
                                v.adopted_note.clone().unwrap_or_default()
                            ),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        BylawsCmd::Diff { a, b } => {
            let d = api.bylaws_diff(a, b).await?;
            print(json, &d, || {
                let mut out = Vec::new();
                for s in d.iter().filter(|s| s.change != ChangeKind::Unchanged) {
                    let no =
                        |n: Option<u32>| n.map(|n| format!("§ {n}")).unwrap_or_else(|| "—".into());
                    let what = match s.change {
                        ChangeKind::Added => "tilføjet",
                        ChangeKind::Removed => "fjernet",
                        _ => "ændret",
                    };
                    out.push(format!(
                        "{} → {} {} ({what})",
                        no(s.number_before),
                        no(s.number_after),
                        s.title
                    ));
                    let words: String = s
                        .words
                        .iter()
                        .map(|w| match w.kind {
                            ChangeKind::Added => format!("[+{}]", w.text),
                            ChangeKind::Removed => format!("[-{}]", w.text),
                            _ => w.text.clone(),
                        })
                        .collect();
                    out.push(format!("  {}", words.trim().replace('\n', "\n  ")));
                }
                if out.is_empty() {
                    out.push(format!("Ingen forskel mellem version {a} og {b}."));
                }
                out.join("\n")
            });
        }
        BylawsCmd::ExportPdf { out } => {
            let f = api.bylaws_export_pdf().await?;
            write_file(&out, &f.bytes)?;
            print(json, &serde_json::json!({ "file": out }), || {
                format!("Vedtægterne er gemt i {}.", out.display())
            });
        }
        BylawsCmd::Set { key, value } => {
            let saved = api.bylaws_set_rule(key.clone(), value.clone()).await?;
            print(json, &saved, || {
                let mut s = vec![format!(
                    "{key} = {value} i udkastet (version {}).",
                    saved.draft.number
                )];
                s.extend(saved.warnings.iter().cloned());
                s.join("\n")
            });
        }
        BylawsCmd::Adopt { date, in_force } => {
            let v = api
                .bylaws_adopt(AdoptInput {
                    adopted_on: date_arg("adoptedOn", &date)?,
                    in_force_from: date_arg("inForceFrom", &in_force)?,
                    note: None,
                })
                .await?;
            print(json, &v, || {
                format!(
                    "Version {}: {}.",
                    v.number,
                    v.adopted_note.clone().unwrap_or_default()
                )
            });
        }
        BylawsCmd::Import {
            file,
            dry_run,
            accept,
        } => {
            let text =
                kvorum_api::files::read_text_file(&file, kvorum_core::bylaws::MAX_BYLAWS_TEXT)?;
            let read = api.bylaws_import_preview(text.clone()).await?;
            let accept = accept.map(|a| {
                a.into_iter()
                    .filter(|p| !p.trim().is_empty())
                    .collect::<Vec<_>>()
            });
            let taken = |path: &str| accept.as_ref().is_none_or(|a| a.iter().any(|p| p == path));
            let settings = |s: &mut Vec<String>| {
                s.push(String::new());
                s.push(format!(
                    "Indstillinger fundet i teksten ({}):",
                    read.settings.found.len()
                ));
                for f in &read.settings.found {
                    s.push(format!(
                        "  {} {:<38} {:<24} § {}: »{}«",
                        if !taken(&f.path) {
                            "–"
                        } else if f.changes {
                            "*"
                        } else {
                            " "
                        },
                        f.path,
                        f.value,
                        f.section_no,
                        f.words
                    ));
                }
                if !read.settings.silent.is_empty() {
                    s.push(format!(
                        "Teksten siger intet om ({}):",
                        read.settings.silent.len()
                    ));
                    for f in &read.settings.silent {
                        s.push(format!("  ! {:<38} {:<24} {}", f.path, f.value, f.note));
                    }
                }
            };
            if dry_run {
                print(json, &read, || {
                    let mut s = vec![
                        read.text.to_plain_text(),
                        format!("{} paragraffer.", read.text.sections.len()),
                    ];
                    settings(&mut s);
                    s.join("\n")
                });
            } else {
                let saved = api
                    .bylaws_import_apply(kvorum_api::dto::BylawsImportApply {
                        text,
                        accept: accept.clone(),
                    })
                    .await?;
                print(json, &saved, || {
                    let mut s = vec![format!(
                        "{} paragraffer er indlæst i udkastet (version {}).",
                        saved.draft.text.sections.len(),
                        saved.draft.number
                    )];
                    settings(&mut s);
                    s.join("\n")
                });
            }
        }
    }
    Ok(())
}

pub async fn rules(api: &Api, cmd: RulesCmd, json: bool) -> Result<(), ApiError> {
    match cmd {
        RulesCmd::CheckVote {
            kind,
            for_votes,
            against,
            blank,
            invalid,
            present,
            members,
        } => {
            let cast = [for_votes, against, blank, invalid];
            let present = present.unwrap_or(cast.into_iter().fold(0u32, u32::saturating_add));
            let out = api
                .rules_check_vote(VoteCheck {
                    kind,
                    counts: VoteCounts {
                        for_votes,
                        against,
                        blank,
                        invalid,
                    },
                    present_with_vote: present,
                    members_with_vote: members.unwrap_or(present),
                })
                .await?;
            print(json, &out, || out.explanation.clone());
        }
        RulesCmd::Deadlines { assembly_date } => {
            let d = api
                .rules_deadlines(required_date("assemblyDate", &assembly_date)?)
                .await?;
            print(json, &d, || d.explanation.clone());
        }
        RulesCmd::VotingRight { no, assembly_date } => {
            let m = api.member_by_no(no).await?;
            let v = api
                .rules_voting_right(m.id, required_date("assemblyDate", &assembly_date)?)
                .await?;
            print(json, &v, || {
                format!("{} (nr. {}): {}", m.name, m.member_no, v.explanation)
            });
        }
    }
    Ok(())
}
