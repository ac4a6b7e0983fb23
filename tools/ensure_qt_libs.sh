#!/bin/sh
# The system libraries Qt's offscreen platform needs (PySide6 wheels bundle Qt itself).
# Quiet when Qt already loads; installs Debian's packages as root where it does not.
PY="${1:-.venv/bin/python}"
check() { QT_QPA_PLATFORM=offscreen "$PY" -c "from PySide6.QtWidgets import QApplication; QApplication([])" >/dev/null 2>&1; }
check && exit 0
PKGS="libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 libx11-6 libxcb1"
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_qt_libs: Qt cannot start and this is not a root Debian shell; install: $PKGS"
    exit 0
fi
echo "ensure_qt_libs: installing $PKGS"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends $PKGS >/dev/null 2>&1 || \
    { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends $PKGS >/dev/null 2>&1; } || \
    echo "ensure_qt_libs: could not install $PKGS; the window tests will fail"
exit 0
