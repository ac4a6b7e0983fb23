"""``outlet-pos user add/list/disable/enable/passwd/reset/unlock`` on a real data directory.

Before: only ``user add`` existed, so a manager could not stop a user who left, reset a
forgotten password or lift a lock-out, and a clerk's refused ``user add`` left no trace.
Each change is audited (who, what, whom), each refusal too. The rules behind the
commands (own user, same password, edited records) are in test_user_lifecycle.py.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest

from outlet_pos.bootstrap import open_app
from outlet_pos.config import Settings
from outlet_pos.services.auth import LOCK_AFTER, LockedOut, LoginFailed
from tests.integration.test_cli import run

MANAGER = ("--user", "manajer", "--password-stdin")
M_PW, K_PW = "rahasia-manajer\n", "rahasia-kasir\n"


@pytest.fixture(scope="module")
def outlet(tmp_path_factory) -> Path:
    """One outlet for the module; each test changes its own clerk."""
    d = tmp_path_factory.mktemp("users") / "data"
    assert run(d, "init", "--outlet-number", "7", "--terminal", "1", "--manager", "manajer",
               "--password-stdin", stdin=M_PW).returncode == 0
    with contextlib.closing(open_app(Settings(d, keystore="file"))) as app:
        boss = app.auth.login("manajer", "rahasia-manajer")
        for name in ("kasir1", "kasir2", "kasir3", "kasir4"):
            app.auth.add_user(boss, name, "clerk", K_PW.strip())
    return d


def _audit(d: Path, subject: str) -> list[tuple[str | None, str]]:
    with contextlib.closing(sqlite3.connect(d / "outlet.db")) as c:  # no outlet-pos is running
        return c.execute("select actor, action from audit_log where subject = ? and action not "
                         "in ('user_added') order by seq", (subject,)).fetchall()


def _log_in(d: Path, user: str, password: str = K_PW, lang: str = "en"):
    """A clerk's log-in: ``user list`` logs in, then refuses the clerk (so a refusal
    naming the role means the log-in itself worked)."""
    return run(d, "user", "list", "--user", user, "--password-stdin", stdin=password,
               lang=lang)


def test_disable_then_enable(outlet):
    p = run(outlet, "user", "disable", "kasir1", *MANAGER, stdin=M_PW)
    assert p.returncode == 0, p.stderr
    p = _log_in(outlet, "kasir1")
    assert p.returncode == 2 and "wrong user id or password" in p.stderr, p.stderr
    assert run(outlet, "user", "enable", "kasir1", *MANAGER, stdin=M_PW).returncode == 0
    p = _log_in(outlet, "kasir1")
    assert p.returncode == 2 and "the clerk role may not list users" in p.stderr, p.stderr
    assert _audit(outlet, "kasir1") == [("manajer", "user_disabled"),
                                        ("manajer", "user_enabled")]


def test_reset_forces_a_change_at_the_next_log_in(outlet):
    p = run(outlet, "user", "reset", "kasir2", *MANAGER, stdin=M_PW + "sementara-2026-x\n")
    assert p.returncode == 0, p.stderr
    p = _log_in(outlet, "kasir2", "sementara-2026-x\n")
    assert p.returncode == 2 and "user passwd --user kasir2" in p.stderr, p.stderr
    assert "may not" not in p.stderr  # no session: it never reached the role check
    p = run(outlet, "user", "passwd", "--user", "kasir2", "--password-stdin",
            stdin="sementara-2026-x\npilihan-kasir-2026\n")
    assert p.returncode == 0, p.stderr
    assert "may not" in _log_in(outlet, "kasir2", "pilihan-kasir-2026\n").stderr  # logged in
    assert _audit(outlet, "kasir2") == [("manajer", "password_reset"),
                                        ("kasir2", "password_changed")]


def test_a_manager_sees_and_lifts_a_lock_out(outlet):
    with contextlib.closing(open_app(Settings(outlet, keystore="file"))) as app:
        for _ in range(LOCK_AFTER):
            with contextlib.suppress(LoginFailed, LockedOut):
                app.auth.login("kasir3", "tebak-tebakan")
    p = run(outlet, "user", "list", *MANAGER, "--json", stdin=M_PW)
    listed = {u["user"]: u for u in json.loads(p.stdout)}
    assert listed["kasir3"]["locked_until"] and listed["kasir3"]["intact"], p.stdout
    assert not listed["kasir4"]["locked_until"] and listed["kasir1"]["role"] == "clerk"
    assert run(outlet, "user", "unlock", "kasir3", *MANAGER, stdin=M_PW).returncode == 0
    assert "may not" in _log_in(outlet, "kasir3").stderr
    assert _audit(outlet, "kasir3") == [("manajer", "user_unlocked")]


def test_refusals_are_audited_user_add_included(outlet):
    for args, stdin in ((("add", "kasir9", "--role", "manager"), K_PW + "sandi-baru-2026\n"),
                        (("disable", "manajer"), K_PW)):
        p = run(outlet, "user", *args, "--user", "kasir4", "--password-stdin", stdin=stdin,
                lang="id")
        assert p.returncode == 2 and "clerk" in p.stderr, (args, p.stderr)
    with contextlib.closing(sqlite3.connect(outlet / "outlet.db")) as c:
        assert c.execute("select subject from audit_log where action = 'refused' and actor = "
                         "'kasir4' order by seq").fetchall() == [("add_user",), ("disable_user",)]
        assert c.execute("select count(*) from users where username = 'kasir9'").fetchone() == (0,)
