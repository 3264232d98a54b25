//! The check-in desk: attendance, voting right and proxies.

use super::*;

impl Api {
    /// Every member who could come, with their voting right on the day: the check-in list.
    pub async fn meeting_voters(&self, id: MeetingId) -> ApiResult<Vec<Voter>> {
        let meeting = self.meeting_row(id).await?;
        let rules = self.rules_on(meeting.date).await?;
        let present = self.store.attendance(id).await?;
        let mut voters: Vec<Voter> = self
            .voters_on(meeting.date, &rules)
            .await?
            .into_iter()
            .map(|(m, mut v)| {
                if !meeting.kind.is_assembly() {
                    v = VotingRight {
                        entitled: true,
                        reasons: vec![],
                        explanation: "Deltager".into(),
                    };
                }
                Voter {
                    checked_in: present.iter().any(|a| a.member == Some(m.id)),
                    member: m.id,
                    member_no: m.member_no,
                    name: m.name,
                    voting: v,
                }
            })
            .collect();
        voters.sort_by(|a, b| {
            kvorum_core::members::danish_collate(&a.name)
                .cmp(&kvorum_core::members::danish_collate(&b.name))
        });
        Ok(voters)
    }

    /// Checks a member (or a named guest) in, with their voting right on the day.
    pub async fn attendance_check_in(&self, input: CheckIn) -> ApiResult<AttendanceView> {
        let meeting = self.meeting_row(input.meeting).await?;
        if self.minutes_locked(meeting.id).await? {
            return Err(not_draft());
        }
        let rules = self.rules_on(meeting.date).await?;
        let attendee = match (input.member, clean(input.guest)) {
            (Some(id), _) => {
                let voters = self.voters_on(meeting.date, &rules).await?;
                let (m, v) = voters.into_iter().find(|(m, _)| m.id == id).ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::Validation,
                        "Personen er ikke medlem på mødedagen. Tjek indmeldelses- og udmeldelsesdato, eller tjek ind som gæst.",
                    )
                })?;
                let assembly = meeting.kind.is_assembly();
                Attendee {
                    member: Some(m.id),
                    name: m.name,
                    voting: !assembly || v.entitled,
                    reason: (assembly && !v.entitled).then(|| v.reasons.join("; ")),
                }
            }
            (None, Some(name)) => Attendee {
                member: None,
                name,
                voting: false,
                reason: Some("Gæst uden stemmeret".into()),
            },
            (None, None) => {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    "Vælg et medlem, eller skriv gæstens navn.",
                ))
            }
        };
        let mut tx = self.begin().await?;
        tx.check_in(meeting.id, &attendee)
            .await
            .map_err(|e| match e {
                kvorum_store::StoreError::Unique(_) => ApiError::new(
                    ErrorCode::Duplicate,
                    format!("{} er allerede tjekket ind.", attendee.name),
                ),
                other => other.into(),
            })?;
        tx.commit().await?;
        self.attendance_get(meeting.id).await
    }

    /// Checks someone out; proxies they held go with them.
    pub async fn attendance_check_out(&self, input: CheckIn) -> ApiResult<AttendanceView> {
        if self.minutes_locked(input.meeting).await? {
            return Err(not_draft());
        }
        let name = clean(input.guest).unwrap_or_default();
        let mut tx = self.begin().await?;
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
        let names = self.member_names().await?;
        Ok(self.attendance_view(&r, &names))
    }

    /// Records a proxy: the giver is absent with a vote, the holder present, within the cap.
    pub async fn proxy_add(&self, input: ProxyInput) -> ApiResult<AttendanceView> {
        let r = self.record(input.meeting).await?;
        if r.minutes
            .iter()
            .any(|m| m.status == MinutesStatus::Approved)
        {
            return Err(not_draft());
        }
        if !r.meeting.kind.is_assembly() {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Fuldmagter bruges kun på generalforsamlinger.",
            ));
        }
        let voters = self.voters_on(r.meeting.date, &r.rules).await?;
        let giver_right = voters
            .iter()
            .find(|(m, _)| m.id == input.giver)
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
        .map_err(|m| ApiError::new(ErrorCode::Validation, m))?;
        let p = Proxy {
            id: ProxyId::new(),
            giver: input.giver,
            holder: input.holder,
        };
        let mut tx = self.begin().await?;
        tx.insert_proxy(r.meeting.id, &p).await?;
        tx.commit().await?;
        self.attendance_get(r.meeting.id).await
    }

    pub async fn proxy_remove(&self, input: ProxyRemove) -> ApiResult<AttendanceView> {
        if self.minutes_locked(input.meeting).await? {
            return Err(not_draft());
        }
        let mut tx = self.begin().await?;
        if tx.delete_proxy(input.proxy).await? == 0 {
            return Err(ApiError::not_found("Fuldmagten"));
        }
        tx.commit().await?;
        self.attendance_get(input.meeting).await
    }
}
