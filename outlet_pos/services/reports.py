"""The manager's day: review with filters and totals, events the server refused, the
daily report as PDF, and the day's CSV export (masked; unmasked only after the manager
re-enters their password and writes down why, which is audited).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from ..domain.errors import ValidationError
from ..domain.roles import Action
from ..domain.text import clean_text
from ..i18n import Msg
from ..reports.csv_export import ExportRow, write_day_csv
from ..reports.figures import DayFigures, filter_rows
from ..reports.private_file import write_private_binary
from .auth import UserSession
from .cash import cash_day
from .closing import Closing
from .outlet import OutletInfo
from .ports import Clock, ShipmentSummary, UnitOfWorkFactory
from .refusals import require

MIN_REASON = 10  # an unmasked export's reason: a sentence, not "ok"


@dataclass(frozen=True)
class RefusedEvent:
    """An event the central server rejected: parked, with the server's reason."""

    event_id: str
    kind: str
    created_at: str
    reason: str
    remedy: Msg


@dataclass(frozen=True)
class DayReview:
    day: date
    rows: list[ShipmentSummary]  # after the filters
    figures: DayFigures  # of the filtered rows
    closing: Closing | None
    refused: list[RefusedEvent]
    clerks: list[str]  # every clerk of the day, for the filter choices
    services: list[str]
    methods: list[str]


def remedy_for(kind: str, reason: str) -> Msg:
    """What a manager can do about a refused event, in words they can act on."""
    if "another outlet" in reason or "another shipment" in reason or "already" in reason:
        return Msg("call support with the event id: the server holds another record for it")
    if kind == "shipment.voided":
        return Msg("the server has not received the shipment yet: send again after it syncs")
    if kind in ("day.closed", "day.reopened"):
        return Msg("check the closing numbers of this terminal with support, then send again")
    return Msg("fix the cause with support, then send the refused events again")


class ReportService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, outlet: OutletInfo,
                 verify_password: Callable[[str, str], Any]) -> None:
        self._uow, self._clock, self._outlet = uow, clock, outlet
        # AuthService.login: a re-entered password counts toward lock-out and is audited.
        self._verify_password = verify_password

    def _day(self, day: date | None) -> date:
        return day or self._outlet.business_date(self._clock())

    def review(self, session: UserSession, day: date | None = None, *,
               clerk: str | None = None, service: str | None = None,
               payment_method: str | None = None, status: str | None = None) -> DayReview:
        require(self._uow, session, Action.REVIEW_DAY)
        on = self._day(day)
        with self._uow() as uow:
            rows = uow.shipments.list_day(on)
            row = uow.closings.for_date(self._outlet.terminal, on.isoformat())
            parked = uow.sync.parked(limit=500)
        shown = filter_rows(rows, clerk=clerk, service=service,
                            payment_method=payment_method, status=status)
        refused = [RefusedEvent(event_id=p["event_id"], kind=p["kind"],
                                created_at=p["created_at"], reason=p["last_error"] or "",
                                remedy=remedy_for(p["kind"], p["last_error"] or ""))
                   for p in parked]
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
            n = uow.sync.unpark()
            uow.audit.append(session.username, "refused_events_requeued", None, {"events": n})
            uow.commit()
        return n

    def daily_pdf(self, session: UserSession, out: Path, day: date | None = None) -> DayFigures:
        """The daily report: totals tables and charts, no personal data."""
        require(self._uow, session, Action.REVIEW_DAY)
        # reportlab loads with the first report, not with the counter window.
        from ..reports.pdf_report import CashRow, ClosingInfo, render_daily_pdf

        on = self._day(day)
        with self._uow() as uow:
            rows = uow.shipments.list_day(on)
            row = uow.closings.for_date(self._outlet.terminal, on.isoformat())
            moved = cash_day(uow, self._outlet.terminal, on)
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
                                              if r.status == "void"))
        label = f"{self._outlet.name} · {self._outlet.number:05d}-{self._outlet.terminal:02d}"
        write_private_binary(out, lambda f: render_daily_pdf(
            figures, f, outlet_label=label, closing=closing,
            generated_at=self._outlet.local(self._clock())))
        return figures

    def closing_pdf(self, session: UserSession, directory: Path, day: date,
                    sequence: int) -> Path:
        """The closing's report (the daily report with its closing: the Z report on A4),
        written 0600 into ``directory`` (an exports folder, never the data directory)."""
        require(self._uow, session, Action.REVIEW_DAY)
        out = directory / f"penutupan-{day.isoformat()}-{sequence}.pdf"
        self.daily_pdf(session, out, day)
        return out

    def export_csv(self, session: UserSession, out: TextIO, day: date | None = None, *,
                   unmasked: bool = False, reason: str | None = None,
                   password: str | None = None) -> int:
        """The day's shipments as CSV; returns the rows written. Masked by default.

        Unmasked is the privacy policy's law-enforcement case: a manager, their password
        entered again now, and a written reason; the audit row keeps who, why and how
        many rows, never the data.
        """
        require(self._uow, session, Action.REVIEW_DAY)
        on = self._day(day)
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
            summaries = uow.shipments.list_day(on)
            # Masked rows still come from the decrypted record: the writer masks them.
            rows = [self._export_row(uow, s) for s in summaries]
            if unmasked:
                uow.audit.append(session.username, "personal_data_exported", on.isoformat(),
                                 {"reason": why, "rows": len(rows)})
            else:
                uow.audit.append(session.username, "day_exported_masked", on.isoformat(),
                                 {"rows": len(rows)})
            uow.commit()
        return write_day_csv(rows, out, masked=not unmasked)

    @staticmethod
    def _export_row(uow: Any, s: ShipmentSummary) -> ExportRow:
        rec = uow.shipments.get(s.waybill)
        snd, rcp = rec.sender, rec.recipient
        return ExportRow(
            summary=s, sender_name=snd.name if snd else None,
            sender_phone=snd.phone if snd else None,
            recipient_name=rcp.name if rcp else None,
            recipient_phone=rcp.phone if rcp else None,
            recipient_address=", ".join(rcp.address.lines()) if rcp else None)
