#!/usr/bin/env bash
# Builds the installer a volunteer can install: target/release/bundle/deb/Kvorum_<version>_amd64.deb
#   sudo apt install ./target/release/bundle/deb/Kvorum_0.1.0_amd64.deb
# The Tauri CLI (an npm dev dependency) builds the release binary with the release profile
# of Cargo.toml and packs it with its desktop entry, icons and Danish description.
# AppImage is not built: its bundler downloads tools from outside, which these machines
# cannot reach. Windows (.msi/NSIS) and macOS (.dmg) are built by .github/workflows/bundle.yml
# on those systems (untested here).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh app
npx vite build --logLevel warn
npx tauri build --ci --bundles deb "$@"
ls -l target/release/bundle/deb/*.deb
