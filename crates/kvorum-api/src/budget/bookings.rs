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
        self.require_association().await?;
        let before = self
            .store
            .booking(input.id)
            .await?
            .ok_or_else(|| ApiError::not_found("Posteringen"))?;
        if before.version != input.version {
            return Err(ApiError::conflict("Posteringen"));
        }
        validate_booking_text(&input.text)
            .map_err(|m| ApiError::validation(FieldErrors::one("text", m)))?;
        self.require_line_in(before.fiscal_year, input.line).await?;
        let after = Booking {
            line: input.line,
            grant: input.grant,
            text: input.text.trim().to_owned(),
            voucher_file: input.voucher_file.filter(|f| !f.trim().is_empty()),
            version: before.version + 1,
            ..before.clone()
        };
        let mut tx = self.begin().await?;
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
        let (year, _, _) = self.fiscal_year(input.booked_on).await?;
        self.require_line_in(year, input.line).await?;
        let mut tx = self.begin().await?;
        tx.lock_books(year).await?;
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
        tx.insert_bookings(std::slice::from_ref(&b)).await.map_err(|e| match e {
            kvorum_store::StoreError::Unique(_) => {
                let mut f = FieldErrors::default();
                f.push(
                    "voucherNo",
                    format!("Bilag nr. {} er allerede brugt i {year}. Vælg et andet nummer, eller lad feltet stå tomt.", b.voucher_no),
                );
                ApiError::validation(f)
            }
            other => other.into(),
        })?;
        tx.commit().await?;
        Ok(b)
    }
}
