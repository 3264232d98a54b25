//! `kvorum` — the command line: the same use cases as the app, through kvorum-api, one
//! file per domain. A failed command prints the Danish message on stderr and exits
//! non-zero; output cut short by a closed pipe (`kvorum members list | head -1`) is not
//! an error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use kvorum_api::dto::*;
use kvorum_api::settings::{config_dir, resolve_db, AppSettings};
use kvorum_api::{Api, ApiError, Clock};
use kvorum_core::dates::parse_date;
use kvorum_core::text::{Lang, Text};
use kvorum_core::FieldErrors;
use serde::Serialize;

mod accounts;
mod backups;
mod board;
mod budget;
mod bylaws;
mod grants;
mod meetings;
mod members;

use board::{BallotsCmd, BoardCmd, CandidatesCmd, ElectionsCmd};
use budget::{BookingsCmd, BudgetCmd};
use bylaws::{BylawsCmd, RulesCmd};
use grants::{GrantsCmd, VisitsCmd};
use meetings::{AttendanceCmd, DecisionsCmd, MeetingsCmd, MinutesCmd, ProposalsCmd, ProxiesCmd};
use members::{FeesCmd, MembersCmd, QueryArgs};

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
    /// Language of messages and generated sentences (else the one in settings, else Danish)
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Da,
    En,
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
    /// The accounts, opening balances and the balance sheet
    #[command(subcommand)]
    Accounts(accounts::AccountsCmd),
    /// Budget vs. actual for a fiscal year, per line and per grant, with the visitor counts
    Overview { year: i32 },
    /// Grants and operating agreements
    #[command(subcommand)]
    Grants(GrantsCmd),
    /// Anonymous visitor counts (numbers only)
    #[command(subcommand)]
    Visits(VisitsCmd),
    /// Backups (sikkerhedskopier) of the association's file
    #[command(subcommand)]
    Backup(backups::BackupCmd),
    /// Copy the association to a new file or an empty PostgreSQL database (`--to
    /// postgres://user@host/db`, password from PGPASSWORD or ~/.pgpass), checked table by
    /// table; this database is not changed
    Transfer {
        #[arg(long)]
        to: String,
    },
    /// The rows and a checksum of every table (the same on both sides of a transfer)
    Checksums,
    /// Encrypt the association's file and its backups with the passphrase in
    /// KVORUM_NEW_PASSPHRASE (then open it with KVORUM_PASSPHRASE)
    Encrypt,
    /// The change log in plain Danish, the newest first: `kvorum log --member 12 --from 1.1.2026`
    Log(LogArgs),
    /// Print the TypeScript bindings (used by the UI build)
    Bindings,
}

#[derive(Args)]
struct LogArgs {
    /// Only entries about the member with this member no.
    #[arg(long)]
    member: Option<i64>,
    /// Only changes made by this app user
    #[arg(long)]
    by: Option<String>,
    /// Only this kind of record (member, payment, consent, booking, …)
    #[arg(long)]
    kind: Option<String>,
    /// From this day (included)
    #[arg(long)]
    from: Option<String>,
    /// To this day (included)
    #[arg(long)]
    to: Option<String>,
    /// At most this many entries (200 unless given, at most 2 000)
    #[arg(long)]
    limit: Option<u32>,
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
    /// The annual accounts (årsregnskab) of a fiscal year: a draft until the year is closed
    Accounts { year: i32, out: PathBuf },
    /// The record of processing activities (fortegnelse, GDPR art. 30) for the board to sign
    ProcessingRecord { out: PathBuf },
    /// The report to the grantor: `kvorum pdf grant-report Driftstilskud 2026 rapport.pdf`
    GrantReport {
        grant: String,
        year: i32,
        out: PathBuf,
    },
}

pub(crate) fn bad_input(field: &str, message: impl Into<Text>) -> ApiError {
    ApiError::validation(FieldErrors::one(field, message))
}

pub(crate) fn date_arg(
    field: &str,
    s: &Option<String>,
) -> Result<Option<chrono::NaiveDate>, ApiError> {
    s.as_deref()
        .map(|v| parse_date(v).map_err(|m| bad_input(field, m)))
        .transpose()
}

pub(crate) fn print<T: Serialize>(json: bool, value: &T, human: impl FnOnce() -> String) {
    if json {
        out(&serde_json::to_string_pretty(value).unwrap_or_default());
    } else {
        out(&human());
    }
}

#[cfg(test)]
thread_local! {
    /// The fuzz suite runs thousands of commands: their output is not wanted.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Writes a line to stdout. When the reader has gone (`| head -1`), the rest of the output
/// has nowhere to go: stop quietly, as other command-line tools do, instead of panicking.
/// Everything the command changed is committed before it prints.
fn out(text: &str) {
    use std::io::Write;
    #[cfg(test)]
    if QUIET.with(std::cell::Cell::get) {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("Kvorum kunne ikke skrive resultatet: {e}");
        std::process::exit(1);
    }
}

pub(crate) fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), ApiError> {
    kvorum_api::files::write_file(path, bytes)
}

/// `--lang`, else the language in this laptop's settings.
fn lang_of(cli: &Cli, settings: &AppSettings) -> Lang {
    match cli.lang {
        Some(LangArg::Da) => Lang::Da,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_code(settings.language.as_deref().unwrap_or("da")),
    }
}

async fn run(cli: Cli) -> Result<(), ApiError> {
    if let Command::Bindings = cli.command {
        out(kvorum_api::bindings::typescript().trim_end());
        return Ok(());
    }
    let settings = AppSettings::load(&config_dir());
    let actor = cli.user.clone().unwrap_or_else(|| settings.actor());
    if let Command::Backup(backups::BackupCmd::Restore { name }) = cli.command {
        return backups::restore(
            &resolve_db(cli.db.as_deref()),
            &actor,
            Clock::from_env(),
            name,
            cli.json,
        )
        .await;
    }
    // An encrypted file's passphrase comes from the environment, never the command line
    // (which other users of the computer can see).
    let passphrase = std::env::var("KVORUM_PASSPHRASE").ok();
    let location = resolve_db(cli.db.as_deref());
    if let Command::Encrypt = cli.command {
        let api =
            Api::open_for_command(&location, passphrase.as_deref(), &actor, Clock::from_env())
                .await?;
        let new = std::env::var("KVORUM_NEW_PASSPHRASE").unwrap_or_default();
        let (api, done) = api.encrypt(new).await?;
        api.close().await;
        print(cli.json, &done.backups, || {
            format!(
                "{location} er krypteret, og {} {} med den. Åbn den med KVORUM_PASSPHRASE.",
                done.backups,
                if done.backups == 1 {
                    "sikkerhedskopi er krypteret"
                } else {
                    "sikkerhedskopier er krypteret"
                }
            )
        });
        return Ok(());
    }
    let mut api =
        Api::open_for_command(&location, passphrase.as_deref(), &actor, Clock::from_env()).await?;
    api.set_lang(lang_of(&cli, &settings));
    api.set_backup_copy_dir(
        settings
            .backup_copy_dir
            .as_ref()
            .map(std::path::PathBuf::from),
    );
    let json = cli.json;
    let today = api.clock().today();
    let result = match cli.command {
        Command::Bindings => Ok(()),
        Command::Backup(cmd) => backups::backup(&api, cmd, json).await,
        Command::Transfer { to } => backups::transfer(&api, &to, json).await,
        Command::Checksums => backups::checksums(&api, json).await,
        Command::Encrypt => Ok(()),
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
        Command::Members(cmd) => members::members(&api, cmd, json, today).await,
        Command::Fees(cmd) => members::fees(&api, cmd, json).await,
        Command::Bylaws(cmd) => bylaws::bylaws(&api, cmd, json).await,
        Command::Rules(cmd) => bylaws::rules(&api, cmd, json).await,
        Command::Meetings(cmd) => meetings::meetings(&api, cmd, json).await,
        Command::Proposals(cmd) => meetings::proposals(&api, cmd, json).await,
        Command::Attendance(cmd) => meetings::attendance(&api, cmd, json).await,
        Command::Proxies(cmd) => meetings::proxies(&api, cmd, json).await,
        Command::Decisions(cmd) => meetings::decisions(&api, cmd, json).await,
        Command::Minutes(cmd) => meetings::minutes(&api, cmd, json).await,
        Command::Board(cmd) => board::board(&api, cmd, json).await,
        Command::Budget(cmd) => budget::budget(&api, cmd, json).await,
        Command::Bookings(cmd) => budget::bookings(&api, cmd, json).await,
        Command::Accounts(cmd) => accounts::accounts(&api, cmd, json).await,
        Command::Overview { year } => budget::overview(&api, year, json).await,
        Command::Grants(cmd) => grants::grants(&api, cmd, json).await,
        Command::Visits(cmd) => grants::visits(&api, cmd, json).await,
        Command::Pdf(PdfCmd::ProcessingRecord { out }) => {
            grants::pdf(
                &api,
                kvorum_api::documents::ExportRequest::ProcessingRecord,
                &out,
                json,
            )
            .await
        }
        Command::Log(args) => {
            let q = kvorum_api::dto::AuditQuery {
                member_no: args.member,
                actor: args.by,
                kind: args.kind,
                from: date_arg("from", &args.from)?,
                to: date_arg("to", &args.to)?,
                limit: args.limit,
            };
            let page = api.audit_search(q).await?;
            print(json, &page, || {
                let mut lines: Vec<String> = page
                    .lines
                    .iter()
                    .map(|l| {
                        let mut s = format!("{}  {}", l.when, l.text);
                        for d in &l.details {
                            s.push_str(&format!("\n    {}: {} → {}", d.field, d.from, d.to));
                        }
                        s
                    })
                    .collect();
                if lines.is_empty() {
                    lines.push("Ingen ændringer passer til søgningen.".to_owned());
                } else if page.more {
                    lines.push(format!(
                        "(De nyeste {} vises; afgræns med --from/--to eller --limit.)",
                        page.lines.len()
                    ));
                }
                lines.join("\n")
            });
            Ok(())
        }
        Command::Pdf(PdfCmd::Accounts { year, out }) => {
            grants::pdf(
                &api,
                kvorum_api::documents::ExportRequest::AnnualAccountsPdf { year },
                &out,
                json,
            )
            .await
        }
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
            let file = api.members_export_pdf(members::query_of(&query)).await?;
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

/// Logs to stderr; `KVORUM_LOG=debug` shows more. Errors carry their whole cause chain.
fn init_logging() {
    let filter =
        tracing_subscriber::EnvFilter::try_from_env("KVORUM_LOG").unwrap_or_else(|_| "warn".into());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// mimalloc: a member import of 50 000 rows spends a third of its time in glibc's
/// malloc/free; with mimalloc preview + import take 1.3 s instead of 3.3 s (benches/importers).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    init_logging();
    let cli = Cli::parse();
    let json = cli.json;
    // Not the current-thread runtime: sqlx gives a connection back to its pool in a task of
    // its own, which on one thread runs only after the next query has opened a second one.
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
    let lang = lang_of(&cli, &AppSettings::load(&config_dir()));
    match rt.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let e = e.localized(lang);
            if json {
                eprintln!("{}", serde_json::to_string(&e).unwrap_or_default());
            } else {
                let said = Text::new("cli-error").str("message", e.message.clone());
                eprintln!("{}", said.render(lang));
                for f in &e.fields {
                    eprintln!("  {}: {}", f.field, f.message);
                }
            }
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod fuzz;

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap's own consistency checks (a duplicated argument name panics at parse time in a
    /// debug build, as `members edit --no` once did).
    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
