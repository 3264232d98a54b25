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

step "Formatering og lint"
cargo fmt --all -- --check
npx vite build --logLevel warn          # the Tauri shell embeds ui/dist, so build it first
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "Rust: enhedstest og integrationshistorier på SQLite og PostgreSQL"
cargo build --workspace --bins --quiet   # the app and CLI the end-to-end tests drive (clippy checked every target)
# nextest (present on these machines) runs the tests side by side, the longest first; plain
# cargo test where it is missing.
if cargo nextest --version > /dev/null 2>&1; then
  scripts/postgres.sh cargo nextest run --workspace --hide-progress-bar --status-level fail --final-status-level slow
else
  scripts/postgres.sh cargo test --workspace --all-targets --quiet
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
