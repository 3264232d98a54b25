//! `kvorum` — the command line: the same use cases as the app, through kvorum-api.
//! A failed command prints the Danish message on stderr and exits non-zero.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use kvorum_api::dto::*;
use kvorum_api::settings::{config_dir, resolve_db, AppSettings};
use kvorum_api::{Api, ApiError, Clock, ErrorCode};
use kvorum_core::dates::{format_date, parse_date};
use serde::Serialize;

mod board;
mod budget;
mod grants;
use budget::{BookingsCmd, BudgetCmd};
use grants::{GrantsCmd, VisitsCmd};
mod meetings;
use board::{BallotsCmd, BoardCmd, CandidatesCmd, ElectionsCmd};
use meetings::{AttendanceCmd, DecisionsCmd, MeetingsCmd, MinutesCmd, ProposalsCmd, ProxiesCmd};

#[derive(Parser)]
#[command(
    name = "kvorum",
    version,
    about = "Kvorum: foreningens medlemmer, generalforsamling og økonomi"
)]
struct Cli {
    /// The association database: a file path, sqlite://… or postgres://… (else KVORUM_DB,
    /// else ~/.local/share/kvorum/forening.sqlite)
    #[arg(long, global = true)]
    db: Option<String>,
    /// Machine-readable output
    #[arg(long, global = true)]
    json: bool,
    /// Name written to the audit log (else the name in settings, else the OS user)
    #[arg(long, global = true)]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the association in a new database
    Init(InitArgs),
    /// Show the association
    Association,
    /// The member register
    #[command(subcommand)]
    Members(MembersCmd),
    /// Membership fees
    #[command(subcommand)]
    Fees(FeesCmd),
    /// Documents as PDF
    #[command(subcommand)]
    Pdf(PdfCmd),
    /// The bylaws (vedtægter) and their settings
    #[command(subcommand)]
    Bylaws(BylawsCmd),
    /// The bylaws' rules applied: votes, deadlines, voting right
    #[command(subcommand)]
    Rules(RulesCmd),
    /// General assemblies, board meetings and other meetings
    #[command(subcommand)]
    Meetings(MeetingsCmd),
    /// Proposals for a meeting (indkomne forslag)
    #[command(subcommand)]
    Proposals(ProposalsCmd),
    /// Check-in at a meeting
    #[command(subcommand)]
    Attendance(AttendanceCmd),
    /// Proxies (fuldmagter) at an assembly
    #[command(subcommand)]
    Proxies(ProxiesCmd),
    /// Decisions with their votes
    #[command(subcommand)]
    Decisions(DecisionsCmd),
    /// Minutes (referat): draft, approve, correct, print
    #[command(subcommand)]
    Minutes(MinutesCmd),
    /// The board register: who sits, positions, terms
    #[command(subcommand)]
    Board(BoardCmd),
    /// Elections at an assembly
    #[command(subcommand)]
    Elections(ElectionsCmd),
    /// Candidates in an election
    #[command(subcommand)]
    Candidates(CandidatesCmd),
    /// Ballots: print, enter, undo
    #[command(subcommand)]
    Ballots(BallotsCmd),
    /// The budget per fiscal year
    #[command(subcommand)]
    Budget(BudgetCmd),
    /// Bookings and bank statement import
    #[command(subcommand)]
    Bookings(BookingsCmd),
    /// Budget vs. actual for a fiscal year, per line and per grant, with the visitor counts
    Overview { year: i32 },
    /// Grants and operating agreements
    #[command(subcommand)]
    Grants(GrantsCmd),
    /// Anonymous visitor counts (numbers only)
    #[command(subcommand)]
    Visits(VisitsCmd),
    /// Print the TypeScript bindings (used by the UI build)
    Bindings,
}

#[derive(Args)]
struct InitArgs {
    #[arg(long)]
    name: String,
    #[arg(long)]
    cvr: Option<String>,
    #[arg(long)]
    address: Option<String>,
    #[arg(long)]
    postal_code: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    municipality: Option<String>,
    /// Month the fiscal year starts (1–12)
    #[arg(long, default_value_t = 1)]
    fiscal_year_start_month: u32,
}

#[derive(Args, Default)]
struct MemberFields {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    address: Option<String>,
    #[arg(long)]
    postal_code: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    /// Birth date (dd.mm.yyyy)
    #[arg(long)]
    birth_date: Option<String>,
    /// Date joined (dd.mm.yyyy; default today)
    #[arg(long)]
    joined: Option<String>,
    /// Date left (dd.mm.yyyy)
    #[arg(long)]
    left: Option<String>,
    #[arg(long)]
    left_reason: Option<String>,
    /// Membership type code: ordinary, supporting, honorary, or one the association added
    #[arg(long = "type")]
    membership_type: Option<String>,
    /// Role: frivillig, aktivkreds, ansat (repeat for several)
    #[arg(long = "role")]
    roles: Vec<String>,
    /// Consents to e-mail contact (ja/nej)
    #[arg(long)]
    consent: Option<String>,
    /// Member no. (default: the next free one)
    #[arg(long)]
    no: Option<i64>,
}

#[derive(Args)]
struct QueryArgs {
    /// Search in name, no., e-mail, phone
    #[arg(long, default_value = "")]
    search: String,
    #[arg(long = "type")]
    membership_type: Option<String>,
    /// active, left or all
    #[arg(long, default_value = "active")]
    status: String,
    /// Only members who have not paid for YEAR
    #[arg(long)]
    unpaid: Option<i32>,
    /// Only members who have paid for YEAR
    #[arg(long)]
    paid: Option<i32>,
    /// no, name, joined or postal
    #[arg(long, default_value = "no")]
    sort: String,
}

#[derive(Subcommand)]
enum MembersCmd {
    Add(MemberFields),
    List(QueryArgs),
    Show {
        no: i64,
    },
    Edit {
        no: i64,
        #[command(flatten)]
        fields: MemberFields,
    },
    /// Preview and import a CSV file (all or nothing)
    Import {
        file: PathBuf,
        /// Only show the preview
        #[arg(long)]
        dry_run: bool,
        /// Lines to leave out, e.g. 3,7
        #[arg(long, value_delimiter = ',')]
        exclude: Vec<u32>,
        /// Lines flagged as duplicates to import anyway
        #[arg(long, value_delimiter = ',')]
        accept_duplicates: Vec<u32>,
    },
    /// Export to CSV for Excel
    Export {
        file: PathBuf,
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Membership types
    Types,
    TypeAdd {
        name: String,
    },
}

#[derive(Subcommand)]
enum FeesCmd {
    Rates,
    /// Set the fee for a year and membership type
    Rate {
        #[arg(long)]
        year: i32,
        #[arg(long = "type", default_value = "ordinary")]
        membership_type: String,
        /// Amount in kroner, e.g. 150 or 150,00
        #[arg(long)]
        amount: String,
    },
    /// Record a payment
    Pay {
        /// Member no.
        no: i64,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        amount: String,
        /// mobilepay, bank, cash or other
        #[arg(long, default_value = "mobilepay")]
        method: String,
        /// Payment date (default today)
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        voucher: Option<String>,
    },
}

#[derive(Subcommand)]
enum BylawsCmd {
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
    /// Read bylaws from a plain text file where sections start with `§ N`
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum RulesCmd {
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

#[derive(Subcommand)]
enum PdfCmd {
    MemberList {
        out: PathBuf,
        #[command(flatten)]
        query: QueryArgs,
    },
    /// The notice (indkaldelse) of a meeting
    Notice { meeting: String, out: PathBuf },
    /// The final agenda with the proposals' text
    Agenda { meeting: String, out: PathBuf },
    /// The attendance sheet to sign at the door
    AttendanceSheet { meeting: String, out: PathBuf },
    /// Budget vs. actual with the chart, for a board meeting
    BudgetFollowup { year: i32, out: PathBuf },
    /// The report to the grantor: `kvorum pdf grant-report Driftstilskud 2026 rapport.pdf`
    GrantReport {
        grant: String,
        year: i32,
        out: PathBuf,
    },
}

fn bad_input(field: &str, message: String) -> ApiError {
    ApiError {
        fields: vec![FieldError {
            field: field.into(),
            message: message.clone(),
        }],
        ..ApiError::new(ErrorCode::Validation, message)
    }
}

fn date_arg(field: &str, s: &Option<String>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    s.as_deref()
        .map(|v| parse_date(v).map_err(|m| bad_input(field, m)))
        .transpose()
}

fn query_of(a: &QueryArgs) -> Result<MemberQuery, ApiError> {
    Ok(MemberQuery {
        text: a.search.clone(),
        membership_type: a.membership_type.clone(),
        role: None,
        status: match a.status.as_str() {
            "active" | "aktive" => StatusFilter::Active,
            "left" | "udmeldte" => StatusFilter::Left,
            "all" | "alle" => StatusFilter::All,
            o => {
                return Err(bad_input(
                    "status",
                    format!("Status »{o}« kendes ikke: brug active, left eller all."),
                ))
            }
        },
        fee: match (a.unpaid, a.paid) {
            (Some(y), _) => Some(FeeFilter {
                year: y,
                paid: false,
            }),
            (None, Some(y)) => Some(FeeFilter {
                year: y,
                paid: true,
            }),
            _ => None,
        },
        sort: match a.sort.as_str() {
            "no" | "nr" => SortKey::MemberNo,
            "name" | "navn" => SortKey::Name,
            "joined" | "indmeldt" => SortKey::JoinedOn,
            "postal" | "postnr" => SortKey::PostalCode,
            o => {
                return Err(bad_input(
                    "sort",
                    format!("Sortering »{o}« kendes ikke: brug no, name, joined eller postal."),
                ))
            }
        },
        descending: false,
    })
}

fn apply_fields(mut input: MemberInput, f: &MemberFields) -> Result<MemberInput, ApiError> {
    let set = |target: &mut Option<String>, v: &Option<String>| {
        if let Some(v) = v {
            *target = Some(v.clone()).filter(|s| !s.is_empty());
        }
    };
    if let Some(n) = &f.name {
        input.name = n.clone();
    }
    set(&mut input.address, &f.address);
    set(&mut input.postal_code, &f.postal_code);
    set(&mut input.city, &f.city);
    set(&mut input.email, &f.email);
    set(&mut input.phone, &f.phone);
    set(&mut input.left_reason, &f.left_reason);
    if let Some(d) = date_arg("birthDate", &f.birth_date)? {
        input.birth_date = Some(d);
    }
    if let Some(d) = date_arg("joinedOn", &f.joined)? {
        input.joined_on = Some(d);
    }
    if let Some(d) = date_arg("leftOn", &f.left)? {
        input.left_on = Some(d);
    }
    if let Some(t) = &f.membership_type {
        input.membership_type = t.clone();
    }
    if !f.roles.is_empty() {
        input.roles = f
            .roles
            .iter()
            .map(|r| {
                Role::parse_danish(r).ok_or_else(|| {
                    bad_input(
                        "roles",
                        format!(
                            "Rollen »{r}« kendes ikke: brug frivillig, aktivkreds eller ansat."
                        ),
                    )
                })
            })
            .collect::<Result<_, _>>()?;
    }
    if let Some(c) = &f.consent {
        input.email_consent =
            matches!(c.to_lowercase().as_str(), "ja" | "j" | "yes" | "1" | "true");
    }
    if f.no.is_some() {
        input.member_no = f.no;
    }
    Ok(input)
}

fn print<T: Serialize>(json: bool, value: &T, human: impl FnOnce() -> String) {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(value).unwrap_or_default()
        );
    } else {
        println!("{}", human());
    }
}

fn write_file(path: &PathBuf, bytes: &[u8]) -> Result<(), ApiError> {
    std::fs::write(path, bytes).map_err(|e| {
        ApiError::new(
            ErrorCode::File,
            format!("Filen {} kunne ikke skrives: {e}", path.display()),
        )
    })
}

fn member_line(r: &MemberRow) -> String {
    format!(
        "{:>5}  {:<28} {:<30} {:<12} {}",
        r.member_no,
        r.name,
        r.email.as_deref().unwrap_or(""),
        r.phone.as_deref().unwrap_or(""),
        r.fee.label_da()
    )
}

async fn run(cli: Cli) -> Result<(), ApiError> {
    if let Command::Bindings = cli.command {
        print!("{}", kvorum_api::bindings::typescript());
        return Ok(());
    }
    let settings = AppSettings::load(&config_dir());
    let actor = cli.user.clone().unwrap_or_else(|| settings.actor());
    let api = Api::open(&resolve_db(cli.db.as_deref()), &actor, Clock::from_env()).await?;
    let json = cli.json;
    let today = api.clock().today();
    let result = match cli.command {
        Command::Bindings => Ok(()),
        Command::Init(a) => {
            let created = api
                .association_create(AssociationInput {
                    name: a.name,
                    cvr: a.cvr,
                    address: a.address,
                    postal_code: a.postal_code,
                    city: a.city,
                    municipality: a.municipality,
                    fiscal_year_start_month: a.fiscal_year_start_month,
                })
                .await?;
            print(json, &created, || {
                format!(
                    "Foreningen »{}« er oprettet i {}.",
                    created.name,
                    api.location().display()
                )
            });
            Ok(())
        }
        Command::Association => {
            let a = api.require_association().await?;
            print(json, &a, || {
                format!(
                    "{}\nCVR: {}\nHjemsted: {}\nRegnskabsår starter i måned {}",
                    a.name,
                    a.cvr.clone().unwrap_or_else(|| "—".into()),
                    a.municipality.clone().unwrap_or_else(|| "—".into()),
                    a.fiscal_year_start_month
                )
            });
            Ok(())
        }
        Command::Members(cmd) => members(&api, cmd, json, today).await,
        Command::Fees(cmd) => fees(&api, cmd, json).await,
        Command::Bylaws(cmd) => bylaws(&api, cmd, json).await,
        Command::Rules(cmd) => rules(&api, cmd, json).await,
        Command::Meetings(cmd) => meetings::meetings(&api, cmd, json).await,
        Command::Proposals(cmd) => meetings::proposals(&api, cmd, json).await,
        Command::Attendance(cmd) => meetings::attendance(&api, cmd, json).await,
        Command::Proxies(cmd) => meetings::proxies(&api, cmd, json).await,
        Command::Decisions(cmd) => meetings::decisions(&api, cmd, json).await,
        Command::Minutes(cmd) => meetings::minutes(&api, cmd, json).await,
        Command::Board(cmd) => board::board(&api, cmd, json).await,
        Command::Budget(cmd) => budget::budget(&api, cmd, json).await,
        Command::Bookings(cmd) => budget::bookings(&api, cmd, json).await,
        Command::Overview { year } => budget::overview(&api, year, json).await,
        Command::Grants(cmd) => grants::grants(&api, cmd, json).await,
        Command::Visits(cmd) => grants::visits(&api, cmd, json).await,
        Command::Pdf(PdfCmd::BudgetFollowup { year, out }) => {
            grants::pdf(
                &api,
                kvorum_api::documents::ExportRequest::BudgetFollowupPdf { year },
                &out,
                json,
            )
            .await
        }
        Command::Pdf(PdfCmd::GrantReport { grant, year, out }) => {
            grants::grant_report(&api, &grant, year, &out, json).await
        }
        Command::Elections(cmd) => board::elections(&api, cmd, json).await,
        Command::Candidates(cmd) => board::candidates(&api, cmd, json).await,
        Command::Ballots(cmd) => board::ballots(&api, cmd, json).await,
        Command::Pdf(PdfCmd::Notice { meeting, out }) => {
            meetings::meeting_pdf(&api, "notice", &meeting, &out, json).await
        }
        Command::Pdf(PdfCmd::Agenda { meeting, out }) => {
            meetings::meeting_pdf(&api, "agenda", &meeting, &out, json).await
        }
        Command::Pdf(PdfCmd::AttendanceSheet { meeting, out }) => {
            meetings::meeting_pdf(&api, "attendance", &meeting, &out, json).await
        }
        Command::Pdf(PdfCmd::MemberList { out, query }) => {
            let file = api.members_export_pdf(query_of(&query)?).await?;
            write_file(&out, &file.bytes)?;
            print(
                json,
                &serde_json::json!({ "file": out, "members": file.rows }),
                || {
                    format!(
                        "Medlemslisten ({} medlemmer) er gemt i {}.",
                        file.rows,
                        out.display()
                    )
                },
            );
            Ok(())
        }
    };
    api.close().await;
    result
}

async fn members(
    api: &Api,
    cmd: MembersCmd,
    json: bool,
    today: chrono::NaiveDate,
) -> Result<(), ApiError> {
    match cmd {
        MembersCmd::Add(f) => {
            let base = MemberInput {
                membership_type: "ordinary".into(),
                joined_on: Some(today),
                ..Default::default()
            };
            let m = api.member_add(apply_fields(base, &f)?).await?;
            print(json, &m, || {
                format!("Medlem nr. {} {} er oprettet.", m.member_no, m.name)
            });
        }
        MembersCmd::List(q) => {
            let list = api.members_list(query_of(&q)?).await?;
            print(json, &list, || {
                let mut s: Vec<String> = list.rows.iter().map(member_line).collect();
                s.push(format!("{} af {} medlemmer", list.rows.len(), list.total));
                s.join("\n")
            });
        }
        MembersCmd::Show { no } => {
            let m = api.member_by_no(no).await?;
            let d = api.member_get(m.id).await?;
            print(json, &d, || {
                let m = &d.member;
                let mut s = vec![
                    format!("Medlem nr. {}: {}", m.member_no, m.name),
                    format!(
                        "Adresse: {} {} {}",
                        m.address.as_deref().unwrap_or(""),
                        m.postal_code.as_deref().unwrap_or(""),
                        m.city.as_deref().unwrap_or("")
                    ),
                    format!(
                        "E-mail: {}  Telefon: {}",
                        m.email.as_deref().unwrap_or("—"),
                        m.phone.as_deref().unwrap_or("—")
                    ),
                    format!(
                        "Indmeldt: {}{}",
                        format_date(m.joined_on),
                        m.left_on
                            .map(|l| format!("  Udmeldt: {}", format_date(l)))
                            .unwrap_or_default()
                    ),
                    format!("Medlemstype: {}", m.membership_type),
                ];
                s.extend(d.fees.iter().map(|f| f.text.clone()));
                for p in &d.payments {
                    s.push(format!(
                        "  {} {} for {} ({})",
                        format_date(p.paid_on),
                        p.amount.format_dkk(),
                        p.year,
                        p.method.label_da()
                    ));
                }
                s.join("\n")
            });
        }
        MembersCmd::Edit { no, fields } => {
            let m = api.member_by_no(no).await?;
            let input = apply_fields(MemberInput::from(&m), &fields)?;
            let saved = api
                .member_update(MemberUpdate {
                    id: m.id,
                    version: m.version,
                    input,
                })
                .await?;
            print(json, &saved, || {
                format!("Medlem nr. {} {} er gemt.", saved.member_no, saved.name)
            });
        }
        MembersCmd::Import {
            file,
            dry_run,
            exclude,
            accept_duplicates,
        } => {
            let bytes = std::fs::read(&file).map_err(|e| {
                ApiError::new(
                    ErrorCode::File,
                    format!("Filen {} kunne ikke læses: {e}", file.display()),
                )
            })?;
            let request = ImportRequest {
                bytes,
                mapping: None,
                exclude,
                accept_duplicates,
            };
            let preview = api.members_import_preview(request.clone()).await?;
            if dry_run || !preview.can_apply {
                print(json, &preview, || {
                    let mut s = vec![format!("{} · {}", preview.encoding, preview.delimiter)];
                    for c in &preview.columns {
                        s.push(format!(
                            "  kolonne »{}« → {}",
                            c.header,
                            c.field.map(|f| f.label_da()).unwrap_or("(bruges ikke)")
                        ));
                    }
                    for r in &preview.rows {
                        for p in &r.problems {
                            s.push(format!(
                                "  linje {}{}: {}",
                                r.line,
                                p.column
                                    .as_deref()
                                    .map(|c| format!(", »{c}«"))
                                    .unwrap_or_default(),
                                p.message
                            ));
                        }
                        if let Some(d) = &r.duplicate_of {
                            s.push(format!("  linje {}: {d}", r.line));
                        }
                    }
                    s.push(preview.message.clone());
                    s.join("\n")
                });
                if !preview.can_apply && !dry_run {
                    return Err(ApiError::new(
                        ErrorCode::Import,
                        format!("Intet er importeret. {}", preview.message),
                    ));
                }
                return Ok(());
            }
            let outcome = api.members_import_apply(request).await?;
            print(json, &outcome, || outcome.message.clone());
        }
        MembersCmd::Export { file, query } => {
            let f = api.members_export_csv(query_of(&query)?).await?;
            write_file(&file, &f.bytes)?;
            print(
                json,
                &serde_json::json!({ "file": file, "members": f.rows }),
                || {
                    format!(
                        "{} medlemmer er eksporteret til {}.",
                        f.rows,
                        file.display()
                    )
                },
            );
        }
        MembersCmd::Types => {
            let t = api.membership_types().await?;
            print(json, &t, || {
                t.iter()
                    .map(|t| format!("{:<12} {}", t.code, t.name))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        MembersCmd::TypeAdd { name } => {
            let t = api.membership_type_add(name).await?;
            print(json, &t, || {
                format!("Medlemstypen »{}« ({}) er oprettet.", t.name, t.code)
            });
        }
    }
    Ok(())
}

async fn fees(api: &Api, cmd: FeesCmd, json: bool) -> Result<(), ApiError> {
    match cmd {
        FeesCmd::Rates => {
            let r = api.fee_rates().await?;
            print(json, &r, || {
                r.iter()
                    .map(|r| {
                        format!(
                            "{} {:<12} {}",
                            r.year,
                            r.membership_type,
                            r.amount.format_dkk()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        FeesCmd::Rate {
            year,
            membership_type,
            amount,
        } => {
            let amount = Money::parse_danish(&amount).map_err(|m| bad_input("amount", m))?;
            let r = api
                .fee_rate_set(FeeRate {
                    year,
                    membership_type: membership_type.clone(),
                    amount,
                })
                .await?;
            print(json, &r, || {
                format!(
                    "Kontingent for {year} ({membership_type}) er sat til {}",
                    amount.format_dkk()
                )
            });
        }
        FeesCmd::Pay {
            no,
            year,
            amount,
            method,
            date,
            voucher,
        } => {
            let m = api.member_by_no(no).await?;
            let amount = Money::parse_danish(&amount).map_err(|msg| bad_input("amount", msg))?;
            let method = PaymentMethod::ALL
                .into_iter()
                .find(|p| p.code() == method || p.label_da().eq_ignore_ascii_case(&method))
                .ok_or_else(|| bad_input("method", format!("Betalingsmåden »{method}« kendes ikke: brug mobilepay, bank, cash eller other.")))?;
            let paid_on = date_arg("paidOn", &date)?.or(Some(api.clock().today()));
            let p = api
                .fee_pay(PaymentInput {
                    member_id: m.id,
                    year,
                    paid_on,
                    amount,
                    method,
                    voucher_no: voucher,
                })
                .await?;
            print(json, &p, || {
                format!(
                    "{} har betalt {} i kontingent for {year}.",
                    m.name,
                    p.amount.format_dkk()
                )
            });
        }
    }
    Ok(())
}

fn required_date(field: &str, s: &str) -> Result<chrono::NaiveDate, ApiError> {
    parse_date(s).map_err(|m| bad_input(field, m))
}

fn print_version(v: &BylawsVersion) -> String {
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

async fn bylaws(api: &Api, cmd: BylawsCmd, json: bool) -> Result<(), ApiError> {
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
        BylawsCmd::Import { file, dry_run } => {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                ApiError::new(
                    ErrorCode::File,
                    format!(
                        "Filen {} kunne ikke læses som tekst (UTF-8): {e}",
                        file.display()
                    ),
                )
            })?;
            if dry_run {
                let t = api.bylaws_import_preview(text).await?;
                print(json, &t, || {
                    format!("{}\n{} paragraffer.", t.to_plain_text(), t.sections.len())
                });
            } else {
                let saved = api.bylaws_import_apply(text).await?;
                print(json, &saved, || {
                    format!(
                        "{} paragraffer er indlæst i udkastet (version {}).",
                        saved.draft.text.sections.len(),
                        saved.draft.number
                    )
                });
            }
        }
    }
    Ok(())
}

async fn rules(api: &Api, cmd: RulesCmd, json: bool) -> Result<(), ApiError> {
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
            let present = present.unwrap_or(for_votes + against + blank + invalid);
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

fn main() -> ExitCode {
    kvorum_api::init_logging();
    let cli = Cli::parse();
    let json = cli.json;
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("Kvorum kunne ikke starte: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if json {
                eprintln!("{}", serde_json::to_string(&e).unwrap_or_default());
            } else {
                eprintln!("Fejl: {}", e.message);
                for f in &e.fields {
                    eprintln!("  {}: {}", f.field, f.message);
                }
            }
            ExitCode::FAILURE
        }
    }
}
