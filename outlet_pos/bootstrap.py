"""The one place that wires storage, reference data and services together.

Nothing connects at import time: ``open_app`` and ``init_outlet`` build
everything for one data directory and hand back an ``App``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .config import Settings, zone_name
from .domain.errors import ValidationError
from .domain.records import DeviceCredential
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
from .services.outlet import OutletInfo
from .services.ports import UnitOfWorkFactory
from .services.printing import PrintService
from .services.reports import ReportService
from .services.retire import RetireService
from .services.shipments import ShipmentService
from .services.tariffs import VerifiedTariffs
from .storage.database import Database
from .storage.passwords import Argon2Hasher
from .storage.tariff_store import StoredTariffRow
from .sync.worker import SyncWorker

if TYPE_CHECKING:
    from .domain.waybill_document import Document
    from .printing.printer import EscposPrinter
    from .sync.client import SyncClient

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class App:
    settings: Settings
    db: Database
    outlet: OutletInfo
    auth: AuthService
    booking: BookingService
    shipments: ShipmentService
    admin: AdminService
    directory: LokalRegionDirectory
    calendar: LokalCalendar
    printing: PrintService
    sync: SyncWorker
    closing: ClosingService
    cash: CashService
    retire: RetireService
    reports: ReportService
    backup: BackupService

    def close(self) -> None:
        self.sync.stop()
        self.db.close()


def _wire(settings: Settings, db: Database, clock: Clock) -> App:
    meta = db.meta()
    outlet = OutletInfo(
        number=int(meta["outlet_number"]), terminal=int(meta["terminal"]),
        name=meta.get("outlet_name", ""), timezone=ZoneInfo(meta.get("timezone", "Asia/Jakarta")),
        origin_district=meta["origin_district"],
    )
    directory, calendar = LokalRegionDirectory(), LokalCalendar()
    auth = AuthService(db.uow, Argon2Hasher(), clock)
    return App(
        settings=settings, db=db, outlet=outlet, auth=auth,
        booking=BookingService(db.uow, _tariffs(db.uow), directory, calendar, clock, outlet),
        shipments=ShipmentService(db.uow, clock),
        admin=AdminService(db.uow, clock, after_shred=db.checkpoint),
        directory=directory, calendar=calendar,
        printing=PrintService(db.uow, clock, outlet, _make_printer, _write_pdf,
                              directory.district_name),
        sync=SyncWorker(db.uow, clock, functools.partial(_make_client, settings.data_dir),
                        stale_after=timedelta(hours=settings.stale_hours)),
        closing=ClosingService(db.uow, clock, outlet),
        cash=CashService(db.uow, clock, outlet),
        retire=RetireService(db.uow, clock),
        reports=ReportService(db.uow, clock, outlet, ReportWriters(), auth.login,
                              directory.district_name),
        backup=backup_service(settings, clock, lambda: f"outlet-{outlet.number}-{outlet.terminal}",
                              outlet.local, db.uow),
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
            ca_file.write_text(cred.ca_pem)
        ca_path = str(ca_file)
    return SyncClient(cred.server, ca_bundle=ca_path, device_id=cred.device_id, seed=cred.seed)


def _tariffs(uow: UnitOfWorkFactory) -> VerifiedTariffs:
    """The stored tariff, checked with the wire protocol's verifier, else the bundled one."""
    from .refdata.tariffs import load_sample_tariff
    from .sync.wire import tariff_is_signed

    return VerifiedTariffs(uow, StoredTariffRow(), tariff_is_signed, load_sample_tariff)


def _make_printer(connection: str, profile: str | None) -> EscposPrinter:
    from .printing.printer import make_printer  # Pillow and python-escpos load on first print

    return make_printer(connection, profile)


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
        "outlet_number": str(outlet_number), "terminal": str(terminal),
        "outlet_name": outlet_name or f"Outlet {outlet_number}", "timezone": tz,
        "origin_district": origin,
    })
    setup_logging(settings.data_dir)
    app = _wire(settings, db, clock)
    app.auth.add_user(None, manager, "manager", password)
    log.info("initialised outlet %s terminal %s", outlet_number, terminal)
    return app
