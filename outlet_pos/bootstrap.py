"""The one place that wires storage, reference data and services together.

Nothing connects at import time: ``open_app`` and ``init_outlet`` build
everything for one data directory and hand back an ``App``.
"""

from __future__ import annotations

import functools
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import __version__
from .atomic_file import write_text
from .config import Settings, zone_name
from .domain.customer_requests import CustomerCopy
from .domain.doctor_facts import BackupFacts, DbFacts, KeyFacts, PrinterFacts, ServerFacts
from .domain.errors import ValidationError
from .domain.records import DeviceCredential
from .domain.shifts import ShiftFigures
from .domain.stored_settings import (
    DOCTOR_LAST,
    ORIGIN_DISTRICT,
    OUTLET_NAME,
    OUTLET_NUMBER,
    SYNC_SERVER,
    TERMINAL,
    TIMEZONE,
)
from .domain.waybill import MAX_OUTLET, MAX_TERMINAL
from .logging_setup import setup_logging
from .refdata.holidays import LokalCalendar
from .refdata.regions import LokalRegionDirectory
from .refdata.tariffs_source import BundledTariffs
from .reports.writers import ReportWriters
from .services.admin import AdminService
from .services.auth import AuthService, check_password, check_username
from .services.backup import BackupService
from .services.booking import BookingService
from .services.cash import CashService
from .services.closing import ClosingService
from .services.customer_requests import CustomerRequestService
from .services.doctor import Doctor
from .services.dropoff import DropOffService
from .services.enrolment import EnrolmentService
from .services.fleet_report import FleetReporter
from .services.loyalty import LoyaltyService
from .services.outlet import OutletInfo
from .services.outlet_day import OutletDayService
from .services.ports import UnitOfWorkFactory
from .services.preferences import Preferences
from .services.printing import PrintService
from .services.refused import RefusedEvents
from .services.reports import ReportService
from .services.retire import RetireService
from .services.scale import ScaleDevice, ScaleService
from .services.setup import Detect, SetupRequest, SetupService
from .services.shifts import ShiftService
from .services.shipments import ShipmentService
from .services.sync_front import SyncFront
from .services.tariffs import VerifiedTariffs
from .storage.database import Database
from .storage.passwords import Argon2Hasher
from .storage.tariff_store import StoredTariffRow
from .sync.enroll import HttpEnrolment
from .sync.worker import SyncWorker

if TYPE_CHECKING:
    from .domain.waybill_document import Document
    from .printing.printer import EscposPrinter
    from .storage.diagnostics import FreeBytes
    from .sync.client import SyncClient

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class App:
    """One open outlet: its services. ``db`` and ``worker`` are this module's to use."""

    settings: Settings
    db: Database
    clock: Clock
    outlet: OutletInfo
    auth: AuthService
    booking: BookingService
    dropoff: DropOffService
    shipments: ShipmentService
    admin: AdminService
    directory: LokalRegionDirectory
    calendar: LokalCalendar
    printing: PrintService
    worker: SyncWorker
    sync: SyncFront
    enrolment: EnrolmentService
    preferences: Preferences
    loyalty: LoyaltyService
    refused: RefusedEvents
    closing: ClosingService
    cash: CashService
    retire: RetireService
    reports: ReportService
    outlet_day: OutletDayService
    backup: BackupService
    scale: ScaleService
    customer_requests: CustomerRequestService
    shifts: ShiftService

    key_store: str | None = None  # the key store's description, for the technician

    def today(self) -> date:
        """The outlet's business date now (its time zone), without a database read."""
        return self.outlet.business_date(self.clock())

    def release_database(self) -> None:
        """Stop sync and close the database, so a restore can replace its file."""
        self.worker.stop()
        self.db.close()

    def reopen_database(self) -> None:
        """After ``release_database``: the database (as restored) and sync again."""
        self.db.open()
        self.worker.start()

    def close(self) -> None:
        self.worker.stop()
        self.db.close()


def _wire(settings: Settings, db: Database, clock: Clock) -> App:
    meta = db.meta()
    outlet = OutletInfo(
        number=OUTLET_NUMBER.require(meta), terminal=TERMINAL.require(meta),
        name=OUTLET_NAME.require(meta), timezone=ZoneInfo(TIMEZONE.require(meta)),
        origin_district=ORIGIN_DISTRICT.require(meta),
    )
    directory, calendar = LokalRegionDirectory(), LokalCalendar()
    auth = AuthService(db.uow, Argon2Hasher(), clock)
    reporter = FleetReporter(db.uow, clock, __version__, functools.partial(
        _on_demand(".storage.diagnostics", "disk_free"), settings.data_dir))
    worker = SyncWorker(db.uow, clock, functools.partial(_make_client, settings.data_dir),
                        stale_after=timedelta(hours=settings.stale_hours),
                        health=reporter.report)
    sync = SyncFront(worker, db.uow)
    booking = BookingService(db.uow, _tariffs(db.uow), directory, calendar, clock, outlet)
    return App(
        settings=settings, db=db, clock=clock, outlet=outlet, auth=auth,
        key_store=db.store.description if db.store else None,
        booking=booking, dropoff=DropOffService(db.uow, booking, clock, worker.prebookings),
        shipments=ShipmentService(db.uow, clock),
        admin=AdminService(db.uow, clock, after_shred=db.checkpoint),
        directory=directory, calendar=calendar,
        printing=PrintService(db.uow, clock, outlet, _make_printer, _write_pdf,
                              directory.district_name),
        worker=worker, sync=sync, outlet_day=OutletDayService(db.uow, clock, outlet, sync),
        enrolment=EnrolmentService(db.uow, clock, HttpEnrolment(), terminal=outlet.terminal,
                                   origin_district=outlet.origin_district),
        preferences=Preferences(db.uow), refused=RefusedEvents(db.uow),
        loyalty=LoyaltyService(db.uow),
        closing=ClosingService(db.uow, clock, outlet),
        cash=CashService(db.uow, clock, outlet),
        retire=RetireService(db.uow, clock),
        reports=ReportService(db.uow, clock, outlet, ReportWriters(), auth.login,
                              directory.district_name),
        backup=backup_service(settings, clock, lambda: f"outlet-{outlet.number}-{outlet.terminal}",
                              outlet.local, db.uow),
        scale=ScaleService(db.uow, _make_scale),
        customer_requests=CustomerRequestService(
            db.uow, clock, outlet.number, f"{outlet.name} ({outlet.number})",
            _write_customer_copy, functools.partial(_clear_wal, db.path)),
        shifts=ShiftService(db.uow, clock, outlet, _write_x_pdf),
    )


def backup_service(settings: Settings, clock: Clock, label: Callable[[], str],
                   local: Callable[[datetime], datetime] = lambda d: d,
                   uow: UnitOfWorkFactory | None = None) -> BackupService:
    """Backups of ``settings.data_dir`` (also without an open App: restore, doctor)."""
    from .storage.backup_restore import SqliteRestores

    return BackupService(SqliteRestores(settings.data_dir, settings.keystore), clock,
                         settings.data_dir / "backups", label, local, uow)


def _make_client(data_dir: Path, cred: DeviceCredential) -> SyncClient:
    from .sync.client import SyncClient  # requests loads with the first sync, not at start

    ca_path = None
    if cred.ca_pem:
        # requests wants a file: the CA the technician gave at enrollment (public data).
        ca_file = data_dir / "server-ca.pem"
        if not ca_file.exists() or ca_file.read_text() != cred.ca_pem:
            write_text(ca_file, cred.ca_pem)  # whole or not at all: every sync reads it
        ca_path = str(ca_file)
    return SyncClient(cred.server, ca_bundle=ca_path, device_id=cred.device_id, seed=cred.seed)


def _tariffs(uow: UnitOfWorkFactory) -> VerifiedTariffs:
    """The stored tariff, checked with the wire protocol's verifier, else the bundled one."""
    from .protocol.wire import tariff_is_signed
    from .refdata.tariffs import load_sample_tariff

    return VerifiedTariffs(uow, StoredTariffRow(), tariff_is_signed, load_sample_tariff)


def _make_printer(connection: str, profile: str | None) -> EscposPrinter:
    from .printing.printer import make_printer  # Pillow and python-escpos load on first print

    return make_printer(connection, profile)


def _make_scale(connection: str, profile: str | None) -> ScaleDevice:
    from .scales.connections import open_scale  # checks the string; nothing is opened

    return open_scale(connection, profile)


def _write_x_pdf(figures: ShiftFigures, out: Path, *, outlet_label: str,
                 generated_at: datetime, lang: str | None = None) -> None:
    from .reports.shift_pdf import render_x_pdf  # reportlab loads only when a PDF is wanted

    render_x_pdf(figures, out, outlet_label=outlet_label, generated_at=generated_at, lang=lang)


def _write_customer_copy(copy: CustomerCopy, out: Path) -> None:
    from .reports.customer_copy_pdf import render_customer_copy  # reportlab: when wanted

    render_customer_copy(copy, out)


def _clear_wal(path: Path) -> bool:
    from .storage.customer_requests_repo import clear_wal

    return clear_wal(path)


def _write_pdf(docs: Sequence[Document], path: Path, page: str) -> None:
    """Waybill PDFs through the checked private writer: 0600 (a label carries names,
    addresses and phones), never over anything but an earlier PDF, never half written."""
    from .printing.pdf import write_pdf  # reportlab loads only when a PDF is wanted
    from .reports.private_file import write_private_binary

    write_private_binary(path, lambda out: write_pdf(docs, out, page))


def open_app(settings: Settings, clock: Clock = utc_now) -> App:
    """Open an initialised outlet (upgrading its schema if it is older than this app)."""
    setup_logging(settings.data_dir)
    db = Database(settings.data_dir, clock)
    try:
        db.open()
        app = _wire(settings, db, clock)
    except BaseException:
        db.close()
        raise
    log.info("opened outlet %s terminal %s", app.outlet.number, app.outlet.terminal)
    return app


def init_outlet(settings: Settings, *, outlet_number: int, terminal: int, manager: str,
                password: str, outlet_name: str = "", timezone: str = "WIB",
                clock: Clock = utc_now) -> App:
    """Create the database, keys and first manager for a new outlet terminal."""
    problems: list[tuple[str, str]] = []
    if not 1 <= outlet_number <= MAX_OUTLET:
        problems.append(("outlet_number", f"must be between 1 and {MAX_OUTLET}"))
    if not 1 <= terminal <= MAX_TERMINAL:
        problems.append(("terminal", f"must be between 1 and {MAX_TERMINAL}"))
    tz = zone_name(timezone)
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(("timezone", "must be WIB, WITA, WIT or a zone like Asia/Makassar"))
    for check in (lambda: check_username(manager), lambda: check_password(password, manager)):
        try:
            check()
        except ValidationError as e:
            problems += e.problems
    from .domain.text import clean_text  # printed on every waybill: no bidi or control chars

    try:
        outlet_name = clean_text("outlet_name", outlet_name, max_len=100, required=False)
    except ValidationError as e:
        problems += e.problems
    if problems:
        raise ValidationError(problems)
    origin = BundledTariffs().current().origin_district
    db = Database(settings.data_dir, clock)
    db.create(settings.keystore, {
        OUTLET_NUMBER.key: OUTLET_NUMBER.dump(outlet_number), TERMINAL.key: TERMINAL.dump(terminal),
        OUTLET_NAME.key: outlet_name or f"Outlet {outlet_number}", TIMEZONE.key: tz,
        ORIGIN_DISTRICT.key: origin,
    })
    setup_logging(settings.data_dir)
    app = _wire(settings, db, clock)
    app.auth.add_user(None, manager, "manager", password)
    log.info("initialised outlet %s terminal %s", outlet_number, terminal)
    return app


def has_database(settings: Settings) -> bool:
    """An outlet database exists in ``settings.data_dir`` (it may still fail to open)."""
    return database_files(settings)[0].exists()


def is_installed(settings: Settings) -> bool:
    """Set up already, or at least installed (its key store chosen): no first-run wizard."""
    from .storage.database import INSTALL_NAME

    return has_database(settings) or (settings.data_dir / INSTALL_NAME).exists()


def database_files(settings: Settings) -> list[Path]:
    """The database file and its WAL: for a scan in a child process, never opened here."""
    from .storage.database import DB_NAME

    return [settings.data_dir / DB_NAME, settings.data_dir / f"{DB_NAME}-wal"]


def wipe_data(settings: Settings) -> list[str]:
    """Destroy the outlet's keys, then remove its data directory (``retire``); the key ids
    destroyed. The App must be closed first."""
    from .storage.wipe import wipe

    return wipe(settings.data_dir)


def point_sync_at(app: App, url: str) -> None:
    """The demo only: its loopback server came up on another port; the credential stays."""
    with app.db.uow(write=True) as uow:
        SYNC_SERVER.write(uow.meta, url)
        uow.commit()


# ---------------------------------------------------------------------- technician's kit
def setup_service(settings: Settings, clock: Clock = utc_now,
                  detect: Detect | None = None,
                  scale_ports: Callable[..., Any] | None = None) -> SetupService:
    """The first-run setup of ``settings.data_dir`` (it creates the App it works on);
    ``detect`` replaces USB detection and ``scale_ports`` the serial ports seen (tests)."""
    from .sync.errors import SyncError

    def create(req: SetupRequest) -> App:
        return init_outlet(settings, outlet_number=req.outlet_number, terminal=req.terminal,
                           manager=req.manager, password=req.password,
                           outlet_name=req.outlet_name, timezone=req.timezone, clock=clock)

    return SetupService(data_dir=settings.data_dir, create=create,
                        open_outlet=lambda: open_app(settings, clock),
                        detect=detect or _on_demand(".printing.detect", "usb_printers"),
                        printer_problems=_printer_problems,
                        profile_problems=_profile_problems, server_problem=_server_problem,
                        enrol_error=SyncError, scales=_scale_ports(scale_ports))


def _scale_ports(ports: Callable[..., Any] | None) -> Any:
    from .services.setup_scale import ScalePorts

    detect = _on_demand(".scales.detect", "detect_scales")
    return ScalePorts(detect=(lambda: detect((), ports)) if ports else detect,
                      problems=lambda c, p: _problems(lambda: _make_scale(c, p)))


def _problems(check: Callable[[], object]) -> list[tuple[str, str]]:
    try:
        check()
    except ValidationError as e:
        return e.problems
    return []


def _printer_problems(connection: str, profile: str | None) -> list[tuple[str, str]]:
    from .printing.printer import make_printer  # checks the string; nothing is opened

    return _problems(lambda: make_printer(connection, profile))


def _profile_problems(profile: str) -> list[tuple[str, str]]:
    from .printing.profiles import get_profile

    return _problems(lambda: get_profile(profile))


def _server_problem(url: str) -> str | None:
    from .sync.client import check_server_url
    from .sync.errors import SyncError

    try:
        check_server_url(url)
    except SyncError as e:
        return e.message
    return None


@dataclass
class DoctorWiring:
    """``DoctorPorts``: the data directory's probe and the device probes, as they are."""

    data_dir: str
    platform: str
    database: Callable[[], DbFacts]
    keys: Callable[[], KeyFacts]
    meta: Callable[[], dict[str, str]]
    oldest_unsent: Callable[[], datetime | None]
    refused_events: Callable[[], int]
    free_bytes: Callable[[], int]
    last_backup: Callable[[], datetime | None]
    backups: Callable[[], BackupFacts]
    logs_writable: Callable[[], str | None]
    printer: Callable[[str, str | None], PrinterFacts]
    udev_rule: Callable[[], str | None]
    server: Callable[[str, str | None], ServerFacts]
    scale: Callable[[str, str | None, float], Any]


def doctor_ports(settings: Settings, *, free_bytes: FreeBytes | None = None,
                 printer: Callable[[str, str | None], PrinterFacts] | None = None,
                 server: Callable[[str, str | None], ServerFacts] | None = None,
                 udev_rule: Callable[[], str | None] | None = None,
                 platform: str = sys.platform,
                 scale: Callable[[str, str | None, float], Any] | None = None) -> DoctorWiring:
    """The doctor's ports for ``settings.data_dir``, without an App (a broken outlet cannot
    be opened); the keyword arguments replace single probes (tests)."""
    from .storage.diagnostics import LocalProbe, disk_free

    local = LocalProbe(Path(settings.data_dir), free_bytes or disk_free)
    return DoctorWiring(
        data_dir=str(local.data_dir), platform=platform, database=local.database,
        keys=local.keys, meta=local.meta, oldest_unsent=local.oldest_unsent,
        refused_events=local.refused_events, free_bytes=local.free_bytes,
        last_backup=local.last_backup,
        backups=functools.partial(_backup_facts, local.data_dir),
        logs_writable=local.logs_writable,
        printer=printer or _on_demand(".printing.probe", "probe_printer"),
        udev_rule=udev_rule or _on_demand(".printing.probe", "find_udev_rule"),
        server=server or _on_demand(".sync.probe", "probe_server"),
        scale=scale or _on_demand(".scales.detect", "probe_scale"))


def doctor_for(settings: Settings, clock: Clock, **probes: Any) -> Doctor:
    """The doctor of ``settings.data_dir``; ``probes`` as ``doctor_ports`` takes them."""
    return Doctor(doctor_ports(settings, **probes), clock,
                  stale_after=timedelta(hours=settings.stale_hours),
                  keep=functools.partial(_keep_doctor_summary, settings.data_dir))


def _keep_doctor_summary(data_dir: Path, summary: dict[str, Any]) -> None:
    from .storage.diagnostics import LocalProbe

    LocalProbe(Path(data_dir)).keep_setting(DOCTOR_LAST.key, DOCTOR_LAST.dump(summary))


def _backup_facts(data_dir: Path) -> BackupFacts:
    from .storage.restore_check import backup_facts

    return BackupFacts(**backup_facts(data_dir))


def _on_demand(module: str, name: str) -> Callable[..., Any]:
    """``module.name``, imported at its first call: python-escpos, pyusb and requests load
    only when a probe runs."""
    return lambda *args: getattr(importlib.import_module(module, __package__), name)(*args)
