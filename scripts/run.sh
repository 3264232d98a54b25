#!/usr/bin/env bash
# Builds the release app (the same binary the installer carries) and runs it. Opens (or
# creates) the association file in ~/.local/share/kvorum/; `--db <file or postgres://…>` or
# KVORUM_DB chooses another.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh app
npx vite build --logLevel warn
npx tauri build --ci --no-bundle > /dev/null
exec target/release/kvorum-app "$@"
