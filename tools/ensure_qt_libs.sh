#!/bin/sh
# The system libraries Qt needs (PySide6 wheels bundle Qt itself, not these).
#   sh tools/ensure_qt_libs.sh PYTHON            offscreen (the test suite)
#   sh tools/ensure_qt_libs.sh PYTHON desktop    also the xcb platform, when there is a display
# Quiet when Qt already starts; installs Debian's packages as root where it does not.
PY="${1:-.venv/bin/python}"
MODE="${2:-offscreen}"
check() { QT_QPA_PLATFORM="$1" timeout 20 "$PY" -c \
    "from PySide6.QtWidgets import QApplication; QApplication([])" >/dev/null 2>&1; }
PKGS="libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 libx11-6 libxcb1"
PLATFORM=offscreen
if [ "$MODE" = desktop ]; then
    # No display (a server, CI): the window stays closed anyway; nothing to do.
    [ -n "$DISPLAY" ] || exit 0
    PLATFORM=xcb
    # What Qt's xcb plugin links against (Qt >= 6.5 also wants xcb-cursor).
    PKGS="$PKGS libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 \
libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libxcb-render0"
fi
check "$PLATFORM" && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_qt_libs: Qt cannot start ($PLATFORM) and this is not a root Debian shell;"
    echo "ensure_qt_libs: install: $PKGS"
    exit 0
fi
echo "ensure_qt_libs: installing the libraries Qt needs ($PLATFORM)"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends $PKGS >/dev/null 2>&1 || \
    { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends $PKGS >/dev/null 2>&1; } || \
    echo "ensure_qt_libs: could not install $PKGS; the window will not open"
exit 0
