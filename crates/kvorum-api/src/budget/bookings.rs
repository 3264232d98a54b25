//! Bookings by hand, moved between lines and grants.

use super::*;

impl Api {
    /// The bookings of a fiscal year and the voucher number the next one gets.
    pub async fn bookings_list(&self, year: i32) -> ApiResult<BookingsView> {
        self.require_association().await?;
        let books = self.books(year).await?;
        let closed = self
            .store
            .closings()
            .await?
            .iter()
            .any(|c| c.fiscal_year == year);
        Ok(BookingsView {
            closed,
            next_voucher_no: next_voucher_no(&used_vouchers(&books.bookings)),
            similar: books
                .bookings
                .iter()
                .map(|b| kvorum_core::bank::telling_word(&b.text))
                .collect(),
            bookings: books.bookings.to_vec(),
        })
    }

    /// Moves a booking to another budget line or grant, or corrects its text or voucher file.
    pub async fn booking_update(&self, input: BookingUpdate) -> ApiResult<Booking> {
        validate_booking_text(&input.text)
            .map_err(|m| ApiError::validation(FieldErrors::one("text", m)))?;
        let (mut tx, _) = self.begin_in_association().await?;
        let before = tx
            .booking(input.id)
            .await?
            .ok_or_else(|| ApiError::not_found("Posteringen"))?;
        if before.version != input.version {
            return Err(ApiError::conflict("Posteringen"));
        }
        Self::require_open_year(&mut tx.reader(), before.fiscal_year).await?;
        Self::require_line_in(&mut tx.reader(), before.fiscal_year, input.line).await?;
        if input.counter_account.is_some() {
            let accounts = tx.accounts().await?;
            if input.line.is_some() {
                return Err(ApiError::validation(FieldErrors::one(
                    "counterAccount",
                    Text::new("booking-transfer-and-line"),
                )));
            }
            if input.counter_account == before.account
                || !accounts.iter().any(|a| Some(a.id) == input.counter_account)
            {
                return Err(ApiError::validation(FieldErrors::one(
                    "counterAccount",
                    Text::new("booking-transfer-same-account"),
                )));
            }
        }
        if before.payment.is_some() && input.line != before.line {
            return Err(ApiError::refused(Text::new("booking-is-fee")));
        }
        let after = Booking {
            line: input.line,
            counter_account: input.counter_account,
            grant: input.grant,
            text: input.text.trim().to_owned(),
            voucher_file: input.voucher_file.filter(|f| !f.trim().is_empty()),
            version: before.version + 1,
            ..before.clone()
        };
        tx.update_booking(&before, &after)
            .await
            .map_err(|e| ApiError::from_store(e, "Posteringen"))?;
        tx.commit().await?;
        Ok(after)
    }

    /// Puts every booking like the example on one budget line (or makes them transfers from
    /// an account) and remembers the rule. Returns how many bookings moved.
    pub async fn bookings_assign_similar(&self, input: SimilarAssign) -> ApiResult<u32> {
        let (mut tx, _) = self.begin_in_association().await?;
        let example = tx
            .booking(input.example)
            .await?
            .ok_or_else(|| ApiError::not_found("Posteringen"))?;
        Self::require_open_year(&mut tx.reader(), input.year).await?;
        Self::require_line_in(&mut tx.reader(), input.year, input.line).await?;
        let target = match (input.line, input.transfer) {
            (Some(_), Some(_)) => {
                return Err(ApiError::validation(FieldErrors::one(
                    "line",
                    Text::new("booking-transfer-and-line"),
                )))
            }
            (None, None) => {
                return Err(ApiError::validation(FieldErrors::one(
                    "line",
                    Text::new("booking-similar-choose"),
                )))
            }
            (line, transfer) => (line, transfer),
        };
        let word = kvorum_core::bank::telling_word(&example.text)
            .ok_or_else(|| ApiError::refused(Text::new("booking-similar-none")))?;
        let accounts = tx.accounts().await?;
        let lines = tx.budget_lines(input.year).await?;
        let mut moved = 0u32;
        for b in tx.bookings(input.year).await? {
            let alike = b.line.is_none()
                && b.counter_account.is_none()
                && b.payment.is_none()
                && kvorum_core::bank::telling_word(&b.text).as_deref() == Some(word.as_str());
            if !alike || (target.1.is_some() && target.1 == b.account) {
                continue;
            }
            let after = Booking {
                line: target.0,
                counter_account: target.1,
                version: b.version + 1,
                ..b.clone()
            };
            tx.update_booking(&b, &after)
                .await
                .map_err(|e| ApiError::from_store(e, "Posteringen"))?;
            moved += 1;
        }
        let mut rules = tx.bank_rules().await?;
        let (rule_target, name) = match target {
            (Some(l), _) => (
                kvorum_core::bank::LineTarget::Line {
                    name: lines
                        .iter()
                        .find(|x| x.id == l)
                        .map(|x| x.name.clone())
                        .unwrap_or_default(),
                },
                None,
            ),
            (None, Some(a)) => (
                kvorum_core::bank::LineTarget::Transfer { account: a },
                accounts.iter().find(|x| x.id == a).map(|x| x.name.clone()),
            ),
            (None, None) => return Err(ApiError::not_found("Budgetposten")),
        };
        kvorum_core::bank::learn(&mut rules, &example.text, &rule_target, name.as_deref());
        for r in &rules {
            tx.save_bank_rule(r).await?;
        }
        tx.commit().await?;
        Ok(moved)
    }

    /// Inserts one booking; a voucher number already used in its year is said at the field.
    pub(crate) async fn insert_one_booking(
        tx: &mut kvorum_store::StoreTx,
        b: &Booking,
    ) -> ApiResult<()> {
        tx.insert_bookings(std::slice::from_ref(b))
            .await
            .map_err(|e| match e {
                kvorum_store::StoreError::Unique(_) => ApiError::validation(FieldErrors::one(
                    "voucherNo",
                    Text::new("booking-voucher-taken")
                        .str("voucher", &b.voucher_no)
                        .num("year", b.fiscal_year),
                )),
                other => other.into(),
            })
    }

    /// Books one income (positive) or expense (negative); the voucher number follows on
    /// from the year's bookings as the transaction that writes the booking reads them, so
    /// two laptops booking at once get numbers one after the other.
    pub async fn booking_add(&self, input: BookingInput) -> ApiResult<Booking> {
        validate_booking(&input).map_err(ApiError::validation)?;
        let mut tx = self.begin().await?;
        let (year, _, _) = Self::fiscal_year_in(&mut tx.reader(), input.booked_on).await?;
        Self::require_open_year(&mut tx.reader(), year).await?;
        tx.lock_books(year).await?;
        Self::require_line_in(&mut tx.reader(), year, input.line).await?;
        let accounts = tx.accounts().await?;
        let account = match input.account {
            Some(a) => Some(a),
            None => kvorum_core::accounts::main_bank(&accounts),
        };
        for (field, a) in [
            ("account", account),
            ("counterAccount", input.counter_account),
        ] {
            if a.is_some_and(|a| !accounts.iter().any(|x| x.id == a)) {
                return Err(ApiError::validation(FieldErrors::one(
                    field,
                    Text::new("account-unknown"),
                )));
            }
        }
        let bookings = tx.bookings(year).await?;
        let voucher_no = match input
            .voucher_no
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            Some(v) => v.to_owned(),
            None => next_voucher_no(&used_vouchers(&bookings)),
        };
        let b = Booking {
            id: BookingId::new(),
            fiscal_year: year,
            booked_on: input.booked_on,
            amount: input.amount,
            text: input.text.trim().to_owned(),
            voucher_no,
            line: input.line,
            grant: input.grant,
            voucher_file: input.voucher_file.filter(|f| !f.trim().is_empty()),
            bank_key: None,
            account,
            counter_account: input.counter_account,
            payment: None,
            bank_balance: None,
            version: 1,
        };
        Self::insert_one_booking(&mut tx, &b).await?;
        tx.commit().await?;
        Ok(b)
    }
}
