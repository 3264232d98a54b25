#!/usr/bin/env bash
# Installs what Kvorum needs on a fresh Debian 12 machine, skipping what is already there.
#   scripts/setup.sh app    – to build and run the app
#   scripts/setup.sh test   – also what the tests need (PostgreSQL, Xvfb, WebKitWebDriver, poppler, tauri-driver)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-app}

APP_PKGS="build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev"
TEST_PKGS="postgresql openssl xvfb xauth webkit2gtk-driver poppler-utils fonts-liberation2 python3 desktop-file-utils xserver-xorg-core xserver-xorg-video-dummy x11-xserver-utils openbox"
pkgs=$APP_PKGS
[ "$what" = test ] && pkgs="$pkgs $TEST_PKGS"

missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installerer Debian-pakker:$missing"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installerer npm-pakker (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$what" = test ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "Installerer tauri-driver"
  cargo install tauri-driver --locked --version '^2' --quiet
fi
