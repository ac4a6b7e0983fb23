"""The table model of Today's shipments: figures per row, its sync and print state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.money import format_rupiah
from ...domain.waybill import format_waybill
from ...i18n import tr
from ...services.ports import PrintJobRow, ShipmentSummary

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TodayRow:
    summary: ShipmentSummary
    print_job: PrintJobRow | None

    @property
    def state(self) -> str:
        """queued | synced | printed | print failed | void (what the clerk needs first)."""
        s = self.summary
        if s.status == "void":
            return tr("void")
        if self.print_job is not None and self.print_job.status == "failed":
            return tr("print failed")
        if s.synced:
            return tr("synced")
        if self.print_job is not None and self.print_job.status == "done":
            return tr("printed")
        return tr("queued")

    @property
    def reason(self) -> str:
        job = self.print_job
        if job is None or job.status != "failed":
            return ""
        from ...printing.faults import FaultKind, message_for

        try:
            return tr(message_for(FaultKind(job.fault or "unexpected")))
        except ValueError:
            return job.detail or ""


COLUMNS = ("Waybill", "Time", "Service", "Weight", "Total", "Payment", "State")


class TodayModel(QAbstractTableModel):
    def __init__(self, timezone: Any) -> None:
        super().__init__()
        self._rows: list[TodayRow] = []
        self._tz = timezone

    def set_rows(self, rows: list[TodayRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> TodayRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        s, col = r.summary, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (format_waybill(s.waybill), s.booked_at.astimezone(self._tz).strftime("%H:%M"),
                    s.service, tr("{kg} kg", kg=str(s.chargeable_kg)), format_rupiah(s.total),
                    s.payment_method, r.state)[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 6:
            return r.reason or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
