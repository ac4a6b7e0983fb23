"""The manager's day and the accountant's period: review with filters and totals, events
the server refused, the daily report as PDF, a date range's figures by day, week or month,
the CSV export (masked; unmasked only after the manager re-enters their password and
writes down why, which is audited) and the XLSX workbook (no personal data at all).

Exports follow the filters the review was shown with: the same ``filter_rows`` picks the
rows of the screen and of the file. Times are the outlet's, districts have their names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TextIO

from ..domain.day_figures import BY, MAX_DAYS, DayFigures, PeriodReport, filter_rows
from ..domain.errors import ValidationError
from ..domain.records import ShipmentSummary
from ..domain.report_rows import CashRow, ClosingInfo, ExportRow, VoidInfo
from ..domain.roles import Action
from ..domain.text import clean_text
from ..i18n import Msg
from .auth import UserSession
from .cash import cash_day
from .closing import Closing
from .outlet import OutletInfo
from .ports import Clock, UnitOfWorkFactory
from .refusals import require
from .refused import Refused, refused_event
from .shifts import day_shifts

MIN_REASON = 10  # an unmasked export's reason: a sentence, not "ok"
FILTERS = ("clerk", "service", "payment_method", "status", "search")


class ReportFiles(Protocol):
    """The files a report is written as: ``reports.writers.ReportWriters``, wired by
    bootstrap (as ``PrintService`` gets its ``PdfWriter``), so the service decides what
    goes in a file and who may have it, never how a PDF or a workbook is laid out."""

    def daily_pdf(self, figures: DayFigures, out: Path, *, outlet_label: str,
                  closing: ClosingInfo | None, generated_at: datetime) -> None: ...
    def day_csv(self, rows: Sequence[ExportRow], out: TextIO, *, masked: bool,
                tz: tzinfo) -> int: ...
    def period_xlsx(self, report: PeriodReport, rows: Sequence[ExportRow], out: BinaryIO, *,
                    title: str, generated_at: datetime, tz: tzinfo) -> int: ...


@dataclass(frozen=True)
class DayReview:
    day: date
    rows: list[ShipmentSummary]  # after the filters
    figures: DayFigures  # of the filtered rows
    closing: Closing | None
    refused: list[Refused]  # by waybill, the server's reason in the user's words
    clerks: list[str]  # every clerk of the day, for the filter choices
    services: list[str]
    methods: list[str]


class ReportService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, outlet: OutletInfo,
                 files: ReportFiles, verify_password: Callable[[str, str], Any],
                 district_name: Callable[[str], str | None] = lambda _code: None) -> None:
        self._uow, self._clock, self._outlet = uow, clock, outlet
        self._files = files
        # AuthService.login: a re-entered password counts toward lock-out and is audited.
        self._verify_password = verify_password
        self._district_name = district_name  # the region directory's (bootstrap wires it)

    def _day(self, day: date | None) -> date:
        return day or self._outlet.business_date(self._clock())

    def review(self, session: UserSession, day: date | None = None, *,
               clerk: str | None = None, service: str | None = None,
               payment_method: str | None = None, status: str | None = None,
               search: str | None = None) -> DayReview:
        """The day's rows after the filters (``search``: digits of the waybill)."""
        require(self._uow, session, Action.REVIEW_DAY)
        on = self._day(day)
        with self._uow() as uow:
            rows = uow.shipments.list_day(on)
            row = uow.closings.for_date(self._outlet.terminal, on.isoformat())
            parked = uow.queue.parked(limit=500)
        shown = filter_rows(rows, clerk=clerk, service=service,
                            payment_method=payment_method, status=status, search=search)
        refused = [refused_event(p) for p in parked]
        return DayReview(
            day=on, rows=shown, figures=DayFigures.from_rows(on, shown,
                                                             tz=self._outlet.timezone),
            closing=Closing.from_row(row) if row else None, refused=refused,
            clerks=sorted({r.clerk for r in rows}), services=sorted({r.service for r in rows}),
            methods=sorted({r.payment_method for r in rows}))

    def resend_refused(self, session: UserSession) -> int:
        """Queue the refused events again (after support fixed the cause); audited."""
        require(self._uow, session, Action.REVIEW_DAY)
        with self._uow(write=True) as uow:
            n = uow.queue.unpark()
            uow.audit.append(session.username, "refused_events_requeued", None, {"events": n})
            uow.commit()
        return n

    def daily_pdf(self, session: UserSession, out: Path, day: date | None = None) -> DayFigures:
        """The daily report: totals tables and charts, no personal data."""
        require(self._uow, session, Action.REVIEW_DAY)
        on = self._day(day)
        with self._uow() as uow:
            rows = uow.shipments.list_day(on)
            row = uow.closings.for_date(self._outlet.terminal, on.isoformat())
            moved = cash_day(uow, self._outlet.terminal, on)
            shifts = day_shifts(uow, self._outlet.terminal, on, datetime.fromisoformat(
                row.closed_at) if row else self._clock()).in_zone(self._outlet.timezone)
        figures = DayFigures.from_rows(on, rows, tz=self._outlet.timezone)
        closing = None
        if row:
            c = Closing.from_row(row)
            closing = ClosingInfo(sequence=c.sequence, cash_expected=c.cash_expected,
                                  cash_counted=c.cash_counted, difference=c.difference,
                                  note=c.note, closed_by=c.closed_by,
                                  closed_at=self._outlet.local(
                                      datetime.fromisoformat(c.closed_at)),
                                  denominations=c.denominations, float=moved.float,
                                  cash_sales=c.cash_expected - moved.float - moved.cash_in
                                  + moved.cash_out, cash_in=moved.cash_in,
                                  cash_out=moved.cash_out,
                                  movements=tuple(CashRow(self._outlet.local(m.at), m.kind,
                                                          m.amount, m.by, m.reason)
                                                  for m in moved.movements),
                                  voids=tuple((r.waybill, r.total) for r in rows
                                              if r.status == "void"), shifts=shifts)
        label = f"{self._outlet.name} · {self._outlet.number:05d}-{self._outlet.terminal:02d}"
        self._files.daily_pdf(figures, out, outlet_label=label, closing=closing,
                              generated_at=self._outlet.local(self._clock()))
        return figures

    def closing_pdf(self, session: UserSession, directory: Path, day: date,
                    sequence: int) -> Path:
        """The closing's report (the daily report with its closing: the Z report on A4),
        written 0600 into ``directory`` (an exports folder, never the data directory)."""
        require(self._uow, session, Action.REVIEW_DAY)
        out = directory / f"penutupan-{day.isoformat()}-{sequence}.pdf"
        self.daily_pdf(session, out, day)
        return out

    def period(self, session: UserSession, start: date, end: date,
               by: str = "day") -> PeriodReport:
        """A date range's figures by day, ISO week or month, and in total (for an
        accountant: ``outlet-pos report --from D --to D``, weekly, monthly)."""
        require(self._uow, session, Action.REVIEW_DAY)
        check_range(start, end, by)
        with self._uow() as uow:
            days = {on: uow.shipments.list_day(on) for on in _dates(start, end)}
        return PeriodReport.from_days(start, end, by, days, tz=self._outlet.timezone)

    def export_csv(self, session: UserSession, out: TextIO, day: date | None = None, *,
                   end: date | None = None, unmasked: bool = False,
                   reason: str | None = None, password: str | None = None,
                   **filters: str | None) -> int:
        """The day's shipments (or ``day`` to ``end``'s) as CSV; returns the rows written.
        Masked by default. ``filters`` are the review's (clerk, service, payment_method,
        status, search): the file has exactly the rows the screen shows.

        Unmasked is the privacy policy's law-enforcement case: a manager, their password
        entered again now, and a written reason; the audit row keeps who, why and how
        many rows, never the data.
        """
        require(self._uow, session, Action.REVIEW_DAY)
        _check_filters(filters)
        on = self._day(day)
        last = end or on
        check_range(on, last, "day")
        why = None
        if unmasked:
            require(self._uow, session, Action.EXPORT_PERSONAL)
            why = clean_text("reason", reason, max_len=500)
            if len(why) < MIN_REASON:
                raise ValidationError(("reason", Msg(
                    "say why the full personal data is needed (e.g. the request's number)")))
            if not password:
                raise ValidationError(("password", Msg(
                    "enter your password again to export personal data")))
            self._verify_password(session.username, password)
        with self._uow(write=True) as uow:
            summaries = filter_rows(self._rows(uow, on, last), **filters)
            # Masked rows still come from the decrypted record: the writer masks them.
            rows = self._export_rows(uow, summaries, personal=True)
            subject = on.isoformat() if last == on else f"{on.isoformat()}/{last.isoformat()}"
            what = _audited_filters(filters) | {"rows": len(rows)}
            if unmasked:
                uow.audit.append(session.username, "personal_data_exported", subject,
                                 {"reason": why, **what})
            else:
                uow.audit.append(session.username, "day_exported_masked", subject, what)
            uow.commit()
        return self._files.day_csv(rows, out, masked=not unmasked, tz=self._outlet.timezone)

    def export_xlsx(self, session: UserSession, out: BinaryIO, start: date | None = None,
                    end: date | None = None, *, by: str = "day",
                    **filters: str | None) -> PeriodReport:
        """``start`` to ``end`` (default: the business day) as an XLSX workbook: the
        summary by ``by`` with the total, the shipments, the voids and the group totals,
        after the review's ``filters``. No personal data; audited like a masked export."""
        require(self._uow, session, Action.REVIEW_DAY)
        _check_filters(filters)
        first = self._day(start)
        last = end or first
        check_range(first, last, by)
        with self._uow(write=True) as uow:
            days = {on: filter_rows(uow.shipments.list_day(on), **filters)
                    for on in _dates(first, last)}
            rows = self._export_rows(uow, [r for d in days.values() for r in d],
                                     personal=False)
            uow.audit.append(session.username, "period_exported_xlsx",
                             f"{first.isoformat()}/{last.isoformat()}",
                             _audited_filters(filters) | {"rows": len(rows), "by": by})
            uow.commit()
        report = PeriodReport.from_days(first, last, by, days, tz=self._outlet.timezone)
        label = f"{self._outlet.name} · {self._outlet.number:05d}-{self._outlet.terminal:02d}"
        self._files.period_xlsx(report, rows, out, title=label,
                                generated_at=self._outlet.local(self._clock()),
                                tz=self._outlet.timezone)
        return report

    @staticmethod
    def _rows(uow: Any, first: date, last: date) -> list[ShipmentSummary]:
        return [r for on in _dates(first, last) for r in uow.shipments.list_day(on)]

    def _export_rows(self, uow: Any, summaries: Sequence[ShipmentSummary], *,
                     personal: bool) -> list[ExportRow]:
        """Rows for a file. The shipment record is read (and decrypted) only where the
        file needs it: personal columns, a payment reference (non-cash), a void."""
        names: dict[str, str | None] = {}
        voids = _void_log(uow) if any(s.status == "void" for s in summaries) else {}
        rows = []
        for s in summaries:
            if s.dest_district not in names:
                names[s.dest_district] = self._district_name(s.dest_district)
            need = personal or s.payment_method != "cash" or s.status == "void"
            rec = uow.shipments.get(s.waybill) if need else None
            snd, rcp = (rec.sender, rec.recipient) if rec is not None else (None, None)
            void = None
            if s.status == "void":
                asked, authorised, at = voids.get(s.waybill, (None, None, None))
                void = VoidInfo(reason=rec.void_reason if rec else None, requested_by=asked,
                                authorised_by=authorised, at=at)
            rows.append(ExportRow(
                summary=s, district_name=names[s.dest_district],
                payment_ref=rec.payment_ref if rec else None, void=void,
                sender_name=snd.name if snd and personal else None,
                sender_phone=snd.phone if snd and personal else None,
                recipient_name=rcp.name if rcp and personal else None,
                recipient_phone=rcp.phone if rcp and personal else None,
                recipient_address=", ".join(rcp.address.lines()) if rcp and personal
                else None))
        return rows


def _void_log(uow: Any) -> dict[str, tuple[str | None, str | None, datetime | None]]:
    """{waybill: (who asked, who authorised, when)} from the audit rows of voids: the
    shipment row keeps only the authoriser's id, the audit keeps who asked (typed text,
    decrypted by the audit log; absent once retention shredded it)."""
    found: dict[str, tuple[str | None, str | None, datetime | None]] = {}
    for e in uow.audit.entries("shipment_voided"):
        if e["subject"]:
            asked = e["details"].get("requested_by")
            found[e["subject"]] = (asked, e["actor"], datetime.fromisoformat(e["at"]))
    return found


def _dates(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def check_range(start: date, end: date, by: str = "day", *, end_field: str = "end",
                by_field: str = "by") -> None:
    """A ValidationError naming the field unless ``start``..``end`` by ``by`` is a report
    we make (the command line checks with its option names before logging in)."""
    if by not in BY:
        raise ValidationError((by_field, Msg("must be day, week or month")))
    if end < start:
        raise ValidationError((end_field, Msg("is before the start date {start}",
                                              start=start.isoformat())))
    if (end - start).days >= MAX_DAYS:
        raise ValidationError((end_field, Msg("a report covers at most {n} days; ask for a "
                                              "shorter range", n=MAX_DAYS)))


def _check_filters(filters: dict[str, str | None]) -> None:
    unknown = set(filters) - set(FILTERS)
    if unknown:  # a caller's bug, not a person's input
        raise TypeError(f"unknown filters: {sorted(unknown)}")


def _audited_filters(filters: dict[str, str | None]) -> dict[str, Any]:
    """The filters for the audit row: the choices, but not the typed search text."""
    chosen: dict[str, Any] = {k: v for k, v in filters.items()
                              if v is not None and k != "search"}
    if filters.get("search"):
        chosen["search"] = True
    return {"filters": chosen} if chosen else {}
