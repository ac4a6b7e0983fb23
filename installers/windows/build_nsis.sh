#!/bin/sh
# Compile the Windows installer with makensis (Debian's nsis package works on Linux).
#   sh installers/windows/build_nsis.sh [BUNDLE_DIR] [OUT_EXE]
# The real input is the one-folder bundle frozen on Windows (outlet-pos.exe,
# outlet-pos-gui.exe, _internal\): .github/workflows/windows-installer.yml builds it there.
# On Linux there is no Windows bundle, so, unless BUNDLE_DIR holds one, this compiles against a
# STAND-IN folder (empty placeholder .exe files): the result checks the script, it is NOT an
# installer to ship.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUNDLE=${1:-}
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/outlet_pos/__init__.py")
PY=${PYTHON:-$ROOT/.venv/bin/python}

if ! command -v makensis >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "build_nsis: installing nsis (apt-get install nsis)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -q --no-install-recommends nsis >/dev/null 2>&1 || \
            { apt-get update -q >/dev/null 2>&1 && \
              apt-get install -y -q --no-install-recommends nsis >/dev/null 2>&1; } || \
            { echo "build_nsis: could not install nsis"; exit 1; }
    else
        echo "build_nsis: makensis not found; install it: sudo apt-get install nsis"; exit 1
    fi
fi

if [ -n "$BUNDLE" ] && [ -f "$BUNDLE/outlet-pos.exe" ]; then
    OUT=${2:-$ROOT/dist/outlet-pos-$VERSION-setup.exe}
    KIND=release
else
    BUNDLE=$ROOT/build/nsis-standin/outlet-pos
    rm -rf "$BUNDLE"
    mkdir -p "$BUNDLE/_internal/outlet_pos"
    printf 'stand-in: the real outlet-pos.exe is frozen on Windows\r\n' > "$BUNDLE/outlet-pos.exe"
    printf 'stand-in: the real outlet-pos-gui.exe is frozen on Windows\r\n' > "$BUNDLE/outlet-pos-gui.exe"
    printf 'stand-in\r\n' > "$BUNDLE/_internal/outlet_pos/README.txt"
    OUT=${2:-$ROOT/dist/outlet-pos-$VERSION-setup-STANDIN.exe}
    KIND="stand-in (compile check only, not for outlets)"
fi
mkdir -p "$(dirname "$OUT")" "$ROOT/build/icons"
ICON=""
if "$PY" "$ROOT/installers/make_icons.py" "$ROOT/build/icons" >/dev/null 2>&1; then
    ICON="-DICON=$ROOT/build/icons/outlet-pos.ico"
fi
makensis -V2 -INPUTCHARSET UTF8 "-DBUNDLE=$BUNDLE" "-DVERSION=$VERSION" "-DOUTFILE=$OUT" $ICON \
    "$ROOT/installers/windows/outlet-pos.nsi"
echo "build_nsis: $OUT ($(du -h "$OUT" | cut -f1), $KIND)"
