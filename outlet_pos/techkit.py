"""Wiring of the technician's kit: ``doctor`` and first-run ``setup``, beside ``bootstrap``.

Like ``bootstrap``, this is a place where storage, sync and printing adapters
meet the services; nothing connects at import time. Doctor runs without an
``App`` (a broken outlet cannot be opened), so it gets its own wiring here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .config import Settings
from .i18n import Msg
from .services.doctor import (
    BackupFacts,
    DbFacts,
    Doctor,
    KeyFacts,
    PrinterFacts,
    ServerFacts,
)
from .storage.diagnostics import FreeBytes, LocalProbe, disk_free

Clock = Callable[[], datetime]


@dataclass
class DoctorAdapters:
    """``DoctorPorts`` for one data directory; tests replace single probes."""

    local: LocalProbe
    platform: str = sys.platform
    printer_probe: Callable[[str, str | None], PrinterFacts] | None = None
    server_probe: Callable[[str, str | None], ServerFacts] | None = None
    udev_probe: Callable[[], str | None] | None = None
    data_dir: str = field(init=False)

    def __post_init__(self) -> None:
        self.data_dir = str(self.local.data_dir)

    def database(self) -> DbFacts:
        return self.local.database()

    def keys(self) -> KeyFacts:
        return self.local.keys()

    def meta(self) -> dict[str, str]:
        return self.local.meta()

    def oldest_unsent(self) -> datetime | None:
        return self.local.oldest_unsent()

    def refused_events(self) -> int:
        return self.local.refused_events()

    def free_bytes(self) -> int:
        return self.local.free_bytes()

    def last_backup(self) -> datetime | None:
        return self.local.last_backup()

    def backups(self) -> BackupFacts:
        from .storage.restore_check import backup_facts

        return BackupFacts(**backup_facts(self.local.data_dir))

    def logs_writable(self) -> str | None:
        return self.local.logs_writable()

    def printer(self, connection: str, profile: str | None) -> PrinterFacts:
        if self.printer_probe is None:
            from .printing.probe import probe_printer  # python-escpos/pyusb load on demand

            self.printer_probe = probe_printer
        return self.printer_probe(connection, profile)

    def udev_rule(self) -> str | None:
        if self.udev_probe is None:
            from .printing.probe import find_udev_rule

            self.udev_probe = find_udev_rule
        return self.udev_probe()

    def server(self, url: str, ca_pem: str | None) -> ServerFacts:
        if self.server_probe is None:
            from .sync.probe import probe_server  # requests loads on demand

            self.server_probe = probe_server
        return self.server_probe(url, ca_pem)


def doctor_for(settings: Settings, clock: Clock, *, free_bytes: FreeBytes = disk_free,
               **probes: object) -> Doctor:
    """The doctor of ``settings.data_dir``; ``probes`` override single adapters (tests)."""
    adapters = DoctorAdapters(LocalProbe(Path(settings.data_dir), free_bytes))
    for name, probe in probes.items():
        setattr(adapters, name, probe)
    return Doctor(adapters, clock, stale_after=timedelta(hours=settings.stale_hours))


# ---------------------------------------------------------------------- first-run setup
@dataclass
class SetupRequest:
    """Everything a first-run setup needs: the CLI's flags, the wizard's pages."""

    outlet_number: int
    terminal: int
    manager: str
    password: str
    outlet_name: str = ""
    timezone: str = "WIB"
    server: str | None = None
    enroll_code: str | None = None
    ca_bundle: str | None = None
    provisioning_file: str | None = None
    printer: str | None = None  # a connection string, or "auto" (USB ids vs profiles)
    profile: str | None = None
    language: str | None = None
    test_print: bool = False


@dataclass(frozen=True)
class SetupStep:
    step: str  # outlet | enroll | printer | language | test_print
    ok: bool
    message: Msg
    remedy: Msg | None = None


def choose_usb_printer(found: list[Any]) -> tuple[str, str] | None:
    """The first attached USB printer a profile knows: (connection, profile)."""
    for p in found:
        if p.profiles:
            return p.connection, p.profiles[0]
    return None


def check_manager(req: SetupRequest) -> list[tuple[str, str]]:
    """The first manager's user id and password rules (the wizard's page two)."""
    from .domain.errors import ValidationError
    from .services.auth import check_password, check_username

    problems: list[tuple[str, str]] = []
    for check in (lambda: check_username(req.manager),
                  lambda: check_password(req.password, req.manager)):
        try:
            check()
        except ValidationError as e:
            problems += e.problems
    return problems


def check_printer(req: SetupRequest) -> list[tuple[str, str]]:
    """The printer's connection string and profile (the wizard's printer page)."""
    from .domain.errors import ValidationError

    problems: list[tuple[str, str]] = []
    if req.printer and req.printer != "auto":
        from .printing.printer import make_printer

        try:
            make_printer(req.printer, req.profile)
        except ValidationError as e:
            problems += e.problems
    if req.profile and (not req.printer or req.printer == "auto"):
        from .printing.profiles import get_profile

        try:
            get_profile(req.profile)
        except ValidationError as e:
            problems += e.problems
    return problems


def check_server(req: SetupRequest) -> list[tuple[str, str]]:
    """Server address and code, or a provisioning file (the wizard's server page)."""
    problems: list[tuple[str, str]] = []
    if req.provisioning_file and (req.server or req.enroll_code):
        problems.append(("provisioning_file", Msg("give either --server and --enroll-code, or "
                                                  "--provisioning-file, not both")))
    elif bool(req.server) != bool(req.enroll_code):
        problems.append(("enroll_code" if req.server else "server",
                         Msg("--server and --enroll-code go together")))
    if req.server:
        from .sync.client import check_server_url
        from .sync.errors import SyncError

        try:
            check_server_url(req.server)
        except SyncError as e:
            problems.append(("server", e.message))
    if req.provisioning_file and not Path(req.provisioning_file).is_file():
        problems.append(("provisioning_file", Msg("no such file: {file}",
                                                  file=req.provisioning_file)))
    if req.ca_bundle and not Path(req.ca_bundle).is_file():
        problems.append(("ca_bundle", Msg("no such file: {file}", file=req.ca_bundle)))
    return problems


def _check_request(req: SetupRequest) -> None:
    """Every mistake found before anything is created, so a typo leaves no half-setup."""
    from .domain.errors import ValidationError
    from .i18n import LANGUAGES

    problems: list[tuple[str, str]] = []
    if req.language and req.language not in LANGUAGES:
        problems.append(("language", Msg("must be id or en")))
    problems += check_printer(req) + check_server(req)
    if problems:
        raise ValidationError(problems)


def first_run_setup(settings: Settings, req: SetupRequest, clock: Clock,
                    detect: Callable[[], tuple[list[Any], Any]] | None = None,
                    ) -> list[SetupStep]:
    """Outlet, manager, enrollment, printer, language and a test print, in that order.

    Refuses (AlreadyInitialised) on a data directory that is already set up, and
    (ValidationError) on any mistake in ``req`` before creating anything. Once the
    outlet exists, a failed later step (server offline, printer off) is reported
    with its remedy and the steps after it still run.
    """
    from .bootstrap import init_outlet

    _check_request(req)
    app = init_outlet(settings, outlet_number=req.outlet_number, terminal=req.terminal,
                      manager=req.manager, password=req.password, outlet_name=req.outlet_name,
                      timezone=req.timezone, clock=clock)
    steps = [SetupStep("outlet", True, Msg(
        "outlet {outlet} terminal {terminal} created in {path}; manager '{user}'; keys in "
        "{store}", outlet=str(req.outlet_number), terminal=req.terminal,
        path=settings.data_dir, user=req.manager,
        store=app.db.store.description if app.db.store else "-"))]
    try:
        session = app.auth.login(req.manager, req.password)
        steps += _later_steps(app, session, req, clock, detect, LATER_STEPS)
    finally:
        app.close()
    return steps


LATER_STEPS = frozenset({"enroll", "printer", "language", "test_print"})


def changed_steps(before: SetupRequest, after: SetupRequest) -> set[str]:
    """Which later steps a second look at the pages (Back, change, Next) must run again."""
    changed: set[str] = set()
    if (before.server, before.enroll_code, before.provisioning_file) != \
            (after.server, after.enroll_code, after.provisioning_file):
        changed.add("enroll")
    if (before.printer, before.profile) != (after.printer, after.profile):
        changed.add("printer")
        if after.test_print:
            changed.add("test_print")
    if before.language != after.language:
        changed.add("language")
    if after.test_print and not before.test_print:
        changed.add("test_print")
    return changed


def update_setup(settings: Settings, before: SetupRequest, after: SetupRequest, clock: Clock,
                 detect: Callable[[], tuple[list[Any], Any]] | None = None,
                 ) -> list[SetupStep]:
    """After a setup: run again the steps whose answers changed (printer, enrollment,
    language, test print) on the outlet just created. The outlet and the manager stay."""
    from .bootstrap import open_app
    from .domain.errors import ValidationError

    if (before.outlet_number, before.terminal, before.manager, before.password) != \
            (after.outlet_number, after.terminal, after.manager, after.password):
        raise ValidationError(("manager", Msg("the outlet and its manager are created; they "
                                              "cannot be changed here")))
    _check_request(after)
    parts = changed_steps(before, after)
    if not parts:
        return []
    app = open_app(settings, clock)
    try:
        session = app.auth.login(after.manager, after.password)
        return _later_steps(app, session, after, clock, detect, parts)
    finally:
        app.close()


def _later_steps(app: Any, session: Any, req: SetupRequest, clock: Clock,
                 detect: Callable[[], tuple[list[Any], Any]] | None,
                 parts: frozenset[str] | set[str]) -> list[SetupStep]:
    from .domain.print_faults import PrinterFault
    from .sync.errors import SyncError

    steps: list[SetupStep] = []
    if "enroll" in parts and (req.server or req.provisioning_file):
        from .sync.enroll import enroll_offline, enroll_online

        try:
            if req.provisioning_file:
                device = enroll_offline(app.db.uow, clock, session,
                                        Path(req.provisioning_file)).device_id
            else:
                ca_pem = Path(req.ca_bundle).read_text() if req.ca_bundle else None
                device = enroll_online(app.db.uow, clock, session, server=str(req.server),
                                       code=str(req.enroll_code), terminal=req.terminal,
                                       origin_district=app.outlet.origin_district,
                                       ca_pem=ca_pem, ca_path=req.ca_bundle)["device_id"]
            steps.append(SetupStep("enroll", True, Msg("enrolled as device {device}",
                                                       device=device)))
        except SyncError as e:
            steps.append(SetupStep("enroll", False, Msg("not enrolled: {why}", why=e.message),
                                   Msg("when the server is reachable: outlet-pos enroll "
                                       "--server URL --code CODE --user {user}",
                                       user=req.manager)))
    printer_ok = app.printing.printer_setting() is not None and "printer" not in parts
    if "printer" in parts and req.printer:
        connection, profile = req.printer, req.profile
        if connection == "auto":
            from .printing.detect import usb_printers

            found, problem = (detect or usb_printers)()
            chosen = choose_usb_printer(found)
            if chosen is None:
                steps.append(SetupStep("printer", False, Msg(
                    "no USB printer with a known profile was found{why}",
                    why=f" ({problem})" if problem else ""),
                    Msg("plug the printer in and switch it on, or name it: --printer "
                        "usb:VID:PID --profile NAME (see outlet-pos printer list)")))
                connection = None
            else:
                connection, profile = chosen[0], profile or chosen[1]
        if connection:
            p = app.printing.configure(session, connection, profile)
            printer_ok = True
            steps.append(SetupStep("printer", True, Msg(
                "printer {connection} as {profile}", connection=p.connection,
                profile=p.profile_name)))
    if "language" in parts and req.language:
        with app.db.uow(write=True) as uow:
            uow.meta.set("language", req.language)
            uow.commit()
        steps.append(SetupStep("language", True, Msg("language: {lang}", lang=req.language)))
    if "test_print" in parts and req.test_print:
        if not printer_ok:
            steps.append(SetupStep("test_print", False, Msg("no test page: no printer is "
                                                            "set up"),
                                   Msg("choose one: outlet-pos printer use CONNECTION "
                                       "--profile NAME, then outlet-pos printer test")))
        else:
            try:
                p = app.printing.test_page(session)
                steps.append(SetupStep("test_print", True, Msg(
                    "the test page went to {connection}: check on paper that the barcode "
                    "and QR scan and the accents print", connection=p.connection)))
            except PrinterFault as f:
                steps.append(SetupStep("test_print", False, Msg(
                    "the test page was not printed: {problem} ({detail})",
                    problem=f.message, detail=f.detail), f.remedy))
    return steps
