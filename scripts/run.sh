#!/usr/bin/env bash
# Builds and runs Kvorum. Opens (or creates) the association file in ~/.local/share/kvorum/;
# `--db <file or postgres://…>` or KVORUM_DB chooses another.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
npx vite build --logLevel warn
exec cargo run --quiet -p kvorum-app -- "$@"
