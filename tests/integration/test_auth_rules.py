"""Issue 16, findings 8 and 9: the rules for new passwords, decaying lock-out, unknown ids
that answer like real ones, and the portable backup that only a manager may take."""

from __future__ import annotations

import json
import sqlite3
import statistics
import time

import pytest

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.roles import NotAllowed, Role
from outlet_pos.domain.stored_settings import AUTH_UNKNOWN_FAILURES
from outlet_pos.services.auth import DECAY, LOCK_AFTER, LockedOut, LoginFailed, check_password
from outlet_pos.storage.passwords import hash_password


@pytest.mark.parametrize("password", [
    "12345678",          # 8 characters were enough before
    "rahasia-9",         # 9
    "manajer",           # the user id (short too)
    "manajer-2026",      # the user id and a year
    "MANAJERMANAJER",    # the user id twice, upper case
    "Manajer!!!!!!",     # the user id and signs
    "manajer-12345678",  # the user id and digits
    "manajer-abc",       # the user id and three letters
    "          ",        # only spaces
    "\t\t\t\t\t\t\t\t\t\t\t",
    "aaaaaaaaaaaa",      # one character repeated
    "1234567890",        # in the common-password list
    "qwertyuiop",
    "Password123",       # common, whatever its case
])
def test_weak_new_passwords_are_refused_naming_the_field(app, manager, password):
    with pytest.raises(ValidationError) as e:
        app.auth.add_user(manager, "manajer2", "manager", password.replace("manajer", "manajer2")
                          .replace("MANAJER", "MANAJER2").replace("Manajer", "Manajer2"))
    assert e.value.fields == ["password"]
    with pytest.raises(ValidationError) as e:
        check_password(password, "manajer")
    assert e.value.fields == ["password"]


def test_the_user_id_inside_a_long_phrase_is_not_refused():
    assert check_password("rahasia-toko-manajer", "manajer")


def test_a_good_password_is_accepted(app, manager):
    app.auth.add_user(manager, "kasir2", "clerk", "jalan-mawar-17b")
    assert app.auth.login("kasir2", "jalan-mawar-17b").role is Role.CLERK


def test_an_existing_user_with_an_old_short_password_still_logs_in(app):
    with app.db.uow(write=True) as uow:
        uow.users.add("lama", "clerk", hash_password("12345678"), app.db.clock())
        uow.commit()
    assert app.auth.login("lama", "12345678").username == "lama"


def test_one_wrong_password_an_hour_never_locks_anyone_out(app, clock):
    for _ in range(48):
        with pytest.raises(LoginFailed):
            app.auth.login("manajer", "salah-ketik")
        clock.advance(hours=1)
    assert app.auth.login("manajer", "rahasia-manajer").role is Role.MANAGER


def test_failures_decay_after_the_window_but_not_within_it(app, clock):
    for _ in range(LOCK_AFTER - 1):
        with pytest.raises(LoginFailed):
            app.auth.login("kasir1", "salah-ketik")
    clock.advance(seconds=DECAY.total_seconds() + 1)
    for _ in range(LOCK_AFTER - 1):  # the count started again
        with pytest.raises(LoginFailed):
            app.auth.login("kasir1", "salah-ketik")
    with pytest.raises(LockedOut):  # ... and still counts within the window
        app.auth.login("kasir1", "salah-ketik")


def test_a_lock_decays_too_once_it_has_ended(app, clock):
    for _ in range(LOCK_AFTER + 3):  # locked, then locked longer, each lock sat out
        try:
            app.auth.login("kasir1", "salah-ketik")
        except LockedOut as e:
            clock.advance(seconds=(e.until - clock.now).total_seconds())
        except LoginFailed:
            pass
    clock.advance(seconds=DECAY.total_seconds())
    with pytest.raises(LoginFailed):  # a single typo after a quiet while is only a typo
        app.auth.login("kasir1", "salah-ketik")


def _answers(app, user: str, tries: int) -> list[tuple[str, str]]:
    out = []
    for _ in range(tries):
        try:
            app.auth.login(user, "salah-sekali")
        except (LoginFailed, LockedOut) as e:
            out.append((type(e).__name__, str(e)))
    return out


def test_unknown_and_known_ids_answer_alike_lock_out_included(app, clock):
    known = _answers(app, "kasir1", LOCK_AFTER + 2)
    unknown = _answers(app, "kasir9", LOCK_AFTER + 2)
    assert known == unknown
    assert known[-1][0] == "LockedOut"
    clock.advance(hours=2)
    assert _answers(app, "kasir1", 1) == _answers(app, "kasir9", 1) == [
        ("LoginFailed", "wrong user id or password")]


def test_a_disabled_or_unknown_id_typed_at_log_in_is_not_kept_in_clear(app):
    _answers(app, "budi.santoso", 2)
    with sqlite3.connect(app.db.path) as c:
        dump = "\n".join(c.iterdump())
    assert "budi.santoso" not in dump


def test_unknown_ids_remembered_are_bounded(app, monkeypatch):
    from outlet_pos.services import auth

    monkeypatch.setattr(auth, "MAX_PROBES", 3)
    for i in range(6):
        _answers(app, f"tamu{i}", 1)
    with app.db.uow() as uow:
        assert len(json.loads(uow.meta.get(AUTH_UNKNOWN_FAILURES.key))) == 3


def test_unknown_ids_take_as_long_as_known_ones(app):
    def timed(user: str) -> float:
        t0 = time.perf_counter()
        with pytest.raises(LoginFailed):
            app.auth.login(user, "salah-sekali")
        return time.perf_counter() - t0

    # The first unknown id of a process used to hash a dummy first: twice the work.
    first_unknown = timed("tidak-ada-0")
    known = statistics.median(timed("manajer") for _ in range(3))
    unknown = statistics.median(timed(f"tidak-ada-{i}") for i in range(1, 4))
    assert 0.5 < unknown / known < 2.0
    assert first_unknown < 1.6 * known


def test_only_a_manager_takes_a_portable_backup(app, manager, tech, tmp_path):
    with pytest.raises(NotAllowed):
        app.backup.backup_portable(tech, tmp_path / "t.bak", "frasa sandi teknisi 2026")
    assert not (tmp_path / "t.bak").exists()
    info = app.backup.backup_portable(manager, tmp_path / "m.bak", "frasa sandi manajer 2026")
    assert info.portable
