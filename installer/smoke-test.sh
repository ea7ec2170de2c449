#!/usr/bin/env bash
# Build the bundle and the .deb, install the .deb with dpkg, run the installed app headless
# (version, import of the demo plan into a fresh profile, an offscreen screenshot), then
# remove the package and check that it left no files behind and kept the user's data.
# Needs root (dpkg -i). Run: sudo bash installer/smoke-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = "0" ] || { echo "smoke test needs root (dpkg -i)"; exit 2; }
bash installer/build.sh
DEB=$(ls -t build/installer/liandong_*.deb | head -n 1)
dpkg -s liandong >/dev/null 2>&1 && dpkg -r liandong >/dev/null
echo "==> dpkg -i $DEB"
apt-get install -y -qq "./$DEB" >/dev/null 2>&1 || dpkg -i "$DEB"
HOME_DIR=$(mktemp -d)
export HOME="$HOME_DIR" XDG_DATA_HOME="$HOME_DIR/data" XDG_CONFIG_HOME="$HOME_DIR/config"
export QT_QPA_PLATFORM=offscreen
fail() { echo "SMOKE TEST FAILED: $*"; dpkg -r liandong >/dev/null 2>&1 || true; exit 1; }
[ -x /usr/bin/liandong ] || fail "/usr/bin/liandong missing"
[ -f /usr/share/applications/liandong.desktop ] || fail "desktop entry missing"
grep -q "Name\[zh_CN\]=联动" /usr/share/applications/liandong.desktop || fail "Chinese name missing"
version=$(liandong --version) || fail "--version"
echo "installed: $version"
liandong import /opt/liandong/_internal/assets/demo-plan-changchun-2023.txt \
  || fail "import of the demo plan"
liandong plans | grep -q "长府办发" || fail "plan not listed after import"
liandong --screenshot "$HOME_DIR/shot.png" || fail "screenshot"
[ -s "$HOME_DIR/shot.png" ] || fail "empty screenshot"
db=$(ls "$XDG_DATA_HOME"/liandong/profiles/*/liandong.db) || fail "no profile database"
echo "==> dpkg -r liandong"
dpkg -r liandong >/dev/null
[ ! -e /opt/liandong ] || fail "/opt/liandong left behind"
[ ! -e /usr/bin/liandong ] || fail "/usr/bin/liandong left behind"
[ -f "$db" ] || fail "user data removed with the package"
echo "smoke test passed: $version, bundle $(du -sh build/installer/dist/liandong | cut -f1), deb $(du -h "$DEB" | cut -f1)"
