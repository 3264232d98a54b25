#!/usr/bin/env bash
# Builds the installer a volunteer can install: target/release/bundle/deb/Kvorum_<version>_amd64.deb
#   sudo apt install ./target/release/bundle/deb/Kvorum_0.1.0_amd64.deb
# The Tauri CLI (an npm dev dependency) builds the release binary with the release profile
# of Cargo.toml and packs it with its desktop entry, icons and Danish description; the package
# is then packed again with xz, as Debian's own packages are (Tauri's gzip: 10.7 MB; xz: 8.0 MB
# for the same files). `--debug` packs the debug build instead (target/debug/bundle/deb/), as
# the tests do.
# AppImage is not built: its bundler downloads tools from outside, which these machines
# cannot reach. Windows (.msi/NSIS) and macOS (.dmg) are built by .github/workflows/bundle.yml
# on those systems (untested here).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
profile=release
for a in "$@"; do [ "$a" = --debug ] && profile=debug; done
scripts/setup.sh app
npx vite build --logLevel warn
rm -f target/$profile/bundle/deb/*.deb
npx tauri build --ci --bundles deb "$@" > /dev/null
for deb in target/$profile/bundle/deb/*.deb; do
  work=$(mktemp -d /tmp/kvorum-bundle.XXXX)
  dpkg-deb --raw-extract "$deb" "$work/pkg"
  dpkg-deb --root-owner-group -Zxz -z9 --build "$work/pkg" "$deb" > /dev/null
  rm -rf "$work"
  echo "$deb: $(du -h "$deb" | cut -f1) ($(stat -c %s "$deb") bytes)"
done
