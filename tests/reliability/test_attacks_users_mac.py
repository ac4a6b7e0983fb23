"""Issue 16, finding 7 (users): who-may-do-what edited in SQL is caught at log-in.

Before the fix ``UPDATE users SET role='manager'`` let a clerk log in as a manager and
export the unmasked CSV, and clearing ``locked_until`` or ``disabled`` let a locked or
disabled user straight back in, with ``audit verify`` still "intact". Now every user's
role, disabled, must-change and lock-out state (and password hash) is sealed by an HMAC
under a key from the key store: an edit made outside the app is refused at log-in with a
message that says so, the refusal is audited, and ``audit verify`` reports the record.
"""

from __future__ import annotations

import contextlib
import sqlite3

import pytest

from outlet_pos.domain.roles import Role
from outlet_pos.services.auth import LOCK_AFTER, LockedOut, LoginFailed, UserRecordTampered

CLERK = ("kasir1", "rahasia-kasir")


def _sql(app, statement: str, *params: object) -> None:
    # Through SQLite (its locks), as an attacker with the file would: never plain file I/O.
    with contextlib.closing(sqlite3.connect(app.db.path)) as c, c:
        c.execute(statement, params)


def _refused_rows(app) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(app.db.path)) as c:
        return c.execute("select coalesce(subject, ''), details from audit_log "
                         "where action = 'login_refused_tampered'").fetchall()


def test_a_clerk_promoted_in_sql_is_refused_at_log_in(app, figures):
    figures.describe("UPDATE users SET role='manager' for a clerk: the log-in is refused "
                     "as tampered, audited, and the other users still log in")
    figures.runs, figures.faults = 1, 1
    _sql(app, "update users set role = 'manager' where username = ?", CLERK[0])
    with pytest.raises(UserRecordTampered) as e:
        app.auth.login(*CLERK)
    assert "outside Outlet POS" in str(e.value.args[0])
    assert _refused_rows(app) == [(CLERK[0], "{}")]
    assert app.auth.login("manajer", "rahasia-manajer").role is Role.MANAGER


def test_a_lock_cleared_in_sql_is_refused(app, figures):
    figures.describe("after a lock-out, locked_until and failed_count cleared in SQL: refused")
    figures.runs, figures.faults = 1, 1
    for _ in range(LOCK_AFTER - 1):
        with pytest.raises(LoginFailed):
            app.auth.login(CLERK[0], "tebak-tebakan")
    with pytest.raises(LockedOut):
        app.auth.login(CLERK[0], "tebak-tebakan")
    _sql(app, "update users set locked_until = null, failed_count = 0 where username = ?",
         CLERK[0])
    with pytest.raises(UserRecordTampered):
        app.auth.login(*CLERK)


def test_a_disabled_user_enabled_in_sql_is_refused(app, manager, figures):
    figures.describe("a disabled clerk's disabled flag cleared in SQL: refused")
    figures.runs, figures.faults = 1, 1
    app.auth.disable_user(manager, CLERK[0])
    with pytest.raises(LoginFailed):  # disabled answers as an unknown id does
        app.auth.login(*CLERK)
    _sql(app, "update users set disabled = 0 where username = ?", CLERK[0])
    with pytest.raises(UserRecordTampered):
        app.auth.login(*CLERK)


@pytest.mark.parametrize("statement", [
    "update users set mac = null where username = ?",
    "update users set must_change = 0 where username = ?",
    "update users set password_hash = (select password_hash from users "
    "where username = 'manajer') where username = ?",
])
def test_other_edits_are_refused_too(app, manager, statement, figures):
    figures.describe("the seal removed, the forced change cleared, another user's hash copied")
    figures.runs, figures.faults = 1, 1
    app.auth.reset_password(manager, CLERK[0], "sementara-2026-x")
    _sql(app, statement, CLERK[0])
    with pytest.raises(UserRecordTampered):
        app.auth.login(CLERK[0], "sementara-2026-x")


_ROW = "role, password_hash, failed_count, locked_until, disabled, must_change, mac"


def _snapshot(app, user: str) -> tuple:
    with contextlib.closing(sqlite3.connect(app.db.path)) as c:
        return c.execute(f"select {_ROW} from users where username = ?", (user,)).fetchone()


def _put_back(app, user: str, row: tuple) -> None:
    sets = ", ".join(f"{c.strip()} = ?" for c in _ROW.split(","))
    _sql(app, f"update users set {sets} where username = ?", *row, user)


def test_an_old_copy_of_the_row_put_back_is_refused(app, manager, figures):
    """Each row's own seal is valid on an old copy too: the list of current seals is what
    tells a disabled (or locked) user's row from the copy taken before."""
    figures.describe("a clerk's row copied while enabled and put back after the disable; "
                     "a row copied before a lock-out put back after it")
    figures.runs, figures.faults = 2, 2
    before = _snapshot(app, CLERK[0])
    app.auth.disable_user(manager, CLERK[0])
    _put_back(app, CLERK[0], before)
    with pytest.raises(UserRecordTampered):
        app.auth.login(*CLERK)
    unlocked = _snapshot(app, "teknisi")
    for _ in range(LOCK_AFTER):
        with pytest.raises((LoginFailed, LockedOut)):
            app.auth.login("teknisi", "tebak-tebakan")
    _put_back(app, "teknisi", unlocked)
    with pytest.raises(UserRecordTampered):
        app.auth.login("teknisi", "rahasia-teknisi")
    assert app.auth.login("manajer", "rahasia-manajer").role is Role.MANAGER
    _sql(app, "delete from meta where key = 'users_seals'")  # the list itself removed
    with pytest.raises(UserRecordTampered):
        app.auth.login("manajer", "rahasia-manajer")


def test_audit_verify_names_the_edited_record(app, manager, tech, figures):
    figures.describe("audit verify reports a users-table edit even though the chain is intact")
    figures.runs, figures.faults = 1, 1
    assert app.admin.verify_audit(manager).ok
    _sql(app, "update users set role = 'manager' where username = ?", CLERK[0])
    report = app.admin.verify_audit(tech)
    assert not report.ok and CLERK[0] in report.reason
    listed = {u.username: u for u in app.auth.list_users(manager)}
    assert not listed[CLERK[0]].intact and listed["manajer"].intact


def test_doctor_names_the_edited_record(app, clock, figures):
    from outlet_pos.bootstrap import doctor_for
    from outlet_pos.services.doctor import FAIL, OK

    figures.describe("doctor's key check fails naming a users-table edit; passes before it")
    figures.runs, figures.faults = 1, 1

    def keys_check():
        results = doctor_for(app.settings, clock, free_bytes=lambda _p: 50 * 2**30).run()
        return {r.check: r for r in results}["keys"]

    assert keys_check().status == OK
    _sql(app, "update users set role = 'technician' where username = ?", CLERK[0])
    found = keys_check()
    assert found.status == FAIL and CLERK[0] in found.finding and "manajer" not in found.finding
