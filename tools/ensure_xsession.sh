#!/bin/sh
# Make an X session available to tests/ui/test_x_session.py: a virtual X server (Xvfb), a real
# window manager (openbox), xdotool to type and click through the window system, ImageMagick's
# `import` for screenshots of the whole screen, and a font for Qt to draw with.
#
# The test starts and stops the server itself; this script only installs the programs. It never
# fails the build: when it cannot install them (not root, no apt-get, offline) it prints one
# line saying the X session test will be skipped and exits 0. Quiet when all are there.
#
# Debian packages: xvfb openbox xdotool imagemagick x11-utils fonts-dejavu-core, and the xcb
# libraries Qt's window-system plugin needs (tools/ensure_qt_libs.sh ... desktop, run on the
# display the test starts, checks those; here they are installed up front). apt-get update
# runs only if the install fails first.

PROGRAMS="Xvfb openbox xdotool import xwininfo"
PKGS="xvfb openbox xdotool imagemagick x11-utils fonts-dejavu-core \
libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0"

have_all() {
    for p in $PROGRAMS; do
        command -v "$p" >/dev/null 2>&1 || return 1
    done
    [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || return 1
    # Qt >= 6.5's xcb plugin will not load without xcb-cursor.
    for lib in /usr/lib/*/libxcb-cursor.so.0 /usr/lib/libxcb-cursor.so.0; do
        [ -e "$lib" ] && return 0
    done
    return 1
}

skip() {
    echo "ensure_xsession: the X session test will be skipped: $1"
    exit 0
}

have_all && exit 0

if [ "$(id -u)" != 0 ]; then
    skip "Xvfb/openbox/xdotool/import not all found and not root (apt-get install $PKGS)"
fi
if ! command -v apt-get >/dev/null 2>&1; then
    skip "Xvfb/openbox/xdotool/import not all found and apt-get is not available"
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp 2>/dev/null || echo /tmp/ensure_xsession.$$.log)

install_x() {
    # shellcheck disable=SC2086  # the package list is meant to split
    apt-get install -y -q --no-install-recommends $PKGS >>"$log" 2>&1
}

echo "ensure_xsession: installing Xvfb, openbox, xdotool and ImageMagick for the X session test"
if ! install_x; then
    # The package lists may be missing (fresh image) or stale: refresh once and retry.
    if ! apt-get update -q >>"$log" 2>&1 || ! install_x; then
        reason=$(grep -E '^(E|W):' "$log" | tail -n 1)
        rm -f "$log"
        skip "apt-get could not install them (${reason:-see apt-get output})"
    fi
fi
rm -f "$log"

have_all || skip "the packages were installed but a program is still missing"
exit 0
