//! Bookings by hand, moved between lines and grants.

use super::*;

impl Api {
    /// The bookings of a fiscal year and the voucher number the next one gets.
    pub async fn bookings_list(&self, year: i32) -> ApiResult<BookingsView> {
        self.require_association().await?;
        let books = self.books(year).await?;
        Ok(BookingsView {
            next_voucher_no: next_voucher_no(&used_vouchers(&books.bookings)),
            bookings: books.bookings.clone(),
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
        Self::require_line_in(&mut tx.reader(), before.fiscal_year, input.line).await?;
        let after = Booking {
            line: input.line,
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

    /// Books one income (positive) or expense (negative); the voucher number follows on
    /// from the year's bookings as the transaction that writes the booking reads them, so
    /// two laptops booking at once get numbers one after the other.
    pub async fn booking_add(&self, input: BookingInput) -> ApiResult<Booking> {
        validate_booking(&input).map_err(ApiError::validation)?;
        let mut tx = self.begin().await?;
        let (year, _, _) = Self::fiscal_year_in(&mut tx.reader(), input.booked_on).await?;
        tx.lock_books(year).await?;
        Self::require_line_in(&mut tx.reader(), year, input.line).await?;
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
            version: 1,
        };
        tx.insert_bookings(std::slice::from_ref(&b))
            .await
            .map_err(|e| match e {
                kvorum_store::StoreError::Unique(_) => ApiError::validation(FieldErrors::one(
                    "voucherNo",
                    Text::new("booking-voucher-taken")
                        .str("voucher", &b.voucher_no)
                        .num("year", year),
                )),
                other => other.into(),
            })?;
        tx.commit().await?;
        Ok(b)
    }
}
