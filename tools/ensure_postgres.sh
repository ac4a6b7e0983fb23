#!/bin/sh
# Make PostgreSQL server binaries (initdb, pg_ctl) available for the test suite.
#
# tests/pg_server.py starts a throw-away server from these binaries; this script only makes
# sure they are installed. It never fails the build: when it cannot install them (not root,
# no apt-get, offline) it prints one line saying the PostgreSQL tests will be skipped and
# exits 0. It says nothing when the binaries are already there.
#
# Looks in PATH and in /usr/lib/postgresql/*/bin (Debian puts the server binaries there,
# not in PATH). Installs with Debian's packages: apt-get install postgresql, and runs
# apt-get update first only if that install fails.

have_pg() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        return 0
    fi
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            return 0
        fi
    done
    return 1
}

skip() {
    echo "ensure_postgres: PostgreSQL tests will be skipped: $1"
    exit 0
}

have_pg && exit 0

if [ "$(id -u)" != 0 ]; then
    skip "initdb/pg_ctl not found and not root, so cannot install (apt-get install postgresql)"
fi
if ! command -v apt-get >/dev/null 2>&1; then
    skip "initdb/pg_ctl not found and apt-get is not available to install them"
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp 2>/dev/null || echo /tmp/ensure_postgres.$$.log)

install_pg() {
    apt-get install -y -q --no-install-recommends postgresql >>"$log" 2>&1
}

echo "ensure_postgres: installing PostgreSQL (apt-get install postgresql) for the tests"
if ! install_pg; then
    # The package lists may be missing (fresh image) or stale: refresh once and retry.
    if ! apt-get update -q >>"$log" 2>&1 || ! install_pg; then
        reason=$(grep -E '^(E|W):' "$log" | tail -n 1)
        rm -f "$log"
        skip "apt-get could not install postgresql (${reason:-see apt-get output})"
    fi
fi
rm -f "$log"

have_pg || skip "postgresql was installed but initdb/pg_ctl are still not found"
exit 0
