//! `kvorum backup`: take, list, look into and restore the association file's backups.

use clap::Subcommand;
use kvorum_api::backups::{restore_unopenable, BackupInfo, BackupReason};
use kvorum_api::{Api, ApiError};
use kvorum_core::dates::format_date;

use crate::print;

#[derive(Subcommand)]
pub enum BackupCmd {
    /// Take a backup now (checked, kept until deleted)
    Now,
    /// The backups, newest first, with their check
    List,
    /// What a backup holds: the association, members, the last minutes and booking
    Show { name: String },
    /// Put a backup back as the association's file (the file as it is is backed up first;
    /// a file too damaged to open is kept beside the backups)
    Restore { name: String },
}

fn line(b: &BackupInfo) -> String {
    format!(
        "{}  {}  {} kB  {}",
        b.name,
        b.taken_at
            .with_timezone(&chrono_tz::Europe::Copenhagen)
            .format("%d.%m.%Y %H.%M"),
        b.size.div_ceil(1000),
        if b.check.ok {
            "kontrolleret: i orden".to_owned()
        } else {
            format!("kontrol: {}", b.check.integrity)
        }
    )
}

pub async fn backup(api: &Api, cmd: BackupCmd, json: bool) -> Result<(), ApiError> {
    match cmd {
        BackupCmd::Now => {
            let b = api.backup_now(BackupReason::Manual).await?;
            print(json, &b, || {
                format!("Sikkerhedskopien er taget: {}", line(&b))
            });
        }
        BackupCmd::List => {
            let list = api.backups_list().await?;
            print(json, &list, || {
                if list.is_empty() {
                    "Der er ingen sikkerhedskopier endnu.".to_owned()
                } else {
                    list.iter().map(line).collect::<Vec<_>>().join("\n")
                }
            });
        }
        BackupCmd::Show { name } => {
            let c = api.backup_inspect(name).await?;
            print(json, &c, || {
                format!(
                    "Forening: {}\nMedlemmer: {}\nSeneste godkendte referat: {}\nSeneste postering: {}",
                    c.association.clone().unwrap_or_else(|| "—".into()),
                    c.members,
                    c.last_minutes_approved.map(format_date).unwrap_or_else(|| "—".into()),
                    c.last_booking
                        .as_ref()
                        .map(|(d, t)| format!("{} {t}", format_date(*d)))
                        .unwrap_or_else(|| "—".into()),
                )
            });
        }
        BackupCmd::Restore { .. } => unreachable!("restored before the file is opened"),
    }
    Ok(())
}

/// Restores before anything else opens the file: through the open file when it opens
/// (it is backed up first), else over the damaged file (which is kept).
pub async fn restore(
    location: &str,
    actor: &str,
    clock: kvorum_api::Clock,
    name: String,
    json: bool,
) -> Result<(), ApiError> {
    let passphrase = std::env::var("KVORUM_PASSPHRASE").ok();
    match Api::open_for_command(location, passphrase.as_deref(), actor, clock.clone()).await {
        Ok(api) => {
            let (api, before) = api.backup_restore(name.clone()).await?;
            api.close().await;
            print(json, &before, || {
                format!(
                    "{name} er lagt tilbage. Filen, som den var, er gemt som {}.",
                    before.name
                )
            });
        }
        Err(_) => {
            let path = std::path::PathBuf::from(location);
            let kept = restore_unopenable(&path, &name, passphrase.as_deref(), clock.now()).await?;
            print(json, &kept.display().to_string(), || {
                format!(
                    "{name} er lagt tilbage. Den beskadigede fil er gemt som {}.",
                    kept.display()
                )
            });
        }
    }
    Ok(())
}

fn sums_table(tables: &[kvorum_core::backups::TableSum]) -> String {
    tables
        .iter()
        .map(|t| {
            format!(
                "{:<18} {:>7}  {}",
                t.table,
                t.rows,
                &t.checksum[..16.min(t.checksum.len())]
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `kvorum transfer --to …`: the association copied to a new file or an empty server
/// database, checked table by table; the open database is not changed.
pub async fn transfer(api: &Api, to: &str, json: bool) -> Result<(), ApiError> {
    let report = api.transfer_to(to, None).await?;
    print(json, &report, || {
        format!(
            "Foreningen er flyttet til {}: {} rækker i {} tabeller, ens i begge ender.\n{}\n\
             {} er ikke ændret; åbn den nye med --db.",
            report.to,
            report.rows,
            report.tables.len(),
            sums_table(&report.tables),
            api.location().display(),
        )
    });
    Ok(())
}

/// `kvorum checksums`: the rows and checksum of every table (equal after a transfer).
pub async fn checksums(api: &Api, json: bool) -> Result<(), ApiError> {
    let sums = api.checksums().await?;
    print(json, &sums, || sums_table(&sums));
    Ok(())
}
