//! The check-in desk: attendance, voting right and proxies.

use super::*;

impl Api {
    /// Every member who could come, with their voting right on the day: the check-in list.
    pub async fn meeting_voters(&self, id: MeetingId) -> ApiResult<Vec<Voter>> {
        let meeting = self.meeting_row(id).await?;
        let rules = self.rules_on(meeting.date).await?;
        let present = self.store.attendance(id).await?;
        let snap = self.member_snapshot().await?;
        let year = chrono::Datelike::year(&meeting.date);
        // Each member's payments and presence looked up, not searched for: 10 000 members
        // at the door are one pass over the payments and one over the attendance.
        let mut pays_of: HashMap<MemberId, Vec<Payment>> = HashMap::new();
        for p in &snap.payments {
            pays_of.entry(p.member_id).or_default().push(p.clone());
        }
        let present: std::collections::HashSet<MemberId> =
            present.iter().filter_map(|a| a.member).collect();
        let owed = |m: &Member| -> Option<Money> {
            if !meeting.kind.is_assembly() {
                return None;
            }
            let pays = pays_of.get(&m.id).map(Vec::as_slice).unwrap_or(&[]);
            match fee_status(m, year, &snap.rates, pays) {
                FeeStatus::Unpaid { due } => Some(due),
                FeeStatus::PartlyPaid { due, paid } => Some(due - paid),
                _ => None,
            }
        };
        let mut voters: Vec<Voter> = self
            .voters_on(meeting.date, &rules)
            .await?
            .into_iter()
            .map(|(m, v)| {
                let v = right_at(meeting.kind, v);
                Voter {
                    checked_in: present.contains(&m.id),
                    fee_owed: owed(&m),
                    member: m.id,
                    member_no: m.member_no,
                    name: m.name,
                    voting: v,
                }
            })
            .collect();
        voters.sort_by_cached_key(|v| kvorum_core::members::danish_collate(&v.name));
        Ok(voters)
    }

    /// A change at the desk: the meeting locked and its record read inside the transaction
    /// that will write; refused once the minutes are approved.
    async fn desk_change(&self, meeting: MeetingId) -> ApiResult<(StoreTx, Record)> {
        let mut tx = self.begin().await?;
        tx.lock_meeting(meeting).await?;
        let r = self.load_record(&mut tx.reader(), meeting, false).await?;
        if r.minutes_approved() {
            return Err(not_draft());
        }
        Ok((tx, r))
    }

    /// Checks a member (or a named guest) in, with their voting right on the day. The
    /// record and the register are read inside the transaction that writes the check-in,
    /// and the answer is that record with the check-in: the meeting was locked, so it is the
    /// attendance as committed, and the desk gets it without the record read again.
    pub async fn attendance_check_in(&self, input: CheckIn) -> ApiResult<AttendanceView> {
        let (mut tx, mut r) = self.desk_change(input.meeting).await?;
        let attendee = match (input.member, normalize_optional(&input.guest)) {
            (Some(id), _) => {
                let (m, v) = r
                    .voter(id)
                    .ok_or_else(|| ApiError::refused(Text::new("attendance-not-a-member")))?;
                Attendee::member(&m, &v, r.meeting.kind.is_assembly())
            }
            (None, Some(name)) => Attendee::guest(name),
            (None, None) => return Err(ApiError::refused(Text::new("attendance-who"))),
        };
        tx.check_in(r.meeting.id, &attendee)
            .await
            .map_err(|e| match e {
                kvorum_store::StoreError::Unique(_) => ApiError::new(
                    ErrorCode::Duplicate,
                    Text::new("attendance-twice").str("name", &attendee.name),
                ),
                other => other.into(),
            })?;
        tx.commit().await?;
        r.attendees.push(attendee);
        let names = self.proxy_names(&r).await?;
        Ok(self.attendance_view(&r, &names))
    }

    /// A member in arrears pays at the door: the payment (dated the meeting's day, for its
    /// year) and the check-in land in one transaction, the check-in with the voting right the
    /// register then gives. A member already checked in is checked in again with it.
    pub async fn attendance_pay_at_door(&self, input: DoorPayment) -> ApiResult<AttendanceView> {
        let (mut tx, r) = self.desk_change(input.meeting).await?;
        if !r.meeting.kind.is_assembly() {
            return Err(ApiError::refused(Text::new("door-payment-assemblies-only")));
        }
        if r.voter(input.member).is_none() {
            return Err(ApiError::refused(Text::new("attendance-not-a-member")));
        }
        // Paid at the door is paid on the meeting's day, also when the desk's record is
        // typed in afterwards.
        let today = self.clock.today();
        let paid_on = today.min(r.meeting.date);
        let pay = PaymentInput {
            member_id: input.member,
            year: chrono::Datelike::year(&r.meeting.date),
            paid_on: Some(paid_on),
            amount: input.amount,
            method: input.method,
            voucher_no: None,
        };
        validate_payment(&pay, today).map_err(ApiError::validation)?;
        let payment = Payment {
            id: kvorum_core::ids::PaymentId::new(),
            member_id: pay.member_id,
            year: pay.year,
            paid_on,
            amount: pay.amount,
            method: pay.method,
            voucher_no: None,
        };
        tx.insert_payment(&payment).await?;
        let member = tx
            .member(pay.member_id)
            .await
            .map_err(|e| ApiError::from_store(e, "Medlemmet"))?;
        let accounts = tx.accounts().await?;
        let account = kvorum_core::accounts::account_for_method(&accounts, payment.method);
        Self::book_fee_in(&mut tx, &payment, &member, account).await?;
        // The right on the day, from the register with the payment in it.
        let after = self
            .load_record(&mut tx.reader(), input.meeting, false)
            .await?;
        let (m, v) = after
            .voter(input.member)
            .ok_or_else(|| ApiError::refused(Text::new("attendance-not-a-member")))?;
        if after.attendees.iter().any(|a| a.member == Some(m.id)) {
            tx.check_out(after.meeting.id, Some(m.id), "").await?;
        }
        tx.check_in(after.meeting.id, &Attendee::member(&m, &v, true))
            .await?;
        tx.commit().await?;
        self.attendance_get(after.meeting.id).await
    }

    /// Checks someone out; proxies they held go with them.
    pub async fn attendance_check_out(&self, input: CheckIn) -> ApiResult<AttendanceView> {
        let (mut tx, _) = self.begin_meeting_change(input.meeting).await?;
        let name = normalize_optional(&input.guest).unwrap_or_default();
        let gone = tx.check_out(input.meeting, input.member, &name).await?;
        if gone == 0 {
            return Err(ApiError::not_found("Deltageren"));
        }
        if let Some(m) = input.member {
            tx.delete_proxies_of(input.meeting, m).await?;
        }
        tx.commit().await?;
        self.attendance_get(input.meeting).await
    }

    pub async fn attendance_get(&self, meeting: MeetingId) -> ApiResult<AttendanceView> {
        let r = self.record(meeting).await?;
        let names = self.proxy_names(&r).await?;
        Ok(self.attendance_view(&r, &names))
    }

    /// Records a proxy: the giver is absent with a vote, the holder present, within the cap
    /// — checked against the record as the transaction that writes the proxy reads it, so
    /// two laptops at the door cannot both pass the cap.
    pub async fn proxy_add(&self, input: ProxyInput) -> ApiResult<AttendanceView> {
        let (mut tx, r) = self.desk_change(input.meeting).await?;
        if !r.meeting.kind.is_assembly() {
            return Err(ApiError::refused(Text::new("proxy-assemblies-only")));
        }
        let giver_right = r
            .voter(input.giver)
            .map(|(_, v)| {
                if v.entitled {
                    Ok(())
                } else {
                    Err(Text::from(v.reasons.join("; ")))
                }
            })
            .unwrap_or_else(|| Err(Text::new("proxy-not-a-member")));
        check_proxy(
            input.giver,
            input.holder,
            giver_right,
            &r.attendees,
            &r.proxies,
            &r.rules,
        )
        .map_err(ApiError::refused)?;
        let p = Proxy {
            id: ProxyId::new(),
            giver: input.giver,
            holder: input.holder,
        };
        tx.insert_proxy(r.meeting.id, &p).await?;
        tx.commit().await?;
        self.attendance_get(r.meeting.id).await
    }

    pub async fn proxy_remove(&self, input: ProxyRemove) -> ApiResult<AttendanceView> {
        let (mut tx, _) = self.begin_meeting_change(input.meeting).await?;
        if tx.delete_proxy(input.proxy).await? == 0 {
            return Err(ApiError::not_found("Fuldmagten"));
        }
        tx.commit().await?;
        self.attendance_get(input.meeting).await
    }
}
