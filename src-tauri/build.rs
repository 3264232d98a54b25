//! Registers Kvorum's commands with Tauri's ACL, so the capability file must name each one.
//! The list must match kvorum_api::api_commands! and shell_commands! (the e2e tests and the
//! `commands_are_registered` test check it).

pub const COMMANDS: &[&str] = &[
    "association_get",
    "association_create",
    "association_update",
    "membership_types",
    "membership_type_add",
    "members_list",
    "member_get",
    "member_add",
    "member_update",
    "fee_rates",
    "fee_rate_set",
    "fee_pay",
    "members_import_preview",
    "members_import_apply",
    "bylaws_overview",
    "bylaws_version",
    "bylaws_current",
    "bylaws_draft",
    "bylaws_save_draft",
    "bylaws_adopt",
    "bylaws_diff",
    "bylaws_import_preview",
    "bylaws_import_apply",
    "rules_check_vote",
    "rules_deadlines",
    "meetings_list",
    "meeting_get",
    "meeting_create",
    "meeting_update",
    "meeting_agenda_set",
    "meeting_voters",
    "meeting_schedule_second",
    "proposal_add",
    "proposal_update",
    "attendance_get",
    "attendance_check_in",
    "attendance_check_out",
    "proxy_add",
    "proxy_remove",
    "decision_record",
    "decision_remove",
    "minutes_draft",
    "minutes_save",
    "minutes_regenerate",
    "minutes_approve",
    "minutes_correct",
    "minutes_list",
    "app_status",
    "app_open",
    "app_choose_file",
    "app_settings_set",
    "export_save",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
