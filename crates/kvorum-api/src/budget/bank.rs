//! Bank statement import: preview, choices, all or nothing. A MobilePay report is read the
//! same way into the MobilePay account; lines recognised as members' fees are proposed.

use super::*;
use kvorum_core::accounts::{main_bank, AccountKind};
use kvorum_core::bank::{telling_word, LineTarget};
use kvorum_core::bank_statement::ReadStatement;
use kvorum_core::fee_books::{match_fee, names_member, open_fees, same_payment, FeePayer};
use kvorum_core::fees::Payment;
use kvorum_core::ids::PaymentId;
use kvorum_core::members::Member;

/// What the fee proposals are made from: the members with what they owe around the
/// statement's years, and the payments typed by hand not yet matched to a bank line.
struct FeeMatcher {
    members: Vec<Member>,
    /// Per member (index into `members`): (year, owed); a year is taken off once a line pays it.
    open: Vec<Vec<(i32, Money)>>,
    payments: Vec<Payment>,
    /// Hand-typed fee bookings not yet matched (voucher no., account, payment id).
    typed: Vec<(String, Option<AccountId>, PaymentId)>,
}

impl FeeMatcher {
    async fn load(db: &mut Reader<'_>, read: &ReadStatement) -> ApiResult<FeeMatcher> {
        let members = db.members().await?;
        let rates = db.fee_rates().await?;
        let payments = db.payments(None).await?;
        let mut years: Vec<i32> = read
            .rows
            .iter()
            .filter_map(|(_, r)| match r {
                RowRead::Line(l) => Some(l.date.year()),
                _ => None,
            })
            .flat_map(|y| [y - 1, y, y + 1])
            .collect();
        years.sort_unstable();
        years.dedup();
        let open = members
            .iter()
            .map(|m| open_fees(m, &years, &rates, &payments))
            .collect();
        let typed = db
            .fee_bookings_without_bank_line()
            .await?
            .into_iter()
            .filter_map(|b| b.payment.map(|p| (b.voucher_no, b.account, p)))
            .collect();
        Ok(FeeMatcher {
            members,
            open,
            payments,
            typed,
        })
    }

    fn propose(&mut self, l: &BankLine, account: Option<AccountId>) -> Option<FeeProposal> {
        if l.amount.0 <= 0 {
            return None;
        }
        // A payment typed by hand: the member named, the amount, within 14 days, this account.
        let typed_at = self.typed.iter().position(|(_, a, p)| {
            *a == account
                && self.payments.iter().any(|x| {
                    x.id == *p
                        && same_payment(x, l.amount, l.date)
                        && self.members.iter().any(|m| {
                            m.id == x.member_id && names_member(&l.text, m.member_no, &m.name)
                        })
                })
        });
        if let Some(i) = typed_at {
            let (voucher, _, pid) = self.typed.remove(i);
            let p = self.payments.iter().find(|x| x.id == pid)?;
            let m = self.members.iter().find(|m| m.id == p.member_id)?;
            return Some(FeeProposal {
                member: m.id,
                member_no: m.member_no,
                name: m.name.clone(),
                year: p.year,
                by: kvorum_core::fee_books::MatchedBy::Name,
                typed: Some(voucher),
            });
        }
        let payers: Vec<FeePayer> = self
            .members
            .iter()
            .zip(&self.open)
            .filter(|(_, o)| !o.is_empty())
            .map(|(m, o)| FeePayer {
                id: m.id,
                member_no: m.member_no,
                name: &m.name,
                open: o.clone(),
            })
            .collect();
        let Some(found) = match_fee(&l.text, l.amount, l.date, &payers) else {
            return self.typed_by_amount(l, account);
        };
        let i = self.members.iter().position(|m| m.id == found.member)?;
        self.open[i].retain(|(y, _)| *y != found.year);
        let m = &self.members[i];
        Some(FeeProposal {
            member: m.id,
            member_no: m.member_no,
            name: m.name.clone(),
            year: found.year,
            by: found.by,
            typed: None,
        })
    }

    /// A line naming nobody with the amount of a payment typed by hand on this account
    /// within 14 days: the nearest such payment is proposed, so the fee is not booked twice.
    fn typed_by_amount(&mut self, l: &BankLine, account: Option<AccountId>) -> Option<FeeProposal> {
        let (i, p) = self
            .typed
            .iter()
            .enumerate()
            .filter(|(_, (_, a, _))| *a == account)
            .filter_map(|(i, (_, _, pid))| {
                let p = self.payments.iter().find(|x| x.id == *pid)?;
                same_payment(p, l.amount, l.date).then_some((i, p))
            })
            .min_by_key(|(_, p)| ((p.paid_on - l.date).num_days().abs(), p.paid_on))?;
        let m = self.members.iter().find(|m| m.id == p.member_id)?;
        let proposal = FeeProposal {
            member: m.id,
            member_no: m.member_no,
            name: m.name.clone(),
            year: p.year,
            by: kvorum_core::fee_books::MatchedBy::Amount,
            typed: Some(self.typed[i].0.clone()),
        };
        self.typed.remove(i);
        Some(proposal)
    }
}

impl Api {
    /// Reads a bank statement without changing anything: each line with its problems, whether
    /// it was imported before, and the suggested budget line.
    pub async fn bank_import_preview(&self, request: BankImportRequest) -> ApiResult<BankPreview> {
        let mut request = request;
        request.bytes = self.import_bytes(request.file.as_deref(), &request.bytes)?;
        Self::bank_preview_in(&mut self.store.reader(), &request, self.lang)
            .await
            .map(|(preview, _)| preview)
    }

    /// The preview read through `db`: the pool, or the import's own transaction, where the
    /// lines already imported are read as the transaction that adds more sees them; with the
    /// layout's signature, that a mapping is remembered by.
    async fn bank_preview_in(
        db: &mut Reader<'_>,
        request: &BankImportRequest,
        lang: Lang,
    ) -> ApiResult<(BankPreview, String)> {
        if db.association().await?.is_none() {
            return Err(crate::association::no_association());
        }
        let csv = parse_csv(&request.bytes).map_err(crate::members::import::file_refused)?;
        let mobilepay = kvorum_core::mobilepay::is_mobilepay(&csv);
        let mobilepay_read = mobilepay.then(|| kvorum_core::mobilepay::read(&csv));
        let st = Statement::from_csv(csv);
        let signature = st.signature();
        let accounts = db.accounts().await?;
        let account = match request.account {
            Some(a) => Some(
                accounts
                    .iter()
                    .find(|x| x.id == a && x.kind.holds_money())
                    .map(|x| x.id)
                    .ok_or_else(|| ApiError::refused(Text::new("bank-account-unknown")))?,
            ),
            None if mobilepay => accounts
                .iter()
                .find(|x| x.kind == AccountKind::MobilePay)
                .map(|x| x.id)
                .or_else(|| main_bank(&accounts)),
            None => main_bank(&accounts),
        };
        let source = if mobilepay {
            StatementSource::MobilePay
        } else {
            StatementSource::Bank
        };
        let remembered: Option<Vec<BankColumn>> = db.bank_layout(&signature).await?;
        let mapping: Vec<BankColumn> = request
            .mapping
            .clone()
            .or(remembered)
            .unwrap_or_else(|| st.guess_columns());
        let empty = |problem: Option<String>, mapping: Vec<BankColumn>| BankPreview {
            encoding: st.encoding.to_owned(),
            header: st.header,
            problem,
            headings: st.headings.clone(),
            sample: st.sample(),
            mapping,
            rows: vec![],
            new_lines: 0,
            duplicates: 0,
            errors: 0,
            pending: 0,
            newest_first: false,
            source,
            account,
            fee_proposals: 0,
        };
        if let Some(missing) = [BankField::Date, BankField::Amount]
            .into_iter()
            .find(|f| !mobilepay && !mapping.iter().any(|c| c.field == *f))
        {
            let headings = if st.header {
                st.headings.join(", ")
            } else {
                Text::new("bank-no-headings").render(lang)
            };
            let problem = Text::new("bank-column-unknown")
                .text("field", field_name(missing))
                .str("headings", headings)
                .render(lang);
            return Ok((empty(Some(problem), mapping), signature));
        }
        let read = mobilepay_read.unwrap_or_else(|| st.read(&mapping));
        let known: HashSet<String> = db.bank_keys().await?.into_iter().collect();
        // The same lines in another layout (the bank changed its export) share date, amount
        // and running balance.
        let known_balances: HashSet<String> = known.iter().filter_map(|k| balance_key(k)).collect();
        let rules = db.bank_rules().await?;
        let choices: std::collections::HashMap<u32, &BankChoice> =
            request.lines.iter().map(|c| (c.line_no, c)).collect();
        let mut fees = FeeMatcher::load(db, &read).await?;
        let mut in_file = HashSet::new();
        let mut rows = Vec::with_capacity(read.rows.len());
        for (line_no, r) in &read.rows {
            let line_no = *line_no;
            let row = |line, error, duplicate, budget_line, pending| BankRow {
                line_no,
                line,
                error,
                duplicate,
                budget_line,
                transfer: None,
                pending,
                similar: None,
                fee: None,
            };
            rows.push(match r {
                RowRead::Line(l) => {
                    let key = line_key(l);
                    let before = known.contains(&key)
                        || balance_key(&key).is_some_and(|b| known_balances.contains(&b));
                    let duplicate = before || !in_file.insert(key);
                    let target = match choices.get(&line_no) {
                        Some(c) => Some(match c.transfer {
                            Some(account) => LineTarget::Transfer { account },
                            None => LineTarget::Line {
                                name: c.budget_line.clone(),
                            },
                        }),
                        None => suggest_line(&l.text, &rules),
                    };
                    let (budget_line, transfer) = match target {
                        Some(LineTarget::Line { name }) if !name.is_empty() => (Some(name), None),
                        Some(LineTarget::Transfer { account: a }) if Some(a) != account => {
                            (None, Some(a))
                        }
                        _ => (None, None),
                    };
                    let fee = if duplicate {
                        None
                    } else {
                        fees.propose(l, account)
                    };
                    BankRow {
                        transfer,
                        similar: telling_word(&l.text),
                        fee,
                        ..row(Some(l.clone()), None, duplicate, budget_line, false)
                    }
                }
                RowRead::Pending => row(None, None, false, None, true),
                RowRead::Bad(field, message) => {
                    let said = Text::new("bank-line-problem")
                        .num("line", line_no)
                        .text("column", field_name(*field))
                        .text("problem", message.clone())
                        .render(lang);
                    row(None, Some(said), false, None, false)
                }
            });
        }
        let count = |f: &dyn Fn(&BankRow) -> bool| {
            u32::try_from(rows.iter().filter(|r| f(r)).count()).unwrap_or(0)
        };
        let preview = BankPreview {
            new_lines: count(&|r| r.line.is_some() && !r.duplicate),
            duplicates: count(&|r| r.duplicate),
            errors: count(&|r| r.error.is_some()),
            pending: count(&|r| r.pending),
            fee_proposals: count(&|r| r.fee.is_some()),
            newest_first: read.newest_first,
            rows,
            ..empty(None, mapping)
        };
        Ok((preview, signature))
    }

    /// Imports the new lines of a statement in one transaction, all or nothing; remembers the
    /// layout and learns the budget lines chosen.
    pub async fn bank_import_apply(&self, request: BankImportRequest) -> ApiResult<BankOutcome> {
        let mut request = request;
        request.bytes = self.import_bytes(request.file.as_deref(), &request.bytes)?;
        let mut tx = self.begin().await?;
        let (preview, signature) =
            Self::bank_preview_in(&mut tx.reader(), &request, self.lang).await?;
        if let Some(problem) = preview.problem {
            return Err(ApiError::new(ErrorCode::Import, problem));
        }
        let errors: Vec<&str> = preview
            .rows
            .iter()
            .filter_map(|r| r.error.as_deref())
            .collect();
        if !errors.is_empty() {
            // Every line to fix (the first 10), not only the first.
            let said = Text::new("bank-unreadable")
                .num("count", preview.errors)
                .str(
                    "lines",
                    errors
                        .iter()
                        .take(10)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" · "),
                )
                .num(
                    "more",
                    i64::try_from(errors.len().saturating_sub(10)).unwrap_or(0),
                );
            return Err(ApiError::new(ErrorCode::Import, said));
        }
        let a = tx
            .association()
            .await?
            .ok_or_else(crate::association::no_association)?;
        let start = a.fiscal_year_start_month.clamp(1, 12);
        let mut rules = tx.bank_rules().await?;
        // Per fiscal year: its budget lines and the next voucher number (counted on from the
        // highest used, not searched for again per line), read in this transaction with the
        // year's numbering locked between laptops.
        let mut by_year: std::collections::HashMap<i32, (Vec<BudgetLine>, String)> =
            Default::default();
        // The years' numbering is locked in year order, so two imports spanning the same
        // years cannot each hold one year and wait for the other (PostgreSQL).
        let years: std::collections::BTreeSet<i32> = preview
            .rows
            .iter()
            .filter(|r| !r.duplicate)
            .filter_map(|r| r.line.as_ref())
            .map(|l| fiscal_year_of(l.date, start).0.year())
            .collect();
        for year in &years {
            Self::require_open_year(&mut tx.reader(), *year).await?;
            tx.lock_books(*year).await?;
        }
        // Booked in date order, and within a date as the bank booked them: a newest-first
        // file is read from the bottom, so the voucher numbers follow the date.
        let mut to_book: Vec<(&BankRow, &BankLine)> = preview
            .rows
            .iter()
            .filter(|r| !r.duplicate)
            .filter_map(|r| r.line.as_ref().map(|l| (r, l)))
            .collect();
        if preview.newest_first {
            to_book.reverse();
        }
        to_book.sort_by_key(|(_, l)| l.date);
        let accounts = tx.accounts().await?;
        let account = preview.account;
        let method = kvorum_core::accounts::method_for_account(&accounts, account);
        let account_name =
            |a: AccountId| accounts.iter().find(|x| x.id == a).map(|x| x.name.clone());
        let chosen_fee: std::collections::HashMap<u32, &FeeChoice> = request
            .lines
            .iter()
            .filter_map(|c| c.fee.as_ref().map(|f| (c.line_no, f)))
            .collect();
        let typed = tx.fee_bookings_without_bank_line().await?;
        let mut fee_count = 0u32;
        let mut new = Vec::new();
        for (r, l) in to_book {
            // A payment typed before the statement came: the line is that booking; when
            // only the amount says so, once the treasurer has said yes.
            let said_yes = |f: &FeeProposal| {
                f.by != kvorum_core::fee_books::MatchedBy::Amount
                    || request.accept_fees
                    || chosen_fee
                        .get(&r.line_no)
                        .is_some_and(|c| c.member == f.member && c.year == f.year)
            };
            let typed_voucher = r
                .fee
                .as_ref()
                .filter(|f| said_yes(f))
                .and_then(|f| f.typed.as_ref());
            if let Some(voucher) = typed_voucher {
                if let Some(b) = typed
                    .iter()
                    .find(|b| &b.voucher_no == voucher && b.account == account)
                {
                    let after = Booking {
                        bank_key: Some(line_key(l)),
                        bank_balance: l.balance,
                        version: b.version + 1,
                        ..b.clone()
                    };
                    tx.update_booking(b, &after)
                        .await
                        .map_err(|e| ApiError::from_store(e, "Posteringen"))?;
                    fee_count += 1;
                    continue;
                }
            }
            let fee: Option<FeeChoice> =
                chosen_fee
                    .get(&r.line_no)
                    .map(|f| (*f).clone())
                    .or_else(|| {
                        // A typed payment's line is never booked as a second payment.
                        request.accept_fees.then_some(()).and(
                            r.fee
                                .as_ref()
                                .filter(|f| f.typed.is_none())
                                .map(|f| FeeChoice {
                                    member: f.member,
                                    year: f.year,
                                }),
                        )
                    });
            let (from, _) = fiscal_year_of(l.date, start);
            let year = from.year();
            if let std::collections::hash_map::Entry::Vacant(slot) = by_year.entry(year) {
                let lines = tx.budget_lines(year).await?;
                let bookings = tx.bookings(year).await?;
                slot.insert((lines, next_voucher_no(&used_vouchers(&bookings))));
            }
            let (lines, next) = by_year
                .get_mut(&year)
                .ok_or_else(|| ApiError::not_found("Budgettet"))?;
            let line = match (&fee, &r.budget_line) {
                (Some(_), _) => Some(Self::fee_line_in(&mut tx, year).await?),
                (None, _) if r.transfer.is_some() => None,
                (None, Some(name)) => Some(
                    lines
                        .iter()
                        .find(|x| x.name.eq_ignore_ascii_case(name))
                        .map(|x| x.id)
                        .ok_or_else(|| {
                            ApiError::new(
                                ErrorCode::Import,
                                Text::new("bank-line-unknown-budget-line")
                                    .num("line", r.line_no)
                                    .str("name", name)
                                    .num("year", year),
                            )
                        })?,
                ),
                (None, None) => None,
            };
            if fee.is_none() {
                if let Some(a) = r.transfer {
                    learn(
                        &mut rules,
                        &l.text,
                        &LineTarget::Transfer { account: a },
                        account_name(a).as_deref(),
                    );
                } else if let Some(name) = &r.budget_line {
                    learn(
                        &mut rules,
                        &l.text,
                        &LineTarget::Line { name: name.clone() },
                        None,
                    );
                }
            }
            let voucher_no = std::mem::take(next);
            *next = next_voucher_no(std::slice::from_ref(&voucher_no));
            let payment = match &fee {
                Some(f) => {
                    let member = tx
                        .member(f.member)
                        .await
                        .map_err(|e| ApiError::from_store(e, "Medlemmet"))?;
                    if l.amount.0 <= 0 {
                        return Err(ApiError::refused(Text::new("booking-not-income")));
                    }
                    let p = Payment {
                        id: PaymentId::new(),
                        member_id: member.id,
                        year: f.year,
                        paid_on: l.date,
                        amount: l.amount,
                        method,
                        voucher_no: Some(voucher_no.clone()),
                    };
                    tx.insert_payment(&p).await?;
                    fee_count += 1;
                    Some(p.id)
                }
                None => None,
            };
            new.push(Booking {
                id: BookingId::new(),
                fiscal_year: year,
                booked_on: l.date,
                amount: l.amount,
                text: l.text.clone(),
                voucher_no,
                line,
                grant: None,
                voucher_file: None,
                bank_key: Some(line_key(l)),
                account,
                counter_account: if fee.is_none() { r.transfer } else { None },
                payment,
                bank_balance: l.balance,
                version: 1,
            });
        }
        tx.insert_bookings(&new).await?;
        // The statement as it was, for the auditor (only when it brought something new).
        let days: Vec<chrono::NaiveDate> = preview
            .rows
            .iter()
            .filter_map(|r| r.line.as_ref().map(|l| l.date))
            .collect();
        if !new.is_empty() || fee_count > 0 {
            tx.insert_bank_statement(&kvorum_store::vouchers::StoredStatement {
                id: kvorum_core::ids::StatementId::new(),
                account,
                file_name: request
                    .file_name
                    .clone()
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| "kontoudtog.csv".into()),
                content: request.bytes.clone(),
                lines: i64::try_from(days.len()).unwrap_or(i64::MAX),
                first_day: days.iter().min().copied(),
                last_day: days.iter().max().copied(),
            })
            .await?;
        }
        for r in &rules {
            tx.save_bank_rule(r).await?;
        }
        if preview.source == StatementSource::Bank {
            tx.save_bank_layout(&signature, &preview.mapping).await?;
        }
        tx.commit().await?;
        let imported = u32::try_from(new.len()).unwrap_or(0);
        Ok(BankOutcome {
            imported,
            skipped: preview.duplicates,
            fees: fee_count,
            message: {
                let mut said = Text::new("bank-imported")
                    .num("count", imported)
                    .num("skipped", preview.duplicates)
                    .render(self.lang);
                if fee_count > 0 {
                    said.push(' ');
                    said.push_str(
                        &Text::new("bank-fees-booked")
                            .num("count", fee_count)
                            .render(self.lang),
                    );
                }
                if preview.pending > 0 {
                    said.push(' ');
                    said.push_str(
                        &Text::new("bank-pending-skipped")
                            .num("count", preview.pending)
                            .render(self.lang),
                    );
                }
                said
            },
        })
    }
}
