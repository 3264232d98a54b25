//! `kvorum members|fees`: the member register and its fees.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use kvorum_api::dto::*;
use kvorum_api::{Api, ApiError, ErrorCode};
use kvorum_core::dates::format_date;

use crate::{bad_input, date_arg, print, write_file};

#[derive(Args, Default)]
pub struct MemberFields {
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
    /// Year of birth, where the association keeps only the year
    #[arg(long)]
    birth_year: Option<i32>,
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
    /// Member no. (default: the next free one); `members edit N --no M` renumbers
    #[arg(long = "no")]
    member_no: Option<i64>,
}

/// Which members a list shows.
#[derive(Clone, Copy, ValueEnum)]
pub enum StatusArg {
    #[value(alias = "aktive")]
    Active,
    #[value(alias = "udmeldte")]
    Left,
    #[value(alias = "alle")]
    All,
}

/// The order of a list.
#[derive(Clone, Copy, ValueEnum)]
pub enum SortArg {
    #[value(alias = "nr")]
    No,
    #[value(alias = "navn")]
    Name,
    #[value(alias = "indmeldt")]
    Joined,
    #[value(alias = "postnr")]
    Postal,
}

/// How a fee was paid.
#[derive(Clone, Copy, ValueEnum)]
pub enum MethodArg {
    Mobilepay,
    #[value(alias = "bankoverførsel")]
    Bank,
    #[value(alias = "kontant")]
    Cash,
    #[value(alias = "andet")]
    Other,
}

impl From<MethodArg> for PaymentMethod {
    fn from(m: MethodArg) -> Self {
        match m {
            MethodArg::Mobilepay => PaymentMethod::MobilePay,
            MethodArg::Bank => PaymentMethod::BankTransfer,
            MethodArg::Cash => PaymentMethod::Cash,
            MethodArg::Other => PaymentMethod::Other,
        }
    }
}

#[derive(Args)]
pub struct QueryArgs {
    /// Search in name, no., e-mail, phone
    #[arg(long, default_value = "")]
    search: String,
    #[arg(long = "type")]
    membership_type: Option<String>,
    #[arg(long, value_enum, default_value_t = StatusArg::Active)]
    status: StatusArg,
    /// Only members who have not paid for YEAR
    #[arg(long)]
    unpaid: Option<i32>,
    /// Only members who have paid for YEAR
    #[arg(long)]
    paid: Option<i32>,
    #[arg(long, value_enum, default_value_t = SortArg::No)]
    sort: SortArg,
}

#[derive(Subcommand)]
pub enum MembersCmd {
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
pub enum FeesCmd {
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
        #[arg(long, value_enum, ignore_case = true, default_value_t = MethodArg::Mobilepay)]
        method: MethodArg,
        /// Payment date (default today)
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        voucher: Option<String>,
    },
    /// Reverse a payment registered by mistake: `--year 2026` (the newest payment for it),
    /// with the reason, which the member's history keeps
    Reverse {
        /// Member no.
        no: i64,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        reason: String,
    },
    /// The fee run of a year: what each member owes and how many days overdue
    Run {
        year: i32,
        /// Only the members who still owe
        #[arg(long)]
        owing: bool,
    },
    /// Book the fee payments registered before fees were booked
    Book,
    /// Make the reminders due (one .eml per member with e-mail, a PDF of letters for the
    /// rest) in a folder of their own under `--out`, and note them on the members
    Remind {
        year: i32,
        /// 1 or 2
        #[arg(long, default_value_t = 1)]
        level: u8,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn query_of(a: &QueryArgs) -> MemberQuery {
    MemberQuery {
        text: a.search.clone(),
        membership_type: a.membership_type.clone(),
        role: None,
        status: match a.status {
            StatusArg::Active => StatusFilter::Active,
            StatusArg::Left => StatusFilter::Left,
            StatusArg::All => StatusFilter::All,
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
        sort: match a.sort {
            SortArg::No => SortKey::MemberNo,
            SortArg::Name => SortKey::Name,
            SortArg::Joined => SortKey::JoinedOn,
            SortArg::Postal => SortKey::PostalCode,
        },
        descending: false,
    }
}

pub fn apply_fields(mut input: MemberInput, f: &MemberFields) -> Result<MemberInput, ApiError> {
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
    if let Some(y) = f.birth_year {
        input.birth_year = Some(y);
        input.birth_date = None;
    }
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
    if f.member_no.is_some() {
        input.member_no = f.member_no;
    }
    Ok(input)
}

pub fn member_line(r: &MemberRow) -> String {
    format!(
        "{:>5}  {:<28} {:<30} {:<12} {}",
        r.member_no,
        r.name,
        r.email.as_deref().unwrap_or(""),
        r.phone.as_deref().unwrap_or(""),
        r.fee.label_da()
    )
}

pub async fn members(
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
            let list = api.members_list(query_of(&q)).await?;
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
            let bytes = kvorum_api::files::read_import_file(&file)?;
            let request = ImportRequest {
                bytes,
                file: None,
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
            let f = api.members_export_csv(query_of(&query)).await?;
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

pub async fn fees(api: &Api, cmd: FeesCmd, json: bool) -> Result<(), ApiError> {
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
            let method = PaymentMethod::from(method);
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
        FeesCmd::Reverse { no, year, reason } => {
            let m = api.member_by_no(no).await?;
            let detail = api.member_get(m.id).await?;
            let p = detail
                .payments
                .iter()
                .filter(|p| p.year == year)
                .max_by_key(|p| p.paid_on)
                .ok_or_else(|| {
                    bad_input("year", format!("{} har ingen betaling for {year}.", m.name))
                })?;
            let left = api
                .fee_payment_reverse(PaymentReversal {
                    member: m.id,
                    payment: p.id,
                    reason,
                })
                .await?;
            print(json, &left, || {
                format!(
                    "Betalingen på {} for {year} fra {} er tilbageført.",
                    p.amount.format_dkk(),
                    m.name
                )
            });
        }
        FeesCmd::Run { year, owing } => {
            let mut v = api.fee_run(year).await?;
            if owing {
                v.run.lines.retain(|l| l.owed.0 > 0);
            }
            print(json, &v, || {
                let r = &v.run;
                let mut s = vec![format!(
                    "Kontingent {year}, forfald {}: forventet {}, betalt {}, mangler {} ({} af {} har betalt)",
                    r.due_on.format("%d.%m.%Y"),
                    r.expected.format_dkk(),
                    r.paid.format_dkk(),
                    r.owed.format_dkk(),
                    r.members_paid,
                    r.members_paid + r.members_owing
                )];
                s.extend(r.lines.iter().map(|l| {
                    format!(
                        "{:>5} {:<30} {:>12} {:>12}{}",
                        l.member_no,
                        l.name,
                        l.due.format_number(),
                        l.owed.format_number(),
                        if l.owed.0 > 0 {
                            format!("  {} dage", l.days_overdue)
                        } else {
                            String::new()
                        }
                    )
                }));
                if v.unbooked > 0 {
                    s.push(format!(
                        "{} betalinger er ikke bogført: kvorum fees book",
                        v.unbooked
                    ));
                }
                s.join("\n")
            });
        }
        FeesCmd::Remind { year, level, out } => {
            let batch = api
                .fee_reminders_prepare(kvorum_api::reminders::ReminderRequest {
                    year,
                    level,
                    members: vec![],
                })
                .await?;
            let folder = out.join(&batch.folder);
            kvorum_api::files::create_folder(&folder)?;
            for f in &batch.files {
                kvorum_api::files::write_file(&folder.join(&f.file_name), &f.bytes)?;
            }
            let saved = api.fee_reminders_record(&batch).await?;
            print(json, &saved, || {
                format!("{} ({})", saved.message, folder.display())
            });
        }
        FeesCmd::Book => {
            let n = api.fee_payments_book().await?;
            print(json, &serde_json::json!({ "booked": n }), || {
                format!("{n} betalinger er bogført på kontingentposten.")
            });
        }
    }
    Ok(())
}
