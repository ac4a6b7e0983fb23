"""The deployment recipe's files (deploy/) and the one server setting they need.

- A server URL through PgBouncer carries ``?prepare_threshold=none`` (deploy/env.example):
  ``make_engine`` turns it into psycopg's connection setting, so no statement is prepared
  on a server connection the next transaction may not get; without it psycopg's default
  stays. The parameter never reaches libpq (which would refuse an unknown option).
- deploy/postgresql.conf keeps the central server durable (fsync, synchronous commit,
  full pages) and tools/central_stack.py's loopback overrides touch none of that.
- Every placeholder of the templates is one the stack fills, and one a host's values
  (``central_stack.py render``) fill: a template edited with a new ``${name}`` fails here,
  not halfway through a deployment; the host's haproxy.cfg passes ``haproxy -c``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from outlet_pos.central.db import make_engine
from tools.deploy_config import (
    BOUNCER_POOL_SIZE,
    DEPLOY,
    LOOPBACK_OVERRIDES,
    host_values,
    pg_settings,
    render,
    render_host,
)
from tools.stack_daemons import StackUnavailable, find_exe, make_tls

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
def test_every_placeholder_is_filled_by_the_stack_and_for_a_host(name):
    text = (DEPLOY / name).read_text()
    assert set(re.findall(r"\$\{(\w+)\}", text)) == FILLED[name]
    out = render(name, **{k: f"<{k}>" for k in FILLED[name]})
    assert "${" not in out
    assert set(host_values(4)[name]) == FILLED[name]


def test_a_hosts_haproxy_cfg_is_valid(tmp_path):
    try:
        haproxy = find_exe("haproxy")
    except StackUnavailable as e:
        pytest.skip(e.reason)
    _, pem = make_tls(tmp_path)
    cfg = render_host(tmp_path / "host", 4, cert=str(pem))[0]
    text = cfg.read_text()
    assert "bind :443 ssl crt" in text and "balance leastconn" in text
    assert text.count("    server p") == 4 and "127.0.0.1:8004 check" in text
    check = subprocess.run([haproxy, "-c", "-f", str(cfg)], capture_output=True, text=True,
                           check=False)
    assert check.returncode == 0, check.stderr


def test_pool_sizes_fit_under_max_connections():
    """PgBouncer's server connections (pool + reserve, per database and user) leave room
    under max_connections for migrations, backups and an operator."""
    text = (DEPLOY / "pgbouncer.ini").read_text()
    reserve = int(re.search(r"^reserve_pool_size = (\d+)", text, re.M).group(1))
    assert BOUNCER_POOL_SIZE + reserve + 10 <= int(pg_settings()["max_connections"])
    assert re.search(r"^pool_mode = transaction$", text, re.M)


def test_the_systemd_units_are_valid(tmp_path):
    """``systemd-analyze verify`` finds nothing to say about the units, with the installed
    program's path pointed at this checkout's (the units name /opt/outlet-pos)."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze not installed")
    bindir = str(Path(sys.executable).parent) + "/"
    for unit in (DEPLOY / "systemd").iterdir():
        (tmp_path / unit.name).write_text(unit.read_text().replace("/opt/outlet-pos/bin/",
                                                                   bindir))
    (tmp_path / "outlet-pos-central@8001.service").write_text(
        (tmp_path / "outlet-pos-central@.service").read_text())
    names = ["outlet-pos-central@8001.service", "outlet-pos-central.target",
             "outlet-pos-central-upgrade.service"]
    res = subprocess.run([analyze, "verify", "--man=no", *names], cwd=tmp_path,
                         capture_output=True, text=True, check=False, timeout=60)
    assert res.returncode == 0 and not (res.stdout + res.stderr).strip(), res.stdout + res.stderr
