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


def host_values(processes: int, *, first_port: int = 8001,
                cert: str = "/etc/haproxy/certs/central.pem", db_listen: str = "127.0.0.1"
                ) -> dict[str, dict[str, object]]:
    """What a host's copies of the templates hold (docs/central.md gives the why of each):
    ``processes`` serve processes on 127.0.0.1:``first_port``…, TLS with ``cert``,
    PgBouncer listening on ``db_listen`` (the database host's private address)."""
    servers = "\n".join(f"    server p{i} 127.0.0.1:{first_port + i} check"
                        for i in range(processes))
    debian_global = "\n".join(f"    {line}" for line in (
        "log /dev/log local0", "chroot /var/lib/haproxy",
        "stats socket /run/haproxy/admin.sock mode 660 level admin", "user haproxy",
        "group haproxy"))
    return {
        "haproxy.cfg": {
            "global_extra": debian_global, "maxconn": 20000,
            "bind": f":443 ssl crt {cert} alpn http/1.1", "ready_path": "/v1/ready",
            "check_interval": "2s", "server_maxconn": 200, "servers": servers,
            "stats_bind": "127.0.0.1:8404"},
        "pgbouncer.ini": {
            "dbname": "outlet_central", "pg_host": "127.0.0.1", "pg_port": 5432,
            "listen_addr": db_listen, "listen_port": 6432,
            "unix_socket_dir": "/var/run/postgresql",
            "logfile": "/var/log/postgresql/pgbouncer.log",
            "pidfile": "/var/run/postgresql/pgbouncer.pid", "auth_type": "scram-sha-256",
            "auth_file": "/etc/pgbouncer/userlist.txt", "default_pool_size": BOUNCER_POOL_SIZE,
            "max_client_conn": processes * CLIENTS_PER_PROCESS + 50, "admin_users": "postgres"},
        # the secret is copied from pg_authid on the host (deploy/userlist.txt says how)
        "userlist.txt": {"user": "outlet_central", "secret": "SCRAM-SHA-256$..."},
    }


def render_host(out: Path, processes: int, **kw: str) -> list[Path]:
    """Write a host's haproxy.cfg, pgbouncer.ini and userlist.txt into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, values in host_values(processes, **kw).items():  # type: ignore[arg-type]
        path = out / name
        path.write_text(render(name, **values))
        written.append(path)
    return written
