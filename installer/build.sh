#!/usr/bin/env bash
# Build the PyInstaller one-folder bundle (build/installer/dist/liandong) and, on Debian-based
# systems, the .deb (build/installer/liandong_VERSION_ARCH.deb). Uses the project's .venv.
#   bash installer/build.sh            # bundle + .deb
#   bash installer/build.sh --bundle   # bundle only
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="$ROOT/build/installer"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
mkdir -p "$OUT"
"$PY" -m pip install -q "pyinstaller>=6.10"
VERSION=$("$PY" -c "import desktop; print(desktop.__version__)")

echo "==> PyInstaller bundle"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$OUT/dist" --workpath "$OUT/work" installer/liandong.spec
BUNDLE="$OUT/dist/liandong"
echo "bundle: $(du -sh "$BUNDLE" | cut -f1)  ($BUNDLE)"
[ "${1:-}" = "--bundle" ] && exit 0

command -v dpkg-deb >/dev/null || { echo "dpkg-deb not found: .deb skipped"; exit 0; }
echo "==> .deb"
ARCH=$(dpkg --print-architecture)
STAGE="$OUT/deb-root"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications"
cp -a "$BUNDLE" "$STAGE/opt/liandong"
ln -s /opt/liandong/liandong "$STAGE/usr/bin/liandong"
install -m 644 installer/deb/liandong.desktop "$STAGE/usr/share/applications/liandong.desktop"
for size in 16 24 32 48 64 128 256; do
  dir="$STAGE/usr/share/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$dir"
  install -m 644 "assets/icons/liandong-$size.png" "$dir/liandong.png"
done
mkdir -p "$STAGE/usr/share/icons/hicolor/scalable/apps"
install -m 644 assets/icons/liandong.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/liandong.svg"
SIZE_KB=$(du -sk "$STAGE" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE_KB/" \
  installer/deb/control.in > "$STAGE/DEBIAN/control"
install -m 755 installer/deb/postinst installer/deb/postrm "$STAGE/DEBIAN/"
DEB="$OUT/liandong_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null
echo "deb: $(du -h "$DEB" | cut -f1)  ($DEB)"
