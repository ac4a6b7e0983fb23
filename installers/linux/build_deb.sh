#!/bin/sh
# Build the Outlet POS .deb from the PyInstaller bundle, with dpkg-deb only (no network).
#   sh installers/linux/build_deb.sh [BUNDLE_DIR] [OUT_DIR]
# BUNDLE_DIR: dist/outlet-pos (make package builds it); OUT_DIR: dist.
# Installs: /opt/outlet-pos (the bundle), /usr/bin/outlet-pos, the desktop entry and icon,
# /etc/udev/rules.d/60-outlet-pos-printers.rules (from printers/udev, USB thermal printers).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUNDLE=${1:-$ROOT/dist/outlet-pos}
OUT=${2:-$ROOT/dist}
PY=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$BUNDLE/outlet-pos" ] || { echo "build_deb: no bundle in $BUNDLE (run make package)"; exit 1; }

VERSION=$("$BUNDLE/outlet-pos" --version | awk '{print $2}')
ARCH=$(dpkg --print-architecture)
PKG=outlet-pos
STAGE=$ROOT/build/deb/${PKG}_${VERSION}_${ARCH}
HERE=$ROOT/installers/linux
RULE=60-outlet-pos-printers.rules
SCALE_RULE=60-outlet-pos-scales.rules  # USB HID scales (usage page 0x8D), USB-serial adapters

rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/icons/hicolor/256x256/apps" "$STAGE/usr/share/icons/hicolor/48x48/apps" \
    "$STAGE/etc/udev/rules.d" "$STAGE/usr/share/doc/$PKG"
cp -a "$BUNDLE" "$STAGE/opt/outlet-pos"
install -m 755 "$HERE/outlet-pos.sh" "$STAGE/usr/bin/outlet-pos"
install -m 644 "$HERE/outlet-pos.desktop" "$STAGE/usr/share/applications/outlet-pos.desktop"
install -m 644 "$ROOT/printers/udev/$RULE" "$STAGE/etc/udev/rules.d/$RULE"
install -m 644 "$HERE/$SCALE_RULE" "$STAGE/etc/udev/rules.d/$SCALE_RULE"
"$PY" "$ROOT/installers/make_icons.py" "$ROOT/build/icons" >/dev/null
install -m 644 "$ROOT/build/icons/outlet-pos-256.png" \
    "$STAGE/usr/share/icons/hicolor/256x256/apps/outlet-pos.png"
install -m 644 "$ROOT/build/icons/outlet-pos-48.png" \
    "$STAGE/usr/share/icons/hicolor/48x48/apps/outlet-pos.png"
install -m 644 "$ROOT/docs/technician.md" "$STAGE/usr/share/doc/$PKG/technician.md"
install -m 755 "$HERE/postinst" "$HERE/postrm" "$STAGE/DEBIAN/"
printf '%s\n' "/etc/udev/rules.d/$RULE" "/etc/udev/rules.d/$SCALE_RULE" > "$STAGE/DEBIAN/conffiles"

# What Qt's xcb platform and the bundle's system libraries need (the bundle leaves the display
# stack to the system: see installers/pyinstaller/outlet-pos.spec). Keep in step with
# tools/ensure_qt_libs.sh and outlet_pos/ui/platform_check.py XCB_PACKAGES.
DEPENDS="libc6 (>= 2.36), libx11-6, libx11-xcb1, libxext6, libxrender1, libxcb1, \
libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, \
libxcb-render-util0, libxcb-render0, libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-xfixes0, \
libxcb-xinerama0, libxcb-xkb1, libxcb-glx0, libxcb-util1, libxkbcommon0, libxkbcommon-x11-0, \
libegl1, libgl1, libfontconfig1, libfreetype6, libharfbuzz0b, libpng16-16, libdbus-1-3, \
libglib2.0-0, fonts-dejavu-core"
SIZE=$(du -sk "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: $PKG
Version: $VERSION
Architecture: $ARCH
Maintainer: Outlet POS technicians <teknisi@outlet-pos.invalid>
Installed-Size: $SIZE
Depends: $DEPENDS
Recommends: udev
Section: misc
Priority: optional
Description: Outlet POS - offline-first point of sale for parcel courier outlets
 The counter window (outlet-pos gui) and the outlet-pos command line: book, price and
 print parcel shipments, work offline for days and sync with the central server.
 Includes the udev rule that lets the counter user print to USB thermal printers.
CONTROL
mkdir -p "$OUT"
DEB=$OUT/${PKG}_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Zgzip --build "$STAGE" "$DEB" >/dev/null
echo "build_deb: $DEB ($(du -h "$DEB" | cut -f1), installed $((SIZE / 1024)) MB)"
