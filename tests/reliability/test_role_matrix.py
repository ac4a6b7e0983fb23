"""Every action the services expose × every role, found by introspection.

Every public function or method of the app's packages that takes a ``session``
must be listed in ``MATRIX`` with the action(s) it performs and a call that
does it; a new method that is not listed fails ``test_every_session_method_is_in_the_matrix``.
Each listed call is then made as a clerk, a manager, a technician and with no
session at all: the roles table (``domain.roles.PERMISSIONS``) says which must
succeed; the others must be refused with ``NotAllowed`` (no session: refused
some way) and must write nothing (audit, outbox, shipments, print jobs,
closings, users, settings unchanged). A locked user cannot get a session, nor can
one whose password a manager reset until they change it.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import io
import json
import pkgutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import outlet_pos
from outlet_pos.domain.errors import DomainError, ValidationError
from outlet_pos.domain.loyalty import CardFormat
from outlet_pos.domain.print_faults import PrinterFault
from outlet_pos.domain.roles import PERMISSIONS, Action, NotAllowed, Role, allowed
from outlet_pos.domain.waybill_document import Copy
from outlet_pos.protocol import wire
from outlet_pos.services import preferences
from outlet_pos.services.auth import LockedOut, LoginFailed
from outlet_pos.services.setup_scale import scale_step
from outlet_pos.sync.client import SyncError

USERS = {Role.CLERK: ("kasir1", "rahasia-kasir"), Role.MANAGER: ("manajer", "rahasia-manajer"),
         Role.TECHNICIAN: ("teknisi", "rahasia-teknisi")}
# Packages that hold no use cases: the GUI and CLI are shells over the services, storage
# takes connections, the central server has its own device authentication.
SKIP_PACKAGES = ("outlet_pos.ui", "outlet_pos.cli", "outlet_pos.central", "outlet_pos.storage",
                 "outlet_pos.i18n.scan")
# Actions in the roles table that no session-taking method carries, and why.
SESSIONLESS = {Action.QUOTE: "a price is public: BookingService.quote takes no session "
                             "(the CLI's quote needs no log-in)"}


@dataclass
class Ctx:
    app: Any
    boss: Any
    tmp: Path
    counter: list[int] = field(default_factory=lambda: [0])

    def n(self) -> int:
        self.counter[0] += 1
        return self.counter[0]

    def waybill(self, order: dict) -> str:
        return self.app.booking.book(self.boss, order).waybill

    def printed(self, order: dict) -> str:
        w = self.waybill(order)
        self.app.printing.print_waybill(self.boss, w, [Copy.LABEL])  # a file printer: done
        return w

    def past_day(self) -> date:
        return date(2026, 9, 1) + timedelta(days=self.n())


def _provisioning(ctx: Ctx) -> Path:
    path = ctx.tmp / f"provisioning-{ctx.n()}.json"
    path.write_text(json.dumps({
        "format": "outlet-pos-provisioning", "server": "http://127.0.0.1:9", "outlet": 42,
        "terminal": 3, "device_id": f"d-{ctx.n()}", "device_key": wire.b64(wire.new_device_key()),
        "tariff_public_key": "x"}))
    return path


def _enroll_online(ctx: Ctx, s: Any) -> None:
    """Past the role check the call goes to the network: a closed port answers."""
    try:
        ctx.app.enrolment.online(s, server="http://127.0.0.1:9", code="ABCD-EFGH")
    except SyncError as e:
        assert e.kind == "transient"  # reached the network: the role was let through


def _retire_begin(ctx: Ctx, s: Any) -> None:
    """Past the role check the wipe is refused for the bookings the matrix made: unsent."""
    try:
        ctx.app.retire.begin(s)
    except ValidationError as e:
        assert e.fields == ["events"]  # the role was let through


def _test_page(ctx: Ctx, s: Any) -> None:
    with contextlib.suppress(PrinterFault):
        ctx.app.printing.test_page(s)


def _correct(ctx: Ctx, s: Any, waybill: str) -> None:
    """Past the role check a correction of a shipment not yet at the server is refused."""
    try:
        ctx.app.customer_requests.correct(s, waybill, "recipient.street", "Jl. Baru 1",
                                          "Surat 2/XII")
    except ValidationError as e:
        assert e.fields == ["waybill"]  # the role was let through


def _closed_day(ctx: Ctx, order: dict) -> date:
    day = ctx.past_day()
    ctx.app.closing.close_day(ctx.boss, 0, day)
    return day


def _closing(ctx: Ctx, order: dict) -> tuple[date, int]:
    c = ctx.app.closing.close_day(ctx.boss, 0, ctx.past_day())
    return c.business_date, c.sequence


def _queued_job(ctx: Ctx, order: dict) -> int:
    return ctx.app.printing.enqueue(ctx.boss, ctx.waybill(order), [Copy.RECEIPT])[0]


def _nothing(ctx: Ctx, order: dict) -> None:
    return None


def _no_open_shift(ctx: Ctx, order: dict) -> None:
    """The manager counts the open shift, if any, so the call under test may open one."""
    if ctx.app.shifts.current() is not None:
        ctx.app.shifts.close(ctx.boss, ctx.app.shifts.x_report(ctx.boss).expected)


def _a_shift(ctx: Ctx, order: dict) -> None:
    if ctx.app.shifts.current() is None:
        ctx.app.shifts.open(ctx.boss, 0)


def _shift_closed(ctx: Ctx, s: Any) -> None:
    """Open, count and open again: a shift stays open for the matrix's later bookings."""
    ctx.app.shifts.open(s, 0)
    ctx.app.shifts.close(s, ctx.app.shifts.x_report(s).expected)
    ctx.app.shifts.open(s, 0)


def _shift_handed_over(ctx: Ctx, s: Any) -> None:
    ctx.app.shifts.open(s, 0)
    other = USERS[Role.CLERK] if s.role == Role.MANAGER else USERS[Role.MANAGER]
    ctx.app.shifts.handover(s, ctx.app.auth.login(*other), ctx.app.shifts.x_report(s).expected)


def _new_user(ctx: Ctx, order: dict) -> str:
    name = f"pengguna-{ctx.n()}"
    ctx.app.auth.add_user(ctx.boss, name, "clerk", "password-123")
    return name


def _disabled_user(ctx: Ctx, order: dict) -> str:
    name = _new_user(ctx, order)
    ctx.app.auth.disable_user(ctx.boss, name)
    return name


def _locked_user(ctx: Ctx, order: dict) -> str:
    from outlet_pos.services.auth import LOCK_AFTER

    name = _new_user(ctx, order)
    for _ in range(LOCK_AFTER):
        with contextlib.suppress(LoginFailed, LockedOut):
            ctx.app.auth.login(name, "tebak-tebakan")
    return name


def _booked(ctx: Ctx, order: dict) -> str:
    return ctx.waybill(order)


def _prebooking_qr(ctx: Ctx, order: dict) -> str:
    """A fresh pre-booking's QR, signed by a key the counter keeps."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from tests.prebooking_helpers import give_keys, prebooked, qr

    key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    give_keys(ctx.app, key, ctx.app.clock())
    return qr(prebooked(order, ctx.app.clock(), quoted_total=20_000, paid=20_000), key)


def _dropoff(ctx: Ctx, order: dict) -> Any:
    return ctx.app.dropoff.read(ctx.boss, _prebooking_qr(ctx, order))


def _printed(ctx: Ctx, order: dict) -> str:
    return ctx.printed(order)


# "module.Class.method" (or "module.function"), "#variant" when one method performs more
# than one action → (the actions, what is prepared first as the manager, the call itself)
Prepare = Callable[[Ctx, dict], Any]
Act = Callable[[Ctx, Any, dict, Any], Any]
MATRIX: dict[str, tuple[tuple[Action, ...], Prepare, Act]] = {
    "services.auth.AuthService.add_user": (
        (Action.ADD_USER,), _nothing,
        lambda c, s, o, _: c.app.auth.add_user(s, f"pengguna-{c.n()}", "clerk", "password-123")),
    "services.auth.AuthService.list_users": (
        (Action.LIST_USERS,), _nothing, lambda c, s, o, _: c.app.auth.list_users(s)),
    "services.auth.AuthService.disable_user": (
        (Action.DISABLE_USER,), _new_user, lambda c, s, o, u: c.app.auth.disable_user(s, u)),
    "services.auth.AuthService.enable_user": (
        (Action.DISABLE_USER,), _disabled_user,
        lambda c, s, o, u: c.app.auth.enable_user(s, u)),
    "services.auth.AuthService.reset_password": (
        (Action.RESET_PASSWORD,), _new_user,
        lambda c, s, o, u: c.app.auth.reset_password(s, u, "sementara-2026-x")),
    "services.auth.AuthService.unlock_user": (
        (Action.UNLOCK_USER,), _locked_user, lambda c, s, o, u: c.app.auth.unlock_user(s, u)),
    "services.booking.BookingService.book": (
        (Action.BOOK,), _nothing, lambda c, s, o, _: c.app.booking.book(s, o)),
    "services.booking.BookingService.book_many": (
        (Action.BOOK,), _nothing, lambda c, s, o, _: c.app.booking.book_many(s, [o, o])),
    "services.dropoff.DropOffService.read": (
        (Action.BOOK,), _prebooking_qr, lambda c, s, o, text: c.app.dropoff.read(s, text)),
    "services.dropoff.DropOffService.book": (
        (Action.BOOK,), _dropoff, lambda c, s, o, drop: c.app.dropoff.book(s, o, drop)),
    "services.dropoff.DropOffService.conflicts": (
        (Action.REVIEW_DAY,), _nothing, lambda c, s, o, _: c.app.dropoff.conflicts(s)),
    "services.shipments.ShipmentService.list_day": (
        (Action.LIST_SHIPMENTS,), _nothing,
        lambda c, s, o, _: c.app.shipments.list_day(s, date(2026, 11, 25))),
    "services.shipments.ShipmentService.show": (
        (Action.VIEW_PERSONAL,), _booked, lambda c, s, o, w: c.app.shipments.show(s, w)),
    "services.shipments.ShipmentService.find_customer": (
        (Action.FIND_CUSTOMER,), _nothing,
        lambda c, s, o, _: c.app.shipments.find_customer(s, "081398765432")),
    "services.shipments.ShipmentService.day_waybills_for_phone": (
        (Action.FIND_CUSTOMER,), _nothing,
        lambda c, s, o, _: c.app.shipments.day_waybills_for_phone(s, "081398765432",
                                                                  date(2026, 11, 25))),
    "services.shipments.ShipmentService.void": (
        (Action.VOID,), _booked, lambda c, s, o, w: c.app.shipments.void(s, w, "uji hak akses")),
    "services.admin.AdminService.rotate_keys": (
        (Action.ROTATE_KEYS,), _nothing, lambda c, s, o, _: c.app.admin.rotate_keys(s)),
    "services.admin.AdminService.verify_audit": (
        (Action.VERIFY_AUDIT,), _nothing, lambda c, s, o, _: c.app.admin.verify_audit(s)),
    "services.admin.AdminService.audit_entries": (
        (Action.VERIFY_AUDIT,), _nothing, lambda c, s, o, _: c.app.admin.audit_entries(s)),
    "services.admin.AdminService.run_retention": (
        (Action.RUN_RETENTION,), _nothing, lambda c, s, o, _: c.app.admin.run_retention(s, 90)),
    "services.printing.PrintService.configure": (
        (Action.CONFIGURE_PRINTER,), _nothing,
        lambda c, s, o, _: c.app.printing.configure(s, f"file:{c.tmp / 'lp0'}", "generic-58")),
    "services.scale.ScaleService.configure": (
        (Action.CHANGE_SETTINGS,), _nothing,
        lambda c, s, o, _: c.app.scale.configure(s, "serial:/dev/ttyUSB9", "mettler-8217")),
    "services.setup_scale.scale_step": (
        (Action.CHANGE_SETTINGS,), _nothing,
        lambda c, s, o, _: scale_step(c.app.scale, s, None, "serial:/dev/ttyUSB9",  # type: ignore[arg-type]
                                      "mettler-8217")),
    "services.loyalty.LoyaltyService.set_format": (
        (Action.CHANGE_SETTINGS,), _nothing,
        lambda c, s, o, _: c.app.loyalty.set_format(s, CardFormat(min_length=16,
                                                                  max_length=16))),
    "services.outlet_day.OutletDayService.view": (
        (Action.REVIEW_DAY,), _nothing,
        lambda c, s, o, _: c.app.outlet_day.view(s, date(2026, 11, 25), ask_server=False)),
    "services.printing.PrintService.enqueue": (
        (Action.PRINT,), _booked, lambda c, s, o, w: c.app.printing.enqueue(s, w, [Copy.LABEL])),
    "services.printing.PrintService.enqueue#reprint": (
        (Action.PRINT, Action.REPRINT), _printed,
        lambda c, s, o, w: c.app.printing.enqueue(s, w, [Copy.LABEL])),
    "services.printing.PrintService.print_waybill": (
        (Action.PRINT,), _booked,
        lambda c, s, o, w: c.app.printing.print_waybill(s, w, [Copy.LABEL])),
    "services.printing.PrintService.print_waybill#reprint": (
        (Action.PRINT, Action.REPRINT), _printed,
        lambda c, s, o, w: c.app.printing.print_waybill(s, w, [Copy.LABEL])),
    "services.printing.PrintService.retry": (
        (Action.PRINT,), _queued_job, lambda c, s, o, job: c.app.printing.retry(s, job)),
    "services.printing.PrintService.test_page": (
        (Action.TEST_PRINTER,), _nothing, lambda c, s, o, _: _test_page(c, s)),
    "services.printing.PrintService.open_drawer": (
        (Action.TEST_PRINTER,), _nothing, lambda c, s, o, _: c.app.printing.open_drawer(s)),
    "services.printing.PrintService.export_pdf": (
        (Action.PRINT,), _booked, lambda c, s, o, w: c.app.printing.export_pdf(
            s, w, [Copy.LABEL], c.tmp / f"label-{c.n()}.pdf")),
    "services.printing.PrintService.print_z_report": (
        (Action.CLOSE_DAY,), _closing,
        lambda c, s, o, ds: c.app.printing.print_z_report(s, *ds)),
    "services.printing.PrintService.z_report": (
        (Action.CLOSE_DAY,), _closing, lambda c, s, o, ds: c.app.printing.z_report(s, *ds)),
    "services.reports.ReportService.closing_pdf": (
        (Action.REVIEW_DAY,), _closing,
        lambda c, s, o, ds: c.app.reports.closing_pdf(s, c.tmp, *ds)),
    "services.closing.ClosingService.totals": (
        (Action.CLOSE_DAY,), _nothing, lambda c, s, o, _: c.app.closing.totals(s)),
    "services.closing.ClosingService.current": (
        (Action.LIST_SHIPMENTS,), _nothing, lambda c, s, o, _: c.app.closing.current(s)),
    "services.closing.ClosingService.history": (
        (Action.REVIEW_DAY,), _nothing, lambda c, s, o, _: c.app.closing.history(s)),
    "services.closing.ClosingService.close_day": (
        (Action.CLOSE_DAY,), lambda c, o: c.past_day(),
        lambda c, s, o, day: c.app.closing.close_day(s, 0, day)),
    "services.cash.CashService.record": (
        (Action.MOVE_CASH,), _nothing,
        lambda c, s, o, _: c.app.cash.record(s, "in", 1_000, "uji hak akses")),
    "services.retire.RetireService.plan": (
        (Action.RETIRE_PC,), _nothing, lambda c, s, o, _: c.app.retire.plan(s)),
    "services.retire.RetireService.begin": (
        (Action.RETIRE_PC,), _nothing, lambda c, s, o, _: _retire_begin(c, s)),
    "services.cash.CashService.unclosed_day": (
        (Action.LIST_SHIPMENTS,), _nothing, lambda c, s, o, _: c.app.cash.unclosed_day(s)),
    "services.cash.CashService.day": (
        (Action.LIST_SHIPMENTS,), _nothing, lambda c, s, o, _: c.app.cash.day(s)),
    "services.cash.CashService.carry_over": (
        (Action.CARRY_OVER_DAY,), lambda c, o: c.past_day(),
        lambda c, s, o, day: c.app.cash.carry_over(s, day, "uji hak akses")),
    "services.shifts.ShiftService.open": (
        (Action.OPEN_SHIFT,), _no_open_shift, lambda c, s, o, _: c.app.shifts.open(s, 0)),
    "services.shifts.ShiftService.close": (
        (Action.OPEN_SHIFT, Action.CLOSE_SHIFT), _no_open_shift,
        lambda c, s, o, _: _shift_closed(c, s)),
    "services.shifts.ShiftService.handover": (
        (Action.OPEN_SHIFT, Action.CLOSE_SHIFT), _no_open_shift,
        lambda c, s, o, _: _shift_handed_over(c, s)),
    "services.shifts.ShiftService.x_report": (
        (Action.SHIFT_REPORT,), _a_shift, lambda c, s, o, _: c.app.shifts.x_report(s)),
    "services.shifts.ShiftService.list_day": (
        (Action.SHIFT_REPORT,), _nothing, lambda c, s, o, _: c.app.shifts.list_day(s)),
    "services.shifts.ShiftService.x_pdf": (
        (Action.SHIFT_REPORT,), _a_shift,
        lambda c, s, o, _: c.app.shifts.x_pdf(s, c.tmp / f"x-{c.n()}.pdf")),
    "services.closing.ClosingService.reopen": (
        (Action.REOPEN_DAY,), _closed_day,
        lambda c, s, o, day: c.app.closing.reopen(s, day, "uji hak akses")),
    "services.reports.ReportService.review": (
        (Action.REVIEW_DAY,), _nothing, lambda c, s, o, _: c.app.reports.review(s)),
    "services.reports.ReportService.resend_refused": (
        (Action.REVIEW_DAY,), _nothing, lambda c, s, o, _: c.app.reports.resend_refused(s)),
    "services.reports.ReportService.daily_pdf": (
        (Action.REVIEW_DAY,), _nothing,
        lambda c, s, o, _: c.app.reports.daily_pdf(s, c.tmp / f"daily-{c.n()}.pdf")),
    "services.reports.ReportService.export_csv": (
        (Action.REVIEW_DAY,), _nothing,
        lambda c, s, o, _: c.app.reports.export_csv(s, io.StringIO())),
    "services.reports.ReportService.period": (
        (Action.REVIEW_DAY,), _nothing,
        lambda c, s, o, _: c.app.reports.period(s, date(2026, 11, 1), date(2026, 11, 30))),
    "services.reports.ReportService.export_xlsx": (
        (Action.REVIEW_DAY,), _nothing,
        lambda c, s, o, _: c.app.reports.export_xlsx(s, io.BytesIO(), by="week")),
    "services.reports.ReportService.export_csv#unmasked": (
        (Action.REVIEW_DAY, Action.EXPORT_PERSONAL), _nothing,
        lambda c, s, o, _: c.app.reports.export_csv(
            s, io.StringIO(), unmasked=True, reason="permintaan polisi no. 12/XI",
            password=USERS[s.role][1])),
    "services.backup.BackupService.backup_portable": (
        (Action.PORTABLE_BACKUP,), _nothing,  # the data and keys leave the PC: a manager
        lambda c, s, o, _: c.app.backup.backup_portable(s, c.tmp / f"portable-{c.n()}.bak",
                                                        "frasa sandi teknisi 2026")),
    "services.backup.BackupService.authorise_restore": (
        (Action.RESTORE,), _nothing, lambda c, s, o, _: c.app.backup.authorise_restore(s)),
    "services.backup.BackupService.confirm_restore": (
        (Action.RESTORE,), _nothing, lambda c, s, o, _: c.app.backup.confirm_restore(s)),
    "services.enrolment.EnrolmentService.online": (
        (Action.ENROLL_DEVICE,), _nothing, lambda c, s, o, _: _enroll_online(c, s)),
    "services.enrolment.EnrolmentService.offline": (
        (Action.ENROLL_DEVICE,), lambda c, o: _provisioning(c),
        lambda c, s, o, path: c.app.enrolment.offline(s, path)),
    "services.preferences.save_language": (
        (Action.CHANGE_SETTINGS,), _nothing,
        lambda c, s, o, _: preferences.save_language(c.app.db.uow, s, "en")),
    "services.preferences.Preferences.save_language": (
        (Action.CHANGE_SETTINGS,), _nothing,
        lambda c, s, o, _: c.app.preferences.save_language(s, "en")),
    "services.customer_requests.CustomerRequestService.find": (
        (Action.CUSTOMER_COPY,), _nothing,
        lambda c, s, o, _: c.app.customer_requests.find(s, "081398765432")),
    "services.customer_requests.CustomerRequestService.copy": (
        (Action.CUSTOMER_COPY,), _booked,
        lambda c, s, o, _: c.app.customer_requests.copy(
            s, "081398765432", "Surat 1/XII", c.tmp / f"salinan-{c.n()}.pdf")),
    "services.customer_requests.CustomerRequestService.correct": (
        (Action.CUSTOMER_CORRECT,), _booked, lambda c, s, o, w: _correct(c, s, w)),
    "services.customer_requests.CustomerRequestService.erase": (
        (Action.CUSTOMER_ERASE,), _booked,  # held (not yet sent): nothing erased, audited
        lambda c, s, o, _: c.app.customer_requests.erase(s, "081398765432", "Surat 3/XII")),
}


def _modules() -> list[Any]:
    out = []
    for info in pkgutil.walk_packages(outlet_pos.__path__, "outlet_pos."):
        if info.name.startswith(SKIP_PACKAGES) or info.name.endswith("__main__"):
            continue
        out.append(importlib.import_module(info.name))
    return out


def session_methods() -> set[str]:
    """Every public function or method defined in the app that takes a ``session``."""
    found: set[str] = set()

    def takes_session(fn: Any) -> bool:
        try:
            return "session" in inspect.signature(fn).parameters
        except (TypeError, ValueError):
            return False

    for mod in _modules():
        short = mod.__name__.removeprefix("outlet_pos.")
        for name, obj in vars(mod).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != mod.__name__:
                continue
            if inspect.isfunction(obj) and takes_session(obj):
                found.add(f"{short}.{name}")
            elif inspect.isclass(obj):
                for mname, meth in vars(obj).items():
                    if not mname.startswith("_") and inspect.isfunction(meth) and \
                            takes_session(meth):
                        found.add(f"{short}.{name}.{mname}")
    return found


def test_every_session_method_is_in_the_matrix():
    found = session_methods()
    listed = {k.split("#")[0] for k in MATRIX}
    missing = sorted(found - listed)
    assert not missing, (f"service methods taking a session but not in the role matrix: "
                         f"{missing}; add each to MATRIX in {__file__} with its Action")
    assert not sorted(listed - found), "MATRIX lists methods that no longer exist"
    assert len(found) >= 25  # the introspection really sees the services


def test_every_action_of_the_roles_table_is_exercised():
    exercised = {a for actions, _, _ in MATRIX.values() for a in actions}
    assert exercised | set(SESSIONLESS) == set(PERMISSIONS)
    assert not exercised & set(SESSIONLESS)


_TABLES = ("audit_log", "outbox", "shipments", "print_jobs", "day_closings", "users", "meta",
           "data_keys")
_USERS_STATE = ("select group_concat(username || ':' || role || ':' || disabled || ':' || "
                "must_change || ':' || failed_count || ':' || coalesce(locked_until, '') || ':' "
                "|| hex(password_hash), ',') from users")


def _fingerprint(app) -> dict[str, Any]:
    with contextlib.closing(sqlite3.connect(app.db.path)) as c:
        names = {r[0] for r in c.execute("select name from sqlite_master where type='table'")}
        fp = {t: c.execute(f"select count(*) from {t}").fetchone()[0]
              for t in _TABLES if t in names}
        # A refusal's one write is its own audit row (tests/reliability/test_refusals_audited.py).
        fp["audit_log"] = c.execute("select count(*) from audit_log where action != 'refused'")\
            .fetchone()[0]
        fp["meta_values"] = c.execute("select group_concat(key || '=' || coalesce(value, ''))"
                                      " from meta").fetchone()[0]
        fp["users_state"] = c.execute(_USERS_STATE).fetchone()[0]  # a refused reset/disable
        fp["outbox_status"] = c.execute("select group_concat(status) from outbox").fetchone()[0]
        fp["shipment_status"] = c.execute("select group_concat(status) from shipments")\
            .fetchone()[0]
    return fp


@pytest.fixture
def ctx(app, tmp_path) -> Ctx:
    boss = app.auth.login(*USERS[Role.MANAGER])
    app.printing.configure(boss, f"file:{tmp_path / 'lp0'}", "generic-58")
    return Ctx(app, boss, tmp_path)


@pytest.mark.parametrize("who", [*Role, None], ids=[*(r.value for r in Role), "no-session"])
def test_every_action_times_every_role(ctx, who, example_order, figures):
    figures.describe("every service method that takes a session, called as each role; the "
                     "roles table decides; a refused call must write nothing")
    app = ctx.app
    session = app.auth.login(*USERS[who]) if who else None
    outcomes = {"allowed": 0, "refused": 0}
    for key, (actions, prepare, act) in MATRIX.items():
        prepared = prepare(ctx, example_order)
        if who is not None and all(allowed(who, a) for a in actions):
            act(ctx, session, example_order, prepared)  # succeeds
            outcomes["allowed"] += 1
            continue
        before = _fingerprint(app)
        if who is None:  # no session at all: refused before anything happens
            with pytest.raises((NotAllowed, AttributeError, DomainError)):
                act(ctx, session, example_order, prepared)
        else:
            with pytest.raises(NotAllowed) as e:
                act(ctx, session, example_order, prepared)
            assert e.value.role is who and e.value.action in actions, key
        assert _fingerprint(app) == before, f"{key}: a refused call wrote to the database"
        outcomes["refused"] += 1
    expected_allowed = sum(1 for actions, _, _ in MATRIX.values()
                           if who is not None and all(allowed(who, a) for a in actions))
    assert outcomes["allowed"] == expected_allowed
    figures.runs = len(MATRIX)
    figures.faults = outcomes["refused"]  # calls a role may not make
    figures.detail = {"allowed": outcomes["allowed"], "refused": outcomes["refused"]}
    print(f"\n{who}: {outcomes}")


def test_a_locked_user_gets_no_session_even_after_a_restart(app, clock, reopen, figures):
    """Brute force: after LOCK_AFTER wrong passwords the right one is refused too, and the
    lock is stored, so restarting the app does not lift it."""
    from outlet_pos.services.auth import LOCK_AFTER

    figures.describe("brute force: wrong passwords lock the user, the right one is refused "
                     "while locked, across two restarts")
    figures.runs, figures.faults = 3, LOCK_AFTER + 3
    for _ in range(LOCK_AFTER - 1):
        with pytest.raises(LoginFailed):
            app.auth.login("kasir1", "tebak-tebakan")
    with pytest.raises(LockedOut):
        app.auth.login("kasir1", "tebak-tebakan")
    app.close()
    again = reopen()
    with pytest.raises(LockedOut):
        again.auth.login("kasir1", "rahasia-kasir")
    with pytest.raises(LockedOut):  # guessing on while locked keeps it locked
        again.auth.login("kasir1", "tebak-lagi")
    again.close()
    third = reopen()
    with pytest.raises(LockedOut):
        third.auth.login("kasir1", "rahasia-kasir")
    assert third.auth.login("manajer", "rahasia-manajer").role is Role.MANAGER  # others unaffected
    clock.advance(hours=2)
    assert third.auth.login("kasir1", "rahasia-kasir").role is Role.CLERK


def test_a_reset_user_gets_no_session_until_the_password_is_changed(app, manager, reopen):
    """A manager's reset: the temporary password is right but gives no session, across a
    restart, until the user chooses their own; then the old and temporary ones are dead."""
    from outlet_pos.services.auth import PasswordChangeRequired

    app.auth.reset_password(manager, "kasir1", "sementara-2026-x")
    with pytest.raises(LoginFailed):
        app.auth.login("kasir1", "rahasia-kasir")
    with pytest.raises(PasswordChangeRequired):
        app.auth.login("kasir1", "sementara-2026-x")
    app.close()
    again = reopen()
    with pytest.raises(PasswordChangeRequired):
        again.auth.login("kasir1", "sementara-2026-x")
    s = again.auth.change_password("kasir1", "sementara-2026-x", "pilihan-kasir-2026")
    assert s.role is Role.CLERK
    assert again.auth.login("kasir1", "pilihan-kasir-2026").role is Role.CLERK
    with pytest.raises(LoginFailed):
        again.auth.login("kasir1", "sementara-2026-x")
