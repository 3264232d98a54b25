//! The list of use cases the UI may call, written once. `kvorum_api::api_commands!(m)`
//! hands the list to macro `m`: the Tauri shell expands it into its commands and handler,
//! and [`crate::bindings`] into the TypeScript functions — so a command cannot exist on one
//! side only. Every entry is an `Api` method of the same name and arguments.
//!
//! Shell commands (opening files, dialogs, saving exports) need the app and its windows,
//! so the shell implements them itself; `shell_commands!` lists their signatures for the
//! bindings. Both macros take optional tokens after `m` that are passed on in front of the
//! list, so one list can be handed on to the other (the shell's handler is both).

#[macro_export]
macro_rules! api_commands {
    ($m:ident $(, $($prefix:tt)*)?) => {
        $m! {
            $($($prefix)*)?
            association_get() -> Option<Association>;
            association_create(input: AssociationInput) -> Association;
            association_update(update: AssociationUpdate) -> Association;
            membership_types() -> Vec<MembershipType>;
            membership_type_add(name: String) -> MembershipType;
            members_list(query: MemberQuery) -> MemberListResult;
            member_get(id: MemberId) -> MemberDetail;
            member_add(input: MemberInput) -> Member;
            member_update(update: MemberUpdate) -> Member;
            fee_rates() -> Vec<FeeRate>;
            fee_rate_set(rate: FeeRate) -> Vec<FeeRate>;
            fee_pay(input: PaymentInput) -> Payment;
            fee_payment_reverse(reversal: PaymentReversal) -> Vec<Payment>;
            members_import_preview(request: ImportRequest) -> ImportPreview;
            members_import_apply(request: ImportRequest) -> ImportOutcome;
            bylaws_overview() -> BylawsOverview;
            bylaws_version(number: i64) -> BylawsVersion;
            bylaws_current() -> BylawsVersion;
            bylaws_draft() -> BylawsVersion;
            bylaws_save_draft(update: DraftUpdate) -> DraftSaved;
            bylaws_adopt(input: AdoptInput) -> BylawsVersion;
            bylaws_diff(from: i64, to: i64) -> Vec<SectionDiff>;
            bylaws_import_preview(text: String) -> BylawsImport;
            bylaws_import_apply(input: BylawsImportApply) -> DraftSaved;
            rules_check_vote(check: VoteCheck) -> DecisionOutcome;
            rules_deadlines(date: NaiveDate) -> Deadlines;
            meetings_list() -> Vec<MeetingSummary>;
            meeting_get(id: MeetingId) -> MeetingDetail;
            projector_show(input: ProjectorInput) -> ProjectorView;
            projector_freeze(on: bool) -> Option<ProjectorView>;
            projector_view() -> Option<ProjectorView>;
            meeting_create(input: MeetingInput) -> MeetingDetail;
            meeting_update(update: MeetingUpdate) -> MeetingDetail;
            meeting_agenda_set(update: AgendaUpdate) -> MeetingDetail;
            meeting_voters(id: MeetingId) -> Vec<Voter>;
            meeting_schedule_second(input: SecondAssemblyInput) -> MeetingDetail;
            proposal_add(input: ProposalInput) -> ProposalView;
            proposal_update(update: ProposalUpdate) -> ProposalView;
            proposal_withdraw(input: ProposalWithdraw) -> ProposalView;
            attendance_get(meeting: MeetingId) -> AttendanceView;
            attendance_check_in(input: CheckIn) -> AttendanceView;
            attendance_check_out(input: CheckIn) -> AttendanceView;
            attendance_pay_at_door(input: DoorPayment) -> AttendanceView;
            proxy_add(input: ProxyInput) -> AttendanceView;
            proxy_remove(input: ProxyRemove) -> AttendanceView;
            decision_record(input: DecisionInput) -> DecisionRecorded;
            decision_remove(input: DecisionRemove) -> MeetingDetail;
            minutes_draft(meeting: MeetingId) -> Minutes;
            minutes_save(update: MinutesSave) -> Minutes;
            minutes_regenerate(update: MinutesSave) -> Minutes;
            minutes_approve(approval: MinutesApproval) -> Minutes;
            minutes_correct(input: MinutesCorrection) -> Minutes;
            minutes_list() -> Vec<MinutesSummary>;
            board_register(on: Option<NaiveDate>) -> BoardView;
            board_appoint(input: AppointInput) -> BoardView;
            board_constitute(input: ConstituteInput) -> BoardView;
            board_leave(input: LeaveInput) -> BoardView;
            elections_seats_up(meeting: MeetingId) -> SeatsUp;
            elections_for(meeting: MeetingId) -> Vec<ElectionView>;
            election_get(id: ElectionId) -> ElectionView;
            candidate_add(input: CandidateInput) -> ElectionView;
            candidate_accept(input: CandidateAccept) -> ElectionView;
            election_uncontested(id: ElectionId) -> ElectionView;
            election_start_ballot(id: ElectionId) -> ElectionView;
            ballot_enter(input: BallotInput) -> ElectionView;
            ballot_undo(id: ElectionId) -> ElectionView;
            election_totals(input: TotalsInput) -> ElectionView;
            election_draw_lot(input: DrawInput) -> ElectionView;
            election_terms(input: TermsInput) -> ElectionView;
            election_apply(id: ElectionId) -> ElectionView;
            election_runoff(id: ElectionId) -> ElectionView;
            budget_get(year: i32, on: Option<NaiveDate>) -> BudgetView;
            budget_set_line(input: BudgetLineInput) -> BudgetView;
            budget_remove_line(input: BudgetLineRemove) -> BudgetView;
            budget_copy(from: i32, to: i32) -> BudgetView;
            bookings_list(year: i32) -> BookingsView;
            booking_add(input: BookingInput) -> Booking;
            booking_update(input: BookingUpdate) -> Booking;
            bank_import_preview(request: BankImportRequest) -> BankPreview;
            bank_import_apply(request: BankImportRequest) -> BankOutcome;
            bookings_assign_similar(input: SimilarAssign) -> u32;
            booking_fee_assign(input: BookingFeeAssign) -> Booking;
            accounts() -> Vec<Account>;
            account_save(input: AccountInput) -> Vec<Account>;
            balance_get(year: i32) -> BalanceView;
            opening_balances_set(input: OpeningInput) -> BalanceView;
            fee_run(year: i32) -> FeeRunView;
            fee_settings_set(settings: FeeSettings) -> FeeSettings;
            fee_payments_book() -> u32;
            voucher_attach(input: VoucherAttach) -> VoucherInfo;
            vouchers_list(year: i32) -> Vec<VoucherInfo>;
            voucher_remove(id: VoucherId) -> Vec<VoucherInfo>;
            year_end_get(year: i32) -> YearEndView;
            year_close(input: YearCloseInput) -> YearEndView;
            year_reopen(input: YearReopenInput) -> YearEndView;
            audit_form_set(input: AuditFormInput) -> YearEndView;
            grantor_rule_set(rule: GrantorRule) -> GrantorRule;
            cleanup_get() -> CleanupView;
            retention_set(r: Retention) -> CleanupView;
            cleanup_run(run: CleanupRun) -> CleanupOutcome;
            consent_kinds() -> Vec<ConsentKind>;
            consent_kind_add(input: ConsentKindInput) -> Vec<ConsentKind>;
            consent_give(give: ConsentGive) -> MemberDetail;
            consent_withdraw(w: ConsentWithdraw) -> MemberDetail;
            audit_search(q: AuditQuery) -> AuditPage;
            register_settings_get() -> RegisterSettings;
            register_settings_set(s: RegisterSettings) -> RegisterSettingsSaved;
            processing_get() -> ProcessingView;
            processing_set(s: ProcessingSettings) -> ProcessingView;
            grants_list(year: i32, on: Option<NaiveDate>) -> Vec<GrantView>;
            grant_save(input: GrantInput) -> Grant;
            grant_goal_status(input: GoalStatusInput) -> Grant;
            overview(year: i32, on: Option<NaiveDate>) -> Overview;
            visits_get(year: i32) -> VisitsView;
            visits_set(tally: VisitTally) -> VisitsView;
            frikort_get(year: i32) -> FrikortView;
            frikort_set_cap(year: i32, cap: Money) -> FrikortView;
            frikort_add_worker(name: String) -> FrikortWorker;
            frikort_add_job(input: FrikortJobInput) -> FrikortView;
            backups_list() -> Vec<BackupInfo>;
            backup_now(reason: BackupReason) -> BackupInfo;
            backup_inspect(name: String) -> BackupContents;
            backup_delete(name: String) -> Vec<BackupInfo>;
        }
    };
}

#[macro_export]
macro_rules! shell_commands {
    ($m:ident $(, $($prefix:tt)*)?) => {
        $m! {
            $($($prefix)*)?
            app_status() -> AppStatus;
            app_open(location: String, password: Option<String>) -> AppStatus;
            app_connect(server: ServerInput) -> AppStatus;
            app_unlock(passphrase: String) -> AppStatus;
            app_encrypt(passphrase: String) -> AppStatus;
            handover_open(passphrase: Option<String>) -> Option<AppStatus>;
            app_transfer(server: ServerInput) -> TransferReport;
            app_transfer_to_file() -> Option<TransferReport>;
            app_choose_file(create: bool) -> Option<AppStatus>;
            app_settings_set(settings: SettingsInput) -> AppStatus;
            export_save(request: ExportRequest) -> Option<String>;
            saved_open(folder: bool) -> ();
            backup_restore(name: String) -> BackupInfo;
            backup_folder_choose(clear: bool) -> AppStatus;
            app_close_guard(on: bool) -> ();
            app_close() -> ();
            app_trace(event: String) -> ();
            projector_open() -> ();
            projector_close() -> ();
            import_file_choose(kind: ImportKind) -> Option<ChosenFile>;
            fee_reminders_save(request: ReminderRequest) -> Option<RemindersSaved>;
        }
    };
}
