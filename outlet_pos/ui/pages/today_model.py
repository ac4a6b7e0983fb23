"""The table model of Today's shipments: figures per row, its sync and print state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.money import format_rupiah
from ...domain.records import PrintJobRow, ShipmentSummary
from ...domain.waybill import format_waybill
from ...domain.words import payment_name
from ...i18n import tr
from ...services.refused import Refused
from .row_model import Index, RowListModel


@dataclass(frozen=True)
class TodayRow:
    summary: ShipmentSummary
    print_job: PrintJobRow | None
    refused: Refused | None = None  # an event of this shipment the server refused

    @property
    def state(self) -> str:
        """queued | synced | printed | print failed | refused | void (what the clerk needs
        first: a failed print is theirs to fix now, a refusal the manager's)."""
        s = self.summary
        if s.status == "void" and self.refused is None:
            return tr("void")
        if self.print_job is not None and self.print_job.status == "failed":
            return tr("print failed")
        if self.refused is not None:
            refused = tr("refused by the server")
            return f"{tr('void')} · {refused}" if s.status == "void" else refused
        if s.synced:
            return tr("synced")  # to the central server: not "delivered"
        if self.print_job is not None and self.print_job.status == "done":
            return tr("printed")
        return tr("queued")

    @property
    def reason(self) -> str:
        job = self.print_job
        if self.refused is not None and (job is None or job.status != "failed"):
            return tr("{reason}. {remedy}", reason=tr(self.refused.reason),
                      remedy=tr(self.refused.remedy))
        if job is None or job.status != "failed":
            return ""
        from ...domain.print_faults import FaultKind, message_for

        try:
            return tr(message_for(FaultKind(job.fault or "unexpected")))
        except ValueError:
            return job.detail or ""


REFUSED_COLOUR = "#ffb74d"  # the status bar's amber for refused events
COLUMNS = ("Waybill", "Time", "Service", "Weight", "Total", "Payment", "State")


class TodayModel(RowListModel[TodayRow]):
    COLUMNS = COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self._row(index)
        if r is None:
            return None
        s, col = r.summary, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (format_waybill(s.waybill), s.booked_at.astimezone(self._tz).strftime("%H:%M"),
                    s.service, tr("{kg} kg", kg=str(s.chargeable_kg)), format_rupiah(s.total),
                    payment_name(s.payment_method), r.state)[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 6:
            return r.reason or None
        if role == Qt.ItemDataRole.BackgroundRole and col == 6 and r.refused is not None:
            return QBrush(QColor(REFUSED_COLOUR))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
