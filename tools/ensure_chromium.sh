#!/bin/sh
# Make Debian's Chromium available for the fleet page's browser tests.
#
# tests/integration/test_fleet_page_browser.py drives /usr/bin/chromium headless through
# Python's playwright (never `playwright install`: its own browser builds cannot be
# downloaded here); this script only makes sure the browser is installed. It never fails
# the build: when it cannot install it (not root, no apt-get, offline) it prints one line
# saying the browser tests will be skipped and exits 0. It says nothing when the browser
# is already there. Installs with Debian's packages: apt-get install chromium, and runs
# apt-get update first only if that install fails.

BROWSER=/usr/bin/chromium

skip() {
    echo "ensure_chromium: the fleet page's browser tests will be skipped: $1"
    exit 0
}

[ -x "$BROWSER" ] && exit 0

if [ "$(id -u)" != 0 ]; then
    skip "$BROWSER not found and not root, so cannot install (apt-get install chromium)"
fi
if ! command -v apt-get >/dev/null 2>&1; then
    skip "$BROWSER not found and apt-get is not available to install it"
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp 2>/dev/null || echo /tmp/ensure_chromium.$$.log)

install_chromium() {
    apt-get install -y -q --no-install-recommends chromium >>"$log" 2>&1
}

echo "ensure_chromium: installing Chromium (apt-get install chromium) for the browser tests"
if ! install_chromium; then
    # The package lists may be missing (fresh image) or stale: refresh once and retry.
    if ! apt-get update -q >>"$log" 2>&1 || ! install_chromium; then
        reason=$(grep -E '^(E|W):' "$log" | tail -n 1)
        rm -f "$log"
        skip "apt-get could not install chromium (${reason:-see apt-get output})"
    fi
fi
rm -f "$log"

[ -x "$BROWSER" ] || skip "chromium was installed but $BROWSER is still not there"
exit 0
