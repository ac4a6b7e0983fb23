"""Log-in, growing lock-out, and the role matrix."""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.print_faults import PrinterFault
from outlet_pos.domain.roles import PERMISSIONS, Action, NotAllowed, Role, allowed
from outlet_pos.domain.waybill_document import Copy
from outlet_pos.protocol import wire
from outlet_pos.services.auth import LockedOut, LoginFailed
from outlet_pos.services.preferences import save_language


def test_wrong_password_and_unknown_user_look_the_same(app):
    with pytest.raises(LoginFailed) as a:
        app.auth.login("kasir1", "salah-sekali")
    with pytest.raises(LoginFailed) as b:
        app.auth.login("tidak-ada", "salah-sekali")
    assert str(a.value) == str(b.value) == "wrong user id or password"


def test_lockout_grows_and_ends(app, clock):
    for _ in range(4):
        with pytest.raises(LoginFailed):
            app.auth.login("kasir1", "salah-sekali")
    with pytest.raises(LockedOut) as e:
        app.auth.login("kasir1", "salah-sekali")
    first = e.value.until - clock.now
    with pytest.raises(LockedOut):  # even the right password is refused while locked
        app.auth.login("kasir1", "rahasia-kasir")
    clock.advance(seconds=first.total_seconds() + 1)
    with pytest.raises(LockedOut) as e:
        app.auth.login("kasir1", "salah-sekali")
    assert e.value.until - clock.now == 2 * first
    clock.advance(hours=2)
    assert app.auth.login("kasir1", "rahasia-kasir").role is Role.CLERK
    with pytest.raises(LoginFailed):  # the count started again after success
        app.auth.login("kasir1", "salah-sekali")


def test_failed_logins_are_audited_without_the_password(app, manager):
    with pytest.raises(LoginFailed):
        app.auth.login("kasir1", "kata-sandi-salah")
    import sqlite3

    with sqlite3.connect(app.db.path) as c:
        rows = c.execute(
            "select actor, details from audit_log where action='login_failed'").fetchall()
    assert rows and rows[-1][0] == "kasir1"
    assert all("kata-sandi" not in d for _, d in rows)


def test_user_rules(app, manager, clerk):
    with pytest.raises(NotAllowed):
        app.auth.add_user(clerk, "kasir2", "clerk", "rahasia-kasir2")
    with pytest.raises(ValidationError, match="already exists"):
        app.auth.add_user(manager, "kasir1", "clerk", "rahasia-kasir2")
    with pytest.raises(ValidationError) as e:
        app.auth.add_user(manager, "Bad Name!", "boss", "short")
    assert e.value.fields == ["user"]
    with pytest.raises(ValidationError) as e:
        app.auth.add_user(manager, "kasir2", "clerk", "short")
    assert e.value.fields == ["password"]


def _reprint(app, s, boss, waybill):
    job = app.printing.enqueue(boss, waybill, [Copy.RECEIPT])[0]
    app.printing.run(job)
    app.printing.enqueue(s, waybill, [Copy.RECEIPT])


def _test_page(app, s):
    with contextlib.suppress(PrinterFault):  # allowed; a printer is not this test's business
        app.printing.test_page(s)


def _provisioning(tmp_path):
    path = tmp_path / "provisioning.json"
    path.write_text(json.dumps({
        "format": "outlet-pos-provisioning", "server": "http://127.0.0.1:9", "outlet": 42,
        "terminal": 3, "device_id": "d-1", "device_key": wire.b64(wire.new_device_key()),
        "tariff_public_key": "x"}))
    return path


@pytest.mark.parametrize("role", list(Role))
def test_role_matrix_is_enforced_by_the_services(app, role, example_order, tmp_path):
    session = {"clerk": ("kasir1", "rahasia-kasir"), "manager": ("manajer", "rahasia-manajer"),
               "technician": ("teknisi", "rahasia-teknisi")}[role.value]
    s = app.auth.login(*session)
    boss = app.auth.login("manajer", "rahasia-manajer")
    waybill = app.booking.book(boss, example_order).waybill
    calls = {
        Action.BOOK: lambda: app.booking.book(s, example_order),
        Action.LIST_SHIPMENTS: lambda: app.shipments.list_day(s, app.outlet.business_date(
            app.db.clock())),
        Action.VIEW_PERSONAL: lambda: app.shipments.show(s, waybill),
        Action.FIND_CUSTOMER: lambda: app.shipments.find_customer(s, "081398765432"),
        Action.VOID: lambda: app.shipments.void(s, waybill, "uji hak akses"),
        Action.ADD_USER: lambda: app.auth.add_user(s, f"u-{role.value}", "clerk", "password-1"),
        Action.VERIFY_AUDIT: lambda: app.admin.verify_audit(s),
        Action.RUN_RETENTION: lambda: app.admin.run_retention(s, 90),
        Action.ROTATE_KEYS: lambda: app.admin.rotate_keys(s),
        Action.PORTABLE_BACKUP: lambda: app.backup.backup_portable(
            s, tmp_path / f"portable-{role.value}.bak", "frasa sandi manajer 2026"),
        Action.PRINT: lambda: app.printing.enqueue(s, waybill, [Copy.LABEL]),
        Action.REPRINT: lambda: _reprint(app, s, boss, waybill),
        Action.CONFIGURE_PRINTER: lambda: app.printing.configure(
            s, f"file:{tmp_path / 'printer.bin'}", "generic-58"),
        Action.TEST_PRINTER: lambda: _test_page(app, s),
        Action.ENROLL_DEVICE: lambda: app.enrolment.offline(s, _provisioning(tmp_path)),
        Action.CLOSE_DAY: lambda: app.closing.close_day(
            s, app.closing.totals(boss).cash_expected),
        Action.REOPEN_DAY: lambda: _reopen(app, s, boss),
        Action.REVIEW_DAY: lambda: app.reports.review(s),
        Action.CHANGE_SETTINGS: lambda: save_language(app.db.uow, s, "id"),
        Action.EXPORT_PERSONAL: lambda: app.reports.export_csv(
            s, io.StringIO(), unmasked=True, reason="permintaan polisi no. 12/XI",
            password=session[1]),
    }
    for action, call in calls.items():
        if allowed(role, action):
            call()
        else:
            with pytest.raises(NotAllowed):
                call()
    # The first actions, by hand; tests/reliability/test_role_matrix.py calls every service
    # method as every role and fails on an action no call exercises.
    assert set(calls) | {Action.QUOTE} <= set(PERMISSIONS)


def _reopen(app, s, boss):
    today = app.outlet.business_date(app.db.clock())
    if app.closing.current(boss, today) is None:
        app.closing.close_day(boss, app.closing.totals(boss).cash_expected)
    app.closing.reopen(s, today, "uji hak akses")
