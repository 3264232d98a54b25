#!/usr/bin/env bash
# Checks the .deb a volunteer installs (issue 17): what it holds, what it needs, and that the
# installed app starts and paints its member list.
#   scripts/check-deb.sh target/release/bundle/deb/Kvorum_0.1.0_amd64.deb
# As root it installs the package with dpkg (and removes it after); otherwise it unpacks it
# into a temporary root and starts the binary from there.
set -euo pipefail
deb=$1
root=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "check-deb: $*" >&2; exit 1; }
[ -f "$deb" ] || fail "no package at $deb"

info=$(dpkg-deb --field "$deb")
grep -qx "Package: kvorum" <<<"$info" || fail "package name is not kvorum"
grep -q "^Depends:.*libwebkit2gtk-4.1-0" <<<"$info" || fail "does not depend on WebKitGTK"
grep -q "^Depends:.*libssl3" <<<"$info" || fail "does not depend on libssl3 (SQLCipher's libcrypto)"
grep -q "^Description: Foreningens medlemmer" <<<"$info" || fail "no Danish description"
contents=$(dpkg-deb --contents "$deb" | awk '{sub(/^\.\//, "", $6); print $6}')
for f in usr/bin/kvorum-app usr/share/applications/Kvorum.desktop \
         usr/share/icons/hicolor/32x32/apps/kvorum-app.png \
         usr/share/icons/hicolor/128x128/apps/kvorum-app.png; do
  grep -qx "$f" <<<"$contents" || fail "missing $f"
done

work=$(mktemp -d /tmp/kvorum-check-deb.XXXX)
trap 'rm -rf "$work"' EXIT
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" --wildcards "*usr/share/applications/Kvorum.desktop"
desktop=$work/usr/share/applications/Kvorum.desktop
for line in "Name=Kvorum" "Exec=kvorum-app" "Icon=kvorum-app" "Categories=Office;" \
            "Comment[da]=Foreningens medlemmer, generalforsamling og økonomi"; do
  grep -qxF "$line" "$desktop" || fail "desktop entry lacks '$line'"
done
if command -v desktop-file-validate > /dev/null; then desktop-file-validate "$desktop"; fi

if [ "$(id -u)" = 0 ] && command -v dpkg > /dev/null; then
  trap 'dpkg -r kvorum > /dev/null 2>&1 || true; rm -rf "$work"' EXIT
  dpkg -i "$deb" > /dev/null
  installed=/usr/bin/kvorum-app
else
  dpkg-deb -x "$deb" "$work/root"
  installed=$work/root/usr/bin/kvorum-app
fi

# Start it on a new association with one member and wait for the list to be painted.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
mkdir -p "$HOME"
cli=${KVORUM_CLI:-$root/target/debug/kvorum}
"$cli" --db "$work/forening.sqlite" init --name "Foreningen Perronen" > /dev/null
printf 'Navn;E-mail\nÅse Ærø;aase@example.dk\n' > "$work/m.csv"
"$cli" --db "$work/forening.sqlite" members import "$work/m.csv" > /dev/null
KVORUM_LOG=warn,kvorum::startup=debug timeout 60 xvfb-run -a -s "-screen 0 1280x800x24" \
  "$installed" --db "$work/forening.sqlite" 2> "$work/start.log" &
app=$!
for _ in $(seq 1 600); do
  grep -q "members-painted" "$work/start.log" && break
  kill -0 $app 2> /dev/null || break
  sleep 0.1
done
grep -q "members-painted" "$work/start.log" || { cat "$work/start.log" >&2; fail "the installed app did not paint its member list"; }
kill $app 2> /dev/null || true   # timeout passes it on to xvfb-run, Xvfb and the app
wait $app 2> /dev/null || true
echo "check-deb: $(basename "$deb") ($(du -h "$deb" | cut -f1)) holds the app, its desktop entry and icons; the installed app started and painted its member list ($(grep -o '[0-9.]* ms: webview: members-painted' "$work/start.log" | cut -d' ' -f1) ms)"
