"""The users' life cycle in the service (issue 16, finding 8), and existing users sealed.

The rules the CLI and the GUI share: a manager never disables or resets their own user
(the last manager would lock themself out), a changed password must differ and follow
the rules, a wrong old password counts as a failed log-in, an edited record cannot be
"repaired" by a manager's change (that would seal the edit), and users made before
migration 0006 keep working: their rows are sealed once, at the first log-in.
"""

from __future__ import annotations

import contextlib
import sqlite3

import pytest

from outlet_pos.domain.errors import DomainError, ValidationError
from outlet_pos.domain.roles import Role
from outlet_pos.services.auth import (
    LOCK_AFTER,
    LockedOut,
    LoginFailed,
    PasswordChangeRequired,
    UserRecordTampered,
)
from outlet_pos.storage.db import make_engine

CLERK = ("kasir1", "rahasia-kasir")


def _actions(app) -> list[str]:
    with contextlib.closing(sqlite3.connect(app.db.path)) as c:
        return [r[0] for r in c.execute("select action from audit_log order by seq")]


def test_a_manager_cannot_disable_or_reset_themself(app, manager):
    for change in (lambda: app.auth.disable_user(manager, "manajer"),
                   lambda: app.auth.reset_password(manager, "manajer", "sementara-2026-x")):
        with pytest.raises(ValidationError) as e:
            change()
        assert e.value.fields == ["user"]
    assert app.auth.login("manajer", "rahasia-manajer").role is Role.MANAGER
    with pytest.raises(ValidationError):
        app.auth.disable_user(manager, "tidak-ada")


def test_a_manager_disabled_meanwhile_changes_nobody(app, manager):
    other = app.auth.login("manajer", "rahasia-manajer")
    app.auth.add_user(manager, "manajer2", "manager", "rahasia-manajer-2")
    second = app.auth.login("manajer2", "rahasia-manajer-2")
    app.auth.disable_user(second, "manajer")
    with pytest.raises(DomainError, match="no longer active"):
        app.auth.disable_user(other, "kasir1")  # a session from before its own disable
    assert _actions(app).count("user_disabled") == 1


def test_changing_a_password_follows_the_rules(app):
    with pytest.raises(ValidationError):  # the same one
        app.auth.change_password(*CLERK, CLERK[1])
    with pytest.raises(ValidationError):  # too common
        app.auth.change_password(*CLERK, "1234567890")
    with pytest.raises(LoginFailed):  # not the old password: a failed log-in, counted
        app.auth.change_password("kasir1", "tebak-tebakan", "pilihan-kasir-2026")
    with pytest.raises(LoginFailed):  # unknown ids answer the same
        app.auth.change_password("siapa-ya", "tebak-tebakan", "pilihan-kasir-2026")
    assert app.auth.login(*CLERK).role is Role.CLERK  # unchanged
    assert app.auth.change_password(*CLERK, "pilihan-kasir-2026").username == "kasir1"
    assert app.auth.login("kasir1", "pilihan-kasir-2026").role is Role.CLERK
    assert "password_changed" in _actions(app)


def test_reset_clears_a_lock_and_the_state_shows_in_the_list(app, manager, clock):
    for _ in range(LOCK_AFTER):
        with pytest.raises((LoginFailed, LockedOut)):
            app.auth.login(CLERK[0], "tebak-tebakan")
    state = {u.username: u for u in app.auth.list_users(manager)}
    assert state["kasir1"].locked_until is not None and state["teknisi"].locked_until is None
    app.auth.reset_password(manager, "kasir1", "sementara-2026-x")
    state = {u.username: u for u in app.auth.list_users(manager)}
    assert state["kasir1"].must_change and state["kasir1"].locked_until is None
    with pytest.raises(PasswordChangeRequired):
        app.auth.login("kasir1", "sementara-2026-x")
    app.auth.disable_user(manager, "teknisi")
    assert {u.username: u.disabled for u in app.auth.list_users(manager)}["teknisi"]


def test_a_manager_change_does_not_seal_an_edited_record(app, manager):
    with contextlib.closing(sqlite3.connect(app.db.path)) as c, c:
        c.execute("update users set role = 'manager' where username = 'kasir1'")
    for change in (lambda: app.auth.unlock_user(manager, "kasir1"),
                   lambda: app.auth.reset_password(manager, "kasir1", "sementara-2026-x"),
                   lambda: app.auth.enable_user(manager, "kasir1")):
        with pytest.raises(UserRecordTampered):
            change()
    with pytest.raises(UserRecordTampered):
        app.auth.login(*CLERK)
    assert _actions(app).count("user_change_refused_tampered") == 3


def _back_to_0005(app) -> None:
    """The file as the app before migration 0006 left it: no seal, no must_change."""
    from alembic import command

    from outlet_pos.storage.schema import _config

    app.close()
    engine = make_engine(app.db.path)
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    engine.dispose()


def test_existing_users_are_sealed_once_and_keep_working(app, reopen):
    _back_to_0005(app)
    again = reopen()
    assert again.auth.login(*CLERK).role is Role.CLERK
    assert again.auth.login("teknisi", "rahasia-teknisi").role is Role.TECHNICIAN
    assert _actions(again).count("users_sealed") == 1
    # Once sealed, putting the mark back and the seal off does not get an edit sealed.
    with contextlib.closing(sqlite3.connect(again.db.path)) as c, c:
        c.execute("update users set role = 'manager', mac = null where username = 'kasir1'")
        c.execute("insert into meta (key, value) values ('users_unsealed', '1')")
    with pytest.raises(UserRecordTampered):
        again.auth.login(*CLERK)
    assert _actions(again).count("users_sealed") == 1
