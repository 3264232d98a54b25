#!/usr/bin/env bash
# Runs every test: formatting and lints, Rust unit and integration tests on SQLite and on a
# real PostgreSQL server started here, the UI's type check and unit tests, and the
# end-to-end tests of the real app window under Xvfb. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n==> %s (%s, %ss)\n' "$*" "$(date +%T)" "$SECONDS"; }

step "Opsætning"
scripts/setup.sh test

step "Formatering"
cargo fmt --all -- --check
npx vite build --logLevel warn          # the Tauri shell embeds ui/dist, so build it first

# Clippy's lints run inside the build: clippy-driver compiles the workspace's own crates (the
# dependencies get plain rustc), so each crate is compiled once, not checked by `cargo clippy`
# and then built again. `-D warnings` makes every warning of every target an error.
export RUSTC_WORKSPACE_WRAPPER
RUSTC_WORKSPACE_WRAPPER=$(command -v clippy-driver) || { echo "clippy-driver mangler: rustup component add clippy" >&2; exit 1; }
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"

step "Rust: bygget og lint (clippy) af alle mål"
cargo build --workspace --exclude kvorum-app --all-targets --quiet

step "Installationspakken (.deb) bygget, indholdet kontrolleret, den installerede app startet"
# scripts/bundle.sh on the debug profile the tests already built (the release profile's LTO
# takes a quarter of an hour on two cores): the same Tauri CLI, configuration and packing.
# The end-to-end tests below drive this binary.
scripts/bundle.sh --debug
scripts/check-deb.sh target/debug/bundle/deb/Kvorum_*_amd64.deb

step "Rust: enhedstest og integrationshistorier på SQLite og PostgreSQL"
# nextest (present on these machines) runs the tests side by side, the longest first; plain
# cargo test where it is missing. The app's shell has no tests of its own (e2e drives it).
if cargo nextest --version > /dev/null 2>&1; then
  scripts/postgres.sh cargo nextest run --workspace --exclude kvorum-app --hide-progress-bar --status-level fail --final-status-level slow
else
  scripts/postgres.sh cargo test --workspace --exclude kvorum-app --all-targets --quiet
fi

step "Kill -9: 50 gange dræbt midt i skrivning, filen kontrolleret bagefter"
python3 scripts/kill9.py --trials 50

step "UI: typetjek og enhedstest"
npm run --silent check
npx vitest run

step "End-to-end: det rigtige vindue (tauri-driver + WebKitWebDriver under Xvfb)"
rm -rf artifacts/e2e
# Under the PostgreSQL server too: one test moves the association to it over TLS.
scripts/postgres.sh xvfb-run -a -s "-screen 0 1280x800x24" node --test --test-concurrency=1 e2e/
echo "Skærmbilleder: artifacts/e2e/"
step "Færdig"
