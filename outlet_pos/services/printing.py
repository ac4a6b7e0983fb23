"""The print spool: waybill copies become jobs, jobs go to the printer, faults are kept.

Booking never waits on a printer: jobs are rows written with the shipment (or
later, for reprints) and sent afterwards, off the GUI thread, by ``run``. A job
holds no personal data; the waybill is rendered from the shipment when sent,
so a shipment voided before its job runs prints as VOID. Every outcome is
stored: queued → sending → done | failed (with the fault class and a detail),
and a failed job is retried on demand.

A Z report (end-of-day closing) goes through the same spool: its job is written
with the closing (``closing.Z_COPY``) and rendered from the stored closing when
sent, so it prints for the configured printer's columns and is retried like a
waybill when the printer was not ready.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from ..domain import roles
from ..domain.errors import DomainError, ValidationError
from ..domain.print_faults import FaultKind, PrinterFault, message_for, remedy_for
from ..domain.records import PrintJobRow
from ..domain.roles import Action
from ..domain.stored_settings import COURIER_NAME, PRINTER_CONNECTION, PRINTER_PROFILE
from ..domain.waybill import normalize_waybill
from ..domain.waybill_document import Copy, Document, OutletLine, build_test_page, build_waybill
from ..domain.z_report import CashLine, MethodTotal, VoidLine, ZReport, build_z_report
from ..i18n import Msg
from .auth import UserSession
from .cash import cash_day
from .closing import Z_COPY, Closing, parse_z_job_key, z_job_key
from .outlet import OutletInfo
from .ports import Clock, UnitOfWork, UnitOfWorkFactory
from .refusals import require
from .shifts import day_shifts
from .shipments import get_shipment

log = logging.getLogger(__name__)
DEFAULT_COPIES = (Copy.LABEL, Copy.RECEIPT)


class Printer(Protocol):
    """A configured printer: renders a document for itself and sends it (raises PrinterFault)."""

    connection: str

    @property
    def profile_name(self) -> str: ...
    @property
    def has_cash_drawer(self) -> bool: ...  # its profile has a drawer port

    def print_document(self, doc: Document) -> object: ...


PrinterFactory = Callable[[str, str | None], Printer]  # (connection, profile) → Printer
PdfWriter = Callable[[Sequence[Document], Path, str], None]  # (docs, path, page size)


@dataclass(frozen=True)
class JobOutcome:
    job_id: int
    waybill: str
    copy: str
    reprint: int
    status: str  # done | failed | sending (another worker has it)
    fault: str | None = None
    detail: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "done"

    @property
    def message(self) -> Msg | None:
        return message_for(self.fault) if self.fault else None

    @property
    def remedy(self) -> Msg | None:
        return remedy_for(self.fault) if self.fault else None


def parse_copies(values: Sequence[str]) -> tuple[Copy, ...]:
    try:
        return tuple(Copy(v) for v in values)
    except ValueError:
        raise ValidationError(("copy", Msg("must be label, receipt or outlet"))) from None


class NoSuchJob(DomainError):
    pass


class PrintService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, outlet: OutletInfo,
                 printers: PrinterFactory, pdf: PdfWriter,
                 place_name: Callable[[str], str | None] = lambda _code: None) -> None:
        self._uow = uow
        self._clock = clock
        self._outlet = outlet
        self._printers = printers
        self._pdf = pdf
        self._place = place_name

    # -- configuration -------------------------------------------------------------------
    def configure(self, session: UserSession, connection: str, profile: str | None) -> Printer:
        """Choose this counter's printer; the factory checks the string and the profile."""
        require(self._uow, session, Action.CONFIGURE_PRINTER)
        printer = self._printers(connection, profile)
        with self._uow(write=True) as uow:
            PRINTER_CONNECTION.write(uow.meta, printer.connection)
            PRINTER_PROFILE.write(uow.meta, printer.profile_name)
            uow.audit.append(session.username, "printer_configured", None,
                             {"connection": printer.connection, "profile": printer.profile_name})
            uow.commit()
        return printer

    def printer_setting(self) -> str | None:
        """Where this counter prints (connection string), or None when not set up."""
        with self._uow() as uow:
            return PRINTER_CONNECTION.read(uow.meta)

    def printer(self) -> Printer | None:
        with self._uow() as uow:
            connection, profile = PRINTER_CONNECTION.read(uow.meta), PRINTER_PROFILE.read(uow.meta)
        return self._printers(connection, profile) if connection else None

    def _outlet_line(self, uow: UnitOfWork) -> OutletLine:
        courier = COURIER_NAME.read(uow.meta)
        o = self._outlet
        return OutletLine(o.number, o.terminal, o.name, o.timezone,
                          **({"courier": courier} if courier else {}))

    # -- jobs ----------------------------------------------------------------------------
    def enqueue(self, session: UserSession, waybill: str,
                copies: Sequence[Copy] = DEFAULT_COPIES) -> list[int]:
        """Queue copies of a waybill. A copy printed before is a reprint: audited, marked."""
        require(self._uow, session, Action.PRINT)
        number = normalize_waybill(waybill)
        now = self._clock()
        ids: list[int] = []
        with self._uow(write=True) as uow:
            get_shipment(uow, number)
            for copy in copies:
                n = uow.print_jobs.printed_count(number, copy.value)
                if n:
                    # Inside the write: an audit row here would roll back with it.
                    roles.require(session.role, Action.REPRINT)
                    uow.audit.append(session.username, "waybill_reprinted", number,
                                     {"copy": copy.value, "reprint": n})
                ids.append(uow.print_jobs.add(number, copy.value, n, session.username, now))
            uow.commit()
        return ids

    def run(self, job_id: int) -> JobOutcome:
        """Send one job now (blocking device I/O: call it off the GUI thread)."""
        printer: Printer | None = None
        fault: PrinterFault | None = None
        try:
            printer = self.printer()
        except ValidationError:
            fault = PrinterFault(FaultKind.NOT_CONFIGURED, "stored printer settings are invalid")
        if printer is None and fault is None:
            fault = PrinterFault(FaultKind.NOT_CONFIGURED, "no printer configured")
        with self._uow(write=True) as uow:
            job = uow.print_jobs.get(job_id)
            if job is None:
                raise NoSuchJob(Msg("print job {id} does not exist", id=job_id))
            claimed = uow.print_jobs.claim(job_id, printer.connection if printer else "-",
                                           self._clock())
            uow.commit()
        if not claimed:
            return _outcome(job)
        if fault is None:
            assert printer is not None
            fault = self._send(job, printer)
        status = "failed" if fault else "done"
        with self._uow(write=True) as uow:
            uow.print_jobs.finish(job_id, status, fault.kind.value if fault else None,
                                  fault.detail if fault else None, self._clock())
            uow.commit()
        log.info("print job %s (%s %s) %s%s", job_id, job.waybill, job.copy, status,
                 f": {fault}" if fault else "")
        return JobOutcome(job_id, job.waybill, job.copy, job.reprint, status,
                          fault.kind.value if fault else None, fault.detail if fault else None)

    def _send(self, job: PrintJobRow, printer: Printer) -> PrinterFault | None:
        if job.copy == Z_COPY:
            with self._uow() as uow:
                z, line = self._z_report(uow, job.waybill), self._outlet_line(uow)
            if z is None:
                return PrinterFault(FaultKind.UNSUPPORTED, "closing no longer stored")
            doc = build_z_report(z, line, job.reprint)
        else:
            with self._uow() as uow:
                record, line = uow.shipments.get(job.waybill), self._outlet_line(uow)
            if record is None:
                return PrinterFault(FaultKind.UNSUPPORTED, "shipment no longer stored")
            doc = build_waybill(record, line, Copy(job.copy), job.reprint,
                                self._place(record.dest_district))
            if record.payment_method == "cash" and job.copy == Copy.RECEIPT and not job.reprint:
                # the change goes with the sender's receipt: the drawer opens as it prints
                doc = replace(doc, open_drawer=True)
        try:
            printer.print_document(doc)
        except PrinterFault as f:
            return f
        return None

    def retry(self, session: UserSession, job_id: int) -> JobOutcome:
        require(self._uow, session, Action.PRINT)
        return self.run(job_id)

    def print_waybill(self, session: UserSession, waybill: str,
                      copies: Sequence[Copy] = DEFAULT_COPIES) -> list[JobOutcome]:
        """Queue and send now: what the CLI's ``print`` and a reprint button do."""
        return [self.run(i) for i in self.enqueue(session, waybill, copies)]

    def latest_jobs(self, waybills: list[str]) -> dict[str, PrintJobRow]:
        """The newest print job of each waybill: printed, queued, or failed and why."""
        with self._uow() as uow:
            return uow.print_jobs.latest_by_waybill(waybills)

    def run_pending(self) -> list[JobOutcome]:
        """Send every queued job (e.g. those written with a booking), oldest first."""
        with self._uow() as uow:
            queued = uow.print_jobs.with_status("queued")
        return [self.run(j.id) for j in queued]

    def jobs(self, waybill: str) -> list[PrintJobRow]:
        with self._uow() as uow:
            return uow.print_jobs.for_waybill(normalize_waybill(waybill))

    def failed(self) -> list[PrintJobRow]:
        with self._uow() as uow:
            return uow.print_jobs.with_status("failed")

    def recover(self) -> int:
        """At start-up: a job left 'sending' by a killed process is failed, to be retried."""
        with self._uow(write=True) as uow:
            n = uow.print_jobs.fail_stuck(self._clock())
            uow.commit()
        return n

    # -- Z report ------------------------------------------------------------------------
    def _z_report(self, uow: UnitOfWork, key: str) -> ZReport | None:
        parsed = parse_z_job_key(key)
        if parsed is None:
            return None
        day, sequence = parsed
        row = next((r for r in uow.closings.history(self._outlet.terminal, day.isoformat())
                    if r.sequence == sequence), None)
        if row is None:
            return None
        c = Closing.from_row(row)
        closed_at = datetime.fromisoformat(c.closed_at)
        # The payment split of what the closing counted: bookings made after it (a reopened
        # day) belong to the next closing.
        totals: dict[str, list[int]] = {}
        for s in uow.shipments.list_day(day):
            if s.status != "void" and s.booked_at <= closed_at:
                t = totals.setdefault(s.payment_method, [0, 0])
                t[0], t[1] = t[0] + 1, t[1] + s.total
        by_method = tuple(MethodTotal(m, n, rp) for m, (n, rp) in
                          sorted(totals.items(), key=lambda kv: (kv[0] != "cash", kv[0])))
        voids = tuple(VoidLine(s.waybill, s.total) for s in uow.shipments.list_day(day)
                      if s.status == "void")
        moved = cash_day(uow, self._outlet.terminal, day)
        movements = tuple(CashLine(m.kind, m.amount, m.at, m.by, m.reason)
                          for m in moved.movements if m.at <= closed_at)
        flt, cin, cout = (sum(m.amount for m in movements if m.kind == k)
                          for k in ("float", "in", "out"))
        return ZReport(sequence=c.sequence, business_date=c.business_date,
                       closed_by=c.closed_by, closed_at=closed_at, shipments=c.shipments,
                       voided=c.voided, revenue=c.revenue, cash_expected=c.cash_expected,
                       cash_counted=c.cash_counted, note=c.note, denominations=c.denominations,
                       by_method=by_method, reopened=c.reopened_at is not None,
                       cash_sales=c.cash_expected - flt - cin + cout, float=flt, cash_in=cin,
                       cash_out=cout, movements=movements, voids=voids,
                       shifts=day_shifts(uow, self._outlet.terminal, day, closed_at))

    def z_report_jobs(self, day: date, sequence: int) -> list[PrintJobRow]:
        """The print jobs of a closing's Z report, oldest first."""
        with self._uow() as uow:
            return uow.print_jobs.for_waybill(z_job_key(day, sequence))

    def z_report(self, session: UserSession, day: date, sequence: int) -> ZReport | None:
        """The figures the Z report of a closing prints (None if no such closing)."""
        require(self._uow, session, Action.CLOSE_DAY)
        with self._uow() as uow:
            return self._z_report(uow, z_job_key(day, sequence))

    def print_z_report(self, session: UserSession, day: date, sequence: int) -> JobOutcome:
        """Send the closing's Z report (blocking device I/O: off the GUI thread): the job
        written with the closing, or its failed try again, or else a marked reprint."""
        require(self._uow, session, Action.CLOSE_DAY)
        key = z_job_key(day, sequence)
        with self._uow(write=True) as uow:
            if self._z_report(uow, key) is None:
                raise NoSuchJob(Msg("there is no closing {n} on {day}", n=sequence,
                                    day=day.isoformat()))
            jobs = uow.print_jobs.for_waybill(key)
            waiting = [j for j in jobs if j.status in ("queued", "failed")]
            if waiting:
                job_id = waiting[-1].id
            else:
                n = uow.print_jobs.printed_count(key, Z_COPY)
                if n:
                    uow.audit.append(session.username, "z_report_reprinted", day.isoformat(),
                                     {"sequence": sequence, "reprint": n})
                job_id = uow.print_jobs.add(key, Z_COPY, n, session.username, self._clock())
            uow.commit()
        return self.run(job_id)

    # -- test page and PDF ---------------------------------------------------------------
    def test_page(self, session: UserSession) -> Printer:
        """Print the test page (barcode, QR, code-page line); raises PrinterFault."""
        require(self._uow, session, Action.TEST_PRINTER)
        printer = self.printer()
        if printer is None:
            raise PrinterFault(FaultKind.NOT_CONFIGURED, "no printer configured")
        with self._uow() as uow:
            line = self._outlet_line(uow)
        printer.print_document(build_test_page(line, printer.connection, printer.profile_name))
        return printer

    def open_drawer(self, session: UserSession) -> Printer:
        """Pulse the cash drawer (a technician checking its cable); audited, as the drawer
        opening outside a sale is what a manager looks for. Raises PrinterFault."""
        require(self._uow, session, Action.TEST_PRINTER)
        printer = self.printer()
        if printer is None:
            raise PrinterFault(FaultKind.NOT_CONFIGURED, "no printer configured")
        if not printer.has_cash_drawer:
            raise PrinterFault(FaultKind.UNSUPPORTED, "the printer profile has no drawer port")
        printer.print_document(Document("drawer", (), open_drawer=True))
        with self._uow(write=True) as uow:
            uow.audit.append(session.username, "drawer_opened", None, {"sale": False})
            uow.commit()
        return printer

    def export_pdf(self, session: UserSession, waybill: str, copies: Sequence[Copy],
                   path: Path, page: str = "label") -> None:
        """Write copies of a waybill as a PDF (personal data leaves the app: audited)."""
        require(self._uow, session, Action.PRINT)
        number = normalize_waybill(waybill)
        with self._uow(write=True) as uow:
            record, line = get_shipment(uow, number), self._outlet_line(uow)
            uow.audit.append(session.username, "waybill_pdf", number,
                             {"copies": [c.value for c in copies], "page": page})
            uow.commit()
        self._pdf([build_waybill(record, line, c, 0, self._place(record.dest_district))
                   for c in copies], path, page)


def _outcome(job: PrintJobRow) -> JobOutcome:
    return JobOutcome(job.id, job.waybill, job.copy, job.reprint, job.status, job.fault,
                      job.detail)
