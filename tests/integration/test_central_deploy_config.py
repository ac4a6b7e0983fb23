"""The deployment recipe's files (deploy/) and the one server setting they need.

- A server URL through PgBouncer carries ``?prepare_threshold=none`` (deploy/env.example):
  ``make_engine`` turns it into psycopg's connection setting, so no statement is prepared
  on a server connection the next transaction may not get; without it psycopg's default
  stays. The parameter never reaches libpq (which would refuse an unknown option).
- deploy/postgresql.conf keeps the central server durable (fsync, synchronous commit,
  full pages) and tools/central_stack.py's loopback overrides touch none of that.
- Every placeholder of the templates is one the stack fills: a template edited with a new
  ``${name}`` fails here, not halfway through a deployment.
"""

from __future__ import annotations

import re

import pytest

from outlet_pos.central.db import make_engine
from tools.deploy_config import (
    BOUNCER_POOL_SIZE,
    DEPLOY,
    LOOPBACK_OVERRIDES,
    pg_settings,
    render,
)

# what tools/central_stack.py fills, per template
FILLED = {
    "haproxy.cfg": {"global_extra", "maxconn", "bind", "ready_path", "check_interval",
                    "server_maxconn", "servers", "stats_bind"},
    "pgbouncer.ini": {"dbname", "pg_host", "pg_port", "listen_addr", "listen_port",
                      "unix_socket_dir", "logfile", "pidfile", "auth_type", "auth_file",
                      "default_pool_size", "max_client_conn", "admin_users"},
    "userlist.txt": {"user", "secret"},
}


def _threshold(url: str) -> object:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            return raw.prepare_threshold
    finally:
        engine.dispose()


def test_prepare_threshold_none_in_the_url_turns_preparing_off(pg_url_factory):
    url = pg_url_factory("bouncer")
    assert _threshold(url + "?prepare_threshold=none") is None
    assert _threshold(url + "?prepare_threshold=2") == 2
    assert _threshold(url) == 5  # psycopg's default, for a URL straight to PostgreSQL


def test_postgresql_settings_stay_durable_on_loopback_too():
    settings = pg_settings()
    for name in ("fsync", "synchronous_commit", "full_page_writes"):
        assert settings[name] == "on", name
        assert name not in LOOPBACK_OVERRIDES
    assert int(settings["max_connections"]) >= 50
    assert settings["log_parameter_max_length"] == "0"  # no bind values in the log


@pytest.mark.parametrize("name", sorted(FILLED))
def test_every_placeholder_is_filled_by_the_stack(name):
    text = (DEPLOY / name).read_text()
    assert set(re.findall(r"\$\{(\w+)\}", text)) == FILLED[name]
    out = render(name, **{k: f"<{k}>" for k in FILLED[name]})
    assert "${" not in out


def test_pool_sizes_fit_under_max_connections():
    """PgBouncer's server connections (pool + reserve, per database and user) leave room
    under max_connections for migrations, backups and an operator."""
    text = (DEPLOY / "pgbouncer.ini").read_text()
    reserve = int(re.search(r"^reserve_pool_size = (\d+)", text, re.M).group(1))
    assert BOUNCER_POOL_SIZE + reserve + 10 <= int(pg_settings()["max_connections"])
    assert re.search(r"^pool_mode = transaction$", text, re.M)
