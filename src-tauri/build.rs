//! Registers Kvorum's commands with Tauri's ACL. The list is read from the capability file,
//! which kvorum-api generates from `api_commands!` and `shell_commands!` (its test
//! `bindings_capability_is_fresh` fails when the file is stale), so the commands Tauri
//! knows, the permissions the window has and the handler in `main.rs` are one list.

const CAPABILITY: &str = "capabilities/default.json";

fn commands() -> Vec<String> {
    let text = std::fs::read_to_string(CAPABILITY).expect("read the capability file");
    let file: serde_json::Value = serde_json::from_str(&text).expect("capability file is JSON");
    file["permissions"]
        .as_array()
        .expect("capability file lists permissions")
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|c| c.replace('-', "_"))
        .collect()
}

fn main() {
    println!("cargo:rerun-if-changed={CAPABILITY}");
    // The UI is embedded at compile time: a new `vite build` must rebuild the app (without
    // this line a UI-only change left the old bundle in the binary).
    println!("cargo:rerun-if-changed=../ui/dist");
    // Tauri wants the names for the whole build: a build script may leak them.
    let names: Vec<&'static str> = commands().into_iter().map(|c| &*c.leak()).collect();
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(names.leak())),
    )
    .expect("tauri build step");
}
