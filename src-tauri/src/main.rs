//! kvorum-app — the Tauri shell. Thin: each command parses its arguments, calls one
//! kvorum-api function and returns its `{code, message}` error unchanged. The use-case
//! commands are generated from `kvorum_api::api_commands!`, the same list the TypeScript
//! bindings come from. Only the shell's own commands (open a file, dialogs, save an
//! export where the user chose) are written here by hand.
#![forbid(unsafe_code)]
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use kvorum_api::dto::*;
use kvorum_api::settings::{config_dir, default_db_path, resolve_db, AppSettings};
use kvorum_api::{Api, Clock};
use kvorum_core::text::{Lang, Text};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tokio::sync::{Mutex, RwLock};

struct AppState {
    /// The open association. At start the file is opened while the window is created: the
    /// opening task holds the write lock, so every command waits for it (none sees "no file").
    api: Arc<RwLock<Option<Api>>>,
    settings: Mutex<AppSettings>,
    config_dir: PathBuf,
    /// The error from opening the database at start, shown until another file is opened.
    open_error: Mutex<Option<ApiError>>,
    /// The file the user saved last: "Åbn" opens it (the webview never names a path).
    last_saved: Mutex<Option<PathBuf>>,
    /// The webview asks before the window closes (it knows what is typed and not saved).
    close_guard: AtomicBool,
    /// The webview said the window may close.
    closing: AtomicBool,
    /// An encrypted file that asked for its passphrase: `app_unlock` opens it (the webview
    /// never names it).
    locked: Mutex<Option<String>>,
    /// The handover package chosen, while it waits for its passphrase.
    handover: Mutex<Option<PathBuf>>,
}

/// The event the webview answers when the window's close button is pressed.
const CLOSE_REQUESTED: &str = "kvorum://close-requested";

/// The projector window's label, and the event that tells it to read its view again.
const PROJECTOR: &str = "projector";
const PROJECTOR_CHANGED: &str = "kvorum://projector";
const PROJECTOR_CLOSED: &str = "kvorum://projector-closed";

/// After a command of the main window: the projector (if open) reads its view again, so the
/// room sees a vote, a check-in or a new slide as soon as it is made.
fn projector_changed(window: &tauri::Window) {
    if window.label() != PROJECTOR {
        if let Some(projector) = window.app_handle().get_webview_window(PROJECTOR) {
            // With `projector-drawn` from the projector: the delay until the wall shows it.
            trace("projector: told to redraw");
            let _ = projector.emit_to(PROJECTOR, PROJECTOR_CHANGED, ());
        }
    }
}

fn no_database() -> ApiError {
    ApiError::new(ErrorCode::Database, Text::new("error-no-database"))
}

/// What this laptop's settings say about an open association: the language it speaks and
/// the second folder its backups are copied to.
fn configure(api: &mut Api, settings: &AppSettings) {
    api.set_lang(lang_of(settings));
    api.set_backup_copy_dir(settings.backup_copy_dir.as_ref().map(PathBuf::from));
}

/// The language in this laptop's settings.
fn lang_of(settings: &AppSettings) -> Lang {
    Lang::from_code(settings.language.as_deref().unwrap_or("da"))
}

macro_rules! api_command_fns {
    ($($name:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        $(
            #[tauri::command]
            async fn $name(window: tauri::Window, state: State<'_, AppState>, $($arg: $ty),*) -> Result<$ret, ApiError> {
                let guard = state.api.read().await;
                let Some(api) = guard.as_ref() else {
                    return Err(no_database().localized(lang_of(&*state.settings.lock().await)));
                };
                let began = Instant::now();
                let result = api.$name($($arg),*).await.map_err(|e| e.localized(api.lang()));
                // `KVORUM_LOG=kvorum::ipc=debug`: each command's time in the backend.
                tracing::debug!(target: "kvorum::ipc", "{}: {:.1} ms", stringify!($name), began.elapsed().as_secs_f64() * 1000.0);
                if result.is_ok() {
                    projector_changed(&window);
                }
                result
            }
        )*
    };
}
kvorum_api::api_commands!(api_command_fns);

async fn status_of(state: &AppState) -> Result<AppStatus, ApiError> {
    // First the file: at start this waits until it is opened (or failed to open).
    let guard = state.api.read().await;
    let settings = state.settings.lock().await.clone();
    let lang = lang_of(&settings);
    if let Some(e) = state.open_error.lock().await.clone() {
        return Err(e.localized(lang));
    }
    let api = guard
        .as_ref()
        .ok_or_else(|| no_database().localized(lang))?;
    api.app_status(&settings)
        .await
        .map_err(|e| e.localized(lang))
}

#[tauri::command]
async fn app_status(state: State<'_, AppState>) -> Result<AppStatus, ApiError> {
    let status = status_of(&state).await;
    trace_once(&FIRST_ANSWER, "first IPC answered (app_status)");
    status
}

/// A step of the start the webview reports (`members-painted`: the member list's first rows
/// are on screen), for the startup trace behind `KVORUM_LOG=debug`.
#[tauri::command]
async fn app_trace(event: String) -> Result<(), ApiError> {
    let event: String = event.chars().take(60).collect();
    trace(&format!("webview: {event}"));
    Ok(())
}

/// Opens the projector window (or brings it forward): full screen on a second display when
/// there is one, else an ordinary window the secretary can drag to the projector.
#[tauri::command]
async fn projector_open(window: tauri::Window) -> Result<(), ApiError> {
    let app = window.app_handle();
    if let Some(p) = app.get_webview_window(PROJECTOR) {
        let _ = p.set_focus();
        let _ = p.emit_to(PROJECTOR, PROJECTOR_CHANGED, ());
        return Ok(());
    }
    let failed = |e: tauri::Error| {
        ApiError::new(
            ErrorCode::Internal,
            Text::new("error-projector-failed").str("cause", e.to_string()),
        )
    };
    // Full screen only on a display apart from this window's: a mirrored projector (the same
    // place as the laptop's screen) or an unknown screen gets an ordinary window, so the
    // meeting screen is never covered.
    let here = window.current_monitor().ok().flatten();
    let other = here.as_ref().and_then(|h| {
        let (hp, hs) = (*h.position(), *h.size());
        let (hw, hh) = (
            i32::try_from(hs.width).unwrap_or(i32::MAX),
            i32::try_from(hs.height).unwrap_or(i32::MAX),
        );
        app.available_monitors()
            .unwrap_or_default()
            .into_iter()
            .find(|m| {
                let (p, s) = (*m.position(), *m.size());
                let (w, hgt) = (
                    i32::try_from(s.width).unwrap_or(i32::MAX),
                    i32::try_from(s.height).unwrap_or(i32::MAX),
                );
                let apart_x = p.x >= hp.x.saturating_add(hw) || p.x.saturating_add(w) <= hp.x;
                let apart_y = p.y >= hp.y.saturating_add(hh) || p.y.saturating_add(hgt) <= hp.y;
                apart_x || apart_y
            })
    });
    let url = tauri::WebviewUrl::App("index.html#projector".into());
    let builder = tauri::WebviewWindowBuilder::new(app, PROJECTOR, url)
        .title(
            Text::new("projector-window-title")
                .render(lang_of(&*window.state::<AppState>().settings.lock().await)),
        )
        .min_inner_size(640.0, 360.0);
    let builder = match &other {
        Some(m) => {
            let scale = m.scale_factor();
            let at = m.position().to_logical::<f64>(scale);
            builder.position(at.x, at.y).fullscreen(true)
        }
        None => builder.inner_size(1280.0, 720.0),
    };
    builder.build().map_err(failed)?;
    Ok(())
}

#[tauri::command]
async fn projector_close(window: tauri::Window) -> Result<(), ApiError> {
    if let Some(p) = window.app_handle().get_webview_window(PROJECTOR) {
        let _ = p.destroy();
    }
    Ok(())
}

/// When `main` began: the startup trace counts from here.
static STARTED: OnceLock<Instant> = OnceLock::new();
static FIRST_ANSWER: OnceLock<()> = OnceLock::new();

/// One line of the startup trace (`KVORUM_LOG=debug`, or `kvorum::startup=debug`): the step
/// and the milliseconds since the process began.
fn trace(step: &str) {
    let ms = STARTED
        .get()
        .map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0);
    tracing::debug!(target: "kvorum::startup", "{ms:.1} ms: {step}");
}

/// `trace`, the first time only.
fn trace_once(cell: &OnceLock<()>, step: &str) {
    if cell.set(()).is_ok() {
        trace(step);
    }
}

/// Opens another association database; the current one stays open if that fails.
async fn open_location(
    state: &AppState,
    location: &str,
    password: Option<&str>,
) -> Result<AppStatus, ApiError> {
    let settings = state.settings.lock().await.clone();
    let lang = lang_of(&settings);
    let opened =
        Api::open_with_password(location, password, &settings.actor(), Clock::from_env()).await;
    let mut api = match opened {
        Ok(api) => api,
        Err(e) => {
            if e.code == ErrorCode::Encrypted {
                *state.locked.lock().await = Some(location.to_owned());
            }
            return Err(e.localized(lang));
        }
    };
    *state.locked.lock().await = None;
    configure(&mut api, &settings);
    if let Some(old) = state.api.write().await.replace(api) {
        old.close().await;
    }
    *state.open_error.lock().await = None;
    {
        let mut settings = state.settings.lock().await;
        settings.remember(location);
        settings.save(&state.config_dir)?;
    }
    status_of(state).await
}

/// Opens a file or server from the recent list — only those: a new file is chosen in the
/// system's dialog (`app_choose_file`), a new server named in the form (`app_connect`), so
/// the webview cannot make Kvorum create files or reach hosts of its own choosing.
#[tauri::command]
async fn app_open(
    state: State<'_, AppState>,
    location: String,
    password: Option<String>,
) -> Result<AppStatus, ApiError> {
    let (known, lang) = {
        let s = state.settings.lock().await;
        (s.recent.contains(&location), lang_of(&s))
    };
    if !known {
        return Err(ApiError::refused(Text::new("error-open-unknown")).localized(lang));
    }
    open_location(
        &state,
        &location,
        password.as_deref().filter(|p| !p.is_empty()),
    )
    .await
}

/// The server's address from the form, with the certificate the user chose saved on this
/// laptop (named in the address, so the recent list opens it again).
async fn server_url(
    state: &AppState,
    server: &ServerInput,
    lang: Lang,
) -> Result<String, ApiError> {
    server.validate().map_err(|e| e.localized(lang))?;
    let certificate = match &server.certificate {
        Some(token) => {
            let guard = state.api.read().await;
            let api = guard
                .as_ref()
                .ok_or_else(|| no_database().localized(lang))?;
            let dir = kvorum_api::servers::certificate_dir(&state.config_dir);
            Some(
                api.save_certificate(token, server, &dir)
                    .map_err(|e| e.localized(lang))?,
            )
        }
        None => None,
    };
    server
        .url(certificate.as_deref())
        .map_err(|e| e.localized(lang))
}

/// Opens the encrypted file that asked for its passphrase, with `passphrase`.
#[tauri::command]
async fn app_unlock(state: State<'_, AppState>, passphrase: String) -> Result<AppStatus, ApiError> {
    let lang = lang_of(&*state.settings.lock().await);
    let Some(location) = state.locked.lock().await.clone() else {
        return Err(ApiError::refused(Text::new("error-nothing-locked")).localized(lang));
    };
    open_location(&state, &location, Some(&passphrase)).await
}

/// Opens a handover package: chosen in the system's dialog (or `$KVORUM_PICK_DIR/next`),
/// unpacked into a folder beside it, and the association in it opened. An encrypted one
/// answers `encrypted`; called again with the passphrase, it opens the package chosen.
#[tauri::command]
async fn handover_open(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: Option<String>,
) -> Result<Option<AppStatus>, ApiError> {
    let lang = lang_of(&*state.settings.lock().await);
    let held = state.handover.lock().await.clone();
    let path = match (held, &passphrase) {
        (Some(p), Some(_)) => p,
        _ => {
            let picked = if let Some(picked) = picked_by_tests() {
                picked
            } else {
                let dialog = app
                    .dialog()
                    .file()
                    .add_filter("Overdragelse fra Kvorum (.zip)", &["zip"]);
                in_dialog(move || dialog.blocking_pick_file()).await?
            };
            let Some(p) = picked else { return Ok(None) };
            p
        }
    };
    let pass = passphrase.as_deref().filter(|p| !p.is_empty());
    match kvorum_api::handover::open_handover(&path, pass) {
        Ok(database) => {
            *state.handover.lock().await = None;
            open_location(&state, &database.display().to_string(), pass)
                .await
                .map(Some)
        }
        Err(e) => {
            *state.handover.lock().await = (e.code == ErrorCode::Encrypted).then_some(path);
            Err(e.localized(lang))
        }
    }
}

/// Runs an act that takes the open association and gives it back opened anew (a restore,
/// the encryption); when it fails, the file is opened again as it is then (with its
/// passphrase), so the app is never left without its association.
async fn replace_api<T, F, Fut>(state: &AppState, act: F) -> Result<T, ApiError>
where
    F: FnOnce(Api) -> Fut,
    Fut: std::future::Future<Output = Result<(Api, T), ApiError>>,
{
    let lang = lang_of(&*state.settings.lock().await);
    let mut guard = state.api.write().await;
    let api = guard.take().ok_or_else(|| no_database().localized(lang))?;
    let (location, key, actor, clock) = (
        api.location().display().to_string(),
        api.store().key().map(str::to_owned),
        api.actor().to_owned(),
        api.clock().clone(),
    );
    match act(api).await {
        Ok((api, out)) => {
            *guard = Some(api);
            Ok(out)
        }
        Err(e) => {
            if let Ok(mut again) =
                Api::open_with_password(&location, key.as_deref(), &actor, clock).await
            {
                configure(&mut again, &*state.settings.lock().await);
                *guard = Some(again);
            }
            Err(e.localized(lang))
        }
    }
}

/// Encrypts the open association's file (and its backups) with `passphrase`.
#[tauri::command]
async fn app_encrypt(
    state: State<'_, AppState>,
    passphrase: String,
) -> Result<AppStatus, ApiError> {
    let done = replace_api(&state, |api| api.encrypt(passphrase)).await?;
    tracing::info!(
        backups = done.backups,
        "the file and its backups are encrypted"
    );
    status_of(&state).await
}

/// Connects to an association's database on a shared server, named in the form.
#[tauri::command]
async fn app_connect(
    state: State<'_, AppState>,
    server: ServerInput,
) -> Result<AppStatus, ApiError> {
    let lang = lang_of(&*state.settings.lock().await);
    let url = server_url(&state, &server, lang).await?;
    open_location(&state, &url, server.password()).await
}

/// Asks in the system's own dialog (which the webview cannot answer) before the whole
/// register leaves this laptop. The end-to-end tests (`KVORUM_PICK_DIR`) are answered yes.
async fn system_confirms(app: &AppHandle, title: &str, text: String, yes: &str, no: &str) -> bool {
    if std::env::var_os("KVORUM_PICK_DIR").is_some() {
        return true;
    }
    let dialog = app
        .dialog()
        .message(text)
        .title(title)
        .kind(tauri_plugin_dialog::MessageDialogKind::Warning)
        .buttons(tauri_plugin_dialog::MessageDialogButtons::OkCancelCustom(
            yes.to_owned(),
            no.to_owned(),
        ));
    tauri::async_runtime::spawn_blocking(move || dialog.blocking_show())
        .await
        .unwrap_or(false)
}

/// Copies the open association to an empty database on a shared server (the file stays
/// as it is); the server is remembered for opening.
#[tauri::command]
async fn app_transfer(
    app: AppHandle,
    state: State<'_, AppState>,
    server: ServerInput,
) -> Result<TransferReport, ApiError> {
    let lang = lang_of(&*state.settings.lock().await);
    let url = server_url(&state, &server, lang).await?;
    let text = Text::new("transfer-confirm")
        .str("server", kvorum_api::settings::shown(&url))
        .render(lang);
    let (title, yes, no) = match lang {
        Lang::Da => ("Flyt foreningen", "Flyt", "Annullér"),
        Lang::En => ("Move the association", "Move", "Cancel"),
    };
    if !system_confirms(&app, title, text, yes, no).await {
        return Err(ApiError::refused(Text::new("transfer-cancelled")).localized(lang));
    }
    transfer_and_remember(&state, &url, server.password()).await
}

/// Copies the open association to `to` and remembers `to` in the recent list, below the
/// association still open here.
async fn transfer_and_remember(
    state: &AppState,
    to: &str,
    password: Option<&str>,
) -> Result<TransferReport, ApiError> {
    let lang = lang_of(&*state.settings.lock().await);
    let report = {
        let guard = state.api.read().await;
        let api = guard
            .as_ref()
            .ok_or_else(|| no_database().localized(lang))?;
        api.transfer_to(to, password)
            .await
            .map_err(|e| e.localized(lang))?
    };
    let mut s = state.settings.lock().await;
    let current = s.recent.first().cloned();
    s.remember(to);
    if let Some(c) = current {
        s.remember(&c);
    }
    s.save(&state.config_dir)?;
    Ok(report)
}

/// Copies the open association (from a server, say) to a new file the user names.
#[tauri::command]
async fn app_transfer_to_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<TransferReport>, ApiError> {
    let path = if let Some(dir) = std::env::var_os("KVORUM_SAVE_DIR") {
        Some(PathBuf::from(dir).join("forening-fra-serveren.sqlite"))
    } else {
        let dialog = app
            .dialog()
            .file()
            .set_file_name("forening.sqlite")
            .add_filter("Kvorum-forening (SQLite)", &["sqlite"]);
        in_dialog(move || dialog.blocking_save_file()).await?
    };
    let Some(path) = path else { return Ok(None) };
    transfer_and_remember(&state, &path.display().to_string(), None)
        .await
        .map(Some)
}

/// In the end-to-end tests (`KVORUM_PICK_DIR` set) the system's dialog is not shown: the
/// path the test wrote to `$KVORUM_PICK_DIR/next` is what the user picked.
fn picked_by_tests() -> Option<Option<PathBuf>> {
    std::env::var_os("KVORUM_PICK_DIR").map(|dir| {
        std::fs::read_to_string(PathBuf::from(dir).join("next"))
            .ok()
            .map(|p| PathBuf::from(p.trim()))
    })
}

/// Shows a system file dialog off the async runtime (it blocks until the user answers);
/// `None` when the user cancels.
async fn in_dialog(
    show: impl FnOnce() -> Option<tauri_plugin_dialog::FilePath> + Send + 'static,
) -> Result<Option<PathBuf>, ApiError> {
    tauri::async_runtime::spawn_blocking(show)
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("Dialogen fejlede: {e}")))
        .map(|picked| picked.and_then(|p| p.into_path().ok()))
}

/// Lets the user pick an association file (or name a new one) in the system dialog.
#[tauri::command]
async fn app_choose_file(
    app: AppHandle,
    state: State<'_, AppState>,
    create: bool,
) -> Result<Option<AppStatus>, ApiError> {
    let dir = default_db_path()
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default();
    let dialog = app
        .dialog()
        .file()
        .set_directory(&dir)
        .add_filter("Kvorum-forening (SQLite)", &["sqlite", "kvorum", "db"]);
    let picked = in_dialog(move || {
        if create {
            dialog
                .set_file_name("ny-forening.sqlite")
                .blocking_save_file()
        } else {
            dialog.blocking_pick_file()
        }
    })
    .await?;
    let Some(path) = picked else {
        return Ok(None);
    };
    open_location(&state, &path.display().to_string(), None)
        .await
        .map(Some)
}

#[tauri::command]
async fn app_settings_set(
    window: tauri::Window,
    state: State<'_, AppState>,
    settings: SettingsInput,
) -> Result<AppStatus, ApiError> {
    let (actor, lang) = {
        let mut s = state.settings.lock().await;
        if let Some(name) = settings.user_name {
            s.user_name = Some(name.trim().to_owned()).filter(|n| !n.is_empty());
        }
        if let Some(lang) = settings.language.filter(|l| l == "da" || l == "en") {
            s.language = Some(lang);
        }
        s.save(&state.config_dir)?;
        (s.actor(), lang_of(&s))
    };
    if let Some(api) = state.api.write().await.as_mut() {
        api.set_actor(&actor);
        api.set_lang(lang);
    }
    // The projector speaks the language the main window was switched to.
    projector_changed(&window);
    status_of(&state).await
}

/// Asks where to save (or uses KVORUM_SAVE_DIR, for the end-to-end tests) and writes.
async fn save_export(
    app: &AppHandle,
    file: kvorum_api::dto::ExportFile,
    filter: (&'static str, &'static str),
) -> Result<Option<String>, ApiError> {
    let path = if let Some(dir) = std::env::var_os("KVORUM_SAVE_DIR") {
        Some(PathBuf::from(dir).join(&file.file_name))
    } else {
        let dialog = app
            .dialog()
            .file()
            .set_file_name(&file.file_name)
            .add_filter(filter.0, &[filter.1]);
        in_dialog(move || dialog.blocking_save_file()).await?
    };
    let Some(path) = path else { return Ok(None) };
    kvorum_api::files::write_file(&path, &file.bytes)?;
    Ok(Some(path.display().to_string()))
}

/// Makes the file the request names, asks where to save it, and writes it there. An e-mail
/// draft is then opened in the user's mail program.
#[tauri::command]
async fn export_save(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<Option<String>, ApiError> {
    let filter = request.filter();
    let open_after = matches!(request, ExportRequest::NoticeEmail { .. });
    let file = {
        let guard = state.api.read().await;
        let api = guard.as_ref().ok_or_else(no_database)?;
        api.export(request)
            .await
            .map_err(|e| e.localized(api.lang()))?
    };
    let saved = save_export(&app, file, filter).await?;
    if let Some(path) = &saved {
        *state.last_saved.lock().await = Some(PathBuf::from(path));
    }
    if let (Some(path), true) = (&saved, open_after) {
        // The e2e tests save to KVORUM_SAVE_DIR and must not start a mail program.
        if std::env::var_os("KVORUM_SAVE_DIR").is_none() {
            if let Err(e) = open::that_detached(path) {
                tracing::warn!(error = %e, "could not open the e-mail draft");
            }
        }
    }
    Ok(saved)
}

/// Opens the file saved last in the system's program for it (a PDF viewer, from which it is
/// printed), or, with `folder`, the folder it was saved in. The end-to-end tests start no
/// program: the path is written to `$KVORUM_SAVE_DIR/opened` instead.
#[tauri::command]
async fn saved_open(state: State<'_, AppState>, folder: bool) -> Result<(), ApiError> {
    let lang = lang_of(&*state.settings.lock().await);
    let Some(file) = state.last_saved.lock().await.clone() else {
        return Err(ApiError::refused(Text::new("error-nothing-saved")).localized(lang));
    };
    let target = if folder {
        file.parent().map(PathBuf::from).unwrap_or(file)
    } else {
        file
    };
    if let Some(dir) = std::env::var_os("KVORUM_SAVE_DIR") {
        kvorum_api::files::write_file(
            &PathBuf::from(dir).join("opened"),
            target.display().to_string().as_bytes(),
        )?;
        return Ok(());
    }
    open::that_detached(&target).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            Text::new("error-open-failed").str("cause", e.to_string()),
        )
        .localized(lang)
    })
}

/// Restores backup `name` as the association's file (the file as it is is backed up first)
/// and opens it again; returns the backup of the file as it was.
#[tauri::command]
async fn backup_restore(state: State<'_, AppState>, name: String) -> Result<BackupInfo, ApiError> {
    replace_api(&state, |api| api.backup_restore(name)).await
}

/// Makes the reminders the request names, asks for the folder to save them in (the tests:
/// KVORUM_SAVE_DIR), writes one `.eml` per member with e-mail and a PDF of letters for the
/// rest into a folder of their own there, and only then records them on the members.
#[tauri::command]
async fn fee_reminders_save(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ReminderRequest,
) -> Result<Option<RemindersSaved>, ApiError> {
    let guard = state.api.read().await;
    let api = guard.as_ref().ok_or_else(no_database)?;
    let lang = api.lang();
    let batch = api
        .fee_reminders_prepare(request)
        .await
        .map_err(|e| e.localized(lang))?;
    let parent = if let Some(dir) = std::env::var_os("KVORUM_SAVE_DIR") {
        PathBuf::from(dir)
    } else {
        let dialog = app
            .dialog()
            .file()
            .set_title("Mappe til rykkerne (e-mail-kladder og breve)");
        let Some(picked) = in_dialog(move || dialog.blocking_pick_folder()).await? else {
            return Ok(None);
        };
        picked
    };
    let folder = parent.join(&batch.folder);
    kvorum_api::files::create_folder(&folder).map_err(|e| e.localized(lang))?;
    for f in &batch.files {
        kvorum_api::files::write_file(&folder.join(&f.file_name), &f.bytes)?;
    }
    let saved = api
        .fee_reminders_record(&batch)
        .await
        .map_err(|e| e.localized(lang))?;
    // »Åbn« opens the letters to print (else the first e-mail); »Vis i mappen« the folder.
    if let Some(f) = batch
        .files
        .iter()
        .find(|f| f.file_name.ends_with(".pdf"))
        .or(batch.files.first())
    {
        *state.last_saved.lock().await = Some(folder.join(&f.file_name));
    }
    Ok(Some(RemindersSaved {
        folder: folder.display().to_string(),
        ..saved
    }))
}

/// Chooses the second folder every backup is copied to (a USB stick, a synced folder) in
/// the system's dialog — or, with `clear`, stops copying. The tests name the folder in
/// `$KVORUM_PICK_DIR/next`.
#[tauri::command]
async fn backup_folder_choose(
    app: AppHandle,
    state: State<'_, AppState>,
    clear: bool,
) -> Result<AppStatus, ApiError> {
    let folder = if clear {
        None
    } else if let Some(picked) = picked_by_tests() {
        picked
    } else {
        let dialog = app
            .dialog()
            .file()
            .set_title("Mappe til en ekstra kopi af sikkerhedskopierne");
        let Some(picked) = in_dialog(move || dialog.blocking_pick_folder()).await? else {
            return status_of(&state).await;
        };
        Some(picked)
    };
    // Saved, then applied to the open file: one lock at a time (the order everywhere is the
    // file first, then the settings).
    let settings = {
        let mut s = state.settings.lock().await;
        s.backup_copy_dir = folder.as_ref().map(|p| p.display().to_string());
        s.save(&state.config_dir)?;
        s.clone()
    };
    if let Some(api) = state.api.write().await.as_mut() {
        configure(api, &settings);
    }
    status_of(&state).await
}

/// The webview answers the close button from now on (`on`), or no longer.
#[tauri::command]
async fn app_close_guard(state: State<'_, AppState>, on: bool) -> Result<(), ApiError> {
    state.close_guard.store(on, Ordering::SeqCst);
    Ok(())
}

/// Closes the window after the webview has asked about unsaved input.
#[tauri::command]
async fn app_close(window: tauri::Window, state: State<'_, AppState>) -> Result<(), ApiError> {
    // A backup of the file as it is left (kept in the rotation); a failure must not keep
    // the window open, so it is logged.
    if let Some(api) = state.api.read().await.as_ref() {
        if let Err(e) = api.backup_now(BackupReason::OnClose).await {
            tracing::warn!(error = ?e, "no backup on close");
        }
    }
    state.closing.store(true, Ordering::SeqCst);
    window.close().map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            Text::new("error-close-failed").str("cause", e.to_string()),
        )
    })
}

/// Lets the user choose a file to import in the system's dialog (or, for the end-to-end
/// tests, takes the path written in `$KVORUM_PICK_DIR/next`); the backend reads it, so the
/// webview never sends a file's bytes or names a path.
#[tauri::command]
async fn import_file_choose(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: ImportKind,
) -> Result<Option<ChosenFile>, ApiError> {
    let lang = lang_of(&*state.settings.lock().await);
    let path = if let Some(picked) = picked_by_tests() {
        picked
    } else {
        let (label, extensions): (&str, &[&str]) = match kind {
            ImportKind::Bylaws => ("Tekst (.txt)", &["txt", "text"]),
            ImportKind::Members | ImportKind::Bank => ("CSV (.csv)", &["csv", "txt"]),
            ImportKind::Certificate => ("Certifikat (.crt, .pem)", &["crt", "pem", "cer"]),
            ImportKind::Voucher => (
                "Bilag (PDF eller billede)",
                &["pdf", "PDF", "jpg", "jpeg", "png", "JPG", "heic"],
            ),
        };
        let dialog = app.dialog().file().add_filter(label, extensions);
        in_dialog(move || dialog.blocking_pick_file()).await?
    };
    let Some(path) = path else { return Ok(None) };
    let guard = state.api.read().await;
    let api = guard
        .as_ref()
        .ok_or_else(|| no_database().localized(lang))?;
    api.read_chosen(kind, &path)
        .map(Some)
        .map_err(|e| e.localized(lang))
}

/// The handler takes every command of both lists, the same lists the capability file and
/// the TypeScript bindings are generated from.
macro_rules! handler {
    ($($name:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        tauri::generate_handler![$($name),*]
    };
}
macro_rules! with_shell_commands {
    ($($api:tt)*) => {
        kvorum_api::shell_commands!(handler, $($api)*)
    };
}

/// `--db URL` on the command line, if given.
fn db_arg() -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| {
            args.iter()
                .find_map(|a| a.strip_prefix("--db=").map(str::to_owned))
        })
}

/// mimalloc: a member import of 50 000 rows spends a third of its time in glibc's
/// malloc/free; with mimalloc preview + import take 1.3 s instead of 3.3 s (benches/importers).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    STARTED.get_or_init(Instant::now);
    // WebKitGTK paints the page itself instead of through OpenGL layers: a page of forms and
    // lists has nothing to animate, and on a laptop without a GPU driver (Mesa's software
    // renderer, as in a VM) the layers cost WebKit's web process 120 MB — 237 against 115 MB
    // measured here after the member list is painted (scripts/bench-start.py). Set before any
    // thread starts; a value the user set is kept. (Windows and macOS do not read it.)
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    // Logs to stderr; `KVORUM_LOG=debug` shows more.
    let filter = tracing_subscriber::EnvFilter::try_from_env("KVORUM_LOG");
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter.unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .try_init();
    let config_dir = config_dir();
    let settings = AppSettings::load(&config_dir);
    let settings_actor = settings.actor();
    let location = resolve_db(db_arg().as_deref());
    let rt = tauri::async_runtime::handle();
    trace("process started, settings read");
    let state = AppState {
        api: Arc::new(RwLock::new(None)),
        settings: Mutex::new(settings),
        config_dir,
        open_error: Mutex::new(None),
        last_saved: Mutex::new(None),
        close_guard: AtomicBool::new(false),
        closing: AtomicBool::new(false),
        locked: Mutex::new(None),
        handover: Mutex::new(None),
    };
    // The file opens (migrations checked, maybe a backup) while Tauri creates the window and
    // the webview loads its page: the lock is taken here, before any command can ask for it, and the
    // open starts at once on the runtime; the setup hook below keeps its result.
    let opening = rt.block_on(state.api.clone().write_owned());
    let open = {
        let (location, actor) = (location.clone(), settings_actor);
        rt.spawn(async move { Api::open(&location, &actor, Clock::from_env()).await })
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(move |app| {
            trace("window created (setup)");
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                let mut opening = opening;
                let state = handle.state::<AppState>();
                let opened = open.await.unwrap_or_else(|e| {
                    tracing::error!(error = %e, "opening the database failed");
                    Err(no_database())
                });
                let mut settings = state.settings.lock().await;
                match opened {
                    Ok(mut api) => {
                        configure(&mut api, &settings);
                        *opening = Some(api);
                        settings.remember(&location);
                        let _ = settings.save(&state.config_dir);
                    }
                    Err(e) => {
                        tracing::error!(location = %location, error = %e.message, "could not open the database");
                        if e.code == ErrorCode::Encrypted {
                            *state.locked.lock().await = Some(location.clone());
                        }
                        *state.open_error.lock().await = Some(e);
                    }
                }
                drop(settings);
                drop(opening);
                trace("database opened");
            });
            // The daily backup: when the app starts on a day without one, and every half
            // hour while it stays open (past midnight too).
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                loop {
                    let state = handle.state::<AppState>();
                    if let Some(api) = state.api.read().await.as_ref() {
                        if api.backup_due_today().await.unwrap_or(false) {
                            if let Err(e) = api.backup_now(BackupReason::Daily).await {
                                tracing::warn!(error = ?e, "no daily backup");
                            }
                        }
                    }
                    tokio::time::sleep(std::time::Duration::from_secs(30 * 60)).await;
                }
            });
            Ok(())
        })
        .on_page_load(|_, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => trace("webview: page load started"),
            tauri::webview::PageLoadEvent::Finished => trace("webview: page loaded"),
        })
        .on_window_event(|window, event| {
            // The projector has nothing to save: it closes at once. When the main window is
            // gone, so is the projector.
            if window.label() == PROJECTOR {
                // Closed by its own button: the meeting screen offers to open it again.
                if let tauri::WindowEvent::Destroyed = event {
                    let _ = window.emit_to("main", PROJECTOR_CLOSED, ());
                }
                return;
            }
            if let tauri::WindowEvent::Destroyed = event {
                if let Some(p) = window.app_handle().get_webview_window(PROJECTOR) {
                    let _ = p.destroy();
                }
                return;
            }
            // The close button: the webview first asks about unsaved input (in the app's own
            // dialog), then calls `app_close`. Without a webview that answers, it just closes.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let state = window.state::<AppState>();
                // Still opening the file (a migration and its backup may be under way): the
                // window closes when that is done, not in the middle of it.
                if state.api.try_read().is_err() && !state.closing.load(Ordering::SeqCst) {
                    api.prevent_close();
                    let window = window.clone();
                    tauri::async_runtime::spawn(async move {
                        let state = window.state::<AppState>();
                        drop(state.api.read().await);
                        state.closing.store(true, Ordering::SeqCst);
                        let _ = window.close();
                    });
                    return;
                }
                if state.close_guard.load(Ordering::SeqCst) && !state.closing.load(Ordering::SeqCst)
                {
                    api.prevent_close();
                    if window.emit(CLOSE_REQUESTED, ()).is_err() {
                        state.closing.store(true, Ordering::SeqCst);
                        let _ = window.close();
                    }
                }
            }
        })
        .invoke_handler(kvorum_api::api_commands!(with_shell_commands))
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Kvorum kunne ikke starte: {e}");
        std::process::exit(1);
    }
}
