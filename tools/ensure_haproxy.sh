#!/bin/sh
# Make HAProxy and PgBouncer available for the tests of the deployment recipe (docs/central.md).
#
# tools/central_stack.py starts the recipe on loopback from these binaries (with PostgreSQL from
# tools/ensure_postgres.sh); this script only makes sure they are installed. It never fails the
# build: when it cannot install them (not root, no apt-get, offline) it prints one line saying
# the tests that need them will be skipped and exits 0. It says nothing when both are there.
#
# Installs Debian's packages (apt-get install haproxy pgbouncer), running apt-get update first
# only if that install fails. The packages' own services are stopped and disabled again: the
# tests start their own instances on free loopback ports, and an idle system HAProxy or
# PgBouncer would only hold ports 6432 and the like.

have() {
    command -v haproxy >/dev/null 2>&1 && command -v pgbouncer >/dev/null 2>&1
}

skip() {
    echo "ensure_haproxy: load-balancer tests (tests/reliability/test_lb_failover.py) will be skipped: $1"
    exit 0
}

# Debian installs pgbouncer in /usr/sbin, which a non-login root shell may lack in PATH.
PATH="$PATH:/usr/sbin:/sbin"
export PATH

have && exit 0

if [ "$(id -u)" != 0 ]; then
    skip "haproxy/pgbouncer not found and not root, so cannot install (apt-get install haproxy pgbouncer)"
fi
if ! command -v apt-get >/dev/null 2>&1; then
    skip "haproxy/pgbouncer not found and apt-get is not available to install them"
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp 2>/dev/null || echo /tmp/ensure_haproxy.$$.log)

install_lb() {
    apt-get install -y -q --no-install-recommends haproxy pgbouncer >>"$log" 2>&1
}

echo "ensure_haproxy: installing HAProxy and PgBouncer (apt-get install haproxy pgbouncer) for the tests"
if ! install_lb; then
    # The package lists may be missing (fresh image) or stale: refresh once and retry.
    if ! apt-get update -q >>"$log" 2>&1 || ! install_lb; then
        reason=$(grep -E '^(E|W):' "$log" | tail -n 1)
        rm -f "$log"
        skip "apt-get could not install haproxy pgbouncer (${reason:-see apt-get output})"
    fi
fi
rm -f "$log"

# Where systemd runs, the packages start their default instances; the tests want none of them.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl disable --now haproxy.service pgbouncer.service >/dev/null 2>&1 || true
fi

have || skip "haproxy/pgbouncer were installed but are still not found"
exit 0
