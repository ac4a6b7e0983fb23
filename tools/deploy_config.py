"""The deployment recipe's files (deploy/), read and filled in.

deploy/haproxy.cfg, pgbouncer.ini and userlist.txt are templates with ``${name}``
placeholders; deploy/postgresql.conf and the systemd units are used as they are.
tools/central_stack.py fills the templates for its loopback run; a host's copies are
filled by hand or by configuration management, with the values docs/central.md gives.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
# PgBouncer's server connections per database and user (docs/central.md, "Sizing"), and the
# client connections one serve process may open (central/db.py: pool_size 5 + max_overflow 10).
BOUNCER_POOL_SIZE = 20
CLIENTS_PER_PROCESS = 15
# The recipe's PostgreSQL settings that do not fit a test on a shared machine, and why:
LOOPBACK_OVERRIDES = {
    "shared_buffers": "128MB",  # sized for a 16 GB database host, not a test
    "effective_cache_size": "1GB",
    "maintenance_work_mem": "64MB",
    "max_wal_size": "1GB",
    # WAL archiving is the backup recipe's, exercised by hand (docs/central.md, "Backups"):
    # here it would only copy 16 MB segments into a directory thrown away afterwards.
    "archive_mode": "off",
}


def render(name: str, **values: object) -> str:
    """deploy/NAME with every ${key} filled in (a missing key is an error, not a blank)."""
    return string.Template((DEPLOY / name).read_text()).substitute(
        {k: str(v) for k, v in values.items()})


def pg_settings() -> dict[str, str]:
    """deploy/postgresql.conf as a dict, with LOOPBACK_OVERRIDES applied."""
    settings: dict[str, str] = {}
    for line in (DEPLOY / "postgresql.conf").read_text().splitlines():
        m = re.match(r"\s*([a-z_]+)\s*=\s*('(?:[^']|'')*'|[^#\s]+)", line)
        if m:
            settings[m.group(1)] = m.group(2)
    return {**settings, **LOOPBACK_OVERRIDES}
