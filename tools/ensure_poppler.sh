#!/bin/sh
# Make poppler's pdftotext and pdftoppm available for the report tests.
#
# tests/integration/test_report_pdf.py reads the daily report's text back with pdftotext
# and renders its first page with pdftoppm; this script only makes sure they are installed.
# It never fails the build: when it cannot install them (not root, no apt-get, offline) it
# prints one line saying those tests will be skipped and exits 0. It says nothing when the
# binaries are already there.
#
# Installs Debian's package: apt-get install poppler-utils, and runs apt-get update first
# only if that install fails.

have_poppler() {
    command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1
}

skip() {
    echo "ensure_poppler: PDF report tests will be skipped: $1"
    exit 0
}

have_poppler && exit 0

if [ "$(id -u)" != 0 ]; then
    skip "pdftotext/pdftoppm not found and not root, so cannot install poppler-utils"
fi
if ! command -v apt-get >/dev/null 2>&1; then
    skip "pdftotext/pdftoppm not found and apt-get is not available to install them"
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp 2>/dev/null || echo /tmp/ensure_poppler.$$.log)

install_poppler() {
    apt-get install -y -q --no-install-recommends poppler-utils >>"$log" 2>&1
}

echo "ensure_poppler: installing poppler-utils (apt-get install poppler-utils) for the tests"
if ! install_poppler; then
    # The package lists may be missing (fresh image) or stale: refresh once and retry.
    if ! apt-get update -q >>"$log" 2>&1 || ! install_poppler; then
        reason=$(grep -E '^(E|W):' "$log" | tail -n 1)
        rm -f "$log"
        skip "apt-get could not install poppler-utils (${reason:-see apt-get output})"
    fi
fi
rm -f "$log"

have_poppler || skip "poppler-utils was installed but pdftotext/pdftoppm are still not found"
exit 0
